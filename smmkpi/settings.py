"""One typed settings object built from environment variables (and, in the app, st.secrets)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from db.session import DEFAULT_DATABASE_URL

TRUE = {"1", "true", "yes", "on"}


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
