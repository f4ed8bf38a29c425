"""The downloadable template: instructions in the user's language and example rows that import cleanly."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from smmkpi.i18n.import_texts import text
from smmkpi.importer import TABLES, import_tables, read_upload
from smmkpi.template import build_template_workbook


@pytest.fixture(params=["ru", "en"])
def lang(request) -> str:
    return request.param


def _book(lang: str):
    return load_workbook(io.BytesIO(build_template_workbook(lang)))


def test_the_first_sheet_is_instructions_in_the_requested_language(lang):
    book = _book(lang)
    sheet = book.worksheets[0]
    assert sheet.title == "instructions"
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert cells[0] == text("template.title", lang)
    assert text("template.intro", lang) in cells
    for name in TABLES:  # one paragraph per sheet
        assert text(f"template.sheet.{name}", lang) in cells
    prose = " ".join(cells).replace("да/нет", "")  # the Russian boolean words are part of the format
    cyrillic = any("а" <= ch <= "я" for ch in prose.lower())
    assert cyrillic == (lang == "ru")


def test_every_table_has_a_sheet_with_the_exact_header_and_examples(lang):
    book = _book(lang)
    assert book.sheetnames == ["instructions", *TABLES]
    for name, spec in TABLES.items():
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == list(spec.columns)
        assert 1 <= len(rows) - 1 <= 2


def test_the_template_imports_without_problems_into_an_empty_workspace(engine, lang):
    content = build_template_workbook(lang)
    summary = import_tables(
        engine, read_upload([("template.xlsx", content)]), workspace="Новая", dry_run=True
    )
    assert all(f.inserted == f.rows and f.rows >= 1 for f in summary.files)
    assert len(summary.files) == len(TABLES)

    import_tables(engine, read_upload([("template.xlsx", content)]), workspace="Новая")
    again = import_tables(engine, read_upload([("template.xlsx", content)]), workspace="Новая")
    assert all(f.unchanged == f.rows for f in again.files)
