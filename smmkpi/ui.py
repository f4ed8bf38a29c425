"""The one Streamlit-aware module of smmkpi: engine, language, page context, cached loaders, shared widgets
and the pages' helpers, one section per feature.

Pages stay thin: they call the functions here in the order the user reads the screen. Numbers come only
from ``smmkpi.query.kpi_report`` and ``smmkpi.kpi.trend``; this module decides how they are shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import pathlib
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from db import analysis_repo, brief_repo, repo, trust_repo
from db.session import session_scope
from smmkpi import (
    analysis_charts,
    bootstrap,
    brief_document,
    brief_service,
    charts,
    communication,
    content,
    export,
    funnel,
    i18n,
    kpi,
    metrics,
    money,
    plan_months,
    query,
    scorecard,
    trust,
    trust_charts,
)
from smmkpi import brief as briefs
from smmkpi.settings import Settings

LANG_KEY = "lang"  # widget key and URL query parameter of the language switch
WORKSPACE_KEY = "workspace"  # widget key and URL query parameter of the workspace picker
CACHE_TTL_S = 600
CACHE_ENTRIES = 256
DEFAULT_PRESET = "last_30_days"
PRESETS = ("last_7_days", "last_30_days", "last_90_days", "this_month", "last_month", "this_quarter",
           "last_12_months", "custom")  # fmt: skip
CARD_WIDTH = 222  # px: four cards a row on a 1400 px screen (more on wider ones)
CARD_HEIGHT = 190  # px: equal cards whether or not they carry a plan line
LABEL_HEIGHT = 48  # px: room for a two-line KPI name
PLAN_COLORS = {"good": "green", "warn": "orange", "bad": "red"}  # Streamlit markdown colours, as on the chart
# Not "lower is better" KPIs in the plan sense, but a rise is bad news on a card.
MORE_IS_WORSE = frozenset({"followers_lost"})
# Spending more is neither good nor bad by itself (the cost-per-result cards judge it): a grey delta.
NEUTRAL_CHANGE = frozenset({"cost", "ad_cost"})
# The KPIs of the by-network table (one column each) and of the channel comparison.
NETWORK_TABLE_KPIS = ("followers_end", "follower_growth", "reach", "posts", "er_reach", "link_clicks",
                      "sessions", "leads", "cost", "cpl")  # fmt: skip
CHANNEL_TABLE_KPIS = ("cost", "sessions", "leads", "orders", "revenue", "cpc", "cpl", "cps", "romi")
# Goal types get a card only when the period has a value for them (seven "—" cards would be noise).
OPTIONAL_CARDS = frozenset(f"goal_reaches.{t}" for t in metrics.GOAL_TYPES)
DATE_FORMATS = {"ru": "DD.MM.YYYY", "en": "MM/DD/YYYY"}


# --------------------------------------------------------------------------------------------------
# Settings, engine, language


@dataclass(frozen=True)
class WorkspaceInfo:
    id: int
    name: str
    currency: str
    timezone: str


@dataclass(frozen=True)
class PageContext:
    engine: Engine
    lang: str
    workspace: WorkspaceInfo | None
    settings: Settings

    @property
    def database_url(self) -> str:
        return self.settings.database_url


def _secrets() -> Mapping:
    # No secrets.toml is normal for a local run; st.secrets then raises on first access.
    try:
        return st.secrets.to_dict()
    except Exception:
        return {}


def load_settings() -> Settings:
    return Settings.load(secrets=_secrets())


@st.cache_resource(show_spinner=False)
def get_engine(database_url: str) -> Engine:
    """One engine per database and process, migrated on first use."""
    return bootstrap.open_database(replace(Settings(), database_url=database_url))


def browser_language(settings: Settings) -> str:
    """The configured language, else the browser's (Accept-Language, then the JS locale), else Russian."""
    if settings.default_language:
        return settings.default_language
    try:
        header = st.context.headers.get("Accept-Language")
        locale = st.context.locale
    except Exception:  # bare mode (no session): no browser to ask
        header, locale = None, None
    if header:
        return i18n.detect_language(header)
    if locale:
        return i18n.normalize_language(locale)
    return i18n.DEFAULT_LANGUAGE


def current_language(settings: Settings | None = None) -> str:
    """The language chosen in the sidebar (or ``?lang=`` in the URL), else the browser's."""
    for value in (st.session_state.get(LANG_KEY), st.query_params.get(LANG_KEY)):
        if value in i18n.SUPPORTED:
            return value
    return browser_language(settings or load_settings())


def language_switch(settings: Settings) -> str:
    """The ru/en switch in the sidebar; the choice is kept in the URL (``?lang=en``) so it survives reload.

    Not ``bind="query-params"``: a bound widget puts its *formatted* label in the URL (``?lang=English``).
    """
    from_url = st.query_params.get(LANG_KEY)
    default = from_url if from_url in i18n.SUPPORTED else browser_language(settings)
    with st.sidebar:
        choice = st.segmented_control(
            i18n.t("ui.language", "ru"), list(i18n.SUPPORTED), format_func=lambda code: i18n.t(f"lang.{code}", code),
            default=default, key=LANG_KEY, required=True, label_visibility="collapsed",
        )  # fmt: skip
    choice = choice if choice in i18n.SUPPORTED else browser_language(settings)
    if st.query_params.get(LANG_KEY) != choice:
        st.query_params[LANG_KEY] = choice  # also restores it after a page switch, which clears the URL
    return choice


# --------------------------------------------------------------------------------------------------
# Workspaces and the page context


@st.cache_data(ttl=60, max_entries=CACHE_ENTRIES, show_spinner=False)
def _workspaces(database_url: str) -> list[WorkspaceInfo]:
    with session_scope(get_engine(database_url)) as session:
        return [WorkspaceInfo(w.id, w.name, w.currency, w.timezone) for w in repo.list_workspaces(session)]


def prepare_database(settings: Settings, lang: str) -> list[WorkspaceInfo]:
    """Open the database and, for a newcomer's empty one, load the demo workspace (once).

    A database that cannot be reached stops the page with one translated message (where, why, what to
    change) instead of a traceback.
    """
    try:
        get_engine(settings.database_url)
        workspaces = _workspaces(settings.database_url)
    except bootstrap.UNREACHABLE_ERRORS as error:
        database_unreachable(settings, error, lang)
    if not workspaces and settings.load_demo:
        with st.spinner(i18n.t("ui.preparing_demo", lang)):
            try:
                bootstrap.ensure_demo(get_engine(settings.database_url), settings, today=dt.date.today())
            except Exception:
                # another replica or session may be loading it at the same moment; re-read below
                if not _workspaces_uncached(settings.database_url):
                    raise
        clear_data_caches()
        workspaces = _workspaces(settings.database_url)
    return workspaces


def database_unreachable(settings: Settings, error: BaseException, lang: str) -> None:
    url = settings.database_url
    st.error(i18n.t("ui.database_unreachable", lang, where=bootstrap.database_location(url),
                    reason=bootstrap.unreachable_reason(error, url)), icon=":material/database_off:")  # fmt: skip
    st.stop()


def _workspaces_uncached(database_url: str) -> list:
    with session_scope(get_engine(database_url)) as session:
        return repo.list_workspaces(session)


def workspace_picker(workspaces: Sequence[WorkspaceInfo], lang: str) -> WorkspaceInfo | None:
    """A sidebar select box when there is more than one workspace (kept in the URL as ``?workspace=``)."""
    if len(workspaces) > 1:
        with st.sidebar:
            st.selectbox(i18n.t("filter.workspace", lang), [w.name for w in workspaces], key=WORKSPACE_KEY,
                         bind="query-params")  # fmt: skip
    return _chosen_workspace(workspaces)


def _chosen_workspace(workspaces: Sequence[WorkspaceInfo]) -> WorkspaceInfo | None:
    wanted = st.session_state.get(WORKSPACE_KEY) or st.query_params.get(WORKSPACE_KEY)
    for workspace in workspaces:
        if workspace.name == wanted:
            return workspace
    return workspaces[0] if workspaces else None


def page_context(*, require_workspace: bool = True) -> PageContext:
    """What every page starts with: engine, language and workspace (a welcome screen when there is none).

    Pages call this themselves (not only the entry script), because AppTest runs page files alone.
    """
    settings = load_settings()
    lang = current_language(settings)
    workspaces = prepare_database(settings, lang)
    workspace = _chosen_workspace(workspaces)
    ctx = PageContext(engine=get_engine(settings.database_url), lang=lang, workspace=workspace,
                      settings=settings)  # fmt: skip
    if workspace is None and require_workspace:
        welcome(ctx)
        st.stop()
    return ctx


def welcome(ctx: PageContext) -> None:
    """The empty-database screen: what smmkpi is, a demo button and the way to Import."""
    lang = ctx.lang
    st.title(i18n.t("welcome.title", lang))
    st.markdown(f"**{i18n.t('app.tagline', lang)}**")
    st.markdown(i18n.t("welcome.body", lang))
    left, middle, right = st.columns([1, 1, 1], width=840)
    if left.button(i18n.t("welcome.load_demo", lang), type="primary", icon=":material/auto_awesome:",
                   key="welcome_load_demo"):  # fmt: skip
        with st.spinner(i18n.t("ui.preparing_demo", lang)):
            bootstrap.load_demo(ctx.engine, workspace=ctx.settings.demo_workspace,
                                end=bootstrap.default_demo_end(dt.date.today()))  # fmt: skip
        clear_data_caches()
        st.rerun()
    with middle:
        page_link("pages/import_data.py", i18n.t("welcome.import", lang), ":material/upload_file:")
    with right:
        page_link("pages/connections.py", i18n.t("welcome.connect", lang), ":material/cable:")


def ensure_workspace(ctx: PageContext) -> PageContext:
    """The page's workspace, created (with the Import page's default name) when the database has none yet.

    The Connections page needs one before anything is connected: an authorization is bound to a workspace.
    """
    if ctx.workspace is not None:
        return ctx
    with session_scope(ctx.engine) as session:
        repo.ensure_workspace(session, name=i18n.t("import.default_workspace", ctx.lang))
    clear_data_caches()
    workspace = _chosen_workspace(_workspaces(ctx.settings.database_url))
    return replace(ctx, workspace=workspace)


def page_link(page: str, label: str, icon: str) -> None:
    try:
        st.page_link(page, label=label, icon=icon)
    except Exception:  # a page run outside st.navigation (e.g. alone in a test) has no page registry
        st.markdown(f"[{label}](/{page.rsplit('/', 1)[-1].removesuffix('.py').replace('_data', '')})")


# --------------------------------------------------------------------------------------------------
# Cached loaders (keyed by small arguments; the data version invalidates them after any import)


def data_version(ctx: PageContext) -> int:
    """The id of the workspace's latest import: changes whenever data changes, on any replica."""
    with session_scope(ctx.engine) as session:
        runs = repo.list_imports(session, workspace_id=ctx.workspace.id, limit=1)
    return int(runs[0].id) if runs else 0


def clear_data_caches() -> None:
    for loader in (_workspaces, _catalog, _date_range, _report, _trend, _history, chart_spec, _plan_view):
        loader.clear()


def _filters(key: tuple) -> query.KpiFilters:
    client, networks, accounts, specialist = key
    return query.KpiFilters(client=client, networks=tuple(networks), accounts=tuple(accounts),
                            specialist=specialist)  # fmt: skip


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _catalog(database_url: str, workspace_id: int, version: int) -> dict:
    with session_scope(get_engine(database_url)) as session:
        return {
            "clients": list(repo.list_clients(session, workspace_id=workspace_id)["name"]),
            "accounts": repo.list_accounts(session, workspace_id=workspace_id),
            "specialists": list(repo.list_specialists(session, workspace_id=workspace_id)["key"]),
        }


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _date_range(database_url: str, workspace_id: int, version: int) -> tuple[dt.date | None, dt.date | None]:
    with session_scope(get_engine(database_url)) as session:
        return repo.data_date_range(session, workspace_id=workspace_id)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _report(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
            version: int) -> dict:  # fmt: skip
    if date_to < date_from:  # kpi_report explains a reversed period as a ScopeError
        with session_scope(get_engine(database_url)) as session:
            return query.kpi_report(session, workspace_name=workspace_name, filters=_filters(filters_key),
                                    date_from=date_from, date_to=date_to)  # fmt: skip
    _, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    return kpi.compute_report(data, kpi.Period(date_from, date_to))


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _trend(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
           grain: str, version: int) -> pd.DataFrame:  # fmt: skip
    """The trend from the same loaded data as the report (one load per filter state)."""
    _, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    return kpi.trend(data, kpi.Period(date_from, date_to), grain)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _history(database_url: str, workspace_id: int, version: int) -> list[dict]:
    with session_scope(get_engine(database_url)) as session:
        runs = repo.list_imports(session, workspace_id=workspace_id, limit=20)
        return [{"finished_at": r.finished_at, "source": r.source, "summary": r.summary_json} for r in runs]


# The data behind _report and _trend above and behind the analysis pages' views (smmkpi.ui.analysis).
@st.cache_resource(ttl=CACHE_TTL_S, max_entries=16, show_spinner=False)
def _view_data(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
               version: int) -> tuple[WorkspaceInfo, kpi.KpiData]:  # fmt: skip
    """One KpiData per filter state, shared by the views of a page (a resource: no copy per caller; the
    views only read it, apart from the engine's own memo of spread costs)."""
    period = kpi.Period(date_from, date_to)
    with session_scope(get_engine(database_url)) as session:
        workspace = query.resolve_workspace(session, workspace_name)
        data = query.load_kpi_data(session, workspace=workspace, filters=_filters(filters_key), period=period)
        return WorkspaceInfo(workspace.id, workspace.name, workspace.currency, workspace.timezone), data


# --------------------------------------------------------------------------------------------------
# The filter bar


@dataclass(frozen=True)
class Selection:
    """What the filter bar selected: scope, period and chart grain."""

    filters_key: tuple  # (client, networks, accounts, specialist) — hashable, for the cached loaders
    date_from: dt.date
    date_to: dt.date
    grain: str

    @property
    def filters(self) -> query.KpiFilters:
        return _filters(self.filters_key)

    @property
    def period(self) -> kpi.Period:
        return kpi.Period(self.date_from, self.date_to)


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def preset_range(preset: str, anchor: dt.date) -> tuple[dt.date, dt.date]:
    """A preset period relative to ``anchor`` (the last day with data, not today)."""
    days = {"last_7_days": 7, "last_30_days": 30, "last_90_days": 90}
    if preset in days:
        return anchor - dt.timedelta(days=days[preset] - 1), anchor
    if preset == "this_month":
        return anchor.replace(day=1), anchor
    if preset == "last_month":
        start = _months_back(anchor, 1)
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if preset == "this_quarter":
        return dt.date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1), anchor
    if preset == "last_12_months":
        year_ago = anchor.replace(
            year=anchor.year - 1, day=min(anchor.day, 28) if anchor.month == 2 else anchor.day
        )
        return year_ago + dt.timedelta(days=1), anchor
    raise ValueError(f"unknown period preset {preset!r}")


def _keep_valid(key: str, options: Iterable) -> None:
    """Drop selections that the current options no longer offer (e.g. after changing the client)."""
    valid = set(options)
    value = st.session_state.get(key)
    if isinstance(value, list) and any(v not in valid for v in value):
        st.session_state[key] = [v for v in value if v in valid]
    elif value is not None and not isinstance(value, list) and value not in valid:
        del st.session_state[key]


def _earliest_pickable(first: dt.date | None, anchor: dt.date) -> dt.date:
    """The date picker's lower bound: every preset must fit even when the data cover fewer days
    (a new workspace, a first sync of a week); days without data simply show "—"."""
    year_before = anchor - dt.timedelta(days=400)
    return min(first, year_before) if first else year_before


def _on_preset_change(page: str, anchor: dt.date) -> None:
    preset = st.session_state.get(f"{page}_period")
    if preset and preset != "custom":
        st.session_state[f"{page}_dates"] = preset_range(preset, anchor)


def _on_dates_change(page: str) -> None:
    st.session_state[f"{page}_period"] = "custom"


def filter_bar(ctx: PageContext, page: str) -> Selection:
    """Period, dates and grain on the first row; client, networks, accounts, specialist on the second."""
    lang, version = ctx.lang, data_version(ctx)
    catalog = _catalog(ctx.database_url, ctx.workspace.id, version)
    first, last = _date_range(ctx.database_url, ctx.workspace.id, version)
    anchor = last or dt.date.today()
    period_key, dates_key = f"{page}_period", f"{page}_dates"
    st.session_state.setdefault(period_key, DEFAULT_PRESET)
    if dates_key not in st.session_state and st.session_state[period_key] != "custom":
        st.session_state[dates_key] = preset_range(st.session_state[period_key], anchor)

    with st.container(border=True):
        top = st.columns([1.3, 1.5, 2.2, 1.0], vertical_alignment="bottom")
        top[0].selectbox(i18n.t("filter.period", lang), PRESETS, key=period_key,
                         format_func=lambda p: i18n.t(f"period.{p}", lang),
                         on_change=_on_preset_change, args=(page, anchor))  # fmt: skip
        picked = top[1].date_input(i18n.t("ui.dates", lang), key=dates_key, format=DATE_FORMATS[lang],
                                   min_value=_earliest_pickable(first, anchor), max_value=max(anchor, dt.date.today()),
                                   on_change=_on_dates_change, args=(page,))  # fmt: skip
        grain = top[2].segmented_control(i18n.t("filter.grain", lang), kpi.GRAINS, default="day",
                                         key=f"{page}_grain", required=True,
                                         format_func=lambda g: i18n.t(f"grain.{g}", lang))  # fmt: skip

        accounts = catalog["accounts"]
        row = st.columns(4)
        client = None
        if len(catalog["clients"]) > 1:
            _keep_valid(f"{page}_client", catalog["clients"])
            client = row[0].selectbox(i18n.t("filter.client", lang), catalog["clients"], index=None,
                                      key=f"{page}_client", placeholder=i18n.t("ui.all_clients", lang))  # fmt: skip
        if client is not None:
            accounts = accounts[accounts["client"] == client]
        networks_available = [n for n in kpi.SOCIAL_NETWORKS if n in set(accounts["network"])]
        _keep_valid(f"{page}_networks", networks_available)
        networks = row[1].multiselect(i18n.t("filter.network", lang), networks_available, key=f"{page}_networks",
                                      format_func=lambda n: charts.channel_label(n, lang),
                                      placeholder=i18n.t("ui.all_networks", lang))  # fmt: skip
        if networks:
            accounts = accounts[accounts["network"].isin(networks)]
        labels = {int(a.account_id): f"{a.name or a.handle} · {charts.channel_label(a.network, lang)}"
                  for a in accounts.itertuples()}  # fmt: skip
        _keep_valid(f"{page}_accounts", labels)
        chosen = row[2].multiselect(i18n.t("filter.account", lang), list(labels), key=f"{page}_accounts",
                                    format_func=labels.get, placeholder=i18n.t("ui.all_accounts", lang))  # fmt: skip
        specialist = None
        if catalog["specialists"]:
            _keep_valid(f"{page}_specialist", catalog["specialists"])
            names = charts.specialist_labels(catalog["specialists"])
            specialist = row[3].selectbox(i18n.t("filter.specialist", lang), catalog["specialists"], index=None,
                                          key=f"{page}_specialist", format_func=names.get,
                                          placeholder=i18n.t("ui.all_specialists", lang),
                                          help=i18n.t("ui.specialist_help", lang))  # fmt: skip

    date_from, date_to = _dates(picked, st.session_state[period_key], anchor)
    if not (isinstance(picked, tuple | list) and len(picked) == 2):
        st.caption(i18n.t("ui.dates_incomplete", lang, period=i18n.format_period(date_from, date_to, lang)))
    chosen_rows = catalog["accounts"][catalog["accounts"]["account_id"].isin(chosen)]
    handles = tuple(sorted(set(chosen_rows["handle"])))
    if (
        handles
        and not networks
        and chosen_rows["handle"]
        .isin(catalog["accounts"].loc[catalog["accounts"]["handle"].duplicated(keep=False), "handle"])
        .any()
    ):
        # KpiFilters names accounts by handle; a handle used on two networks needs the network too
        networks = sorted(set(chosen_rows["network"]))
    filters_key = (client, tuple(networks), handles, specialist)
    return Selection(filters_key, date_from, date_to, grain or "day")


def _dates(picked, preset: str, anchor: dt.date) -> tuple[dt.date, dt.date]:
    if isinstance(picked, tuple | list) and len(picked) == 2:
        return picked[0], picked[1]
    if isinstance(picked, tuple | list) and len(picked) == 1 and preset == "custom":
        return picked[0], picked[0]
    return preset_range(preset if preset != "custom" else DEFAULT_PRESET, anchor)


