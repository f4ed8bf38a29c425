"""Communication: incoming comments and messages, how many get an answer and how fast, per network and
per specialist, the items still waiting, and the trend against the plan.

Pure functions over ``smmkpi.kpi.KpiData`` (its ``interactions`` frame: account_id, kind, date,
response_minutes) and plain frames. The numbers follow KPI.md §4 "Communication":
- ``received`` = interactions received in P (``interactions_in``);
- ``response_rate`` = answered / received, answered at any time (also after P);
- ``median_minutes`` = median of (answered_at − received_at) over answered interactions received in P;
- ``p90_minutes`` (new here): the 90th percentile of the same times, linear interpolation between the
  two nearest ranks (numpy's default): nine in ten answers came at least this fast.
An interaction counts for the specialist assigned to its account on the day it was received (workspace
zone); days without an assignment count as ``unassigned``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from smmkpi import kpi
from smmkpi.content import plan_by_bucket

UNASSIGNED = "unassigned"
DEFAULT_OVERDUE_HOURS = 24
KINDS = ("comment", "message")
STATS_COLUMNS = [
    "received",
    "comments",
    "messages",
    "answered",
    "response_rate",
    "median_minutes",
    "p90_minutes",
]
PLAN_KEYS = ("interactions_in", "response_rate", "median_response_minutes")


def scoped_interactions(data: kpi.KpiData, period: kpi.Period) -> pd.DataFrame:
    """Interactions received in ``period`` that count for the scope, with their account's network."""
    scope = kpi.Scope.build(data, period)
    rows = scope.account_rows(data.interactions)
    networks = data.accounts[["account_id", "network"]].drop_duplicates("account_id")
    return rows.merge(networks, on="account_id", how="left").reset_index(drop=True)


def with_specialists(interactions: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Add ``specialist``: who was assigned to the account on the day the interaction came in.

    ``assignments``: account_id, specialist, since, until (NaT = still assigned), as
    ``db.repo.list_assignments`` returns them. Assignments of one account do not overlap (KPI.md §2).
    """
    frame = interactions.reset_index(drop=True)
    frame["specialist"] = UNASSIGNED
    if frame.empty or assignments.empty:
        return frame
    left = frame[["account_id", "date"]].reset_index()
    merged = left.merge(assignments[["account_id", "specialist", "since", "until"]], on="account_id")
    inside = (merged["date"] >= merged["since"]) & (
        merged["until"].isna() | (merged["date"] <= merged["until"])
    )
    hits = merged[inside].drop_duplicates("index").set_index("index")["specialist"]
    frame.loc[hits.index, "specialist"] = hits
    return frame


def _stats(group: pd.DataFrame) -> dict:
    minutes = group["response_minutes"].dropna()
    received = len(group)
    answered = len(minutes)
    kinds = group["kind"].value_counts() if "kind" in group else pd.Series(dtype="int64")
    return {
        "received": float(received),
        "comments": float(kinds.get("comment", 0)),
        "messages": float(kinds.get("message", 0)),
        "answered": float(answered),
        "response_rate": answered / received if received else np.nan,
        "median_minutes": float(minutes.median()) if answered else np.nan,
        "p90_minutes": float(np.percentile(minutes.to_numpy(), 90)) if answered else np.nan,
    }


def response_stats(interactions: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Received, answered, response rate, median and 90th-percentile response time, per ``by`` value
    (e.g. network, specialist) or for everything (``by=None``: one row). Busiest group first."""
    if by is None:
        return pd.DataFrame([_stats(interactions)], columns=STATS_COLUMNS)
    rows = [{by: key, **_stats(group)} for key, group in interactions.groupby(by, sort=True)]
    frame = pd.DataFrame(rows, columns=[by, *STATS_COLUMNS])
    frame[STATS_COLUMNS] = frame[STATS_COLUMNS].astype("float64")
    return frame.sort_values(["received", by], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )


def overdue(unanswered: pd.DataFrame, *, now: dt.datetime, older_than_hours: float) -> pd.DataFrame:
    """Unanswered interactions received more than ``older_than_hours`` before ``now``, oldest (longest
    waiting) first.

    ``unanswered``: rows with ``received_at`` (UTC, aware or naive-UTC) and no answer; adds ``waiting_hours``.
    """
    if unanswered.empty:
        return unanswered.assign(waiting_hours=pd.Series(dtype="float64"))
    received = pd.to_datetime(unanswered["received_at"], utc=True)
    waiting = (pd.Timestamp(now).tz_convert("UTC") - received).dt.total_seconds() / 3600.0
    frame = unanswered.assign(received_at=received, waiting_hours=waiting.astype("float64"))
    frame = frame[frame["waiting_hours"] > older_than_hours]
    return frame.sort_values("received_at", ascending=True, kind="mergesort").reset_index(drop=True)


def response_trend(data: kpi.KpiData, period: kpi.Period, grain: str) -> pd.DataFrame:
    """Per bucket: received (all, comments, messages), response rate, median minutes and the plan's
    targets for interactions_in, response_rate and median_response_minutes (NaN where none).

    Buckets without interactions show 0 received when the scope has interactions at all (a reported
    zero), and NaN rates.
    """
    rows = scoped_interactions(data, period)
    plan = plan_by_bucket(data, period, grain, PLAN_KEYS)
    rows = (
        rows.assign(bucket=kpi.bucket_start(rows["date"], grain))
        if not rows.empty
        else rows.assign(bucket=pd.NaT)
    )
    stats = {bucket: _stats(group) for bucket, group in rows.groupby("bucket")}
    has_any = bool(data.accounts["has_interactions"].fillna(False).astype(bool).any())
    out = []
    for bucket in plan["bucket"]:
        values = stats.get(bucket)
        if values is None:
            zero = 0.0 if has_any else np.nan
            values = {"received": zero, "comments": zero, "messages": zero, "answered": zero,
                      "response_rate": np.nan, "median_minutes": np.nan, "p90_minutes": np.nan}  # fmt: skip
        out.append({"bucket": bucket, **values})
    frame = pd.DataFrame(out, columns=["bucket", *STATS_COLUMNS])
    frame = frame.merge(plan.rename(columns={k: f"plan_{k}" for k in PLAN_KEYS}), on="bucket", how="left")
    return frame.astype({c: "float64" for c in frame.columns if c != "bucket"})
