"""Values an analyst corrects in the preview before committing, checked again like the file.

An edit names a row of the loaded observations (its label), a count and the new value. Checking
again applies the edits, recomputes the totals the loader computed from girls and boys, drops the
problems of the cells that were edited, and runs the consistency rules and the outlier check anew,
so every remaining problem still names the sheet and cell of the original file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from readiness.ingest.assemble import Cells, outlier_problems, rule_problems
from readiness.model import schema as s
from readiness.model.problems import Code, Problem

# Problems that depend on the values and are found again after every edit.
_RECHECKED = {Code(rule.code) for rule in s.OBSERVATION_RULES} | {Code.OUTLIER}


@dataclass(frozen=True)
class Edit:
    label: int  # the row of the loaded observations
    field: str  # one of schema.COUNTS
    old: int | None
    new: int | None


def edits_between(before: pd.DataFrame, after: pd.DataFrame) -> list[Edit]:
    """Every count that differs between two versions of the same observations (same index)."""
    found = []
    for field in s.COUNTS:
        old, new = before[field].astype("Int64"), after[field].astype("Int64")
        differs = (old != new).fillna(True) & ~(old.isna() & new.isna())
        for label in before.index[differs.to_numpy(dtype=bool)]:
            found.append(Edit(int(label), field, _value(old[label]), _value(new[label])))
    return found


def _value(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def apply_edits(result, edits: list[Edit]):
    """The load result with ``edits`` applied and every value-dependent problem found again."""
    observations = result.observations.copy()
    for edit in edits:
        observations.loc[edit.label, edit.field] = pd.NA if edit.new is None else edit.new
    observations = _recompute_totals(observations, result.provenance)
    cells = Cells(result.provenance, result.sources)
    edited = {cells(edit.label, edit.field) for edit in edits}
    kept = [
        p for p in result.problems if p.code not in _RECHECKED and (p.sheet, p.cell) not in edited
    ]
    problems: list[Problem] = kept + rule_problems(observations, cells)
    problems += outlier_problems(observations, cells)
    return replace(result, observations=observations, problems=problems)


def _recompute_totals(observations: pd.DataFrame, provenance: pd.DataFrame) -> pd.DataFrame:
    """Totals that the loader computed from girls and boys (no source cell) follow their edits."""
    computed = provenance["source"].isna().to_numpy(dtype=bool) & s.sex_mask(observations, s.TOTAL)
    if not computed.any():
        return observations
    codes = s.village_year_codes(observations)
    for field in s.COUNTS:
        values = observations[field].to_numpy(dtype="float64", na_value=np.nan)
        parts = pd.Series(0.0, index=np.unique(codes))
        for sex in (s.GIRLS, s.BOYS):
            chosen = s.sex_mask(observations, sex)
            by_code = pd.Series(values[chosen], index=codes[chosen])
            by_code = by_code[~by_code.index.duplicated()]
            parts = parts + by_code.reindex(parts.index)
        totals = parts.reindex(codes[computed]).to_numpy()
        observations.loc[computed, field] = (
            pd.array(totals, dtype="Float64").round().astype("Int64")
        )
    return observations
