"""VK: pure parsing of documented payload shapes, and the connector over real HTTP against the VK fake."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from smmkpi.sources import vk
from smmkpi.sources.base import (
    AuthExpired,
    Credentials,
    PermissionDenied,
    RateLimited,
    SourceAccount,
    SourceError,
    SyncWindow,
)
from smmkpi.sources.http import RateLimiter, TransientError, make_client
from tests.fakes.server import FakeClock, run_fakes
from tests.fakes.vk import COMMUNITY_TOKEN_PREFIX, LEGACY_USER_TOKEN

MSK = ZoneInfo("Europe/Moscow")
TODAY = dt.date(2026, 3, 31)
MARCH = SyncWindow(dt.date(2026, 3, 1), TODAY)
COFFEE = SourceAccount(external_id="501", name="Кофейня «Зерно»", handle="zerno_coffee", network="vk")


def stamp(day: dt.date, hour: int = 0) -> int:
    return int(dt.datetime.combine(day, dt.time(hour), MSK).timestamp())


# --------------------------------------------------------------------------------------------------
# Parsing


@pytest.mark.parametrize(
    ("code", "error", "detail"),
    [
        (6, RateLimited, "error 6"),
        (9, RateLimited, "error 9"),
        (29, RateLimited, "error 29"),
        (5, AuthExpired, "error 5"),
        (15, PermissionDenied, "administrator of the community"),
        (30, PermissionDenied, "private"),
        (27, PermissionDenied, "community token"),
        (10, TransientError, "error 10"),
        (100, SourceError, "error 100"),
    ],
)
def test_errors_inside_http_200_map_to_what_the_user_must_do(code, error, detail):
    payload = {
        "error": {
            "error_code": code,
            "error_msg": "message from VK",
            "request_params": [{"key": "method", "value": "stats.get"}],
        }
    }
    with pytest.raises(error) as raised:
        vk.parse_envelope(payload, method="stats.get")
    assert type(raised.value) is error and detail in str(raised.value)
    if code == 29:  # a daily quota: back-off must give up rather than sleep for an hour
        assert raised.value.retry_after >= 3600


def test_error_code_as_a_string_and_a_plain_response():
    with pytest.raises(AuthExpired):
        vk.parse_envelope({"error": {"error_code": "5", "error_msg": "User authorization failed"}})
    assert vk.parse_envelope({"response": [1, 2]}) == [1, 2]
    with pytest.raises(SourceError):
        vk.parse_envelope({"something": 1})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (12, 12),
        ("1234", 1234),
        (" 7 ", 7),
        ("12.0", 12),
        (None, None),
        ("", None),
        ("n/a", None),
        (True, None),
        (3.0, 3),
    ],
)
def test_vk_numbers_may_be_strings(raw, expected):
    assert vk.to_int(raw) == expected


def test_stats_get_days_with_string_numbers_and_a_missing_section_is_null_not_zero():
    day1, day2 = dt.date(2026, 3, 30), dt.date(2026, 3, 31)
    response = [  # VK lists the newest period first
        {
            "period_from": stamp(day2),
            "period_to": stamp(day2) + 86400,
            "visitors": {"views": "532", "visitors": 310},
            "activity": {"subscribed": 25, "unsubscribed": "7"},
        },
        {
            "period_from": stamp(day1),
            "period_to": stamp(day1) + 86400,
            "visitors": {"views": 500, "visitors": 300, "sex": [{"value": "f", "count": 170}]},
            "reach": {"reach": 4100, "reach_subscribers": 2900},
            "activity": {"likes": 120, "copies": 9},
        },
    ]
    frame = vk.parse_stats(response, account="zerno_coffee", zone=MSK).set_index("date")
    assert list(frame.index) == [day2, day1]
    assert frame.loc[day2, "profile_visits"] == 532 and frame.loc[day2, "followers_lost"] == 7
    assert pd.isna(frame.loc[day2, "reach"])  # no reach section that day: not reported
    assert frame.loc[day1, "reach"] == 4100
    assert pd.isna(frame.loc[day1, "followers_gained"])  # activity without subscribed
    assert set(frame["network"]) == {"vk"} and "views" not in frame  # VK has no daily impressions


def test_stats_outside_the_window_are_dropped():
    response = [{"period_from": stamp(dt.date(2026, 2, 28)), "reach": {"reach": 1}}]
    assert vk.parse_stats(response, account="a", zone=MSK, window=MARCH).empty


def test_wall_items_become_posts_of_the_window_with_public_counters():
    items = [
        {
            "id": 1,
            "owner_id": -501,
            "date": stamp(dt.date(2026, 1, 1), 9),
            "is_pinned": 1,
            "likes": {"count": 1},
        },
        {
            "id": 4567,
            "owner_id": -501,
            "from_id": -501,
            "date": stamp(dt.date(2026, 3, 5), 12),
            "post_type": "post",
            "likes": {"count": "120", "user_likes": 0},
            "comments": {"count": 14},
            "views": {"count": 5300},
            "reposts": {"count": 9, "wall_count": 7, "mail_count": 2},
            "marked_as_ads": 1,
            "attachments": [{"type": "video", "video": {"type": "short_video"}}],
        },
        {
            "id": 4568,
            "owner_id": -501,
            "date": stamp(dt.date(2026, 3, 6), 8),
            "attachments": [{"type": "poll"}],
        },
    ]
    posts = vk.parse_wall_items(items, account="zerno_coffee", zone=MSK, window=MARCH).set_index("post_id")
    assert list(posts.index) == ["4567", "4568"]  # the pinned January post is outside the window
    post = posts.loc["4567"]
    assert (post.likes, post.comments, post.shares, post.views) == (120, 14, 9, 5300)
    assert post.format == "clip" and bool(post.is_promoted) is True
    assert post.url == "https://vk.com/wall-501_4567"
    assert post.published_at == dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)
    second = posts.loc["4568"]
    assert second.format == "poll" and pd.isna(second.views) and pd.isna(second.likes)  # not reported


def test_post_reach_and_link_clicks():
    response = [
        {"post_id": 4567, "reach_subscribers": 2900, "reach_total": "4100", "links": 37},
        {"post_id": "4568", "reach_total_count": 10},
    ]
    assert vk.parse_post_reach(response) == {
        "4567": {"reach": 4100, "link_clicks": 37},
        "4568": {"reach": 10, "link_clicks": None},
    }


def test_comments_are_interactions_answered_when_the_community_replied_in_the_thread():
    t = stamp(TODAY, 10)
    items = [
        {
            "id": 1,
            "from_id": 2001,
            "date": t,
            "thread": {"count": 1, "items": [{"id": 2, "from_id": -501, "date": t + 600}]},
        },
        {"id": 3, "from_id": 2002, "date": t + 60, "thread": {"count": 0, "items": []}},
        {"id": 4, "from_id": -501, "date": t + 120},  # the community's own comment is not incoming
        {"id": 5, "from_id": 2003, "date": t + 180, "deleted": True},
        {"id": 6, "from_id": 2004, "date": t + 240, "thread": {"count": 12, "items": []}},
    ]
    rows = vk.parse_comments(
        items, group_id=501, owner_id=-501, post_id="77", replies={6: [{"from_id": -501, "date": t + 3600}]}
    )
    by_id = {r["interaction_id"]: r for r in rows}
    assert set(by_id) == {"wall-501_77_c1", "wall-501_77_c3", "wall-501_77_c6"}
    assert by_id["wall-501_77_c1"]["answered_at"] - by_id["wall-501_77_c1"]["received_at"] == dt.timedelta(
        minutes=10
    )
    assert by_id["wall-501_77_c3"]["answered_at"] is None
    assert by_id["wall-501_77_c6"]["answered_at"] == dt.datetime.fromtimestamp(t + 3600, dt.UTC)
    assert vk.needs_thread(items[4], group_id=501) and not vk.needs_thread(items[0], group_id=501)


def test_groups_responses_old_and_new_shapes_and_references():
    new = {
        "groups": [{"id": 1, "name": "VK API", "screen_name": "apiclub", "members_count": "1234567"}],
        "profiles": [],
    }
    assert vk.parse_groups(new)[0]["id"] == 1
    assert vk.parse_groups([{"id": 2}])[0]["id"] == 2
    assert vk.parse_groups({"count": 1, "items": [{"id": 3}]})[0]["id"] == 3
    account = vk.group_account(new["groups"][0])
    assert (account.external_id, account.handle, account.details["members_count"]) == (
        "1",
        "apiclub",
        "1234567",
    )
    assert vk.group_account({"id": 5, "name": "x"}).handle == "club5"
    for text, ref in [
        ("https://vk.com/club123", "123"),
        ("public45", "45"),
        ("vk.ru/coffee", "coffee"),
        ("77", "77"),
    ]:
        assert vk.group_reference(text) == ref
    with pytest.raises(SourceError):
        vk.group_reference("not a link at all!")


# --------------------------------------------------------------------------------------------------
# The connector against the fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock):
    with run_fakes("vk", clock=clock, vk={"today": TODAY}) as hub:
        yield hub


def connector(
    fake, clock, credentials: Credentials, refreshed: list | None = None, **settings
) -> vk.VkConnector:
    environ = {**fake.env(), **{f"SMMKPI_VK_{k.upper()}": str(v) for k, v in settings.items()}}
    return vk.VkConnector(
        vk.VkConnector.load_config(environ=environ),
        credentials,
        http=make_client(),
        sleep=clock.sleep,
        clock=clock,
        today=TODAY,
        on_token_refresh=(refreshed.append if refreshed is not None else None),
    )


def user_credentials(fake, **kwargs) -> Credentials:
    access, refresh = fake["vk"].issue_user_token(**kwargs)
    return Credentials(access, refresh, kind="user", extra={"device_id": "fake-device"})


def test_user_and_community_tokens_are_told_apart(fake, clock):
    user = connector(fake, clock, vk.VkConnector.credentials_from_token(LEGACY_USER_TOKEN))
    assert user.check_token().kind == "user" and user.whoami() == "Анна Петрова"
    assert [a.handle for a in user.list_accounts()] == ["zerno_coffee", "club502"]  # where she is an admin

    community = connector(
        fake, clock, vk.VkConnector.credentials_from_token(f"{COMMUNITY_TOKEN_PREFIX}501-token")
    )
    credentials = community.check_token()
    assert credentials.kind == "community" and credentials.extra["external_id"] == "club501"
    assert community.whoami() == "Кофейня «Зерно»"
    assert [a.handle for a in community.list_accounts()] == ["zerno_coffee"]
    assert community._rate().interval == pytest.approx(1 / 20)  # 20 requests per second for a community
    assert user._rate().interval == pytest.approx(1 / 3)


def test_a_month_of_a_community_over_http(fake, clock):
    c = connector(fake, clock, user_credentials(fake))
    result = c.fetch(COFFEE, MARCH, lambda fraction, message: None)
    daily = result.frames["daily"]
    assert len(daily) == 31 and daily["reach"].notna().all() and "followers" not in daily
    assert result.snapshots["daily"].to_dict("records") == [
        {"date": TODAY, "network": "vk", "account": "zerno_coffee", "followers": 12840}
    ]
    posts = result.frames["posts"]
    assert len(posts) == 31 and "reach" not in posts  # reach comes as a snapshot (only for 300 posts)
    assert set(result.snapshots["posts"]["post_id"]) == set(posts["post_id"])
    interactions = result.frames["interactions"]
    assert len(interactions) == int(posts["comments"].sum())
    assert interactions["answered_at"].notna().any() and interactions["answered_at"].isna().any()
    assert result.not_supported == []
    # the largest pages VK allows, and post reach in batches of at most 30
    assert {p["count"] for p in fake["vk"].called("wall.get")} == {"100"}
    assert all(len(p["post_ids"].split(",")) <= 30 for p in fake["vk"].called("stats.getPostReach"))
    assert {p["count"] for p in fake["vk"].called("wall.getComments")} == {"100"}
    stats = fake["vk"].called("stats.get")[0]
    assert stats["interval"] == "day" and stats["group_id"] == "501"
    assert int(stats["timestamp_from"]) == stamp(MARCH.since)


def test_long_threads_are_fetched_to_find_the_communitys_answer(fake, clock):
    c = connector(fake, clock, user_credentials(fake))
    result = c.fetch(COFFEE, MARCH, lambda fraction, message: None)
    threads = [p for p in fake["vk"].called("wall.getComments") if p.get("comment_id")]
    assert threads  # the fake's third comment has 12 replies, the community's is not inline
    answered = result.frames["interactions"].set_index("interaction_id")["answered_at"]
    parent = threads[0]["comment_id"]
    key = next(i for i in answered.index if i.endswith(f"_c{parent}"))
    assert pd.notna(answered[key])


def test_the_client_side_limiter_keeps_under_three_requests_a_second(fake, clock):
    c = connector(fake, clock, user_credentials(fake))
    c.fetch(COFFEE, MARCH, lambda fraction, message: None)
    assert fake["vk"].rate_limited == 0 and c.requests > 10
    assert clock.slept and max(clock.slept) <= 1 / 3 + 1e-9  # only the limiter slept, never for real


def test_without_the_limiter_vk_says_6_and_back_off_recovers(fake, clock):
    c = connector(fake, clock, user_credentials(fake), rate_user=1000)
    result = c.fetch(COFFEE, MARCH, lambda fraction, message: None)
    assert fake["vk"].rate_limited > 0  # the fake enforced 3/s on the shared clock
    assert len(result.frames["daily"]) == 31 and not result.not_supported


def test_rate_limit_errors_back_off_and_resume(fake, clock):
    fake["vk"].fail("stats.get", 6, times=2)
    fake["vk"].fail("wall.get", 9, times=1)
    c = connector(fake, clock, user_credentials(fake))
    result = c.fetch(COFFEE, MARCH, lambda fraction, message: None)
    assert len(result.frames["daily"]) == 31
    assert len(fake["vk"].called("stats.get")) == 3
    assert sum(1 for s in clock.slept if s >= 0.75) >= 3  # three back-off waits (≥ 0.75 s), on the fake clock


def test_daily_quota_29_gives_up_instead_of_sleeping_for_hours(fake, clock):
    fake["vk"].fail("groups.getById", 29, times=10)
    c = connector(fake, clock, user_credentials(fake))
    with pytest.raises(RateLimited, match="error 29"):
        c.call("groups.getById", group_id=501)
    assert sum(clock.slept) < 60


def test_an_expired_access_token_is_refreshed_once_and_persisted(fake, clock):
    refreshed: list[Credentials] = []
    credentials = user_credentials(fake)
    c = connector(fake, clock, credentials, refreshed)
    fake["vk"].expire_access_tokens()
    result = c.fetch(COFFEE, MARCH, lambda fraction, message: None)
    assert len(refreshed) == 1 and refreshed[0].refresh_token != credentials.refresh_token
    assert c.credentials is refreshed[0] and len(result.frames["daily"]) == 31


def test_refresh_ahead_of_expiry(fake, clock):
    refreshed: list[Credentials] = []
    credentials = user_credentials(fake)
    credentials.expires_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=10)  # about to expire
    connector(fake, clock, credentials, refreshed).call("users.get")
    assert len(refreshed) == 1


def test_expired_token_without_a_refresh_is_auth_expired(fake, clock):
    credentials = user_credentials(fake)
    fake["vk"].expire_access_tokens()
    fake["vk"].revoke_refresh_tokens()
    with pytest.raises(AuthExpired):
        connector(fake, clock, credentials).fetch(COFFEE, MARCH, lambda fraction, message: None)


def test_a_refused_metric_is_not_supported_not_a_failure(fake, clock):
    fake["vk"].deny("stats.getPostReach", 15)
    result = connector(fake, clock, user_credentials(fake)).fetch(
        COFFEE, MARCH, lambda fraction, message: None
    )
    assert "posts" not in result.snapshots and len(result.frames["posts"]) == 31
    assert any(
        note.startswith("post reach:") and "administrator" in note for note in map(str, result.not_supported)
    )


def test_a_community_token_gets_followers_and_messages_and_a_note_for_the_rest(fake, clock):
    c = connector(fake, clock, Credentials(f"{COMMUNITY_TOKEN_PREFIX}501-token", kind="community"))
    result = c.fetch(COFFEE, MARCH, lambda fraction, message: None)
    assert result.snapshots["daily"]["followers"].tolist() == [12840]
    daily = result.frames["daily"]
    assert list(daily.columns) == ["date", "network", "account", "messages_in"] and len(daily) == 31
    messages = result.frames["interactions"]
    assert set(messages["kind"]) == {"message"} and int(daily["messages_in"].sum()) == len(messages)
    waits = (messages["answered_at"] - messages["received_at"]).dropna()
    assert 0 < len(waits) <= len(messages) and (waits >= dt.timedelta(minutes=20)).all()
    assert waits.mode()[0] == dt.timedelta(minutes=20)  # most are answered after 20 minutes, some days later
    assert "posts" not in result.frames and fake["vk"].called("stats.get") == []  # not even asked
    assert any("user token of a community administrator" in note for note in map(str, result.not_supported))
    assert {p["count"] for p in fake["vk"].called("messages.getHistory")} == {"200"}


def test_messages_of_a_conversation_are_answered_by_the_next_reply():
    t = stamp(dt.date(2026, 3, 10), 10)
    history = [  # newest first, as messages.getHistory sends them
        {"id": 4, "date": t + 7200, "out": 1, "from_id": -501},
        {"id": 3, "date": t + 3600, "out": "0", "from_id": 7},
        {"id": 2, "date": t + 600, "out": 1, "from_id": -501},
        {"id": 1, "date": t, "out": 0, "from_id": 7},
        {"id": 0, "date": stamp(dt.date(2026, 2, 27), 10), "out": 0, "from_id": 7},  # before the window
    ]
    rows, per_day = vk.parse_messages(history, peer_id=7, zone=MSK, window=MARCH)
    assert per_day == {dt.date(2026, 3, 10): 2}
    waits = {r["interaction_id"]: r["answered_at"] - r["received_at"] for r in rows}
    assert waits == {"msg7_1": dt.timedelta(minutes=10), "msg7_3": dt.timedelta(hours=1)}


def test_post_reach_only_for_the_latest_300_posts(fake, clock):
    old = SyncWindow(dt.date(2025, 3, 1), dt.date(2025, 3, 31))  # posts 365–395 days back
    result = connector(fake, clock, user_credentials(fake)).fetch(COFFEE, old, lambda fraction, message: None)
    assert len(result.frames["posts"]) == 31 and "posts" not in result.snapshots
    assert any("latest 300 posts" in note for note in map(str, result.not_supported))
    assert fake["vk"].called("stats.getPostReach") == []
    assert {p["offset"] for p in fake["vk"].called("wall.get")} == {"0", "100", "200", "300"}  # paged back


def test_resolve_account_by_link(fake, clock):
    c = connector(fake, clock, user_credentials(fake))
    assert c.resolve_account("https://vk.com/zerno_coffee").external_id == "501"
    assert c.resolve_account("club502").handle == "club502"


def test_rate_limiter_spaces_requests_on_an_injected_clock():
    clock = FakeClock(start=0.0)
    limiter = RateLimiter(3, clock=clock, sleep=clock.sleep)
    for _ in range(4):
        limiter.wait()
    assert clock.slept == pytest.approx([1 / 3] * 3) and clock() == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------------
# Documented variations of VK's answers (issue 4): numbers as strings, no totals, proxy error pages

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"


def _summary(result) -> tuple:
    daily = result.frames["daily"].to_dict("records")
    posts = result.frames["posts"].to_dict("records")
    return daily, posts, result.snapshots["daily"].to_dict("records"), len(result.frames["interactions"])


def test_every_number_as_a_string_gives_the_same_month(fake, clock):
    plain = connector(fake, clock, user_credentials(fake)).fetch(COFFEE, MARCH, lambda f, m: None)
    fake["vk"].string_numbers = True
    strings = connector(fake, clock, user_credentials(fake)).fetch(COFFEE, MARCH, lambda f, m: None)
    assert _summary(strings) == _summary(plain) and strings.not_supported == []
    assert strings.snapshots["posts"].equals(plain.snapshots["posts"])


def test_paged_answers_without_a_count_are_read_to_the_short_page(fake, clock):
    fake["vk"].omit_counts = True
    old = SyncWindow(dt.date(2025, 3, 1), dt.date(2025, 3, 31))  # needs four wall pages
    result = connector(fake, clock, user_credentials(fake)).fetch(COFFEE, old, lambda f, m: None)
    assert len(result.frames["posts"]) == 31
    assert {p["offset"] for p in fake["vk"].called("wall.get")} == {"0", "100", "200", "300"}
    user = connector(fake, clock, vk.VkConnector.credentials_from_token(LEGACY_USER_TOKEN))
    assert [a.handle for a in user.list_accounts()] == ["zerno_coffee", "club502"]


def test_a_pinned_flag_sent_as_a_string_zero_is_not_pinned():
    assert vk._pinned({"is_pinned": "1"}) and vk._pinned({"is_pinned": True})
    assert not vk._pinned({"is_pinned": "0"}) and not vk._pinned({"is_pinned": 0}) and not vk._pinned({})


def test_last_page_follows_the_stated_total_else_a_short_page():
    assert vk._last_page({"count": "250", "items": []}, [{}] * 100, 200, 100) is False
    assert vk._last_page({"count": 250}, [{}] * 50, 250, 100) is True
    assert vk._last_page({"items": []}, [{}] * 100, 100, 100) is False  # no total: a full page goes on
    assert vk._last_page({"items": []}, [{}] * 7, 107, 100) is True
    assert vk._last_page({"count": 999}, [], 0, 100) is True  # an empty page always ends
    assert vk._last_page({"count": 30, "current_level_count": 3}, [{}] * 3, 3, 100,
                         total_key="current_level_count") is True  # fmt: skip


@pytest.mark.parametrize(
    ("status", "content_type", "body"),
    [(502, "text/html", HTML_502), (503, "text/plain", "Service Unavailable"), (200, "text/html", HTML_502)],
)
def test_a_proxy_error_page_is_retried_not_a_json_traceback(fake, clock, status, content_type, body):
    fake["vk"].api_outage.append((status, content_type, body))
    c = connector(fake, clock, user_credentials(fake))
    groups = c.call("groups.getById", group_id=501, fields="members_count")
    assert vk.parse_groups(groups)[0]["id"] == 501 and len(fake["vk"].called("groups.getById")) == 2


def test_a_proxy_error_page_that_persists_is_a_clear_retryable_error(fake, clock):
    fake["vk"].api_outage.extend([(502, "text/html", HTML_502)] * 10)
    c = connector(fake, clock, user_credentials(fake), max_attempts=3)
    with pytest.raises(TransientError, match="HTTP 502") as error:
        c.call("groups.getById", group_id=501)
    assert error.value.hint == "retry" and "<html" not in str(error.value)


def test_retry_after_in_seconds_or_as_an_http_date():
    from smmkpi.sources.http import retry_after_seconds

    now = dt.datetime(2026, 3, 31, 12, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("5") == 5.0 and retry_after_seconds(" 2.5 ") == 2.5
    assert retry_after_seconds("Tue, 31 Mar 2026 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Tue, 31 Mar 2026 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_a_community_token_is_recognised_when_users_get_answers_error_100(fake, clock):
    fake["vk"].fail("users.get", 100)
    c = connector(fake, clock, vk.VkConnector.credentials_from_token(f"{COMMUNITY_TOKEN_PREFIX}501-token"))
    assert c.check_token().kind == "community"
