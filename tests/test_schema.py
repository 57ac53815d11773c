"""The canonical data model: structure, dtypes and the consistency rules of DOMAIN.md."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from readiness.model import schema as s


def frame(*rows: tuple) -> pd.DataFrame:
    """Observations from (village, year, sex, children, enrolled, entrants, ready) tuples."""
    columns = [s.VILLAGE, s.YEAR, s.SEX, *s.COUNTS]
    data = pd.DataFrame(rows, columns=columns)
    data.insert(0, s.MUNICIPALITY, "Katran")
    return data.astype(s.OBSERVATION_DTYPES)


GOOD = frame(
    ("Katran", 2015, "total", 240, 62, 60, 30),
    ("Katran", 2015, "girls", 118, 30, 29, 16),
    ("Katran", 2015, "boys", 122, 32, 31, 14),
    ("Ozgorush", 2015, "total", 100, None, 25, None),
)


def codes(data: pd.DataFrame) -> list[tuple[str, int]]:
    return sorted((rule.code, label) for rule, label in s.rule_violations(data))


def test_a_consistent_frame_passes_the_schema_and_breaks_no_rule():
    s.observations_schema().validate(GOOD)
    assert codes(GOOD) == []


def test_missing_counts_are_allowed_and_stay_missing():
    validated = s.observations_schema().validate(GOOD)
    assert validated[s.ENROLLED].isna().sum() == 1
    assert validated[s.ENROLLED].dtype == "Int64"


@pytest.mark.parametrize(
    ("row", "code"),
    [
        (("Katran", 2016, "total", 10, 1, -1, None), "negative_count"),
        (("Katran", 2016, "total", 10, 11, 0, 0), "enrolled_gt_children"),
        (("Katran", 2016, "total", 10, 1, 5, 6), "ready_gt_entrants"),
        (("Katran", 1999, "total", 10, 1, 5, 1), "year_out_of_range"),
        (("Katran", 2015, "total", 240, 62, 60, 30), "duplicate_row"),
    ],
)
def test_each_rule_names_the_row_that_breaks_it(row, code):
    data = pd.concat([GOOD, frame(row)], ignore_index=True)
    assert codes(data) == [(code, 4)]
    with pytest.raises(pa.errors.SchemaErrors, match=code):
        s.observations_schema().validate(data, lazy=True)


def test_girls_and_boys_must_add_up_to_the_total_where_all_three_are_given():
    data = GOOD.copy()
    data.loc[0, s.CHILDREN] = 241
    assert codes(data) == [("sex_sum_mismatch", 0)]


def test_a_missing_part_does_not_count_as_a_mismatch():
    data = GOOD.copy()
    data.loc[1, s.READY] = pd.NA
    assert codes(data) == []


def test_a_year_after_next_year_is_out_of_range():
    too_late = s.last_year() + 1
    data = frame(("Katran", too_late, "total", 1, 1, 1, 1))
    assert codes(data) == [("year_out_of_range", 0)]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.assign(sex="both"), "isin"),
        (lambda d: d.assign(extra=1), "extra"),
        (lambda d: d.astype({s.CHILDREN: "float64"}), "float64"),
        (lambda d: d.assign(village=""), "str_length"),
    ],
)
def test_the_schema_refuses_a_frame_of_the_wrong_shape(change, match):
    with pytest.raises(pa.errors.SchemaErrors, match=match):
        s.observations_schema().validate(change(GOOD), lazy=True)


def test_the_villages_schema_wants_a_start_year_for_each_project_village():
    villages = pd.DataFrame(
        {
            s.VILLAGE: ["Katran", "Churbek"],
            s.MUNICIPALITY: ["Katran", "Margun"],
            s.DISTRICT: ["Leilek", "Leilek"],
            s.IN_PROJECT: [True, False],
            s.PROJECT_START: [None, None],
            s.LATITUDE: [None, None],
            s.LONGITUDE: [None, None],
            s.SPELLINGS: [None, None],
        }
    ).astype(s.VILLAGE_DTYPES)
    with pytest.raises(pa.errors.SchemaErrors, match="project_without_start"):
        s.villages_schema().validate(villages, lazy=True)
    villages.loc[0, s.PROJECT_START] = 2014
    s.villages_schema().validate(villages)


def test_empty_frames_have_the_canonical_columns_and_dtypes():
    assert tuple(s.empty_observations().columns) == s.OBSERVATION_COLUMNS
    assert dict(s.empty_observations().dtypes.astype(str)) == s.OBSERVATION_DTYPES
    s.observations_schema().validate(s.empty_observations())
    s.villages_schema().validate(s.empty_villages())
