"""Everything fits the screens the dashboard is made for: a village-hall projector at 1024×768
and a laptop at 1366×768, in Kyrgyz and Russian, on every page and every slide.

Each check reads the page's own bounding boxes in Debian's chromium: nothing that carries a
number or a title is cut off, a slide needs no scrolling, no chart's legend lies on its title,
no table runs past the right edge, no text is fainter than 4.5:1, and none of Streamlit's own
English is left showing. One server, one browser, a browser context per size and language.
"""

from __future__ import annotations

import io

import pytest
from fixtures.browser import new_page, sign_in

from readiness.i18n import Translator

pytestmark = pytest.mark.browser
LONG = 60_000
SIZES = [(1024, 768), (1366, 768)]
VIEWER_PAGES = {
    "overview": ("", ".js-plotly-plot .main-svg"),
    "years": ("years", ".js-plotly-plot .main-svg"),
    "before-after": ("before-after", ".js-plotly-plot .main-svg"),
    "priorities": ("priorities", ".js-plotly-plot .main-svg"),
    "village": ("village", ".js-plotly-plot .main-svg"),
    "data": ("data", "[data-testid='stDataFrame']"),
}
ANALYST_PAGES = {
    "upload": ("Upload", "[data-testid='stFileUploader']"),
    "history": ("History", "[data-testid='stDataFrame']"),
}
SCHOOL_YEARS = [f"{year}–{year + 1}" for year in range(2011, 2026)]
# Streamlit's own words that must never show on a Kyrgyz or Russian page.
ENGLISH = (
    *("Upload", "Drag and drop", "per file", "Choose options", "Select all", "Fullscreen"),
    *("Download as CSV", "Running...", "Print", "Connection error", "Page not found"),
    *("Download plot", "Zoom", "Autoscale", "Reset axes"),
)

# Returns every problem it finds, as text, so that a failure says what and where.
PROBLEMS = """
() => {
  const found = [];
  const meet = (a, b) =>  // two boxes overlap
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const name = e => (e.getAttribute('data-testid') || e.className.baseVal || e.className ||
                     e.tagName) + ' «' + (e.textContent || '').trim().slice(0, 40) + '»';
  const carriers = 'h1, h2, h3, [data-testid="stMetricValue"], [data-testid="stMetricLabel"], ' +
    '.slide-heading, .slide-headline, .slide-message, .slide-note, .slide-number';
  for (const e of document.querySelectorAll(carriers)) {
    if (!visible(e)) continue;
    for (const part of [e, ...e.querySelectorAll('*')]) {
      if (visible(part) && part.scrollWidth > part.clientWidth + 1 && part.clientWidth > 0)
        found.push('clipped: ' + name(e) + ` ${part.scrollWidth} > ${part.clientWidth}`);
    }
  }
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    for (const text of plot.querySelectorAll('.gtitle, .legend text, .annotation-text')) {
      const r = text.getBoundingClientRect();
      if (r.width && (r.left < svg.left - 1 || r.right > svg.right + 1 ||
                      r.top < svg.top - 1 || r.bottom > svg.bottom + 1))
        found.push('chart text cut off: ' + name(text));
    }
    const ticks = [...plot.querySelectorAll('.xtick text')].map(x => x.getBoundingClientRect());
    for (const note of plot.querySelectorAll('.annotation-text')) {
      const a = note.getBoundingClientRect();
      if (ticks.some(b => meet(a, b))) found.push('on the school years: ' + name(note));
    }
    const legend = plot.querySelector('.legend'), title = plot.querySelector('.gtitle');
    if (legend && title && meet(legend.getBoundingClientRect(), title.getBoundingClientRect()))
      found.push('legend on title: ' + name(title));
  }
  for (const table of document.querySelectorAll('[data-testid="stTable"]')) {
    for (const part of [table, ...table.querySelectorAll('div')])
      if (part.scrollWidth > part.clientWidth + 1) found.push('table scrolls sideways');
  }
  return found;
}
"""

# Text fainter than 4.5:1 against what it is drawn on (WCAG AA); disabled buttons are exempt.
FAINT = """
() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const behind = e => {  // the nearest box under the text that has a colour of its own
    const t = e.getBoundingClientRect(), x = t.left + t.width / 2, y = t.top + t.height / 2;
    for (let n = e; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor), r = n.getBoundingClientRect();
      const under = r.left <= x && x <= r.right && r.top <= y && y <= r.bottom;
      if (under && (c.length === 3 || c[3] > 0.5)) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const e = node.parentElement;
    if (!node.textContent.trim() || !e || !e.getClientRects().length) continue;
    if (e.closest('button:disabled, [aria-disabled="true"], svg, [aria-hidden="true"]')) continue;
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden' || style.opacity === '0') continue;
    let colour = rgb(style.color), alpha = colour.length === 4 ? colour[3] : 1;
    for (let n = e; n; n = n.parentElement) alpha *= Number(getComputedStyle(n).opacity);
    if (alpha === 0) continue;  // not shown (until a hover)
    const back = behind(e);
    colour = colour.slice(0, 3).map((v, i) => v * alpha + back[i] * (1 - alpha));
    const [a, b] = [lum(colour), lum(back)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) found.push(`${ratio.toFixed(1)}:1 «${node.textContent.trim().slice(0, 30)}»`);
  }
  return found;
}
"""


