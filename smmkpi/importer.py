"""The canonical importer: a folder of CSV files or one XLSX workbook in the format of KPI.md §2.

An import is all-or-nothing. :func:`import_tables` first parses and checks every cell of every file,
then every rule that spans rows and files (duplicate keys, unknown goals, missing currency rates,
overlapping assignments, ...), collecting all violations. Only when there are none does it write,
in one transaction, with one SELECT per table to load the stored keys and bulk INSERT/UPDATE
statements for the changes, so the demo workspace (~50 000 rows) imports in seconds.

Decisions this module makes where KPI.md §2 leaves room (also stated in the template's instructions):
- ``accounts.specialist`` without ``specialist_since`` is an assignment "since always", stored as
  starting on :data:`SINCE_ALWAYS` (1970-01-01).
- An open assignment followed by a later one of the same account (stored or imported) is closed the
  day before the later one starts; what still overlaps after that is a problem.
- An account that ``daily``/``posts``/``interactions``/``assignments`` name but nobody declared is
  created for the workspace's only client; a ``costs`` row's account is created for that row's client.
- A count written as text must be a plain whole number ("12.0" and "1,000" are problems); a numeric
  XLSX cell holding a whole number is accepted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

import pandas as pd
from openpyxl import load_workbook
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from db import repo, trust_repo
from db.models import (
    DEFAULT_CURRENCY,
    Account,
    Assignment,
    Client,
    Cost,
    DailyStat,
    Goal,
    GoalReach,
    Interaction,
    PlanTarget,
    Post,
    Rate,
    Sale,
    Specialist,
    WebStat,
)
from db.session import session_scope
from smmkpi.i18n.import_texts import text
from smmkpi.kpi import CHANNELS, COST_KINDS, GOAL_TYPES, KPI_KEYS, POST_FORMATS, SOCIAL_NETWORKS

MAX_PROBLEMS = 200
PREVIEW_ROWS = 20
SINCE_ALWAYS = dt.date(1970, 1, 1)
INSTRUCTIONS_SHEET = "instructions"
INTERACTION_KINDS = ("comment", "message")
PLAN_SCOPES = ("all", *SOCIAL_NETWORKS)
SHOWN_VALUE_CHARS = 80
MAX_COUNT = 2**63 - 1  # counts are BIGINT columns


# --------------------------------------------------------------------------------------------------
# The format: tables, their columns and keys


@dataclass(frozen=True)
class TableSpec:
    """One file of the format: its columns (name → kind), key columns and required columns."""

    name: str
    columns: dict[str, str]
    keys: tuple[str, ...]
    required: frozenset[str]

    @property
    def allowed(self) -> list[str]:
        return list(self.columns)


def _spec(name: str, keys: tuple[str, ...], columns: dict[str, str], optional=("client",), extra=()):
    required = frozenset(k for k in keys if k not in optional) | frozenset(extra)
    return TableSpec(name, columns, keys, required)


_COUNT = "count"
_ID = {"network": "network", "account": "text"}
TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        _spec("accounts", ("network", "account"),
              {**_ID, "name": "text", "url": "text", "client": "text", "specialist": "text",
               "specialist_since": "date"}),
        _spec("assignments", ("network", "account", "since"),
              {**_ID, "specialist": "text", "since": "date", "until": "date"}, extra=("specialist",)),
        _spec("daily", ("date", "network", "account"),
              {"date": "date", **_ID, "followers": _COUNT, "followers_gained": _COUNT, "followers_lost": _COUNT,
               "reach": _COUNT, "views": _COUNT, "profile_visits": _COUNT, "link_clicks": _COUNT,
               "messages_in": _COUNT}),
        _spec("posts", ("network", "account", "post_id"),
              {**_ID, "post_id": "text", "published_at": "timestamp", "format": "format", "url": "text",
               "reach": _COUNT, "views": _COUNT, "likes": _COUNT, "comments": _COUNT, "shares": _COUNT,
               "saves": _COUNT, "link_clicks": _COUNT, "is_promoted": "bool"}),
        _spec("interactions", ("network", "account", "interaction_id"),
              {**_ID, "interaction_id": "text", "kind": "interaction_kind", "received_at": "timestamp",
               "answered_at": "timestamp"}),
        _spec("web", ("date", "client", "channel"),
              {"date": "date", "client": "text", "channel": "channel", "sessions": _COUNT, "users": _COUNT}),
        _spec("goals", ("client", "goal"),
              {"client": "text", "goal": "text", "name": "text", "type": "goal_type"}),
        _spec("goal_reaches", ("date", "client", "channel", "goal"),
              {"date": "date", "client": "text", "channel": "channel", "goal": "text", "reaches": _COUNT}),
        _spec("sales", ("date", "client", "channel"),
              {"date": "date", "client": "text", "channel": "channel", "orders": _COUNT, "revenue": "amount"}),
        _spec("costs", ("date", "client", "channel", "kind", "account"),
              {"date": "date", "client": "text", "channel": "channel", "kind": "cost_kind", "account": "text",
               "date_to": "date", "amount": "amount", "currency": "currency", "clicks": _COUNT,
               "impressions": _COUNT}, optional=("client", "account")),
        _spec("plan", ("month", "client", "scope", "kpi"),
              {"month": "month", "client": "text", "scope": "scope", "kpi": "kpi", "target": "amount"}),
        _spec("rates", ("month", "currency"),
              {"month": "month", "currency": "currency", "rate": "rate"}, extra=("rate",)),
    )
}  # fmt: skip
TABLE_NAMES = tuple(TABLES)
_NUMERIC_KINDS = frozenset({"count", "amount", "rate"})
_ENUMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "network": ("unknown_network", SOCIAL_NETWORKS),
    "channel": ("unknown_channel", CHANNELS),
    "format": ("unknown_format", POST_FORMATS),
    "cost_kind": ("unknown_kind", COST_KINDS),
    "goal_type": ("unknown_goal_type", GOAL_TYPES),
    "kpi": ("unknown_kpi", KPI_KEYS),
    "scope": ("unknown_scope", PLAN_SCOPES),
    "interaction_kind": ("unknown_interaction_kind", INTERACTION_KINDS),
}
_ACCOUNT_TABLES = ("assignments", "daily", "posts", "interactions")  # name accounts by network + account


# --------------------------------------------------------------------------------------------------
# Public result and error types


@dataclass(frozen=True)
class Problem:
    """One violation of KPI.md §2: where it is (file, line, column, value) and which rule it breaks."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    detail: dict = field(default_factory=dict, hash=False)

    def message(self, lang: str = "en") -> str:
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(text("where.line", lang, line=self.line))
        if self.column:
            where.append(text("where.column", lang, column=self.column))
        if self.value is not None:
            where.append(text("where.value", lang, value=self.value))
        key = f"rule.{self.rule}"
        if self.detail.get("variant"):
            key = f"{key}.{self.detail['variant']}"
        body = text(key, lang, **self.detail)
        return f"{', '.join(where)}: {body}" if where else body


