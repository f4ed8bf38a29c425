"""Pure DataFrame -> altair.Chart builders for the pages (no Streamlit, no database, no KPI math).

Every builder takes values the KPI engine already computed and only decides how they look:
- "not reported" (NaN/None) is never drawn as 0: such points are dropped from lines and such bars are
  left out (a "—" marks the category instead);
- numbers in tooltips and labels are formatted on the Python side with the app's locale rules, and the
  chart carries a Vega locale so axis numbers and month names follow the UI language;
- a chart never ships more than ``MAX_MARKS`` data rows to the browser (see streamlit-scale.md §8).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from smmkpi import i18n, metrics

MAX_MARKS = 5_000
CHART_HEIGHT = 320
ROW_HEIGHT = 30
BAR_STEP = 40  # px per network bar (a band of the y scale), whatever the number of networks

# Brand-like colours so a network keeps its colour on every chart; hues that would be confused
# (VK and Telegram are both blue) are pushed apart.
NETWORK_COLORS: dict[str, str] = {
    "vk": "#0077FF",
    "ok": "#F7931E",
    "facebook": "#3B5998",
    "instagram": "#D62976",
    "x": "#333333",
    "telegram": "#14A39A",
    "youtube": "#E62117",
    "yandex_direct": "#FFCC00",
    "google_ads": "#34A853",
    "display": "#8E6FD8",
    "seo": "#7F8C8D",
    "direct": "#A0522D",
    "email": "#5D6D7E",
    "other": "#B0B7BF",
}
FALLBACK_COLOR = "#9AA5B1"

ATTAINMENT_GOOD = 1.0  # at or above plan
ATTAINMENT_WARN = 0.8  # below this the bar turns red
ATTAINMENT_COLORS = {"good": "#2E9E5B", "warn": "#E0A100", "bad": "#D64545"}
ATTAINMENT_AXIS_MAX = 1.5  # bars longer than 150 % are clipped; the label still says the real value

# Axis date formats per grain (d3 time format, names come from `vega_locale`).
_TIME_AXIS_FORMAT = {"day": "%e %b", "week": "%e %b", "month": "%b %Y"}


def _names(key: str, lang: str) -> list[str]:
    """A comma-separated catalog list ("янв, фев, …") as a list."""
    return [name.strip() for name in i18n.t(key, lang).split(",")]


def vega_locale(lang: str) -> dict:
    """The Vega-Lite ``config.locale`` for a UI language (number separators, month and day names).

    Separators come from Babel, as for the app's own numbers; formats and names from the catalogs.
    """
    lang = i18n.normalize_language(lang)
    babel_locale = Locale.parse(lang)
    money_prefix, money_suffix = i18n.t("chart.money_format", lang).split("{amount}")
    return {
        "number": {
            "decimal": get_decimal_symbol(babel_locale),
            "thousands": get_group_symbol(babel_locale),
            "grouping": [3],
            "currency": [money_prefix, money_suffix],
        },
        "time": {
            "dateTime": i18n.t("chart.date_time_format", lang),
            "date": i18n.t("chart.date_format", lang),
            "time": i18n.t("chart.time_format", lang),
            "periods": _names("chart.am_pm", lang),
            "days": _names("chart.days", lang),
            "shortDays": _names("chart.short_days", lang),
            "months": _names("chart.months", lang),
            "shortMonths": _names("chart.short_months", lang),
        },
    }


def network_color(network: str) -> str:
    return NETWORK_COLORS.get(network, FALLBACK_COLOR)


def channel_label(channel: str, lang: str) -> str:
    """On-screen name of a network or channel ("ВКонтакте", "Yandex Direct")."""
    return i18n.t(f"channel.{channel}", lang)


def specialist_labels(keys: Sequence[str]) -> dict[str, str]:
    """On-screen names of specialists, who are stored by e-mail or name as imported.

    An e-mail whose local part is a person's name ("irina.volkova@agency.ru") shows as that name
    ("Irina Volkova"): the filter's narrow box cut the e-mail off. Other keys show as they are, and a name
    two keys share keeps its e-mail so both stay distinguishable.
    """
    import re

    def name(key: str) -> str:
        local, at, _ = key.partition("@")
        parts = [p for p in re.split(r"[._\-+]+", local) if p]
        if not at or len(parts) < 2 or not all(p.isalpha() for p in parts):
            return key
        return " ".join(p.capitalize() for p in parts)

    names = {key: name(key) for key in keys}
    counts: dict[str, int] = {}
    for shown in names.values():
        counts[shown] = counts.get(shown, 0) + 1
    return {key: shown if counts[shown] == 1 else key for key, shown in names.items()}


def _axis_format(metric_key: str) -> str:
    unit = metrics.METRICS[metric_key].unit if metric_key in metrics.METRICS else "count"
    return ".0%" if unit == "ratio" else ",~s" if unit == "money" else ",~r"


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or i18n.is_missing(value)


def _bucket_text(bucket: pd.Timestamp, grain: str, lang: str) -> str:
    if grain == "month":
        return i18n.format_month(bucket.date(), lang)
    text = i18n.format_date(bucket.date(), lang)
    if grain == "week":
        return i18n.t("chart.week_of", lang, date=text)
    return text


def _localized(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    return chart.configure(locale=vega_locale(lang)).configure_view(strokeWidth=0)


TOTAL = "_total"  # the network key of the trend chart's "all networks" line
TOTAL_COLOR = "#555555"
# Trend KPIs whose per-network values add up to a total (er_reach is a ratio: no total line for it).
SUMMABLE_TREND_KEYS = frozenset({"followers_end", "followers_gained", "followers_lost", "reach", "views", "posts",
                                 "engagements", "link_clicks", "messages_in", "sessions", "leads", "orders",
                                 "revenue", "cost"})  # fmt: skip


def bucket_end(bucket: pd.Timestamp, grain: str) -> pd.Timestamp:
    """The last day of the bucket starting on ``bucket`` (a day, an ISO week from Monday, a month)."""
    if grain == "week":
        return bucket + pd.Timedelta(days=6)
    if grain == "month":
        return bucket + pd.offsets.MonthEnd(0)
    return bucket


def _partial_note(bucket: pd.Timestamp, grain: str, start, end, lang: str) -> str:
    """ "" for a bucket inside the period, else "incomplete period: 12–15 Mar (4 of 7 days)"."""
    if grain == "day" or start is None or end is None:
        return ""
    last = bucket_end(bucket, grain)
    first_in, last_in = max(bucket, pd.Timestamp(start)), min(last, pd.Timestamp(end))
    if first_in == bucket and last_in == last:
        return ""
    return i18n.t("chart.partial_bucket", lang,
                  period=i18n.format_period(first_in.date(), last_in.date(), lang),
                  days=(last_in - first_in).days + 1, total=(last - bucket).days + 1)  # fmt: skip


def _with_total(rows: pd.DataFrame) -> pd.DataFrame:
    """Add a "total" row per bucket: the sum of the networks that reported it (KPI.md null rule)."""
    total = rows.groupby("bucket", as_index=False)["value"].sum(min_count=1).assign(network=TOTAL)
    return pd.concat([rows, total[["bucket", "network", "value"]]], ignore_index=True)


def trend_points(trend: pd.DataFrame, metric_key: str, lang: str, grain: str, currency: str = "RUB",
                 max_marks: int = MAX_MARKS, *, period_start=None, period_end=None,
                 total_title: str | None = None) -> pd.DataFrame:  # fmt: skip
    """The rows a trend chart draws: one per bucket and network with a reported value (NaN rows dropped).

    When there are more than ``max_marks`` rows, only the most recent buckets are kept. With the period's
    bounds, a week or month bucket that sticks out of the period is flagged ``partial`` (its sum covers
    fewer days) and ``note`` says which days it holds. With ``total_title`` and several networks, a summable
    KPI gets a total row per bucket (network ``TOTAL``).
    """
    columns = ["bucket", "network", "series", "value", "value_text", "bucket_text", "partial", "note"]
    if trend.empty or metric_key not in trend:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    rows = trend[["bucket", "network", metric_key]].rename(columns={metric_key: "value"})
    rows = rows[pd.to_numeric(rows["value"], errors="coerce").notna()].copy()
    rows["value"] = rows["value"].astype("float64")
    rows["bucket"] = pd.to_datetime(rows["bucket"])
    if total_title and metric_key in SUMMABLE_TREND_KEYS and rows["network"].nunique() > 1:
        rows = _with_total(rows)
    if len(rows) > max_marks:
        buckets = sorted(rows["bucket"].unique())
        per_bucket = max(1, math.ceil(len(rows) / len(buckets)))
        keep = buckets[-max(1, max_marks // per_bucket) :]
        rows = rows[rows["bucket"].isin(keep)]
        while len(rows) > max_marks:  # uneven buckets: drop the oldest until it fits
            rows = rows[rows["bucket"] > rows["bucket"].min()]
    rows["series"] = [total_title if n == TOTAL else channel_label(n, lang) for n in rows["network"]]
    rows["value_text"] = [metrics.format_metric(metric_key, v, lang, currency) for v in rows["value"]]
    rows["bucket_text"] = [_bucket_text(pd.Timestamp(b), grain, lang) for b in rows["bucket"]]
    rows["note"] = [
        _partial_note(pd.Timestamp(b), grain, period_start, period_end, lang) for b in rows["bucket"]
    ]
    rows["partial"] = rows["note"] != ""
    return rows[columns].reset_index(drop=True)


def _color_scale(networks: Sequence[str], lang: str, total_title: str | None = None) -> alt.Scale:
    ordered = list(dict.fromkeys(networks))
    return alt.Scale(
        domain=[total_title if n == TOTAL else channel_label(n, lang) for n in ordered],
        range=[TOTAL_COLOR if n == TOTAL else network_color(n) for n in ordered],
    )


def _time_axis(rows: pd.DataFrame, grain: str) -> alt.Axis:
    """Ticks on the buckets themselves for weeks and months (Vega's own ticks fall every few days, and a
    monthly axis repeated month names); days keep Vega's ticks, thinned so labels never overlap."""
    fmt = _TIME_AXIS_FORMAT.get(grain, "%e %b")
    if grain in ("week", "month") and not rows.empty:
        buckets = sorted(pd.to_datetime(rows["bucket"]).unique())
        values = [alt.DateTime(year=b.year, month=b.month, date=b.day) for b in map(pd.Timestamp, buckets)]
        return alt.Axis(format=fmt, values=values, labelOverlap="greedy", grid=False)
    return alt.Axis(format=fmt, labelOverlap="greedy", grid=False)


