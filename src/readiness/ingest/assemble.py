"""From raw records to the canonical ``observations`` frame, with the problems found on the way.

Village names become registry keys; "not ready" counts become ready counts; a total row is added
where only girls and boys were given; then every consistency rule of ``readiness.model.schema`` is
checked and each violation becomes a problem that names its sheet and cell.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from readiness.ingest.extract import Source
from readiness.ingest.join import FIELD_SOURCES, join_tables
from readiness.ingest.tables import NOT_READY, cell_position
from readiness.model import schema as s
from readiness.model.places import Registry
from readiness.model.problems import Code, Problem, error, warning

OUTLIER_FACTOR = 3
PROVENANCE = ("source", "row")  # per observation: which Source and source row it came from


@dataclass
class Assembled:
    observations: pd.DataFrame
    provenance: pd.DataFrame  # aligned with observations; <NA> for computed totals
    spellings: dict[str, str]  # each village name as written -> its key
    problems: list[Problem]
    written_municipality: set[str] = field(default_factory=set)  # villages named with one
    boys_derived: bool = False  # boys = total − girls somewhere (an "of which girls" table)
    # (sheet, turned, row) -> (village, year), made only when a problem needs placing
    places: Callable[[], dict] = dict


_ORIGINS = [*PROVENANCE, *FIELD_SOURCES]


class Cells:
    """Finds the sheet and cell of any value of the canonical frame."""

    def __init__(self, provenance: pd.DataFrame, sources: list[Source]):
        self.provenance, self.sources = provenance, sources
        self._records: dict = {}

    def prefetch(self, labels) -> None:
        """Reads the origins of many rows at once: a file with a problem in every one of its
        200,000 rows is named cell by cell in seconds, not row lookups of minutes."""
        wanted = [label for label in dict.fromkeys(labels) if label not in self._records]
        if wanted:
            self._records.update(records(self.provenance, wanted))

    def _record(self, label) -> dict:
        if label not in self._records:
            self._records[label] = self.provenance.loc[label].to_dict()
        return self._records[label]

    def __call__(self, label, field: str) -> tuple[str | None, str | None]:
        source, row = self._origin(label, field)
        if pd.isna(source):
            return None, None
        origin = self.sources[int(source)]
        return origin.sheet, origin.cell(int(row), field)

    def _origin(self, label, field: str) -> tuple[object, object]:
        """The source and row of one count (its table, where tables were joined), else the
        row's; a ready count made from a "not ready" one is found at that one."""
        record = self._record(label)
        for name in (field, NOT_READY) if field == s.READY else (field,):
            column = f"{name}.source"
            if column in record and not pd.isna(record[column]):
                return record[column], record[f"{name}.row"]
        return record["source"], record["row"]


def village_keys(
    raw: pd.DataFrame, registry: Registry, sources: list[Source]
) -> tuple[np.ndarray, dict[str, str], list[Problem]]:
    """Each row's village key; each village name as written -> its key; and, at the first cell
    of each name, a warning when the registry does not know it (it is kept as written) or knows
    only a close spelling of it (the analyst checks that it is the same village)."""
    keys, problems = {}, []
    written = pd.factorize(raw["village_raw"])
    for name, where in _first_cells(raw, written, s.VILLAGE, sources):
        found = registry.find_village(name)
        if found.key is None:
            problems.append(warning(Code.UNKNOWN_VILLAGE, *where(), value=name))
        elif not found.exact:
            problems.append(warning(Code.CLOSE_VILLAGE, *where(), value=name, village=found.key))
        keys[name] = found.key or name
    return _per_row(written, keys), keys, problems


def _first_cells(raw: pd.DataFrame, written: tuple, name: str, sources: list[Source]):
    """Each distinct value of a column (``written``: its codes and values, ``pd.factorize``)
    with a function that gives the (sheet, cell) where it first appears (worked out only for
    the values a message is about)."""
    codes, values = written
    firsts = np.unique(codes[codes >= 0], return_index=True)[1]
    positions = np.flatnonzero(codes >= 0)[firsts]
    origins, rows = raw["source"].to_numpy(), raw["row"].to_numpy()

    def where(first: int) -> tuple[str, str | None]:
        origin = sources[int(origins[first])]
        return origin.sheet, origin.cell(int(rows[first]), name)

    for value, first in zip(values, positions, strict=True):
        yield value, functools.partial(where, int(first))


