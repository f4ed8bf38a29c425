"""Start-up: engine, migrations, and the demo workspace for a newcomer's empty database."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from db import repo
from db.migrate import upgrade
from db.session import make_engine, session_scope
from smmkpi.settings import Settings, safe_database_url

# What a database that cannot be reached raises (the server is down, a wrong host or port, bad credentials,
# a SQLite file in a folder that cannot be opened).
UNREACHABLE_ERRORS = (OperationalError, InterfaceError)


def database_location(url: str) -> str:
    """Where the database is, for a message: "host:port/db" or the SQLite file (never a password)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return safe_database_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    port = parsed.port or {"postgresql": 5432, "mysql": 3306}.get(parsed.get_backend_name(), "")
    return f"{parsed.host or 'localhost'}:{port}" + (f"/{parsed.database}" if parsed.database else "")


def unreachable_reason(error: BaseException, url: str) -> str:
    """The driver's own reason in one line ("Connection refused"), with any password of ``url`` removed."""
    from sqlalchemy.engine import make_url

    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    reason = lines[0] if lines else type(original).__name__
    # psycopg: 'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused'
    reason = reason.rsplit(" failed: ", 1)[-1] if " failed: " in reason else reason
    try:
        password = make_url(url).password
    except Exception:
        password = None
    if password:
        reason = reason.replace(str(password), "***")
    return reason


def open_database(settings: Settings) -> Engine:
    """An engine on the configured database with the schema migrated to the latest revision."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def default_demo_end(today: dt.date) -> dt.date:
    """The demo's data run up to yesterday, so 'last 30 days' is full on any day."""
    return today - dt.timedelta(days=1)


def load_demo(engine: Engine, *, workspace: str, end: dt.date, months: int = 15):
    """Generate the deterministic demo data (canonical format) and import it into ``workspace``."""
    from db import repo
    from db.session import session_scope
    from smmkpi import brief_service, demo, importer, trust

    with tempfile.TemporaryDirectory(prefix="smmkpi-demo-") as folder:
        demo.write_demo(Path(folder), end=end, months=months)
        summary = importer.import_path(engine, Path(folder), workspace=workspace)
    brief_service.seed_demo_briefs(engine, workspace=workspace, today=end + dt.timedelta(days=1))
    # the trust checks up front (about a second), so the Overview's follower cards show their warning at once
    with session_scope(engine) as session:
        workspace_id = repo.get_workspace(session, name=workspace).id
    trust.refresh(engine, workspace_id=workspace_id)
    return summary


def ensure_demo(engine: Engine, settings: Settings, *, today: dt.date) -> bool:
    """Load the demo workspace when the database has no workspace at all; True when it did."""
    if not settings.load_demo:
        return False
    with session_scope(engine) as session:
        if repo.list_workspaces(session):
            return False
    load_demo(engine, workspace=settings.demo_workspace, end=default_demo_end(today))
    return True
