"""Presentation mode: the deck's numbers, plural forms, the slideshow in AppTest, and the exports
(PowerPoint with native charts, the PDF handout, PNG at projector resolution)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from conftest import failures
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from readiness.analysis.measures import by_village
from readiness.analysis.priorities import DEFAULT_WEIGHTS
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.places import registry
from readiness.paths import REPO_ROOT
from readiness.present.deck import (
    BEFORE_AFTER,
    CHILDREN,
    NOT_READY,
    PRIORITIES,
    TITLE,
    build_deck,
    every_ten,
)
from readiness.present.pdf import handout_pdf
from readiness.present.png import NoBrowser, browser_path, render_png
from readiness.present.pptx import deck_pptx
from readiness.views.priorities import priorities_view

YEAR = 2025
VILLAGES = ["Jangy-Turmush", "Katran", "Ozgorush"]  # Katran aiyl aimak, by key


def deck(demo, lang: str = "en", observations=None):
    observations = demo.observations if observations is None else observations
    t = Translator(lang)
    return build_deck(observations, demo.villages, "Katran", YEAR, t, registry(), "demo.xlsx")


def test_the_deck_follows_the_outline_and_its_numbers_are_the_data(demo):
    slides = deck(demo)
    keys = [slide.key for slide in slides]
    assert keys == [TITLE, CHILDREN, NOT_READY, BEFORE_AFTER] + [
        f"village:{v}" for v in VILLAGES
    ] + [PRIORITIES]
    table = by_village(demo.observations, YEAR).loc[VILLAGES]
    children = slides[1]
    assert children.numbers == {
        s.CHILDREN: int(table[s.CHILDREN].sum()),
        s.ENROLLED: int(table[s.ENROLLED].sum()),
    }
    assert children.headline == "1,374"
    assert children.message == (
        "1,374 children aged 3-6 live in Katran aiyl aimak; 810 of them attend preschool (59%)."
    )
    not_ready = slides[2]
    entrants, ready = int(table[s.ENTRANTS].sum()), int(table[s.READY].sum())
    assert not_ready.numbers == {s.NOT_READY: entrants - ready, s.ENTRANTS: entrants}
    assert not_ready.pictogram == round(10 * (entrants - ready) / entrants) == 4
    assert not_ready.notes[0] == "4 of every 10 children"
    from readiness.views.present import side_notes

    assert "4 of every 10 children" not in side_notes(not_ready)  # the pictogram's title says it
    assert side_notes(slides[1]) == slides[1].notes  # a chart's slide says every note
    before_after = slides[3]
    assert before_after.numbers["before"] == (198, 870)
    assert before_after.numbers["after"] == (1842, 3839)
    assert before_after.numbers["verdict"] == "improved"
    assert before_after.chart.series[0].labels == ("23% (198 of 870)", "48% (1,842 of 3,839)")
    katran = slides[5]
    assert katran.heading == "Katran" and katran.headline == "57%"
    assert katran.numbers[s.READY] == table.at["Katran", s.READY] == 115
    priorities = slides[-1]
    assert priorities.headline == "Katran" and len(priorities.notes) == 3
    assert priorities.notes[0].startswith(
        "Katran (rank 3 of 8): 87 children arrived at school not ready"
    )
    assert before_after.notes == (
        "This is more than chance would explain.",
        "Beside the villages outside the project, the difference is +21 p.p., too large to be "
        "chance.",
    )  # the verdict is said once


def page_scores(demo, observations=None) -> dict[str, int]:
    """The Priorities page's scores (all villages, default weights), by village."""
    observations = demo.observations if observations is None else observations
    villages = sorted(demo.villages[s.VILLAGE])
    t = Translator("en")
    view = priorities_view(observations, villages, YEAR, DEFAULT_WEIGHTS, t, registry())
    shown = view.table.set_index("Village")["Priority (0-100)"]
    return {key: int(shown[key]) for key in VILLAGES if shown[key] != "no data"}


def test_the_priorities_slide_shows_the_scores_of_the_priorities_page(demo):
    """Katran is 3rd of 8 with 53 on the page: the slide and the .pptx say 53 too, on a 0-100
    axis, never a score rescaled within the municipality's three villages."""
    priorities = deck(demo)[-1]
    scores = page_scores(demo)
    assert priorities.numbers["villages"] == ["Katran", "Ozgorush", "Jangy-Turmush"]
    assert list(priorities.numbers["scores"]) == [scores[k] for k in priorities.numbers["villages"]]
    assert scores["Katran"] == 53 and priorities.chart.top == 100
    # Katran aiyl aimak has three villages: the slide lists all of them, never as "the three
    # villages that need help most" when one of them ranks last of all eight
    assert priorities.message == (
        "The council's priorities for 2025–2026: the municipality's 3 villages in order of need. "
        "Ranks are among all 8 ranked villages."
    )
    shown = Presentation(io.BytesIO(deck_pptx(deck(demo))))
    chart = next(sh.chart for sh in shown.slides[-1].shapes if sh.has_chart)
    assert list(chart.plots[0].series[0].values) == list(priorities.numbers["scores"])
    assert chart.value_axis.maximum_scale == 100 and chart.value_axis.minimum_scale == 0


