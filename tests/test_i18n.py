"""The translation and formatting layer: complete catalogs, language choice, exact on-screen strings."""

import datetime as dt
import math
import string
from decimal import Decimal

import pandas as pd
import pytest

from smmkpi import i18n

NBSP = "\u00a0"  # what Babel/CLDR put between thousands and before "%"/"₽" in Russian
MINUS = "\u2212"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_ru_and_en_catalogs_have_the_same_keys():
    assert set(i18n.CATALOGS["ru"]) == set(i18n.CATALOGS["en"])


def test_translations_use_the_same_placeholders():
    for key, en_text in i18n.CATALOGS["en"].items():
        ru_text = i18n.CATALOGS["ru"][key]
        if isinstance(en_text, dict):
            assert isinstance(ru_text, dict), key
            assert "other" in en_text and "other" in ru_text, key
            ru_names = {frozenset(placeholders(form)) for form in ru_text.values()}
            en_names = {frozenset(placeholders(form)) for form in en_text.values()}
            assert ru_names == en_names, key
        else:
            assert placeholders(ru_text) == placeholders(en_text), key


def test_no_translation_is_empty():
    for lang, catalog in i18n.CATALOGS.items():
        for key, value in catalog.items():
            texts = value.values() if isinstance(value, dict) else [value]
            assert all(text.strip() for text in texts), f"{lang}:{key}"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("ru", "ru"),
        ("RU-ru", "ru"),
        ("en-US,en;q=0.9,ru;q=0.8", "en"),
        ("en-GB", "en"),
        ("de-DE,de;q=0.9", "en"),
        ("de-DE,de;q=0.9,ru;q=0.5", "ru"),
        ("uk-UA,uk;q=0.9", "en"),
        ("uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.5", "ru"),
        ("en;q=0.5,ru;q=0.6", "ru"),
        ("ru;q=0,en", "en"),
        ("en;q=bogus,ru", "ru"),
        ("*", "ru"),
        ("", "ru"),
        (None, "ru"),
    ],
)
def test_detect_language_from_accept_language(header, expected):
    assert i18n.detect_language(header) == expected


def test_default_language_is_russian_and_supported():
    assert i18n.DEFAULT_LANGUAGE == "ru"
    assert i18n.SUPPORTED == ("ru", "en")


def test_t_looks_up_and_formats():
    assert i18n.t("nav.overview", "ru") == "Обзор"
    assert i18n.t("nav.overview", "en") == "Overview"
    assert i18n.t("channel.yandex_direct", "ru") == "Яндекс Директ"
    assert i18n.t("msg.previous_period", "en", period="Mar 2026") == "Previous period: Mar 2026"


def test_t_falls_back_to_english_then_to_the_key(monkeypatch):
    monkeypatch.setitem(i18n.CATALOGS, "ru", {"only.ru": "только"})
    assert i18n.t("nav.overview", "ru") == "Overview"
    assert i18n.t("no.such.key", "ru") == "no.such.key"
    assert i18n.t("nav.overview", "de") == "Overview"


def test_t_plural_picks_the_russian_form():
    assert i18n.t_plural("unit.posts", 1, "ru") == "1 публикация"
    assert i18n.t_plural("unit.posts", 3, "ru") == "3 публикации"
    assert i18n.t_plural("unit.posts", 11, "ru") == "11 публикаций"
    assert i18n.t_plural("unit.posts", 21, "ru") == "21 публикация"
    assert i18n.t_plural("unit.posts", 1234, "ru") == f"1{NBSP}234 публикации"
    assert i18n.t_plural("unit.posts", 1, "en") == "1 post"
    assert i18n.t_plural("unit.posts", 5, "en") == "5 posts"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234567, "ru", None, f"1{NBSP}234{NBSP}567"),
        (1234567, "en", None, "1,234,567"),
        (3.4, "ru", None, "3,4"),
        (3.4, "en", None, "3.4"),
        (1234.4, "ru", 0, f"1{NBSP}234"),
        (1234.5, "ru", 0, f"1{NBSP}235"),  # half-up, as people round (Babel alone rounds half-even)
        (2.5, "en", 0, "3"),
        (2.0, "en", 2, "2.00"),
        (-0.04, "ru", 1, "0,0"),
        (Decimal("12.345"), "en", 2, "12.35"),
    ],
)
def test_format_number(value, lang, decimals, expected):
    assert i18n.format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("fraction", "lang", "expected"),
    [
        (0.034, "ru", f"3,4{NBSP}%"),
        (0.034, "en", "3.4%"),
        (0.0345, "en", "3.5%"),
        (1.25, "ru", f"125,0{NBSP}%"),
        (-0.0001, "en", "0.0%"),
    ],
)
def test_format_percent(fraction, lang, expected):
    assert i18n.format_percent(fraction, lang) == expected


