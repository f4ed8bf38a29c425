"""The brief's work with the database: baselines from the KPI engine, saving plans, duplicates, the demo.

``smmkpi.brief`` holds the pure logic; this module joins it to ``db.brief_repo`` (briefs, plan versions),
``smmkpi.query`` (the baseline is the KPI engine's report, never re-computed here) and the canonical
importer, which writes every saved plan to ``plan_target`` with the validation of an uploaded plan.csv.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from db import brief_repo, repo
from db.brief_models import BRIEF_COMPLETED, BRIEF_DRAFT, Brief
from db.models import Workspace
from db.session import session_scope
from smmkpi import brief as briefs
from smmkpi.brief import Baseline, BriefProblem, PlanRow, Reason

LOCAL_USER = "local user"  # "who" when nobody is logged in (shown translated)


class BriefError(ValueError):
    """A brief or plan that cannot be saved; ``problems`` say what to fix."""

    def __init__(self, problems: Sequence[BriefProblem]):
        super().__init__("; ".join(p.message("en") for p in problems))
        self.problems = list(problems)


# --------------------------------------------------------------------------------------------------
# Baseline


def load_baseline(engine: Engine, *, workspace: str, client: str, today: dt.date) -> Baseline:
    """The client's KPIs over its last 90 days with data (up to yesterday); empty when there is no data."""
    from smmkpi.query import KpiFilters, kpi_report

    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name=workspace)
        if ws is None or not client:
            return Baseline.empty()
        if client not in set(repo.list_clients(session, workspace_id=ws.id)["name"]):
            return Baseline.empty()
        first, last = brief_repo.client_data_range(session, workspace_id=ws.id, client=client)
        window = briefs.baseline_window(last, first, today=today)
        if window is None:
            return Baseline.empty()
        report = kpi_report(
            session,
            workspace_name=workspace,
            filters=KpiFilters(client=client),
            date_from=window[0],
            date_to=window[1],
        )
    return Baseline.from_report(report)


# --------------------------------------------------------------------------------------------------
# Saving a plan: plan_target through the importer, plus a version with who/when


@dataclass(frozen=True)
class PlanChange:
    """What saving ``rows`` does to the client's targets (shown before the user confirms)."""

    first_month: str
    new: int
    changed: int
    unchanged: int
    cleared: list[tuple[str, str, str]]  # (month, scope, kpi) of targets the new plan drops


def _stored_targets(engine: Engine, workspace: str, client: str) -> dict[tuple[str, str, str], float]:
    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name=workspace)
        if ws is None:
            return {}
        clients = repo.list_clients(session, workspace_id=ws.id)
        ids = [int(i) for i in clients.loc[clients["name"] == client, "client_id"]]
        if not ids:
            return {}
        plan = repo.load_plan(session, workspace_id=ws.id, client_ids=ids)
    plan = plan.dropna(subset=["target"])
    return {(r.month, r.scope, r.kpi): float(r.target) for r in plan.itertuples()}


def plan_change(engine: Engine, *, workspace: str, client: str, rows: Sequence[PlanRow]) -> PlanChange:
    """A saved plan replaces the client's targets from its first month on; earlier months stay as they are."""
    stored = _stored_targets(engine, workspace, client)
    first = min(row.month for row in rows)
    new_keys = {(row.month, row.scope, row.kpi): row.target for row in rows}
    new = sum(1 for key in new_keys if key not in stored)
    unchanged = sum(1 for key, value in new_keys.items() if key in stored and abs(stored[key] - value) < 1e-9)
    changed = len(new_keys) - new - unchanged
    cleared = sorted(key for key in stored if key[0] >= first and key not in new_keys)
    return PlanChange(first, new, changed, unchanged, cleared)


def _number_text(value: float) -> str:
    """A target as the canonical format writes numbers: no thousands separators, no trailing .0."""
    return str(int(value)) if float(value).is_integer() else repr(round(float(value), 6))


def plan_csv(rows: Sequence[PlanRow], client: str) -> bytes:
    """The plan as a canonical ``plan.csv`` (UTF-8), importable on the Import page."""
    frame = briefs.plan_csv_frame(rows, client)
    frame["target"] = [_number_text(v) for v in frame["target"]]
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


