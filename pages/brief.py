"""Brief: a step-by-step SMM brief that ends in a monthly KPI plan, a document for sign-off and plan vs fact."""

import streamlit as st

from smmkpi import i18n, ui

ctx = ui.page_context()
lang = ctx.lang

st.title(i18n.t("brief.title", lang))
st.caption(i18n.t("brief.intro", lang))

# Which brief: the one in the URL (?brief=), else the newest; New / Copy / Delete beside it.
brief = ui.brief_picker(ctx)
if brief is None:
    st.stop()

# Where we are: a progress bar and the seven steps (a click on a step jumps there).
asked_step = ui.brief_progress(ctx, brief)

st.subheader(f"{brief.step}. {i18n.t(f'brief.step.{brief.step_name}', lang)}")
st.caption(i18n.t(f"brief.step_intro.{brief.step_name}", lang))

# Steps 1–6 ask questions (autosaved); step 7 proposes the KPI plan, edits and saves it.
if brief.step_name == "plan":
    ui.brief_plan_step(ctx, brief)
else:
    ui.brief_questions(ctx, brief)

ui.brief_navigation(ctx, brief, asked_step)

st.divider()
# The brief and its plan as a document to send to the customer (PDF or Markdown, Russian or English).
ui.brief_export(ctx, brief)
