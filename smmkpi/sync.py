"""The only code that joins sources and the database: connecting, tracking accounts and syncing them.

A sync is
- **incremental by date**: each tracked account has a cursor (the last day fully synced); the next sync
  starts ``lookback_days`` before the day after it, because platforms correct recent days late;
  the first sync reaches back ``initial_days``;
- **idempotent**: frames go through ``smmkpi.importer.import_tables`` (the same validation as an
  upload), which upserts on the natural keys, so re-fetching a day changes it and never duplicates it;
- **resumable**: the window is cut into chunks; the cursor moves after each chunk's data is committed, so a
  sync killed halfway redoes at most one chunk (and redoing is harmless: upserts);
- **one at a time per account**: a lock row in the database (works across app replicas; a lock whose
  holder stopped renewing it expires);
- **recorded**: every run has a row (started, finished, rows, status, errors, "not supported" notes)
  and log lines; progress (0..1) is written while it runs, so every session and replica can show it.

The UI runs a sync in the request thread and shows ``st.progress`` from the ``progress`` callback (the
simplest honest choice: the user who pressed the button sees it move, other users are not blocked
because Streamlit serves each session in its own thread, and they see the progress from the database).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy.engine import Engine

from db import connection_repo as crepo
from db import repo
from db.session import session_scope
from smmkpi import crypto, importer
from smmkpi.sources import base, oauth
from smmkpi.sources.base import (
    AuthExpired,
    Credentials,
    Message,
    NotSupported,
    PermissionDenied,
    RateLimited,
    SourceAccount,
    SourceError,
    SyncWindow,
)
from smmkpi.sources.http import make_client

DEFAULT_LOOKBACK_DAYS = 7
DEFAULT_INITIAL_DAYS = 90
DEFAULT_CHUNK_DAYS = 31
DEFAULT_LOCK_TTL = dt.timedelta(minutes=15)
PROGRESS_WRITE_STEP = 0.02  # write progress to the database when it moved by 2 % (not on every request)
ACCOUNT_TABLES = ("daily", "posts", "interactions")
# What to do, by the hint a SourceError carries (the UI has its own translated wording).
HINTS = {
    "reconnect": "connect the account again",
    "permissions": "check that you administer the account and that the app has the scopes it needs",
    "retry_later": "the platform's limit is reached; try again later",
    "retry": "the platform did not answer; try again in a few minutes",
    "configure": "fill in the app settings, see docs/connectors.md",
}

Progress = Callable[[float, str], None]


class SyncError(Exception):
    """A sync or connection request that cannot even start; ``str()`` is safe to show (no tokens)."""

    def __init__(self, message: str, *, code: str = "error") -> None:
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------------------------------
# Settings and the environment a sync runs in


@dataclass(frozen=True)
class SyncOptions:
    lookback_days: int = DEFAULT_LOOKBACK_DAYS
    initial_days: int = DEFAULT_INITIAL_DAYS
    chunk_days: int = DEFAULT_CHUNK_DAYS
    lock_ttl: dt.timedelta = DEFAULT_LOCK_TTL

    @classmethod
    def from_settings(cls, environ: Mapping | None = None, secrets: Mapping | None = None) -> SyncOptions:
        """``SMMKPI_SYNC_LOOKBACK_DAYS`` / ``_INITIAL_DAYS`` / ``_CHUNK_DAYS`` or ``[smmkpi] sync_*``."""
        env = os.environ if environ is None else environ
        table = dict((secrets or {}).get("smmkpi", {}) or {})

        def number(name: str, default: int, minimum: int) -> int:
            value = env.get(f"SMMKPI_SYNC_{name.upper()}") or table.get(f"sync_{name}")
            if value in (None, ""):
                return default
            try:
                parsed = int(str(value).strip())
            except ValueError:
                raise SyncError(
                    f"SMMKPI_SYNC_{name.upper()} must be a whole number of days, not {value!r}"
                ) from None
            if parsed < minimum:
                raise SyncError(f"SMMKPI_SYNC_{name.upper()} must be at least {minimum}")
            return parsed

        return cls(
            lookback_days=number("lookback_days", DEFAULT_LOOKBACK_DAYS, 0),
            initial_days=number("initial_days", DEFAULT_INITIAL_DAYS, 1),
            chunk_days=number("chunk_days", DEFAULT_CHUNK_DAYS, 1),
        )


@dataclass
class SyncEnv:
    """What a sync needs besides the database; tests inject time, HTTP and settings here."""

    environ: Mapping | None = None
    secrets: Mapping | None = None
    http_factory: Callable[[], object] = make_client
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], dt.datetime] = oauth.utc_now
    options: SyncOptions | None = None

    def sync_options(self) -> SyncOptions:
        return self.options or SyncOptions.from_settings(self.environ, self.secrets)

    def cipher(self) -> crypto.Cipher:
        try:
            return crypto.cipher(self.environ, self.secrets)
        except crypto.SecretKeyError as error:
            raise SyncError(str(error), code="secret_key") from None


def connector_class(source: str) -> type:
    registry = base.load_builtin_connectors()
    if source not in registry:
        known = ", ".join(sorted(registry)) or "none"
        raise SyncError(f"unknown source {source!r}; known sources: {known}", code="unknown_source")
    return registry[source]


def sources() -> list[type]:
    """Every registered connector class in registration order (built-ins in BUILTIN_MODULES order)."""
    return list(base.load_builtin_connectors().values())


def source_config(source: str, env: SyncEnv | None = None) -> base.SourceConfig:
    env = env or SyncEnv()
    return connector_class(source).load_config(env.environ, env.secrets)


# --------------------------------------------------------------------------------------------------
# Tokens at rest


def _seal(cipher: crypto.Cipher, credentials: Credentials) -> str:
    payload = {
        "access_token": credentials.access_token,
        "refresh_token": credentials.refresh_token,
        "expires_at": credentials.expires_at.isoformat() if credentials.expires_at else None,
        "kind": credentials.kind,
        "extra": credentials.extra,
    }
    return cipher.encrypt(json.dumps(payload))


def _unseal(cipher: crypto.Cipher, blob: str) -> Credentials:
    try:
        payload = json.loads(cipher.decrypt(blob))
    except crypto.SecretKeyError as error:
        raise SyncError(str(error), code="secret_key") from None
    expires = payload.get("expires_at")
    return Credentials(
        access_token=payload["access_token"],
        refresh_token=payload.get("refresh_token"),
        expires_at=dt.datetime.fromisoformat(expires) if expires else None,
        kind=payload.get("kind") or "user",
        extra=dict(payload.get("extra") or {}),
    )


def _workspace_name(session, workspace_id: int) -> str:
    workspace = repo.get_workspace_by_id(session, workspace_id=workspace_id)
    if workspace is None:
        raise SyncError(f"workspace {workspace_id} does not exist", code="workspace")
    return workspace.name


def workspace_today(engine: Engine, workspace_id: int, now: dt.datetime) -> dt.date:
    """Today in the workspace's time zone (calendar days are the workspace's, KPI.md)."""
    with session_scope(engine) as session:
        workspace = repo.get_workspace_by_id(session, workspace_id=workspace_id)
        zone = workspace.timezone if workspace else "Europe/Moscow"
    return now.astimezone(ZoneInfo(zone)).date()


def _connector(
    engine: Engine,
    env: SyncEnv,
    *,
    workspace_id: int,
    connection_id: int | None,
    source: str,
    credentials: Credentials | None,
    http,
    today: dt.date | None = None,
) -> base.ConnectorBase:
    cls = connector_class(source)
    config = cls.load_config(env.environ, env.secrets)

    def persist(new: Credentials) -> None:
        # a rotated refresh token invalidates the old one: store it before anything else can fail
        if connection_id is None:
            return
        with session_scope(engine) as session:
            crepo.store_token(
                session,
                workspace_id=workspace_id,
                connection_id=connection_id,
                token_blob=_seal(env.cipher(), new),
                expires_at=new.expires_at,
                now=env.now(),
            )

    return cls(
        config,
        credentials,
        http=http,
        sleep=env.sleep,
        clock=env.clock,
        on_token_refresh=persist,
        today=today,
    )


# --------------------------------------------------------------------------------------------------
# Connecting: OAuth and pasted tokens


def begin_authorization(
    engine: Engine,
    *,
    workspace_id: int,
    source: str,
    redirect_uri: str,
    user: str | None = None,
    env: SyncEnv | None = None,
) -> str:
    """Store a new state + PKCE verifier for this workspace and user; return the provider's consent URL."""
    env = env or SyncEnv()
    cls = connector_class(source)
    if cls.oauth is None:
        raise SyncError(f"{cls.info.name} has no OAuth flow; paste a token instead", code="no_oauth")
    config = cls.load_config(env.environ, env.secrets)
    if not config.oauth_ready:
        raise SyncError(
            f"{cls.info.name}: OAuth is not configured (client id, authorize and token URLs)",
            code="not_configured",
        )
    now = env.now()
    pending = oauth.start(config, cls.oauth, redirect_uri=redirect_uri, now=now)
    with session_scope(engine) as session:
        crepo.purge_oauth_states(session, before=now - dt.timedelta(days=1))
        crepo.save_oauth_state(
            session,
            workspace_id=workspace_id,
            source=source,
            state=pending.state,
            verifier=pending.verifier,
            user=user,
            redirect_uri=redirect_uri,
            now=now,
            expires_at=pending.expires_at,
        )
    return pending.url


