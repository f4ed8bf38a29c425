"""Analysis pages (issue 5): Funnel, Money, Content and Communication.

Cached views (one KpiData load per page and filter state), charts with a CSV beside them, focus pickers that a
click on a chart also sets, empty states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from db import analysis_repo, repo
from db.session import session_scope
from smmkpi import (
    analysis_charts,
    charts,
    communication,
    content,
    funnel,
    i18n,
    kpi,
    metrics,
    money,
    query,
)
from smmkpi.ui.core import (
    CACHE_ENTRIES,
    CACHE_TTL_S,
    CARD_HEIGHT,
    CARD_WIDTH,
    PageContext,
    Selection,
    _keep_valid,
    _local_time,
    _right_aligned,
    _view_data,
    clear_data_caches,
    csv_button,
    data_version,
    effective_grain,
    get_engine,
    kpi_card,
    page_link,
    report,
)

__all__ = [
    "ANALYSIS_GRAIN_CAP", "ANALYSIS_NOW_KEY", "COMMUNICATION_CARDS", "CONTENT_CARDS", "GOAL_EDITOR_FLASH",
    "MONEY_CARDS", "POST_TABLE", "UNANSWERED_LIMIT", "analysis_chart", "analysis_chart_spec",
    "analysis_empty", "analysis_report", "cards", "communication_breakdown", "communication_extra_cards",
    "communication_overdue", "communication_stats_columns", "communication_trend", "communication_view",
    "content_heatmap", "content_mix", "content_plan", "content_posts_table", "content_promotion",
    "content_rankings", "content_view", "funnel_focus", "funnel_goal_editor",
    "funnel_goal_types", "funnel_leak", "funnel_networks", "funnel_notes", "funnel_section",
    "funnel_table", "money_channels", "money_costs", "money_grain", "money_trend", "money_verdict",
    "money_view", "selection_slug", "unanswered",
]  # fmt: skip

# No daily buckets: a plan per day means little, and a day has too few leads and sales for a price to mean
# anything (one production invoice makes a daily CPL jump tenfold).
ANALYSIS_GRAIN_CAP = {"content": "week", "communication": "week", "money": "week"}
UNANSWERED_LIMIT = 200
ANALYSIS_NOW_KEY = "analysis_now"  # session: tests put a fixed UTC moment here; the app uses the clock


def analysis_chart_spec(builder: str, *args, **kwargs) -> dict:
    return _analysis_spec(builder, *args, **kwargs)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _analysis_spec(builder: str, *args, **kwargs) -> dict:
    return getattr(analysis_charts, builder)(*args, **kwargs).to_dict()


def analysis_chart(spec: dict, *, key: str | None = None, on_select=None, width: str = "stretch"):
    """A chart; with ``on_select`` a click on it calls back (the chart's state lives under ``key``)."""
    if on_select is None:
        return st.vega_lite_chart(spec, width=width, key=key)
    return st.vega_lite_chart(spec, width=width, key=key, on_select=on_select)


def analysis_empty(ctx: PageContext, page: str) -> None:
    """The empty state of an analysis page: what is missing and where to get it (Import / Connections)."""
    lang = ctx.lang
    st.info(i18n.t(f"{page}.empty", lang), icon=":material/inventory_2:")
    st.markdown(i18n.t(f"{page}.empty_files", lang))
    left, right = st.columns(2, width=620)
    with left:
        page_link("pages/import_data.py", i18n.t("analysis.go_import", lang), ":material/upload_file:")
    with right:
        if (Path(__file__).resolve().parents[2] / "pages" / "connections.py").exists():
            page_link("pages/connections.py", i18n.t("analysis.go_connect", lang), ":material/link:")


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _analysis_report(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date,
                     date_to: dt.date, network: str | None, version: int) -> dict:  # fmt: skip
    """kpi_report from the page's shared KpiData; ``network`` narrows it like a network filter would
    (the accounts of that network, its plan rows, no other channels) without loading the data again."""
    _, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    if network is not None:
        data = replace(
            data.with_accounts(data.accounts[data.accounts["network"] == network]), networks=(network,)
        )
    return kpi.compute_report(data, kpi.Period(date_from, date_to))


def analysis_report(ctx: PageContext, selection: Selection, network: str | None = None) -> dict:
    """The KPI.md §5 report of the selection (or of one of its networks) for the analysis pages."""
    if selection.date_to < selection.date_from:
        return report(ctx, selection)  # the shared path explains a reversed period
    return _view(_analysis_report, ctx, selection, network)


def _capped(page: str, grain: str) -> str:
    cap = ANALYSIS_GRAIN_CAP.get(page)
    return cap if cap and kpi.GRAINS.index(grain) < kpi.GRAINS.index(cap) else grain


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _money_view(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
                grain: str, version: int) -> dict:  # fmt: skip
    period = kpi.Period(date_from, date_to)
    _, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    return {
        "costs": money.cost_breakdown(data, period),
        "trend": money.money_trend(kpi.trend(data, period, grain)),
    }


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _content_view(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
                  grain: str, version: int) -> dict:  # fmt: skip
    period = kpi.Period(date_from, date_to)
    workspace, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    with session_scope(get_engine(database_url)) as session:
        posts = analysis_repo.load_post_details(
            session, workspace_id=workspace.id, account_ids=[int(a) for a in data.accounts["account_id"]],
            date_from=date_from, date_to=date_to, timezone=workspace.timezone,
        )  # fmt: skip
    posts = content.prepare_posts(kpi.Scope.build(data, period).account_rows(posts), workspace.timezone)
    plan = content.plan_by_bucket(data, period, grain, ("posts",))
    return {"posts": posts, "per_bucket": content.posts_vs_plan(kpi.trend(data, period, grain), plan)}


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _communication_view(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date,
                        date_to: dt.date, grain: str, version: int) -> dict:  # fmt: skip
    period = kpi.Period(date_from, date_to)
    workspace, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    with session_scope(get_engine(database_url)) as session:
        assignments = repo.list_assignments(session, workspace_id=workspace.id)
    interactions = communication.with_specialists(
        communication.scoped_interactions(data, period), assignments
    )
    return {"interactions": interactions, "trend": communication.response_trend(data, period, grain)}


@st.cache_data(ttl=60, max_entries=CACHE_ENTRIES, show_spinner=False)
def _unanswered(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
                hours: float, now: dt.datetime, version: int) -> tuple[pd.DataFrame, int]:  # fmt: skip
    period = kpi.Period(date_from, date_to)
    workspace, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    with session_scope(get_engine(database_url)) as session:
        rows, total = analysis_repo.load_unanswered(
            session, workspace_id=workspace.id, account_ids=[int(a) for a in data.accounts["account_id"]],
            date_from=date_from, date_to=date_to, timezone=workspace.timezone,
            received_before=now - dt.timedelta(hours=hours), limit=UNANSWERED_LIMIT,
        )  # fmt: skip
    if data.specialist_scope:  # only the days the specialist had these accounts
        scoped = kpi.Scope.build(data, period).account_rows(rows)
        total = len(scoped) if len(rows) < UNANSWERED_LIMIT else total
        rows = scoped
    return communication.overdue(rows, now=now, older_than_hours=hours), total


def _view(loader, ctx: PageContext, selection: Selection, *extra):
    try:
        return loader(ctx.database_url, ctx.workspace.name, selection.filters_key, selection.date_from,
                      selection.date_to, *extra, data_version(ctx))  # fmt: skip
    except query.ScopeError as error:
        st.warning(i18n.t("ui.scope_error", ctx.lang, error=error), icon=":material/filter_alt_off:")
        st.stop()


def money_grain(selection: Selection, result: dict) -> str:
    """Weeks at least (see ANALYSIS_GRAIN_CAP), coarser when a chart would have too many points."""
    return effective_grain(
        replace(selection, grain=_capped("money", selection.grain)), len(result["by_network"]) + 1
    )


def money_view(ctx: PageContext, selection: Selection, result: dict) -> dict:
    return _view(_money_view, ctx, selection, money_grain(selection, result))


def content_view(ctx: PageContext, selection: Selection) -> dict:
    return _view(_content_view, ctx, selection, _capped("content", selection.grain))


def communication_view(ctx: PageContext, selection: Selection) -> dict:
    return _view(_communication_view, ctx, selection, _capped("communication", selection.grain))


def unanswered(ctx: PageContext, selection: Selection, hours: float) -> tuple[pd.DataFrame, int]:
    """Unanswered items older than ``hours``; "now" is the clock, or ``ANALYSIS_NOW_KEY`` in tests."""
    now = st.session_state.get(ANALYSIS_NOW_KEY) or dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    return _view(_unanswered, ctx, selection, float(hours), now)


def cards(ctx: PageContext, result: dict, keys: Sequence[str]) -> None:
    """KPI cards (value, Δ, formula, plan line) for ``keys``, as on the Overview."""
    with st.container(horizontal=True, wrap=True, gap="small"):
        for key in keys:
            with st.container(border=True, width=CARD_WIDTH, height=CARD_HEIGHT, gap="xsmall"):
                kpi_card(ctx, result, key)


def _text_table(frame: pd.DataFrame) -> None:
    st.dataframe(
        frame.astype(str), hide_index=True, width="stretch", column_config=_right_aligned(frame.columns[1:])
    )


def _pick_from_chart(chart_key: str, param: str, field: str, state_key: str, options: Sequence) -> None:
    """Chart click → the focus picker's state (a double click clears the chart's selection → "all")."""
    picked = analysis_charts.selection_values(st.session_state.get(chart_key), param, field)
    st.session_state[state_key] = picked[0] if picked and picked[0] in options else None


# --- Funnel


def funnel_focus(ctx: PageContext, report: dict) -> tuple[str | None, str | None]:
    """The network and goal type the funnel focuses on: pills, also set by a click on the charts below."""
    lang = ctx.lang
    networks = list(report["by_network"])
    types = [
        t for t in funnel.FUNNEL_GOAL_TYPES if not i18n.is_missing(report["total"].get(f"goal_reaches.{t}"))
    ]
    _keep_valid("funnel_network", networks)
    _keep_valid("funnel_goal", types)
    left, right = st.columns([1, 1.3])
    network = left.pills(i18n.t("funnel.focus_network", lang), networks, key="funnel_network",
                         format_func=lambda n: charts.channel_label(n, lang), help=i18n.t("funnel.focus_help", lang))  # fmt: skip
    goal_type = right.pills(i18n.t("funnel.focus_goal", lang), types, key="funnel_goal",
                            format_func=lambda g: i18n.t(f"funnel.goal_{g}", lang), help=i18n.t("funnel.goal_help", lang))  # fmt: skip
    return network, goal_type


def _step_labels(lang: str, goal_type: str | None) -> dict[str, str]:
    labels = {step: i18n.t(f"funnel.step_{step}", lang) for step in funnel.STEPS}
    if goal_type is not None:
        labels[funnel.GOAL_STEP] = i18n.t(f"funnel.goal_{goal_type}", lang)
    return labels


def _conversion_labels(lang: str) -> dict[str, str]:
    return {key: i18n.t(f"funnel.conv_{key}", lang) for key in (*funnel.CONVERSIONS.values(), "goal_rate")}


def _step_value(kpi_key: str, value, lang: str, currency: str) -> str:
    return metrics.format_metric(kpi_key, None if i18n.is_missing(value) else value, lang, currency)


def funnel_section(ctx: PageContext, result: dict, goal_type: str | None, network: str | None) -> None:
    """The funnel chart, the leak summary, and the step table with previous period and plan."""
    lang, currency = ctx.lang, result["currency"]
    steps = funnel.report_funnel(result, goal_type)
    scope = charts.channel_label(network, lang) if network else i18n.t("analysis.all_networks", lang)
    st.subheader(i18n.t("funnel.chart_title", lang, scope=scope))
    left, right = st.columns([3, 2], gap="large")
    titles = {k: i18n.t(f"funnel.col_{k}", lang) for k in ("step", "value", "previous", "plan", "conversion",
                                                            "conversion_previous", "conversion_plan")}  # fmt: skip
    with left:
        spec = analysis_chart_spec("funnel_chart", steps, _step_labels(lang, goal_type), lang, currency,
                                   conversion_labels=_conversion_labels(lang), titles=titles)  # fmt: skip
        analysis_chart(spec, key="funnel_chart")
        st.caption(i18n.t("funnel.chart_hint", lang))
    with right:
        funnel_leak(ctx, steps, goal_type)
        revenue = steps.loc[steps["step"] == "revenue"].iloc[0]
        change = revenue["change"]
        st.metric(i18n.t("funnel.step_revenue", lang), _step_value("revenue", revenue["value"], lang, currency),
                  None if i18n.is_missing(change) else i18n.format_delta(change, lang).replace(i18n.MINUS, "-"),
                  help=metrics.help_text("revenue", lang))  # fmt: skip
    table = funnel_table(steps, lang, currency, goal_type)
    _text_table(table)
    csv_button(steps.assign(step=[_step_labels(lang, goal_type)[s] for s in steps["step"]]), {
        "step": titles["step"], "value": titles["value"], "previous": titles["previous"], "plan": titles["plan"],
        "conversion": titles["conversion"], "conversion_previous": titles["conversion_previous"],
        "conversion_plan": titles["conversion_plan"]}, lang, f"funnel-{selection_slug(result)}", "funnel_csv_steps")  # fmt: skip
    funnel_notes(ctx, result)


def selection_slug(result: dict) -> str:
    return f"{result['period']['from']}-{result['period']['to']}"


def funnel_table(steps: pd.DataFrame, lang: str, currency: str, goal_type: str | None) -> pd.DataFrame:
    """The steps as formatted text: value, Δ, plan; conversion from the previous step, its Δ and plan."""
    labels, conv_labels = _step_labels(lang, goal_type), _conversion_labels(lang)
    rows = []
    for row in steps.itertuples():
        has_conv = row.conversion_key is not None and row.conversion_key == row.conversion_key
        conv_fmt = (lambda v: i18n.format_money(v, currency, lang)) if row.conversion_key == "order_value" else (
            lambda v: i18n.format_percent(None if i18n.is_missing(v) else v, lang, decimals=2))  # fmt: skip
        rows.append({
            i18n.t("funnel.col_step", lang): labels[row.step],
            i18n.t("funnel.col_value", lang): _step_value(row.kpi, row.value, lang, currency),
            i18n.t("funnel.col_change", lang): i18n.format_delta(row.change, lang),
            i18n.t("funnel.col_plan", lang): _step_value(row.kpi, row.plan, lang, currency),
            i18n.t("funnel.col_conversion_name", lang): conv_labels.get(row.conversion_key, "") if has_conv else "",
            i18n.t("funnel.col_conversion", lang): conv_fmt(row.conversion) if has_conv else "",
            i18n.t("funnel.col_conversion_previous", lang): conv_fmt(row.conversion_previous) if has_conv else "",
            i18n.t("funnel.col_conversion_plan", lang): conv_fmt(row.conversion_plan) if has_conv else "",
        })  # fmt: skip
    return pd.DataFrame(rows)


def funnel_leak(ctx: PageContext, steps: pd.DataFrame, goal_type: str | None) -> None:
    """ "Where the funnel leaks": the weakest conversion vs plan, else vs the previous period."""
    lang = ctx.lang
    st.markdown(f"**{i18n.t('funnel.leak_title', lang)}**")
    counted = steps[steps["conversion_key"] != "order_value"]  # the order value is not a conversion
    found = funnel.leak(counted)
    if found is None:
        if counted["conversion"].notna().any():
            st.success(i18n.t("funnel.leak_none", lang), icon=":material/check:")
        else:
            st.info(i18n.t("funnel.leak_unknown", lang), icon=":material/info:")
        return
    labels = _step_labels(lang, goal_type)
    text = i18n.t(
        f"funnel.leak_{found['basis']}", lang, earlier=labels[found["from_step"]], later=labels[found["step"]],
        value=i18n.format_percent(found["value"], lang, decimals=2),
        reference=i18n.format_percent(found["reference"], lang, decimals=2),
        score=i18n.format_percent(found["score"], lang, decimals=0) if found["basis"] == "plan"
        else i18n.format_delta(found["score"], lang, decimals=0),
    )  # fmt: skip
    st.warning(text, icon=":material/water_drop:")


def funnel_notes(ctx: PageContext, result: dict) -> None:
    """Networks without site data or reach, and goals without a type: shown as such, not as zeros."""
    lang = ctx.lang
    names = lambda items: ", ".join(charts.channel_label(n, lang) for n in items)  # noqa: E731
    if no_web := funnel.networks_without_web_data(result):
        st.caption(i18n.t("funnel.note_no_web", lang, networks=names(no_web)))
    if no_reach := funnel.networks_without_reach(result):
        st.caption(i18n.t("funnel.note_no_reach", lang, networks=names(no_reach)))
    ratio = result["total"].get("click_to_session")
    if not i18n.is_missing(ratio) and ratio > 1:
        st.caption(i18n.t("funnel.note_more_visits", lang))
    if untyped := funnel.untyped_goal_reaches(result["total"]):
        st.caption(i18n.t("funnel.note_untyped", lang, count=i18n.format_number(untyped, lang)))


GOAL_EDITOR_FLASH = "funnel_goals_flash"


def funnel_goal_editor(ctx: PageContext, selection: Selection) -> None:
    """Goal types, editable: a goal synced from Metrica gets a guessed type, an imported one may have none.

    Saved through the importer (the ``goals`` table), so the same validation applies; a later sync keeps the
    type chosen here (it writes its guess only for goals it has not stored before).
    """
    from smmkpi import importer

    lang = ctx.lang
    if flash := st.session_state.pop(GOAL_EDITOR_FLASH, None):
        st.success(flash, icon=":material/check:")
    with session_scope(ctx.engine) as session:
        clients = repo.list_clients(session, workspace_id=ctx.workspace.id)
        client = selection.filters.client
        ids = list(clients.loc[clients["name"] == client, "client_id"]) if client else None
        goals = repo.list_goals(session, workspace_id=ctx.workspace.id, client_ids=ids)
    if goals.empty:
        return
    untyped = int(goals["type"].isna().sum())
    title = i18n.t("funnel.goal_editor", lang)
    if untyped:
        title += " · " + i18n.t("funnel.goal_editor_untyped", lang, count=i18n.format_number(untyped, lang))
    labels = {t: i18n.t(f"goal_type.{t}", lang) for t in kpi.GOAL_TYPES}
    none_label = i18n.t("funnel.goal_type_none", lang)
    by_label = {v: k for k, v in labels.items()}
    with st.expander(title, expanded=bool(untyped), icon=":material/flag:"):
        st.caption(i18n.t("funnel.goal_editor_help", lang))
        shown = pd.DataFrame({
            "client": goals["client"], "goal": goals["goal"], "name": goals["name"].fillna(""),
            "type": [labels.get(t, none_label) if isinstance(t, str) else none_label for t in goals["type"]],
        })  # fmt: skip
        edited = st.data_editor(
            shown, hide_index=True, width="stretch", key="funnel_goal_editor", disabled=["client", "goal"],
            column_config={
                "client": st.column_config.TextColumn(i18n.t("filter.client", lang)),
                "goal": st.column_config.TextColumn(i18n.t("funnel.goal_id", lang)),
                "name": st.column_config.TextColumn(i18n.t("funnel.goal_name", lang)),
                "type": st.column_config.SelectboxColumn(i18n.t("funnel.col_goal_type", lang), required=True,
                                                         options=[*labels.values(), none_label]),
            },
        )  # fmt: skip
        changed = edited[(edited["type"] != shown["type"]) | (edited["name"] != shown["name"])]
        if st.button(i18n.t("funnel.goal_editor_save", lang), type="primary", disabled=changed.empty,
                     icon=":material/save:", key="funnel_goal_editor_save"):  # fmt: skip
            frame = pd.DataFrame({
                "client": changed["client"], "goal": changed["goal"],
                "name": [n.strip() or None for n in changed["name"]],
                "type": [by_label.get(t) for t in changed["type"]],
            })  # fmt: skip
            try:
                importer.import_tables(ctx.engine, importer.tables_from_frames({"goals": frame}, origin="page"),
                                       workspace=ctx.workspace.name, source="goal types (Funnel page)")  # fmt: skip
            except importer.ImportValidationError as error:
                st.error(error.report(lang), icon=":material/error:")
                return
            clear_data_caches()
            st.session_state[GOAL_EDITOR_FLASH] = i18n.t(
                "funnel.goal_editor_saved", lang, count=i18n.format_number(len(frame), lang)
            )
            st.session_state.pop("funnel_goal_editor", None)
            st.rerun()


def funnel_networks(ctx: PageContext, report: dict, goal_type: str | None, network: str | None) -> None:
    """The goal step per network (click a bar to focus on it) and the whole funnel per network as a table."""
    lang, currency = ctx.lang, report["currency"]
    st.subheader(i18n.t("funnel.by_network", lang))
    if not report["by_network"]:
        st.info(i18n.t("ui.no_networks", lang), icon=":material/info:")
        return
    rows = funnel.network_funnels(report, goal_type)
    labels = _step_labels(lang, goal_type)
    left, right = st.columns([1, 2], gap="large")
    with left:
        goal_label = labels[funnel.GOAL_STEP]
        spec = analysis_chart_spec("network_step_chart", rows, funnel.GOAL_STEP, funnel.goal_key(goal_type),
                                   goal_label, lang, currency, selected=network, conversion_key="conversion_rate",
                                   conversion_label=_conversion_labels(lang)["goal_rate" if goal_type else "conversion_rate"])  # fmt: skip
        analysis_chart(spec, key="funnel_network_chart", on_select=lambda: _pick_from_chart(
            "funnel_network_chart", analysis_charts.PICK_NETWORK, "network", "funnel_network", list(report["by_network"])))  # fmt: skip
        st.caption(i18n.t("funnel.click_hint", lang))
    with right:
        columns = {"network": i18n.t("ui.channel", lang), **{s: labels[s] for s in funnel.STEPS},
                   **{funnel.CONVERSIONS[s]: _conversion_labels(lang)[funnel.conversion_key(s, goal_type)]
                      for s in funnel.STEPS[1:]}}  # fmt: skip
        # steps and conversions as rows, networks as columns (like the Overview's network table)
        conversions = [funnel.CONVERSIONS[s] for s in funnel.STEPS[1:]]
        shown = pd.DataFrame({
            i18n.t("ui.kpi", lang): [columns[k] for k in (*funnel.STEPS, *conversions)],
            **{analysis_charts.series_label(row["network"], lang): [
                *(_step_value(funnel.step_kpi(s, goal_type), row[s], lang, currency) for s in funnel.STEPS),
                *(i18n.format_money(row[c], currency, lang) if c == "order_value" and not i18n.is_missing(row[c])
                  else i18n.format_percent(None if i18n.is_missing(row[c]) else row[c], lang, decimals=2)
                  for c in conversions),
            ] for _, row in rows.iterrows()},
        })  # fmt: skip
        _text_table(shown)
        csv_button(rows.assign(network=[analysis_charts.series_label(n, lang) for n in rows["network"]]), columns, lang,
                   f"funnel-networks-{selection_slug(report)}", "funnel_csv_networks")  # fmt: skip


def funnel_goal_types(ctx: PageContext, result: dict, goal_type: str | None) -> None:
    """Completions per goal type; a click picks the type the funnel's goal step shows."""
    lang = ctx.lang
    st.subheader(i18n.t("funnel.goal_types", lang))
    rows = funnel.goal_type_values(result["total"])
    if rows["value"].isna().all():
        st.info(i18n.t("funnel.no_goals", lang), icon=":material/info:")
        return
    left, right = st.columns([2, 1], gap="large")
    with left:
        spec = analysis_chart_spec("goal_types_chart", rows, lang, selected=goal_type,
                                   title=i18n.t("funnel.completions", lang))  # fmt: skip
        options = [
            t
            for t in funnel.FUNNEL_GOAL_TYPES
            if not i18n.is_missing(result["total"].get(f"goal_reaches.{t}"))
        ]
        analysis_chart(spec, key="funnel_goal_chart", on_select=lambda: _pick_from_chart(
            "funnel_goal_chart", analysis_charts.PICK_GOAL, "goal_type", "funnel_goal", options))  # fmt: skip
    with right:
        st.caption(i18n.t("funnel.goal_types_caption", lang))
        csv_button(rows.assign(goal_type=[i18n.t(f"funnel.goal_{g}", lang) for g in rows["goal_type"]]),
                   {"goal_type": i18n.t("funnel.col_goal_type", lang), "value": i18n.t("funnel.completions", lang)},
                   lang, f"goal-types-{selection_slug(result)}", "funnel_csv_goals")  # fmt: skip


# --- Money

MONEY_CARDS = ("cost", "ad_cost", "cpc", "cpl", "cps", "cpf", "romi")


def money_verdict(ctx: PageContext, result: dict) -> None:
    """ "Is SMM worth it?": the verdict first, its reasoning underneath, small samples flagged."""
    lang = ctx.lang
    verdict = money.verdict(result)
    words = money.verdict_text(verdict, lang, result["currency"])
    box = {"good": st.success, "bad": st.error, "neutral": st.info, "missing": st.warning}[words["tone"]]
    box(f"**{words['headline']}**", icon=":material/balance:")
    if words["caution"]:
        st.warning(words["caution"], icon=":material/science:")
    if words["reasons"]:
        with st.expander(i18n.t("money.why", lang), expanded=True):
            st.markdown("\n".join(f"- {line}" for line in words["reasons"]))
    if result["by_network"] and not any(c not in kpi.SOCIAL_NETWORKS for c in result["by_channel"]):
        st.caption(i18n.t("money.no_other_channels_hint", lang))


def money_costs(ctx: PageContext, view: dict, result: dict) -> None:
    lang, currency = ctx.lang, result["currency"]
    st.subheader(i18n.t("money.costs_title", lang))
    costs = view["costs"]
    if costs.empty:
        st.info(i18n.t("money.no_costs", lang), icon=":material/info:")
        return
    titles = dict(network_title=i18n.t("filter.network", lang), kind_title=i18n.t("money.kind", lang),
                  amount_title=i18n.t("money.amount", lang), share_title=i18n.t("money.share", lang))  # fmt: skip
    analysis_chart(
        analysis_chart_spec("cost_breakdown_chart", costs, lang, currency, **titles), key="money_costs_chart"
    )
    wide = costs.pivot_table(index="channel", columns="kind", values="amount", aggfunc="sum", sort=False)
    wide = wide.reindex(columns=[k for k in kpi.COST_KINDS if k in wide.columns])
    wide["total"] = wide.sum(axis=1, min_count=1)
    wide = wide.reset_index()
    columns = {"channel": i18n.t("filter.network", lang), **{k: i18n.t(f"cost_kind.{k}", lang) for k in wide.columns[1:-1]},
               "total": i18n.t("money.total_cost", lang)}  # fmt: skip
    shown = pd.DataFrame({columns["channel"]: [charts.channel_label(c, lang) for c in wide["channel"]],
                          **{columns[k]: [i18n.format_money(None if i18n.is_missing(v) else v, currency, lang) for v in wide[k]]
                             for k in list(columns)[1:]}})  # fmt: skip
    _text_table(shown)
    csv_button(wide.assign(channel=[charts.channel_label(c, lang) for c in wide["channel"]]), columns, lang,
               f"costs-{selection_slug(result)}", "money_csv_costs")  # fmt: skip


def money_trend(ctx: PageContext, selection: Selection, result: dict) -> None:
    lang, currency = ctx.lang, result["currency"]
    st.subheader(i18n.t("money.trend_title", lang))
    metric_key = st.segmented_control(i18n.t("ui.chart_metric", lang), money.MONEY_TREND_KPIS, default="cpl",
                                      key="money_trend_metric", required=True,
                                      format_func=lambda k: metrics.label(k, lang))  # fmt: skip
    grain = money_grain(selection, result)
    if grain != selection.grain:
        st.caption(i18n.t("analysis.grain_coarsened", lang, grain=i18n.t(f"analysis.grain_{grain}", lang)))
    frame = money_view(ctx, selection, result)["trend"]
    if frame.empty or frame[metric_key].isna().all():
        st.info(
            i18n.t("money.no_trend", lang, metric=metrics.label(metric_key, lang)), icon=":material/info:"
        )
        return
    spec = analysis_chart_spec("money_trend_chart", frame, metric_key, metrics.label(metric_key, lang), lang, grain,
                               currency, series_title=i18n.t("ui.channel", lang),
                               period_title=i18n.t("filter.period", lang))  # fmt: skip
    analysis_chart(spec, key="money_trend_chart")
    st.caption(i18n.t("money.trend_hint", lang, formula=metrics.help_text(metric_key, lang)))
    columns = {"bucket": i18n.t("filter.period", lang), "network": i18n.t("ui.channel", lang),
               **{k: metrics.label(k, lang) for k in money.MONEY_TREND_INPUTS},
               **{k: metrics.label(k, lang) for k in money.MONEY_TREND_KPIS}}  # fmt: skip
    csv_button(frame.assign(network=[analysis_charts.series_label(n, lang) for n in frame["network"]]), columns, lang,
               f"money-trend-{grain}-{selection_slug(result)}", "money_csv_trend")  # fmt: skip


def money_channels(ctx: PageContext, result: dict) -> None:
    """SMM next to context ads, banner ads, SEO …: one price per channel as bars, all prices in a table."""
    lang, currency = ctx.lang, result["currency"]
    st.subheader(i18n.t("money.channels_title", lang))
    st.caption(i18n.t("money.channels_caption", lang, minimum=money.DEFAULT_MIN_SAMPLE))
    comparison = money.channel_comparison(result)
    if comparison.empty:
        st.info(i18n.t("ui.no_networks", lang), icon=":material/info:")
        return
    basis = st.segmented_control(i18n.t("money.basis", lang), money.BASES, default="cps", key="money_basis",
                                 required=True, format_func=lambda b: metrics.label(b, lang))  # fmt: skip
    count_key = money.BASIS_COUNT[basis]
    spec = analysis_chart_spec("channel_chart", comparison, basis, metrics.label(basis, lang), lang, currency,
                               min_sample=money.DEFAULT_MIN_SAMPLE, count_key=count_key,
                               count_title=metrics.label(count_key, lang), small_text=i18n.t("money.small_sample", lang))  # fmt: skip
    analysis_chart(spec, key="money_channel_chart")
    keys = ("cost", "sessions", "leads", "orders", "revenue", "cpc", "cpl", "cps", "romi")
    columns = {"channel": i18n.t("ui.channel", lang),
               **{k: i18n.t("ui.channel_cost", lang) if k == "cost" else metrics.label(k, lang) for k in keys}}  # fmt: skip
    shown = pd.DataFrame({columns["channel"]: [analysis_charts.series_label(c, lang) for c in comparison["channel"]],
                          **{columns[k]: [metrics.format_metric(k, None if i18n.is_missing(v) else v, lang, currency)
                                          for v in comparison[k]] for k in keys}})  # fmt: skip
    _text_table(shown)
    csv_button(comparison.assign(channel=[analysis_charts.series_label(c, lang) for c in comparison["channel"]]), columns,
               lang, f"channels-{selection_slug(result)}", "money_csv_channels")  # fmt: skip


# --- Content

CONTENT_CARDS = ("posts", "engagements", "er_reach", "er_followers", "avg_post_reach", "virality")


def content_plan(ctx: PageContext, view: dict, selection: Selection) -> None:
    lang = ctx.lang
    grain = _capped("content", selection.grain)
    st.subheader(i18n.t(f"content.per_bucket_{grain}", lang))
    rows = view["per_bucket"]
    spec = analysis_chart_spec("posts_plan_chart", rows, lang, grain, posts_title=metrics.label("posts", lang),
                               plan_title=i18n.t("msg.plan", lang), network_title=i18n.t("filter.network", lang),
                               period_title=i18n.t("filter.period", lang))  # fmt: skip
    analysis_chart(spec, key="content_plan_chart")
    hint = "content.plan_hint" if rows["plan"].notna().any() else "content.no_plan_hint"
    st.caption(i18n.t(hint, lang))
    csv_button(rows.assign(network=[charts.channel_label(n, lang) for n in rows["network"]]),
               {"bucket": i18n.t("filter.period", lang), "network": i18n.t("filter.network", lang),
                "posts": metrics.label("posts", lang), "plan": i18n.t("msg.plan", lang)}, lang,
               f"posts-{grain}-{selection.date_from}-{selection.date_to}", "content_csv_plan")  # fmt: skip


def content_mix(ctx: PageContext, posts: pd.DataFrame, slug: str) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("content.mix_title", lang))
    mix = content.format_mix(posts)
    titles = dict(posts_title=metrics.label("posts", lang), share_title=i18n.t("content.share", lang),
                  reach_title=metrics.label("avg_post_reach", lang), er_title=metrics.label("er_reach", lang))  # fmt: skip
    analysis_chart(analysis_chart_spec("format_mix_chart", mix, lang, **titles), key="content_mix_chart")
    columns = {"format": i18n.t("content.format", lang), "posts": titles["posts_title"], "share": titles["share_title"],
               "avg_reach": titles["reach_title"], "er_reach": titles["er_title"],
               "link_clicks": metrics.label("link_clicks", lang)}  # fmt: skip
    csv_button(mix.assign(format=[_format_label(f, lang) for f in mix["format"]]), columns, lang, f"formats-{slug}",
               "content_csv_mix")  # fmt: skip


