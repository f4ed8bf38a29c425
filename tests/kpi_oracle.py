"""An independent oracle of /work/shared/KPI.md §3–§5, for the differential test.

Written from KPI.md alone (not from smmkpi/kpi.py or smmkpi/query.py): it reads the canonical CSV files of
one import (KPI.md §2) and answers a KPI query with the §5 JSON object. Plain Python on purpose: every KPI
is a small function whose comment is the KPI.md sentence it implements.

Readings of KPI.md where the text leaves room (each is listed in the differential test's report):
- "no account in scope has any row of that file on any date" (posts, interactions_in): any date at all,
  not only the days of P; "accounts in scope" = the accounts of the query (or of the by_network entry).
- A spread cost in a foreign currency is converted day by day with the rate of that day's month.
- `notes.cpc` is present when sessions is null and `total.cpc` is a number computed from link_clicks
  (NOTE_WHEN_CPC_NULL switches to the other reading).
- "Additive KPIs" are exactly the keys listed in §4 Plan vs fact, plus `goal_reaches.<type>`.
- by_channel's non-social channels: "any row in P for the clients in scope" = any row dated in P (a spread
  cost overlapping P) of those clients, whatever the account/specialist day restriction.
"""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

SOCIAL = ("vk", "ok", "facebook", "instagram", "x", "telegram", "youtube")
OTHER = ("yandex_direct", "google_ads", "display", "seo", "direct", "email", "other")
GOAL_TYPES = ("call", "message", "consultation", "form", "page_visit", "sale", "other")
LEAD_TYPES = ("call", "message", "consultation", "form")

# every key of §4, in the order of §4 (the order is not compared)
KPI_KEYS = (
    "followers_end", "followers_start", "follower_growth", "follower_growth_rate", "followers_gained",
    "followers_lost", "churn_rate", "reach", "reach_growth_rate", "views", "avg_post_reach", "reach_rate",
    "posts", "engagements", "er_reach", "er_views", "er_followers", "virality",
    "interactions_in", "response_rate", "median_response_minutes", "messages_in",
    "link_clicks", "ctr", "sessions", "click_to_session",
    "goal_reaches", *(f"goal_reaches.{t}" for t in GOAL_TYPES), "leads", "conversion_rate", "orders", "revenue",
    "cost", "ad_cost", "cpc", "cpl", "cps", "cpf", "romi",
)  # fmt: skip
CHANNEL_KEYS = ("cost", "ad_cost", "sessions", "leads", "orders", "revenue", "cpc", "cpl", "cps", "romi")
# §4 Plan vs fact: "additive KPIs (counts and sums: ...)"; goal_reaches.<type> read as part of goal_reaches
ADDITIVE = frozenset({
    "posts", "reach", "views", "followers_gained", "follower_growth", "link_clicks", "sessions", "leads",
    "orders", "revenue", "cost", "interactions_in", "engagements", "goal_reaches",
    *(f"goal_reaches.{t}" for t in GOAL_TYPES),
})  # fmt: skip
# "for KPIs where lower is better (...) it is target / fact"
LOWER_IS_BETTER = frozenset({"cpc", "cpl", "cps", "cpf", "churn_rate", "median_response_minutes"})
ONE_DAY = dt.timedelta(days=1)
# "notes.cpc is present only when total.cpc was computed from link_clicks": read as "total.cpc is a number
# computed from link_clicks". True = the other reading (the note whenever sessions is null, cpc null or not).
NOTE_WHEN_CPC_NULL = False


# --------------------------------------------------------------------------------------------------
# Small helpers: the null rule