def pending_state_workspace(engine: Engine, *, state: str) -> int | None:
    """The workspace an unused, unexpired ``state`` was started in (to open the right one after the redirect)."""
    with session_scope(engine) as session:
        row = crepo.find_oauth_state(session, state=state)
        if row is None or row.used_at is not None:
            return None
        return row.workspace_id


@dataclass(frozen=True)
class Connected:
    connection_id: int
    workspace_id: int
    source: str
    connected_as: str
    kind: str


def complete_authorization(
    engine: Engine,
    *,
    state: str,
    code: str,
    workspace_id: int | None,
    user: str | None = None,
    callback_params: Mapping[str, str] | None = None,
    env: SyncEnv | None = None,
) -> Connected:
    """Check the state (single use, not expired, same workspace and user), exchange the code, save tokens.

    Raises ``oauth.OAuthStateError`` for a bad state and ``SourceError`` when the provider refuses.
    """
    env = env or SyncEnv()
    now = env.now()
    with session_scope(engine) as session:
        row = crepo.find_oauth_state(session, state=state)
        stored = None
        if row is not None:
            stored = oauth.StoredState(
                state=row.state,
                verifier=row.verifier,
                source=row.source,
                workspace_id=row.workspace_id,
                user=row.user,
                redirect_uri=row.redirect_uri,
                expires_at=row.expires_at,
                used_at=row.used_at,
            )
        oauth.check_state(stored, source=None, workspace_id=workspace_id, user=user, now=now)
        if not crepo.use_oauth_state(session, state=state, now=now):
            raise oauth.OAuthStateError("used")
    cls = connector_class(stored.source)
    config = cls.load_config(env.environ, env.secrets)
    credentials = oauth.exchange_code(
        config, cls.oauth, code=code, stored=stored, callback_params=callback_params, now=now
    )
    return _save_connection(
        engine,
        env,
        workspace_id=stored.workspace_id,
        source=stored.source,
        credentials=credentials,
        user=user,
    )


