"""Presentation mode as data: the deck for the chosen municipality and year, the slides left
after hiding some, and where the presenter is."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import plotly.graph_objects as go

from readiness import LoadResult, escape
from readiness.analysis.measures import latest_year
from readiness.charts.style import percent_ticks
from readiness.i18n import N_, Translator
from readiness.model.places import Registry
from readiness.present.deck import (
    Slide,
    build_deck,
    default_municipality,
    municipalities,
    slide_name,
)
from readiness.present.figures import deck_figure, pictogram_figure
from readiness.present.pdf import handout_pdf
from readiness.present.png import browser_path, render_png
from readiness.present.pptx import deck_pptx
from readiness.store import Version
from readiness.views.before_after import year_range
from readiness.views.choices import Choices
from readiness.views.download import Download

CHART_HEIGHT = 470  # px: the chart beside the text, below the heading, within 768 pixels


def text_share(slide: Slide) -> list[int]:
    """How the slide divides its width between the text and the drawing: a few bars need less
    room than the school years of a line chart, and leave more to the sentences."""
    bars = slide.chart is not None and slide.chart.kind != "line"
    return [3, 2] if bars else [5, 6]


@dataclass(frozen=True)
class Position:
    slides: list[Slide]  # the slides shown, in order
    index: int  # which of them is on the screen (0-based)

    @property
    def slide(self) -> Slide:
        return self.slides[self.index]

    @property
    def first(self) -> bool:
        return self.index == 0

    @property
    def last(self) -> bool:
        return self.index == len(self.slides) - 1


def side_notes(slide: Slide) -> tuple[str, ...]:
    """The notes said beside the drawing: all of them, less the pictogram's caption, which the
    pictogram carries as its title (``pictogram_figure``), so that it is not said twice."""
    return slide.notes[1:] if slide.chart is None and slide.pictogram is not None else slide.notes


def source_text(version: Version, t: Translator, demo: tuple[int, int] = (0, 0)) -> str:
    """Where the numbers come from: the file of the current version, or the demo; and how many
    of its rows are still the demo's (``demo``: demo rows, all rows)."""
    if version.is_demo or (demo[0] and demo[0] == demo[1]):
        return t("demo data, not official statistics (version {id})", id=version.id)
    found = t("{file}, version {id}", file=version.filename or "—", id=version.id)
    if not demo[0]:
        return found
    rest = t.plural(
        "{n} of {total} rows is demo data, not official statistics",
        "{n} of {total} rows are demo data, not official statistics",
        demo[0],
        total=t.number(demo[1]),
    )
    return f"{found}; {rest}"


def deck_for(
    data: LoadResult,
    municipality: str,
    year: int | None,
    t: Translator,
    places: Registry,
    version: Version,
    demo: tuple[int, int] = (0, 0),
) -> list[Slide]:
    year = year if year is not None else latest_year(data.observations)
    source = source_text(version, t, demo)
    return build_deck(data.observations, data.villages, municipality, year, t, places, source)


def position(deck: list[Slide], hidden: set[str], index: int) -> Position:
    """The slides left after hiding ``hidden`` (never fewer than one), and ``index`` kept within
    them."""
    shown = [slide for slide in deck if slide.key not in hidden] or deck[:1]
    return Position(shown, min(max(index, 0), len(shown) - 1))


NO_BROWSER = N_(
    "The PDF handout needs Chromium or Google Chrome on this computer, and none was found. The "
    "PowerPoint file works without it."
)


@dataclass(frozen=True)
class PresentChoices:
    municipality: Choices  # the municipalities, the one with a project village first chosen
    years: list[int]  # every school year from the first to the last, the newest first


def present_choices(data: LoadResult) -> PresentChoices | None:
    """What the presenter chooses from (None: the data name no municipality)."""
    options = municipalities(data.villages)
    if not options:
        return None
    chosen = Choices(options, options.index(default_municipality(data.villages)))
    return PresentChoices(chosen, year_range(data.observations)[::-1])


def slide_names(deck: list[Slide], t: Translator) -> dict[str, str]:
    """Each slide's key and how the list of slides to hide names it."""
    return {slide.key: slide_name(slide, t) for slide in deck}


@dataclass(frozen=True)
class DeckFiles:
    pptx: Download  # the slides shown
    pdf: Download | None  # the handout (None: no browser to draw it)


def deck_files(
    deck: list[Slide],
    hidden: list[str],
    municipality: str,
    year: int,
    t: Translator,
    places: Registry,
) -> DeckFiles:
    """The slides to download (those not hidden) and the handout, both named after the
    municipality and the school year; the handout only when a browser here can draw it."""
    name = f"{places.municipality_name(municipality, t.lang)} {t.school_year(year)}"
    shown = [slide for slide in deck if slide.key not in hidden]
    pptx = Download(
        t("Download the slides (PowerPoint)"),
        functools.partial(deck_pptx, shown),
        escape.filename(name) + ".pptx",
    )
    pdf = Download(
        t("Download the handout (PDF)"),
        functools.partial(handout_pdf, deck, t, render_png),
        escape.filename(name) + ".pdf",
    )
    return DeckFiles(pptx, None if browser_path() is None else pdf)


@dataclass(frozen=True)
class Step:
    """A button that moves between slides: how many slides, and the button's settings."""

    by: int
    button: dict  # its label, key, shortcut, whether it is disabled, and its width


def _step(by: int, label: str, key: str, shortcut: str, disabled: bool, width: str) -> Step:
    button = {"label": label, "key": key, "shortcut": shortcut, "disabled": disabled}
    return Step(by, {**button, "width": width})


def steps(where: Position, t: Translator) -> list[Step]:
    """Back and forward in the row above the slide; then the same two again, hidden by
    PRESENT_CSS, for the PageDown and PageUp that presenter remotes send."""
    back, forward = t("◀ Previous"), t("Next ▶")
    return [
        _step(-1, back, "present_prev", "Left", where.first, "stretch"),
        _step(1, forward, "present_next", "Right", where.last, "stretch"),
        _step(1, forward, "present_page_down", "PageDown", where.last, "content"),
        _step(-1, back, "present_page_up", "PageUp", where.first, "content"),
    ]


def counter_html(where: Position, t: Translator) -> str:
    counter = t("Slide {n} of {total}", n=where.index + 1, total=len(where.slides))
    return f'<div class="slide-number">{escape.html(counter)}</div>'


def heading_html(slide: Slide) -> str:
    return f'<div class="slide-heading">{escape.html(slide.heading)}</div>'


def text_html(slide: Slide) -> list[str]:
    """The slide's words beside the drawing: its headline figure, its message and its notes."""
    blocks = [("slide-headline", slide.headline)] if slide.headline else []
    blocks += [("slide-message", slide.message)]
    blocks += [("slide-note", note) for note in side_notes(slide)]
    return [f'<div class="{kind}">{escape.html(text)}</div>' for kind, text in blocks]


def slide_figure(slide: Slide, t: Translator) -> tuple[go.Figure, str] | None:
    """The slide's drawing and its key: a chart, a pictogram, or none."""
    if slide.chart is not None:
        ticks = percent_ticks(t.percent)
        return deck_figure(slide.chart, t.separators, CHART_HEIGHT, ticks), "present_chart"
    if slide.pictogram is not None:
        return pictogram_figure(slide.pictogram, slide.notes[0]), "present_pictogram"
    return None