def _format_label(value, lang: str) -> str:
    return (
        i18n.t(f"post_format.{value}", lang) if value in kpi.POST_FORMATS else i18n.t("content.unknown", lang)
    )


POST_TABLE = (
    "published_at",
    "network",
    "account_name",
    "format",
    "reach",
    "engagements",
    "er_reach",
    "link_clicks",
    "url",
)


def content_posts_table(ctx: PageContext, posts: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """Posts as shown: local publication time, network, account, format, numbers ("—" = not reported), link."""
    lang = ctx.lang
    return pd.DataFrame({
        i18n.t("content.published", lang): [_local_time(p, timezone, lang) for p in posts["published_at"]],
        i18n.t("content.link", lang): list(posts["url"]),
        i18n.t("content.err", lang): [i18n.format_percent(v, lang) for v in posts["er_reach"]],
        metrics.label("reach", lang): [i18n.format_number(v, lang, decimals=0) for v in posts["reach"]],
        metrics.label("engagements", lang): [i18n.format_number(v, lang, decimals=0) for v in posts["engagements"]],
        i18n.t("content.clicks", lang): [i18n.format_number(v, lang, decimals=0) for v in posts["link_clicks"]],
        i18n.t("content.format", lang): [_format_label(f, lang) for f in posts["format"]],
        i18n.t("filter.network", lang): [charts.channel_label(n, lang) for n in posts["network"]],
        i18n.t("filter.account", lang): [a or h for a, h in zip(posts["account_name"], posts["account"], strict=True)],
    })  # fmt: skip


def content_rankings(ctx: PageContext, posts: pd.DataFrame, timezone: str, slug: str) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("content.rank_title", lang))
    metric = st.segmented_control(i18n.t("content.rank_by", lang), content.RANK_METRICS, default="er_reach",
                                  key="content_rank_metric", required=True,
                                  format_func=lambda k: metrics.label(k, lang))  # fmt: skip
    if metric == "er_reach":
        st.caption(
            i18n.t(
                "content.rank_er_hint",
                lang,
                share=i18n.format_percent(content.MIN_REACH_SHARE_FOR_ER, lang, decimals=0),
            )
        )
    numbers = (i18n.t("content.err", lang), metrics.label("reach", lang), metrics.label("engagements", lang),
               i18n.t("content.clicks", lang))  # fmt: skip
    link = {i18n.t("content.link", lang): st.column_config.LinkColumn(i18n.t("content.link", lang),
                                                                      display_text=i18n.t("content.open", lang)),
            **_right_aligned(numbers)}  # fmt: skip
    for best, title_key in ((True, "content.best"), (False, "content.worst")):
        ranked = content.rank_posts(posts, metric, best=best)
        st.markdown(f"**{i18n.t(title_key, lang)}**")
        if ranked.empty:
            st.caption(i18n.t("content.no_metric", lang, metric=metrics.label(metric, lang)))
            continue
        table = content_posts_table(ctx, ranked, timezone)
        st.dataframe(table.astype({c: str for c in table.columns if c != i18n.t("content.link", lang)}),
                     hide_index=True, width="stretch", column_config=link)  # fmt: skip
        csv_button(ranked.assign(network=[charts.channel_label(n, lang) for n in ranked["network"]],
                                 format=[_format_label(f, lang) for f in ranked["format"]]),
                   _post_columns(lang), lang, f"posts-{'best' if best else 'worst'}-{metric}-{slug}",
                   f"content_csv_{'best' if best else 'worst'}")  # fmt: skip


