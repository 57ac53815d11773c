"""How an uploaded file combines with the stored data, by commit mode (pure pandas).

The rule: **a commit replaces only what the file speaks about.**

* The default mode (``REPLACE_PAIRS``) replaces the (village, school year) pairs in the file and
  keeps every other row. Within a pair, a row of the file (one sex) replaces the stored row, but
  a count the file leaves empty keeps its stored value; a stored row of the pair that the file
  does not give (girls and boys, when the file has only totals) is removed, and listed.
* ``REPLACE_YEARS`` replaces every village's rows of the school years in the file: an explicit
  choice, because it removes the rows of villages the file does not mention.
* ``ADD_YEARS`` adds school years not stored yet and refuses the others.
* ``REPLACE_ALL`` makes the file all the data.

Villages merge field by field in every mode: a field the file does not give (no such column, or an
empty cell) keeps its stored value; a field it gives replaces it, and the change is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd

from readiness.ingest.assemble import broken_rules, place_of
from readiness.model import schema as s
from readiness.model.problems import Code, Problem, error

VILLAGE_FIELDS = (
    s.MUNICIPALITY,
    s.DISTRICT,
    s.IN_PROJECT,
    s.PROJECT_START,
    s.LATITUDE,
    s.LONGITUDE,
)


class Mode(StrEnum):
    REPLACE_PAIRS = "replace_pairs"  # the villages and school years in the file (the default)
    REPLACE_YEARS = "replace_years"  # every village's rows of the school years in the file
    ADD_YEARS = "add_years"  # only school years not stored yet may be added
    REPLACE_ALL = "replace_all"  # the file becomes all the data
    # how the other versions came about
    DEMO = "demo"
    ROLLBACK = "rollback"


SPLIT = (s.GIRLS, s.BOYS)
COMMIT_MODES = (Mode.REPLACE_PAIRS, Mode.REPLACE_YEARS, Mode.ADD_YEARS, Mode.REPLACE_ALL)


@dataclass
class Combined:
    """Observations and villages; ``given`` says, for a file's villages, which fields the file
    itself gave (the others were filled in from the registry of known places)."""

    observations: pd.DataFrame
    villages: pd.DataFrame
    given: pd.DataFrame | None = None  # index: village; columns: VILLAGE_FIELDS; bool


@dataclass
class Merge:
    """What a commit would store, and what it would cost: the stored rows it removes, the
    stored counts it keeps where the file leaves a cell empty, the village fields it changes."""

    data: Combined
    removed: pd.DataFrame  # stored rows that would be deleted (canonical observation columns)
    kept: int = 0  # empty counts of the file that keep their stored value
    village_changes: pd.DataFrame = field(default_factory=lambda: _no_village_changes())
    kept_pairs: frozenset = frozenset()  # (village, year) pairs where a stored count was kept


def combine(stored: Combined, new: Combined, mode: Mode) -> tuple[Merge | None, list[Problem]]:
    """What committing ``new`` on top of ``stored`` in ``mode`` would store, or why it is
    refused."""
    if mode is Mode.ADD_YEARS:
        clash = sorted(_years(new.observations) & _years(stored.observations))
        if clash:
            return None, [error(Code.YEARS_ALREADY_STORED, years=clash)]
    observations, removed, kept_pairs = _observations(stored.observations, new.observations, mode)
    keep_villages = mode is not Mode.REPLACE_ALL
    villages, village_changes = merge_villages(stored, new, observations, keep_villages)
    kept = sum(kept_pairs.values())
    merged = Combined(observations, villages)
    return Merge(merged, removed, kept, village_changes, frozenset(kept_pairs)), []


def same_data(stored: Combined, merged: Combined) -> bool:
    """True when a commit would store exactly what is stored already."""
    return _same_frame(stored.observations, merged.observations) and _same_frame(
        stored.villages, merged.villages
    )


def _same_frame(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return a.reset_index(drop=True).equals(b.reset_index(drop=True))


def merge_conflicts(merge: Merge) -> list[Problem]:
    """Counts kept from the stored data (where the file left a cell empty) that break a rule
    together with the file's counts: an error for each, naming its village and school year,
    after one that says what to do. Only village-years where a stored count was kept are
    looked at: the rest is either the file's own (checked when it was read) or untouched."""
    if not merge.kept_pairs:
        return []
    observations = merge.data.observations
    found = [
        error(Code(rule.code), place=place_of(row), **values)
        for rule, _, row, values in broken_rules(observations)
        if (row[s.VILLAGE], int(row[s.YEAR])) in merge.kept_pairs
    ]
    return [error(Code.KEPT_VALUES_CONFLICT, count=len(found)), *found] if found else []


