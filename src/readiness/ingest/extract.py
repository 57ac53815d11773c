"""Reading a table's data rows into raw records, one per village, school year and sex.

The work is done a column at a time: pandas parses the numbers, and only the cells it cannot read
are looked at one by one, so a national file of 90,000 rows reads in a fraction of a second.
Measure columns are grouped by the school year and sex they belong to: a long table has one group,
a wide table one group per year block. Each record keeps its source row and group, so that any
later problem can name the cell it came from (``Source.cell``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from readiness import schema as s
from readiness.ingest.tables import MEASURES, NOT_READY, ROW_NUMBER, Column, Table
from readiness.ingest.values import is_blank, parse_count, parse_sex, parse_year
from readiness.ingest.words import normalise, words
from readiness.problems import Code, Problem, error, warning

PERCENT_TOLERANCE = 0.011  # a printed percentage may be rounded to a whole point
RATE_BASE = {s.ENROLLED: s.CHILDREN, s.READY: s.ENTRANTS, NOT_READY: s.ENTRANTS}
RAW_COLUMNS = ("source", "row", "village_raw", "municipality_raw", s.YEAR, s.SEX, *MEASURES)


def cell_name(row: int, column: int) -> str:
    """Zero-based (row, column) as an A1 reference: (6, 3) -> "D7"."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


@dataclass(frozen=True)
class Source:
    """Where one group of records came from: a sheet, and the column of each field."""

    sheet: str
    columns: dict[str, int]

    def cell(self, row: int, name: str) -> str | None:
        index = self.columns.get(name)
        return None if index is None else cell_name(row, index)


@dataclass
class Extract:
    """Raw records of every table read so far, with their sources and problems."""

    frames: list[pd.DataFrame] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def records(self) -> pd.DataFrame:
        if not self.frames:
            return pd.DataFrame(columns=RAW_COLUMNS)
        return pd.concat(self.frames, ignore_index=True)


@dataclass(frozen=True)
class SheetContext:
    """What the sheet says outside its table: a school year or a village for all of its rows."""

    year: int | None = None
    village: str | None = None


@dataclass
class Counts:
    """A column of counts, read once: the numbers (NaN where missing or unreadable), which cells
    are empty, and why each unreadable cell could not be read."""

    numbers: np.ndarray
    blank: np.ndarray
    bad: dict[int, tuple[Code, object]]


def read_counts(values: pd.Series) -> Counts:
    """Whole counts from a column of cells: 35, "35 ", "1 024"; "н/д" and "-" are missing."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", copy=True)
    blank = np.zeros(len(numbers), dtype=bool)
    bad: dict[int, tuple[Code, object]] = {}
    for position in np.flatnonzero(np.isnan(numbers)):
        value = values.iat[position]
        if is_blank(value):
            blank[position] = True
            continue
        parsed, code = parse_count(value)
        if code:
            bad[int(position)] = (code, value)
        elif parsed is not None:
            numbers[position] = parsed
    fraction = np.abs(numbers % 1)
    for position in np.flatnonzero(np.nan_to_num(np.minimum(fraction, 1 - fraction)) > 1e-6):
        bad[int(position)] = (Code.NOT_WHOLE, values.iat[position])
        numbers[position] = np.nan
    return Counts(numbers, blank, bad)


def by_value(values: pd.Series, parse) -> tuple[pd.Series, pd.Series]:
    """A cell parser applied once per distinct value: (parsed values, problem codes)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    parsed = [parse(v) for v in uniques]
    take = np.asarray(codes)
    results = np.array([p[0] for p in parsed] or [None], dtype=object)
    problems = np.array([p[1] for p in parsed] or [None], dtype=object)
    return pd.Series(results[take], dtype=object), pd.Series(problems[take], dtype=object)


class _Columns:
    """The data rows of a table, a column at a time (the grid is rectangular)."""

    def __init__(self, table: Table):
        rows = table.grid.rows[table.header_row + 1 :]
        self.first = table.header_row + 1
        self.length = len(rows)
        width = len(rows[0]) if rows else 0
        self._cells = np.empty((self.length, width), dtype=object)
        self._cells[:] = rows if rows else self._cells
        self._cache: dict[int, pd.Series] = {}

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> pd.Series:
        if index not in self._cache:
            inside = index < self._cells.shape[1]
            values = self._cells[:, index] if inside else np.full(self.length, None, dtype=object)
            self._cache[index] = pd.Series(values, dtype=object)
        return self._cache[index]