def _settle(page, ready: str) -> None:
    """Until the run has finished: no element left over from the previous run (Streamlit marks
    them ``data-stale``) and no spinner, and the charts laid out."""
    page.wait_for_selector(ready, state="attached", timeout=LONG)
    page.wait_for_function(
        '() => !document.querySelector(\'[data-stale="true"], [data-testid="stSpinner"]\')',
        timeout=LONG,
    )
    page.wait_for_timeout(600)


def _check(page, where: str, artifacts, english: bool = True) -> list[str]:
    page.screenshot(path=artifacts / f"fit_{where}.png")
    found = page.evaluate(PROBLEMS) + page.evaluate(FAINT)
    if english:
        shown = page.locator("body").inner_text() + " ".join(
            page.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
        )
        found += [f"English: {word}" for word in ENGLISH if word in shown]
    return [f"{where}: {problem}" for problem in found]


def _years_with_totals_and_panels(page, server: str, lang: str, size: str, artifacts):
    """The Years page with each municipality's total (black lines that must not look alike, in a
    longer legend), then as one panel per village (titles clear of the school years above)."""
    t = Translator(lang)
    page.goto(f"{server}/years?lang={lang}")
    _settle(page, ".js-plotly-plot .main-svg")
    page.get_by_text(t("Add each municipality's total")).click()
    page.wait_for_function("() => document.querySelectorAll('.legend .traces').length > 4")
    _settle(page, ".js-plotly-plot .main-svg")
    found = _check(page, f"{size}_{lang}_years-totals", artifacts)
    page.get_by_text(t("One panel per village")).click()
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .xy').length > 1")
    _settle(page, ".js-plotly-plot .main-svg")
    return found + _check(page, f"{size}_{lang}_years-panels", artifacts)


def _slides(page, server: str, lang: str, size: str, artifacts) -> list[str]:
    """Every slide in presentation mode, moved with the arrow key."""
    t = Translator(lang)
    page.goto(f"{server}/present?lang={lang}")
    page.wait_for_selector(".slide-heading", timeout=LONG)
    total = 8
    found = []
    for number in range(1, total + 1):
        counter = t("Slide {n} of {total}", n=number, total=total)
        page.wait_for_selector(f".slide-number:has-text('{counter}')", timeout=LONG)
        _settle(page, ".slide-heading")
        found += _check(page, f"{size}_{lang}_slide{number}", artifacts)
        height = page.evaluate(
            "() => Math.max(document.documentElement.scrollHeight,"
            " document.querySelector('[data-testid=\"stMain\"]').scrollHeight)"
        )
        if height > page.viewport_size["height"]:
            found.append(f"{size}_{lang}_slide{number}: {height} px high, needs scrolling")
        page.keyboard.press("ArrowRight")
    return found


def _analyst_pages(page, server: str, lang: str, size: str, artifacts) -> list[str]:
    """Upload and History, reached by a signed-in analyst through the navigation."""
    t = Translator(lang)
    sign_in(page, server)
    page.get_by_role("link", name="Upload").wait_for(timeout=LONG)
    page.get_by_text({"ky": "Кыргызча", "ru": "Русский"}[lang]).click()
    page.wait_for_function(f"() => location.search.includes('lang={lang}')", timeout=LONG)
    found = []
    for where, (title, ready) in ANALYST_PAGES.items():
        page.get_by_role("link", name=t(title)).click()
        _settle(page, ready)
        found += _check(page, f"{size}_{lang}_{where}", artifacts)
    return found


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_page_and_slide_fits_the_screen(server, browser, artifacts, width, height, lang):
    page = new_page(browser)
    page.set_viewport_size({"width": width, "height": height})
    size = f"{width}x{height}"
    found = []
    for where, (path, ready) in VIEWER_PAGES.items():
        page.goto(f"{server}/{path}?lang={lang}")
        _settle(page, ready)
        found += _check(page, f"{size}_{lang}_{where}", artifacts)
    found += _years_with_totals_and_panels(page, server, lang, size, artifacts)
    found += _slides(page, server, lang, size, artifacts)
    found += _analyst_pages(page, server, lang, size, artifacts)
    page.context.close()
    assert not found, "\n".join(found)


def test_the_printed_village_profile_has_every_school_year(server, browser, artifacts):
    from pypdf import PdfReader

    page = new_page(browser)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server}/village?lang=ru")
    _settle(page, ".js-plotly-plot .main-svg")
    printed = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "village_ru.pdf").write_bytes(printed)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(printed)).pages)
    # Both tables (the measures, girls and boys) reach the last school year on paper...
    assert {year: text.count(year) >= 2 for year in SCHOOL_YEARS} == dict.fromkeys(
        SCHOOL_YEARS, True
    )
    # ...and no chart is wider than the printable width of landscape A4 (277 mm = 1047 px).
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.emulate_media(media="print")
    page.wait_for_timeout(800)
    rights = page.locator(".js-plotly-plot").evaluate_all(
        "plots => plots.map(p => p.getBoundingClientRect().right)"
    )
    assert len(rights) == 3 and max(rights) <= 1047
    page.context.close()
