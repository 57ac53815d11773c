"""Derived measures for an area (all data, a municipality or a village), year by year.

Every rate is built from counts that come from the same villages: a village that reported the
children but not how many attend preschool is left out of both sides of the coverage rate. A count
shown on its own (children, attending, entrants) is summed over every village that reported it,
so a reported count never disappears because its partner was left blank (``OWN``). The number of
villages behind each figure is kept, so the page can say when reporting is incomplete. Missing
stays missing: a year nobody reported is a gap, never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness.model import schema as s
from readiness.model.measures import MEASURES, Measure, derived, rates, shown_alone, summary

ALL = "all"
REPORTING = "_villages"  # suffix: how many villages a rate's counts come from
OWN = "_reported"  # suffix: a count summed over every village that reported it
PARTIAL = "_partial"  # suffix: a rate that comes from fewer villages than the area's usual number


@dataclass(frozen=True)
class Area:
    """What the figures are about: ``kind`` is "all", "municipality" or "village"."""

    kind: str
    key: str | None = None


def areas(villages: pd.DataFrame) -> list[Area]:
    """All data, then each municipality followed by its villages, in a stable order."""
    options = [Area(ALL)]
    frame = villages.assign(_m=villages[s.MUNICIPALITY].fillna(""))
    for municipality, group in frame.groupby("_m", sort=True):
        if municipality:
            options.append(Area(s.MUNICIPALITY, municipality))
        options.extend(Area(s.VILLAGE, v) for v in sorted(group[s.VILLAGE]))
    return options


def area_villages(villages: pd.DataFrame, area: Area) -> list[str]:
    chosen = villages if area.kind == ALL else villages[villages[area.kind] == area.key]
    return sorted(chosen[s.VILLAGE])


def project_start_years(villages: pd.DataFrame, area: Area) -> list[int]:
    """The distinct project start years of the project villages in ``area``."""
    chosen = villages[villages[s.VILLAGE].isin(area_villages(villages, area))]
    started = chosen.loc[chosen[s.IN_PROJECT].fillna(False), s.PROJECT_START].dropna()
    return sorted({int(y) for y in started})


def count_column(rate: Measure, count: str) -> str:
    """The ``yearly`` column of ``count`` summed over the villages behind ``rate``: the count's own
    name when ``rate`` is the count's rate, else prefixed with the rate."""
    owner = MEASURES.get(count)
    return count if owner is not None and owner.rate == rate.key else f"{rate.key}_{count}"


def rate_counts(rate: Measure) -> tuple[str, str]:
    """The ``yearly`` columns of a rate's numerator and denominator."""
    return count_column(rate, rate.numerator), count_column(rate, rate.denominator)


def _pair_sums(rows: pd.DataFrame, rate: Measure) -> pd.DataFrame:
    numerator, denominator = rate.numerator, rate.denominator
    both = rows[rows[numerator].notna() & rows[denominator].notna()]
    sums = both.groupby(s.YEAR)[[numerator, denominator]].sum()
    sums.columns = list(rate_counts(rate))
    sums[rate_counts(rate)[0] + REPORTING] = both.groupby(s.YEAR)[s.VILLAGE].nunique()
    return sums


def yearly(
    observations: pd.DataFrame, village_keys: list[str] | None, sex: str = s.TOTAL
) -> pd.DataFrame:
    """One row per school year from the first to the last in the data, gaps included, over the
    villages ``village_keys`` (``None``: every village in ``observations``).

    Columns: for each rate its counts (``rate_counts``), the rate itself (``coverage``,
    ``readiness``), the number of villages behind it (``enrolled_3_6_villages``,
    ``grade1_ready_villages``) and whether that year's figure comes from fewer villages than the
    area's usual number (``coverage_partial``, ``readiness_partial``; see ``partial_years``); the
    derived counts (``not_ready``); each count shown on its own (``OWN``) with its villages.
    """
    chosen = observations[s.SEX] == sex
    if village_keys is not None:
        chosen &= observations[s.VILLAGE].isin(village_keys)
    rows = observations[chosen]
    years = observations[s.YEAR]
    index = pd.RangeIndex(years.min(), years.max() + 1, name=s.YEAR) if len(years) else []
    parts = [_pair_sums(rows, rate) for rate in rates()]
    parts += [_own_sums(rows, count.key) for count in shown_alone()]
    table = pd.concat(parts, axis=1).reindex(index).astype("Int64")
    for rate in rates():
        numerator, denominator = rate_counts(rate)
        table[rate.key] = _ratio(table[numerator], table[denominator])
        table[rate.key + PARTIAL] = _fewer_than_usual(table[numerator + REPORTING])
    for count in shown_alone():
        table[count.key + OWN + PARTIAL] = _fewer_than_usual(table[count.key + OWN + REPORTING])
    for count in derived():
        first, second = (count_column(MEASURES[count.rate], c) for c in count.minus)
        table[count.key] = table[first] - table[second]
    return table


