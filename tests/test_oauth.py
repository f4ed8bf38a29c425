"""OAuth: authorization URL with state + PKCE, state stored server-side (single use, 10 minutes, bound to
workspace and user), code exchange, refresh with rotation, revocation — over real HTTP to the VK ID fake."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from db import connection_repo as crepo
from db import repo
from db.session import session_scope
from smmkpi import crypto, sync
from smmkpi.sources import oauth
from smmkpi.sources.base import AuthExpired, Credentials
from smmkpi.sources.vk import VkConnector
from tests.fakes.server import FakeClock, run_fakes
from tests.fakes.vk import CLIENT_ID, LEGACY_USER_TOKEN, USER_ID, s256

NOW = dt.datetime(2026, 3, 31, 9, 0, tzinfo=dt.UTC)
REDIRECT = "http://127.0.0.1:8501/integrations"


@pytest.fixture
def vk():
    with run_fakes("vk", clock=FakeClock(), vk={"today": dt.date(2026, 3, 31)}) as hub:
        yield hub


@pytest.fixture
def env(vk):
    return sync.SyncEnv(
        environ={**vk.env(), "SMMKPI_SECRET_KEY": Fernet.generate_key().decode()}, secrets={}, now=lambda: NOW
    )


@pytest.fixture
def workspaces(engine) -> tuple[int, int]:
    with session_scope(engine) as session:
        return repo.ensure_workspace(session, name="Agency").id, repo.ensure_workspace(
            session, name="Other"
        ).id


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def consent(vk, url: str) -> dict[str, str]:
    """What the user's browser does on the fake's page: open it, press "Allow"; returns the redirect's query."""
    with httpx.Client() as client:
        page = client.get(url)
        assert page.status_code == 200 and "Разрешить" in page.text
        answer = client.post(f"{vk['vk'].base_url}/authorize/allow", data={**query(url), "decision": "allow"})
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(REDIRECT + "?")
    return query(location)


def test_authorization_url_carries_state_and_an_s256_challenge_of_the_stored_verifier(
    engine, workspaces, env
):
    url = sync.begin_authorization(
        engine,
        workspace_id=workspaces[0],
        source="vk",
        redirect_uri=REDIRECT,
        user="ann@example.com",
        env=env,
    )
    params = query(url)
    assert params["response_type"] == "code" and params["client_id"] == CLIENT_ID
    assert params["redirect_uri"] == REDIRECT and params["code_challenge_method"] == "s256"
    assert len(params["state"]) >= 32 and set(params["scope"].split()) == {"groups", "stats", "wall"}
    with session_scope(engine) as session:
        stored = crepo.find_oauth_state(session, state=params["state"])
        assert stored.workspace_id == workspaces[0] and stored.user == "ann@example.com"
        assert s256(stored.verifier) == params["code_challenge"]
        assert 43 <= len(stored.verifier) <= 128 and stored.verifier not in url
        assert oauth._aware(stored.expires_at) == NOW + dt.timedelta(minutes=10)


def test_full_flow_saves_an_encrypted_connection_and_the_state_cannot_be_replayed(
    engine, workspaces, env, vk
):
    url = sync.begin_authorization(
        engine, workspace_id=workspaces[0], source="vk", redirect_uri=REDIRECT, env=env
    )
    back = consent(vk, url)
    connected = sync.complete_authorization(
        engine, state=back["state"], code=back["code"], workspace_id=None, callback_params=back, env=env
    )
    assert connected.workspace_id == workspaces[0] and connected.connected_as == "Анна Петрова"
    assert connected.kind == "user"
    exchange = vk["vk"].token_requests[-1]
    assert exchange["grant_type"] == "authorization_code" and exchange["device_id"] == back["device_id"]
    assert exchange["code_verifier"] == "***" and exchange["client_id"] == CLIENT_ID

    with session_scope(engine) as session:
        row = crepo.get_connection(session, workspace_id=workspaces[0], connection_id=connected.connection_id)
        assert row.external_id == str(USER_ID) and row.state == "connected"
        raw = session.execute(
            text("SELECT token_blob FROM connection WHERE id = :i"), {"i": row.id}
        ).scalar_one()
    credentials = sync._unseal(env.cipher(), raw)
    assert credentials.access_token.startswith("vk2.a.") and credentials.access_token not in raw
    assert credentials.refresh_token not in raw and credentials.extra["device_id"] == back["device_id"]

    with pytest.raises(oauth.OAuthStateError) as replay:
        sync.complete_authorization(
            engine, state=back["state"], code=back["code"], workspace_id=None, callback_params=back, env=env
        )
    assert replay.value.reason == "used"


