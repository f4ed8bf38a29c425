"""The brief's pure logic: answers, validation, the plan proposal on several baselines, the plan table."""

from __future__ import annotations

import datetime as dt
import math
import string

import pandas as pd
import pytest

from smmkpi import brief, i18n
from smmkpi.brief import Baseline, PlanRow

TODAY = dt.date(2026, 11, 30)
PERIOD = (dt.date(2026, 9, 1), dt.date(2026, 11, 29))  # 90 days
DAYS = 90
LEAD_GOALS = [{"name": "Звонок с сайта", "type": "call"}, {"name": "Заявка на расчёт", "type": "form"}]


def baseline(**values) -> Baseline:
    return Baseline(*PERIOD, values)


def monthly(total: float) -> float:
    return total * brief.DAYS_PER_MONTH / DAYS


def answers(**overrides) -> dict:
    base = {"company": "Кофейня", "budget_ads": 0, "budget_fee": 0, "budget_production": 0, "goals": LEAD_GOALS,
            "responder": "specialist", "response_minutes": 60}  # fmt: skip
    return brief.normalize_answers({**base, **overrides})


def kpis(proposal) -> dict[str, dict[str, float]]:
    return {p.kpi: p.targets for p in proposal.kpis}


def reasons(proposal, kpi: str, lang: str = "ru") -> str:
    return brief.render_reasons(proposal.reasons()[kpi], lang)


def notes(proposal, lang: str = "en") -> list[str]:
    return [n.render(lang) for n in proposal.notes]


SMALL = dict(followers_end=6_000, follower_growth=450, reach=90_000, posts=39, er_reach=0.05, response_rate=0.8,
             median_response_minutes=95, link_clicks=1_800, sessions=1_200, leads=36, orders=24, revenue=26_400,
             ad_cost=0, cost=150_000, cpc=125.0, cpl=4_166.0, cps=6_250.0, **{"goal_reaches.call": 12,
             "goal_reaches.form": 24})  # fmt: skip
LARGE = dict(SMALL, followers_end=250_000, reach=3_000_000, follower_growth=6_000, ad_cost=90_000)


# --- Answers ----------------------------------------------------------------------------------------------


def test_normalized_answers_have_every_question_with_its_type():
    raw = {"company": "  Кедр ", "average_order_value": "46000", "margin_percent": None, "networks": ["vk", ""],
           "goals": [{"name": "Заявка", "type": "form"}, {"name": "", "type": ""}], "response_minutes": "60.0",
           "unknown": "dropped"}  # fmt: skip
    out = brief.normalize_answers(raw)
    assert set(out) == {q.name for q in brief.QUESTIONS} | set(brief.PLAN_DRAFT_KEYS)
    assert (
        out["company"] == "Кедр" and out["average_order_value"] == 46_000.0 and out["margin_percent"] is None
    )
    assert out["networks"] == ["vk"] and out["response_minutes"] == 60
    assert out["goals"] == [{"name": "Заявка", "type": "form", "metrica_id": "", "ga4_id": "", "pages": ""}]


def test_every_question_option_and_consequence_has_ru_and_en_text():
    for lang in ("ru", "en"):
        catalog = i18n.CATALOGS[lang]
        for question in brief.QUESTIONS:
            assert f"brief.q.{question.name}" in catalog, question.name
            if question.kind in ("choice", "multi"):
                for option in question.options:
                    assert f"brief.option.{question.name}.{option}" in catalog
            if question.explains:
                for option in question.options:
                    assert f"brief.consequence.{question.name}.{option}" in catalog


def test_consequences_follow_the_chosen_options_in_their_order():
    chosen = answers(impact=["support", "sales"], bought_in_social="no")
    assert brief.consequences(chosen, "impact") == ["brief.consequence.impact.sales",
                                                    "brief.consequence.impact.support"]  # fmt: skip
    assert brief.consequences(chosen, "bought_in_social") == ["brief.consequence.bought_in_social.no"]
    assert brief.consequences(chosen, "company") == []


