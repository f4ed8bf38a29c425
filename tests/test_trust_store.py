"""Stored trust findings on SQLite and PostgreSQL: recomputed idempotently, stale after an import, marks
kept and reversible, summaries for other pages, and the CLI's JSON in the issue's shape (on the demo
workspace, whose injected bought-followers episode must be found)."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from db import repo, trust_repo
from db.session import session_scope
from smmkpi import bootstrap, demo, importer, trust
from smmkpi.__main__ import main
from tests.test_inflation import START, series

DEMO_END = dt.date(2026, 6, 30)
WORKSPACE = "Demo"
EPISODE = demo.injected_episode(end=DEMO_END)
PACKAGE_DAY = 100


def _import_daily(engine, folder, frames: dict[str, pd.DataFrame]) -> None:
    folder.mkdir(exist_ok=True)
    rows = []
    for handle, frame in frames.items():
        out = frame.assign(network="vk", account=handle, date=frame["date"].dt.strftime("%Y-%m-%d"))
        rows.append(
            out[["date", "network", "account", "followers", "followers_gained", "followers_lost", "reach"]]
        )
    daily = pd.concat(rows, ignore_index=True)
    for column in ("followers", "followers_gained", "followers_lost", "reach"):
        daily[column] = daily[column].round().astype("Int64")
    daily.to_csv(folder / "daily.csv", index=False)
    (folder / "accounts.csv").write_text(
        "network,account,name,client\n" + "".join(f"vk,{h},{h},Client\n" for h in frames), encoding="utf-8"
    )
    importer.import_path(engine, folder, workspace=WORKSPACE)


@pytest.fixture
def small_engine(engine, tmp_path):
    """Two VK communities: one buys 900 followers on day 100 (40 % leave within three weeks), one does not."""
    bought = series()
    bought.loc[PACKAGE_DAY, "followers_gained"] += 900
    leaving = 360 * np.exp(-np.arange(21) / 6)
    bought.loc[PACKAGE_DAY + 1 : PACKAGE_DAY + 21, "followers_lost"] += np.round(
        leaving / leaving.sum() * 360
    )
    bought["followers"] = 20_000 + (bought["followers_gained"] - bought["followers_lost"]).cumsum()
    _import_daily(engine, tmp_path / "import", {"club_bought": bought, "club_clean": series(seed=2)})
    return engine


@pytest.fixture
def demo_engine(engine):
    bootstrap.load_demo(engine, workspace=WORKSPACE, end=DEMO_END, months=6)
    return engine


def _day(i: int) -> dt.date:
    return START + dt.timedelta(days=i)


def _workspace_id(engine) -> int:
    with session_scope(engine) as session:
        return repo.get_workspace(session, name=WORKSPACE).id


def _findings(engine, **kwargs) -> pd.DataFrame:
    with session_scope(engine) as session:
        return trust_repo.load_findings(session, workspace_id=_workspace_id(engine), **kwargs)


def _account(engine, handle: str) -> int:
    with session_scope(engine) as session:
        accounts = repo.list_accounts(session, workspace_id=_workspace_id(engine))
    return int(accounts.loc[accounts["handle"] == handle, "account_id"].iloc[0])


def _trust(engine, handle: str, date_from: dt.date, date_to: dt.date):
    ws = _workspace_id(engine)
    with session_scope(engine) as session:
        accounts = repo.list_accounts(session, workspace_id=ws)
        mine = accounts[accounts["handle"] == handle]
        return trust.account_trust(
            session, workspace_id=ws, accounts=mine, date_from=date_from, date_to=date_to
        )[0]


def test_findings_are_stored_once_and_recomputed_idempotently(small_engine):
    ws = _workspace_id(small_engine)

    assert trust.refresh(small_engine, workspace_id=ws) == 2
    found = _findings(small_engine)
    flags = found[found["kind"].isin(["suspicious", "impossible"])]
    assert set(flags["handle"]) == {"club_bought"}
    assert {"D1", "D2"} <= set(flags.loc[flags["first_day"] == _day(PACKAGE_DAY), "detector"])

    # nothing changed: nothing is recomputed; forced: the same rows again, not duplicates
    assert trust.refresh(small_engine, workspace_id=ws) == 0
    trust.refresh(small_engine, workspace_id=ws, force=True)
    again = _findings(small_engine)
    columns = ["account_id", "detector", "finding_key", "kind", "first_day", "last_day"]
    assert (
        again[columns].sort_values(columns).values.tolist()
        == found[columns].sort_values(columns).values.tolist()
    )
    # a period without the episode reads as clean
    assert _trust(small_engine, "club_bought", _day(10), _day(40)).verdict == "clean"


def _stale(engine, ws) -> list[int]:
    with session_scope(engine) as session:
        version = trust_repo.data_version(session, workspace_id=ws)
        ids = list(repo.list_accounts(session, workspace_id=ws)["account_id"])
        return trust_repo.stale_accounts(session, workspace_id=ws, account_ids=ids, version=version)


def test_an_import_makes_stale_only_the_checks_of_the_accounts_it_changed(small_engine, tmp_path):
    ws = _workspace_id(small_engine)
    trust.refresh(small_engine, workspace_id=ws)
    assert _stale(small_engine, ws) == []
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "daily.csv").write_text(
        f"date,network,account,reach\n{_day(5).isoformat()},vk,club_clean,4000\n", encoding="utf-8"
    )
    importer.import_path(small_engine, tmp_path / "more", workspace=WORKSPACE)
    assert _stale(small_engine, ws) == [
        _account(small_engine, "club_clean")
    ]  # club_bought's check stays current
    assert trust.refresh(small_engine, workspace_id=ws) == 1

    importer.import_path(
        small_engine, tmp_path / "more", workspace=WORKSPACE
    )  # the same again: nothing changes
    assert _stale(small_engine, ws) == []

    # client-level rows (site visits) concern every account of that client
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "web.csv").write_text(
        f"date,client,channel,sessions\n{_day(5).isoformat()},Client,vk,40\n", encoding="utf-8"
    )
    importer.import_path(small_engine, tmp_path / "web", workspace=WORKSPACE)
    assert sorted(_stale(small_engine, ws)) == sorted([_account(small_engine, "club_clean"),
                                                       _account(small_engine, "club_bought")])  # fmt: skip
    assert trust.refresh(small_engine, workspace_id=ws) == 2


def test_marks_are_kept_shown_and_reversible(small_engine):
    ws = _workspace_id(small_engine)
    trust.refresh(small_engine, workspace_id=ws)
    account_id = _account(small_engine, "club_bought")
    period = (_day(PACKAGE_DAY - 5), _day(PACKAGE_DAY + 5))
    before = _trust(small_engine, "club_bought", *period)
    assert before.verdict == "likely_inflated"
    with session_scope(small_engine) as session:
        for finding in before.flags.itertuples():
            trust_repo.mark_finding(session, workspace_id=ws, account_id=account_id, detector=finding.detector,
                                    finding_key=finding.finding_key, first_day=finding.first_day,
                                    last_day=finding.last_day, explained=True, comment="Розыгрыш у партнёра",
                                    author="ann@example.com")  # fmt: skip

    trust.refresh(small_engine, workspace_id=ws, force=True)  # marks survive a recomputation
    after = _trust(small_engine, "club_bought", *period)
    assert after.verdict == "clean"
    shown = after.findings[after.findings["detector"] == "D1"].iloc[0]
    assert shown["explained_by"] == "ann@example.com" and shown["explained_comment"] == "Розыгрыш у партнёра"

    with session_scope(small_engine) as session:
        trust_repo.mark_finding(session, workspace_id=ws, account_id=account_id, detector="D1",
                                finding_key=shown["finding_key"], first_day=shown["first_day"],
                                last_day=shown["last_day"], explained=False, comment="", author="bob@example.com")  # fmt: skip
        history = trust_repo.list_notes(session, workspace_id=ws, account_id=account_id)
    assert _trust(small_engine, "club_bought", *period).verdict != "clean"
    assert list(history["author"]) == ["ann@example.com"] * (len(history) - 1) + ["bob@example.com"]


def test_summary_for_other_pages_reads_stored_findings(small_engine):
    ws = _workspace_id(small_engine)
    ids = [_account(small_engine, "club_bought"), _account(small_engine, "club_clean")]
    with session_scope(small_engine) as session:
        unchecked = trust.summary(
            session, workspace_id=ws, account_ids=ids, date_from=_day(0), date_to=_day(149)
        )
    trust.refresh(small_engine, workspace_id=ws)
    with session_scope(small_engine) as session:
        summary = trust.summary(
            session, workspace_id=ws, account_ids=ids, date_from=_day(0), date_to=_day(149)
        )

    assert unchecked[ids[0]]["verdict"] == "not_enough_data"  # never recomputes by itself
    assert summary[ids[0]]["verdict"] == "likely_inflated" and summary[ids[0]]["suspicious"] >= 2
    assert summary[ids[1]] == {"verdict": "clean", "suspicious": 0, "impossible": 0, "legit_causes": 0,
                               "explained": 0}  # fmt: skip


def test_cli_prints_the_issue_shape(demo_engine, capsys):
    args = ["inflation", "--workspace", WORKSPACE, "--network", EPISODE["network"], "--account", EPISODE["account"],
            "--from", EPISODE["start"].isoformat(), "--to", EPISODE["end"].isoformat(), "--json"]  # fmt: skip

    assert main(args) == 0

    rows = json.loads(capsys.readouterr().out)
    assert rows and all(
        list(r) == ["network", "account", "detector", "kind", "start", "end", "severity", "evidence"]
        for r in rows
    )
    assert {r["kind"] for r in rows} <= {"suspicious", "legit_cause", "impossible"}
    d1 = [r for r in rows if r["detector"] == "D1" and r["kind"] == "suspicious"]
    assert d1 and d1[0]["account"] == EPISODE["account"] and d1[0]["start"] == EPISODE["start"].isoformat()
    assert d1[0]["evidence"]["gain"] > d1[0]["evidence"]["expected_gain"]


def test_cli_says_what_is_wrong(small_engine, capsys):
    assert main(["inflation", "--workspace", "Nope", "--from", "2026-01-01", "--to", "2026-01-31"]) == 2
    assert "Workspace 'Nope' does not exist" in capsys.readouterr().err
    assert main(["inflation", "--workspace", WORKSPACE, "--from", "2026-02-01", "--to", "2026-01-01"]) == 2
    assert "swap the dates" in capsys.readouterr().err
