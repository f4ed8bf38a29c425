"""Tables of connected sources (issue 4): connections, tracked accounts, OAuth states, sync runs and locks.

Tokens are stored only as a Fernet blob (``smmkpi.crypto``); the raw column never holds a token. Every
row carries ``workspace_id``; timestamps are UTC with the zone attached.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _utc(nullable: bool = True):
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Connection(SQLModel, table=True):
    """One authorization of one source in one workspace ("VK, connected as Anna Petrova")."""

    __tablename__ = "connection"
    __table_args__ = (UniqueConstraint("workspace_id", "source", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    source: str  # registry key: "vk", "ok", "telegram", "yandex_metrica"
    external_id: str  # who the token belongs to at the provider (user id, community id, bot id)
    connected_as: str  # shown to people: a name, never a token
    kind: str = "user"  # "user", "community", "bot", ...
    state: str = "connected"  # connected | needs_reauth | failed | disconnected
    token_blob: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # Fernet ciphertext
    expires_at: dt.datetime | None = _utc()
    created_by: str | None = None  # the logged-in user who connected it, when there is login
    last_error: str | None = None
    created_at: dt.datetime | None = _utc()
    updated_at: dt.datetime | None = _utc()


class TrackedAccount(SQLModel, table=True):
    """A community/channel/counter picked for syncing, with its client, specialist and sync cursor."""

    __tablename__ = "tracked_account"
    __table_args__ = (UniqueConstraint("connection_id", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    connection_id: int = Field(foreign_key="connection.id", index=True)
    external_id: str
    handle: str  # the canonical `account` value written to the data tables
    name: str | None = None
    url: str | None = None
    network: str | None = None  # None for a web-analytics counter
    client: str  # the client's name (created by the first sync when it does not exist)
    specialist: str | None = None
    specialist_since: dt.date | None = None  # None: assigned "since always" (the first assignment)
    enabled: bool = True
    synced_through: dt.date | None = None  # the cursor: last day fully synced, committed after its data
    last_synced_at: dt.datetime | None = _utc()
    created_at: dt.datetime | None = _utc()


class OAuthState(SQLModel, table=True):
    """A started authorization: single-use, expires after 10 minutes, bound to workspace and user."""

    __tablename__ = "oauth_state"
    __table_args__ = (UniqueConstraint("state"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    source: str
    state: str
    verifier: str
    user: str | None = None
    redirect_uri: str
    created_at: dt.datetime | None = _utc()
    expires_at: dt.datetime | None = _utc()
    used_at: dt.datetime | None = _utc()


class SyncRun(SQLModel, table=True):
    """One sync of one connection (all its tracked accounts or some): progress, outcome and counts."""

    __tablename__ = "sync_run"
    __table_args__ = (Index("ix_sync_run_connection_started", "connection_id", "started_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    connection_id: int = Field(foreign_key="connection.id")
    trigger: str = "ui"  # ui | cli | first
    status: str = "running"  # running | ok | partial | failed
    progress: float = 0.0  # 0..1, written while it runs (other sessions and replicas show it)
    rows: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    error: str | None = None
    notes: str | None = None  # "not supported" notes, one per line (English)
    notes_json: str | None = Field(
        default=None, sa_column=Column(Text, nullable=True)
    )  # the same as messages
    started_at: dt.datetime | None = _utc()
    heartbeat_at: dt.datetime | None = _utc()
    finished_at: dt.datetime | None = _utc()


class SyncLogLine(SQLModel, table=True):
    """What a sync did, step by step (shown as the connection's sync log). Never contains a token."""

    __tablename__ = "sync_log_line"
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    run_id: int = Field(foreign_key="sync_run.id", index=True)
    at: dt.datetime | None = _utc()
    level: str = "info"  # info | warning | error
    message: str  # English text (what the CLI prints); the page renders code + params in its language
    code: str | None = None  # "log.<code>" in the sync catalogs; NULL on lines written before 0006
    params_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class SyncLock(SQLModel, table=True):
    """One row per tracked account while it syncs: the unique key makes a second sync wait or give up.

    Works across app replicas (it lives in the database); a lock whose ``expires_at`` has passed (a
    crashed sync) may be taken over.
    """

    __tablename__ = "sync_lock"
    __table_args__ = (UniqueConstraint("tracked_account_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    tracked_account_id: int = Field(foreign_key="tracked_account.id")
    run_id: int | None = Field(default=None, foreign_key="sync_run.id")
    owner: str  # a random id of the process/run holding it
    acquired_at: dt.datetime | None = _utc()
    expires_at: dt.datetime | None = _utc()
