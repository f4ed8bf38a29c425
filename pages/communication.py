"""Communication: incoming comments and messages, how many get an answer and how fast (per network and
specialist), what is still waiting, and the trend against the plan."""

import streamlit as st

from smmkpi import i18n, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("nav.communication", lang))
st.caption(i18n.t("comm.intro", lang))
selection = ui.filter_bar(ctx, page="communication")
report = ui.analysis_report(ctx, selection)
ui.period_caption(ctx, report)

total = report["total"]
if i18n.is_missing(total["interactions_in"]) and i18n.is_missing(total["messages_in"]):
    ui.analysis_empty(ctx, "comm")
    st.stop()

view = ui.communication_view(ctx, selection)
slug = f"{selection.date_from}-{selection.date_to}"

# Incoming, response rate, median response time, direct messages; comments, messages and the slowest tenth.
ui.cards(ctx, report, ui.COMMUNICATION_CARDS)
ui.communication_extra_cards(ctx, view["interactions"])

# Who answers how fast: per network or per specialist.
ui.communication_breakdown(ctx, view["interactions"], slug)

# Incoming and the response rate per week against the plan.
ui.communication_trend(ctx, view, selection, slug)

# Comments and messages still without an answer after N hours.
ui.communication_overdue(ctx, selection, slug)

ui.not_reported_note(ctx)
