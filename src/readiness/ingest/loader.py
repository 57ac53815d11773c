"""``load_workbook``: any spreadsheet people make, turned into the canonical frames, never raising.

It reads in the calling process, so it is for files we trust (the bundled demo, a benchmark).
Uploaded files go through ``readiness.ingest.sandbox.load_untrusted``, which runs this same
function in a child process that a hostile file cannot take the server down with.

>>> result = load_workbook("file.xlsx")   # or bytes / a file object, with filename=
>>> result.ok, result.observations, result.villages, result.problems, result.mapping
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from readiness import schema as s
from readiness.ingest.assemble import PROVENANCE, assemble
from readiness.ingest.extract import (
    Extract,
    SheetContext,
    Source,
    cell_name,
    read_observations,
)
from readiness.ingest.sources import Grid, Limits, read_grids
from readiness.ingest.tables import Table, find_table, found_headers
from readiness.ingest.values import year_in_text
from readiness.ingest.village_rows import read_villages
from readiness.ingest.villages import villages_from
from readiness.ingest.words import nearest_headers, words
from readiness.places import Registry, registry
from readiness.problems import Code, Problem, Severity, error

log = logging.getLogger(__name__)
MAPPING_COLUMNS = ("sheet", "cell", "header", "field", "year", "sex")


@dataclass
class LoadResult:
    observations: pd.DataFrame
    villages: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    mapping: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MAPPING_COLUMNS))
    provenance: pd.DataFrame = field(  # per observation: its source group and source row
        default_factory=lambda: pd.DataFrame(columns=PROVENANCE)
    )
    sources: list[Source] = field(default_factory=list)  # the sheet and columns of each group

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def _read_bytes(source: str | Path | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    return source.read()


def load_workbook(
    source: str | Path | bytes | BinaryIO,
    *,
    filename: str | None = None,
    limits: Limits | None = None,
    places: Registry | None = None,
) -> LoadResult:
    """Reads a spreadsheet into canonical frames; every failure is a problem, never an exception.

    ``source`` is a path, bytes or a binary file object. ``filename`` is used only in messages:
    the format is recognised from the content.
    """
    limits = limits or Limits()
    try:
        data = _read_bytes(source)
    except OSError:
        return failed(error(Code.UNREADABLE))
    try:
        grids, problems = read_grids(data, limits)
        if problems:
            return failed(*problems)
        return _load_grids(grids, places or registry())
    except MemoryError:
        log.warning("load_workbook ran out of memory on a %d-byte file %r", len(data), filename)
        return failed(error(Code.NOT_READ_SAFELY))
    except Exception:  # a file no rule foresaw must still not crash the dashboard
        log.exception("load_workbook failed on a %d-byte file %r", len(data), filename)
        return failed(error(Code.UNREADABLE))
    except BaseException as failure:  # a panic in the Rust reader is not an Exception
        if type(failure).__name__ != "PanicException":
            raise
        log.exception("the reader panicked on a %d-byte file %r", len(data), filename)
        return failed(error(Code.UNREADABLE))


def failed(*problems: Problem) -> LoadResult:
    """A result with no data, only these problems."""
    return LoadResult(s.empty_observations(), s.empty_villages(), list(problems))


def _load_grids(grids: list[Grid], places: Registry) -> LoadResult:
    extract, village_rows, tables = Extract(), [], []
    for grid in grids:
        table = find_table(grid)
        if table is None:
            continue
        tables.append(table)
        if table.kind == "observations":
            read_observations(table, sheet_context(table, places), extract)
        else:
            rows, problems = read_villages(table)
            village_rows.extend(rows)
            extract.problems.extend(problems)
    if not any(t.kind == "observations" for t in tables):
        return failed(_no_table(grids))
    done = assemble(extract.records(), extract.sources, places)
    villages, village_problems = villages_from(
        done.observations, village_rows, done.spellings, places
    )
    problems = [*extract.problems, *done.problems, *village_problems]
    return LoadResult(
        done.observations, villages, problems, _mapping(tables), done.provenance, extract.sources
    )


_GENERIC_SHEET = re.compile(r"^(sheet|лист|барак|page|свод|data|маалымат|данные)\s*\d*$")


def sheet_context(table: Table, places: Registry) -> SheetContext:
    """A school year or a village that the sheet's name or title gives all of its rows."""
    texts = [table.grid.name, *table.titles]
    year = next((y for y, _ in map(year_in_text, texts) if y is not None), None)
    village = next((t for t in texts if places.match_village(t)), None)
    if village is None:
        village = next(
            (w for t in table.titles for w in _title_words(t) if places.match_village(w)), None
        )
    name = table.grid.name.strip()
    per_village = table.column(s.YEAR) is not None and year is None
    if village is None and per_village and not _GENERIC_SHEET.match(name.casefold()):
        village = name
    return SheetContext(year=year, village=village)


def _title_words(title: str) -> list[str]:
    """Single words and pairs of words of a title, to find a village named in it."""
    tokens = title.replace(",", " ").split()
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


def _no_table(grids: list[Grid]) -> Problem:
    found = [h for g in grids for h in found_headers(g)]
    first = words().first
    expected = [first[f]["ky"] for f in (s.VILLAGE, s.YEAR, *s.COUNTS)]
    expected += [first[f]["ru"] for f in (s.VILLAGE, s.YEAR, *s.COUNTS)]
    suggestions = {h: nearest_headers(h) for h in found}
    near = "; ".join(f"{h} → {', '.join(n)}" for h, n in suggestions.items() if n)
    return error(
        Code.NO_TABLE,
        grids[0].name if len(grids) == 1 else None,
        found=", ".join(found) or "—",
        expected=", ".join(expected) + (f" ({near})" if near else ""),
    )


def _mapping(tables: list[Table]) -> pd.DataFrame:
    rows = [
        (t.grid.name, cell_name(t.header_row, c.index), c.header, c.field, c.year, c.sex)
        for t in tables
        for c in t.columns
    ]
    return pd.DataFrame(rows, columns=MAPPING_COLUMNS)
