"""Shared fixtures: no network, one database per test (SQLite and PostgreSQL), fresh caches.

- Any connection to a non-loopback address fails the test (tests talk only to 127.0.0.1 fakes).
- `db_url` runs a test on SQLite and, when SMMKPI_TEST_POSTGRES_URL is set, on PostgreSQL in a schema of
  its own; `engine` is that database migrated to the newest schema.
- Every test gets SMMKPI_DATABASE_URL pointing at a temporary SQLite file (or at `db_url` when the test
  uses it), so nothing touches db/smmkpi.db, and Streamlit's process-wide caches start empty.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import pytest

POSTGRES_URL_ENV = "SMMKPI_TEST_POSTGRES_URL"
TEST_SECRET_KEY = "dGVzdHMtb25seS1rZXktMzItYnl0ZXMtbG9uZyEhISE="  # Fernet: urlsafe base64 of 32 bytes
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
# Modules whose functools caches (e.g. an engine factory) must not leak a database between tests.
CACHED_MODULES = ("smmkpi.ui", "smmkpi.settings", "db.session")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> NoReturn:
    """Skip a test whose prerequisite is missing; under CI=true the prerequisite is required: fail."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session", name="skip_or_fail")
def skip_or_fail_fixture() -> Callable[[str], NoReturn]:
    """`skip_or_fail(reason)` for conftests and tests below this one."""
    return skip_or_fail


# --- Network guard -------------------------------------------------------------------------------------


class NetworkAccessError(RuntimeError):
    """A test tried to reach a non-loopback address; tests must use local fakes."""


def _is_loopback_host(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if not isinstance(host, str):
        return False
    host = host.split("%", 1)[0].strip("[]").lower()  # drop an IPv6 zone id and URL brackets
    if host in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name other than localhost would need DNS: not allowed
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def _check_address(family: int, address: object) -> None:
    if family not in (socket.AF_INET, socket.AF_INET6):
        return  # AF_UNIX and other local families
    host = address[0] if isinstance(address, tuple) and address else address
    if not _is_loopback_host(host):
        raise NetworkAccessError(
            f"Network access to {address!r} is blocked in tests; use a fake server on 127.0.0.1."
        )


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create_connection = socket.create_connection

    def guarded_connect(sock, address):
        _check_address(sock.family, address)
        return real_connect(sock, address)

    def guarded_connect_ex(sock, address):
        _check_address(sock.family, address)
        return real_connect_ex(sock, address)

    def guarded_create_connection(address, *args, **kwargs):
        # Checked before name resolution, so a blocked host does not even cause a DNS query.
        if not _is_loopback_host(address[0]):
            raise NetworkAccessError(
                f"Network access to {address!r} is blocked in tests; use a fake server on 127.0.0.1."
            )
        return real_create_connection(address, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", guarded_connect)
        patch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
        patch.setattr(socket, "create_connection", guarded_create_connection)
        yield


# --- Databases -----------------------------------------------------------------------------------------


@contextmanager
def _postgres_schema_url(base_url: str) -> Iterator[str]:
    """Create a throwaway schema, yield a URL whose connections use it as search_path, then drop it."""
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    url = sa.make_url(base_url)
    schema = f"t_{uuid.uuid4().hex}"
    admin = sa.create_engine(url, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    # libpq passes `options` to the server at connect time, so every pooled connection starts in the schema.
    options = " ".join(filter(None, [url.query.get("options"), f"-csearch_path={schema}"]))
    try:
        yield url.update_query_dict({"options": options}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path, monkeypatch) -> Iterator[str]:
    """A database URL for this test alone; the app under test (SMMKPI_DATABASE_URL) uses it too."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 't.db'}"
        monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
        yield url
        return
    base_url = os.environ.get(POSTGRES_URL_ENV)
    if not base_url:
        skip_or_fail(
            f"PostgreSQL tests need {POSTGRES_URL_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    with _postgres_schema_url(base_url) as url:
        monkeypatch.setenv("SMMKPI_DATABASE_URL", url)
        yield url


@pytest.fixture
def engine(db_url: str):
    """An engine on `db_url` with every migration applied."""
    from db.migrate import upgrade
    from db.session import make_engine

    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


# --- Fresh state per test ------------------------------------------------------------------------------


def _clear_process_caches() -> None:
    streamlit = sys.modules.get("streamlit")
    if streamlit is not None:
        streamlit.cache_data.clear()
        streamlit.cache_resource.clear()
    for name in CACHED_MODULES:
        module = sys.modules.get(name)
        for value in vars(module).values() if module else ():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                value.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_state(tmp_path, monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("SMMKPI_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    # a key for encrypted tokens, so no test makes the app write one into the repo's secrets.toml
    monkeypatch.setenv("SMMKPI_SECRET_KEY", TEST_SECRET_KEY)
    _clear_process_caches()
    yield
    _clear_process_caches()