def _post_columns(lang: str) -> dict[str, str]:
    return {"published_at": i18n.t("content.published", lang), "network": i18n.t("filter.network", lang),
            "account": i18n.t("filter.account", lang), "post_id": i18n.t("content.post_id", lang),
            "format": i18n.t("content.format", lang), "reach": metrics.label("reach", lang),
            "views": metrics.label("views", lang), "engagements": metrics.label("engagements", lang),
            "er_reach": metrics.label("er_reach", lang), "link_clicks": metrics.label("link_clicks", lang),
            "is_promoted": i18n.t("content.promoted", lang), "url": i18n.t("content.link", lang)}  # fmt: skip


def content_heatmap(ctx: PageContext, posts: pd.DataFrame, slug: str) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("content.heatmap_title", lang))
    cells = content.posting_heatmap(posts)
    if cells["er_reach"].isna().all():
        st.info(i18n.t("content.no_er", lang), icon=":material/info:")
        return
    spec = analysis_chart_spec("heatmap_chart", cells, lang, er_title=i18n.t("content.err", lang),
                               posts_title=metrics.label("posts", lang), when_title=i18n.t("content.when", lang))  # fmt: skip
    analysis_chart(spec, key="content_heatmap_chart")
    st.caption(i18n.t("content.heatmap_hint", lang, timezone=ctx.workspace.timezone))
    csv_button(cells, {"weekday": i18n.t("content.weekday", lang), "hour": i18n.t("content.hour", lang),
                       "posts": metrics.label("posts", lang), "engagements": metrics.label("engagements", lang),
                       "reach": metrics.label("reach", lang), "er_reach": metrics.label("er_reach", lang)}, lang,
               f"posting-times-{slug}", "content_csv_heatmap")  # fmt: skip


