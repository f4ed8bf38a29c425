"""A deterministic large workspace in the canonical format (KPI.md §2), and page timings on it.

``build_scale_frames`` writes what an agency with many clients would import: by default 40 clients with
five communities each (VK, OK, Telegram, Instagram, YouTube — 200 accounts) over three years, 20
specialists (every fourth community changes hands halfway), daily stats, posts, comments and messages,
site sessions, goals, sales, costs (fees, ads, production, a tool paid in USD) and a monthly KPI plan.
Like ``smmkpi.demo`` it draws everything from ``numpy.random.default_rng(seed)`` in a fixed order and reads
no clock, but it is vectorised (numpy, not a day loop) so three years of 200 accounts take seconds.

``bench_pages`` imports it into a database and measures the analysis pages through AppTest: a cold run
(empty caches), a warm rerun, and a rerun after changing a widget, for a few periods. It measures and
prints; it is not a test.
"""

from __future__ import annotations

import calendar
import datetime as dt
import pathlib
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

NETWORKS = ("vk", "ok", "telegram", "instagram", "youtube")
OTHER_CHANNELS = ("yandex_direct", "seo")
FORMATS = {
    "vk": ("photo", "clip", "video", "text", "poll"), "ok": ("photo", "video", "text", "poll"),
    "telegram": ("text", "photo", "video", "poll"), "instagram": ("photo", "reel", "story", "video"),
    "youtube": ("video", "clip"),
}  # fmt: skip
GOALS = (("call", "call"), ("message", "message"), ("form", "form"), ("catalog", "page_visit"))
DEFAULT_WORKSPACE = "Scale"
_MSK = "+03:00"


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, day = [], start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _stamp(days: np.ndarray, minutes: np.ndarray) -> list[str]:
    """ISO 8601 timestamps in Moscow time from day offsets (datetime64[D]) and minutes after midnight."""
    moments = days.astype("datetime64[m]") + minutes.astype("timedelta64[m]")
    return [f"{m}:00{_MSK}" for m in np.datetime_as_string(moments, unit="m")]


