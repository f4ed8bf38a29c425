"""Keyword-only data-access functions. Every query is scoped by ``workspace_id``.

Frames returned here use the column names of ``smmkpi.kpi`` and ``datetime64[ns]`` day columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import and_, func, select
from sqlmodel import Session

from db.models import (
    Account,
    Assignment,
    Client,
    Cost,
    DailyStat,
    Goal,
    GoalReach,
    ImportRun,
    Interaction,
    PlanTarget,
    Post,
    Rate,
    Sale,
    Specialist,
    WebStat,
    Workspace,
    utc_now,
)

DAILY_VALUE_COLUMNS = ("followers", "followers_gained", "followers_lost", "reach", "views", "profile_visits",
                       "link_clicks", "messages_in")  # fmt: skip
POST_VALUE_COLUMNS = ("reach", "views", "likes", "comments", "shares", "saves", "link_clicks")


ID_COLUMNS = ("account_id", "client_id", "specialist_id", "goal_id")


def _read(session: Session, statement) -> pd.DataFrame:
    """Rows as a frame; id columns are int64 even when no row came back."""
    result = session.execute(statement)
    # plain tuples: pandas builds a frame from them about 6x faster than from SQLAlchemy Row objects
    frame = pd.DataFrame.from_records([tuple(row) for row in result], columns=list(result.keys()))
    for column in ID_COLUMNS:
        if column in frame and frame[column].notna().all():
            frame[column] = frame[column].astype("int64")
    return frame


def _days(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    return frame


def _floats(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def _local_days(values: pd.Series, timezone: str) -> pd.Series:
    """UTC timestamps (aware or naive-UTC as SQLite returns them) → calendar days in ``timezone``."""
    stamps = pd.to_datetime(values, utc=True)
    return stamps.dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")


# --------------------------------------------------------------------------------------------------
# Workspaces, clients, accounts, specialists


def get_workspace(session: Session, *, name: str) -> Workspace | None:
    return session.execute(select(Workspace).where(Workspace.name == name)).scalars().first()


def get_workspace_by_id(session: Session, *, workspace_id: int) -> Workspace | None:
    return session.get(Workspace, workspace_id)


def ensure_workspace(session: Session, *, name: str) -> Workspace:
    workspace = get_workspace(session, name=name)
    if workspace is None:
        workspace = Workspace(name=name, created_at=utc_now())
        session.add(workspace)
        session.flush()
    return workspace


def list_workspaces(session: Session) -> list[Workspace]:
    return list(session.execute(select(Workspace).order_by(Workspace.name)).scalars())


def list_clients(session: Session, *, workspace_id: int) -> pd.DataFrame:
    stmt = select(Client.id.label("client_id"), Client.name).where(Client.workspace_id == workspace_id)
    return _read(session, stmt.order_by(Client.name))


def list_accounts(session: Session, *, workspace_id: int) -> pd.DataFrame:
    """account_id, network, handle, name, url, client_id, client."""
    stmt = (
        select(Account.id.label("account_id"), Account.network, Account.handle, Account.name, Account.url,
               Account.client_id, Client.name.label("client"))
        .join(Client, Client.id == Account.client_id)
        .where(Account.workspace_id == workspace_id)
        .order_by(Client.name, Account.network, Account.handle)
    )  # fmt: skip
    return _read(session, stmt)


def list_specialists(session: Session, *, workspace_id: int) -> pd.DataFrame:
    stmt = select(Specialist.id.label("specialist_id"), Specialist.key).where(
        Specialist.workspace_id == workspace_id
    )
    return _read(session, stmt.order_by(Specialist.key))


def list_assignments(
    session: Session, *, workspace_id: int, specialist_id: int | None = None
) -> pd.DataFrame:
    """account_id, specialist_id, specialist, since, until (NaT = still assigned)."""
    stmt = (
        select(Assignment.account_id, Assignment.specialist_id, Specialist.key.label("specialist"),
               Assignment.since, Assignment.until)
        .join(Specialist, Specialist.id == Assignment.specialist_id)
        .where(Assignment.workspace_id == workspace_id)
    )  # fmt: skip
    if specialist_id is not None:
        stmt = stmt.where(Assignment.specialist_id == specialist_id)
    return _days(_read(session, stmt.order_by(Assignment.account_id, Assignment.since)), "since", "until")


def data_date_range(session: Session, *, workspace_id: int) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day with daily stats (for default periods)."""
    row = session.execute(
        select(func.min(DailyStat.date), func.max(DailyStat.date)).where(
            DailyStat.workspace_id == workspace_id
        )
    ).one()
    return row[0], row[1]


def accounts_with_rows(session: Session, *, workspace_id: int, table: str) -> set[int]:
    """Accounts that have any row of ``posts`` or ``interactions`` on any date."""
    model = {"posts": Post, "interactions": Interaction}[table]
    stmt = select(model.account_id).where(model.workspace_id == workspace_id).group_by(model.account_id)
    return {row[0] for row in session.execute(stmt)}


