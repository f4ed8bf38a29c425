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
    "chart.partial_bucket": "неполный период: {period} ({days} из {total} дн.)",
    "chart.total": "Все соцсети",
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
    "ui.database_unreachable": "Не удаётся открыть базу данных {where}: {reason}. Проверьте, что сервер "
    "базы запущен и доступен, или укажите правильную базу в переменной окружения SMMKPI_DATABASE_URL "
    "(или в database_url раздела [smmkpi] файла .streamlit/secrets.toml) и перезапустите приложение.",
    "ui.all_clients": "Все клиенты",
    "ui.all_networks": "Все соцсети",
    "ui.all_accounts": "Все аккаунты",
    "ui.all_specialists": "Все специалисты",
    "ui.specialist_help": "Показатели аккаунтов, которые вёл специалист, за дни, когда он их вёл. Имя "
    "взято из e-mail, под которым специалист загружен.",
    "ui.dates": "Даты",
    "ui.dates_incomplete": "Выберите начало и конец периода. Сейчас показан: {period}",
    "ui.period_caption": "{workspace} · {period} · сравнение с {previous} ({days}) · валюта: {currency}",
    "ui.plan_line": "{attainment} плана ({plan})",
    "ui.plan_line_partial": "План {plan} · частичный",
    "ui.plan_partial_help": "План задан только для: {clients}. Процент выполнения не считается: план этих "
    "клиентов сравнивался бы с фактом всех. Выберите клиента в фильтре «Клиент».",
    "ui.show_total": "Сумма по соцсетям",
    "ui.show_total_help": "Добавить пунктирную линию — сумму всех соцсетей на графике.",
    "ui.plan_only_for": "План задан только для: {clients}. Выполнение плана не показано — план этих "
    "клиентов нельзя сравнивать с фактом всех клиентов.",
    "ui.plan_partial_hint": "Без плана: {unplanned}. Выберите клиента в фильтре «Клиент», чтобы увидеть "
    "план и факт по месяцам.",
    "ui.plan_by_month": "План и факт по месяцам",
    "ui.plan_by_month_help": "Цель каждого месяца, факт за этот месяц и процент выполнения. Если период "
    "захватывает месяц не целиком, цель пересчитана на его дни (в заголовке — какие). «—» — цели на "
    "месяц нет или факт не передан.",
    "ui.plan_target_help": "Цель из плана на этот месяц (для неполного месяца — пропорционально дням).",
    "ui.plan_fact_help": "Факт за дни этого месяца внутри выбранного периода.",
    "ui.plan_attainment_help": "Выполнение = факт / план. Для показателей, где меньше — лучше (цена "
    "клика, лида, продажи, подписчика, отток, время ответа), — план / факт. 100 % и больше — план "
    "выполнен.",
    "ui.missing_help": "«—»: источник не передаёт эти данные или показатель нельзя посчитать для "
    "выбранных фильтров. Это не ноль.",
    "ui.delta_help": "Изменение к прошлому периоду такой же длины ({previous}).",
    "ui.pp": "п.п.",
    "ui.delta_pp_help": "Изменение к прошлому периоду такой же длины ({previous}) в процентных пунктах: "
    "разница значений, например 4,0 % → 5,2 % = +1,2 п.п.",
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
    "с двумя вымышленными клиентами, загрузите свои выгрузки или подключите аккаунты — тогда smmkpi "
    "будет забирать цифры сам.",
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
    "welcome.connect": "Подключить аккаунты",
    # the uploader's own button says "Upload" in every language (Streamlit does not translate it)
    "import.files": "Файлы для импорта: перетащите их в поле ниже или нажмите «Upload»",
    "import.files_help": "accounts.csv, daily.csv, posts.csv, … или одна книга .xlsx с листами "
    "с такими же названиями.",
    "import.check": "Проверить",
    "import.run": "Импортировать",
    "import.run_help": "Станет доступно после проверки без ошибок.",
    "import.checked_ok": "Проверка пройдена: ошибок нет. Ниже — что изменится. Нажмите «Импортировать».",
    "import.done": "Готово: данные импортированы в «{workspace}». Отчёты уже учитывают их.",
    "import.problems": {
        "one": "Найдена {count} ошибка. Ничего не записано — исправьте файлы и проверьте снова.",
        "few": "Найдены {count} ошибки. Ничего не записано — исправьте файлы и проверьте снова.",
        "many": "Найдено {count} ошибок. Ничего не записано — исправьте файлы и проверьте снова.",
        "other": "Найдено ошибок: {count}. Ничего не записано — исправьте файлы и проверьте снова.",
    },
    "import.problems_first": "Ниже — первые {shown}; исправьте их и проверьте снова, чтобы увидеть остальные.",
    "import.status_check": "Проверяем файлы…",
    "import.status_write": "Импортируем…",
    "import.step_read": {
        "one": "Читаем {count} файл…",
        "few": "Читаем {count} файла…",
        "many": "Читаем {count} файлов…",
        "other": "Читаем {count} файла…",
    },
    "import.step_check": "Проверяем строки по правилам формата…",
    "import.step_write": "Проверяем строки и записываем их одной транзакцией…",
    "import.step_trust": "Перепроверяем накрутки у изменённых аккаунтов…",
    "import.step_nothing_changed": "Ничего не изменилось — отчёты и проверки накруток остались как были.",
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
    "brief.title": "SMM-бриф",
    "brief.intro": "Пошаговый бриф, который агентство заполняет вместе с клиентом (или руководитель — до найма "
    "специалиста). Ответы сохраняются сами; на последнем шаге smmkpi предлагает помесячный KPI-план.",
    "brief.empty": "Брифов пока нет. Нажмите «Новый бриф», чтобы начать.",
    "brief.pick": "Бриф",
    "brief.no_client": "Без клиента",
    "brief.default_title": "SMM-бриф",
    "brief.status.draft": "черновик, шаг {step} из {total}",
    "brief.status.completed": "план сохранён, версия {version}",
    "brief.new": "Новый бриф",
    "brief.new_client": "Клиент (компания)",
    "brief.new_client_help": "Выберите клиента из пространства или впишите нового.",
    "brief.create": "Создать бриф",
    "brief.created": "Бриф создан. Начните с шага «Бизнес».",
    "brief.duplicate": "Копия",
    "brief.duplicate_caption": "Ответы этого брифа станут черновиком для другого клиента; план для него "
    "рассчитается заново.",
    "brief.duplicate_client": "Для какого клиента",
    "brief.duplicate_run": "Создать копию",
    "brief.duplicated": "Готово: копия брифа для «{client}». Проверьте ответы — они взяты из исходного брифа.",
    "brief.delete": "Удалить",
    "brief.delete_warning": "Бриф «{title}» и все его версии плана будут удалены. Цели, уже записанные в план "
    "клиента, останутся. Отменить удаление нельзя.",
    "brief.delete_run": "Да, удалить бриф",
    "brief.deleted": "Бриф удалён.",
    "brief.client_required": "Укажите клиента.",
    "brief.multi_placeholder": "Выберите один или несколько",
    "brief.company_placeholder": "Выберите или впишите название",
    "brief.local_user": "локальный пользователь",
    "brief.progress": "Шаг {step} из {total} · {title}",
    "brief.steps": "Шаги брифа",
    "brief.back": "Назад",
    "brief.next": "Далее",
    "brief.autosaved": "Ответы сохраняются автоматически. Можно закрыть вкладку и вернуться позже.",
    "brief.step.business": "Бизнес",
    "brief.step.why": "Зачем соцсети",
    "brief.step.audience": "Аудитория и соцсети",
    "brief.step.goals": "Цели на сайте",
    "brief.step.resources": "Ресурсы и бюджет",
    "brief.step.reports": "Отчёты",
    "brief.step.plan": "KPI-план",
    "brief.step_intro.business": "Кто клиент и как он зарабатывает: от этого зависят цели и цена результата.",
    "brief.step_intro.why": "Вопросы, на которые должен отвечать любой SMM-бриф. Под каждым ответом — что он "
    "означает для плана.",
    "brief.step_intro.audience": "Для кого ведём соцсети и где. Аккаунты из пространства подтянут данные для "
    "расчёта плана.",
    "brief.step_intro.goals": "Какие действия на сайте считаем результатом SMM. Идентификаторы целей "
    "Яндекс Метрики и GA4 помогут сверить данные.",
    "brief.step_intro.resources": "Сколько денег и людей есть в месяц. Рекламный бюджет влияет на рост охвата, "
    "весь бюджет — на цену визита, лида и продажи.",
    "brief.step_intro.reports": "Какие отчёты и как часто хочет видеть клиент.",
    "brief.step_intro.plan": "smmkpi предлагает цели по месяцам: от показателей клиента за последние 90 дней, "
    "бюджета и целей брифа. Таблицу можно править; сохранённый план появится в «Обзоре» как план и факт.",
    "brief.q.company": "Компания (клиент)",
    "brief.q.product": "Продукт или услуга",
    "brief.q.site_sells": "Что продаёт сайт",
    "brief.q.average_order_value": "Средний чек, ₽",
    "brief.q.margin_percent": "Маржинальность, %",
    "brief.q.sales_cycle": "Сколько обычно длится сделка",
    "brief.q.sales_channels": "Где сейчас происходят продажи",
    "brief.q.smm_outcome": "Что должно происходить в соцсетях",
    "brief.q.impact": "На что в компании должны повлиять соцсети",
    "brief.q.bought_in_social": "Клиент сам покупал что-нибудь через соцсети?",
    "brief.q.why_social": "Почему соцсети, а не контекстная или баннерная реклама",
    "brief.q.why_social_comment": "Комментарий: что уже пробовали и что получилось",
    "brief.q.audience": "Целевая аудитория",
    "brief.q.regions": "Регионы",
    "brief.q.networks": "Соцсети",
    "brief.q.accounts": "Аккаунты, которые уже есть в smmkpi",
    "brief.q.other_accounts": "Другие аккаунты (ссылки)",
    "brief.q.competitors": "Конкуренты, за которыми следим (ссылки)",
    "brief.q.goals": "Какие цели на сайте считаем результатом",
    "brief.q.attribution": "Как продажи связываются с соцсетями",
    "brief.q.budget_ads": "Реклама, ₽ в месяц",
    "brief.q.budget_fee": "Специалист или агентство, ₽ в месяц",
    "brief.q.budget_production": "Производство контента, ₽ в месяц",
    "brief.q.responder": "Кто отвечает на комментарии и сообщения",
    "brief.q.response_minutes": "Как быстро нужно отвечать",
    "brief.q.report_frequency": "Как часто нужен отчёт",
    "brief.q.report_kpis": "Какие показатели в отчёте",
    "brief.q.report_formats": "Формат отчёта",
    "brief.q.report_recipients": "Кто получает отчёт (e-mail)",
    "brief.q.plan_start": "Первый месяц плана",
    "brief.q.plan_months": "На сколько месяцев",
    "brief.help.company": "Название клиента так, как оно записано в пространстве: тогда план свяжется с его "
    "данными и появится в «Обзоре».",
    "brief.help.site_sells": "Например: «кухни на заказ», «запись на стрижку», «зерновой кофе с доставкой».",
    "brief.help.average_order_value": "Нужен, чтобы посчитать ROMI по плану.",
    "brief.help.margin_percent": "Доля прибыли в выручке. Покажет, с какого ROMI SMM окупается.",
    "brief.help.smm_outcome": "Своими словами: что люди должны делать, увидев публикации.",
    "brief.help.accounts": "Аккаунты, данные которых уже загружены или подключены. Нет нужного — загрузите "
    "данные на странице «Импорт».",
    "brief.help.goals": "По строке на цель. Тип обязателен: по нему считаются лиды. Id цели — из Яндекс "
    "Метрики или GA4, если известен; для посещения страниц — адреса страниц.",
    "brief.help.budget_ads": "Продвижение публикаций и таргет внутри соцсетей (VK Реклама, Meta Ads и т. п.).",
    "brief.help.response_minutes": "Обещание клиентам. План по времени ответа не будет хуже того, что есть сейчас.",
    "brief.option.sales_cycle.same_day": "В тот же день",
    "brief.option.sales_cycle.days": "Несколько дней",
    "brief.option.sales_cycle.weeks": "Недели",
    "brief.option.sales_cycle.months": "Месяцы",
    "brief.option.sales_channels.site": "Сайт",
    "brief.option.sales_channels.phone": "Телефон",
    "brief.option.sales_channels.messenger": "Мессенджеры",
    "brief.option.sales_channels.marketplace": "Маркетплейсы",
    "brief.option.sales_channels.offline": "Офлайн-точки",
    "brief.option.impact.sales": "Продажи",
    "brief.option.impact.leads": "Заявки",
    "brief.option.impact.awareness": "Узнаваемость",
    "brief.option.impact.support": "Разгрузить поддержку",
    "brief.option.impact.hiring": "Найм",
    "brief.option.bought_in_social.yes": "Да",
    "brief.option.bought_in_social.no": "Нет",
    "brief.option.bought_in_social.not_sure": "Не помнит",
    "brief.option.why_social.audience_there": "Аудитория сидит в соцсетях",
    "brief.option.why_social.trust": "Нужно доверие и отзывы",
    "brief.option.why_social.cheaper_than_ads": "Надеемся, что дешевле рекламы",
    "brief.option.why_social.ads_not_working": "Реклама не сработала",
    "brief.option.why_social.support_channel": "Клиенты пишут туда с вопросами",
    "brief.option.why_social.everyone_does": "У конкурентов есть",
    "brief.option.attribution.utm_last_click": "UTM-метки, последний клик",
    "brief.option.attribution.first_click": "Первый клик",
    "brief.option.attribution.promo_code": "Промокоды",
    "brief.option.attribution.crm": "Источник в CRM",
    "brief.option.attribution.not_tracked": "Пока никак",
    "brief.option.responder.specialist": "SMM-специалист",
    "brief.option.responder.client_team": "Сотрудники клиента",
    "brief.option.responder.agency": "Агентство",
    "brief.option.responder.nobody": "Никто",
    "brief.option.report_frequency.weekly": "Раз в неделю",
    "brief.option.report_frequency.monthly": "Раз в месяц",
    "brief.option.report_formats.pdf": "PDF",
    "brief.option.report_formats.xlsx": "Excel (XLSX)",
    "brief.consequence.sales_cycle.same_day": "Короткая сделка: продажи из соцсетей видны в том же месяце, "
    "план по продажам и ROMI можно проверять помесячно.",
    "brief.consequence.sales_cycle.days": "Сделка за несколько дней: итоги месяца почти полностью видны к его "
    "концу.",
    "brief.consequence.sales_cycle.weeks": "Сделка длится неделями: продажи отстают от охвата и заявок на "
    "месяц. Главные KPI первых месяцев — заявки и цена лида.",
    "brief.consequence.sales_cycle.months": "Долгая сделка: продажи из соцсетей станут видны через несколько "
    "месяцев. Оценивайте SMM по заявкам и их цене, ROMI — не раньше чем через квартал.",
    "brief.consequence.impact.sales": "В плане будут продажи, цена продажи и ROMI. Нужна сквозная связь "
    "продаж с соцсетями (шаг «Цели»).",
    "brief.consequence.impact.leads": "Главные KPI — заявки по типам целей и цена лида. Цели сайта нужно "
    "настроить и передать в smmkpi.",
    "brief.consequence.impact.awareness": "Узнаваемость измеряем охватом, приростом подписчиков и "
    "вовлечённостью, а не продажами. Ждать быстрых продаж не стоит.",
    "brief.consequence.impact.support": "Важны доля отвеченных обращений и время ответа: они войдут в план. "
    "Нужен человек, который отвечает быстро.",
    "brief.consequence.impact.hiring": "Соцсети работают на HR-бренд: считайте отклики на вакансии отдельной "
    "целью (тип «Другое»).",
    "brief.consequence.bought_in_social.yes": "Клиент понимает, как покупают в соцсетях, — проще согласовать "
    "контент и цели по продажам.",
    "brief.consequence.bought_in_social.no": "Клиент сам не покупал через соцсети: ожидания от продаж стоит "
    "проверить на небольшом бюджете. Первые 2–3 месяца — тест, а не окупаемость.",
    "brief.consequence.bought_in_social.not_sure": "Стоит вместе посмотреть, как покупают у конкурентов, и "
    "договориться, что считается успехом.",
    "brief.consequence.why_social.audience_there": "Хорошая причина: проверим её по охвату и вовлечённости "
    "в первые месяцы.",
    "brief.consequence.why_social.trust": "Доверие растёт медленно: важны регулярный контент, отзывы и ответы. "
    "Продажи подтянутся позже.",
    "brief.consequence.why_social.cheaper_than_ads": "Это можно проверить: smmkpi сравнит цену визита, лида и "
    "продажи из соцсетей с Яндекс Директом и баннерами на странице «Обзор».",
    "brief.consequence.why_social.ads_not_working": "Выясните почему: если не работает сайт или офер, соцсети "
    "упрутся в то же. Сравнивайте конверсию сайта по каналам.",
    "brief.consequence.why_social.support_channel": "Соцсети становятся каналом поддержки: в план войдут доля "
    "ответов и время ответа.",
    "brief.consequence.why_social.everyone_does": "«Потому что у всех есть» — не цель. Договоритесь об измеримом "
    "результате, иначе через три месяца будет непонятно, работает ли SMM.",
    "brief.consequence.attribution.utm_last_click": "Ставьте UTM-метки на все ссылки из соцсетей: иначе визиты "
    "и заявки уйдут в «прямые заходы».",
    "brief.consequence.attribution.first_click": "Первый клик отдаёт соцсетям больше заслуг, чем последний: "
    "сравнивайте каналы по одной модели.",
    "brief.consequence.attribution.promo_code": "Промокоды видно только при покупке: заявки без промокода "
    "соцсетям не засчитаются.",
    "brief.consequence.attribution.crm": "Лучший вариант: источник сделки из CRM можно выгружать в smmkpi как "
    "продажи по каналам.",
    "brief.consequence.attribution.not_tracked": "Без связи продаж с соцсетями цена продажи и ROMI будут «—». "
    "Начните хотя бы с UTM-меток.",
    "brief.consequence.responder.specialist": "Время ответа и доля отвеченных войдут в KPI специалиста.",
    "brief.consequence.responder.client_team": "Ответы за сотрудниками клиента: KPI по ответам — их "
    "зона ответственности, а не SMM-специалиста.",
    "brief.consequence.responder.agency": "Время ответа и доля отвеченных войдут в KPI агентства.",
    "brief.consequence.responder.nobody": "Вопросы без ответа — потерянные заявки и плохие отзывы. Назначьте "
    "ответственного; пока его нет, цели по ответам в план не войдут.",
    "brief.goal.name": "Цель",
    "brief.goal.type": "Тип",
    "brief.goal.metrica_id": "Id в Метрике",
    "brief.goal.ga4_id": "Событие GA4",
    "brief.goal.pages": "Страницы",
    "brief.goals_from_data": "Взять цели из данных клиента ({count})",
    "brief.goals_from_data_help": "Цели, которые уже загружены в smmkpi для этого клиента.",
    "brief.no_accounts": "У клиента пока нет аккаунтов в smmkpi. Загрузите данные на странице «Импорт» — "
    "или перечислите аккаунты ссылками ниже.",
    "brief.budget_total": "Всего в месяц: **{total}**",
    "brief.budget_none": "Бюджет не указан: план не сможет предложить цену визита, лида и продажи.",
    "brief.budget_part.ads": "Реклама",
    "brief.budget_part.fee": "Специалист или агентство",
    "brief.budget_part.production": "Контент",
    "brief.budget_share": "Доля",
    "brief.budget_amount": "Сумма",
    "brief.baseline_title": "Исходные данные — {client}, {period}",
    "brief.baseline_none": "Данных по этому клиенту за последние 90 дней нет: цели будут посчитаны от бюджета "
    "и средних по рынку. Уточните их после первого месяца работы.",
    "brief.per_month": "в месяц",
    "brief.propose": "Предложить план",
    "brief.repropose": "Пересчитать предложение",
    "brief.repropose_warning": "Таблица заполнится заново по текущим ответам и данным. Ваши правки в ней "
    "пропадут (сохранённые версии плана останутся).",
    "brief.repropose_run": "Пересчитать",
    "brief.plan_empty_hint": "Выберите месяцы и нажмите «Предложить план».",
    "brief.plan_months_changed": "Месяцы плана изменились. Нажмите «Пересчитать предложение», чтобы таблица "
    "их учла.",
    "brief.plan_table_caption": "Цели по месяцам. Доли — в процентах (3,5 = 3,5 %). Пустая ячейка — без цели. "
    "Можно добавить строку с любым показателем или соцсетью.",
    "brief.column.kpi": "Показатель",
    "brief.column.kpi_help": "Как считается каждый KPI — в блоке «Формулы KPI» под таблицей.",
    "brief.formulas": "Формулы KPI",
    "brief.column.scope": "Где",
    "brief.column.unit": "Ед.",
    "brief.column.why": "Почему так",
    "brief.scope.all": "Все соцсети",
    "brief.unit.count": "шт.",
    "brief.unit.posts_month": "в месяц",
    "brief.posts_per_week": "Постов в неделю ({scope}): {weeks}. В таблице — постов в месяц, как план их "
    "хранит.",
    "brief.notes_title": "Не вошло в план",
    "brief.chart_kpi": "Показатель на графике",
    "brief.chart_now": "сейчас",
    "brief.chart_target": "План",
    "brief.chart_month": "Месяц",
    "brief.save_plan": "Сохранить план",
    "brief.save_help": "План клиента заменится с первого месяца этой таблицы; прошлые месяцы останутся как есть.",
    "brief.confirm_replace": "В плане клиента «{client}» начиная с месяца «{month}» уже есть цели. Изменятся: "
    "{changed}, удалятся: {cleared} (их нет в этой таблице). Цели прошлых месяцев останутся. Сохранить?",
    "brief.confirm_yes": "Да, сохранить",
    "brief.confirm_no": "Отмена",
    "brief.saved": "План сохранён как версия {version}: целей — {rows}. «Обзор» уже показывает план и факт.",
    "brief.to_overview": "Открыть «Обзор»",
    "brief.versions": "Сохранённые версии плана",
    "brief.no_versions": "План ещё не сохраняли.",
    "brief.version": "Версия",
    "brief.saved_at": "Сохранена",
    "brief.saved_by": "Кем",
    "brief.months": "Месяцы",
    "brief.targets": "Целей",
    "brief.download_version": "Скачать plan.csv",
    "brief.download_help": "Файл в формате smmkpi: его можно загрузить на странице «Импорт» в другое "
    "пространство.",
    "brief.export_title": "Документ для согласования",
    "brief.export_caption": "Ответы брифа и KPI-план одним файлом, чтобы отправить клиенту на подпись.",
    "brief.export_lang": "Язык документа",
    "brief.problems_title": "Перед тем как идти дальше, исправьте:",
    "brief.problem.company_missing": "Не указана компания. Выберите клиента или впишите название.",
    "brief.problem.negative": "«{field}» не может быть меньше нуля.",
    "brief.problem.margin_range": "Маржинальность {value} % — должна быть от 0 до 100 %.",
    "brief.problem.goal_without_type": "У цели «{goal}» не выбран тип. Выберите: звонок, сообщение, "
    "консультация, заявка, посещение страницы, продажа или другое.",
    "brief.problem.goal_unknown_type": "У цели «{goal}» неизвестный тип «{type}».",
    "brief.problem.goal_without_name": "У цели в строке {number} нет названия.",
    "brief.problem.negative_budget": "«{field}»: {value} — бюджет не может быть отрицательным.",
    "brief.problem.bad_email": "Это не адрес электронной почты: {bad}. Напишите адреса в виде "
    "name@company.ru через запятую.",
    "brief.problem.plan_month_past": "{month} уже прошёл: план ставят на текущий и будущие месяцы.",
    "brief.problem.plan_months_range": "План — на срок от {min} до {max} месяцев.",
    "brief.problem.plan_empty": "В таблице нет ни одной цели.",
    "brief.problem.plan_unknown_kpi": "Неизвестный показатель «{kpi}».",
    "brief.problem.plan_unknown_scope": "Неизвестная соцсеть «{scope}».",
    "brief.problem.plan_negative": "{kpi}, {month}: цель не может быть отрицательной.",
    "brief.problem.plan_share_over_100": "{kpi}, {month}: доля не может быть больше 100 %.",
    "brief.problem.plan_duplicate": "{kpi}, {month}: цель указана дважды для одной соцсети.",
    "brief.size.small": "небольшое сообщество, до 10\u00a0000 подписчиков",
    "brief.size.medium": "сообщество на 10–100 тыс. подписчиков",
    "brief.size.large": "крупное сообщество, от 100\u00a0000 подписчиков",
    "brief.size.unknown": "число подписчиков неизвестно",
    "brief.why.now_monthly": "Сейчас {value} в месяц (в среднем за {period}).",
    "brief.why.now_level": "Сейчас {value} (за {period}).",
    "brief.why.growth_new_ads": "Рост {rate} в месяц: {organic} — органический ({size}), ещё {ads} — реклама "
    "на {ad_budget} в месяц.",
    "brief.why.growth_organic": "Рост {rate} в месяц — органический ({size}).",
    "brief.why.growth_more_ads": "Рост {rate} в месяц: {organic} — органический ({size}) и {ads} — реклама: "
    "{ad_budget} в месяц вместо нынешних {current}.",
    "brief.why.growth_less_ads": "{rate} в месяц: органический рост {organic} ({size}) минус {ads}, потому что "
    "на рекламу пойдёт {ad_budget} в месяц вместо нынешних {current}.",
    "brief.why.growth_same_ads": "Рекламный бюджет {ad_budget} в месяц — примерно как сейчас, поэтому рост "
    "{rate} в месяц только органический ({size}).",
    "brief.why.reach_from_budget": "Данных об охвате нет: {ad_budget} на рекламу в месяц — это около {reach} "
    "охвата при ~{cpm} за 1\u00a0000 человек (средняя цена, уточните после первого месяца).",
    "brief.why.grows_with_reach": "Растёт вместе с охватом: {rate} в месяц при нынешних конверсиях.",
    "brief.why.grows_with_sessions": "Растёт вместе с визитами на сайт: {rate} в месяц, конверсия сайта — как "
    "сейчас.",
    "brief.why.followers_shrinking": "Сейчас сообщество теряет подписчиков ({value} в месяц). Цель — снова "
    "расти хотя бы на {rate} в месяц.",
    "brief.why.followers_benchmark": "Данных о подписчиках нет. Ориентир — новых подписчиков на 1\u00a0000 "
    "охвата: {per}.",
    "brief.why.posts_now": "Публикаций в неделю сейчас: {now}; по плану — {plan} (в месяце — по числу его "
    "недель).",
    "brief.why.posts_benchmark": "Данных о публикациях нет: по плану {plan} в неделю — минимум, чтобы лента "
    "не затихала.",
    "brief.why.err_hold": "Цель — удержать этот уровень.",
    "brief.why.err_hold_ads": "Цель — удержать уровень: охват растёт за счёт рекламы, а рекламный охват "
    "обычно вовлекается хуже.",
    "brief.why.benchmark": "Данных нет — ориентир по рынку: {kpi} {value}. Уточните после первого месяца.",
    "brief.why.response_rate_target": "Цель — {target}: на всё ответить не получится (спам, боты), поэтому "
    "потолок — {cap}.",
    "brief.why.response_promised": "В брифе обещано отвечать за {promised}.",
    "brief.why.lower_is_better": "Чем меньше, тем лучше: выполнение плана = план / факт.",
    "brief.why.from_reach": "Данных о переходах нет: {kpi} {value} от охвата — средний ориентир.",
    "brief.why.from_clicks": "Данных о визитах нет: до сайта обычно доходит около {value} переходов.",
    "brief.why.goal_benchmark": "Данных по цели нет: ориентир — {value} от визитов на сайт.",
    "brief.why.leads_sum": "Лиды — сумма целей плана: {parts}.",
    "brief.why.orders_benchmark": "Данных о продажах нет: ориентир — {value} визитов заканчиваются покупкой.",
    "brief.why.cost_per": "Бюджет {budget} в месяц / план «{volume_kpi}» ({volume} в первом месяце) = {value}.",
    "brief.why.cost_per_now": "Сейчас — {value}.",
    "brief.why.cost_per_now_worse": "Сейчас — {value}: по плану дороже, потому что бюджет растёт быстрее "
    "результата. Проверьте бюджет и цели.",
    "brief.why.romi": "Выручка первого месяца {revenue} (продаж: {orders} × средний чек {aov}) против "
    "бюджета {budget}.",
    "brief.why.romi_breakeven": "При марже {margin} SMM окупается, когда ROMI выше {breakeven}.",
    "brief.why.note_no_reach": "Охват: нет ни данных, ни рекламного бюджета — поставьте цель вручную.",
    "brief.why.note_nobody_answers": "Отвечать на комментарии и сообщения некому — цели по ответам не ставим. "
    "Назначьте ответственного на шаге «Ресурсы и бюджет».",
    "brief.why.note_no_goals": "Цели на сайте не выбраны (шаг «Цели на сайте») — лиды по типам не планируем.",
    "brief.why.note_no_goal_basis": "{kpi}: нет ни данных, ни плана визитов — поставьте цель вручную.",
    "brief.why.note_no_budget": "Бюджет не указан — цену визита, лида, продажи и ROMI не планируем.",
    "brief.why.note_romi_negative": "ROMI по плану — {romi}: выручка пока не покрывает бюджет, поэтому цель по "
    "ROMI не ставим. Следите за ценой продажи.",
    "brief.why.romi_below_breakeven": "ROMI по плану — {romi}, а при марже {margin} SMM окупается "
    "только с ROMI выше {breakeven}: маржа с продаж не покрывает бюджет, SMM работает в убыток. Поднимите "
    "средний чек или конверсию либо уменьшите бюджет.",
    "brief.why.note_no_aov": "Средний чек не указан (шаг «Бизнес») и продаж в данных нет — ROMI не планируем.",
    "brief.doc.title": "SMM-бриф: {client}",
    "brief.doc.subtitle": "{title} · пространство «{workspace}» · подготовлен {date}",
    "brief.doc.not_answered": "—",
    "brief.doc.budget_total": "Бюджет в месяц, всего",
    "brief.doc.plan_basis": "Исходные данные: {period}",
    "brief.doc.plan_no_basis": "Исходные данные: данных по клиенту нет, цели посчитаны от бюджета и средних "
    "по рынку.",
    "brief.doc.plan_version": "Версия плана {version} от {date}, сохранил(а): {who}.",
    "brief.doc.plan_draft": "Черновик плана — ещё не сохранён.",
    "brief.doc.plan_none": "План ещё не составлен.",
    "brief.doc.reasons": "Почему такие цели",
    "brief.doc.sign_off": "Согласовано",
    "brief.doc.customer": "Заказчик",
    "brief.doc.contractor": "Исполнитель",
    "brief.doc.signature": "подпись, дата",
    "brief.doc.lower_is_better": "Для цены визита, лида, продажи и времени ответа меньше — лучше.",
    # --- analysis pages (issue 5) ---
    "analysis.csv": "Скачать CSV",
    "analysis.csv_help": "Скачать эти данные в CSV для Excel (разделитель «;», десятичная запятая). Картинку "
    "графика можно сохранить из меню самого графика: наведите на него и нажмите «Download as PNG».",
    "analysis.go_import": "Загрузить данные",
    "analysis.go_connect": "Подключить аккаунты",
    "analysis.loading": "Считаем показатели за {period}… На большом пространстве первый расчёт занимает "
    "до полуминуты, дальше страница открывается сразу.",
    "analysis.grain_coarsened": "Показано {grain}: по дням лидов и продаж слишком мало, чтобы цена что-то "
    "значила, а точек было бы слишком много.",
    "analysis.grain_week": "по неделям",
    "analysis.grain_month": "по месяцам",
    "analysis.all_networks": "все соцсети",
    "analysis.total": "Все соцсети",
    "analysis.smm": "SMM — все соцсети",
    # Goal funnel
    "funnel.intro": "Путь клиента от охвата до выручки: сколько людей увидели посты, перешли на сайт, "
    "оставили заявку и купили. Между шагами — конверсия, рядом — прошлый период и план.",
    "funnel.empty": "Для воронки пока нет данных: за этот период нет ни охвата, ни переходов, ни визитов "
    "на сайт, ни целей, ни продаж.",
    "funnel.empty_files": "Что загрузить:\n"
    "- `daily.csv` — охват и переходы по ссылкам по дням;\n"
    "- `web.csv` — визиты на сайт из соцсетей (из Яндекс Метрики или GA4);\n"
    "- `goals.csv` и `goal_reaches.csv` — цели (звонки, сообщения, консультации, заявки) и их достижения;\n"
    "- `sales.csv` — продажи и выручка по каналам.\n\n"
    "Если данные уже загружены, выберите другой период.",
    "funnel.step_reach": "Охват",
    "funnel.step_link_clicks": "Переходы по ссылкам",
    "funnel.step_sessions": "Визиты на сайт",
    "funnel.step_goal": "Лиды",
    "funnel.step_orders": "Продажи",
    "funnel.step_revenue": "Выручка",
    "funnel.conv_ctr": "CTR",
    "funnel.conv_click_to_session": "Дошли до сайта",
    "funnel.conv_conversion_rate": "Конверсия в лид",
    "funnel.conv_goal_rate": "Конверсия в цель",
    "funnel.conv_goal_to_order": "Из лида в продажу",
    "funnel.conv_goal_to_order_typed": "Из цели в продажу",
    "funnel.conv_orders_per_goal": "Продаж на лид",
    "funnel.conv_orders_per_goal_typed": "Продаж на цель",
    "funnel.per_lead_value": "{value} на лид",
    "funnel.per_goal_value": "{value} на цель",
    "funnel.note_per_goal": "Продаж больше, чем шаг «{goal}»: не все продажи приходят через отслеживаемые цели "
    "(заказ по телефону без цели, покупка в магазине). Поэтому вместо конверсии показано, сколько продаж "
    "приходится на одну цель — {value}, и этот шаг не участвует в поиске утечки.",
    "funnel.conv_help_goal_rate": "Достижения выбранной цели / визиты на сайт",
    "funnel.conv_help_goal_to_order": "Продажи / лиды (с выбранной целью — / достижения этой цели)",
    "funnel.conv_help_orders_per_goal": "Продажи / лиды или цели, когда продаж больше: не конверсия, а число "
    "продаж на одну цель",
    "funnel.conv_help_order_value": "Выручка / продажи",
    "funnel.conv_order_value": "Средний чек",
    "funnel.goal_call": "Звонки",
    "funnel.goal_message": "Сообщения",
    "funnel.goal_consultation": "Консультации",
    "funnel.goal_form": "Заявки",
    "funnel.goal_page_visit": "Просмотры страниц",
    "funnel.goal_sale": "Продажи (цель)",
    "funnel.goal_other": "Другие цели",
    "funnel.goal_untyped": "Цели без типа",
    "funnel.focus_network": "Соцсеть",
    "funnel.focus_goal": "Цель в воронке",
    "funnel.focus_help": "Выберите соцсеть (или нажмите на её столбик в блоке «Воронка по соцсетям») — "
    "воронка, план и прошлый период пересчитаются только по ней. Нажмите ещё раз, чтобы снять выбор.",
    "funnel.goal_help": "По умолчанию шаг «Лиды» — звонки, сообщения, консультации и заявки вместе. "
    "Выберите одну цель, чтобы увидеть воронку до неё.",
    "funnel.chart_title": "Воронка: {scope}",
    "funnel.chart_hint": "Длина столбцов — в логарифмическом масштабе, чтобы были видны и маленькие шаги. "
    "Рядом с числом — конверсия из предыдущего шага; наведите на столбик, чтобы сравнить с планом и "
    "прошлым периодом.",
    "funnel.col_step": "Шаг",
    "funnel.col_value": "Факт",
    "funnel.col_previous": "Прошлый период",
    "funnel.col_change": "Изменение",
    "funnel.col_plan": "План",
    "funnel.col_conversion_name": "Конверсия",
    "funnel.col_conversion": "Конверсия: факт",
    "funnel.col_conversion_previous": "Конверсия: прошлый период",
    "funnel.col_conversion_plan": "Конверсия: план",
    "funnel.col_goal_type": "Тип цели",
    "funnel.leak_title": "Где воронка теряет больше всего",
    "funnel.leak_plan": "Слабее всего шаг «{earlier} → {later}»: конверсия {value} при плане {reference} — "
    "это {score} плана.",
    "funnel.leak_previous": "Сильнее всего просел шаг «{earlier} → {later}»: конверсия {value} против "
    "{reference} в прошлом периоде ({score}).",
    "funnel.note_more_visits": "Визитов на сайт больше, чем переходов по ссылкам: часть визитов из соцсетей "
    "приходит не по ссылкам в постах (из профиля, сторис, мессенджеров) или из сетей, которые не считают "
    "переходы.",
    "funnel.leak_none": "Явной утечки нет: все конверсии не ниже 95 % плана и не упали больше чем на 5 % "
    "к прошлому периоду.",
    "funnel.leak_unknown": "Данных мало: конверсии между шагами не посчитать.",
    "funnel.by_network": "Воронка по соцсетям",
    "funnel.click_hint": "Нажмите на столбик, чтобы сфокусировать страницу на этой соцсети; двойной щелчок "
    "снимает выбор.",
    "funnel.note_no_web": "Нет данных о визитах на сайт: {networks}. Шаги после перехода по ссылке для них "
    "показаны как «—». Подключите Яндекс Метрику или GA4 (с UTM-метками) или загрузите web.csv.",
    "funnel.note_no_reach": "Охват не передаётся: {networks}. Воронка для них начинается с визитов на сайт.",
    "funnel.note_untyped": "Ещё {count} достижений целей без типа: они входят в «Достижения целей», но не в "
    "лиды. Укажите тип цели в goals.csv.",
    "funnel.goal_types": "Цели по типам",
    "funnel.completions": "Достижения",
    "funnel.goal_types_caption": "Лиды — это звонки, сообщения, консультации и заявки. Просмотры страниц и "
    "продажи по целям в лиды не входят. Нажмите на столбик, чтобы поставить эту цель в воронку.",
    "funnel.no_goals": "Цели не переданы: загрузите goals.csv и goal_reaches.csv или подключите Яндекс "
    "Метрику / GA4.",
    # Money
    "money.intro": "Окупается ли SMM и дешевле ли он контекстной и баннерной рекламы: цена визита, лида и "
    "продажи по каналам, из чего складываются затраты и как менялись цены.",
    "money.empty": "Затрат пока нет — цену визита, лида и продажи не посчитать.",
    "money.empty_files": "Что загрузить:\n"
    "- `costs.csv` — затраты по каналам и статьям: реклама, оплата агентства или специалиста, зарплата, "
    "производство контента, сервисы (оплату за месяц можно внести одной строкой с `date_to`);\n"
    "- `web.csv`, `goal_reaches.csv`, `sales.csv` — визиты, лиды и продажи по каналам: без них не на что "
    "делить затраты.\n\n"
    "Если затраты уже загружены, выберите другой период.",
    "money.why": "Почему такой вывод",
    "money.smm": "SMM",
    "money.basis_cps": "цене продажи",
    "money.basis_cpl": "цене лида",
    "money.basis_cpc": "цене визита на сайт",
    "money.basis_name_cps": "цена продажи",
    "money.basis_name_cpl": "цена лида",
    "money.basis_name_cpc": "цена визита",
    "money.count_orders": {
        "one": "{count} продажа",
        "few": "{count} продажи",
        "many": "{count} продаж",
        "other": "{count} продажи",
    },
    "money.count_leads": {
        "one": "{count} лид",
        "few": "{count} лида",
        "many": "{count} лидов",
        "other": "{count} лида",
    },
    "money.count_sessions": {
        "one": "{count} визит",
        "few": "{count} визита",
        "many": "{count} визитов",
        "other": "{count} визита",
    },
    "money.times": "в {factor} раза",
    "money.percent": "на {percent}",
    "money.verdict_smm_cheapest": "По {basis} SMM дешевле всех платных каналов, с которыми его можно "
    "сравнить: {smm}.",
    "money.verdict_smm_dearest": "По {basis} SMM дороже всех платных каналов, с которыми его можно "
    "сравнить: {smm}.",
    "money.verdict_smm_similar": "По {basis} SMM обходится примерно так же, как другие платные каналы: {smm}.",
    "money.verdict_smm_mixed": "По {basis} SMM ({smm}) {parts}.",
    "money.part_cheaper": "дешевле, чем {channels}",
    "money.part_dearer": "дороже, чем {channels}",
    "money.part_similar": "примерно как {channels}",
    "money.verdict_no_other_channels": "SMM: {smm} по {basis} ({smm_results}). Других платных каналов с "
    "затратами за этот период нет — сравнивать не с чем.",
    "money.verdict_no_comparable": "SMM: {smm} по {basis} ({smm_results}). У других платных каналов за этот "
    "период нет результатов, по которым их можно сравнить.",
    "money.verdict_no_smm_cost": "Затраты на SMM за этот период не внесены — цену визита, лида и продажи в "
    "соцсетях не посчитать. Загрузите costs.csv (оплата агентства, реклама, производство контента).",
    "money.verdict_no_smm_results": "На SMM потрачено {cost}, но за этот период из соцсетей нет ни продаж, ни "
    "лидов, ни визитов на сайт — сравнивать не с чем.",
    "money.reason_cheaper": "{channel}: {basis_name} {other} ({other_results}) — в SMM дешевле {difference} "
    "({smm}, {smm_results}).",
    "money.reason_dearer": "{channel}: {basis_name} {other} ({other_results}) — в SMM дороже {difference} "
    "({smm}, {smm_results}).",
    "money.reason_similar": "{channel}: {basis_name} {other} ({other_results}) — в SMM почти столько же "
    "({smm}, {smm_results}).",
    "money.reason_small": "Данных мало — вывод предварительный.",
    "money.excluded_no_cost": "{channel}: затраты не внесены, сравнить нельзя.",
    "money.excluded_no_results": "{channel}: потрачено {cost}, но результатов за период нет — {basis_name} "
    "не определена.",
    "money.best_network": "Среди соцсетей дешевле всего выходит {network}: {basis_name} {price} ({results}).",
    "money.payback_yes": "SMM окупается: выручка {revenue} при затратах {cost}, ROMI {romi}.",
    "money.payback_no": "SMM пока не окупается: выручка {revenue} при затратах {cost}, ROMI {romi}.",
    "money.not_conclusive": "Вывод предварительный: за некоторыми ценами всего {results}, а нужно хотя бы "
    "{minimum}. Возьмите период подлиннее.",
    "money.fallback_no_smm_orders": "Продаж из соцсетей за этот период нет, поэтому сравнение идёт по {basis}.",
    "money.fallback_orders_not_reported": "Продажи из соцсетей не переданы (нет sales.csv), поэтому сравнение "
    "идёт по {basis}.",
    "money.no_other_channels_hint": "Другие каналы (Яндекс Директ, баннерная реклама, SEO) показываются, когда "
    "в фильтре не выбраны соцсети.",
    "money.channels_title": "Сравнение каналов",
    "money.channels_caption": "Соцсети рядом с контекстной и баннерной рекламой, SEO и другими источниками. "
    "Бледные столбики — меньше {minimum} результатов: вывод по ним предварительный.",
    "money.basis": "Сравнивать по",
    "money.small_sample": "Мало данных — вывод предварительный",
    "money.costs_title": "Из чего складываются затраты на SMM",
    "money.kind": "Статья затрат",
    "money.amount": "Сумма",
    "money.share": "Доля",
    "money.total_cost": "Итого",
    "money.no_costs": "Затрат на соцсети за этот период нет.",
    "money.trend_title": "Цены по времени",
    "money.trend_hint": "{formula}. Пунктир — все соцсети вместе. Нажмите на линию в легенде, чтобы выделить "
    "её; колесо мыши меняет масштаб по датам, двойной щелчок возвращает всё.",
    "money.and": "и",
    "money.verdict_smm_tentative": "По {basis} у SMM {smm} ({smm_results}), но надёжного вывода пока нет: ни с одним каналом "
    "данных не хватает.",
    "money.tentative": "Предварительно (меньше {minimum}): SMM {parts}.",
    "money.ads_only_suffix": "(только реклама)",
    "money.verdict_no_smm_ads": "У SMM за этот период нет затрат на рекламу — сравнить рекламу с рекламой нельзя. Выберите «Все "
    "затраты».",
    "money.cost_basis": "Какие затраты считать",
    "money.cost_basis_all": "Все затраты",
    "money.cost_basis_ads": "Только реклама",
    "money.cost_basis_help": "«Все затраты»: в цену SMM входят оплата агентства или специалиста, зарплата, производство "
    "контента, сервисы и реклама; у контекстной рекламы обычно только рекламный бюджет. «Только "
    "реклама»: обе стороны считаются только по рекламным затратам — реклама против рекламы.",
    "money.costs_all": "В цену входят все затраты. {sides}.",
    "money.costs_ads": "В цену входят только затраты на рекламу. {sides}.",
    "money.side_all": "{channel}: {kinds} — {amount}",
    "money.side_ads": "{channel}: реклама — {amount}",
    "money.side_left_out": "(не учтены {kinds})",
    "money.kinds_unknown": "все статьи затрат",
    "money.costs_mismatch": "В цене SMM есть не только реклама, но и {kinds}, а в цене других каналов ({channels}) — "
    "только реклама. "
    "Чтобы сравнить рекламу с рекламой, выберите «Только реклама».",
    "money.excluded_no_ads": "{channel}: затрат на рекламу нет, сравнить нельзя.",
    "money.kind_help": "Σ затрат статьи «{kind}» за период",
    "money.no_trend": "Нет данных для показателя «{metric}» за этот период.",
    # Content
    "content.intro": "Сколько выходит публикаций и идут ли они по плану, какие форматы и посты работают "
    "лучше, когда лучше публиковать и что даёт продвижение.",
    "content.empty": "Публикаций в этом пространстве пока нет.",
    "content.empty_files": "Что загрузить:\n"
    "- `posts.csv` — публикации: дата и время, формат, ссылка, охват, просмотры, лайки, комментарии, "
    "репосты, сохранения, переходы и продвигался ли пост.",
    "content.no_posts": "За этот период публикаций нет.",
    "content.per_bucket_week": "Публикации по неделям и план",
    "content.per_bucket_month": "Публикации по месяцам и план",
    "content.plan_csv": "План (на все соцсети выборки, в каждой строке)",
    "content.plan_hint": "Чёрная черта — план из плана KPI. Нажмите на соцсеть в легенде, чтобы выделить её.",
    "content.no_plan_hint": "Плана по публикациям на этот период нет — его можно задать в plan.csv "
    "(kpi = posts).",
    "content.mix_title": "Форматы контента",
    "content.share": "Доля",
    "content.format": "Формат",
    "content.unknown": "Не указан",
    "content.rank_title": "Лучшие и худшие посты",
    "content.rank_by": "Сравнивать по",
    "content.rank_er_hint": "По ERR сравниваются посты с охватом не меньше {share} от медианного: у поста с "
    "крошечным охватом вовлечённость случайна.",
    "content.best": "Лучшие",
    "content.worst": "Худшие",
    "content.no_metric": "Нет постов с данными «{metric}».",
    "content.published": "Опубликован",
    "content.link": "Пост",
    "content.open": "Открыть",
    "content.post_id": "ID поста",
    "content.promoted": "Продвигался",
    "content.err": "ERR",
    "content.clicks": "Переходы",
    "content.heatmap_title": "Когда публиковать",
    "content.heatmap_hint": "ERR по дню недели и часу публикации (часовой пояс {timezone}). Чем темнее "
    "клетка, тем выше вовлечённость; серые — меньше {minimum} постов или нет данных о реакциях; пустые — "
    "публикаций не было.",
    "content.best_time": "**Лучшее время для публикаций:** {day}, {hours} — ERR {er} ({posts}).",
    "content.best_time_overall": "По всем постам периода — {er}.",
    "content.best_time_none": "Чтобы назвать лучшее время, в одном часе дня недели нужно хотя бы {minimum} поста "
    "с охватом и реакциями — пока таких нет. Возьмите период подлиннее.",
    "content.weekdays": "понедельник, вторник, среда, четверг, пятница, суббота, воскресенье",
    "content.count_posts": {
        "one": "{count} пост",
        "few": "{count} поста",
        "many": "{count} постов",
        "other": "{count} поста",
    },
    "content.when": "Когда",
    "content.weekday": "День недели (0 — понедельник)",
    "content.hour": "Час",
    "content.no_er": "Нет постов с охватом и реакциями — ERR по времени публикации не посчитать.",
    "content.promotion_title": "Органика и продвижение",
    "content.group": "Посты",
    "content.group_organic": "Органические",
    "content.group_promoted": "Продвигаемые",
    "content.group_unknown": "Не указано",
    "content.clicks_per_post": "Переходов на пост",
    # Communication
    "comm.intro": "Как быстро и как полно отвечают подписчикам и клиентам: комментарии и сообщения, доля "
    "отвеченных, время ответа по соцсетям и специалистам и что до сих пор ждёт ответа.",
    "comm.empty": "Комментариев и сообщений в этом пространстве пока нет.",
    "comm.empty_files": "Что загрузить:\n"
    "- `interactions.csv` — комментарии и личные сообщения: когда пришли и когда на них ответили (пустой "
    "ответ — ещё не ответили);\n"
    "- `daily.csv` со столбцом `messages_in` — если соцсеть отдаёт только число входящих сообщений по дням.",
    "comm.comments": "Комментарии",
    "comm.comments_help": "Комментарии, полученные за период",
    "comm.messages": "Личные сообщения",
    "comm.messages_help": "Личные сообщения, полученные за период",
    "comm.card_comments": "Комментарии",
    "comm.card_comments_help": "Комментарии, полученные за период (из выгрузки обращений: interactions.csv или подключение). "
    "Остальные обращения — личные сообщения: их число по выгрузке — в таблице ниже, а на карточке "
    "«Входящие сообщения» — число из дневной статистики аккаунта (туда входят и сообщения, которых "
    "нет в выгрузке).",
    "comm.plan_hint_ticks": "Тёмные черты на столбиках — план по обращениям.",
    "comm.plan_hint_dashed": "Пунктир — план по доле ответов.",
    "comm.no_plan_hint_one": "Плана по обращениям и доле ответов на этот период нет. Его задают в plan.csv.",
    "comm.p90": "Время ответа (90 %)",
    "comm.answered_help": "Число обращений периода, на которые ответили (в любой момент, в том числе позже)",
    "comm.p90_help": "Быстрее этого отвечают на 9 обращений из 10 (90-й перцентиль). Медиана показывает "
    "обычный ответ, а эта цифра — самые долгие.",
    "comm.median": "Медиана",
    "comm.answered": "Отвечено",
    "comm.unassigned": "Без специалиста",
    "comm.breakdown_title": "Кто и как быстро отвечает",
    "comm.group_by": "Разбивка",
    "comm.by_network": "По соцсетям",
    "comm.by_specialist": "По специалистам",
    "comm.time_hint": "Столбик — медианное время ответа, ус — время, быстрее которого отвечают на 90 % "
    "обращений. Рядом — доля отвеченных.",
    "comm.trend_title": "Обращения и ответы по времени",
    "comm.plan_hint": "Тёмные черты на столбиках — план по обращениям, пунктир — план по доле ответов.",
    "comm.no_plan_hint": "Плана по обращениям и доле ответов на этот период нет. Его задают в plan.csv; план "
    "по долям для нескольких клиентов сразу не складывается — выберите клиента.",
    "comm.plan_of": "План: {kpi}",
    "comm.overdue_title": "Ждут ответа",
    "comm.overdue_hours": "Без ответа дольше, часов",
    "comm.overdue_none": "Всё отвечено: нет обращений, которые ждут ответа дольше {hours} ч.",
    "comm.overdue_count": "Ждут ответа дольше {hours} ч: {count}.",
    "comm.overdue_shown": "Показаны последние {shown}.",
    "comm.received_at": "Получено",
    "comm.waiting": "Ждёт",
    "comm.waiting_hours": "Ждёт, часов",
    "comm.kind": "Тип",
    "comm.id": "ID обращения",
    "comm.open_account": "Ссылка",
    # --- trust (issue 6) ---
    "trust.intro": "Проверяем, настоящие ли подписчики и реакции: растут ли подписчики вместе с охватом, "
    "не уходят ли сразу после всплеска, сходятся ли лайки с охватом постов. Каждый вывод — с цифрами и "
    "датами; объяснимые причины (вирусный пост, реклама, розыгрыш, чистка, сбой данных) отмечены отдельно.",
    "trust.period_note": "По умолчанию — последние 12 месяцев: накрутку чаще находят задним числом.",
    "trust.client": "Клиент",
    "trust.account": "Аккаунт",
    "trust.report.download": "Все находки отчётом (CSV, {count})",
    "trust.report.account": "Аккаунт",
    "trust.report.network": "Соцсеть",
    "trust.report.verdict": "Вывод",
    "trust.report.check": "Проверка",
    "trust.report.finding": "Находка",
    "trust.report.kind": "Вид",
    "trust.report.first_day": "С",
    "trust.report.last_day": "По",
    "trust.report.text": "Что произошло",
    "trust.report.comment": "Объяснение",
    "trust.report.marked_by": "Кто отметил",
    "trust.recheck": "Проверить заново",
    "trust.recheck_help": "Пересчитать выводы по всем аккаунтам. Обычно это не нужно: после каждого импорта "
    "или синхронизации проверка обновляется сама.",
    "trust.checking": "Проверяем аккаунты: {done} из {total} ({account})",
    "trust.checked": "Проверено аккаунтов: {count}.",
    "trust.accounts": "Аккаунты за период",
    "trust.col.account": "Аккаунт",
    "trust.col.network": "Соцсеть",
    "trust.col.verdict": "Итог",
    "trust.col.flags": "Подозрений",
    "trust.col.causes": "Объяснимых всплесков",
    "trust.col.explained": "Объяснено",
    "trust.verdict.clean": "Чисто",
    "trust.verdict.suspicious": "Есть подозрения",
    "trust.verdict.likely_inflated": "Вероятна накрутка",
    "trust.verdict.not_enough_data": "Недостаточно данных",
    "trust.banner.clean": "{account}: признаков накрутки за период не найдено.",
    "trust.banner.suspicious": "{account}: {episodes}. Проверьте ниже — возможно, у них есть объяснение.",
    "trust.banner.likely_inflated": "{account}: вероятна накрутка — {episodes}; признаки подтверждают друг "
    "друга или выходят далеко за норму.",
    "trust.episodes": {
        "one": "{count} подозрительный эпизод",
        "few": "{count} подозрительных эпизода",
        "many": "{count} подозрительных эпизодов",
        "other": "{count} подозрительных эпизода",
    },
    "trust.posts_row": {
        "one": "{count} пост подряд",
        "few": "{count} поста подряд",
        "many": "{count} постов подряд",
        "other": "{count} поста подряд",
    },
    "trust.banner.not_enough_data": "{account}: для проверки не хватает данных — нужны подписчики, "
    "новые подписчики и охват по дням или посты с лайками и охватом.",
    "trust.charts": "Что происходило с аккаунтом",
    "trust.charts_caption": "Красные полосы — подозрительные дни, синие — объяснимые всплески, серые — "
    "отмеченные как объяснённые; обведённые точки — подозрительные посты. Наведите курсор на полосу, чтобы "
    "увидеть вывод.",
    "trust.findings": "Выводы по порядку важности",
    "trust.no_findings": "За этот период выводов нет.",
    "trust.not_checked": "Что не удалось проверить",
    "trust.not_checked_caption": "Проверка без нужных данных ничего не утверждает — она пропускается.",
    "trust.kind.suspicious": "Подозрительно",
    "trust.kind.impossible": "Невозможно",
    "trust.kind.legit_cause": "Объяснимая причина",
    "trust.kind.explained": "Отмечено как объяснённое",
    "trust.detector.D1": "Подписчики без охвата",
    "trust.detector.D2": "Всплеск, потом отписки",
    "trust.detector.D3": "Охват не растёт вместе с подписчиками",
    "trust.detector.D4": "Лайков больше, чем позволяет охват",
    "trust.detector.D5": "Сдвиг «комментарии на лайк»",
    "trust.detector.D6": "Слишком ровные лайки",
    "trust.detector.D7": "Ночная доставка",
    "trust.detector.D8": "Охват без визитов на сайт",
    "trust.detector.DQ": "Сбой данных",
    "trust.cause.viral_post": "Вирусный пост или репост",
    "trust.cause.paid_promotion": "Платное продвижение",
    "trust.cause.giveaway": "Розыгрыш: некачественный рост",
    "trust.cause.platform_purge": "Чистка аудитории площадкой",
    "trust.cause.connector_glitch": "Сбой или догрузка данных",
    "trust.metric.gained": "новые подписчики",
    "trust.metric.reach": "охвате",
    "trust.metric.views": "просмотрах",
    "trust.text.D1.suspicious": "{gain} подписчиков {when}, а по охвату этих дней ожидалось около {expected} "
    "(отклонение {z}σ). Охват — {reach} при обычных {reach_median}. {ads}",
    "trust.text.no_ads": "Рекламы в эти дни не было.",
    "trust.text.ads_unknown": "Расходы на рекламу не загружены — проверьте, не было ли кампании.",
    "trust.text.churn": "{share} из них отписались за {days} дн.",
    "trust.text.step": " Уход одним днём — похоже, площадка удалила ботов.",
    "trust.text.D2.suspicious": "Всплеск на {excess} подписчиков сверх обычного {when} без роста охвата, затем "
    "{share} из них отписались за {days} дн. Так ведут себя купленные подписчики.{step}",
    "trust.text.D2.giveaway": "+{excess} подписчиков {when} (охват до {reach_peak}), затем {share} отписались "
    "за {days} дн. Так выглядит розыгрыш: рост некачественный, но это не накрутка.",
    "trust.text.D2.platform_purge": "Минус {drop} подписчиков ({share}) одним днём, {when}: площадка удалила "
    "неактивные или фейковые аккаунты.",
    "trust.text.D1.viral_post": "{gain} подписчиков {when} пришли вместе с охватом: до {reach_peak} при обычных "
    "{reach_median}. Сначала вырос охват — это вирусный пост или репост.",
    "trust.text.D1.paid_promotion": "{gain} подписчиков {when} — во время платного продвижения "
    "(потрачено {spend}).",
    "trust.text.DQ.reverted_jump": "Число подписчиков {when} скачком изменилось на {jump} и через {days} дн. "
    "вернулось — источник передал неверные данные.",
    "trust.text.DQ.backfill": "{days} дн. без данных ({metric}), затем день с суммой {value} — источник "
    "догрузил пропуск.",
    "trust.text.DQ.total_without_joins": "Общее число подписчиков изменилось на {total}, а подписки минус "
    "отписки — на {net}: площадка пересчитала аудиторию, люди не приходили.",
    "trust.text.D3": "За 28 дней подписчиков стало больше на {growth} ({start} → {end}), а охват почти не "
    "изменился: {reach_before} → {reach_after}. Новые подписчики не видят посты.",
    "trust.text.D4.impossible": "Пост {post}: {likes} лайков при {basis} {base} — лайков больше, чем людей, "
    "видевших пост.",
    "trust.text.D4.suspicious": "Пост {post}: {likes} лайков — {rate} от охвата при обычных {rate_median} "
    "(отклонение {z}σ), а комментариев не прибавилось.",
    "trust.text.D5.rise": "{posts}: {value} комментария на лайк при обычных {median} — похоже на купленные "
    "комментарии или чат активности.",
    "trust.text.D5.fall": "{posts}: {value} комментария на лайк при обычных {median} — лайки пришли без "
    "комментариев, похоже на купленные лайки.",
    "trust.text.D6": "Лайки на {posts} постах подряд почти одинаковые: разброс {spread} (обычно 40–100 %), "
    "хотя охват постов менялся. Похоже на пакеты лайков фиксированного размера.",
    "trust.text.D7": "{when}: ночью (00–06) пришло {share} новых подписчиков или просмотров при обычных {median}.",
    "trust.text.D8": "Охват {when} — {reach} при обычных {reach_median}, но ни подписчиков, ни визитов на "
    "сайт не прибавилось ({sessions} визитов при обычных {sessions_median}). Похоже на просмотры ботов.",
    "trust.numbers": "Цифры",
    "trust.mark": "Отметить как объяснённое",
    "trust.mark_help": "Например: «в эти дни шёл розыгрыш у партнёра». Отметка видна всем, её можно снять.",
    "trust.comment": "Чем объясняется",
    "trust.author": "Кто отмечает",
    "trust.save_mark": "Сохранить отметку",
    "trust.need_comment": "Напишите, чем объясняется эпизод, и кто отмечает — без этого отметку не сохранить.",
    "trust.explained_by": "Объяснено: «{comment}» — {author}, {when}.",
    "trust.reopen": "Снять отметку",
    "trust.reopened": "Отметка снята, эпизод снова учитывается в итоге.",
    "trust.saved": "Отметка сохранена: эпизод больше не влияет на итог.",
    "trust.card_note": "Признаки накрутки за период: {accounts}. Подробности — на странице «Накрутки».",
    "trust.flows": "Подписки / отписки",
    "trust.likes": "Лайки",
    "trust.comments": "Комментарии",
    "trust.per_post": "На пост",
    "trust.post": "Пост",
    "trust.finding": "Вывод",
    "trust.days": "Дни",
    "trust.date": "Дата",
    "trust.reason.hourly": "нет почасовых данных — источники дают только итоги за день.",
    "trust.reason.sessions": "нет визитов на сайт из этой соцсети (Яндекс Метрика / GA4) или охвата по дням.",
    "trust.reason.reach": "охват не передаётся ни по дням, ни по постам.",
    "trust.reason.comments": "слишком мало постов с лайками и комментариями.",
    "trust.reason.likes": "у постов нет лайков вместе с охватом или просмотрами.",
    "trust.reason.posts": "нет постов или их слишком мало.",
    "trust.reason.followers": "слишком мало дней с числом подписчиков или новыми подписчиками.",
    "trust.reason.daily": "нет статистики по дням.",
    "trust.reason.other": "не хватает данных.",
    "trust.method": "Как это работает",
    "trust.method_body": "Проверки опираются на дневную статистику и посты, а не на профили подписчиков. "
    "Базовый уровень — медиана соседних недель с учётом дня недели, разброс — медианное отклонение. День "
    "подозрителен, если подписчиков пришло намного больше, чем обещает охват, и это не объясняется ни "
    "охватом, ни рекламой. Точность проверок измерена на размеченном наборе данных — таблица и команда для "
    "её воспроизведения есть в README.",
    # --- connections (issue 4) ---
    "connections.intro": "Подключите аккаунты один раз — дальше smmkpi сам забирает цифры: статистику по дням, "
    "посты, комментарии. Токены хранятся в зашифрованном виде и больше нигде не показываются. Данные, "
    "загруженные из файлов, остаются как есть: синхронизация добавляет и обновляет только свои строки.",
    "connections.footer": "Как зарегистрировать приложение на каждой площадке (адрес возврата, права, настройки), "
    "описано в docs/connectors.md. Из командной строки: `python -m smmkpi sync` (для cron).",
    "connections.no_secret_key": "smmkpi не может запуститься: {error}",
    "connections.hint.reconnect": "Подключите аккаунт заново.",
    "connections.hint.permissions": "Проверьте, что вы администратор сообщества и у приложения есть нужные "
    "права.",
    "connections.hint.retry_later": "Исчерпан лимит площадки — попробуйте позже.",
    "connections.hint.retry": "Площадка не ответила — попробуйте через несколько минут.",
    "connections.hint.configure": "Заполните настройки приложения (см. docs/connectors.md).",
    "connections.hint.start_again": "Нажмите «Подключить» ещё раз.",
    "connections.cancelled": "Доступ на стороне площадки не выдан — ничего не подключено.",
    "connections.state_unknown": "Эта ссылка авторизации здесь неизвестна (обрезана или начата не в этом "
    "приложении). Нажмите «Подключить» ещё раз.",
    "connections.state_used": "Эта ссылка авторизации уже использована. Чтобы подключить ещё один аккаунт, "
    "нажмите «Подключить» ещё раз.",
    "connections.state_expired": "Срок действия ссылки авторизации истёк (она живёт 10 минут). Нажмите "
    "«Подключить» ещё раз.",
    "connections.state_foreign": "Эту авторизацию начал другой пользователь или она начата в другом рабочем "
    "пространстве, поэтому она отклонена. Начните подключение сами, здесь.",
    "connections.connect_failed": "Площадка не приняла авторизацию: {error}",
    "connections.connected": "Подключено: {name}. Теперь выберите, какие аккаунты отслеживать.",
    "connections.connected_token": "Токен работает: {name} ({kind}). Теперь выберите, какие аккаунты "
    "отслеживать.",
    "connections.state.syncing": "Синхронизация {percent}",
    "connections.state.connected": "Подключено",
    "connections.state.needs_reauth": "Нужна повторная авторизация",
    "connections.state.failed": "Ошибка",
    "connections.state.disconnected": "Отключено",
    "connections.state.not_configured": "Не настроено",
    "connections.state.ready": "Можно подключить",
    "connections.connect": "Подключить {name}",
    "connections.reconnect": "Войти в {name} заново",
    "connections.connect_another": "Подключить ещё один аккаунт {name}",
    "connections.oauth_not_configured": "Вход через {name} не настроен: задайте SMMKPI_{source}_CLIENT_ID (и "
    "секрет, если площадка его выдаёт) — см. docs/connectors.md.",
    "connections.paste_token": "Или вставьте ключ доступа",
    "connections.paste_token_only": "Подключить по токену",
    "connections.token": "Ключ доступа (токен)",
    "connections.check_and_save": "Проверить и сохранить",
    "connections.checking_token": "Проверяем токен на площадке…",
    "connections.token_refused": "Токен не принят: {error}",
    "connections.kind.user": "ключ пользователя",
    "connections.kind.community": "ключ сообщества",
    "connections.kind.bot": "токен бота",
    "connections.kind.unknown": "токен",
    "connections.connected_as": "Подключено: **{name}** ({kind})",
    "connections.needs_reauth_help": "{name} больше не принимает сохранённую авторизацию (истекла или отозвана). "
    "Нажмите ниже «Войти в {name} заново» или вставьте новый токен — аккаунты и данные сохранятся.",
    "connections.failed_help": "Последняя синхронизация не удалась: {error}",
    "connections.last_run_ok": "Последняя синхронизация {when}: строк — {rows}.",
    "connections.last_run_partial": "Синхронизация {when} прошла с ошибками: строк — {rows}. Подробности — в "
    "журнале.",
    "connections.last_run_failed": "Синхронизация {when} не удалась (строк — {rows}). Подробности — в журнале.",
    "connections.not_supported": "Площадка не отдаёт (в отчётах «—»): {notes}",
    "connections.sync_now": "Синхронизировать",
    "connections.accounts": "Аккаунты",
    "connections.disconnect": "Отключить",
    "connections.account": "Аккаунт",
    "connections.handle": "Адрес",
    "connections.synced_through": "Данные по",
    "connections.accounts_failed": "Не удалось получить список аккаунтов: {error}",
    "connections.new_client": "Новый клиент…",
    "connections.new_client_name": "Название нового клиента",
    "connections.pick_title": "Какие {kind} отслеживать",
    "connections.account_kind.community": "сообщества",
    "connections.account_kind.channel": "каналы",
    "connections.account_kind.counter": "счётчики",
    "connections.account_kind.group": "группы",
    "connections.no_accounts": "Площадка не вернула ни одного аккаунта для этого токена.",
    "connections.pick_accounts": "Аккаунты",
    "connections.add_by_link": "Добавить по id, @имени или ссылке",
    "connections.specialist_help": "E-mail или имя того, кто ведёт эти аккаунты (необязательно). Новый "
    "специалист назначается с сегодняшнего дня.",
    "connections.start_sync": "Сохранить и синхронизировать",
    "connections.client_required": "Выберите клиента или введите название нового.",
    "connections.pick_required": "Выберите хотя бы один аккаунт.",
    "connections.members": "подписчиков: {count}",
    "connections.sync_failed": "Синхронизация не запустилась: {error}",
    "connections.sync_done": "Синхронизация завершена: строк — {rows}. Они уже в «Обзоре».",
    "connections.sync_reauth": "Площадка больше не принимает авторизацию — подключите аккаунт заново.",
    "connections.sync_problems": "Синхронизация прошла с ошибками (сохранено строк — {rows}): {errors}",
    "connections.disconnect_what": "Отключить {name}? Сохранённый токен будет удалён, аккаунты перестанут "
    "синхронизироваться.",
    "connections.disconnect_revoke": "smmkpi также попросит площадку отозвать токен (если он получен через вход, а не вставлен вручную).",
    "connections.disconnect_no_revoke": "Площадка не умеет отзывать токены — отзовите его и в её настройках.",
    "connections.delete_data": "Удалить и данные, загруженные этим подключением",
    "connections.delete_data_help": "Статистика по дням, посты и комментарии отслеживаемых аккаунтов. Если не "
    "отмечать, данные останутся в отчётах.",
    "connections.disconnect_confirm": "Да, отключить",
    "connections.disconnected": "Отключено. Загруженные данные сохранены.",
    "connections.disconnected_deleted": "Отключено; удалено строк: {rows}.",
    "connections.sync_log": "Журнал синхронизаций",
    "connections.sync_log_empty": "Синхронизаций ещё не было.",
    "connections.run.ok": "завершена",
    "connections.run.partial": "с ошибками",
    "connections.run.failed": "не удалась",
    "connections.run.running": "идёт",
    "connections.rows": "строк: {rows}",
    "connections.level.info": "инфо",
    "connections.level.warning": "внимание",
    "connections.level.error": "ошибка",
    "connections.add_by_name_hint": "Бот не может сам перечислить свои каналы: укажите ниже @имя канала или "
    "ссылку на него (бот должен быть в канале администратором).",
    # заметки и строки журнала синхронизации (smmkpi.sources.base.Message)
    "funnel.goal_editor": "Цели и их типы",
    "funnel.goal_editor_untyped": "без типа: {count}",
    "funnel.goal_editor_help": "Тип решает, где цель считается: звонки, сообщения, консультации и заявки — это "
    "лиды; продажи и посещения страниц — нет. Типы целей из Яндекс Метрики угаданы по виду и названию цели — "
    "поправьте их здесь; следующая синхронизация сохранит ваш выбор.",
    "funnel.goal_type_none": "— без типа —",
    "funnel.goal_id": "Идентификатор",
    "funnel.goal_name": "Название",
    "funnel.goal_editor_save": "Сохранить типы",
    "funnel.goal_editor_saved": "Сохранено, изменено целей: {count}. Воронка и показатели уже считают по новым "
    "типам.",
    "sync.what.followers": "подписчики",
    "sync.what.community_stats": "статистика сообщества (охват, посещения, новые подписчики)",
    "sync.what.posts": "публикации",
    "sync.what.post_reach": "охват публикаций",
    "sync.what.comments": "комментарии",
    "sync.what.messages": "сообщения",
    "sync.what.users": "уникальные посетители",
    "sync.trigger.ui": "со страницы",
    "sync.trigger.cli": "из командной строки",
    "sync.trigger.first": "первая синхронизация",
    "sync.status.ok": "успешно",
    "sync.status.partial": "частично",
    "sync.status.failed": "не удалась",
    "sync.note.refused": "{what}: площадка отказала — {detail}",
    "sync.note.account_refused": "{account}: площадка ничего по нему не отдаёт — {detail}",
    "sync.note.vk_post_reach_limit": "охват и переходы по публикациям: VK отдаёт их только для {limit} последних "
    "публикаций; у более старых ({older}) их нет",
    "sync.note.vk_community_token": "статистика, публикации, их охват и комментарии: VK отдаёт их только по ключу "
    "пользователя — администратора сообщества; подключите и его",
    "sync.note.ok_stat_refused": "{column}: OK отказал в показателе {field} — не поддерживается",
    "sync.note.ok_post_stat_refused": "posts.{column}: OK отказал в показателе публикаций {field} — не "
    "поддерживается",
    "sync.note.tg_no_history": "подписчики за прошлые дни: у Bot API Telegram нет истории — каждая синхронизация "
    "записывает только свой день",
    "sync.note.tg_not_visible": "просмотры, охват, реакции, репосты: Bot API Telegram их не видит — загрузите их "
    "импортом из статистики канала в Telegram или из TGStat",
    "sync.note.metrica_sampled": "визиты и цели: Яндекс Метрика построила отчёт по счётчику {counter} по выборке "
    "({share} визитов), хотя запрошена полная точность, — числа приблизительные",
    "sync.note.metrica_dimensions": "каналы: Яндекс Метрика отказала в части группировок по источникам; каналы "
    "различаются только по {dims}",
    "sync.note.metrica_users_merged": "посетители: число уникальных посетителей не заполнено для {channels} — "
    "визиты туда приходят из нескольких источников, и сложить их нельзя, не посчитав человека дважды",
    "sync.note.metrica_goal_refused": "цели: Яндекс Метрика отказала по цели {goal} «{name}» — не поддерживается",
    "sync.note.metrica_no_ecommerce": "заказы и выручка: на счётчике не включена электронная коммерция — не "
    "поддерживается",
    "sync.log.no_accounts": "у подключения нет отслеживаемых аккаунтов — сначала выберите их",
    "sync.log.started": "синхронизация начата, аккаунтов: {count} ({trigger})",
    "sync.log.lock_busy": "{account}: его уже синхронизирует другой запуск",
    "sync.log.fetching": "{account}: загружаем {since} … {until}",
    "sync.log.chunk_done": "{account}: {since} … {until}: строк — {rows}",
    "sync.log.not_supported": "{account}: не поддерживается: {note}",
    "sync.log.auth_expired": "{account}: доступ истёк — подключите аккаунт заново",
    "sync.log.failed": "{account}: {error} {hint}",
    "sync.log.invalid": "{account}: данные не прошли проверку: {error}",
    "sync.log.finished": "завершена: {status}, строк — {rows}",
    "sync.log.trust_checked": "проверки накруток обновлены, аккаунтов: {count}",
    "sync.log.trust_failed": "проверки накруток не обновились ({error}); страница «Накрутки» повторит их",
    # --- specialist scorecard (issue 6) ---
    "scorecard.intro": "Кто работает лучше? Специалисты рядом за один период. Каждому засчитываются только дни, "
    "когда аккаунт был за ним, — аккаунт, переданный в середине месяца, делится между двумя. Предупреждение "
    "стоит у того, в чьих аккаунтах в эти дни есть признаки накрутки подписчиков или реакций.",
    "scorecard.caption": "{workspace} · {period} ({days}) · валюта: {currency}",
    "scorecard.cards": "Кто какие аккаунты вёл",
    "scorecard.no_accounts": "В этом периоде аккаунтов не вёл",
    "scorecard.marker": {
        "one": "{count} аккаунт под подозрением: {accounts}",
        "few": "{count} аккаунта под подозрением: {accounts}",
        "many": "{count} аккаунтов под подозрением: {accounts}",
        "other": "{count} аккаунта под подозрением: {accounts}",
    },
    "scorecard.not_checked": "Ещё не проверены: {accounts}",
    "scorecard.explained": {
        "one": "{count} находка отмечена как объяснённая и не учитывается",
        "few": "{count} находки отмечены как объяснённые и не учитываются",
        "many": "{count} находок отмечены как объяснённые и не учитываются",
        "other": "{count} находки отмечены как объяснённые и не учитываются",
    },
    "scorecard.open_trust": "Находки на странице «Накрутки»",
    "scorecard.verdict.not_checked": "Не проверено",
    "scorecard.table": "KPI рядом",
    "scorecard.table_caption": "Наведите на название столбца, чтобы увидеть формулу. «—» — по этим аккаунтам "
    "и дням показатель не передаётся.",
    "scorecard.col.specialist": "Специалист",
    "scorecard.col.accounts": "Аккаунты",
    "scorecard.col.account_days": "Аккаунто-дни",
    "scorecard.col.account_list": "Аккаунты и дни",
    "scorecard.col.verdict": "Вывод о накрутках",
    "scorecard.col.trust": "Накрутки",
    "scorecard.help.accounts": "Аккаунты, которые специалист вёл хотя бы один день периода.",
    "scorecard.help.trust": "Худший вывод проверки накруток по аккаунтам специалиста за дни, когда он их вёл "
    "(сохранённые находки; отмеченные как объяснённые не учитываются).",
    "scorecard.chart": "Один KPI по специалистам",
    "scorecard.chart_metric": "KPI",
    "scorecard.chart.flagged": "Есть признаки накрутки",
    "scorecard.chart.plain": "Признаков нет",
    "scorecard.chart.no_signs": "Признаков накрутки нет",
    "scorecard.empty": "В этом рабочем пространстве пока нет специалистов — сравнивать некого.",
    "scorecard.empty_how": "Добавьте их импортом в каноническом формате (KPI.md): файл `assignments` говорит, "
    "кто вёл какой аккаунт и с какого по какое число (пустой `until` — ведёт до сих пор), либо заполните "
    "столбцы `specialist` и `specialist_since` в `accounts`. Специалист — это e-mail или имя.\n\n"
    "```csv\nnetwork,account,specialist,since,until\nvk,club123,anna@agency.example,2026-01-01,\n```",
    "scorecard.empty_client": "Ни один специалист не вёл аккаунты клиента {client}.",
}
