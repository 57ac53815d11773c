"""Before and after as a dumbbell: one row per village, two dots joined by a line."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from readiness import escape
from readiness.charts.style import DEFAULT_PERCENT_TICKS, PALETTE, percent_axis, titled_layout

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
    percent_ticks: tuple[str, ...] = DEFAULT_PERCENT_TICKS


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
    names = [escape.plotly(row.name) for row in rows]
    joins_x = [x for row in rows for x in (row.before, row.after, None)]
    joins_y = [y for name in names for y in (name, name, None)]
    figure.add_trace(
        go.Scatter(
            x=joins_x,
            y=joins_y,
            mode="lines",
            showlegend=False,
            hoverinfo="skip",
            line=dict(color="#999999", width=5),
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[row.before for row in rows],
            y=names,
            mode="markers",
            name=escape.plotly(labels.before),
            marker=dict(size=18, symbol="circle-open", color="#333333", line=dict(width=3)),
            error_x=_errors([r.before for r in rows], [r.before_interval for r in rows]),
            hovertext=[escape.plotly(row.hover_before) for row in rows],
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
                y=[escape.plotly(row.name) for row in chosen],
                mode="markers",
                name=escape.plotly(labels.after[verdict]),
                marker=dict(size=20, symbol="circle", color=colour),
                error_x=_errors([r.after for r in chosen], [r.after_interval for r in chosen]),
                hovertext=[escape.plotly(row.hover_after) for row in chosen],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    legend = [trace.name for trace in figure.data if trace.showlegend is not False]
    plot_height = 60 + 60 * len(rows)
    figure.update_layout(
        **titled_layout(labels.title, legend, labels.separators, plot_height=plot_height)
    )
    x_title = escape.plotly(labels.x_title)
    figure.update_xaxes(title=x_title, **percent_axis(labels.percent_ticks))
    figure.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=names, automargin=True
    )
    return figure
