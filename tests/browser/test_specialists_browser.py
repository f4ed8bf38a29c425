"""Specialists page in a real browser: the demo's specialists side by side, the trust marker on the card of
whoever held the VK community when the bought followers arrived, its link to the Trust page, a deep link.

The server loads the demo workspace on first start (its data end yesterday); the test reads the same SQLite
file to know who held the episode's account on its first day.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from db import repo
from db.session import make_engine, session_scope
from smmkpi import demo
from smmkpi.bootstrap import default_demo_end

DEMO_LOAD_TIMEOUT_MS = 120_000  # first visit: the demo import, then the trust checks of six accounts
WORKSPACE = "Demo"
TALL = {"width": 1400, "height": 2000}  # Streamlit scrolls inside the page: a tall window shows it all
CARDS = '[class*="st-key-scorecard_card_"]'
WARNING = '[data-testid="stAlertContentWarning"]'


@pytest.fixture
def served(app_server_factory, tmp_path) -> tuple[str, str]:
    database_url = f"sqlite:///{tmp_path / 'specialists.db'}"
    return app_server_factory(env={"SMMKPI_DATABASE_URL": database_url}), database_url


def episode_holder(database_url: str, episode: dict) -> str:
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            workspace_id = repo.get_workspace(session, name=WORKSPACE).id
            accounts = repo.list_accounts(session, workspace_id=workspace_id)
            held = repo.list_assignments(session, workspace_id=workspace_id)
    finally:
        engine.dispose()
    account_id = int(accounts.loc[accounts["handle"] == episode["account"], "account_id"].iloc[0])
    day = pd.Timestamp(episode["start"])
    own = held[(held["account_id"] == account_id) & (held["since"] <= day)
               & (held["until"].isna() | (held["until"] >= day))]  # fmt: skip
    return own["specialist"].iloc[0]


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


def test_the_scorecard_marks_the_specialist_who_held_the_inflated_account(
    served, browser_page, artifacts_dir
):
    from playwright.sync_api import expect

    base_url, database_url = served
    episode = demo.injected_episode(end=default_demo_end(dt.date.today()))
    page = browser_page("ru-RU")
    page.goto(base_url)
    expect(page.get_by_role("heading", name="Обзор", level=1)).to_be_visible(timeout=DEMO_LOAD_TIMEOUT_MS)

    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Специалисты").click()
    expect(page.get_by_role("heading", name="Специалисты", level=1)).to_be_visible()
    expect(page.locator(CARDS)).to_have_count(3)
    expect(page.locator(WARNING)).to_have_count(0)  # the last 30 days were quiet

    # a year back the bought followers are in the period: only the card of the one who held the community then
    choose(page, "Период", "Последние 12 месяцев")
    holder = episode_holder(database_url, episode)
    marked = page.locator(CARDS).filter(has=page.locator(WARNING))
    expect(marked).to_have_count(1, timeout=30_000)
    expect(marked).to_contain_text(holder)
    expect(marked.locator(WARNING)).to_contain_text("1 аккаунт под подозрением: Мебельная фабрика «Кедр»")
    expect(marked.locator(WARNING)).to_contain_text("вероятна накрутка")
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(1)
    page.set_viewport_size(TALL)
    page.wait_for_timeout(800)  # let the chart re-layout to the new width before the picture
    page.screenshot(path=str(artifacts_dir / "specialists-ru.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})

    # the marker's link opens the Trust page, where the episode is the first thing shown
    marked.get_by_role("link", name="Находки на странице «Накрутки»").click()
    expect(page.get_by_role("heading", name="Накрутки", level=1)).to_be_visible()
    expect(page.locator('[data-testid="stAlertContentError"]')).to_contain_text("Мебельная фабрика «Кедр»")
    assert page.console_errors == []


def test_a_deep_link_opens_the_page_in_english_inside_the_app(served, browser_page, artifacts_dir):
    from playwright.sync_api import expect

    base_url, _ = served
    page = browser_page("en-US")
    page.goto(base_url)
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible(timeout=DEMO_LOAD_TIMEOUT_MS)

    page.goto(f"{base_url}/scorecard?lang=en")
    expect(page.get_by_role("heading", name="Specialists", level=1)).to_be_visible()
    expect(page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Overview")).to_be_visible()
    choose(page, "Period", "Last 12 months")
    expect(page.locator(WARNING)).to_have_count(1, timeout=30_000)
    expect(page.locator(WARNING)).to_contain_text("1 account suspicious: Мебельная фабрика «Кедр»")
    page.set_viewport_size(TALL)
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts_dir / "specialists-en.png"), full_page=True)
    assert page.console_errors == []