def trend_chart(trend: pd.DataFrame, metric_key: str, label: str, lang: str, grain: str,
                currency: str = "RUB", *, network_title: str = "", period_title: str = "",
                height: int = CHART_HEIGHT, period_start=None, period_end=None,
                total_title: str | None = None) -> alt.TopLevelMixin:  # fmt: skip
    """One line per network over time: click a legend entry to highlight it, drag/scroll to zoom the dates.

    A week or month that the period covers only in part is drawn as a hollow point with "incomplete
    period" in its tooltip (its sum covers fewer days: not a collapse). With ``total_title`` and several
    networks, a grey dashed line shows the total of a summable KPI.
    """
    rows = trend_points(trend, metric_key, lang, grain, currency, period_start=period_start,
                        period_end=period_end, total_title=total_title)  # fmt: skip
    networks = list(rows["network"].drop_duplicates())  # only networks with a line get a legend entry
    networks = [n for n in networks if n != TOTAL] + [n for n in networks if n == TOTAL]
    highlight = alt.selection_point(fields=["series"], bind="legend", name="network_pick")
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="time_zoom")
    base = alt.Chart(rows).encode(
        # a little room at both ends, so the first and last tick labels are not cut off at the edges
        x=alt.X("bucket:T", title=None, axis=_time_axis(rows, grain), scale=alt.Scale(padding=24)),
        y=alt.Y("value:Q", title=label, axis=alt.Axis(format=_axis_format(metric_key), tickCount=5)),
        color=alt.Color("series:N", scale=_color_scale(networks, lang, total_title),
                        legend=alt.Legend(title=None, orient="top", symbolType="stroke")),
        opacity=alt.condition(highlight, alt.value(1.0), alt.value(0.15)),
    )  # fmt: skip
    tooltip = [
        alt.Tooltip("series:N", title=network_title or " "),
        alt.Tooltip("bucket_text:N", title=period_title or " "),
        alt.Tooltip("value_text:N", title=label),
    ]
    line = base.mark_line(strokeWidth=2.5, interpolate="linear").encode(
        strokeDash=alt.condition(f"datum.network == '{TOTAL}'", alt.value([6, 4]), alt.value([1, 0]))
    )
    points = base.transform_filter("!datum.partial").mark_circle(size=45).encode(tooltip=tooltip)
    partial = base.transform_filter("datum.partial").mark_point(size=70, filled=False, strokeWidth=2, fill="white").encode(
        tooltip=[*tooltip, alt.Tooltip("note:N", title=" ")]
    )  # fmt: skip
    chart = alt.layer(line.add_params(highlight, zoom), points, partial).properties(height=height)
    return _localized(chart, lang)


