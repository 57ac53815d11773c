"""How far the cells of an .xlsx worksheet part reach, measured before any reader lays it out.

python-calamine (quick-xml underneath) places each cell of ``<sheetData>`` like this: a ``<c>``
element (any namespace prefix) at the position its attribute exactly named ``r`` gives (the last
one, read as raw bytes; it fails on anything but letters then digits), or, without ``r``, one
column right of the previous cell; a ``<row>`` with ``r`` moves to that row, and every
``</row>`` moves one row down and back to column A. It keeps the cells that hold a value and lays
out the rectangle from A1 to the farthest of them.

``sheet_extent`` follows those same rules with a real XML parser (defusedxml's expat, streaming,
no DTD allowed), counting every ``<c>`` whether or not it holds a value, and every element of
that name wherever it stands: the result is exact or larger, never smaller. A parser's view can
differ from quick-xml's only where quick-xml fails (a character reference or a space in ``r``,
a malformed document), and a failing reader lays nothing out.

A real parser costs as much as calamine's whole read on a national-scale sheet, so most sheets
take a fast path instead, exact under conditions that byte searches and two passes of a regular
expression establish (``_plain_extent``):

1. the part is UTF-8 (``utf8``; a part in any other encoding is refused, since calamine reads
   the bytes as they are) and, after the XML declaration, has no ``<!`` (comment, CDATA,
   DOCTYPE) and no ``<?``: every ``<`` is then markup or inside an attribute value;
2. between the first ``<sheetData>`` and the last ``</sheetData>`` (a stretch that holds all that
   calamine reads) there is no tab, line break or ``'``, and no ``:c`` before a space, ``/`` or
   ``>``: a ``<c>`` start tag that calamine sees is the bytes ``<c`` and a space, ``/`` or
   ``>``, and its attribute values are in double quotes;
3. every such ``<c`` goes on as ``<c r="`` and a well-formed reference (``_ODD_CELL``): each
   cell's first attribute is its position;
4. no attribute named ``r`` follows a closing quote (``_SECOND_R``), so no cell has a second
   ``r``, which would win.

Then each cell is where the reference after its ``<c r="`` says, and the farthest of those is the
extent; when no reference has two letters or as many digits as the row limit (one search), the
sheet is within every limit without reading a single number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.sax import ContentHandler, SAXException

from defusedxml.expatreader import create_parser

from readiness.ingest.extent import Extent, Unreadable, column_number

if TYPE_CHECKING:
    from readiness.ingest.extent import Limits

_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_START, _END = b"<sheetData>", b"</sheetData>"
_ODD_CELL = re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9]{1,7}"[\s/>])[\s/>]')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_SECOND_R = re.compile(rb'" *+r *+=')
_REFERENCE = re.compile(rb'<c r="([A-Z]+)([0-9]+)"')
_CELL = re.compile(r"([A-Za-z]+)([0-9]+)")
_ROW = re.compile(r"[A-Za-z]*([0-9]+)")
CHUNK = 1 << 20
DELIMITERS = (b" ", b"\t", b"\n", b"\r", b"/", b">")  # what ends a tag's name in quick-xml


def sheet_extent(part: bytes, limits: Limits) -> Extent:
    """The extent of a worksheet part, exact or larger (see the module's docstring)."""
    plain = _plain_extent(part, limits)
    return plain if plain is not None else parsed_extent(part)


def _plain_extent(part: bytes, limits: Limits) -> Extent | None:
    """The extent by the fast path, or None when its conditions do not hold."""
    region = _plain_region(part)
    if region is None or _SECOND_R.search(part, *region):
        return None
    small = _small(limits)
    if small is not None and small[0].search(part, *region) is None:
        return small[1]  # no reference reaches past one letter and a few digits
    if _ODD_CELL.search(part, *region):
        return None
    return _farthest_reference(part, *region)


def _plain_region(part: bytes) -> tuple[int, int] | None:
    """Where the cells are, if the part meets conditions 1 and 2 of the fast path."""
    body = _body_start(part)
    first, last = part.find(b"sheetData"), part.rfind(b"sheetData")
    if body is None or first < 1 or part[first - 1 : first + 10] != _START:
        return None
    if last <= first or part[last - 2 : last + 10] != _END:
        return None
    start, end = first + 10, last - 2
    if _holds(part, b"<!", body, len(part)) or _holds(part, b"<?", body, len(part)):
        return None
    if any(part.find(mark, start, end) >= 0 for mark in (b"\t", b"\n", b"\r", b"'")):
        return None
    if _prefixed_cell(part, start, end):
        return None
    return start, end


def _prefixed_cell(part: bytes, start: int, end: int) -> bool:
    """Whether a ``<prefix:c`` element may be there: a ``:`` followed by ``c`` and a space,
    ``/`` or ``>``. Colons are rare in a sheet, so they are visited one by one."""
    colon = part.find(b":", start, end)
    for _ in range(64):
        if colon < 0:
            return False
        if part[colon + 1 : colon + 2] == b"c" and part[colon + 2 : colon + 3] in DELIMITERS:
            return True
        colon = part.find(b":", colon + 1, end)
    return _PREFIXED_CELL.search(part, colon, end) is not None  # many colons: one pass


def _holds(part: bytes, mark: bytes, start: int, end: int) -> bool:
    """Whether ``mark`` occurs; its last byte, rare in a sheet, is looked for first."""
    return part.find(mark[-1:], start, end) >= 0 and part.find(mark, start, end) >= 0


def _body_start(part: bytes) -> int | None:
    """Where the document starts after its XML declaration, if it starts with ``<`` and is
    UTF-8; None otherwise (the parser then reads it, or refuses it)."""
    if not part.startswith(b"<") or not utf8(part):
        return None
    declaration = _DECLARATION.match(part)
    return 0 if declaration is None else declaration.end()


def utf8(part: bytes) -> bool:
    """Whether an XML part is UTF-8, the one encoding calamine reads (it takes the bytes as
    they are): no byte-order mark but UTF-8's, no UTF-16 start, no other encoding declared.
    In another encoding a parser and calamine would see different tags in the same bytes."""
    part = part.removeprefix(b"\xef\xbb\xbf")
    if part.startswith((b"\xfe\xff", b"\xff\xfe", b"\x00", b"<\x00")):
        return False
    declaration = _DECLARATION.match(part)
    encoding = declaration and _ENCODING.search(declaration.group())
    return not encoding or encoding.group(1).lower() in (b"utf-8", b"utf8")


def _small(limits: Limits) -> tuple[re.Pattern, Extent] | None:
    """A search for any reference past one letter and fewer digits than the row limit has,
    and the extent those reach, when that extent is within every limit."""
    digits = len(str(limits.max_rows)) - 1
    extent = Extent(10**digits - 1, 26)
    within = extent.columns <= limits.max_columns and extent.rows * 26 <= limits.max_cells
    if digits < 1 or not within:
        return None
    return re.compile(rb'<c(?! r="[A-Z][0-9]{1,%d}+"[\s/>])[\s/>]' % digits), extent


def _farthest_reference(part: bytes, start: int, end: int) -> Extent:
    extent = Extent()
    for letters, digits in _REFERENCE.findall(part, start, end):
        extent = extent.reach(int(digits), column_number(letters.decode()))
    return extent


class _Cells(ContentHandler):
    """Follows calamine's placing of cells (see the module's docstring), counting every cell."""

    def __init__(self) -> None:
        super().__init__()
        self.extent = Extent()
        self.inside = 0  # how many <sheetData> elements we are in
        self.row, self.column = 0, 0  # 0-based, as calamine keeps them

    def startElement(self, name, attrs):  # the SAX interface names it
        local = name.rpartition(":")[2]
        if local == "sheetData":
            self.inside += 1
        elif self.inside and local == "row" and "r" in attrs:
            self.row = _row_number(attrs["r"]) - 1
        elif self.inside and local == "c":
            self._cell(attrs.get("r"))

    def endElement(self, name):  # the SAX interface names it
        local = name.rpartition(":")[2]
        if local == "sheetData":
            self.inside = max(0, self.inside - 1)
        elif self.inside and local == "row":
            self.row, self.column = self.row + 1, 0

    def _cell(self, reference: str | None) -> None:
        row = self.row
        if reference is not None:
            row, self.column = _cell_position(reference)
        self.extent = self.extent.reach(row + 1, self.column + 1)
        self.column += 1


def _cell_position(reference: str) -> tuple[int, int]:
    match = _CELL.fullmatch(reference)
    if match is None or int(match.group(2)) < 1:
        raise Unreadable(f"cell reference {reference[:20]!r}")
    return int(match.group(2)) - 1, column_number(match.group(1)) - 1


def _row_number(reference: str) -> int:
    match = _ROW.fullmatch(reference)
    if match is None or int(match.group(1)) < 1:
        raise Unreadable(f"row reference {reference[:20]!r}")
    return int(match.group(1))


def parsed_extent(part: bytes) -> Extent:
    """The extent by a real XML parser, streaming; a document it rejects is unreadable."""
    cells = _Cells()
    parse(part, cells)
    return cells.extent


def parse(part: bytes, handler: ContentHandler) -> None:
    """Streams ``part`` through defusedxml's expat into ``handler`` (qualified names, no DTD);
    a document the parser rejects, or one not in UTF-8, is unreadable."""
    if not utf8(part):
        raise Unreadable("an XML part not in UTF-8")
    parser = create_parser(forbid_dtd=True)
    parser.setContentHandler(handler)
    try:
        for offset in range(0, len(part), CHUNK):
            parser.feed(part[offset : offset + CHUNK])
        parser.close()
    except (SAXException, ValueError, LookupError) as failure:
        raise Unreadable(str(failure)[:200]) from failure
