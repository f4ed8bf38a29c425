"""A fake of VK ID (OAuth 2.1 + PKCE) and of the VK API methods smmkpi uses, with VK's envelopes.

Follows the documented shapes (reference/api-notes.md §1): errors inside HTTP 200 as
``{"error": {"error_code", "error_msg", "request_params"}}``, ``groups.getById`` as an object with
``groups``, paging by ``offset``/``count`` with VK's maxima (wall.get 100, stats.getPostReach 30 ids,
wall.getComments 100), user vs community tokens (27 for what a community token may not call), error 6
above the per-token rate (3/s user, 20/s community, measured on the injected clock), post reach only for
the latest 300 posts, some counters as strings. Data are deterministic and end on ``today``.

Controls for tests: ``expire_access_tokens()``, ``revoke_refresh_tokens()``, ``fail(method, code,
times)``, ``calls`` (what was called, without tokens), ``deny(method, code)``; variants of the documented
answers: ``token_answer`` (fields of the token answer changed or left out), ``token_outage`` and
``api_outage`` (raw answers such as an HTML 502 page), ``string_numbers`` (every number as a string), ``omit_counts`` (paged answers without ``count``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.fakes.server import register_provider

MSK = ZoneInfo("Europe/Moscow")
CLIENT_ID = "51234567"
USER_ID = 1001
USER_NAME = ("Анна", "Петрова")
HISTORY_DAYS = 420  # one post a day: more than 300 posts, so post reach has a limit to respect
COMMUNITY_TOKEN_PREFIX = "vk1.a.community-"
LEGACY_USER_TOKEN = "vk1.a.legacy-user-token-of-anna-0123456789abcdef"
MAX = {
    "wall.get": 100,
    "wall.getComments": 100,
    "groups.get": 1000,
    "stats.getPostReach": 30,
    "messages.getConversations": 200,
    "messages.getHistory": 200,
}
MESSAGE_DAYS = 60  # the community's direct messages go back this far
MESSAGE_PEERS = (2100, 2101, 2102, 2103, 2104)
COMMUNITY_FORBIDDEN = {"stats.get", "stats.getPostReach", "wall.get", "groups.get", "wall.getComments"}


def _stringify(value):
    """Every number (not a boolean) of a JSON value as a string, as VK sends some counters."""
    if isinstance(value, dict):
        return {k: _stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify(v) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


@dataclass
class Group:
    id: int
    name: str
    screen_name: str
    members: int
    base_reach: int
    admins: set[int] = field(default_factory=set)


@dataclass
class Token:
    user_id: int | None
    group_id: int | None
    expires_at: float | None
    scope: str = ""


@register_provider
class VkFake:
    name = "vk"

    def __init__(self, base_url: str, *, today: dt.date | None = None, clock=None, rate_user: float = 3.0,
                 rate_community: float = 20.0, token_ttl_s: float = 3600.0, strict_state: bool = True) -> None:  # fmt: skip
        self.base_url = base_url
        self.today = today or dt.datetime.now(MSK).date()
        self.clock = clock or time.monotonic
        self.rates = {"user": rate_user, "community": rate_community}
        self.token_ttl_s = token_ttl_s
        self.strict_state = strict_state
        self.lock = threading.Lock()
        self.groups = {
            501: Group(501, "Кофейня «Зерно»", "zerno_coffee", 12840, 3000, {USER_ID}),
            502: Group(502, "Мебельная мастерская", "club502", 5310, 1200, {USER_ID}),
            777: Group(777, "Чужое сообщество", "someone_else", 99000, 20000, set()),
        }
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, Token] = {LEGACY_USER_TOKEN: Token(USER_ID, None, None, "groups stats wall")}
        for gid in self.groups:
            self.tokens[f"{COMMUNITY_TOKEN_PREFIX}{gid}-token"] = Token(None, gid, None)
        self.refresh: dict[str, dict] = {}
        self.failures: dict[str, deque] = defaultdict(deque)
        self.denied: dict[str, int] = {}
        self.calls: list[tuple[str, dict]] = []  # (method, params without access_token)
        self.token_requests: list[dict] = []  # bodies of /oauth2/auth requests, secrets masked
        self.revoked: list[str] = []
        self.windows: dict[str, deque] = defaultdict(deque)
        self.rate_limited = 0
        # token answer variants a provider may send (issue 4): keys merged into every token answer, a key
        # set to None left out ({"expires_in": "3600", "refresh_token": None}); raw answers for the next
        # token requests and API calls as (status, content type, body), e.g. a proxy's HTML 502 page
        self.token_answer: dict = {}
        self.token_outage: deque = deque()
        self.api_outage: deque = deque()
        self.string_numbers = False  # True: every number of an API answer is sent as a string
        self.omit_counts = False  # True: paged answers come without "count" (only their items)
        self.app = Starlette(routes=[
            Route("/authorize", self.authorize, methods=["GET"]),
            Route("/authorize/allow", self.allow, methods=["POST"]),
            Route("/oauth2/auth", self.token, methods=["POST"]),
            Route("/oauth2/revoke", self.revoke, methods=["POST"]),
            Route("/method/{method}", self.method, methods=["GET", "POST"]),
        ])  # fmt: skip

    def env(self) -> dict[str, str]:
        return {
            "SMMKPI_VK_API_URL": f"{self.base_url}/method",
            "SMMKPI_VK_AUTHORIZE_URL": f"{self.base_url}/authorize",
            "SMMKPI_VK_TOKEN_URL": f"{self.base_url}/oauth2/auth",
            "SMMKPI_VK_REVOKE_URL": f"{self.base_url}/oauth2/revoke",
            "SMMKPI_VK_CLIENT_ID": CLIENT_ID,
            "SMMKPI_VK_WEB_URL": "https://vk.com",
        }

    # --- test controls ------------------------------------------------------------------------------

    def expire_access_tokens(self) -> None:
        with self.lock:
            for token in self.tokens.values():
                if token.expires_at is not None:
                    token.expires_at = self.clock() - 1

    def revoke_refresh_tokens(self) -> None:
        with self.lock:
            self.refresh.clear()

    def fail(self, method: str, code: int, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer VK error ``code``."""
        with self.lock:
            self.failures[method].extend([code] * times)

    def deny(self, method: str, code: int = 15) -> None:
        self.denied[method] = code

    def called(self, method: str) -> list[dict]:
        return [params for name, params in self.calls if name == method]

    def issue_user_token(self, *, ttl_s: float | None = None) -> tuple[str, str]:
        """An access + refresh token pair as the OAuth flow would give (for connector tests)."""
        with self.lock:
            return self._issue(USER_ID, "fake-device", "groups stats wall", ttl_s)

    # --- VK ID OAuth --------------------------------------------------------------------------------

    async def authorize(self, request: Request):
        q = request.query_params
        problems = []
        if q.get("response_type") != "code":
            problems.append("response_type must be code")
        if q.get("client_id") != CLIENT_ID:
            problems.append("unknown client_id")
        if q.get("code_challenge_method") != "s256":
            problems.append("code_challenge_method must be s256")
        if not q.get("code_challenge"):
            problems.append("code_challenge is required (PKCE)")
        if self.strict_state and len(q.get("state", "")) < 32:
            problems.append("state must be at least 32 characters")
        if not q.get("redirect_uri"):
            problems.append("redirect_uri is required")
        if problems:
            return HTMLResponse(f"<h1>VK ID: bad request</h1><p>{html.escape('; '.join(problems))}</p>", 400)
        hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                         for k, v in q.items())  # fmt: skip
        scopes = html.escape(q.get("scope", "vkid.personal_info"))
        page = f"""<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>VK ID — fake</title></head>
<body style="font-family:sans-serif;max-width:480px;margin:60px auto">
<h1>VK ID (fake)</h1>
<p>Приложение запрашивает доступ к вашему аккаунту {html.escape(" ".join(USER_NAME))}: <code>{scopes}</code></p>
<form method="post" action="{self.base_url}/authorize/allow">{hidden}
<button type="submit" name="decision" value="allow" style="font-size:18px">Разрешить</button>
<button type="submit" name="decision" value="deny">Отмена</button>
</form></body></html>"""
        return HTMLResponse(page)

    async def allow(self, request: Request):
        form = dict(await request.form())
        redirect = form["redirect_uri"]
        if form.get("decision") != "allow":
            query = urlencode({"error": "access_denied", "error_description": "User denied",
                               "state": form.get("state", "")})  # fmt: skip
            return RedirectResponse(f"{redirect}?{query}", status_code=302)
        code = secrets.token_urlsafe(24)
        device_id = secrets.token_urlsafe(16)
        with self.lock:
            self.codes[code] = {"challenge": form["code_challenge"], "redirect_uri": redirect, "device_id": device_id,
                                "state": form.get("state", ""), "scope": form.get("scope", ""),
                                "expires_at": self.clock() + 600, "used": False}  # fmt: skip
        query = urlencode({"code": code, "state": form.get("state", ""), "device_id": device_id,
                           "type": "code_v2", "expires_in": 600})  # fmt: skip
        return RedirectResponse(f"{redirect}?{query}", status_code=302)

    def _issue(self, user_id: int, device_id: str, scope: str, ttl_s: float | None = None) -> tuple[str, str]:
        access = "vk2.a." + secrets.token_urlsafe(32)
        refresh = "vk2.a.r." + secrets.token_urlsafe(32)
        ttl = self.token_ttl_s if ttl_s is None else ttl_s
        self.tokens[access] = Token(user_id, None, self.clock() + ttl, scope)
        self.refresh[refresh] = {"user_id": user_id, "device_id": device_id, "scope": scope}
        return access, refresh

    @staticmethod
    def _oauth_error(error: str, description: str, state: str = "") -> JSONResponse:
        return JSONResponse({"error": error, "error_description": description, "state": state}, 400)

    async def token(self, request: Request):
        params = {**dict(request.query_params), **dict(await request.form())}
        self.token_requests.append({k: ("***" if k in ("code", "code_verifier", "refresh_token") else v)
                                    for k, v in params.items()})  # fmt: skip
        if self.token_outage:
            return self._raw(*self.token_outage.popleft())
        if params.get("client_id") != CLIENT_ID:
            return self._oauth_error("invalid_client", "unknown client_id", params.get("state", ""))
        grant = params.get("grant_type")
        with self.lock:
            if grant == "authorization_code":
                entry = self.codes.get(params.get("code", ""))
                if entry is None or entry["used"] or entry["expires_at"] < self.clock():
                    return self._oauth_error(
                        "invalid_grant", "code is invalid or expired", params.get("state", "")
                    )
                if s256(params.get("code_verifier", "")) != entry["challenge"]:
                    return self._oauth_error(
                        "invalid_grant", "code_verifier does not match", params.get("state", "")
                    )
                if params.get("device_id") != entry["device_id"]:
                    return self._oauth_error(
                        "invalid_request", "device_id is required", params.get("state", "")
                    )
                if self.strict_state and not params.get("state"):  # VK ID's exchange carries state [V]
                    return self._oauth_error("invalid_request", "state is required")
                if params.get("redirect_uri") != entry["redirect_uri"]:
                    return self._oauth_error(
                        "invalid_grant", "redirect_uri mismatch", params.get("state", "")
                    )
                entry["used"] = True
                access, refresh = self._issue(USER_ID, entry["device_id"], entry["scope"])
            elif grant == "refresh_token":
                entry = self.refresh.pop(params.get("refresh_token", ""), None)  # rotation: the old one dies
                if entry is None:
                    return self._oauth_error(
                        "invalid_grant", "refresh token is invalid", params.get("state", "")
                    )
                if params.get("device_id") != entry["device_id"]:
                    self.refresh[params["refresh_token"]] = entry
                    return self._oauth_error("invalid_request", "device_id mismatch", params.get("state", ""))
                access, refresh = self._issue(entry["user_id"], entry["device_id"], entry["scope"])
            else:
                return self._oauth_error("unsupported_grant_type", f"grant_type {grant!r}")
        answer = {
            "access_token": access, "refresh_token": refresh, "id_token": "header.payload.signature",
            "token_type": "Bearer", "expires_in": int(self.token_ttl_s), "user_id": USER_ID,
            "state": params.get("state", ""), "scope": self.refresh[refresh]["scope"] or "vkid.personal_info",
        }  # fmt: skip
        answer.update(self.token_answer)
        return JSONResponse({k: v for k, v in answer.items() if v is not None})

    @staticmethod
    def _raw(status: int, content_type: str, body: str) -> Response:
        return Response(body, status_code=status, media_type=content_type)

    async def revoke(self, request: Request):
        form = dict(await request.form())
        with self.lock:
            token = self.tokens.pop(form.get("access_token", ""), None)
        if token is None or form.get("client_id") != CLIENT_ID:
            return JSONResponse({"error": "invalid_token", "error_description": "token is invalid"})
        self.revoked.append(str(token.user_id))
        return JSONResponse({"response": 1})

    # --- VK API -------------------------------------------------------------------------------------

    @staticmethod
    def _error(code: int, message: str, method: str, params: dict) -> JSONResponse:
        shown = [{"key": "method", "value": method}] + [
            {"key": k, "value": str(v)} for k, v in params.items() if k not in ("access_token",)
        ]
        return JSONResponse({"error": {"error_code": code, "error_msg": message, "request_params": shown}})

    def _rate_ok(self, token_key: str, kind: str) -> bool:
        now = self.clock()
        window = self.windows[token_key]
        while window and window[0] <= now - 1.0:
            window.popleft()
        limit = self.rates[kind]
        if len(window) >= limit:
            self.rate_limited += 1
            return False
        window.append(now)
        return True

    async def method(self, request: Request):
        method = request.path_params["method"]
        params = {**dict(request.query_params), **dict(await request.form())}
        auth = request.headers.get("authorization", "")
        key = params.pop("access_token", "") or (auth[7:] if auth.lower().startswith("bearer ") else "")
        self.calls.append((method, dict(params)))
        if self.api_outage:
            return self._raw(*self.api_outage.popleft())
        if not params.get("v"):
            return self._error(8, "Invalid request: v (version) is required", method, params)
        with self.lock:
            token = self.tokens.get(key)
            if token is None or (token.expires_at is not None and token.expires_at < self.clock()):
                return self._error(5, "User authorization failed: invalid access_token (4).", method, params)
            kind = "community" if token.group_id else "user"
            if not self._rate_ok(key, kind):
                return self._error(6, "Too many requests per second", method, params)
            if self.failures[method]:
                code = self.failures[method].popleft()
                return self._error(code, f"Injected error {code}", method, params)
        if method in self.denied:
            return self._error(self.denied[method], "Access denied", method, params)
        if token.group_id and method in COMMUNITY_FORBIDDEN:
            return self._error(27, "Group authorization failed: method is unavailable with group auth.", method,
                               params)  # fmt: skip
        count = params.get("count")
        if method in MAX and count is not None and int(count) > MAX[method]:
            return self._error(100, f"One of the parameters specified was missing or invalid: count > {MAX[method]}",
                               method, params)  # fmt: skip
        handler = getattr(self, "m_" + method.replace(".", "_"), None)
        if handler is None:
            return self._error(3, "Unknown method passed.", method, params)
        answer = handler(params, token)
        if (self.string_numbers or self.omit_counts) and answer.status_code == 200:
            body = json.loads(answer.body)
            if self.omit_counts and isinstance(body.get("response"), dict):
                for key in ("count", "current_level_count"):
                    body["response"].pop(key, None)
            answer = JSONResponse(_stringify(body) if self.string_numbers else body)
        return answer

    # data --------------------------------------------------------------------------------------------

    def _group(self, ref: str) -> Group | None:
        ref = str(ref).strip().lstrip("-")
        for group in self.groups.values():
            if ref in (str(group.id), group.screen_name, f"club{group.id}", f"public{group.id}"):
                return group
        return None

    def _group_json(self, group: Group, fields: str) -> dict:
        out = {"id": group.id, "name": group.name, "screen_name": group.screen_name, "is_closed": 0,
               "type": "group", "photo_200": f"https://sun.userapi.com/{group.id}.jpg"}  # fmt: skip
        if "members_count" in fields:
            out["members_count"] = str(group.members)  # VK sends some counters as strings
        return out

    def posts(self, group: Group) -> list[dict]:
        """Newest first: one post a day at 12:00 Moscow for HISTORY_DAYS days, and an old pinned post."""
        items = []
        for back in range(HISTORY_DAYS):
            day = self.today - dt.timedelta(days=back)
            stamp = int(dt.datetime.combine(day, dt.time(12, 0), MSK).timestamp())
            number = 10_000 + day.toordinal() % 100_000
            seed = day.toordinal() * 31 + group.id
            attachments = [{"type": "photo", "photo": {"id": seed}}] if seed % 3 else []
            if seed % 7 == 0:
                attachments = [
                    {"type": "video", "video": {"id": seed, "type": "short_video" if seed % 2 else "video"}}
                ]
            items.append({
                "id": number, "owner_id": -group.id, "from_id": -group.id, "date": stamp, "post_type": "post",
                "text": f"Пост {day.isoformat()}", "attachments": attachments,
                "likes": {"count": 20 + seed % 40, "user_likes": 0, "can_like": 1},
                "comments": {"count": seed % 4, "can_post": 1},
                "reposts": {"count": seed % 6, "wall_count": seed % 6, "mail_count": 0},
                "views": {"count": 900 + seed % 700}, "marked_as_ads": 1 if seed % 29 == 0 else 0,
            })  # fmt: skip
        pinned_day = self.today - dt.timedelta(days=HISTORY_DAYS + 30)
        pinned = {"id": 9_999, "owner_id": -group.id, "from_id": -group.id, "post_type": "post", "is_pinned": 1,
                  "date": int(dt.datetime.combine(pinned_day, dt.time(9), MSK).timestamp()), "text": "Закреп",
                  "likes": {"count": 5}, "comments": {"count": 0}, "reposts": {"count": 0}, "views": {"count": 50}}  # fmt: skip
        return [pinned, *items]

    def comments(self, group: Group, post: dict) -> list[dict]:
        out = []
        for k in range(post["comments"]["count"]):
            number = post["id"] * 10 + k
            received = post["date"] + 3600 * (k + 1)
            thread_items = []
            if k == 0:  # the first comment of every post is answered by the community after 30 minutes
                thread_items.append({"id": number * 10 + 1, "from_id": -group.id, "date": received + 1800,
                                     "text": "Спасибо!", "parents_stack": [number]})  # fmt: skip
            if k == 2:  # a long thread: the community's answer is the 12th reply (not inline)
                thread_items = [{"id": number * 100 + j, "from_id": 3000 + j, "date": received + 60 * j,
                                 "text": "+1"} for j in range(11)]  # fmt: skip
                thread_items.append({"id": number * 100 + 11, "from_id": -group.id, "date": received + 7200,
                                     "text": "Ответили в личку"})  # fmt: skip
            out.append({"id": number, "from_id": 2000 + k, "date": received, "text": "Вопрос", "post_id": post["id"],
                        "owner_id": -group.id, "thread": {"count": len(thread_items), "items": thread_items}})  # fmt: skip
        return out

    def stats_day(self, group: Group, day: dt.date) -> dict:
        seed = day.toordinal() * 17 + group.id
        start = int(dt.datetime.combine(day, dt.time(), MSK).timestamp())
        return {
            "period_from": start, "period_to": start + 86_400,
            "visitors": {"views": 300 + seed % 250, "visitors": 180 + seed % 120, "mobile_views": 200,
                         "sex": [{"value": "f", "count": 100}]},
            "reach": {"reach": group.base_reach + seed % 900, "reach_subscribers": group.base_reach // 2,
                      "mobile_reach": group.base_reach // 3},
            "activity": {"likes": 40 + seed % 30, "comments": seed % 9, "copies": seed % 5, "hidden": 0,
                         "subscribed": 10 + seed % 15, "unsubscribed": 2 + seed % 6},
        }  # fmt: skip

    # methods -------------------------------------------------------------------------------------------

    def m_users_get(self, params: dict, token: Token):
        if token.user_id is None:
            return JSONResponse({"response": []})
        first, last = USER_NAME
        return JSONResponse({"response": [{"id": token.user_id, "first_name": first, "last_name": last,
                                           "can_access_closed": True, "is_closed": False}]})  # fmt: skip

    def m_groups_getById(self, params: dict, token: Token):
        refs = params.get("group_ids") or params.get("group_id")
        if not refs:
            if token.group_id is None:
                return self._error(100, "One of the parameters specified was missing or invalid: group_ids is "
                                   "undefined", "groups.getById", params)  # fmt: skip
            refs = str(token.group_id)
        groups = [self._group(r) for r in str(refs).split(",")]
        if any(g is None for g in groups):
            return self._error(100, "One of the parameters specified was missing or invalid: group_ids is invalid",
                               "groups.getById", params)  # fmt: skip
        fields = params.get("fields", "")
        return JSONResponse(
            {"response": {"groups": [self._group_json(g, fields) for g in groups], "profiles": []}}
        )

    def m_groups_get(self, params: dict, token: Token):
        mine = [g for g in self.groups.values() if token.user_id in g.admins]
        offset, count = int(params.get("offset", 0)), int(params.get("count", 20))
        page = mine[offset : offset + count]
        if params.get("extended") in ("1", "true"):
            items = [self._group_json(g, params.get("fields", "")) for g in page]
        else:
            items = [g.id for g in page]
        return JSONResponse({"response": {"count": len(mine), "items": items}})

    def _admin_group(self, ref, token: Token, method: str, params: dict):
        group = self._group(str(ref or ""))
        if group is None:
            return None, self._error(
                100, "One of the parameters specified was missing or invalid", method, params
            )
        if token.user_id not in group.admins:
            return None, self._error(15, "Access denied: no access to this group statistics", method, params)
        return group, None

    def m_stats_get(self, params: dict, token: Token):
        group, error = self._admin_group(params.get("group_id"), token, "stats.get", params)
        if error:
            return error
        if params.get("interval", "day") != "day":
            return self._error(100, "only interval=day is faked", "stats.get", params)
        start = dt.datetime.fromtimestamp(int(params["timestamp_from"]), MSK).date()
        end = dt.datetime.fromtimestamp(int(params["timestamp_to"]), MSK).date()
        days, day = [], max(start, self.today - dt.timedelta(days=HISTORY_DAYS))
        while day <= min(end, self.today):
            days.append(self.stats_day(group, day))
            day += dt.timedelta(days=1)
        wanted = set((params.get("stats_groups") or "visitors,reach,activity").split(","))
        for period in days:
            for section in ("visitors", "reach", "activity"):
                if section not in wanted:
                    period.pop(section)
        return JSONResponse({"response": list(reversed(days))})  # VK lists the newest period first

    def m_wall_get(self, params: dict, token: Token):
        group = self._group(str(params.get("owner_id", "")).lstrip("-") or params.get("domain", ""))
        if group is None:
            return self._error(100, "owner_id is invalid", "wall.get", params)
        posts = self.posts(group)
        offset, count = int(params.get("offset", 0)), int(params.get("count", 20))
        return JSONResponse({"response": {"count": len(posts), "items": posts[offset : offset + count]}})

    def m_stats_getPostReach(self, params: dict, token: Token):
        group, error = self._admin_group(str(params.get("owner_id", "")).lstrip("-"), token, "stats.getPostReach",
                                         params)  # fmt: skip
        if error:
            return error
        ids = [int(x) for x in str(params.get("post_ids", "")).split(",") if x.strip()]
        if not ids or len(ids) > MAX["stats.getPostReach"]:
            return self._error(100, "post_ids: from 1 to 30 ids", "stats.getPostReach", params)
        recent = {p["id"]: p for p in self.posts(group) if not p.get("is_pinned")}
        latest = set(list(recent)[:300])
        if any(i not in latest for i in ids):
            return self._error(15, "Access denied: post statistics are available for the latest 300 posts only",
                               "stats.getPostReach", params)  # fmt: skip
        out = []
        for number in ids:
            seed = number * 13 + group.id
            out.append({"post_id": number, "reach_subscribers": 800 + seed % 300, "reach_total": 1500 + seed % 900,
                        "reach_viral": seed % 200, "reach_ads": 0, "links": seed % 40, "to_group": seed % 9,
                        "join_group": seed % 5, "hide": 0, "unsubscribe": 0, "report": 0})  # fmt: skip
        return JSONResponse({"response": out})

    def m_wall_getComments(self, params: dict, token: Token):
        group = self._group(str(params.get("owner_id", "")).lstrip("-"))
        post = (
            next((p for p in self.posts(group) if str(p["id"]) == str(params.get("post_id"))), None)
            if group
            else None
        )
        if post is None:
            return self._error(100, "post_id is invalid", "wall.getComments", params)
        comments = self.comments(group, post)
        inline = min(int(params.get("thread_items_count", 0)), 10)
        offset, count = int(params.get("offset", 0)), int(params.get("count", 20))
        if params.get("comment_id"):
            parent = next((c for c in comments if str(c["id"]) == str(params["comment_id"])), None)
            replies = parent["thread"]["items"] if parent else []
            return JSONResponse({"response": {"count": len(replies), "current_level_count": len(replies),
                                              "items": replies[offset : offset + count], "can_post": True}})  # fmt: skip
        shown = []
        for comment in comments[offset : offset + count]:
            thread = comment["thread"]
            shown.append({**comment, "thread": {"count": thread["count"], "items": thread["items"][:inline],
                                                "can_post": True}})  # fmt: skip
        total = len(comments) + sum(c["thread"]["count"] for c in comments)
        return JSONResponse({"response": {"count": total, "current_level_count": len(comments), "items": shown,
                                          "can_post": True, "show_reply_button": True}})  # fmt: skip

    # messages (a community token only) ---------------------------------------------------------------

    def messages(self, group: Group) -> dict[int, list[dict]]:
        """{peer: messages oldest first}: people write on some days, the community answers most after 20 min."""
        out: dict[int, list[dict]] = {peer: [] for peer in MESSAGE_PEERS}
        number = 1
        for back in range(MESSAGE_DAYS - 1, -1, -1):
            day = self.today - dt.timedelta(days=back)
            for k, peer in enumerate(MESSAGE_PEERS):
                seed = day.toordinal() + k + group.id
                if seed % 3:
                    continue
                asked = int(dt.datetime.combine(day, dt.time(10 + k), MSK).timestamp())
                out[peer].append({"id": number, "date": asked, "from_id": peer, "peer_id": peer, "out": 0,
                                  "text": "Здравствуйте! Есть доставка?", "conversation_message_id": number})  # fmt: skip
                number += 1
                if seed % 5:
                    out[peer].append({"id": number, "date": asked + 1200, "from_id": -group.id, "peer_id": peer,
                                      "out": 1, "text": "Да, по городу", "conversation_message_id": number})  # fmt: skip
                    number += 1
        return {peer: items for peer, items in out.items() if items}

    def _community_only(self, token: Token, method: str, params: dict):
        if token.group_id is None:
            return None, self._error(15, "Access denied: a community's messages need a community token", method,
                                     params)  # fmt: skip
        return self.groups[token.group_id], None

    def m_messages_getConversations(self, params: dict, token: Token):
        group, error = self._community_only(token, "messages.getConversations", params)
        if error:
            return error
        history = self.messages(group)
        items = sorted(({"conversation": {"peer": {"id": peer, "type": "user", "local_id": peer},
                                          "last_message_id": msgs[-1]["id"], "can_write": {"allowed": True}},
                         "last_message": msgs[-1]} for peer, msgs in history.items()),
                       key=lambda item: -item["last_message"]["date"])  # fmt: skip
        offset, count = int(params.get("offset", 0)), int(params.get("count", 20))
        return JSONResponse({"response": {"count": len(items), "items": items[offset : offset + count],
                                          "unread_count": 0}})  # fmt: skip

    def m_messages_getHistory(self, params: dict, token: Token):
        group, error = self._community_only(token, "messages.getHistory", params)
        if error:
            return error
        newest_first = list(reversed(self.messages(group).get(int(params.get("peer_id", 0)), [])))
        offset, count = int(params.get("offset", 0)), int(params.get("count", 20))
        return JSONResponse(
            {"response": {"count": len(newest_first), "items": newest_first[offset : offset + count]}}
        )