def ssum(values) -> float | None:
    """Null rule: a sum is null when no row has a value; otherwise the sum of the values present."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def ratio(num, den) -> float | None:
    """Null rule: a ratio is null when its numerator or denominator is null or the denominator is 0."""
    if num is None or den is None or den == 0:
        return None
    return num / den


def minus(a, b) -> float | None:
    return None if a is None or b is None else a - b


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def days_in_month(month: str) -> int:
    y, m = int(month[:4]), int(month[5:])
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - dt.date(y, m, 1)).days


# --------------------------------------------------------------------------------------------------
# The data of one import (KPI.md §2)


def _num(text: str | None) -> float | None:
    if text is None or text.strip() == "":
        return None
    return float(text.replace(",", "."))


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _ts(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _read(folder: Path, name: str) -> list[dict]:
    path = folder / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(fh)]


@dataclass
class Dataset:
    tz: ZoneInfo
    currency: str
    account_client: dict  # (network, handle) -> client
    assignments: list  # (network, handle, specialist, since, until|None)
    daily: dict  # ((network, handle), date) -> row dict of floats/None
    posts: list  # dicts with acct, day, reach, views, likes, comments, shares, saves, link_clicks
    interactions: list  # dicts with acct, day, received, answered
    web: list
    goal_type: dict  # (client, goal) -> type|None
    goal_reaches: list
    sales: list
    cost_days: list  # one row per (cost row, day): client, channel, kind, account, day, amount (converted)
    cost_rows: list  # the cost rows as imported (for "any row in P")
    plan: list
    clients: set = field(default_factory=set)
    dates_by_account: dict | None = None

    @classmethod
    def load(cls, folder: Path, *, tz: str = "Europe/Moscow", currency: str = "RUB") -> Dataset:
        zone = ZoneInfo(tz)
        accounts = _read(folder, "accounts")
        account_client = {(r["network"], r["account"]): r.get("client") for r in accounts}
        assignments = [(r["network"], r["account"], r["specialist"], _date(r["specialist_since"]), None)
                       for r in accounts if r.get("specialist")]  # fmt: skip
        assignments += [(r["network"], r["account"], r["specialist"], _date(r["since"]), _date(r.get("until")))
                        for r in _read(folder, "assignments")]  # fmt: skip
        daily = {}
        for r in _read(folder, "daily"):
            acct = (r["network"], r["account"])
            daily[(acct, _date(r["date"]))] = {k: _num(v) for k, v in r.items()
                                               if k not in ("date", "network", "account")}  # fmt: skip
        posts = []
        for r in _read(folder, "posts"):
            post = {k: _num(r.get(k)) for k in ("reach", "views", "likes", "comments", "shares", "saves",
                                                "link_clicks")}  # fmt: skip
            # "Posts and interactions are dated by the workspace-time-zone calendar day of their timestamp."
            post.update(acct=(r["network"], r["account"]), day=_ts(r["published_at"]).astimezone(zone).date())
            posts.append(post)
        interactions = []
        for r in _read(folder, "interactions"):
            received, answered = _ts(r["received_at"]), _ts(r.get("answered_at"))
            interactions.append({"acct": (r["network"], r["account"]), "day": received.astimezone(zone).date(),
                                 "received": received, "answered": answered})  # fmt: skip
        web = [{"client": r["client"], "channel": r["channel"], "day": _date(r["date"]),
                "sessions": _num(r.get("sessions"))} for r in _read(folder, "web")]  # fmt: skip
        goal_type = {(r["client"], r["goal"]): r.get("type") for r in _read(folder, "goals")}
        goal_reaches = [{"client": r["client"], "channel": r["channel"], "day": _date(r["date"]),
                         "type": goal_type.get((r["client"], r["goal"])), "reaches": _num(r.get("reaches"))}
                        for r in _read(folder, "goal_reaches")]  # fmt: skip
        sales = [{"client": r["client"], "channel": r["channel"], "day": _date(r["date"]),
                  "orders": _num(r.get("orders")), "revenue": _num(r.get("revenue"))}
                 for r in _read(folder, "sales")]  # fmt: skip
        rates = {(r["month"], r["currency"]): _num(r["rate"]) for r in _read(folder, "rates")}
        cost_rows, cost_days = [], []
        for r in _read(folder, "costs"):
            first = _date(r["date"])
            last = _date(r.get("date_to")) or first
            row = {"client": r["client"], "channel": r["channel"], "kind": r["kind"], "account": r.get("account"),
                   "first": first, "last": last}  # fmt: skip
            cost_rows.append(row)
            amount, cur = _num(r.get("amount")), r.get("currency") or currency
            span = days(first, last)
            # "A row with date_to is spread evenly over the days date..date_to"
            for day in span:
                share = None if amount is None else amount / len(span)
                if share is not None and cur != currency:
                    # rates: "units of the workspace currency for 1 unit of currency, applied to costs
                    # and revenue of that month" -- read as the month of each day of the spread
                    share *= rates[(month_key(day), cur)]
                cost_days.append({**row, "day": day, "amount": share})
        plan = [{"month": r["month"], "client": r["client"], "scope": r["scope"], "kpi": r["kpi"],
                 "target": _num(r.get("target"))} for r in _read(folder, "plan")]  # fmt: skip
        clients = {c for c in account_client.values() if c}
        for rows in (web, goal_reaches, sales, cost_rows, plan):
            clients |= {r["client"] for r in rows if r["client"]}
        clients |= {c for c, _ in goal_type}
        return cls(zone, currency, account_client, assignments, daily, posts, interactions, web, goal_type,
                   goal_reaches, sales, cost_days, cost_rows, plan, clients)  # fmt: skip

    def assigned(self, acct, specialist: str, day: dt.date) -> bool:
        return any(n == acct[0] and h == acct[1] and s == specialist and since <= day
                   and (until is None or day <= until) for n, h, s, since, until in self.assignments)  # fmt: skip


@dataclass(frozen=True)
class Query:
    date_from: dt.date
    date_to: dt.date
    client: str | None = None
    networks: tuple = ()
    accounts: tuple = ()
    specialist: str | None = None

    def cli_args(self) -> list[str]:
        args = []
        if self.client:
            args += ["--client", self.client]
        for n in self.networks:
            args += ["--network", n]
        for a in self.accounts:
            args += ["--account", a]
        if self.specialist:
            args += ["--specialist", self.specialist]
        return args + ["--from", self.date_from.isoformat(), "--to", self.date_to.isoformat()]


# --------------------------------------------------------------------------------------------------
# Scope (KPI.md §4 "Scope", §4 "Scope of a KPI query")


@dataclass
class Scope:
    ds: Dataset
    q: Query
    first: dt.date
    last: dt.date
    acct_days: dict  # account -> set of its days in scope inside P

    @property
    def accounts(self):
        return set(self.acct_days)

    def lookup_ok(self, acct, day) -> bool:
        """ "Under a specialist scope every look-up ... uses only days on which the account was assigned to
        that specialist, before or inside P"."""
        return self.q.specialist is None or self.ds.assigned(acct, self.q.specialist, day)

    def only(self, network: str) -> Scope:
        return Scope(self.ds, self.q, self.first, self.last,
                     {a: d for a, d in self.acct_days.items() if a[0] == network})  # fmt: skip

    def pair_days(self) -> dict:
        """ "Channel-level facts ... count for the (client, network) pairs of the accounts in scope, on the days
        when at least one such account is in scope, once per pair"."""
        pairs: dict = {}
        for acct, ds in self.acct_days.items():
            pairs.setdefault((self.ds.account_client[acct], acct[0]), set()).update(ds)
        return pairs

    def clients(self) -> set:
        """ "The clients in scope are the --client given, else the clients of the accounts in scope (every
        client of the workspace when there is no account or specialist filter)"."""
        if self.q.client:
            return {self.q.client}
        if self.q.accounts or self.q.specialist:
            return {self.ds.account_client[a] for a in self.acct_days}
        return set(self.ds.clients)

    def client_days(self, client) -> set:
        """ "Non-social channel facts under a specialist or account scope count on the days when at least one
        account of that client is in scope"."""
        if not (self.q.accounts or self.q.specialist):
            return set(days(self.first, self.last))
        out = set()
        for acct, ds in self.acct_days.items():
            if self.ds.account_client[acct] == client:
                out |= ds
        return out


