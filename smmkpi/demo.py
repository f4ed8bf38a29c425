"""Deterministic demo workspace: two clients, six accounts, canonical import files (KPI.md §2).

The demo tells a few stories the pages can show:
- coffee shop («Обжарка»): busy VK/Instagram/Telegram, VK sales a bit dearer than Yandex Direct and much
  cheaper than banner ads; a KPI plan for the last 6 and the next 3 months;
- furniture factory («Кедр»): few but large orders, VK ads run as short campaigns on the community,
  the VK community changes hands mid-period, and later gets a package of bought followers (one injected
  episode, see :func:`injected_episode`) that the trust page should find;
- Telegram channels report only the member count (everything else is "not reported", never 0).

Everything comes from ``numpy.random.default_rng(seed)`` drawn in a fixed order, so the same
(end, months, seed) gives the same frames and byte-identical CSV files. No wall clock is read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import pathlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["DEFAULT_DEMO_WORKSPACE", "build_demo_frames", "injected_episode", "write_demo"]

DEFAULT_DEMO_WORKSPACE = "Demo"

_MSK = dt.timezone(dt.timedelta(hours=3))
_DAY = dt.timedelta(days=1)

COFFEE = "Кофейня «Обжарка»"
FURNITURE = "Мебельная фабрика «Кедр»"

IRINA = "irina.volkova@agency.example"
DMITRY = "dmitry.sokolov@agency.example"
OLGA = "olga.lebedeva@agency.example"

_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("network", "account", "name", "url", "client", "specialist", "specialist_since"),
    "assignments": ("network", "account", "specialist", "since", "until"),
    "daily": (
        "date", "network", "account", "followers", "followers_gained", "followers_lost", "reach", "views",
        "profile_visits", "link_clicks", "messages_in",
    ),
    "posts": (
        "network", "account", "post_id", "published_at", "format", "url", "reach", "views", "likes",
        "comments", "shares", "saves", "link_clicks", "is_promoted",
    ),
    "interactions": ("network", "account", "interaction_id", "kind", "received_at", "answered_at"),
    "web": ("date", "client", "channel", "sessions", "users"),
    "goals": ("client", "goal", "name", "type"),
    "goal_reaches": ("date", "client", "channel", "goal", "reaches"),
    "sales": ("date", "client", "channel", "orders", "revenue"),
    "costs": ("date", "client", "channel", "kind", "account", "date_to", "amount", "currency", "clicks", "impressions"),
    "plan": ("month", "client", "scope", "kpi", "target"),
    "rates": ("month", "currency", "rate"),
}  # fmt: skip

_INT_COLUMNS = {
    "followers", "followers_gained", "followers_lost", "reach", "views", "profile_visits", "link_clicks",
    "messages_in", "likes", "comments", "shares", "saves", "sessions", "users", "reaches", "orders",
    "clicks", "impressions",
}  # fmt: skip
_FLOAT_COLUMNS = {"revenue", "amount", "target", "rate"}


@dataclass(frozen=True)
class _Account:
    network: str
    account: str
    name: str
    url: str
    client: str
    followers: int  # at the first day of the demo range
    gain_rate: float  # organic daily new followers per follower
    loss_rate: float  # organic daily unfollows per follower
    reach_rate: float  # daily organic reach per follower (telegram: post views per follower)
    post_reach_rate: float  # post reach per follower
    like_rate: float  # likes per post reach
    posts_per_week: tuple[int, int]
    click_rate: float  # daily link clicks per reach
    messages_per_day: float
    comments_per_day: float
    promoted_share: float
    sessions_per_follower: float  # telegram only: site visits per member per day


_ACCOUNTS: tuple[_Account, ...] = (
    _Account("vk", "obzharka_coffee", "Кофейня «Обжарка» — кофе с собой и свежая обжарка",
             "https://vk.com/obzharka_coffee", COFFEE, 17_600, 0.0011, 0.0006, 0.12, 0.14, 0.035,
             (3, 5), 0.006, 2.0, 1.5, 0.18, 0.0),
    _Account("instagram", "obzharka.coffee", "Обжарка | кофейня и зерно",
             "https://www.instagram.com/obzharka.coffee/", COFFEE, 28_500, 0.0010, 0.0006, 0.16, 0.20,
             0.06, (4, 6), 0.004, 3.0, 2.5, 0.05, 0.0),
    _Account("telegram", "obzharka_news", "Обжарка: новости и акции", "https://t.me/obzharka_news",
             COFFEE, 3_600, 0.0016, 0.0009, 0.35, 0.35, 0.0, (4, 6), 0.0, 0.0, 0.4, 0.0, 0.0035),
    _Account("vk", "kedr_mebel", "Мебельная фабрика «Кедр» — кухни и шкафы на заказ",
             "https://vk.com/kedr_mebel", FURNITURE, 10_800, 0.0012, 0.0007, 0.10, 0.12, 0.025,
             (3, 5), 0.005, 2.2, 1.0, 0.18, 0.0),
    _Account("ok", "kedrmebel", "Мебель «Кедр» на заказ", "https://ok.ru/kedrmebel", FURNITURE,
             6_300, 0.0008, 0.0005, 0.09, 0.12, 0.03, (2, 3), 0.003, 0.8, 0.8, 0.18, 0.0),
    _Account("telegram", "kedr_mebel_tg", "Кедр: мебель на заказ", "https://t.me/kedr_mebel_tg",
             FURNITURE, 2_100, 0.0015, 0.0010, 0.30, 0.30, 0.0, (3, 5), 0.0, 0.0, 0.3, 0.0, 0.002),
)  # fmt: skip

_EPISODE_ACCOUNT = ("vk", "kedr_mebel")
_HANDOVER_ACCOUNT = ("vk", "kedr_mebel")
_EPISODE_OFFSET_DAYS = 138  # the package starts this many days before `end` (about 4.5 months)
_EPISODE_DAYS = 4
_CHURN_DAYS = 21

_VK_GROUP_IDS = {"obzharka_coffee": 201_873_456, "kedr_mebel": 187_562_904}
_OK_GROUP_ID = 70_000_001_234_567

# Post formats per network with their probabilities and reach multipliers.
_FORMATS: dict[str, tuple[tuple[str, float, float], ...]] = {
    "vk": (("photo", 0.45, 1.0), ("clip", 0.2, 1.6), ("video", 0.1, 1.2), ("text", 0.1, 0.7),
           ("poll", 0.05, 0.9), ("other", 0.1, 0.8)),
    "instagram": (("photo", 0.4, 1.0), ("reel", 0.35, 1.8), ("story", 0.2, 0.5), ("video", 0.05, 1.2)),
    "ok": (("photo", 0.6, 1.0), ("video", 0.2, 1.3), ("text", 0.1, 0.7), ("poll", 0.1, 0.9)),
    "telegram": (("text", 0.45, 0.9), ("photo", 0.4, 1.0), ("video", 0.1, 1.1), ("poll", 0.05, 1.0)),
}  # fmt: skip

# Relative weights of publish hours 8..21 and of the hours interactions arrive at (0..23).
_PUBLISH_HOURS = np.array([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21])
_PUBLISH_WEIGHTS = np.array([1.0, 2.0, 1.5, 1.2, 2.0, 1.8, 1.0, 0.9, 1.0, 1.4, 2.2, 2.4, 2.0, 1.2])
_ARRIVAL_WEIGHTS = np.array([
    0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 2.0, 2.2, 2.2,
    2.3, 2.2, 2.1, 2.0, 2.0, 2.1, 2.3, 2.5, 2.5, 2.2, 1.6, 0.8,
])  # fmt: skip

# Specialist answering habits: share of messages answered, median minutes to answer in working hours.
_SPECIALIST_HABITS = {IRINA: (0.97, 18.0), OLGA: (0.96, 25.0), DMITRY: (0.90, 70.0)}


@dataclass(frozen=True)
class _Client:
    name: str
    season: tuple[float, ...]  # multiplier per calendar month (Jan..Dec)
    dow: tuple[float, ...]  # multiplier per weekday (Mon..Sun)
    fee: float  # monthly agency fee, RUB
    order_value: tuple[float, float, float, float, float]  # median, sigma, min, max, rounding
    # channel -> (orders per session, lead multiplier)
    channels: dict[str, tuple[float, float]]
    goals: tuple[tuple[str, str, str, float], ...]  # goal id, name, type, reaches per session
    organic: dict[str, float]  # non-paid, non-social channels: sessions per day


_CLIENTS: dict[str, _Client] = {
    COFFEE: _Client(
        COFFEE,
        (1.05, 1.0, 1.0, 0.97, 0.95, 0.9, 0.88, 0.9, 1.0, 1.05, 1.08, 1.12),
        (0.95, 0.97, 1.0, 1.0, 1.05, 1.1, 1.0),
        60_000.0,
        (880.0, 0.45, 250.0, 6_000.0, 10.0),
        {"vk": (0.055, 1.2), "instagram": (0.05, 1.3), "telegram": (0.05, 1.2), "yandex_direct": (0.048, 1.0),
         "google_ads": (0.035, 0.9), "display": (0.018, 0.5), "seo": (0.03, 0.9), "direct": (0.06, 1.4)},
        (("call_click", "Звонок по номеру с сайта", "call", 0.006),
         ("messenger_click", "Переход в мессенджер", "message", 0.012),
         ("coffee_machine_consult", "Консультация по подбору кофемашины для офиса", "consultation", 0.002),
         ("corporate_form", "Заявка на кофе-брейк для офиса", "form", 0.004),
         ("menu_view", "Просмотр меню", "page_visit", 0.22),
         ("order_paid", "Оплаченный заказ на сайте", "sale", 0.0)),
        {"seo": 260.0, "direct": 120.0},
    ),
    FURNITURE: _Client(
        FURNITURE,
        (0.85, 0.95, 1.1, 1.1, 1.0, 0.9, 0.85, 0.95, 1.1, 1.1, 1.05, 0.95),
        (1.05, 1.05, 1.0, 1.0, 0.95, 0.9, 0.95),
        70_000.0,
        (46_000.0, 0.45, 15_000.0, 250_000.0, 100.0),
        {"vk": (0.0055, 1.2), "ok": (0.004, 1.0), "telegram": (0.006, 1.2), "yandex_direct": (0.006, 1.0),
         "display": (0.002, 0.5), "seo": (0.004, 0.9), "direct": (0.008, 1.4)},
        (("call_click", "Звонок с сайта", "call", 0.012),
         ("whatsapp_click", "Переход в WhatsApp", "message", 0.015),
         ("designer_consult", "Запись на консультацию дизайнера", "consultation", 0.006),
         ("kitchen_calc", "Заявка на расчёт кухни", "form", 0.01),
         ("catalog_view", "Просмотр каталога", "page_visit", 0.3),
         ("prepayment", "Внесена предоплата по договору", "sale", 0.0)),
        {"seo": 180.0, "direct": 70.0},
    ),
}  # fmt: skip

# Paid lines: (client, channel) -> (monthly budget RUB, cost per click, click-through rate, sessions per click).
_AD_LINES: dict[tuple[str, str], tuple[float, float, float, float]] = {
    (COFFEE, "vk"): (35_000.0, 22.0, 0.009, 0.8),
    (COFFEE, "telegram"): (12_000.0, 31.0, 0.008, 0.8),
    (COFFEE, "yandex_direct"): (90_000.0, 32.0, 0.03, 0.85),
    (COFFEE, "display"): (40_000.0, 37.0, 0.003, 0.75),
    (COFFEE, "google_ads"): (15_000.0, 28.0, 0.035, 0.85),
    (FURNITURE, "ok"): (20_000.0, 30.0, 0.007, 0.8),
    (FURNITURE, "yandex_direct"): (180_000.0, 65.0, 0.03, 0.85),
    (FURNITURE, "display"): (70_000.0, 56.0, 0.0025, 0.75),
}
# VK ads of the furniture factory run as two-week campaigns on the community (cost rows with `account`).
_CAMPAIGN = (FURNITURE, "vk", "kedr_mebel", 55_000.0, 35.0, 0.009, 0.8)
_CAMPAIGN_DAYS = 14
_TOOLS_USD = 29.0


# --------------------------------------------------------------------------------------------------
# Public API


def injected_episode(*, end: dt.date) -> dict:
    """The bought-followers episode the demo injects (ground truth for the trust page).

    Its place depends only on ``end``; it lies inside the demo data when ``months`` ≥ 6.
    """
    start = end - dt.timedelta(days=_EPISODE_OFFSET_DAYS)
    return {
        "network": _EPISODE_ACCOUNT[0],
        "account": _EPISODE_ACCOUNT[1],
        "start": start,
        "end": start + dt.timedelta(days=_EPISODE_DAYS - 1),
        "kind": "bought_followers",
    }


def build_demo_frames(*, end: dt.date, months: int = 15, seed: int = 7) -> dict[str, pd.DataFrame]:
    """Return {file_stem: DataFrame} in the canonical format (column names exactly as KPI.md §2)."""
    if isinstance(end, dt.datetime):
        end = end.date()
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    return _DemoBuilder(end=end, months=int(months), seed=seed).build()


def write_demo(out_dir: pathlib.Path, *, end: dt.date, months: int = 15, seed: int = 7) -> dict[str, int]:
    """Write <stem>.csv files into out_dir (created if missing); return {stem: row_count}."""
    frames = build_demo_frames(end=end, months=months, seed=seed)
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for stem, frame in frames.items():
        (out_dir / f"{stem}.csv").write_bytes(_csv_text(frame).encode("utf-8"))
        counts[stem] = len(frame)
    return counts


# --------------------------------------------------------------------------------------------------
# Helpers


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _add_months(day: dt.date, count: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _timestamp(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=_MSK, microsecond=0).isoformat()


def _carry_round(values: np.ndarray) -> np.ndarray:
    """Integers whose running total follows the running total of ``values`` (no drift from rounding)."""
    totals = np.floor(np.cumsum(values) + 0.5)
    return np.diff(np.concatenate(([0.0], totals))).astype(np.int64)


def _format_decimal(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def _csv_text(frame: pd.DataFrame) -> str:
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series):
            out[column] = series.map({True: "true", False: "false"})
        elif pd.api.types.is_float_dtype(series):
            out[column] = series.map(_format_decimal)
    return out.to_csv(index=False, lineterminator="\n", na_rep="")


def _frame(stem: str, rows: list[dict]) -> pd.DataFrame:
    columns = _COLUMNS[stem]
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in columns:
        if column in _INT_COLUMNS:
            frame[column] = pd.array(
                [None if v is None or pd.isna(v) else int(v) for v in frame[column]], dtype="Int64"
            )
        elif column in _FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
        elif column == "is_promoted":
            frame[column] = frame[column].astype(bool)
        else:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


# --------------------------------------------------------------------------------------------------
# The generator


class _DemoBuilder:
    def __init__(self, *, end: dt.date, months: int, seed: int) -> None:
        self.end = end
        self.start = _add_months(_month_start(end), -(months - 1))
        self.days = [self.start + dt.timedelta(days=i) for i in range((end - self.start).days + 1)]
        self.n = len(self.days)
        self.index = {day: i for i, day in enumerate(self.days)}
        self.month_starts = [_add_months(self.start, k) for k in range(months)]
        self.rng = np.random.default_rng(seed)
        self.weekday = np.array([d.weekday() for d in self.days])
        self.month_of_day = np.array([d.month - 1 for d in self.days])

        episode = injected_episode(end=end)
        self.episode_start = episode["start"]
        self.episode_end = episode["end"]
        # No ads, campaigns or promoted posts near the episode: its growth must not be explained by reach.
        self.quiet_from = self.episode_start - dt.timedelta(days=10)
        self.quiet_to = self.episode_end + dt.timedelta(days=35)
        # The furniture VK community changes hands in the middle of the range (not in a one-day demo).
        self.handover = self.start + dt.timedelta(days=max(1, (self.n - 1) // 2)) if self.n > 1 else None

        self.ad_clicks: dict[tuple[str, str], np.ndarray] = {}
        self.cost_rows: list[dict] = []
        self.reach_boost = {a.account: np.ones(self.n) for a in _ACCOUNTS}
        self.gain_boost = {a.account: np.zeros(self.n) for a in _ACCOUNTS}
        # per account daily series used by the channel-level files
        self.daily_clicks: dict[str, np.ndarray] = {}
        self.post_views: dict[str, np.ndarray] = {}
        self.post_comments: dict[str, np.ndarray] = {}
        self.messages: dict[str, np.ndarray] = {}
        self.followers: dict[str, np.ndarray] = {}
        self.sessions: dict[tuple[str, str], np.ndarray] = {}
        self.orders: dict[tuple[str, str], np.ndarray] = {}

    # ---------------------------------------------------------------------------------------------
    def build(self) -> dict[str, pd.DataFrame]:
        self._plan_paid_lines()
        self._plan_other_costs()
        daily_rows: list[dict] = []
        post_rows: list[dict] = []
        for spec in _ACCOUNTS:
            d_rows, p_rows = self._simulate_account(spec)
            daily_rows += d_rows
            post_rows += p_rows
        interaction_rows = self._interactions()
        web_rows = self._web()
        sales_rows = self._sales()  # before the goals: the "sale" goal is the paid order
        goal_rows, reach_rows = self._goals()
        rate_rows = self._rates()
        frames = {
            "accounts": _frame("accounts", self._accounts()),
            "assignments": _frame("assignments", self._assignments()),
            "daily": _frame("daily", daily_rows),
            "posts": _frame("posts", post_rows),
            "interactions": _frame("interactions", interaction_rows),
            "web": _frame("web", web_rows),
            "goals": _frame("goals", goal_rows),
            "goal_reaches": _frame("goal_reaches", reach_rows),
            "sales": _frame("sales", sales_rows),
            "costs": _frame("costs", sorted(self.cost_rows, key=_cost_sort_key)),
            "rates": _frame("rates", rate_rows),
        }
        frames["plan"] = _frame("plan", self._plan(frames))
        return {stem: frames[stem] for stem in _COLUMNS}

    # ---------------------------------------------------------------------------------------------
    def _in_quiet(self, first: dt.date, last: dt.date) -> bool:
        return first <= self.quiet_to and last >= self.quiet_from

    def _month_days(self, month: dt.date) -> tuple[int, int]:
        """Index range [i0, i1) of the days of ``month`` inside the demo range."""
        i0 = self.index[month]
        last = min(_month_end(month), self.end)
        return i0, self.index[last] + 1

    def _plan_paid_lines(self) -> None:
        rng = self.rng
        for (client, channel), (budget, cpc, ctr, _) in _AD_LINES.items():
            clicks = np.zeros(self.n)
            dow = np.array(_CLIENTS[client].dow)
            for month in self.month_starts:
                i0, i1 = self._month_days(month)
                share = (i1 - i0) / calendar.monthrange(month.year, month.month)[1]
                amount = round(budget * share * rng.uniform(0.88, 1.12), 2)
                month_cpc = cpc * rng.uniform(0.9, 1.1)
                weights = dow[self.weekday[i0:i1]] * rng.lognormal(0.0, 0.15, i1 - i0)
                expected = amount / month_cpc * weights / weights.sum()
                day_clicks = _carry_round(expected)
                clicks[i0:i1] = day_clicks
                total = int(day_clicks.sum())
                impressions = round(total / (ctr * rng.uniform(0.9, 1.1)))
                self._add_cost(
                    month,
                    client,
                    channel,
                    "ads",
                    amount,
                    date_to=self.days[i1 - 1],
                    clicks=total,
                    impressions=impressions,
                )
            self.ad_clicks[(client, channel)] = clicks

        client, channel, account, budget, cpc, ctr, _ = _CAMPAIGN
        clicks = np.zeros(self.n)
        for month in self.month_starts:
            first = month + dt.timedelta(days=int(rng.integers(2, 12)))
            last = min(first + dt.timedelta(days=_CAMPAIGN_DAYS - 1), self.end)
            amount_draw = rng.uniform(0.85, 1.15)
            cpc_draw = rng.uniform(0.9, 1.1)
            if first > self.end or self._in_quiet(first, last):
                continue
            i0, i1 = self.index[first], self.index[last] + 1
            amount = round(budget * amount_draw * (i1 - i0) / _CAMPAIGN_DAYS, 2)
            expected = np.full(i1 - i0, amount / (cpc * cpc_draw) / (i1 - i0))
            day_clicks = _carry_round(expected * rng.lognormal(0.0, 0.2, i1 - i0))
            clicks[i0:i1] = day_clicks
            self.reach_boost[account][i0:i1] *= 1.35
            total = int(day_clicks.sum())
            self._add_cost(
                first,
                client,
                channel,
                "ads",
                amount,
                date_to=last,
                account=account,
                clicks=total,
                impressions=round(total / ctr),
            )
        self.ad_clicks[(client, channel)] = clicks

    def _plan_other_costs(self) -> None:
        rng = self.rng
        for k, month in enumerate(self.month_starts):
            month_last = _month_end(month)
            for client in _CLIENTS.values():
                # The fee and the tool subscription are billed for the whole month on the 1st.
                self._add_cost(month, client.name, "vk", "fee", client.fee, date_to=month_last)
            self._add_cost(month, COFFEE, "vk", "tools", _TOOLS_USD, date_to=month_last, currency="USD")
            shoot_day = month + dt.timedelta(days=int(rng.integers(5, 25)))
            shoot_cost = round(float(rng.uniform(22_000, 38_000)), -2)
            if k % 3 == 1 and shoot_day <= self.end:
                self._add_cost(shoot_day, COFFEE, "instagram", "production", shoot_cost)
            video_cost = round(float(rng.uniform(35_000, 50_000)), -2)
            if k % 4 == 2 and shoot_day <= self.end:
                self._add_cost(shoot_day, FURNITURE, "vk", "production", video_cost)
            # Instagram ads are not sold in Russia; the coffee shop pays bloggers for mentions instead.
            blogger_day = month + dt.timedelta(days=int(rng.integers(3, 26)))
            blogger_cost = round(float(rng.uniform(20_000, 35_000)), -3)
            blogger_gain = float(rng.uniform(150, 400))
            if k % 2 == 0 and blogger_day <= self.end:
                self._add_cost(blogger_day, COFFEE, "instagram", "other", blogger_cost)
                i = self.index[blogger_day]
                self.reach_boost["obzharka.coffee"][i] *= 2.2
                self.gain_boost["obzharka.coffee"][i] += blogger_gain
                if i + 1 < self.n:
                    self.reach_boost["obzharka.coffee"][i + 1] *= 1.4
                    self.gain_boost["obzharka.coffee"][i + 1] += blogger_gain / 3

    def _add_cost(
        self,
        day: dt.date,
        client: str,
        channel: str,
        kind: str,
        amount: float,
        *,
        date_to: dt.date | None = None,
        account: str | None = None,
        currency: str | None = None,
        clicks: int | None = None,
        impressions: int | None = None,
    ) -> None:
        self.cost_rows.append({
            "date": day.isoformat(), "client": client, "channel": channel, "kind": kind,
            "account": account, "date_to": date_to.isoformat() if date_to else None,
            "amount": amount, "currency": currency, "clicks": clicks, "impressions": impressions,
        })  # fmt: skip

    # ---------------------------------------------------------------------------------------------
    def _schedule_posts(self, spec: _Account) -> list[int]:
        rng = self.rng
        lo, hi = spec.posts_per_week
        days: list[int] = []
        monday = self.start - dt.timedelta(days=self.start.weekday())
        while monday <= self.end:
            week = [
                self.index[d] for d in (monday + dt.timedelta(days=j) for j in range(7)) if d in self.index
            ]
            count = int(rng.integers(lo, hi + 1))
            count = min(len(week), round(count * len(week) / 7))
            if count:
                days += sorted(int(i) for i in rng.choice(week, size=count, replace=False))
            monday += dt.timedelta(days=7)
        return days

    def _simulate_account(self, spec: _Account) -> tuple[list[dict], list[dict]]:
        rng = self.rng
        n = self.n
        telegram = spec.network == "telegram"
        client = _CLIENTS[spec.client]
        season = np.array(client.season)[self.month_of_day]
        dow = np.array(client.dow)[self.weekday]

        post_days = self._schedule_posts(spec)
        count = len(post_days)
        names, probs, factors = zip(*_FORMATS[spec.network], strict=True)
        format_idx = rng.choice(len(names), size=count, p=np.array(probs) / sum(probs))
        hours = rng.choice(_PUBLISH_HOURS, size=count, p=_PUBLISH_WEIGHTS / _PUBLISH_WEIGHTS.sum())
        minutes = rng.choice([0, 0, 0, 15, 30, 30, 45], size=count) + rng.integers(0, 3, size=count)
        promoted = rng.random(count) < spec.promoted_share
        promo_factor = rng.uniform(2.5, 4.0, size=count)
        reach_noise = rng.lognormal(0.0, 0.35, size=count)
        quality = rng.lognormal(0.0, 0.35, size=count)
        views_factor = rng.uniform(1.15, 1.6, size=count)
        has_link = rng.random(count) < 0.6
        no_stats = rng.random(count) < 0.35
        posts_by_day: dict[int, list[_PostDraw]] = {}
        for j, day in enumerate(post_days):
            quiet = self.quiet_from <= self.days[day] <= self.quiet_to
            draw = _PostDraw(
                fmt=names[format_idx[j]],
                reach_factor=factors[format_idx[j]] * reach_noise[j],
                hour=int(hours[j]),
                minute=int(minutes[j]),
                quality=float(quality[j]),
                views_factor=float(views_factor[j]),
                has_link=bool(has_link[j]),
                no_stats=bool(no_stats[j]),
                promoted=bool(promoted[j])
                and not (quiet and (spec.network, spec.account) == _EPISODE_ACCOUNT),
                promo_factor=float(promo_factor[j]),
            )
            posts_by_day.setdefault(day, []).append(draw)

        daily_noise = rng.lognormal(0.0, 0.12, size=n)
        views_ratio = rng.uniform(1.4, 1.9, size=n)
        visit_rate = rng.uniform(0.02, 0.035, size=n)
        message_noise = rng.lognormal(0.0, 0.3, size=n)
        avg_posts_per_day = sum(spec.posts_per_week) / 2 / 7
        episode_here = (spec.network, spec.account) == _EPISODE_ACCOUNT
        episode_share = rng.uniform(0.07, 0.09)
        episode_churn = rng.uniform(0.38, 0.45)
        episode_weights = rng.uniform(0.7, 1.3, size=_EPISODE_DAYS)

        real = spec.followers  # followers who joined on their own
        bought = 0  # bought followers still subscribed
        extra_gain = np.zeros(n, dtype=np.int64)
        extra_lost = np.zeros(n, dtype=np.int64)
        post_reach_day = np.zeros(n)
        post_views_day = np.zeros(n)
        post_comments_day = np.zeros(n)
        clicks_day = np.zeros(n)
        messages_day = np.zeros(n, dtype=np.int64)
        followers_day = np.zeros(n, dtype=np.int64)
        daily_rows: list[dict] = []
        post_rows: list[dict] = []
        seq = _PostIds(spec, rng)

        for i, day in enumerate(self.days):
            if episode_here and day == self.episode_start:
                package = round(real * episode_share)
                parts = _carry_round(package * episode_weights / episode_weights.sum())
                stop = min(n, i + _EPISODE_DAYS)
                extra_gain[i:stop] += parts[: stop - i]
                churn = round(package * episode_churn)
                decay = np.exp(-np.arange(_CHURN_DAYS) / 7.0)
                leaving = _carry_round(churn * decay / decay.sum())
                c0 = i + _EPISODE_DAYS
                c1 = min(n, c0 + _CHURN_DAYS)
                if c0 < n:
                    extra_lost[c0:c1] += leaving[: c1 - c0]

            for draw in posts_by_day.get(i, ()):
                base = real * spec.post_reach_rate * draw.reach_factor * season[i]
                if draw.promoted:
                    base *= draw.promo_factor
                row = self._post_row(spec, seq, day, draw, base)
                post_rows.append(row)
                post_reach_day[i] += row["reach"] or 0
                post_views_day[i] += row["views"] or 0
                post_comments_day[i] += row["comments"] or 0

            if telegram:
                posted = 1.25 if i in posts_by_day else 0.85
                lam_gain = real * spec.gain_rate * season[i] * posted
                reach = None
            else:
                organic = (
                    real
                    * spec.reach_rate
                    * season[i]
                    * dow[i]
                    * daily_noise[i]
                    * self.reach_boost[spec.account][i]
                )
                earlier = post_reach_day[i - 1] if i else 0.0
                reach = round(organic + 0.5 * post_reach_day[i] + 0.2 * earlier)
                typical = (
                    real * (spec.reach_rate + 0.7 * spec.post_reach_rate * avg_posts_per_day) * season[i]
                )
                lam_gain = real * spec.gain_rate * season[i] * (0.4 + 0.6 * reach / typical)
            gained_organic = int(rng.poisson(lam_gain + self.gain_boost[spec.account][i]))
            lost_organic = int(rng.poisson(real * spec.loss_rate))
            real += gained_organic - lost_organic
            bought += int(extra_gain[i] - extra_lost[i])
            followers_day[i] = real + bought

            row = {
                "date": day.isoformat(),
                "network": spec.network,
                "account": spec.account,
                "followers": real + bought,
                "followers_gained": None,
                "followers_lost": None,
                "reach": None,
                "views": None,
                "profile_visits": None,
                "link_clicks": None,
                "messages_in": None,
            }
            if not telegram:
                clicks = int(rng.poisson(reach * spec.click_rate))
                messages = int(rng.poisson(spec.messages_per_day * dow[i] * message_noise[i]))
                clicks_day[i] = clicks
                messages_day[i] = messages
                row.update(
                    followers_gained=gained_organic + int(extra_gain[i]),
                    followers_lost=lost_organic + int(extra_lost[i]),
                    reach=reach,
                    views=round(reach * views_ratio[i]),
                    link_clicks=clicks,
                    messages_in=messages,
                )
                if spec.network != "ok":
                    row["profile_visits"] = int(rng.poisson(reach * visit_rate[i]))
            daily_rows.append(row)

        self.daily_clicks[spec.account] = clicks_day
        self.post_views[spec.account] = post_views_day
        self.post_comments[spec.account] = post_comments_day
        self.messages[spec.account] = messages_day
        self.followers[spec.account] = followers_day
        return daily_rows, post_rows

    def _post_row(
        self, spec: _Account, seq: _PostIds, day: dt.date, draw: _PostDraw, base_reach: float
    ) -> dict:
        rng = self.rng
        fmt, quality, promoted = draw.fmt, draw.quality, draw.promoted
        post_id, url = seq.next(fmt)
        row = {
            "network": spec.network,
            "account": spec.account,
            "post_id": post_id,
            "published_at": _timestamp(dt.datetime.combine(day, dt.time(draw.hour, draw.minute))),
            "format": fmt,
            "url": url,
            "reach": None,
            "views": None,
            "likes": None,
            "comments": None,
            "shares": None,
            "saves": None,
            "link_clicks": None,
            "is_promoted": promoted,
        }
        if spec.network == "telegram":
            views = round(base_reach * rng.uniform(0.9, 1.1))
            comments = int(rng.poisson(views * 0.003 * quality))
            shares = int(rng.poisson(views * 0.005 * quality))
            row["views"] = views
            if not draw.no_stats:
                row.update(comments=comments, shares=shares)
            return row
        reach = max(1, round(base_reach))
        video = fmt in ("video", "reel", "clip")
        views = round(reach * draw.views_factor * (1.3 if video else 1.0))
        likes = int(rng.poisson(reach * spec.like_rate * quality))
        comments = int(rng.poisson(likes * 0.07 * quality + 0.2))
        shares = int(rng.poisson(likes * 0.09))
        saves = int(rng.poisson(likes * (0.15 if spec.network == "instagram" else 0.05)))
        link_rate = 0.006 if spec.network == "vk" else 0.004
        clicks = int(rng.poisson(reach * link_rate * (1.5 if promoted else 1.0)))
        row.update(reach=reach, views=views, likes=likes, comments=comments, shares=shares)
        if spec.network != "ok":
            row["saves"] = saves
        if fmt == "story":
            # Stories have no likes or saves; replies count as comments and the link sticker gives clicks.
            row.update(likes=None, saves=None, link_clicks=int(rng.poisson(reach * 0.01)))
        elif spec.network in ("vk", "ok"):
            row["link_clicks"] = clicks if draw.has_link or promoted else 0
        return row

    # ---------------------------------------------------------------------------------------------
    def _specialist(self, spec: _Account, day: dt.date) -> str:
        if (spec.network, spec.account) == _HANDOVER_ACCOUNT:
            return DMITRY if self.handover is None or day < self.handover else OLGA
        return _FIXED_SPECIALIST[spec.account]

    def _interactions(self) -> list[dict]:
        rng = self.rng
        rows: list[dict] = []
        horizon = dt.datetime.combine(self.end, dt.time(23, 59, 59))
        arrival = _ARRIVAL_WEIGHTS / _ARRIVAL_WEIGHTS.sum()
        for spec in _ACCOUNTS:
            number = 10_000
            comments = rng.poisson(
                spec.comments_per_day * (0.6 + 0.04 * np.minimum(self.post_comments[spec.account], 25))
            )
            for i, day in enumerate(self.days):
                kinds = ["comment"] * int(comments[i]) + ["message"] * int(self.messages[spec.account][i])
                if not kinds:
                    continue
                hours = rng.choice(24, size=len(kinds), p=arrival)
                seconds = rng.integers(0, 3600, size=len(kinds))
                got = [
                    dt.datetime.combine(day, dt.time(int(h))) + dt.timedelta(seconds=int(s))
                    for h, s in zip(hours, seconds, strict=True)
                ]
                share, median = _SPECIALIST_HABITS[self._specialist(spec, day)]
                for kind, received in sorted(zip(kinds, got, strict=True), key=lambda pair: pair[1]):
                    number += 1
                    answer_p = (
                        share * (0.98 if kind == "message" else 0.92) * (0.95 if day.weekday() >= 5 else 1.0)
                    )
                    answered_draw = rng.random()
                    delay = min(rng.lognormal(math.log(median), 0.8), 8 * 60.0)
                    answered = None
                    if answered_draw < answer_p:
                        opens = _next_working_moment(received)
                        if opens == received:
                            wait = delay * (3.0 if received.weekday() >= 5 else 1.0)
                        else:
                            wait = min(rng.lognormal(math.log(45.0), 0.7), 4 * 60.0)
                        moment = opens + dt.timedelta(seconds=round(wait * 60))
                        if moment <= horizon:  # not answered yet "today"
                            answered = _timestamp(moment)
                    rows.append(
                        {
                            "network": spec.network,
                            "account": spec.account,
                            "interaction_id": f"{kind[0]}{number}",
                            "kind": kind,
                            "received_at": _timestamp(received),
                            "answered_at": answered,
                        }
                    )
        return rows

    # ---------------------------------------------------------------------------------------------
    def _web(self) -> list[dict]:
        rng = self.rng
        rows: list[dict] = []
        growth = np.linspace(1.0, 1.25, self.n)
        for client in _CLIENTS.values():
            season = np.array(client.season)[self.month_of_day]
            dow = np.array(client.dow)[self.weekday]
            accounts = {a.network: a for a in _ACCOUNTS if a.client == client.name}
            for channel in client.channels:
                paid = self.ad_clicks.get((client.name, channel))
                lam = np.zeros(self.n)
                if paid is not None:
                    lam += paid * _sessions_per_click(client.name, channel)
                if channel in accounts:
                    spec = accounts[channel]
                    if channel == "telegram":
                        lam += (
                            self.followers[spec.account] * spec.sessions_per_follower
                            + 0.01 * self.post_views[spec.account]
                        )
                    else:
                        lam += self.daily_clicks[spec.account] * 0.7
                if channel in client.organic:
                    lam += client.organic[channel] * season * dow * growth
                sessions = rng.poisson(np.maximum(lam, 0.0))
                self.sessions[(client.name, channel)] = sessions
                users = np.minimum(sessions, np.round(sessions * rng.uniform(0.78, 0.9, size=self.n)))
                for i, day in enumerate(self.days):
                    rows.append(
                        {
                            "date": day.isoformat(),
                            "client": client.name,
                            "channel": channel,
                            "sessions": int(sessions[i]),
                            "users": int(users[i]),
                        }
                    )
        return rows

    def _sales(self) -> list[dict]:
        rng = self.rng
        rows: list[dict] = []
        for client in _CLIENTS.values():
            median, sigma, low, high, step = client.order_value
            for channel, (conversion, _) in client.channels.items():
                sessions = self.sessions[(client.name, channel)]
                orders = _carry_round(sessions * conversion * rng.lognormal(-0.08, 0.4, size=self.n))
                self.orders[(client.name, channel)] = orders
                # Every day gets a row: a day without orders is a reported 0, not "not reported".
                for i in range(self.n):
                    values = np.clip(rng.lognormal(math.log(median), sigma, size=int(orders[i])), low, high)
                    revenue = float(np.sum(np.round(values / step) * step))
                    rows.append(
                        {
                            "date": self.days[i].isoformat(),
                            "client": client.name,
                            "channel": channel,
                            "orders": int(orders[i]),
                            "revenue": revenue,
                        }
                    )
        return sorted(rows, key=lambda r: (r["client"], r["date"], r["channel"]))

    def _goals(self) -> tuple[list[dict], list[dict]]:
        rng = self.rng
        goal_rows: list[dict] = []
        reach_rows: list[dict] = []
        for client in _CLIENTS.values():
            for goal, name, kind, _ in client.goals:
                goal_rows.append({"client": client.name, "goal": goal, "name": name, "type": kind})
        for client in _CLIENTS.values():
            for channel, (_, lead_factor) in client.channels.items():
                sessions = self.sessions[(client.name, channel)]
                for goal, _, kind, rate in client.goals:
                    if kind == "sale":
                        reaches = self.orders[(client.name, channel)]
                    else:
                        factor = 1.0 if kind == "page_visit" else lead_factor
                        reaches = rng.poisson(sessions * rate * factor)
                    for i in np.flatnonzero(reaches):
                        reach_rows.append(
                            {
                                "date": self.days[i].isoformat(),
                                "client": client.name,
                                "channel": channel,
                                "goal": goal,
                                "reaches": int(reaches[i]),
                            }
                        )
        reach_rows.sort(key=lambda r: (r["client"], r["date"], r["channel"], r["goal"]))
        return goal_rows, reach_rows

    def _rates(self) -> list[dict]:
        rows = []
        rate = 92.0
        for month in self.month_starts:
            rate = float(np.clip(rate + self.rng.normal(0.0, 1.4), 89.0, 101.0))
            rows.append({"month": _month_key(month), "currency": "USD", "rate": round(rate, 2)})
        return rows

    # ---------------------------------------------------------------------------------------------
    def _accounts(self) -> list[dict]:
        rows = []
        for spec in _ACCOUNTS:
            handed_over = (spec.network, spec.account) == _HANDOVER_ACCOUNT
            rows.append(
                {
                    "network": spec.network,
                    "account": spec.account,
                    "name": spec.name,
                    "url": spec.url,
                    "client": spec.client,
                    "specialist": None if handed_over else _FIXED_SPECIALIST[spec.account],
                    "specialist_since": None if handed_over else self.start.isoformat(),
                }
            )
        return rows

    def _assignments(self) -> list[dict]:
        network, account = _HANDOVER_ACCOUNT
        if self.handover is None:
            return [
                {
                    "network": network,
                    "account": account,
                    "specialist": DMITRY,
                    "since": self.start.isoformat(),
                    "until": None,
                }
            ]
        return [
            {
                "network": network,
                "account": account,
                "specialist": DMITRY,
                "since": self.start.isoformat(),
                "until": (self.handover - _DAY).isoformat(),
            },
            {
                "network": network,
                "account": account,
                "specialist": OLGA,
                "since": self.handover.isoformat(),
                "until": None,
            },
        ]

    # ---------------------------------------------------------------------------------------------
    def _plan(self, frames: dict[str, pd.DataFrame]) -> list[dict]:
        """Monthly targets for the coffee shop: the last 6 months and the next 3, near the actual values."""
        actual = _monthly_actuals(frames, client=COFFEE)
        end_month = _month_start(self.end)
        complete = [m for m in self.month_starts if _month_end(m) <= self.end]
        data_months = self.month_starts[-6:]
        plan_months = data_months + [_add_months(end_month, k) for k in (1, 2, 3)]
        rows = []
        for scope in ("all", "vk"):
            for kpi, digits, spread, cap in _PLAN_KPIS:
                values = actual.get((scope, kpi), {})
                recent = [
                    values[_month_key(m)] for m in complete[-3:] if values.get(_month_key(m)) is not None
                ]
                for month in plan_months:
                    key = _month_key(month)
                    factor = float(self.rng.uniform(1.0 - spread, 1.0 + spread * 1.2))
                    if month in complete and values.get(key) is not None:
                        base = values[key]
                    elif recent:
                        base = sum(recent) / len(recent)
                    else:
                        base = _scaled_partial(values.get(_month_key(end_month)), kpi, end_month, self.end)
                    if base is None:
                        continue
                    target = min(round(base * factor, digits), cap)
                    rows.append(
                        {
                            "month": key,
                            "client": COFFEE,
                            "scope": scope,
                            "kpi": kpi,
                            "target": float(max(target, 0.0)),
                        }
                    )
        return rows


_FIXED_SPECIALIST = {
    "obzharka_coffee": IRINA,
    "obzharka.coffee": IRINA,
    "obzharka_news": OLGA,
    "kedr_mebel": DMITRY,
    "kedrmebel": DMITRY,
    "kedr_mebel_tg": DMITRY,
}

# plan kpi -> (digits to round the target to (negative: tens, hundreds), spread around the actual, cap)
_PLAN_KPIS = (
    ("posts", 0, 0.1, math.inf), ("reach", -2, 0.1, math.inf), ("followers_gained", -1, 0.1, math.inf),
    ("er_reach", 4, 0.06, 1.0), ("link_clicks", -1, 0.1, math.inf), ("sessions", -1, 0.1, math.inf),
    ("leads", 0, 0.1, math.inf), ("cpc", 0, 0.1, math.inf), ("response_rate", 2, 0.04, 0.98),
    ("goal_reaches.call", 0, 0.15, math.inf),
)  # fmt: skip
_ADDITIVE_PLAN_KPIS = {
    "posts",
    "reach",
    "followers_gained",
    "link_clicks",
    "sessions",
    "leads",
    "goal_reaches.call",
}


def _sessions_per_click(client: str, channel: str) -> float:
    if (client, channel) == _CAMPAIGN[:2]:
        return _CAMPAIGN[6]
    return _AD_LINES[(client, channel)][3]


def _cost_sort_key(row: dict) -> tuple:
    return (row["client"], row["date"], row["channel"], row["kind"], row["account"] or "")


def _next_working_moment(moment: dt.datetime) -> dt.datetime:
    """The first moment ≥ ``moment`` when someone answers: 9–20 on weekdays, 11–17 at weekends."""
    day = moment.date()
    for _ in range(8):
        weekend = day.weekday() >= 5
        opens = dt.datetime.combine(day, dt.time(11 if weekend else 9))
        closes = dt.datetime.combine(day, dt.time(17 if weekend else 20))
        if moment < opens:
            return opens
        if moment < closes:
            return moment
        day += _DAY
        moment = dt.datetime.combine(day, dt.time(0))
    return moment


def _scaled_partial(value: float | None, kpi: str, month: dt.date, end: dt.date) -> float | None:
    if value is None:
        return None
    if kpi not in _ADDITIVE_PLAN_KPIS:
        return value
    days = calendar.monthrange(month.year, month.month)[1]
    return value * days / ((end - month).days + 1)


@dataclass(frozen=True)
class _PostDraw:
    """The random choices made for one post before its reach is known."""

    fmt: str
    reach_factor: float
    hour: int
    minute: int
    quality: float  # content quality: scales likes, comments and shares around the account's usual rate
    views_factor: float
    has_link: bool
    no_stats: bool  # telegram: counters the bot could not read
    promoted: bool
    promo_factor: float


class _PostIds:
    """Post ids and urls shaped like each network's own."""

    _CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

    def __init__(self, spec: _Account, rng: np.random.Generator) -> None:
        self.spec = spec
        self.rng = rng
        self.counter = {
            "vk": 5_400,
            "instagram": 17_890_000_000_000_000,
            "ok": 155_000_000_000_000,
            "telegram": 812,
        }[spec.network]

    def next(self, fmt: str) -> tuple[str, str]:
        spec = self.spec
        if spec.network == "vk":
            self.counter += 1 + int(self.rng.random() < 0.1)  # a few posts get deleted
            return str(self.counter), f"https://vk.com/wall-{_VK_GROUP_IDS[spec.account]}_{self.counter}"
        if spec.network == "ok":
            self.counter += int(self.rng.integers(1_000_000, 90_000_000))
            return str(self.counter), f"https://ok.ru/group/{_OK_GROUP_ID}/topic/{self.counter}"
        if spec.network == "telegram":
            self.counter += 1
            return str(self.counter), f"https://t.me/{spec.account}/{self.counter}"
        self.counter += int(self.rng.integers(10_000_000_000, 900_000_000_000))
        if fmt == "story":
            return str(self.counter), f"https://www.instagram.com/stories/{spec.account}/{self.counter}/"
        code = "".join(self._CODE_ALPHABET[k] for k in self.rng.integers(0, 64, size=11))
        kind = "reel" if fmt == "reel" else "p"
        return str(self.counter), f"https://www.instagram.com/{kind}/{code}/"


