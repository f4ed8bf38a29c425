"""The Import page: template download, checking and importing uploaded files, the import history."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from db import repo
from db.session import session_scope
from smmkpi import i18n
from smmkpi.ui.core import PageContext, _history, _local_time, _right_aligned, clear_data_caches, data_version
from smmkpi.ui.trust import trust_recheck

__all__ = [
    "IMPORT_STATE", "check_upload", "format_help", "import_history", "import_outcome", "import_target",
    "problems_table", "run_import", "show_problems", "show_summary", "summary_table", "template_download",
    "template_workbook", "upload_ready", "upload_signature", "write_upload",
]  # fmt: skip


@st.cache_data(max_entries=4, show_spinner=False)
def template_workbook(lang: str) -> bytes:
    from smmkpi import template

    return template.build_template_workbook(lang)


def upload_signature(files: Sequence) -> str:
    """A fingerprint of the uploaded files, so "Import" only writes what was checked."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode())
        digest.update(hashlib.sha256(file.getvalue()).digest())
    return digest.hexdigest()


def run_import(ctx: PageContext, files: Sequence, workspace: str, *, dry_run: bool):
    """read_upload + import_tables; returns ("ok", summary) or ("problems", error) or ("unreadable", text)."""
    from smmkpi import importer

    payload = [(file.name, file.getvalue()) for file in files]
    try:
        tables = importer.read_upload(payload)
        summary = importer.import_tables(ctx.engine, tables, workspace=workspace, dry_run=dry_run,
                                         source=", ".join(name for name, _ in payload))  # fmt: skip
    except importer.ImportValidationError as error:
        return "problems", error
    except (ValueError, OSError) as error:
        return "unreadable", str(error)
    if not dry_run:
        clear_data_caches()
        with session_scope(ctx.engine) as session:
            workspace_id = repo.get_workspace(session, name=summary.workspace).id
        # the accounts the import changed, with a progress bar (the others stay current)
        trust_recheck(ctx, workspace_id=workspace_id)
    return "ok", summary


def problems_table(error, lang: str) -> pd.DataFrame:
    rows = [{
        i18n.t("import.file", lang): p.file,
        i18n.t("import.line", lang): "" if p.line is None else str(p.line),
        i18n.t("import.column", lang): p.column or "",
        i18n.t("import.value", lang): "" if p.value is None else str(p.value),
        # the message without its "file, line …:" prefix, which the other columns already show
        i18n.t("import.rule", lang): replace(p, file="", line=None, column=None, value=None).message(lang),
    } for p in error.problems]  # fmt: skip
    return pd.DataFrame(rows).astype(str)


def show_problems(error, lang: str) -> None:
    total = getattr(error, "total", len(error.problems))
    st.error(i18n.t("import.problems", lang, count=i18n.format_number(total, lang)),
             icon=":material/error:")  # fmt: skip
    table = problems_table(error, lang)
    widths = dict(zip(table.columns, ("small", "small", "small", "small", "large"), strict=True))
    config = {column: st.column_config.TextColumn(column, width=width) for column, width in widths.items()}
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)


def summary_table(summary, lang: str) -> pd.DataFrame:
    rows = [{
        i18n.t("import.file", lang): f.name,
        i18n.t("import.rows", lang): i18n.format_number(f.rows, lang),
        i18n.t("import.inserted", lang): i18n.format_number(f.inserted, lang),
        i18n.t("import.updated", lang): i18n.format_number(f.updated, lang),
        i18n.t("import.unchanged", lang): i18n.format_number(f.unchanged, lang),
    } for f in summary.files]  # fmt: skip
    return pd.DataFrame(rows).astype(str)


def show_summary(summary, lang: str, *, preview: bool) -> None:
    table = summary_table(summary, lang)
    st.dataframe(table, hide_index=True, width="stretch", column_config=_right_aligned(table.columns[1:]))
    created = {
        kind: _count(getattr(summary, f"{kind}_created")) for kind in ("accounts", "clients", "specialists")
    }
    if any(created.values()):
        shown = {kind: i18n.format_number(count, lang) for kind, count in created.items()}
        st.caption(i18n.t("import.created" if summary.dry_run else "import.created_done", lang, **shown))
    frames = {name: frame for name, frame in (getattr(summary, "preview", None) or {}).items()}
    if preview and frames:
        st.markdown(f"**{i18n.t('import.preview', lang)}**")
        for tab, frame in zip(st.tabs(list(frames)), frames.values(), strict=True):
            with tab:
                st.dataframe(frame.head(50), hide_index=True, width="stretch")


def _count(value) -> int:
    # the importer lists the names it created; a count is enough here
    return len(value) if isinstance(value, list | tuple | set) else int(value or 0)


