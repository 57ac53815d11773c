"""The Years page: trends per village with gaps, municipality totals, bars from zero, panels."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from readiness.analysis.trends import trends
from readiness.charts.years import Bars, BarsLabels, bars_figure
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.places import registry
from readiness.views.years import BARS, PANELS, years_view


def test_a_villages_trend_keeps_a_missing_year_missing(demo):
    (line,) = trends(demo.observations, demo.villages, ["Ak-Terek"], s.READINESS)
    assert pd.isna(line.values[2020]) and pd.isna(line.counts[2020])
    assert line.values[2019] == line.counts[2019] / line.bases[2019]


def test_municipality_totals_cover_all_of_its_villages(demo):
    lines = trends(demo.observations, demo.villages, ["Katran"], s.CHILDREN, with_totals=True)
    village, total = lines
    assert total.total and total.key == "Katran"
    obs = demo.observations
    katran_aa = obs[(obs[s.MUNICIPALITY] == "Katran") & (obs[s.SEX] == s.TOTAL)]
    assert total.values[2015] == katran_aa.loc[katran_aa[s.YEAR] == 2015, s.CHILDREN].sum()
    assert village.values[2015] < total.values[2015]


def test_counts_are_drawn_from_zero_and_rates_from_zero_to_one(demo):
    t = Translator("en")
    counts = years_view(demo.observations, demo.villages, ["Katran"], s.NOT_READY, t, registry())
    assert counts.figure.layout.yaxis.rangemode == "tozero"
    rates = years_view(demo.observations, demo.villages, ["Katran"], s.COVERAGE, t, registry())
    assert tuple(rates.figure.layout.yaxis.range) == (0, 1)


def test_bars_start_at_zero_and_say_where_a_value_is_missing():
    groups = [
        Bars("2013–2014", [0.2, math.nan], ["20% (2 of 10)", ""]),
        Bars("2020–2021", [0.5, 0.4], ["50% (5 of 10)", "40% (4 of 10)"]),
    ]
    labels = BarsLabels("Readiness", "Share", ["A", "B"], missing="no data")
    figure = bars_figure(groups, labels, rate=True)
    assert tuple(figure.layout.yaxis.range) == (0, 1)
    assert list(figure.data[0].y) == [0.2, None]
    assert list(figure.data[0].text) == ["20% (2 of 10)", ""]
    assert [a.text for a in figure.layout.annotations] == ["no data"]


def test_bars_of_two_years_in_the_view(demo):
    view = years_view(
        demo.observations,
        demo.villages,
        ["Katran", "Ak-Terek"],
        s.READINESS,
        Translator("ru"),
        registry(),
        view=BARS,
        two_years=(2013, 2020),
    )
    first, second = view.figure.data
    assert list(first.x) == ["Катран", "Ак-Терек"]
    assert second.y[1] is None and "нет данных" in [a.text for a in view.figure.layout.annotations]
    assert first.text[0].startswith("25\u00a0%")


def test_one_panel_per_village_on_a_shared_axis(demo):
    keys = ["Katran", "Ozgorush", "Churbek", "Dargaz"]
    view = years_view(
        demo.observations,
        demo.villages,
        keys,
        s.COVERAGE,
        Translator("ky"),
        registry(),
        view=PANELS,
    )
    assert len(view.figure.data) == 4
    titles = [a.text for a in view.figure.layout.annotations]
    assert titles == ["Катран", "Өзгөрүш", "Чурбек", "Даргаз"]
    assert view.figure.layout.yaxis.range == view.figure.layout.yaxis4.range == (0, 1)


@pytest.mark.parametrize("measure", [s.ENROLLED, s.ENTRANTS, s.CHILDREN])
def test_every_count_measure_has_a_definition(demo, measure):
    view = years_view(
        demo.observations, demo.villages, ["Katran"], measure, Translator("en"), registry()
    )
    assert view.definition.split(":")[0] in ("Coverage", "School readiness")


def test_a_municipality_total_from_fewer_villages_is_drawn_apart(demo):
    obs = demo.observations
    obs = obs[~((obs[s.VILLAGE] == "Ozgorush") & (obs[s.YEAR] == 2025))]
    t = Translator("en")
    lines = years_view(
        obs, demo.villages, ["Katran"], s.CHILDREN, t, registry(), with_totals=True
    ).figure.data
    village, total, alone = lines
    assert village.name == "Katran" and len(lines) == 3  # one village is never partial
    assert pd.isna(total.y[-1]) and list(alone.x) == [2025]
    assert alone.hovertext[0].startswith("Katran aiyl aimak (total), 2025–2026: ")
    assert alone.hovertext[0].endswith(", based on 2 of 3 villages")
    bars = years_view(
        obs,
        demo.villages,
        ["Katran"],
        s.CHILDREN,
        t,
        registry(),
        view=BARS,
        with_totals=True,
        two_years=(2024, 2025),
    ).figure.data
    assert bars[0].marker.color[1] != "#FFFFFF" and bars[1].marker.color[1] == "#FFFFFF"
    assert bars[1].text[1].endswith("based on 2 of 3 villages")
