"""Yandex Metrica: channel mapping, goal types, report parsing, and the connector over real HTTP.

Parse tests use payloads of the documented shapes (api-notes §7): errors inside 200, numbers as strings,
missing metrics stay NULL. Connector tests run against tests/fakes/yandex_metrica.py on 127.0.0.1 with an
injected sleep (nothing really waits). The sync tests write through smmkpi.sync into SQLite and PostgreSQL
and read the numbers back through the KPI report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import httpx
import pandas as pd
import pytest
from cryptography.fernet import Fernet

from smmkpi.sources import oauth
from smmkpi.sources.base import (
    AuthExpired,
    Credentials,
    NotSupported,
    PermissionDenied,
    RateLimited,
    SourceAccount,
    SourceError,
    SyncWindow,
)
from smmkpi.sources.http import TransientError, make_client
from smmkpi.sources.yandex_metrica import (
    YandexMetricaConnector,
    build_goal_reaches,
    build_sales,
    build_web,
    channel_of,
    dimensions,
    error_from,
    guess_goal_type,
    metric_batches,
    parse_counters,
    parse_goals,
    parse_report,
)
from tests.fakes.server import FakeClock, run_fakes

MARCH = SyncWindow(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
SHOP, FURNITURE, PROMO = 44147844, 55123001, 66000003
DIMS = dimensions("lastsign")
PROMO_ACCOUNT = SourceAccount(external_id=str(PROMO), name="Лендинг акции", handle=str(PROMO))


def no_progress(fraction: float, message: str) -> None:
    assert 0.0 <= fraction <= 1.0


# --------------------------------------------------------------------------------------------------
# Pure parts


@pytest.mark.parametrize(
    ("traffic_source", "adv_engine", "social", "utm_source", "utm_medium", "channel"),
    [
        ("social", None, "vkontakte", None, None, "vk"),
        ("social", None, "VKontakte", None, None, "vk"),
        ("social", None, "odnoklassniki", None, None, "ok"),
        ("social", None, "telegram", None, None, "telegram"),
        ("social", None, "instagram", None, None, "instagram"),
        ("social", None, "youtube", None, None, "youtube"),
        ("social", None, "twitter", None, None, "x"),
        ("social", None, "facebook", None, None, "facebook"),
        ("social", None, "livejournal", None, None, "other"),
        ("ad", "ya_direct", None, "yandex", "cpc", "yandex_direct"),
        ("ad", "Yandex Direct", None, None, None, "yandex_direct"),
        ("ad", "google_adwords", None, "google", "cpc", "google_ads"),
        ("ad", None, None, "vk", "cpc", "vk"),  # paid VK traffic is SMM in VK
        ("ad", "mytarget", None, None, None, "vk"),
        ("ad", None, None, "yandex", "cpc", "yandex_direct"),
        ("ad", "criteo", None, None, "banner", "display"),
        ("ad", None, None, None, None, "display"),
        ("organic", None, None, None, None, "seo"),
        ("Search engine traffic", None, None, None, None, "seo"),
        ("direct", None, None, None, None, "direct"),
        ("email", None, None, None, None, "email"),
        ("referral", None, None, "newsletter", "email", "email"),
        ("referral", None, None, "t.me", "social", "telegram"),
        ("referral", None, None, None, None, "other"),
        ("internal", None, None, None, None, "other"),
        ("recommend", None, None, None, None, "other"),
        ("messenger", None, None, None, None, "other"),
        (None, None, None, None, None, "other"),
    ],
)
def test_metrica_sources_map_to_kpi_channels(
    traffic_source, adv_engine, social, utm_source, utm_medium, channel
):
    assert channel_of(traffic_source, adv_engine, social, utm_source, utm_medium) == channel


@pytest.mark.parametrize(
    ("kind", "name", "goal_type"),
    [
        ("phone", "Клик по номеру", "call"),
        ("call", "Звонок из Calltouch", "call"),
        ("messenger", "Переход в мессенджер", "message"),
        ("email", "Клик по email", "message"),
        ("form", "Отправка формы", "form"),
        ("e_purchase", "Покупка", "sale"),
        ("payment_system", "Оплата", "sale"),
        ("url", "Заявка отправлена", "form"),  # a thank-you page is a form, not a page visit
        ("url", "Страница контактов", "page_visit"),
        ("number", "3 страницы", "page_visit"),
        ("action", "Запись на консультацию", "consultation"),
        ("action", "Клик по WhatsApp", "message"),
        ("action", "Заказ обратного звонка", "call"),
        ("action", "Оформление заказа", "sale"),
        ("action", "Скачал прайс", "other"),
        ("e_cart", "Корзина", "other"),
        (None, None, "other"),
    ],
)
def test_goal_type_is_guessed_from_kind_then_name(kind, name, goal_type):
    assert guess_goal_type(kind, name) == goal_type


def report(rows, metrics=("ym:s:visits", "ym:s:users"), **extra):
    """A /stat/v1/data answer in the documented shape; rows are (date, source, engine, social, utm, medium, values)."""

    def dim(value):
        return {"name": value, "id": value} if value is not None else {"name": None, "id": None}

    data = [{"dimensions": [{"name": r[0]}, *(dim(v) for v in r[1:6])], "metrics": list(r[6])} for r in rows]
    body = {
        "query": {"ids": [SHOP], "dimensions": list(DIMS), "metrics": list(metrics), "date1": "2026-03-01",
                  "date2": "2026-03-02", "limit": 100, "offset": 1, "attribution": "LastSign", "currency": "RUB"},
        "data": data, "total_rows": len(data), "total_rows_rounded": False, "sampled": False,
        "contains_sensitive_data": False, "sample_share": 1.0, "totals": [0.0] * len(metrics),
    }  # fmt: skip
    body.update(extra)
    return body


def test_report_rows_fold_into_web_rows_by_day_and_channel():
    payload = report([
        ("2026-03-01", "social", None, "vkontakte", None, None, [120.0, 100.0]),
        ("2026-03-01", "ad", None, None, "vk", "cpc", ["30", "28.0"]),  # numbers as strings
        ("2026-03-01", "organic", None, None, None, None, [200.0, 180.0]),
        ("2026-03-02", "social", None, "vkontakte", None, None, [90.0, None]),  # users not reported
    ])  # fmt: skip
    page = parse_report(payload, ["ym:s:visits", "ym:s:users"], DIMS)
    web = build_web(page.rows).set_index(["date", "channel"])
    assert web.loc[(dt.date(2026, 3, 1), "vk"), "sessions"] == 150
    # VK organic + VK ads: visits add up, unique users do not (one person may come both ways) → not reported
    assert pd.isna(web.loc[(dt.date(2026, 3, 1), "vk"), "users"])
    assert web.loc[(dt.date(2026, 3, 1), "seo"), "sessions"] == 200
    assert web.loc[(dt.date(2026, 3, 1), "seo"), "users"] == 180
    assert web.loc[(dt.date(2026, 3, 2), "vk"), "sessions"] == 90
    assert pd.isna(web.loc[(dt.date(2026, 3, 2), "vk"), "users"])  # not reported is NULL, never 0
    assert page.total_rows == 4 and not page.sampled


def test_report_uses_the_metric_order_the_answer_states():
    payload = report(
        [("2026-03-01", "direct", None, None, None, None, [7.0, 11.0])], metrics=("ym:s:users", "ym:s:visits")
    )
    page = parse_report(payload, ["ym:s:visits", "ym:s:users"], DIMS)
    assert page.rows[0][2] == {"ym:s:users": 7.0, "ym:s:visits": 11.0}


def test_sampled_answer_is_flagged():
    page = parse_report(report([], sampled=True, sample_share=0.1), ["ym:s:visits"], DIMS)
    assert page.sampled and page.sample_share == pytest.approx(0.1)


def test_goal_reaches_keep_reported_zeros_and_skip_missing_values():
    rows = [
        (dt.date(2026, 3, 1), "vk", {"ym:s:goal1reaches": 0.0, "ym:s:goal2reaches": 3.0}),
        (dt.date(2026, 3, 1), "seo", {"ym:s:goal1reaches": None, "ym:s:goal2reaches": 1.0}),
    ]
    frame = build_goal_reaches(rows, ["1", "2"]).set_index(["channel", "goal"])
    assert frame.loc[("vk", "ym:1"), "reaches"] == 0  # a reported zero stays a zero
    assert ("seo", "ym:1") not in frame.index  # nothing reported: no row (NULL), not 0
    assert frame.loc[("seo", "ym:2"), "reaches"] == 1


def test_sales_without_revenue_keep_it_null():
    rows = [
        (
            dt.date(2026, 3, 1),
            "vk",
            {"ym:s:ecommercePurchases": 2.0, "ym:s:ecommerceRUBConvertedRevenue": None},
        )
    ]
    sales = build_sales(rows, "RUB")
    assert sales.loc[0, "orders"] == 2 and pd.isna(sales.loc[0, "revenue"])


def test_error_envelope_inside_http_200_is_an_error():
    with pytest.raises(AuthExpired):
        parse_report({"errors": [{"error_type": "invalid_token", "message": "Invalid oauth_token"}], "code": 403,
                      "message": "Invalid oauth_token"}, ["ym:s:visits"], DIMS)  # fmt: skip


@pytest.mark.parametrize(
    ("status", "body", "retry_after", "error", "seconds"),
    [
        (420, {"errors": [{"error_type": "quota_requests_by_uid", "message": "Quota"}], "code": 420}, None,
         RateLimited, None),
        (429, {"errors": [{"error_type": "quota_requests_by_ip", "message": "Too many"}], "code": 429}, "7",
         RateLimited, 7.0),
        (403, {"errors": [{"error_type": "invalid_token", "message": "Invalid oauth_token"}], "code": 403}, None,
         AuthExpired, None),
        (401, None, None, AuthExpired, None),
        (403, {"errors": [{"error_type": "access_denied", "message": "Access is denied"}], "code": 403}, None,
         PermissionDenied, None),
        (400, {"errors": [{"error_type": "invalid_parameter", "message": "Wrong metric"}], "code": 400}, None,
         NotSupported, None),
        (500, None, None, SourceError, None),
    ],
)  # fmt: skip
def test_http_statuses_map_to_base_errors(status, body, retry_after, error, seconds):
    mapped = error_from(status, body, retry_after)
    assert type(mapped) is error
    if seconds is not None:
        assert mapped.retry_after == seconds


def test_metrics_are_batched_at_the_documented_cap_of_20():
    metrics = [f"ym:s:goal{i}reaches" for i in range(45)]
    batches = metric_batches(metrics, 20)
    assert [len(b) for b in batches] == [20, 20, 5]
    assert sum(batches, []) == metrics


def test_counters_and_goals_parse_ids_given_as_strings():
    accounts, total = parse_counters(
        {
            "rows": "2",
            "counters": [
                {"id": "44147844", "name": "Сайт", "site": "example.ru", "owner_login": "ivan"},
                {"id": 55, "name": "", "site2": {"site": "b.ru"}},
            ],
        }  # fmt: skip
    )
    assert total == 2
    assert [a.external_id for a in accounts] == ["44147844", "55"]
    assert accounts[0].url == "https://example.ru" and accounts[0].details["owner_login"] == "ivan"
    assert accounts[1].name == "b.ru" and accounts[1].network is None
    goals = parse_goals({"goals": [{"id": "123456", "name": "Заявка", "type": "action", "is_retargeting": 0,
                                    "conditions": [{"type": "exact", "url": "form_sent"}]}]})  # fmt: skip
    assert goals.to_dict("records") == [
        {"goal": "ym:123456", "name": "Заявка", "type": "form", "goal_id": "123456"}
    ]


# --------------------------------------------------------------------------------------------------
# The connector against the fake, over real HTTP


@pytest.fixture
def hub():
    with run_fakes("yandex_metrica") as running:
        yield running


@pytest.fixture
def fake(hub):
    return hub["yandex_metrica"]


def make_connector(hub, credentials, http, clock, refreshed=None, **settings):
    environ = {**hub.env(), **{f"SMMKPI_YANDEX_METRICA_{k.upper()}": str(v) for k, v in settings.items()}}
    config = YandexMetricaConnector.load_config(environ=environ)
    return YandexMetricaConnector(
        config, credentials, http=http, sleep=clock.sleep, clock=clock,
        on_token_refresh=(refreshed.append if refreshed is not None else None),
    )  # fmt: skip


def credentials(token: dict) -> Credentials:
    return oauth.credentials_from_token(token)


@dataclass
class Expected:
    sessions: dict[str, int]  # channel → sessions
    goals: dict[int, int]  # goal id → reaches
    orders: int
    goals_by_channel: dict[str, dict[int, int]]


def expected(fake, counter_id: int, window: SyncWindow) -> Expected:
    """What the fake holds for a window, summed per channel with the channels the fake's rows stand for."""
    channel_by_source = {
        ("organic", None): "seo", ("direct", None): "direct", ("social", "vkontakte"): "vk",
        ("social", "odnoklassniki"): "ok", ("social", "telegram"): "telegram", ("ad", "ya_direct"): "yandex_direct",
        ("ad", "google_adwords"): "google_ads", ("ad", "vk"): "vk", ("referral", None): "other",
        ("email", None): "email",
    }  # fmt: skip
    sessions, goals, orders = defaultdict(int), defaultdict(int), 0
    goals_by_channel: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for day, rows in fake.daily_rows(counter_id).items():
        if not window.since <= day <= window.until:
            continue
        for row in rows:
            detail = (
                (row["engine"] or row["social"] or (row["utm_source"],))[0]
                if row["source"] != "email"
                else None
            )
            if row["source"] in ("organic", "direct", "referral"):
                detail = None
            channel = channel_by_source[(row["source"], detail)]
            sessions[channel] += row["visits"]
            for goal_id, reaches in row["goals"].items():
                goals[goal_id] += reaches
                goals_by_channel[channel][goal_id] += reaches
            orders += row["purchases"]
    return Expected(sessions, goals, orders, goals_by_channel)


