"""The Overview as data: its numbers equal those in the demo workbook, in every language."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import direct_counts

from readiness.analysis.measures import ALL, Area
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.places import registry
from readiness.views.overview import area_name, default_area, overview_view


def view(demo, area: Area, year: int, lang: str = "en"):
    return overview_view(demo.observations, demo.villages, area, year, Translator(lang), registry())


def by_key(overview) -> dict:
    return {m.key: m for m in overview.metrics}


def test_the_overview_opens_on_katran_aiyl_aimak(demo):
    assert default_area(demo.villages) == Area(s.MUNICIPALITY, "Katran")


def test_a_villages_figures_equal_the_workbook(demo):
    counts = direct_counts("Өзгөрүш", 2025)
    metrics = by_key(view(demo, Area(s.VILLAGE, "Ozgorush"), 2025))
    t = Translator("en")
    assert metrics[s.CHILDREN].value == t.number(counts["children"])
    assert metrics[s.COVERAGE].share == f"{counts['enrolled']} of {counts['children']}"
    assert metrics[s.COVERAGE].value == t.percent(counts["enrolled"] / counts["children"])
    assert metrics[s.READINESS].share == f"{counts['ready']} of {counts['entrants']}"
    not_ready = counts["entrants"] - counts["ready"]
    assert metrics[s.NOT_READY].value == str(not_ready)


def test_changes_are_against_the_previous_school_year(demo):
    now, before = direct_counts("Катран", 2025), direct_counts("Катран", 2024)
    metrics = by_key(view(demo, Area(s.VILLAGE, "Katran"), 2025))
    assert metrics[s.CHILDREN].delta == Translator("en").signed(
        now["children"] - before["children"]
    )
    change = now["ready"] / now["entrants"] - before["ready"] / before["entrants"]
    assert metrics[s.READINESS].delta == Translator("en").points(change)


def test_fewer_children_not_ready_is_good_news(demo):
    metrics = by_key(view(demo, Area(s.MUNICIPALITY, "Katran"), 2016))
    not_ready = metrics[s.NOT_READY]
    assert not_ready.arrow == "down" and not_ready.colour == "green"


def test_a_village_that_did_not_report_is_named_as_missing(demo):
    metrics = by_key(view(demo, Area(s.MUNICIPALITY, "Margun"), 2016))
    assert metrics[s.COVERAGE].note == "Based on 1 of 2 villages; the others did not report it."
    alone = by_key(view(demo, Area(s.VILLAGE, "Dargaz"), 2016))
    assert alone[s.COVERAGE].value == "—" and alone[s.COVERAGE].share is None
    assert alone[s.COVERAGE].note == "No data for this school year."


def test_the_chart_marks_the_project_start_and_carries_every_year(demo):
    figure = view(demo, Area(s.MUNICIPALITY, "Katran"), 2025).figure
    assert [shape.x0 for shape in figure.layout.shapes] == [2013.5]
    assert list(figure.data[0].x) == list(range(2011, 2026))
    assert "Katran aiyl aimak" in figure.layout.title.text.replace("<br>", " ")


def test_the_chart_of_all_villages_has_rates_matching_the_totals(demo):
    figure = view(demo, Area(ALL), 2025).figure
    obs = demo.observations[
        (demo.observations[s.SEX] == s.TOTAL) & (demo.observations[s.YEAR] == 2011)
    ]
    assert figure.data[0].y[0] == pytest.approx(obs[s.ENROLLED].sum() / obs[s.CHILDREN].sum())


def test_a_gap_in_readiness_shows_in_the_chart_of_that_village(demo):
    figure = view(demo, Area(s.VILLAGE, "Ak-Terek"), 2025).figure
    readiness = pd.Series(figure.data[1].y, index=figure.data[1].x)
    assert pd.isna(readiness[2020]) and not pd.isna(readiness[2019])
    assert "no data" in figure.data[1].hovertext[2020 - 2011]


@pytest.mark.parametrize(
    ("lang", "title", "label"),
    [
        ("ky", "Катран айыл аймагы", "Мектепке даяр"),
        ("ru", "Катранский айыльный аймак", "Готовы к школе"),
        ("en", "Katran aiyl aimak", "Ready for school"),
    ],
)
def test_everything_is_in_the_chosen_language(demo, lang, title, label):
    overview = view(demo, Area(s.MUNICIPALITY, "Katran"), 2025, lang)
    assert overview.area_name == title
    assert by_key(overview)[s.READINESS].label == label


def test_a_village_can_be_named_with_its_municipality():
    t = Translator("ky")
    name = area_name(Area(s.VILLAGE, "Ozgorush"), t, registry(), with_parent=True)
    assert name == "Катран айыл аймагы › Өзгөрүш"


def test_a_change_too_small_to_show_has_no_arrow(demo):
    metrics = by_key(view(demo, Area(s.VILLAGE, "Ozgorush"), 2025))
    coverage = metrics[s.COVERAGE]
    assert coverage.delta == "0 p.p."
    assert (coverage.arrow, coverage.colour) == ("off", "gray")


KATRAN_AA = ["Jangy-Turmush", "Katran", "Ozgorush"]


@pytest.fixture
def three_of_eight(demo):
    """The demo after an upload in which only Katran aiyl aimak's 3 villages (of 8) reported
    2025-2026: the finding of issue 11."""
    obs = demo.observations
    late = (obs[s.YEAR] == 2025) & ~obs[s.VILLAGE].isin(KATRAN_AA)
    return demo.observations[~late], demo.villages


def totals(obs: pd.DataFrame, year: int) -> pd.Series:
    rows = obs[(obs[s.YEAR] == year) & (obs[s.SEX] == s.TOTAL) & obs[s.VILLAGE].isin(KATRAN_AA)]
    return rows[list(s.COUNTS)].sum()


def test_partial_reporting_is_not_shown_as_change(three_of_eight):
    obs, villages = three_of_eight
    metrics = by_key(overview_view(obs, villages, Area(ALL), 2025, Translator("en"), registry()))
    now, before = totals(obs, 2025), totals(obs, 2024)
    t = Translator("en")
    children = metrics[s.CHILDREN]
    assert children.value == t.number(now[s.CHILDREN])
    assert children.note == "Based on 3 of 8 villages; the others did not report it."
    assert children.delta == t.signed(now[s.CHILDREN] - before[s.CHILDREN])  # not −1,770
    assert children.delta_note == "Change based on the 3 villages that reported both years."
    readiness = now[s.READY] / now[s.ENTRANTS] - before[s.READY] / before[s.ENTRANTS]
    assert metrics[s.READINESS].delta == t.points(readiness)
    not_ready = (now[s.ENTRANTS] - now[s.READY]) - (before[s.ENTRANTS] - before[s.READY])
    assert metrics[s.NOT_READY].delta == t.signed(not_ready)


def test_when_every_village_reported_both_years_nothing_more_is_said(demo):
    metrics = by_key(view(demo, Area(ALL), 2025))
    assert all(m.delta and m.delta_note is None and m.note is None for m in metrics.values())


def test_with_no_village_reporting_both_years_no_change_is_shown(three_of_eight):
    obs, villages = three_of_eight
    t = Translator("ru")
    overview = overview_view(obs, villages, Area(s.MUNICIPALITY, "Leilek"), 2025, t, registry())
    for metric in overview.metrics:
        assert (metric.delta, metric.arrow, metric.delta_note) == (None, "off", None)
        assert metric.note == "Нет данных за этот учебный год."


def test_the_trend_draws_a_year_from_fewer_villages_apart(three_of_eight):
    obs, villages = three_of_eight
    figure = overview_view(obs, villages, Area(ALL), 2025, Translator("en"), registry()).figure
    coverage, alone = figure.data[0], figure.data[1]
    assert pd.isna(coverage.y[-1]) and not pd.isna(coverage.y[-2])
    assert list(alone.x) == [2016, 2025] and alone.marker.symbol.endswith("-open")
    assert alone.hovertext[0].endswith(", based on 7 of 8 villages")  # Dargaz's gap in 2016
    assert alone.hovertext[1].endswith(", based on 3 of 8 villages")
    assert "hollow marker" in figure.layout.annotations[-1].text


def test_the_change_note_takes_russian_plural_forms(three_of_eight):
    obs, villages = three_of_eight
    metrics = by_key(overview_view(obs, villages, Area(ALL), 2025, Translator("ru"), registry()))
    assert metrics[s.CHILDREN].delta_note == (
        "Изменение — по данным 3 сёл, сообщивших данные за оба года."
    )
