"""The Overview page as data: headline figures and the trend chart for one area and school year.

The page only renders what ``overview_view`` returns, so tests check numbers, not markup.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from readiness import LoadResult
from readiness.analysis.measures import (
    ALL,
    Area,
    Figure,
    area_villages,
    areas,
    headline_figures,
    latest_year,
    partial_years,
    rate_counts,
    yearly,
)
from readiness.analysis.measures import project_start_years as start_years
from readiness.charts import Series, TrendLabels, rate_trend_figure
from readiness.charts.style import percent_ticks
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.measures import MEASURES, definitions, rates, summary
from readiness.model.places import Registry
from readiness.views.choices import Choices, school_years
from readiness.views.reporting import both_years_note, partial_caption, trend_hovers


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    value: str  # the big number
    share: str | None  # "62 of 240", beside a percentage
    delta: str | None  # change since the previous year, already formatted
    arrow: str  # "up", "down" or "off"
    colour: str  # "green" when the change is good news, "red" when bad, "gray" otherwise
    help: str
    note: str | None  # said when not every village reported
    delta_note: str | None = None  # said when the change leaves out villages that did not report


@dataclass(frozen=True)
class OverviewView:
    area_name: str
    year: int
    metrics: list[Metric]
    figure: go.Figure
    definitions: list[str]


def area_name(area: Area, t: Translator, places: Registry, *, with_parent: bool = False) -> str:
    """The area's name; with ``with_parent`` a village reads "Катран айыл аймагы › Катран"."""
    if area.kind == ALL:
        return t("All villages")
    if area.kind == s.MUNICIPALITY:
        return places.municipality_name(area.key, t.lang)
    name = places.village_name(area.key, t.lang)
    parent = places.villages[area.key].parent if area.key in places.villages else None
    if with_parent and parent:
        return f"{places.municipality_name(parent, t.lang)} › {name}"
    return name


def default_area(villages: pd.DataFrame) -> Area:
    """The municipality of the first project village, so the demo opens on Katran; else all."""
    project = villages[villages[s.IN_PROJECT].fillna(False) & villages[s.MUNICIPALITY].notna()]
    if project.empty:
        return Area(ALL)
    return Area(s.MUNICIPALITY, sorted(project[s.MUNICIPALITY])[0])


def _delta(key: str, figure: Figure, t: Translator) -> tuple[str | None, str, str]:
    rate_shown = MEASURES[key].is_rate
    change = figure.rate_change if rate_shown else figure.count_change
    if pd.isna(change):
        return None, "off", "gray"
    text = t.points(change) if rate_shown else t.signed(change)
    if round(change * 100 if rate_shown else change) == 0:  # no change at the precision shown
        return text, "off", "gray"
    up = change > 0
    good = MEASURES[key].higher_is_better  # None: neither way is good or bad news
    colour = "gray" if good is None else ("green" if up == good else "red")
    return text, "up" if up else "down", colour


def _metric(key: str, figure: Figure, t: Translator) -> Metric:
    measure = MEASURES[key]
    rate_is_value = measure.is_rate
    value = t.percent(figure.rate) if rate_is_value else t.number(figure.count)
    share = None
    if figure.base is not None and not pd.isna(figure.rate):
        share = t.share(figure.count, figure.base)
        if not rate_is_value:
            share = f"{share} · {t.percent(figure.rate)}"
    delta, arrow, colour = _delta(key, figure, t)
    compared = both_years_note(figure.compared.villages, figure.expected, t) if delta else None
    label = t(measure.headline or measure.label)
    return Metric(
        key,
        label,
        value,
        share,
        delta,
        arrow,
        colour,
        t(measure.definition),
        _reporting_note(figure, t),
        compared,
    )


def _reporting_note(figure: Figure, t: Translator) -> str | None:
    if pd.isna(figure.reporting) or figure.reporting == 0:
        return t("No data for this school year.")
    if figure.complete:
        return None
    return t(
        "Based on {reporting} of {expected} villages; the others did not report it.",
        reporting=t.number(figure.reporting),
        expected=t.number(figure.expected),
    )


def trend_figure(table: pd.DataFrame, name: str, markers: list[int], t: Translator) -> go.Figure:
    series = []
    for rate in rates():
        numerator, denominator = rate_counts(rate)
        texts = [
            f"{t.school_year(y)}: {t.rate(table.at[y, numerator], table.at[y, denominator])}"
            for y in table.index
        ]
        hover = trend_hovers(table, rate.key, texts, t)
        partial = partial_years(table, rate.key)
        line = Series(t(rate.label), table[rate.key], hover, partial=partial)
        series.append(line)
    labels = TrendLabels(
        title=t("Coverage and school readiness: {area}", area=name),
        x_title=t("School year"),
        y_title=t("Share of children"),
        tick_text={int(y): t.school_year(y) for y in table.index},
        markers={y: t("Project starts {year}", year=t.school_year(y)) for y in markers},
        separators=t.separators,
        caption=partial_caption(series, t),
        percent_ticks=percent_ticks(t.percent),
    )
    return rate_trend_figure(series, labels)


def overview_view(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    area: Area,
    year: int,
    t: Translator,
    places: Registry,
) -> OverviewView:
    """Everything the Overview shows for ``area`` in school year ``year``, in ``t``'s language."""
    keys = area_villages(villages, area)
    table = yearly(observations, keys)
    figures = headline_figures(observations, keys, year, table)
    name = area_name(area, t, places)
    metrics = [_metric(key, figure, t) for key, figure in figures.items()]
    figure = trend_figure(table, name, start_years(villages, area), t)
    said = [t(definition) for definition in definitions(summary())]
    return OverviewView(name, year, metrics, figure, said)


def overview_choices(data: LoadResult) -> tuple[Choices, Choices]:
    """The municipalities and villages (the default area chosen) and the school years, the newest
    first (the latest with data chosen)."""
    options, years = areas(data.villages), school_years(data.observations, newest_first=True)
    return (
        Choices(options, options.index(default_area(data.villages))),
        Choices(years, years.index(latest_year(data.observations))),
    )
