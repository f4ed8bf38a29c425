"""The brief as a document to send to the customer for sign-off: Markdown or PDF, in Russian or English.

Both formats render one outline (:func:`outline`): the answers of steps 1–6 (question → answer, with what
each chosen option means), the KPI plan as a table of KPIs by month with the reasoning behind the targets,
and a sign-off block. The PDF embeds DejaVu Sans from ``smmkpi/assets/fonts`` (Cyrillic included, licence
next to the files), so it looks the same on any machine and its text can be selected and extracted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from smmkpi import brief as briefs
from smmkpi import i18n, metrics
from smmkpi.brief import Baseline, PlanRow, Question, Reason
from smmkpi.kpi import SOCIAL_NETWORKS

FONTS_DIR = Path(__file__).resolve().parent / "assets" / "fonts"
FONT = "DejaVu"
PDF_MIME = "application/pdf"
MARKDOWN_MIME = "text/markdown"


@dataclass
class BriefDocument:
    """Everything the document shows; the plan is the newest saved version, else the draft."""

    client: str
    title: str
    workspace: str
    answers: dict
    prepared_on: dt.date
    currency: str = "RUB"
    rows: list[PlanRow] = field(default_factory=list)
    reasons: dict[str, list[Reason]] = field(default_factory=dict)
    notes: list[Reason] = field(default_factory=list)
    baseline: Baseline = field(default_factory=Baseline.empty)
    version: int | None = None
    saved_at: dt.datetime | None = None
    saved_by: str | None = None


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from this index on are right-aligned
    weights: list[float] | None = None  # relative column widths in the PDF (None: the default layout)


@dataclass
class Item:
    label: str
    text: str
    notes: list[str] = field(default_factory=list)
    table: Table | None = None


@dataclass
class Section:
    """A heading, then: intro paragraphs, items (label → text, notes), tables, outro paragraphs.

    ``wide`` (the plan) puts the tables before the items, under ``items_title``, on a landscape page.
    """

    title: str
    intro: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    items_title: str = ""
    tables: list[Table] = field(default_factory=list)
    outro: list[str] = field(default_factory=list)
    wide: bool = False


def file_stem(client: str) -> str:
    """``brief-<client>`` without characters that trouble e-mail clients or file systems."""
    base = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in f"brief-{client or 'client'}")
    while "--" in base:
        base = base.replace("--", "-")
    return base.strip("-")


# --------------------------------------------------------------------------------------------------
# Answers as text


def _channel(network: str, lang: str) -> str:
    return i18n.t(f"channel.{network}", lang)


def answer_text(question: Question, value, lang: str, currency: str = "RUB") -> str:
    """One answer in words; "—" when it is not given."""
    missing = i18n.t("brief.doc.not_answered", lang)
    kind = question.kind
    if value in (None, "", []):
        return missing
    if kind in ("text", "long_text", "client"):
        return str(value)
    if kind == "money":
        return i18n.format_money(value, currency, lang)
    if kind == "percent":
        return i18n.format_percent(value / 100, lang, decimals=0 if float(value).is_integer() else 1)
    if kind == "choice":
        return i18n.t(f"brief.option.{question.name}.{value}", lang)
    if kind == "multi":
        return ", ".join(i18n.t(f"brief.option.{question.name}.{v}", lang) for v in value)
    if kind == "networks":
        return ", ".join(_channel(v, lang) for v in value if v in SOCIAL_NETWORKS)
    if kind == "accounts":
        parts = []
        for item in value:
            network, _, handle = str(item).partition("/")
            parts.append(f"{_channel(network, lang)}: {handle}" if network in SOCIAL_NETWORKS else str(item))
        return ", ".join(parts)
    if kind == "kpis":
        return ", ".join(metrics.label(v, lang) for v in value if v in metrics.METRICS)
    if kind == "minutes":
        return i18n.format_duration_minutes(value, lang)
    if kind == "month":
        return i18n.format_month(briefs.month_first_day(value), lang)
    return str(value)


# the goal's name gets the most room; the ids get enough for a whole identifier (corporate_form_sent)
GOAL_WEIGHTS = {"name": 3.0, "type": 1.7, "metrica_id": 2.1, "ga4_id": 2.1, "pages": 2.1}


def goals_table(goals: list[dict], lang: str) -> Table:
    """The site goals; an empty cell is "—" (not given), never blank."""
    missing = i18n.t("brief.doc.not_answered", lang)
    header = [i18n.t(f"brief.goal.{c}", lang) for c in briefs.GOAL_COLUMNS]
    rows = []
    for goal in goals:
        goal = briefs.normalize_goal(goal)
        kind = (
            i18n.t(f"goal_type.{goal['type']}", lang) if goal["type"] in briefs.GOAL_TYPES else goal["type"]
        )
        cells = [goal["name"], kind, goal["metrica_id"], goal["ga4_id"], goal["pages"]]
        rows.append([str(cell).strip() or missing for cell in cells])
    weights = [GOAL_WEIGHTS.get(c, 2.0) for c in briefs.GOAL_COLUMNS]
    return Table(header, rows, numeric_from=len(header), weights=weights)


# --------------------------------------------------------------------------------------------------
# The outline


def _scope_label(scope: str, lang: str) -> str:
    return i18n.t("brief.scope.all", lang) if scope == "all" else _channel(scope, lang)


def plan_table(rows: list[PlanRow], lang: str, currency: str = "RUB") -> Table:
    """KPI (and network when not all) × month, values formatted like the Overview formats them."""
    months = briefs.plan_months_of(rows)
    keys: list[tuple[str, str]] = []
    cells: dict[tuple[str, str], dict[str, float]] = {}
    for row in rows:
        key = (row.kpi, row.scope)
        if key not in cells:
            keys.append(key)
            cells[key] = {}
        cells[key][row.month] = row.target
    header = [i18n.t("brief.column.kpi", lang)] + [
        i18n.format_month(briefs.month_first_day(m), lang) for m in months
    ]
    body = []
    for kpi, scope in keys:
        name = metrics.label(kpi, lang) if kpi in metrics.METRICS else kpi
        if scope != "all":
            name = f"{name} ({_scope_label(scope, lang)})"
        values = [
            metrics.format_metric(kpi, cells[(kpi, scope)].get(m), lang, currency)
            if kpi in metrics.METRICS
            else i18n.format_number(cells[(kpi, scope)].get(m), lang)
            for m in months
        ]
        body.append([name, *values])
    return Table(header, body)


def _plan_section(doc: BriefDocument, lang: str) -> Section:
    section = Section(f"7. {i18n.t('brief.step.plan', lang)}", wide=True)
    if not doc.rows:
        section.intro.append(i18n.t("brief.doc.plan_none", lang))
        return section
    period = doc.baseline.period_value()
    if period is not None and doc.baseline.has_data:
        start, end = (dt.date.fromisoformat(v) for v in period)
        shown = i18n.format_period(start, end, lang)
        section.intro.append(i18n.t("brief.doc.plan_basis", lang, period=shown))
    else:
        section.intro.append(i18n.t("brief.doc.plan_no_basis", lang))
    if doc.version is not None:
        when = i18n.format_date(doc.saved_at, lang) if doc.saved_at else i18n.MISSING
        who = doc.saved_by or i18n.MISSING
        if who == "local user":
            who = i18n.t("brief.local_user", lang)
        section.intro.append(i18n.t("brief.doc.plan_version", lang, version=doc.version, date=when, who=who))
    else:
        section.intro.append(i18n.t("brief.doc.plan_draft", lang))
    section.tables.append(plan_table(doc.rows, lang, doc.currency))
    section.items_title = i18n.t("brief.doc.reasons", lang)
    planned = list(dict.fromkeys(row.kpi for row in doc.rows))
    for kpi in planned:
        reasons = doc.reasons.get(kpi)
        if reasons and kpi in metrics.METRICS:
            section.items.append(
                Item(metrics.label(kpi, lang), briefs.render_reasons(reasons, lang, doc.currency))
            )
    section.outro.extend(note.render(lang, doc.currency) for note in doc.notes)
    if any(briefs.lower_is_better(kpi) for kpi in planned):
        section.outro.append(i18n.t("brief.doc.lower_is_better", lang))
    return section


def outline(doc: BriefDocument, lang: str) -> tuple[str, str, list[Section]]:
    """(title, subtitle, sections) of the document in ``lang``."""
    lang = i18n.normalize_language(lang)
    answers = briefs.normalize_answers(doc.answers)
    client = doc.client or i18n.t("brief.no_client", lang)
    title = i18n.t("brief.doc.title", lang, client=client)
    subtitle = i18n.t(
        "brief.doc.subtitle",
        lang,
        title=doc.title,
        workspace=doc.workspace,
        date=i18n.format_date(doc.prepared_on, lang),
    )
    sections = []
    for number, step in enumerate(briefs.STEPS[:-1], start=1):
        section = Section(f"{number}. {i18n.t(f'brief.step.{step}', lang)}")
        for question in briefs.questions_for(step):
            label = i18n.t(f"brief.q.{question.name}", lang)
            value = answers.get(question.name)
            if question.kind == "goals":
                missing = i18n.t("brief.doc.not_answered", lang)
                section.items.append(
                    Item(label, "" if value else missing, table=goals_table(value, lang) if value else None)
                )
                continue
            notes = [i18n.t(key, lang) for key in briefs.consequences(answers, question.name)]
            section.items.append(Item(label, answer_text(question, value, lang, doc.currency), notes))
        if step == "resources":
            total = briefs.Budget.from_answers(answers).total
            section.items.append(
                Item(i18n.t("brief.doc.budget_total", lang), i18n.format_money(total, doc.currency, lang))
            )
        sections.append(section)
    sections.append(_plan_section(doc, lang))
    return title, subtitle, sections


# --------------------------------------------------------------------------------------------------
# Markdown


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in table.header) + " |"]
    aligns = ["---:" if i >= table.numeric_from else "---" for i in range(len(table.header))]
    lines.append("| " + " | ".join(aligns) + " |")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    return lines


def brief_markdown(doc: BriefDocument, lang: str) -> str:
    title, subtitle, sections = outline(doc, lang)
    lines = [f"# {title}", "", f"_{subtitle}_", ""]
    for section in sections:
        lines += [f"## {section.title}", ""]
        if section.intro:
            lines += [*section.intro, ""]
        tables = [line for table in section.tables for line in [*_md_table(table), ""]]
        if section.wide:
            lines += tables
        if section.items:
            if section.items_title:
                lines += [f"### {section.items_title}", ""]
            for item in section.items:
                text = item.text.replace("\n", "  \n")
                lines.append(f"- **{item.label}:** {text}" if text else f"- **{item.label}**")
                lines += [f"  - _{note}_" for note in item.notes]
                if item.table is not None:
                    lines += ["", *_md_table(item.table), ""]
            lines.append("")
        if not section.wide:
            lines += tables
        if section.outro:
            lines += [*section.outro, ""]
    lines += [f"## {i18n.t('brief.doc.sign_off', lang)}", ""]
    for role in ("customer", "contractor"):
        signature = i18n.t("brief.doc.signature", lang)
        lines.append(f"{i18n.t(f'brief.doc.{role}', lang)}: ______________________ ({signature})  ")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------------
# PDF


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 16, 18)
    return pdf


def _write(pdf, text: str, *, size: float = 10, bold: bool = False, height: float = 5.2, color=(0, 0, 0)):
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _fitted_widths(pdf, table: Table, width: float) -> list[float]:
    """Column widths: each at least its longest word (ids never break mid-word), the rest by ``weights``."""
    padding = 3.0  # the cell's inner padding, both sides, in mm
    floor = [
        max(pdf.get_string_width(word) for cell in column for word in (str(cell).split() or [""])) + padding
        for column in zip(table.header, *table.rows, strict=False)
    ]
    spare = width - sum(floor)
    if spare <= 0:  # the words alone fill the page: share it by their lengths
        return [width * f / sum(floor) for f in floor]
    weights = table.weights or [1.0] * len(floor)
    return [f + spare * w / sum(weights) for f, w in zip(floor, weights, strict=True)]


def _pdf_table(pdf, table: Table, *, size: float = 8.5) -> None:
    from fpdf.fonts import FontFace

    width = pdf.epw
    columns = len(table.header)
    pdf.set_font(FONT, "", size)
    if table.weights:
        widths = _fitted_widths(pdf, table, width)
    elif table.numeric_from < columns:  # the plan: a wide first column, equal month columns
        first = min(58.0, width * 0.3)
        widths = [first] + [(width - first) / (columns - 1)] * (columns - 1)
    else:
        widths = [width / columns] * columns
    align = ["LEFT" if i < table.numeric_from else "RIGHT" for i in range(columns)]
    pdf.set_font(FONT, "", size)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 239, 245))
    with pdf.table(
        col_widths=widths,
        text_align=align,
        line_height=size * 0.55,
        headings_style=heading,
        width=width,
        borders_layout="HORIZONTAL_LINES",
    ) as pdf_table:
        pdf_table.row(table.header)
        for row in table.rows:
            pdf_table.row(row)
    pdf.ln(3)


def brief_pdf(doc: BriefDocument, lang: str) -> bytes:
    """The document as PDF bytes (A4; the plan on a landscape page)."""
    title, subtitle, sections = outline(doc, lang)
    pdf = _pdf()
    pdf.set_title(title)
    pdf.set_author("smmkpi")
    pdf.set_lang(i18n.normalize_language(lang))
    pdf.add_page()
    _write(pdf, title, size=17, bold=True, height=8)
    _write(pdf, subtitle, size=9, color=(90, 90, 90))
    pdf.ln(3)
    for section in sections:
        if section.wide:
            pdf.add_page(orientation="landscape")
        elif pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        _write(pdf, section.title, size=13, bold=True, height=7)
        pdf.ln(1)
        for paragraph in section.intro:
            _write(pdf, paragraph, size=9, color=(70, 70, 70))
        if section.intro:
            pdf.ln(2)
        if section.wide:
            for table in section.tables:
                _pdf_table(pdf, table)
        if section.items and section.items_title:
            _write(pdf, section.items_title, size=11, bold=True, height=6)
        for item in section.items:
            _write(pdf, item.label, size=8.5, bold=True, height=4.6, color=(60, 60, 60))
            if item.text:
                _write(pdf, item.text, size=10)
            for note in item.notes:
                _write(pdf, f"→ {note}", size=8.5, height=4.4, color=(40, 90, 150))
            if item.table is not None:
                pdf.ln(1)
                _pdf_table(pdf, item.table)
            pdf.ln(1.5)
        if not section.wide:
            for table in section.tables:
                _pdf_table(pdf, table)
        for paragraph in section.outro:
            _write(pdf, paragraph, size=9, color=(70, 70, 70))
        pdf.ln(3)
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    _write(pdf, i18n.t("brief.doc.sign_off", lang), size=13, bold=True, height=7)
    pdf.ln(4)
    for role in ("customer", "contractor"):
        _write(pdf, f"{i18n.t(f'brief.doc.{role}', lang)}: ______________________________", size=10)
        _write(pdf, i18n.t("brief.doc.signature", lang), size=8, color=(110, 110, 110))
        pdf.ln(4)
    return bytes(pdf.output())
