"""Money (smmkpi.money): cost breakdown, prices over time, the channel comparison and the verdict
"is SMM worth it?" — on hand-computed data, including zero sales, a channel without costs and tiny samples.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from smmkpi import export, kpi, money
from tests.kpi_frames import frame

NA = np.nan
VK, OK, ACME = 1, 2, 10


# --- Cost by kind and network -----------------------------------------------------------------------------


def cost_data() -> kpi.KpiData:
    accounts = frame(kpi.ACCOUNT_COLUMNS, [(VK, "vk", ACME, False, False), (OK, "ok", ACME, False, False)])
    costs = frame(kpi.COST_COLUMNS, [
        (ACME, "vk", "ads", VK, "2026-03-01", None, 1_000.0, None),  # on the VK community itself
        (ACME, "vk", "fee", NA, "2026-03-01", "2026-03-31", 3_100.0, None),  # 100 a day over March
        (ACME, "vk", "tools", NA, "2026-03-03", None, 10.0, "USD"),  # 10 USD at 90 = 900
        (ACME, "ok", "production", NA, "2026-03-05", None, 500.0, None),
        (ACME, "yandex_direct", "ads", NA, "2026-03-02", None, 700.0, None),  # not SMM
        (ACME, "ok", "ads", NA, "2026-03-20", None, 999.0, None),  # after the period
    ])  # fmt: skip
    rates = frame(kpi.RATE_COLUMNS, [("2026-03", "USD", 90.0)])
    return kpi.empty_data(accounts=accounts, costs=costs, rates=rates, clients=(ACME,))


PERIOD = kpi.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 10))


def test_cost_breakdown_splits_smm_cost_by_network_and_kind():
    rows = money.cost_breakdown(cost_data(), PERIOD)

    assert list(map(tuple, rows[["channel", "kind"]].to_numpy())) == [
        ("vk", "ads"), ("vk", "fee"), ("vk", "tools"), ("ok", "production")]  # fmt: skip
    assert list(rows["amount"]) == pytest.approx([1_000.0, 1_000.0, 900.0, 500.0])  # fee: 10 days × 100


def test_cost_breakdown_adds_up_to_the_engine_cost_per_network():
    data = cost_data()
    report = kpi.compute_report(data, PERIOD)
    sums = money.cost_breakdown(data, PERIOD).groupby("channel")["amount"].sum()

    assert sums["vk"] == pytest.approx(report["by_network"]["vk"]["cost"]) == pytest.approx(2_900.0)
    assert sums["ok"] == pytest.approx(report["by_network"]["ok"]["cost"])
    assert report["by_channel"]["yandex_direct"]["cost"] == 700.0  # other channels stay out of the breakdown


def test_cost_breakdown_of_no_costs_is_empty():
    empty = kpi.empty_data(
        accounts=frame(kpi.ACCOUNT_COLUMNS, [(VK, "vk", ACME, False, False)]), clients=(ACME,)
    )
    assert money.cost_breakdown(empty, PERIOD).empty
    assert not money.has_costs(kpi.compute_report(empty, PERIOD))
    assert money.has_costs(kpi.compute_report(cost_data(), PERIOD))


# --- Prices over time -------------------------------------------------------------------------------------


def test_money_trend_sums_networks_before_dividing_and_keeps_gaps():
    week = pd.Timestamp("2026-03-02")
    trend = pd.DataFrame([
        {"bucket": week, "network": "vk", "cost": 1_000.0, "sessions": 50.0, "link_clicks": 100.0, "leads": 5.0,
         "orders": 0.0, "revenue": 0.0, "followers_gained": 20.0},
        {"bucket": week, "network": "telegram", "cost": 200.0, "sessions": NA, "link_clicks": NA, "leads": 2.0,
         "orders": 1.0, "revenue": 500.0, "followers_gained": NA},
        {"bucket": week, "network": "ok", "cost": 300.0, "sessions": NA, "link_clicks": 30.0, "leads": NA,
         "orders": NA, "revenue": NA, "followers_gained": 10.0},
    ])  # fmt: skip
    rows = money.money_trend(trend).set_index("network")

    assert rows.loc["vk", "cpc"] == 20 and rows.loc["vk", "cpl"] == 200 and rows.loc["vk", "cpf"] == 50
    assert math.isnan(rows.loc["vk", "cps"])  # 0 orders: no price per sale, not 0
    assert rows.loc["vk", "romi"] == -1
    assert math.isnan(rows.loc["telegram", "cpc"])  # neither sessions nor clicks
    assert rows.loc["telegram", "cps"] == 200 and rows.loc["telegram", "romi"] == 1.5
    assert rows.loc["ok", "cpc"] == 10 and rows.loc["ok", "cpc_basis"] == "link_clicks"
    total = rows.loc["total"]  # cost 1 500, sessions 50, leads 7, orders 1, revenue 500, new followers 30
    assert total["cost"] == 1_500 and total["cpc"] == 30 and total["cpc_basis"] == "sessions"
    assert total["cpl"] == pytest.approx(1_500 / 7)
    assert total["cps"] == 1_500 and total["cpf"] == 50
    assert total["romi"] == pytest.approx((500 - 1_500) / 1_500)


def test_money_trend_of_the_engine_trend_matches_the_report_over_one_bucket():
    data = cost_data()
    data.web = frame(kpi.WEB_COLUMNS, [(ACME, "vk", "2026-03-02", 58), (ACME, "ok", "2026-03-03", 10)])
    data.sales = frame(kpi.SALE_COLUMNS, [(ACME, "vk", "2026-03-04", 2, 5_000.0)])
    month = kpi.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    rows = money.money_trend(kpi.trend(data, month, "month")).set_index("network")
    report = kpi.compute_report(data, month)

    for network in ("vk", "ok"):
        for key in ("cpc", "cps", "romi"):
            expected = report["by_network"][network][key]
            shown = rows.loc[network, key]
            assert (expected is None and math.isnan(shown)) or shown == pytest.approx(expected)
    assert rows.loc["total", "cpc"] == pytest.approx(report["total"]["cpc"])


# --- Channel comparison and the verdict -------------------------------------------------------------------


def plain(words: dict) -> dict:
    """The verdict's texts with ordinary spaces (the formatters put no-break spaces in numbers)."""

    def clean(text):
        return None if text is None else text.replace("\u00a0", " ").replace("\u202f", " ")

    return {"headline": clean(words["headline"]), "reasons": [clean(r) for r in words["reasons"]],
            "caution": clean(words["caution"]), "tone": words["tone"], "tentative": clean(words["tentative"])}  # fmt: skip


