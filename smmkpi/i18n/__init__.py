"""Translations (ru, en) and locale-aware formatting of numbers, money, dates and durations.

Every formatter returns "—" for a missing value (None, NaN, pandas NA/NaT): not reported is not zero.
Russian output uses the separators Babel/CLDR define: a no-break space (U+00A0) between thousands and
before "%" and "₽", a decimal comma, and a narrow no-break space (U+202F) before "г." in dates.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import math
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_interval as _babel_format_interval
from babel.numbers import NumberPattern, get_currency_symbol, parse_pattern

from smmkpi.i18n import en, ru

SUPPORTED: tuple[str, ...] = ("ru", "en")
DEFAULT_LANGUAGE = "ru"
FALLBACK_LANGUAGE = "en"
MISSING = "—"
MINUS = "\u2212"  # typographic minus used by format_delta
NBSP = "\u00a0"

CATALOGS: dict[str, Mapping[str, str | dict[str, str]]] = {"ru": ru.MESSAGES, "en": en.MESSAGES}

_MONTH_PATTERNS = {"ru": "LLLL y", "en": "LLL y"}
_DATE_PATTERNS = {"ru": "d MMMM y", "en": "MMM d, y"}


# --- Language -------------------------------------------------------------------------------------------


def normalize_language(lang: str | None) -> str:
    """Map "ru", "ru-RU", "EN_us", ... to a supported language; None/"" -> default, others -> English."""
    if not lang:
        return DEFAULT_LANGUAGE
    primary = lang.replace("_", "-").split("-", 1)[0].strip().lower()
    return primary if primary in SUPPORTED else FALLBACK_LANGUAGE


def detect_language(accept_language: str | None) -> str:
    """Choose the UI language from an Accept-Language header.

    The supported language the browser ranks highest wins (q-values respected, q=0 means "not this").
    A header naming only unsupported languages gets English; no header (or only "*") gets the default.
    Languages close to Russian (uk, be, kk) are not mapped to it: their speakers may prefer English,
    and browsers of those who read Russian usually list "ru" as well.
    """
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, *params = (part.strip() for part in item.split(";"))
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, tag))
    if not ranked:
        return DEFAULT_LANGUAGE
    for _, _, tag in sorted(ranked):
        primary = tag.replace("_", "-").split("-", 1)[0].lower()
        if primary in SUPPORTED:
            return primary
    return FALLBACK_LANGUAGE


# --- Messages -------------------------------------------------------------------------------------------


def _lookup(key: str, lang: str) -> str | dict[str, str]:
    for candidate in (normalize_language(lang), FALLBACK_LANGUAGE):
        value = CATALOGS[candidate].get(key)
        if value is not None:
            return value
    return key


def t(key: str, lang: str, **kwargs: Any) -> str:
    """Text for a dotted key in `lang`, formatted with kwargs; falls back to English, then to the key."""
    text = _lookup(key, lang)
    if isinstance(text, dict):
        text = text["other"]
    return text.format(**kwargs) if kwargs else text


def t_plural(key: str, count: float, lang: str, **kwargs: Any) -> str:
    """Text for a plural key ({"one": ..., "few": ..., "many": ..., "other": ...}) chosen by `count`.

    `{count}` in the text is the count formatted for the language ("1 234 публикации").
    """
    lang = normalize_language(lang)
    forms = _lookup(key, lang)
    if not isinstance(forms, dict):
        return forms.format(count=format_number(count, lang), **kwargs)
    form = _locale(lang).plural_form(count)
    text = forms.get(form, forms["other"])
    return text.format(count=format_number(count, lang), **kwargs)


# --- Formatting -----------------------------------------------------------------------------------------


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(normalize_language(lang))


def is_missing(value: Any) -> bool:
    """True for None, NaN, pandas NA and NaT: values that were not reported."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NaT are the only values unequal to themselves
    except TypeError:  # pandas.NA refuses to be a bool
        return True


@cache
def _pattern(lang: str, kind: str, decimals: int) -> NumberPattern:
    """The locale's own decimal or percent pattern with exactly `decimals` fraction digits."""
    locale = _locale(lang)
    base = locale.percent_formats[None] if kind == "percent" else locale.decimal_formats[None]
    pattern = copy.copy(base)
    pattern.frac_prec = (decimals, decimals)
    return pattern


def _apply(pattern: NumberPattern, value: Any, locale: Locale, **kwargs: Any) -> str:
    """Format with half-up rounding (3,45 -> 3,5), as people and spreadsheets round, not Babel's half-even."""
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return pattern.apply(value, locale, **kwargs)


def _unsigned_zero(value: float | Decimal, decimals: int) -> float | Decimal:
    """Avoid "-0,0": a value that rounds to zero is shown without a sign."""
    return 0 if round(value, decimals) == 0 else value