@pytest.mark.parametrize(
    ("n", "ru", "ky"),
    [
        (1, "живёт 1 ребёнок 3-6 лет", "1 бала жашайт"),
        (2, "живут 2 ребёнка 3-6 лет", "2 бала жашайт"),
        (5, "живут 5 детей 3-6 лет", "5 бала жашайт"),
        (21, "живёт 21 ребёнок 3-6 лет", "21 бала жашайт"),
        (100, "живут 100 детей 3-6 лет", "100 бала жашайт"),
    ],
)
def test_sentences_take_the_plural_form_of_their_number(demo, n, ru, ky):
    rows = demo.observations.copy()
    katran = rows[s.VILLAGE].isin(VILLAGES) & (rows[s.YEAR] == YEAR) & (rows[s.SEX] == s.TOTAL)
    first = rows.index[katran][0]
    rows.loc[katran, s.CHILDREN] = 0
    rows.loc[first, s.CHILDREN] = n
    rows.loc[katran, s.ENROLLED] = 0
    rows.loc[katran, s.READY] = rows.loc[katran, s.ENTRANTS]  # nobody not ready...
    rows.loc[first, s.READY] = rows.loc[first, s.ENTRANTS] - n  # ...but n children
    by_lang = {lang: deck(demo, lang, rows) for lang in ("ru", "ky")}
    assert ru in by_lang["ru"][1].message
    assert ky in by_lang["ky"][1].message
    ru_not_ready = {
        1: "1 ребёнок",
        2: "2 ребёнка",
        5: "5 детей",
        21: "21 ребёнок",
        100: "100 детей",
    }
    assert ru_not_ready[n] in by_lang["ru"][2].message
    assert f"{n} бала" in by_lang["ky"][2].message


def test_every_ten_rounds_and_stays_within_ten():
    assert [every_ten(k, 349) for k in (0, 17, 18, 138, 349)] == [0, 0, 1, 4, 10]


def test_a_municipality_without_project_villages_says_so(demo):
    villages = demo.villages.assign(**{s.IN_PROJECT: False}).astype(s.VILLAGE_DTYPES)
    slides = build_deck(
        demo.observations, villages, "Katran", YEAR, Translator("en"), registry(), "x"
    )
    assert slides[3].message == "No village of Katran aiyl aimak is in the project."
    assert slides[3].chart is None


# --- PowerPoint ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_pptx_has_every_slide_its_titles_and_native_charts_with_the_numbers(demo, lang):
    slides = deck(demo, lang)
    shown = Presentation(io.BytesIO(deck_pptx(slides)))
    assert len(shown.slides) == len(slides) == 8
    assert [slide.shapes.title.text for slide in shown.slides] == [s_.heading for s_ in slides]
    for made, slide in zip(shown.slides, slides, strict=True):
        charts = [shape.chart for shape in made.shapes if shape.has_chart]
        if slide.chart is None:
            assert charts == []
            continue
        (chart,) = charts
        plot = chart.plots[0]
        assert list(plot.categories) == list(slide.chart.categories)
        for drawn, series in zip(plot.series, slide.chart.series, strict=True):
            assert drawn.name == series.name
            assert list(drawn.values) == [v for v in series.values]
        assert chart.value_axis.minimum_scale == 0
        text = " ".join(shape.text_frame.text for shape in made.shapes if shape.has_text_frame)
        assert slide.message in text


def test_the_pptx_chart_data_equal_the_dashboards_numbers(demo):
    shown = Presentation(io.BytesIO(deck_pptx(deck(demo))))
    children = next(sh.chart for sh in shown.slides[1].shapes if sh.has_chart)
    assert list(children.plots[0].series[0].values) == [1374, 810]
    before_after = next(sh.chart for sh in shown.slides[3].shapes if sh.has_chart)
    shares = [round(v, 4) for v in before_after.plots[0].series[0].values]
    assert shares == [round(198 / 870, 4), round(1842 / 3839, 4)]
    pictogram = [sh for sh in shown.slides[2].shapes if sh.shape_type == 1]  # autoshapes
    assert len(pictogram) == 20  # ten heads and ten bodies


def test_a_slides_count_axis_groups_thousands_as_its_labels_do(demo):
    """Slide 2 in Russian: the bars say "1 374", so the axis says "1 500", never "1500"."""
    from readiness.present.figures import deck_figure

    t = Translator("ru")
    figure = deck_figure(deck(demo, "ru")[1].chart, t.separators)
    assert figure.layout.yaxis.tickformat == ",d" and figure.layout.separators == t.separators
    assert t.separators[1] != "," and t.number(1374) == f"1{t.separators[1]}374"


