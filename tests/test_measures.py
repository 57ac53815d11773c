"""Measures for an area: rates from matched counts, gaps kept, headline figures with last year's."""

from __future__ import annotations

import pandas as pd
import pytest

from readiness.analysis.measures import (
    ALL,
    Area,
    area_villages,
    areas,
    headline_figures,
    partial_years,
    project_start_years,
    usual_reporting,
    yearly,
)
from readiness.model import schema as s


def observations(*rows: tuple) -> pd.DataFrame:
    """Total rows from (village, year, children, enrolled, entrants, ready)."""
    data = pd.DataFrame(rows, columns=[s.VILLAGE, s.YEAR, *s.COUNTS])
    data.insert(0, s.MUNICIPALITY, "M")
    data.insert(3, s.SEX, s.TOTAL)
    return data.astype(s.OBSERVATION_DTYPES)


VILLAGES = pd.DataFrame(
    {
        s.VILLAGE: ["A", "B", "C"],
        s.MUNICIPALITY: ["M", "M", "N"],
        s.IN_PROJECT: [True, False, True],
        s.PROJECT_START: [2014, None, 2016],
    }
).astype({s.IN_PROJECT: "boolean", s.PROJECT_START: "Int64"})


def test_a_rate_uses_only_villages_that_reported_both_of_its_counts():
    obs = observations(("A", 2015, 100, 30, 20, 10), ("B", 2015, 50, None, 10, 5))
    row = yearly(obs, ["A", "B"]).loc[2015]
    assert (row[s.CHILDREN], row[s.ENROLLED], row[s.COVERAGE]) == (100, 30, 0.3)
    assert row["enrolled_3_6_villages"] == 1
    assert (row[s.ENTRANTS], row[s.READY], row[s.READINESS]) == (30, 15, 0.5)
    assert row[s.NOT_READY] == 15


def test_a_year_nobody_reported_is_a_gap_not_a_zero():
    obs = observations(("A", 2014, 100, 30, 20, 10), ("A", 2016, 100, 40, 20, 12))
    table = yearly(obs, ["A"])
    assert list(table.index) == [2014, 2015, 2016]
    assert table.loc[2015, [s.CHILDREN, s.COVERAGE, s.NOT_READY]].isna().all()


def test_no_children_gives_no_rate_rather_than_a_division_by_zero():
    table = yearly(observations(("A", 2015, 0, 0, 0, 0)), ["A"])
    assert pd.isna(table.at[2015, s.COVERAGE]) and pd.isna(table.at[2015, s.READINESS])


def test_girls_and_boys_can_be_measured_apart():
    obs = pd.concat(
        [
            observations(("A", 2015, 10, 4, 4, 2)),
            observations(("A", 2015, 6, 2, 2, 1)).assign(sex=s.GIRLS),
        ]
    )
    assert yearly(obs, ["A"], sex=s.GIRLS).at[2015, s.ENROLLED] == 2


def test_headline_figures_compare_with_the_previous_year():
    obs = observations(("A", 2014, 100, 20, 40, 10), ("A", 2015, 110, 33, 44, 22))
    figures = headline_figures(obs, ["A"], 2015)
    coverage = figures[s.COVERAGE]
    assert (coverage.count, coverage.base, coverage.rate) == (33, 110, 0.3)
    assert coverage.rate_change == pytest.approx(0.1)
    assert figures[s.CHILDREN].count_change == 10
    assert figures[s.NOT_READY].count == 22 and figures[s.NOT_READY].count_change == -8
    assert coverage.complete


def test_the_first_year_has_no_change_and_an_absent_village_makes_it_incomplete():
    obs = observations(("A", 2015, 100, 20, 40, 10))
    figures = headline_figures(obs, ["A", "B"], 2015)
    assert pd.isna(figures[s.COVERAGE].rate_change)
    assert figures[s.COVERAGE].reporting == 1 and not figures[s.COVERAGE].complete


def test_areas_list_all_then_each_municipality_with_its_villages():
    assert areas(VILLAGES) == [
        Area(ALL),
        Area(s.MUNICIPALITY, "M"),
        Area(s.VILLAGE, "A"),
        Area(s.VILLAGE, "B"),
        Area(s.MUNICIPALITY, "N"),
        Area(s.VILLAGE, "C"),
    ]
    assert area_villages(VILLAGES, Area(s.MUNICIPALITY, "M")) == ["A", "B"]
    assert area_villages(VILLAGES, Area(ALL)) == ["A", "B", "C"]


