"""Reading a villages sheet: each village's municipality, project status, start year and place."""

from __future__ import annotations

from readiness.ingest.tables import Table
from readiness.ingest.values import (
    is_blank,
    is_missing_word,
    name_problem,
    parse_float,
    parse_name,
    parse_year,
    parse_yes_no,
    unprotect,
)
from readiness.ingest.words import normalise, words
from readiness.model import schema as s
from readiness.model.problems import Problem, error

SHEET_FIELDS = (s.MUNICIPALITY, s.DISTRICT, s.IN_PROJECT, s.PROJECT_START, s.LATITUDE, s.LONGITUDE)


def _value(row: list[object], table: Table, name: str) -> object:
    column = table.column(name)
    return row[column.index] if column is not None and column.index < len(row) else None


def _parsed(row, r, table, name, parse, problems) -> object:
    value = _value(row, table, name)
    if is_missing_word(value):
        return None
    parsed, code = parse(value)
    if code:
        where = table.cell(r, table.column(name).index)
        problems.append(error(code, table.grid.name, where, value=value))
    return parsed


def read_villages(table: Table) -> tuple[list[dict[str, object]], list[Problem]]:
    """The rows of a villages sheet, each with the sheet and cell of its village name."""
    rows, problems = [], []
    totals = words().values["total"]
    village = table.column(s.VILLAGE)
    for r in range(table.data_row, table.last_row):
        row = table.grid.rows[r]
        written = _value(row, table, s.VILLAGE)
        if is_blank(written) or normalise(written) in totals:
            continue
        name, code = parse_name(written)
        if code is not None:
            problems.append(
                name_problem(code, written, table.grid.name, table.cell(r, village.index))
            )
            continue
        record: dict[str, object] = {
            "village_raw": name,
            "sheet": table.grid.name,
            "cell": table.cell(r, village.index),
            s.MUNICIPALITY: _value(row, table, s.MUNICIPALITY),
            s.DISTRICT: unprotect(_value(row, table, s.DISTRICT)),
            s.IN_PROJECT: _parsed(row, r, table, s.IN_PROJECT, parse_yes_no, problems),
            s.PROJECT_START: _parsed(row, r, table, s.PROJECT_START, parse_year, problems),
        }
        for coordinate in (s.LATITUDE, s.LONGITUDE):
            record[coordinate] = parse_float(_value(row, table, coordinate))
        record["filled"] = any(not is_blank(_value(row, table, f)) for f in SHEET_FIELDS)
        rows.append(record)
    return rows, problems
