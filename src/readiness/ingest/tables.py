"""Finding the table in a sheet: which row holds the headers, and what each column means.

A sheet may have title lines above its table and notes below it. The header row is the one, among
the first rows, whose cells name the most canonical fields. Each column is then annotated with its
field, and, where the layout says so, the school year and the sex its numbers belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from readiness import schema as s
from readiness.ingest.sources import Grid
from readiness.ingest.values import is_blank
from readiness.ingest.words import is_percent_header, match_header

NOT_READY = "grade1_not_ready"
ROW_NUMBER = "row_number"
MEASURES = (*s.COUNTS, NOT_READY)
VILLAGE_FIELDS = (s.IN_PROJECT, s.PROJECT_START, s.LATITUDE, s.LONGITUDE, s.DISTRICT)
HEADER_SEARCH_ROWS = 30


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
    header_row: int  # the last header row; data starts below it
    columns: list[Column]

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field and not c.percent}

    @property
    def kind(self) -> str:
        """ "observations" (counts of children) or "villages" (the list of villages)."""
        return "observations" if self.fields & set(MEASURES) else "villages"

    def column(self, field: str) -> Column | None:
        return next((c for c in self.columns if c.field == field and not c.percent), None)

    def measure_columns(self) -> list[Column]:
        return [c for c in self.columns if c.field in MEASURES and not c.percent]


def header_columns(row: list[object]) -> list[Column]:
    """Every non-empty cell of a row, read as a header."""
    columns = []
    for index, value in enumerate(row):
        if isinstance(value, str) and value.strip():
            field, _ = match_header(value)
            percent = is_percent_header(value) and field in (*MEASURES, None)
            columns.append(Column(index, value.strip(), field, percent))
    return columns


def _score(columns: list[Column]) -> int:
    fields = {c.field for c in columns if c.field and c.field != ROW_NUMBER}
    has_data = bool(fields & {*MEASURES, *VILLAGE_FIELDS})
    return len(fields) if s.VILLAGE in fields and has_data else 0


def find_table(grid: Grid) -> Table | None:
    """The table in ``grid``, or ``None`` when no row reads as a header row."""
    best: tuple[int, int, list[Column]] = (0, -1, [])
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        columns = header_columns(row)
        score = _score(columns)
        if score > best[0]:
            best = (score, index, columns)
    if best[0] == 0:
        return None
    _, header_row, columns = best
    return Table(grid, header_row, _keep_first_of_each_field(columns))


def _keep_first_of_each_field(columns: list[Column]) -> list[Column]:
    """A field named twice in one header row keeps its first column; the rest are set aside."""
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
    return [t for t in texts if t and not is_blank(t)][:12]
