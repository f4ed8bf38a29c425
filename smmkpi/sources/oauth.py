"""The one home of Authlib: authorization URL with state + PKCE, code exchange, refresh, revocation.

Nothing here touches the database (``smmkpi/sources`` never imports ``db``): the caller stores the
``state`` and PKCE verifier server-side (a redirect to the provider and back starts a new Streamlit
session, so session state would be lost) and hands the stored record back to :func:`check_state`.
Single use, a 10-minute lifetime and the binding to a workspace and user are enforced here, so every
caller gets the same rules.

Provider quirks come from the connector's :class:`~smmkpi.sources.base.OAuthSpec` (VK ID: lower-case
``s256``, ``device_id`` from the redirect sent again on exchange and refresh, no client secret).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
from authlib.integrations.httpx_client import OAuth2Client, OAuthError
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from smmkpi.sources.base import (
    AuthExpired,
    Credentials,
    OAuthSpec,
    RateLimited,
    SourceConfig,
    SourceError,
)
from smmkpi.sources.http import TransientError, retry_after_seconds

STATE_TTL = dt.timedelta(minutes=10)
STATE_BYTES = 32  # token_urlsafe(32) → 43 characters of [A-Za-z0-9_-] (VK ID wants ≥ 32)
VERIFIER_BYTES = 64  # → 86 characters, inside RFC 7636's 43–128
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
# Errors of the token endpoint that mean "the grant is gone: the user must authorize again".
REAUTH_ERRORS = frozenset({"invalid_grant", "invalid_token", "unauthorized_client", "access_denied"})


class OAuthStateError(SourceError):
    """The ``state`` coming back is unknown, used, expired or belongs to someone else.

    ``reason`` is one of ``unknown``, ``used``, ``expired``, ``foreign`` (the UI words it).
    """

    def __init__(self, reason: str) -> None:
        messages = {
            "unknown": "This authorization link was not started here or is incomplete.",
            "used": "This authorization link has already been used.",
            "expired": "This authorization link has expired (links live 10 minutes).",
            "foreign": "This authorization link was started by another user or in another workspace.",
        }
        super().__init__(messages.get(reason, messages["unknown"]), hint="start_again")
        self.reason = reason


@dataclass(frozen=True)
class PendingAuthorization:
    """A freshly started authorization: store ``state`` + ``verifier``, send the browser to ``url``."""

    state: str
    verifier: str
    url: str
    expires_at: dt.datetime

    def __repr__(self) -> str:  # the verifier is a secret until it is used
        return f"PendingAuthorization(url={self.url!r}, expires_at={self.expires_at!r})"


@dataclass(frozen=True)
class StoredState:
    """What the caller kept for one ``state`` (read back from its store)."""

    state: str
    verifier: str
    source: str
    workspace_id: int
    user: str | None
    redirect_uri: str
    expires_at: dt.datetime
    used_at: dt.datetime | None = None

    def __repr__(self) -> str:
        return (
            f"StoredState(source={self.source!r}, workspace_id={self.workspace_id}, used_at={self.used_at!r})"
        )


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes for values stored as UTC
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def new_state() -> str:
    return secrets.token_urlsafe(STATE_BYTES)


def new_verifier() -> str:
    return secrets.token_urlsafe(VERIFIER_BYTES)


def _seconds(value) -> int | None:
    """A lifetime sent as 3600, "3600", 3600.0 or "3600.0" → 3600; anything else → None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if math.isfinite(number) else None


def _normalized_token_response(response: httpx.Response) -> httpx.Response:
    """Token answers as providers send them, made safe for Authlib: a lifetime as a string or a float
    ("86400", 3600.0) becomes an integer and an unreadable one is dropped (Authlib would raise on it).
    Anything that is not a JSON object (an error page) is left for Authlib to report."""
    try:
        body = response.json()
    except ValueError:
        return response
    if not isinstance(body, dict):
        return response
    changed = False
    for key in ("expires_in", "expires_at"):
        if key in body:
            seconds = _seconds(body[key])
            if seconds is None or seconds <= 0:
                body.pop(key)
                changed = True
            elif body[key] != seconds:
                body[key] = seconds
                changed = True
    if not changed:
        return response
    return httpx.Response(response.status_code, headers={"Content-Type": "application/json"},
                          content=json.dumps(body).encode(), request=response.request)  # fmt: skip


def _client(
    config: SourceConfig,
    spec: OAuthSpec,
    *,
    redirect_uri: str | None = None,
    update_token: Callable | None = None,
) -> OAuth2Client:
    client = OAuth2Client(
        client_id=config.client_id,
        client_secret=config.client_secret or None,
        token_endpoint_auth_method=spec.client_auth,
        scope=spec.scope_separator.join(config.scopes) or None,
        redirect_uri=redirect_uri,
        update_token=update_token,
        timeout=DEFAULT_TIMEOUT,
    )
    client.register_compliance_hook("access_token_response", _normalized_token_response)
    client.register_compliance_hook("refresh_token_response", _normalized_token_response)
    return client


