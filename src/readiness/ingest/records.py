"""Reading a table's data rows into raw records, one per village, school year and sex.

A record keeps the village and municipality as written, the parsed counts, and the cell each count
came from, so that every later problem can name its cell. Measure columns are grouped by the school
year and sex they belong to: a long table has one group, a wide table one group per year block.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from readiness import schema as s
from readiness.ingest.tables import MEASURES, Column, Table
from readiness.ingest.values import (
    is_blank,
    is_missing_word,
    parse_count,
    parse_float,
    parse_sex,
    parse_year,
    parse_yes_no,
)
from readiness.ingest.words import normalise, words
from readiness.problems import Code, Problem, error

RECORD_FIELDS = (
    "sheet",
    "row",
    "village_raw",
    "village_cell",
    "municipality_raw",
    "year_cell",
    s.YEAR,
    s.SEX,
)
CELL = "cell_"  # prefix of the columns that hold each measure's source cell


def cell_name(row: int, column: int) -> str:
    """Zero-based (row, column) as an A1 reference: (6, 3) -> "D7"."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


@dataclass
class Records:
    """Column-wise raw records, cheap to turn into a DataFrame."""

    data: dict[str, list] = field(
        default_factory=lambda: {
            k: [] for k in (*RECORD_FIELDS, *MEASURES, *(CELL + m for m in MEASURES))
        }
    )
    problems: list[Problem] = field(default_factory=list)

    def add(self, record: dict[str, object]) -> None:
        for key, values in self.data.items():
            values.append(record.get(key))

    def __len__(self) -> int:
        return len(self.data["sheet"])


@dataclass(frozen=True)
class SheetContext:
    """What the sheet says outside its table: a year or a village in its name or title."""

    year: int | None = None
    village: str | None = None


def _cell_text(row: list[object], column: Column | None) -> object:
    if column is None or column.index >= len(row):
        return None
    return row[column.index]


def _is_totals_row(row: list[object], table: Table) -> bool:
    """A row of sums ("Итого", "Бардыгы") in a label column: not data, so it is left out."""
    totals = words().values["total"]
    label_columns = [c.index for c in table.columns if c.field in _LABEL_FIELDS]
    first_measure = min((c.index for c in table.measure_columns()), default=len(row))
    indexes = set(label_columns) | set(range(min(first_measure, 3)))
    sex_column = table.column(s.SEX)
    indexes.discard(sex_column.index if sex_column else -1)
    return any(
        isinstance(row[i], str) and normalise(row[i]) in totals for i in indexes if i < len(row)
    )


_LABEL_FIELDS = (s.VILLAGE, s.MUNICIPALITY, "row_number")


def _groups(table: Table) -> dict[tuple[int | None, str | None], list[Column]]:
    grouped: dict[tuple[int | None, str | None], list[Column]] = defaultdict(list)
    for column in table.measure_columns():
        grouped[(column.year, column.sex)].append(column)
    return grouped


def read_observations(table: Table, context: SheetContext, into: Records) -> None:
    """Every data row of an observations table, as records added to ``into``."""
    sheet = table.grid.name
    groups = _groups(table)
    village_col = table.column(s.VILLAGE)
    measures = [c for cols in groups.values() for c in cols]
    for r in range(table.header_row + 1, len(table.grid.rows)):
        row = table.grid.rows[r]
        if all(is_blank(_cell_text(row, c)) for c in measures) or _is_totals_row(row, table):
            continue
        village = _cell_text(row, village_col) if village_col else context.village
        if is_blank(village):
            into.problems.append(error(Code.MISSING_VILLAGE, sheet, cell_name(r, 0)))
            continue
        base = {
            "sheet": sheet,
            "row": r,
            "village_raw": str(village).strip(),
            "village_cell": cell_name(r, village_col.index) if village_col else None,
            "municipality_raw": _cell_text(row, table.column(s.MUNICIPALITY)),
        }
        for (year, sex), columns in groups.items():
            record = _record(table, r, row, year, sex, columns, context, into.problems)
            if record is not None:
                into.add(base | record)


def _record(table, r, row, year, sex, columns, context, problems) -> dict | None:
    if all(is_blank(_cell_text(row, c)) for c in columns):
        return None
    sheet = table.grid.name
    record: dict[str, object] = {}
    if year is None:
        year = _row_year(table, r, row, context, problems)
        year_column = table.column(s.YEAR)
        record["year_cell"] = cell_name(r, year_column.index) if year_column else None
    if sex is None:
        sex_column = table.column(s.SEX)
        sex, code = parse_sex(_cell_text(row, sex_column))
        if code:
            where = cell_name(r, sex_column.index)
            problems.append(error(code, sheet, where, value=_cell_text(row, sex_column)))
            return None
    if year is None:
        return None
    record[s.YEAR], record[s.SEX] = year, sex
    for column in columns:
        value = _cell_text(row, column)
        number, code = parse_count(value)
        where = cell_name(r, column.index)
        if code:
            problems.append(error(code, sheet, where, value=value))
        record[column.field] = number
        record[CELL + column.field] = where
    return record


def _row_year(table, r, row, context, problems) -> int | None:
    year_column = table.column(s.YEAR)
    if year_column is None:
        return context.year
    value = _cell_text(row, year_column)
    year, code = parse_year(value)
    if code:
        problems.append(error(code, table.grid.name, cell_name(r, year_column.index), value=value))
    return year


def read_villages(table: Table) -> tuple[list[dict[str, object]], list[Problem]]:
    """The rows of a villages sheet: name, municipality, project status, start year, place."""
    rows, problems = [], []
    sheet = table.grid.name
    for r in range(table.header_row + 1, len(table.grid.rows)):
        row = table.grid.rows[r]
        village = _cell_text(row, table.column(s.VILLAGE))
        if is_blank(village) or _is_totals_row(row, table):
            continue
        record = {"village_raw": str(village).strip(), "sheet": sheet, "row": r}
        record[s.MUNICIPALITY] = _cell_text(row, table.column(s.MUNICIPALITY))
        record[s.DISTRICT] = _cell_text(row, table.column(s.DISTRICT))
        record[s.IN_PROJECT] = _read_cell(table, r, row, s.IN_PROJECT, parse_yes_no, problems)
        record[s.PROJECT_START] = _read_cell(table, r, row, s.PROJECT_START, parse_year, problems)
        for coordinate in (s.LATITUDE, s.LONGITUDE):
            record[coordinate] = parse_float(_cell_text(row, table.column(coordinate)))
        rows.append(record)
    return rows, problems


def _read_cell(table, r, row, field_name, parse, problems):
    column = table.column(field_name)
    value = _cell_text(row, column)
    if column is None or is_missing_word(value):
        return None
    parsed, code = parse(value)
    if code:
        problems.append(error(code, table.grid.name, cell_name(r, column.index), value=value))
    return parsed