def content_promotion(ctx: PageContext, posts: pd.DataFrame, slug: str) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("content.promotion_title", lang))
    split = content.promotion_split(posts)
    titles = dict(reach_title=metrics.label("avg_post_reach", lang), er_title=metrics.label("er_reach", lang),
                  posts_title=metrics.label("posts", lang))  # fmt: skip
    analysis_chart(
        analysis_chart_spec("promotion_chart", split, lang, **titles),
        key="content_promotion_chart",
        width="content",
    )
    columns = {"group": i18n.t("content.group", lang), "posts": titles["posts_title"], "avg_reach": titles["reach_title"],
               "er_reach": titles["er_title"], "link_clicks": metrics.label("link_clicks", lang),
               "clicks_per_post": i18n.t("content.clicks_per_post", lang)}  # fmt: skip
    csv_button(split.assign(group=[i18n.t(f"content.group_{g}", lang) for g in split["group"]]), columns, lang,
               f"organic-promoted-{slug}", "content_csv_promotion")  # fmt: skip


# --- Communication

COMMUNICATION_CARDS = ("interactions_in", "response_rate", "median_response_minutes", "messages_in")


def communication_stats_columns(lang: str, by: str) -> dict[str, str]:
    return {by: i18n.t(f"filter.{by}", lang), "received": metrics.label("interactions_in", lang),
            "comments": i18n.t("comm.comments", lang), "messages": i18n.t("comm.messages", lang),
            "answered": i18n.t("comm.answered", lang), "response_rate": metrics.label("response_rate", lang),
            "median_minutes": metrics.label("median_response_minutes", lang), "p90_minutes": i18n.t("comm.p90", lang)}  # fmt: skip


