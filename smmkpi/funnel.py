"""The goal funnel: reach → link clicks → site sessions → goal completions → orders → revenue.

Pure functions over a KPI report (``smmkpi.kpi.compute_report``, KPI.md §5). Every step value is a KPI of
KPI.md §4 read from the report; this module arranges them and defines the conversions between
neighbouring steps. Conversions that are KPIs keep their KPI meaning; two are new and defined here:

| step → next step        | conversion                                     | key              |
|-------------------------|------------------------------------------------|------------------|
| reach → link clicks     | link_clicks / reach                            | ``ctr`` (KPI)    |
| link clicks → sessions  | sessions / link_clicks                         | ``click_to_session`` (KPI) |
| sessions → goal         | leads / sessions                               | ``conversion_rate`` (KPI) |
|                         | goal_reaches.<type> / sessions (one goal type) | ``goal_rate``    |
| goal → orders           | orders / leads (or / goal_reaches.<type>)      | ``goal_to_order`` (new) |
| orders → revenue        | revenue / orders (average order value, money)  | ``order_value`` (new) |

The goal step is ``leads`` (calls, messages, consultations, forms) unless one goal type is chosen.
A conversion follows the KPI.md ratio rule: null when either step is null or the earlier step is 0.

Orders above the goal step (sales that did not all come through the tracked goals: a phone order without
a call goal, a walk-in) make "goal → order" more than 100 %, which is not a conversion. Such a step gets the
key ``orders_per_goal`` instead (shown as a number, "3.7 orders per goal") and is left out of the leak.

Plan of a conversion: the plan's own target for that KPI when the plan has one (``ctr``,
``click_to_session``, ``conversion_rate``); otherwise the ratio of the targets of both steps when both
have one; otherwise none. Attainment is fact / target (every conversion here is "higher is better").
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from smmkpi import kpi

GOAL_STEP = "goal"
COUNT_STEPS = ("reach", "link_clicks", "sessions", GOAL_STEP, "orders")
STEPS = (*COUNT_STEPS, "revenue")
# conversion into each step from the one before it
CONVERSIONS = {
    "link_clicks": "ctr",
    "sessions": "click_to_session",
    GOAL_STEP: "conversion_rate",
    "orders": "goal_to_order",
    "revenue": "order_value",
}
# goal types a user can pick for the goal step: the lead types and page visits
FUNNEL_GOAL_TYPES = ("call", "message", "consultation", "form", "page_visit")
UNTYPED = "untyped"
PER_GOAL = "orders_per_goal"  # the orders step when orders exceed the goal step: a ratio, not a conversion
NOT_CONVERSIONS = ("order_value", PER_GOAL)  # ratios that are no conversion and never "leak"
STEP_COLUMNS = ["step", "kpi", "value", "previous", "plan", "change", "attainment", "conversion_key",
                "conversion", "conversion_previous", "conversion_plan", "conversion_change",
                "conversion_attainment"]  # fmt: skip


def goal_key(goal_type: str | None) -> str:
    """The KPI behind the goal step: ``leads``, or ``goal_reaches.<type>`` for one goal type."""
    if goal_type is None:
        return "leads"
    if goal_type not in kpi.GOAL_TYPES:
        raise ValueError(f"goal type must be one of {kpi.GOAL_TYPES}, not {goal_type!r}")
    return f"goal_reaches.{goal_type}"


def step_kpi(step: str, goal_type: str | None = None) -> str:
    """The KPI key of a funnel step (the goal step depends on the chosen goal type)."""
    return goal_key(goal_type) if step == GOAL_STEP else step


def conversion_key(step: str, goal_type: str | None = None) -> str | None:
    """The conversion into ``step`` (None for the first step)."""
    if step == GOAL_STEP and goal_type is not None:
        return "goal_rate"
    return CONVERSIONS.get(step)


def _value(values: Mapping | None, key: str):
    if not values:
        return None
    value = values.get(key)
    return None if value is None or value != value else value  # NaN is "not reported" too


def conversions(values: Mapping | None, goal_type: str | None = None) -> dict[str, float | None]:
    """{conversion key: value} of one set of KPI values (a report's ``total``, ``previous`` or a network)."""
    out = {}
    for earlier, later in zip(STEPS, STEPS[1:], strict=False):
        key = conversion_key(later, goal_type)
        out[key] = kpi.ratio(
            _value(values, step_kpi(later, goal_type)), _value(values, step_kpi(earlier, goal_type))
        )
    return out


def _plan_conversion(plan: Mapping | None, earlier: str, later: str, goal_type: str | None):
    key = conversion_key(later, goal_type)
    own = _value(plan, key) if key in kpi.KPI_KEYS else None
    if own is not None:
        return own
    return kpi.ratio(_value(plan, step_kpi(later, goal_type)), _value(plan, step_kpi(earlier, goal_type)))


def _change(current, previous):
    """Relative change (KPI.md §3 "Δ"): None when either is missing or the previous is 0."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous)


def funnel_steps(values: Mapping | None, *, previous: Mapping | None = None, plan: Mapping | None = None,
                 goal_type: str | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per step: its KPI value, previous period and plan, and the conversion from the step before.

    Columns: STEP_COLUMNS. Missing values are NaN (shown as "—"), never 0.
    """
    current_conv = conversions(values, goal_type)
    previous_conv = conversions(previous, goal_type)
    rows = []
    for index, step in enumerate(STEPS):
        key = step_kpi(step, goal_type)
        value, before, target = _value(values, key), _value(previous, key), _value(plan, key)
        row = {"step": step, "kpi": key, "value": value, "previous": before, "plan": target,
               "change": _change(value, before), "attainment": kpi.ratio(value, target)}  # fmt: skip
        conv_key = conversion_key(step, goal_type) if index else None
        if conv_key is None:
            row.update(conversion_key=None, conversion=None, conversion_previous=None, conversion_plan=None,
                       conversion_change=None, conversion_attainment=None)  # fmt: skip
        else:
            conv, conv_before = current_conv[conv_key], previous_conv[conv_key]
            conv_plan = _plan_conversion(plan, STEPS[index - 1], step, goal_type)
            if conv_key == "goal_to_order" and conv is not None and conv > 1:
                conv_key = PER_GOAL  # more orders than goals: not a conversion (see the module docstring)
            row.update(conversion_key=conv_key, conversion=conv, conversion_previous=conv_before,
                       conversion_plan=conv_plan, conversion_change=_change(conv, conv_before),
                       conversion_attainment=kpi.ratio(conv, conv_plan))  # fmt: skip
        rows.append(row)
    frame = pd.DataFrame(rows, columns=STEP_COLUMNS)
    numeric = [c for c in STEP_COLUMNS if c not in ("step", "kpi", "conversion_key")]
    frame[numeric] = frame[numeric].astype("float64")
    return frame


def report_funnel(report: Mapping, goal_type: str | None = None) -> pd.DataFrame:
    """The funnel of a report's total, with its previous period and plan."""
    return funnel_steps(report["total"], previous=report.get("previous"), plan=report.get("plan"),
                        goal_type=goal_type)  # fmt: skip


NETWORK_COLUMNS = ["network", *STEPS, *(CONVERSIONS[s] for s in STEPS[1:])]


def network_funnels(report: Mapping, goal_type: str | None = None) -> pd.DataFrame:
    """One row per network of the report plus a ``total`` row: every step and every conversion.

    Columns: network, the steps (``goal`` holds the goal step's KPI), and the conversions under their
    KPI names (``conversion_rate`` holds ``goal_rate`` when a goal type is chosen).
    """
    rows = []
    entries = [*report.get("by_network", {}).items(), ("total", report["total"])]
    for network, values in entries:
        row = {"network": network}
        for step in STEPS:
            row[step] = _value(values, step_kpi(step, goal_type))
        conv = conversions(values, goal_type)
        for step in STEPS[1:]:
            row[CONVERSIONS[step]] = conv[conversion_key(step, goal_type)]
        rows.append(row)
    frame = pd.DataFrame(rows, columns=NETWORK_COLUMNS)
    frame[NETWORK_COLUMNS[1:]] = frame[NETWORK_COLUMNS[1:]].astype("float64")
    return frame


def goal_type_values(values: Mapping | None) -> pd.DataFrame:
    """goal_type, value: completions per goal type, and ``untyped`` for goals imported without a type.

    ``untyped`` = goal_reaches − Σ goal_reaches.<type> (goal_reaches counts every goal, typed or not);
    it is listed only when it is positive. Types without a value are NaN ("—"), not 0.
    """
    rows = [{"goal_type": t, "value": _value(values, f"goal_reaches.{t}")} for t in kpi.GOAL_TYPES]
    untyped = untyped_goal_reaches(values)
    if untyped:
        rows.append({"goal_type": UNTYPED, "value": untyped})
    frame = pd.DataFrame(rows, columns=["goal_type", "value"])
    frame["value"] = frame["value"].astype("float64")
    return frame


def untyped_goal_reaches(values: Mapping | None) -> int | None:
    """Completions of goals without a type: they count in goal_reaches but in no goal type (None if none)."""
    total = _value(values, "goal_reaches")
    if total is None:
        return None
    typed = kpi.null_add(*(_value(values, f"goal_reaches.{t}") for t in kpi.GOAL_TYPES)) or 0
    rest = total - typed
    return int(rest) if rest > 0 else None


def has_data(report: Mapping) -> bool:
    """True when any funnel step (reach … revenue, or any goal completion) has a value in the report."""
    total = report["total"]
    return any(_value(total, key) is not None for key in (*STEPS[:-1], "goal_reaches", "revenue")) or any(
        _value(v, "sessions") is not None for v in report.get("by_channel", {}).values()
    )


def networks_without_web_data(report: Mapping) -> list[str]:
    """Networks that report reach or link clicks but whose site sessions are not reported at all.

    Their funnel stops before the site: the sessions step and everything computed from it are "—".
    """
    out = []
    for network, values in report.get("by_network", {}).items():
        if _value(values, "sessions") is None:
            out.append(network)
    return out


def networks_without_reach(report: Mapping) -> list[str]:
    """Networks whose reach is not reported (e.g. Telegram channels): their funnel starts lower."""
    return [n for n, v in report.get("by_network", {}).items() if _value(v, "reach") is None]


LEAK_MIN_ATTAINMENT = 0.95  # a conversion at 95 % of plan or more is "on plan", not a leak
LEAK_MAX_CHANGE = -0.05  # a fall of 5 % or less against the previous period is noise, not a leak


def leak(steps: pd.DataFrame, *, min_attainment: float = LEAK_MIN_ATTAINMENT,
         max_change: float = LEAK_MAX_CHANGE) -> dict | None:  # fmt: skip
    """Where the funnel leaks most: the weakest conversion vs plan, else vs the previous period.

    1. Conversions clearly below their plan (attainment < ``min_attainment``): the lowest attainment —
       the biggest shortfall — wins (basis "plan").
    2. Otherwise conversions that clearly fell against the previous period (change < ``max_change``): the
       largest fall (basis "previous").
    3. Otherwise None ("no clear leak"): every conversion that can be judged is within the tolerance of
       its plan and the previous period, or above.
    The order value, "orders per goal" (NOT_CONVERSIONS) and any ratio above 100 % are never a leak. Returns step,
    conversion_key, basis, value, reference (plan or previous value) and score (attainment, or change).
    """
    rows = steps[steps["conversion_key"].notna() & ~steps["conversion_key"].isin(NOT_CONVERSIONS)]
    # above 100 % the later step is not a part of the earlier one (more site sessions than link clicks:
    # visits from profiles and stories), so the ratio says nothing about what the funnel loses
    rows = rows[~(rows["conversion"] > 1)]
    below = rows[rows["conversion_attainment"] < min_attainment]
    if not below.empty:
        worst = below.loc[below["conversion_attainment"].idxmin()]
        return _leak(worst, "plan", worst["conversion_plan"], worst["conversion_attainment"])
    fell = rows[rows["conversion_change"] < max_change]
    if not fell.empty:
        worst = fell.loc[fell["conversion_change"].idxmin()]
        return _leak(worst, "previous", worst["conversion_previous"], worst["conversion_change"])
    return None


def _leak(row: pd.Series, basis: str, reference: float, score: float) -> dict:
    index = STEPS.index(row["step"])
    return {"step": row["step"], "from_step": STEPS[index - 1], "conversion_key": row["conversion_key"],
            "basis": basis, "value": float(row["conversion"]), "reference": float(reference),
            "score": float(score)}  # fmt: skip
