"""Telegram: Bot API envelopes, channel references, and the connector against a fake Bot API over HTTP."""

from __future__ import annotations

import datetime as dt
import logging

import httpx
import pytest

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
from smmkpi.sources.telegram import (
    INFO,
    NO_HISTORY_NOTE,
    NOT_VISIBLE_NOTE,
    TelegramConnector,
    chat_reference,
    error_from,
    parse_chat,
    parse_member_count,
    parse_result,
)
from tests.fakes.server import FakeClock, run_fakes
from tests.fakes.telegram import BOT_TOKEN, BOT_USERNAME

TODAY = dt.date(2026, 3, 31)


def no_progress(fraction: float, message: str) -> None:
    assert 0.0 <= fraction <= 1.0


# --------------------------------------------------------------------------------------------------
# Pure parts


def test_member_count_is_read_from_the_result_also_as_a_string():
    assert parse_member_count({"ok": True, "result": 12345}) == 12345
    assert parse_member_count({"ok": True, "result": "12345"}) == 12345
    with pytest.raises(SourceError):
        parse_member_count({"ok": True, "result": None})


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401, AuthExpired),
        ({"ok": False, "error_code": 404, "description": "Not Found"}, 404, AuthExpired),
        ({"ok": False, "error_code": 403, "description": "Forbidden: bot is not a member of the channel chat"}, 403,
         PermissionDenied),
        ({"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, 400, PermissionDenied),
        ({"ok": False, "error_code": 400, "description": "Bad Request: method is unavailable"}, 400, NotSupported),
        ({"ok": False, "error_code": 502, "description": "Bad Gateway"}, 502, TransientError),
        (None, 500, TransientError),
    ],
)  # fmt: skip
def test_error_envelopes_map_to_base_errors(body, status, error):
    with pytest.raises(error):
        parse_result(body, status)


def test_too_many_requests_carries_retry_after():
    error = error_from({"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 5",
                        "parameters": {"retry_after": 5}}, 429)  # fmt: skip
    assert isinstance(error, RateLimited) and error.retry_after == 5.0


@pytest.mark.parametrize(
    ("text", "chat_id"),
    [("@obzharka_news", "@obzharka_news"), ("obzharka_news", "@obzharka_news"),
     ("https://t.me/obzharka_news", "@obzharka_news"), ("t.me/s/obzharka_news/", "@obzharka_news"),
     ("-1001234567890", "-1001234567890"), (" @Kedr_Mebel_TG ", "@Kedr_Mebel_TG")],
)  # fmt: skip
def test_channels_are_named_by_at_name_link_or_id(text, chat_id):
    assert chat_reference(text) == chat_id


@pytest.mark.parametrize("text", ["", "@", "https://example.com/x", "кедр мебель"])
def test_something_else_is_not_a_channel(text):
    with pytest.raises(SourceError):
        chat_reference(text)


def test_a_channel_is_an_account_named_by_its_username_or_id():
    public = parse_chat({"ok": True, "result": {"id": -100123, "type": "channel", "title": "Новости",
                                                "username": "news_channel"}})  # fmt: skip
    assert (public.external_id, public.handle, public.url) == (
        "-100123",
        "news_channel",
        "https://t.me/news_channel",
    )
    private = parse_chat({"ok": True, "result": {"id": -100456, "type": "channel", "title": "Закрытый"}})
    assert (private.handle, private.url, private.network) == ("-100456", "", "telegram")
    with pytest.raises(SourceError):
        parse_chat({"ok": True, "result": {"id": 5, "type": "private", "first_name": "Ivan"}})


def test_the_limits_say_what_the_bot_api_cannot_see():
    for text in INFO.limits.values():
        assert "TGStat" in text
    assert "просмотры" in INFO.limits["ru"].lower() and "охват" in INFO.limits["ru"].lower()
    assert "views" in INFO.limits["en"] and "reach" in INFO.limits["en"]
    assert "history" in INFO.limits["en"] or "past days" in INFO.limits["en"]


def test_a_pasted_token_must_look_like_a_bot_token():
    assert TelegramConnector.credentials_from_token(f"  {BOT_TOKEN}\n").access_token == BOT_TOKEN
    with pytest.raises(SourceError):
        TelegramConnector.credentials_from_token("not a token")


# --------------------------------------------------------------------------------------------------
# The connector against the fake Bot API


@pytest.fixture
def hub():
    with run_fakes("telegram") as running:
        yield running


@pytest.fixture
def fake(hub):
    return hub["telegram"]


def make_connector(hub, http, clock, token=BOT_TOKEN, today=TODAY):
    config = TelegramConnector.load_config(environ=hub.env())
    connector = TelegramConnector(config, Credentials(access_token=token, kind="bot"), http=http, sleep=clock.sleep,
                                  clock=clock, today=today)  # fmt: skip
    return connector


