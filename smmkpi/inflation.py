"""Explainable detectors of inflated followers and engagement ("накрутка") on daily aggregates and posts.

Pure functions: one account's daily rows, posts, ad spend and site sessions go in; an ordered list of
:class:`Finding` comes out. There is no score: every finding names its detector, the days (or posts) and
the numbers behind it, and the account verdict is derived from the findings (:func:`verdict`).

Detectors (reference: docs/trust.md and the team's inflation-detection notes):

- **D1 gain without reach** — daily new followers beyond what the day's reach predicts. Model:
  ``log1p(gain) − b·log1p(reach)`` against a robust baseline (centred rolling median, weekday effects,
  rolling MAD, outliers excluded in a second pass); ``b`` is a robust (Huber) slope of gain deviations
  on reach deviations. One day is judged on the count scale (:func:`_day_z`: the excess in followers
  against the account's own spread, its own tail and the day's reach z); 3 days together on the log
  scale; a package dripped over more days by a one-sided CUSUM of the days' excess (:func:`_drip_runs`,
  reference ``d1_cusum_k``, threshold ``d1_cusum_h``, restarted by promotions and raised reach). Any of
  them above its threshold is suspicious when reach did not rise with it, no ad spend or promoted post
  touches it, and the excess is at least ``min_excess`` followers (small accounts are not flagged on noise).
- **D2 spike then churn** — a spike of new followers of which ``churn_share`` or more leave within
  ``churn_days``. After an unexplained spike: bought, then dropped (suspicious). After a spike that reach
  explains: a giveaway, "low-quality growth" (legit cause). A step drop in followers is a platform purge.
- **D3 reach not scaling** — over 28 days followers grew ≥ 10 % (and ≥ twice the account's usual 28-day
  growth) while reach elasticity β < 0.2.
- **D4 likes beyond reach** — likes > reach or likes > views is impossible; a post whose likes/reach
  (logit) is > ``d4_z`` robust σ above the account's other posts of the format is suspicious.
- **D5 comment/like shift** — ≥ 3 consecutive posts whose (comments+1)/(likes+1) is > ``d5_z`` σ off.
- **D6 uniform likes** — over 12 posts the likes spread (P90−P10)/median < 0.3 and CV < 2/√mean while
  reach varied (fixed-size packages).
- **D7 off-hours delivery** — night share (00–06 local) of hourly new followers/views > 3 σ above its
  baseline; needs hourly data, which smmkpi's stores do not hold yet ("not enough data").
- **D8 no site traffic** — reach jumped (> ``d8_reach_z`` σ) while new followers and site sessions from
  that network did not move, and nothing paid explains it.
- **DQ data quality** — connector glitches and back-fills (a jump that reverts, a run of empty or zero
  days followed by their sum, a follower total that jumps without joins) are labelled, never flagged.

Null rule: a detector without its inputs reports "not enough data" in :attr:`AccountAnalysis.status` and
never fires. Missing values are NaN, never 0.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from statistics import NormalDist

import numpy as np
import pandas as pd

DETECTORS: dict[str, str] = {
    "D1": "gain_without_reach",
    "D2": "spike_then_churn",
    "D3": "reach_not_scaling",
    "D4": "likes_beyond_reach",
    "D5": "comment_like_shift",
    "D6": "uniform_likes",
    "D7": "off_hours",
    "D8": "no_site_traffic",
    "DQ": "data_quality",
}
KINDS = ("impossible", "suspicious", "legit_cause")
FLAG_KINDS = frozenset({"impossible", "suspicious"})
CAUSES = ("viral_post", "paid_promotion", "giveaway", "platform_purge", "connector_glitch")
VERDICTS = ("likely_inflated", "suspicious", "clean", "not_enough_data")
STATUS_OK = "ok"
MAD_TO_SD = 1.4826
VIDEO_FORMATS = frozenset({"video", "reel", "clip"})
DAILY_INPUTS = ("followers", "followers_gained", "followers_lost", "reach", "views", "link_clicks")


# --------------------------------------------------------------------------------------------------
# Settings: every threshold is a named setting


@dataclass(frozen=True)
class InflationSettings:
    """Thresholds of all detectors. ``strictness`` multiplies every z threshold (PR sweeps)."""

    strictness: float = 1.0
    # robust baselines
    baseline_days: int = 57  # centred rolling window of the median / MAD baselines
    min_days: int = 28  # days with data a daily detector needs before it says anything
    outlier_z: float = 3.0  # days beyond this are left out of the second-pass baseline
    # D1 — gain not explained by reach
    d1_z: float = 5.2  # one day (count-scale z of the excess, tail-calibrated: see _day_z)
    d1_window_z: float = 5.2  # 3, 7 or 14 days together (drip delivery; more tests, days move together)
    d1_tail_quantile: float = 0.975  # the account's own quantile of daily z that calibrates its tail …
    d1_tail_min_days: int = 56  # … once it has this many days (fewer: no calibration)
    # … and never by more than this factor: a short history with a few bought days has its own packages in its
    # tail, which would otherwise raise the bar above them (3 × +150 on ~40 a day in 70 days went unseen).
    # 3.5 still allows an account with a burst every 9th day (factor ≈ 3.5, see the tests) and tails heavier
    # than Student's t with 2 degrees of freedom (factor ≈ 2.2).
    d1_tail_max: float = 3.5
    d1_reach_penalty: float = 1.0  # one-day z drops by this × reach z of the day (or the day before)
    # days summed besides the one-day test: 3 days for short packages, which the CUSUM below (on ranks) cannot
    # build up in time; longer drips are the CUSUM's (it replaced the 7/14-day windows: more drips found,
    # fewer false alarms on the benchmark)
    windows: tuple[int, ...] = (1, 3)
    # D1 drip: a one-sided CUSUM of the normal scores of the days' excess z (see _drip_runs)
    d1_cusum_k: float = 0.75  # reference value: a day adds its score minus k (shifts below k do not build up)
    d1_cusum_h: float = 7.0  # decision threshold: about 185 000 ordinary days per false alarm (iid scores)
    d1_cusum_reach_z: float = 2.0  # reach this unusual that day or the day before restarts the sum
    min_excess: float = 12.0  # followers above expectation, at least …
    min_excess_share: float = 0.0005  # … and at least this share of the followers
    d1_raw_z: float = 1.0  # the gain itself must be above normal too, not only against a low reach
    spike_z: float = 4.0  # a raw gain spike worth labelling with its legitimate cause
    reach_explains_z: float = 1.0  # reach above its baseline …
    reach_explains_rise: float = math.log(2.0)  # … that at least doubled …
    reach_explains_share: float = 0.25  # … and rose by this share of the gain's rise (log) explains the gain
    # a day's usual reach depends on the posts published that day and the day before (see _reach_groups) …
    reach_by_posts: bool = True
    # … and reach raised against either those days or the same weekday explains a jump
    reach_explain_both: bool = True
    # reach the day before explains a jump only if that day's own new followers rose by this share of it (log)
    reach_lead_share: float = 0.5
    reach_clear_z: float = 2.5  # reach this unusual explains any gain that day (bought followers see nothing)
    # D2 — spike then churn, purges
    churn_share: float = 0.2
    churn_days: int = 30
    d2_min_excess_mad: float = 15.0  # spike excess in MADs of daily gains
    purge_z: float = 8.0
    purge_min_share: float = 0.003  # a purge removes at least this share of followers
    # D3 — reach does not scale with followers
    d3_days: int = 28
    d3_growth: float = 0.10
    d3_beta: float = 0.2
    d3_beta_organic: float = 0.5  # reach elasticity of organic growth (the alternative tested against)
    d3_z: float = 2.0  # reach must fall short of organic growth by this many standard errors
    d3_vs_usual: float = 2.0  # … and the growth is at least this many times the account's usual 28-day growth
    # D4 — likes beyond reach/views
    d4_z: float = 4.0
    d4_neighbours: int = 30
    d4_min_posts: int = 10
    d4_min_excess: float = 20.0  # likes above expectation
    d4_tolerance: float = 0.02  # likes may exceed reach by 2 % (counters read at different moments) …
    d4_tolerance_abs: float = 5.0  # … or by 5 likes, before it is "impossible"
    d4_alone_z: float = 5.0  # … or this far when the posts do not report comments
    d4_clr_z: float = 2.5  # comments per like this far below usual: the likes came without people
    d4_min_scale: float = 0.2  # organic like rates vary by at least this much (logit)
    # D5 — comment/like ratio shift
    d5_z: float = 3.0
    d5_run: int = 3
    d5_min_posts: int = 15
    # D6 — likes too uniform
    d6_posts: int = 12
    d6_spread: float = 0.3  # under the reference's 40 %: every run of 12 posts is tested (many tests)
    d6_spread_no_reach: float = 0.25  # stricter when reach cannot show that the audience varied
    d6_cv_factor: float = 2.0
    d6_min_mean_likes: float = 10.0
    # D7 — off-hours delivery (hourly data)
    d7_z: float = 3.0
    d7_min_excess: float = 20.0
    # D8 — reach without followers or site visits
    d8_reach_z: float = 4.0
    d8_gain_z: float = -2.0  # new followers fell short of what that reach brings (z of D1's residual)
    d8_min_slope: float = 0.2  # … which only means something where followers do follow reach
    d8_sessions_z: float = 0.5
    # data quality
    glitch_z: float = 8.0
    glitch_min: float = 30.0
    ads_rise: float = 1.5  # ad spend this many times its usual daily level counts as a promotion
    # verdict
    likely_severity: float = 4.0  # a finding this far beyond its threshold makes "likely inflated"
    corroboration_days: int = 7  # findings of two detectors this close describe one episode

    def z(self, threshold: float) -> float:
        return threshold * self.strictness


DEFAULT_SETTINGS = InflationSettings()


# --------------------------------------------------------------------------------------------------
# Inputs and outputs


@dataclass
class AccountInput:
    """One account's data. Day columns are calendar days (datetime64); NaN = not reported.

    ``daily``: date + any of followers, followers_gained, followers_lost, reach, views, link_clicks.
    ``posts``: post_id, date, format, reach, views, likes, comments, is_promoted (any may be missing).
    ``ads``: date, amount — ad spend on this account or on its network for its client, one row per day.
    ``sessions``: date, sessions — site visits from this account's network (web analytics).
    ``hourly``: hour (local timestamp), value — hourly new followers or views, when a source has them.
    """

    network: str
    account: str
    daily: pd.DataFrame
    posts: pd.DataFrame | None = None
    ads: pd.DataFrame | None = None
    sessions: pd.DataFrame | None = None
    hourly: pd.DataFrame | None = None


@dataclass
class Finding:
    network: str
    account: str
    detector: str
    kind: str
    start: dt.date
    end: dt.date
    severity: float
    evidence: dict = field(default_factory=dict)

    @property
    def cause(self) -> str | None:
        return self.evidence.get("cause")

    @property
    def key(self) -> str:
        """Stable within an account and detector: the first day, plus the post for post findings."""
        post = self.evidence.get("post_id")
        return f"{self.start.isoformat()}#{post}" if post else self.start.isoformat()

    def overlaps(self, start: dt.date, end: dt.date, margin: int = 0) -> bool:
        pad = dt.timedelta(days=margin)
        return self.start - pad <= end and self.end + pad >= start

    def to_dict(self) -> dict:
        """The CLI's JSON object: network, account, detector, kind, start, end, severity, evidence."""
        return {
            "network": self.network,
            "account": self.account,
            "detector": self.detector,
            "kind": self.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "severity": round(float(self.severity), 3),
            "evidence": _jsonable(self.evidence),
        }


