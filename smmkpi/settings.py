"""One typed settings object built from environment variables and .streamlit/secrets.toml.

The app gets the secrets from ``st.secrets``; the command line reads the same file with
``read_secrets_file`` (``Settings.for_cli``), so both use the same database.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from db.session import DEFAULT_DATABASE_URL

TRUE = {"1", "true", "yes", "on"}
SECRETS_FILE = Path(".streamlit") / "secrets.toml"  # relative to the working directory, as for Streamlit


def read_secrets_file(path: Path | None = None) -> dict:
    """``.streamlit/secrets.toml`` as a mapping ({} when there is none); a malformed file is an error."""
    path = path or SECRETS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path} is not valid TOML ({error}); fix the line it names.") from None


def safe_database_url(url: str) -> str:
    """The database URL without its password ("postgresql+psycopg://user:***@host:5432/db")."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    load_demo: bool = True  # load the demo workspace into an empty database at start-up
    demo_workspace: str = "Demo"
    default_language: str | None = None  # None = from the browser's locale

    @classmethod
    def load(cls, secrets: Mapping | None = None, environ: Mapping | None = None) -> Settings:
        """Environment (SMMKPI_*) wins over the ``[smmkpi]`` table of secrets.toml; defaults last."""
        env = os.environ if environ is None else environ
        table = dict((secrets or {}).get("smmkpi", {}) or {})

        def get(name: str, default=None):
            value = env.get(f"SMMKPI_{name.upper()}")
            return value if value not in (None, "") else table.get(name, default)

        language = get("language")
        if language is not None and language not in ("ru", "en"):
            raise SettingsError(f"SMMKPI_LANGUAGE must be 'ru' or 'en', not {language!r}.")
        url = str(get("database_url", DEFAULT_DATABASE_URL))
        if "://" not in url:
            raise SettingsError(
                f"SMMKPI_DATABASE_URL {url!r} is not a database URL; use e.g. sqlite:///db/smmkpi.db or "
                "postgresql+psycopg://user@host:5432/smmkpi."
            )
        return cls(
            database_url=url,
            load_demo=str(get("load_demo", "true")).strip().lower() in TRUE,
            demo_workspace=str(get("demo_workspace", "Demo")),
            default_language=language,
        )

    @classmethod
    def for_cli(cls, secrets_path: Path | None = None, environ: Mapping | None = None) -> Settings:
        """The command line's settings: environment first, then ``.streamlit/secrets.toml`` (as the app)."""
        return cls.load(secrets=read_secrets_file(secrets_path), environ=environ)
