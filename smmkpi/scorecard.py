"""The specialist scorecard: the workspace's specialists side by side for a period, with the trust marker.

Nothing here computes a KPI or runs a trust check. The numbers are the KPI engine's under each specialist's
scope (``query.kpi_report`` with the specialist filter: an account counts for a specialist only on the days
of their assignment, KPI.md §4 Scope), and the marker is read from the stored trust findings
(``trust.summary``) of the days each specialist held each account, so bought followers that arrived before
a hand-over stay with the specialist who had the account then. :func:`build` assembles one row per
specialist from those results (pure, tested on hand-built data); :func:`compute` loads them; the rest words
them (marker, account list) and draws one KPI as bars.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from smmkpi import charts, i18n, kpi, metrics
from smmkpi.kpi import Period

# The scorecard's KPIs, in the order of the table (KPI.md §4 keys; names and formulas from smmkpi.metrics).
SCORECARD_KPIS = ("follower_growth", "reach", "er_reach", "posts", "response_rate", "median_response_minutes",
                  "sessions", "leads", "cpl", "cps")  # fmt: skip
NOT_CHECKED = "not_checked"  # an account whose trust check has never run (not the same as "clean")
FLAGGED = ("likely_inflated", "suspicious")
# Worst first: a specialist's verdict is the worst of their accounts' verdicts in the period.
VERDICT_RANK = {"likely_inflated": 0, "suspicious": 1, NOT_CHECKED: 2, "not_enough_data": 3, "clean": 4}
MARKER_COLOR = "#E8890C"  # the orange of the app's warning icons
PLAIN_COLOR = "#4C78A8"
BAR_STEP = 36  # px per specialist on the chart
COLUMNS = ("specialist", "accounts", "account_days", "detail", *SCORECARD_KPIS, "verdict", "flagged", "unchecked",
           "explained")  # fmt: skip


@dataclass(frozen=True)
class Scorecard:
    """What the Specialists page shows: one row per specialist (:func:`build`) and the workspace's facts."""

    frame: pd.DataFrame
    currency: str
    specialists_in_workspace: int


# --------------------------------------------------------------------------------------------------
# Assembling the rows


def windows(assignments: pd.DataFrame, period: Period) -> pd.DataFrame:
    """specialist, account_id, first_day, last_day, days: each assignment clipped to the period.

    ``assignments`` as ``repo.list_assignments`` gives them (until NaT = still assigned); assignments that
    do not touch the period are left out.
    """
    columns = ["specialist", "account_id", "first_day", "last_day", "days"]
    if assignments.empty:
        return pd.DataFrame(columns=columns)
    since = pd.to_datetime(assignments["since"])
    until = pd.to_datetime(assignments["until"]).fillna(period.ts_end)
    first = since.where(since > period.ts_start, period.ts_start)
    last = until.where(until < period.ts_end, period.ts_end)
    out = pd.DataFrame({
        "specialist": assignments["specialist"].astype(object),
        "account_id": assignments["account_id"].astype("int64"),
        "first_day": first.dt.date, "last_day": last.dt.date,
        "days": (last - first).dt.days + 1,
    })  # fmt: skip
    return out[out["days"] > 0].reset_index(drop=True)[columns]


def merge_trust(summaries: Iterable[Mapping]) -> dict | None:
    """One account's trust summaries of several windows as one: the worst verdict, the counts added."""
    summaries = [s for s in summaries if s]
    if not summaries:
        return None
    worst = min(summaries, key=lambda s: VERDICT_RANK.get(s.get("verdict"), len(VERDICT_RANK)))
    merged = {"verdict": worst.get("verdict")}
    for key in ("suspicious", "impossible", "legit_causes", "explained"):
        merged[key] = sum(int(s.get(key) or 0) for s in summaries)
    return merged


def _worst(verdicts: Iterable[str]) -> str | None:
    ranked = sorted(verdicts, key=lambda v: VERDICT_RANK.get(v, len(VERDICT_RANK)))
    return ranked[0] if ranked else None


