"""A rate over the school years, as lines on a 0-100% axis, with the project start marked."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from readiness import escape
from readiness.charts.style import PALETTE, SERIES_STYLE, TOTAL_STYLE, base_layout


@dataclass(frozen=True)
class Series:
    """One line: its name, its values by x, and what hovering over each point says."""

    name: str
    values: pd.Series
    hover: list[str] = field(default_factory=list)
    total: bool = False  # a total line is drawn in black, apart from the villages


@dataclass(frozen=True)
class TrendLabels:
    title: str
    x_title: str
    y_title: str
    tick_text: dict[int, str]  # school year -> its label
    markers: dict[int, str] = field(default_factory=dict)  # year -> label of a line before it
    separators: str = ".,"  # decimal mark, then thousands separator (Plotly's convention)
    caption: str = ""


def rate_trend_figure(series: list[Series], labels: TrendLabels, *, rate: bool = True) -> go.Figure:
    """Values over school years as lines, with a dotted line marking each project start. A rate
    is drawn on a 0-100% axis, a count on an axis from zero. A year whose value is missing breaks
    the line instead of being joined across."""
    figure = go.Figure()
    for index, line in enumerate(series):
        style = TOTAL_STYLE if line.total else SERIES_STYLE[index % len(SERIES_STYLE)]
        values = line.values.astype("Float64").astype(float)  # <NA> becomes NaN: a gap
        figure.add_trace(
            go.Scatter(
                x=list(values.index),
                y=list(values),
                name=escape.plotly(line.name),
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=style["color"], width=4, dash=style["dash"]),
                marker=dict(size=12, symbol=style["symbol"]),
                hovertext=[escape.plotly(h) for h in line.hover] or None,
                hovertemplate="%{hovertext}<extra>%{fullData.name}</extra>" if line.hover else None,
            )
        )
    years = sorted(labels.tick_text)
    figure.update_layout(**base_layout(labels.title, labels.separators))
    figure.update_xaxes(
        title=escape.plotly(labels.x_title),
        tickmode="array",
        tickvals=years,
        ticktext=[escape.plotly(labels.tick_text[y]) for y in years],
        tickangle=-45,
        showgrid=False,
    )
    if rate:
        figure.update_yaxes(title=escape.plotly(labels.y_title), range=[0, 1.0], tickformat=".0%")
    else:
        figure.update_yaxes(
            title=escape.plotly(labels.y_title), rangemode="tozero", tickformat=",d"
        )
    for year, text in labels.markers.items():
        figure.add_vline(
            x=year - 0.5,
            line=dict(color=PALETTE["black"], width=2, dash="dot"),
            annotation=dict(
                text=escape.plotly(text), font=dict(size=18), xanchor="left", yanchor="top"
            ),
            annotation_position="top right",
        )
    if labels.caption:
        figure.add_annotation(
            text=escape.plotly(labels.caption),
            xref="paper",
            yref="paper",
            x=0,
            y=-0.32,
            showarrow=False,
            xanchor="left",
            font=dict(size=15),
        )
    return figure
