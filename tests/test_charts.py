"""Chart functions: data in, figure out; assertions on the figure's data and layout."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from readiness.charts import PALETTE, Series, TrendLabels, rate_trend_figure
from readiness.charts.style import MIN_WIDTH, percent_ticks, titled_layout
from readiness.charts.years import Bars, BarsLabels, bars_figure
from readiness.i18n import Translator

LABELS = TrendLabels(
    title="Coverage and readiness",
    x_title="School year",
    y_title="Share of children",
    tick_text={2014: "2014–2015", 2015: "2015–2016", 2016: "2016–2017"},
    markers={2015: "Project starts"},
)


def rates(*values) -> pd.Series:
    return pd.Series(values, index=[2014, 2015, 2016], dtype="Float64")


def test_each_series_is_a_line_with_its_values_by_year():
    figure = rate_trend_figure(
        [Series("Coverage", rates(0.1, 0.2, 0.3)), Series("Ready", rates(0.2, 0.25, 0.4))], LABELS
    )
    assert len(figure.data) == 2
    assert list(figure.data[0].x) == [2014, 2015, 2016]
    assert list(figure.data[1].y) == [0.2, 0.25, 0.4]
    assert [trace.name for trace in figure.data] == ["Coverage", "Ready"]
    assert figure.layout.title.text == "Coverage and readiness"


def test_a_missing_year_is_a_gap_that_is_not_joined_across():
    figure = rate_trend_figure([Series("Coverage", rates(0.1, pd.NA, 0.3))], LABELS)
    y = list(figure.data[0].y)
    assert math.isnan(y[1]) and y[0] == 0.1
    assert figure.data[0].connectgaps is False


def test_rates_are_drawn_on_an_axis_from_zero_to_one_hundred_percent():
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3))], LABELS)
    assert tuple(figure.layout.yaxis.range) == (0, 1)
    assert tuple(figure.layout.yaxis.tickvals) == (0, 0.2, 0.4, 0.6, 0.8, 1)
    assert tuple(figure.layout.yaxis.ticktext) == ("0%", "20%", "40%", "60%", "80%", "100%")
    assert figure.layout.yaxis.title.text == "Share of children"


@pytest.mark.parametrize(("lang", "sixty"), [("ru", "60\u00a0%"), ("ky", "60%"), ("en", "60%")])
def test_a_rate_axis_writes_percentages_as_the_page_does(lang, sixty):
    """Russian writes "60 %" with a no-break space, on the cards and on the axes alike."""
    t = Translator(lang)
    labels = replace(LABELS, percent_ticks=percent_ticks(t.percent))
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3))], labels)
    assert figure.layout.yaxis.ticktext[3] == sixty == t.percent(0.6)


def test_a_long_title_wraps_and_the_legend_has_a_band_of_its_own_below_it():
    names = [f"Village number {i}" for i in range(12)]
    title = "Coverage and school readiness: a municipality with a very long name indeed"
    layout = titled_layout(title, names, ".,")
    lines = layout["title"]["text"].split("<br>")
    assert len(lines) == 2 and all(len(line) * 22 * 0.66 <= MIN_WIDTH for line in lines)
    title_bottom = 10 + 2 * 22 * 1.25  # two lines from the top (the browser test measures it)
    assert (1 - layout["legend"]["y"]) * layout["height"] >= title_bottom
    assert layout["margin"]["t"] >= title_bottom + 4 * 18 * 1.6  # twelve entries: four rows
    assert layout["legend"]["yanchor"] == "top" and layout["title"]["xanchor"] == "left"


def test_each_municipality_total_has_a_look_of_its_own():
    totals = [Series(f"M{i} (total)", rates(0.1, 0.2, 0.3), total=True) for i in range(4)]
    figure = rate_trend_figure(totals, LABELS)
    looks = {(t.line.color, t.line.dash, t.marker.symbol) for t in figure.data}
    assert len(looks) == 4 and {t.line.color for t in figure.data} == {"#000000"}


def test_the_project_start_is_a_line_between_two_school_years():
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3))], LABELS)
    (line,) = figure.layout.shapes
    assert line.x0 == line.x1 == 2014.5
    assert figure.layout.annotations[0].text == "Project starts"


def test_school_years_label_the_axis():
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3))], LABELS)
    assert list(figure.layout.xaxis.ticktext) == ["2014–2015", "2015–2016", "2016–2017"]


def test_colours_are_colour_blind_safe_and_series_differ_by_marker_and_dash_too():
    figure = rate_trend_figure(
        [Series("Coverage", rates(0.1, 0.2, 0.3)), Series("Ready", rates(0.2, 0.3, 0.4))], LABELS
    )
    colours = {trace.line.color for trace in figure.data}
    assert colours <= set(PALETTE.values()) and len(colours) == 2
    assert figure.data[0].marker.symbol != figure.data[1].marker.symbol
    assert figure.data[0].line.dash != figure.data[1].line.dash


def test_type_is_large_enough_for_a_projector():
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3))], LABELS)
    assert figure.layout.font.size >= 18
    assert figure.data[0].line.width >= 3


def test_hover_text_carries_the_counts():
    hover = ["2014–2015: 10% (6 of 60)", "2015–2016: 20% (12 of 60)", "2016–2017: 30% (18 of 60)"]
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3), hover)], LABELS)
    assert list(figure.data[0].hovertext) == hover


def test_locale_separators_are_passed_to_plotly():
    labels = TrendLabels(**{**LABELS.__dict__, "separators": ",\u00a0"})
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3))], labels)
    assert figure.layout.separators == ",\u00a0"


def test_a_year_from_fewer_villages_is_a_hollow_marker_not_joined_to_its_neighbours():
    hover = ["2014: 10%", "2015: 20%, based on 3 of 8 villages", "2016: 30%"]
    partial = pd.Series([False, True, False], index=[2014, 2015, 2016])
    figure = rate_trend_figure(
        [Series("Coverage", rates(0.1, 0.2, 0.3), hover, partial=partial)], LABELS
    )
    line, alone = figure.data
    assert math.isnan(line.y[1]) and line.connectgaps is False  # the line breaks there
    assert (list(alone.x), list(alone.y), alone.mode) == ([2015], [0.2], "markers")
    assert alone.marker.symbol.endswith("-open") and alone.marker.color == line.line.color
    assert list(alone.hovertext) == ["2015: 20%, based on 3 of 8 villages"]
    assert alone.legendgroup == line.legendgroup and alone.showlegend is False


def test_a_series_reported_fully_every_year_is_one_line():
    partial = pd.Series(False, index=[2014, 2015, 2016])
    figure = rate_trend_figure([Series("Coverage", rates(0.1, 0.2, 0.3), partial=partial)], LABELS)
    assert len(figure.data) == 1 and list(figure.data[0].y) == [0.1, 0.2, 0.3]


def test_a_missing_year_is_neither_joined_nor_drawn_hollow():
    partial = pd.Series([False, True, False], index=[2014, 2015, 2016])
    figure = rate_trend_figure(
        [Series("Coverage", rates(0.1, pd.NA, 0.3), partial=partial)], LABELS
    )
    assert len(figure.data) == 1 and math.isnan(figure.data[0].y[1])


def test_bars_from_fewer_villages_are_hollow():
    groups = [Bars("2024–2025", [10.0, 30.0], ["10", "30"], partial=[False, True])]
    figure = bars_figure(
        groups, BarsLabels("Children", "Children", ["A", "B"], "no data"), rate=False
    )
    assert list(figure.data[0].marker.color) == [PALETTE["sky"], "#FFFFFF"]
    assert figure.data[0].marker.line.color == PALETTE["sky"]
