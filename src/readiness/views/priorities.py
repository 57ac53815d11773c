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
    return t("the most of {n} villages", n=n) if rank == 1 else t("rank {rank} of {n}", rank=rank,
                                                                    n=n)  # fmt: skip


def reason_sentence(row: pd.Series, ranking: Ranking, name: str, t: Translator) -> str:
    """Why a village ranks where it does, from the input that adds most to its score."""
    reason = main_reason(row, ranking.weights)
    n, year = len(ranking.table), t.school_year(ranking.year)
    if reason is None:
        return t("{village}: no data for {year}.", village=name, year=year)
    standing = _standing(input_rank(row, reason), n, t)
    if reason == NOT_READY:
        count = int(row[NOT_READY])
        said = t.plural("{village}: {n} child arrived at school not ready in {year}",
                        "{village}: {n} children arrived at school not ready in {year}",
                        count, village=name, year=year)  # fmt: skip
    elif reason == NOT_ENROLLED:
        count = int(row[NOT_ENROLLED])
        said = t.plural("{village}: {n} child aged 3-6 was not in preschool in {year}",
                        "{village}: {n} children aged 3-6 were not in preschool in {year}",
                        count, village=name, year=year)  # fmt: skip
    elif reason == GAP:
        said = t("{village}: only {rate} of grade 1 entrants were ready in {year}", village=name,
                 rate=t.percent(row[s.READINESS]), year=year)  # fmt: skip
    else:
        said = t("{village}: readiness changed by {change} over the last three years",
                 village=name, change=t.points(-row[FALLING]))  # fmt: skip
    return f"{said}, {standing}."


def _table(ranking: Ranking, names: dict[str, str], t: Translator) -> pd.DataFrame:
    rows = [
        {
            t("Rank"): int(row["rank"]),
            t("Village"): names[row[s.VILLAGE]],
            t("Priority (0-100)"): t.number(row["score"] * 100),
            t(INPUT_LABELS[NOT_READY]): t.number(row[NOT_READY]),
            t(INPUT_LABELS[GAP]): t.percent(row[GAP]),
            t(INPUT_LABELS[NOT_ENROLLED]): t.number(row[NOT_ENROLLED]),
            t("Readiness change (last three years)"): t.points(-row[FALLING]),
        }
        for row in ranking.table.to_dict("records")
    ]
    return pd.DataFrame(rows).astype({t("Rank"): "int64"})


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
                          ranking)  # fmt: skip