class ImportValidationError(Exception):
    """The import was rejected; ``problems`` holds up to MAX_PROBLEMS violations, ``total`` counts all."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = list(problems[:MAX_PROBLEMS])
        self.total = max(total if total is not None else len(problems), len(self.problems))
        super().__init__(self.report("en"))

    def report(self, lang: str = "en") -> str:
        lines = [text("report.summary", lang, count=self.total)]
        lines += [f"- {p.message(lang)}" for p in self.problems]
        if self.total > len(self.problems):
            lines.append(text("report.more", lang, count=self.total - len(self.problems)))
        return "\n".join(lines)


@dataclass
class FileSummary:
    name: str
    rows: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportSummary:
    workspace: str
    files: list[FileSummary]
    accounts_created: list[str]
    clients_created: list[str]
    specialists_created: list[str]
    dry_run: bool
    preview: dict[str, pd.DataFrame] = field(default_factory=dict)
    # What the import inserted or changed, for the checks that depend on it (trust): accounts as
    # (network, handle) from account-level rows, clients from client-level rows (web, goals, sales, costs)
    accounts_touched: list[tuple[str, str]] = field(default_factory=list)
    clients_touched: list[str] = field(default_factory=list)
    run_id: int | None = None  # the ImportRun that recorded it (None in a dry run)

    def to_dict(self) -> dict:
        """Everything but the preview, JSON-ready (stored with the import run)."""
        files = [asdict(f) for f in self.files]
        totals = {k: sum(f[k] for f in files) for k in ("rows", "inserted", "updated", "unchanged")}
        return {
            "workspace": self.workspace, "dry_run": self.dry_run, "files": files, "totals": totals,
            "accounts_created": list(self.accounts_created), "clients_created": list(self.clients_created),
            "specialists_created": list(self.specialists_created),
        }  # fmt: skip


@dataclass
class RawTable:
    """One file or sheet as read: header and rows of raw cells (text from CSV, typed values from XLSX)."""

    name: str  # the table, e.g. "daily"
    file: str  # how problems name it: "daily.csv" or "book.xlsx:daily"
    header: list[str]
    header_line: int = 1
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (line number, cells)
    separator: str | None = None  # CSV only: "," or ";"


class _Problems:
    """Collects problems; keeps the first MAX_PROBLEMS and counts the rest."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.total = 0

    def add(self, file: str, line: int | None, column: str | None, value: Any, rule: str, **detail) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(file, line, column, _shown(value), rule, detail))

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportValidationError(self.items, self.total)


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        shown = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        shown = str(int(value))
    else:
        shown = str(value)
    return shown if len(shown) <= SHOWN_VALUE_CHARS else shown[: SHOWN_VALUE_CHARS - 1] + "…"


# --------------------------------------------------------------------------------------------------
# Reading files


def read_upload(files: list[tuple[str, bytes]]) -> dict[str, RawTable]:
    """Uploaded (filename, content) pairs → tables: CSV files named after their table, or ONE workbook."""
    problems = _Problems()
    csvs, books = [], []
    for name, content in files:
        base = PurePath(name).name
        suffix = PurePath(base).suffix.lower()
        if suffix == ".csv":
            csvs.append((base, content))
        elif suffix == ".xlsx":
            books.append((base, content))
        else:
            problems.add(base, None, None, None, "unsupported_file", name=base)
    if csvs and books:
        problems.add(books[0][0], None, None, None, "mixed_upload")
    if len(books) > 1:
        problems.add(books[1][0], None, None, None, "several_workbooks", names=[b[0] for b in books])
    if not files:
        problems.add("", None, None, None, "no_files", allowed=list(TABLE_NAMES))
    problems.raise_if_any()

    tables: dict[str, RawTable] = {}
    if books:
        tables = _read_workbook(*books[0], problems)
    for base, content in csvs:
        table = PurePath(base).stem.strip().lower()
        if table not in TABLES:
            problems.add(base, None, None, None, "unknown_file", name=base, allowed=list(TABLE_NAMES))
            continue
        if table in tables:
            problems.add(
                base, None, None, None, "duplicate_file", table=table, names=[tables[table].file, base]
            )
            continue
        raw = _read_csv(base, table, content, problems)
        if raw is not None:
            tables[table] = raw
    if not tables and not problems.total:
        problems.add(books[0][0] if books else "", None, None, None, "no_files", allowed=list(TABLE_NAMES))
    problems.raise_if_any()
    return tables


def read_path(path: Path) -> dict[str, RawTable]:
    """A folder (its *.csv and *.xlsx files; other files are ignored), one CSV file or one workbook."""
    path = Path(path)
    if path.is_dir():
        found = sorted(
            p for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith((".", "~$"))
        )  # fmt: skip
        if not found:
            raise ImportValidationError([Problem(str(path), None, None, None, "no_files",
                                                 {"allowed": list(TABLE_NAMES)})])  # fmt: skip
        return read_upload([(p.name, p.read_bytes()) for p in found])
    if not path.is_file():
        raise ImportValidationError([Problem(str(path), None, None, None, "not_found", {})])
    return read_upload([(path.name, path.read_bytes())])


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decode(name: str, content: bytes, problems: _Problems) -> str | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Excel's "Unicode text")
        problems.add(name, 1, None, None, "not_utf8")
        return None
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(name, content[: exc.start].count(b"\n") + 1, None, None, "not_utf8")
        return None


def _separator(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _read_csv(name: str, table: str, content: bytes, problems: _Problems) -> RawTable | None:
    decoded = _decode(name, content, problems)
    if decoded is None:
        return None
    first = next((line for line in decoded.splitlines() if line.strip()), None)
    if first is None:
        problems.add(name, 1, None, None, "missing_header")
        return None
    sep = _separator(first)
    reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=sep)
    raw: RawTable | None = None
    previous_end = 0
    try:
        for record in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if all(not cell.strip() for cell in record):
                continue
            if raw is None:
                raw = RawTable(table, name, [cell.strip() for cell in record], line, separator=sep)
            else:
                raw.rows.append((line, record))
    except csv.Error as exc:
        problems.add(name, previous_end + 1, None, None, "unreadable_file", error=str(exc))
        return None
    return raw


