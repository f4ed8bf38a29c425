"""The Connector protocol, its errors and the registry every connector (built-in or external) joins.

A connector never touches the database: ``fetch`` returns canonical frames (KPI.md §2 columns) and
``smmkpi.sync`` writes them through the importer's validation. HTTP, paging, retries and token refresh
live in the connector's ``fetch_*`` functions; turning payloads into frames lives in pure ``parse_*``
functions that are unit-tested on payloads of the documented shapes.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

import pandas as pd

# --------------------------------------------------------------------------------------------------
# Errors: each carries a message for the user (no secrets in it) and what to do about it


class SourceError(Exception):
    """A source failed; ``str(error)`` is safe to show and log (never contains a token)."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class AuthExpired(SourceError):
    """The token is expired or revoked: the connection needs re-authorization."""


class PermissionDenied(SourceError):
    """The token lacks a permission/scope or the user is not an admin of the community."""


class RateLimited(SourceError):
    """The API asked to slow down; ``retry_after`` seconds when the API said so."""

    def __init__(self, message: str, *, retry_after: float | None = None, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class NotSupported(SourceError):
    """A metric the platform removed or refuses for this account: stored as NULL with a visible note."""

    def __init__(self, message: str, *, metric: str = "", hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.metric = metric


# --------------------------------------------------------------------------------------------------
# Messages: what a sync notes or logs, kept as a catalog code and parameters so that each reader sees it
# in their own language (the page in Russian, the CLI and the logs in English)


@dataclass(frozen=True)
class Message:
    """A note or a log line: ``sync.<code>`` in the catalogs of ``smmkpi.i18n`` and its parameters.

    Parameters are plain JSON values. A parameter named ``what`` is itself a code (``sync.what.<what>``,
    the part of the data concerned), a ``dict`` with a ``code`` is a nested message, an ``int`` is formatted
    for the language. ``detail`` is what the platform itself said (its own words, not translated).
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        from smmkpi import i18n

        return i18n.t(
            f"sync.{self.code}", lang, **{k: _message_param(k, v, lang) for k, v in self.params.items()}
        )

    def __str__(self) -> str:
        return self.text("en")

    def to_json(self) -> dict:
        return {"code": self.code, "params": {k: _jsonable(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, value: Mapping) -> Message:
        return cls(str(value["code"]), dict(value.get("params") or {}))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        return value.item()
    return value


def _message_param(name: str, value: Any, lang: str) -> str:
    from smmkpi import i18n

    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Mapping) and "code" in value:
        return Message.from_json(value).text(lang)
    if name == "what" and isinstance(value, str):
        return i18n.t(f"sync.what.{value}", lang)
    if name == "trigger" and isinstance(value, str):
        return i18n.t(f"sync.trigger.{value}", lang)
    if name == "status" and isinstance(value, str):
        return i18n.t(f"sync.status.{value}", lang)
    if name == "hint" and isinstance(value, str):
        return i18n.t(f"connections.hint.{value}", lang) if value else ""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return i18n.format_number(value, lang)
    return str(value)


def note(code: str, **params: Any) -> Message:
    """A "not supported" note (``sync.note.<code>``)."""
    return Message(f"note.{code}", params)


# --------------------------------------------------------------------------------------------------
# Descriptions


@dataclass(frozen=True)
class SourceInfo:
    """What a source is and what it can give, shown on the Connections page."""

    key: str  # "vk", "ok", "telegram", "yandex_metrica"
    name: str  # "VK", "Одноклассники", ...
    auth: str  # "oauth", "token" or "oauth+token"
    provides: tuple[str, ...]  # canonical tables it fills: ("daily", "posts", "interactions") ...
    account_kind: str  # "community", "channel", "counter"
    network: str | None = None  # the KPI.md network of its accounts (None for web analytics)
    limits: Mapping[str, str] = field(default_factory=dict)  # {"ru": ..., "en": ...}: what it cannot see
    has_history: bool = True  # False: the API sees only today (a Telegram bot), so a sync fetches today only


@dataclass(frozen=True)
class SourceConfig:
    """Endpoints and app credentials of one source, from ``SMMKPI_<SOURCE>_*`` settings."""

    key: str
    api_url: str
    authorize_url: str = ""
    token_url: str = ""
    revoke_url: str = ""
    client_id: str = ""
    client_secret: str = ""
    scopes: tuple[str, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def oauth_ready(self) -> bool:
        return bool(self.authorize_url and self.token_url and self.client_id)

    @classmethod
    def from_settings(cls, key: str, defaults: Mapping[str, str], environ: Mapping | None = None,
                      secrets: Mapping | None = None) -> SourceConfig:  # fmt: skip
        """``SMMKPI_<KEY>_API_URL`` etc. from the environment, else ``[smmkpi.<key>]`` secrets, else defaults."""
        env = os.environ if environ is None else environ
        table = dict(((secrets or {}).get("smmkpi", {}) or {}).get(key, {}) or {})
        prefix = f"SMMKPI_{key.upper()}_"

        def get(name: str) -> str:
            value = env.get(prefix + name.upper())
            if value in (None, ""):
                value = table.get(name, defaults.get(name, ""))
            return str(value or "")

        scopes = get("scopes")
        known = {
            "api_url",
            "authorize_url",
            "token_url",
            "revoke_url",
            "client_id",
            "client_secret",
            "scopes",
        }
        extra = {k: get(k) for k in defaults if k not in known}
        return cls(
            key=key, api_url=get("api_url").rstrip("/"), authorize_url=get("authorize_url"),
            token_url=get("token_url"), revoke_url=get("revoke_url"), client_id=get("client_id"),
            client_secret=get("client_secret"), scopes=tuple(s for s in scopes.replace(",", " ").split() if s),
            extra=extra,
        )  # fmt: skip


@dataclass
class Credentials:
    """Decrypted token material, only ever held in memory while a connector works."""

    access_token: str
    refresh_token: str | None = None
    expires_at: dt.datetime | None = None  # UTC
    kind: str = "user"  # "user", "community", "bot", ...
    extra: dict = field(default_factory=dict)  # e.g. {"user_id": ..., "device_id": ...}

    def __repr__(self) -> str:  # never print secrets
        return f"Credentials(kind={self.kind!r}, expires_at={self.expires_at!r}, access_token=***)"


@dataclass(frozen=True)
class SourceAccount:
    """One community/channel/counter the connected user can pick."""

    external_id: str  # the platform's id ("123456" for club123456, counter id, "@channel")
    name: str
    handle: str  # the canonical `account` value stored in smmkpi (e.g. "club123456" or a screen name)
    url: str = ""
    network: str | None = None  # KPI.md network (None for a web-analytics counter)
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncWindow:
    since: dt.date
    until: dt.date


Progress = Callable[[float, str], None]  # (fraction 0..1, what is being done)


@dataclass
class FetchResult:
    """Canonical frames (without ``client``: sync adds it) and notes on what was not available.

    ``snapshots`` are frames whose value columns apply only to the rows they list: today's follower
    count from a members counter, or post reach that VK gives only for its latest 300 posts. Sync
    imports them after ``frames``, in a separate import, so an absent value never blanks a stored one.
    """

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    not_supported: list[Message] = field(default_factory=list)  # what the platform did not give (see note())
    snapshots: dict[str, pd.DataFrame] = field(default_factory=dict)
    # Columns that are the connector's guesses the user may correct ({"goals": ("type",)} for a goal type
    # guessed from a Metrica goal kind): sync writes them only for rows it has not stored yet.
    guessed_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class OAuthSpec:
    """How one provider deviates from plain OAuth 2.0; ``smmkpi.sources.oauth`` reads it.

    ``callback_params`` are extra query parameters of the redirect back that must be kept (VK ID's
    ``device_id``); ``exchange_params`` are the ones of them sent again with the code exchange and every
    refresh. ``revoke_param`` names the token field of the revocation request (RFC 7009: ``token``).
    """

    pkce: bool = True
    challenge_method: str = "S256"  # the literal sent; VK ID wants lower-case "s256"
    scope_separator: str = " "  # OK: ";"
    client_auth: str = "client_secret_post"  # "none" for public clients (PKCE only), "client_secret_basic"
    callback_params: tuple[str, ...] = ()
    exchange_params: tuple[str, ...] = ()
    state_on_exchange: bool = False  # VK ID also wants ``state`` in the exchange and refresh bodies
    authorize_params: Mapping[str, str] = field(default_factory=dict)
    revoke_param: str = "token"
    revoke_client_id: bool = False  # VK ID's revoke wants client_id beside the token


@runtime_checkable
class Connector(Protocol):
    """What sync and the Connections page need from a source.

    Constructed with its config, the credentials, an ``httpx.Client``, a ``sleep`` callable (tests pass
    a fake one: no real sleeping) and ``on_token_refresh(credentials)`` which persists rotated tokens.
    """

    info: ClassVar[SourceInfo]

    def whoami(self) -> str:
        """Check the token against the API and return who/what it belongs to (for "connected as …")."""

    def list_accounts(self) -> list[SourceAccount]:
        """The communities/channels/counters this token can read."""

    def fetch(self, account: SourceAccount, window: SyncWindow, progress: Progress) -> FetchResult:
        """Everything for ``account`` in ``window`` as canonical frames."""


class ConnectorBase:
    """The constructor every built-in connector shares (external ones may subclass it too).

    ``http`` is an ``httpx.Client`` (see ``smmkpi.sources.http.make_client``); ``sleep`` and ``clock``
    are injectable so rate limiting and back-off never really sleep in tests; ``on_token_refresh`` is
    called with the new :class:`Credentials` whenever the connector refreshed (and rotated) a token,
    so the caller can persist them before anything else happens; ``today`` dates point-in-time values
    such as a follower count read now.
    """

    info: ClassVar[SourceInfo]
    defaults: ClassVar[Mapping[str, str]] = {}  # real endpoints and [U] facts, overridable by settings
    oauth: ClassVar[OAuthSpec | None] = None  # None: the source has no OAuth flow (tokens only)
    token_help: ClassVar[Mapping[str, str]] = {}  # {"ru": ..., "en": ...}: what a pasted token can read

    def __init__(self, config: SourceConfig, credentials: Credentials | None = None, *, http: Any,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 on_token_refresh: Callable[[Credentials], None] | None = None,
                 today: dt.date | None = None) -> None:  # fmt: skip
        self.config = config
        self.credentials = credentials
        self.http = http
        self.sleep = sleep
        self.clock = clock
        self.on_token_refresh = on_token_refresh or (lambda credentials: None)
        self.today = today  # the sync's "today" in the workspace zone (None: the connector's own clock)

    @classmethod
    def load_config(cls, environ: Mapping | None = None, secrets: Mapping | None = None) -> SourceConfig:
        return SourceConfig.from_settings(cls.info.key, cls.defaults, environ=environ, secrets=secrets)

    @classmethod
    def credentials_from_token(cls, token: str) -> Credentials:
        """Credentials for a pasted long-lived token (the kind is found out by :meth:`check_token`)."""
        return Credentials(access_token=token.strip(), kind="user")

    def check_token(self) -> Credentials:
        """Ask the API who the token belongs to; return the credentials with ``kind`` and ``extra`` filled."""
        self.whoami()
        return self.credentials

    def whoami(self) -> str:  # pragma: no cover - every connector implements it
        raise NotImplementedError

    def resolve_account(self, text: str) -> SourceAccount:
        """An account named by id, handle or link (for sources that cannot list what a token can read)."""
        raise NotSupported(f"{self.info.name}: pick an account from the list", metric="resolve_account")

    def refresh_credentials(self) -> Credentials:
        """Refresh the OAuth token (rotating the refresh token), persist it via ``on_token_refresh``."""
        from smmkpi.sources import oauth

        if self.oauth is None or self.credentials is None or not self.credentials.refresh_token:
            raise AuthExpired(f"{self.info.name}: the access token expired", hint="reconnect")
        self.credentials = oauth.refresh(
            self.config, self.oauth, self.credentials, on_refresh=self.on_token_refresh
        )
        return self.credentials

    def revoke(self) -> bool:
        """Revoke the token at the provider where it supports that; True when it confirmed."""
        from smmkpi.sources import oauth

        if self.oauth is None or self.credentials is None or not self.config.revoke_url:
            return False
        return oauth.revoke(self.config, self.oauth, self.credentials)


# --------------------------------------------------------------------------------------------------
# Registry: the UI lists it and never imports a network module by name

REGISTRY: dict[str, type] = {}


def register(cls: type) -> type:
    """Class decorator: add a connector class (with a ``info: SourceInfo``) to the registry."""
    REGISTRY[cls.info.key] = cls
    return cls


def load_builtin_connectors() -> dict[str, type]:
    """Import the built-in connector modules (each registers itself) and return the registry."""
    import importlib

    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    return REGISTRY


BUILTIN_MODULES: list[str] = [
    # one line per built-in connector module
    "smmkpi.sources.vk",
    "smmkpi.sources.ok",
    "smmkpi.sources.telegram",
    "smmkpi.sources.yandex_metrica",
]
