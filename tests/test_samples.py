"""The example spreadsheets in ../shared/samples load to the totals in their expected.json."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES

from readiness import load_workbook
from readiness.model import schema as s

EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def sample(request):
    return request.param, load_workbook(SAMPLES / request.param), EXPECTED[request.param]


def test_a_sample_loads_without_errors(sample):
    _, result, _ = sample
    assert result.ok, [p.message("en") for p in result.problems]


def test_a_sample_has_its_villages_years_and_rows(sample):
    _, result, expected = sample
    obs = result.observations
    assert sorted(obs[s.VILLAGE].unique()) == expected["villages"]
    assert sorted(obs[s.YEAR].unique()) == expected["years"]
    assert sorted(obs[s.SEX].unique()) == expected["sexes"]
    assert len(obs) == expected["rows"]


@pytest.mark.parametrize("by", [s.YEAR, s.VILLAGE])
def test_a_sample_sums_to_its_expected_totals(sample, by):
    _, result, expected = sample
    sums = result.observations.groupby(by)[list(s.COUNTS)].sum()
    wanted = expected[f"totals_by_{by}"]
    got = {str(key): {c: int(row[c]) for c in s.COUNTS} for key, row in sums.iterrows()}
    assert got == wanted


def test_the_mapping_shows_which_column_became_what(sample):
    name, result, _ = sample
    fields = set(result.mapping["field"].dropna())
    assert {s.VILLAGE, s.CHILDREN, s.ENROLLED, s.ENTRANTS} <= fields
    not_ready = "grade1_not_ready" in fields
    assert not_ready == (name == "example_ky_long.xlsx")
