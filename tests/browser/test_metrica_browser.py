"""Yandex Metrica in a real browser: Connections → Connect → the fake's consent page → Allow → back in the app →
pick a counter → sync with progress → the Overview shows the counter's site sessions and goals.

The fake Metrica runs in this process on 127.0.0.1 with "today" = the real today (the app syncs up to its own
today); the app server gets its URLs through SMMKPI_YANDEX_METRICA_* settings. The expected numbers come from
`kpi_report` on the server's database file and from the fake's own data, so the page is checked against both.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from cryptography.fernet import Fernet

from db import repo
from db.session import make_engine, session_scope
from smmkpi import i18n, importer, metrics
from smmkpi.query import KpiFilters, kpi_report
from tests.fakes.server import run_fakes

WORKSPACE = "Агентство"
CLIENT = "Обжарка"
COUNTER = "Обжарка — сайт (44147844)"
SYNC_TIMEOUT_MS = 90_000


@pytest.fixture
def metrica():
    with run_fakes("yandex_metrica", yandex_metrica={"today": dt.date.today()}) as hub:
        yield hub


@pytest.fixture
def served(metrica, app_server_factory, tmp_path) -> tuple[str, str]:
    """(base URL, database URL): a workspace whose client has a VK community (so VK is a channel in scope),
    no demo data, and the app pointed at the fake Metrica."""
    database_url = f"sqlite:///{tmp_path / 'metrica.db'}"
    engine = make_engine(database_url)
    try:
        from db.migrate import upgrade

        upgrade(engine)
        accounts = pd.DataFrame(
            [{"network": "vk", "account": "obzharka", "name": "Обжарка ВКонтакте", "client": CLIENT}]
        )
        importer.import_tables(
            engine, importer.tables_from_frames({"accounts": accounts}), workspace=WORKSPACE
        )
    finally:
        engine.dispose()
    env = {
        **metrica.env(),
        "SMMKPI_DATABASE_URL": database_url,
        "SMMKPI_LOAD_DEMO": "false",
        "SMMKPI_SECRET_KEY": Fernet.generate_key().decode(),
    }
    return app_server_factory(env=env), database_url


def last_30_days(database_url: str) -> tuple[dict, dt.date, dt.date]:
    """The KPI report for the Overview's default period (30 days up to the last day with daily stats, or today)."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            workspace = repo.get_workspace(session, name=WORKSPACE)
            _, last = repo.data_date_range(session, workspace_id=workspace.id)
            last = last or dt.date.today()
            first = last - dt.timedelta(days=29)
            report = kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(), date_from=first,
                                date_to=last)  # fmt: skip
    finally:
        engine.dispose()
    return report, first, last


def card_value(page, label: str):
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=exact)
    )
    return card.locator('[data-testid="stMetricValue"]')


def nav(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=title).click()


def choose(page, label: str, option: str, attempts: int = 5) -> None:
    """Pick ``option`` in the selectbox ``label``; a rerun that lands while the list is open closes it, so retry."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    select = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    for attempt in range(attempts):
        select.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=3_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def test_connect_metrica_pick_a_counter_sync_and_see_sessions_and_goals(
    served, metrica, browser_page, artifacts_dir
):
    from playwright.sync_api import expect

    base_url, database_url = served
    fake = metrica["yandex_metrica"]
    page = browser_page("ru-RU")
    # The first visit of a fresh server goes to the entry page: Streamlit learns the navigation there (a deep
    # link as the very first request shows the bare pages/ folder in the sidebar).
    page.goto(base_url)
    expect(page.get_by_role("heading", name=i18n.t("nav.overview", "ru"), level=1)).to_be_visible(
        timeout=60_000
    )
    nav(page, i18n.t("nav.connections", "ru"))

    # Connect: the browser goes to the provider's consent page and comes back with a code.
    connect = page.get_by_role("link", name=i18n.t("connections.connect", "ru", name="Yandex Metrica"))
    connect.click()
    expect(page.get_by_role("heading", name="Приложение smmkpi запрашивает доступ")).to_be_visible()
    page.get_by_role("button", name="Разрешить").click()
    expect(page.get_by_text(i18n.t("connections.connected", "ru", name="ivan.marketolog"))).to_be_visible(
        timeout=60_000
    )
    assert "code=" not in page.url and "state=" not in page.url  # the one-time code left the URL

    # Pick the counter (offered first), assign it to the client, save and sync.
    expect(page.get_by_text(COUNTER)).to_be_visible()
    choose(page, i18n.t("filter.client", "ru"), CLIENT)
    page.screenshot(path=str(artifacts_dir / "metrica-picker-ru.png"), full_page=True)
    page.get_by_role("button", name=i18n.t("connections.start_sync", "ru")).click()
    done = re.compile(
        r"^" + re.escape(i18n.t("connections.sync_done", "ru", rows="@@@")).replace("@@@", ".+") + "$"
    )
    expect(page.get_by_text(done)).to_be_visible(timeout=SYNC_TIMEOUT_MS)
    page.screenshot(path=str(artifacts_dir / "metrica-synced-ru.png"), full_page=True)
    assert fake.api_requests() and all(r["params"]["accuracy"] == "full" for r in fake.api_requests())

    # The Overview shows the counter's numbers: sessions from VK (the client's network) and its goals.
    report, first, last = last_30_days(database_url)
    vk_sessions = sum(
        row["visits"]
        for day, rows in fake.daily_rows(44147844).items()
        if first <= day <= last
        for row in rows
        if row["social"] and row["social"][0] == "vkontakte" or row["utm_source"] == "vk"
    )
    assert report["total"]["sessions"] == vk_sessions > 0
    assert report["total"]["leads"]
    nav(page, i18n.t("nav.overview", "ru"))
    expect(page.get_by_role("heading", name=i18n.t("nav.overview", "ru"), level=1)).to_be_visible()
    for tab, keys in (("Трафик", ("sessions",)), ("Цели", ("goal_reaches", "leads"))):
        page.get_by_role("tab", name=tab).click()
        for key in keys:
            value = metrics.format_metric(key, report["total"][key], "ru", report["currency"])
            card = card_value(page, metrics.label(key, "ru"))
            expect(card).to_be_visible()
            expect(card).to_have_text(value)
    page.screenshot(path=str(artifacts_dir / "metrica-overview-ru.png"), full_page=True)
    assert page.console_errors == []