def test_fetch_gives_sessions_goals_and_sales_by_channel(hub, fake):
    clock = FakeClock()
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, clock)
        counter = next(a for a in connector.list_accounts() if a.external_id == str(SHOP))
        result = connector.fetch(counter, MARCH, no_progress)
    want = expected(fake, SHOP, MARCH)
    sessions, goals, orders = want.sessions, want.goals, want.orders
    web = result.frames["web"]
    assert web.groupby("channel")["sessions"].sum().to_dict() == dict(sessions)
    assert set(web["channel"]) == {"seo", "direct", "vk", "ok", "telegram", "yandex_direct", "google_ads", "other",
                                   "email"}  # fmt: skip
    assert (web["date"].min(), web["date"].max()) == (MARCH.since, MARCH.until)
    assert "client" not in web.columns  # sync adds the counter's client
    assert dict(zip(result.frames["goals"]["goal"], result.frames["goals"]["type"], strict=True)) == {
        "ym:310001": "form", "ym:310002": "call", "ym:310003": "message", "ym:310004": "consultation",
        "ym:310005": "page_visit", "ym:310006": "sale",
    }  # fmt: skip
    assert result.guessed_columns == {"goals": ("type",)}
    reached = result.frames["goal_reaches"].groupby("goal")["reaches"].sum().to_dict()
    assert reached == {f"ym:{goal_id}": total for goal_id, total in goals.items()}
    assert result.frames["sales"]["orders"].sum() == orders
    # the fake's VK visits come from two sources (social + ads with utm_source=vk): no unique-user count for it
    assert [(n.code, n.params) for n in result.not_supported] == [
        ("note.metrica_users_merged", {"channels": "vk"})
    ]
    web = result.frames["web"]
    assert (
        web.loc[web["channel"] == "vk", "users"].isna().all()
        and web.loc[web["channel"] == "seo", "users"].notna().all()
    )
    data_requests = fake.api_requests()
    assert all(
        r["params"]["accuracy"] == "full" and r["params"]["include_undefined"] == "true"
        for r in data_requests
    )
    assert all("oauth_token" not in r["params"] for r in fake.requests)  # the token goes in the header only