def _read_workbook(book: str, content: bytes, problems: _Problems) -> dict[str, RawTable]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        problems.add(book, None, None, None, "unreadable_file", error=str(exc) or type(exc).__name__)
        return {}
    tables: dict[str, RawTable] = {}
    try:
        for sheet in workbook.worksheets:
            table = sheet.title.strip().lower()
            label = f"{book}:{sheet.title}"
            if table == INSTRUCTIONS_SHEET:
                continue
            if table not in TABLES:
                problems.add(label, None, None, None, "unknown_sheet", name=sheet.title,
                             allowed=list(TABLE_NAMES))  # fmt: skip
                continue
            if table in tables:
                problems.add(label, None, None, None, "duplicate_file", table=table,
                             names=[tables[table].file, label])  # fmt: skip
                continue
            sheet.reset_dimensions()  # some writers store a wrong used range; read every row
            raw: RawTable | None = None
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = list(values)
                if all(_blank(c) for c in cells):
                    continue
                if raw is None:
                    header = ["" if c is None else _as_text(c) for c in cells]
                    raw = RawTable(table, label, header, number)
                else:
                    raw.rows.append((number, cells))
            if raw is None:
                problems.add(label, 1, None, None, "missing_header")
            else:
                tables[table] = raw
    finally:
        workbook.close()
    return tables


# --------------------------------------------------------------------------------------------------
# Cells


class _CellError(Exception):
    def __init__(self, rule: str, **detail):
        super().__init__(rule)
        self.rule = rule
        self.detail = detail


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_TIMESTAMP_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?"
)
_INT_RE = re.compile(r"[+-]?\d+")
_POINT_NUMBER_RE = re.compile(r"[+-]?\d+(?:\.\d+)?")
_COMMA_NUMBER_RE = re.compile(r"[+-]?\d+(?:,\d+)?")
_POINT_FRACTION_RE = re.compile(r"[+-]?\d+\.\d+")
_COMMA_FRACTION_RE = re.compile(r"[+-]?\d+,\d+")
_CURRENCY_RE = re.compile(r"[A-Z]{3}")
_TRUE = frozenset({"true", "1", "yes", "да"})
_FALSE = frozenset({"false", "0", "no", "нет"})
_MIDNIGHT = dt.time(0)


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == _MIDNIGHT and value.tzinfo is None:
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == _MIDNIGHT:
            return value.date()
    elif isinstance(value, dt.date):
        return value
    elif isinstance(value, str):
        s = value.strip()
        if _DATE_RE.fullmatch(s):
            try:
                return dt.date.fromisoformat(s)
            except ValueError:
                pass
    raise _CellError("bad_date")


def _parse_month(value: Any) -> str:
    if isinstance(value, dt.date):  # Excel turns "2024-05" into 1 May 2024
        if value.day == 1 and (not isinstance(value, dt.datetime) or value.time() == _MIDNIGHT):
            return f"{value.year:04d}-{value.month:02d}"
    elif isinstance(value, str):
        match = _MONTH_RE.fullmatch(value.strip())
        if match and 1 <= int(match.group(2)) <= 12:
            return match.group(0)
    raise _CellError("bad_month")


