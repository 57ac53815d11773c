"""Every format we claim to read, recognised by its content and never by its name."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from fixtures import hostile_formats as formats
from fixtures import layouts
from msoffcrypto.format.ooxml import OOXMLFile
from test_layouts import canonical, totals_only

from readiness import load_workbook
from readiness.model import schema as s

FRAME = totals_only(canonical(villages=("Katran", "Jangy-Turmush"), years=range(2014, 2016)))


def rows(lang: str = "ru") -> list[list[object]]:
    return layouts.long_rows(FRAME, lang)


def assert_frame(result) -> None:
    assert result.ok, [p.message("en") for p in result.problems]
    got = result.observations.drop(columns=s.MUNICIPALITY)
    pd.testing.assert_frame_equal(got, FRAME.drop(columns=s.MUNICIPALITY))


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1251", ";"), ("utf-16", "\t"), ("utf-8", "\t")],
)
def test_csv_in_the_encodings_and_separators_excel_writes(encoding, separator):
    data = layouts.to_csv(rows(), encoding=encoding, separator=separator)
    assert_frame(load_workbook(data, filename="data.csv"))


def test_a_text_file_is_read_like_a_csv():
    data = layouts.to_csv(rows("ky"), encoding="utf-8", separator="\t")
    assert_frame(load_workbook(io.BytesIO(data), filename="маалымат.txt"))


def test_excel_97_2003_xls():
    assert_frame(load_workbook(layouts.to_xls(rows()), filename="old.xls"))


def test_opendocument_ods():
    assert_frame(load_workbook(layouts.to_ods(rows("ky")), filename="libre.ods"))


def test_macro_enabled_xlsm_is_read_for_its_cells_only():
    assert_frame(load_workbook(layouts.to_xlsm(rows("en")), filename="macros.xlsm"))


def test_a_path_bytes_and_a_file_object_give_the_same_result(tmp_path):
    data = layouts.long(FRAME, "ky")
    path = tmp_path / "file.xlsx"
    path.write_bytes(data)
    for source in (path, str(path), data, io.BytesIO(data)):
        assert_frame(load_workbook(source))


def test_the_name_does_not_decide_the_format():
    assert_frame(load_workbook(layouts.long(FRAME, "ru"), filename="misnamed.csv"))
    assert_frame(load_workbook(layouts.to_csv(rows()), filename="misnamed.xlsx"))


def test_a_password_protected_workbook_is_named_as_such():
    plain = io.BytesIO(layouts.long(FRAME, "ru"))
    locked = io.BytesIO()
    office = OOXMLFile(plain)
    office.encrypt("secret", locked)
    result = load_workbook(locked.getvalue(), filename="locked.xlsx")
    assert [p.code for p in result.problems] == ["password_protected"]
    assert "сырсөз" in result.problems[0].message("ky")


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    result = load_workbook(tmp_path / "nowhere.xlsx")
    assert [p.code for p in result.problems] == ["unreadable"]


def test_a_russian_excel_csv_with_decimal_comma_percentages_is_read():
    """cp1251, ";" between fields and "," in numbers: "Охват, %" and 9,5 also split on ","."""
    text = (
        "Село;Учебный год;Кол-во детей 3-6 лет;Посещают детский сад;Охват, %\r\n"
        "Катран;2015-2016;200;19;9,5\r\n"
        "Джаны-Турмуш;2015-2016;120;30;25,0\r\n"
    )
    result = load_workbook(text.encode("cp1251"), filename="охват.csv")
    assert result.ok, [p.message("en") for p in result.problems]
    assert result.warnings == []  # the percentages agree with the counts
    got = result.observations.set_index(s.VILLAGE)
    assert got.loc["Katran", s.CHILDREN] == 200 and got.loc["Katran", s.ENROLLED] == 19
    assert got.loc["Jangy-Turmush", s.ENROLLED] == 30
    assert set(result.mapping["field"]) >= {s.CHILDREN, s.ENROLLED, "percent"}  # checked, not read


def test_an_ods_as_libreoffice_saves_it_with_long_empty_runs_is_read():
    """LibreOffice ends every row with empty cells to column AMJ and the table with empty rows
    to row 1,048,576: runs of nothing, which are not refused."""
    table = [["Айыл", "Окуу жылы", "3-6 жаштагы балдар"], ["Катран", "2015-2016", 240]]
    result = load_workbook(formats.ods_as_libreoffice_writes(table), filename="libre.ods")
    assert result.ok, [p.message("en") for p in result.problems]
    assert result.observations[s.CHILDREN].tolist() == [240]
