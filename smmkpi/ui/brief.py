"""The SMM brief wizard (issue 3, pages/brief.py).

Answers are autosaved to the database on every change; the step widgets ("brief_q_<question>") take their
defaults from the saved answers and are forgotten whenever the step or the brief changes, so they read them
afresh. ?brief=<id>&step=<n> keep the place on reload.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from db import brief_repo
from db.session import session_scope
from smmkpi import brief as briefs
from smmkpi import brief_document, brief_service, charts, i18n, metrics
from smmkpi.ui.core import (
    CACHE_ENTRIES,
    CACHE_TTL_S,
    LABEL_HEIGHT,
    PageContext,
    _catalog,
    _local_time,
    clear_data_caches,
    data_version,
    get_engine,
    page_link,
)
from smmkpi.ui.importing import show_problems

__all__ = [
    "BRIEF_BASELINE_CARDS", "BRIEF_FLASH_KEY", "BRIEF_ID_KEY", "BRIEF_PICK_KEY", "BRIEF_PICK_NEXT",
    "BRIEF_PROBLEMS_KEY", "BRIEF_ROWS", "BRIEF_STEP_KEY", "BRIEF_TODAY_KEY", "BriefView", "brief_export",
    "brief_label", "brief_navigation", "brief_picker", "brief_plan_step", "brief_progress",
    "brief_questions", "brief_today", "brief_user",
]  # fmt: skip

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
    if BRIEF_PICK_NEXT in st.session_state:
        st.session_state[BRIEF_PICK_KEY] = st.session_state.pop(BRIEF_PICK_NEXT)
    if st.session_state.get(BRIEF_PICK_KEY, current) not in views:
        st.session_state.pop(BRIEF_PICK_KEY, None)
    row = st.columns([3.4, 1.4, 1, 1.1], vertical_alignment="bottom")
    picked = None
    if views:
        ids = list(views)
        default = {} if BRIEF_PICK_KEY in st.session_state else {"index": ids.index(current)}
        picked = row[0].selectbox(i18n.t("brief.pick", lang), ids, **default, key=BRIEF_PICK_KEY,
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
    key, value = f"brief_q_{name}", view.answers.get(name)
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
                              format_func=lambda k: metrics.label(k, lang), help=help_text)  # fmt: skip
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
    chosen = st.multiselect(
        label, list(names), default=list(value), key=key, format_func=names.get, help=help_text
    )
    return list(chosen)


def _brief_goals_question(ctx: PageContext, view: BriefView, label: str, help_text, key: str) -> list[dict]:
    """The goals table (one row per goal); can be filled from the goals already imported for the client."""
    lang, base_key = ctx.lang, "brief_base_goals"
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
        "metrica_id": st.column_config.TextColumn(i18n.t("brief.goal.metrica_id", lang)),
        "ga4_id": st.column_config.TextColumn(i18n.t("brief.goal.ga4_id", lang)),
        "pages": st.column_config.TextColumn(i18n.t("brief.goal.pages", lang)),
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
    st.altair_chart(chart, width="stretch")


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
        i18n.t("brief.q.plan_start", lang), options, index=options.index(start), key="brief_q_plan_start",
        format_func=lambda m: i18n.format_month(briefs.month_first_day(m), lang),
    )  # fmt: skip
    answers["plan_months"] = right.slider(
        i18n.t("brief.q.plan_months", lang), briefs.PLAN_MONTHS_MIN, briefs.PLAN_MONTHS_MAX,
        value=answers.get("plan_months") or briefs.DEFAULT_PLAN_MONTHS, key="brief_q_plan_months",
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
    rows = _brief_plan_editor(ctx, draft, months, reasons)
    answers["plan_rows"] = [r.to_dict() for r in rows]
    _brief_autosave(ctx, view, answers)
    notes = [briefs.Reason.from_dict(n) for n in answers.get("plan_notes") or []]
    if notes:
        st.markdown(f"**{i18n.t('brief.notes_title', lang)}**")
        st.caption("\n".join(f"- {n.render(lang, currency)}" for n in notes))
    _brief_plan_chart(ctx, rows, baseline)
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


def _brief_plan_editor(ctx: PageContext, draft, months, reasons) -> list:
    """The plan as a table to edit (KPI rows × month columns); returns the edited rows."""
    lang, currency = ctx.lang, ctx.workspace.currency
    base_key = f"brief_base_plan_{lang}"
    if base_key not in st.session_state:
        st.session_state[base_key] = briefs.plan_frame(draft, months, reasons, lang=lang, currency=currency)
    scope_label = {s: i18n.t("brief.scope.all", lang) if s == "all" else charts.channel_label(s, lang)
                   for s in briefs.PLAN_SCOPES}  # fmt: skip
    config = {
        briefs.KPI_COLUMN: st.column_config.SelectboxColumn(
            i18n.t("brief.column.kpi", lang), options=list(metrics.KPI_KEYS), required=True, pinned=True,
            width="medium", format_func=lambda k: metrics.label(k, lang)),
        briefs.SCOPE_COLUMN: st.column_config.SelectboxColumn(
            i18n.t("brief.column.scope", lang), options=list(briefs.PLAN_SCOPES), default="all", width=120,
            format_func=scope_label.get),
        briefs.UNIT_COLUMN: st.column_config.TextColumn(i18n.t("brief.column.unit", lang), width=60),
        **{m: st.column_config.NumberColumn(briefs.short_month(m, lang), min_value=0.0, format="localized",
                                            width=90) for m in months},
    }  # fmt: skip
    st.caption(i18n.t("brief.plan_table_caption", lang))
    # the reasons are long sentences: they are listed under the table, not squeezed into a column
    order = [briefs.KPI_COLUMN, briefs.SCOPE_COLUMN, briefs.UNIT_COLUMN, *months]
    edited = st.data_editor(st.session_state[base_key], key="brief_q_plan", num_rows="dynamic", hide_index=True,
                            column_config=config, column_order=order, disabled=[briefs.UNIT_COLUMN],
                            width="stretch")  # fmt: skip
    rows = briefs.rows_from_frame(edited, months)
    with st.expander(i18n.t("brief.doc.reasons", lang), expanded=True, icon=":material/psychology:"):
        planned = list(dict.fromkeys(r.kpi for r in rows))
        st.markdown("\n".join(f"- **{metrics.label(k, lang)}.** {briefs.render_reasons(reasons[k], lang, currency)}"
                               for k in planned if reasons.get(k) and k in metrics.METRICS))  # fmt: skip
    return rows


def _brief_plan_chart(ctx: PageContext, rows, baseline: briefs.Baseline) -> None:
    """Bars of one KPI's monthly targets with today's level as a line: is the plan a stretch or a step back?"""
    import altair as alt

    lang, currency = ctx.lang, ctx.workspace.currency
    kpis = list(dict.fromkeys(r.kpi for r in rows if r.scope == "all" and r.kpi in metrics.METRICS))
    if not kpis:
        return
    kpi = st.selectbox(i18n.t("brief.chart_kpi", lang), kpis, key="brief_chart_kpi", width=320,
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
    layers = [bars]
    now = baseline.monthly(kpi) if baseline.has_data else None
    if now is not None:
        line = pd.DataFrame([{"now": now * factor, "label": f"{i18n.t('brief.chart_now', lang)}: "
                              f"{metrics.format_metric(kpi, now, lang, currency)}"}])  # fmt: skip
        layers.append(alt.Chart(line).mark_rule(color="#E45756", strokeDash=[6, 4], size=2).encode(y="now:Q"))
        layers.append(alt.Chart(line).mark_text(align="left", dx=4, dy=-7, color="#E45756").encode(
            y="now:Q", text="label:N", x=alt.value(0)))  # fmt: skip
    st.altair_chart(alt.layer(*layers).properties(height=240), width="stretch")


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
    chosen = left.selectbox(i18n.t("brief.version", lang), [n for n, *_ in items], key="brief_version_pick")
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
