"""Keyword-only data access for briefs and their saved plan versions; every query is scoped by workspace."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

from sqlalchemy import delete, func, select
from sqlmodel import Session

from db.brief_models import BRIEF_COMPLETED, BRIEF_DRAFT, Brief, BriefPlanVersion
from db.models import Account, Client, DailyStat, Goal, utc_now

BRIEF_STATUSES = (BRIEF_DRAFT, BRIEF_COMPLETED)


def _title_taken(session: Session, workspace_id: int, client: str, title: str, brief_id: int | None) -> bool:
    stmt = select(Brief.id).where(
        Brief.workspace_id == workspace_id, Brief.client == client, Brief.title == title
    )
    if brief_id is not None:
        stmt = stmt.where(Brief.id != brief_id)
    return session.execute(stmt).first() is not None


def free_title(
    session: Session, *, workspace_id: int, client: str, title: str, brief_id: int | None = None
) -> str:
    """``title``, or ``title (2)``, ``title (3)`` … when the client already has a brief of that title."""
    candidate, number = title, 1
    while _title_taken(session, workspace_id, client, candidate, brief_id):
        number += 1
        candidate = f"{title} ({number})"
    return candidate


def create_brief(
    session: Session,
    *,
    workspace_id: int,
    client: str,
    title: str,
    answers: Mapping,
    by: str,
    step: int = 1,
    status: str = BRIEF_DRAFT,
) -> Brief:
    now = utc_now()
    brief = Brief(
        workspace_id=workspace_id,
        client=client,
        title=free_title(session, workspace_id=workspace_id, client=client, title=title),
        status=status,
        step=step,
        answers_json=json.dumps(dict(answers), ensure_ascii=False),
        created_at=now,
        created_by=by,
        updated_at=now,
        updated_by=by,
    )
    session.add(brief)
    session.flush()
    return brief


def get_brief(session: Session, *, workspace_id: int, brief_id: int) -> Brief | None:
    stmt = select(Brief).where(Brief.workspace_id == workspace_id, Brief.id == brief_id)
    return session.execute(stmt).scalars().first()


def list_briefs(session: Session, *, workspace_id: int) -> list[Brief]:
    """The workspace's briefs, the most recently changed first."""
    stmt = (
        select(Brief)
        .where(Brief.workspace_id == workspace_id)
        .order_by(Brief.updated_at.desc(), Brief.id.desc())
    )
    return list(session.execute(stmt).scalars())


def update_brief(
    session: Session,
    *,
    workspace_id: int,
    brief_id: int,
    by: str,
    answers: Mapping | None = None,
    step: int | None = None,
    status: str | None = None,
    client: str | None = None,
) -> Brief:
    """Change what is given (answers, step, status, client) and stamp who/when; KeyError if not found."""
    brief = get_brief(session, workspace_id=workspace_id, brief_id=brief_id)
    if brief is None:
        raise KeyError(f"brief {brief_id} is not in workspace {workspace_id}")
    if status is not None and status not in BRIEF_STATUSES:
        raise ValueError(f"status must be one of {BRIEF_STATUSES}, not {status!r}")
    if answers is not None:
        brief.answers_json = json.dumps(dict(answers), ensure_ascii=False)
    if step is not None:
        brief.step = int(step)
    if status is not None:
        brief.status = status
    if client is not None and client != brief.client:
        brief.title = free_title(
            session, workspace_id=workspace_id, client=client, title=brief.title, brief_id=brief.id
        )
        brief.client = client
    brief.updated_at = utc_now()
    brief.updated_by = by
    session.add(brief)
    session.flush()
    return brief


def delete_brief(session: Session, *, workspace_id: int, brief_id: int) -> None:
    """Remove a brief and its plan versions (targets already written to plan_target stay)."""
    session.execute(
        delete(BriefPlanVersion).where(
            BriefPlanVersion.workspace_id == workspace_id, BriefPlanVersion.brief_id == brief_id
        )
    )
    session.execute(delete(Brief).where(Brief.workspace_id == workspace_id, Brief.id == brief_id))


def answers_of(brief: Brief) -> dict:
    try:
        value = json.loads(brief.answers_json or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --------------------------------------------------------------------------------------------------
# Plan versions


def add_plan_version(
    session: Session,
    *,
    workspace_id: int,
    brief_id: int,
    client: str,
    rows: Sequence[Mapping],
    reasons: Mapping,
    by: str,
    saved_at: dt.datetime | None = None,
) -> BriefPlanVersion:
    """Keep a saved plan as the brief's next version (1, 2, …)."""
    last = session.execute(
        select(func.max(BriefPlanVersion.version)).where(
            BriefPlanVersion.workspace_id == workspace_id, BriefPlanVersion.brief_id == brief_id
        )
    ).scalar()
    version = BriefPlanVersion(
        workspace_id=workspace_id,
        brief_id=brief_id,
        version=int(last or 0) + 1,
        client=client,
        saved_at=saved_at or utc_now(),
        saved_by=by,
        rows_json=json.dumps([dict(r) for r in rows], ensure_ascii=False),
        reasons_json=json.dumps(dict(reasons), ensure_ascii=False),
    )
    session.add(version)
    session.flush()
    return version


def list_plan_versions(session: Session, *, workspace_id: int, brief_id: int) -> list[BriefPlanVersion]:
    """The saved versions of a brief's plan, the newest first."""
    stmt = (
        select(BriefPlanVersion)
        .where(BriefPlanVersion.workspace_id == workspace_id, BriefPlanVersion.brief_id == brief_id)
        .order_by(BriefPlanVersion.version.desc())
    )
    return list(session.execute(stmt).scalars())


def latest_versions(session: Session, *, workspace_id: int) -> dict[int, int]:
    """{brief_id: number of its newest saved plan version} for the briefs that have one."""
    stmt = (
        select(BriefPlanVersion.brief_id, func.max(BriefPlanVersion.version))
        .where(BriefPlanVersion.workspace_id == workspace_id)
        .group_by(BriefPlanVersion.brief_id)
    )
    return {int(brief_id): int(version) for brief_id, version in session.execute(stmt)}


def rows_of(version: BriefPlanVersion) -> list[dict]:
    return list(json.loads(version.rows_json or "[]"))


def reasons_of(version: BriefPlanVersion) -> dict:
    return dict(json.loads(version.reasons_json or "{}"))


# --------------------------------------------------------------------------------------------------
# What the client's data covers (for the baseline window)


def client_data_range(
    session: Session, *, workspace_id: int, client: str
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day with daily stats of the client's accounts (None, None without any)."""
    stmt = (
        select(func.min(DailyStat.date), func.max(DailyStat.date))
        .join(Account, Account.id == DailyStat.account_id)
        .join(Client, Client.id == Account.client_id)
        .where(
            DailyStat.workspace_id == workspace_id, Client.workspace_id == workspace_id, Client.name == client
        )
    )
    first, last = session.execute(stmt).one()
    return first, last


def client_goals(session: Session, *, workspace_id: int, client: str) -> list[dict]:
    """The goals imported for a client, as brief goal rows (name, type, metrica_id = the goal's id)."""
    stmt = (
        select(Goal.goal, Goal.name, Goal.type)
        .join(Client, Client.id == Goal.client_id)
        .where(Goal.workspace_id == workspace_id, Client.workspace_id == workspace_id, Client.name == client)
        .order_by(Goal.goal)
    )
    return [
        {"name": name or goal, "type": kind or "", "metrica_id": goal, "ga4_id": "", "pages": ""}
        for goal, name, kind in session.execute(stmt)
    ]
