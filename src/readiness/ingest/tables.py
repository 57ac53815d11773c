"""Finding the tables in a sheet: their header rows, their rows, and what each column means.

A sheet may hold several tables: one below the other, each with its own caption and header rows,
or side by side, each with its own village column. Each table's header may take one row or
several: a merged school-year cell over a block of indicators (a block per year), an indicator
over girls / boys / total, or over "всего" and "в т.ч. девочки" (of which girls). A table whose
villages run across the columns, with indicators and school years down the rows, is read from the
sheet turned on its side (``transpose``): the same rules then find it. Each column is annotated
with its canonical field and, where the header says so, the school year and the sex its numbers
belong to. Caption lines may name the school year or the village of the whole table.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from readiness.ingest.extent import cell_name, column_number
from readiness.ingest.headers import (
    BAND_ABOVE,
    MEASURES,
    NOT_READY,
    ROW_NUMBER,
    Cell,
    fields_of,
    header_candidates,
    read_cell,
    row_profiles,
    score,
)
from readiness.ingest.sources import Grid
from readiness.ingest.values import is_blank
from readiness.model import schema as s
from readiness.model.places import Registry

__all__ = ["MEASURES", "NOT_READY", "ROW_NUMBER", "Column", "Table", "cell_name", "find_tables"]
VILLAGE_SHARE = 0.5  # of a column's texts that must be known villages for it to be the villages'
FOUND_HEADERS = 12


def cell_position(name: str) -> tuple[int, int]:
    """An A1 reference as zero-based (row, column): "D7" -> (6, 3)."""
    letters = "".join(ch for ch in name if ch.isalpha()).upper()
    digits = "".join(ch for ch in name if ch.isdigit())
    return int(digits or 1) - 1, column_number(letters) - 1


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str | None
    percent: bool = False
    year: int | None = None
    sex: str | None = None
    part: bool = False  # an "of which" column: a part of the total it sits under
    ignored: bool = False  # the analyst said: nothing to read here


@dataclass
class Table:
    grid: Grid
    header_row: int  # the last header row; data start below it
    columns: list[Column]
    titles: list[str] = field(default_factory=list)  # caption lines above the header
    end_row: int | None = None  # the data stop before this row (None: at the sheet's end)
    transposed: bool = False  # read from the sheet turned on its side
    first_header_row: int | None = None
    numbered: bool = False  # a row of column numbers (1 2 3 …) right under the header

    @property
    def top_row(self) -> int:
        """The first header row (the last one, when the header takes one row)."""
        return self.first_header_row if self.first_header_row is not None else self.header_row

    @property
    def data_row(self) -> int:
        """The first row that may hold data: below the header and its column numbers."""
        return self.header_row + 1 + int(self.numbered)

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field and not c.percent}

    @property
    def kind(self) -> str:
        """ "observations" (counts of children) or "villages" (the list of villages)."""
        return "observations" if self.fields & set(MEASURES) else "villages"

    @property
    def last_row(self) -> int:
        """Where the data stop (exclusive): ``end_row``, never beyond the sheet."""
        rows = len(self.grid.rows)
        return rows if self.end_row is None else max(self.data_row, min(self.end_row, rows))

    def cell(self, row: int, column: int) -> str:
        """The A1 name, on the sheet as the person made it, of a cell of this table's grid."""
        return cell_name(column, row) if self.transposed else cell_name(row, column)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name and not c.percent), None)

    def measure_columns(self) -> list[Column]:
        return [c for c in self.columns if c.field in MEASURES and not c.percent]

    def percent_columns(self) -> list[Column]:
        return [c for c in self.columns if c.percent]


def transpose(grid: Grid) -> Grid:
    """The sheet turned on its side: rows become columns, merged ranges turn with them."""
    rows = [list(column) for column in zip(*grid.rows, strict=True)] if grid.rows else []
    merged = [((left, top), (right, bottom)) for (top, left), (bottom, right) in grid.merged]
    return Grid(grid.name, rows, merged)


def find_tables(grid: Grid, places: Registry, *, turned: bool = False) -> list[Table]:
    """The tables of ``grid``: as it stands, or, when that finds no counts, turned on its side
    (with ``turned``, only turned on its side)."""
    if turned:
        return _tables(transpose(grid), places, transposed=True) if grid.rows else []
    tables = _tables(grid, places, transposed=False)
    if any(t.kind == "observations" for t in tables) or not row_profiles(grid)[1].any():
        return tables  # found, or no numbers to find (a sheet of instructions, a blank form)
    turned = _tables(transpose(grid), places, transposed=True)
    return turned if any(t.kind == "observations" for t in turned) else tables


def _tables(grid: Grid, places: Registry, *, transposed: bool) -> list[Table]:
    masks, numbers = row_profiles(grid)
    candidates = header_candidates(masks, numbers)
    rows = sorted({r + d for r in candidates for d in range(-BAND_ABOVE, 2)} & _all(grid))
    cells = dict(zip(rows, _cells(grid, rows), strict=True))
    mains = _mains(cells, candidates, numbers)
    tables = []
    for index, main in enumerate(mains):
        end = _band_top(cells, mains[index + 1]) if index + 1 < len(mains) else None
        built = _build(grid, cells, main, end, numbers)
        for table in _side_by_side(built):
            table.columns = _keep_first_of_each(table.columns)
            tables.append(_with_village_column(table, places, transposed))
    return tables


