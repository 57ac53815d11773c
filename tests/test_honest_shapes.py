"""A property: no page breaks on honest data, whatever its shape.

Hypothesis draws stored data of many honest shapes (see ``fixtures/shapes.py``): any subset of
villages and school years, counts missing anywhere, zero entrants, one village, one year, no
project villages or only project villages, no municipality, a village with no rows, no girls and
boys rows. Each example is stored as the current version of a real store, and every viewer page
is opened in every language in AppTest; then the main widgets are driven in one language.
"""

from __future__ import annotations

import io

import pytest
from conftest import failures
from fixtures.shapes import STRANGER, Shape, shape, shapes, stored
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from streamlit.testing.v1 import AppTest
from test_app import PAGES

from readiness.analysis.measures import areas
from readiness.analysis.priorities import INPUTS
from readiness.i18n import LANGUAGES, Translator
from readiness.model import schema as s
from readiness.model.places import registry
from readiness.paths import REPO_ROOT
from readiness.present.deck import build_deck, municipalities
from readiness.present.pdf import handout_pdf
from readiness.present.pptx import deck_pptx

# Each example makes a store of its own, so the function-scoped fixtures (a store folder per test,
# the warm server's page mode) are safe to share between examples.
SHAPES = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Driving the widgets takes longer: two in five of the profile's examples (10 of 25 in CI).
WIDGET_EXAMPLES = max(1, settings.default.max_examples * 2 // 5)
# An example takes about 3 s here; the thorough profile (500 examples) needs more than 300 s.
PROFILE_TIME = pytest.mark.timeout(max(300, 10 * settings.default.max_examples))
pytestmark = pytest.mark.usefixtures("warm_server")


def dashboard(lang: str) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = lang
    return at.run()


def checked(at: AppTest, where: str) -> AppTest:
    assert not failures(at), (where, failures(at))
    return at


def every_page_in_every_language() -> AppTest:
    """Every viewer page, in ky, ru and en, on the stored data; each run without a failure."""
    at = dashboard(LANGUAGES[0])
    for lang in LANGUAGES:
        at.radio(key="app_lang").set_value(lang).run()
        for page in PAGES:
            checked(at.switch_page(page).run(), f"{page} in {lang}")
    return at


def years_of(shape: Shape) -> list[int]:
    return sorted({int(y) for y in shape.observations[s.YEAR]})


@PROFILE_TIME
@SHAPES
@given(shapes())
def test_every_page_runs_in_every_language_on_honest_data(shape):
    with stored(shape):
        every_page_in_every_language()


def drive_overview(at: AppTest, shape: Shape) -> None:
    at.switch_page("pages/overview.py").run()
    for area in areas(shape.villages):
        checked(at.selectbox(key="overview_area").set_value(area).run(), f"overview {area}")
    for year in years_of(shape):
        checked(at.selectbox(key="overview_year").set_value(year).run(), f"overview {year}")


def drive_years(at: AppTest, shape: Shape) -> None:
    at.switch_page("pages/years.py").run()
    at.multiselect(key="years_villages").set_value(sorted(shape.villages[s.VILLAGE]))
    at.checkbox(key="years_totals").check()
    for measure in ("readiness", "children_3_6"):
        at.selectbox(key="years_measure").set_value(measure)
        for view in ("lines", "bars", "panels"):
            checked(at.radio(key="years_view").set_value(view).run(), f"years {measure} {view}")


def drive_before_after(at: AppTest) -> None:
    at.switch_page("pages/before_after.py").run()
    at.radio(key="before_after_measure").set_value("coverage").run()
    mode = at.radio(key="before_after_mode")
    checked(mode.set_value(mode.options[1]).run(), "before and after, chosen years")


def drive_priorities(at: AppTest, shape: Shape) -> None:
    at.switch_page("pages/priorities.py").run()
    for year in years_of(shape):
        checked(at.selectbox(key="priorities_year").set_value(year).run(), f"priorities {year}")
    for name in INPUTS:
        at.slider(key=f"priorities_w_{name}").set_value(0)
    checked(at.run(), "priorities, all weights 0")
    assert at.info, "all weights 0: the page says so instead of ranking"


def drive_village_and_slides(at: AppTest, shape: Shape) -> None:
    at.switch_page("pages/village.py").run()
    for village in sorted(shape.villages[s.VILLAGE]):
        checked(at.selectbox(key="profile_village").set_value(village).run(), village)
    at.switch_page("pages/present.py").run()
    for _ in range(len(shape.villages) + 5):  # every slide of the deck, one after the other
        if not at.button(key="present_next").disabled:
            checked(at.button(key="present_next").click().run(), "the next slide")


@PROFILE_TIME
@settings(SHAPES, max_examples=WIDGET_EXAMPLES)
@given(shapes(), st.sampled_from(LANGUAGES))
def test_the_main_widgets_work_on_honest_data(shape, lang):
    with stored(shape):
        at = checked(dashboard(lang), "overview")
        drive_overview(at, shape)
        drive_years(at, shape)
        drive_before_after(at)
        drive_priorities(at, shape)
        if municipalities(shape.villages):
            drive_village_and_slides(at, shape)


def fake_render(figures: list, width: int, height: int) -> list[bytes]:
    """A 1x1 PNG per chart: the handout's layout without a browser."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, format="PNG")
    return [buffer.getvalue()] * len(figures)


@SHAPES
@given(shapes(), st.sampled_from(LANGUAGES))
def test_the_slides_and_their_downloads_are_made_for_every_year(shape, lang):
    t = Translator(lang)
    for municipality in municipalities(shape.villages):
        for year in years_of(shape):
            slides = build_deck(
                shape.observations, shape.villages, municipality, year, t, registry(), "shape.xlsx"
            )
            assert deck_pptx(slides).startswith(b"PK")
            assert handout_pdf(slides, t, fake_render).startswith(b"%PDF")


# --- the shapes of the findings, pinned down whatever Hypothesis draws ---------------------------
NAMED = {
    "one village and one year": shape(("Katran", 2015, 100, 40, 30, 20)),
    "no readiness counts at all": shape(
        ("Katran", 2014, 100, 40, None, None),
        ("Ozgorush", 2014, 80, 20, None, None),
        ("Katran", 2015, 110, 50, None, None),
        ("Ozgorush", 2015, 90, 30, None, None),
    ),
    "no grade 1 entrants this year": shape(
        ("Katran", 2014, 100, 40, 30, 20),
        ("Ozgorush", 2014, 80, 20, 12, 6),
        ("Katran", 2015, 110, 50, 0, 0),
        ("Ozgorush", 2015, 90, 30, 14, 7),
    ),
    "a village lacking the latest year": shape(
        ("Katran", 2014, 100, 40, 30, 20),
        ("Ozgorush", 2014, 80, 20, 12, 6),
        ("Katran", 2015, 110, 50, 31, 22),
        ("Kara-Suu", 2015, 300, 90, 70, 30),
        project=("Katran",),
    ),
    "project villages only, one of them with no rows": shape(
        ("Katran", 2014, 100, 40, 30, 20),
        ("Katran", 2015, 110, 50, 31, 22),
        project=("Katran", "Ozgorush"),
        listed=("Ozgorush",),
    ),
    "no municipality and no project": shape(
        ("Katran", 2014, 100, None, 30, 20),
        (STRANGER, 2015, 10, 4, 3, 1),
        named=False,
    ),
}


@pytest.mark.parametrize("shape", NAMED.values(), ids=NAMED.keys())
def test_every_page_runs_in_every_language_on_the_shapes_of_the_findings(shape):
    with stored(shape):
        at = every_page_in_every_language()
        drive_priorities(at, shape)


@pytest.mark.parametrize("year", [2011, 2012, 2020])
def test_the_demo_priorities_of_years_that_used_to_break_the_page(year):
    at = dashboard("en").switch_page("pages/priorities.py").run()
    checked(at.selectbox(key="priorities_year").set_value(year).run(), f"priorities {year}")
    assert len(at.table[0].value) == 8 and at.title[0].value.endswith(f"{year}–{year + 1}")


def test_all_weights_at_zero_say_so_on_the_page():
    at = dashboard("ky").switch_page("pages/priorities.py").run()
    for name in INPUTS:
        at.slider(key=f"priorities_w_{name}").set_value(0)
    checked(at.run(), "all weights 0")
    assert at.info[0].value.startswith("Төрт салмактын баары 0")
    assert not at.table and not at.get("plotly_chart")