# --------------------------------------------------------------------------------------------------
# Authorization


def authorization_url(
    config: SourceConfig, spec: OAuthSpec, *, redirect_uri: str, state: str, verifier: str
) -> str:
    """The provider's consent page for this app, with ``state`` and (when the spec wants it) PKCE."""
    if not config.oauth_ready:
        raise SourceError(f"{config.key}: OAuth is not configured", hint="configure")
    extra: dict[str, str] = dict(spec.authorize_params)
    if spec.pkce:
        # Authlib adds a challenge only for the literal "S256"; VK ID wants "s256", so it is built here.
        extra["code_challenge"] = create_s256_code_challenge(verifier)
        extra["code_challenge_method"] = spec.challenge_method
    with _client(config, spec, redirect_uri=redirect_uri) as client:
        url, _ = client.create_authorization_url(config.authorize_url, state=state, **extra)
    return url


def start(
    config: SourceConfig, spec: OAuthSpec, *, redirect_uri: str, now: dt.datetime | None = None
) -> PendingAuthorization:
    """A new state and verifier and the URL that carries them; the caller stores both before redirecting."""
    state, verifier = new_state(), new_verifier()
    url = authorization_url(config, spec, redirect_uri=redirect_uri, state=state, verifier=verifier)
    return PendingAuthorization(
        state=state, verifier=verifier, url=url, expires_at=(now or utc_now()) + STATE_TTL
    )


def check_state(
    stored: StoredState | None,
    *,
    source: str | None,
    workspace_id: int | None,
    user: str | None,
    now: dt.datetime | None = None,
) -> StoredState:
    """Accept a state only once, within its lifetime, for the workspace and user that started it.

    ``workspace_id=None`` means the session has not chosen a workspace (a fresh session after the
    redirect): the state's own workspace is used. A logged-in user must be the one who started it.
    """
    now = now or utc_now()
    if stored is None:
        raise OAuthStateError("unknown")
    if stored.used_at is not None:
        raise OAuthStateError("used")
    if _aware(stored.expires_at) <= now:
        raise OAuthStateError("expired")
    if (source is not None and stored.source != source) or (
        workspace_id is not None and stored.workspace_id != workspace_id
    ):
        raise OAuthStateError("foreign")
    if (stored.user or None) != (user or None):
        raise OAuthStateError("foreign")
    return stored


# --------------------------------------------------------------------------------------------------
# Tokens


def credentials_from_token(
    token: Mapping,
    *,
    previous: Credentials | None = None,
    extra: Mapping | None = None,
    now: dt.datetime | None = None,
) -> Credentials:
    """A token endpoint answer → Credentials (the old refresh token is kept when none came back).

    Tolerates what providers send besides RFC 6749's fields (VK ID: ``user_id``, ``id_token``, ``scope``,
    ``state``), any ``token_type`` casing, and a lifetime as a number or a string, or none at all.
    """
    now = now or utc_now()
    access_token = token.get("access_token") if isinstance(token, Mapping) else None
    if not isinstance(access_token, str) or not access_token.strip():
        raise SourceError("the token endpoint answered without an access token")
    expires_at = None
    if _seconds(token.get("expires_at")):
        expires_at = dt.datetime.fromtimestamp(_seconds(token["expires_at"]), dt.UTC)
    elif _seconds(token.get("expires_in")):
        expires_at = now + dt.timedelta(seconds=_seconds(token["expires_in"]))
    kept = dict(previous.extra) if previous else {}
    kept.update(extra or {})
    for key in ("user_id", "scope"):
        if token.get(key) not in (None, ""):
            kept[key] = token[key]
    return Credentials(
        access_token=access_token,
        refresh_token=token.get("refresh_token") or (previous.refresh_token if previous else None),
        expires_at=expires_at,
        kind=previous.kind if previous else "user",
        extra=kept,
    )


