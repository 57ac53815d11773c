"""Issue 10's rule, judged on composed layouts: a file reads back exactly, or it is refused with a
problem that names its place (a sheet, a cell, a range); it never loads wrong numbers as ``ok``.

The layouts come from tests/fixtures/compose.py: a known truth, rearranged by operators
(transpose, stack, wide, subtotals, …) and written as real .xlsx, .csv, .ods or .xls bytes. These
are acceptance tests for the loader that reads structure: some fail against the loader of today.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from fixtures import compose, files, sheets
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from readiness import load_workbook
from readiness.model import schema as s
from readiness.model.places import registry

VILLAGES = sorted(registry().villages)
LANGS = pytest.mark.parametrize("lang", ["ky", "ru", "en"])


# --- reading back ---------------------------------------------------------------------------------
def load(book: sheets.Book):
    data, filename = files.write(book)
    return load_workbook(data, filename=filename)


def problems(result) -> str:
    """Every problem of a result, in English, one a line."""
    lines = [f"  {p.severity}: {p.message('en')}" for p in result.problems]
    return "\n".join(lines) or "  (none)"


def assert_same_numbers(result, book: sheets.Book) -> None:
    got, expected = s.canonical_order(result.observations), s.canonical_order(book.truth)
    try:
        pd.testing.assert_frame_equal(got, expected)
    except AssertionError as failure:
        raise AssertionError(
            f"read back with wrong numbers: {failure}\nread:\n{got.to_string()}\n"
            f"expected:\n{expected.to_string()}\nproblems:\n{problems(result)}"
        ) from None


def assert_reads_back_exactly(book: sheets.Book):
    result = load(book)
    if not result.ok:
        raise AssertionError(f"refused; the problems:\n{problems(result)}")
    assert_same_numbers(result, book)
    return result


def small_truth(villages=("Katran", "Jangy-Turmush", "Kara-Suu", "Leilek"), sexes=False):
    """Four villages of two municipalities, 2015-2016 and 2016-2017, plain consistent numbers
    and one missing count. Katran 2015-2016: 19 of 200 children attend preschool (9.5%)."""
    rows = []
    for i, village in enumerate(villages):
        for j, year in enumerate((2015, 2016)):
            girls = {
                s.CHILDREN: 100 + 7 * i + j,
                s.ENROLLED: 9 + i,
                s.ENTRANTS: 30 + i + j,
                s.READY: 20 + j,
            }
            boys = {
                s.CHILDREN: 100 - 3 * i + 2 * j,
                s.ENROLLED: 10 + 2 * i,
                s.ENTRANTS: 28 + j,
                s.READY: None if (i, j) == (1, 1) else 18 + i,
            }
            rows += compose.with_sexes({s.VILLAGE: village, s.YEAR: year}, girls, boys)
    frame = compose.observations(rows)
    return frame if sexes else frame[frame[s.SEX] == s.TOTAL].reset_index(drop=True)


# --- the instrument itself ------------------------------------------------------------------------
@LANGS
@pytest.mark.parametrize("sexes", [False, True])
def test_the_long_table_every_composition_starts_from_reads_back_exactly(lang, sexes):
    assert_reads_back_exactly(compose.compose(small_truth(sexes=sexes), [], lang))


# --- the examples the issue reports ---------------------------------------------------------------
def test_a_semicolon_separated_cp1251_csv_with_a_percentage_in_decimal_commas():
    steps = [("percent_column", {}), ("as_csv", {"variant": "semicolon_cp1251"})]
    book = compose.compose(small_truth(), steps, "ru")
    text = files.write(book)[0].decode("cp1251")
    assert ";Охват, %" in text and ";9,5" in text  # Katran 2015-2016: 19 of 200
    assert_reads_back_exactly(book)


@LANGS
def test_one_sheet_with_two_tables_one_below_the_other_each_with_caption_and_header(lang):
    book = compose.compose(small_truth(), [("stack", {}), ("title_and_notes", {})], lang)
    assert len(book.sheets) == 1 and len(book.sheets[0].bands) == 2
    assert_reads_back_exactly(book)


@LANGS
def test_villages_across_the_columns_indicators_and_school_years_down_the_rows(lang):
    assert_reads_back_exactly(compose.compose(small_truth(), [("transpose", {})], lang))


@LANGS
def test_each_indicator_as_total_and_of_which_girls_gives_boys_as_total_minus_girls(lang):
    book = compose.compose(small_truth(sexes=True), [("of_which", {})], lang)
    katran = book.truth.set_index([s.VILLAGE, s.YEAR, s.SEX]).loc[("Katran", 2015)]
    assert katran.at[s.BOYS, s.CHILDREN] == 200 - 100  # never written: total − girls
    assert_reads_back_exactly(book)


@LANGS
@pytest.mark.parametrize("label", ["name", "phrase", "bare"])
def test_subtotals_after_each_municipality_neither_double_the_total_nor_become_villages(
    lang, label
):
    steps = [("subtotal_per_group", {"label": label}), ("grand_total", {})]
    result = assert_reads_back_exactly(compose.compose(small_truth(), steps, lang))
    assert sorted(result.villages[s.VILLAGE]) == ["Jangy-Turmush", "Kara-Suu", "Katran", "Leilek"]


def names_column(message: str, cell: str | None, letter: str) -> bool:
    """Whether a problem points at column ``letter``: its cell, or a cell or range in its text."""
    if cell and re.fullmatch(rf"{letter}\d*(:{letter}\d*)?", cell):
        return True
    return re.search(rf"\b{letter}(\d+)?(:{letter}\d+)?\b", message) is not None


@pytest.mark.parametrize("sexes", [False, True])
def test_a_one_year_form_with_column_numbers_and_a_total_without_its_year(sexes):
    truth = small_truth(sexes=sexes)
    truth = truth[truth[s.YEAR] == 2015].reset_index(drop=True)
    steps = [("grand_total", {"year_cell": "empty"}), ("numbered_columns", {})]
    book = compose.compose(truth, steps, "ru")
    data, _ = files.write(book)
    assert_reads_back_exactly(book)
    assert load(book).problems == [], problems(load(book))
    assert data  # a real file


def test_counts_under_a_header_the_catalogue_does_not_know_are_refused_naming_it_and_its_column():
    header = "1-класска келди"
    book = compose.compose(small_truth(), [("title_and_notes", {})], "ky")
    book = compose.with_words(book, {("header", s.ENTRANTS): header})
    sheet, cell = files.find(book, header)
    letter = cell.rstrip("0123456789")
    result = load(book)
    if result.ok:
        raise AssertionError(f"read as ok, a column of counts left unread:\n{problems(result)}")
    named = [p for p in result.errors if header in p.message("en")]
    assert any(p.sheet == sheet and names_column(p.message("en"), p.cell, letter) for p in named), (
        f"no error names “{header}” and column {letter} of sheet “{sheet}”:\n{problems(result)}"
    )


# --- each operator alone --------------------------------------------------------------------------
def _id(name: str, params: dict, sexes: bool) -> str:
    said = ",".join(f"{k}={v}" for k, v in params.items()) or "default"
    return f"{name}-{said}-{'sexes' if sexes else 'totals'}"


ALONE = [
    pytest.param(name, params, sexes, id=_id(name, params, sexes))
    for name, operator in compose.OPERATORS.items()
    for params in operator.examples()
    for sexes in (False, True)
    if compose.compatible([name], sexes)
]


@pytest.mark.parametrize(("name", "params", "sexes"), ALONE)
def test_each_operator_alone_on_a_long_table_reads_back_exactly(name, params, sexes):
    assert_reads_back_exactly(compose.compose(small_truth(sexes=sexes), [(name, params)], "ky"))


# --- any composition ------------------------------------------------------------------------------
def maybe(values: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), values)


@st.composite
def counts(draw) -> dict[str, int | None]:
    """One row's counts, consistent; any but the children may be missing."""
    children = draw(st.integers(0, 900))
    entrants = draw(maybe(st.integers(0, 300)))
    ready = draw(maybe(st.integers(0, entrants if entrants is not None else 300)))
    enrolled = draw(maybe(st.integers(0, children)))
    return {s.CHILDREN: children, s.ENROLLED: enrolled, s.ENTRANTS: entrants, s.READY: ready}


