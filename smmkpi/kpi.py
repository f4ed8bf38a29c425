"""The KPI engine: every KPI of KPI.md §4 as pure functions over DataFrames.

Nothing here touches the database or Streamlit. ``smmkpi.query`` loads a :class:`KpiData` for a
workspace and a scope; :func:`compute_report` turns it into the JSON object of KPI.md §5.

Conventions inside this module:
- day columns are ``datetime64`` normalised to midnight (calendar days of the workspace zone);
- "not reported" is NaN in frames and ``None`` in results — it never becomes 0 (KPI.md null rule);
- sums of counts are returned as ``int``, money and ratios as ``float``; nothing is rounded.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

SOCIAL_NETWORKS = ("vk", "ok", "facebook", "instagram", "x", "telegram", "youtube")
OTHER_CHANNELS = ("yandex_direct", "google_ads", "display", "seo", "direct", "email", "other")
CHANNELS = SOCIAL_NETWORKS + OTHER_CHANNELS
GOAL_TYPES = ("call", "message", "consultation", "form", "page_visit", "sale", "other")
LEAD_GOAL_TYPES = ("call", "message", "consultation", "form")
COST_KINDS = ("ads", "fee", "salary", "production", "tools", "other")
POST_FORMATS = ("text", "photo", "video", "reel", "story", "clip", "poll", "other")
ENGAGEMENT_PARTS = ("likes", "comments", "shares", "saves")

KPI_KEYS: tuple[str, ...] = (
    # audience
    "followers_end", "followers_start", "follower_growth", "follower_growth_rate",
    "followers_gained", "followers_lost", "churn_rate", "reach", "reach_growth_rate", "views",
    "avg_post_reach", "reach_rate",
    # content
    "posts", "engagements", "er_reach", "er_views", "er_followers", "virality",
    # communication
    "interactions_in", "response_rate", "median_response_minutes", "messages_in",
    # traffic
    "link_clicks", "ctr", "sessions", "click_to_session",
    # goals
    "goal_reaches", *(f"goal_reaches.{t}" for t in GOAL_TYPES), "leads", "conversion_rate",
    "orders", "revenue",
    # money
    "cost", "ad_cost", "cpc", "cpl", "cps", "cpf", "romi",
)  # fmt: skip
CHANNEL_KEYS = ("cost", "ad_cost", "sessions", "leads", "orders", "revenue", "cpc", "cpl", "cps", "romi")
ADDITIVE_KPIS = frozenset({
    "posts", "reach", "views", "followers_gained", "follower_growth", "link_clicks", "sessions",
    "leads", "orders", "revenue", "cost", "interactions_in", "engagements", "goal_reaches",
    *(f"goal_reaches.{t}" for t in GOAL_TYPES),
})  # fmt: skip
LOWER_IS_BETTER = frozenset({"cpc", "cpl", "cps", "cpf", "churn_rate", "median_response_minutes"})
PLAN_KPIS = frozenset(KPI_KEYS)


# --------------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True)
class Period:
    """An inclusive range of calendar days [start, end]."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[Period]:
        """The calendar months touching this period, each cut to the part inside it."""
        out, first = [], self.start
        while first <= self.end:
            month_end = dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
            out.append(Period(first, min(month_end, self.end)))
            first = month_end + dt.timedelta(days=1)
        return out

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts (KPI.md §3)."""
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    @property
    def ts_start(self) -> pd.Timestamp:
        return pd.Timestamp(self.start)

    @property
    def ts_end(self) -> pd.Timestamp:
        return pd.Timestamp(self.end)


# --------------------------------------------------------------------------------------------------
# Inputs


_DAY_COLUMNS = {"date", "date_to", "since", "until", "bucket"}
_TEXT_COLUMNS = {"network", "channel", "kind", "type", "currency", "month", "scope", "kpi", "goal"}
_ID_COLUMNS = {"client_id"}


def _dtype(column: str) -> str:
    if column in _DAY_COLUMNS:
        return "datetime64[ns]"
    if column in _TEXT_COLUMNS:
        return "object"
    if column in _ID_COLUMNS or (column == "account_id"):
        return "int64"
    if column.startswith("has_"):
        return "bool"
    return "float64"


def _frame(columns: list[str]) -> pd.DataFrame:
    """An empty frame with the dtypes the engine expects for these columns."""
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in columns})


@dataclass
class KpiData:
    """Everything the engine needs for one scope, already limited to the workspace.

    ``accounts``: account_id, network, client_id, has_posts, has_interactions — the accounts that pass
    the client/network/account filters (the specialist filter is expressed by ``assignments``).
    ``assignments``: account_id, since, until (NaT = open) of the specialist in scope, or None when
    there is no specialist filter. ``daily``/``followers``/``posts``/``interactions`` hold account rows,
    ``web``/``goal_reaches``/``sales``/``costs`` channel rows, ``plan`` monthly targets, ``rates``
    currency rates. ``clients`` are the clients in scope (KPI.md §4 Scope).
    """

    accounts: pd.DataFrame
    daily: pd.DataFrame
    followers: pd.DataFrame
    posts: pd.DataFrame
    interactions: pd.DataFrame
    web: pd.DataFrame
    goal_reaches: pd.DataFrame
    sales: pd.DataFrame
    costs: pd.DataFrame
    plan: pd.DataFrame
    rates: pd.DataFrame
    clients: tuple[int, ...]
    assignments: pd.DataFrame | None = None
    account_filter: bool = False
    networks: tuple[str, ...] = ()
    currency: str = "RUB"
    # results that depend only on the channel frames and a period (shared by with_accounts copies)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def specialist_scope(self) -> bool:
        return self.assignments is not None

    def with_accounts(self, accounts: pd.DataFrame) -> KpiData:
        return replace(self, accounts=accounts)


ACCOUNT_COLUMNS = ["account_id", "network", "client_id", "has_posts", "has_interactions"]
DAILY_COLUMNS = ["account_id", "date", "followers", "followers_gained", "followers_lost", "reach", "views",
                 "profile_visits", "link_clicks", "messages_in"]  # fmt: skip
POST_COLUMNS = ["account_id", "date", "reach", "views", "likes", "comments", "shares", "saves",
                "link_clicks"]  # fmt: skip
INTERACTION_COLUMNS = ["account_id", "date", "response_minutes"]
WEB_COLUMNS = ["client_id", "channel", "date", "sessions"]
GOAL_REACH_COLUMNS = ["client_id", "channel", "date", "type", "reaches"]
SALE_COLUMNS = ["client_id", "channel", "date", "orders", "revenue"]
COST_COLUMNS = ["client_id", "channel", "kind", "account_id", "date", "date_to", "amount", "currency"]
PLAN_COLUMNS = ["client_id", "month", "scope", "kpi", "target"]
RATE_COLUMNS = ["month", "currency", "rate"]


def empty_data(**overrides) -> KpiData:
    """A KpiData with no rows; tests and loaders override the frames they have."""
    base = dict(
        accounts=_frame(ACCOUNT_COLUMNS), daily=_frame(DAILY_COLUMNS),
        followers=_frame(["account_id", "date", "followers"]), posts=_frame(POST_COLUMNS),
        interactions=_frame(INTERACTION_COLUMNS), web=_frame(WEB_COLUMNS),
        goal_reaches=_frame(GOAL_REACH_COLUMNS), sales=_frame(SALE_COLUMNS), costs=_frame(COST_COLUMNS),
        plan=_frame(PLAN_COLUMNS), rates=_frame(RATE_COLUMNS), clients=(),
    )  # fmt: skip
    base.update(overrides)
    return KpiData(**base)


# --------------------------------------------------------------------------------------------------
# Null-aware arithmetic


def _py(value):
    """A plain Python number (or None) from a numpy/pandas scalar."""
    if value is None:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    return value


def null_sum(values: pd.Series, *, integer: bool = False):
    """Σ of the values present; None when none is present (KPI.md null rule)."""
    present = values.dropna()
    if present.empty:
        return None
    total = present.astype("float64").sum()
    return int(round(total)) if integer else float(total)


def null_add(*values):
    """Sum of the values that are not None; None when all are None."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def ratio(numerator, denominator):
    """numerator / denominator; None when either is None or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def median(values: pd.Series):
    present = values.dropna()
    return None if present.empty else float(present.median())


# --------------------------------------------------------------------------------------------------
# Scope: which account-days and which channel-days count


def _expand_intervals(frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, keys: list[str]):
    """Rows with keys + since/until (NaT = open) → one row per day inside [start, end]."""
    if frame.empty:
        return pd.DataFrame({**{k: [] for k in keys}, "date": pd.Series(dtype="datetime64[ns]")})
    lo = frame["since"].where(frame["since"] > start, start)
    hi = frame["until"].fillna(end)
    hi = hi.where(hi < end, end)
    counts = ((hi - lo).dt.days + 1).clip(lower=0).astype(int).to_numpy()
    out = frame.loc[frame.index.repeat(counts), keys].reset_index(drop=True)
    offsets = np.concatenate([np.arange(n) for n in counts]) if counts.sum() else np.array([], dtype=int)
    out["date"] = np.repeat(lo.to_numpy(), counts) + pd.to_timedelta(offsets, unit="D")
    return out


def scope_days(data: KpiData, period: Period) -> pd.DataFrame:
    """(account_id, date): the days of ``period`` on which each account counts (KPI.md §4 Scope)."""
    accounts = data.accounts[["account_id"]].drop_duplicates()
    if data.assignments is None:
        days = pd.DataFrame({"date": pd.date_range(period.start, period.end, freq="D")})
        return accounts.merge(days, how="cross")
    assigned = data.assignments[data.assignments["account_id"].isin(accounts["account_id"])]
    return _expand_intervals(assigned.reset_index(drop=True), period.ts_start, period.ts_end, ["account_id"])


@dataclass
class Scope:
    """The account-days and channel-days of one query period (for all accounts or one network)."""

    data: KpiData
    period: Period
    days: pd.DataFrame  # account_id, date
    accounts: pd.DataFrame  # accounts with at least one day in scope
    social_days: pd.DataFrame  # client_id, channel, date — (client, network) pairs of accounts in scope
    client_days: pd.DataFrame  # client_id, date — for non-social channels

    @classmethod
    def build(cls, data: KpiData, period: Period) -> Scope:
        days = scope_days(data, period)
        in_scope = data.accounts[data.accounts["account_id"].isin(days["account_id"].unique())]
        if data.assignments is None:
            # every account in scope counts on every day of P: pairs and clients count on all days
            all_days = pd.DataFrame({"date": pd.date_range(period.start, period.end, freq="D")})
            pairs = (
                in_scope[["client_id", "network"]].drop_duplicates().rename(columns={"network": "channel"})
            )
            social = pairs.merge(all_days, how="cross")
        else:
            social = days.merge(in_scope[["account_id", "client_id", "network"]], on="account_id")
            social = social.rename(columns={"network": "channel"})[["client_id", "channel", "date"]]
            social = social.drop_duplicates()
        if data.assignments is None and not data.account_filter:
            all_days = pd.DataFrame({"date": pd.date_range(period.start, period.end, freq="D")})
            clients = pd.DataFrame({"client_id": list(data.clients)})
            client_days = clients.merge(all_days, how="cross")
        else:
            client_days = days.merge(in_scope[["account_id", "client_id"]], on="account_id")
            client_days = client_days[["client_id", "date"]].drop_duplicates()
        return cls(data, period, days, in_scope, social.reset_index(drop=True), client_days)

    # rows of account-level frames that count
    def account_rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty:
            return frame.iloc[0:0]
        inside = frame[(frame["date"] >= self.period.ts_start) & (frame["date"] <= self.period.ts_end)]
        if self.data.assignments is None:
            # every account in scope counts on every day of P: a membership test is enough
            return inside[inside["account_id"].isin(self.accounts["account_id"])]
        return inside.merge(self.days, on=["account_id", "date"], how="inner")

    # rows of channel-level frames that count, for the social channels in scope
    def social_rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty or self.social_days.empty:
            return frame.iloc[0:0]
        frame = self._in_period(frame)
        return frame.merge(self.social_days, on=["client_id", "channel", "date"], how="inner")

    def _in_period(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame[(frame["date"] >= self.period.ts_start) & (frame["date"] <= self.period.ts_end)]

    # rows of channel-level frames that count for one non-social channel
    def channel_rows(self, frame: pd.DataFrame, channel: str) -> pd.DataFrame:
        rows = frame[frame["channel"] == channel]
        if rows.empty or self.client_days.empty:
            return rows.iloc[0:0]
        rows = self._in_period(rows)
        return rows.merge(self.client_days, on=["client_id", "date"], how="inner")


# --------------------------------------------------------------------------------------------------
# Followers look-ups


def usable_followers(data: KpiData) -> pd.DataFrame:
    """Follower values the scope may look up: under a specialist only their assigned days."""
    hist = data.followers.dropna(subset=["followers"])
    if data.assignments is None or hist.empty:
        return hist
    merged = hist.merge(data.assignments[["account_id", "since", "until"]], on="account_id")
    ok = (merged["date"] >= merged["since"]) & (merged["until"].isna() | (merged["date"] <= merged["until"]))
    return merged.loc[ok, ["account_id", "date", "followers"]].drop_duplicates()


def followers_end(hist: pd.DataFrame, account_ids, period: Period):
    rows = hist[hist["account_id"].isin(account_ids) & (hist["date"] <= period.ts_end)]
    if rows.empty:
        return None
    last = rows.sort_values("date").groupby("account_id")["followers"].last()
    return null_sum(last, integer=True)


def followers_start(hist: pd.DataFrame, account_ids, period: Period):
    rows = hist[hist["account_id"].isin(account_ids) & (hist["date"] <= period.ts_end)].sort_values("date")
    if rows.empty:
        return None
    before = rows[rows["date"] < period.ts_start].groupby("account_id")["followers"].last()
    inside = rows[rows["date"] >= period.ts_start].groupby("account_id")["followers"].first()
    per_account = before.combine_first(inside)
    return null_sum(per_account, integer=True)


def followers_on_dates(hist: pd.DataFrame, items: pd.DataFrame) -> pd.Series:
    """For each row of ``items`` (account_id, date): followers on the last day ≤ date with a value."""
    if items.empty:
        return pd.Series(dtype="float64", index=items.index)
    left = items[["account_id", "date"]].reset_index().sort_values("date")
    right = hist[["account_id", "date", "followers"]].sort_values("date")
    if right.empty:
        return pd.Series(np.nan, index=items.index)
    left = left.astype({"date": "datetime64[ns]", "account_id": "int64"})
    right = right.astype({"date": "datetime64[ns]", "account_id": "int64"})
    merged = pd.merge_asof(left, right, on="date", by="account_id", direction="backward")
    return merged.set_index("index")["followers"].reindex(items.index)


# --------------------------------------------------------------------------------------------------
# Costs: spread rows over their days, convert currency


def daily_costs(data: KpiData, period: Period) -> pd.DataFrame:
    """One row per cost row per day inside ``period``: client_id, channel, kind, account_id, date, amount.

    A row with ``date_to`` is spread evenly over date..date_to; amounts in another currency are
    converted with the ``rates`` row of each day's month (NaN when no rate exists).
    """
    key = (
        "daily_costs",
        period,
        id(data.costs),
        id(data.rates),
        data.currency,
    )  # a copy with other costs recomputes
    if key not in data.memo:
        data.memo[key] = _daily_costs(data, period)
    return data.memo[key]


def _daily_costs(data: KpiData, period: Period) -> pd.DataFrame:
    costs = data.costs
    cols = ["client_id", "channel", "kind", "account_id", "date", "amount"]
    if costs.empty:
        return _frame(cols)
    costs = costs.reset_index(drop=True)
    first = costs["date"]
    last = costs["date_to"].fillna(costs["date"])
    n_days = (last - first).dt.days + 1
    spread = costs.assign(since=first, until=last, per_day=costs["amount"] / n_days)
    spread = spread[(spread["until"] >= period.ts_start) & (spread["since"] <= period.ts_end)]
    keys = ["client_id", "channel", "kind", "account_id", "per_day", "currency"]
    days = _expand_intervals(spread.reset_index(drop=True), period.ts_start, period.ts_end, keys)
    days = days.rename(columns={"per_day": "amount"})
    foreign = days["currency"].notna() & (days["currency"] != data.currency) & (days["currency"] != "")
    if foreign.any():
        month = days.loc[foreign, "date"].dt.strftime("%Y-%m")
        rates = data.rates.set_index(["month", "currency"])["rate"]
        idx = pd.MultiIndex.from_arrays([month, days.loc[foreign, "currency"]])
        days.loc[foreign, "amount"] = days.loc[foreign, "amount"].to_numpy() * rates.reindex(idx).to_numpy()
    return days[cols]


# --------------------------------------------------------------------------------------------------
# The KPIs of one scope and period


def _posts_with_engagement(posts: pd.DataFrame) -> pd.DataFrame:
    """Posts that report at least one engagement part, with ``engagements`` (NULL parts count as 0)."""
    parts = posts[list(ENGAGEMENT_PARTS)]
    eligible = posts[parts.notna().any(axis=1)].copy()
    eligible["engagements"] = eligible[list(ENGAGEMENT_PARTS)].fillna(0).sum(axis=1)
    return eligible


def _count_rows(rows: pd.DataFrame, accounts: pd.DataFrame, flag: str):
    """A count with the KPI.md null rule: None when no account in scope has any row of that file."""
    if not accounts[flag].fillna(False).astype(bool).any():
        return None
    return len(rows)


def _reach(scope: Scope):
    return null_sum(scope.account_rows(scope.data.daily)["reach"], integer=True)


def _channel_money(web, goals, sales, costs) -> dict:
    """cost … revenue of the channel-level frames already limited to what counts."""
    lead_rows = goals[goals["type"].isin(LEAD_GOAL_TYPES)]
    return {
        "cost": null_sum(costs["amount"]),
        "ad_cost": null_sum(costs.loc[costs["kind"] == "ads", "amount"]),
        "sessions": null_sum(web["sessions"], integer=True),
        "leads": null_sum(lead_rows["reaches"], integer=True),
        "orders": null_sum(sales["orders"], integer=True),
        "revenue": null_sum(sales["revenue"]),
    }


def _money_ratios(values: dict, link_clicks=None, notes: dict | None = None) -> dict:
    cost = values["cost"]
    cpc = ratio(cost, values["sessions"])
    if values["sessions"] is None and link_clicks is not None:
        cpc = ratio(cost, link_clicks)
        if notes is not None and cpc is not None:  # a null cpc was computed from nothing (KPI.md §5)
            notes["cpc"] = "basis: link_clicks"
    revenue = values["revenue"]
    return {
        "cpc": cpc,
        "cpl": ratio(cost, values["leads"]),
        "cps": ratio(cost, values["orders"]),
        "romi": ratio(None if revenue is None or cost is None else revenue - cost, cost),
    }


def compute_kpis(data: KpiData, period: Period, notes: dict | None = None) -> dict:
    """Every KPI of KPI.md §4 for the accounts of ``data`` over ``period`` (social networks only)."""
    scope = Scope.build(data, period)
    ids = scope.accounts["account_id"]
    hist = usable_followers(data)
    out: dict = {}

    # audience
    f_end = followers_end(hist, ids, period)
    f_start = followers_start(hist, ids, period)
    daily = scope.account_rows(data.daily)
    out["followers_end"] = f_end
    out["followers_start"] = f_start
    out["follower_growth"] = None if f_end is None or f_start is None else f_end - f_start
    out["follower_growth_rate"] = ratio(out["follower_growth"], f_start)
    out["followers_gained"] = null_sum(daily["followers_gained"], integer=True)
    out["followers_lost"] = null_sum(daily["followers_lost"], integer=True)
    out["churn_rate"] = ratio(out["followers_lost"], f_start)
    out["reach"] = null_sum(daily["reach"], integer=True)
    previous_reach = _reach(Scope.build(data, period.previous()))
    out["reach_growth_rate"] = (
        None if out["reach"] is None else ratio(_minus(out["reach"], previous_reach), previous_reach)
    )
    out["views"] = null_sum(daily["views"], integer=True)
    posts = scope.account_rows(data.posts)
    out["avg_post_reach"] = _mean(posts["reach"])
    out["reach_rate"] = ratio(out["avg_post_reach"], f_end)

    # content
    out["posts"] = _count_rows(posts, scope.accounts, "has_posts")
    engaged = _posts_with_engagement(posts)
    out["engagements"] = null_sum(engaged["engagements"], integer=True) if not engaged.empty else None
    with_reach = engaged[engaged["reach"].notna()]
    out["er_reach"] = _sum_ratio(with_reach["engagements"], with_reach["reach"])
    with_views = engaged[engaged["views"].notna()]
    out["er_views"] = _sum_ratio(with_views["engagements"], with_views["views"])
    base = followers_on_dates(hist, engaged)
    rates = (engaged["engagements"] / base)[base.notna() & (base != 0)]
    out["er_followers"] = float(rates.mean()) if not rates.empty else None
    both = engaged[engaged["shares"].notna() & engaged["reach"].notna()]
    out["virality"] = _sum_ratio(both["shares"], both["reach"])

    # communication
    interactions = scope.account_rows(data.interactions)
    out["interactions_in"] = _count_rows(interactions, scope.accounts, "has_interactions")
    answered = interactions["response_minutes"].notna().sum()
    out["response_rate"] = ratio(int(answered), len(interactions)) if len(interactions) else None
    out["median_response_minutes"] = median(interactions["response_minutes"])
    out["messages_in"] = null_sum(daily["messages_in"], integer=True)

    # traffic
    out["link_clicks"] = _link_clicks(daily, posts)
    out["ctr"] = ratio(out["link_clicks"], out["reach"])
    web = scope.social_rows(data.web)
    goals = scope.social_rows(data.goal_reaches)
    sales = scope.social_rows(data.sales)
    costs = _scoped_costs(scope, daily_costs(data, period), social=True)
    money = _channel_money(web, goals, sales, costs)
    out["sessions"] = money["sessions"]
    out["click_to_session"] = ratio(out["sessions"], out["link_clicks"])

    # goals
    out["goal_reaches"] = null_sum(goals["reaches"], integer=True)
    for goal_type in GOAL_TYPES:
        out[f"goal_reaches.{goal_type}"] = null_sum(
            goals.loc[goals["type"] == goal_type, "reaches"], integer=True
        )
    out["leads"] = money["leads"]
    out["conversion_rate"] = ratio(out["leads"], out["sessions"])
    out["orders"] = money["orders"]
    out["revenue"] = money["revenue"]

    # money
    out["cost"] = money["cost"]
    out["ad_cost"] = money["ad_cost"]
    out.update(_money_ratios(money, out["link_clicks"], notes))
    out["cpf"] = ratio(out["cost"], out["followers_gained"])
    return {key: _py(out[key]) for key in KPI_KEYS}


def _minus(a, b):
    return None if a is None or b is None else a - b


def _mean(values: pd.Series):
    present = values.dropna()
    return None if present.empty else float(present.mean())


def _sum_ratio(numerator: pd.Series, denominator: pd.Series):
    if denominator.empty:
        return None
    return ratio(float(numerator.sum()), float(denominator.sum()))


def _link_clicks(daily: pd.DataFrame, posts: pd.DataFrame):
    """Per account: daily link_clicks if any day reports them, else the posts' link_clicks."""
    per_day = daily.groupby("account_id")["link_clicks"].sum(min_count=1)
    per_post = posts.groupby("account_id")["link_clicks"].sum(min_count=1)
    per_account = per_day.combine_first(per_post) if len(per_day) else per_post
    return null_sum(per_account, integer=True)