def communication_extra_cards(ctx: PageContext, interactions: pd.DataFrame) -> None:
    """Comments, messages and the 90th percentile next to the KPI cards (not KPIs of KPI.md)."""
    lang = ctx.lang
    overall = communication.response_stats(interactions).iloc[0]
    with st.container(horizontal=True, wrap=True, gap="small"):
        for key, value in (("comments", i18n.format_number(overall["comments"], lang, decimals=0)),
                           ("messages", i18n.format_number(overall["messages"], lang, decimals=0)),
                           ("p90", i18n.format_duration_minutes(None if i18n.is_missing(overall["p90_minutes"])
                                                                else overall["p90_minutes"], lang))):  # fmt: skip
            with st.container(border=True, width=CARD_WIDTH, gap="xsmall"):
                st.metric(i18n.t(f"comm.{key}", lang), value, help=i18n.t(f"comm.{key}_help", lang))


def _people(value: str, lang: str) -> str:
    return i18n.t("comm.unassigned", lang) if value == communication.UNASSIGNED else value


def communication_breakdown(ctx: PageContext, interactions: pd.DataFrame, slug: str) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("comm.breakdown_title", lang))
    by = st.segmented_control(i18n.t("comm.group_by", lang), ("network", "specialist"), default="network",
                              key="communication_by", required=True, format_func=lambda b: i18n.t(f"comm.by_{b}", lang))  # fmt: skip
    stats = communication.response_stats(interactions, by)
    labels = {v: (charts.channel_label(v, lang) if by == "network" else _people(v, lang)) for v in stats[by]}
    left, right = st.columns([1, 1], gap="large")
    with left:
        spec = analysis_chart_spec("response_time_chart", stats, by, lang, labels=labels,
                                   median_title=i18n.t("comm.median", lang), p90_title=i18n.t("comm.p90", lang),
                                   rate_title=metrics.label("response_rate", lang),
                                   received_title=metrics.label("interactions_in", lang))  # fmt: skip
        analysis_chart(spec, key="communication_time_chart")
        st.caption(i18n.t("comm.time_hint", lang))
    with right:
        columns = communication_stats_columns(lang, by)
        shown = pd.DataFrame({
            columns[by]: [labels[v] for v in stats[by]],
            columns["received"]: [i18n.format_number(v, lang, decimals=0) for v in stats["received"]],
            columns["answered"]: [i18n.format_number(v, lang, decimals=0) for v in stats["answered"]],
            columns["response_rate"]: [i18n.format_percent(v, lang) for v in stats["response_rate"]],
            columns["median_minutes"]: [i18n.format_duration_minutes(None if i18n.is_missing(v) else v, lang) for v in stats["median_minutes"]],
            columns["p90_minutes"]: [i18n.format_duration_minutes(None if i18n.is_missing(v) else v, lang) for v in stats["p90_minutes"]],
        })  # fmt: skip
        _text_table(shown)
        csv_button(stats.assign(**{by: [labels[v] for v in stats[by]]}), columns, lang, f"responses-by-{by}-{slug}",
                   "communication_csv_breakdown")  # fmt: skip


