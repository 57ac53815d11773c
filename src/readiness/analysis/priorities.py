"""Which villages need help most: a ranking the council can reason about.

Four inputs per village, for one school year:

* children not ready: grade 1 entrants that year minus those ready (a count);
* readiness gap: 1 - readiness that year;
* children not enrolled: children aged 3-6 minus those attending preschool (a count);
* falling readiness: minus the change of readiness over the last three school years.

Each input is scaled from 0 (the village lowest on it) to 1 (the highest), and the priority is
their weighted mean. A village missing an input is scored on the inputs it has, with their weights;
the missing input stays missing in the table. A village with none of them for the year (or every
village, when all four weights are 0) has no score and no rank: it is never ranked on a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from readiness.analysis.measures import by_village
from readiness.model import schema as s

NOT_READY, GAP, NOT_ENROLLED, FALLING = "not_ready", "readiness_gap", "not_enrolled", "falling"
INPUTS = (NOT_READY, GAP, NOT_ENROLLED, FALLING)
DEFAULT_WEIGHTS = {NOT_READY: 40, GAP: 20, NOT_ENROLLED: 30, FALLING: 10}
TREND_YEARS = 3


@dataclass(frozen=True)
class Ranking:
    year: int
    table: pd.DataFrame  # one row per village, best first: inputs, scaled inputs, score, rank
    weights: dict[str, float]

    @property
    def weighted(self) -> bool:
        """Whether any input has a weight: with all four at 0 nothing can be ranked."""
        return any(weight > 0 for weight in self.weights.values())

    @property
    def ranked(self) -> pd.DataFrame:
        """The villages that have a score, best first."""
        return self.table[self.table["score"].notna()]

    def standing(self, row, name: str) -> tuple[int, int]:
        """Where a village stands on one input: how many of the other villages with a value for
        it have a smaller value, and how many other villages have a value at all."""
        values = self.table[name].dropna()
        return int((values < row[name]).sum()), len(values) - 1


def _inputs(observations: pd.DataFrame, villages: list[str], year: int) -> pd.DataFrame:
    now = by_village(observations, year).reindex(villages)
    earlier = by_village(observations, year - TREND_YEARS + 1).reindex(villages)
    return pd.DataFrame(
        {
            s.VILLAGE: villages,
            NOT_READY: now[s.NOT_READY].to_numpy(),
            GAP: (1 - now[s.READINESS]).to_numpy(),
            NOT_ENROLLED: (now[s.CHILDREN] - now[s.ENROLLED]).to_numpy(),
            FALLING: (earlier[s.READINESS] - now[s.READINESS]).to_numpy(),
            s.READY: now[s.READY].to_numpy(),
            s.ENTRANTS: now[s.ENTRANTS].to_numpy(),
            s.READINESS: now[s.READINESS].to_numpy(),
        }
    )


def _scaled(values: pd.Series) -> pd.Series:
    values = values.astype("Float64")
    low, high = values.min(), values.max()
    if pd.isna(low) or high == low:
        return values.where(values.isna(), 0.0)
    return (values - low) / (high - low)


def _ranks(values: pd.Series) -> pd.Series:
    """1 for the highest value, 2 for the next (ties in the given order); <NA> where missing."""
    order = values.sort_values(ascending=False, na_position="last", kind="stable").index
    ranks = pd.Series(range(1, len(values) + 1), index=order, dtype="Int64").reindex(values.index)
    return ranks.where(values.notna())


def _scores(table: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """The weighted mean of the scaled inputs a village has; <NA> when it has none (or no input
    has a weight)."""
    scaled = table[[f"{n}_scaled" for n in INPUTS]].to_numpy(dtype=float, na_value=np.nan)
    w = np.array([float(weights[n]) for n in INPUTS])
    total = (~np.isnan(scaled) * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(total > 0, np.nansum(scaled * w, axis=1) / total, np.nan)
    return pd.Series(pd.array(score, dtype="Float64"), index=table.index)


def rank_villages(
    observations: pd.DataFrame,
    villages: list[str],
    year: int,
    weights: dict[str, float] | None = None,
) -> Ranking:
    """The villages ranked by priority for ``year``, highest need first; those without a score
    come last, with no rank."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    table = _inputs(observations, villages, year)
    for name in INPUTS:
        table[name] = table[name].astype("Float64")
        table[f"{name}_scaled"] = _scaled(table[name])
    table["score"] = _scores(table, weights)
    table = table.sort_values(["score", s.VILLAGE], ascending=[False, True], na_position="last")
    table["rank"] = _ranks(table["score"])
    return Ranking(year, table.reset_index(drop=True), weights)


def main_reason(row, weights: dict[str, float]) -> str | None:
    """The input that adds most to a village's score: the reason it ranks where it does."""
    contributions = {
        name: float(row[f"{name}_scaled"]) * weights[name]
        for name in INPUTS
        if not pd.isna(row[f"{name}_scaled"]) and weights[name] > 0
    }
    return max(contributions, key=contributions.get) if contributions else None


def scores(ranking: Ranking) -> pd.Series:
    """Each village's priority from 0 to 100 as the page shows it (a whole number), by village;
    <NA> for a village with no score. The slides and the download show these same numbers."""
    shown = (ranking.table["score"] * 100).round().astype("Int64")
    return pd.Series(shown.to_numpy(), index=ranking.table[s.VILLAGE], name="score")
