"""The store, against SQLite and a real PostgreSQL server: versions, commit modes, rollback, the
original files, what changed, two processes committing at once, and a commit killed midway."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    inspect,
    select,
)

from readiness.auth import delay_s
from readiness.model import schema as s
from readiness.model.problems import Code, error, warning
from readiness.paths import DEMO_WORKBOOK, REPO_ROOT
from readiness.store import Mode, Store, Upload, changes, logins
from readiness.store.logins import LoginTry
from readiness.store.tables import current, login_failures, make_engine

WORKER = Path(__file__).parent / "fixtures" / "commit_worker.py"


def _one_more_girl(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with one more girl aged 3-6 in the first village and year (and in its total), so
    that a commit changes something and the data stay consistent."""
    rows = rows.copy()
    first = rows.iloc[0]
    same = (rows[s.VILLAGE] == first[s.VILLAGE]) & (rows[s.YEAR] == first[s.YEAR])
    chosen = same & rows[s.SEX].isin([s.GIRLS, s.TOTAL])
    rows.loc[chosen, s.CHILDREN] = rows.loc[chosen, s.CHILDREN] + 1
    return rows


def _upload(demo, observations=None, *, name="new.xlsx", problems=()) -> Upload:
    observations = _one_more_girl(demo.observations) if observations is None else observations
    content = f"{name}:{len(observations)}:{observations[s.CHILDREN].sum()}".encode()
    return Upload(content, name, observations, demo.villages, list(problems))


def _year(demo, year: int) -> pd.DataFrame:
    return demo.observations[demo.observations[s.YEAR] == year].copy()


def test_the_first_start_stores_the_demo_as_version_1_exactly_as_the_loader_reads_it(store, demo):
    version = store.current()
    assert (version.id, version.mode, version.is_demo, version.author) == (
        1,
        Mode.DEMO,
        True,
        "demo",
    )
    assert version.observation_rows == len(demo.observations) == 360
    assert version.sha256 == hashlib.sha256(DEMO_WORKBOOK.read_bytes()).hexdigest()
    data = store.data(1)
    pd.testing.assert_frame_equal(data.observations, demo.observations)
    pd.testing.assert_frame_equal(data.villages, demo.villages)
    assert list(data.mapping["field"]) == list(demo.mapping["field"])


def test_a_second_start_does_not_seed_again(store):
    store.setup()
    other = Store(store.url)
    other.setup()
    other.dispose()
    assert [v.id for v in store.versions()] == [1]


def test_replacing_the_years_in_a_file_keeps_every_other_year(store, demo):
    changed = _year(demo, 2025)
    changed[s.READY] = changed[s.READY] - 1
    committed = store.commit(_upload(demo, changed), mode=Mode.REPLACE_YEARS, author="aida")
    assert committed.ok and committed.version.id == 2 and store.current_id() == 2
    now = store.data(2).observations
    assert len(now) == len(demo.observations)
    later = now[now[s.YEAR] == 2025].reset_index(drop=True)
    assert (later[s.READY] == changed[s.READY].reset_index(drop=True)).all()
    pd.testing.assert_frame_equal(
        now[now[s.YEAR] < 2025].reset_index(drop=True),
        demo.observations[demo.observations[s.YEAR] < 2025].reset_index(drop=True),
    )


def test_adding_years_already_stored_is_refused_and_changes_nothing(store, demo):
    committed = store.commit(_upload(demo, _year(demo, 2024)), mode=Mode.ADD_YEARS, author="a")
    assert not committed.ok
    assert [p.code for p in committed.problems] == [Code.YEARS_ALREADY_STORED]
    assert "2024-2025" in committed.problems[0].message("en").replace("–", "-")
    assert store.current_id() == 1 and len(store.versions()) == 1


def test_adding_a_new_year_keeps_the_stored_ones(store, demo):
    new_year = _year(demo, 2025).assign(**{s.YEAR: 2026})
    with pytest.MonkeyPatch.context() as patch:  # 2026-2027 is allowed from 2026 on
        patch.setattr(s, "last_year", lambda today=None: 2026)
        committed = store.commit(_upload(demo, new_year), mode=Mode.ADD_YEARS, author="a")
    assert committed.ok
    years = store.data(committed.version.id).observations[s.YEAR]
    assert years.min() == 2011 and years.max() == 2026
    assert committed.version.observation_rows == 360 + len(new_year)


def test_replacing_everything_leaves_only_the_file(store, demo):
    committed = store.commit(_upload(demo, _year(demo, 2020)), mode=Mode.REPLACE_ALL, author="a")
    assert set(store.data(committed.version.id).observations[s.YEAR]) == {2020}
    assert not committed.version.is_demo


