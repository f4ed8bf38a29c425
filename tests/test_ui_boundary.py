"""The layout of smmkpi.ui: pages reach every helper as ``ui.<name>``, feature modules build on ``core``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "smmkpi" / "ui"
FEATURES = ("importing", "analysis", "trust", "brief", "connections", "bench")
# The only imports between feature modules (each is a use that predates the split into modules).
ALLOWED = {("importing", "trust"), ("brief", "importing")}


def _ui_imports(module: str) -> set[str]:
    tree = ast.parse((UI / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("smmkpi.ui"):
            found.add(node.module.removeprefix("smmkpi.ui").lstrip("."))
        elif isinstance(node, ast.ImportFrom) and node.module == "smmkpi":
            assert "ui" not in {alias.name for alias in node.names}, f"{module} imports the whole package"
    return found


def test_every_ui_name_the_pages_and_the_entry_script_call_exists():
    from smmkpi import ui

    sources = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "streamlit_app.py"]
    pattern = re.compile(r"(?<![\w.\"'])ui\.(\w+)")  # not an i18n key such as "ui.kpi"
    used = {name for path in sources for name in pattern.findall(path.read_text(encoding="utf-8"))}
    assert used
    assert sorted(name for name in used if not hasattr(ui, name)) == []


def test_core_imports_no_feature_module():
    assert _ui_imports("core") == set()


@pytest.mark.parametrize("module", FEATURES)
def test_a_feature_module_imports_core_and_only_the_known_features(module):
    others = _ui_imports(module) - {"core"}
    assert {(module, other) for other in others} <= ALLOWED


def test_module_relative_paths_reach_the_repository_root():
    from smmkpi.ui import analysis, bench

    # analysis_empty links to pages/connections.py when it exists; bench_pages runs pages/<page>.py
    for module in (analysis, bench):
        assert (Path(module.__file__).resolve().parents[2] / "pages" / "connections.py").exists()
