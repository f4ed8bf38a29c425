"""Tables of the trust checks (issue 6): stored findings, the check state per account, explained marks.

Findings are computed over an account's whole history (:mod:`smmkpi.inflation`) and stored, so pages and
the CLI read them instead of recomputing; a check records the data version it was computed for, and a
newer import makes it stale. Marks ("explained", with a comment, who and when) are an append-only log:
unmarking adds a row, nothing is deleted, and marks survive a recomputation because they refer to a
finding by account, detector and key (its first day, plus the post for post findings).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _utc():
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class TrustFinding(SQLModel, table=True):
    """One finding of one detector on one account (kind: suspicious, legit_cause or impossible)."""

    __tablename__ = "trust_finding"
    __table_args__ = (
        UniqueConstraint("account_id", "detector", "finding_key"),
        Index("ix_trust_finding_ws_days", "workspace_id", "first_day", "last_day"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id", index=True)
    detector: str
    finding_key: str
    kind: str
    cause: str | None = None
    first_day: dt.date
    last_day: dt.date
    severity: float = 0.0
    evidence_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    computed_at: dt.datetime | None = _utc()


class TrustCheck(SQLModel, table=True):
    """When an account was last checked, for which data version, and what each detector could do."""

    __tablename__ = "trust_check"
    __table_args__ = (UniqueConstraint("account_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    account_id: int = Field(foreign_key="account.id")
    data_version: int = 0
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    status_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    computed_at: dt.datetime | None = _utc()


class TrustNote(SQLModel, table=True):
    """A finding marked explained (or reopened): comment, author and time. The latest row counts."""

    __tablename__ = "trust_note"
    __table_args__ = (UniqueConstraint("account_id", "detector", "finding_key", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    detector: str
    finding_key: str
    first_day: dt.date
    last_day: dt.date
    explained: bool = True
    comment: str = Field(default="", sa_column=Column(Text, nullable=False))
    author: str = ""
    created_at: dt.datetime | None = _utc()