def test_token_check_and_channel_lookup(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, http, FakeClock())
        checked = connector.check_token()
        assert checked.kind == "bot" and checked.extra["bot_username"] == BOT_USERNAME
        assert connector.whoami() == f"@{BOT_USERNAME}"
        assert connector.list_accounts() == []  # a bot cannot list its channels: they are typed in
        news = connector.resolve_account("https://t.me/obzharka_news")
        kedr = connector.resolve_account("@kedr_mebel_tg")
        private = connector.resolve_account("-1005555555555")
    assert (news.external_id, news.handle, news.details["bot_is_admin"]) == (
        "-1001234567890",
        "obzharka_news",
        "yes",
    )
    assert kedr.details["bot_is_admin"] == "no"  # a plain member: the page tells the user to make it an admin
    assert (private.handle, private.name) == ("-1005555555555", "Закрытый канал для клиентов")


def test_a_sync_records_todays_member_count_only(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, http, FakeClock())
        account = connector.resolve_account("@obzharka_news")
        result = connector.fetch(account, SyncWindow(dt.date(2026, 3, 24), TODAY), no_progress)
        history = connector.fetch(account, SyncWindow(dt.date(2026, 1, 1), dt.date(2026, 1, 31)), no_progress)
    assert result.frames == {}
    assert result.snapshots["daily"].to_dict("records") == [
        {"date": TODAY, "network": "telegram", "account": "obzharka_news", "followers": 5_230}
    ]
    assert any("TGStat" in note for note in map(str, result.not_supported))
    assert history.snapshots == {} and history.frames == {}  # no history through the Bot API
    assert [m for m, _ in fake.calls].count("getChatMemberCount") == 1
    assert history.not_supported == [NO_HISTORY_NOTE]
    assert result.not_supported == [NO_HISTORY_NOTE, NOT_VISIBLE_NOTE]  # the same words for every window


def test_a_channel_the_bot_is_not_in_is_a_permission_problem(hub, fake):
    with make_client() as http:
        connector = make_connector(hub, http, FakeClock())
        account = SourceAccount(
            external_id="-1004444444444", name="Чужой", handle="someone_else", network="telegram"
        )
        with pytest.raises(PermissionDenied) as raised:
            connector.fetch(account, SyncWindow(TODAY, TODAY), no_progress)
        with pytest.raises(PermissionDenied):
            connector.resolve_account("@no_such_channel_here")
    assert "administrator" in raised.value.hint


def test_a_group_chat_is_not_a_channel(hub, fake):
    with make_client() as http:
        with pytest.raises(SourceError, match="not a channel"):
            make_connector(hub, http, FakeClock()).resolve_account("-4001")


def test_too_many_requests_waits_retry_after_without_sleeping(hub, fake):
    clock = FakeClock()
    fake.throttle = [5, 7]
    with make_client() as http:
        assert make_connector(hub, http, clock).whoami() == f"@{BOT_USERNAME}"
    assert len(clock.slept) == 2 and clock.slept[0] >= 5 and clock.slept[1] >= 7


def test_a_server_that_takes_only_get_works(hub, fake):
    fake.post_allowed = False
    with make_client() as http:
        connector = make_connector(hub, http, FakeClock())
        result = connector.fetch(
            connector.resolve_account("@obzharka_news"), SyncWindow(TODAY, TODAY), no_progress
        )
    assert result.snapshots["daily"]["followers"].tolist() == [5_230]


def test_a_revoked_bot_token_needs_a_new_one(hub, fake):
    fake.revoke()
    with make_client() as http:
        with pytest.raises(AuthExpired) as raised:
            make_connector(hub, http, FakeClock()).whoami()
    assert "@BotFather" in raised.value.hint


def test_the_bot_token_never_appears_in_errors_or_logs(hub, fake, caplog):
    caplog.set_level(logging.DEBUG)
    with make_client() as http:
        connector = make_connector(hub, http, FakeClock())
        connector.fetch(connector.resolve_account("@obzharka_news"), SyncWindow(TODAY, TODAY), no_progress)
        fake.revoke()
        with pytest.raises(AuthExpired) as raised:
            connector.whoami()
    with httpx.Client() as http:  # a network failure: httpx's own message holds the URL, ours must not
        config = TelegramConnector.load_config(environ={"SMMKPI_TELEGRAM_API_URL": "http://127.0.0.1:9"})
        broken = TelegramConnector(config, Credentials(access_token=BOT_TOKEN, kind="bot"), http=http,
                                   sleep=FakeClock().sleep)  # fmt: skip
        with pytest.raises(TransientError) as unreachable:
            broken.whoami()
    assert any("/bot***/" in r.getMessage() for r in caplog.records)  # httpx logged the request, masked
    secret = BOT_TOKEN.split(":", 1)[1]
    for text in (caplog.text, str(raised.value), raised.value.hint, str(unreachable.value)):
        assert secret not in text