# --------------------------------------------------------------------------------------------------
# Loading what a page shows


def report(ctx: PageContext, selection: Selection) -> dict:
    """The KPI.md §5 object for the selection (cached); a bad scope becomes a warning, not a traceback."""
    try:
        return _report(ctx.database_url, ctx.workspace.name, selection.filters_key, selection.date_from,
                       selection.date_to, data_version(ctx))  # fmt: skip
    except query.ScopeError as error:
        st.warning(i18n.t("ui.scope_error", ctx.lang, error=error), icon=":material/filter_alt_off:")
        st.stop()


def trend(ctx: PageContext, selection: Selection, grain: str) -> pd.DataFrame:
    return _trend(ctx.database_url, ctx.workspace.name, selection.filters_key, selection.date_from,
                  selection.date_to, grain, data_version(ctx))  # fmt: skip


def period_caption(ctx: PageContext, result: dict) -> None:
    """One line under the title: workspace, period, previous period and currency."""
    lang, period = ctx.lang, result["period"]
    days = (dt.date.fromisoformat(period["to"]) - dt.date.fromisoformat(period["from"])).days + 1
    st.caption(i18n.t(
        "ui.period_caption", lang, workspace=ctx.workspace.name,
        period=i18n.format_period(dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"]), lang),
        previous=i18n.format_period(dt.date.fromisoformat(period["previous_from"]),
                                    dt.date.fromisoformat(period["previous_to"]), lang),
        days=i18n.t_plural("unit.days", days, lang), currency=result["currency"],
    ))  # fmt: skip


# --------------------------------------------------------------------------------------------------
# KPI cards


def relative_change(current, previous) -> float | None:
    """(current − previous) / |previous|; None when either is missing or the previous is 0 (KPI.md §3)."""
    if i18n.is_missing(current) or i18n.is_missing(previous) or previous == 0:
        return None
    return (current - previous) / abs(previous)


def is_rate(key: str) -> bool:
    """A KPI shown in percent (ER, CTR, conversion, ROMI …): its change is told in percentage points."""
    return key in metrics.METRICS and metrics.METRICS[key].unit == "ratio"


def point_change(current, previous) -> float | None:
    """current − previous of a rate (0.052 − 0.040 = 0.012, i.e. +1.2 p.p.); None when either is missing."""
    if i18n.is_missing(current) or i18n.is_missing(previous):
        return None
    return current - previous


def format_point_change(change: float, lang: str) -> str:
    """+1.2 pp / −0,4 п.п.: the absolute change of a rate (a relative "+30 %" of 4 % reads like 34 %)."""
    points = round(change * 100, 1)
    sign = "" if points == 0 else "+" if points > 0 else i18n.MINUS
    return f"{sign}{i18n.format_number(abs(points), lang, decimals=1)}\u00a0{i18n.t('ui.pp', lang)}"


def card_keys(result: dict, group: str) -> list[str]:
    """The KPIs of a group that get a card: all of them, except goal types without any value."""
    keys = []
    for key in metrics.keys_in_group(group):
        if key in OPTIONAL_CARDS and i18n.is_missing(result["total"].get(key)) and key not in result["plan"]:
            continue
        keys.append(key)
    return keys


def csv_button(frame: pd.DataFrame, columns: Mapping[str, str], lang: str, name: str, key: str,
               label: str | None = None) -> None:  # fmt: skip
    """A small "CSV" download of ``frame`` with headers in the UI language (raw values, see smmkpi.export)."""
    st.download_button(label or i18n.t("analysis.csv", lang), data=export.csv_bytes(frame, columns, lang),
                       file_name=export.file_name(name), mime="text/csv", key=key, on_click="ignore",
                       icon=":material/download:", type="tertiary", help=i18n.t("analysis.csv_help", lang))  # fmt: skip


def kpi_card(ctx: PageContext, result: dict, key: str, note: str | None = None, *,
             plan_only_for: str | None = None) -> None:  # fmt: skip
    """st.metric with the formatted value, Δ vs the previous period, the formula and the plan line.

    ``note`` (optional, e.g. the trust checks' warning) adds a warning icon to the label and its text to
    the tooltip. ``plan_only_for`` (the planned clients, when some clients in scope have no plan): the
    plan line then shows the target in grey without an attainment, which would compare unlike things.
    """
    lang, currency = ctx.lang, result["currency"]
    value = result["total"].get(key)
    rate = is_rate(key)
    change = (point_change if rate else relative_change)(value, result["previous"].get(key))
    help_parts = [f"**{i18n.t('msg.formula', lang)}:** {metrics.help_text(key, lang)}"]
    if i18n.is_missing(value):
        help_parts.append(i18n.t("ui.missing_help", lang))
    previous = i18n.format_period(dt.date.fromisoformat(result["period"]["previous_from"]),
                                  dt.date.fromisoformat(result["period"]["previous_to"]), lang)  # fmt: skip
    if change is not None:
        help_parts.append(i18n.t("ui.delta_pp_help" if rate else "ui.delta_help", lang, previous=previous))
    if key == "cpc" and "cpc" in result.get("notes", {}):
        help_parts.append(i18n.t("msg.cpc_basis_link_clicks", lang))
    delta, arrow, color = None, "auto", "normal"
    if change is not None:
        shown = format_point_change(change, lang) if rate else i18n.format_delta(change, lang)
        if round(change, 3) == 0 or (not rate and shown.lstrip("+").startswith(i18n.format_percent(0, lang))):
            delta, arrow, color = shown, "off", "off"
        else:
            # st.metric reads the sign from an ASCII "-"; format_delta writes the typographic minus
            delta = shown.replace(i18n.MINUS, "-")
            arrow = "up" if change > 0 else "down"
            color = "inverse" if metrics.METRICS[key].lower_is_better or key in MORE_IS_WORSE else "normal"
            color = "off" if key in NEUTRAL_CHANGE else color
    # st.metric cuts a long label ("Подписчики на начало п…") to one line; the label is shown above it
    # instead, allowed two lines, with the formula as its tooltip.
    label = metrics.label(key, lang)
    if note:
        help_parts.append(f":orange[:material/warning:] {note}")
        label = f"{label} :orange[:material/warning:]"
    with st.container(height=LABEL_HEIGHT, border=False):
        st.markdown(label, help="\n\n".join(help_parts))
    st.metric(metrics.label(key, lang), metrics.format_metric(key, value, lang, currency), delta,
              delta_color=color, delta_arrow=arrow, label_visibility="collapsed")  # fmt: skip
    if key in result["plan"] and plan_only_for:
        # short enough for one line of the card; the tooltip names the planned clients and says why
        target = metrics.format_metric(key, result["plan"][key], lang, currency)
        st.caption(f":gray[{i18n.t('ui.plan_line_partial', lang, plan=target)}]",
                   help=i18n.t("ui.plan_partial_help", lang, clients=plan_only_for))  # fmt: skip
    elif key in result["plan"]:
        attainment = result["attainment"].get(key)
        line = i18n.t("ui.plan_line", lang, plan=metrics.format_metric(key, result["plan"][key], lang, currency),
                    attainment=i18n.format_percent(attainment, lang, decimals=0))  # fmt: skip
        color = PLAN_COLORS.get(charts.attainment_status(attainment))
        st.caption(f":{color}[{line}]" if color else line)


def kpi_groups(ctx: PageContext, result: dict, notes: Mapping[str, str] | None = None, *,
               plan_only_for: str | None = None) -> None:  # fmt: skip
    """One tab per KPI group (Audience, Content, …); cards of a fixed width flow into as many per row as fit.

    ``notes`` (optional): a warning per KPI key, shown on its card; ``plan_only_for``: see ``kpi_card``.
    """
    tabs = st.tabs([i18n.t(f"group.{group}", ctx.lang) for group in metrics.GROUPS])
    for tab, group in zip(tabs, metrics.GROUPS, strict=True):
        with tab, st.container(horizontal=True, wrap=True, gap="small"):
            for key in card_keys(result, group):
                with st.container(border=True, width=CARD_WIDTH, height=CARD_HEIGHT, gap="xsmall"):
                    kpi_card(ctx, result, key, (notes or {}).get(key), plan_only_for=plan_only_for)


# --------------------------------------------------------------------------------------------------
# Plan vs fact, charts, tables


def plan_rows(ctx: PageContext, result: dict) -> pd.DataFrame:
    """label, plan_text, fact_text, attainment for every KPI with a target in the period."""
    lang, currency = ctx.lang, result["currency"]
    rows = [{
        "key": key,
        "label": metrics.label(key, lang),
        "plan_text": metrics.format_metric(key, target, lang, currency),
        "fact_text": metrics.format_metric(key, result["total"].get(key), lang, currency),
        "attainment": result["attainment"].get(key),
    } for key, target in result["plan"].items()]  # fmt: skip
    return pd.DataFrame(rows, columns=["key", "label", "plan_text", "fact_text", "attainment"])


@dataclass(frozen=True)
class PlanView:
    """Who in scope has a plan, and plan vs fact month by month (see smmkpi.plan_months)."""

    planned: tuple[str, ...]  # names of the clients in scope with a target in the period
    unplanned: tuple[str, ...]  # … and of those without one
    months: tuple[plan_months.MonthPlan, ...]

    @property
    def partial(self) -> bool:
        """Some clients in scope have a plan and some do not: the totals' attainment compares unlike things."""
        return bool(self.planned) and bool(self.unplanned)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _plan_view(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
               version: int) -> PlanView:  # fmt: skip
    workspace, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    period = kpi.Period(date_from, date_to)
    with session_scope(get_engine(database_url)) as session:
        clients = repo.list_clients(session, workspace_id=workspace.id)
    names = {int(c): str(n) for c, n in zip(clients["client_id"], clients["name"], strict=True)}
    planned, unplanned = plan_months.plan_coverage(data, period)
    return PlanView(tuple(names.get(c, str(c)) for c in planned), tuple(names.get(c, str(c)) for c in unplanned),
                    tuple(plan_months.plan_by_month(data, period)))  # fmt: skip


def plan_view(ctx: PageContext, selection: Selection) -> PlanView:
    if selection.date_to < selection.date_from:
        return PlanView((), (), ())
    return _plan_view(ctx.database_url, ctx.workspace.name, selection.filters_key, selection.date_from,
                      selection.date_to, data_version(ctx))  # fmt: skip


def plan_only_for(view: PlanView) -> str | None:
    """The planned clients' names when only some clients in scope have a plan, else None."""
    return ", ".join(view.planned) if view.partial else None


def plan_section(ctx: PageContext, result: dict, view: PlanView | None = None) -> None:
    """Plan vs fact for the period (an attainment bar per KPI), then the same per month in a table.

    When only some clients in scope have a plan, the attainment is not shown: the plan of one client
    against the facts of all would read as over-fulfilment. A caption names the planned clients instead.
    """
    if not result["plan"]:
        return
    lang = ctx.lang
    st.subheader(i18n.t("ui.plan_fact", lang))
    if view is not None and view.partial:
        st.warning(i18n.t("ui.plan_only_for", lang, clients=", ".join(view.planned)), icon=":material/info:")
        st.caption(i18n.t("ui.plan_partial_hint", lang, unplanned=", ".join(view.unplanned)))
        return
    st.caption(i18n.t("ui.plan_fact_caption", lang))
    headers = [i18n.t("ui.kpi", lang), i18n.t("msg.plan", lang), i18n.t("msg.fact", lang),
               i18n.t("msg.attainment", lang)]  # fmt: skip
    show_chart(
        chart_spec("attainment_chart", plan_rows(ctx, result), lang, headers=tuple(headers)), width="content"
    )
    # one month would repeat the chart above; the table starts to help from two months on
    if view is not None and len({m.month for m in view.months}) > 1:
        plan_month_table(ctx, result, view)


def plan_month_frame(months: Sequence[plan_months.MonthPlan], lang: str, currency: str) -> pd.DataFrame:
    """One row per planned KPI; per month three columns: plan, fact, attainment ("—" where not computable).

    A month the period covers only in part is labelled with its days ("мар 2026 (1–15)"): its target is
    prorated to those days, as KPI.md says.
    """
    kpi_column = i18n.t("ui.kpi", lang)
    keys = list(dict.fromkeys(m.kpi for m in months))
    rows = {key: {kpi_column: metrics.label(key, lang)} for key in keys}
    for m in months:
        title = i18n.format_month(m.start, lang)
        if m.partial:
            title = f"{title} ({m.start.day}–{m.end.day})"
        cells = rows[m.kpi]
        cells[f"{title} · {i18n.t('msg.plan', lang)}"] = metrics.format_metric(
            m.kpi, m.target, lang, currency
        )
        cells[f"{title} · {i18n.t('msg.fact', lang)}"] = metrics.format_metric(m.kpi, m.fact, lang, currency)
        cells[f"{title} · %"] = i18n.format_percent(m.attainment, lang, decimals=0)
    return pd.DataFrame(list(rows.values())).astype(str)


def plan_month_table(ctx: PageContext, result: dict, view: PlanView) -> None:
    lang = ctx.lang
    st.markdown(f"**{i18n.t('ui.plan_by_month', lang)}**",
                help=i18n.t("ui.plan_by_month_help", lang))  # fmt: skip
    frame = plan_month_frame(view.months, lang, result["currency"])
    keys = list(dict.fromkeys(m.kpi for m in view.months))
    kpi_column = i18n.t("ui.kpi", lang)
    # the formula of every KPI in the table, in the KPI column's tooltip (a table has no per-cell tooltips)
    formulas = "\n\n".join(f"**{metrics.label(k, lang)}:** {metrics.help_text(k, lang)}" for k in keys)
    config = {kpi_column: st.column_config.TextColumn(kpi_column, pinned=True, help=formulas)}
    for column in frame.columns[1:]:
        config[column] = st.column_config.TextColumn(
            column, alignment="right", help=_month_column_help(column, lang)
        )
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def _month_column_help(column: str, lang: str) -> str:
    if column.endswith(" · %"):
        return i18n.t("ui.plan_attainment_help", lang)
    if column.endswith(i18n.t("msg.plan", lang)):
        return i18n.t("ui.plan_target_help", lang)
    return i18n.t("ui.plan_fact_help", lang)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def chart_spec(builder: str, *args, **kwargs) -> dict:
    """The Vega-Lite spec of ``charts.<builder>(*args)``, cached: building and validating an Altair chart
    costs ~30–50 ms, hashing its small inputs well under 1 ms."""
    return getattr(charts, builder)(*args, **kwargs).to_dict()


def show_chart(spec: dict, *, width: str) -> None:
    st.vega_lite_chart(spec, width=width)


def _metric_picker(label: str, keys: Sequence[str], key: str, lang: str, default: str) -> str:
    return st.selectbox(label, keys, index=list(keys).index(default), key=key,
                        format_func=lambda k: metrics.label(k, lang))  # fmt: skip


def effective_grain(selection: Selection, networks: int) -> str:
    """The chart grain, coarsened when a daily (weekly) chart would exceed charts.MAX_MARKS points."""
    days = selection.period.days
    for grain, per in (("day", 1), ("week", 7), ("month", 30)):
        if kpi.GRAINS.index(grain) < kpi.GRAINS.index(selection.grain):
            continue
        if (days // per + 1) * max(1, networks) <= charts.MAX_MARKS:
            return grain
    return "month"


def trend_section(ctx: PageContext, selection: Selection, result: dict, page: str) -> None:
    """A line per network of one KPI over time, at the grain chosen in the filter bar."""
    lang = ctx.lang
    st.subheader(i18n.t("ui.dynamics", lang))
    metric_key = _metric_picker(i18n.t("ui.chart_metric", lang), kpi.TREND_KEYS, f"{page}_trend_metric", lang,
                                "reach")  # fmt: skip
    grain = effective_grain(selection, len(result["by_network"]))
    if grain != selection.grain:
        st.caption(i18n.t("ui.grain_coarsened", lang, grain=i18n.t(f"grain.{grain}", lang).lower()))
    frame = trend(ctx, selection, grain)
    if frame.empty or frame[metric_key].isna().all():
        networks = ", ".join(charts.channel_label(n, lang) for n in frame["network"].drop_duplicates())
        message = i18n.t("ui.no_values_for", lang, metric=metrics.label(metric_key, lang), networks=networks)
        st.info(message if networks else i18n.t("msg.no_data", lang), icon=":material/info:")
        return
    # the total of several networks is off by default: on one axis it would flatten the networks' lines
    reporting = frame.loc[frame[metric_key].notna(), "network"].nunique()
    with_total = (
        metric_key in charts.SUMMABLE_TREND_KEYS
        and reporting > 1
        and st.toggle(
            i18n.t("ui.show_total", lang), key=f"{page}_trend_total", help=i18n.t("ui.show_total_help", lang)
        )
    )
    spec = chart_spec("trend_chart", frame[["bucket", "network", metric_key]], metric_key,
                      metrics.label(metric_key, lang), lang, grain, result["currency"],
                      network_title=i18n.t("filter.network", lang), period_title=i18n.t("filter.period", lang),
                      period_start=selection.date_from, period_end=selection.date_to,
                      total_title=i18n.t("chart.total", lang) if with_total else None)  # fmt: skip
    show_chart(spec, width="stretch")
    silent = [
        n
        for n in frame["network"].drop_duplicates()
        if frame.loc[frame["network"] == n, metric_key].isna().all()
    ]
    if silent:
        st.caption(i18n.t("ui.no_values_for", lang, metric=metrics.label(metric_key, lang),
                        networks=", ".join(charts.channel_label(n, lang) for n in silent)))  # fmt: skip
    st.caption(i18n.t("ui.chart_hint", lang))


def network_section(ctx: PageContext, result: dict, page: str) -> None:
    """A bar per network for one KPI next to a table of the key KPIs (rows) by network (columns)."""
    lang = ctx.lang
    st.subheader(i18n.t("ui.by_network", lang))
    if not result["by_network"]:
        st.info(i18n.t("ui.no_networks", lang), icon=":material/info:")
        return
    keys = [k for k in metrics.KPI_KEYS if k not in OPTIONAL_CARDS]
    left, right = st.columns([1, 2], gap="large")
    with left:
        metric_key = _metric_picker(
            i18n.t("ui.bar_metric", lang), keys, f"{page}_network_metric", lang, "reach"
        )
        label = metrics.label(metric_key, lang)
        if all(i18n.is_missing(values.get(metric_key)) for values in result["by_network"].values()):
            networks = ", ".join(charts.channel_label(n, lang) for n in result["by_network"])
            st.info(i18n.t("ui.no_values_for", lang, metric=label, networks=networks), icon=":material/info:")
        else:
            spec = chart_spec(
                "network_bar_chart", result["by_network"], metric_key, label, lang, result["currency"]
            )
            show_chart(spec, width="stretch")
    with right:
        st.markdown(f"**{i18n.t('ui.network_table', lang)}**")
        table = network_table(ctx, result)
        st.dataframe(table, hide_index=True, width="stretch", column_config=_right_aligned(table.columns[1:]))


def network_table(ctx: PageContext, result: dict) -> pd.DataFrame:
    """One row per key KPI, one column per network (formatted; "—" where not reported)."""
    lang, currency = ctx.lang, result["currency"]
    rows = [{
        i18n.t("ui.kpi", lang): metrics.label(key, lang),
        **{charts.channel_label(network, lang): metrics.format_metric(key, values.get(key), lang, currency)
           for network, values in result["by_network"].items()},
    } for key in NETWORK_TABLE_KPIS]  # fmt: skip
    return pd.DataFrame(rows).astype(str)


def channel_table(ctx: PageContext, result: dict) -> pd.DataFrame:
    """One row per channel, one formatted column per money KPI ("—" where not reported)."""
    lang, currency = ctx.lang, result["currency"]

    def header(key: str) -> str:
        # "SMM cost" would be wrong for a context-ads row: the column holds each channel's own cost
        return i18n.t("ui.channel_cost", lang) if key == "cost" else metrics.label(key, lang)

    rows = [{
        i18n.t("ui.channel", lang): charts.channel_label(channel, lang),
        **{header(key): metrics.format_metric(key, values.get(key), lang, currency) for key in CHANNEL_TABLE_KPIS},
    } for channel, values in result["by_channel"].items()]  # fmt: skip
    return pd.DataFrame(rows).astype(str)


def _right_aligned(columns: Iterable[str]) -> dict:
    return {column: st.column_config.TextColumn(column, alignment="right") for column in columns}


def channel_section(ctx: PageContext, result: dict) -> None:
    """Money KPIs per channel: social networks next to context ads, SEO, e-mail …"""
    if not result["by_channel"]:
        return
    lang = ctx.lang
    st.subheader(i18n.t("ui.channels", lang))
    st.caption(i18n.t("ui.channels_caption", lang))
    table = channel_table(ctx, result)
    st.dataframe(table, hide_index=True, width="stretch", column_config=_right_aligned(table.columns[1:]))


def not_reported_note(ctx: PageContext) -> None:
    st.caption(i18n.t("msg.not_reported", ctx.lang))


# A stored moment in the workspace's time zone: Import history, Communication, Trust, Brief, Connections.
def _local_time(moment, timezone: str, lang: str) -> str:
    if moment is None:
        return i18n.MISSING
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    local = stamp.tz_convert(timezone)
    return f"{i18n.format_date(local.date(), lang)}, {local:%H:%M}"


# ==================================================================================================
# The Import page: template download, checking and importing uploaded files, the import history.
# ==================================================================================================


@st.cache_data(max_entries=4, show_spinner=False)
def template_workbook(lang: str) -> bytes:
    from smmkpi import template

    return template.build_template_workbook(lang)


def upload_signature(files: Sequence) -> str:
    """A fingerprint of the uploaded files, so "Import" only writes what was checked."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode())
        digest.update(hashlib.sha256(file.getvalue()).digest())
    return digest.hexdigest()


def changed_anything(summary) -> bool:
    """True when an import inserted or updated a row or created an account, client or specialist."""
    return any(f.inserted or f.updated for f in summary.files) or any(
        _count(getattr(summary, f"{kind}_created", None)) for kind in ("accounts", "clients", "specialists")
    )


def run_import(ctx: PageContext, files: Sequence, workspace: str, *, dry_run: bool):
    """read_upload + import_tables; returns ("ok", summary) or ("problems", error) or ("unreadable", text).

    The steps show in an ``st.status`` box (reading, checking, writing, trust checks), so a few seconds of
    work never look like a frozen page. A re-import that changed nothing skips the cache reset and the
    trust checks: the data they depend on are the same.
    """
    payload = [(file.name, file.getvalue()) for file in files]
    slot = st.empty()  # the status box goes once the work is done: the outcome below says the rest
    try:
        return _run_import_steps(ctx, slot, payload, workspace, dry_run=dry_run)
    finally:
        slot.empty()


def _run_import_steps(ctx: PageContext, slot, payload: list, workspace: str, *, dry_run: bool):
    from smmkpi import importer

    lang = ctx.lang
    with slot.status(i18n.t("import.status_check" if dry_run else "import.status_write", lang),
                     expanded=True):  # fmt: skip
        try:
            st.write(i18n.t_plural("import.step_read", len(payload), lang))
            tables = importer.read_upload(payload)
            st.write(i18n.t("import.step_check" if dry_run else "import.step_write", lang))
            summary = importer.import_tables(ctx.engine, tables, workspace=workspace, dry_run=dry_run,
                                             source=", ".join(name for name, _ in payload))  # fmt: skip
        except importer.ImportValidationError as error:
            return "problems", error
        except (ValueError, OSError) as error:
            return "unreadable", str(error)
        if not dry_run and changed_anything(summary):
            clear_data_caches()
            with session_scope(ctx.engine) as session:
                workspace_id = repo.get_workspace(session, name=summary.workspace).id
            st.write(i18n.t("import.step_trust", lang))
            # the accounts the import changed, with a progress bar (the others stay current)
            trust_recheck(ctx, workspace_id=workspace_id)
    return "ok", summary


def _problem_order(problem) -> tuple:
    # by file, then line (a problem about the whole file, without a line, first), then column
    return (problem.file or "", -1 if problem.line is None else int(problem.line), problem.column or "")


def problems_table(error, lang: str) -> pd.DataFrame:
    """One row per problem, sorted by file and line; the rule without the "file, line …:" prefix."""
    rows = [{
        i18n.t("import.file", lang): p.file,
        i18n.t("import.line", lang): "" if p.line is None else str(p.line),
        i18n.t("import.column", lang): p.column or "",
        i18n.t("import.value", lang): "" if p.value is None else str(p.value),
        # the message without its "file, line …:" prefix, which the other columns already show
        i18n.t("import.rule", lang): replace(p, file="", line=None, column=None, value=None).message(lang),
    } for p in sorted(error.problems, key=_problem_order)]  # fmt: skip
    return pd.DataFrame(rows).astype(str)


def show_problems(error, lang: str) -> None:
    total = getattr(error, "total", len(error.problems))
    st.error(i18n.t_plural("import.problems", total, lang), icon=":material/error:")
    if total > len(error.problems):
        st.caption(i18n.t("import.problems_first", lang, shown=i18n.format_number(len(error.problems), lang)))
    # a static table: its cells wrap, so the whole rule is readable (a data grid cuts it at the column edge)
    st.table(problems_table(error, lang), hide_index=True)


def summary_table(summary, lang: str) -> pd.DataFrame:
    rows = [{
        i18n.t("import.file", lang): f.name,
        i18n.t("import.rows", lang): i18n.format_number(f.rows, lang),
        i18n.t("import.inserted", lang): i18n.format_number(f.inserted, lang),
        i18n.t("import.updated", lang): i18n.format_number(f.updated, lang),
        i18n.t("import.unchanged", lang): i18n.format_number(f.unchanged, lang),
    } for f in summary.files]  # fmt: skip
    return pd.DataFrame(rows).astype(str)


def show_summary(summary, lang: str, *, preview: bool) -> None:
    table = summary_table(summary, lang)
    st.dataframe(table, hide_index=True, width="stretch", column_config=_right_aligned(table.columns[1:]))
    created = {
        kind: _count(getattr(summary, f"{kind}_created")) for kind in ("accounts", "clients", "specialists")
    }
    if any(created.values()):
        shown = {kind: i18n.format_number(count, lang) for kind, count in created.items()}
        st.caption(i18n.t("import.created" if summary.dry_run else "import.created_done", lang, **shown))
    frames = {name: frame for name, frame in (getattr(summary, "preview", None) or {}).items()}
    if preview and frames:
        st.markdown(f"**{i18n.t('import.preview', lang)}**")
        for tab, frame in zip(st.tabs(list(frames)), frames.values(), strict=True):
            with tab:
                st.dataframe(frame.head(50), hide_index=True, width="stretch")


def _count(value) -> int:
    # the importer lists the names it created; a count is enough here
    return len(value) if isinstance(value, list | tuple | set) else int(value or 0)


def import_history(ctx: PageContext) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("import.history", lang))
    if ctx.workspace is None:
        st.caption(i18n.t("import.history_empty", lang))
        return
    runs = _history(ctx.database_url, ctx.workspace.id, data_version(ctx))
    if not runs:
        st.caption(i18n.t("import.history_empty", lang))
        return
    rows = [{
        i18n.t("import.when", lang): _local_time(run["finished_at"], ctx.workspace.timezone, lang),
        i18n.t("import.source", lang): _source_text(run["source"], lang),
        i18n.t("import.what", lang): _summary_text(run["summary"], lang),
    } for run in runs]  # fmt: skip
    st.dataframe(pd.DataFrame(rows).astype(str), hide_index=True, width="stretch")


def _summary_text(summary_json: str, lang: str) -> str:
    """ "3 files · 1 234 rows: 1 200 new, 34 updated, 0 unchanged" from the stored summary."""
    try:
        data = json.loads(summary_json or "{}")
    except ValueError:
        return i18n.MISSING
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not files:
        return i18n.MISSING
    totals = {k: sum(int(f.get(k) or 0) for f in files if isinstance(f, dict)) for k in
              ("rows", "inserted", "updated", "unchanged")}  # fmt: skip
    shown = {k: i18n.format_number(v, lang) for k, v in totals.items()}
    return i18n.t("import.totals", lang, files=i18n.format_number(len(files), lang), **shown)


def _source_text(source: str, lang: str) -> str:
    # the start-up demo is imported from a temporary folder whose path means nothing to a user
    if "smmkpi-demo-" in (source or ""):
        return i18n.t("import.demo_source", lang)
    return source or i18n.MISSING


IMPORT_STATE = "import_outcome"  # session key: the last check/import of this session


def template_download(lang: str) -> None:
    st.download_button(i18n.t("import.template", lang), data=template_workbook(lang),
                       file_name=f"smmkpi-template-{lang}.xlsx", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       help=i18n.t("import.template_help", lang), key="import_template", on_click="ignore")  # fmt: skip


def format_help(lang: str) -> None:
    with st.expander(i18n.t("import.format", lang), icon=":material/help:"):
        st.markdown(i18n.t("import.format_body", lang))


def import_target(ctx: PageContext) -> str:
    """The workspace the upload goes into: the current one, or a name typed for the first import."""
    if ctx.workspace is not None:
        st.caption(i18n.t("import.target", ctx.lang, workspace=ctx.workspace.name))
        return ctx.workspace.name
    default = i18n.t("import.default_workspace", ctx.lang)
    name = st.text_input(i18n.t("import.new_workspace", ctx.lang), value=default, key="import_workspace")
    return name.strip() or default


def check_upload(ctx: PageContext, files: Sequence, workspace: str) -> None:
    kind, payload = run_import(ctx, files, workspace, dry_run=True)
    st.session_state[IMPORT_STATE] = {"signature": upload_signature(files), "kind": kind, "payload": payload,
                                      "dry_run": True, "workspace": workspace}  # fmt: skip


def upload_ready(files: Sequence | None) -> bool:
    """True when exactly these files passed a check without problems and are not imported yet."""
    outcome = st.session_state.get(IMPORT_STATE)
    return (
        bool(files)
        and bool(outcome)
        and outcome["dry_run"]
        and outcome["kind"] == "ok"
        and (outcome["signature"] == upload_signature(files))
    )


def write_upload(ctx: PageContext, files: Sequence, workspace: str) -> None:
    kind, payload = run_import(ctx, files, workspace, dry_run=False)
    st.session_state[IMPORT_STATE] = {"signature": upload_signature(files), "kind": kind, "payload": payload,
                                      "dry_run": False, "workspace": workspace}  # fmt: skip
    if kind == "ok":
        st.rerun()  # the history, the sidebar and the reports pick up the new data


def import_outcome(lang: str, files: Sequence | None) -> None:
    """The result of the last check or import for the files now in the uploader."""
    outcome = st.session_state.get(IMPORT_STATE)
    if not outcome:
        return
    if outcome["dry_run"] and (not files or outcome["signature"] != upload_signature(files)):
        return  # the files changed since the check: its result no longer applies
    kind, payload = outcome["kind"], outcome["payload"]
    if kind == "problems":
        show_problems(payload, lang)
    elif kind == "unreadable":
        st.error(i18n.t("import.unreadable", lang, error=payload), icon=":material/error:")
    elif outcome["dry_run"]:
        st.success(i18n.t("import.checked_ok", lang), icon=":material/check_circle:")
        show_summary(payload, lang, preview=True)
    else:
        st.success(i18n.t("import.done", lang, workspace=outcome["workspace"]), icon=":material/task_alt:")
        if not changed_anything(payload):
            st.caption(i18n.t("import.step_nothing_changed", lang))
        show_summary(payload, lang, preview=False)


# ==================================================================================================
# Analysis pages (issue 5): Funnel, Money, Content and Communication.
# ==================================================================================================

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
        if (Path(__file__).resolve().parents[1] / "pages" / "connections.py").exists():
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
    return {"interactions": interactions, "trend": communication.response_trend(data, period, grain),
            "clients": len(data.clients)}  # fmt: skip


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
    """A cached loader of the analysis pages; a cold load (a big workspace, a long period: seconds) shows
    a spinner saying what is being computed — st.spinner appears only when the block takes over 0.5 s,
    so a warm rerun shows nothing."""
    period = i18n.format_period(selection.date_from, selection.date_to, ctx.lang)
    try:
        with st.spinner(i18n.t("analysis.loading", ctx.lang, period=period), show_time=True):
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


def _text_table(frame: pd.DataFrame, helps: Mapping[str, str] | None = None, *, height="auto") -> None:
    """Formatted text, numbers right-aligned; ``helps``: {column: tooltip} (a KPI's formula, see _formula)."""
    config = _right_aligned(frame.columns[1:])
    for column, text in (helps or {}).items():
        if column in frame.columns and text:
            align = "right" if column in frame.columns[1:] else None
            config[column] = st.column_config.TextColumn(column, help=text, alignment=align)
    st.dataframe(frame.astype(str), hide_index=True, width="stretch", column_config=config, height=height)


def _formula(key: str, lang: str) -> str:
    """A column tooltip with a KPI's formula, as on the KPI cards and the scorecard."""
    return f"**{i18n.t('msg.formula', lang)}:** {metrics.help_text(key, lang)}"


def _conversion_helps(lang: str, goal_type: str | None) -> str:
    """Every funnel conversion with its formula, one per line (the tooltip of a conversion column)."""
    labels = _conversion_labels(lang, goal_type)
    lines = [f"{labels['ctr']}: {metrics.help_text('ctr', lang)}",
             f"{labels['click_to_session']}: {metrics.help_text('click_to_session', lang)}",
             f"{labels['goal_rate']}: {i18n.t('funnel.conv_help_goal_rate', lang)}" if goal_type else
             f"{labels['conversion_rate']}: {metrics.help_text('conversion_rate', lang)}",
             f"{labels['goal_to_order']}: {i18n.t('funnel.conv_help_goal_to_order', lang)}",
             f"{labels[funnel.PER_GOAL]}: {i18n.t('funnel.conv_help_orders_per_goal', lang)}",
             f"{labels['order_value']}: {i18n.t('funnel.conv_help_order_value', lang)}"]  # fmt: skip
    return f"**{i18n.t('msg.formula', lang)}:**\n\n" + "\n\n".join(lines)


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


def _conversion_labels(lang: str, goal_type: str | None = None) -> dict[str, str]:
    """Names of the conversions; with a goal type the orders step reads "goal → order", not "lead → sale"."""
    labels = {key: i18n.t(f"funnel.conv_{key}", lang) for key in (*funnel.CONVERSIONS.values(), "goal_rate")}
    typed = "_typed" if goal_type is not None else ""
    labels["goal_to_order"] = i18n.t(f"funnel.conv_goal_to_order{typed}", lang)
    labels[funnel.PER_GOAL] = i18n.t(f"funnel.conv_orders_per_goal{typed}", lang)
    return labels


def _conversion_text(key, value, lang: str, currency: str) -> str:
    """A conversion as text: money for the order value, a number for "orders per goal", else a percentage."""
    if key == "order_value":
        return i18n.format_money(None if i18n.is_missing(value) else value, currency, lang)
    if key == funnel.PER_GOAL:
        return i18n.format_number(None if i18n.is_missing(value) else value, lang, decimals=1)
    return i18n.format_percent(None if i18n.is_missing(value) else value, lang, decimals=2)


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
                                   conversion_labels=_conversion_labels(lang, goal_type), titles=titles)  # fmt: skip
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
    conv_help = _conversion_helps(lang, goal_type)
    _text_table(table, {i18n.t(f"funnel.col_{c}", lang): conv_help
                        for c in ("conversion_name", "conversion", "conversion_previous", "conversion_plan")})  # fmt: skip
    per_goal = steps[steps["conversion_key"] == funnel.PER_GOAL]
    if not per_goal.empty:
        row = per_goal.iloc[0]
        goal_label = _step_labels(lang, goal_type)[funnel.GOAL_STEP]
        st.caption(i18n.t("funnel.note_per_goal", lang, goal=goal_label,
                          value=_conversion_text(funnel.PER_GOAL, row["conversion"], lang, currency)))  # fmt: skip
    csv_button(steps.assign(step=[_step_labels(lang, goal_type)[s] for s in steps["step"]]), {
        "step": titles["step"], "value": titles["value"], "previous": titles["previous"], "plan": titles["plan"],
        "conversion": titles["conversion"], "conversion_previous": titles["conversion_previous"],
        "conversion_plan": titles["conversion_plan"]}, lang, f"funnel-{selection_slug(result)}", "funnel_csv_steps")  # fmt: skip
    funnel_notes(ctx, result)


def selection_slug(result: dict) -> str:
    return f"{result['period']['from']}-{result['period']['to']}"


def funnel_table(steps: pd.DataFrame, lang: str, currency: str, goal_type: str | None) -> pd.DataFrame:
    """The steps as formatted text: value, Δ, plan; conversion from the previous step, its Δ and plan."""
    labels, conv_labels = _step_labels(lang, goal_type), _conversion_labels(lang, goal_type)
    rows = []
    for row in steps.itertuples():
        has_conv = row.conversion_key is not None and row.conversion_key == row.conversion_key

        def conv_fmt(v, key=row.conversion_key):
            return _conversion_text(key, v, lang, currency)

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
    counted = steps[~steps["conversion_key"].isin(funnel.NOT_CONVERSIONS)]  # order value, orders per goal
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


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _goals(database_url: str, workspace_id: int, version: int) -> pd.DataFrame:
    with session_scope(get_engine(database_url)) as session:
        return repo.list_goals(session, workspace_id=workspace_id)


def funnel_goal_editor(ctx: PageContext, selection: Selection) -> None:
    """Goal types, editable: a goal synced from Metrica gets a guessed type, an imported one may have none.

    Saved through the importer (the ``goals`` table), so the same validation applies; a later sync keeps the
    type chosen here (it writes its guess only for goals it has not stored before).
    """
    from smmkpi import importer

    lang = ctx.lang
    if flash := st.session_state.pop(GOAL_EDITOR_FLASH, None):
        st.success(flash, icon=":material/check:")
    goals = _goals(ctx.database_url, ctx.workspace.id, data_version(ctx))
    if client := selection.filters.client:
        goals = goals[goals["client"] == client].reset_index(drop=True)
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
                                   conversion_label=_conversion_labels(lang, goal_type)["goal_rate" if goal_type else "conversion_rate"])  # fmt: skip
        analysis_chart(spec, key="funnel_network_chart", on_select=lambda: _pick_from_chart(
            "funnel_network_chart", analysis_charts.PICK_NETWORK, "network", "funnel_network", list(report["by_network"])))  # fmt: skip
        st.caption(i18n.t("funnel.click_hint", lang))
    with right:
        columns = {"network": i18n.t("ui.channel", lang), **{s: labels[s] for s in funnel.STEPS},
                   **{funnel.CONVERSIONS[s]: _conversion_labels(lang, goal_type)[funnel.conversion_key(s, goal_type)]
                      for s in funnel.STEPS[1:]}}  # fmt: skip
        # steps and conversions as rows, networks as columns (like the Overview's network table)
        conversions = [funnel.CONVERSIONS[s] for s in funnel.STEPS[1:]]
        shown = pd.DataFrame({
            i18n.t("ui.kpi", lang): [columns[k] for k in (*funnel.STEPS, *conversions)],
            **{analysis_charts.series_label(row["network"], lang): [
                *(_step_value(funnel.step_kpi(s, goal_type), row[s], lang, currency) for s in funnel.STEPS),
                *(_network_conversion_text(c, row[c], lang, currency, goal_type) for c in conversions),
            ] for _, row in rows.iterrows()},
        })  # fmt: skip
        step_helps = "\n\n".join(f"{labels[s_]}: {metrics.help_text(funnel.step_kpi(s_, goal_type), lang)}"
                                   for s_ in funnel.STEPS)  # fmt: skip
        _text_table(shown, {i18n.t("ui.kpi", lang): f"{step_helps}\n\n{_conversion_helps(lang, goal_type)}"},
                    height=(len(shown) + 1) * 35 + 3)  # every row visible: no inner scroll  # fmt: skip
        csv_button(rows.assign(network=[analysis_charts.series_label(n, lang) for n in rows["network"]]), columns, lang,
                   f"funnel-networks-{selection_slug(report)}", "funnel_csv_networks")  # fmt: skip


def _network_conversion_text(key: str, value, lang: str, currency: str, goal_type: str | None) -> str:
    """A conversion in the networks table; orders above the goal step read "3,7 на цель", not "370 %"."""
    if key == "goal_to_order" and not i18n.is_missing(value) and value > 1:
        number = _conversion_text(funnel.PER_GOAL, value, lang, currency)
        return i18n.t("funnel.per_goal_value" if goal_type else "funnel.per_lead_value", lang, value=number)
    return _conversion_text(key, value, lang, currency)


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


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _money_kinds(database_url: str, workspace_name: str, filters_key: tuple, date_from: dt.date, date_to: dt.date,
                 version: int) -> dict:  # fmt: skip
    _, data = _view_data(database_url, workspace_name, filters_key, date_from, date_to, version)
    return money.cost_kinds(data, kpi.Period(date_from, date_to))


def money_verdict(ctx: PageContext, result: dict, selection: Selection | None = None) -> None:
    """ "Is SMM worth it?": the cost basis (all costs / ads only), the verdict first — the conclusive part,
    then the tentative one — its reasoning underneath (which cost kinds each side includes)."""
    lang = ctx.lang
    cost_basis = st.segmented_control(
        i18n.t("money.cost_basis", lang), money.COST_BASES, default="all", key="money_cost_basis", required=True,
        format_func=lambda b: i18n.t(f"money.cost_basis_{b}", lang), help=i18n.t("money.cost_basis_help", lang),
    )  # fmt: skip
    kinds = _view(_money_kinds, ctx, selection) if selection is not None else None
    verdict = money.verdict(result, cost_basis=cost_basis or "all", kinds=kinds)
    words = money.verdict_text(verdict, lang, result["currency"])
    box = {"good": st.success, "bad": st.error, "neutral": st.info, "missing": st.warning}[words["tone"]]
    box(f"**{words['headline']}**", icon=":material/balance:")
    if words["tentative"]:
        st.info(words["tentative"], icon=":material/science:")
    if words["caution"]:
        st.caption(words["caution"])
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
    helps = {
        columns[k]: i18n.t("money.kind_help", lang, kind=_lower_kind(k, lang)) for k in list(columns)[1:-1]
    }
    helps[columns["total"]] = _formula("cost", lang)
    _text_table(shown, helps)
    csv_button(wide.assign(channel=[charts.channel_label(c, lang) for c in wide["channel"]]), columns, lang,
               f"costs-{selection_slug(result)}", "money_csv_costs")  # fmt: skip


def _lower_kind(kind: str, lang: str) -> str:
    name = i18n.t(f"cost_kind.{kind}", lang)
    return name[:1].lower() + name[1:]


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
                               count_title=metrics.label(count_key, lang), small_text=i18n.t("money.small_sample", lang),
                               cost_title=i18n.t("ui.channel_cost", lang), formula=metrics.help_text(basis, lang))  # fmt: skip
    analysis_chart(spec, key="money_channel_chart")
    keys = ("cost", "sessions", "leads", "orders", "revenue", "cpc", "cpl", "cps", "romi")
    columns = {"channel": i18n.t("ui.channel", lang),
               **{k: i18n.t("ui.channel_cost", lang) if k == "cost" else metrics.label(k, lang) for k in keys}}  # fmt: skip
    shown = pd.DataFrame({columns["channel"]: [analysis_charts.series_label(c, lang) for c in comparison["channel"]],
                          **{columns[k]: [metrics.format_metric(k, None if i18n.is_missing(v) else v, lang, currency)
                                          for v in comparison[k]] for k in keys}})  # fmt: skip
    _text_table(shown, {columns[k]: _formula(k, lang) for k in keys})
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
                "posts": metrics.label("posts", lang), "plan": i18n.t("content.plan_csv", lang)}, lang,
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
                               posts_title=metrics.label("posts", lang), when_title=i18n.t("content.when", lang),
                               min_posts=content.HEATMAP_MIN_POSTS)  # fmt: skip
    best = content.best_posting_time(cells)
    if best is None:
        st.caption(i18n.t("content.best_time_none", lang, minimum=content.HEATMAP_MIN_POSTS))
    else:
        st.markdown(best_time_text(best, lang))
    analysis_chart(spec, key="content_heatmap_chart")
    st.caption(i18n.t("content.heatmap_hint", lang, timezone=ctx.workspace.timezone,
                      minimum=content.HEATMAP_MIN_POSTS))  # fmt: skip
    csv_button(cells, {"weekday": i18n.t("content.weekday", lang), "hour": i18n.t("content.hour", lang),
                       "posts": metrics.label("posts", lang), "engagements": metrics.label("engagements", lang),
                       "reach": metrics.label("reach", lang), "er_reach": metrics.label("er_reach", lang)}, lang,
               f"posting-times-{slug}", "content_csv_heatmap")  # fmt: skip


