"""Yandex Metrica: site sessions, goals, goal completions and e-commerce of a counter, by KPI.md channel.

The connected Yandex account picks counters (Management API); each counter belongs to one client (the
connection's account assignment supplies ``client``: the frames here leave it out). A sync reads the
Reporting API (``/stat/v1/data``) day by day, split by traffic source, ad system, social network and UTM
source/medium, and folds those rows into KPI.md channels (:func:`channel_of`):

- ``web``: sessions (``ym:s:visits``) and users per day and channel;
- ``goals``: the counter's goals with a type guessed from the goal kind and name (:func:`guess_goal_type`);
  the type is a guess the user may change, so sync writes it only for goals it has not stored yet
  (``FetchResult.guessed_columns``);
- ``goal_reaches``: ``ym:s:goal<id>reaches`` per goal, day and channel;
- ``sales``: e-commerce purchases and revenue converted to the workspace currency.

Documented rules followed here: the token goes in ``Authorization: OAuth <token>`` (never in the URL);
at most 20 metrics per request (goals are batched); ``accuracy=full`` asks for unsampled data and a
sampled answer is noted; ``include_undefined=true`` keeps rows whose social network / ad system / UTM is
empty (the API drops them otherwise); paging is ``offset`` (1-based) + ``limit`` while rows remain;
throttling answers (420, and 429 in older docs) back off and retry; an invalid metric (400) for a goal or
for e-commerce becomes a "not supported" note, not a failed sync. Uncertain facts (attribution, limits,
currency, retries) are settings: ``SMMKPI_YANDEX_METRICA_<NAME>``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import httpx
import pandas as pd

from smmkpi.sources.base import (
    AuthExpired,
    ConnectorBase,
    FetchResult,
    Message,
    NotSupported,
    OAuthSpec,
    PermissionDenied,
    Progress,
    RateLimited,
    SourceAccount,
    SourceError,
    SourceInfo,
    SyncWindow,
    note,
    register,
)
from smmkpi.sources.http import Backoff, TransientError, send

KEY = "yandex_metrica"
DEFAULTS: dict[str, str] = {
    "api_url": "https://api-metrika.yandex.net",
    "authorize_url": "https://oauth.yandex.ru/authorize",
    "token_url": "https://oauth.yandex.ru/token",
    "revoke_url": "",  # Yandex revokes by API only tokens issued with a device_id; users revoke in Yandex ID
    "scopes": "metrika:read",
    # [U]/[S] facts and choices, kept configurable:
    "attribution": "lastsign",  # the Metrica UI default ("last significant source")
    "accuracy": "full",  # no sampling
    "currency": "RUB",  # e-commerce revenue is converted into this (the workspace currency)
    "page_limit": "10000",  # rows per Reporting API page (documented max 100000 [S])
    "max_metrics": "20",  # per request (documented cap)
    "counters_per_page": "1000",
    "max_retries": "5",  # throttled or 5xx answers before the sync gives up (and resumes next time)
    "backoff_seconds": "2",  # first wait when the API names none; doubles each retry
}
MAX_BACKOFF_SECONDS = 120.0
DATE_DIMENSION = "ym:s:date"
VISITS = "ym:s:visits"
USERS = "ym:s:users"
PURCHASES = "ym:s:ecommercePurchases"
GOAL_METRIC = re.compile(r"^ym:s:goal(\d+)reaches$")
GOAL_PREFIX = "ym:"  # goal key stored in smmkpi: "ym:<goal id>"

INFO = SourceInfo(
    key=KEY,
    name="Yandex Metrica",
    auth="oauth+token",
    provides=("web", "goals", "goal_reaches", "sales"),
    account_kind="counter",
    network=None,
    limits={
        "ru": (
            "Метрика считает визиты на сайт, достижения целей и продажи (электронная коммерция) по каналам: "
            "соцсети, Яндекс Директ, Google Ads, баннеры, поиск, прямые заходы, email. Источник визита — "
            "по модели атрибуции «последний значимый переход». Тип цели (звонок, заявка, сообщение…) "
            "угадывается по её виду и названию — проверьте; исправить тип можно, загрузив файл goals в «Импорте». Продажи "
            "появятся, только если на счётчике включена электронная коммерция. Данные за сегодня неполные."
        ),
        "en": (
            "Metrica counts site sessions, goal completions and sales (e-commerce) by channel: social networks, "
            "Yandex Direct, Google Ads, banners, search, direct visits, email. A visit's source follows the "
            "'last significant source' attribution. A goal's type (call, form, message…) is guessed from its "
            "kind and name — check it; to change a type, upload a goals file on the Import page. Sales appear only "
            "when e-commerce is enabled "
            "on the counter. Today's data is partial."
        ),
    },
)


# --------------------------------------------------------------------------------------------------
# Channels: Metrica's traffic sources, ad systems, social networks and UTM tags → KPI.md §1 channels

_NETWORK_WORDS: dict[str, tuple[str, ...]] = {
    # long words match anywhere in the text, short ones only as a whole token ("vk" in "vk_ads")
    "vk": ("vkontakte", "вконтакте", "mytarget", "vkads"),
    "ok": ("odnoklassniki", "одноклассники"),
    "telegram": ("telegram", "телеграм"),
    "facebook": ("facebook",),
    "instagram": ("instagram", "инстаграм"),
    "x": ("twitter",),
    "youtube": ("youtube", "ютуб"),
}
_NETWORK_TOKENS: dict[str, tuple[str, ...]] = {
    "vk": ("vk", "вк", "vkontakte", "vkads", "vkad", "mytarget"),
    "ok": ("ok", "odnoklassniki", "okru"),
    "telegram": ("tg", "telegram", "tme", "telegra"),
    "facebook": ("fb", "facebook", "meta"),
    "instagram": ("ig", "insta", "instagram"),
    "x": ("x", "twitter", "tw"),
    "youtube": ("yt", "youtube", "youtu"),
}
_EMAIL_WORDS = ("email", "e-mail", "mail", "newsletter", "рассылк", "unisender", "sendpulse", "mailchimp",
                "esputnik", "dashamail", "sendsay", "почт")  # fmt: skip
_DISPLAY_MEDIUMS = ("banner", "display", "cpm", "media", "rtb", "programmatic", "баннер", "медийн")
_YANDEX_AD_WORDS = ("yandex", "яндекс", "direct", "директ", "ya_direct", "yadirect")
_GOOGLE_AD_WORDS = ("google", "adwords", "gads")
_TRAFFIC_SOURCE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # id (documented values) first, then words of the localized names as a fallback
    ("organic", ("organic", "search", "поиск")),
    ("ad", ("ad", "advert", "реклам")),
    ("social", ("social", "социальн")),
    ("direct", ("direct", "прям")),
    ("email", ("email", "mail", "почт")),
    ("messenger", ("messenger", "мессенджер")),
    ("referral", ("referral", "link", "ссылк")),
)


def _norm(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip().lower()


def _tokens(text: str) -> set[str]:
    """Words of ``text``, also with dots removed ("t.me" → "tme", "ok.ru" → "okru")."""
    split = re.compile(r"[^0-9a-zа-яё]+")
    return (set(split.split(text)) | set(split.split(text.replace(".", "")))) - {""}


def network_of(text: Any) -> str | None:
    """The KPI.md social network a social-network id/name, ad system or UTM source names, if any."""
    text = _norm(text)
    if not text:
        return None
    tokens = _tokens(text)
    for network, words in _NETWORK_WORDS.items():
        if any(len(w) > 3 and w in text for w in words):
            return network
    for network, words in _NETWORK_TOKENS.items():
        if tokens & set(words):
            return network
    return None


def _ad_channel(text: Any) -> str | None:
    text = _norm(text)
    if not text:
        return None
    network = network_of(text)
    if network:
        return network  # ads inside a social network belong to that network (KPI.md §1)
    if any(w in text for w in _YANDEX_AD_WORDS) or text in ("ya", "yd"):
        return "yandex_direct"
    if any(w in text for w in _GOOGLE_AD_WORDS):
        return "google_ads"
    return None


def _is_email(utm_source: str, utm_medium: str) -> bool:
    return any(w in utm_medium for w in _EMAIL_WORDS) or any(w in utm_source for w in _EMAIL_WORDS)


def _traffic_source_kind(value: Any) -> str:
    text = _norm(value)
    if not text:
        return ""
    if text in {kind for kind, _ in _TRAFFIC_SOURCE_WORDS}:
        return text
    tokens = _tokens(text)
    for kind, words in _TRAFFIC_SOURCE_WORDS:
        if any((w in tokens) if len(w) <= 3 else (w in text) for w in words):
            return kind
    return text


def channel_of(traffic_source: Any = None, adv_engine: Any = None, social_network: Any = None,
               utm_source: Any = None, utm_medium: Any = None) -> str:  # fmt: skip
    """The KPI.md channel of one Metrica row (traffic source id, ad system, social network, UTM tags).

    A social network (named by Metrica or by ``utm_source``) wins: a paid VK post and an organic one are
    both SMM in VK. Ads: Yandex Direct → ``yandex_direct``, Google Ads → ``google_ads``, ad systems of a
    social network → that network, any other ad system or banner medium → ``display``. Search engines →
    ``seo``, direct visits → ``direct``, newsletters (source "email" or an email UTM tag) → ``email``,
    everything else (links on other sites, internal, recommendation feeds, messengers) → ``other``.
    """
    source = _norm(utm_source)
    medium = _norm(utm_medium)
    network = network_of(social_network) or network_of(source)
    if network:
        return network
    kind = _traffic_source_kind(traffic_source)
    if kind == "ad":
        channel = _ad_channel(adv_engine) or _ad_channel(source)
        if channel:
            return channel
        return "email" if _is_email(source, medium) else "display"
    if kind == "organic":
        return "seo"
    if kind == "email" or _is_email(source, medium):
        return "email"
    if kind == "direct" and not source:
        return "direct"
    if source or medium:
        # tagged traffic Metrica did not classify as ads: the tags decide
        channel = _ad_channel(source)
        if channel:
            return channel
        if any(w in medium for w in _DISPLAY_MEDIUMS):
            return "display"
    if kind == "direct":
        return "direct"
    return "other"


# --------------------------------------------------------------------------------------------------
# Goals: Management API goal list → canonical `goals` with a guessed type

_KIND_TYPES: dict[str, str] = {
    "phone": "call", "call": "call", "conditional_call": "call", "call_tracking": "call",
    "messenger": "message", "email": "message", "chat": "message",
    "form": "form",
    "e_purchase": "sale", "payment_system": "sale", "purchase": "sale",
    "url": "page_visit", "number": "page_visit",
}  # fmt: skip
_NAME_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("consultation", ("консульт", "consult")),
    ("call", ("звон", "звок", "call", "телефон", "phone")),
    ("message", ("сообщени", "чат", "chat", "whatsapp", "viber", "telegram", "телеграм", "мессенджер",
                 "messenger", "написал", "email", "e-mail", "почт")),
    ("form", ("заявк", "форм", "form", "lead", "лид", "анкет", "обратн", "callback", "подписк", "subscribe")),
    ("sale", ("покупк", "оплат", "заказ", "purchase", "order", "checkout", "payment", "sale", "продаж")),
    ("page_visit", ("просмотр", "посещ", "страниц", "page", "visit", "view")),
)  # fmt: skip
_SPECIFIC_KINDS = frozenset({"phone", "call", "conditional_call", "call_tracking", "messenger", "email", "form",
                             "e_purchase", "payment_system", "purchase"})  # fmt: skip


def guess_goal_type(kind: Any, name: Any) -> str:
    """KPI.md goal type from a Metrica goal kind (``phone``, ``form``, ``url``, ``action``…) and its name.

    A kind that says what the goal is (phone, messenger, form, purchase) decides; otherwise the name does
    (a URL goal "Заявка отправлена" is a form, a JS event "Клик по WhatsApp" a message); otherwise a URL or
    page-depth goal is a page visit and anything else is ``other``. The user can change the type.
    """
    kind = _norm(kind)
    name = _norm(name)
    if kind in _SPECIFIC_KINDS:
        return _KIND_TYPES[kind]
    for goal_type, words in _NAME_TYPES:
        # words match at the start of a word: "форм" in "Отправка формы", not in "Оформление заказа"
        if any(re.search(rf"(?<![0-9a-zа-яё]){re.escape(w)}", name) for w in words):
            return goal_type
    return _KIND_TYPES.get(kind, "other")


def goal_key(goal_id: Any) -> str:
    return f"{GOAL_PREFIX}{goal_id}"


def parse_goals(payload: Mapping) -> pd.DataFrame:
    """``GET /management/v1/counter/{id}/goals`` → canonical ``goals`` (goal, name, type) + ``goal_id``."""
    _raise_for_error_body(payload)
    rows = []
    for goal in payload.get("goals") or []:
        goal_id = goal.get("id")
        if goal_id in (None, ""):
            continue
        goal_id = str(int(float(goal_id)))
        name = str(goal.get("name") or f"Goal {goal_id}")
        rows.append({"goal": goal_key(goal_id), "name": name, "type": guess_goal_type(goal.get("type"), name),
                     "goal_id": goal_id})  # fmt: skip
    return pd.DataFrame(rows, columns=["goal", "name", "type", "goal_id"])


def parse_counters(payload: Mapping) -> tuple[list[SourceAccount], int | None]:
    """``GET /management/v1/counters`` → the counters (and the total the API reports in ``rows``)."""
    _raise_for_error_body(payload)
    accounts = []
    for counter in payload.get("counters") or []:
        counter_id = counter.get("id")
        if counter_id in (None, ""):
            continue
        counter_id = str(int(float(counter_id)))
        site = str(counter.get("site") or (counter.get("site2") or {}).get("site") or "")
        name = str(counter.get("name") or site or counter_id)
        details = {k: str(counter[k]) for k in ("status", "owner_login", "permission") if counter.get(k)}
        if site:
            details["site"] = site
        accounts.append(
            SourceAccount(external_id=counter_id, name=name, handle=counter_id,
                          url=f"https://{site}" if site and "://" not in site else site, network=None,
                          details=details)
        )  # fmt: skip
    total = payload.get("rows")
    return accounts, int(float(total)) if total not in (None, "") else None


# --------------------------------------------------------------------------------------------------
# Reporting API answers → rows → canonical frames


def dimensions(attribution: str) -> tuple[str, ...]:
    """The dimensions of every report: day, traffic source, ad system, social network, UTM source/medium."""
    a = attribution
    return (DATE_DIMENSION, f"ym:s:{a}TrafficSource", f"ym:s:{a}AdvEngine", f"ym:s:{a}SocialNetwork",
            f"ym:s:{a}UTMSource", f"ym:s:{a}UTMMedium")  # fmt: skip


def dimension_sets(attribution: str) -> list[tuple[str, ...]]:
    """The dimensions to try, richest first: a counter (or an API version) that refuses one falls back to
    fewer, and the channels then come from what is left (traffic source and social network at least)."""
    a = attribution
    return [
        dimensions(a),
        (DATE_DIMENSION, f"ym:s:{a}TrafficSource", f"ym:s:{a}SocialNetwork", f"ym:s:{a}UTMSource"),
        (DATE_DIMENSION, f"ym:s:{a}TrafficSource", f"ym:s:{a}SocialNetwork"),
        (DATE_DIMENSION, f"ym:s:{a}TrafficSource"),
    ]


@dataclass
class ReportPage:
    """One page of ``/stat/v1/data``: rows as (date, channel, {metric: value or None})."""

    rows: list[tuple[dt.date, str, dict[str, float | None]]]
    total_rows: int
    sampled: bool = False
    sample_share: float | None = None
    received: int = 0  # items in ``data`` (rows without a day included): how far the offset moves


def _number(value: Any) -> float | None:
    """A metric value (float, int or numeric string); None/NaN/"" are "not reported"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if math.isnan(value) else float(value)
    text = str(value).strip()
    if not text or text.lower() in ("null", "nan", "none", "--"):
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return None if math.isnan(number) else number


