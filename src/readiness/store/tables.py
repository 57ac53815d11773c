"""The database: its tables (SQLAlchemy Core) and the engine for SQLite or PostgreSQL.

Every version keeps a full copy of its rows, so reading the current data is one indexed query and
a rollback is one ``INSERT ... SELECT``; the original file bytes are kept once per distinct file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine

from readiness.model import schema as s
from readiness.paths import DATA_DIR

DATA_DIR_VARIABLE = "READINESS_DATA_DIR"
URL_VARIABLE = "READINESS_DATABASE_URL"
DEFAULT_STORE_DIR = DATA_DIR / "store"
SQLITE_FILE = "readiness.sqlite"
LOCK_TIMEOUT_S = 30
# Sizes that SQLite and PostgreSQL share: each is a CHECK constraint, since SQLite does not
# enforce a VARCHAR's length. The loader is stricter (schema.NAME_MAX), so that it refuses with a
# message naming the cell what the database would refuse.
NAME_COLUMN = 200
AUTHOR_MAX = 200
FILENAME_MAX = 255
FILENAME_COLUMN = 500
NOTE_MAX = 2_000
SPELLINGS_MAX = 5_000
YEARS = (s.FIRST_YEAR, 2100)
COUNT_LIMIT = s.COUNT_MAX
SEXES = s.SEXES

metadata = MetaData()


def _length(column: str, most: int, *, least: int = 0) -> str:
    return f"{column} IS NULL OR length({column}) BETWEEN {least} AND {most}"


def _between(column: str, least: float, most: float) -> str:
    return f"{column} IS NULL OR {column} BETWEEN {least} AND {most}"


def _count(column: str) -> str:
    return _between(column, 0, COUNT_LIMIT)


def _part(part: str, whole: str) -> str:
    return f"{part} IS NULL OR {whole} IS NULL OR {part} <= {whole}"


def _checks(table: str, rules: dict[str, str]) -> list[CheckConstraint]:
    """Named CHECK constraints (names shared by SQLite and PostgreSQL, for the upgrade)."""
    return [CheckConstraint(rule, name=f"{table}_{name}") for name, rule in rules.items()]


files = Table(
    "files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("author", String(200), nullable=False),
    Column("note", Text, nullable=False),
    Column("mode", String(20), nullable=False),
    Column("filename", String(500)),
    Column("sha256", String(64), ForeignKey("files.sha256")),
    Column("restored_from", Integer, ForeignKey("versions.id")),
    Column("is_demo", Boolean, nullable=False),
    Column("observation_rows", Integer, nullable=False),
    Column("village_rows", Integer, nullable=False),
    Column("problems", JSON, nullable=False),  # the warnings accepted with the file
    Column("mapping", JSON, nullable=False),  # which column of the file became what
    Column("edits", JSON, nullable=False),  # values corrected in the preview
    *_checks(
        "versions",
        {
            "author": _length("author", AUTHOR_MAX),
            "note": _length("note", NOTE_MAX),
            "filename": _length("filename", FILENAME_COLUMN),
        },
    ),
)

observations = Table(
    "observations",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column(s.VILLAGE, String(200), primary_key=True),
    Column(s.YEAR, Integer, primary_key=True),
    Column(s.SEX, String(10), primary_key=True),
    Column(s.MUNICIPALITY, String(200)),
    *(Column(count, Integer) for count in s.COUNTS),
    *_checks(
        "observations",
        {
            "village": _length(s.VILLAGE, NAME_COLUMN, least=1),
            "municipality": _length(s.MUNICIPALITY, NAME_COLUMN),
            "year": f"{s.YEAR} BETWEEN {YEARS[0]} AND {YEARS[1]}",
            "sex": "{} IN ({})".format(s.SEX, ", ".join(f"'{sex}'" for sex in SEXES)),
            "children": _count(s.CHILDREN),
            "enrolled": _count(s.ENROLLED),
            "entrants": _count(s.ENTRANTS),
            "ready": _count(s.READY),
            "enrolled_le_children": _part(s.ENROLLED, s.CHILDREN),
            "ready_le_entrants": _part(s.READY, s.ENTRANTS),
        },
    ),
)

villages = Table(
    "villages",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column(s.VILLAGE, String(200), primary_key=True),
    Column(s.MUNICIPALITY, String(200)),
    Column(s.DISTRICT, String(200)),
    Column(s.IN_PROJECT, Boolean),
    Column(s.PROJECT_START, Integer),
    Column(s.LATITUDE, Float),
    Column(s.LONGITUDE, Float),
    Column(s.SPELLINGS, Text),
    *_checks(
        "villages",
        {
            "village": _length(s.VILLAGE, NAME_COLUMN, least=1),
            "municipality": _length(s.MUNICIPALITY, NAME_COLUMN),
            "district": _length(s.DISTRICT, NAME_COLUMN),
            "start": _between(s.PROJECT_START, *YEARS),
            "latitude": _between(s.LATITUDE, -90, 90),
            "longitude": _between(s.LONGITUDE, -180, 180),
            "spellings": _length(s.SPELLINGS, SPELLINGS_MAX),
        },
    ),
)

# Header words analysts taught the loader (``load_workbook(vocabulary=...)``): a header, as
# normalised, read as a field of the recipes' roles. The catalogue (words.toml) stays the shipped
# list; these are this server's own.
vocabulary = Table(
    "vocabulary",
    metadata,
    Column("header", String(NAME_COLUMN), primary_key=True),
    Column("field", String(40), nullable=False),
    Column("written", String(NAME_COLUMN), nullable=False),
    Column("added_by", String(AUTHOR_MAX), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id")),
    *_checks(
        "vocabulary",
        {
            "header": _length("header", NAME_COLUMN, least=1),
            "written": _length("written", NAME_COLUMN),
        },
    ),
)

# One row: the version everybody sees. Commits lock it, so they happen one after another.
current = Table(
    "current_version",
    metadata,
    Column("id", Integer, CheckConstraint("id = 1"), primary_key=True),
    Column("version_id", Integer, ForeignKey("versions.id")),
)

# Failed logins in a row, per name: keyed by the SHA-256 (64 hex digits) of the normalised name,
# never the name itself. The column keeps its first name, ``username`` (once ``String(200)`` and
# the plain name), so that databases made before still work; in the code it is ``name_key``.
login_failures = Table(
    "login_failures",
    metadata,
    Column("username", String(64), key="name_key", primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", DateTime(timezone=True), nullable=False),
)
login_failures_by_time = Index("login_failures_last_failure", login_failures.c.last_failure)


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment read back from the database, in UTC: SQLite keeps no time zone; we always write
    UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """``READINESS_DATABASE_URL`` if set; else a SQLite file under ``READINESS_DATA_DIR``."""
    environ = os.environ if environ is None else environ
    if environ.get(URL_VARIABLE):
        return environ[URL_VARIABLE]
    folder = Path(environ.get(DATA_DIR_VARIABLE) or DEFAULT_STORE_DIR)
    return f"sqlite:///{folder / SQLITE_FILE}"


def make_engine(url: str, lock_timeout_s: float = LOCK_TIMEOUT_S) -> Engine:
    """An engine whose writers wait at most ``lock_timeout_s`` for another writer."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url, lock_timeout_s)
    options = f"-c lock_timeout={int(lock_timeout_s * 1000)}"
    return create_engine(
        url, pool_pre_ping=True, pool_size=3, max_overflow=2, connect_args={"options": options}
    )


def _sqlite_engine(url: str, lock_timeout_s: float) -> Engine:
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": lock_timeout_s})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, begins transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a commit
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout_s * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        # A commit takes the write lock when it begins (BEGIN IMMEDIATE), as FOR UPDATE does in
        # PostgreSQL; reading needs no lock.
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
