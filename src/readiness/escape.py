"""Text from files made safe for each place it lands: one function per sink.

A village, a municipality or a file name comes from a spreadsheet someone uploaded. Wherever such
text is shown or written, it passes the function for that place, so that it is only ever text:
never Markdown, HTML, a link, an emoji, a formula, or a character that breaks a file format.

==============  =====================================================================
``markdown``    Streamlit Markdown (titles, captions, messages, button labels)
``html``        HTML that we write ourselves (``st.html`` on the Present page)
``plotly``      Plotly titles, labels, legend entries and hover text
``text``        plain text (``st.text``, data frames, selectbox options)
``xlsx``        openpyxl cells
``csv``         one field of a CSV export
``pptx``        python-pptx text
``pdf``         reportlab paragraphs (its mini-HTML)
==============  =====================================================================
"""

from __future__ import annotations

import html as _html
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = ",;\t"
XLSX_CELL_LIMIT = 32_767  # Excel's longest cell
LABEL_LIMIT = 200  # a name longer than this is cut with "…" on slides and in the handout
WORD_JOINER = "\u2060"  # invisible; breaks ":smile:", "https://", "www." and "a@b" for Markdown
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&%=\"'/^,;?@])")
_BREAK_AFTER = re.compile(r"(:|@|\b[Ww][Ww][Ww]\.)")


# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) and the
# direction overrides, in one character class.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")


def clean(value: object) -> str:
    """The text of ``value`` with control and direction-override characters replaced by spaces:
    they break file formats (xlsx, pptx, pdf) and can make text read backwards."""
    return _CONTROL.sub(" ", "" if value is None else str(value))


def text(value: object) -> str:
    """Plain text, for places that never interpret it (data frames, ``st.text``, options)."""
    return clean(value)


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|]')


def filename(value: object, limit: int = 120) -> str:
    """A download's file name from text that may come from a file (a municipality's name): no
    path separators or characters Windows refuses, no formula start or dot at its beginning, not
    empty, at most ``limit`` characters."""
    name = _NOT_IN_FILE_NAMES.sub("_", clean(value)).strip()
    name = name.lstrip("=+-@. ") or "_"
    return shorten(name, limit)


def markdown(value: object) -> str:
    """Text shown as written by Streamlit's Markdown (in text and in table cells): an invisible
    word joiner follows each ``:`` and ``@`` and stands on both sides of each ``www.``, so that no
    emoji short code (``:smile:``), colour directive (``:red[…]``), icon or bare link
    (``https://…``, ``www.…``, ``a@b.c``) forms; then every ASCII punctuation mark is
    backslash-escaped (no emphasis, link, heading, HTML, LaTeX or table)."""
    broken = _BREAK_AFTER.sub(_break, clean(value))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", broken)


def _break(found: re.Match) -> str:
    """A word joiner after the mark, and before a ``www.`` too: an autolink needs a space or
    nothing before it (a table cell links "www.…" even with the joiner after it)."""
    mark = found[0]
    return (WORD_JOINER if mark[:1] in "Ww" else "") + mark + WORD_JOINER


def html(value: object) -> str:
    """Text inside HTML we write: ``<``, ``>``, ``&`` and quotes as entities."""
    return _html.escape(clean(value), quote=True)


def plotly(value: object) -> str:
    """Text for a Plotly figure. Plotly reads a small HTML (``<a href>``, ``<span style>``,
    ``<br>``…) in every label, so ``<``, ``>`` and ``&`` become entities, which Plotly shows as
    the characters themselves. Quotes stay as they are: Plotly knows no ``&quot;``."""
    return _html.escape(clean(value), quote=False)


def xlsx(value: object) -> object:
    """A cell for openpyxl: text without the characters Excel refuses, cut to Excel's cell limit,
    and with a leading ``'`` when it starts like a formula (``=1+1`` stays text). Anything that
    is not text is returned as it is."""
    if not isinstance(value, str):
        return value
    text_ = clean(value)[:XLSX_CELL_LIMIT]
    return "'" + text_ if text_.startswith(FORMULA_STARTS) else text_


def csv(value: object) -> object:
    """A field for a CSV export: no control characters, and a ``'`` before every formula start
    that opens the field or follows a ``,`` ``;`` or tab inside it. A spreadsheet program that
    splits the file on another separator than ours (Russian and Kyrgyz Excel use ``;``) then
    still finds no cell that starts a formula. Write the file with every text field quoted."""
    if not isinstance(value, str):
        return value
    out, previous = [], None
    for character in clean(value):
        if character in FORMULA_STARTS and (previous is None or previous in SEPARATORS):
            out.append("'")
        out.append(character)
        previous = character
    return "".join(out)


def pptx(value: object, limit: int = LABEL_LIMIT) -> str:
    """Text for python-pptx: no characters XML refuses, and not longer than ``limit``."""
    return shorten(clean(value), limit)


def pdf(value: object, limit: int = LABEL_LIMIT) -> str:
    """Text for a reportlab paragraph, whose markup is a small HTML: entities for ``<`` ``>``
    ``&``, no control characters, and not longer than ``limit``."""
    return _html.escape(shorten(clean(value), limit), quote=False)


def shorten(text_: str, limit: int) -> str:
    """``text_`` cut to ``limit`` characters, ending with "…" when it was cut."""
    return text_ if len(text_) <= limit else text_[: limit - 1].rstrip() + "…"
