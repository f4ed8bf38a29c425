"""Keyword-only data access for the connection tables (db/connection_models.py).

Every query is scoped by ``workspace_id``, except the look-up of an OAuth ``state`` coming back from a
provider: the callback does not know its workspace yet, so the state row is found by its unique value
and its workspace is then checked by ``smmkpi.sources.oauth.check_state``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, exc, func, select, update
from sqlmodel import Session

from db.connection_models import Connection, OAuthState, SyncLock, SyncLogLine, SyncRun, TrackedAccount
from db.models import Account, Client, DailyStat, Goal, Interaction, Post


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --------------------------------------------------------------------------------------------------
# Connections


def get_connection(session: Session, *, workspace_id: int, connection_id: int) -> Connection | None:
    row = session.get(Connection, connection_id)
    return row if row is not None and row.workspace_id == workspace_id else None


def list_connections(session: Session, *, workspace_id: int, source: str | None = None) -> list[Connection]:
    stmt = select(Connection).where(Connection.workspace_id == workspace_id)
    if source is not None:
        stmt = stmt.where(Connection.source == source)
    return list(session.execute(stmt.order_by(Connection.source, Connection.id)).scalars())


def upsert_connection(
    session: Session,
    *,
    workspace_id: int,
    source: str,
    external_id: str,
    connected_as: str,
    kind: str,
    token_blob: str,
    expires_at: dt.datetime | None,
    created_by: str | None,
    now: dt.datetime,
) -> Connection:
    """Create the connection, or bring back the one for the same provider identity (reconnecting)."""
    row = session.execute(
        select(Connection).where(
            Connection.workspace_id == workspace_id,
            Connection.source == source,
            Connection.external_id == external_id,
        )
    ).scalar_one_or_none()
    if row is None:
        row = Connection(workspace_id=workspace_id, source=source, external_id=external_id, created_at=now)
        session.add(row)
    row.connected_as = connected_as
    row.kind = kind
    row.token_blob = token_blob
    row.expires_at = expires_at
    row.state = "connected"
    row.last_error = None
    row.created_by = created_by or row.created_by
    row.updated_at = now
    session.flush()
    return row


def store_token(
    session: Session,
    *,
    workspace_id: int,
    connection_id: int,
    token_blob: str,
    expires_at: dt.datetime | None,
    now: dt.datetime,
) -> None:
    session.execute(
        update(Connection)
        .where(Connection.workspace_id == workspace_id, Connection.id == connection_id)
        .values(token_blob=token_blob, expires_at=expires_at, updated_at=now)
    )


def set_connection_state(
    session: Session,
    *,
    workspace_id: int,
    connection_id: int,
    state: str,
    error: str | None,
    now: dt.datetime,
) -> None:
    session.execute(
        update(Connection)
        .where(Connection.workspace_id == workspace_id, Connection.id == connection_id)
        .values(state=state, last_error=error, updated_at=now)
    )


def disconnect_connection(
    session: Session, *, workspace_id: int, connection_id: int, now: dt.datetime
) -> None:
    """Forget the token (the row, its accounts and its sync history stay for the record)."""
    session.execute(
        update(Connection)
        .where(Connection.workspace_id == workspace_id, Connection.id == connection_id)
        .values(token_blob=None, expires_at=None, state="disconnected", last_error=None, updated_at=now)
    )
    session.execute(
        update(TrackedAccount)
        .where(TrackedAccount.workspace_id == workspace_id, TrackedAccount.connection_id == connection_id)
        .values(enabled=False)
    )


# --------------------------------------------------------------------------------------------------
# Tracked accounts


def upsert_tracked_account(
    session: Session,
    *,
    workspace_id: int,
    connection_id: int,
    external_id: str,
    handle: str,
    name: str | None,
    url: str | None,
    network: str | None,
    client: str,
    specialist: str | None,
    today: dt.date,
    now: dt.datetime,
) -> TrackedAccount:
    """Track an account (again); a changed specialist is assigned from ``today`` on."""
    row = session.execute(
        select(TrackedAccount).where(
            TrackedAccount.workspace_id == workspace_id,
            TrackedAccount.connection_id == connection_id,
            TrackedAccount.external_id == external_id,
        )
    ).scalar_one_or_none()
    specialist = (specialist or "").strip() or None
    if row is None:
        row = TrackedAccount(
            workspace_id=workspace_id,
            connection_id=connection_id,
            external_id=external_id,
            handle=handle,
            client=client,
            created_at=now,
            specialist=specialist,
        )
        session.add(row)
    elif specialist != row.specialist:
        row.specialist = specialist
        row.specialist_since = today if specialist else None
    row.name, row.url, row.network, row.client, row.enabled = name, url, network, client, True
    session.flush()
    return row


def list_tracked_accounts(
    session: Session, *, workspace_id: int, connection_id: int | None = None, enabled_only: bool = False
) -> list[TrackedAccount]:
    stmt = select(TrackedAccount).where(TrackedAccount.workspace_id == workspace_id)
    if connection_id is not None:
        stmt = stmt.where(TrackedAccount.connection_id == connection_id)
    if enabled_only:
        stmt = stmt.where(TrackedAccount.enabled.is_(True))
    return list(session.execute(stmt.order_by(TrackedAccount.connection_id, TrackedAccount.handle)).scalars())


def set_tracked_enabled(
    session: Session, *, workspace_id: int, tracked_account_id: int, enabled: bool
) -> None:
    session.execute(
        update(TrackedAccount)
        .where(TrackedAccount.workspace_id == workspace_id, TrackedAccount.id == tracked_account_id)
        .values(enabled=enabled)
    )


def set_cursor(
    session: Session, *, workspace_id: int, tracked_account_id: int, synced_through: dt.date, now: dt.datetime
) -> None:
    """Move the cursor forward (never back: a sync of older days must not make the next one redo more)."""
    row = session.get(TrackedAccount, tracked_account_id)
    if row is None or row.workspace_id != workspace_id:
        return
    if row.synced_through is None or synced_through > row.synced_through:
        row.synced_through = synced_through
    row.last_synced_at = now


# --------------------------------------------------------------------------------------------------
# OAuth states


def save_oauth_state(
    session: Session,
    *,
    workspace_id: int,
    source: str,
    state: str,
    verifier: str,
    user: str | None,
    redirect_uri: str,
    now: dt.datetime,
    expires_at: dt.datetime,
) -> None:
    session.add(
        OAuthState(
            workspace_id=workspace_id,
            source=source,
            state=state,
            verifier=verifier,
            user=user,
            redirect_uri=redirect_uri,
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()


def find_oauth_state(session: Session, *, state: str) -> OAuthState | None:
    """The state row by its unique value (see the module docstring for why this is not workspace-scoped)."""
    return session.execute(select(OAuthState).where(OAuthState.state == state)).scalar_one_or_none()


def use_oauth_state(session: Session, *, state: str, now: dt.datetime) -> bool:
    """Mark the state used; False when another request used it first (one UPDATE: safe across replicas)."""
    result = session.execute(
        update(OAuthState).where(OAuthState.state == state, OAuthState.used_at.is_(None)).values(used_at=now)
    )
    return result.rowcount == 1


def purge_oauth_states(session: Session, *, before: dt.datetime) -> int:
    """Delete states that expired before ``before`` (they can only ever be rejected)."""
    return session.execute(delete(OAuthState).where(OAuthState.expires_at < before)).rowcount


# --------------------------------------------------------------------------------------------------
# Sync runs and their log


def start_run(
    session: Session, *, workspace_id: int, connection_id: int, trigger: str, now: dt.datetime
) -> SyncRun:
    run = SyncRun(
        workspace_id=workspace_id,
        connection_id=connection_id,
        trigger=trigger,
        status="running",
        progress=0.0,
        rows=0,
        started_at=now,
        heartbeat_at=now,
    )
    session.add(run)
    session.flush()
    return run


def update_run(
    session: Session,
    *,
    workspace_id: int,
    run_id: int,
    now: dt.datetime,
    progress: float | None = None,
    rows: int | None = None,
) -> None:
    values: dict = {"heartbeat_at": now}
    if progress is not None:
        values["progress"] = max(0.0, min(1.0, progress))
    if rows is not None:
        values["rows"] = rows
    session.execute(
        update(SyncRun).where(SyncRun.workspace_id == workspace_id, SyncRun.id == run_id).values(**values)
    )


def finish_run(
    session: Session,
    *,
    workspace_id: int,
    run_id: int,
    status: str,
    rows: int,
    error: str | None,
    notes: str | None,
    now: dt.datetime,
    notes_json: str | None = None,
) -> None:
    session.execute(
        update(SyncRun)
        .where(SyncRun.workspace_id == workspace_id, SyncRun.id == run_id)
        .values(
            status=status,
            rows=rows,
            error=error,
            notes=notes,
            notes_json=notes_json,
            finished_at=now,
            heartbeat_at=now,
            progress=1.0 if status != "failed" else SyncRun.progress,
        )
    )


def fail_stale_runs(
    session: Session, *, workspace_id: int, connection_id: int, before: dt.datetime, now: dt.datetime
) -> int:
    """Runs still "running" without a heartbeat since ``before`` died with their process: mark them."""
    return session.execute(
        update(SyncRun)
        .where(
            SyncRun.workspace_id == workspace_id,
            SyncRun.connection_id == connection_id,
            SyncRun.status == "running",
            SyncRun.heartbeat_at < before,
        )
        .values(status="failed", error="interrupted", finished_at=now)
    ).rowcount


def get_run(session: Session, *, workspace_id: int, run_id: int) -> SyncRun | None:
    row = session.get(SyncRun, run_id)
    return row if row is not None and row.workspace_id == workspace_id else None


def list_runs(session: Session, *, workspace_id: int, connection_id: int, limit: int = 10) -> list[SyncRun]:
    stmt = (
        select(SyncRun)
        .where(SyncRun.workspace_id == workspace_id, SyncRun.connection_id == connection_id)
        .order_by(SyncRun.started_at.desc(), SyncRun.id.desc())
        .limit(limit)
    )
    return list(session.execute(stmt).scalars())


def add_log(
    session: Session,
    *,
    workspace_id: int,
    run_id: int,
    level: str,
    message: str,
    now: dt.datetime,
    code: str | None = None,
    params_json: str | None = None,
) -> None:
    session.add(SyncLogLine(workspace_id=workspace_id, run_id=run_id, level=level, message=message, at=now,
                            code=code, params_json=params_json))  # fmt: skip
    session.flush()


def list_log(session: Session, *, workspace_id: int, run_id: int, limit: int = 500) -> list[SyncLogLine]:
    stmt = (
        select(SyncLogLine)
        .where(SyncLogLine.workspace_id == workspace_id, SyncLogLine.run_id == run_id)
        .order_by(SyncLogLine.id)
        .limit(limit)
    )
    return list(session.execute(stmt).scalars())


# --------------------------------------------------------------------------------------------------
# Locks: one sync per tracked account at a time, across processes and replicas


def acquire_lock(
    session: Session,
    *,
    workspace_id: int,
    tracked_account_id: int,
    owner: str,
    run_id: int | None,
    now: dt.datetime,
    expires_at: dt.datetime,
) -> bool:
    """Take the account's lock; a lock whose holder stopped renewing it (expired) is taken over."""
    session.execute(
        delete(SyncLock).where(SyncLock.tracked_account_id == tracked_account_id, SyncLock.expires_at < now)
    )
    try:
        with session.begin_nested():
            session.add(
                SyncLock(
                    workspace_id=workspace_id,
                    tracked_account_id=tracked_account_id,
                    owner=owner,
                    run_id=run_id,
                    acquired_at=now,
                    expires_at=expires_at,
                )
            )
    except exc.IntegrityError:
        return False
    return True