# --------------------------------------------------------------------------------------------------
# Actual monthly values of the plan KPIs (a small, local version of KPI.md §4, enough to set targets)


def _monthly_actuals(
    frames: dict[str, pd.DataFrame], *, client: str
) -> dict[tuple[str, str], dict[str, float]]:
    accounts = frames["accounts"]
    own = accounts[accounts["client"] == client][["network", "account"]]
    result: dict[tuple[str, str], dict[str, float]] = {}

    def month_of(dates: pd.Series) -> pd.Series:
        return dates.astype(str).str.slice(0, 7)

    daily = frames["daily"].merge(own, on=["network", "account"])
    daily = daily.assign(month=month_of(daily["date"]))
    posts = frames["posts"].merge(own, on=["network", "account"])
    posts = posts.assign(month=month_of(posts["published_at"]))
    inter = frames["interactions"].merge(own, on=["network", "account"])
    inter = inter.assign(month=month_of(inter["received_at"]))
    web = frames["web"][frames["web"]["client"] == client]
    web = web.assign(month=month_of(web["date"]))
    goals = frames["goals"][frames["goals"]["client"] == client]
    reaches = frames["goal_reaches"][frames["goal_reaches"]["client"] == client].merge(
        goals[["goal", "type"]], on="goal"
    )
    reaches = reaches.assign(month=month_of(reaches["date"]))
    costs = frames["costs"][frames["costs"]["client"] == client]
    rates = dict(zip(frames["rates"]["month"], frames["rates"]["rate"], strict=True))
    costs = costs.assign(month=month_of(costs["date"]))
    costs = costs.assign(
        rub=[
            a * (rates.get(m, 0.0) if c == "USD" else 1.0)
            for a, c, m in zip(costs["amount"], costs["currency"], costs["month"], strict=True)
        ]
    )

    for scope in ("all", "vk"):
        networks = set(own["network"]) if scope == "all" else {scope}
        d = daily[daily["network"].isin(networks)]
        p = posts[posts["network"].isin(networks)]
        it = inter[inter["network"].isin(networks)]
        w = web[web["channel"].isin(networks)]
        r = reaches[reaches["channel"].isin(networks)]
        c = costs[costs["channel"].isin(networks)]
        engaged = p[p[["likes", "comments", "shares", "saves"]].notna().any(axis=1) & p["reach"].notna()]
        engaged = engaged.assign(eng=engaged[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1))
        series = {
            "posts": p.groupby("month").size(),
            "reach": d.groupby("month")["reach"].sum(min_count=1),
            "followers_gained": d.groupby("month")["followers_gained"].sum(min_count=1),
            "er_reach": engaged.groupby("month")["eng"].sum() / engaged.groupby("month")["reach"].sum(),
            "link_clicks": d.groupby("month")["link_clicks"].sum(min_count=1),
            "sessions": w.groupby("month")["sessions"].sum(),
            "leads": r[r["type"].isin(["call", "message", "consultation", "form"])]
            .groupby("month")["reaches"]
            .sum(),
            "cpc": c.groupby("month")["rub"].sum() / w.groupby("month")["sessions"].sum(),
            "response_rate": it.groupby("month")["answered_at"].apply(lambda s: s.notna().mean()),
            "goal_reaches.call": r[r["type"] == "call"].groupby("month")["reaches"].sum(),
        }
        for kpi, values in series.items():
            clean = {str(k): float(v) for k, v in values.items() if pd.notna(v) and np.isfinite(float(v))}
            result[(scope, kpi)] = clean
    return result
