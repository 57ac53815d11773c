"""Every problem code, each with the exact sheet and cell it names, in ky, ru and en."""

from __future__ import annotations

import io

import pytest
from fixtures import hostile
from openpyxl import Workbook

from readiness import Limits, load_workbook
from readiness.model.problems import MESSAGES, Code, Severity
from readiness.model.schema import last_year

HEAD = [
    "Айыл",
    "Окуу жылы",
    "3-6 жаштагы балдар",
    "Бала бакчага барган",
    "1-класска келген",
    "Даярдыгы бар",
]
GOOD = ["Катран", "2015-2016", 240, 62, 60, 30]


def book(*sheets: tuple[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table(*rows: list[object], head=HEAD) -> bytes:
    return book(("Маалымат", [head, *rows]))


def only(result, code: Code):
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [p.message("en") for p in result.problems]
    return found[0]


CELL_CASES = {
    # code: (file, sheet, cell, values)
    Code.BAD_NUMBER: (table(["Катран", "2015-2016", "жүз", 62, 60, 30]), "C2", {"value": "жүз"}),
    Code.NOT_WHOLE: (table(["Катран", "2015-2016", 240.5, 62, 60, 30]), "C2", {"value": 240.5}),
    Code.BAD_YEAR: (table(["Катран", "2015-2017", 240, 62, 60, 30]), "B2", {"value": "2015-2017"}),
    Code.MISSING_VILLAGE: (table(GOOD, [None, "2016-2017", 250, 70, 61, 31]), "A3", {}),
    Code.MISSING_YEAR: (table(["Катран", None, 240, 62, 60, 30], GOOD), "B2", {}),
    # the year written once for the rows under it: read so, and said
    Code.YEAR_WRITTEN_ONCE: (
        table(GOOD, ["Жаңы-Турмуш", None, 200, 50, 40, 20], ["Өзгөрүш", "", 100, 30, 20, 10]),
        "B3",
        {"cells": "B3:B4", "last": "B4", "year": 2015, "source": "B2"},
    ),
    Code.UNKNOWN_VILLAGE: (
        table(["Кызыл-Жылдыз", "2015-2016", 240, 62, 60, 30]),
        "A2",
        {"value": "Кызыл-Жылдыз"},
    ),
    Code.NEGATIVE_COUNT: (table(["Катран", "2015-2016", 240, -2, 60, 30]), "D2", {"value": -2}),
    Code.ENROLLED_GT_CHILDREN: (
        table(["Катран", "2015-2016", 40, 62, 60, 30]),
        "D2",
        {"enrolled": 62, "children": 40},
    ),
    Code.READY_GT_ENTRANTS: (
        table(["Катран", "2015-2016", 240, 62, 60, 61]),
        "F2",
        {"ready": 61, "entrants": 60},
    ),
    Code.NOT_READY_GT_ENTRANTS: (
        table(["Катран", "2015-2016", 240, 62, 60, 70], head=[*HEAD[:5], "Даярдыгы жок"]),
        "F2",
        {"not_ready": 70, "entrants": 60},
    ),
    Code.DUPLICATE_ROW: (
        table(GOOD, GOOD),
        "A3",
        {"village": "Katran", "year": 2015, "sex": "total"},
    ),
    Code.YEAR_OUT_OF_RANGE: (
        table(["Катран", "1995-1996", 240, 62, 60, 30]),
        "B2",
        {"value": 1995, "first": 2000, "last": last_year()},
    ),
    Code.UNKNOWN_SEX: (
        table(
            ["Катран", "2015-2016", "эне", 240, 62, 60, 30], head=[*HEAD[:2], "Жынысы", *HEAD[2:]]
        ),
        "C2",
        {"value": "эне"},
    ),
    Code.SEX_SUM_MISMATCH: (
        table(
            ["Катран", "2015-2016", "кыздар", 100, 30, 30, 15],
            ["Катран", "2015-2016", "уул балдар", 100, 30, 30, 15],
            ["Катран", "2015-2016", "бардыгы", 201, 60, 60, 30],
            head=[*HEAD[:2], "Жынысы", *HEAD[2:]],
        ),
        "D4",
        {"column": "children_3_6", "girls": 100, "boys": 100, "sum": 200, "total": 201},
    ),
    Code.PERCENT_MISMATCH: (
        table(["Катран", "2015-2016", 240, 60, 60, 30, 40], head=[*HEAD, "Камтуу, %"]),
        "G2",
        {"shown": 40.0, "actual": 25.0},
    ),
    Code.BAD_TEXT: (
        table(GOOD, ["Кара\u202eСуу", "2015-2016", 240, 62, 60, 30]),
        "A3",
        {"value": "Кара Суу"},
    ),
    Code.NAME_TOO_LONG: (
        table(GOOD, ["Ж" * 101, "2015-2016", 240, 62, 60, 30]),
        "A3",
        {"value": "Ж" * 101, "length": 101, "limit": 100},
    ),
    Code.CLOSE_VILLAGE: (
        table(GOOD, ["Жаны-Турмышк", "2015-2016", 240, 62, 60, 30]),
        "A3",
        {"value": "Жаны-Турмышк", "village": "Jangy-Turmush"},
    ),
    Code.CLOSE_MUNICIPALITY: (
        table(
            ["Катран", "Катрн айыл аймагы", "2015-2016", 240, 62, 60, 30],
            head=[HEAD[0], "Айыл аймагы", *HEAD[1:]],
        ),
        "B2",
        {"value": "Катрн айыл аймагы", "municipality": "Katran"},
    ),
    Code.COUNT_TOO_LARGE: (
        table(["Катран", "2015-2016", 2**31, 62, 60, 30]),
        "C2",
        {"value": 2**31, "limit": 2**31 - 1},
    ),
}


@pytest.mark.parametrize("code", list(CELL_CASES))
def test_each_problem_names_its_sheet_and_cell(code):
    data, cell, values = CELL_CASES[code]
    problem = only(load_workbook(data), code)
    assert (problem.sheet, problem.cell) == ("Маалымат", cell)
    assert dict(problem.values) == values
    for lang in ("ky", "ru", "en"):
        assert f"{cell}" in problem.message(lang)


def test_an_outlier_is_a_warning_at_its_cell():
    rows = [["Катран", f"{y}-{y + 1}", 240, 62, 60, 30] for y in range(2011, 2016)]
    rows[3][2] = 2400
    problem = only(load_workbook(table(*rows)), Code.OUTLIER)
    assert problem.severity is Severity.WARNING
    assert (problem.cell, problem.values["value"], problem.values["median"]) == ("C5", 2400, 240)


def test_a_villages_sheet_reads_yes_no_start_years_places_and_flags_bad_values():
    villages = [
        ["Айыл", "Долбоордо", "Долбоордун башталган жылы", "Кеңдик", "Узундук"],
        ["Катран", "ооба", "2014-2015", "39,93", 69.85],
        ["Өзгөрүш", "балким", None, None, None],
        ["Чурбек", "жок", None, None, None],
        ["Жаңы-Турмуш", "да", None, None, None],
    ]
    result = load_workbook(book(("Маалымат", [HEAD, GOOD]), ("Айылдар", villages)))
    bad = only(result, Code.BAD_YES_NO)
    assert (bad.sheet, bad.cell, bad.values["value"]) == ("Айылдар", "B3", "балким")
    missing_start = only(result, Code.PROJECT_WITHOUT_START)
    assert (missing_start.sheet, missing_start.cell) == ("Айылдар", "A5")
    frame = result.villages.set_index("village")
    assert frame.at["Katran", "in_project"] and frame.at["Katran", "project_start_year"] == 2014
    assert (frame.at["Katran", "latitude"], frame.at["Katran", "longitude"]) == (39.93, 69.85)
    assert not frame.at["Churbek", "in_project"]
    assert frame.at["Ozgorush", "municipality"] == "Katran"


@pytest.mark.parametrize(
    ("data", "limits", "code"),
    [
        (table(GOOD), Limits(max_bytes=100), Code.FILE_TOO_LARGE),
        (book(("A", [HEAD, GOOD]), ("B", [HEAD])), Limits(max_sheets=1), Code.TOO_MANY_SHEETS),
        (table(*[GOOD] * 10), Limits(max_rows=5), Code.TOO_MANY_ROWS),
        (
            hostile.xlsx(
                sheet_xml=hostile.sheet("A1", '<row r="1"><c r="XFD1"><v>1</v></c></row>')
            ),
            Limits(),
            Code.SHEET_TOO_LARGE,
        ),
        (book(("Маалымат", [["Аты", "Жөнү"], ["а", "б"]])), Limits(), Code.NO_TABLE),
    ],
    ids=lambda value: "file" if isinstance(value, bytes) else None,  # bytes hold the save time
)
def test_file_limits_and_shapeless_files_are_refused_with_a_reason(data, limits, code):
    result = load_workbook(data, limits=limits)
    assert [p.code for p in result.problems] == [code]
    assert not result.ok and result.observations.empty


def test_no_table_lists_the_headers_found_and_the_ones_expected():
    result = load_workbook(book(("Маалымат", [["Айлы", "Жылы", "Балдар"], ["Катран", 1, 2]])))
    message = result.problems[0].message("ru")
    assert "Айлы" in message and "Кол-во детей 3-6 лет" in message


def test_no_village_and_no_year_name_the_sheet():
    no_village = book(("Свод", [HEAD[1:], GOOD[1:]]))
    no_year = book(("Свод", [[HEAD[0], *HEAD[2:]], [GOOD[0], *GOOD[2:]]]))
    assert [(p.code, p.sheet) for p in load_workbook(no_village).problems] == [
        (Code.NO_VILLAGE, "Свод")
    ]
    assert [(p.code, p.sheet) for p in load_workbook(no_year).problems] == [(Code.NO_YEAR, "Свод")]


def test_missing_marks_are_missing_never_zero():
    result = load_workbook(table(["Катран", "2015-2016", "н/д", "-", "—", " "]))
    assert result.ok
    row = result.observations.iloc[0]
    assert row[["children_3_6", "enrolled_3_6", "grade1_entrants", "grade1_ready"]].isna().all()


def test_numbers_typed_as_text_are_read():
    result = load_workbook(table(["Катран", "2015/16", "1 024", "35 ", " 60", "30,0"]))
    row = result.observations.iloc[0]
    assert (row["year"], row["children_3_6"], row["enrolled_3_6"], row["grade1_ready"]) == (
        2015,
        1024,
        35,
        30,
    )


def test_a_control_character_in_a_csv_name_is_refused_at_its_cell():
    text = "Айыл;Окуу жылы;3-6 жаштагы балдар\nКатран;2015-2016;240\nКара\x1bСуу;2015-2016;90\n"
    problem = only(load_workbook(text.encode(), filename="x.csv"), Code.BAD_TEXT)
    assert (problem.cell, problem.values["value"]) == ("A3", "Кара Суу")


def test_line_breaks_and_runs_of_spaces_inside_a_name_are_one_space():
    result = load_workbook(table(["Жаңы-\nТурмуш", "2015-2016", 240, 62, 60, 30]))
    assert result.ok and list(result.observations["village"]) == ["Jangy-Turmush"]


@pytest.mark.parametrize("written", ["Кара-Суу 2", "Жаны-Турмуш-2", "Katrans", "Катранчы"])
def test_a_name_that_differs_by_a_number_or_a_suffix_is_another_village(written):
    result = load_workbook(table(GOOD, [written, "2015-2016", 240, 62, 60, 30]))
    assert only(result, Code.UNKNOWN_VILLAGE).values["value"] == written
    assert written in set(result.observations["village"])


def test_a_close_spelling_is_named_with_the_village_it_was_read_as():
    result = load_workbook(table(GOOD, ["Жаны-Турмышк", "2015-2016", 240, 62, 60, 30]))
    message = only(result, Code.CLOSE_VILLAGE).message("ky")
    assert "«Жаны-Турмышк» Жаңы-Турмуш деп окулду" in message


def test_two_tables_that_disagree_on_a_count_name_both_cells():
    first = [HEAD[:4], ["Катран", "2015-2016", 240, 62]]
    second = [[HEAD[0], HEAD[1], HEAD[2], HEAD[4]], ["Катран", "2015-2016", 250, 60]]
    result = load_workbook(book(("Маалымат", [*first, [], ["Экинчи таблица"], *second])))
    problem = only(result, Code.CONFLICTING_COUNTS)
    assert (problem.cell, problem.values["other_cell"]) == ("C6", "C2")
    assert (problem.values["value"], problem.values["other"]) == (250, 240)
    assert problem.message("en").startswith("Katran, 2015–2016 (Sheet “Маалымат”, cell C6)")


def test_a_total_that_does_not_add_up_is_left_out_with_both_numbers():
    rows = [
        GOOD,
        ["Жаңы-Турмуш", "2015-2016", 200, 50, 40, 20],
        ["Итого", "2015-2016", 450, 112, 100, 50],
    ]
    result = load_workbook(table(*rows))
    problem = only(result, Code.SUBTOTAL_MISMATCH)
    assert problem.severity is Severity.WARNING and problem.cell == "C4"
    assert (problem.values["shown"], problem.values["sum"], problem.values["rows"]) == (450, 440, 2)
    assert len(result.observations) == 2


def test_girls_more_than_the_total_they_are_part_of_is_an_error_at_the_girls_cell():
    head = [HEAD[0], HEAD[1], "Кол-во детей 3-6 лет", None]
    sub = [None, None, "всего", "в т.ч. девочки"]
    data = book(("Маалымат", [head, sub, ["Катран", "2015-2016", 100, 120]]))
    problem = only(load_workbook(data), Code.PART_GT_TOTAL)
    assert (problem.cell, problem.values["girls"], problem.values["total"]) == ("D3", 120, 100)


def test_a_column_of_numbers_under_an_unknown_header_is_an_error_naming_it():
    head = [*HEAD[:4], "1-класска келди", HEAD[5]]
    result = load_workbook(table(GOOD, ["Жаңы-Турмуш", "2015-2016", 180, 40, 45, 20], head=head))
    problem = only(result, Code.UNUSED_COLUMN)
    assert problem.severity is Severity.ERROR and not result.ok  # grade 1 entrants are missing
    assert (problem.cell, problem.values["last"], problem.values["count"]) == ("E2", "E3", 2)
    assert "“1-класска келди” (E2:E3) holds 2 numbers" in problem.message("en")


def test_an_unused_column_beside_all_four_counts_is_a_warning():
    result = load_workbook(table([*GOOD, 3], head=[*HEAD, "Бала бакчалар"]))
    assert only(result, Code.UNUSED_COLUMN).severity is Severity.WARNING and result.ok


def test_numbers_outside_every_table_are_named_by_their_range():
    rows = [
        HEAD,
        GOOD,
        [],
        [],
        [None, None, None, None, None, None, None, 7, 8],
        [None] * 7 + [9, 10],
    ]
    problem = only(load_workbook(book(("Маалымат", rows))), Code.UNUSED_CELLS)
    assert (problem.cell, problem.values["last"], problem.values["count"]) == ("H5", "I6", 4)


def test_a_range_of_unused_numbers_names_no_single_village():
    rows = [HEAD, GOOD, ["Жаңы-Турмуш", "2015-2016", 200, 50, 40, 20]]
    rows[1] = [*rows[1], None, 7]
    rows[2] = [*rows[2], None, 8]
    problem = only(load_workbook(book(("Маалымат", rows))), Code.UNUSED_CELLS)
    assert problem.cell == "H2" and problem.place is None
    assert problem.where("en").startswith("Sheet")


@pytest.mark.parametrize("value", [1.7976931348623157e308, "1e999"])
def test_a_count_too_large_for_a_float_is_refused_at_its_cell(value):
    problem = only(
        load_workbook(table(["Катран", "2015-2016", value, 62, 60, 30])), Code.COUNT_TOO_LARGE
    )
    assert problem.cell == "C2"


def test_a_total_row_that_leaves_the_school_year_empty_is_checked_against_the_rows_above():
    rows = [
        GOOD,
        ["Жаңы-Турмуш", "2015-2016", 200, 50, 40, 20],
        ["Жыйынтыгы", None, 440, 112, 100, 50],
    ]
    result = load_workbook(table(*rows))
    assert result.ok and result.problems == [] and len(result.observations) == 2
    wrong = [*rows[:2], ["Жыйынтыгы", None, 441, 112, 100, 50]]
    problem = only(load_workbook(table(*wrong)), Code.SUBTOTAL_MISMATCH)
    assert (problem.values["rows"], problem.values["sum"]) == (2, 440)


def test_a_total_row_that_leaves_the_sex_empty_totals_the_girls_and_the_boys():
    """Girls' and boys' rows, then "Итого" with no year and no sex: it totals both sexes
    (1,400 children), never only the boys' rows above it (717)."""
    head = [HEAD[0], HEAD[1], "Жынысы", *HEAD[2:]]
    rows = [
        ["Катран", "2015-2016", "кыздар", 400, 245, 100, 64],
        ["Катран", "2015-2016", "эркек", 420, 255, 105, 66],
        ["Жаңы-Турмуш", "2015-2016", "кыздар", 165, 100, 43, 29],
        ["Жаңы-Турмуш", "2015-2016", "эркек", 175, 105, 45, 31],
    ]
    result = load_workbook(table(*rows, ["Итого", None, None, 1160, 705, 293, 190], head=head))
    assert result.ok and result.problems == [] and len(result.observations) == 6  # and totals
    wrong = load_workbook(table(*rows, ["Итого", None, None, 1161, 705, 293, 190], head=head))
    problem = only(wrong, Code.SUBTOTAL_MISMATCH)
    assert (problem.values["shown"], problem.values["sum"]) in ((1161, 595), (1161, 1160))
    # the boys' own subtotal, its sex given, still totals the boys alone
    boys = ["Итого", "2015-2016", "эркек", 595, 360, 150, 97]
    result = load_workbook(table(*rows, boys, head=head))
    assert result.ok and result.problems == [] and len(result.observations) == 6  # and totals


def test_an_unknown_name_that_adds_up_is_read_as_a_total_with_a_warning():
    rows = [
        GOOD,
        ["Жаңы-Турмуш", "2015-2016", 200, 50, 40, 20],
        ["Лейлек району", "2015-2016", 440, 112, 100, 50],
    ]
    result = load_workbook(table(*rows))
    problem = only(result, Code.TOTAL_GUESSED)
    assert (problem.cell, problem.values["rows"]) == ("A4", 2) and result.ok
    assert len(result.observations) == 2


def test_a_known_village_that_happens_to_add_up_stays_a_village():
    rows = [
        ["Ак-Терек", "2015-2016", 0, 0],
        ["Алга", "2015-2016", 1, 1],
        ["Катран", "2015-2016", 1, 1],
    ]
    result = load_workbook(table(*rows, head=HEAD[:4]))
    assert result.ok and len(result.observations) == 3


def test_a_table_with_no_readable_row_is_never_ok_with_nothing():
    data = table(["", "2015-2016", None, None, None, None], ["Итого", "2015-2016", 1, 1, 1, 1])
    result = load_workbook(data)
    assert not result.ok and result.observations.empty
    assert Code.NO_ROWS_READ in {p.code for p in result.problems}


def test_every_problem_code_has_a_message_and_a_test():
    tested = {
        *CELL_CASES,
        Code.OUTLIER,
        Code.BAD_YES_NO,
        Code.PROJECT_WITHOUT_START,
        Code.FILE_TOO_LARGE,
        Code.TOO_MANY_SHEETS,
        Code.TOO_MANY_ROWS,
        Code.SHEET_TOO_LARGE,
        Code.NO_TABLE,
        Code.NO_VILLAGE,
        Code.NO_YEAR,
        # test_hostile.py and test_formats.py:
        Code.BINARY_WORKBOOK,
        Code.FIELD_TOO_LONG,
        Code.ZIP_BOMB,
        Code.HTML_PAGE,
        Code.NOT_A_SPREADSHEET,
        Code.UNREADABLE,
        Code.EMPTY_FILE,
        Code.PASSWORD_PROTECTED,
        # test_sandbox.py:
        Code.NOT_READ_SAFELY,
        # test_store.py:
        Code.ERRORS_BLOCK_COMMIT,
        Code.NO_ROWS,
        Code.YEARS_ALREADY_STORED,
        Code.STORE_BUSY,
        Code.STORE_CHANGED,
        Code.CONFLICTING_COUNTS,
        Code.SUBTOTAL_MISMATCH,
        Code.PART_GT_TOTAL,
        Code.UNUSED_COLUMN,
        Code.UNUSED_CELLS,
        Code.TOTAL_GUESSED,
        Code.NO_ROWS_READ,
        # test_commit.py:
        Code.NOTHING_CHANGES,
        Code.KEPT_VALUES_CONFLICT,
        Code.STORE_REFUSED,
    }
    assert set(Code) == tested
    assert set(MESSAGES) == set(Code)
