"""The KPI registry as data: every KPI of KPI.md §4 with its group, unit, direction, names and formula.

A leaf module: pages, reports and the CLI read names, tooltips and units from here, and the KPI engine
(smmkpi/kpi.py) computes the values under the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smmkpi import i18n

UNITS = ("count", "ratio", "money", "minutes")
GROUPS = ("audience", "content", "communication", "traffic", "goals", "money")
GOAL_TYPES = ("call", "message", "consultation", "form", "page_visit", "sale", "other")


@dataclass(frozen=True, eq=False)
class Metric:
    key: str
    group: str
    unit: str
    lower_is_better: bool
    additive: bool
    label: dict[str, str]
    help: dict[str, str]

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"{self.key}: unit {self.unit!r} is not one of {UNITS}")
        if self.group not in GROUPS:
            raise ValueError(f"{self.key}: group {self.group!r} is not one of {GROUPS}")


def _m(
    key: str,
    group: str,
    unit: str,
    label: tuple[str, str],
    help: tuple[str, str],
    *,
    additive: bool = False,
    lower_is_better: bool = False,
) -> Metric:
    """Compact constructor: label and help are (ru, en) pairs."""
    return Metric(
        key=key,
        group=group,
        unit=unit,
        lower_is_better=lower_is_better,
        additive=additive,
        label={"ru": label[0], "en": label[1]},
        help={"ru": help[0], "en": help[1]},
    )


_GOAL_LABELS = {
    "call": ("Звонки", "Calls"),
    "message": ("Сообщения", "Messages"),
    "consultation": ("Консультации", "Consultations"),
    "form": ("Заявки", "Form submissions"),
    "page_visit": ("Посещения страниц", "Page visits"),
    "sale": ("Продажи по целям", "Sale goals"),
    "other": ("Другие цели", "Other goals"),
}


def _goal_type_metric(goal_type: str) -> Metric:
    ru_name = i18n.t(f"goal_type.{goal_type}", "ru")
    en_name = i18n.t(f"goal_type.{goal_type}", "en")
    return _m(
        f"goal_reaches.{goal_type}",
        "goals",
        "count",
        _GOAL_LABELS[goal_type],
        (
            f"Σ достижений целей типа «{ru_name}» за период",
            f"Σ completions of goals of type “{en_name}” in the period",
        ),
        additive=True,
    )


_REGISTRY: list[Metric] = [
    # --- Audience
    _m(
        "followers_end",
        "audience",
        "count",
        ("Подписчики", "Followers"),
        (
            "Подписчики на последний день периода, за который есть данные; сумма по аккаунтам",
            "Followers on the last day of the period that has a value, summed over accounts",
        ),
    ),
    _m(
        "followers_start",
        "audience",
        "count",
        ("Подписчики на начало периода", "Followers at start"),
        (
            "Подписчики на последний день до начала периода (если его нет — первое значение в периоде); "
            "сумма по аккаунтам",
            "Followers on the last day before the period (if none, the first value inside it), "
            "summed over accounts",
        ),
    ),
    _m(
        "follower_growth",
        "audience",
        "count",
        ("Прирост подписчиков", "Follower growth"),
        (
            "Подписчики на конец периода − подписчики на начало периода",
            "Followers at end of period − followers at start",
        ),
        additive=True,
    ),
    _m(
        "follower_growth_rate",
        "audience",
        "ratio",
        ("Темп прироста подписчиков", "Follower growth rate"),
        (
            "Прирост подписчиков / подписчики на начало периода",
            "Follower growth / followers at start of period",
        ),
    ),
    _m(
        "followers_gained",
        "audience",
        "count",
        ("Подписались", "New followers"),
        ("Σ подписавшихся за дни периода", "Σ new followers over the days of the period"),
        additive=True,
    ),
    _m(
        "followers_lost",
        "audience",
        "count",
        ("Отписались", "Unfollows"),
        ("Σ отписавшихся за дни периода", "Σ unfollows over the days of the period"),
    ),
    _m(
        "churn_rate",
        "audience",
        "ratio",
        ("Доля отписок", "Churn rate"),
        ("Отписались / подписчики на начало периода", "Unfollows / followers at start of period"),
        lower_is_better=True,
    ),
    _m(
        "reach",
        "audience",
        "count",
        ("Охват", "Reach"),
        ("Σ дневного охвата за период", "Σ daily reach over the period"),
        additive=True,
    ),
    _m(
        "reach_growth_rate",
        "audience",
        "ratio",
        ("Рост охвата", "Reach growth"),
        (
            "(Охват − охват прошлого периода) / охват прошлого периода",
            "(Reach − reach of the previous period) / reach of the previous period",
        ),
    ),
    _m(
        "views",
        "audience",
        "count",
        ("Просмотры", "Views"),
        ("Σ дневных просмотров за период", "Σ daily views over the period"),
        additive=True,
    ),
    _m(
        "avg_post_reach",
        "audience",
        "count",
        ("Средний охват поста", "Avg post reach"),
        (
            "Среднее охвата по постам периода, у которых охват известен",
            "Mean reach over the period's posts that report reach",
        ),
    ),
    _m(
        "reach_rate",
        "audience",
        "ratio",
        ("Охват к подписчикам", "Reach rate"),
        (
            "Средний охват поста / подписчики на конец периода",
            "Avg post reach / followers at end of period",
        ),
    ),
    # --- Content and engagement
    _m(
        "posts",
        "content",
        "count",
        ("Публикации", "Posts"),
        ("Число постов, опубликованных за период", "Number of posts published in the period"),
        additive=True,
    ),
    _m(
        "engagements",
        "content",
        "count",
        ("Реакции", "Engagements"),
        (
            "Σ лайков, комментариев, репостов и сохранений постов периода",
            "Σ likes + comments + shares + saves of the period's posts",
        ),
        additive=True,
    ),
    _m(
        "er_reach",
        "content",
        "ratio",
        ("ERR — вовлечённость по охвату", "ER by reach (ERR)"),
        (
            "Σ реакций постов / Σ охвата постов, по постам периода с известным охватом",
            "Σ post engagements / Σ post reach, over the period's posts that report reach",
        ),
    ),
    _m(
        "er_views",
        "content",
        "ratio",
        ("ERV — вовлечённость по просмотрам", "ER by views"),
        (
            "Σ реакций постов / Σ просмотров постов, по постам периода с известными просмотрами",
            "Σ post engagements / Σ post views, over the period's posts that report views",
        ),
    ),
    _m(
        "er_followers",
        "content",
        "ratio",
        ("ER — вовлечённость по подписчикам", "ER by followers"),
        (
            "Среднее по постам периода: реакции поста / подписчики аккаунта в день публикации",
            "Mean over the period's posts of post engagements / the account's followers on the publish date",
        ),
    ),
    _m(
        "virality",
        "content",
        "ratio",
        ("Виральность", "Virality"),
        (
            "Σ репостов / Σ охвата, по постам периода, где известно и то и другое",
            "Σ shares / Σ reach, over the period's posts that report both",
        ),
    ),
    # --- Communication
    _m(
        "interactions_in",
        "communication",
        "count",
        ("Обращения", "Incoming"),
        (
            "Число комментариев и сообщений, полученных за период",
            "Number of comments and messages received in the period",
        ),
        additive=True,
    ),
    _m(
        "response_rate",
        "communication",
        "ratio",
        ("Доля отвеченных", "Response rate"),
        (
            "Отвеченные / полученные обращения, по обращениям периода (ответ в любой момент, в том числе позже)",
            "Answered / received, over interactions received in the period (answered at any time, also later)",
        ),
    ),
    _m(
        "median_response_minutes",
        "communication",
        "minutes",
        ("Медианное время ответа", "Median response time"),
        (
            "Медиана времени от обращения до ответа, по отвеченным обращениям периода",
            "Median time from receipt to answer, over answered interactions received in the period",
        ),
        lower_is_better=True,
    ),
    _m(
        "messages_in",
        "communication",
        "count",
        ("Входящие сообщения", "Incoming messages"),
        (
            "Σ входящих личных сообщений из дневной статистики аккаунта",
            "Σ incoming direct messages from the account's daily statistics",
        ),
    ),
    # --- Traffic
    _m(
        "link_clicks",
        "traffic",
        "count",
        ("Переходы по ссылкам", "Link clicks"),
        (
            "Σ кликов по ссылкам из дневной статистики аккаунта (если её нет — из постов периода)",
            "Σ link clicks from the account's daily statistics (from the period's posts when those lack them)",
        ),
        additive=True,
    ),
    _m(
        "ctr",
        "traffic",
        "ratio",
        ("CTR", "CTR"),
        ("Переходы по ссылкам / охват", "Link clicks / reach"),
    ),
    _m(
        "sessions",
        "traffic",
        "count",
        ("Визиты на сайт", "Site sessions"),
        (
            "Σ визитов на сайт из соцсетей (Яндекс Метрика, GA4 или вручную)",
            "Σ site sessions from social networks (Yandex Metrica, GA4 or manual)",
        ),
        additive=True,
    ),
    _m(
        "click_to_session",
        "traffic",
        "ratio",
        ("Доля дошедших до сайта", "Click-to-session"),
        ("Визиты на сайт / переходы по ссылкам", "Site sessions / link clicks"),
    ),
    # --- Goals
    _m(
        "goal_reaches",
        "goals",
        "count",
        ("Достижения целей", "Goal completions"),
        ("Σ достижений всех целей за период", "Σ completions of all goals in the period"),
        additive=True,
    ),
    *(_goal_type_metric(goal_type) for goal_type in GOAL_TYPES),
    _m(
        "leads",
        "goals",
        "count",
        ("Лиды", "Leads"),
        (
            "Σ достижений целей типа звонок, сообщение, консультация и заявка",
            "Σ completions of call, message, consultation and form goals",
        ),
        additive=True,
    ),
    _m(
        "conversion_rate",
        "goals",
        "ratio",
        ("Конверсия в лид", "Lead conversion"),
        ("Лиды / визиты на сайт", "Leads / site sessions"),
    ),
    _m(
        "orders",
        "goals",
        "count",
        ("Продажи", "Orders"),
        ("Σ продаж за период", "Σ orders in the period"),
        additive=True,
    ),
    _m(
        "revenue",
        "goals",
        "money",
        ("Выручка", "Revenue"),
        ("Σ выручки за период", "Σ revenue in the period"),
        additive=True,
    ),
    # --- Money
    _m(
        "cost",
        "money",
        "money",
        ("Затраты на SMM", "SMM cost"),
        (
            "Σ всех затрат: реклама, оплата агентства или специалиста, зарплата, производство, сервисы, прочее",
            "Σ all costs: ads, agency or specialist fees, salary, production, tools, other",
        ),
        additive=True,
    ),
    _m(
        "ad_cost",
        "money",
        "money",
        ("Из них реклама", "Ad spend"),
        ("Σ затрат на рекламу", "Σ costs of kind ads"),
    ),
    _m(
        "cpc",
        "money",
        "money",
        ("Цена перехода", "Cost per visit"),
        (
            "Затраты / визиты на сайт (если визиты не переданы — затраты / переходы по ссылкам)",
            "Cost / site sessions (cost / link clicks when sessions are not reported)",
        ),
        lower_is_better=True,
    ),
    _m(
        "cpl",
        "money",
        "money",
        ("Цена лида", "Cost per lead"),
        ("Затраты / лиды", "Cost / leads"),
        lower_is_better=True,
    ),
    _m(
        "cps",
        "money",
        "money",
        ("Цена продажи", "Cost per sale"),
        ("Затраты / продажи", "Cost / orders"),
        lower_is_better=True,
    ),
    _m(
        "cpf",
        "money",
        "money",
        ("Цена подписчика", "Cost per follower"),
        ("Затраты / подписавшиеся за период", "Cost / new followers"),
        lower_is_better=True,
    ),
    _m(
        "romi",
        "money",
        "ratio",
        ("ROMI", "ROMI"),
        ("(Выручка − затраты) / затраты", "(Revenue − cost) / cost"),
    ),
]

METRICS: dict[str, Metric] = {metric.key: metric for metric in _REGISTRY}
KPI_KEYS: tuple[str, ...] = tuple(METRICS)


def keys_in_group(group: str) -> tuple[str, ...]:
    """KPI keys of one group, in registry order."""
    return tuple(key for key, metric in METRICS.items() if metric.group == group)


def label(key: str, lang: str) -> str:
    """Short on-screen name of a KPI."""
    return METRICS[key].label[i18n.normalize_language(lang)]


def help_text(key: str, lang: str) -> str:
    """The KPI's formula, written for a marketer (tooltip text)."""
    return METRICS[key].help[i18n.normalize_language(lang)]


def format_metric(key: str, value: Any, lang: str, currency: str = "RUB") -> str:
    """A KPI value for the screen: counts as numbers, ratios (ROMI too) as %, money, durations; None -> "—"."""
    unit = METRICS[key].unit
    if i18n.is_missing(value):
        return i18n.MISSING
    if unit == "ratio":
        return i18n.format_percent(value, lang)
    if unit == "money":
        return i18n.format_money(value, currency, lang, decimals=2 if abs(value) < 100 else 0)
    if unit == "minutes":
        return i18n.format_duration_minutes(value, lang)
    return i18n.format_number(value, lang, decimals=0)
