"""Shared fixtures: the demo data read once, and a helper that runs the app in AppTest."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test
from fixtures import postgres
from fixtures.browser import chromium, streamlit_server
from hypothesis import settings
from streamlit.runtime.pages_manager import PagesManager

from readiness import escape, load_workbook
from readiness.paths import DEMO_WORKBOOK, REPO_ROOT
from readiness.store import Store
from readiness.store.tables import make_engine, metadata
from readiness.ui import FAILED_KEY

SAMPLES = REPO_ROOT.parent / "shared" / "samples"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    """Every test has a SQLite store of its own, seeded with the demo workbook on first use; never
    the developer's ./data/store, and PostgreSQL only where a test asks for it."""
    monkeypatch.setenv("READINESS_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.delenv(postgres.URL_VARIABLE, raising=False)


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server: CI's (READINESS_DATABASE_URL), or a throwaway one."""
    if postgres.GIVEN_URL:
        yield postgres.GIVEN_URL
        return
    if os.environ.get("CI"):
        pytest.fail("CI must start PostgreSQL and set READINESS_DATABASE_URL (see .ci/run)")
    try:
        server = postgres.Throwaway()
        url = server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as failure:
        pytest.fail(f"no PostgreSQL server for the store tests: {failure}")
    yield url
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of an empty database, once for each kind we support."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'readiness.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def store(store_url):
    """A store of each kind, set up with the demo as version 1."""
    opened = Store(store_url)
    opened.setup()
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run` for the browser tests of one module, with a store of its own."""
    with streamlit_server(tmp_path_factory.mktemp("store")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright."""
    with chromium() as launched:
        yield launched


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


def shown(markdown: str) -> str:
    """Markdown as a reader sees it: without the escapes ``escape.markdown`` adds."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(escape.WORD_JOINER, "")


def table_shown(element):
    """An AppTest table (``st.table``) as a reader sees it: each cell without its escapes."""
    return element.value.map(lambda value: shown(value) if isinstance(value, str) else value)


def failures(at) -> list[str]:
    """What went wrong in an AppTest run: an exception Streamlit showed, or one the dashboard's
    error boundary caught and replaced by its translated message (``ui.FAILED_KEY``)."""
    found = [str(e.value) for e in at.exception]
    if FAILED_KEY in at.session_state:
        found.append(at.session_state[FAILED_KEY])
    return found


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
settings.register_profile("ci", max_examples=25, derandomize=True, deadline=None)
settings.register_profile("thorough", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """500 examples of a property take longer than the 300 s a test is otherwise given.

    The tests run on two processes (pytest-xdist, ``--dist loadgroup``): the tests that use the
    one PostgreSQL database stay on one of them, and each browser test module (one server, one
    browser) on one."""
    for item in items:
        if THOROUGH and getattr(item.obj, "is_hypothesis_test", False):
            item.add_marker(pytest.mark.timeout(0))
        if "postgres_url" in item.fixturenames or _on_postgres(item):
            item.add_marker(pytest.mark.xdist_group("postgresql"))
        elif item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def pytest_collection_finish(session):
    """The groups are kept by pytest-xdist renaming each test ``name@group``; a pytest that no
    longer lets it would run the PostgreSQL tests on two processes against one database."""
    if not getattr(session.config.option, "loadgroup", False):  # one process, or no xdist
        return
    lost = [
        item.nodeid
        for item in session.items
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
    ]
    if lost:
        raise pytest.UsageError(f"pytest-xdist did not group {len(lost)} tests, e.g. {lost[0]}")


def _on_postgres(item) -> bool:
    callspec = getattr(item, "callspec", None)
    return callspec is not None and callspec.params.get("store_url") == "postgresql"