@pytest.mark.parametrize(
    ("lang", "count", "percent"),
    [("ru", '#"\u00a0"##0', '0"\u00a0"%'), ("ky", '#"\u00a0"##0', "0%"), ("en", '#","##0', "0%")],
)
def test_the_pptx_charts_write_numbers_as_the_decks_language_does(demo, lang, count, percent):
    """Whatever the viewer's locale: a literal no-break space groups thousands in Kyrgyz and
    Russian ("1 374" beside "1 374" in the text), and Russian writes "48 %"."""
    shown = Presentation(io.BytesIO(deck_pptx(deck(demo, lang))))
    charts = [sh.chart for slide in shown.slides for sh in slide.shapes if sh.has_chart]
    children, before_after = charts[0], charts[1]
    assert count in children.value_axis.tick_labels.number_format
    assert count in children.plots[0].data_labels.number_format
    assert before_after.value_axis.tick_labels.number_format == percent
    assert before_after.plots[0].data_labels.number_format == percent


def test_kyrgyz_letters_round_trip_through_the_pptx(demo):
    slides = deck(demo, "ky")
    shown = Presentation(io.BytesIO(deck_pptx(slides)))
    titles = [slide.shapes.title.text for slide in shown.slides]
    assert "Жаңы-Турмуш" in titles and "Өзгөрүш" in titles
    for made, slide in zip(shown.slides, slides, strict=True):
        assert made.notes_slide.notes_text_frame.text == "\n".join([slide.message, *slide.notes])
    text = " ".join(slide.message for slide in slides)
    assert all(letter in text for letter in "ңөү")


# --- PDF handout --------------------------------------------------------------------------------
def test_the_pdf_handout_has_a_summary_and_a_page_per_village_with_their_numbers(demo):
    assert browser_path() is not None, "Chromium is missing (CI installs Debian's chromium)"
    slides = deck(demo, "ky")
    reader = PdfReader(io.BytesIO(handout_pdf(slides, Translator("ky"), render_png)))
    pages = [page.extract_text() for page in reader.pages]
    summary = "\n".join(pages[: len(pages) - 3])
    assert "Катран айыл аймагы, 2025–2026" in summary
    assert "1 374" in summary and "138" in summary
    for name, share in (("Жаңы-Турмуш", "66%"), ("Катран", "57%"), ("Өзгөрүш", "65%")):
        page = next(p for p in pages[-3:] if p.startswith(name))
        assert share in page
    assert "ң" in summary and "ө" in summary and "ү" in summary
    assert len(reader.pages[-1].images) == 1  # the village's chart


def test_without_a_browser_the_pdf_says_so_and_the_pptx_still_works(demo, monkeypatch):
    monkeypatch.setenv("READINESS_CHROMIUM", "/nowhere/chromium")
    assert browser_path() is None
    with pytest.raises(NoBrowser):
        render_png([], 10, 10)
    assert deck_pptx(deck(demo)).startswith(b"PK")
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/present.py").run()
    assert at.warning[-1].value.startswith("The PDF handout needs Chromium or Google Chrome")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download the slides (PowerPoint)"]


# --- the slideshow ------------------------------------------------------------------------------
def _present(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    return at.switch_page("pages/present.py").run()


def _shown(at: AppTest, kind: str) -> list[str]:
    start = f'<div class="{kind}">'
    return [h.proto.body[len(start) : -6] for h in at.get("html") if h.proto.body.startswith(start)]


@pytest.mark.usefixtures("warm_server")
def test_walking_the_slides_forward_and_back():
    at = _present()
    assert _shown(at, "slide-number") == ["Slide 1 of 8"]
    assert at.button(key="present_prev").disabled
    for expected in ("Children and preschool", "Arrived at school not ready"):
        at.button(key="present_next").click().run()
        assert _shown(at, "slide-heading") == [expected]
    assert _shown(at, "slide-headline") == ["138"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["layout"]["shapes"]) == 20  # the pictogram
    at.button(key="present_prev").click().run()
    assert _shown(at, "slide-number") == ["Slide 2 of 8"]
    for _ in range(10):
        if not at.button(key="present_next").disabled:
            at.button(key="present_next").click().run()
    assert _shown(at, "slide-heading") == ["Where help is needed most"]
    assert at.button(key="present_next").disabled
    assert not failures(at)


@pytest.mark.usefixtures("warm_server")
def test_a_hidden_slide_is_skipped():
    at = _present()
    at.multiselect(key="present_hidden").set_value(["children", "village:Katran"]).run()
    assert _shown(at, "slide-number") == ["Slide 1 of 6"]
    at.button(key="present_next").click().run()
    assert _shown(at, "slide-heading") == ["Arrived at school not ready"]


@pytest.mark.usefixtures("warm_server")
def test_switching_language_in_presentation_mode():
    at = _present("en")
    at.button(key="present_next").click().run()
    at.selectbox(key="present_lang").set_value("ru").run()
    assert _shown(at, "slide-heading") == ["Дети и дошкольное образование"]
    assert _shown(at, "slide-number") == ["Слайд 2 из 8"]
    assert at.query_params["lang"] == "ru"
    at.selectbox(key="present_lang").set_value("ky").run()
    assert _shown(at, "slide-headline") == ["1\u00a0374"]


@pytest.mark.usefixtures("warm_server")
@pytest.mark.parametrize(
    "page", ["pages/overview.py", "pages/years.py", "pages/present.py", "pages/village.py"]
)
def test_every_chart_downloads_as_png_at_projector_resolution(page):
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=30).run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    if page == "pages/present.py":
        at.button(key="present_next").click().run()
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        options = json.loads(chart.proto.config)["toImageButtonOptions"]
        assert (options["format"], options["width"], options["height"]) == ("png", 1920, 1080)


