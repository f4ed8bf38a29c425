"""The Brief page through AppTest: the whole wizard, saving a plan, a reload that lands on the same place, and
the Overview showing the saved plan's attainment. Page files run alone (DESIGN.md, "AppTest trap")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import brief_repo, repo
from db.session import make_engine, session_scope
from smmkpi import bootstrap, i18n
from smmkpi.demo import COFFEE, FURNITURE
from smmkpi.query import KpiFilters, kpi_report

ROOT = Path(__file__).resolve().parents[1]
BRIEF = str(ROOT / "pages" / "brief.py")
OVERVIEW = str(ROOT / "pages" / "overview.py")
TIMEOUT_S = 60
DEMO_END = dt.date(2026, 3, 31)
TODAY = dt.date(2026, 3, 20)  # the wizard's "today": March is the current month, the demo has March data
WORKSPACE = "Demo"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('brief') / 'demo.db'}"
    engine = bootstrap.open_database(bootstrap.Settings(database_url=url))
    bootstrap.load_demo(engine, workspace=WORKSPACE, end=DEMO_END, months=4)
    engine.dispose()
    return url


@pytest.fixture
def demo_env(_fresh_state, demo_db, monkeypatch) -> str:
    monkeypatch.setenv("SMMKPI_DATABASE_URL", demo_db)
    return demo_db


def page(path: str = BRIEF, **query) -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT_S)
    at.session_state["brief_today"] = TODAY
    at.query_params.update({"lang": "en", **query})
    return at


def picker(at: AppTest):
    """The brief picker (its key follows the open brief's label, see ui.brief_picker)."""
    (found,) = [s for s in at.selectbox if str(s.key).startswith("brief_pick_")]
    return found


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def step_title(at: AppTest) -> str:
    return at.subheader[0].value


def texts(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success]
    return "\n".join(str(p.value) for p in parts)


def briefs(url: str) -> list:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            ws = repo.get_workspace(session, name=WORKSPACE)
            items = brief_repo.list_briefs(session, workspace_id=ws.id)
            return [(b.id, b.client, b.status, b.step, brief_repo.answers_of(b)) for b in items]
    finally:
        engine.dispose()


def test_the_demo_has_a_completed_brief_with_a_plan_and_a_draft(demo_env):
    found = {client: (status, step) for _, client, status, step, _ in briefs(demo_env)}
    assert found == {COFFEE: ("completed", 7), FURNITURE: ("draft", 3)}
    at = ok(page().run())
    assert at.title[0].value == "SMM brief"
    labels = picker(at).options
    assert any(label.startswith(COFFEE) and "plan saved, version 1" in label for label in labels)
    assert any(label.startswith(FURNITURE) and "draft, step 3 of 7" in label for label in labels)


def test_walking_the_wizard_saving_a_plan_and_reloading(demo_env):
    at = ok(page().run())
    # a new brief for the coffee shop
    at.selectbox(key="brief_new_client").set_value(COFFEE)
    ok(at.button(key="brief_new_run").click().run())
    (brief_id,) = [i for i, client, status, *_ in briefs(demo_env) if client == COFFEE and status == "draft"]
    assert step_title(at) == "1. Business" and at.query_params["brief"] == str(brief_id)

    # 1. Business
    at.text_area(key=f"brief_q_{brief_id}_product").input("Specialty coffee beans")
    at.number_input(key=f"brief_q_{brief_id}_average_order_value").set_value(900)
    ok(at.pills(key=f"brief_q_{brief_id}_sales_cycle").set_value("weeks").run())
    assert "sales lag reach and leads by a month" in texts(at)  # the answer's consequence
    ok(at.button(key="brief_next").click().run())
    # 2. Why social media
    assert step_title(at) == "2. Why social media"
    ok(at.pills(key=f"brief_q_{brief_id}_impact").set_value(["leads"]).run())
    ok(at.button(key="brief_next").click().run())
    # 3. Audience and networks: the client's accounts in smmkpi are offered
    at.pills(key=f"brief_q_{brief_id}_networks").set_value(["vk"])
    at.multiselect(key=f"brief_q_{brief_id}_accounts").select("vk/obzharka_coffee")
    ok(at.run())
    ok(at.button(key="brief_next").click().run())
    # 4. Site goals: a goal without a type stops the wizard with a clear message
    assert step_title(at) == "4. Site goals"
    at.session_state[f"brief_q_{brief_id}_goals"] = {"edited_rows": {}, "deleted_rows": [],
                                         "added_rows": [{"name": "Office coffee break form"}]}  # fmt: skip
    ok(at.run())
    ok(at.button(key="brief_next").click().run())
    assert step_title(at) == "4. Site goals"
    assert "The goal “Office coffee break form” has no type." in texts(at)
    at.session_state[f"brief_q_{brief_id}_goals"] = {"edited_rows": {}, "deleted_rows": [],
                                         "added_rows": [{"name": "Office coffee break form", "type": "form"}]}  # fmt: skip
    ok(at.run())
    ok(at.button(key="brief_next").click().run())
    # 5. Resources
    assert step_title(at) == "5. Resources and budget"
    at.number_input(key=f"brief_q_{brief_id}_budget_ads").set_value(30_000)
    ok(at.number_input(key=f"brief_q_{brief_id}_budget_fee").set_value(60_000).run())
    assert "Total per month: **RUB\u00a090,000**" in texts(at)
    assert "Ads RUB\u00a030,000 + Specialist or agency RUB\u00a060,000 + Content —" in texts(at)  # grouped
    ok(at.button(key="brief_next").click().run())
    # 6. Reports
    ok(at.button(key="brief_next").click().run())
    # 7. KPI plan: March (the current month) for 3 months, proposed from the last 90 days
    assert step_title(at) == "7. KPI plan" and at.query_params["step"] == "7"
    at.selectbox(key=f"brief_q_{brief_id}_plan_start").set_value("2026-03")
    ok(at.slider(key=f"brief_q_{brief_id}_plan_months").set_value(3).run())
    ok(at.button(key="brief_propose").click().run())
    editor = at.data_editor[0].value
    assert list(editor["kpi"][:2]) == ["reach", "follower_growth"]
    assert "Why these targets" in [e.label for e in at.expander]
    reach_row = list(editor["kpi"]).index("reach")
    at.session_state[f"brief_q_{brief_id}_plan"] = {"edited_rows": {reach_row: {"2026-03": 123_456}}, "added_rows": [],
                                        "deleted_rows": []}  # fmt: skip
    ok(at.run())
    # saving replaces the demo's March targets: the page asks first
    ok(at.button(key="brief_save").click().run())
    assert any("already has targets" in w.value for w in at.warning)
    ok(at.button(key="brief_confirm_yes").click().run())
    assert any("Plan saved as version 1" in s.value for s in at.success), texts(at)

    # everything is in the database: answers, the completed status and the plan version
    (saved,) = [b for b in briefs(demo_env) if b[0] == brief_id]
    answers = saved[4]
    assert saved[2] == "completed" and answers["product"] == "Specialty coffee beans"
    assert answers["goals"][0]["type"] == "form" and answers["budget_ads"] == 30_000
    engine = make_engine(demo_env)
    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name=WORKSPACE)
        (version,) = brief_repo.list_plan_versions(session, workspace_id=ws.id, brief_id=brief_id)
        rows = brief_repo.rows_of(version)
        report = kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(client=COFFEE),
                            date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))  # fmt: skip
    engine.dispose()
    assert version.saved_by == "local user"
    assert {"month": "2026-03", "scope": "all", "kpi": "reach", "target": 123_456.0} in rows
    assert report["plan"]["reach"] == 123_456

    # a reload is a new session: the URL brings it back to the same brief and step
    again = ok(page(brief=str(brief_id), step="7").run())
    assert step_title(again) == "7. KPI plan"
    versions = again.dataframe[-1].value
    assert list(versions["Version"]) == ["1"] and list(versions["By"]) == ["local user"]
    first = ok(page(brief=str(brief_id), step="1").run())
    assert first.text_area(key=f"brief_q_{brief_id}_product").value == "Specialty coffee beans"

    # the Overview shows plan vs fact for March with the saved target
    overview = AppTest.from_file(OVERVIEW, default_timeout=TIMEOUT_S)
    overview.query_params["lang"] = "en"
    overview.session_state["overview_period"] = "this_month"
    ok(overview.run())
    # only the coffee shop has a plan: attainment is shown with that client chosen (not over all clients)
    ok(overview.selectbox(key="overview_client").select(COFFEE).run())
    expected = f"{i18n.format_percent(report['attainment']['reach'], 'en', decimals=0)} of plan (123,456)"
    assert any(expected in str(c.value) for c in overview.caption), expected  # the reach card's plan line
    assert i18n.t("ui.plan_fact", "en") in [h.value for h in overview.subheader]


