"""Russian message catalog: dotted key -> text (or plural forms for `t_plural`)."""

MESSAGES: dict[str, str | dict[str, str]] = {
    # App
    "app.title": "SMM KPI",
    "app.tagline": "Работает ли ваш SMM: охват, вовлечённость, заявки и деньги в одном месте",
    # Navigation
    "nav.overview": "Обзор",
    "nav.import": "Импорт",
    "nav.brief": "Бриф",
    "nav.connections": "Подключения",
    "nav.funnel": "Воронка",
    "nav.money": "Деньги",
    "nav.content": "Контент",
    "nav.communication": "Коммуникации",
    "nav.trust": "Накрутки",
    "nav.specialists": "Специалисты",
    "nav.reports": "Отчёты",
    "nav.settings": "Настройки",
    # Filters
    "filter.workspace": "Рабочее пространство",
    "filter.client": "Клиент",
    "filter.network": "Соцсеть",
    "filter.account": "Сообщество / аккаунт",
    "filter.specialist": "Специалист",
    "filter.period": "Период",
    "filter.from": "С",
    "filter.to": "По",
    "filter.grain": "Детализация",
    "filter.all": "Все",
    "grain.day": "По дням",
    "grain.week": "По неделям",
    "grain.month": "По месяцам",
    # Period presets
    "period.last_7_days": "Последние 7 дней",
    "period.last_30_days": "Последние 30 дней",
    "period.last_90_days": "Последние 90 дней",
    "period.this_month": "Текущий месяц",
    "period.last_month": "Прошлый месяц",
    "period.this_quarter": "Текущий квартал",
    "period.last_12_months": "Последние 12 месяцев",
    "period.custom": "Свой период",
    # KPI groups
    "group.audience": "Аудитория",
    "group.content": "Контент",
    "group.communication": "Коммуникации",
    "group.traffic": "Трафик",
    "group.goals": "Цели",
    "group.money": "Деньги",
    # Social networks and other channels
    "channel.vk": "ВКонтакте",
    "channel.ok": "Одноклассники",
    "channel.facebook": "Facebook",
    "channel.instagram": "Instagram",
    "channel.x": "X (Twitter)",
    "channel.telegram": "Telegram",
    "channel.youtube": "YouTube",
    "channel.yandex_direct": "Яндекс Директ",
    "channel.google_ads": "Google Ads",
    "channel.display": "Баннерная реклама",
    "channel.seo": "Поиск (SEO)",
    "channel.direct": "Прямые заходы",
    "channel.email": "Email-рассылки",
    "channel.other": "Другое",
    # Goal types
    "goal_type.call": "Звонок",
    "goal_type.message": "Сообщение",
    "goal_type.consultation": "Консультация",
    "goal_type.form": "Заявка с формы",
    "goal_type.page_visit": "Посещение страницы",
    "goal_type.sale": "Продажа",
    "goal_type.other": "Другое",
    # Cost kinds
    "cost_kind.ads": "Реклама",
    "cost_kind.fee": "Оплата агентства или специалиста",
    "cost_kind.salary": "Зарплата",
    "cost_kind.production": "Производство контента",
    "cost_kind.tools": "Сервисы и инструменты",
    "cost_kind.other": "Прочее",
    # Post formats
    "post_format.text": "Текст",
    "post_format.photo": "Фото",
    "post_format.video": "Видео",
    "post_format.reel": "Reels",
    "post_format.story": "Сторис",
    "post_format.clip": "Клип",
    "post_format.poll": "Опрос",
    "post_format.other": "Другое",
    # Interaction kinds
    "interaction_kind.comment": "Комментарий",
    "interaction_kind.message": "Личное сообщение",
    # Generic messages
    "msg.not_reported": "«—» значит, что источник не передаёт эту метрику. Это не ноль.",
    "msg.vs_previous": "к прошлому периоду",
    "msg.previous_period": "Прошлый период: {period}",
    "msg.plan": "План",
    "msg.fact": "Факт",
    "msg.attainment": "Выполнение плана",
    "msg.no_data": "За этот период данных нет",
    "msg.formula": "Формула",
    "msg.cpc_basis_link_clicks": "Визиты на сайт не переданы, поэтому цена перехода посчитана по кликам по ссылкам.",
    "msg.language": "Язык",
    "lang.ru": "Русский",
    "lang.en": "English",
    # Units
    "unit.minutes_short": "мин",
    "unit.hours_short": "ч",
    "unit.days_short": "дн.",
    "unit.days": {
        "one": "{count} день",
        "few": "{count} дня",
        "many": "{count} дней",
        "other": "{count} дня",
    },
    "unit.posts": {
        "one": "{count} публикация",
        "few": "{count} публикации",
        "many": "{count} публикаций",
        "other": "{count} публикации",
    },
    "unit.accounts": {
        "one": "{count} аккаунт",
        "few": "{count} аккаунта",
        "many": "{count} аккаунтов",
        "other": "{count} аккаунта",
    },
    # Charts: "week of" in tooltips and the Vega-Lite locale (d3 time formats; lists are comma-separated,
    # weeks start on Sunday as d3 expects; "{amount}" marks where the number goes in a money value)
    "chart.week_of": "неделя с {date}",
    "chart.date_time_format": "%A, %e %B %Y г. %X",
    "chart.date_format": "%d.%m.%Y",
    "chart.time_format": "%H:%M:%S",
    "chart.am_pm": "AM, PM",
    "chart.days": "воскресенье, понедельник, вторник, среда, четверг, пятница, суббота",
    "chart.short_days": "вс, пн, вт, ср, чт, пт, сб",
    "chart.months": "январь, февраль, март, апрель, май, июнь, июль, август, сентябрь, октябрь, ноябрь, "
    "декабрь",
    "chart.short_months": "янв, фев, мар, апр, май, июн, июл, авг, сен, окт, ноя, дек",
    "chart.money_format": "{amount}\u00a0₽",
    # Overview, filters and shared widgets
    "ui.language": "Язык · Language",
    "ui.preparing_demo": "Готовим демо-пространство…",
    "ui.all_clients": "Все клиенты",
    "ui.all_networks": "Все соцсети",
    "ui.all_accounts": "Все аккаунты",
    "ui.all_specialists": "Все специалисты",
    "ui.dates": "Даты",
    "ui.dates_incomplete": "Выберите начало и конец периода. Сейчас показан: {period}",
    "ui.period_caption": "{workspace} · {period} · сравнение с {previous} ({days}) · валюта: {currency}",
    "ui.plan_line": "{attainment} плана ({plan})",
    "ui.missing_help": "«—»: источник не передаёт эти данные или показатель нельзя посчитать для "
    "выбранных фильтров. Это не ноль.",
    "ui.delta_help": "Изменение к прошлому периоду такой же длины ({previous}).",
    "ui.plan_fact": "План и факт",
    "ui.plan_fact_caption": "Цели из плана, пересчитанные на выбранный период. Зелёный — план выполнен, "
    "жёлтый — 80–99 %, красный — меньше 80 %.",
    "ui.kpi": "Показатель",
    "ui.dynamics": "Динамика",
    "ui.chart_metric": "Показатель на графике",
    "ui.chart_hint": "Нажмите на соцсеть в легенде, чтобы выделить её; колесо мыши или тачпад меняет "
    "масштаб по датам, двойной щелчок возвращает всё.",
    "ui.grain_coarsened": "Слишком много точек для графика по дням — показано {grain}.",
    "ui.by_network": "По соцсетям",
    "ui.bar_metric": "Сравнить соцсети по",
    "ui.network_table": "Ключевые показатели по соцсетям",
    "ui.channels": "Сравнение каналов",
    "ui.channels_caption": "Соцсети рядом с другими источниками трафика: сколько стоит визит, лид и "
    "продажа в каждом канале.",
    "ui.channel": "Канал",
    "ui.channel_cost": "Затраты",
    "ui.no_values_for": "Нет данных по показателю «{metric}»: {networks}.",
    "ui.no_networks": "В выбранных фильтрах нет соцсетей с данными.",
    "ui.scope_error": "Не получилось применить фильтры: {error}",
    # Welcome screen (empty database)
    "welcome.title": "Добро пожаловать в smmkpi",
    "welcome.body": "smmkpi показывает, работает ли ваш SMM: подписчики и охват, вовлечённость, "
    "ответы клиентам, переходы на сайт, заявки, продажи и сколько стоит каждый результат — по всем "
    "соцсетям и в сравнении с другими каналами.\n\nДанных пока нет. Посмотрите на демо-пространство "
    "с двумя вымышленными клиентами или загрузите свои выгрузки.",
    "welcome.load_demo": "Загрузить демо-пространство",
    "welcome.import": "Загрузить свои данные",
    # Import page
    "import.title": "Импорт данных",
    "import.intro": "Загрузите CSV-файлы (можно несколько сразу) или одну книгу Excel в формате smmkpi. "
    "Сначала нажмите «Проверить»: ничего не запишется, пока проверка не пройдёт без ошибок.",
    "import.template": "Скачать шаблон Excel",
    "import.template_help": "Книга с листами для каждого файла, заголовками столбцов и примерами.",
    "import.target": "Данные попадут в пространство «{workspace}».",
    "import.new_workspace": "Название нового пространства",
    "import.default_workspace": "Моя компания",
    # the uploader's own button says "Upload" in every language (Streamlit does not translate it)
    "import.files": "Файлы для импорта: перетащите их в поле ниже или нажмите «Upload»",
    "import.files_help": "accounts.csv, daily.csv, posts.csv, … или одна книга .xlsx с листами "
    "с такими же названиями.",
    "import.check": "Проверить",
    "import.run": "Импортировать",
    "import.run_help": "Станет доступно после проверки без ошибок.",
    "import.checked_ok": "Проверка пройдена: ошибок нет. Ниже — что изменится. Нажмите «Импортировать».",
    "import.done": "Готово: данные импортированы в «{workspace}». Отчёты уже учитывают их.",
    "import.problems": "Найдено ошибок: {count}. Ничего не записано — исправьте файлы и проверьте снова.",
    "import.unreadable": "Не удалось прочитать файлы: {error}",
    "import.file": "Файл",
    "import.line": "Строка",
    "import.column": "Столбец",
    "import.value": "Значение",
    "import.rule": "Что не так",
    "import.rows": "Строк",
    "import.inserted": "Новых",
    "import.updated": "Изменённых",
    "import.unchanged": "Без изменений",
    "import.created": "Будет создано: аккаунтов — {accounts}, клиентов — {clients}, специалистов — "
    "{specialists}.",
    "import.created_done": "Создано: аккаунтов — {accounts}, клиентов — {clients}, специалистов — "
    "{specialists}.",
    "import.preview": "Предпросмотр",
    "import.history": "История импорта",
    "import.history_empty": "В это пространство ещё ничего не импортировали.",
    "import.when": "Когда",
    "import.source": "Источник",
    "import.what": "Что загружено",
    "import.totals": "Файлов: {files} · строк: {rows} (новых {inserted}, изменённых {updated}, без изменений "
    "{unchanged})",
    "import.demo_source": "Демо-данные smmkpi",
    "import.format": "Формат файлов",
    "import.format_body": "Каждый файл — одна таблица с заголовком в первой строке: `accounts` "
    "(сообщества), `daily` (подписчики, охват, просмотры по дням), `posts` (публикации), "
    "`interactions` (комментарии и сообщения), `web` (визиты на сайт), `goals` и `goal_reaches` "
    "(цели и их достижения), `sales` (продажи), `costs` (затраты), `plan` (план по KPI), `rates` "
    "(курсы валют). Все файлы необязательны.\n\n"
    "- кодировка UTF-8, разделитель — запятая или точка с запятой;\n"
    "- даты `ГГГГ-ММ-ДД`, месяцы `ГГГГ-ММ`, время — ISO 8601 с часовым поясом;\n"
    "- пустая ячейка — «нет данных», а не ноль;\n"
    "- повторная загрузка тех же строк обновляет их, а не дублирует.\n\n"
    "Полное описание столбцов и правил — в файле `docs/import-format.md` репозитория.",
    # --- brief (issue 3) ---
    # --- analysis pages (issue 5) ---
    # --- trust (issue 6) ---
    # --- connections (issue 4) ---
}
