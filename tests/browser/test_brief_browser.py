"""The Brief page in a real browser: start a brief, fill steps in Chromium, export the PDF and read it back."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from pypdf import PdfReader

from smmkpi import i18n

FIRST_LOAD_MS = 120_000  # the first request loads the demo workspace
CLIENT = "Пекарня «Колос»"
PRODUCT = "Хлеб на закваске и круассаны с доставкой"
GOAL = "Заказ торта"


def wait_idle(page) -> None:
    """Until Streamlit has finished the rerun the last action started and dropped its stale elements.

    The rerun starts a moment after the action (a websocket round trip), so give it that moment first;
    then wait for the running indicator and every element marked stale to disappear.
    """
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=30_000,
    )


def _next(page, heading: str) -> None:
    """Click Next until the step ``heading`` shows: a click that lands during a rerun can be lost.

    Before each retry the page is let settle and checked again, so a slow but registered click is never
    followed by a second one that would skip a step.
    """
    target = page.get_by_role("heading", name=heading)
    for attempt in range(3):
        wait_idle(page)
        if target.is_visible():
            return
        page.get_by_role("button", name="Next").click()
        try:
            target.wait_for(timeout=10_000)
            return
        except Exception:
            if attempt == 2:
                raise


def _open_cell(page, x: float, y: float, shows, *, escape: bool = False) -> None:
    """Click a cell of the canvas grid and press Enter until ``shows`` (its editor) appears.

    A click during a redraw can be lost; ``escape`` closes a half-open editor before the next try.
    """
    for attempt in range(4):
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        try:
            shows.wait_for(timeout=2_000)
            return
        except Exception:
            if attempt == 3:
                raise
            if escape:
                page.keyboard.press("Escape")
            wait_idle(page)


def test_fill_the_wizard_and_export_the_pdf(app_server_factory, page, artifacts_dir: Path, tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    page.goto(app_server_factory(env={"SMMKPI_DATABASE_URL": url}))  # the entry page first: it loads the demo
    page.get_by_role("heading", name="Overview").wait_for(timeout=FIRST_LOAD_MS)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Brief").click()
    page.get_by_role("heading", name="SMM brief").wait_for()

    # a new brief for a client that is not in the workspace yet
    page.get_by_role("button", name="New brief").click()
    client = page.get_by_role("combobox", name="Client (company)")
    client.click()
    client.fill(CLIENT)
    client.press("Enter")
    page.get_by_role("button", name="Create brief").click()
    page.get_by_role("heading", name="1. Business").wait_for()
    wait_idle(page)

    sells = page.get_by_role("textbox", name="What the site sells", exact=True)
    sells.fill("Хлеб и выпечка")
    sells.press("Enter")
    wait_idle(page)
    product = page.get_by_label("Product or service")
    product.fill(PRODUCT)
    product.press("Control+Enter")  # Streamlit commits a text area on Ctrl+Enter (or blur)
    wait_idle(page)
    _next(page, "2. Why social media")
    wait_idle(page)
    assert "draft, step 2 of 7" in _picker_shown(page)  # the picker's label follows the step (it went stale)
    page.get_by_role("button", name="Brand awareness").click()
    page.get_by_text("Awareness is measured by reach").wait_for()  # the answer's consequence
    _next(page, "3. Audience and networks")
    wait_idle(page)
    assert page.get_by_role("textbox", name="Product or service").count() == 0  # step 1 is gone
    page.screenshot(path=str(artifacts_dir / "brief-browser-step3.png"), full_page=True)
    _next(page, "4. Site goals")

    # 4. Site goals: a goal typed into the table (a canvas grid: double-click a cell to edit it)
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame")
    grid.hover()
    page.locator("[data-testid=stElementToolbar] button[aria-label='Add row']").click()
    wait_idle(page)
    box = grid.bounding_box()
    first_row = box["y"] + 35 + 17  # below the header row
    editor = page.locator("textarea.gdg-input")  # the grid's cell editor
    _open_cell(page, box["x"] + 100, first_row, editor)
    editor.fill(GOAL)
    editor.press("Enter")
    wait_idle(page)
    form = page.get_by_role("option", name="Form", exact=True)
    for round_ in range(3):  # a choice that lands during a rerun can be lost: Next says so, then choose again
        _open_cell(page, box["x"] + 480, first_row, form, escape=True)  # the Type column: a drop-down
        form.click()
        wait_idle(page)
        page.get_by_role("button", name="Next").click()
        try:
            page.get_by_role("heading", name="5. Resources and budget").wait_for(timeout=10_000)
            break
        except Exception:
            if round_ == 2:
                raise
            wait_idle(page)

    # 5. Resources and budget: the total and its split show at once
    page.get_by_role("heading", name="5. Resources and budget").wait_for()
    wait_idle(page)
    ads = page.get_by_role("spinbutton", name="Ads, RUB per month")
    ads.fill("30000")
    ads.press("Enter")
    wait_idle(page)
    fee = page.get_by_role("spinbutton", name="Specialist or agency, RUB per month")
    fee.fill("60000")
    fee.press("Enter")
    wait_idle(page)
    page.get_by_text("Total per month:").wait_for()
    _next(page, "6. Reports")
    _next(page, "7. KPI plan")

    # 7. KPI plan: propose (no data for a new client: from the budget and benchmarks), then save
    wait_idle(page)
    page.get_by_role("button", name="Propose a plan").click()
    page.get_by_role("button", name="Save plan").wait_for()
    wait_idle(page)
    page.screenshot(path=str(artifacts_dir / "brief-browser-plan.png"), full_page=True)
    page.get_by_role("button", name="Save plan").click()
    page.get_by_text("Plan saved as version 1").wait_for(timeout=60_000)
    wait_idle(page)
    saved = _db_saved_plan(url, CLIENT)
    reach = min((r for r in saved if r["kpi"] == "reach" and r["scope"] == "all"), key=lambda r: r["month"])

    # the document for sign-off (built when the button is clicked)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="PDF").click()
    target = tmp_path / "brief.pdf"
    download.value.save_as(target)
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert CLIENT in text
    assert PRODUCT in text
    assert "Brand awareness" in text and "Awareness is measured by reach" in text
    assert GOAL in text  # the goal typed into the table
    assert i18n.format_number(reach["target"], "en") in text  # the saved plan's first reach target
    assert page.console_errors == []


# --- Switching briefs must not carry the open brief's answers over --------------------------------------

COFFEE = "Кофейня «Обжарка»"
FURNITURE = "Мебельная фабрика «Кедр»"
BAKERY = "Пекарня «Колос»"
FLOWERS = "Цветочная мастерская «Пион»"


def _db_briefs(url: str) -> dict[int, tuple[str, dict]]:
    from db import brief_repo, repo
    from db.session import make_engine, session_scope

    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return {b.id: (b.client, brief_repo.answers_of(b))
                    for ws in repo.list_workspaces(session)
                    for b in brief_repo.list_briefs(session, workspace_id=ws.id)}  # fmt: skip
    finally:
        engine.dispose()


def _db_saved_plan(url: str, client: str) -> list[dict]:
    """The rows of the client's newest saved plan version."""
    from db import brief_repo, repo
    from db.session import make_engine, session_scope

    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            for ws in repo.list_workspaces(session):
                for b in brief_repo.list_briefs(session, workspace_id=ws.id):
                    versions = brief_repo.list_plan_versions(session, workspace_id=ws.id, brief_id=b.id)
                    if b.client == client and versions:
                        return brief_repo.rows_of(max(versions, key=lambda v: v.version))
        return []
    finally:
        engine.dispose()


