"""A measure year by year for chosen villages, and for their municipalities as a whole.

Rates come with the counts behind them; a year a village did not report stays missing. A
municipality's total for a year that fewer of its villages reported than usual is marked partial.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness.analysis.measures import (
    Area,
    area_villages,
    partial_years,
    rate_counts,
    reporting_column,
    shown_column,
    usual_reporting,
    yearly,
)
from readiness.model import schema as s
from readiness.model.measures import MEASURES, over_years


@dataclass(frozen=True)
class Trend:
    """One line: a village (or a municipality's total) and the measure's value by year."""

    key: str
    total: bool  # a municipality's total rather than a village
    values: pd.Series  # by year; <NA> where missing
    counts: pd.Series  # the numerator of a rate (or the count itself)
    bases: pd.Series | None  # the denominator of a rate; None for a count
    reporting: pd.Series  # by year: how many villages the value comes from
    usual: int  # the number of villages that usually report it (the most in any year)
    partial: pd.Series  # by year: True where fewer villages than usual reported it


def trend_measures() -> list[str]:
    """The measures the Years page offers, in order."""
    return [m.key for m in over_years()]


def is_rate(measure: str) -> bool:
    return MEASURES[measure].is_rate


def _trend(observations: pd.DataFrame, keys: list[str], key: str, measure: str, total: bool):
    table = yearly(observations, keys)
    reporting = (
        table[reporting_column(measure)],
        usual_reporting(table, measure),
        partial_years(table, measure),
    )
    if is_rate(measure):
        numerator, denominator = rate_counts(MEASURES[measure])
        return Trend(key, total, table[measure], table[numerator], table[denominator], *reporting)
    shown = table[shown_column(measure)]
    return Trend(key, total, shown.astype("Float64"), shown, None, *reporting)


def trends(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    keys: list[str],
    measure: str,
    with_totals: bool = False,
) -> list[Trend]:
    """A trend per chosen village, then, with ``with_totals``, one per municipality they lie in
    (over all of that municipality's villages)."""
    lines = [_trend(observations, [key], key, measure, False) for key in keys]
    if with_totals:
        chosen = villages[villages[s.VILLAGE].isin(keys)]
        for municipality in sorted(chosen[s.MUNICIPALITY].dropna().unique()):
            members = area_villages(villages, Area(s.MUNICIPALITY, municipality))
            lines.append(_trend(observations, members, municipality, measure, True))
    return lines