@pytest.mark.parametrize(
    ("started_by", "back_as", "reason"),
    [
        pytest.param("ann@example.com", "bob@example.com", "foreign", id="another user"),
        pytest.param("ann@example.com", None, "foreign", id="logged out"),
    ],
)
def test_a_state_of_another_user_is_rejected(engine, workspaces, env, vk, started_by, back_as, reason):
    url = sync.begin_authorization(
        engine, workspace_id=workspaces[0], source="vk", redirect_uri=REDIRECT, user=started_by, env=env
    )
    back = consent(vk, url)
    with pytest.raises(oauth.OAuthStateError) as error:
        sync.complete_authorization(
            engine,
            state=back["state"],
            code=back["code"],
            workspace_id=workspaces[0],
            user=back_as,
            callback_params=back,
            env=env,
        )
    assert error.value.reason == reason and "another user or in another workspace" in str(error.value)


def test_a_state_started_in_another_workspace_is_rejected(engine, workspaces, env, vk):
    url = sync.begin_authorization(
        engine, workspace_id=workspaces[0], source="vk", redirect_uri=REDIRECT, env=env
    )
    back = consent(vk, url)
    with pytest.raises(oauth.OAuthStateError) as error:
        sync.complete_authorization(
            engine,
            state=back["state"],
            code=back["code"],
            workspace_id=workspaces[1],
            callback_params=back,
            env=env,
        )
    assert error.value.reason == "foreign"
    with session_scope(engine) as session:  # a rejected state stays unused and nothing was connected
        assert crepo.find_oauth_state(session, state=back["state"]).used_at is None
        assert crepo.list_connections(session, workspace_id=workspaces[1]) == []


def test_unknown_and_expired_states_are_rejected(engine, workspaces, env, vk):
    with pytest.raises(oauth.OAuthStateError) as unknown:
        sync.complete_authorization(engine, state="x" * 43, code="c", workspace_id=None, env=env)
    assert unknown.value.reason == "unknown"

    url = sync.begin_authorization(
        engine, workspace_id=workspaces[0], source="vk", redirect_uri=REDIRECT, env=env
    )
    back = consent(vk, url)
    late = sync.SyncEnv(
        environ=env.environ, secrets={}, now=lambda: NOW + dt.timedelta(minutes=10, seconds=1)
    )
    with pytest.raises(oauth.OAuthStateError) as expired:
        sync.complete_authorization(
            engine, state=back["state"], code=back["code"], workspace_id=None, callback_params=back, env=late
        )
    assert expired.value.reason == "expired" and "10 minutes" in str(expired.value)


def test_check_state_rules():
    stored = oauth.StoredState(
        state="s",
        verifier="v",
        source="vk",
        workspace_id=1,
        user=None,
        redirect_uri=REDIRECT,
        expires_at=NOW + dt.timedelta(minutes=1),
    )
    assert oauth.check_state(stored, source="vk", workspace_id=1, user=None, now=NOW) is stored
    assert oauth.check_state(stored, source=None, workspace_id=None, user=None, now=NOW) is stored
    for kwargs, reason in [
        ({"source": "ok", "workspace_id": 1, "user": None}, "foreign"),
        ({"source": "vk", "workspace_id": 2, "user": None}, "foreign"),
        ({"source": "vk", "workspace_id": 1, "user": "eve@example.com"}, "foreign"),
    ]:
        with pytest.raises(oauth.OAuthStateError) as error:
            oauth.check_state(stored, now=NOW, **kwargs)
        assert error.value.reason == reason
    assert "verifier" not in repr(stored) and "'v'" not in repr(stored)


def test_a_wrong_pkce_verifier_is_refused_by_the_provider(engine, workspaces, env, vk):
    url = sync.begin_authorization(
        engine, workspace_id=workspaces[0], source="vk", redirect_uri=REDIRECT, env=env
    )
    back = consent(vk, url)
    config = VkConnector.load_config(environ=env.environ)
    forged = oauth.StoredState(
        state=back["state"],
        verifier="a" * 64,
        source="vk",
        workspace_id=workspaces[0],
        user=None,
        redirect_uri=REDIRECT,
        expires_at=NOW + dt.timedelta(minutes=5),
    )
    with pytest.raises(AuthExpired, match="invalid_grant"):
        oauth.exchange_code(config, VkConnector.oauth, code=back["code"], stored=forged, callback_params=back)