def renew_lock(session: Session, *, tracked_account_id: int, owner: str, expires_at: dt.datetime) -> bool:
    result = session.execute(
        update(SyncLock)
        .where(SyncLock.tracked_account_id == tracked_account_id, SyncLock.owner == owner)
        .values(expires_at=expires_at)
    )
    return result.rowcount == 1


def release_lock(session: Session, *, tracked_account_id: int, owner: str) -> None:
    session.execute(
        delete(SyncLock).where(SyncLock.tracked_account_id == tracked_account_id, SyncLock.owner == owner)
    )


def held_locks(session: Session, *, workspace_id: int, now: dt.datetime) -> set[int]:
    """Tracked accounts whose sync is in progress somewhere right now."""
    stmt = select(SyncLock.tracked_account_id).where(
        SyncLock.workspace_id == workspace_id, SyncLock.expires_at >= now
    )
    return {row[0] for row in session.execute(stmt)}


# --------------------------------------------------------------------------------------------------
# Deleting synced data (only when the user chose it after a confirmation)


def delete_account_data(session: Session, *, workspace_id: int, network: str, handle: str) -> int:
    """Delete the daily stats, posts and interactions of one account; returns the number of rows deleted."""
    account_id = session.execute(
        select(Account.id).where(
            Account.workspace_id == workspace_id, Account.network == network, Account.handle == handle
        )
    ).scalar_one_or_none()
    if account_id is None:
        return 0
    deleted = 0
    for model in (DailyStat, Post, Interaction):
        deleted += session.execute(
            delete(model).where(model.workspace_id == workspace_id, model.account_id == account_id)
        ).rowcount
    return deleted


