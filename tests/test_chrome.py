"""Streamlit's own English, replaced by our words: the style sheet and the chart toolbar."""

from __future__ import annotations

import tomllib

import pytest

from readiness import Limits
from readiness.i18n import Translator
from readiness.ingest.packages import MB
from readiness.paths import REPO_ROOT
from readiness.ui.styles import css_text, frame_css
from readiness.views.chrome import UPLOAD_MB, plotly_config

CONFIG = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_upload_box_and_streamlits_dialogs_speak_the_pages_language(lang):
    t = Translator(lang)
    css = frame_css(t)
    for testid in ("stFileUploaderDropzoneInstructions", "stMainMenu", "stElementToolbar"):
        assert f'[data-testid="{testid}"]' in css  # Streamlit's English, hidden
    assert css_text(t("Choose a file")) in css
    drop = (
        "Drop the file here, or choose it: .xlsx, .xlsm, .xls, .ods, .csv or .txt, up to {size} MB."
    )
    assert css_text(t(drop, size=UPLOAD_MB)) in css and "20" in t(drop, size=UPLOAD_MB)
    assert t("Choose a file") != "Choose a file"
    # a file Streamlit refuses in the browser (too large, another type): our words, in red
    refused = t(
        "This file was not uploaded: it is larger than {size} MB, or it is not an .xlsx, .xlsm, "
        ".xls, .ods, .csv or .txt file. Save only the sheets with the data (or split the file), "
        "then choose it again.",
        size=UPLOAD_MB,
    )
    invalid = '[data-testid="stFileChip"][aria-invalid="true"])::after'
    assert f"{invalid} {{\n  content: {css_text(refused)};" in css


def test_the_uploaders_limit_is_the_readmes_the_servers_and_the_loaders():
    assert UPLOAD_MB == 20 == CONFIG["server"]["maxUploadSize"]
    assert Limits().max_bytes == UPLOAD_MB * MB
    assert "20 MB per file" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_chart_toolbar_saves_a_picture_and_says_so_in_the_pages_language():
    t = Translator("ru")
    config = plotly_config(t)
    assert config["modeBarButtons"] == [["toImage"]] and config["locale"] == "ru"
    words = config["locales"]["ru"]["dictionary"]["Download plot as a PNG"]
    assert words == t("Save the chart as a picture (PNG)") != "Save the chart as a picture (PNG)"
    assert config["toImageButtonOptions"]["width"] == 1920


def test_text_in_a_style_sheet_can_never_end_it():
    assert (
        css_text('a "quote" </style><script>') == '"a \\"quote\\" \\3C /style\\3E \\3C script\\3E "'
    )