def format_number(value: Any, lang: str, decimals: int | None = None) -> str:
    """1234567 -> "1 234 567" (ru, U+00A0 between groups) / "1,234,567" (en).

    decimals=None shows up to three fraction digits, only as many as needed ("3,4").
    """
    if is_missing(value):
        return MISSING
    if decimals is None:
        pattern = _locale(lang).decimal_formats[None]
    else:
        pattern = _pattern(lang, "decimal", decimals)
        value = _unsigned_zero(value, decimals)
    return _apply(pattern, value, _locale(lang))


def format_percent(fraction: Any, lang: str, decimals: int = 1) -> str:
    """0.034 -> "3,4 %" (ru, U+00A0 before %) / "3.4%" (en)."""
    if is_missing(fraction):
        return MISSING
    fraction = _unsigned_zero(fraction, decimals + 2)
    return _apply(_pattern(lang, "percent", decimals), fraction, _locale(lang))


def format_delta(fraction: Any, lang: str, decimals: int = 1) -> str:
    """A relative change with an explicit sign: 0.123 -> "+12,3 %" (ru) / -0.04 -> "−4.0%" (en).

    The minus is U+2212. Note that st.metric(delta=...) only detects an ASCII "-" as negative, so pass
    delta_arrow/delta_color explicitly when showing this string there.
    """
    if is_missing(fraction):
        return MISSING
    text = format_percent(abs(fraction), lang, decimals)
    if round(fraction * 100, decimals) == 0:
        return text
    return ("+" if fraction > 0 else MINUS) + text


def _currency_spacing(pattern: str, symbol: str) -> str:
    """Put a no-break space between a letter-like currency symbol and the digits ("RUB 1,234").

    CLDR asks for this (currencySpacing) and Babel does not apply it; "$" and "₽" stay attached.
    """
    index = pattern.find("¤")
    if index < 0:
        return pattern
    before, after = pattern[index - 1 : index], pattern[index + 1 : index + 2]
    if after and after in "#0" and not unicodedata.category(symbol[-1]).startswith("S"):
        return pattern[: index + 1] + NBSP + pattern[index + 1 :]
    if before and before in "#0" and not unicodedata.category(symbol[0]).startswith("S"):
        return pattern[:index] + NBSP + pattern[index:]
    return pattern


@cache
def _currency_pattern(lang: str, currency: str, decimals: int) -> tuple[NumberPattern, Locale]:
    locale = _locale(lang)
    symbol = get_currency_symbol(currency, locale=locale)
    text = ";".join(
        _currency_spacing(part, symbol) for part in locale.currency_formats["standard"].pattern.split(";")
    )
    pattern = parse_pattern(text)
    pattern.frac_prec = (decimals, decimals)
    return pattern, locale


def format_money(value: Any, currency: str, lang: str, decimals: int = 0) -> str:
    """1234567 RUB -> "1 234 567 ₽" (ru) / "RUB 1,234,567" (en), with U+00A0 as the spaces."""
    if is_missing(value):
        return MISSING
    pattern, locale = _currency_pattern(normalize_language(lang), currency.upper(), decimals)
    return _apply(
        pattern, _unsigned_zero(value, decimals), locale, currency=currency.upper(), currency_digits=False
    )


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def format_date(d: Any, lang: str) -> str:
    """2026-03-05 -> "5 марта 2026" (ru) / "Mar 5, 2026" (en)."""
    if is_missing(d):
        return MISSING
    lang = normalize_language(lang)
    return _babel_format_date(_as_date(d), _DATE_PATTERNS[lang], locale=_locale(lang))


def format_month(d: Any, lang: str) -> str:
    """Any day of March 2026 -> "март 2026" (ru) / "Mar 2026" (en)."""
    if is_missing(d):
        return MISSING
    lang = normalize_language(lang)
    return _babel_format_date(_as_date(d), _MONTH_PATTERNS[lang], locale=_locale(lang))


def format_period(start: Any, end: Any, lang: str) -> str:
    """An inclusive date range, shortened where parts repeat (CLDR): "1—31 мар. 2026 г." / "Mar 1 – 31, 2026"."""
    if is_missing(start) or is_missing(end):
        return MISSING
    return _babel_format_interval(_as_date(start), _as_date(end), "yMMMd", locale=_locale(lang))


def format_duration_minutes(minutes: Any, lang: str) -> str:
    """85 -> "1 ч 25 мин" / "1 h 25 min"; from a day on, days and hours ("2 дн. 3 ч"); under a minute "<1 мин"."""
    if is_missing(minutes):
        return MISSING
    unit_min, unit_h, unit_d = (t(f"unit.{u}_short", lang) for u in ("minutes", "hours", "days"))
    total = math.floor(minutes + 0.5)  # half-up, like the number formatters
    if total == 0 and minutes > 0:
        return f"<1{NBSP}{unit_min}"
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        parts = [(days, unit_d), (hours, unit_h)]
    elif hours:
        parts = [(hours, unit_h), (mins, unit_min)]
    else:
        parts = [(mins, unit_min)]
    shown = [f"{format_number(n, lang)}{NBSP}{unit}" for n, unit in parts if n or len(parts) == 1]
    return " ".join(shown)