def account_row_counts(session: Session, *, workspace_id: int, network: str, handle: str) -> dict[str, int]:
    """How many daily, post and interaction rows an account has (what "delete the data" would remove)."""
    account_id = session.execute(
        select(Account.id).where(
            Account.workspace_id == workspace_id, Account.network == network, Account.handle == handle
        )
    ).scalar_one_or_none()
    counts = {"daily": 0, "posts": 0, "interactions": 0}
    if account_id is None:
        return counts
    for key, model in (("daily", DailyStat), ("posts", Post), ("interactions", Interaction)):
        counts[key] = session.execute(
            select(func.count())
            .select_from(model)
            .where(model.workspace_id == workspace_id, model.account_id == account_id)
        ).scalar_one()
    return counts


# --------------------------------------------------------------------------------------------------
# What is stored already (for values a connector only guesses, e.g. a goal's type)


def existing_keys(session: Session, *, workspace_id: int, table: str) -> set[tuple[str, ...]] | None:
    """The natural keys (as text, in KPI.md §2 key order) stored for ``table``; None when not supported."""
    if table == "goals":
        stmt = (
            select(Client.name, Goal.goal)
            .join(Client, Client.id == Goal.client_id)
            .where(Goal.workspace_id == workspace_id)
        )
        return {(str(client), str(goal)) for client, goal in session.execute(stmt)}
    return None
