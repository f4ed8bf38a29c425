"""smmkpi entry point: page config, language, workspace picker and navigation."""

import streamlit as st

from smmkpi import i18n, ui

st.set_page_config(page_title="smmkpi", page_icon=":material/insights:", layout="wide")

settings = ui.load_settings()
ui.secure_startup(settings)  # a secret key for tokens (hosted: required); the OAuth return's workspace
lang = ui.current_language(settings)  # the switch's value from this rerun, else ?lang=, else the browser

navigation = st.navigation([
    st.Page("pages/overview.py", title=i18n.t("nav.overview", lang), icon=":material/monitoring:", default=True),
    st.Page("pages/import_data.py", title=i18n.t("nav.import", lang), icon=":material/upload_file:",
            url_path="import"),
    # --- analysis pages (issue 5) ---
    # URL paths differ from the file names: a deep link equal to a pages/ file stem runs that file alone
    # (Streamlit's pages-directory mode), skipping this script, its layout and sidebar.
    st.Page("pages/funnel.py", title=i18n.t("nav.funnel", lang), icon=":material/filter_alt:", url_path="goal-funnel"),
    st.Page("pages/money.py", title=i18n.t("nav.money", lang), icon=":material/payments:", url_path="cpc-cps"),
    st.Page("pages/content.py", title=i18n.t("nav.content", lang), icon=":material/article:", url_path="posts"),
    st.Page("pages/communication.py", title=i18n.t("nav.communication", lang), icon=":material/forum:",
            url_path="replies"),
    # --- trust (issue 6) ---
    # not url_path="trust" / "specialists": file stems (see above; tests/test_ui_boundary.py checks them all)
    st.Page("pages/trust.py", title=i18n.t("nav.trust", lang), icon=":material/policy:", url_path="trust-checks"),
    st.Page("pages/specialists.py", title=i18n.t("nav.specialists", lang), icon=":material/badge:",
            url_path="scorecard"),
    # --- brief (issue 3) ---
    # not url_path="brief": a deep link equal to a pages/ file stem would run the page without this script
    st.Page("pages/brief.py", title=i18n.t("nav.brief", lang), icon=":material/edit_note:", url_path="smm-brief"),
    # --- connections (issue 4) ---
    # not url_path="connections": the OAuth return is a deep link, and one equal to a pages/ file stem
    # would run the page without this script
    st.Page("pages/connections.py", title=i18n.t("nav.connections", lang), icon=":material/cable:",
            url_path="integrations"),
])  # fmt: skip

# Sidebar widgets come after st.navigation(): in the first session after a server start, widgets created
# before it get an id the next rerun does not recognise, so the user's first click would be lost.
ui.language_switch(settings)
workspaces = ui.prepare_database(settings, lang)
ui.workspace_picker(workspaces, lang)
navigation.run()
