"""The Streamlit glue: the language kept in the URL, the cached data, and small render helpers.

This is the one module of the core that imports Streamlit; everything it renders is computed
elsewhere.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from readiness import LoadResult, load_workbook
from readiness.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, language_or_default
from readiness.paths import DEMO_WORKBOOK
from readiness.views.overview import Metric

LANG_KEY = "app_lang"
# Plotly's toolbar: no logo, and "download as PNG" at projector resolution.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
}


def language() -> str:
    """The interface language: from ``?lang=`` on first load, then from the switch; the URL
    always carries it, so a presenter can bookmark the dashboard in their language."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language_or_default(st.query_params.get("lang"))
    lang = language_or_default(st.session_state[LANG_KEY])
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


def app_frame():
    """What surrounds every page: the page set-up, the navigation, the language switch and the
    demo banner. ``dashboard.py`` runs the page it returns."""
    t = translator()
    st.set_page_config(page_title=t("Preschool readiness"), page_icon="🧒", layout="wide")
    pages = [
        st.Page("pages/overview.py", title=t("Overview"), icon=":material/home:", default=True),
        st.Page("pages/years.py", title=t("Years"), icon=":material/timeline:", url_path="years"),
        st.Page(
            "pages/before_after.py",
            title=t("Before and after"),
            icon=":material/compare_arrows:",
            url_path="before-after",
        ),
        st.Page(
            "pages/priorities.py",
            title=t("Priorities"),
            icon=":material/format_list_numbered:",
            url_path="priorities",
        ),
        st.Page(
            "pages/village.py",
            title=t("Village profile"),
            icon=":material/home_pin:",
            url_path="village",
        ),
        st.Page("pages/data.py", title=t("Data"), icon=":material/table:", url_path="data"),
    ]
    navigation = st.navigation(pages)
    language_switch(t)
    demo_banner(t)
    return navigation


def page_start() -> None:
    """The first call of every page. Streamlit still has its old multipage mode: while no session
    of a fresh server has run ``st.navigation`` (and in every AppTest run), it runs a file of
    ``pages/`` by itself, without dashboard.py. Then the page draws the frame itself."""
    if PagesManager.uses_pages_directory:
        app_frame()


def translator() -> Translator:
    return Translator(language())


def language_switch(t: Translator) -> None:
    st.sidebar.radio(
        t("Language"),
        LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_KEY,
        horizontal=True,
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _load(path: str, modified: float) -> LoadResult:
    return load_workbook(path)


def current_data() -> LoadResult:
    """The data every page shows: the bundled demo workbook, read by the public loader."""
    return _load(str(DEMO_WORKBOOK), DEMO_WORKBOOK.stat().st_mtime)


def demo_banner(t: Translator) -> None:
    st.warning(t("Demo data: illustrative, not official statistics."), icon=":material/info:")


def metric(column, item: Metric) -> None:
    """One headline figure in a box: its name, the number, its count out of its base, its change."""
    with column.container(border=True):
        st.markdown(f"**{item.label}**", help=item.help)
        st.metric(
            item.label,
            item.value,
            delta=item.delta,
            delta_color=item.colour,
            delta_arrow=item.arrow,
            label_visibility="collapsed",
        )
        if item.share:
            st.markdown(f"**{item.share}**")
        if item.note:
            st.caption(item.note)


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$"})


def plain(text: str) -> str:
    """Text from a file (a village's name) made safe for Streamlit's Markdown: shown as written,
    never as formatting, a link or HTML."""
    return str(text).translate(_MARKDOWN)


PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSelectbox"], [data-testid="stAlert"] { display: none !important; }
  .block-container { padding: 0 !important; max-width: 100% !important; }
  .js-plotly-plot { break-inside: avoid; }
}
</style>
"""


def printable() -> None:
    """A clean page when the browser prints it: no sidebar, menus or widgets, charts unbroken."""
    st.html(PRINT_CSS)


def chart(figure, key: str) -> None:
    """A Plotly figure as the chart function drew it (not restyled by Streamlit's theme)."""
    st.plotly_chart(figure, width="stretch", theme=None, config=PLOTLY_CONFIG, key=key)
