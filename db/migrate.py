"""Apply Alembic migrations programmatically (at start-up and by ``python -m smmkpi db upgrade``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        # configparser treats % as interpolation: escape it (psycopg options, passwords)
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        cfg.set_main_option("sqlalchemy.url", url)
        cfg.attributes["engine"] = engine
    return cfg


MIGRATION_LOCK_ID = 7_720_431  # any constant; one advisory lock for all replicas of this app


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the schema of ``engine``'s database to ``revision`` (idempotent).

    The default is every head: features add their tables in revisions that branch from the base and
    are merged later, so "heads" applies them all.

    On PostgreSQL an advisory lock serialises replicas that start at the same time, so only one of
    them migrates and the others find the schema already at head.
    """
    cfg = alembic_config(engine)
    if engine.dialect.name != "postgresql":
        command.upgrade(cfg, revision)
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_ID})
        try:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_ID})
            connection.commit()