def test_the_pickers_label_shows_the_step_of_a_deep_link(demo_env):
    (furniture,) = [i for i, client, *_ in briefs(demo_env) if client == FURNITURE]  # saved at step 3
    at = ok(page(brief=str(furniture), step="5").run())
    assert step_title(at) == "5. Resources and budget"
    shown = picker(at)
    assert shown.value == furniture
    assert any(label.startswith(FURNITURE) and "draft, step 5 of 7" in label for label in shown.options)
    ok(at.button(key="brief_next").click().run())
    assert any(label.startswith(FURNITURE) and "step 6 of 7" in label for label in picker(at).options)


def test_russian_plan_step_has_formulas_a_localized_chart_and_russian_placeholders(demo_env):
    import json

    from smmkpi import metrics

    coffee = min(i for i, client, *_ in briefs(demo_env) if client == COFFEE)  # the demo's, with a plan
    at = page(brief=str(coffee), step="7")
    at.query_params["lang"] = "ru"
    ok(at.run())
    (formulas,) = [e for e in at.expander if e.label == "Формулы KPI"]
    shown = "\n".join(str(m.value) for m in formulas.markdown)
    assert metrics.help_text("reach", "ru") in shown and metrics.help_text("posts", "ru") in shown
    spec = json.loads(at.get("vega_lite_chart")[-1].proto.spec)
    assert spec["config"]["locale"]["number"]["decimal"] == ","  # the y axis: 1 234,5, not 1,234.5
    subtitle = spec["title"]["text"]
    marks = [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]
    ]
    assert "сейчас" in subtitle and "text" not in marks  # told above the chart, not drawn over the first bar
    assert any("Постов в неделю" in str(c.value) for c in at.caption)
    # the demo plans ROMI below its break-even (margin 45 %): the page warns
    assert any("работает в убыток" in w.value for w in at.warning), [w.value for w in at.warning]
    reports = ok(page(brief=str(coffee), step="6").run())
    reports.query_params["lang"] = "ru"
    ok(reports.run())
    (kpis,) = [m for m in reports.multiselect if m.key == f"brief_q_{coffee}_report_kpis"]
    assert kpis.placeholder == "Выберите один или несколько"
