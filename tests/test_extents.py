"""The checks before parsing measure a sheet exactly or larger than the reader lays it out, never
smaller: python-calamine itself is the judge, on sheets small enough to lay out."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
import python_calamine
from fixtures import hostile
from fixtures import hostile_formats as formats
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness import Limits
from readiness.ingest.biff import _dimensions
from readiness.ingest.delimited import choose_separator
from readiness.ingest.extent import Extent, cell_name
from readiness.ingest.opendocument import table_extents
from readiness.ingest.relationships import worksheet_parts
from readiness.ingest.worksheets import _plain_extent, parsed_extent, sheet_extent, utf8

EXACT = Limits(max_rows=1)  # no shortcut: the fast path reads every reference
FORMS = {
    "plain": '<c r="{ref}"><v>1</v></c>',
    "single-quoted": "<c r='{ref}'><v>1</v></c>",
    "tab": '<c\tr="{ref}"><v>1</v></c>',
    "line-break": '<c\n r="{ref}" t="n"><v>1</v></c>',
    "r-last": '<c t="n" s="0" r="{ref}"><v>1</v></c>',
    "prefixed": '<x:c r="{ref}"><x:v>1</x:v></x:c>',
    "empty": '<c r="{ref}"/>',
    "no-r": "<c><v>1</v></c>",
}


def calamine_extent(package: bytes) -> Extent | None:
    """How far python-calamine lays the sheet out, or None if it refuses the file."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(package))
        grid = book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
    except python_calamine.CalamineError:
        return None
    return Extent(len(grid), max(map(len, grid), default=0))


@st.composite
def sheets(draw) -> str:
    """sheetData with cells in random places, each written in one of FORMS."""
    places = draw(st.lists(st.tuples(st.integers(0, 299), st.integers(0, 59)), max_size=25))
    rows = {}
    for row, column in sorted(set(places)):
        rows.setdefault(row, []).append(column)
    xml = ""
    for row, columns in rows.items():
        cells = "".join(
            draw(st.sampled_from(sorted(FORMS.values()))).format(ref=cell_name(row, c))
            for c in columns
        )
        attribute = draw(st.sampled_from([f' r="{row + 1}"', f" r='{row + 1}'", ""]))
        xml += f"<row{attribute}>{cells}</row>"
    return xml


def worksheet(rows: str) -> str:
    """A worksheet part around ``rows``, with the x: prefix bound for prefixed cells."""
    prefix = f'<worksheet xmlns:x="{hostile.SHEETML}" '
    return hostile.sheet("A1", rows).replace("<worksheet ", prefix)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_the_measured_extent_is_never_smaller_than_what_calamine_lays_out(rows):
    xml = worksheet(rows)
    laid_out = calamine_extent(hostile.xlsx(sheet_xml=xml))
    measured = sheet_extent(xml.encode(), EXACT)
    if laid_out is not None and laid_out.rows:
        assert measured.rows >= laid_out.rows and measured.columns >= laid_out.columns


@given(st.lists(st.tuples(st.integers(0, 2999), st.integers(0, 700)), min_size=1, max_size=30))
def test_the_fast_path_is_exact_on_plain_sheets(places):
    rows = "".join(
        f'<row r="{r + 1}"><c r="{cell_name(r, c)}" t="n"><v>1</v></c></row>'
        for r, c in sorted(set(places))
    )
    xml = worksheet(rows).encode()
    expected = Extent(max(r for r, _ in places) + 1, max(c for _, c in places) + 1)
    assert _plain_extent(xml, EXACT) == parsed_extent(xml) == expected
    assert calamine_extent(hostile.xlsx(sheet_xml=xml.decode())) == expected


@pytest.mark.parametrize("form", [f for f in FORMS if f not in ("plain", "empty")])
def test_the_fast_path_hands_any_other_form_to_the_parser(form):
    rows = '<row r="5">' + FORMS[form].format(ref="C5") + "</row>"
    assert _plain_extent(worksheet(rows).encode(), EXACT) is None


@pytest.mark.parametrize(
    "odd",
    [
        '<row r="5"><c r="A5" r="Z5"><v>1</v></c></row>',  # the second r wins in calamine
        '<row r="5"><c r="A5"r="Z5"><v>1</v></c></row>',
        '<!-- a comment --><row r="5"><c r="A5"><v>1</v></c></row>',
        '<row r="5"><c r="A5"><v>1</v></c></row><?pi?>',
    ],
)
def test_a_second_r_a_comment_or_an_instruction_leaves_the_fast_path(odd):
    assert _plain_extent(worksheet(odd).encode(), EXACT) is None


def test_a_sheet_within_one_letter_and_five_digits_is_within_the_limits_at_a_glance():
    xml = worksheet('<row r="99999"><c r="Z99999"><v>1</v></c></row>').encode()
    assert _plain_extent(xml, Limits()) == Extent(99_999, 26)
    xml = worksheet('<row r="2"><c r="AA2"><v>1</v></c></row>').encode()
    assert _plain_extent(xml, Limits()) == Extent(2, 27)


