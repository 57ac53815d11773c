"""The slides for a community assembly, as data: one plain message per slide, with its numbers.

The presentation page, the PowerPoint export and the PDF handout all draw the same ``Slide``
objects, so the numbers on the screen, in the .pptx and on paper are the same by construction.
Every sentence comes from a translated template with plural forms, never from joined strings.
"""

from __future__ import annotations

import pandas as pd

from readiness.analysis.before_after import before_after
from readiness.analysis.measures import (
    Area,
    Figure,
    area_villages,
    headline_figures,
    rate_counts,
    share,
    yearly,
)
from readiness.analysis.priorities import rank_villages, scores
from readiness.analysis.reasons import reason_sentence
from readiness.analysis.sentences import DID_SENTENCES, VERDICT_SENTENCES, both_periods_note
from readiness.i18n import N_, Translator
from readiness.model import schema as s
from readiness.model.measures import MEASURES, Measure, measure_label, rates
from readiness.model.places import Registry
from readiness.number_formats import PLAIN, count_format, percent_format
from readiness.present.slide import PICTOGRAM_SIZE, VILLAGE_PREFIX, Chart, Series, Slide

TITLE, CHILDREN, NOT_READY, BEFORE_AFTER, PRIORITIES = (
    "title",
    "children",
    "not_ready",
    "before_after",
    "priorities",
)
TOP = 3  # villages on the priorities slide