def _years(observations: pd.DataFrame) -> set[int]:
    return set(observations[s.YEAR].unique().tolist())


def _pairs(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[[s.VILLAGE, s.YEAR]])


def _observations(stored: pd.DataFrame, new: pd.DataFrame, mode: Mode):
    """(the observations after the commit, the stored rows it removes, how many counts were
    kept for each village-year)."""
    if mode is Mode.REPLACE_ALL:
        return new, stored, {}
    if mode is Mode.REPLACE_PAIRS:
        touched = _pairs(stored).isin(_pairs(new))
    else:
        touched = stored[s.YEAR].isin(_years(new)).to_numpy()
    untouched, replaced = stored[~touched], stored[touched]
    rows, kept = _fill_from(new, replaced) if mode is Mode.REPLACE_PAIRS else (new, {})
    gone = replaced.merge(new[list(s.KEYS)], on=list(s.KEYS), how="left", indicator=True)
    gone = gone[gone.pop("_merge") == "left_only"].reset_index(drop=True)
    splits = _splits_that_add_up(rows, gone) if mode is Mode.REPLACE_PAIRS else gone.iloc[:0]
    removed = gone.drop(splits.index).reset_index(drop=True)
    combined = pd.concat([untouched, rows, splits], ignore_index=True)
    return s.canonical_order(combined.astype(s.OBSERVATION_DTYPES)), removed, kept


def _splits_that_add_up(rows: pd.DataFrame, gone: pd.DataFrame) -> pd.DataFrame:
    """The stored girls' and boys' rows of a pair that the file gives only a total for, where
    they still add up to that total: the file says nothing against them, so they stay (a
    district's totals do not wipe the schools' split). A split that no longer adds up goes,
    and is listed with what saving removes."""
    splits = gone[gone[s.SEX].isin(SPLIT)]
    if splits.empty:
        return splits
    keys = [s.VILLAGE, s.YEAR]
    totals = rows[rows[s.SEX] == s.TOTAL].set_index(keys)[list(s.COUNTS)]
    girls, boys = (splits[splits[s.SEX] == sex].set_index(keys)[list(s.COUNTS)] for sex in SPLIT)
    pairs = girls.index.intersection(boys.index).intersection(totals.index)
    added = girls.loc[pairs] + boys.loc[pairs]
    fits = (added.eq(totals.loc[pairs]) | added.isna() | totals.loc[pairs].isna()).all(axis=1)
    good = fits[fits.to_numpy(dtype=bool)].index
    return splits[pd.MultiIndex.from_frame(splits[keys]).isin(good)]


