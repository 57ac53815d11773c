"""Hostile names and file names on every page, in the real browser: no link, no image request, no
styling and no emoji come from a name, and every export opens with no formula in it.

The store is filled through the public loader with a file whose villages, municipality and name
are written as an attacker would write them; those villages are in the project, so every page
shows them by default.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fixtures.browser import download, new_page, sign_in, streamlit_server
from openpyxl import Workbook
from openpyxl import load_workbook as open_book

from readiness import load_workbook, ui
from readiness.store import Mode, Store, Upload

pytestmark = pytest.mark.browser
LONG = 60_000
MUNICIPALITY = ":red[Evil] <b>muni</b> :smile:"
VILLAGES = [
    '<a href="https://evil.example/phish">click</a>',
    '<span style="font-size:90px">big</span>',
    "https://2130706433/phish :smile: **bold** www.evil.example",
    "<img src=https://evil.example/x.png>",
    '=HYPERLINK("https://evil.example","x")',
    "Semi;=1+1;",
]
FILE_NAME = "[link](https://evil.example) <img src=https://evil.example/y.png> :smile:.xlsx"
HEAD = [
    "Айыл аймагы",
    "Айыл",
    "Окуу жылы",
    "3-6 жаштагы балдар",
    "Бала бакчага барган",
    "1-класска келген",
    "Даярдыгы бар",
]
# What a page must never contain because of a name: a link to the attacker, their style, an emoji
# made from a short code, or a tag that came from a name.
FORBIDDEN_JS = """() => {
  const bad = [];
  for (const a of document.querySelectorAll('a')) {
    const href = (a.getAttribute('href') || '') + (a.getAttribute('xlink:href') || '');
    if (/evil|2130706433/.test(href) && !href.startsWith('#')) bad.push('link ' + href);
  }
  for (const e of document.querySelectorAll('[style]')) {
    if (/90px/.test(e.getAttribute('style'))) bad.push('style ' + e.getAttribute('style'));
  }
  for (const e of document.querySelectorAll('img, image')) {
    const src = (e.getAttribute('src') || '') + (e.getAttribute('href') || '');
    if (/evil/.test(src)) bad.push('image ' + src);
  }
  for (const b of document.querySelectorAll('b, strong')) {
    if (/muni|bold/.test(b.textContent)) bad.push('bold ' + b.textContent);
  }
  const text = document.body.innerText + ' ' +
    [...document.querySelectorAll('svg text')].map(t => t.textContent).join(' ');
  if (text.includes('\\u{1F604}')) bad.push('emoji');
  return bad;
}"""


def _hostile_workbook() -> bytes:
    """Two school years of counts for the hostile villages, and a villages sheet that puts them
    in the project from 2020; formula-like names are written as text, as Excel would keep them."""
    book = Workbook()
    data = book.active
    data.title = "Маалымат"
    data.append(HEAD)
    for index, village in enumerate(VILLAGES):
        for year in (2018, 2025):
            counts = [200 + index, 80 + 10 * index, 40 + index, 20 + index + (year - 2018)]
            data.append([MUNICIPALITY, village, f"{year}-{year + 1}", *counts])
    villages = book.create_sheet("Айылдар")
    villages.append(["Айыл", "Долбоордо", "Долбоордун башталган жылы"])
    for village in VILLAGES:
        villages.append([village, "ооба", "2020-2021"])
    for sheet in (data, villages):
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, not a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-store")
    store = Store(f"sqlite:///{folder / 'readiness.sqlite'}")
    store.setup()
    content = _hostile_workbook()
    result = load_workbook(content, filename=FILE_NAME)
    assert result.ok, [p.message("en") for p in result.errors]
    upload = Upload.of(result, content, FILE_NAME)
    assert store.commit(upload, mode=Mode.REPLACE_PAIRS, author="aida", note=FILE_NAME).ok
    store.dispose()
    with streamlit_server(folder) as url:
        yield url


PAGES = [page.url_path or "" for page in ui.PAGES if not page.analysts_only]


@pytest.mark.parametrize("path", PAGES)
def test_a_hostile_name_is_only_text_on_every_page(hostile_server, browser, artifacts, path):
    page = new_page(browser, locale="en-US")
    page.goto(f"{hostile_server}/{path}?lang=en")
    page.wait_for_selector("h1, .slide-heading", timeout=LONG)
    page.wait_for_timeout(2500)  # charts drawn
    page.screenshot(path=artifacts / f"hostile_{path or 'overview'}.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate(FORBIDDEN_JS) == []
    if path != "data":  # there the names are in tables, drawn on a canvas
        shown = page.locator("body").inner_text()
        assert "Evil" in shown or any(v[:12] in shown for v in VILLAGES)  # the names are there
    assert page.dialogs == [] and page.outside == []
    page.context.close()


def test_the_file_name_is_only_text_on_history_and_data(hostile_server, browser):
    page = new_page(browser, locale="en-US")
    sign_in(page, hostile_server)
    for path in ("history", "data"):
        page.goto(f"{hostile_server}/{path}?lang=en")
        page.wait_for_selector("h1", timeout=LONG)
        page.wait_for_timeout(1500)
        assert page.evaluate(FORBIDDEN_JS) == []
        assert page.locator("[data-testid='stException']").count() == 0
    assert page.outside == [] and page.dialogs == []
    page.context.close()


def _download(page, name: str, tmp_path: Path, reopen=None) -> Path:
    button = page.get_by_role("button", name=name)
    started = download(page, button, timeout=60_000, reopen=reopen)
    path = tmp_path / started.suggested_filename
    started.save_as(path)
    return path


def _no_formula_in(path: Path) -> None:
    book = open_book(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]


def test_every_export_opens_and_holds_no_formula(hostile_server, browser, tmp_path):
    from pptx import Presentation
    from pypdf import PdfReader

    page = new_page(browser, locale="en-US")
    page.goto(f"{hostile_server}/data?lang=en")
    page.wait_for_selector("h1", timeout=LONG)
    _no_formula_in(_download(page, "Download the data (.xlsx)", tmp_path))
    text = _download(page, "Download the data (.csv)", tmp_path).read_text(encoding="utf-8-sig")
    for separator in (",", ";", "\t"):
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=separator) for c in row]
        cells += [c.strip('"') for line in text.splitlines() for c in line.split(separator)]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], separator
    page.goto(f"{hostile_server}/priorities?lang=en")
    page.wait_for_selector("h1", timeout=LONG)
    _no_formula_in(_download(page, "Download the ranking (.xlsx)", tmp_path))
    page.goto(f"{hostile_server}/present?lang=en")
    page.wait_for_selector(".slide-heading", timeout=LONG)
    prepare = page.get_by_text("Prepare the slides")
    prepare.click()
    slides = _download(page, "Download the slides (PowerPoint)", tmp_path, prepare.click)
    deck = Presentation(slides)
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert any("<a href" in title for title in titles)  # the name, as text
    pdf = PdfReader(_download(page, "Download the handout (PDF)", tmp_path, prepare.click))
    assert "<span" in "".join(p.extract_text() for p in pdf.pages)
    assert page.outside == []
    page.context.close()
