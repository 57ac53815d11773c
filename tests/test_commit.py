"""A commit replaces only what the file speaks about, on SQLite and PostgreSQL: the stored rows
and village details a file does not give are kept, every row it deletes is listed first, and the
database itself refuses what the rules forbid."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Column, MetaData, Table, insert, inspect
from sqlalchemy.exc import DataError, IntegrityError

from readiness.model import schema as s
from readiness.model.problems import Code
from readiness.store import Mode, Store, Upload
from readiness.store import tables as db
from readiness.store.merge import VILLAGE_FIELDS, Combined, combine, merge_conflicts
from readiness.store.versions import file_name


def _rows(demo, villages: list[str], year: int, sexes=(s.TOTAL, s.GIRLS, s.BOYS)) -> pd.DataFrame:
    rows = demo.observations
    chosen = rows[rows[s.VILLAGE].isin(villages) & (rows[s.YEAR] == year) & rows[s.SEX].isin(sexes)]
    return chosen.reset_index(drop=True)


def _plain_villages(demo, observations: pd.DataFrame) -> pd.DataFrame:
    """What a plain yearly file's loader gives: its villages with no project columns at all."""
    villages = demo.villages[demo.villages[s.VILLAGE].isin(observations[s.VILLAGE])].copy()
    villages[s.IN_PROJECT] = pd.array([pd.NA] * len(villages), dtype="boolean")
    villages[s.PROJECT_START] = pd.array([pd.NA] * len(villages), dtype="Int64")
    return villages.reset_index(drop=True)


def _upload(observations, villages, name="2025.xlsx", given=None) -> Upload:
    content = f"{name}:{len(observations)}:{observations[s.CHILDREN].sum()}".encode()
    return Upload(content, name, observations, villages, given=given)


def test_a_plain_yearly_file_keeps_the_project_and_every_other_villages_rows(store, demo):
    rows = _rows(demo, ["Katran", "Kara-Suu", "Churbek"], 2025)
    rows[s.CHILDREN] = rows[s.CHILDREN] + 1
    committed = store.commit(
        _upload(rows, _plain_villages(demo, rows)), mode=Mode.REPLACE_PAIRS, author="a"
    )
    assert committed.ok
    after = store.data(committed.version.id)
    pd.testing.assert_frame_equal(after.villages, demo.villages)  # project and start years kept
    assert len(after.observations) == len(demo.observations)
    others = after.observations[
        ~after.observations[s.VILLAGE].isin(["Katran", "Kara-Suu", "Churbek"])
    ]
    expected = demo.observations[
        ~demo.observations[s.VILLAGE].isin(["Katran", "Kara-Suu", "Churbek"])
    ]
    pd.testing.assert_frame_equal(others.reset_index(drop=True), expected.reset_index(drop=True))


def test_totals_alone_keep_the_girls_and_boys_rows_that_still_add_up(demo):
    rows = _rows(demo, ["Katran"], 2025, sexes=(s.TOTAL,))
    stored = Combined(demo.observations, demo.villages)
    merge, problems = combine(
        stored, Combined(rows, _plain_villages(demo, rows)), Mode.REPLACE_PAIRS
    )
    assert problems == [] and merge.removed.empty
    assert len(merge.data.observations) == len(demo.observations)


def test_new_totals_remove_and_list_exactly_the_girls_and_boys_rows_they_contradict(demo):
    rows = _rows(demo, ["Katran", "Kara-Suu"], 2025, sexes=(s.TOTAL,))
    katran = (rows[s.VILLAGE] == "Katran").to_numpy()
    rows.loc[katran, s.CHILDREN] = rows.loc[katran, s.CHILDREN] + 5  # no longer girls + boys
    stored = Combined(demo.observations, demo.villages)
    merge, problems = combine(
        stored, Combined(rows, _plain_villages(demo, rows)), Mode.REPLACE_PAIRS
    )
    assert problems == []
    removed = merge.removed[[s.VILLAGE, s.YEAR, s.SEX]].values.tolist()
    assert sorted(removed) == [["Katran", 2025, s.BOYS], ["Katran", 2025, s.GIRLS]]
    assert len(merge.data.observations) == len(demo.observations) - 2


def test_replacing_school_years_entirely_lists_every_other_villages_rows_it_removes(demo):
    rows = _rows(demo, ["Katran"], 2025)
    stored = Combined(demo.observations, demo.villages)
    merge, _ = combine(stored, Combined(rows, _plain_villages(demo, rows)), Mode.REPLACE_YEARS)
    year = demo.observations[demo.observations[s.YEAR] == 2025]
    assert len(merge.removed) == len(year) - 3 == 21
    assert set(merge.removed[s.VILLAGE]) == set(year[s.VILLAGE]) - {"Katran"}


