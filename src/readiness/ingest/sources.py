"""Turning file bytes into grids of cell values, one per sheet, recognised by content, not by name.

Spreadsheets (.xlsx, .xlsm, .xls, .ods) are read with python-calamine, which reads cell values only
and never runs macros. CSV and text files are decoded (UTF-8, UTF-8 with BOM, UTF-16 or cp1251) and
split on the separator they use (``delimited``). Before anything is parsed, the file's size, its
zip or OLE structure and the extent of its sheets are checked against ``Limits`` (``packages``,
``biff``); text files are checked row by row as they are read. Row 0, column 0 of a grid is A1.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import python_calamine as calamine

from readiness.ingest.biff import workbook_problem
from readiness.ingest.delimited import decode, read_rows
from readiness.ingest.extent import MB, Limits, Unreadable
from readiness.ingest.packages import check_package
from readiness.model.problems import Code, Problem, error

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")  # an encrypted .xlsx is an OLE file
_HTML = re.compile(rb"^\s*(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


@dataclass
class Grid:
    """One sheet's cells as Python values (str, float, int, bool, date or None)."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def read_grids(data: bytes, limits: Limits) -> tuple[list[Grid], list[Problem]]:
    """Every sheet of the file as a grid, or the problem that stops it from being read."""
    if len(data) > limits.max_bytes:
        size, limit = round(len(data) / MB, 1), round(limits.max_bytes / MB, 1)
        return [], [error(Code.FILE_TOO_LARGE, size_mb=size, limit_mb=limit)]
    if not data.strip():
        return [], [error(Code.EMPTY_FILE)]
    problem = _refusal(data, limits)
    if problem is not None:
        return [], [problem]
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return _read_spreadsheet(data, limits)
    text = decode(data)
    if text is None:
        return [], [error(Code.NOT_A_SPREADSHEET)]
    rows, problem = read_rows(text, limits)
    if problem is not None:
        return [], [problem]
    return _within_limits([Grid("CSV", rectangular(rows))], limits)


def _refusal(data: bytes, limits: Limits) -> Problem | None:
    """Files recognised as unreadable from their first bytes or their structure."""
    if data.startswith(ZIP_MAGIC):
        return check_package(data, limits)
    if data.startswith(OLE_MAGIC):
        return _ole_refusal(data, limits)
    if _HTML.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return error(Code.HTML_PAGE)
    return None


def _ole_refusal(data: bytes, limits: Limits) -> Problem | None:
    """An encrypted .xlsx, or an .xls whose records ask for too much or do not hold together."""
    if ENCRYPTED_OOXML in data:
        return error(Code.PASSWORD_PROTECTED)
    try:
        return workbook_problem(data, limits)
    except Unreadable:
        return error(Code.UNREADABLE)


def _read_spreadsheet(data: bytes, limits: Limits) -> tuple[list[Grid], list[Problem]]:
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        if len(names) > limits.max_sheets:
            return [], [error(Code.TOO_MANY_SHEETS, count=len(names), limit=limits.max_sheets)]
        grids = [_read_sheet(book, name) for name in names]
    except calamine.PasswordError:
        return [], [error(Code.PASSWORD_PROTECTED)]
    except (calamine.CalamineError, ValueError, OSError, UnicodeError):
        return [], [error(Code.UNREADABLE)]
    return _within_limits(grids, limits)


def _within_limits(grids: list[Grid], limits: Limits) -> tuple[list[Grid], list[Problem]]:
    for grid in grids:
        if len(grid.rows) > limits.max_rows:
            count = len(grid.rows)
            return [], [error(Code.TOO_MANY_ROWS, grid.name, count=count, limit=limits.max_rows)]
    if not any(any(v not in ("", None) for v in row) for g in grids for row in g.rows[:1000]):
        return [], [error(Code.EMPTY_FILE)]
    return grids, []


def _read_sheet(book: calamine.CalamineWorkbook, name: str) -> Grid:
    sheet = book.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    return Grid(name, rectangular(rows), list(sheet.merged_cell_ranges or []))


def rectangular(rows: list[list[object]]) -> list[list[object]]:
    """Rows padded with empty cells to the same width, so that columns can be read at once."""
    widths = set(map(len, rows))
    if len(widths) <= 1:
        return rows
    width = max(widths)
    return [row + [""] * (width - len(row)) for row in rows]
