"""The Funnel, Money, Content and Communication pages through AppTest, on the demo workspace and on an
empty one.

Page files run alone with their context prepared (DESIGN.md, "AppTest trap"). Numbers on screen are checked
against the KPI engine (kpi_report) and the analysis modules for the same scope and period, formatted the
way the pages format them; the CSV behind a download button is checked cell by cell.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from db import analysis_repo, repo
from db.session import make_engine, session_scope
from smmkpi import bootstrap, communication, content, funnel, i18n, importer, kpi, metrics, money, query
from smmkpi.query import KpiFilters, kpi_report

ROOT = Path(__file__).resolve().parents[1]
PAGES = {name: str(ROOT / "pages" / f"{name}.py") for name in ("funnel", "money", "content", "communication")}
TIMEOUT_S = 60
DEMO_END = dt.date(2026, 3, 31)
DEMO_MONTHS = 4
WORKSPACE = "Demo"
PERIOD = (DEMO_END - dt.timedelta(days=29), DEMO_END)  # the pages' default: the last 30 days with data


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('analysis') / 'demo.db'}"
    engine = bootstrap.open_database(bootstrap.Settings(database_url=url))
    bootstrap.load_demo(engine, workspace=WORKSPACE, end=DEMO_END, months=DEMO_MONTHS)
    engine.dispose()
    return url


@pytest.fixture
def demo_env(_fresh_state, demo_db, monkeypatch) -> str:
    monkeypatch.setenv("SMMKPI_DATABASE_URL", demo_db)
    return demo_db


@pytest.fixture
def empty_workspace(_fresh_state, tmp_path, monkeypatch) -> str:
    """A workspace with one community and nothing else imported yet (no demo)."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    engine = bootstrap.open_database(bootstrap.Settings(database_url=url))
    folder = tmp_path / "accounts"
    folder.mkdir()
    (folder / "accounts.csv").write_text("network,account,name,client\nvk,club1,Новое сообщество,Клиент\n")
    importer.import_path(engine, folder, workspace="Агентство")
    engine.dispose()
    monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
    monkeypatch.setenv("SMMKPI_LOAD_DEMO", "false")
    return url


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """{widget key: bytes} of every download button the page drew (what a click would save)."""
    seen: dict[str, bytes] = {}
    real = st.download_button

    def recording(label, data, *args, **kwargs):
        seen[kwargs.get("key")] = data
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    return seen


@functools.lru_cache(maxsize=32)
def _report(url: str, networks: tuple[str, ...] = ()) -> str:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            report = kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(networks=networks),
                                date_from=PERIOD[0], date_to=PERIOD[1])  # fmt: skip
    finally:
        engine.dispose()
    return json.dumps(report)


def report_for(url: str, networks: tuple[str, ...] = ()) -> dict:
    return json.loads(_report(url, networks))


