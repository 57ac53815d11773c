"""The database's observations and villages tables hold the schema's columns, by the schema's
names (``store/tables.py`` takes them from ``readiness.model.schema``)."""

from __future__ import annotations

from readiness.model import schema as s
from readiness.store import tables as db


def test_the_observations_table_has_the_schemas_columns_after_the_version():
    names = [column.name for column in db.observations.columns]
    assert names[0] == "version_id"
    assert sorted(names[1:]) == sorted(s.OBSERVATION_COLUMNS)
    assert [c.name for c in db.observations.primary_key] == ["version_id", *s.KEYS]


def test_the_villages_table_has_the_schemas_columns_in_order_after_the_version():
    names = [column.name for column in db.villages.columns]
    assert names == ["version_id", *s.VILLAGE_COLUMNS]
