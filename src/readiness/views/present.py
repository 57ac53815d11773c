"""Presentation mode as data: the deck for the chosen municipality and year, the slides left
after hiding some, and where the presenter is."""

from __future__ import annotations

from dataclasses import dataclass

from readiness import LoadResult
from readiness.analysis.measures import latest_year
from readiness.i18n import Translator
from readiness.model.places import Registry
from readiness.present.deck import Slide, build_deck
from readiness.store import Version

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
