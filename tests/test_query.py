"""KPI queries through the database and the CLI: import canonical files, ask for KPIs, check by hand.

These run on SQLite and, when SMMKPI_TEST_POSTGRES_URL is set, on PostgreSQL too (the ``engine``
fixture is parametrized over both backends).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from db.session import session_scope
from smmkpi import importer, kpi
from smmkpi.__main__ import main
from smmkpi.query import KpiFilters, ScopeError, kpi_report

FILES = {
    "accounts": """network,account,name,client,specialist,specialist_since
vk,acme,Acme VK,Acme,anna@agency.example,2025-12-01
ok,acme,Acme OK,Acme,boris@agency.example,2025-12-01
telegram,beta_news,Beta,Beta,boris@agency.example,2025-12-01
""",
    "assignments": """network,account,specialist,since,until
vk,acme,boris@agency.example,2026-01-11,
""",
    "daily": """date,network,account,followers,followers_gained,reach,link_clicks
2026-01-09,vk,acme,1000,5,100,
2026-01-10,vk,acme,1010,10,100,
2026-01-11,vk,acme,1030,20,300,4
2026-01-12,vk,acme,1060,30,300,6
2026-01-10,ok,acme,400,,50,
2026-01-12,ok,acme,420,,50,
2026-01-10,telegram,beta_news,800,,,
""",
    "posts": """network,account,post_id,published_at,reach,likes,comments
vk,acme,1,2026-01-09T22:30:00Z,100,10,
vk,acme,2,2026-01-12T10:00:00+03:00,100,30,2
ok,acme,7,2026-01-12T23:30:00+03:00,40,,
""",
    "interactions": """network,account,interaction_id,kind,received_at,answered_at
vk,acme,c1,comment,2026-01-11T09:00:00+03:00,2026-01-11T09:30:00+03:00
vk,acme,c2,comment,2026-01-12T20:50:00Z,
""",
    "web": """date,client,channel,sessions
2026-01-11,Acme,vk,40
2026-01-12,Acme,vk,60
2026-01-12,Acme,yandex_direct,500
2026-01-12,Beta,telegram,9
""",
    "goals": """client,goal,name,type
Acme,call,Звонок с сайта,call
Acme,cart,Корзина,sale
""",
    "goal_reaches": """date,client,channel,goal,reaches
2026-01-12,Acme,vk,call,4
2026-01-12,Acme,yandex_direct,call,10
""",
    "sales": """date,client,channel,orders,revenue
2026-01-12,Acme,vk,2,9000
""",
    "costs": """date,client,channel,kind,account,date_to,amount,currency
2026-01-01,Acme,vk,fee,,2026-01-31,31000,
2026-01-12,Acme,vk,ads,acme,,700,
2026-01-12,Acme,yandex_direct,ads,,,5000,
2026-01-12,Acme,ok,tools,,,10,USD
""",
    "plan": """month,client,scope,kpi,target
2026-01,Acme,all,reach,3100
2026-01,Acme,vk,sessions,310
""",
    "rates": """month,currency,rate
