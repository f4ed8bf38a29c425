"""Imports every module that defines tables, so SQLModel.metadata is complete (Alembic, tests).

Features keep their tables in a module of their own (db/<feature>_models.py) and add one import here.
"""

import db.models  # noqa: F401

# --- brief (issue 3) ---
import db.brief_models  # noqa: F401  # isort: skip

# --- connections (issue 4) ---
import db.connection_models  # noqa: F401  # isort: skip

# --- trust (issue 6) ---
import db.trust_models  # noqa: F401  # isort: skip
