"""Tables of the SMM brief (issue 3): briefs (answers as JSON, autosaved drafts) and saved plan versions.

The plan itself lives in ``plan_target`` (written through the canonical importer); a version here keeps
what was saved, by whom and when, so every earlier plan can be looked at and exported again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

BRIEF_DRAFT = "draft"
BRIEF_COMPLETED = "completed"


def _utc(nullable: bool = True):
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


def _json():
    return Field(default="{}", sa_column=Column(Text, nullable=False))


class Brief(SQLModel, table=True):
    """One brief of one client. ``client`` is the company's name (the client may not be imported yet)."""

    __table_args__ = (UniqueConstraint("workspace_id", "client", "title"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    client: str
    title: str
    status: str = BRIEF_DRAFT
    step: int = 1
    answers_json: str = _json()
    created_at: dt.datetime | None = _utc()
    created_by: str = ""
    updated_at: dt.datetime | None = _utc()
    updated_by: str = ""


class BriefPlanVersion(SQLModel, table=True):
    """A saved KPI plan of a brief: the rows written to plan_target and the reasons behind them."""

    __tablename__ = "brief_plan_version"
    __table_args__ = (UniqueConstraint("brief_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    brief_id: int = Field(foreign_key="brief.id", index=True)
    version: int
    client: str
    saved_at: dt.datetime | None = _utc()
    saved_by: str = ""
    rows_json: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    reasons_json: str = _json()
