"""The downloadable import template: an XLSX workbook in the format of KPI.md §2.

The first sheet, ``instructions``, explains the format in the chosen language (the importer ignores it);
every other sheet is one table with its exact header row and example rows that import cleanly into an
empty workspace.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from smmkpi.i18n.import_texts import text
from smmkpi.importer import INSTRUCTIONS_SHEET, TABLES

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
KEY_FILL = PatternFill("solid", fgColor="FFF2CC")  # key columns stand out in the header
MAX_COLUMN_WIDTH = 40

_D = dt.date


def _examples(lang: str) -> dict[str, list[dict]]:
    """Example rows per sheet; names follow the language, everything else is the same."""
    ru = lang == "ru"
    client = "Зерно" if ru else "Zerno Coffee"
    anna, boris = "anna@agency.example", "boris@agency.example"
    return {
        "accounts": [
            {"network": "vk", "account": "zerno_coffee", "name": "Зерно — кофейня" if ru else "Zerno coffee house",
             "url": "https://vk.example/zerno_coffee", "client": client, "specialist": anna,
             "specialist_since": _D(2024, 1, 1)},
            {"network": "telegram", "account": "zerno_news", "name": "Зерно: новости" if ru else "Zerno news",
             "url": "https://t.example/zerno_news", "client": client},
        ],
        "assignments": [
            {"network": "telegram", "account": "zerno_news", "specialist": boris, "since": _D(2024, 1, 15)},
        ],
        "daily": [
            {"date": _D(2024, 5, 1), "network": "vk", "account": "zerno_coffee", "followers": 12840,
             "followers_gained": 35, "followers_lost": 12, "reach": 4210, "views": 6900, "profile_visits": 310,
             "link_clicks": 58, "messages_in": 7},
            {"date": _D(2024, 5, 2), "network": "vk", "account": "zerno_coffee", "followers": 12861,
             "followers_gained": 29, "followers_lost": 8, "reach": 3980, "link_clicks": 41},
        ],
        "posts": [
            {"network": "vk", "account": "zerno_coffee", "post_id": "101",
             "published_at": "2024-05-01T10:00:00+03:00", "format": "photo",
             "url": "https://vk.example/wall-1_101", "reach": 3150, "views": 4020, "likes": 120, "comments": 14,
             "shares": 9, "saves": 21, "link_clicks": 33, "is_promoted": "false"},
        ],
        "interactions": [
            {"network": "vk", "account": "zerno_coffee", "interaction_id": "c-5001", "kind": "comment",
             "received_at": "2024-05-01T11:02:00+03:00", "answered_at": "2024-05-01T11:20:00+03:00"},
            {"network": "telegram", "account": "zerno_news", "interaction_id": "m-77", "kind": "message",
             "received_at": "2024-05-01T21:40:00+03:00"},
        ],
        "web": [
            {"date": _D(2024, 5, 1), "client": client, "channel": "vk", "sessions": 64, "users": 57},
            {"date": _D(2024, 5, 1), "client": client, "channel": "yandex_direct", "sessions": 210, "users": 188},
        ],
        "goals": [
            {"client": client, "goal": "order_form", "name": "Заявка на сайте" if ru else "Order form sent",
             "type": "form"},
            {"client": client, "goal": "call", "name": "Звонок" if ru else "Phone call", "type": "call"},
        ],
        "goal_reaches": [
            {"date": _D(2024, 5, 1), "client": client, "channel": "vk", "goal": "order_form", "reaches": 3},
            {"date": _D(2024, 5, 1), "client": client, "channel": "yandex_direct", "goal": "call", "reaches": 5},
        ],
        "sales": [
            {"date": _D(2024, 5, 1), "client": client, "channel": "vk", "orders": 2, "revenue": 3400},
        ],
        "costs": [
            {"date": _D(2024, 5, 1), "client": client, "channel": "vk", "kind": "ads", "account": "zerno_coffee",
             "date_to": _D(2024, 5, 31), "amount": 15000, "clicks": 420, "impressions": 35000},
            {"date": _D(2024, 5, 1), "client": client, "channel": "vk", "kind": "fee", "date_to": _D(2024, 5, 31),
             "amount": 200, "currency": "USD"},
        ],
        "plan": [
            {"month": "2024-05", "client": client, "scope": "all", "kpi": "reach", "target": 120000},
            {"month": "2024-05", "client": client, "scope": "vk", "kpi": "er_reach", "target": 0.04},
        ],
        "rates": [
            {"month": "2024-05", "currency": "USD", "rate": 91.5},
        ],
    }  # fmt: skip


def _write_instructions(sheet, lang: str) -> None:
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 110
    sheet.append([text("template.title", lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([text("template.intro", lang)])
    rows = [[], [text("template.rules_title", lang)]]
    rows += [["", rule] for rule in text("template.rules", lang).split("\n")]
    rows += [[], [text("template.sheets_title", lang)]]
    rows += [[name, text(f"template.sheet.{name}", lang)] for name in TABLES]
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
            if cell.column == 1 and cell.row > 2:
                cell.font = bold
    sheet.merge_cells("A2:B2")
    sheet.row_dimensions[2].height = 60


def _write_table(sheet, name: str, rows: list[dict]) -> None:
    spec = TABLES[name]
    columns = list(spec.columns)
    sheet.append(columns)
    for i, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font = Font(bold=True)
        if column in spec.keys:
            cell.fill = KEY_FILL
    for example in rows:
        sheet.append([example.get(c) for c in columns])
    for i, column in enumerate(columns, start=1):
        kind = spec.columns[column]
        letter = get_column_letter(i)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
            if kind == "date":
                cell.number_format = DATE_FORMAT
            elif kind in ("text", "month", "timestamp"):
                cell.number_format = (
                    TEXT_FORMAT  # keeps Excel from turning ids and months into numbers or dates
                )
        longest = max([len(column)] + [len(str(r.get(column) or "")) for r in rows])
        sheet.column_dimensions[letter].width = min(MAX_COLUMN_WIDTH, longest + 3)
    sheet.freeze_panes = "A2"


def build_template_workbook(lang: str = "ru") -> bytes:
    """The import template as XLSX bytes, with its instructions in ``lang`` ("ru" or "en")."""
    lang = "ru" if lang == "ru" else "en"
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions, lang)
    for name, rows in _examples(lang).items():
        _write_table(workbook.create_sheet(name), name, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