def test_project_start_years_come_from_the_project_villages_of_the_area():
    assert project_start_years(VILLAGES, Area(ALL)) == [2014, 2016]
    assert project_start_years(VILLAGES, Area(s.VILLAGE, "B")) == []


def test_a_change_compares_only_the_villages_that_reported_both_years():
    obs = observations(
        ("A", 2014, 100, 20, 40, 10),
        ("B", 2014, 900, 90, 60, 30),
        ("C", 2014, 50, 5, 10, 5),
        ("A", 2015, 110, 33, 44, 22),  # B and C did not report 2015
    )
    figures = headline_figures(obs, ["A", "B", "C"], 2015)
    children = figures[s.CHILDREN]
    assert children.count == 110 and children.reporting == 1
    assert children.count_change == 10  # A's 110 against A's 100, not against 1,050
    assert children.compared.villages == 1
    assert figures[s.COVERAGE].rate_change == pytest.approx(0.3 - 0.2)
    assert figures[s.NOT_READY].count_change == 22 - 30


def test_with_no_village_reporting_both_years_there_is_no_change():
    obs = observations(("A", 2014, 100, 20, 40, 10), ("B", 2015, 110, 33, 44, 22))
    figures = headline_figures(obs, ["A", "B"], 2015)
    assert figures[s.CHILDREN].count == 110 and figures[s.CHILDREN].compared.villages == 0
    assert pd.isna(figures[s.CHILDREN].count_change) and pd.isna(figures[s.READINESS].rate_change)


def test_a_village_that_reported_only_one_count_is_left_out_of_that_figures_change():
    obs = observations(
        ("A", 2014, 100, 20, 40, 10),
        ("B", 2014, 100, 50, 40, 20),
        ("A", 2015, 100, 30, 40, 12),
        ("B", 2015, 100, None, 40, 30),
    )
    figures = headline_figures(obs, ["A", "B"], 2015)
    assert figures[s.COVERAGE].compared.villages == 1  # B gave no enrolment in 2015
    assert figures[s.COVERAGE].rate_change == pytest.approx(0.1)
    assert figures[s.READINESS].compared.villages == 2
    assert figures[s.READINESS].rate_change == pytest.approx(42 / 80 - 30 / 80)


def test_a_year_from_fewer_villages_than_usual_is_marked_partial():
    obs = observations(
        ("A", 2014, 100, 20, 40, 10),
        ("B", 2014, 100, 30, 40, 20),
        ("A", 2015, 100, 30, None, None),
        ("A", 2016, 100, 40, 40, 12),
        ("B", 2016, 100, 30, 40, 20),
    )
    table = yearly(obs, ["A", "B"])
    assert list(table["coverage_partial"]) == [False, True, False]
    assert list(table["readiness_partial"]) == [False, False, False]  # 2015: nobody, a gap
    assert pd.isna(table.at[2015, s.READINESS])
    assert list(partial_years(table, s.CHILDREN)) == [False, True, False]
    assert usual_reporting(table, s.NOT_READY) == 2


def test_a_single_village_is_never_partial():
    table = yearly(observations(("A", 2014, 100, 20, 40, 10), ("A", 2016, 90, 20, 40, 10)), ["A"])
    assert not table["coverage_partial"].any() and usual_reporting(table, s.COVERAGE) == 1


def test_no_rows_give_an_empty_table_and_no_usual_number():
    table = yearly(observations(("A", 2014, 100, 20, 40, 10)).iloc[:0], ["A"])
    assert table.empty and usual_reporting(table, s.READINESS) == 0


def test_a_count_shown_alone_counts_every_village_that_reported_it():
    """Kara-Suu reported 158 entrants but left ready empty: the entrants shown are all 573, from
    five villages, while readiness is still out of the villages that gave both."""
    obs = observations(("A", 2026, 100, 30, 415, 300), ("B", 2026, 50, None, 158, None))
    row = yearly(obs, ["A", "B"]).loc[2026]
    assert (row["grade1_entrants_reported"], row["grade1_entrants_reported_villages"]) == (573, 2)
    assert (row["children_3_6_reported"], row[s.CHILDREN]) == (150, 100)
    figures = headline_figures(obs, ["A", "B"], 2026)
    assert (figures[s.ENTRANTS].count, figures[s.ENTRANTS].reporting) == (573, 2)
    assert (figures[s.READINESS].count, figures[s.READINESS].base) == (300, 415)
    assert figures[s.READINESS].reporting == 1
