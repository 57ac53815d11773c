"""The Overview as data: its numbers equal those in the demo workbook, in every language."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import direct_counts

from readiness import schema as s
from readiness.i18n import Translator
from readiness.measures import ALL, Area
from readiness.places import registry
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
    assert metrics["children"].value == t.number(counts["children"])
    assert metrics[s.COVERAGE].share == f"{counts['enrolled']} of {counts['children']}"
    assert metrics[s.COVERAGE].value == t.percent(counts["enrolled"] / counts["children"])
    assert metrics[s.READINESS].share == f"{counts['ready']} of {counts['entrants']}"
    not_ready = counts["entrants"] - counts["ready"]
    assert metrics[s.NOT_READY].value == str(not_ready)


def test_changes_are_against_the_previous_school_year(demo):
    now, before = direct_counts("Катран", 2025), direct_counts("Катран", 2024)
    metrics = by_key(view(demo, Area(s.VILLAGE, "Katran"), 2025))
    assert metrics["children"].delta == Translator("en").signed(
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
    assert "Katran aiyl aimak" in figure.layout.title.text


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
        ("ru", "Катранский айылный аймак", "Готовы к школе"),
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
