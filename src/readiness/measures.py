"""Derived measures for an area (all data, a municipality or a village), year by year.

Every rate is built from counts that come from the same villages: a village that reported the
children but not how many attend preschool is left out of both sides of the coverage rate, and the
number of villages behind each figure is kept so the page can say when reporting is incomplete.
Missing stays missing: a year nobody reported is a gap, never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness import schema as s

ALL = "all"
REPORTING = "_villages"  # suffix: how many villages a rate's counts come from


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


def _pair_sums(rows: pd.DataFrame, numerator: str, denominator: str) -> pd.DataFrame:
    both = rows[rows[numerator].notna() & rows[denominator].notna()]
    sums = both.groupby(s.YEAR)[[numerator, denominator]].sum()
    sums[numerator + REPORTING] = both.groupby(s.YEAR)[s.VILLAGE].nunique()
    return sums


def yearly(observations: pd.DataFrame, village_keys: list[str], sex: str = s.TOTAL) -> pd.DataFrame:
    """One row per school year from the first to the last in the data, gaps included.

    Columns: the four counts, ``coverage``, ``readiness``, ``not_ready``, and for each rate the
    number of villages behind it (``enrolled_3_6_villages``, ``grade1_ready_villages``).
    """
    rows = observations[observations[s.VILLAGE].isin(village_keys) & (observations[s.SEX] == sex)]
    years = observations[s.YEAR]
    index = pd.RangeIndex(years.min(), years.max() + 1, name=s.YEAR) if len(years) else []
    parts = [_pair_sums(rows, num, den) for num, den in s.RATES.values()]
    table = pd.concat(parts, axis=1).reindex(index)
    counts = [*s.COUNTS, *(num + REPORTING for num, _ in s.RATES.values())]
    table[counts] = table[counts].astype("Int64")
    for rate, (numerator, denominator) in s.RATES.items():
        table[rate] = _ratio(table[numerator], table[denominator])
    table[s.NOT_READY] = table[s.ENTRANTS] - table[s.READY]
    return table


def by_village(observations: pd.DataFrame, year: int, sex: str = s.TOTAL) -> pd.DataFrame:
    """Every village's counts and rates for one school year, indexed by village."""
    rows = observations[(observations[s.YEAR] == year) & (observations[s.SEX] == sex)]
    table = rows.drop_duplicates(s.VILLAGE).set_index(s.VILLAGE)[list(s.COUNTS)]
    for rate, (numerator, denominator) in s.RATES.items():
        table[rate] = _ratio(table[numerator], table[denominator])
    table[s.NOT_READY] = table[s.ENTRANTS] - table[s.READY]
    return table


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    share = numerator.astype("Float64") / denominator.astype("Float64").where(denominator > 0)
    return share.astype("Float64")


@dataclass(frozen=True)
class Figure:
    """One headline figure for a year, with last year's beside it.

    ``count`` is the number shown; ``base`` is what it is out of (``None`` for a plain count).
    ``reporting`` of ``expected`` villages are behind it.
    """

    count: object
    base: object
    previous_count: object
    previous_base: object
    reporting: object
    expected: int

    @property
    def rate(self) -> object:
        return _share(self.count, self.base)

    @property
    def previous_rate(self) -> object:
        return _share(self.previous_count, self.previous_base)

    @property
    def count_change(self) -> object:
        return _minus(self.count, self.previous_count)

    @property
    def rate_change(self) -> object:
        """Change of the rate since last year, as a difference of shares (0.05 is 5 points)."""
        return _minus(self.rate, self.previous_rate)

    @property
    def complete(self) -> bool:
        return not pd.isna(self.reporting) and self.reporting == self.expected


def _share(part: object, whole: object) -> object:
    if pd.isna(part) or pd.isna(whole) or whole == 0:
        return pd.NA
    return part / whole


def _minus(a: object, b: object) -> object:
    return pd.NA if pd.isna(a) or pd.isna(b) else a - b


def headline_figures(table: pd.DataFrame, year: int, expected: int) -> dict[str, Figure]:
    """The Overview's figures for ``year`` from a ``yearly`` table of an area with ``expected``
    villages: children, coverage, entrants, readiness and children not ready."""

    def at(column: str, when: int) -> object:
        return table.at[when, column] if when in table.index else pd.NA

    def figure(count: str, base: str | None, reporting: str) -> Figure:
        return Figure(
            at(count, year),
            at(base, year) if base else None,
            at(count, year - 1),
            at(base, year - 1) if base else None,
            at(reporting, year),
            expected,
        )

    coverage_villages, readiness_villages = (num + REPORTING for num, _ in s.RATES.values())
    return {
        "children": figure(s.CHILDREN, None, coverage_villages),
        s.COVERAGE: figure(s.ENROLLED, s.CHILDREN, coverage_villages),
        "entrants": figure(s.ENTRANTS, None, readiness_villages),
        s.READINESS: figure(s.READY, s.ENTRANTS, readiness_villages),
        s.NOT_READY: figure(s.NOT_READY, s.ENTRANTS, readiness_villages),
    }


def latest_year(observations: pd.DataFrame) -> int | None:
    years = observations[s.YEAR]
    return int(years.max()) if len(years) else None
