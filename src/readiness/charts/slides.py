"""Charts for slides: a deck chart drawn large and in high contrast, and the pictogram of ten
children. Pure functions: slide data in, a Plotly figure out."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness import escape
from readiness.charts.style import PALETTE, SERIES_STYLE
from readiness.slide import PICTOGRAM_SIZE, Chart

INK = "#000000"
PAPER = "#FFFFFF"
FILLED, EMPTY = PALETTE["vermillion"], "#C8C8C8"
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=26, color=INK)


def wrap(text: str, width: int) -> str:
    """Long labels broken into lines at spaces (Plotly does not wrap text by itself), made safe
    for Plotly (``escape.plotly``) before the line breaks are added."""
    lines, line = [], ""
    for word in escape.plotly(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def _layout(title: str, separators: str, height: int) -> dict:
    return dict(
        title=dict(text=wrap(title, 48), font=dict(size=28)),
        font=FONT,
        separators=separators,
        paper_bgcolor=PAPER,
        plot_bgcolor=PAPER,
        height=height,
        margin=dict(l=90, r=40, t=110, b=110),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(size=26)),
        hoverlabel=dict(font_size=24),
    )


def deck_figure(chart: Chart, separators: str, height: int = 620) -> go.Figure:
    """A slide's chart: bars from zero with their numbers on them, or lines with gaps where a year
    is missing; rates on a fixed 0-100% axis."""
    figure = go.Figure()
    for index, series in enumerate(chart.series):
        style = SERIES_STYLE[index]
        values = [None if v is None else v for v in series.values]
        if chart.kind == "bar":
            figure.add_bar(
                x=[wrap(c, 18) for c in chart.categories],
                y=values,
                name=escape.plotly(series.name),
                text=[wrap(label, 14) for label in series.labels],
                textposition="outside",
                constraintext="none",  # the numbers stay large, whatever the bar's width
                textfont=dict(size=28, color=INK),
                marker=dict(color=style["color"], line=dict(color=INK, width=2)),
                cliponaxis=False,
                hovertemplate="%{x}: %{text}<extra></extra>",
            )
        else:
            figure.add_scatter(
                x=[escape.plotly(c) for c in chart.categories],
                y=values,
                name=escape.plotly(series.name),
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=style["color"], dash=style["dash"], width=5),
                marker=dict(symbol=style["symbol"], size=14),
                customdata=[escape.plotly(label) for label in series.labels],
                hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
            )
    figure.update_layout(
        **_layout(chart.title, separators, height), showlegend=len(chart.series) > 1
    )
    axis = dict(gridcolor="#BBBBBB", linecolor=INK, zerolinecolor=INK, tickfont=dict(size=24))
    if chart.percent:
        figure.update_yaxes(range=[0, 1], tickformat=".0%", **axis)
    else:
        top = max((v for s in chart.series for v in s.values if v is not None), default=1)
        figure.update_yaxes(range=[0, top * 1.25 or 1], rangemode="tozero", **axis)
    figure.update_xaxes(linecolor=INK, tickfont=dict(size=24), type="category", tickangle=0)
    if chart.kind == "line":  # many school years: every third one, slanted
        figure.update_xaxes(tickangle=-45, tickfont=dict(size=20), dtick=3)
        figure.update_layout(margin=dict(b=150))
    return figure


def child_shapes(filled: int, total: int = PICTOGRAM_SIZE) -> list[dict]:
    """Ten simple child figures (a head and a body) in a row, the first ``filled`` coloured: the
    same shapes the PowerPoint export draws."""
    shapes = []
    for i in range(total):
        colour = FILLED if i < filled else EMPTY
        x = i * 1.2
        shapes.append(
            dict(kind="circle", x0=x + 0.25, y0=1.55, x1=x + 0.75, y1=2.05, colour=colour)
        )
        shapes.append(dict(kind="rect", x0=x + 0.1, y0=0.0, x1=x + 0.9, y1=1.4, colour=colour))
    return shapes


def pictogram_figure(filled: int, caption: str, total: int = PICTOGRAM_SIZE) -> go.Figure:
    """ "3 of every 10 children": ten child figures, ``filled`` of them coloured."""
    figure = go.Figure()
    for shape in child_shapes(filled, total):
        figure.add_shape(
            type=shape["kind"],
            x0=shape["x0"], y0=shape["y0"], x1=shape["x1"], y1=shape["y1"],
            fillcolor=shape["colour"], line=dict(color=INK, width=2),
        )  # fmt: skip
    figure.update_layout(
        **_layout(caption, ".,", 380),
        showlegend=False,
    )
    figure.update_xaxes(visible=False, range=[-0.2, total * 1.2])
    figure.update_yaxes(visible=False, range=[-0.2, 2.3], scaleanchor="x")
    return figure
