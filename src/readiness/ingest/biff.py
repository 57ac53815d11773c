"""How far the sheets of an Excel 97-2003 workbook (.xls) reach, read from its BIFF records.

An .xls file is an OLE container whose ``Workbook`` (or ``Book``) stream is a run of records:
a globals part that lists each sheet (BOUNDSHEET: where its records start), then each sheet's
records up to its EOF. python-calamine reads every sheet when it opens the file: it reserves room
for the rectangle a DIMENSIONS record claims (rows times columns, with no upper bound) and lays
out a full rectangle from A1 to the farthest cell of its value and formula records. A two-byte
change in a DIMENSIONS record makes it ask for 257 GB and abort the process; one far cell on each
of ten sheets, gigabytes. (Older versions also reserved as many strings as a shared-string table
claims; an impossible count is refused here as damage.)

``workbook_problem`` walks the same records first (olefile opens the container) and takes from
each sheet the farthest row and column of every record that places a cell (NUMBER, RK, MULRK,
LABELSST, LABEL, RSTRING, BLANK, MULBLANK, BOOLERR, FORMULA, ROW) and the rectangle of
DIMENSIONS: a superset of what calamine uses, so the extent is exact or larger. A structure that
calamine would refuse or trip over (a record running past the stream, a sheet starting outside
it, sheets that overlap, an impossible string count) makes the file unreadable.
"""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING

import olefile

from readiness.ingest.extent import Extent, Unreadable, refusal
from readiness.model.problems import Code, Problem, error

if TYPE_CHECKING:
    from readiness.ingest.extent import Limits

EOF, BOUNDSHEET, SST, DIMENSIONS, ROW = 0x000A, 0x0085, 0x00FC, 0x0200, 0x0208
MULRK, MULBLANK = 0x00BD, 0x00BE
# records whose first four bytes are the row and the column of the cell they place
CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
STREAMS = ("workbook", "book")


def workbook_problem(data: bytes, limits: Limits) -> Problem | None:
    """The problem that stops this .xls file from being read safely, if any."""
    for stream in _streams(data):
        sheets = _sheet_starts(stream)
        if len(sheets) > limits.max_sheets:
            return error(Code.TOO_MANY_SHEETS, count=len(sheets), limit=limits.max_sheets)
        walked = 0
        for start in sheets:
            extent, length = _sheet_extent(stream, start)
            walked += length
            if walked > len(stream):
                raise Unreadable("sheets overlap")
            problem = refusal(extent, limits)
            if problem is not None:
                return problem
    return None


def _streams(data: bytes) -> list[bytes]:
    """Each workbook stream at the root of the container (calamine reads one of them)."""
    try:
        with olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT) as ole:
            names = [path for path in ole.listdir() if len(path) == 1]
            names = [path for path in names if path[0].casefold() in STREAMS]
            if any(ole.get_size(path) > len(data) for path in names):
                raise Unreadable("a stream larger than the file")
            return [ole.openstream(path).read() for path in names]
    except (OSError, ValueError, struct.error, IndexError, KeyError) as failure:
        raise Unreadable("container") from failure


def _records(stream: bytes, start: int):
    """(type, offset of the body, length of the body) of each record from ``start`` to EOF."""
    position = start
    while position < len(stream):
        if position + 4 > len(stream):
            raise Unreadable("record header past the stream")
        kind, length = struct.unpack_from("<HH", stream, position)
        if position + 4 + length > len(stream):
            raise Unreadable("record past the stream")
        yield kind, position + 4, length
        position += 4 + length
        if kind == EOF:
            return


def _sheet_starts(stream: bytes) -> list[int]:
    """Where each sheet's records start, from the globals part; its string count checked."""
    starts = []
    for kind, body, length in _records(stream, 0):
        if kind == BOUNDSHEET and length >= 6:
            starts.append(struct.unpack_from("<I", stream, body)[0])
        elif kind == SST and length >= 8:
            (count,) = struct.unpack_from("<i", stream, body + 4)
            if not 0 <= count <= len(stream) // 3:  # each string takes three bytes at least
                raise Unreadable(f"string table of {count} strings")
        elif kind in (BOUNDSHEET, SST):
            raise Unreadable("short record")
    if any(start > len(stream) for start in starts):
        raise Unreadable("a sheet starting past the stream")
    return starts


def _sheet_extent(stream: bytes, start: int) -> tuple[Extent, int]:
    """How far one sheet's records reach, and how many bytes of the stream they take."""
    extent, end = Extent(), start
    for kind, body, length in _records(stream, start):
        end = body + length
        if length >= 4 and kind in (*CELLS, MULRK, MULBLANK, ROW, DIMENSIONS):
            extent |= _reach(kind, stream[body : body + length])
    return extent, end - start


def _reach(kind: int, body: bytes) -> Extent:
    """The farthest cell one record places (rows and columns counted from 1)."""
    row, column = struct.unpack_from("<HH", body)
    if kind in CELLS:
        return Extent(row + 1, column + 1)
    if kind == ROW and len(body) >= 6:
        return Extent(row + 1, struct.unpack_from("<H", body, 4)[0])  # colMac is last + 1
    if kind in (MULRK, MULBLANK):
        size = 6 if kind == MULRK else 2
        last = struct.unpack_from("<H", body, len(body) - 2)[0]
        return Extent(row + 1, max(last, column + (len(body) - 6) // size - 1) + 1)
    if kind == DIMENSIONS:
        return _dimensions(body)
    return Extent(row + 1, 0)


def _dimensions(body: bytes) -> Extent:
    """The rectangle a DIMENSIONS record makes calamine reserve, or larger."""
    if len(body) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", body)
    else:
        raise Unreadable("DIMENSIONS record")
    if last_row == 0 or last_column == 0:
        return Extent()  # calamine reserves one cell
    if first_row >= last_row or first_column >= last_column:
        return Extent(2**32, 2**16)  # calamine's subtraction wraps around: beyond any limit
    return Extent(last_row, last_column)
