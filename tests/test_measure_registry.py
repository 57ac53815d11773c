"""A measure is one ``Measure`` record: a made-up rate added to the registry alone reaches every
page, sentence, chart, slide and export that loops over the measures, with no other change."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from readiness.analysis.measures import ALL, Area, yearly
from readiness.analysis.trends import trend_measures
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.measures import MEASURES, RATE, Changes, Measure
from readiness.model.places import registry
from readiness.present.deck import build_deck
from readiness.present.pdf import handout_pdf
from readiness.present.pptx import deck_pptx
from readiness.views.before_after import before_after_view, measure_options
from readiness.views.overview import overview_view
from readiness.views.profile import profile_view
from readiness.views.years import years_view

KEY = "ready_of_children"
# untranslated msgids: the catalogue never sees them, so they are shown as written
LABEL, DEFINITION = "Ready of all children", "Ready of all children: the ready over children."
MADE_UP = Measure(
    KEY,
    RATE,
    LABEL,
    DEFINITION,
    KEY,
    numerator=s.READY,  # both counts already belong to another rate
    denominator=s.CHILDREN,
    higher_is_better=True,
    changes=Changes(
        "Ready rose: {before} to {after}.",
        "Ready fell: {before} to {after}.",
        "Ready stayed at {after}.",
    ),
)
YEAR = 2025
T = Translator("en")


@pytest.fixture
def made_up(monkeypatch):
    monkeypatch.setitem(MEASURES, KEY, MADE_UP)


def test_yearly_gives_the_rate_and_leaves_the_others_alone(demo, monkeypatch):
    keys = sorted(demo.villages[s.VILLAGE])
    before = yearly(demo.observations, keys)
    monkeypatch.setitem(MEASURES, KEY, MADE_UP)
    table = yearly(demo.observations, keys)
    pd.testing.assert_frame_equal(table[before.columns], before)
    rows = demo.observations[
        (demo.observations[s.SEX] == s.TOTAL) & (demo.observations[s.YEAR] == YEAR)
    ]
    both = rows[rows[s.READY].notna() & rows[s.CHILDREN].notna()]
    assert table.at[YEAR, KEY] == pytest.approx(both[s.READY].sum() / both[s.CHILDREN].sum())
    assert table.at[YEAR, f"{KEY}_{s.READY}_villages"] == both[s.VILLAGE].nunique()
    assert f"{KEY}_partial" in table.columns


def test_the_years_page_offers_it(demo, made_up):
    assert KEY in trend_measures()
    keys = ["Katran", "Ozgorush"]
    view = years_view(demo.observations, demo.villages, keys, KEY, T, registry())
    assert view.definition == DEFINITION
    assert view.figure.layout.title.text.startswith(LABEL)
    assert view.figure.layout.yaxis.range is not None  # drawn as a share, from 0 to 1


def test_before_and_after_compares_it(demo, made_up):
    assert KEY in measure_options() and measure_options()[0] == s.READINESS
    view = before_after_view(demo.observations, demo.villages, KEY, None, T, registry())
    assert view.result.measure == KEY and view.result.project is not None
    assert view.title == "Before and after the project"
    assert view.figure.layout.title.text.startswith(LABEL)
    assert view.definition == DEFINITION
    said = " ".join(view.sentences).lower()  # after a colon, a sentence starts lower-case
    assert "ready rose" in said or "ready fell" in said or "ready stayed" in said


def test_the_overview_and_the_profile_show_it(demo, made_up):
    overview = overview_view(demo.observations, demo.villages, Area(ALL), YEAR, T, registry())
    metrics = {m.key: m for m in overview.metrics}
    assert metrics[KEY].label == LABEL and metrics[KEY].value.endswith("%")
    assert metrics[KEY].help == DEFINITION and DEFINITION in overview.definitions
    assert LABEL in [line.name for line in overview.figure.data]
    profile = profile_view(demo.observations, demo.villages, "Katran", T, registry())
    assert LABEL in profile.table.columns
    assert any(f.layout.title.text.startswith(LABEL) for f in profile.figures)
    assert DEFINITION in profile.notes
    assert any(c.startswith(f"{LABEL}: ") for c in profile.parity_table.columns)


def test_the_slides_and_their_exports_show_it(demo, made_up):
    slides = build_deck(demo.observations, demo.villages, "Katran", YEAR, T, registry(), "x.xlsx")
    assert DEFINITION in slides[0].notes
    village = next(slide for slide in slides if slide.key == "village:Katran")
    assert LABEL in [series.name for series in village.chart.series]
    shown = Presentation(io.BytesIO(deck_pptx(slides)))
    names = [
        series.name
        for page in shown.slides
        for shape in page.shapes
        if shape.has_chart
        for series in shape.chart.plots[0].series
    ]
    assert LABEL in names
    assert handout_pdf(slides, T, _blank_pictures).startswith(b"%PDF")


def _blank_pictures(figures, width: int, height: int) -> list[bytes]:
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, format="PNG")
    return [buffer.getvalue()] * len(figures)
