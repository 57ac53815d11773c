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