# --------------------------------------------------------------------------------------------------
# Facts for the KPI engine


def load_daily(session: Session, *, workspace_id: int, account_ids: list[int], date_from: dt.date,
               date_to: dt.date, columns: tuple[str, ...] = DAILY_VALUE_COLUMNS) -> pd.DataFrame:  # fmt: skip
    """Daily rows in the range; value columns left out of ``columns`` come back as NaN (not loaded)."""
    cols = [getattr(DailyStat, c) for c in columns]
    stmt = select(DailyStat.account_id, DailyStat.date, *cols).where(
        DailyStat.workspace_id == workspace_id, DailyStat.account_id.in_(account_ids),
        DailyStat.date >= date_from, DailyStat.date <= date_to,
    )  # fmt: skip
    frame = _read(session, stmt)
    for column in DAILY_VALUE_COLUMNS:
        if column not in frame:
            frame[column] = float("nan")
    return _floats(_days(frame, "date"), *DAILY_VALUE_COLUMNS)[["account_id", "date", *DAILY_VALUE_COLUMNS]]


def load_followers(session: Session, *, workspace_id: int, account_ids: list[int], date_to: dt.date,
                   window_from: dt.date | None = None) -> pd.DataFrame:  # fmt: skip
    """Follower values up to ``date_to``; with ``window_from`` only the last one before it plus the window."""
    base = and_(
        DailyStat.workspace_id == workspace_id, DailyStat.account_id.in_(account_ids),
        DailyStat.followers.is_not(None), DailyStat.date <= date_to,
    )  # fmt: skip
    cols = (DailyStat.account_id, DailyStat.date, DailyStat.followers)
    if window_from is None:
        frame = _read(session, select(*cols).where(base))
    else:
        last_before = (
            select(DailyStat.account_id.label("aid"), func.max(DailyStat.date).label("d"))
            .where(base, DailyStat.date < window_from)
            .group_by(DailyStat.account_id)
            .subquery()
        )
        before = (
            select(*cols)
            .join(
                last_before,
                and_(last_before.c.aid == DailyStat.account_id, last_before.c.d == DailyStat.date),
            )
            .where(base)
        )
        inside = select(*cols).where(base, DailyStat.date >= window_from)
        frame = pd.concat([_read(session, before), _read(session, inside)], ignore_index=True)
    return _floats(_days(frame, "date"), "followers")


