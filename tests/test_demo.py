"""The demo workspace generator writes valid, deterministic canonical import files (KPI.md §2)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from smmkpi.demo import DEFAULT_DEMO_WORKSPACE, build_demo_frames, injected_episode, write_demo

END = dt.date(2025, 11, 17)

# KPI.md §2, copied here on purpose: the test checks the generator against the contract, not itself.
KEYS = {
    "accounts": ("network", "account"),
    "assignments": ("network", "account", "specialist", "since"),
    "daily": ("date", "network", "account"),
    "posts": ("network", "account", "post_id"),
    "interactions": ("network", "account", "interaction_id"),
    "web": ("date", "client", "channel"),
    "goals": ("client", "goal"),
    "goal_reaches": ("date", "client", "channel", "goal"),
    "sales": ("date", "client", "channel"),
    "costs": ("date", "client", "channel", "kind", "account"),
    "plan": ("month", "client", "scope", "kpi"),
    "rates": ("month", "currency"),
}
VALUES = {
    "accounts": ("name", "url", "client", "specialist", "specialist_since"),
    "assignments": ("until",),
    "daily": ("followers", "followers_gained", "followers_lost", "reach", "views", "profile_visits",
              "link_clicks", "messages_in"),
    "posts": ("published_at", "format", "url", "reach", "views", "likes", "comments", "shares", "saves",
              "link_clicks", "is_promoted"),
    "interactions": ("kind", "received_at", "answered_at"),
    "web": ("sessions", "users"),
    "goals": ("name", "type"),
    "goal_reaches": ("reaches",),
    "sales": ("orders", "revenue"),
    "costs": ("date_to", "amount", "currency", "clicks", "impressions"),
    "plan": ("target",),
    "rates": ("rate",),
}  # fmt: skip
SOCIAL = {"vk", "ok", "facebook", "instagram", "x", "telegram", "youtube"}
CHANNELS = SOCIAL | {"yandex_direct", "google_ads", "display", "seo", "direct", "email", "other"}
FORMATS = {"text", "photo", "video", "reel", "story", "clip", "poll", "other"}
COST_KINDS = {"ads", "fee", "salary", "production", "tools", "other"}
GOAL_TYPES = {"call", "message", "consultation", "form", "page_visit", "sale", "other"}
KPI_KEYS = {
    "followers_end", "followers_start", "follower_growth", "follower_growth_rate", "followers_gained",
    "followers_lost", "churn_rate", "reach", "reach_growth_rate", "views", "avg_post_reach", "reach_rate",
    "posts", "engagements", "er_reach", "er_views", "er_followers", "virality", "interactions_in",
    "response_rate", "median_response_minutes", "messages_in", "link_clicks", "ctr", "sessions",
    "click_to_session", "goal_reaches", "leads", "conversion_rate", "orders", "revenue", "cost", "ad_cost",
    "cpc", "cpl", "cps", "cpf", "romi",
} | {f"goal_reaches.{t}" for t in GOAL_TYPES}  # fmt: skip
NUMBER_COLUMNS = {
    "followers", "followers_gained", "followers_lost", "reach", "views", "profile_visits", "link_clicks",
    "messages_in", "likes", "comments", "shares", "saves", "sessions", "users", "reaches", "orders",
    "revenue", "amount", "clicks", "impressions", "target", "rate",
}  # fmt: skip
DATE_COLUMNS = {"date", "date_to", "since", "until", "specialist_since"}
TIMESTAMP_COLUMNS = {"published_at", "received_at", "answered_at"}

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_RE = re.compile(r"^\d{4}-\d{2}$")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
NUMBER_RE = re.compile(r"^\d+(\.\d+)?$")

CONFIGS = {
    "default": (END, 15, 7),
    "leap-february": (dt.date(2024, 2, 29), 1, 3),
    "one-day": (dt.date(2024, 3, 1), 1, 7),
    "six-months": (dt.date(2025, 6, 5), 6, 11),
}


def _read_back(directory) -> dict[str, pd.DataFrame]:
    """The written files as text, the way an importer sees them (empty cell = '')."""
    return {
        path.stem: pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        for path in sorted(directory.glob("*.csv"))
    }


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return build_demo_frames(end=END)


@pytest.fixture(scope="module", params=sorted(CONFIGS))
def files(request, tmp_path_factory) -> tuple[tuple, dict[str, pd.DataFrame]]:
    end, months, seed = CONFIGS[request.param]
    out = tmp_path_factory.mktemp(f"demo-{request.param}")
    counts = write_demo(out, end=end, months=months, seed=seed)
    texts = _read_back(out)
    assert counts == {stem: len(frame) for stem, frame in texts.items()}
    return (end, months, seed), texts


@pytest.fixture(scope="module")
def default_files(tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("demo-default-files")
    write_demo(out, end=END)
    return _read_back(out)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


# --------------------------------------------------------------------------------------------------
# Determinism


def test_workspace_name_is_demo():
    assert DEFAULT_DEMO_WORKSPACE == "Demo"


def test_same_arguments_give_identical_frames(frames):
    again = build_demo_frames(end=END, months=15, seed=7)
    assert list(again) == list(frames)
    for stem, frame in frames.items():
        pd.testing.assert_frame_equal(again[stem], frame, obj=stem)


def test_another_seed_gives_other_numbers(frames):
    other = build_demo_frames(end=END, seed=8)
    assert not other["daily"]["reach"].equals(frames["daily"]["reach"])


def test_write_demo_twice_gives_identical_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b" / "nested"
    counts = write_demo(first, end=END)
    assert write_demo(second, end=END) == counts
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(f"{stem}.csv" for stem in KEYS)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_whole_demo_stays_small(frames):
    assert sum(len(frame) for frame in frames.values()) < 60_000


# --------------------------------------------------------------------------------------------------
# Validity against KPI.md §2 (for several ranges)


def test_every_file_has_exactly_the_canonical_columns(files):
    _, texts = files
    assert set(texts) == set(KEYS)
    for stem, frame in texts.items():
        assert sorted(frame.columns) == sorted(KEYS[stem] + VALUES[stem]), stem


def test_keys_are_unique_and_key_values_present(files):
    _, texts = files
    for stem, frame in texts.items():
        key = list(KEYS[stem])
        assert not frame.duplicated(key).any(), stem
        required = [c for c in key if not (stem == "costs" and c == "account")]
        assert (frame[required] != "").all().all(), stem


def test_values_use_the_allowed_lists(files):
    _, texts = files
    for stem in ("accounts", "assignments", "daily", "posts", "interactions"):
        assert set(texts[stem]["network"]) <= SOCIAL, stem
    for stem in ("web", "goal_reaches", "sales", "costs"):
        assert set(texts[stem]["channel"]) <= CHANNELS, stem
    assert set(texts["posts"]["format"]) <= FORMATS
    assert set(texts["posts"]["is_promoted"]) <= {"true", "false"}
    assert set(texts["interactions"]["kind"]) <= {"comment", "message"}
    assert set(texts["costs"]["kind"]) <= COST_KINDS
    assert set(texts["goals"]["type"]) <= GOAL_TYPES
    assert set(texts["plan"]["kpi"]) <= KPI_KEYS
    assert set(texts["plan"]["scope"]) <= {"all"} | SOCIAL
    assert set(texts["rates"]["currency"]) <= {"USD"}
    assert set(texts["costs"]["currency"]) <= {"", "USD"}


def test_dates_months_timestamps_and_numbers_are_well_formed(files):
    _, texts = files
    for stem, frame in texts.items():
        for column in frame.columns:
            values = [v for v in frame[column] if v != ""]
            if column in DATE_COLUMNS:
                pattern = DATE_RE
            elif column == "month":
                pattern = MONTH_RE
            elif column in TIMESTAMP_COLUMNS:
                pattern = TIMESTAMP_RE
            elif column in NUMBER_COLUMNS:
                pattern = NUMBER_RE  # non-negative, no thousands separators, no suffixes
            else:
                continue
            bad = [v for v in values if not pattern.match(v)]
            assert not bad, (stem, column, bad[:3])
            if column in DATE_COLUMNS:
                for v in values:
                    dt.date.fromisoformat(v)


def test_ranges_are_not_reversed(files):
    _, texts = files
    costs = texts["costs"]
    spread = costs[costs["date_to"] != ""]
    assert (spread["date_to"] >= spread["date"]).all()
    inter = texts["interactions"]
    answered = inter[inter["answered_at"] != ""]
    assert all(
        _moment(a) >= _moment(r)
        for a, r in zip(answered["answered_at"], answered["received_at"], strict=True)
    )
    closed = texts["assignments"][texts["assignments"]["until"] != ""]
    assert (closed["until"] >= closed["since"]).all()


def test_assignments_do_not_overlap_and_do_not_contradict_accounts(files):
    _, texts = files
    accounts, assignments = texts["accounts"], texts["assignments"]
    periods: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
    for row in assignments.itertuples():
        until = dt.date.fromisoformat(row.until) if row.until else dt.date.max
        periods.setdefault((row.network, row.account), []).append((dt.date.fromisoformat(row.since), until))
    for row in accounts.itertuples():
        key = (row.network, row.account)
        if key in periods:
            assert row.specialist == "" and row.specialist_since == "", key
        else:
            assert row.specialist and row.specialist_since, key
    for key, spans in periods.items():
        spans.sort()
        for (_, until), (since, _) in zip(spans, spans[1:], strict=False):
            assert since > until, key
    assert set(periods) <= set(zip(accounts["network"], accounts["account"], strict=True))


def test_every_goal_reach_names_a_defined_goal(files):
    _, texts = files
    defined = set(zip(texts["goals"]["client"], texts["goals"]["goal"], strict=True))
    used = set(zip(texts["goal_reaches"]["client"], texts["goal_reaches"]["goal"], strict=True))
    assert used <= defined


def test_usd_costs_have_a_rate_for_their_month(files):
    _, texts = files
    usd = texts["costs"][texts["costs"]["currency"] == "USD"]
    assert len(usd) > 0
    rated = set(texts["rates"][texts["rates"]["currency"] == "USD"]["month"])
    assert set(usd["date"].str.slice(0, 7)) <= rated
    assert all(85 <= float(r) <= 105 for r in texts["rates"]["rate"])


def test_data_covers_the_requested_months_and_ends_at_end(files):
    (end, months, _), texts = files
    index = end.year * 12 + end.month - 1 - (months - 1)
    first = dt.date(index // 12, index % 12 + 1, 1)
    daily = texts["daily"]
    days = {dt.date.fromisoformat(d) for d in daily["date"]}
    assert min(days) == first and max(days) == end
    assert len(days) == (end - first).days + 1
    per_account = daily.groupby(["network", "account"]).size()
    assert len(per_account) == len(texts["accounts"])
    assert (per_account == len(days)).all()
    assert set(texts["web"]["date"]) == {d.isoformat() for d in days}
    # nothing happens after `end` (only monthly fees and subscriptions are billed up to the month's end)
    for stem in ("web", "goal_reaches", "sales", "costs"):
        assert all(first <= _day(d) <= end for d in texts[stem]["date"]), stem
    for stem, column in (
        ("posts", "published_at"),
        ("interactions", "received_at"),
        ("interactions", "answered_at"),
    ):
        assert all(first <= _day(v) <= end for v in texts[stem][column] if v), (stem, column)
    ads = texts["costs"][texts["costs"]["kind"].isin(["ads", "production", "other"])]
    assert all(_day(v) <= end for v in ads["date_to"] if v)


# --------------------------------------------------------------------------------------------------
# Content of the default demo


def test_two_clients_six_accounts_three_specialists(frames):
    accounts = frames["accounts"]
    assert accounts["client"].nunique() == 2
    networks = accounts.groupby("client")["network"].apply(sorted).tolist()
    assert sorted(networks) == sorted([["instagram", "telegram", "vk"], ["ok", "telegram", "vk"]])
    specialists = set(accounts["specialist"].dropna()) | set(frames["assignments"]["specialist"])
    assert len(specialists) == 3
    assert all(s.endswith("@agency.example") for s in specialists)
    assert all(url.startswith("https://") for url in accounts["url"])
    followers = frames["daily"]["followers"]
    assert followers.min() >= 2_000 and followers.max() <= 42_000


def test_one_account_is_handed_over_mid_period(frames):
    assignments = frames["assignments"].sort_values("since")
    assert len(assignments) == 2
    assert assignments[["network", "account"]].drop_duplicates().shape[0] == 1
    old, new = assignments.iloc[0], assignments.iloc[1]
    assert old["specialist"] != new["specialist"]
    assert pd.isna(new["until"])
    assert dt.date.fromisoformat(new["since"]) == dt.date.fromisoformat(old["until"]) + dt.timedelta(days=1)
    daily = frames["daily"]["date"]
    assert daily.min() < old["until"] < daily.max()


def test_telegram_reports_only_the_member_count(frames, default_files):
    daily = default_files["daily"]
    telegram = daily[daily["network"] == "telegram"]
    assert len(telegram) > 0
    assert (telegram["followers"] != "").all()
    for column in ("reach", "views", "profile_visits", "link_clicks", "messages_in"):
        assert (telegram[column] == "").all(), column
    others = daily[daily["network"] != "telegram"]
    assert (others["reach"] != "").all()
    assert (daily[daily["network"] == "ok"]["profile_visits"] == "").all()
    assert (daily[daily["network"] == "instagram"]["link_clicks"] != "").all()

    posts = frames["posts"]
    tg_posts = posts[posts["network"] == "telegram"]
    assert (
        tg_posts["reach"].isna().all() and tg_posts["likes"].isna().all() and tg_posts["saves"].isna().all()
    )
    assert tg_posts["views"].notna().all()
    no_engagement = tg_posts[["likes", "comments", "shares", "saves"]].isna().all(axis=1)
    assert 0 < no_engagement.sum() < len(tg_posts)
    assert posts[posts["network"] == "ok"]["saves"].isna().all()


def test_posts_look_like_each_network(frames):
    posts = frames["posts"]
    formats = posts.groupby("network")["format"].apply(set)
    assert {"reel", "story"} <= formats["instagram"]
    assert "clip" in formats["vk"]
    assert not ({"reel", "story", "clip"} & formats["telegram"])
    assert all(ts.endswith("+03:00") for ts in posts["published_at"])
    hours = {int(ts[11:13]) for ts in posts["published_at"]}
    assert min(hours) >= 7 and max(hours) <= 22
    weeks = (frames["daily"]["date"].nunique()) / 7
    per_week = posts.groupby(["network", "account"]).size() / weeks
    assert per_week.drop("ok", level="network").between(2.5, 6.5).all()
    assert per_week["ok"].iloc[0] < per_week.drop("ok", level="network").min()
    reported = posts.dropna(subset=["reach"])
    assert (reported["views"] >= reported["reach"]).all()
    assert (reported["likes"].fillna(0) <= reported["reach"]).all()


def test_about_a_tenth_of_posts_are_promoted_with_higher_reach(frames):
    posts = frames["posts"]
    assert 0.06 <= posts["is_promoted"].mean() <= 0.14
    vk = posts[posts["network"] == "vk"]
    assert vk[vk["is_promoted"]]["reach"].median() > 1.5 * vk[~vk["is_promoted"]]["reach"].median()


def test_most_interactions_are_answered_from_minutes_to_about_a_day(frames):
    inter = frames["interactions"]
    assert set(inter["kind"]) == {"comment", "message"}
    answered = inter["answered_at"].notna()
    assert 0.85 <= answered.mean() <= 0.95
    per_day = len(inter) / frames["daily"]["date"].nunique() / len(frames["accounts"])
    assert 1 <= per_day <= 6
    done = inter[answered]
    minutes = pd.Series(
        [
            (_moment(a) - _moment(r)).total_seconds() / 60
            for a, r in zip(done["answered_at"], done["received_at"], strict=True)
        ]
    )
    assert minutes.min() < 10
    assert 10 <= minutes.median() <= 240
    assert minutes.quantile(0.95) <= 24 * 60
    # night and weekend messages wait longer
    received = pd.Series([_moment(r) for r in done["received_at"]])
    off_hours = received.map(lambda m: m.hour < 8 or m.hour >= 21 or m.weekday() >= 5)
    assert minutes[off_hours.to_numpy()].median() > 2 * minutes[~off_hours.to_numpy()].median()


def test_followers_change_matches_gains_and_losses(frames):
    daily = frames["daily"].dropna(subset=["followers_gained"]).copy()
    daily["change"] = daily.groupby(["network", "account"])["followers"].diff()
    rows = daily.dropna(subset=["change"])
    close = (rows["change"] - (rows["followers_gained"] - rows["followers_lost"])).abs() <= 2
    assert close.mean() > 0.95


def test_injected_episode_is_visible_in_the_daily_data(frames):
    episode = injected_episode(end=END)
    assert episode["kind"] == "bought_followers"
    assert (episode["network"], episode["account"]) in set(
        zip(frames["accounts"]["network"], frames["accounts"]["account"], strict=True)
    )
    length = (episode["end"] - episode["start"]).days + 1
    assert 3 <= length <= 5
    months_before = (END - episode["start"]).days / 30.4
    assert 4 <= months_before <= 5

    daily = frames["daily"]
    series = daily[(daily["network"] == episode["network"]) & (daily["account"] == episode["account"])].copy()
    series["day"] = series["date"].map(dt.date.fromisoformat)
    start, end = episode["start"], episode["end"]
    before = series[(series["day"] < start) & (series["day"] >= start - dt.timedelta(days=28))]
    inside = series[(series["day"] >= start) & (series["day"] <= end)]
    after = series[(series["day"] > end) & (series["day"] <= end + dt.timedelta(days=21))]
    assert len(inside) == length

    # a jump in new followers: every day of the window far above the usual day
    usual_gain = before["followers_gained"].median()
    assert inside["followers_gained"].min() > 5 * usual_gain
    package = inside["followers_gained"].sum() - length * usual_gain
    followers_before = before["followers"].iloc[-1]
    assert 0.06 <= package / followers_before <= 0.10
    assert inside["followers"].iloc[-1] - followers_before > 0.05 * followers_before
    # ... which reach and views do not explain
    for column in ("reach", "views"):
        ratio = inside[column].mean() / before[column].median()
        assert 0.6 <= ratio <= 1.5, (column, ratio)
    # then a good part of the package leaves over the next three weeks
    usual_loss = before["followers_lost"].median()
    assert after["followers_lost"].mean() > 2 * usual_loss
    churned = after["followers_lost"].sum() - len(after) * usual_loss
    assert 0.25 <= churned / package <= 0.55

    # likes and comments on the account's posts stay at their usual level
    posts = frames["posts"]
    own = posts[(posts["network"] == episode["network"]) & (posts["account"] == episode["account"])].copy()
    own["day"] = own["published_at"].map(_day)
    near = own[(own["day"] >= start) & (own["day"] <= end + dt.timedelta(days=7))]
    earlier = own[(own["day"] < start) & (own["day"] >= start - dt.timedelta(days=60))]
    assert not near["is_promoted"].any()
    assert near["likes"].mean() < 1.5 * earlier["likes"].mean()
    assert near["comments"].mean() < 2 * earlier["comments"].mean() + 1


def test_no_paid_promotion_explains_the_episode(frames):
    episode = injected_episode(end=END)
    costs = frames["costs"]
    ads = costs[(costs["channel"] == episode["network"]) & (costs["kind"] == "ads")]
    client = frames["accounts"].set_index("account").loc[episode["account"], "client"]
    ads = ads[ads["client"] == client]
    assert len(ads) > 0
    for row in ads.itertuples():
        last = row.date_to if isinstance(row.date_to, str) else row.date
        assert last < episode["start"].isoformat() or row.date > episode["end"].isoformat()
    assert (costs["account"].notna() & (costs["kind"] == "ads")).any()


def test_web_goals_and_sales_per_client(frames):
    web = frames["web"]
    channels = web.groupby("client")["channel"].apply(set)
    accounts = frames["accounts"].groupby("client")["network"].apply(set)
    for client, networks in accounts.items():
        assert networks | {"yandex_direct", "display", "seo", "direct"} <= channels[client]
    assert sum("google_ads" in c for c in channels) == 1
    assert (web["users"] <= web["sessions"]).all()

    goals = frames["goals"]
    per_client = goals.groupby("client")["type"].apply(set)
    assert goals.groupby("client").size().between(4, 6).all()
    assert set().union(*per_client) >= {"call", "message", "consultation", "form", "page_visit", "sale"}

    sales = frames["sales"]
    assert len(sales) == len(web)  # a day without orders is a reported zero
    assert ((sales["orders"] == 0) == (sales["revenue"] == 0)).all()
    value = sales.groupby("client")["revenue"].sum() / sales.groupby("client")["orders"].sum()
    assert len(value) == 2
    cheap, dear = value.min(), value.max()
    assert 600 <= cheap <= 1_500
    assert 25_000 <= dear <= 90_000


def test_costs_tell_the_channel_story(frames):
    costs = frames["costs"].copy()
    rates = dict(zip(frames["rates"]["month"], frames["rates"]["rate"], strict=True))
    costs["rub"] = [
        amount * (rates[date[:7]] if currency == "USD" else 1.0)
        for amount, currency, date in zip(costs["amount"], costs["currency"], costs["date"], strict=True)
    ]
    assert {"ads", "fee", "production", "tools"} <= set(costs["kind"])
    fees = costs[costs["kind"] == "fee"]
    assert set(fees["channel"]) == {"vk"}
    assert all(d.endswith("-01") for d in fees["date"])
    assert costs[costs["kind"] == "ads"][["clicks", "impressions"]].notna().all().all()
    sales = frames["sales"]
    for client in costs["client"].unique():
        cost = costs[costs["client"] == client].groupby("channel")["rub"].sum()
        orders = sales[sales["client"] == client].groupby("channel")["orders"].sum()
        cps = cost / orders
        # VK sells cheaper than banners but somewhat dearer than Yandex Direct
        assert cps["yandex_direct"] < cps["vk"] < cps["display"], (client, cps.to_dict())
        assert cps["vk"] < 1.6 * cps["yandex_direct"]


def test_plan_covers_last_six_and_next_three_months(frames):
    plan = frames["plan"]
    assert plan["client"].nunique() == 1
    months = sorted(plan["month"].unique())
    assert months[0] == "2025-06" and months[-1] == "2026-02" and len(months) == 9
    assert set(plan["scope"]) == {"all", "vk"}
    expected = {
        "posts",
        "reach",
        "followers_gained",
        "er_reach",
        "link_clicks",
        "sessions",
        "leads",
        "cpc",
        "response_rate",
        "goal_reaches.call",
    }
    for (_, scope), group in plan.groupby(["month", "scope"]):
        assert set(group["kpi"]) == expected, scope
    assert (plan["target"] > 0).all()
    rates = plan[plan["kpi"].isin(["er_reach", "response_rate"])]
    assert (rates["target"] < 1).all()


def test_plan_targets_sit_near_the_actual_posts(frames):
    plan = frames["plan"]
    client = plan["client"].iloc[0]
    accounts = frames["accounts"]
    own = accounts[accounts["client"] == client][["network", "account"]]
    posts = frames["posts"].merge(own, on=["network", "account"])
    actual = posts.groupby(posts["published_at"].str.slice(0, 7)).size()
    targets = plan[(plan["kpi"] == "posts") & (plan["scope"] == "all")].set_index("month")["target"]
    complete = [m for m in targets.index if m in actual.index and m < END.isoformat()[:7]]
    ratios = [actual[m] / targets[m] for m in complete]
    assert len(ratios) == 5
    assert all(0.75 <= r <= 1.25 for r in ratios)


def test_money_is_written_as_plain_decimals(default_files):
    costs = default_files["costs"]
    fees = costs[costs["kind"] == "fee"]["amount"]
    assert set(fees) == {"60000", "70000"}
    assert not any(v.endswith(".0") for v in costs["amount"])
    assert any("." in v for v in costs["amount"])
    assert set(default_files["costs"][default_files["costs"]["kind"] == "tools"]["amount"]) == {"29"}


def test_months_must_be_positive():
    with pytest.raises(ValueError, match="months"):
        build_demo_frames(end=END, months=0)
