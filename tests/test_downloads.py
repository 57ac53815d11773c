"""Files the dashboard hands out: the template, and the current data as .xlsx and .csv."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook as open_book

from readiness import load_workbook
from readiness.files.template import ROWS, template_workbook
from readiness.files.writer import data_csv, data_row, data_workbook
from readiness.i18n import LANGUAGES, Translator
from readiness.model import schema as s
from readiness.model.places import registry

FORMULAS = ['=HYPERLINK("http://x.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_blank_template_reads_back_without_a_single_problem(lang):
    result = load_workbook(template_workbook(lang), filename="template.xlsx")
    assert result.problems == [] and result.observations.empty


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_template_has_instructions_drop_downs_and_whole_number_checks(lang):
    t = Translator(lang)
    book = open_book(io.BytesIO(template_workbook(lang)))
    data, notes, lists, villages = book.worksheets
    assert (data.title, notes.title, villages.title) == (
        t("Data"),
        t("Instructions"),
        t("Villages"),
    )
    assert lists.sheet_state == "hidden"
    names = {row[0] for row in lists.iter_rows(values_only=True) if row[0] is not None}
    assert names == {registry().village_name(k, lang) for k in registry().villages}
    checks = {v.type: v for v in data.data_validations.dataValidation}
    assert (
        str(checks["whole"].sqref) == f"E2:E{ROWS + 1} F2:F{ROWS + 1} G2:G{ROWS + 1} H2:H{ROWS + 1}"
    )
    assert checks["whole"].formula1 == "0" and checks["whole"].operator == "greaterThanOrEqual"
    lists_by_column = {str(v.sqref)[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert lists_by_column["B"].endswith(f"!$A$1:$A${len(names)}")
    years = [row[1] for row in lists.iter_rows(values_only=True) if row[1] is not None]
    assert "2025-2026" in years and years == sorted(years)
    assert lists_by_column["C"].endswith(f"!$B$1:$B${len(years)}")
    assert len(list(notes.iter_rows())) >= 7
    project = {str(v.sqref)[0]: v.formula1 for v in villages.data_validations.dataValidation}
    assert set(project) == {"B", "C"} and project["C"] == lists_by_column["C"]
    # Excel refuses (and drops) a list written in the rule itself past 255 characters
    every = [*data.data_validations.dataValidation, *villages.data_validations.dataValidation]
    assert all(len(v.formula1) <= 255 for v in every)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_templates_villages_sheet_sets_the_project_and_an_empty_cell_says_nothing(lang):
    t = Translator(lang)
    book = open_book(io.BytesIO(template_workbook(lang)))
    sheet = book[t("Villages")]
    katran = registry().village_name("Katran", lang)
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == katran)
    row[1].value, row[2].value = ("ооба", "да", "yes")[LANGUAGES.index(lang)], "2014-2015"
    buffer = io.BytesIO()
    book.save(buffer)
    result = load_workbook(buffer.getvalue(), filename="template.xlsx")
    assert result.problems == [] and result.observations.empty
    assert list(result.villages["village"]) == ["Katran"]  # the bare names say nothing
    assert (
        bool(result.villages.at[0, "in_project"])
        and result.villages.at[0, "project_start_year"] == 2014
    )
    assert result.given.loc["Katran"].to_dict() == {
        "municipality": False,
        "district": False,
        "in_project": True,
        "project_start_year": True,
        "latitude": False,
        "longitude": False,
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_filled_template_reads_back_exactly_and_without_problems(lang, demo):
    book = open_book(io.BytesIO(template_workbook(lang)))
    for _, row in demo.observations.iterrows():
        book.worksheets[0].append(data_row(row, lang))
    buffer = io.BytesIO()
    book.save(buffer)
    result = load_workbook(buffer.getvalue(), filename="filled.xlsx")
    assert result.problems == []
    pd.testing.assert_frame_equal(result.observations, demo.observations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_exports_read_back_as_the_same_data(lang, demo):
    xlsx = load_workbook(data_workbook(demo.observations, demo.villages, Translator(lang)))
    text = load_workbook(data_csv(demo.observations, lang), filename="data.csv")
    for result in (xlsx, text):
        assert result.problems == []
        pd.testing.assert_frame_equal(result.observations, demo.observations)
    pd.testing.assert_frame_equal(xlsx.villages, demo.villages)


def _hostile(demo) -> pd.DataFrame:
    rows = demo.observations.head(len(FORMULAS)).copy()
    rows[s.VILLAGE] = pd.array(FORMULAS, dtype="string")
    rows[s.MUNICIPALITY] = pd.array(["=1+1"] * len(FORMULAS), dtype="string")
    return rows


def test_text_that_looks_like_a_formula_is_never_a_formula_in_the_xlsx(demo):
    rows = _hostile(demo)
    villages = demo.villages.head(len(FORMULAS)).assign(
        **{s.VILLAGE: pd.array(FORMULAS, dtype="string")}
    )
    book = open_book(io.BytesIO(data_workbook(rows, villages, Translator("en"))))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    written = [c.value for c in cells if isinstance(c.value, str)]
    assert not any(text.startswith(("=", "+", "-", "@")) for text in written)
    for text in FORMULAS[:4]:
        assert "'" + text in written
    assert " x" in written  # a tab or carriage return is no character of a name: a space


def _cells(text: str, separator: str) -> list[str]:
    """Every cell a spreadsheet program could make of the CSV: split by the csv module and,
    as a careless importer would, on the bare separator with the quotes left in."""
    parsed = [c for row in csv.reader(io.StringIO(text), delimiter=separator) for c in row]
    naive = [c.strip('"') for line in text.splitlines() for c in line.split(separator)]
    return parsed + naive


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_cell_of_the_csv_starts_a_formula_whatever_the_separator(demo, separator):
    names = [*FORMULAS, "Semi;=1+1;", "a,@SUM(A1)", "x\t=cmd|' /C calc'!A0"]
    rows = demo.observations.head(len(names)).copy()
    rows[s.VILLAGE] = pd.array(names, dtype="string")
    rows[s.MUNICIPALITY] = pd.array(["=1+1"] * len(names), dtype="string")
    text = data_csv(rows, "en").decode("utf-8-sig")
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in _cells(text, separator))


@pytest.mark.parametrize(("lang", "separator"), [("ky", ";"), ("ru", ";"), ("en", ",")])
def test_the_csv_splits_on_what_excel_expects_in_the_language(demo, lang, separator):
    text = data_csv(demo.observations.head(3), lang).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    assert len(header) == len(rows[0]) == 8 and len(rows) == 3


def test_every_text_field_of_the_csv_is_quoted_and_reads_back(demo):
    text = data_csv(_hostile(demo), "en").decode("utf-8-sig")
    _header, *rows = list(csv.reader(io.StringIO(text)))
    assert [row[1] for row in rows] == ["'" + f for f in FORMULAS[:4]] + [" x", " x"]
    assert all(row[0] == "'=1+1" for row in rows)
    assert all(line.startswith('"') for line in text.splitlines())


def test_a_name_that_looks_like_a_formula_uploads_again_as_it_was(demo):
    """The ``'`` our downloads put before ``=``, ``+``, ``-`` or ``@`` is ours: the loader takes
    it off again, so that a downloaded file reads back to the same names."""
    names = dict(zip(["Katran", "Ozgorush", "Churbek", "Dargaz"], FORMULAS[:4], strict=True))
    chosen = demo.observations[s.VILLAGE].isin(names) & (demo.observations[s.YEAR] == 2025)
    rows = demo.observations[chosen].copy()
    rows[s.VILLAGE] = rows[s.VILLAGE].map(names).astype("string")
    villages = demo.villages[demo.villages[s.VILLAGE].isin(names)].copy()
    villages[s.VILLAGE] = villages[s.VILLAGE].map(names).astype("string")
    xlsx = load_workbook(data_workbook(rows, villages, Translator("en")), filename="data.xlsx")
    text = load_workbook(data_csv(rows, "en"), filename="data.csv")
    for result in (xlsx, text):
        assert result.ok and set(result.observations[s.VILLAGE]) == set(names.values())
    assert set(xlsx.villages[s.VILLAGE]) == set(names.values())
