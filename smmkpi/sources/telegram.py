"""Telegram channels through the Bot API: the member count, day by day, and nothing the bot cannot see.

There is no OAuth: the user creates a bot with @BotFather, adds it to the channel as an administrator and
pastes the bot token; the token is checked with ``getMe``. A channel is added by ``@name``, a t.me link or
its ``-100…`` id (``getChat``; ``getChatMember`` tells whether the bot is an administrator).

What the Bot API gives: ``getChatMemberCount`` — the number of subscribers *now*. A sync records it as
that day's ``followers`` (a snapshot: other days stay as they are); the API has no history, so days
before the first sync cannot be filled. Post views, reactions, forwards and reach are not readable by a
bot at all: they come in through the canonical import (the channel's statistics in the Telegram app, or a
service such as TGStat) — :data:`INFO` ``limits`` says so on the Connections page.

Errors: ``{"ok": false, "error_code", "description", "parameters": {"retry_after"}}`` (the HTTP status
mirrors ``error_code``): 401 → the token is invalid or revoked, 403 → the bot is not in the channel,
400 "chat not found" → the bot cannot see the channel, 429 → wait ``retry_after`` seconds.

The token is part of every URL (``/bot<token>/<method>``): error messages here never include a URL, and
a logging filter masks the token in httpx's request log lines.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import httpx
import pandas as pd

from smmkpi.sources.base import (
    AuthExpired,
    ConnectorBase,
    Credentials,
    FetchResult,
    NotSupported,
    PermissionDenied,
    Progress,
    RateLimited,
    SourceAccount,
    SourceError,
    SourceInfo,
    SyncWindow,
    note,
    register,
)
from smmkpi.sources.http import Backoff, TransientError, mask_in_logs, retry_after_seconds

KEY = "telegram"
DEFAULTS: dict[str, str] = {
    "api_url": "https://api.telegram.org",
    "timezone": "Europe/Moscow",  # the workspace's calendar day a member count is recorded on
    "max_retries": "5",
    "backoff_seconds": "1",
}
MAX_BACKOFF_SECONDS = 120.0
ADMIN_STATUSES = frozenset({"administrator", "creator"})
TOKEN_IN_URL = re.compile(r"/bot[^/\s]+/")
BOT_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")

NO_HISTORY_NOTE = note("tg_no_history")
NOT_VISIBLE_NOTE = note("tg_not_visible")

INFO = SourceInfo(
    key=KEY,
    name="Telegram",
    auth="token",
    provides=("daily",),
    account_kind="channel",
    network="telegram",
    has_history=False,
    limits={
        "ru": (
            "Бот Telegram видит только число подписчиков канала — на момент синхронизации: каждый запуск "
            "записывает подписчиков за этот день, прошлые дни бот восстановить не может. Просмотры, реакции, "
            "репосты и охват постов Bot API не отдаёт — загрузите их импортом из статистики канала в Telegram "
            "или из сервиса вроде TGStat. Добавьте бота в канал администратором (без дополнительных прав)."
        ),
        "en": (
            "A Telegram bot sees only the channel's subscriber count, at the moment of the sync: each run records "
            "that day's followers, and past days cannot be recovered. Post views, reactions, forwards and reach "
            "are not available through the Bot API — import them from the channel's statistics in Telegram or "
            "from a service such as TGStat. Add the bot to the channel as an administrator (no extra rights)."
        ),
    },
)


mask_in_logs("/bot", TOKEN_IN_URL, "/bot***/")


# --------------------------------------------------------------------------------------------------
# Parsing (pure)


def error_from(payload: Any, status: int, retry_after_header: str | None = None) -> SourceError:
    """The base error for a Bot API error envelope (or a bare HTTP status, e.g. a proxy's HTML page).

    The wait of a 429 is ``parameters.retry_after``, else the ``Retry-After`` header."""
    body = payload if isinstance(payload, Mapping) else {}
    code = _int(body.get("error_code")) or status
    description = str(body.get("description") or f"HTTP {status}")[:300]
    detail = f"Telegram Bot API: {description}"
    if code == 429:
        parameters = body.get("parameters") if isinstance(body.get("parameters"), Mapping) else {}
        retry_after = _int(parameters.get("retry_after"))
        seconds = float(retry_after) if retry_after is not None else retry_after_seconds(retry_after_header)
        return RateLimited(detail, retry_after=seconds,
                           hint="Telegram asked to wait: the sync retries after the pause.")  # fmt: skip
    if code in (401, 404):
        return AuthExpired(
            detail, hint="The bot token is wrong or was revoked: get a new one from @BotFather."
        )
    if code == 403:
        return PermissionDenied(detail, hint="Add the bot to the channel as an administrator.")
    if code == 400 and "not found" in description.lower():
        return PermissionDenied(
            detail, hint="Check the channel's @name or id and add the bot to the channel as an administrator."
        )
    if code >= 500:
        return TransientError(detail, hint="retry")
    if code == 400:
        return NotSupported(detail)
    return SourceError(detail)


def parse_result(payload: Any, status: int = 200, retry_after_header: str | None = None) -> Any:
    """The ``result`` of a Bot API answer; an ``"ok": false`` envelope raises the mapped error."""
    if not isinstance(payload, Mapping) or payload.get("ok") is not True:
        raise error_from(payload, status, retry_after_header)
    return payload.get("result")


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return None if math.isnan(number) else int(round(number))


def parse_member_count(payload: Any) -> int:
    """``getChatMemberCount`` → the number of subscribers (an Int, tolerated as a numeric string)."""
    count = _int(parse_result(payload))
    if count is None or count < 0:
        raise SourceError("Telegram Bot API: getChatMemberCount returned no number")
    return count


def chat_reference(text: str) -> str:
    """The ``chat_id`` for what a user typed: ``@name``, ``name``, a t.me link or a ``-100…`` id."""
    text = (text or "").strip()
    link = re.match(r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?([A-Za-z0-9_]+)/?$", text)
    if link:
        return "@" + link.group(1)
    if re.fullmatch(r"-?\d+", text):
        return text
    name = text.lstrip("@")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,}", name):
        raise SourceError(
            f"'{text[:60]}' is not a channel: give its @name, a t.me/… link or its -100… id",
            hint="The @name is in the channel's profile; a private channel is added by its -100… id.",
        )
    return "@" + name


def parse_chat(payload: Any) -> SourceAccount:
    """``getChat`` → the channel as an account (handle = the @name without @, else the numeric id)."""
    chat = parse_result(payload) or {}
    chat_type = str(chat.get("type") or "")
    if chat_type not in ("channel", "supergroup"):
        raise SourceError(f"Telegram: this chat is a {chat_type or 'chat'}, not a channel")
    chat_id = str(chat.get("id"))
    username = str(chat.get("username") or "")
    return SourceAccount(
        external_id=chat_id,
        name=str(chat.get("title") or username or chat_id),
        handle=username or chat_id,
        url=f"https://t.me/{username}" if username else "",
        network="telegram",
        details={"type": chat_type},
    )


def parse_bot(payload: Any) -> dict[str, str]:
    """``getMe`` → {"bot_id", "bot_username"}; a user (not bot) token is refused."""
    me = parse_result(payload) or {}
    if not me.get("is_bot", True):
        raise SourceError("Telegram: this token does not belong to a bot; create one with @BotFather")
    return {"bot_id": str(me.get("id") or ""), "bot_username": str(me.get("username") or "")}


def followers_snapshot(count: int, *, day: dt.date, account: str) -> pd.DataFrame:
    """Canonical ``daily`` with only ``followers`` for ``day`` (the other columns are left alone)."""
    return pd.DataFrame([{"date": day, "network": "telegram", "account": account, "followers": count}])


# --------------------------------------------------------------------------------------------------
# The connector


@register
class TelegramConnector(ConnectorBase):
    """A Telegram channel through a bot: today's member count as ``daily.followers``."""

    info: ClassVar[SourceInfo] = INFO
    defaults: ClassVar[Mapping[str, str]] = DEFAULTS
    oauth = None
    token_help: ClassVar[Mapping[str, str]] = {
        "ru": (
            "Токен бота из @BotFather (вида 123456:ABC…). Добавьте бота в канал администратором, затем укажите "
            "канал: @имя, ссылку t.me/… или id вида -100…"
        ),
        "en": (
            "The bot token from @BotFather (like 123456:ABC…). Add the bot to the channel as an administrator, "
            "then name the channel: @name, a t.me/… link or its -100… id."
        ),
    }

    def _setting(self, name: str) -> str:
        return str(self.config.extra.get(name) or DEFAULTS[name])

    def _int_setting(self, name: str) -> int:
        try:
            return int(float(self._setting(name)))
        except ValueError:
            return int(DEFAULTS[name])

    def current_day(self) -> dt.date:
        """The sync's "today" (workspace zone) when given, else today in the configured zone."""
        if self.today is not None:
            return self.today
        return dt.datetime.now(ZoneInfo(self._setting("timezone"))).date()

    @classmethod
    def credentials_from_token(cls, token: str) -> Credentials:
        token = (token or "").strip()
        if not BOT_TOKEN.match(token):
            raise SourceError(
                "This does not look like a bot token (digits, a colon, then letters)",
                hint="Copy the token @BotFather sent when you created the bot.",
            )
        return Credentials(access_token=token, kind="bot")

    _use_get = False

    def call(self, method: str, **params: Any) -> Any:
        """One Bot API call (POST form) with back-off on 429 and 5xx; returns ``result``."""
        if self.credentials is None:
            raise AuthExpired("Telegram: no bot token", hint="reconnect")

        def once() -> Any:
            url = f"{self.config.api_url}/bot{self.credentials.access_token}/{method}"
            values = {k: str(v) for k, v in params.items()}
            try:
                response = None
                if not self._use_get:
                    response = self.http.request("POST", url, data=values)
                    if response.status_code == 405:  # the Bot API takes GET as well: use it from now on
                        self._use_get = True
                if self._use_get:
                    response = self.http.request("GET", url, params=values)
            except httpx.HTTPError as error:  # its message holds the URL, hence the token: never shown
                raise TransientError(
                    f"could not reach Telegram ({type(error).__name__})", hint="retry"
                ) from None
            try:
                body = response.json()
            except ValueError:
                body = None
            return parse_result(body, response.status_code, response.headers.get("Retry-After"))

        backoff = Backoff(sleep=self.sleep, max_attempts=self._int_setting("max_retries"),
                          base_delay=float(self._setting("backoff_seconds")), max_delay=MAX_BACKOFF_SECONDS)  # fmt: skip
        return backoff.call(once, retry_on=(RateLimited, TransientError))

    def check_token(self) -> Credentials:
        bot = parse_bot({"ok": True, "result": self.call("getMe")})
        extra = {**self.credentials.extra, **bot, "external_id": bot["bot_id"]}
        self.credentials = Credentials(access_token=self.credentials.access_token, kind="bot", extra=extra)
        return self.credentials

    def whoami(self) -> str:
        bot = parse_bot({"ok": True, "result": self.call("getMe")})
        return "@" + bot["bot_username"] if bot["bot_username"] else f"bot {bot['bot_id']}"

    def list_accounts(self) -> list[SourceAccount]:
        """A bot cannot list the channels it is in: channels are added by name (:meth:`resolve_account`)."""
        return []

    def resolve_account(self, text: str) -> SourceAccount:
        account = parse_chat({"ok": True, "result": self.call("getChat", chat_id=chat_reference(text))})
        bot_id = (self.credentials.extra or {}).get("bot_id") or self.check_token().extra.get("bot_id")
        admin = "unknown"
        if bot_id:
            try:
                member = self.call("getChatMember", chat_id=account.external_id, user_id=bot_id) or {}
                admin = "yes" if str(member.get("status")) in ADMIN_STATUSES else "no"
            except (PermissionDenied, NotSupported):
                admin = "no"
        return SourceAccount(external_id=account.external_id, name=account.name, handle=account.handle,
                             url=account.url, network="telegram",
                             details={**account.details, "bot_is_admin": admin})  # fmt: skip

    def fetch(self, account: SourceAccount, window: SyncWindow, progress: Progress) -> FetchResult:
        """Today's subscriber count, when the window reaches today (a bot has no history to backfill).

        The notes are the same for every window, so a sync cut into several windows shows each once.
        """
        today = self.current_day()
        result = FetchResult()
        if window.since < today:
            result.not_supported.append(NO_HISTORY_NOTE)
        if window.since <= today <= window.until:
            progress(0.0, "subscribers")
            count = parse_member_count(
                {"ok": True, "result": self.call("getChatMemberCount", chat_id=account.external_id)}
            )
            result.snapshots["daily"] = followers_snapshot(count, day=today, account=account.handle)
            result.not_supported.append(NOT_VISIBLE_NOTE)
        progress(1.0, "done")
        return result
