"""The specialist scorecard (issue 6): one row per specialist from the KPI engine under each specialist's
scope and the stored trust findings of the days they held each account; the Specialists page through
AppTest on the demo workspace and on a workspace without specialists, in Russian and English.

Page files run alone with their context prepared (DESIGN.md, "AppTest trap").
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from db import repo, trust_repo
from db.session import make_engine, session_scope
from smmkpi import bootstrap, demo, i18n, importer, kpi, metrics, scorecard, trust
from smmkpi.kpi import Period
from smmkpi.query import KpiFilters, kpi_report
from tests.kpi_frames import frame

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "specialists.py")
TIMEOUT_S = 90
WORKSPACE = "Demo"
DEMO_END = dt.date(2026, 3, 31)
EPISODE = demo.injected_episode(end=DEMO_END)
FURNITURE = "Мебельная фабрика «Кедр»"
NA = np.nan

# --------------------------------------------------------------------------------------------------
# Hand-built data: three accounts, a hand-over in the middle of March, a specialist who left before it

ALPHA, BETA, GAMMA = 1, 2, 3
MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 30))  # 30 days
ACCOUNTS = pd.DataFrame({
    "account_id": [ALPHA, BETA, GAMMA], "network": ["vk", "ok", "telegram"],
    "handle": ["alpha", "beta", "gamma"], "name": ["Alpha", None, "Gamma"],
})  # fmt: skip
ASSIGNMENTS = pd.DataFrame({
    "account_id": [ALPHA, ALPHA, BETA, GAMMA],
    "specialist": ["anna", "boris", "boris", "vera"],
    "since": pd.to_datetime(["2026-01-01", "2026-03-11", "2026-02-01", "2026-01-01"]),
    "until": pd.to_datetime(["2026-03-10", None, None, "2026-02-15"]),
})  # fmt: skip


def summary(verdict: str, *, suspicious: int = 0, explained: int = 0) -> dict:
    return {
        "verdict": verdict,
        "suspicious": suspicious,
        "impossible": 0,
        "legit_causes": 0,
        "explained": explained,
    }


def engine_report(specialist: str) -> dict:
    """kpi.compute_report under one specialist's scope: Alpha reaches 100 a day, Beta 10 a day, all of March."""
    days = pd.date_range("2026-01-01", "2026-03-30", freq="D")
    daily = frame(kpi.DAILY_COLUMNS, [
        (account, day, NA, NA, NA, reach, NA, NA, NA, NA)
        for account, reach in ((ALPHA, 100.0), (BETA, 10.0)) for day in days
    ])  # fmt: skip
    accounts = frame(kpi.ACCOUNT_COLUMNS, [(ALPHA, "vk", 10, False, False), (BETA, "ok", 10, False, False),
                                           (GAMMA, "telegram", 10, False, False)])  # fmt: skip
    own = ASSIGNMENTS[ASSIGNMENTS["specialist"] == specialist][["account_id", "since", "until"]]
    data = kpi.empty_data(accounts=accounts, daily=daily, followers=daily[["account_id", "date", "followers"]],
                          clients=(10,), assignments=own.reset_index(drop=True))  # fmt: skip
    return kpi.compute_report(data, MARCH)


def hand_built(trust_by_specialist: dict, checked=(ALPHA, BETA, GAMMA)) -> pd.DataFrame:
    return scorecard.build(
        period=MARCH, specialists=["vera", "boris", "anna"], assignments=ASSIGNMENTS, accounts=ACCOUNTS,
        reports={name: engine_report(name) for name in ("anna", "boris", "vera")},
        trust=trust_by_specialist, checked=checked,
    )  # fmt: skip


def by_name(frame_: pd.DataFrame) -> dict[str, pd.Series]:
    return {row["specialist"]: row for _, row in frame_.iterrows()}


