"""Style sheets for Streamlit's page itself (its elements, found by ``data-testid``), which the
ui injects: the frame of every page, print, and the presentation.

The frame makes the pages fit a 1024×768 projector and a 1366×768 laptop and puts our own
translated words in place of Streamlit's English. Where Streamlit has a setting (a placeholder,
``select_all``), the page uses it. Where it has none, its English is hidden by CSS on its stable
``data-testid`` attributes and our words are drawn instead, as CSS ``content`` written from the
Translator: the upload box, the dialogs Streamlit opens by itself (a lost connection, a page that
does not exist), the ⋮ menu, the tables' toolbars.
"""

from __future__ import annotations

from readiness.i18n import Translator
from readiness.views.chrome import UPLOAD_MB


def css_text(text: str) -> str:
    """``text`` as a CSS string (for ``content:``), which no ``</style>`` can end."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return '"' + quoted.replace("<", "\\3C ").replace(">", "\\3E ") + '"'


LAYOUT_CSS = """
/* Room for the page on a 1024-pixel screen beside the sidebar: narrower margins. */
@media (max-width: 1400px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
}
/* Headline figures: cards that wrap into rows instead of shrinking until "1 …". */
.st-key-overview_metrics [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
.st-key-overview_metrics [data-testid="stColumn"] { flex: 1 1 11.5rem; min-width: 11.5rem; }
[data-testid="stMetricValue"] > div { overflow: visible; text-overflow: clip; }
/* Words break between words, never inside one ("Мектепк е"). */
[data-testid="stMarkdownContainer"], [data-testid="stMetric"] {
  overflow-wrap: normal; word-break: normal; }
/* Tables wrap their text rather than run past the right edge. */
[data-testid="stTable"] table { width: 100%; }
[data-testid="stTable"] th, [data-testid="stTable"] td { white-space: normal; }
[data-testid="stTable"] td:first-child { white-space: nowrap; }
"""

# Streamlit's own English, hidden: the ⋮ menu (Print is Ctrl+P), the running indicator, the
# tables' toolbars (our pages have their own downloads) and the texts of its dialogs.
HIDDEN_CSS = """
[data-testid="stMainMenu"], [data-testid="stStatusWidget"],
[data-testid="stElementToolbar"], [data-testid="stToolbarActions"] { display: none !important; }
[data-testid="stDialog"] section[role="dialog"] > h2,
[data-testid="stDialog"] section[role="dialog"] > div { display: none !important; }
[data-testid="stFileUploaderDropzoneInstructions"],
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]),
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {
  display: none !important; }
"""


def frame_css(t: Translator) -> str:
    """The style sheet of every page, with our words where Streamlit's English was."""
    dialog = t(
        "The dashboard cannot reach its server, or the page you asked for does not exist. "
        "Reload the page; if this keeps happening, tell the person who runs the dashboard."
    )
    drop = t(
        "Drop the file here, or choose it: .xlsx, .xlsm, .xls, .ods, .csv or .txt, up to "
        "{size} MB.",
        size=UPLOAD_MB,
    )
    choose = t("Choose a file")
    # Streamlit refuses a file over its size limit or of another type in the browser, in
    # English, inside the part hidden above; the page never sees the file. Our words instead.
    refused = t(
        "This file was not uploaded: it is larger than {size} MB, or it is not an .xlsx, .xlsm, "
        ".xls, .ods, .csv or .txt file. Save only the sheets with the data (or split the file), "
        "then choose it again.",
        size=UPLOAD_MB,
    )
    ours = f"""
[data-testid="stDialog"] section[role="dialog"]::after {{
  content: {css_text(dialog)}; display: block; font-size: 1.1rem; line-height: 1.5; }}
[data-testid="stFileUploaderDropzone"] button::after {{ content: {css_text(choose)}; }}
[data-testid="stFileUploaderDropzone"]::after {{
  content: {css_text(drop)}; color: #444444; font-size: 0.95rem; margin-left: 1rem; }}
[data-testid="stFileUploaderDropzone"]:has(
  [data-testid="stFileChip"][aria-invalid="true"])::after {{
  content: {css_text(refused)}; color: #B00020; font-weight: 600; }}
"""
    return f"<style>{LAYOUT_CSS}{HIDDEN_CSS}{ours}</style>"


# The Village profile on paper: landscape, no sidebar or widgets, every column and year.
PRINT_CSS = """
<style>
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSelectbox"], [data-testid="stAlert"], .print-hint { display: none !important; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"] { overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stPlotlyChart"] { break-inside: avoid; }
  [data-testid="stTable"] tr { break-inside: avoid; }
}
/* A chart no wider than the printed page, so that no school year falls off its right edge. */
.st-key-profile_charts [data-testid="stPlotlyChart"] { max-width: 1000px; }
</style>
"""


# Large, plain and high-contrast, black on white, and made to fit a 768-pixel-high screen (a
# village-hall projector at 1024×768, a laptop at 1366×768) without scrolling: the heading 44 px,
# the headline figure 88 px, the message 30 px, the notes 22 px, the chart 470 px high. The
# sidebar, Streamlit's header, toolbar and footer are hidden, the demo banner is one thin line.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff; color: #000000; }
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 100% !important; padding: 0.5rem 2rem 0.25rem 2rem !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stMain"] [data-testid="stAlert"] > div { padding: 0.25rem 0.75rem; }
[data-testid="stMain"] [data-testid="stAlert"] p { font-size: 15px; }
.slide-heading { font-size: 44px; font-weight: 800; line-height: 1.1; color: #000000; }
.slide-headline { font-size: 88px; font-weight: 800; line-height: 1.0; color: #000000;
  margin: 0.05em 0; }
.slide-message { font-size: 30px; line-height: 1.25; color: #000000; }
.slide-note { font-size: 22px; line-height: 1.3; color: #1a1a1a; margin-top: 0.3em; }
.slide-number { font-size: 22px; font-weight: 700; color: #000000; text-align: center;
  white-space: nowrap; }
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] p { font-size: 24px; }
[data-testid="stMain"] [data-testid="stPopoverButton"] p { font-size: 18px; }
[data-testid="stMain"] button kbd, [data-testid="stMain"] button [data-has-shortcut] * {
  color: #000000 !important; opacity: 1 !important; }
.st-key-present_page_down, .st-key-present_page_up { display: none !important; }
</style>
"""
