"""A version's rows: canonical frames written to the observation and village tables, and read back
in canonical order."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from readiness.model import schema as s
from readiness.store import tables as db
from readiness.store.merge import Combined

OBSERVATION_FIELDS = [*s.KEYS, s.MUNICIPALITY, *s.COUNTS]
VILLAGE_FIELDS = list(s.VILLAGE_COLUMNS)


def read(conn: Connection, version_id: int | None) -> Combined:
    """A version's observations and villages, as canonical frames in canonical order."""
    if version_id is None:
        return Combined(s.empty_observations(), s.empty_villages())
    observations = _frame(conn, db.observations, version_id, OBSERVATION_FIELDS)
    villages = _frame(conn, db.villages, version_id, VILLAGE_FIELDS)
    observations = observations[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)
    villages = villages[list(s.VILLAGE_COLUMNS)].astype(s.VILLAGE_DTYPES)
    return Combined(
        s.canonical_order(observations),
        villages.sort_values(s.VILLAGE, kind="stable").reset_index(drop=True),
    )


def _frame(conn: Connection, table, version_id: int, columns: Sequence[str]) -> pd.DataFrame:
    query = select(*(table.c[c] for c in columns)).where(table.c.version_id == version_id)
    rows = conn.execute(query).all()
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pd.DataFrame(  # column by column: far faster than pandas reading row objects
        {
            name: pd.Series(list(column), dtype=object)
            for name, column in zip(columns, values, strict=True)
        }
    )


def insert_frame(
    conn: Connection, table, version_id: int, frame: pd.DataFrame, columns: Sequence[str]
) -> None:
    if frame.empty:
        return
    data = {c: frame[c].to_numpy(dtype=object, na_value=None) for c in columns}
    rows = [
        {"version_id": version_id, **dict(zip(columns, values, strict=True))}
        for values in zip(*(data[c] for c in columns), strict=True)
    ]
    for row in rows:
        for key, value in row.items():
            if isinstance(value, np.generic):
                row[key] = value.item()
    conn.execute(insert(table), rows)
