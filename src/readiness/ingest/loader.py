"""``load_workbook``: any spreadsheet people make, turned into the canonical frames, never raising.

It reads in the calling process, so it is for files we trust (the bundled demo, a benchmark).
Uploaded files go through ``readiness.ingest.sandbox.load_untrusted``, which runs this same
function in a child process that a hostile file cannot take the server down with.

>>> result = load_workbook("file.xlsx")   # or bytes / a file object, with filename=
>>> result.ok, result.observations, result.villages, result.problems, result.mapping
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from readiness.ingest.accounting import unused_numbers
from readiness.ingest.assemble import PROVENANCE, assemble, placed
from readiness.ingest.extract import Extract, SheetContext, Source, read_observations
from readiness.ingest.headers import row_profiles
from readiness.ingest.recipe import (
    GIRLS_PART,
    IGNORE,
    PERCENT,
    Recipe,
    TableChoice,
    chosen,
    header_cells,
    masked,
    matches,
)
from readiness.ingest.sources import Grid, Limits, read_grids
from readiness.ingest.tables import (
    Column,
    Table,
    cell_position,
    find_tables,
    found_headers,
    table_from_choice,
)
from readiness.ingest.values import year_in_text
from readiness.ingest.village_rows import read_villages
from readiness.ingest.villages import villages_from
from readiness.ingest.words import header_keys, nearest_headers, words
from readiness.model import schema as s
from readiness.model.places import Registry, registry
from readiness.model.problems import Code, Problem, Severity, error

log = logging.getLogger(__name__)
MAPPING_COLUMNS = ("sheet", "cell", "header", "field", "year", "sex", "how")
READ, DERIVED = "read", "derived"  # how a column became data: read from the file, or worked out


@dataclass
class LoadResult:
    observations: pd.DataFrame
    villages: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    mapping: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MAPPING_COLUMNS))
    provenance: pd.DataFrame = field(  # per observation: its source group and source row
        default_factory=lambda: pd.DataFrame(columns=PROVENANCE)
    )
    sources: list[Source] = field(default_factory=list)  # the sheet and columns of each group
    given: pd.DataFrame | None = None  # per village: which fields the file itself gave
    recipe: Recipe | None = None  # how the analyst said to read it, when they did
    header_cells: tuple = ()  # the header cells read (a new recipe for this layout keeps them)
    layout: tuple[TableChoice, ...] = ()  # where each table was found: its header rows, its end
    sheets: tuple[str, ...] = ()  # every sheet of the file, tables or not

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def _read_bytes(source: str | Path | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    return source.read()


def load_workbook(
    source: str | Path | bytes | BinaryIO,
    *,
    filename: str | None = None,
    limits: Limits | None = None,
    places: Registry | None = None,
    recipe: Recipe | None = None,
    recipes: Sequence[Recipe] = (),
    vocabulary: Mapping[str, str] | None = None,
) -> LoadResult:
    """Reads a spreadsheet into canonical frames; every failure is a problem, never an exception.

    ``source`` is a path, bytes or a binary file object. ``filename`` is used only in messages:
    the format is recognised from the content. ``recipe`` says how to read it where the
    analyst corrected the guess; else the first of ``recipes`` whose header cells the file has
    is used (``LoadResult.recipe`` says which). ``vocabulary`` maps headers (normalised) to
    fields: the analysts' own words, on top of the catalogue.
    """
    limits = limits or Limits()
    try:
        data = _read_bytes(source)
    except OSError:
        return failed(error(Code.UNREADABLE))
    try:
        grids, problems = read_grids(data, limits)
        if problems:
            return failed(*problems)
        reading = Reading(recipe or _matching(grids, recipes), dict(vocabulary or {}))
        return _load_grids(grids, places or registry(), reading)
    except MemoryError:
        log.warning("load_workbook ran out of memory on a %d-byte file %r", len(data), filename)
        return failed(error(Code.NOT_READ_SAFELY))
    except Exception:  # a file no rule foresaw must still not crash the dashboard
        log.exception("load_workbook failed on a %d-byte file %r", len(data), filename)
        return failed(error(Code.UNREADABLE))
    except BaseException as failure:  # a panic in the Rust reader is not an Exception
        if type(failure).__name__ != "PanicException":
            raise
        log.exception("the reader panicked on a %d-byte file %r", len(data), filename)
        return failed(error(Code.UNREADABLE))


def failed(*problems: Problem) -> LoadResult:
    """A result with no data, only these problems."""
    return LoadResult(s.empty_observations(), s.empty_villages(), list(problems))


@dataclass(frozen=True)
class Reading:
    """What the analyst said about reading a file: a recipe, and their own header words."""

    recipe: Recipe | None = None
    vocabulary: dict[str, str] = field(default_factory=dict)

    def chosen(self, grid: Grid) -> bool:
        return self.recipe is not None and self.recipe.table_for(grid.name) is not None

    def tables(self, grid: Grid, places: Registry, *, turned: bool = False) -> list[Table]:
        choice = self.recipe.table_for(grid.name) if self.recipe else None
        if choice is None:
            found = find_tables(grid, places, turned=turned)
        else:
            found = [t for t in [table_from_choice(grid, choice, places)] if t is not None]
        for table in found:
            table.columns = [self._column(table, c) for c in table.columns]
        return found

    def _column(self, table: Table, column: Column) -> Column:
        cell = table.cell(table.header_row, column.index)
        role = self.recipe.role_of(table.grid.name, cell) if self.recipe else None
        if role is not None:
            return chosen(column, role, table.columns)
        keys = header_keys(column.header)
        word = next((self.vocabulary[k] for k in keys if k in self.vocabulary), None)
        if word and column.field is None and not column.percent:
            return chosen(column, word, table.columns)
        return column


def _matching(grids: list[Grid], recipes: Sequence[Recipe]) -> Recipe | None:
    """The first recipe whose header cells this file has, in the same places."""
    for recipe in recipes:
        texts = {
            (sheet, cell): _masked_at(grids, sheet, cell) for sheet, cell, _ in recipe.header_cells
        }
        if matches(recipe, texts):
            return recipe
    return None


def _masked_at(grids: list[Grid], sheet: str, cell: str) -> str | None:
    grid = next((g for g in grids if g.name == sheet), None)
    row, column = cell_position(cell)
    if grid is None or row >= len(grid.rows) or column >= len(grid.rows[row]):
        return None
    return masked(grid.rows[row][column])


def _load_grids(grids: list[Grid], places: Registry, reading: Reading) -> LoadResult:
    extract, village_rows, tables = Extract(), [], []
    for grid in grids:
        before = extract.mark()
        found = _read_grid(reading.tables(grid, places), extract, village_rows, places)
        if not extract.rows_since(before) and not reading.chosen(grid) and _has_numbers(grid):
            turned = reading.tables(grid, places, turned=True)
            if _reads_rows(turned, places):
                extract.undo(before)  # the sheet was read the wrong way round
                found = _read_grid(turned, extract, village_rows, places)
        tables += found
    if not any(t.kind == "observations" for t in tables):
        refused = failed(_no_table(grids))
        return replace(refused, sheets=tuple(g.name for g in grids), recipe=reading.recipe)
    extract.problems += unused_numbers(grids, tables)
    done = assemble(extract.records(), extract.sources, places)
    villages, given, village_problems = villages_from(
        done.observations, village_rows, done.spellings, places, done.written_municipality
    )
    problems = [*placed(extract.problems, done.places), *done.problems, *village_problems]
    counted = [t for t in tables if t.kind == "observations" and _has_numbers(t.grid)]
    if (
        done.observations.empty
        and counted
        and not any(p.severity is Severity.ERROR for p in problems)
    ):
        problems.append(error(Code.NO_ROWS_READ, counted[0].grid.name))  # never "ok" with nothing
    return LoadResult(
        done.observations,
        villages,
        problems,
        _mapping(tables, done.boys_derived),
        done.provenance,
        extract.sources,
        given,
        reading.recipe,
        header_cells(tables),
        tuple(_choice(t) for t in tables),
        tuple(g.name for g in grids),
    )


def _choice(table: Table) -> TableChoice:
    top = table.top_row
    return TableChoice(table.grid.name, top, table.header_row, table.last_row - 1, table.transposed)


def _read_grid(found: list[Table], extract: Extract, village_rows: list, places) -> list[Table]:
    """Reads one sheet's tables into ``extract`` (and the villages sheet's rows)."""
    for table in found:
        if table.kind == "observations":
            read_observations(table, sheet_context(table, places), extract, places)
        else:
            rows, problems = read_villages(table)
            village_rows.extend(rows)
            extract.problems.extend(problems)
    return found


def _reads_rows(found: list[Table], places: Registry) -> bool:
    """Whether the counts of ``found`` give at least one row (read apart, and thrown away)."""
    trial = Extract()
    for table in found:
        if table.kind == "observations":
            read_observations(table, sheet_context(table, places), trial, places)
    return bool(trial.rows_since((0, 0, 0, 0)))


def _has_numbers(grid: Grid) -> bool:
    return bool(row_profiles(grid)[1].any())


_GENERIC_SHEET = re.compile(r"^(sheet|лист|барак|page|свод|data|маалымат|данные)\s*\d*$")


def sheet_context(table: Table, places: Registry) -> SheetContext:
    """A school year or a village that the sheet's name or title gives all of its rows."""
    texts = [table.grid.name, *table.titles]
    year = next((y for y, _ in map(year_in_text, texts) if y is not None), None)
    village = next((t for t in texts if places.match_village(t, close=False)), None)
    if village is None:
        words_ = (w for t in table.titles for w in _title_words(t))
        village = next((w for w in words_ if places.match_village(w, close=False)), None)
    name = table.grid.name.strip()
    per_village = table.column(s.YEAR) is not None and year is None
    if village is None and per_village and not _GENERIC_SHEET.match(name.casefold()):
        village = name
    return SheetContext(year=year, village=village)


