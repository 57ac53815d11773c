"""Reading one cell: counts typed as text, school years in their many spellings, yes and no.

Each parser returns ``(value, code)``: the value (``None`` for missing) and ``None``, or ``None``
and the problem code that says why the cell could not be read. Nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from readiness import escape
from readiness.ingest.words import normalise, words
from readiness.model.problems import Code, error
from readiness.model.schema import COUNT_MAX, NAME_MAX

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+[.,]\d+")
_DASHES = "-–—−"
_FORMULA_STARTS = ("=", "+", "-", "@")
_SCHOOL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*[-–—/\\]\s*(\d{4}|\d{2})(?!\d))?")


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def is_missing_word(value: object) -> bool:
    """An explicit "no data": н/д, -, —, n/a, маалымат жок, or an empty cell."""
    if is_blank(value):
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text.strip(_DASHES + ".") == "" or normalise(text) in words().values["missing"]


def unprotect(value: object) -> object:
    """Text without the ``'`` our downloads put before a formula start (``'=1+1`` → ``=1+1``,
    see ``escape.xlsx``), so that a downloaded file uploads again to the same names."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in _FORMULA_STARTS:
        return value[1:]
    return value


def parse_name(value: object) -> tuple[str | None, Code | None]:
    """A village's or municipality's name: line breaks, tabs and runs of spaces inside the cell
    become one space; a control character or more than ``NAME_MAX`` characters is refused."""
    if is_blank(value):
        return None, None
    text = unprotect(" ".join(str(value).split()))
    if escape.clean(text) != text:
        return None, Code.BAD_TEXT
    if len(text) > NAME_MAX:
        return None, Code.NAME_TOO_LONG
    return text, None


def name_problem(code: Code, value: object, sheet: str | None, cell: str | None):
    """The error for a name ``parse_name`` refused, quoting it without its control characters."""
    extra = {"length": len(str(value)), "limit": NAME_MAX} if code is Code.NAME_TOO_LONG else {}
    return error(code, sheet, cell, value=escape.clean(value), **extra)


def parse_count(value: object) -> tuple[int | None, Code | None]:
    """A count of children: 35, 35.0, "35 ", "1 024", "1 024,0"; "н/д" and "-" are missing."""
    if isinstance(value, bool):
        return None, Code.BAD_NUMBER
    if isinstance(value, int):
        return (value, None) if abs(value) <= COUNT_MAX else (None, Code.COUNT_TOO_LARGE)
    if isinstance(value, float):
        return _whole(value)
    if not isinstance(value, str):
        return None, Code.BAD_NUMBER
    if is_missing_word(value):
        return None, None
    text = _SPACES.sub("", value.strip()).replace("−", "-")
    if _WHOLE.fullmatch(text):
        return parse_count(int(text)) if len(text) < 20 else (None, Code.COUNT_TOO_LARGE)
    if _DECIMAL.fullmatch(text):
        return _whole(float(text.replace(",", ".")))
    return None, Code.BAD_NUMBER


def _whole(number: float) -> tuple[int | None, Code | None]:
    if math.isnan(number):
        return None, None
    if math.isinf(number) or abs(number) > COUNT_MAX:
        return None, Code.COUNT_TOO_LARGE
    if not number.is_integer():
        return None, Code.NOT_WHOLE
    return int(number), None


def parse_year(value: object) -> tuple[int | None, Code | None]:
    """The first calendar year of a school year: "2015-2016", "2015/16", "2015-2016-окуу жылы",
    "2015-2016 уч. год", 2015 and a date in the school year all give 2015."""
    if isinstance(value, bool):
        return None, Code.BAD_YEAR
    if isinstance(value, dt.date):
        return (value.year if value.month >= 7 else value.year - 1), None
    if isinstance(value, int | float):
        number, code = _whole(float(value))
        ok = code is None and number is not None and 1900 <= number <= 2100
        return (number, None) if ok else (None, Code.BAD_YEAR)
    if not isinstance(value, str) or is_blank(value):
        return None, Code.BAD_YEAR
    if _DAY_FIRST.match(value) or _ISO.match(value):  # a date: its school year, or refused
        written = date_in_text(value)
        return parse_year(written) if written is not None else (None, Code.BAD_YEAR)
    return year_in_text(value)


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")  # 25.05.2016, 01/09/2015
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*)?\s*$")  # 2015-09-01


def date_in_text(text: str) -> dt.date | None:
    """A date written as text (a CSV keeps no date cells): day first with dots or slashes, as
    Kyrgyz and Russian write them, or ISO; None when the text is no such date."""
    found = _DAY_FIRST.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO.match(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def year_in_text(text: str) -> tuple[int | None, Code | None]:
    found = _SCHOOL_YEAR.search(text)
    if not found:
        return None, Code.BAD_YEAR
    first, second = int(found[1]), found[2]
    if second is not None and int(second) % 100 != (first + 1) % 100:
        return None, Code.BAD_YEAR
    return first, None


def parse_yes_no(value: object) -> tuple[bool | None, Code | None]:
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return value, None
    kind = words().value_kind(value)
    if kind in ("yes", "no"):
        return kind == "yes", None
    return None, Code.BAD_YES_NO


def parse_sex(value: object) -> tuple[str | None, Code | None]:
    """ "girls", "boys" or "total"; an empty cell means the row is a total."""
    if is_blank(value):
        return "total", None
    kind = words().value_kind(value)
    if kind in ("girls", "boys", "total"):
        return kind, None
    return None, Code.UNKNOWN_SEX


def parse_float(value: object) -> float | None:
    """A coordinate: 39.9, "39,9"; anything else is missing."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None if math.isnan(value) else float(value)
    if isinstance(value, str) and _DECIMAL.fullmatch(text := value.strip()):
        return float(text.replace(",", "."))
    return None
