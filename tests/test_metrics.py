"""The KPI registry: every KPI of KPI.md §4, named and explained in both languages."""

import pytest

from smmkpi import metrics
from smmkpi.i18n import CATALOGS

NBSP = "\u00a0"

EXPECTED_KEYS = {
    "audience": [
        "followers_end",
        "followers_start",
        "follower_growth",
        "follower_growth_rate",
        "followers_gained",
        "followers_lost",
        "churn_rate",
        "reach",
        "reach_growth_rate",
        "views",
        "avg_post_reach",
        "reach_rate",
    ],
    "content": ["posts", "engagements", "er_reach", "er_views", "er_followers", "virality"],
    "communication": ["interactions_in", "response_rate", "median_response_minutes", "messages_in"],
    "traffic": ["link_clicks", "ctr", "sessions", "click_to_session"],
    "goals": [
        "goal_reaches",
        "goal_reaches.call",
        "goal_reaches.message",
        "goal_reaches.consultation",
        "goal_reaches.form",
        "goal_reaches.page_visit",
        "goal_reaches.sale",
        "goal_reaches.other",
        "leads",
        "conversion_rate",
        "orders",
        "revenue",
    ],
    "money": ["cost", "ad_cost", "cpc", "cpl", "cps", "cpf", "romi"],
}


def test_registry_has_exactly_the_kpis_in_order_and_grouped():
    assert metrics.GROUPS == tuple(EXPECTED_KEYS)
    assert metrics.KPI_KEYS == tuple(key for keys in EXPECTED_KEYS.values() for key in keys)
    assert list(metrics.METRICS) == list(metrics.KPI_KEYS)
    for group, keys in EXPECTED_KEYS.items():
        assert metrics.keys_in_group(group) == tuple(keys)
        assert all(metrics.METRICS[key].group == group for key in keys)


def test_every_group_has_a_title_in_both_languages():
    for group in metrics.GROUPS:
        assert f"group.{group}" in CATALOGS["ru"]
        assert f"group.{group}" in CATALOGS["en"]


@pytest.mark.parametrize("key", metrics.KPI_KEYS)
def test_every_kpi_has_labels_and_formulas_in_both_languages(key):
    metric = metrics.METRICS[key]
    assert metric.key == key
    assert metric.unit in {"count", "ratio", "money", "minutes"}
    for lang in ("ru", "en"):
        assert metrics.label(key, lang).strip()
        assert metrics.help_text(key, lang).strip()
    assert metric.label["ru"] != metric.label["en"] or metric.label["en"] in {"CTR", "ROMI"}
    assert metric.help["ru"] != metric.help["en"]


def test_labels_are_unique_per_language():
    for lang in ("ru", "en"):
        labels = [metrics.label(key, lang) for key in metrics.KPI_KEYS]
        assert len(labels) == len(set(labels)), lang


def test_lower_is_better_set():
    lower = {key for key, metric in metrics.METRICS.items() if metric.lower_is_better}
    assert lower == {"cpc", "cpl", "cps", "cpf", "churn_rate", "median_response_minutes"}


def test_additive_set_follows_plan_vs_fact():
    additive = {key for key, metric in metrics.METRICS.items() if metric.additive}
    goal_types = {key for key in metrics.KPI_KEYS if key.startswith("goal_reaches.")}
    assert (
        additive
        == {
            "posts",
            "reach",
            "views",
            "followers_gained",
            "follower_growth",
            "link_clicks",
            "sessions",
            "leads",
            "orders",
            "revenue",
            "cost",
            "interactions_in",
            "engagements",
            "goal_reaches",
        }
        | goal_types
    )


def test_units():
    units = {key: metric.unit for key, metric in metrics.METRICS.items()}
    assert {key for key, unit in units.items() if unit == "money"} == {
        "revenue",
        "cost",
        "ad_cost",
        "cpc",
        "cpl",
        "cps",
        "cpf",
    }
    assert {key for key, unit in units.items() if unit == "minutes"} == {"median_response_minutes"}
    assert units["romi"] == "ratio"
    assert units["er_reach"] == "ratio"
    assert units["posts"] == "count"


def test_names_follow_the_marketers_vocabulary():
    assert metrics.label("er_reach", "ru") == "ERR — вовлечённость по охвату"
    assert metrics.label("er_reach", "en") == "ER by reach (ERR)"
    assert metrics.label("cpf", "ru") == "Цена подписчика"
    assert metrics.help_text("er_reach", "ru").startswith("Σ реакций постов / Σ охвата постов")
    assert metrics.help_text("romi", "en") == "(Revenue − cost) / cost"


@pytest.mark.parametrize(
    ("key", "value", "ru", "en"),
    [
        ("reach", 1234567.4, f"1{NBSP}234{NBSP}567", "1,234,567"),
        ("er_reach", 0.0345, f"3,5{NBSP}%", "3.5%"),
        ("romi", 1.25, f"125,0{NBSP}%", "125.0%"),
        ("cpc", 45.678, f"45,68{NBSP}₽", f"RUB{NBSP}45.68"),
        ("cost", 123456.7, f"123{NBSP}457{NBSP}₽", f"RUB{NBSP}123,457"),
        ("median_response_minutes", 85, f"1{NBSP}ч 25{NBSP}мин", f"1{NBSP}h 25{NBSP}min"),
        ("posts", None, "—", "—"),
        ("cpl", float("nan"), "—", "—"),
    ],
)
def test_format_metric_by_unit(key, value, ru, en):
    assert metrics.format_metric(key, value, "ru") == ru
    assert metrics.format_metric(key, value, "en") == en


def test_format_metric_uses_the_workspace_currency():
    assert metrics.format_metric("cost", 1500, "en", currency="USD") == "$1,500"