def connect_with_token(
    engine: Engine,
    *,
    workspace_id: int,
    source: str,
    token: str,
    user: str | None = None,
    env: SyncEnv | None = None,
) -> Connected:
    """Connect a pasted long-lived token: checked against the API before it is saved (encrypted)."""
    env = env or SyncEnv()
    cls = connector_class(source)
    if "token" not in cls.info.auth:
        raise SyncError(f"{cls.info.name} is connected with OAuth only", code="no_token")
    if not token or not token.strip():
        raise SyncError("the token is empty", code="empty_token")
    credentials = cls.credentials_from_token(token)
    return _save_connection(
        engine, env, workspace_id=workspace_id, source=source, credentials=credentials, user=user
    )


def _save_connection(
    engine: Engine,
    env: SyncEnv,
    *,
    workspace_id: int,
    source: str,
    credentials: Credentials,
    user: str | None,
) -> Connected:
    with env.http_factory() as http:
        connector = _connector(
            engine,
            env,
            workspace_id=workspace_id,
            connection_id=None,
            source=source,
            credentials=credentials,
            http=http,
        )
        credentials = connector.check_token()
        connected_as = connector.whoami()
    external_id = str(
        credentials.extra.get("external_id") or credentials.extra.get("user_id") or connected_as
    )
    with session_scope(engine) as session:
        row = crepo.upsert_connection(
            session,
            workspace_id=workspace_id,
            source=source,
            external_id=external_id,
            connected_as=connected_as,
            kind=credentials.kind,
            token_blob=_seal(env.cipher(), credentials),
            expires_at=credentials.expires_at,
            created_by=user,
            now=env.now(),
        )
        return Connected(row.id, workspace_id, source, connected_as, credentials.kind)


def _load_connection(engine: Engine, env: SyncEnv, *, workspace_id: int, connection_id: int):
    with session_scope(engine) as session:
        row = crepo.get_connection(session, workspace_id=workspace_id, connection_id=connection_id)
        if row is None:
            raise SyncError(
                f"connection {connection_id} does not exist in this workspace", code="no_connection"
            )
        if not row.token_blob:
            raise SyncError("this connection was disconnected; connect it again", code="disconnected")
        return row, _unseal(env.cipher(), row.token_blob)


def list_source_accounts(
    engine: Engine, *, workspace_id: int, connection_id: int, env: SyncEnv | None = None
) -> list[SourceAccount]:
    """The communities/channels/counters the connection's token can read (for the picker)."""
    env = env or SyncEnv()
    row, credentials = _load_connection(engine, env, workspace_id=workspace_id, connection_id=connection_id)
    with env.http_factory() as http:
        connector = _connector(
            engine,
            env,
            workspace_id=workspace_id,
            connection_id=row.id,
            source=row.source,
            credentials=credentials,
            http=http,
        )
        try:
            return connector.list_accounts()
        except AuthExpired as error:
            _mark(engine, env, workspace_id, row.id, "needs_reauth", str(error))
            raise