def build_scale_frames(
    *, end: dt.date, clients: int = 40, years: int = 3, seed: int = 11
) -> dict[str, pd.DataFrame]:
    """{file stem: DataFrame} of a workspace with ``clients`` × 5 communities over ``years`` years up to ``end``."""
    rng = np.random.default_rng(seed)
    start = dt.date(end.year - years, end.month, 1)
    days = np.arange(np.datetime64(start), np.datetime64(end) + 1, dtype="datetime64[D]")
    n_days = len(days)
    day_text = np.datetime_as_string(days, unit="D")
    weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    season = 1.0 + 0.12 * np.sin(2 * np.pi * np.arange(n_days) / 365.25)
    client_names = [f"Клиент {i:03d}" for i in range(1, clients + 1)]
    specialists = [f"specialist{j:02d}@agency.example" for j in range(1, max(2, clients // 2) + 1)]

    # accounts and assignments
    acc = pd.DataFrame([(network, f"c{i:03d}_{network}", f"{client_names[i - 1]} · {network}", client_names[i - 1])
                        for i in range(1, clients + 1) for network in NETWORKS],
                       columns=["network", "account", "name", "client"])  # fmt: skip
    acc["url"] = [f"https://example.org/{n}/{a}" for n, a in zip(acc["network"], acc["account"], strict=True)]
    k = np.arange(len(acc))
    first = [specialists[i % len(specialists)] for i in k]
    second = [specialists[(i + 1) % len(specialists)] for i in k]
    half = (start + (end - start) / 2).isoformat()
    before_half = (dt.date.fromisoformat(half) - dt.timedelta(days=1)).isoformat()
    handed = k % 4 == 0
    assignments = pd.concat([
        pd.DataFrame({"network": acc["network"], "account": acc["account"], "specialist": first,
                      "since": start.isoformat(), "until": np.where(handed, before_half, "")}),
        pd.DataFrame({"network": acc["network"][handed], "account": acc["account"][handed],
                      "specialist": np.array(second)[handed], "since": half, "until": ""}),
    ], ignore_index=True)  # fmt: skip
    accounts = acc[["network", "account", "name", "url", "client"]]

    # daily stats: one row per account and day (Telegram reports members only)
    n_acc = len(acc)
    base = rng.integers(2_000, 60_000, size=n_acc).astype(float)
    growth = rng.normal(0.0006, 0.0004, size=(n_acc, n_days))
    followers = np.round(base[:, None] * np.exp(np.cumsum(growth, axis=1)))
    reach = np.round(
        followers * rng.uniform(0.05, 0.2, size=(n_acc, 1)) * season * rng.lognormal(0, 0.2, (n_acc, n_days))
    )
    gained = rng.poisson(followers * 0.0012)
    lost = rng.poisson(followers * 0.0006)
    clicks = rng.poisson(reach * 0.004)
    messages = rng.poisson(1.2, size=(n_acc, n_days))
    telegram = (acc["network"] == "telegram").to_numpy()[:, None]
    blank = np.where(telegram, np.nan, 1.0)
    daily = pd.DataFrame({
        "date": np.tile(day_text, n_acc), "network": np.repeat(acc["network"].to_numpy(), n_days),
        "account": np.repeat(acc["account"].to_numpy(), n_days), "followers": followers.ravel(),
        "followers_gained": (gained * blank).ravel(), "followers_lost": (lost * blank).ravel(),
        "reach": (reach * blank).ravel(), "views": (np.round(reach * 1.5) * blank).ravel(),
        "profile_visits": (np.round(reach * 0.02) * blank).ravel(), "link_clicks": (clicks * blank).ravel(),
        "messages_in": (messages * blank).ravel(),
    })  # fmt: skip

    # posts: about four a week per community, at the hours people post
    per_day = rng.poisson(0.55, size=(n_acc, n_days))
    a_idx, d_idx = np.nonzero(per_day)
    repeat = per_day[a_idx, d_idx]
    a_idx, d_idx = np.repeat(a_idx, repeat), np.repeat(d_idx, repeat)
    n_posts = len(a_idx)
    hours = rng.choice(
        np.arange(8, 22),
        size=n_posts,
        p=np.array([1, 2, 1.5, 1.2, 2, 1.8, 1, 1, 1, 1.4, 2.2, 2.4, 2, 1.2]) / 21.7,
    )
    minutes = hours * 60 + rng.integers(0, 60, size=n_posts)
    networks = acc["network"].to_numpy()[a_idx]
    post_reach = np.round(followers[a_idx, d_idx] * rng.uniform(0.05, 0.25, size=n_posts))
    likes = rng.poisson(post_reach * rng.uniform(0.01, 0.06, size=n_posts))
    fmt = np.array(
        [
            FORMATS[n][i % len(FORMATS[n])]
            for n, i in zip(networks, rng.integers(0, 12, size=n_posts), strict=True)
        ]
    )
    posts = pd.DataFrame({
        "network": networks, "account": acc["account"].to_numpy()[a_idx],
        "post_id": [str(i) for i in range(1, n_posts + 1)],
        "published_at": _stamp(days[d_idx], minutes), "format": fmt,
        "url": [f"https://example.org/p/{i}" for i in range(1, n_posts + 1)],
        "reach": post_reach, "views": np.round(post_reach * 1.4), "likes": likes,
        "comments": rng.poisson(likes * 0.05), "shares": rng.poisson(likes * 0.03), "saves": rng.poisson(likes * 0.02),
        "link_clicks": rng.poisson(post_reach * 0.003), "is_promoted": np.where(rng.random(n_posts) < 0.1, "true", "false"),
    })  # fmt: skip

    # comments and messages: answered nine times in ten, within minutes to hours
    per_day = rng.poisson(0.5, size=(n_acc, n_days))
    a_idx, d_idx = np.nonzero(per_day)
    repeat = per_day[a_idx, d_idx]
    a_idx, d_idx = np.repeat(a_idx, repeat), np.repeat(d_idx, repeat)
    n_int = len(a_idx)
    received = rng.integers(7 * 60, 23 * 60, size=n_int)
    wait = np.round(rng.lognormal(np.log(40), 1.1, size=n_int))
    answered = rng.random(n_int) < 0.9
    interactions = pd.DataFrame({
        "network": acc["network"].to_numpy()[a_idx], "account": acc["account"].to_numpy()[a_idx],
        "interaction_id": [f"i{i}" for i in range(1, n_int + 1)],
        "kind": np.where(rng.random(n_int) < 0.5, "comment", "message"),
        "received_at": _stamp(days[d_idx], received),
        "answered_at": np.where(answered, _stamp(days[d_idx], received + wait), ""),
    })  # fmt: skip

    # site sessions, goals and sales per client and channel
    channels = (*NETWORKS, *OTHER_CHANNELS)
    size = np.array([1.0] * len(NETWORKS) + [3.0, 5.0])
    sessions = rng.poisson(rng.uniform(5, 40, size=(clients, 1, 1)) * size[None, :, None] * season * (1 + 0.1 * (weekday < 5)),
                           size=(clients, len(channels), n_days))  # fmt: skip
    c_idx, ch_idx, d_idx = np.meshgrid(
        np.arange(clients), np.arange(len(channels)), np.arange(n_days), indexing="ij"
    )
    names = np.array(client_names)
    channel_names = np.array(channels)
    web = pd.DataFrame({"date": day_text[d_idx.ravel()], "client": names[c_idx.ravel()],
                        "channel": channel_names[ch_idx.ravel()], "sessions": sessions.ravel(),
                        "users": np.round(sessions.ravel() * 0.85)})  # fmt: skip
    goals = pd.DataFrame([(c, g, f"Цель «{g}»", t) for c in client_names for g, t in GOALS],
                         columns=["client", "goal", "name", "type"])  # fmt: skip
    reach_parts = []
    for goal, rate in (("call", 0.006), ("message", 0.01), ("form", 0.008), ("catalog", 0.02)):
        hits = rng.poisson(sessions * rate)
        nz = np.nonzero(hits)
        reach_parts.append(pd.DataFrame({"date": day_text[nz[2]], "client": names[nz[0]], "channel": channel_names[nz[1]],
                                         "goal": goal, "reaches": hits[nz]}))  # fmt: skip
    goal_reaches = pd.concat(reach_parts, ignore_index=True)
    orders = rng.poisson(sessions * 0.01)
    nz = np.nonzero(orders)
    sales = pd.DataFrame({"date": day_text[nz[2]], "client": names[nz[0]], "channel": channel_names[nz[1]],
                          "orders": orders[nz], "revenue": np.round(orders[nz] * rng.lognormal(np.log(3_000), 0.5, len(nz[0])), -1)})  # fmt: skip

    # costs: a monthly fee, monthly ads on VK, OK, Telegram and Yandex Direct, a tool in USD, some production
    cost_rows, rate_rows, plan_rows = [], [], []
    for month in _months(start, end):
        last = min(_month_end(month), end)
        rate_rows.append((month.strftime("%Y-%m"), "USD", round(float(rng.uniform(88, 100)), 2)))
        for client in client_names:
            cost_rows.append(
                (month.isoformat(), client, "vk", "fee", "", last.isoformat(), 50_000.0, "", "", "")
            )
            cost_rows.append(
                (month.isoformat(), client, "vk", "tools", "", last.isoformat(), 29.0, "USD", "", "")
            )
            for channel, budget in (
                ("vk", 30_000),
                ("ok", 10_000),
                ("telegram", 8_000),
                ("yandex_direct", 60_000),
            ):
                amount = round(budget * float(rng.uniform(0.8, 1.2)), 2)
                cost_rows.append(
                    (month.isoformat(), client, channel, "ads", "", last.isoformat(), amount, "", "", "")
                )
            if rng.random() < 0.3:
                cost_rows.append(
                    (month.isoformat(), client, "instagram", "production", "", "", 25_000.0, "", "", "")
                )
            for kpi_key, target in (("posts", 80.0), ("reach", 400_000.0), ("leads", 40.0), ("sessions", 2_000.0),
                                    ("response_rate", 0.9), ("interactions_in", 70.0)):  # fmt: skip
                plan_rows.append((month.strftime("%Y-%m"), client, "all", kpi_key, target))
    costs = pd.DataFrame(cost_rows, columns=["date", "client", "channel", "kind", "account", "date_to", "amount",
                                             "currency", "clicks", "impressions"])  # fmt: skip
    rates = pd.DataFrame(rate_rows, columns=["month", "currency", "rate"])
    plan = pd.DataFrame(plan_rows, columns=["month", "client", "scope", "kpi", "target"])
    return {"accounts": accounts, "assignments": assignments, "daily": daily, "posts": posts,
            "interactions": interactions, "web": web, "goals": goals, "goal_reaches": goal_reaches, "sales": sales,
            "costs": costs, "plan": plan, "rates": rates}  # fmt: skip


def write_scale(out_dir: pathlib.Path, **kwargs) -> dict[str, int]:
    """Write the canonical CSV files into ``out_dir``; return {stem: rows}."""
    frames = build_scale_frames(**kwargs)
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stem, frame in frames.items():
        frame.to_csv(out_dir / f"{stem}.csv", index=False, lineterminator="\n", float_format="%.15g")
    return {stem: len(frame) for stem, frame in frames.items()}


# --------------------------------------------------------------------------------------------------
# Page timings


BENCH_PAGES = ("overview", "funnel", "money", "content", "communication")
# one widget per page whose change means a rerun with new numbers (key, value)
BENCH_WIDGETS = {
    "overview": ("overview_trend_metric", "selectbox", "posts"),
    "funnel": ("funnel_network", "pills", "vk"),
    "money": ("money_basis", "segmented_control", "cpl"),
    "content": ("content_rank_metric", "segmented_control", "reach"),
    "communication": ("communication_by", "segmented_control", "specialist"),
}
BENCH_PERIODS = ("last_30_days", "last_90_days", "last_12_months")


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _change(element, kind: str, value) -> Callable[[], object]:
    return lambda: (element.select(value) if kind == "selectbox" else element.set_value(value)).run()


def bench_pages(**kwargs) -> list[dict]:
    """Time each page through Streamlit's test harness (see ``smmkpi.ui.bench_pages``).

    The Streamlit-aware part lives in smmkpi/ui.py, the one module of the package allowed to import
    Streamlit; it is imported only when the benchmark runs.
    """
    from smmkpi import ui

    return ui.bench_pages(**kwargs)


# --------------------------------------------------------------------------------------------------
# python -m smmkpi bench-pages


def add_parser(sub) -> None:
    """The ``bench-pages`` sub-command (registered by smmkpi/__main__.py)."""
    bench = sub.add_parser("bench-pages", help="time the analysis pages on a large generated workspace "
                                               "(default 200 communities × 3 years); prints, never fails")  # fmt: skip
    bench.add_argument("--clients", type=int, default=40, help="clients with 5 communities each (default 40)")
    bench.add_argument("--years", type=int, default=3)
    bench.add_argument(
        "--end", type=dt.date.fromisoformat, default=dt.date(2026, 6, 30), help="last day of data"
    )
    bench.add_argument("--repeat", type=int, default=1, help="runs per measurement (the median is printed)")
    bench.add_argument("--pages", nargs="+", choices=BENCH_PAGES, default=list(BENCH_PAGES))
    bench.add_argument("--periods", nargs="+", choices=BENCH_PERIODS, default=list(BENCH_PERIODS))
    bench.add_argument(
        "--keep", type=pathlib.Path, help="SQLite file to keep the workspace in (reused if present)"
    )


def run(args) -> int:
    """Generate and import the workspace (unless the database has it), then time the engine and the pages."""
    import os
    import tempfile

    from db import repo
    from db.session import session_scope
    from smmkpi import importer, kpi, query
    from smmkpi.bootstrap import open_database
    from smmkpi.settings import Settings

    with tempfile.TemporaryDirectory(prefix="smmkpi-bench-pages-") as folder:
        url = (
            os.environ.get("SMMKPI_DATABASE_URL")
            or f"sqlite:///{(args.keep or pathlib.Path(folder) / 'scale.db')}"
        )
        os.environ["SMMKPI_DATABASE_URL"] = url
        os.environ["SMMKPI_LOAD_DEMO"] = "false"
        engine = open_database(Settings.load())
        with session_scope(engine) as session:
            exists = repo.get_workspace(session, name=DEFAULT_WORKSPACE) is not None
        if not exists:
            started = time.perf_counter()
            counts = write_scale(
                pathlib.Path(folder) / "csv", end=args.end, clients=args.clients, years=args.years
            )
            generated = time.perf_counter() - started
            importer.import_path(engine, pathlib.Path(folder) / "csv", workspace=DEFAULT_WORKSPACE)
            print(f"workspace '{DEFAULT_WORKSPACE}': {args.clients * len(NETWORKS)} communities, {args.years} years, "
                  f"{sum(counts.values()):,} rows (generated in {generated:.1f} s, imported in "
                  f"{time.perf_counter() - started - generated:.1f} s, {engine.dialect.name})")  # fmt: skip
        with session_scope(engine) as session:
            workspace = query.resolve_workspace(session, DEFAULT_WORKSPACE)
            _, last = repo.data_date_range(session, workspace_id=workspace.id)
            for days in (30, 365):
                period = kpi.Period(last - dt.timedelta(days=days - 1), last)
                started = time.perf_counter()
                data = query.load_kpi_data(
                    session, workspace=workspace, filters=query.KpiFilters(), period=period
                )
                loaded = time.perf_counter()
                kpi.compute_report(data, period)
                reported = time.perf_counter()
                kpi.trend(data, period, "week")
                print(f"engine, {days:>3} days: load {1000 * (loaded - started):.0f} ms, compute_report "
                      f"{1000 * (reported - loaded):.0f} ms, weekly trend {1000 * (time.perf_counter() - reported):.0f} ms")  # fmt: skip
        engine.dispose()
        bench_pages(workspace=DEFAULT_WORKSPACE, pages=tuple(args.pages), periods=tuple(args.periods),
                    repeat=args.repeat)  # fmt: skip
    return 0
