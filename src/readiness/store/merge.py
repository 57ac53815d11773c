"""How an uploaded file combines with the stored data, by commit mode (pure pandas)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from readiness import schema as s
from readiness.problems import Code, Problem, error


class Mode(StrEnum):
    REPLACE_ALL = "replace_all"  # the file becomes all the data
    REPLACE_YEARS = "replace_years"  # the school years in the file are replaced, others kept
    ADD_YEARS = "add_years"  # only school years not stored yet may be added
    # how the other versions came about
    DEMO = "demo"
    ROLLBACK = "rollback"


COMMIT_MODES = (Mode.REPLACE_YEARS, Mode.ADD_YEARS, Mode.REPLACE_ALL)


@dataclass
class Combined:
    observations: pd.DataFrame
    villages: pd.DataFrame


def combine(stored: Combined, new: Combined, mode: Mode) -> tuple[Combined | None, list[Problem]]:
    """The data after committing ``new`` on top of ``stored`` in ``mode``, or the reason it is
    refused."""
    new_years = set(new.observations[s.YEAR].unique().tolist())
    stored_years = stored.observations[s.YEAR]
    if mode is Mode.REPLACE_ALL:
        return new, []
    if mode is Mode.ADD_YEARS:
        clash = sorted(new_years & set(stored_years.unique().tolist()))
        if clash:
            return None, [error(Code.YEARS_ALREADY_STORED, years=clash)]
    kept = stored.observations[~stored_years.isin(new_years)]
    observations = s.canonical_order(pd.concat([kept, new.observations], ignore_index=True))
    return Combined(observations, merge_villages(stored.villages, new.villages)), []


def merge_villages(stored: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The stored villages, with those the file describes replaced by the file's rows."""
    kept = stored[~stored[s.VILLAGE].isin(new[s.VILLAGE])]
    merged = pd.concat([kept, new], ignore_index=True) if len(kept) else new
    return merged.sort_values(s.VILLAGE, kind="stable").reset_index(drop=True)


__all__ = ["COMMIT_MODES", "Combined", "Mode", "combine", "merge_villages"]
