"""The SMM brief: its questions, their validation, and the brief → monthly KPI plan proposal.

Pure code: no Streamlit, no database. The page asks the questions of :data:`QUESTIONS` step by step and
keeps the answers as one JSON-able dict (see :func:`normalize_answers`); :func:`propose_plan` turns the
answers, the budget and the account's own baseline (KPI.md §4 totals of the last 90 days, computed by the
KPI engine) into monthly targets in the canonical ``plan`` format (KPI.md §2), each KPI with the reasons
that produced it. Reasons are stored as message keys with typed values, so a saved plan can be explained
in Russian or English later (:meth:`Reason.render`).

The growth model is deliberately simple and explainable (DEFAULT_* rules of thumb, money in RUB):
- reach grows by an organic rate that depends on the community size, plus (or minus) an ad effect of
  AD_GROWTH_PER_10K per 10 000 of ad budget above (below) what the client spends on ads now;
- link clicks, site sessions, goal completions and orders grow with reach (their conversion rates held);
- cost per visit / lead / sale is the monthly budget divided by the planned volume, so the money targets
  agree with the volume targets; they are "lower is better" KPIs (attainment = target / fact);
- without data, targets come from the ad budget or from benchmarks, and the reason says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from smmkpi import i18n, metrics
from smmkpi.kpi import ADDITIVE_KPIS, GOAL_TYPES, KPI_KEYS, LEAD_GOAL_TYPES, LOWER_IS_BETTER, SOCIAL_NETWORKS

# --------------------------------------------------------------------------------------------------
# The questions

STEPS = ("business", "why", "audience", "goals", "resources", "reports", "plan")

SALES_CHANNELS = ("site", "phone", "messenger", "marketplace", "offline")
SALES_CYCLES = ("same_day", "days", "weeks", "months")
IMPACTS = ("sales", "leads", "awareness", "support", "hiring")
BOUGHT_IN_SOCIAL = ("yes", "no", "not_sure")
WHY_SOCIAL = (
    "audience_there",
    "trust",
    "cheaper_than_ads",
    "ads_not_working",
    "support_channel",
    "everyone_does",
)
ATTRIBUTIONS = ("utm_last_click", "first_click", "promo_code", "crm", "not_tracked")
RESPONDERS = ("specialist", "client_team", "agency", "nobody")
RESPONSE_MINUTES = (15, 60, 240, 1440)
REPORT_FREQUENCIES = ("weekly", "monthly")
REPORT_FORMATS = ("pdf", "xlsx")
GOAL_COLUMNS = ("name", "type", "metrica_id", "ga4_id", "pages")
BUDGET_FIELDS = ("budget_ads", "budget_fee", "budget_production")
# KPIs a customer most often wants in a report (the default of the "which KPIs" question)
DEFAULT_REPORT_KPIS = ("reach", "follower_growth", "er_reach", "link_clicks", "sessions", "leads", "cpl")

PLAN_MONTHS_MIN = 3
PLAN_MONTHS_MAX = 12
DEFAULT_PLAN_MONTHS = 6
PLAN_SCOPES = ("all", *SOCIAL_NETWORKS)
# Shares that cannot exceed 100 % (other ratios, e.g. ROMI, can).
SHARE_KPIS = frozenset({"response_rate", "churn_rate", "ctr"})


@dataclass(frozen=True)
class Question:
    """One question of the brief. ``kind`` decides the widget and the JSON type of the answer:
    text/long_text → str, money/percent → float or None, choice → str or None, multi/networks/
    accounts/kpis → list[str], goals → list of {name, type, metrica_id, ga4_id, pages}, minutes → int
    or None, month → "YYYY-MM" or None, months → int. ``explains``: each chosen option has a
    consequence text (brief.consequence.<name>.<option>)."""

    name: str
    step: str
    kind: str
    options: tuple = ()
    required: bool = False
    explains: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question("company", "business", "client", required=True),
    Question("product", "business", "long_text"),
    Question("site_sells", "business", "text"),
    Question("average_order_value", "business", "money"),
    Question("margin_percent", "business", "percent"),
    Question("sales_cycle", "business", "choice", SALES_CYCLES, explains=True),
    Question("sales_channels", "business", "multi", SALES_CHANNELS),
    Question("smm_outcome", "why", "long_text"),
    Question("impact", "why", "multi", IMPACTS, explains=True),
    Question("bought_in_social", "why", "choice", BOUGHT_IN_SOCIAL, explains=True),
    Question("why_social", "why", "multi", WHY_SOCIAL, explains=True),
    Question("why_social_comment", "why", "long_text"),
    Question("audience", "audience", "long_text"),
    Question("regions", "audience", "text"),
    Question("networks", "audience", "networks", SOCIAL_NETWORKS),
    Question("accounts", "audience", "accounts"),
    Question("other_accounts", "audience", "long_text"),
    Question("competitors", "audience", "long_text"),
    Question("goals", "goals", "goals"),
    Question("attribution", "goals", "choice", ATTRIBUTIONS, explains=True),
    Question("budget_ads", "resources", "money"),
    Question("budget_fee", "resources", "money"),
    Question("budget_production", "resources", "money"),
    Question("responder", "resources", "choice", RESPONDERS, explains=True),
    Question("response_minutes", "resources", "minutes", RESPONSE_MINUTES),
    Question("report_frequency", "reports", "multi", REPORT_FREQUENCIES),
    Question("report_kpis", "reports", "kpis"),
    Question("report_formats", "reports", "multi", REPORT_FORMATS),
    Question("report_recipients", "reports", "long_text"),
    Question("plan_start", "plan", "month"),
    Question("plan_months", "plan", "months"),
)
QUESTION_BY_NAME = {q.name: q for q in QUESTIONS}
_LIST_KINDS = frozenset({"multi", "networks", "accounts", "kpis"})
# The proposed plan the user is editing (not yet saved) lives in the answers too, so reloads keep it.
PLAN_DRAFT_KEYS = ("plan_rows", "plan_reasons", "plan_notes", "plan_baseline")


def questions_for(step: str) -> tuple[Question, ...]:
    return tuple(q for q in QUESTIONS if q.step == step)


def step_number(step: str) -> int:
    """1-based position of a step (the number shown to the user and kept in the URL)."""
    return STEPS.index(step) + 1


def default_answers() -> dict:
    """A blank brief with sensible defaults (report KPIs, plan length)."""
    answers = {q.name: _empty(q) for q in QUESTIONS}
    answers.update(
        report_frequency=["monthly"],
        report_formats=["pdf"],
        report_kpis=list(DEFAULT_REPORT_KPIS),
        plan_months=DEFAULT_PLAN_MONTHS,
    )
    answers.update(plan_rows=[], plan_reasons={}, plan_notes=[], plan_baseline=None)
    return answers


def _empty(question: Question):
    if question.kind in _LIST_KINDS or question.kind == "goals":
        return []
    if question.kind in ("text", "long_text"):
        return ""
    return None


def _number(value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def normalize_goal(row: Mapping) -> dict:
    return {column: _text(row.get(column)) for column in GOAL_COLUMNS}


def normalize_answers(raw: Mapping | None) -> dict:
    """The answers with every question present and each answer of its kind's type (from JSON or widgets)."""
    raw = dict(raw or {})
    answers = default_answers()
    for question in QUESTIONS:
        if question.name not in raw:
            continue
        value = raw[question.name]
        kind = question.kind
        if kind in ("text", "long_text", "client"):
            answers[question.name] = _text(value)
        elif kind in ("money", "percent"):
            answers[question.name] = _number(value)
        elif kind in ("minutes", "months"):
            number = _number(value)
            answers[question.name] = None if number is None else int(number)
        elif kind in ("choice", "month"):
            answers[question.name] = _text(value) or None
        elif kind in _LIST_KINDS:
            answers[question.name] = [str(v) for v in (value or []) if _text(v)]
        elif kind == "goals":
            rows = [normalize_goal(r) for r in (value or []) if isinstance(r, Mapping)]
            answers[question.name] = [r for r in rows if any(r.values())]
    for key in PLAN_DRAFT_KEYS:
        if key in raw and raw[key] is not None:
            answers[key] = raw[key]
    return answers


