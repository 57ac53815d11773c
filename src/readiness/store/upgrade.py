"""Bringing a database made by an earlier release up to the tables of this one.

``metadata.create_all`` makes missing tables but never changes existing ones. The one change so
far is the CHECK constraints (``tables._checks``): PostgreSQL adds each missing one with
``ALTER TABLE ... ADD CONSTRAINT``; SQLite cannot add a constraint to a table, so the table is
built again with them and its rows copied over (SQLite's documented twelve steps). Either runs in
one transaction: a table whose stored rows break a rule is left as it was, and the server's log
says so (the loader and the upload page enforce the same rules anyway).
"""

from __future__ import annotations

import logging
import sqlite3

from sqlalchemy import CheckConstraint, Table, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.schema import AddConstraint, CreateTable

from readiness.store import tables as db

log = logging.getLogger(__name__)
CHECKED = (db.versions, db.observations, db.villages)


def add_checks(engine: Engine) -> None:
    """Adds the CHECK constraints a table made before them lacks; safe to run at every start."""
    for table in CHECKED:
        missing = _missing(engine, table)
        if not missing:
            continue
        try:
            _add(engine, table, missing)
        except (SQLAlchemyError, sqlite3.Error):
            log.warning("could not add the checks of table %s", table.name, exc_info=True)


def _missing(engine: Engine, table: Table) -> list[CheckConstraint]:
    found = {c["name"] for c in inspect(engine).get_check_constraints(table.name)}
    return [c for c in table.constraints if isinstance(c, CheckConstraint) and c.name not in found]


def _add(engine: Engine, table: Table, missing: list[CheckConstraint]) -> None:
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            for constraint in missing:
                # not isolated: by default SQLAlchemy marks the constraint so that no later
                # CREATE TABLE in this process writes it (a new SQLite store would lack it)
                conn.execute(AddConstraint(constraint, isolate_from_table=False))
        return
    raw = engine.raw_connection()  # the driver's own: PRAGMA foreign_keys works only outside
    cursor = raw.cursor()  # a transaction, and SQLAlchemy would begin one first
    try:
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("BEGIN IMMEDIATE")
        try:
            for statement in _rebuild(engine, table):
                cursor.execute(statement)
            cursor.execute("COMMIT")
        except Exception:
            cursor.execute("ROLLBACK")
            raise
    finally:
        cursor.execute("PRAGMA foreign_keys=ON")
        raw.close()


def _rebuild(engine: Engine, table: Table) -> list[str]:
    """SQLite: the table made again under a new name with every constraint, filled from the old
    one, which is dropped; the new one then takes its name."""
    new = f"{table.name}__with_checks"
    ddl = str(CreateTable(table).compile(dialect=engine.dialect))
    columns = ", ".join(c.name for c in table.columns)
    return [
        ddl.replace(f"CREATE TABLE {table.name} ", f"CREATE TABLE {new} ", 1),
        f"INSERT INTO {new} ({columns}) SELECT {columns} FROM {table.name}",
        f"DROP TABLE {table.name}",
        f"ALTER TABLE {new} RENAME TO {table.name}",
    ]
