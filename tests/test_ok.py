"""Odnoklassniki: the request signature, parsing of documented payloads, and the connector over real HTTP.

The signature is checked on the documented-style example (api-notes §2.2). Connector tests run against
tests/fakes/ok.py on 127.0.0.1, which verifies every ``sig`` the connector sends.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import httpx
import pandas as pd
import pytest

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
from smmkpi.sources.ok import (
    OkConnector,
    error_from,
    ms_range,
    parse_group_info,
    parse_topics,
    parse_trends,
    raise_for_error,
    secret_key,
    signature,
    window_chunks,
)
from tests.fakes.server import FakeClock, run_fakes

MSK = ZoneInfo("Europe/Moscow")
MARCH = SyncWindow(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
KEDR = "54321000000001"


def no_progress(fraction: float, message: str) -> None:
    assert 0.0 <= fraction <= 1.0


# --------------------------------------------------------------------------------------------------
# Signature (apiok.ru/dev/methods: sorted key=value pairs + md5(access_token + application secret key))

DOC_APP_KEY = "ABCDEFGHIGKLMNOPK"
DOC_APP_SECRET = "ABC123DEF456GHI789JKL123"
DOC_TOKEN = "-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7"


def test_signature_matches_the_documented_example():
    assert secret_key(access_token=DOC_TOKEN, application_secret_key=DOC_APP_SECRET) == (
        "b1a2b89707a94624c43afae67d59274c"
    )
    params = {
        "method": "events.get",
        "format": "json",
        "application_key": DOC_APP_KEY,
        "access_token": DOC_TOKEN,
    }
    assert signature(params, access_token=DOC_TOKEN, application_secret_key=DOC_APP_SECRET) == (
        "232c8eb921951c4dba9b72606f9ddb4c"
    )


def test_signature_ignores_token_session_key_and_sig_and_uses_a_session_secret_when_given():
    base = {"method": "group.getInfo", "uids": "1,2", "fields": "UID,NAME", "application_key": DOC_APP_KEY}
    with_extras = {**base, "access_token": "x", "session_key": "y", "sig": "z"}
    assert signature(base, access_token=DOC_TOKEN, application_secret_key=DOC_APP_SECRET) == signature(
        with_extras, access_token=DOC_TOKEN, application_secret_key=DOC_APP_SECRET
    )
    by_session = signature(base, access_token=DOC_TOKEN, application_secret_key=DOC_APP_SECRET,
                           session_secret_key="0123456789abcdef")  # fmt: skip
    assert by_session != signature(base, access_token=DOC_TOKEN, application_secret_key=DOC_APP_SECRET)
    assert len(by_session) == 32 and by_session == by_session.lower()


# --------------------------------------------------------------------------------------------------
# Parsing


def ms(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(), MSK).timestamp() * 1000)


def test_trends_become_daily_rows_with_numbers_as_strings_and_gaps_as_null():
    payload = {
        "members_count": [{"time": ms(dt.date(2026, 3, 1)), "value": 10234}, {"time": ms(dt.date(2026, 3, 2)), "value": "10250"}],
        "new_members": [{"time": ms(dt.date(2026, 3, 1)), "value": 20}],
        "reach": [{"time": str(ms(dt.date(2026, 3, 2))), "value": 5123}],
        "renderings": [{"time": ms(dt.date(2026, 3, 1)), "value": 7000}],
        "complaints": [{"time": ms(dt.date(2026, 3, 1)), "value": 1}],  # not a canonical column: ignored
    }  # fmt: skip
    daily = parse_trends(payload, account="kedr", zone=MSK).set_index("date")
    assert list(daily.columns) == ["network", "account", "followers", "followers_gained", "followers_lost",
                                   "reach", "views", "profile_visits", "link_clicks"]  # fmt: skip
    assert daily.loc[dt.date(2026, 3, 2), "followers"] == 10250
    assert daily.loc[dt.date(2026, 3, 1), "followers_gained"] == 20
    assert pd.isna(daily.loc[dt.date(2026, 3, 2), "followers_gained"])  # not reported that day: NULL, not 0
    assert pd.isna(daily.loc[dt.date(2026, 3, 1), "reach"])
    assert daily.loc[dt.date(2026, 3, 1), "views"] == 7000
    assert set(daily["network"]) == {"ok"}


def test_trend_days_are_moscow_days_even_for_midnight_utc_timestamps():
    utc_midnight = int(dt.datetime(2026, 3, 5, tzinfo=dt.UTC).timestamp() * 1000)  # 03:00 in Moscow
    daily = parse_trends(
        {"reach": [{"time": utc_midnight, "value": 1}]}, account="a", zone=MSK, fields=["REACH"]
    )
    assert list(daily["date"]) == [dt.date(2026, 3, 5)]
    assert list(daily.columns) == ["date", "network", "account", "reach"]


def test_topics_become_posts_with_likes_comments_and_reshares():
    created = ms(dt.date(2026, 3, 3)) + 12 * 3_600_000
    payload = {"topics": [{"id": "155113", "created_ms": str(created), "reach": 3100, "renderings": "4200",
                           "likes": 57, "comments": 4, "reshares": 9, "link_clicks": 12}],
               "anchor": "MTU1MTEz", "has_more": True, "totalCount": 57}  # fmt: skip
    rows, anchor, more = parse_topics(payload, account="kedr", gid=KEDR)
    assert (anchor, more) == ("MTU1MTEz", True)
    post = rows[0]
    assert post["post_id"] == "155113" and post["url"] == f"https://ok.ru/group/{KEDR}/topic/155113"
    assert post["published_at"] == dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC)  # 12:00 in Moscow
    assert (post["reach"], post["views"], post["likes"], post["comments"], post["shares"], post["link_clicks"]) == (
        3100, 4200, 57, 4, 9, 12,
    )  # fmt: skip


def test_group_info_in_a_wrapper_or_a_bare_list():
    wrapped = parse_group_info({"groups": [{"uid": "42", "name": "Кедр", "members_count": "20000"}]})
    bare = parse_group_info([{"uid": "42", "name": "Кедр", "members_count": 20000}])
    assert wrapped == bare
    assert wrapped[0].details == {"members_count": "20000"} and wrapped[0].network == "ok"


@pytest.mark.parametrize(
    ("code", "error"),
    [(102, AuthExpired), (103, AuthExpired), (10, PermissionDenied), (50, PermissionDenied), (8, RateLimited),
     (11, RateLimited), (2, TransientError), (100, NotSupported), (3, NotSupported), (104, SourceError),
     (101, SourceError)],
)  # fmt: skip
def test_error_codes_inside_http_200_map_to_base_errors(code, error):
    assert type(error_from(code, "x")) is error
    with pytest.raises(error):
        raise_for_error({"error_code": str(code), "error_data": None, "error_msg": "PARAM : x"})


def test_a_signature_error_says_which_setting_to_check():
    assert "SMMKPI_OK_CLIENT_SECRET" in error_from(104, "PARAM_SIGNATURE : Invalid signature").hint


def test_windows_are_cut_and_turned_into_moscow_milliseconds():
    assert window_chunks(SyncWindow(dt.date(2026, 1, 1), dt.date(2026, 3, 3)), 31) == [
        SyncWindow(dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        SyncWindow(dt.date(2026, 2, 1), dt.date(2026, 3, 3)),
    ]
    start, end = ms_range(SyncWindow(dt.date(2026, 3, 1), dt.date(2026, 3, 1)), MSK)
    assert start == ms(dt.date(2026, 3, 1)) and end == ms(dt.date(2026, 3, 2)) - 1


# --------------------------------------------------------------------------------------------------
# The connector against the fake


@pytest.fixture
def hub():
    with run_fakes("ok") as running:
        yield running


@pytest.fixture
def fake(hub):
    return hub["ok"]


def make_connector(hub, token: dict, http, clock, refreshed=None, today=dt.date(2026, 3, 31), **settings):
    environ = {**hub.env(), **{f"SMMKPI_OK_{k.upper()}": str(v) for k, v in settings.items()}}
    connector = OkConnector(
        OkConnector.load_config(environ=environ), oauth.credentials_from_token(token), http=http,
        sleep=clock.sleep, clock=clock, on_token_refresh=refreshed.append if refreshed is not None else None,
        today=today,
    )  # fmt: skip
    return connector


def test_groups_the_user_runs_are_listed_across_pages(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock(), page_size=1)
        accounts = connector.list_accounts()
        assert connector.whoami() == "Анна Петрова"
    assert [(a.external_id, a.name) for a in accounts] == [
        ("54321000000001", "Мебель «Кедр» на заказ"),
        ("54321000000002", "Кедр: идеи для дома"),
    ]  # the group where the user is only a member is left out
    assert accounts[0].url == "https://ok.ru/group/54321000000001"
    assert sum(1 for c in fake.calls if c["method"] == "group.getUserGroupsV2") == 3


def test_fetch_daily_stats_posts_and_todays_members(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock(), page_size=7)
        account = connector.resolve_account(f"https://ok.ru/group/{KEDR}/")
        result = connector.fetch(account, MARCH, no_progress)
    daily = result.frames["daily"].set_index("date")
    trends = fake.trends(KEDR)
    assert list(daily.index) == [MARCH.since + dt.timedelta(days=i) for i in range(31)]
    for day in (dt.date(2026, 3, 1), dt.date(2026, 3, 5), dt.date(2026, 3, 31)):  # the 5th comes as strings
        assert daily.loc[day, "followers"] == trends[day]["members_count"]
        assert daily.loc[day, "followers_lost"] == trends[day]["left_members"]
        assert daily.loc[day, "views"] == trends[day]["renderings"]
    assert set(daily["account"]) == {KEDR}
    posts = result.frames["posts"]
    in_march = [t for t in fake.topics(KEDR) if ms(MARCH.since) <= t["created_ms"] < ms(dt.date(2026, 4, 1))]
    assert len(posts) == len(in_march) > 7  # paged with anchor/has_more
    assert posts["likes"].sum() == sum(t["likes"] for t in in_march)
    assert posts["shares"].sum() == sum(t["reshares"] for t in in_march)
    assert result.snapshots["daily"].to_dict("records") == [
        {"date": dt.date(2026, 3, 31), "network": "ok", "account": KEDR, "followers": 20_000}
    ]
    assert result.not_supported == []
    assert all("sig" in c and "access_token" in c for c in fake.calls)


def test_a_statistic_ok_refuses_is_noted_and_the_rest_is_kept(hub, fake):
    fake.refuse_fields = {"PAGE_VISITS"}
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock())
        result = connector.fetch(SourceAccount(KEDR, "Кедр", KEDR, network="ok"), MARCH, no_progress)
    daily = result.frames["daily"]
    assert "profile_visits" not in daily.columns  # left out, so nothing stored is blanked
    assert daily["reach"].notna().all() and len(daily) == 31
    assert list(map(str, result.not_supported)) == [
        "profile_visits: OK refused the statistic PAGE_VISITS — not supported"
    ]


def test_a_post_statistic_ok_refuses_is_left_out_and_noted(hub, fake):
    fake.refuse_topic_fields = {"LINK_CLICKS"}
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock())
        result = connector.fetch(SourceAccount(KEDR, "Кедр", KEDR, network="ok"), MARCH, no_progress)
    posts = result.frames["posts"]
    assert "link_clicks" not in posts.columns and posts["likes"].notna().all() and len(posts) > 0
    assert list(map(str, result.not_supported)) == [
        "posts.link_clicks: OK refused the post statistic LINK_CLICKS — not supported"
    ]


def test_a_server_that_takes_only_get_works_and_the_token_stays_out_of_logs(hub, fake, caplog):
    caplog.set_level(logging.INFO)
    fake.post_allowed = False
    token = fake.issue_token()
    with make_client() as http:
        connector = make_connector(hub, token, http, FakeClock())
        assert connector.whoami() == "Анна Петрова"
        assert len(connector.list_accounts()) == 2
    assert fake.calls and all(c["method"] for c in fake.calls)
    assert "access_token=***" in caplog.text
    assert token["access_token"] not in caplog.text


def test_not_an_administrator_is_a_permission_problem(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock())
        with pytest.raises(PermissionDenied) as raised:
            connector.fetch(SourceAccount("54321000000003", "Любители", "54321000000003", network="ok"), MARCH,
                            no_progress)  # fmt: skip
    assert "administrator" in raised.value.hint


def test_flood_limits_back_off_without_sleeping(hub, fake):
    clock = FakeClock()
    fake.throttle = [8, 11]
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, clock)
        assert connector.whoami() == "Анна Петрова"
    assert len(clock.slept) == 2


def test_expired_session_is_refreshed_during_a_sync(hub, fake):
    token = fake.issue_token()
    refreshed: list[Credentials] = []
    with make_client() as http:
        connector = make_connector(hub, token, http, FakeClock(), refreshed)
        fake.expire_tokens()
        result = connector.fetch(SourceAccount(KEDR, "Кедр", KEDR, network="ok"), MARCH, no_progress)
    assert fake.refreshes == 1 and len(refreshed) == 1
    assert refreshed[0].access_token != token["access_token"]
    assert refreshed[0].refresh_token == token["refresh_token"]  # OK does not rotate it
    assert len(result.frames["daily"]) == 31


def test_revoked_access_needs_reauthorization(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock())
        fake.revoke_all()
        with pytest.raises(AuthExpired):
            connector.fetch(SourceAccount(KEDR, "Кедр", KEDR, network="ok"), MARCH, no_progress)


def test_a_wrong_secret_key_is_a_signature_error(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock(), client_secret="wrong")
        with pytest.raises(SourceError) as raised:
            connector.whoami()
    assert "104" in str(raised.value)


def test_oauth_consent_and_code_exchange(hub, fake):
    config = OkConnector.load_config(environ=hub.env())
    spec = OkConnector.oauth
    redirect = "http://127.0.0.1:8501/connections"
    pending = oauth.start(config, spec, redirect_uri=redirect)
    url = httpx.URL(pending.url)
    assert url.params["scope"] == "VALUABLE_ACCESS;LONG_ACCESS_TOKEN;GROUP_CONTENT"
    assert "code_challenge" not in url.params and url.params["layout"] == "w"
    with httpx.Client() as browser:
        assert "Разрешить" in browser.get(pending.url).text
        answer = browser.post(
            f"{fake.base_url}/oauth/decision", data={**dict(url.params), "decision": "allow"}
        )
    back = httpx.URL(answer.headers["location"])
    stored = oauth.StoredState(state=pending.state, verifier=pending.verifier, source="ok", workspace_id=1,
                               user=None, redirect_uri=redirect, expires_at=pending.expires_at)  # fmt: skip
    creds = oauth.exchange_code(config, spec, code=back.params["code"], stored=stored)
    assert creds.access_token in fake.access_tokens and creds.refresh_token in fake.refresh_tokens


# --------------------------------------------------------------------------------------------------
# OAuth through smmkpi.sync, then a sync into the database (SQLite and PostgreSQL) and the KPI report


def test_connect_by_oauth_sync_and_see_the_group_in_the_kpi_report(engine, hub, fake):
    from cryptography.fernet import Fernet

    from db import repo
    from db.session import session_scope
    from smmkpi import sync
    from smmkpi.query import KpiFilters, kpi_report

    today = dt.date(2026, 3, 31)
    clock = FakeClock()
    environ = {**hub.env(), "SMMKPI_SECRET_KEY": Fernet.generate_key().decode()}
    env = sync.SyncEnv(environ=environ, secrets={}, sleep=clock.sleep, clock=clock,
                       now=lambda: dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC),
                       options=sync.SyncOptions(lookback_days=7, initial_days=31, chunk_days=31))  # fmt: skip
    with session_scope(engine) as session:
        workspace_id = repo.ensure_workspace(session, name="Агентство").id
    redirect = "http://127.0.0.1:8501/connections"
    url = httpx.URL(sync.begin_authorization(engine, workspace_id=workspace_id, source="ok", redirect_uri=redirect,
                                             env=env))  # fmt: skip
    with httpx.Client() as browser:
        answer = browser.post(
            f"{fake.base_url}/oauth/decision", data={**dict(url.params), "decision": "allow"}
        )
    back = httpx.URL(answer.headers["location"])
    connected = sync.complete_authorization(engine, state=back.params["state"], code=back.params["code"],
                                            workspace_id=None, env=env)  # fmt: skip
    assert connected.connected_as == "Анна Петрова"
    groups = sync.list_source_accounts(engine, workspace_id=workspace_id, connection_id=connected.connection_id,
                                       env=env)  # fmt: skip
    kedr = [g for g in groups if g.external_id == KEDR]
    sync.track_accounts(engine, workspace_id=workspace_id, connection_id=connected.connection_id, accounts=kedr,
                        client="Кедр", today=today, env=env)  # fmt: skip
    outcome = sync.run_sync(engine, workspace_id=workspace_id, connection_id=connected.connection_id, today=today,
                            env=env)  # fmt: skip
    assert outcome.status == "ok", outcome.errors
    with session_scope(engine) as session:
        report = kpi_report(session, workspace_name="Агентство", filters=KpiFilters(client="Кедр"),
                            date_from=MARCH.since, date_to=MARCH.until)  # fmt: skip
    trends = fake.trends(KEDR)
    march_topics = [
        t for t in fake.topics(KEDR) if ms(MARCH.since) <= t["created_ms"] < ms(dt.date(2026, 4, 1))
    ]
    assert report["total"]["followers_end"] == 20_000  # today's live member count (the snapshot)
    assert report["total"]["followers_gained"] == sum(
        trends[d]["new_members"] for d in trends if d >= MARCH.since
    )
    assert report["total"]["reach"] == sum(trends[d]["reach"] for d in trends if d >= MARCH.since)
    assert report["total"]["posts"] == len(march_topics)
    assert report["total"]["engagements"] == sum(
        t["likes"] + t["comments"] + t["reshares"] for t in march_topics
    )
    assert report["total"]["messages_in"] is None  # OK does not report it: "—", never 0


# --------------------------------------------------------------------------------------------------
# Documented variations of OK's answers (issue 4): has_more as a string or left out, proxy error pages

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"


def _march_posts(fake) -> int:
    return len([t for t in fake.topics(KEDR) if ms(MARCH.since) <= t["created_ms"] < ms(dt.date(2026, 4, 1))])


def _topic_calls(fake) -> int:
    return sum(1 for c in fake.calls if c["method"] == "group.getStatTopics")


def test_has_more_is_read_also_as_a_string():
    assert parse_topics({"topics": [], "has_more": "false", "anchor": "x"}, account="k", gid=KEDR)[2] is False
    assert parse_topics({"topics": [], "has_more": "true", "anchor": "x"}, account="k", gid=KEDR)[2] is True
    assert parse_topics({"topics": [], "anchor": "x"}, account="k", gid=KEDR)[2] is None  # not stated


def test_a_string_false_has_more_with_an_anchor_ends_the_paging(hub, fake):
    def strings(body, next_offset):  # OK always sends an anchor; has_more as a string
        return {**body, "anchor": str(next_offset), "has_more": str(body["has_more"]).lower()}

    fake.mangle_topics = strings
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock(), page_size=7)
        posts = connector.fetch(SourceAccount(KEDR, "Кедр", KEDR, network="ok"), MARCH, no_progress).frames[
            "posts"
        ]
    pages = -(-_march_posts(fake) // 7)
    assert len(posts) == _march_posts(fake) and _topic_calls(fake) == pages  # no page after "false"


def test_without_has_more_the_total_count_decides(hub, fake):
    def no_flag(body, next_offset):
        body = {**body, "anchor": str(next_offset)}
        body.pop("has_more")
        return body

    fake.mangle_topics = no_flag
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock(), page_size=7)
        posts = connector.fetch(SourceAccount(KEDR, "Кедр", KEDR, network="ok"), MARCH, no_progress).frames[
            "posts"
        ]
    assert len(posts) == _march_posts(fake) > 7 and _topic_calls(fake) == -(-_march_posts(fake) // 7)


def test_an_empty_page_with_has_more_true_goes_on(hub, fake):
    def empty_first(body, next_offset):  # the first page's topics had no statistics: OK leaves them out
        return {**body, "topics": []} if next_offset == 7 else body

    fake.mangle_topics = empty_first
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, FakeClock(), page_size=7)
        posts = connector.fetch(SourceAccount(KEDR, "Кедр", KEDR, network="ok"), MARCH, no_progress).frames[
            "posts"
        ]
    assert len(posts) == _march_posts(fake) - 7


@pytest.mark.parametrize(
    ("status", "content_type", "body"), [(502, "text/html", HTML_502), (200, "text/html", HTML_502)]
)
def test_a_proxy_error_page_is_retried_not_a_json_traceback(hub, fake, status, content_type, body):
    clock = FakeClock()
    with make_client() as http:
        connector = make_connector(hub, fake.issue_token(), http, clock)
        fake.outage = [(status, content_type, body)]
        assert connector.whoami() == "Анна Петрова" and len(clock.slept) == 1
        fake.outage = [(status, content_type, body)] * 10
        with pytest.raises(TransientError) as error:
            connector.whoami()
    assert error.value.hint == "retry" and "<html" not in str(error.value)
