"""The store of versions: seeding, reading, committing, rolling back and comparing.

The current data is always exactly one version. A commit is one transaction that locks the
``current_version`` row first (``FOR UPDATE`` in PostgreSQL, ``BEGIN IMMEDIATE`` in SQLite), so two
commits happen one after the other, each combining its file with what the other left. A process
killed in the middle leaves no trace: the transaction was never committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Integer, insert, literal, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from readiness import LoadResult, escape, load_workbook
from readiness.ingest import MAPPING_COLUMNS, mapping_frame
from readiness.ingest.recipe import Recipe
from readiness.model import schema as s
from readiness.model.problems import Code, Problem, Severity, error
from readiness.paths import DEMO_WORKBOOK
from readiness.store import codec, frames, logins, upgrade, vocabulary
from readiness.store import tables as db
from readiness.store.changes import changes
from readiness.store.frames import OBSERVATION_FIELDS, VILLAGE_FIELDS
from readiness.store.merge import Combined, Mode, combine, merge_conflicts, same_data

log = logging.getLogger(__name__)
DEMO_AUTHOR = "demo"


@dataclass(frozen=True)
class Version:
    id: int
    created_at: dt.datetime
    author: str
    note: str
    mode: Mode
    filename: str | None
    sha256: str | None
    restored_from: int | None
    is_demo: bool
    observation_rows: int
    village_rows: int


@dataclass
class Upload:
    """A checked file ready to commit: its bytes and name, its canonical frames, the warnings the
    analyst accepted, how its columns were read, and the values corrected in the preview."""

    content: bytes
    filename: str
    observations: pd.DataFrame
    villages: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    mapping: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MAPPING_COLUMNS))
    edits: list[dict] = field(default_factory=list)
    given: pd.DataFrame | None = None  # per village: the fields the file itself gave
    recipe: Recipe | None = None  # how the analyst said the file is read, kept for its layout
    words: dict[str, tuple[str, str]] = field(default_factory=dict)  # header -> (field, written)

    @classmethod
    def of(cls, result: LoadResult, content: bytes, filename: str, edits=()) -> Upload:
        return cls(
            content,
            filename,
            result.observations,
            result.villages,
            result.problems,
            result.mapping,
            list(edits),
            result.given,
        )

    @property
    def data(self) -> Combined:
        return Combined(self.observations, self.villages, self.given)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass
class Committed:
    """What a commit did: the new version, or the problems that refused it (nothing changed)."""

    version: Version | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.version is not None


@dataclass(frozen=True)
class Original:
    filename: str
    content: bytes


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store(logins.LoginThrottle):
    def __init__(self, url: str | None = None, *, lock_timeout_s: float = db.LOCK_TIMEOUT_S):
        self.url = url or db.database_url()
        self.engine = db.make_engine(self.url, lock_timeout_s)

    # --- setting up ---------------------------------------------------------------------------
    def setup(self, seed: Path | None = DEMO_WORKBOOK) -> None:
        """Creates the tables if needed and, on first start, stores ``seed`` as version 1 (demo).
        Safe when several app processes start at once."""
        try:
            db.metadata.create_all(self.engine)
        except (IntegrityError, OperationalError):  # another process created them meanwhile
            db.metadata.create_all(self.engine)
        self._upgrade_login_failures()
        upgrade.add_checks(self.engine)
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(db.current).values(id=1, version_id=None))
        except IntegrityError:
            pass  # already there
        if seed is not None and self.current_id() is None:
            self._seed(seed)

    def _seed(self, path: Path) -> None:
        content = path.read_bytes()
        result = load_workbook(content, filename=path.name)
        upload = Upload.of(result, content, path.name)
        with self._writing() as conn:
            if self._locked_current(conn) is not None:
                return  # another process seeded first
            self._add_version(
                conn,
                upload,
                upload.data,
                Mode.DEMO,
                author=DEMO_AUTHOR,
                note="",
                is_demo=True,
            )

    def dispose(self) -> None:
        self.engine.dispose()

    # --- reading ---------------------------------------------------------------------------
    def current_id(self) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(db.current.c.version_id)).scalar_one_or_none()

    def current(self) -> Version | None:
        version_id = self.current_id()
        return None if version_id is None else self.version(version_id)

    def version(self, version_id: int) -> Version:
        with self.engine.connect() as conn:
            row = conn.execute(select(*_VERSION_COLUMNS).where(db.versions.c.id == version_id))
            return _version(row.one())

    def versions(self) -> list[Version]:
        """Every version, the newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(*_VERSION_COLUMNS).order_by(db.versions.c.id.desc()))
            return [_version(row) for row in rows]

    def data(self, version_id: int) -> LoadResult:
        """A version's data as the loader gives it: observations, villages, the warnings that
        were accepted with the file, and how its columns were read."""
        with self.engine.connect() as conn:
            kept = frames.read(conn, version_id)
            row = conn.execute(
                select(db.versions.c.problems, db.versions.c.mapping).where(
                    db.versions.c.id == version_id
                )
            ).one()
        mapping = mapping_frame(row.mapping)
        problems = [codec.problem(p) for p in row.problems]
        return LoadResult(kept.observations, kept.villages, problems, mapping)

    def recipes(self, limit: int = 30) -> list[Recipe]:
        """The recipes analysts made, the newest first (one per layout), to read a file of the
        same layout the same way."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(db.versions.c.mapping).order_by(db.versions.c.id.desc()).limit(200)
            ).all()
        found, layouts = [], set()
        for (kept,) in rows:
            recipe = Recipe.from_json(kept.get("recipe")) if isinstance(kept, dict) else None
            if recipe is not None and recipe.header_cells not in layouts:
                layouts.add(recipe.header_cells)
                found.append(recipe)
                if len(found) == limit:
                    break
        return found

    def vocabulary(self) -> dict[str, str]:
        """The analysts' own header words: header (normalised) -> what it is read as."""
        with self.engine.connect() as conn:
            return vocabulary.words(conn)

    def vocabulary_list(self) -> list[vocabulary.Word]:
        with self.engine.connect() as conn:
            return vocabulary.listed(conn)

    def forget_words(self, headers: Sequence[str]) -> None:
        with self._writing() as conn:
            vocabulary.forget(conn, headers)

    def original(self, version_id: int) -> Original | None:
        """The file a version was made from, byte for byte (none for a rollback)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(db.versions.c.filename, db.files.c.content)
                .join(db.files, db.files.c.sha256 == db.versions.c.sha256)
                .where(db.versions.c.id == version_id)
            ).one_or_none()
        return None if row is None else Original(row.filename, bytes(row.content))

    def demo_rows(self, version_id: int) -> tuple[int, int]:
        """How many of a version's rows are demo rows (equal to a row the demo workbook
        stored), and how many rows it has."""
        rows = self.data(version_id).observations
        seeds = [v.id for v in self.versions() if v.mode is Mode.DEMO]
        if not seeds or rows.empty:
            return 0, len(rows)
        demo = pd.concat([self.data(i).observations for i in seeds]).drop_duplicates()
        found = rows.merge(demo, on=list(s.OBSERVATION_COLUMNS), how="left", indicator=True)
        return int((found["_merge"] == "both").sum()), len(rows)

    def changes(self, old_id: int, new_id: int) -> pd.DataFrame:
        return changes(self.data(old_id).observations, self.data(new_id).observations)

    # --- writing ---------------------------------------------------------------------------
    def commit(
        self,
        upload: Upload,
        *,
        mode: Mode,
        author: str,
        note: str = "",
        expected: int | None = None,
    ) -> Committed:
        """Stores ``upload`` as a new current version in one transaction (see ``merge`` for what
        each ``mode`` keeps). Refuses, changing nothing, a file with errors or no rows, school
        years already stored when ``mode`` adds new years only, a file that would change
        nothing, a current version other than ``expected`` (the one the analyst was shown what
        saving would change against: another analyst saved in between), and anything the
        database itself refuses. Never raises."""
        errors = [p for p in upload.problems if p.severity is Severity.ERROR]
        if errors:
            return Committed(None, [error(Code.ERRORS_BLOCK_COMMIT, count=len(errors))])
        if upload.observations.empty:
            return Committed(None, [error(Code.NO_ROWS)])
        try:
            with self._writing() as conn:
                if expected is not None and self._locked_current(conn) != expected:
                    return Committed(None, [error(Code.STORE_CHANGED)])
                return self._commit(conn, upload, mode, author, note)
        except OperationalError:  # the write lock was not free within LOCK_TIMEOUT_S
            return Committed(None, [error(Code.STORE_BUSY)])
        except SQLAlchemyError:  # a value the database refuses: the loader should have said so
            log.exception("the database refused a commit of %r", upload.filename)
            return Committed(None, [error(Code.STORE_REFUSED)])

    def _commit(self, conn: Connection, upload: Upload, mode: Mode, author: str, note: str):
        stored = frames.read(conn, self._locked_current(conn))
        merged, problems = combine(stored, upload.data, mode)
        if merged is None:
            return Committed(None, problems)
        if same_data(stored, merged.data):
            return Committed(None, [error(Code.NOTHING_CHANGES)])
        conflicts = merge_conflicts(merged)
        if conflicts:
            return Committed(None, conflicts)
        version = self._add_version(conn, upload, merged.data, mode, author=author, note=note)
        return Committed(version)

    def rollback(self, version_id: int, *, author: str, note: str = "") -> Version:
        """Makes an older version's data current again, as a new version (so it can be undone)."""
        with self._writing() as conn:
            self._locked_current(conn)
            old = conn.execute(select(*_VERSION_COLUMNS).where(db.versions.c.id == version_id))
            old = _version(old.one())
            new_id = self._insert_version(
                conn,
                author=author,
                note=note,
                mode=Mode.ROLLBACK,
                filename=None,  # a rollback has no file of its own
                sha256=None,
                restored_from=old.id,
                is_demo=old.is_demo,
                observation_rows=old.observation_rows,
                village_rows=old.village_rows,
                problems=_json_column(conn, db.versions.c.problems, old.id),
                mapping=_json_column(conn, db.versions.c.mapping, old.id),
                edits=[],
            )
            for table in (db.observations, db.villages):
                columns = [c for c in table.c if c.name != "version_id"]
                copied = select(literal(new_id, Integer), *columns).where(
                    table.c.version_id == old.id
                )
                conn.execute(
                    insert(table).from_select(["version_id", *(c.name for c in columns)], copied)
                )
            self._make_current(conn, new_id)
            return _version(
                conn.execute(select(*_VERSION_COLUMNS).where(db.versions.c.id == new_id)).one()
            )

    def _writing(self):
        return self.engine.execution_options(write=True).begin()

    @staticmethod
    def _locked_current(conn: Connection) -> int | None:
        query = select(db.current.c.version_id).where(db.current.c.id == 1).with_for_update()
        return conn.execute(query).scalar_one()

    def _add_version(
        self,
        conn: Connection,
        upload: Upload,
        data: Combined,
        mode: Mode,
        *,
        author: str,
        note: str,
        is_demo: bool = False,
    ) -> Version:
        sha = upload.sha256
        exists = conn.execute(select(db.files.c.sha256).where(db.files.c.sha256 == sha)).first()
        if exists is None:
            conn.execute(
                insert(db.files).values(
                    sha256=sha, size=len(upload.content), content=upload.content
                )
            )
        version_id = self._insert_version(
            conn,
            author=author,
            note=note,
            mode=mode,
            filename=file_name(upload.filename),
            sha256=sha,
            restored_from=None,
            is_demo=is_demo,
            observation_rows=len(data.observations),
            village_rows=len(data.villages),
            problems=[codec.problem_json(p) for p in upload.problems],
            mapping={
                "columns": codec.records(upload.mapping),
                "recipe": None if upload.recipe is None else upload.recipe.as_json(),
            },
            edits=list(upload.edits),
        )
        vocabulary.remember(conn, upload.words, author, version_id)
        frames.insert_frame(
            conn, db.observations, version_id, data.observations, OBSERVATION_FIELDS
        )
        frames.insert_frame(conn, db.villages, version_id, data.villages, VILLAGE_FIELDS)
        self._make_current(conn, version_id)
        row = conn.execute(select(*_VERSION_COLUMNS).where(db.versions.c.id == version_id)).one()
        return _version(row)

    @staticmethod
    def _insert_version(conn: Connection, **values) -> int:
        values["mode"] = str(values["mode"])
        values["author"] = escape.shorten(escape.clean(values["author"]), db.AUTHOR_MAX)
        values["note"] = escape.shorten(escape.clean(values["note"]), db.NOTE_MAX)
        result = conn.execute(insert(db.versions).values(created_at=_now(), **values))
        return result.inserted_primary_key[0]

    @staticmethod
    def _make_current(conn: Connection, version_id: int) -> None:
        conn.execute(update(db.current).where(db.current.c.id == 1).values(version_id=version_id))


_VERSION_COLUMNS = [
    db.versions.c[name]
    for name in (
        "id",
        "created_at",
        "author",
        "note",
        "mode",
        "filename",
        "sha256",
        "restored_from",
        "is_demo",
        "observation_rows",
        "village_rows",
    )
]


def file_name(written: str) -> str:
    """A file's name as it is kept: its last path part, without control characters, at most
    ``FILENAME_MAX`` characters (its extension kept)."""
    name = escape.clean(written).replace("\\", "/").rsplit("/", 1)[-1].strip() or "file"
    if len(name) <= db.FILENAME_MAX:
        return name
    stem, dot, extension = name.rpartition(".")
    keep = db.FILENAME_MAX - len(extension) - 2
    return f"{stem[:keep]}…{dot}{extension}" if dot and keep > 0 else name[: db.FILENAME_MAX]


def _version(row) -> Version:
    values = row._asdict()
    values["created_at"] = db.as_utc(values["created_at"])
    values["mode"] = Mode(values["mode"])
    return Version(**values)


def _json_column(conn: Connection, column, version_id: int):
    return conn.execute(select(column).where(db.versions.c.id == version_id)).scalar_one()