def test_a_file_with_errors_or_no_rows_is_refused(store, demo):
    bad = _upload(demo, problems=[error(Code.BAD_NUMBER, "Data", "E5", value="x")])
    assert store.commit(bad, mode=Mode.REPLACE_ALL, author="a").problems[0].code == (
        Code.ERRORS_BLOCK_COMMIT
    )
    empty = _upload(demo, s.empty_observations())
    assert store.commit(empty, mode=Mode.REPLACE_ALL, author="a").problems[0].code == Code.NO_ROWS
    assert len(store.versions()) == 1


def test_accepted_warnings_and_edits_are_kept_with_the_version(store, demo):
    upload = _upload(demo, problems=[warning(Code.UNKNOWN_VILLAGE, "Data", "B9", value="Жаңы")])
    upload.edits = [{"village": "Katran", "year": 2025, "field": s.READY, "old": 1, "new": 2}]
    version = store.commit(upload, mode=Mode.REPLACE_ALL, author="a").version
    problems = store.data(version.id).problems
    assert [(p.code, p.cell, p.values["value"]) for p in problems] == [
        (Code.UNKNOWN_VILLAGE, "B9", "Жаңы")
    ]


def test_rollback_is_a_new_version_and_can_itself_be_undone(store, demo):
    store.commit(_upload(demo, _year(demo, 2020)), mode=Mode.REPLACE_ALL, author="a")
    back = store.rollback(1, author="b", note="wrong file")
    assert (back.id, back.mode, back.restored_from, back.is_demo) == (3, Mode.ROLLBACK, 1, True)
    pd.testing.assert_frame_equal(store.data(3).observations, demo.observations)
    undone = store.rollback(2, author="b")
    assert store.current_id() == undone.id == 4
    assert set(store.data(4).observations[s.YEAR]) == {2020}


def test_the_original_file_comes_back_byte_for_byte(store, demo):
    upload = _upload(demo, name="Катран 2025.xlsx")
    version = store.commit(upload, mode=Mode.REPLACE_ALL, author="a").version
    original = store.original(version.id)
    assert original.filename == "Катран 2025.xlsx" and original.content == upload.content
    assert store.original(1).content == DEMO_WORKBOOK.read_bytes()


def test_what_changed_between_two_versions_per_village_and_year(store, demo):
    observations = demo.observations
    katran_2025 = (observations[s.VILLAGE] == "Katran") & (observations[s.YEAR] == 2025)
    edited = observations[
        ~((observations[s.VILLAGE] == "Kara-Suu") & (observations[s.YEAR] == 2011))
    ]
    edited = edited.copy()
    edited.loc[katran_2025 & (edited[s.SEX] == s.GIRLS), s.READY] += 1
    edited.loc[katran_2025 & (edited[s.SEX] == s.TOTAL), s.READY] += 1
    store.commit(_upload(demo, edited), mode=Mode.REPLACE_ALL, author="a")
    found = store.changes(1, 2).set_index([s.VILLAGE, s.YEAR])
    assert len(found) == 2
    assert found.loc[("Kara-Suu", 2011), ["added", "removed", "changed"]].tolist() == [0, 3, 0]
    assert found.loc[("Katran", 2025), ["added", "removed", "changed"]].tolist() == [0, 0, 2]
    assert found.loc[("Katran", 2025), "fields"] == [s.READY]
    assert changes(demo.observations, demo.observations).empty


AIDA, BAKYT = "a" * 64, "b" * 64  # keys, as auth.name_key makes them
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def test_failed_logins_are_counted_per_key_until_a_success(store):
    tries = [store.count_login_try(AIDA, NOW, delay_s) for _ in range(3)]
    assert tries == [LoginTry(1), LoginTry(2), LoginTry(3)]
    assert store.login_failures(AIDA) == (3, NOW)
    assert store.login_failures(BAKYT) == (0, None)
    store.forgive_logins(AIDA)
    assert store.login_failures(AIDA) == (0, None)


def test_a_try_during_a_delay_is_refused_with_the_wait_left_and_not_counted(store):
    for _ in range(5):
        store.count_login_try(AIDA, NOW, delay_s)
    later = NOW + dt.timedelta(seconds=12.5)
    assert store.count_login_try(AIDA, later, delay_s) == LoginTry(5, wait_s=18)
    assert store.login_failures(AIDA) == (5, NOW)
    after = NOW + dt.timedelta(seconds=30)
    assert store.count_login_try(AIDA, after, delay_s) == LoginTry(6)


def _add_failures(store, keys, when) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            insert(login_failures),
            [{"name_key": key, "failures": 1, "last_failure": when} for key in keys],
        )


def test_each_counted_try_forgets_up_to_100_rows_older_than_a_day(store):
    stale = [f"{n:064x}" for n in range(150)]
    _add_failures(store, stale, NOW - logins.FORGET_AFTER - dt.timedelta(seconds=1))
    _add_failures(store, [BAKYT], NOW - logins.FORGET_AFTER + dt.timedelta(seconds=1))
    store.count_login_try(AIDA, NOW, delay_s)
    with store.engine.connect() as conn:
        left = set(conn.execute(select(login_failures.c.name_key)).scalars())
    assert {AIDA, BAKYT} <= left and len(left) == 2 + 150 - logins.PRUNE_BATCH
    store.count_login_try(AIDA, NOW, delay_s)
    assert store.login_failures(stale[0]) == (0, None) and store.login_failures(BAKYT)[0] == 1


