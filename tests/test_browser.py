"""The real browser: Debian's chromium, driven by Playwright, against `streamlit run`.

CI installs chromium (.ci/run); a missing browser fails these tests instead of skipping them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from readiness.paths import REPO_ROOT

CHROMIUM = Path(os.environ.get("READINESS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url}")


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1200}, locale="ky-KG")
    opened = context.new_page()
    opened.outside = []  # every request that would leave this machine
    opened.on(
        "request",
        lambda request: (
            opened.outside.append(request.url)
            if urlparse(request.url).hostname not in (None, "127.0.0.1", "localhost")
            else None
        ),
    )
    yield opened
    context.close()


def test_the_overview_renders_its_figures_and_chart_in_kyrgyz(server, page, artifacts):
    page.goto(f"{server}/?lang=ky")
    page.wait_for_selector("[data-testid='stMetric']", timeout=60_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(path=artifacts / "overview_ky.png", full_page=True)

    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").first.inner_text() == "Катран айыл аймагы"
    assert page.locator("[data-testid='stMetric']").count() == 5
    assert "баланын ичинен" in page.locator("[data-testid='stMain']").inner_text()
    legend = page.locator(".js-plotly-plot .legend").text_content()
    assert "Камтуу деңгээли" in legend and "Мектепке даярдык" in legend
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() == 2
    assert "Демо маалымат" in page.locator("[data-testid='stAlert']").inner_text()
    assert page.outside == []


def test_the_language_switch_keeps_the_language_in_the_url(server, page):
    page.goto(f"{server}/?lang=ky")
    page.wait_for_selector("[data-testid='stMetric']", timeout=60_000)
    page.get_by_text("Русский").click()
    page.wait_for_function("() => location.search.includes('lang=ru')", timeout=30_000)
    page.wait_for_selector("h1:has-text('Катранский айылный аймак')", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.outside == []


PLOT = ".js-plotly-plot g.trace"
PAGES = {
    "years": PLOT,
    "before-after": PLOT,
    "priorities": PLOT,
    "village": PLOT,
    "data": "[data-testid='stDataFrame']",
}


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_opens_in_kyrgyz_and_russian(server, page, artifacts, path, lang):
    page.goto(f"{server}/{path}?lang={lang}")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_selector(PAGES[path], state="attached", timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(path=artifacts / f"{path}_{lang}.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert f"lang={lang}" in page.url
    assert page.outside == []