def network_rows(by_network: Mapping[str, Mapping], metric_key: str, lang: str,
                 currency: str = "RUB") -> pd.DataFrame:  # fmt: skip
    """network, label, value (NaN = not reported), value_text, color — ordered by value, missing last."""
    rows = []
    for network, values in by_network.items():
        value = values.get(metric_key)
        missing = _is_missing(value)
        rows.append({
            "network": network,
            "label": channel_label(network, lang),
            "value": math.nan if missing else float(value),
            "value_text": metrics.format_metric(metric_key, None if missing else value, lang, currency),
            "color": network_color(network),
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=["network", "label", "value", "value_text", "color"])
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)


def value_labels(rows: pd.DataFrame, y) -> tuple[alt.Chart, alt.Chart]:
    """Labels beside horizontal bars of ``value``: its ``value_text`` at the bar's end, and "—" (the same
    text column) at the axis for rows whose value is not reported, which have no bar."""
    text = (
        alt.Chart(rows)
        .transform_filter("isValid(datum.value)")
        .mark_text(align="left", dx=4, fontSize=12)
        .encode(x="value:Q", y=y, text="value_text:N")
    )
    missing = (
        alt.Chart(rows)
        .transform_filter("!isValid(datum.value)")
        .mark_text(align="left", dx=4, fontSize=12, color="#888888")
        .encode(x=alt.value(0), y=y, text="value_text:N")
    )
    return text, missing


