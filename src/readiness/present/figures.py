"""Charts for slides: a deck chart drawn large and in high contrast, and the pictogram of ten
children. Pure functions: slide data in, a Plotly figure out."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness import escape
from readiness.charts.style import (
    CHAR_WIDTH,
    DEFAULT_PERCENT_TICKS,
    PALETTE,
    SERIES_STYLE,
    percent_axis,
    titled_layout,
    wrap,
)
from readiness.present.slide import PICTOGRAM_SIZE, Chart

INK = "#000000"
PAPER = "#FFFFFF"
FILLED, EMPTY = PALETTE["vermillion"], "#C8C8C8"
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=24, color=INK)
# The chart's column of a slide on a 1024-pixel-wide projector: a little less than half of it for
# the school years of a line chart, two fifths for a few bars (``views.present.text_share``).
# Titles and legends are laid out for it, so that nothing is cut off there or on a wider screen.
SLIDE_WIDTH = 480
SLIDE_WIDTHS = {"line": SLIDE_WIDTH, "bar": 360, "hbar": 360}
BOTTOM = 120  # room under the plot for the categories or the slanted school years


def _layout(
    title: str, legend: list[str], separators: str, height: int, width: int = SLIDE_WIDTH
) -> dict:
    """Large type, black on white, the title and the legend in bands of their own above the
    plot, laid out for the chart's column of a slide on a 1024-pixel-wide projector."""
    sizes = (26, 22)
    layout = titled_layout(
        title, legend, separators, height=height, width=width, sizes=sizes, bottom=BOTTOM
    )
    layout["margin"].update(l=80, r=30)
    colours = dict(paper_bgcolor=PAPER, plot_bgcolor=PAPER)
    return {**layout, **colours, "font": FONT, "hoverlabel": dict(font_size=22)}


def _bar_label(text: str) -> str:
    """What a bar carries: its figure alone ("23 %" of "23 % (198 of 870)"), large and never
    running into its neighbour's; the counts are in the slide's sentence and in the hover, as
    the PowerPoint chart carries the figure alone too."""
    return escape.plotly(text.partition(" (")[0])


def deck_figure(
    chart: Chart,
    separators: str,
    height: int = 480,
    percent_ticks: tuple[str, ...] = DEFAULT_PERCENT_TICKS,
) -> go.Figure:
    """A slide's chart: bars from zero with their numbers on them, or lines with gaps where a year
    is missing; rates on a fixed 0-100% axis, a score on its own fixed axis."""
    figure = go.Figure()
    for index, series in enumerate(chart.series):
        style = SERIES_STYLE[index]
        values = [None if v is None else v for v in series.values]
        if chart.kind in ("bar", "hbar"):
            across = chart.kind == "hbar"
            categories = [wrap(c, _category_width(chart)) for c in chart.categories]
            figure.add_bar(
                x=values if across else categories,
                y=categories if across else values,
                orientation="h" if across else "v",
                name=escape.plotly(series.name),
                text=[_bar_label(label) for label in series.labels],
                customdata=[escape.plotly(label) for label in series.labels],
                textposition="outside",
                constraintext="none",  # the numbers stay large, whatever the bar's width
                textfont=dict(size=24, color=INK),
                marker=dict(color=style["color"], line=dict(color=INK, width=2)),
                cliponaxis=False,
                hovertemplate="%{customdata}<extra></extra>",
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
    legend = [escape.plotly(s.name) for s in chart.series] if len(chart.series) > 1 else []
    figure.update_layout(
        **_layout(chart.title, legend, separators, height, SLIDE_WIDTHS[chart.kind]),
        showlegend=bool(legend),
    )
    _axes(figure, chart, percent_ticks)
    return figure


def _axes(figure: go.Figure, chart: Chart, percent_ticks: tuple[str, ...]) -> None:
    """The value axis from zero (0-100% for rates), the categories along the other one."""
    values = dict(gridcolor="#BBBBBB", linecolor=INK, zerolinecolor=INK, tickfont=dict(size=22))
    if chart.percent:
        values.update(percent_axis(percent_ticks))
    else:
        values.update(range=[0, _top(chart)], tickformat=",d")  # 1 500 in ky and ru
    categories = dict(linecolor=INK, tickfont=dict(size=22), type="category", tickangle=0)
    if chart.kind == "hbar":
        figure.update_xaxes(**values)
        figure.update_yaxes(**categories, autorange="reversed", automargin=True)
        figure.update_layout(margin_r=70)  # room for the number past the longest bar
        return
    figure.update_yaxes(**values)
    figure.update_xaxes(**categories)
    if chart.kind == "line":  # many school years: every third one, slanted
        figure.update_xaxes(tickangle=-45, tickfont=dict(size=18), dtick=3)


def _category_width(chart: Chart) -> int:
    """How many characters of a category's name fit on one line under its bar (or beside it)."""
    if chart.kind == "hbar":
        return 12
    room = (SLIDE_WIDTHS[chart.kind] - 110) / max(1, len(chart.categories))
    return max(6, int(room / (22 * CHAR_WIDTH)))


def _top(chart: Chart) -> float:
    """The value axis's end: the chart's own (100 for a score), else room above the tallest
    bar for its number."""
    if chart.top is not None:
        return chart.top
    top = max((v for s in chart.series for v in s.values if v is not None), default=1)
    return top * 1.3 or 1


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
            x0=shape["x0"],
            y0=shape["y0"],
            x1=shape["x1"],
            y1=shape["y1"],
            fillcolor=shape["colour"],
            line=dict(color=INK, width=2),
        )
    figure.update_layout(**_layout(caption, [], ".,", 380), showlegend=False)
    figure.update_xaxes(visible=False, range=[-0.2, total * 1.2])
    figure.update_yaxes(visible=False, range=[-0.2, 2.3], scaleanchor="x")
    return figure
