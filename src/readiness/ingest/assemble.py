"""From raw records to the canonical ``observations`` frame, with the problems found on the way.

Village names become registry keys; "not ready" counts become ready counts; a total row is added
where only girls and boys were given; then every consistency rule of ``readiness.schema`` is checked
and each violation becomes a problem that names its sheet and cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from readiness import schema as s
from readiness.ingest.extract import Source
from readiness.ingest.tables import NOT_READY
from readiness.places import Registry
from readiness.problems import Code, Problem, error, warning

OUTLIER_FACTOR = 3
PROVENANCE = ("source", "row")  # per observation: which Source and source row it came from


@dataclass
class Assembled:
    observations: pd.DataFrame
    provenance: pd.DataFrame  # aligned with observations; <NA> for computed totals
    spellings: dict[str, str]  # each village name as written -> its key
    problems: list[Problem]
    written_municipality: set[str] = field(default_factory=set)  # villages named with one


class Cells:
    """Finds the sheet and cell of any value of the canonical frame."""

    def __init__(self, provenance: pd.DataFrame, sources: list[Source]):
        self.provenance, self.sources = provenance, sources

    def __call__(self, label, field: str) -> tuple[str | None, str | None]:
        source, row = self.provenance.loc[label, "source"], self.provenance.loc[label, "row"]
        if pd.isna(source):
            return None, None
        origin = self.sources[int(source)]
        return origin.sheet, origin.cell(int(row), field)


def village_keys(
    raw: pd.DataFrame, registry: Registry, sources: list[Source]
) -> tuple[np.ndarray, dict[str, str], list[Problem]]:
    """Each row's village key; each village name as written -> its key; and, at the first cell
    of each name, a warning when the registry does not know it (it is kept as written) or knows
    only a close spelling of it (the analyst checks that it is the same village)."""
    keys, problems = {}, []
    for name, cell in _first_cells(raw, "village_raw", s.VILLAGE, sources):
        found = registry.find_village(name)
        if found.key is None:
            problems.append(warning(Code.UNKNOWN_VILLAGE, *cell, value=name))
        elif not found.exact:
            problems.append(warning(Code.CLOSE_VILLAGE, *cell, value=name, village=found.key))
        keys[name] = found.key or name
    return _per_row(raw["village_raw"], keys), keys, problems


def _first_cells(raw: pd.DataFrame, column: str, name: str, sources: list[Source]):
    """Each distinct value of ``column`` with the (sheet, cell) where it first appears."""
    codes, values = pd.factorize(raw[column])
    firsts = np.unique(codes[codes >= 0], return_index=True)[1]
    positions = np.flatnonzero(codes >= 0)[firsts]
    for value, first in zip(values, positions, strict=True):
        origin = sources[int(raw.at[first, "source"])]
        yield value, (origin.sheet, origin.cell(int(raw.at[first, "row"]), name))


def _per_row(written: pd.Series, keys: dict[str, str]) -> np.ndarray:
    codes, values = pd.factorize(written)
    return np.array([keys[v] for v in values] + [None], dtype=object)[codes]


def _municipalities(
    raw: pd.DataFrame, registry: Registry, sources: list[Source]
) -> tuple[np.ndarray, list[Problem]]:
    """The municipality each row names, as a registry key where known (a close spelling with a
    warning); else the registry's municipality of its village."""
    keys, problems = {}, []
    for name, cell in _first_cells(raw, "municipality_raw", s.MUNICIPALITY, sources):
        found = registry.find_municipality(name)
        if found.key is not None and not found.exact:
            values = {"value": name, "municipality": found.key}
            problems.append(warning(Code.CLOSE_MUNICIPALITY, *cell, **values))
        keys[name] = found.key or name
    parents = {k: p.parent for k, p in registry.villages.items() if p.parent}
    from_registry = raw[s.VILLAGE].map(parents).to_numpy(dtype=object)
    from_file = _per_row(raw["municipality_raw"], keys)
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
    raw[s.MUNICIPALITY], found = _municipalities(raw, registry, sources)
    problems += found
    written = set(raw.loc[raw["municipality_raw"].notna(), s.VILLAGE])
    problems += _derive_ready(raw, Cells(raw[list(PROVENANCE)], sources))
    frame = _with_totals(raw[[*s.OBSERVATION_COLUMNS, *PROVENANCE]])
    frame = s.canonical_order(frame)
    observations = frame[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)
    provenance = frame[list(PROVENANCE)].astype("Int64")
    cells = Cells(provenance, sources)
    problems += rule_problems(observations, cells) + outlier_problems(observations, cells)
    return Assembled(observations, provenance, keys, problems, written)


def rule_problems(observations: pd.DataFrame, cells: Cells) -> list[Problem]:
    """Each broken consistency rule, as an error naming the cell to fix."""
    problems = []
    for rule, label in s.rule_violations(observations):
        row = observations.loc[label]
        sheet, cell = cells(label, rule.column)
        values = rule_values(rule, observations, row)
        problems.append(error(Code(rule.code), sheet, cell, place=place_of(row), **values))
    return problems


def place_of(row: pd.Series) -> tuple[str, int]:
    """The (village, school year) of a canonical row, for a message that names them."""
    return str(row[s.VILLAGE]), int(row[s.YEAR])


def rule_values(rule: s.Rule, observations: pd.DataFrame, row: pd.Series) -> dict[str, object]:
    value = _plain(row[rule.column])
    if rule.code == Code.ENROLLED_GT_CHILDREN:
        return {"enrolled": value, "children": _plain(row[s.CHILDREN])}
    if rule.code == Code.READY_GT_ENTRANTS:
        return {"ready": value, "entrants": _plain(row[s.ENTRANTS])}
    if rule.code == Code.SEX_SUM_MISMATCH:
        return _sex_values(rule.column, observations, row)
    if rule.code == Code.COUNT_TOO_LARGE:
        return {"value": value, "limit": s.COUNT_MAX}
    if rule.code == Code.YEAR_OUT_OF_RANGE:
        return {"value": value, "first": s.FIRST_YEAR, "last": s.last_year()}
    if rule.code == Code.DUPLICATE_ROW:
        return {"village": row[s.VILLAGE], "year": row[s.YEAR], "sex": row[s.SEX]}
    return {"value": value}


def _sex_values(column: str, observations: pd.DataFrame, row: pd.Series) -> dict[str, object]:
    same = observations[
        (observations[s.VILLAGE] == row[s.VILLAGE]) & (observations[s.YEAR] == row[s.YEAR])
    ]
    girls, boys = (
        _plain(same.loc[same[s.SEX] == sex, column].iloc[0]) for sex in (s.GIRLS, s.BOYS)
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
    for column in s.COUNTS:
        values = observations[column].astype("Float64")
        median = values.groupby(groups).transform("median")
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