def test_more_than_20_goals_are_asked_in_batches(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        account = connector.resolve_account(f"https://metrika.yandex.ru/dashboard?id={FURNITURE}")
        result = connector.fetch(account, MARCH, no_progress)
    metric_counts = [len(r["params"]["metrics"].split(",")) for r in fake.api_requests()]
    assert max(metric_counts) == 20 and 5 in metric_counts
    assert result.frames["goal_reaches"]["goal"].nunique() == 25
    assert "sales" not in result.frames  # this counter has no e-commerce: refused, noted
    assert any(note.startswith("orders, revenue:") for note in map(str, result.not_supported))


def test_reports_are_paged_with_offset_and_limit(hub, fake):
    with make_client() as http:
        whole = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        account = whole.resolve_account(str(PROMO))
        full = whole.fetch(account, MARCH, no_progress).frames["web"]
        fake.requests.clear()
        paged = make_connector(hub, credentials(fake.issue_token()), http, FakeClock(), page_limit=50)
        result = paged.fetch(account, MARCH, no_progress).frames["web"]
    offsets = [
        int(r["params"]["offset"])
        for r in fake.api_requests()
        if r["params"]["metrics"] == "ym:s:visits,ym:s:users"
    ]
    assert offsets[:3] == [1, 51, 101] and len(offsets) > 3
    assert result.equals(full)


def test_counters_are_paged(hub, fake):
    with make_client() as http:
        connector = make_connector(
            hub, credentials(fake.issue_token()), http, FakeClock(), counters_per_page=2
        )
        accounts = connector.list_accounts()
        assert connector.whoami() == "ivan.marketolog"
    assert [a.external_id for a in accounts] == [str(SHOP), str(FURNITURE), str(PROMO)]
    assert [r["params"].get("offset") for r in fake.api_requests("/counters")][:2] == [None, "3"]


def test_refused_dimensions_fall_back_to_fewer_and_say_so(hub, fake):
    fake.refuse_dimensions = {"AdvEngine", "UTMMedium"}
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        result = connector.fetch(connector.resolve_account(str(SHOP)), MARCH, no_progress)
    want = expected(fake, SHOP, MARCH)
    assert result.frames["web"].groupby("channel")["sessions"].sum().to_dict() == dict(want.sessions)
    assert result.frames["goal_reaches"]["reaches"].sum() == sum(want.goals.values())
    assert any(
        note.startswith("channels:") and "UTMSource" in note for note in map(str, result.not_supported)
    )
    assert all(
        "AdvEngine" not in r["params"]["dimensions"] for r in fake.api_requests()[-3:]
    )  # after the probe


def test_throttling_420_and_429_backs_off_and_continues(hub, fake):
    clock = FakeClock()
    fake.throttle = [420, 429]
    fake.retry_after = "3"
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, clock)
        result = connector.fetch(connector.resolve_account(str(PROMO)), MARCH, no_progress)
    assert (
        len(clock.slept) == 2 and min(clock.slept) >= 3
    )  # the API's Retry-After is respected, not slept for real
    assert not result.frames["web"].empty