@dataclass(frozen=True)
class SavedPlan:
    version: int
    rows: int
    cleared: int
    summary: object  # importer.ImportSummary


def save_plan(
    engine: Engine,
    *,
    workspace: str,
    brief_id: int,
    rows: Sequence[PlanRow],
    reasons: Mapping[str, Sequence[Reason]],
    by: str,
    today: dt.date,
) -> SavedPlan:
    """Validate, write the plan to plan_target (one import), keep it as the brief's next version.

    Raises BriefError for problems in the rows and importer.ImportValidationError when the importer
    rejects them; nothing is written in either case.
    """
    from smmkpi import importer

    problems = briefs.validate_plan(rows, today=today)
    if problems:
        raise BriefError(problems)
    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name=workspace)
        brief = brief_repo.get_brief(session, workspace_id=ws.id, brief_id=brief_id) if ws else None
        if brief is None:
            raise KeyError(f"brief {brief_id} is not in workspace {workspace!r}")
        client, title, workspace_id = brief.client, brief.title, ws.id
        version = len(brief_repo.list_plan_versions(session, workspace_id=ws.id, brief_id=brief_id)) + 1
    if not client:
        raise BriefError([BriefProblem("business", "company", "company_missing")])
    change = plan_change(engine, workspace=workspace, client=client, rows=rows)
    records = [
        {"month": r.month, "client": client, "scope": r.scope, "kpi": r.kpi, "target": r.target} for r in rows
    ]
    records += [
        {"month": m, "client": client, "scope": s, "kpi": k, "target": None} for m, s, k in change.cleared
    ]
    frame = pd.DataFrame(records, columns=["month", "client", "scope", "kpi", "target"])
    summary = importer.import_tables(
        engine,
        importer.tables_from_frames({"plan": frame}, origin="brief"),
        workspace=workspace,
        source=f"brief: {client} · {title} · v{version}",
    )
    with session_scope(engine) as session:
        saved = brief_repo.add_plan_version(
            session,
            workspace_id=workspace_id,
            brief_id=brief_id,
            client=client,
            rows=[r.to_dict() for r in rows],
            reasons={kpi: [r.to_dict() for r in items] for kpi, items in reasons.items()},
            by=by,
        )
        brief_repo.update_brief(
            session, workspace_id=workspace_id, brief_id=brief_id, by=by, status=BRIEF_COMPLETED
        )
    return SavedPlan(saved.version, len(rows), len(change.cleared), summary)


def version_rows(rows_json: Sequence[Mapping]) -> list[PlanRow]:
    return [PlanRow.from_dict(r) for r in rows_json]


def version_reasons(reasons_json: Mapping) -> dict[str, list[Reason]]:
    return {kpi: [Reason.from_dict(r) for r in items] for kpi, items in reasons_json.items()}


# --------------------------------------------------------------------------------------------------
# Creating and duplicating briefs


def new_brief(
    engine: Engine, *, workspace_id: int, client: str, title: str, by: str, answers: Mapping | None = None
) -> Brief:
    data = briefs.normalize_answers(answers or {})
    data["company"] = client
    with session_scope(engine) as session:
        return brief_repo.create_brief(
            session, workspace_id=workspace_id, client=client, title=title, answers=data, by=by
        )


def duplicate_brief(engine: Engine, *, workspace_id: int, brief_id: int, client: str, by: str) -> Brief:
    """A new draft for ``client`` with the answers of ``brief_id``; the plan is proposed afresh for it."""
    with session_scope(engine) as session:
        source = brief_repo.get_brief(session, workspace_id=workspace_id, brief_id=brief_id)
        if source is None:
            raise KeyError(f"brief {brief_id} is not in workspace {workspace_id}")
        answers = briefs.normalize_answers(brief_repo.answers_of(source))
        answers.update(
            company=client, accounts=[], plan_rows=[], plan_reasons={}, plan_notes=[], plan_baseline=None
        )
        return brief_repo.create_brief(
            session,
            workspace_id=workspace_id,
            client=client,
            title=source.title,
            answers=answers,
            by=by,
            step=1,
            status=BRIEF_DRAFT,
        )