def channel(cost=None, sessions=None, leads=None, orders=None, revenue=None, link_clicks=None) -> dict:
    """The ten money keys of a channel, computed with the KPI.md formulas."""
    cpc = kpi.ratio(cost, sessions)
    if sessions is None and link_clicks is not None:
        cpc = kpi.ratio(cost, link_clicks)
    return {"cost": cost, "ad_cost": cost, "sessions": sessions, "leads": leads, "orders": orders,
            "revenue": revenue, "cpc": cpc, "cpl": kpi.ratio(cost, leads), "cps": kpi.ratio(cost, orders),
            "romi": None if cost is None or revenue is None else kpi.ratio(revenue - cost, cost)}  # fmt: skip


def report(networks: dict, others: dict) -> dict:
    """A KPI.md §5-shaped report: total = the sum of the networks' inputs."""
    keys = ("cost", "sessions", "leads", "orders", "revenue")
    summed = {k: kpi.null_add(*(n.get(k) for n in networks.values())) for k in keys}
    total = channel(**summed)
    return {"total": total, "by_network": networks, "by_channel": {**networks, **others}, "currency": "RUB"}


def test_smm_cheaper_than_every_paid_channel_on_enough_sales():
    r = report({"vk": channel(60_000.0, 3_000, 120, 60, 300_000.0), "ok": channel(20_000.0, 1_000, 40, 20, 100_000.0)},
               {"yandex_direct": channel(150_000.0, 5_000, 200, 100, 500_000.0),  # 1 500 a sale
                "display": channel(80_000.0, 2_000, 50, 40, 120_000.0)})  # 2 000 a sale  # fmt: skip
    v = money.verdict(r)

    # SMM: 80 000 / 80 sales = 1 000 a sale
    assert (v.status, v.basis, v.smm_value, v.conclusive) == ("smm_cheapest", "cps", 1_000.0, True)
    assert [(c.channel, c.relation) for c in v.comparisons] == [
        ("yandex_direct", "cheaper"),
        ("display", "cheaper"),
    ]
    assert v.comparisons[0].ratio == pytest.approx(1_000 / 1_500)
    assert (v.comparisons[0].smm_count, v.comparisons[0].channel_count) == (80, 100)
    assert v.cheapest == "smm"
    assert v.best_network == ("vk", 1_000.0, 60)  # vk and ok both sell at 1 000: the first one listed
    words = plain(money.verdict_text(v, "en"))
    assert words["tone"] == "good" and words["caution"] is None
    assert "RUB 1,000" in words["headline"] and "cost per sale" in words["headline"]
    assert any("Yandex Direct" in line and "33%" in line and "100 sales" in line for line in words["reasons"])


