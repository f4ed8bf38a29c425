"""Content: posts per week vs plan, the format mix, best and worst posts, the best time to post, and
organic vs promoted."""

import streamlit as st

from smmkpi import i18n, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("nav.content", lang))
st.caption(i18n.t("content.intro", lang))
selection = ui.filter_bar(ctx, page="content")
report = ui.analysis_report(ctx, selection)
ui.period_caption(ctx, report)

if i18n.is_missing(report["total"]["posts"]):
    ui.analysis_empty(ctx, "content")
    st.stop()

ui.cards(ctx, report, ui.CONTENT_CARDS)
view = ui.content_view(ctx, selection)
posts = view["posts"]
slug = f"{selection.date_from}-{selection.date_to}"

# How many posts went out, per week (or month) and network, against the plan.
ui.content_plan(ctx, view, selection)

if posts.empty:
    st.info(i18n.t("content.no_posts", lang), icon=":material/info:")
    st.stop()

# Which formats the content is made of and how each performs.
ui.content_mix(ctx, posts, slug)

# The best and the worst posts by ER, reach or link clicks, with links to them.
ui.content_rankings(ctx, posts, ctx.workspace.timezone, slug)

# When posting works best: weekday × hour of ER by reach.
ui.content_heatmap(ctx, posts, slug)

# Organic vs promoted posts.
ui.content_promotion(ctx, posts, slug)

ui.not_reported_note(ctx)