def cost_kinds_for(url: str) -> dict:
    """money.cost_kinds of the demo period (which cost kinds SMM and each channel include)."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            workspace = query.resolve_workspace(session, WORKSPACE)
            period = kpi.Period(*PERIOD)
            data = query.load_kpi_data(session, workspace=workspace, filters=KpiFilters(), period=period)
            return money.cost_kinds(data, period)
    finally:
        engine.dispose()


NOW = dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.UTC)  # "now" for the waiting times: the day after the data


def run(page: str, lang: str = "ru") -> AppTest:
    at = AppTest.from_file(PAGES[page], default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    at.session_state["analysis_now"] = NOW
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def csv_rows(data: bytes, lang: str) -> pd.DataFrame:
    separator, decimal = (";", ",") if lang == "ru" else (",", ".")
    return pd.read_csv(io.BytesIO(data), sep=separator, decimal=decimal, encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)  # fmt: skip


def table(at: AppTest, index: int) -> pd.DataFrame:
    return at.dataframe[index].value


# --- Every page, both languages ---------------------------------------------------------------------------

HEADERS = {
    ("funnel", "ru"): ["Воронка: все соцсети", "Воронка по соцсетям", "Цели по типам"],
    ("funnel", "en"): ["Funnel: all networks", "Funnel by network", "Goals by type"],
    ("money", "ru"): ["Сравнение каналов", "Из чего складываются затраты на SMM", "Цены по времени"],
    ("money", "en"): ["Channels side by side", "What SMM costs are made of", "Prices over time"],
    ("content", "ru"): ["Публикации по неделям и план", "Форматы контента", "Лучшие и худшие посты",
                        "Когда публиковать", "Органика и продвижение"],
    ("content", "en"): ["Posts per week vs plan", "Content formats", "Best and worst posts", "When to post",
                        "Organic vs promoted"],
    ("communication", "ru"): ["Кто и как быстро отвечает", "Обращения и ответы по времени", "Ждут ответа"],
    ("communication", "en"): ["Who answers, and how fast", "Incoming and answers over time",
                              "Waiting for an answer"],
}  # fmt: skip


@pytest.mark.parametrize(("page_name", "lang"), sorted(HEADERS))
def test_each_page_shows_its_sections_charts_and_csv_downloads(demo_env, page_name, lang):
    at = run(page_name, lang)

    assert at.title[0].value == i18n.t(f"nav.{page_name}", lang)
    assert [h.value for h in at.subheader] == HEADERS[(page_name, lang)]
    charts = at.get("vega_lite_chart")
    assert len(charts) >= 3
    for chart in charts:  # every chart is small enough for the browser and has tooltips
        spec = json.loads(chart.proto.spec)
        assert sum(len(rows) for rows in spec.get("datasets", {}).values()) <= 5_000
        assert "tooltip" in json.dumps(spec)
    assert {b.proto.label for b in at.get("download_button")} == {i18n.t("analysis.csv", lang)}


# --- Funnel -----------------------------------------------------------------------------------------------


def test_funnel_steps_show_the_engine_numbers_and_the_leak(demo_env, downloads):
    at = run("funnel", "ru")
    report = report_for(demo_env)
    steps = table(at, 0).set_index("Шаг")

    for step, key in (("Охват", "reach"), ("Переходы по ссылкам", "link_clicks"), ("Визиты на сайт", "sessions"),
                      ("Лиды", "leads"), ("Продажи", "orders"), ("Выручка", "revenue")):  # fmt: skip
        assert steps.loc[step, "Факт"] == metrics.format_metric(key, report["total"][key], "ru", "RUB")
    expected_ctr = i18n.format_percent(report["total"]["ctr"], "ru", decimals=2)
    assert steps.loc["Переходы по ссылкам", "Конверсия: факт"] == expected_ctr
    leak = funnel.leak(funnel.report_funnel(report))
    shown = " ".join(w.value for w in at.warning)
    if leak is None:  # within 95 % of plan and −5 % of the previous period everywhere: said so
        assert any(x.value == i18n.t("funnel.leak_none", "ru") for x in at.success)
        assert "Слабее всего" not in shown and "Сильнее всего просел" not in shown
    else:
        assert ("Слабее всего" if leak["basis"] == "plan" else "Сильнее всего просел") in shown
    # Telegram reports no reach: its funnel column says "—", and a note says why
    networks = table(at, 1).set_index("Показатель")
    assert networks.loc["Охват", "Telegram"] == "—"
    assert any("Охват не передаётся: Telegram" in c.value for c in at.caption)
    # the CSV of the steps: localized headers, the engine's raw values
    rows = csv_rows(downloads["funnel_csv_steps"], "ru").set_index("Шаг")
    assert rows.loc["Охват", "Факт"] == str(report["total"]["reach"])
    assert rows.loc["Продажи", "Факт"] == str(report["total"]["orders"])
    assert rows.loc["Охват", "Конверсия: факт"] == ""  # nothing before the first step: empty, not 0


def test_picking_a_network_focuses_the_funnel_on_it(demo_env):
    at = run("funnel", "ru")
    at.pills(key="funnel_network").set_value("vk").run()
    assert not at.exception, [e.value for e in at.exception]
    vk = report_for(demo_env, ("vk",))

    assert at.subheader[0].value == "Воронка: ВКонтакте"
    steps = table(at, 0).set_index("Шаг")
    assert steps.loc["Охват", "Факт"] == metrics.format_metric("reach", vk["total"]["reach"], "ru")
    assert steps.loc["Лиды", "Факт"] == metrics.format_metric("leads", vk["total"]["leads"], "ru")
    assert vk["total"]["reach"] < report_for(demo_env)["total"]["reach"]


def test_picking_a_goal_type_puts_it_into_the_goal_step(demo_env):
    at = run("funnel", "en")
    at.pills(key="funnel_goal").set_value("call").run()
    assert not at.exception
    report = report_for(demo_env)

    steps = table(at, 0).set_index("Step")
    assert "Calls" in steps.index and "Leads" not in steps.index
    assert steps.loc["Calls", "Actual"] == metrics.format_metric(
        "goal_reaches.call", report["total"]["goal_reaches.call"], "en"
    )
    assert steps.loc["Calls", "Conversion"] == "Goal conversion"
    # more orders than calls: "orders per goal 3.2", not "319 %", with a caption saying why
    orders, calls = report["total"]["orders"], report["total"]["goal_reaches.call"]
    assert orders > calls
    assert steps.loc["Orders", "Conversion"] == "Orders per goal"
    assert steps.loc["Orders", "Conversion: actual"] == i18n.format_number(orders / calls, "en", decimals=1)
    assert "%" not in steps.loc["Orders", "Conversion: actual"]
    assert any("not every sale comes through a tracked goal" in c.value for c in at.caption)
    assert not any("Orders" in w.value and "→" in w.value for w in at.warning)  # never the leak
    # the networks table: goal-type-aware name, and no conversion above 100 %
    networks = table(at, 1).set_index("KPI")
    assert "Goal-to-order" in networks.index and "Lead-to-order" not in networks.index
    assert not any(cell.endswith("%") and float(cell.rstrip("%").replace(",", "")) > 100
                   for cell in networks.loc["Goal-to-order"])  # fmt: skip


def test_more_orders_than_leads_in_a_network_reads_per_lead_not_a_percentage(demo_env):
    at = run("funnel", "ru")
    report = report_for(demo_env)
    instagram = report["by_network"]["instagram"]
    assert instagram["orders"] > instagram["leads"]  # the demo's Instagram sells more than it gets leads
    networks = table(at, 1).set_index("Показатель")
    expected = i18n.format_number(instagram["orders"] / instagram["leads"], "ru", decimals=1) + " на лид"
    assert networks.loc["Из лида в продажу", "Instagram"] == expected


def test_a_goal_type_is_corrected_on_the_funnel_page_and_counts_at_once(
    _fresh_state, demo_db, tmp_path, monkeypatch
):
    copy = tmp_path / "goals.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name=WORKSPACE).id
        goals = repo.list_goals(session, workspace_id=ws)
    before = report_for(url)
    call = goals.index[goals["type"] == "call"][0]

    at = run("funnel", "en")
    assert any(e.label.startswith("Goals and their types") for e in at.expander)
    shown = at.data_editor(key="funnel_goal_editor").value
    assert list(shown["goal"]) == list(goals["goal"]) and shown.loc[call, "type"] == "Call"
    assert at.button(key="funnel_goal_editor_save").disabled  # nothing changed yet
    at.session_state["funnel_goal_editor"] = {"edited_rows": {call: {"type": "— no type —"}}, "added_rows": [],
                                              "deleted_rows": []}  # fmt: skip
    at.run()
    at.button(key="funnel_goal_editor_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 goal(s) changed" in s.value for s in at.success)
    assert any(e.label.endswith("1 without a type") for e in at.expander)

    with session_scope(engine) as session:
        after_goals = repo.list_goals(session, workspace_id=ws)
        after = json.loads(json.dumps(kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(),
                                                 date_from=PERIOD[0], date_to=PERIOD[1])))  # fmt: skip
    engine.dispose()
    assert pd.isna(after_goals.loc[call, "type"]) and after_goals.drop(index=call).equals(
        goals.drop(index=call)
    )
    # the goal's completions left "calls" and "leads" but still count as goal completions
    assert after["total"]["goal_reaches"] == before["total"]["goal_reaches"]
    assert after["total"]["leads"] < before["total"]["leads"]
    assert (after["total"]["goal_reaches.call"] or 0) < before["total"]["goal_reaches.call"]


# --- Money ------------------------------------------------------------------------------------------------


def test_money_verdict_cards_and_channel_csv_follow_the_engine(demo_env, downloads):
    at = run("money", "ru")
    report = report_for(demo_env)
    kinds = cost_kinds_for(demo_env)
    words = money.verdict_text(money.verdict(report, kinds=kinds), "ru", "RUB")

    assert words["headline"] in " ".join(x.value for x in (*at.info, *at.success, *at.error, *at.warning))
    reasons = " ".join(m.value for m in at.markdown)
    assert all(reason in reasons for reason in words["reasons"])
    assert "В цену входят все затраты" in reasons

    # "ads only": the ad spend of both sides, said so in the headline and the reasons
    at.segmented_control(key="money_cost_basis").set_value("ads").run()
    assert not at.exception
    ads = money.verdict_text(money.verdict(report, cost_basis="ads", kinds=kinds), "ru", "RUB")
    assert "(только реклама)" in ads["headline"] and ads["headline"] != words["headline"]
    assert ads["headline"] in " ".join(x.value for x in (*at.info, *at.success, *at.error, *at.warning))
    assert "В цену входят только затраты на рекламу" in " ".join(m.value for m in at.markdown)
    shown = {m.label: m.value for m in at.metric}
    for key in ui_money_cards():
        assert shown[metrics.label(key, "ru")] == metrics.format_metric(
            key, report["total"][key], "ru", "RUB"
        )
    rows = csv_rows(downloads["money_csv_channels"], "ru").set_index("Канал")
    expected = money.channel_comparison(report).set_index("channel")
    assert rows.loc["Яндекс Директ", "Продажи"] == str(int(expected.loc["yandex_direct", "orders"]))
    assert float(rows.loc["Яндекс Директ", "Цена продажи"].replace(",", ".")) == pytest.approx(
        expected.loc["yandex_direct", "cps"]
    )
    assert rows.loc["Поиск (SEO)", "Затраты"] == ""  # SEO has no costs: an empty cell, never 0


def ui_money_cards() -> tuple[str, ...]:
    from smmkpi import ui

    return ui.MONEY_CARDS


def test_cost_breakdown_adds_up_to_the_smm_cost_per_network(demo_env, downloads):
    run("money", "en")
    report = report_for(demo_env)
    rows = csv_rows(downloads["money_csv_costs"], "en").set_index("Network")

    for network, values in report["by_network"].items():
        label = i18n.t(f"channel.{network}", "en")
        if values["cost"] is None:
            assert label not in rows.index  # no cost reported: no row, not a row of zeros
            continue
        assert float(rows.loc[label, "Total"]) == pytest.approx(values["cost"])
    assert len(rows) >= 2


def test_switching_the_comparison_basis_redraws_the_channel_chart(demo_env):
    at = run("money", "en")
    at.segmented_control(key="money_basis").set_value("cpl").run()
    assert not at.exception

    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Cost per lead"


# --- Content ----------------------------------------------------------------------------------------------


def demo_posts(url: str) -> pd.DataFrame:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            workspace = query.resolve_workspace(session, WORKSPACE)
            ids = [int(a) for a in repo.list_accounts(session, workspace_id=workspace.id)["account_id"]]
            posts = analysis_repo.load_post_details(session, workspace_id=workspace.id, account_ids=ids,
                                                    date_from=PERIOD[0], date_to=PERIOD[1], timezone=workspace.timezone)  # fmt: skip
            return content.prepare_posts(posts, workspace.timezone)
    finally:
        engine.dispose()


def test_content_cards_mix_and_best_posts_follow_the_posts(demo_env, downloads):
    at = run("content", "en")
    report = report_for(demo_env)
    posts = demo_posts(demo_env)

    shown = {m.label: m.value for m in at.metric}
    assert (
        shown["Posts"] == metrics.format_metric("posts", report["total"]["posts"], "en") == f"{len(posts):,}"
    )
    best = table(at, 0)
    expected = content.rank_posts(posts, "er_reach")
    assert list(best["ERR"]) == [i18n.format_percent(v, "en") for v in expected["er_reach"]]
    assert list(best["Post"]) == list(expected["url"])  # links to the posts themselves
    mix = csv_rows(downloads["content_csv_mix"], "en")
    assert list(mix["Format"])[0] == "Photo" and sum(int(n) for n in mix["Posts"]) == len(posts)
    plan = csv_rows(downloads["content_csv_plan"], "en")
    # the plan is the whole scope's target, repeated on each network's row: the header says so
    assert list(plan.columns) == ["Period", "Network", "Posts", "Plan (all networks in scope, on every row)"]


def test_ranking_by_reach_puts_the_widest_post_first(demo_env):
    at = run("content", "ru")
    at.segmented_control(key="content_rank_metric").set_value("reach").run()
    assert not at.exception

    posts = demo_posts(demo_env)
    assert table(at, 0)["Охват"].iloc[0] == i18n.format_number(posts["reach"].max(), "ru", decimals=0)
    assert table(at, 1)["Охват"].iloc[0] == i18n.format_number(posts["reach"].min(), "ru", decimals=0)


# --- Communication ----------------------------------------------------------------------------------------


def test_communication_per_network_and_per_specialist(demo_env, downloads):
    at = run("communication", "ru")
    report = report_for(demo_env)

    by_network = table(at, 0).set_index("Соцсеть")
    for network, values in report["by_network"].items():
        label = i18n.t(f"channel.{network}", "ru")
        assert by_network.loc[label, "Обращения"] == metrics.format_metric(
            "interactions_in", values["interactions_in"], "ru"
        )
        assert by_network.loc[label, "Доля отвеченных"] == metrics.format_metric(
            "response_rate", values["response_rate"], "ru"
        )
    trend = csv_rows(downloads["communication_csv_trend"], "ru")
    assert sum(int(n) for n in trend["Обращения"]) == report["total"]["interactions_in"]

    at.segmented_control(key="communication_by").set_value("specialist").run()
    assert not at.exception
    specialists = set(table(at, 0)["Специалист"])
    assert {"irina.volkova@agency.example", "dmitry.sokolov@agency.example"} <= specialists


def test_unanswered_items_are_listed_with_the_threshold(demo_env, downloads):
    at = run("communication", "en")
    assert any(w.value.startswith("Waiting longer than 24 h:") for w in at.warning)
    overdue = table(at, 1)
    assert list(overdue.columns)[:3] == ["Received", "Waiting", "Link"]
    assert set(overdue["Kind"]) <= {"Comment", "Direct message"}

    # the longest wait first: what needs an answer most urgently is on top
    hours = [float(h) for h in csv_rows(downloads["communication_csv_overdue"], "en")["Waiting, hours"]]
    assert len(hours) > 1 and hours == sorted(hours, reverse=True)
    assert overdue["Waiting"].iloc[0] == i18n.format_duration_minutes(hours[0] * 60, "en")

    at.number_input(key="communication_hours").set_value(24 * 60).run()
    assert not at.exception
    assert (
        at.success[-1].value == "All answered: nothing has waited longer than 1,440 h."
    )  # the period is 30 days


# --- An empty workspace -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("page_name", "lang", "needle"), [
    ("funnel", "ru", "web.csv"), ("money", "en", "costs.csv"), ("content", "ru", "posts.csv"),
    ("communication", "en", "interactions.csv"),
])  # fmt: skip
def test_an_empty_workspace_says_what_to_import_instead_of_an_empty_chart(
    empty_workspace, page_name, lang, needle
):
    at = run(page_name, lang)
    prefix = "comm" if page_name == "communication" else page_name

    assert at.info[0].value == i18n.t(f"{prefix}.empty", lang)
    assert needle in " ".join(m.value for m in at.markdown)
    assert not at.get("vega_lite_chart") and not at.dataframe and not at.metric


def test_the_verdict_on_an_empty_period_is_not_a_zero(empty_workspace):
    engine = make_engine(empty_workspace)
    try:
        with session_scope(engine) as session:
            report = kpi_report(session, workspace_name="Агентство", filters=KpiFilters(),
                                date_from=PERIOD[0], date_to=PERIOD[1])  # fmt: skip
    finally:
        engine.dispose()
    assert money.verdict(report).status == "no_smm_cost"
    assert not funnel.has_data(report) and not money.has_costs(report)
    assert (
        communication.response_stats(pd.DataFrame(columns=["kind", "response_minutes"])).iloc[0]["received"]
        == 0
    )
    assert kpi.ratio(None, 0) is None


@pytest.mark.parametrize("specialist", [None, "dmitry.sokolov@agency.example"])
def test_a_network_focus_from_the_shared_data_equals_a_network_filter(demo_env, specialist):
    from smmkpi import ui

    filters_key = (None, (), (), specialist)
    focused = ui._analysis_report(demo_env, WORKSPACE, filters_key, *PERIOD, "vk", 0)
    engine = make_engine(demo_env)
    try:
        with session_scope(engine) as session:
            expected = kpi_report(session, workspace_name=WORKSPACE, date_from=PERIOD[0], date_to=PERIOD[1],
                                  filters=KpiFilters(networks=("vk",), specialist=specialist))  # fmt: skip
    finally:
        engine.dispose()
    assert json.dumps(focused, sort_keys=True) == json.dumps(expected, sort_keys=True)


# --- The large workspace of bench-pages -------------------------------------------------------------------


def test_the_scale_workspace_is_deterministic_canonical_and_sized_as_asked(engine, tmp_path):
    from smmkpi import scale

    end = dt.date(2026, 3, 31)
    first = scale.write_scale(tmp_path / "a", end=end, clients=2, years=1)
    scale.write_scale(tmp_path / "b", end=end, clients=2, years=1)
    for stem in first:  # the same arguments write the same bytes
        assert (tmp_path / "a" / f"{stem}.csv").read_bytes() == (tmp_path / "b" / f"{stem}.csv").read_bytes()
    assert first["accounts"] == 10 and first["daily"] == 10 * (end - dt.date(2025, 3, 1)).days + 10
    summary = importer.import_path(engine, tmp_path / "a", workspace="Scale", dry_run=True)  # valid as is
    assert {f.name: f.rows for f in summary.files}["posts.csv"] == first["posts"]


# --- Formula tooltips on the table columns ---------------------------------------------------------------


def column_helps(at: AppTest) -> list[dict[str, str]]:
    """{column: tooltip} of every table on the page (Streamlit's column config, as the browser gets it)."""
    out = []
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        out.append({(c.get("label") or name): c.get("help", "") for name, c in config.items()})
    return out


def test_every_kpi_column_of_the_money_and_communication_tables_has_its_formula(demo_env):
    at = run("money", "ru")
    helps = column_helps(at)
    channels = next(h for h in helps if "Цена продажи" in h)
    for key in ("cpc", "cpl", "cps", "romi"):
        assert metrics.help_text(key, "ru") in channels[metrics.label(key, "ru")]
    assert channels["Цена продажи"].startswith("**Формула:**")
    costs = next(h for h in helps if "Итого" in h)
    assert metrics.help_text("cost", "ru") in costs["Итого"]

    at = run("communication", "en")
    breakdown = next(h for h in column_helps(at) if metrics.label("response_rate", "en") in h)
    assert metrics.help_text("response_rate", "en") in breakdown[metrics.label("response_rate", "en")]
    assert (
        metrics.help_text("median_response_minutes", "en")
        in breakdown[metrics.label("median_response_minutes", "en")]
    )


def test_the_funnel_tables_explain_every_conversion(demo_env):
    at = run("funnel", "ru")
    steps, networks = column_helps(at)[:2]
    assert metrics.help_text("ctr", "ru") in steps["Конверсия: факт"]
    assert "Выручка / продажи" in steps["Конверсия: факт"]
    assert metrics.help_text("sessions", "ru") in networks["Показатель"]


# --- Communication: what the cards and the plan marks are -------------------------------------------------


def test_the_communication_cards_name_what_they_count_and_the_plan_hint_matches_the_marks(demo_env):
    from smmkpi import ui

    at = run("communication", "ru")
    labels = [m.label for m in at.metric]
    assert len(labels) == len(set(labels))
    # one card for messages (the daily statistic); the comments card says where the imported messages are
    assert "Входящие сообщения" in labels and "Комментарии" in labels
    assert "Личные сообщения" not in labels
    help_ = next(m.proto.help for m in at.metric if m.label == "Комментарии")
    assert "Входящие сообщения" in help_ and "дневной статистики" in help_
    assert "Личные сообщения" in list(table(at, 0).columns)  # the imported messages, per network

    bucket = pd.Timestamp("2026-03-02")
    none = pd.DataFrame({"bucket": [bucket], "plan_interactions_in": [float("nan")],
                         "plan_response_rate": [float("nan")]})  # fmt: skip
    assert "нескольких клиентов" not in ui.communication_plan_hint(none, 1, "ru")
    assert "нескольких клиентов" in ui.communication_plan_hint(none, 3, "ru")
    ticks = none.assign(plan_interactions_in=[120.0])
    assert ui.communication_plan_hint(ticks, 1, "ru") == i18n.t("comm.plan_hint_ticks", "ru")
    assert "пунктир" not in ui.communication_plan_hint(ticks, 1, "ru").lower()
    both = ticks.assign(plan_response_rate=[0.9])
    assert ui.communication_plan_hint(both, 1, "en") == i18n.t("comm.plan_hint", "en")


# --- Every CSV download of the four pages -----------------------------------------------------------------


@pytest.fixture(scope="module")
def page_csvs(demo_db) -> dict[str, dict[str, bytes]]:
    """{lang: {download key: bytes}} of the four pages on the demo, each page run once per language."""
    out: dict[str, dict[str, bytes]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SMMKPI_DATABASE_URL", demo_db)
        patch.setenv("SMMKPI_SECRET_KEY", "x" * 44)
        real = st.download_button
        for lang in ("ru", "en"):
            seen: dict[str, bytes] = {}

            def recording(label, data, *args, _seen=seen, **kwargs):
                _seen[kwargs.get("key")] = data
                return real(label, data, *args, **kwargs)

            patch.setattr(st, "download_button", recording)
            for page in PAGES:
                st.cache_data.clear()
                run(page, lang)
            out[lang] = seen
    st.cache_data.clear()
    return out


def _num(text: str, lang: str) -> float:
    return float(text.replace(",", ".") if lang == "ru" else text)


def _sum(rows: pd.DataFrame, column: str, lang: str) -> float:
    return sum(_num(v, lang) for v in rows[column] if v != "")


# key → (the row column, row, column whose cell must be empty: the source does not report it) or None when the
# demo has no gap there; and a spot check against the pure functions / the engine.
CSV_CASES = {
    "funnel_csv_steps": (("Шаг", "Охват", "Конверсия: факт"),
                         lambda rows, r: _num(rows.set_index("Шаг").loc["Продажи", "Факт"], "ru") == r["total"]["orders"]),
    "funnel_csv_networks": (("Канал", "Telegram", "Охват"),
                            lambda rows, r: _num(rows.set_index("Канал").loc["ВКонтакте", "CTR"], "ru") == pytest.approx(
                                funnel.network_funnels(r).set_index("network").loc["vk", "ctr"])),
    "funnel_csv_goals": (("Тип цели", "Другие цели", "Достижения"),
                         lambda rows, r: _num(rows.set_index("Тип цели").loc["Звонки", "Достижения"], "ru")
                         == r["total"]["goal_reaches.call"]),
    "money_csv_channels": (("Канал", "Instagram", "Затраты"),
                           lambda rows, r: _num(rows.set_index("Канал").loc["ВКонтакте", "Цена продажи"], "ru")
                           == pytest.approx(money.channel_comparison(r).set_index("channel").loc["vk", "cps"])),
    "money_csv_costs": (("Соцсеть", "Одноклассники", "Оплата агентства или специалиста"),
                        lambda rows, r: _num(rows.set_index("Соцсеть").loc["ВКонтакте", "Итого"], "ru")
                        == pytest.approx(r["by_network"]["vk"]["cost"])),
    "money_csv_trend": (("Канал", "Instagram", "Затраты на SMM"),
                        lambda rows, r: _sum(rows[rows["Канал"] == "Все соцсети"], "Затраты на SMM", "ru")
                        == pytest.approx(r["total"]["cost"])),
    "content_csv_plan": (None, lambda rows, r: _sum(rows, "Публикации", "ru") == r["total"]["posts"]),
    "content_csv_mix": (("Формат", "Reels", "Переходы по ссылкам"),
                        lambda rows, r: _sum(rows, "Публикации", "ru") == r["total"]["posts"]
                        and _sum(rows, "Доля", "ru") == pytest.approx(1.0)),
    "content_csv_best": (("Соцсеть", "Instagram", "Переходы по ссылкам"),
                         lambda rows, r: _num(rows["ERR — вовлечённость по охвату"][0], "ru") == pytest.approx(
                             _num(rows["Реакции"][0], "ru") / _num(rows["Охват"][0], "ru"))),
    "content_csv_worst": (None, lambda rows, r: _num(rows["ERR — вовлечённость по охвату"][0], "ru")
                          <= _num(rows["ERR — вовлечённость по охвату"][1], "ru")),
    "content_csv_heatmap": (("Публикации", "1", "Реакции"),
                            lambda rows, r: _sum(rows, "Публикации", "ru") == r["total"]["posts"]),
    "content_csv_promotion": (None, lambda rows, r: _sum(rows, "Публикации", "ru") == r["total"]["posts"]),
    "communication_csv_breakdown": (None, lambda rows, r: _sum(rows, "Обращения", "ru") == r["total"]["interactions_in"]),
    "communication_csv_trend": (("Период", "2026-03-02", "План: Обращения"),
                                lambda rows, r: _sum(rows, "Обращения", "ru") == r["total"]["interactions_in"]),
    "communication_csv_overdue": (None, lambda rows, r: _num(rows["Ждёт, часов"][0], "ru") == pytest.approx(
        (NOW - pd.Timestamp(rows["Получено"][0]).to_pydatetime()).total_seconds() / 3600)
        and set(rows["Тип"]) <= {"Комментарий", "Личное сообщение"}),
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(CSV_CASES))
def test_every_csv_download_parses_with_localized_headers_gaps_and_the_engine_numbers(
    demo_env, page_csvs, key
):
    report = report_for(demo_env)
    missing, spot = CSV_CASES[key]
    for lang in ("ru", "en"):
        data = page_csvs[lang][key]
        rows = csv_rows(data, lang)
        assert len(rows) > 0
        headers = list(rows.columns)
        assert all(h.strip() and "_" not in h and not h.startswith("Unnamed") for h in headers), headers
        assert not any(str(v) in ("nan", "NaN", "None", "<NA>", "NaT") for v in rows.to_numpy().ravel())
    rows = csv_rows(page_csvs["ru"][key], "ru")
    assert set(page_csvs) == {"ru", "en"} and headers != list(
        rows.columns
    )  # English and Russian headers differ
    if missing is not None:
        by, row, column = missing
        assert rows.loc[rows[by] == row, column].iloc[0] == ""  # not reported: an empty cell, never 0
    assert spot(rows, report)


def test_every_csv_download_of_the_four_pages_is_covered(page_csvs):
    assert set(page_csvs["ru"]) == set(CSV_CASES) == set(page_csvs["en"])
