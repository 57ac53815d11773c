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

from readiness import escape
from readiness.ingest.headers import cells_array, column_codes
from readiness.ingest.subtotals import Label, find_totals_either, label_of
from readiness.ingest.tables import MEASURES, NOT_READY, ROW_NUMBER, Column, Table, cell_name
from readiness.ingest.values import (
    is_blank,
    name_problem,
    parse_count,
    parse_name,
    parse_sex,
    parse_year,
)
from readiness.ingest.words import normalise, words
from readiness.model import schema as s
from readiness.model.places import Registry
from readiness.model.problems import Code, Problem, error, warning

PERCENT_TOLERANCE = 0.011  # a printed percentage may be rounded to a whole point
RATE_BASE = {s.ENROLLED: s.CHILDREN, s.READY: s.ENTRANTS, NOT_READY: s.ENTRANTS}
RATE_PART = {s.COVERAGE: s.ENROLLED, s.READINESS: s.READY}  # a rate named over a percentage
RAW_COLUMNS = ("source", "row", "village_raw", "municipality_raw", s.YEAR, s.SEX, *MEASURES)


@dataclass(frozen=True)
class Source:
    """Where one group of records came from: a sheet, and the column of each field."""

    sheet: str
    columns: dict[str, int]
    transposed: bool = False  # the table was read from the sheet turned on its side
    table: int = 0  # which table of the file (records of different tables may be joined)

    def cell(self, row: int, name: str) -> str | None:
        index = self.columns.get(name)
        if index is None:
            return None
        return cell_name(index, row) if self.transposed else cell_name(row, index)


@dataclass
class Extract:
    """Raw records of every table read so far, with their sources and problems."""

    frames: list[pd.DataFrame] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tables: int = 0  # how many tables were read

    def mark(self) -> tuple[int, int, int, int]:
        """Where reading stands, to undo what comes after (``undo``)."""
        return len(self.frames), len(self.sources), len(self.problems), self.tables

    def rows_since(self, mark: tuple[int, int, int, int]) -> int:
        return sum(len(frame) for frame in self.frames[mark[0] :])

    def undo(self, mark: tuple[int, int, int, int]) -> None:
        frames, sources, problems, self.tables = mark
        del self.frames[frames:], self.sources[sources:], self.problems[problems:]

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


def read_counts(values: np.ndarray) -> Counts:
    """Whole counts from a column of cells: 35, "35 ", "1 024"; "н/д" and "-" are missing."""
    try:
        numbers = values.astype("float64")  # the common case: every cell is a number
    except (TypeError, ValueError):
        numbers = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy("float64", copy=True)
    blank = np.zeros(len(numbers), dtype=bool)
    bad: dict[int, tuple[Code, object]] = {}
    for position in np.flatnonzero(np.isnan(numbers)):
        value = values[position]
        if is_blank(value):
            blank[position] = True
            continue
        parsed, code = parse_count(value)
        if code:
            bad[int(position)] = (code, value)
        elif parsed is not None:
            numbers[position] = parsed
    for position in np.flatnonzero(np.isinf(numbers)):  # 1e999 in a text cell
        bad[int(position)] = (Code.COUNT_TOO_LARGE, values[position])
        numbers[position] = np.nan
    fraction = np.abs(numbers % 1)
    for position in np.flatnonzero(np.nan_to_num(np.minimum(fraction, 1 - fraction)) > 1e-6):
        bad[int(position)] = (Code.NOT_WHOLE, values[position])
        numbers[position] = np.nan
    for position in np.flatnonzero(np.abs(np.nan_to_num(numbers)) > s.COUNT_MAX):
        bad[int(position)] = (Code.COUNT_TOO_LARGE, values[position])
        numbers[position] = np.nan
    return Counts(numbers, blank, bad)


