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
# Municipality totals are black, each with a dash and a marker of its own.
TOTAL_STYLES = tuple(
    dict(color=PALETTE["black"], dash=_DASHES[i % 6], symbol=_SYMBOLS[(i + 1) % 8])
    for i in range(24)
)
PERCENT_STEPS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
DEFAULT_PERCENT_TICKS = tuple(f"{round(100 * step)}%" for step in PERCENT_STEPS)
# The narrowest chart a page draws: a 1024-pixel screen less the sidebar and the page's margins.
# Titles are wrapped and legends given room for this width, so that nothing is cut off there or
# on any wider screen.
MIN_WIDTH = 620
CHAR_WIDTH = 0.66  # a character's width, as a share of the font size (DejaVu Sans, Cyrillic)
TITLE_SIZE, LEGEND_SIZE = 22, 18
PLOT_HEIGHT = 330  # the plot area of a page's chart, between its legend and its x axis


def hollow(symbol: str) -> str:
    """Plotly's open variant of a marker symbol ("square" -> "square-open")."""
    return symbol if symbol.endswith("-open") else f"{symbol}-open"


def percent_ticks(percent) -> tuple[str, ...]:
    """The labels of a 0-100% axis written by ``percent`` (``Translator.percent``), so that the
    axis reads "60 %" where the page does."""
    return tuple(percent(step) for step in PERCENT_STEPS)


def percent_axis(ticks: tuple[str, ...] = DEFAULT_PERCENT_TICKS) -> dict:
    """A rate axis from 0 to 100%, labelled with the locale's own percentages."""
    return dict(range=[0, 1], tickmode="array", tickvals=list(PERCENT_STEPS), ticktext=list(ticks))


def wrap(text: str, width: int) -> str:
    """Text broken into lines of at most ``width`` characters at spaces (Plotly does not wrap
    by itself), made safe for Plotly (``escape.plotly``) before the line breaks are added."""
    lines, line = [], ""
    for word in escape.plotly(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def _legend_rows(names: list[str], size: int, width: int) -> int:
    """How many rows a horizontal legend of ``names`` takes at ``width`` pixels."""
    rows, used = 1, 0.0
    for name in names:
        entry = 48 + len(name) * size * CHAR_WIDTH  # the symbol, the gap and the text
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows if names else 0


def titled_layout(
    title: str,
    legend: list[str],
    separators: str,
    *,
    plot_height: int = PLOT_HEIGHT,
    height: int | None = None,
    width: int = MIN_WIDTH,
    sizes: tuple[int, int] = (TITLE_SIZE, LEGEND_SIZE),
    bottom: int = 90,
    extra_top: int = 0,
) -> dict:
    """A layout whose title (wrapped to ``width``, from the left) and legend (in rows under the
    title) each have a band of their own above the plot: the legend never lies on the title,
    and neither runs past the chart's edges however many entries it has. The figure is
    ``height`` pixels high, or as high as a plot of ``plot_height`` with its bands needs;
    ``extra_top`` is room above the plot for what the chart draws there itself."""
    title_size, legend_size = sizes
    text = wrap(title, int(width / (title_size * CHAR_WIDTH)))
    lines = text.count("<br>") + 1
    title_band = lines * title_size * 1.3 + 16
    legend_band = _legend_rows(legend, legend_size, width - 40) * legend_size * 1.6
    top = round(title_band + legend_band + 12 + extra_top)
    height = height or plot_height + top + bottom
    # Plotly anchors a title of several lines by its first line's baseline: the block starts
    # about one line above its anchor, which is lowered by as much.
    anchor = 10 + (0.95 * title_size if lines > 1 else 0)
    return dict(
        title=dict(
            text=text,
            font=dict(size=title_size),
            x=0,
            xref="container",
            xanchor="left",
            y=1 - anchor / height,
            yref="container",
            yanchor="top",
            pad=dict(l=12),
        ),
        font=FONT,
        separators=separators,
        template="plotly_white",
        height=height,
        margin=dict(l=70, r=30, t=top, b=bottom),
        legend=dict(
            orientation="h",
            x=0.01,
            xref="container",
            xanchor="left",
            y=1 - title_band / height,
            yref="container",
            yanchor="top",
            font=dict(size=legend_size),
            itemwidth=30,
        ),
        hoverlabel=dict(font_size=18),
        dragmode=False,
    )
