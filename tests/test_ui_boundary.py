"""smmkpi.ui is the one Streamlit-aware module of smmkpi (DESIGN.md): pages reach every helper as ``ui.<name>``,
and no other module of the package imports Streamlit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_ui_name_the_pages_and_the_entry_script_call_exists():
    from smmkpi import ui

    sources = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "streamlit_app.py"]
    pattern = re.compile(r"(?<![\w.\"'])ui\.(\w+)")  # not an i18n key such as "ui.kpi"
    used = {name for path in sources for name in pattern.findall(path.read_text(encoding="utf-8"))}
    assert used
    assert sorted(name for name in used if not hasattr(ui, name)) == []


@pytest.mark.parametrize(
    "path", sorted((ROOT / "smmkpi").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_only_smmkpi_ui_imports_streamlit(path):
    if path == ROOT / "smmkpi" / "ui.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {n for n in names if n == "streamlit" or n.startswith("streamlit.")}, path


def test_module_relative_paths_reach_the_repository_root():
    from smmkpi import ui

    # analysis_empty links to pages/connections.py when it exists; bench_pages runs pages/<page>.py
    assert (Path(ui.__file__).resolve().parents[1] / "pages" / "connections.py").exists()


def test_no_page_url_is_the_stem_of_a_pages_file():
    """A URL path equal to a pages/ file stem makes Streamlit run that file alone (its pages-directory mode):
    a deep link to it skips the entry script — the sidebar lists raw file names, the language switch and the
    workspace picker are gone. Every page but the default one needs its own url_path that is no file stem."""
    tree = ast.parse((ROOT / "streamlit_app.py").read_text(encoding="utf-8"))
    stems = {path.stem for path in (ROOT / "pages").glob("*.py")}
    pages = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page"
    ]
    assert len(pages) == len(stems)
    for call in pages:
        keywords = {k.arg: k.value for k in call.keywords}
        file = Path(call.args[0].value).stem
        if "default" in keywords:
            continue
        assert "url_path" in keywords, f"{file}: no url_path, so its URL is its file stem"
        url_path = keywords["url_path"].value
        assert url_path not in stems, f"{file}: url_path {url_path!r} is a pages/ file stem"