def test_budget_is_split_into_ads_fee_and_production():
    budget = brief.Budget.from_answers(
        answers(budget_ads=30_000, budget_fee=60_000, budget_production=10_000)
    )
    assert budget.total == 100_000
    assert budget.shares() == {"ads": 0.3, "fee": 0.6, "production": 0.1}
    assert brief.Budget.from_answers(answers()).shares() == {"ads": None, "fee": None, "production": None}


# --- Validation --------------------------------------------------------------------------------------------


def messages(problems, lang="en") -> list[str]:
    return [p.message(lang) for p in problems]


def test_a_negative_budget_is_named_with_its_field_and_value():
    problems = brief.validate_step(answers(budget_fee=-5_000), "resources", today=TODAY)
    assert [p.question for p in problems] == ["budget_fee"]
    assert messages(problems) == [
        "“Specialist or agency, RUB per month”: -5,000 — a budget cannot be negative."
    ]
    assert "не может быть отрицательным" in messages(problems, "ru")[0]


def test_a_goal_without_a_type_is_named():
    goals = [{"name": "Заявка на расчёт", "type": "form"}, {"name": "Запись к дизайнеру", "type": ""}]
    problems = brief.validate_step(answers(goals=goals), "goals", today=TODAY)
    assert [p.key for p in problems] == ["goal_without_type"]
    assert messages(problems, "ru") == [
        "У цели «Запись к дизайнеру» не выбран тип. Выберите: звонок, сообщение, консультация, заявка, "
        "посещение страницы, продажа или другое."
    ]


def test_a_plan_month_in_the_past_is_rejected_with_the_month_named():
    rows = [PlanRow("2026-10", "all", "reach", 1_000.0), PlanRow("2026-11", "all", "reach", 1_000.0),
            PlanRow("2026-12", "all", "reach", 1_000.0)]  # fmt: skip
    problems = brief.validate_plan(rows, today=TODAY)
    assert messages(problems) == ["Oct 2026 is over: plans are for the current and future months."]
    assert messages(problems, "ru") == ["октябрь 2026 уже прошёл: план ставят на текущий и будущие месяцы."]
    start = brief.validate_step(answers(plan_start="2026-10"), "plan", today=TODAY)
    assert [p.key for p in start] == ["plan_month_past"]


@pytest.mark.parametrize(
    ("row", "key"),
    [
        (PlanRow("2026-12", "all", "reach", -1.0), "plan_negative"),
        (PlanRow("2026-12", "all", "response_rate", 1.2), "plan_share_over_100"),
        (PlanRow("2026-12", "all", "likes", 5.0), "plan_unknown_kpi"),
        (PlanRow("2026-12", "tiktok", "reach", 5.0), "plan_unknown_scope"),
    ],
)
def test_plan_rows_the_importer_would_reject_are_caught_first(row, key):
    assert [p.key for p in brief.validate_plan([row], today=TODAY)] == [key]


def test_duplicate_and_empty_plans_are_problems_and_a_good_plan_is_not():
    row = PlanRow("2026-12", "all", "reach", 5.0)
    assert [p.key for p in brief.validate_plan([row, row], today=TODAY)] == ["plan_duplicate"]
    assert [p.key for p in brief.validate_plan([], today=TODAY)] == ["plan_empty"]
    assert brief.validate_plan([row, PlanRow("2026-11", "vk", "cpl", 900.0)], today=TODAY) == []


def test_business_step_needs_a_company_and_a_margin_between_0_and_100():
    problems = brief.validate_step(answers(company="", margin_percent=140), "business", today=TODAY)
    assert [p.key for p in problems] == ["company_missing", "margin_range"]
    assert brief.validate_brief(answers(), today=TODAY) == []


def test_every_problem_message_renders_without_placeholders_left():
    for key in [k for k in i18n.CATALOGS["en"] if k.startswith("brief.problem.")]:
        names = {n for _, n, _, _ in string.Formatter().parse(i18n.CATALOGS["en"][key]) if n}
        problem = brief.BriefProblem("plan", "x", key.rsplit(".", 1)[1], {n: 1 for n in names})
        for lang in ("ru", "en"):
            assert "{" not in problem.message(lang), key


