"""The KPI engine on the demo workspace: totals agree with their parts, scopes partition cleanly."""

from __future__ import annotations

import datetime as dt

import pytest

from db import repo
from db.session import session_scope
from smmkpi.bootstrap import load_demo
from smmkpi.demo import COFFEE, injected_episode
from smmkpi.query import KpiFilters, kpi_report

END = dt.date(2026, 6, 30)
ADDITIVE = ("followers_end", "followers_gained", "reach", "views", "posts", "engagements", "interactions_in",
            "link_clicks", "sessions", "leads", "orders", "cost")  # fmt: skip


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory):
    from db.migrate import upgrade
    from db.session import make_engine

    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.db")
    upgrade(engine)
    load_demo(engine, workspace="Demo", end=END)
    yield engine
    engine.dispose()


def report(engine, start, end, **filters):
    with session_scope(engine) as session:
        return kpi_report(session, workspace_name="Demo", filters=KpiFilters(**filters), date_from=start,
                          date_to=end)  # fmt: skip


def close(a, b):
    return a == pytest.approx(b) if a is not None and b is not None else a is b is None


def test_networks_add_up_to_the_total(demo_engine):
    r = report(demo_engine, dt.date(2026, 6, 1), END)
    for key in ADDITIVE:
        parts = [v[key] for v in r["by_network"].values() if v[key] is not None]
        assert close(r["total"][key], sum(parts)), key
    assert set(r["by_network"]) == {"vk", "ok", "telegram", "instagram"}
    assert {"yandex_direct", "display"} <= set(r["by_channel"])
    assert r["total"]["reach"] > 0 and r["total"]["cost"] > 0


def test_clients_add_up_to_the_workspace(demo_engine):
    with session_scope(demo_engine) as session:
        ws = repo.get_workspace(session, name="Demo")
        clients = list(repo.list_clients(session, workspace_id=ws.id)["name"])
    assert len(clients) == 2
    whole = report(demo_engine, dt.date(2026, 4, 1), END)
    parts = [report(demo_engine, dt.date(2026, 4, 1), END, client=c) for c in clients]
    for key in ADDITIVE:
        assert close(whole["total"][key], sum(p["total"][key] or 0 for p in parts)), key
    assert sum(p["by_channel"]["display"]["cost"] for p in parts) == pytest.approx(
        whole["by_channel"]["display"]["cost"]
    )


def test_specialists_partition_the_accounts_day_by_day(demo_engine):
    with session_scope(demo_engine) as session:
        ws = repo.get_workspace(session, name="Demo")
        specialists = list(repo.list_specialists(session, workspace_id=ws.id)["key"])
    assert len(specialists) == 3
    whole = report(demo_engine, dt.date(2026, 5, 1), END)
    parts = [report(demo_engine, dt.date(2026, 5, 1), END, specialist=s) for s in specialists]
    for key in ("reach", "posts", "interactions_in", "followers_gained", "sessions"):
        assert close(whole["total"][key], sum(p["total"][key] or 0 for p in parts)), key
    assert all(p["plan"] == {} for p in parts)


def test_the_bought_followers_episode_shows_growth_without_reach(demo_engine):
    episode = injected_episode(end=END)
    during = report(demo_engine, episode["start"], episode["end"], networks=(episode["network"],),
                    accounts=(episode["account"],))  # fmt: skip
    before = during["previous"]
    assert during["total"]["followers_gained"] > 5 * before["followers_gained"]
    assert during["total"]["reach"] < 1.5 * before["reach"]


def test_plan_vs_fact_exists_for_the_planned_client(demo_engine):
    r = report(demo_engine, dt.date(2026, 6, 1), END, client=COFFEE)
    assert "reach" in r["plan"] and r["attainment"]["reach"] == pytest.approx(
        r["total"]["reach"] / r["plan"]["reach"]
    )
