"""Before and after the project: each village's rate in two periods, the change with its interval
and verdict, the same pooled over project and comparison villages, and the difference in
differences.

By default each project village's own ``project_start_year`` splits its years: before is every
school year before it, after is that year and later. Comparison villages have no start year of
their own; they are split at the earliest start year of the project villages, so that both groups
cover the same years. ``Periods`` overrides this for everyone (for example 2011-2013 against
2016-2018). Counts are pooled over the years of a period: the rate of a period is the sum of its
numerators over the sum of its denominators, from the years that report both. A group pools only
the villages that reported in both periods, so that a village reporting in one period alone is
never shown as a change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from readiness.analysis.stats import (
    Rate,
    Verdict,
    change_interval,
    did_interval,
    verdict,
    wilson_interval,
)
from readiness.model import schema as s
from readiness.model.measures import MEASURES

DEFAULT_MEASURE = s.READINESS  # the rate compared when none is chosen (the deck's)
GROUP_FLAGS = {"project": True, "comparison": False}  # group name -> in_project


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
    project_villages: frozenset[str] = frozenset()
    # per group ("project", "comparison"): (villages that reported both periods, villages in it)
    reported: dict[str, tuple[int, int]] = field(default_factory=dict)


def default_split(villages: pd.DataFrame) -> int | None:
    """The year comparison villages are split at: the earliest project start year."""
    starts = villages.loc[villages[s.IN_PROJECT].fillna(False), s.PROJECT_START].dropna()
    return int(starts.min()) if len(starts) else None


def _in_periods(rows: pd.DataFrame, splits: pd.Series, periods: Periods | None) -> pd.DataFrame:
    """The rows of each period, with a "period" column ("before" or "after"): by ``periods``
    when given, else by the row's village's split year. A school year the two chosen periods
    share counts in both (as the page says), so its rows appear once in each."""
    years = rows[s.YEAR]
    if periods is not None:
        before, after = years.between(*periods.before), years.between(*periods.after)
    else:
        split = rows[s.VILLAGE].map(splits)
        before, after = (years < split).fillna(False), (years >= split).fillna(False)
    parts = [
        rows[chosen.to_numpy(dtype=bool)].assign(period=name)
        for name, chosen in (("before", before), ("after", after))
    ]
    return pd.concat(parts, ignore_index=True)


def _sums(table: pd.DataFrame, keys: list, measure: str) -> pd.DataFrame:
    """Numerator and denominator summed by ``keys`` and period, from rows that report both, with
    the first and last school year behind each sum."""
    numerator, denominator = MEASURES[measure].numerator, MEASURES[measure].denominator
    both = table[table[numerator].notna() & table[denominator].notna()]
    grouped = both.groupby([*keys, "period"])
    sums = grouped[[numerator, denominator]].sum()
    sums["first"], sums["last"] = grouped[s.YEAR].min(), grouped[s.YEAR].max()
    return sums


def _records(sums: pd.DataFrame) -> dict[object, dict[str, tuple]]:
    """The sums as {key: {period: (numerator, denominator, first year, last year)}}."""
    found: dict[object, dict[str, tuple]] = {}
    for key, period, *values in sums.reset_index().itertuples(index=False):
        found.setdefault(key, {})[period] = tuple(int(v) for v in values)
    return found


def _change(name: str, sums: dict[str, tuple], measure: str, confidence: float) -> Change:
    def rate(period: str) -> tuple[Rate, tuple[int, int] | None]:
        if period not in sums:
            return Rate(0, 0), None
        numerator, denominator, first, last = sums[period]
        return Rate(numerator, denominator), (first, last)

    (before, years_before), (after, years_after) = rate("before"), rate("after")
    change, low, high = change_interval(before, after, confidence)
    judged = verdict(low, high, min(before.base, after.base), MEASURES[measure].higher_is_better)
    return Change(name, before, after, change, low, high, judged, years_before, years_after)


def before_after(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    measure: str = DEFAULT_MEASURE,
    periods: Periods | None = None,
    confidence: float = 0.95,
) -> BeforeAfter:
    """Every village's change, the pooled changes of project and comparison villages, and the
    difference in differences, for the rate ``measure`` (``model.measures.rates``)."""
    table = observations[observations[s.SEX] == s.TOTAL]
    info = villages.drop_duplicates(s.VILLAGE).set_index(s.VILLAGE)
    in_project = info[s.IN_PROJECT].fillna(False).astype(bool)
    split = default_split(villages)
    splits = info[s.PROJECT_START].where(in_project).fillna(split if split else pd.NA)
    table = table.assign(in_project=table[s.VILLAGE].map(in_project).fillna(False).astype(bool))
    table = _in_periods(table, splits, periods)
    by_village = _records(_sums(table, [s.VILLAGE], measure))
    order = sorted(by_village, key=lambda v: (not in_project.get(v, False), v))
    changes = [_change(v, by_village[v], measure, confidence) for v in order]
    both = _reported_both(table, measure)
    by_group = _records(_sums(both, ["in_project"], measure))
    groups = {
        name: _change(name, by_group[flag], measure, confidence) if flag in by_group else None
        for name, flag in GROUP_FLAGS.items()
    }
    did, did_verdict = _did(groups["project"], groups["comparison"], measure, confidence)
    members = frozenset(v for v in order if in_project.get(v, False))
    return BeforeAfter(
        measure,
        changes,
        groups["project"],
        groups["comparison"],
        did,
        did_verdict,
        members,
        _reported(in_project, observations, both),
    )


def _reported_both(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The rows of the villages that reported ``measure``'s two counts in both periods."""
    numerator, denominator = MEASURES[measure].numerator, MEASURES[measure].denominator
    rows = table[table[numerator].notna() & table[denominator].notna()]
    return rows[rows.groupby(s.VILLAGE)["period"].transform("nunique") == 2]


def _reported(in_project: pd.Series, observations: pd.DataFrame, both: pd.DataFrame) -> dict:
    """For each group: how many of its villages reported in both periods, and how many it has
    (a village with rows but no entry in ``villages`` is a comparison village)."""
    flags = dict.fromkeys(observations[s.VILLAGE].unique().tolist(), False)
    flags.update({key: bool(value) for key, value in in_project.items()})
    reported = set(both[s.VILLAGE].unique().tolist())
    return {
        name: (sum(flags[v] == flag for v in reported), sum(f == flag for f in flags.values()))
        for name, flag in GROUP_FLAGS.items()
    }


def _did(project: Change | None, comparison: Change | None, measure: str, confidence: float):
    if project is None or comparison is None:
        return None, None
    estimate, low, high = did_interval(
        project.before, project.after, comparison.before, comparison.after, confidence
    )
    smallest = min(
        r.base for r in (project.before, project.after, comparison.before, comparison.after)
    )
    return (estimate, low, high), verdict(low, high, smallest, MEASURES[measure].higher_is_better)
