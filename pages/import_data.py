"""Import: upload canonical CSV files or one workbook, check them, then write them in one transaction."""

import streamlit as st

from smmkpi import i18n, ui

ctx = ui.page_context(require_workspace=False)
lang = ctx.lang

st.title(i18n.t("import.title", lang))
st.markdown(i18n.t("import.intro", lang))
ui.template_download(lang)
ui.format_help(lang)

workspace = ui.import_target(ctx)
files = st.file_uploader(i18n.t("import.files", lang), type=["csv", "xlsx"], accept_multiple_files=True,
                         key="import_files", help=i18n.t("import.files_help", lang))  # fmt: skip

# "Check" is a dry run; "Import" writes exactly the files that passed the check.
check_column, import_column = st.columns(2, width=420)
if check_column.button(i18n.t("import.check", lang), key="import_check", disabled=not files,
                       icon=":material/fact_check:", width="stretch"):  # fmt: skip
    ui.check_upload(ctx, files, workspace)
ready = ui.upload_ready(files)
# the hint explains why the button is grey; once it is enabled the hint would only be noise
if import_column.button(i18n.t("import.run", lang), key="import_run", type="primary", disabled=not ready,
                        icon=":material/upload:", width="stretch",
                        help=None if ready else i18n.t("import.run_help", lang)):  # fmt: skip
    ui.write_upload(ctx, files, workspace)
ui.import_outcome(lang, files)

st.divider()
ui.import_history(ctx)