def communication_trend(ctx: PageContext, view: dict, selection: Selection, slug: str) -> None:
    lang = ctx.lang
    grain = _capped("communication", selection.grain)
    st.subheader(i18n.t("comm.trend_title", lang))
    trend = view["trend"]
    left, right = st.columns(2, gap="large")
    with left:
        spec = analysis_chart_spec("incoming_chart", trend, lang, grain,
                                   kind_titles={"comments": i18n.t("comm.comments", lang), "messages": i18n.t("comm.messages", lang)},
                                   period_title=i18n.t("filter.period", lang), count_title=metrics.label("interactions_in", lang),
                                   plan_title=i18n.t("msg.plan", lang))  # fmt: skip
        analysis_chart(spec, key="communication_incoming_chart")
    with right:
        spec = analysis_chart_spec("response_rate_chart", trend, lang, grain, fact_title=metrics.label("response_rate", lang),
                                   plan_title=i18n.t("msg.plan", lang), period_title=i18n.t("filter.period", lang))  # fmt: skip
        analysis_chart(spec, key="communication_rate_chart")
    has_plan = trend[[c for c in trend.columns if c.startswith("plan_")]].notna().any().any()
    st.caption(i18n.t("comm.plan_hint" if has_plan else "comm.no_plan_hint", lang))
    columns = {"bucket": i18n.t("filter.period", lang), "received": metrics.label("interactions_in", lang),
               "comments": i18n.t("comm.comments", lang), "messages": i18n.t("comm.messages", lang),
               "answered": i18n.t("comm.answered", lang), "response_rate": metrics.label("response_rate", lang),
               "median_minutes": metrics.label("median_response_minutes", lang), "p90_minutes": i18n.t("comm.p90", lang),
               "plan_interactions_in": i18n.t("comm.plan_of", lang, kpi=metrics.label("interactions_in", lang)),
               "plan_response_rate": i18n.t("comm.plan_of", lang, kpi=metrics.label("response_rate", lang)),
               "plan_median_response_minutes": i18n.t("comm.plan_of", lang, kpi=metrics.label("median_response_minutes", lang))}  # fmt: skip
    csv_button(trend, columns, lang, f"responses-{grain}-{slug}", "communication_csv_trend")