def test_format_percent_decimals():
    assert i18n.format_percent(0.5, "en", decimals=0) == "50%"


@pytest.mark.parametrize(
    ("value", "currency", "lang", "decimals", "expected"),
    [
        (1234567, "RUB", "ru", 0, f"1{NBSP}234{NBSP}567{NBSP}₽"),
        (1234567.4, "RUB", "en", 0, f"RUB{NBSP}1,234,567"),
        (45.678, "RUB", "ru", 2, f"45,68{NBSP}₽"),
        (1234.5, "USD", "en", 2, "$1,234.50"),
        (1234.5, "USD", "ru", 2, f"1{NBSP}234,50{NBSP}$"),
        (1234, "EUR", "en", 0, "€1,234"),
    ],
)
def test_format_money(value, currency, lang, decimals, expected):
    assert i18n.format_money(value, currency, lang, decimals) == expected


def test_format_dates_and_months():
    day = dt.date(2026, 3, 5)
    assert i18n.format_date(day, "ru") == "5 марта 2026"
    assert i18n.format_date(day, "en") == "Mar 5, 2026"
    assert i18n.format_date(pd.Timestamp("2026-03-05 23:30"), "ru") == "5 марта 2026"
    assert i18n.format_month(day, "ru") == "март 2026"
    assert i18n.format_month(day, "en") == "Mar 2026"


def test_format_period_shortens_repeated_parts():
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    assert i18n.format_period(start, end, "ru") == "1—31 мар. 2026\u202fг."
    assert i18n.format_period(start, end, "en") == "Mar 1\u2009–\u200931, 2026"


@pytest.mark.parametrize(
    ("minutes", "ru", "en"),
    [
        (85, f"1{NBSP}ч 25{NBSP}мин", f"1{NBSP}h 25{NBSP}min"),
        (12.6, f"13{NBSP}мин", f"13{NBSP}min"),
        (12.5, f"13{NBSP}мин", f"13{NBSP}min"),
        (60, f"1{NBSP}ч", f"1{NBSP}h"),
        (0, f"0{NBSP}мин", f"0{NBSP}min"),
        (0.4, f"<1{NBSP}мин", f"<1{NBSP}min"),
        (3000, f"2{NBSP}дн. 2{NBSP}ч", f"2{NBSP}d 2{NBSP}h"),
    ],
)
def test_format_duration_minutes(minutes, ru, en):
    assert i18n.format_duration_minutes(minutes, "ru") == ru
    assert i18n.format_duration_minutes(minutes, "en") == en


@pytest.mark.parametrize(
    ("fraction", "lang", "expected"),
    [
        (0.123, "ru", f"+12,3{NBSP}%"),
        (0.123, "en", "+12.3%"),
        (-0.04, "en", f"{MINUS}4.0%"),
        (-0.04, "ru", f"{MINUS}4,0{NBSP}%"),
        (0.0, "en", "0.0%"),
        (-0.0001, "en", "0.0%"),
    ],
)
def test_format_delta_has_an_explicit_sign(fraction, lang, expected):
    assert i18n.format_delta(fraction, lang) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), math.nan, pd.NA, pd.NaT])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_formatter_shows_a_dash_for_a_missing_value(missing, lang):
    assert i18n.format_number(missing, lang) == "—"
    assert i18n.format_percent(missing, lang) == "—"
    assert i18n.format_money(missing, "RUB", lang) == "—"
    assert i18n.format_date(missing, lang) == "—"
    assert i18n.format_month(missing, lang) == "—"
    assert i18n.format_duration_minutes(missing, lang) == "—"
    assert i18n.format_delta(missing, lang) == "—"


def test_languages_are_normalized():
    assert i18n.normalize_language("ru-RU") == "ru"
    assert i18n.normalize_language("EN_us") == "en"
    assert i18n.normalize_language("de") == "en"
    assert i18n.normalize_language(None) == "ru"
    assert i18n.format_number(1234, "ru-RU") == f"1{NBSP}234"
