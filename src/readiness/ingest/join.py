"""Joining tables that describe the same villages and years: one row per village, year and sex.

A sheet (or a file) may give children and preschool in one table and grade 1 entrants and
readiness in another, for the same villages and years. Their records meet here, on village,
school year and sex: each count is taken from the table that gives it, and each keeps the sheet
and cell it came from (``FIELD_SOURCES``), so a later problem still names the right cell. Two
tables that give different numbers for the same count are an error naming both cells. Two rows
of one table with the same village, year and sex are left apart: the rules call that a duplicate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.ingest.extract import Source
from readiness.ingest.tables import MEASURES
from readiness.model import schema as s
from readiness.model.problems import Code, Problem, error

FIELD_SOURCES = [f"{field}.{part}" for field in MEASURES for part in ("source", "row")]


def with_field_sources(raw: pd.DataFrame) -> pd.DataFrame:
    """Each count's own source and row: the row's, where the count is given."""
    origins = {part: raw[part].to_numpy(dtype="int64", na_value=0) for part in ("source", "row")}
    added = {}
    for field in MEASURES:
        missing = raw[field].isna().to_numpy(dtype=bool)
        for part, values in origins.items():
            added[f"{field}.{part}"] = pd.arrays.IntegerArray(values.copy(), missing)
    return raw.assign(**added)


def join_tables(raw: pd.DataFrame, sources: list[Source]) -> tuple[pd.DataFrame, list[Problem]]:
    """``raw`` (with village keys) with the records of different tables that share a village,
    year and sex joined into one; and the conflicts found."""
    raw = with_field_sources(raw)
    keys = [s.VILLAGE, s.YEAR, s.SEX]
    shared = raw.duplicated(keys, keep=False).to_numpy()
    if not shared.any():
        return raw, []
    tables = raw["source"].map(lambda index: sources[int(index)].table)
    apart = raw[shared].assign(_table=tables[shared])
    joinable = apart.groupby(keys)["_table"].transform(lambda t: t.is_unique).to_numpy(bool)
    joined, problems = _join(apart[joinable].drop(columns="_table"), sources, keys)
    rest = raw[~shared]
    kept = apart[~joinable].drop(columns="_table")
    return pd.concat([rest, kept, joined], ignore_index=True), problems


def _join(rows: pd.DataFrame, sources: list[Source], keys: list[str]):
    """One row per key: for each count, the first table's value that is given."""
    if rows.empty:
        return rows, []
    first = rows.drop_duplicates(keys).set_index(keys)
    problems = []
    for field in MEASURES:
        given = rows[rows[field].notna()]
        chosen = given.drop_duplicates(keys).set_index(keys)
        for column in (field, f"{field}.source", f"{field}.row"):
            first[column] = chosen[column].reindex(first.index)
        problems += _conflicts(given, chosen, field, sources, keys)
    return first.reset_index(), problems


def _conflicts(given: pd.DataFrame, chosen: pd.DataFrame, field: str, sources, keys) -> list:
    """An error for each count two tables give differently, naming both cells."""
    first = chosen.reindex(pd.MultiIndex.from_frame(given[keys]))
    differs = given[field].to_numpy(dtype=float) != first[field].to_numpy(dtype=float)
    found = []
    for position in np.flatnonzero(differs):
        row, other = given.iloc[position], first.iloc[position]
        where, there = _cell(sources, row, field), _cell(sources, other, field)
        found.append(
            error(
                Code.CONFLICTING_COUNTS,
                *where,
                place=(str(row[s.VILLAGE]), int(row[s.YEAR])),
                column=field,
                value=int(row[field]),
                other=int(other[field]),
                other_sheet=there[0],
                other_cell=there[1],
            )
        )
    return found


def _cell(sources: list[Source], row: pd.Series, field: str) -> tuple[str, str | None]:
    origin = sources[int(row[f"{field}.source"])]
    name = s.READY if field == "grade1_not_ready" and s.READY in origin.columns else field
    return origin.sheet, origin.cell(int(row[f"{field}.row"]), name)