def _open_brief_page(page, base_url: str) -> None:
    page.goto(base_url)  # the entry page first: it loads the demo workspace
    page.get_by_role("heading", name="Overview").wait_for(timeout=FIRST_LOAD_MS)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Brief").click()
    page.get_by_role("heading", name="SMM brief").wait_for()
    wait_idle(page)


def _pick(page, label_start: str) -> None:
    """Choose a brief in the picker by the start of its label (the client's name)."""
    page.get_by_role("combobox", name="Brief", exact=True).click()
    page.get_by_role("option").filter(has_text=label_start).first.click()
    wait_idle(page)


def _go_to_step(page, number: int, title: str) -> None:
    page.locator("button").filter(has_text=re.compile(rf"^{number}\. {title}$")).click()  # the step bar
    page.get_by_role("heading", name=f"{number}. {title}").wait_for()
    wait_idle(page)


def _company_shown(page) -> str:
    box = page.get_by_test_id("stSelectbox").filter(has_text="Company (client)")
    shown = box.evaluate(
        "e => [e.innerText, ...[...e.querySelectorAll('input')].map(i => i.value)].join(' ')"
    )
    return " ".join(shown.split())


def _picker_shown(page) -> str:
    box = page.get_by_test_id("stSelectbox").filter(has_text="Brief").first
    return box.evaluate("e => [...e.querySelectorAll('input')].map(i => i.value).join(' ')")