# --------------------------------------------------------------------------------------------------
# The demo workspace: a completed brief with a saved plan for the coffee shop, a draft for the factory


def _coffee_answers(accounts: list[str], today: dt.date) -> dict:
    from smmkpi.demo import COFFEE

    return briefs.normalize_answers(
        {
            "company": COFFEE,
            "product": "Спешелти-кофе собственной обжарки: зерно, дрип-пакеты, кофе-брейки для офисов.",
            "site_sells": "Зерно и дрип-пакеты с доставкой по Москве, кофе-брейки и кофемашины для офисов",
            "average_order_value": 900,
            "margin_percent": 45,
            "sales_cycle": "days",
            "sales_channels": ["site", "messenger", "offline"],
            "smm_outcome": "Люди узнают о новых лотах и акциях раньше всех, заказывают зерно на сайте и пишут "
            "нам в сообщения сообщества; офисы оставляют заявки на кофе-брейки.",
            "impact": ["sales", "leads", "awareness"],
            "bought_in_social": "yes",
            "why_social": ["audience_there", "trust"],
            "why_social_comment": "Директ даёт заказы, но дорогие; в соцсетях нас рекомендуют друг другу.",
            "audience": "Жители Москвы 25–45 лет, которые варят кофе дома; офис-менеджеры компаний до 200 человек.",
            "regions": "Москва и Московская область",
            "networks": ["vk", "instagram", "telegram"],
            "accounts": accounts,
            "competitors": "https://vk.com/tastycoffee\nhttps://vk.com/coffeemania",
            "goals": [
                {"name": "Звонок по номеру с сайта", "type": "call", "metrica_id": "call_click"},
                {"name": "Переход в мессенджер", "type": "message", "metrica_id": "messenger_click"},
                {
                    "name": "Консультация по подбору кофемашины",
                    "type": "consultation",
                    "metrica_id": "coffee_machine_consult",
                },
                {"name": "Заявка на кофе-брейк для офиса", "type": "form", "metrica_id": "corporate_form"},
            ],
            "attribution": "utm_last_click",
            "budget_ads": 50_000,
            "budget_fee": 60_000,
            "budget_production": 15_000,
            "responder": "specialist",
            "response_minutes": 60,
            "report_frequency": ["weekly", "monthly"],
            "report_formats": ["pdf", "xlsx"],
            "report_kpis": list(briefs.DEFAULT_REPORT_KPIS),
            "report_recipients": "director@obzharka.example, marketing@obzharka.example",
            "plan_start": briefs.default_plan_start(today),
            "plan_months": briefs.DEFAULT_PLAN_MONTHS,
        }
    )


def _furniture_answers() -> dict:
    from smmkpi.demo import FURNITURE

    return briefs.normalize_answers(
        {
            "company": FURNITURE,
            "product": "Кухни и шкафы на заказ из массива и МДФ, замер и дизайн-проект бесплатно.",
            "site_sells": "Кухни и корпусная мебель на заказ",
            "average_order_value": 46_000,
            "margin_percent": 30,
            "sales_cycle": "weeks",
            "sales_channels": ["site", "phone", "offline"],
            "smm_outcome": "Больше заявок на расчёт кухни и записей к дизайнеру из ВКонтакте и Одноклассников.",
            "impact": ["leads", "awareness"],
            "bought_in_social": "not_sure",
            "why_social": ["cheaper_than_ads"],
            "audience": "Семьи 30–55 лет, которые делают ремонт или переезжают",
            "regions": "Екатеринбург и Свердловская область",
        }
    )


SEED_LOCK_CLASS = 7_720_433  # the advisory-lock class of seeding the demo briefs (key: the workspace's hash)