def _utc_bounds(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    # widened by a day on each side; exact calendar days in the workspace zone are cut in pandas
    start = dt.datetime.combine(date_from - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(date_to + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    return start, end


def load_posts(session: Session, *, workspace_id: int, account_ids: list[int], date_from: dt.date,
               date_to: dt.date, timezone: str, details: bool = False) -> pd.DataFrame:  # fmt: skip
    start, end = _utc_bounds(date_from, date_to)
    extra = (Post.post_id, Post.published_at, Post.format, Post.url, Post.is_promoted) if details else ()
    stmt = select(Post.account_id, Post.published_at.label("_ts"), *extra,
                  *[getattr(Post, c) for c in POST_VALUE_COLUMNS]).where(
        Post.workspace_id == workspace_id, Post.account_id.in_(account_ids),
        Post.published_at >= start, Post.published_at < end,
    )  # fmt: skip
    frame = _floats(_read(session, stmt), *POST_VALUE_COLUMNS)
    frame["date"] = _local_days(frame.pop("_ts"), timezone)
    days = pd.Timestamp(date_from), pd.Timestamp(date_to)
    return frame[(frame["date"] >= days[0]) & (frame["date"] <= days[1])].reset_index(drop=True)


def load_interactions(session: Session, *, workspace_id: int, account_ids: list[int], date_from: dt.date,
                      date_to: dt.date, timezone: str) -> pd.DataFrame:  # fmt: skip
    start, end = _utc_bounds(date_from, date_to)
    stmt = select(Interaction.account_id, Interaction.kind, Interaction.received_at,
                  Interaction.answered_at).where(
        Interaction.workspace_id == workspace_id, Interaction.account_id.in_(account_ids),
        Interaction.received_at >= start, Interaction.received_at < end,
    )  # fmt: skip
    frame = _read(session, stmt)
    received = pd.to_datetime(frame["received_at"], utc=True)
    answered = pd.to_datetime(frame["answered_at"], utc=True)
    frame["response_minutes"] = ((answered - received).dt.total_seconds() / 60.0).astype("float64")
    frame["date"] = _local_days(frame["received_at"], timezone)
    days = pd.Timestamp(date_from), pd.Timestamp(date_to)
    frame = frame[(frame["date"] >= days[0]) & (frame["date"] <= days[1])]
    return frame[["account_id", "kind", "date", "response_minutes"]].reset_index(drop=True)


def _channel_stmt(model, *values, workspace_id, client_ids, date_from, date_to):
    return select(model.client_id, model.channel, model.date, *values).where(
        model.workspace_id == workspace_id, model.client_id.in_(client_ids),
        model.date >= date_from, model.date <= date_to,
    )  # fmt: skip


def load_web(session: Session, *, workspace_id: int, client_ids: list[int], date_from: dt.date,
             date_to: dt.date) -> pd.DataFrame:  # fmt: skip
    stmt = _channel_stmt(WebStat, WebStat.sessions, WebStat.users, workspace_id=workspace_id,
                         client_ids=client_ids, date_from=date_from, date_to=date_to)  # fmt: skip
    return _floats(_days(_read(session, stmt), "date"), "sessions", "users")


def load_goal_reaches(session: Session, *, workspace_id: int, client_ids: list[int], date_from: dt.date,
                      date_to: dt.date) -> pd.DataFrame:  # fmt: skip
    stmt = _channel_stmt(GoalReach, Goal.goal, Goal.type, GoalReach.reaches, workspace_id=workspace_id,
                         client_ids=client_ids, date_from=date_from, date_to=date_to)  # fmt: skip
    stmt = stmt.join(Goal, Goal.id == GoalReach.goal_id)
    return _floats(_days(_read(session, stmt), "date"), "reaches")


def load_sales(session: Session, *, workspace_id: int, client_ids: list[int], date_from: dt.date,
               date_to: dt.date) -> pd.DataFrame:  # fmt: skip
    stmt = _channel_stmt(Sale, Sale.orders, Sale.revenue, workspace_id=workspace_id, client_ids=client_ids,
                         date_from=date_from, date_to=date_to)  # fmt: skip
    return _floats(_days(_read(session, stmt), "date"), "orders", "revenue")


def load_costs(session: Session, *, workspace_id: int, client_ids: list[int], date_from: dt.date,
               date_to: dt.date) -> pd.DataFrame:  # fmt: skip
    """Cost rows whose days (date..date_to) touch the range."""
    last_day = func.coalesce(Cost.date_to, Cost.date)
    stmt = select(Cost.client_id, Cost.channel, Cost.kind, Cost.account_id, Cost.date, Cost.date_to,
                  Cost.amount, Cost.currency).where(
        Cost.workspace_id == workspace_id, Cost.client_id.in_(client_ids),
        Cost.date <= date_to, last_day >= date_from,
    )  # fmt: skip
    frame = _floats(_days(_read(session, stmt), "date", "date_to"), "amount", "account_id")
    return frame


def load_plan(session: Session, *, workspace_id: int, client_ids: list[int]) -> pd.DataFrame:
    stmt = select(PlanTarget.client_id, PlanTarget.month, PlanTarget.scope, PlanTarget.kpi,
                  PlanTarget.target).where(
        PlanTarget.workspace_id == workspace_id, PlanTarget.client_id.in_(client_ids)
    )  # fmt: skip
    return _floats(_read(session, stmt), "target")


def load_rates(session: Session, *, workspace_id: int) -> pd.DataFrame:
    stmt = select(Rate.month, Rate.currency, Rate.rate).where(Rate.workspace_id == workspace_id)
    return _floats(_read(session, stmt), "rate")


# --------------------------------------------------------------------------------------------------
# Import history


def record_import(session: Session, *, workspace_id: int, source: str, summary_json: str) -> ImportRun:
    run = ImportRun(
        workspace_id=workspace_id, source=source, summary_json=summary_json, finished_at=utc_now()
    )
    session.add(run)
    session.flush()
    return run


def list_goals(session: Session, *, workspace_id: int) -> pd.DataFrame:
    """goal_id, client, goal, name, type (None when not typed) of the workspace's goals, by client and goal."""
    stmt = (
        select(Goal.id, Client.name, Goal.goal, Goal.name, Goal.type)
        .join(Client, Client.id == Goal.client_id)
        .where(Goal.workspace_id == workspace_id)
        .order_by(Client.name, Goal.goal)
    )
    return pd.DataFrame(
        list(session.execute(stmt).all()), columns=["goal_id", "client", "goal", "name", "type"]
    )


def account_ids_for(
    session: Session, *, workspace_id: int, accounts: Iterable[tuple[str, str]], clients: Iterable[str]
) -> list[int]:
    """Ids of the workspace's accounts named as (network, handle), plus every account of the named clients."""
    wanted, names = set(accounts), set(clients)
    if not wanted and not names:
        return []
    rows = session.execute(
        select(Account.id, Account.network, Account.handle, Client.name)
        .join(Client, Client.id == Account.client_id)
        .where(Account.workspace_id == workspace_id)
    ).all()
    return sorted(
        int(i) for i, network, handle, client in rows if (network, handle) in wanted or client in names
    )


def list_imports(session: Session, *, workspace_id: int, limit: int = 20) -> list[ImportRun]:
    stmt = (
        select(ImportRun).where(ImportRun.workspace_id == workspace_id)
        .order_by(ImportRun.id.desc()).limit(limit)
    )  # fmt: skip
    return list(session.execute(stmt).scalars())
