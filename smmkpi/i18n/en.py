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
    "ui.all_clients": "All clients",
    "ui.all_networks": "All networks",
    "ui.all_accounts": "All accounts",
    "ui.all_specialists": "All specialists",
    "ui.dates": "Dates",
    "ui.dates_incomplete": "Pick the start and the end of the period. Showing now: {period}",
    "ui.period_caption": "{workspace} · {period} · compared with {previous} ({days}) · currency: {currency}",
    "ui.plan_line": "{attainment} of plan ({plan})",
    "ui.missing_help": "“—”: the source does not report this, or it cannot be computed for the "
    "selected filters. It is not a zero.",
    "ui.delta_help": "Change vs the previous period of the same length ({previous}).",
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
    "workspace with two made-up clients, or upload your own exports.",
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
    "import.files": "Files to import",
    "import.files_help": "accounts.csv, daily.csv, posts.csv, … or one .xlsx workbook with sheets of "
    "the same names.",
    "import.check": "Check",
    "import.run": "Import",
    "import.run_help": "Available after a check without errors.",
    "import.checked_ok": "Check passed: no errors. Below is what will change. Click “Import”.",
    "import.done": "Done: the data is imported into “{workspace}”. Reports include it already.",
    "import.problems": "{count} problem(s) found. Nothing was written; fix the files and check again.",
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
    # --- analysis pages (issue 5) ---
    # --- trust (issue 6) ---
    # --- connections (issue 4) ---
}
