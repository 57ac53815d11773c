"""Charts as PNG images for the PDF handout, drawn by kaleido in the system's Chromium.

Only a browser already on the machine is used (Debian's chromium on Linux, Chrome elsewhere), never
a downloaded one, and the page kaleido draws in loads nothing from the web (plotly.js comes from
the plotly package; MathJax is switched off), and the browser's only proxy is a closed local port.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import plotly.graph_objects as go

BROWSER_VARIABLES = ("READINESS_CHROMIUM", "BROWSER_PATH")
CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
)
NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
NO_WEB = "127.0.0.1:9"  # the discard port: nothing listens there


class NoBrowser(RuntimeError):
    """No Chromium or Chrome on this machine: the charts of the handout cannot be drawn."""


def browser_path() -> str | None:
    for variable in BROWSER_VARIABLES:
        given = os.environ.get(variable)
        if given:
            return given if Path(given).is_file() else None
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return next((found for name in NAMES if (found := shutil.which(name))), None)


def render_png(figures: list[go.Figure], width: int, height: int, scale: float = 2) -> list[bytes]:
    """Each figure as a PNG of ``width`` x ``height`` (times ``scale``), in one browser session."""
    path = browser_path()
    if path is None:
        raise NoBrowser("no Chromium or Chrome found")
    import kaleido  # only the handout needs it

    options = {"format": "png", "width": width, "height": height, "scale": scale}
    # Everything the page needs is local; any web request the browser might still make goes to a
    # closed port on this machine and fails, so drawing never reaches the internet.
    offline = {"mathjax": False, "proxy_server": NO_WEB}

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1, path=path, timeout=120, **offline) as session:
            return [await session.calc_fig(figure, opts=options) for figure in figures]

    return asyncio.run(draw())
