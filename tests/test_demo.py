"""The demo data: made by a seeded script, reproduced exactly, and true to DOMAIN.md's facts."""

from __future__ import annotations

import pandas as pd
import pytest
import python_calamine

from readiness import load_workbook
from readiness.analysis.measures import yearly
from readiness.files.demo import DEMO_VILLAGES, demo_observations, write_demo_workbook
from readiness.model import schema as s
from readiness.paths import DEMO_WORKBOOK

KATRAN = ["Katran", "Jangy-Turmush", "Ozgorush"]


def cells(path) -> dict[str, list[list[object]]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_the_script_makes_the_bundled_workbook_again_cell_for_cell(tmp_path):
    again = tmp_path / "demo.xlsx"
    write_demo_workbook(again)
    assert cells(again) == cells(DEMO_WORKBOOK)


def test_the_generator_is_seeded():
    pd.testing.assert_frame_equal(demo_observations(), demo_observations())
    assert not demo_observations(seed=1).equals(demo_observations())


def by_keys(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(s.KEYS), ignore_index=True)


def test_the_loader_reads_the_workbook_back_to_the_generated_rows(demo):
    assert demo.ok, [p.message("en") for p in demo.problems]
    parts = demo.observations[demo.observations[s.SEX] != s.TOTAL]
    pd.testing.assert_frame_equal(by_keys(parts), by_keys(demo_observations()))


def test_the_loader_adds_each_total_as_girls_plus_boys(demo):
    obs = demo.observations.set_index([s.VILLAGE, s.YEAR, s.SEX])
    total, girls, boys = (obs.loc[("Katran", 2015, sex), s.CHILDREN] for sex in s.SEXES)
    assert total == girls + boys


def test_the_demo_frames_satisfy_the_canonical_schemas(demo):
    s.observations_schema().validate(demo.observations)
    s.villages_schema().validate(demo.villages)


def test_it_covers_the_katran_villages_and_five_comparison_villages(demo):
    villages = demo.villages.set_index(s.VILLAGE)
    assert set(KATRAN) <= set(villages.index)
    assert villages.loc[KATRAN, s.MUNICIPALITY].eq("Katran").all()
    comparison = villages[~villages[s.IN_PROJECT]]
    assert 4 <= len(comparison) <= 6
    assert comparison[s.DISTRICT].eq("Leilek").all()
    assert not comparison[s.MUNICIPALITY].eq("Katran").any()


def test_it_covers_school_years_2011_to_2025_for_girls_boys_and_total(demo):
    obs = demo.observations
    assert sorted(obs[s.YEAR].unique()) == list(range(2011, 2026))
    assert set(obs[s.SEX]) == set(s.SEXES)
    assert len(obs) == len(DEMO_VILLAGES) * 15 * 3


def test_the_project_villages_start_in_2014_2015(demo):
    project = demo.villages[demo.villages[s.IN_PROJECT]]
    assert sorted(project[s.VILLAGE]) == sorted(KATRAN)
    assert project[s.PROJECT_START].eq(2014).all()


def test_katran_has_more_than_a_thousand_children_aged_3_to_6_every_year(demo):
    table = yearly(demo.observations, KATRAN)
    assert (table[s.CHILDREN] > 1000).all()


def test_at_least_200_children_a_year_arrived_not_ready_before_the_project(demo):
    table = yearly(demo.observations, KATRAN)
    assert (table.loc[2011:2013, s.NOT_READY] >= 200).all()


def test_one_kindergarten_of_130_places_before_the_project(demo):
    table = yearly(demo.observations, KATRAN)
    assert table.loc[2011:2013, s.ENROLLED].between(110, 150).all()


def test_the_project_villages_improve_and_the_comparison_villages_only_slowly(demo):
    others = sorted(set(demo.villages[s.VILLAGE]) - set(KATRAN))
    project, comparison = yearly(demo.observations, KATRAN), yearly(demo.observations, others)
    assert project.at[2025, s.READINESS] - project.at[2013, s.READINESS] > 0.25
    change = comparison.at[2025, s.READINESS] - comparison.at[2011, s.READINESS]
    assert 0 < change < 0.10
    assert comparison.at[2025, s.COVERAGE] < project.at[2025, s.COVERAGE]


def test_a_gap_in_the_series_stays_missing_and_is_not_zero(demo):
    obs = demo.observations.set_index([s.VILLAGE, s.YEAR, s.SEX])
    assert pd.isna(obs.at[("Ak-Terek", 2020, s.TOTAL), s.READY])
    assert pd.isna(obs.at[("Dargaz", 2016, s.GIRLS), s.ENROLLED])
    assert obs.at[("Ak-Terek", 2020, s.TOTAL), s.ENTRANTS] > 0


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_demo_can_be_written_in_other_languages_and_reads_back_the_same(tmp_path, demo, lang):
    path = tmp_path / f"demo_{lang}.xlsx"
    write_demo_workbook(path, lang=lang)
    again = load_workbook(path)
    assert again.ok
    pd.testing.assert_frame_equal(again.observations, demo.observations)
    pd.testing.assert_frame_equal(again.villages, demo.villages)
