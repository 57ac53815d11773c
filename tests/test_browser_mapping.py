"""The real browser on the Upload page's "How the columns were read": an analyst tells the
dashboard what an unknown column is by choosing it in the grid's drop-down, the file is read again
at once, and the next file of the same layout is read that way without help.

The grid (Glide Data Grid) is drawn on a canvas. Glide keeps a copy of what it draws in an
accessible table inside the canvas (``td#glide-cell-{column}-{row}``): the test reads the grid
there, moves to a cell with the keyboard from the first one, and opens the cell's drop-down with
Enter, so that it depends on no column width."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from fixtures.browser import new_page, settled, sign_in
from openpyxl import Workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
LONG = 60_000
UNKNOWN = "1-класска келди"
ERROR = f"“{UNKNOWN}” (E3:E5) holds 3 numbers"


def _report(folder, year: int, extra: int = 0) -> str:
    """A district report, as in test_upload_app.py: a title row, then headers the catalogue knows
    except "1-класска келди" (grade 1 entrants)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Отчет"
    sheet.append([f"Мектепке даярдык, {year}-{year + 1}"])
    sheet.append(
        ["Айыл", "Окуу жылы", "3-6 жаштагы балдар", "Бала бакчага барган", UNKNOWN, "Даярдыгы бар"]
    )
    for index, village in enumerate(("Катран", "Жаңы-Турмуш", "Өзгөрүш")):
        sheet.append([village, f"{year}-{year + 1}", 400 + index + extra, 150, 90 + extra, 60])
    path = folder / f"report_{year}.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def _upload(page, path: str):
    """Chooses the file and waits for the mapping editor; returns its grid."""
    page.wait_for_selector("input[type=file]", state="attached", timeout=LONG)
    page.locator("input[type=file]").set_input_files(path)
    page.get_by_text("1. How the columns were read").wait_for(timeout=LONG)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.locator("table[role=grid] td").first.wait_for(state="attached", timeout=LONG)
    return grid


def _cell(grid, header: str, column: str):
    """The cell of ``column`` in the row of ``header``, in Glide's accessible copy."""
    index = (
        grid.locator("th").filter(has_text=re.compile(f"^{column}$")).get_attribute("aria-colindex")
    )
    exactly = grid.page.locator("td").filter(has_text=re.compile(f"^{re.escape(header)}$"))
    return grid.locator("tbody tr").filter(has=exactly).locator(f"td[aria-colindex='{index}']")


def _table_with(page, column: str):
    """The grid that has a column headed ``column``."""
    heading = page.locator("th").filter(has_text=re.compile(f"^{column}$"))
    return page.locator("[data-testid='stDataFrame']").filter(has=heading)


def _numbers(page):
    """The grid of "2. Check and correct the numbers" (the rows saving would delete come later)."""
    return _table_with(page, "Grade 1 entrants").first


def _problem_table(page):
    return _table_with(page, "Problem")


def _selected(grid):
    return grid.locator("td[aria-selected=true]")


def _choose(page, grid, header: str, column: str, option: str) -> None:
    """Sets ``column`` in the row of ``header`` to ``option`` through the cell's drop-down:
    a click on the first cell, the arrow keys to the cell, Enter, and a click on the option."""
    x, y = _cell(grid, header, column).get_attribute("id").split("-")[-2:]
    settled(page)
    canvas = grid.locator("canvas[data-testid='data-grid-canvas']")
    canvas.evaluate("canvas => canvas.scrollIntoView({block: 'center'})")  # not under the header
    box = canvas.bounding_box()  # Glide's scroller lies over the canvas and takes the clicks
    first = box["x"] + 20, box["y"] + 52  # the first cell, under a 35 px header row
    for _attempt in range(3):  # Glide now and then misses a first click that takes the focus
        page.mouse.move(*first)  # from another widget (here the tick): a person clicks again
        page.mouse.click(*first)
        with contextlib.suppress(PlaywrightTimeoutError):  # 1 s: the next is no double click
            _selected(grid).wait_for(state="attached", timeout=1000)
            break
    expect(_selected(grid)).to_have_id("glide-cell-0-0")
    for key, times in (("ArrowRight", int(x)), ("ArrowDown", int(y))):
        for _ in range(times):
            page.keyboard.press(key)
    expect(_selected(grid)).to_have_id(f"glide-cell-{x}-{y}")
    page.keyboard.press("Enter")
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for(state="visible", timeout=LONG)  # the list has opened
    for attempt in range(3):  # on a busy machine the list may take a click before it listens
        if attempt and choice.count() == 0:
            return  # the last click was taken after all: the list has closed
        with contextlib.suppress(PlaywrightTimeoutError):
            choice.click(timeout=10_000)
            choice.wait_for(state="detached", timeout=10_000)  # chosen: the list has closed
            return
    raise AssertionError(f"the option {option!r} stayed open after three clicks")