def test_assignments_are_clipped_to_the_period_and_a_hand_over_splits_the_days():
    held = scorecard.windows(ASSIGNMENTS, MARCH)

    alpha = held[held["account_id"] == ALPHA].set_index("specialist")
    assert alpha.loc["anna", "days"] == 10 and alpha.loc["boris", "days"] == 20  # 1–10 and 11–30 March
    assert alpha["days"].sum() == MARCH.days
    assert (
        alpha.loc["boris", "first_day"] == dt.date(2026, 3, 11)
        and alpha.loc["boris", "last_day"] == MARCH.end
    )
    assert "vera" not in set(held["specialist"])  # her assignment ended in February


def test_each_specialist_gets_the_engine_numbers_of_their_own_days_and_the_marker_of_their_accounts():
    rows = by_name(hand_built({
        "anna": {ALPHA: summary("likely_inflated", suspicious=2)},
        # a finding Boris's account had is marked explained: the summary no longer counts it (clean)
        "boris": {ALPHA: summary("clean", explained=1), BETA: summary("clean")},
    }))  # fmt: skip
    anna, boris, vera = rows["anna"], rows["boris"], rows["vera"]

    assert (anna["accounts"], anna["account_days"]) == (1, 10)
    assert (boris["accounts"], boris["account_days"]) == (2, 20 + 30)
    assert anna["reach"] == 10 * 100  # Alpha on 1–10 March only
    assert boris["reach"] == 20 * 100 + 30 * 10  # Alpha from 11 March, Beta all month
    assert [(d["name"], d["days"]) for d in boris["detail"]] == [("beta", 30), ("Alpha", 20)]  # beta: no name

    assert anna["verdict"] == "likely_inflated"
    assert scorecard.marker_text(anna, "en") == "1 account suspicious: Alpha (VK) — likely inflated"
    assert (
        scorecard.marker_text(anna, "ru")
        == "1 аккаунт под подозрением: Alpha (ВКонтакте) — вероятна накрутка"
    )
    assert boris["verdict"] == "clean" and boris["explained"] == 1
    assert scorecard.marker_text(boris, "en") is None and scorecard.trust_text(boris, "en") == ""

    # Vera held nothing in March: no accounts, and every KPI is "not reported", never 0
    assert (vera["accounts"], vera["account_days"], vera["verdict"]) == (0, 0, None)
    assert all(vera[key] is None for key in scorecard.SCORECARD_KPIS)
    assert {metrics.format_metric(key, vera[key], "en") for key in scorecard.SCORECARD_KPIS} == {i18n.MISSING}
    assert scorecard.accounts_text(vera, "en") == "No accounts in this period"


def test_specialists_with_accounts_come_first_then_by_name():
    rows = hand_built(
        {"anna": {ALPHA: summary("clean")}, "boris": {ALPHA: summary("clean"), BETA: summary("clean")}}
    )
    assert list(rows["specialist"]) == ["anna", "boris", "vera"]


def test_the_worst_verdict_wins_and_several_flagged_accounts_are_named_worst_first():
    rows = by_name(hand_built({
        "boris": {ALPHA: summary("suspicious", suspicious=1), BETA: summary("likely_inflated", suspicious=3)},
    }))  # fmt: skip
    boris = rows["boris"]

    assert boris["verdict"] == "likely_inflated"
    assert [f[0] for f in boris["flagged"]] == ["beta", "Alpha"]
    assert scorecard.marker_text(boris, "en") == (
        "2 accounts suspicious: beta (OK) — likely inflated, Alpha (VK) — suspicious"
    )
    assert scorecard.marker_text(boris, "ru").startswith("2 аккаунта под подозрением: beta (Одноклассники)")


def test_an_account_never_checked_is_not_checked_not_clean_and_carries_no_marker():
    rows = by_name(hand_built({"boris": {ALPHA: summary("clean")}}, checked=(ALPHA,)))
    boris = rows["boris"]

    assert boris["verdict"] == scorecard.NOT_CHECKED
    assert boris["unchecked"] == (("beta", "ok"),)
    assert scorecard.marker_text(boris, "en") is None
    assert scorecard.trust_text(boris, "en") == "Not checked yet: beta (OK)"
    assert scorecard.verdict_text(boris["verdict"], "ru") == "Не проверено"


