"""The Trust page through AppTest on a demo database: the injected episode is found, explained by a user
and reopened; the Overview's follower cards carry the warning while it is unexplained."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from smmkpi import bootstrap, demo

ROOT = Path(__file__).resolve().parents[1]
TRUST = str(ROOT / "pages" / "trust.py")
OVERVIEW = str(ROOT / "pages" / "overview.py")
TIMEOUT_S = 90
DEMO_END = dt.date(2026, 3, 31)
EPISODE = demo.injected_episode(end=DEMO_END)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('trust') / 'demo.db'}"
    engine = bootstrap.open_database(bootstrap.Settings(database_url=url))
    bootstrap.load_demo(engine, workspace="Demo", end=DEMO_END, months=6)
    engine.dispose()
    return url


@pytest.fixture
def demo_env(_fresh_state, demo_db, tmp_path, monkeypatch) -> str:
    """A copy of the demo database for this test alone (marks written by one test stay out of the next)."""
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_db.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
    return url


def run(path: str, lang: str = "ru", **state) -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def flag_ids(at: AppTest) -> list[str]:
    return [b.key.removeprefix("trust_save_") for b in at.button if (b.key or "").startswith("trust_save_")]


def test_the_demo_episode_is_the_first_thing_shown(demo_env):
    at = run(TRUST)

    assert at.title[0].value == "Накрутки"
    assert at.selectbox(key="trust_account").value is not None
    assert "Мебельная фабрика «Кедр»" in at.error[0].value and "вероятна накрутка" in at.error[0].value
    shown = texts(at)
    assert "Подписчики без охвата" in shown and "Всплеск, потом отписки" in shown
    assert "Рекламы в эти дни не было." in shown
    assert len(at.get("vega_lite_chart")) >= 3  # followers, joins/leaves, reach (and posts)
    assert len(flag_ids(at)) == 2  # the two flags can be marked explained; legitimate causes need no mark


def test_marking_explained_changes_the_verdict_and_can_be_taken_back(demo_env):
    at = run(TRUST, lang="en")
    assert "likely inflated" in at.error[0].value

    for finding in flag_ids(at):
        at.text_area(key=f"trust_comment_{finding}").input("A partner's giveaway on those days")
        at.text_input(key=f"trust_author_{finding}").input("Ann")
        at.button(key=f"trust_save_{finding}").click().run()
        assert not at.exception

    assert at.success and "no signs of inflation" in at.success[0].value
    assert "Explained: “A partner's giveaway on those days” — Ann" in texts(at)

    reopen = [b for b in at.button if (b.key or "").startswith("trust_reopen_")]
    reopen[0].click().run()
    assert not at.exception
    assert (at.warning and "suspicious episode" in at.warning[0].value) or at.error


def test_a_mark_needs_a_comment(demo_env):
    at = run(TRUST, lang="en")
    finding = flag_ids(at)[0]
    at.text_input(key=f"trust_author_{finding}").input("Ann")
    at.button(key=f"trust_save_{finding}").click().run()

    assert any("Write what explains the episode" in e.value for e in at.error)
    assert any("likely inflated" in e.value for e in at.error)  # nothing was saved


def test_a_quiet_period_is_clean_and_says_what_could_not_be_checked(demo_env):
    at = run(
        TRUST, lang="en", trust_period="custom", trust_dates=(DEMO_END - dt.timedelta(days=20), DEMO_END)
    )

    assert at.success and "no signs of inflation" in at.success[0].value
    assert any(e.label == "What could not be checked" for e in at.expander)


def test_overview_follower_cards_warn_while_the_episode_is_unexplained(demo_env):
    run(TRUST)  # the Trust page checks the accounts; the Overview only reads what is stored
    period = {
        "overview_period": "custom",
        "overview_dates": (EPISODE["start"] - dt.timedelta(days=10), EPISODE["end"]),
    }
    at = run(OVERVIEW, **period)

    warned = [m.value for m in at.markdown if ":material/warning:" in m.value]
    assert any(value.startswith("Подписчики") for value in warned)

    quiet = run(
        OVERVIEW, overview_period="custom", overview_dates=(DEMO_END - dt.timedelta(days=20), DEMO_END)
    )
    assert not [m.value for m in quiet.markdown if ":material/warning:" in m.value]


def test_the_findings_download_as_a_report_with_their_sentences(demo_env, monkeypatch):
    import io

    import pandas as pd
    import streamlit as st

    seen: dict[str, bytes] = {}
    real = st.download_button

    def recording(label, data, *args, **kwargs):
        seen[kwargs.get("key")] = data
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    run(TRUST)

    report = pd.read_csv(io.BytesIO(seen["trust_report_csv"]), sep=";", encoding="utf-8-sig", dtype=str)
    assert list(report.columns) == ["Аккаунт", "Соцсеть", "Вывод", "Проверка", "Находка", "Вид", "С", "По",
                                    "Что произошло", "Объяснение", "Кто отметил"]  # fmt: skip
    assert set(report["Вид"]) <= {"Подозрительно", "Невозможно", "Объяснимая причина"}
    episode = report[(report["Проверка"] == "D1") & (report["Вид"] == "Подозрительно")]
    assert len(episode) == 1
    row = episode.iloc[0]
    assert row["Аккаунт"].startswith("Мебельная фабрика «Кедр»") and row["Вывод"] == "Вероятна накрутка"
    assert row["С"] == EPISODE["start"].isoformat() and "Рекламы в эти дни не было." in row["Что произошло"]
    assert pd.isna(row["Объяснение"])  # not explained yet
