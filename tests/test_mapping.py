"""The analyst's table choices on the Upload page become a recipe that fits next year's file."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

from readiness import load_workbook
from readiness.i18n import Translator
from readiness.ingest.recipe import TableChoice
from readiness.model import schema as s
from readiness.views.mapping import recipe_from, remembered, table_choice

FOUND = TableChoice("Data", 1, 1, 5)  # header on row 2, data to row 6 (counted from 1)


def test_an_untouched_sheet_gives_no_choice():
    assert table_choice("Data", (2, 2, 6, False), FOUND, None) is None


def test_new_header_rows_do_not_pin_the_last_row_the_reader_found():
    chosen = table_choice("Data", (1, 2, 6, False), FOUND, None)
    assert chosen == TableChoice("Data", 0, 1, None)


def test_a_last_row_the_analyst_moves_is_kept():
    assert table_choice("Data", (2, 2, 4, False), FOUND, None) == TableChoice("Data", 1, 1, 3)


def test_a_pinned_last_row_stays_until_the_analyst_clears_it():
    pinned = TableChoice("Data", 1, 1, 3)
    shown = TableChoice("Data", 1, 1, 3)
    assert table_choice("Data", (2, 2, 4, False), shown, pinned) is None
    assert table_choice("Data", (2, 2, 0, False), shown, pinned) == TableChoice("Data", 1, 1)


def test_no_first_header_row_is_no_choice():
    assert table_choice("Data", (0, 3, 9, True), FOUND, None) is None


def test_a_turned_sheet_is_a_choice_and_goes_into_the_recipe():
    chosen = table_choice("Data", (2, 2, 6, True), FOUND, None)
    assert chosen == TableChoice("Data", 1, 1, None, True)
    recipe = recipe_from(None, [], [chosen], "a.xlsx")
    assert recipe is not None and recipe.tables == (chosen,)


def _numbered_header_file(entrants="Келгендер", numbers=(1, 2, 3, 4, 5, 6)) -> bytes:
    book = Workbook()
    rows = [
        ["Айыл", "Окуу жылы", "3-6 жаштагы балдар", "Бала бакчага барган", entrants, "Даяр"],
        list(numbers),  # the column numbers many forms print under the header
        ["Катран", "2015-2016", 240, 62, 60, 30],
    ]
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_remembered_header_is_kept_by_its_words_not_the_column_number_under_it():
    t = Translator("en")
    edited = pd.DataFrame(
        {
            t("Header in the file"): ["Келгендер / 5"],
            t("Read as"): [t("Grade 1 entrants")],
            t("Remember this header"): [True],
        }
    )
    assert remembered(edited, t) == {"келгендер": (s.ENTRANTS, "Келгендер / 5")}
    result = load_workbook(_numbered_header_file(), vocabulary={"келгендер": s.ENTRANTS})
    assert result.ok, [p.message("en") for p in result.problems]
    assert result.observations[s.ENTRANTS].tolist() == [60]


def test_a_row_of_column_numbers_under_the_header_is_not_data():
    file = _numbered_header_file("1-класска келген", ("1", "2", "3", "4", "5", "6"))
    result = load_workbook(file)
    assert result.ok and result.problems == []
    assert result.observations[s.CHILDREN].tolist() == [240]
    shifted = load_workbook(_numbered_header_file("1-класска келген", (1, 2, 3, 5, 6, 7)))
    assert not shifted.ok  # not one more each time: a row of data, read (and refused) as such
