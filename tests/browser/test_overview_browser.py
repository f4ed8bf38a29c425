"""Overview in a real browser: first start loads the demo, the language switch, a period preset, the numbers.

The server runs on its own SQLite file; the test opens the same file to compute the expected KPI values with
`kpi_report`, so the page is checked against the engine, not against numbers copied into the test.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from db import repo
from db.session import make_engine, session_scope
from smmkpi import metrics
from smmkpi.query import KpiFilters, kpi_report

DEMO_LOAD_TIMEOUT_MS = 90_000  # the first visit imports the demo workspace (a few seconds, more on CI)
WORKSPACE = "Demo"


@pytest.fixture
def served(app_server_factory, tmp_path) -> tuple[str, str]:
    """(base URL, database URL): a fresh server whose database the test can read too."""
    database_url = f"sqlite:///{tmp_path / 'browser.db'}"
    return app_server_factory(env={"SMMKPI_DATABASE_URL": database_url}), database_url


def expected(database_url: str, key: str, *, days: int, lang: str) -> tuple[str, dt.date, dt.date]:
    """The formatted value of `key` for the last `days` days with data, and that period."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            workspace = repo.get_workspace(session, name=WORKSPACE)
            _, last = repo.data_date_range(session, workspace_id=workspace.id)
            first = last - dt.timedelta(days=days - 1)
            report = kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(), date_from=first,
                                date_to=last)  # fmt: skip
    finally:
        engine.dispose()
    return metrics.format_metric(key, report["total"][key], lang, report["currency"]), first, last


def card_value(page, label: str):
    """The value element of the KPI card whose label is exactly `label`."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=exact)
    )
    return card.locator('[data-testid="stMetricValue"]')


def test_overview_language_and_period_switch_show_the_engine_numbers(served, browser_page, artifacts_dir):
    from playwright.sync_api import expect

    base_url, database_url = served
    page = browser_page("ru-RU")
    page.goto(base_url)

    # First start: the demo workspace is loaded, then the Russian Overview appears.
    expect(page.get_by_role("heading", name="Обзор", level=1)).to_be_visible(timeout=DEMO_LOAD_TIMEOUT_MS)
    ru_value, _, _ = expected(database_url, "followers_end", days=30, lang="ru")
    expect(card_value(page, metrics.label("followers_end", "ru"))).to_have_text(ru_value)
    page.screenshot(path=str(artifacts_dir / "overview-ru.png"), full_page=True)

    # Switch the language: the URL keeps it, the page is English.
    page.get_by_role("radio", name="English").click()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]lang=en\b"))
    en_value, _, _ = expected(database_url, "followers_end", days=30, lang="en")
    expect(card_value(page, "Followers")).to_have_text(en_value)

    # Choose another period preset: the cards follow kpi_report for the same days.
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Period").click()
    page.get_by_role("option", name="Last 7 days").click()
    reach, first, last = expected(database_url, "reach", days=7, lang="en")
    start_day = page.get_by_role("spinbutton", name="day, Dates start date")
    expect(start_day).to_have_attribute("aria-valuenow", str(first.day))  # the date range follows the preset
    expect(card_value(page, "Reach")).to_have_text(reach)
    posts, _, _ = expected(database_url, "posts", days=7, lang="en")
    expect(card_value(page, "Posts")).to_have_text(posts)
    page.screenshot(path=str(artifacts_dir / "overview-en-last-7-days.png"), full_page=True)

    # The language survives a reload (it lives in the URL).
    page.reload()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    assert page.console_errors == []


def test_partial_plan_warning_and_two_network_bars_render_readably(served, browser_page, artifacts_dir):
    """All clients: the plan covers one of two demo clients, so the page says so instead of "226 % of
    plan". Two networks: each bar keeps its fixed step (the chart used to collapse to ~30 px)."""
    from playwright.sync_api import expect

    from smmkpi import charts

    base_url, _ = served
    page = browser_page("ru-RU")
    page.goto(base_url + "/?lang=ru")
    expect(page.get_by_role("heading", name="Обзор", level=1)).to_be_visible(timeout=DEMO_LOAD_TIMEOUT_MS)
    expect(page.get_by_text("План задан только для: Кофейня «Обжарка»")).to_be_visible()
    expect(page.get_by_text("% плана")).to_have_count(0)

    networks = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Соцсеть")
    for name in ("ВКонтакте", "Одноклассники"):
        networks.click()
        page.get_by_role("option", name=name).click()
    page.keyboard.press("Escape")
    bar_chart = page.locator('[data-testid="stVegaLiteChart"]').last
    bar_chart.scroll_into_view_if_needed()
    expect(bar_chart.get_by_text("Одноклассники")).to_be_visible()
    box = bar_chart.bounding_box()
    # two bands of BAR_STEP plus the x axis; the old fixed height squeezed axis and bars into 100 px
    assert box and box["height"] >= 2 * charts.BAR_STEP + 40
    page.screenshot(path=str(artifacts_dir / "overview-two-networks.png"), full_page=True)
    assert page.console_errors == []