CELL_KINDS = {
    "number": lambda n: formats.value_cell(7, repeat=n),
    "text": lambda n: formats.value_cell("Катран", repeat=n),
    "empty": formats.empty_cells,
    "covered": lambda n: f'<table:covered-table-cell table:number-columns-repeated="{n}"/>',
    "formula": lambda n: (
        f'<table:table-cell table:formula="of:=1+1" table:number-columns-repeated="{n}"/>'
    ),
}


@st.composite
def ods_tables(draw) -> bytes:
    """An .ods table of rows and cells with random repeats, empty runs included."""
    rows = ""
    for _ in range(draw(st.integers(0, 6))):
        cells = "".join(
            CELL_KINDS[draw(st.sampled_from(sorted(CELL_KINDS)))](draw(st.integers(1, 6)))
            for _ in range(draw(st.integers(0, 5)))
        )
        rows += formats.row(cells, repeat=draw(st.integers(1, 5)))
    if draw(st.booleans()):  # as LibreOffice ends a table
        rows += formats.row(formats.empty_cells(1024), repeat=1000)
    return formats.ods(rows)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ods_tables())
def test_an_ods_tables_measure_is_never_smaller_than_calamines_layout(package):
    laid_out = calamine_extent(package)
    content = zipfile.ZipFile(io.BytesIO(package)).read("content.xml")
    (measured,) = table_extents(content)
    if laid_out is not None:
        assert measured.rows >= laid_out.rows and measured.columns >= laid_out.columns


def test_repeats_nested_in_rows_and_cells_multiply():
    content = zipfile.ZipFile(io.BytesIO(formats.ods_repeat_bomb())).read("content.xml")
    assert table_extents(content) == [Extent(100_000, 1_000)]


@pytest.mark.parametrize(
    ("head", "is_utf8"),
    [
        (b'<?xml version="1.0" encoding="UTF-8"?><worksheet>', True),
        (b"<worksheet>", True),
        (b'\xef\xbb\xbf<?xml version="1.0"?><worksheet>', True),
        (b"<?xml version='1.0' encoding='utf8'?><worksheet>", True),
        (b'<?xml version="1.0" encoding="windows-1251"?><worksheet>', False),
        ('<?xml version="1.0" encoding="UTF-16"?><worksheet>'.encode("utf-16-le"), False),
        ("\ufeff<worksheet>".encode("utf-16-be"), False),
    ],
)
def test_only_an_xml_part_in_utf8_is_measured_as_calamine_reads_it(head, is_utf8):
    assert utf8(head) is is_utf8


@pytest.mark.parametrize(
    ("target", "part"),
    [
        ("worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
        ("../data/s.xml", "data/s.xml"),
        ("./sheets/../sheet1.xml", "xl/sheet1.xml"),
        ("WorkSheets\\Sheet1.XML", "xl/worksheets/sheet1.xml"),
    ],
)
def test_the_relationships_lead_to_each_sheet_however_the_target_is_written(target, part):
    package = zipfile.ZipFile(io.BytesIO(hostile.xlsx(sheet_path=part, target=target)))
    found = worksheet_parts(package.namelist(), package.read)
    assert found == {part}


def test_a_binary_workbook_is_read_by_calamine_so_it_is_refused():
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(formats.xlsb(9, 4)))
    grid = book.get_sheet_by_name("Sheet1").to_python(skip_empty_area=False)
    assert (len(grid), len(grid[0])) == (10, 5)  # what a far cell would make 17 billion


@pytest.mark.parametrize(
    ("body", "extent"),
    [
        (struct.pack("<IIHHH", 0, 3, 0, 8, 0), Extent(3, 8)),
        (struct.pack("<HHHHH", 0, 3, 0, 8, 0), Extent(3, 8)),
        (struct.pack("<IIHHH", 0, 0, 0, 0, 0), Extent()),
        (struct.pack("<IIHHH", 5, 3, 0, 8, 0), Extent(2**32, 2**16)),  # calamine wraps around
    ],
)
def test_a_dimensions_record_reserves_its_rectangle(body, extent):
    assert _dimensions(body) == extent


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("Айыл;Окуу жылы;Охват, %\nКатран;2015-2016;9,5\n", ";"),
        ("Village,Year,Children\nKatran,2015-2016,240\n", ","),
        ("Айыл\tОкуу жылы\tБалдар\nКатран\t2015-2016\t1 024,5\n", "\t"),
        ("Айыл|Окуу жылы\nКатран|2015-2016\n", "|"),
        ('Title line\n"Katran; Leilek",2015,240\n"Jangy; Turmush",2015,250\n', ","),
    ],
)
def test_the_separator_is_the_one_that_splits_lines_most_consistently(text, separator):
    assert choose_separator(text) == separator