def resolve_source_account(
    engine: Engine, *, workspace_id: int, connection_id: int, text: str, env: SyncEnv | None = None
) -> SourceAccount:
    """An account typed by id, handle or link (for sources that cannot list them, e.g. Telegram)."""
    env = env or SyncEnv()
    row, credentials = _load_connection(engine, env, workspace_id=workspace_id, connection_id=connection_id)
    with env.http_factory() as http:
        connector = _connector(
            engine,
            env,
            workspace_id=workspace_id,
            connection_id=row.id,
            source=row.source,
            credentials=credentials,
            http=http,
        )
        return connector.resolve_account(text)


def track_accounts(
    engine: Engine,
    *,
    workspace_id: int,
    connection_id: int,
    accounts: Sequence[SourceAccount],
    client: str,
    specialist: str | None = None,
    today: dt.date | None = None,
    env: SyncEnv | None = None,
) -> list[int]:
    """Start tracking ``accounts`` for ``client`` (and ``specialist``); returns the tracked account ids."""
    env = env or SyncEnv()
    client = (client or "").strip()
    if not client:
        raise SyncError("choose the client these accounts belong to", code="no_client")
    now = env.now()
    today = today or workspace_today(engine, workspace_id, now)
    ids = []
    with session_scope(engine) as session:
        if crepo.get_connection(session, workspace_id=workspace_id, connection_id=connection_id) is None:
            raise SyncError(
                f"connection {connection_id} does not exist in this workspace", code="no_connection"
            )
        for account in accounts:
            row = crepo.upsert_tracked_account(
                session,
                workspace_id=workspace_id,
                connection_id=connection_id,
                external_id=account.external_id,
                handle=account.handle,
                name=account.name or None,
                url=account.url or None,
                network=account.network,
                client=client,
                specialist=specialist,
                today=today,
                now=now,
            )
            ids.append(row.id)
    return ids


def _mark(engine: Engine, env: SyncEnv, workspace_id: int, connection_id: int, state: str, error: str | None):
    with session_scope(engine) as session:
        crepo.set_connection_state(
            session,
            workspace_id=workspace_id,
            connection_id=connection_id,
            state=state,
            error=error,
            now=env.now(),
        )


@dataclass(frozen=True)
class Disconnected:
    revoked: bool
    deleted_rows: int


def disconnect(
    engine: Engine,
    *,
    workspace_id: int,
    connection_id: int,
    delete_data: bool = False,
    env: SyncEnv | None = None,
) -> Disconnected:
    """Revoke the token where the provider supports it, forget it, and (only if asked) delete synced data."""
    env = env or SyncEnv()
    revoked = False
    with session_scope(engine) as session:
        row = crepo.get_connection(session, workspace_id=workspace_id, connection_id=connection_id)
        if row is None:
            raise SyncError(
                f"connection {connection_id} does not exist in this workspace", code="no_connection"
            )
        source, blob = row.source, row.token_blob
    if blob:
        try:
            credentials = _unseal(env.cipher(), blob)
            with env.http_factory() as http:
                connector = _connector(
                    engine,
                    env,
                    workspace_id=workspace_id,
                    connection_id=None,
                    source=source,
                    credentials=credentials,
                    http=http,
                )
                revoked = connector.revoke()
        except (SyncError, SourceError):
            revoked = False  # the token is forgotten below either way
    deleted = 0
    with session_scope(engine) as session:
        tracked = crepo.list_tracked_accounts(session, workspace_id=workspace_id, connection_id=connection_id)
        crepo.disconnect_connection(
            session, workspace_id=workspace_id, connection_id=connection_id, now=env.now()
        )
        if delete_data:
            for account in tracked:
                if account.network:
                    deleted += crepo.delete_account_data(
                        session, workspace_id=workspace_id, network=account.network, handle=account.handle
                    )
            # a new import record changes the data version, so every page (and replica) reloads
            repo.record_import(
                session,
                workspace_id=workspace_id,
                source=f"sync:{source}",
                summary_json=json.dumps({"deleted_rows": deleted}),
            )
    return Disconnected(revoked=revoked, deleted_rows=deleted)


# --------------------------------------------------------------------------------------------------
# Syncing


@dataclass
class AccountOutcome:
    tracked_account_id: int
    handle: str
    status: str = "ok"  # ok | failed | skipped
    rows: int = 0
    window: SyncWindow | None = None
    error: str | None = None


@dataclass
class SyncOutcome:
    run_id: int | None
    connection_id: int
    source: str
    status: str  # ok | partial | failed
    rows: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # "not supported" notes (str() is the English text)
    log: list[Message] = field(default_factory=list)  # errors as log messages, for the page in its language
    accounts: list[AccountOutcome] = field(default_factory=list)
    needs_reauth: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def sync_window(
    *, cursor: dt.date | None, today: dt.date, options: SyncOptions, since: dt.date | None = None
) -> SyncWindow:
    """The days to fetch: from ``since`` if given, else the cursor's next day minus the look-back, else
    ``initial_days`` back; always up to today (today's numbers are partial and are fetched again)."""
    if since is not None:
        start = since
    elif cursor is not None:
        start = cursor + dt.timedelta(days=1 - options.lookback_days)
    else:
        start = today - dt.timedelta(days=options.initial_days - 1)
    return SyncWindow(min(start, today), today)


