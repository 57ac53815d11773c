"""How far a sheet reaches, and the problem when that is past the limits.

A reader lays a sheet out as a full rectangle from A1 to its farthest cell, so the extent, not the
number of cells written, is what costs memory. Every pre-parse check (``worksheets``, ``biff``,
``opendocument``, ``delimited``) measures an ``Extent`` that is exact or larger than what the
reader will lay out, never smaller, and hands it to ``refusal``.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model.problems import Code, Problem, error

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a file may be before it is refused, and what reading it may cost: the one place
    where every limit of the loader is set. The file limits are checked before parsing (text
    files: while reading); the last three bound the child process that reads an upload."""

    max_bytes: int = 20 * MB
    max_unpacked_bytes: int = 200 * MB
    max_ratio: int = 100  # unpacked / packed size of any part over a megabyte
    max_sheets: int = 100
    max_rows: int = 200_000
    max_columns: int = 2_000
    max_cells: int = 10_000_000
    max_field_chars: int = 32_767  # the most characters an Excel cell holds
    memory_budget: int = 1536 * MB  # address space a reading child may add to its own
    cpu_seconds: int = 30  # processor time a reading child may use
    wall_seconds: float = 60.0  # time a reading child may take before it is killed


class Unreadable(ValueError):
    """The file's structure is broken in a way that its reader would refuse or trip over."""


@dataclass(frozen=True)
class Extent:
    """The rows and columns a sheet reaches, counted from A1 (row 1 and column 1 are 1)."""

    rows: int = 0
    columns: int = 0

    def reach(self, row: int, column: int) -> Extent:
        """This extent grown to take in the cell at ``row``, ``column`` (both 1-based)."""
        return Extent(max(self.rows, row), max(self.columns, column))

    def __or__(self, other: Extent) -> Extent:
        return self.reach(other.rows, other.columns)


def refusal(extent: Extent, limits: Limits, sheet: str | None = None) -> Problem | None:
    """The problem a sheet of this extent gives, if it is past a limit."""
    rows, columns = extent.rows, extent.columns
    if rows > limits.max_rows:
        return error(Code.TOO_MANY_ROWS, sheet, count=rows, limit=limits.max_rows)
    if columns > limits.max_columns or rows * columns > limits.max_cells:
        return error(
            Code.SHEET_TOO_LARGE, sheet, rows=rows, columns=columns, limit=limits.max_cells
        )
    return None


def column_number(letters: str) -> int:
    """The 1-based number of a column named in letters: A is 1, Z is 26, AA is 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def cell_name(row: int, column: int) -> str:
    """Zero-based (row, column) as an A1 reference: (6, 3) -> "D7"."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"
