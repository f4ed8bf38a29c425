"""Russian and English texts of the importer: validation rules and the template's instructions sheet.

Kept apart from the app's catalogs so the importer and the CLI need nothing but this module.
``text(key, lang, **kw)`` formats a text; list values are joined with ", ".
"""

from __future__ import annotations

from typing import Any

DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    # where a problem is
    "where.line": {"en": "line {line}", "ru": "строка {line}"},
    "where.column": {"en": "column {column}", "ru": "столбец {column}"},
    "where.value": {"en": "value '{value}'", "ru": "значение «{value}»"},
    "report.summary": {
        "en": "The import was rejected and nothing was changed: {count} problem(s) found. Fix them and import "
              "again.",
        "ru": "Импорт отклонён, данные не изменены: найдено проблем — {count}. Исправьте их и загрузите "
              "файлы снова.",
    },
    "report.more": {"en": "… and {count} more", "ru": "… и ещё {count}"},
    # files
    "rule.no_files": {
        "en": "no data to import: give at least one of the files {allowed} (CSV), or one XLSX workbook with "
              "sheets named so",
        "ru": "нечего импортировать: нужен хотя бы один из файлов {allowed} (CSV) или одна книга XLSX с "
              "листами с такими именами",
    },
    "rule.not_found": {"en": "no such file or folder", "ru": "нет такого файла или папки"},
    "rule.unsupported_file": {
        "en": "only .csv files or one .xlsx workbook can be imported; save '{name}' as CSV UTF-8 or as XLSX",
        "ru": "импортируются только файлы .csv или одна книга .xlsx; сохраните «{name}» как CSV UTF-8 "
              "или XLSX",
    },
    "rule.mixed_upload": {
        "en": "CSV files and an XLSX workbook were given together; give either CSV files or one workbook",
        "ru": "переданы и CSV-файлы, и книга XLSX; передайте что-то одно: CSV-файлы или одну книгу",
    },
    "rule.several_workbooks": {
        "en": "several workbooks were given ({names}); put all sheets into one workbook",
        "ru": "передано несколько книг ({names}); соберите все листы в одну книгу",
    },
    "rule.unknown_file": {
        "en": "'{name}' is not a file of the import format; name each CSV file after its table: {allowed}",
        "ru": "«{name}» — не файл формата импорта; назовите CSV-файл по его таблице: {allowed}",
    },
    "rule.unknown_sheet": {
        "en": "sheet '{name}' is not a table of the import format; name sheets {allowed} (a sheet "
              "named instructions is ignored)",
        "ru": "лист «{name}» — не таблица формата импорта; назовите листы так: {allowed} (лист "
              "instructions пропускается)",
    },
    "rule.duplicate_file": {
        "en": "table {table} is given twice ({names}); keep one",
        "ru": "таблица {table} передана дважды ({names}); оставьте одну",
    },
    "rule.not_utf8": {
        "en": "the file is not UTF-8 text (it looks like another encoding, e.g. Windows-1251); save it as "
              "\"CSV UTF-8\" in Excel or choose the UTF-8 character set in LibreOffice",
        "ru": "файл не в кодировке UTF-8 (похоже на другую, например Windows-1251); сохраните его в Excel "
              "как «CSV UTF-8» или выберите кодировку UTF-8 в LibreOffice",
    },
    "rule.unreadable_file": {
        "en": "the file cannot be read ({error})",
        "ru": "файл не читается ({error})",
    },
    "rule.missing_header": {
        "en": "the file is empty; its first line must be the header row with the column names",
        "ru": "файл пуст; первая строка должна быть заголовком с названиями столбцов",
    },
    # header
    "rule.unknown_column": {
        "en": "unknown column; the columns of {table} are {allowed}",
        "ru": "неизвестный столбец; в {table} бывают столбцы {allowed}",
    },
    "rule.duplicate_column": {
        "en": "the column appears twice in the header; keep one",
        "ru": "столбец указан в заголовке дважды; оставьте один",
    },
    "rule.unnamed_column": {
        "en": "column {position} has values but no name in the header",
        "ru": "в столбце {position} есть значения, но нет названия в заголовке",
    },
    "rule.missing_column": {
        "en": "this key column is missing from the header; {table} needs the columns {required}",
        "ru": "в заголовке нет ключевого столбца; в {table} обязательны столбцы {required}",
    },
    "rule.too_many_cells": {
        "en": "the row has {cells} cells but the header has {columns}; check the separator and the quotes",
        "ru": "в строке {cells} ячеек, а в заголовке {columns}; проверьте разделитель и кавычки",
    },
    # cells
    "rule.missing_value": {
        "en": "a value is required here (this column is part of the key)",
        "ru": "здесь нужно значение (столбец входит в ключ)",
    },
    "rule.bad_date": {
        "en": "a date must be YYYY-MM-DD, e.g. 2024-05-31",
        "ru": "дата пишется как ГГГГ-ММ-ДД, например 2024-05-31",
    },
    "rule.bad_month": {
        "en": "a month must be YYYY-MM, e.g. 2024-05",
        "ru": "месяц пишется как ГГГГ-ММ, например 2024-05",
    },
    "rule.bad_timestamp": {
        "en": "a timestamp must be ISO 8601 with a time zone offset, e.g. 2024-05-31T14:05:00+03:00",
        "ru": "время пишется в формате ISO 8601 со смещением часового пояса, например "
              "2024-05-31T14:05:00+03:00",
    },
    "rule.no_offset": {
        "en": "the timestamp has no time zone offset; add it, e.g. 2024-05-31T14:05:00+03:00 (or Z for UTC)",
        "ru": "у времени нет смещения часового пояса; добавьте его, например 2024-05-31T14:05:00+03:00 "
              "(или Z для UTC)",
    },
    "rule.no_offset.typed": {
        "en": "a date-time cell has no time zone; type the timestamp as text with an offset, e.g. "
              "2024-05-31T14:05:00+03:00",
        "ru": "в ячейке дата-время без часового пояса; введите время текстом со смещением, например "
              "2024-05-31T14:05:00+03:00",
    },
    "rule.bad_bool": {
        "en": "a yes/no value must be true/false, 1/0, yes/no or да/нет",
        "ru": "значение да/нет пишется как true/false, 1/0, yes/no или да/нет",
    },
    "rule.bad_number": {
        "en": "a number must be plain digits with an optional decimal part, without thousands separators, "
              "spaces, units or suffixes: write 12000, not 12k, 12 000 or 12,000",
        "ru": "число пишется цифрами с необязательной дробной частью, без разделителей тысяч, пробелов, "
              "единиц и сокращений: 12000, а не 12k, 12 000 или 12,000",
    },
    "rule.bad_number.comma_separated": {
        "en": "in a comma-separated file the decimal mark is a point (12.5) and numbers have no thousands "
              "separators; use a semicolon separator to write decimal commas",
        "ru": "в файле с разделителем «запятая» дробная часть отделяется точкой (12.5), а разделителей "
              "тысяч нет; чтобы писать дробные числа через запятую, разделяйте столбцы точкой с запятой",
    },
    "rule.mixed_decimal.comma": {
        "en": "this file writes decimals with a comma (12,5); write this number the same way",
        "ru": "в этом файле дробные числа пишутся через запятую (12,5); запишите это число так же",
    },
    "rule.mixed_decimal.point": {
        "en": "this file writes decimals with a point (12.5); write this number the same way",
        "ru": "в этом файле дробные числа пишутся через точку (12.5); запишите это число так же",
    },
    "rule.negative": {"en": "the value must not be negative", "ru": "значение не может быть отрицательным"},
    "rule.not_whole": {
        "en": "a count must be a whole number ≥ 0 without a decimal part",
        "ru": "количество — целое число ≥ 0 без дробной части",
    },
    "rule.too_large": {"en": "the number is too large for a count", "ru": "число слишком велико для количества"},
    "rule.not_positive": {"en": "a rate must be greater than 0", "ru": "курс должен быть больше 0"},
    "rule.bad_currency": {
        "en": "a currency is a 3-letter code such as RUB, USD or EUR (empty = the workspace currency)",
        "ru": "валюта — трёхбуквенный код, например RUB, USD, EUR (пусто = валюта рабочей области)",
    },
    "rule.unknown_network": {
        "en": "unknown network; use one of {allowed}",
        "ru": "неизвестная соцсеть; допустимы {allowed}",
    },
    "rule.unknown_channel": {
        "en": "unknown channel; use one of {allowed}",
        "ru": "неизвестный канал; допустимы {allowed}",
    },
    "rule.unknown_format": {
        "en": "unknown post format; use one of {allowed}",
        "ru": "неизвестный формат публикации; допустимы {allowed}",
    },
    "rule.unknown_kind": {
        "en": "unknown cost kind; use one of {allowed}",
        "ru": "неизвестный вид затрат; допустимы {allowed}",
    },
    "rule.unknown_goal_type": {
        "en": "unknown goal type; use one of {allowed}",
        "ru": "неизвестный тип цели; допустимы {allowed}",
    },
    "rule.unknown_kpi": {
        "en": "unknown KPI; use one of {allowed}",
        "ru": "неизвестный KPI; допустимы {allowed}",
    },
    "rule.unknown_scope": {
        "en": "unknown plan scope; use one of {allowed}",
        "ru": "неизвестная область плана; допустимы {allowed}",
    },
    "rule.unknown_interaction_kind": {
        "en": "unknown interaction kind; use one of {allowed}",
        "ru": "неизвестный вид обращения; допустимы {allowed}",
    },
    # rows and files together
    "rule.reversed_range": {
        "en": "{end} is before {start} ({start_value}); the range is reversed",
        "ru": "{end} раньше, чем {start} ({start_value}); диапазон перевёрнут",
    },
    "rule.duplicate_key": {
        "en": "this key appears more than once in the file (first at line {first_line}); keep one row per key",
        "ru": "этот ключ встречается в файле не один раз (впервые в строке {first_line}); оставьте одну "
              "строку на ключ",
    },
    "rule.duplicate_key.other_file": {
        "en": "this assignment is also given in {first_file}, line {first_line}, with another specialist; keep one",
        "ru": "это закрепление уже указано в {first_file}, строка {first_line}, с другим специалистом; "
              "оставьте одно",
    },
    "rule.overlapping_assignments": {
        "en": "the assignment {since} – {until} overlaps the assignment of {other_specialist} "
              "{other_since} – {other_until} ({other}); assignments of one account must not overlap",
        "ru": "закрепление {since} – {until} пересекается с закреплением {other_specialist} "
              "{other_since} – {other_until} ({other}); закрепления одного аккаунта не должны пересекаться",
    },
    "rule.overlapping_assignments.stored": {
        "en": "the assignment {since} – {until} overlaps the stored assignment of {other_specialist} "
              "{other_since} – {other_until}; assignments of one account must not overlap",
        "ru": "закрепление {since} – {until} пересекается с уже загруженным закреплением {other_specialist} "
              "{other_since} – {other_until}; закрепления одного аккаунта не должны пересекаться",
    },
    "rule.unknown_goal": {
        "en": "goal '{goal}' of client '{client}' is not defined; add it to goals (client, goal, name, type)",
        "ru": "цель «{goal}» клиента «{client}» не описана; добавьте её в goals (client, goal, name, type)",
    },
    "rule.missing_rate": {
        "en": "amounts in {currency} need an exchange rate to {workspace_currency} for every month they "
              "touch; add a rates row (month, currency, rate) for {months}",
        "ru": "для сумм в {currency} нужен курс к {workspace_currency} на каждый затронутый месяц; "
              "добавьте в rates строку (month, currency, rate) для {months}",
    },
    "rule.missing_client": {
        "en": "the client must be given because the workspace has {count} clients ({clients}); add a "
              "client column or fill in this cell",
        "ru": "нужно указать клиента: в рабочей области клиентов — {count} ({clients}); добавьте столбец "
              "client или заполните ячейку",
    },
    "rule.missing_client.none": {
        "en": "the client must be given because no client is known yet; add a client column",
        "ru": "нужно указать клиента: ни одного клиента ещё нет; добавьте столбец client",
    },
    "rule.unknown_account": {
        "en": "account {network}/{account} is not in accounts and its client cannot be chosen (the "
              "workspace has {count} clients); add it to accounts with its client ({rows} row(s) use it)",
        "ru": "аккаунта {network}/{account} нет в accounts, и клиента для него не выбрать (клиентов — "
              "{count}); добавьте его в accounts с клиентом (строк с ним: {rows})",
    },
    "rule.unknown_account.none": {
        "en": "account {network}/{account} is not in accounts and no client is known yet; add it to "
              "accounts with its client ({rows} row(s) use it)",
        "ru": "аккаунта {network}/{account} нет в accounts, а клиентов ещё нет; добавьте его в accounts "
              "с клиентом (строк с ним: {rows})",
    },
    "rule.account_client_mismatch": {
        "en": "account {network}/{account} belongs to client '{account_client}', not '{client}'",
        "ru": "аккаунт {network}/{account} относится к клиенту «{account_client}», а не «{client}»",
    },
    "rule.account_not_allowed": {
        "en": "{channel} is not a social network, so account must be empty (costs of the whole channel)",
        "ru": "{channel} — не соцсеть, поэтому account должен быть пустым (затраты всего канала)",
    },
    "rule.since_without_specialist": {
        "en": "specialist_since is filled in but specialist is empty",
        "ru": "specialist_since заполнен, а specialist пуст",
    },
    # ----------------------------------------------------------------------------------------------
    # The template's instructions sheet
    "template.title": {
        "en": "SMM KPI — import template",
        "ru": "SMM KPI — шаблон для импорта данных",
    },
    "template.intro": {
        "en": "This workbook is the import format of SMM KPI. Each sheet after this one is one table; fill "
              "in the ones you have, delete or leave empty the others, and import the workbook on the Import "
              "page (or save each sheet as a CSV UTF-8 file named after the sheet, e.g. daily.csv). The "
              "example rows import cleanly; replace them with your data.",
        "ru": "Эта книга — формат импорта SMM KPI. Каждый следующий лист — одна таблица: заполните те, "
              "по которым есть данные, остальные удалите или оставьте пустыми и загрузите книгу на странице "
              "«Импорт» (или сохраните каждый лист как CSV UTF-8 с именем листа, например daily.csv). "
              "Строки-примеры загружаются без ошибок; замените их своими данными.",
    },
    "template.rules_title": {"en": "Rules for every sheet", "ru": "Общие правила"},
    "template.rules": {
        "en": "The first row is the header; the column order is free, unknown columns are rejected.\n"
              "An empty cell means \"not reported\" (it is never read as 0); a column you leave out keeps "
              "the values already stored.\n"
              "Key columns identify a row: importing a row with the same key again updates it, nothing is "
              "duplicated. A key may appear only once per sheet.\n"
              "Dates: YYYY-MM-DD (2024-05-31). Months: YYYY-MM (2024-05). Timestamps: ISO 8601 with an "
              "offset (2024-05-31T14:05:00+03:00 or …Z).\n"
              "Numbers: digits only, decimal point or comma (one style per file), no thousands separators "
              "or suffixes (12000, not 12k). Counts are whole numbers ≥ 0; money is ≥ 0.\n"
              "Yes/no: true/false, 1/0, yes/no or да/нет.\n"
              "client may be left out when the workspace has exactly one client.\n"
              "One wrong cell rejects the whole import; the report names the sheet, row, column and rule.",
        "ru": "Первая строка — заголовок; порядок столбцов любой, незнакомые столбцы не принимаются.\n"
              "Пустая ячейка — «нет данных» (это не 0); пропущенный столбец оставляет уже загруженные "
              "значения как есть.\n"
              "Ключевые столбцы определяют строку: повторная загрузка строки с тем же ключом обновляет её, "
              "дублей не бывает. Ключ может встретиться на листе только один раз.\n"
              "Даты: ГГГГ-ММ-ДД (2024-05-31). Месяцы: ГГГГ-ММ (2024-05). Время: ISO 8601 со смещением "
              "(2024-05-31T14:05:00+03:00 или …Z).\n"
              "Числа: только цифры, дробная часть через точку или запятую (один способ на файл), без "
              "разделителей тысяч и сокращений (12000, а не 12k). Количества — целые ≥ 0, деньги ≥ 0.\n"
              "Да/нет: true/false, 1/0, yes/no или да/нет.\n"
              "client можно не указывать, если в рабочей области ровно один клиент.\n"
              "Одна ошибочная ячейка отклоняет весь импорт; в отчёте указаны лист, строка, столбец и "
              "правило.",
    },
    "template.sheets_title": {"en": "Sheets", "ru": "Листы"},
    "template.sheet.accounts": {
        "en": "Your accounts (communities, pages, channels). Key: network + account (the handle or id as "
              "text). network: vk, ok, facebook, instagram, x, telegram, youtube. name, url: how to show it. "
              "client: the brand it belongs to. specialist (e-mail or name) and specialist_since (date) "
              "assign a person to it; without specialist_since the person is assigned since always.",
        "ru": "Ваши аккаунты (сообщества, страницы, каналы). Ключ: network + account (адрес или id "
              "текстом). network: vk, ok, facebook, instagram, x, telegram, youtube. name, url — как "
              "показывать. client — бренд-владелец. specialist (e-mail или имя) и specialist_since (дата) "
              "закрепляют за аккаунтом специалиста; без specialist_since — «с самого начала».",
    },
    "template.sheet.assignments": {
        "en": "Who ran which account when. Key: network + account + since; specialist is required, until "
              "empty = still assigned. Periods of one account must not overlap; a newer since closes the "
              "open assignment the day before.",
        "ru": "Кто и когда вёл аккаунт. Ключ: network + account + since; specialist обязателен, пустой "
              "until — ведёт до сих пор. Периоды одного аккаунта не пересекаются; более поздний since "
              "закрывает открытое закрепление накануне.",
    },
    "template.sheet.daily": {
        "en": "Daily account statistics. Key: date + network + account. followers: total at the end of the "
              "day; followers_gained, followers_lost; reach: daily unique reach; views: impressions; "
              "profile_visits; link_clicks: clicks to your site counted by the network; messages_in.",
        "ru": "Ежедневная статистика аккаунта. Ключ: date + network + account. followers — подписчиков "
              "на конец дня; followers_gained, followers_lost — подписались и отписались; reach — "
              "уникальный охват за день; views — просмотры; profile_visits — визиты в профиль; "
              "link_clicks — переходы на сайт по данным соцсети; messages_in — входящие сообщения.",
    },
    "template.sheet.posts": {
        "en": "One row per post. Key: network + account + post_id. published_at: timestamp with offset. "
              "format: text, photo, video, reel, story, clip, poll, other. reach, views, likes, comments, "
              "shares, saves, link_clicks: counts. is_promoted: true/false.",
        "ru": "Одна строка — одна публикация. Ключ: network + account + post_id. published_at — время со "
              "смещением. format: text, photo, video, reel, story, clip, poll, other. reach, views, likes, "
              "comments, shares, saves, link_clicks — количества. is_promoted — продвигалась ли (true/false).",
    },
    "template.sheet.interactions": {
        "en": "Comments and messages from people. Key: network + account + interaction_id. kind: comment or "
              "message. received_at, answered_at: timestamps with offset (answered_at empty = not answered; "
              "it must not be before received_at).",
        "ru": "Комментарии и сообщения от людей. Ключ: network + account + interaction_id. kind: comment "
              "или message. received_at, answered_at — время со смещением (пустой answered_at — без ответа; "
              "не раньше received_at).",
    },
    "template.sheet.web": {
        "en": "Visits to the client's site by channel (Yandex Metrica, GA4 or by hand). Key: date + client + "
              "channel. channel: a network or yandex_direct, google_ads, display, seo, direct, email, other. "
              "sessions, users: counts.",
        "ru": "Визиты на сайт клиента по каналам (Яндекс Метрика, GA4 или вручную). Ключ: date + client + "
              "channel. channel — соцсеть или yandex_direct, google_ads, display, seo, direct, email, other. "
              "sessions, users — визиты и посетители.",
    },
    "template.sheet.goals": {
        "en": "The client's goals (conversions). Key: client + goal (your code for it). name: a readable "
              "name. type: call, message, consultation, form, page_visit, sale, other.",
        "ru": "Цели клиента (конверсии). Ключ: client + goal (ваш код цели). name — понятное название. "
              "type: call, message, consultation, form, page_visit, sale, other.",
    },
    "template.sheet.goal_reaches": {
        "en": "How often each goal was reached per channel and day. Key: date + client + channel + goal "
              "(the goal must be in goals). reaches: count.",
        "ru": "Сколько раз цель достигнута по каналу за день. Ключ: date + client + channel + goal (цель "
              "должна быть в goals). reaches — количество.",
    },
    "template.sheet.sales": {
        "en": "Sales per channel and day. Key: date + client + channel. orders: count; revenue: money in "
              "the workspace currency.",
        "ru": "Продажи по каналу за день. Ключ: date + client + channel. orders — число заказов; revenue — "
              "выручка в валюте рабочей области.",
    },
    "template.sheet.costs": {
        "en": "What marketing cost. Key: date + client + channel + kind + account. kind: ads, fee, salary, "
              "production, tools, other. account: empty = the whole channel, else an account of that client "
              "on that network. date_to spreads the amount evenly over date..date_to (a monthly fee: the 1st "
              "to the last day). currency empty = the workspace currency; another one needs a rates row for "
              "each month. clicks, impressions: counts.",
        "ru": "Затраты на маркетинг. Ключ: date + client + channel + kind + account. kind: ads, fee, salary, "
              "production, tools, other. account пустой — весь канал, иначе аккаунт этого клиента в этой "
              "соцсети. date_to распределяет сумму поровну по дням date..date_to (ежемесячный гонорар: с 1-го "
              "по последний день). Пустая currency — валюта рабочей области; для другой нужна строка в rates "
              "на каждый месяц. clicks, impressions — клики и показы.",
    },
    "template.sheet.plan": {
        "en": "Monthly targets. Key: month + client + scope + kpi. scope: all or a network. kpi: a KPI key "
              "such as reach, er_reach, leads, cost or goal_reaches.form. target: the number (fractions for "
              "rates: 0.04 = 4%).",
        "ru": "Месячные цели. Ключ: month + client + scope + kpi. scope — all или соцсеть. kpi — ключ KPI, "
              "например reach, er_reach, leads, cost или goal_reaches.form. target — значение (доли для "
              "процентов: 0.04 = 4%).",
    },
    "template.sheet.rates": {
        "en": "Exchange rates. Key: month + currency. rate: units of the workspace currency for 1 unit of "
              "currency, applied to that month's amounts (greater than 0).",
        "ru": "Курсы валют. Ключ: month + currency. rate — сколько единиц валюты рабочей области стоит 1 "
              "единица currency; применяется к суммам этого месяца (больше 0).",
    },
}  # fmt: skip


def text(key: str, lang: str = DEFAULT_LANGUAGE, **kw: Any) -> str:
    """The text ``key`` in ``lang`` (English when missing), formatted with ``kw``; unknown keys echo back."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    values = _Blanks({k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in kw.items()})
    return template.format_map(values)


class _Blanks(dict):
    """Format arguments where a missing name shows as "…" instead of failing."""

    def __missing__(self, key: str) -> str:
        return "…"