def best_time_text(best: dict, lang: str) -> str:
    """ "Best time: Wednesday, 19:00–20:00 — ER by reach 5.2 % on 12 posts (3.1 % over all posts)"."""
    day = i18n.t("content.weekdays", lang).split(",")[best["weekday"]].strip()
    hours = f"{best['hour']:02d}:00–{(best['hour'] + 1) % 24:02d}:00"
    text = i18n.t("content.best_time", lang, day=day, hours=hours, er=i18n.format_percent(best["er_reach"], lang),
                  posts=i18n.t_plural("content.count_posts", best["posts"], lang))  # fmt: skip
    if best["overall"] is not None:
        text += " " + i18n.t("content.best_time_overall", lang, er=i18n.format_percent(best["overall"], lang))
    return text


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
    """Comments and the 90th percentile next to the KPI cards (not KPIs of KPI.md)."""
    lang = ctx.lang
    overall = communication.response_stats(interactions).iloc[0]
    with st.container(horizontal=True, wrap=True, gap="small"):
        # one card for the comments: the messages are on the "Incoming messages" KPI card already (the
        # account's daily statistic); the imported messages are a column of the breakdown table below
        for key, value in (("card_comments", i18n.format_number(overall["comments"], lang, decimals=0)),
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
    with st.container():
        spec = analysis_chart_spec("response_time_chart", stats, by, lang, labels=labels,
                                   median_title=i18n.t("comm.median", lang), p90_title=i18n.t("comm.p90", lang),
                                   rate_title=metrics.label("response_rate", lang),
                                   received_title=metrics.label("interactions_in", lang))  # fmt: skip
        analysis_chart(spec, key="communication_time_chart")
        st.caption(i18n.t("comm.time_hint", lang))
    with st.container():  # below the chart, full width: six columns do not fit half the page
        columns = communication_stats_columns(lang, by)
        shown = pd.DataFrame({
            columns[by]: [labels[v] for v in stats[by]],
            columns["received"]: [i18n.format_number(v, lang, decimals=0) for v in stats["received"]],
            columns["comments"]: [i18n.format_number(v, lang, decimals=0) for v in stats["comments"]],
            columns["messages"]: [i18n.format_number(v, lang, decimals=0) for v in stats["messages"]],
            columns["answered"]: [i18n.format_number(v, lang, decimals=0) for v in stats["answered"]],
            columns["response_rate"]: [i18n.format_percent(v, lang) for v in stats["response_rate"]],
            columns["median_minutes"]: [i18n.format_duration_minutes(None if i18n.is_missing(v) else v, lang) for v in stats["median_minutes"]],
            columns["p90_minutes"]: [i18n.format_duration_minutes(None if i18n.is_missing(v) else v, lang) for v in stats["p90_minutes"]],
        })  # fmt: skip
        formula = i18n.t("msg.formula", lang)
        _text_table(shown, {columns["received"]: _formula("interactions_in", lang),
                            columns["answered"]: f"**{formula}:** {i18n.t('comm.answered_help', lang)}",
                            columns["response_rate"]: _formula("response_rate", lang),
                            columns["median_minutes"]: _formula("median_response_minutes", lang),
                            columns["p90_minutes"]: f"**{formula}:** {i18n.t('comm.p90_help', lang)}"})  # fmt: skip
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
    st.caption(communication_plan_hint(trend, view.get("clients", 1), lang))
    columns = {"bucket": i18n.t("filter.period", lang), "received": metrics.label("interactions_in", lang),
               "comments": i18n.t("comm.comments", lang), "messages": i18n.t("comm.messages", lang),
               "answered": i18n.t("comm.answered", lang), "response_rate": metrics.label("response_rate", lang),
               "median_minutes": metrics.label("median_response_minutes", lang), "p90_minutes": i18n.t("comm.p90", lang),
               "plan_interactions_in": i18n.t("comm.plan_of", lang, kpi=metrics.label("interactions_in", lang)),
               "plan_response_rate": i18n.t("comm.plan_of", lang, kpi=metrics.label("response_rate", lang)),
               "plan_median_response_minutes": i18n.t("comm.plan_of", lang, kpi=metrics.label("median_response_minutes", lang))}  # fmt: skip
    csv_button(trend, columns, lang, f"responses-{grain}-{slug}", "communication_csv_trend")


def communication_plan_hint(trend: pd.DataFrame, clients: int, lang: str) -> str:
    """What the plan marks on the two charts are — only the marks that are drawn — or why there are none."""
    ticks = "plan_interactions_in" in trend and trend["plan_interactions_in"].notna().any()
    dashed = "plan_response_rate" in trend and trend["plan_response_rate"].notna().any()
    if ticks and dashed:
        return i18n.t("comm.plan_hint", lang)
    if ticks:
        return i18n.t("comm.plan_hint_ticks", lang)
    if dashed:
        return i18n.t("comm.plan_hint_dashed", lang)
    return i18n.t("comm.no_plan_hint" if clients > 1 else "comm.no_plan_hint_one", lang)


def communication_overdue(ctx: PageContext, selection: Selection, slug: str) -> None:
    """Comments and messages still without an answer after N hours: the longest wait first, with a link."""
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
    csv_button(rows.assign(network=[charts.channel_label(n, lang) for n in rows["network"]],
                           kind=[i18n.t(f"interaction_kind.{k}", lang) if k in communication.KINDS else None
                                 for k in rows["kind"]]),  # fmt: skip
               {"received_at": i18n.t("comm.received_at", lang), "waiting_hours": i18n.t("comm.waiting_hours", lang),
                "kind": i18n.t("comm.kind", lang), "network": i18n.t("filter.network", lang),
                "account": i18n.t("filter.account", lang), "interaction_id": i18n.t("comm.id", lang),
                "account_url": i18n.t("comm.open_account", lang)}, lang, f"unanswered-{slug}", "communication_csv_overdue")  # fmt: skip


# ==================================================================================================
# Trust (issue 6): the Trust page and the warning marker on the Overview's follower cards.
# ==================================================================================================

TRUST_PRESET = "last_12_months"  # inflation is usually found after the fact
TRUST_CARD_KEYS = ("followers_end", "follower_growth", "follower_growth_rate", "followers_gained")
TRUST_VERDICT_ICONS = {"likely_inflated": ":material/gpp_bad:", "suspicious": ":material/warning:",
                       "clean": ":material/verified_user:", "not_enough_data": ":material/help:"}  # fmt: skip
TRUST_AUTHOR_KEY = "trust_author"


def _trust_version(ctx: PageContext) -> tuple:
    with session_scope(ctx.engine) as session:
        return trust_repo.trust_version(session, workspace_id=ctx.workspace.id)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _trust_items(database_url: str, workspace_id: int, client: str | None, date_from: dt.date, date_to: dt.date,
                 version: tuple) -> list:  # fmt: skip
    with session_scope(get_engine(database_url)) as session:
        accounts = repo.list_accounts(session, workspace_id=workspace_id)
        if client is not None:
            accounts = accounts[accounts["client"] == client]
        return trust.account_trust(session, workspace_id=workspace_id, accounts=accounts, date_from=date_from,
                                   date_to=date_to)  # fmt: skip


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _trust_series(database_url: str, workspace_id: int, timezone: str, account_id: int, date_from: dt.date,
                  date_to: dt.date, version: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    with session_scope(get_engine(database_url)) as session:
        daily = repo.load_daily(session, workspace_id=workspace_id, account_ids=[account_id], date_from=date_from,
                                date_to=date_to)  # fmt: skip
        posts = repo.load_posts(session, workspace_id=workspace_id, account_ids=[account_id], date_from=date_from,
                                date_to=date_to, timezone=timezone, details=True)  # fmt: skip
    return daily, posts


def trust_recheck(ctx: PageContext, *, force: bool = False, workspace_id: int | None = None) -> None:
    """Recheck accounts whose stored check is older than the data (all with ``force``), with a progress bar.

    ``workspace_id`` defaults to the page's workspace (the Import page passes the one it just imported into,
    which may not have existed when the page started)."""
    workspace_id = ctx.workspace.id if workspace_id is None else workspace_id
    with session_scope(ctx.engine) as session:
        version = trust_repo.data_version(session, workspace_id=workspace_id)
        ids = list(repo.list_accounts(session, workspace_id=workspace_id)["account_id"])
        stale = ids if force else trust_repo.stale_accounts(session, workspace_id=workspace_id,
                                                            account_ids=ids, version=version)  # fmt: skip
    if not stale:
        return
    bar = st.progress(0.0, text=i18n.t("trust.checking", ctx.lang, done=0, total=len(stale), account="…"))

    def step(done: int, total: int, account: str) -> None:
        bar.progress(
            done / total, text=i18n.t("trust.checking", ctx.lang, done=done, total=total, account=account)
        )

    count = trust.refresh(ctx.engine, workspace_id=workspace_id, account_ids=stale, force=True, progress=step)
    bar.empty()
    _trust_items.clear()
    st.toast(
        i18n.t("trust.checked", ctx.lang, count=i18n.format_number(count, ctx.lang)), icon=":material/done:"
    )


def _period_client_bar(ctx: PageContext, prefix: str, default_preset: str, client_label: str,
                       widths: list[float]):  # fmt: skip
    """Period preset, dates and client (when there are several) in one bordered row, state under ``prefix_*``
    keys. Returns (client, picked dates, anchor, the row's columns) so a page can put a button in the last."""
    lang, version = ctx.lang, data_version(ctx)
    catalog = _catalog(ctx.database_url, ctx.workspace.id, version)
    first, last = _date_range(ctx.database_url, ctx.workspace.id, version)
    anchor = last or dt.date.today()
    period_key, dates_key, client_key = f"{prefix}_period", f"{prefix}_dates", f"{prefix}_client"
    st.session_state.setdefault(period_key, default_preset)
    if dates_key not in st.session_state and st.session_state[period_key] != "custom":
        st.session_state[dates_key] = preset_range(st.session_state[period_key], anchor)
    with st.container(border=True):
        row = st.columns(widths, vertical_alignment="bottom")
        row[0].selectbox(i18n.t("filter.period", lang), PRESETS, key=period_key,
                         format_func=lambda p: i18n.t(f"period.{p}", lang),
                         on_change=_on_preset_change, args=(prefix, anchor))  # fmt: skip
        picked = row[1].date_input(i18n.t("ui.dates", lang), key=dates_key, format=DATE_FORMATS[lang],
                                   min_value=_earliest_pickable(first, anchor), max_value=max(anchor, dt.date.today()),
                                   on_change=_on_dates_change, args=(prefix,))  # fmt: skip
        client = None
        if len(catalog["clients"]) > 1:
            _keep_valid(client_key, catalog["clients"])
            client = row[2].selectbox(client_label, catalog["clients"], index=None, key=client_key,
                                      placeholder=i18n.t("ui.all_clients", lang))  # fmt: skip
    return client, picked, anchor, row


def trust_filters(ctx: PageContext) -> tuple[str | None, dt.date, dt.date]:
    """Client (when there are several), period preset and dates; defaults to the last 12 months."""
    lang = ctx.lang
    client, picked, anchor, row = _period_client_bar(ctx, "trust", TRUST_PRESET, i18n.t("trust.client", lang),
                                                     [1.3, 1.6, 1.7, 1.3])  # fmt: skip
    if row[3].button(i18n.t("trust.recheck", lang), icon=":material/refresh:", key="trust_recheck",
                     help=i18n.t("trust.recheck_help", lang)):  # fmt: skip
        trust_recheck(ctx, force=True)
    date_from, date_to = _dates(picked, st.session_state["trust_period"], anchor)
    st.caption(i18n.t("trust.period_note", lang))
    return client, date_from, date_to


def trust_items(ctx: PageContext, client: str | None, date_from: dt.date, date_to: dt.date) -> list:
    return _trust_items(ctx.database_url, ctx.workspace.id, client, date_from, date_to, _trust_version(ctx))


def _trust_account_label(item, lang: str) -> str:
    return f"{item.name or item.handle} · {charts.channel_label(item.network, lang)}"


def trust_overview(ctx: PageContext, items: list) -> None:
    """One row per account: verdict, suspicious episodes, explained spikes, marks."""
    lang = ctx.lang
    st.subheader(i18n.t("trust.accounts", lang))
    rows = [{
        i18n.t("trust.col.verdict", lang): i18n.t(f"trust.verdict.{item.verdict}", lang),
        i18n.t("trust.col.account", lang): item.name or item.handle,
        i18n.t("trust.col.network", lang): charts.channel_label(item.network, lang),
        i18n.t("trust.col.flags", lang): str(len(item.flags)),
        i18n.t("trust.col.causes", lang): str(int((item.findings["kind"] == "legit_cause").sum())),
        i18n.t("trust.col.explained", lang): str(int(item.findings["explained"].sum())),
    } for item in items]  # fmt: skip
    table = pd.DataFrame(rows).astype(str)
    config = {**_right_aligned(table.columns[3:]),
              table.columns[0]: st.column_config.TextColumn(table.columns[0], width="medium")}  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)
    trust_report_csv(ctx, items)


def trust_findings_frame(ctx: PageContext, items: list) -> pd.DataFrame:
    """Every finding of every account in scope, one row each, as a report to send (what, when, the numbers)."""
    lang, rows = ctx.lang, []
    for item in items:
        for row in item.findings.itertuples():
            kind = "explained" if row.explained else row.kind
            rows.append({
                "account": item.name or item.handle, "network": charts.channel_label(item.network, lang),
                "verdict": i18n.t(f"trust.verdict.{item.verdict}", lang), "check": row.detector,
                "finding": trust.finding_title(row, lang), "kind": i18n.t(f"trust.kind.{kind}", lang),
                "first_day": row.first_day, "last_day": row.last_day,
                "text": trust.finding_text(row, lang, ctx.workspace.currency),
                "comment": row.explained_comment if row.explained else None,
                "marked_by": row.explained_by if row.explained else None,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=list(TRUST_REPORT_COLUMNS))


TRUST_REPORT_COLUMNS = ("account", "network", "verdict", "check", "finding", "kind", "first_day", "last_day",
                        "text", "comment", "marked_by")  # fmt: skip


def trust_report_csv(ctx: PageContext, items: list) -> None:
    frame = trust_findings_frame(ctx, items)
    if frame.empty:
        return
    headers = {key: i18n.t(f"trust.report.{key}", ctx.lang) for key in TRUST_REPORT_COLUMNS}
    csv_button(
        frame,
        headers,
        ctx.lang,
        "trust-findings",
        key="trust_report_csv",
        label=i18n.t("trust.report.download", ctx.lang, count=i18n.format_number(len(frame), ctx.lang)),
    )


def trust_pick_account(ctx: PageContext, items: list):
    """The account to look at; the first time, the one with the worst verdict."""
    rank = {"likely_inflated": 0, "suspicious": 1, "clean": 2, "not_enough_data": 3}
    ordered = sorted(items, key=lambda item: (rank.get(item.verdict, 4), -len(item.flags)))
    ids = [item.account_id for item in items]
    _keep_valid("trust_account", ids)
    if st.session_state.get("trust_account") is None:
        st.session_state["trust_account"] = ordered[0].account_id
    by_id = {item.account_id: item for item in items}
    chosen = st.selectbox(i18n.t("trust.account", ctx.lang), ids, key="trust_account",
                          format_func=lambda a: f"{_trust_account_label(by_id[a], ctx.lang)} — "
                                                f"{i18n.t(f'trust.verdict.{by_id[a].verdict}', ctx.lang)}")  # fmt: skip
    return by_id[chosen]


def trust_verdict(ctx: PageContext, item) -> None:
    lang = ctx.lang
    text = i18n.t(f"trust.banner.{item.verdict}", lang, account=_trust_account_label(item, lang),
                  episodes=i18n.t_plural("trust.episodes", len(item.flags), lang))  # fmt: skip
    show = {"likely_inflated": st.error, "suspicious": st.warning, "clean": st.success}.get(
        item.verdict, st.info
    )
    show(text, icon=TRUST_VERDICT_ICONS[item.verdict])


def _trust_titles(lang: str, findings: pd.DataFrame) -> dict:
    titles = {
        key: i18n.t(f"trust.kind.{key}", lang)
        for key in ("suspicious", "impossible", "legit_cause", "explained")
    }
    titles.update({
        "followers": metrics.label("followers_end", lang), "gained": metrics.label("followers_gained", lang),
        "lost": metrics.label("followers_lost", lang), "flows": i18n.t("trust.flows", lang),
        "reach": metrics.label("reach", lang), "likes": i18n.t("trust.likes", lang),
        "comments": i18n.t("trust.comments", lang), "per_post": i18n.t("trust.per_post", lang),
        "post": i18n.t("trust.post", lang), "tooltip_finding": i18n.t("trust.finding", lang),
        "tooltip_days": i18n.t("trust.days", lang), "tooltip_date": i18n.t("trust.date", lang),
    })  # fmt: skip
    for row in findings.itertuples():
        titles[f"{row.detector}:{row.kind}:{row.cause}"] = trust.finding_title(row, lang)
    return titles


def trust_chart(ctx: PageContext, item, date_from: dt.date, date_to: dt.date) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("trust.charts", lang))
    daily, posts = _trust_series(ctx.database_url, ctx.workspace.id, ctx.workspace.timezone, item.account_id,
                                 date_from, date_to, _trust_version(ctx))  # fmt: skip
    if daily.empty and posts.empty:
        st.info(i18n.t("msg.no_data", lang), icon=":material/info:")
        return
    findings = item.findings
    texts = {
        int(row.finding_id): trust.finding_text(row, lang, ctx.workspace.currency)
        for row in findings.itertuples()
    }
    panels = trust_charts.account_charts(daily, posts, findings, date_from=date_from, date_to=date_to,
                                         titles=_trust_titles(lang, findings), texts=texts, lang=lang)  # fmt: skip
    for panel in panels:
        show_chart(panel.to_dict(), width="stretch")
    st.caption(i18n.t("trust.charts_caption", lang))


def _trust_author() -> str:
    try:
        user = st.user.to_dict() if st.user.get("is_logged_in", False) else {}
    except Exception:
        user = {}
    return str(user.get("email") or user.get("name") or st.session_state.get(TRUST_AUTHOR_KEY, "") or "")


def trust_findings(ctx: PageContext, item) -> None:
    """The findings in order: title, kind, days, the sentence with numbers, the evidence, the mark."""
    lang = ctx.lang
    st.subheader(i18n.t("trust.findings", lang))
    if item.findings.empty:
        st.caption(i18n.t("trust.no_findings", lang))
        return
    for row in item.findings.itertuples():
        flag = row.kind in ("suspicious", "impossible")
        kind = "explained" if row.explained else row.kind
        color = {"impossible": "red", "suspicious": "red", "legit_cause": "blue", "explained": "gray"}[kind]
        when = i18n.format_period(row.first_day, row.last_day, lang)
        with st.container(border=True, key=f"trust_finding_{row.finding_id}"):
            st.markdown(f"**{trust.finding_title(row, lang)}** · :{color}-badge[{i18n.t(f'trust.kind.{kind}', lang)}]"
                        f" · {when} · `{row.detector}`")  # fmt: skip
            st.markdown(trust.finding_text(row, lang, ctx.workspace.currency))
            if row.explained:
                st.caption(i18n.t("trust.explained_by", lang, comment=row.explained_comment, author=row.explained_by,
                                  when=_local_time(row.explained_at, ctx.workspace.timezone, lang)))  # fmt: skip
                if st.button(i18n.t("trust.reopen", lang), key=f"trust_reopen_{row.finding_id}", type="tertiary",
                             icon=":material/undo:"):  # fmt: skip
                    _trust_mark(ctx, item, row, explained=False, comment="", author=_trust_author() or "—")
            elif flag:
                _trust_mark_form(ctx, item, row)
            with st.expander(i18n.t("trust.numbers", lang)):
                st.json(row.evidence, expanded=True)


def _trust_mark_form(ctx: PageContext, item, row) -> None:
    lang = ctx.lang
    with st.popover(i18n.t("trust.mark", lang), icon=":material/task_alt:"):
        with st.form(f"trust_mark_{row.finding_id}", border=False):
            comment = st.text_area(i18n.t("trust.comment", lang), help=i18n.t("trust.mark_help", lang),
                                   key=f"trust_comment_{row.finding_id}")  # fmt: skip
            author = st.text_input(i18n.t("trust.author", lang), value=_trust_author(),
                                   key=f"trust_author_{row.finding_id}")  # fmt: skip
            if st.form_submit_button(
                i18n.t("trust.save_mark", lang), type="primary", key=f"trust_save_{row.finding_id}"
            ):
                if not comment.strip() or not author.strip():
                    st.error(i18n.t("trust.need_comment", lang), icon=":material/edit_note:")
                    return
                st.session_state[TRUST_AUTHOR_KEY] = author.strip()
                _trust_mark(ctx, item, row, explained=True, comment=comment, author=author)


def _trust_mark(ctx: PageContext, item, row, *, explained: bool, comment: str, author: str) -> None:
    with session_scope(ctx.engine) as session:
        trust_repo.mark_finding(session, workspace_id=ctx.workspace.id, account_id=item.account_id,
                                detector=row.detector, finding_key=row.finding_key, first_day=row.first_day,
                                last_day=row.last_day, explained=explained, comment=comment, author=author)  # fmt: skip
    _trust_items.clear()
    st.toast(i18n.t("trust.saved" if explained else "trust.reopened", ctx.lang), icon=":material/done:")
    st.rerun()


def trust_not_checked(ctx: PageContext, item) -> None:
    missing = {d: s for d, s in item.status.items() if s != "ok"}
    if not missing:
        return
    lang = ctx.lang
    with st.expander(i18n.t("trust.not_checked", lang), icon=":material/block:"):
        st.caption(i18n.t("trust.not_checked_caption", lang))
        for detector, reason in missing.items():
            st.markdown(f"- **{i18n.t(f'trust.detector.{detector}', lang)}** (`{detector}`): "
                        f"{i18n.t(f'trust.reason.{_trust_reason(reason)}', lang)}")  # fmt: skip


def _trust_reason(status: str) -> str:
    """A catalog key for a detector's "not enough data" status (the detectors write English for the CLI)."""
    text = status.lower()
    for key, words in (("hourly", "hourly"), ("sessions", "sessions"), ("reach", "reach"), ("comments", "comments"),
                       ("likes", "likes"), ("posts", "posts"), ("followers", "follower"), ("daily", "daily")):  # fmt: skip
        if words in text:
            return key
    return "other"


def trust_method(ctx: PageContext) -> None:
    with st.expander(i18n.t("trust.method", ctx.lang), icon=":material/science:"):
        st.markdown(i18n.t("trust.method_body", ctx.lang))


def trust_card_notes(ctx: PageContext, selection: Selection) -> dict[str, str]:
    """Warning notes for the Overview's follower cards: accounts in scope with unexplained suspicious findings.

    Reads stored findings only (the Trust page and the CLI keep them fresh); never recomputes here.
    """
    try:
        flagged = _trust_flagged(ctx.database_url, ctx.workspace.id, selection.filters_key, selection.date_from,
                                 selection.date_to, _trust_version(ctx))  # fmt: skip
    except query.ScopeError:
        return {}
    if not flagged:
        return {}
    names = ", ".join(f"{name} ({charts.channel_label(network, ctx.lang)}) — "
                      f"{i18n.t(f'trust.verdict.{verdict}', ctx.lang).lower()}"
                      for name, network, verdict in flagged)  # fmt: skip
    note = i18n.t("trust.card_note", ctx.lang, accounts=names)
    return dict.fromkeys(TRUST_CARD_KEYS, note)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _trust_flagged(database_url: str, workspace_id: int, filters_key: tuple, date_from: dt.date, date_to: dt.date,
                   version: tuple) -> list[tuple[str, str, str]]:  # fmt: skip
    with session_scope(get_engine(database_url)) as session:
        workspace = repo.get_workspace_by_id(session, workspace_id=workspace_id)
        filters = _filters(filters_key)
        accounts = query.scoped_accounts(session, workspace, filters)
        if filters.specialist is not None:
            specialist = query.resolve_specialist(session, workspace, filters.specialist)
            assigned = repo.list_assignments(session, workspace_id=workspace_id, specialist_id=specialist)
            accounts = accounts[accounts["account_id"].isin(assigned["account_id"])]
        items = trust.account_trust(session, workspace_id=workspace_id, accounts=accounts, date_from=date_from,
                                    date_to=date_to)  # fmt: skip
    return [(item.name or item.handle, item.network, item.verdict) for item in items
            if item.verdict in ("suspicious", "likely_inflated")]  # fmt: skip


# ==================================================================================================
# The SMM brief wizard (issue 3, pages/brief.py).
# ==================================================================================================

BRIEF_ID_KEY = "brief_id"  # session: the open brief
BRIEF_STEP_KEY = "brief_step"  # session: its step (1-based)
BRIEF_TODAY_KEY = "brief_today"  # tests put a date here; the app uses today's
BRIEF_FLASH_KEY = "brief_flash"  # a message for the next rerun (saved, created, …)
BRIEF_PROBLEMS_KEY = "brief_problems"
BRIEF_PICK_KEY = "brief_pick"  # the picker widget
BRIEF_PICK_NEXT = "brief_pick_next"  # the brief the picker shows after a rerun (new, copy)
_BRIEF_TRANSIENT = ("brief_q_", "brief_base_", "brief_confirm")
# Questions shown side by side; every other question has a row of its own.
BRIEF_ROWS = {
    "business": [("company",), ("product",), ("site_sells",), ("average_order_value", "margin_percent"),
                 ("sales_cycle",), ("sales_channels",)],
    "resources": [("budget_ads", "budget_fee", "budget_production"), ("responder",), ("response_minutes",)],
    "reports": [("report_frequency", "report_formats"), ("report_kpis",), ("report_recipients",)],
}  # fmt: skip
BRIEF_BASELINE_CARDS = ("reach", "followers_end", "posts", "er_reach", "sessions", "leads", "cpl")


@dataclass
class BriefView:
    """The open brief as the page shows it (answers as saved, step as in the URL)."""

    id: int
    client: str
    title: str
    status: str
    step: int
    answers: dict
    version: int  # newest saved plan version, 0 = none

    @property
    def step_name(self) -> str:
        return briefs.STEPS[self.step - 1]


def brief_today() -> dt.date:
    value = st.session_state.get(BRIEF_TODAY_KEY)
    return value if isinstance(value, dt.date) else dt.date.today()


def brief_user() -> str:
    """Who is working: the logged-in user's name or e-mail, else "local user"."""
    try:
        if st.user.get("is_logged_in", False):
            return str(st.user.get("name") or st.user.get("email") or brief_service.LOCAL_USER)
    except Exception:  # no auth configured
        pass
    return brief_service.LOCAL_USER


def _brief_who(name: str | None, lang: str) -> str:
    if not name:
        return i18n.MISSING
    return i18n.t("brief.local_user", lang) if name == brief_service.LOCAL_USER else name


def _brief_url_int(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and str(value).isdigit() else None


def _brief_key(view: BriefView | int, kind: str, name: str) -> str:
    """A step widget's key, with the brief's id in it: the browser keeps the last value it saw for a key
    and sends it back after a rerun, so a key shared by two briefs would carry one brief's answers into the
    other (a new brief, a copy, another brief in the picker)."""
    brief_id = view if isinstance(view, int) else view.id
    return f"brief_{kind}_{brief_id}_{name}"


def _brief_forget_widgets(*, picker: bool = False) -> None:
    """Drop the step widgets (and the brief picker, before a rerun that opens another brief)."""
    prefixes = _BRIEF_TRANSIENT + ((BRIEF_PICK_KEY,) if picker else ())
    for key in [k for k in st.session_state if str(k).startswith(prefixes)]:
        del st.session_state[key]


def _brief_views(ctx: PageContext) -> list[BriefView]:
    with session_scope(ctx.engine) as session:
        versions = brief_repo.latest_versions(session, workspace_id=ctx.workspace.id)
        return [
            BriefView(b.id, b.client, b.title, b.status, b.step,
                      briefs.normalize_answers(brief_repo.answers_of(b)), versions.get(b.id, 0))
            for b in brief_repo.list_briefs(session, workspace_id=ctx.workspace.id)
        ]  # fmt: skip


def brief_label(view: BriefView, lang: str) -> str:
    if view.version:
        status = i18n.t("brief.status.completed", lang, version=view.version)
    else:
        status = i18n.t("brief.status.draft", lang, step=view.step, total=len(briefs.STEPS))
    return f"{view.client or i18n.t('brief.no_client', lang)} · {view.title} — {status}"


def _brief_flash(kind: str, text: str) -> None:
    st.session_state[BRIEF_FLASH_KEY] = (kind, text)


def _brief_open(brief_id: int, step: int, *, picker: bool = False) -> None:
    _brief_forget_widgets()
    if picker:  # set through session state: a deleted widget key would keep the browser's old choice
        st.session_state[BRIEF_PICK_NEXT] = brief_id
    st.session_state[BRIEF_ID_KEY] = brief_id
    st.session_state[BRIEF_STEP_KEY] = step
    st.query_params["brief"] = str(brief_id)
    st.query_params["step"] = str(step)


def brief_picker(ctx: PageContext) -> BriefView | None:
    """Which brief is open (URL, session, else the newest), with New / Copy / Delete next to it."""
    lang = ctx.lang
    flash = st.session_state.pop(BRIEF_FLASH_KEY, None)
    if flash:
        getattr(st, flash[0])(flash[1], icon=":material/task_alt:" if flash[0] == "success" else None)
    recent = _brief_views(ctx)  # the most recently changed first
    # the picker lists briefs in a stable order (by creation): the browser keeps the chosen option's
    # position, and an autosave reordering the list would silently switch to another brief
    views = {v.id: v for v in sorted(recent, key=lambda v: v.id)}
    current = st.session_state.get(BRIEF_ID_KEY)
    if current not in views:
        current = _brief_url_int("brief")
    if current not in views:
        current = recent[0].id if recent else None
    # the open brief's label shows the step on screen (a deep link's, not the saved one)
    if current is not None:
        if current == st.session_state.get(BRIEF_ID_KEY) and BRIEF_STEP_KEY in st.session_state:
            views[current].step = st.session_state[BRIEF_STEP_KEY]
        elif _brief_url_int("brief") == current and 1 <= (_brief_url_int("step") or 0) <= len(briefs.STEPS):
            views[current].step = _brief_url_int("step")
    # the browser keeps showing the text of the chosen option when its label changes (a new step, a saved
    # version, a renamed client): the key follows the open brief's label, so a new label is a new widget
    label = brief_label(views[current], lang) if current is not None else ""
    pick_key = f"{BRIEF_PICK_KEY}_{hashlib.sha1(label.encode()).hexdigest()[:10]}"
    if BRIEF_PICK_NEXT in st.session_state:
        st.session_state[pick_key] = st.session_state.pop(BRIEF_PICK_NEXT)
    if st.session_state.get(pick_key, current) not in views:
        st.session_state.pop(pick_key, None)
    row = st.columns([3.4, 1.4, 1, 1.1], vertical_alignment="bottom")
    picked = None
    if views:
        ids = list(views)
        default = {} if pick_key in st.session_state else {"index": ids.index(current)}
        picked = row[0].selectbox(i18n.t("brief.pick", lang), ids, **default, key=pick_key,
                                  format_func=lambda i: brief_label(views[i], lang))  # fmt: skip
    with row[1].popover(i18n.t("brief.new", lang), icon=":material/add:", width="stretch"):
        _brief_client_form(ctx, "new")
    if picked is None:
        st.info(i18n.t("brief.empty", lang), icon=":material/edit_note:")
        return None
    view = views[picked]
    with row[2].popover(i18n.t("brief.duplicate", lang), icon=":material/content_copy:", width="stretch"):
        st.caption(i18n.t("brief.duplicate_caption", lang))
        _brief_client_form(ctx, "copy", source=view)
    with row[3].popover(i18n.t("brief.delete", lang), icon=":material/delete:", width="stretch"):
        st.warning(i18n.t("brief.delete_warning", lang, title=brief_label(view, lang)))
        if st.button(i18n.t("brief.delete_run", lang), key="brief_delete_run", type="primary"):
            with session_scope(ctx.engine) as session:
                brief_repo.delete_brief(session, workspace_id=ctx.workspace.id, brief_id=view.id)
            _brief_forget_widgets(picker=True)
            st.session_state.pop(BRIEF_ID_KEY, None)
            st.query_params.pop("brief", None)
            _brief_flash("success", i18n.t("brief.deleted", lang))
            st.rerun()
    if picked != st.session_state.get(BRIEF_ID_KEY):
        # another brief (or a fresh session): its place comes from the URL, else from the database
        url_step = _brief_url_int("step") if _brief_url_int("brief") == picked else None
        step = url_step if url_step and 1 <= url_step <= len(briefs.STEPS) else max(1, min(view.step, 7))
        _brief_open(picked, step)
    view.step = st.session_state.get(BRIEF_STEP_KEY, view.step)
    if st.query_params.get("brief") != str(view.id) or st.query_params.get("step") != str(view.step):
        st.query_params["brief"], st.query_params["step"] = str(view.id), str(view.step)
    return view


def _brief_client_form(ctx: PageContext, mode: str, source: BriefView | None = None) -> None:
    """A client picker (or a new name) and the button that creates a brief or a copy for it."""
    lang = ctx.lang
    clients = _catalog(ctx.database_url, ctx.workspace.id, data_version(ctx))["clients"]
    label = i18n.t("brief.new_client" if mode == "new" else "brief.duplicate_client", lang)
    client = st.selectbox(label, clients, index=None, key=f"brief_{mode}_client", accept_new_options=True,
                          placeholder=i18n.t("brief.company_placeholder", lang),
                          help=i18n.t("brief.new_client_help", lang))  # fmt: skip
    action = i18n.t("brief.create" if mode == "new" else "brief.duplicate_run", lang)
    if not st.button(action, key=f"brief_{mode}_run", type="primary", icon=":material/check:"):
        return
    client = (client or "").strip()
    if not client:
        st.error(i18n.t("brief.client_required", lang))
        return
    if mode == "new":
        made = brief_service.new_brief(ctx.engine, workspace_id=ctx.workspace.id, client=client,
                                       title=i18n.t("brief.default_title", lang), by=brief_user())  # fmt: skip
        _brief_flash("success", i18n.t("brief.created", lang))
    else:
        made = brief_service.duplicate_brief(ctx.engine, workspace_id=ctx.workspace.id, brief_id=source.id,
                                             client=client, by=brief_user())  # fmt: skip
        _brief_flash("success", i18n.t("brief.duplicated", lang, client=client))
    _brief_open(made.id, 1, picker=True)
    st.rerun()


def brief_progress(ctx: PageContext, view: BriefView) -> int:
    """The progress bar and the step bar; returns the step the user asked for (the current one if none)."""
    lang, total = ctx.lang, len(briefs.STEPS)
    title = i18n.t(f"brief.step.{view.step_name}", lang)
    st.progress(
        view.step / total, text=i18n.t("brief.progress", lang, step=view.step, total=total, title=title)
    )
    asked = st.segmented_control(
        i18n.t("brief.steps", lang), list(range(1, total + 1)), default=view.step, required=True,
        key=f"brief_nav_{view.id}_{view.step}", label_visibility="collapsed", width="stretch",
        format_func=lambda n: f"{n}. {i18n.t(f'brief.step.{briefs.STEPS[n - 1]}', lang)}",
    )  # fmt: skip
    return int(asked or view.step)


def _brief_help(name: str, lang: str) -> str | None:
    return i18n.CATALOGS[i18n.normalize_language(lang)].get(f"brief.help.{name}")


def _brief_option_label(question: briefs.Question, lang: str):
    return lambda option: i18n.t(f"brief.option.{question.name}.{option}", lang)


def _brief_autosave(ctx: PageContext, view: BriefView, answers: dict) -> None:
    """Write the answers to the database when they changed (every widget change reruns the page)."""
    if answers == view.answers:
        return
    client = (answers.get("company") or "").strip()
    with session_scope(ctx.engine) as session:
        brief_repo.update_brief(session, workspace_id=ctx.workspace.id, brief_id=view.id, by=brief_user(),
                                answers=answers, client=client if client != view.client else None)  # fmt: skip
    view.answers, view.client = answers, client


def brief_questions(ctx: PageContext, view: BriefView) -> None:
    """The questions of steps 1–6 (with what each chosen answer means), autosaved."""
    lang, step = ctx.lang, view.step_name
    answers = dict(view.answers)
    rows = BRIEF_ROWS.get(step) or [(q.name,) for q in briefs.questions_for(step)]
    for names in rows:
        columns = st.columns(len(names)) if len(names) > 1 else [st.container()]
        for name, column in zip(names, columns, strict=True):
            with column:
                answers[name] = _brief_question(ctx, view, briefs.QUESTION_BY_NAME[name], answers)
        for name in names:
            keys = briefs.consequences(answers, name)
            if keys:
                st.info("\n".join(f"- {i18n.t(key, lang)}" for key in keys), icon=":material/lightbulb:")
    if step == "resources":
        _brief_budget_split(ctx, answers)
    _brief_autosave(ctx, view, briefs.normalize_answers(answers))
    st.caption(i18n.t("brief.autosaved", lang))


def _brief_question(ctx: PageContext, view: BriefView, question: briefs.Question, answers: dict):
    lang, name, kind = ctx.lang, question.name, question.kind
    key, value = _brief_key(view, "q", name), view.answers.get(name)
    label, help_text = i18n.t(f"brief.q.{name}", lang), _brief_help(name, lang)
    if kind == "client":
        clients = _catalog(ctx.database_url, ctx.workspace.id, data_version(ctx))["clients"]
        options = list(dict.fromkeys([*clients, *([value] if value else [])]))
        chosen = st.selectbox(label, options, index=options.index(value) if value else None, key=key, help=help_text,
                              accept_new_options=True, placeholder=i18n.t("brief.company_placeholder", lang))  # fmt: skip
        return (chosen or "").strip()
    if kind == "text":
        return st.text_input(label, value=value or "", key=key, help=help_text)
    if kind == "long_text":
        return st.text_area(label, value=value or "", key=key, help=help_text, height=90)
    if kind in ("money", "percent"):
        money = kind == "money"
        return st.number_input(label, min_value=0.0, max_value=None if money else 100.0, value=value,
                               step=1000.0 if money else 1.0, format="%.0f", key=key, help=help_text)  # fmt: skip
    if kind in ("choice", "minutes"):
        shown = (
            _brief_option_label(question, lang)
            if kind == "choice"
            else (lambda m: i18n.format_duration_minutes(m, lang))
        )
        return st.pills(label, question.options, default=value if value in question.options else None, key=key,
                        format_func=shown, help=help_text)  # fmt: skip
    if kind in ("multi", "networks"):
        shown = (
            _brief_option_label(question, lang)
            if kind == "multi"
            else (lambda n: charts.channel_label(n, lang))
        )
        chosen = st.pills(label, question.options, selection_mode="multi", key=key, format_func=shown,
                          default=[v for v in value if v in question.options], help=help_text)  # fmt: skip
        return list(chosen or [])
    if kind == "kpis":
        return st.multiselect(label, metrics.KPI_KEYS, default=[v for v in value if v in metrics.METRICS], key=key,
                              format_func=lambda k: metrics.label(k, lang), help=help_text,
                              placeholder=i18n.t("brief.multi_placeholder", lang))  # fmt: skip
    if kind == "accounts":
        return _brief_accounts_question(ctx, label, help_text, key, value, answers.get("company"))
    if kind == "goals":
        return _brief_goals_question(ctx, view, label, help_text, key)
    raise ValueError(f"no widget for question kind {kind!r}")


def _brief_accounts_question(
    ctx: PageContext, label: str, help_text, key: str, value: list, client: str | None
) -> list:
    lang = ctx.lang
    accounts = _catalog(ctx.database_url, ctx.workspace.id, data_version(ctx))["accounts"]
    own = accounts[accounts["client"] == client] if client else accounts.iloc[0:0]
    names = {f"{a.network}/{a.handle}": f"{charts.channel_label(a.network, lang)} · {a.name or a.handle}"
             for a in own.itertuples()}  # fmt: skip
    names.update({v: v for v in value if v not in names})  # chosen earlier, e.g. before a client rename
    if not names:
        st.caption(i18n.t("brief.no_accounts", lang))
        return list(value)
    chosen = st.multiselect(label, list(names), default=list(value), key=key, format_func=names.get, help=help_text,
                            placeholder=i18n.t("brief.multi_placeholder", lang))  # fmt: skip
    return list(chosen)


def _brief_goals_question(ctx: PageContext, view: BriefView, label: str, help_text, key: str) -> list[dict]:
    """The goals table (one row per goal); can be filled from the goals already imported for the client."""
    lang, base_key = ctx.lang, _brief_key(view, "base", "goals")
    if base_key not in st.session_state:
        st.session_state[base_key] = _brief_goals_frame(view.answers.get("goals") or [])
    st.markdown(f"**{label}**", help=help_text)
    known = _brief_client_goals(ctx, view.answers.get("company") or "")
    if known and st.button(i18n.t("brief.goals_from_data", lang, count=len(known)), key="brief_goals_from_data",
                           icon=":material/download:", help=i18n.t("brief.goals_from_data_help", lang)):  # fmt: skip
        current = [g for g in view.answers.get("goals") or [] if g.get("name")]
        names = {g["name"] for g in current}
        st.session_state[base_key] = _brief_goals_frame(
            current + [g for g in known if g["name"] not in names]
        )
        st.session_state.pop(key, None)
        st.rerun()
    types = list(briefs.GOAL_TYPES)
    config = {
        "name": st.column_config.TextColumn(i18n.t("brief.goal.name", lang), width="large"),
        "type": st.column_config.SelectboxColumn(i18n.t("brief.goal.type", lang), options=types, width="medium",
                                                 format_func=lambda t: i18n.t(f"goal_type.{t}", lang)),
        # default "": a new row's empty id cells show blank, not "None"
        "metrica_id": st.column_config.TextColumn(i18n.t("brief.goal.metrica_id", lang), default=""),
        "ga4_id": st.column_config.TextColumn(i18n.t("brief.goal.ga4_id", lang), default=""),
        "pages": st.column_config.TextColumn(i18n.t("brief.goal.pages", lang), default=""),
    }  # fmt: skip
    edited = st.data_editor(st.session_state[base_key], key=key, num_rows="dynamic", hide_index=True,
                            column_config=config, width="stretch")  # fmt: skip
    return [briefs.normalize_goal(r) for r in edited.to_dict("records")]


def _brief_goals_frame(goals: list[dict]) -> pd.DataFrame:
    rows = [briefs.normalize_goal(g) for g in goals]
    return pd.DataFrame(rows, columns=list(briefs.GOAL_COLUMNS)).astype("string")


def _brief_client_goals(ctx: PageContext, client: str) -> list[dict]:
    if not client:
        return []
    with session_scope(ctx.engine) as session:
        return brief_repo.client_goals(session, workspace_id=ctx.workspace.id, client=client)


def _brief_budget_split(ctx: PageContext, answers: dict) -> None:
    """The month's total and a bar split into ads, fee and content."""
    import altair as alt

    lang, currency = ctx.lang, ctx.workspace.currency
    budget = briefs.Budget.from_answers(answers)
    if budget.total <= 0:
        st.caption(i18n.t("brief.budget_none", lang))
        return
    st.markdown(i18n.t("brief.budget_total", lang, total=i18n.format_money(budget.total, currency, lang)))
    # the inputs cannot group thousands (300000): each amount is repeated here as people read money
    st.caption(" + ".join(
        f"{i18n.t(f'brief.budget_part.{part}', lang)} {i18n.format_money(getattr(budget, part), currency, lang)}"
        if getattr(budget, part) else f"{i18n.t(f'brief.budget_part.{part}', lang)} {i18n.MISSING}"
        for part in ("ads", "fee", "production")
    ))  # fmt: skip
    shares, left, records = budget.shares(), 0.0, []
    for part in ("ads", "fee", "production"):
        share = shares[part] or 0.0
        if share > 0:
            name = i18n.t(f"brief.budget_part.{part}", lang)
            records.append({"part": name, "start": left, "end": left + share, "mid": left + share / 2,
                            "label": f"{name} · {i18n.format_percent(share, lang, decimals=0)}",
                            "amount": i18n.format_money(getattr(budget, part), currency, lang)})  # fmt: skip
            left += share
    frame = pd.DataFrame(records)
    scale = alt.Scale(domain=[0, 1])
    tooltip = [alt.Tooltip("part:N", title=i18n.t("brief.budget_share", lang)),
               alt.Tooltip("amount:N", title=i18n.t("brief.budget_amount", lang))]  # fmt: skip
    bars = alt.Chart(frame).mark_bar(height=34).encode(
        x=alt.X("start:Q", scale=scale, axis=None), x2="end:Q", tooltip=tooltip,
        color=alt.Color("part:N", sort=list(frame["part"]), legend=None,
                        scale=alt.Scale(range=["#4C78A8", "#72B7B2", "#F58518"])),
    )  # fmt: skip
    labels = (
        alt.Chart(frame)
        .mark_text(color="white", fontWeight="bold")
        .encode(x=alt.X("mid:Q", scale=scale), text="label:N", tooltip=tooltip)
    )
    chart = alt.layer(bars, labels).properties(height=40)
    st.altair_chart(chart.configure(locale=charts.vega_locale(lang)), width="stretch")


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _brief_baseline(database_url: str, workspace: str, client: str, today: dt.date, version: int) -> dict:
    baseline = brief_service.load_baseline(
        get_engine(database_url), workspace=workspace, client=client, today=today
    )
    return baseline.to_dict()


def brief_plan_step(ctx: PageContext, view: BriefView) -> None:
    """Step 7: months, the baseline, the proposed plan in an editable table, saving and saved versions."""
    lang, today, currency = ctx.lang, brief_today(), ctx.workspace.currency
    answers = dict(view.answers)
    options = briefs.plan_start_options(today)
    start = (
        answers.get("plan_start")
        if answers.get("plan_start") in options
        else briefs.default_plan_start(today)
    )
    left, right = st.columns(2)
    answers["plan_start"] = left.selectbox(
        i18n.t("brief.q.plan_start", lang), options, index=options.index(start), key=_brief_key(view, "q", "plan_start"),
        format_func=lambda m: i18n.format_month(briefs.month_first_day(m), lang),
    )  # fmt: skip
    answers["plan_months"] = right.slider(
        i18n.t("brief.q.plan_months", lang), briefs.PLAN_MONTHS_MIN, briefs.PLAN_MONTHS_MAX,
        value=answers.get("plan_months") or briefs.DEFAULT_PLAN_MONTHS, key=_brief_key(view, "q", "plan_months"),
    )  # fmt: skip
    client = answers.get("company") or ""
    baseline = briefs.Baseline.from_dict(
        _brief_baseline(ctx.database_url, ctx.workspace.name, client, today, data_version(ctx))
    )
    _brief_baseline_cards(ctx, baseline, client)
    if _brief_propose_button(lang, bool(answers.get("plan_rows"))):
        proposal = briefs.propose_plan(answers, baseline, start_month=answers["plan_start"],
                                       months=answers["plan_months"])  # fmt: skip
        answers.update(plan_rows=[r.to_dict() for r in proposal.rows()],
                       plan_reasons={k: [r.to_dict() for r in v] for k, v in proposal.reasons().items()},
                       plan_notes=[n.to_dict() for n in proposal.notes], plan_baseline=baseline.to_dict())  # fmt: skip
        _brief_autosave(ctx, view, answers)
        _brief_forget_widgets()
        st.rerun()
    if not answers.get("plan_rows"):
        _brief_autosave(ctx, view, answers)
        st.info(i18n.t("brief.plan_empty_hint", lang), icon=":material/info:")
        _brief_plan_versions(ctx, view)
        return
    draft = [briefs.PlanRow.from_dict(r) for r in answers["plan_rows"]]
    months = briefs.plan_months_of(draft) or briefs.month_range(answers["plan_start"], answers["plan_months"])
    if months != briefs.month_range(answers["plan_start"], answers["plan_months"]):
        st.warning(i18n.t("brief.plan_months_changed", lang), icon=":material/event_repeat:")
    reasons = brief_service.version_reasons(answers.get("plan_reasons") or {})
    rows = _brief_plan_editor(ctx, view, draft, months, reasons)
    answers["plan_rows"] = [r.to_dict() for r in rows]
    _brief_autosave(ctx, view, answers)
    for reason in reasons.get("romi", []):  # a ROMI target below break-even: SMM at a loss, say so loudly
        if reason.key == briefs.ROMI_BELOW_BREAKEVEN:
            st.warning(reason.render(lang, currency), icon=":material/trending_down:")
    notes = [briefs.Reason.from_dict(n) for n in answers.get("plan_notes") or []]
    if notes:
        st.markdown(f"**{i18n.t('brief.notes_title', lang)}**")
        st.caption("\n".join(f"- {n.render(lang, currency)}" for n in notes))
    _brief_plan_chart(ctx, view, rows, baseline)
    _brief_save_plan(ctx, view, rows, reasons)
    _brief_plan_versions(ctx, view)


def _brief_baseline_cards(ctx: PageContext, baseline: briefs.Baseline, client: str) -> None:
    lang, currency = ctx.lang, ctx.workspace.currency
    if not baseline.has_data:
        st.info(i18n.t("brief.baseline_none", lang), icon=":material/info:")
        return
    period = i18n.format_period(baseline.date_from, baseline.date_to, lang)
    st.markdown(f"**{i18n.t('brief.baseline_title', lang, client=client, period=period)}**")
    with st.container(horizontal=True, wrap=True, gap="small"):
        for key in BRIEF_BASELINE_CARDS:
            value = baseline.monthly(key)
            label = metrics.label(key, lang)
            if key in briefs.MONTHLY_SUMS:
                label = f"{label}, {i18n.t('brief.per_month', lang)}"
            with st.container(border=True, width=200, gap="xsmall"):
                # a two-line label above the number (st.metric cuts its own label to one line)
                with st.container(height=LABEL_HEIGHT, border=False):
                    st.markdown(label, help=metrics.help_text(key, lang))
                st.metric(
                    label, metrics.format_metric(key, value, lang, currency), label_visibility="collapsed"
                )


def _brief_propose_button(lang: str, has_draft: bool) -> bool:
    if not has_draft:
        return st.button(i18n.t("brief.propose", lang), type="primary", key="brief_propose",
                         icon=":material/auto_awesome:")  # fmt: skip
    with st.popover(i18n.t("brief.repropose", lang), icon=":material/refresh:"):
        st.warning(i18n.t("brief.repropose_warning", lang))
        return st.button(i18n.t("brief.repropose_run", lang), type="primary", key="brief_propose")


def _brief_plan_editor(ctx: PageContext, view: BriefView, draft, months, reasons) -> list:
    """The plan as a table to edit (KPI rows × month columns); returns the edited rows."""
    lang, currency = ctx.lang, ctx.workspace.currency
    base_key = _brief_key(view, "base", f"plan_{lang}")
    if base_key not in st.session_state:
        st.session_state[base_key] = briefs.plan_frame(draft, months, reasons, lang=lang, currency=currency)
    scope_label = {s: i18n.t("brief.scope.all", lang) if s == "all" else charts.channel_label(s, lang)
                   for s in briefs.PLAN_SCOPES}  # fmt: skip
    config = {
        briefs.KPI_COLUMN: st.column_config.SelectboxColumn(
            i18n.t("brief.column.kpi", lang), options=list(metrics.KPI_KEYS), required=True, pinned=True,
            width=180, format_func=lambda k: metrics.label(k, lang), help=i18n.t("brief.column.kpi_help", lang)),
        briefs.SCOPE_COLUMN: st.column_config.SelectboxColumn(
            i18n.t("brief.column.scope", lang), options=list(briefs.PLAN_SCOPES), default="all", width=105,
            format_func=scope_label.get),
        briefs.UNIT_COLUMN: st.column_config.TextColumn(i18n.t("brief.column.unit", lang), width=75),
        **{m: st.column_config.NumberColumn(briefs.short_month(m, lang), min_value=0.0, format="localized",
                                            width=86) for m in months},
    }  # fmt: skip
    st.caption(i18n.t("brief.plan_table_caption", lang))
    # the reasons are long sentences: they are listed under the table, not squeezed into a column
    order = [briefs.KPI_COLUMN, briefs.SCOPE_COLUMN, briefs.UNIT_COLUMN, *months]
    # every row shows (no inner scrolling): a header, the rows and the "add row" line, 35 px each
    height = 35 * (len(st.session_state[base_key]) + 2) + 3
    edited = st.data_editor(st.session_state[base_key], key=_brief_key(view, "q", "plan"), num_rows="dynamic", hide_index=True,
                            column_config=config, column_order=order, disabled=[briefs.UNIT_COLUMN],
                            width="stretch", height=height)  # fmt: skip
    rows = briefs.rows_from_frame(edited, months)
    weekly: dict[str, list[str]] = {}
    for scope, month, per_week in briefs.posts_per_week(rows):
        weekly.setdefault(scope, []).append(
            f"{briefs.short_month(month, lang)} — {i18n.format_number(per_week, lang, decimals=1)}"
        )
    for scope, weeks in weekly.items():
        st.caption(
            i18n.t("brief.posts_per_week", lang, scope=scope_label.get(scope, scope), weeks="; ".join(weeks))
        )
    with st.expander(i18n.t("brief.doc.reasons", lang), expanded=True, icon=":material/psychology:"):
        planned = list(dict.fromkeys(r.kpi for r in rows))
        st.markdown("\n".join(f"- **{metrics.label(k, lang)}.** {briefs.render_reasons(reasons[k], lang, currency)}"
                               for k in planned if reasons.get(k) and k in metrics.METRICS))  # fmt: skip
    with st.expander(i18n.t("brief.formulas", lang), icon=":material/function:"):
        # the table's cells cannot carry tooltips: every planned KPI's formula (as on the KPI cards) is here
        st.markdown("\n".join(f"- **{metrics.label(k, lang)}**: {metrics.help_text(k, lang)}"
                               for k in planned if k in metrics.METRICS))  # fmt: skip
    return rows


def _brief_plan_chart(ctx: PageContext, view: BriefView, rows, baseline: briefs.Baseline) -> None:
    """Bars of one KPI's monthly targets with today's level as a line: is the plan a stretch or a step back?"""
    import altair as alt

    lang, currency = ctx.lang, ctx.workspace.currency
    kpis = list(dict.fromkeys(r.kpi for r in rows if r.scope == "all" and r.kpi in metrics.METRICS))
    if not kpis:
        return
    kpi = st.selectbox(i18n.t("brief.chart_kpi", lang), kpis, key=_brief_key(view, "chart", "kpi"), width=320,
                       format_func=lambda k: metrics.label(k, lang))  # fmt: skip
    factor = 100.0 if metrics.METRICS[kpi].unit == "ratio" else 1.0
    month_title = i18n.t("brief.chart_month", lang)
    frame = pd.DataFrame([{
        "month": i18n.format_month(briefs.month_first_day(r.month), lang), "order": r.month,
        "target": r.target * factor, "text": metrics.format_metric(kpi, r.target, lang, currency),
    } for r in rows if r.kpi == kpi and r.scope == "all"]).sort_values("order")  # fmt: skip
    bars = alt.Chart(frame).mark_bar(color="#4C78A8", cornerRadiusEnd=3).encode(
        x=alt.X("month:N", sort=list(frame["month"]), title=month_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("target:Q", title=metrics.label(kpi, lang)),
        tooltip=[alt.Tooltip("month:N", title=month_title),
                 alt.Tooltip("text:N", title=i18n.t("brief.chart_target", lang))],
    )  # fmt: skip
    layers, title = [bars], None
    now = baseline.monthly(kpi) if baseline.has_data else None
    if now is not None:
        # today's level is a dashed red line; its value is told above the chart, where no bar can cover it
        label = f"- - -  {i18n.t('brief.chart_now', lang)}: {metrics.format_metric(kpi, now, lang, currency)}"
        line = pd.DataFrame([{"now": now * factor, "label": label}])
        layers.append(alt.Chart(line).mark_rule(color="#E45756", strokeDash=[6, 4], size=2).encode(
            y="now:Q", tooltip=alt.Tooltip("label:N", title=i18n.t("brief.chart_now", lang))))  # fmt: skip
        title = alt.TitleParams(label, color="#E45756", anchor="start", fontSize=13, fontWeight="normal")
    chart = alt.layer(*layers).properties(height=240, **({"title": title} if title else {}))
    st.altair_chart(chart.configure(locale=charts.vega_locale(lang)), width="stretch")


def _brief_save_plan(ctx: PageContext, view: BriefView, rows, reasons) -> None:
    """Save (with a confirmation when existing targets change or go), then say where the plan shows."""
    from smmkpi import importer

    lang, today = ctx.lang, brief_today()
    problems = briefs.validate_plan(rows, today=today)
    if not view.client:
        problems.insert(0, briefs.BriefProblem("business", "company", "company_missing"))
    for problem in problems:
        st.error(problem.message(lang), icon=":material/error:")
    confirmed = False
    if st.button(i18n.t("brief.save_plan", lang), type="primary", key="brief_save", disabled=bool(problems),
                 icon=":material/save:", help=i18n.t("brief.save_help", lang)):  # fmt: skip
        change = brief_service.plan_change(
            ctx.engine, workspace=ctx.workspace.name, client=view.client, rows=rows
        )
        if change.changed or change.cleared:  # existing targets change or go: ask first
            st.session_state["brief_confirm_save"] = change
        else:
            confirmed = True
    pending = st.session_state.get("brief_confirm_save")
    if pending is not None:
        month = i18n.format_month(briefs.month_first_day(pending.first_month), lang)
        st.warning(i18n.t("brief.confirm_replace", lang, client=view.client, month=month, changed=pending.changed,
                          cleared=len(pending.cleared)), icon=":material/warning:")  # fmt: skip
        yes, no, _ = st.columns([1, 1, 3])
        if no.button(i18n.t("brief.confirm_no", lang), key="brief_confirm_no", width="stretch"):
            st.session_state.pop("brief_confirm_save", None)
            st.rerun()
        confirmed = yes.button(i18n.t("brief.confirm_yes", lang), key="brief_confirm_yes", type="primary",
                               width="stretch")  # fmt: skip
    if not confirmed:
        return
    st.session_state.pop("brief_confirm_save", None)
    try:
        saved = brief_service.save_plan(ctx.engine, workspace=ctx.workspace.name, brief_id=view.id, rows=rows,
                                        reasons=reasons, by=brief_user(), today=today)  # fmt: skip
    except brief_service.BriefError as error:
        for problem in error.problems:
            st.error(problem.message(lang), icon=":material/error:")
        return
    except importer.ImportValidationError as error:
        show_problems(error, lang)
        return
    clear_data_caches()
    _brief_flash(
        "success",
        i18n.t("brief.saved", lang, version=saved.version, rows=i18n.format_number(saved.rows, lang)),
    )
    st.rerun()


def _brief_plan_versions(ctx: PageContext, view: BriefView) -> None:
    """Every saved version with who/when, and any of them as a canonical plan.csv."""
    lang = ctx.lang
    with session_scope(ctx.engine) as session:
        versions = brief_repo.list_plan_versions(session, workspace_id=ctx.workspace.id, brief_id=view.id)
        items = [(v.version, v.saved_at, v.saved_by, brief_repo.rows_of(v)) for v in versions]
    st.subheader(i18n.t("brief.versions", lang))
    if not items:
        st.caption(i18n.t("brief.no_versions", lang))
        return
    page_link("pages/overview.py", i18n.t("brief.to_overview", lang), ":material/monitoring:")
    table = pd.DataFrame([{
        i18n.t("brief.version", lang): str(number),
        i18n.t("brief.saved_at", lang): _local_time(saved_at, ctx.workspace.timezone, lang),
        i18n.t("brief.saved_by", lang): _brief_who(by, lang),
        i18n.t("brief.months", lang): _brief_months_text(rows, lang),
        i18n.t("brief.targets", lang): i18n.format_number(len(rows), lang),
    } for number, saved_at, by, rows in items])  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch", key="brief_versions_table")
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    chosen = left.selectbox(
        i18n.t("brief.version", lang), [n for n, *_ in items], key=_brief_key(view, "version", "pick")
    )
    rows = next(brief_service.version_rows(r) for n, _, _, r in items if n == chosen)
    right.download_button(i18n.t("brief.download_version", lang), data=brief_service.plan_csv(rows, view.client),
                          file_name=f"plan-v{chosen}.csv", mime="text/csv", key="brief_plan_csv", on_click="ignore",
                          icon=":material/download:", help=i18n.t("brief.download_help", lang))  # fmt: skip


def _brief_months_text(rows: list[dict], lang: str) -> str:
    months = sorted({str(r["month"]) for r in rows})
    if not months:
        return i18n.MISSING
    first, last = (i18n.format_month(briefs.month_first_day(m), lang) for m in (months[0], months[-1]))
    return first if first == last else f"{first} — {last}"


def brief_navigation(ctx: PageContext, view: BriefView, asked: int) -> None:
    """Back / Next; a jump asked in the step bar happens here, after this step's answers were saved."""
    lang, total = ctx.lang, len(briefs.STEPS)
    for problem in st.session_state.pop(BRIEF_PROBLEMS_KEY, []):
        st.error(problem.message(lang), icon=":material/error:")
    back, forward, _ = st.columns([1, 1, 4])
    target = asked if asked != view.step else None
    if back.button(i18n.t("brief.back", lang), key="brief_back", disabled=view.step == 1,
                   icon=":material/arrow_back:", width="stretch"):  # fmt: skip
        target = view.step - 1
    if view.step < total and forward.button(i18n.t("brief.next", lang), key="brief_next", type="primary",
                                            icon=":material/arrow_forward:", width="stretch"):  # fmt: skip
        target = view.step + 1
    if target is None or target == view.step:
        return
    if target > view.step:
        problems = briefs.validate_step(view.answers, view.step_name, today=brief_today())
        if problems:
            st.session_state[BRIEF_PROBLEMS_KEY] = problems
            st.session_state.pop(f"brief_nav_{view.id}_{view.step}", None)
            st.rerun()
    with session_scope(ctx.engine) as session:
        brief_repo.update_brief(session, workspace_id=ctx.workspace.id, brief_id=view.id, by=brief_user(),
                                step=target)  # fmt: skip
    _brief_open(view.id, target)
    st.rerun()


def brief_export(ctx: PageContext, view: BriefView) -> None:
    """The brief as a PDF or Markdown document in the chosen language (built only when downloaded)."""
    lang = ctx.lang
    with st.container(border=True):
        st.markdown(f"**{i18n.t('brief.export_title', lang)}**")
        st.caption(i18n.t("brief.export_caption", lang))
        row = st.columns([1.4, 1, 1, 2], vertical_alignment="bottom")
        doc_lang = row[0].segmented_control(
            i18n.t("brief.export_lang", lang), list(i18n.SUPPORTED), default=lang, required=True,
            key="brief_doc_lang", format_func=lambda code: i18n.t(f"lang.{code}", code),
        ) or lang  # fmt: skip
        engine, workspace, today = ctx.engine, ctx.workspace.name, brief_today()

        def document():
            return brief_service.document_for(engine, workspace=workspace, brief_id=view.id, today=today)

        stem = brief_document.file_stem(view.client)
        row[1].download_button("PDF", data=lambda: brief_document.brief_pdf(document(), doc_lang),
                               file_name=f"{stem}-{doc_lang}.pdf", mime=brief_document.PDF_MIME,
                               key="brief_pdf", on_click="ignore", icon=":material/picture_as_pdf:", width="stretch")  # fmt: skip
        row[2].download_button("Markdown", data=lambda: brief_document.brief_markdown(document(), doc_lang).encode(),
                               file_name=f"{stem}-{doc_lang}.md", mime=brief_document.MARKDOWN_MIME,
                               key="brief_md", on_click="ignore", icon=":material/description:", width="stretch")  # fmt: skip


# ==================================================================================================
# Connections (issue 4): start-up safety and the Connections page.
# ==================================================================================================

CONNECTIONS_URL_PATH = "integrations"  # the page's url_path in streamlit_app.py: the OAuth redirect URI
CONNECTIONS_FLASH = "connections_flash"  # session key: [(kind, text)] shown once after a rerun
CONNECTIONS_PICK = "connections_pick"  # session key: the connection whose account picker is open
CONNECTIONS_SYNC = "connections_sync_now"  # session key: a connection to sync right after the picker
AUTH_URL_REUSE = dt.timedelta(minutes=8)  # reuse a started authorization while its 10-minute state lives
OAUTH_RETURN_PARAMS = ("code", "state", "device_id", "type", "expires_in", "error", "error_description",
                       "error_uri", "ext_id")  # fmt: skip
HINTS = ("reconnect", "permissions", "retry_later", "retry", "configure", "start_again")


def secure_startup(settings: Settings) -> None:
    """Once per run, before anything else: a secret key for tokens, and the workspace an OAuth return belongs to.

    Local mode generates the key into .streamlit/secrets.toml (the note goes to the server console);
    hosted mode (SMMKPI_HOSTED=true) without SMMKPI_SECRET_KEY stops the app with an explanation.
    """
    import os

    from smmkpi import crypto

    try:
        crypto.ensure_secret_key(environ=os.environ, secrets=_secrets())
    except crypto.SecretKeyError as error:
        st.error(i18n.t("connections.no_secret_key", current_language(settings), error=str(error)),
                 icon=":material/key_off:")  # fmt: skip
        st.stop()
    _conn_adopt_oauth_workspace(settings)


def _conn_adopt_oauth_workspace(settings: Settings) -> None:
    """Back from the provider, a new session has no workspace chosen: open the one the state was started in."""
    state = st.query_params.get("state")
    if not state or st.session_state.get(WORKSPACE_KEY) or st.query_params.get(WORKSPACE_KEY):
        return
    from smmkpi import sync

    workspace_id = sync.pending_state_workspace(get_engine(settings.database_url), state=state)
    for workspace in _workspaces(settings.database_url):
        if workspace.id == workspace_id:
            st.query_params[WORKSPACE_KEY] = workspace.name


def _conn_sync_env():
    import os

    from smmkpi import sync

    return sync.SyncEnv(environ=os.environ, secrets=_secrets())


def connections_user() -> str | None:
    """The logged-in user's e-mail (or name), None without login."""
    try:
        info = st.user.to_dict()
    except Exception:
        return None
    if not info.get("is_logged_in"):
        return None
    return info.get("email") or info.get("name") or info.get("sub")


def connections_redirect_uri(settings: Settings) -> str:
    """The Connections page's URL (the OAuth redirect URI): SMMKPI_PUBLIC_URL + /integrations when set (behind a
    proxy), else the host the browser uses."""
    import os
    from urllib.parse import urlsplit

    public = os.environ.get("SMMKPI_PUBLIC_URL") or dict(_secrets().get("smmkpi", {}) or {}).get("public_url")
    if public:
        return f"{str(public).rstrip('/')}/{CONNECTIONS_URL_PATH}"
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:
        parts = urlsplit("")
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}/{CONNECTIONS_URL_PATH}"
    return f"http://localhost:8501/{CONNECTIONS_URL_PATH}"


def _conn_flash(kind: str, text: str) -> None:
    st.session_state.setdefault(CONNECTIONS_FLASH, []).append((kind, text))


def show_connections_flash() -> None:
    icons = {"success": ":material/check_circle:", "warning": ":material/warning:", "error": ":material/error:",
             "info": ":material/info:"}  # fmt: skip
    for kind, text in st.session_state.pop(CONNECTIONS_FLASH, []):
        getattr(st, kind)(text, icon=icons[kind])


def _conn_error_text(error: Exception, lang: str) -> str:
    hint = getattr(error, "hint", "") or getattr(error, "code", "")
    advice = i18n.t(f"connections.hint.{hint}", lang) if hint in HINTS else ""
    return f"{error} {advice}".strip()


def oauth_callback(ctx: PageContext) -> None:
    """Handle ``?code=&state=`` (or ``?error=``) from the provider, then clear them from the URL."""
    from smmkpi import sync
    from smmkpi.sources import oauth
    from smmkpi.sources.base import SourceError

    params = {key: st.query_params.get(key) for key in OAUTH_RETURN_PARAMS if st.query_params.get(key)}
    if "state" not in params or not ({"code", "error"} & set(params)):
        return
    for key in params:
        del st.query_params[key]
    lang = ctx.lang
    if "error" in params:
        _conn_flash("warning", i18n.t("connections.cancelled", lang))
        return
    try:
        connected = sync.complete_authorization(
            ctx.engine, state=params["state"], code=params["code"], workspace_id=ctx.workspace.id,
            user=connections_user(), callback_params=params, env=_conn_sync_env(),
        )  # fmt: skip
    except oauth.OAuthStateError as error:
        _conn_flash("error", i18n.t(f"connections.state_{error.reason}", lang))
        return
    except (SourceError, sync.SyncError) as error:
        _conn_flash("error", i18n.t("connections.connect_failed", lang, error=_conn_error_text(error, lang)))
        return
    _conn_flash("success", i18n.t("connections.connected", lang, name=connected.connected_as))
    st.session_state[CONNECTIONS_PICK] = connected.connection_id


def connection_sources() -> list:
    from smmkpi import sync

    return sync.sources()


def _conn_auth_url(ctx: PageContext, cls) -> str | None:
    """A started authorization for this session, reused while its state is young (a new one otherwise)."""
    from smmkpi import sync

    key = f"connections_auth_{cls.info.key}"
    cached = st.session_state.get(key)
    now = dt.datetime.now(dt.UTC)
    if cached and cached["workspace_id"] == ctx.workspace.id and now - cached["at"] < AUTH_URL_REUSE:
        return cached["url"]
    try:
        url = sync.begin_authorization(ctx.engine, workspace_id=ctx.workspace.id, source=cls.info.key,
                                       redirect_uri=connections_redirect_uri(ctx.settings), user=connections_user(), env=_conn_sync_env())  # fmt: skip
    except sync.SyncError:
        return None
    st.session_state[key] = {"url": url, "at": now, "workspace_id": ctx.workspace.id}
    return url


def _conn_oauth_button(label: str, url: str) -> None:
    """A button-looking link that opens the provider's consent page in the same tab (so it can come back)."""
    from html import escape

    st.markdown(
        f'<a href="{escape(url, quote=True)}" target="_self" class="smmkpi-connect" '
        'style="display:inline-block;padding:0.45rem 1rem;border-radius:0.5rem;background:#ff4b4b;color:white;'
        f'text-decoration:none;font-weight:600">{escape(label)}</a>',
        unsafe_allow_html=True,
    )


def _conn_state_label(info, lang: str) -> str:
    if info.state == "syncing" and info.running is not None:
        return i18n.t(
            "connections.state.syncing", lang, percent=i18n.format_percent(info.running.progress, lang, 0)
        )
    return i18n.t(f"connections.state.{info.state}", lang)


def source_card(ctx: PageContext, cls, infos: Sequence) -> None:
    """One source: what it gives and cannot give, how to connect it, and its connections."""
    lang = ctx.lang
    info = cls.info
    config = cls.load_config(None, _secrets())
    mine = [c for c in infos if c.source == info.key and c.state != "disconnected"]
    with st.container(border=True):
        head, badge = st.columns([3, 2], vertical_alignment="center")
        head.subheader(info.name, anchor=False)
        if mine:
            badge.markdown(
                " ".join(f":{_conn_state_color(c.state)}-badge[{_conn_state_label(c, lang)}]" for c in mine)
            )
        elif cls.oauth is not None and not config.oauth_ready and "token" not in info.auth:
            badge.markdown(f":gray-badge[{i18n.t('connections.state.not_configured', lang)}]")
        else:
            badge.markdown(f":blue-badge[{i18n.t('connections.state.ready', lang)}]")
        if info.limits.get(lang):
            st.caption(info.limits[lang])
        for connection in mine:
            connection_block(ctx, cls, connection)
        reauth = any(c.state == "needs_reauth" for c in mine)
        _conn_controls(ctx, cls, config, connected="reauth" if reauth else bool(mine))


def _conn_state_color(state: str) -> str:
    return {"connected": "green", "syncing": "blue", "needs_reauth": "orange", "failed": "red"}.get(
        state, "gray"
    )


def _conn_controls(ctx: PageContext, cls, config, *, connected: bool | str) -> None:
    lang, info = ctx.lang, cls.info
    if cls.oauth is not None:
        if config.oauth_ready:
            url = _conn_auth_url(ctx, cls)
            if url:
                label = {"reauth": "connections.reconnect", True: "connections.connect_another"}.get(
                    connected, "connections.connect"
                )
                _conn_oauth_button(i18n.t(label, lang, name=info.name), url)
        else:
            st.caption(
                i18n.t("connections.oauth_not_configured", lang, source=info.key.upper(), name=info.name)
            )
    if "token" in info.auth:
        label = "connections.paste_token" if cls.oauth is not None else "connections.paste_token_only"
        with st.expander(i18n.t(label, lang), icon=":material/key:"):
            if cls.token_help.get(lang):
                st.caption(cls.token_help[lang])
            with st.form(f"connections_token_{info.key}", border=False):
                st.text_input(i18n.t("connections.token", lang), type="password",
                              key=f"connections_token_value_{info.key}")  # fmt: skip
                st.form_submit_button(i18n.t("connections.check_and_save", lang), icon=":material/verified:",
                                      on_click=_conn_token_submitted, args=(ctx, info.key))  # fmt: skip


def _conn_token_submitted(ctx: PageContext, source: str) -> None:
    """Form callback: take the pasted token out of session state at once, check it, save it encrypted."""
    from smmkpi import sync
    from smmkpi.sources.base import SourceError

    lang = ctx.lang
    key = f"connections_token_value_{source}"
    token = st.session_state.get(key) or ""
    st.session_state[key] = ""  # a callback may clear the widget: the token never stays in session state
    try:
        connected = sync.connect_with_token(ctx.engine, workspace_id=ctx.workspace.id, source=source, token=token,
                                            user=connections_user(), env=_conn_sync_env())  # fmt: skip
    except (SourceError, sync.SyncError) as error:
        _conn_flash("error", i18n.t("connections.token_refused", lang, error=_conn_error_text(error, lang)))
        return
    kind = i18n.t(f"connections.kind.{connected.kind}", lang)
    _conn_flash(
        "success", i18n.t("connections.connected_token", lang, name=connected.connected_as, kind=kind)
    )
    st.session_state[CONNECTIONS_PICK] = connected.connection_id


def _conn_moment(moment, ctx: PageContext) -> str:
    return _local_time(moment, ctx.workspace.timezone, ctx.lang)


def connection_block(ctx: PageContext, cls, info) -> None:
    """A connection: who, state, tracked accounts, last sync, actions, the picker and the sync log."""
    lang = ctx.lang
    kind = i18n.t(f"connections.kind.{info.kind}", lang)
    st.markdown(i18n.t("connections.connected_as", lang, name=info.connected_as, kind=kind))
    if info.state == "needs_reauth":
        st.warning(
            i18n.t("connections.needs_reauth_help", lang, name=cls.info.name), icon=":material/lock_reset:"
        )
    elif info.state == "failed" and info.last_error:
        st.error(i18n.t("connections.failed_help", lang, error=info.last_error), icon=":material/error:")
    if info.running is not None:  # a sync started elsewhere (another session, the CLI, another replica)
        _conn_live_progress(ctx, info.running.id)
    tracked = [a for a in info.accounts if a.enabled]
    if tracked:
        st.dataframe(_conn_tracked_table(tracked, ctx), hide_index=True, width="stretch")
    if info.last_run is not None:
        run = info.last_run
        key = "connections.last_run_ok" if run.status == "ok" else f"connections.last_run_{run.status}"
        st.caption(
            i18n.t(
                key, lang, when=_conn_moment(run.finished_at, ctx), rows=i18n.format_number(run.rows, lang)
            )
        )
        if run.notes:
            st.caption(i18n.t("connections.not_supported", lang, notes="; ".join(run.note_texts(lang))))
    picking = st.session_state.get(CONNECTIONS_PICK) == info.id or (
        not tracked and info.state != "needs_reauth"
    )
    buttons = st.container(horizontal=True)
    if buttons.button(i18n.t("connections.sync_now", lang), key=f"connections_sync_{info.id}", type="primary",
                         icon=":material/sync:", disabled=not tracked or info.running is not None):  # fmt: skip
        run_sync_now(ctx, info.id)
    if buttons.button(i18n.t("connections.accounts", lang), key=f"connections_pick_{info.id}",
                         icon=":material/checklist:"):  # fmt: skip
        st.session_state[CONNECTIONS_PICK] = info.id
        picking = True
    with buttons.popover(i18n.t("connections.disconnect", lang), icon=":material/link_off:"):
        disconnect_confirmation(ctx, cls, info)
    if picking and info.state != "needs_reauth":
        account_picker(ctx, cls, info)
    connections_sync_log(ctx, info)


@st.fragment(run_every=2)
def _conn_live_progress(ctx: PageContext, run_id: int) -> None:
    """The progress of a sync running elsewhere, read from the database every 2 s; the page reloads when done."""
    from smmkpi import sync

    run = sync.run_status(ctx.engine, workspace_id=ctx.workspace.id, run_id=run_id, env=_conn_sync_env())
    if run is None or run.status != "running":
        st.rerun()
    percent = i18n.format_percent(run.progress, ctx.lang, 0)
    st.progress(run.progress, text=i18n.t("connections.state.syncing", ctx.lang, percent=percent))


def _conn_tracked_table(tracked: Sequence, ctx: PageContext) -> pd.DataFrame:
    lang = ctx.lang
    return pd.DataFrame([{
        i18n.t("connections.account", lang): a.name or a.handle,
        i18n.t("connections.handle", lang): a.handle,
        i18n.t("filter.client", lang): a.client,
        i18n.t("filter.specialist", lang): a.specialist or i18n.MISSING,
        i18n.t("connections.synced_through", lang): i18n.format_date(a.synced_through, lang)
        if a.synced_through else i18n.MISSING,
    } for a in tracked]).astype(str)  # fmt: skip


def _conn_source_accounts(ctx: PageContext, connection_id: int) -> list:
    """The accounts the token can read (asked once per picker opening, kept as plain data in the session)."""
    from smmkpi import sync

    key = f"connections_accounts_{connection_id}"
    if key not in st.session_state:
        st.session_state[key] = sync.list_source_accounts(ctx.engine, workspace_id=ctx.workspace.id,
                                                          connection_id=connection_id, env=_conn_sync_env())  # fmt: skip
    return st.session_state[key]


def account_picker(ctx: PageContext, cls, info) -> None:
    """Pick communities/channels/counters, assign a client and a specialist, start the first sync."""
    from smmkpi import sync
    from smmkpi.sources.base import SourceAccount, SourceError

    lang = ctx.lang
    try:
        available = _conn_source_accounts(ctx, info.id)
    except (SourceError, sync.SyncError) as error:
        st.error(
            i18n.t("connections.accounts_failed", lang, error=_conn_error_text(error, lang)),
            icon=":material/error:",
        )
        return
    catalog = _catalog(ctx.database_url, ctx.workspace.id, data_version(ctx))
    tracked = {a.external_id: a for a in info.accounts if a.enabled}
    options = {a.external_id: a for a in available}
    # Telegram: channels are named, not listed
    lists_by_name = cls.resolve_account is not _conn_base_resolve()
    if lists_by_name:  # the channels added by name before are the ones to offer
        options |= {a.external_id: SourceAccount(external_id=a.external_id, name=a.name or a.handle,
                                                 handle=a.handle, url=a.url or "", network=a.network)
                    for a in tracked.values() if a.external_id not in options}  # fmt: skip
    new_client = i18n.t("connections.new_client", lang)
    with st.form(f"connections_picker_{info.id}", border=True):
        st.markdown(
            f"**{i18n.t('connections.pick_title', lang, kind=i18n.t(f'connections.account_kind.{cls.info.account_kind}', lang))}**"
        )
        if not options:
            st.caption(
                i18n.t("connections.add_by_name_hint" if lists_by_name else "connections.no_accounts", lang)
            )
        chosen = st.multiselect(i18n.t("connections.pick_accounts", lang), list(options),
                                default=[k for k in tracked if k in options] or list(options)[:1],
                                format_func=lambda k: _conn_account_label(options[k], lang),
                                key=f"connections_picked_{info.id}") if options else []  # fmt: skip
        manual = ""
        if lists_by_name:
            manual = st.text_input(
                i18n.t("connections.add_by_link", lang), key=f"connections_manual_{info.id}"
            )
        left, right = st.columns(2)
        clients = list(catalog["clients"]) + [new_client]
        current = next(iter(tracked.values())).client if tracked else None
        client = left.selectbox(i18n.t("filter.client", lang), clients,
                                index=clients.index(current) if current in clients else len(clients) - 1,
                                key=f"connections_client_{info.id}")  # fmt: skip
        typed_client = left.text_input(
            i18n.t("connections.new_client_name", lang), key=f"connections_client_new_{info.id}"
        )
        specialist = right.text_input(i18n.t("filter.specialist", lang), key=f"connections_specialist_{info.id}",
                                      value=(next(iter(tracked.values())).specialist or "") if tracked else "",
                                      help=i18n.t("connections.specialist_help", lang))  # fmt: skip
        submitted = st.form_submit_button(i18n.t("connections.start_sync", lang), type="primary",
                                          icon=":material/play_arrow:")  # fmt: skip
    if not submitted:
        return
    client_name = typed_client.strip() if client == new_client else client
    if not client_name:
        st.error(i18n.t("connections.client_required", lang), icon=":material/error:")
        return
    picked = [options[k] for k in chosen]
    try:
        if manual.strip():
            picked.append(sync.resolve_source_account(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id,
                                                      text=manual, env=_conn_sync_env()))  # fmt: skip
        if not picked:
            st.error(i18n.t("connections.pick_required", lang), icon=":material/error:")
            return
        sync.track_accounts(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id, accounts=picked,
                            client=client_name, specialist=specialist, env=_conn_sync_env())  # fmt: skip
    except (SourceError, sync.SyncError) as error:
        st.error(_conn_error_text(error, lang), icon=":material/error:")
        return
    st.session_state.pop(CONNECTIONS_PICK, None)
    st.session_state.pop(f"connections_accounts_{info.id}", None)
    run_sync_now(ctx, info.id)


def _conn_base_resolve():
    from smmkpi.sources.base import ConnectorBase

    return ConnectorBase.resolve_account


def _conn_account_label(account, lang: str) -> str:
    members = account.details.get("members_count") if account.details else None
    extra = (
        f" · {i18n.t('connections.members', lang, count=i18n.format_number(int(members), lang))}"
        if members
        else ""
    )
    return f"{account.name} ({account.handle}){extra}"


def run_sync_now(ctx: PageContext, connection_id: int) -> None:
    """Sync in this request with a progress bar ("Syncing 37 %"); other sessions see progress from the database."""
    from smmkpi import sync

    lang = ctx.lang
    bar = st.progress(
        0.0, text=i18n.t("connections.state.syncing", lang, percent=i18n.format_percent(0, lang, 0))
    )

    def progress(fraction: float, message: str) -> None:
        bar.progress(fraction, text=i18n.t("connections.state.syncing", lang,
                                           percent=i18n.format_percent(fraction, lang, 0)))  # fmt: skip

    try:
        outcome = sync.run_sync(ctx.engine, workspace_id=ctx.workspace.id, connection_id=connection_id,
                                progress=progress, env=_conn_sync_env())  # fmt: skip
    except sync.SyncError as error:
        _conn_flash("error", i18n.t("connections.sync_failed", lang, error=_conn_error_text(error, lang)))
    else:
        rows = i18n.format_number(outcome.rows, lang)
        if outcome.status == "ok":
            _conn_flash("success", i18n.t("connections.sync_done", lang, rows=rows))
        elif outcome.needs_reauth:
            _conn_flash("warning", i18n.t("connections.sync_reauth", lang))
        else:
            _conn_flash("error" if outcome.status == "failed" else "warning",
                   i18n.t("connections.sync_problems", lang, rows=rows,
                          errors="; ".join(m.text(lang) for m in outcome.log) or "; ".join(outcome.errors)))  # fmt: skip
        if outcome.notes:
            _conn_flash("info", i18n.t("connections.not_supported", lang,
                                       notes="; ".join(n.text(lang) for n in outcome.notes)))  # fmt: skip
    clear_data_caches()
    st.rerun()


def disconnect_confirmation(ctx: PageContext, cls, info) -> None:
    from smmkpi import sync

    lang = ctx.lang
    revokes = cls.oauth is not None and bool(cls.load_config(None, _secrets()).revoke_url)
    st.markdown(i18n.t("connections.disconnect_what", lang, name=cls.info.name))
    st.caption(
        i18n.t("connections.disconnect_revoke" if revokes else "connections.disconnect_no_revoke", lang)
    )
    delete = st.checkbox(i18n.t("connections.delete_data", lang), key=f"connections_delete_{info.id}",
                         help=i18n.t("connections.delete_data_help", lang))  # fmt: skip
    if st.button(i18n.t("connections.disconnect_confirm", lang), key=f"connections_disconnect_{info.id}",
                 type="primary", icon=":material/link_off:"):  # fmt: skip
        result = sync.disconnect(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id,
                                 delete_data=delete, env=_conn_sync_env())  # fmt: skip
        key = "connections.disconnected_deleted" if delete else "connections.disconnected"
        _conn_flash("success", i18n.t(key, lang, rows=i18n.format_number(result.deleted_rows, lang)))
        clear_data_caches()
        st.rerun()


def connections_sync_log(ctx: PageContext, info) -> None:
    from smmkpi import sync

    lang = ctx.lang
    with st.expander(i18n.t("connections.sync_log", lang), icon=":material/history:"):
        history = sync.run_history(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id, limit=5)
        if not history:
            st.caption(i18n.t("connections.sync_log_empty", lang))
        for run, lines in history:
            status = i18n.t(f"connections.run.{run.status}", lang)
            st.markdown(f"**{_conn_moment(run.started_at, ctx)}** · {status} · "
                        f"{i18n.t('connections.rows', lang, rows=i18n.format_number(run.rows, lang))}")  # fmt: skip
            text = "\n".join(
                f"{_conn_moment(at, ctx)[-5:]} {i18n.t(f'connections.level.{level}', lang):9} "
                f"{message if isinstance(message, str) else message.text(lang)}"
                for level, message, at in lines
            )
            if text:
                st.code(text, language=None, wrap_lines=True)


def connections_overview(ctx: PageContext) -> list:
    from smmkpi import sync

    return sync.connections_overview(ctx.engine, workspace_id=ctx.workspace.id, env=_conn_sync_env())


# ==================================================================================================
# Benchmark of the pages (``python -m smmkpi bench-pages``): each page through AppTest, timed.
# ==================================================================================================


def bench_pages(*, workspace: str, pages: tuple[str, ...] | None = None, periods: tuple[str, ...] | None = None,
                repeat: int = 3, root: pathlib.Path | None = None, echo: Callable[[str], None] = print) -> list[dict]:  # fmt: skip
    """Run each page through AppTest on ``workspace`` (SMMKPI_DATABASE_URL must point at it) and time it.

    For every page and period: ``cold`` (caches cleared: the first visitor after an import), ``warm`` (the
    same page again), ``widget`` (a widget changed: the common interaction). Medians over ``repeat`` runs.
    """
    from streamlit.testing.v1 import AppTest

    from smmkpi.scale import BENCH_PAGES, BENCH_PERIODS, BENCH_WIDGETS, _change, _timed

    pages, periods = pages or BENCH_PAGES, periods or BENCH_PERIODS
    root = root or pathlib.Path(__file__).resolve().parents[1]
    results = []
    for page in pages:
        path = str(root / "pages" / f"{page}.py")
        for period in periods:
            cold, warm, widget = [], [], []
            for _ in range(repeat):
                st.cache_data.clear()
                st.cache_resource.clear()
                at = AppTest.from_file(path, default_timeout=600)
                at.query_params["workspace"] = workspace
                at.query_params["lang"] = "ru"
                at.session_state[f"{page}_period"] = period
                cold.append(_timed(at.run))
                if at.exception:
                    raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
                warm.append(_timed(at.run))
                key, kind, value = BENCH_WIDGETS[page]
                widget.append(_timed(_change(getattr(at, kind)(key=key), kind, value)))
            row = {"page": page, "period": period, "cold": statistics.median(cold), "warm": statistics.median(warm),
                   "widget": statistics.median(widget)}  # fmt: skip
            results.append(row)
            echo(f"{page:<14} {period:<15} cold {row['cold'] * 1000:>7.0f} ms   warm {row['warm'] * 1000:>6.0f} ms   "
                 f"after a widget change {row['widget'] * 1000:>6.0f} ms")  # fmt: skip
    return results


# ==================================================================================================
# Specialists (issue 6): the scorecard — specialists side by side for a period, with the trust marker.
# ==================================================================================================

SCORECARD_CARDS_PER_ROW = 3
SCORECARD_DEFAULT_METRIC = "reach"


def scorecard_filters(ctx: PageContext) -> tuple[str | None, dt.date, dt.date]:
    """Period preset, dates and client (when there are several), as on the other pages (``scorecard_*`` keys)."""
    lang = ctx.lang
    client, picked, anchor, _ = _period_client_bar(ctx, "scorecard", DEFAULT_PRESET, i18n.t("filter.client", lang),
                                                   [1.3, 1.6, 2.0, 1.0])  # fmt: skip
    date_from, date_to = _dates(picked, st.session_state["scorecard_period"], anchor)
    if not (isinstance(picked, tuple | list) and len(picked) == 2):
        st.caption(i18n.t("ui.dates_incomplete", lang, period=i18n.format_period(date_from, date_to, lang)))
    return client, date_from, date_to


@st.cache_data(ttl=CACHE_TTL_S, max_entries=CACHE_ENTRIES, show_spinner=False)
def _scorecard(database_url: str, workspace_name: str, client: str | None, date_from: dt.date, date_to: dt.date,
               version: tuple) -> scorecard.Scorecard:  # fmt: skip
    """Keyed by the trust version, which changes with every import or sync and every check or mark."""
    with session_scope(get_engine(database_url)) as session:
        return scorecard.compute(session, workspace_name=workspace_name, client=client, date_from=date_from,
                                 date_to=date_to)  # fmt: skip


def scorecard_data(
    ctx: PageContext, client: str | None, date_from: dt.date, date_to: dt.date
) -> scorecard.Scorecard:
    """The scorecard for the filters (cached); a bad scope becomes a warning, not a traceback."""
    try:
        return _scorecard(
            ctx.database_url, ctx.workspace.name, client, date_from, date_to, _trust_version(ctx)
        )
    except query.ScopeError as error:
        st.warning(i18n.t("ui.scope_error", ctx.lang, error=error), icon=":material/filter_alt_off:")
        st.stop()


def scorecard_empty(ctx: PageContext, card: scorecard.Scorecard, client: str | None) -> None:
    """No specialist to show: how to add them (an import), or that none held this client's accounts."""
    lang = ctx.lang
    if card.specialists_in_workspace and client is not None:
        st.info(i18n.t("scorecard.empty_client", lang, client=client), icon=":material/person_off:")
        return
    st.info(i18n.t("scorecard.empty", lang), icon=":material/group_off:")
    st.markdown(i18n.t("scorecard.empty_how", lang))
    page_link("pages/import_data.py", i18n.t("analysis.go_import", lang), ":material/upload_file:")


def scorecard_caption(
    ctx: PageContext, card: scorecard.Scorecard, date_from: dt.date, date_to: dt.date
) -> None:
    lang = ctx.lang
    st.caption(i18n.t("scorecard.caption", lang, workspace=ctx.workspace.name,
                      period=i18n.format_period(date_from, date_to, lang),
                      days=i18n.t_plural("unit.days", (date_to - date_from).days + 1, lang), currency=card.currency))  # fmt: skip


def _scorecard_name(text: str) -> str:
    """A specialist's e-mail or name with markdown's special characters escaped ("anna_k" stays as typed).

    An e-mail still becomes a mailto: link (the markdown renderer links them whatever the escaping), which is
    a fair way to reach the specialist."""
    return "".join(f"\\{ch}" if ch in "\\`*_[]()#+-.!@<>|~" else ch for ch in str(text))


def scorecard_cards(ctx: PageContext, card: scorecard.Scorecard) -> None:
    """One card per specialist, three a row: the accounts held in the period with their days, the trust marker."""
    lang = ctx.lang
    st.subheader(i18n.t("scorecard.cards", lang))
    rows = list(card.frame.iterrows())
    for start in range(0, len(rows), SCORECARD_CARDS_PER_ROW):
        columns = st.columns(SCORECARD_CARDS_PER_ROW)
        for column, (number, row) in zip(
            columns, rows[start : start + SCORECARD_CARDS_PER_ROW], strict=False
        ):
            with column, st.container(border=True, key=f"scorecard_card_{number}"):
                st.markdown(f"**:material/badge: {_scorecard_name(row['specialist'])}**")
                if row["detail"]:
                    st.markdown("\n".join(f"- {scorecard.account_label(d['name'], d['network'], lang)} — "
                                          f"{i18n.t_plural('unit.days', d['days'], lang)}" for d in row["detail"]))  # fmt: skip
                else:
                    st.caption(i18n.t("scorecard.no_accounts", lang))
                marker = scorecard.marker_text(row, lang)
                if marker:
                    st.warning(marker, icon=":material/warning:")
                    page_link("pages/trust.py", i18n.t("scorecard.open_trust", lang), ":material/policy:")
                unchecked = scorecard.not_checked_text(row, lang)
                if unchecked:
                    st.caption(f":material/help: {unchecked}")
                if row["explained"]:
                    st.caption(i18n.t_plural("scorecard.explained", row["explained"], lang))


def _scorecard_trust_cell(row, lang: str) -> str:
    """The table's short trust cell: ⚠️ and the verdict when an account shows signs, "not checked", else empty."""
    if row["flagged"]:
        return f"⚠️ {scorecard.verdict_text(row['flagged'][0][2], lang)}"
    if row["unchecked"]:
        return scorecard.verdict_text(scorecard.NOT_CHECKED, lang)
    return ""


def scorecard_table_frame(ctx: PageContext, card: scorecard.Scorecard) -> pd.DataFrame:
    """The table as shown: specialist, trust, accounts, the KPIs formatted ("—" where not reported)."""
    lang = ctx.lang
    rows = []
    for _, row in card.frame.iterrows():
        rows.append({
            i18n.t("scorecard.col.specialist", lang): row["specialist"],
            i18n.t("scorecard.col.trust", lang): _scorecard_trust_cell(row, lang),
            i18n.t("scorecard.col.accounts", lang): i18n.format_number(row["accounts"], lang),
            **{metrics.label(key, lang): metrics.format_metric(key, row[key], lang, card.currency)
               for key in scorecard.SCORECARD_KPIS},
        })  # fmt: skip
    return pd.DataFrame(rows).astype(str)


def scorecard_column_config(lang: str) -> dict:
    """Column headers with their tooltips: the KPI's formula (as on the KPI cards), what "accounts" means."""
    formula = i18n.t("msg.formula", lang)
    config = {
        metrics.label(key, lang): st.column_config.TextColumn(
            metrics.label(key, lang), help=f"**{formula}:** {metrics.help_text(key, lang)}", alignment="right"
        )
        for key in scorecard.SCORECARD_KPIS
    }
    specialist = i18n.t("scorecard.col.specialist", lang)
    accounts = i18n.t("scorecard.col.accounts", lang)
    trust_column = i18n.t("scorecard.col.trust", lang)
    config[specialist] = st.column_config.TextColumn(specialist, pinned=True)
    config[accounts] = st.column_config.TextColumn(
        accounts, help=i18n.t("scorecard.help.accounts", lang), alignment="right"
    )
    config[trust_column] = st.column_config.TextColumn(
        trust_column, help=i18n.t("scorecard.help.trust", lang), width="medium"
    )
    return config


def scorecard_table(
    ctx: PageContext, card: scorecard.Scorecard, date_from: dt.date, date_to: dt.date
) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("scorecard.table", lang))
    st.caption(i18n.t("scorecard.table_caption", lang))
    st.dataframe(scorecard_table_frame(ctx, card), hide_index=True, width="stretch",
                 column_config=scorecard_column_config(lang))  # fmt: skip
    export_frame = card.frame.assign(
        account_list=[scorecard.accounts_text(row, lang) for _, row in card.frame.iterrows()],
        verdict_text=[scorecard.verdict_text(v, lang) for v in card.frame["verdict"]],
        trust_text=[scorecard.trust_text(row, lang) for _, row in card.frame.iterrows()],
    )
    headers = {
        "specialist": i18n.t("scorecard.col.specialist", lang),
        "account_list": i18n.t("scorecard.col.account_list", lang),
        "accounts": i18n.t("scorecard.col.accounts", lang),
        "account_days": i18n.t("scorecard.col.account_days", lang),
        **{key: metrics.label(key, lang) for key in scorecard.SCORECARD_KPIS},
        "verdict_text": i18n.t("scorecard.col.verdict", lang),
        "trust_text": i18n.t("scorecard.col.trust", lang),
    }
    csv_button(export_frame, headers, lang, f"specialists-{date_from}-{date_to}", key="scorecard_csv")


def scorecard_chart(ctx: PageContext, card: scorecard.Scorecard) -> None:
    """A bar per specialist for one KPI (picked), orange where the trust marker is; tooltips name the accounts."""
    lang = ctx.lang
    st.subheader(i18n.t("scorecard.chart", lang))
    metric_key = _metric_picker(i18n.t("scorecard.chart_metric", lang), scorecard.SCORECARD_KPIS, "scorecard_metric",
                                lang, SCORECARD_DEFAULT_METRIC)  # fmt: skip
    if all(i18n.is_missing(value) for value in card.frame[metric_key]):
        st.info(i18n.t("ui.no_values_for", lang, metric=metrics.label(metric_key, lang),
                       networks=", ".join(card.frame["specialist"])), icon=":material/info:")  # fmt: skip
        return
    st.vega_lite_chart(
        scorecard.chart(card.frame, metric_key, lang, card.currency).to_dict(), width="stretch"
    )
