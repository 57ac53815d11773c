"""The Village profile page as data: a table of every measure, comparison charts, girls and boys."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from readiness.analysis.measures import partial_years, rate_counts, shown_column
from readiness.analysis.profile import comparison, parity
from readiness.analysis.sentences import after_colon
from readiness.charts import Series, TrendLabels, rate_trend_figure
from readiness.charts.style import percent_ticks
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.measures import MEASURES, rates, summary
from readiness.model.places import Registry
from readiness.views.choices import Choices, village_keys
from readiness.views.reporting import partial_caption, trend_hovers


@dataclass(frozen=True)
class ProfileView:
    title: str
    subtitle: str
    table: pd.DataFrame
    figures: list[go.Figure]
    parity_table: pd.DataFrame
    notes: list[str]


def _rate_cell(table: pd.DataFrame, year: int, measure: str, t: Translator) -> str:
    numerator, denominator = rate_counts(MEASURES[measure])
    return t.rate(table.at[year, numerator], table.at[year, denominator])


def _cell(table: pd.DataFrame, year: int, measure: str, t: Translator) -> str:
    if MEASURES[measure].is_rate:
        return _rate_cell(table, year, measure, t)
    return t.number(table.at[year, shown_column(measure)])


def _measures_table(table: pd.DataFrame, t: Translator) -> pd.DataFrame:
    rows = [
        {
            t("School year"): t.school_year(year),
            **{t(m.label): _cell(table, year, m.key, t) for m in summary()},
        }
        for year in table.index
    ]
    return pd.DataFrame(rows, dtype="string")


def _labels(title: str, years, t: Translator, caption: str = "") -> TrendLabels:
    return TrendLabels(
        title=title,
        x_title=t("School year"),
        y_title=t("Share of children"),
        tick_text={int(y): t.school_year(y) for y in years},
        separators=t.separators,
        caption=caption,
        percent_ticks=percent_ticks(t.percent),
    )


def _comparison_series(table: pd.DataFrame, measure: str, name: str, t: Translator) -> Series:
    """An area's rate over the years; a year fewer of its villages reported is drawn apart."""
    texts = [
        f"{name}, {t.school_year(year)}: {_rate_cell(table, year, measure, t)}"
        for year in table.index
    ]
    hover = trend_hovers(table, measure, texts, t)
    return Series(name, table[measure], hover, partial=partial_years(table, measure))


def _comparison_figure(tables, measure, names, t) -> go.Figure:
    series = [_comparison_series(table, measure, names[key], t) for key, table in tables.items()]
    title = t(
        "{measure}: {village} beside its municipality and all villages",
        measure=t(MEASURES[measure].label),
        village=names["village"],
    )
    labels = _labels(title, tables["village"].index, t, partial_caption(series, t))
    return rate_trend_figure(series, labels)


def _parity_figure(table: pd.DataFrame, measure: str, name: str, t: Translator) -> go.Figure:
    series = [Series(t("Girls"), table["girls"]), Series(t("Boys"), table["boys"])]
    title = t(
        "{measure}, girls and boys: {village}", measure=t(MEASURES[measure].label), village=name
    )
    return rate_trend_figure(series, _labels(title, table.index, t))


def _parity_rows(tables: dict[str, pd.DataFrame], t: Translator) -> pd.DataFrame:
    years = next(iter(tables.values())).index
    sexes = {"girls": t("Girls"), "boys": t("Boys")}
    index_label = t("parity index")
    rows = []
    for year in years:
        row = {t("School year"): t.school_year(year)}
        for measure, table in tables.items():
            label = t(MEASURES[measure].label)
            for sex in ("girls", "boys"):
                count, base = table.at[year, f"{sex}_count"], table.at[year, f"{sex}_base"]
                row[f"{label}: {after_colon(sexes[sex])}"] = t.rate(count, base)
            row[f"{label}: {index_label}"] = t.number(table.at[year, "gpi"], digits=2)
        rows.append(row)
    return pd.DataFrame(rows, dtype="string")


def profile_view(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    village: str,
    t: Translator,
    places: Registry,
) -> ProfileView:
    tables = comparison(observations, villages, village)
    name = places.village_name(village, t.lang)
    info = villages.set_index(s.VILLAGE)
    municipality = info.at[village, s.MUNICIPALITY] if village in info.index else pd.NA
    names = {"village": name, "all": t("All villages")}
    if "municipality" in tables:
        names["municipality"] = places.municipality_name(municipality, t.lang)
    figures = [_comparison_figure(tables, m.key, names, t) for m in rates()]
    by_sex = {m.key: parity(observations, village, m.key) for m in rates()}
    figures.append(_parity_figure(by_sex[s.READINESS], s.READINESS, name, t))
    notes = [
        *(t(m.definition) for m in rates()),
        t("Gender parity index: girls' rate divided by boys' rate; 1 means parity."),
    ]
    start = info.at[village, s.PROJECT_START] if village in info.index else pd.NA
    subtitle = names.get("municipality", "")
    if not pd.isna(start):
        subtitle += " · " + t("Project starts {year}", year=t.school_year(start))
    return ProfileView(
        name,
        subtitle,
        _measures_table(tables["village"], t),
        figures,
        _parity_rows(by_sex, t),
        notes,
    )


def default_village(villages: pd.DataFrame) -> str:
    """The first village (by key) of the first project municipality; else the first village."""
    project = villages[villages[s.IN_PROJECT].fillna(False) & villages[s.MUNICIPALITY].notna()]
    if project.empty:
        return sorted(villages[s.VILLAGE])[0]
    municipality = sorted(project[s.MUNICIPALITY])[0]
    return sorted(villages.loc[villages[s.MUNICIPALITY] == municipality, s.VILLAGE])[0]


def village_choices(villages: pd.DataFrame) -> Choices:
    """Every village, by key, the default one chosen."""
    keys = village_keys(villages)
    return Choices(keys, keys.index(default_village(villages)))