def test_refresh_rotates_the_refresh_token_and_hands_it_over_before_returning(env, vk):
    access, refresh = vk["vk"].issue_user_token()
    config = VkConnector.load_config(environ=env.environ)
    old = Credentials(access, refresh, kind="user", extra={"device_id": "fake-device", "user_id": USER_ID})
    saved: list[Credentials] = []
    new = oauth.refresh(config, VkConnector.oauth, old, on_refresh=saved.append)
    assert saved == [new] and new.refresh_token != refresh and new.access_token != access
    assert new.extra["device_id"] == "fake-device" and new.expires_at is not None
    sent = vk["vk"].token_requests[-1]
    assert sent["grant_type"] == "refresh_token" and sent["device_id"] == "fake-device" and sent.get("state")
    # rotation: the old refresh token is dead now, which is why it had to be persisted at once
    with pytest.raises(AuthExpired, match="invalid_grant"):
        oauth.refresh(config, VkConnector.oauth, old, on_refresh=saved.append)


def test_revocation_tells_the_provider(env, vk):
    access, refresh = vk["vk"].issue_user_token()
    config = VkConnector.load_config(environ=env.environ)
    assert oauth.revoke(config, VkConnector.oauth, Credentials(access, refresh)) is True
    assert vk["vk"].revoked == [str(USER_ID)]
    assert oauth.revoke(config, VkConnector.oauth, Credentials(access, refresh)) is False  # already gone


# --------------------------------------------------------------------------------------------------
# The Connections page (AppTest): the callback, clear messages, and no token anywhere on the page

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "connections.py")
APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


@pytest.fixture
def page_env(engine, db_url, vk, monkeypatch) -> dict:
    """The app's settings point at the VK fake; one workspace; a fixed secret key (nothing written to disk)."""
    for key, value in vk.env().items():
        monkeypatch.setenv(key, value)
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("SMMKPI_SECRET_KEY", key)
    monkeypatch.setenv("SMMKPI_LOAD_DEMO", "false")
    monkeypatch.setenv("SMMKPI_VK_RATE_USER", "1000")
    with session_scope(engine) as session:
        workspace_id = repo.ensure_workspace(session, name="Agency").id
    return {
        "key": key,
        "workspace_id": workspace_id,
        "env": sync.SyncEnv(environ=dict(os.environ), secrets={}),
    }