def _per_row(written: tuple, keys: dict[str, str]) -> np.ndarray:
    """``keys`` of each row's value (None where it has none), looked up once per value
    (``written``: the column's codes and values, ``pd.factorize``)."""
    codes, values = written
    return np.array([keys.get(v) for v in values] + [None], dtype=object)[codes]


def _municipalities(
    raw: pd.DataFrame, registry: Registry, sources: list[Source]
) -> tuple[np.ndarray, list[Problem]]:
    """The municipality each row names, as a registry key where known (a close spelling with a
    warning); else the registry's municipality of its village."""
    keys, problems = {}, []
    written = pd.factorize(raw["municipality_raw"])
    for name, where in _first_cells(raw, written, s.MUNICIPALITY, sources):
        found = registry.find_municipality(name)
        if found.key is not None and not found.exact:
            values = {"value": name, "municipality": found.key}
            problems.append(warning(Code.CLOSE_MUNICIPALITY, *where(), **values))
        keys[name] = found.key or name
    parents = {k: p.parent for k, p in registry.villages.items() if p.parent}
    from_registry = _per_row(pd.factorize(raw[s.VILLAGE]), parents)
    from_file = _per_row(written, keys)
    return np.where(pd.isna(from_file), from_registry, from_file), problems


def _derive_ready(raw: pd.DataFrame, cells: Cells) -> list[Problem]:
    """ready = entrants - not ready, where the file gives "not ready" counts."""
    derive = (raw[s.READY].isna() & raw[NOT_READY].notna()).to_numpy(dtype=bool)
    too_many = derive & (raw[NOT_READY] > raw[s.ENTRANTS]).fillna(False).to_numpy(dtype=bool)
    problems = []
    for label in raw.index[too_many]:
        sheet, cell = cells(label, NOT_READY)
        values = {"not_ready": raw.at[label, NOT_READY], "entrants": raw.at[label, s.ENTRANTS]}
        problems.append(error(Code.NOT_READY_GT_ENTRANTS, sheet, cell, **_plain_all(values)))
    ok = derive & ~too_many
    raw.loc[ok, s.READY] = raw.loc[ok, s.ENTRANTS] - raw.loc[ok, NOT_READY]
    return problems


def _with_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds the "total" row of each village and year that has only girls' and boys' rows."""
    codes = s.village_year_codes(frame)
    is_total = s.sex_mask(frame, s.TOTAL)
    lacking = ~np.isin(codes, codes[is_total]) & ~is_total
    if not lacking.any():
        return frame
    parts = frame[lacking].assign(_code=codes[lacking]).drop_duplicates(["_code", s.SEX])
    by_sex = {sex: parts[parts[s.SEX] == sex].set_index("_code") for sex in (s.GIRLS, s.BOYS)}
    both = by_sex[s.GIRLS].index.union(by_sex[s.BOYS].index)
    girls, boys = (by_sex[sex].reindex(both) for sex in (s.GIRLS, s.BOYS))
    totals = girls[list(s.COUNTS)] + boys[list(s.COUNTS)]
    for label in (s.MUNICIPALITY, s.VILLAGE, s.YEAR):
        totals[label] = girls[label].fillna(boys[label])
    totals[s.SEX] = s.TOTAL
    return pd.concat([frame, totals.reset_index(drop=True)], ignore_index=True)


def _with_boys(frame: pd.DataFrame, sources: list[Source]) -> tuple[pd.DataFrame, list[Problem]]:
    """Adds the boys' row of each village and year that has a total and, "of which", the girls,
    but no boys: boys = total − girls, count by count, exactly (missing where either is). Girls
    more than the total is an error at the girls' cell."""
    codes = s.village_year_codes(frame)
    has = {sex: np.isin(codes, codes[s.sex_mask(frame, sex)]) for sex in s.SEXES}
    lacking = has[s.TOTAL] & has[s.GIRLS] & ~has[s.BOYS]
    if not lacking.any():
        return frame, []
    chosen = frame[lacking].assign(_code=codes[lacking], _label=frame.index[lacking])
    chosen = chosen.drop_duplicates(["_code", s.SEX])
    totals, girls = (chosen[chosen[s.SEX] == sex].set_index("_code") for sex in (s.TOTAL, s.GIRLS))
    girls = girls.reindex(totals.index)
    boys = totals[list(s.COUNTS)] - girls[list(s.COUNTS)]
    cells = Cells(frame[[c for c in frame.columns if c in _ORIGINS]], sources)
    problems = _girls_over_total(boys, girls, totals, cells)
    boys = boys.mask(boys < 0)
    for label in (s.MUNICIPALITY, s.VILLAGE, s.YEAR):
        boys[label] = totals[label]
    boys[s.SEX] = s.BOYS
    return pd.concat([frame, boys.reset_index(drop=True)], ignore_index=True), problems


