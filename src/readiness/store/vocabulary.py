"""The analysts' own header words, kept in the database: a header (normalised) and what it is
read as. A header mapped by hand on the Upload page can be remembered, so that the next file that
uses it is read without help; History lists them, and an analyst can forget one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from readiness import escape
from readiness.store import tables as db

_TABLE = db.vocabulary


@dataclass(frozen=True)
class Word:
    header: str  # normalised
    field: str
    written: str  # as the analyst saw it in the file
    added_by: str
    added_at: dt.datetime
    version_id: int | None


def words(conn: Connection) -> dict[str, str]:
    return {row.header: row.field for row in conn.execute(select(_TABLE.c.header, _TABLE.c.field))}


def listed(conn: Connection) -> list[Word]:
    rows = conn.execute(select(*_TABLE.c).order_by(_TABLE.c.added_at.desc())).all()
    return [Word(**{**row._asdict(), "added_at": db.as_utc(row.added_at)}) for row in rows]


def remember(
    conn: Connection, found: Mapping[str, tuple[str, str]], author: str, version_id: int
) -> None:
    """Keeps each header -> (field, as written), replacing what an earlier analyst said."""
    now = dt.datetime.now(dt.UTC)
    for header, (field, written) in found.items():
        header = escape.shorten(escape.clean(header), db.NAME_COLUMN)
        if not header:
            continue
        conn.execute(delete(_TABLE).where(_TABLE.c.header == header))
        conn.execute(
            insert(_TABLE).values(
                header=header,
                field=field,
                written=escape.shorten(escape.clean(written), db.NAME_COLUMN),
                added_by=escape.shorten(escape.clean(author), db.AUTHOR_MAX),
                added_at=now,
                version_id=version_id,
            )
        )


def forget(conn: Connection, headers: Sequence[str]) -> None:
    conn.execute(delete(_TABLE).where(_TABLE.c.header.in_(list(headers))))
