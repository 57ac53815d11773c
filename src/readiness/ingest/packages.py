"""Checking a zip-based spreadsheet (.xlsx, .xlsm, .ods) before anything reads it.

Nothing here inflates more than the limits allow:

* the central directory gives each part's packed and unpacked size, so a zip bomb (a part that
  unpacks a hundred times or more, or parts that unpack past the limit) is refused without
  inflating it;
* each worksheet is then scanned for the farthest cell it places. A reader lays a sheet out as a
  full rectangle, so one cell at XFD1048576 would ask for 17 billion cells and end the process.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from readiness.problems import Code, Problem, error

MB = 1024 * 1024
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
# A cell's reference is its attribute r="XFD17", wherever it stands among the attributes.
_COLUMNS = re.compile(rb' r="([A-Z]+)[0-9]')
_ROWS = re.compile(rb' r="[A-Z]{0,3}(\d+)"')
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d+)"[^>]*>(.{0,400})', re.DOTALL)


@dataclass(frozen=True)
class PackageLimits:
    max_unpacked_bytes: int
    max_ratio: int
    max_rows: int
    max_columns: int
    max_cells: int


def check_package(data: bytes, limits: PackageLimits) -> Problem | None:
    """The problem that stops this zip-based file from being read safely, if any."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return error(Code.UNREADABLE)
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names and "mimetype" not in names:
        return error(Code.NOT_A_SPREADSHEET)
    bomb = _bomb(parts, limits)
    if bomb is not None:
        return bomb
    try:
        return _extents(data, parts, limits)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error):
        return error(Code.UNREADABLE)  # a part that does not inflate to what it claims


def _bomb(parts: list[zipfile.ZipInfo], limits: PackageLimits) -> Problem | None:
    unpacked = sum(p.file_size for p in parts)
    packed = max(1, sum(p.compress_size for p in parts))
    worst = max(
        (p.file_size / max(1, p.compress_size) for p in parts if p.file_size > MB), default=0
    )
    if unpacked > limits.max_unpacked_bytes or worst > limits.max_ratio:
        ratio = round(max(worst, unpacked / packed))
        return error(Code.ZIP_BOMB, size_mb=round(unpacked / MB, 1), ratio=ratio)
    return None


def _extents(data: bytes, parts, limits: PackageLimits) -> Problem | None:
    for part in parts:
        if _WORKSHEET.match(part.filename):
            problem = _worksheet_extent(_inflate(data, part), limits)
        elif part.filename == "content.xml":
            problem = _ods_extent(_inflate(data, part), limits)
        else:
            continue
        if problem is not None:
            return problem
    return None


def _inflate(data: bytes, part: zipfile.ZipInfo) -> bytes:
    """A part's bytes, never more than its declared size (a part that inflates past what the
    directory says is refused as damaged)."""
    name_length, extra_length = struct.unpack(
        "<HH", data[part.header_offset + 26 : part.header_offset + 30]
    )
    start = part.header_offset + 30 + name_length + extra_length
    packed = data[start : start + part.compress_size]
    if part.compress_type == zipfile.ZIP_STORED:
        return packed
    if part.compress_type != zipfile.ZIP_DEFLATED:
        raise ValueError("unsupported compression")
    unpacked = zlib.decompressobj(-zlib.MAX_WBITS).decompress(packed, part.file_size + 1)
    if len(unpacked) != part.file_size:
        raise ValueError("part size differs from its directory entry")
    return unpacked


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _worksheet_extent(xml: bytes, limits: PackageLimits) -> Problem | None:
    """The rows and columns a sheet's cells reach. One pass looks for any reference with two
    letters or with as many digits as the row limit; only a sheet that has one is measured."""
    digits = len(str(limits.max_rows))
    small = 26 * (10 ** (digits - 1) - 1) <= limits.max_cells
    if small and not re.search(rb' r="(?:[A-Z]{2}|[A-Z]*[0-9]{%d})' % digits, xml):
        return None  # at most column Z and fewer rows than the limit: within every limit
    columns = max(map(_column_number, _COLUMNS.findall(xml)), default=0)
    rows = max((int(r) for r in _ROWS.findall(xml)), default=0)
    return _too_large(rows, columns, limits)


def _ods_extent(xml: bytes, limits: PackageLimits) -> Problem | None:
    """ODS repeats a row or a cell with number-rows/columns-repeated; a long repeat of a cell
    that holds a value is laid out in full."""
    rows = columns = 0
    for kind, count, following in _ODS_REPEAT.findall(xml):
        holds_value = b"office:value-type" in following.split(b">", 1)[0] or (
            kind == b"rows" and b"office:value-type" in following
        )
        if holds_value:
            if kind == b"rows":
                rows = max(rows, int(count))
            else:
                columns = max(columns, int(count))
    return _too_large(rows, columns, limits)


def _too_large(rows: int, columns: int, limits: PackageLimits) -> Problem | None:
    if rows > limits.max_rows:
        return error(Code.TOO_MANY_ROWS, count=rows, limit=limits.max_rows)
    if columns > limits.max_columns or rows * columns > limits.max_cells:
        return error(Code.SHEET_TOO_LARGE, rows=rows, columns=columns, limit=limits.max_cells)
    return None
