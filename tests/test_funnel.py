"""The goal funnel (smmkpi.funnel) against hand-computed values: steps, conversions, plan, leaks, gaps.

Conversions are defined in smmkpi/funnel.py: CTR = clicks / reach, click-to-session = sessions / clicks,
lead conversion = leads / sessions, lead-to-order = orders / leads, average order value = revenue / orders.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from smmkpi import funnel, kpi
from tests.kpi_frames import frame as _frame

NA = np.nan


def values(**kw) -> dict:
    base = {key: None for key in kpi.KPI_KEYS}
    base.update(kw)
    return base


FULL = values(reach=10_000, link_clicks=200, sessions=150, leads=15, orders=3, revenue=9_000.0,
              goal_reaches=40, **{"goal_reaches.call": 5, "goal_reaches.form": 10, "goal_reaches.page_visit": 25})  # fmt: skip


def step(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame.set_index("step").loc[name]


def test_each_conversion_divides_a_step_by_the_one_before():
    steps = funnel.funnel_steps(FULL)

    assert list(steps["step"]) == ["reach", "link_clicks", "sessions", "goal", "orders", "revenue"]
    assert math.isnan(step(steps, "reach")["conversion"])  # nothing before the first step
    assert step(steps, "link_clicks")["conversion"] == pytest.approx(200 / 10_000)  # CTR 2 %
    assert step(steps, "sessions")["conversion"] == pytest.approx(150 / 200)  # 75 % reach the site
    assert step(steps, "goal")["conversion"] == pytest.approx(15 / 150)  # lead conversion 10 %
    assert step(steps, "orders")["conversion"] == pytest.approx(3 / 15)  # one lead in five buys
    assert step(steps, "revenue")["conversion"] == pytest.approx(9_000 / 3)  # average order 3 000
    assert list(steps["conversion_key"].iloc[1:]) == [
        "ctr", "click_to_session", "conversion_rate", "goal_to_order", "order_value"]  # fmt: skip


def test_conversions_that_are_kpis_equal_the_engine_definitions():
    converted = funnel.conversions(FULL)
    assert converted["ctr"] == kpi.ratio(FULL["link_clicks"], FULL["reach"])
    assert converted["click_to_session"] == kpi.ratio(FULL["sessions"], FULL["link_clicks"])
    assert converted["conversion_rate"] == kpi.ratio(FULL["leads"], FULL["sessions"])


def test_missing_web_data_is_a_gap_not_a_zero():
    no_web = {**FULL, "sessions": None}
    steps = funnel.funnel_steps(no_web)

    assert math.isnan(step(steps, "sessions")["value"])
    assert math.isnan(step(steps, "sessions")["conversion"])  # sessions / clicks: not computable
    assert math.isnan(step(steps, "goal")["conversion"])  # leads / sessions: not computable
    assert step(steps, "orders")["conversion"] == pytest.approx(0.2)  # leads → orders still known


def test_zero_sales_are_a_reported_zero_and_the_average_order_is_unknown():
    steps = funnel.funnel_steps({**FULL, "orders": 0, "revenue": 0.0})

    assert step(steps, "orders")["conversion"] == 0.0  # 0 of 15 leads bought: a real zero
    assert math.isnan(step(steps, "revenue")["conversion"])  # revenue / 0 orders: not computable


def test_one_goal_type_replaces_leads_in_the_goal_step():
    steps = funnel.funnel_steps(FULL, goal_type="call")
    goal = step(steps, "goal")

    assert goal["kpi"] == "goal_reaches.call" and goal["value"] == 5
    assert goal["conversion_key"] == "goal_rate"
    assert goal["conversion"] == pytest.approx(5 / 150)
    assert step(steps, "orders")["conversion"] == pytest.approx(3 / 5)
    with pytest.raises(ValueError, match="goal type"):
        funnel.goal_key("fax")


def test_previous_period_and_plan_sit_beside_each_step_and_conversion():
    previous = {**FULL, "link_clicks": 250}  # CTR 2.5 % before, 2 % now
    plan = {"reach": 8_000, "link_clicks": 240, "sessions": 150, "ctr": 0.03}
    steps = funnel.funnel_steps(FULL, previous=previous, plan=plan)
    clicks, sessions = step(steps, "link_clicks"), step(steps, "sessions")

    assert clicks["previous"] == 250 and clicks["change"] == pytest.approx(-0.2)
    assert clicks["plan"] == 240 and clicks["attainment"] == pytest.approx(200 / 240)
    assert clicks["conversion_plan"] == 0.03  # the plan's own CTR target wins
    assert clicks["conversion_attainment"] == pytest.approx(0.02 / 0.03)
    assert clicks["conversion_change"] == pytest.approx((0.02 - 0.025) / 0.025)
    assert sessions["conversion_plan"] == pytest.approx(150 / 240)  # ratio of the two step targets
    assert math.isnan(step(steps, "orders")["plan"])  # no target: "—", not 0


def test_the_leak_is_the_weakest_conversion_against_plan_first():
    plan = {"ctr": 0.03, "click_to_session": 0.5}  # CTR at 67 % of plan, click-to-session at 150 %
    leak = funnel.leak(funnel.funnel_steps(FULL, previous=FULL, plan=plan))

    assert leak["step"] == "link_clicks" and leak["from_step"] == "reach"
    assert leak["basis"] == "plan" and leak["score"] == pytest.approx(2 / 3)


def test_without_a_plan_gap_the_leak_is_the_largest_fall_against_the_previous_period():
    previous = {**FULL, "leads": 30, "orders": 3}  # lead conversion 20 % → 10 %, lead-to-order 10 % → 20 %
    leak = funnel.leak(funnel.funnel_steps(FULL, previous=previous))

    assert (leak["step"], leak["basis"]) == ("goal", "previous")
    assert leak["value"] == pytest.approx(0.1) and leak["reference"] == pytest.approx(0.2)
    assert leak["score"] == pytest.approx(-0.5)


def test_no_leak_when_every_conversion_holds_up():
    assert funnel.leak(funnel.funnel_steps(FULL, previous=FULL)) is None


def test_goals_without_a_type_are_counted_apart():
    shown = funnel.goal_type_values(FULL).set_index("goal_type")["value"]

    assert shown["call"] == 5 and shown["page_visit"] == 25
    assert math.isnan(shown["consultation"])  # not reported, not 0
    assert funnel.untyped_goal_reaches(FULL) is None  # 5 + 10 + 25 = 40: every completion has a type
    with_untyped = {**FULL, "goal_reaches": 47}  # 7 completions of a goal imported without a type
    assert funnel.untyped_goal_reaches(with_untyped) == 7
    assert funnel.goal_type_values(with_untyped).set_index("goal_type").loc["untyped", "value"] == 7
    assert funnel.untyped_goal_reaches(values()) is None


def test_network_funnels_have_a_row_per_network_and_a_total():
    report = {"total": FULL, "by_network": {
        "vk": values(reach=6_000, link_clicks=150, sessions=100, leads=10, orders=2, revenue=6_000.0),
        "telegram": values(sessions=50, leads=5, orders=1, revenue=3_000.0),  # no reach, no clicks
    }}  # fmt: skip
    rows = funnel.network_funnels(report).set_index("network")

    assert list(rows.index) == ["vk", "telegram", "total"]
    assert rows.loc["vk", "ctr"] == pytest.approx(0.025)
    assert math.isnan(rows.loc["telegram", "reach"]) and math.isnan(rows.loc["telegram", "click_to_session"])
    assert rows.loc["telegram", "conversion_rate"] == pytest.approx(0.1)
    assert funnel.networks_without_reach(report) == ["telegram"]
    assert funnel.networks_without_web_data(report) == []
    assert funnel.networks_without_web_data({"by_network": {"ok": values(reach=10)}}) == ["ok"]


def test_has_data_is_false_only_when_no_step_has_a_value():
    assert not funnel.has_data({"total": values(), "by_channel": {}})
    assert funnel.has_data({"total": values(orders=0), "by_channel": {}})  # a reported zero is data
    assert funnel.has_data({"total": values(), "by_channel": {"seo": {"sessions": 12}}})


# --- Through the engine: a tiny workspace, its report, its funnel -----------------------------------------

VK, TG, ACME = 1, 2, 10


def test_the_funnel_of_a_report_uses_the_engine_numbers():
    accounts = _frame(
        kpi.ACCOUNT_COLUMNS, [(VK, "vk", ACME, False, False), (TG, "telegram", ACME, False, False)]
    )
    daily = _frame(kpi.DAILY_COLUMNS, [
        (VK, "2026-03-01", NA, NA, NA, 4_000, NA, NA, 80, NA),
        (VK, "2026-03-02", NA, NA, NA, 6_000, NA, NA, 120, NA),
        (TG, "2026-03-01", 500, NA, NA, NA, NA, NA, NA, NA),  # Telegram: members only
    ])  # fmt: skip
    web = _frame(kpi.WEB_COLUMNS, [(ACME, "vk", "2026-03-01", 90), (ACME, "vk", "2026-03-02", 60),
                                   (ACME, "telegram", "2026-03-02", 40)])  # fmt: skip
    goals = _frame(kpi.GOAL_REACH_COLUMNS, [(ACME, "vk", "2026-03-01", "call", 6), (ACME, "vk", "2026-03-02", "form", 9),
                                            (ACME, "telegram", "2026-03-02", "message", 4),
                                            (ACME, "vk", "2026-03-02", None, 3)])  # an untyped goal  # fmt: skip
    sales = _frame(
        kpi.SALE_COLUMNS, [(ACME, "vk", "2026-03-02", 3, 9_000.0), (ACME, "telegram", "2026-03-02", 0, 0.0)]
    )
    data = kpi.empty_data(accounts=accounts, daily=daily, followers=daily[["account_id", "date", "followers"]],
                          web=web, goal_reaches=goals, sales=sales, clients=(ACME,))  # fmt: skip
    report = kpi.compute_report(data, kpi.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 2)))

    steps = funnel.report_funnel(report).set_index("step")
    # reach 10 000 → clicks 200 → sessions 190 (VK 150 + Telegram 40) → leads 19 → orders 3 → 9 000
    assert list(steps["value"]) == [10_000, 200, 190, 19, 3, 9_000]
    assert steps.loc["sessions", "conversion"] == pytest.approx(190 / 200)
    assert steps.loc["orders", "conversion"] == pytest.approx(3 / 19)
    rows = funnel.network_funnels(report).set_index("network")
    assert rows.loc["telegram", "orders"] == 0 and rows.loc["telegram", "goal_to_order"] == 0.0
    assert math.isnan(rows.loc["telegram", "order_value"])  # 0 orders: no average order
    assert funnel.networks_without_reach(report) == ["telegram"]
    assert funnel.untyped_goal_reaches(report["total"]) == 3


# --- Orders above the goal step, and the leak's tolerance ------------------------------------------------


def test_more_orders_than_goals_is_orders_per_goal_not_a_conversion_and_never_the_leak():
    # 11 orders on 3 forms: 11 / 3 ≈ 3.7 orders per goal, not 366.7 %
    many = values(**{**FULL, "orders": 11, "goal_reaches.form": 3})
    previous = values(**{**FULL, "orders": 30, "goal_reaches.form": 3})  # 10 per goal before: a "fall"
    steps = funnel.funnel_steps(many, previous=previous, goal_type="form")
    orders = step(steps, "orders")

    assert orders["conversion_key"] == funnel.PER_GOAL
    assert orders["conversion"] == pytest.approx(11 / 3)
    # the fall from 10 to 3.7 per goal is the biggest change, but orders per goal is no conversion
    assert funnel.leak(steps) is None
    # without a goal type too (leads): 20 orders on 15 leads
    plain = funnel.funnel_steps(values(**{**FULL, "orders": 20}))
    assert step(plain, "orders")["conversion_key"] == funnel.PER_GOAL
    # up to 100 % it stays a conversion
    assert step(funnel.funnel_steps(FULL, goal_type="call"), "orders")["conversion_key"] == "goal_to_order"


def test_a_conversion_at_99_percent_of_plan_is_no_leak():
    plan = {"ctr": 0.0202}  # CTR 2 % against 2.02 %: 99 % of plan
    assert funnel.leak(funnel.funnel_steps(FULL, previous=FULL, plan=plan)) is None
    slight_fall = {**FULL, "link_clicks": 204}  # CTR 2.04 % → 2 %: −2 %, noise
    assert funnel.leak(funnel.funnel_steps(FULL, previous=slight_fall)) is None


def test_the_bigger_shortfall_is_the_leak():
    # CTR at 94 % of plan (a clear shortfall), click-to-session at 50 % of plan: the bigger one wins
    plan = {"ctr": 0.02 / 0.94, "click_to_session": 1.5}
    leak = funnel.leak(funnel.funnel_steps(FULL, previous=FULL, plan=plan))
    assert (leak["step"], leak["basis"]) == ("sessions", "plan")
    assert leak["score"] == pytest.approx(0.75 / 1.5)
    only_ctr = funnel.leak(funnel.funnel_steps(FULL, previous=FULL, plan={"ctr": 0.02 / 0.94}))
    assert only_ctr["step"] == "link_clicks"  # 94 % is below the 95 % tolerance


def test_a_ratio_above_100_percent_is_never_the_leak():
    # more site sessions than link clicks (profile, stories): 300 % falling to 250 % loses nothing
    now = {**FULL, "sessions": 500, "leads": 50}
    before = {**FULL, "sessions": 600, "leads": 60}
    steps = funnel.funnel_steps(now, previous=before)
    assert step(steps, "sessions")["conversion"] == pytest.approx(2.5)
    assert funnel.leak(steps) is None
