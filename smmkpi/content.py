"""Content: posts per week vs plan, the mix of formats, best and worst posts, when posting works best,
organic vs promoted.

Pure functions over post frames (one row per post, as ``db.analysis_repo.load_post_details`` returns
them, already limited to the scope with ``smmkpi.kpi.Scope.account_rows``) and trend frames.

Per-post numbers follow KPI.md §4 "Content and engagement" applied to one post:
- ``engagements`` = likes + comments + shares + saves (a NULL part counts as 0; a post with all four
  NULL has no engagements: NaN, and it is left out of every ER);
- ``er_reach`` of a post = engagements / reach (NaN when reach is not reported or 0);
- for a group of posts (a format, a heatmap cell, organic vs promoted) ER by reach is
  Σ engagements / Σ reach over the group's posts that report both — the KPI's own formula.
Weekday and hour are those of ``published_at`` in the workspace time zone (Monday = 0).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from smmkpi import kpi

RANK_METRICS = ("er_reach", "reach", "link_clicks")
DEFAULT_TOP = 5
# Posts whose reach is below this share of the median post reach are not ranked by ER: one like on a post
# seen by ten people would otherwise top the list.
MIN_REACH_SHARE_FOR_ER = 0.25
UNKNOWN = "unknown"
PROMOTION_GROUPS = ("organic", "promoted", UNKNOWN)


def prepare_posts(posts: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """Add engagements, er_reach, weekday and hour (workspace zone) to a frame of post rows."""
    frame = posts.copy()
    parts = frame[list(kpi.ENGAGEMENT_PARTS)].astype("float64")
    reported = parts.notna().any(axis=1)
    frame["engagements"] = parts.fillna(0).sum(axis=1).where(reported)
    reach = frame["reach"].astype("float64")
    frame["er_reach"] = (frame["engagements"] / reach.where(reach > 0)).astype("float64")
    stamps = pd.to_datetime(frame["published_at"], utc=True).dt.tz_convert(timezone)
    frame["weekday"] = stamps.dt.day_of_week.astype("Int64")
    frame["hour"] = stamps.dt.hour.astype("Int64")
    return frame


def _group_er(frame: pd.DataFrame, by: list[str]) -> pd.Series:
    """Σ engagements / Σ reach per group, over posts that report both (KPI.md er_reach)."""
    both = frame[frame["engagements"].notna() & frame["reach"].notna()]
    sums = both.groupby(by, dropna=False)[["engagements", "reach"]].sum()
    return (sums["engagements"] / sums["reach"].where(sums["reach"] > 0)).rename("er_reach")


def format_mix(posts: pd.DataFrame) -> pd.DataFrame:
    """format, posts, share, avg_reach, er_reach, link_clicks — the content mix, largest format first.

    ``avg_reach`` is the mean over the format's posts that report reach; ``link_clicks`` the sum over
    those that report it (NaN when none does). A post without a format is counted under ``unknown``.
    """
    columns = ["format", "posts", "share", "avg_reach", "er_reach", "link_clicks"]
    if posts.empty:
        return _empty(columns, text=("format",))
    frame = posts.assign(format=posts["format"].fillna(UNKNOWN))
    grouped = frame.groupby("format")
    out = pd.DataFrame({
        "posts": grouped.size().astype("float64"),
        "avg_reach": grouped["reach"].mean(),
        "link_clicks": grouped["link_clicks"].sum(min_count=1),
    })  # fmt: skip
    out = out.join(_group_er(frame, ["format"]))
    out["share"] = out["posts"] / out["posts"].sum()
    order = {f: i for i, f in enumerate((*kpi.POST_FORMATS, UNKNOWN))}
    out = out.reset_index()
    out["_o"] = out["format"].map(order)
    return out.sort_values(["posts", "_o"], ascending=[False, True])[columns].reset_index(drop=True)


def rank_posts(
    posts: pd.DataFrame, metric: str, *, best: bool = True, top: int = DEFAULT_TOP
) -> pd.DataFrame:
    """The ``top`` best (or worst) posts by ``metric`` (er_reach, reach or link_clicks).

    Posts that do not report the metric are left out. For ER by reach, posts with a reach below
    ``MIN_REACH_SHARE_FOR_ER`` × the median post reach are left out too (tiny audiences make ER noisy).
    Ties are broken by reach (higher first), then by publication time (newer first).
    """
    if metric not in RANK_METRICS:
        raise ValueError(f"metric must be one of {RANK_METRICS}, not {metric!r}")
    rows = posts[posts[metric].notna()]
    if metric == "er_reach" and not rows.empty:
        floor = MIN_REACH_SHARE_FOR_ER * float(posts["reach"].median())
        rows = rows[rows["reach"] >= floor]
    rows = rows.assign(_reach=rows["reach"].fillna(-1), _ts=pd.to_datetime(rows["published_at"], utc=True))
    ordered = rows.sort_values(
        [metric, "_reach", "_ts"], ascending=[not best, False, False], kind="mergesort"
    )
    return ordered.drop(columns=["_reach", "_ts"]).head(top).reset_index(drop=True)


def posting_heatmap(posts: pd.DataFrame) -> pd.DataFrame:
    """weekday (0 = Monday), hour, posts, engagements, reach, er_reach — one row per cell with posts.

    ER is computed over the cell's posts that report engagements and reach; a cell whose posts report
    neither still lists its post count with er_reach NaN. At most 7 × 24 = 168 rows.
    """
    columns = ["weekday", "hour", "posts", "engagements", "reach", "er_reach"]
    rows = posts[posts["weekday"].notna() & posts["hour"].notna()]
    if rows.empty:
        return _empty(columns)
    keys = ["weekday", "hour"]
    both = rows[rows["engagements"].notna() & rows["reach"].notna()]
    out = pd.DataFrame({"posts": rows.groupby(keys).size().astype("float64")})
    out = out.join(both.groupby(keys)[["engagements", "reach"]].sum())
    out = out.join(_group_er(rows, keys))
    out = out.reset_index()
    out[["weekday", "hour"]] = out[["weekday", "hour"]].astype("int64")
    return out[columns].sort_values(keys).reset_index(drop=True)


HEATMAP_MIN_POSTS = 3  # a weekday × hour cell needs this many posts before its ER gets a colour


def best_posting_time(cells: pd.DataFrame, min_posts: int = HEATMAP_MIN_POSTS) -> dict | None:
    """The weekday × hour cell with the highest ER by reach among cells with at least ``min_posts`` posts.

    ``cells``: :func:`posting_heatmap`. Returns weekday, hour, er_reach, posts and ``overall`` (Σ engagements
    / Σ reach over every cell, the ER to compare with), or None when no cell has enough posts with an ER.
    """
    if cells.empty:
        return None
    enough = cells[(cells["posts"] >= min_posts) & cells["er_reach"].notna()]
    if enough.empty:
        return None
    best = enough.sort_values(["er_reach", "posts"], ascending=[False, False], kind="mergesort").iloc[0]
    reach = cells["reach"].sum(min_count=1)
    overall = cells["engagements"].sum(min_count=1) / reach if reach and reach == reach else None
    return {"weekday": int(best["weekday"]), "hour": int(best["hour"]), "er_reach": float(best["er_reach"]),
            "posts": int(best["posts"]), "overall": None if overall is None or overall != overall else float(overall)}  # fmt: skip


def promotion_split(posts: pd.DataFrame) -> pd.DataFrame:
    """group (organic / promoted / unknown), posts, avg_reach, er_reach, link_clicks, clicks_per_post.

    ``clicks_per_post`` = Σ link_clicks / posts that report link clicks. Groups without posts are left out.
    """
    columns = ["group", "posts", "avg_reach", "er_reach", "link_clicks", "clicks_per_post"]
    if posts.empty:
        return _empty(columns, text=("group",))
    promoted = posts["is_promoted"].astype("object")
    group = promoted.map({True: "promoted", False: "organic"}).fillna(UNKNOWN)
    frame = posts.assign(group=group)
    grouped = frame.groupby("group")
    out = pd.DataFrame({
        "posts": grouped.size().astype("float64"),
        "avg_reach": grouped["reach"].mean(),
        "link_clicks": grouped["link_clicks"].sum(min_count=1),
        "_with_clicks": grouped["link_clicks"].count().astype("float64"),
    })  # fmt: skip
    out = out.join(_group_er(frame, ["group"]))
    out["clicks_per_post"] = out["link_clicks"] / out["_with_clicks"].where(out["_with_clicks"] > 0)
    out = out.reset_index()
    out["_o"] = out["group"].map({g: i for i, g in enumerate(PROMOTION_GROUPS)})
    return out.sort_values("_o")[columns].reset_index(drop=True)


def bucket_periods(period: kpi.Period, grain: str) -> list[tuple[pd.Timestamp, kpi.Period]]:
    """(bucket start, the bucket's days inside ``period``) for every day/week/month bucket of ``period``."""
    days = pd.Series(pd.date_range(period.start, period.end, freq="D"))
    starts = kpi.bucket_start(days, grain)
    out = []
    for bucket, members in days.groupby(starts):
        out.append((pd.Timestamp(bucket), kpi.Period(members.min().date(), members.max().date())))
    return out


def plan_by_bucket(data: kpi.KpiData, period: kpi.Period, grain: str, keys: tuple[str, ...]) -> pd.DataFrame:
    """bucket, and the plan target of each of ``keys`` for the bucket's days inside ``period``.

    The KPI.md "Plan vs fact" rule (``smmkpi.kpi.plan_targets``) asked once per month touching ``period``,
    then spread over the buckets by days: an additive target is the month's target × the bucket's days in
    that month / the month's days; a rate is the mean of the monthly targets weighted by the bucket's days
    in each month that has one. That is what ``plan_targets`` gives for the bucket itself, without asking it
    once per bucket (52 weekly buckets × 40 clients took seconds). NaN where the plan has no target.
    """
    # only the plan rows of these KPIs: plan_targets walks every KPI it finds
    data = replace(data, plan=data.plan[data.plan["kpi"].isin(keys)])
    months = []
    for month in period.months():
        months.append((month.start, month.end, kpi.plan_targets(data, month)))
    rows = []
    for bucket, days in bucket_periods(period, grain):
        rows.append({"bucket": bucket, **{k: _bucket_target(months, days, k) for k in keys}})
    frame = pd.DataFrame(rows, columns=["bucket", *keys])
    frame[list(keys)] = frame[list(keys)].astype("float64")
    frame["bucket"] = frame["bucket"].astype("datetime64[ns]")
    return frame


def _bucket_target(months: list, days: kpi.Period, key: str):
    additive = key in kpi.ADDITIVE_KPIS
    total, weight, found = 0.0, 0, False
    for first, last, targets in months:
        overlap = (min(last, days.end) - max(first, days.start)).days + 1
        target = targets.get(key)
        if overlap <= 0 or target is None:
            continue
        found = True
        if additive:  # the month part's target is already prorated to its days: share it by days
            total += target * overlap / ((last - first).days + 1)
        else:
            total, weight = total + target * overlap, weight + overlap
    if not found:
        return None
    return total if additive else total / weight


def posts_vs_plan(trend: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """bucket, network, posts (per network; NaN = not reported) and plan (the whole scope's target, on
    every row of the bucket) — the rows of the "posts per week vs plan" chart."""
    rows = trend[["bucket", "network", "posts"]].copy()
    rows["bucket"] = rows["bucket"].astype("datetime64[ns]")
    merged = rows.merge(plan[["bucket", "posts"]].rename(columns={"posts": "plan"}), on="bucket", how="left")
    return merged.sort_values(["bucket", "network"]).reset_index(drop=True)


def _empty(columns: list[str], text: tuple[str, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object" if c in text else "float64") for c in columns})
