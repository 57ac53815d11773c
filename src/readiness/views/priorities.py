"""The Priorities page as data: the ranking, a sentence for each village, the formula in words."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from readiness import LoadResult
from readiness.analysis.priorities import (
    FALLING,
    GAP,
    INPUTS,
    NOT_ENROLLED,
    NOT_READY,
    Ranking,
    rank_villages,
    scores,
)
from readiness.analysis.reasons import negated, reason_sentence
from readiness.charts.ranking import ranking_figure
from readiness.files.exports import table_workbook
from readiness.i18n import N_, Translator
from readiness.model import schema as s
from readiness.model.places import Registry
from readiness.number_formats import PLAIN, count_format, percent_format, points_format
from readiness.views.choices import school_years, village_keys

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
    export: pd.DataFrame  # the ranking with numbers as numbers, and the reason for each village
    export_formats: dict[str, str]  # the number format of each column of numbers
    export_title: str
    ranking: Ranking
    notice: str | None = None  # said instead of the ranking when no village can be ranked

    @property
    def leading(self) -> list[str]:
        """The reasons of the (up to) three villages that need help most."""
        return self.reasons[: min(LEADING, len(self.ranking.ranked))]

    def workbook(self) -> bytes:
        """The ranking as .xlsx, made only when someone downloads it."""
        title = self.export_title
        return table_workbook(self.export, title[:31], title, self.export_formats)


def formula_text(weights: dict[str, float], t: Translator) -> str:
    total = sum(weights.values()) or 1
    parts = {name: t.percent(weights[name] / total) for name in INPUTS}
    return t(
        "Priority = {not_ready} × children not ready + {gap} × readiness gap + {not_enrolled} × "
        "children aged 3-6 not in preschool + {falling} × falling readiness over the last three "
        "years. Each input is scaled from 0 (the village lowest on it) to 1 (the highest); the "
        "priority runs from 0 to 100.",
        not_ready=parts[NOT_READY],
        gap=parts[GAP],
        not_enrolled=parts[NOT_ENROLLED],
        falling=parts[FALLING],
    )


def _score_text(score: object, t: Translator) -> str:
    """The priority from 0 to 100 (``scores``), or "no data" for a village that is not ranked."""
    return t("no data") if pd.isna(score) else t.number(score)


def _row(row: dict, names: dict[str, str], score: object, t: Translator) -> list:
    return [
        row["rank"],
        names[row[s.VILLAGE]],
        _score_text(score, t),
        t.number(row[NOT_READY]),
        # the gap with its counts, "39% (29 of 75)"; missing as every other missing number
        t.percent(row[GAP]) if pd.isna(row[GAP]) else t.rate(row[NOT_READY], row[s.ENTRANTS]),
        t.number(row[NOT_ENROLLED]),
        t.points(negated(row[FALLING])),
    ]


def _columns(t: Translator) -> list[str]:
    inputs = [t(INPUT_LABELS[name]) for name in (NOT_READY, GAP, NOT_ENROLLED)]
    return [
        t("Rank"),
        t("Village"),
        t("Priority (0-100)"),
        *inputs,
        t("Readiness change (last three years)"),
    ]


def _table(ranking: Ranking, names: dict[str, str], t: Translator) -> pd.DataFrame:
    """Every village, ranked ones first; a village without a score has no rank and "no data"."""
    shown = scores(ranking)  # the same whole numbers as the chart, the slides and the download
    rows = [_row(row, names, shown[row[s.VILLAGE]], t) for row in ranking.table.to_dict("records")]
    return pd.DataFrame(rows, columns=_columns(t)).astype({t("Rank"): "Int64"})


def _export(
    ranking: Ranking, names: dict[str, str], reasons: list[str], t: Translator
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The ranking for the .xlsx: counts and rates as numbers, each column with its number
    format in the file's language; the reason for each village as text."""
    table, columns = ranking.table, _columns(t)
    values = [
        table["rank"],
        [names[v] for v in table[s.VILLAGE]],
        scores(ranking).to_numpy(),
        table[NOT_READY].round().astype("Int64"),
        table[GAP],
        table[NOT_ENROLLED].round().astype("Int64"),
        -100 * table[FALLING],
    ]
    export = pd.DataFrame(dict(zip(columns, values, strict=True)), index=table.index)
    count, share, points = count_format(t.lang), percent_format(t.lang), points_format(t)
    number_formats = (PLAIN, PLAIN, count, share, count, points)
    formats = dict(zip([columns[0], *columns[2:]], number_formats, strict=True))
    return export.assign(**{t("Why"): reasons}), formats


def _notice(ranking: Ranking, t: Translator) -> str | None:
    """Why there is no ranking, if there is none."""
    if not ranking.weighted:
        return t(
            "All four weights are 0, so no village can be ranked. Give at least one input a weight."
        )
    if ranking.ranked.empty:
        return t(
            "There are no numbers for {year} to rank the villages.",
            year=t.school_year(ranking.year),
        )
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
    figure = _figure(ranking, names, title, t)
    export, formats = _export(ranking, names, reasons, t)
    formula = formula_text(weights, t)
    export_title = f"{title}. {formula}"
    notice = _notice(ranking, t)
    return PrioritiesView(
        title, formula, figure, table, reasons, export, formats, export_title, ranking, notice
    )


def _figure(ranking: Ranking, names: dict[str, str], title: str, t: Translator) -> go.Figure:
    """The first ``CHART_ROWS`` villages' priorities, as the table and the slides show them."""
    shown = scores(ranking).head(CHART_ROWS)
    values = [float("nan") if pd.isna(v) else float(v) for v in shown]
    texts = [t("no data") if pd.isna(v) else t.number(v) for v in shown]
    names_shown = [names[v] for v in shown.index]
    return ranking_figure(names_shown, values, texts, title, t("Priority (0-100)"), t.separators)


def priorities_choices(data: LoadResult) -> tuple[list, list[str]]:
    """The school years to rank, the newest first, and every village ranked."""
    return school_years(data.observations, newest_first=True), village_keys(data.villages)
