"""What one slide of the assembly deck is, as data: its heading, its one message, the big figure,
the notes, and a chart or the pictogram of ten children, with the numbers behind them.

``deck`` makes the slides; the presentation page, ``pptx_deck`` and ``handout`` draw them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VILLAGE_PREFIX = "village:"  # the key of a village's slide: "village:Katran"
PICTOGRAM_SIZE = 10  # "3 of every 10 children"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None where nothing was reported (drawn as a gap)
    labels: tuple[str, ...]  # the text on each point: "47% (1,062 of 2,246)" or "1,374"


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar", "hbar" (bars across, for names: the first on top) or "line"
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    percent: bool  # values are shares from 0 to 1
    top: float | None = None  # the value axis's fixed maximum (100 for a score from 0 to 100)
    # How an Office file shows the values, in the deck's language whatever the viewer's locale
    # (``readiness.number_formats``): "1 374" beside "1 374" in the text, never "1,374".
    number_format: str = ""


@dataclass(frozen=True)
class Slide:
    key: str
    heading: str
    headline: str | None  # the one big figure
    message: str  # the slide's single message, a full sentence
    notes: tuple[str, ...] = ()  # smaller lines: definitions, source, reasons
    chart: Chart | None = None
    pictogram: int | None = None  # how many of the 10 child figures are filled
    numbers: dict[str, object] = field(default_factory=dict)  # the counts behind the slide
