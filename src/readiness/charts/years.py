"""Comparing school years: grouped bars for two chosen years, and one small panel per village."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from readiness import escape
from readiness.charts.style import (
    CHAR_WIDTH,
    DEFAULT_PERCENT_TICKS,
    MIN_WIDTH,
    PALETTE,
    percent_axis,
    titled_layout,
    wrap,
)
from readiness.charts.trend import Series, line_traces

BAR_COLOURS = (PALETTE["sky"], PALETTE["blue"])


@dataclass(frozen=True)
class Bars:
    """One year's bars: a value per name (NaN where missing) and the text shown on each bar."""

    year_label: str
    values: list[float]
    texts: list[str]
    partial: list[bool] = field(default_factory=list)  # True: fewer villages than usual reported

    def fills(self, colour: str) -> list[str]:
        """Each bar's fill: hollow (white inside its outline) where reporting was partial."""
        partial = self.partial or [False] * len(self.values)
        return ["#FFFFFF" if alone else colour for alone in partial]


@dataclass(frozen=True)
class BarsLabels:
    title: str
    y_title: str
    names: list[str]
    missing: str  # written where a bar is missing, so that it is never read as zero
    separators: str = ".,"
    percent_ticks: tuple[str, ...] = DEFAULT_PERCENT_TICKS


def bars_figure(groups: list[Bars], labels: BarsLabels, *, rate: bool) -> go.Figure:
    """Grouped bars on an axis that starts at zero, each with its count written on it. A missing
    value has no bar and says so at the foot of the axis; a value from fewer villages than usual
    is a hollow bar."""
    figure = go.Figure()
    for colour, group in zip(BAR_COLOURS, groups, strict=False):
        figure.add_trace(
            go.Bar(
                x=[escape.plotly(name) for name in labels.names],
                y=[None if math.isnan(v) else v for v in group.values],
                name=escape.plotly(group.year_label),
                marker=dict(color=group.fills(colour), line=dict(color=colour, width=3)),
                text=[escape.plotly(text) for text in group.texts],
                textposition="outside",
                cliponaxis=False,
            )
        )
    for offset, group in zip((-0.2, 0.2), groups, strict=False):
        for index, value in enumerate(group.values):
            if math.isnan(value):
                figure.add_annotation(
                    x=index + offset,
                    y=0,
                    text=escape.plotly(labels.missing),
                    showarrow=False,
                    yanchor="bottom",
                    textangle=-90,
                    font=dict(size=14, color="#555555"),
                )
    legend = [escape.plotly(group.year_label) for group in groups]
    layout = titled_layout(labels.title, legend, labels.separators)
    figure.update_layout(**layout, barmode="group", bargap=0.25)
    finite = [v for g in groups for v in g.values if not math.isnan(v)]
    top = max(finite, default=1) * 1.2 or 1
    axis = percent_axis(labels.percent_ticks) if rate else dict(range=[0, top], tickformat=",d")
    figure.update_yaxes(title=escape.plotly(labels.y_title), **axis)
    return figure


PANEL_HEIGHT, PANEL_GAP = 200, 140  # px: each panel, and the room under it for its ticks
PANEL_TITLE_SIZE = 18


def small_multiples_figure(
    panels: list[Series],
    title: str,
    tick_text: dict[int, str],
    *,
    rate: bool,
    separators: str,
    percent_ticks: tuple[str, ...] = DEFAULT_PERCENT_TICKS,
) -> go.Figure:
    """One panel per village, all on the same axis, so that levels compare at a glance. Each
    panel's title sits in the gap under the school years of the panel above it."""
    columns = min(3, max(1, len(panels)))
    rows = math.ceil(len(panels) / columns) or 1
    plot_height = rows * PANEL_HEIGHT + (rows - 1) * PANEL_GAP
    figure = make_subplots(
        rows=rows,
        cols=columns,
        shared_yaxes=True,
        subplot_titles=[wrap(p.name, _title_width(columns)) for p in panels],
        vertical_spacing=PANEL_GAP / plot_height if rows > 1 else 0.2,
    )
    highest = max((float(p.values.max()) for p in panels if p.values.notna().any()), default=1.0)
    top = 1.0 if rate else highest * 1.1 or 1.0
    style = dict(color=PALETTE["blue"], dash="solid", symbol="circle")
    for index, panel in enumerate(panels):
        for trace in line_traces(panel, style, size=8, width=3):
            trace.update(
                showlegend=False,
                hovertemplate="%{hovertext}<extra></extra>" if panel.hover else None,
            )
            figure.add_trace(trace, row=index // columns + 1, col=index % columns + 1)
    years = sorted(tick_text)
    shown = years[:: max(1, len(years) // 4)]
    figure.update_xaxes(
        tickmode="array",
        tickvals=shown,
        ticktext=[escape.plotly(tick_text[y]) for y in shown],
        tickangle=-45,
        tickfont=dict(size=14),
    )
    axis = percent_axis(percent_ticks) if rate else dict(range=[0, top], tickformat=",d")
    figure.update_yaxes(**axis)
    figure.update_annotations(font_size=PANEL_TITLE_SIZE, yshift=6)  # the panels' titles
    lines = max(
        (p.count("<br>") + 1 for p in (a.text for a in figure.layout.annotations)), default=1
    )
    extra_top = (lines - 1) * round(PANEL_TITLE_SIZE * 1.3)  # a first-row title of two lines
    figure.update_layout(
        **titled_layout(title, [], separators, plot_height=plot_height, extra_top=extra_top)
    )
    return figure


def _title_width(columns: int) -> int:
    """How many characters of a village's name fit on one line above its panel."""
    return max(8, int((MIN_WIDTH - 80) / columns / (PANEL_TITLE_SIZE * CHAR_WIDTH)))