def page_text(at: AppTest) -> str:
    """Everything the page sent to the browser (every element's protobuf), for leak checks."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def run_page(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_lists_every_source_with_what_it_cannot_see(page_env):
    at = run_page(lang="en")
    assert at.title[0].value == "Connections"
    headers = [h.value for h in at.subheader]
    assert "VK" in headers and len(headers) == len(sync.sources())
    assert any("latest 300 posts" in c.value for c in at.caption)
    assert any("Connect VK" in m.value and "code_challenge_method=s256" in m.value for m in at.markdown)


def test_a_foreign_state_is_rejected_with_a_clear_message(page_env, engine):
    with session_scope(engine) as session:
        other = repo.ensure_workspace(session, name="Other").id
    url = sync.begin_authorization(
        engine, workspace_id=other, source="vk", redirect_uri=REDIRECT, env=page_env["env"]
    )
    at = run_page(lang="en", workspace="Agency", state=query(url)["state"], code="abc", device_id="d")
    assert any("another user or in another workspace" in e.value for e in at.error)
    assert "code" not in at.query_params and "state" not in at.query_params


def test_an_unknown_state_and_a_cancelled_authorization(page_env):
    at = run_page(lang="en", state="forged" * 8, code="abc")
    assert any("not known here" in e.value for e in at.error)
    at = run_page(lang="en", state="s" * 43, error="access_denied")
    assert any("cancelled" in w.value for w in at.warning)


def test_the_oauth_return_connects_opens_the_picker_and_a_replay_is_refused(page_env, engine, vk):
    url = sync.begin_authorization(
        engine, workspace_id=page_env["workspace_id"], source="vk", redirect_uri=REDIRECT, env=page_env["env"]
    )
    back = consent(vk, url)
    at = run_page(lang="en", **back)
    assert any("Connected as Анна Петрова" in s.value for s in at.success)
    (connection_id,) = [
        c.id for c in sync.connections_overview(engine, workspace_id=page_env["workspace_id"])
    ]
    assert at.multiselect(key=f"connections_picked_{connection_id}").value == ["501"]  # the picker is open
    token = stored_access_token(engine, page_env)
    assert token not in page_text(at)
    assert token not in repr(at.session_state.to_dict())
    again = run_page(lang="en", **back)
    assert any("already been used" in e.value for e in again.error)


def stored_access_token(engine, page_env) -> str:
    with session_scope(engine) as session:
        (row,) = crepo.list_connections(session, workspace_id=page_env["workspace_id"])
        return sync._unseal(crypto.Cipher(page_env["key"]), row.token_blob).access_token


def test_a_pasted_token_is_checked_saved_encrypted_and_never_shown(page_env, engine):
    at = run_page(lang="en")
    at.text_input(key="connections_token_value_vk").input(LEGACY_USER_TOKEN)
    at.button(key="FormSubmitter:connections_token_vk-Check and save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("The token works: connected as Анна Петрова (user token)" in s.value for s in at.success)
    assert LEGACY_USER_TOKEN not in page_text(at)
    assert LEGACY_USER_TOKEN not in repr(at.session_state.to_dict())
    with session_scope(engine) as session:
        raw = session.execute(text("SELECT token_blob FROM connection")).scalar_one()
    assert LEGACY_USER_TOKEN not in raw


def test_a_token_the_api_refuses_is_not_saved(page_env, engine):
    at = run_page(lang="en")
    at.text_input(key="connections_token_value_vk").input("vk1.a.wrong-token")
    at.button(key="FormSubmitter:connections_token_vk-Check and save").click().run()
    assert any("The token was not accepted" in e.value and "error 5" in e.value for e in at.error)
    assert "vk1.a.wrong-token" not in page_text(at)
    with session_scope(engine) as session:
        assert crepo.list_connections(session, workspace_id=page_env["workspace_id"]) == []


def test_hosted_mode_without_a_secret_key_refuses_to_start(page_env, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml here (a local run may have generated one)
    monkeypatch.delenv("SMMKPI_SECRET_KEY")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["smmkpi"] = {"hosted": "true"}  # the secrets file only (not a generated key from elsewhere)
    at.query_params["lang"] = "en"
    at.run()
    assert any(
        "smmkpi cannot start: SMMKPI_HOSTED=true but SMMKPI_SECRET_KEY is not set" in e.value
        for e in at.error
    )
    assert not at.title  # nothing else rendered
    assert not (tmp_path / ".streamlit" / "secrets.toml").exists()  # and no key was generated


def test_a_sync_running_elsewhere_shows_its_progress(page_env, engine):
    env = page_env["env"]
    connected = sync.connect_with_token(
        engine, workspace_id=page_env["workspace_id"], source="vk", token=LEGACY_USER_TOKEN, env=env
    )
    with session_scope(engine) as session:
        run = crepo.start_run(
            session,
            workspace_id=page_env["workspace_id"],
            connection_id=connected.connection_id,
            trigger="cli",
            now=oauth.utc_now(),
        )
        crepo.update_run(
            session, workspace_id=page_env["workspace_id"], run_id=run.id, now=oauth.utc_now(), progress=0.37
        )
    (info,) = sync.connections_overview(engine, workspace_id=page_env["workspace_id"], env=env)
    assert info.state == "syncing" and info.running.progress == pytest.approx(0.37)
    at = run_page(lang="en")
    assert "Syncing 37%" in page_text(at).replace("\u00a0", "") and "Syncing 37" in page_text(at)
    later = sync.SyncEnv(environ=env.environ, secrets={}, now=lambda: oauth.utc_now() + dt.timedelta(hours=1))
    assert (
        sync.run_status(engine, workspace_id=page_env["workspace_id"], run_id=run.id, env=later).status
        == "failed"
    )


def test_a_connection_that_needs_reauthorization_says_what_to_do(page_env, engine):
    env = page_env["env"]
    connected = sync.connect_with_token(
        engine, workspace_id=page_env["workspace_id"], source="vk", token=LEGACY_USER_TOKEN, env=env
    )
    with session_scope(engine) as session:
        crepo.set_connection_state(
            session,
            workspace_id=page_env["workspace_id"],
            connection_id=connected.connection_id,
            state="needs_reauth",
            error="VK: error 5",
            now=oauth.utc_now(),
        )
    at = run_page(lang="en")
    assert any("no longer accepts the saved authorization" in w.value for w in at.warning)
    assert any("Sign in to VK again" in m.value for m in at.markdown)
    assert any("Needs re-authorization" in m.value for m in at.markdown)


# --------------------------------------------------------------------------------------------------
# Token answers as providers really send them (issue 4): the fields vary, errors come in many forms

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"


def _old_credentials(vk) -> Credentials:
    access, refresh = vk["vk"].issue_user_token()
    return Credentials(access, refresh, kind="user", extra={"device_id": "fake-device", "user_id": USER_ID})


@pytest.mark.parametrize("expires_in", ["3600", 3600.0, "3600.0"])
def test_a_lifetime_as_a_string_or_a_float_and_a_lower_case_token_type(env, vk, expires_in):
    vk["vk"].token_answer = {"expires_in": expires_in, "token_type": "bearer"}
    config = VkConnector.load_config(environ=env.environ)
    before = dt.datetime.now(dt.UTC)
    new = oauth.refresh(config, VkConnector.oauth, _old_credentials(vk), on_refresh=lambda c: None)
    assert before + dt.timedelta(seconds=3590) < new.expires_at < before + dt.timedelta(seconds=3700)


def test_no_lifetime_and_no_new_refresh_token_keep_the_old_one_and_no_expiry(env, vk):
    vk["vk"].token_answer = {"expires_in": None, "refresh_token": None, "id_token": None, "scope": None}
    config = VkConnector.load_config(environ=env.environ)
    old = _old_credentials(vk)
    new = oauth.refresh(config, VkConnector.oauth, old, on_refresh=lambda c: None)
    assert new.refresh_token == old.refresh_token and new.expires_at is None
    assert new.extra["device_id"] == "fake-device" and new.access_token != old.access_token


def test_unreadable_lifetime_is_no_expiry_not_a_crash(env, vk):
    vk["vk"].token_answer = {"expires_in": "soon"}
    config = VkConnector.load_config(environ=env.environ)
    new = oauth.refresh(config, VkConnector.oauth, _old_credentials(vk), on_refresh=lambda c: None)
    assert new.expires_at is None


@pytest.mark.parametrize("status", [400, 401])
def test_invalid_grant_with_400_or_401_needs_reauthorization(env, vk, status):
    vk["vk"].token_outage.append(
        (status, "application/json", '{"error": "invalid_grant", "error_description": "Token is expired"}')
    )
    config = VkConnector.load_config(environ=env.environ)
    with pytest.raises(AuthExpired, match="invalid_grant"):
        oauth.refresh(config, VkConnector.oauth, _old_credentials(vk), on_refresh=lambda c: None)


def test_an_html_502_from_the_token_endpoint_is_a_clear_retryable_error(env, vk):
    from smmkpi.sources.http import TransientError

    vk["vk"].token_outage.append((502, "text/html", HTML_502))
    config = VkConnector.load_config(environ=env.environ)
    saved: list = []
    with pytest.raises(TransientError, match="HTTP 502") as error:
        oauth.refresh(config, VkConnector.oauth, _old_credentials(vk), on_refresh=saved.append)
    assert error.value.hint == "retry" and saved == [] and "<html" not in str(error.value)


def test_a_token_answer_without_an_access_token_is_an_error_not_a_key_error(env, vk):
    vk["vk"].token_answer = {"access_token": None}
    config = VkConnector.load_config(environ=env.environ)
    saved: list = []
    with pytest.raises(oauth.SourceError, match="without an access token"):
        oauth.refresh(config, VkConnector.oauth, _old_credentials(vk), on_refresh=saved.append)
    assert saved == []


def _authorized(vk, config) -> tuple[oauth.StoredState, dict[str, str]]:
    pending = oauth.start(config, VkConnector.oauth, redirect_uri=REDIRECT, now=NOW)
    back = consent(vk, pending.url)
    stored = oauth.StoredState(state=pending.state, verifier=pending.verifier, source="vk", workspace_id=1,
                               user=None, redirect_uri=REDIRECT, expires_at=NOW + dt.timedelta(minutes=5))  # fmt: skip
    return stored, back


def test_the_code_exchange_sends_device_id_and_state_and_keeps_vk_id_extras(env, vk):
    config = VkConnector.load_config(environ=env.environ)
    stored, back = _authorized(vk, config)
    assert back["device_id"]
    credentials = oauth.exchange_code(config, VkConnector.oauth, code=back["code"], stored=stored,
                                      callback_params=back)  # fmt: skip
    sent = vk["vk"].token_requests[-1]
    assert sent["device_id"] == back["device_id"] and sent["state"] == stored.state
    assert sent["grant_type"] == "authorization_code" and "client_secret" not in sent
    assert credentials.extra["device_id"] == back["device_id"] and credentials.extra["user_id"] == USER_ID
    assert "id_token" not in credentials.extra  # an extra field is tolerated, not kept


def test_a_token_answer_echoing_another_state_is_refused(env, vk):
    config = VkConnector.load_config(environ=env.environ)
    stored, back = _authorized(vk, config)
    vk["vk"].token_answer = {"state": "s" * 43}
    with pytest.raises(oauth.SourceError, match="state mismatch") as error:
        oauth.exchange_code(config, VkConnector.oauth, code=back["code"], stored=stored, callback_params=back)
    assert error.value.hint == "start_again"