def test_throttling_that_never_ends_raises_rate_limited(hub, fake):
    clock = FakeClock()
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, clock, max_retries=3)
        account = connector.resolve_account(str(PROMO))
        fake.throttle = [420] * 10
        with pytest.raises(RateLimited):
            connector.fetch(account, MARCH, no_progress)
    assert len(clock.slept) == 2  # three attempts, two waits


def test_expired_token_is_refreshed_during_the_sync_and_persisted(hub, fake):
    token = fake.issue_token()
    refreshed: list[Credentials] = []
    with make_client() as http:
        connector = make_connector(hub, credentials(token), http, FakeClock(), refreshed)
        account = connector.resolve_account(str(PROMO))
        fake.expire_tokens()
        result = connector.fetch(account, MARCH, no_progress)
    assert fake.refreshes == 1 and len(refreshed) == 1
    assert refreshed[0].access_token != token["access_token"]
    assert refreshed[0].refresh_token != token["refresh_token"]  # Yandex rotates both
    assert token["refresh_token"] not in fake.refresh_tokens
    assert not result.frames["web"].empty


def test_a_token_past_its_expiry_is_refreshed_before_the_first_call(hub, fake):
    token = fake.issue_token()
    stale = oauth.credentials_from_token(
        {**token, "expires_in": 60}, now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    )
    refreshed: list[Credentials] = []
    with make_client() as http:
        connector = make_connector(hub, stale, http, FakeClock(), refreshed)
        assert connector.whoami() == "ivan.marketolog"
    assert fake.refreshes == 1 and refreshed[0].expires_at > dt.datetime.now(dt.UTC)
    assert [r["path"] for r in fake.requests] == [
        "/yandex_metrica/management/v1/counters"
    ]  # no failed call first