def chunks(window: SyncWindow, days: int) -> list[SyncWindow]:
    parts, start = [], window.since
    while start <= window.until:
        end = min(window.until, start + dt.timedelta(days=days - 1))
        parts.append(SyncWindow(start, end))
        start = end + dt.timedelta(days=1)
    return parts


def _with_client(frames: Mapping[str, pd.DataFrame], account, *, source_account: SourceAccount) -> dict:
    """Canonical frames ready for the importer: ``client`` added, and an ``accounts`` row for the account."""
    out: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        if frame is None:
            continue
        if name not in importer.TABLES:
            raise SyncError(f"the connector returned an unknown table {name!r}")
        frame = frame.copy()
        if "client" in importer.TABLES[name].columns and "client" not in frame.columns:
            frame["client"] = account.client
        out[name] = frame
    if account.network:
        row = {
            "network": account.network,
            "account": account.handle,
            "name": account.name or source_account.name,
            "url": account.url or source_account.url or None,
            "client": account.client,
        }
        if account.specialist:
            row["specialist"] = account.specialist
            if account.specialist_since:
                row["specialist_since"] = account.specialist_since
        out["accounts"] = pd.DataFrame([row])
    return out


def _rows(summary, only: set[str] | None = None) -> int:
    """Rows written, the ``accounts`` row left out (and tables not in ``only`` when given)."""
    tables = [(f.name.split(":")[-1], f.rows) for f in summary.files]
    return sum(rows for table, rows in tables if table != "accounts" and (only is None or table in only))


class _RunRecorder:
    """Writes a run's progress and log lines; progress only when it moved enough (few writes)."""

    def __init__(
        self, engine: Engine, env: SyncEnv, *, workspace_id: int, run_id: int, echo: Progress | None
    ):
        self.engine, self.env, self.workspace_id, self.run_id, self.echo = (
            engine,
            env,
            workspace_id,
            run_id,
            echo,
        )
        self.written = 0.0
        self.rows = 0

    def log(self, level: str, code: str, **params) -> Message:
        """A log line ``sync.log.<code>``: stored as code + parameters (the page shows it in its language)
        and as its English text (what the CLI prints)."""
        message = Message(f"log.{code}", params)
        with session_scope(self.engine) as session:
            crepo.add_log(
                session,
                workspace_id=self.workspace_id,
                run_id=self.run_id,
                level=level,
                message=str(message),
                code=message.code,
                params_json=json.dumps(message.to_json()["params"], ensure_ascii=False),
                now=self.env.now(),
            )
        return message

    def progress(self, fraction: float, message: str, *, force: bool = False) -> None:
        fraction = max(0.0, min(1.0, fraction))
        if self.echo is not None:
            self.echo(fraction, message)
        if force or fraction - self.written >= PROGRESS_WRITE_STEP:
            with session_scope(self.engine) as session:
                crepo.update_run(
                    session,
                    workspace_id=self.workspace_id,
                    run_id=self.run_id,
                    now=self.env.now(),
                    progress=fraction,
                    rows=self.rows,
                )
            self.written = fraction


def _account_filter(tracked: Iterable, wanted: Sequence[str] | None) -> list:
    if not wanted:
        return list(tracked)
    names = {w.strip().lower() for w in wanted if w.strip()}
    picked = [t for t in tracked if {t.handle.lower(), t.external_id.lower(), (t.name or "").lower()} & names]
    missing = names - {
        n for t in picked for n in (t.handle.lower(), t.external_id.lower(), (t.name or "").lower())
    }
    if missing:
        raise SyncError(
            f"not tracked by this connection: {', '.join(sorted(missing))}", code="unknown_account"
        )
    return picked