def _scoped_costs(scope: Scope, costs: pd.DataFrame, *, social: bool, channel: str | None = None):
    """Cost-days that count: account rows on their account's days, channel rows on the channel's days."""
    if costs.empty:
        return costs
    with_account = costs[costs["account_id"].notna()]
    without = costs[costs["account_id"].isna()]
    if social:
        channel_part = scope.social_rows(without)
        account_part = with_account.merge(scope.days, on=["account_id", "date"], how="inner")
    else:
        channel_part = scope.channel_rows(without, channel)
        account_part = with_account.iloc[0:0]
    return pd.concat([channel_part, account_part], ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Plan vs fact


def _month_days(period: Period) -> list[tuple[str, int, int]]:
    """(YYYY-MM, days of the month inside P, days in the month) for the months touching P."""
    return [
        (f"{p.start:%Y-%m}", p.days, calendar.monthrange(p.start.year, p.start.month)[1])
        for p in period.months()
    ]


def target_for_period(rows: pd.DataFrame, kpi: str, period: Period):
    """The target of ``kpi`` for P from the monthly rows of ONE client and scope (KPI.md Plan vs fact)."""
    by_month = rows.dropna(subset=["target"]).groupby("month")["target"].last()
    months = [(m, inside, total) for m, inside, total in _month_days(period) if m in by_month.index]
    if not months:
        return None
    if kpi in ADDITIVE_KPIS:
        return float(sum(by_month[m] * inside / total for m, inside, total in months))
    weight = sum(inside for _, inside, _ in months)
    return float(sum(by_month[m] * inside for m, inside, _ in months) / weight)


def plan_targets(data: KpiData, period: Period) -> dict:
    """Targets for P under the scope of ``data`` (none under an account or specialist scope)."""
    if data.account_filter or data.specialist_scope or not data.clients or data.plan.empty:
        return {}
    scopes = list(data.networks) if data.networks else ["all"]
    rows = data.plan[data.plan["client_id"].isin(data.clients) & data.plan["scope"].isin(scopes)]
    months = {month for month, _, _ in _month_days(period)}
    rows = rows[rows["month"].isin(months)]
    several = len(data.clients) > 1 or len(scopes) > 1
    targets: dict = {}
    planned = set(rows["kpi"])
    for kpi in [k for k in KPI_KEYS if k in planned]:
        if several and kpi not in ADDITIVE_KPIS:
            continue
        kpi_rows = rows[rows["kpi"] == kpi]
        values = [
            target_for_period(group, kpi, period) for _, group in kpi_rows.groupby(["client_id", "scope"])
        ]
        total = null_add(*values)
        if total is not None:
            targets[kpi] = total
    return targets


def attainment(facts: dict, targets: dict) -> dict:
    out = {}
    for kpi, target in targets.items():
        fact = facts.get(kpi)
        out[kpi] = ratio(target, fact) if kpi in LOWER_IS_BETTER else ratio(fact, target)
    return out


# --------------------------------------------------------------------------------------------------
# The report (KPI.md §5)


def compute_channel(data: KpiData, period: Period, channel: str, scope: Scope | None = None) -> dict:
    """The ten money keys of one non-social channel for the clients in scope."""
    scope = scope or Scope.build(data, period)
    money = _channel_money(
        scope.channel_rows(data.web, channel), scope.channel_rows(data.goal_reaches, channel),
        scope.channel_rows(data.sales, channel),
        _scoped_costs(scope, daily_costs(data, period), social=False, channel=channel),
    )  # fmt: skip
    money.update(_money_ratios(money))
    return {key: _py(money[key]) for key in CHANNEL_KEYS}


def other_channels_with_rows(data: KpiData, period: Period) -> list[str]:
    """Non-social channels with any row in P for the clients in scope (costs: any day of their spread)."""
    found: set[str] = set()
    for frame in (data.web, data.goal_reaches, data.sales):
        rows = frame[frame["client_id"].isin(data.clients)]
        rows = rows[(rows["date"] >= period.ts_start) & (rows["date"] <= period.ts_end)]
        found |= set(rows["channel"])
    costs = data.costs[data.costs["client_id"].isin(data.clients)]
    if not costs.empty:
        last = costs["date_to"].fillna(costs["date"])
        touching = costs[(costs["date"] <= period.ts_end) & (last >= period.ts_start)]
        found |= set(touching["channel"])
    return [c for c in OTHER_CHANNELS if c in found]


def compute_report(data: KpiData, period: Period) -> dict:
    """The JSON object of KPI.md §5 (without the ``period``/``currency`` header fields' formatting)."""
    previous = period.previous()
    notes: dict = {}
    total = compute_kpis(data, period, notes)
    prev = compute_kpis(data, previous)
    in_scope = data.accounts[
        data.accounts["account_id"].isin(scope_days(data, period)["account_id"].unique())
    ]
    networks = [n for n in SOCIAL_NETWORKS if n in set(in_scope["network"])]
    by_network = {}
    for network in networks:
        subset = data.with_accounts(data.accounts[data.accounts["network"] == network])
        by_network[network] = compute_kpis(subset, period)
    by_channel = {n: {k: by_network[n][k] for k in CHANNEL_KEYS} for n in networks}
    if not data.networks:
        scope = Scope.build(data, period)
        for channel in other_channels_with_rows(data, period):
            by_channel[channel] = compute_channel(data, period, channel, scope)
    targets = plan_targets(data, period)
    return {
        "period": {
            "from": period.start.isoformat(), "to": period.end.isoformat(),
            "previous_from": previous.start.isoformat(), "previous_to": previous.end.isoformat(),
        },
        "currency": data.currency,
        "total": total,
        "previous": prev,
        "by_network": by_network,
        "by_channel": by_channel,
        "plan": targets,
        "attainment": attainment(total, targets),
        "notes": notes,
    }  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Trends for charts: sums per day/week/month, per network

GRAINS = ("day", "week", "month")
TREND_KEYS = ("followers_end", "followers_gained", "followers_lost", "reach", "views", "posts", "engagements",
              "er_reach", "link_clicks", "messages_in", "sessions", "leads", "orders", "revenue", "cost")  # fmt: skip


def bucket_start(days: pd.Series, grain: str) -> pd.Series:
    """The first day of each day's bucket: the day, its ISO week's Monday, or its month's 1st."""
    if grain == "day":
        return days
    if grain == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if grain == "month":
        return days.dt.to_period("M").dt.to_timestamp()
    raise ValueError(f"grain must be one of {GRAINS}, not {grain!r}")


def trend(data: KpiData, period: Period, grain: str = "week") -> pd.DataFrame:
    """Per bucket and network: the additive KPIs summed inside the bucket (KPI.md null rule per cell),
    ``followers_end`` as the last value inside the bucket, and ``er_reach`` of the bucket's posts.

    Buckets are clipped to P: a week that starts before P only counts its days inside P.
    Columns: bucket, network, *TREND_KEYS. Rows exist for every bucket × network in scope.
    """
    scope = Scope.build(data, period)
    networks = scope.accounts[["account_id", "network"]]
    buckets = pd.DataFrame(
        {"bucket": bucket_start(pd.Series(pd.date_range(period.start, period.end)), grain)}
    )
    grid = buckets.drop_duplicates().merge(networks[["network"]].drop_duplicates(), how="cross")

    def by_bucket(rows: pd.DataFrame, net_col: str = "network") -> pd.DataFrame:
        rows = rows.assign(bucket=bucket_start(rows["date"], grain))
        if net_col != "network":
            rows = rows.rename(columns={net_col: "network"})
        return rows

    daily = by_bucket(scope.account_rows(data.daily).merge(networks, on="account_id"))
    sums = daily.groupby(["bucket", "network"])[
        ["followers_gained", "followers_lost", "reach", "views", "link_clicks", "messages_in"]
    ].sum(min_count=1)
    followers = (
        daily.dropna(subset=["followers"]).sort_values("date").groupby(["bucket", "network", "account_id"])
        ["followers"].last().groupby(["bucket", "network"]).sum(min_count=1).rename("followers_end")
    )  # fmt: skip
    posts = by_bucket(scope.account_rows(data.posts).merge(networks, on="account_id"))
    post_counts = posts.groupby(["bucket", "network"]).size().rename("posts").astype("float64")
    engaged = _posts_with_engagement(posts) if not posts.empty else posts.assign(engagements=np.nan)
    eng = engaged.groupby(["bucket", "network"])["engagements"].sum(min_count=1)
    with_reach = engaged[engaged["reach"].notna()]
    err = with_reach.groupby(["bucket", "network"]).apply(
        lambda g: ratio(float(g["engagements"].sum()), float(g["reach"].sum())), include_groups=False
    ) if not with_reach.empty else pd.Series(dtype="float64")  # fmt: skip
    err = pd.to_numeric(err, errors="coerce").rename("er_reach")
    channel_frames = []
    for frame, cols in ((data.web, ["sessions"]), (data.sales, ["orders", "revenue"])):
        rows = by_bucket(scope.social_rows(frame), "channel")
        channel_frames.append(rows.groupby(["bucket", "network"])[cols].sum(min_count=1))
    goals = scope.social_rows(data.goal_reaches)
    goals = by_bucket(goals[goals["type"].isin(LEAD_GOAL_TYPES)], "channel")
    channel_frames.append(goals.groupby(["bucket", "network"])["reaches"].sum(min_count=1).rename("leads"))
    costs = by_bucket(_scoped_costs(scope, daily_costs(data, period), social=True), "channel")
    channel_frames.append(costs.groupby(["bucket", "network"])["amount"].sum(min_count=1).rename("cost"))
    parts = [sums, followers, post_counts, eng, err, *channel_frames]
    out = grid
    for part in parts:
        if len(part):
            out = out.merge(part.reset_index(), on=["bucket", "network"], how="left")
    for key in TREND_KEYS:
        if key not in out:
            out[key] = np.nan
    # a network whose accounts have posts at all shows 0 in a bucket without posts, others stay "—"
    posting = set(scope.accounts.loc[scope.accounts["has_posts"].astype(bool), "network"])
    out.loc[out["network"].isin(posting), "posts"] = out.loc[out["network"].isin(posting), "posts"].fillna(
        0.0
    )
    return out[["bucket", "network", *TREND_KEYS]].sort_values(["bucket", "network"]).reset_index(drop=True)