def test_revoked_access_needs_reauthorization(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        fake.revoke_all()
        with pytest.raises(AuthExpired):
            connector.fetch(PROMO_ACCOUNT, MARCH, no_progress)


def test_a_goal_the_api_refuses_is_noted_not_a_failed_sync(hub, fake):
    fake.refuse = {"ym:s:goal310003reaches"}
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        result = connector.fetch(connector.resolve_account(str(SHOP)), MARCH, no_progress)
    assert "ym:310003" not in set(result.frames["goal_reaches"]["goal"])
    assert result.frames["goal_reaches"]["goal"].nunique() == 5
    assert [n for n in map(str, result.not_supported) if "310003" in n] == [
        "goal_reaches: Yandex Metrica refused goal 310003 «Клик по WhatsApp» — not supported"
    ]


def test_a_sampled_answer_is_noted(hub, fake):
    fake.force_sampled = True
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        result = connector.fetch(PROMO_ACCOUNT, MARCH, no_progress)
    assert any("sampled" in note for note in map(str, result.not_supported))


def test_unknown_counter_is_a_permission_problem(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        with pytest.raises(PermissionDenied):
            connector.resolve_account("12345678")


def test_oauth_consent_and_code_exchange_with_pkce(hub, fake):
    config = YandexMetricaConnector.load_config(environ=hub.env())
    spec = YandexMetricaConnector.oauth
    redirect = "http://127.0.0.1:8501/connections"
    pending = oauth.start(config, spec, redirect_uri=redirect)
    with httpx.Client() as browser:
        page = browser.get(pending.url)
        assert page.status_code == 200 and "Разрешить" in page.text
        form = dict(httpx.URL(pending.url).params)
        answer = browser.post(f"{fake.base_url}/authorize/decision", data={**form, "decision": "allow"})
    back = httpx.URL(answer.headers["location"])
    assert back.params["state"] == pending.state
    stored = oauth.StoredState(state=pending.state, verifier=pending.verifier, source="yandex_metrica",
                               workspace_id=1, user=None, redirect_uri=redirect, expires_at=pending.expires_at)  # fmt: skip
    creds = oauth.exchange_code(config, spec, code=back.params["code"], stored=stored)
    assert creds.access_token in fake.access_tokens and creds.refresh_token
    with pytest.raises(AuthExpired):  # a code is single-use
        oauth.exchange_code(config, spec, code=back.params["code"], stored=stored)


# --------------------------------------------------------------------------------------------------
# Through smmkpi.sync into the database (SQLite and PostgreSQL), read back by the KPI report

TODAY = dt.date(2026, 3, 31)
NOW = dt.datetime(2026, 3, 31, 9, 0, tzinfo=dt.UTC)
WORKSPACE = "Агентство"
CLIENT = "Обжарка"


@pytest.fixture
def env(hub):
    from smmkpi import sync

    environ = {**hub.env(), "SMMKPI_SECRET_KEY": Fernet.generate_key().decode()}
    options = sync.SyncOptions(lookback_days=7, initial_days=31, chunk_days=14)  # March → 3 chunks
    clock = FakeClock()
    return sync.SyncEnv(
        environ=environ, secrets={}, sleep=clock.sleep, clock=clock, now=lambda: NOW, options=options
    )


def workspace_with_a_vk_account(engine) -> int:
    """A workspace whose client has a VK community, so VK is a social channel in scope of the report."""
    from db import repo
    from db.session import session_scope
    from smmkpi import importer

    accounts = pd.DataFrame([{"network": "vk", "account": "obzharka", "name": "Обжарка", "client": CLIENT}])
    importer.import_tables(engine, importer.tables_from_frames({"accounts": accounts}), workspace=WORKSPACE)
    with session_scope(engine) as session:
        return repo.get_workspace(session, name=WORKSPACE).id


def connect_shop_counter(engine, env, workspace_id: int, fake) -> int:
    from smmkpi import sync

    connected = sync.connect_with_token(engine, workspace_id=workspace_id, source="yandex_metrica",
                                        token=fake.issue_token()["access_token"], env=env)  # fmt: skip
    assert connected.connected_as == "ivan.marketolog"
    counters = sync.list_source_accounts(engine, workspace_id=workspace_id, connection_id=connected.connection_id,
                                         env=env)  # fmt: skip
    shop = [c for c in counters if c.external_id == str(SHOP)]
    sync.track_accounts(engine, workspace_id=workspace_id, connection_id=connected.connection_id, accounts=shop,
                        client=CLIENT, today=TODAY, env=env)  # fmt: skip
    return connected.connection_id


def march_report(engine) -> dict:
    from db.session import session_scope
    from smmkpi.query import KpiFilters, kpi_report

    with session_scope(engine) as session:
        return kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(client=CLIENT),
                          date_from=MARCH.since, date_to=MARCH.until)  # fmt: skip


def stored_rows(engine, workspace_id: int) -> dict[str, int]:
    from sqlalchemy import func, select

    from db.models import GoalReach, Sale, WebStat
    from db.session import session_scope

    with session_scope(engine) as session:
        return {name: session.execute(select(func.count()).select_from(model)
                                      .where(model.workspace_id == workspace_id)).scalar_one()
                for name, model in (("web", WebStat), ("goal_reaches", GoalReach), ("sales", Sale))}  # fmt: skip


def test_a_synced_counter_shows_sessions_goals_and_sales_in_the_kpi_report(engine, hub, fake, env):
    from smmkpi import sync

    workspace_id = workspace_with_a_vk_account(engine)
    connection_id = connect_shop_counter(engine, env, workspace_id, fake)
    outcome = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    assert outcome.status == "ok", outcome.errors
    want = expected(fake, SHOP, MARCH)
    sessions, orders = want.sessions, want.orders
    report = march_report(engine)
    assert report["total"]["sessions"] == sessions["vk"]  # the social channel in scope
    assert report["by_channel"]["yandex_direct"]["sessions"] == sessions["yandex_direct"]
    assert report["by_channel"]["seo"]["sessions"] == sessions["seo"]
    assert sum(report["by_channel"][c]["orders"] for c in report["by_channel"]) == orders
    # leads = call + message + consultation + form goals (the guessed types), over every channel
    lead_goals = (310001, 310002, 310003, 310004)
    for channel in ("vk", "yandex_direct", "seo", "direct"):
        leads = sum(want.goals_by_channel[channel][g] for g in lead_goals)
        assert report["by_channel"][channel]["leads"] == leads
    assert report["total"]["goal_reaches.page_visit"] is not None


def test_a_second_sync_asks_only_for_new_days_and_duplicates_nothing(engine, hub, fake, env):
    from smmkpi import sync

    workspace_id = workspace_with_a_vk_account(engine)
    connection_id = connect_shop_counter(engine, env, workspace_id, fake)
    sync.run_sync(engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env)
    first = stored_rows(engine, workspace_id)
    fake.requests.clear()
    outcome = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    assert outcome.status == "ok"
    assert {r["params"]["date1"] for r in fake.api_requests()} == {
        "2026-03-24"
    }  # the cursor minus the look-back
    assert stored_rows(engine, workspace_id) == first
    assert (
        march_report(engine)["by_channel"]["seo"]["sessions"] == expected(fake, SHOP, MARCH).sessions["seo"]
    )


def test_a_sync_stopped_by_throttling_resumes_without_losing_or_doubling_rows(engine, hub, fake, env):
    from smmkpi import sync

    workspace_id = workspace_with_a_vk_account(engine)
    connection_id = connect_shop_counter(engine, env, workspace_id, fake)
    calls_per_chunk = 4  # goals, sessions, one batch of goals, e-commerce
    original = fake._authorized

    def throttle_after_first_chunk(request):  # the API starts refusing halfway through the sync
        if len(fake.api_requests()) >= calls_per_chunk + 1 and request.url.path.endswith("/stat/v1/data"):
            fake.throttle = [420]
        return original(request)

    fake._authorized = throttle_after_first_chunk
    stopped = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    assert stopped.status in ("failed", "partial") and stopped.errors
    partial = stored_rows(engine, workspace_id)
    fake._authorized = original
    fake.throttle = []
    resumed = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    assert resumed.status == "ok", resumed.errors
    complete = stored_rows(engine, workspace_id)
    assert 0 < partial["web"] < complete["web"]
    assert complete["web"] == 31 * 9  # every day × channel exactly once
    assert (
        march_report(engine)["by_channel"]["yandex_direct"]["sessions"]
        == expected(fake, SHOP, MARCH).sessions["yandex_direct"]
    )


def test_a_goal_type_the_user_changed_survives_the_next_sync(engine, hub, fake, env):
    from sqlalchemy import select

    from db.models import Goal
    from db.session import session_scope
    from smmkpi import importer, sync

    workspace_id = workspace_with_a_vk_account(engine)
    connection_id = connect_shop_counter(engine, env, workspace_id, fake)
    sync.run_sync(engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env)
    # "Страница контактов" was guessed as a page visit; the user says it is a consultation request
    edit = pd.DataFrame(
        [{"client": CLIENT, "goal": "ym:310005", "name": "Страница контактов", "type": "consultation"}]
    )
    importer.import_tables(engine, importer.tables_from_frames({"goals": edit}), workspace=WORKSPACE)
    sync.run_sync(engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env)
    with session_scope(engine) as session:
        goal_type = session.execute(select(Goal.type).where(Goal.workspace_id == workspace_id,
                                                            Goal.goal == "ym:310005")).scalar_one()  # fmt: skip
    assert goal_type == "consultation"


# --------------------------------------------------------------------------------------------------
# Documented variations of Metrica's answers (issue 4)

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"


def _report(**changes) -> dict:
    body = {
        "query": {"ids": [PROMO], "dimensions": list(DIMS), "metrics": ["ym:s:visits", "ym:s:users"],
                  "limit": 100, "offset": 1, "attribution": "LastSign"},
        "data": [{"dimensions": [{"name": "2026-03-01"}, {"name": "Social network traffic", "id": "social"},
                                 {"name": None, "id": None}, {"name": "VKontakte", "id": "vkontakte"},
                                 {"name": None}, {"name": None}], "metrics": [12.0, 10.0]}],
        "total_rows": 1, "sampled": False, "sample_share": 1.0,
    }  # fmt: skip
    body.update(changes)
    return body


def test_numbers_flags_and_totals_as_strings():
    page = parse_report(_report(total_rows="1", sampled="false", sample_share="1.0",
                                data=[{**_report()["data"][0], "metrics": ["12", "10.0"]}]),
                        ["ym:s:visits", "ym:s:users"], DIMS)  # fmt: skip
    assert page.rows == [(dt.date(2026, 3, 1), "vk", {"ym:s:visits": 12.0, "ym:s:users": 10.0})]
    assert page.total_rows == 1 and page.sampled is False and page.received == 1
    assert parse_report(_report(sampled="true"), ["ym:s:visits", "ym:s:users"], DIMS).sampled is True


def test_an_echoed_query_naming_other_metrics_does_not_move_the_values():
    # the answer's query spells the metrics another way: the order asked for is used, values stay in place
    body = _report(query={"metrics": ["ym:s:sessions", "ym:s:visitors"], "dimensions": ["a", "b"]})
    page = parse_report(body, ["ym:s:visits", "ym:s:users"], DIMS)
    assert page.rows[0][2] == {"ym:s:visits": 12.0, "ym:s:users": 10.0} and page.rows[0][1] == "vk"
    # the same names in another order: the answer's order wins
    swapped = _report(query={"metrics": ["ym:s:users", "ym:s:visits"], "dimensions": list(DIMS)})
    assert parse_report(swapped, ["ym:s:visits", "ym:s:users"], DIMS).rows[0][2] == {
        "ym:s:users": 12.0, "ym:s:visits": 10.0}  # fmt: skip


def test_missing_and_null_keys_are_tolerated():
    page = parse_report({"data": None, "total_rows": None}, ["ym:s:visits"], DIMS)
    assert page.rows == [] and page.total_rows == 0 and page.received == 0
    page = parse_report(_report(query=None, sampled=None, data=[{"dimensions": _report()["data"][0]["dimensions"],
                                                                 "metrics": [None, 3]}]),
                        ["ym:s:visits", "ym:s:users"], DIMS)  # fmt: skip
    assert page.rows[0][2] == {"ym:s:visits": None, "ym:s:users": 3.0} and page.sampled is False


def test_an_error_envelope_without_a_code_inside_http_200_is_still_an_error():
    with pytest.raises(NotSupported, match="Wrong parameter"):
        parse_report({"errors": [{"error_type": "invalid_parameter", "message": "Wrong parameter: metrics"}]},
                     ["ym:s:visits"], DIMS)  # fmt: skip


def test_attribution_and_accuracy_are_asked_for_explicitly(hub, fake):
    with make_client() as http:
        connector = make_connector(
            hub, credentials(fake.issue_token()), http, FakeClock(), attribution="last"
        )
        connector.fetch(PROMO_ACCOUNT, MARCH, no_progress)
    report = fake.api_requests()[-1]["params"]
    assert report["attribution"] == "last" and report["accuracy"] == "full"
    assert report["date1"] == "2026-03-01" and report["date2"] == "2026-03-31" and report["offset"] == "1"
    assert "ym:s:lastTrafficSource" in report["dimensions"].split(",")


def test_a_server_that_sends_fewer_rows_than_the_limit_loses_none(hub, fake):
    with make_client() as http:
        whole = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        full = whole.fetch(PROMO_ACCOUNT, MARCH, no_progress).frames["web"]
        fake.max_limit = 40  # answers at most 40 rows, whatever limit was asked for
        fake.requests.clear()
        capped = make_connector(hub, credentials(fake.issue_token()), http, FakeClock(), page_limit=100)
        result = capped.fetch(PROMO_ACCOUNT, MARCH, no_progress).frames["web"]
    offsets = [int(r["params"]["offset"]) for r in fake.api_requests()
               if r["params"]["metrics"] == "ym:s:visits,ym:s:users"]  # fmt: skip
    assert offsets[:3] == [1, 41, 81]
    assert result.equals(full)


def test_metric_values_as_strings_over_http_give_the_same_report(hub, fake):
    with make_client() as http:
        whole = make_connector(hub, credentials(fake.issue_token()), http, FakeClock())
        full = whole.fetch(PROMO_ACCOUNT, MARCH, no_progress).frames["web"]

        def as_strings(body: dict) -> dict:
            for row in body["data"]:
                row["metrics"] = [str(v) for v in row["metrics"]]
            return {**body, "total_rows": str(body["total_rows"]), "sampled": str(body["sampled"]).lower()}

        fake.mangle = as_strings
        result = make_connector(hub, credentials(fake.issue_token()), http, FakeClock()).fetch(
            PROMO_ACCOUNT, MARCH, no_progress
        )
    assert result.frames["web"].equals(full) and not any("sampled" in str(n) for n in result.not_supported)


def test_an_html_502_page_is_retried_and_a_lasting_one_is_a_clear_retryable_error(hub, fake):
    clock = FakeClock()
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, clock, max_retries=3)
        fake.outage = [(502, "text/html", HTML_502)]
        assert connector.fetch_goals(str(SHOP)).shape[0] == 6 and len(clock.slept) == 1
        fake.outage = [(502, "text/html", HTML_502)] * 5
        with pytest.raises(TransientError, match="HTTP 502") as error:
            connector.fetch_goals(str(SHOP))
    assert error.value.hint == "retry" and "<html" not in str(error.value)


def test_a_503_with_retry_after_waits_that_long(hub, fake):
    clock = FakeClock()
    with make_client() as http:
        connector = make_connector(hub, credentials(fake.issue_token()), http, clock)
        fake.throttle, fake.retry_after = [503], "9"  # a 503 in Metrica's envelope with Retry-After: 9
        assert connector.fetch_goals(str(SHOP)).shape[0] == 6
    assert clock.slept == [9.0]