def make_scope(ds: Dataset, q: Query, first: dt.date, last: dt.date) -> Scope:
    period = days(first, last)
    acct_days = {}
    for acct, client in ds.account_client.items():
        if q.client and client != q.client:
            continue
        if q.networks and acct[0] not in q.networks:
            continue
        if q.accounts and acct[1] not in q.accounts:
            continue
        if q.specialist:
            # "specialist (the accounts assigned to them in each day of P -- an account counts for a
            # specialist only on the days of the assignment)"
            in_scope = {d for d in period if ds.assigned(acct, q.specialist, d)}
            if not in_scope:
                continue
        else:
            in_scope = set(period)
        acct_days[acct] = in_scope
    return Scope(ds, q, first, last, acct_days)


# --------------------------------------------------------------------------------------------------
# KPIs of social networks (total and by_network)


def daily_values(s: Scope, column: str, acct=None) -> list:
    accts = [acct] if acct else s.acct_days
    out = []
    for a in accts:
        for d in s.acct_days[a]:
            row = s.ds.daily.get((a, d))
            if row is not None:
                out.append(row.get(column))
    return out


def followers_on(s: Scope, acct, candidates) -> float | None:
    """The followers value of the last candidate day with a value (candidates sorted ascending)."""
    value = None
    for d in candidates:
        row = s.ds.daily.get((acct, d))
        if row is not None and row.get("followers") is not None and s.lookup_ok(acct, d):
            value = row["followers"]
    return value