def _oauth_failure(config: SourceConfig, error: Exception) -> SourceError:
    if isinstance(error, OAuthError):
        code = (error.error or "").strip()
        if code in REAUTH_ERRORS:
            return AuthExpired(
                f"{config.key}: the authorization is no longer valid ({code})", hint="reconnect"
            )
        return SourceError(f"{config.key}: the provider refused the token request ({code or 'error'})")
    if isinstance(error, SourceError):
        return error
    if isinstance(error, httpx.HTTPStatusError):
        status = error.response.status_code
        retry_after = retry_after_seconds(error.response.headers.get("Retry-After"))
        if status in (400, 401, 403):
            return AuthExpired(
                f"{config.key}: the authorization is no longer valid (HTTP {status})", hint="reconnect"
            )
        if status == 429:
            return RateLimited(f"{config.key}: the token endpoint asked to slow down (HTTP 429)",
                               retry_after=retry_after, hint="retry_later")  # fmt: skip
        if status >= 500:
            return TransientError(f"{config.key}: the token endpoint answered HTTP {status}", hint="retry",
                                  retry_after=retry_after)  # fmt: skip
        return SourceError(f"{config.key}: the token endpoint answered HTTP {status}", hint="retry")
    if isinstance(error, httpx.HTTPError):
        return TransientError(
            f"{config.key}: could not reach the token endpoint ({type(error).__name__})", hint="retry"
        )
    if isinstance(error, ValueError):
        return SourceError(f"{config.key}: the token endpoint did not answer with a token (not JSON)",
                           hint="retry")  # fmt: skip
    return SourceError(f"{config.key}: unexpected token endpoint answer ({type(error).__name__})")


def _check_echoed_state(config: SourceConfig, token: Mapping, sent: str | None) -> None:
    """A provider that echoes ``state`` in the token answer (VK ID) must echo the one this request sent."""
    echoed = token.get("state") if isinstance(token, Mapping) else None
    if sent and echoed not in (None, "") and str(echoed) != sent:
        raise SourceError(f"{config.key}: the token answer belongs to another authorization (state mismatch)",
                          hint="start_again")  # fmt: skip


def _exchange_params(spec: OAuthSpec, values: Mapping, state: str | None) -> dict[str, str]:
    params = {name: str(values[name]) for name in spec.exchange_params if values.get(name)}
    if spec.state_on_exchange and state:
        params["state"] = state
    return params


def exchange_code(
    config: SourceConfig,
    spec: OAuthSpec,
    *,
    code: str,
    stored: StoredState,
    callback_params: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> Credentials:
    """Trade the authorization code (plus the stored PKCE verifier) for tokens."""
    callback = {k: v for k, v in (callback_params or {}).items() if k in spec.callback_params and v}
    params = _exchange_params(spec, callback, stored.state)
    if spec.pkce:
        params["code_verifier"] = stored.verifier
    # Authlib's fetch_token takes ``state`` as its own argument and leaves it out of the request: VK ID
    # wants it in the exchange, so it goes in the form body as written
    state = params.pop("state", None)
    body = urlencode({"state": state}) if state else ""
    try:
        with _client(config, spec, redirect_uri=stored.redirect_uri) as client:
            token = client.fetch_token(config.token_url, body=body, grant_type="authorization_code", code=code,
                                       **params)  # fmt: skip
    except (OAuthError, httpx.HTTPError, ValueError) as error:
        raise _oauth_failure(config, error) from None
    _check_echoed_state(config, token, state)
    return credentials_from_token(token, extra=callback, now=now)


def refresh(
    config: SourceConfig,
    spec: OAuthSpec,
    credentials: Credentials,
    *,
    on_refresh: Callable[[Credentials], None],
    now: dt.datetime | None = None,
) -> Credentials:
    """Refresh the access token; the (rotated) result goes to ``on_refresh`` before it is returned.

    Authlib's ``update_token`` hook receives the new token the moment the provider returns it; the
    caller persists it there, because a rotated refresh token invalidates the old one.
    """
    if not credentials.refresh_token:
        raise AuthExpired(
            f"{config.key}: the access token expired and there is no refresh token", hint="reconnect"
        )
    refreshed: list[Credentials] = []

    params = _exchange_params(spec, credentials.extra, new_state() if spec.state_on_exchange else None)

    def update_token(token, refresh_token=None, access_token=None):
        # no state check here: the old refresh token is already spent, so the new one must be kept
        new = credentials_from_token(token, previous=credentials, now=now)
        on_refresh(new)
        refreshed.append(new)

    try:
        with _client(config, spec, update_token=update_token) as client:
            client.refresh_token(config.token_url, refresh_token=credentials.refresh_token, **params)
    except (OAuthError, httpx.HTTPError, ValueError, SourceError) as error:
        raise _oauth_failure(config, error) from None
    if not refreshed:  # pragma: no cover - Authlib always calls update_token after a refresh
        raise SourceError(f"{config.key}: the token endpoint returned no token")
    return refreshed[-1]


def revoke(config: SourceConfig, spec: OAuthSpec, credentials: Credentials) -> bool:
    """Tell the provider to forget the token; True when it confirmed. Never raises."""
    if not config.revoke_url:
        return False
    data = {spec.revoke_param: credentials.access_token}
    if spec.revoke_client_id and config.client_id:
        data["client_id"] = config.client_id
    try:
        with _client(config, spec) as client:
            response = client.request("POST", config.revoke_url, data=data, withhold_token=True)
    except httpx.HTTPError:
        return False
    if response.status_code >= 400:
        return False
    try:
        body = response.json()
    except ValueError:
        return True
    return not (isinstance(body, dict) and "error" in body)