class _Columns:
    """The data rows of a table, a column at a time; each column is read and factorised once."""

    def __init__(self, table: Table):
        self.grid = table.grid
        self.rows = table.grid.rows[table.data_row : table.last_row]
        self.cells = cells_array(table.grid)
        self.first = table.data_row
        self._values: dict[int, np.ndarray] = {}
        self._factorised: dict[int, tuple[np.ndarray, list[object]]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, index: int) -> np.ndarray:
        if index not in self._values:
            if self.rows and index < self.cells.shape[1]:
                column = self.cells[self.first : self.first + len(self.rows), index]
            else:
                column = np.full(len(self.rows), None, dtype=object)
            self._values[index] = column
        return self._values[index]

    def factorised(self, index: int) -> tuple[np.ndarray, list[object]]:
        """(codes, distinct values) of a column: work per distinct value, not per cell. An empty
        cell has the last code, whose value is None."""
        if index not in self._factorised:
            if self.rows and index < self.cells.shape[1]:  # the grid's, for these rows
                codes, uniques = column_codes(self.grid, index)
                codes = codes[self.first : self.first + len(self.rows)]
            else:
                codes, uniques = np.zeros(len(self.rows), dtype=np.intp), [None]
            self._factorised[index] = (codes, uniques)
        return self._factorised[index]

    def by_value(self, index: int, parse) -> tuple[np.ndarray, np.ndarray]:
        """A cell parser applied once per distinct value: (parsed values, which cells failed)."""
        codes, uniques = self.factorised(index)
        parsed = [parse(v) for v in uniques] or [(None, None)]
        results = np.empty(len(parsed), dtype=object)
        results[:] = [p[0] for p in parsed]
        failed = np.array([p[1] is not None for p in parsed])
        return results[codes], failed[codes]

    def strings(self, index: int) -> np.ndarray:
        """Cells as stripped text; empty cells as None."""
        text, _ = self.by_value(index, lambda v: (None if is_blank(v) else str(v).strip(), None))
        return text


def _totals_rows(table: Table, data: _Columns) -> np.ndarray:
    """Rows of sums ("Итого", "Бардыгы") in a label column: not data, so they are left out."""
    totals = words().values["total"]
    labels = [c.index for c in table.columns if c.field in (s.VILLAGE, s.MUNICIPALITY, ROW_NUMBER)]
    first_measure = min((c.index for c in table.measure_columns()), default=0)
    found = np.zeros(len(data), dtype=bool)
    for index in set(labels) | set(range(min(first_measure, 2))):
        codes, uniques = data.factorised(index)
        named = [i for i, v in enumerate(uniques) if isinstance(v, str) and normalise(v) in totals]
        if named:
            found |= np.isin(codes, named)
    return found


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _count_values(code: Code, value: object) -> dict[str, object]:
    """What a message about an unreadable count says: the cell's value, and the limit it
    broke where there is one."""
    if code is Code.COUNT_TOO_LARGE:
        return {"value": value, "limit": s.COUNT_MAX}
    return {"value": value}


def _groups(table: Table) -> dict[tuple[int | None, str | None], list[Column]]:
    grouped: dict[tuple[int | None, str | None], list[Column]] = defaultdict(list)
    for column in table.measure_columns():
        grouped[(column.year, column.sex)].append(column)
    return grouped