# --- The plan proposal -------------------------------------------------------------------------------------


def test_no_data_and_no_budget_proposes_only_what_benchmarks_allow_and_says_why():
    proposal = brief.propose_plan(answers(), Baseline.empty(), start_month="2026-12", months=3)
    targets = kpis(proposal)
    assert proposal.months == ["2026-12", "2027-01", "2027-02"]
    assert set(targets) == {"posts", "er_reach", "response_rate", "median_response_minutes"}
    assert targets["posts"] == {"2026-12": 13.0, "2027-01": 13.0, "2027-02": 12.0}  # 3 a week × days / 7
    assert all(v == brief.DEFAULT_ER_REACH for v in targets["er_reach"].values())
    assert notes(proposal) == [
        "Reach: neither data nor an ad budget — set the target by hand.",
        "Calls: neither data nor planned sessions — set the target by hand.",
        "Form submissions: neither data nor planned sessions — set the target by hand.",
        "No budget given, so cost per visit, lead, sale and ROMI are not planned.",
    ]
    assert "market benchmark" in reasons(proposal, "er_reach", "en")


def test_no_data_with_an_ad_budget_starts_reach_from_what_the_budget_buys():
    proposal = brief.propose_plan(answers(budget_ads=30_000, budget_fee=40_000), Baseline.empty(),
                                  start_month="2026-12", months=3)  # fmt: skip
    targets = kpis(proposal)
    bought = 30_000 / brief.DEFAULT_COST_PER_1000_REACH * 1000  # 200 000
    assert targets["reach"]["2026-12"] == bought
    assert targets["reach"]["2027-01"] == round(bought * (1 + brief.ORGANIC_GROWTH["unknown"]), -2)
    assert targets["link_clicks"]["2026-12"] == round(bought * brief.DEFAULT_CTR, -2)
    assert targets["sessions"]["2026-12"] == 700.0
    assert targets["goal_reaches.call"]["2026-12"] == 4.0  # 700 × 0.5 %
    assert (
        targets["leads"]["2026-12"]
        == targets["goal_reaches.call"]["2026-12"] + targets["goal_reaches.form"]["2026-12"]
    )
    assert targets["cpl"]["2026-12"] == round(70_000 / targets["leads"]["2026-12"])
    assert "30\u00a0000\u00a0₽" in reasons(proposal, "reach") and "~150\u00a0₽ за 1\u00a0000" in reasons(
        proposal, "reach"
    )


def test_a_small_community_grows_organically_plus_the_effect_of_more_ad_money():
    proposal = brief.propose_plan(answers(budget_ads=30_000, budget_fee=60_000), baseline(**SMALL),
                                  start_month="2026-12", months=6)  # fmt: skip
    growth = proposal.growth
    assert growth.size == "small" and growth.organic == 0.04
    assert growth.ads == pytest.approx(0.06)  # 2 % per 10 000 above today's ad spend of 0
    reach = kpis(proposal)["reach"]
    base = monthly(SMALL["reach"])
    assert reach["2026-12"] == round(base * 1.10, -2)
    assert reach["2027-05"] == round(base * 1.10**6, -2)
    text = reasons(proposal, "reach")
    assert text.startswith("Сейчас 30\u00a0438 в месяц (в среднем за 1 сент. — 29 нояб. 2026\u202fг.).")
    assert "Рост +10,0\u00a0% в месяц: 4,0\u00a0% — органический (небольшое сообщество" in text
    assert "30\u00a0000\u00a0₽ в месяц вместо нынешних 0\u00a0₽" in text
    # traffic and goals grow with reach, conversion rates held
    assert kpis(proposal)["sessions"]["2026-12"] == round(monthly(SMALL["sessions"]) * 1.10)