def _parse_timestamp(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise _CellError("no_offset", variant="typed")
        return value.astimezone(dt.UTC)
    if isinstance(value, str):
        s = value.strip().upper()
        match = _TIMESTAMP_RE.fullmatch(s)
        if match:
            if not match.group(1):
                raise _CellError("no_offset")
            try:
                return dt.datetime.fromisoformat(s.replace(",", ".")).astimezone(dt.UTC)
            except ValueError:
                pass
    raise _CellError("bad_timestamp")


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        s = value.strip().lower()
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
    raise _CellError("bad_bool")


def _parse_currency(value: Any) -> str:
    s = _as_text(value).upper()
    if not _CURRENCY_RE.fullmatch(s):
        raise _CellError("bad_currency")
    return s


def _enum_parser(kind: str) -> Callable[[Any], str]:
    rule, allowed = _ENUMS[kind]
    allowed_set = frozenset(allowed)

    def parse(value: Any) -> str:
        s = _as_text(value).lower()
        if s not in allowed_set:
            raise _CellError(rule, allowed=list(allowed))
        return s

    return parse


def _number_parser(kind: str, decimal_comma: bool, comma_separated: bool) -> Callable[[Any], Any]:
    """Counts: whole ≥ 0; amounts: ≥ 0; rates: > 0. Text uses the file's one decimal mark."""
    own_re = _COMMA_NUMBER_RE if decimal_comma else _POINT_NUMBER_RE
    other_re = _POINT_FRACTION_RE if decimal_comma else _COMMA_FRACTION_RE

    def bad_text(s: str) -> _CellError:
        if other_re.fullmatch(s):
            if comma_separated:
                return _CellError("bad_number", variant="comma_separated")
            return _CellError("mixed_decimal", variant="comma" if decimal_comma else "point")
        return _CellError("bad_number")

    def parse(value: Any):
        if isinstance(value, bool):
            raise _CellError("bad_number")
        if isinstance(value, int | float):
            number = value
            if isinstance(number, float) and not math.isfinite(number):
                raise _CellError("bad_number")
        elif isinstance(value, str):
            s = value.strip()
            if kind == "count" and _INT_RE.fullmatch(s):
                number = int(s)
            elif own_re.fullmatch(s):
                number = float(s.replace(",", "."))
                if kind == "count":
                    raise _CellError("negative" if number < 0 else "not_whole")
            else:
                raise bad_text(s)
        else:
            raise _CellError("bad_number")
        if number < 0:
            raise _CellError("negative")
        if kind == "count":
            if isinstance(number, float):
                if not number.is_integer():
                    raise _CellError("not_whole")
                number = int(number)
            if number > MAX_COUNT:
                raise _CellError("too_large")
            return number
        if kind == "rate" and number <= 0:
            raise _CellError("not_positive")
        return float(number)

    return parse


def _cell_parser(kind: str, decimal_comma: bool, comma_separated: bool) -> Callable[[Any], Any]:
    if kind == "text":
        return _as_text
    if kind in _NUMERIC_KINDS:
        return _number_parser(kind, decimal_comma, comma_separated)
    if kind in _ENUMS:
        return _enum_parser(kind)
    return {"date": _parse_date, "month": _parse_month, "timestamp": _parse_timestamp, "bool": _parse_bool,
            "currency": _parse_currency}[kind]  # fmt: skip


def _uses_decimal_comma(raw: RawTable, numeric_positions: list[int]) -> bool:
    """Decide the file's decimal mark once: a comma only with ';' separators (or in a workbook)."""
    if raw.separator == "," or not numeric_positions:
        return False
    commas = points = 0
    for _, cells in raw.rows:
        for i in numeric_positions:
            if i < len(cells) and isinstance(cells[i], str):
                s = cells[i].strip()
                if _COMMA_FRACTION_RE.fullmatch(s):
                    commas += 1
                elif _POINT_FRACTION_RE.fullmatch(s):
                    points += 1
    return commas > points


# --------------------------------------------------------------------------------------------------
# Parsed rows


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    failed: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class _Parsed:
    raw: RawTable
    spec: TableSpec
    present: tuple[str, ...]  # known columns in the header, in file order
    rows: list[_Row]
    keys_complete: bool  # every key column that is required is present

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def file(self) -> str:
        return self.raw.file

    def good_rows(self) -> Iterable[_Row]:
        return (r for r in self.rows if r.ok)

    def keyed_rows(self) -> Iterable[_Row]:
        """Rows whose key cells parsed, even if another cell failed (they still declare the key)."""
        keys = self.spec.keys
        return (r for r in self.rows if not r.failed.intersection(keys))

    def value_columns(self) -> list[str]:
        return [c for c in self.present if c not in self.spec.keys]


def _parse_table(raw: RawTable, problems: _Problems) -> _Parsed:
    spec = TABLES[raw.name]
    positions: dict[str, int] = {}
    for i, original in enumerate(raw.header):
        column = original.strip().lstrip("\ufeff").lower()
        if not column:
            if any(i < len(cells) and not _blank(cells[i]) for _, cells in raw.rows):
                problems.add(raw.file, raw.header_line, None, None, "unnamed_column", position=i + 1)
        elif column not in spec.columns:
            problems.add(raw.file, raw.header_line, original, None, "unknown_column", table=spec.name,
                         allowed=spec.allowed)  # fmt: skip
        elif column in positions:
            problems.add(raw.file, raw.header_line, column, None, "duplicate_column")
        else:
            positions[column] = i
    missing = [c for c in spec.columns if c in spec.required and c not in positions]
    for column in missing:
        problems.add(raw.file, raw.header_line, column, None, "missing_column", table=spec.name,
                     required=[c for c in spec.columns if c in spec.required])  # fmt: skip

    numeric = [positions[c] for c in positions if spec.columns[c] in _NUMERIC_KINDS]
    decimal_comma = _uses_decimal_comma(raw, numeric)
    readers = [(column, i, _cell_parser(spec.columns[column], decimal_comma, raw.separator == ","),
                column in spec.required) for column, i in positions.items()]  # fmt: skip
    width = len(raw.header)
    rows: list[_Row] = []
    for line, cells in raw.rows:
        row = _Row(line, {})
        if len(cells) > width and any(not _blank(c) for c in cells[width:]):
            problems.add(raw.file, line, None, None, "too_many_cells", cells=len(cells), columns=width)
            row.failed.add("")
        for column, i, parse, required in readers:
            value = cells[i] if i < len(cells) else None
            if _blank(value):
                row.values[column] = None
                if required:
                    problems.add(raw.file, line, column, None, "missing_value")
                    row.failed.add(column)
                continue
            try:
                row.values[column] = parse(value)
            except _CellError as exc:
                problems.add(raw.file, line, column, value, exc.rule, **exc.detail)
                row.values[column] = None
                row.failed.add(column)
        _check_row_ranges(raw.file, spec.name, row, problems)
        rows.append(row)
    return _Parsed(raw, spec, tuple(positions), rows, keys_complete=not missing)


_RANGES = {
    "costs": ("date", "date_to"),
    "assignments": ("since", "until"),
    "interactions": ("received_at", "answered_at"),
}


def _check_row_ranges(file: str, table: str, row: _Row, problems: _Problems) -> None:
    if table not in _RANGES:
        return
    start, end = _RANGES[table]
    first, last = row.values.get(start), row.values.get(end)
    if first is not None and last is not None and last < first:
        problems.add(file, row.line, end, last, "reversed_range", start=start, end=end,
                     start_value=_shown(first))  # fmt: skip
        row.failed.add(end)


# --------------------------------------------------------------------------------------------------
# What is stored


@dataclass
class _StoredAccount:
    id: int
    client_id: int
    name: str | None
    url: str | None


@dataclass
class _StoredAssignment:
    id: int
    specialist_id: int
    since: dt.date
    until: dt.date | None


class _Stored:
    """The workspace's stored entities, loaded once (empty for a workspace that does not exist yet)."""

    def __init__(self, session: Session, workspace: str):
        found = repo.get_workspace(session, name=workspace)
        self.workspace_id: int | None = found.id if found else None
        self.currency = (found.currency if found else DEFAULT_CURRENCY).upper()
        self.clients: dict[str, int] = {}
        self.accounts: dict[tuple[str, str], _StoredAccount] = {}
        self.specialists: dict[str, int] = {}
        self.assignments: dict[int, list[_StoredAssignment]] = defaultdict(list)
        self.goals: dict[tuple[int, str], int] = {}
        self.rates: set[tuple[str, str]] = set()
        self.client_names: dict[int, str] = {}
        if self.workspace_id is None:
            return
        ws = self.workspace_id
        self.clients = _name_map(session, Client.name, Client.id, Client.workspace_id == ws)
        self.client_names = {v: k for k, v in self.clients.items()}
        self.specialists = _name_map(session, Specialist.key, Specialist.id, Specialist.workspace_id == ws)
        for r in session.execute(
            select(
                Account.id, Account.network, Account.handle, Account.client_id, Account.name, Account.url
            ).where(Account.workspace_id == ws)
        ):
            self.accounts[(r.network, r.handle)] = _StoredAccount(r.id, r.client_id, r.name, r.url)
        for r in session.execute(
            select(
                Assignment.id,
                Assignment.account_id,
                Assignment.specialist_id,
                Assignment.since,
                Assignment.until,
            ).where(Assignment.workspace_id == ws)
        ):
            self.assignments[r.account_id].append(_StoredAssignment(r.id, r.specialist_id, r.since, r.until))
        for r in session.execute(select(Goal.id, Goal.client_id, Goal.goal).where(Goal.workspace_id == ws)):
            self.goals[(r.client_id, r.goal)] = r.id
        self.rates = {(r.month, r.currency.upper()) for r in session.execute(
            select(Rate.month, Rate.currency).where(Rate.workspace_id == ws))}  # fmt: skip


def _name_map(session: Session, name_column, id_column, where) -> dict:
    return {name: ident for name, ident in session.execute(select(name_column, id_column).where(where))}


# --------------------------------------------------------------------------------------------------
# Fact tables: how a file row maps to a database row


@dataclass(frozen=True)
class _Fact:
    model: type
    id_keys: tuple[str, ...]  # id columns that are part of the key
    direct_keys: tuple[str, ...]  # key columns stored as they are
    values: tuple[str, ...]  # value columns (file name = model attribute)


_FACTS: dict[str, _Fact] = {
    "daily": _Fact(DailyStat, ("account_id",), ("date",), tuple(TABLES["daily"].columns)[3:]),
    "posts": _Fact(Post, ("account_id",), ("post_id",), tuple(TABLES["posts"].columns)[3:]),
    "interactions": _Fact(Interaction, ("account_id",), ("interaction_id",), ("kind", "received_at", "answered_at")),
    "web": _Fact(WebStat, ("client_id",), ("channel", "date"), ("sessions", "users")),
    "goals": _Fact(Goal, ("client_id",), ("goal",), ("name", "type")),
    "goal_reaches": _Fact(GoalReach, ("goal_id",), ("channel", "date"), ("reaches",)),
    "sales": _Fact(Sale, ("client_id",), ("channel", "date"), ("orders", "revenue")),
    "costs": _Fact(Cost, ("client_id",), ("channel", "kind", "account", "date"),
                   ("date_to", "amount", "currency", "clicks", "impressions")),
    "plan": _Fact(PlanTarget, ("client_id",), ("month", "scope", "kpi"), ("target",)),
    "rates": _Fact(Rate, (), ("month", "currency"), ("rate",)),
}  # fmt: skip
_FACT_ORDER = (
    "goals",
    "rates",
    "daily",
    "posts",
    "interactions",
    "web",
    "goal_reaches",
    "sales",
    "costs",
    "plan",
)


class _Ids:
    """Natural names → database ids (stored ones while validating; refreshed after inserts when writing)."""

    def __init__(self, clients: dict[str, int], accounts: dict[tuple[str, str], int],
                 goals: dict[tuple[int, str], int], specialists: dict[str, int]):  # fmt: skip
        self.clients, self.accounts, self.goals, self.specialists = clients, accounts, goals, specialists

    def for_row(self, table: str, row: dict) -> dict | None:
        """The id columns of ``row`` (keys and extras), or None when an entity is not stored yet."""
        if table in ("daily", "posts", "interactions"):
            account_id = self.accounts.get((row["network"], row["account"]))
            return None if account_id is None else {"account_id": account_id}
        if table == "rates":
            return {}
        client_id = self.clients.get(row["client"])
        if client_id is None:
            return None
        if table == "goal_reaches":
            goal_id = self.goals.get((client_id, row["goal"]))
            return None if goal_id is None else {"goal_id": goal_id, "client_id": client_id}
        if table == "costs":
            account_id = None
            if row["account"]:
                account_id = self.accounts.get((row["channel"], row["account"]))
                if account_id is None:
                    return None
            return {"client_id": client_id, "account_id": account_id}
        return {"client_id": client_id}


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, dt.datetime) and isinstance(new, dt.datetime):
        if old.tzinfo is None:  # SQLite returns the stored UTC time without its zone
            old = old.replace(tzinfo=dt.UTC)
        return old == new
    if isinstance(old, float) or isinstance(new, float):
        return old is not None and new is not None and float(old) == float(new)
    return old == new


