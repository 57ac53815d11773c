"""The look every chart shares: a colour-blind-safe palette, large type, a plain layout."""

from __future__ import annotations

from readiness import escape

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
_COLOURS = ("blue", "vermillion", "green", "orange", "sky", "purple", "black")
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "hexagon", "cross")
# Each series differs by colour, dash and marker, so that a grey printout still tells them apart.
SERIES_STYLE = tuple(
    dict(color=PALETTE[_COLOURS[i % 7]], dash=_DASHES[i % 6], symbol=_SYMBOLS[i % 8])
    for i in range(42)
)
# Solid markers everywhere: a hollow marker means a year reported by fewer villages than usual.
TOTAL_STYLE = dict(color=PALETTE["black"], dash="solid", symbol="circle")


def hollow(symbol: str) -> str:
    """Plotly's open variant of a marker symbol ("square" -> "square-open")."""
    return symbol if symbol.endswith("-open") else f"{symbol}-open"


def base_layout(title: str, separators: str) -> dict:
    return dict(
        title=dict(text=escape.plotly(title), font=dict(size=26)),
        font=FONT,
        separators=separators,
        template="plotly_white",
        height=520,
        margin=dict(l=70, r=30, t=110, b=90),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(size=20)),
        hoverlabel=dict(font_size=18),
    )
