"""The Streamlit glue: the language kept in the URL, the cached data, and small render helpers.

This is the one module of the core that imports Streamlit; everything it renders is computed
elsewhere.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.pages_manager import PagesManager

from readiness import LoadResult, auth
from readiness.deck import Slide
from readiness.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, language_or_default
from readiness.places import registry
from readiness.store import Store, Version
from readiness.store.tables import database_url
from readiness.views.overview import Metric
from readiness.views.present import deck_for

LANG_KEY = "app_lang"
ANALYST_KEY = "analyst"  # the signed-in analyst's name
SEEN_KEY = "analyst_seen"  # when the analyst last did something (UTC)
ENDED_KEY = "analyst_session_ended"
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
        st.Page(
            "pages/present.py", title=t("Present"), icon=":material/slideshow:", url_path="present"
        ),
    ]
    if analyst():  # for a viewer these pages do not exist, and their URLs lead nowhere
        pages += [
            st.Page(
                "pages/upload.py", title=t("Upload"), icon=":material/upload:", url_path="upload"
            ),
            st.Page(
                "pages/history.py",
                title=t("History"),
                icon=":material/history:",
                url_path="history",
            ),
        ]
    navigation = st.navigation(pages)
    language_switch(t)
    analyst_box(t)
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


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    store.setup()  # tables, and the demo as version 1 on the very first start
    return store


def store() -> Store:
    """The store of this server: READINESS_DATABASE_URL, or SQLite under READINESS_DATA_DIR."""
    return _store(database_url())


@st.cache_data(show_spinner=False, max_entries=8)
def _version_data(url: str, version_id: int) -> LoadResult:
    return _store(url).data(version_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _version(url: str, version_id: int) -> Version:
    return _store(url).version(version_id)


@st.cache_data(show_spinner=False, max_entries=16)
def _changes(url: str, old_id: int, new_id: int):
    return _store(url).changes(old_id, new_id)


def changes(old_id: int, new_id: int):
    """What changed between two versions; versions never change, so this is worked out once."""
    return _changes(store().url, old_id, new_id)


@st.cache_data(show_spinner=False, max_entries=32)
def _deck(url: str, version_id: int, municipality: str, year: int, lang: str) -> list[Slide]:
    return deck_for(
        _version_data(url, version_id), municipality, year, Translator(lang), registry(),
        _version(url, version_id),
    )  # fmt: skip


def deck(municipality: str, year: int, lang: str) -> list[Slide]:
    """The assembly slides for the current version, built once per choice, not on every click
    through the slides."""
    opened = store()
    return _deck(opened.url, opened.current_id(), municipality, year, lang)


def current_version() -> Version:
    """The version everybody sees now: one small query per run, so that a commit shows up for
    every viewer at their next click."""
    opened = store()
    return _version(opened.url, opened.current_id())


def current_data() -> LoadResult:
    """The data every page shows: the current version, read once per version and cached."""
    opened = store()
    return _version_data(opened.url, opened.current_id())


def demo_banner(t: Translator) -> None:
    """Shown on every page until real data replaces the demo."""
    if current_version().is_demo:
        st.warning(t("Demo data: illustrative, not official statistics."), icon=":material/info:")


# --- analysts -----------------------------------------------------------------------------------
def analysts() -> dict[str, str]:
    try:
        table = st.secrets.get("analysts", {})
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        table = {}
    return auth.analysts_from(table)


def analyst() -> str | None:
    """The signed-in analyst, or None for a viewer; a session idle for 30 minutes ends."""
    name = st.session_state.get(ANALYST_KEY)
    if name is None:
        return None
    now = dt.datetime.now(dt.UTC)
    if auth.idle_too_long(st.session_state.get(SEEN_KEY, now), now):
        sign_out()
        st.session_state[ENDED_KEY] = True
        return None
    st.session_state[SEEN_KEY] = now
    return name


def sign_out() -> None:
    for key in (ANALYST_KEY, SEEN_KEY):
        st.session_state.pop(key, None)


def analyst_box(t: Translator) -> None:
    """In the sidebar: the analyst's sign-in form, or who is signed in and a way out."""
    with st.sidebar.expander(t("For analysts"), expanded=ANALYST_KEY in st.session_state):
        if st.session_state.pop(ENDED_KEY, False):
            st.info(t("You were signed out after 30 minutes without activity."))
        name = st.session_state.get(ANALYST_KEY)
        if name:
            st.write(t("Signed in as {name}.", name=name))
            if st.button(t("Sign out"), key="sign_out"):
                sign_out()
                st.rerun()
            return
        with st.form("sign_in", border=False):
            user = st.text_input(t("Name"), key="sign_in_name", max_chars=auth.MAX_NAME_CHARS)
            password = st.text_input(
                t("Password"),
                type="password",
                key="sign_in_password",
                max_chars=auth.MAX_PASSWORD_CHARS,
            )
            submitted = st.form_submit_button(t("Sign in"))
        if submitted:
            _sign_in(t, user, password)


def _sign_in(t: Translator, user: str, password: str) -> None:
    login = auth.log_in(store(), analysts(), user, password)
    if login.outcome is auth.Outcome.OK:
        st.session_state[ANALYST_KEY] = user.strip()
        st.session_state[SEEN_KEY] = dt.datetime.now(dt.UTC)
        st.rerun()
    messages = {
        auth.Outcome.WRONG: t("Wrong name or password."),
        auth.Outcome.NO_ANALYSTS: t("No analysts are set up on this server (see the README)."),
        auth.Outcome.UNAVAILABLE: t("Signing in is not possible right now. Try again in a minute."),
        auth.Outcome.WAIT: t.plural(
            "Too many failed tries. Try again in {n} second.",
            "Too many failed tries. Try again in {n} seconds.",
            login.wait_s,
        ),
    }
    st.error(messages[login.outcome])


def analyst_page_start() -> str:
    """The first call of an analyst page: the analyst's name, or a refusal and nothing more
    (also when a viewer types the page's address)."""
    page_start()
    name = analyst()
    if name is None:
        t = translator()
        st.error(t("This page is for analysts. Sign in under “For analysts” in the sidebar."))
        st.stop()
    return name


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
