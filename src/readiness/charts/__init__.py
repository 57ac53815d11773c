"""Charts: pure functions from data and already-translated labels to a Plotly figure.

They are made for a projector in a bright village hall: large type, thick lines, and a palette that
colour-blind viewers can tell apart (Okabe and Ito), with a different marker and dash per series so
that a grey printout still reads. Rates are drawn on a 0-100% axis, bars start at zero, and a
missing year is a gap, never a zero.
"""

from readiness.charts.dumbbell import VERDICT_COLOURS, Dumbbell, DumbbellLabels, dumbbell_figure
from readiness.charts.style import FONT, PALETTE, SERIES_STYLE
from readiness.charts.trend import Series, TrendLabels, rate_trend_figure

__all__ = [
    "FONT",
    "PALETTE",
    "SERIES_STYLE",
    "VERDICT_COLOURS",
    "Dumbbell",
    "DumbbellLabels",
    "Series",
    "TrendLabels",
    "dumbbell_figure",
    "rate_trend_figure",
]
