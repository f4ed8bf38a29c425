"""Keyword-only data access for the trust checks (issue 6). Every query is scoped by ``workspace_id``.

Reads what the detectors need (daily rows, posts, ad spend, site sessions) for whole account histories,
stores their findings per account (replacing the previous ones in one transaction, so a recomputation is
idempotent), and keeps the "explained" marks as an append-only log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from db import repo
from db.models import Account, Client, DailyStat, ImportRun, Post, Workspace, utc_now
from db.trust_models import TrustCheck, TrustFinding, TrustNote

# Spend that buys reach: ads, and "other" (paid mentions by bloggers are booked there where ads are not
# sold). Fees, salaries, production and tools are billed by the month and buy no followers on a given day.
PROMOTION_KINDS = ("ads", "other")
FINDING_COLUMNS = ["finding_id", "account_id", "network", "handle", "name", "client", "detector", "finding_key",
                   "kind", "cause", "first_day", "last_day", "severity", "evidence", "explained",
                   "explained_by", "explained_at", "explained_comment"]  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Versions and check state


def data_version(session: Session, *, workspace_id: int) -> int:
    """The id of the workspace's latest import or sync (0 when nothing was imported)."""
    value = session.execute(
        select(func.max(ImportRun.id)).where(ImportRun.workspace_id == workspace_id)
    ).scalar_one_or_none()
    return int(value or 0)


def list_checks(session: Session, *, workspace_id: int) -> pd.DataFrame:
    """account_id, data_version, first_day, last_day, status (dict), computed_at."""
    rows = session.execute(select(TrustCheck).where(TrustCheck.workspace_id == workspace_id)).scalars().all()
    return pd.DataFrame(
        [{"account_id": r.account_id, "data_version": r.data_version, "first_day": r.first_day,
          "last_day": r.last_day, "status": json.loads(r.status_json or "{}"), "computed_at": r.computed_at}
         for r in rows],
        columns=["account_id", "data_version", "first_day", "last_day", "status", "computed_at"],
    )  # fmt: skip


def carry_forward(
    session: Session, *, workspace_id: int, version: int, touched_account_ids: Iterable[int]
) -> int:
    """After import ``version``: checks that were current just before it and whose account it did not touch
    stay current (moved to ``version``), so only the touched accounts are checked again. Returns how many.

    "Current just before" is the workspace's previous import: a check already older than that stays stale.
    """
    previous = session.execute(
        select(func.max(ImportRun.id)).where(ImportRun.workspace_id == workspace_id, ImportRun.id < version)
    ).scalar_one_or_none()
    if previous is None:
        return 0
    stmt = update(TrustCheck).where(
        TrustCheck.workspace_id == workspace_id, TrustCheck.data_version == int(previous)
    )
    touched = [int(a) for a in touched_account_ids]
    if touched:
        stmt = stmt.where(TrustCheck.account_id.not_in(touched))
    return session.execute(stmt.values(data_version=version)).rowcount or 0


def stale_accounts(
    session: Session, *, workspace_id: int, account_ids: Iterable[int], version: int
) -> list[int]:
    """The accounts whose stored check is missing or older than ``version``."""
    ids = [int(a) for a in account_ids]
    if not ids:
        return []
    checked = dict(
        session.execute(
            select(TrustCheck.account_id, TrustCheck.data_version).where(
                TrustCheck.workspace_id == workspace_id, TrustCheck.account_id.in_(ids)
            )
        ).all()
    )
    return [a for a in ids if checked.get(a) is None or checked[a] < version]


# --------------------------------------------------------------------------------------------------
# What the detectors read


def account_history(
    session: Session, *, workspace_id: int, account_ids: list[int]
) -> tuple[dt.date, dt.date] | None:
    """First and last day with daily rows or posts of these accounts."""
    first, last = session.execute(
        select(func.min(DailyStat.date), func.max(DailyStat.date)).where(
            DailyStat.workspace_id == workspace_id, DailyStat.account_id.in_(account_ids)
        )
    ).one()
    post_first, post_last = session.execute(
        select(func.min(Post.published_at), func.max(Post.published_at)).where(
            Post.workspace_id == workspace_id, Post.account_id.in_(account_ids)
        )
    ).one()
    days = [d for d in (first, last) if d is not None]
    days += [pd.Timestamp(t).date() for t in (post_first, post_last) if t is not None]
    if not days:
        return None
    return min(days), max(days)


def load_inputs(session: Session, *, workspace: Workspace, accounts: pd.DataFrame) -> dict[int, dict]:
    """{account_id: {daily, posts, ads, sessions}} over each account's whole history.

    ``accounts`` is a frame of ``repo.list_accounts``. Promotion spend (cost kinds ``PROMOTION_KINDS``,
    spread over its days and converted like the KPI engine does) counts for an account when its row names
    the account, or names no account but the account's client and network. Sessions are the client's
    site visits from the account's network.
    """
    from smmkpi import kpi  # the engine spreads and converts cost rows; reuse it rather than redo it

    ids = [int(a) for a in accounts["account_id"]]
    history = account_history(session, workspace_id=workspace.id, account_ids=ids) if ids else None
    if history is None:
        return {}
    first, last = history
    daily = repo.load_daily(
        session, workspace_id=workspace.id, account_ids=ids, date_from=first, date_to=last
    )
    posts = repo.load_posts(session, workspace_id=workspace.id, account_ids=ids, date_from=first, date_to=last,
                            timezone=workspace.timezone, details=True)  # fmt: skip
    clients = sorted({int(c) for c in accounts["client_id"]})
    costs = repo.load_costs(
        session, workspace_id=workspace.id, client_ids=clients, date_from=first, date_to=last
    )
    costs = costs[costs["kind"].isin(PROMOTION_KINDS)]
    spread = kpi.daily_costs(
        kpi.empty_data(costs=costs, rates=repo.load_rates(session, workspace_id=workspace.id),
                       currency=workspace.currency),
        kpi.Period(first, last),
    )  # fmt: skip
    web = repo.load_web(session, workspace_id=workspace.id, client_ids=clients, date_from=first, date_to=last)
    out: dict[int, dict] = {}
    for account in accounts.itertuples():
        aid, network, client_id = int(account.account_id), account.network, int(account.client_id)
        own = spread[(spread["account_id"] == aid) | (
            spread["account_id"].isna() & (spread["client_id"] == client_id) & (spread["channel"] == network)
        )]  # fmt: skip
        ads = own.groupby("date", as_index=False)["amount"].sum()
        sessions = web[(web["client_id"] == client_id) & (web["channel"] == network)][["date", "sessions"]]
        out[aid] = {
            "daily": daily[daily["account_id"] == aid].drop(columns=["account_id"]).reset_index(drop=True),
            "posts": posts[posts["account_id"] == aid].drop(columns=["account_id"]).reset_index(drop=True),
            "ads": ads,
            "sessions": sessions.reset_index(drop=True) if not sessions.empty else None,
        }
    return out


# --------------------------------------------------------------------------------------------------
# Storing findings


def _unique_keys(findings: list) -> list[str]:
    """Finding keys, with "~2", "~3" … added where one detector has two findings with the same key."""
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for finding in findings:
        base = (finding.detector, finding.key)
        seen[base] = seen.get(base, 0) + 1
        keys.append(finding.key if seen[base] == 1 else f"{finding.key}~{seen[base]}")
    return keys


def save_account_check(session: Session, *, workspace_id: int, account_id: int, analysis, version: int,
                       now: dt.datetime | None = None) -> int:  # fmt: skip
    """Replace the account's stored findings by ``analysis.findings``; returns how many were stored."""
    now = now or utc_now()
    session.execute(
        delete(TrustFinding).where(
            TrustFinding.workspace_id == workspace_id, TrustFinding.account_id == account_id
        )
    )
    for finding, key in zip(analysis.findings, _unique_keys(analysis.findings), strict=True):
        row = finding.to_dict()
        session.add(TrustFinding(
            workspace_id=workspace_id, account_id=account_id, detector=finding.detector, finding_key=key,
            kind=finding.kind, cause=finding.cause, first_day=finding.start, last_day=finding.end,
            severity=float(row["severity"]), evidence_json=json.dumps(row["evidence"], ensure_ascii=False),
            computed_at=now,
        ))  # fmt: skip
    check = session.execute(
        select(TrustCheck).where(TrustCheck.workspace_id == workspace_id, TrustCheck.account_id == account_id)
    ).scalar_one_or_none()
    if check is None:
        check = TrustCheck(workspace_id=workspace_id, account_id=account_id)
        session.add(check)
    check.data_version = int(version)
    check.first_day = analysis.first_day
    check.last_day = analysis.last_day
    check.status_json = json.dumps(analysis.status, ensure_ascii=False)
    check.computed_at = now
    session.flush()
    return len(analysis.findings)


# --------------------------------------------------------------------------------------------------
# Reading findings with their explained state


def _latest_notes(session: Session, *, workspace_id: int, account_ids: list[int] | None) -> pd.DataFrame:
    stmt = select(TrustNote).where(TrustNote.workspace_id == workspace_id)
    if account_ids is not None:
        stmt = stmt.where(TrustNote.account_id.in_(account_ids))
    rows = session.execute(stmt.order_by(TrustNote.created_at, TrustNote.id)).scalars().all()
    latest: dict[tuple[int, str, str], TrustNote] = {}
    for note in rows:
        latest[(note.account_id, note.detector, note.finding_key)] = note
    return pd.DataFrame(
        [{"account_id": n.account_id, "detector": n.detector, "finding_key": n.finding_key, "first_day": n.first_day,
          "last_day": n.last_day, "explained": n.explained, "author": n.author, "comment": n.comment,
          "created_at": n.created_at} for n in latest.values()],
        columns=["account_id", "detector", "finding_key", "first_day", "last_day", "explained", "author",
                 "comment", "created_at"],
    )  # fmt: skip


def load_findings(session: Session, *, workspace_id: int, account_ids: Iterable[int] | None = None,
                  date_from: dt.date | None = None, date_to: dt.date | None = None) -> pd.DataFrame:  # fmt: skip
    """Stored findings overlapping [date_from, date_to] with their account and explained state.

    A finding counts as explained when the latest mark for it (same key, or for day findings the same
    detector on overlapping days: a recomputation may move an edge by a day) says so.
    """
    stmt = (
        select(TrustFinding, Account.network, Account.handle, Account.name, Client.name.label("client"))
        .join(Account, Account.id == TrustFinding.account_id)
        .join(Client, Client.id == Account.client_id)
        .where(TrustFinding.workspace_id == workspace_id)
    )
    ids = None if account_ids is None else [int(a) for a in account_ids]
    if ids is not None:
        stmt = stmt.where(TrustFinding.account_id.in_(ids))
    if date_from is not None:
        stmt = stmt.where(TrustFinding.last_day >= date_from)
    if date_to is not None:
        stmt = stmt.where(TrustFinding.first_day <= date_to)
    rows = session.execute(stmt.order_by(TrustFinding.account_id, TrustFinding.id)).all()
    notes = _latest_notes(session, workspace_id=workspace_id, account_ids=ids)
    by_account = {a: n for a, n in notes.groupby("account_id")} if not notes.empty else {}
    records = []
    for finding, network, handle, name, client in rows:
        note = _note_for(by_account.get(finding.account_id), finding)
        records.append({
            "finding_id": finding.id, "account_id": finding.account_id, "network": network, "handle": handle,
            "name": name, "client": client, "detector": finding.detector, "finding_key": finding.finding_key,
            "kind": finding.kind, "cause": finding.cause, "first_day": finding.first_day,
            "last_day": finding.last_day, "severity": finding.severity,
            "evidence": json.loads(finding.evidence_json or "{}"),
            "explained": bool(note is not None and note["explained"]),
            "explained_by": None if note is None else note["author"],
            "explained_at": None if note is None else note["created_at"],
            "explained_comment": None if note is None else note["comment"],
        })  # fmt: skip
    return pd.DataFrame(records, columns=FINDING_COLUMNS)


def _note_for(notes: pd.DataFrame | None, finding: TrustFinding):
    if notes is None or notes.empty:
        return None
    own = notes[notes["detector"] == finding.detector]
    exact = own[own["finding_key"] == finding.finding_key]
    if not exact.empty:
        return exact.iloc[-1]
    if "#" in finding.finding_key:  # a post finding matches its own post only
        return None
    near = own[(own["first_day"] <= finding.last_day) & (own["last_day"] >= finding.first_day)
               & ~own["finding_key"].str.contains("#", regex=False)]  # fmt: skip
    return None if near.empty else near.sort_values("created_at").iloc[-1]


def mark_finding(session: Session, *, workspace_id: int, account_id: int, detector: str, finding_key: str,
                 first_day: dt.date, last_day: dt.date, explained: bool, comment: str, author: str,
                 now: dt.datetime | None = None) -> TrustNote:  # fmt: skip
    """Add a mark (explained or reopened) to the log; earlier marks are kept."""
    account = session.get(Account, account_id)
    if account is None or account.workspace_id != workspace_id:
        raise ValueError(f"Account {account_id} is not in this workspace.")
    note = TrustNote(workspace_id=workspace_id, account_id=account_id, detector=detector, finding_key=finding_key,
                     first_day=first_day, last_day=last_day, explained=explained, comment=comment.strip(),
                     author=author.strip(), created_at=now or utc_now())  # fmt: skip
    session.add(note)
    session.flush()
    return note


def list_notes(session: Session, *, workspace_id: int, account_id: int) -> pd.DataFrame:
    """Every mark of an account, oldest first (the history shown under a finding)."""
    rows = session.execute(
        select(TrustNote)
        .where(TrustNote.workspace_id == workspace_id, TrustNote.account_id == account_id)
        .order_by(TrustNote.created_at, TrustNote.id)
    ).scalars().all()  # fmt: skip
    return pd.DataFrame(
        [{"detector": n.detector, "finding_key": n.finding_key, "explained": n.explained, "comment": n.comment,
          "author": n.author, "created_at": n.created_at} for n in rows],
        columns=["detector", "finding_key", "explained", "comment", "author", "created_at"],
    )  # fmt: skip


def trust_version(session: Session, *, workspace_id: int) -> tuple:
    """Changes whenever stored findings or marks change (keys the pages' caches)."""
    checked = session.execute(
        select(func.max(TrustCheck.computed_at), func.count(TrustCheck.id)).where(
            TrustCheck.workspace_id == workspace_id
        )
    ).one()
    noted = session.execute(
        select(func.max(TrustNote.id)).where(TrustNote.workspace_id == workspace_id)
    ).scalar()
    stamp = pd.Timestamp(checked[0]).isoformat() if checked[0] is not None else ""
    return (data_version(session, workspace_id=workspace_id), stamp, int(checked[1] or 0), int(noted or 0))