def _load_facts(session: Session, workspace_id: int, fact: _Fact) -> dict[tuple, tuple[int, dict]]:
    model = fact.model
    key_columns = fact.id_keys + fact.direct_keys
    columns = [model.id, *(getattr(model, c) for c in key_columns), *(getattr(model, c) for c in fact.values)]
    stored = {}
    n = len(key_columns)
    for r in session.execute(select(*columns).where(model.workspace_id == workspace_id)):
        stored[tuple(r[1 : 1 + n])] = (r[0], dict(zip(fact.values, r[1 + n :], strict=True)))
    return stored


# --------------------------------------------------------------------------------------------------
# Validation and the change plan


@dataclass
class _AssignmentPlan:
    account: tuple[str, str]
    since: dt.date
    specialist: str
    until: dt.date | None
    stored_id: int | None
    origin: tuple[str, int] | None  # (file, line) of the import row, None for a stored one
    changed: bool = False


@dataclass
class _Plan:
    summaries: list[FileSummary] = field(default_factory=list)
    new_clients: list[str] = field(default_factory=list)
    new_specialists: list[str] = field(default_factory=list)
    new_accounts: dict[tuple[str, str], dict] = field(default_factory=dict)  # key → client, name, url
    account_updates: list[tuple[int, dict]] = field(default_factory=list)  # (id, {client?, name?, url?})
    assignments: list[_AssignmentPlan] = field(default_factory=list)  # new or changed ones
    fact_inserts: dict[str, tuple[tuple[str, ...], list[dict]]] = field(default_factory=dict)
    fact_updates: dict[str, list[dict]] = field(default_factory=dict)
    preview: dict[str, pd.DataFrame] = field(default_factory=dict)
    touched_accounts: set[tuple[str, str]] = field(default_factory=set)
    touched_clients: set[str] = field(default_factory=set)

    def touch(self, table: str, values: dict) -> None:
        if table in ("daily", "posts", "interactions"):
            self.touched_accounts.add((values["network"], values["account"]))
        elif table == "costs" and values.get("account"):
            self.touched_accounts.add((values["channel"], values["account"]))
        elif values.get("client"):
            self.touched_clients.add(values["client"])


