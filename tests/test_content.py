"""Content (smmkpi.content) on hand-computed posts, and the post reader (db.analysis_repo) on both databases."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from db import analysis_repo, repo
from db.session import session_scope
from smmkpi import content, importer, kpi

NA = np.nan
MSK = "Europe/Moscow"


def posts(*rows) -> pd.DataFrame:
    """(post_id, published_at UTC, format, reach, likes, comments, shares, saves, link_clicks, is_promoted)"""
    columns = ["post_id", "published_at", "format", "reach", "likes", "comments", "shares", "saves", "link_clicks",
               "is_promoted"]  # fmt: skip
    frame = pd.DataFrame(list(rows), columns=columns)
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    for column in ("reach", "likes", "comments", "shares", "saves", "link_clicks"):
        frame[column] = frame[column].astype("float64")
    frame["is_promoted"] = frame["is_promoted"].astype(object)
    frame["views"] = NA
    frame["network"], frame["account"], frame["account_name"], frame["url"] = "vk", "club1", "Club", None
    return content.prepare_posts(frame, MSK)


SAMPLE = posts(
    # 09:30 UTC on Monday 2 March = 12:30 in Moscow
    ("p1", "2026-03-02T09:30:00Z", "photo", 1_000, 40, 5, 5, NA, 10, False),  # 50 engagements, ER 5 %
    ("p2", "2026-03-02T09:45:00Z", "photo", 3_000, 60, NA, NA, NA, 30, True),  # 60, ER 2 %
    ("p3", "2026-03-03T18:00:00Z", "video", 2_000, 150, 30, 20, NA, NA, False),  # Tue 21:00, 200, ER 10 %
    ("p4", "2026-03-04T21:30:00Z", "reel", 100, 40, NA, NA, NA, 1, None),  # Thu 00:30, tiny reach, ER 40 %
    ("p5", "2026-03-05T07:00:00Z", None, NA, NA, NA, NA, NA, NA, False),  # no numbers at all
)


def test_engagements_count_missing_parts_as_zero_but_a_post_without_any_has_none():
    by_id = SAMPLE.set_index("post_id")
    assert by_id.loc["p1", "engagements"] == 50 and by_id.loc["p1", "er_reach"] == pytest.approx(0.05)
    assert by_id.loc["p2", "engagements"] == 60 and by_id.loc["p2", "er_reach"] == pytest.approx(0.02)
    assert math.isnan(by_id.loc["p5", "engagements"]) and math.isnan(by_id.loc["p5", "er_reach"])


def test_weekday_and_hour_are_those_of_the_workspace_time_zone():
    by_id = SAMPLE.set_index("post_id")
    assert (by_id.loc["p1", "weekday"], by_id.loc["p1", "hour"]) == (0, 12)  # Monday 12:30 in Moscow
    assert (by_id.loc["p3", "weekday"], by_id.loc["p3", "hour"]) == (1, 21)
    assert (by_id.loc["p4", "weekday"], by_id.loc["p4", "hour"]) == (3, 0)  # Wednesday 21:30 UTC is Thursday


def test_format_mix_counts_posts_and_computes_er_over_the_format():
    mix = content.format_mix(SAMPLE).set_index("format")

    assert list(mix.index) == ["photo", "video", "reel", "unknown"]  # most posts first, then format order
    assert mix.loc["photo", "posts"] == 2 and mix.loc["photo", "share"] == pytest.approx(0.4)
    assert mix.loc["photo", "er_reach"] == pytest.approx(110 / 4_000)  # Σ engagements / Σ reach, not a mean
    assert mix.loc["photo", "avg_reach"] == 2_000 and mix.loc["photo", "link_clicks"] == 40
    assert math.isnan(mix.loc["unknown", "er_reach"]) and math.isnan(mix.loc["video", "link_clicks"])


def test_best_posts_by_er_leave_out_tiny_reach_and_posts_without_numbers():
    best = content.rank_posts(SAMPLE, "er_reach", best=True)
    worst = content.rank_posts(SAMPLE, "er_reach", best=False)

    # median reach 1 500 → posts under 375 are not ranked by ER (p4: 100 people, 40 %)
    assert list(best["post_id"]) == ["p3", "p1", "p2"]
    assert list(worst["post_id"]) == ["p2", "p1", "p3"]
    assert list(content.rank_posts(SAMPLE, "reach", top=2)["post_id"]) == ["p2", "p3"]
    assert list(content.rank_posts(SAMPLE, "link_clicks", best=False)["post_id"]) == ["p4", "p1", "p2"]
    with pytest.raises(ValueError, match="metric"):
        content.rank_posts(SAMPLE, "likes")


def test_the_heatmap_has_one_cell_per_weekday_and_hour_with_posts():
    cells = content.posting_heatmap(SAMPLE).set_index(["weekday", "hour"])

    assert cells.loc[(0, 12), "posts"] == 2 and cells.loc[(0, 12), "er_reach"] == pytest.approx(110 / 4_000)
    assert cells.loc[(1, 21), "er_reach"] == pytest.approx(0.1)
    assert cells.loc[(3, 10), "posts"] == 1 and math.isnan(cells.loc[(3, 10), "er_reach"])  # p5: no numbers
    assert len(cells) == 4


def test_organic_and_promoted_posts_side_by_side():
    split = content.promotion_split(SAMPLE).set_index("group")

    assert list(split.index) == ["organic", "promoted", "unknown"]
    assert split.loc["organic", "posts"] == 3 and split.loc["organic", "avg_reach"] == 1_500
    assert split.loc["organic", "er_reach"] == pytest.approx(250 / 3_000)
    assert split.loc["promoted", "clicks_per_post"] == 30
    assert split.loc["organic", "clicks_per_post"] == 10  # p1 only reports clicks: 10 / 1


def test_monthly_plan_targets_are_prorated_to_weeks_inside_the_period():
    accounts = kpi._frame(kpi.ACCOUNT_COLUMNS)
    accounts.loc[0] = [1, "vk", 10, True, False]
    accounts = accounts.astype(
        {"account_id": "int64", "client_id": "int64", "has_posts": bool, "has_interactions": bool}
    )
    plan = pd.DataFrame(
        {"client_id": [10], "month": ["2026-03"], "scope": ["all"], "kpi": ["posts"], "target": [31.0]}
    )
    data = kpi.empty_data(accounts=accounts, plan=plan, clients=(10,))
    rows = content.plan_by_bucket(
        data, kpi.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 10)), "week", ("posts",)
    )

    # 31 posts in March = 1 a day; the period's weeks: Sun 1 Mar (1 day), 2–8 Mar (7), 9–10 Mar (2)
    assert list(rows["bucket"]) == [
        pd.Timestamp("2026-02-23"),
        pd.Timestamp("2026-03-02"),
        pd.Timestamp("2026-03-09"),
    ]
    assert list(rows["posts"]) == pytest.approx([1.0, 7.0, 2.0])


# --- The post reader on SQLite and PostgreSQL ---------------------------------------------------------------


def import_files(engine, tmp_path, files: dict[str, str], workspace: str = "W") -> None:
    folder = tmp_path / "import"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    importer.import_path(engine, folder, workspace=workspace)


POSTS_CSV = (
    "network,account,post_id,published_at,format,url,reach,likes,comments,link_clicks,is_promoted\n"
    "vk,club1,1,2026-03-01T23:30:00+03:00,photo,https://vk.com/wall-1_1,100,5,1,2,false\n"
    "vk,club1,2,2026-03-01T21:30:00Z,video,https://vk.com/wall-1_2,200,10,,,true\n"  # 2 Mar 00:30 in Moscow
    "vk,club1,3,2026-03-03T12:00:00+03:00,,,,,,,\n"
    "ok,grp,9,2026-03-02T10:00:00+03:00,photo,https://ok.ru/group/9,50,1,0,0,false\n"
)


def test_post_details_come_with_their_account_and_the_local_day(engine, tmp_path):
    import_files(engine, tmp_path, {"accounts": "network,account,name,client\nvk,club1,Кофейня,Acme\nok,grp,,Acme\n",
                                    "posts": POSTS_CSV})  # fmt: skip
    with session_scope(engine) as session:
        workspace = repo.get_workspace(session, name="W")
        ids = [int(a) for a in repo.list_accounts(session, workspace_id=workspace.id)["account_id"]]
        vk_id = int(
            repo.list_accounts(session, workspace_id=workspace.id)
            .set_index("handle")
            .loc["club1", "account_id"]
        )
        rows = analysis_repo.load_post_details(session, workspace_id=workspace.id, account_ids=[vk_id],
                                               date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 3), timezone=MSK)  # fmt: skip
        everything = analysis_repo.load_post_details(session, workspace_id=workspace.id, account_ids=ids,
                                                     date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 3),
                                                     timezone=MSK)  # fmt: skip
        other = analysis_repo.load_post_details(session, workspace_id=workspace.id + 1000, account_ids=ids,
                                                date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 3), timezone=MSK)  # fmt: skip

    assert list(rows.columns) == analysis_repo.POST_DETAIL_COLUMNS
    assert sorted(rows["post_id"]) == ["2", "3"]  # post 1 was published on 1 March in Moscow
    by_id = rows.set_index("post_id")
    assert by_id.loc["2", "date"] == pd.Timestamp("2026-03-02")
    assert by_id.loc["2", "is_promoted"] is True and by_id.loc["2", "account_name"] == "Кофейня"
    assert by_id.loc["2", "url"] == "https://vk.com/wall-1_2" and math.isnan(by_id.loc["2", "link_clicks"])
    assert by_id.loc["3", "is_promoted"] is None and math.isnan(by_id.loc["3", "reach"])
    assert len(everything) == 4 and set(everything["network"]) == {"vk", "ok"}
    assert other.empty  # another workspace sees nothing
    prepared = content.prepare_posts(everything, MSK).set_index("post_id")
    assert (prepared.loc["2", "weekday"], prepared.loc["2", "hour"]) == (0, 0)  # Monday 00:30 in Moscow
    assert prepared.loc["1", "engagements"] == 6 and math.isnan(prepared.loc["3", "engagements"])


@pytest.mark.parametrize("clients", [(10,), (10, 20)])
def test_plan_per_bucket_equals_the_engine_asked_for_each_bucket(clients):
    accounts = pd.DataFrame({"account_id": [1, 2], "network": ["vk", "ok"], "client_id": [10, 20],
                             "has_posts": [True, True], "has_interactions": [True, True]})  # fmt: skip
    accounts = accounts.astype({"account_id": "int64", "client_id": "int64", "network": object})
    plan = pd.DataFrame(
        [(10, "2026-01", "all", "posts", 31.0), (10, "2026-02", "all", "posts", 56.0), (20, "2026-02", "all", "posts", 28.0),
         (10, "2026-01", "all", "response_rate", 0.9), (10, "2026-02", "all", "response_rate", 0.8),
         (10, "2026-03", "all", "posts", 62.0)],
        columns=["client_id", "month", "scope", "kpi", "target"],
    )  # fmt: skip
    plan = plan.astype({"month": object, "scope": object, "kpi": object})
    data = kpi.empty_data(accounts=accounts, plan=plan, clients=clients)
    period = kpi.Period(dt.date(2026, 1, 20), dt.date(2026, 3, 10))
    keys = ("posts", "response_rate")

    for grain in ("week", "month"):
        rows = content.plan_by_bucket(data, period, grain, keys).set_index("bucket")
        for bucket, days in content.bucket_periods(period, grain):
            expected = kpi.plan_targets(data, days)
            for key in keys:
                shown = rows.loc[bucket, key]
                assert (key not in expected and math.isnan(shown)) or shown == pytest.approx(expected[key]), (
                    grain, bucket, key)  # fmt: skip


def test_the_best_posting_time_needs_three_posts_in_a_cell():
    # Monday 12:00 (Moscow): three posts, ER 3 %; Tuesday 21:00: two posts at ER 10 % — too few to count
    three = [("m1", "2026-03-02T09:05:00Z", "photo", 1_000, 30, NA, NA, NA, NA, False),
             ("m2", "2026-03-09T09:10:00Z", "photo", 1_000, 20, NA, NA, NA, NA, False),
             ("m3", "2026-03-16T09:20:00Z", "photo", 1_000, 40, NA, NA, NA, NA, False),
             ("t1", "2026-03-03T18:00:00Z", "video", 1_000, 100, NA, NA, NA, NA, False),
             ("t2", "2026-03-10T18:00:00Z", "video", 1_000, 100, NA, NA, NA, NA, False)]  # fmt: skip
    cells = content.posting_heatmap(posts(*three))
    best = content.best_posting_time(cells)

    assert (best["weekday"], best["hour"], best["posts"]) == (0, 12, 3)
    assert best["er_reach"] == pytest.approx(90 / 3_000)
    assert best["overall"] == pytest.approx(290 / 5_000)  # every cell's posts
    assert content.best_posting_time(cells, min_posts=4) is None
    assert content.best_posting_time(content.posting_heatmap(SAMPLE)) is None  # one or two posts per cell

    from smmkpi import analysis_charts

    spec = str(analysis_charts.heatmap_chart(cells, "ru", min_posts=3).to_dict())
    assert "datum.posts >= 3" in spec  # fewer posts: grey, not a colour
