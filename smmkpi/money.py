"""Money: what SMM costs, what a visit, lead, sale and follower cost over time, and whether SMM pays
compared with context ads, banner ads and the other channels.

Pure functions: KPI reports, trend frames and :class:`smmkpi.kpi.KpiData` in; frames and plain data out.
Every number is a KPI of KPI.md §4 (cost, cpc, cpl, cps, cpf, romi …) or a sum the engine already made;
the ratios over time follow the same formulas per bucket (sum the inputs, then divide).

**The verdict** ("is SMM worth it?", :func:`verdict`) compares SMM — every social network in scope, the
report's ``total`` — with each other channel that has costs in the period:
- basis: the deepest step both sides can be priced at: cost per sale (``cps``), else per lead (``cpl``),
  else per site visit (``cpc``, only when SMM's visits are reported; a CPC from link clicks is not
  comparable with a channel's visits);
- SMM is "cheaper" than a channel when its price is below 1 / (1 + ``SIMILAR_BAND``) of the channel's,
  "dearer" above (1 + ``SIMILAR_BAND``) times, "similar" in between;
- a comparison is conclusive only when both prices stand on at least ``DEFAULT_MIN_SAMPLE`` results
  (sales, leads or visits); a smaller sample is shown but flagged as not conclusive;
- channels without costs, or with costs but no results at the basis, are listed with the reason and left
  out of the comparison;
- cost basis (``COST_BASES``): "all" prices each side with its full ``cost`` (SMM: fee, salary, production,
  tools and ads; a context-ads channel usually only its ad spend), "ads" with ``ad_cost`` only, so ads are
  compared with ads. The reasons say which cost kinds each side includes (:func:`cost_kinds`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smmkpi import i18n, kpi

DEFAULT_MIN_SAMPLE = 30  # results behind a price below which a comparison is "not conclusive"
SIMILAR_BAND = 0.10  # within ±10 % two prices count as similar
BASES = ("cps", "cpl", "cpc")
BASIS_COUNT = {"cps": "orders", "cpl": "leads", "cpc": "sessions"}
MONEY_TREND_KPIS = ("cpc", "cpl", "cps", "cpf", "romi")
MONEY_TREND_INPUTS = ("cost", "sessions", "link_clicks", "leads", "orders", "revenue", "followers_gained")
TOTAL = "total"
SMM = "smm"
COST_BASES = ("all", "ads")  # price with every cost kind, or with the ad spend only
# channel names that are common nouns: lower-case in the middle of a sentence ("дешевле, чем баннерная реклама")
COMMON_NOUN_CHANNELS = ("display", "seo", "direct", "email", "other")


# --------------------------------------------------------------------------------------------------
# Cost by kind and network


def scoped_costs(data: kpi.KpiData, period: kpi.Period) -> pd.DataFrame:
    """Cost-days of the social channels in scope, exactly as the engine counts them (KPI.md §4 Scope):
    rows without an account on the days of their (client, network) pair, rows with an account on that
    account's days in scope. Columns: client_id, channel, kind, account_id, date, amount.
    """
    scope = kpi.Scope.build(data, period)
    costs = kpi.daily_costs(data, period)
    if costs.empty:
        return costs
    channel_rows = scope.social_rows(costs[costs["account_id"].isna()])
    account_rows = costs[costs["account_id"].notna()].merge(scope.days, on=["account_id", "date"])
    return pd.concat([channel_rows, account_rows], ignore_index=True)


def cost_breakdown(data: kpi.KpiData, period: kpi.Period) -> pd.DataFrame:
    """channel, kind, amount: SMM cost per social network and cost kind in ``period``.

    Summed per network the amounts equal the report's ``by_network[n].cost``; a kind without a reported
    amount is left out (not a 0 row). Sorted by network order, then kind order (KPI.md §1, §2).
    """
    costs = scoped_costs(data, period)
    columns = ["channel", "kind", "amount"]
    if costs.empty:
        return pd.DataFrame({"channel": pd.Series(dtype=object), "kind": pd.Series(dtype=object),
                             "amount": pd.Series(dtype="float64")})  # fmt: skip
    sums = costs.groupby(["channel", "kind"])["amount"].sum(min_count=1).dropna().reset_index()
    sums["_n"] = sums["channel"].map(_order(kpi.CHANNELS))
    sums["_k"] = sums["kind"].map(_order(kpi.COST_KINDS))
    return sums.sort_values(["_n", "_k"])[columns].reset_index(drop=True)


def _order(values) -> dict:
    return {v: i for i, v in enumerate(values)}


def has_costs(report: Mapping) -> bool:
    """True when the report has a cost for SMM or for any channel (else the Money page has nothing to say)."""
    return _num(report["total"].get("cost")) is not None or any(
        _num(values.get("cost")) is not None for values in report.get("by_channel", {}).values()
    )


def cost_kinds(data: kpi.KpiData, period: kpi.Period) -> dict[str, tuple[str, ...]]:
    """{"smm" or channel: the cost kinds with a positive amount in ``period``}, in KPI.md kind order.

    ``smm`` holds the kinds of the social networks in scope (the report's ``total.cost``); every other
    channel its own kinds (its ``by_channel`` cost), counted the way the engine counts them.
    """
    order = _order(kpi.COST_KINDS)
    out: dict[str, tuple[str, ...]] = {}

    def kinds(rows: pd.DataFrame) -> tuple[str, ...]:
        if rows.empty:
            return ()
        sums = rows.groupby("kind")["amount"].sum(min_count=1)
        return tuple(sorted((k for k, v in sums.items() if v == v and v > 0), key=lambda k: order.get(k, 99)))

    out[SMM] = kinds(scoped_costs(data, period))
    daily = kpi.daily_costs(data, period)
    if daily.empty or data.networks:
        return out
    scope = kpi.Scope.build(data, period)
    for channel in kpi.other_channels_with_rows(data, period):
        out[channel] = kinds(kpi._scoped_costs(scope, daily, social=False, channel=channel))
    return out


# --------------------------------------------------------------------------------------------------
# Money KPIs over time


def money_trend(trend: pd.DataFrame) -> pd.DataFrame:
    """Per bucket and network, plus a ``total`` series: the money KPIs of KPI.md §4 over time.

    ``trend`` is ``smmkpi.kpi.trend`` output. Inputs are summed over networks before dividing (never an
    average of ratios); ``cpc`` is cost / sessions, or cost / link_clicks when sessions are not reported
    (``cpc_basis`` says which). Columns: bucket, network, the inputs, cpc, cpc_basis, cpl, cps, cpf, romi.
    """
    inputs = [c for c in MONEY_TREND_INPUTS if c in trend]
    columns = ["bucket", "network", *MONEY_TREND_INPUTS, "cpc", "cpc_basis", *MONEY_TREND_KPIS[1:]]
    if trend.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    rows = trend[["bucket", "network", *inputs]].copy()
    total = rows.groupby("bucket", as_index=False)[inputs].sum(min_count=1).assign(network=TOTAL)
    rows = pd.concat([rows, total], ignore_index=True)
    for column in MONEY_TREND_INPUTS:
        if column not in rows:
            rows[column] = np.nan
    cost = rows["cost"]
    by_sessions = _div(cost, rows["sessions"])
    by_clicks = _div(cost, rows["link_clicks"])
    sessions_missing = rows["sessions"].isna()
    rows["cpc"] = by_sessions.where(~sessions_missing, by_clicks)
    rows["cpc_basis"] = np.where(sessions_missing & rows["cpc"].notna(), "link_clicks", "sessions")
    rows["cpl"] = _div(cost, rows["leads"])
    rows["cps"] = _div(cost, rows["orders"])
    rows["cpf"] = _div(cost, rows["followers_gained"])
    rows["romi"] = _div(rows["revenue"] - cost, cost)
    return rows[columns].sort_values(["bucket", "network"]).reset_index(drop=True)


def _div(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """Element-wise ratio with the KPI.md rule: NaN when either side is missing or the denominator is 0."""
    num = pd.to_numeric(numerator, errors="coerce").astype("float64")
    den = pd.to_numeric(denominator, errors="coerce").astype("float64")
    return (num / den.where(den != 0)).astype("float64")


# --------------------------------------------------------------------------------------------------
# Channel comparison


COMPARISON_KEYS = ("cost", "ad_cost", "sessions", "leads", "orders", "revenue", "cpc", "cpl", "cps", "romi")


def channel_comparison(report: Mapping) -> pd.DataFrame:
    """SMM (all social networks in scope) next to each network and each other channel of the report.

    Rows: ``smm`` (the report's ``total``; only when more than one network is in scope), the social
    networks, then the other channels (present in the report without a network filter). Columns:
    channel, group (smm / social / other), the ten money keys of KPI.md §5 ``by_channel``, and
    ``cpc_basis`` (link_clicks when a network's visits are not reported).
    """
    by_channel = report.get("by_channel", {})
    social = [c for c in by_channel if c in kpi.SOCIAL_NETWORKS]
    rows = []
    if len(social) > 1:
        rows.append(_comparison_row(SMM, "smm", report["total"]))
    for channel in social:
        rows.append(_comparison_row(channel, "social", by_channel[channel]))
    for channel in by_channel:
        if channel not in kpi.SOCIAL_NETWORKS:
            rows.append(_comparison_row(channel, "other", by_channel[channel]))
    columns = ["channel", "group", *COMPARISON_KEYS, "cpc_basis"]
    frame = pd.DataFrame(rows, columns=columns)
    frame[list(COMPARISON_KEYS)] = frame[list(COMPARISON_KEYS)].astype("float64")
    return frame


def _comparison_row(channel: str, group: str, values: Mapping) -> dict:
    row = {"channel": channel, "group": group, **{k: _num(values.get(k)) for k in COMPARISON_KEYS}}
    clicks_based = _num(values.get("sessions")) is None and _num(values.get("cpc")) is not None
    row["cpc_basis"] = "link_clicks" if clicks_based else "sessions"
    return row


def _num(value):
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


# --------------------------------------------------------------------------------------------------
# The verdict


@dataclass(frozen=True)
class Comparison:
    """SMM against one channel at the verdict's basis."""

    channel: str
    smm_value: float
    channel_value: float
    ratio: float  # smm_value / channel_value
    relation: str  # "cheaper", "dearer" or "similar" (what SMM is)
    smm_count: int
    channel_count: int
    conclusive: bool


@dataclass(frozen=True)
class Excluded:
    """A channel left out of the comparison, and why."""

    channel: str
    reason: str  # "no_cost": no costs recorded; "no_results": costs but no results at the basis
    cost: float | None
    count: float | None


@dataclass(frozen=True)
class Verdict:
    """The answer to "does SMM pay, compared with the other channels?" with its reasoning."""

    status: str  # see STATUSES
    basis: str | None  # cps, cpl or cpc
    smm_value: float | None = None
    smm_count: float | None = None
    smm_cost: float | None = None
    smm_orders: float | None = None
    smm_revenue: float | None = None
    romi: float | None = None
    fallback: str | None = None  # why the basis is not cps: "no_smm_orders" / "orders_not_reported"
    comparisons: tuple[Comparison, ...] = ()
    excluded: tuple[Excluded, ...] = ()
    cheapest: str | None = None  # the cheapest channel at the basis among SMM and the compared ones
    best_network: tuple[str, float, float] | None = None  # (network, price, results) cheapest network
    min_sample: int = DEFAULT_MIN_SAMPLE
    notes: tuple[str, ...] = field(default_factory=tuple)
    cost_basis: str = "all"  # "all" costs or "ads" only (COST_BASES)
    sides: tuple[tuple[str, float | None, float | None, tuple[str, ...] | None], ...] = ()
    # (SMM or channel, full cost, ad cost, cost kinds or None when unknown) for every side that has costs

    @property
    def conclusive_comparisons(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if c.conclusive)

    @property
    def tentative_comparisons(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if not c.conclusive)

    @property
    def conclusive(self) -> bool:
        return bool(self.comparisons) and all(c.conclusive for c in self.comparisons)


STATUSES = ("smm_cheapest", "smm_dearest", "smm_mixed", "smm_similar", "smm_tentative", "no_smm_cost",
            "no_smm_results", "no_other_channels", "no_comparable")  # fmt: skip


def relation(ratio: float, band: float = SIMILAR_BAND) -> str:
    """ "cheaper", "dearer" or "similar" for SMM's price / a channel's price."""
    if ratio < 1 / (1 + band):
        return "cheaper"
    if ratio > 1 + band:
        return "dearer"
    return "similar"


def _count(values: Mapping, basis: str):
    return _num(values.get(BASIS_COUNT[basis]))


def _basis_value(values: Mapping, basis: str, cost_basis: str = "all"):
    if basis == "cpc" and _num(values.get("sessions")) is None:
        return None  # a CPC from link clicks is not comparable with a channel's site visits
    if cost_basis == "ads":  # the same formula with the ad spend only (KPI.md ratio rule)
        return _num(kpi.ratio(_num(values.get("ad_cost")), _count(values, basis)))
    return _num(values.get(basis))


def _cost(values: Mapping, cost_basis: str = "all"):
    return _num(values.get("ad_cost" if cost_basis == "ads" else "cost"))


def verdict(report: Mapping, *, min_sample: int = DEFAULT_MIN_SAMPLE, band: float = SIMILAR_BAND,
            cost_basis: str = "all", kinds: Mapping[str, tuple[str, ...]] | None = None) -> Verdict:  # fmt: skip
    """Does SMM sell cheaper than context ads, banner ads and the other channels? (see module docstring)

    ``cost_basis`` "all" prices with every cost kind, "ads" with the ad spend only; ``kinds`` is
    :func:`cost_kinds` output (which kinds each side's cost includes, for the reasons).
    """
    if cost_basis not in COST_BASES:
        raise ValueError(f"cost_basis must be one of {COST_BASES}, not {cost_basis!r}")
    total = report["total"]
    by_channel = report.get("by_channel", {})
    others = [c for c in by_channel if c not in kpi.SOCIAL_NETWORKS]
    smm_cost = _cost(total, cost_basis)
    kinds = kinds or {}
    sides = tuple((name, _num(values.get("cost")), _num(values.get("ad_cost")), kinds.get(name))
                  for name, values in ((SMM, total), *((c, by_channel[c]) for c in others))
                  if _num(values.get("cost")))  # fmt: skip
    common = dict(smm_cost=smm_cost, smm_orders=_num(total.get("orders")),
                  smm_revenue=_num(total.get("revenue")), romi=_num(total.get("romi")), min_sample=min_sample,
                  cost_basis=cost_basis, sides=sides)  # fmt: skip
    fallback = None
    if common["smm_orders"] is None:
        fallback = "orders_not_reported"
    elif common["smm_orders"] == 0:
        fallback = "no_smm_orders"
    common["fallback"] = fallback
    if not smm_cost:
        return Verdict("no_smm_cost", None, **common)

    def price(values, b):
        return _basis_value(values, b, cost_basis)

    excluded_no_cost = [Excluded(c, "no_cost", _cost(by_channel[c], cost_basis), None) for c in others
                        if not _cost(by_channel[c], cost_basis)]  # fmt: skip
    paid = [c for c in others if _cost(by_channel[c], cost_basis)]
    basis = next(
        (b for b in BASES if price(total, b) is not None and any(price(by_channel[c], b) is not None for c in paid)),
        None,
    )  # fmt: skip
    if basis is None:
        basis = next((b for b in BASES if price(total, b) is not None), None)
        if basis is None:
            return Verdict("no_smm_results", None, excluded=tuple(excluded_no_cost), **common)
        status = "no_other_channels" if not paid else "no_comparable"
        excluded = excluded_no_cost + [Excluded(c, "no_results", _cost(by_channel[c], cost_basis),
                                                _count(by_channel[c], basis)) for c in paid]  # fmt: skip
        return Verdict(status, basis, smm_value=price(total, basis), smm_count=_count(total, basis),
                       excluded=tuple(excluded), best_network=_best_network(report, basis, cost_basis), **common)  # fmt: skip

    smm_value, smm_count = price(total, basis), _count(total, basis)
    comparisons, excluded = [], list(excluded_no_cost)
    for channel in paid:
        values = by_channel[channel]
        value = price(values, basis)
        if value is None:
            excluded.append(Excluded(channel, "no_results", _cost(values, cost_basis), _count(values, basis)))
            continue
        count = _count(values, basis) or 0
        ratio_ = smm_value / value
        comparisons.append(Comparison(
            channel=channel, smm_value=smm_value, channel_value=value, ratio=ratio_, relation=relation(ratio_, band),
            smm_count=int(smm_count or 0), channel_count=int(count),
            conclusive=min(smm_count or 0, count) >= min_sample,
        ))  # fmt: skip
    comparisons.sort(key=lambda c: c.channel_value)
    conclusive = [c for c in comparisons if c.conclusive]
    status = _status({c.relation for c in conclusive}) if conclusive else "smm_tentative"
    prices = {SMM: smm_value, **{c.channel: c.channel_value for c in comparisons}}
    cheapest = min(prices, key=prices.get)
    return Verdict(status, basis, smm_value=smm_value, smm_count=smm_count, comparisons=tuple(comparisons),
                   excluded=tuple(excluded), cheapest=cheapest, best_network=_best_network(report, basis, cost_basis),
                   **common)  # fmt: skip


def _status(relations: set[str]) -> str:
    if relations == {"cheaper"}:
        return "smm_cheapest"
    if relations == {"dearer"}:
        return "smm_dearest"
    if relations == {"similar"}:
        return "smm_similar"
    return "smm_mixed"


def _best_network(report: Mapping, basis: str, cost_basis: str = "all") -> tuple[str, float, float] | None:
    """The social network with the lowest price at ``basis`` (only when two or more have one)."""
    priced = []
    for network, values in report.get("by_network", {}).items():
        value = _basis_value(values, basis, cost_basis)
        if value is not None:
            priced.append((network, value, _count(values, basis) or 0))
    if len(priced) < 2:
        return None
    return min(priced, key=lambda item: item[1])


# --------------------------------------------------------------------------------------------------
# The verdict in words


def _money(value, lang: str, currency: str) -> str:
    return i18n.format_money(value, currency, lang, decimals=2 if abs(value) < 100 else 0)


def _difference(ratio: float, lang: str) -> str:
    """How much cheaper or dearer, the way people say it: "на 12 %" up to 2×, "в 2,3 раза" beyond."""
    factor = 1 / ratio if ratio < 1 else ratio
    if factor >= 2:
        return i18n.t("money.times", lang, factor=i18n.format_number(factor, lang, decimals=1))
    return i18n.t("money.percent", lang, percent=i18n.format_percent(abs(1 - ratio) if ratio < 1 else ratio - 1,
                                                                      lang, decimals=0))  # fmt: skip


def _channel(channel: str, lang: str, *, mid: bool = False) -> str:
    """A channel's name; ``mid``: as it reads in the middle of a sentence (common nouns lower-cased)."""
    name = i18n.t("money.smm", lang) if channel == SMM else i18n.t(f"channel.{channel}", lang)
    return _lower_first(name) if mid and channel in COMMON_NOUN_CHANNELS else name


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _join(items: list[str], lang: str) -> str:
    """ "a", "a и b", "a, b и c" ("and" in English)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {i18n.t('money.and', lang)} {items[-1]}"


def _kinds(kinds, lang: str) -> str:
    return _join([_lower_first(i18n.t(f"cost_kind.{k}", lang)) for k in kinds], lang)


def _results(count, basis: str, lang: str) -> str:
    return i18n.t_plural(f"money.count_{BASIS_COUNT[basis]}", count or 0, lang)


def _parts(comparisons, lang: str) -> str:
    by_relation = {rel: _join([_channel(c.channel, lang, mid=True) for c in comparisons if c.relation == rel], lang)
                   for rel in ("cheaper", "dearer", "similar")}  # fmt: skip
    return "; ".join(i18n.t(f"money.part_{rel}", lang, channels=channels)
                     for rel, channels in by_relation.items() if channels)  # fmt: skip


def cost_reasons(v: Verdict, lang: str, currency: str = "RUB") -> list[str]:
    """Which cost kinds each side's price includes, and a hint when SMM's full cost meets ads-only channels."""
    if not v.sides:
        return []
    lines = []
    sides = []
    for name, cost, ad_cost, kinds in v.sides:
        if v.cost_basis == "ads":
            if not ad_cost:
                continue
            left_out = tuple(k for k in (kinds or ()) if k != "ads")
            text = i18n.t(
                "money.side_ads",
                lang,
                channel=_channel(name, lang, mid=bool(sides)),
                amount=_money(ad_cost, lang, currency),
            )
            if left_out:
                text += " " + i18n.t("money.side_left_out", lang, kinds=_kinds(left_out, lang))
        else:
            if kinds:
                what = _kinds(kinds, lang)
            elif ad_cost is not None and cost is not None and abs(ad_cost - cost) < 0.005:
                what = _kinds(("ads",), lang)
            else:
                what = i18n.t("money.kinds_unknown", lang)
            text = i18n.t("money.side_all", lang, channel=_channel(name, lang, mid=bool(sides)), kinds=what,
                          amount=_money(cost, lang, currency))  # fmt: skip
        sides.append(text)
    lines.append(i18n.t(f"money.costs_{v.cost_basis}", lang, sides="; ".join(sides)))
    if v.cost_basis == "all":
        smm_kinds = dict((n, k) for n, _, _, k in v.sides).get(SMM) or ()
        smm_extra = tuple(k for k in smm_kinds if k != "ads")
        compared = {c.channel for c in v.comparisons}
        ads_only = [n for n, cost, ad_cost, k in v.sides if n in compared and (
            (k is not None and tuple(k) == ("ads",)) or (k is None and ad_cost and cost and abs(ad_cost - cost) < 0.005))]  # fmt: skip
        if smm_extra and ads_only:
            lines.append(i18n.t("money.costs_mismatch", lang, kinds=_kinds(smm_extra, lang),
                                channels=_join([_channel(n, lang, mid=True) for n in ads_only], lang)))  # fmt: skip
    return lines


def verdict_text(v: Verdict, lang: str, currency: str = "RUB") -> dict:
    """The verdict for the screen: {"headline", "tentative", "reasons": [...], "caution", "tone"}.

    ``headline`` holds the conclusive comparisons only; the channels below the small-sample threshold get
    their own sentence, ``tentative`` (None when there are none). ``tone`` is "good" (SMM is the cheaper
    way), "bad" (dearer everywhere), "neutral" or "missing".
    """
    reasons: list[str] = []
    caution = tentative = None
    # "по цене продажи" needs the dative, "цена продажи: …" the nominative; English has one form
    names = {"basis": i18n.t(f"money.basis_{v.basis}", lang) if v.basis else "",
             "basis_name": i18n.t(f"money.basis_name_{v.basis}", lang) if v.basis else ""}  # fmt: skip
    if v.basis and v.cost_basis == "ads":
        names["basis"] += " " + i18n.t("money.ads_only_suffix", lang)
    if v.fallback and v.basis and v.basis != "cps":
        reasons.append(i18n.t(f"money.fallback_{v.fallback}", lang, **names))
    if v.status == "no_smm_cost":
        key = "money.verdict_no_smm_ads" if v.cost_basis == "ads" and v.sides else "money.verdict_no_smm_cost"
        return {"headline": i18n.t(key, lang), "tentative": None, "reasons": reasons, "caution": None,
                "tone": "missing"}  # fmt: skip
    reasons.extend(cost_reasons(v, lang, currency))
    if v.status == "no_smm_results":
        return {"headline": i18n.t("money.verdict_no_smm_results", lang,
                                   cost=_money(v.smm_cost, lang, currency)), "tentative": None, "reasons": reasons,
                "caution": None, "tone": "missing"}  # fmt: skip
    smm_price = _money(v.smm_value, lang, currency)
    for c in v.comparisons:
        reasons.append(i18n.t(
            f"money.reason_{c.relation}", lang, channel=_channel(c.channel, lang), **names,
            smm=smm_price, other=_money(c.channel_value, lang, currency), difference=_difference(c.ratio, lang),
            smm_results=_results(c.smm_count, v.basis, lang), other_results=_results(c.channel_count, v.basis, lang),
        ) + ("" if c.conclusive else " " + i18n.t("money.reason_small", lang)))  # fmt: skip
    for e in v.excluded:
        if e.reason == "no_cost":
            key = "money.excluded_no_ads" if v.cost_basis == "ads" else "money.excluded_no_cost"
            reasons.append(i18n.t(key, lang, channel=_channel(e.channel, lang)))
        else:
            reasons.append(i18n.t("money.excluded_no_results", lang, channel=_channel(e.channel, lang),
                                  cost=_money(e.cost or 0, lang, currency), **names))  # fmt: skip
    if v.best_network is not None:
        network, price, count = v.best_network
        reasons.append(i18n.t("money.best_network", lang, network=_channel(network, lang), **names,
                              price=_money(price, lang, currency), results=_results(count, v.basis, lang)))  # fmt: skip
    if v.romi is not None:
        key = "money.payback_yes" if v.romi >= 0 else "money.payback_no"
        reasons.append(i18n.t(key, lang, romi=i18n.format_percent(v.romi, lang, decimals=0),
                              revenue=_money(v.smm_revenue or 0, lang, currency),
                              cost=_money(_num(v.sides[0][1]) if v.sides and v.sides[0][0] == SMM
                                          else v.smm_cost, lang, currency)))  # fmt: skip
    if v.status in ("no_other_channels", "no_comparable"):
        headline = i18n.t(f"money.verdict_{v.status}", lang, **names, smm=smm_price,
                          smm_results=_results(v.smm_count, v.basis, lang))  # fmt: skip
        tone = "neutral"
    else:
        sure, unsure = v.conclusive_comparisons, v.tentative_comparisons
        if sure:  # with tentative ones beside it, "cheaper than every channel" would claim them too
            status = "smm_mixed" if unsure else v.status
            headline = i18n.t(
                f"money.verdict_{status}", lang, **names, smm=smm_price, parts=_parts(sure, lang)
            )
        else:
            headline = i18n.t("money.verdict_smm_tentative", lang, **names, smm=smm_price,
                              smm_results=_results(v.smm_count, v.basis, lang))  # fmt: skip
        tone = {"smm_cheapest": "good", "smm_dearest": "bad"}.get(v.status, "neutral")
        if unsure:
            tentative = i18n.t("money.tentative", lang, parts=_parts(unsure, lang),
                               minimum=_results(v.min_sample, v.basis, lang))  # fmt: skip
            fewest = min(min(c.smm_count, c.channel_count) for c in unsure)
            caution = i18n.t("money.not_conclusive", lang, results=_results(fewest, v.basis, lang),
                             minimum=_results(v.min_sample, v.basis, lang))  # fmt: skip
            if not sure:
                tone = "neutral"
    return {
        "headline": headline,
        "tentative": tentative,
        "reasons": reasons,
        "caution": caution,
        "tone": tone,
    }