# --------------------------------------------------------------------------------------------------
# Through smmkpi.sync into the database (SQLite and PostgreSQL)


def test_a_pasted_bot_token_and_a_channel_give_todays_followers_in_the_database(engine, hub, fake):
    from cryptography.fernet import Fernet
    from sqlalchemy import select

    from db import repo
    from db.connection_models import Connection
    from db.models import Account, DailyStat
    from db.session import session_scope
    from smmkpi import sync

    clock = FakeClock()
    environ = {**hub.env(), "SMMKPI_SECRET_KEY": Fernet.generate_key().decode()}
    env = sync.SyncEnv(environ=environ, secrets={}, sleep=clock.sleep, clock=clock,
                       now=lambda: dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC))  # fmt: skip
    with session_scope(engine) as session:
        workspace_id = repo.ensure_workspace(session, name="Агентство").id
    connected = sync.connect_with_token(
        engine, workspace_id=workspace_id, source="telegram", token=BOT_TOKEN, env=env
    )
    assert connected.connected_as == f"@{BOT_USERNAME}" and connected.kind == "bot"
    channel = sync.resolve_source_account(engine, workspace_id=workspace_id, connection_id=connected.connection_id,
                                          text="https://t.me/obzharka_news", env=env)  # fmt: skip
    sync.track_accounts(engine, workspace_id=workspace_id, connection_id=connected.connection_id, accounts=[channel],
                        client="Обжарка", today=TODAY, env=env)  # fmt: skip
    outcome = sync.run_sync(engine, workspace_id=workspace_id, connection_id=connected.connection_id, today=TODAY,
                            env=env)  # fmt: skip
    assert outcome.status == "ok", outcome.errors
    assert outcome.rows == 1  # today's subscriber count is the row a bot brings (it was reported as 0)
    # a bot has no history: the sync asks for today only, not for 90 empty days in three chunks
    assert [(a.window.since, a.window.until) for a in outcome.accounts] == [(TODAY, TODAY)]
    assert any("TGStat" in note for note in map(str, outcome.notes))
    with session_scope(engine) as session:
        rows = session.execute(
            select(DailyStat.date, DailyStat.followers, DailyStat.reach, DailyStat.views)
            .join(Account, Account.id == DailyStat.account_id)
            .where(Account.workspace_id == workspace_id, Account.handle == "obzharka_news")
        ).all()
        blob = session.execute(select(Connection.token_blob)).scalar_one()
    assert [tuple(r) for r in rows] == [(TODAY, 5_230, None, None)]  # reach and views: not reported, never 0
    assert BOT_TOKEN not in blob and BOT_TOKEN.split(":", 1)[1] not in blob  # encrypted at rest


# --------------------------------------------------------------------------------------------------
# Answers that are not the Bot API's envelope (issue 4): proxy pages, a gateway's 429 with a header

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"


def test_retry_after_comes_from_parameters_else_from_the_header():
    body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 5",
            "parameters": {"retry_after": "5"}}  # fmt: skip
    assert error_from(body, 429, "30").retry_after == 5.0
    assert error_from(None, 429, "30").retry_after == 30.0  # a gateway's page without the envelope
    odd = {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests",
        "parameters": ["retry_after", 3],
    }
    assert error_from(odd, 429).retry_after is None  # a malformed "parameters" is not a crash


def test_an_html_502_is_retried_and_a_lasting_one_is_a_clear_retryable_error(hub, fake):
    clock = FakeClock()
    with make_client() as http:
        connector = make_connector(hub, http, clock)
        fake.outage = [(502, "text/html", HTML_502, {})]
        assert connector.whoami() == f"@{BOT_USERNAME}" and len(clock.slept) == 1
        fake.outage = [(502, "text/html", HTML_502, {})] * 10
        with pytest.raises(TransientError, match="HTTP 502") as error:
            connector.whoami()
    assert (
        error.value.hint == "retry" and "<html" not in str(error.value) and BOT_TOKEN not in str(error.value)
    )


def test_a_gateway_429_with_only_a_retry_after_header_waits_that_long(hub, fake):
    clock = FakeClock()
    fake.outage = [(429, "text/plain", "Too Many Requests", {"Retry-After": "11"})]
    with make_client() as http:
        assert make_connector(hub, http, clock).whoami() == f"@{BOT_USERNAME}"
    assert clock.slept == [11.0]
