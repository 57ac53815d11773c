"""Number formats for Office files (.xlsx cells, .pptx charts) that show a number as the
dashboard writes it in the file's language, whatever the locale of the computer that opens it.

A format code like ``#,##0`` is drawn with the *viewer's* separators: a Russian deck opened by
LibreOffice under an en-US locale would show "1,374" beside "1 374" in its text. So the group
separator and the space before "%" are written into the code as literal text, taken from Babel
(the same source as ``Translator.number`` and ``Translator.percent``).
"""

from __future__ import annotations

from babel.numbers import format_percent, get_group_symbol

from readiness.i18n import N_, Translator

PLAIN = "0"  # ranks and scores from 0 to 100: no group separator is ever needed


def _literal(text: str) -> str:
    """``text`` as a quoted literal of a format code ("" when there is nothing to add)."""
    return '"' + text.replace('"', "") + '"' if text else ""


def count_format(lang: str) -> str:
    """Whole numbers with the locale's group separator as a literal: ``1 374`` in Kyrgyz and
    Russian (a no-break space), ``1,374`` in English; no separator below 1,000."""
    group = _literal(get_group_symbol(locale=lang))
    return f"[>=1000000]#{group}###{group}##0;[>=1000]#{group}##0;0"


def percent_format(lang: str) -> str:
    """A share from 0 to 1 as a whole percentage, as Babel writes it: "60%", or "60 %" (with a
    no-break space) in Russian."""
    spacer = format_percent(0, locale=lang).removeprefix("0").removesuffix("%")
    return f"0{_literal(spacer)}%"


def points_format(t: Translator) -> str:
    """A change in percentage points (the cell holds 6 for +6 p.p.), signed like
    ``Translator.signed``: "+6 п.п.", "−3 п.п.", "0 п.п."."""
    before, _, after = t(N_("{value} p.p.")).partition("{value}")
    head, tail = _literal(before), _literal(after)
    return f'{head}"+"0{tail};{head}"−"0{tail};{head}0{tail}'
