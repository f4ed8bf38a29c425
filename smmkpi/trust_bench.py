"""A labeled synthetic benchmark for the inflation detectors, and its scorer.

``python -m smmkpi.trust_bench`` (or ``make bench-trust``) generates the benchmark with a fixed seed, runs
every detector of :mod:`smmkpi.inflation` on it and prints event-level and account-month precision/recall
per difficulty bucket and per detector, how the legitimate causes were labelled, and a PR sweep.

The generator (no real account data is used; see docs/trust.md for the reasoning):

- **Base series** for small (0.8–5k followers), medium (5–60k) and large (60–600k) accounts: weekly and
  yearly seasonality, a drifting growth rate, posts whose reach decays over two days, daily reach that
  carries those bursts, new followers coupled to reach (the coupling strength differs per account) with
  negative-binomial noise and occasional heavy-tailed shocks, leaves, likes/comments/views per post,
  site sessions from the network, and a few days the source did not report.
- **Hard negatives** (labelled legitimate): viral posts (reach first, followers follow, some leave later),
  ad campaigns (cost rows, raised reach and paid followers), giveaways (a spike then 20–50 % churn),
  shout-outs, platform purges (step drops), connector glitches (a jump that reverts, back-fills, a total
  that jumps without joins).
- **Injected fraud** (labelled): follower packages of k σ (k from 1 to 40; σ = 1.4826 × MAD of the daily
  new followers in the 28 days before: the account's normal daily variation),
  delivered at once or dripped over 3–14 days, with no churn, exponential churn or a one-step purge;
  likes packages on posts; comment packages on consecutive posts; fixed-size likes packages; reach
  (bot views) without followers or site visits.

Truth is a table of intervals: account, kind (fraud/legit), type, start, end, difficulty and delivery.
Scoring follows the reference notes: an event is detected when any flag (suspicious or impossible finding)
overlaps its window ± 2 days; a flag that overlaps no fraud event is a false positive; account-months
are positive when a fraud event touches them. Giveaways are low-quality growth, not fraud: a flag on one
is a false positive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
import time
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from smmkpi import inflation
from smmkpi.inflation import AccountInput, InflationSettings

BENCH_SEED = 20260612
BENCH_START = dt.date(2025, 1, 6)
MARGIN_DAYS = 2
SIZE_TIERS = {"small": (800, 5_000), "medium": (5_000, 60_000), "large": (60_000, 600_000)}
TIER_WEIGHTS = {"small": 0.3, "medium": 0.45, "large": 0.25}
# Follower package sizes in σ, the normal daily variation of new followers: σ = 1.4826 × MAD of the daily
# new followers in the 28 days before the package (3.4 σ ≈ 5 MAD).
PACKAGE_MULTIPLES = (1, 2, 3.4, 5, 7, 10, 15, 25, 40)
MAD_PER_SIGMA = 1.4826
DIFFICULTY_BUCKETS = ((0, 2, "<2σ"), (2, 5, "2–5σ"), (5, 10, "5–10σ"), (10, math.inf, "≥10σ"))
SWEEP = (0.6, 0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 2.0)
FORMATS = (("photo", 0.5, 1.0), ("video", 0.25, 1.3), ("text", 0.15, 0.7), ("reel", 0.1, 1.8))


@dataclass(frozen=True)
class BenchConfig:
    seed: int = BENCH_SEED
    accounts: int = 240
    days: int = 365
    fraud_share: float = 0.55  # accounts with at least one injected fraud event
    second_fraud_share: float = 0.25  # of those, accounts with a second one
    hard_negatives: float = 1.6  # mean legitimate events per account
    package_share: float = 0.6  # of fraud events, follower packages (the rest: likes/comments/reach)
    shock_rate: float = (
        0.006  # at most this share of days gets a heavy-tailed organic shock (a mention elsewhere)
    )


@dataclass
class Bench:
    config: BenchConfig
    inputs: list[AccountInput]
    truth: pd.DataFrame  # account, kind, type, start, end, difficulty, delivery, churn, tier
    tiers: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------
# Generator


class _Account:
    """One synthetic account: base series first, then events are written over it."""

    def __init__(self, name: str, rng: np.random.Generator, days: int, shock_rate: float = 0.006) -> None:
        self.name, self.rng, self.n = name, rng, days
        self.days = pd.date_range(BENCH_START, periods=days, freq="D")
        weights = np.array(list(TIER_WEIGHTS.values()))
        self.tier = str(rng.choice(list(TIER_WEIGHTS), p=weights / weights.sum()))
        lo, hi = SIZE_TIERS[self.tier]
        self.f0 = float(np.exp(rng.uniform(np.log(lo), np.log(hi))))
        self.gain_rate = rng.uniform(0.0006, 0.003)
        self.loss_rate = self.gain_rate * rng.uniform(0.3, 0.8)
        self.reach_rate = rng.uniform(0.05, 0.35)
        self.post_rate = rng.uniform(0.08, 0.4)
        self.coupling = rng.uniform(0.2, 0.9)  # share of new followers that come from reach
        self.dispersion = rng.uniform(4.0, 80.0)  # negative binomial k (smaller = noisier)
        self.shock_rate = rng.uniform(0.0, shock_rate)  # days with a heavy-tailed shock (a mention elsewhere)
        self.like_rate = rng.uniform(0.01, 0.08)
        self.comment_rate = rng.uniform(0.02, 0.12)
        self.quality_sd = rng.uniform(0.25, 0.55)
        self.ctr = rng.uniform(0.002, 0.012)
        self.posts_per_week = rng.uniform(2, 9)
        dow_amp = rng.uniform(0.0, 0.25)
        self.dow = 1.0 + dow_amp * np.sin(2 * np.pi * (np.arange(7) + rng.uniform(0, 7)) / 7)
        year_amp = rng.uniform(0.0, 0.15)
        phase = rng.uniform(0, 2 * np.pi)
        self.season = 1.0 + year_amp * np.sin(2 * np.pi * np.arange(days) / 365.0 + phase)
        drift = np.cumsum(rng.normal(0, 0.01, days))
        self.drift = np.exp(np.clip(drift - drift.mean(), -0.5, 0.5))
        self.weekday = self.days.day_of_week.to_numpy()
        # event effects, filled in by the events before simulation
        self.reach_mult = np.ones(days)
        self.extra_reach = np.zeros(days)  # absolute reach added (bot views)
        self.extra_gain = np.zeros(
            days
        )  # legit followers beyond the reach coupling (ads, giveaways, shout-outs)
        self.extra_lost = np.zeros(days)
        self.fraud_gain = np.zeros(days)
        self.fraud_lost = np.zeros(days)
        self.ads = np.zeros(days)
        self.post_boost: dict[int, float] = {}  # post day -> reach multiplier of one post that day
        self.promoted_days: set[int] = set()
        self.base_gain: np.ndarray | None = None

    # -- base simulation -----------------------------------------------------------------------------
    def schedule_posts(self) -> None:
        rng = self.rng
        p = min(0.95, self.posts_per_week / 7)
        self.post_days = [i for i in range(self.n) if rng.random() < p]
        for i in list(self.post_days):
            if rng.random() < 0.15 * p:
                self.post_days.append(i)  # a second post that day
        self.post_days.sort()
        names = [f[0] for f in FORMATS]
        probs = np.array([f[1] for f in FORMATS])
        self.post_format = rng.choice(names, size=len(self.post_days), p=probs / probs.sum())
        self.post_noise = rng.lognormal(0.0, rng.uniform(0.25, 0.5), size=len(self.post_days))
        self.post_quality = rng.lognormal(0.0, self.quality_sd, size=len(self.post_days))
        self.post_hour = rng.integers(8, 22, size=len(self.post_days))

    def simulate(self) -> dict[str, np.ndarray]:
        rng, n = self.rng, self.n
        factor = {f[0]: f[2] for f in FORMATS}
        followers = np.zeros(n)
        gained = np.zeros(n)
        lost = np.zeros(n)
        reach = np.zeros(n)
        post_reach_on = np.zeros(n + 3)
        posts = []
        f = self.f0
        per_follower = (
            self.reach_rate + 0.55 * self.post_rate * self.posts_per_week / 7
        )  # typical reach / follower
        by_day: dict[int, list[int]] = {}
        for j, i in enumerate(self.post_days):
            by_day.setdefault(i, []).append(j)
        organic_noise = rng.lognormal(0.0, rng.uniform(0.06, 0.2), size=n)
        shocks = np.where(rng.random(n) < self.shock_rate, np.exp(np.clip(rng.standard_t(3, size=n) * 0.3, -1.0, 1.1)),
                          1.0)  # fmt: skip
        for i in range(n):
            mult = self.season[i] * self.dow[self.weekday[i]]
            for j in by_day.get(i, ()):
                r = f * self.post_rate * factor[self.post_format[j]] * self.post_noise[j] * self.season[i]
                r *= self.post_boost.get(i, 1.0) if j == by_day[i][0] else 1.0
                if i in self.promoted_days and j == by_day[i][0]:
                    r *= 3.0
                r = max(1.0, r)
                post_reach_on[i] += 0.6 * r
                post_reach_on[i + 1] += 0.25 * r
                post_reach_on[i + 2] += 0.1 * r
                posts.append((j, i, r))
            organic = f * self.reach_rate * mult * organic_noise[i] * self.reach_mult[i]
            reach[i] = organic + post_reach_on[i] * self.reach_mult[i] + self.extra_reach[i]
            seen = reach[i] - self.extra_reach[i]  # bot views bring nobody
            coupled = self.coupling * seen / (f * per_follower) + (1 - self.coupling)
            lam = f * self.gain_rate * self.drift[i] * mult * coupled * shocks[i] + self.extra_gain[i]
            # negative binomial as a gamma-mixed Poisson: overdispersed like real daily counts
            organic_gain = (
                rng.poisson(lam * rng.gamma(self.dispersion, 1.0 / self.dispersion)) if lam > 0 else 0
            )
            lam_lost = f * self.loss_rate * rng.lognormal(0, 0.15) + self.extra_lost[i]
            organic_lost = rng.poisson(lam_lost)
            gained[i] = organic_gain + self.fraud_gain[i]
            lost[i] = organic_lost + self.fraud_lost[i]
            f = max(10.0, f + gained[i] - lost[i])
            followers[i] = f
        self.followers_series, self.gained_series, self.lost_series, self.reach_series = (
            followers,
            gained,
            lost,
            reach,
        )
        self.posts = posts
        return {"followers": followers, "gained": gained, "lost": lost, "reach": reach}

    def base_sigma(self, day: int) -> float:
        """σ = 1.4826 × MAD of the daily new followers in the 28 days before ``day`` (the difficulty unit)."""
        window = self.base_gain[max(0, day - 28) : day]
        if window.size < 7:
            window = self.base_gain[:28]
        return max(MAD_PER_SIGMA * float(np.median(np.abs(window - np.median(window)))), 1.0)

    def frames(self) -> AccountInput:
        rng, n = self.rng, self.n
        reach = np.round(self.reach_series)
        daily = pd.DataFrame({
            "date": self.days, "followers": np.round(self.followers_series), "followers_gained": self.gained_series,
            "followers_lost": self.lost_series, "reach": reach,
            "views": np.round(reach * rng.uniform(1.2, 1.8, size=n)),
        })  # fmt: skip
        clicks = rng.poisson(np.maximum(reach - self.extra_reach, 0) * self.ctr)
        daily["link_clicks"] = clicks.astype(float)
        sessions = rng.poisson(clicks * rng.uniform(0.6, 0.9) + self.f0 * 0.0005 * rng.lognormal(0, 0.2, n))
        rows = []
        first_post = {}
        for j, i, _ in self.posts:
            first_post.setdefault(i, j)
        for j, i, r in self.posts:
            quality = self.post_quality[j]
            post_reach = round(r * rng.uniform(1.0, 1.3))
            likes = rng.poisson(post_reach * self.like_rate * quality)
            comments = rng.poisson(likes * self.comment_rate * rng.lognormal(0, 0.3) + 0.3)
            views = round(post_reach * rng.uniform(1.1, 1.8))
            rows.append({"post_id": f"{self.name}-{j}", "date": self.days[i],
                         "published_at": self.days[i] + pd.Timedelta(hours=int(self.post_hour[j])),
                         "format": self.post_format[j], "reach": float(post_reach), "views": float(views),
                         "likes": float(likes), "comments": float(comments),
                         "is_promoted": i in self.promoted_days and j == first_post[i]})  # fmt: skip
        posts = pd.DataFrame(rows)
        ads = pd.DataFrame({"date": self.days[self.ads > 0], "amount": self.ads[self.ads > 0]})
        web = pd.DataFrame({"date": self.days, "sessions": sessions.astype(float)})
        return AccountInput("vk", self.name, daily, posts, ads, web)


def _bucket(multiple: float) -> str:
    for lo, hi, name in DIFFICULTY_BUCKETS:
        if lo <= multiple < hi:
            return name
    return DIFFICULTY_BUCKETS[-1][2]


class _Generator:
    def __init__(self, config: BenchConfig) -> None:
        self.config = config
        self.rng = np.random.default_rng(config.seed)
        self.truth: list[dict] = []

    def _free_day(self, acc: _Account, busy: list[tuple[int, int]], length: int, lo: int = 60,
                  posts: list[int] | None = None) -> int | None:  # fmt: skip
        """A start day whose event (± 35 days) does not touch another event; on a post day if ``posts``."""
        candidates = [p for p in (posts or []) if lo <= p < acc.n - length - 35]
        if posts is not None and not candidates:
            return None
        if acc.n - length - 35 <= lo:
            return None  # the series is too short for this event
        for _ in range(50):
            if posts is not None:
                start = int(self.rng.choice(candidates))
            else:
                start = int(self.rng.integers(lo, acc.n - length - 35))
            if all(start + length + 35 < a or start > b + 35 for a, b in busy):
                busy.append((start, start + length))
                return start
        return None

    def _truth(self, acc: _Account, kind: str, type_: str, start: int, end: int, **extra) -> dict:
        row = {"account": acc.name, "tier": acc.tier, "kind": kind, "type": type_, "start": acc.days[start].date(),
               "end": acc.days[min(end, acc.n - 1)].date(), "difficulty": np.nan, "bucket": "", "delivery": "",
               "churn": "", **extra}  # fmt: skip
        self.truth.append(row)
        return row

    def build(self) -> Bench:
        cfg, rng = self.config, self.rng
        inputs, tiers = [], {}
        for k in range(cfg.accounts):
            name = f"acc{k:04d}"
            acc = _Account(name, np.random.default_rng(rng.integers(2**63)), cfg.days, cfg.shock_rate)
            acc.schedule_posts()
            busy: list[tuple[int, int]] = []
            for _ in range(rng.poisson(cfg.hard_negatives)):
                self._hard_negative(acc, busy)
            # base pass (for the difficulty unit), then the real pass with the injected fraud
            state = acc.rng.bit_generator.state
            acc.simulate()
            acc.base_gain = acc.gained_series.copy()
            acc.rng.bit_generator.state = state
            frauds = 0
            if rng.random() < cfg.fraud_share:
                frauds = 2 if rng.random() < cfg.second_fraud_share else 1
            post_fraud = []
            for _ in range(frauds):
                if rng.random() < cfg.package_share:
                    self._follower_package(acc, busy)
                else:
                    post_fraud.append(self._engagement_fraud(acc, busy))
            acc.simulate()
            account_input = acc.frames()
            for apply in post_fraud:
                if apply is not None:
                    apply(account_input)
            self._glitches_after(acc, account_input)
            inputs.append(account_input)
            tiers[name] = acc.tier
        truth = pd.DataFrame(self.truth)
        return Bench(cfg, inputs, truth, tiers)

    # -- hard negatives ------------------------------------------------------------------------------
    def _hard_negative(self, acc: _Account, busy) -> None:
        rng = self.rng
        kind = rng.choice(["viral", "ads", "giveaway", "shoutout", "purge", "glitch"],
                          p=[0.22, 0.22, 0.16, 0.12, 0.1, 0.18])  # fmt: skip
        if kind == "viral":
            start = self._free_day(acc, busy, 3, posts=acc.post_days)
            if start is None:
                return
            boost = float(rng.uniform(5, 25))
            acc.post_boost[start] = boost
            base = acc.f0 * acc.gain_rate
            extra = base * rng.uniform(0.5, 3.0) * boost / 5
            acc.extra_gain[start : start + 3] += extra * np.array([0.6, 0.3, 0.1])
            churn = rng.uniform(0.05, 0.2) * extra
            acc.extra_lost[start + 3 : start + 33] += churn / 30
            self._truth(acc, "legit", "viral_post", start, start + 2)
        elif kind == "ads":
            length = int(rng.integers(5, 22))
            start = self._free_day(acc, busy, length)
            if start is None:
                return
            lift = float(rng.uniform(1.3, 2.5))
            acc.reach_mult[start : start + length] *= lift
            spend = acc.f0 * rng.uniform(0.02, 0.2)
            acc.ads[start : start + length] += spend
            acc.extra_gain[start : start + length] += acc.f0 * acc.gain_rate * rng.uniform(0.5, 4.0)
            for i in range(start, start + length):
                if i in acc.post_days and rng.random() < 0.5:
                    acc.promoted_days.add(i)
            self._truth(acc, "legit", "paid_promotion", start, start + length - 1)
        elif kind == "giveaway":
            length = int(rng.integers(1, 4))
            start = self._free_day(acc, busy, length + 30, posts=acc.post_days)
            if start is None:
                return
            acc.post_boost[start] = float(rng.uniform(3, 8))
            acc.reach_mult[start : start + length] *= rng.uniform(1.5, 3.0)
            size = acc.f0 * rng.uniform(0.02, 0.1)
            acc.extra_gain[start : start + length] += size / length
            rho = rng.uniform(0.2, 0.5)
            tau = rng.uniform(5, 15)
            decay = np.exp(-np.arange(30) / tau)
            acc.extra_lost[start + length : start + length + 30] += (rho * size * decay / decay.sum())[
                : max(0, min(30, acc.n - start - length))
            ]
            self._truth(acc, "legit", "giveaway", start, start + length - 1)
        elif kind == "shoutout":
            length = int(rng.integers(1, 3))
            start = self._free_day(acc, busy, length)
            if start is None:
                return
            acc.reach_mult[start : start + length] *= rng.uniform(2.0, 4.0)
            acc.extra_gain[start : start + length] += acc.f0 * acc.gain_rate * rng.uniform(2, 10)
            self._truth(acc, "legit", "shout_out", start, start + length - 1)
        elif kind == "purge":
            start = self._free_day(acc, busy, 1)
            if start is None:
                return
            acc.extra_lost[start] += acc.f0 * rng.uniform(0.01, 0.05)
            self._truth(acc, "legit", "platform_purge", start, start)
        else:
            start = self._free_day(acc, busy, 5)
            if start is None:
                return
            pattern = str(rng.choice(["reverted_jump", "backfill", "total_without_joins", "zero_then_sum"]))
            acc.glitches = [*getattr(acc, "glitches", []), (start, pattern)]
            self._truth(acc, "legit", "connector_glitch", start, start + 4, delivery=pattern)

    def _glitches_after(self, acc: _Account, inp: AccountInput) -> None:
        rng = self.rng
        daily = inp.daily
        for start, pattern in getattr(acc, "glitches", []):
            if pattern == "reverted_jump":
                k = int(rng.integers(1, 4))
                jump = daily["followers"].iloc[start] * rng.uniform(0.03, 0.3) * rng.choice([-1, 1])
                daily.loc[start : start + k - 1, "followers"] += round(jump)
            elif pattern in ("backfill", "zero_then_sum"):
                k = int(rng.integers(1, 5))
                for column in ("followers_gained", "reach"):
                    total = daily[column].iloc[start : start + k + 1].sum()
                    daily.loc[start : start + k - 1, column] = np.nan if pattern == "backfill" else 0.0
                    daily.loc[start + k, column] = total
            else:  # the platform counted accounts that never joined (a platform bug): the total jumps for good
                jump = round(daily["followers"].iloc[start] * rng.uniform(0.02, 0.15))
                daily.loc[start:, "followers"] += jump

    # -- fraud ---------------------------------------------------------------------------------------
    def _follower_package(self, acc: _Account, busy) -> None:
        rng = self.rng
        multiple = float(rng.choice(PACKAGE_MULTIPLES))
        drip = rng.random() < 0.4
        length = int(rng.integers(3, 15)) if drip else 1
        start = self._free_day(acc, busy, length + 40)
        if start is None:
            return
        size = multiple * acc.base_sigma(start)
        weights = rng.uniform(0.6, 1.4, size=length)
        acc.fraud_gain[start : start + length] += np.round(size * weights / weights.sum())
        churn_kind = rng.choice(["none", "exponential", "step"], p=[0.4, 0.45, 0.15])
        churn = ""
        if churn_kind == "exponential":
            rho, tau = rng.uniform(0.1, 0.6), rng.uniform(3, 20)
            decay = np.exp(-np.arange(40) / tau)
            stop = min(acc.n, start + length + 40)
            acc.fraud_lost[start + length : stop] += np.round(rho * size * decay / decay.sum())[
                : stop - start - length
            ]
            churn = f"exp ρ={rho:.2f} τ={tau:.0f}"
        elif churn_kind == "step":
            rho = rng.uniform(0.2, 0.8)
            day = start + length + int(rng.integers(7, 35))
            if day < acc.n:
                acc.fraud_lost[day] += round(rho * size)
            churn = f"step ρ={rho:.2f}"
        self._truth(acc, "fraud", "followers", start, start + length - 1, difficulty=multiple,
                    bucket=_bucket(multiple), delivery="drip" if drip else "instant", churn=churn or "none",
                    size=round(size))  # fmt: skip

    def _engagement_fraud(self, acc: _Account, busy):
        rng = self.rng
        kind = rng.choice(["likes", "comments", "fixed_likes", "reach"], p=[0.3, 0.25, 0.25, 0.2])
        if kind == "reach":
            length = int(rng.integers(1, 6))
            start = self._free_day(acc, busy, length)
            if start is None:
                return None
            lift = float(rng.uniform(1.5, 5.0))
            typical = acc.f0 * (acc.reach_rate + 0.55 * acc.post_rate * acc.posts_per_week / 7)
            acc.extra_reach[start : start + length] += typical * (lift - 1)
            # bots see the posts but neither follow nor visit the site: the coupling must not react
            acc.reach_mult[start : start + length] *= 1.0
            self._truth(acc, "fraud", "reach_without_traffic", start, start + length - 1, difficulty=lift,
                        bucket=f"×{lift:.0f}", delivery="instant" if length == 1 else "drip")  # fmt: skip
            acc.coupling_off = [*getattr(acc, "coupling_off", []), (start, length)]
            return None
        count = {"likes": int(rng.integers(1, 4)), "comments": int(rng.integers(3, 7)),
                 "fixed_likes": int(rng.choice([6, 12, 24]))}[kind]  # fmt: skip
        start_day = self._free_day(acc, busy, 7 if kind != "fixed_likes" else 60)
        if start_day is None:
            return None
        generator = self

        def apply(inp: AccountInput) -> None:
            posts = inp.posts
            if posts.empty:
                return
            first = int(np.searchsorted(posts["date"].to_numpy(), np.datetime64(acc.days[start_day])))
            rows = list(range(first, min(len(posts), first + count)))
            if len(rows) < min(count, 3):
                return
            median_likes = float(posts["likes"].median())
            if kind == "likes":
                multiple = float(rng.uniform(0.2, 3.0))
                for r in rows:
                    posts.loc[r, "likes"] += round(multiple * max(median_likes, 5))
                bucket = "<1× median" if multiple < 1 else ("1–2× median" if multiple < 2 else "≥2× median")
            elif kind == "comments":
                multiple = float(rng.uniform(1.0, 6.0))
                for r in rows:
                    posts.loc[r, "comments"] += round(multiple * (posts["comments"].median() + 5))
                bucket = "<3× median" if multiple < 3 else "≥3× median"
            else:
                multiple = float(rng.uniform(0.8, 2.0))
                u = float(rng.uniform(0.05, 0.2))
                for r in rows:
                    posts.loc[r, "likes"] = round(
                        posts.loc[r, "likes"] * u + multiple * max(median_likes, 10)
                    )
                bucket = f"N={count}"
            generator._truth(acc, "fraud", f"{kind}_package", 0, 0, difficulty=multiple, bucket=bucket,
                             delivery=f"{len(rows)} posts")  # fmt: skip
            generator.truth[-1]["start"] = posts["date"].iloc[rows[0]].date()
            generator.truth[-1]["end"] = posts["date"].iloc[rows[-1]].date()

        return apply


def generate(config: BenchConfig = BenchConfig()) -> Bench:
    """The benchmark for ``config`` (same config → same data)."""
    return _Generator(config).build()


# --------------------------------------------------------------------------------------------------
# Scoring


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _overlap(a0: dt.date, a1: dt.date, b0: dt.date, b1: dt.date, margin: int = 0) -> bool:
    pad = dt.timedelta(days=margin)
    return a0 - pad <= b1 and a1 + pad >= b0


@dataclass
class Score:
    events: pd.DataFrame  # one row per truth event with detected (bool) and detectors (set)
    flags: pd.DataFrame  # one row per flag with true_positive (bool)
    months: pd.DataFrame  # account, month, positive, flagged, detectors
    legit: pd.DataFrame  # legit events with flagged (bool) and labelled (bool)

    def month_pr(self, detector: str | None = None) -> tuple[float, float, int, int]:
        months = self.months
        flagged = (
            months["flagged"] if detector is None else months["detectors"].apply(lambda s: detector in s)
        )
        tp = int((flagged & months["positive"]).sum())
        fp = int((flagged & ~months["positive"]).sum())
        fn = int((~flagged & months["positive"]).sum())
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        return precision, recall, tp, fp

    def month_recall(self, events: pd.DataFrame) -> float:
        """Share of the account-months touched by ``events`` that were flagged."""
        months = self.months.set_index(["account", "month"])
        keys = set()
        for row in events.itertuples():
            for month in _month_starts(row.start, row.end):
                keys.add((row.account, month))
        if not keys:
            return float("nan")
        return float(np.mean([bool(months.loc[k, "flagged"]) for k in keys if k in months.index]))


def score(bench: Bench, analyses: list[inflation.AccountAnalysis], margin: int = MARGIN_DAYS) -> Score:
    truth = bench.truth
    fraud = truth[truth["kind"] == "fraud"]
    flags = [f for a in analyses for f in a.findings if inflation.is_flag(f)]
    labels = [f for a in analyses for f in a.findings if f.kind == "legit_cause"]
    by_account: dict[str, list] = {}
    for f in flags:
        by_account.setdefault(f.account, []).append(f)
    event_rows = []
    for row in truth.itertuples():
        hits = [
            f for f in by_account.get(row.account, []) if _overlap(f.start, f.end, row.start, row.end, margin)
        ]
        event_rows.append({**row._asdict(), "detected": bool(hits), "detectors": {f.detector for f in hits}})
    events = pd.DataFrame(event_rows).drop(columns=["Index"])
    fraud_by_account: dict[str, list] = {}
    for row in fraud.itertuples():
        fraud_by_account.setdefault(row.account, []).append((row.start, row.end))
    flag_rows = [{
        "account": f.account, "detector": f.detector, "kind": f.kind, "start": f.start, "end": f.end,
        "true_positive": any(_overlap(f.start, f.end, s, e, margin) for s, e in fraud_by_account.get(f.account, [])),
    } for f in flags]  # fmt: skip
    flag_frame = pd.DataFrame(
        flag_rows, columns=["account", "detector", "kind", "start", "end", "true_positive"]
    )
    month_rows = []
    for inp in bench.inputs:
        days = inp.daily["date"]
        first, last = days.min().date(), days.max().date()
        for month in _month_starts(first, last):
            m0, m1 = max(month, first), min(_month_end(month), last)
            positive = any(_overlap(s, e, m0, m1) for s, e in fraud_by_account.get(inp.account, []))
            hit = [f for f in by_account.get(inp.account, []) if _overlap(f.start, f.end, m0, m1)]
            month_rows.append({"account": inp.account, "month": month, "positive": positive, "flagged": bool(hit),
                               "detectors": {f.detector for f in hit}})  # fmt: skip
    months = pd.DataFrame(month_rows)
    legit_rows = []
    label_by_account: dict[str, list] = {}
    for f in labels:
        label_by_account.setdefault(f.account, []).append(f)
    for row in truth[truth["kind"] == "legit"].itertuples():
        flagged = any(
            _overlap(f.start, f.end, row.start, row.end, margin) for f in by_account.get(row.account, [])
        )
        labelled = [f.cause for f in label_by_account.get(row.account, [])
                    if _overlap(f.start, f.end, row.start, row.end, margin)]  # fmt: skip
        legit_rows.append({"type": row.type, "flagged": flagged, "labelled": bool(labelled),
                           "cause": labelled[0] if labelled else ""})  # fmt: skip
    return Score(
        events, flag_frame, months, pd.DataFrame(legit_rows, columns=["type", "flagged", "labelled", "cause"])
    )


def run(
    bench: Bench, settings: InflationSettings = inflation.DEFAULT_SETTINGS, jobs: int = 1
) -> list[inflation.AccountAnalysis]:
    """Every detector on every account of ``bench`` (``jobs`` worker processes)."""
    if jobs <= 1:
        return [inflation.analyze_account(inp, settings) for inp in bench.inputs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(
            pool.map(inflation.analyze_account, bench.inputs, [settings] * len(bench.inputs), chunksize=8)
        )


def operating_point(result: Score) -> dict:
    """The numbers the README and the test hold the detectors to."""
    events = result.events
    instant = events[
        (events["kind"] == "fraud") & (events["type"] == "followers") & (events["delivery"] == "instant")
    ]
    instant5 = instant[instant["difficulty"] >= 5]
    instant5mad = instant[instant["difficulty"] * MAD_PER_SIGMA >= 5 - 1e-9]
    drip10 = events[
        (events["kind"] == "fraud")
        & (events["type"] == "followers")
        & (events["delivery"] == "drip")
        & (events["difficulty"] >= 10)
    ]
    legit = result.legit
    precision, recall, tp, fp = result.month_pr()
    return {
        "month_precision": precision,
        "month_recall": recall,
        "instant5_event_recall": float(instant5["detected"].mean()) if len(instant5) else float("nan"),
        "instant5_month_recall": result.month_recall(instant5),
        "instant5_events": len(instant5),
        "instant5mad_event_recall": float(instant5mad["detected"].mean())
        if len(instant5mad)
        else float("nan"),
        "instant5mad_events": len(instant5mad),
        "drip10_event_recall": float(drip10["detected"].mean()) if len(drip10) else float("nan"),
        "drip10_events": len(drip10),
        "legit_flagged": float(legit["flagged"].mean()) if len(legit) else float("nan"),
        "flagged_months": tp + fp,
        "false_months": fp,
    }


# --------------------------------------------------------------------------------------------------
# Report


def _pct(value: float) -> str:
    return "   —" if value is None or not np.isfinite(value) else f"{100 * value:5.1f}%"


def _table(title: str, header: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    lines = [f"\n{title}", "| " + " | ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]  # fmt: skip
    for row in rows:
        lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def report(bench: Bench, result: Score, sweep: list[tuple[float, dict]] | None = None) -> str:
    out = []
    cfg = bench.config
    events = result.events
    fraud = events[events["kind"] == "fraud"]
    point = operating_point(result)
    out.append(f"Benchmark: seed {cfg.seed}, {cfg.accounts} accounts × {cfg.days} days, "
               f"{len(fraud)} injected fraud events, {int((events['kind'] == 'legit').sum())} legitimate events, "
               f"{len(result.months)} account-months ({int(result.months['positive'].sum())} with fraud).")  # fmt: skip
    out.append(_table("Operating point (default settings)", ["measure", "value", "target"], [
        ["account-month precision", _pct(point["month_precision"]), "≥ 90%"],
        ["account-month recall, all fraud", _pct(point["month_recall"]), "reported"],
        [f"event recall, instant follower packages ≥ 5σ (n={point['instant5_events']})",
         _pct(point["instant5_event_recall"]), "≥ 80%"],
        ["account-month recall, instant packages ≥ 5σ", _pct(point["instant5_month_recall"]), "≥ 80%"],
        [f"event recall, instant packages ≥ 5×MAD ≈ 3.4σ (n={point['instant5mad_events']})",
         _pct(point["instant5mad_event_recall"]), "reported"],
        [f"event recall, packages dripped over 3–14 days ≥ 10σ (n={point['drip10_events']})",
         _pct(point["drip10_event_recall"]), "reported"],
        ["legitimate events flagged (false alarms; per cause below)", _pct(point["legit_flagged"]), "reported"],
    ]))  # fmt: skip
    rows = []
    packages = fraud[fraud["type"] == "followers"]
    for delivery in ("instant", "drip"):
        for _, _, bucket in DIFFICULTY_BUCKETS:
            sub = packages[(packages["delivery"] == delivery) & (packages["bucket"] == bucket)]
            if len(sub):
                rows.append([f"followers, {delivery}", bucket, len(sub), _pct(sub["detected"].mean()),
                             _pct(result.month_recall(sub))])  # fmt: skip
    for type_ in sorted(set(fraud["type"]) - {"followers"}):
        for bucket in sorted(set(fraud.loc[fraud["type"] == type_, "bucket"])):
            sub = fraud[(fraud["type"] == type_) & (fraud["bucket"] == bucket)]
            rows.append(
                [type_, bucket, len(sub), _pct(sub["detected"].mean()), _pct(result.month_recall(sub))]
            )
    out.append(_table("Recall by injection and difficulty (follower packages: size in σ = 1.4826·MAD of daily new followers)",
                      ["injection", "difficulty", "events", "event recall", "account-month recall"], rows))  # fmt: skip
    churned = packages[packages["churn"] != "none"]
    kept = packages[packages["churn"] == "none"]
    out.append(_table("Follower packages with and without later churn", ["packages", "events", "event recall"], [
        ["with churn", len(churned), _pct(churned["detected"].mean() if len(churned) else np.nan)],
        ["without churn", len(kept), _pct(kept["detected"].mean() if len(kept) else np.nan)],
    ]))  # fmt: skip
    rows = []
    flags = result.flags
    for detector in inflation.DETECTORS:
        own = flags[flags["detector"] == detector]
        precision, recall, tp, fp = result.month_pr(detector)
        touched = fraud[fraud["detectors"].apply(lambda s, d=detector: d in s)]
        rows.append([detector, inflation.DETECTORS[detector], len(own),
                     _pct(own["true_positive"].mean() if len(own) else np.nan), len(touched),
                     _pct(precision), tp + fp])  # fmt: skip
    out.append(_table("Per detector", ["detector", "name", "flags", "flag precision (event)", "fraud events hit",
                                       "account-month precision", "months flagged"], rows))  # fmt: skip
    legit = result.legit
    rows = []
    for type_ in sorted(set(legit["type"])):
        sub = legit[legit["type"] == type_]
        causes = sub.loc[sub["labelled"], "cause"].value_counts()
        rows.append([type_, len(sub), _pct(sub["flagged"].mean()), _pct(sub["labelled"].mean()),
                     ", ".join(f"{c} {n}" for c, n in causes.items()) or "—"])  # fmt: skip
    out.append(_table("Hard negatives (legitimate): flagged by mistake, and labelled with a cause",
                      ["event", "events", "flagged (false alarm)", "labelled", "labels given"], rows))  # fmt: skip
    if sweep:
        rows = [[f"{factor:.2f}", _pct(p["month_precision"]), _pct(p["month_recall"]),
                 _pct(p["instant5_event_recall"]), _pct(p["instant5mad_event_recall"]),
                 _pct(p["drip10_event_recall"]), p["false_months"]] for factor, p in sweep]  # fmt: skip
        out.append(_table("PR sweep (every z threshold × strictness)",
                          ["strictness", "month precision", "month recall", "instant ≥5σ event recall",
                           "instant ≥5 MAD event recall", "drip ≥10σ event recall", "false months"], rows))  # fmt: skip
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smmkpi.trust_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=BENCH_SEED)
    parser.add_argument("--accounts", type=int, default=BenchConfig.accounts)
    parser.add_argument("--days", type=int, default=BenchConfig.days)
    parser.add_argument("--no-sweep", action="store_true", help="skip the PR sweep (faster)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = parser.parse_args(argv)
    config = replace(BenchConfig(), seed=args.seed, accounts=args.accounts, days=args.days)
    started = time.perf_counter()
    bench = generate(config)
    analyses = run(bench, jobs=args.jobs)
    result = score(bench, analyses)
    sweep = None
    if not args.no_sweep:
        sweep = []
        for factor in SWEEP:
            settings = replace(inflation.DEFAULT_SETTINGS, strictness=factor)
            sweep.append((factor, operating_point(score(bench, run(bench, settings, jobs=args.jobs)))))
    print(report(bench, result, sweep))
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