def network_bar_chart(by_network: Mapping[str, Mapping], metric_key: str, label: str, lang: str,
                      currency: str = "RUB") -> alt.TopLevelMixin:  # fmt: skip
    """Horizontal bars, one per network, with the formatted value at the end of each bar."""
    rows = network_rows(by_network, metric_key, lang, currency)
    order = list(rows["label"])
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=180, ticks=False, domain=False))
    reported = alt.Chart(rows).transform_filter("isValid(datum.value)")
    bars = reported.mark_bar(cornerRadiusEnd=3, height={"band": 0.7}).encode(
        x=alt.X("value:Q", title=label, axis=alt.Axis(format=_axis_format(metric_key), tickCount=5),
                scale=alt.Scale(nice=True)),
        y=y,
        color=alt.Color("color:N", scale=None, legend=None),
        tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("value_text:N", title=label)],
    )  # fmt: skip
    text, missing = value_labels(rows, y)
    # a fixed step per bar: a fixed total height squeezed two networks' labels into ~30 px each
    chart = alt.layer(bars, text, missing).properties(height=alt.Step(BAR_STEP))
    return _localized(chart, lang)


def attainment_status(value) -> str | None:
    """Status: "good" (≥ 100 % of plan), "warn" (80–100 %), "bad" (< 80 %), None when not computable."""
    if _is_missing(value):
        return None
    return "good" if value >= ATTAINMENT_GOOD else "warn" if value >= ATTAINMENT_WARN else "bad"


