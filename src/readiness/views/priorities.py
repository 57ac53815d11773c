"""The Priorities page as data: the ranking, a sentence for each village, the formula in words."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from readiness import schema as s
from readiness.charts.ranking import ranking_figure
from readiness.exports import table_workbook
from readiness.i18n import N_, Translator
from readiness.places import Registry
from readiness.priorities import (
    FALLING,
    GAP,
    INPUTS,
    NOT_ENROLLED,
    NOT_READY,
    Ranking,
    input_rank,
    main_reason,
    rank_villages,
)

CHART_ROWS = 20  # the chart shows the first twenty; the table and the download have every village
LEADING = 3  # villages whose reason heads the page
INPUT_LABELS = {
    NOT_READY: N_("Children not ready"),
    GAP: N_("Readiness gap"),
    NOT_ENROLLED: N_("Children aged 3-6 not in preschool"),
    FALLING: N_("Falling readiness (last three years)"),
}


@dataclass(frozen=True)
class PrioritiesView:
    title: str
    formula: str
    figure: go.Figure
    table: pd.DataFrame
    reasons: list[str]
    export: pd.DataFrame  # the table with the reason for each village
    export_title: str
    ranking: Ranking
    notice: str | None = None  # said instead of the ranking when no village can be ranked

    @property
    def leading(self) -> list[str]:
        """The reasons of the (up to) three villages that need help most."""
        return self.reasons[: min(LEADING, len(self.ranking.ranked))]

    def workbook(self) -> bytes:
        """The ranking as .xlsx, made only when someone downloads it."""
        return table_workbook(self.export, self.export_title[:31], self.export_title)


def formula_text(weights: dict[str, float], t: Translator) -> str:
    total = sum(weights.values()) or 1
    parts = {name: t.percent(weights[name] / total) for name in INPUTS}
    return t(
        "Priority = {not_ready} × children not ready + {gap} × readiness gap + {not_enrolled} × "
        "children aged 3-6 not in preschool + {falling} × falling readiness over the last three "
        "years. Each input is scaled from 0 (the village lowest on it) to 1 (the highest); the "
        "priority runs from 0 to 100.",
        not_ready=parts[NOT_READY], gap=parts[GAP], not_enrolled=parts[NOT_ENROLLED],
        falling=parts[FALLING],
    )  # fmt: skip


def _standing(rank: int, n: int, t: Translator) -> str:
    """Where a village stands among the ``n`` villages with a value for the input."""
    if n == 1:
        return t("the only village with this number")
    if rank == 1:
        return t.plural("the most of {n} village", "the most of {n} villages", n)
    return t("rank {rank} of {n}", rank=rank, n=n)


def reason_sentence(row: pd.Series, ranking: Ranking, name: str, t: Translator) -> str:
    """Why a village ranks where it does, from the input that adds most to its score; a village
    with no score is said to have no data."""
    reason = main_reason(row, ranking.weights) if not pd.isna(row["score"]) else None
    year = t.school_year(ranking.year)
    if reason is None:
        return t("{village}: no data for {year}.", village=name, year=year)
    standing = _standing(input_rank(row, reason), ranking.reporting[reason], t)
    return f"{_what(reason, row, name, year, t)}, {standing}."


def _what(reason: str, row: pd.Series, name: str, year: str, t: Translator) -> str:
    """The village's number for the input ``reason``, in words."""
    if reason == NOT_READY:
        return t.plural("{village}: {n} child arrived at school not ready in {year}",
                        "{village}: {n} children arrived at school not ready in {year}",
                        int(row[NOT_READY]), village=name, year=year)  # fmt: skip
    if reason == NOT_ENROLLED:
        return t.plural("{village}: {n} child aged 3-6 was not in preschool in {year}",
                        "{village}: {n} children aged 3-6 were not in preschool in {year}",
                        int(row[NOT_ENROLLED]), village=name, year=year)  # fmt: skip
    if reason == GAP:
        return t("{village}: only {rate} of grade 1 entrants were ready in {year}", village=name,
                 rate=t.percent(row[s.READINESS]), year=year)  # fmt: skip
    return t("{village}: readiness changed by {change} over the last three years",
             village=name, change=t.points(_negated(row[FALLING])))  # fmt: skip


def _negated(value: object) -> object:
    return pd.NA if pd.isna(value) else -value


def _score_text(score: object, t: Translator) -> str:
    """The priority from 0 to 100, or "no data" for a village that is not ranked."""
    return t("no data") if pd.isna(score) else t.number(score * 100)


def _row(row: dict, names: dict[str, str], t: Translator) -> list:
    return [
        row["rank"],
        names[row[s.VILLAGE]],
        _score_text(row["score"], t),
        t.number(row[NOT_READY]),
        t.percent(row[GAP]),
        t.number(row[NOT_ENROLLED]),
        t.points(_negated(row[FALLING])),
    ]


def _table(ranking: Ranking, names: dict[str, str], t: Translator) -> pd.DataFrame:
    """Every village, ranked ones first; a village without a score has no rank and "no data"."""
    columns = [t("Rank"), t("Village"), t("Priority (0-100)"),
               *(t(INPUT_LABELS[name]) for name in (NOT_READY, GAP, NOT_ENROLLED)),
               t("Readiness change (last three years)")]  # fmt: skip
    rows = [_row(row, names, t) for row in ranking.table.to_dict("records")]
    return pd.DataFrame(rows, columns=columns).astype({t("Rank"): "Int64"})


def _notice(ranking: Ranking, t: Translator) -> str | None:
    """Why there is no ranking, if there is none."""
    if not ranking.weighted:
        return t("All four weights are 0, so no village can be ranked. Give at least one input a "
                 "weight.")  # fmt: skip
    if ranking.ranked.empty:
        return t("There are no numbers for {year} to rank the villages.",
                 year=t.school_year(ranking.year))  # fmt: skip
    return None


def priorities_view(
    observations: pd.DataFrame,
    villages: list[str],
    year: int,
    weights: dict[str, float],
    t: Translator,
    places: Registry,
) -> PrioritiesView:
    ranking = rank_villages(observations, villages, year, weights)
    names = {v: places.village_name(v, t.lang) for v in villages}
    table = _table(ranking, names, t)
    reasons = [
        reason_sentence(row, ranking, names[row[s.VILLAGE]], t)
        for row in ranking.table.to_dict("records")
    ]
    title = t("Priorities for {year}", year=t.school_year(year))
    top = ranking.table.head(CHART_ROWS)
    scores = [float(v) * 100 if not pd.isna(v) else float("nan") for v in top["score"]]
    figure = ranking_figure(
        [names[v] for v in top[s.VILLAGE]],
        scores,
        [t.number(v) if v == v else t("no data") for v in scores],
        title,
        t("Priority (0-100)"),
        t.separators,
    )
    export = table.assign(**{t("Why"): reasons})
    formula = formula_text(weights, t)
    return PrioritiesView(title, formula, figure, table, reasons, export, f"{title}. {formula}",
                          ranking, _notice(ranking, t))  # fmt: skip
