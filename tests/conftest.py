"""Shared fixtures: the demo data read once, and a helper that runs the app in AppTest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test
from hypothesis import settings
from streamlit.runtime.pages_manager import PagesManager

from readiness import load_workbook
from readiness.paths import DEMO_WORKBOOK, REPO_ROOT

SAMPLES = REPO_ROOT.parent / "shared" / "samples"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def demo():
    """The demo workbook, read by the public loader."""
    return load_workbook(DEMO_WORKBOOK)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def direct_counts(village: str, year: int) -> dict[str, int]:
    """A village's counts for a school year, summed over girls and boys, read straight from the
    demo workbook with openpyxl (columns: municipality, village, year, sex, four counts), so that
    tests compare the dashboard with the file and not with the loader."""
    from openpyxl import load_workbook as open_book

    book = open_book(DEMO_WORKBOOK, read_only=True)
    sheet = book.worksheets[0]
    totals = dict.fromkeys(("children", "enrolled", "entrants", "ready"), 0)
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row[1] == village and row[2] == f"{year}-{year + 1}":
            for key, value in zip(totals, row[4:8], strict=True):
                totals[key] += value
    book.close()
    return totals


class _NavigationOnly(PagesManager):
    """AppTest starts every run in Streamlit's old ``pages/`` mode, which a real server leaves
    for good once dashboard.py has run ``st.navigation``; switching between the two modes on each
    run drops widget values. Tests run the app as a warm server does: navigation only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture
def warm_server(monkeypatch):
    monkeypatch.setattr(app_test, "PagesManager", _NavigationOnly)


# Hypothesis: a quick profile for CI and a thorough one to run by hand
# (HYPOTHESIS_PROFILE=thorough make test).
settings.register_profile("ci", max_examples=25, derandomize=True)
settings.register_profile("thorough", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