def _daily_dates(s: Scope, acct) -> list:
    if s.ds.dates_by_account is None:
        s.ds.dates_by_account = {}
        for a, d in sorted(s.ds.daily):
            s.ds.dates_by_account.setdefault(a, []).append(d)
    return s.ds.dates_by_account.get(acct, [])


def followers_end(s: Scope):
    # "per account: followers on the last day <= to that has a value; summed over the accounts that have one"
    return ssum(followers_on(s, a, [d for d in _daily_dates(s, a) if d <= s.last]) for a in s.acct_days)


def followers_start(s: Scope):
    # "per account: followers on the last day < from that has a value; if none, the first value inside P;
    #  summed over the accounts that have one"
    values = []
    for a in s.acct_days:
        dates = _daily_dates(s, a)
        value = followers_on(s, a, [d for d in dates if d < s.first])
        if value is None:
            inside = [d for d in dates if s.first <= d <= s.last]
            for d in inside:
                value = followers_on(s, a, [d])
                if value is not None:
                    break
        values.append(value)
    return ssum(values)


def scoped_posts(s: Scope, acct=None) -> list:
    return [p for p in s.ds.posts if p["acct"] in s.acct_days and (acct is None or p["acct"] == acct)
            and p["day"] in s.acct_days[p["acct"]]]  # fmt: skip


def posts_count(s: Scope):
    # "A count (posts, interactions_in) is null when no account in scope has any row of that file on any date;
    #  otherwise it is the count in P (possibly 0)."
    if not any(p["acct"] in s.acct_days for p in s.ds.posts):
        return None
    return len(scoped_posts(s))


def engaged_posts(s: Scope) -> list:
    # "a post with all four NULL is excluded from every engagement KPI"
    eng = ("likes", "comments", "shares", "saves")
    return [p for p in scoped_posts(s) if any(p[k] is not None for k in eng)]


def engagement(p) -> float:
    # "likes + comments + shares + saves (each NULL counts as 0 inside a post)"
    return sum(p[k] or 0 for k in ("likes", "comments", "shares", "saves"))


def engagements(s: Scope):
    posts = engaged_posts(s)
    return sum(engagement(p) for p in posts) if posts else None


def er_by(s: Scope, column: str):
    # "Σ engagements / Σ reach, over posts in P that report reach" (and the same with views)
    posts = [p for p in engaged_posts(s) if p[column] is not None]
    if not posts:
        return None
    return ratio(sum(engagement(p) for p in posts), sum(p[column] for p in posts))


def er_followers(s: Scope):
    # "mean over posts in P of engagements / followers of that account on the publish date (last value <= that
    #  date); posts without such a value, or with 0, are left out"
    values = []
    for p in engaged_posts(s):
        f = followers_on(s, p["acct"], [d for d in _daily_dates(s, p["acct"]) if d <= p["day"]])
        if f:
            values.append(engagement(p) / f)
    return sum(values) / len(values) if values else None


