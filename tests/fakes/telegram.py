"""A fake Telegram Bot API for tests, on 127.0.0.1: ``/bot<token>/<method>`` with the real envelopes.

- Success ``{"ok": true, "result": …}``; errors ``{"ok": false, "error_code", "description"[, "parameters":
  {"retry_after"}]}`` with the HTTP status equal to ``error_code``: 401 Unauthorized (unknown or revoked
  token), 404 Not Found (unknown method), 400 "Bad Request: chat not found", 403 "Forbidden: bot is not a
  member of the channel chat", 429 "Too Many Requests: retry after N".
- Parameters from the query string, a form or a JSON body. Methods: ``getMe``, ``getChat``,
  ``getChatMemberCount``, ``getChatMember``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import register_provider

BOT_TOKEN = "7012345678:AAF-fake_token_for_tests_only_0123456789"
BOT_ID = 7012345678
BOT_USERNAME = "smmkpi_stats_bot"


@dataclass
class Channel:
    id: int
    title: str
    username: str | None
    members: int
    bot_status: str | None = "administrator"  # None: the bot is not in the channel
    type: str = "channel"
    extra: dict = field(default_factory=dict)


def _default_channels() -> list[Channel]:
    return [
        Channel(-1001234567890, "Обжарка: новости и акции", "obzharka_news", 5_230),
        Channel(-1009876543210, "Кедр: мебель на заказ", "kedr_mebel_tg", 1_870, bot_status="member"),
        Channel(-1005555555555, "Закрытый канал для клиентов", None, 312),
        Channel(-1004444444444, "Чужой канал", "someone_else", 90_000, bot_status=None),
        Channel(-1003333333333, "Чат покупателей", "obzharka_chat", 640, type="supergroup"),
        Channel(-4001, "Рабочий чат", None, 12, type="group"),
    ]


@register_provider
class TelegramFake:
    """State and knobs of the fake Bot API; ``app`` is mounted at ``/telegram``."""

    name = "telegram"

    def __init__(self, base_url: str, *, clock=None, channels: list[Channel] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.channels = channels if channels is not None else _default_channels()
        self.tokens = {BOT_TOKEN}
        self.throttle: list[int] = []  # retry_after seconds for the next calls (each answered 429)
        self.calls: list[tuple[str, dict]] = []
        self.post_allowed = True  # False: POST is answered with 405 (a GET-only server)
        # raw answers for the next calls as (status, content type, body, headers): a proxy's HTML 502 page,
        # a gateway's 429 with only a Retry-After header ... (issue 4)
        self.outage: list[tuple[int, str, str, dict]] = []
        self.app = Starlette(routes=[Route("/bot{token}/{method}", self.call, methods=["GET", "POST"])])

    def env(self) -> dict[str, str]:
        return {"SMMKPI_TELEGRAM_API_URL": self.base_url}

    def revoke(self, token: str = BOT_TOKEN) -> None:
        self.tokens.discard(token)

    def channel(self, chat_id: str) -> Channel | None:
        for channel in self.channels:
            if chat_id == str(channel.id) or (
                channel.username and chat_id.lower() == "@" + channel.username.lower()
            ):
                return channel
        return None

    @staticmethod
    def fail(code: int, description: str, **parameters) -> JSONResponse:
        body: dict = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return JSONResponse(body, status_code=code)

    async def call(self, request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST" and not self.post_allowed:
            return Response(status_code=405, headers={"Allow": "GET"})
        if request.method == "POST":
            if request.headers.get("content-type", "").startswith("application/json"):
                params.update({k: str(v) for k, v in json.loads(await request.body() or b"{}").items()})
            else:
                params.update({k: str(v) for k, v in (await request.form()).items()})
        method = request.path_params["method"]
        self.calls.append((method, params))
        if self.outage:
            status, content_type, text, headers = self.outage.pop(0)
            return Response(text, status_code=status, media_type=content_type, headers=headers)
        if request.path_params["token"] not in self.tokens:
            return self.fail(401, "Unauthorized")
        if self.throttle:
            seconds = self.throttle.pop(0)
            return self.fail(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)
        if method == "getMe":
            return JSONResponse({"ok": True, "result": {
                "id": BOT_ID, "is_bot": True, "first_name": "SMM KPI", "username": BOT_USERNAME,
                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}})  # fmt: skip
        if method not in ("getChat", "getChatMemberCount", "getChatMember"):
            return self.fail(404, "Not Found")
        if not params.get("chat_id"):
            return self.fail(400, "Bad Request: chat_id is empty")
        channel = self.channel(params["chat_id"])
        if channel is None or (channel.bot_status is None and not channel.username):
            return self.fail(400, "Bad Request: chat not found")
        if method == "getChat":
            chat = {"id": channel.id, "type": channel.type, "title": channel.title}
            if channel.username:
                chat["username"] = channel.username
            return JSONResponse({"ok": True, "result": chat})
        if method == "getChatMember":
            if str(params.get("user_id")) != str(BOT_ID):
                return self.fail(400, "Bad Request: user not found")
            if channel.bot_status is None:
                return self.fail(403, "Forbidden: bot is not a member of the channel chat")
            return JSONResponse({"ok": True, "result": {"status": channel.bot_status,
                                                        "user": {"id": BOT_ID, "is_bot": True}}})  # fmt: skip
        if channel.bot_status is None:
            return self.fail(403, "Forbidden: bot is not a member of the channel chat")
        return JSONResponse({"ok": True, "result": channel.members})
