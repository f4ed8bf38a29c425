"""Trust page in a real browser: the demo's injected bought-followers episode is found, drawn and explained.

The server loads the demo workspace on first start (its data end yesterday); the test reads the same SQLite
file to know where the episode lies and which findings the page must show.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from db import repo, trust_repo
from db.session import make_engine, session_scope
from smmkpi import demo, i18n
from smmkpi.bootstrap import default_demo_end

DEMO_LOAD_TIMEOUT_MS = 120_000  # first visit: the demo import, then the trust checks of six accounts
WORKSPACE = "Demo"


@pytest.fixture
def served(app_server_factory, tmp_path) -> tuple[str, str]:
    database_url = f"sqlite:///{tmp_path / 'browser.db'}"
    return app_server_factory(env={"SMMKPI_DATABASE_URL": database_url}), database_url


def stored_flags(database_url: str):
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            workspace = repo.get_workspace(session, name=WORKSPACE)
            found = trust_repo.load_findings(session, workspace_id=workspace.id)
    finally:
        engine.dispose()
    return found[found["kind"].isin(["suspicious", "impossible"])]


def test_the_injected_episode_is_found_drawn_and_explained(served, browser_page, artifacts_dir):
    from playwright.sync_api import expect

    base_url, database_url = served
    episode = demo.injected_episode(end=default_demo_end(dt.date.today()))
    page = browser_page("ru-RU")
    page.goto(base_url)
    expect(page.get_by_role("heading", name="Обзор", level=1)).to_be_visible(timeout=DEMO_LOAD_TIMEOUT_MS)

    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Накрутки").click()
    expect(page.get_by_role("heading", name="Накрутки", level=1)).to_be_visible()
    verdict = page.locator('[data-testid="stAlertContentError"]')
    expect(verdict).to_contain_text("Мебельная фабрика «Кедр»", timeout=DEMO_LOAD_TIMEOUT_MS)
    expect(verdict).to_contain_text("вероятна накрутка")

    # the page shows the stored findings of the episode, with their days, drawn on four charts
    flags = stored_flags(database_url)
    assert set(flags["handle"]) == {episode["account"]}
    on_episode = flags[(flags["first_day"] <= episode["end"]) & (flags["last_day"] >= episode["start"])]
    assert {"D1", "D2"} <= set(on_episode["detector"])
    d1 = on_episode[on_episode["detector"] == "D1"].iloc[0]
    when = i18n.format_period(d1["first_day"], d1["last_day"], "ru")
    finding = (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text="Подписчики без охвата")
        .filter(has_text=when)
    )
    expect(finding.last).to_contain_text("Рекламы в эти дни не было.")
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(4)
    page.screenshot(path=str(artifacts_dir / "trust-ru.png"), full_page=True)

    # a user explains the first finding: the mark is shown with the comment and the author
    page.get_by_role("button", name="Отметить как объяснённое").first.click()
    page.get_by_role("textbox", name="Чем объясняется").fill("Розыгрыш у партнёра в эти дни")
    page.get_by_role("textbox", name="Кто отмечает").fill("Анна")
    page.get_by_role("button", name="Сохранить отметку").click()
    # saving closes the dialog and reruns the page, which rereads the findings: give a loaded machine time
    expect(page.get_by_text(re.compile(r"Объяснено: «Розыгрыш у партнёра в эти дни» — Анна"))).to_be_visible(
        timeout=30_000
    )
    expect(verdict).to_contain_text("1 подозрительный эпизод")  # the other one (D2, far off the norm) remains
    page.screenshot(path=str(artifacts_dir / "trust-ru-explained.png"), full_page=True)
    assert page.console_errors == []
