"""CSV export of the tables and chart data the pages show, with headers in the UI language.

PNG: every chart's own toolbar (hover the chart) has Streamlit's built-in "Download as PNG", which
renders the chart as the user sees it; smmkpi adds the CSV beside each chart and table.

The CSV carries the engine's raw values, not the on-screen text: numbers unrounded, ratios as
fractions, money in the workspace currency, days as YYYY-MM-DD, "not reported" as an empty cell
(never 0). The dialect follows the language so a double click opens it right in a spreadsheet:
Russian uses ";" between cells and a decimal comma (what Excel expects with Russian regional settings),
English "," and a decimal point. UTF-8 with a byte order mark, so Excel detects the encoding.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import pandas as pd

from smmkpi import i18n

BOM = "\ufeff"
DIALECTS = {"ru": (";", ","), "en": (",", ".")}


def dialect(lang: str) -> tuple[str, str]:
    """(cell separator, decimal mark) for a UI language."""
    return DIALECTS[i18n.normalize_language(lang)]


def _cell(value, decimal: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or i18n.is_missing(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            return value.isoformat()
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    if isinstance(value, float):
        return repr(value).replace(".", decimal)
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item(), decimal)
    return str(value)


def _quote(text: str, separator: str) -> str:
    if any(ch in text for ch in (separator, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_bytes(frame: pd.DataFrame, columns: Mapping[str, str], lang: str) -> bytes:
    """The ``columns`` of ``frame`` (key → header, in that order) as CSV bytes for ``lang``."""
    separator, decimal = dialect(lang)
    keys = list(columns)
    lines = [separator.join(_quote(columns[k], separator) for k in keys)]
    for values in frame[keys].itertuples(index=False, name=None):
        lines.append(separator.join(_quote(_cell(v, decimal), separator) for v in values))
    return (BOM + "\r\n".join(lines) + "\r\n").encode("utf-8")


def file_name(*parts: str) -> str:
    """A file name from parts: "smmkpi-funnel-2026-03-01-2026-03-31.csv" (no spaces or slashes)."""
    safe = ["".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in part) for part in ("smmkpi", *parts)]
    return "-".join(p.strip("-") for p in safe if p.strip("-")) + ".csv"
