"""Every shape family, in Kyrgyz, Russian and English, reads back to the exact canonical frame."""

from __future__ import annotations

import pandas as pd
import pytest
from fixtures import layouts

from readiness import load_workbook
from readiness.files.demo import demo_observations
from readiness.model import schema as s


def canonical(villages=("Katran", "Ozgorush", "Churbek"), years=range(2013, 2017)):
    """Girls, boys and total rows of a few demo villages and years, in canonical order."""
    parts = demo_observations()
    parts = parts[parts[s.VILLAGE].isin(villages) & parts[s.YEAR].isin(years)]
    totals = parts.groupby([s.MUNICIPALITY, s.VILLAGE, s.YEAR], as_index=False)[list(s.COUNTS)]
    totals = totals.sum(min_count=1).assign(**{s.SEX: s.TOTAL})
    frame = pd.concat([parts, totals[list(s.OBSERVATION_COLUMNS)]], ignore_index=True)
    order = frame[s.SEX].map({sex: i for i, sex in enumerate(s.SEXES)})
    frame = frame.assign(_o=order).sort_values([s.VILLAGE, s.YEAR, "_o"]).drop(columns="_o")
    return frame.reset_index(drop=True).astype(s.OBSERVATION_DTYPES)


def totals_only(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame[s.SEX] == s.TOTAL].reset_index(drop=True)


def read(data: bytes):
    result = load_workbook(data)
    assert result.problems == [], [p.message("en") for p in result.problems]
    return result


def assert_reads_back(data: bytes, expected: pd.DataFrame, ignore_municipality=False):
    got = read(data).observations
    if ignore_municipality:
        got = got.drop(columns=s.MUNICIPALITY)
        expected = expected.drop(columns=s.MUNICIPALITY)
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))


LANGS = pytest.mark.parametrize("lang", layouts.LANGS)


@LANGS
def test_long_with_girls_boys_and_total(lang):
    frame = canonical()
    assert_reads_back(layouts.long(frame, lang), frame)


@LANGS
def test_long_with_girls_and_boys_only_adds_the_total(lang):
    frame = canonical()
    parts = frame[frame[s.SEX] != s.TOTAL]
    assert_reads_back(layouts.long(parts, lang), frame)


@LANGS
def test_long_with_totals_only(lang):
    frame = totals_only(canonical())
    assert_reads_back(layouts.long(frame, lang), frame)


@LANGS
def test_not_ready_counts_become_ready_counts(lang):
    frame = totals_only(canonical())
    assert_reads_back(layouts.long(frame, lang, not_ready=True), frame)


@LANGS
def test_a_percentage_column_beside_the_counts_is_checked_and_left_out(lang):
    frame = totals_only(canonical())
    assert_reads_back(layouts.long(frame, lang, percent=True), frame)


@LANGS
def test_wide_blocks_of_columns_under_merged_school_years(lang):
    frame = totals_only(canonical())
    assert_reads_back(layouts.wide(frame, lang), frame)


@LANGS
@pytest.mark.parametrize("with_total", [True, False])
def test_two_header_rows_indicator_over_girls_and_boys(lang, with_total):
    frame = canonical()
    assert_reads_back(layouts.sex_columns(frame, lang, with_total=with_total), frame)


@LANGS
def test_one_sheet_per_school_year(lang):
    frame = totals_only(canonical())
    assert_reads_back(layouts.sheet_per_year(frame, lang), frame)


@LANGS
def test_one_sheet_per_village(lang):
    frame = totals_only(canonical())
    assert_reads_back(layouts.sheet_per_village(frame, lang), frame)
