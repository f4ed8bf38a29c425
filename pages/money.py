"""Money: is SMM worth it? The verdict against context and banner ads, what SMM costs, and the price of a
visit, lead, sale and follower over time."""

import streamlit as st

from smmkpi import i18n, money, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("nav.money", lang))
st.caption(i18n.t("money.intro", lang))
selection = ui.filter_bar(ctx, page="money")
report = ui.analysis_report(ctx, selection)
ui.period_caption(ctx, report)

if not money.has_costs(report):
    ui.analysis_empty(ctx, "money")
    st.stop()

# The answer first: does a sale (lead, visit) through SMM cost less than through the other channels?
ui.money_verdict(ctx, report, selection)

# Cost, ad spend and the price of each result, with the change and the plan.
ui.cards(ctx, report, ui.MONEY_CARDS)

# SMM next to Yandex Direct, Google Ads, banner ads, SEO …: one price per channel.
ui.money_channels(ctx, report)

# What SMM cost, by network and kind (ads, fee, salary, production, tools).
ui.money_costs(ctx, ui.money_view(ctx, selection, report), report)

# CPC, CPL, CPS, CPF, ROMI over time, per network and in total.
ui.money_trend(ctx, selection, report)

ui.not_reported_note(ctx)