def run_sync(
    engine: Engine,
    *,
    workspace_id: int,
    connection_id: int,
    accounts: Sequence[str] | None = None,
    since: dt.date | None = None,
    today: dt.date | None = None,
    trigger: str = "ui",
    progress: Progress | None = None,
    env: SyncEnv | None = None,
) -> SyncOutcome:
    """Sync the connection's tracked accounts (or the ones named in ``accounts``) up to ``today``.

    ``progress(fraction, message)`` is called as it goes. Failures of one account do not stop the
    others, except an expired authorization, which marks the connection "needs re-authorization".
    """
    env = env or SyncEnv()
    options = env.sync_options()
    row, credentials = _load_connection(engine, env, workspace_id=workspace_id, connection_id=connection_id)
    source = row.source
    now = env.now()
    today = today or workspace_today(engine, workspace_id, now)
    with session_scope(engine) as session:
        workspace = _workspace_name(session, workspace_id)
        crepo.fail_stale_runs(
            session,
            workspace_id=workspace_id,
            connection_id=connection_id,
            before=now - options.lock_ttl,
            now=now,
        )
        tracked = _account_filter(
            crepo.list_tracked_accounts(
                session, workspace_id=workspace_id, connection_id=connection_id, enabled_only=True
            ),
            accounts,
        )
        run = crepo.start_run(
            session, workspace_id=workspace_id, connection_id=connection_id, trigger=trigger, now=now
        )
        run_id = run.id
    outcome = SyncOutcome(run_id=run_id, connection_id=connection_id, source=source, status="ok")
    recorder = _RunRecorder(engine, env, workspace_id=workspace_id, run_id=run_id, echo=progress)
    if not tracked:
        outcome.log.append(recorder.log("warning", "no_accounts"))
        outcome.status = "failed"
        outcome.errors.append("no accounts are tracked by this connection")
        _finish(engine, env, workspace_id, outcome)
        return outcome

    history = connector_class(source).info.has_history
    plans = [
        (
            account,
            chunks(
                sync_window(cursor=account.synced_through, today=today, options=options, since=since)
                if history
                else SyncWindow(today, today),  # nothing before today to fetch: one request, not 90 days
                options.chunk_days,
            ),
        )
        for account in tracked
    ]
    touched: tuple[set, set] = (set(), set())  # (network, handle) and clients the imports changed
    steps_before = [0]
    for _, parts in plans:
        steps_before.append(steps_before[-1] + len(parts))
    total_steps = steps_before[-1] or 1
    recorder.log("info", "started", count=len(tracked), trigger=trigger)
    recorder.progress(0.0, "starting", force=True)

    with env.http_factory() as http:
        connector = _connector(
            engine,
            env,
            workspace_id=workspace_id,
            connection_id=connection_id,
            source=source,
            credentials=credentials,
            http=http,
            today=today,
        )
        for index, (account, parts) in enumerate(plans):
            done_steps = steps_before[index]
            result = AccountOutcome(
                account.id, account.handle, window=SyncWindow(parts[0].since, parts[-1].until)
            )
            outcome.accounts.append(result)
            owner = uuid.uuid4().hex
            with session_scope(engine) as session:
                locked = crepo.acquire_lock(
                    session,
                    workspace_id=workspace_id,
                    tracked_account_id=account.id,
                    owner=owner,
                    run_id=run_id,
                    now=env.now(),
                    expires_at=env.now() + options.lock_ttl,
                )
            if not locked:
                result.status, result.error = "skipped", f"{account.handle}: another sync of it is running"
                outcome.errors.append(result.error)
                outcome.log.append(recorder.log("warning", "lock_busy", account=account.handle))
                continue
            source_account = SourceAccount(
                external_id=account.external_id,
                name=account.name or account.handle,
                handle=account.handle,
                url=account.url or "",
                network=account.network,
            )
            try:
                for part in parts:
                    base_fraction = done_steps / total_steps

                    def step_progress(
                        fraction: float, message: str, _base=base_fraction, _handle=account.handle
                    ) -> None:
                        recorder.progress(
                            _base + max(0.0, min(1.0, fraction)) / total_steps, f"{_handle}: {message}"
                        )

                    recorder.log("info", "fetching", account=account.handle, since=part.since.isoformat(),
                                 until=part.until.isoformat())  # fmt: skip
                    fetched = connector.fetch(source_account, part, step_progress)
                    rows = _import(engine, workspace, source, account, source_account, fetched,
                                   workspace_id=workspace_id, touched=touched)  # fmt: skip
                    result.rows += rows
                    outcome.rows += rows
                    recorder.rows = outcome.rows
                    for note in fetched.not_supported:
                        if note not in outcome.notes:
                            outcome.notes.append(note)
                            recorder.log("warning", "not_supported", account=account.handle, note=note)
                    with session_scope(engine) as session:
                        # the cursor moves only after the chunk's data is committed (resumable)
                        crepo.set_cursor(
                            session,
                            workspace_id=workspace_id,
                            tracked_account_id=account.id,
                            synced_through=min(part.until, today - dt.timedelta(days=1)),
                            now=env.now(),
                        )
                        crepo.renew_lock(
                            session,
                            tracked_account_id=account.id,
                            owner=owner,
                            expires_at=env.now() + options.lock_ttl,
                        )
                    done_steps += 1
                    recorder.progress(done_steps / total_steps, f"{account.handle}: {part.until}", force=True)
                    recorder.log("info", "chunk_done", account=account.handle, since=part.since.isoformat(),
                                 until=part.until.isoformat(), rows=rows)  # fmt: skip
            except AuthExpired as error:
                result.status, result.error = "failed", f"{account.handle}: {error}"
                outcome.errors.append(result.error)
                outcome.needs_reauth = True
                outcome.log.append(recorder.log("error", "auth_expired", account=account.handle))
                _mark(engine, env, workspace_id, connection_id, "needs_reauth", str(error))
                break
            except NotSupported as error:  # the whole account refused: a note, not a failed sync
                refused = Message("note.account_refused", {"account": account.handle, "detail": str(error)})
                outcome.notes.append(refused)
                recorder.log("warning", "not_supported", account=account.handle, note=refused)
            except (PermissionDenied, RateLimited, SourceError, SyncError) as error:
                result.status, result.error = "failed", f"{account.handle}: {error}"
                outcome.errors.append(
                    result.error + (f" ({HINTS[error.hint]})" if getattr(error, "hint", "") in HINTS else "")
                )
                hint = getattr(error, "hint", "") if getattr(error, "hint", "") in HINTS else ""
                outcome.log.append(
                    recorder.log("error", "failed", account=account.handle, error=str(error), hint=hint)
                )
            except importer.ImportValidationError as error:
                result.status = "failed"
                result.error = (
                    f"{account.handle}: the data did not pass validation: {error.report('en')[:2000]}"
                )
                outcome.errors.append(result.error)
                outcome.log.append(
                    recorder.log("error", "invalid", account=account.handle, error=error.report("en")[:2000])
                )
            finally:
                with session_scope(engine) as session:
                    crepo.release_lock(session, tracked_account_id=account.id, owner=owner)

    failed = [a for a in outcome.accounts if a.status != "ok"]
    if not failed:
        outcome.status = "ok"
    elif len(failed) < len(outcome.accounts) or outcome.rows:
        outcome.status = "partial"
    else:
        outcome.status = "failed"
    if not outcome.needs_reauth and outcome.status != "failed":
        _mark(engine, env, workspace_id, connection_id, "connected", None)
    elif outcome.status == "failed" and not outcome.needs_reauth:
        _mark(
            engine, env, workspace_id, connection_id, "failed", outcome.errors[0] if outcome.errors else None
        )
    if touched[0] or touched[1]:
        _recheck_trust(engine, workspace_id, recorder, touched)
    recorder.progress(1.0, "done", force=True)
    recorder.log("info" if outcome.ok else "warning", "finished", status=outcome.status, rows=outcome.rows)
    _finish(engine, env, workspace_id, outcome)
    return outcome