def attainment_chart(rows: pd.DataFrame, lang: str, *, headers: Sequence[str]) -> alt.TopLevelMixin:
    """Plan vs fact as a small table with a coloured attainment bar per KPI.

    ``rows``: label, plan_text, fact_text, attainment (fraction; NaN = fact not reported).
    ``headers``: the four column titles (KPI, plan, fact, attainment) in the UI language.
    """
    data = rows[["label", "plan_text", "fact_text", "attainment"]].copy()
    data["attainment"] = pd.to_numeric(data["attainment"], errors="coerce").astype("float64")
    data["status"] = [attainment_status(v) for v in data["attainment"]]
    data["bar"] = data["attainment"].clip(upper=ATTAINMENT_AXIS_MAX)
    data["attainment_text"] = [i18n.format_percent(v, lang, decimals=0) for v in data["attainment"]]
    order = list(data["label"])
    height = ROW_HEIGHT * len(data)
    y = alt.Y("label:N", sort=order, axis=None)

    def text_column(field: str, title: str, width: int, align: str = "left", bold: bool = False):
        return alt.Chart(data, title=alt.TitleParams(title, anchor="start" if align == "left" else "end",
                                                     fontSize=12, color="#666666")).mark_text(
            align=align, baseline="middle", fontSize=13, fontWeight="bold" if bold else "normal",
            limit=width - 8,
        ).encode(y=y, text=f"{field}:N", x=alt.value(0 if align == "left" else width)).properties(
            width=width, height=height
        )  # fmt: skip

    colors = alt.Scale(domain=list(ATTAINMENT_COLORS), range=list(ATTAINMENT_COLORS.values()))
    scale = alt.Scale(domain=[0, ATTAINMENT_AXIS_MAX])
    reported = alt.Chart(data).transform_filter("isValid(datum.attainment)")
    bar = reported.mark_bar(height={"band": 0.6}, cornerRadiusEnd=3).encode(
        x=alt.X("bar:Q", scale=scale, axis=None),
        y=y,
        color=alt.Color("status:N", scale=colors, legend=None),
        tooltip=[
            alt.Tooltip("label:N", title=headers[0]),
            alt.Tooltip("attainment_text:N", title=headers[3]),
        ],
    )
    plan_line = (
        alt.Chart(pd.DataFrame({"x": [ATTAINMENT_GOOD]}))
        .mark_rule(color="#444444", strokeDash=[3, 3])
        .encode(x=alt.X("x:Q", scale=scale))
    )
    label = reported.mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("bar:Q", scale=scale), y=y, text="attainment_text:N"
    )
    missing = (
        alt.Chart(data)
        .transform_filter("!isValid(datum.attainment)")
        .mark_text(align="left", fontSize=12, color="#888888")
        .encode(x=alt.value(0), y=y, text="attainment_text:N")
    )
    bars = alt.layer(bar, plan_line, label, missing, title=alt.TitleParams(
        headers[3], anchor="start", fontSize=12, color="#666666")).properties(width=300, height=height)  # fmt: skip
    chart = alt.hconcat(
        text_column("label", headers[0], 260, bold=True),
        text_column("plan_text", headers[1], 120, align="right"),
        text_column("fact_text", headers[2], 120, align="right"),
        bars,
        spacing=16,
    )
    return _localized(chart, lang)


def mark_rows(chart: alt.TopLevelMixin) -> int:
    """Data rows a chart sends to the browser (sum over its inline data sets); used by tests and guards."""
    spec = chart.to_dict(validate=False)
    return sum(len(values) for values in spec.get("datasets", {}).values())