def test_a_tiny_sample_is_shown_but_flagged_as_not_conclusive():
    r = report({"vk": channel(30_000.0, 1_500, 60, 20, 80_000.0)},  # 1 500 a sale on 20 sales
               {"google_ads": channel(9_000.0, 400, 10, 9, 20_000.0),  # 1 000 a sale on 9 sales
                "yandex_direct": channel(200_000.0, 6_000, 150, 80, 400_000.0)})  # 2 500 a sale  # fmt: skip
    v = money.verdict(r)

    assert v.status == "smm_tentative" and not v.conclusive
    by_channel = {c.channel: c for c in v.comparisons}
    assert by_channel["google_ads"].relation == "dearer" and not by_channel["google_ads"].conclusive
    assert (
        by_channel["yandex_direct"].relation == "cheaper" and not by_channel["yandex_direct"].conclusive
    )  # SMM: 20
    words = plain(money.verdict_text(v, "ru"))
    assert words["tone"] == "neutral"  # a small sample may point either way
    assert "9 продаж" in words["caution"] and "30 продаж" in words["caution"]
    # both comparisons stand on fewer than 30 sales: none in the main sentence, both in the tentative one
    assert "Яндекс Директ" not in words["headline"] and "Google Ads" not in words["headline"]
    assert "надёжного вывода пока нет" in words["headline"]
    assert (
        "дешевле, чем Яндекс Директ" in words["tentative"] and "дороже, чем Google Ads" in words["tentative"]
    )
    assert any(line.startswith("Google Ads:") and "в SMM дороже на 50 %" in line for line in words["reasons"])
    assert any(line.startswith("Яндекс Директ:") and "дешевле на 40 %" in line for line in words["reasons"])


def test_zero_smm_sales_fall_back_to_the_price_of_a_lead():
    r = report({"vk": channel(30_000.0, 1_500, 60, 0, 0.0)},
               {"yandex_direct": channel(90_000.0, 3_000, 100, 50, 200_000.0)})  # fmt: skip
    v = money.verdict(r)

    assert v.basis == "cpl" and v.fallback == "no_smm_orders"
    assert v.smm_value == 500.0 and v.comparisons[0].channel_value == 900.0  # SMM leads are cheaper
    assert v.romi == -1.0  # spent 30 000, earned nothing
    words = plain(money.verdict_text(v, "en"))
    assert any("no sales" in line and "cost per lead" in line for line in words["reasons"])
    assert any("does not pay back" in line for line in words["reasons"])