def _girls_over_total(boys, girls, totals, cells: Cells) -> list[Problem]:
    problems = []
    for column in s.COUNTS:
        for code in boys.index[(boys[column] < 0).fillna(False).to_numpy(dtype=bool)]:
            row = girls.loc[code]
            sheet, cell = cells(row["_label"], column)
            values = {
                "column": column,
                "girls": _plain(row[column]),
                "total": _plain(totals.at[code, column]),
            }
            problems.append(error(Code.PART_GT_TOTAL, sheet, cell, place=place_of(row), **values))
    return problems


def assemble(raw: pd.DataFrame, sources: list[Source], registry: Registry) -> Assembled:
    """The canonical observations frame from raw records, with its provenance and problems."""
    if raw.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="Int64") for c in PROVENANCE})
        return Assembled(s.empty_observations(), empty, {}, [])
    raw = raw.reset_index(drop=True)
    for column in (*s.COUNTS, NOT_READY, *PROVENANCE):
        raw[column] = raw[column].astype("Int64")
    raw[s.YEAR] = raw[s.YEAR].astype("int64")
    raw[s.VILLAGE], keys, problems = village_keys(raw, registry, sources)
    places = functools.partial(row_places, raw[["source", "row", s.VILLAGE, s.YEAR]], sources)
    raw[s.MUNICIPALITY], found = _municipalities(raw, registry, sources)
    problems += found
    written = set(raw.loc[raw["municipality_raw"].notna(), s.VILLAGE].unique())
    raw, joined = join_tables(raw, sources)
    problems += joined
    problems += _derive_ready(raw, Cells(raw[_ORIGINS], sources))
    frame, found = _with_boys(raw[[*s.OBSERVATION_COLUMNS, *_ORIGINS]], sources)
    problems += found
    derived = len(frame) > len(raw)
    frame = _with_totals(frame)
    frame = s.canonical_order(frame)
    observations = frame[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)
    provenance = frame[_ORIGINS].astype("Int64")
    cells = Cells(provenance, sources)
    problems += rule_problems(observations, cells) + outlier_problems(observations, cells)
    return Assembled(observations, provenance, keys, problems, written, derived, places)


def row_places(raw: pd.DataFrame, sources: list[Source]) -> dict[tuple, tuple[str, int]]:
    """Each row that was read, by (sheet, turned on its side, row of its grid), with its
    village and school year: what a problem at one of its cells can name (``placed``)."""
    sheets = [(src.sheet, src.transposed) for src in sources]
    keys = (sheets[int(i)] for i in raw["source"])
    rows, villages, years = raw["row"].tolist(), raw[s.VILLAGE].tolist(), raw[s.YEAR].tolist()
    return {
        (*key, int(row)): (str(village), int(year))
        for key, row, village, year in zip(keys, rows, villages, years, strict=True)
    }


def placed(problems: list[Problem], rows_read: Callable[[], dict]) -> list[Problem]:
    """The problems, each at a cell of a row that was read naming that row's village and year
    ("Жаңы-Турмуш, 2015–2016 (sheet “Data”, cell F4)"; ``rows_read`` gives ``row_places``). A
    problem about a range of cells (a column or a block, with a ``last`` cell) is about no single
    row, so it names none."""
    found, places = [], None
    for problem in problems:
        single = "last" not in problem.values
        if single and problem.place is None and problem.sheet and problem.cell is not None:
            places = rows_read() if places is None else places
            row, column = cell_position(problem.cell)
            where = places.get((problem.sheet, False, row)) or places.get(
                (problem.sheet, True, column)
            )
            problem = replace(problem, place=where) if where else problem
        found.append(problem)
    return found


def rule_problems(observations: pd.DataFrame, cells: Cells) -> list[Problem]:
    """Each broken consistency rule, as an error naming the cell to fix."""
    problems = []
    found = broken_rules(observations)
    cells.prefetch([label for _, label, _, _ in found])
    for rule, label, row, values in found:
        sheet, cell = cells(label, rule.column)
        problems.append(error(Code(rule.code), sheet, cell, place=place_of(row), **values))
    return problems