def _title_words(title: str) -> list[str]:
    """Single words and pairs of words of a title, to find a village named in it."""
    tokens = title.replace(",", " ").split()
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


def _no_table(grids: list[Grid]) -> Problem:
    found = [h for g in grids for h in found_headers(g)]
    first = words().first
    expected = [first[f]["ky"] for f in (s.VILLAGE, s.YEAR, *s.COUNTS)]
    expected += [first[f]["ru"] for f in (s.VILLAGE, s.YEAR, *s.COUNTS)]
    suggestions = {h: nearest_headers(h) for h in found}
    near = "; ".join(f"{h} → {', '.join(n)}" for h, n in suggestions.items() if n)
    return error(
        Code.NO_TABLE,
        grids[0].name if len(grids) == 1 else None,
        found=", ".join(found) or "—",
        expected=", ".join(expected) + (f" ({near})" if near else ""),
    )


def _mapping(tables: list[Table], boys_derived: bool) -> pd.DataFrame:
    """Which column of which sheet became which field; with boys worked out as total − girls
    (an "of which girls" table), a row per count that says so."""
    rows = [
        (t.grid.name, t.cell(t.header_row, c.index), c.header, _role(c), c.year, c.sex, READ)
        for t in tables
        for c in t.columns
    ]
    if boys_derived:
        given = {c.field for t in tables for c in t.columns if c.part and c.field in s.COUNTS}
        rows += [(None, None, None, f, None, s.BOYS, DERIVED) for f in s.COUNTS if f in given]
    return pd.DataFrame(rows, columns=MAPPING_COLUMNS)


def _role(column: Column) -> str | None:
    """What a column was read as, in the words of ``recipe.ROLES``."""
    if column.ignored:
        return IGNORE
    if column.percent:
        return PERCENT
    if column.part and column.sex == s.GIRLS:
        return GIRLS_PART
    return column.field


def mapping_frame(kept: list | dict) -> pd.DataFrame:
    """A mapping kept with a version (rows of values, or ``{"columns": rows, "recipe": …}``),
    whatever columns it was kept with."""
    records = kept.get("columns", []) if isinstance(kept, dict) else kept
    frame = pd.DataFrame(records)
    frame = frame.reindex(columns=range(len(MAPPING_COLUMNS)))
    frame.columns = list(MAPPING_COLUMNS)
    frame["how"] = frame["how"].fillna(READ)
    return frame