class _Validator:
    def __init__(self, session: Session, stored: _Stored, tables: dict[str, RawTable]):
        self.session = session
        self.stored = stored
        self.tables = tables
        self.problems = _Problems()
        self.plan = _Plan()
        self.parsed: dict[str, _Parsed] = {}
        self.default_client: str | None = None
        self.client_count = 0
        self.all_clients: list[str] = []
        # (network, handle) → final client name for every account the import touches or declares
        self.account_clients: dict[tuple[str, str], str] = {}

    def run(self) -> _Plan:
        if not self.tables:
            self.problems.add("", None, None, None, "no_files", allowed=list(TABLE_NAMES))
        for name in TABLE_NAMES:
            if name in self.tables:
                self.parsed[name] = _parse_table(self.tables[name], self.problems)
        self._resolve_clients()
        self._check_duplicate_keys()
        self._plan_accounts()
        self._plan_assignments()
        self._check_goal_reaches()
        self._check_currencies()
        self._plan_facts()
        self.problems.raise_if_any()
        self.plan.preview = {
            p.name: pd.DataFrame([r.values for r in p.rows[:PREVIEW_ROWS]], columns=list(p.present))
            for p in self.parsed.values()
        }
        return self.plan

    def add(self, parsed: _Parsed, row: _Row, column: str | None, value: Any, rule: str, **detail) -> None:
        self.problems.add(parsed.file, row.line, column, value, rule, **detail)
        row.failed.add(column or "")

    # clients ---------------------------------------------------------------------------------------

    def _resolve_clients(self) -> None:
        names = list(self.stored.clients)
        seen = set(names)
        for parsed in self.parsed.values():
            for row in parsed.rows:
                name = row.values.get("client")
                if name is not None and name not in seen:
                    seen.add(name)
                    names.append(name)
                    self.plan.new_clients.append(name)
        self.all_clients = names
        self.client_count = len(names)
        self.default_client = names[0] if len(names) == 1 else None
        for parsed in self.parsed.values():
            if "client" not in parsed.spec.keys:
                continue
            for row in parsed.rows:
                if row.values.get("client") is None and "client" not in row.failed:
                    if self.default_client is None:
                        self._client_problem(parsed, row, "client", "missing_client")
                    else:
                        row.values["client"] = self.default_client

    def _client_problem(
        self, parsed: _Parsed, row: _Row, column: str, rule: str, value=None, **detail
    ) -> None:
        variant = "none" if self.client_count == 0 else None
        self.add(parsed, row, column, value, rule, count=self.client_count, clients=self.all_clients[:5],
                 variant=variant, **detail)  # fmt: skip

    # duplicate keys --------------------------------------------------------------------------------

    def _check_duplicate_keys(self) -> None:
        for parsed in self.parsed.values():
            if not parsed.keys_complete:
                continue
            keys = parsed.spec.keys
            first_lines: dict[tuple, int] = {}
            for row in parsed.keyed_rows():
                if row.values.get("client", "") is None:
                    continue
                key = tuple(row.values.get(k) or "" for k in keys)
                first = first_lines.setdefault(key, row.line)
                if first != row.line:
                    shown = ", ".join(_shown(v) or "" for v in key)
                    self.add(parsed, row, ", ".join(keys), shown, "duplicate_key", first_line=first)

    # accounts --------------------------------------------------------------------------------------

    def _stored_client_of(self, key: tuple[str, str]) -> str | None:
        account = self.stored.accounts.get(key)
        return None if account is None else self.stored.client_names[account.client_id]

    def _plan_accounts(self) -> None:
        plan, stored = self.plan, self.stored
        accounts = self.parsed.get("accounts")
        declared_rows: list[tuple[_Row, tuple[str, str], str]] = []
        declared: set[tuple[str, str]] = set()
        if accounts is not None and accounts.keys_complete:
            for row in accounts.keyed_rows():
                key = (row.values["network"], row.values["account"])
                declared.add(key)
                client = row.values.get("client") or self._stored_client_of(key) or self.default_client
                if client is None:
                    if "client" not in row.failed:
                        self._client_problem(accounts, row, "client", "missing_client")
                    continue
                self.account_clients[key] = client
                if row.ok:
                    declared_rows.append((row, key, client))
                if row.values.get("specialist_since") is not None and row.values.get("specialist") is None:
                    self.add(accounts, row, "specialist", None, "since_without_specialist")
        # accounts other files name
        unknown: dict[tuple[str, tuple[str, str]], list] = {}
        for table in _ACCOUNT_TABLES:
            parsed = self.parsed.get(table)
            if parsed is None or not parsed.keys_complete:
                continue
            for row in parsed.keyed_rows():
                key = (row.values["network"], row.values["account"])
                if key in self.account_clients or key in declared:
                    continue
                client = self._stored_client_of(key)
                if client is None and self.default_client is not None:
                    client = self.default_client
                    plan.new_accounts[key] = {"client": client}
                if client is None:
                    unknown.setdefault((table, key), []).append(row)
                else:
                    self.account_clients[key] = client
        for (table, key), rows in unknown.items():
            parsed = self.parsed[table]
            for row in rows:
                row.failed.add("account")
            self._client_problem(parsed, rows[0], "account", "unknown_account", value=key[1], network=key[0],
                                 account=key[1], rows=len(rows))  # fmt: skip
        self._check_cost_accounts()
        # the accounts file itself
        counts = FileSummary(accounts.file, len(accounts.rows)) if accounts is not None else None
        for row, key, client in declared_rows:
            present = {c: row.values[c] for c in ("name", "url") if c in accounts.present}
            old = stored.accounts.get(key)
            if old is None:
                plan.new_accounts[key] = {"client": client, **present}
                counts.inserted += 1
                continue
            changes = {c: v for c, v in present.items() if getattr(old, c) != v}
            if client != self._stored_client_of(key):
                changes["client"] = client
            if changes:
                plan.account_updates.append((old.id, changes))
                counts.updated += 1
            else:
                counts.unchanged += 1
        if counts is not None:
            plan.summaries.append(counts)

    def _check_cost_accounts(self) -> None:
        costs = self.parsed.get("costs")
        if costs is None or not costs.keys_complete or "account" not in costs.present:
            return
        for row in costs.good_rows():
            handle, channel, client = row.values["account"], row.values["channel"], row.values["client"]
            if not handle:
                continue
            if channel not in SOCIAL_NETWORKS:
                self.add(costs, row, "account", handle, "account_not_allowed", channel=channel)
                continue
            key = (channel, handle)
            owner = self.account_clients.get(key) or self._stored_client_of(key)
            if owner is None:
                self.plan.new_accounts[key] = {"client": client}
                self.account_clients[key] = client
            elif owner != client:
                self.add(costs, row, "account", handle, "account_client_mismatch", network=channel,
                         account=handle, account_client=owner, client=client)  # fmt: skip

    # assignments -----------------------------------------------------------------------------------

    def _plan_assignments(self) -> None:
        """Merge imported assignments with stored ones, close open ones, then check for overlaps."""
        imported: dict[tuple[str, str], dict[dt.date, _AssignmentPlan]] = defaultdict(dict)
        until_given: set[tuple[tuple[str, str], dt.date]] = set()
        origins: dict[tuple[tuple[str, str], dt.date], tuple[str, int, str]] = {}
        sources = []
        accounts = self.parsed.get("accounts")
        if accounts is not None and accounts.keys_complete and "specialist" in accounts.present:
            sources.append((accounts, "specialist_since"))
        if "assignments" in self.parsed and self.parsed["assignments"].keys_complete:
            sources.append((self.parsed["assignments"], "since"))
        for parsed, since_column in sources:
            has_until = parsed.name == "assignments" and "until" in parsed.present
            for row in parsed.good_rows():
                specialist = row.values.get("specialist")
                key = (row.values["network"], row.values["account"])
                if specialist is None or key not in self.account_clients:
                    continue
                since = row.values.get(since_column) or SINCE_ALWAYS
                earlier = origins.get((key, since))
                if earlier is not None and (earlier[0] == parsed.file or earlier[2] != specialist):
                    self.add(parsed, row, "network, account, since", f"{key[0]}, {key[1]}, {since.isoformat()}",
                             "duplicate_key", variant="other_file" if earlier[0] != parsed.file else None,
                             first_file=earlier[0], first_line=earlier[1])  # fmt: skip
                    continue
                origins[(key, since)] = (parsed.file, row.line, specialist)
                item = _AssignmentPlan(
                    key, since, specialist, row.values.get("until"), None, (parsed.file, row.line)
                )
                imported[key][since] = item
                if has_until:
                    until_given.add((key, since))
        for spec_name in dict.fromkeys(i.specialist for items in imported.values() for i in items.values()):
            if spec_name not in self.stored.specialists:
                self.plan.new_specialists.append(spec_name)

        specialist_names = {v: k for k, v in self.stored.specialists.items()}
        assignments = self.parsed.get("assignments")
        counts = FileSummary(assignments.file, len(assignments.rows)) if assignments is not None else None
        for key, items in imported.items():
            account = self.stored.accounts.get(key)
            stored_rows = self.stored.assignments.get(account.id, []) if account is not None else []
            stored_by_since = {s.since: s for s in stored_rows}
            timeline: dict[dt.date, _AssignmentPlan] = {
                s.since: _AssignmentPlan(key, s.since, specialist_names[s.specialist_id], s.until, s.id, None)
                for s in stored_rows
            }
            for since, item in items.items():
                old = timeline.get(since)
                if old is not None:
                    item.stored_id = old.stored_id
                    if (key, since) not in until_given:
                        item.until = old.until
                timeline[since] = item
            ordered = [timeline[s] for s in sorted(timeline)]
            for current, following in zip(ordered, ordered[1:], strict=False):
                if current.until is None:
                    current.until = following.since - dt.timedelta(days=1)
            for current, following in zip(ordered, ordered[1:], strict=False):
                if current.until is not None and current.until >= following.since:
                    self._overlap_problem(current, following)
            for item in ordered:
                old = stored_by_since.get(item.since)
                if old is None:
                    item.changed = True
                else:
                    item.changed = (specialist_names[old.specialist_id] != item.specialist
                                    or old.until != item.until)  # fmt: skip
                if item.changed:
                    self.plan.assignments.append(item)
                if counts is not None and item.origin is not None and item.origin[0] == counts.name:
                    if old is None:
                        counts.inserted += 1
                    elif item.changed:
                        counts.updated += 1
                    else:
                        counts.unchanged += 1
        if counts is not None:
            self.plan.summaries.append(counts)

    def _overlap_problem(self, first: _AssignmentPlan, second: _AssignmentPlan) -> None:
        if first.origin is None and second.origin is None:
            return  # both stored: not this import's doing
        blamed, other = (second, first) if second.origin is not None else (first, second)
        file, line = blamed.origin
        where = f"{other.origin[0]}:{other.origin[1]}" if other.origin else "stored"
        self.problems.add(file, line, "since", blamed.since, "overlapping_assignments",
                          variant="stored" if other.origin is None else None,
                          since=blamed.since.isoformat(), until=_shown(blamed.until) or "…",
                          other_specialist=other.specialist, other_since=other.since.isoformat(),
                          other_until=_shown(other.until) or "…", other=where,
                          other_line=other.origin[1] if other.origin else None)  # fmt: skip

    # goals and currencies --------------------------------------------------------------------------

    def _check_goal_reaches(self) -> None:
        reaches = self.parsed.get("goal_reaches")
        if reaches is None or not reaches.keys_complete:
            return
        names = self.stored.client_names
        defined = {(names[c], g) for c, g in self.stored.goals}
        goals = self.parsed.get("goals")
        if goals is not None and goals.keys_complete:
            defined |= {(r.values["client"], r.values["goal"]) for r in goals.keyed_rows()
                        if r.values.get("client") is not None}  # fmt: skip
        for row in reaches.good_rows():
            if (row.values["client"], row.values["goal"]) not in defined:
                self.add(reaches, row, "goal", row.values["goal"], "unknown_goal", goal=row.values["goal"],
                         client=row.values["client"])  # fmt: skip

    def _check_currencies(self) -> None:
        costs = self.parsed.get("costs")
        if costs is None or not costs.keys_complete or "currency" not in costs.present:
            return
        rates = set(self.stored.rates)
        if "rates" in self.parsed and self.parsed["rates"].keys_complete:
            rates |= {(r.values["month"], r.values["currency"]) for r in self.parsed["rates"].keyed_rows()}
        for row in costs.good_rows():
            currency = row.values.get("currency")
            if currency is None or currency == self.stored.currency:
                continue
            months = _months(row.values["date"], row.values.get("date_to") or row.values["date"])
            missing = [m for m in months if (m, currency) not in rates]
            if missing:
                self.add(costs, row, "currency", currency, "missing_rate", currency=currency, months=missing,
                         month=missing[0], workspace_currency=self.stored.currency)  # fmt: skip

    # facts -----------------------------------------------------------------------------------------

    def _plan_facts(self) -> None:
        stored = self.stored
        ids = _Ids(
            stored.clients, {k: a.id for k, a in stored.accounts.items()}, stored.goals, stored.specialists
        )
        for table in _FACT_ORDER:
            parsed = self.parsed.get(table)
            if parsed is None:
                continue
            fact = _FACTS[table]
            counts = FileSummary(parsed.file, len(parsed.rows))
            self.plan.summaries.append(counts)
            if self.problems.total:  # the import is rejected anyway; spare the work
                continue
            present = tuple(c for c in fact.values if c in parsed.present)
            known = _load_facts(self.session, stored.workspace_id, fact) if stored.workspace_id else {}
            inserts, updates = [], []
            for row in parsed.good_rows():
                values = row.values
                if table == "costs":
                    values["account"] = values.get("account") or ""
                row_ids = ids.for_row(table, values)
                hit = None
                if row_ids is not None:
                    key = tuple(row_ids[k] for k in fact.id_keys) + tuple(values[k] for k in fact.direct_keys)
                    hit = known.get(key)
                if table == "interactions":
                    self._check_answer_time(parsed, row, hit[1] if hit else {})
                if hit is None:
                    inserts.append(values)
                    counts.inserted += 1
                    self.plan.touch(table, values)
                    continue
                changes = {c: values[c] for c in present if not _same(hit[1][c], values[c])}
                if changes:
                    changes["id"] = hit[0]
                    updates.append(changes)
                    counts.updated += 1
                    self.plan.touch(table, values)
                else:
                    counts.unchanged += 1
            self.plan.fact_inserts[table] = (present, inserts)
            self.plan.fact_updates[table] = updates

    def _check_answer_time(self, parsed: _Parsed, row: _Row, old: dict) -> None:
        """answered_at ≥ received_at when one of them is stored (both in the file are checked when parsed)."""
        if "received_at" in parsed.present and "answered_at" in parsed.present:
            return
        received = row.values["received_at"] if "received_at" in parsed.present else old.get("received_at")
        answered = row.values["answered_at"] if "answered_at" in parsed.present else old.get("answered_at")
        if received is None or answered is None:
            return
        received, answered = (
            v.replace(tzinfo=dt.UTC) if v.tzinfo is None else v for v in (received, answered)
        )
        if answered < received:
            self.add(parsed, row, "answered_at", row.values.get("answered_at") or answered, "reversed_range",
                     start="received_at", end="answered_at", start_value=_shown(received))  # fmt: skip


