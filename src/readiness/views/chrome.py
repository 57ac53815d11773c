"""What surrounds every page, as data: the upload limit the pages state and Plotly's toolbar in
the page's language (through its ``locales`` setting). The style sheets for Streamlit's own page
are the ui's (``readiness.ui.styles``)."""

from __future__ import annotations

from readiness.i18n import Translator
from readiness.ingest.packages import MB
from readiness.ingest.sources import Limits

UPLOAD_MB = Limits().max_bytes // MB  # also server.maxUploadSize in .streamlit/config.toml
PNG_SIZE = {"width": 1920, "height": 1080}  # a chart saved as a picture: projector resolution


def plotly_config(t: Translator) -> dict:
    """Plotly's toolbar: only "save as a picture" (1920×1080, projector resolution), named in
    the page's language; no zoom, so a presenter's stray drag never changes a chart."""
    words = t("Save the chart as a picture (PNG)")
    return {
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", **PNG_SIZE, "scale": 1},
        "doubleClick": False,
        "locale": t.lang,
        "locales": {
            t.lang: {
                "dictionary": {"Download plot as a PNG": words, "Download plot as a png": words}
            }
        },
    }
