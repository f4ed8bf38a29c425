"""Specialists: who does better? The workspace's specialists side by side for a period — each counted only on
the days they held an account — with a warning where their accounts show signs of inflation."""

import streamlit as st

from smmkpi import i18n, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("nav.specialists", lang))
st.caption(i18n.t("scorecard.intro", lang))
client, date_from, date_to = ui.scorecard_filters(ctx)
card = ui.scorecard_data(ctx, client, date_from, date_to)
if card.frame.empty:
    ui.scorecard_empty(ctx, card, client)
    st.stop()
ui.scorecard_caption(ctx, card, date_from, date_to)

# Who held which account (and how many days), with the trust marker from the stored findings.
ui.scorecard_cards(ctx, card)

# The key KPIs side by side, the formula on each column's tooltip; as CSV too.
ui.scorecard_table(ctx, card, date_from, date_to)

# One KPI as bars, for those who would rather look than read.
ui.scorecard_chart(ctx, card)

ui.not_reported_note(ctx)