def _own_sums(rows: pd.DataFrame, count: str) -> pd.DataFrame:
    """A count summed over every village that reported it, and how many did, by year."""
    given = rows[rows[count].notna()]
    sums = given.groupby(s.YEAR)[[count]].sum().rename(columns={count: count + OWN})
    sums[count + OWN + REPORTING] = given.groupby(s.YEAR)[s.VILLAGE].nunique()
    return sums


def shown_column(measure: str) -> str:
    """The ``yearly`` column that holds ``measure`` as a page shows it on its own."""
    return measure + OWN if MEASURES[measure].alone else measure


def _fewer_than_usual(villages: pd.Series) -> pd.Series:
    """True for a year that some villages reported, but fewer than in the best-reported year."""
    return (villages < villages.max()).fillna(False).astype(bool)


def reporting_column(measure: str) -> str:
    """The ``yearly`` column that says how many villages are behind ``measure``."""
    if MEASURES[measure].alone:
        return measure + OWN + REPORTING
    return rate_counts(MEASURES[MEASURES[measure].rate])[0] + REPORTING


def usual_reporting(table: pd.DataFrame, measure: str) -> int:
    """An area's usual number of villages behind ``measure``: the most in any year of a ``yearly``
    table (0 when nobody reported it)."""
    most = table[reporting_column(measure)].max()
    return 0 if pd.isna(most) else int(most)


def partial_years(table: pd.DataFrame, measure: str) -> pd.Series:
    """For each year of a ``yearly`` table: does its ``measure`` come from fewer villages than the
    area's usual number? Such a year is not comparable with its neighbours."""
    if MEASURES[measure].alone:
        return table[measure + OWN + PARTIAL]
    return table[MEASURES[measure].rate + PARTIAL]


def by_village(observations: pd.DataFrame, year: int, sex: str = s.TOTAL) -> pd.DataFrame:
    """Every village's counts and rates for one school year, indexed by village."""
    rows = observations[(observations[s.YEAR] == year) & (observations[s.SEX] == sex)]
    table = rows.drop_duplicates(s.VILLAGE).set_index(s.VILLAGE)[list(s.COUNTS)]
    return _derive(table)


def _derive(counts: pd.DataFrame) -> pd.DataFrame:
    """``counts`` (the four counts, of the same villages) with each rate and derived count."""
    for rate in rates():
        counts[rate.key] = _ratio(counts[rate.numerator], counts[rate.denominator])
    for count in derived():
        counts[count.key] = counts[count.minus[0]] - counts[count.minus[1]]
    return counts


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    share = numerator.astype("Float64") / denominator.astype("Float64").where(denominator > 0)
    return share.astype("Float64")


@dataclass(frozen=True)
class Comparison:
    """A figure in the previous school year and in the chosen one, over the same villages: the
    ``villages`` that reported it both years. Counts are <NA> when no village did, so that
    partial reporting is never shown as a change."""

    previous_count: object
    previous_base: object
    count: object
    base: object
    villages: int

    @property
    def count_change(self) -> object:
        return _minus(self.count, self.previous_count)

    @property
    def rate_change(self) -> object:
        """Change of the rate, as a difference of shares (0.05 is 5 points)."""
        previous = share(self.previous_count, self.previous_base)
        return _minus(share(self.count, self.base), previous)