def _months(first: dt.date, last: dt.date) -> list[str]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# --------------------------------------------------------------------------------------------------
# Writing


def _bulk_update(session: Session, model: type, rows: list[dict]) -> None:
    """UPDATE by primary key, one executemany per set of changed columns."""
    groups: dict[frozenset, list[dict]] = defaultdict(list)
    for row in rows:
        groups[frozenset(row)].append(row)
    for group in groups.values():
        session.execute(update(model), group)


def _write(session: Session, stored: _Stored, plan: _Plan, workspace: str) -> int:
    ws = repo.ensure_workspace(session, name=workspace).id
    if plan.new_clients:
        session.execute(insert(Client), [{"workspace_id": ws, "name": n} for n in plan.new_clients])
    clients = _name_map(session, Client.name, Client.id, Client.workspace_id == ws)
    if plan.new_specialists:
        session.execute(insert(Specialist), [{"workspace_id": ws, "key": k} for k in plan.new_specialists])
    specialists = _name_map(session, Specialist.key, Specialist.id, Specialist.workspace_id == ws)

    if plan.new_accounts:
        session.execute(insert(Account), [
            {"workspace_id": ws, "client_id": clients[a["client"]], "network": net, "handle": handle,
             "name": a.get("name"), "url": a.get("url")}
            for (net, handle), a in plan.new_accounts.items()
        ])  # fmt: skip
    account_updates = []
    for account_id, changes in plan.account_updates:
        row = {"id": account_id, **{k: v for k, v in changes.items() if k != "client"}}
        if "client" in changes:
            row["client_id"] = clients[changes["client"]]
        account_updates.append(row)
    _bulk_update(session, Account, account_updates)
    accounts = {(r.network, r.handle): r.id for r in session.execute(
        select(Account.id, Account.network, Account.handle).where(Account.workspace_id == ws))}  # fmt: skip

    new_assignments, changed_assignments = [], []
    for item in plan.assignments:
        values = {"specialist_id": specialists[item.specialist], "until": item.until}
        if item.stored_id is None:
            new_assignments.append({"workspace_id": ws, "account_id": accounts[item.account], "since": item.since,
                                    **values})  # fmt: skip
        else:
            changed_assignments.append({"id": item.stored_id, **values})
    _bulk_update(session, Assignment, changed_assignments)
    if new_assignments:
        session.execute(insert(Assignment), new_assignments)

    ids = _Ids(clients, accounts, dict(stored.goals), specialists)
    for table in _FACT_ORDER:
        if table not in plan.fact_inserts:
            continue
        fact = _FACTS[table]
        present, rows = plan.fact_inserts[table]
        if rows:
            records = []
            for values in rows:
                record = {"workspace_id": ws, **ids.for_row(table, values)}
                record.update({k: values[k] for k in fact.direct_keys})
                record.update({k: values.get(k) for k in fact.values})
                records.append(record)
            session.execute(insert(fact.model), records)
        _bulk_update(session, fact.model, plan.fact_updates[table])
        if table == "goals":
            ids.goals = {(r.client_id, r.goal): r.id for r in session.execute(
                select(Goal.id, Goal.client_id, Goal.goal).where(Goal.workspace_id == ws))}  # fmt: skip
    return ws