def test_a_channel_without_costs_is_listed_but_not_compared():
    r = report({"vk": channel(40_000.0, 2_000, 80, 40, 120_000.0)},
               {"seo": channel(None, 9_000, 300, 150, 700_000.0),
                "display": channel(50_000.0, 1_000, 10, 0, 0.0),  # paid, but no sales at all
                "yandex_direct": channel(120_000.0, 4_000, 150, 60, 300_000.0)})  # fmt: skip
    v = money.verdict(r)

    assert [c.channel for c in v.comparisons] == ["yandex_direct"]
    assert {(e.channel, e.reason) for e in v.excluded} == {("seo", "no_cost"), ("display", "no_results")}
    rows = money.channel_comparison(r).set_index("channel")
    assert math.isnan(rows.loc["seo", "cps"]) and math.isnan(rows.loc["seo", "cost"])  # "—", never 0
    words = plain(money.verdict_text(v, "ru"))
    assert any(line.startswith("Поиск (SEO): затраты не внесены") for line in words["reasons"])
    assert any(line.startswith("Баннерная реклама: потрачено 50") for line in words["reasons"])


def test_no_smm_cost_means_no_verdict_and_says_what_to_import():
    r = report(
        {"vk": channel(None, 2_000, 80, 40, 120_000.0)},
        {"yandex_direct": channel(9_000.0, 300, 9, 3, 9_000.0)},
    )
    v = money.verdict(r)

    assert v.status == "no_smm_cost" and v.comparisons == ()
    assert "costs.csv" in plain(money.verdict_text(v, "en"))["headline"]


def test_no_other_paid_channel_means_nothing_to_compare_with():
    v = money.verdict(report({"vk": channel(10_000.0, 500, 20, 10, 30_000.0)}, {}))

    assert v.status == "no_other_channels" and v.basis == "cps" and v.smm_value == 1_000.0
    assert "nothing to compare" in plain(money.verdict_text(v, "en"))["headline"]


def test_a_cpc_from_link_clicks_is_not_compared_with_a_channels_site_visits():
    r = report({"vk": channel(10_000.0, None, None, None, None, link_clicks=500)},
               {"yandex_direct": channel(20_000.0, 1_000, None, None, None)})  # fmt: skip
    assert r["total"]["cpc"] is None  # the helper's total has no clicks; the network's CPC is click-based
    v = money.verdict(r)
    assert v.status == "no_smm_results"


def test_similar_prices_are_called_similar():
    assert money.relation(1.05) == "similar" and money.relation(0.95) == "similar"
    assert money.relation(0.85) == "cheaper" and money.relation(1.2) == "dearer"


def test_channel_comparison_puts_smm_first_then_networks_then_other_channels():
    r = report({"vk": channel(10_000.0, 500, 20, 10, 30_000.0), "ok": channel(5_000.0, 100, 5, 1, 2_000.0)},
               {"display": channel(3_000.0, 100, 2, 1, 1_000.0)})  # fmt: skip
    rows = money.channel_comparison(r)

    assert list(rows["channel"]) == ["smm", "vk", "ok", "display"]
    assert list(rows["group"]) == ["smm", "social", "social", "other"]
    assert rows.iloc[0]["cps"] == pytest.approx(15_000 / 11)


def test_the_channel_table_exports_as_csv_with_localized_headers_and_raw_numbers():
    r = report(
        {"vk": channel(10_000.0, 500, 20, 10, 30_000.0)}, {"seo": channel(None, 900, 30, 12, 40_000.0)}
    )
    rows = money.channel_comparison(r)
    ru = export.csv_bytes(rows, {"channel": "Канал", "cost": "Затраты", "cps": "Цена продажи"}, "ru").decode(
        "utf-8"
    )
    en = export.csv_bytes(rows, {"channel": "Channel", "cps": "Cost per sale"}, "en").decode("utf-8")

    assert ru.splitlines() == ["\ufeffКанал;Затраты;Цена продажи", "vk;10000;1000", "seo;;"]  # no cost: empty
    assert en.splitlines() == ["\ufeffChannel,Cost per sale", "vk,1000", "seo,"]
    assert (
        export.csv_bytes(pd.DataFrame({"x": [1.25]}), {"x": "Доля"}, "ru").decode().splitlines()[1] == "1,25"
    )


