"""Problems are data: each is a record that can be shown in any language, never an exception.

A problem says how bad it is, where it is (sheet and cell, when there is one), why (a fixed code)
and the values involved. ``problem.message(lang)`` renders it for a person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from readiness import escape
from readiness.i18n import N_, Translator
from readiness.model.labels import SEX_LABELS, field_label


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """Why something is wrong. Each code has one message template below."""

    # the file as a whole
    FILE_TOO_LARGE = "file_too_large"
    ZIP_BOMB = "zip_bomb"
    TOO_MANY_SHEETS = "too_many_sheets"
    TOO_MANY_ROWS = "too_many_rows"
    SHEET_TOO_LARGE = "sheet_too_large"
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    HTML_PAGE = "html_page"
    PASSWORD_PROTECTED = "password_protected"
    UNREADABLE = "unreadable"
    BINARY_WORKBOOK = "binary_workbook"
    FIELD_TOO_LONG = "field_too_long"
    NOT_READ_SAFELY = "not_read_safely"
    EMPTY_FILE = "empty_file"
    NO_TABLE = "no_table"
    NO_VILLAGE = "no_village"
    NO_YEAR = "no_year"
    NO_ROWS_READ = "no_rows_read"
    # one value
    BAD_NUMBER = "bad_number"
    NOT_WHOLE = "not_whole"
    BAD_YEAR = "bad_year"
    UNKNOWN_SEX = "unknown_sex"
    BAD_YES_NO = "bad_yes_no"
    BAD_TEXT = "bad_text"
    NAME_TOO_LONG = "name_too_long"
    COUNT_TOO_LARGE = "count_too_large"
    MISSING_VILLAGE = "missing_village"
    MISSING_YEAR = "missing_year"
    YEAR_WRITTEN_ONCE = "year_written_once"
    UNKNOWN_VILLAGE = "unknown_village"
    CLOSE_VILLAGE = "close_village"
    CLOSE_MUNICIPALITY = "close_municipality"
    PERCENT_MISMATCH = "percent_mismatch"
    OUTLIER = "outlier"
    # the consistency rules of readiness.model.schema
    NEGATIVE_COUNT = "negative_count"
    ENROLLED_GT_CHILDREN = "enrolled_gt_children"
    READY_GT_ENTRANTS = "ready_gt_entrants"
    NOT_READY_GT_ENTRANTS = "not_ready_gt_entrants"
    SEX_SUM_MISMATCH = "sex_sum_mismatch"
    DUPLICATE_ROW = "duplicate_row"
    CONFLICTING_COUNTS = "conflicting_counts"
    PART_GT_TOTAL = "part_gt_total"
    SUBTOTAL_MISMATCH = "subtotal_mismatch"
    TOTAL_GUESSED = "total_guessed"
    UNUSED_COLUMN = "unused_column"
    UNUSED_CELLS = "unused_cells"
    YEAR_OUT_OF_RANGE = "year_out_of_range"
    PROJECT_WITHOUT_START = "project_without_start"
    # storing a checked file
    ERRORS_BLOCK_COMMIT = "errors_block_commit"
    NO_ROWS = "no_rows"
    YEARS_ALREADY_STORED = "years_already_stored"
    STORE_BUSY = "store_busy"
    STORE_CHANGED = "store_changed"
    STORE_REFUSED = "store_refused"
    NOTHING_CHANGES = "nothing_changes"
    KEPT_VALUES_CONFLICT = "kept_values_conflict"


MESSAGES: dict[Code, str] = {
    Code.FILE_TOO_LARGE: N_(
        "The file is {size_mb} MB; files up to {limit_mb} MB can be read. Save only the sheets "
        "with the data and try again."
    ),
    Code.ZIP_BOMB: N_(
        "The file unpacks to {size_mb} MB (packed {ratio} times tighter than a spreadsheet can "
        "be); it was not opened. Save the data again in Excel or LibreOffice."
    ),
    Code.TOO_MANY_SHEETS: N_(
        "The file has {count} sheets; up to {limit} can be read. Keep only the sheets with data."
    ),
    Code.TOO_MANY_ROWS: N_(
        "The sheet has {count} rows; up to {limit} can be read. Split it into several files."
    ),
    Code.SHEET_TOO_LARGE: N_(
        "A sheet reaches row {rows} and column {columns}; sheets of up to {limit} cells can be "
        "read. Delete what lies far outside the table (select the empty rows and columns, "
        "delete them) and save again."
    ),
    Code.HTML_PAGE: N_(
        "This file is a web page (HTML) with a spreadsheet's name, not a real spreadsheet. Open it "
        "in Excel or LibreOffice, choose “Save as”, pick .xlsx and upload the new file."
    ),
    Code.PASSWORD_PROTECTED: N_(
        "The file is protected by a password, so it cannot be read. Open it in Excel, remove the "
        "password (File → Info → Protect workbook) and upload it again."
    ),
    Code.NOT_A_SPREADSHEET: N_(
        "This file is not a spreadsheet. Save it from Excel or LibreOffice as .xlsx, .xls, .ods "
        "or .csv and upload it again."
    ),
    Code.UNREADABLE: N_(
        "The file could not be read; it may be damaged. Open it in Excel or LibreOffice, save it "
        "again as .xlsx and upload the new copy."
    ),
    Code.BINARY_WORKBOOK: N_(
        "This is an Excel binary workbook (.xlsb), which cannot be read here. Open it in Excel, "
        "choose “Save as”, pick “Excel Workbook (.xlsx)” and upload the new file."
    ),
    Code.FIELD_TOO_LONG: N_(
        "A cell holds more than {limit} characters, more than any spreadsheet cell can. Check "
        "that this is a table saved as CSV; if it is, save it again from Excel or LibreOffice "
        "as .xlsx and upload that file."
    ),
    Code.NOT_READ_SAFELY: N_(
        "This file could not be read safely: reading it took too much memory or time, or it "
        "stopped the reader. Nothing was changed. Open it in Excel or LibreOffice, save it again "
        "as .xlsx (keep only the sheets with the data) and upload the new file. If that does not "
        "help, send the file to the person who looks after the dashboard."
    ),
    Code.EMPTY_FILE: N_("The file holds no data."),
    Code.NO_TABLE: N_(
        "No table of children's numbers was found. Headers found: {found}. Expected headers such "
        "as: {expected}."
    ),
    Code.NO_VILLAGE: N_(
        "The table has no village column, and neither the sheet's name nor its title names a "
        "village. Add a column “Village” or name the sheet after the village."
    ),
    Code.NO_YEAR: N_(
        "The table has no school-year column, and neither the sheet's name, its title nor its "
        "headers name a school year. Add a column “School year” or name the sheet like 2015-2016."
    ),
    Code.NO_ROWS_READ: N_(
        "A table of children's numbers was found, but not one of its rows could be read: "
        "each lacks a village, a school year or a count. Say under “How the columns were "
        "read” where the table is and what its columns are."
    ),
    Code.BAD_NUMBER: N_("“{value}” is not a number. Write a whole number, or leave it empty."),
    Code.NOT_WHOLE: N_("{value} is not a whole number; counts of children are whole."),
    Code.BAD_YEAR: N_("“{value}” is not a school year. Write it like 2015-2016."),
    Code.UNKNOWN_SEX: N_("“{value}” is not girls, boys or total."),
    Code.BAD_YES_NO: N_("“{value}” is not yes or no."),
    Code.BAD_TEXT: N_(
        "“{value}” holds an invisible control character (it often comes from copying out of "
        "another program). Type the name again."
    ),
    Code.NAME_TOO_LONG: N_(
        "The name “{value}” has {length} characters; names of up to {limit} characters can be "
        "stored. Shorten it."
    ),
    Code.COUNT_TOO_LARGE: N_("{value} is too large for a count of children (at most {limit})."),
    Code.MISSING_VILLAGE: N_("This row has numbers but no village name."),
    Code.MISSING_YEAR: N_("This row has numbers but no school year. Write it like 2015-2016."),
    Code.YEAR_WRITTEN_ONCE: N_(
        "No school year in {cells}: read as {year}, the year written in {source} before it. If "
        "that is wrong, write the school year in each cell."
    ),
    Code.UNKNOWN_VILLAGE: N_(
        "“{value}” is not in the list of known villages. Check the spelling; if it is a new "
        "village, it will be added as written."
    ),
    Code.CLOSE_VILLAGE: N_(
        "“{value}” was read as {village}, the known village with the closest spelling. If it is "
        "another village, correct the name in the file."
    ),
    Code.CLOSE_MUNICIPALITY: N_(
        "“{value}” was read as {municipality}, the known municipality with the closest "
        "spelling. If it is another one, correct the name in the file."
    ),
    Code.PERCENT_MISMATCH: N_(
        "The percentage says {shown}%, but the counts beside it give {actual}%. The counts are "
        "used; check which is right."
    ),
    Code.OUTLIER: N_(
        "{column}: {value} is more than three times what {village} usually reports ({median}); "
        "check that it is not a typing mistake."
    ),
    Code.NEGATIVE_COUNT: N_("{value} is negative; counts of children are 0 or more."),
    Code.ENROLLED_GT_CHILDREN: N_(
        "{enrolled} children attend preschool but only {children} children aged 3-6 live there."
    ),
    Code.READY_GT_ENTRANTS: N_(
        "{ready} children are ready for school but only {entrants} entered grade 1."
    ),
    Code.NOT_READY_GT_ENTRANTS: N_(
        "{not_ready} children are not ready for school but only {entrants} entered grade 1."
    ),
    Code.SEX_SUM_MISMATCH: N_(
        "{column}: girls ({girls}) and boys ({boys}) add up to {sum}, but the total is {total}."
    ),
    Code.DUPLICATE_ROW: N_(
        "{village}, {year} ({sex}) appears more than once; keep one row and delete the others."
    ),
    Code.CONFLICTING_COUNTS: N_(
        "{column}: this cell says {value}, but sheet “{other_sheet}”, cell {other_cell} says "
        "{other} for the same village, school year and sex. Keep the right one."
    ),
    Code.UNUSED_COLUMN: N_(
        "Column “{header}” ({first}:{last}) holds {count} numbers that were not used. Choose what "
        "it is under “How the columns were read” on the Upload page, or mark it to be ignored."
    ),
    Code.UNUSED_CELLS: N_(
        "Cells {first}:{last} hold {count} numbers that belong to no table. Give them a header "
        "row, or check that nothing is missing from the tables."
    ),
    Code.TOTAL_GUESSED: N_(
        "“{label}” is not a known village, and its counts are the sum of the {rows} rows above "
        "it, so it was read as a total and left out. If it is a village and not a total, check "
        "its numbers: as written they equal that sum."
    ),
    Code.SUBTOTAL_MISMATCH: N_(
        "This row is a total (“{label}”) and was left out, but it does not add up: {column} "
        "is {shown} here, while the {rows} rows above it add up to {sum}. Check the numbers."
    ),
    Code.PART_GT_TOTAL: N_(
        "{column}: the girls ({girls}) are more than the total ({total}) they are part of."
    ),
    Code.YEAR_OUT_OF_RANGE: N_("School year {value} is outside {first} to {last}."),
    Code.PROJECT_WITHOUT_START: N_(
        "{village} is marked as a project village but has no project start year."
    ),
    Code.ERRORS_BLOCK_COMMIT: N_(
        "The file still has errors ({count}), so nothing was saved. Correct them in the table "
        "or in the file, then check again."
    ),
    Code.NO_ROWS: N_("The file has no rows of children's numbers, so nothing was saved."),
    Code.YEARS_ALREADY_STORED: N_(
        "School years {years} are already stored, so nothing was saved. To replace them, "
        "choose “Replace the villages and school years in this file, keep the rest”."
    ),
    Code.STORE_BUSY: N_(
        "Someone else is saving data at this moment, so nothing was saved. Try again in a minute."
    ),
    Code.STORE_CHANGED: N_(
        "Someone else saved new data while you were checking this file, so nothing was saved. "
        "Look again at what saving would change now, then save."
    ),
    Code.STORE_REFUSED: N_(
        "The database refused these numbers, so nothing was saved. The server's log says why; "
        "tell the person who runs the dashboard."
    ),
    Code.NOTHING_CHANGES: N_(
        "Nothing would change: the file holds exactly the numbers already stored, so no new "
        "version was made."
    ),
    Code.KEPT_VALUES_CONFLICT: N_(
        "The file leaves some counts empty, so the stored ones would be kept, but {count} of them "
        "do not fit the file's numbers (listed below). Fill in those counts in the file, or "
        "choose “Replace these school years entirely, for every village”."
    ),
}

VALUE_SHOWN = 80  # characters of a cell's text quoted in a message
SEVERITY_LABELS = {Severity.ERROR: N_("Error"), Severity.WARNING: N_("Warning")}


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: Code
    sheet: str | None = None
    cell: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    place: tuple[str, int] | None = None  # (village key, school year), where the row is known

    def where(self, lang: str) -> str:
        """Where, as people know the place: "Жаңы-Турмуш, 2015–2016 (sheet “Data”, cell F4)"."""
        t = Translator(lang)
        cell = self._cell(t)
        if self.place is None:
            return cell or t("The whole file")
        named = self.place_name(lang)
        return f"{named} ({cell})" if cell else named

    def place_name(self, lang: str) -> str:
        """The village and school year of the problem ("" when not known)."""
        if self.place is None:
            return ""
        t = Translator(lang)
        village, year = self.place
        name = _place_name("village", village, lang)
        return t("{village}, {year}", village=name, year=t.school_year(year))

    def _cell(self, t: Translator) -> str | None:
        sheet = None if self.sheet is None else escape.shorten(self.sheet, VALUE_SHOWN)
        if sheet is not None and self.cell is not None:
            return t("Sheet “{sheet}”, cell {cell}", sheet=sheet, cell=self.cell)
        if sheet is not None:
            return t("Sheet “{sheet}”", sheet=sheet)
        return None

    def reason(self, lang: str, sink: Callable[[object], str] = escape.text) -> str:
        """Why, in ``lang``; the values from the file pass ``sink`` (``escape.markdown`` where
        the message is shown as Markdown)."""
        t = Translator(lang)
        values = {k: sink(_render(t, k, v)) for k, v in self.values.items()}
        return t(MESSAGES[self.code], **values)

    def message(self, lang: str) -> str:
        """The problem in one sentence or two, in ``lang`` (ky, ru or en)."""
        return f"{self.where(lang)}: {self.reason(lang)}"


def _render(t: Translator, key: str, value: object) -> str:
    if key == "value" and isinstance(value, str):
        return escape.shorten(value, VALUE_SHOWN)
    if key == "column":
        return field_label(t, str(value))
    if key in ("village", "municipality"):
        return _place_name(key, str(value), t.lang)
    if key == "sex" and value in SEX_LABELS:
        return t(SEX_LABELS[value])
    if key == "year":
        return t.school_year(value)
    if key == "years":
        return ", ".join(t.school_year(year) for year in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return t.number(value, digits=0 if float(value).is_integer() else 1)
    return str(value)


def _place_name(kind: str, key: str, lang: str) -> str:
    """A village's or municipality's name in ``lang`` (the key itself when unknown)."""
    from readiness.model.places import registry  # the registry reads the loader's word lists

    places = registry()
    name = places.village_name if kind == "village" else places.municipality_name
    return escape.shorten(name(key, lang), VALUE_SHOWN)


def error(code: Code, sheet=None, cell=None, *, place=None, **values) -> Problem:
    return Problem(Severity.ERROR, code, sheet, cell, values, place)


def warning(code: Code, sheet=None, cell=None, *, place=None, **values) -> Problem:
    return Problem(Severity.WARNING, code, sheet, cell, values, place)


def problems_table(problems: Iterable[Problem], lang: str) -> pd.DataFrame:
    """Problems as rows for a person to read: severity, sheet, cell and message, in ``lang``."""
    t = Translator(lang)
    rows = [
        {
            t("Severity"): t(SEVERITY_LABELS[p.severity]),
            t("Village and school year"): p.place_name(lang),
            t("Sheet"): p.sheet or "",
            t("Cell"): p.cell or "",
            t("Problem"): p.reason(lang),
        }
        for p in problems
    ]
    columns = [t("Severity"), t("Village and school year"), t("Sheet"), t("Cell"), t("Problem")]
    return pd.DataFrame(rows, columns=columns, dtype="string")