def _lock_workspace_briefs(session, *, workspace_id: int, workspace: str) -> None:
    """Hold the workspace's brief seeding until this transaction ends: a second seeder waits, then re-checks.

    PostgreSQL: a transaction advisory lock keyed by the workspace (as the importer takes for imports).
    SQLite: a no-op write on the workspace row, which takes the database's write lock first (the busy
    timeout makes the second writer wait) so that its re-check reads what the first one inserted.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(SEED_LOCK_CLASS, func.hashtext(workspace))))
    else:
        session.execute(update(Workspace).where(Workspace.id == workspace_id).values(name=Workspace.name))


def seed_demo_briefs(engine: Engine, *, workspace: str, today: dt.date) -> None:
    """Add the demo's briefs once: a completed one with a saved plan (coffee shop), a draft (furniture).

    The coffee shop's plan starts next month: it is the next version over the targets the demo's
    plan.csv imported for those months (saving replaces them), and the months before keep theirs.
    """
    from smmkpi.demo import COFFEE, FURNITURE, IRINA

    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name=workspace)
        if ws is None or brief_repo.list_briefs(session, workspace_id=ws.id):
            return
        workspace_id = ws.id
        accounts = repo.list_accounts(session, workspace_id=ws.id)
    # the slow part (the baseline takes seconds) runs before the short transaction that re-checks and inserts
    coffee_accounts = [f"{a.network}/{a.handle}" for a in accounts.itertuples() if a.client == COFFEE]
    answers = _coffee_answers(coffee_accounts, today)
    baseline = load_baseline(engine, workspace=workspace, client=COFFEE, today=today)
    proposal = briefs.propose_plan(
        answers, baseline, start_month=answers["plan_start"], months=answers["plan_months"]
    )
    answers.update(
        plan_rows=[r.to_dict() for r in proposal.rows()],
        plan_reasons={k: [r.to_dict() for r in v] for k, v in proposal.reasons().items()},
        plan_notes=[n.to_dict() for n in proposal.notes],
        plan_baseline=baseline.to_dict(),
    )
    with session_scope(engine) as session:
        _lock_workspace_briefs(session, workspace_id=workspace_id, workspace=workspace)
        if brief_repo.list_briefs(session, workspace_id=workspace_id):
            return  # another session (two people opening the demo at once) seeded them meanwhile
        coffee = brief_repo.create_brief(
            session,
            workspace_id=workspace_id,
            client=COFFEE,
            title="SMM-бриф",
            answers=answers,
            by=IRINA,
            step=7,
        )
        coffee_id = coffee.id
        brief_repo.create_brief(
            session,
            workspace_id=workspace_id,
            client=FURNITURE,
            title="SMM-бриф",
            answers=_furniture_answers(),
            by=IRINA,
            step=3,
        )
    save_plan(
        engine,
        workspace=workspace,
        brief_id=coffee_id,
        rows=proposal.rows(),
        reasons=proposal.reasons(),
        by=IRINA,
        today=today,
    )


# --------------------------------------------------------------------------------------------------
# The document for sign-off


def document_for(engine: Engine, *, workspace: str, brief_id: int, today: dt.date):
    """The brief as a :class:`smmkpi.brief_document.BriefDocument`: its answers and its newest saved plan
    (or, before the first save, the draft being edited)."""
    from smmkpi.brief_document import BriefDocument

    with session_scope(engine) as session:
        ws = repo.get_workspace(session, name=workspace)
        item = brief_repo.get_brief(session, workspace_id=ws.id, brief_id=brief_id) if ws else None
        if item is None:
            raise KeyError(f"brief {brief_id} is not in workspace {workspace!r}")
        versions = brief_repo.list_plan_versions(session, workspace_id=ws.id, brief_id=brief_id)
        answers = briefs.normalize_answers(brief_repo.answers_of(item))
        doc = BriefDocument(
            client=item.client,
            title=item.title,
            workspace=workspace,
            answers=answers,
            prepared_on=today,
            currency=ws.currency,
        )
        latest = versions[0] if versions else None
        if latest is not None:
            doc.rows = version_rows(brief_repo.rows_of(latest))
            doc.reasons = version_reasons(brief_repo.reasons_of(latest))
            doc.version, doc.saved_at, doc.saved_by = latest.version, latest.saved_at, latest.saved_by
    if latest is None:
        doc.rows = [PlanRow.from_dict(r) for r in answers.get("plan_rows") or []]
        doc.reasons = version_reasons(answers.get("plan_reasons") or {})
    doc.notes = [Reason.from_dict(n) for n in answers.get("plan_notes") or []]
    doc.baseline = Baseline.from_dict(answers.get("plan_baseline"))
    return doc
