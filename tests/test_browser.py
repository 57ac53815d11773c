"""The real browser: Debian's chromium, driven by Playwright, against `streamlit run`.

CI installs chromium (.ci/run); a missing browser fails these tests instead of skipping them.
"""

from __future__ import annotations

import pytest
from fixtures.browser import download, new_page

pytestmark = pytest.mark.browser


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
    page.wait_for_selector("h1:has-text('Катранский айыльный аймак')", timeout=30_000)
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


def _font_px(page, selector: str) -> float:
    """The font size of the element ``selector`` finds, once it is in the page: an element that
    Streamlit replaces while it is read has no computed style (""), so it is read again."""
    size = page.wait_for_function(
        f"""() => {{ const e = document.querySelector({selector!r});
                    return e && e.isConnected && getComputedStyle(e).fontSize; }}""",
        timeout=30_000,
    ).json_value()
    return float(size.removesuffix("px"))


def test_presentation_mode_in_kyrgyz_is_full_screen_and_large(server, page, artifacts):
    page.goto(f"{server}/present?lang=ky")
    page.wait_for_selector(".slide-headline", timeout=60_000)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert not page.locator("[data-testid='stHeader']").is_visible()
    total = int(page.locator(".slide-number").inner_text().split()[0].split("-")[0])
    headings = []
    for number in range(1, total + 1):
        page.wait_for_selector(f".slide-number:has-text('{number}-слайды')", timeout=60_000)
        page.wait_for_timeout(700)
        page.screenshot(path=artifacts / f"present_ky_{number}.png")
        headings.append(page.locator(".slide-heading").inner_text())
        assert _font_px(page, ".slide-message") >= 28
        if page.locator(".slide-headline").count():
            assert _font_px(page, ".slide-headline") >= 80
        page.keyboard.press("ArrowRight")  # the arrow keys move the slides
    assert headings[0] == "Катран айыл аймагы" and len(set(headings)) == total
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.outside == []


def test_a_chart_downloads_as_a_png_at_projector_resolution(server, page):
    from PIL import Image

    page.goto(f"{server}/?lang=ky")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=60_000)
    chart.hover()
    with page.expect_download(timeout=60_000) as download:
        page.locator(".modebar-btn[data-title]").first.click()
    with Image.open(download.value.path()) as image:
        assert image.size == (1920, 1080)
    assert page.outside == []


def test_the_slides_and_the_handout_download_from_presentation_mode(server, page):
    import io
    from pathlib import Path

    from pptx import Presentation
    from pypdf import PdfReader

    page.goto(f"{server}/present?lang=ky")
    page.wait_for_selector(".slide-headline", timeout=60_000)
    prepare = page.get_by_text("Слайддарды даярдоо")
    prepare.click()
    button = page.get_by_role("button", name="Слайддарды жүктөп алуу (PowerPoint)")
    pptx = download(page, button, reopen=prepare.click)
    deck = Presentation(io.BytesIO(Path(pptx.path()).read_bytes()))
    assert deck.slides[0].shapes.title.text == "Катран айыл аймагы" and len(deck.slides) == 8
    button = page.get_by_role("button", name="Таратма материалды жүктөп алуу (PDF)")
    pdf = Path(download(page, button, timeout=120_000, reopen=prepare.click).path())
    handout = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "".join(p.extract_text() for p in handout.pages)
    assert "Жаңы-Турмуш" in text and "Өзгөрүш" in text and "1 374" in text
    assert page.outside == []


def test_a_presenter_remote_moves_the_slides_with_page_down_and_page_up(server, page):
    page.goto(f"{server}/present?lang=en")
    page.wait_for_selector(".slide-headline", timeout=60_000)
    assert not page.locator(".st-key-present_page_down").is_visible()
    for key, expected in (
        ("PageDown", "Slide 2 of 8"),
        ("PageDown", "Slide 3 of 8"),
        ("PageUp", "Slide 2 of 8"),
    ):
        page.wait_for_timeout(1000)  # the previous step's run has finished
        page.keyboard.press(key)
        page.wait_for_selector(f".slide-number:has-text('{expected}')", timeout=30_000)
    assert page.outside == []
