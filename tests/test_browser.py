"""The real browser: Debian's chromium, driven by Playwright, against `streamlit run`.

CI installs chromium (.ci/run); a missing browser fails these tests instead of skipping them.
"""

from __future__ import annotations

import pytest
from fixtures.browser import chromium, new_page, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with streamlit_server(tmp_path_factory.mktemp("store")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser):
    opened = new_page(browser)
    yield opened
    opened.context.close()


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
