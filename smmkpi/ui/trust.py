"""Trust (issue 6): the Trust page and the warning marker on the Overview's follower cards.

Findings are stored; this only reads them, rechecks stale accounts with a progress bar and lets users mark
findings explained.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from db import repo, trust_repo
from db.session import session_scope
from smmkpi import charts, i18n, metrics, query, trust, trust_charts
from smmkpi.ui.core import (
    CACHE_ENTRIES,
    CACHE_TTL_S,
    DATE_FORMATS,
    PRESETS,
    PageContext,
    Selection,
    _catalog,
    _date_range,
    _dates,
    _earliest_pickable,
    _filters,
    _keep_valid,
    _local_time,
    _on_dates_change,
    _on_preset_change,
    _right_aligned,
    csv_button,
    data_version,
    get_engine,
    preset_range,
    show_chart,
)

__all__ = [
    "TRUST_AUTHOR_KEY", "TRUST_CARD_KEYS", "TRUST_PRESET", "TRUST_VERDICT_ICONS", "trust_card_notes",
    "trust_chart", "trust_filters", "trust_findings", "trust_items", "trust_method", "trust_not_checked",
    "trust_overview", "trust_pick_account", "trust_recheck", "trust_verdict", "trust_findings_frame",
    "trust_report_csv", "TRUST_REPORT_COLUMNS",
]  # fmt: skip

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


def trust_filters(ctx: PageContext) -> tuple[str | None, dt.date, dt.date]:
    """Client (when there are several), period preset and dates; defaults to the last 12 months."""
    lang, version = ctx.lang, data_version(ctx)
    catalog = _catalog(ctx.database_url, ctx.workspace.id, version)
    first, last = _date_range(ctx.database_url, ctx.workspace.id, version)
    anchor = last or dt.date.today()
    st.session_state.setdefault("trust_period", TRUST_PRESET)
    if "trust_dates" not in st.session_state and st.session_state["trust_period"] != "custom":
        st.session_state["trust_dates"] = preset_range(st.session_state["trust_period"], anchor)
    with st.container(border=True):
        row = st.columns([1.3, 1.6, 1.7, 1.3], vertical_alignment="bottom")
        row[0].selectbox(i18n.t("filter.period", lang), PRESETS, key="trust_period",
                         format_func=lambda p: i18n.t(f"period.{p}", lang),
                         on_change=_on_preset_change, args=("trust", anchor))  # fmt: skip
        picked = row[1].date_input(i18n.t("ui.dates", lang), key="trust_dates", format=DATE_FORMATS[lang],
                                   min_value=_earliest_pickable(first, anchor), max_value=max(anchor, dt.date.today()),
                                   on_change=_on_dates_change, args=("trust",))  # fmt: skip
        client = None
        if len(catalog["clients"]) > 1:
            _keep_valid("trust_client", catalog["clients"])
            client = row[2].selectbox(i18n.t("trust.client", lang), catalog["clients"], index=None,
                                      key="trust_client", placeholder=i18n.t("ui.all_clients", lang))  # fmt: skip
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
    csv_button(frame, headers, ctx.lang, "trust-findings", key="trust_report_csv",
               label=i18n.t("trust.report.download", ctx.lang, count=i18n.format_number(len(frame), ctx.lang)))


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
