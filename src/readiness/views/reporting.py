"""What the pages say when not every village reported: partial reporting is never shown as change.

* A change between two school years compares only the villages that reported both years, and
  says so when that leaves some out.
* A point of a trend built from fewer villages than the area's usual number is drawn apart, and
  its hover says how many villages are behind it.
"""

from __future__ import annotations

import pandas as pd

from readiness.analysis.measures import partial_years, reporting_column, usual_reporting
from readiness.charts import Series
from readiness.i18n import N_, Translator

PARTIAL_CAPTION = N_(
    "A hollow marker: fewer villages reported that school year than usual, so it is not "
    "joined to the years beside it."
)


def both_years_note(villages: int, expected: int, t: Translator) -> str | None:
    """Under a change that leaves villages out: "Change based on the 3 villages that reported
    both years." Nothing when every village reported both years, or none did (then there is no
    change to show)."""
    if villages == 0 or villages >= expected:
        return None
    return t.plural(
        "Change based on the {n} village that reported both years.",
        "Change based on the {n} villages that reported both years.",
        villages,
    )


def based_on(text: str, reporting: object, usual: int, t: Translator) -> str:
    """A figure and the villages behind it: "31% (50 of 160), based on 7 of 8 villages"."""
    return t.plural(
        "{figure}, based on {reporting} of {n} village",
        "{figure}, based on {reporting} of {n} villages",
        usual,
        figure=text,
        reporting=t.number(reporting),
    )


def trend_hovers(table: pd.DataFrame, measure: str, texts: list[str], t: Translator) -> list[str]:
    """The hover of each year of a ``yearly`` table: ``texts``, with how many villages are behind
    the years that fewer villages than usual reported."""
    partial = partial_years(table, measure)
    reporting = table[reporting_column(measure)]
    usual = usual_reporting(table, measure)
    return [
        based_on(text, reporting[year], usual, t) if partial[year] else text
        for year, text in zip(table.index, texts, strict=True)
    ]


def partial_caption(series: list[Series], t: Translator) -> str:
    """The chart's caption explaining hollow markers, when a chart draws any."""
    drawn = any(line.split()[1].notna().any() for line in series)
    return t(PARTIAL_CAPTION) if drawn else ""
