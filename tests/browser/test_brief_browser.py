"""The Brief page in a real browser: start a brief, fill steps in Chromium, export the PDF and read it back."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

FIRST_LOAD_MS = 120_000  # the first request loads the demo workspace
CLIENT = "Пекарня «Колос»"
PRODUCT = "Хлеб на закваске и круассаны с доставкой"


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


def test_fill_the_wizard_and_export_the_pdf(app_server, page, artifacts_dir: Path, tmp_path):
    page.goto(app_server)  # the entry page first: it loads the demo workspace
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
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="2. Why social media").wait_for()
    wait_idle(page)
    page.get_by_role("button", name="Brand awareness").click()
    page.get_by_text("Awareness is measured by reach").wait_for()  # the answer's consequence
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="3. Audience and networks").wait_for()
    wait_idle(page)
    assert page.get_by_role("textbox", name="Product or service").count() == 0  # step 1 is gone
    page.screenshot(path=str(artifacts_dir / "brief-browser-step3.png"), full_page=True)

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
    assert page.console_errors == []
