"""The app through Streamlit's AppTest: entry script, Overview and Import on a demo database.

Page files run alone here (see DESIGN.md, "AppTest trap"), so each page prepares its own context with
`ui.page_context()`. The numbers on screen are checked against `kpi_report` for the same scope and period,
formatted the way the UI formats them.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import repo, trust_repo
from db.session import make_engine, session_scope
from smmkpi import bootstrap, demo, metrics
from smmkpi.query import KpiFilters, kpi_report

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
OVERVIEW = str(ROOT / "pages" / "overview.py")
IMPORT = str(ROOT / "pages" / "import_data.py")
CONNECTIONS = str(ROOT / "pages" / "connections.py")
TIMEOUT_S = 60
DEMO_END = dt.date(2026, 3, 31)  # the demo's last day of data; the default period ends here
WORKSPACE = "Demo"
DEMO_MONTHS = 4  # enough for a period, its previous one and a plan; small enough to load in a second


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    """One SQLite database with the demo workspace for the whole module (loading takes a few seconds)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    engine = bootstrap.open_database(bootstrap.Settings(database_url=url))
    bootstrap.load_demo(engine, workspace=WORKSPACE, end=DEMO_END, months=DEMO_MONTHS)
    engine.dispose()
    return url


@pytest.fixture
def demo_env(_fresh_state, demo_db, monkeypatch) -> str:
    """The app under test reads the demo database (caches were cleared by the shared fixture)."""
    monkeypatch.setenv("SMMKPI_DATABASE_URL", demo_db)
    return demo_db