def _recheck_trust(
    engine: Engine, workspace_id: int, recorder: _RunRecorder, touched: tuple[set, set]
) -> None:
    """Redo the trust checks of the accounts the sync changed (the imports left the others current), so the
    Overview's follower warning and the Trust page are up to date when the sync ends. Never fails a sync."""
    from smmkpi import trust

    try:
        with session_scope(engine) as session:
            ids = repo.account_ids_for(
                session, workspace_id=workspace_id, accounts=touched[0], clients=touched[1]
            )
        checked = trust.refresh(engine, workspace_id=workspace_id, account_ids=ids, force=True) if ids else 0
    except Exception as error:  # a check that breaks must not lose the synced data
        recorder.log("warning", "trust_failed", error=type(error).__name__)
        return
    if checked:
        recorder.log("info", "trust_checked", count=checked)


def _import(
    engine: Engine,
    workspace: str,
    source: str,
    account,
    source_account: SourceAccount,
    fetched: base.FetchResult,
    *,
    workspace_id: int,
    touched: tuple[set, set] | None = None,
) -> int:
    """Import the fetched frames, then the snapshots, then the guesses for rows not stored before.

    ``guessed_columns`` (a goal type guessed from a Metrica goal kind) are written only for rows that did
    not exist before this import, so a value the user corrected survives the next sync.
    """
    frames = _with_client(fetched.frames, account, source_account=source_account)
    guesses: dict[str, pd.DataFrame] = {}
    for table, columns in (fetched.guessed_columns or {}).items():
        frame = frames.get(table)
        present = [c for c in columns if frame is not None and c in frame.columns]
        if not present:
            continue
        keys = [k for k in importer.TABLES[table].keys if k in frame.columns]
        with session_scope(engine) as session:
            stored = crepo.existing_keys(session, workspace_id=workspace_id, table=table)
        if stored is None:  # no look-up for this table: the guesses are written like any value
            continue
        is_new = [tuple(str(v) for v in row) not in stored for row in frame[keys].itertuples(index=False)]
        guesses[table] = frame.loc[is_new, keys + present]
        frames[table] = frame.drop(columns=present)
    rows = 0
    for batch in (frames, fetched.snapshots or {}, guesses):
        tables = {
            name: frame
            for name, frame in batch.items()
            if frame is not None and (batch is frames or len(frame))
        }
        if not tables:
            continue
        summary = importer.import_tables(
            engine,
            importer.tables_from_frames(tables, origin=f"sync:{source}"),
            workspace=workspace,
            source=f"sync:{source}",
        )
        if touched is not None:
            touched[0].update(summary.accounts_touched)
            touched[1].update(summary.clients_touched)
        if batch is frames:
            rows = _rows(summary)
        elif batch is not guesses:  # snapshot rows of tables the frames did not have (Telegram's followers)
            rows += _rows(summary, only=set(tables) - set(frames))
    return rows


