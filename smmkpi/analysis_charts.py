"""Pure Altair builders for the funnel, money, content and communication pages (no Streamlit, no db).

Conventions shared with ``smmkpi.charts``: values come from the KPI engine and the analysis modules
already computed; "not reported" is never drawn as 0 (such bars are replaced by a grey "—"); numbers in
labels and tooltips are formatted in Python for the UI language; every chart carries the Vega locale,
shows tooltips, and sends at most ``charts.MAX_MARKS`` rows to the browser. Time axes zoom (drag or
wheel, double-click resets); legends and bars are clickable where a click means something.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from smmkpi import charts, i18n, metrics

MAX_MARKS = charts.MAX_MARKS
ROW = charts.ROW_HEIGHT
HEIGHT = charts.CHART_HEIGHT
MUTED = "#9AA5B1"
TEXT_GREY = "#888888"
SMM_COLOR = "#1B7F5B"  # the "all of SMM" bar/line, distinct from every network colour
TOTAL_COLOR = "#222222"
PLAN_COLOR = "#444444"
KIND_COLORS = {"ads": "#4C78A8", "fee": "#F58518", "salary": "#E45756", "production": "#72B7B2",
               "tools": "#54A24B", "other": "#B0B7BF"}  # fmt: skip
FORMAT_COLOR = "#4C78A8"
PROMOTION_COLORS = {"organic": "#54A24B", "promoted": "#F58518", "unknown": "#B0B7BF"}
KIND_COUNT_COLORS = {"comment": "#4C78A8", "message": "#F58518"}
STEP_COLORS = ("#1F4E79", "#2E75B6", "#3E8ED0", "#5BA3DC", "#86BDE6")
PICK_NETWORK = "network_pick"
PICK_GOAL = "goal_pick"
TIME_FORMAT = {"day": "%e %b", "week": "%e %b", "month": "%b %Y"}


def _localized(chart, lang: str):
    return chart.configure(locale=charts.vega_locale(lang)).configure_view(strokeWidth=0)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or i18n.is_missing(value)


def _fmt(key: str, value, lang: str, currency: str) -> str:
    return metrics.format_metric(key, None if _missing(value) else value, lang, currency)


def _pct(value, lang: str) -> str:
    return i18n.format_percent(None if _missing(value) else value, lang)


def _ratio_text(key, value, lang: str) -> str:
    """A funnel conversion as text: a percentage, or a plain number for "orders per goal"."""
    if key == "orders_per_goal":  # smmkpi.funnel.PER_GOAL: more orders than goals, not a conversion
        return i18n.format_number(None if _missing(value) else value, lang, decimals=1)
    return _pct(value, lang)


def series_label(channel: str, lang: str) -> str:
    """On-screen name of a network, a channel, "all of SMM" or the total."""
    if channel in ("total", "smm"):
        return i18n.t(f"analysis.{channel}", lang)
    return charts.channel_label(channel, lang)


def _color(channel: str) -> str:
    return {"smm": SMM_COLOR, "total": TOTAL_COLOR}.get(channel, charts.network_color(channel))


def _axis_format(key: str) -> str:
    unit = metrics.METRICS[key].unit if key in metrics.METRICS else "count"
    return ".0%" if unit == "ratio" else ",~s" if unit == "money" else ",~r"


# short big numbers on axes the way each language writes them: "2 тыс.", "1,5 млн"; "2K", "1.5M"
_SHORT = {"ru": (" тыс.", " млн"), "en": ("K", "M")}


def _axis(fmt: str, lang: str, **kwargs) -> alt.Axis:
    """An axis with number labels; ``,~s`` (SI: "2k", "1.5M") becomes "2 тыс." / "2K" (Vega's SI "k" and
    "G" read oddly to a Russian marketer, and "0k" is no number)."""
    if fmt != ",~s":
        return alt.Axis(format=fmt, **kwargs)
    thousand, million = _SHORT.get(i18n.normalize_language(lang), _SHORT["en"])
    expr = (f"abs(datum.value) >= 1e6 ? format(datum.value / 1e6, ',~r') + '{million}' : "
            f"abs(datum.value) >= 1e3 ? format(datum.value / 1e3, ',~r') + '{thousand}' : "
            "format(datum.value, ',~r')")  # fmt: skip
    return alt.Axis(labelExpr=expr, **kwargs)


def _float(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype("float64")


def _bucket_text(bucket, grain: str, lang: str) -> str:
    stamp = pd.Timestamp(bucket)
    if grain == "month":
        return i18n.format_month(stamp.date(), lang)
    text = i18n.format_date(stamp.date(), lang)
    return i18n.t("chart.week_of", lang, date=text) if grain == "week" else text


def _bucket_span(buckets: pd.Series, grain: str, gap: float = 0.15) -> tuple[pd.Series, pd.Series]:
    """Where a bucket's bar starts and ends on a time axis: the bucket's own days, minus a small gap."""
    starts = pd.to_datetime(buckets)
    if grain == "month":
        ends = starts + pd.offsets.MonthBegin(1)
    else:
        ends = starts + pd.to_timedelta(7 if grain == "week" else 1, unit="D")
    width = ends - starts
    return starts + width * (gap / 2), ends - width * (gap / 2)


def _latest_buckets(rows: pd.DataFrame, max_marks: int) -> pd.DataFrame:
    """Keep the most recent buckets when a time chart would send more than ``max_marks`` rows."""
    while len(rows) > max_marks:
        rows = rows[rows["bucket"] > rows["bucket"].min()]
    return rows


def _padded(values: pd.Series, room: float = 1.3) -> alt.Scale:
    """A linear scale from 0 with room on the right for the value labels at the ends of the bars."""
    top = float(values.max()) if values.notna().any() else 1.0
    return alt.Scale(domain=[0, max(top, 1.0) * room])


def _bar_height(count: int, *, legend: bool = False) -> int:
    """The height of a chart with one bar per row: Streamlit fits the whole chart, axis and legend included,
    into it, so they get room of their own."""
    return max(90, ROW * count + 60 + (40 if legend else 0))


# --------------------------------------------------------------------------------------------------
# Funnel


def funnel_rows(steps: pd.DataFrame, step_labels: Mapping[str, str], lang: str, currency: str = "RUB",
                conversion_labels: Mapping[str, str] | None = None) -> pd.DataFrame:  # fmt: skip
    """The count steps of ``smmkpi.funnel.funnel_steps`` as chart rows (revenue is not a count)."""
    from smmkpi.funnel import COUNT_STEPS  # a leaf import: funnel only needs kpi

    rows = []
    for index, row in enumerate(steps[steps["step"].isin(COUNT_STEPS)].itertuples()):
        has_conversion = isinstance(row.conversion_key, str)  # the first step has none (NaN)
        conv_label = (conversion_labels or {}).get(row.conversion_key, "") if has_conversion else ""
        rows.append({
            "order": index,
            "step": step_labels.get(row.step, row.step),
            "value": row.value,
            "value_text": _fmt(row.kpi, row.value, lang, currency),
            "previous_text": _fmt(row.kpi, row.previous, lang, currency),
            "plan_text": _fmt(row.kpi, row.plan, lang, currency),
            "conversion_text": f"{conv_label}: {_ratio_text(row.conversion_key, row.conversion, lang)}"
            if has_conversion else "",
            "conversion_previous_text": _ratio_text(row.conversion_key, row.conversion_previous, lang)
            if has_conversion else "",
            "conversion_plan_text": _ratio_text(row.conversion_key, row.conversion_plan, lang) if has_conversion else "",
            "color": STEP_COLORS[index % len(STEP_COLORS)],
        })  # fmt: skip
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["value"] = _float(frame["value"])
        frame["label_text"] = [
            v if not c else f"{v} · {c}"
            for v, c in zip(frame["value_text"], frame["conversion_text"], strict=True)
        ]
    return frame


def funnel_chart(steps: pd.DataFrame, step_labels: Mapping[str, str], lang: str, currency: str = "RUB", *,
                 conversion_labels: Mapping[str, str] | None = None, titles: Mapping[str, str] | None = None):  # fmt: skip
    """Horizontal funnel bars (symlog length so small steps stay visible), value and conversion as labels.

    ``titles``: tooltip titles for "step", "value", "previous", "plan", "conversion", "conversion_previous",
    "conversion_plan".
    """
    titles = {k: k for k in ("step", "value", "previous", "plan", "conversion", "conversion_previous",
                             "conversion_plan")} | dict(titles or {})  # fmt: skip
    rows = funnel_rows(steps, step_labels, lang, currency, conversion_labels)
    order = list(rows["step"]) if not rows.empty else []
    y = alt.Y("step:N", sort=order, title=None, axis=alt.Axis(labelLimit=200, ticks=False, domain=False,
                                                               labelFontSize=13))  # fmt: skip
    top = float(np.nanmax(rows["value"])) if not rows.empty and rows["value"].notna().any() else 1.0
    scale = alt.Scale(type="symlog", domain=[0, max(top, 1.0) * 40])  # room on the right for the labels
    tooltip = [alt.Tooltip(f"{field}:N", title=titles[key]) for key, field in (
        ("step", "step"), ("value", "value_text"), ("previous", "previous_text"), ("plan", "plan_text"),
        ("conversion", "conversion_text"), ("conversion_previous", "conversion_previous_text"),
        ("conversion_plan", "conversion_plan_text"))]  # fmt: skip
    reported = alt.Chart(rows).transform_filter("isValid(datum.value)")
    bars = reported.mark_bar(cornerRadiusEnd=3, height={"band": 0.72}).encode(
        x=alt.X("value:Q", scale=scale, axis=None), y=y, color=alt.Color("color:N", scale=None, legend=None),
        tooltip=tooltip,
    )  # fmt: skip
    text = reported.mark_text(align="left", dx=6, fontSize=13).encode(
        x=alt.X("value:Q", scale=scale), y=y, text="label_text:N", tooltip=tooltip
    )
    missing = (
        alt.Chart(rows).transform_filter("!isValid(datum.value)")
        .mark_text(align="left", dx=2, fontSize=13, color=TEXT_GREY)
        .encode(x=alt.value(0), y=y, text="label_text:N", tooltip=tooltip)
    )  # fmt: skip
    chart = alt.layer(bars, text, missing).properties(height=_bar_height(len(rows)))
    return _localized(chart, lang)


def network_step_chart(network_rows: pd.DataFrame, step: str, kpi_key: str, label: str, lang: str,
                       currency: str = "RUB", *, selected: str | None = None,
                       conversion_key: str | None = None, conversion_label: str = ""):  # fmt: skip
    """One bar per network of one funnel step; click a bar to focus the page on that network.

    ``network_rows``: ``smmkpi.funnel.network_funnels`` (the ``total`` row is left out). The point
    selection is named ``PICK_NETWORK`` and carries the ``network`` field.
    """
    rows = network_rows[network_rows["network"] != "total"]
    data = pd.DataFrame({
        "network": rows["network"],
        "label": [series_label(n, lang) for n in rows["network"]],
        "value": _float(rows[step]),
        "value_text": [_fmt(kpi_key, v, lang, currency) for v in rows[step]],
        "conversion_text": [_pct(v, lang) for v in rows[conversion_key]] if conversion_key else "",
        "color": [_color(n) for n in rows["network"]],
        "opacity": [1.0 if selected in (None, n) else 0.35 for n in rows["network"]],
    })  # fmt: skip
    data = data.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)
    pick = alt.selection_point(fields=["network"], name=PICK_NETWORK, on="click", clear="dblclick")
    y = alt.Y("label:N", sort=list(data["label"]), title=None, axis=alt.Axis(labelLimit=180, ticks=False,
                                                                             domain=False))  # fmt: skip
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("value_text:N", title=label)]
    if conversion_key:
        tooltip.append(alt.Tooltip("conversion_text:N", title=conversion_label))
    base = alt.Chart(data)
    bars = base.transform_filter("isValid(datum.value)").mark_bar(cornerRadiusEnd=3, height={"band": 0.7}, cursor="pointer").encode(
        x=alt.X("value:Q", title=label, axis=_axis(_axis_format(kpi_key), lang, tickCount=5),
                scale=_padded(data["value"])),
        y=y, color=alt.Color("color:N", scale=None, legend=None),
        opacity=alt.Opacity("opacity:Q", scale=None, legend=None), tooltip=tooltip,
    ).add_params(pick)  # fmt: skip
    text = (
        base.transform_filter("isValid(datum.value)")
        .mark_text(align="left", dx=4, fontSize=12)
        .encode(x="value:Q", y=y, text="value_text:N")
    )
    missing = base.transform_filter("!isValid(datum.value)").mark_text(align="left", fontSize=12, color=TEXT_GREY).encode(
        x=alt.value(0), y=y, text="value_text:N", tooltip=tooltip
    )  # fmt: skip
    return _localized(alt.layer(bars, text, missing).properties(height=_bar_height(len(data))), lang)


def goal_types_chart(goal_rows: pd.DataFrame, lang: str, *, selected: str | None = None, title: str = ""):
    """Completions per goal type (``smmkpi.funnel.goal_type_values``); click a bar to pick that type.

    The point selection is named ``PICK_GOAL`` and carries the ``goal_type`` field; untyped goals are
    shown in grey and cannot be picked.
    """
    data = pd.DataFrame({
        "goal_type": goal_rows["goal_type"],
        "label": [i18n.t(f"funnel.goal_{g}", lang) for g in goal_rows["goal_type"]],
        "value": _float(goal_rows["value"]),
        "value_text": [i18n.format_number(None if _missing(v) else v, lang, decimals=0) for v in goal_rows["value"]],
        "color": [MUTED if g == "untyped" else "#2E75B6" for g in goal_rows["goal_type"]],
        "opacity": [1.0 if selected in (None, g) else 0.35 for g in goal_rows["goal_type"]],
    })  # fmt: skip
    pick = alt.selection_point(fields=["goal_type"], name=PICK_GOAL, on="click", clear="dblclick")
    y = alt.Y(
        "label:N",
        sort=list(data["label"]),
        title=None,
        axis=alt.Axis(labelLimit=220, ticks=False, domain=False),
    )
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("value_text:N", title=title or " ")]
    base = alt.Chart(data)
    bars = base.transform_filter("isValid(datum.value)").mark_bar(cornerRadiusEnd=3, height={"band": 0.7}, cursor="pointer").encode(
        x=alt.X("value:Q", title=title or None, axis=alt.Axis(format=",~r", tickCount=5), scale=_padded(data["value"])),
        y=y,
        color=alt.Color("color:N", scale=None, legend=None), opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
        tooltip=tooltip,
    ).add_params(pick)  # fmt: skip
    text = (
        base.transform_filter("isValid(datum.value)")
        .mark_text(align="left", dx=4, fontSize=12)
        .encode(x="value:Q", y=y, text="value_text:N")
    )
    missing = base.transform_filter("!isValid(datum.value)").mark_text(align="left", fontSize=12, color=TEXT_GREY).encode(
        x=alt.value(0), y=y, text="value_text:N"
    )  # fmt: skip
    return _localized(alt.layer(bars, text, missing).properties(height=_bar_height(len(data))), lang)


# --------------------------------------------------------------------------------------------------
# Money


def cost_breakdown_chart(costs: pd.DataFrame, lang: str, currency: str = "RUB", *, network_title: str = "",
                         kind_title: str = "", amount_title: str = "", share_title: str = ""):  # fmt: skip
    """Stacked bars: SMM cost per network split by cost kind, the network's total at the end of its bar;
    click a kind in the legend to highlight it."""
    data = costs.copy()
    totals = data.groupby("channel")["amount"].transform("sum")
    data["network"] = [series_label(c, lang) for c in data["channel"]]
    data["kind_label"] = [i18n.t(f"cost_kind.{k}", lang) for k in data["kind"]]
    data["amount_text"] = [i18n.format_money(v, currency, lang) for v in data["amount"]]
    data["share_text"] = [i18n.format_percent(v, lang, decimals=0) for v in data["amount"] / totals]
    data["kind_order"] = data["kind"].map({k: i for i, k in enumerate(KIND_COLORS)})
    per_network = data.groupby("network", as_index=False)["amount"].sum()
    per_network["total_text"] = [i18n.format_money(v, currency, lang) for v in per_network["amount"]]
    order = list(per_network.sort_values("amount", ascending=False)["network"])
    top = float(per_network["amount"].max()) if not per_network.empty else 1.0
    kinds = [k for k in KIND_COLORS if k in set(data["kind"])]
    scale = alt.Scale(
        domain=[i18n.t(f"cost_kind.{k}", lang) for k in kinds], range=[KIND_COLORS[k] for k in kinds]
    )
    pick = alt.selection_point(fields=["kind_label"], bind="legend", name="kind_pick")
    x_scale = alt.Scale(domain=[0, top * 1.25])
    y = alt.Y("network:N", sort=order, title=None, axis=alt.Axis(labelLimit=180, ticks=False, domain=False))
    bars = alt.Chart(data).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("amount:Q", stack="zero", title=amount_title or None, scale=x_scale,
                axis=_axis(",~s", lang, tickCount=5)),
        y=y,
        color=alt.Color("kind_label:N", scale=scale, legend=alt.Legend(title=None, orient="top", labelLimit=260)),
        order=alt.Order("kind_order:Q"),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
        tooltip=[alt.Tooltip("network:N", title=network_title or " "), alt.Tooltip("kind_label:N", title=kind_title or " "),
                 alt.Tooltip("amount_text:N", title=amount_title or " "), alt.Tooltip("share_text:N", title=share_title or " ")],
    ).add_params(pick)  # fmt: skip
    text = (
        alt.Chart(per_network)
        .mark_text(align="left", dx=4, fontSize=12)
        .encode(x=alt.X("amount:Q", scale=x_scale), y=y, text="total_text:N")
    )
    return _localized(alt.layer(bars, text).properties(height=_bar_height(len(order), legend=True)), lang)


def time_rows(frame: pd.DataFrame, metric_key: str, lang: str, grain: str, currency: str = "RUB",
              max_marks: int = MAX_MARKS) -> pd.DataFrame:  # fmt: skip
    """bucket, network, series, value, value_text, bucket_text, color — reported values only, capped."""
    rows = frame[["bucket", "network", metric_key]].rename(columns={metric_key: "value"})
    rows = rows[_float(rows["value"]).notna()].copy()
    rows["value"] = _float(rows["value"])
    rows["bucket"] = pd.to_datetime(rows["bucket"])
    rows = _latest_buckets(rows, max_marks)
    rows["series"] = [series_label(n, lang) for n in rows["network"]]
    rows["value_text"] = [_fmt(metric_key, v, lang, currency) for v in rows["value"]]
    rows["bucket_text"] = [_bucket_text(b, grain, lang) for b in rows["bucket"]]
    rows["color"] = [_color(n) for n in rows["network"]]
    return rows.reset_index(drop=True)


def money_trend_chart(frame: pd.DataFrame, metric_key: str, label: str, lang: str, grain: str,
                      currency: str = "RUB", *, series_title: str = "", period_title: str = ""):  # fmt: skip
    """One line per network plus a dashed line for the total (``smmkpi.money.money_trend``); click the
    legend to highlight a line, drag or scroll to zoom the dates."""
    rows = time_rows(frame, metric_key, lang, grain, currency)
    order = list(dict.fromkeys(rows.sort_values("network", key=lambda s: s == "total")["network"]))
    scale = alt.Scale(domain=[series_label(n, lang) for n in order], range=[_color(n) for n in order])
    highlight = alt.selection_point(fields=["series"], bind="legend", name="series_pick")
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="time_zoom")
    rows["dash"] = np.where(rows["network"] == "total", "total", "network")
    base = alt.Chart(rows).encode(
        x=alt.X("bucket:T", title=None, axis=alt.Axis(format=TIME_FORMAT.get(grain, "%e %b"), labelOverlap="greedy", grid=False)),
        y=alt.Y("value:Q", title=label, axis=_axis(_axis_format(metric_key), lang, tickCount=5)),
        color=alt.Color("series:N", scale=scale, legend=alt.Legend(title=None, orient="top", symbolType="stroke")),
        opacity=alt.condition(highlight, alt.value(1.0), alt.value(0.15)),
    )  # fmt: skip
    tooltip = [alt.Tooltip("series:N", title=series_title or " "), alt.Tooltip("bucket_text:N", title=period_title or " "),
               alt.Tooltip("value_text:N", title=label)]  # fmt: skip
    line = base.mark_line(strokeWidth=2.5).encode(
        strokeDash=alt.StrokeDash("dash:N", scale=alt.Scale(domain=["network", "total"], range=[[1, 0], [6, 3]]), legend=None)
    )  # fmt: skip
    points = base.mark_circle(size=40).encode(tooltip=tooltip)
    return _localized(alt.layer(line.add_params(highlight, zoom), points).properties(height=HEIGHT), lang)


def channel_rows(comparison: pd.DataFrame, basis: str, lang: str, currency: str = "RUB", *,
                 min_sample: int = 30, count_key: str = "orders") -> pd.DataFrame:  # fmt: skip
    """The rows of the channel comparison chart: one per channel, cheapest first, missing prices last."""
    data = pd.DataFrame({
        "channel": comparison["channel"],
        "group": comparison["group"],
        "label": [series_label(c, lang) for c in comparison["channel"]],
        "value": _float(comparison[basis]),
        "count": _float(comparison[count_key]),
        "color": [_color(c) for c in comparison["channel"]],
    })  # fmt: skip
    data["value_text"] = [_fmt(basis, v, lang, currency) for v in data["value"]]
    data["count_text"] = [
        i18n.format_number(None if _missing(v) else v, lang, decimals=0) for v in data["count"]
    ]
    data["small"] = data["count"].fillna(0) < min_sample
    data["opacity"] = np.where(data["small"], 0.4, 1.0)
    counted = f"money.count_{count_key}"  # "13 продаж", "13 sales" rather than "n = 13"
    data["label_text"] = [
        f"{v} · {i18n.t_plural(counted, c, lang)}" if not _missing(val) else v
        for v, c, val in zip(data["value_text"], data["count"].fillna(0), data["value"], strict=True)
    ]
    data["cost_text"] = (
        [_fmt("cost", v, lang, currency) for v in _float(comparison["cost"])] if "cost" in comparison else ""
    )
    return data.sort_values("value", na_position="last", kind="mergesort").reset_index(drop=True)


def channel_chart(comparison: pd.DataFrame, basis: str, label: str, lang: str, currency: str = "RUB", *,
                  min_sample: int = 30, count_key: str = "orders", count_title: str = "",
                  small_text: str = "", cost_title: str = "", formula: str = ""):  # fmt: skip
    """Horizontal bars of one price (cps, cpl or cpc) per channel, cheapest on top; pale bars stand on
    fewer than ``min_sample`` results (not conclusive), grey "—" means the price cannot be computed."""
    data = channel_rows(comparison, basis, lang, currency, min_sample=min_sample, count_key=count_key)
    data["small_text"] = np.where(data["small"], small_text, "")
    top = float(data["value"].max()) if data["value"].notna().any() else 1.0
    x_scale = alt.Scale(domain=[0, top * 1.5])  # room on the right for "7 427 ₽ · 14 продаж"
    data["formula"] = formula
    y = alt.Y(
        "label:N",
        sort=list(data["label"]),
        title=None,
        axis=alt.Axis(labelLimit=200, ticks=False, domain=False),
    )
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("value_text:N", title=label),
               alt.Tooltip("count_text:N", title=count_title or " "), alt.Tooltip("small_text:N", title=" ")]  # fmt: skip
    if cost_title:
        tooltip.insert(2, alt.Tooltip("cost_text:N", title=cost_title))
    if formula:
        tooltip.insert(2, alt.Tooltip("formula:N", title=f"{label} ="))
    reported = alt.Chart(data).transform_filter("isValid(datum.value)")
    bars = reported.mark_bar(cornerRadiusEnd=3, height={"band": 0.7}).encode(
        x=alt.X("value:Q", title=label, axis=_axis(",~s", lang, tickCount=5), scale=x_scale),
        y=y, color=alt.Color("color:N", scale=None, legend=None),
        opacity=alt.Opacity("opacity:Q", scale=None, legend=None), tooltip=tooltip,
    )  # fmt: skip
    text = reported.mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("value:Q", scale=x_scale), y=y, text="label_text:N"
    )
    missing = alt.Chart(data).transform_filter("!isValid(datum.value)").mark_text(
        align="left", fontSize=12, color=TEXT_GREY).encode(x=alt.value(0), y=y, text="value_text:N")  # fmt: skip
    return _localized(alt.layer(bars, text, missing).properties(height=_bar_height(len(data))), lang)


# --------------------------------------------------------------------------------------------------
# Content


def posts_plan_chart(rows: pd.DataFrame, lang: str, grain: str, *, posts_title: str = "", plan_title: str = "",
                     network_title: str = "", period_title: str = ""):  # fmt: skip
    """Stacked bars of posts per bucket and network, with the plan as a black tick per bucket."""
    data = rows[_float(rows["posts"]).notna()].copy()
    data["bucket"] = pd.to_datetime(data["bucket"])
    data = _latest_buckets(data, MAX_MARKS // 2)
    data["posts"] = _float(data["posts"])
    data["series"] = [series_label(n, lang) for n in data["network"]]
    data["posts_text"] = [i18n.format_number(v, lang, decimals=0) for v in data["posts"]]
    data["bucket_text"] = [_bucket_text(b, grain, lang) for b in data["bucket"]]
    networks = list(dict.fromkeys(data["network"]))
    scale = alt.Scale(domain=[series_label(n, lang) for n in networks], range=[_color(n) for n in networks])
    pick = alt.selection_point(fields=["series"], bind="legend", name="series_pick")
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="time_zoom")
    data["start"], data["end"] = _bucket_span(data["bucket"], grain)
    x = alt.X("start:T", title=None,
              axis=alt.Axis(format=TIME_FORMAT.get(grain, "%e %b"), labelOverlap="greedy", grid=False))  # fmt: skip
    bars = alt.Chart(data).mark_bar().encode(
        x=x, x2="end:T", y=alt.Y("sum(posts):Q", title=posts_title or None, axis=alt.Axis(format=",~r", tickMinStep=1)),
        color=alt.Color("series:N", scale=scale, legend=alt.Legend(title=None, orient="top")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
        tooltip=[alt.Tooltip("bucket_text:N", title=period_title or " "), alt.Tooltip("series:N", title=network_title or " "),
                 alt.Tooltip("posts_text:N", title=posts_title or " ")],
    ).add_params(pick, zoom)  # fmt: skip
    plan = rows[["bucket", "plan"]].drop_duplicates("bucket")
    plan = plan[_float(plan["plan"]).notna()].copy()
    plan["bucket"] = pd.to_datetime(plan["bucket"])
    plan = plan[plan["bucket"].isin(data["bucket"])] if not data.empty else plan
    plan["plan"] = _float(plan["plan"])
    plan["start"], plan["end"] = _bucket_span(plan["bucket"], grain, gap=0.0)
    plan["plan_text"] = [i18n.format_number(v, lang, decimals=1) for v in plan["plan"]]
    plan["bucket_text"] = [_bucket_text(b, grain, lang) for b in plan["bucket"]]
    ticks = alt.Chart(plan).mark_rule(color=PLAN_COLOR, strokeWidth=3).encode(
        x="start:T", x2="end:T", y="plan:Q",
        tooltip=[alt.Tooltip("bucket_text:N", title=period_title or " "), alt.Tooltip("plan_text:N", title=plan_title or " ")],
    )  # fmt: skip
    layers = [bars, ticks] if not plan.empty else [bars]
    return _localized(alt.layer(*layers).properties(height=HEIGHT), lang)


def format_mix_chart(mix: pd.DataFrame, lang: str, *, posts_title: str = "", share_title: str = "",
                     reach_title: str = "", er_title: str = ""):  # fmt: skip
    """Posts per format (bars), with share, average reach and ER by reach in the label and tooltip."""
    data = mix.copy()
    data["label"] = [i18n.t(f"post_format.{f}", lang) if f != "unknown" else i18n.t("content.unknown", lang)
                     for f in data["format"]]  # fmt: skip
    data["posts_text"] = [i18n.format_number(v, lang, decimals=0) for v in data["posts"]]
    data["share_text"] = [i18n.format_percent(v, lang, decimals=0) for v in data["share"]]
    data["reach_text"] = [_fmt("avg_post_reach", v, lang, "RUB") for v in data["avg_reach"]]
    data["er_text"] = [_pct(v, lang) for v in data["er_reach"]]
    data["label_text"] = [
        f"{p} ({s}) · ERR {e}"
        for p, s, e in zip(data["posts_text"], data["share_text"], data["er_text"], strict=True)
    ]
    y = alt.Y(
        "label:N",
        sort=list(data["label"]),
        title=None,
        axis=alt.Axis(labelLimit=160, ticks=False, domain=False),
    )
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("posts_text:N", title=posts_title or " "),
               alt.Tooltip("share_text:N", title=share_title or " "), alt.Tooltip("reach_text:N", title=reach_title or " "),
               alt.Tooltip("er_text:N", title=er_title or " ")]  # fmt: skip
    top = float(data["posts"].max()) if not data.empty else 1.0
    base = alt.Chart(data)
    bars = base.mark_bar(color=FORMAT_COLOR, cornerRadiusEnd=3, height={"band": 0.7}).encode(
        x=alt.X("posts:Q", title=posts_title or None, scale=alt.Scale(domain=[0, top * 1.6]), axis=alt.Axis(format=",~r", tickMinStep=1)),
        y=y, tooltip=tooltip,
    )  # fmt: skip
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(x="posts:Q", y=y, text="label_text:N")
    return _localized(alt.layer(bars, text).properties(height=_bar_height(len(data))), lang)


def weekday_names(lang: str) -> list[str]:
    """Short weekday names Monday first (the catalog lists them Sunday first, as d3 expects)."""
    names = [n.strip() for n in i18n.t("chart.short_days", lang).split(",")]
    return names[1:] + names[:1]


def heatmap_chart(cells: pd.DataFrame, lang: str, *, er_title: str = "", posts_title: str = "",
                  when_title: str = "", min_posts: int = 3):  # fmt: skip
    """Weekday × hour of publication, coloured by ER by reach (``smmkpi.content.posting_heatmap``).

    Cells without posts are empty; cells with fewer than ``min_posts`` posts, or whose posts report no ER,
    are grey (one or two posts say nothing about a time slot). 168 marks at most.
    """
    days = weekday_names(lang)
    data = cells.copy()
    data["day"] = [days[int(d)] for d in data["weekday"]]
    data["hour_text"] = [f"{int(h):02d}:00–{(int(h) + 1) % 24:02d}:00" for h in data["hour"]]
    data["when"] = [f"{d}, {h}" for d, h in zip(data["day"], data["hour_text"], strict=True)]
    data["er_text"] = [_pct(v, lang) for v in data["er_reach"]]
    data["posts_text"] = [i18n.format_number(v, lang, decimals=0) for v in data["posts"]]
    data["er_reach"] = _float(data["er_reach"])
    x = alt.X("hour:O", title=None, scale=alt.Scale(domain=list(range(24))), axis=alt.Axis(labelAngle=0))
    y = alt.Y("day:N", sort=days, title=None, scale=alt.Scale(domain=days))
    tooltip = [alt.Tooltip("when:N", title=when_title or " "), alt.Tooltip("er_text:N", title=er_title or " "),
               alt.Tooltip("posts_text:N", title=posts_title or " ")]  # fmt: skip
    base = alt.Chart(data)
    enough = f"isValid(datum.er_reach) && datum.posts >= {int(min_posts)}"
    colored = base.transform_filter(enough).mark_rect(cornerRadius=2).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("er_reach:Q", scale=alt.Scale(scheme="greens"),
                        legend=alt.Legend(title=er_title or None, format=".1%", orient="right")),
    )  # fmt: skip
    grey = (
        base.transform_filter(f"!({enough})")
        .mark_rect(cornerRadius=2, color="#E5E7EB")
        .encode(x=x, y=y, tooltip=tooltip)
    )
    return _localized(alt.layer(grey, colored).properties(height=7 * 34), lang)


def promotion_chart(split: pd.DataFrame, lang: str, *, reach_title: str = "", er_title: str = "",
                    posts_title: str = ""):  # fmt: skip
    """Organic vs promoted side by side: average post reach and ER by reach (``content.promotion_split``)."""
    data = split.copy()
    data["label"] = [i18n.t(f"content.group_{g}", lang) for g in data["group"]]
    data["color"] = [PROMOTION_COLORS.get(g, MUTED) for g in data["group"]]
    data["reach_text"] = [_fmt("avg_post_reach", v, lang, "RUB") for v in data["avg_reach"]]
    data["er_text"] = [_pct(v, lang) for v in data["er_reach"]]
    data["posts_text"] = [i18n.format_number(v, lang, decimals=0) for v in data["posts"]]
    data[["avg_reach", "er_reach"]] = data[["avg_reach", "er_reach"]].astype("float64")
    y = alt.Y(
        "label:N",
        sort=list(data["label"]),
        title=None,
        axis=alt.Axis(labelLimit=160, ticks=False, domain=False),
    )
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("posts_text:N", title=posts_title or " "),
               alt.Tooltip("reach_text:N", title=reach_title or " "), alt.Tooltip("er_text:N", title=er_title or " ")]  # fmt: skip

    def panel(field: str, text: str, title: str, axis_format: str):
        base = alt.Chart(data).transform_filter(f"isValid(datum.{field})")
        bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.65}).encode(
            x=alt.X(f"{field}:Q", title=title or None, axis=_axis(axis_format, lang, tickCount=4),
                    scale=alt.Scale(nice=True)),
            y=y, color=alt.Color("color:N", scale=None, legend=None), tooltip=tooltip,
        )  # fmt: skip
        label = base.mark_text(align="left", dx=4, fontSize=12).encode(x=f"{field}:Q", y=y, text=f"{text}:N")
        return alt.layer(bars, label).properties(width=300, height=_bar_height(len(data)))

    chart = alt.hconcat(
        panel("avg_reach", "reach_text", reach_title, ",~s"), panel("er_reach", "er_text", er_title, ".1%")
    )
    return _localized(chart, lang)


# --------------------------------------------------------------------------------------------------
# Communication


def response_time_chart(stats: pd.DataFrame, by: str, lang: str, *, labels: Mapping[str, str] | None = None,
                        median_title: str = "", p90_title: str = "", rate_title: str = "",
                        received_title: str = ""):  # fmt: skip
    """Per network or specialist: a bar to the median response time and a whisker to the 90th percentile,
    with the response rate as the label (``smmkpi.communication.response_stats``)."""
    data = stats.copy()
    data["label"] = [(labels or {}).get(v, v) for v in data[by]]
    data["color"] = [_color(v) if by == "network" else "#2E75B6" for v in data[by]]
    data["median_text"] = [
        i18n.format_duration_minutes(None if _missing(v) else v, lang) for v in data["median_minutes"]
    ]
    data["p90_text"] = [
        i18n.format_duration_minutes(None if _missing(v) else v, lang) for v in data["p90_minutes"]
    ]
    data["rate_text"] = [_pct(v, lang) for v in data["response_rate"]]
    data["received_text"] = [i18n.format_number(v, lang, decimals=0) for v in data["received"]]
    data["label_text"] = [f"{m} · {r}" for m, r in zip(data["median_text"], data["rate_text"], strict=True)]
    data[["median_minutes", "p90_minutes"]] = data[["median_minutes", "p90_minutes"]].astype("float64")
    # the axis in hours once answers take hours: "14" reads better than "840"
    longest = float(data["p90_minutes"].max()) if data["p90_minutes"].notna().any() else 0.0
    per_unit, unit = (60.0, "hours") if longest > 120 else (1.0, "minutes")
    data["median_v"] = data["median_minutes"] / per_unit
    data["p90_v"] = data["p90_minutes"] / per_unit
    y = alt.Y(
        "label:N",
        sort=list(data["label"]),
        title=None,
        axis=alt.Axis(labelLimit=220, ticks=False, domain=False),
    )
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("received_text:N", title=received_title or " "),
               alt.Tooltip("rate_text:N", title=rate_title or " "), alt.Tooltip("median_text:N", title=median_title or " "),
               alt.Tooltip("p90_text:N", title=p90_title or " ")]  # fmt: skip
    base = alt.Chart(data).transform_filter("isValid(datum.median_minutes)")
    unit_text = i18n.t(f"unit.{unit}_short", lang)
    x_title = f"{median_title} / {p90_title}, {unit_text}" if median_title else unit_text
    x_scale = _padded(data["p90_v"], room=1.45)
    whisker = base.mark_rule(color=TEXT_GREY, strokeWidth=2).encode(
        x=alt.X("median_v:Q", title=x_title, scale=x_scale), x2="p90_v:Q", y=y, tooltip=tooltip)  # fmt: skip
    cap = base.mark_tick(color=TEXT_GREY, thickness=2, size=14).encode(
        x=alt.X("p90_v:Q", scale=x_scale), y=y, tooltip=tooltip
    )
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.6}).encode(
        x=alt.X("median_v:Q", title=x_title, scale=x_scale), y=y, color=alt.Color("color:N", scale=None, legend=None),
        tooltip=tooltip,
    )  # fmt: skip
    text = base.mark_text(align="left", dx=8, fontSize=12).encode(
        x=alt.X("p90_v:Q", scale=x_scale), y=y, text="label_text:N"
    )
    missing = alt.Chart(data).transform_filter("!isValid(datum.median_minutes)").mark_text(
        align="left", fontSize=12, color=TEXT_GREY).encode(x=alt.value(0), y=y, text="label_text:N")  # fmt: skip
    return _localized(
        alt.layer(whisker, bars, cap, text, missing).properties(height=_bar_height(len(data))), lang
    )


def incoming_chart(trend: pd.DataFrame, lang: str, grain: str, *, kind_titles: Mapping[str, str],
                   period_title: str = "", count_title: str = "", plan_title: str = ""):  # fmt: skip
    """Comments and messages received per bucket (stacked), with the plan of incoming as a tick."""
    long = trend.melt(
        id_vars=["bucket"], value_vars=["comments", "messages"], var_name="kind_key", value_name="count"
    )
    long = long[_float(long["count"]).notna()].copy()
    long["bucket"] = pd.to_datetime(long["bucket"])
    long = _latest_buckets(long, MAX_MARKS // 2)
    long["kind"] = [kind_titles.get(k, k) for k in long["kind_key"]]
    long["count_text"] = [i18n.format_number(v, lang, decimals=0) for v in long["count"]]
    long["bucket_text"] = [_bucket_text(b, grain, lang) for b in long["bucket"]]
    long["start"], long["end"] = _bucket_span(long["bucket"], grain)
    names = [kind_titles.get(k, k) for k in ("comments", "messages")]
    scale = alt.Scale(domain=names, range=[KIND_COUNT_COLORS["comment"], KIND_COUNT_COLORS["message"]])
    pick = alt.selection_point(fields=["kind"], bind="legend", name="kind_pick")
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="time_zoom")
    bars = alt.Chart(long).mark_bar().encode(
        x2="end:T",
        x=alt.X("start:T", title=None, axis=alt.Axis(format=TIME_FORMAT.get(grain, "%e %b"), labelOverlap="greedy", grid=False)),
        y=alt.Y("sum(count):Q", title=count_title or None, axis=alt.Axis(format=",~r", tickMinStep=1)),
        color=alt.Color("kind:N", scale=scale, legend=alt.Legend(title=None, orient="top")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
        tooltip=[alt.Tooltip("bucket_text:N", title=period_title or " "), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("count_text:N", title=count_title or " ")],
    ).add_params(pick, zoom)  # fmt: skip
    plan = trend[["bucket", "plan_interactions_in"]].rename(columns={"plan_interactions_in": "plan"})
    plan = plan[_float(plan["plan"]).notna()].copy()
    if plan.empty:
        return _localized(bars.properties(height=HEIGHT), lang)
    plan["bucket"] = pd.to_datetime(plan["bucket"])
    plan = plan[plan["bucket"].isin(long["bucket"])]
    plan["plan_text"] = [i18n.format_number(v, lang, decimals=0) for v in plan["plan"]]
    plan["bucket_text"] = [_bucket_text(b, grain, lang) for b in plan["bucket"]]
    plan["start"], plan["end"] = _bucket_span(plan["bucket"], grain, gap=0.0)
    ticks = alt.Chart(plan).mark_rule(color=PLAN_COLOR, strokeWidth=3).encode(
        x="start:T", x2="end:T", y="plan:Q", tooltip=[alt.Tooltip("bucket_text:N", title=period_title or " "),
                                         alt.Tooltip("plan_text:N", title=plan_title or " ")])  # fmt: skip
    return _localized(alt.layer(bars, ticks).properties(height=HEIGHT), lang)


def response_rate_chart(trend: pd.DataFrame, lang: str, grain: str, *, fact_title: str, plan_title: str,
                        period_title: str = ""):  # fmt: skip
    """Response rate per bucket against the plan (dashed); drag or scroll to zoom the dates."""
    frames = []
    for column, title, kind in (
        ("response_rate", fact_title, "fact"),
        ("plan_response_rate", plan_title, "plan"),
    ):
        part = trend[["bucket", column]].rename(columns={column: "value"})
        part = part[_float(part["value"]).notna()].assign(series=title, kind=kind)
        frames.append(part)
    data = pd.concat(frames, ignore_index=True)
    data["bucket"] = pd.to_datetime(data["bucket"])
    data = _latest_buckets(data, MAX_MARKS)
    data["value"] = _float(data["value"])
    data["value_text"] = [_pct(v, lang) for v in data["value"]]
    data["bucket_text"] = [_bucket_text(b, grain, lang) for b in data["bucket"]]
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="time_zoom")
    pick = alt.selection_point(fields=["series"], bind="legend", name="series_pick")
    present = [
        (t, c) for t, c in ((fact_title, "#2E75B6"), (plan_title, PLAN_COLOR)) if t in set(data["series"])
    ]
    scale = alt.Scale(domain=[t for t, _ in present], range=[c for _, c in present])
    base = alt.Chart(data).encode(
        x=alt.X("bucket:T", title=None, axis=alt.Axis(format=TIME_FORMAT.get(grain, "%e %b"), labelOverlap="greedy", grid=False)),
        y=alt.Y("value:Q", title=fact_title, axis=alt.Axis(format=".0%", tickCount=5), scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", scale=scale, legend=alt.Legend(title=None, orient="top", symbolType="stroke")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
    )  # fmt: skip
    line = base.mark_line(strokeWidth=2.5).encode(
        strokeDash=alt.StrokeDash(
            "kind:N", scale=alt.Scale(domain=["fact", "plan"], range=[[1, 0], [6, 3]]), legend=None
        )
    )
    points = base.mark_circle(size=40).encode(tooltip=[
        alt.Tooltip("series:N", title=" "), alt.Tooltip("bucket_text:N", title=period_title or " "),
        alt.Tooltip("value_text:N", title=fact_title)])  # fmt: skip
    return _localized(alt.layer(line.add_params(zoom, pick), points).properties(height=HEIGHT), lang)


def marks(chart) -> int:
    """Data rows a chart sends to the browser (see ``smmkpi.charts.mark_rows``)."""
    return charts.mark_rows(chart)


def selection_values(event: Mapping | None, name: str, field: str) -> list:
    """The values of ``field`` picked in selection ``name`` of a Streamlit chart event (empty when none)."""
    picked = ((event or {}).get("selection") or {}).get(name) or []
    if isinstance(picked, Mapping):
        picked = [picked]
    return [item[field] for item in picked if isinstance(item, Mapping) and field in item]
