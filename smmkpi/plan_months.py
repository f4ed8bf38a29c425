"""Plan vs fact on screen: which clients in scope have a plan, and attainment month by month.

Pure (no Streamlit, no database): it reads a loaded ``kpi.KpiData`` and calls the engine's public functions
(``plan_targets``, ``compute_kpis``, ``attainment``) once per month of the period, so the numbers follow
KPI.md exactly (prorated targets, lower-is-better KPIs as target / fact).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from smmkpi import kpi


@dataclass(frozen=True)
class MonthPlan:
    """One KPI in one month of the period: target, fact and attainment (None = not computable)."""

    month: str  # YYYY-MM
    start: dt.date  # the part of the month inside the period
    end: dt.date
    partial: bool  # the period covers only part of the month
    kpi: str
    target: float | None
    fact: float | None
    attainment: float | None


def _months(period: kpi.Period) -> set[str]:
    return {f"{p.start:%Y-%m}" for p in period.months()}


def plan_coverage(data: kpi.KpiData, period: kpi.Period) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(client ids in scope with a target in the period, client ids in scope without one).

    Mirrors the scope rules of ``kpi.plan_targets``: the plan rows of the clients in scope, for the
    scope "all" (or the chosen networks), in the months touching the period. Under an account or a
    specialist scope the engine shows no plan, so both are empty.
    """
    if data.account_filter or data.specialist_scope or not data.clients:
        return (), ()
    scopes = list(data.networks) if data.networks else ["all"]
    rows = data.plan
    if not rows.empty:
        rows = rows[rows["client_id"].isin(data.clients) & rows["scope"].isin(scopes)]
        rows = rows[rows["month"].isin(_months(period)) & rows["target"].notna()]
    planned = {int(c) for c in rows["client_id"]} if not rows.empty else set()
    with_plan = tuple(c for c in data.clients if c in planned)
    without = tuple(c for c in data.clients if c not in planned)
    return with_plan, without


def plan_by_month(data: kpi.KpiData, period: kpi.Period) -> list[MonthPlan]:
    """Target, fact and attainment of every planned KPI in every month of ``period`` (cut to the period).

    A KPI planned in some months only gets a row with ``target=None`` in the others; months without any
    target are left out. The fact is the engine's ``compute_kpis`` for the month's part of the period.
    """
    months = [(m, kpi.plan_targets(data, m)) for m in period.months()]
    months = [(m, targets) for m, targets in months if targets]
    planned = [k for k in kpi.KPI_KEYS if any(k in targets for _, targets in months)]
    out: list[MonthPlan] = []
    for month, targets in months:
        facts = kpi.compute_kpis(data, month)
        reached = kpi.attainment(facts, targets)
        partial = month.days != calendar.monthrange(month.start.year, month.start.month)[1]
        for key in planned:
            out.append(MonthPlan(
                month=f"{month.start:%Y-%m}", start=month.start, end=month.end,
                partial=partial, kpi=key, target=targets.get(key),
                fact=facts.get(key), attainment=reached.get(key) if key in targets else None,
            ))  # fmt: skip
    return out