def _finish(engine: Engine, env: SyncEnv, workspace_id: int, outcome: SyncOutcome) -> None:
    with session_scope(engine) as session:
        crepo.finish_run(
            session,
            workspace_id=workspace_id,
            run_id=outcome.run_id,
            status=outcome.status,
            rows=outcome.rows,
            error="\n".join(outcome.errors) or None,
            notes="\n".join(str(n) for n in outcome.notes) or None,
            notes_json=json.dumps([n.to_json() for n in outcome.notes], ensure_ascii=False)
            if outcome.notes
            else None,
            now=env.now(),
        )


# --------------------------------------------------------------------------------------------------
# What the Connections page and the CLI show


@dataclass(frozen=True)
class RunInfo:
    id: int
    status: str
    progress: float
    rows: int
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: str | None
    notes: str | None
    trigger: str
    messages: tuple = ()  # the notes as Messages (empty for runs recorded before they were kept so)

    def note_texts(self, lang: str) -> list[str]:
        """The "not supported" notes in ``lang`` (older runs: their stored English lines)."""
        if self.messages:
            return [m.text(lang) for m in self.messages]
        return (self.notes or "").splitlines()


@dataclass(frozen=True)
class ConnectionInfo:
    id: int
    source: str
    connected_as: str
    kind: str
    state: str  # connected | needs_reauth | failed | disconnected | syncing
    last_error: str | None
    accounts: tuple  # TrackedAccount rows (detached)
    last_run: RunInfo | None
    running: RunInfo | None


def _run_info(run) -> RunInfo:
    return RunInfo(
        run.id,
        run.status,
        float(run.progress or 0.0),
        int(run.rows or 0),
        run.started_at,
        run.finished_at,
        run.error,
        run.notes,
        run.trigger,
        tuple(Message.from_json(m) for m in json.loads(run.notes_json)) if run.notes_json else (),
    )


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def connections_overview(
    engine: Engine, *, workspace_id: int, env: SyncEnv | None = None
) -> list[ConnectionInfo]:
    """Every connection of the workspace with its accounts, its latest run and a run in progress."""
    env = env or SyncEnv()
    options = env.sync_options()
    now = env.now()
    infos = []
    with session_scope(engine) as session:
        for row in crepo.list_connections(session, workspace_id=workspace_id):
            runs = crepo.list_runs(session, workspace_id=workspace_id, connection_id=row.id, limit=5)
            running = next(
                (
                    r
                    for r in runs
                    if r.status == "running"
                    and _aware(r.heartbeat_at)
                    and _aware(r.heartbeat_at) >= now - options.lock_ttl
                ),
                None,
            )
            finished = next((r for r in runs if r.status != "running"), None)
            state = "syncing" if running is not None and row.state == "connected" else row.state
            tracked = tuple(
                crepo.list_tracked_accounts(session, workspace_id=workspace_id, connection_id=row.id)
            )
            infos.append(
                ConnectionInfo(
                    row.id,
                    row.source,
                    row.connected_as,
                    row.kind,
                    state,
                    row.last_error,
                    tracked,
                    _run_info(finished) if finished else None,
                    _run_info(running) if running else None,
                )
            )
    return infos


def run_status(
    engine: Engine, *, workspace_id: int, run_id: int, env: SyncEnv | None = None
) -> RunInfo | None:
    """One run as the page shows it; a "running" run without a heartbeat for the lock's lifetime is "failed"."""
    env = env or SyncEnv()
    with session_scope(engine) as session:
        run = crepo.get_run(session, workspace_id=workspace_id, run_id=run_id)
        if run is None:
            return None
        info = _run_info(run)
    beat = _aware(run.heartbeat_at)
    if info.status == "running" and (beat is None or beat < env.now() - env.sync_options().lock_ttl):
        info = RunInfo(**{**info.__dict__, "status": "failed", "error": info.error or "interrupted"})
    return info


def run_history(
    engine: Engine, *, workspace_id: int, connection_id: int, limit: int = 10
) -> list[tuple[RunInfo, list]]:
    """The latest runs of a connection, each with its log lines ((level, message, at), oldest first).

    ``message`` is a :class:`Message` (its ``text(lang)`` in any language) or, for lines written before
    messages were kept as codes, the stored English text.
    """
    with session_scope(engine) as session:
        runs = crepo.list_runs(session, workspace_id=workspace_id, connection_id=connection_id, limit=limit)
        return [
            (
                _run_info(run),
                [
                    (line.level, _log_message(line), line.at)
                    for line in crepo.list_log(session, workspace_id=workspace_id, run_id=run.id)
                ],
            )
            for run in runs
        ]


def _log_message(line) -> Message | str:
    if not line.code:
        return line.message
    return Message(line.code, json.loads(line.params_json or "{}"))


def find_connections(engine: Engine, *, workspace_id: int, source: str | None = None) -> list[ConnectionInfo]:
    return [c for c in connections_overview(engine, workspace_id=workspace_id) if source in (None, c.source)]