def _totals_rows(table: Table, data: _Columns) -> np.ndarray:
    """Rows of sums ("Итого", "Бардыгы") in a label column: not data, so they are left out."""
    totals = words().values["total"]
    labels = [c.index for c in table.columns if c.field in (s.VILLAGE, s.MUNICIPALITY, ROW_NUMBER)]
    first_measure = min((c.index for c in table.measure_columns()), default=0)
    found = np.zeros(len(data), dtype=bool)
    for index in set(labels) | set(range(min(first_measure, 2))):
        column = data[index]
        named = [v for v in column.unique() if isinstance(v, str) and normalise(v) in totals]
        if named:
            found |= column.isin(named).to_numpy(dtype=bool)
    return found


def _groups(table: Table) -> dict[tuple[int | None, str | None], list[Column]]:
    grouped: dict[tuple[int | None, str | None], list[Column]] = defaultdict(list)
    for column in table.measure_columns():
        grouped[(column.year, column.sex)].append(column)
    return grouped


def _strings(values: pd.Series) -> pd.Series:
    """Cells as stripped text; empty cells as None."""
    text, _ = by_value(values, lambda v: (None if is_blank(v) else str(v).strip(), None))
    return text


class _Reader:
    """Reads one observations table into ``into``; problems name their sheet and cell."""

    def __init__(self, table: Table, context: SheetContext, into: Extract):
        self.table, self.context, self.into = table, context, into
        self.sheet = table.grid.name
        self.data = _Columns(table)
        self.counts = {c.index: read_counts(self.data[c.index]) for c in table.measure_columns()}

    def problem(self, code: Code, position: int, column: Column | None, **values) -> None:
        cell = cell_name(self.data.first + position, column.index if column else 0)
        self.into.problems.append(error(code, self.sheet, cell, **values))

    def sheet_problem(self, code: Code) -> None:
        self.into.problems.append(error(code, self.sheet))

    def read(self) -> None:
        groups = _groups(self.table)
        empty = np.logical_and.reduce([counts.blank for counts in self.counts.values()])
        keep = ~empty & ~_totals_rows(self.table, self.data)
        labels = self._labels(keep)
        if labels is None:
            return
        for (year, sex), columns in groups.items():
            self._read_group(labels, year, sex, columns)

    def _labels(self, keep: np.ndarray) -> pd.DataFrame | None:
        """Village, municipality, school year and sex of each kept row (None: none can be read)."""
        table, n = self.table, len(self.data)
        village_col = table.column(s.VILLAGE)
        if village_col is None and self.context.village is None:
            self.sheet_problem(Code.NO_VILLAGE)
            return None
        villages = (
            _strings(self.data[village_col.index])
            if village_col
            else pd.Series([self.context.village] * n, dtype=object)
        )
        for position in np.flatnonzero(keep & villages.isna().to_numpy()):
            self.problem(Code.MISSING_VILLAGE, int(position), village_col)
        keep = keep & villages.notna().to_numpy()
        labels = pd.DataFrame({"row": np.arange(n) + self.data.first, "village_raw": villages})
        municipality = table.column(s.MUNICIPALITY)
        labels["municipality_raw"] = (
            _strings(self.data[municipality.index]) if municipality else None
        )
        labels[s.YEAR], keep = self._years(keep)
        labels[s.SEX], keep = self._sexes(keep)
        return labels[keep]

    def _years(self, keep: np.ndarray) -> tuple[pd.Series, np.ndarray]:
        column, n = self.table.column(s.YEAR), len(self.data)
        if column is None:
            every_group_has_one = all(c.year is not None for c in self.table.measure_columns())
            if self.context.year is None and not every_group_has_one:
                self.sheet_problem(Code.NO_YEAR)
                return pd.Series([None] * n, dtype=object), np.zeros(n, dtype=bool)
            return pd.Series([self.context.year] * n, dtype=object), keep
        years, codes = by_value(self.data[column.index], parse_year)
        for position in np.flatnonzero(keep & codes.notna().to_numpy()):
            value = self.data[column.index].iat[position]
            self.problem(Code.BAD_YEAR, int(position), column, value=value)
        return years, keep & codes.isna().to_numpy()

    def _sexes(self, keep: np.ndarray) -> tuple[pd.Series, np.ndarray]:
        column, n = self.table.column(s.SEX), len(self.data)
        if column is None:
            return pd.Series([None] * n, dtype=object), keep
        sexes, codes = by_value(self.data[column.index], parse_sex)
        for position in np.flatnonzero(keep & codes.notna().to_numpy()):
            value = self.data[column.index].iat[position]
            self.problem(Code.UNKNOWN_SEX, int(position), column, value=value)
        return sexes, keep & codes.isna().to_numpy()

    def _read_group(self, labels: pd.DataFrame, year, sex, columns: list[Column]) -> None:
        positions = labels["row"].to_numpy() - self.data.first
        present = ~np.logical_and.reduce([self.counts[c.index].blank[positions] for c in columns])
        positions = positions[present]
        if not len(positions):
            return
        frame = labels[present].reset_index(drop=True)
        frame.insert(0, "source", len(self.into.sources))
        if year is not None:
            frame[s.YEAR] = year
        frame[s.SEX] = frame[s.SEX].fillna(sex or s.TOTAL)
        kept = set(positions.tolist())
        for column in columns:
            counts = self.counts[column.index]
            frame[column.field] = pd.Series(counts.numbers[positions]).round().astype("Int64")
            for position, (code, value) in sorted(counts.bad.items()):
                if position in kept:
                    self.problem(code, position, column, value=value)
        self.into.frames.append(frame.reindex(columns=RAW_COLUMNS))
        self.into.sources.append(self._source(columns))
        self._check_percents(frame, year, sex, columns)

    def _source(self, columns: list[Column]) -> Source:
        indexes = {c.field: c.index for c in columns}
        for name in (s.VILLAGE, s.YEAR, s.SEX, s.MUNICIPALITY):
            column = self.table.column(name)
            if column is not None:
                indexes[name] = column.index
        if NOT_READY in indexes and s.READY not in indexes:
            indexes[s.READY] = indexes[NOT_READY]
        return Source(self.sheet, indexes)

    def _check_percents(self, frame: pd.DataFrame, year, sex, columns: list[Column]) -> None:
        """A percentage beside the counts is checked against them; a disagreement is a warning."""
        for percent in self.table.percent_columns():
            if (percent.year, percent.sex) != (year, sex):
                continue
            part = _rate_part(percent, columns)
            if part is None or RATE_BASE[part] not in frame:
                continue
            shown = pd.to_numeric(
                self.data[percent.index].iloc[frame["row"] - self.data.first], errors="coerce"
            ).to_numpy(dtype=float)
            shown = np.where(shown > 1.0, shown / 100, shown)
            counts = frame[part].to_numpy(dtype=float, na_value=np.nan)
            base = frame[RATE_BASE[part]].to_numpy(dtype=float, na_value=np.nan)
            with np.errstate(divide="ignore", invalid="ignore"):
                actual = counts / base
            for i in np.flatnonzero(np.abs(shown - actual) > PERCENT_TOLERANCE):
                cell = cell_name(int(frame.at[i, "row"]), percent.index)
                self.into.problems.append(
                    warning(Code.PERCENT_MISMATCH, self.sheet, cell,
                            shown=round(shown[i] * 100, 1), actual=round(actual[i] * 100, 1))
                )  # fmt: skip


def _rate_part(percent: Column, columns: list[Column]) -> str | None:
    """The count a percentage column is a share of: named in its header, else the count column
    just left of it."""
    if percent.field in RATE_BASE:
        return percent.field
    left = [c for c in columns if c.index < percent.index]
    nearest = max(left, key=lambda c: c.index, default=None)
    return nearest.field if nearest and nearest.field in RATE_BASE else None


def read_observations(table: Table, context: SheetContext, into: Extract) -> None:
    """Every data row of an observations table, as raw records added to ``into``."""
    _Reader(table, context, into).read()
