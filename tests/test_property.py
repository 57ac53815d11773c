"""A property: any valid canonical frame, written out in each layout, reads back equal."""

from __future__ import annotations

import io
from unittest.mock import patch

import pandas as pd
from fixtures import layouts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from readiness import ingest, load_workbook
from readiness.model import schema as s
from readiness.model.places import registry

VILLAGES = sorted(registry().villages)
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def counts(draw) -> dict[str, object]:
    """One row's counts: consistent, and sometimes missing (children are always given)."""
    children = draw(st.integers(0, 900))
    maybe = st.booleans()
    enrolled = draw(st.integers(0, children)) if draw(maybe) else None
    entrants = draw(st.integers(0, 300))
    ready = draw(st.integers(0, entrants)) if draw(maybe) else None
    return {s.CHILDREN: children, s.ENROLLED: enrolled, s.ENTRANTS: entrants, s.READY: ready}


@st.composite
def frames(draw, with_sexes: bool) -> pd.DataFrame:
    villages = draw(st.lists(st.sampled_from(VILLAGES), min_size=1, max_size=3, unique=True))
    first = draw(st.integers(2005, 2022))
    years = range(first, first + draw(st.integers(1, 3)))
    rows = []
    for village in sorted(villages):
        for year in years:
            keys = {
                s.MUNICIPALITY: registry().villages[village].parent,
                s.VILLAGE: village,
                s.YEAR: year,
            }
            if not with_sexes:
                rows.append({**keys, s.SEX: s.TOTAL, **draw(counts())})
                continue
            girls, boys = draw(counts()), draw(counts())
            total = {
                c: None if girls[c] is None or boys[c] is None else girls[c] + boys[c]
                for c in s.COUNTS
            }
            for sex, values in ((s.TOTAL, total), (s.GIRLS, girls), (s.BOYS, boys)):
                rows.append({**keys, s.SEX: sex, **values})
    return pd.DataFrame(rows)[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)


def reads_back(data: bytes, frame: pd.DataFrame) -> None:
    result = load_workbook(data)
    assert result.ok, [p.message("en") for p in result.errors]
    assert {p.code for p in result.warnings} <= {"outlier"}
    pd.testing.assert_frame_equal(result.observations, frame)


@SETTINGS
@given(frames(with_sexes=True), st.sampled_from(layouts.LANGS))
def test_long_and_two_header_rows_read_back(frame, lang):
    reads_back(layouts.long(frame, lang), frame)
    reads_back(layouts.sex_columns(frame, lang), frame)


@SETTINGS
@given(frames(with_sexes=False), st.sampled_from(layouts.LANGS))
def test_wide_and_sheet_per_year_and_per_village_read_back(frame, lang):
    reads_back(layouts.wide(frame, lang), frame)
    reads_back(layouts.sheet_per_year(frame, lang), frame)
    reads_back(layouts.sheet_per_village(frame, lang), frame)


CELLS = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "Катран",
            "Айыл",
            "Окуу жылы",
            "2015-2016",
            "кыздар",
            "Итого",
            "н/д",
            "%",
            "3-6 жаштагы балдар",
            "Даярдыгы жок",
            "1 024",
            "",
            " ",
            "=1+1",
            "<b>",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
)


@SETTINGS
@given(st.lists(st.lists(CELLS, min_size=1, max_size=7), min_size=0, max_size=12))
def test_any_grid_of_cells_gives_a_result_and_never_an_exception(grid):
    book = Workbook()
    for row in grid:
        book.active.append([v if not isinstance(v, float) or v == v else None for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    for data in (buffer.getvalue(), layouts.to_csv(grid)):
        with patch.object(ingest.log, "exception", side_effect=AssertionError("a loader bug")):
            result = load_workbook(data)
        assert result.ok or result.problems
        assert list(result.observations.columns) == list(s.OBSERVATION_COLUMNS)
