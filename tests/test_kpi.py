"""The KPI engine against hand-computed values (KPI.md §3–§5).

Each test builds a tiny workspace as frames, runs the engine and compares with numbers worked out by
hand in the comments. NaN in the inputs means "not reported".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from smmkpi import kpi
from smmkpi.kpi import Period
from tests.kpi_frames import frame

NA = np.nan
VK, OK, TG = 1, 2, 3  # account ids
ACME, BETA = 10, 20  # client ids


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def period(start: str, end: str) -> Period:
    return Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def accounts(*rows) -> pd.DataFrame:
    """(account_id, network, client_id, has_posts, has_interactions)"""
    return frame(kpi.ACCOUNT_COLUMNS, list(rows))


def daily(*rows) -> pd.DataFrame:
    """(account_id, date, followers, gained, lost, reach, views, profile_visits, link_clicks, messages_in)"""
    return frame(kpi.DAILY_COLUMNS, list(rows))


def posts(*rows) -> pd.DataFrame:
    """(account_id, date, reach, views, likes, comments, shares, saves, link_clicks)"""
    return frame(kpi.POST_COLUMNS, list(rows))


def make(accounts_frame, daily_frame=None, **kw) -> kpi.KpiData:
    daily_frame = daily_frame if daily_frame is not None else daily()
    kw.setdefault("clients", tuple(sorted(set(accounts_frame["client_id"]))))
    return kpi.empty_data(accounts=accounts_frame, daily=daily_frame,
                          followers=daily_frame[["account_id", "date", "followers"]], **kw)  # fmt: skip


ONE_VK = accounts((VK, "vk", ACME, True, True))


# --------------------------------------------------------------------------------------------------
# Periods


def test_previous_period_has_the_same_length_and_ends_the_day_before():
    p = period("2026-03-01", "2026-03-31")
    assert p.previous() == period("2026-01-29", "2026-02-28")
    assert p.previous().days == 31


def test_a_reversed_period_is_rejected():
    with pytest.raises(ValueError, match="before it starts"):
        period("2026-03-02", "2026-03-01")


# --------------------------------------------------------------------------------------------------
# Audience


def test_followers_start_and_end_use_last_values_around_the_period():
    d = daily(
        (VK, "2026-01-01", 1000, NA, NA, NA, NA, NA, NA, NA),  # last value before P
        (VK, "2026-01-05", NA, 3, 1, 50, NA, NA, NA, NA),  # inside P, followers not reported
        (VK, "2026-01-06", 1040, 40, 2, 70, NA, NA, NA, NA),
        (VK, "2026-01-09", 2000, NA, NA, NA, NA, NA, NA, NA),  # after P: ignored
    )
    r = kpi.compute_kpis(make(ONE_VK, d), period("2026-01-05", "2026-01-07"))
    assert r["followers_start"] == 1000
    assert r["followers_end"] == 1040
    assert r["follower_growth"] == 40
    assert r["follower_growth_rate"] == pytest.approx(0.04)
    assert r["followers_gained"] == 43 and r["followers_lost"] == 3
    assert r["churn_rate"] == pytest.approx(3 / 1000)
    assert r["reach"] == 120
    assert r["views"] is None  # never reported: null, not 0


def test_followers_start_falls_back_to_the_first_value_inside_the_period():
    d = daily(
        (VK, "2026-01-06", 500, NA, NA, NA, NA, NA, NA, NA),
        (VK, "2026-01-07", 520, NA, NA, NA, NA, NA, NA, NA),
    )
    r = kpi.compute_kpis(make(ONE_VK, d), period("2026-01-05", "2026-01-07"))
    assert (r["followers_start"], r["followers_end"], r["follower_growth"]) == (500, 520, 20)


def test_followers_are_summed_over_the_accounts_that_have_a_value():
    accs = accounts((VK, "vk", ACME, False, False), (TG, "telegram", ACME, False, False))
    d = daily(
        (VK, "2026-01-01", 100, NA, NA, NA, NA, NA, NA, NA),
        (TG, "2025-12-01", 40, NA, NA, NA, NA, NA, NA, NA),
    )
    r = kpi.compute_kpis(make(accs, d), period("2026-01-05", "2026-01-07"))
    assert r["followers_end"] == 140  # the telegram value from December still counts as "last ≤ to"
    assert r["follower_growth"] == 0


def test_reported_zero_counts_but_a_zero_denominator_gives_null():
    d = daily((VK, "2026-01-05", 0, 0, 0, 0, NA, NA, 0, NA))
    r = kpi.compute_kpis(make(ONE_VK, d), period("2026-01-05", "2026-01-05"))
    assert r["reach"] == 0 and r["followers_gained"] == 0 and r["link_clicks"] == 0
    assert r["follower_growth_rate"] is None  # followers_start = 0
    assert r["churn_rate"] is None
    assert r["ctr"] is None  # 0 / 0


def test_reach_growth_compares_with_the_previous_period_and_previous_with_the_one_before():
    d = daily(
        (VK, "2026-01-01", NA, NA, NA, 100, NA, NA, NA, NA),  # P''
        (VK, "2026-01-02", NA, NA, NA, 200, NA, NA, NA, NA),  # P'
        (VK, "2026-01-03", NA, NA, NA, 300, NA, NA, NA, NA),  # P
    )
    report = kpi.compute_report(make(ONE_VK, d), period("2026-01-03", "2026-01-03"))
    assert report["total"]["reach_growth_rate"] == pytest.approx(0.5)
    assert report["previous"]["reach"] == 200
    assert report["previous"]["reach_growth_rate"] == pytest.approx(1.0)
    assert report["period"] == {"from": "2026-01-03", "to": "2026-01-03",
                                "previous_from": "2026-01-02", "previous_to": "2026-01-02"}  # fmt: skip


def test_reach_growth_is_null_when_the_previous_reach_is_missing_or_zero():
    d = daily(
        (VK, "2026-01-02", NA, NA, NA, 0, NA, NA, NA, NA), (VK, "2026-01-03", NA, NA, NA, 300, NA, NA, NA, NA)
    )
    assert kpi.compute_kpis(make(ONE_VK, d), period("2026-01-03", "2026-01-03"))["reach_growth_rate"] is None
    assert kpi.compute_kpis(make(ONE_VK, d), period("2026-01-04", "2026-01-04"))["reach_growth_rate"] is None


# --------------------------------------------------------------------------------------------------
# Content


def test_engagement_kpis_leave_out_posts_with_all_four_parts_missing():
    d = daily(
        (VK, "2026-01-04", 1000, NA, NA, NA, NA, NA, NA, NA),
        (VK, "2026-01-06", 0, NA, NA, NA, NA, NA, NA, NA),
    )
    p = posts(
        (VK, "2026-01-05", 1000, 2000, 40, 5, 4, 1, NA),  # 50 engagements; followers on date: 1000
        (VK, "2026-01-05", 500, NA, 10, NA, NA, NA, NA),  # 10 engagements, no views
        (VK, "2026-01-06", 9999, 9999, NA, NA, NA, NA, NA),  # no parts at all: excluded everywhere
        (VK, "2026-01-06", NA, 100, 0, 0, 0, 0, NA),  # 0 engagements; followers on date: 0 → left out of ER
    )
    r = kpi.compute_kpis(make(ONE_VK, d, posts=p), period("2026-01-05", "2026-01-06"))
    assert r["posts"] == 4
    assert r["engagements"] == 60
    assert r["er_reach"] == pytest.approx(60 / 1500)
    assert r["er_views"] == pytest.approx(50 / 2100)
    assert r["er_followers"] == pytest.approx((50 / 1000 + 10 / 1000) / 2)
    assert r["virality"] == pytest.approx(4 / 1000)  # only the post that reports shares and reach
    assert r["avg_post_reach"] == pytest.approx((1000 + 500 + 9999) / 3)  # every post with reach
    assert r["reach_rate"] is None  # followers_end = 0


def test_post_counts_are_null_only_when_no_account_has_any_post_at_all():
    no_posts_ever = accounts((VK, "vk", ACME, False, False))
    assert kpi.compute_kpis(make(no_posts_ever), period("2026-01-01", "2026-01-02"))["posts"] is None
    quiet = accounts((VK, "vk", ACME, True, True))
    r = kpi.compute_kpis(make(quiet), period("2026-01-01", "2026-01-02"))
    assert r["posts"] == 0 and r["interactions_in"] == 0
    assert r["engagements"] is None and r["er_reach"] is None and r["response_rate"] is None


# --------------------------------------------------------------------------------------------------
# Communication


def test_response_rate_and_median_response_time():
    inter = frame(kpi.INTERACTION_COLUMNS, [
        (VK, "2026-01-05", 10.0), (VK, "2026-01-05", 30.0), (VK, "2026-01-06", 2000.0),  # answered after P: counts
        (VK, "2026-01-06", 5.0), (VK, "2026-01-06", NA),  # not answered
        (VK, "2026-01-08", 1.0),  # received after P
    ])  # fmt: skip
    d = daily(
        (VK, "2026-01-05", NA, NA, NA, NA, NA, NA, NA, 7), (VK, "2026-01-06", NA, NA, NA, NA, NA, NA, NA, NA)
    )
    r = kpi.compute_kpis(make(ONE_VK, d, interactions=inter), period("2026-01-05", "2026-01-07"))
    assert r["interactions_in"] == 5
    assert r["response_rate"] == pytest.approx(4 / 5)
    assert r["median_response_minutes"] == pytest.approx((10 + 30) / 2)  # even count: mean of the middle two
    assert r["messages_in"] == 7


# --------------------------------------------------------------------------------------------------
# Traffic, goals, money


def two_accounts():
    return accounts((VK, "vk", ACME, True, False), (OK, "ok", ACME, True, False))


def test_link_clicks_use_daily_values_else_the_posts_of_that_account():
    d = daily(
        (VK, "2026-01-05", NA, NA, NA, 1000, NA, NA, 30, NA),
        (OK, "2026-01-05", NA, NA, NA, 1000, NA, NA, NA, NA),
    )
    p = posts((VK, "2026-01-05", NA, NA, 1, NA, NA, NA, 999), (OK, "2026-01-05", NA, NA, 1, NA, NA, NA, 12))
    r = kpi.compute_kpis(make(two_accounts(), d, posts=p), period("2026-01-05", "2026-01-05"))
    assert r["link_clicks"] == 30 + 12
    assert r["ctr"] == pytest.approx(42 / 2000)


def channel_data(**kw):
    web = frame(kpi.WEB_COLUMNS, [
        (ACME, "vk", "2026-01-05", 100), (ACME, "ok", "2026-01-05", 50),
        (ACME, "yandex_direct", "2026-01-05", 400), (ACME, "vk", "2026-01-20", 7),  # outside P
    ])  # fmt: skip
    goals = frame(kpi.GOAL_REACH_COLUMNS, [
        (ACME, "vk", "2026-01-05", "call", 3), (ACME, "vk", "2026-01-05", "form", 2),
        (ACME, "vk", "2026-01-05", "page_visit", 40), (ACME, "vk", "2026-01-05", None, 5),  # a goal without type
        (ACME, "yandex_direct", "2026-01-05", "call", 9),
    ])  # fmt: skip
    sales = frame(
        kpi.SALE_COLUMNS,
        [(ACME, "vk", "2026-01-05", 2, 3000.0), (ACME, "yandex_direct", "2026-01-05", 3, 4500.0)],
    )
    costs = frame(kpi.COST_COLUMNS, [
        (ACME, "vk", "fee", NA, "2026-01-01", "2026-01-31", 31000.0, None),  # 1 000 a day
        (ACME, "vk", "ads", NA, "2026-01-05", None, 500.0, None),
        (ACME, "ok", "tools", NA, "2026-01-05", None, 10.0, "USD"),  # 10 USD × 90
        (ACME, "yandex_direct", "ads", NA, "2026-01-05", None, 3000.0, None),
    ])  # fmt: skip
    rates = frame(kpi.RATE_COLUMNS, [("2026-01", "USD", 90.0)])
    kw.setdefault("daily_frame", daily((VK, "2026-01-05", NA, 10, NA, 1000, NA, NA, 60, NA)))
    return make(two_accounts(), kw.pop("daily_frame"), web=web, goal_reaches=goals, sales=sales, costs=costs,
                rates=rates, **kw)  # fmt: skip


def test_goals_sales_and_money_for_the_social_channels_in_scope():
    r = kpi.compute_kpis(channel_data(), period("2026-01-05", "2026-01-05"))
    assert r["sessions"] == 150
    assert r["click_to_session"] == pytest.approx(150 / 60)
    assert r["goal_reaches"] == 3 + 2 + 40 + 5
    assert (
        r["goal_reaches.call"] == 3
        and r["goal_reaches.page_visit"] == 40
        and r["goal_reaches.message"] is None
    )
    assert r["leads"] == 5
    assert r["conversion_rate"] == pytest.approx(5 / 150)
    assert (r["orders"], r["revenue"]) == (2, 3000.0)
    assert r["cost"] == pytest.approx(1000 + 500 + 900)
    assert r["ad_cost"] == pytest.approx(500)
    assert r["cpc"] == pytest.approx(2400 / 150)
    assert r["cpl"] == pytest.approx(2400 / 5)
    assert r["cps"] == pytest.approx(1200)
    assert r["cpf"] == pytest.approx(240)
    assert r["romi"] == pytest.approx((3000 - 2400) / 2400)


def test_cpc_falls_back_to_link_clicks_only_when_sessions_are_not_reported():
    data = channel_data()
    data.web = data.web.iloc[0:0]
    report = kpi.compute_report(data, period("2026-01-05", "2026-01-05"))
    assert report["total"]["sessions"] is None
    assert report["total"]["cpc"] == pytest.approx(2400 / 60)
    assert report["notes"] == {"cpc": "basis: link_clicks"}

    zero = channel_data()
    zero.web = frame(kpi.WEB_COLUMNS, [(ACME, "vk", "2026-01-05", 0)])
    report = kpi.compute_report(zero, period("2026-01-05", "2026-01-05"))
    assert report["total"]["sessions"] == 0 and report["total"]["cpc"] is None and report["notes"] == {}


def test_by_channel_puts_networks_and_other_channels_side_by_side():
    report = kpi.compute_report(channel_data(), period("2026-01-05", "2026-01-05"))
    assert list(report["by_network"]) == ["vk", "ok"]
    assert list(report["by_channel"]) == ["vk", "ok", "yandex_direct"]
    direct = report["by_channel"]["yandex_direct"]
    assert set(direct) == set(kpi.CHANNEL_KEYS)
    assert direct["sessions"] == 400 and direct["leads"] == 9 and direct["orders"] == 3
    assert direct["cost"] == pytest.approx(3000) and direct["ad_cost"] == pytest.approx(3000)
    assert direct["cps"] == pytest.approx(1000) and direct["romi"] == pytest.approx(0.5)
    vk = report["by_channel"]["vk"]
    assert vk == {k: report["by_network"]["vk"][k] for k in kpi.CHANNEL_KEYS}
    assert vk["cost"] == pytest.approx(1500) and vk["sessions"] == 100
    assert report["by_network"]["ok"]["cost"] == pytest.approx(900)


def test_a_network_filter_hides_other_channels():
    data = channel_data(networks=("vk",))
    data.accounts = data.accounts[data.accounts["network"] == "vk"]
    report = kpi.compute_report(data, period("2026-01-05", "2026-01-05"))
    assert list(report["by_channel"]) == ["vk"]
    assert report["total"]["sessions"] == 100


def test_a_cost_spread_counts_its_days_in_each_period():
    r = kpi.compute_kpis(channel_data(), period("2026-01-30", "2026-02-02"))
    assert r["cost"] == pytest.approx(2000)  # Jan 30 and 31 of the monthly fee


def test_a_foreign_currency_without_rate_is_not_counted_as_zero():
    data = channel_data()
    data.rates = data.rates.iloc[0:0]
    r = kpi.compute_kpis(data, period("2026-01-05", "2026-01-05"))
    assert r["cost"] == pytest.approx(1500)  # the USD row has no rate: left out, not converted at 1


def test_an_empty_period_gives_nulls_everywhere_but_zero_counts():
    report = kpi.compute_report(channel_data(), period("2025-06-01", "2025-06-30"))
    total = report["total"]
    assert set(total) == set(kpi.KPI_KEYS)
    assert total["posts"] == 0
    assert all(total[k] is None for k in kpi.KPI_KEYS if k not in {"posts", "interactions_in"})
    assert total["interactions_in"] is None  # no account has any interaction at all
    assert report["by_channel"] == {"vk": {k: None for k in kpi.CHANNEL_KEYS},
                                    "ok": {k: None for k in kpi.CHANNEL_KEYS}}  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Specialist scope


def handover():
    """VK: Anna until Jan 10, Boris from Jan 11. OK: Boris all along."""
    accs = accounts((VK, "vk", ACME, True, False), (OK, "ok", ACME, False, False))
    d = daily(
        (VK, "2026-01-09", 1000, 5, NA, 100, NA, NA, NA, NA),
        (VK, "2026-01-10", 1010, 10, NA, 100, NA, NA, NA, NA),
        (VK, "2026-01-11", 1030, 20, NA, 300, NA, NA, NA, NA),
        (VK, "2026-01-12", 1060, 30, NA, 300, NA, NA, NA, NA),
        (OK, "2026-01-10", 400, NA, NA, 50, NA, NA, NA, NA),
        (OK, "2026-01-12", 420, NA, NA, 50, NA, NA, NA, NA),
    )
    web = frame(kpi.WEB_COLUMNS, [(ACME, "vk", f"2026-01-{d:02d}", 10) for d in range(9, 13)])
    costs = frame(kpi.COST_COLUMNS, [
        (ACME, "vk", "fee", NA, "2026-01-09", "2026-01-12", 400.0, None),  # 100 a day
        (ACME, "vk", "ads", float(VK), "2026-01-12", None, 70.0, None),  # ads on the VK account itself
    ])  # fmt: skip
    p = posts(
        (VK, "2026-01-10", 100, NA, 10, NA, NA, NA, NA), (VK, "2026-01-12", 100, NA, 30, NA, NA, NA, NA)
    )
    return accs, d, web, costs, p


def assigned(*rows) -> pd.DataFrame:
    return frame(["account_id", "since", "until"], list(rows))


def test_a_specialist_counts_only_the_days_of_their_assignments():
    accs, d, web, costs, p = handover()
    boris = assigned((VK, "2026-01-11", None), (OK, "2025-01-01", None))
    data = make(accs, d, web=web, costs=costs, posts=p, assignments=boris)
    r = kpi.compute_kpis(data, period("2026-01-09", "2026-01-12"))
    # VK starts at its first value from Jan 11 (1030); OK at its first value inside P (400)
    assert r["followers_start"] == 1030 + 400
    assert r["followers_end"] == 1060 + 420
    assert r["followers_gained"] == 50
    assert r["reach"] == 600 + 100
    assert r["posts"] == 1 and r["engagements"] == 30
    assert r["er_followers"] == pytest.approx(30 / 1060)
    # VK web and the VK fee count only on Boris's VK days (Jan 11–12); the account cost on Jan 12
    assert r["sessions"] == 20
    assert r["cost"] == pytest.approx(200 + 70)


def test_the_previous_specialist_keeps_their_own_days():
    accs, d, web, costs, p = handover()
    anna = assigned((VK, "2025-12-01", "2026-01-10"))
    data = make(accs, d, web=web, costs=costs, posts=p, assignments=anna)
    report = kpi.compute_report(data, period("2026-01-09", "2026-01-12"))
    total = report["total"]
    assert total["followers_start"] == 1000  # first value inside P on Anna's days
    assert total["followers_end"] == 1010  # last value on Anna's days
    assert total["reach"] == 200 and total["sessions"] == 20 and total["cost"] == pytest.approx(200)
    assert list(report["by_network"]) == ["vk"]  # OK was never Anna's
    assert report["plan"] == {} and report["attainment"] == {}


def test_a_specialist_without_days_in_the_period_has_no_accounts_in_scope():
    accs, d, web, costs, p = handover()
    data = make(accs, d, web=web, costs=costs, posts=p, assignments=assigned((VK, "2026-02-01", None)))
    report = kpi.compute_report(data, period("2026-01-09", "2026-01-12"))
    assert report["by_network"] == {}
    assert report["total"]["followers_end"] is None and report["total"]["posts"] is None


# --------------------------------------------------------------------------------------------------
# Plan vs fact


def plan(*rows) -> pd.DataFrame:
    """(client_id, month, scope, kpi, target)"""
    return frame(kpi.PLAN_COLUMNS, list(rows))


def test_additive_targets_are_prorated_by_days_of_each_month():
    rows = plan((ACME, "2026-01", "all", "reach", 310), (ACME, "2026-02", "all", "reach", 280))
    assert kpi.target_for_period(rows, "reach", period("2026-01-10", "2026-01-20")) == pytest.approx(110)
    assert kpi.target_for_period(rows, "reach", period("2026-01-25", "2026-02-05")) == pytest.approx(70 + 50)
    assert kpi.target_for_period(rows, "reach", period("2026-03-01", "2026-03-05")) is None


def test_other_targets_are_a_day_weighted_mean_over_months_with_a_target():
    rows = plan((ACME, "2026-01", "all", "er_reach", 0.04), (ACME, "2026-02", "all", "er_reach", 0.06))
    got = kpi.target_for_period(rows, "er_reach", period("2026-01-25", "2026-02-05"))
    assert got == pytest.approx((0.04 * 7 + 0.06 * 5) / 12)
    only_jan = rows.iloc[:1]
    assert kpi.target_for_period(only_jan, "er_reach", period("2026-01-25", "2026-02-05")) == pytest.approx(
        0.04
    )


def plan_data(**kw):
    accs = accounts((VK, "vk", ACME, True, False), (OK, "ok", BETA, True, False))
    d = daily(
        (VK, "2026-01-05", NA, NA, NA, 300, NA, NA, NA, NA),
        (OK, "2026-01-05", NA, NA, NA, 100, NA, NA, NA, NA),
    )
    p = plan(
        (ACME, "2026-01", "all", "reach", 3100), (BETA, "2026-01", "all", "reach", 620),
        (ACME, "2026-01", "all", "er_reach", 0.05), (ACME, "2026-01", "vk", "reach", 1550),
        (ACME, "2026-01", "all", "cpc", 20), (ACME, "2026-01", "all", "posts", None),  # empty target: none
    )  # fmt: skip
    kw.setdefault("clients", (ACME, BETA))
    return make(accs, d, plan=p, **kw)


def test_plan_for_several_clients_sums_additive_targets_only():
    report = kpi.compute_report(plan_data(), period("2026-01-05", "2026-01-05"))
    assert report["plan"] == {"reach": pytest.approx(100 + 20)}
    assert report["attainment"] == {"reach": pytest.approx(400 / 120)}


def test_plan_for_one_client_has_every_target_and_lower_is_better_inverts_attainment():
    data = plan_data(clients=(ACME,))
    data.accounts = data.accounts[data.accounts["client_id"] == ACME]
    report = kpi.compute_report(data, period("2026-01-05", "2026-01-05"))
    assert report["plan"] == {
        "reach": pytest.approx(100),
        "er_reach": pytest.approx(0.05),
        "cpc": pytest.approx(20),
    }
    assert report["attainment"]["reach"] == pytest.approx(3.0)
    assert report["attainment"]["er_reach"] is None  # no fact
    assert report["attainment"]["cpc"] is None


def test_plan_with_a_network_filter_uses_that_networks_rows():
    data = plan_data(clients=(ACME,), networks=("vk",))
    data.accounts = data.accounts[data.accounts["network"] == "vk"]
    report = kpi.compute_report(data, period("2026-01-05", "2026-01-05"))
    assert report["plan"] == {"reach": pytest.approx(50)}


def test_no_plan_under_an_account_scope():
    report = kpi.compute_report(plan_data(account_filter=True), period("2026-01-05", "2026-01-05"))
    assert report["plan"] == {} and report["attainment"] == {}


# --------------------------------------------------------------------------------------------------
# Trend


def test_trend_sums_per_week_and_keeps_missing_values_missing():
    d = daily(
        (VK, "2026-01-04", 100, 1, NA, 10, NA, NA, NA, NA),  # Sunday: week of Dec 29
        (VK, "2026-01-05", 110, 2, NA, 20, NA, NA, NA, NA),  # Monday
        (VK, "2026-01-06", 120, 3, NA, NA, NA, NA, NA, NA),
    )
    t = kpi.trend(make(ONE_VK, d), period("2026-01-04", "2026-01-06"), "week")
    assert list(t["bucket"]) == [day("2025-12-29"), day("2026-01-05")]
    assert list(t["reach"]) == [10, 20]
    assert list(t["followers_end"]) == [100, 120]
    assert list(t["followers_gained"]) == [1, 5]
    assert t["views"].isna().all()
    assert list(t["posts"]) == [0, 0]


def test_trend_rejects_an_unknown_grain():
    with pytest.raises(ValueError, match="grain"):
        kpi.trend(make(ONE_VK), period("2026-01-04", "2026-01-06"), "quarter")
