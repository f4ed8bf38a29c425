"""Goal funnel: reach → link clicks → site visits → goals → orders → revenue, where it leaks, per network.

A click on a network or a goal type (on the pills or on the charts) focuses the whole page on it.
"""

import streamlit as st

from smmkpi import funnel, i18n, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("nav.funnel", lang))
st.caption(i18n.t("funnel.intro", lang))
selection = ui.filter_bar(ctx, page="funnel")
report = ui.analysis_report(ctx, selection)
ui.period_caption(ctx, report)

if not funnel.has_data(report):
    ui.analysis_empty(ctx, "funnel")
    st.stop()

# Focus: one network and/or one goal type; the funnel, the leak summary and the goal types follow it.
network, goal_type = ui.funnel_focus(ctx, report)
focus = ui.analysis_report(ctx, selection, network) if network else report

# The funnel with conversions, the weakest step vs plan or the previous period, and the steps as a table.
ui.funnel_section(ctx, focus, goal_type, network)

# Every network side by side (click a bar to focus on it).
ui.funnel_networks(ctx, report, goal_type, network)

# Calls, messages, consultations, forms, page visits (click a bar to make it the funnel's goal step).
ui.funnel_goal_types(ctx, focus, goal_type)

# The goals themselves: their type decides which step they count in (a guess from Metrica is editable here).
ui.funnel_goal_editor(ctx, selection)

ui.not_reported_note(ctx)
