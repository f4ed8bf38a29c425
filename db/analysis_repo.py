"""Read functions for the analysis pages (funnel, money, content, communication) that db/repo.py lacks.

Keyword-only, scoped by ``workspace_id``, built with SQLAlchemy expressions (never string formatting).
Frames use the column names of ``smmkpi.kpi`` and ``datetime64[ns]`` day columns, like db/repo.py.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from db.models import Account, Interaction, Post
from db.repo import POST_VALUE_COLUMNS

POST_DETAIL_COLUMNS = ["account_id", "network", "account", "account_name", "post_id", "url", "format",
                       "is_promoted", "published_at", "date", *POST_VALUE_COLUMNS]  # fmt: skip
UNANSWERED_COLUMNS = ["account_id", "network", "account", "account_name", "account_url", "interaction_id",
                      "kind", "received_at"]  # fmt: skip


def _local_days(stamps: pd.Series, timezone: str) -> pd.Series:
    return stamps.dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")


def _utc_bounds(date_from: dt.date, date_to: dt.date, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where the calendar days date_from..date_to of ``timezone`` begin and end."""
    zone = ZoneInfo(timezone)
    start = dt.datetime.combine(date_from, dt.time(), tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tzinfo=zone).astimezone(dt.UTC)
    return start, end


def load_post_details(session: Session, *, workspace_id: int, account_ids: list[int], date_from: dt.date,
                      date_to: dt.date, timezone: str) -> pd.DataFrame:  # fmt: skip
    """Posts published on the days date_from..date_to (workspace zone) with their account and details.

    Columns: POST_DETAIL_COLUMNS; ``published_at`` is UTC-aware, ``date`` the local calendar day,
    ``is_promoted`` True/False/None, counts float64 (NaN = not reported).
    """
    start, end = _utc_bounds(date_from, date_to, timezone)
    stmt = (
        select(Post.account_id, Account.network, Account.handle.label("account"),
               Account.name.label("account_name"), Post.post_id, Post.url, Post.format, Post.is_promoted,
               Post.published_at, *[getattr(Post, c) for c in POST_VALUE_COLUMNS])
        .join(Account, Account.id == Post.account_id)
        .where(Post.workspace_id == workspace_id, Account.workspace_id == workspace_id,
               Post.account_id.in_(account_ids), Post.published_at >= start, Post.published_at < end)
    )  # fmt: skip
    result = session.execute(stmt)
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    frame["account_id"] = frame["account_id"].astype("int64")
    for column in POST_VALUE_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["is_promoted"] = frame["is_promoted"].astype("object").where(frame["is_promoted"].notna(), None)
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    frame["date"] = _local_days(frame["published_at"], timezone)
    return frame[POST_DETAIL_COLUMNS]


def load_unanswered(session: Session, *, workspace_id: int, account_ids: list[int], date_from: dt.date,
                    date_to: dt.date, timezone: str, received_before: dt.datetime,
                    limit: int = 500) -> tuple[pd.DataFrame, int]:  # fmt: skip
    """Interactions received on the days date_from..date_to (workspace zone) before ``received_before``
    and never answered: (the oldest — longest waiting — ``limit`` of them, oldest first; how many there are
    in all).

    Columns: UNANSWERED_COLUMNS plus ``date`` (local day); ``received_at`` is UTC-aware.
    """
    start, end = _utc_bounds(date_from, date_to, timezone)
    where = (
        Interaction.workspace_id == workspace_id, Account.workspace_id == workspace_id,
        Interaction.account_id.in_(account_ids), Interaction.answered_at.is_(None),
        Interaction.received_at >= start, Interaction.received_at < min(end, received_before),
    )  # fmt: skip
    stmt = (
        select(Interaction.account_id, Account.network, Account.handle.label("account"),
               Account.name.label("account_name"), Account.url.label("account_url"),
               Interaction.interaction_id, Interaction.kind, Interaction.received_at)
        .join(Account, Account.id == Interaction.account_id)
        .where(*where)
        .order_by(Interaction.received_at.asc(), Interaction.id.asc())
        .limit(limit)
    )  # fmt: skip
    result = session.execute(stmt)
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    frame["account_id"] = frame["account_id"].astype("int64")
    frame["received_at"] = pd.to_datetime(frame["received_at"], utc=True)
    frame["date"] = _local_days(frame["received_at"], timezone)
    count = select(func.count()).select_from(Interaction).join(Account, Account.id == Interaction.account_id)
    total = int(session.execute(count.where(*where)).scalar_one())
    return frame, total
