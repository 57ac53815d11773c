"""A rate over the school years, as lines on a 0-100% axis, with the project start marked.

A year whose value comes from fewer villages than the area's usual number is not comparable with
its neighbours: it is drawn as a hollow marker of its own, never joined to them by the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from readiness import escape
from readiness.charts.style import (
    CHAR_WIDTH,
    DEFAULT_PERCENT_TICKS,
    MIN_WIDTH,
    PALETTE,
    PLOT_HEIGHT,
    SERIES_STYLE,
    TOTAL_STYLES,
    hollow,
    percent_axis,
    titled_layout,
    wrap,
)


@dataclass(frozen=True)
class Series:
    """One line: its name, its values by x, and what hovering over each point says."""

    name: str
    values: pd.Series
    hover: list[str] = field(default_factory=list)
    total: bool = False  # a total line is drawn in black, apart from the villages
    partial: pd.Series | None = None  # by x: True where fewer villages than usual reported

    def split(self) -> tuple[pd.Series, pd.Series]:
        """The values as floats (<NA> becomes NaN, a gap), apart into those the line joins and
        those drawn alone as hollow markers (NaN elsewhere in each)."""
        values = self.values.astype("Float64").astype(float)
        if self.partial is None:
            return values, pd.Series(float("nan"), index=values.index)
        alone = self.partial.reindex(values.index, fill_value=False).astype(bool)
        return values.where(~alone), values.where(alone)

    def hover_at(self, keep: pd.Series) -> list[str] | None:
        """The hover texts of the points where ``keep`` holds a value, made safe for Plotly."""
        if not self.hover:
            return None
        return [escape.plotly(h) for h, v in zip(self.hover, keep, strict=True) if v == v]


@dataclass(frozen=True)
class TrendLabels:
    title: str
    x_title: str
    y_title: str
    tick_text: dict[int, str]  # school year -> its label
    markers: dict[int, str] = field(default_factory=dict)  # year -> label of a line before it
    separators: str = ".,"  # decimal mark, then thousands separator (Plotly's convention)
    caption: str = ""
    percent_ticks: tuple[str, ...] = DEFAULT_PERCENT_TICKS  # "0%" … "100%" as the page writes them


def rate_trend_figure(series: list[Series], labels: TrendLabels, *, rate: bool = True) -> go.Figure:
    """Values over school years as lines, with a dotted line marking each project start. A rate
    is drawn on a 0-100% axis, a count on an axis from zero. A year whose value is missing breaks
    the line instead of being joined across."""
    figure = go.Figure()
    for line, style in zip(series, _styles(series), strict=True):
        for trace in line_traces(line, style):
            figure.add_trace(trace)
    years = sorted(labels.tick_text)
    caption = wrap(labels.caption, int((MIN_WIDTH - 110) / (15 * CHAR_WIDTH)))
    bottom = CAPTION_TOP + 20 * (caption.count("<br>") + 1) + 8 if labels.caption else 100
    names = [escape.plotly(line.name) for line in series]
    figure.update_layout(**titled_layout(labels.title, names, labels.separators, bottom=bottom))
    figure.update_xaxes(
        title=escape.plotly(labels.x_title),
        tickmode="array",
        tickvals=years,
        ticktext=[escape.plotly(labels.tick_text[y]) for y in years],
        tickangle=-45,
        showgrid=False,
    )
    if rate:
        figure.update_yaxes(
            title=escape.plotly(labels.y_title), **percent_axis(labels.percent_ticks)
        )
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
            text=caption,
            xref="paper",
            yref="paper",
            x=0,
            y=-(bottom - 8) / PLOT_HEIGHT,
            yanchor="bottom",
            showarrow=False,
            xanchor="left",
            align="left",
            font=dict(size=15),
        )
    return figure


CAPTION_TOP = 135  # px under the plot: below the slanted school years and the axis title


def _styles(series: list[Series]) -> list[dict]:
    """Each line's colour, dash and marker: villages in colour, each total in black with a dash
    and a marker of its own, so that totals never look alike."""
    styles, totals = [], 0
    for index, line in enumerate(series):
        if line.total:
            styles.append(TOTAL_STYLES[totals % len(TOTAL_STYLES)])
            totals += 1
        else:
            styles.append(SERIES_STYLE[index % len(SERIES_STYLE)])
    return styles


def line_traces(line: Series, style: dict, *, size: int = 12, width: int = 4) -> list[go.Scatter]:
    """A series as a line through its comparable years, and, when some year comes from fewer
    villages than usual, those years as hollow markers of the same colour, not joined (they
    show and hide with the line in the legend)."""
    joined, alone = line.split()
    name = escape.plotly(line.name)
    hover = "%{hovertext}<extra>%{fullData.name}</extra>" if line.hover else None
    traces = [
        go.Scatter(
            x=list(joined.index),
            y=list(joined),
            name=name,
            legendgroup=name,
            mode="lines+markers",
            connectgaps=False,
            line=dict(color=style["color"], width=width, dash=style["dash"]),
            marker=dict(size=size, symbol=style["symbol"]),
            hovertext=[escape.plotly(h) for h in line.hover] or None,
            hovertemplate=hover,
        )
    ]
    if alone.notna().any():
        shown = alone.dropna()
        traces.append(
            go.Scatter(
                x=list(shown.index),
                y=list(shown),
                name=name,
                legendgroup=name,
                showlegend=False,
                mode="markers",
                marker=dict(
                    size=size + 2,
                    symbol=hollow(style["symbol"]),
                    color=style["color"],
                    line=dict(width=3, color=style["color"]),
                ),
                hovertext=line.hover_at(alone),
                hovertemplate=hover,
            )
        )
    return traces
