"""Trust: is the growth real? Per account a verdict built from findings, each with its days and numbers,
drawn on the account's charts; legitimate causes labelled; findings can be marked explained."""

import streamlit as st

from smmkpi import i18n, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("nav.trust", lang))
st.caption(i18n.t("trust.intro", lang))
client, date_from, date_to = ui.trust_filters(ctx)

# Findings are stored; accounts whose data changed since their last check are checked again first.
ui.trust_recheck(ctx)
items = ui.trust_items(ctx, client, date_from, date_to)
if not items:
    st.info(i18n.t("msg.no_data", lang), icon=":material/info:")
    st.stop()

# Every account at a glance: the verdict and how many suspicious and explained episodes it has.
ui.trust_overview(ctx, items)

# One account in detail: the verdict, its charts with the findings drawn on them, the findings in order.
item = ui.trust_pick_account(ctx, items)
ui.trust_verdict(ctx, item)
ui.trust_chart(ctx, item, date_from, date_to)
ui.trust_findings(ctx, item)
ui.trust_not_checked(ctx, item)
ui.trust_method(ctx)