def _save_button(page):
    return page.get_by_role("button", name="Save as a new version")


def test_an_unknown_column_chosen_in_the_grid_is_read_at_once_and_next_year_needs_no_help(
    server, browser, tmp_path, artifacts
):
    page = new_page(browser, locale="en-US")
    sign_in(page, server)
    page.get_by_role("link", name="Upload").click()
    grid = _upload(page, _report(tmp_path, 2024))
    expect(_cell(grid, "Айыл", "Read as")).to_have_text("Village")
    expect(_cell(grid, UNKNOWN, "Read as")).to_have_text("not used")  # drawn empty: see below
    expect(_cell(_numbers(page), "Katran", "Grade 1 entrants")).to_have_text("")
    problems = page.locator("[data-testid='stDataFrame']").filter(has_text=ERROR)
    expect(problems).to_have_count(1, timeout=LONG)
    expect(page.get_by_text("1 error must be corrected before saving.")).to_be_visible()
    # the demo's girls and boys rows of 2024 are deleted when totals replace them: tick that
    # first, so that only the error keeps the button disabled
    page.get_by_text("Yes, delete these 6 rows.").click()
    expect(_save_button(page)).to_be_disabled()
    page.screenshot(path=artifacts / "mapping_unknown_column_en.png", full_page=True)

    _choose(page, grid, UNKNOWN, "Read as", "Grade 1 entrants")
    expect(page.get_by_text("No problems found.", exact=True)).to_be_visible(timeout=LONG)
    expect(_cell(grid, UNKNOWN, "Read as")).to_have_text("Grade 1 entrants")
    expect(_cell(_numbers(page), "Katran", "Grade 1 entrants")).to_have_text("90")
    expect(problems).to_have_count(0)
    expect(_problem_table(page)).to_have_count(0)
    expect(page.get_by_text("1 error must be corrected before saving.")).to_have_count(0)
    expect(_save_button(page)).to_be_enabled(timeout=LONG)
    page.screenshot(path=artifacts / "mapping_chosen_by_hand_en.png", full_page=True)
    _save_button(page).click()
    page.get_by_text("Saved as version 2.").wait_for(timeout=LONG)

    grid = _upload(page, _report(tmp_path, 2025, extra=3))
    note = page.locator("[data-testid='stAlert']").filter(has_text="Read the way")
    expect(note).to_have_text(
        re.compile(r"^Read the way report_2024\.xlsx was read on [A-Z][a-z]+ \d{1,2}, \d{4}\.$")
    )
    expect(page.get_by_text("No problems found.", exact=True)).to_be_visible(timeout=LONG)
    expect(_cell(grid, UNKNOWN, "Read as")).to_have_text("Grade 1 entrants")
    expect(_cell(_numbers(page), "Katran", "Grade 1 entrants")).to_have_text("93")
    expect(_problem_table(page)).to_have_count(0)
    page.screenshot(path=artifacts / "mapping_next_year_en.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.dialogs == [] and page.outside == []
    page.context.close()


def test_the_mapping_grid_fits_a_1024_by_768_screen(server, browser, tmp_path, artifacts):
    """A village-hall projector, the sidebar open as it starts: the grid lies inside the screen
    and shows every column whole (it does not scroll sideways)."""
    page = new_page(browser, locale="en-US")
    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in(page, server)
    page.get_by_role("link", name="Upload").click()
    grid = _upload(page, _report(tmp_path, 2023))
    settled(page)
    grid.evaluate("grid => grid.scrollIntoView({block: 'center'})")
    page.screenshot(path=artifacts / "mapping_1024x768_en.png")
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1024, box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1024
    headers = grid.locator("th").all_text_contents()
    assert headers == ["Sheet", "Cell", "Header in the file", "Read as", "Remember this header"]
    scroller = grid.locator(".dvn-scroller")
    needs, shows = scroller.evaluate("scroller => [scroller.scrollWidth, scroller.clientWidth]")
    assert needs <= shows, f"the grid needs {needs} px and shows {shows}: a column is cut"
    assert page.locator("[data-testid='stException']").count() == 0
    page.context.close()