def virality(s: Scope):
    # "Σ shares / Σ reach, over posts that report both"
    posts = [p for p in engaged_posts(s) if p["shares"] is not None and p["reach"] is not None]
    if not posts:
        return None
    return ratio(sum(p["shares"] for p in posts), sum(p["reach"] for p in posts))


def avg_post_reach(s: Scope):
    # "mean of post reach over posts published in P with reach reported"
    values = [p["reach"] for p in scoped_posts(s) if p["reach"] is not None]
    return sum(values) / len(values) if values else None


def scoped_interactions(s: Scope) -> list:
    return [i for i in s.ds.interactions if i["acct"] in s.acct_days and i["day"] in s.acct_days[i["acct"]]]


def interactions_in(s: Scope):
    # "count of interactions received in P" (null rule for counts as for posts)
    if not any(i["acct"] in s.acct_days for i in s.ds.interactions):
        return None
    return len(scoped_interactions(s))


def response_rate(s: Scope):
    # "answered / received, over interactions received in P (answered at any time, also after P)"
    received = interactions_in(s)
    if received is None:
        return None
    answered = sum(1 for i in scoped_interactions(s) if i["answered"] is not None)
    return ratio(answered, received)


def median_response_minutes(s: Scope):
    # "median of (answered_at - received_at) in minutes (fractional) over answered interactions received in P"
    minutes = [(i["answered"] - i["received"]).total_seconds() / 60 for i in scoped_interactions(s)
               if i["answered"] is not None]  # fmt: skip
    return statistics.median(minutes) if minutes else None


def link_clicks(s: Scope):
    # "per account: Σ daily link_clicks if any of its days in scope reports it, else Σ link_clicks of its posts
    #  in P; summed over accounts"
    per_account = []
    for a in s.acct_days:
        day_values = daily_values(s, "link_clicks", a)
        if any(v is not None for v in day_values):
            per_account.append(ssum(day_values))
        else:
            per_account.append(ssum(p["link_clicks"] for p in scoped_posts(s, a)))
    return ssum(per_account)


def social_rows(s: Scope, rows: list) -> list:
    """Channel-level rows of the (client, network) pairs in scope on their days in scope."""
    pairs = s.pair_days()
    return [
        r
        for r in rows
        if (r["client"], r["channel"]) in pairs and r["day"] in pairs[(r["client"], r["channel"])]
    ]


def social_costs(s: Scope) -> list:
    # "costs without account" as channel-level facts; "a cost row with account counts only when that account
    # is in scope on that day"
    out = [r for r in social_rows(s, s.ds.cost_days) if r["account"] is None]
    for r in s.ds.cost_days:
        acct = (r["channel"], r["account"])
        if r["account"] is not None and acct in s.acct_days and r["day"] in s.acct_days[acct]:
            out.append(r)
    return out


def money(cost_rows, web_rows, reach_rows, sales_rows, link_clicks_value) -> tuple[dict, str | None]:
    """The ten money keys of a channel (shared by total, by_network and by_channel)."""
    k = {
        # "Σ costs.amount for the channels in scope, all kinds"
        "cost": ssum(r["amount"] for r in cost_rows),
        "ad_cost": ssum(r["amount"] for r in cost_rows if r["kind"] == "ads"),
        # "Σ web.sessions for the social channels in scope"
        "sessions": ssum(r["sessions"] for r in web_rows),
        # "Σ reaches of goals of type call, message, consultation, form"
        "leads": ssum(r["reaches"] for r in reach_rows if r["type"] in LEAD_TYPES),
        "orders": ssum(r["orders"] for r in sales_rows),
        "revenue": ssum(r["revenue"] for r in sales_rows),
    }
    note = None
    # "cost / sessions; only if sessions is null (not 0): cost / link_clicks, and notes.cpc says basis"
    if k["sessions"] is not None:
        k["cpc"] = ratio(k["cost"], k["sessions"])
    else:
        k["cpc"] = ratio(k["cost"], link_clicks_value)
        if k["cpc"] is not None or NOTE_WHEN_CPC_NULL:
            note = "basis: link_clicks"
    k["cpl"] = ratio(k["cost"], k["leads"])
    k["cps"] = ratio(k["cost"], k["orders"])
    k["romi"] = ratio(minus(k["revenue"], k["cost"]), k["cost"])  # "(revenue - cost) / cost"
    return k, note