def _edit_product(page, text: str) -> None:
    product = page.get_by_label("Product or service")
    product.fill(text)
    product.press("Control+Enter")
    wait_idle(page)


def _create_for(page, button: str, client_label: str, run: str, client: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    combo = page.get_by_role("combobox", name=client_label)
    combo.click()
    combo.fill(client)
    combo.press("Enter")
    page.get_by_role("button", name=run).click()
    page.get_by_role("heading", name="1. Business").wait_for()
    # the open brief may already be at step 1: wait until the picker shows the new brief
    deadline = time.monotonic() + 30
    while client not in _picker_shown(page) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    wait_idle(page)


def test_switching_briefs_keeps_each_briefs_own_answers(app_server_factory, page, tmp_path, artifacts_dir):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    base = app_server_factory(env={"SMMKPI_DATABASE_URL": url})
    _open_brief_page(page, base)
    before = _db_briefs(url)
    coffee_id = next(i for i, (client, _) in before.items() if client == COFFEE)
    coffee_answers = before[coffee_id][1]

    # (a) a new brief while the coffee brief is open at step 1
    _pick(page, COFFEE)
    _go_to_step(page, 1, "Business")
    assert page.get_by_label("Product or service").input_value() == coffee_answers["product"]
    _create_for(page, "New brief", "Client (company)", "Create brief", BAKERY)
    assert BAKERY in _company_shown(page) and COFFEE not in _company_shown(page)
    assert page.get_by_label("Product or service").input_value() == ""
    _edit_product(page, PRODUCT)
    (bakery,) = [a for client, a in _db_briefs(url).values() if client == BAKERY]
    assert bakery["company"] == BAKERY and bakery["product"] == PRODUCT
    assert bakery["average_order_value"] is None  # not the coffee shop's average order

    # (a) a copy of the coffee brief for another client
    _pick(page, COFFEE)
    _go_to_step(page, 1, "Business")
    _create_for(page, "Copy", "For which client", "Create copy", FLOWERS)
    assert FLOWERS in _company_shown(page) and COFFEE not in _company_shown(page)
    _edit_product(page, "Пионы и сборные букеты")
    (flowers,) = [a for client, a in _db_briefs(url).values() if client == FLOWERS]
    assert flowers["company"] == FLOWERS and flowers["product"] == "Пионы и сборные букеты"
    assert flowers["average_order_value"] == coffee_answers["average_order_value"]  # a copy keeps the rest

    # (b) the picker: from the coffee brief at step 3 to the furniture draft (also at step 3)
    _pick(page, COFFEE)
    _go_to_step(page, 3, "Audience and networks")
    assert page.get_by_label("Target audience").input_value() == coffee_answers["audience"]
    _pick(page, FURNITURE)
    page.get_by_role("heading", name="3. Audience and networks").wait_for()
    furniture_id = next(i for i, (client, _) in before.items() if client == FURNITURE)
    assert page.get_by_label("Target audience").input_value() == before[furniture_id][1]["audience"]
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(artifacts_dir / "brief-browser-switch.png"), full_page=True)
    after = _db_briefs(url)
    changed = {k: (before[coffee_id][1].get(k), v) for k, v in after[coffee_id][1].items()
               if before[coffee_id][1].get(k) != v}  # fmt: skip
    for key, (old, new) in changed.items():  # what changed, element by element (for the failure message)
        if isinstance(old, list) and isinstance(new, list):
            changed[key] = (
                [o for o in old if o not in new][:3],
                [n for n in new if n not in old][:3],
                len(old),
                len(new),
            )
    assert after[coffee_id][0] == COFFEE and changed == {}
    assert after[furniture_id][1]["audience"] == before[furniture_id][1]["audience"]
    assert after[furniture_id][0] == FURNITURE
    assert page.console_errors == []
