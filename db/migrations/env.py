"""Alembic environment: uses the engine handed over by db.migrate, else the configured URL."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import db.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from db.session import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # db.migrate holds a lock on this connection
        _migrate(connection)
        return
    engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _migrate(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
