"""Finding the table in a sheet: which rows hold the headers, and what each column means.

A sheet may have title lines above its table and notes below it. The header may take one row or
several: a merged school-year cell over a block of indicators (the wide layout), or an indicator
over girls / boys (two header rows). Each column is annotated with its canonical field and, where
the header says so, the school year and the sex its numbers belong to. Title lines may name the
school year or the village of the whole sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from readiness import schema as s
from readiness.ingest.sources import Grid
from readiness.ingest.values import is_blank, year_in_text
from readiness.ingest.words import is_percent_header, match_header, words

NOT_READY = "grade1_not_ready"
ROW_NUMBER = "row_number"
MEASURES = (*s.COUNTS, NOT_READY)
VILLAGE_FIELDS = (s.IN_PROJECT, s.PROJECT_START, s.LATITUDE, s.LONGITUDE, s.DISTRICT)
LABEL_FIELDS = (s.VILLAGE, s.MUNICIPALITY, s.YEAR)
HEADER_SEARCH_ROWS = 30
BAND_ABOVE = 2


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str | None
    percent: bool = False
    year: int | None = None
    sex: str | None = None


@dataclass
class Table:
    grid: Grid
    header_row: int  # the last header row; data start below it
    columns: list[Column]
    titles: list[str] = field(default_factory=list)  # text above the header, e.g. a title line

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field and not c.percent}

    @property
    def kind(self) -> str:
        """ "observations" (counts of children) or "villages" (the list of villages)."""
        return "observations" if self.fields & set(MEASURES) else "villages"

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name and not c.percent), None)

    def measure_columns(self) -> list[Column]:
        return [c for c in self.columns if c.field in MEASURES and not c.percent]

    def percent_columns(self) -> list[Column]:
        return [c for c in self.columns if c.percent]


# --- reading one header cell ----------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """What a header cell says: a field, a school year, a sex, or nothing we know."""

    text: str = ""
    field: str | None = None
    percent: bool = False
    year: int | None = None
    sex: str | None = None


def read_cell(value: object) -> Cell:
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole = float(value).is_integer() and 1990 <= value <= 2100
        return Cell(str(value), year=int(value)) if whole else Cell()
    if not isinstance(value, str) or not value.strip():
        return Cell()
    text = value.strip()
    year, _ = year_in_text(text)
    if year is not None:
        return Cell(text, year=year)
    kind = words().value_kind(text)
    if kind in (s.GIRLS, s.BOYS, s.TOTAL):
        return Cell(text, sex=kind)
    found, _ = match_header(text)
    percent = is_percent_header(text) and found in (*MEASURES, s.COVERAGE, s.READINESS, None)
    return Cell(text, found, percent)


def _filled(grid: Grid, last_row: int) -> list[list[object]]:
    """The first rows with each merged range's value copied into every cell of the range."""
    rows = [list(row) for row in grid.rows[:last_row]]
    for (top, left), (bottom, right) in grid.merged:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                rows[r][c] = value
    return rows


# --- choosing the header rows ---------------------------------------------------------------------
def _fields(cells: list[Cell]) -> set[str]:
    return {c.field for c in cells if c.field and c.field != ROW_NUMBER and not c.percent}


def _score(cells: list[list[Cell]], r: int) -> int:
    own = _fields(cells[r])
    if not own & {*MEASURES, *VILLAGE_FIELDS}:
        return 0
    band = own | set().union(*(_fields(cells[a]) for a in range(max(0, r - BAND_ABOVE), r)))
    return len(band) if band & set(LABEL_FIELDS) else 0


def _is_sub_header(cells: list[Cell], measure_indexes: set[int]) -> bool:
    """A row under the header that splits indicators by sex or by school year."""
    marks = [c for i, c in enumerate(cells) if i in measure_indexes and (c.sex or c.year)]
    numbers = [c for c in cells if c.year is None and c.text and c.text[0].isdigit()]
    return bool(marks) and not numbers


def _forward(cells: list[Cell], attribute: str, start: int) -> list[object]:
    """A header row's values carried rightwards into the empty cells after them (an unmerged
    "2015-2016" over a block of four columns covers all four)."""
    carried, value = [], None
    for index, cell in enumerate(cells):
        if index >= start and (cell.text or getattr(cell, attribute)):
            value = getattr(cell, attribute)
        carried.append(value if index >= start else getattr(cell, attribute))
    return carried


def find_table(grid: Grid) -> Table | None:
    """The table in ``grid``, or ``None`` when no row reads as a header row."""
    search = min(len(grid.rows), HEADER_SEARCH_ROWS)
    filled = _filled(grid, search + 1)
    cells = [[read_cell(v) for v in row] for row in filled]
    scores = [_score(cells, r) for r in range(search)]
    if not scores or max(scores) == 0:
        return None
    main = scores.index(max(scores))
    return _build(grid, cells, main)


def _band_above(cells: list[list[Cell]], main: int) -> list[int]:
    band = []
    for r in range(main - 1, max(-1, main - 1 - BAND_ABOVE), -1):
        if len([c for c in cells[r] if c.text]) < 2:  # a title line, not a header row
            break
        band.append(r)
    return band


def _build(grid: Grid, cells: list[list[Cell]], main: int) -> Table:
    above = _band_above(cells, main)
    width = max(len(row) for row in cells[: main + 2])
    first_measure = min(
        (i for i, c in enumerate(cells[main]) if c.field in MEASURES), default=width
    )
    below = main + 1 < len(cells) and _is_sub_header(
        cells[main + 1], {i for i in range(first_measure, width)}
    )
    band = [*reversed(above), main, *([main + 1] if below else [])]
    padded = {r: cells[r] + [Cell()] * (width - len(cells[r])) for r in band}
    years = {r: _forward(padded[r], "year", first_measure) for r in band}
    sexes = {r: padded[r] for r in band}
    fields_main = _forward(padded[main], "field", first_measure) if below else None
    columns = []
    for index in range(width):
        texts = [padded[r][index].text for r in band if padded[r][index].text]
        found = next((padded[r][index] for r in (main, *above) if padded[r][index].field), None)
        name = found.field if found else (fields_main[index] if fields_main else None)
        percent = any(padded[r][index].percent for r in band)
        year = next((years[r][index] for r in band if years[r][index] is not None), None)
        sex = next((sexes[r][index].sex for r in band if sexes[r][index].sex), None)
        if texts or name:
            header = " / ".join(dict.fromkeys(texts))
            columns.append(Column(index, header, name, percent, year, sex))
    titles = [c.text for r in range(min(band)) for c in cells[r] if c.text]
    return Table(grid, max(band), _keep_first_of_each(columns), titles)


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


def found_headers(grid: Grid) -> list[str]:
    """The text cells of the first rows, for a message when no table was found."""
    texts = [v.strip() for row in grid.rows[:HEADER_SEARCH_ROWS] for v in row if isinstance(v, str)]
    return list(dict.fromkeys(t for t in texts if t and not is_blank(t)))[:12]
