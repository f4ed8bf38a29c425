"""Briefs in the database: drafts, duplicates, saved plans (plan_target through the importer, versions), baselines.

Runs on SQLite and, with SMMKPI_TEST_POSTGRES_URL, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest

from db import brief_repo, repo
from db.session import session_scope
from smmkpi import brief, brief_service, importer
from smmkpi.brief import PlanRow
from smmkpi.query import KpiFilters, kpi_report

TODAY = dt.date(2026, 3, 20)
CLIENT = "Кофейня"
DAILY = "date,network,account,followers,reach,link_clicks\n" + "".join(
    f"2026-{m:02d}-{d:02d},vk,coffee,{1000 + 10 * d},{300 + d},{5}\n" for m in (1, 2) for d in range(1, 29)
)
FILES = {
    "accounts.csv": f"network,account,client\nvk,coffee,{CLIENT}\n",
    "daily.csv": DAILY,
    "web.csv": "date,client,channel,sessions\n"
    + "".join(f"2026-02-{d:02d},{CLIENT},vk,4\n" for d in range(1, 29)),
    "plan.csv": f"month,client,scope,kpi,target\n2026-02,{CLIENT},all,reach,9000\n2026-03,{CLIENT},all,reach,9500\n"
    f"2026-04,{CLIENT},all,reach,10000\n2026-04,{CLIENT},vk,posts,12\n",
}


@pytest.fixture
def workspace(engine) -> int:
    importer.import_tables(
        engine, importer.read_upload([(n, c.encode()) for n, c in FILES.items()]), workspace="W"
    )
    with session_scope(engine) as session:
        return repo.get_workspace(session, name="W").id


def new_brief(engine, workspace_id: int, client: str = CLIENT, **answers) -> int:
    made = brief_service.new_brief(engine, workspace_id=workspace_id, client=client, title="SMM-бриф", by="ann",
                                   answers=answers)  # fmt: skip
    return made.id


def stored_plan(engine, client: str = CLIENT) -> dict[tuple[str, str, str], float | None]:
    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name="W")
        clients = repo.list_clients(session, workspace_id=ws.id)
        ids = [int(i) for i in clients.loc[clients["name"] == client, "client_id"]]
        plan = repo.load_plan(session, workspace_id=ws.id, client_ids=ids)
    return {
        (r.month, r.scope, r.kpi): (None if r.target != r.target else r.target) for r in plan.itertuples()
    }


def test_a_draft_keeps_its_answers_and_step_and_stamps_who_and_when(engine, workspace):
    brief_id = new_brief(engine, workspace, product="Зерно")
    with session_scope(engine) as session:
        brief_repo.update_brief(session, workspace_id=workspace, brief_id=brief_id, by="bob", step=3,
                                answers={**brief.default_answers(), "company": CLIENT, "product": "Дрип-пакеты"})  # fmt: skip
    with session_scope(engine) as session:
        item = brief_repo.get_brief(session, workspace_id=workspace, brief_id=brief_id)
        assert item.step == 3 and item.status == "draft"
        assert brief_repo.answers_of(item)["product"] == "Дрип-пакеты"
        assert (item.created_by, item.updated_by) == ("ann", "bob")
        assert item.updated_at is not None and item.updated_at >= item.created_at.replace(
            tzinfo=item.updated_at.tzinfo
        )
        # scoped by workspace: another workspace does not see it
        assert brief_repo.get_brief(session, workspace_id=workspace + 999, brief_id=brief_id) is None


def test_a_second_brief_of_the_same_title_gets_a_number_and_a_copy_is_a_fresh_draft(engine, workspace):
    first = new_brief(engine, workspace, product="Зерно", plan_rows=[{"month": "2026-04", "scope": "all",
                                                                     "kpi": "reach", "target": 1.0}])  # fmt: skip
    second = new_brief(engine, workspace)
    copy = brief_service.duplicate_brief(
        engine, workspace_id=workspace, brief_id=first, client="Кедр", by="ann"
    )
    with session_scope(engine) as session:
        titles = {b.id: (b.client, b.title) for b in brief_repo.list_briefs(session, workspace_id=workspace)}
        copied = brief.normalize_answers(brief_repo.answers_of(brief_repo.get_brief(
            session, workspace_id=workspace, brief_id=copy.id)))  # fmt: skip
    assert titles[first] == (CLIENT, "SMM-бриф") and titles[second] == (CLIENT, "SMM-бриф (2)")
    assert titles[copy.id] == ("Кедр", "SMM-бриф")
    assert copied["company"] == "Кедр" and copied["product"] == "Зерно" and copied["plan_rows"] == []


def test_saving_a_plan_writes_plan_target_and_a_version(engine, workspace):
    brief_id = new_brief(engine, workspace)
    rows = [PlanRow("2026-04", "all", "reach", 12_000.0), PlanRow("2026-05", "all", "reach", 13_000.0),
            PlanRow("2026-04", "all", "er_reach", 0.04)]  # fmt: skip
    reasons = {"reach": [brief.Reason("err_hold")]}
    saved = brief_service.save_plan(engine, workspace="W", brief_id=brief_id, rows=rows, reasons=reasons, by="ann",
                                    today=TODAY)  # fmt: skip
    assert (saved.version, saved.rows) == (1, 3)
    plan = stored_plan(engine)
    assert plan[("2026-04", "all", "reach")] == 12_000 and plan[("2026-05", "all", "reach")] == 13_000
    assert plan[("2026-04", "all", "er_reach")] == pytest.approx(0.04)
    # April's vk posts target is not in the new plan: the plan replaces the client's targets from April on
    assert plan[("2026-04", "vk", "posts")] is None and saved.cleared == 1
    # the months before the plan keep their targets (plan vs fact history)
    assert plan[("2026-02", "all", "reach")] == 9_000 and plan[("2026-03", "all", "reach")] == 9_500
    with session_scope(engine) as session:
        (version,) = brief_repo.list_plan_versions(session, workspace_id=workspace, brief_id=brief_id)
        item = brief_repo.get_brief(session, workspace_id=workspace, brief_id=brief_id)
        runs = repo.list_imports(session, workspace_id=workspace, limit=1)
    assert version.saved_by == "ann" and version.saved_at is not None and item.status == "completed"
    assert brief_service.version_rows(brief_repo.rows_of(version)) == rows
    assert brief_service.version_reasons(brief_repo.reasons_of(version))["reach"][0].key == "err_hold"
    assert runs[0].source == f"brief: {CLIENT} · SMM-бриф · v1"
    with session_scope(engine) as session:
        report = kpi_report(session, workspace_name="W", filters=KpiFilters(client=CLIENT),
                            date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 4, 30))  # fmt: skip
    assert report["plan"] == {"reach": 12_000, "er_reach": pytest.approx(0.04)}


def test_every_saved_version_is_kept_and_the_newest_is_what_plan_target_holds(engine, workspace):
    brief_id = new_brief(engine, workspace)
    first = [PlanRow("2026-04", "all", "reach", 12_000.0), PlanRow("2026-05", "all", "posts", 20.0)]
    second = [PlanRow("2026-04", "all", "reach", 15_000.0)]
    for rows, by in ((first, "ann"), (second, "bob")):
        brief_service.save_plan(
            engine, workspace="W", brief_id=brief_id, rows=rows, reasons={}, by=by, today=TODAY
        )
    change = brief_service.plan_change(engine, workspace="W", client=CLIENT, rows=second)
    assert (change.new, change.changed, change.unchanged, change.cleared) == (0, 0, 1, [])
    plan = stored_plan(engine)
    assert plan[("2026-04", "all", "reach")] == 15_000 and plan[("2026-05", "all", "posts")] is None
    with session_scope(engine) as session:
        versions = brief_repo.list_plan_versions(session, workspace_id=workspace, brief_id=brief_id)
        latest = brief_repo.latest_versions(session, workspace_id=workspace)
    assert [(v.version, v.saved_by, len(brief_repo.rows_of(v))) for v in versions] == [
        (2, "bob", 1),
        (1, "ann", 2),
    ]
    assert latest == {brief_id: 2}


def test_a_plan_month_in_the_past_is_refused_and_nothing_is_written(engine, workspace):
    brief_id = new_brief(engine, workspace)
    before = stored_plan(engine)
    with pytest.raises(brief_service.BriefError) as error:
        brief_service.save_plan(engine, workspace="W", brief_id=brief_id, today=TODAY, reasons={}, by="ann",
                                rows=[PlanRow("2026-02", "all", "reach", 1.0), PlanRow("2026-04", "all", "reach", 1.0)])  # fmt: skip
    assert [p.key for p in error.value.problems] == ["plan_month_past"]
    assert stored_plan(engine) == before
    with session_scope(engine) as session:
        assert brief_repo.list_plan_versions(session, workspace_id=workspace, brief_id=brief_id) == []


def test_a_plan_for_a_client_not_imported_yet_creates_the_client(engine, workspace):
    brief_id = new_brief(engine, workspace, client="Новый клиент")
    brief_service.save_plan(engine, workspace="W", brief_id=brief_id, rows=[PlanRow("2026-04", "all", "posts", 12.0)],
                            reasons={}, by="ann", today=TODAY)  # fmt: skip
    assert stored_plan(engine, "Новый клиент") == {("2026-04", "all", "posts"): 12.0}


def test_the_exported_plan_csv_imports_back_unchanged(engine, workspace):
    rows = [PlanRow("2026-04", "all", "reach", 12_345.0), PlanRow("2026-04", "all", "er_reach", 0.0412)]
    content = brief_service.plan_csv(rows, CLIENT)
    assert content.decode().splitlines() == ["month,client,scope,kpi,target", f"2026-04,{CLIENT},all,reach,12345",
                                             f"2026-04,{CLIENT},all,er_reach,0.0412"]  # fmt: skip
    summary = importer.import_tables(engine, importer.read_upload([("plan.csv", content)]), workspace="W")
    assert summary.files[0].rows == 2
    assert stored_plan(engine)[("2026-04", "all", "er_reach")] == pytest.approx(0.0412)


def test_the_baseline_is_the_kpi_report_of_the_clients_last_90_days_with_data(engine, workspace):
    baseline = brief_service.load_baseline(engine, workspace="W", client=CLIENT, today=TODAY)
    assert (baseline.date_from, baseline.date_to) == (dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    with session_scope(engine) as session:
        report = kpi_report(session, workspace_name="W", filters=KpiFilters(client=CLIENT),
                            date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 2, 28))  # fmt: skip
    assert baseline.value("reach") == report["total"]["reach"]
    assert baseline.value("sessions") == report["total"]["sessions"] == 112
    assert baseline.monthly("reach") == pytest.approx(report["total"]["reach"] * brief.DAYS_PER_MONTH / 59)
    assert not brief_service.load_baseline(engine, workspace="W", client="Кедр", today=TODAY).has_data
    assert not brief_service.load_baseline(engine, workspace="none", client=CLIENT, today=TODAY).has_data


def test_the_document_shows_the_newest_saved_plan_or_else_the_draft(engine, workspace):
    draft = [{"month": "2026-04", "scope": "all", "kpi": "posts", "target": 20.0}]
    brief_id = new_brief(engine, workspace, plan_rows=draft)
    doc = brief_service.document_for(engine, workspace="W", brief_id=brief_id, today=TODAY)
    assert doc.version is None and doc.rows == [PlanRow("2026-04", "all", "posts", 20.0)]
    brief_service.save_plan(engine, workspace="W", brief_id=brief_id, rows=[PlanRow("2026-04", "all", "posts", 25.0)],
                            reasons={}, by="ann", today=TODAY)  # fmt: skip
    doc = brief_service.document_for(engine, workspace="W", brief_id=brief_id, today=TODAY)
    assert (
        doc.version == 1 and doc.saved_by == "ann" and doc.rows == [PlanRow("2026-04", "all", "posts", 25.0)]
    )


def test_deleting_a_brief_removes_its_versions_but_not_the_clients_plan(engine, workspace):
    brief_id = new_brief(engine, workspace)
    brief_service.save_plan(engine, workspace="W", brief_id=brief_id, rows=[PlanRow("2026-04", "all", "posts", 9.0)],
                            reasons={}, by="ann", today=TODAY)  # fmt: skip
    with session_scope(engine) as session:
        brief_repo.delete_brief(session, workspace_id=workspace, brief_id=brief_id)
    with session_scope(engine) as session:
        assert brief_repo.list_briefs(session, workspace_id=workspace) == []
        assert brief_repo.latest_versions(session, workspace_id=workspace) == {}
    assert stored_plan(engine)[("2026-04", "all", "posts")] == 9.0


def test_the_client_goals_offered_to_the_brief_come_from_the_import(engine, workspace):
    goals = f"client,goal,name,type\n{CLIENT},123456,Заявка,form\n{CLIENT},call_click,,call\n"
    importer.import_tables(engine, importer.read_upload([("goals.csv", goals.encode())]), workspace="W")
    with session_scope(engine) as session:
        found = brief_repo.client_goals(session, workspace_id=workspace, client=CLIENT)
    assert found == [
        {"name": "Заявка", "type": "form", "metrica_id": "123456", "ga4_id": "", "pages": ""},
        {"name": "call_click", "type": "call", "metrica_id": "call_click", "ga4_id": "", "pages": ""},
    ]


def test_two_sessions_seeding_the_demo_briefs_at_once_add_them_once(engine, workspace, monkeypatch):
    import threading

    # both seeders get past the first "no briefs yet" check before either inserts: the race of two people
    # opening the demo at once (the real baseline runs, the barrier only lines the two threads up)
    barrier = threading.Barrier(2, timeout=30)
    real_baseline = brief_service.load_baseline

    def baseline_after_both_checked(*args, **kwargs):
        barrier.wait()
        return real_baseline(*args, **kwargs)

    monkeypatch.setattr(brief_service, "load_baseline", baseline_after_both_checked)
    errors: list[BaseException] = []

    def seed() -> None:
        try:
            brief_service.seed_demo_briefs(engine, workspace="W", today=TODAY)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=seed) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with session_scope(engine) as session:
        seeded = brief_repo.list_briefs(session, workspace_id=workspace)
        versions = [
            brief_repo.list_plan_versions(session, workspace_id=workspace, brief_id=b.id) for b in seeded
        ]
    from smmkpi.demo import COFFEE, FURNITURE

    assert sorted(b.client for b in seeded) == sorted([COFFEE, FURNITURE])
    assert sorted(len(v) for v in versions) == [0, 1]  # the coffee shop's plan saved once
