"""A ranking as horizontal bars from zero, highest need at the top."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from readiness import escape
from readiness.charts.style import PALETTE, base_layout


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
    layout = base_layout(title, separators)
    layout["height"] = 200 + 50 * len(names)
    layout["margin"] = dict(l=180, r=80, t=90, b=60)
    figure.update_layout(**layout, showlegend=False)
    figure.update_xaxes(title=escape.plotly(x_title), range=[0, 110])
    figure.update_yaxes(autorange="reversed")
    return figure
