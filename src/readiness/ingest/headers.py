"""Header cells and header rows: what a header cell says, and where a sheet's tables begin.

A sheet may hold several tables, one below the other, each with its own caption and header rows.
A header row is found by what its cells say (the catalogue's words for a count, a village, a school
year), never by its position: every row of the sheet is looked at, a column at a time (each
distinct text is read once), so a national sheet of 90,000 rows costs a few hundredths of a
second. A row holding numbers other than school years is data, never a header.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from readiness.ingest.sources import Grid
from readiness.ingest.values import year_in_text
from readiness.ingest.words import is_percent_header, match_header, words
from readiness.model import schema as s

NOT_READY = "grade1_not_ready"
ROW_NUMBER = "row_number"
MEASURES = (*s.COUNTS, NOT_READY)
VILLAGE_FIELDS = (s.IN_PROJECT, s.PROJECT_START, s.LATITUDE, s.LONGITUDE, s.DISTRICT)
LABEL_FIELDS = (s.VILLAGE, s.MUNICIPALITY, s.YEAR)
BAND_ABOVE = 2  # header rows above the main one (an indicator over a school year, …)
OF_WHICH = (
    "в т ч",
    "в том числе",
    "из них",
    "анын ичинен",
    "анын ичинде",
    "of which",
    "including",
    "incl",
)
_FIELDS = (*LABEL_FIELDS, s.SEX, *MEASURES, *VILLAGE_FIELDS, s.COVERAGE, s.READINESS, ROW_NUMBER)
_BIT = {name: 1 << index for index, name in enumerate(_FIELDS)}
HEADER_BITS = sum(_BIT[f] for f in (*MEASURES, *VILLAGE_FIELDS))


@dataclass(frozen=True)
class Cell:
    """What a header cell says: a field, a school year, a sex, or nothing we know. ``part``
    marks an "of which" cell ("в т.ч. девочки"): a part of the count it sits under."""

    text: str = ""
    field: str | None = None
    percent: bool = False
    year: int | None = None
    sex: str | None = None
    part: bool = False


def read_cell(value: object) -> Cell:
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole = float(value).is_integer() and 1990 <= value <= 2100
        return Cell(str(value), year=int(value)) if whole else Cell()
    if not isinstance(value, str) or not value.strip():
        return Cell()
    return _read_text(value.strip())


@lru_cache(maxsize=65_536)
def _read_text(text: str) -> Cell:
    year, _ = year_in_text(text)
    if year is not None:
        return Cell(text, year=year)
    kind = words().value_kind(text)
    if kind in (s.GIRLS, s.BOYS, s.TOTAL):
        return Cell(text, sex=kind)
    part = of_which(text)
    if part is not None:
        return Cell(text, sex=part, part=True)
    found, _ = match_header(text)
    percent = is_percent_header(text) and found in (*MEASURES, s.COVERAGE, s.READINESS, None)
    return Cell(text, found, percent)


def of_which(text: str) -> str | None:
    """The sex an "of which" header names ("в т.ч. девочки", "анын ичинен кыздар", "of which
    girls"), or None when the header is not one."""
    from readiness.ingest.words import normalise

    key = normalise(text)
    for mark in OF_WHICH:
        if key.startswith(mark + " "):
            kind = words().value_kind(key[len(mark) :].strip())
            return kind if kind in (s.GIRLS, s.BOYS) else None
    return None


def fields_of(cells: list[Cell]) -> set[str]:
    return {c.field for c in cells if c.field and c.field != ROW_NUMBER and not c.percent}


def score(cells: dict[int, list[Cell]], r: int) -> int:
    """How much row ``r`` looks like the main header row of a table: the number of fields its
    band names, when it names a count (or a village detail) and the band names a village, a
    municipality, a school-year column or school years."""
    own = fields_of(cells[r])
    if not own & {*MEASURES, *VILLAGE_FIELDS}:
        return 0
    above = [cells[a] for a in range(max(0, r - BAND_ABOVE), r) if a in cells]
    band = own.union(*(fields_of(row) for row in above))
    years = any(c.year for row in (cells[r], *above) for c in row)
    return len(band) + years if band & set(LABEL_FIELDS) or years else 0


def cells_array(grid: Grid) -> np.ndarray:
    """The grid's cells as one two-dimensional array of Python values, made once per grid (the
    readers of header rows and of columns share it)."""
    found = grid.__dict__.get("_array")
    if found is None or found.shape[0] != len(grid.rows):
        width = max(map(len, grid.rows), default=0)
        found = np.empty((len(grid.rows), width), dtype=object)
        if grid.rows:
            found[:] = grid.rows if width else found
        grid.__dict__["_array"] = found
        grid.__dict__["_codes"] = {}
    return found


def column_codes(grid: Grid, index: int) -> tuple[np.ndarray, list[object]]:
    """(codes, distinct values) of one column of the grid, factorised once per grid (the
    readers of header rows, of numbers and of a table's columns share it). An empty cell has
    the last code, whose value is None."""
    cells = cells_array(grid)
    codes = grid.__dict__["_codes"]
    if index not in codes:
        found, uniques = pd.factorize(cells[:, index], use_na_sentinel=True)
        found[found < 0] = len(uniques)
        codes[index] = (found, [*uniques, None])
    return codes[index]


def row_profiles(grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """Per row: a bit mask of the fields its cells name, and how many numbers it holds that are
    not school years. Each column's distinct values are read once; made once per grid."""
    found = grid.__dict__.get("_profiles")
    if found is not None and len(found[0]) == len(grid.rows):
        return found
    cells = cells_array(grid)
    masks = np.zeros(len(grid.rows), dtype=np.int64)
    numbers = np.zeros(len(grid.rows), dtype=np.int64)
    for index in range(cells.shape[1]):
        codes, uniques = column_codes(grid, index)
        bits = np.array([_bits(v) for v in uniques], dtype=np.int64)
        counted = np.array([_is_count(v) for v in uniques])
        masks |= bits[codes]
        numbers += counted[codes]
    grid.__dict__["_profiles"] = (masks, numbers)
    return masks, numbers


def _bits(value: object) -> int:
    cell = read_cell(value)
    return 0 if cell.field is None or cell.percent else _BIT.get(cell.field, 0)


def _is_count(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not (float(value).is_integer() and 1990 <= value <= 2100) and value == value


def header_candidates(masks: np.ndarray, numbers: np.ndarray) -> list[int]:
    """Rows that may be a table's main header row (``row_profiles``): they name a count (or a
    village detail) and hold no number other than a school year."""
    return np.flatnonzero(((masks & HEADER_BITS) != 0) & (numbers == 0)).tolist()
