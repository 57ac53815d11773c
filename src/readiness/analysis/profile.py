"""One village on one page: its measures over the years, girls beside boys with the gender parity
index, and comparisons with its municipality and with the whole data set."""

from __future__ import annotations

import pandas as pd

from readiness.analysis.measures import Area, area_villages, rate_counts, yearly
from readiness.model import schema as s
from readiness.model.measures import MEASURES


def parity(observations: pd.DataFrame, village: str, measure: str) -> pd.DataFrame:
    """Girls' and boys' rates by year, and the gender parity index (girls' rate / boys' rate;
    1 is parity). A missing rate, or a boys' rate of 0, leaves the index missing."""
    girls = yearly(observations, [village], sex=s.GIRLS)
    boys = yearly(observations, [village], sex=s.BOYS)
    numerator, denominator = rate_counts(MEASURES[measure])
    table = pd.DataFrame(
        {
            "girls": girls[measure],
            "girls_count": girls[numerator],
            "girls_base": girls[denominator],
            "boys": boys[measure],
            "boys_count": boys[numerator],
            "boys_base": boys[denominator],
        }
    )
    table["gpi"] = table["girls"] / table["boys"].where(table["boys"] > 0)
    return table


def comparison(
    observations: pd.DataFrame, villages: pd.DataFrame, village: str
) -> dict[str, pd.DataFrame]:
    """Yearly tables of the village, of its municipality and of every village in the data."""
    tables = {"village": yearly(observations, [village])}
    info = villages.set_index(s.VILLAGE)
    municipality = info.at[village, s.MUNICIPALITY] if village in info.index else pd.NA
    if not pd.isna(municipality):
        members = area_villages(villages, Area(s.MUNICIPALITY, municipality))
        tables["municipality"] = yearly(observations, members)
    tables["all"] = yearly(observations, sorted(villages[s.VILLAGE]))
    return tables