def table_from_choice(grid: Grid, choice, places: Registry) -> Table | None:
    """The table of ``grid`` whose header rows the analyst gave (a ``recipe.TableChoice``)."""
    if choice.transposed:
        grid = transpose(grid)
    last = min(choice.last_header_row, len(grid.rows) - 1)
    band = list(range(max(0, choice.first_header_row), last + 1))
    if not band:
        return None
    numbers = row_profiles(grid)[1]
    cells = dict(zip(band, _cells(grid, band), strict=True))
    main = max(band, key=lambda r: (len(fields_of(cells[r])), -r))
    end = None if choice.last_row is None else choice.last_row + 1
    table = _from_band(grid, cells, band, main, end, numbers)
    table.columns = _keep_first_of_each(table.columns)
    return _with_village_column(table, places, choice.transposed)


def _all(grid: Grid) -> set[int]:
    return set(range(len(grid.rows)))


def _cells(grid: Grid, rows: list[int]) -> list[list[Cell]]:
    """Each chosen row's cells, read as header cells, with merged ranges filled in."""
    filled = {r: list(grid.rows[r]) for r in rows}
    for (top, left), (bottom, right) in grid.merged:
        if top >= len(grid.rows) or left >= len(grid.rows[top]):
            continue
        value = grid.rows[top][left]
        for r in range(top, bottom + 1):
            if r in filled:
                for c in range(left, min(right, len(filled[r]) - 1) + 1):
                    filled[r][c] = value
    return [[read_cell(v) for v in filled[r]] for r in rows]


def _mains(cells: dict[int, list[Cell]], candidates: list[int], numbers) -> list[int]:
    """The main header row of each table: the best-scoring candidate of each group of
    candidates that no data row separates."""
    mains: list[int] = []
    for r in candidates:
        points = score(cells, r) if len([c for c in cells[r] if c.text]) >= 2 else 0
        if points == 0:  # a caption or a sentence holds one cell; a header row holds several
            continue
        if mains and r - mains[-1] <= BAND_ABOVE + 1 and not numbers[mains[-1] : r].any():
            if points > score(cells, mains[-1]):
                mains[-1] = r
            continue
        mains.append(r)
    return mains


def _band_top(cells: dict[int, list[Cell]], main: int) -> int:
    above = _band_above(cells, main)
    return min([main, *above])


def _band_above(cells: dict[int, list[Cell]], main: int) -> list[int]:
    band = []
    for r in range(main - 1, max(-1, main - 1 - BAND_ABOVE), -1):
        if r not in cells or len([c for c in cells[r] if c.text]) < 2:  # a caption, not a header
            break
        band.append(r)
    return band


def _is_sub_header(cells: list[Cell], measure_indexes: set[int]) -> bool:
    """A row under the header that splits indicators by sex or by school year."""
    marks = [c for i, c in enumerate(cells) if i in measure_indexes and (c.sex or c.year)]
    numbers = [c for c in cells if c.year is None and c.text and c.text[0].isdigit()]
    return bool(marks) and not numbers


def _forward_years(cells: list[Cell], start: int) -> list[int | None]:
    """The school year over each column: a year cell covers the empty cells and the counts'
    headers after it ("2015-2016" over a block of columns, or on its own before the counts of a
    row that mixes years and counts), until the next year or another header."""
    carried, year = [], None
    for index, cell in enumerate(cells):
        if index < start:
            carried.append(cell.year)
            continue
        if cell.year is not None:
            year = cell.year
        elif cell.text and cell.field not in MEASURES:
            year = None
        carried.append(year)
    return carried


def _forward(cells: list[Cell], attribute: str, start: int) -> list[object]:
    """A header row's values carried rightwards into the empty cells after them (an unmerged
    "2015-2016" over a block of four columns covers all four)."""
    carried, value = [], None
    for index, cell in enumerate(cells):
        if index >= start and (cell.text or getattr(cell, attribute)):
            value = getattr(cell, attribute)
        carried.append(value if index >= start else getattr(cell, attribute))
    return carried


def _first_measure(row: list[Cell], width: int) -> int:
    found = [i for i, c in enumerate(row) if c.field in MEASURES]
    years = [i for i, c in enumerate(row) if c.year and i < min(found, default=width)]
    return min([*found, *years[-1:]], default=width)


def _build(grid: Grid, cells: dict[int, list[Cell]], main: int, end, numbers) -> Table:
    above = _band_above(cells, main)
    width = max(len(cells[r]) for r in cells if main - BAND_ABOVE <= r <= main + 1)
    first = _first_measure(cells[main], width)
    below = (
        main + 1 in cells
        and not numbers[main + 1]  # a row of counts is data, however its labels read
        and _is_sub_header(cells[main + 1], set(range(first, width)))
    )
    band = [*reversed(above), main, *([main + 1] if below else [])]
    return _from_band(grid, cells, band, main, end, numbers)


