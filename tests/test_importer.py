"""The canonical importer (KPI.md §2): what it writes, what it rejects and how it says so.

Every rejected import must leave the database exactly as it was: the same number of rows in every
table and no new workspace.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlmodel import Session

from db.models import (
    Account,
    Assignment,
    Client,
    Cost,
    DailyStat,
    Goal,
    GoalReach,
    ImportRun,
    Interaction,
    PlanTarget,
    Post,
    Rate,
    Sale,
    Specialist,
    WebStat,
    Workspace,
)
from smmkpi.importer import (
    MAX_PROBLEMS,
    SINCE_ALWAYS,
    ImportValidationError,
    Problem,
    import_path,
    import_tables,
    read_path,
    read_upload,
)

DATA = Path(__file__).parent / "data" / "import"
GOOD = DATA / "good"
WS = "Агентство"
MODELS = (Workspace, Client, Specialist, Account, Assignment, DailyStat, Post, Interaction, WebStat, Goal,
          GoalReach, Sale, Cost, PlanTarget, Rate, ImportRun)  # fmt: skip


# --------------------------------------------------------------------------------------------------
# helpers


def upload(files: dict[str, str | bytes]) -> dict:
    """Read {"daily.csv": "text", ...} the way the Import page does."""
    return read_upload(
        [(name, body.encode() if isinstance(body, str) else body) for name, body in files.items()]
    )


def run(engine, files: dict[str, str | bytes], *, workspace: str = WS, dry_run: bool = False):
    return import_tables(engine, upload(files), workspace=workspace, dry_run=dry_run)


def row_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {m.__name__: session.execute(select(func.count()).select_from(m)).scalar_one() for m in MODELS}


def rows(engine, model, *columns, order_by=None) -> list[tuple]:
    with Session(engine) as session:
        stmt = select(*(getattr(model, c) for c in columns))
        return [
            tuple(r) for r in session.execute(stmt.order_by(order_by if order_by is not None else model.id))
        ]


def rejected(engine, files: dict[str, str | bytes], *, workspace: str = WS) -> list[Problem]:
    """Import ``files``, expect a rejection, check nothing changed and return the problems."""
    before = row_counts(engine)
    with pytest.raises(ImportValidationError) as caught:
        run(engine, files, workspace=workspace)
    assert row_counts(engine) == before
    return caught.value.problems


def where(problem: Problem) -> tuple:
    return problem.file, problem.line, problem.column, problem.value, problem.rule


def good_files(*names: str) -> dict[str, bytes]:
    paths = [GOOD / f"{n}.csv" for n in names] if names else sorted(GOOD.glob("*.csv"))
    return {p.name: p.read_bytes() for p in paths}


@pytest.fixture
def seeded(engine):
    """The workspace after importing tests/data/import/good (two clients: Зерно and Кедр)."""
    import_path(engine, GOOD, workspace=WS)
    return engine


# --------------------------------------------------------------------------------------------------
# a good import


def test_good_folder_imports_every_file_and_counts_what_it_did(engine):
    summary = import_path(engine, GOOD, workspace=WS)

    per_file = {f.name: (f.rows, f.inserted, f.updated, f.unchanged) for f in summary.files}
    assert per_file == {
        "accounts.csv": (3, 3, 0, 0), "assignments.csv": (2, 2, 0, 0), "costs.csv": (3, 3, 0, 0),
        "daily.csv": (6, 6, 0, 0), "goal_reaches.csv": (2, 2, 0, 0), "goals.csv": (2, 2, 0, 0),
        "interactions.csv": (2, 2, 0, 0), "plan.csv": (2, 2, 0, 0), "posts.csv": (3, 3, 0, 0),
        "rates.csv": (1, 1, 0, 0), "sales.csv": (2, 2, 0, 0), "web.csv": (3, 3, 0, 0),
    }  # fmt: skip
    assert summary.clients_created == ["Зерно", "Кедр"]
    assert sorted(summary.accounts_created) == ["telegram/zerno_news", "vk/kedr_mebel", "vk/zerno_coffee"]
    assert summary.specialists_created == ["anna@agency.example", "boris@agency.example"]
    assert not summary.dry_run
    assert list(summary.preview["daily"].columns)[:3] == ["date", "network", "account"]

    counts = row_counts(engine)
    assert counts == {
        "Workspace": 1, "Client": 2, "Specialist": 2, "Account": 3, "Assignment": 4, "DailyStat": 6, "Post": 3,
        "Interaction": 2, "WebStat": 3, "Goal": 2, "GoalReach": 2, "Sale": 2, "Cost": 3, "PlanTarget": 2,
        "Rate": 1, "ImportRun": 1,
    }  # fmt: skip
    (run_json,) = rows(engine, ImportRun, "summary_json")[0]
    assert json.loads(run_json)["totals"] == {"rows": 31, "inserted": 31, "updated": 0, "unchanged": 0}


def test_values_are_stored_normalised(engine):
    import_path(engine, GOOD, workspace=WS)

    assert rows(engine, Workspace, "name", "currency") == [(WS, "RUB")]
    published = {pid: (ts, fmt, promoted) for pid, ts, fmt, promoted in
                 rows(engine, Post, "post_id", "published_at", "format", "is_promoted")}  # fmt: skip
    moment, fmt, promoted = published["101"]
    assert moment.replace(tzinfo=moment.tzinfo or dt.UTC) == dt.datetime(2024, 5, 1, 7, 0, tzinfo=dt.UTC)
    assert (fmt, promoted) == ("photo", False)
    assert published["102"][1:] == ("reel", True)  # enums lowercased; "да" is true
    assert published["15"][2] is False  # "no"
    assert rows(engine, Interaction, "kind") == [("comment",), ("message",)]
    assert rows(engine, Sale, "revenue") == [(3400.5,), (56000.0,)]
    assert rows(engine, Cost, "account", "currency", "amount") == [
        ("zerno_coffee", None, 15000.0), ("", "USD", 200.0), ("", "RUB", 7000.0)]  # fmt: skip
    # Not reported is NULL, never 0
    assert rows(engine, DailyStat, "reach", "followers_gained")[1] == (760, None)


def test_accounts_specialist_is_an_assignment_since_always_when_no_date_is_given(engine):
    import_path(engine, GOOD, workspace=WS)

    with Session(engine) as session:
        stmt = (select(Account.handle, Specialist.key, Assignment.since, Assignment.until)
                .join(Account, Account.id == Assignment.account_id)
                .join(Specialist, Specialist.id == Assignment.specialist_id)
                .order_by(Account.handle, Assignment.since))  # fmt: skip
        got = [tuple(r) for r in session.execute(stmt)]
    assert got == [
        ("kedr_mebel", "boris@agency.example", SINCE_ALWAYS, None),
        ("zerno_coffee", "anna@agency.example", dt.date(2024, 1, 1), None),
        ("zerno_news", "anna@agency.example", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("zerno_news", "boris@agency.example", dt.date(2024, 4, 1), None),
    ]


def test_dry_run_reports_the_same_summary_and_writes_nothing(engine):
    before = row_counts(engine)
    dry = import_tables(engine, read_path(GOOD), workspace=WS, dry_run=True)
    assert dry.dry_run
    assert row_counts(engine) == before  # not even the workspace
    real = import_tables(engine, read_path(GOOD), workspace=WS)
    assert [f.__dict__ for f in dry.files] == [f.__dict__ for f in real.files]
    assert dry.accounts_created == real.accounts_created


# --------------------------------------------------------------------------------------------------
# re-imports and updates


def test_identical_reimport_changes_nothing(seeded):
    before = row_counts(seeded)
    summary = import_path(seeded, GOOD, workspace=WS)

    assert all(f.inserted == 0 and f.updated == 0 and f.unchanged == f.rows for f in summary.files)
    assert summary.accounts_created == summary.clients_created == summary.specialists_created == []
    after = row_counts(seeded)
    assert after.pop("ImportRun") == before.pop("ImportRun") + 1
    assert after == before


def test_an_update_changes_only_the_rows_given(seeded):
    summary = run(seeded, {"daily.csv": (
        "date,network,account,followers,reach\n"
        "2024-05-01,vk,zerno_coffee,1200,805\n"  # reach changed
        "2024-05-02,vk,zerno_coffee,1208,760\n"  # same
        "2024-05-03,vk,zerno_coffee,1215,700\n"  # new
    )})  # fmt: skip

    (daily,) = summary.files
    assert (daily.rows, daily.inserted, daily.updated, daily.unchanged) == (3, 1, 1, 1)
    got = rows(seeded, DailyStat, "date", "reach", "views", order_by=DailyStat.date)
    zerno = [r for r in got if r[0] in (dt.date(2024, 5, 1),)]
    assert (dt.date(2024, 5, 1), 805, 1500) in zerno  # views kept: the column was left out
    assert (dt.date(2024, 5, 1), 1200, 2100) in got  # kedr_mebel's row untouched
    assert row_counts(seeded)["DailyStat"] == 7


def test_a_column_left_out_keeps_values_and_an_empty_cell_clears_them(seeded):
    run(seeded, {"daily.csv": "date,network,account,reach\n2024-05-01,vk,zerno_coffee,\n"})

    with Session(seeded) as session:
        stat = session.execute(select(DailyStat).where(DailyStat.date == dt.date(2024, 5, 1))
                               .order_by(DailyStat.id)).scalars().first()  # fmt: skip
    assert stat.reach is None  # present and empty: not reported any more
    assert (stat.followers, stat.views, stat.messages_in) == (1200, 1500, 3)  # left out: kept


def test_an_account_keeps_its_client_unless_accounts_names_another(seeded):
    run(seeded, {"accounts.csv": "network,account,name\nvk,kedr_mebel,Кедр\n"})
    assert rows(seeded, Account, "handle", "client_id", "name")[2][2] == "Кедр"
    clients = dict(rows(seeded, Client, "name", "id"))
    assert rows(seeded, Account, "client_id")[2] == (clients["Кедр"],)

    summary = run(seeded, {"accounts.csv": "network,account,client\nvk,kedr_mebel,Зерно\n"})
    assert summary.files[0].updated == 1
    assert rows(seeded, Account, "client_id")[2] == (clients["Зерно"],)


def test_a_newer_since_closes_the_open_assignment_the_day_before(seeded):
    summary = run(
        seeded,
        {"assignments.csv": "network,account,specialist,since\nvk,zerno_coffee,Вера Петрова,2024-06-15\n"},
    )
    assert summary.specialists_created == ["Вера Петрова"]
    with Session(seeded) as session:
        stmt = (select(Specialist.key, Assignment.since, Assignment.until)
                .join(Specialist, Specialist.id == Assignment.specialist_id)
                .join(Account, Account.id == Assignment.account_id)
                .where(Account.handle == "zerno_coffee").order_by(Assignment.since))  # fmt: skip
        got = [tuple(r) for r in session.execute(stmt)]
    assert got == [("anna@agency.example", dt.date(2024, 1, 1), dt.date(2024, 6, 14)),
                   ("Вера Петрова", dt.date(2024, 6, 15), None)]  # fmt: skip

    # importing accounts.csv again (anna "since 2024-01-01") keeps the closed assignment closed
    again = import_path(seeded, GOOD / "accounts.csv", workspace=WS)
    assert again.files[0].unchanged == 3
    assert row_counts(seeded)["Assignment"] == 5


def test_accounts_named_only_in_daily_are_created_for_the_only_client(engine):
    summary = run(
        engine,
        {
            "web.csv": "date,client,channel,sessions\n2024-05-01,Зерно,vk,10\n",
            "daily.csv": "date,network,account,reach\n2024-05-01,vk,new_one,5\n",
        },
    )
    assert summary.accounts_created == ["vk/new_one"]
    assert summary.clients_created == ["Зерно"]


def test_client_may_be_left_out_when_there_is_exactly_one(engine):
    run(engine, {"accounts.csv": "network,account,client\nvk,zerno_coffee,Зерно\n"})
    summary = run(
        engine,
        {
            "sales.csv": "date,channel,orders,revenue\n2024-05-01,vk,3,\n",
            "costs.csv": "date,client,channel,kind,amount\n2024-05-01,,vk,ads,100\n",
        },
    )
    assert [f.inserted for f in summary.files] == [1, 1]
    assert summary.clients_created == []


def test_costs_in_another_currency_are_accepted_with_a_rates_row_for_every_month(seeded):
    files = {"costs.csv": "date,client,channel,kind,date_to,amount,currency\n"
                          "2024-05-20,Кедр,seo,fee,2024-06-10,500,EUR\n",
             "rates.csv": "month,currency,rate\n2024-05,EUR,99.5\n2024-06,EUR,98\n"}  # fmt: skip
    summary = run(seeded, files)
    assert [(f.name, f.inserted) for f in summary.files] == [("costs.csv", 1), ("rates.csv", 2)]
    # a rates row from an earlier import counts too
    run(seeded, {"costs.csv": "date,client,channel,kind,amount,currency\n2024-06-01,Кедр,seo,tools,10,eur\n"})


def test_an_empty_costs_account_is_part_of_the_key(seeded):
    summary = run(
        seeded,
        {
            "costs.csv": "date,client,channel,kind,account,amount\n"
            "2024-06-01,Зерно,vk,ads,,100\n"
            "2024-06-01,Зерно,vk,ads,zerno_coffee,50\n"
        },
    )
    assert summary.files[0].inserted == 2


# --------------------------------------------------------------------------------------------------
# file formats


def test_semicolon_separator_decimal_comma_and_bom(engine):
    summary = import_path(engine, DATA / "semicolon_decimal_comma", workspace=WS)
    assert summary.files[0].inserted == 3
    assert rows(engine, Cost, "amount", "channel") == [(12500.5, "vk"), (990.0, "vk"), (0.5, "email")]
    assert rows(engine, Client, "name") == [("Зерно",)]  # the BOM is not part of the first column name


def test_a_header_only_file_is_valid_and_imports_nothing(engine):
    summary = import_path(engine, DATA / "header_only", workspace=WS)
    assert [(f.rows, f.inserted) for f in summary.files] == [(0, 0), (0, 0)]
    assert row_counts(engine)["DailyStat"] == 0


def test_cyrillic_names_and_values_round_trip(seeded):
    assert rows(seeded, Account, "name")[0] == ("Зерно — кофейня",)
    assert rows(seeded, Account, "name")[2] == ("Кедр, мебель",)  # a quoted comma stays in the value
    assert rows(seeded, Goal, "name", "type") == [("Заявка с сайта", "form"), ("Звонок", "call")]


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.active.title = "instructions"
    book.active.append(["Что это за книга — этот лист пропускается", 42])
    for name, lines in sheets.items():
        sheet = book.create_sheet(name)
        for line in lines:
            sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_with_typed_cells_and_an_instructions_sheet(engine):
    content = _workbook({
        "accounts": [["network", "account", "client"], ["VK", 123456, "Зерно"]],
        "daily": [["date", "network", "account", "followers", "reach"],
                  [dt.datetime(2024, 5, 1), "vk", 123456, 1200, 830.0],
                  [],  # an empty row is skipped, line numbers stay the sheet's
                  [dt.date(2024, 5, 2), "vk", "123456", "1201", None]],
        "posts": [["network", "account", "post_id", "published_at", "is_promoted"],
                  ["vk", 123456, 9001, "2024-05-01T10:00:00+03:00", True]],
        "plan": [["month", "scope", "kpi", "target"], [dt.datetime(2024, 5, 1), "all", "reach", 50000]],
    })  # fmt: skip
    summary = import_tables(engine, read_upload([("данные.xlsx", content)]), workspace=WS)

    assert [(f.name, f.inserted) for f in summary.files] == [
        ("данные.xlsx:accounts", 1),
        ("данные.xlsx:daily", 2),
        ("данные.xlsx:posts", 1),
        ("данные.xlsx:plan", 1),
    ]
    assert rows(engine, Account, "network", "handle") == [("vk", "123456")]
    assert rows(engine, DailyStat, "date", "followers", "reach") == [
        (dt.date(2024, 5, 1), 1200, 830), (dt.date(2024, 5, 2), 1201, None)]  # fmt: skip
    assert rows(engine, Post, "post_id", "is_promoted") == [("9001", True)]
    assert rows(engine, PlanTarget, "month", "target") == [("2024-05", 50000.0)]


def test_workbook_problems_name_the_sheet_and_its_row(engine):
    content = _workbook({"daily": [["date", "network", "account", "reach"], [],
                                   [dt.datetime(2024, 5, 1, 15, 30), "vk", "a", 1]]})  # fmt: skip
    problems = rejected(engine, {"book.xlsx": content})
    assert [where(p) for p in problems] == [("book.xlsx:daily", 3, "date", "2024-05-01T15:30:00", "bad_date")]


# --------------------------------------------------------------------------------------------------
# rejected imports: one rule each, the exact problem, nothing written


BAD_CASES = {
    "unknown column": (
        {"daily.csv": "date,network,account,reach,likes\n2024-05-01,vk,zerno_coffee,5,1\n"},
        [("daily.csv", 1, "likes", None, "unknown_column")]),
    "misspelled key column": (
        {"daily.csv": "date,network,acount,reach\n2024-05-01,vk,zerno_coffee,5\n"},
        [("daily.csv", 1, "acount", None, "unknown_column"), ("daily.csv", 1, "account", None, "missing_column")]),
    "missing key column": (
        {"daily.csv": "date,account,reach\n2024-05-01,zerno_coffee,5\n"},
        [("daily.csv", 1, "network", None, "missing_column")]),
    "empty key cell": (
        {"daily.csv": "date,network,account,reach\n,vk,zerno_coffee,5\n"},
        [("daily.csv", 2, "date", None, "missing_value")]),
    "bad date": (
        {"daily.csv": "date,network,account,reach\n2024-05-01,vk,zerno_coffee,5\n2024-13-01,vk,zerno_coffee,5\n"},
        [("daily.csv", 3, "date", "2024-13-01", "bad_date")]),
    "day-first date": (
        {"daily.csv": "date,network,account,reach\n01.05.2024,vk,zerno_coffee,5\n"},
        [("daily.csv", 2, "date", "01.05.2024", "bad_date")]),
    "bad month": (
        {"plan.csv": "month,client,scope,kpi,target\n2024-5,Зерно,all,reach,1\n"},
        [("plan.csv", 2, "month", "2024-5", "bad_month")]),
    "timestamp without offset": (
        {"posts.csv": "network,account,post_id,published_at\nvk,zerno_coffee,7,2024-05-01T10:00:00\n"},
        [("posts.csv", 2, "published_at", "2024-05-01T10:00:00", "no_offset")]),
    "not a timestamp": (
        {"posts.csv": "network,account,post_id,published_at\nvk,zerno_coffee,7,вчера\n"},
        [("posts.csv", 2, "published_at", "вчера", "bad_timestamp")]),
    "negative count": (
        {"daily.csv": "date,network,account,reach\n2024-05-01,vk,zerno_coffee,-5\n"},
        [("daily.csv", 2, "reach", "-5", "negative")]),
    "non-integer count": (
        {"daily.csv": "date,network,account,reach\n2024-05-01,vk,zerno_coffee,12.5\n"},
        [("daily.csv", 2, "reach", "12.5", "not_whole")]),
    "count beyond 64 bits": (
        {"daily.csv": "date,network,account,views\n2024-05-01,vk,zerno_coffee,99999999999999999999\n"},
        [("daily.csv", 2, "views", "99999999999999999999", "too_large")]),
    "12k": (
        {"daily.csv": "date,network,account,views\n2024-05-01,vk,zerno_coffee,12k\n"},
        [("daily.csv", 2, "views", "12k", "bad_number")]),
    "thousands separator in a comma file": (
        {"sales.csv": 'date,client,channel,revenue\n2024-05-01,Зерно,vk,"1,000"\n'},
        [("sales.csv", 2, "revenue", "1,000", "bad_number")]),
    "thousands space": (
        {"sales.csv": "date;client;channel;revenue\n2024-05-01;Зерно;vk;1 000\n"},
        [("sales.csv", 2, "revenue", "1 000", "bad_number")]),
    "decimal marks mixed in one file": (
        {"sales.csv": "date;client;channel;revenue\n2024-05-01;Зерно;vk;10,5\n"
                      "2024-05-02;Зерно;vk;11,5\n2024-05-03;Зерно;vk;12.5\n"},
        [("sales.csv", 4, "revenue", "12.5", "mixed_decimal")]),
    "negative amount": (
        {"costs.csv": "date,client,channel,kind,amount\n2024-05-01,Зерно,vk,ads,-1\n"},
        [("costs.csv", 2, "amount", "-1", "negative")]),
    "zero rate": (
        {"rates.csv": "month,currency,rate\n2024-05,USD,0\n"},
        [("rates.csv", 2, "rate", "0", "not_positive")]),
    "bad boolean": (
        {"posts.csv": "network,account,post_id,is_promoted\nvk,zerno_coffee,101,maybe\n"},
        [("posts.csv", 2, "is_promoted", "maybe", "bad_bool")]),
    "unknown network": (
        {"daily.csv": "date,network,account,reach\n2024-05-01,vkontakte,zerno_coffee,5\n"},
        [("daily.csv", 2, "network", "vkontakte", "unknown_network")]),
    "unknown channel": (
        {"web.csv": "date,client,channel,sessions\n2024-05-01,Зерно,tiktok,5\n"},
        [("web.csv", 2, "channel", "tiktok", "unknown_channel")]),
    "unknown format": (
        {"posts.csv": "network,account,post_id,format\nvk,zerno_coffee,101,carousel\n"},
        [("posts.csv", 2, "format", "carousel", "unknown_format")]),
    "unknown cost kind": (
        {"costs.csv": "date,client,channel,kind,amount\n2024-05-01,Зерно,vk,bonus,1\n"},
        [("costs.csv", 2, "kind", "bonus", "unknown_kind")]),
    "unknown goal type": (
        {"goals.csv": "client,goal,type\nЗерно,g1,lead\n"},
        [("goals.csv", 2, "type", "lead", "unknown_goal_type")]),
    "unknown plan kpi and scope": (
        {"plan.csv": "month,client,scope,kpi,target\n2024-05,Зерно,tiktok,likes,1\n"},
        [("plan.csv", 2, "scope", "tiktok", "unknown_scope"), ("plan.csv", 2, "kpi", "likes", "unknown_kpi")]),
    "unknown interaction kind": (
        {"interactions.csv": "network,account,interaction_id,kind\nvk,zerno_coffee,x1,call\n"},
        [("interactions.csv", 2, "kind", "call", "unknown_interaction_kind")]),
    "bad currency": (
        {"costs.csv": "date,client,channel,kind,amount,currency\n2024-05-01,Зерно,vk,ads,1,руб\n"},
        [("costs.csv", 2, "currency", "руб", "bad_currency")]),
    "another currency without rates": (
        {"costs.csv": "date,client,channel,kind,amount,currency\n2024-06-01,Зерно,vk,ads,100,EUR\n"},
        [("costs.csv", 2, "currency", "EUR", "missing_rate")]),
    "duplicate keys in one file": (
        {"daily.csv": "date,network,account,reach\n2024-05-09,vk,zerno_coffee,5\n2024-05-08,vk,zerno_coffee,5\n"
                      "2024-05-09,vk,zerno_coffee,6\n"},
        [("daily.csv", 4, "date, network, account", "2024-05-09, vk, zerno_coffee", "duplicate_key")]),
    "goal reach of an undefined goal": (
        {"goal_reaches.csv": "date,client,channel,goal,reaches\n2024-05-01,Кедр,vk,order_form,1\n"},
        [("goal_reaches.csv", 2, "goal", "order_form", "unknown_goal")]),
    "overlapping assignments in the import": (
        {"assignments.csv": "network,account,specialist,since,until\n"
                            "vk,kedr_mebel,anna@agency.example,2024-07-01,2024-07-31\n"
                            "vk,kedr_mebel,Вера,2024-07-20,\n"},
        [("assignments.csv", 3, "since", "2024-07-20", "overlapping_assignments")]),
    "assignment overlapping a stored one": (
        {"assignments.csv": "network,account,specialist,since,until\n"
                            "telegram,zerno_news,anna@agency.example,2024-01-01,2024-04-15\n"},
        [("assignments.csv", 2, "since", "2024-01-01", "overlapping_assignments")]),
    "reversed until": (
        {"assignments.csv": "network,account,specialist,since,until\nvk,kedr_mebel,Вера,2024-07-20,2024-07-01\n"},
        [("assignments.csv", 2, "until", "2024-07-01", "reversed_range")]),
    "reversed date_to": (
        {"costs.csv": "date,client,channel,kind,date_to,amount\n2024-05-31,Зерно,vk,fee,2024-05-01,100\n"},
        [("costs.csv", 2, "date_to", "2024-05-01", "reversed_range")]),
    "answered before received": (
        {"interactions.csv": "network,account,interaction_id,received_at,answered_at\n"
                             "vk,zerno_coffee,c-9,2024-05-01T12:00:00+03:00,2024-05-01T11:59:00+03:00\n"},
        [("interactions.csv", 2, "answered_at", "2024-05-01T08:59:00+00:00", "reversed_range")]),
    "answered before the stored received_at": (
        {"interactions.csv": "network,account,interaction_id,answered_at\n"
                             "vk,zerno_coffee,c-1,2024-05-01T10:00:00+03:00\n"},
        [("interactions.csv", 2, "answered_at", "2024-05-01T07:00:00+00:00", "reversed_range")]),
    "client left out with two clients": (
        {"web.csv": "date,channel,sessions\n2024-05-01,vk,5\n"},
        [("web.csv", 2, "client", None, "missing_client")]),
    "new account without a client among two": (
        {"daily.csv": "date,network,account,reach\n2024-05-01,ok,someone,5\n2024-05-02,ok,someone,6\n"},
        [("daily.csv", 2, "account", "someone", "unknown_account")]),
    "cost account of another client": (
        {"costs.csv": "date,client,channel,kind,account,amount\n2024-05-01,Кедр,vk,ads,zerno_coffee,1\n"},
        [("costs.csv", 2, "account", "zerno_coffee", "account_client_mismatch")]),
    "cost account on a non-social channel": (
        {"costs.csv": "date,client,channel,kind,account,amount\n2024-05-01,Кедр,seo,ads,kedr_mebel,1\n"},
        [("costs.csv", 2, "account", "kedr_mebel", "account_not_allowed")]),
    "row with more cells than the header": (
        {"web.csv": "date,client,channel,sessions\n2024-05-01,Зерно,vk,1,000\n"},
        [("web.csv", 2, None, None, "too_many_cells")]),
    "cp1251 bytes": (
        {"accounts.csv": (DATA / "cp1251" / "accounts.csv").read_bytes()},
        [("accounts.csv", 2, None, None, "not_utf8")]),
}  # fmt: skip


@pytest.mark.parametrize("files, expected", list(BAD_CASES.values()), ids=list(BAD_CASES))
def test_a_bad_import_is_rejected_with_the_exact_problem_and_changes_nothing(seeded, files, expected):
    problems = _problems(seeded, files)
    assert [where(p) for p in problems] == expected
    for problem in problems:  # every message names the place and says what is wrong, in both languages
        assert problem.message("en").startswith(problem.file)
        assert "rule." not in problem.message("en") and "rule." not in problem.message("ru")
        assert "{" not in problem.message("en") + problem.message("ru")


def _problems(engine, files):
    try:
        upload(files)
    except ImportValidationError as exc:  # rejected while reading: nothing could have been written
        return exc.problems
    return rejected(engine, files)


def test_a_rejected_import_does_not_create_the_workspace(engine):
    problems = rejected(engine, {"accounts.csv": "network,account,client\nvk,a,Зерно\n",
                                 "daily.csv": "date,network,account,reach\n2024-05-01,vk,a,-1\n"},
                        workspace="Новая")  # fmt: skip
    assert [p.rule for p in problems] == ["negative"]
    assert row_counts(engine)["Workspace"] == 0


@pytest.mark.parametrize("files, rule", [
    ({"dayly.csv": "date\n"}, "unknown_file"),
    ({"daily.txt": "date\n"}, "unsupported_file"),
    ({"daily.csv": "date\n", "book.xlsx": b""}, "mixed_upload"),
    ({"a.xlsx": b"", "b.xlsx": b""}, "several_workbooks"),
    ({"book.xlsx": b"not a zip"}, "unreadable_file"),
    ({"daily.csv": ""}, "missing_header"),
    ({"daily.csv": "\ufeffdate,network\n".encode("utf-16")}, "not_utf8"),
    ({}, "no_files"),
])  # fmt: skip
def test_unreadable_uploads_are_rejected_before_anything_is_read(files, rule):
    with pytest.raises(ImportValidationError) as caught:
        upload(files)
    assert [p.rule for p in caught.value.problems] == [rule]


def test_unknown_sheets_are_rejected_but_instructions_is_ignored():
    content = _workbook({"Daily": [["date", "network", "account"]], "Лист1": [["x"]]})
    with pytest.raises(ImportValidationError) as caught:
        read_upload([("book.xlsx", content)])
    assert [where(p) for p in caught.value.problems] == [
        ("book.xlsx:Лист1", None, None, None, "unknown_sheet")
    ]


def test_many_problems_are_all_reported_at_once(seeded):
    problems = rejected(seeded, {
        "daily.csv": "date,network,account,reach,views\n2024-02-30,vk,zerno_coffee,12k,-1\n",
        "web.csv": "date,client,channel,sessions\n2024-05-01,Зерно,tiktok,1.5\n",
        "goal_reaches.csv": "date,client,channel,goal,reaches\n2024-05-01,Зерно,vk,nope,1\n",
    })  # fmt: skip
    assert sorted(where(p) for p in problems) == sorted([
        ("daily.csv", 2, "date", "2024-02-30", "bad_date"),
        ("daily.csv", 2, "reach", "12k", "bad_number"),
        ("daily.csv", 2, "views", "-1", "negative"),
        ("web.csv", 2, "channel", "tiktok", "unknown_channel"),
        ("web.csv", 2, "sessions", "1.5", "not_whole"),
        ("goal_reaches.csv", 2, "goal", "nope", "unknown_goal"),
    ])  # fmt: skip


def test_at_most_max_problems_are_listed_and_the_rest_counted(engine):
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(MAX_PROBLEMS + 30)]
    lines = "".join(f"{day},Зерно,vk,-1\n" for day in days)
    with pytest.raises(ImportValidationError) as caught:
        run(engine, {"web.csv": "date,client,channel,sessions\n" + lines})
    error = caught.value
    assert len(error.problems) == MAX_PROBLEMS and error.total == MAX_PROBLEMS + 30
    assert error.report("en").splitlines()[-1] == "… and 30 more"
    assert error.report("ru").splitlines()[-1] == "… и ещё 30"


def test_problem_messages_read_as_sentences_in_both_languages():
    problem = Problem("daily.csv", 7, "date", "2024-13-01", "bad_date", {})
    assert (
        problem.message("en") == "daily.csv, line 7, column date, value '2024-13-01': a date must be "
        "YYYY-MM-DD, e.g. 2024-05-31"
    )
    assert (
        problem.message("ru") == "daily.csv, строка 7, столбец date, значение «2024-13-01»: дата пишется "
        "как ГГГГ-ММ-ДД, например 2024-05-31"
    )
    report = ImportValidationError([problem]).report("en")
    assert report.splitlines()[0].startswith("The import was rejected and nothing was changed: 1 problem")
    assert report.splitlines()[1] == "- " + problem.message("en")


def test_duplicate_key_message_names_both_lines(seeded):
    problems = rejected(seeded, BAD_CASES["duplicate keys in one file"][0])
    assert "line 4" in problems[0].message("en") and "first at line 2" in problems[0].message("en")


def test_cp1251_message_tells_to_save_as_utf8():
    with pytest.raises(ImportValidationError) as caught:
        read_path(DATA / "cp1251")
    assert "UTF-8" in caught.value.problems[0].message("en")
    assert "UTF-8" in caught.value.problems[0].message("ru")


def test_summary_to_dict_is_json(engine):
    summary = run(engine, {"rates.csv": "month,currency,rate\n2024-05,USD,90\n"}, dry_run=True)
    assert json.loads(json.dumps(summary.to_dict()))["files"] == [
        {"name": "rates.csv", "rows": 1, "inserted": 1, "updated": 0, "unchanged": 0}]  # fmt: skip


def test_two_open_assignments_in_one_file_hand_over_the_day_before(engine):
    run(engine, {
        "accounts.csv": "network,account,client\nok,kedr,Кедр\n",
        "assignments.csv": "network,account,specialist,since,until\nok,kedr,Вера,2024-01-10,\nok,kedr,Олег,2024-03-01,\n",
    })  # fmt: skip
    assert rows(engine, Assignment, "since", "until", order_by=Assignment.since) == [
        (dt.date(2024, 1, 10), dt.date(2024, 2, 29)), (dt.date(2024, 3, 1), None)]  # fmt: skip


def test_a_cost_account_nobody_declared_is_created_for_the_rows_client(seeded):
    summary = run(
        seeded, {"costs.csv": "date,client,channel,kind,account,amount\n2024-05-01,Кедр,ok,ads,kedr_ok,10\n"}
    )
    assert summary.accounts_created == ["ok/kedr_ok"]
    clients = dict(rows(seeded, Client, "name", "id"))
    assert rows(seeded, Account, "handle", "client_id")[-1] == ("kedr_ok", clients["Кедр"])
    (account_id,) = rows(seeded, Account, "id")[-1]
    assert rows(seeded, Cost, "account", "account_id")[-1] == ("kedr_ok", account_id)


def test_a_workbook_timestamp_cell_without_a_zone_is_rejected(engine):
    content = _workbook({"posts": [["network", "account", "post_id", "published_at"],
                                   ["vk", "a", "1", dt.datetime(2024, 5, 1, 10, 0)]]})  # fmt: skip
    problems = rejected(engine, {"book.xlsx": content})
    assert [where(p) for p in problems][0] == (
        "book.xlsx:posts",
        2,
        "published_at",
        "2024-05-01T10:00:00",
        "no_offset",
    )
    assert "as text" in problems[0].message("en")


def test_frames_from_a_connector_import_like_files(engine):
    """Connectors hand canonical DataFrames to the importer: same validation, typed cells accepted."""
    import datetime as dt

    import numpy as np
    import pandas as pd

    from smmkpi.importer import ImportValidationError, import_tables, tables_from_frames

    frames = {
        "accounts": pd.DataFrame({"network": ["vk"], "account": ["club1"], "client": ["Acme"]}),
        "daily": pd.DataFrame({
            "date": [dt.date(2026, 1, 1), dt.date(2026, 1, 2)], "network": ["vk", "vk"],
            "account": ["club1", "club1"], "reach": [np.int64(10), np.nan], "followers": [100.0, 101.0],
        }),
        "posts": pd.DataFrame({
            "network": ["vk"], "account": ["club1"], "post_id": ["5"],
            "published_at": [pd.Timestamp("2026-01-01T10:00:00", tz="UTC")], "likes": [pd.NA],
        }),
    }  # fmt: skip
    summary = import_tables(engine, tables_from_frames(frames), workspace="W", source="sync:vk")
    assert {f.name: f.inserted for f in summary.files} == {
        "sync:accounts": 1,
        "sync:daily": 2,
        "sync:posts": 1,
    }
    again = import_tables(engine, tables_from_frames(frames), workspace="W")
    assert all(f.unchanged == f.rows for f in again.files)
    bad = {"daily": frames["daily"].assign(reach=[-1, 2])}
    with pytest.raises(ImportValidationError) as err:
        import_tables(engine, tables_from_frames(bad, origin="vk"), workspace="W")
    problem = err.value.problems[0]
    assert (problem.file, problem.line, problem.column, problem.rule) == ("vk:daily", 2, "reach", "negative")


@pytest.mark.postgres
def test_imports_into_one_workspace_take_turns_on_postgresql(tmp_path):
    """Syncs of several accounts (and replicas) import into one workspace at the same time: on PostgreSQL an
    import waits for the one in progress (a transaction-scoped advisory lock keyed by the workspace), so what it
    validated against is what it writes and the trust checks' versions move in import order."""
    import os
    import threading

    from sqlalchemy import text

    from db.migrate import upgrade
    from db.models import ImportRun
    from db.session import make_engine
    from smmkpi import importer
    from tests.conftest import POSTGRES_URL_ENV, _postgres_schema_url, skip_or_fail

    base = os.environ.get(POSTGRES_URL_ENV) or skip_or_fail(f"PostgreSQL tests need {POSTGRES_URL_ENV}")
    with _postgres_schema_url(base) as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
            first = tmp_path / "first"
            first.mkdir()
            (first / "accounts.csv").write_text("network,account,name,client\nvk,club1,Club,Client\n")
            importer.import_path(engine, first, workspace="W")
            more = tmp_path / "more"
            more.mkdir()
            (more / "daily.csv").write_text("date,network,account,reach\n2026-03-01,vk,club1,100\n")

            def runs() -> int:
                with Session(engine) as session:
                    return session.execute(select(func.count()).select_from(ImportRun)).scalar_one()

            holder = engine.connect()
            holder.begin()
            holder.execute(text("SELECT pg_advisory_xact_lock(:k, hashtext(:w))"),
                           {"k": importer.IMPORT_LOCK_CLASS, "w": "W"})  # fmt: skip
            done: list[object] = []
            worker = threading.Thread(
                target=lambda: done.append(importer.import_path(engine, more, workspace="W"))
            )
            worker.start()
            worker.join(timeout=1.5)
            assert worker.is_alive() and runs() == 1  # waiting for the import in progress
            holder.rollback()
            holder.close()
            worker.join(timeout=30)
            assert not worker.is_alive() and runs() == 2 and done
            # another workspace's import does not wait for this one's lock
            holder = engine.connect()
            holder.begin()
            holder.execute(text("SELECT pg_advisory_xact_lock(:k, hashtext(:w))"),
                           {"k": importer.IMPORT_LOCK_CLASS, "w": "W"})  # fmt: skip
            importer.import_path(engine, first, workspace="Other")
            holder.rollback()
            holder.close()
            assert runs() == 3
        finally:
            engine.dispose()
