"""Before and after the project: each village's rate in two periods, the change with its interval
and verdict, the same pooled over project and comparison villages, and the difference in
differences.

By default each project village's own ``project_start_year`` splits its years: before is every
school year before it, after is that year and later. Comparison villages have no start year of
their own; they are split at the earliest start year of the project villages, so that both groups
cover the same years. ``Periods`` overrides this for everyone (for example 2011-2013 against
2016-2018). Counts are pooled over the years of a period: the rate of a period is the sum of its
numerators over the sum of its denominators, from the years that report both.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness import schema as s
from readiness.stats import Rate, Verdict, change_interval, did_interval, verdict, wilson_interval

HIGHER_IS_BETTER = {s.COVERAGE: True, s.READINESS: True}


@dataclass(frozen=True)
class Periods:
    """Inclusive school-year ranges; ``None`` means each village's own split."""

    before: tuple[int, int]
    after: tuple[int, int]

    def contains(self, year: int, which: str) -> bool:
        first, last = self.before if which == "before" else self.after
        return first <= year <= last


@dataclass(frozen=True)
class Change:
    """A rate before and after, the change (after - before) with its interval, and the verdict."""

    name: str  # a village key, or "project" / "comparison" for a pooled group
    before: Rate
    after: Rate
    change: float
    low: float
    high: float
    verdict: Verdict
    years_before: tuple[int, int] | None
    years_after: tuple[int, int] | None

    def interval(self, which: str, confidence: float = 0.95) -> tuple[float, float]:
        rate = self.before if which == "before" else self.after
        return wilson_interval(rate.count, rate.base, confidence)


@dataclass(frozen=True)
class BeforeAfter:
    measure: str
    villages: list[Change]  # project villages first, then comparison villages
    project: Change | None
    comparison: Change | None
    did: tuple[float, float, float] | None  # (estimate, low, high)
    did_verdict: Verdict | None


def default_split(villages: pd.DataFrame) -> int | None:
    """The year comparison villages are split at: the earliest project start year."""
    starts = villages.loc[villages[s.IN_PROJECT].fillna(False), s.PROJECT_START].dropna()
    return int(starts.min()) if len(starts) else None


def _period_of(years: pd.Series, split: int | None, periods: Periods | None) -> pd.Series:
    if periods is not None:
        before = years.between(*periods.before)
        after = years.between(*periods.after)
    elif split is not None:
        before, after = years < split, years >= split
    else:
        return pd.Series(None, index=years.index, dtype=object)
    return (
        pd.Series(pd.NA, index=years.index, dtype=object)
        .mask(before, "before")
        .mask(after & ~before, "after")
    )


def _pooled(rows: pd.DataFrame, numerator: str, denominator: str) -> dict[str, Rate]:
    both = rows[rows[numerator].notna() & rows[denominator].notna()]
    sums = both.groupby("period")[[numerator, denominator]].sum()
    return {
        period: Rate(int(sums.at[period, numerator]), int(sums.at[period, denominator]))
        if period in sums.index
        else Rate(0, 0)
        for period in ("before", "after")
    }


def _span(rows: pd.DataFrame, period: str) -> tuple[int, int] | None:
    years = rows.loc[rows["period"] == period, s.YEAR]
    return (int(years.min()), int(years.max())) if len(years) else None


def _change(name: str, rows: pd.DataFrame, measure: str, confidence: float) -> Change:
    numerator, denominator = s.RATES[measure]
    rates = _pooled(rows, numerator, denominator)
    before, after = rates["before"], rates["after"]
    change, low, high = change_interval(before, after, confidence)
    judged = verdict(low, high, min(before.base, after.base), HIGHER_IS_BETTER[measure])
    return Change(
        name, before, after, change, low, high, judged, _span(rows, "before"), _span(rows, "after")
    )


def before_after(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    measure: str = s.READINESS,
    periods: Periods | None = None,
    confidence: float = 0.95,
) -> BeforeAfter:
    """Every village's change, the pooled changes of project and comparison villages, and the
    difference in differences, for ``measure`` ("coverage" or "readiness")."""
    totals = observations[observations[s.SEX] == s.TOTAL]
    info = villages.set_index(s.VILLAGE)
    split = default_split(villages)
    frames = []
    for village, rows in totals.groupby(s.VILLAGE, sort=True):
        in_project = bool(info.at[village, s.IN_PROJECT]) if village in info.index else False
        own = info.at[village, s.PROJECT_START] if in_project else pd.NA
        village_split = int(own) if not pd.isna(own) else split
        frames.append(rows.assign(period=_period_of(rows[s.YEAR], village_split, periods),
                                  in_project=in_project))  # fmt: skip
    table = pd.concat(frames) if frames else totals.assign(period=None, in_project=False)
    table = table[table["period"].notna()]
    changes = [
        _change(village, rows, measure, confidence)
        for village, rows in table.sort_values(
            "in_project", ascending=False, kind="stable"
        ).groupby(s.VILLAGE, sort=False)
    ]
    groups = {
        name: _change(name, table[table["in_project"] == flag], measure, confidence)
        if (table["in_project"] == flag).any()
        else None
        for name, flag in (("project", True), ("comparison", False))
    }
    did, did_verdict = _did(groups["project"], groups["comparison"], measure, confidence)
    return BeforeAfter(measure, changes, groups["project"], groups["comparison"], did, did_verdict)


def _did(project: Change | None, comparison: Change | None, measure: str, confidence: float):
    if project is None or comparison is None:
        return None, None
    estimate, low, high = did_interval(
        project.before, project.after, comparison.before, comparison.after, confidence
    )
    smallest = min(r.base for r in (project.before, project.after, comparison.before,
                                    comparison.after))  # fmt: skip
    return (estimate, low, high), verdict(low, high, smallest, HIGHER_IS_BETTER[measure])
