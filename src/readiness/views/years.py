"""The Years page as data: a measure for chosen villages, as lines, grouped bars or panels."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from readiness import LoadResult
from readiness.analysis.measures import Area, project_start_years
from readiness.analysis.trends import Trend, is_rate, trends
from readiness.charts import Series, TrendLabels, rate_trend_figure
from readiness.charts.style import percent_ticks
from readiness.charts.years import Bars, BarsLabels, bars_figure, small_multiples_figure
from readiness.i18n import N_, Translator
from readiness.model import schema as s
from readiness.model.measures import MEASURES, measure_label
from readiness.model.places import Registry
from readiness.views.choices import school_years, village_keys
from readiness.views.reporting import based_on, partial_caption

LINES, BARS, PANELS = "lines", "bars", "panels"
VIEWS = {
    LINES: N_("Lines over the years"),
    BARS: N_("Bars for two years"),
    PANELS: N_("One panel per village"),
}


@dataclass(frozen=True)
class YearsView:
    figure: go.Figure
    definition: str


def _name(line: Trend, t: Translator, places: Registry) -> str:
    if line.total:
        return t("{municipality} (total)", municipality=places.municipality_name(line.key, t.lang))
    return places.village_name(line.key, t.lang)


def _value_text(line: Trend, year: int, t: Translator) -> str:
    """The value with its counts, and how many villages it comes from when fewer than usual."""
    value = line.values.get(year, pd.NA)
    if pd.isna(value):
        return t("no data")
    text = t.number(value) if line.bases is None else t.rate(line.counts[year], line.bases[year])
    return based_on(text, line.reporting[year], line.usual, t) if line.partial[year] else text


def _series(line: Trend, t: Translator, places: Registry) -> Series:
    name = _name(line, t, places)
    hover = [f"{name}, {t.school_year(y)}: {_value_text(line, y, t)}" for y in line.values.index]
    return Series(name, line.values, hover, total=line.total, partial=line.partial)


def years_view(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    keys: list[str],
    measure: str,
    t: Translator,
    places: Registry,
    *,
    view: str = LINES,
    with_totals: bool = False,
    two_years: tuple[int, int] | None = None,
) -> YearsView:
    lines = trends(observations, villages, keys, measure, with_totals)
    series = [_series(line, t, places) for line in lines]
    label = measure_label(t, measure)
    separators = t.separators
    rate = is_rate(measure)
    years = observations[s.YEAR]
    ticks = {int(y): t.school_year(y) for y in range(int(years.min()), int(years.max()) + 1)}
    if view == BARS and two_years:
        figure = _bars(lines, series, two_years, label, t, rate, separators)
    elif view == PANELS:
        figure = small_multiples_figure(
            series,
            label,
            ticks,
            rate=rate,
            separators=separators,
            percent_ticks=percent_ticks(t.percent),
        )
    else:
        starts = project_start_years(villages[villages[s.VILLAGE].isin(keys)], Area("all"))
        labels = TrendLabels(
            title=label,
            x_title=t("School year"),
            y_title=t("Share of children") if rate else t("Children"),
            tick_text=ticks,
            markers={y: t("Project starts {year}", year=t.school_year(y)) for y in starts},
            separators=separators,
            caption=partial_caption(series, t),
            percent_ticks=percent_ticks(t.percent),
        )
        figure = rate_trend_figure(series, labels, rate=rate)
    return YearsView(figure, t(MEASURES[measure].definition))


def _at(line: Trend, year: int) -> float:
    value = line.values.get(year, pd.NA)
    return float("nan") if pd.isna(value) else float(value)


def _bars(lines, series, two_years, label, t, rate, separators) -> go.Figure:
    groups = []
    for year in two_years:
        values = [_at(line, year) for line in lines]
        texts = [_value_text(line, year, t) for line in lines]
        partial = [bool(line.partial.get(year, False)) for line in lines]
        groups.append(Bars(t.school_year(year), values, texts, partial))
    labels = BarsLabels(
        title=t(
            "{measure}: {first} and {second}",
            measure=label,
            first=t.school_year(two_years[0]),
            second=t.school_year(two_years[1]),
        ),
        y_title=t("Share of children") if rate else t("Children"),
        names=[line.name for line in series],
        missing=t("no data"),
        separators=separators,
        percent_ticks=percent_ticks(t.percent),
    )
    return bars_figure(groups, labels, rate=rate)


def default_villages(villages: pd.DataFrame) -> list[str]:
    """The project villages and one comparison village, so that the first view compares."""
    project = villages.loc[villages[s.IN_PROJECT].fillna(False), s.VILLAGE]
    others = villages.loc[~villages[s.IN_PROJECT].fillna(False), s.VILLAGE]
    return sorted(project)[:6] + sorted(others)[:1]


@dataclass(frozen=True)
class YearsChoices:
    villages: list[str]  # every village, by key
    default: list[str]  # the villages chosen at first
    years: list  # the school years, the oldest first


def years_choices(data: LoadResult) -> YearsChoices:
    villages = data.villages
    return YearsChoices(
        village_keys(villages), default_villages(villages), school_years(data.observations)
    )
