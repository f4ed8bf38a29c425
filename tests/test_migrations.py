"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import db.tables  # noqa: F401
from db.migrate import upgrade


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_upgrade_is_idempotent(engine):
    before = set(inspect(engine).get_table_names())
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) == before
    assert {"workspace", "account", "daily_stat", "post", "cost", "plan_target"} <= before