def social_kpis(ds: Dataset, q: Query, first: dt.date, last: dt.date, network: str | None = None) -> tuple:
    """All §4 keys for the social networks in scope (or one of them); returns (kpis, cpc note)."""
    s = make_scope(ds, q, first, last)
    if network:
        s = s.only(network)
    k = {}
    k["followers_end"] = followers_end(s)
    k["followers_start"] = followers_start(s)
    k["follower_growth"] = minus(k["followers_end"], k["followers_start"])  # followers_end - followers_start
    k["follower_growth_rate"] = ratio(k["follower_growth"], k["followers_start"])
    k["followers_gained"] = ssum(daily_values(s, "followers_gained"))  # "Σ over days in P"
    k["followers_lost"] = ssum(daily_values(s, "followers_lost"))
    k["churn_rate"] = ratio(k["followers_lost"], k["followers_start"])  # followers_lost / followers_start
    k["reach"] = ssum(daily_values(s, "reach"))  # "Σ daily reach in P"
    # "(reach(P) - reach(P')) / reach(P')"; P' is the previous period of this period
    n = (last - first).days + 1
    prev = make_scope(ds, q, first - dt.timedelta(days=n), first - ONE_DAY)
    if network:
        prev = prev.only(network)
    prev_reach = ssum(daily_values(prev, "reach"))
    k["reach_growth_rate"] = ratio(minus(k["reach"], prev_reach), prev_reach)
    k["views"] = ssum(daily_values(s, "views"))  # "Σ daily views in P"
    k["avg_post_reach"] = avg_post_reach(s)
    k["reach_rate"] = ratio(k["avg_post_reach"], k["followers_end"])  # avg_post_reach / followers_end
    k["posts"] = posts_count(s)
    k["engagements"] = engagements(s)
    k["er_reach"] = er_by(s, "reach")
    k["er_views"] = er_by(s, "views")
    k["er_followers"] = er_followers(s)
    k["virality"] = virality(s)
    k["interactions_in"] = interactions_in(s)
    k["response_rate"] = response_rate(s)
    k["median_response_minutes"] = median_response_minutes(s)
    k["messages_in"] = ssum(daily_values(s, "messages_in"))  # "Σ daily messages_in (the daily column only)"
    k["link_clicks"] = link_clicks(s)
    k["ctr"] = ratio(k["link_clicks"], k["reach"])  # link_clicks / reach
    web, reaches = social_rows(s, ds.web), social_rows(s, ds.goal_reaches)
    sales, costs = social_rows(s, ds.sales), social_costs(s)
    m, note = money(costs, web, reaches, sales, k["link_clicks"])
    k["sessions"] = m["sessions"]
    k["click_to_session"] = ratio(k["sessions"], k["link_clicks"])  # sessions / link_clicks
    # "Σ reaches of all goals, and per goal type"
    k["goal_reaches"] = ssum(r["reaches"] for r in reaches)
    for t in GOAL_TYPES:
        k[f"goal_reaches.{t}"] = ssum(r["reaches"] for r in reaches if r["type"] == t)
    k["leads"] = m["leads"]
    k["conversion_rate"] = ratio(k["leads"], k["sessions"])  # leads / sessions
    k["orders"], k["revenue"], k["cost"], k["ad_cost"] = m["orders"], m["revenue"], m["cost"], m["ad_cost"]
    k["cpc"], k["cpl"], k["cps"] = m["cpc"], m["cpl"], m["cps"]
    k["cpf"] = ratio(k["cost"], k["followers_gained"])  # cost / followers_gained
    k["romi"] = m["romi"]
    assert set(k) == set(KPI_KEYS)
    return {key: k[key] for key in KPI_KEYS}, note, s


def other_channel(ds: Dataset, s: Scope, channel: str) -> dict:
    """The ten money keys of one non-social channel for the clients in scope."""
    clients = s.clients()
    allowed = {c: s.client_days(c) for c in clients}

    def rows(table):
        return [
            r
            for r in table
            if r["channel"] == channel and r["client"] in allowed and r["day"] in allowed[r["client"]]
        ]

    m, _ = money(rows(ds.cost_days), rows(ds.web), rows(ds.goal_reaches), rows(ds.sales), None)
    return m