@dataclass(frozen=True)
class Figure:
    """One headline figure for a year, and its change since the year before.

    ``count`` is the number shown; ``base`` is what it is out of (``None`` for a plain count).
    ``reporting`` of ``expected`` villages are behind it; ``compared`` holds both years over the
    villages that reported both.
    """

    count: object
    base: object
    reporting: object
    expected: int
    compared: Comparison

    @property
    def rate(self) -> object:
        return share(self.count, self.base)

    @property
    def count_change(self) -> object:
        return self.compared.count_change

    @property
    def rate_change(self) -> object:
        return self.compared.rate_change

    @property
    def complete(self) -> bool:
        return not pd.isna(self.reporting) and self.reporting == self.expected


def share(part: object, whole: object) -> object:
    """``part`` over ``whole``; <NA> when either is missing or ``whole`` is 0."""
    if pd.isna(part) or pd.isna(whole) or whole == 0:
        return pd.NA
    return part / whole


def _minus(a: object, b: object) -> object:
    return pd.NA if pd.isna(a) or pd.isna(b) else a - b


def _reported_both(recent: pd.DataFrame, counts: tuple[str, ...]) -> pd.DataFrame:
    """The rows of ``recent`` (two school years) from the villages that reported all of
    ``counts`` in both years."""
    rows = recent[recent[list(counts)].notna().all(axis=1)]
    return rows[rows.groupby(s.VILLAGE)[s.YEAR].transform("nunique") == 2]


def _row(table: pd.DataFrame, year: int) -> pd.Series:
    """A year's row of a ``yearly`` table; all missing when the year is not in it."""
    if year in table.index:
        return table.loc[year]
    return pd.Series(pd.NA, index=table.columns, dtype=object)


def _compared(recent: pd.DataFrame, counts: tuple[str, ...], year: int) -> tuple:
    """Both years' ``counts`` summed over the villages that reported them both years, and how
    many villages they are."""
    rows = _reported_both(recent, counts)
    sums = _derive(rows.groupby(s.YEAR)[list(s.COUNTS)].sum())
    return _row(sums, year - 1), _row(sums, year), rows[s.VILLAGE].nunique()


def headline_figures(
    observations: pd.DataFrame, keys: list[str], year: int, table: pd.DataFrame | None = None
) -> dict[str, Figure]:
    """The Overview's figures for ``year`` over the villages ``keys``, by measure key: children,
    coverage, entrants, readiness and children not ready (``model.measures.summary``). Each
    change since the year before compares only the villages that reported that figure both years.
    ``table`` is the area's ``yearly`` table, when the caller has made it already."""
    recent = observations[observations[s.YEAR].between(year - 1, year)]
    recent = recent[recent[s.VILLAGE].isin(keys) & (recent[s.SEX] == s.TOTAL)]
    now = _row(yearly(recent, None) if table is None else table, year)

    def figure(measure: Measure) -> Figure:
        count, base, needed = _made_of(measure)
        before, after, villages = _compared(recent, needed, year)
        pick = (lambda row: row[base]) if base else (lambda row: None)
        comparison = Comparison(before[count], pick(before), after[count], pick(after), villages)
        over = MEASURES[measure.rate]  # the villages behind the figure
        shown = now[count_column(over, count)] if base else now[shown_column(count)]
        out_of = now[count_column(over, base)] if base else None
        return Figure(shown, out_of, now[reporting_column(measure.key)], len(keys), comparison)

    return {measure.key: figure(measure) for measure in summary()}


def _made_of(measure: Measure) -> tuple[str, str | None, tuple[str, ...]]:
    """What a headline figure counts, what it is out of, and the counts a village must report."""
    if measure.is_rate:
        return measure.numerator, measure.denominator, (measure.numerator, measure.denominator)
    base = measure.denominator
    needed = (*(measure.minus or (measure.key,)), *((base,) if base else ()))
    return measure.key, base, tuple(dict.fromkeys(needed))


def latest_year(observations: pd.DataFrame) -> int | None:
    years = observations[s.YEAR]
    return int(years.max()) if len(years) else None