def _from_band(grid: Grid, cells, band: list[int], main: int, end, numbers) -> Table:
    """The table whose header rows are ``band`` (``main`` names the counts)."""
    above = sorted((r for r in band if r < main), reverse=True)  # the nearest first
    below = main != band[-1]
    width = max(len(cells[r]) for r in band)
    first = _first_measure(cells[main], width)
    padded = {r: cells[r] + [Cell()] * (width - len(cells[r])) for r in band}
    years = {r: _forward_years(padded[r], first) for r in band}
    fields_main = _forward(padded[main], "field", first) if below else None
    columns = [
        column
        for index in range(width)
        if (column := _column(index, band, padded, years, main, above, fields_main)) is not None
    ]
    titles = _titles(grid, min(band), numbers)
    below = max(band) + 1
    numbered = below < len(grid.rows) and (end is None or below < end)
    numbered = numbered and is_numbering(grid.rows[below])
    return Table(grid, max(band), columns, titles, end, False, min(band), numbered)


def is_numbering(row: list[object]) -> bool:
    """A row that numbers the columns (1 2 3 4 …, as official forms print under the header):
    three or more whole numbers, each one more than the one before, and nothing else."""
    found = []
    for value in row:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        number = _whole(value)
        if number is None:
            return False
        found.append(number)
    return len(found) >= 3 and all(b == a + 1 for a, b in itertools.pairwise(found))


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 4:
        return int(value.strip())
    return None


def _column(index, band, padded, years, main, above, fields_main) -> Column | None:
    texts = [padded[r][index].text for r in band if padded[r][index].text]
    found = next((padded[r][index] for r in (main, *above) if padded[r][index].field), None)
    name = found.field if found else (fields_main[index] if fields_main else None)
    if not texts and not name:
        return None
    percent = any(padded[r][index].percent for r in band)
    year = next((years[r][index] for r in band if years[r][index] is not None), None)
    sex_cell = next((padded[r][index] for r in band if padded[r][index].sex), None)
    sex, part = (sex_cell.sex, sex_cell.part) if sex_cell else (None, False)
    header = " / ".join(dict.fromkeys(texts))
    return Column(index, header, name, percent, year, sex, part)


def _titles(grid: Grid, top: int, numbers) -> list[str]:
    """The caption lines right above a table's header: text rows up to the previous table's
    data (a row with numbers) or the top of the sheet."""
    first = top
    while first > 0 and not numbers[first - 1]:
        first -= 1
    cells = (v for row in grid.rows[first:top] for v in row)
    return [v.strip() for v in cells if isinstance(v, str) and v.strip()]


def _keep_first_of_each(columns: list[Column]) -> list[Column]:
    """A field named twice for the same year and sex keeps its first column; the rest are
    set aside (their field is cleared, and the mapping shows it)."""
    seen: set[tuple[str | None, int | None, str | None, bool]] = set()
    kept = []
    for column in columns:
        key = (column.field, column.year, column.sex, column.percent)
        if column.field and key in seen:
            column = replace(column, field=None)
        seen.add(key)
        kept.append(column)
    return kept


def _side_by_side(table: Table) -> list[Table]:
    """Tables next to each other under one header row: each village column starts one."""
    starts = [c.index for c in table.columns if c.field == s.VILLAGE and not c.percent]
    if len(starts) < 2:
        return [table]
    bounds = [-1, *starts[1:], 10**9]
    return [
        replace(table, columns=[c for c in table.columns if low <= c.index < high])
        for low, high in itertools.pairwise(bounds)
    ]


def _with_village_column(table: Table, places: Registry, transposed: bool) -> Table:
    """The table, with the column of village names found by its content when its header does
    not say so (a transposed table's villages stand where its header was)."""
    table.transposed = transposed
    if table.column(s.VILLAGE) is not None or table.kind != "observations":
        return table
    first = min((c.index for c in table.measure_columns()), default=0)
    for index in range(first):
        if _mostly_villages(table, index, places):
            named = Column(index, _header_at(table, index), s.VILLAGE)
            others = [c for c in table.columns if c.index != index]
            table.columns = sorted([*others, named], key=lambda c: c.index)
            return table
    return table


def _header_at(table: Table, index: int) -> str:
    found = next((c.header for c in table.columns if c.index == index), "")
    return found


def _mostly_villages(table: Table, index: int, places: Registry) -> bool:
    rows = table.grid.rows[table.data_row : table.last_row]
    texts = [row[index].strip() for row in rows if index < len(row) and isinstance(row[index], str)]
    texts = [t for t in texts if t]
    known = sum(places.match_village(t) is not None for t in dict.fromkeys(texts))
    return bool(texts) and known >= VILLAGE_SHARE * len(dict.fromkeys(texts))


def found_headers(grid: Grid) -> list[str]:
    """Text cells of the sheet's first rows, for a message when no table was found."""
    texts = [v.strip() for row in grid.rows[:30] for v in row if isinstance(v, str)]
    return list(dict.fromkeys(t for t in texts if t and not is_blank(t)))[:FOUND_HEADERS]
