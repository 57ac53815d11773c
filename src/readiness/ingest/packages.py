"""Checking a zip-based spreadsheet (.xlsx, .xlsm, .ods) before anything reads it.

Nothing here inflates more than the limits allow:

* the central directory gives each part's packed and unpacked size, so a zip bomb (a part that
  unpacks a hundred times or more, or parts that unpack past the limit) is refused without
  inflating it;
* an Excel binary workbook (.xlsb) is refused: python-calamine would read one (it tries .xlsb
  when a zip is not an .xlsx), but nothing here measures its sheets;
* each worksheet is measured for the farthest cell it places (``worksheets``): the parts the
  package's relationships name as sheets, and any other XML part that holds a ``sheetData``
  element (in UTF-8 or UTF-16), since a reader lays a sheet out as a full rectangle and one cell
  at XFD1048576 would ask for 17 billion cells and end the process;
* an OpenDocument file's content.xml is measured with its repeats multiplied (``opendocument``).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import TYPE_CHECKING

from zlib_ng import zlib_ng

from readiness.ingest.extent import MB, Unreadable, refusal
from readiness.ingest.opendocument import table_problem
from readiness.ingest.relationships import normalised, worksheet_parts
from readiness.ingest.worksheets import sheet_extent
from readiness.model.problems import Code, Problem, error

if TYPE_CHECKING:
    from readiness.ingest.extent import Limits

SHEET_DATA = tuple("sheetData".encode(code) for code in ("ascii", "utf-16-le", "utf-16-be"))


def check_package(data: bytes, limits: Limits) -> Problem | None:
    """The problem that stops this zip-based file from being read safely, if any."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return error(Code.UNREADABLE)
    names = {normalised(p.filename) for p in parts}
    if "[content_types].xml" not in names and "mimetype" not in names:
        return error(Code.NOT_A_SPREADSHEET)
    if any(name.endswith("workbook.bin") for name in names):
        return error(Code.BINARY_WORKBOOK)
    bomb = _bomb(parts, limits)
    if bomb is not None:
        return bomb
    try:
        return _extents(data, parts, limits)
    except (
        Unreadable,
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        zlib.error,
        zlib_ng.error,
    ):
        return error(Code.UNREADABLE)  # a part that does not inflate to what it claims


def _bomb(parts: list[zipfile.ZipInfo], limits: Limits) -> Problem | None:
    unpacked = sum(p.file_size for p in parts)
    packed = max(1, sum(p.compress_size for p in parts))
    worst = max(
        (p.file_size / max(1, p.compress_size) for p in parts if p.file_size > MB), default=0
    )
    if unpacked > limits.max_unpacked_bytes or worst > limits.max_ratio:
        ratio = round(max(worst, unpacked / packed))
        return error(Code.ZIP_BOMB, size_mb=round(unpacked / MB, 1), ratio=ratio)
    return None


def _extents(data: bytes, parts: list[zipfile.ZipInfo], limits: Limits) -> Problem | None:
    by_name = {p.filename: p for p in parts}
    sheets = worksheet_parts(list(by_name), lambda name: _inflate(data, by_name[name]))
    for part in parts:
        problem = _part_problem(data, part, part.filename in sheets, limits)
        if problem is not None:
            return problem
    return None


def _part_problem(
    data: bytes, part: zipfile.ZipInfo, is_sheet: bool, limits: Limits
) -> Problem | None:
    """What measuring one part finds: as an OpenDocument content.xml if it is named so, and as
    a worksheet if the relationships name it one or it is XML that holds a ``sheetData``."""
    xml = _inflate(data, part)
    if normalised(part.filename) == "content.xml":
        problem = table_problem(xml, limits)
        if problem is not None:
            return problem
    if is_sheet or (_xml_like(xml) and any(word in xml for word in SHEET_DATA)):
        return refusal(sheet_extent(xml, limits), limits)
    return None


def _xml_like(part: bytes) -> bool:
    """Whether a part starts as XML does (in UTF-8 or UTF-16), unlike an image or a macro
    project that may hold the letters "sheetData" by chance."""
    head = part[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<", b"\xff\xfe", b"\xfe\xff", b"\x00<"))


def _inflate(data: bytes, part: zipfile.ZipInfo) -> bytes:
    """A part's bytes, never more than its declared size (a part that inflates past what the
    directory says is refused as damaged)."""
    packed = _packed(data, part)
    if part.compress_type == zipfile.ZIP_STORED:
        return packed
    if part.compress_type != zipfile.ZIP_DEFLATED:
        raise ValueError("unsupported compression")
    unpacked = zlib_ng.decompressobj(-zlib.MAX_WBITS).decompress(packed, part.file_size + 1)
    if len(unpacked) != part.file_size:
        raise ValueError("part size differs from its directory entry")
    return unpacked


def _packed(data: bytes, part: zipfile.ZipInfo) -> bytes:
    name_length, extra_length = struct.unpack(
        "<HH", data[part.header_offset + 26 : part.header_offset + 30]
    )
    start = part.header_offset + 30 + name_length + extra_length
    return data[start : start + part.compress_size]