# --- Cost basis: all costs or ads only --------------------------------------------------------------------


def with_ads(values: dict, ad_cost: float) -> dict:
    return {**values, "ad_cost": ad_cost}


def fee_and_ads_report() -> dict:
    """SMM: 60 000 fee + 40 000 ads for 50 sales; Yandex Direct: 75 000 of ads for 50 sales."""
    vk = with_ads(channel(100_000.0, 2_500, 120, 50, 300_000.0), 40_000.0)
    r = report({"vk": vk}, {"yandex_direct": channel(75_000.0, 4_000, 150, 50, 250_000.0)})
    r["total"] = with_ads(r["total"], 40_000.0)
    return r


KINDS = {"smm": ("ads", "fee"), "yandex_direct": ("ads",)}


def test_ads_only_cost_basis_flips_the_relation_and_names_the_cost_kinds():
    r = fee_and_ads_report()
    everything = money.verdict(r, kinds=KINDS)
    ads = money.verdict(r, cost_basis="ads", kinds=KINDS)

    # all costs: 100 000 / 50 = 2 000 a sale against 1 500 → dearer; ads only: 40 000 / 50 = 800 → cheaper
    assert (everything.smm_value, everything.comparisons[0].relation, everything.status) == (
        2_000.0,
        "dearer",
        "smm_dearest",
    )
    assert (ads.smm_value, ads.comparisons[0].relation, ads.status) == (800.0, "cheaper", "smm_cheapest")
    assert ads.comparisons[0].channel_value == 1_500.0

    ru_all = plain(money.verdict_text(everything, "ru"))
    costs_line = next(line for line in ru_all["reasons"] if line.startswith("В цену входят все затраты"))
    assert "SMM: реклама и оплата агентства или специалиста — 100 000" in costs_line
    assert "Яндекс Директ: реклама — 75 000" in costs_line
    assert any("только реклама" in line and "оплата агентства" in line and "Только реклама" in line
               for line in ru_all["reasons"])  # the hint to compare ads with ads  # fmt: skip

    ru_ads = plain(money.verdict_text(ads, "ru"))
    assert "(только реклама)" in ru_ads["headline"] and "дешевле" in ru_ads["headline"]
    costs_line = next(
        line for line in ru_ads["reasons"] if line.startswith("В цену входят только затраты на рекламу")
    )
    assert (
        "SMM: реклама — 40 000" in costs_line and "не учтены оплата агентства или специалиста" in costs_line
    )
    en_ads = plain(money.verdict_text(ads, "en"))
    assert "(ads only)" in en_ads["headline"]
    assert any(
        "SMM: ads — RUB 40,000 (left out: agency or specialist fee)" in line for line in en_ads["reasons"]
    )
    # ROMI stays on the full cost whatever the price basis
    assert any("100,000" in line and "ROMI" in line for line in en_ads["reasons"])


def test_ads_only_basis_without_smm_ad_spend_says_so():
    r = fee_and_ads_report()
    r["total"] = with_ads(r["total"], None)
    v = money.verdict(r, cost_basis="ads")
    assert v.status == "no_smm_cost"
    assert "Все затраты" in money.verdict_text(v, "ru")["headline"]


