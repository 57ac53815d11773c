"""CSV and text files: decoded, their separator chosen, and read row by row within the limits.

A text file has no structure to check before reading, so the limits are checked while reading:
each row is counted as the csv module yields it, and reading stops at the first row past a limit
(rows, columns, cells, or characters in one cell), before the rows pile up. Twenty megabytes of
newlines stop after ``max_rows`` rows; twenty megabytes of commas are one row of twenty million
columns, refused as soon as it is read.

The separator is the one of ``;`` ``,`` tab ``|`` that splits the first lines most consistently
(quotes respected): the most lines with the same number of fields, then the most fields. In a
file from a Russian-locale Excel, ``Охват, %`` and ``9,5`` split on ``,`` too, but into fewer
fields than on ``;``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import islice
from typing import TYPE_CHECKING

from readiness.ingest.extent import cell_name
from readiness.model.problems import Code, Problem, error

if TYPE_CHECKING:
    from readiness.ingest.extent import Limits

SHEET = "CSV"
TEXT_ENCODINGS = ("utf-8-sig", "cp1251")
SEPARATORS = ";,\t|"
SAMPLE_CHARS, SAMPLE_LINES = 20_000, 50


def decode(data: bytes) -> str | None:
    """The text of a file in UTF-8 (with or without BOM), UTF-16 or cp1251, or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # "Unicode text" saved by Excel
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data[:4096]:
        return None
    else:
        encodings = TEXT_ENCODINGS
    for encoding in encodings:
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


def choose_separator(text: str) -> str:
    """The separator whose per-line field count is the most consistent over the first lines."""
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    return max(SEPARATORS, key=lambda separator: _consistency(sample, separator))


def _consistency(sample: str, separator: str) -> tuple[int, int]:
    """(how many lines share the commonest field count, that count), over lines of 2+ fields."""
    try:
        rows = csv.reader(io.StringIO(sample), delimiter=separator)
        counts = Counter(len(row) for row in islice(rows, SAMPLE_LINES) if len(row) > 1)
    except csv.Error:
        return 0, 0
    if not counts:
        return 0, 0
    width, lines = counts.most_common(1)[0]
    return lines, width


def read_rows(text: str, limits: Limits) -> tuple[list[list[str]], Problem | None]:
    """Every row of the text, or the problem at the first row past a limit."""
    rows: list[list[str]] = []
    widest = 0
    try:
        for row in csv.reader(io.StringIO(text), delimiter=choose_separator(text)):
            widest = max(widest, len(row))
            problem = _row_problem(row, len(rows), widest, limits)
            if problem is not None:
                return [], _counted(problem, text)
            rows.append(row)
    except csv.Error as failure:
        if "field larger than field limit" in str(failure):  # the csv module's own limit
            return [], error(Code.FIELD_TOO_LONG, SHEET, limit=limits.max_field_chars)
        return [], error(Code.UNREADABLE)
    return rows, None


def _row_problem(row: list[str], index: int, widest: int, limits: Limits) -> Problem | None:
    """The problem this row brings: too many rows, a rectangle too wide or too large (the rows
    are padded to the widest), or a cell too long."""
    if index >= limits.max_rows:
        return error(Code.TOO_MANY_ROWS, SHEET, count=index + 1, limit=limits.max_rows)
    if widest > limits.max_columns or (index + 1) * widest > limits.max_cells:
        return error(
            Code.SHEET_TOO_LARGE, SHEET, rows=index + 1, columns=widest, limit=limits.max_cells
        )
    if max(map(len, row), default=0) > limits.max_field_chars:
        column = next(i for i, text in enumerate(row) if len(text) > limits.max_field_chars)
        where = cell_name(index, column)
        return error(Code.FIELD_TOO_LONG, SHEET, where, limit=limits.max_field_chars)
    return None


def _counted(problem: Problem, text: str) -> Problem:
    """A too-many-rows problem with the file's line count, rather than where reading stopped."""
    if problem.code is not Code.TOO_MANY_ROWS:
        return problem
    lines = max(text.count("\n") + 1, problem.values["count"])
    return error(Code.TOO_MANY_ROWS, SHEET, count=lines, limit=problem.values["limit"])