def build(*, period: Period, specialists: Sequence[str], assignments: pd.DataFrame, accounts: pd.DataFrame,
          reports: Mapping[str, dict], trust: Mapping[str, Mapping[int, Mapping]],
          checked: Collection[int]) -> pd.DataFrame:  # fmt: skip
    """One row per specialist: their accounts in the period (with days held), the KPIs, the trust verdict.

    - ``assignments``: ``repo.list_assignments`` rows; only accounts in ``accounts`` (the client scope:
      account_id, network, handle, name) count.
    - ``reports``: specialist → the KPI.md §5 report of the period under that specialist's scope; only its
      ``total`` is read. A specialist without a day in the period gets no KPI at all ("—"), whatever the
      report says.
    - ``trust``: specialist → {account_id: ``trust.summary`` entry for the days they held it};
      ``checked``: the accounts with a stored check (an unchecked account is "not checked", not clean).

    Columns: specialist, accounts (how many), account_days, detail (per account: account_id, name, network,
    days, verdict), the ``SCORECARD_KPIS``, verdict (the worst; None without accounts), flagged ((name,
    network, verdict) of suspicious / likely inflated accounts, worst first), unchecked ((name, network)),
    explained (findings marked explained, which do not count).
    """
    in_scope = accounts.set_index("account_id")
    held = windows(assignments[assignments["account_id"].isin(in_scope.index)], period)
    checked = {int(a) for a in checked}
    rows = []
    for specialist in specialists:
        own = held[held["specialist"] == specialist]
        days = own.groupby("account_id", sort=False)["days"].sum()
        detail = []
        for account_id, count in days.items():
            account = in_scope.loc[account_id]
            summary = (trust.get(specialist) or {}).get(int(account_id))
            if int(account_id) not in checked or not summary:
                verdict = NOT_CHECKED
            else:
                verdict = summary.get("verdict") or NOT_CHECKED
            detail.append({
                "account_id": int(account_id), "name": _account_name(account), "network": account["network"],
                "days": int(count), "verdict": verdict, "explained": int((summary or {}).get("explained") or 0),
            })  # fmt: skip
        detail.sort(key=lambda d: (-d["days"], d["name"]))
        total = (reports.get(specialist) or {}).get("total", {}) if detail else {}
        flagged = sorted(
            ((d["name"], d["network"], d["verdict"]) for d in detail if d["verdict"] in FLAGGED),
            key=lambda f: (VERDICT_RANK[f[2]], f[0]),
        )
        rows.append({
            "specialist": specialist,
            "accounts": len(detail),
            "account_days": int(days.sum()) if detail else 0,
            "detail": tuple(detail),
            **{key: total.get(key) for key in SCORECARD_KPIS},
            "verdict": _worst(d["verdict"] for d in detail),
            "flagged": tuple(flagged),
            "unchecked": tuple((d["name"], d["network"]) for d in detail if d["verdict"] == NOT_CHECKED),
            "explained": sum(d["explained"] for d in detail),
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if frame.empty:
        return frame
    # who held accounts in the period first, then by name; KPIs keep None (never 0) for "not reported"
    order = sorted(
        range(len(frame)), key=lambda i: (frame.at[i, "accounts"] == 0, str(frame.at[i, "specialist"]))
    )
    frame = frame.iloc[order].reset_index(drop=True)
    for key in (*SCORECARD_KPIS, "verdict"):
        frame[key] = frame[key].astype(object).where(frame[key].notna(), None)
    return frame


def _account_name(account) -> str:
    name = account.get("name") if hasattr(account, "get") else None
    return str(name) if isinstance(name, str) and name.strip() else str(account["handle"])


# --------------------------------------------------------------------------------------------------
# Loading (the KPI engine and the stored trust findings)


def compute(session, *, workspace_name: str, client: str | None, date_from: dt.date,
            date_to: dt.date) -> Scorecard:  # fmt: skip
    """The scorecard of a workspace (one client or all) for a period, from the database.

    Raises ``query.ScopeError`` for an unknown workspace or client and a reversed period.
    """
    from db import repo, trust_repo
    from smmkpi import query, trust

    if date_to < date_from:
        raise query.ScopeError(f"The period ends ({date_to}) before it starts ({date_from}); swap the dates.")
    workspace = query.resolve_workspace(session, workspace_name)
    period = Period(date_from, date_to)
    accounts = query.scoped_accounts(session, workspace, query.KpiFilters(client=client))
    assignments = repo.list_assignments(session, workspace_id=workspace.id)
    assignments = assignments[assignments["account_id"].isin(accounts["account_id"])]
    everyone = list(repo.list_specialists(session, workspace_id=workspace.id)["key"])
    # with a client: the specialists who ever held one of its accounts; otherwise every specialist
    keys = [k for k in everyone if client is None or k in set(assignments["specialist"])]
    held = windows(assignments, period)
    # the engine under each specialist's scope, as `kpi --specialist` and the Overview's specialist filter
    # compute it; only the period's total is shown (the report's `total`, without its breakdowns)
    reports = {}
    for key in set(held["specialist"]):
        data = query.load_kpi_data(session, workspace=workspace, period=period,
                                   filters=query.KpiFilters(client=client, specialist=key))  # fmt: skip
        reports[key] = {"total": kpi.compute_kpis(data, period)}
    # trust findings of the days each specialist held each account: one read per distinct window
    found: dict[str, dict[int, list]] = {}
    for (first, last), group in held.groupby(["first_day", "last_day"], sort=True):
        summary = trust.summary(session, workspace_id=workspace.id, account_ids=group["account_id"], date_from=first,
                                date_to=last)  # fmt: skip
        for row in group.itertuples():
            found.setdefault(row.specialist, {}).setdefault(int(row.account_id), []).append(
                summary.get(int(row.account_id))
            )
    merged = {key: {a: merge_trust(s) for a, s in per.items()} for key, per in found.items()}
    checked = set(trust_repo.list_checks(session, workspace_id=workspace.id)["account_id"].astype(int))
    frame = build(period=period, specialists=keys, assignments=assignments, accounts=accounts, reports=reports,
                  trust=merged, checked=checked)  # fmt: skip
    return Scorecard(frame, workspace.currency, len(everyone))


# --------------------------------------------------------------------------------------------------
# Words


def account_label(name: str, network: str, lang: str) -> str:
    """ "Кедр (VK)" """
    return f"{name} ({charts.channel_label(network, lang)})"


def verdict_text(verdict: str | None, lang: str) -> str:
    if i18n.is_missing(verdict):
        return i18n.MISSING
    if verdict == NOT_CHECKED:
        return i18n.t("scorecard.verdict.not_checked", lang)
    return i18n.t(f"trust.verdict.{verdict}", lang)


def marker_text(row, lang: str) -> str | None:
    """ "2 accounts suspicious: Кедр (VK) — likely inflated, …" when an account shows signs; else None."""
    flagged = row["flagged"]
    if not flagged:
        return None
    accounts = ", ".join(f"{account_label(name, network, lang)} — {verdict_text(verdict, lang).lower()}"
                         for name, network, verdict in flagged)  # fmt: skip
    return i18n.t_plural("scorecard.marker", len(flagged), lang, accounts=accounts)


def not_checked_text(row, lang: str) -> str | None:
    """ "Not checked yet: Кедр (VK)" for accounts whose trust check never ran; else None."""
    if not row["unchecked"]:
        return None
    names = ", ".join(account_label(name, network, lang) for name, network in row["unchecked"])
    return i18n.t("scorecard.not_checked", lang, accounts=names)


def trust_text(row, lang: str) -> str:
    """The table's trust cell: the marker, else "not checked", else nothing (a clean specialist)."""
    return marker_text(row, lang) or not_checked_text(row, lang) or ""


def accounts_text(row, lang: str) -> str:
    """ "Кедр (VK) — 45 days; Обжарка (Telegram) — 90 days", or "no accounts in this period"."""
    if not row["detail"]:
        return i18n.t("scorecard.no_accounts", lang)
    return "; ".join(f"{account_label(d['name'], d['network'], lang)} — {i18n.t_plural('unit.days', d['days'], lang)}"
                     for d in row["detail"])  # fmt: skip


# --------------------------------------------------------------------------------------------------
# The chart


def chart_rows(frame: pd.DataFrame, metric_key: str, lang: str, currency: str = "RUB") -> pd.DataFrame:
    """label, value (NaN = not reported), value_text, flagged, status, trust, accounts — one per specialist."""
    rows = []
    for _, row in frame.iterrows():
        value = row[metric_key]
        marker = marker_text(row, lang)
        rows.append({
            "label": row["specialist"],
            "value": float("nan") if i18n.is_missing(value) else float(value),
            "value_text": metrics.format_metric(metric_key, value, lang, currency),
            "flagged": marker is not None,
            "status": i18n.t("scorecard.chart.flagged" if marker else "scorecard.chart.plain", lang),
            "trust": marker or not_checked_text(row, lang) or i18n.t("scorecard.chart.no_signs", lang),
            "accounts": accounts_text(row, lang),
        })  # fmt: skip
    return pd.DataFrame(
        rows, columns=["label", "value", "value_text", "flagged", "status", "trust", "accounts"]
    )


def chart(frame: pd.DataFrame, metric_key: str, lang: str, currency: str = "RUB") -> alt.TopLevelMixin:
    """Horizontal bars, one per specialist, the value at the end; orange where the trust marker is."""
    rows = chart_rows(frame, metric_key, lang, currency)
    label = metrics.label(metric_key, lang)
    unit = metrics.METRICS[metric_key].unit
    axis_format = ".0%" if unit == "ratio" else ",~s" if unit == "money" else ",~r"
    flagged, plain = i18n.t("scorecard.chart.flagged", lang), i18n.t("scorecard.chart.plain", lang)
    y = alt.Y("label:N", sort=list(rows["label"]), title=None,
              axis=alt.Axis(labelLimit=260, ticks=False, domain=False))  # fmt: skip
    reported = alt.Chart(rows).transform_filter("isValid(datum.value)")
    bars = reported.mark_bar(cornerRadiusEnd=3, height={"band": 0.7}).encode(
        x=alt.X("value:Q", title=label, axis=alt.Axis(format=axis_format, tickCount=5), scale=alt.Scale(nice=True)),
        y=y,
        color=alt.Color("status:N", scale=alt.Scale(domain=[plain, flagged], range=[PLAIN_COLOR, MARKER_COLOR]),
                        legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("label:N", title=i18n.t("scorecard.col.specialist", lang)),
                 alt.Tooltip("value_text:N", title=label),
                 alt.Tooltip("accounts:N", title=i18n.t("scorecard.col.accounts", lang)),
                 alt.Tooltip("trust:N", title=i18n.t("scorecard.col.trust", lang))],
    )  # fmt: skip
    text, missing = charts.value_labels(rows, y)
    layered = alt.layer(bars, text, missing).properties(height=alt.Step(BAR_STEP))
    return layered.configure(locale=charts.vega_locale(lang)).configure_view(strokeWidth=0)
