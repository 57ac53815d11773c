"""Text from files is only text, in every place it lands: one function per sink."""

from __future__ import annotations

import io
import re
import string

import pytest
from openpyxl import Workbook
from openpyxl import load_workbook as open_book

from readiness import escape

HOSTILE = [
    '<a href="https://evil.example/phish">click</a>',
    '<span style="font-size:90px">big</span>',
    "<img src=x onerror=alert(1)>",
    "https://2130706433/phish",
    "www.evil.example",
    "mail@evil.example",
    ":smile: :material/home: :red[red]",
    "**bold** _it_ `code` # heading",
    "[link](https://evil.example) ![img](https://evil.example/x.png)",
    "$x^2$ | table | ~~strike~~",
    "1. list\n- item\n> quote",
    "=1+1",
    "Катран\u202eшуртук\x00\x07\x1b",
]


def _unescaped_marks(shown: str) -> list[str]:
    """ASCII punctuation that Markdown would read as syntax: not after a backslash."""
    marks, index = [], 0
    while index < len(shown):
        if shown[index] == "\\":
            assert shown[index + 1] in string.punctuation  # a real CommonMark escape
            index += 2
            continue
        if shown[index] in string.punctuation:
            marks.append(shown[index])
        index += 1
    return marks


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escaping_leaves_no_syntax_a_parser_could_read(text):
    shown = escape.markdown(text)
    bare = re.sub(r"\\(.)", r"\1", shown).replace(escape.WORD_JOINER, "")
    assert bare == escape.clean(text)  # the reader sees exactly the text, nothing more
    assert set(_unescaped_marks(shown)) <= {":"}  # a colon is left, but never starts a code:
    bare_marks = shown.replace("\\.", ".").replace("\\@", "@")
    assert not re.search(r"(:|@|www\.)(?!\u2060)", bare_marks, re.IGNORECASE)


def test_markdown_escaping_keeps_ordinary_names_readable():
    assert escape.markdown("Жаңы-Турмуш") == "Жаңы\\-Турмуш"
    assert escape.markdown("Өзгөрүш") == "Өзгөрүш"
    assert escape.markdown("Катран 2025.xlsx") == "Катран 2025\\.xlsx"


@pytest.mark.parametrize("text", HOSTILE)
def test_plotly_text_has_no_tag_and_no_bare_ampersand(text):
    shown = escape.plotly(text)
    assert "<" not in shown and ">" not in shown
    assert "&" not in shown.replace("&lt;", "").replace("&gt;", "").replace("&amp;", "")


def test_html_escaping_quotes_attributes_too():
    assert escape.html('<b title="x">') == "&lt;b title=&quot;x&quot;&gt;"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("=1+2 Katran 2026–2027", "1+2 Katran 2026–2027"),
        ("@SUM(A1) / ../etc\\passwd", "SUM(A1) _ .._etc_passwd"),
        ("Жаңы-Турмуш: 2025?", "Жаңы-Турмуш_ 2025_"),
        ("-+=", "_"),
        ("\u202eexe.txt", "exe.txt"),
    ],
)
def test_a_download_name_starts_no_formula_and_holds_no_path(name, expected):
    assert escape.filename(name) == expected
    assert len(escape.filename("Ы" * 500)) <= 120


def test_control_and_direction_characters_become_spaces():
    assert escape.clean("a\x00b\x1bc\u202ed\u2066e") == "a b c d e"
    assert escape.text("Катран\r\n") == "Катран  "


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_an_xlsx_cell_never_starts_a_formula(text):
    value = escape.xlsx(text)
    book = Workbook()
    book.active["A1"] = value  # openpyxl refuses control characters: none are left
    buffer = io.BytesIO()
    book.save(buffer)
    cell = open_book(buffer).active["A1"]
    assert cell.data_type == "s" and not cell.value.startswith(("=", "+", "-", "@"))


def test_an_xlsx_cell_is_cut_to_excels_limit_and_numbers_pass():
    assert len(escape.xlsx("x" * 40_000)) == escape.XLSX_CELL_LIMIT
    assert escape.xlsx(-5) == -5 and escape.xlsx(None) is None


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("Semi;=1+1;", "Semi;'=1+1;"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("a,@SUM(A1),-2", "a,'@SUM(A1),'-2"),
        ("Жаңы-Турмуш", "Жаңы-Турмуш"),
    ],
)
def test_a_csv_field_starts_no_formula_after_any_separator(text, safe):
    assert escape.csv(text) == safe


def test_slide_and_handout_text_is_cut_and_marked():
    long = "Катран" * 1000
    assert len(escape.pptx(long)) == escape.LABEL_LIMIT and escape.pptx(long).endswith("…")
    assert escape.pdf("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