def test_summaries_of_two_stints_on_one_account_merge_to_the_worse():
    merged = scorecard.merge_trust([summary("clean", explained=1), summary("suspicious", suspicious=1), None])
    assert merged == {
        "verdict": "suspicious",
        "suspicious": 1,
        "impossible": 0,
        "legit_causes": 0,
        "explained": 1,
    }
    assert scorecard.merge_trust([None]) is None


def test_the_chart_leaves_out_what_is_not_reported_and_colours_the_marked_specialist():
    rows = hand_built({"anna": {ALPHA: summary("suspicious", suspicious=1)}})
    points = scorecard.chart_rows(rows, "reach", "en").set_index("label")

    assert points.loc["anna", "value"] == 1000 and points.loc["anna", "flagged"]
    assert points.loc["anna", "status"] == "Signs of inflation"
    assert np.isnan(points.loc["vera", "value"]) and points.loc["vera", "value_text"] == i18n.MISSING
    spec = scorecard.chart(rows, "reach", "en").to_dict()
    assert spec["config"]["locale"]["number"]["thousands"] == ","
    assert json.dumps(spec).count(scorecard.MARKER_COLOR) == 1


# --------------------------------------------------------------------------------------------------
# The demo workspace: the bought-followers episode belongs to whoever held the VK community then


