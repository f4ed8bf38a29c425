"""The shared Streamlit part: engine, language, page context, cached loaders and shared widgets.

Pages stay thin: they call the functions here (through ``smmkpi.ui``) in the order the user reads the screen.
Numbers come only from ``smmkpi.query.kpi_report`` and ``smmkpi.kpi.trend``; this module decides how they are
shown. The feature modules of ``smmkpi.ui`` build on it; it imports none of them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from db import repo
from db.session import session_scope
from smmkpi import bootstrap, charts, export, i18n, kpi, metrics, query
from smmkpi.settings import Settings

__all__ = [
    "CACHE_ENTRIES", "CACHE_TTL_S", "CARD_HEIGHT", "CARD_WIDTH", "CHANNEL_TABLE_KPIS", "DATE_FORMATS",
    "DEFAULT_PRESET", "LABEL_HEIGHT", "LANG_KEY", "MORE_IS_WORSE", "NETWORK_TABLE_KPIS", "NEUTRAL_CHANGE",
    "OPTIONAL_CARDS", "PLAN_COLORS", "PRESETS", "PageContext", "Selection", "WORKSPACE_KEY",
    "WorkspaceInfo", "browser_language", "card_keys", "channel_section", "channel_table", "chart_spec",
    "clear_data_caches", "csv_button", "current_language", "data_version", "effective_grain", "ensure_workspace",
    "filter_bar", "get_engine", "kpi_card", "kpi_groups", "language_switch", "load_settings",
    "network_section", "network_table", "not_reported_note", "page_context", "page_link",
    "period_caption", "plan_rows", "plan_section", "prepare_database", "preset_range", "relative_change",
    "report", "show_chart", "trend", "trend_section", "welcome", "workspace_picker",
]  # fmt: skip

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
    """Open the database and, for a newcomer's empty one, load the demo workspace (once)."""
    get_engine(settings.database_url)
    workspaces = _workspaces(settings.database_url)
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
    for loader in (_workspaces, _catalog, _date_range, _report, _trend, _history, chart_spec):
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
            specialist = row[3].selectbox(i18n.t("filter.specialist", lang), catalog["specialists"], index=None,
                                          key=f"{page}_specialist",
                                          placeholder=i18n.t("ui.all_specialists", lang))  # fmt: skip

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


def kpi_card(ctx: PageContext, result: dict, key: str, note: str | None = None) -> None:
    """st.metric with the formatted value, Δ vs the previous period, the formula and the plan line.

    ``note`` (optional, e.g. the trust checks' warning) adds a warning icon to the label and its text to
    the tooltip.
    """
    lang, currency = ctx.lang, result["currency"]
    value = result["total"].get(key)
    change = relative_change(value, result["previous"].get(key))
    help_parts = [f"**{i18n.t('msg.formula', lang)}:** {metrics.help_text(key, lang)}"]
    if i18n.is_missing(value):
        help_parts.append(i18n.t("ui.missing_help", lang))
    previous = i18n.format_period(dt.date.fromisoformat(result["period"]["previous_from"]),
                                  dt.date.fromisoformat(result["period"]["previous_to"]), lang)  # fmt: skip
    if change is not None:
        help_parts.append(i18n.t("ui.delta_help", lang, previous=previous))
    if key == "cpc" and "cpc" in result.get("notes", {}):
        help_parts.append(i18n.t("msg.cpc_basis_link_clicks", lang))
    delta, arrow, color = None, "auto", "normal"
    if change is not None:
        shown = i18n.format_delta(change, lang)
        if shown.lstrip("+").startswith(i18n.format_percent(0, lang)) or round(change, 3) == 0:
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
    if key in result["plan"]:
        attainment = result["attainment"].get(key)
        line = i18n.t("ui.plan_line", lang, plan=metrics.format_metric(key, result["plan"][key], lang, currency),
                    attainment=i18n.format_percent(attainment, lang, decimals=0))  # fmt: skip
        color = PLAN_COLORS.get(charts.attainment_status(attainment))
        st.caption(f":{color}[{line}]" if color else line)


def kpi_groups(ctx: PageContext, result: dict, notes: Mapping[str, str] | None = None) -> None:
    """One tab per KPI group (Audience, Content, …); cards of a fixed width flow into as many per row as fit.

    ``notes`` (optional): a warning per KPI key, shown on its card (see ``kpi_card``).
    """
    tabs = st.tabs([i18n.t(f"group.{group}", ctx.lang) for group in metrics.GROUPS])
    for tab, group in zip(tabs, metrics.GROUPS, strict=True):
        with tab, st.container(horizontal=True, wrap=True, gap="small"):
            for key in card_keys(result, group):
                with st.container(border=True, width=CARD_WIDTH, height=CARD_HEIGHT, gap="xsmall"):
                    kpi_card(ctx, result, key, (notes or {}).get(key))


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


def plan_section(ctx: PageContext, result: dict) -> None:
    if not result["plan"]:
        return
    lang = ctx.lang
    st.subheader(i18n.t("ui.plan_fact", lang))
    st.caption(i18n.t("ui.plan_fact_caption", lang))
    headers = [i18n.t("ui.kpi", lang), i18n.t("msg.plan", lang), i18n.t("msg.fact", lang),
               i18n.t("msg.attainment", lang)]  # fmt: skip
    show_chart(
        chart_spec("attainment_chart", plan_rows(ctx, result), lang, headers=tuple(headers)), width="content"
    )


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
    spec = chart_spec("trend_chart", frame[["bucket", "network", metric_key]], metric_key,
                      metrics.label(metric_key, lang), lang, grain, result["currency"],
                      network_title=i18n.t("filter.network", lang), period_title=i18n.t("filter.period", lang))  # fmt: skip
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
