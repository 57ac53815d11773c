"""The Before and after page as data: plain sentences, a dumbbell chart and a table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from readiness.analysis.before_after import (
    DEFAULT_MEASURE,
    BeforeAfter,
    Change,
    Periods,
    before_after,
    default_split,
)
from readiness.analysis.sentences import (
    VERDICT_LABELS,
    VERDICT_SENTENCES,
    after_colon,
    both_periods_note,
    change_sentence,
    interval_text,
    rate_text,
)
from readiness.analysis.stats import Verdict
from readiness.charts import Dumbbell, DumbbellLabels, dumbbell_figure
from readiness.charts.style import percent_ticks
from readiness.i18n import N_, Translator
from readiness.model import schema as s
from readiness.model.measures import MEASURES, measure_label, rates
from readiness.model.places import Registry

GROUPS = {"project": N_("Project villages"), "comparison": N_("Comparison villages")}
CHART_ROWS = 30  # past this many villages, the chart pools the comparison villages into one row


@dataclass(frozen=True)
class BeforeAfterView:
    title: str
    sentences: list[str]  # project, comparison, and the difference in differences
    periods: str
    figure: go.Figure
    table: pd.DataFrame
    definition: str
    result: BeforeAfter  # the numbers behind it all
    warning: str | None = None  # chosen years that do not make a fair comparison


def periods_warning(periods: Periods | None, t: Translator) -> str | None:
    """Why the chosen years do not compare a before with an after: they share years (a year
    counted in both compares a village with itself), or the after comes first."""
    if periods is None:
        return None
    (first, last), (after_first, after_last) = periods.before, periods.after
    if after_last < first:
        return t("The “after” years come before the “before” years: the change reads backwards.")
    if after_first <= last:
        shared = range(max(first, after_first), min(last, after_last) + 1)
        years = ", ".join(t.school_year(y) for y in shared)
        return t.plural(
            "The two periods share {n} school year ({years}): it counts in both, so the "
            "change is smaller than it would be.",
            "The two periods share {n} school years ({years}): they count in both, so the "
            "change is smaller than it would be.",
            len(shared),
            years=years,
        )
    return None


def _group_sentence(result: BeforeAfter, name: str, t: Translator) -> str | None:
    change = getattr(result, name)
    if change is None:
        return None
    said = change_sentence(result.measure, change.before, change.after, change.verdict, t)
    note = both_periods_note(*result.reported.get(name, (0, 0)), t)
    return f"{t(GROUPS[name])}: {after_colon(said)}" + (f" {note}" if note else "")


def _nothing_compared(villages: pd.DataFrame, periods: Periods | None, t: Translator) -> str:
    """Said instead of the sentences when no group can be compared."""
    if periods is None and default_split(villages) is None:
        return t(
            "No village has a project start year, so there is no before and after. Choose "
            "the years to compare instead."
        )
    return t("No village reported this figure both before and after.")


def _did_sentence(result: BeforeAfter, t: Translator) -> str | None:
    if result.did is None or result.project is None or result.comparison is None:
        return None
    estimate, low, high = result.did
    said = t(
        "Project villages changed by {project} and comparison villages by {comparison}; the "
        "difference, {difference} ({interval}), is the change the project may explain.",
        project=t.points(result.project.change),
        comparison=t.points(result.comparison.change),
        difference=t.points(estimate),
        interval=interval_text(low, high, t),
    )
    return f"{said} {t(VERDICT_SENTENCES[result.did_verdict])}"


def _periods_text(result: BeforeAfter, periods: Periods | None, t: Translator) -> str:
    if periods is None:
        return t(
            "Before: the school years before each village's project start; after: from its start "
            "year on. Comparison villages are split at the first project start."
        )
    span = {
        k: f"{t.school_year(a)} – {t.school_year(b)}"
        for k, (a, b) in (("before", periods.before), ("after", periods.after))
    }
    return t("Before: {before}; after: {after}.", **span)


def _dumbbell(change: Change, name: str, t: Translator) -> Dumbbell:
    def hover(which: str) -> str:
        rate = change.before if which == "before" else change.after
        low, high = change.interval(which)
        return t(
            "{name}: {rate}, 95% interval {low} – {high}",
            name=name,
            rate=rate_text(rate, t),
            low=t.percent(low),
            high=t.percent(high),
        )

    return Dumbbell(
        name,
        change.before.value,
        change.after.value,
        change.interval("before"),
        change.interval("after"),
        change.verdict.value,
        hover("before"),
        hover("after"),
    )


def _chart_rows(result: BeforeAfter, names: dict[str, str], t: Translator) -> list[Dumbbell]:
    """A row per village; with many villages, the project villages and the comparison villages
    pooled into one row (the table below the chart still lists every village)."""
    if len(result.villages) <= CHART_ROWS or result.comparison is None:
        return [_dumbbell(c, names[c.name], t) for c in result.villages]
    project = [c for c in result.villages if c.name in result.project_villages]
    shown = [_dumbbell(c, names[c.name], t) for c in project[:CHART_ROWS]]
    pooled = _group_name(result.comparison, t)
    return [*shown, _dumbbell(result.comparison, pooled, t)]


def _group_name(change: Change, t: Translator) -> str:
    return t(GROUPS[change.name])


def _wilson_text(change: Change, which: str, t: Translator) -> str:
    low, high = change.interval(which)
    return f"{t.percent(low)} – {t.percent(high)}"


def _table(result: BeforeAfter, names: dict[str, str], t: Translator) -> pd.DataFrame:
    """A row per village: the point first (the verdict and the change), then the rates."""
    rows = [
        {
            t("Village"): names[c.name],
            t("Verdict"): t(VERDICT_LABELS[c.verdict]),
            t("Change"): t.points(c.change) if c.before.base and c.after.base else t("no data"),
            t("95% interval"): interval_text(c.low, c.high, t),
            t("Before the project"): rate_text(c.before, t),
            t("After the project"): rate_text(c.after, t),
            t("95% interval before"): _wilson_text(c, "before", t),
            t("95% interval after"): _wilson_text(c, "after", t),
        }
        for c in result.villages
    ]
    return pd.DataFrame(rows, dtype="string")


def before_after_view(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    measure: str,
    periods: Periods | None,
    t: Translator,
    places: Registry,
) -> BeforeAfterView:
    result = before_after(observations, villages, measure, periods)
    names = {c.name: places.village_name(c.name, t.lang) for c in result.villages}
    labels = DumbbellLabels(
        title=t("{measure}: before and after the project", measure=measure_label(t, measure)),
        x_title=t("Share of children"),
        before=t("Before the project"),
        after={
            v.value: t("After: {verdict}", verdict=after_colon(t(VERDICT_LABELS[v])))
            for v in Verdict
        },
        separators=t.separators,
        percent_ticks=percent_ticks(t.percent),
    )
    figure = dumbbell_figure(_chart_rows(result, names, t), labels)
    sentences = [
        _group_sentence(result, "project", t),
        _group_sentence(result, "comparison", t),
        _did_sentence(result, t),
    ]
    return BeforeAfterView(
        title=t("Before and after the project"),
        sentences=[x for x in sentences if x] or [_nothing_compared(villages, periods, t)],
        periods=_periods_text(result, periods, t),
        figure=figure,
        table=_table(result, names, t),
        definition=t(MEASURES[measure].definition),
        result=result,
        warning=periods_warning(periods, t),
    )


def measure_options() -> list[str]:
    """The rates a page may compare, the one compared by default first."""
    return sorted((m.key for m in rates()), key=lambda key: key != DEFAULT_MEASURE)


def year_range(observations: pd.DataFrame) -> list[int]:
    years = observations[s.YEAR]
    return list(range(int(years.min()), int(years.max()) + 1)) if len(years) else []


def default_periods(years: list[int], span: int = 3) -> Periods:
    """The first and the last ``span`` school years (fewer when the data are shorter)."""
    span = max(1, min(span, len(years) // 2))
    return Periods((years[0], years[span - 1]), (years[-span], years[-1]))