@pytest.fixture(scope="module")
def raw_demo_db(tmp_path_factory) -> str:
    """The demo imported as files, with no trust check run yet."""
    folder = tmp_path_factory.mktemp("scorecard")
    url = f"sqlite:///{folder / 'raw.db'}"
    engine = bootstrap.open_database(bootstrap.Settings(database_url=url))
    demo.write_demo(folder / "files", end=DEMO_END, months=6)
    importer.import_path(engine, folder / "files", workspace=WORKSPACE)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def demo_db(raw_demo_db, tmp_path_factory) -> str:
    """The same demo after the trust checks ran (as the app does after an import or a sync)."""
    path = tmp_path_factory.mktemp("scorecard_checked") / "demo.db"
    shutil.copyfile(raw_demo_db.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with session_scope(engine) as session:
        workspace_id = repo.get_workspace(session, name=WORKSPACE).id
    trust.refresh(engine, workspace_id=workspace_id)
    engine.dispose()
    return url


@pytest.fixture
def demo_env(_fresh_state, demo_db, tmp_path, monkeypatch) -> str:
    """A copy of the checked demo for this test alone (marks written by one test stay out of the next)."""
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_db.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
    return url


def compute(url: str, date_from: dt.date, date_to: dt.date, client: str | None = None) -> scorecard.Scorecard:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return scorecard.compute(session, workspace_name=WORKSPACE, client=client, date_from=date_from,
                                     date_to=date_to)  # fmt: skip
    finally:
        engine.dispose()


def episode_holder(url: str) -> str:
    """Who held the episode's account on its first day, read from the stored assignments."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            workspace_id = repo.get_workspace(session, name=WORKSPACE).id
            accounts = repo.list_accounts(session, workspace_id=workspace_id)
            account_id = int(accounts.loc[accounts["handle"] == EPISODE["account"], "account_id"].iloc[0])
            held = repo.list_assignments(session, workspace_id=workspace_id)
    finally:
        engine.dispose()
    day = pd.Timestamp(EPISODE["start"])
    own = held[(held["account_id"] == account_id) & (held["since"] <= day)
               & (held["until"].isna() | (held["until"] >= day))]  # fmt: skip
    return own["specialist"].iloc[0]


AROUND_EPISODE = (DEMO_END - dt.timedelta(days=179), DEMO_END)  # the whole demo, hand-over included


def test_before_the_trust_checks_ran_every_account_is_not_checked(raw_demo_db):
    card = compute(raw_demo_db, *AROUND_EPISODE)

    assert len(card.frame) == 3 and card.specialists_in_workspace == 3
    assert set(card.frame["verdict"]) == {scorecard.NOT_CHECKED}
    assert not any(card.frame["flagged"])


def test_after_the_checks_the_episode_marks_the_specialist_who_held_the_account_then(demo_db):
    holder = episode_holder(demo_db)
    card = compute(demo_db, *AROUND_EPISODE)
    rows = by_name(card.frame)

    marked = {name for name, row in rows.items() if row["flagged"]}
    assert marked == {holder}
    text = scorecard.marker_text(rows[holder], "en")
    assert (
        text.startswith("1 account suspicious: Мебельная фабрика «Кедр»") and "(VK) — likely inflated" in text
    )
    # the hand-over splits the VK community's days between its two specialists
    vk_days = [d["days"] for row in rows.values() for d in row["detail"] if d["network"] == "vk"
               and d["name"].startswith(FURNITURE)]  # fmt: skip
    assert (
        len(vk_days) == 2
        and sum(vk_days) == AROUND_EPISODE[1].toordinal() - AROUND_EPISODE[0].toordinal() + 1
    )


def test_the_numbers_are_the_kpi_report_under_each_specialists_scope(demo_db):
    date_from, date_to = DEMO_END - dt.timedelta(days=29), DEMO_END
    card = compute(demo_db, date_from, date_to, client=FURNITURE)
    engine = make_engine(demo_db)
    try:
        with session_scope(engine) as session:
            for _, row in card.frame.iterrows():
                report = kpi_report(session, workspace_name=WORKSPACE, date_from=date_from, date_to=date_to,
                                    filters=KpiFilters(client=FURNITURE, specialist=row["specialist"]))  # fmt: skip
                assert {k: row[k] for k in scorecard.SCORECARD_KPIS} == {
                    k: report["total"][k] for k in scorecard.SCORECARD_KPIS
                }
    finally:
        engine.dispose()
    # Irina runs only the coffee shop's accounts: with the furniture client she is not on its scorecard
    assert set(card.frame["specialist"]) == {demo.DMITRY, demo.OLGA}


# --------------------------------------------------------------------------------------------------
# The page


def run(lang: str = "ru", **state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def columns(at: AppTest) -> dict:
    """The table's column settings as sent to the browser (labels and tooltips)."""
    return json.loads(at.dataframe[0].proto.columns)


@pytest.mark.parametrize(
    ("lang", "title", "marker", "trust_link"),
    [
        (
            "ru",
            "Специалисты",
            "1 аккаунт под подозрением: Мебельная фабрика «Кедр»",
            "Находки на странице «Накрутки»",
        ),
        ("en", "Specialists", "1 account suspicious: Мебельная фабрика «Кедр»", "Findings on the Trust page"),
    ],
)
def test_the_page_compares_the_demo_specialists_and_marks_the_episode(
    demo_env, lang, title, marker, trust_link
):
    holder = episode_holder(demo_env)
    at = run(lang, scorecard_period="last_12_months")

    assert at.title[0].value == title
    table = at.dataframe[0].value
    assert len(table) == 3 and set(table.iloc[:, 0]) == {demo.IRINA, demo.DMITRY, demo.OLGA}
    assert len(at.warning) == 1 and at.warning[0].value.startswith(marker)
    assert i18n.t("trust.verdict.likely_inflated", lang).lower() in at.warning[0].value
    trust_cells = table.set_index(table.columns[0])[i18n.t("scorecard.col.trust", lang)]
    assert trust_cells[holder] == "⚠️ " + i18n.t("trust.verdict.likely_inflated", lang)
    assert not trust_cells.drop(holder).str.strip().any()  # clean specialists carry no marker
    assert any(trust_link in m.value for m in at.markdown)  # the link to the Trust page (alone: a plain link)
    # every KPI column carries its formula as the tooltip, the same text as the KPI cards'
    config = columns(at)
    for key in scorecard.SCORECARD_KPIS:
        assert metrics.help_text(key, lang) in config[metrics.label(key, lang)]["help"]
    assert len(at.get("vega_lite_chart")) == 1


def test_a_quiet_period_shows_no_marker(demo_env):
    at = run("en")  # the last 30 days: nothing suspicious happened then

    assert len(at.dataframe[0].value) == 3
    assert not at.warning
    assert not at.dataframe[0].value["Trust"].str.strip().any()


def test_an_explained_episode_takes_the_marker_away(demo_env):
    engine = make_engine(demo_env)
    try:
        with session_scope(engine) as session:
            workspace_id = repo.get_workspace(session, name=WORKSPACE).id
            flags = trust_repo.load_findings(session, workspace_id=workspace_id)
            flags = flags[flags["kind"].isin(["suspicious", "impossible"])]
            assert not flags.empty
            for row in flags.itertuples():
                trust_repo.mark_finding(session, workspace_id=workspace_id, account_id=row.account_id,
                                        detector=row.detector, finding_key=row.finding_key, first_day=row.first_day,
                                        last_day=row.last_day, explained=True, comment="A partner's giveaway",
                                        author="Ann")  # fmt: skip
    finally:
        engine.dispose()

    at = run("en", scorecard_period="last_12_months")

    assert not at.warning
    assert any("marked explained do not count" in c.value or "marked explained does not count" in c.value
               for c in at.caption)  # fmt: skip


def test_the_client_filter_keeps_the_specialists_of_that_client(demo_env):
    at = run("en", scorecard_period="last_12_months", scorecard_client=FURNITURE)

    table = at.dataframe[0].value
    assert set(table["Specialist"]) == {demo.DMITRY, demo.OLGA}
    assert len(at.warning) == 1


def test_the_csv_holds_the_engine_values_and_leaves_not_reported_empty(demo_env, monkeypatch):
    seen: dict[str, bytes] = {}
    real = st.download_button

    def recording(label, data, *args, **kwargs):
        seen[kwargs.get("key")] = data
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    run("en", scorecard_period="last_12_months")

    table = pd.read_csv(
        io.BytesIO(seen["scorecard_csv"]), encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    assert list(table.columns[:4]) == ["Specialist", "Accounts and days held", "Accounts", "Account-days"]
    assert list(table.columns[-2:]) == ["Trust verdict", "Trust"]
    card = compute(demo_env, DEMO_END - dt.timedelta(days=364), DEMO_END)
    expected = card.frame.set_index("specialist")
    for _, row in table.iterrows():
        reach = expected.loc[row["Specialist"], "reach"]
        assert row["Reach"] == str(reach)
        cps = expected.loc[row["Specialist"], "cps"]
        if cps is None:
            assert row["Cost per sale"] == ""
        else:
            assert float(row["Cost per sale"]) == pytest.approx(cps)
    assert set(table["Trust verdict"]) <= {"Likely inflated", "Suspicious", "Clean", "Not enough data"}
    kpi_columns = [metrics.label(key, "en") for key in scorecard.SCORECARD_KPIS]
    assert i18n.MISSING not in "".join(table[kpi_columns].to_numpy().ravel())  # not reported = an empty cell


@pytest.fixture
def no_specialists(_fresh_state, tmp_path, monkeypatch) -> str:
    """A workspace with one community and no specialist (nothing assigned yet)."""
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


@pytest.mark.parametrize(
    ("lang", "message", "how"),
    [
        ("ru", "пока нет специалистов", "файл `assignments`"),
        ("en", "No specialists in this workspace yet", "an `assignments` file"),
    ],
)
def test_a_workspace_without_specialists_says_how_to_add_them(no_specialists, lang, message, how):
    at = run(lang)

    assert not at.dataframe and not at.get("vega_lite_chart")
    assert message in at.info[0].value
    assert any(how in m.value and "network,account,specialist,since,until" in m.value for m in at.markdown)
