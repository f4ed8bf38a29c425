"""Funnel, Money, Content and Communication in a real browser: each page opened from the sidebar, one filter
changed, a CSV and a PNG downloaded, screenshots saved to tests/artifacts/.

The server runs on its own SQLite file (the demo workspace loads on the first visit); the test reads the
same file to compute what the pages must show with the KPI engine.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

from db import repo
from db.session import make_engine, session_scope
from smmkpi import charts, metrics, money
from smmkpi.query import KpiFilters, kpi_report

DEMO_LOAD_TIMEOUT_MS = 90_000
WORKSPACE = "Demo"
TALL = {"width": 1400, "height": 2600}  # Streamlit scrolls inside the page: a tall window shows it all


@pytest.fixture
def served(app_server_factory, tmp_path) -> tuple[str, str]:
    database_url = f"sqlite:///{tmp_path / 'analysis.db'}"
    return app_server_factory(env={"SMMKPI_DATABASE_URL": database_url}), database_url


def last_30_days_report(database_url: str, networks: tuple[str, ...] = ()) -> dict:
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            workspace = repo.get_workspace(session, name=WORKSPACE)
            _, last = repo.data_date_range(session, workspace_id=workspace.id)
            return kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(networks=networks),
                              date_from=last - dt.timedelta(days=29), date_to=last)  # fmt: skip
    finally:
        engine.dispose()


def open_page(page, name: str) -> None:
    from playwright.sync_api import expect

    page.locator('[data-testid="stSidebarNavLink"]', has_text=name).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()


def shoot(page, artifacts_dir, name: str) -> None:
    page.set_viewport_size(TALL)
    page.wait_for_timeout(800)  # let the charts re-layout to the new width before the picture
    page.screenshot(path=str(artifacts_dir / name), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_analysis_pages_filters_and_exports(served, browser_page, artifacts_dir):
    from playwright.sync_api import expect

    base_url, database_url = served
    page = browser_page("ru-RU")
    page.goto(base_url)
    expect(page.get_by_role("heading", name="Обзор", level=1)).to_be_visible(timeout=DEMO_LOAD_TIMEOUT_MS)
    report = last_30_days_report(database_url)

    # Funnel: click the first bar of "Funnel by network" (the network with most leads) — the page follows it
    open_page(page, "Воронка")
    expect(page.get_by_role("heading", name="Воронка: все соцсети")).to_be_visible()
    top = max(report["by_network"], key=lambda n: report["by_network"][n]["leads"] or 0)
    label = charts.channel_label(top, "ru")
    page.locator('[data-testid="stVegaLiteChart"]').nth(1).locator("svg g.mark-rect path").first.click()
    expect(page.get_by_role("heading", name=f"Воронка: {label}")).to_be_visible()
    expect(page.get_by_role("radio", name=label)).to_be_checked()  # the focus pill follows the click
    focused = last_30_days_report(database_url, (top,))
    steps = page.locator('[data-testid="stDataFrame"]').first
    expect(steps).to_contain_text(metrics.format_metric("leads", focused["total"]["leads"], "ru"))
    shoot(page, artifacts_dir, "analysis-funnel-ru.png")

    # Money: the verdict, a CSV of the channel comparison, a PNG of its chart, then the price of a lead
    open_page(page, "Деньги")
    verdict = money.verdict_text(money.verdict(report), "ru", report["currency"])
    expect(page.get_by_text(verdict["headline"])).to_be_visible()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Скачать CSV").first.click()
    data = Path(csv_download.value.path()).read_bytes()
    table = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)  # fmt: skip
    assert csv_download.value.suggested_filename.endswith(".csv")
    assert list(table.columns)[:3] == ["Канал", "Затраты", "Визиты на сайт"]
    assert table.set_index("Канал").loc["Яндекс Директ", "Продажи"] == str(
        report["by_channel"]["yandex_direct"]["orders"]
    )
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.hover()
    with page.expect_download() as png_download:
        page.get_by_role("button", name="Download as PNG").first.click()
    assert Path(png_download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    basis = page.get_by_role("radiogroup", name="Сравнивать по").get_by_role("radio", name="Цена лида")
    basis.click()
    expect(basis).to_be_checked()
    shoot(page, artifacts_dir, "analysis-money-ru.png")

    # Content: rank the posts by reach
    open_page(page, "Контент")
    page.get_by_role("radio", name="Охват", exact=True).click()
    expect(page.get_by_role("radio", name="Охват", exact=True)).to_be_checked()
    expect(page.get_by_text("Лучшие", exact=True)).to_be_visible()
    shoot(page, artifacts_dir, "analysis-content-ru.png")

    # Communication: break the answers down by specialist
    open_page(page, "Коммуникации")
    page.get_by_role("radio", name="По специалистам").click()
    expect(page.locator('[data-testid="stDataFrame"]').first).to_contain_text("irina.volkova@agency.example")
    shoot(page, artifacts_dir, "analysis-communication-ru.png")

    assert page.console_errors == []