@st.composite
def truths(draw) -> pd.DataFrame:
    """A few villages of data/villages.csv, a few school years, with or without girls and boys."""
    villages = draw(st.lists(st.sampled_from(VILLAGES), min_size=1, max_size=4, unique=True))
    first, span = draw(st.integers(2010, 2022)), draw(st.integers(1, 3))
    sexes, rows = draw(st.booleans()), []
    for village in villages:
        for year in range(first, first + span):
            keys = {s.VILLAGE: village, s.YEAR: year}
            if sexes:
                rows += compose.with_sexes(keys, draw(counts()), draw(counts()))
            else:
                rows.append({**keys, s.SEX: s.TOTAL, **draw(counts())})
    return compose.observations(rows)


@st.composite
def compositions(draw, sexes: bool) -> list[tuple[str, dict]]:
    """Two or three operators that combine, each with its parameters."""
    names: list[str] = []
    for _ in range(draw(st.integers(2, 3))):
        options = [n for n in compose.OPERATORS if compose.compatible([*names, n], sexes)]
        names.append(draw(st.sampled_from(options)))
    steps = []
    for name in names:
        choices = compose.OPERATORS[name].choices or {}
        params = {k: st.sampled_from(v) for k, v in choices.items()}
        steps.append((name, draw(st.fixed_dictionaries(params))))
    return steps


@st.composite
def cases(draw) -> tuple[pd.DataFrame, list[tuple[str, dict]], str]:
    truth = draw(truths())
    steps = draw(compositions(sexes=set(truth[s.SEX]) != {s.TOTAL}))
    return truth, steps, draw(st.sampled_from(["ky", "ru", "en"]))


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[p for p in Phase if p is not Phase.explain],  # explaining re-runs every example
)
@given(cases())
def test_a_composed_layout_reads_back_exactly_or_is_refused_at_a_named_place(case):
    truth, steps, lang = case
    note(f"steps: {steps}, lang: {lang}\ntruth:\n{truth.to_string()}")
    book = compose.compose(truth, steps, lang)
    result = load(book)
    if result.ok:
        assert_same_numbers(result, book)
    else:
        named = [p for p in result.errors if p.sheet or p.cell]
        assert named, f"refused without naming a sheet or a cell:\n{problems(result)}"
