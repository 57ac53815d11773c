"""The real browser, analysts and viewers at once: an analyst signs in, uploads a file and saves
it; a viewer in a second browser context sees the new numbers; a village named like an HTML tag
stays text everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from fixtures.browser import new_page, sign_in

from readiness.files.writer import data_workbook
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.paths import DEMO_WORKBOOK

pytestmark = pytest.mark.browser
HOSTILE = "<img src=x onerror=alert(1)>"
LONG = 60_000


def _file(demo, folder) -> str:
    """School year 2025 with 10 more boys aged 3-6 in Katran, and a new village named like an
    HTML tag (no municipality)."""
    obs = demo.observations[demo.observations[s.YEAR] == 2025].copy()
    katran = (obs[s.VILLAGE] == "Katran") & (obs[s.SEX] != s.GIRLS)
    obs.loc[katran, s.CHILDREN] += 10
    new = obs[obs[s.VILLAGE] == "Katran"].copy()
    new[s.VILLAGE] = HOSTILE
    new[s.MUNICIPALITY] = pd.NA
    obs = pd.concat([obs, new], ignore_index=True)
    path = folder / "2025.xlsx"
    path.write_bytes(data_workbook(obs, demo.villages, Translator("en")))
    return str(path)


def _children(page) -> int:
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=LONG)
    return int(re.sub(r"\D", "", page.locator("[data-testid='stMetricValue']").first.inner_text()))


def test_an_upload_reaches_a_viewer_in_another_browser_and_names_stay_text(
    server, browser, demo, tmp_path, artifacts
):
    viewer = new_page(browser)
    viewer.goto(f"{server}/?lang=ky")
    before = _children(viewer)
    assert viewer.get_by_role("link", name="Upload").count() == 0

    analyst = new_page(browser, locale="en-US")
    sign_in(analyst, server)
    analyst.get_by_role("link", name="Upload").click()
    analyst.wait_for_selector("input[type=file]", state="attached", timeout=LONG)
    analyst.locator("input[type=file]").set_input_files(_file(demo, tmp_path))
    analyst.get_by_text("I have read the warnings and accept them.").click(timeout=LONG)
    analyst.get_by_label("Note: what this file is and where it came from").fill("2025, rayon")
    analyst.keyboard.press("Enter")
    analyst.wait_for_timeout(500)
    analyst.screenshot(path=artifacts / "upload_en.png", full_page=True)
    analyst.get_by_role("button", name="Save as a new version").click()
    analyst.get_by_text("Saved as version 2.").wait_for(timeout=LONG)
    assert analyst.locator("[data-testid='stException']").count() == 0

    viewer.reload()  # the viewer's next visit or click
    viewer.wait_for_selector("h1", timeout=LONG)
    assert _children(viewer) == before + 10
    banner = viewer.locator("[data-testid='stAlert']").inner_text()  # most rows are still demo
    assert "Демо маалымат: 363 саптын 358 шарттуу" in banner

    viewer.goto(f"{server}/village?lang=ky")
    viewer.wait_for_selector("[data-testid='stSelectbox']", timeout=LONG)
    viewer.locator("[data-testid='stSelectbox']").first.click()
    viewer.keyboard.type("<img")
    viewer.keyboard.press("Enter")
    viewer.wait_for_selector(f"h1:has-text('{HOSTILE}')", timeout=LONG)
    viewer.wait_for_timeout(1000)
    viewer.screenshot(path=artifacts / "village_hostile_name_ky.png", full_page=True)
    assert viewer.locator("img[src='x']").count() == 0
    assert viewer.dialogs == [] and analyst.dialogs == []
    assert HOSTILE in viewer.locator("[data-testid='stMain']").inner_text()
    assert viewer.outside == [] and analyst.outside == []
    viewer.context.close()
    analyst.context.close()


def test_a_viewer_typing_an_analyst_address_gets_no_upload(server, browser):
    viewer = new_page(browser, locale="en-US")
    viewer.goto(f"{server}/upload?lang=en")
    # the Overview; or, when this is the fresh server's first visit (Streamlit's old pages/ mode
    # runs the page by itself), the page's refusal
    refusal = "[data-testid='stAlert']:has-text('This page is for analysts')"
    viewer.wait_for_selector(f"h1, {refusal}", timeout=LONG)
    viewer.wait_for_timeout(1000)
    assert viewer.locator("input[type=file]").count() == 0
    assert viewer.get_by_role("link", name="Upload").count() == 0
    viewer.context.close()


def test_history_hands_back_the_original_file_byte_for_byte(server, browser):
    analyst = new_page(browser, locale="en-US")
    sign_in(analyst, server)
    analyst.get_by_role("link", name="History").click()
    analyst.wait_for_selector("[data-testid='stSelectbox']", timeout=LONG)
    boxes = analyst.locator("[data-testid='stSelectbox']")
    boxes.filter(has=analyst.get_by_text("Version", exact=True)).click()  # the original file's
    analyst.get_by_role("option").filter(has_text="Version 1:").click()
    with analyst.expect_download(timeout=LONG) as download:
        analyst.get_by_role("button", name="Download “demo.xlsx”").click()
    assert Path(download.value.path()).read_bytes() == DEMO_WORKBOOK.read_bytes()
    analyst.context.close()


def test_an_analysts_ordinary_year_keeps_the_project_on_before_and_after(
    server, browser, tmp_path, artifacts
):
    """Download the template, type this year's rows for two villages, upload, save with the
    default choice: the project villages and their start years are still there."""
    from openpyxl import load_workbook as open_book

    analyst = new_page(browser, locale="en-US")
    sign_in(analyst, server)
    analyst.get_by_role("link", name="Upload").click()
    with analyst.expect_download(timeout=LONG) as download:
        analyst.get_by_role("button", name="Download the blank template (.xlsx)").click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.suffix == ".xlsx"
    book = open_book(template)
    for village, extra in (("Katran", 0), ("Kara-Suu", 5)):
        for sex, share in (("Girls", 0), ("Boys", 1)):
            book.worksheets[0].append(
                [None, village, "2025-2026", sex, 300 + extra + share, 150, 70, 50 + share]
            )
    path = tmp_path / "this year.xlsx"
    book.save(path)
    analyst.locator("input[type=file]").set_input_files(str(path))
    analyst.get_by_role("button", name="Save as a new version").wait_for(timeout=LONG)
    assert analyst.get_by_text("Saving would delete").count() == 0
    analyst.get_by_role("button", name="Save as a new version").click()
    analyst.get_by_text("Saved as version").wait_for(timeout=LONG)
    analyst.goto(f"{server}/before-after?lang=en")
    analyst.get_by_text("Project villages: readiness rose").wait_for(timeout=LONG)
    analyst.screenshot(path=artifacts / "before_after_after_ordinary_year_en.png", full_page=True)
    assert analyst.locator("[data-testid='stException']").count() == 0
    assert analyst.outside == []
    analyst.context.close()