2026-01,USD,90
""",
}

P = dict(date_from=dt.date(2026, 1, 11), date_to=dt.date(2026, 1, 12))


@pytest.fixture
def loaded(engine, tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    importer.import_path(engine, folder, workspace="Agency")
    return engine


def report(engine, **filters):
    with session_scope(engine) as session:
        return kpi_report(session, workspace_name="Agency", filters=KpiFilters(**filters), **P)


def test_workspace_totals_from_imported_files(loaded):
    r = report(loaded)
    total = r["total"]
    assert total["followers_end"] == 1060 + 420 + 800
    assert total["reach"] == 600 + 50
    # the VK post published 22:30 UTC on Jan 9 is Jan 10 in Moscow: outside P
    assert total["posts"] == 2
    assert total["engagements"] == 32  # the OK post reports no engagement part
    assert total["er_reach"] == pytest.approx(32 / 100)
    assert total["interactions_in"] == 2 and total["response_rate"] == pytest.approx(0.5)
    assert total["median_response_minutes"] == pytest.approx(30)
    assert total["link_clicks"] == 10
    assert total["sessions"] == 100 + 9
    assert total["leads"] == 4 and total["goal_reaches"] == 4
    assert total["orders"] == 2 and total["revenue"] == pytest.approx(9000)
    assert total["cost"] == pytest.approx(2000 + 700 + 900)
    assert set(r["by_channel"]) == {"vk", "ok", "telegram", "yandex_direct"}
    assert r["by_channel"]["yandex_direct"]["cost"] == pytest.approx(5000)
    assert r["by_channel"]["yandex_direct"]["leads"] == 10
    # two clients in scope: only the additive targets, summed
    assert r["plan"] == {"reach": pytest.approx(200)}


def test_client_and_network_filters(loaded):
    r = report(loaded, client="Acme", networks=("vk",))
    assert r["total"]["followers_end"] == 1060
    assert r["plan"] == {"sessions": pytest.approx(20)}
    assert r["attainment"] == {"sessions": pytest.approx(100 / 20)}
    assert list(r["by_channel"]) == ["vk"]


def test_specialist_scope_follows_the_handover(loaded):
    boris = report(loaded, specialist="boris@agency.example")
    assert boris["total"]["followers_start"] == 1030 + 400 + 800
    assert boris["total"]["reach"] == 650
    assert boris["plan"] == {}
    anna = report(loaded, specialist="anna@agency.example")
    assert anna["total"]["reach"] is None  # Anna's VK days ended on Jan 10
    assert anna["by_network"] == {}


def test_unknown_names_get_a_clear_message(loaded):
    with pytest.raises(ScopeError, match="Client 'Gamma' is not in workspace 'Agency'.*Acme, Beta"):
        report(loaded, client="Gamma")
    with pytest.raises(ScopeError, match="exists on several networks"):
        report(loaded, accounts=("acme",))
    r = report(loaded, accounts=("acme",), networks=("ok",))
    assert r["total"]["followers_end"] == 420


def test_cli_prints_the_kpi_json(loaded, capsys, monkeypatch):
    monkeypatch.setenv("SMMKPI_DATABASE_URL", loaded.url.render_as_string(hide_password=False))
    code = main(["kpi", "--workspace", "Agency", "--network", "vk", "--network", "ok", "--from", "2026-01-11",
                 "--to", "2026-01-12", "--json"])  # fmt: skip
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"period", "currency", "total", "previous", "by_network", "by_channel", "plan",
                        "attainment", "notes"}  # fmt: skip
    assert set(out["total"]) == set(kpi.KPI_KEYS) == set(out["previous"])
    assert list(out["by_network"]) == ["vk", "ok"]
    assert out["total"]["followers_end"] == 1480
    assert out["currency"] == "RUB"


def test_cli_rejects_bad_input_with_one_paragraph(loaded, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SMMKPI_DATABASE_URL", loaded.url.render_as_string(hide_password=False))
    assert main(["kpi", "--workspace", "Nope", "--from", "2026-01-01", "--to", "2026-01-02"]) == 2
    assert "Workspace 'Nope' does not exist" in capsys.readouterr().err
    assert main(["kpi", "--workspace", "Agency", "--from", "2026-01-05", "--to", "2026-01-02"]) == 2
    assert "ends (2026-01-02) before it starts" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing"), "--workspace", "Agency"]) == 2
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "daily.csv").write_text("date,network,account,reach\n2026-13-01,vk,acme,5\n", encoding="utf-8")
    assert main(["import", str(bad), "--workspace", "Agency"]) == 2
    err = capsys.readouterr().err
    assert "daily" in err and "2026-13-01" in err


def test_cli_demo_out_writes_canonical_files(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "demo"), "--end", "2026-06-30"]) == 0
    written = sorted(p.stem for p in Path(tmp_path / "demo").glob("*.csv"))
    assert {"accounts", "daily", "posts", "costs", "plan"} <= set(written)


# --- The CLI's settings and an unreachable database ------------------------------------------------------

UNREACHABLE = "postgresql+psycopg://smmkpi:Sup3rSecretPw@127.0.0.1:1/smmkpi"  # port 1: refused at once


def test_cli_reads_the_database_url_from_streamlit_secrets_toml(tmp_path, capsys, monkeypatch):
    """The app reads [smmkpi] database_url from .streamlit/secrets.toml; the CLI must use the same database."""
    monkeypatch.delenv("SMMKPI_DATABASE_URL")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".streamlit").mkdir()
    target = tmp_path / "from-secrets.db"
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        f'[smmkpi]\ndatabase_url = "sqlite:///{target}"\n', encoding="utf-8"
    )

    assert main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out
    assert str(target) in out and "Upgraded" in out
    assert target.exists()
    assert main(["demo", "--workspace", "FromSecrets", "--end", "2026-03-31", "--months", "1"]) == 0
    capsys.readouterr()
    assert main(["workspaces"]) == 0
    assert "FromSecrets" in capsys.readouterr().out
    # the feature commands open the same database (trust findings of the workspace made above)
    assert main(["inflation", "--workspace", "FromSecrets", "--from", "2026-03-01", "--to", "2026-03-31",
                 "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out) is not None


def test_cli_db_upgrade_names_the_database_without_its_password(capsys, monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert url in capsys.readouterr().out

    from smmkpi.settings import safe_database_url

    assert "Sup3rSecretPw" not in safe_database_url(UNREACHABLE)
    assert "127.0.0.1:1/smmkpi" in safe_database_url(UNREACHABLE)


@pytest.mark.parametrize("command", [["db", "upgrade"], ["kpi", "--workspace", "A", "--from", "2026-01-01",
                                                        "--to", "2026-01-02"], ["workspaces"]])  # fmt: skip
def test_cli_on_an_unreachable_database_prints_one_paragraph_and_exits_2(command, capsys, monkeypatch):
    monkeypatch.setenv("SMMKPI_DATABASE_URL", UNREACHABLE)

    assert main(command) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith("error: cannot open the database at 127.0.0.1:1/smmkpi:")
    assert "refused" in err.lower() and "SMMKPI_DATABASE_URL" in err
    assert "Sup3rSecretPw" not in captured.err + captured.out


# --- Workspaces are separate ----------------------------------------------------------------------------


def _scaled(text: str, factor: int) -> str:
    """The same CSV with every plain integer of a value column multiplied (dates, months and names stay)."""
    out = []
    for number, line in enumerate(text.splitlines()):
        cells = line.split(",")
        if number:
            cells = [c if not c.isdigit() or len(c) == 4 and c.startswith("20") else str(int(c) * factor)
                     for c in cells]  # fmt: skip
        out.append(",".join(cells))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    "filters", [{}, {"client": "Acme"}, {"networks": ("vk",)}, {"specialist": "boris@agency.example"}]
)
def test_a_second_workspace_with_the_same_names_does_not_change_the_first(loaded, tmp_path, filters):
    """Clients, accounts, specialists and goals are named alike in both workspaces (as when an agency
    copies its setup); only the numbers differ. The first workspace's report must not move."""
    before = report(loaded, **filters)
    folder = tmp_path / "second"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / f"{name}.csv").write_text(
            text if name in ("rates",) else _scaled(text, 7), encoding="utf-8"
        )
    importer.import_path(loaded, folder, workspace="Agency copy")

    after = report(loaded, **filters)
    assert after == before
    with session_scope(loaded) as session:
        copy = kpi_report(session, workspace_name="Agency copy", filters=KpiFilters(**filters), **P)
    # the copy really holds other numbers under the same names, so the equality above can fail
    assert copy["total"] != before["total"]
    if not filters.get("specialist"):
        assert copy["total"]["reach"] == 7 * before["total"]["reach"]
