"""smmkpi entry point: page config, language, workspace picker and navigation."""

import streamlit as st

from smmkpi import i18n, ui

st.set_page_config(page_title="smmkpi", page_icon=":material/insights:", layout="wide")

settings = ui.load_settings()
lang = ui.current_language(settings)  # the switch's value from this rerun, else ?lang=, else the browser

navigation = st.navigation([
    st.Page("pages/overview.py", title=i18n.t("nav.overview", lang), icon=":material/monitoring:", default=True),
    st.Page("pages/import_data.py", title=i18n.t("nav.import", lang), icon=":material/upload_file:",
            url_path="import"),
    # --- analysis pages (issue 5) ---
    # --- trust (issue 6) ---
    # --- brief (issue 3) ---
    # --- connections (issue 4) ---
])  # fmt: skip

# Sidebar widgets come after st.navigation(): in the first session after a server start, widgets created
# before it get an id the next rerun does not recognise, so the user's first click would be lost.
ui.language_switch(settings)
workspaces = ui.prepare_database(settings, lang)
ui.workspace_picker(workspaces, lang)
navigation.run()