def other_channels_listed(ds: Dataset, s: Scope) -> list:
    # "without a network filter, every other channel with any row in P for the clients in scope"
    clients = s.clients()
    found = set()
    for table in (ds.web, ds.goal_reaches, ds.sales):
        found |= {r["channel"] for r in table if r["client"] in clients and s.first <= r["day"] <= s.last}
    # "A cost spread with date_to counts as a row in every period its days fall into."
    found |= {r["channel"] for r in ds.cost_rows if r["client"] in clients and r["first"] <= s.last
              and r["last"] >= s.first}  # fmt: skip
    return sorted(c for c in found if c in OTHER)


# --------------------------------------------------------------------------------------------------
# Plan vs fact


def targets(ds: Dataset, q: Query, s: Scope) -> dict:
    # "under an account or specialist scope, none"
    if q.accounts or q.specialist:
        return {}
    clients = s.clients()
    # "with no network filter, the all rows; with one or more networks, those networks' rows"
    scopes = set(q.networks) if q.networks else {"all"}
    period = days(q.date_from, q.date_to)
    months: dict = {}
    for d in period:
        months[month_key(d)] = months.get(month_key(d), 0) + 1
    rows = [r for r in ds.plan if r["client"] in clients and r["scope"] in scopes and r["target"] is not None
            and r["month"] in months]  # fmt: skip
    out = {}
    for kpi in sorted({r["kpi"] for r in rows}):
        mine = [r for r in rows if r["kpi"] == kpi]
        if kpi in ADDITIVE:
            # "Σ over the months touching P of target × (days of that month inside P / days in that month)";
            # "additive targets summed"; "A sum of targets uses the targets present"
            out[kpi] = sum(r["target"] * months[r["month"]] / days_in_month(r["month"]) for r in mine)
        else:
            # "other KPIs only when exactly one network is selected"; "Several clients in scope: ... others none"
            if len(clients) != 1 or len(scopes) != 1:
                continue
            # "the day-weighted mean of the monthly targets over the days of P whose month has a target"
            by_month = {r["month"]: r["target"] for r in mine}
            weight = sum(months[m] for m in by_month)
            out[kpi] = sum(t * months[m] for m, t in by_month.items()) / weight
    return out


def attainment(plan: dict, total: dict) -> dict:
    # "attainment = fact / target; for KPIs where lower is better (...) it is target / fact"
    return {k: ratio(t, total[k]) if k in LOWER_IS_BETTER else ratio(total[k], t) for k, t in plan.items()}


# --------------------------------------------------------------------------------------------------
# The §5 object


def report(ds: Dataset, q: Query) -> dict:
    first, last = q.date_from, q.date_to
    n = (last - first).days + 1
    # "Its previous period P' has the same number of days and ends the day before from."
    prev_first, prev_last = first - dt.timedelta(days=n), first - ONE_DAY
    total, note, scope = social_kpis(ds, q, first, last)
    previous, _, _ = social_kpis(ds, q, prev_first, prev_last)
    # "by_network lists the networks of the accounts in scope"
    networks = sorted({a[0] for a in scope.accounts})
    by_network = {net: social_kpis(ds, q, first, last, net)[0] for net in networks}
    # "by_channel lists the social networks in scope and, without a network filter, every other channel ..."
    by_channel = {net: {k: by_network[net][k] for k in CHANNEL_KEYS} for net in networks}
    if not q.networks:
        for channel in other_channels_listed(ds, scope):
            by_channel[channel] = other_channel(ds, scope, channel)
    plan = targets(ds, q, scope)
    return {
        "period": {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "previous_from": prev_first.isoformat(),
            "previous_to": prev_last.isoformat(),
        },  # fmt: skip
        "currency": ds.currency,
        "total": total,
        "previous": previous,
        "by_network": by_network,
        "by_channel": by_channel,
        "plan": plan,
        "attainment": attainment(plan, total),
        "notes": {"cpc": note} if note else {},
    }
