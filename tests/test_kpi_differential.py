"""Differential test: the KPI engine vs an independent oracle of KPI.md, on seeded random datasets.

Each seed: tests/kpi_random.py writes a small canonical CSV folder; it is imported into a fresh SQLite
database through the real importer (what `python -m smmkpi import` calls); then for several queries the
engine's JSON (what `python -m smmkpi kpi --json` prints, run in-process) is compared key by key with
tests/kpi_oracle.py. Numbers: relative tolerance 1e-9; null must be null; missing/extra keys fail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
import os
import random

import pytest

from tests.kpi_oracle import Dataset, Query, report
from tests.kpi_random import generate

# SMMKPI_DIFF_SEEDS=1-200 explores more seeds (the engine takes ~0.4 s a query, so the default stays small)
_RANGE = os.environ.get("SMMKPI_DIFF_SEEDS", "1-10")
SEEDS = list(range(int(_RANGE.split("-")[0]), int(_RANGE.split("-")[-1]) + 1))
WORKSPACE = "Diff"


def build_queries(meta, rng: random.Random) -> list[tuple[str, Query]]:
    span = (meta.end - meta.start).days + 1

    def period(min_len=7, max_len=60):
        length = rng.randint(min_len, min(max_len, span))
        first = meta.start + dt.timedelta(days=rng.randint(0, span - length))
        return first, first + dt.timedelta(days=length - 1)

    handles = [h for _, h, _ in meta.accounts]
    networks = sorted({n for n, _, _ in meta.accounts})
    queries = []
    # whole workspace: a calendar month inside the data (plans), and a random period
    month_first = (meta.start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    month_last = (month_first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    queries.append(("workspace-month", Query(month_first, month_last)))
    queries.append(("workspace", Query(*period())))
    queries.append(("client", Query(*period(), client=rng.choice(meta.clients))))
    queries.append(("network", Query(*period(), networks=(rng.choice(networks),))))
    if len(networks) >= 2:
        queries.append(("two-networks", Query(*period(), networks=tuple(rng.sample(networks, 2)))))
    net, handle, client = rng.choice(meta.accounts)
    queries.append(("client+network", Query(*period(), client=client, networks=(net,))))
    acct_nets = (net,) if handles.count(handle) > 1 else ()
    queries.append(("account", Query(*period(), accounts=(handle,), networks=acct_nets)))
    if len(meta.accounts) >= 2:
        (n1, h1, _), (n2, h2, _) = rng.sample(meta.accounts, 2)
        if handles.count(h1) == 1 and handles.count(h2) == 1:
            queries.append(("two-accounts", Query(*period(), accounts=(h1, h2))))
    queries.append(("specialist", Query(*period(), specialist=rng.choice(meta.specialists))))
    queries.append(("client+specialist", Query(*period(), client=rng.choice(meta.clients),
                                                specialist=rng.choice(meta.specialists))))  # fmt: skip
    if meta.handovers:
        net, handle, day, who = rng.choice(meta.handovers)
        first, last = day - dt.timedelta(days=rng.randint(1, 15)), day + dt.timedelta(days=rng.randint(0, 15))
        queries.append(("handover-new", Query(first, last, specialist=who)))
        others = [s for s in meta.specialists if s != who]
        queries.append(("handover-other", Query(first, last, specialist=rng.choice(others))))
    first = meta.start - dt.timedelta(days=400)
    queries.append(("no-data", Query(first, first + dt.timedelta(days=rng.randint(0, 30)))))
    return queries


def run_engine(q: Query) -> dict:
    """`python -m smmkpi kpi --workspace W ... --json`, in-process; the printed JSON object."""
    from smmkpi.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["kpi", "--workspace", WORKSPACE, *q.cli_args(), "--json"])
    if code != 0:
        raise RuntimeError(f"exit {code}: {err.getvalue().strip()}")
    return json.loads(out.getvalue())


def compare(oracle, engine, section: str = "") -> list[tuple[str, str, object, object]]:
    """(section, key, oracle value, engine value) for every difference."""
    out = []
    for key in sorted(set(oracle) | set(engine)):
        if key not in engine:
            out.append((section, key, oracle[key], "<missing>"))
            continue
        if key not in oracle:
            out.append((section, key, "<extra>", engine[key]))
            continue
        o, e = oracle[key], engine[key]
        if isinstance(o, dict) and isinstance(e, dict):
            out += compare(o, e, f"{section}.{key}" if section else key)
        elif o is None or e is None:
            if not (o is None and e is None):
                out.append((section, key, o, e))
        elif isinstance(o, str) or isinstance(e, str) or isinstance(o, dict) or isinstance(e, dict):
            if o != e:
                out.append((section, key, o, e))
        elif not math.isclose(float(o), float(e), rel_tol=1e-9, abs_tol=1e-12):
            out.append((section, key, o, e))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_engine_matches_oracle(seed, tmp_path):
    from smmkpi import importer
    from smmkpi.bootstrap import open_database
    from smmkpi.settings import Settings

    folder = tmp_path / "data"
    meta = generate(seed, folder)
    engine = open_database(Settings.load())  # SMMKPI_DATABASE_URL: a fresh SQLite file in tmp_path (conftest)
    importer.import_path(engine, folder, workspace=WORKSPACE)
    engine.dispose()
    dataset = Dataset.load(folder)
    problems = []
    for name, q in build_queries(meta, random.Random(seed * 7919)):
        label = f"seed={seed} query={name} {' '.join(q.cli_args())}"
        try:
            got = run_engine(q)
        except Exception as exc:  # noqa: BLE001 - reported with the seed and query
            problems.append(f"{label}: engine failed: {exc}")
            continue
        expected = report(dataset, q)
        for section, key, o, e in compare(expected, got):
            problems.append(f"{label} section={section or '<top>'} key={key} oracle={o!r} engine={e!r}")
    assert not problems, f"{len(problems)} mismatches:\n" + "\n".join(problems[:60])


# --- The two disagreements the oracle found, as hand-built cases -----------------------------------------


def _import_files(tmp_path, files: dict[str, str]) -> None:
    from smmkpi import importer
    from smmkpi.bootstrap import open_database
    from smmkpi.settings import Settings

    folder = tmp_path / "hand"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    engine = open_database(Settings.load())
    importer.import_path(engine, folder, workspace=WORKSPACE)
    engine.dispose()


def test_previous_period_of_a_specialist_uses_the_clients_of_its_own_accounts(tmp_path):
    """S held Beta's OK group in P' and Acme's VK group in P: P' counts Beta's channel facts."""
    _import_files(tmp_path, {
        "accounts": "network,account,client\nok,a1,Beta\nvk,a2,Acme\n",
        "assignments": "network,account,specialist,since,until\n"
                       "ok,a1,s@x.ru,2025-03-01,2025-03-07\nvk,a2,s@x.ru,2025-03-08,2025-03-14\n",
        "daily": "date,network,account,reach\n2025-03-03,ok,a1,100\n2025-03-10,vk,a2,200\n",
        "web": "date,client,channel,sessions\n2025-03-03,Beta,ok,10\n2025-03-10,Acme,vk,20\n",
        "goals": "client,goal,type\nBeta,g1,call\n",
        "goal_reaches": "date,client,channel,goal,reaches\n2025-03-03,Beta,ok,g1,3\n",
    })  # fmt: skip
    got = run_engine(Query(dt.date(2025, 3, 8), dt.date(2025, 3, 14), specialist="s@x.ru"))
    assert (got["total"]["sessions"], got["total"]["leads"]) == (20, None)
    assert (got["previous"]["reach"], got["previous"]["sessions"], got["previous"]["leads"]) == (100, 10, 3)
    alone = run_engine(Query(dt.date(2025, 3, 1), dt.date(2025, 3, 7), specialist="s@x.ru"))
    assert {k: alone["total"][k] for k in ("sessions", "leads")} == {"sessions": 10, "leads": 3}


def test_the_cpc_note_is_there_only_when_cpc_was_computed_from_link_clicks(tmp_path):
    _import_files(tmp_path, {
        "accounts": "network,account,client\nvk,a1,Acme\n",
        "daily": "date,network,account,link_clicks\n2025-03-03,vk,a1,40\n2025-04-03,vk,a1,50\n",
        "costs": "date,client,channel,kind,account,amount\n2025-04-01,Acme,vk,ads,,1000\n",
    })  # fmt: skip
    no_cost = run_engine(Query(dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
    assert no_cost["total"]["cpc"] is None and no_cost["notes"] == {}
    with_cost = run_engine(Query(dt.date(2025, 4, 1), dt.date(2025, 4, 30)))
    assert with_cost["total"]["cpc"] == 20 and with_cost["notes"] == {"cpc": "basis: link_clicks"}