class _Reader:
    """Reads one observations table into ``into``; problems name their sheet and cell."""

    def __init__(self, table: Table, context: SheetContext, into: Extract, places: Registry):
        self.table, self.context, self.into, self.places = table, context, into, places
        self.sheet = table.grid.name
        self.data = _Columns(table)
        measures = table.measure_columns()
        self.counts = {c.index: read_counts(self.data.values(c.index)) for c in measures}

    def problem(self, code: Code, position: int, column: Column | None, **values) -> None:
        cell = self.table.cell(self.data.first + position, column.index if column else 0)
        self.into.problems.append(error(code, self.sheet, cell, **values))

    def sheet_problem(self, code: Code) -> None:
        self.into.problems.append(error(code, self.sheet))

    def read(self) -> None:
        groups = _groups(self.table)
        empty = np.logical_and.reduce([counts.blank for counts in self.counts.values()])
        keep = self._without_totals(~empty)
        labels = self._labels(keep)
        if labels is None:
            return
        for (year, sex), columns in groups.items():
            self._read_group(labels, year, sex, columns)

    def _without_totals(self, present: np.ndarray) -> np.ndarray:
        """The rows with counts, less the totals and subtotals (``subtotals.find_totals``);
        a row named like a total that does not add up is a warning with both numbers."""
        rows = np.flatnonzero(present)
        measures = self.table.measure_columns()
        if not len(rows) or not measures:
            return present
        values = np.column_stack([self.counts[c.index].numbers[rows] for c in measures])
        labels = self._row_labels(rows)
        groupings = [groups[rows] for groups in self._row_groups()]
        covered, mismatches = find_totals_either(values, groupings, labels)
        for mismatch in mismatches:
            self._total_mismatch(int(rows[mismatch.row]), measures[mismatch.column], mismatch)
        for position in np.flatnonzero((covered > 0) & (labels == Label.OTHER)):
            self._total_guessed(int(rows[position]), int(covered[position]))
        kept = present.copy()
        kept[rows[covered > 0]] = False
        return kept

    def _total_guessed(self, position: int, rows: int) -> None:
        village = self.table.column(s.VILLAGE)
        label = escape.clean(self.data.values(village.index)[position]) if village else ""
        cell = self.table.cell(self.data.first + position, village.index if village else 0)
        values = {"label": label, "rows": rows}
        self.into.problems.append(warning(Code.TOTAL_GUESSED, self.sheet, cell, **values))

    def _row_labels(self, rows: np.ndarray) -> np.ndarray:
        """Each row's label (``subtotals.label_of``) from its village cell; a total word in
        another label column (the number, the municipality, the first columns) makes it a
        total."""
        village = self.table.column(s.VILLAGE)
        if village is None:
            named = np.full(len(self.data), label_of(self.context.village, self.places), object)
        else:
            named, _ = self.data.by_value(village.index, lambda v: (label_of(v, self.places), None))
        worded = _totals_rows(self.table, self.data)
        labels = named[rows]  # a copy
        labels[worded[rows]] = Label.TOTAL
        return labels

    def _row_groups(self) -> list[np.ndarray]:
        """Rows that add up together: the same school year and sex (in a long table). A row that
        leaves them empty (a total row often does, or a merged cell) belongs with the rows
        above it, or (the second grouping) a blank school year or sex stands for all of them:
        "Итого" with no sex under girls' and boys' rows totals both."""
        codes = np.zeros(len(self.data), dtype=np.int64)
        loose = np.zeros(len(self.data), dtype=np.int64)
        any_blank = False
        for name in (s.YEAR, s.SEX):
            column = self.table.column(name)
            if column is not None:
                found, uniques = self.data.factorised(column.index)
                blank = np.isin(found, [i for i, u in enumerate(uniques) if is_blank(u)])
                above = pd.Series(np.where(blank, np.nan, found)).ffill()
                filled = above.fillna(len(uniques)).to_numpy(dtype=np.int64)
                codes = codes * (len(uniques) + 1) + filled
                if blank.any():  # a dimension some row leaves blank groups nothing in ``loose``
                    any_blank = True
                else:
                    loose = loose * (len(uniques) + 1) + found
        return [codes, loose] if any_blank else [codes]  # with no blank, the two are one

    def _total_mismatch(self, position: int, column: Column, mismatch) -> None:
        village = self.table.column(s.VILLAGE)
        label = self.data.values(village.index)[position] if village else None
        cell = self.table.cell(self.data.first + position, column.index)
        values = {
            "label": escape.clean(label or ""),
            "column": column.field,
            "rows": mismatch.rows,
            "shown": _number(mismatch.shown),
            "sum": _number(mismatch.expected),
        }
        self.into.problems.append(warning(Code.SUBTOTAL_MISMATCH, self.sheet, cell, **values))

    def _labels(self, keep: np.ndarray) -> pd.DataFrame | None:
        """Village, municipality, school year and sex of each kept row (None: none can be read)."""
        table, n = self.table, len(self.data)
        village_col = table.column(s.VILLAGE)
        if village_col is None and self.context.village is None:
            self.sheet_problem(Code.NO_VILLAGE)
            return None
        if village_col:
            villages, refused = self._names(village_col, keep)
        else:
            villages, refused = np.full(n, self.context.village, dtype=object), np.zeros(n, bool)
        named = pd.notna(villages)
        for position in np.flatnonzero(keep & ~named & ~refused):
            self.problem(Code.MISSING_VILLAGE, int(position), village_col)
        keep = keep & named
        municipality = table.column(s.MUNICIPALITY)
        municipalities = (
            self._names(municipality, keep)[0] if municipality else np.full(n, None, object)
        )
        years, keep = self._parsed(s.YEAR, parse_year, Code.BAD_YEAR, keep)
        sexes, keep = self._parsed(s.SEX, parse_sex, Code.UNKNOWN_SEX, keep)
        if pd.isna(years).all() and not self._years_in_header():
            return None
        columns = {
            "row": np.arange(n)[keep] + self.data.first,
            "village_raw": villages[keep],
            "municipality_raw": municipalities[keep],
            s.YEAR: years[keep],
            s.SEX: sexes[keep],
        }  # kept as Python objects: text becomes pandas strings once, at the end
        return pd.DataFrame(
            {k: pd.Series(v, dtype=None if k == "row" else object) for k, v in columns.items()}
        )

    def _names(self, column: Column, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A column of names (``parse_name``), and which cells were refused: each refused
        name is a problem once, at its first cell."""
        names, failed = self.data.by_value(column.index, parse_name)
        refused = keep & failed
        values = self.data.values(column.index)
        seen = set()
        for position in np.flatnonzero(refused):
            value = values[position]
            if value not in seen:
                seen.add(value)
                self._name_problem(int(position), column, value)
        return names, failed

    def _name_problem(self, position: int, column: Column, value: object) -> None:
        cell = self.table.cell(self.data.first + position, column.index)
        self.into.problems.append(name_problem(parse_name(value)[1], value, self.sheet, cell))

    def _years_in_header(self) -> bool:
        return all(c.year is not None for c in self.table.measure_columns())

    def _parsed(self, name: str, parse, code: Code, keep: np.ndarray):
        """A label column parsed cell by cell (school year, sex); without the column, the
        sheet's own value (a school year in its name or title) stands for every row."""
        column, n = self.table.column(name), len(self.data)
        if column is None:
            value = self.context.year if name == s.YEAR else None
            if name == s.YEAR and value is None and not self._years_in_header():
                self.sheet_problem(Code.NO_YEAR)
            return np.full(n, value, dtype=object), keep
        parsed, failed = self.data.by_value(column.index, parse)
        values = self.data.values(column.index)
        if name == s.YEAR:
            parsed, failed = self._years_written_once(column, parsed, failed, keep)
        for position in np.flatnonzero(keep & failed):
            value = values[position]
            if is_blank(value):
                self.problem(Code.MISSING_YEAR if name == s.YEAR else code, int(position), column)
            else:
                self.problem(code, int(position), column, value=value)
        return parsed, keep & ~failed

    def _years_written_once(self, column: Column, parsed, failed, keep: np.ndarray):
        """A school year written once for the rows that follow it (or, villages across, the
        columns beside it): each blank cell after a year takes that year, and each run of such
        cells is a warning naming them, the year and the cell it came from."""
        values = self.data.values(column.index)
        if not (keep & failed).any():
            return parsed, failed
        blank = np.fromiter((is_blank(v) for v in values), bool, len(values))
        parsed, failed = parsed.copy(), failed.copy()
        source, run = None, []
        for position in [*np.flatnonzero(keep), None]:
            if position is not None and blank[position] and source is not None:
                parsed[position], failed[position] = parsed[source], False
                run.append(int(position))
                continue
            if run:
                self._year_filled(column, parsed[source], source, run)
            run = []
            if position is not None:
                source = None if failed[position] else int(position)
        return parsed, failed

    def _year_filled(self, column: Column, year: int, source: int, run: list[int]) -> None:
        first, last, written = (
            self.table.cell(self.data.first + p, column.index) for p in (run[0], run[-1], source)
        )
        cells = first if first == last else f"{first}:{last}"
        values = {"cells": cells, "year": int(year), "source": written}
        if first != last:
            values["last"] = last  # a range: it names no single row's village
        self.into.problems.append(warning(Code.YEAR_WRITTEN_ONCE, self.sheet, first, **values))

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
                    self.problem(code, position, column, **_count_values(code, value))
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
        return Source(self.sheet, indexes, self.table.transposed, self.into.tables)

    def _check_percents(self, frame: pd.DataFrame, year, sex, columns: list[Column]) -> None:
        """A percentage beside the counts is checked against them; a disagreement is a warning."""
        for percent in self.table.percent_columns():
            if (percent.year, percent.sex) != (year, sex):
                continue
            part = _rate_part(percent, columns)
            if part is None or RATE_BASE[part] not in frame:
                continue
            cells = self.data.values(percent.index)[frame["row"].to_numpy() - self.data.first]
            shown = pd.to_numeric(pd.Series(cells), errors="coerce").to_numpy(dtype=float)
            shown = np.where(shown > 1.0, shown / 100, shown)
            counts = frame[part].to_numpy(dtype=float, na_value=np.nan)
            base = frame[RATE_BASE[part]].to_numpy(dtype=float, na_value=np.nan)
            with np.errstate(divide="ignore", invalid="ignore"):
                actual = counts / base
            for i in np.flatnonzero(np.abs(shown - actual) > PERCENT_TOLERANCE):
                cell = self.table.cell(int(frame.at[i, "row"]), percent.index)
                self.into.problems.append(
                    warning(
                        Code.PERCENT_MISMATCH,
                        self.sheet,
                        cell,
                        shown=round(shown[i] * 100, 1),
                        actual=round(actual[i] * 100, 1),
                    )
                )


def _rate_part(percent: Column, columns: list[Column]) -> str | None:
    """The count a percentage column is a share of: named in its header, else the count column
    just left of it."""
    if percent.field in RATE_BASE:
        return percent.field
    if percent.field in RATE_PART:
        return RATE_PART[percent.field]
    left = [c for c in columns if c.index < percent.index]
    nearest = max(left, key=lambda c: c.index, default=None)
    return nearest.field if nearest and nearest.field in RATE_BASE else None


def read_observations(table: Table, context: SheetContext, into: Extract, places: Registry) -> None:
    """Every data row of an observations table, as raw records added to ``into``."""
    into.tables += 1
    _Reader(table, context, into, places).read()
