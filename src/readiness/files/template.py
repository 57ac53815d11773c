"""The blank template analysts fill in: an .xlsx in the chosen language that the loader reads
without a single problem.

Sheet 1 holds the header row, with drop-downs for the village (from the registry), the school year
and the sex, and whole-number checks on the counts; sheet 2 explains how to fill it in; a hidden
sheet holds the list of villages for the drop-down.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from readiness.files.writer import DATA_FIELDS, FIXED_TIME, header, school_year_text
from readiness.i18n import N_, Translator
from readiness.model import schema as s
from readiness.model.places import registry

ROWS = 2000  # rows that carry the checks and drop-downs
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")

INSTRUCTIONS = (
    N_("How to fill in this template"),
    N_("1. Write one row for each village, school year and sex: girls, boys, or total."),
    N_("2. Choose the village from the list. A new village may be typed; check its spelling."),
    N_("3. Choose the school year, written like 2025-2026."),
    N_(
        "4. Counts are whole numbers, 0 or more. Leave a cell empty when the number is not known: "
        "an empty cell is shown as missing, a 0 as zero children."
    ),
    N_(
        "5. Children attending preschool cannot be more than the children aged 3-6, and children "
        "ready for school cannot be more than the children who entered grade 1."
    ),
    N_(
        "6. On the sheet of villages, say only what changes: whether a village is in the project "
        "and the first school year of its project. An empty cell keeps what is stored."
    ),
    N_(
        "7. Do not change the header row or the sheet names. Save as .xlsx and upload the file on "
        "the dashboard's Upload page."
    ),
)


TEMPLATE_VILLAGE_FIELDS = (s.VILLAGE, s.IN_PROJECT, s.PROJECT_START)


def _villages_sheet(book: Workbook, t: Translator, names: list[str], years: str) -> None:
    """A sheet of the known villages with two columns to fill in only where they change: in the
    project (a drop-down of yes / no) and the project's first school year. An empty cell keeps
    what is stored."""
    sheet = book.create_sheet(t("Villages"))
    sheet.append([header(f, t.lang) for f in TEMPLATE_VILLAGE_FIELDS])
    for index in range(1, len(TEMPLATE_VILLAGE_FIELDS) + 1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = 26
    for name in names:
        sheet.append([name])
    rows = f"2:{ROWS + 1}"
    yes_no = ",".join(header(word, t.lang) for word in ("yes", "no"))
    project = DataValidation(type="list", formula1=f'"{yes_no}"', showErrorMessage=True)
    project.error = t("Choose yes or no, or leave the cell empty.")
    project.add(f"B{rows.replace(':', ':B')}")
    start = DataValidation(type="list", formula1=years, showErrorMessage=True)
    start.error = t("Choose a school year from the list.")
    start.add(f"C{rows.replace(':', ':C')}")
    for validation in (project, start):
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def template_workbook(lang: str) -> bytes:
    t = Translator(lang)
    book = Workbook()
    data = book.active
    data.title = t("Data")
    data.append([header(f, lang) for f in DATA_FIELDS])
    for index, field in enumerate(DATA_FIELDS, start=1):
        cell = data.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        data.column_dimensions[get_column_letter(index)].width = 22 if field in s.COUNTS else 18
    data.freeze_panes = "A2"

    places = registry()
    lists = book.create_sheet(t("Lists"))
    villages = sorted(places.village_name(key, lang) for key in places.villages)
    for row, name in enumerate(villages, start=1):
        lists.cell(row=row, column=1, value=name)
    # The school years as cells too: Excel refuses a list written in the rule itself past 255
    # characters, which the years from 2000 passed in 2026.
    school_years = [school_year_text(y) for y in range(s.FIRST_YEAR, s.last_year() + 1)]
    for row, year in enumerate(school_years, start=1):
        lists.cell(row=row, column=2, value=year)
    years = f"{quote_sheetname(lists.title)}!$B$1:$B${len(school_years)}"
    lists.sheet_state = "hidden"

    def column(field: str) -> str:
        letter = get_column_letter(DATA_FIELDS.index(field) + 1)
        return f"{letter}2:{letter}{ROWS + 1}"

    village_list = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(lists.title)}!$A$1:$A${len(villages)}",
        errorStyle="warning",  # a new village may still be typed, after a warning
        error=t("This village is not in the list. Check the spelling."),
        showErrorMessage=True,
    )
    village_list.add(column(s.VILLAGE))
    year_list = DataValidation(type="list", formula1=years, showErrorMessage=True)
    year_list.error = t("Choose a school year from the list.")
    year_list.add(column(s.YEAR))
    sexes = ",".join(header(sex, lang) for sex in s.SEXES)
    sex_list = DataValidation(type="list", formula1=f'"{sexes}"', showErrorMessage=True)
    sex_list.error = t("Choose girls, boys or total.")
    sex_list.add(column(s.SEX))
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error=t("Write a whole number, 0 or more, or leave the cell empty."),
    )
    for field in s.COUNTS:
        whole.add(column(field))
    for validation in (village_list, year_list, sex_list, whole):
        data.add_data_validation(validation)

    _villages_sheet(book, t, villages, years)
    notes = book.create_sheet(t("Instructions"), index=1)
    for line in INSTRUCTIONS:
        notes.append([t(line)])
    notes["A1"].font = Font(bold=True, size=13)
    notes.column_dimensions["A"].width = 110
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
