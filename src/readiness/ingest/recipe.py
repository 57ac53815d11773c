"""The analyst's hand on the wheel: how a file is to be read, when the loader's guess is wrong.

A ``Recipe`` says, for each sheet, which rows are a table's header rows and where its data end,
and, for any header cell, what its column is: a count, the village, the school year, the sex,
"of which girls", a percentage, or nothing to read. The loader reads the file again with it. The
recipe is kept with the version, together with the header cells it was made for
(``header_cells``); a later file whose sheets have the same header cells in the same places is
read with it automatically ("read the way report_2024.xlsx was read on 3 March"). Like
databaker's recipes: a short description of a layout, saved and reused for next year's file.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from readiness.ingest.headers import MEASURES, NOT_READY, ROW_NUMBER
from readiness.ingest.tables import Column, Table
from readiness.ingest.words import normalise
from readiness.model import schema as s

GIRLS_PART = "girls_part"  # "of which girls": the girls of the count the column sits under
PERCENT = "percent"  # a percentage, checked against its counts
IGNORE = "ignore"  # nothing to read: its numbers are accounted for by the analyst's choice
ROLES = (
    s.VILLAGE,
    s.MUNICIPALITY,
    s.YEAR,
    s.SEX,
    *s.COUNTS,
    NOT_READY,
    GIRLS_PART,
    PERCENT,
    s.IN_PROJECT,
    s.PROJECT_START,
    ROW_NUMBER,
    IGNORE,
)
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class TableChoice:
    """Where one sheet's table is: its header rows (first and last, counted from 0 in the sheet
    as it stands, or as turned on its side), and its last data row (None: the sheet's end)."""

    sheet: str
    first_header_row: int
    last_header_row: int
    last_row: int | None = None
    transposed: bool = False


@dataclass(frozen=True)
class ColumnChoice:
    """What the column under one header cell is (a role of ``ROLES``)."""

    sheet: str
    cell: str  # the header cell, as named in the mapping ("E3")
    role: str


@dataclass(frozen=True)
class Recipe:
    tables: tuple[TableChoice, ...] = ()
    columns: tuple[ColumnChoice, ...] = ()
    header_cells: tuple[tuple[str, str, str], ...] = ()  # (sheet, cell, text with digits masked)
    source: str | None = None  # the file it was made for
    made_on: str | None = None  # ISO date

    @property
    def empty(self) -> bool:
        return not self.tables and not self.columns

    def table_for(self, sheet: str) -> TableChoice | None:
        return next((t for t in self.tables if t.sheet == sheet), None)

    def role_of(self, sheet: str, cell: str) -> str | None:
        return next((c.role for c in self.columns if (c.sheet, c.cell) == (sheet, cell)), None)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | None) -> Recipe | None:
        if not data:
            return None
        return cls(
            tuple(TableChoice(**t) for t in data.get("tables", ())),
            tuple(ColumnChoice(**c) for c in data.get("columns", ())),
            tuple(tuple(h) for h in data.get("header_cells", ())),
            data.get("source"),
            data.get("made_on"),
        )


def masked(text: object) -> str:
    """A header's text as layouts are compared: normalised, with its digits masked, so that
    next year's "2025-2026" header matches this year's "2024-2025"."""
    return _DIGITS.sub("#", normalise(text))


def header_cells(tables: list[Table]) -> tuple[tuple[str, str, str], ...]:
    """The header cells of the tables read: what a later file must have to share the layout."""
    found = []
    for table in tables:
        top = table.top_row
        for row in range(top, table.header_row + 1):
            for index, value in enumerate(table.grid.rows[row]):
                if isinstance(value, str) and value.strip():
                    found.append((table.grid.name, table.cell(row, index), masked(value)))
    return tuple(found)


def matches(recipe: Recipe, texts: dict[tuple[str, str], str]) -> bool:
    """Whether a file's cells (sheet, cell) -> masked text hold every header cell of
    ``recipe``."""
    return bool(recipe.header_cells) and all(
        texts.get((sheet, cell)) == text for sheet, cell, text in recipe.header_cells
    )


def chosen(column: Column, role: str, columns: list[Column]) -> Column:
    """A column as the analyst says it is."""
    if role == IGNORE:
        return replace(column, field=None, percent=False, ignored=True)
    if role == PERCENT:
        return replace(column, percent=True, ignored=False)
    if role == GIRLS_PART:
        return replace(column, field=_part_of(column, columns), sex=s.GIRLS, part=True)
    return replace(column, field=role, percent=False, ignored=False)


def _part_of(column: Column, columns: list[Column]) -> str | None:
    """The count an "of which girls" column belongs to: its own header's, or the nearest count
    to its left."""
    if column.field in MEASURES:
        return column.field
    left = [c for c in columns if c.index < column.index and c.field in MEASURES]
    return max(left, key=lambda c: c.index).field if left else None


__all__ = [
    "GIRLS_PART",
    "IGNORE",
    "PERCENT",
    "ROLES",
    "ColumnChoice",
    "Recipe",
    "TableChoice",
    "chosen",
    "header_cells",
    "masked",
    "matches",
]
