"""SQLModel tables for the whole KPI.md data model.

Every row carries ``workspace_id`` so any query can be scoped to one workspace (agencies host many
clients in one database). Natural keys of KPI.md §2 are unique constraints; imports upsert on them.
Timestamps are stored in UTC with the zone attached; days are calendar days in the workspace zone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

DEFAULT_CURRENCY = "RUB"
DEFAULT_TIMEZONE = "Europe/Moscow"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _count(**kw):
    """A nullable 64-bit count column (NULL = not reported)."""
    return Field(default=None, sa_column=Column(BigInteger, nullable=True), **kw)


def _utc(nullable: bool = True):
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Workspace(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    currency: str = DEFAULT_CURRENCY
    timezone: str = DEFAULT_TIMEZONE
    created_at: dt.datetime | None = _utc()


class Client(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    name: str


class Specialist(SQLModel, table=True):
    """A person assigned to accounts; ``key`` is the e-mail or name exactly as imported."""

    __table_args__ = (UniqueConstraint("workspace_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    key: str


class Account(SQLModel, table=True):
    """One community/page/channel on one network; ``handle`` is the ``account`` value as imported."""

    __table_args__ = (UniqueConstraint("workspace_id", "network", "handle"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    network: str
    handle: str
    name: str | None = None
    url: str | None = None


class Assignment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_id", "since"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    specialist_id: int = Field(foreign_key="specialist.id", index=True)
    since: dt.date
    until: dt.date | None = None


class DailyStat(SQLModel, table=True):
    __tablename__ = "daily_stat"
    __table_args__ = (
        UniqueConstraint("account_id", "date"),
        Index("ix_daily_stat_ws_date", "workspace_id", "date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id")
    date: dt.date
    followers: int | None = _count()
    followers_gained: int | None = _count()
    followers_lost: int | None = _count()
    reach: int | None = _count()
    views: int | None = _count()
    profile_visits: int | None = _count()
    link_clicks: int | None = _count()
    messages_in: int | None = _count()


class Post(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("account_id", "post_id"),
        Index("ix_post_ws_published", "workspace_id", "published_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id", index=True)
    post_id: str
    published_at: dt.datetime | None = _utc()
    format: str | None = None
    url: str | None = None
    reach: int | None = _count()
    views: int | None = _count()
    likes: int | None = _count()
    comments: int | None = _count()
    shares: int | None = _count()
    saves: int | None = _count()
    link_clicks: int | None = _count()
    is_promoted: bool | None = None


class Interaction(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("account_id", "interaction_id"),
        Index("ix_interaction_ws_received", "workspace_id", "received_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id", index=True)
    interaction_id: str
    kind: str | None = None
    received_at: dt.datetime | None = _utc()
    answered_at: dt.datetime | None = _utc()


class WebStat(SQLModel, table=True):
    __tablename__ = "web_stat"
    __table_args__ = (
        UniqueConstraint("client_id", "channel", "date"),
        Index("ix_web_stat_ws_date", "workspace_id", "date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    client_id: int = Field(foreign_key="client.id")
    channel: str
    date: dt.date
    sessions: int | None = _count()
    users: int | None = _count()


class Goal(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("client_id", "goal"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    client_id: int = Field(foreign_key="client.id")
    goal: str
    name: str | None = None
    type: str | None = None


class GoalReach(SQLModel, table=True):
    __tablename__ = "goal_reach"
    __table_args__ = (
        UniqueConstraint("goal_id", "channel", "date"),
        Index("ix_goal_reach_ws_date", "workspace_id", "date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    client_id: int = Field(foreign_key="client.id")
    goal_id: int = Field(foreign_key="goal.id")
    channel: str
    date: dt.date
    reaches: int | None = _count()


class Sale(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("client_id", "channel", "date"),
        Index("ix_sale_ws_date", "workspace_id", "date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    client_id: int = Field(foreign_key="client.id")
    channel: str
    date: dt.date
    orders: int | None = _count()
    revenue: float | None = None


class Cost(SQLModel, table=True):
    """A cost row; ``account`` is the handle as imported ('' = the whole channel), part of the key."""

    __table_args__ = (
        UniqueConstraint("client_id", "channel", "kind", "account", "date"),
        Index("ix_cost_ws_date", "workspace_id", "date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    client_id: int = Field(foreign_key="client.id")
    channel: str
    kind: str
    account: str = ""
    account_id: int | None = Field(default=None, foreign_key="account.id")
    date: dt.date
    date_to: dt.date | None = None
    amount: float | None = None
    currency: str | None = None
    clicks: int | None = _count()
    impressions: int | None = _count()


class PlanTarget(SQLModel, table=True):
    __tablename__ = "plan_target"
    __table_args__ = (UniqueConstraint("client_id", "month", "scope", "kpi"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    client_id: int = Field(foreign_key="client.id")
    month: str  # YYYY-MM
    scope: str  # 'all' or a network
    kpi: str
    target: float | None = None


class Rate(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "month", "currency"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    month: str  # YYYY-MM
    currency: str
    rate: float


class ImportRun(SQLModel, table=True):
    """One successful import: what came in and what it changed (the history shown on the Import page)."""

    __tablename__ = "import_run"
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    source: str
    finished_at: dt.datetime | None = _utc()
    summary_json: str = "{}"