@pytest.fixture
def empty_env(_fresh_state, tmp_path, monkeypatch) -> str:
    """An empty database and no automatic demo: the newcomer's first start with load_demo = false."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
    monkeypatch.setenv("SMMKPI_LOAD_DEMO", "false")
    return url


@functools.lru_cache(maxsize=32)  # the database of a module never changes: compute each report once
def _report(url: str, date_from: dt.date, date_to: dt.date, networks: tuple[str, ...]) -> dict:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return kpi_report(session, workspace_name=WORKSPACE, filters=KpiFilters(networks=networks),
                              date_from=date_from, date_to=date_to)  # fmt: skip
    finally:
        engine.dispose()


def report_for(url: str, *, date_from: dt.date, date_to: dt.date, networks: tuple[str, ...] = ()) -> dict:
    """kpi_report straight from the database, for the numbers the page must show."""
    return copy.deepcopy(_report(url, date_from, date_to, networks))


def default_period() -> tuple[dt.date, dt.date]:
    return DEMO_END - dt.timedelta(days=29), DEMO_END


def cards(at: AppTest) -> dict[str, str]:
    """{KPI label: value shown} of every KPI card on the page."""
    return {m.label: m.value for m in at.metric}


def expected_cards(report: dict, lang: str, keys) -> dict[str, str]:
    currency = report["currency"]
    return {
        metrics.label(k, lang): metrics.format_metric(k, report["total"][k], lang, currency) for k in keys
    }


def run(path: str, **query) -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT_S)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# --- Entry script ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "followers"), [("ru", "Обзор", "Подписчики"), ("en", "Overview", "Followers")]
)
def test_entry_script_renders_the_overview_in_the_chosen_language(demo_env, lang, title, followers):
    at = run(APP, lang=lang)

    assert at.title[0].value == title
    assert followers in cards(at)
    assert at.segmented_control(key="lang").value == lang


def test_language_defaults_to_the_browser_locale(demo_env):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.context["locale"] = "en-GB"
    at.run()

    assert not at.exception
    assert at.title[0].value == "Overview"


def test_switching_the_language_in_the_sidebar_translates_the_page(demo_env):
    at = run(APP, lang="ru")
    at.segmented_control(key="lang").set_value("en").run()

    assert not at.exception
    assert at.title[0].value == "Overview"
    assert "Followers" in cards(at)


# --- Overview -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_overview_cards_show_the_kpi_report_of_the_last_30_days_with_data(demo_env, lang):
    at = run(OVERVIEW, lang=lang)
    date_from, date_to = default_period()
    report = report_for(demo_env, date_from=date_from, date_to=date_to)

    shown = cards(at)
    keys = [k for k in metrics.KPI_KEYS if metrics.label(k, lang) in shown]
    assert {"followers_end", "reach", "er_reach", "leads", "cost", "cpl", "romi"} <= set(keys)
    assert shown == expected_cards(report, lang, keys)
    assert at.date_input(key="overview_dates").value == (date_from, date_to)


def test_overview_card_delta_compares_with_the_previous_period(demo_env):
    at = run(OVERVIEW, lang="en")
    date_from, date_to = default_period()
    report = report_for(demo_env, date_from=date_from, date_to=date_to)
    card = next(m for m in at.metric if m.label == "Followers")

    current, previous = report["total"]["followers_end"], report["previous"]["followers_end"]
    change = (current - previous) / abs(previous)
    assert card.delta == f"{'+' if change > 0 else '-'}{abs(change) * 100:.1f}%"


def test_choosing_a_network_narrows_the_numbers_to_it(demo_env):
    at = run(OVERVIEW, lang="ru")
    at.multiselect(key="overview_networks").select("vk").run()
    assert not at.exception

    date_from, date_to = default_period()
    report = report_for(demo_env, date_from=date_from, date_to=date_to, networks=("vk",))
    overall = report_for(demo_env, date_from=date_from, date_to=date_to)
    shown = cards(at)
    assert report["total"]["followers_end"] < overall["total"]["followers_end"]
    assert shown == expected_cards(
        report, "ru", [k for k in metrics.KPI_KEYS if metrics.label(k, "ru") in shown]
    )


def test_a_kpi_the_source_does_not_report_shows_a_dash_not_zero(demo_env):
    at = run(OVERVIEW, lang="ru")
    at.multiselect(key="overview_networks").select("telegram").run()

    date_from, date_to = default_period()
    report = report_for(demo_env, date_from=date_from, date_to=date_to, networks=("telegram",))
    assert report["total"]["reach"] is None
    assert cards(at)[metrics.label("reach", "ru")] == "—"
    card = next(m for m in at.metric if m.label == metrics.label("reach", "ru"))
    assert card.delta in (None, "")


def test_changing_the_period_preset_recomputes_the_cards(demo_env):
    at = run(OVERVIEW, lang="en")
    at.selectbox(key="overview_period").select("last_7_days").run()
    assert not at.exception

    date_from, date_to = DEMO_END - dt.timedelta(days=6), DEMO_END
    report = report_for(demo_env, date_from=date_from, date_to=date_to)
    assert at.date_input(key="overview_dates").value == (date_from, date_to)
    assert cards(at)["Reach"] == metrics.format_metric("reach", report["total"]["reach"], "en")
    assert cards(at)["Posts"] == metrics.format_metric("posts", report["total"]["posts"], "en")


def test_a_custom_date_range_switches_the_preset_to_custom(demo_env):
    at = run(OVERVIEW, lang="en")
    date_from, date_to = dt.date(2026, 2, 1), dt.date(2026, 2, 28)
    at.date_input(key="overview_dates").set_value((date_from, date_to)).run()

    assert at.selectbox(key="overview_period").value == "custom"
    report = report_for(demo_env, date_from=date_from, date_to=date_to)
    assert cards(at)["Followers"] == metrics.format_metric(
        "followers_end", report["total"]["followers_end"], "en"
    )


def test_overview_shows_plan_vs_fact_trend_network_and_channel_views(demo_env):
    at = run(OVERVIEW, lang="ru")

    charts = at.get("vega_lite_chart")
    # trend and networks; the plan covers only one of the two demo clients, so its attainment chart waits
    # for a client to be picked (see the plan tests below)
    assert len(charts) == 2
    headers = [h.value for h in at.subheader]
    assert headers == ["План и факт", "Динамика", "По соцсетям", "Сравнение каналов"]
    channel_table = at.dataframe[-1].value
    assert "Яндекс Директ" in set(channel_table.iloc[:, 0])
    assert "—" in set(channel_table.to_numpy().ravel())  # e.g. SEO has no cost: a dash, not 0


def test_the_trend_chart_follows_the_metric_and_grain_chosen(demo_env):
    import json

    at = run(OVERVIEW, lang="en")
    at.selectbox(key="overview_trend_metric").select("posts").run()
    at.segmented_control(key="overview_grain").set_value("week").run()
    assert not at.exception

    spec = next(
        s
        for s in (json.loads(c.proto.spec) for c in at.get("vega_lite_chart"))
        if s.get("layer") and s["layer"][0]["encoding"]["x"].get("field") == "bucket"
    )
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Posts"
    rows = next(iter(spec["datasets"].values())) if spec.get("datasets") else None
    assert rows is None or all(r["bucket_text"].startswith("week of") for r in rows)


def test_empty_database_shows_the_welcome_screen_not_a_traceback(empty_env):
    at = run(OVERVIEW, lang="en")

    assert at.title[0].value == "Welcome to smmkpi"
    assert at.button(key="welcome_load_demo").label == "Load the demo workspace"
    assert not at.metric


def test_a_newcomer_can_start_on_the_connections_page(empty_env, monkeypatch):
    """Before any import the Connections page is reachable (the welcome screen links to it) and makes the
    first, empty workspace that the accounts will be connected to."""
    monkeypatch.setenv("SMMKPI_SECRET_KEY", "dSmHBTUWHsGR0C_NRhUK2Pk78nvhDiokqbXO3vHZDd4=")
    welcome = run(OVERVIEW, lang="en")
    assert any(
        "Connect your accounts" in m.value for m in welcome.markdown
    )  # the page link (a plain link in AppTest)
    assert _workspaces(empty_env) == []

    at = run(CONNECTIONS, lang="en")
    assert at.title[0].value == "Connections"
    assert _workspaces(empty_env) == ["My company"]
    assert {"VK", "Telegram", "Yandex Metrica"} <= {h.value for h in at.subheader}


def test_the_welcome_button_loads_the_demo_workspace(empty_env):
    at = run(OVERVIEW, lang="ru")
    at.button(key="welcome_load_demo").click().run()

    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Обзор"
    assert at.metric


# --- Import ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_csv(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("demo_csv")
    demo.write_demo(folder, end=DEMO_END, months=2)
    return {path.stem: path.read_bytes() for path in folder.glob("*.csv")}


def _upload(at: AppTest, files: dict[str, bytes]) -> None:
    at.file_uploader(key="import_files").set_value([(name, data, "text/csv") for name, data in files.items()])
    at.run()


def _workspaces(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return [w.name for w in repo.list_workspaces(session)]
    finally:
        engine.dispose()


def test_import_page_checks_then_imports_a_good_upload(empty_env, demo_csv):
    at = run(IMPORT, lang="en")
    assert at.title[0].value == "Import data"
    assert at.button(key="import_run").disabled

    _upload(at, {"accounts.csv": demo_csv["accounts"], "daily.csv": demo_csv["daily"]})
    at.button(key="import_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Check passed" in at.success[0].value
    assert _workspaces(empty_env) == []  # a check writes nothing
    assert not at.button(key="import_run").disabled
    summary = at.dataframe[0].value
    assert list(summary["File"]) == ["accounts.csv", "daily.csv"] or set(summary["File"]) == {
        "accounts.csv", "daily.csv"}  # fmt: skip

    at.button(key="import_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("imported" in s.value for s in at.success)
    assert _workspaces(empty_env) == ["My company"]
    # the trust checks ran for the imported accounts, so the Overview's follower warning is current at once
    engine = make_engine(empty_env)
    try:
        with session_scope(engine) as session:
            ws = repo.get_workspace(session, name="My company").id
            ids = list(repo.list_accounts(session, workspace_id=ws)["account_id"])
            version = trust_repo.data_version(session, workspace_id=ws)
            assert (
                ids
                and trust_repo.stale_accounts(session, workspace_id=ws, account_ids=ids, version=version)
                == []
            )
    finally:
        engine.dispose()


def test_import_page_lists_problems_and_writes_nothing(empty_env):
    bad = b"date,network,account,followers\n2026-03-01,vk,club1,12k\n2026-13-01,myspace,club1,10\n"
    at = run(IMPORT, lang="ru")
    _upload(at, {"daily.csv": bad})
    at.button(key="import_check").click().run()

    assert not at.exception, [e.value for e in at.exception]
    assert "Ничего не записано" in at.error[0].value
    problems = at.table[0].value
    assert list(problems.columns) == ["Файл", "Строка", "Столбец", "Значение", "Что не так"]
    assert {"2", "3"} <= set(problems["Строка"])
    assert "12k" in set(problems["Значение"])
    assert at.button(key="import_run").disabled
    assert _workspaces(empty_env) == []


def test_import_page_offers_the_template_and_history(demo_env):
    at = run(IMPORT, lang="ru")

    assert at.get("download_button")[0].proto.label == "Скачать шаблон Excel"
    assert "История импорта" in [h.value for h in at.subheader]
    history = at.dataframe[-1].value
    assert len(history) >= 1  # the demo import


def test_a_workspace_with_only_a_few_days_of_data_opens_with_every_preset(empty_env, tmp_path):
    """A first sync or a small import covers fewer days than the default 30-day preset."""
    from db.migrate import upgrade
    from db.session import make_engine
    from smmkpi import importer

    (tmp_path / "daily.csv").write_text(
        "date,network,account,followers,reach\n"
        "2026-03-09,telegram,news,100,\n2026-03-10,telegram,news,104,\n",
        encoding="utf-8",
    )
    (tmp_path / "accounts.csv").write_text("network,account,client\ntelegram,news,Acme\n", encoding="utf-8")
    engine = make_engine(empty_env)
    upgrade(engine)
    importer.import_path(engine, tmp_path, workspace="Small")
    engine.dispose()

    at = run(OVERVIEW, lang="en")
    for preset in ("last_30_days", "last_12_months", "last_7_days"):
        at.selectbox(key="overview_period").select(preset).run()
        assert not at.exception, [e.value for e in at.exception]
    assert cards(at)["Followers"] == "104"


# --- Plan vs fact: scope and months ---------------------------------------------------------------------

PLANNED_CLIENT = "Кофейня «Обжарка»"  # the demo client with a plan; the other has none


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_default_overview_says_the_plan_covers_only_some_clients_and_hides_attainment(demo_env):
    at = run(OVERVIEW, lang="ru")

    warnings = [w for w in _texts(at.warning) if "План задан только для" in w]
    assert warnings and PLANNED_CLIENT in warnings[0]
    # no attainment percentage on the cards: the plan line names the planned client, without a "% плана"
    plan_lines = [c for c in at.caption if "частичный" in c.value]
    assert plan_lines and PLANNED_CLIENT in plan_lines[0].help
    assert not any("% плана" in c for c in _texts(at.caption))
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2  # trend and networks; the attainment chart is not drawn


def test_with_the_planned_client_selected_the_overview_compares_plan_and_fact(demo_env):
    at = run(OVERVIEW, lang="en")
    at.selectbox(key="overview_client").select(PLANNED_CLIENT).run()
    assert not at.exception, [e.value for e in at.exception]

    assert not [w for w in _texts(at.warning) if "Plan set only for" in w]
    assert any("of plan" in c for c in _texts(at.caption))
    assert len(at.get("vega_lite_chart")) == 3  # the attainment chart is back
    # the last 30 days lie in one month: no by-month table repeating the chart; 90 days span several
    assert not any(any(str(c).endswith("· %") for c in d.value.columns) for d in at.dataframe)
    at.selectbox(key="overview_period").select("last_90_days").run()
    month_table = next(d.value for d in at.dataframe if any(str(c).endswith("· %") for c in d.value.columns))
    assert "Posts" in set(month_table["KPI"])
    assert {str(c).split(" · ")[0] for c in month_table.columns[1:]} == {"Jan 2026", "Feb 2026", "Mar 2026"}


def _plan_months_workspace(folder: Path) -> None:
    """One client, one VK account, February and March with different facts and different targets."""
    days = [dt.date(2026, 2, 1) + dt.timedelta(days=i) for i in range(59)]  # 1 Feb … 31 Mar
    (folder / "accounts.csv").write_text("network,account,client\nvk,acme,Acme\n", encoding="utf-8")
    (folder / "daily.csv").write_text(
        "date,network,account,followers,reach\n"
        + "".join(f"{d},vk,acme,{1000 + i},{100}\n" for i, d in enumerate(days)), encoding="utf-8")  # fmt: skip
    (folder / "goals.csv").write_text("client,goal,name,type\nAcme,f1,Form,form\n", encoding="utf-8")
    # leads: 2 a day in February (56), 4 a day in March (124)
    (folder / "goal_reaches.csv").write_text(
        "date,client,channel,goal,reaches\n"
        + "".join(f"{d},Acme,vk,f1,{2 if d.month == 2 else 4}\n" for d in days), encoding="utf-8")  # fmt: skip
    # cost: 2 800 in February (cpl 50), 3 100 in March (cpl 25)
    (folder / "costs.csv").write_text(
        "date,client,channel,kind,account,date_to,amount\n"
        "2026-02-01,Acme,vk,fee,,2026-02-28,2800\n2026-03-01,Acme,vk,fee,,2026-03-31,3100\n", encoding="utf-8")  # fmt: skip
    (folder / "plan.csv").write_text(
        "month,client,scope,kpi,target\n"
        "2026-02,Acme,all,leads,50\n2026-03,Acme,all,leads,100\n"
        "2026-02,Acme,all,cpl,40\n2026-03,Acme,all,cpl,50\n", encoding="utf-8")  # fmt: skip


def test_plan_by_month_shows_each_months_attainment_and_cpl_as_target_over_fact(empty_env, tmp_path):
    from db.migrate import upgrade
    from smmkpi import importer

    _plan_months_workspace(tmp_path)
    engine = make_engine(empty_env)
    upgrade(engine)
    importer.import_path(engine, tmp_path, workspace="Plans")
    engine.dispose()

    at = run(OVERVIEW, lang="en")
    at.date_input(key="overview_dates").set_value((dt.date(2026, 2, 1), dt.date(2026, 3, 31))).run()
    assert not at.exception, [e.value for e in at.exception]

    table = next(d.value for d in at.dataframe if any(str(c).endswith("· %") for c in d.value.columns))
    rows = table.set_index("KPI")
    assert list(rows.index) == ["Leads", "Cost per lead"] or set(rows.index) == {"Leads", "Cost per lead"}
    feb, mar = "Feb 2026", "Mar 2026"
    assert rows.loc["Leads", f"{feb} · Actual"] == "56" and rows.loc["Leads", f"{mar} · Actual"] == "124"
    assert rows.loc["Leads", f"{feb} · %"] == "112%"  # 56 / 50
    assert rows.loc["Leads", f"{mar} · %"] == "124%"  # 124 / 100
    # lower is better: target / actual (40 / 50 and 50 / 25), not actual / target
    assert rows.loc["Cost per lead", f"{feb} · %"] == "80%"
    assert rows.loc["Cost per lead", f"{mar} · %"] == "200%"


# --- An unreachable database ---------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "lang", "expected"), [(APP, "ru", "Не удаётся открыть базу данных"),
                                                        (OVERVIEW, "en", "Cannot open the database")])  # fmt: skip
def test_an_unreachable_database_shows_one_translated_error_not_a_traceback(_fresh_state, monkeypatch, path, lang,
                                                                             expected):  # fmt: skip
    monkeypatch.setenv("SMMKPI_DATABASE_URL", "postgresql+psycopg://smmkpi:Sup3rSecretPw@127.0.0.1:1/smmkpi")
    at = AppTest.from_file(path, default_timeout=TIMEOUT_S)
    at.query_params.update(lang=lang)
    at.run()

    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    message = at.error[0].value
    assert (
        message.startswith(expected) and "127.0.0.1:1/smmkpi" in message and "SMMKPI_DATABASE_URL" in message
    )
    assert "Sup3rSecretPw" not in message
    assert not at.metric


# --- Import page: hints, problems, progress, a re-import that changes nothing ---------------------------


def test_the_import_buttons_hint_shows_only_while_it_is_disabled(empty_env, demo_csv):
    at = run(IMPORT, lang="en")
    assert at.button(key="import_run").disabled
    assert at.button(key="import_run").help == "Available after a check without errors."

    _upload(at, {"accounts.csv": demo_csv["accounts"]})
    at.button(key="import_check").click().run()
    assert not at.button(key="import_run").disabled
    assert not at.button(key="import_run").help  # enabled: no "available after a check" hint


def test_import_problems_are_sorted_by_file_and_line_and_counted_with_plurals(empty_env):
    # the importer reports row rules first and duplicate keys last, file by file: not in reading order
    daily = (
        b"date,network,account,followers,reach\n2026-03-01,vk,nobody,10,5\n2026-03-01,vk,club1,10,-5\n"
        b"2026-03-01,vk,club1,12k,4\n2026-13-01,vk,club1,10,\n"
    )
    accounts = b"network,account,client\nvk,club1,Acme\nvk,club1,Acme\n"
    at = run(IMPORT, lang="en")
    _upload(at, {"daily.csv": daily, "accounts.csv": accounts})
    at.button(key="import_check").click().run()
    assert not at.exception, [e.value for e in at.exception]

    problems = at.table[0].value
    keys = [
        (f, int(line) if line else -1) for f, line in zip(problems["File"], problems["Line"], strict=True)
    ]
    assert keys == [
        ("accounts.csv", 3),
        ("daily.csv", 3),
        ("daily.csv", 4),
        ("daily.csv", 4),
        ("daily.csv", 5),
    ]
    count = len(problems)
    assert at.error[0].value.startswith(f"{count} problems found.")
    assert all(rule for rule in problems["What is wrong"])  # the whole rule text, in a wrapping table

    one = run(IMPORT, lang="en")
    _upload(one, {"accounts.csv": b"network,account,client\nmyspace,club1,Acme\n"})
    one.button(key="import_check").click().run()
    assert one.error[0].value.startswith("1 problem found.")


def test_a_re_import_that_changes_nothing_skips_the_trust_rechecks(empty_env, demo_csv):
    files = {"accounts.csv": demo_csv["accounts"], "daily.csv": demo_csv["daily"]}
    at = run(IMPORT, lang="en")
    _upload(at, files)
    at.button(key="import_check").click().run()
    at.button(key="import_run").click().run()
    assert not at.exception, [e.value for e in at.exception]

    def checks() -> dict:
        engine = make_engine(empty_env)
        try:
            with session_scope(engine) as session:
                ws = repo.get_workspace(session, name="My company").id
                frame = trust_repo.list_checks(session, workspace_id=ws)
                return dict(zip(frame["account_id"], frame["computed_at"], strict=True))
        finally:
            engine.dispose()

    first = checks()
    assert first
    again = run(IMPORT, lang="en")
    _upload(again, files)
    again.button(key="import_check").click().run()
    again.button(key="import_run").click().run()
    assert not again.exception, [e.value for e in again.exception]

    assert any("Nothing changed" in c.value for c in again.caption)
    assert checks() == first  # no account was checked again


# --- Configuration --------------------------------------------------------------------------------------


def test_the_secrets_example_uncommented_is_valid_and_covers_every_setting(tmp_path):
    import re

    from smmkpi.settings import Settings, read_secrets_file

    example = (ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8")
    lines, keys = [], set()
    for line in example.splitlines():
        match = re.fullmatch(r"# (\[[\w.]+\]|(\w+) = .*)", line)
        if not match:
            continue
        if match.group(1).startswith("["):
            keys = set()  # a new table
        elif match.group(2) in keys:
            continue  # the second database_url is an alternative to the first
        keys.add(match.group(2))
        lines.append(match.group(1))
    (tmp_path / "secrets.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    secrets = read_secrets_file(tmp_path / "secrets.toml")

    table = secrets["smmkpi"]
    assert {"database_url", "language", "load_demo", "demo_workspace", "secret_key"} <= set(table)
    assert secrets["smmkpi"]["vk"]["client_id"]
    assert "docs/connectors.md" in example
    settings = Settings.load(secrets=secrets, environ={})
    assert settings.demo_workspace == "Demo" and settings.database_url == "sqlite:///db/smmkpi.db"


# --- Rate deltas and the specialist filter -------------------------------------------------------------


def test_a_rate_kpis_delta_is_in_percentage_points_not_relative(demo_env):
    at = run(OVERVIEW, lang="en")
    date_from, date_to = default_period()
    report = report_for(demo_env, date_from=date_from, date_to=date_to)
    current, previous = report["total"]["er_reach"], report["previous"]["er_reach"]
    points = (current - previous) * 100
    assert (
        round(points, 1) != 0 and abs(points - 100 * (current - previous) / previous) > 0.1
    )  # distinguishable
    card = next(m for m in at.metric if m.label == metrics.label("er_reach", "en"))

    assert card.delta == f"{'+' if points > 0 else '-'}{abs(points):.1f}\u00a0pp"
    label = next(m for m in at.markdown if m.value == metrics.label("er_reach", "en"))
    assert "percentage points" in label.help
    followers = next(m for m in at.metric if m.label == "Followers")
    assert followers.delta.endswith("%")  # counts keep their relative change


def test_the_specialist_filter_shows_names_not_cut_off_e_mails(demo_env):
    at = run(OVERVIEW, lang="ru")
    box = at.selectbox(key="overview_specialist")

    assert "Irina Volkova" in box.options and not any("@" in o for o in box.options)
    box.select("irina.volkova@agency.example").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="overview_specialist").value == "irina.volkova@agency.example"


def test_the_trend_total_line_is_offered_for_several_networks_and_drawn_when_asked(demo_env):
    import json

    at = run(OVERVIEW, lang="en")

    def legend() -> list[str]:
        spec = next(s for s in (json.loads(c.proto.spec) for c in at.get("vega_lite_chart"))
                    if s.get("layer") and s["layer"][0]["encoding"]["x"].get("field") == "bucket")  # fmt: skip
        return spec["layer"][0]["encoding"]["color"]["scale"]["domain"]

    assert "All networks" not in legend() and len(legend()) > 1
    at.toggle(key="overview_trend_total").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert legend()[-1] == "All networks"  # the sums themselves are checked in test_charts.py
