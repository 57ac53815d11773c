"""Nothing silently dropped: every cell of a file that holds a number is accounted for.

A number became data (a count, a school year, a village detail), or it is a recognised total,
subtotal or percentage that was checked, or a problem names where it is: the column, its header
and its range ("Column E “1-класска келди” holds 40 numbers that were not used"). Such a problem is
an error when the table lacks one of the four counts, for the unused column may well be it; a
warning otherwise. Numbers outside every table are named by their range in the same way: an error
when they sit below a table, under its count columns (rows the table may have cut off), or when
no table of the sheet has all four counts; a warning otherwise.
"""

from __future__ import annotations

import re

import numpy as np

from readiness.ingest.headers import NOT_READY, cells_array, column_codes
from readiness.ingest.sources import Grid
from readiness.ingest.tables import Table, cell_name
from readiness.ingest.values import is_missing_word, parse_count
from readiness.model import schema as s
from readiness.model.problems import Code, Problem, error, warning


def unused_numbers(grids: list[Grid], tables: list[Table]) -> list[Problem]:
    """A problem for each column of a table, and each stretch of a sheet outside its tables,
    whose numbers were not used."""
    problems = []
    for grid, own in _by_grid(grids, tables):
        numbers = number_cells(grid)
        if not numbers.any():
            continue
        used = np.zeros_like(numbers)
        for table in own:
            problems += _unused_columns(table, numbers)
            _mark(table, used)
        problems += _outside(grid, own, numbers & ~used)
    return problems


def _by_grid(grids: list[Grid], tables: list[Table]) -> list[tuple[Grid, list[Table]]]:
    """Each sheet as its tables were read (turned on its side for a transposed table), with
    its tables; a sheet without a table, as it is."""
    found: dict[str, tuple[Grid, list[Table]]] = {grid.name: (grid, []) for grid in grids}
    for table in tables:
        own = found[table.grid.name][1]
        found[table.grid.name] = (table.grid, [*own, table])
    return list(found.values())


def number_cells(grid: Grid) -> np.ndarray:
    """Which cells hold a number (a number, or text that reads as one: "1 024")."""
    cells = cells_array(grid)
    found = np.zeros(cells.shape, dtype=bool)
    for index in range(cells.shape[1]):
        codes, uniques = column_codes(grid, index)
        flags = np.array([_is_number(v) for v in uniques])
        found[:, index] = flags[codes]
    return found


_DIGIT = re.compile(r"\d")  # a text without a digit never reads as a number (``parse_count``)


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value == value
    if isinstance(value, str) and _DIGIT.search(value) and not is_missing_word(value):
        number, code = parse_count(value)
        return number is not None or code in (Code.NOT_WHOLE, Code.COUNT_TOO_LARGE)
    return False


def _mark(table: Table, used: np.ndarray) -> None:
    """A table's rows, from its header to its last data row, across its columns: what is left
    there was named by ``_unused_columns``."""
    top = table.top_row
    indexes = [c.index for c in table.columns]
    used[top : table.last_row, min(indexes) : max(indexes) + 1] = True


def _unused_columns(table: Table, numbers: np.ndarray) -> list[Problem]:
    rows = slice(table.data_row, table.last_row)
    meaningful = {c.index for c in table.columns if c.field is not None or c.percent or c.ignored}
    headers = {c.index: c.header for c in table.columns}
    lacking = _lacks_a_count(table)
    problems = []
    for index in range(min(headers), max(headers) + 1):  # its own columns (not a neighbour's)
        found = np.flatnonzero(numbers[rows, index]) + table.data_row
        if index in meaningful or not len(found):
            continue
        first, last = (table.cell(int(row), index) for row in (found[0], found[-1]))
        values = {"header": headers.get(index, ""), "count": len(found), "first": first}
        make = error if lacking and table.kind == "observations" else warning
        problems.append(make(Code.UNUSED_COLUMN, table.grid.name, first, last=last, **values))
    return problems


def _lacks_a_count(table: Table) -> bool:
    fields = table.fields | ({s.READY} if NOT_READY in table.fields else set())
    return not set(s.COUNTS) <= fields


def _below_counts(table: Table, rows: np.ndarray, columns: np.ndarray) -> bool:
    """Whether any of the cells lies below the table, in one of its count columns."""
    counts = [c.index for c in table.columns if c.field in s.COUNTS or c.field == NOT_READY]
    return bool(np.any((rows >= table.last_row) & np.isin(columns, counts)))


def _outside(grid: Grid, tables: list[Table], left: np.ndarray) -> list[Problem]:
    """Numbers outside every table of the sheet, by the range they span."""
    rows, columns = np.nonzero(left)
    if not len(rows):
        return []
    name = tables[0].cell if tables else cell_name
    first = name(int(rows.min()), int(columns.min()))
    last = name(int(rows.max()), int(columns.max()))
    below = any(_below_counts(t, rows, columns) for t in tables)
    make = error if below or all(_lacks_a_count(t) for t in tables) else warning
    return [make(Code.UNUSED_CELLS, grid.name, first, first=first, last=last, count=len(rows))]
