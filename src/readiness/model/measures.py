"""What each measure is, in one place: a count or a rate, what a rate is out of, what it is called
and how it is defined, and which way is good news. Every page, sentence, chart, slide and export
loops over ``MEASURES``; adding a measure means adding one ``Measure`` here.

A rate is a numerator over a denominator, from the villages that reported both; both counts are
always shown beside it. A count is summed over the same villages as its ``rate``, or, when
``alone``, over every village that reported it. A derived count (``minus``) is one count less
another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from readiness.i18n import N_, Translator
from readiness.model import schema as s

RATE, COUNT = "rate", "count"


class Changes(NamedTuple):
    """A rate's own sentences for a change, so that a translator can make the verb agree with it
    (Russian: "готовность выросла", "охват вырос"); each takes {before} and {after}."""

    rose: str
    fell: str
    same: str


@dataclass(frozen=True)
class Measure:
    key: str  # its column in ``analysis.measures.yearly``
    kind: str  # RATE or COUNT
    label: str  # msgid of its name
    definition: str  # msgid of how it is defined (a count's is the definition of its rate)
    rate: str  # the rate whose villages are behind it (a rate's own key)
    numerator: str | None = None  # a rate's counts
    denominator: str | None = None  # what a rate (or a derived count) is out of
    minus: tuple[str, str] | None = None  # a derived count: the first count less the second
    higher_is_better: bool | None = None  # None: neither is good or bad news
    alone: bool = False  # a count summed over every village that reported it
    summary: bool = True  # among an area's figures (the Overview and a village's profile)
    over_years: bool = True  # offered on the Years page
    headline: str | None = None  # msgid of its name on an Overview card, when not ``label``
    changes: Changes | None = None  # a rate's sentences for a change

    @property
    def is_rate(self) -> bool:
        return self.kind == RATE


_COVERAGE = N_(
    "Coverage: children aged 3-6 attending any preschool programme (kindergarten or a "
    "school-preparation group), divided by all children aged 3-6 living in the village."
)
_READINESS = N_(
    "School readiness: grade 1 entrants assessed as ready for school, divided by all grade 1 "
    "entrants of that school year."
)
_NOT_READY = N_("Children not ready: grade 1 entrants minus those assessed as ready for school.")

# Each rate after the counts it is made of; the order is the order of the Overview's cards.
REGISTRY = (
    Measure(s.CHILDREN, COUNT, N_("Children aged 3-6"), _COVERAGE, s.COVERAGE, alone=True),
    Measure(
        s.ENROLLED,
        COUNT,
        N_("Attending preschool"),
        _COVERAGE,
        s.COVERAGE,
        alone=True,
        summary=False,
    ),
    Measure(
        s.COVERAGE,
        RATE,
        N_("Coverage"),
        _COVERAGE,
        s.COVERAGE,
        numerator=s.ENROLLED,
        denominator=s.CHILDREN,
        higher_is_better=True,
        headline=N_("Attend preschool (coverage)"),
        changes=Changes(
            N_("Coverage rose from {before} to {after}."),
            N_("Coverage fell from {before} to {after}."),
            N_("Coverage stayed at {after}."),
        ),
    ),
    Measure(s.ENTRANTS, COUNT, N_("Grade 1 entrants"), _READINESS, s.READINESS, alone=True),
    Measure(
        s.READY,
        COUNT,
        N_("Ready for school"),
        _READINESS,
        s.READINESS,
        summary=False,
        over_years=False,
    ),
    Measure(
        s.READINESS,
        RATE,
        N_("School readiness"),
        _READINESS,
        s.READINESS,
        numerator=s.READY,
        denominator=s.ENTRANTS,
        higher_is_better=True,
        headline=N_("Ready for school"),
        changes=Changes(
            N_("Readiness rose from {before} to {after}."),
            N_("Readiness fell from {before} to {after}."),
            N_("Readiness stayed at {after}."),
        ),
    ),
    Measure(
        s.NOT_READY,
        COUNT,
        N_("Children not ready"),
        _NOT_READY,
        s.READINESS,
        denominator=s.ENTRANTS,
        minus=(s.ENTRANTS, s.READY),
        higher_is_better=False,
        headline=N_("Not ready for school"),
    ),
)
MEASURES = {m.key: m for m in REGISTRY}  # read at each call, never copied at import


def measure_label(t: Translator, key: str) -> str:
    """The translated name of a measure."""
    return t(MEASURES[key].label)


def rates() -> list[Measure]:
    return [m for m in MEASURES.values() if m.is_rate]


def derived() -> list[Measure]:
    """The counts made from other counts (children not ready)."""
    return [m for m in MEASURES.values() if m.minus is not None]


def shown_alone() -> list[Measure]:
    return [m for m in MEASURES.values() if m.alone]


def summary() -> list[Measure]:
    """An area's figures, in order: the Overview's cards and a village's table."""
    return [m for m in MEASURES.values() if m.summary]


def over_years() -> list[Measure]:
    """The Years page's measures: the rates, then the derived counts, then the others."""
    offered = [m for m in MEASURES.values() if m.over_years]
    return sorted(offered, key=lambda m: (not m.is_rate, m.minus is None))


def definitions(measures: list[Measure]) -> list[str]:
    """The msgids of the definitions behind ``measures``, each once, in order."""
    return list(dict.fromkeys(m.definition for m in measures))