def test_a_database_that_kept_plain_names_forgets_them_and_counts_by_key(store_url):
    old = MetaData()
    Table(
        "login_failures",
        old,
        Column("username", String(200), primary_key=True),
        Column("failures", Integer, nullable=False),
        Column("last_failure", DateTime(timezone=True), nullable=False),
    )
    engine = make_engine(store_url)
    old.create_all(engine)
    with engine.begin() as conn:
        table = old.tables["login_failures"]
        conn.execute(table.insert().values(username="aida", failures=7, last_failure=NOW))
    engine.dispose()
    upgraded = Store(store_url)
    upgraded.setup(seed=None)
    with upgraded.engine.connect() as conn:
        assert conn.execute(select(login_failures.c.name_key)).all() == []
    indexes = inspect(upgraded.engine).get_indexes("login_failures")
    assert ["last_failure"] in [index["column_names"] for index in indexes]
    assert upgraded.count_login_try(AIDA, NOW, delay_s) == LoginTry(1)
    upgraded.setup(seed=None)  # a second start changes nothing
    assert upgraded.login_failures(AIDA) == (1, NOW)
    upgraded.dispose()


def _worker(url: str, year: int, value: int, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), url, str(year), str(value), *options],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


def test_two_processes_committing_at_once_both_land_one_after_the_other(store, demo):
    at = str(time.time() + 3)
    workers = [
        _worker(store.url, year, value, "--at", at, "--hold", "1.5")
        for year, value in ((2024, 1111), (2025, 2222))
    ]
    outputs = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [err for _, err in outputs]
    lines = [dict(line.split(" ", 1) for line in out.splitlines()) for out, _ in outputs]
    # they really overlapped: each had begun its commit before the other finished
    assert max(float(x["started"]) for x in lines) < min(float(x["done"].split()[0]) for x in lines)
    assert sorted(int(x["done"].split()[1]) for x in lines) == [2, 3]
    assert store.current_id() == 3
    now = store.data(3).observations.set_index([s.VILLAGE, s.YEAR, s.SEX])[s.CHILDREN]
    firsts = {y: _year(demo, y).iloc[0] for y in (2024, 2025)}
    assert now[(firsts[2024][s.VILLAGE], 2024, firsts[2024][s.SEX])] == 1111
    assert now[(firsts[2025][s.VILLAGE], 2025, firsts[2025][s.SEX])] == 2222
    assert len(now) == 360


def test_a_commit_killed_midway_leaves_the_previous_version_intact(store, demo):
    worker = _worker(store.url, 2025, 9999, "--hold", "60")
    line = worker.stdout.readline()
    assert line.startswith("holding"), worker.stderr.read()
    worker.send_signal(signal.SIGKILL)
    worker.communicate(timeout=30)  # reaps it and closes its pipes
    assert worker.returncode == -signal.SIGKILL
    reopened = Store(store.url)
    assert reopened.current_id() == 1 and [v.id for v in reopened.versions()] == [1]
    pd.testing.assert_frame_equal(reopened.data(1).observations, demo.observations)
    year = _one_more_girl(_year(demo, 2025))
    after = reopened.commit(_upload(demo, year), mode=Mode.REPLACE_YEARS, author="a")
    assert after.ok  # the lock died with the process
    reopened.dispose()


def test_a_commit_against_a_version_another_analyst_replaced_is_refused(store, demo):
    """Analyst A was shown what "replace all" deletes from version 1; B saved version 2 (a
    new year) before A's click reached the lock: A's save is refused and B's year is kept."""
    year = _one_more_girl(_year(demo, 2025))
    assert store.commit(_upload(demo, year), mode=Mode.REPLACE_YEARS, author="b").ok
    refused = store.commit(_upload(demo), mode=Mode.REPLACE_ALL, author="a", expected=1)
    assert [p.code for p in refused.problems] == [Code.STORE_CHANGED] and refused.version is None
    assert store.current_id() == 2 and len(store.versions()) == 2
    again = store.commit(_upload(demo, year), mode=Mode.REPLACE_ALL, author="a", expected=2)
    assert again.ok and again.version.id == 3


def test_a_commit_that_cannot_get_the_lock_in_time_is_refused_cleanly(store, demo):
    hurried = Store(store.url, lock_timeout_s=0.5)
    with store.engine.execution_options(write=True).begin() as conn:
        conn.execute(select(current.c.version_id).with_for_update())  # another commit holds it
        refused = hurried.commit(_upload(demo), mode=Mode.REPLACE_ALL, author="a")
    assert [p.code for p in refused.problems] == [Code.STORE_BUSY]
    assert hurried.current_id() == 1 and len(hurried.versions()) == 1
    hurried.dispose()