def _dimension_value(entry: Any) -> str:
    if isinstance(entry, Mapping):
        for key in ("id", "name"):
            value = entry.get(key)
            if value not in (None, ""):
                return str(value)
        return ""
    return "" if entry is None else str(entry)


def _date_of(entry: Any) -> dt.date | None:
    text = str(entry.get("name") or entry.get("id") or "") if isinstance(entry, Mapping) else str(entry or "")
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def parse_report(payload: Mapping, metrics: Iterable[str], dims: Iterable[str]) -> ReportPage:
    """A ``/stat/v1/data`` answer → rows with their day, KPI.md channel and metric values (None = missing).

    The order of dimensions and metrics is the answer's ``query`` when present, else the request's.
    """
    _raise_for_error_body(payload)
    query = payload.get("query") if isinstance(payload.get("query"), Mapping) else {}

    def stated(names: Any, asked: Iterable[str]) -> list[str]:
        # the answer's own order wins when it lists the names asked for; otherwise (names spelled another
        # way, fewer or more of them) the order asked for
        asked = list(asked)
        if isinstance(names, list) and sorted(map(str, names)) == sorted(asked):
            return [str(n) for n in names]
        return asked

    dims = stated(query.get("dimensions"), dims)
    metrics = stated(query.get("metrics"), metrics)
    position = {name: i for i, name in enumerate(dims)}

    def pick(values: list, suffix: str) -> Any:
        for name, i in position.items():
            if name.endswith(suffix) and i < len(values):
                return values[i]
        return None

    rows = []
    data = payload.get("data") if isinstance(payload.get("data"), list) else []
    for item in data:
        if not isinstance(item, Mapping):
            continue
        values = list(item.get("dimensions") or [])
        day = _date_of(values[position[DATE_DIMENSION]]) if DATE_DIMENSION in position else None
        if day is None:
            continue
        channel = channel_of(
            traffic_source=_dimension_value(pick(values, "TrafficSource")),
            adv_engine=_dimension_value(pick(values, "AdvEngine")),
            social_network=_dimension_value(pick(values, "SocialNetwork")),
            utm_source=_dimension_value(pick(values, "UTMSource")),
            utm_medium=_dimension_value(pick(values, "UTMMedium")),
        )
        numbers = list(item.get("metrics") or [])
        rows.append((day, channel, {m: _number(numbers[i]) if i < len(numbers) else None
                                    for i, m in enumerate(metrics)}))  # fmt: skip
    total = _number(payload.get("total_rows"))
    total_rows = int(total) if total is not None else len(rows)
    share = _number(payload.get("sample_share"))
    return ReportPage(rows=rows, total_rows=total_rows, sampled=_flag(payload.get("sampled")), sample_share=share,
                      received=len(data))  # fmt: skip