def _fill_from(new: pd.DataFrame, stored: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The file's rows, with each count the file leaves empty taken from the same stored row;
    and how many counts were taken for each (village, year)."""
    keys = list(s.KEYS)
    before = stored.set_index(keys)[list(s.COUNTS)]
    rows = new.set_index(keys)
    matched = before.reindex(rows.index)
    taken = pd.Series(0, index=rows.index)
    for column in s.COUNTS:
        empty = rows[column].isna() & matched[column].notna()
        taken += empty.astype(int)
        rows[column] = rows[column].fillna(matched[column])
    per_pair = taken[taken > 0].groupby(level=[s.VILLAGE, s.YEAR]).sum()
    kept = {(str(v), int(y)): int(n) for (v, y), n in per_pair.items()}
    municipality = stored.set_index(keys)[s.MUNICIPALITY].reindex(rows.index)
    rows[s.MUNICIPALITY] = rows[s.MUNICIPALITY].fillna(municipality)
    return rows.reset_index()[list(s.OBSERVATION_COLUMNS)], kept


def merge_villages(
    stored: Combined, new: Combined, observations: pd.DataFrame, keep_stored: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The villages after the commit, and each stored field the file changes (village, field,
    old, new). Stored villages stay (with ``keep_stored``; else only those still in the
    observations); the file's villages are added; fields merge as the module says."""
    old = stored.villages.set_index(s.VILLAGE)
    file = new.villages.set_index(s.VILLAGE)
    given = _given(new, file)
    both = file.index.intersection(old.index)
    merged = old.copy()
    changes = []
    for name in VILLAGE_FIELDS:
        use_file = given.loc[both, name] & file.loc[both, name].notna()
        changes += _field_changes(old.loc[both, name], file.loc[both, name], use_file, name)
        merged.loc[both, name] = file.loc[both, name].where(use_file, old.loc[both, name])
    merged.loc[both, s.SPELLINGS] = _spellings(
        old.loc[both, s.SPELLINGS], file.loc[both, s.SPELLINGS]
    )
    added = file.loc[file.index.difference(old.index)]
    villages = pd.concat([merged, added]) if len(added) else merged
    if not keep_stored:
        wanted = set(observations[s.VILLAGE]) | set(file.index)
        villages = villages[villages.index.isin(wanted)]
    villages = villages.reset_index().sort_values(s.VILLAGE, kind="stable")
    frame = villages.reset_index(drop=True)[list(s.VILLAGE_COLUMNS)].astype(s.VILLAGE_DTYPES)
    return frame, _village_changes_frame(changes)


def _given(new: Combined, file: pd.DataFrame) -> pd.DataFrame:
    """Which fields the file gave; without that knowledge, every field it has is given."""
    if new.given is not None:
        return new.given.reindex(index=file.index, columns=list(VILLAGE_FIELDS), fill_value=False)
    return pd.DataFrame(True, index=file.index, columns=list(VILLAGE_FIELDS))


def _field_changes(old: pd.Series, new: pd.Series, use: pd.Series, name: str) -> list[tuple]:
    differs = use & ~_same(old, new)
    return [(village, name, old[village], new[village]) for village in old.index[differs]]


def _same(old: pd.Series, new: pd.Series) -> np.ndarray:
    both_missing = old.isna().to_numpy() & new.isna().to_numpy()
    equal = (old.astype(object) == new.astype(object)).to_numpy(dtype=bool, na_value=False)
    return both_missing | equal


def _spellings(old: pd.Series, new: pd.Series) -> pd.Series:
    """Every spelling seen, stored or new, once each."""

    def joined(a: object, b: object) -> object:
        parts = [
            p for text in (a, b) if isinstance(text, str) for p in text.split(s.SPELLING_SEPARATOR)
        ]
        return s.SPELLING_SEPARATOR.join(sorted(set(parts))) or None

    return pd.Series([joined(a, b) for a, b in zip(old, new, strict=True)], index=old.index)


CHANGE_FIELDS = (s.VILLAGE, "field", "old", "new")


def _no_village_changes() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in CHANGE_FIELDS})


def _village_changes_frame(rows: list[tuple]) -> pd.DataFrame:
    if not rows:
        return _no_village_changes()
    return pd.DataFrame(rows, columns=list(CHANGE_FIELDS))


__all__ = ["COMMIT_MODES", "Combined", "Merge", "Mode", "combine", "merge_villages"]