def import_history(ctx: PageContext) -> None:
    lang = ctx.lang
    st.subheader(i18n.t("import.history", lang))
    if ctx.workspace is None:
        st.caption(i18n.t("import.history_empty", lang))
        return
    runs = _history(ctx.database_url, ctx.workspace.id, data_version(ctx))
    if not runs:
        st.caption(i18n.t("import.history_empty", lang))
        return
    rows = [{
        i18n.t("import.when", lang): _local_time(run["finished_at"], ctx.workspace.timezone, lang),
        i18n.t("import.source", lang): _source_text(run["source"], lang),
        i18n.t("import.what", lang): _summary_text(run["summary"], lang),
    } for run in runs]  # fmt: skip
    st.dataframe(pd.DataFrame(rows).astype(str), hide_index=True, width="stretch")


def _summary_text(summary_json: str, lang: str) -> str:
    """ "3 files · 1 234 rows: 1 200 new, 34 updated, 0 unchanged" from the stored summary."""
    try:
        data = json.loads(summary_json or "{}")
    except ValueError:
        return i18n.MISSING
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not files:
        return i18n.MISSING
    totals = {k: sum(int(f.get(k) or 0) for f in files if isinstance(f, dict)) for k in
              ("rows", "inserted", "updated", "unchanged")}  # fmt: skip
    shown = {k: i18n.format_number(v, lang) for k, v in totals.items()}
    return i18n.t("import.totals", lang, files=i18n.format_number(len(files), lang), **shown)


def _source_text(source: str, lang: str) -> str:
    # the start-up demo is imported from a temporary folder whose path means nothing to a user
    if "smmkpi-demo-" in (source or ""):
        return i18n.t("import.demo_source", lang)
    return source or i18n.MISSING


IMPORT_STATE = "import_outcome"  # session key: the last check/import of this session


def template_download(lang: str) -> None:
    st.download_button(i18n.t("import.template", lang), data=template_workbook(lang),
                       file_name=f"smmkpi-template-{lang}.xlsx", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       help=i18n.t("import.template_help", lang), key="import_template", on_click="ignore")  # fmt: skip


def format_help(lang: str) -> None:
    with st.expander(i18n.t("import.format", lang), icon=":material/help:"):
        st.markdown(i18n.t("import.format_body", lang))


def import_target(ctx: PageContext) -> str:
    """The workspace the upload goes into: the current one, or a name typed for the first import."""
    if ctx.workspace is not None:
        st.caption(i18n.t("import.target", ctx.lang, workspace=ctx.workspace.name))
        return ctx.workspace.name
    default = i18n.t("import.default_workspace", ctx.lang)
    name = st.text_input(i18n.t("import.new_workspace", ctx.lang), value=default, key="import_workspace")
    return name.strip() or default


def check_upload(ctx: PageContext, files: Sequence, workspace: str) -> None:
    kind, payload = run_import(ctx, files, workspace, dry_run=True)
    st.session_state[IMPORT_STATE] = {"signature": upload_signature(files), "kind": kind, "payload": payload,
                                      "dry_run": True, "workspace": workspace}  # fmt: skip


def upload_ready(files: Sequence | None) -> bool:
    """True when exactly these files passed a check without problems and are not imported yet."""
    outcome = st.session_state.get(IMPORT_STATE)
    return (
        bool(files)
        and bool(outcome)
        and outcome["dry_run"]
        and outcome["kind"] == "ok"
        and (outcome["signature"] == upload_signature(files))
    )


def write_upload(ctx: PageContext, files: Sequence, workspace: str) -> None:
    kind, payload = run_import(ctx, files, workspace, dry_run=False)
    st.session_state[IMPORT_STATE] = {"signature": upload_signature(files), "kind": kind, "payload": payload,
                                      "dry_run": False, "workspace": workspace}  # fmt: skip
    if kind == "ok":
        st.rerun()  # the history, the sidebar and the reports pick up the new data


def import_outcome(lang: str, files: Sequence | None) -> None:
    """The result of the last check or import for the files now in the uploader."""
    outcome = st.session_state.get(IMPORT_STATE)
    if not outcome:
        return
    if outcome["dry_run"] and (not files or outcome["signature"] != upload_signature(files)):
        return  # the files changed since the check: its result no longer applies
    kind, payload = outcome["kind"], outcome["payload"]
    if kind == "problems":
        show_problems(payload, lang)
    elif kind == "unreadable":
        st.error(i18n.t("import.unreadable", lang, error=payload), icon=":material/error:")
    elif outcome["dry_run"]:
        st.success(i18n.t("import.checked_ok", lang), icon=":material/check_circle:")
        show_summary(payload, lang, preview=True)
    else:
        st.success(i18n.t("import.done", lang, workspace=outcome["workspace"]), icon=":material/task_alt:")
        show_summary(payload, lang, preview=False)
