"""Connections: connect VK, OK, Telegram, Yandex Metrica …, pick accounts, sync them, see what happened."""

import streamlit as st

from smmkpi import i18n, ui

# Back from a provider the session is new: find the workspace the authorization was started in first.
ui.secure_startup(ui.load_settings())
# A newcomer may start here, before any import: the page then creates the first (empty) workspace.
ctx = ui.ensure_workspace(ui.page_context(require_workspace=False))
lang = ctx.lang

st.title(i18n.t("nav.connections", lang))
st.markdown(i18n.t("connections.intro", lang))

# ?code=&state= from the provider: check the state, exchange the code, then open the account picker.
ui.oauth_callback(ctx)
ui.show_connections_flash()

# Every source of the registry: what it gives and cannot give, how to connect it, its connections.
infos = ui.connections_overview(ctx)
for source in ui.connection_sources():
    ui.source_card(ctx, source, infos)

st.caption(i18n.t("connections.footer", lang))