def consequences(answers: Mapping, question: str) -> list[str]:
    """Message keys explaining what the chosen option(s) of an ``explains`` question mean for the plan."""
    spec = QUESTION_BY_NAME[question]
    if not spec.explains:
        return []
    value = answers.get(question)
    chosen = value if isinstance(value, list) else [value] if value else []
    return [f"brief.consequence.{question}.{option}" for option in spec.options if option in chosen]


# --------------------------------------------------------------------------------------------------
# Months


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def add_months(month: str, count: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(start: str, count: int) -> list[str]:
    return [add_months(start, k) for k in range(count)]


def month_first_day(month: str) -> dt.date:
    year, number = (int(part) for part in month.split("-"))
    return dt.date(year, number, 1)


def short_month(month: str, lang: str) -> str:
    """ "дек. 2026" / "Dec 2026": a column header that fits a number's width."""
    from babel.dates import format_date

    lang = i18n.normalize_language(lang)
    return format_date(month_first_day(month), "LLL y", locale=lang)


def days_in_month(month: str) -> int:
    year, number = (int(part) for part in month.split("-"))
    return calendar.monthrange(year, number)[1]


def default_plan_start(today: dt.date) -> str:
    """Next month: a plan for a month that has already begun is partly a report."""
    return add_months(month_key(today), 1)


def plan_start_options(today: dt.date, count: int = 13) -> list[str]:
    """The months a plan may start in: this month and the next ones."""
    return month_range(month_key(today), count)


# --------------------------------------------------------------------------------------------------
# Budget


@dataclass(frozen=True)
class Budget:
    """The monthly budget of the brief, split into ads, specialist/agency fee and content production."""

    ads: float = 0.0
    fee: float = 0.0
    production: float = 0.0

    @classmethod
    def from_answers(cls, answers: Mapping) -> Budget:
        values = [max(_number(answers.get(name)) or 0.0, 0.0) for name in BUDGET_FIELDS]
        return cls(*values)

    @property
    def total(self) -> float:
        return self.ads + self.fee + self.production

    def shares(self) -> dict[str, float | None]:
        """Each part as a fraction of the total (None when the total is 0)."""
        parts = {"ads": self.ads, "fee": self.fee, "production": self.production}
        return {k: (v / self.total if self.total else None) for k, v in parts.items()}


# --------------------------------------------------------------------------------------------------
# Validation


@dataclass(frozen=True)
class BriefProblem:
    """One thing to fix: where (step, question) and what (a message key with its values)."""

    step: str
    question: str
    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        shown = {name: _shown_value(value, lang) for name, value in self.values.items()}
        return i18n.t(f"brief.problem.{self.key}", lang, **shown)


def _shown_value(value, lang: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return i18n.format_number(value, lang)
    if isinstance(value, str) and value.startswith("kpi:"):
        return metrics.label(value[4:], lang)
    if isinstance(value, str) and value.startswith("field:"):
        return i18n.t(f"brief.q.{value[6:]}", lang)
    if isinstance(value, str) and value.startswith("month:"):
        return i18n.format_month(month_first_day(value[6:]), lang)
    return str(value)


_EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]{2,}")


def recipient_parts(text) -> list[str]:
    """The report's recipients as typed: one per comma, semicolon or line ("Anna <anna@x.ru>" allowed)."""
    return [part.strip() for part in re.split(r"[,;\n]+", _text(text)) if part.strip()]


def is_email(part: str) -> bool:
    """name@domain.zone, alone or in angle brackets after a name ("Анна Петрова <anna@kedr.ru>")."""
    inner = re.fullmatch(r"[^<>]*<\s*([^<>]+?)\s*>", part)
    return bool(_EMAIL.fullmatch(inner.group(1) if inner else part))


def validate_step(answers: Mapping, step: str, *, today: dt.date) -> list[BriefProblem]:
    """Problems in one step's answers (an empty list when the user may go on)."""
    problems: list[BriefProblem] = []
    if step == "business":
        if not _text(answers.get("company")):
            problems.append(BriefProblem(step, "company", "company_missing"))
        aov = _number(answers.get("average_order_value"))
        if aov is not None and aov < 0:
            problems.append(
                BriefProblem(step, "average_order_value", "negative", {"field": "field:average_order_value"})
            )
        margin = _number(answers.get("margin_percent"))
        if margin is not None and not 0 <= margin <= 100:
            problems.append(BriefProblem(step, "margin_percent", "margin_range", {"value": margin}))
    elif step == "goals":
        for number, goal in enumerate(answers.get("goals") or [], start=1):
            goal = normalize_goal(goal)
            name = goal["name"] or f"#{number}"
            if not any(goal.values()):
                continue
            if not goal["type"]:
                problems.append(BriefProblem(step, "goals", "goal_without_type", {"goal": name}))
            elif goal["type"] not in GOAL_TYPES:
                problems.append(
                    BriefProblem(step, "goals", "goal_unknown_type", {"goal": name, "type": goal["type"]})
                )
            if not goal["name"]:
                problems.append(BriefProblem(step, "goals", "goal_without_name", {"number": number}))
    elif step == "resources":
        for name in BUDGET_FIELDS:
            value = _number(answers.get(name))
            if value is not None and value < 0:
                problems.append(
                    BriefProblem(step, name, "negative_budget", {"field": f"field:{name}", "value": value})
                )
    elif step == "reports":
        bad = [part for part in recipient_parts(answers.get("report_recipients")) if not is_email(part)]
        if bad:
            problems.append(
                BriefProblem(
                    step, "report_recipients", "bad_email", {"bad": ", ".join(f"“{b}”" for b in bad)}
                )
            )
    elif step == "plan":
        start = answers.get("plan_start")
        if start and start < month_key(today):
            problems.append(BriefProblem(step, "plan_start", "plan_month_past", {"month": f"month:{start}"}))
        count = answers.get("plan_months")
        if count is not None and not PLAN_MONTHS_MIN <= int(count) <= PLAN_MONTHS_MAX:
            problems.append(
                BriefProblem(
                    step, "plan_months", "plan_months_range", {"min": PLAN_MONTHS_MIN, "max": PLAN_MONTHS_MAX}
                )
            )
    return problems


def validate_brief(answers: Mapping, *, today: dt.date) -> list[BriefProblem]:
    return [problem for step in STEPS for problem in validate_step(answers, step, today=today)]


@dataclass(frozen=True)
class PlanRow:
    """One monthly target in the canonical ``plan`` format (KPI.md §2)."""

    month: str
    scope: str
    kpi: str
    target: float

    def to_dict(self) -> dict:
        return {"month": self.month, "scope": self.scope, "kpi": self.kpi, "target": self.target}

    @classmethod
    def from_dict(cls, row: Mapping) -> PlanRow:
        return cls(str(row["month"]), str(row.get("scope") or "all"), str(row["kpi"]), float(row["target"]))


def validate_plan(rows: Sequence[PlanRow], *, today: dt.date) -> list[BriefProblem]:
    """Problems that would make a plan wrong or rejected by the importer; names KPI and month."""
    problems: list[BriefProblem] = []
    if not rows:
        return [BriefProblem("plan", "plan_rows", "plan_empty")]
    seen: set[tuple[str, str, str]] = set()
    current = month_key(today)
    past = sorted({row.month for row in rows if row.month < current})
    for month in past:
        problems.append(BriefProblem("plan", "plan_rows", "plan_month_past", {"month": f"month:{month}"}))
    for row in rows:
        if row.kpi not in KPI_KEYS:
            problems.append(BriefProblem("plan", "plan_rows", "plan_unknown_kpi", {"kpi": row.kpi}))
            continue
        if row.scope not in PLAN_SCOPES:
            problems.append(BriefProblem("plan", "plan_rows", "plan_unknown_scope", {"scope": row.scope}))
        where = {"kpi": f"kpi:{row.kpi}", "month": f"month:{row.month}"}
        if row.target < 0:
            problems.append(BriefProblem("plan", "plan_rows", "plan_negative", where))
        elif row.kpi in SHARE_KPIS and row.target > 1:
            problems.append(BriefProblem("plan", "plan_rows", "plan_share_over_100", where))
        key = (row.month, row.scope, row.kpi)
        if key in seen:
            problems.append(BriefProblem("plan", "plan_rows", "plan_duplicate", where))
        seen.add(key)
    return problems


# --------------------------------------------------------------------------------------------------
# Reasons: message keys with typed values, rendered in the reader's language


@dataclass(frozen=True)
class Reason:
    """A sentence of reasoning: ``brief.why.<key>`` with values of a kind (count, money, percent, ...)."""

    key: str
    values: tuple[tuple[str, str, Any], ...] = ()  # (name, kind, value)

    def render(self, lang: str, currency: str = "RUB") -> str:
        shown = {name: _format(kind, value, lang, currency) for name, kind, value in self.values}
        return i18n.t(f"brief.why.{self.key}", lang, **shown)

    def to_dict(self) -> dict:
        return {"key": self.key, "values": [list(v) for v in self.values]}

    @classmethod
    def from_dict(cls, data: Mapping) -> Reason:
        return cls(str(data["key"]), tuple((str(n), str(k), v) for n, k, v in data.get("values", [])))


def _reason(key: str, **values: tuple[str, Any]) -> Reason:
    return Reason(key, tuple((name, kind, value) for name, (kind, value) in values.items()))


def _format(kind: str, value, lang: str, currency: str) -> str:
    if kind == "count":
        whole = abs(value) >= 10 or float(value).is_integer()
        return i18n.format_number(value, lang, decimals=0 if whole else 1)
    if kind == "money":
        return i18n.format_money(value, currency, lang, decimals=2 if 0 < abs(value) < 100 else 0)
    if kind == "percent":
        return i18n.format_percent(value, lang, decimals=1)
    if kind == "signed_percent":
        return i18n.format_delta(value, lang, decimals=1)
    if kind == "minutes":
        return i18n.format_duration_minutes(value, lang)
    if kind == "kpi":
        return metrics.label(value, lang)
    if kind == "period":
        start, end = (dt.date.fromisoformat(v) for v in value)
        return i18n.format_period(start, end, lang)
    if kind == "key":
        return i18n.t(value, lang)
    if kind == "kpi_list":
        return " + ".join(metrics.label(key, lang) for key in value)
    return str(value)


def render_reasons(reasons: Iterable[Reason], lang: str, currency: str = "RUB") -> str:
    return " ".join(reason.render(lang, currency) for reason in reasons)


# --------------------------------------------------------------------------------------------------
# Baseline: what the account does now (the KPI engine's totals over the last days with data)

DAYS_PER_MONTH = 365.25 / 12
BASELINE_DAYS = 90
# Sums of the period (turned into a per-month average); the engine's ADDITIVE_KPIS (the plan proration set
# of KPI.md) lacks a few sums that are not plan targets, e.g. ad_cost.
MONTHLY_SUMS = ADDITIVE_KPIS | {"ad_cost", "followers_lost", "messages_in"}
BASELINE_KPIS = (
    "followers_end",
    "follower_growth",
    "reach",
    "posts",
    "er_reach",
    "interactions_in",
    "response_rate",
    "median_response_minutes",
    "link_clicks",
    "ctr",
    "sessions",
    "click_to_session",
    "leads",
    *(f"goal_reaches.{t}" for t in GOAL_TYPES),
    "orders",
    "revenue",
    "cost",
    "ad_cost",
    "cpc",
    "cpl",
    "cps",
    "romi",
)


@dataclass(frozen=True)
class Baseline:
    """KPI totals of one period (``values`` with None = not reported) and the period itself."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    values: Mapping[str, float | None] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Baseline:
        return cls()

    @classmethod
    def from_report(cls, report: Mapping) -> Baseline:
        """From the KPI.md §5 object of ``kpi_report`` (its ``total`` and ``period``)."""
        period = report["period"]
        values = {key: report["total"].get(key) for key in BASELINE_KPIS}
        return cls(dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"]), values)

    @property
    def days(self) -> int:
        if self.date_from is None or self.date_to is None:
            return 0
        return (self.date_to - self.date_from).days + 1

    def value(self, key: str) -> float | None:
        value = self.values.get(key)
        return None if i18n.is_missing(value) else float(value)

    def monthly(self, key: str) -> float | None:
        """An additive KPI per average month of the period; other KPIs as they are."""
        value = self.value(key)
        if value is None or key not in MONTHLY_SUMS:
            return value
        return value * DAYS_PER_MONTH / self.days if self.days else None

    @property
    def has_data(self) -> bool:
        return any(self.value(key) is not None for key in ("reach", "followers_end", "posts", "sessions"))

    def to_dict(self) -> dict:
        return {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "values": {k: self.value(k) for k in BASELINE_KPIS},
        }

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Baseline:
        if not data:
            return cls.empty()
        start, end = data.get("from"), data.get("to")
        return cls(
            dt.date.fromisoformat(start) if start else None,
            dt.date.fromisoformat(end) if end else None,
            dict(data.get("values") or {}),
        )

    def period_value(self) -> tuple[str, str] | None:
        if self.date_from is None or self.date_to is None:
            return None
        return (self.date_from.isoformat(), self.date_to.isoformat())


def baseline_window(
    last_day_with_data: dt.date | None, first_day_with_data: dt.date | None, *, today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The last BASELINE_DAYS days with data up to yesterday (shorter when the data starts later)."""
    if last_day_with_data is None:
        return None
    end = min(last_day_with_data, today - dt.timedelta(days=1))
    start = end - dt.timedelta(days=BASELINE_DAYS - 1)
    if first_day_with_data is not None:
        start = max(start, first_day_with_data)
    return (start, end) if start <= end else None


# --------------------------------------------------------------------------------------------------
# The plan proposal

SMALL_COMMUNITY = 10_000  # followers; below: a small community
LARGE_COMMUNITY = 100_000  # followers; from here on: a large one
ORGANIC_GROWTH = {"small": 0.04, "medium": 0.025, "large": 0.015, "unknown": 0.025}  # reach per month
AD_GROWTH_PER_10K = 0.02  # reach growth per month for each 10 000 of ad budget above today's ad spend
MAX_AD_GROWTH = 0.08  # the ad effect is capped (either way): audiences saturate
LARGE_AD_DAMPING = 0.5  # the same money moves a large community half as much
MIN_GROWTH_FACTOR, MAX_GROWTH_FACTOR = 0.5, 3.0  # bounds of the compounded growth over the plan
DEFAULT_COST_PER_1000_REACH = 150.0  # RUB for 1 000 people reached by ads in VK/OK/Telegram (benchmark)
DEFAULT_POSTS_PER_WEEK = 3  # the least that keeps a feed alive
DEFAULT_ER_REACH = 0.02
DEFAULT_RESPONSE_RATE = 0.9
MAX_RESPONSE_RATE = 0.98  # some messages are spam: 100 % is not a fair target
DEFAULT_RESPONSE_MINUTES = 60
DEFAULT_CTR = 0.005
DEFAULT_CLICK_TO_SESSION = 0.7
DEFAULT_FOLLOWERS_PER_1000_REACH = 2.0
MIN_FOLLOWER_GROWTH_RATE = 0.005  # of the followers per month, when the community shrinks today
DEFAULT_GOAL_RATES = {
    "call": 0.005,
    "message": 0.01,
    "consultation": 0.003,
    "form": 0.008,
    "page_visit": 0.2,
    "sale": 0.01,
    "other": 0.01,
}  # completions per site session
DEFAULT_ORDER_CONVERSION = 0.01  # orders per site session


@dataclass(frozen=True)
class Growth:
    """Monthly reach growth: organic (by community size) plus the effect of the change in ad budget."""

    size: str
    organic: float
    ads: float
    ad_budget: float
    current_ad_spend: float | None

    @property
    def rate(self) -> float:
        return self.organic + self.ads

    def factor(self, index: int) -> float:
        """The compounded growth of month ``index`` (0 = the plan's first month) over the baseline month."""
        return min(max((1 + self.rate) ** (index + 1), MIN_GROWTH_FACTOR), MAX_GROWTH_FACTOR)


def community_size(followers: float | None) -> str:
    if followers is None:
        return "unknown"
    if followers < SMALL_COMMUNITY:
        return "small"
    return "large" if followers >= LARGE_COMMUNITY else "medium"


def growth_for(baseline: Baseline, budget: Budget) -> Growth:
    size = community_size(baseline.value("followers_end"))
    current = baseline.monthly("ad_cost") if baseline.has_data else None
    extra = budget.ads - (current or 0.0)
    ads = AD_GROWTH_PER_10K * extra / 10_000
    ads = max(-MAX_AD_GROWTH, min(MAX_AD_GROWTH, ads))
    if size == "large":
        ads *= LARGE_AD_DAMPING
    return Growth(size, ORGANIC_GROWTH[size], ads, budget.ads, current)


@dataclass
class KpiProposal:
    kpi: str
    targets: dict[str, float]  # month -> target
    reasons: list[Reason]
    basis: str  # baseline | budget | benchmark | plan (derived from other targets)


@dataclass
class PlanProposal:
    months: list[str]
    kpis: list[KpiProposal]
    notes: list[Reason]
    baseline: Baseline
    growth: Growth

    def rows(self, scope: str = "all") -> list[PlanRow]:
        return [
            PlanRow(month, scope, p.kpi, target) for p in self.kpis for month, target in p.targets.items()
        ]

    def reasons(self) -> dict[str, list[Reason]]:
        return {p.kpi: p.reasons for p in self.kpis}

    def target(self, kpi: str, month: str) -> float | None:
        for proposal in self.kpis:
            if proposal.kpi == kpi:
                return proposal.targets.get(month)
        return None


def round_target(kpi: str, value: float) -> float:
    """A target as people write it: counts to 2–3 significant digits, shares to 0.1 %, money to the unit."""
    unit = metrics.METRICS[kpi].unit
    if unit == "ratio":
        return round(value, 4)
    if unit == "money":
        return round(value, 2) if value < 100 else float(round(value))
    if unit == "minutes":
        return float(max(round(value), 1))
    step = 100 if value >= 10_000 else 10 if value >= 1_000 else 1
    return float(round(value / step) * step)


def _targets(kpi: str, months: Sequence[str], values: Iterable[float]) -> dict[str, float]:
    return {month: round_target(kpi, value) for month, value in zip(months, values, strict=True)}


def _growth_reason(growth: Growth) -> Reason:
    size = ("key", f"brief.size.{growth.size}")
    rate, organic = ("signed_percent", growth.rate), ("percent", growth.organic)
    ad_budget = ("money", growth.ad_budget)
    if growth.current_ad_spend is None:
        if growth.ad_budget:
            return _reason(
                "growth_new_ads",
                rate=rate,
                organic=organic,
                size=size,
                ads=("percent", growth.ads),
                ad_budget=ad_budget,
            )
        return _reason("growth_organic", rate=rate, size=size)
    current = ("money", growth.current_ad_spend)
    if growth.ads > 0.0005:
        return _reason(
            "growth_more_ads",
            rate=rate,
            organic=organic,
            size=size,
            ads=("percent", growth.ads),
            ad_budget=ad_budget,
            current=current,
        )
    if growth.ads < -0.0005:
        return _reason(
            "growth_less_ads",
            rate=rate,
            organic=organic,
            size=size,
            ads=("percent", -growth.ads),
            ad_budget=ad_budget,
            current=current,
        )
    return _reason("growth_same_ads", rate=rate, size=size, ad_budget=ad_budget)


def _now(kpi: str, value: float, baseline: Baseline) -> Reason:
    kind = {"ratio": "percent", "money": "money", "minutes": "minutes"}.get(
        metrics.METRICS[kpi].unit, "count"
    )
    key = "now_monthly" if kpi in ADDITIVE_KPIS else "now_level"
    return _reason(key, kpi=("kpi", kpi), value=(kind, value), period=("period", baseline.period_value()))


def lead_goal_types(answers: Mapping) -> list[str]:
    """Goal types the brief counts (step 4), in KPI.md order."""
    chosen = {normalize_goal(g)["type"] for g in answers.get("goals") or []}
    return [t for t in GOAL_TYPES if t in chosen]


ROMI_BELOW_BREAKEVEN = "romi_below_breakeven"  # the reason that warns of a ROMI target below break-even


def propose_plan(answers: Mapping, baseline: Baseline, *, start_month: str, months: int) -> PlanProposal:
    """Monthly targets (scope ``all``) for ``months`` months from ``start_month``, with their reasons."""
    answers = normalize_answers(answers)
    plan_months = month_range(start_month, months)
    budget = Budget.from_answers(answers)
    growth = growth_for(baseline, budget)
    factors = [growth.factor(i) for i in range(months)]
    has_data = baseline.has_data
    out: list[KpiProposal] = []
    notes: list[Reason] = []

    def add(kpi: str, values: Iterable[float], reasons: list[Reason], basis: str) -> dict[str, float]:
        targets = _targets(kpi, plan_months, values)
        out.append(KpiProposal(kpi, targets, reasons, basis))
        return targets

    def grown(kpi: str, base: float, extra: list[Reason]) -> dict[str, float]:
        return add(kpi, [base * f for f in factors], [_now(kpi, base, baseline), *extra], "baseline")

    # --- audience: reach and follower growth
    reach = None
    base_reach = baseline.monthly("reach") if has_data else None
    if base_reach:
        reach = grown("reach", base_reach, [_growth_reason(growth)])
    elif budget.ads > 0:
        start = budget.ads / DEFAULT_COST_PER_1000_REACH * 1000
        organic = growth.organic
        values = [start * (1 + organic) ** i for i in range(months)]
        reach = add(
            "reach",
            values,
            [
                _reason(
                    "reach_from_budget",
                    ad_budget=("money", budget.ads),
                    reach=("count", round_target("reach", start)),
                    cpm=("money", DEFAULT_COST_PER_1000_REACH),
                ),
                _reason(
                    "growth_organic",
                    rate=("signed_percent", organic),
                    size=("key", f"brief.size.{growth.size}"),
                ),
            ],
            "budget",
        )
    else:
        notes.append(_reason("note_no_reach"))

    base_growth = baseline.monthly("follower_growth") if has_data else None
    followers = baseline.value("followers_end") if has_data else None
    if base_growth is not None and base_growth > 0:
        grown(
            "follower_growth",
            base_growth,
            [_reason("grows_with_reach", rate=("signed_percent", growth.rate))],
        )
    elif base_growth is not None and followers:
        target = max(followers * MIN_FOLLOWER_GROWTH_RATE, 10)
        add(
            "follower_growth",
            [target] * months,
            [
                _reason(
                    "followers_shrinking",
                    value=("count", base_growth),
                    rate=("percent", MIN_FOLLOWER_GROWTH_RATE),
                ),
            ],
            "baseline",
        )
    elif reach:
        values = [reach[m] * DEFAULT_FOLLOWERS_PER_1000_REACH / 1000 for m in plan_months]
        add(
            "follower_growth",
            values,
            [
                _reason("followers_benchmark", per=("count", DEFAULT_FOLLOWERS_PER_1000_REACH)),
            ],
            "benchmark",
        )

    # --- content: posts per week, ER by reach
    base_posts = baseline.monthly("posts") if has_data else None
    per_week_now = base_posts * 7 / DAYS_PER_MONTH if base_posts is not None else None
    per_week_now = round(per_week_now, 1) if per_week_now is not None else None
    per_week = max(round(per_week_now), DEFAULT_POSTS_PER_WEEK) if per_week_now else DEFAULT_POSTS_PER_WEEK
    post_values = [per_week * days_in_month(m) / 7 for m in plan_months]
    if per_week_now:
        add(
            "posts",
            post_values,
            [
                _reason("posts_now", now=("count", per_week_now), plan=("count", per_week)),
            ],
            "baseline",
        )
    else:
        add("posts", post_values, [_reason("posts_benchmark", plan=("count", per_week))], "benchmark")

    base_err = baseline.value("er_reach") if has_data else None
    if base_err:
        add(
            "er_reach",
            [base_err] * months,
            [
                _now("er_reach", base_err, baseline),
                _reason("err_hold_ads" if growth.ads > 0.0005 else "err_hold"),
            ],
            "baseline",
        )
    else:
        add(
            "er_reach",
            [DEFAULT_ER_REACH] * months,
            [
                _reason("benchmark", kpi=("kpi", "er_reach"), value=("percent", DEFAULT_ER_REACH)),
            ],
            "benchmark",
        )

    # --- communication: response rate and median response time
    if answers.get("responder") == "nobody":
        notes.append(_reason("note_nobody_answers"))
    else:
        base_rate = baseline.value("response_rate") if has_data else None
        rate = min(max(base_rate or 0.0, DEFAULT_RESPONSE_RATE), MAX_RESPONSE_RATE)
        if base_rate is not None:
            rate = max(rate, min(base_rate, MAX_RESPONSE_RATE))
            reasons = [
                _now("response_rate", base_rate, baseline),
                _reason("response_rate_target", target=("percent", rate), cap=("percent", MAX_RESPONSE_RATE)),
            ]
        else:
            reasons = [_reason("benchmark", kpi=("kpi", "response_rate"), value=("percent", rate))]
        add("response_rate", [rate] * months, reasons, "baseline" if base_rate is not None else "benchmark")

        promised = answers.get("response_minutes")
        base_minutes = baseline.value("median_response_minutes") if has_data else None
        candidates = [v for v in (promised, base_minutes) if v]
        minutes = min(candidates) if candidates else DEFAULT_RESPONSE_MINUTES
        reasons = []
        if base_minutes:
            reasons.append(_now("median_response_minutes", base_minutes, baseline))
        if promised:
            reasons.append(_reason("response_promised", promised=("minutes", promised)))
        if not candidates:
            reasons.append(
                _reason(
                    "benchmark",
                    kpi=("kpi", "median_response_minutes"),
                    value=("minutes", DEFAULT_RESPONSE_MINUTES),
                )
            )
        reasons.append(_reason("lower_is_better"))
        add(
            "median_response_minutes",
            [minutes] * months,
            reasons,
            "baseline" if base_minutes else "benchmark",
        )

    # --- traffic: link clicks and site sessions grow with reach
    clicks = sessions = None
    base_clicks = baseline.monthly("link_clicks") if has_data else None
    if base_clicks:
        clicks = grown(
            "link_clicks", base_clicks, [_reason("grows_with_reach", rate=("signed_percent", growth.rate))]
        )
    elif reach:
        values = [reach[m] * DEFAULT_CTR for m in plan_months]
        clicks = add(
            "link_clicks",
            values,
            [_reason("from_reach", kpi=("kpi", "ctr"), value=("percent", DEFAULT_CTR))],
            "benchmark",
        )
    base_sessions = baseline.monthly("sessions") if has_data else None
    if base_sessions:
        sessions = grown(
            "sessions", base_sessions, [_reason("grows_with_reach", rate=("signed_percent", growth.rate))]
        )
    elif clicks:
        values = [clicks[m] * DEFAULT_CLICK_TO_SESSION for m in plan_months]
        sessions = add(
            "sessions",
            values,
            [_reason("from_clicks", value=("percent", DEFAULT_CLICK_TO_SESSION))],
            "benchmark",
        )

    # --- goals: completions by goal type, leads
    goal_targets: dict[str, dict[str, float]] = {}
    types = lead_goal_types(answers)
    if not types:
        notes.append(_reason("note_no_goals"))
    for goal_type in types:
        kpi = f"goal_reaches.{goal_type}"
        base = baseline.monthly(kpi) if has_data else None
        if base:
            goal_targets[goal_type] = grown(
                kpi, max(base, 1.0), [_reason("grows_with_sessions", rate=("signed_percent", growth.rate))]
            )
        elif sessions:
            per_session = DEFAULT_GOAL_RATES[goal_type]
            values = [max(sessions[m] * per_session, 1.0) for m in plan_months]
            goal_targets[goal_type] = add(
                kpi, values, [_reason("goal_benchmark", value=("percent", per_session))], "benchmark"
            )
        else:
            notes.append(_reason("note_no_goal_basis", kpi=("kpi", kpi)))
    lead_types = [t for t in goal_targets if t in LEAD_GOAL_TYPES]
    leads = None
    if lead_types:
        values = [sum(goal_targets[t][m] for t in lead_types) for m in plan_months]
        leads = add(
            "leads",
            values,
            [
                _reason("leads_sum", parts=("kpi_list", [f"goal_reaches.{t}" for t in lead_types])),
            ],
            "plan",
        )

    # --- sales
    orders = None
    wants_sales = "sales" in answers.get("impact", []) or (baseline.value("orders") or 0) > 0
    base_orders = baseline.monthly("orders") if has_data else None
    if base_orders:
        orders = grown(
            "orders", base_orders, [_reason("grows_with_sessions", rate=("signed_percent", growth.rate))]
        )
    elif wants_sales and sessions:
        values = [max(sessions[m] * DEFAULT_ORDER_CONVERSION, 1.0) for m in plan_months]
        orders = add(
            "orders",
            values,
            [_reason("orders_benchmark", value=("percent", DEFAULT_ORDER_CONVERSION))],
            "benchmark",
        )

    # --- money: cost per visit / lead / sale from the budget, ROMI from orders × average order value
    cost = budget.total
    if cost <= 0:
        notes.append(_reason("note_no_budget"))
    else:
        for kpi, volume in (("cpc", sessions), ("cpl", leads), ("cps", orders)):
            if not volume:
                continue
            volume_kpi = {"cpc": "sessions", "cpl": "leads", "cps": "orders"}[kpi]
            values = [cost / volume[m] if volume[m] else math.nan for m in plan_months]
            if any(math.isnan(v) for v in values):
                continue
            reasons = [
                _reason(
                    "cost_per",
                    budget=("money", cost),
                    volume_kpi=("kpi", volume_kpi),
                    volume=("count", volume[plan_months[0]]),
                    value=("money", values[0]),
                )
            ]
            current = baseline.value(kpi) if has_data else None
            if current is not None:
                key = "cost_per_now_worse" if values[0] > current * 1.05 else "cost_per_now"
                reasons.append(_reason(key, value=("money", current)))
            reasons.append(_reason("lower_is_better"))
            add(kpi, values, reasons, "plan")
        if orders:
            aov = _number(answers.get("average_order_value"))
            base_revenue, base_orders_total = baseline.value("revenue"), baseline.value("orders")
            if not aov and base_revenue and base_orders_total:
                aov = base_revenue / base_orders_total
            if aov:
                romi = [(orders[m] * aov - cost) / cost for m in plan_months]
                reasons = [
                    _reason(
                        "romi",
                        orders=("count", orders[plan_months[0]]),
                        aov=("money", aov),
                        revenue=("money", orders[plan_months[0]] * aov),
                        budget=("money", cost),
                    )
                ]
                margin = _number(answers.get("margin_percent"))
                # margin_percent is in percent (30 = 30 %), ROMI is a ratio (0.5 = 50 %): SMM pays for
                # itself when revenue × margin covers the budget, i.e. ROMI ≥ 1 / margin − 1
                breakeven = 100 / margin - 1 if margin else None
                if breakeven is not None:
                    reasons.append(
                        _reason(
                            "romi_breakeven",
                            margin=("percent", margin / 100),
                            breakeven=("percent", breakeven),
                        )
                    )
                if min(romi) < 0:
                    notes.append(_reason("note_romi_negative", romi=("percent", romi[0])))
                else:
                    if breakeven is not None and min(romi) < breakeven:
                        # planned, but at a loss: said next to the ROMI target (the page shows it as a warning)
                        reasons.append(
                            _reason(
                                ROMI_BELOW_BREAKEVEN,
                                romi=("percent", min(romi)),
                                breakeven=("percent", breakeven),
                                margin=("percent", margin / 100),
                            )
                        )
                    add("romi", romi, reasons, "plan")
            else:
                notes.append(_reason("note_no_aov"))
    return PlanProposal(plan_months, out, notes, baseline, growth)


# --------------------------------------------------------------------------------------------------
# The plan as an editable table (one row per KPI and scope, one column per month)

KPI_COLUMN, SCOPE_COLUMN, UNIT_COLUMN, WHY_COLUMN = "kpi", "scope", "unit", "why"


def editor_factor(kpi: str) -> float:
    """Shares are edited in percent (3.5 means 3.5 %); everything else as stored."""
    return 100.0 if metrics.METRICS[kpi].unit == "ratio" else 1.0


def plan_frame(
    rows: Sequence[PlanRow],
    months: Sequence[str],
    reasons: Mapping[str, Sequence[Reason]],
    *,
    lang: str,
    currency: str = "RUB",
) -> pd.DataFrame:
    """Long plan rows → the wide table of the editor: kpi, scope, unit, one column per month, why."""
    order: list[tuple[str, str]] = []
    cells: dict[tuple[str, str], dict[str, float]] = {}
    for row in rows:
        key = (row.kpi, row.scope)
        if key not in cells:
            order.append(key)
            cells[key] = {}
        cells[key][row.month] = row.target * editor_factor(row.kpi)
    records = []
    for kpi, scope in order:
        record = {KPI_COLUMN: kpi, SCOPE_COLUMN: scope, UNIT_COLUMN: unit_label(kpi, lang, currency)}
        record.update({month: cells[(kpi, scope)].get(month, math.nan) for month in months})
        record[WHY_COLUMN] = render_reasons(reasons.get(kpi, ()), lang, currency)
        records.append(record)
    columns = [KPI_COLUMN, SCOPE_COLUMN, UNIT_COLUMN, *months, WHY_COLUMN]
    frame = pd.DataFrame(records, columns=columns)
    for month in months:
        frame[month] = pd.to_numeric(frame[month], errors="coerce").astype("float64")
    return frame


def unit_label(kpi: str, lang: str, currency: str = "RUB") -> str:
    unit = metrics.METRICS[kpi].unit
    if unit == "ratio":
        return "%"
    if unit == "money":
        return i18n.format_money(0, currency, lang).replace("0", "").strip()
    if unit == "minutes":
        return i18n.t("unit.minutes_short", lang)
    if kpi == "posts":  # KPI.md plans posts per month; people think in posts a week (shown under the table)
        return i18n.t("brief.unit.posts_month", lang)
    return i18n.t("brief.unit.count", lang)


def posts_per_week(rows: Sequence[PlanRow]) -> list[tuple[str, str, float]]:
    """(scope, month, posts a week) for every posts target: the month's target × 7 / days in the month."""
    return [(r.scope, r.month, r.target * 7 / days_in_month(r.month)) for r in rows if r.kpi == "posts"]


def rows_from_frame(frame: pd.DataFrame, months: Sequence[str]) -> list[PlanRow]:
    """The edited wide table → plan rows; empty cells (and rows without a KPI) are "no target"."""
    rows: list[PlanRow] = []
    for record in frame.to_dict("records"):
        kpi = _text(record.get(KPI_COLUMN))
        if not kpi:
            continue
        scope = _text(record.get(SCOPE_COLUMN)) or "all"
        factor = editor_factor(kpi) if kpi in metrics.METRICS else 1.0
        for month in months:
            value = _number(record.get(month))
            if value is not None:
                # round away the float noise of ×100 / 100 (0.692 → 69.2 → 0.6920000000000001): a plan only
                # viewed must read back equal, or the autosave rewrites it
                rows.append(PlanRow(month, scope, kpi, round(value / factor, 10)))
    return rows


def plan_months_of(rows: Sequence[PlanRow]) -> list[str]:
    return sorted({row.month for row in rows})


def plan_csv_frame(rows: Sequence[PlanRow], client: str) -> pd.DataFrame:
    """The canonical ``plan`` file (KPI.md §2): month, client, scope, kpi, target."""
    return pd.DataFrame(
        [
            {"month": r.month, "client": client, "scope": r.scope, "kpi": r.kpi, "target": r.target}
            for r in rows
        ],
        columns=["month", "client", "scope", "kpi", "target"],
    )


def lower_is_better(kpi: str) -> bool:
    return kpi in LOWER_IS_BETTER
