"""Comparing school years: grouped bars for two chosen years, and one small panel per village."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from readiness import escape
from readiness.charts.style import PALETTE, base_layout
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
    layout = base_layout(labels.title, labels.separators)
    figure.update_layout(**layout, barmode="group", bargap=0.25)
    finite = [v for g in groups for v in g.values if not math.isnan(v)]
    top = 1.0 if rate else max(finite, default=1) * 1.2 or 1
    figure.update_yaxes(
        title=escape.plotly(labels.y_title), range=[0, top], tickformat=".0%" if rate else ",d"
    )
    return figure


def small_multiples_figure(
    panels: list[Series], title: str, tick_text: dict[int, str], *, rate: bool, separators: str
) -> go.Figure:
    """One panel per village, all on the same axis, so that levels compare at a glance."""
    columns = min(3, max(1, len(panels)))
    rows = math.ceil(len(panels) / columns) or 1
    figure = make_subplots(
        rows=rows, cols=columns, shared_yaxes=True,
        subplot_titles=[escape.plotly(p.name) for p in panels],
        vertical_spacing=0.12 if rows > 1 else 0.2,
    )  # fmt: skip
    top = 1.0 if rate else max((float(p.values.max()) for p in panels if p.values.notna().any()),
                               default=1.0) * 1.1 or 1.0  # fmt: skip
    style = dict(color=PALETTE["blue"], dash="solid", symbol="circle")
    for index, panel in enumerate(panels):
        for trace in line_traces(panel, style, size=8, width=3):
            trace.update(showlegend=False, hovertemplate="%{hovertext}<extra></extra>"
                         if panel.hover else None)  # fmt: skip
            figure.add_trace(trace, row=index // columns + 1, col=index % columns + 1)
    years = sorted(tick_text)
    shown = years[:: max(1, len(years) // 4)]
    figure.update_xaxes(
        tickmode="array", tickvals=shown, ticktext=[escape.plotly(tick_text[y]) for y in shown]
    )
    figure.update_yaxes(range=[0, top], tickformat=".0%" if rate else ",d")
    layout = base_layout(title, separators)
    layout["height"] = 160 + 260 * rows
    figure.update_layout(**layout)
    return figure