def _more_girls(rows: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` more girls aged 3-6, and so ``n`` more children in all."""
    rows = rows.copy()
    more = rows[s.SEX].isin([s.GIRLS, s.TOTAL]).to_numpy()
    rows.loc[more, s.CHILDREN] = rows.loc[more, s.CHILDREN] + n
    return rows


def test_an_empty_count_keeps_its_stored_value_and_says_how_many(demo):
    rows = _more_girls(_rows(demo, ["Katran"], 2025), 3)
    rows[s.READY] = pd.array([pd.NA] * len(rows), dtype="Int64")
    stored = Combined(demo.observations, demo.villages)
    merge, _ = combine(stored, Combined(rows, _plain_villages(demo, rows)), Mode.REPLACE_PAIRS)
    assert merge.kept == 3 and merge.removed.empty
    after = merge.data.observations.set_index(list(s.KEYS))
    before = demo.observations.set_index(list(s.KEYS))
    katran = ("Katran", 2025, s.TOTAL)
    assert after.at[katran, s.READY] == before.at[katran, s.READY]
    assert after.at[katran, s.CHILDREN] == before.at[katran, s.CHILDREN] + 3


def test_kept_counts_that_break_a_rule_with_the_files_refuse_the_commit(store, demo):
    rows = _rows(demo, ["Katran"], 2025, sexes=(s.TOTAL,))
    rows[s.ENROLLED] = pd.array([pd.NA], dtype="Int64")  # stored enrolled is kept...
    rows[s.CHILDREN] = pd.array([1], dtype="Int64")  # ...and is now more than the children
    committed = store.commit(
        _upload(rows, _plain_villages(demo, rows)), mode=Mode.REPLACE_PAIRS, author="a"
    )
    codes = [p.code for p in committed.problems]
    assert not committed.ok and codes[0] == Code.KEPT_VALUES_CONFLICT
    assert Code.ENROLLED_GT_CHILDREN in codes
    conflict = committed.problems[codes.index(Code.ENROLLED_GT_CHILDREN)]
    assert conflict.place == ("Katran", 2025)
    assert conflict.message("ky").startswith("Катран, 2025–2026")
    assert store.current_id() == 1


def test_only_village_years_with_kept_counts_are_blamed(demo):
    stored_rows = demo.observations.copy()
    odd = (stored_rows[s.VILLAGE] == "Kara-Suu") & (stored_rows[s.YEAR] == 2024)
    odd &= stored_rows[s.SEX] == s.TOTAL
    stored_rows.loc[odd, s.ENROLLED] = stored_rows.loc[odd, s.CHILDREN] + 5  # old, untouched
    rows = _rows(demo, ["Katran"], 2025, sexes=(s.TOTAL,))
    rows[s.READY] = pd.array([pd.NA], dtype="Int64")
    stored = Combined(stored_rows, demo.villages)
    merge, _ = combine(stored, Combined(rows, _plain_villages(demo, rows)), Mode.REPLACE_PAIRS)
    assert merge.kept == 1 and merge.kept_pairs == {("Katran", 2025)}
    assert merge_conflicts(merge) == []


def test_a_village_detail_the_file_gives_replaces_the_stored_one_and_is_listed(demo):
    rows = _rows(demo, ["Katran", "Kara-Suu"], 2025)
    villages = _plain_villages(demo, rows)
    given = pd.DataFrame(False, index=villages[s.VILLAGE], columns=list(VILLAGE_FIELDS))
    villages.loc[villages[s.VILLAGE] == "Katran", s.IN_PROJECT] = False
    given.loc["Katran", s.IN_PROJECT] = True
    stored = Combined(demo.observations, demo.villages)
    merge, _ = combine(stored, Combined(rows, villages, given), Mode.REPLACE_PAIRS)
    changed = merge.village_changes.values.tolist()
    assert changed == [["Katran", s.IN_PROJECT, True, False]]
    after = merge.data.villages.set_index(s.VILLAGE)
    assert not after.at["Katran", s.IN_PROJECT] and after.at["Katran", s.PROJECT_START] == 2014
    assert (
        after.at["Kara-Suu", s.IN_PROJECT]
        == demo.villages.set_index(s.VILLAGE).at["Kara-Suu", s.IN_PROJECT]
    )


def test_an_upload_identical_to_the_stored_data_is_refused_as_nothing_would_change(store, demo):
    rows = _rows(demo, ["Katran"], 2025)
    committed = store.commit(
        _upload(rows, _plain_villages(demo, rows)), mode=Mode.REPLACE_PAIRS, author="a"
    )
    assert [p.code for p in committed.problems] == [Code.NOTHING_CHANGES]
    assert len(store.versions()) == 1


def test_a_file_with_errors_is_never_said_to_change_nothing(demo):
    """Two villages of three were refused (errors): the one read equals the stored, but the page
    must not say "nothing would change" of a file it could not read whole."""
    from dataclasses import replace

    from readiness.model.problems import error
    from readiness.views.upload import what_would_change

    rows = _rows(demo, ["Katran"], 2025)
    checked = replace(demo, observations=rows, villages=_plain_villages(demo, rows))
    same = what_would_change(demo, checked, Mode.REPLACE_PAIRS)
    assert [p.code for p in same.problems] == [Code.NOTHING_CHANGES] and same.changes.empty
    broken = replace(checked, problems=[error(Code.BAD_YEAR, "Лист1", "C2", value="x")])
    assert what_would_change(demo, broken, Mode.REPLACE_PAIRS).problems == []


def test_a_rollback_version_has_no_file_of_its_own(store, demo):
    rows = _more_girls(_rows(demo, ["Katran"], 2025), 2)
    store.commit(_upload(rows, _plain_villages(demo, rows)), mode=Mode.REPLACE_PAIRS, author="a")
    back = store.rollback(1, author="a")
    assert back.filename is None and back.sha256 is None and store.original(back.id) is None
    assert store.original(1) is not None


def test_the_database_refuses_what_the_rules_forbid_even_without_the_loader(store, demo):
    row = {"version_id": 1, "village": "X", "year": 2025, "sex": s.TOTAL, "municipality": None}
    bad = [
        {**row, "children_3_6": -1},
        {**row, "children_3_6": 2**31},
        {**row, "children_3_6": 10, "enrolled_3_6": 11},
        {**row, "grade1_entrants": 10, "grade1_ready": 11},
        {**row, "sex": "other"},
        {**row, "year": 1990},
        {**row, "village": "Ж" * 201},
    ]
    for values in bad:
        with pytest.raises((IntegrityError, DataError)), store.engine.begin() as conn:
            conn.execute(insert(db.observations).values(**values))


def test_a_value_the_database_refuses_is_a_problem_never_an_exception(store, demo):
    rows = _rows(demo, ["Katran"], 2025).assign(**{s.VILLAGE: "Ж" * 250})
    villages = _plain_villages(demo, _rows(demo, ["Katran"], 2025)).assign(**{s.VILLAGE: "Ж" * 250})
    committed = store.commit(_upload(rows, villages), mode=Mode.REPLACE_PAIRS, author="a")
    assert [p.code for p in committed.problems] == [Code.STORE_REFUSED]
    assert store.current_id() == 1


def test_a_long_file_name_with_a_path_is_kept_short_with_its_extension():
    name = file_name("C:\\Users\\aida\\" + "отчёт" * 200 + "\x07.xlsx")
    assert len(name) == db.FILENAME_MAX and name.endswith("….xlsx") and "\\" not in name
    assert file_name("../../etc/passwd") == "passwd"


def test_a_database_made_before_the_checks_gets_them_and_keeps_its_rows(store_url, demo, tmp_path):
    engine = db.make_engine(store_url)
    old = MetaData()
    for table in db.metadata.sorted_tables:
        Table(
            table.name,
            old,
            *[Column(c.name, c.type, primary_key=c.primary_key) for c in table.columns],
        )
    old.create_all(engine)
    engine.dispose()
    opened = Store(store_url)
    opened.setup()  # seeds the demo into the old tables, then adds the checks
    names = {c["name"] for c in inspect(opened.engine).get_check_constraints("observations")}
    assert {"observations_sex", "observations_enrolled_le_children"} <= names
    pd.testing.assert_frame_equal(opened.data(opened.current_id()).observations, demo.observations)
    opened.dispose()
    # and a database made afterwards in the same process still gets every check in its tables
    fresh = Store(f"sqlite:///{tmp_path / 'after' / 'readiness.sqlite'}")
    fresh.setup()
    created = {c["name"] for c in inspect(fresh.engine).get_check_constraints("observations")}
    assert {"observations_sex", "observations_enrolled_le_children"} <= created
    fresh.dispose()
