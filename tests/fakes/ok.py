"""A fake Odnoklassniki (OAuth 2.0 server flow + the REST API at ``/fb.do``) for tests, on 127.0.0.1.

What it implements, in the documented shapes:
- ``GET /oauth/authorize`` (a consent page with Allow / Deny; ``scope`` joined with ``;``), codes that live
  2 minutes and are single-use; ``POST /oauth/token.do`` (parameters in the query string or the form) for
  ``authorization_code`` and ``refresh_token`` (a new access token; the refresh token is not rotated).
- ``/fb.do`` (GET or POST, query or form): ``application_key`` must be the app's, ``access_token`` a live
  one, and ``sig`` must match OK's algorithm (md5 of the sorted ``key=value`` pairs + md5(token + secret));
  errors come back with HTTP 200 as ``{"error_code", "error_data", "error_msg"}`` plus an
  ``invocation-error`` header: 101 bad application key, 102 expired session, 104 bad signature,
  50 not an administrator, 100 bad parameter (an unknown statistics field), 8/11 flood limits.
- Methods: ``users.getCurrentUser``, ``group.getUserGroupsV2`` (anchor paging), ``group.getInfo``,
  ``group.getStatTrends`` (unix ms, ``fields`` in any case; values as numbers, some as strings),
  ``group.getStatTopics`` (``anchor``/``has_more`` paging, ``totalCount``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import random
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.fakes.server import register_provider

CLIENT_ID = "512000111"
CLIENT_SECRET = "OK-TEST-SECRET-0123456789ABCDEF"
APPLICATION_KEY = "CBAJKLMNOPQRSTUVW"
ZONE = ZoneInfo("Europe/Moscow")
CODE_LIFETIME = dt.timedelta(minutes=2)
TREND_FIELDS = ("COMMENTS", "COMPLAINTS", "CONTENT_OPENS", "ENGAGEMENT", "FEEDBACK", "HIDES_FROM_FEED", "LEFT_MEMBERS",
                "LIKES", "LINK_CLICKS", "MEMBERS_COUNT", "MEMBERS_DIFF", "MUSIC_PLAYS", "NEGATIVES", "NEW_MEMBERS",
                "NEW_MEMBERS_TARGET", "PAGE_VISITS", "PHOTO_OPENS", "REACH", "REACH_EARNED", "REACH_MOB",
                "REACH_MOBWEB", "REACH_OWN", "REACH_WEB", "RENDERINGS", "RESHARES", "TOPIC_OPENS", "VIDEO_PLAYS",
                "VOTES")  # fmt: skip
ERRORS = {8: "FLOOD_BLOCKED", 11: "LIMIT_REACHED", 50: "NOT_ADMIN", 100: "PARAM", 101: "PARAM_API_KEY",
          102: "PARAM_SESSION_EXPIRED", 104: "PARAM_SIGNATURE", 3: "METHOD"}  # fmt: skip


def sign(params: dict, access_token: str, secret: str) -> str:
    pairs = "".join(
        f"{k}={params[k]}" for k in sorted(params) if k not in ("access_token", "session_key", "sig")
    )
    key = hashlib.md5((access_token + secret).encode()).hexdigest()
    return hashlib.md5((pairs + key).encode()).hexdigest()


@dataclass
class Group:
    gid: str
    name: str
    members: int
    status: str = "ADMIN"  # the user's status in the group (getUserGroupsV2)
    admin: bool = True  # statistics need an administrator


def _default_groups() -> list[Group]:
    return [
        Group("54321000000001", "Мебель «Кедр» на заказ", 20_000),
        Group("54321000000002", "Кедр: идеи для дома", 3_500, status="MODERATOR"),
        Group("54321000000003", "Любители мебели", 120_000, status="ACTIVE", admin=False),
    ]


@register_provider
class OkFake:
    """State and knobs of the fake OK; ``app`` is mounted at ``/ok``."""

    name = "ok"

    def __init__(self, base_url: str, *, clock=None, today: dt.date = dt.date(2026, 3, 31), days: int = 120,
                 groups: list[Group] | None = None, token_lifetime_s: int = 1800, page_size: int | None = None
                 ) -> None:  # fmt: skip
        self.base_url = base_url.rstrip("/")
        self.today = today
        self.days = days
        self.groups = groups if groups is not None else _default_groups()
        self.token_lifetime_s = token_lifetime_s
        self.page_size = page_size  # caps `count` (to force paging in tests)
        self.throttle: list[int] = []  # error codes (8, 11) for the next calls
        # variants of documented answers (issue 4): raw answers for the next /fb.do calls as (status, content
        # type, body), e.g. a proxy's HTML 502 page; a function that rewrites each getStatTopics body
        self.outage: list[tuple[int, str, str]] = []
        self.mangle_topics = None
        self.refuse_fields: set[str] = set()  # statistics fields answered with error 100
        self.refuse_topic_fields: set[str] = set()  # the same, for getStatTopics only
        self.post_allowed = True  # False: /fb.do answers POST with 405 (a GET-only server)
        self.calls: list[dict] = []
        self.codes: dict[str, tuple[str, dt.datetime, bool]] = {}  # code → (redirect_uri, issued, used)
        self.access_tokens: dict[str, dt.datetime] = {}
        self.refresh_tokens: set[str] = set()
        self.refreshes = 0
        self._trends = {g.gid: self._generate_trends(g) for g in self.groups}
        self._topics = {g.gid: self._generate_topics(g) for g in self.groups}
        self.app = Starlette(
            routes=[
                Route("/oauth/authorize", self.authorize, methods=["GET"]),
                Route("/oauth/decision", self.decision, methods=["POST"]),
                Route("/oauth/token.do", self.token, methods=["POST"]),
                Route("/fb.do", self.rest, methods=["GET", "POST"]),
            ]
        )

    def env(self) -> dict[str, str]:
        return {
            "SMMKPI_OK_API_URL": self.base_url,
            "SMMKPI_OK_AUTHORIZE_URL": f"{self.base_url}/oauth/authorize",
            "SMMKPI_OK_TOKEN_URL": f"{self.base_url}/oauth/token.do",
            "SMMKPI_OK_CLIENT_ID": CLIENT_ID,
            "SMMKPI_OK_CLIENT_SECRET": CLIENT_SECRET,
            "SMMKPI_OK_APPLICATION_KEY": APPLICATION_KEY,
        }

    # -- data
    def days_range(self) -> list[dt.date]:
        return [self.today - dt.timedelta(days=self.days - 1 - i) for i in range(self.days)]

    @staticmethod
    def day_ms(day: dt.date) -> int:
        return int(dt.datetime.combine(day, dt.time(), ZONE).timestamp() * 1000)

    def _generate_trends(self, group: Group) -> dict[dt.date, dict[str, int]]:
        """Daily statistics whose member count ends at the group's live count (as getInfo says today)."""
        rng = random.Random(int(group.gid[-6:]))
        days = self.days_range()
        moves = [(rng.randint(5, 25), rng.randint(0, 12)) for _ in days]
        members = group.members - sum(new - left for new, left in moves)
        out = {}
        for day, (new, left) in zip(days, moves, strict=True):
            members += new - left
            reach = int(group.members * rng.uniform(0.05, 0.12))
            out[day] = {"members_count": members, "new_members": new, "left_members": left, "reach": reach,
                        "renderings": int(reach * rng.uniform(1.3, 1.9)), "page_visits": rng.randint(20, 90),
                        "link_clicks": rng.randint(0, 30), "likes": rng.randint(10, 80)}  # fmt: skip
        return out

    def _generate_topics(self, group: Group) -> list[dict]:
        rng = random.Random(int(group.gid[-6:]) + 7)
        topics = []
        for day in self.days_range():
            if rng.random() < 0.25:
                continue  # no post that day
            created = self.day_ms(day) + rng.randint(9, 20) * 3_600_000
            reach = rng.randint(800, 4000)
            topics.append({"id": str(rng.randint(10**14, 10**15)), "created_ms": created, "reach": reach,
                           "reach_own": int(reach * 0.8), "reach_earned": int(reach * 0.2),
                           "renderings": int(reach * 1.4), "likes": rng.randint(5, 120), "comments": rng.randint(0, 20),
                           "reshares": rng.randint(0, 15), "link_clicks": rng.randint(0, 25),
                           "engagement": 0, "feedback": 0, "video_plays": 0, "content_opens": rng.randint(0, 50)})  # fmt: skip
        topics.sort(key=lambda t: -t["created_ms"])  # newest first
        return topics

    def trends(self, gid: str) -> dict[dt.date, dict[str, int]]:
        return self._trends[gid]

    def topics(self, gid: str) -> list[dict]:
        return self._topics[gid]

    def group(self, gid: str) -> Group | None:
        return next((g for g in self.groups if g.gid == gid), None)

    # -- tokens
    def issue_token(self, *, lifetime_s: int | None = None) -> dict:
        access = "ok-at-" + secrets.token_urlsafe(20)
        refresh = "ok-rt-" + secrets.token_urlsafe(20)
        lifetime = self.token_lifetime_s if lifetime_s is None else lifetime_s
        self.access_tokens[access] = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=lifetime)
        self.refresh_tokens.add(refresh)
        return {
            "access_token": access,
            "token_type": "session",
            "refresh_token": refresh,
            "expires_in": str(lifetime),
        }

    def expire_tokens(self) -> None:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        self.access_tokens = {t: past for t in self.access_tokens}

    def revoke_all(self) -> None:
        self.access_tokens.clear()
        self.refresh_tokens.clear()

    # -- OAuth
    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        if q.get("client_id") != CLIENT_ID or q.get("response_type") != "code":
            return HTMLResponse("<h1>invalid client_id</h1>", status_code=400)
        fields = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in q.items()
        )
        scopes = html.escape(q.get("scope", "").replace(";", ", "))
        return HTMLResponse(
            "<!doctype html><html><head><meta charset='utf-8'><title>OK — доступ</title></head><body>"
            f"<h1>Приложение smmkpi запрашивает доступ</h1><p>{scopes}</p>"
            f"<form method='post' action='{self.base_url}/oauth/decision'>{fields}"
            "<button name='decision' value='allow' type='submit'>Разрешить</button>"
            "<button name='decision' value='deny' type='submit'>Отказать</button></form></body></html>"
        )

    async def decision(self, request: Request) -> Response:
        form = await request.form()
        redirect_uri = str(form.get("redirect_uri") or "")
        params = {"state": str(form.get("state") or "")}
        if form.get("decision") != "allow":
            params["error"] = "access_denied"
        else:
            code = secrets.token_hex(10)
            self.codes[code] = (redirect_uri, dt.datetime.now(dt.UTC), False)
            params["code"] = code
        separator = "&" if "?" in redirect_uri else "?"
        return RedirectResponse(f"{redirect_uri}{separator}{urlencode(params)}", status_code=302)

    async def token(self, request: Request) -> Response:
        params = {**request.query_params, **(await request.form())}
        if params.get("client_id") != CLIENT_ID or params.get("client_secret") != CLIENT_SECRET:
            return JSONResponse({"error": "invalid_client", "error_description": "client is not found"})
        grant_type = params.get("grant_type")
        if grant_type == "authorization_code":
            entry = self.codes.get(str(params.get("code") or ""))
            if entry is None or entry[2] or dt.datetime.now(dt.UTC) - entry[1] > CODE_LIFETIME:
                return JSONResponse({"error": "invalid_grant", "error_description": "code is expired"}, 400)
            if entry[0] != params.get("redirect_uri"):
                return JSONResponse(
                    {"error": "invalid_grant", "error_description": "redirect_uri mismatch"}, 400
                )
            self.codes[str(params["code"])] = (entry[0], entry[1], True)
            return JSONResponse(self.issue_token())
        if grant_type == "refresh_token":
            if params.get("refresh_token") not in self.refresh_tokens:
                return JSONResponse(
                    {"error": "invalid_grant", "error_description": "refresh token is invalid"}, 400
                )
            self.refreshes += 1
            token = self.issue_token()
            self.refresh_tokens.discard(token.pop("refresh_token"))  # OK keeps the old refresh token
            return JSONResponse(token)
        return JSONResponse({"error": "unsupported_grant_type"}, 400)

    # -- REST
    @staticmethod
    def error(code: int, message: str = "") -> JSONResponse:
        text = f"{ERRORS.get(code, 'UNKNOWN')} : {message or ERRORS.get(code, 'error')}"
        return JSONResponse({"error_code": code, "error_data": None, "error_msg": text},
                            headers={"invocation-error": str(code)})  # fmt: skip

    async def rest(self, request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST":
            if not self.post_allowed:
                return Response(status_code=405, headers={"Allow": "GET"})
            params.update({k: str(v) for k, v in (await request.form()).items()})
        self.calls.append(dict(params))
        if self.outage:
            status, content_type, text = self.outage.pop(0)
            return Response(text, status_code=status, media_type=content_type)
        if params.get("application_key") != APPLICATION_KEY:
            return self.error(101, "application key is invalid")
        token = params.get("access_token", "")
        expiry = self.access_tokens.get(token)
        if expiry is None or expiry <= dt.datetime.now(dt.UTC):
            return self.error(102, "Session expired")
        if params.get("sig", "").lower() != sign(params, token, CLIENT_SECRET):
            return self.error(104, "Invalid signature")
        if self.throttle:
            return self.error(self.throttle.pop(0), "too many calls")
        handler = {
            "users.getCurrentUser": self._current_user,
            "group.getUserGroupsV2": self._user_groups,
            "group.getInfo": self._group_info,
            "group.getStatTrends": self._stat_trends,
            "group.getStatTopics": self._stat_topics,
        }.get(params.get("method", ""))
        if handler is None:
            return self.error(3, f"method {params.get('method')} is unknown")
        return handler(params)

    def _count(self, params: dict, default: int = 100) -> int:
        count = int(params.get("count") or default)
        return min(count, self.page_size) if self.page_size else count

    def _current_user(self, params: dict) -> Response:
        return JSONResponse({"uid": "580000000123", "first_name": "Анна", "last_name": "Петрова",
                             "name": "Анна Петрова", "gender": "female"})  # fmt: skip

    def _user_groups(self, params: dict) -> Response:
        start = int(params.get("anchor") or 0)
        count = self._count(params)
        page = self.groups[start : start + count]
        body: dict = {
            "groups": [{"groupId": g.gid, "userId": "580000000123", "status": g.status} for g in page]
        }
        if start + count < len(self.groups):
            body["anchor"] = str(start + count)
        return JSONResponse(body)

    def _group_info(self, params: dict) -> Response:
        uids = [u for u in params.get("uids", "").split(",") if u]
        if not uids or not params.get("fields"):
            return self.error(100, "uids and fields are required")
        found = [g for g in self.groups if g.gid in uids]
        return JSONResponse(
            {"groups": [{"uid": g.gid, "name": g.name, "members_count": g.members} for g in found]}
        )

    def _stats_allowed(self, params: dict) -> tuple[Group | None, Response | None]:
        group = self.group(params.get("gid", ""))
        if group is None:
            return None, self.error(100, "gid is invalid")
        if not group.admin:
            return None, self.error(50, "You are not an administrator of this group")
        return group, None

    def _fields(self, params: dict) -> tuple[list[str], Response | None]:
        fields = [f.strip().upper() for f in params.get("fields", "").split(",") if f.strip()]
        if not fields:
            return [], self.error(100, "fields is required")
        for field in fields:
            if field not in TREND_FIELDS or field in self.refuse_fields:
                return [], self.error(100, f"Invalid field {field}")
        return fields, None

    def _stat_trends(self, params: dict) -> Response:
        group, failure = self._stats_allowed(params)
        if failure:
            return failure
        fields, failure = self._fields(params)
        if failure:
            return failure
        start, end = int(params.get("start_time") or 0), int(params.get("end_time") or 2**62)
        body: dict[str, list] = {f.lower(): [] for f in fields}
        for day, values in sorted(self._trends[group.gid].items()):
            moment = self.day_ms(day)
            if not start <= moment <= end:
                continue
            for field in fields:
                key = field.lower()
                if key in values:
                    # OK sends most values as numbers; some clients see strings — the fake mixes both
                    value = values[key] if day.day % 5 else str(values[key])
                    body[key].append({"time": moment, "value": value})
        return JSONResponse(body)

    def _stat_topics(self, params: dict) -> Response:
        group, failure = self._stats_allowed(params)
        if failure:
            return failure
        fields, failure = self._fields(params)
        if failure:
            return failure
        refused = [f for f in fields if f in self.refuse_topic_fields]
        if refused:
            return self.error(100, f"Invalid field {refused[0]}")
        start, end = int(params.get("start_time") or 0), int(params.get("end_time") or 2**62)
        topics = [t for t in self._topics[group.gid] if start <= t["created_ms"] <= end]
        offset = int(params.get("anchor") or 0)
        count = self._count(params, 20)
        page = topics[offset : offset + count]
        keep = {"id", "created_ms", *(f.lower() for f in fields)}
        body = {"topics": [{k: v for k, v in t.items() if k in keep} for t in page],
                "has_more": offset + count < len(topics), "totalCount": len(topics)}  # fmt: skip
        if body["has_more"]:
            body["anchor"] = str(offset + count)
        if self.mangle_topics is not None:
            body = self.mangle_topics(body, offset + count)
        return JSONResponse(body)