def test_small_sample_channels_get_their_own_sentence_not_the_main_one():
    r = report({"vk": channel(60_000.0, 3_000, 120, 60, 300_000.0)},  # 1 000 a sale on 60 sales
               {"yandex_direct": channel(150_000.0, 5_000, 200, 100, 500_000.0),  # 1 500 on 100: conclusive
                "display": channel(8_000.0, 200, 5, 4, 12_000.0),  # 2 000 on 4 sales: tentative
                "google_ads": channel(5_000.0, 200, 10, 10, 12_000.0)})  # 500 on 10 sales: tentative  # fmt: skip
    v = money.verdict(r)
    assert v.status == "smm_cheapest"  # decided by the conclusive comparison only
    assert [c.channel for c in v.conclusive_comparisons] == ["yandex_direct"]
    words = plain(money.verdict_text(v, "ru"))
    # the conclusive sentence names its channel: "cheaper than every channel" would claim the tentative ones
    assert words["headline"] == "По цене продажи SMM (1 000 ₽) дешевле, чем Яндекс Директ."
    assert "баннер" not in words["headline"].lower()
    assert "Google Ads" not in words["headline"]
    assert words["tentative"] == (
        "Предварительно (меньше 30 продаж): SMM дешевле, чем баннерная реклама; дороже, чем Google Ads."
    )  # lower-case common noun, mid-sentence
    assert words["tone"] == "good"


def test_channel_lists_in_russian_are_joined_with_i():
    r = report({"vk": channel(60_000.0, 3_000, 120, 60, 300_000.0)},
               {"yandex_direct": channel(150_000.0, 5_000, 200, 100, 500_000.0),
                "display": channel(80_000.0, 2_000, 50, 40, 120_000.0),
                "seo": channel(90_000.0, 2_000, 50, 45, 120_000.0)})  # fmt: skip
    words = plain(money.verdict_text(money.verdict(r, cost_basis="all"), "ru"))
    assert "SMM дешевле всех" in words["headline"]
    v = money.verdict(r)
    assert money._parts(v.comparisons, "ru") == "дешевле, чем Яндекс Директ, баннерная реклама и поиск (SEO)"


def test_cost_kinds_lists_the_kinds_each_side_includes():
    kinds = money.cost_kinds(cost_data(), PERIOD)
    assert kinds == {"smm": ("ads", "fee", "production", "tools"), "yandex_direct": ("ads",)}


def test_the_channel_chart_labels_say_what_the_count_is_and_axes_read_in_thousands():
    from smmkpi import analysis_charts

    r = report(
        {"vk": channel(13_000.0, 500, 20, 13, 30_000.0)}, {"display": channel(3_000.0, 100, 2, 1, 1_000.0)}
    )
    rows = analysis_charts.channel_rows(money.channel_comparison(r), "cps", "ru").set_index("channel")
    assert rows.loc["vk", "label_text"].replace("\u00a0", " ") == "1 000 ₽ · 13 продаж"
    assert rows.loc["display", "label_text"].endswith("· 1 продажа")
    en = analysis_charts.channel_rows(money.channel_comparison(r), "cps", "en").set_index("channel")
    assert en.loc["vk", "label_text"].endswith("· 13 sales")
    spec = analysis_charts.channel_chart(money.channel_comparison(r), "cps", "Цена продажи", "ru",
                                         cost_title="Затраты", formula="Затраты / продажи").to_dict()  # fmt: skip
    text = str(spec)
    assert "тыс." in text and "',~s'" not in text and "~s" not in text  # "2 тыс.", never "2k"
    assert (
        "Затраты / продажи" in text and "cost_text" in text
    )  # the price's formula and the cost in the tooltip


def test_the_cost_sides_after_the_first_read_mid_sentence():
    r = fee_and_ads_report()
    r["by_channel"]["display"] = channel(8_000.0, 200, 5, 4, 12_000.0)
    kinds = {**KINDS, "display": ("ads",)}
    line = next(x for x in plain(money.verdict_text(money.verdict(r, kinds=kinds), "ru"))["reasons"]
                if x.startswith("В цену входят"))  # fmt: skip
    assert "; баннерная реклама: реклама — 8 000 ₽" in line
