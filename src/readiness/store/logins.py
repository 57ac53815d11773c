"""Failed logins in a row, per name key, shared by every app process.

A try is counted **before** its password is checked, in one write transaction that locks the
name's row (``BEGIN IMMEDIATE`` in SQLite; ``INSERT ... ON CONFLICT DO NOTHING`` then
``SELECT ... FOR UPDATE`` in PostgreSQL, so two first tries cannot both miss the row): tries made
at the same moment wait for one another, and each sees the ones before it.

Only keys are stored (64 hex digits, see ``auth.name_key``), never names, so every row has the same
small size (about 150 bytes with its indexes). Each counted try forgets up to ``PRUNE_BATCH`` rows
whose last failure is more than ``FORGET_AFTER`` (a day) old. The bound that remains: one row per
distinct name tried in the last day. A new name is always let through and costs the server a
password check (about 50 ms of scrypt on one core), so a flood of random names adds at most about
20 rows a second per server core busy with it: some 1.7 million rows (about 250 MB) per core after a
day of flooding at full speed, no more however long it goes on, and all gone a day after it stops.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from readiness.store import tables as db

FORGET_AFTER = dt.timedelta(days=1)  # far beyond the longest delay, so waiting is the only way
PRUNE_BATCH = 100  # stale rows forgotten at most by each counted try
KEY_LENGTH = 64  # a SHA-256 in hex
_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
_TABLE = db.login_failures


@dataclass(frozen=True)
class LoginTry:
    """One try as the store counted it: refused while a delay runs (``wait_s`` > 0, nothing
    counted), or let through as failure number ``failures`` in a row until it is forgiven."""

    failures: int
    wait_s: int = 0


def count_try(
    conn: Connection, key: str, now: dt.datetime, delay_for: Callable[[int], int]
) -> LoginTry:
    """Refuses the try while the delay after the failures so far runs; otherwise counts it as a
    failure now (``forgive`` undoes that when the password was right). ``conn`` must be in a
    write transaction."""
    now = now.astimezone(dt.UTC)  # SQLite keeps no time zone
    row = _locked_row(conn, key, now)
    wait = _remaining_s(row.failures, db.as_utc(row.last_failure), now, delay_for)
    if wait:
        return LoginTry(row.failures, wait)
    conn.execute(
        update(_TABLE)
        .where(_TABLE.c.name_key == key)
        .values(failures=row.failures + 1, last_failure=now)
    )
    _prune(conn, now)
    return LoginTry(row.failures + 1)


def _locked_row(conn: Connection, key: str, now: dt.datetime):
    """The key's failures and last failure, its row locked until the transaction ends. The row is
    made first if needed, and made again if another try's pruning removed it in between."""
    query = (
        select(_TABLE.c.failures, _TABLE.c.last_failure)
        .where(_TABLE.c.name_key == key)
        .with_for_update()
    )
    _ensure_row(conn, key, now)
    row = conn.execute(query).first()
    if row is None:
        _ensure_row(conn, key, now)
        row = conn.execute(query).one()
    return row


def _ensure_row(conn: Connection, key: str, now: dt.datetime) -> None:
    """A row for ``key`` with no failures, unless there is one already."""
    insert = _INSERT[conn.dialect.name](_TABLE).values(name_key=key, failures=0, last_failure=now)
    conn.execute(insert.on_conflict_do_nothing(index_elements=[_TABLE.c.name_key]))


def _remaining_s(
    failures: int, last: dt.datetime, now: dt.datetime, delay_for: Callable[[int], int]
) -> int:
    """Whole seconds left of the delay after ``failures`` failures, the last at ``last``."""
    remaining = (last + dt.timedelta(seconds=delay_for(failures)) - now).total_seconds()
    return max(math.ceil(remaining), 0)


def _prune(conn: Connection, now: dt.datetime) -> None:
    """Forgets up to ``PRUNE_BATCH`` rows whose last failure is older than ``FORGET_AFTER``: a
    try adds at most one row, so pruning keeps up, yet no try pays for a whole flood at once.
    Rows that another try holds are left for later (no waiting, so no deadlock)."""
    stale = (
        select(_TABLE.c.name_key)
        .where(_TABLE.c.last_failure < now - FORGET_AFTER)
        .limit(PRUNE_BATCH)
        .with_for_update(skip_locked=True)
    )
    conn.execute(delete(_TABLE).where(_TABLE.c.name_key.in_(stale)))


def forgive(conn: Connection, key: str) -> None:
    """A success: the count starts again."""
    conn.execute(delete(_TABLE).where(_TABLE.c.name_key == key))


def failures(conn: Connection, key: str) -> tuple[int, dt.datetime | None]:
    """Failures in a row under ``key`` and when the last was; ``(0, None)`` when none."""
    row = conn.execute(
        select(_TABLE.c.failures, _TABLE.c.last_failure).where(_TABLE.c.name_key == key)
    ).first()
    if row is None or row.failures == 0:
        return 0, None
    return row.failures, db.as_utc(row.last_failure)


def forget_names(conn: Connection) -> None:
    """Databases made before kept plain names here: forgets every row whose key is not a hash."""
    conn.execute(delete(_TABLE).where(func.length(_TABLE.c.name_key) != KEY_LENGTH))


class LoginThrottle:
    """The store's side of failed logins (shared by every app process), mixed into ``Store``:
    each a transaction of its own on the store's engine (``_writing`` for a write)."""

    def _upgrade_login_failures(self) -> None:
        """A database made before names were hashed: adds the index that pruning uses and
        forgets the plain names it kept (their counts start again)."""
        made_meanwhile = (IntegrityError, OperationalError, ProgrammingError)  # by another process
        with contextlib.suppress(*made_meanwhile):
            db.login_failures_by_time.create(self.engine, checkfirst=True)
        with self._writing() as conn:
            forget_names(conn)

    def count_login_try(
        self, key: str, now: dt.datetime, delay_for: Callable[[int], int]
    ) -> LoginTry:
        """Refuses a login try under ``key`` while a delay runs, or counts it as a failure before
        its password is checked, in one locked transaction."""
        with self._writing() as conn:
            return count_try(conn, key, now, delay_for)

    def forgive_logins(self, key: str) -> None:
        """The password was right: the failures in a row under ``key`` start again from none."""
        with self._writing() as conn:
            forgive(conn, key)

    def login_failures(self, key: str) -> tuple[int, dt.datetime | None]:
        with self.engine.connect() as conn:
            return failures(conn, key)