def _flag(value: Any) -> bool:
    """A JSON boolean, also sent as 1/0 or "true"/"false"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _sum_by_day_channel(rows: Iterable[tuple[dt.date, str, dict[str, float | None]]], metric: str) -> dict:
    """{(day, channel): sum} over rows reporting ``metric``; a group where no row reports it is left out."""
    sums: dict[tuple[dt.date, str], float] = {}
    for day, channel, values in rows:
        value = values.get(metric)
        if value is None:
            continue
        sums[(day, channel)] = sums.get((day, channel), 0.0) + value
    return sums


def _count(value: float) -> int:
    return int(round(value))


def merged_user_groups(rows: Iterable[tuple[dt.date, str, dict[str, float | None]]]) -> set:
    """(day, channel) groups where more than one report row reports users: their sum is not a unique count."""
    seen: dict[tuple[dt.date, str], int] = {}
    for day, channel, values in rows:
        if values.get(USERS) is not None:
            seen[(day, channel)] = seen.get((day, channel), 0) + 1
    return {key for key, count in seen.items() if count > 1}


def build_web(rows: list) -> pd.DataFrame:
    """Canonical ``web`` (date, channel, sessions, users) from report rows with visits and users.

    Sessions add up across the rows a channel merges (VK organic + VK ads); unique users do not (one
    person may come both ways), so a channel made of several rows gets no users (NULL, "not reported")
    rather than an overcount.
    """
    visits = _sum_by_day_channel(rows, VISITS)
    users = _sum_by_day_channel(rows, USERS)
    for key in merged_user_groups(rows):
        users.pop(key, None)
    keys = sorted(set(visits) | set(users))
    return pd.DataFrame(
        [{"date": d, "channel": c, "sessions": _count(visits[(d, c)]) if (d, c) in visits else None,
          "users": _count(users[(d, c)]) if (d, c) in users else None} for d, c in keys],
        columns=["date", "channel", "sessions", "users"],
    ).astype({"sessions": "Int64", "users": "Int64"})  # fmt: skip


def build_goal_reaches(rows: list, goal_ids: Iterable[str]) -> pd.DataFrame:
    """Canonical ``goal_reaches`` (date, channel, goal, reaches); a reported 0 stays 0, a missing value NULL."""
    records = []
    for goal_id in goal_ids:
        sums = _sum_by_day_channel(rows, f"ym:s:goal{goal_id}reaches")
        records += [{"date": d, "channel": c, "goal": goal_key(goal_id), "reaches": _count(v)}
                    for (d, c), v in sums.items()]  # fmt: skip
    records.sort(key=lambda r: (r["date"], r["channel"], r["goal"]))
    return pd.DataFrame(records, columns=["date", "channel", "goal", "reaches"]).astype({"reaches": "Int64"})


def revenue_metric(currency: str) -> str:
    return f"ym:s:ecommerce{currency.upper()}ConvertedRevenue"


def build_sales(rows: list, currency: str) -> pd.DataFrame:
    """Canonical ``sales`` (date, channel, orders, revenue) from e-commerce purchases and revenue."""
    orders = _sum_by_day_channel(rows, PURCHASES)
    revenue = _sum_by_day_channel(rows, revenue_metric(currency))
    keys = sorted(set(orders) | set(revenue))
    return pd.DataFrame(
        [{"date": d, "channel": c, "orders": _count(orders[(d, c)]) if (d, c) in orders else None,
          "revenue": round(revenue[(d, c)], 2) if (d, c) in revenue else None} for d, c in keys],
        columns=["date", "channel", "orders", "revenue"],
    ).astype({"orders": "Int64", "revenue": "Float64"})  # fmt: skip


def metric_batches(metrics: list[str], size: int) -> list[list[str]]:
    """Split metrics into requests of at most ``size`` (the API's cap is 20)."""
    size = max(1, size)
    return [metrics[i : i + size] for i in range(0, len(metrics), size)]


# --------------------------------------------------------------------------------------------------
# Errors: HTTP status + {"errors": [{"error_type", "message"}], "code", "message"}


def _error_text(body: Any) -> tuple[str, str]:
    """(error types, message) of an error body; messages are the API's, they never contain the token."""
    if not isinstance(body, Mapping):
        return "", ""
    errors = body.get("errors") or []
    types = ",".join(str(e.get("error_type") or "") for e in errors if isinstance(e, Mapping))
    message = str(body.get("message") or "; ".join(str(e.get("message") or "") for e in errors
                                                   if isinstance(e, Mapping)))  # fmt: skip
    return types.lower(), message[:300]


def _raise_for_error_body(payload: Any) -> None:
    """An error envelope that came back with HTTP 200 is still an error."""
    if isinstance(payload, Mapping) and payload.get("errors") and not payload.get("data"):
        code = _number(payload.get("code"))
        raise error_from(int(code) if code is not None and code >= 400 else 400, payload, None)


def _is_token_problem(types: str, message: str) -> bool:
    text = f"{types} {message}".lower()
    return any(w in text for w in ("invalid_token", "token", "unauthorized", "oauth"))


def error_from(status: int, body: Any, retry_after: str | None) -> SourceError:
    """The base error for an HTTP status and Metrica error body."""
    types, message = _error_text(body)
    detail = f"Yandex Metrica: HTTP {status}" + (f" — {message}" if message else "")
    if status in (420, 429) or "quota" in types or "limit" in types:
        seconds = None
        if retry_after:
            try:
                seconds = float(retry_after)
            except ValueError:
                seconds = None
        return RateLimited(
            detail, retry_after=seconds, hint="Yandex Metrica quota: the sync will continue later."
        )
    if status == 401 or (status == 403 and _is_token_problem(types, message)):
        return AuthExpired(detail, hint="Reconnect Yandex Metrica: the token is expired or was revoked.")
    if status == 403:
        return PermissionDenied(
            detail, hint="The Yandex account has no access to this counter: ask its owner for access."
        )
    if status == 400:
        return NotSupported(detail)
    return SourceError(detail)


# --------------------------------------------------------------------------------------------------
# The connector


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


@register
class YandexMetricaConnector(ConnectorBase):
    """Yandex Metrica counters → ``web``, ``goals``, ``goal_reaches``, ``sales`` (client added by sync)."""

    info: ClassVar[SourceInfo] = INFO
    defaults: ClassVar[Mapping[str, str]] = DEFAULTS
    # Yandex ID supports PKCE and takes the client secret in the body or as Basic auth.
    oauth: ClassVar[OAuthSpec | None] = OAuthSpec(pkce=True, client_auth="client_secret_post",
                                                  authorize_params={"force_confirm": "yes"})  # fmt: skip
    token_help: ClassVar[Mapping[str, str]] = {
        "ru": "OAuth-токен Яндекса с правом metrika:read: видны все счётчики, к которым у аккаунта есть доступ.",
        "en": "A Yandex OAuth token with metrika:read: every counter the account can access is visible.",
    }

    notes: list[Message]

    # -- settings
    def _setting(self, name: str) -> str:
        return str(self.config.extra.get(name) or DEFAULTS[name])

    def _int_setting(self, name: str) -> int:
        try:
            return int(float(self._setting(name)))
        except ValueError:
            return int(DEFAULTS[name])

    # -- HTTP
    def _token_expired(self) -> bool:
        creds = self.credentials
        if not (creds and creds.expires_at and creds.refresh_token):
            return False
        expires = creds.expires_at if creds.expires_at.tzinfo else creds.expires_at.replace(tzinfo=dt.UTC)
        return expires <= dt.datetime.now(dt.UTC)

    def _backoff(self) -> Backoff:
        return Backoff(sleep=self.sleep, max_attempts=self._int_setting("max_retries"),
                       base_delay=float(self._setting("backoff_seconds")), max_delay=MAX_BACKOFF_SECONDS)  # fmt: skip

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> dict:
        """GET ``path``: throttling and 5xx back off (injected sleep) and retry, an expired token is
        refreshed once (the rotated token goes to ``on_token_refresh``), other errors raise."""
        if self.credentials is None:
            raise AuthExpired("Yandex Metrica: not connected", hint="reconnect")
        if self._token_expired():
            self.refresh_credentials()

        def once() -> dict:
            headers = {
                "Authorization": f"OAuth {self.credentials.access_token}",
                "Accept": "application/json",
            }
            response = send(self.http, "GET", f"{self.config.api_url}{path}", params=params, headers=headers)
            body = _json(response)
            if response.status_code == 200 and isinstance(body, dict):
                _raise_for_error_body(body)
                return body
            raise error_from(response.status_code, body, response.headers.get("Retry-After"))

        try:
            return self._backoff().call(once, retry_on=(RateLimited, TransientError))
        except AuthExpired:
            if self.oauth is None or not self.credentials.refresh_token:
                raise
            self.refresh_credentials()
            return self._backoff().call(once, retry_on=(RateLimited, TransientError))

    # -- Connector protocol
    def whoami(self) -> str:
        """The Yandex login the token belongs to: the owner of the counters it owns (``permission`` "own"),
        else the most frequent owner, else how many counters it sees."""
        accounts = self.list_accounts()
        own = sorted(
            {a.details.get("owner_login", "") for a in accounts if a.details.get("permission") == "own"}
        )
        own = [login for login in own if login]
        if own:
            return own[0]
        owners = Counter(a.details["owner_login"] for a in accounts if a.details.get("owner_login"))
        if owners:
            return owners.most_common(1)[0][0]
        return f"Yandex Metrica ({len(accounts)} counters)"

    def check_token(self):
        """A token that can list counters is good; the owner login identifies the connection."""
        who = self.whoami()
        self.credentials.extra.setdefault("external_id", who)
        return self.credentials

    def list_accounts(self) -> list[SourceAccount]:
        """Every counter the token can read, paged with ``offset`` (1-based) and ``per_page``."""
        per_page = self._int_setting("counters_per_page")
        found: dict[str, SourceAccount] = {}
        params: dict[str, Any] = {"per_page": per_page}  # the first page starts where the API starts
        while True:
            accounts, total = parse_counters(self._get("/management/v1/counters", params))
            new = [a for a in accounts if a.external_id not in found]
            found.update((a.external_id, a) for a in new)
            if not new or total is None or len(found) >= total:
                return list(found.values())
            params = {"per_page": per_page, "offset": len(found) + 1}

    def resolve_account(self, text: str) -> SourceAccount:
        """A counter named by its number (or a metrika.yandex.ru link) among those the token can read."""
        match = re.search(r"(\d{4,})", text or "")
        wanted = match.group(1) if match else (text or "").strip()
        for account in self.list_accounts():
            if account.external_id == wanted:
                return account
        raise PermissionDenied(f"Yandex Metrica: counter {wanted} is not among the counters this account can read",
                               hint="Ask the counter's owner to give this Yandex account access.")  # fmt: skip

    def fetch_goals(self, counter_id: str) -> pd.DataFrame:
        return parse_goals(self._get(f"/management/v1/counter/{counter_id}/goals"))

    def fetch_report(self, counter_id: str, metrics: list[str], window: SyncWindow,
                     dims: tuple[str, ...] | None = None) -> list:  # fmt: skip
        """Every row of one report (one batch of ≤ 20 metrics), page by page; notes sampling."""
        dims = dims or getattr(self, "_dims", None) or dimensions(self._setting("attribution"))
        limit = self._int_setting("page_limit")
        rows: list = []
        offset = 1
        while True:
            params = {
                "ids": counter_id,
                "metrics": ",".join(metrics),
                "dimensions": ",".join(dims),
                "date1": window.since.isoformat(),
                "date2": window.until.isoformat(),
                "accuracy": self._setting("accuracy"),
                "attribution": self._setting("attribution"),  # also spelled out in the dimension names
                "include_undefined": "true",
                "sort": ",".join(dims),
                "limit": limit,
                "offset": offset,
            }
            page = parse_report(self._get("/stat/v1/data", params), metrics, dims)
            rows += page.rows
            if page.sampled:
                sampled = note("metrica_sampled", counter=counter_id,
                               share=f"{page.sample_share:.0%}" if page.sample_share else "?")  # fmt: skip
                if sampled not in self.notes:
                    self.notes.append(sampled)
            # the offset moves by the rows received: an API that sends fewer than ``limit`` loses none
            offset += page.received
            if not page.received or offset > page.total_rows:
                return rows

    def fetch_sessions(self, counter_id: str, window: SyncWindow) -> list:
        """Sessions and users, with the richest set of dimensions the API accepts (kept for the other
        reports of this fetch); a refused ``users`` metric is noted, refused sessions fail the fetch."""
        self._dims = None
        sets = dimension_sets(self._setting("attribution"))
        for dims in sets:
            for metrics in ([VISITS, USERS], [VISITS]):
                try:
                    rows = self.fetch_report(counter_id, metrics, window, dims)
                except NotSupported:
                    continue
                self._dims = dims
                if metrics == [VISITS]:
                    self.notes.append(note("refused", what="users", detail="ym:s:users"))
                if dims != sets[0]:
                    self.notes.append(
                        note("metrica_dimensions", dims=", ".join(d.removeprefix("ym:s:") for d in dims[1:]))
                    )
                return rows
        raise SourceError(f"Yandex Metrica refused the sessions report for counter {counter_id}")

    def _fetch_metrics(
        self, counter_id: str, metrics: list[str], window: SyncWindow
    ) -> tuple[list, list[str]]:
        """Rows for ``metrics``; a batch the API refuses (400) is retried metric by metric, and the
        metrics refused alone are returned as not supported."""
        try:
            return self.fetch_report(counter_id, metrics, window), []
        except NotSupported:
            if len(metrics) == 1:
                return [], list(metrics)
        rows: list = []
        refused: list[str] = []
        for metric in metrics:
            more, bad = self._fetch_metrics(counter_id, [metric], window)
            rows += more
            refused += bad
        return rows, refused

    def fetch(self, account: SourceAccount, window: SyncWindow, progress: Progress) -> FetchResult:
        counter_id = account.external_id
        self.notes = []
        result = FetchResult()
        progress(0.0, "goals")
        goals = self.fetch_goals(counter_id)
        goal_ids = list(goals["goal_id"])
        size = max(1, min(self._int_setting("max_metrics"), 20))
        goal_batches = metric_batches([f"ym:s:goal{g}reaches" for g in goal_ids], size)
        steps = 3 + len(goal_batches)
        done = 1

        progress(done / steps, "sessions")
        sessions = self.fetch_sessions(counter_id, window)
        result.frames["web"] = build_web(sessions)
        merged = sorted({channel for _, channel in merged_user_groups(sessions)})
        if merged:
            self.notes.append(note("metrica_users_merged", channels=", ".join(merged)))
        done += 1

        reached: list = []
        refused_goals: list[str] = []
        for batch in goal_batches:
            progress(done / steps, "goals")
            rows, refused = self._fetch_metrics(counter_id, batch, window)
            reached += rows
            refused_goals += [m.group(1) for m in map(GOAL_METRIC.match, refused) if m]
            done += 1
        if not goals.empty:
            result.frames["goals"] = goals[["goal", "name", "type"]].reset_index(drop=True)
            result.guessed_columns["goals"] = ("type",)
            result.frames["goal_reaches"] = build_goal_reaches(
                reached, [g for g in goal_ids if g not in refused_goals]
            )
        for goal_id in refused_goals:
            name = goals.loc[goals["goal_id"] == goal_id, "name"].iloc[0]
            self.notes.append(note("metrica_goal_refused", goal=goal_id, name=name))

        progress(done / steps, "e-commerce")
        currency = self._setting("currency")
        rows, refused = self._fetch_metrics(counter_id, [PURCHASES, revenue_metric(currency)], window)
        if refused:
            self.notes.append(note("metrica_no_ecommerce"))
        sales = build_sales(rows, currency)
        if not sales.empty:
            result.frames["sales"] = sales
        progress(1.0, "done")
        result.not_supported = list(self.notes)
        return result


__all__ = [
    "DEFAULTS",
    "INFO",
    "YandexMetricaConnector",
    "build_goal_reaches",
    "build_sales",
    "build_web",
    "channel_of",
    "error_from",
    "guess_goal_type",
    "metric_batches",
    "network_of",
    "parse_counters",
    "parse_goals",
    "parse_report",
]