def test_a_large_community_moves_less_for_the_same_money():
    small = brief.propose_plan(
        answers(budget_ads=190_000), baseline(**SMALL), start_month="2026-12", months=3
    )
    large = brief.propose_plan(
        answers(budget_ads=190_000), baseline(**LARGE), start_month="2026-12", months=3
    )
    assert small.growth.ads == brief.MAX_AD_GROWTH  # capped
    assert large.growth.size == "large" and large.growth.organic == 0.015
    extra = 190_000 - monthly(LARGE["ad_cost"])
    assert large.growth.ads == pytest.approx(min(0.02 * extra / 10_000, 0.08) * 0.5)
    assert large.growth.rate < small.growth.rate


def test_zero_budget_keeps_volume_targets_and_drops_money_targets():
    proposal = brief.propose_plan(answers(), baseline(**LARGE), start_month="2026-12", months=3)
    targets = kpis(proposal)
    assert {"cpc", "cpl", "cps", "romi"}.isdisjoint(targets)
    assert "No budget given, so cost per visit, lead, sale and ROMI are not planned." in notes(proposal)
    # stopping ads that run today (90 000 a month) shrinks reach, and the reason says so
    assert proposal.growth.rate < 0
    assert targets["reach"]["2027-02"] < targets["reach"]["2026-12"] < monthly(LARGE["reach"])
    assert all(v >= 0 for t in targets.values() for v in t.values())
    assert "минус" in reasons(proposal, "reach")


def test_cost_per_result_is_the_budget_over_the_planned_volume_and_lower_is_better():
    proposal = brief.propose_plan(answers(budget_ads=30_000, budget_fee=60_000, budget_production=10_000),
                                  baseline(**SMALL), start_month="2026-12", months=3)  # fmt: skip
    targets = kpis(proposal)
    for month in proposal.months:
        assert targets["cpl"][month] == round(100_000 / targets["leads"][month])
        assert targets["cpc"][month] == round(100_000 / targets["sessions"][month])
    # the plan's leads grow, so the cost per lead falls month by month
    assert targets["cpl"]["2027-02"] < targets["cpl"]["2026-12"]
    assert "Lower is better: attainment = target / fact." in reasons(proposal, "cpl", "en")
    assert brief.lower_is_better("cpl") and not brief.lower_is_better("leads")


def test_response_time_is_never_planned_worse_than_today_or_than_promised():
    promised = brief.propose_plan(
        answers(response_minutes=60), baseline(**SMALL), start_month="2026-12", months=3
    )
    assert set(kpis(promised)["median_response_minutes"].values()) == {60.0}  # today 95: the promise wins
    faster_now = baseline(**dict(SMALL, median_response_minutes=25))
    kept = brief.propose_plan(answers(response_minutes=60), faster_now, start_month="2026-12", months=3)
    assert set(kpis(kept)["median_response_minutes"].values()) == {25.0}
    nobody = brief.propose_plan(
        answers(responder="nobody"), baseline(**SMALL), start_month="2026-12", months=3
    )
    assert {"response_rate", "median_response_minutes"}.isdisjoint(kpis(nobody))


def test_a_shrinking_community_gets_a_positive_follower_target():
    proposal = brief.propose_plan(answers(), baseline(**dict(SMALL, follower_growth=-300)), start_month="2026-12",
                                  months=3)  # fmt: skip
    target = kpis(proposal)["follower_growth"]["2026-12"]
    assert target == 30.0  # 0.5 % of 6 000 followers
    assert "теряет подписчиков" in reasons(proposal, "follower_growth")


