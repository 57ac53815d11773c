"""Charts: pure functions from data and already-translated labels to a Plotly figure.

They are made for a projector in a bright village hall: large type, thick lines, and a palette that
colour-blind viewers can tell apart (Okabe and Ito), with a different marker and dash per series so
that a grey printout still reads. Rates are drawn on a 0-100% axis; a missing year is a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=18, color="#111111")
SERIES_STYLE = (
    dict(color=PALETTE["blue"], dash="solid", symbol="circle"),
    dict(color=PALETTE["vermillion"], dash="dash", symbol="square"),
    dict(color=PALETTE["green"], dash="dot", symbol="diamond"),
)


@dataclass(frozen=True)
class Series:
    """One line: its name, its values by x, and what hovering over each point says."""

    name: str
    values: pd.Series
    hover: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TrendLabels:
    title: str
    x_title: str
    y_title: str
    tick_text: dict[int, str]  # school year -> its label
    markers: dict[int, str] = field(default_factory=dict)  # year -> label of a line before it
    separators: str = ".,"  # decimal mark, then thousands separator (Plotly's convention)
    caption: str = ""


def _base_layout(title: str, separators: str) -> dict:
    return dict(
        title=dict(text=title, font=dict(size=26)),
        font=FONT,
        separators=separators,
        template="plotly_white",
        height=520,
        margin=dict(l=70, r=30, t=110, b=90),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(size=20)),
        hoverlabel=dict(font_size=18),
    )


def rate_trend_figure(series: list[Series], labels: TrendLabels) -> go.Figure:
    """Rates over school years as lines on a 0-100% axis, with a dashed line marking each project
    start. A year whose value is missing breaks the line instead of being joined across."""
    figure = go.Figure()
    for style, line in zip(SERIES_STYLE, series, strict=False):
        values = line.values.astype("Float64").astype(float)  # <NA> becomes NaN: a gap
        figure.add_trace(
            go.Scatter(
                x=list(values.index),
                y=list(values),
                name=line.name,
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=style["color"], width=4, dash=style["dash"]),
                marker=dict(size=12, symbol=style["symbol"]),
                hovertext=line.hover or None,
                hovertemplate="%{hovertext}<extra>%{fullData.name}</extra>" if line.hover else None,
            )
        )
    years = sorted(labels.tick_text)
    figure.update_layout(**_base_layout(labels.title, labels.separators))
    figure.update_xaxes(
        title=labels.x_title,
        tickmode="array",
        tickvals=years,
        ticktext=[labels.tick_text[y] for y in years],
        tickangle=-45,
        showgrid=False,
    )
    figure.update_yaxes(title=labels.y_title, range=[0, 1.0], tickformat=".0%", rangemode="tozero")
    for year, text in labels.markers.items():
        figure.add_vline(
            x=year - 0.5,
            line=dict(color=PALETTE["black"], width=2, dash="dot"),
            annotation=dict(text=text, font=dict(size=18), xanchor="left", yanchor="top"),
            annotation_position="top right",
        )
    if labels.caption:
        figure.add_annotation(
            text=labels.caption,
            xref="paper",
            yref="paper",
            x=0,
            y=-0.32,
            showarrow=False,
            xanchor="left",
            font=dict(size=15),
        )
    return figure


VERDICT_COLOURS = {
    "improved": PALETTE["blue"],
    "worsened": PALETTE["vermillion"],
    "no_reliable_change": "#555555",
    "too_few": "#AAAAAA",
}


@dataclass(frozen=True)
class Dumbbell:
    """One row of a dumbbell chart: a rate before and after, with their intervals."""

    name: str
    before: float
    after: float
    before_interval: tuple[float, float]
    after_interval: tuple[float, float]
    verdict: str  # a key of VERDICT_COLOURS
    hover_before: str = ""
    hover_after: str = ""


@dataclass(frozen=True)
class DumbbellLabels:
    title: str
    x_title: str
    before: str
    after: dict[str, str]  # verdict -> its label in the legend
    separators: str = ".,"


def _errors(values: list[float], intervals: list[tuple[float, float]]) -> dict:
    return dict(
        type="data",
        symmetric=False,
        array=[high - v for v, (_, high) in zip(values, intervals, strict=True)],
        arrayminus=[v - low for v, (low, _) in zip(values, intervals, strict=True)],
        thickness=2,
        width=6,
    )


def dumbbell_figure(rows: list[Dumbbell], labels: DumbbellLabels) -> go.Figure:
    """Each row's rate before (hollow) and after (filled, coloured by its verdict), joined by a
    line, with 95% intervals as whiskers, on a 0-100% axis. Readable at a glance in a hall."""
    figure = go.Figure()
    names = [row.name for row in rows]
    joins_x = [x for row in rows for x in (row.before, row.after, None)]
    joins_y = [y for row in rows for y in (row.name, row.name, None)]
    figure.add_trace(
        go.Scatter(x=joins_x, y=joins_y, mode="lines", showlegend=False, hoverinfo="skip",
                   line=dict(color="#999999", width=5))
    )  # fmt: skip
    figure.add_trace(
        go.Scatter(
            x=[row.before for row in rows],
            y=names,
            mode="markers",
            name=labels.before,
            marker=dict(size=18, symbol="circle-open", color="#333333", line=dict(width=3)),
            error_x=_errors([r.before for r in rows], [r.before_interval for r in rows]),
            hovertext=[row.hover_before for row in rows],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    for verdict, colour in VERDICT_COLOURS.items():
        chosen = [row for row in rows if row.verdict == verdict]
        if not chosen:
            continue
        figure.add_trace(
            go.Scatter(
                x=[row.after for row in chosen],
                y=[row.name for row in chosen],
                mode="markers",
                name=labels.after[verdict],
                marker=dict(size=20, symbol="circle", color=colour),
                error_x=_errors([r.after for r in chosen], [r.after_interval for r in chosen]),
                hovertext=[row.hover_after for row in chosen],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    layout = _base_layout(labels.title, labels.separators)
    layout["height"] = 220 + 70 * len(rows)
    figure.update_layout(**layout)
    figure.update_xaxes(title=labels.x_title, range=[0, 1.0], tickformat=".0%")
    figure.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    return figure
