"""Seeded generator of small canonical import folders (KPI.md §2) full of KPI edge cases.

`generate(seed, folder)` writes the CSV files and returns a `Meta` describing what it made (clients,
accounts, specialists, handovers, the covered days), which the differential test uses to build queries.

Edge cases it aims at: NULL cells vs reported zeros; followers missing on the first days; accounts with no
posts or no interactions rows at all; posts with all four engagement cells NULL or reach NULL; timestamps
near midnight in several offsets (dated in Europe/Moscow); interactions answered after the period or never;
specialist handovers mid-period and gaps; channel facts on social and non-social channels, also on a
network where the client has no account; costs with and without account, spread with date_to across month
ends, in a foreign currency with monthly rates; plans with `all` and network scopes, additive and other
KPIs, lower-is-better KPIs; goals of every type and one without a type.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

NETWORKS = ("vk", "ok", "telegram", "instagram")
OTHER_CHANNELS = ("yandex_direct", "display", "seo")
GOAL_TYPES = ("call", "message", "consultation", "form", "page_visit", "sale", "other")
COST_KINDS = ("ads", "fee", "salary", "production", "tools", "other")
PLAN_KPIS = (
    "posts", "reach", "views", "followers_gained", "follower_growth", "link_clicks", "sessions", "leads",
    "orders", "revenue", "cost", "interactions_in", "engagements", "goal_reaches", "goal_reaches.call",
    "er_reach", "er_followers", "followers_end", "ctr", "conversion_rate", "romi", "response_rate",
    "cpc", "cpl", "cps", "cpf", "churn_rate", "median_response_minutes", "followers_lost", "ad_cost",
    "messages_in",
)  # fmt: skip
FOREIGN = "USD"
OFFSETS = ("+03:00", "Z", "+05:00", "-04:00", "+00:00")


@dataclass
class Meta:
    seed: int
    start: dt.date
    end: dt.date
    clients: list = field(default_factory=list)
    accounts: list = field(default_factory=list)  # (network, handle, client)
    specialists: list = field(default_factory=list)
    handovers: list = field(
        default_factory=list
    )  # (network, handle, day the new specialist starts, specialist)


def _write(folder: Path, name: str, header: list[str], rows: list[dict]) -> None:
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row[k]) for k in header})


def _maybe(rng: random.Random, value, p_null=0.12, p_zero=0.08):
    """A reported value, a reported zero, or NULL (not reported)."""
    r = rng.random()
    if r < p_null:
        return None
    if r < p_null + p_zero:
        return 0
    return value


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def generate(seed: int, folder: Path) -> Meta:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    span = rng.randint(40, 120)
    start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
    end = start + dt.timedelta(days=span - 1)
    all_days = [start + dt.timedelta(days=i) for i in range(span)]
    meta = Meta(seed, start, end)

    n_clients = rng.randint(1, 3)
    meta.clients = [f"Client {chr(65 + i)}" for i in range(n_clients)]
    specialists = ["anna@agency.ru", "Boris Petrov", "olga@agency.ru"][: rng.randint(2, 3)]
    meta.specialists = specialists

    # accounts: 2-6, every client has at least one (except, sometimes, the last client of three)
    n_accounts = rng.randint(max(2, n_clients), 6)
    accounts = []
    used = set()
    for i in range(n_accounts):
        client = meta.clients[i] if i < n_clients else rng.choice(meta.clients)
        if n_clients == 3 and i == 2 and rng.random() < 0.3:
            client = rng.choice(meta.clients[:2])  # Client C then has channel facts only
        network = rng.choice(NETWORKS)
        handle = f"acc{seed % 97}_{i}"
        if i > 0 and rng.random() < 0.15 and (network, accounts[0][1]) not in used:
            handle = accounts[0][1]  # the same handle on two networks
            network = rng.choice([n for n in NETWORKS if n != accounts[0][0]])
        if (network, handle) in used:
            handle += "x"
        used.add((network, handle))
        accounts.append((network, handle, client))
    meta.accounts = accounts

    # assignments: handovers mid-range, gaps, an open last one; some through the accounts shorthand
    acc_rows, asg_rows = [], []
    for network, handle, client in accounts:
        row = {"network": network, "account": handle, "name": f"{handle} page", "client": client}
        mode = rng.random()
        if mode < 0.2:
            pass  # nobody assigned
        elif mode < 0.4:
            row["specialist"] = rng.choice(specialists)
            row["specialist_since"] = (start + dt.timedelta(days=rng.randint(-10, span // 2))).isoformat()
        else:
            day = start - dt.timedelta(days=rng.randint(0, 20))
            previous = None
            while day <= end + dt.timedelta(days=5):
                length = rng.randint(10, 50)
                until = day + dt.timedelta(days=length - 1)
                who = rng.choice([s for s in specialists if s != previous])
                last = until > end or rng.random() < 0.15
                asg_rows.append({"network": network, "account": handle, "specialist": who,
                                 "since": day.isoformat(), "until": None if last and rng.random() < 0.6
                                 else until.isoformat()})  # fmt: skip
                if previous is not None and start <= day <= end:
                    meta.handovers.append((network, handle, day, who))
                if last:
                    break
                previous = who
                day = until + dt.timedelta(days=1 + (rng.randint(1, 6) if rng.random() < 0.3 else 0))
        acc_rows.append(row)
    meta.specialists = (
        sorted({r["specialist"] for r in acc_rows + asg_rows if r.get("specialist")}) or specialists
    )
    _write(folder, "accounts", ["network", "account", "name", "url", "client", "specialist", "specialist_since"],
           acc_rows)  # fmt: skip
    _write(folder, "assignments", ["network", "account", "specialist", "since", "until"], asg_rows)

    # daily
    daily = []
    no_daily_clicks = {a[:2] for a in accounts if rng.random() < 0.35}
    for network, handle, _ in accounts:
        if rng.random() < 0.1:
            continue  # an account with no daily rows at all
        followers = rng.randint(200, 50000)
        missing_first = rng.randint(0, 10)
        for i, day in enumerate(all_days):
            if rng.random() < 0.1:
                continue
            gained, lost = rng.randint(0, 60), rng.randint(0, 40)
            followers = max(0, followers + gained - lost)
            daily.append({
                "date": day.isoformat(), "network": network, "account": handle,
                "followers": None if i < missing_first or rng.random() < 0.05 else followers,
                "followers_gained": _maybe(rng, gained), "followers_lost": _maybe(rng, lost),
                "reach": _maybe(rng, rng.randint(50, 9000)), "views": _maybe(rng, rng.randint(60, 15000)),
                "profile_visits": _maybe(rng, rng.randint(0, 100)),
                "link_clicks": None if (network, handle) in no_daily_clicks else _maybe(rng, rng.randint(0, 90)),
                "messages_in": _maybe(rng, rng.randint(0, 12), p_null=0.3),
            })  # fmt: skip
    _write(folder, "daily", ["date", "network", "account", "followers", "followers_gained", "followers_lost",
                             "reach", "views", "profile_visits", "link_clicks", "messages_in"], daily)  # fmt: skip

    # posts
    posts = []
    for network, handle, _ in accounts:
        if rng.random() < 0.2:
            continue  # no posts rows at all
        for j in range(rng.randint(0, 40)):
            day = start + dt.timedelta(days=rng.randint(-5, span + 3))
            hour = rng.choice([0, 1, 2, 3, 12, 20, 21, 22, 23])
            stamp = dt.datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), rng.randint(0, 59))
            offset = rng.choice(OFFSETS)
            eng = {
                k: _maybe(rng, rng.randint(0, 300), p_null=0.15)
                for k in ("likes", "comments", "shares", "saves")
            }
            if rng.random() < 0.12:
                eng = dict.fromkeys(eng)
            posts.append({
                "network": network, "account": handle, "post_id": f"p{j}",
                "published_at": stamp.isoformat() + offset, "format": rng.choice(["text", "photo", "video", "reel"]),
                "reach": None if rng.random() < 0.2 else rng.randint(0, 8000),
                "views": None if rng.random() < 0.2 else rng.randint(0, 12000),
                **eng, "link_clicks": _maybe(rng, rng.randint(0, 40), p_null=0.3),
                "is_promoted": rng.choice(["true", "false", ""]),
            })  # fmt: skip
    _write(folder, "posts", ["network", "account", "post_id", "published_at", "format", "url", "reach", "views",
                             "likes", "comments", "shares", "saves", "link_clicks", "is_promoted"], posts)  # fmt: skip

    # interactions
    inter = []
    for network, handle, _ in accounts:
        if rng.random() < 0.25:
            continue
        for j in range(rng.randint(0, 30)):
            day = start + dt.timedelta(days=rng.randint(-3, span + 2))
            received = dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59),
                                   rng.randint(0, 59), tzinfo=dt.UTC)  # fmt: skip
            answered = None
            if rng.random() < 0.7:
                answered = received + dt.timedelta(
                    seconds=rng.choice([0, 30, 61, 3600, 86400 * 9, rng.randint(1, 99999)])
                )
            inter.append({"network": network, "account": handle, "interaction_id": f"i{j}",
                          "kind": rng.choice(["comment", "message"]),
                          "received_at": received.isoformat().replace("+00:00", "Z"),
                          "answered_at": answered.isoformat() if answered else None})  # fmt: skip
    _write(folder, "interactions", ["network", "account", "interaction_id", "kind", "received_at", "answered_at"],
           inter)  # fmt: skip

    # channels per client: its networks, one network it has no account on, and non-social channels
    channels = {}
    for client in meta.clients:
        own = sorted({n for n, _, c in accounts if c == client})
        extra = rng.sample([n for n in NETWORKS if n not in own], 1) if len(own) < 4 else []
        channels[client] = own + extra + rng.sample(OTHER_CHANNELS, rng.randint(1, 3))

    web, sales, reaches, goals = [], [], [], []
    for client in meta.clients:
        goal_ids = []
        for g, gtype in enumerate(
            rng.sample(GOAL_TYPES, rng.randint(2, 5)) + ([None] if rng.random() < 0.4 else [])
        ):
            goals.append({"client": client, "goal": f"g{g}", "name": f"Goal {g}", "type": gtype})
            goal_ids.append(f"g{g}")
        no_social_web = rng.random() < 0.3  # sessions null on the networks: cpc falls back to link_clicks
        for channel in channels[client]:
            density = rng.random()
            for day in all_days:
                if rng.random() < density and not (no_social_web and channel in NETWORKS):
                    web.append({"date": day.isoformat(), "client": client, "channel": channel,
                                "sessions": _maybe(rng, rng.randint(0, 400)), "users": rng.randint(0, 300)})  # fmt: skip
                if rng.random() < density * 0.3:
                    sales.append({"date": day.isoformat(), "client": client, "channel": channel,
                                  "orders": _maybe(rng, rng.randint(0, 9)),
                                  "revenue": _maybe(rng, round(rng.uniform(0, 90000), 2))})  # fmt: skip
                for goal in goal_ids:
                    if rng.random() < density * 0.2:
                        reaches.append({"date": day.isoformat(), "client": client, "channel": channel,
                                        "goal": goal, "reaches": _maybe(rng, rng.randint(0, 20))})  # fmt: skip
    _write(folder, "web", ["date", "client", "channel", "sessions", "users"], web)
    _write(folder, "goals", ["client", "goal", "name", "type"], goals)
    _write(folder, "goal_reaches", ["date", "client", "channel", "goal", "reaches"], reaches)
    _write(folder, "sales", ["date", "client", "channel", "orders", "revenue"], sales)

    # costs (key: date, client, channel, kind, account)
    costs = {}
    use_foreign = rng.random() < 0.5
    for _ in range(rng.randint(5, 30)):
        client = rng.choice(meta.clients)
        channel = rng.choice(channels[client])
        account = None
        if channel in NETWORKS and rng.random() < 0.4:
            own = [h for n, h, c in accounts if c == client and n == channel]
            account = own[0] if own else None
        day = rng.choice(all_days)
        date_to = None
        if rng.random() < 0.4:
            if rng.random() < 0.5:  # a monthly fee: the 1st to the last day of a month
                day = day.replace(day=1)
                date_to = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            else:  # across a month end
                date_to = day + dt.timedelta(days=rng.randint(1, 45))
        key = (day, client, channel, rng.choice(COST_KINDS), account)
        costs[key] = {"date": day.isoformat(), "client": client, "channel": channel, "kind": key[3],
                      "account": account, "date_to": date_to.isoformat() if date_to else None,
                      "amount": _maybe(rng, round(rng.uniform(100, 60000), 2), p_null=0.05),
                      "currency": FOREIGN if use_foreign and rng.random() < 0.3 else rng.choice([None, "RUB"]),
                      "clicks": _maybe(rng, rng.randint(0, 500))}  # fmt: skip
    _write(folder, "costs", ["date", "client", "channel", "kind", "account", "date_to", "amount", "currency",
                             "clicks", "impressions"], list(costs.values()))  # fmt: skip

    # rates for every month a foreign cost can touch
    rates = []
    if use_foreign:
        month = (start - dt.timedelta(days=40)).replace(day=1)
        while month <= end + dt.timedelta(days=80):
            rates.append(
                {"month": _month(month), "currency": FOREIGN, "rate": round(rng.uniform(80, 100), 4)}
            )
            month = (month + dt.timedelta(days=32)).replace(day=1)
    _write(folder, "rates", ["month", "currency", "rate"], rates)

    # plan
    plan = {}
    months = sorted({_month(d) for d in all_days})
    for _ in range(rng.randint(0, 40)):
        client = rng.choice(meta.clients)
        scope = "all" if rng.random() < 0.5 else rng.choice(NETWORKS)
        kpi = rng.choice(PLAN_KPIS)
        month = rng.choice(months)
        low = kpi.endswith("rate") or kpi.startswith("er_") or kpi in ("romi", "ctr")
        target = round(rng.uniform(0.01, 0.5), 4) if low else round(rng.uniform(10, 50000), 2)
        plan[(month, client, scope, kpi)] = {"month": month, "client": client, "scope": scope, "kpi": kpi,
                                             "target": None if rng.random() < 0.05 else target}  # fmt: skip
    _write(folder, "plan", ["month", "client", "scope", "kpi", "target"], list(plan.values()))
    return meta
