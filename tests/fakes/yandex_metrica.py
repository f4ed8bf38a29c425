"""A fake Yandex Metrica (and its Yandex ID OAuth) for tests: a Starlette app to mount, on 127.0.0.1 only.

What it implements, in the documented shapes:
- OAuth: ``GET /authorize`` (a consent page with Allow / Deny buttons), ``POST /token`` for
  ``authorization_code`` (client secret in the body or as Basic auth, optional PKCE S256 check, codes are
  single-use) and ``refresh_token`` (both tokens rotate; the old refresh token dies).
- ``GET /management/v1/counters`` (``per_page`` + 1-based ``offset``, ``rows`` = total),
  ``GET /management/v1/counter/{id}/goals``.
- ``GET /stat/v1/data``: ``ids``, ``metrics`` (≤ 20, else 400), ``dimensions`` (≤ 10), ``date1``/``date2``,
  ``accuracy``, ``include_undefined`` (without it rows with an empty dimension are dropped, as the API
  does), ``limit`` + 1-based ``offset``, ``sort``; metric values are floats; ``sampled`` unless
  ``accuracy=full`` (or when a test forces it).
- Auth only by the ``Authorization: OAuth <token>`` header; errors as
  ``{"errors": [{"error_type", "message"}], "code", "message"}`` with 400/403 and throttling with 420/429.

Knobs for tests live on :class:`MetricaFake` (``throttle``, ``refuse``, ``force_sampled``,
``expire_tokens``…, and answer variants: ``outage``, ``max_limit``, ``mangle``) and every API request is
recorded in ``requests``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import random
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.fakes.server import register_provider

CLIENT_ID = "metrica-test-client"
CLIENT_SECRET = "metrica-test-secret"
MAX_METRICS = 20
MAX_DIMENSIONS = 10
DEFAULT_LIMIT = 100
ATTRIBUTIONS = ("first", "last", "lastsign", "last_yandex_direct_click", "cross_device_first",
                "cross_device_last", "cross_device_last_significant", "cross_device_last_yandex_direct_click",
                "automatic")  # fmt: skip

# One row of traffic: (traffic source id, ad system, social network, UTM source, UTM medium, share of visits)
TRAFFIC: tuple[tuple[str, tuple | None, tuple | None, str | None, str | None, float], ...] = (
    ("organic", None, None, None, None, 0.30),
    ("direct", None, None, None, None, 0.16),
    ("social", None, ("vkontakte", "VKontakte"), None, None, 0.12),
    ("social", None, ("odnoklassniki", "Odnoklassniki"), None, None, 0.05),
    ("social", None, ("telegram", "Telegram"), None, None, 0.07),
    ("ad", ("ya_direct", "Yandex Direct"), None, "yandex", "cpc", 0.14),
    ("ad", ("google_adwords", "Google Ads"), None, "google", "cpc", 0.05),
    ("ad", None, None, "vk", "cpc", 0.04),
    ("referral", None, None, None, None, 0.04),
    ("email", None, None, "newsletter", "email", 0.03),
)
TRAFFIC_NAMES = {"organic": "Search engine traffic", "direct": "Direct traffic", "social": "Social network traffic",
                 "ad": "Ad traffic", "referral": "Link traffic", "email": "Mailing traffic"}  # fmt: skip


@dataclass
class Counter:
    id: int
    name: str
    site: str
    goals: list[dict]
    ecommerce: bool = True
    visits_per_day: int = 400
    owner_login: str = "ivan.marketolog"


def _default_counters() -> list[Counter]:
    shop = [
        {"id": 310001, "name": "Заявка с сайта", "type": "form"},
        {"id": 310002, "name": "Звонок", "type": "phone"},
        {"id": 310003, "name": "Клик по WhatsApp", "type": "messenger"},
        {"id": 310004, "name": "Запись на консультацию", "type": "action"},
        {"id": 310005, "name": "Страница контактов", "type": "url"},
        {"id": 310006, "name": "Оплата заказа", "type": "e_purchase"},
    ]
    many = [{"id": 420000 + i, "name": f"Цель {i}", "type": "action"} for i in range(1, 26)]
    return [
        Counter(44147844, "Обжарка — сайт", "obzharka.ru", shop, ecommerce=True),
        Counter(
            55123001, "Кедр — мебель на заказ", "kedr-mebel.ru", many, ecommerce=False, visits_per_day=250
        ),
        Counter(66000003, "Лендинг акции", "promo.obzharka.ru", [], ecommerce=False, visits_per_day=40),
    ]


@dataclass
class _Grant:
    code: str
    redirect_uri: str | None
    challenge: str | None
    method: str | None
    used: bool = False


@register_provider
class MetricaFake:
    """State and knobs of the fake; ``app`` is the Starlette app mounted at ``/yandex_metrica``."""

    name = "yandex_metrica"

    def __init__(self, base_url: str, *, clock=None, today: dt.date = dt.date(2026, 3, 31), days: int = 120,
                 counters: list[Counter] | None = None, token_lifetime_s: int = 31_536_000) -> None:  # fmt: skip
        self.base_url = base_url.rstrip("/")
        self.today = today
        self.days = days
        self.counters = counters if counters is not None else _default_counters()
        self.token_lifetime_s = token_lifetime_s
        self.throttle: list[int] = []  # statuses to answer the next API calls with (420/429)
        self.retry_after: str | None = None  # Retry-After header value on throttled answers
        self.refuse: set[str] = set()  # metrics answered with 400 invalid_parameter
        self.force_sampled = False
        self.refuse_dimensions: set[str] = set()  # dimension suffixes ("AdvEngine") answered with 400
        self.requests: list[dict] = []
        # variants of documented answers (issue 4): raw answers for the next API calls as (status, content
        # type, body) such as a proxy's HTML 502 page; a cap on rows per page below the ``limit`` asked
        # for; a function that rewrites each /stat/v1/data body (numbers as strings, keys left out ...)
        self.outage: list[tuple[int, str, str]] = []
        self.max_limit: int | None = None
        self.mangle = None
        self.grants: dict[str, _Grant] = {}
        self.access_tokens: dict[str, dt.datetime] = {}  # token → expiry
        self.refresh_tokens: set[str] = set()
        self.refreshes = 0
        self.app = Starlette(
            routes=[
                Route("/authorize", self.authorize, methods=["GET"]),
                Route("/authorize/decision", self.decision, methods=["POST"]),
                Route("/token", self.token, methods=["POST"]),
                Route("/management/v1/counters", self.list_counters, methods=["GET"]),
                Route("/management/v1/counter/{counter_id:int}/goals", self.list_goals, methods=["GET"]),
                Route("/stat/v1/data", self.data, methods=["GET"]),
            ]
        )
        self._data = {c.id: self._generate(c) for c in self.counters}

    def env(self) -> dict[str, str]:
        """Settings that point the app at this fake (and its OAuth app credentials)."""
        return {
            "SMMKPI_YANDEX_METRICA_API_URL": self.base_url,
            "SMMKPI_YANDEX_METRICA_AUTHORIZE_URL": f"{self.base_url}/authorize",
            "SMMKPI_YANDEX_METRICA_TOKEN_URL": f"{self.base_url}/token",
            "SMMKPI_YANDEX_METRICA_CLIENT_ID": CLIENT_ID,
            "SMMKPI_YANDEX_METRICA_CLIENT_SECRET": CLIENT_SECRET,
        }

    def api_requests(self, path: str = "/stat/v1/data") -> list[dict]:
        return [r for r in self.requests if r["path"].endswith(path)]

    # -- tokens
    def issue_token(self, *, lifetime_s: int | None = None) -> dict:
        access = "ym-at-" + secrets.token_urlsafe(24)
        refresh = "ym-rt-" + secrets.token_urlsafe(24)
        lifetime = self.token_lifetime_s if lifetime_s is None else lifetime_s
        self.access_tokens[access] = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=lifetime)
        self.refresh_tokens.add(refresh)
        return {
            "token_type": "bearer",
            "access_token": access,
            "expires_in": lifetime,
            "refresh_token": refresh,
        }

    def expire_tokens(self) -> None:
        """Every access token issued so far stops working (refresh tokens still work)."""
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        self.access_tokens = {token: past for token in self.access_tokens}

    def revoke_all(self) -> None:
        """The user revoked the app: access and refresh tokens are gone."""
        self.access_tokens.clear()
        self.refresh_tokens.clear()

    # -- data
    def _generate(self, counter: Counter) -> dict[dt.date, list[dict]]:
        rng = random.Random(counter.id)
        data: dict[dt.date, list[dict]] = {}
        for offset in range(self.days):
            day = self.today - dt.timedelta(days=self.days - 1 - offset)
            weekday = 0.8 if day.weekday() >= 5 else 1.0
            rows = []
            for source, engine, social, utm_source, utm_medium, share in TRAFFIC:
                visits = int(counter.visits_per_day * share * weekday * rng.uniform(0.7, 1.3))
                if visits == 0:
                    continue
                goals = {g["id"]: int(visits * rng.uniform(0.0, 0.06)) for g in counter.goals}
                purchases = int(visits * rng.uniform(0.0, 0.03)) if counter.ecommerce else 0
                rows.append({
                    "source": source, "engine": engine, "social": social, "utm_source": utm_source,
                    "utm_medium": utm_medium, "visits": visits, "users": int(visits * rng.uniform(0.75, 0.95)),
                    "goals": goals, "purchases": purchases,
                    "revenue": round(purchases * rng.uniform(900, 4200), 2),
                })  # fmt: skip
            data[day] = rows
        return data

    def daily_rows(self, counter_id: int) -> dict[dt.date, list[dict]]:
        return self._data[counter_id]

    # -- helpers
    @staticmethod
    def error(status: int, error_type: str, message: str, headers: dict | None = None) -> JSONResponse:
        body = {
            "errors": [{"error_type": error_type, "message": message}],
            "code": status,
            "message": message,
        }
        return JSONResponse(body, status_code=status, headers=headers)

    def _authorized(self, request: Request) -> Response | None:
        self.requests.append({"path": request.url.path, "params": dict(request.query_params)})
        if "oauth_token" in request.query_params:
            return self.error(
                400, "invalid_parameter", "The token must be passed in the Authorization header"
            )
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "oauth" or not token:
            return self.error(401, "unauthorized", "Authorization header with an OAuth token is required")
        expiry = self.access_tokens.get(token)
        if expiry is None or expiry <= dt.datetime.now(dt.UTC):
            return self.error(403, "invalid_token", "Invalid oauth_token")
        if self.outage:
            status, content_type, text = self.outage.pop(0)
            return Response(text, status_code=status, media_type=content_type)
        if self.throttle:
            status = self.throttle.pop(0)
            headers = {"Retry-After": self.retry_after} if self.retry_after else None
            return self.error(status, "quota_requests_by_uid", "Quota exceeded, try later", headers)
        return None

    # -- OAuth endpoints
    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        if q.get("client_id") != CLIENT_ID or q.get("response_type") != "code":
            return HTMLResponse("<h1>Неверный client_id или response_type</h1>", status_code=400)
        fields = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in q.items()
        )
        page = (
            "<!doctype html><html><head><meta charset='utf-8'><title>Яндекс ID — доступ</title></head><body>"
            "<h1>Приложение smmkpi запрашивает доступ</h1><p>Чтение статистики Яндекс Метрики (metrika:read)</p>"
            f"<form method='post' action='{self.base_url}/authorize/decision'>{fields}"
            "<button name='decision' value='allow' type='submit'>Разрешить</button>"
            "<button name='decision' value='deny' type='submit'>Отказать</button></form></body></html>"
        )
        return HTMLResponse(page)

    async def decision(self, request: Request) -> Response:
        form = await request.form()
        redirect_uri = str(form.get("redirect_uri") or "")
        params = {"state": str(form.get("state") or "")}
        if form.get("decision") != "allow":
            params.update(error="access_denied", error_description="The user denied access")
        else:
            code = secrets.token_hex(8)
            self.grants[code] = _Grant(code, redirect_uri or None, form.get("code_challenge") or None,
                                       form.get("code_challenge_method") or None)  # fmt: skip
            params["code"] = code
        separator = "&" if "?" in redirect_uri else "?"
        return RedirectResponse(f"{redirect_uri}{separator}{urlencode(params)}", status_code=302)

    async def token(self, request: Request) -> Response:
        form = await request.form()
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            client_id, _, client_secret = base64.b64decode(header[6:]).decode().partition(":")
        if client_id != CLIENT_ID or client_secret != CLIENT_SECRET:
            return JSONResponse({"error": "invalid_client", "error_description": "Client not found"}, 400)
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            grant = self.grants.get(str(form.get("code") or ""))
            if grant is None or grant.used:
                return JSONResponse({"error": "invalid_grant", "error_description": "Code has expired"}, 400)
            grant.used = True
            if grant.challenge:
                verifier = str(form.get("code_verifier") or "")
                digest = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                )
                if digest != grant.challenge:
                    return JSONResponse(
                        {"error": "invalid_grant", "error_description": "Code verifier mismatch"}, 400
                    )
            return JSONResponse(self.issue_token())
        if grant_type == "refresh_token":
            refresh = str(form.get("refresh_token") or "")
            if refresh not in self.refresh_tokens:
                return JSONResponse({"error": "invalid_grant", "error_description": "Token has expired"}, 400)
            self.refresh_tokens.discard(refresh)
            self.refreshes += 1
            return JSONResponse(self.issue_token())
        return JSONResponse({"error": "unsupported_grant_type"}, 400)

    # -- Management API
    async def list_counters(self, request: Request) -> Response:
        if (failure := self._authorized(request)) is not None:
            return failure
        per_page = int(request.query_params.get("per_page") or 1000)
        offset = int(request.query_params.get("offset") or 1)
        page = self.counters[offset - 1 : offset - 1 + per_page]
        counters = [
            {"id": c.id, "status": "Active", "owner_login": c.owner_login, "code_status": "CS_OK", "name": c.name,
             "site": c.site, "site2": {"site": c.site, "domain": c.site}, "permission": "own", "type": "simple",
             "favorite": 0}
            for c in page
        ]  # fmt: skip
        return JSONResponse({"rows": len(self.counters), "counters": counters})

    async def list_goals(self, request: Request) -> Response:
        if (failure := self._authorized(request)) is not None:
            return failure
        counter = self._counter(request.path_params["counter_id"])
        if counter is None:
            return self.error(403, "access_denied", "Access is denied")
        goals = [{**g, "is_retargeting": 0, "conditions": [{"type": "exact", "url": f"goal{g['id']}"}]}
                 for g in counter.goals]  # fmt: skip
        return JSONResponse({"goals": goals})

    def _counter(self, counter_id: int) -> Counter | None:
        return next((c for c in self.counters if c.id == counter_id), None)

    # -- Reporting API
    def _dimension(self, name: str, row: dict, day: dt.date) -> dict:
        if name == "ym:s:date":
            return {"name": day.isoformat()}
        attr = name.removeprefix("ym:s:")
        for prefix in ATTRIBUTIONS:
            if attr.startswith(prefix) and attr[len(prefix) :][:1].isupper():
                attr = attr[len(prefix) :]
                break
        if attr == "TrafficSource":
            return {"name": TRAFFIC_NAMES.get(row["source"], row["source"]), "id": row["source"]}
        if attr == "AdvEngine":
            return (
                {"name": row["engine"][1], "id": row["engine"][0]}
                if row["engine"]
                else {"name": None, "id": None}
            )
        if attr == "SocialNetwork":
            return (
                {"name": row["social"][1], "id": row["social"][0]}
                if row["social"]
                else {"name": None, "id": None}
            )
        if attr == "UTMSource":
            return {"name": row["utm_source"]}
        if attr == "UTMMedium":
            return {"name": row["utm_medium"]}
        raise KeyError(name)

    def _metric(self, name: str, counter: Counter, row: dict) -> float:
        if name == "ym:s:visits":
            return float(row["visits"])
        if name == "ym:s:users":
            return float(row["users"])
        if name.startswith("ym:s:goal") and name.endswith("reaches"):
            goal_id = int(name[len("ym:s:goal") : -len("reaches")])
            return float(row["goals"][goal_id])
        if name == "ym:s:ecommercePurchases":
            return float(row["purchases"])
        if name.startswith("ym:s:ecommerce") and name.endswith("ConvertedRevenue"):
            return float(row["revenue"])
        raise KeyError(name)

    def _valid_metric(self, name: str, counter: Counter) -> bool:
        if name in self.refuse:
            return False
        if name in ("ym:s:visits", "ym:s:users"):
            return True
        if name.startswith("ym:s:goal") and name.endswith("reaches"):
            try:
                goal_id = int(name[len("ym:s:goal") : -len("reaches")])
            except ValueError:
                return False
            return any(g["id"] == goal_id for g in counter.goals)
        if name == "ym:s:ecommercePurchases" or (
            name.startswith("ym:s:ecommerce") and name.endswith("ConvertedRevenue")
        ):
            return counter.ecommerce
        return False

    async def data(self, request: Request) -> Response:
        if (failure := self._authorized(request)) is not None:
            return failure
        q = request.query_params
        try:
            counter = self._counter(int(q.get("ids", "")))
        except ValueError:
            counter = None
        if counter is None:
            return self.error(403, "access_denied", "Access to the counter is denied")
        metrics = [m for m in (q.get("metrics") or "").split(",") if m]
        dims = [d for d in (q.get("dimensions") or "").split(",") if d]
        if not metrics:
            return self.error(400, "invalid_parameter", "Required parameter metrics is missing")
        if len(metrics) > MAX_METRICS:
            return self.error(
                400, "invalid_parameter", f"Too many metrics: {len(metrics)}, the limit is {MAX_METRICS}"
            )
        if len(dims) > MAX_DIMENSIONS:
            return self.error(400, "invalid_parameter", "Too many dimensions")
        for dim in dims:
            if any(dim.endswith(suffix) for suffix in self.refuse_dimensions):
                return self.error(400, "invalid_parameter", f"Wrong parameter: 'dimensions', value: '{dim}'")
        for metric in metrics:
            if not self._valid_metric(metric, counter):
                return self.error(400, "invalid_parameter", f"Wrong parameter: 'metrics', value: '{metric}'")
        try:
            date1 = dt.date.fromisoformat(q.get("date1", (self.today - dt.timedelta(days=6)).isoformat()))
            date2 = dt.date.fromisoformat(q.get("date2", self.today.isoformat()))
            limit = int(q.get("limit") or DEFAULT_LIMIT)
            offset = int(q.get("offset") or 1)
        except ValueError:
            return self.error(400, "invalid_parameter", "Wrong date or paging parameter")
        if offset < 1:
            return self.error(400, "invalid_parameter", "offset must be 1 or more")
        include_undefined = (q.get("include_undefined") or "false").lower() == "true"
        full = q.get("accuracy") in ("full", "1", "1.0")
        sampled = self.force_sampled or not full
        share = 0.1 if sampled else 1.0
        try:
            rows = []
            for day, day_rows in sorted(self._data[counter.id].items()):
                if not date1 <= day <= date2:
                    continue
                for row in day_rows:
                    values = [self._dimension(d, row, day) for d in dims]
                    if not include_undefined and any(v.get("name") is None for v in values):
                        continue
                    numbers = [self._metric(m, counter, row) for m in metrics]
                    if sampled:
                        numbers = [round(n * share) / share for n in numbers]
                    rows.append({"dimensions": values, "metrics": numbers})
        except KeyError as unknown:
            return self.error(400, "invalid_parameter", f"Wrong parameter: {unknown}")
        if self.max_limit is not None:
            limit = min(limit, self.max_limit)
        page = rows[offset - 1 : offset - 1 + limit]
        totals = [sum(r["metrics"][i] for r in rows) for i in range(len(metrics))]
        body = {
            "query": {"ids": [counter.id], "dimensions": dims, "metrics": metrics, "sort": (q.get("sort") or "").split(","),
                      "date1": date1.isoformat(), "date2": date2.isoformat(), "limit": limit, "offset": offset,
                      "attribution": "LastSign", "currency": "RUB"},
            "data": page,
            "total_rows": len(rows),
            "total_rows_rounded": False,
            "sampled": sampled,
            "contains_sensitive_data": False,
            "sample_share": share,
            "sample_size": len(rows),
            "sample_space": len(rows),
            "data_lag": 0,
            "totals": totals,
        }  # fmt: skip
        if self.mangle is not None:
            body = self.mangle(body)
        return JSONResponse(body)
