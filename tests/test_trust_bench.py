"""The labelled benchmark: a deterministic generator, a scorer that counts what the reference notes say, and
the detectors' operating point on a small benchmark (the README's table comes from the full-size one)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smmkpi import trust_bench as tb
from smmkpi.inflation import AccountAnalysis, Finding

SMALL = tb.BenchConfig(accounts=160, days=365)  # big enough for ~30 instant packages of ≥ 5σ


@pytest.fixture(scope="module")
def small_result():
    bench = tb.generate(SMALL)
    return bench, tb.score(bench, tb.run(bench, jobs=2))


def test_the_generator_is_deterministic():
    config = tb.BenchConfig(accounts=6, days=150)
    one, two = tb.generate(config), tb.generate(config)

    pd.testing.assert_frame_equal(one.truth, two.truth)
    for a, b in zip(one.inputs, two.inputs, strict=True):
        pd.testing.assert_frame_equal(a.daily, b.daily)
        pd.testing.assert_frame_equal(a.posts, b.posts)
    other = tb.generate(tb.BenchConfig(accounts=6, days=150, seed=1))
    assert not other.inputs[0].daily.equals(one.inputs[0].daily)


def test_truth_holds_intervals_of_every_kind_of_event(small_result):
    bench, _ = small_result
    truth = bench.truth

    assert {
        "viral_post",
        "paid_promotion",
        "giveaway",
        "shout_out",
        "platform_purge",
        "connector_glitch",
    } <= set(truth.loc[truth["kind"] == "legit", "type"])
    assert {"followers", "likes_package", "comments_package", "fixed_likes_package"} <= set(
        truth.loc[truth["kind"] == "fraud", "type"]
    )
    packages = truth[truth["type"] == "followers"]
    assert set(packages["delivery"]) == {"instant", "drip"} and (packages["end"] >= packages["start"]).all()
    assert packages["difficulty"].between(1, 40).all() and packages["size"].gt(0).all()


def _finding(day: dt.date, days: int = 1, kind: str = "suspicious") -> Finding:
    return Finding("vk", "a1", "D1", kind, day, day + dt.timedelta(days=days - 1), 1.0, {})


def test_the_scorer_counts_overlaps_within_two_days_and_flags_on_giveaways_as_false_alarms():
    start = dt.date(2025, 1, 1)
    daily = pd.DataFrame({"date": pd.date_range(start, periods=90, freq="D"), "followers": 1000.0})
    truth = pd.DataFrame([
        {"account": "a1", "tier": "small", "kind": "fraud", "type": "followers", "start": dt.date(2025, 1, 10),
         "end": dt.date(2025, 1, 10), "difficulty": 8.0, "bucket": "5–10σ", "delivery": "instant", "churn": "none"},
        {"account": "a1", "tier": "small", "kind": "legit", "type": "giveaway", "start": dt.date(2025, 2, 20),
         "end": dt.date(2025, 2, 21), "difficulty": float("nan"), "bucket": "", "delivery": "", "churn": ""},
    ])  # fmt: skip
    bench = tb.Bench(tb.BenchConfig(accounts=1, days=90), [tb.AccountInput("vk", "a1", daily)], truth)
    findings = [_finding(dt.date(2025, 1, 12)), _finding(dt.date(2025, 2, 20), kind="suspicious"),
                _finding(dt.date(2025, 3, 5), kind="legit_cause")]  # fmt: skip

    result = tb.score(bench, [AccountAnalysis("vk", "a1", findings, {})])

    assert result.events.set_index("type").loc["followers", "detected"]  # two days late still counts
    assert result.flags["true_positive"].tolist() == [True, False]  # the giveaway flag is a false alarm
    assert bool(result.legit.loc[0, "flagged"])
    precision, recall, tp, fp = result.month_pr()
    assert (tp, fp, precision, recall) == (1, 1, 0.5, 1.0)  # January right, February wrong, March not flagged


def test_operating_point_on_the_small_benchmark(small_result):
    """A regression gate on the rest of the table (see the README for the full-size one)."""
    _, result = small_result
    point = tb.operating_point(result)
    events = result.events
    big = events[
        (events["type"] == "followers") & (events["delivery"] == "instant") & (events["difficulty"] >= 10)
    ]

    assert big["detected"].mean() >= 0.9 and len(big) >= 15
    # drips ≥ 10σ: 5 of 13 here (the CUSUM); reported separately, the issue sets no target
    assert point["drip10_event_recall"] >= 0.3 and point["drip10_events"] >= 10
    assert result.legit["flagged"].mean() <= 0.03  # legitimate causes are almost never called fraud
    assert result.legit["labelled"].mean() >= 0.75  # … and mostly named


def test_operating_point_target(small_result):
    """The issue's operating point: account-month precision ≥ 0.9 and recall ≥ 0.8 for instant purchases of
    ≥ 5σ (93 % and 86 % of 29 on this benchmark; the README has the full-size table and other seeds)."""
    _, result = small_result
    point = tb.operating_point(result)

    assert point["instant5_events"] >= 20
    assert point["month_precision"] >= 0.9 and point["instant5_event_recall"] >= 0.8
