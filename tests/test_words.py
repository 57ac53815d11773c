"""Recognising what people write: headers, village names, school years and numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.ingest.values import parse_count, parse_year, parse_yes_no
from readiness.ingest.words import match_header, normalise
from readiness.model.places import registry
from readiness.model.problems import Code


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("3-6 жаштагы балдардын саны", "children_3_6"),
        ("Кол-во детей 3-6 лет", "children_3_6"),
        ("Кол-во детй 3-6 лет", "children_3_6"),  # a dropped letter
        ("ДАЯРДЫГЫ ЖОК БАЛДАР", "grade1_not_ready"),
        ("Даярдыгы бар", "grade1_ready"),
        ("Из них подготовлены к школе", "grade1_ready"),
        ("Не подготовлены", "grade1_not_ready"),
        ("1-класска келген (кабыл алынган) балдар", "grade1_entrants"),
        ("Айылдын аталышы", "village"),
        ("Айыл аймагы", "municipality"),
        ("Населенный пункт", "village"),
        ("Учебный год", "year"),
        ("Children aged 3-6", "children_3_6"),
        ("Охват, %", "coverage"),
        ("Эскертүү", None),
    ],
)
def test_headers_in_three_languages_name_their_field(header, field):
    assert match_header(header)[0] == field


def test_normalising_folds_case_spaces_punctuation_and_kyrgyz_letters():
    assert normalise("  Өзгөрүш ") == normalise("озгоруш") == "озгоруш"
    assert normalise("Жаңы-Турмуш") == normalise("жаны турмуш")
    assert normalise("Населённый пункт") == normalise("населенный  пункт")


@pytest.mark.parametrize(
    "written",
    ["Өзгөрүш", "Озгоруш", "Ozgorush", "ОЗГОРУШ", "Өзгөруш", "Озгорш"],
)
def test_every_spelling_of_a_village_finds_its_key(written):
    assert registry().match_village(written) == "Ozgorush"


@pytest.mark.parametrize("written", ["Жаңы-Турмуш", "Жаны-Турмуш", "Джаны-Турмуш", "Jangy-Turmush"])
def test_jangy_turmush_in_its_spellings(written):
    assert registry().match_village(written) == "Jangy-Turmush"


def test_an_unknown_place_is_not_forced_onto_a_known_one():
    assert registry().match_village("Кызыл-Жылдыз") is None
    assert registry().match_municipality("Катранский айылный аймак") == "Katran"


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("2015-2016", 2015),
        ("2015/16", 2015),
        ("2015-2016-окуу жылы", 2015),
        ("2015-2016 уч. год", 2015),
        ("2015 – 2016", 2015),
        (2015, 2015),
        (2015.0, 2015),
        (dt.date(2015, 9, 1), 2015),
        (dt.date(2016, 3, 1), 2015),
    ],
)
def test_school_years_in_their_many_spellings(written, year):
    assert parse_year(written) == (year, None)


@pytest.mark.parametrize("written", ["2015-2017", "окуу жылы", "", 15])
def test_what_is_not_a_school_year(written):
    assert parse_year(written) == (None, Code.BAD_YEAR)


@pytest.mark.parametrize(
    ("written", "count"),
    [
        (35, 35),
        (35.0, 35),
        ("35 ", 35),
        ("1 024", 1024),
        ("1\u00a0024", 1024),
        ("30,0", 30),
        ("н/д", None),
        ("-", None),
        ("—", None),
        ("", None),
        ("маалымат жок", None),
    ],
)
def test_counts_typed_as_text_and_marks_of_no_data(written, count):
    assert parse_count(written) == (count, None)


@pytest.mark.parametrize(
    ("written", "code"), [("35%", Code.BAD_NUMBER), (2.5, Code.NOT_WHOLE), (True, Code.BAD_NUMBER)]
)
def test_what_is_not_a_count(written, code):
    assert parse_count(written) == (None, code)


@pytest.mark.parametrize(
    ("written", "answer"),
    [("Ооба", True), ("жок", False), ("Да", True), ("нет", False), ("yes", True), (True, True)],
)
def test_yes_and_no_in_three_languages(written, answer):
    assert parse_yes_no(written) == (answer, None)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_dashboards_own_word_for_the_total_reads_back_as_the_total(lang):
    """A file an analyst copies from the screen (the Data page and the preview say "Girls and
    boys" for the total) must read, not be refused as an unknown sex."""
    from readiness.i18n import Translator
    from readiness.ingest.values import parse_sex

    shown = Translator(lang)("Girls and boys")
    assert parse_sex(shown) == ("total", None)
    assert parse_sex(shown.upper()) == ("total", None)
