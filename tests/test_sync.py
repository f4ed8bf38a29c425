"""Sync: incremental by date with a look-back, idempotent, resumable, one at a time, recorded — VK over HTTP
into SQLite and PostgreSQL, checked through the same KPI report the Overview shows."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select, text

from db import connection_repo as crepo
from db import repo
from db.connection_models import SyncLock
from db.models import DailyStat, Interaction, Post
from db.session import session_scope
from smmkpi import i18n, sync
from smmkpi.query import KpiFilters, kpi_report
from smmkpi.sources.base import Credentials
from tests.fakes.server import FakeClock, run_fakes
from tests.fakes.vk import COMMUNITY_TOKEN_PREFIX, LEGACY_USER_TOKEN

TODAY = dt.date(2026, 3, 31)
NOW = dt.datetime(2026, 3, 31, 9, 0, tzinfo=dt.UTC)
WORKSPACE = "Agency"
CLIENT = "Кофейня «Зерно»"
OPTIONS = sync.SyncOptions(lookback_days=7, initial_days=40, chunk_days=14)  # 40 days → 3 chunks


class Crash(BaseException):
    """Stands for the process dying (not an Exception: nothing in sync may swallow it)."""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock):
    with run_fakes("vk", clock=clock, vk={"today": TODAY}) as hub:
        yield hub


@pytest.fixture
def env(fake, clock) -> sync.SyncEnv:
    environ = {**fake.env(), "SMMKPI_SECRET_KEY": Fernet.generate_key().decode()}
    return sync.SyncEnv(
        environ=environ, secrets={}, sleep=clock.sleep, clock=clock, now=lambda: NOW, options=OPTIONS
    )


@pytest.fixture
def workspace_id(engine) -> int:
    with session_scope(engine) as session:
        return repo.ensure_workspace(session, name=WORKSPACE).id


def connect(engine, env, workspace_id, fake, *, oauth_like: bool = False) -> int:
    """A connection with the coffee community tracked for CLIENT and a specialist."""
    if oauth_like:  # access + refresh token as the VK ID flow gives them
        access, refresh = fake["vk"].issue_user_token()
        credentials = Credentials(access, refresh, kind="user", extra={"device_id": "fake-device"})
        connected = sync._save_connection(
            engine, env, workspace_id=workspace_id, source="vk", credentials=credentials, user=None
        )
    else:
        connected = sync.connect_with_token(
            engine, workspace_id=workspace_id, source="vk", token=LEGACY_USER_TOKEN, env=env
        )
    accounts = sync.list_source_accounts(
        engine, workspace_id=workspace_id, connection_id=connected.connection_id, env=env
    )
    coffee = [a for a in accounts if a.handle == "zerno_coffee"]
    sync.track_accounts(
        engine,
        workspace_id=workspace_id,
        connection_id=connected.connection_id,
        accounts=coffee,
        client=CLIENT,
        specialist="maria@agency.ru",
        today=TODAY,
        env=env,
    )
    return connected.connection_id


def counts(engine, workspace_id) -> dict[str, int]:
    with session_scope(engine) as session:
        return {
            name: session.execute(
                select(func.count()).select_from(model).where(model.workspace_id == workspace_id)
            ).scalar_one()
            for name, model in (("daily", DailyStat), ("posts", Post), ("interactions", Interaction))
        }


def report(engine, since: dt.date, until: dt.date = TODAY) -> dict:
    with session_scope(engine) as session:
        return kpi_report(
            session,
            workspace_name=WORKSPACE,
            filters=KpiFilters(client=CLIENT),
            date_from=since,
            date_to=until,
        )


def test_first_sync_fills_the_kpis_of_the_community(engine, env, workspace_id, fake):
    connection_id = connect(engine, env, workspace_id, fake)
    seen: list[float] = []
    outcome = sync.run_sync(
        engine,
        workspace_id=workspace_id,
        connection_id=connection_id,
        today=TODAY,
        progress=lambda fraction, message: seen.append(fraction),
        env=env,
    )
    assert outcome.status == "ok" and outcome.errors == [] and outcome.notes == []
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(set(seen)) > 5
    first = TODAY - dt.timedelta(days=OPTIONS.initial_days - 1)
    assert counts(engine, workspace_id) == {
        "daily": 40,
        "posts": 40,
        "interactions": counts(engine, workspace_id)["interactions"],
    }
    assert outcome.rows > 80

    group = fake["vk"].groups[501]
    march = report(engine, dt.date(2026, 3, 1))["total"]
    expected_reach = sum(
        fake["vk"].stats_day(group, dt.date(2026, 3, d))["reach"]["reach"] for d in range(1, 32)
    )
    assert march["reach"] == expected_reach
    assert march["followers_end"] == 12840 and march["posts"] == 31
    assert march["followers_gained"] == sum(
        fake["vk"].stats_day(group, dt.date(2026, 3, d))["activity"]["subscribed"] for d in range(1, 32)
    )
    assert march["link_clicks"] is not None and march["er_reach"] is not None
    assert march["response_rate"] is not None and 0 < march["response_rate"] < 1
    assert march["views"] is None  # VK reports no daily impressions: "—", not 0

    with session_scope(engine) as session:
        tracked = crepo.list_tracked_accounts(session, workspace_id=workspace_id)[0]
        assert tracked.synced_through == TODAY - dt.timedelta(days=1)  # today is partial: fetched again
        run = crepo.get_run(session, workspace_id=workspace_id, run_id=outcome.run_id)
        assert (run.status, run.rows, run.progress) == (
            "ok",
            outcome.rows,
            1.0,
        ) and run.finished_at is not None
        accounts = repo.list_accounts(session, workspace_id=workspace_id)
        assert accounts[["network", "handle", "client"]].values.tolist() == [["vk", "zerno_coffee", CLIENT]]
        assert list(repo.list_specialists(session, workspace_id=workspace_id)["key"]) == ["maria@agency.ru"]
        sources = {r.source for r in repo.list_imports(session, workspace_id=workspace_id, limit=10)}
        assert sources == {"sync:vk"}
    stats_calls = fake["vk"].called("stats.get")
    assert [int(c["timestamp_from"]) for c in stats_calls][0] == int(
        dt.datetime.combine(first, dt.time(), sync.ZoneInfo("Europe/Moscow")).timestamp()
    )
    assert len({c["timestamp_from"] for c in stats_calls}) == 3  # 40 days in chunks of 14 (a 6 may retry one)


def test_second_sync_fetches_only_the_look_back_window_and_duplicates_nothing(
    engine, env, workspace_id, fake
):
    connection_id = connect(engine, env, workspace_id, fake)
    sync.run_sync(engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env)
    before = counts(engine, workspace_id)
    fake["vk"].calls.clear()
    again = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    assert again.status == "ok"
    (stats,) = fake["vk"].called("stats.get")
    start = dt.datetime.fromtimestamp(int(stats["timestamp_from"]), sync.ZoneInfo("Europe/Moscow")).date()
    assert start == TODAY - dt.timedelta(days=OPTIONS.lookback_days)  # cursor + 1 − 7 days
    assert again.accounts[0].window == sync.SyncWindow(start, TODAY)
    assert counts(engine, workspace_id) == before


def test_a_sync_killed_halfway_loses_and_duplicates_nothing(engine, env, workspace_id, fake, tmp_path):
    connection_id = connect(engine, env, workspace_id, fake)

    def die_after_first_chunk(fraction: float, message: str) -> None:
        if fraction >= 0.34:  # the first of three chunks is committed
            raise Crash

    with pytest.raises(Crash):
        sync.run_sync(
            engine,
            workspace_id=workspace_id,
            connection_id=connection_id,
            today=TODAY,
            progress=die_after_first_chunk,
            env=env,
        )
    half = counts(engine, workspace_id)
    assert 0 < half["daily"] < 40
    with session_scope(engine) as session:
        cursor = crepo.list_tracked_accounts(session, workspace_id=workspace_id)[0].synced_through
        # what a killed process leaves behind: its lock (expiring) and a "running" run without heartbeat
        session.execute(text("UPDATE sync_lock SET expires_at = :t"), {"t": NOW - dt.timedelta(minutes=1)})
    assert cursor == TODAY - dt.timedelta(days=OPTIONS.initial_days - 1) + dt.timedelta(days=13)

    later = sync.SyncEnv(
        environ=env.environ,
        secrets={},
        sleep=env.sleep,
        clock=env.clock,
        options=OPTIONS,
        now=lambda: NOW + dt.timedelta(hours=1),
    )
    resumed = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=later
    )
    assert resumed.status == "ok"
    assert resumed.accounts[0].window.since == cursor + dt.timedelta(days=1 - OPTIONS.lookback_days)
    assert counts(engine, workspace_id)["daily"] == 40 and counts(engine, workspace_id)["posts"] == 40
    with session_scope(engine) as session:
        runs = crepo.list_runs(session, workspace_id=workspace_id, connection_id=connection_id)
        assert [r.status for r in runs] == ["ok", "failed"] and runs[1].error == "interrupted"


def test_one_sync_per_account_at_a_time_across_replicas(engine, env, workspace_id, fake):
    connection_id = connect(engine, env, workspace_id, fake)
    with session_scope(engine) as session:
        tracked = crepo.list_tracked_accounts(session, workspace_id=workspace_id)[0]
        assert crepo.acquire_lock(
            session,
            workspace_id=workspace_id,
            tracked_account_id=tracked.id,
            owner="replica-2",
            run_id=None,
            now=NOW,
            expires_at=NOW + dt.timedelta(minutes=5),
        )
    busy = sync.run_sync(engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env)
    assert busy.status == "failed" and "another sync of it is running" in busy.errors[0]
    assert fake["vk"].called("stats.get") == [] and counts(engine, workspace_id)["daily"] == 0
    with session_scope(engine) as session:  # the other replica's lock is untouched
        assert session.execute(select(SyncLock.owner)).scalar_one() == "replica-2"
        assert not crepo.acquire_lock(
            session,
            workspace_id=workspace_id,
            tracked_account_id=tracked.id,
            owner="x",
            run_id=None,
            now=NOW,
            expires_at=NOW,
        )


def test_token_refresh_during_a_sync_is_persisted(engine, env, workspace_id, fake):
    connection_id = connect(engine, env, workspace_id, fake, oauth_like=True)
    with session_scope(engine) as session:
        before = sync._unseal(
            env.cipher(),
            crepo.get_connection(session, workspace_id=workspace_id, connection_id=connection_id).token_blob,
        )
    expired = []

    def expire_midway(fraction: float, message: str) -> None:
        if fraction > 0.4 and not expired:
            fake["vk"].expire_access_tokens()
            expired.append(fraction)

    outcome = sync.run_sync(
        engine,
        workspace_id=workspace_id,
        connection_id=connection_id,
        today=TODAY,
        progress=expire_midway,
        env=env,
    )
    assert expired and outcome.status == "ok" and counts(engine, workspace_id)["daily"] == 40
    with session_scope(engine) as session:
        after = sync._unseal(
            env.cipher(),
            crepo.get_connection(session, workspace_id=workspace_id, connection_id=connection_id).token_blob,
        )
    assert after.refresh_token != before.refresh_token and after.access_token != before.access_token
    # the stored (rotated) refresh token is the live one: the next sync works
    fake["vk"].expire_access_tokens()
    assert sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    ).ok


def test_expired_authorization_marks_the_connection_for_reauthorization(engine, env, workspace_id, fake):
    connection_id = connect(engine, env, workspace_id, fake, oauth_like=True)
    fake["vk"].expire_access_tokens()
    fake["vk"].revoke_refresh_tokens()
    outcome = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    assert outcome.status == "failed" and outcome.needs_reauth
    (info,) = sync.connections_overview(engine, workspace_id=workspace_id, env=env)
    assert info.state == "needs_reauth" and info.last_run.status == "failed"


def test_a_refused_metric_is_a_note_and_the_sync_succeeds(engine, env, workspace_id, fake):
    connection_id = connect(engine, env, workspace_id, fake)
    fake["vk"].deny("stats.getPostReach", 15)
    outcome = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    assert outcome.status == "ok" and any(n.startswith("post reach") for n in map(str, outcome.notes))
    assert report(engine, dt.date(2026, 3, 1))["total"]["avg_post_reach"] is None  # "—"
    (run, log), *_ = sync.run_history(engine, workspace_id=workspace_id, connection_id=connection_id)
    assert "post reach" in run.notes and any(level == "warning" for level, _, _ in log)
    # the page reads the notes and the log in its own language; the CLI gets the English
    (ru_note,) = run.note_texts("ru")
    assert ru_note.startswith("охват публикаций: площадка отказала") and run.note_texts("en") == [run.notes]
    texts = [message.text("ru") for _, message, _ in log]
    assert texts[0] == "синхронизация начата, аккаунтов: 1 (со страницы)"
    assert any(
        t.startswith("zerno_coffee: не поддерживается: охват публикаций: площадка отказала") for t in texts
    )
    assert texts[-1] == "завершена: успешно, строк — " + i18n.format_number(outcome.rows, "ru")
    assert (
        texts[-2] == "проверки накруток обновлены, аккаунтов: 1"
    )  # the Overview's warning is current at once
    assert [str(message) for _, message, _ in log][-1] == f"finished: ok, {outcome.rows:,} rows"


def test_disconnect_revokes_forgets_the_token_and_keeps_the_data_unless_asked(
    engine, env, workspace_id, fake
):
    connection_id = connect(engine, env, workspace_id, fake, oauth_like=True)
    sync.run_sync(engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env)
    kept = counts(engine, workspace_id)
    result = sync.disconnect(engine, workspace_id=workspace_id, connection_id=connection_id, env=env)
    assert result.revoked and result.deleted_rows == 0 and counts(engine, workspace_id) == kept
    (info,) = sync.connections_overview(engine, workspace_id=workspace_id, env=env)
    assert info.state == "disconnected"
    with session_scope(engine) as session:
        assert (
            crepo.get_connection(session, workspace_id=workspace_id, connection_id=connection_id).token_blob
            is None
        )
    with pytest.raises(sync.SyncError, match="disconnected"):
        sync.run_sync(engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env)

    connection_id = connect(engine, env, workspace_id, fake)  # reconnect, then delete with the data
    removed = sync.disconnect(
        engine, workspace_id=workspace_id, connection_id=connection_id, delete_data=True, env=env
    )
    assert removed.deleted_rows == sum(kept.values()) and counts(engine, workspace_id) == {
        "daily": 0,
        "posts": 0,
        "interactions": 0,
    }


def test_logs_and_results_never_contain_a_token(engine, env, workspace_id, fake):
    connection_id = connect(engine, env, workspace_id, fake, oauth_like=True)
    fake["vk"].fail("wall.get", 5, times=1)  # an auth error on the way (refreshed)
    fake["vk"].deny("stats.getPostReach", 15)
    outcome = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connection_id, today=TODAY, env=env
    )
    with session_scope(engine) as session:
        blob = crepo.get_connection(
            session, workspace_id=workspace_id, connection_id=connection_id
        ).token_blob
        dump = " ".join(str(v) for row in session.execute(text("SELECT * FROM sync_log_line")) for v in row)
        dump += " ".join(str(v) for row in session.execute(text("SELECT * FROM sync_run")) for v in row)
    credentials = sync._unseal(env.cipher(), blob)
    everything = f"{dump} {outcome} {[str(e) for e in outcome.errors]} {credentials!r}"
    for secret in (credentials.access_token, credentials.refresh_token, LEGACY_USER_TOKEN):
        assert secret not in everything and secret not in blob


def test_sync_window_rules():
    opts = sync.SyncOptions(lookback_days=7, initial_days=90)
    assert sync.sync_window(cursor=None, today=TODAY, options=opts).since == TODAY - dt.timedelta(days=89)
    assert sync.sync_window(
        cursor=TODAY - dt.timedelta(days=1), today=TODAY, options=opts
    ).since == TODAY - dt.timedelta(days=7)
    assert sync.sync_window(
        cursor=None, today=TODAY, options=opts, since=dt.date(2026, 1, 1)
    ).since == dt.date(2026, 1, 1)
    parts = sync.chunks(sync.SyncWindow(dt.date(2026, 3, 1), TODAY), 14)
    assert [(p.since.day, p.until.day) for p in parts] == [(1, 14), (15, 28), (29, 31)]
    with pytest.raises(sync.SyncError, match="whole number"):
        sync.SyncOptions.from_settings({"SMMKPI_SYNC_LOOKBACK_DAYS": "a week"}, {})
    assert sync.SyncOptions.from_settings({}, {"smmkpi": {"sync_lookback_days": 3}}).lookback_days == 3


@pytest.fixture
def fake_real_time():
    """The VK fake on the real clock (the CLI sleeps for real) with a rate limit the test will not reach."""
    with run_fakes("vk", vk={"today": TODAY, "rate_user": 1000}) as hub:
        yield hub


def test_cli_connect_and_sync_print_progress_and_a_summary_without_tokens(
    engine, fake_real_time, monkeypatch, tmp_path, capsys
):
    from smmkpi.__main__ import main

    fake = fake_real_time

    monkeypatch.chdir(tmp_path)  # no secrets file from a local run
    for key, value in {
        **fake.env(),
        "SMMKPI_SECRET_KEY": Fernet.generate_key().decode(),
        "SMMKPI_SYNC_INITIAL_DAYS": "20",
        "SMMKPI_VK_RATE_USER": "1000",
    }.items():
        monkeypatch.setenv(key, value)
    token_file = tmp_path / "vk.token"
    token_file.write_text(LEGACY_USER_TOKEN + "\n")
    assert (
        main(
            [
                "connect",
                "vk",
                "--workspace",
                WORKSPACE,
                "--client",
                CLIENT,
                "--token-file",
                str(token_file),
                "--account",
                "zerno_coffee",
                "--specialist",
                "maria@agency.ru",
            ]
        )
        == 0
    )
    connected = capsys.readouterr().out
    assert "connected vk as Анна Петрова (user token)" in connected and "tracking zerno_coffee" in connected

    assert main(["sync", "--workspace", WORKSPACE, "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"{WORKSPACE} / vk (Анна Петрова): ok" in out and "100%" in out
    assert "summary: 1 connection(s) synced, 0 with problems" in out
    assert counts(engine, _workspace(engine))["daily"] == 20

    fake["vk"].tokens.pop(LEGACY_USER_TOKEN)  # revoked at VK: error 5, and no refresh token to try
    assert main(["sync", "--workspace", WORKSPACE, "--today", TODAY.isoformat()]) == 1
    failed = capsys.readouterr()
    assert "failed" in failed.out and "error 5" in failed.out and "0 connection(s) synced" not in failed.out
    assert main(["sync", "--workspace", WORKSPACE, "--today", TODAY.isoformat()]) == 1
    assert "needs re-authorization" in capsys.readouterr().out
    for text_out in (connected, out, failed.out, failed.err):
        assert LEGACY_USER_TOKEN not in text_out

    assert main(["sync", "--workspace", "Nope"]) == 2
    assert "there is no workspace 'Nope'" in capsys.readouterr().err


def _workspace(engine) -> int:
    with session_scope(engine) as session:
        return repo.get_workspace(session, name=WORKSPACE).id


def test_a_community_token_brings_the_communitys_messages(engine, env, workspace_id, fake):
    connected = sync.connect_with_token(
        engine, workspace_id=workspace_id, source="vk", token=f"{COMMUNITY_TOKEN_PREFIX}501-token", env=env
    )
    assert connected.kind == "community" and connected.connected_as == CLIENT
    accounts = sync.list_source_accounts(
        engine, workspace_id=workspace_id, connection_id=connected.connection_id, env=env
    )
    sync.track_accounts(
        engine,
        workspace_id=workspace_id,
        connection_id=connected.connection_id,
        accounts=accounts,
        client=CLIENT,
        today=TODAY,
        env=env,
    )
    outcome = sync.run_sync(
        engine, workspace_id=workspace_id, connection_id=connected.connection_id, today=TODAY, env=env
    )
    assert outcome.status == "ok" and any("user token" in note for note in map(str, outcome.notes))
    group = fake["vk"].groups[501]
    march = dt.date(2026, 3, 1)
    incoming = [
        m
        for msgs in fake["vk"].messages(group).values()
        for m in msgs
        if m["out"] == 0
        and dt.datetime.fromtimestamp(m["date"], sync.ZoneInfo("Europe/Moscow")).date() >= march
    ]
    total = report(engine, march)["total"]
    assert total["messages_in"] == len(incoming) == total["interactions_in"]
    assert 0.5 < total["response_rate"] <= 1 and total["median_response_minutes"] == 20
    assert total["reach"] is None and total["followers_end"] == 12840  # a community token: no statistics


def test_sync_cli_names_a_malformed_secrets_file_instead_of_ignoring_it(tmp_path, monkeypatch, capsys):
    """The sync CLI reads .streamlit/secrets.toml with the app's reader: a broken file is an error, not {}."""
    from smmkpi.__main__ import main

    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[smmkpi]\nsync_lookback_days = "7\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["sync", "--workspace", "W"]) == 2
    err = capsys.readouterr().err
    assert "secrets.toml is not valid TOML" in err and "Traceback" not in err
