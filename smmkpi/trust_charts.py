"""Pure Altair builders of the Trust page: an account's series with its findings drawn on them.

Four panels share the time axis — followers, new followers and unfollows, reach, likes and comments per
post — and every finding is a band over its days (red: suspicious or impossible, grey-blue: a legitimate
cause, hatched look via lower opacity when explained); post findings also ring their posts. Nothing here
touches Streamlit or the database; "not reported" values are left out, never drawn as 0.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from smmkpi import charts, i18n

PANEL_HEIGHT = 150  # px of plot; the legend and the axis come on top (Streamlit fits the whole chart)
LEGEND_ROOM = 30
KIND_COLORS = {
    "impossible": "#8E1B1B",
    "suspicious": "#D64545",
    "legit_cause": "#5B7DB1",
    "explained": "#9AA5B1",
}
GAINED_COLOR = "#2E9E5B"
LOST_COLOR = "#D98C3F"
LIKES_COLOR = "#0077FF"
COMMENTS_COLOR = "#8E6FD8"
LINE_COLOR = "#34495E"


def band_rows(
    findings: pd.DataFrame, titles: Mapping[str, str], texts: Mapping[int, str], lang: str
) -> pd.DataFrame:
    """One row per finding: start, stop (the day after its last day), kind label, colour key, tooltip text."""
    columns = ["start", "stop", "legend", "color_key", "code", "title", "text", "days"]
    if findings.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    rows = []
    for row in findings.itertuples():
        key = "explained" if row.explained else row.kind
        start = pd.Timestamp(row.first_day)
        rows.append({
            "start": start, "stop": pd.Timestamp(row.last_day) + pd.Timedelta(days=1),
            "legend": titles[key], "color_key": key, "code": row.detector,
            "title": titles.get(f"{row.detector}:{row.kind}:{row.cause}", row.detector),
            "text": texts.get(int(row.finding_id), ""),
            "days": i18n.format_period(row.first_day, row.last_day, lang),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _x(domain: tuple[pd.Timestamp, pd.Timestamp], *, axis: bool) -> alt.X:
    return alt.X("date:T", title=None, scale=alt.Scale(domain=[domain[0].isoformat(), domain[1].isoformat()]),
                 axis=alt.Axis(format="%e %b", labelOverlap="greedy", grid=False, labels=axis, ticks=axis))  # fmt: skip


def _y(field: str, title: str, fmt: str, **scale) -> alt.Y:
    """A y axis of fixed width, so the panels' days line up under each other."""
    return alt.Y(field, title=title, scale=alt.Scale(**scale) if scale else alt.Undefined,
                 axis=alt.Axis(format=fmt, tickCount=4, minExtent=48, maxExtent=48, titleFontWeight="normal"))  # fmt: skip


def _bands(bands: pd.DataFrame, domain, titles: Mapping[str, str], *, legend: bool) -> alt.Chart:
    order = ["impossible", "suspicious", "legit_cause", "explained"]
    scale = alt.Scale(domain=[titles[k] for k in order], range=[KIND_COLORS[k] for k in order])
    return alt.Chart(bands).mark_rect(opacity=0.22).encode(
        x=alt.X("start:T", scale=alt.Scale(domain=[domain[0].isoformat(), domain[1].isoformat()]), title=None),
        x2="stop:T",
        color=alt.Color("legend:N", scale=scale,
                        legend=alt.Legend(title=None, orient="top", symbolType="square") if legend else None),
        tooltip=[alt.Tooltip("title:N", title=titles["tooltip_finding"]),
                 alt.Tooltip("days:N", title=titles["tooltip_days"]),
                 alt.Tooltip("text:N", title=" ")],
    )  # fmt: skip


def _labels(bands: pd.DataFrame) -> alt.Chart:
    """Detector codes over the bands that flag something ("D1 D2"), one label per first day."""
    flagged = bands[bands["color_key"].isin(["suspicious", "impossible"])]
    labels = flagged.groupby("start", as_index=False)["code"].agg(lambda codes: " ".join(sorted(set(codes))))
    return alt.Chart(labels).mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=11, fontWeight="bold",
                                       color="#8E1B1B").encode(x="start:T", y=alt.value(2), text="code:N")  # fmt: skip


def _daily(daily: pd.DataFrame, column: str, lang: str) -> pd.DataFrame:
    rows = daily[["date", column]].dropna().copy()
    rows["date"] = pd.to_datetime(rows["date"])
    rows["value_text"] = [i18n.format_number(v, lang, decimals=0) for v in rows[column]]
    rows["date_text"] = [i18n.format_date(d.date(), lang) for d in rows["date"]]
    return rows