def _n(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def municipalities(villages: pd.DataFrame) -> list[str]:
    return sorted(villages[s.MUNICIPALITY].dropna().unique().tolist())


def default_municipality(villages: pd.DataFrame) -> str | None:
    """The municipality with a project village, else the first one."""
    project = villages[villages[s.IN_PROJECT].fillna(False).astype(bool)]
    names = municipalities(project) or municipalities(villages)
    return names[0] if names else None


def build_deck(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    municipality: str,
    year: int,
    t: Translator,
    places: Registry,
    source: str,
) -> list[Slide]:
    """The whole deck for one municipality and school year, in the language of ``t``."""
    area = Area(s.MUNICIPALITY, municipality)
    keys = area_villages(villages, area)
    place = places.municipality_name(municipality, t.lang)
    figures = headline_figures(observations, keys, year)
    slides = [
        _title(place, year, source, t),
        _children(place, year, figures, t),
        _not_ready(place, year, figures, t),
        _before_after(observations, villages, keys, place, t),
    ]
    slides += [_village(observations, key, year, t, places) for key in keys]
    everyone = sorted(villages[s.VILLAGE])  # ranked as on the Priorities page
    slides.append(_priorities(observations, everyone, keys, year, t, places))
    return slides


def _title(place: str, year: int, source: str, t: Translator) -> Slide:
    return Slide(
        TITLE,
        place,
        t.school_year(year),
        t(
            "Preschool and school readiness in {place}, school year {year}.",
            place=place,
            year=t.school_year(year),
        ),
        (
            t("Source: {source}.", source=source),
            *(t(m.definition) for m in rates()),
        ),
    )


def _children(place: str, year: int, figures, t: Translator) -> Slide:
    children, coverage = figures[s.CHILDREN], figures[s.COVERAGE]
    count, enrolled = _n(children.count), _n(coverage.count)
    heading = t("Children and preschool")
    if count is None:
        message = t(
            "No count of children aged 3-6 was reported for {year}.", year=t.school_year(year)
        )
        return Slide(CHILDREN, heading, None, message)
    if enrolled is None:
        message = t.plural(
            "{n} child aged 3-6 lives in {place}; how many attend preschool was not reported.",
            "{n} children aged 3-6 live in {place}; how many attend preschool was not reported.",
            count,
            place=place,
        )
    else:
        message = t.plural(
            "{n} child aged 3-6 lives in {place}; {enrolled} of them attend preschool ({share}).",
            "{n} children aged 3-6 live in {place}; {enrolled} of them attend preschool ({share}).",
            count,
            place=place,
            enrolled=t.number(enrolled),
            share=t.percent(coverage.rate),  # over the villages that reported both counts
        )
    labels = (measure_label(t, s.CHILDREN), measure_label(t, s.ENROLLED))
    # the bars compare like with like: the children of the villages that reported attendance
    values = (count if enrolled is None else _n(coverage.base), enrolled)
    said = (*reporting_notes(children, t), *reporting_notes(coverage, t))
    notes = (*dict.fromkeys(said), t(MEASURES[s.COVERAGE].definition))
    chart = Chart(
        "bar",
        t("Children aged 3-6 and those attending preschool, {year}", year=t.school_year(year)),
        labels,
        (Series(t("Children"), values, tuple(t.number(v) for v in values)),),
        percent=False,
        number_format=count_format(t.lang),
    )
    numbers = {s.CHILDREN: count, s.ENROLLED: enrolled}
    return Slide(CHILDREN, heading, t.number(count), message, notes, chart, numbers=numbers)


def reporting_notes(figure: Figure, t: Translator) -> tuple[str, ...]:
    """ "Based on 3 of 8 villages", when not every village of the municipality reported."""
    if figure.complete:
        return ()
    note = t(
        "Based on {reporting} of {expected} villages; the others did not report it.",
        reporting=t.number(figure.reporting),
        expected=t.number(figure.expected),
    )
    return (note,)


def every_ten(not_ready: int, entrants: int) -> int:
    """Of every 10 grade 1 entrants, how many were not ready (rounded, 0 to 10)."""
    return min(PICTOGRAM_SIZE, max(0, round(PICTOGRAM_SIZE * not_ready / entrants)))


def _not_ready(place: str, year: int, figures, t: Translator) -> Slide:
    figure = figures[s.NOT_READY]
    count, entrants = _n(figure.count), _n(figure.base)
    heading = t("Arrived at school not ready")
    if count is None or not entrants:
        message = t("School readiness was not reported for {year}.", year=t.school_year(year))
        return Slide(NOT_READY, heading, None, message)
    message = t.plural(
        "In {year}, {n} child of {entrants} grade 1 entrants arrived at school not ready.",
        "In {year}, {n} children of {entrants} grade 1 entrants arrived at school not ready.",
        count,
        year=t.school_year(year),
        entrants=t.number(entrants),
    )
    filled = every_ten(count, entrants)
    notes = (
        t("{k} of every 10 children", k=t.number(filled)),
        *reporting_notes(figure, t),
        t(MEASURES[s.NOT_READY].definition),
    )
    return Slide(
        NOT_READY,
        heading,
        t.number(count),
        message,
        notes,
        pictogram=filled,
        numbers={s.NOT_READY: count, s.ENTRANTS: entrants},
    )


def _before_after(
    observations: pd.DataFrame, villages: pd.DataFrame, keys: list[str], place: str, t: Translator
) -> Slide:
    heading = t("Before and after the project")
    info = villages.set_index(s.VILLAGE)[s.IN_PROJECT].fillna(False).astype(bool)
    ours = [k for k in keys if info.get(k, False)]
    if not ours:
        return Slide(
            BEFORE_AFTER, heading, None, t("No village of {place} is in the project.", place=place)
        )
    chosen = villages[villages[s.VILLAGE].isin(ours) | ~villages[s.VILLAGE].map(info)]
    result = before_after(observations[observations[s.VILLAGE].isin(chosen[s.VILLAGE])], chosen)
    project = result.project
    if project is None:
        return Slide(
            BEFORE_AFTER, heading, None, t("No village reported this figure both before and after.")
        )
    if project.before.base <= 0 or project.after.base <= 0:
        return Slide(BEFORE_AFTER, heading, None, t(VERDICT_SENTENCES[project.verdict]))
    before, after = project.before, project.after
    message = t(
        "In the project villages of {place}, {before} of grade 1 entrants were ready for school "
        "before the project and {after} after it.",
        place=place,
        before=t.rate(before.count, before.base),
        after=t.rate(after.count, after.base),
    )
    headline = t("{before} → {after}", before=t.percent(before.value), after=t.percent(after.value))
    categories = (t("Before the project"), t("After the project"))
    values = (before.value, after.value)
    labels = tuple(t.rate(r.count, r.base) for r in (before, after))
    measure = measure_label(t, s.READINESS)
    series = (Series(measure, values, labels),)
    shares = percent_format(t.lang)
    chart = Chart("bar", measure, categories, series, percent=True, number_format=shares)
    notes = [t(VERDICT_SENTENCES[project.verdict])]
    compared = both_periods_note(*result.reported["project"], t)
    notes += [compared] if compared else []
    if result.did is not None and result.did_verdict is not None:
        said = DID_SENTENCES[result.did_verdict]
        notes.append(t(said, difference=t.points(result.did[0])))
    numbers = {
        "before": (before.count, before.base),
        "after": (after.count, after.base),
        "verdict": str(project.verdict),
    }
    return Slide(BEFORE_AFTER, heading, headline, message, tuple(notes), chart, numbers=numbers)


def _village(
    observations: pd.DataFrame, key: str, year: int, t: Translator, places: Registry
) -> Slide:
    name = places.village_name(key, t.lang)
    table = yearly(observations, [key])
    at = table.loc[year] if year in table.index else None
    ready, entrants = (_n(at[c]) if at is not None else None for c in (s.READY, s.ENTRANTS))
    enrolled, children = (_n(at[c]) if at is not None else None for c in (s.ENROLLED, s.CHILDREN))
    if ready is None or not entrants:
        message = t(
            "{village}: school readiness was not reported for {year}.",
            village=name,
            year=t.school_year(year),
        )
        headline = None
    else:
        message = t.plural(
            "{village}: {ready} of {n} grade 1 entrant was ready for school in {year}.",
            "{village}: {ready} of {n} grade 1 entrants were ready for school in {year}.",
            entrants,
            village=name,
            ready=t.number(ready),
            year=t.school_year(year),
        )
        headline = t.percent(share(ready, entrants))
    notes = ()
    if enrolled is not None and children:
        notes = (
            t.plural(
                "{enrolled} of {n} child aged 3-6 attends preschool ({share}).",
                "{enrolled} of {n} children aged 3-6 attend preschool ({share}).",
                children,
                enrolled=t.number(enrolled),
                share=t.percent(share(enrolled, children)),
            ),
        )
    years = tuple(t.school_year(y) for y in table.index)
    series = tuple(_rate_series(table, rate, t) for rate in rates())
    chart = Chart("line", name, years, series, percent=True, number_format=percent_format(t.lang))
    numbers = {s.READY: ready, s.ENTRANTS: entrants, s.ENROLLED: enrolled, s.CHILDREN: children}
    return Slide(VILLAGE_PREFIX + key, name, headline, message, notes, chart, numbers=numbers)


def _rate_series(table: pd.DataFrame, rate: Measure, t: Translator) -> Series:
    """A rate over the years of a ``yearly`` table, each value labelled with its counts."""
    numerator, denominator = rate_counts(rate)
    return Series(
        t(rate.label),
        tuple(None if pd.isna(v) else float(v) for v in table[rate.key]),
        tuple(t.rate(a, b) for a, b in zip(table[numerator], table[denominator], strict=True)),
    )


def _priorities(
    observations: pd.DataFrame,
    everyone: list[str],
    keys: list[str],
    year: int,
    t: Translator,
    places: Registry,
) -> Slide:
    """The municipality's villages that need help most, ranked among ``everyone`` with the
    default weights: the same scores, places and reasons as the Priorities page."""
    ranking = rank_villages(observations, everyone, year)
    ranked = ranking.ranked
    mine = ranked[ranked[s.VILLAGE].isin(keys)]
    top = mine.head(TOP)
    heading = t("Where help is needed most")
    if top.empty:
        year_text = t.school_year(year)
        message = t("There are no numbers for {year} to rank the villages.", year=year_text)
        return Slide(PRIORITIES, heading, None, message)
    names = [places.village_name(k, t.lang) for k in top[s.VILLAGE]]
    reasons = tuple(
        reason_sentence(row, ranking, name, t)
        for row, name in zip(top.to_dict("records"), names, strict=True)
    )
    message = _priorities_message(len(top), len(mine), len(ranked), year, t)
    shown = scores(ranking)
    values = tuple(int(shown[k]) for k in top[s.VILLAGE])
    label = t("Priority (0-100)")
    series = Series(label, values, tuple(t.number(v) for v in values))
    chart = Chart(
        "hbar", label, tuple(names), (series,), percent=False, top=100, number_format=PLAIN
    )
    numbers = {"villages": list(top[s.VILLAGE]), "scores": values}
    return Slide(PRIORITIES, heading, names[0], message, reasons, chart, numbers=numbers)


def _priorities_message(shown: int, mine: int, ranked: int, year: int, t: Translator) -> str:
    """What the priorities slide lists: the municipality's villages that need help most when it
    has more than the slide shows, else all of them in order; their ranks are among ``ranked``."""
    among = t.plural(
        "The rank is among {n} ranked village.", "Ranks are among all {n} ranked villages.", ranked
    )
    if shown < mine:
        listed = t.plural(
            "The council's priorities for {year}: the municipality's village that needs help most.",
            "The council's priorities for {year}: the {n} villages of the municipality that "
            "need help most.",
            shown,
            year=t.school_year(year),
        )
    else:
        listed = t.plural(
            "The council's priorities for {year}: the municipality's only ranked village.",
            "The council's priorities for {year}: the municipality's {n} villages in order of "
            "need.",
            shown,
            year=t.school_year(year),
        )
    return f"{listed} {among}"


SLIDE_NAMES = {
    TITLE: N_("Title"),
    CHILDREN: N_("Children and preschool"),
    NOT_READY: N_("Arrived at school not ready"),
    BEFORE_AFTER: N_("Before and after the project"),
    PRIORITIES: N_("Where help is needed most"),
}


def slide_name(slide: Slide, t: Translator) -> str:
    """How a slide is named in the list of slides to show or hide."""
    if slide.key.startswith(VILLAGE_PREFIX):
        return t("Village: {name}", name=slide.heading)
    return t(SLIDE_NAMES[slide.key])
