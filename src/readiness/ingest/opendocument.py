"""How far the tables of an .ods file reach, read from its content.xml before any reader does.

OpenDocument compresses a run of equal rows or cells into one element with
``number-rows-repeated`` or ``number-columns-repeated``, so a file of a few hundred bytes can
describe billions of cells. python-calamine lays each table out from A1 to the farthest cell that
holds something (a value or a formula): a repeated value cell inside a repeated row fills rows
times columns. Runs of empty cells and rows after the last value are dropped (LibreOffice writes
such a run at the end of every row and table), but a run of empty cells followed by any other
cell of the same row is kept in memory cell by cell.

``table_problem`` streams content.xml through defusedxml's expat and, per table, measures both:
the extent (rows times columns, repeats multiplied through) and the cells kept row by row. It
counts a cell as holding something when it has any value or formula attribute or any content,
whatever the namespace prefix, so it is exact or larger, never smaller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.sax import ContentHandler

from readiness.ingest.extent import Extent, Unreadable, refusal
from readiness.ingest.worksheets import parse
from readiness.model.problems import Code, Problem, error

if TYPE_CHECKING:
    from readiness.ingest.extent import Limits

CELLS = ("table-cell", "covered-table-cell")
# attributes (by local name) that give a cell a value or a formula
HOLDING = {
    "value",
    "string-value",
    "date-value",
    "time-value",
    "boolean-value",
    "value-type",
    "formula",
}
_REPEAT = re.compile(r"\+?[0-9]+")


@dataclass
class _Table:
    """One table as it is read: where the next row starts, what holds something so far."""

    extent: Extent = field(default_factory=Extent)
    row: int = 0  # rows before the current row element, repeats counted
    column: int = 0  # columns before the current cell element in its row
    row_repeat: int = 1
    row_holds: bool = False
    trailing_empty: int = 0  # the current row's last run, if it is empty
    kept: int = 0  # cells kept in memory, row element by row element
    widest: int = 0  # the most columns a row element spans
    cells: list[list] = field(default_factory=list)  # open cells: [repeat, holds], innermost last

    def start_row(self, repeat: int) -> None:
        self.row_repeat, self.row_holds, self.column, self.trailing_empty = repeat, False, 0, 0

    def end_cell(self) -> None:
        """The innermost open cell, placed (a cell inside a cell counts as one more)."""
        repeat, holds = self.cells.pop()
        self.column += repeat
        self.trailing_empty = 0 if holds else repeat
        if holds:
            self.row_holds = True
            self.extent = self.extent.reach(0, self.column)

    def end_row(self) -> None:
        self.kept += self.column - self.trailing_empty
        self.widest = max(self.widest, self.column)
        self.row += self.row_repeat
        if self.row_holds:
            self.extent = self.extent.reach(self.row, 0)


class _Tables(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[_Table] = []  # a table may sit inside a cell of another
        self.done: list[_Table] = []

    def startElement(self, name, attrs):  # the SAX interface names it
        local = name.rpartition(":")[2]
        table = self.open[-1] if self.open else None
        if table is not None and table.cells:
            table.cells[-1][1] = True  # any content counts as something
        if local == "table":
            self.open.append(_Table())
        elif table is not None and local == "table-row":
            table.start_row(_repeat(attrs, "number-rows-repeated"))
        elif table is not None and local in CELLS:
            holds = any(n.rpartition(":")[2] in HOLDING for n in attrs.getNames())
            table.cells.append([_repeat(attrs, "number-columns-repeated"), holds])

    def endElement(self, name):  # the SAX interface names it
        local = name.rpartition(":")[2]
        table = self.open[-1] if self.open else None
        if table is None:
            return
        if local in CELLS and table.cells:
            table.end_cell()
        elif local == "table-row":
            table.end_row()
        elif local == "table":
            self.done.append(self.open.pop())


def _repeat(attrs, local: str) -> int:
    """A repeat count, as calamine parses it; anything else makes the file unreadable."""
    names = [n for n in attrs.getNames() if n.rpartition(":")[2] == local]
    if not names:
        return 1
    text = attrs[names[-1]]
    if not _REPEAT.fullmatch(text) or int(text) < 1:
        raise Unreadable(f"{local}={text[:20]!r}")
    return int(text)


def table_extents(content: bytes) -> list[Extent]:
    """How far each table of content.xml reaches, repeats multiplied through."""
    return [table.extent for table in _measured(content)]


def _measured(content: bytes) -> list[_Table]:
    tables = _Tables()
    parse(content, tables)
    return tables.done


def table_problem(content: bytes, limits: Limits) -> Problem | None:
    """The problem that stops content.xml's tables from being laid out, if any."""
    tables = _measured(content)
    if len(tables) > limits.max_sheets:
        return error(Code.TOO_MANY_SHEETS, count=len(tables), limit=limits.max_sheets)
    for table in tables:
        problem = refusal(table.extent, limits)
        if problem is not None:
            return problem
        if table.kept > limits.max_cells:  # empty runs held cell by cell
            return error(
                Code.SHEET_TOO_LARGE, rows=table.row, columns=table.widest, limit=limits.max_cells
            )
    return None
