"""Communication (smmkpi.communication) on hand-computed interactions, and the unanswered reader on both
databases."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from db import analysis_repo, repo
from db.session import session_scope
from smmkpi import communication, importer, kpi

NA = np.nan
VK, OK, ACME = 1, 2, 10
MSK = "Europe/Moscow"


def interactions(*rows) -> pd.DataFrame:
    """(account_id, kind, date, response_minutes); NaN minutes = not answered."""
    frame = pd.DataFrame(list(rows), columns=["account_id", "kind", "date", "response_minutes"])
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["response_minutes"] = frame["response_minutes"].astype("float64")
    frame["account_id"] = frame["account_id"].astype("int64")
    return frame


def accounts() -> pd.DataFrame:
    frame = pd.DataFrame({"account_id": [VK, OK], "network": ["vk", "ok"], "client_id": [ACME, ACME],
                          "has_posts": [False, False], "has_interactions": [True, True]})  # fmt: skip
    return frame.astype({"account_id": "int64", "client_id": "int64", "network": object})


ROWS = interactions(
    (VK, "comment", "2026-03-02", 10.0),
    (VK, "message", "2026-03-02", 20.0),
    (VK, "message", "2026-03-05", 30.0),
    (VK, "comment", "2026-03-06", 40.0),
    (VK, "comment", "2026-03-09", NA),  # never answered
    (OK, "message", "2026-03-03", 100.0),
    (OK, "comment", "2026-03-10", NA),
)
PERIOD = kpi.Period(dt.date(2026, 3, 2), dt.date(2026, 3, 15))


def data(plan: pd.DataFrame | None = None) -> kpi.KpiData:
    kw = {"plan": plan} if plan is not None else {}
    return kpi.empty_data(accounts=accounts(), interactions=ROWS, clients=(ACME,), **kw)


def test_response_stats_per_network_match_the_kpi_definitions():
    rows = communication.scoped_interactions(data(), PERIOD)
    stats = communication.response_stats(rows, "network").set_index("network")
    report = kpi.compute_report(data(), PERIOD)

    vk = stats.loc["vk"]
    assert (vk["received"], vk["comments"], vk["messages"], vk["answered"]) == (5, 3, 2, 4)
    assert (
        vk["response_rate"]
        == pytest.approx(4 / 5)
        == pytest.approx(report["by_network"]["vk"]["response_rate"])
    )
    assert (
        vk["median_minutes"] == 25 == report["by_network"]["vk"]["median_response_minutes"]
    )  # (20 + 30) / 2
    # 90th percentile of 10, 20, 30, 40: rank 0.9 × 3 = 2.7 → 30 + 0.7 × 10 = 37
    assert vk["p90_minutes"] == pytest.approx(37.0)
    assert list(stats.index) == ["vk", "ok"]  # busiest first
    overall = communication.response_stats(rows).iloc[0]
    assert overall["received"] == report["total"]["interactions_in"] == 7
    assert overall["median_minutes"] == report["total"]["median_response_minutes"] == 30


def test_each_interaction_counts_for_the_specialist_assigned_on_its_day():
    assignments = pd.DataFrame({
        "account_id": [VK, VK], "specialist": ["ann", "bob"],
        "since": pd.to_datetime(["2026-01-01", "2026-03-05"]), "until": pd.to_datetime(["2026-03-04", None]),
    })  # fmt: skip
    rows = communication.with_specialists(communication.scoped_interactions(data(), PERIOD), assignments)
    stats = communication.response_stats(rows, "specialist").set_index("specialist")

    assert stats.loc["ann", "received"] == 2 and stats.loc["ann", "median_minutes"] == 15
    assert stats.loc["bob", "received"] == 3 and stats.loc["bob", "response_rate"] == pytest.approx(2 / 3)
    assert stats.loc[communication.UNASSIGNED, "received"] == 2  # the OK account has nobody assigned


def test_nothing_answered_means_no_times_not_zero_minutes():
    rows = interactions((VK, "comment", "2026-03-02", NA))
    stats = communication.response_stats(rows).iloc[0]
    assert (
        stats["response_rate"] == 0
        and math.isnan(stats["median_minutes"])
        and math.isnan(stats["p90_minutes"])
    )


def test_overdue_keeps_only_items_waiting_longer_than_the_threshold_oldest_first():
    now = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
    waiting = pd.DataFrame({"interaction_id": ["a", "b", "c"],
                            "received_at": pd.to_datetime(["2026-03-09T13:00:00Z", "2026-03-10T01:00:00Z",
                                                           "2026-03-08T12:00:00Z"], utc=True)})  # fmt: skip
    rows = communication.overdue(waiting, now=now, older_than_hours=12)

    assert list(rows["interaction_id"]) == ["c", "a"]  # b waits 11 h only; the longest wait first
    assert list(rows["waiting_hours"]) == pytest.approx([48.0, 23.0])
    assert communication.overdue(waiting.iloc[0:0], now=now, older_than_hours=1).empty


def test_the_weekly_trend_has_zero_for_quiet_weeks_and_the_plan_beside_it():
    plan = pd.DataFrame({"client_id": [ACME, ACME], "month": ["2026-03", "2026-03"], "scope": ["all", "all"],
                         "kpi": ["response_rate", "interactions_in"], "target": [0.9, 62.0]})  # fmt: skip
    trend = communication.response_trend(
        data(plan), kpi.Period(dt.date(2026, 3, 2), dt.date(2026, 3, 22)), "week"
    )

    assert list(trend["bucket"]) == list(pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-16"]))
    assert list(trend["received"]) == [5, 2, 0]  # 2, 2, 3, 5, 6 March | 9, 10 March | a quiet week: 0
    assert trend["response_rate"].iloc[0] == 1.0 and math.isnan(trend["response_rate"].iloc[2])
    assert list(trend["plan_response_rate"]) == pytest.approx([0.9, 0.9, 0.9])
    assert list(trend["plan_interactions_in"]) == pytest.approx([14.0, 14.0, 14.0])  # 62 a month = 2 a day
    assert math.isnan(trend["plan_median_response_minutes"].iloc[0])


def test_a_scope_without_any_interactions_shows_gaps_not_zeros():
    quiet = kpi.empty_data(accounts=accounts().assign(has_interactions=False), clients=(ACME,))
    trend = communication.response_trend(quiet, PERIOD, "week")
    assert trend["received"].isna().all()


# --- The unanswered reader on SQLite and PostgreSQL ---------------------------------------------------------

INTERACTIONS_CSV = (
    "network,account,interaction_id,kind,received_at,answered_at\n"
    "vk,club1,m1,message,2026-03-01T23:30:00+03:00,\n"  # 1 March in Moscow: outside
    "vk,club1,m2,message,2026-03-02T00:30:00+03:00,\n"
    "vk,club1,c3,comment,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n"  # answered
    "vk,club1,c4,comment,2026-03-03T20:00:00+03:00,\n"
    "vk,club1,m5,message,2026-03-03T23:50:00+03:00,\n"  # too fresh for the cut-off below
)


def test_unanswered_items_of_the_local_days_oldest_first_with_the_total(engine, tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "accounts.csv").write_text(
        "network,account,name,url,client\nvk,club1,Кофейня,https://vk.com/club1,Acme\n"
    )
    (folder / "interactions.csv").write_text(INTERACTIONS_CSV)
    importer.import_path(engine, folder, workspace="W")
    with session_scope(engine) as session:
        workspace = repo.get_workspace(session, name="W")
        ids = [int(a) for a in repo.list_accounts(session, workspace_id=workspace.id)["account_id"]]
        cutoff = dt.datetime(2026, 3, 3, 20, 30, tzinfo=dt.UTC)  # 23:30 in Moscow on 3 March
        rows, total = analysis_repo.load_unanswered(session, workspace_id=workspace.id, account_ids=ids,
                                                    date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 3),
                                                    timezone=MSK, received_before=cutoff)  # fmt: skip
        first, _ = analysis_repo.load_unanswered(session, workspace_id=workspace.id, account_ids=ids,
                                                 date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 3),
                                                 timezone=MSK, received_before=cutoff, limit=1)  # fmt: skip

    assert list(rows["interaction_id"]) == ["m2", "c4"] and total == 2
    assert list(first["interaction_id"]) == ["m2"]  # the limit keeps the longest-waiting ones
    assert list(rows["date"]) == list(pd.to_datetime(["2026-03-02", "2026-03-03"]))
    assert rows["account_url"].iloc[0] == "https://vk.com/club1" and rows["account_name"].iloc[0] == "Кофейня"
    overdue = communication.overdue(
        rows, now=dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC), older_than_hours=24
    )
    assert list(overdue["interaction_id"]) == ["m2"]  # c4 came in 19 h before