def account_charts(daily: pd.DataFrame, posts: pd.DataFrame, findings: pd.DataFrame, *, date_from, date_to,
                   titles: Mapping[str, str], texts: Mapping[int, str], lang: str) -> list[alt.TopLevelMixin]:  # fmt: skip
    """Followers, new/lost, reach and per-post likes/comments of one account, findings as bands.

    Separate charts on one time axis (the same domain and a fixed y-axis width keep the days aligned), so
    each one can stretch to the page's width.
    """
    domain = (pd.Timestamp(date_from), pd.Timestamp(date_to) + pd.Timedelta(days=1))
    bands = band_rows(findings, titles, texts, lang)
    panels = []

    def panel(layer: alt.Chart, *, first: bool = False, legend: bool = False) -> alt.LayerChart:
        parts = [_bands(bands, domain, titles, legend=first), layer]
        if first:
            parts.append(_labels(bands))
        # the bands' colours (kinds) and the series' colours (new/lost, likes/comments) are separate scales
        height = PANEL_HEIGHT + 30 + LEGEND_ROOM * (int(first) + int(legend))
        chart = alt.layer(*parts).resolve_scale(color="independent").properties(height=height)
        return chart.configure(locale=charts.vega_locale(lang)).configure_view(strokeWidth=0)

    date_tip = alt.Tooltip("date_text:N", title=titles["tooltip_date"])
    if "followers" in daily and daily["followers"].notna().any():
        rows = _daily(daily, "followers", lang)
        line = alt.Chart(rows).mark_line(color=LINE_COLOR, strokeWidth=2).encode(
            x=_x(domain, axis=True),
            y=_y("followers:Q", titles["followers"], ",~s", zero=False),
            tooltip=[date_tip, alt.Tooltip("value_text:N", title=titles["followers"])],
        )  # fmt: skip
        panels.append(panel(line, first=True))
    flows = []
    for column, sign, key in (("followers_gained", 1, "gained"), ("followers_lost", -1, "lost")):
        if column in daily and daily[column].notna().any():
            rows = _daily(daily, column, lang).rename(columns={column: "value"})
            rows["value"] = sign * rows["value"]
            rows["series"] = titles[key]
            flows.append(rows)
    if flows:
        rows = pd.concat(flows, ignore_index=True)
        bars = alt.Chart(rows).mark_bar(width={"band": 0.9}).encode(
            x=_x(domain, axis=True),
            y=_y("value:Q", titles["flows"], ",~s"),
            color=alt.Color("series:N", scale=alt.Scale(domain=[titles["gained"], titles["lost"]],
                                                         range=[GAINED_COLOR, LOST_COLOR]),
                            legend=alt.Legend(title=None, orient="top", direction="horizontal")),
            tooltip=[date_tip, alt.Tooltip("series:N", title=" "), alt.Tooltip("value_text:N", title=titles["flows"])],
        )  # fmt: skip
        panels.append(panel(bars, first=not panels, legend=True))
    if "reach" in daily and daily["reach"].notna().any():
        rows = _daily(daily, "reach", lang)
        line = alt.Chart(rows).mark_line(color=charts.network_color("vk"), strokeWidth=1.8).encode(
            x=_x(domain, axis=True),
            y=_y("reach:Q", titles["reach"], ",~s"),
            tooltip=[date_tip, alt.Tooltip("value_text:N", title=titles["reach"])],
        )  # fmt: skip
        panels.append(panel(line, first=not panels))
    if not posts.empty:
        panels.append(
            panel(_post_points(posts, findings, domain, titles, lang), first=not panels, legend=True)
        )
    return panels


def _post_points(posts: pd.DataFrame, findings: pd.DataFrame, domain, titles, lang: str) -> alt.LayerChart:
    flagged: set[str] = set()
    for row in findings.itertuples():
        if row.kind in ("suspicious", "impossible") and not row.explained:
            evidence = row.evidence or {}
            flagged.update(str(p) for p in evidence.get("post_ids", []))
            if evidence.get("post_id"):
                flagged.add(str(evidence["post_id"]))
    parts = []
    for column, key in (("likes", "likes"), ("comments", "comments")):
        if column not in posts or posts[column].notna().sum() == 0:
            continue
        rows = posts[["post_id", "date", column]].dropna(subset=[column]).rename(columns={column: "value"})
        rows["date"] = pd.to_datetime(rows["date"])
        rows["series"] = titles[key]
        rows["flagged"] = rows["post_id"].astype(str).isin(flagged)
        rows["value_text"] = [i18n.format_number(v, lang, decimals=0) for v in rows["value"]]
        rows["date_text"] = [i18n.format_date(d.date(), lang) for d in rows["date"]]
        parts.append(rows)
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        {"post_id": [], "date": [], "value": [], "series": [], "flagged": [], "value_text": [], "date_text": []}
    )  # fmt: skip
    base = alt.Chart(rows).encode(
        x=_x(domain, axis=True),
        y=_y("value:Q", titles["per_post"], ",~s", type="symlog"),
        tooltip=[alt.Tooltip("date_text:N", title=titles["tooltip_date"]), alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("value_text:N", title=titles["per_post"]), alt.Tooltip("post_id:N", title=titles["post"])],
    )  # fmt: skip
    points = base.mark_circle(size=28, opacity=0.75).encode(
        color=alt.Color("series:N", scale=alt.Scale(domain=[titles["likes"], titles["comments"]],
                                                     range=[LIKES_COLOR, COMMENTS_COLOR]),
                        legend=alt.Legend(title=None, orient="top", direction="horizontal")),
    )  # fmt: skip
    rings = base.transform_filter(alt.datum.flagged).mark_point(
        size=220, shape="circle", filled=False, strokeWidth=2.5, color=KIND_COLORS["suspicious"]
    )
    return alt.layer(points, rings)