def test_romi_is_planned_only_when_it_pays_back_and_shows_the_break_even():
    paying = brief.propose_plan(answers(budget_fee=10_000, average_order_value=5_000, margin_percent=40),
                                baseline(**SMALL), start_month="2026-12", months=3)  # fmt: skip
    orders = kpis(paying)["orders"]["2026-12"]
    assert kpis(paying)["romi"]["2026-12"] == round((orders * 5_000 - 10_000) / 10_000, 4)
    assert "SMM pays for itself above a ROMI of 150.0%" in reasons(paying, "romi", "en")
    losing = brief.propose_plan(answers(budget_fee=500_000, average_order_value=100), baseline(**SMALL),
                                start_month="2026-12", months=3)  # fmt: skip
    assert "romi" not in kpis(losing)
    assert any(n.startswith("Planned ROMI is −") or n.startswith("Planned ROMI is -") for n in notes(losing))


def test_every_reason_renders_in_both_languages_without_placeholders():
    for base in (Baseline.empty(), baseline(**SMALL), baseline(**LARGE)):
        for budget in (0, 30_000, 300_000):
            proposal = brief.propose_plan(answers(budget_ads=budget, budget_fee=budget, impact=["sales"],
                                                  average_order_value=900, margin_percent=30),
                                          base, start_month="2026-12", months=3)  # fmt: skip
            for lang in ("ru", "en"):
                for items in [*proposal.reasons().values(), proposal.notes]:
                    for reason in items:
                        text = reason.render(lang)
                        assert text and "{" not in text and "brief.why" not in text


def test_reasons_survive_a_json_round_trip():
    proposal = brief.propose_plan(
        answers(budget_ads=30_000), baseline(**SMALL), start_month="2026-12", months=3
    )
    for items in proposal.reasons().values():
        for reason in items:
            assert brief.Reason.from_dict(reason.to_dict()).render("ru") == reason.render("ru")


# --- The plan as a table -----------------------------------------------------------------------------------


def test_the_editor_table_round_trips_and_shows_shares_in_percent():
    rows = [PlanRow("2026-12", "all", "reach", 41_000.0), PlanRow("2027-01", "all", "reach", 44_000.0),
            PlanRow("2026-12", "all", "er_reach", 0.035), PlanRow("2027-01", "vk", "cpl", 950.0)]  # fmt: skip
    months = ["2026-12", "2027-01"]
    frame = brief.plan_frame(rows, months, {}, lang="ru")
    assert list(frame.columns) == ["kpi", "scope", "unit", "2026-12", "2027-01", "why"]
    assert frame.loc[frame["kpi"] == "er_reach", "2026-12"].item() == pytest.approx(3.5)
    assert math.isnan(frame.loc[frame["kpi"] == "er_reach", "2027-01"].item())  # no target ≠ 0
    assert set(frame["unit"]) == {"шт.", "%", "₽"}
    back = brief.rows_from_frame(frame, months)
    assert sorted(back, key=repr) == sorted(rows, key=repr)


def test_an_added_editor_row_without_a_kpi_is_ignored_and_a_blank_cell_is_no_target():
    frame = pd.DataFrame([{"kpi": "posts", "scope": None, "unit": "", "2026-12": 20.0, "2027-01": None},
                          {"kpi": None, "scope": "vk", "unit": "", "2026-12": 5.0, "2027-01": 5.0}])  # fmt: skip
    assert brief.rows_from_frame(frame, ["2026-12", "2027-01"]) == [PlanRow("2026-12", "all", "posts", 20.0)]


def test_the_plan_file_has_the_canonical_columns():
    frame = brief.plan_csv_frame([PlanRow("2026-12", "all", "reach", 41_000.0)], "Кофейня")
    assert frame.to_dict("records") == [
        {"month": "2026-12", "client": "Кофейня", "scope": "all", "kpi": "reach", "target": 41_000.0}
    ]


def test_months_and_the_baseline_window():
    assert brief.month_range("2026-11", 3) == ["2026-11", "2026-12", "2027-01"]
    assert brief.default_plan_start(TODAY) == "2026-12"
    assert brief.plan_start_options(TODAY)[0] == "2026-11"
    assert brief.baseline_window(dt.date(2026, 11, 29), dt.date(2025, 1, 1), today=TODAY) == PERIOD
    # data ending after yesterday is cut at yesterday; data starting late shortens the window
    assert brief.baseline_window(dt.date(2026, 12, 5), dt.date(2026, 11, 1), today=TODAY) == (
        dt.date(2026, 11, 1), dt.date(2026, 11, 29))  # fmt: skip
    assert brief.baseline_window(None, None, today=TODAY) is None


