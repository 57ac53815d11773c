"""Which parts of an .xlsx package are its worksheets, found by following its relationships.

A package names its main part in ``_rels/.rels`` (the officeDocument relationship), and that part
names its sheets in its own ``_rels/<name>.rels``, with targets relative to the part or absolute
from the package root. python-calamine looks in fixed places instead (``xl/workbook.xml`` and
``xl/_rels/workbook.xml.rels``, targets read as under ``xl/``) and matches part names without
regard to case or to ``\\`` against ``/``. ``worksheet_parts`` resolves every sheet relationship
both ways and returns each zip entry that either way names. (What makes the bounds sound is
that every part holding a ``sheetData`` is measured too: the relationships find the sheets that
a reader would read, whatever their names.)
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring

OFFICE_DOCUMENT = "/officeDocument"
SHEET_TYPES = ("/worksheet", "/chartsheet", "/dialogsheet", "/xlMacrosheet", "/xlIntlMacrosheet")
CALAMINE_BOOK = "xl/workbook.xml"


def normalised(name: str) -> str:
    """A part name as calamine compares it: ``/`` for ``\\``, no leading ``/``, any case."""
    return name.replace("\\", "/").lstrip("/").casefold()


def worksheet_parts(names: list[str], read: Callable[[str], bytes]) -> set[str]:
    """The zip entries that the package's relationships name as sheets (of any kind)."""
    entries: dict[str, list[str]] = {}
    for name in names:
        entries.setdefault(normalised(name), []).append(name)

    def relations(part: str) -> list[tuple[str, str]]:
        found = entries.get(normalised(_rels_of(part)), [])
        return [r for entry in found for r in _relationships(read(entry))]

    books = {CALAMINE_BOOK}
    books |= {_resolve("/", t) for kind, t in relations("") if kind.endswith(OFFICE_DOCUMENT)}
    targets = set()
    for book in books:
        for kind, target in relations(book):
            if kind.endswith(SHEET_TYPES):
                targets |= {_resolve(book, target), _calamine_path(target)}
    return {entry for target in targets for entry in entries.get(normalised(target), [])}


def _rels_of(part: str) -> str:
    """The relationships part of ``part`` ("" is the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relationships(xml: bytes) -> list[tuple[str, str]]:
    """(type, target) of each internal relationship in a .rels part; none if the part does not
    parse (the parts that hold a ``sheetData`` are measured all the same)."""
    try:
        root = fromstring(xml, forbid_dtd=True)
    except (ParseError, ValueError):  # ValueError: what defusedxml forbids
        return []
    return [
        (element.get("Type", ""), element.get("Target", ""))
        for element in root
        if element.tag.rpartition("}")[2] == "Relationship"
        and element.get("TargetMode", "Internal") != "External"
    ]


def _resolve(source: str, target: str) -> str:
    """A relationship's target as a part name: from the root if it starts with ``/``, else from
    the source part's folder, with ``..`` and ``.`` resolved."""
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    joined = posixpath.join(posixpath.dirname(source), target)
    return posixpath.normpath(joined).lstrip("/")


def _calamine_path(target: str) -> str:
    """The part calamine reads for a sheet target: under ``xl/`` unless already there."""
    if target.startswith("/xl/"):
        return target[1:]
    return target if target.startswith("xl/") else f"xl/{target}"
