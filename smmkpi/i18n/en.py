"""English message catalog: dotted key -> text (or plural forms for `t_plural`)."""

MESSAGES: dict[str, str | dict[str, str]] = {
    # App
    "app.title": "SMM KPI",
    "app.tagline": "Is your social media marketing working? Reach, engagement, leads and money in one place",
    # Navigation
    "nav.overview": "Overview",
    "nav.import": "Import",
    "nav.brief": "Brief",
    "nav.connections": "Connections",
    "nav.funnel": "Funnel",
    "nav.money": "Money",
    "nav.content": "Content",
    "nav.communication": "Communication",
    "nav.trust": "Trust",
    "nav.specialists": "Specialists",
    "nav.reports": "Reports",
    "nav.settings": "Settings",
    # Filters
    "filter.workspace": "Workspace",
    "filter.client": "Client",
    "filter.network": "Network",
    "filter.account": "Account",
    "filter.specialist": "Specialist",
    "filter.period": "Period",
    "filter.from": "From",
    "filter.to": "To",
    "filter.grain": "Group by",
    "filter.all": "All",
    "grain.day": "Day",
    "grain.week": "Week",
    "grain.month": "Month",
    # Period presets
    "period.last_7_days": "Last 7 days",
    "period.last_30_days": "Last 30 days",
    "period.last_90_days": "Last 90 days",
    "period.this_month": "This month",
    "period.last_month": "Last month",
    "period.this_quarter": "This quarter",
    "period.last_12_months": "Last 12 months",
    "period.custom": "Custom",
    # KPI groups
    "group.audience": "Audience",
    "group.content": "Content",
    "group.communication": "Communication",
    "group.traffic": "Traffic",
    "group.goals": "Goals",
    "group.money": "Money",
    # Social networks and other channels
    "channel.vk": "VK",
    "channel.ok": "OK",
    "channel.facebook": "Facebook",
    "channel.instagram": "Instagram",
    "channel.x": "X (Twitter)",
    "channel.telegram": "Telegram",
    "channel.youtube": "YouTube",
    "channel.yandex_direct": "Yandex Direct",
    "channel.google_ads": "Google Ads",
    "channel.display": "Banner ads",
    "channel.seo": "Search (SEO)",
    "channel.direct": "Direct",
    "channel.email": "Email",
    "channel.other": "Other",
    # Goal types
    "goal_type.call": "Call",
    "goal_type.message": "Message",
    "goal_type.consultation": "Consultation",
    "goal_type.form": "Form",
    "goal_type.page_visit": "Page visit",
    "goal_type.sale": "Sale",
    "goal_type.other": "Other",
    # Cost kinds
    "cost_kind.ads": "Ads",
    "cost_kind.fee": "Agency or specialist fee",
    "cost_kind.salary": "Salary",
    "cost_kind.production": "Content production",
    "cost_kind.tools": "Tools and services",
    "cost_kind.other": "Other",
    # Post formats
    "post_format.text": "Text",
    "post_format.photo": "Photo",
    "post_format.video": "Video",
    "post_format.reel": "Reel",
    "post_format.story": "Story",
    "post_format.clip": "Clip",
    "post_format.poll": "Poll",
    "post_format.other": "Other",
    # Interaction kinds
    "interaction_kind.comment": "Comment",
    "interaction_kind.message": "Direct message",
    # Generic messages
    "msg.not_reported": "“—” means the source does not report this metric. It is not a zero.",
    "msg.vs_previous": "vs previous period",
    "msg.previous_period": "Previous period: {period}",
    "msg.plan": "Plan",
    "msg.fact": "Actual",
    "msg.attainment": "Attainment",
    "msg.no_data": "No data for this period",
    "msg.formula": "Formula",
    "msg.cpc_basis_link_clicks": "No site sessions were reported, so the cost per visit uses link clicks.",
    "msg.language": "Language",
    "lang.ru": "Русский",
    "lang.en": "English",
    # Units
    "unit.minutes_short": "min",
    "unit.hours_short": "h",
    "unit.days_short": "d",
    "unit.days": {"one": "{count} day", "other": "{count} days"},
    "unit.posts": {"one": "{count} post", "other": "{count} posts"},
    "unit.accounts": {"one": "{count} account", "other": "{count} accounts"},
    # Charts: "week of" in tooltips and the Vega-Lite locale (d3 time formats; lists are comma-separated,
    # weeks start on Sunday as d3 expects; "{amount}" marks where the number goes in a money value)
    "chart.week_of": "week of {date}",
    "chart.partial_bucket": "incomplete period: {period} ({days} of {total} days)",
    "chart.total": "All networks",
    "chart.date_time_format": "%x, %X",
    "chart.date_format": "%-m/%-d/%Y",
    "chart.time_format": "%-I:%M:%S %p",
    "chart.am_pm": "AM, PM",
    "chart.days": "Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday",
    "chart.short_days": "Sun, Mon, Tue, Wed, Thu, Fri, Sat",
    "chart.months": "January, February, March, April, May, June, July, August, September, October, November, "
    "December",
    "chart.short_months": "Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec",
    "chart.money_format": "${amount}",
    # Overview, filters and shared widgets
    "ui.language": "Язык · Language",
    "ui.preparing_demo": "Preparing the demo workspace…",
    "ui.database_unreachable": "Cannot open the database at {where}: {reason}. Check that the database "
    "server is running and reachable, or set the right database in the SMMKPI_DATABASE_URL environment "
    "variable (or database_url under [smmkpi] in .streamlit/secrets.toml) and restart the app.",
    "ui.all_clients": "All clients",
    "ui.all_networks": "All networks",
    "ui.all_accounts": "All accounts",
    "ui.all_specialists": "All specialists",
    "ui.specialist_help": "The KPIs of the accounts the specialist ran, for the days they ran them. The "
    "name comes from the e-mail the specialist was imported with.",
    "ui.dates": "Dates",
    "ui.dates_incomplete": "Pick the start and the end of the period. Showing now: {period}",
    "ui.period_caption": "{workspace} · {period} · compared with {previous} ({days}) · currency: {currency}",
    "ui.plan_line": "{attainment} of plan ({plan})",
    "ui.plan_line_partial": "Plan {plan} · partial",
    "ui.plan_partial_help": "Plan set only for: {clients}. No attainment is computed: their plan would be "
    "compared with all clients' facts. Pick a client in the Client filter.",
    "ui.show_total": "Total of all networks",
    "ui.show_total_help": "Add a dashed line: the sum of the networks on the chart.",
    "ui.plan_only_for": "Plan set only for: {clients}. Attainment is not shown: these clients' plan "
    "cannot be compared with the facts of all clients.",
    "ui.plan_partial_hint": "No plan: {unplanned}. Pick a client in the Client filter to see plan vs "
    "actual by month.",
    "ui.plan_by_month": "Plan vs actual by month",
    "ui.plan_by_month_help": "Each month's target, the month's actual and the attainment. A month the "
    'period covers only in part has its target prorated to those days (shown in the header). "—": no '
    "target for the month or the actual is not reported.",
    "ui.plan_target_help": "The plan's target for this month (prorated by days for a partial month).",
    "ui.plan_fact_help": "The actual for the days of this month inside the selected period.",
    "ui.plan_attainment_help": "Attainment = actual / target. For KPIs where lower is better (cost per "
    "click, lead, sale, follower; churn; response time): target / actual. 100 % or more: plan met.",
    "ui.missing_help": "“—”: the source does not report this, or it cannot be computed for the "
    "selected filters. It is not a zero.",
    "ui.delta_help": "Change vs the previous period of the same length ({previous}).",
    "ui.pp": "pp",
    "ui.delta_pp_help": "Change against the previous period of the same length ({previous}) in percentage "
    "points: the difference of the two values, e.g. 4.0% → 5.2% = +1.2 pp.",
    "ui.plan_fact": "Plan vs actual",
    "ui.plan_fact_caption": "Plan targets prorated to the selected period. Green: plan met; yellow: "
    "80–99 %; red: below 80 %.",
    "ui.kpi": "KPI",
    "ui.dynamics": "Trend",
    "ui.chart_metric": "Metric on the chart",
    "ui.chart_hint": "Click a network in the legend to highlight it; scroll or pinch to zoom the dates, "
    "double-click to reset.",
    "ui.grain_coarsened": "Too many points for a daily chart; showing {grain}.",
    "ui.by_network": "By network",
    "ui.bar_metric": "Compare networks by",
    "ui.network_table": "Key KPIs by network",
    "ui.channels": "Channel comparison",
    "ui.channels_caption": "Social networks next to other traffic sources: what a visit, a lead and a "
    "sale cost in each channel.",
    "ui.channel": "Channel",
    "ui.channel_cost": "Cost",
    "ui.no_values_for": "No “{metric}” data for: {networks}.",
    "ui.no_networks": "No social network with data in the selected filters.",
    "ui.scope_error": "These filters cannot be applied: {error}",
    # Welcome screen (empty database)
    "welcome.title": "Welcome to smmkpi",
    "welcome.body": "smmkpi shows whether your social media marketing works: followers and reach, "
    "engagement, replies to customers, visits to your site, leads, sales and what each result costs — "
    "across networks and next to your other channels.\n\nThere is no data yet. Explore the demo "
    "workspace with two made-up clients, upload your own exports, or connect your accounts and let "
    "smmkpi fetch the numbers.",
    "welcome.load_demo": "Load the demo workspace",
    "welcome.import": "Import your data",
    # Import page
    "import.title": "Import data",
    "import.intro": "Upload CSV files (several at once) or one Excel workbook in the smmkpi format. Click "
    "“Check” first: nothing is written until the check passes without errors.",
    "import.template": "Download the Excel template",
    "import.template_help": "A workbook with one sheet per file, the column headers and examples.",
    "import.target": "Data goes into the workspace “{workspace}”.",
    "import.new_workspace": "Name of the new workspace",
    "import.default_workspace": "My company",
    "welcome.connect": "Connect your accounts",
    "import.files": "Files to import",
    "import.files_help": "accounts.csv, daily.csv, posts.csv, … or one .xlsx workbook with sheets of "
    "the same names.",
    "import.check": "Check",
    "import.run": "Import",
    "import.run_help": "Available after a check without errors.",
    "import.checked_ok": "Check passed: no errors. Below is what will change. Click “Import”.",
    "import.done": "Done: the data is imported into “{workspace}”. Reports include it already.",
    "import.problems": {
        "one": "{count} problem found. Nothing was written; fix the files and check again.",
        "other": "{count} problems found. Nothing was written; fix the files and check again.",
    },
    "import.problems_first": "The first {shown} are listed below; fix them and check again to see the rest.",
    "import.status_check": "Checking the files…",
    "import.status_write": "Importing…",
    "import.step_read": {"one": "Reading {count} file…", "other": "Reading {count} files…"},
    "import.step_check": "Checking the rows against the format's rules…",
    "import.step_write": "Checking the rows and writing them in one transaction…",
    "import.step_trust": "Re-running the trust checks of the accounts that changed…",
    "import.step_nothing_changed": "Nothing changed: the reports and trust checks stay as they were.",
    "import.unreadable": "The files cannot be read: {error}",
    "import.file": "File",
    "import.line": "Line",
    "import.column": "Column",
    "import.value": "Value",
    "import.rule": "What is wrong",
    "import.rows": "Rows",
    "import.inserted": "New",
    "import.updated": "Updated",
    "import.unchanged": "Unchanged",
    "import.created": "Will be created: {accounts} account(s), {clients} client(s), {specialists} "
    "specialist(s).",
    "import.created_done": "Created: {accounts} account(s), {clients} client(s), {specialists} "
    "specialist(s).",
    "import.preview": "Preview",
    "import.history": "Import history",
    "import.history_empty": "Nothing has been imported into this workspace yet.",
    "import.when": "When",
    "import.source": "Source",
    "import.what": "What came in",
    "import.totals": "{files} file(s) · {rows} rows ({inserted} new, {updated} updated, {unchanged} unchanged)",
    "import.demo_source": "smmkpi demo data",
    "import.format": "File format",
    "import.format_body": "Each file is one table with a header row: `accounts` (communities), `daily` "
    "(followers, reach, views per day), `posts`, `interactions` (comments and messages), `web` (site "
    "visits), `goals` and `goal_reaches`, `sales`, `costs`, `plan` (KPI targets), `rates` (currency "
    "rates). Every file is optional.\n\n"
    "- UTF-8, comma or semicolon separated;\n"
    "- dates `YYYY-MM-DD`, months `YYYY-MM`, timestamps ISO 8601 with a time zone;\n"
    "- an empty cell means “not reported”, not zero;\n"
    "- importing the same rows again updates them, it never duplicates.\n\n"
    "Every column and rule is described in `docs/import-format.md` in the repository.",
    # --- brief (issue 3) ---
    "brief.title": "SMM brief",
    "brief.intro": "A step-by-step brief an agency fills in with its customer (or a manager fills in before "
    "hiring a specialist). Answers save themselves; the last step proposes a monthly KPI plan.",
    "brief.empty": "No briefs yet. Click “New brief” to start one.",
    "brief.pick": "Brief",
    "brief.no_client": "No client",
    "brief.default_title": "SMM brief",
    "brief.status.draft": "draft, step {step} of {total}",
    "brief.status.completed": "plan saved, version {version}",
    "brief.new": "New brief",
    "brief.new_client": "Client (company)",
    "brief.new_client_help": "Pick a client of this workspace or type a new one.",
    "brief.create": "Create brief",
    "brief.created": "Brief created. Start with the Business step.",
    "brief.duplicate": "Copy",
    "brief.duplicate_caption": "This brief's answers become a draft for another client; its plan is proposed "
    "afresh.",
    "brief.duplicate_client": "For which client",
    "brief.duplicate_run": "Create copy",
    "brief.duplicated": "Done: a copy of the brief for “{client}”. Check the answers — they come from the "
    "original brief.",
    "brief.delete": "Delete",
    "brief.delete_warning": "The brief “{title}” and all its plan versions will be deleted. Targets already "
    "written to the client's plan stay. This cannot be undone.",
    "brief.delete_run": "Yes, delete the brief",
    "brief.deleted": "Brief deleted.",
    "brief.client_required": "Name the client.",
    "brief.multi_placeholder": "Choose one or more",
    "brief.company_placeholder": "Pick or type a name",
    "brief.local_user": "local user",
    "brief.progress": "Step {step} of {total} · {title}",
    "brief.steps": "Brief steps",
    "brief.back": "Back",
    "brief.next": "Next",
    "brief.autosaved": "Answers are saved automatically. You can close the tab and come back later.",
    "brief.step.business": "Business",
    "brief.step.why": "Why social media",
    "brief.step.audience": "Audience and networks",
    "brief.step.goals": "Site goals",
    "brief.step.resources": "Resources and budget",
    "brief.step.reports": "Reports",
    "brief.step.plan": "KPI plan",
    "brief.step_intro.business": "Who the customer is and how they make money: goals and the price of a "
    "result depend on it.",
    "brief.step_intro.why": "The questions every SMM brief should answer. Under each answer: what it means "
    "for the plan.",
    "brief.step_intro.audience": "Whom the accounts are for and where. Accounts already in this workspace "
    "give the plan its baseline.",
    "brief.step_intro.goals": "Which actions on the site count as results of SMM. Yandex Metrica and GA4 goal "
    "ids help to reconcile the data.",
    "brief.step_intro.resources": "How much money and how many people per month. The ad budget drives reach "
    "growth; the whole budget sets the cost per visit, lead and sale.",
    "brief.step_intro.reports": "Which reports the customer wants and how often.",
    "brief.step_intro.plan": "smmkpi proposes monthly targets from the customer's last 90 days, the budget and "
    "the brief's goals. Edit the table; a saved plan shows on the Overview as plan vs fact.",
    "brief.q.company": "Company (client)",
    "brief.q.product": "Product or service",
    "brief.q.site_sells": "What the site sells",
    "brief.q.average_order_value": "Average order value, RUB",
    "brief.q.margin_percent": "Margin, %",
    "brief.q.sales_cycle": "How long a sale usually takes",
    "brief.q.sales_channels": "Where sales happen today",
    "brief.q.smm_outcome": "What should happen in social media",
    "brief.q.impact": "What social media should change in the company",
    "brief.q.bought_in_social": "Has the customer ever bought something through social media?",
    "brief.q.why_social": "Why social media rather than context or banner ads",
    "brief.q.why_social_comment": "Comment: what has been tried and how it went",
    "brief.q.audience": "Target audience",
    "brief.q.regions": "Regions",
    "brief.q.networks": "Networks",
    "brief.q.accounts": "Accounts already in smmkpi",
    "brief.q.other_accounts": "Other accounts (links)",
    "brief.q.competitors": "Competitors to watch (links)",
    "brief.q.goals": "Which site goals count as results",
    "brief.q.attribution": "How sales are attributed to social media",
    "brief.q.budget_ads": "Ads, RUB per month",
    "brief.q.budget_fee": "Specialist or agency, RUB per month",
    "brief.q.budget_production": "Content production, RUB per month",
    "brief.q.responder": "Who answers comments and messages",
    "brief.q.response_minutes": "How fast to answer",
    "brief.q.report_frequency": "How often a report is needed",
    "brief.q.report_kpis": "Which KPIs the report shows",
    "brief.q.report_formats": "Report format",
    "brief.q.report_recipients": "Who receives the report (e-mail)",
    "brief.q.plan_start": "First month of the plan",
    "brief.q.plan_months": "For how many months",
    "brief.help.company": "The client's name as it is in this workspace: then the plan links to its data and "
    "shows on the Overview.",
    "brief.help.site_sells": "For example: “kitchens made to order”, “haircut bookings”, “coffee beans with "
    "delivery”.",
    "brief.help.average_order_value": "Needed to compute the plan's ROMI.",
    "brief.help.margin_percent": "Profit as a share of revenue. Shows from which ROMI SMM pays for itself.",
    "brief.help.smm_outcome": "In your own words: what people should do after seeing the posts.",
    "brief.help.accounts": "Accounts whose data is already imported or connected. Missing one? Import its "
    "data on the Import page.",
    "brief.help.goals": "One row per goal. The type is required: leads are counted by it. The goal id comes "
    "from Yandex Metrica or GA4 if known; for page visits, the pages' addresses.",
    "brief.help.budget_ads": "Promoted posts and targeting inside the networks (VK Ads, Meta Ads, …).",
    "brief.help.response_minutes": "A promise to customers. The plan's response time is never worse than "
    "today's.",
    "brief.option.sales_cycle.same_day": "Same day",
    "brief.option.sales_cycle.days": "A few days",
    "brief.option.sales_cycle.weeks": "Weeks",
    "brief.option.sales_cycle.months": "Months",
    "brief.option.sales_channels.site": "Website",
    "brief.option.sales_channels.phone": "Phone",
    "brief.option.sales_channels.messenger": "Messengers",
    "brief.option.sales_channels.marketplace": "Marketplaces",
    "brief.option.sales_channels.offline": "Offline stores",
    "brief.option.impact.sales": "Sales",
    "brief.option.impact.leads": "Leads",
    "brief.option.impact.awareness": "Brand awareness",
    "brief.option.impact.support": "Less support load",
    "brief.option.impact.hiring": "Hiring",
    "brief.option.bought_in_social.yes": "Yes",
    "brief.option.bought_in_social.no": "No",
    "brief.option.bought_in_social.not_sure": "Not sure",
    "brief.option.why_social.audience_there": "The audience is there",
    "brief.option.why_social.trust": "Trust and reviews matter",
    "brief.option.why_social.cheaper_than_ads": "Hoping it is cheaper than ads",
    "brief.option.why_social.ads_not_working": "Ads did not work",
    "brief.option.why_social.support_channel": "Customers ask questions there",
    "brief.option.why_social.everyone_does": "Competitors have it",
    "brief.option.attribution.utm_last_click": "UTM tags, last click",
    "brief.option.attribution.first_click": "First click",
    "brief.option.attribution.promo_code": "Promo codes",
    "brief.option.attribution.crm": "Source in the CRM",
    "brief.option.attribution.not_tracked": "Not tracked yet",
    "brief.option.responder.specialist": "SMM specialist",
    "brief.option.responder.client_team": "Customer's staff",
    "brief.option.responder.agency": "Agency",
    "brief.option.responder.nobody": "Nobody",
    "brief.option.report_frequency.weekly": "Weekly",
    "brief.option.report_frequency.monthly": "Monthly",
    "brief.option.report_formats.pdf": "PDF",
    "brief.option.report_formats.xlsx": "Excel (XLSX)",
    "brief.consequence.sales_cycle.same_day": "A short sale: sales from social media show in the same month, "
    "so the sales plan and ROMI can be checked monthly.",
    "brief.consequence.sales_cycle.days": "A sale takes a few days: a month's results are almost complete at "
    "its end.",
    "brief.consequence.sales_cycle.weeks": "A sale takes weeks: sales lag reach and leads by a month. The main "
    "KPIs of the first months are leads and cost per lead.",
    "brief.consequence.sales_cycle.months": "A long sale: sales from social media show months later. Judge "
    "SMM by leads and their cost; ROMI not before a quarter has passed.",
    "brief.consequence.impact.sales": "The plan will include orders, cost per sale and ROMI. Sales must be "
    "linked to social media (Site goals step).",
    "brief.consequence.impact.leads": "The main KPIs are leads by goal type and cost per lead. The site goals "
    "must be set up and passed to smmkpi.",
    "brief.consequence.impact.awareness": "Awareness is measured by reach, follower growth and engagement, not "
    "by sales. Do not expect quick sales.",
    "brief.consequence.impact.support": "Response rate and response time matter and go into the plan. "
    "Someone must answer quickly.",
    "brief.consequence.impact.hiring": "Social media works for the employer brand: count job applications as "
    "a goal of their own (type “Other”).",
    "brief.consequence.bought_in_social.yes": "The customer knows how people buy in social media, so content "
    "and sales goals are easier to agree on.",
    "brief.consequence.bought_in_social.no": "The customer has never bought through social media: test the "
    "sales expectations on a small budget. The first 2–3 months are a test, not payback.",
    "brief.consequence.bought_in_social.not_sure": "Look together at how competitors sell and agree on what "
    "counts as success.",
    "brief.consequence.why_social.audience_there": "A good reason: check it by reach and engagement in the "
    "first months.",
    "brief.consequence.why_social.trust": "Trust grows slowly: regular content, reviews and answers matter. "
    "Sales come later.",
    "brief.consequence.why_social.cheaper_than_ads": "This can be checked: smmkpi compares the cost of a "
    "visit, lead and sale from social media with Yandex Direct and banner ads on the Overview.",
    "brief.consequence.why_social.ads_not_working": "Find out why: if the site or the offer is the problem, "
    "social media will hit the same wall. Compare the site's conversion by channel.",
    "brief.consequence.why_social.support_channel": "Social media becomes a support channel: response rate "
    "and response time go into the plan.",
    "brief.consequence.why_social.everyone_does": "“Because everyone has it” is not a goal. Agree on a "
    "measurable result, or in three months nobody will know whether SMM works.",
    "brief.consequence.attribution.utm_last_click": "Put UTM tags on every link from social media, or visits "
    "and leads end up as direct traffic.",
    "brief.consequence.attribution.first_click": "First click gives social media more credit than last click: "
    "compare channels under one model.",
    "brief.consequence.attribution.promo_code": "Promo codes show only at purchase: leads without a code are "
    "not credited to social media.",
    "brief.consequence.attribution.crm": "The best option: the deal source from the CRM can be imported into "
    "smmkpi as sales by channel.",
    "brief.consequence.attribution.not_tracked": "Without linking sales to social media, cost per sale and ROMI "
    "will be “—”. Start with UTM tags at least.",
    "brief.consequence.responder.specialist": "Response time and response rate become the specialist's KPIs.",
    "brief.consequence.responder.client_team": "The customer's staff answers: the response KPIs are theirs, "
    "not the SMM specialist's.",
    "brief.consequence.responder.agency": "Response time and response rate become the agency's KPIs.",
    "brief.consequence.responder.nobody": "Unanswered questions are lost leads and bad reviews. Assign someone; "
    "until then the plan has no response targets.",
    "brief.goal.name": "Goal",
    "brief.goal.type": "Type",
    "brief.goal.metrica_id": "Metrica id",
    "brief.goal.ga4_id": "GA4 event",
    "brief.goal.pages": "Pages",
    "brief.goals_from_data": "Take the goals from the client's data ({count})",
    "brief.goals_from_data_help": "Goals already imported into smmkpi for this client.",
    "brief.no_accounts": "The client has no accounts in smmkpi yet. Import their data on the Import page — or "
    "list the accounts as links below.",
    "brief.budget_total": "Total per month: **{total}**",
    "brief.budget_none": "No budget given: the plan cannot propose cost per visit, lead and sale.",
    "brief.budget_part.ads": "Ads",
    "brief.budget_part.fee": "Specialist or agency",
    "brief.budget_part.production": "Content",
    "brief.budget_share": "Share",
    "brief.budget_amount": "Amount",
    "brief.baseline_title": "Baseline — {client}, {period}",
    "brief.baseline_none": "No data for this client in the last 90 days: targets come from the budget and "
    "market benchmarks. Revise them after the first month.",
    "brief.per_month": "per month",
    "brief.propose": "Propose a plan",
    "brief.repropose": "Propose again",
    "brief.repropose_warning": "The table is filled again from the current answers and data. Your edits in it "
    "are lost (saved plan versions stay).",
    "brief.repropose_run": "Propose again",
    "brief.plan_empty_hint": "Choose the months and click “Propose a plan”.",
    "brief.plan_months_changed": "The plan's months have changed. Click “Propose again” so the table follows "
    "them.",
    "brief.plan_table_caption": "Monthly targets. Shares are in percent (3.5 = 3.5%). An empty cell has no "
    "target. Add a row for any KPI or network.",
    "brief.column.kpi": "KPI",
    "brief.column.kpi_help": "How each KPI is calculated: see “KPI formulas” under the table.",
    "brief.formulas": "KPI formulas",
    "brief.column.scope": "Where",
    "brief.column.unit": "Unit",
    "brief.column.why": "Why",
    "brief.scope.all": "All networks",
    "brief.unit.count": "pcs",
    "brief.unit.posts_month": "a month",
    "brief.posts_per_week": "Posts a week ({scope}): {weeks}. The table counts posts a month, as the plan stores "
    "them.",
    "brief.notes_title": "Not in the plan",
    "brief.chart_kpi": "KPI on the chart",
    "brief.chart_now": "now",
    "brief.chart_target": "Plan",
    "brief.chart_month": "Month",
    "brief.save_plan": "Save plan",
    "brief.save_help": "Replaces the client's plan from this table's first month on; earlier months stay as "
    "they are.",
    "brief.confirm_replace": "The plan of “{client}” already has targets from “{month}” on. Changed: "
    "{changed}, removed: {cleared} (not in this table). Earlier months keep theirs. Save?",
    "brief.confirm_yes": "Yes, save",
    "brief.confirm_no": "Cancel",
    "brief.saved": "Plan saved as version {version}: {rows} targets. The Overview already shows plan vs fact.",
    "brief.to_overview": "Open the Overview",
    "brief.versions": "Saved plan versions",
    "brief.no_versions": "The plan has not been saved yet.",
    "brief.version": "Version",
    "brief.saved_at": "Saved",
    "brief.saved_by": "By",
    "brief.months": "Months",
    "brief.targets": "Targets",
    "brief.download_version": "Download plan.csv",
    "brief.download_help": "A file in the smmkpi format: import it on the Import page into another workspace.",
    "brief.export_title": "Document for sign-off",
    "brief.export_caption": "The brief's answers and the KPI plan in one file to send to the customer.",
    "brief.export_lang": "Document language",
    "brief.problems_title": "Before going on, fix:",
    "brief.problem.company_missing": "The company is missing. Pick a client or type a name.",
    "brief.problem.negative": "“{field}” cannot be below zero.",
    "brief.problem.margin_range": "A margin of {value}% — it must be between 0 and 100%.",
    "brief.problem.goal_without_type": "The goal “{goal}” has no type. Choose call, message, consultation, "
    "form, page visit, sale or other.",
    "brief.problem.goal_unknown_type": "The goal “{goal}” has an unknown type “{type}”.",
    "brief.problem.goal_without_name": "The goal in row {number} has no name.",
    "brief.problem.negative_budget": "“{field}”: {value} — a budget cannot be negative.",
    "brief.problem.bad_email": "Not an e-mail address: {bad}. Write addresses like name@company.com, "
    "separated by commas.",
    "brief.problem.plan_month_past": "{month} is over: plans are for the current and future months.",
    "brief.problem.plan_months_range": "A plan covers {min} to {max} months.",
    "brief.problem.plan_empty": "The table has no target.",
    "brief.problem.plan_unknown_kpi": "Unknown KPI “{kpi}”.",
    "brief.problem.plan_unknown_scope": "Unknown network “{scope}”.",
    "brief.problem.plan_negative": "{kpi}, {month}: a target cannot be negative.",
    "brief.problem.plan_share_over_100": "{kpi}, {month}: a share cannot be over 100%.",
    "brief.problem.plan_duplicate": "{kpi}, {month}: the target is given twice for one network.",
    "brief.size.small": "a small community, under 10,000 followers",
    "brief.size.medium": "a community of 10–100 thousand followers",
    "brief.size.large": "a large community, 100,000 followers or more",
    "brief.size.unknown": "follower count unknown",
    "brief.why.now_monthly": "Now {value} per month (average of {period}).",
    "brief.why.now_level": "Now {value} ({period}).",
    "brief.why.growth_new_ads": "Growth {rate} per month: {organic} organic ({size}) and {ads} more from "
    "{ad_budget} of ads per month.",
    "brief.why.growth_organic": "Growth {rate} per month, organic ({size}).",
    "brief.why.growth_more_ads": "Growth {rate} per month: {organic} organic ({size}) and {ads} from ads: "
    "{ad_budget} per month instead of today's {current}.",
    "brief.why.growth_less_ads": "{rate} per month: {organic} organic growth ({size}) minus {ads}, because ads "
    "get {ad_budget} per month instead of today's {current}.",
    "brief.why.growth_same_ads": "The ad budget of {ad_budget} per month is about what is spent now, so growth "
    "is organic only: {rate} per month ({size}).",
    "brief.why.reach_from_budget": "No reach data yet: {ad_budget} of ads per month buys about {reach} reach "
    "at ~{cpm} per 1,000 people (a market average; revise after the first month).",
    "brief.why.grows_with_reach": "Grows with reach: {rate} per month at today's conversion rates.",
    "brief.why.grows_with_sessions": "Grows with site sessions: {rate} per month, the site converting as now.",
    "brief.why.followers_shrinking": "The community is losing followers now ({value} per month). The target is "
    "to grow again by at least {rate} per month.",
    "brief.why.followers_benchmark": "No follower data. Benchmark — new followers per 1,000 reach: {per}.",
    "brief.why.posts_now": "Posts per week now: {now}; planned: {plan} (a month gets as many as its weeks).",
    "brief.why.posts_benchmark": "No post data: {plan} per week planned — the least that keeps a feed alive.",
    "brief.why.err_hold": "The target is to hold this level.",
    "brief.why.err_hold_ads": "The target is to hold the level: reach grows through ads, and paid reach "
    "usually engages less.",
    "brief.why.benchmark": "No data — market benchmark: {kpi} {value}. Revise after the first month.",
    "brief.why.response_rate_target": "Target {target}: not every message can be answered (spam, bots), so "
    "the ceiling is {cap}.",
    "brief.why.response_promised": "The brief promises answers within {promised}.",
    "brief.why.lower_is_better": "Lower is better: attainment = target / fact.",
    "brief.why.from_reach": "No click data: {kpi} of {value} of reach is an average benchmark.",
    "brief.why.from_clicks": "No session data: about {value} of clicks usually reach the site.",
    "brief.why.goal_benchmark": "No data for this goal: benchmark of {value} of site sessions.",
    "brief.why.leads_sum": "Leads are the sum of the plan's goals: {parts}.",
    "brief.why.orders_benchmark": "No sales data: benchmark — {value} of site sessions end in a purchase.",
    "brief.why.cost_per": "Budget {budget} per month / planned “{volume_kpi}” ({volume} in the first month) = "
    "{value}.",
    "brief.why.cost_per_now": "Now {value}.",
    "brief.why.cost_per_now_worse": "Now {value}: the plan is dearer because the budget grows faster than the "
    "results. Check the budget and the goals.",
    "brief.why.romi": "First month's revenue {revenue} (orders: {orders} × average order {aov}) against a "
    "budget of {budget}.",
    "brief.why.romi_breakeven": "With a margin of {margin}, SMM pays for itself above a ROMI of {breakeven}.",
    "brief.why.note_no_reach": "Reach: neither data nor an ad budget — set the target by hand.",
    "brief.why.note_nobody_answers": "Nobody answers comments and messages, so there are no response "
    "targets. Assign someone in Resources and budget.",
    "brief.why.note_no_goals": "No site goals chosen (Site goals step), so no leads by goal type are planned.",
    "brief.why.note_no_goal_basis": "{kpi}: neither data nor planned sessions — set the target by hand.",
    "brief.why.note_no_budget": "No budget given, so cost per visit, lead, sale and ROMI are not planned.",
    "brief.why.note_romi_negative": "Planned ROMI is {romi}: revenue does not cover the budget yet, so there "
    "is no ROMI target. Watch the cost per sale.",
    "brief.why.romi_below_breakeven": "Planned ROMI is {romi}, below the break-even ROMI of {breakeven} "
    "at a margin of {margin}: the margin on the sales does not cover the budget, so SMM loses money. Raise "
    "the average order or the conversion, or lower the budget.",
    "brief.why.note_no_aov": "No average order value (Business step) and no sales in the data, so ROMI is not "
    "planned.",
    "brief.doc.title": "SMM brief: {client}",
    "brief.doc.subtitle": "{title} · workspace “{workspace}” · prepared {date}",
    "brief.doc.not_answered": "—",
    "brief.doc.budget_total": "Budget per month, total",
    "brief.doc.plan_basis": "Baseline: {period}",
    "brief.doc.plan_no_basis": "Baseline: no data for the client; targets come from the budget and market "
    "benchmarks.",
    "brief.doc.plan_version": "Plan version {version} of {date}, saved by {who}.",
    "brief.doc.plan_draft": "Plan draft — not saved yet.",
    "brief.doc.plan_none": "No plan yet.",
    "brief.doc.reasons": "Why these targets",
    "brief.doc.sign_off": "Agreed",
    "brief.doc.customer": "Customer",
    "brief.doc.contractor": "Contractor",
    "brief.doc.signature": "signature, date",
    "brief.doc.lower_is_better": "For cost per visit, lead, sale and response time, lower is better.",
    # --- analysis pages (issue 5) ---
    "analysis.csv": "Download CSV",
    "analysis.csv_help": "Download this data as CSV (comma-separated, decimal point). To save the chart as a "
    "picture, hover it and use “Download as PNG” in its menu.",
    "analysis.go_import": "Import data",
    "analysis.go_connect": "Connect accounts",
    "analysis.loading": "Computing the numbers for {period}… On a large workspace the first computation takes "
    "up to half a minute; after that the page opens at once.",
    "analysis.grain_coarsened": "Shown {grain}: a single day has too few leads and sales for a price to mean "
    "much, and a daily chart would have too many points.",
    "analysis.grain_week": "by week",
    "analysis.grain_month": "by month",
    "analysis.all_networks": "all networks",
    "analysis.total": "All networks",
    "analysis.smm": "SMM — all networks",
    # Goal funnel
    "funnel.intro": "The way from reach to revenue: how many people saw the posts, came to the site, left a "
    "request and bought. Conversions between the steps, with the previous period and the plan.",
    "funnel.empty": "Nothing to build the funnel from yet: no reach, link clicks, site sessions, goals or "
    "sales in this period.",
    "funnel.empty_files": "What to import:\n"
    "- `daily.csv` — reach and link clicks per day;\n"
    "- `web.csv` — site sessions from social networks (from Yandex Metrica or GA4);\n"
    "- `goals.csv` and `goal_reaches.csv` — goals (calls, messages, consultations, forms) and completions;\n"
    "- `sales.csv` — orders and revenue per channel.\n\n"
    "If the data is already there, choose another period.",
    "funnel.step_reach": "Reach",
    "funnel.step_link_clicks": "Link clicks",
    "funnel.step_sessions": "Site sessions",
    "funnel.step_goal": "Leads",
    "funnel.step_orders": "Orders",
    "funnel.step_revenue": "Revenue",
    "funnel.conv_ctr": "CTR",
    "funnel.conv_click_to_session": "Click-to-session",
    "funnel.conv_conversion_rate": "Lead conversion",
    "funnel.conv_goal_rate": "Goal conversion",
    "funnel.conv_goal_to_order": "Lead-to-order",
    "funnel.conv_goal_to_order_typed": "Goal-to-order",
    "funnel.conv_orders_per_goal": "Orders per lead",
    "funnel.conv_orders_per_goal_typed": "Orders per goal",
    "funnel.per_lead_value": "{value} per lead",
    "funnel.per_goal_value": "{value} per goal",
    "funnel.note_per_goal": "There are more orders than “{goal}”: not every sale comes through a tracked goal "
    "(a phone order without a goal, a purchase in a shop). So instead of a conversion the funnel shows how many "
    "orders there are per goal — {value} — and this step is left out of the leak.",
    "funnel.conv_help_goal_rate": "Completions of the chosen goal / site sessions",
    "funnel.conv_help_goal_to_order": "Orders / leads (with a goal chosen: / completions of that goal)",
    "funnel.conv_help_orders_per_goal": "Orders / leads or goals when there are more orders: not a conversion but "
    "the number of orders per goal",
    "funnel.conv_help_order_value": "Revenue / orders",
    "funnel.conv_order_value": "Average order value",
    "funnel.goal_call": "Calls",
    "funnel.goal_message": "Messages",
    "funnel.goal_consultation": "Consultations",
    "funnel.goal_form": "Form submissions",
    "funnel.goal_page_visit": "Page visits",
    "funnel.goal_sale": "Sale goals",
    "funnel.goal_other": "Other goals",
    "funnel.goal_untyped": "Goals without a type",
    "funnel.focus_network": "Network",
    "funnel.focus_goal": "Goal in the funnel",
    "funnel.focus_help": "Pick a network (or click its bar under “Funnel by network”) and the funnel, plan and "
    "previous period are recomputed for it alone. Click again to clear.",
    "funnel.goal_help": "By default the step is “Leads”: calls, messages, consultations and forms together. "
    "Pick one goal to see the funnel up to it.",
    "funnel.chart_title": "Funnel: {scope}",
    "funnel.chart_hint": "Bar lengths use a logarithmic scale so that the small steps stay visible. Next to each "
    "number is the conversion from the step before; hover a bar to compare with the plan and the previous "
    "period.",
    "funnel.col_step": "Step",
    "funnel.col_value": "Actual",
    "funnel.col_previous": "Previous period",
    "funnel.col_change": "Change",
    "funnel.col_plan": "Plan",
    "funnel.col_conversion_name": "Conversion",
    "funnel.col_conversion": "Conversion: actual",
    "funnel.col_conversion_previous": "Conversion: previous",
    "funnel.col_conversion_plan": "Conversion: plan",
    "funnel.col_goal_type": "Goal type",
    "funnel.leak_title": "Where the funnel leaks most",
    "funnel.leak_plan": "The weakest step is “{earlier} → {later}”: conversion {value} against a plan of "
    "{reference}, {score} of plan.",
    "funnel.leak_previous": "“{earlier} → {later}” fell the most: conversion {value} against {reference} in "
    "the previous period ({score}).",
    "funnel.note_more_visits": "There are more site sessions than link clicks: some visits from social networks "
    "do not come through post links (profile, stories, messengers) or come from networks that do not count "
    "clicks.",
    "funnel.leak_none": "No clear leak: every conversion is at 95 % of plan or more and fell no more than 5 % "
    "against the previous period.",
    "funnel.leak_unknown": "Not enough data to compute the conversions between the steps.",
    "funnel.by_network": "Funnel by network",
    "funnel.click_hint": "Click a bar to focus the page on that network; double-click to clear.",
    "funnel.note_no_web": "No site sessions reported for: {networks}. The steps after the link click show “—” "
    "for them. Connect Yandex Metrica or GA4 (with UTM tags) or import web.csv.",
    "funnel.note_no_reach": "Reach is not reported for: {networks}. Their funnel starts at the site sessions.",
    "funnel.note_untyped": "{count} more completions belong to goals without a type: they count in goal "
    "completions but not in leads. Set the goal type in goals.csv.",
    "funnel.goal_types": "Goals by type",
    "funnel.completions": "Completions",
    "funnel.goal_types_caption": "Leads are calls, messages, consultations and forms. Page visits and sale "
    "goals are not leads. Click a bar to put that goal into the funnel.",
    "funnel.no_goals": "No goals reported: import goals.csv and goal_reaches.csv, or connect Yandex Metrica / "
    "GA4.",
    # Money
    "money.intro": "Does SMM pay, and is it cheaper than context and banner ads? The price of a visit, lead and "
    "sale per channel, what the costs are made of, and how the prices moved.",
    "money.empty": "No costs yet, so the price of a visit, lead or sale cannot be computed.",
    "money.empty_files": "What to import:\n"
    "- `costs.csv` — costs per channel and kind: ads, agency or specialist fee, salary, content production, "
    "tools (a monthly fee can be one row with `date_to`);\n"
    "- `web.csv`, `goal_reaches.csv`, `sales.csv` — sessions, leads and orders per channel, to divide the "
    "costs by.\n\n"
    "If costs are already imported, choose another period.",
    "money.why": "Why",
    "money.smm": "SMM",
    "money.basis_cps": "cost per sale",
    "money.basis_cpl": "cost per lead",
    "money.basis_cpc": "cost per site visit",
    "money.basis_name_cps": "cost per sale",
    "money.basis_name_cpl": "cost per lead",
    "money.basis_name_cpc": "cost per visit",
    "money.count_orders": {"one": "{count} sale", "other": "{count} sales"},
    "money.count_leads": {"one": "{count} lead", "other": "{count} leads"},
    "money.count_sessions": {"one": "{count} visit", "other": "{count} visits"},
    "money.times": "{factor}×",
    "money.percent": "{percent}",
    "money.verdict_smm_cheapest": "By {basis}, SMM is cheaper than every paid channel it can be compared with: "
    "{smm}.",
    "money.verdict_smm_dearest": "By {basis}, SMM is dearer than every paid channel it can be compared with: "
    "{smm}.",
    "money.verdict_smm_similar": "By {basis}, SMM costs about as much as the other paid channels: {smm}.",
    "money.verdict_smm_mixed": "By {basis}, SMM ({smm}) is {parts}.",
    "money.part_cheaper": "cheaper than {channels}",
    "money.part_dearer": "dearer than {channels}",
    "money.part_similar": "about as dear as {channels}",
    "money.verdict_no_other_channels": "SMM: {smm} {basis} ({smm_results}). No other paid channel has costs in "
    "this period, so there is nothing to compare with.",
    "money.verdict_no_comparable": "SMM: {smm} {basis} ({smm_results}). The other paid channels have no results "
    "in this period to compare with.",
    "money.verdict_no_smm_cost": "No SMM costs are recorded for this period, so the price of a visit, lead or "
    "sale through social networks cannot be computed. Import costs.csv (agency fee, ads, content production).",
    "money.verdict_no_smm_results": "{cost} was spent on SMM, but social networks brought no sales, leads or "
    "site visits in this period, so there is nothing to compare.",
    "money.reason_cheaper": "{channel}: {basis_name} {other} ({other_results}) — SMM is {difference} cheaper "
    "({smm}, {smm_results}).",
    "money.reason_dearer": "{channel}: {basis_name} {other} ({other_results}) — SMM is {difference} dearer "
    "({smm}, {smm_results}).",
    "money.reason_similar": "{channel}: {basis_name} {other} ({other_results}) — SMM costs about the same "
    "({smm}, {smm_results}).",
    "money.reason_small": "Small sample: not conclusive.",
    "money.excluded_no_cost": "{channel}: no costs recorded, so it cannot be compared.",
    "money.excluded_no_results": "{channel}: {cost} spent but no results in the period, so its {basis_name} "
    "cannot be computed.",
    "money.best_network": "The cheapest social network is {network}: {basis_name} {price} ({results}).",
    "money.payback_yes": "SMM pays back: revenue {revenue} on costs of {cost}, ROMI {romi}.",
    "money.payback_no": "SMM does not pay back yet: revenue {revenue} on costs of {cost}, ROMI {romi}.",
    "money.not_conclusive": "Not conclusive yet: some prices stand on only {results}, and at least {minimum} "
    "are needed. Choose a longer period.",
    "money.fallback_no_smm_orders": "Social networks brought no sales in this period, so the comparison uses "
    "{basis}.",
    "money.fallback_orders_not_reported": "Sales from social networks are not reported (no sales.csv), so the "
    "comparison uses {basis}.",
    "money.no_other_channels_hint": "Other channels (Yandex Direct, banner ads, SEO) are shown when no network "
    "is selected in the filter.",
    "money.channels_title": "Channels side by side",
    "money.channels_caption": "Social networks next to context ads, banner ads, SEO and the other sources. "
    "Pale bars stand on fewer than {minimum} results: not conclusive yet.",
    "money.basis": "Compare by",
    "money.small_sample": "Small sample: not conclusive",
    "money.costs_title": "What SMM costs are made of",
    "money.kind": "Cost kind",
    "money.amount": "Amount",
    "money.share": "Share",
    "money.total_cost": "Total",
    "money.no_costs": "No costs for social networks in this period.",
    "money.trend_title": "Prices over time",
    "money.trend_hint": "{formula}. The dashed line is all networks together. Click a line in the legend to "
    "highlight it; scroll to zoom the dates, double-click to reset.",
    "money.and": "and",
    "money.verdict_smm_tentative": "By {basis}, SMM costs {smm} ({smm_results}), but there is no firm answer yet: no comparison "
    "stands on enough data.",
    "money.tentative": "Tentatively (fewer than {minimum}): SMM is {parts}.",
    "money.ads_only_suffix": "(ads only)",
    "money.verdict_no_smm_ads": "SMM has no ad spend in this period, so ads cannot be compared with ads. Choose “All costs”.",
    "money.cost_basis": "Costs to count",
    "money.cost_basis_all": "All costs",
    "money.cost_basis_ads": "Ads only",
    "money.cost_basis_help": "“All costs”: SMM's price includes the agency or specialist fee, salary, content production, "
    "tools and ads; a context-ads channel usually only its ad budget. “Ads only”: both sides are "
    "priced with their ad spend only — ads against ads.",
    "money.costs_all": "Prices include all costs. {sides}.",
    "money.costs_ads": "Prices include ad spend only. {sides}.",
    "money.side_all": "{channel}: {kinds} — {amount}",
    "money.side_ads": "{channel}: ads — {amount}",
    "money.side_left_out": "(left out: {kinds})",
    "money.kinds_unknown": "all cost kinds",
    "money.costs_mismatch": "SMM's price includes not only ads but also {kinds}, while the other channels ({channels}) include ads only. To "
    "compare ads with ads, choose “Ads only”.",
    "money.excluded_no_ads": "{channel}: no ad spend, so it cannot be compared.",
    "money.kind_help": "Σ costs of the kind “{kind}” in the period",
    "money.no_trend": "No data for “{metric}” in this period.",
    # Content
    "content.intro": "How many posts go out and whether that matches the plan, which formats and posts work "
    "best, when to post, and what promotion brings.",
    "content.empty": "There are no posts in this workspace yet.",
    "content.empty_files": "What to import:\n"
    "- `posts.csv` — posts: date and time, format, link, reach, views, likes, comments, shares, saves, link "
    "clicks and whether the post was promoted.",
    "content.no_posts": "No posts in this period.",
    "content.per_bucket_week": "Posts per week vs plan",
    "content.per_bucket_month": "Posts per month vs plan",
    "content.plan_csv": "Plan (all networks in scope, on every row)",
    "content.plan_hint": "The black mark is the target from the KPI plan. Click a network in the legend to "
    "highlight it.",
    "content.no_plan_hint": "The plan has no target for posts in this period; set one in plan.csv "
    "(kpi = posts).",
    "content.mix_title": "Content formats",
    "content.share": "Share",
    "content.format": "Format",
    "content.unknown": "Not given",
    "content.rank_title": "Best and worst posts",
    "content.rank_by": "Rank by",
    "content.rank_er_hint": "ER by reach ranks only posts whose reach is at least {share} of the median: on a "
    "post seen by a handful of people, engagement is chance.",
    "content.best": "Best",
    "content.worst": "Worst",
    "content.no_metric": "No posts report “{metric}”.",
    "content.published": "Published",
    "content.link": "Post",
    "content.open": "Open",
    "content.post_id": "Post ID",
    "content.promoted": "Promoted",
    "content.err": "ERR",
    "content.clicks": "Link clicks",
    "content.heatmap_title": "When to post",
    "content.heatmap_hint": "ER by reach by weekday and hour of publication ({timezone} time). Darker cells "
    "engage more; grey cells hold fewer than {minimum} posts or posts without engagement data; empty cells "
    "had no posts.",
    "content.best_time": "**Best time to post:** {day}, {hours} — ER by reach {er} ({posts}).",
    "content.best_time_overall": "All posts of the period: {er}.",
    "content.best_time_none": "To name the best time, one weekday hour needs at least {minimum} posts with reach "
    "and engagements — none has yet. Choose a longer period.",
    "content.weekdays": "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday",
    "content.count_posts": {"one": "{count} post", "other": "{count} posts"},
    "content.when": "When",
    "content.weekday": "Weekday (0 = Monday)",
    "content.hour": "Hour",
    "content.no_er": "No posts report both reach and engagements, so ER by posting time cannot be computed.",
    "content.promotion_title": "Organic vs promoted",
    "content.group": "Posts",
    "content.group_organic": "Organic",
    "content.group_promoted": "Promoted",
    "content.group_unknown": "Not given",
    "content.clicks_per_post": "Link clicks per post",
    # Communication
    "comm.intro": "How fully and how fast followers and customers get an answer: comments and messages, the "
    "response rate, response times per network and specialist, and what is still waiting.",
    "comm.empty": "There are no comments or messages in this workspace yet.",
    "comm.empty_files": "What to import:\n"
    "- `interactions.csv` — comments and direct messages: when they came in and when they were answered (empty "
    "= not answered yet);\n"
    "- `daily.csv` with a `messages_in` column — when a network gives only the number of incoming messages per "
    "day.",
    "comm.comments": "Comments",
    "comm.comments_help": "Comments received in the period",
    "comm.messages": "Direct messages",
    "comm.messages_help": "Direct messages received in the period",
    "comm.card_comments": "Comments",
    "comm.card_comments_help": "Comments received in the period (from the imported items: interactions.csv or a connection). "
    "The rest of “Incoming” are direct messages: their imported count is in the table below, while "
    "the “Incoming messages” card shows the account's daily statistics (which also count messages "
    "missing from the import).",
    "comm.plan_hint_ticks": "The dark marks on the bars are the plan for incoming.",
    "comm.plan_hint_dashed": "The dashed line is the response-rate plan.",
    "comm.no_plan_hint_one": "The plan has no targets for incoming or the response rate in this period. Set them "
    "in plan.csv.",
    "comm.p90": "Response time (90%)",
    "comm.answered_help": "Incoming items of the period that got an answer (at any time, later included)",
    "comm.p90_help": "Nine answers in ten come faster than this (the 90th percentile). The median shows a "
    "typical answer; this shows the slow ones.",
    "comm.median": "Median",
    "comm.answered": "Answered",
    "comm.unassigned": "No specialist",
    "comm.breakdown_title": "Who answers, and how fast",
    "comm.group_by": "Break down",
    "comm.by_network": "By network",
    "comm.by_specialist": "By specialist",
    "comm.time_hint": "The bar is the median response time; the whisker reaches the time within which 90% of "
    "answers come. The label adds the response rate.",
    "comm.trend_title": "Incoming and answers over time",
    "comm.plan_hint": "The dark marks on the bars are the plan for incoming, the dashed line the response-rate "
    "plan.",
    "comm.no_plan_hint": "The plan has no targets for incoming or the response rate in this period. Set them in "
    "plan.csv; rate targets of several clients do not add up, so pick a client.",
    "comm.plan_of": "Plan: {kpi}",
    "comm.overdue_title": "Waiting for an answer",
    "comm.overdue_hours": "Unanswered for longer than, hours",
    "comm.overdue_none": "All answered: nothing has waited longer than {hours} h.",
    "comm.overdue_count": "Waiting longer than {hours} h: {count}.",
    "comm.overdue_shown": "The latest {shown} are shown.",
    "comm.received_at": "Received",
    "comm.waiting": "Waiting",
    "comm.waiting_hours": "Waiting, hours",
    "comm.kind": "Kind",
    "comm.id": "Interaction ID",
    "comm.open_account": "Link",
    # --- trust (issue 6) ---
    "trust.intro": "Are the followers and reactions real? We check whether followers grow together with reach, "
    "whether they leave right after a spike, and whether likes fit the posts' reach. Every finding names its "
    "days and numbers; legitimate causes (a viral post, ads, a giveaway, a purge, a data glitch) are labelled "
    "as such.",
    "trust.period_note": "The last 12 months by default: inflation is usually found after the fact.",
    "trust.client": "Client",
    "trust.account": "Account",
    "trust.report.download": "All findings as a report (CSV, {count})",
    "trust.report.account": "Account",
    "trust.report.network": "Network",
    "trust.report.verdict": "Verdict",
    "trust.report.check": "Check",
    "trust.report.finding": "Finding",
    "trust.report.kind": "Kind",
    "trust.report.first_day": "From",
    "trust.report.last_day": "To",
    "trust.report.text": "What happened",
    "trust.report.comment": "Explained as",
    "trust.report.marked_by": "Marked by",
    "trust.recheck": "Check again",
    "trust.recheck_help": "Recompute the findings of every account. Rarely needed: the checks update by "
    "themselves after every import or sync.",
    "trust.checking": "Checking accounts: {done} of {total} ({account})",
    "trust.checked": "Accounts checked: {count}.",
    "trust.accounts": "Accounts in the period",
    "trust.col.account": "Account",
    "trust.col.network": "Network",
    "trust.col.verdict": "Verdict",
    "trust.col.flags": "Suspicious",
    "trust.col.causes": "Explained spikes",
    "trust.col.explained": "Marked explained",
    "trust.verdict.clean": "Clean",
    "trust.verdict.suspicious": "Suspicious",
    "trust.verdict.likely_inflated": "Likely inflated",
    "trust.verdict.not_enough_data": "Not enough data",
    "trust.banner.clean": "{account}: no signs of inflation in this period.",
    "trust.banner.suspicious": "{account}: {episodes}. Look at them below — they may have an explanation.",
    "trust.banner.likely_inflated": "{account}: likely inflated — {episodes} that confirm each other or lie "
    "far outside the normal range.",
    "trust.episodes": {"one": "{count} suspicious episode", "other": "{count} suspicious episodes"},
    "trust.posts_row": {"one": "{count} post in a row", "other": "{count} posts in a row"},
    "trust.banner.not_enough_data": "{account}: not enough data to check — it takes daily followers, new "
    "followers and reach, or posts with likes and reach.",
    "trust.charts": "What happened to the account",
    "trust.charts_caption": "Red bands: suspicious days; blue: explained spikes; grey: marked explained; ringed "
    "points: suspicious posts. Hover a band to read the finding.",
    "trust.findings": "Findings, most important first",
    "trust.no_findings": "No findings in this period.",
    "trust.not_checked": "What could not be checked",
    "trust.not_checked_caption": "A check without its data claims nothing; it is skipped.",
    "trust.kind.suspicious": "Suspicious",
    "trust.kind.impossible": "Impossible",
    "trust.kind.legit_cause": "Legitimate cause",
    "trust.kind.explained": "Marked explained",
    "trust.detector.D1": "Followers without reach",
    "trust.detector.D2": "Spike, then unfollows",
    "trust.detector.D3": "Reach not growing with followers",
    "trust.detector.D4": "Likes beyond reach",
    "trust.detector.D5": "Comments-per-like shift",
    "trust.detector.D6": "Likes too even",
    "trust.detector.D7": "Night-time delivery",
    "trust.detector.D8": "Reach without site visits",
    "trust.detector.DQ": "Data glitch",
    "trust.cause.viral_post": "Viral post or repost",
    "trust.cause.paid_promotion": "Paid promotion",
    "trust.cause.giveaway": "Giveaway: low-quality growth",
    "trust.cause.platform_purge": "Purge by the platform",
    "trust.cause.connector_glitch": "Data glitch or back-fill",
    "trust.metric.gained": "new followers",
    "trust.metric.reach": "a reach of",
    "trust.metric.views": "views of",
    "trust.text.D1.suspicious": "{gain} followers {when}, while the reach of those days promised about {expected} "
    "({z}σ off). Reach was {reach} against a usual {reach_median}. {ads}",
    "trust.text.no_ads": "No ad spend on those days.",
    "trust.text.ads_unknown": "Ad spend is not imported — check whether a campaign ran.",
    "trust.text.churn": "{share} of them left within {days} days.",
    "trust.text.step": " They left on one day — the platform seems to have removed bots.",
    "trust.text.D2.suspicious": "A spike of {excess} followers above normal {when} without more reach, then "
    "{share} of them left within {days} days. That is how bought followers behave.{step}",
    "trust.text.D2.giveaway": "+{excess} followers {when} (reach up to {reach_peak}), then {share} left within "
    "{days} days. That is what a giveaway looks like: low-quality growth, not fraud.",
    "trust.text.D2.platform_purge": "{drop} followers ({share}) gone in one day, {when}: the platform removed "
    "inactive or fake accounts.",
    "trust.text.D1.viral_post": "{gain} followers {when} came with reach: up to {reach_peak} against a usual "
    "{reach_median}. Reach rose first — a viral post or a repost.",
    "trust.text.D1.paid_promotion": "{gain} followers {when} during paid promotion ({spend} spent).",
    "trust.text.DQ.reverted_jump": "The follower total jumped by {jump} {when} and came back {days} day(s) later — "
    "the source reported it wrongly.",
    "trust.text.DQ.backfill": "{days} day(s) without data ({metric}), then one day holding {value} — the source "
    "caught up.",
    "trust.text.DQ.total_without_joins": "The follower total changed by {total} while joins minus leaves were "
    "{net}: the platform recounted the audience, nobody came.",
    "trust.text.D3": "In 28 days followers grew by {growth} ({start} → {end}) while reach hardly moved: "
    "{reach_before} → {reach_after}. The new followers do not see the posts.",
    "trust.text.D4.impossible": "Post {post}: {likes} likes with {basis} {base} — more likes than people who saw "
    "the post.",
    "trust.text.D4.suspicious": "Post {post}: {likes} likes — {rate} of reach against a usual {rate_median} "
    "({z}σ off), and no more comments than usual.",
    "trust.text.D5.rise": "{posts}: {value} comments per like against a usual {median} — looks like bought "
    "comments or an engagement pod.",
    "trust.text.D5.fall": "{posts}: {value} comments per like against a usual {median} — likes came without "
    "comments, which looks like bought likes.",
    "trust.text.D6": "Likes on {posts} posts in a row are nearly equal: spread {spread} (normal is 40–100 %) "
    "although the posts' reach varied. Looks like fixed-size like packages.",
    "trust.text.D7": "{when}: {share} of new followers or views came at night (00–06), against a usual {median}.",
    "trust.text.D8": "Reach {when} was {reach} against a usual {reach_median}, but neither followers nor site "
    "visits followed ({sessions} visits against a usual {sessions_median}). Looks like bot views.",
    "trust.numbers": "Numbers",
    "trust.mark": "Mark explained",
    "trust.mark_help": "For example: “a partner ran a giveaway those days”. Everyone sees the mark; it can be "
    "taken back.",
    "trust.comment": "What explains it",
    "trust.author": "Marked by",
    "trust.save_mark": "Save the mark",
    "trust.need_comment": "Write what explains the episode and who you are — the mark is not saved without them.",
    "trust.explained_by": "Explained: “{comment}” — {author}, {when}.",
    "trust.reopen": "Take the mark back",
    "trust.reopened": "Mark taken back: the episode counts in the verdict again.",
    "trust.saved": "Mark saved: the episode no longer counts in the verdict.",
    "trust.card_note": "Signs of inflation in this period: {accounts}. Details on the Trust page.",
    "trust.flows": "Joins / leaves",
    "trust.likes": "Likes",
    "trust.comments": "Comments",
    "trust.per_post": "Per post",
    "trust.post": "Post",
    "trust.finding": "Finding",
    "trust.days": "Days",
    "trust.date": "Date",
    "trust.reason.hourly": "no hourly data — the sources give daily totals only.",
    "trust.reason.sessions": "no site visits from this network (Yandex Metrica / GA4) or no daily reach.",
    "trust.reason.reach": "reach is reported neither per day nor per post.",
    "trust.reason.comments": "too few posts with both likes and comments.",
    "trust.reason.likes": "posts report no likes together with reach or views.",
    "trust.reason.posts": "no posts, or too few.",
    "trust.reason.followers": "too few days with a follower count or new followers.",
    "trust.reason.daily": "no daily statistics.",
    "trust.reason.other": "not enough data.",
    "trust.method": "How it works",
    "trust.method_body": "The checks read daily statistics and posts, not follower profiles. The baseline is "
    "the median of the surrounding weeks with weekday effects removed, the spread is the median absolute "
    "deviation. A day is suspicious when far more followers came than its reach promises, and neither reach "
    "nor ads explain it. The checks' precision and recall are measured on a labelled benchmark — the table and "
    "the command that reproduces it are in the README.",
    # --- connections (issue 4) ---
    "connections.intro": "Connect the accounts once, and smmkpi fetches their numbers by itself: daily statistics, "
    "posts, comments. Tokens are stored encrypted and are never shown again. Data you imported from files stay "
    "as they are; a sync adds and updates its own rows.",
    "connections.footer": "How to register an app with each platform (redirect URI, scopes, settings) is described "
    "in docs/connectors.md. From the command line: `python -m smmkpi sync` (for cron).",
    "connections.no_secret_key": "smmkpi cannot start: {error}",
    "connections.hint.reconnect": "Connect the account again.",
    "connections.hint.permissions": "Check that you administer the community and that the app has the scopes it "
    "needs.",
    "connections.hint.retry_later": "The platform's limit is reached; try again later.",
    "connections.hint.retry": "The platform did not answer; try again in a few minutes.",
    "connections.hint.configure": "Fill in the app settings (see docs/connectors.md).",
    "connections.hint.start_again": "Press “Connect” again.",
    "connections.cancelled": "The authorization was cancelled at the platform; nothing was connected.",
    "connections.state_unknown": "This authorization link is not known here (incomplete, or not started in this "
    "app). Press “Connect” again.",
    "connections.state_used": "This authorization link has already been used. Press “Connect” again if you "
    "want to connect another account.",
    "connections.state_expired": "This authorization link has expired (it lives 10 minutes). Press “Connect” "
    "again.",
    "connections.state_foreign": "This authorization was started by another user or in another workspace, so it "
    "was rejected. Start it yourself here.",
    "connections.connect_failed": "The platform did not accept the authorization: {error}",
    "connections.connected": "Connected as {name}. Now pick the accounts to track.",
    "connections.connected_token": "The token works: connected as {name} ({kind}). Now pick the accounts to "
    "track.",
    "connections.state.syncing": "Syncing {percent}",
    "connections.state.connected": "Connected",
    "connections.state.needs_reauth": "Needs re-authorization",
    "connections.state.failed": "Failed",
    "connections.state.disconnected": "Disconnected",
    "connections.state.not_configured": "Not configured",
    "connections.state.ready": "Ready to connect",
    "connections.connect": "Connect {name}",
    "connections.reconnect": "Sign in to {name} again",
    "connections.connect_another": "Connect another {name} account",
    "connections.oauth_not_configured": "Sign-in with {name} is not configured: set SMMKPI_{source}_CLIENT_ID (and "
    "the secret where the platform has one) — see docs/connectors.md.",
    "connections.paste_token": "Paste an access token instead",
    "connections.paste_token_only": "Connect with a token",
    "connections.token": "Access token",
    "connections.check_and_save": "Check and save",
    "connections.checking_token": "Checking the token with the platform…",
    "connections.token_refused": "The token was not accepted: {error}",
    "connections.kind.user": "user token",
    "connections.kind.community": "community token",
    "connections.kind.bot": "bot token",
    "connections.kind.unknown": "token",
    "connections.connected_as": "Connected as **{name}** ({kind})",
    "connections.needs_reauth_help": "{name} no longer accepts the saved authorization (it expired or was "
    "revoked). Press “Sign in to {name} again” below, or paste a new token; the accounts and data stay.",
    "connections.failed_help": "The last sync failed: {error}",
    "connections.last_run_ok": "Last synced {when}: {rows} rows.",
    "connections.last_run_partial": "Last sync {when} finished with problems: {rows} rows. See the sync log.",
    "connections.last_run_failed": "Last sync {when} failed ({rows} rows). See the sync log.",
    "connections.not_supported": "Not available from the platform (shown as “—”): {notes}",
    "connections.sync_now": "Sync now",
    "connections.accounts": "Accounts",
    "connections.disconnect": "Disconnect",
    "connections.account": "Account",
    "connections.handle": "Handle",
    "connections.synced_through": "Synced through",
    "connections.accounts_failed": "Could not get the list of accounts: {error}",
    "connections.new_client": "New client…",
    "connections.new_client_name": "New client's name",
    "connections.pick_title": "Which {kind} to track",
    "connections.account_kind.community": "communities",
    "connections.account_kind.channel": "channels",
    "connections.account_kind.counter": "counters",
    "connections.account_kind.group": "groups",
    "connections.no_accounts": "The platform lists no accounts for this token.",
    "connections.pick_accounts": "Accounts",
    "connections.add_by_link": "Add by id, @name or link",
    "connections.specialist_help": "The e-mail or name of the person running these accounts (optional). A new "
    "name is assigned from today.",
    "connections.start_sync": "Save and sync",
    "connections.client_required": "Choose a client or type a new client's name.",
    "connections.pick_required": "Pick at least one account.",
    "connections.members": "{count} followers",
    "connections.sync_failed": "The sync did not start: {error}",
    "connections.sync_done": "Sync finished: {rows} rows. The Overview shows them now.",
    "connections.sync_reauth": "The platform no longer accepts the authorization: connect the account again.",
    "connections.sync_problems": "The sync finished with problems ({rows} rows saved): {errors}",
    "connections.disconnect_what": "Disconnect {name}? The saved token is deleted; the accounts stop syncing.",
    "connections.disconnect_revoke": "smmkpi also asks the platform to revoke the token (if it came from signing in, not pasted).",
    "connections.disconnect_no_revoke": "This platform has no revocation: revoke the token in its settings too.",
    "connections.delete_data": "Also delete the data this connection synced",
    "connections.delete_data_help": "Daily statistics, posts and comments of the tracked accounts. Without this, "
    "the data stay and the reports keep showing them.",
    "connections.disconnect_confirm": "Yes, disconnect",
    "connections.disconnected": "Disconnected. The synced data stay.",
    "connections.disconnected_deleted": "Disconnected; {rows} synced rows deleted.",
    "connections.sync_log": "Sync log",
    "connections.sync_log_empty": "No syncs yet.",
    "connections.run.ok": "finished",
    "connections.run.partial": "finished with problems",
    "connections.run.failed": "failed",
    "connections.run.running": "running",
    "connections.rows": "{rows} rows",
    "connections.level.info": "info",
    "connections.level.warning": "warning",
    "connections.level.error": "error",
    "connections.add_by_name_hint": "A bot cannot list the channels it is in: type the channel's @name or link "
    "below (the bot must be an administrator of it).",
    # sync notes and log lines (smmkpi.sources.base.Message): the CLI prints the English, the page its language
    "funnel.goal_editor": "Goals and their types",
    "funnel.goal_editor_untyped": "{count} without a type",
    "funnel.goal_editor_help": "The type decides where a goal counts: calls, messages, consultations and forms "
    "are leads; sales and page visits are not. Types of goals synced from Yandex Metrica are guessed from the "
    "goal's kind and name — correct them here; a later sync keeps your choice.",
    "funnel.goal_type_none": "— no type —",
    "funnel.goal_id": "Goal id",
    "funnel.goal_name": "Name",
    "funnel.goal_editor_save": "Save the types",
    "funnel.goal_editor_saved": "Saved: {count} goal(s) changed. The funnel and the KPIs use the new types.",
    "sync.what.followers": "followers",
    "sync.what.community_stats": "community statistics (reach, visits, new followers)",
    "sync.what.posts": "posts",
    "sync.what.post_reach": "post reach",
    "sync.what.comments": "comments",
    "sync.what.messages": "messages",
    "sync.what.users": "unique visitors",
    "sync.trigger.ui": "from the page",
    "sync.trigger.cli": "from the command line",
    "sync.trigger.first": "first sync",
    "sync.status.ok": "ok",
    "sync.status.partial": "partial",
    "sync.status.failed": "failed",
    "sync.note.refused": "{what}: the platform refused — {detail}",
    "sync.note.account_refused": "{account}: the platform gives nothing for it — {detail}",
    "sync.note.vk_post_reach_limit": "post reach and link clicks: VK gives them only for the latest {limit} posts; "
    "{older} older post(s) have none",
    "sync.note.vk_community_token": "statistics, posts, post reach and comments: VK gives them only to a user "
    "token of a community administrator; connect one too",
    "sync.note.ok_stat_refused": "{column}: OK refused the statistic {field} — not supported",
    "sync.note.ok_post_stat_refused": "posts.{column}: OK refused the post statistic {field} — not supported",
    "sync.note.tg_no_history": "followers of past days: the Telegram Bot API has no history — each sync records "
    "its own day",
    "sync.note.tg_not_visible": "views, reach, reactions, forwards: the Telegram Bot API cannot read them — "
    "import them from the channel's statistics in Telegram or from TGStat",
    "sync.note.metrica_sampled": "sessions, goal_reaches: Yandex Metrica sampled the report for counter {counter} "
    "({share} of visits) although full accuracy was requested — the numbers are estimates",
    "sync.note.metrica_dimensions": "channels: Yandex Metrica refused some traffic-source dimensions; channels "
    "are told apart by {dims} only",
    "sync.note.metrica_users_merged": "users: unique visitors are left empty for {channels}, whose visits come "
    "from several traffic sources (they cannot be added up without counting a person twice)",
    "sync.note.metrica_goal_refused": "goal_reaches: Yandex Metrica refused goal {goal} «{name}» — not supported",
    "sync.note.metrica_no_ecommerce": "orders, revenue: e-commerce is not available on this counter — not "
    "supported",
    "sync.log.no_accounts": "no accounts are tracked by this connection: pick some first",
    "sync.log.started": "sync of {count} account(s) started ({trigger})",
    "sync.log.lock_busy": "{account}: another sync of it is running",
    "sync.log.fetching": "{account}: fetching {since} … {until}",
    "sync.log.chunk_done": "{account}: {since} … {until}: {rows} rows",
    "sync.log.not_supported": "{account}: not supported: {note}",
    "sync.log.auth_expired": "{account}: the authorization expired: reconnect",
    "sync.log.failed": "{account}: {error} {hint}",
    "sync.log.invalid": "{account}: the data did not pass validation: {error}",
    "sync.log.finished": "finished: {status}, {rows} rows",
    "sync.log.trust_checked": "trust checks redone for {count} account(s)",
    "sync.log.trust_failed": "the trust checks could not be redone ({error}); the Trust page will retry",
    # --- specialist scorecard (issue 6) ---
    "scorecard.intro": "Who does better? The specialists side by side for a period. Each is counted only on "
    "the days they held an account, so an account handed over mid-month is split between the two. A warning "
    "marks a specialist whose accounts show signs of inflated followers or reactions in those days.",
    "scorecard.caption": "{workspace} · {period} ({days}) · currency: {currency}",
    "scorecard.cards": "Who held which account",
    "scorecard.no_accounts": "No accounts in this period",
    "scorecard.marker": {
        "one": "{count} account suspicious: {accounts}",
        "other": "{count} accounts suspicious: {accounts}",
    },
    "scorecard.not_checked": "Not checked yet: {accounts}",
    "scorecard.explained": {
        "one": "{count} finding marked explained does not count",
        "other": "{count} findings marked explained do not count",
    },
    "scorecard.open_trust": "Findings on the Trust page",
    "scorecard.verdict.not_checked": "Not checked",
    "scorecard.table": "KPIs side by side",
    "scorecard.table_caption": "Hover a column name for its formula. “—”: not reported for these accounts and days.",
    "scorecard.col.specialist": "Specialist",
    "scorecard.col.accounts": "Accounts",
    "scorecard.col.account_days": "Account-days",
    "scorecard.col.account_list": "Accounts and days held",
    "scorecard.col.verdict": "Trust verdict",
    "scorecard.col.trust": "Trust",
    "scorecard.help.accounts": "Accounts the specialist held on at least one day of the period.",
    "scorecard.help.trust": "The worst trust verdict of the specialist's accounts on the days they held them "
    "(stored findings; those marked explained do not count).",
    "scorecard.chart": "One KPI per specialist",
    "scorecard.chart_metric": "KPI",
    "scorecard.chart.flagged": "Signs of inflation",
    "scorecard.chart.plain": "No signs",
    "scorecard.chart.no_signs": "No signs of inflation",
    "scorecard.empty": "No specialists in this workspace yet, so there is nothing to compare.",
    "scorecard.empty_how": "Add them with an import in the canonical format (KPI.md): an `assignments` file "
    "says who ran which account from when to when (`until` empty = still running it), or give the "
    "`specialist` and `specialist_since` columns in `accounts`. A specialist is an e-mail or a name.\n\n"
    "```csv\nnetwork,account,specialist,since,until\nvk,club123,anna@agency.example,2026-01-01,\n```",
    "scorecard.empty_client": "No specialist has held an account of {client}.",
}