def test_a_romi_below_break_even_gets_a_note_with_both_numbers():
    # 8 sales in the first month × 5 000 = 40 000 revenue on a 20 000 budget: ROMI 100 %, but a 20 % margin
    # pays back only above 1 / 0.2 − 1 = 400 %
    low = brief.propose_plan(answers(budget_fee=20_000, average_order_value=5_000, margin_percent=20),
                             baseline(**SMALL), start_month="2026-12", months=3)  # fmt: skip
    romi = min(kpis(low)["romi"].values())
    assert romi == 1.0
    note = reasons(low, "romi", "en")  # said next to the ROMI target, in the app and in the document
    assert f"Planned ROMI is {i18n.format_percent(romi, 'en')}, below the break-even ROMI of 400.0%" in note
    assert "at a margin of 20.0%" in note
    ru = reasons(low, "romi", "ru")
    assert i18n.format_percent(romi, "ru") in ru and "только с ROMI выше 400,0" in ru
    # the same plan at an 80 % margin (break-even 25 %) pays back: no note; no margin: no note either
    for margin in (80, None):
        fine = brief.propose_plan(answers(budget_fee=20_000, average_order_value=5_000, margin_percent=margin),
                                  baseline(**SMALL), start_month="2026-12", months=3)  # fmt: skip
        assert "romi" in kpis(fine) and "below the break-even" not in reasons(fine, "romi", "en")


def test_report_recipients_must_be_e_mail_addresses():
    good = "director@obzharka.example, Анна Петрова <anna@kedr.ru>;\nmarketing@obzharka.example"
    assert brief.validate_step(answers(report_recipients=good), "reports", today=TODAY) == []
    empty = answers(report_recipients="")  # not given yet: nothing to check
    assert brief.validate_step(empty, "reports", today=TODAY) == []
    bad = "director@obzharka.example, Иван Петров, anna@kedr"
    (problem,) = brief.validate_step(answers(report_recipients=bad), "reports", today=TODAY)
    assert problem.question == "report_recipients"
    en, ru = problem.message("en"), problem.message("ru")
    assert "“Иван Петров”, “anna@kedr”" in en and "name@company.com" in en and "director@" not in en
    assert "“Иван Петров”, “anna@kedr”" in ru and "через запятую" in ru
    assert problem in brief.validate_brief(answers(report_recipients=bad), today=TODAY)


def test_posts_are_planned_per_month_and_shown_per_week():
    proposal = brief.propose_plan(answers(), baseline(**SMALL), start_month="2027-02", months=2)
    rows = [r for r in proposal.rows() if r.kpi == "posts"]
    assert brief.unit_label("posts", "en") == "a month" and brief.unit_label("posts", "ru") == "в месяц"
    weekly = brief.posts_per_week(rows)
    # February 2027 has 28 days = 4 weeks: the weekly figure is the month's target / 4
    feb = next(r.target for r in rows if r.month == "2027-02")
    assert ("all", "2027-02", feb / 4) in weekly
    assert all(abs(w - 3) < 0.1 for _, _, w in weekly)  # 39 posts in 90 days ≈ 3 a week (whole posts a month)


def test_the_plan_table_reads_back_the_rows_it_was_made_of():
    rows = [PlanRow("2026-12", "all", "romi", 0.692), PlanRow("2026-12", "all", "er_reach", 0.0688),
            PlanRow("2026-12", "vk", "reach", 451_100.0), PlanRow("2027-01", "all", "response_rate", 0.915)]  # fmt: skip
    months = ["2026-12", "2027-01"]
    frame = brief.plan_frame(rows, months, {}, lang="ru")
    assert sorted(brief.rows_from_frame(frame, months), key=repr) == sorted(rows, key=repr)  # exactly equal