def records(frame: pd.DataFrame, labels: list) -> dict[object, dict]:
    """The rows of ``frame`` with these (unique) index labels, as mappings of column to value:
    one conversion per column, not per row (``DataFrame.to_dict`` boxes every cell)."""
    if not labels:
        return {}
    positions = frame.index.get_indexer(labels)
    columns = {name: frame[name].to_numpy(dtype=object)[positions] for name in frame.columns}
    return {
        label: {name: values[i] for name, values in columns.items()}
        for i, label in enumerate(labels)
    }


def broken_rules(observations: pd.DataFrame) -> list[tuple[s.Rule, object, dict, dict]]:
    """Each broken consistency rule: the rule, the row's label, the row (a mapping) and the
    numbers its message gives. The rows are read in one pass, not one lookup per problem."""
    found = s.rule_violations(observations)
    rows = records(observations, list(dict.fromkeys(label for _, label in found)))
    sexes = _by_sex(observations) if any(r.code == Code.SEX_SUM_MISMATCH for r, _ in found) else {}
    return [
        (rule, label, rows[label], rule_values(rule, rows[label], sexes)) for rule, label in found
    ]


def place_of(row: pd.Series) -> tuple[str, int]:
    """The (village, school year) of a canonical row, for a message that names them."""
    return str(row[s.VILLAGE]), int(row[s.YEAR])


def rule_values(rule: s.Rule, row, sexes: dict) -> dict[str, object]:
    """The numbers a broken rule's message gives (``row``: the canonical row, a mapping;
    ``sexes``: ``_by_sex``, needed for a sex sum mismatch)."""
    value = _plain(row[rule.column])
    if rule.code == Code.ENROLLED_GT_CHILDREN:
        return {"enrolled": value, "children": _plain(row[s.CHILDREN])}
    if rule.code == Code.READY_GT_ENTRANTS:
        return {"ready": value, "entrants": _plain(row[s.ENTRANTS])}
    if rule.code == Code.SEX_SUM_MISMATCH:
        return _sex_values(rule.column, sexes, row)
    if rule.code == Code.COUNT_TOO_LARGE:
        return {"value": value, "limit": s.COUNT_MAX}
    if rule.code == Code.YEAR_OUT_OF_RANGE:
        return {"value": value, "first": s.FIRST_YEAR, "last": s.last_year()}
    if rule.code == Code.DUPLICATE_ROW:
        return {"village": row[s.VILLAGE], "year": row[s.YEAR], "sex": row[s.SEX]}
    return {"value": value}


def _by_sex(observations: pd.DataFrame) -> dict:
    """(village, school year, sex) -> the canonical row, as a mapping."""
    keyed = observations.drop_duplicates(list(s.KEYS)).set_index(list(s.KEYS))
    return keyed.to_dict("index")


def _sex_values(column: str, sexes: dict, row) -> dict[str, object]:
    girls, boys = (
        _plain(sexes[(row[s.VILLAGE], row[s.YEAR], sex)][column]) for sex in (s.GIRLS, s.BOYS)
    )
    return {
        "column": column,
        "girls": girls,
        "boys": boys,
        "sum": girls + boys,
        "total": _plain(row[column]),
    }


def outlier_problems(observations: pd.DataFrame, cells: Cells) -> list[Problem]:
    """A warning for each count more than three times its village's usual (median) value, for
    girls, boys and totals apart; a total computed from girls and boys is judged by its parts."""
    problems = []
    villages, _ = pd.factorize(observations[s.VILLAGE])
    groups = villages * (len(s.SEXES) + 1) + s.sex_codes(observations)
    counts = observations[list(s.COUNTS)].astype("Float64")
    medians = counts.groupby(groups).transform("median")  # every count in one grouping
    for column in s.COUNTS:
        values, median = counts[column], medians[column]
        flagged = ((median > 0) & (values > OUTLIER_FACTOR * median)).fillna(False)
        for label in observations.index[flagged.to_numpy(dtype=bool)]:
            sheet, cell = cells(label, column)
            if cell is None:
                continue
            found = {
                "column": column,
                "value": _plain(observations.at[label, column]),
                "village": observations.at[label, s.VILLAGE],
                "median": float(median[label]),
            }
            place = place_of(observations.loc[label])
            problems.append(warning(Code.OUTLIER, sheet, cell, place=place, **found))
    return problems


def _plain(value: object) -> object:
    """A numpy or pandas scalar as a plain Python value, for a message."""
    return value.item() if isinstance(value, np.generic) else value


def _plain_all(values: dict[str, object]) -> dict[str, object]:
    return {k: _plain(v) for k, v in values.items()}