# --------------------------------------------------------------------------------------------------
# Entry points


IMPORT_LOCK_CLASS = 7_720_432  # the advisory-lock class of imports (the key is the workspace name's hash)


def import_tables(engine: Engine, tables: dict[str, RawTable], *, workspace: str, dry_run: bool = False,
                  source: str = "") -> ImportSummary:  # fmt: skip
    """Validate everything, then write it all in one transaction (nothing at all if any problem is found).

    Creates the workspace when it does not exist (not in a dry run). A dry run computes the same summary
    without writing. A successful import is recorded as an ImportRun with the summary.
    """
    workspace = workspace.strip()
    if not workspace:
        raise ValueError("workspace name is empty")
    with session_scope(engine) as session:
        if not dry_run and engine.dialect.name == "postgresql":
            # one import per workspace at a time (syncs of several accounts, replicas): what is validated
            # against is what gets written, and the trust checks' versions move in import order
            session.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK_CLASS, func.hashtext(workspace))))
        stored = _Stored(session, workspace)
        plan = _Validator(session, stored, tables).run()
        file_order = {raw.file: i for i, raw in enumerate(tables.values())}
        summary = ImportSummary(
            workspace=workspace,
            files=sorted(plan.summaries, key=lambda f: file_order.get(f.name, 0)),
            accounts_created=[f"{net}/{handle}" for net, handle in plan.new_accounts],
            clients_created=list(plan.new_clients),
            specialists_created=list(plan.new_specialists),
            dry_run=dry_run,
            preview=plan.preview,
            accounts_touched=sorted(plan.touched_accounts | set(plan.new_accounts)),
            clients_touched=sorted(plan.touched_clients),
        )
        if not dry_run:
            workspace_id = _write(session, stored, plan, workspace)
            run = repo.record_import(session, workspace_id=workspace_id, source=source or "upload",
                                     summary_json=json.dumps(summary.to_dict(), ensure_ascii=False))  # fmt: skip
            summary.run_id = run.id
            # in the same transaction: the trust checks of accounts this import did not touch stay current
            touched = repo.account_ids_for(session, workspace_id=workspace_id, accounts=summary.accounts_touched,
                                           clients=summary.clients_touched)  # fmt: skip
            trust_repo.carry_forward(
                session, workspace_id=workspace_id, version=run.id, touched_account_ids=touched
            )
    return summary


def import_path(engine: Engine, path: Path | str, *, workspace: str, dry_run: bool = False) -> ImportSummary:
    """read_path + import_tables."""
    return import_tables(
        engine, read_path(Path(path)), workspace=workspace, dry_run=dry_run, source=str(path)
    )


def _plain(value: Any) -> Any:
    """A cell value as the parsers expect it: None for missing, plain Python scalars otherwise."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def tables_from_frames(frames: dict[str, pd.DataFrame], *, origin: str = "sync") -> dict[str, RawTable]:
    """Canonical frames ({table: DataFrame with KPI.md §2 columns}) → tables for :func:`import_tables`.

    Connectors use this so synced data passes exactly the validation an uploaded file would. Cells
    may be typed (dates, aware datetimes, numbers, booleans); NaN/None/NaT mean "not reported".
    Problems name the table as ``<origin>:<table>`` and the row number counting the header as 1.
    """
    tables: dict[str, RawTable] = {}
    for name, frame in frames.items():
        header = [str(c) for c in frame.columns]
        rows = [
            (i + 2, [_plain(v) for v in record]) for i, record in enumerate(frame.itertuples(index=False))
        ]
        tables[name] = RawTable(name=name, file=f"{origin}:{name}", header=header, rows=rows)
    return tables
