"""A ranking as horizontal bars from zero, highest need at the top."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from readiness import escape
from readiness.charts.style import PALETTE, titled_layout


def ranking_figure(
    names: list[str],
    scores: list[float],
    texts: list[str],
    title: str,
    x_title: str,
    separators: str = ".,",
) -> go.Figure:
    """Scores from 0 to 100, one bar per village; a village without a score has no bar."""
    figure = go.Figure(
        go.Bar(
            x=[None if math.isnan(v) else v for v in scores],
            y=[escape.plotly(name) for name in names],
            orientation="h",
            marker_color=PALETTE["vermillion"],
            text=[escape.plotly(text) for text in texts],
            textposition="outside",
            cliponaxis=False,
        )
    )
    layout = titled_layout(title, [], separators, plot_height=40 + 50 * len(names), bottom=70)
    layout["margin"].update(r=80)
    figure.update_layout(**layout, showlegend=False)
    figure.update_xaxes(title=escape.plotly(x_title), range=[0, 100])
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure
