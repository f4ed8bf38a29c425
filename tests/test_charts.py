"""Chart builders: what they encode, that "not reported" is never drawn as 0, and that marks are capped."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmkpi import charts


def _trend(rows: list[tuple[str, str, float]], metric: str = "reach") -> pd.DataFrame:
    return pd.DataFrame({
        "bucket": pd.to_datetime([r[0] for r in rows]),
        "network": [r[1] for r in rows],
        metric: [r[2] for r in rows],
    })  # fmt: skip


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _dataset(spec: dict, layer: dict) -> list[dict]:
    name = (layer.get("data") or spec.get("data"))["name"]
    return spec["datasets"][name]


def test_trend_chart_draws_one_line_per_network_over_time_with_localised_tooltips():
    frame = _trend(
        [("2026-11-02", "vk", 1200.0), ("2026-11-09", "vk", 1500.0), ("2026-11-02", "telegram", 300.0)]
    )
    spec = charts.trend_chart(frame, "reach", "Охват", "ru", "week").to_dict()

    line, points, partial = _layers(spec)
    assert line["mark"]["type"] == "line" and points["mark"]["type"] == "circle"
    assert partial["mark"]["type"] == "point" and partial["mark"]["filled"] is False
    assert line["encoding"]["x"]["field"] == "bucket" and line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["y"] == {**line["encoding"]["y"], "field": "value", "type": "quantitative"}
    assert line["encoding"]["y"]["title"] == "Охват"
    assert line["encoding"]["color"]["field"] == "series"
    assert line["encoding"]["color"]["scale"]["domain"] == ["ВКонтакте", "Telegram"]
    assert [t["field"] for t in points["encoding"]["tooltip"]] == ["series", "bucket_text", "value_text"]
    rows = _dataset(spec, line)
    assert {r["value_text"] for r in rows} == {"1\u00a0200", "1\u00a0500", "300"}
    assert rows[0]["bucket_text"].startswith("неделя с ")
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_trend_chart_is_interactive_legend_highlight_and_time_zoom():
    frame = _trend([("2026-11-01", "vk", 1.0), ("2026-11-02", "vk", 2.0)])
    params = {
        p["name"]: p for p in charts.trend_chart(frame, "reach", "Reach", "en", "day").to_dict()["params"]
    }

    assert params["network_pick"]["bind"] == "legend"
    assert params["time_zoom"]["bind"] == "scales"
    assert params["time_zoom"]["select"]["encodings"] == ["x"]


def test_trend_chart_leaves_out_unreported_buckets_instead_of_drawing_zero():
    frame = _trend([("2026-11-01", "vk", 10.0), ("2026-11-02", "vk", np.nan), ("2026-11-03", "vk", 0.0)])
    spec = charts.trend_chart(frame, "reach", "Reach", "en", "day").to_dict()

    rows = _dataset(spec, _layers(spec)[0])
    assert [r["value"] for r in rows] == [10.0, 0.0]  # the reported zero stays, the NaN day is gone
    assert all(not (isinstance(r["value"], float) and math.isnan(r["value"])) for r in rows)


def test_trend_chart_formats_ratios_as_percent_and_money_in_the_workspace_currency():
    ratio = charts.trend_points(_trend([("2026-11-01", "vk", 0.0345)], "er_reach"), "er_reach", "en", "day")
    money = charts.trend_points(_trend([("2026-11-01", "vk", 12345.0)], "cost"), "cost", "ru", "month", "RUB")

    assert ratio["value_text"].tolist() == ["3.5%"]
    assert money["value_text"].tolist() == ["12\u00a0345\u00a0₽"]
    assert money["bucket_text"].tolist() == ["ноябрь 2026"]


def test_trend_points_are_capped_at_max_marks_keeping_the_latest_buckets():
    days = pd.date_range("2020-01-01", periods=1500, freq="D")
    frame = pd.DataFrame({
        "bucket": np.repeat(days, 4), "network": ["vk", "ok", "telegram", "instagram"] * 1500,
        "reach": np.arange(6000, dtype="float64"),
    })  # fmt: skip

    rows = charts.trend_points(frame, "reach", "en", "day")
    chart = charts.trend_chart(frame, "reach", "Reach", "en", "day")

    assert len(rows) <= charts.MAX_MARKS
    assert rows["bucket"].max() == days[-1]  # the most recent days are the ones kept
    assert charts.mark_rows(chart) <= charts.MAX_MARKS


def test_trend_points_of_an_all_missing_metric_are_empty():
    rows = charts.trend_points(_trend([("2026-11-01", "telegram", np.nan)]), "reach", "ru", "day")
    assert rows.empty


def test_network_bar_chart_sorts_bars_and_marks_unreported_networks_with_a_dash():
    by_network = {"vk": {"reach": 500}, "telegram": {"reach": None}, "ok": {"reach": 900}}
    spec = charts.network_bar_chart(by_network, "reach", "Охват", "ru").to_dict()

    bars, labels, missing = _layers(spec)
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["x"]["field"] == "value"
    assert bars["encoding"]["y"]["sort"] == ["Одноклассники", "ВКонтакте", "Telegram"]
    assert bars["transform"] == [{"filter": "isValid(datum.value)"}]
    assert missing["transform"] == [{"filter": "!isValid(datum.value)"}]
    rows = {r["network"]: r for r in _dataset(spec, bars)}
    assert rows["telegram"]["value"] is None or math.isnan(rows["telegram"]["value"])  # not 0
    assert rows["telegram"]["value_text"] == "—"
    assert rows["vk"]["color"] == charts.NETWORK_COLORS["vk"]


def test_network_rows_keep_a_reported_zero_apart_from_missing():
    rows = charts.network_rows({"vk": {"posts": 0}, "ok": {"posts": None}}, "posts", "en")
    assert rows.set_index("network")["value_text"].to_dict() == {"vk": "0", "ok": "—"}
    assert rows.set_index("network")["value"].isna().to_dict() == {"vk": False, "ok": True}


@pytest.mark.parametrize(
    ("value", "status"), [(1.2, "good"), (1.0, "good"), (0.85, "warn"), (0.5, "bad"), (None, None)]
)
def test_attainment_status_bands(value, status):
    assert charts.attainment_status(value) == status


def test_attainment_chart_is_a_table_with_coloured_bars_and_a_plan_line():
    rows = pd.DataFrame({
        "label": ["Охват", "Публикации", "Лиды"], "plan_text": ["1 000", "60", "10"],
        "fact_text": ["1 200", "30", "—"], "attainment": [1.2, 0.5, None],
    })  # fmt: skip
    spec = charts.attainment_chart(rows, "ru", headers=["Показатель", "План", "Факт", "Выполнение"]).to_dict()

    label_col, plan_col, fact_col, bars = spec["hconcat"]
    assert [c["title"]["text"] for c in (label_col, plan_col, fact_col, bars)] == [
        "Показатель", "План", "Факт", "Выполнение"]  # fmt: skip
    bar, rule, text, missing = bars["layer"]
    assert bar["encoding"]["color"]["scale"]["range"] == list(charts.ATTAINMENT_COLORS.values())
    assert rule["mark"]["type"] == "rule"
    data = {r["label"]: r for r in _dataset(spec, bar)}
    assert data["Охват"]["status"] == "good" and data["Публикации"]["status"] == "bad"
    assert data["Лиды"]["status"] is None and data["Лиды"]["attainment_text"] == "—"
    assert data["Охват"]["bar"] == 1.2 and data["Охват"]["attainment_text"] == "120\u00a0%"


def test_attainment_bars_longer_than_the_axis_are_clipped_but_labelled_with_the_real_value():
    rows = pd.DataFrame({"label": ["Reach"], "plan_text": ["1"], "fact_text": ["3"], "attainment": [3.0]})
    spec = charts.attainment_chart(rows, "en", headers=["KPI", "Plan", "Actual", "Attainment"]).to_dict()
    data = _dataset(spec, spec["hconcat"][3]["layer"][0])
    assert data[0]["bar"] == charts.ATTAINMENT_AXIS_MAX and data[0]["attainment_text"] == "300%"


def test_vega_locale_follows_the_ui_language():
    assert charts.vega_locale("ru-RU")["time"]["shortMonths"][0] == "янв"
    assert charts.vega_locale("en")["number"]["thousands"] == ","


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_vega_locale_lists_every_month_and_weekday(lang):
    locale = charts.vega_locale(lang)
    counts = {"months": 12, "shortMonths": 12, "days": 7, "shortDays": 7, "periods": 2}
    assert {name: len(locale["time"][name]) for name in counts} == counts
    names = [name for key in counts for name in locale["time"][key]]
    assert all(name and name == name.strip() for name in names)
    assert locale["number"]["currency"] == (["", "\u00a0₽"] if lang == "ru" else ["$", ""])


# --- Trend axis, partial buckets and the total line -----------------------------------------------------


def test_monthly_trend_ticks_once_per_month_bucket():
    frame = _trend([("2026-01-01", "vk", 10.0), ("2026-02-01", "vk", 12.0), ("2026-03-01", "vk", 11.0)])
    spec = charts.trend_chart(frame, "reach", "Reach", "en", "month").to_dict()

    axis = _layers(spec)[0]["encoding"]["x"]["axis"]
    assert axis["format"] == "%b %Y"
    assert [(v["year"], v["month"], v["date"]) for v in axis["values"]] == [
        (2026, 1, 1),
        (2026, 2, 1),
        (2026, 3, 1),
    ]


def test_weekly_trend_ticks_on_the_week_buckets_not_every_two_days():
    frame = _trend([("2026-03-02", "vk", 1.0), ("2026-03-09", "vk", 2.0), ("2026-03-16", "vk", 3.0)])
    spec = charts.trend_chart(frame, "reach", "Reach", "en", "week").to_dict()

    values = _layers(spec)[0]["encoding"]["x"]["axis"]["values"]
    assert [v["date"] for v in values] == [2, 9, 16]  # Mondays, one tick per bucket


def test_a_week_or_month_the_period_cuts_is_marked_incomplete():
    # the period 19 Feb … 10 Mar: February and March are both partial months
    frame = _trend([("2026-02-01", "vk", 100.0), ("2026-03-01", "vk", 40.0)])
    rows = charts.trend_points(frame, "reach", "ru", "month", period_start=pd.Timestamp("2026-02-19").date(),
                               period_end=pd.Timestamp("2026-03-10").date())  # fmt: skip
    assert rows["partial"].tolist() == [True, True]
    assert rows["note"].iloc[0] == "неполный период: 19—28 февр. 2026\u202fг. (10 из 28 дн.)"
    assert rows["note"].iloc[1] == "неполный период: 1—10 мар. 2026\u202fг. (10 из 31 дн.)"

    full = charts.trend_points(frame, "reach", "en", "month", period_start=pd.Timestamp("2026-02-01").date(),
                               period_end=pd.Timestamp("2026-03-31").date())  # fmt: skip
    assert full["partial"].tolist() == [False, False] and set(full["note"]) == {""}

    spec = charts.trend_chart(frame, "reach", "Reach", "en", "month", period_start=pd.Timestamp("2026-02-19").date(),
                              period_end=pd.Timestamp("2026-03-31").date()).to_dict()  # fmt: skip
    _, points, partial = _layers(spec)
    assert partial["transform"] == [{"filter": "datum.partial"}]
    assert points["transform"] == [{"filter": "!datum.partial"}]
    assert "note" in [t["field"] for t in partial["encoding"]["tooltip"]]
    by_bucket = {r["bucket_text"]: r["partial"] for r in _dataset(spec, partial)}
    assert by_bucket == {"Feb 2026": True, "Mar 2026": False}


def test_several_networks_get_a_dashed_total_line_of_summable_kpis_only():
    frame = _trend([("2026-03-01", "vk", 100.0), ("2026-03-01", "ok", 50.0), ("2026-03-02", "vk", 10.0),
                    ("2026-03-02", "ok", np.nan)])  # fmt: skip
    rows = charts.trend_points(frame, "reach", "en", "day", total_title="All networks")
    total = rows[rows["network"] == charts.TOTAL]
    assert total["value"].tolist() == [150.0, 10.0]  # the unreported OK day is not counted as 0
    assert set(total["series"]) == {"All networks"}

    ratio = charts.trend_points(_trend([("2026-03-01", "vk", 0.1), ("2026-03-01", "ok", 0.2)], "er_reach"),
                                "er_reach", "en", "day", total_title="All networks")  # fmt: skip
    assert charts.TOTAL not in set(ratio["network"])  # a rate does not add up
    single = charts.trend_points(_trend([("2026-03-01", "vk", 1.0)]), "reach", "en", "day", total_title="All")
    assert charts.TOTAL not in set(single["network"])

    spec = charts.trend_chart(frame, "reach", "Reach", "en", "day", total_title="All networks").to_dict()
    line = _layers(spec)[0]
    assert line["encoding"]["color"]["scale"]["domain"][-1] == "All networks"
    assert line["encoding"]["color"]["scale"]["range"][-1] == charts.TOTAL_COLOR
    assert "datum.network == '_total'" in line["encoding"]["strokeDash"]["condition"]["test"]


def test_network_bar_chart_gives_each_bar_a_fixed_step_so_two_networks_do_not_collapse():
    for by_network in (
        {"vk": {"reach": 5}, "ok": {"reach": 9}},
        {n: {"reach": i} for i, n in enumerate(("vk", "ok", "telegram", "instagram", "youtube"))},
    ):
        spec = charts.network_bar_chart(by_network, "reach", "Reach", "en").to_dict()
        assert spec["height"] == {"step": charts.BAR_STEP}
        assert charts.BAR_STEP >= 36  # room for a label line and the value text beside the bar


def test_specialists_show_as_the_name_in_their_e_mail_and_other_keys_as_imported():
    labels = charts.specialist_labels(["irina.volkova@agency.example", "Олег Петров", "boss@agency.example",
                                       "anna_ivanova@a.ru", "anna-ivanova@b.ru", "j.doe2@x.io"])  # fmt: skip
    assert labels["irina.volkova@agency.example"] == "Irina Volkova"
    assert labels["Олег Петров"] == "Олег Петров"
    assert labels["boss@agency.example"] == "boss@agency.example"  # no name in it
    assert labels["j.doe2@x.io"] == "j.doe2@x.io"
    # two e-mails with the same name keep their e-mails, so they can be told apart
    assert (
        labels["anna_ivanova@a.ru"] == "anna_ivanova@a.ru"
        and labels["anna-ivanova@b.ru"] == "anna-ivanova@b.ru"
    )
