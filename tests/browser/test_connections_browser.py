"""Connections in a real browser: Connect VK → the fake's consent page → Allow → back in the app → pick a
community → sync progress → the Overview shows that community's numbers (checked against the KPI engine)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet

from db import connection_repo as crepo
from db import repo
from db.session import make_engine, session_scope
from smmkpi import bootstrap, crypto, metrics, sync
from smmkpi.query import KpiFilters, kpi_report
from smmkpi.settings import Settings
from tests.browser.conftest import open_expander
from tests.fakes.server import run_fakes

WORKSPACE = "Агентство"
CLIENT = "Кофейня «Зерно»"
SYNC_TIMEOUT_MS = 60_000
STEP_TIMEOUT_MS = 20_000  # a page or a rerun on a busy CI machine (expect's own default is 5 s)


@pytest.fixture
def vk_fake():
    today = dt.datetime.now(ZoneInfo("Europe/Moscow")).date()  # the app syncs up to its own today
    with run_fakes("vk", vk={"today": today}) as hub:
        yield hub


@pytest.fixture
def served(app_server_factory, vk_fake, tmp_path):
    """(base URL, database URL, secret key): an app with one empty workspace, pointed at the VK fake."""
    database_url = f"sqlite:///{tmp_path / 'connections.db'}"
    engine = bootstrap.open_database(Settings(database_url=database_url))
    with session_scope(engine) as session:
        repo.ensure_workspace(session, name=WORKSPACE)
    engine.dispose()
    key = Fernet.generate_key().decode()
    env = {
        **vk_fake.env(),
        "SMMKPI_DATABASE_URL": database_url,
        "SMMKPI_LOAD_DEMO": "false",
        "SMMKPI_SECRET_KEY": key,
        "SMMKPI_VK_RATE_USER": "15",  # a few seconds of sync: long enough to see the progress bar
        "SMMKPI_SYNC_INITIAL_DAYS": "30",  # the Overview opens on the last 30 days
    }
    return app_server_factory(env=env), database_url, key


def stored_token(database_url: str, key: str) -> str:
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            workspace = repo.get_workspace(session, name=WORKSPACE)
            (connection,) = crepo.list_connections(session, workspace_id=workspace.id)
            blob = connection.token_blob
    finally:
        engine.dispose()
    return sync._unseal(crypto.Cipher(key), blob).access_token


def expected(database_url: str, key: str) -> str:
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            workspace = repo.get_workspace(session, name=WORKSPACE)
            _, last = repo.data_date_range(session, workspace_id=workspace.id)
            report = kpi_report(
                session,
                workspace_name=WORKSPACE,
                filters=KpiFilters(),
                date_from=last - dt.timedelta(days=29),
                date_to=last,
            )
    finally:
        engine.dispose()
    return metrics.format_metric(key, report["total"][key], "ru", report["currency"])


def card_value(page, label: str):
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=exact)
    )
    return card.locator('[data-testid="stMetricValue"]')


def test_connect_vk_pick_a_community_sync_and_see_it_on_the_overview(served, browser_page, artifacts_dir):
    from playwright.sync_api import expect

    base_url, database_url, key = served
    page = browser_page("ru-RU")
    page.goto(base_url)
    expect(page.get_by_role("heading", name="Обзор", level=1)).to_be_visible(timeout=30_000)
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Подключения").click()
    expect(page.get_by_role("heading", name="Подключения", level=1)).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(page.get_by_text("только для 300 последних публикаций", exact=False)).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )

    # Connect VK: the browser leaves the app for the provider's consent page and comes back.
    page.get_by_role("link", name="Подключить VK").click()
    expect(page.get_by_role("heading", name="VK ID (fake)")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    page.get_by_role("button", name="Разрешить").click()
    expect(
        page.get_by_text("Подключено: Анна Петрова. Теперь выберите, какие аккаунты отслеживать")
    ).to_be_visible(timeout=30_000)
    expect(page).not_to_have_url(
        re.compile(r"[?&](code|state)="), timeout=STEP_TIMEOUT_MS
    )  # the code left the URL

    # Pick the community (offered first), name a new client and a specialist, start the first sync.
    picker = page.locator('[data-testid="stForm"]').filter(has_text="Какие сообщества отслеживать")
    expect(picker.get_by_text("Кофейня «Зерно» (zerno_coffee)")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    picker.get_by_role("textbox", name="Название нового клиента").fill(CLIENT)
    picker.get_by_role("textbox", name="Специалист").fill("maria@agency.ru")
    page.screenshot(path=str(artifacts_dir / "connections-picker.png"), full_page=True)
    picker.get_by_role("button", name="Сохранить и синхронизировать").click()
    expect(page.get_by_text(re.compile(r"Синхронизация \d+\s?%"))).to_be_visible(timeout=10_000)
    expect(page.get_by_text(re.compile(r"Синхронизация завершена: строк — [\d\s\u00a0]+"))).to_be_visible(
        timeout=SYNC_TIMEOUT_MS
    )
    expect(page.get_by_text("Подключено: Анна Петрова (ключ пользователя)")).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    # the log is in the page's language (it was English): the last line says the sync finished
    open_expander(page, "Журнал синхронизаций", "завершена: успешно, строк", timeout_ms=STEP_TIMEOUT_MS)
    expect(page.get_by_text("синхронизация начата, аккаунтов: 1", exact=False)).to_be_visible()
    page.get_by_role(
        "heading", name="Подключения", level=1
    ).scroll_into_view_if_needed()  # the page from its top
    page.wait_for_timeout(800)  # the expander's opening animation, for the screenshot
    page.screenshot(path=str(artifacts_dir / "connections-ru.png"), full_page=True)
    token = stored_token(database_url, key)
    assert token not in page.content()

    # The Overview reads the same tables: the community's followers and reach are there.
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Обзор").click()
    expect(page.get_by_role("heading", name="Обзор", level=1)).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(card_value(page, metrics.label("followers_end", "ru"))).to_have_text(
        expected(database_url, "followers_end"), timeout=STEP_TIMEOUT_MS
    )
    expect(card_value(page, metrics.label("reach", "ru"))).to_have_text(
        expected(database_url, "reach"), timeout=STEP_TIMEOUT_MS
    )
    expect(card_value(page, metrics.label("followers_end", "ru"))).to_have_text(
        re.compile(r"^12\s?840$"), timeout=STEP_TIMEOUT_MS
    )
    page.screenshot(path=str(artifacts_dir / "connections-overview-ru.png"), full_page=True)
    assert token not in page.content()
    assert page.console_errors == []
