"""Turning file bytes into grids of cell values, one per sheet, recognised by content, not by name.

Spreadsheets (.xlsx, .xlsm, .xls, .ods) are read with python-calamine, which reads cell values only
and never runs macros. CSV and text files are decoded (UTF-8, UTF-8 with BOM or cp1251) and split on
the separator they use. Row 0, column 0 of a grid is cell A1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import python_calamine as calamine

from readiness.problems import Code, Problem, error

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_ENCODINGS = ("utf-8-sig", "cp1251")
SEPARATORS = ";,\t|"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_sheets: int = 200
    max_rows: int = 200_000
    max_columns: int = 2_000


@dataclass
class Grid:
    """One sheet's cells as Python values (str, float, int, bool, date or None)."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def read_grids(data: bytes, limits: Limits) -> tuple[list[Grid], list[Problem]]:
    """Every sheet of the file as a grid, or the problem that stops it from being read."""
    if len(data) > limits.max_bytes:
        mb = 1024 * 1024
        return [], [error(Code.FILE_TOO_LARGE, size_mb=round(len(data) / mb, 1),
                          limit_mb=round(limits.max_bytes / mb, 1))]  # fmt: skip
    if not data.strip():
        return [], [error(Code.EMPTY_FILE)]
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return _read_spreadsheet(data, limits)
    text = _decode(data)
    if text is None:
        return [], [error(Code.NOT_A_SPREADSHEET)]
    return [_read_text(text)], []


def _read_spreadsheet(data: bytes, limits: Limits) -> tuple[list[Grid], list[Problem]]:
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = [_read_sheet(book, name) for name in book.sheet_names[: limits.max_sheets]]
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, ValueError, OSError):
        return [], [error(Code.UNREADABLE)]
    return grids, []


def _read_sheet(book: calamine.CalamineWorkbook, name: str) -> Grid:
    sheet = book.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    return Grid(name, rectangular(rows), list(sheet.merged_cell_ranges or []))


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    return None


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in sample)
    return printable >= 0.95 * len(sample)


def _read_text(text: str) -> Grid:
    sample = text[:20_000]
    try:
        separator = csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        separator = max(SEPARATORS, key=sample.count)
    rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=separator)]
    return Grid("CSV", rectangular(rows))


def rectangular(rows: list[list[object]]) -> list[list[object]]:
    """Rows padded with empty cells to the same width, so that columns can be read at once."""
    widths = set(map(len, rows))
    if len(widths) <= 1:
        return rows
    width = max(widths)
    return [row + [""] * (width - len(row)) for row in rows]
