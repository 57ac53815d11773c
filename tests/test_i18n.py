"""Translation: every message has a translation in every catalogue; numbers follow the locale."""

from __future__ import annotations

import re
import string

import pandas as pd
import pytest

from readiness.i18n import LANGUAGES, MISSING, Translator, language_or_default
from readiness.messages import read_catalogue, template

MESSAGES = [m for m in template() if m.id]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_code_has_messages_to_translate():
    assert len(MESSAGES) > 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_in_the_code_is_translated(lang):
    catalogue = read_catalogue(lang)
    untranslated = [
        m.id
        for m in MESSAGES
        if (found := catalogue.get(m.id)) is None or not found.string or found.fuzzy
    ]
    assert untranslated == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_message(lang):
    catalogue = read_catalogue(lang)
    wrong = [
        (m.id, catalogue[m.id].string)
        for m in MESSAGES
        if isinstance(m.id, str) and _placeholders(m.id) != _placeholders(catalogue[m.id].string)
    ]
    assert wrong == []


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_kyrgyz_and_russian_are_not_left_in_english(lang):
    catalogue = read_catalogue(lang)
    latin_only = [
        m.id
        for m in MESSAGES
        if isinstance(m.id, str)
        and re.search("[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", "", m.id))  # words, not {names}
        and not re.search("[А-Яа-яЁёҢңӨөҮү]", catalogue[m.id].string)
    ]
    assert latin_only == []


@pytest.mark.parametrize(
    ("lang", "number", "share", "points", "count"),
    [
        ("ky", "1\u00a0234", "24%", "+5 п.п.", "240 баланын ичинен 62"),
        ("ru", "1\u00a0234", "24\u00a0%", "+5 п.п.", "62 из 240"),
        ("en", "1,234", "24%", "+5 p.p.", "62 of 240"),
    ],
)
def test_numbers_follow_the_chosen_locale(lang, number, share, points, count):
    t = Translator(lang)
    assert t.number(1234) == number
    assert t.percent(0.243) == share
    assert t.points(0.052) == points
    assert t.share(62, 240) == count


def test_a_change_carries_its_sign_and_zero_has_none():
    t = Translator("en")
    assert [t.signed(v) for v in (12, -3, 0)] == ["+12", "−3", "0"]
    assert t.points(-0.04) == "−4 p.p."


@pytest.mark.parametrize("missing", [None, pd.NA, float("nan")])
def test_missing_is_shown_as_missing_never_as_zero(missing):
    t = Translator("ky")
    assert t.number(missing) == MISSING
    assert t.percent(missing) == MISSING
    assert t.points(missing) == MISSING


def test_school_years_read_as_both_calendar_years():
    assert Translator("ru").school_year(2015) == "2015–2016"


@pytest.mark.parametrize(("asked", "lang"), [("EN", "en"), (" Ru ", "ru"), ("ky", "ky")])
def test_a_language_code_is_read_in_any_case(asked, lang):
    assert language_or_default(asked) == lang


@pytest.mark.parametrize("asked", ["de", "", None, "KYR", "<script>", 7])
def test_an_unknown_language_falls_back_to_kyrgyz(asked):
    assert language_or_default(asked) == "ky"
    assert Translator(asked).lang == "ky"


def test_each_language_translates_the_same_word_its_own_way():
    words = {lang: Translator(lang)("School readiness") for lang in LANGUAGES}
    assert words == {
        "ky": "Мектепке даярдык",
        "ru": "Готовность к школе",
        "en": "School readiness",
    }


@pytest.mark.parametrize(
    ("lang", "rate", "separators"),
    [("en", "26% (62 of 240)", ".,"), ("ru", "26\u00a0% (62 из 240)", ",\u00a0")],
)
def test_a_rate_carries_its_counts_and_plotly_gets_the_locales_marks(lang, rate, separators):
    t = Translator(lang)
    assert t.rate(62, 240) == rate
    assert t.rate(0, 0) == t("no data") and t.rate(pd.NA, 240) == t("no data")
    assert t.separators == separators
