"""Overview: is SMM working? KPI cards by group, plan vs fact, trends, networks and channels side by side."""

import streamlit as st

from smmkpi import i18n, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("nav.overview", lang))
selection = ui.filter_bar(ctx, page="overview")
report = ui.report(ctx, selection)
ui.period_caption(ctx, report)
plan = ui.plan_view(ctx, selection)  # which clients in scope have a plan; plan vs fact per month

# The six KPI groups of KPI.md (Audience, Content, Communication, Traffic, Goals, Money), one tab each.
ui.kpi_groups(ctx, report, notes=ui.trust_card_notes(ctx, selection), plan_only_for=ui.plan_only_for(plan))

# Plan vs fact: only when the plan has a target for this period and scope; then the same by month.
ui.plan_section(ctx, report, plan)

# How the chosen KPI moved, one line per network.
ui.trend_section(ctx, selection, report, page="overview")

# Networks side by side: a bar chart of one KPI and a table of the key ones.
ui.network_section(ctx, report, page="overview")

# Is SMM cheaper than context or banner ads? Money KPIs per channel.
ui.channel_section(ctx, report)

ui.not_reported_note(ctx)