def test_the_deck_reads_missing_numbers_as_missing(demo):
    rows = demo.observations.copy()
    katran = rows[s.VILLAGE].isin(VILLAGES) & (rows[s.YEAR] == YEAR)
    rows.loc[katran, [s.ENTRANTS, s.READY]] = pd.NA
    slides = deck(demo, "en", rows)
    assert slides[2].message == "School readiness was not reported for 2025–2026."
    assert slides[2].pictogram is None and slides[2].headline is None


def test_a_slide_says_when_not_every_village_reported(demo):
    rows = demo.observations
    rows = rows[~((rows[s.VILLAGE] == "Ozgorush") & (rows[s.YEAR] == YEAR))]
    slides = deck(demo, "en", rows)
    note = "Based on 2 of 3 villages; the others did not report it."
    assert note in slides[1].notes and note in slides[2].notes
    assert slides[2].notes[0].endswith("of every 10 children")  # the pictogram's caption
    assert not any(note in slide.notes for slide in deck(demo, "en"))


def test_coverage_on_the_children_slide_counts_only_villages_that_reported_attendance(demo):
    """Ozgorush gave its children but not how many attend: the share and the bars are over
    the two villages that gave both, never attendance of two over children of three."""
    rows = demo.observations.copy()
    ozgorush = (rows[s.VILLAGE] == "Ozgorush") & (rows[s.YEAR] == YEAR)
    rows.loc[ozgorush, s.ENROLLED] = pd.NA
    table = by_village(rows, YEAR).loc[VILLAGES]
    both = table.drop(index="Ozgorush")
    children = deck(demo, "en", rows)[1]
    assert children.numbers[s.CHILDREN] == int(table[s.CHILDREN].sum())  # every village's
    enrolled, base = int(both[s.ENROLLED].sum()), int(both[s.CHILDREN].sum())
    assert children.numbers[s.ENROLLED] == enrolled
    assert children.chart.series[0].values == (base, enrolled)
    share = Translator("en").percent(enrolled / base)
    assert f"{enrolled:,} of them attend preschool ({share})" in children.message
    assert "Based on 2 of 3 villages; the others did not report it." in children.notes


def test_the_priorities_slide_leaves_out_a_village_without_the_year(demo):
    rows = demo.observations
    rows = rows[~((rows[s.VILLAGE] == "Katran") & (rows[s.YEAR] == YEAR))]
    priorities = deck(demo, "en", rows)[-1]
    assert priorities.numbers["villages"] == ["Ozgorush", "Jangy-Turmush"]
    scores = page_scores(demo, rows)
    assert list(priorities.numbers["scores"]) == [scores["Ozgorush"], scores["Jangy-Turmush"]]
    assert priorities.notes[0].startswith("Ozgorush (rank 6 of 7): ")


def test_the_source_line_says_how_many_rows_are_still_the_demos():
    import datetime as dt

    from readiness.store import Mode
    from readiness.store.versions import Version
    from readiness.views.present import source_text

    when = dt.datetime(2026, 9, 1)
    saved = Version(3, when, "aida", "", Mode.REPLACE_PAIRS, "2025.xlsx", "ab", None, False, 90, 4)
    assert source_text(saved, Translator("en")) == "2025.xlsx, version 3"
    assert source_text(saved, Translator("en"), (72, 90)) == (
        "2025.xlsx, version 3; 72 of 90 rows are demo data, not official statistics"
    )
    assert "72 строки из 90" in source_text(saved, Translator("ru"), (72, 90))
    assert source_text(saved, Translator("en"), (90, 90)).startswith("demo data")