def communication_overdue(ctx: PageContext, selection: Selection, slug: str) -> None:
    """Comments and messages still without an answer after N hours: newest first, with a link to the account."""
    lang = ctx.lang
    st.subheader(i18n.t("comm.overdue_title", lang))
    hours = st.number_input(i18n.t("comm.overdue_hours", lang), min_value=1, max_value=24 * 90,
                            value=communication.DEFAULT_OVERDUE_HOURS, step=1, key="communication_hours", width=260)  # fmt: skip
    rows, total = unanswered(ctx, selection, hours)
    if rows.empty:
        st.success(
            i18n.t("comm.overdue_none", lang, hours=i18n.format_number(hours, lang)), icon=":material/check:"
        )
        return
    st.warning(i18n.t("comm.overdue_count", lang, count=i18n.format_number(total, lang),
                      hours=i18n.format_number(hours, lang)), icon=":material/schedule:")  # fmt: skip
    if total > len(rows):
        st.caption(i18n.t("comm.overdue_shown", lang, shown=i18n.format_number(len(rows), lang)))
    tz = ctx.workspace.timezone
    table = pd.DataFrame({
        i18n.t("comm.received_at", lang): [_local_time(r, tz, lang) for r in rows["received_at"]],
        i18n.t("comm.waiting", lang): [i18n.format_duration_minutes(h * 60, lang) for h in rows["waiting_hours"]],
        i18n.t("comm.open_account", lang): list(rows["account_url"]),
        i18n.t("comm.kind", lang): [i18n.t(f"interaction_kind.{k}", lang) if k in communication.KINDS else i18n.MISSING
                                    for k in rows["kind"]],
        i18n.t("filter.network", lang): [charts.channel_label(n, lang) for n in rows["network"]],
        i18n.t("filter.account", lang): [a or h for a, h in zip(rows["account_name"], rows["account"], strict=True)],
        i18n.t("comm.id", lang): list(rows["interaction_id"]),
    })  # fmt: skip
    link = i18n.t("comm.open_account", lang)
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={link: st.column_config.LinkColumn(link, display_text=i18n.t("content.open", lang))})  # fmt: skip
    csv_button(rows.assign(network=[charts.channel_label(n, lang) for n in rows["network"]]),
               {"received_at": i18n.t("comm.received_at", lang), "waiting_hours": i18n.t("comm.waiting_hours", lang),
                "kind": i18n.t("comm.kind", lang), "network": i18n.t("filter.network", lang),
                "account": i18n.t("filter.account", lang), "interaction_id": i18n.t("comm.id", lang),
                "account_url": i18n.t("comm.open_account", lang)}, lang, f"unanswered-{slug}", "communication_csv_overdue")  # fmt: skip