@dataclass
class AccountAnalysis:
    network: str
    account: str
    findings: list[Finding]
    status: dict[str, str]  # detector -> "ok" or "not_enough_data: <what is missing>"
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    @property
    def ran(self) -> list[str]:
        return [d for d, s in self.status.items() if s == STATUS_OK]


def _jsonable(value):
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat() if isinstance(value, pd.Timestamp) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        v = float(value)
        if math.isnan(v) or math.isinf(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 2**53 else round(v, 4)
    return value


# --------------------------------------------------------------------------------------------------
# Robust baselines


def _rolling_median(values: np.ndarray, window: int) -> np.ndarray:
    series = pd.Series(values)
    out = series.rolling(window, center=True, min_periods=max(3, window // 4)).median()
    return out.interpolate(limit_direction="both").to_numpy(dtype=float)


def robust_z(
    values: np.ndarray,
    weekday: np.ndarray,
    *,
    exclude: np.ndarray | None = None,
    window: int = 57,
    floor: np.ndarray | float | None = None,
    outlier_z: float = 3.0,
    passes: int = 2,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(z, fitted, scale) of ``values`` against a centred rolling median with weekday effects.

    ``rz = (x − baseline) / (1.4826 · MAD)``. The second pass leaves out days beyond ``outlier_z`` (the
    spikes being looked for) so they do not shift their own baseline; ``exclude`` days (ads, glitches)
    never enter it. ``floor`` bounds the scale from below (e.g. Poisson noise of small counts).
    """
    v = np.asarray(values, dtype=float)
    n = len(v)
    nan = np.full(n, np.nan)
    keep = np.isfinite(v) if exclude is None else np.isfinite(v) & ~exclude
    if keep.sum() < 3:
        return nan, nan, nan
    z = fitted = scale = nan
    for _ in range(passes):
        base = np.where(keep, v, np.nan)
        effect = np.zeros(7)
        level = _rolling_median(base, window)
        if np.isfinite(base).sum() >= 56:  # eight weeks before weekday effects mean anything
            for _ in range(2):
                deviation = base - level
                effect = np.array([
                    np.nanmedian(deviation[(weekday == d) & np.isfinite(deviation)])
                    if ((weekday == d) & np.isfinite(deviation)).sum() >= 4 else 0.0
                    for d in range(7)
                ])  # fmt: skip
                effect -= np.median(effect)
                level = _rolling_median(base - effect[weekday], window)
        fitted = level + effect[weekday]
        resid = v - fitted
        absolute = np.where(keep, np.abs(resid), np.nan)
        scale = MAD_TO_SD * _rolling_median(absolute, window)
        overall = MAD_TO_SD * np.nanmedian(absolute)
        scale = np.fmax(scale, 0.5 * overall)
        if floor is not None:
            scale = np.fmax(scale, floor)
        scale = np.fmax(np.nan_to_num(scale, nan=overall if np.isfinite(overall) else 1.0), 1e-6)
        z = resid / scale
        keep = keep & ~(np.abs(np.nan_to_num(z)) > outlier_z)
        if keep.sum() < 3:
            break
    return z, fitted, scale


def huber_slope(x: np.ndarray, y: np.ndarray, *, c: float = 1.345, iterations: int = 25) -> float:
    """Robust slope of y on x through the origin (Huber IRLS); 0 when x does not vary."""
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if len(x) < 5 or float(np.sum(x * x)) <= 1e-12:
        return 0.0
    b = float(np.sum(x * y) / np.sum(x * x))
    for _ in range(iterations):
        r = y - b * x
        s = MAD_TO_SD * float(np.median(np.abs(r))) or 1e-6
        w = np.minimum(1.0, c * s / np.maximum(np.abs(r), 1e-12))
        denominator = float(np.sum(w * x * x))
        if denominator <= 1e-12:
            break
        b_new = float(np.sum(w * x * y) / denominator)
        if abs(b_new - b) < 1e-6:
            b = b_new
            break
        b = b_new
    return b


def _stouffer(z: np.ndarray, k: int) -> np.ndarray:
    """Σ z over the k days ending on each day / √(days present); NaN when < 70 % of them are present."""
    if k == 1:
        return z.copy()
    series = pd.Series(z)
    total = series.rolling(k, min_periods=1).sum().to_numpy()
    count = series.notna().astype(float).rolling(k, min_periods=1).sum().to_numpy()
    out = total / np.sqrt(np.maximum(count, 1.0))
    out[count < math.ceil(0.7 * k)] = np.nan
    return out


def _runs(mask: np.ndarray, gap: int = 0) -> list[tuple[int, int]]:
    """[start, end] index pairs of True runs; runs separated by ≤ ``gap`` False days are merged."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    runs = []
    start = prev = int(idx[0])
    for i in idx[1:]:
        i = int(i)
        if i - prev - 1 > gap:
            runs.append((start, prev))
            start = i
        prev = i
    runs.append((start, prev))
    return runs


def _nanmax(values: np.ndarray, default: float = np.nan) -> float:
    values = values[np.isfinite(values)]
    return float(values.max()) if values.size else default


def _nanmean(values: np.ndarray, default: float = np.nan) -> float:
    values = values[np.isfinite(values)]
    return float(values.mean()) if values.size else default


def _nanmedian(values: np.ndarray, default: float = np.nan) -> float:
    values = values[np.isfinite(values)]
    return float(np.median(values)) if values.size else default


def _mad(values: np.ndarray) -> float:
    values = values[np.isfinite(values)]
    if values.size == 0:
        return float("nan")
    return float(np.median(np.abs(values - np.median(values))))


def _num(value: float, digits: int = 0):
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits) if digits else int(round(float(value)))


# --------------------------------------------------------------------------------------------------
# The daily series of one account


@dataclass
class _Daily:
    days: pd.DatetimeIndex
    weekday: np.ndarray
    followers: np.ndarray
    gained: np.ndarray | None
    lost: np.ndarray | None
    reach: np.ndarray | None
    reach_source: str | None
    sessions: np.ndarray | None
    clicks: np.ndarray | None
    ads: np.ndarray  # ad spend per day (0 where none)
    promoted: np.ndarray  # promoted posts published that day
    has_ads: bool
    posted: np.ndarray | None = None  # posts published that day (None: no posts table)

    @property
    def n(self) -> int:
        return len(self.days)

    def day(self, i: int) -> dt.date:
        return self.days[i].date()


def _column(frame: pd.DataFrame, name: str, days: pd.DatetimeIndex) -> np.ndarray | None:
    if frame is None or name not in frame or frame[name].notna().sum() == 0:
        return None
    series = frame.groupby("date")[name].sum(min_count=1)
    return np.array(pd.to_numeric(series, errors="coerce").reindex(days), dtype=float)  # a writable copy


def _post_reach_level(posts: pd.DataFrame | None, days: pd.DatetimeIndex) -> np.ndarray | None:
    """A daily reach level from posts (median reach, else views, of the posts of the last 7 days)."""
    if posts is None or posts.empty:
        return None
    for column in ("reach", "views"):
        if column in posts and posts[column].notna().sum() >= 10:
            per_day = posts.groupby("date")[column].median().reindex(days)
            level = per_day.rolling(7, min_periods=1).median().ffill()
            return np.array(level, dtype=float)
    return None


def _prepare_daily(inp: AccountInput) -> _Daily | None:
    daily = inp.daily
    if daily is None or daily.empty:
        return None
    daily = daily.copy()
    daily["date"] = pd.to_datetime(daily["date"]).dt.normalize()
    days = pd.date_range(daily["date"].min(), daily["date"].max(), freq="D")
    reach = _column(daily, "reach", days)
    source = "daily" if reach is not None and np.isfinite(reach).sum() >= 0.5 * len(days) else None
    if source is None:
        reach = _post_reach_level(inp.posts, days)
        source = "posts" if reach is not None else None
    ads = np.zeros(len(days))
    if inp.ads is not None and not inp.ads.empty:
        spend = inp.ads.assign(date=pd.to_datetime(inp.ads["date"]).dt.normalize())
        spend = spend.groupby("date")["amount"].sum(min_count=1).reindex(days)
        ads = np.nan_to_num(spend.to_numpy(dtype=float), nan=0.0)
    promoted = np.zeros(len(days))
    posts = inp.posts
    if posts is not None and not posts.empty and "is_promoted" in posts:
        flagged = posts[posts["is_promoted"].fillna(False).astype(bool)]
        if not flagged.empty:
            counts = flagged.groupby(pd.to_datetime(flagged["date"]).dt.normalize()).size().reindex(days)
            promoted = np.nan_to_num(counts.to_numpy(dtype=float), nan=0.0)
    sessions = None
    if inp.sessions is not None and not inp.sessions.empty and inp.sessions["sessions"].notna().any():
        s = inp.sessions.assign(date=pd.to_datetime(inp.sessions["date"]).dt.normalize())
        sessions = np.array(s.groupby("date")["sessions"].sum(min_count=1).reindex(days), dtype=float)
    posted = None
    if posts is not None and not posts.empty and "date" in posts:
        counts = posts.groupby(pd.to_datetime(posts["date"]).dt.normalize()).size().reindex(days)
        posted = np.nan_to_num(counts.to_numpy(dtype=float), nan=0.0)
    followers = _column(daily, "followers", days)
    return _Daily(
        days=days, weekday=days.day_of_week.to_numpy(),
        followers=followers if followers is not None else np.full(len(days), np.nan),
        gained=_column(daily, "followers_gained", days), lost=_column(daily, "followers_lost", days),
        reach=reach, reach_source=source, sessions=sessions, clicks=_column(daily, "link_clicks", days),
        ads=ads, promoted=promoted, has_ads=inp.ads is not None, posted=posted,
    )  # fmt: skip


# --------------------------------------------------------------------------------------------------
# The analysis


def _paid_days(d: _Daily, s: InflationSettings) -> np.ndarray:
    """Days a promotion can explain: a promoted post, or ad spend above its usual level.

    Always-on spend at a steady level does not explain a sudden jump; a campaign starting or a budget
    raised (≥ ``ads_rise`` × the median daily spend of the 28 days before) does.
    """
    spend = d.ads
    usual = pd.Series(spend).shift(1).rolling(28, min_periods=1).median().fillna(0.0).to_numpy()
    raised = (spend > 0) & (spend >= s.ads_rise * usual)
    return raised | (d.promoted > 0)


class _Context:
    """Series and intermediate results shared by the daily detectors of one account."""

    def __init__(self, inp: AccountInput, d: _Daily, settings: InflationSettings) -> None:
        self.inp, self.d, self.s = inp, d, settings
        self.findings: list[Finding] = []
        self.status: dict[str, str] = {}
        n = d.n
        self.glitch = np.zeros(n, dtype=bool)  # days whose follower numbers a glitch distorted
        self.paid = _paid_days(d, settings)
        self.paid_near = self.paid | (
            np.roll(self.paid, 1) & (np.arange(n) > 0)
        )  # promotion lifts the next day
        self.delta = np.diff(d.followers, prepend=np.nan)
        self.episodes: list[dict] = []
        self.residual: tuple[np.ndarray, float] | None = None  # D1's z of gains given reach, and its slope

    def add(self, detector: str, kind: str, start: int, end: int, severity: float, evidence: dict) -> Finding:
        finding = Finding(self.inp.network, self.inp.account, detector, kind, self.d.day(start), self.d.day(end),
                          float(max(0.0, severity)), evidence)  # fmt: skip
        self.findings.append(finding)
        return finding

    def followers_at(self, i: int) -> float:
        f = self.d.followers[: i + 1]
        f = f[np.isfinite(f)]
        return float(f[-1]) if f.size else float("nan")


def analyze_account(inp: AccountInput, settings: InflationSettings = DEFAULT_SETTINGS) -> AccountAnalysis:
    """Run every detector on one account; findings come back ordered (see :func:`order_findings`)."""
    d = _prepare_daily(inp)
    status: dict[str, str] = {}
    findings: list[Finding] = []
    first = last = None
    if d is None:
        for key in ("D1", "D2", "D3", "D8", "DQ"):
            status[key] = "not_enough_data: no daily rows"
    else:
        first, last = d.day(0), d.day(d.n - 1)
        ctx = _Context(inp, d, settings)
        _data_quality(ctx)
        _gain_spikes(ctx)
        _reach_not_scaling(ctx)
        _no_site_traffic(ctx)
        findings += ctx.findings
        status.update(ctx.status)
    post_findings, post_status = _post_detectors(inp, settings)
    findings += post_findings
    status.update(post_status)
    hourly_findings, status["D7"] = _off_hours(inp, settings)
    findings += hourly_findings
    ordered = order_findings(findings)
    status = {key: status.get(key, "not_enough_data") for key in DETECTORS}
    return AccountAnalysis(inp.network, inp.account, ordered, status, first, last)


def order_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Impossible first, then suspicious by severity, then legitimate causes; later days first in a tie."""
    rank = {"impossible": 0, "suspicious": 1, "legit_cause": 2}
    return sorted(
        findings, key=lambda f: (rank.get(f.kind, 3), -f.severity, -f.start.toordinal(), f.detector)
    )


# --------------------------------------------------------------------------------------------------
# DQ: connector glitches, back-fills, purges


def _data_quality(ctx: _Context) -> None:
    d, s = ctx.d, ctx.s
    f = d.followers
    if np.isfinite(f).sum() < s.min_days:
        ctx.status["DQ"] = "not_enough_data: fewer than 28 days with a follower total"
    else:
        ctx.status["DQ"] = STATUS_OK
        _reverting_jumps(ctx)
        _uncounted_jumps(ctx)
    _backfills(ctx, "gained")
    _backfills(ctx, "reach")
    _purges(ctx)


def _delta_scale(ctx: _Context) -> float:
    delta = ctx.delta[np.isfinite(ctx.delta) & ~ctx.glitch]
    if delta.size < 7:
        return float("nan")
    return max(MAD_TO_SD * _mad(delta), 1.0)


def _reverting_jumps(ctx: _Context) -> None:
    """A follower total that jumps and comes back within three days: the source misreported it."""
    d, s = ctx.d, ctx.s
    f, delta = d.followers, ctx.delta
    scale = _delta_scale(ctx)
    if not np.isfinite(scale):
        return
    threshold = max(s.glitch_min, s.z(s.glitch_z) * scale)
    i = 1
    while i < d.n - 1:
        jump = delta[i]
        if not np.isfinite(jump) or abs(jump) < threshold or not np.isfinite(f[i - 1]):
            i += 1
            continue
        # people who join show in the joins of that day; a miscount does not
        joined = (
            d.gained[i] - _nanmedian(d.gained[max(0, i - 28) : i], 0.0) if d.gained is not None else np.nan
        )
        if np.isfinite(joined) and jump > 0 and joined >= 0.5 * jump:
            i += 1
            continue
        for k in (1, 2, 3):
            j = i + k
            if j >= d.n or not np.isfinite(f[j]) or not np.isfinite(delta[j]):
                continue
            back = f[j] - f[i - 1]
            # the total comes back in one step of the opposite sign (a slow decline is churn, not a glitch)
            if (
                delta[j] * jump < 0
                and abs(delta[j]) >= 0.5 * abs(jump)
                and abs(back) <= 0.2 * abs(jump) + 3 * scale * math.sqrt(k + 1)
            ):
                ctx.glitch[i:j] = True
                ctx.delta[i : j + 1] = np.nan
                ctx.add("DQ", "legit_cause", i, j - 1, 0.0, {
                    "cause": "connector_glitch", "pattern": "reverted_jump", "jump": _num(jump),
                    "followers_before": _num(f[i - 1]), "followers_after": _num(f[j]), "days": k,
                })  # fmt: skip
                i = j
                break
        i += 1


def _uncounted_jumps(ctx: _Context) -> None:
    """The total jumps but joins and leaves do not show it: a counting change, not people."""
    d, s = ctx.d, ctx.s
    if d.gained is None or d.lost is None:
        return
    gap = ctx.delta - (d.gained - d.lost)
    ok = np.isfinite(gap) & ~ctx.glitch
    if ok.sum() < s.min_days:
        return
    scale = max(MAD_TO_SD * _mad(gap[ok]), 1.0)
    centre = _nanmedian(gap[ok], 0.0)
    threshold = max(s.glitch_min, s.z(s.glitch_z) * scale)
    for a, b in _runs(ok & (np.abs(np.nan_to_num(gap - centre)) >= threshold)):
        ctx.glitch[a : b + 1] = True
        ctx.add("DQ", "legit_cause", a, b, 0.0, {
            "cause": "connector_glitch", "pattern": "total_without_joins",
            "total_change": _num(np.nansum(ctx.delta[a : b + 1])),
            "joins_minus_leaves": _num(np.nansum((d.gained - d.lost)[a : b + 1])),
        })  # fmt: skip
        ctx.delta[a : b + 1] = np.nan


def _backfills(ctx: _Context, column: str) -> None:
    """Empty or zero days followed by one day holding their sum: the source caught up late."""
    d = ctx.d
    values = d.gained if column == "gained" else (d.reach if d.reach_source == "daily" else None)
    if values is None:
        return
    typical = _nanmedian(values[values > 0], 0.0)
    if typical < 3:
        return
    # an empty day is a gap; a zero day only where zero is improbable (Poisson P(0) < 0.01 % from 10 a day)
    blank = ~np.isfinite(values) | ((values == 0) & (typical >= 10))
    for a, b in _runs(blank):
        j = b + 1
        if j >= d.n or not np.isfinite(values[j]) or a == 0:
            continue
        k = b - a + 1
        if k > 14:
            continue
        expected = (k + 1) * typical
        if 0.5 * expected <= values[j] <= 2.0 * expected and values[j] >= 1.8 * typical:
            if column == "gained":
                ctx.glitch[a : j + 1] = True
            ctx.add("DQ", "legit_cause", a, j, 0.0, {
                "cause": "connector_glitch", "pattern": "backfill", "metric": column,
                "empty_days": k, "catch_up_value": _num(values[j]), "typical_day": _num(typical),
            })  # fmt: skip
            values[a : j + 1] = np.nan  # neither the gap nor the catch-up day are real days


def _purges(ctx: _Context) -> None:
    """A step drop in followers that does not come back: the platform removed accounts."""
    d, s = ctx.d, ctx.s
    drop = -ctx.delta
    lost_z = None
    if d.lost is not None:
        lost_z, _, _ = robust_z(np.log1p(d.lost), d.weekday, exclude=ctx.glitch, window=s.baseline_days,
                                outlier_z=s.outlier_z)  # fmt: skip
    scale = _delta_scale(ctx)
    if not np.isfinite(scale) and lost_z is None:
        return
    for i in range(1, d.n):
        if ctx.glitch[i]:
            continue
        followers = ctx.followers_at(i - 1)
        if not np.isfinite(followers) or followers <= 0:
            continue
        step = drop[i] if np.isfinite(drop[i]) else np.nan
        lost_excess = np.nan
        if d.lost is not None and np.isfinite(d.lost[i]):
            lost_excess = d.lost[i] - _nanmedian(d.lost[max(0, i - 28) : i], 0.0)
        by_total = np.isfinite(step) and np.isfinite(scale) and step >= s.z(s.purge_z) * scale
        by_lost = lost_z is not None and np.isfinite(lost_z[i]) and lost_z[i] >= s.z(s.purge_z)
        size = np.nanmax([step if np.isfinite(step) else np.nan, lost_excess]) if (by_total or by_lost) else 0
        if (
            (by_total or by_lost)
            and np.isfinite(size)
            and size >= s.purge_min_share * followers
            and size >= s.glitch_min
        ):
            # a purge is one step; losses that stay high for days are churn (D2 looks at those)
            after = drop[i + 1 : i + 4]
            if d.lost is not None:
                after = d.lost[i + 1 : i + 4] - _nanmedian(d.lost[max(0, i - 28) : i], 0.0)
            if np.isfinite(after).any() and _nanmean(after) > 0.3 * size:
                continue
            ctx.add("D2", "legit_cause", i, i, 0.0, {
                "cause": "platform_purge", "drop": _num(size), "share": _num(size / followers, 4),
                "followers_before": _num(followers),
            })  # fmt: skip


# --------------------------------------------------------------------------------------------------
# D1 + D2: gain spikes, explained or not, and what became of them


def _gain_series(ctx: _Context) -> tuple[np.ndarray | None, str]:
    d = ctx.d
    if d.gained is not None and np.isfinite(d.gained).sum() >= ctx.s.min_days:
        return d.gained.copy(), "followers_gained"
    if np.isfinite(ctx.delta).sum() >= ctx.s.min_days:
        return np.clip(ctx.delta, 0, None), "net_change"
    return None, ""


def _reach_groups(d: _Daily, s: InflationSettings) -> np.ndarray:
    """Day groups whose usual reach differs: by the account's own posts where the posts are known.

    Most of a community's daily reach comes from its new posts, so a day without a post reaches fewer people
    than a day with two. Judged against days like it (no post, a post the day before, one post, several), a
    day's reach shows what the account's own posting cannot explain: an audience from elsewhere (a shout-out,
    a repost, a mention) — the legitimate companion of a jump in followers. Without posts: the weekday.
    """
    posted = d.posted
    if not s.reach_by_posts or posted is None or d.reach_source != "daily" or posted.sum() < s.min_days:
        return d.weekday
    yesterday = np.concatenate([[0.0], posted[:-1]])
    return np.where(posted >= 2, 3, np.where(posted == 1, 2, np.where(yesterday > 0, 1, 0)))


def _gain_spikes(ctx: _Context) -> None:
    d, s = ctx.d, ctx.s
    gain, basis = _gain_series(ctx)
    if gain is None:
        ctx.status["D1"] = ctx.status["D2"] = "not_enough_data: fewer than 28 days of new followers"
        return
    gain[ctx.glitch] = np.nan
    y = np.log1p(gain)
    exclude = ctx.glitch | ctx.paid_near
    # the log scale: growth, seasons and reach act multiplicatively; for small counts the log squeezes an
    # excess (a conservative choice: small accounts are not flagged on noise)
    zy, fy, _ = robust_z(y, d.weekday, exclude=exclude, window=s.baseline_days, outlier_z=s.outlier_z,
                         floor=_poisson_floor(np.expm1(np.nanmedian(y))))  # fmt: skip
    raw_expected = np.expm1(fy)
    reach_ok = d.reach is not None and (np.isfinite(d.reach) & np.isfinite(gain)).sum() >= s.min_days
    if reach_ok:
        x = np.log1p(d.reach)
        zx, fx, _ = robust_z(x, _reach_groups(d, s), exclude=exclude, window=s.baseline_days,
                             outlier_z=s.outlier_z)  # fmt: skip
        clean = np.isfinite(zy) & np.isfinite(zx) & (np.abs(zy) < s.outlier_z) & ~exclude
        b = float(np.clip(huber_slope((x - fx)[clean], (y - fy)[clean]), 0.0, 1.5))
        e = y - b * x
        floor = _poisson_floor(raw_expected)
        ze, fe, _ = robust_z(e, d.weekday, exclude=exclude, window=s.baseline_days, outlier_z=s.outlier_z,
                             floor=floor)  # fmt: skip
        expected = np.expm1(fe + b * x)
        # Reach explains gains going up, but a day of low reach does not make ordinary gains suspicious
        # (part of every account's new followers comes from search and recommendations, not from reach):
        # below its usual reach a day is judged against its usual gains.
        dip = np.nan_to_num(x - fx) < 0
        ze = np.where(dip, zy, ze)
        expected = np.where(dip, raw_expected, expected)
        e_window = np.where(dip, y - b * fx, e)  # the same rule for the window test below
        zx_days = zx  # against days with the same posts: restarts the drip test below
        if s.reach_explain_both:
            # what explains a jump: reach raised against days with the same posts, or against the same
            # weekday (a giveaway's own post lifts reach, and that lift counts too)
            zw, fw, _ = robust_z(x, d.weekday, exclude=exclude, window=s.baseline_days, outlier_z=s.outlier_z)
            zx, fx = np.fmax(zx, zw), np.fmin(fx, fw)
        ctx.residual = (ze, b)
        z_day, tail, z_excess = _day_z(gain, expected, zx, d.weekday, exclude, s)
        ctx.status["D1"] = STATUS_OK
    else:
        zx = fx = x = ze = expected = e_window = z_day = z_excess = zx_days = None
        tail = float("nan")
        b = float("nan")
        ctx.status["D1"] = "not_enough_data: reach is not reported (daily or per post)"
    ctx.status["D2"] = STATUS_OK

    n = d.n
    suspicious_days = np.zeros(n, dtype=bool)
    window_z: dict[int, np.ndarray] = {}
    if z_day is not None:
        for k in s.windows:
            if k == 1:
                window_z[k] = z_day
            else:  # on the single day's scale: a window counts as much as a day above d1_z by as much
                raw = _window_z(e_window, d.weekday, exclude, k, side=s.d3_days)
                window_z[k] = raw + s.z(s.d1_z - s.d1_window_z)
            hits = np.flatnonzero(np.nan_to_num(window_z[k], nan=-np.inf) > s.z(s.d1_z))
            for i in hits:
                a = max(0, i - k + 1)
                suspicious_days[a : i + 1] |= np.nan_to_num(ze[a : i + 1]) > 0.5
            if k == 1:
                suspicious_days[hits] = True
    spike_days = np.nan_to_num(zy, nan=-np.inf) > s.z(s.spike_z)
    mad_gain = _mad(gain[np.isfinite(gain) & ~exclude])
    for a, b_ in _runs(suspicious_days | spike_days, gap=2):
        while a < b_ and not (suspicious_days[a] or spike_days[a]):
            a += 1
        best = max((_nanmax(z[a : b_ + 1], -np.inf) for z in window_z.values()), default=-np.inf)
        _classify_episode(ctx, a, b_, gain=gain, basis=basis, zy=zy, raw_expected=raw_expected, zx=zx,
                          fx=fx, x=x, y=y, fy=fy, ze=z_day, expected=expected, slope=b, mad_gain=mad_gain,
                          window_best=best, tail=tail)  # fmt: skip
    if z_excess is None:
        return
    # drips: a package spread over days that no single day or fixed window shows
    reach_up = np.nan_to_num(zx_days, nan=0.0)
    reach_up = np.fmax(reach_up, np.concatenate([[0.0], reach_up[:-1]]))
    restart = exclude | (reach_up >= s.d1_cusum_reach_z)
    flagged = [f for f in ctx.findings if f.detector == "D1" and f.kind == "suspicious"]
    for a, b_, peak, run_z in _drip_runs(z_excess, restart, s):
        if any(f.overlaps(d.day(a), d.day(b_)) for f in flagged):
            continue  # the one-day or window test already reported these days
        _classify_episode(ctx, a, b_, gain=gain, basis=basis, zy=zy, raw_expected=raw_expected, zx=zx, fx=fx,
                          x=x, y=y, fy=fy, ze=z_day, expected=expected, slope=b, mad_gain=mad_gain, tail=tail,
                          drip=(peak, run_z))  # fmt: skip


def _normal_scores(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Φ⁻¹((rank − ½) / n) of the kept finite values (average ranks for ties); NaN elsewhere."""
    out = np.full(len(values), np.nan)
    ok = np.isfinite(values) & keep
    if ok.sum() < 2:
        return out
    ranks = pd.Series(values[ok]).rank(method="average").to_numpy()
    inverse = NormalDist().inv_cdf
    out[ok] = [inverse(q) for q in (ranks - 0.5) / ok.sum()]
    return out


def _drip_runs(
    z: np.ndarray, restart: np.ndarray, s: InflationSettings
) -> list[tuple[int, int, float, float]]:
    """Runs of days whose excess over what reach predicts builds up: a one-sided CUSUM (Page 1954).

    The input is each day's z of its excess (count scale). Organic days of real accounts are heavy-tailed
    and differ from account to account, so the sum runs on the days' **normal scores** within the account
    (Φ⁻¹ of the rank): an ordinary day is N(0, 1) by construction, a burst counts no more than a top day,
    and one organic outlier cannot carry a run. ``S_t = max(0, S_{t−1} + score_t − k)``; a run starts when
    S leaves 0 and ends at its peak; it is reported when the peak exceeds ``h``. With k = 0.75 and h = 7
    an account with independent ordinary days raises a false alarm about once per 185 000 days (Siegmund's
    approximation; real days are slightly autocorrelated, so fewer in practice). k = 0.75 is tuned to
    shifts of about 1.5 σ a day, a package of 10 σ or more dripped over a week. Days a promotion, a glitch or clearly raised reach (that day or the day before: a
    viral post, a shout-out, a giveaway) can explain restart the sum; a missing day holds it.
    Returns (first day, peak day, peak S, Stouffer z of the run's scores).
    """
    scores = _normal_scores(z, ~restart)
    k, h = s.d1_cusum_k, s.z(s.d1_cusum_h)
    runs: list[tuple[int, int, float, float]] = []
    total, start, peak, peak_at = 0.0, -1, 0.0, -1

    def close() -> None:
        if peak > h:
            run = scores[start : peak_at + 1]
            run = run[np.isfinite(run)]
            runs.append((start, peak_at, peak, float(run.sum() / math.sqrt(max(run.size, 1)))))

    for i in range(len(scores)):
        if restart[i]:
            close()
            total, peak = 0.0, 0.0
            continue
        if not np.isfinite(scores[i]):
            continue
        step = max(0.0, total + scores[i] - k)
        if total == 0.0 and step > 0.0:
            start, peak = i, 0.0
        total = step
        if total > peak:
            peak, peak_at = total, i
        if total == 0.0:
            close()
            peak = 0.0
    close()
    return runs


def _day_z(gain: np.ndarray, expected: np.ndarray, zx: np.ndarray, weekday: np.ndarray, exclude: np.ndarray,
           s: InflationSettings) -> tuple[np.ndarray, float, np.ndarray]:  # fmt: skip
    """The one-day test of D1: each day's excess over what its reach predicts, in the account's own units.

    A package adds a number of followers, not a factor, so the excess ``gain − expected`` is measured on the
    count scale against the robust spread of the account's daily excesses (rolling MAD, weekday effects;
    Poisson noise √expected as a floor). That spread describes ordinary days only: an account whose organic
    growth is often bursty (heavy-tailed days: mentions elsewhere, unmeasured reposts) gets a higher bar —
    z is divided by the ratio of the account's own ``d1_tail_quantile`` quantile of z to the normal one
    (never below 1, never above ``d1_tail_max``: repeated packages in a short history must not hide
    themselves by being the tail). Reach above its usual level the same day or the day before makes a jump partly
    explainable (a shout-out whose reach rose a little): z drops by ``d1_reach_penalty`` × that reach z.
    Returns (z per day, the tail factor, the plain z of the excess before both adjustments).
    """
    excess = gain - expected
    zl, _, _ = robust_z(excess, weekday, exclude=exclude, window=s.baseline_days, outlier_z=s.outlier_z,
                        floor=np.sqrt(np.maximum(np.nan_to_num(expected, nan=1.0), 1.0)))  # fmt: skip
    own = zl[np.isfinite(zl) & ~exclude]
    tail = 1.0
    if own.size >= s.d1_tail_min_days:
        normal = NormalDist().inv_cdf(s.d1_tail_quantile)
        tail = min(s.d1_tail_max, max(1.0, float(np.quantile(own, s.d1_tail_quantile)) / normal))
    reach_up = np.fmax(np.nan_to_num(zx, nan=0.0), np.nan_to_num(np.roll(zx, 1), nan=0.0))
    reach_up[0] = max(0.0, float(np.nan_to_num(zx[0])))
    return zl / tail - s.d1_reach_penalty * np.clip(reach_up, 0.0, None), tail, zl


def _window_z(
    values: np.ndarray, weekday: np.ndarray, exclude: np.ndarray, k: int, *, side: int = 28
) -> np.ndarray:
    """z of the mean of the k days ending on each day against the ``side`` days before and after them.

    Drip delivery spreads a package over days, so no single day stands out and a centred baseline would
    absorb it; here the window is compared with its surroundings only (the window itself left out), each
    day capped at 3 σ, and the scale is the spread of k-day means over the whole series, which accounts
    for days that move together.
    """
    v = np.where(exclude, np.nan, np.asarray(values, dtype=float))
    level = _rolling_median(v, 57)
    deviation = v - level
    effect = np.zeros(7)
    if np.isfinite(deviation).sum() >= 56:
        for day in range(7):
            own = deviation[(weekday == day) & np.isfinite(deviation)]
            effect[day] = float(np.median(own)) if own.size >= 4 else 0.0
        effect -= np.median(effect)
    adjusted = pd.Series(v - effect[weekday])
    # a day that stands out on its own is the one-day test's business (and often a viral post or a
    # giveaway): capped at 3 σ here, so it cannot carry a window of ordinary days with it
    spread = MAD_TO_SD * float(np.nanmedian(np.abs(deviation))) if np.isfinite(deviation).any() else 0.0
    if spread > 0:
        adjusted = adjusted.clip(upper=pd.Series(level - effect[weekday] + 3.0 * spread))
    mean_k = adjusted.rolling(k, min_periods=math.ceil(0.7 * k)).mean()
    before = adjusted.shift(k).rolling(side, min_periods=side // 2).median()
    after = adjusted[::-1].rolling(side, min_periods=side // 2).median()[::-1].shift(-1)
    baseline = pd.concat([before, after], axis=1).mean(axis=1, skipna=True)
    difference = (mean_k - baseline).to_numpy()
    finite = difference[np.isfinite(difference)]
    if finite.size < 28:
        return np.full(len(v), np.nan)
    scale = max(MAD_TO_SD * float(np.median(np.abs(finite - np.median(finite)))), 1e-6)
    return (difference - float(np.median(finite))) / scale


def _poisson_floor(mean) -> np.ndarray | float:
    """The sd of log1p(count) for Poisson counts with this mean (delta method): small accounts are noisy."""
    mean = np.maximum(np.nan_to_num(np.asarray(mean, dtype=float), nan=1.0), 0.5)
    return np.sqrt(mean) / (mean + 1.0)


def _classify_episode(ctx: _Context, a: int, b: int, *, gain, basis, zy, raw_expected, zx, fx, x, y, fy, ze,
                      expected, slope, mad_gain, window_best=-np.inf, tail=float("nan"),
                      drip: tuple[float, float] | None = None) -> None:  # fmt: skip
    """Flag or label the days a..b. ``drip`` = (CUSUM peak, run z) for a run of :func:`_drip_runs`: then
    only reach raised over the run as a whole explains it, and an unflagged run is not labelled."""
    d, s = ctx.d, ctx.s
    days = slice(a, b + 1)
    near = slice(max(0, a - 1), b + 1)
    if ctx.glitch[days].all():
        return
    followers = ctx.followers_at(max(0, a - 1))
    excess_raw = float(np.nansum(gain[days] - raw_expected[days]))
    raw_z = _nanmax(zy[days], -np.inf)
    paid = bool(ctx.paid[near].any())
    evidence: dict = {
        "gain": _num(np.nansum(gain[days])), "expected_gain": _num(np.nansum(raw_expected[days])),
        "excess": _num(excess_raw), "gain_z": _num(raw_z, 1), "days": b - a + 1, "basis": basis,
        "followers_before": _num(followers),
    }  # fmt: skip
    reach_known = x is not None and np.isfinite(x[days]).any()
    explained = False
    if reach_known:
        reach = d.reach
        # Reach the day before counts only when its new followers rose too, by at least half as much (log):
        # people who see a post follow it that day first; a post that went viral yesterday with a few extra
        # followers does not explain nine times the usual gain today.
        lead = slice(a, b + 1)
        rise_first = _nanmax((y - fy)[days], 0.0)
        if a > 0 and np.nan_to_num(y[a - 1] - fy[a - 1], nan=0.0) >= s.reach_lead_share * rise_first:
            lead = near
        rz_peak = _nanmax(zx[lead], -np.inf)
        rise_reach = _nanmax((x - fx)[lead], 0.0)
        rise_gain = _nanmax((y - fy)[days], 0.0)
        rz_mean = _nanmean(zx[days], 0.0)
        mean_rise_reach = _nanmean((x - fx)[days], 0.0)
        mean_rise_gain = _nanmean((y - fy)[days], 0.0)
        # Bought followers see nothing, so the legitimate causes of a jump (a viral post, a shout-out, a
        # giveaway, ads) all come with reach: clearly unusual reach that day or the day before, or reach that
        # at least doubled and rose by a fair share of the gain's rise (log); over several days (a campaign,
        # a series of reposts) reach that stayed raised by at least half as much.
        # A drip run holds no day of clearly raised reach (those restart it); one ordinary reach day among
        # its many days explains nothing, so only reach raised over the run as a whole does.
        raised_over_days = rz_mean >= 1.0 and mean_rise_reach >= 2 * s.reach_explains_share * mean_rise_gain
        if drip is not None:
            explained = raised_over_days
        else:
            explained = (
                rz_peak >= s.reach_clear_z  # an exoneration: not made stricter by `strictness`
                or (
                    rz_peak >= s.reach_explains_z
                    and rise_reach >= max(s.reach_explains_rise, s.reach_explains_share * rise_gain)
                )
                or (b - a >= 2 and raised_over_days)
            )
        evidence.update({
            "reach": _num(_nanmedian(reach[days])), "reach_median": _num(_nanmedian(np.expm1(fx[days]))),
            "reach_peak": _num(_nanmax(reach[near])), "reach_z": _num(rz_peak, 1),
            "reach_source": d.reach_source, "reach_slope": _num(slope, 2),
        })  # fmt: skip
    if paid:
        evidence.update(
            {"ad_spend": _num(float(d.ads[near].sum()), 2), "promoted_posts": int(d.promoted[near].sum())}
        )
    elif d.has_ads:
        evidence["ad_spend"] = 0
    resid_z = float("-inf")
    excess_resid = float("nan")
    if ze is not None:
        resid_z = max(_nanmax(ze[days], -np.inf), window_best)
        excess_resid = float(np.nansum(gain[days] - expected[days]))
        evidence.update({"expected_given_reach": _num(np.nansum(expected[days])), "z": _num(resid_z, 1),
                         "tail_factor": _num(tail, 2)})  # fmt: skip
    big_enough = max(s.min_excess, s.min_excess_share * (followers if np.isfinite(followers) else 0.0))
    if drip is not None:
        peak, run_z = drip
        evidence.update({"z": _num(run_z, 1), "test": "drip", "cusum": _num(peak, 1),
                         "cusum_h": _num(s.z(s.d1_cusum_h), 1), "cusum_k": _num(s.d1_cusum_k, 2)})  # fmt: skip
        if (reach_known and not paid and not explained and excess_resid >= big_enough
                and excess_raw >= big_enough):  # fmt: skip
            severity = (peak - s.z(s.d1_cusum_h)) / math.sqrt(b - a + 1)
            ctx.episodes.append({"start": a, "end": b, "suspicious": True, "paid": False, "explained": False})
            ctx.episodes[-1]["finding"] = ctx.add("D1", "suspicious", a, b, severity, dict(evidence))
        return
    suspicious = (
        reach_known
        and not paid
        and not explained
        and resid_z > s.z(s.d1_z)
        and excess_resid >= big_enough
        and excess_raw >= big_enough
        and raw_z >= s.z(s.d1_raw_z)
    )
    visible = raw_z > s.z(s.spike_z) and excess_raw >= big_enough
    churn = _churn(ctx, a, b, excess_raw, basis=basis) if excess_raw > 0 else None
    if churn:
        evidence.update(churn)
    churned = bool(churn) and churn.get("churn_share") is not None and churn["churn_share"] >= s.churn_share
    churned = churned and churn.get("churn_significant", False)
    churn_sized = excess_raw >= max(
        big_enough, s.d2_min_excess_mad * (mad_gain if np.isfinite(mad_gain) else 0)
    )
    ctx.episodes.append(
        {"start": a, "end": b, "suspicious": suspicious, "paid": paid, "explained": explained}
    )
    if suspicious:
        finding = ctx.add("D1", "suspicious", a, b, resid_z - s.z(s.d1_z), dict(evidence))
        if churned and churn_sized:
            severity = resid_z - s.z(s.d1_z) + (1.0 if churn.get("churn_step") else 0.0)
            ctx.add("D2", "suspicious", a, b, severity, {**evidence, "after": "D1"})
        ctx.episodes[-1]["finding"] = finding
        return
    if paid:
        if visible:
            cause_evidence = {**evidence, "cause": "paid_promotion"}
            ctx.add("D1", "legit_cause", a, b, 0.0, cause_evidence)
        return
    if churned and churn_sized and (visible or raw_z > s.z(s.spike_z) * 0.75):
        if reach_known and not explained:
            severity = raw_z - s.z(s.spike_z) + (1.0 if churn.get("churn_step") else 0.0)
            ctx.episodes[-1]["suspicious"] = True
            ctx.add("D2", "suspicious", a, b, severity, evidence)
        else:
            ctx.add("D2", "legit_cause", a, b, 0.0, {**evidence, "cause": "giveaway"})
        return
    if visible and reach_known and explained:
        viral = _viral_post(ctx, a, b)
        ctx.add("D1", "legit_cause", a, b, 0.0, {**evidence, "cause": "viral_post", **viral})


def _viral_post(ctx: _Context, a: int, b: int) -> dict:
    """The post that carried the reach, when one of the 3 days before the spike has one."""
    posts = ctx.inp.posts
    if posts is None or posts.empty or "reach" not in posts and "views" not in posts:
        return {}
    column = "reach" if "reach" in posts and posts["reach"].notna().any() else "views"
    lo = ctx.d.days[max(0, a - 2)]
    hi = ctx.d.days[b]
    dates = pd.to_datetime(posts["date"])
    near = posts[(dates >= lo) & (dates <= hi) & posts[column].notna()]
    if near.empty:
        return {}
    top = near.loc[near[column].idxmax()]
    typical = float(posts[column].median())
    return {"post_id": str(top.get("post_id", "")) or None, "post_reach": _num(top[column]),
            "post_reach_median": _num(typical)}  # fmt: skip


def _churn(ctx: _Context, a: int, b: int, excess: float, *, basis: str) -> dict | None:
    """How many of a spike's ``excess`` followers left within ``churn_days`` after it (D2)."""
    d, s = ctx.d, ctx.s
    after = slice(b + 1, min(d.n, b + 1 + s.churn_days))
    if b + 1 >= d.n or excess <= 0:
        return None
    before = slice(max(0, a - 28), a)
    if (
        d.lost is not None
        and np.isfinite(d.lost[after]).sum() >= 7
        and np.isfinite(d.lost[before]).sum() >= 7
    ):
        base = _nanmedian(d.lost[before])
        spread = max(MAD_TO_SD * _mad(d.lost[before]), math.sqrt(max(base, 1.0)))
        extra = d.lost[after] - base
        measured = "followers_lost"
    else:
        net = ctx.delta
        if np.isfinite(net[after]).sum() < 7 or np.isfinite(net[before]).sum() < 7:
            return None
        base = _nanmedian(net[before])
        spread = max(MAD_TO_SD * _mad(net[before]), 1.0)
        extra = base - net[after]
        measured = "net_change"
    present = np.isfinite(extra)
    left = float(np.nansum(extra))
    significant = left >= 3.0 * spread * math.sqrt(max(1, present.sum()))
    step = bool(present.any() and _nanmax(extra) >= 0.5 * left > 0)
    last = (
        b + 1 + int(np.flatnonzero(np.nan_to_num(extra) > 2 * spread)[-1])
        if (np.nan_to_num(extra) > 2 * spread).any()
        else b
    )
    return {
        "churn_share": _num(left / excess, 3), "churn_followers": _num(left), "churn_days": int(present.sum()),
        "churn_basis": measured, "churn_significant": bool(significant), "churn_step": step,
        "churn_until": d.day(min(last, d.n - 1)),
    }  # fmt: skip


# --------------------------------------------------------------------------------------------------
# D3: reach does not scale with followers


def _reach_not_scaling(ctx: _Context) -> None:
    d, s = ctx.d, ctx.s
    f = d.followers.copy()
    f[ctx.glitch] = np.nan
    if d.reach is None or np.isfinite(f).sum() < 2 * s.d3_days or np.isfinite(d.reach).sum() < 2 * s.d3_days:
        ctx.status["D3"] = "not_enough_data: needs 56 days of followers and reach"
        return
    ctx.status["D3"] = STATUS_OK
    # follower growth without the jumps a glitch put into the total
    filled = pd.Series(f).interpolate(limit_area="inside").to_numpy()
    step = np.nan_to_num(np.diff(filled, prepend=filled[0]))
    # a glitch's days and the day after them: the interpolation would carry part of the jump into the level
    # (a total that jumped for good and was left out on its day came back through the next day's step);
    # joins minus leaves, where reported, say what people did those days
    after_glitch = ctx.glitch | (np.roll(ctx.glitch, 1) & (np.arange(d.n) > 0))
    people = (d.gained - d.lost) if d.gained is not None and d.lost is not None else np.zeros(d.n)
    step[after_glitch] = np.nan_to_num(people[after_glitch], nan=0.0)
    first = int(np.flatnonzero(np.isfinite(filled))[0])
    level = filled[first] + np.cumsum(np.where(np.arange(d.n) > first, step, 0.0))
    level[: first + 1] = filled[first]
    log_reach = np.log1p(d.reach)
    deviation = log_reach - _rolling_median(log_reach, s.baseline_days)
    weekday_effect = np.array([_nanmedian(deviation[d.weekday == w], 0.0) for w in range(7)])
    log_reach = log_reach - (weekday_effect - np.median(weekday_effect))[d.weekday]
    paid_growth = ctx.paid_near | np.roll(ctx.paid_near, 1) | np.roll(ctx.paid_near, 2)
    legit = np.zeros(d.n, dtype=bool)
    for episode in ctx.episodes:
        if not episode["suspicious"]:
            legit[episode["start"] : episode["end"] + 1] = True
    w = s.d3_days
    flagged: list[tuple[int, int, dict]] = []
    # a young account that always grows fast is not inflated by growing fast again: the window's growth must
    # also stand out against the account's own usual 28-day growth (median over the series)
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = level[w:] / level[:-w] - 1.0
    rates = rates[np.isfinite(rates)]
    usual = float(np.median(rates)) if rates.size else 0.0
    for end in range(2 * w - 1, d.n, 7):
        start = end - w + 1
        f0, f1 = level[start - 1], level[end]
        if f0 <= 0 or f1 / f0 - 1 < max(s.d3_growth, s.d3_vs_usual * usual):
            continue
        before, after = log_reach[start - w : start], log_reach[start : end + 1]
        before, after = before[np.isfinite(before)], after[np.isfinite(after)]
        if before.size < w // 2 or after.size < w // 2:
            continue
        d_reach = float(np.median(after) - np.median(before))
        d_followers = math.log(f1 / f0)
        beta = d_reach / d_followers
        spread = math.sqrt(
            (MAD_TO_SD * _mad(before)) ** 2 / before.size + (MAD_TO_SD * _mad(after)) ** 2 / after.size
        )
        shortfall = (s.d3_beta_organic * d_followers - d_reach) / max(1.2533 * spread, 1e-6)
        if beta >= s.d3_beta or shortfall < s.z(s.d3_z):
            continue
        growth = step[start : end + 1]
        total = growth.sum()
        if total <= 0:
            continue
        paid_days = paid_growth[start : end + 1]
        if growth[paid_days].clip(min=0).sum() >= 0.3 * total:
            continue  # a campaign brought them: paid followers, not bought ones
        if growth[legit[start : end + 1]].clip(min=0).sum() >= 0.5 * total:
            continue  # a viral post or a giveaway brought them (reported as such)
        cumulative = np.cumsum(growth)
        lo = start + int(np.searchsorted(cumulative, 0.1 * total))
        hi = min(max(start + int(np.searchsorted(cumulative, 0.9 * total)), lo), end)
        flagged.append((lo, hi, {"followers_from": _num(f0), "followers_to": _num(f1),
                                 "growth": _num(f1 / f0 - 1, 4), "usual_growth": _num(usual, 4),
                                 "reach_before": _num(np.expm1(np.median(before))),
                                 "reach_after": _num(np.expm1(np.median(after))), "beta": _num(beta, 3),
                                 "shortfall_z": _num(shortfall, 1), "window_from": d.day(start),
                                 "window_to": d.day(end)}))  # fmt: skip
    merged: list[list] = []
    for lo, hi, evidence in flagged:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
            if evidence["shortfall_z"] > merged[-1][2]["shortfall_z"]:
                merged[-1][2] = evidence
        else:
            merged.append([lo, hi, evidence])
    for lo, hi, evidence in merged:
        ctx.add("D3", "suspicious", lo, hi, evidence["shortfall_z"] - s.z(s.d3_z), evidence)


# --------------------------------------------------------------------------------------------------
# D8: reach without new followers or site visits


def _no_site_traffic(ctx: _Context) -> None:
    d, s = ctx.d, ctx.s
    if d.reach is None or d.reach_source != "daily" or d.sessions is None:
        ctx.status["D8"] = "not_enough_data: needs daily reach and site sessions from this network"
        return
    if np.isfinite(d.sessions).sum() < s.min_days or ctx.residual is None:
        ctx.status["D8"] = "not_enough_data: fewer than 28 days of reach, new followers and site sessions"
        return
    ctx.status["D8"] = STATUS_OK
    residual_z, slope = ctx.residual
    if slope < s.d8_min_slope:
        return  # new followers do not follow reach here: their silence proves nothing
    exclude = ctx.glitch | ctx.paid_near
    zx, fx, _ = robust_z(np.log1p(d.reach), d.weekday, exclude=exclude, window=s.baseline_days,
                         outlier_z=s.outlier_z)  # fmt: skip
    sessions_floor = _poisson_floor(np.expm1(np.nanmedian(np.log1p(d.sessions))))
    zs, fs, _ = robust_z(np.log1p(d.sessions), d.weekday, exclude=exclude, window=s.baseline_days,
                         outlier_z=s.outlier_z, floor=sessions_floor)  # fmt: skip
    zc = None
    if d.clicks is not None and np.isfinite(d.clicks).sum() >= s.min_days:
        clicks_floor = _poisson_floor(np.expm1(np.nanmedian(np.log1p(d.clicks))))
        zc, _, _ = robust_z(np.log1p(d.clicks), d.weekday, exclude=exclude, window=s.baseline_days,
                            outlier_z=s.outlier_z, floor=clicks_floor)  # fmt: skip
    hit = np.zeros(d.n, dtype=bool)
    for k in (1, 3):
        for i in np.flatnonzero(np.nan_to_num(_stouffer(zx, k), nan=-np.inf) > s.z(s.d8_reach_z)):
            a = max(0, i - k + 1)
            hit[a : i + 1] |= np.nan_to_num(zx[a : i + 1]) > 1.0
    for a, b in _runs(hit, gap=1):
        days, near = slice(a, b + 1), slice(max(0, a - 1), b + 2)
        if ctx.paid[near].any() or ctx.glitch[days].any():
            continue
        sessions_z = _nanmean(zs[days])
        gain_z = _nanmean(residual_z[days])
        clicks_z = _nanmean(zc[days]) if zc is not None else float("nan")
        if not np.isfinite(sessions_z) or sessions_z >= s.d8_sessions_z:
            continue
        if not np.isfinite(gain_z) or gain_z >= s.d8_gain_z:
            continue
        if np.isfinite(clicks_z) and clicks_z >= s.d8_sessions_z:
            continue
        reach_z = _nanmax(zx[days])
        ctx.add("D8", "suspicious", a, b, reach_z - s.z(s.d8_reach_z), {
            "reach": _num(_nanmedian(d.reach[days])), "reach_median": _num(_nanmedian(np.expm1(fx[days]))),
            "reach_z": _num(reach_z, 1), "sessions": _num(_nanmedian(d.sessions[days])),
            "sessions_median": _num(_nanmedian(np.expm1(fs[days]))), "sessions_z": _num(sessions_z, 1),
            "gain_shortfall_z": _num(gain_z, 1), "link_clicks_z": _num(clicks_z, 1), "days": b - a + 1,
        })  # fmt: skip


# --------------------------------------------------------------------------------------------------
# D4, D5, D6: posts


def _prepare_posts(posts: pd.DataFrame | None) -> pd.DataFrame | None:
    if posts is None or posts.empty:
        return None
    frame = posts.copy()
    for column in ("reach", "views", "likes", "comments"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce") if column in frame else np.nan
    if "format" not in frame:
        frame["format"] = None
    if "is_promoted" not in frame:
        frame["is_promoted"] = False
    if "post_id" not in frame:
        frame["post_id"] = [str(i) for i in range(len(frame))]
    frame["date"] = pd.to_datetime(frame["date"]).dt.normalize()
    order = ["published_at", "date"] if "published_at" in frame else ["date"]
    frame = frame.sort_values(order, kind="stable").reset_index(drop=True)
    frame["is_promoted"] = frame["is_promoted"].fillna(False).astype(bool)
    return frame


def _neighbour_z(values: np.ndarray, groups: np.ndarray, *, neighbours: int, min_posts: int,
                 floor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Robust z of each post against the ``neighbours`` nearest posts of its group (itself left out).

    A group (format) with fewer than ``min_posts`` posts is compared with all posts instead.
    Returns (z, baseline median). Vectorised per group: each post's candidates are the ``neighbours`` posts
    before and after it in the group; the nearest ``neighbours`` of them (the earlier one on a tie) count.
    """
    n = len(values)
    z = np.full(n, np.nan)
    centre = np.full(n, np.nan)
    ok = np.isfinite(values)
    sizes = pd.Series(groups[ok]).value_counts()
    small = np.array([sizes.get(g, 0) <= min_posts for g in groups], dtype=bool)
    plans = [(ok & small, np.flatnonzero(ok))]  # posts of small groups: against all posts
    plans += [(ok & ~small & (groups == g), np.flatnonzero(ok & (groups == g))) for g in sizes.index
              if sizes[g] > min_posts]  # fmt: skip
    k = neighbours
    for targets, pool in plans:
        if not targets.any() or pool.size - 1 < min_posts:
            continue
        at = np.searchsorted(pool, np.flatnonzero(targets))  # each target's position in its pool
        offsets = np.concatenate([np.arange(-k, 0), np.arange(1, k + 1)])
        cand = at[:, None] + offsets[None, :]
        valid = (cand >= 0) & (cand < pool.size)
        rows = pool[np.clip(cand, 0, pool.size - 1)]
        distance = np.where(valid, np.abs(rows - pool[at][:, None]), np.iinfo(np.int64).max)
        order = np.argsort(distance, axis=1, kind="stable")[:, :k]
        chosen = np.take_along_axis(rows, order, axis=1)
        usable = np.take_along_axis(valid, order, axis=1)
        sample = np.where(usable, values[chosen], np.nan)
        median = np.nanmedian(sample, axis=1)
        mad = np.nanmedian(np.abs(sample - median[:, None]), axis=1)
        i = pool[at]
        scale = np.maximum(np.maximum(MAD_TO_SD * mad, floor[i]), 1e-6)
        z[i] = (values[i] - median) / scale
        centre[i] = median
    return z, centre


def _post_detectors(inp: AccountInput, s: InflationSettings) -> tuple[list[Finding], dict[str, str]]:
    posts = _prepare_posts(inp.posts)
    status: dict[str, str] = {}
    findings: list[Finding] = []
    if posts is None:
        for key in ("D4", "D5", "D6"):
            status[key] = "not_enough_data: no posts"
        return findings, status

    def add(detector, kind, rows: pd.DataFrame, severity, evidence):
        findings.append(Finding(inp.network, inp.account, detector, kind, rows["date"].min().date(),
                                rows["date"].max().date(), float(max(0.0, severity)), evidence))  # fmt: skip

    likes, reach, views = posts["likes"].to_numpy(), posts["reach"].to_numpy(), posts["views"].to_numpy()
    comments = posts["comments"].to_numpy()
    promoted = posts["is_promoted"].to_numpy()
    formats = posts["format"].fillna("other").astype(str).to_numpy()

    # D4 — hard rule: more likes than people who saw the post
    with_likes = np.isfinite(likes)
    if not (with_likes & (np.isfinite(reach) | np.isfinite(views))).any():
        status["D4"] = "not_enough_data: posts report no likes with reach or views"
    else:
        status["D4"] = STATUS_OK
        tolerance = lambda base: np.maximum(s.d4_tolerance * base, s.d4_tolerance_abs)  # noqa: E731
        over_reach = with_likes & np.isfinite(reach) & (reach > 0) & (likes > reach + tolerance(reach))
        video = np.isin(formats, list(VIDEO_FORMATS))
        over_views = with_likes & np.isfinite(views) & (
            ((views > 0) & (likes > views + tolerance(views))) | (video & (views == 0) & (likes > s.d4_tolerance_abs))
        )  # fmt: skip
        for i in np.flatnonzero(over_reach | over_views):
            row = posts.iloc[[i]]
            basis = "reach" if over_reach[i] else "views"
            base = reach[i] if over_reach[i] else views[i]
            add("D4", "impossible", row, (likes[i] / max(base, 1.0)) - 1.0, {
                "post_id": str(posts["post_id"].iloc[i]), "likes": _num(likes[i]), basis: _num(base),
                "format": formats[i], "rule": f"likes > {basis}",
            })  # fmt: skip
        # soft rule: likes/reach far above the account's other posts of the format
        usable = with_likes & np.isfinite(reach) & (reach > 0) & ~over_reach & ~over_views
        if usable.sum() >= s.d4_min_posts + 1:
            lk, r = np.where(usable, likes, np.nan), np.where(usable, reach, np.nan)
            logit = np.log(lk + 0.5) - np.log(np.maximum(r - lk, 0) + 0.5)
            floor = np.sqrt(1.0 / (lk + 1.0) + 1.0 / (np.maximum(r - lk, 0) + 1.0))
            floor = np.fmax(np.nan_to_num(floor, nan=1.0), s.d4_min_scale)
            z, centre = _neighbour_z(logit, formats, neighbours=s.d4_neighbours, min_posts=s.d4_min_posts,
                                     floor=floor)  # fmt: skip
            rate = 1.0 / (1.0 + np.exp(-centre))
            expected = rate * r
            # a post people liked draws comments as well; bought likes come alone (comments per like fall)
            clr_z = np.full(len(posts), np.nan)
            talk = usable & np.isfinite(comments)
            if talk.sum() >= s.d4_min_posts + 1:
                c = np.where(talk, comments, np.nan)
                clr_z, _ = _neighbour_z(np.log((c + 1.0) / (lk + 1.0)), formats, neighbours=s.d4_neighbours,
                                        min_posts=s.d4_min_posts,
                                        floor=np.sqrt(1.0 / (np.nan_to_num(c) + 1.0) + 1.0 / (np.nan_to_num(lk) + 1.0)))  # fmt: skip
            for i in np.flatnonzero(np.nan_to_num(z, nan=-np.inf) > s.z(s.d4_z)):
                if promoted[i] or likes[i] - expected[i] < s.d4_min_excess:
                    continue
                if np.isfinite(clr_z[i]):
                    if clr_z[i] > -s.z(s.d4_clr_z):
                        continue  # comments rose with the likes: people liked it
                elif z[i] <= s.z(s.d4_alone_z):
                    continue
                add("D4", "suspicious", posts.iloc[[i]], z[i] - s.z(s.d4_z), {
                    "post_id": str(posts["post_id"].iloc[i]), "likes": _num(likes[i]), "reach": _num(reach[i]),
                    "like_rate": _num(likes[i] / reach[i], 4), "like_rate_median": _num(rate[i], 4),
                    "expected_likes": _num(expected[i]), "z": _num(z[i], 1), "format": formats[i],
                    "comments": _num(comments[i]), "comments_per_like_z": _num(clr_z[i], 1),
                })  # fmt: skip

    # D5 — comment/like ratio shift over consecutive posts
    both = np.isfinite(likes) & np.isfinite(comments)
    if both.sum() < s.d5_min_posts:
        status["D5"] = "not_enough_data: fewer than 15 posts with likes and comments"
    else:
        status["D5"] = STATUS_OK
        sub = posts[both].reset_index(drop=True)
        lk, cm = sub["likes"].to_numpy(), sub["comments"].to_numpy()
        clr = np.log((cm + 1.0) / (lk + 1.0))
        floor = np.sqrt(1.0 / (cm + 1.0) + 1.0 / (lk + 1.0))
        z, centre = _neighbour_z(clr, np.zeros(len(sub), dtype=int), neighbours=s.d4_neighbours,
                                 min_posts=s.d5_min_posts - 1, floor=floor)  # fmt: skip
        for sign, direction in ((1, "rise"), (-1, "fall")):
            mask = np.nan_to_num(sign * z, nan=-np.inf) > s.z(s.d5_z)
            for a, b in _runs(mask):
                if b - a + 1 < s.d5_run:
                    continue
                rows = sub.iloc[a : b + 1]
                add("D5", "suspicious", rows, float(np.min(sign * z[a : b + 1])) - s.z(s.d5_z), {
                    "direction": direction, "posts": int(b - a + 1),
                    "post_ids": [str(p) for p in rows["post_id"]],
                    "comments_per_like": _num(float(np.median(np.exp(clr[a : b + 1]))), 4),
                    "comments_per_like_median": _num(float(np.exp(np.nanmedian(centre[a : b + 1]))), 4),
                    "z": _num(float(np.median(z[a : b + 1])), 1),
                })  # fmt: skip

    # D6 — likes too uniform across N posts
    liked = posts[np.isfinite(likes)].reset_index(drop=True)
    n = s.d6_posts
    if len(liked) < n:
        status["D6"] = f"not_enough_data: fewer than {n} posts with likes"
    else:
        status["D6"] = STATUS_OK
        lk, rc = liked["likes"].to_numpy(), liked["reach"].to_numpy()
        windows: list[tuple[int, int, dict, float]] = []
        for a in range(0, len(liked) - n + 1):
            sample = lk[a : a + n]
            mean, median = float(sample.mean()), float(np.median(sample))
            if mean < s.d6_min_mean_likes or median <= 0:
                continue
            p10, p90 = np.percentile(sample, [10, 90])
            spread = float((p90 - p10) / median)
            cv = float(sample.std(ddof=1) / mean)
            cv_poisson = 1.0 / math.sqrt(mean)
            reach_window = rc[a : a + n]
            reach_known = np.isfinite(reach_window).sum() >= 0.8 * n
            limit = s.d6_spread if reach_known else s.d6_spread_no_reach
            if spread >= limit or cv >= s.d6_cv_factor * cv_poisson:
                continue
            reach_cv = float("nan")
            if reach_known:
                known = reach_window[np.isfinite(reach_window)]
                reach_cv = float(known.std(ddof=1) / known.mean()) if known.mean() > 0 else float("nan")
                if not (np.isfinite(reach_cv) and reach_cv >= 2.0 * cv):
                    continue  # likes follow an audience that itself did not vary: not a package
            evidence = {"posts": n, "likes_median": _num(median), "spread": _num(spread, 3), "cv": _num(cv, 3),
                        "cv_poisson": _num(cv_poisson, 3), "reach_cv": _num(reach_cv, 3),
                        "post_ids": [str(p) for p in liked["post_id"].iloc[a : a + n]]}  # fmt: skip
            windows.append((a, a + n - 1, evidence, limit / max(spread, 1e-3) - 1.0))
        merged: list[list] = []
        for a, b, evidence, severity in windows:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = b
                if severity > merged[-1][3]:
                    merged[-1][2], merged[-1][3] = evidence, severity
            else:
                merged.append([a, b, evidence, severity])
        for a, b, evidence, severity in merged:
            add("D6", "suspicious", liked.iloc[a : b + 1], severity, {**evidence, "posts_in_run": b - a + 1})
    return findings, status


# --------------------------------------------------------------------------------------------------
# D7: off-hours delivery (hourly data)

NIGHT_HOURS = frozenset(range(0, 6))


def _off_hours(inp: AccountInput, s: InflationSettings) -> tuple[list[Finding], str]:
    hourly = inp.hourly
    if hourly is None or hourly.empty or "value" not in hourly or hourly["value"].notna().sum() < 24 * 14:
        return [], "not_enough_data: no hourly new followers or views (sources give daily totals)"
    frame = hourly.assign(hour=pd.to_datetime(hourly["hour"]))
    frame["day"] = frame["hour"].dt.normalize()
    frame["night"] = frame["hour"].dt.hour.isin(NIGHT_HOURS)
    per_day = frame.groupby("day").agg(total=("value", "sum"), night=("value", lambda v: 0.0))
    per_day["night"] = frame[frame["night"]].groupby("day")["value"].sum().reindex(per_day.index).fillna(0.0)
    per_day = per_day[per_day["total"] > 0]
    if len(per_day) < 14:
        return [], "not_enough_data: fewer than 14 days of hourly data"
    share = (per_day["night"] / per_day["total"]).to_numpy()
    findings: list[Finding] = []
    for i in range(7, len(per_day)):
        base = share[max(0, i - 28) : i]
        median = float(np.median(base))
        scale = max(MAD_TO_SD * float(np.median(np.abs(base - median))), 0.02)
        z = (share[i] - median) / scale
        excess = (share[i] - median) * per_day["total"].iloc[i]
        if z > s.z(s.d7_z) and excess >= s.d7_min_excess:
            day = per_day.index[i].date()
            findings.append(Finding(inp.network, inp.account, "D7", "suspicious", day, day, z - s.z(s.d7_z), {
                "night_share": _num(share[i], 3), "night_share_median": _num(median, 3), "z": _num(z, 1),
                "night_excess": _num(excess), "total": _num(per_day["total"].iloc[i]),
            }))  # fmt: skip
    return findings, STATUS_OK


def linear_ramp_r2(cumulative: Iterable[float]) -> float:
    """R² of a straight line through cumulative hourly views: bot streams are linear (> 0.98), people decay."""
    y = np.asarray(list(cumulative), dtype=float)
    y = y[np.isfinite(y)]
    if y.size < 6 or np.ptp(y) == 0:
        return float("nan")
    x = np.arange(y.size, dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    return float(1.0 - residual.var() / y.var())


# --------------------------------------------------------------------------------------------------
# Verdict


def is_flag(finding: Finding) -> bool:
    return finding.kind in FLAG_KINDS


def verdict(findings: Iterable[Finding], *, explained: Iterable[tuple[str, str]] = (),
            status: Mapping[str, str] | None = None, settings: InflationSettings = DEFAULT_SETTINGS) -> str:  # fmt: skip
    """clean / suspicious / likely_inflated from the findings; ``explained`` (detector, key) pairs do not count.

    - likely_inflated: an impossible finding; or a finding ``likely_severity`` beyond its threshold; or
      findings of two detectors on the same episode (within ``corroboration_days``);
    - suspicious: any other suspicious finding;
    - clean: none (legitimate causes only); not_enough_data when no detector could run at all.
    """
    done = set(explained)
    active = [f for f in findings if is_flag(f) and (f.detector, f.key) not in done]
    if not active:
        if status is not None and not any(v == STATUS_OK for v in status.values()):
            return "not_enough_data"
        return "clean"
    if any(f.kind == "impossible" for f in active):
        return "likely_inflated"
    if any(f.severity >= settings.likely_severity for f in active):
        return "likely_inflated"
    for i, f in enumerate(active):
        for g in active[i + 1 :]:
            if g.detector != f.detector and f.overlaps(g.start, g.end, settings.corroboration_days):
                return "likely_inflated"
    return "suspicious"


def in_period(findings: Iterable[Finding], start: dt.date, end: dt.date) -> list[Finding]:
    return [f for f in findings if f.overlaps(start, end)]


def with_settings(settings: InflationSettings, **changes) -> InflationSettings:
    return replace(settings, **changes)
