"""The page frame: the page table and the navigation built from it, and what surrounds every
page (the page set-up, the error boundary, the language switch, the sign-in box and the demo
banner)."""

from __future__ import annotations

import functools
import gc
import threading
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from readiness.i18n import N_, Translator
from readiness.ui import styles
from readiness.ui.analyst import analyst, analyst_box
from readiness.ui.cache import demo_rows
from readiness.ui.language import language_switch, translator
from readiness.ui.uploads import guard_uploads

FAILED_KEY = "page_failed"  # what made the last run fail, if anything


@dataclass(frozen=True)
class PageEntry:
    """A page of the navigation: its file, its title (a message to translate), its icon, its
    address (none for the default page, at the root) and whether it is for analysts only."""

    file: str
    title: str
    icon: str
    url_path: str | None = None
    analysts_only: bool = False


PAGES = (
    PageEntry("pages/overview.py", N_("Overview"), ":material/home:"),
    PageEntry("pages/years.py", N_("Years"), ":material/timeline:", "years"),
    PageEntry(
        "pages/before_after.py", N_("Before and after"), ":material/compare_arrows:", "before-after"
    ),
    PageEntry(
        "pages/priorities.py", N_("Priorities"), ":material/format_list_numbered:", "priorities"
    ),
    PageEntry("pages/village.py", N_("Village profile"), ":material/home_pin:", "village"),
    PageEntry("pages/data.py", N_("Data"), ":material/table:", "data"),
    PageEntry("pages/present.py", N_("Present"), ":material/slideshow:", "present"),
    PageEntry("pages/upload.py", N_("Upload"), ":material/upload:", "upload", analysts_only=True),
    PageEntry(
        "pages/history.py", N_("History"), ":material/history:", "history", analysts_only=True
    ),
)


def navigation_pages(t: Translator, signed_in: bool) -> list[st.Page]:
    """The pages of ``PAGES`` in the navigation: for a viewer the analysts' pages do not exist,
    and their URLs lead nowhere."""
    return [
        st.Page(
            page.file,
            title=t(page.title),
            icon=page.icon,
            url_path=page.url_path,
            default=page.url_path is None,
        )
        for page in PAGES
        if signed_in or not page.analysts_only
    ]


_FROZEN = threading.Event()


def freeze_startup_objects() -> None:
    """Once per process, after the first page ran: the objects alive then (the imported
    libraries, the registry, the catalogues) are moved out of reach of the garbage collector,
    so that the full collection Streamlit runs after every page run does not walk them again
    (most of a page run's time with many visitors). They are not freed by it anyway."""
    if not _FROZEN.is_set():
        _FROZEN.set()
        gc.freeze()


def app_frame():
    """What surrounds every page: the page set-up, the navigation, the language switch and the
    demo banner. ``dashboard.py`` runs the page it returns."""
    t = translator()
    error_boundary(t)
    st.set_page_config(page_title=t("Preschool readiness"), page_icon="🧒", layout="wide")
    st.html(styles.frame_css(t))
    navigation = st.navigation(navigation_pages(t, bool(analyst())))
    guard_uploads()
    language_switch(t)
    analyst_box(t)
    demo_banner(t)
    return navigation


def error_boundary(t: Translator) -> None:
    """Every page runs inside this boundary: an exception that escapes a page is shown as a
    translated message (never Streamlit's English error page) and, by Streamlit, written with
    its traceback to the server's log. ``FAILED_KEY`` keeps what failed, for the tests."""
    context = get_script_run_ctx()
    if context is not None:
        context.on_script_error = functools.partial(_page_failed, t)


def _page_failed(t: Translator, failure: Exception) -> bool:
    st.error(
        t(
            "Something went wrong on this page. It was written to the server's log. Try another "
            "choice, or tell the person who runs the dashboard."
        ),
        icon=":material/error:",
    )
    st.session_state[FAILED_KEY] = f"{type(failure).__name__}: {failure}"
    return True  # the message above instead of Streamlit's own


def page_start() -> None:
    """The first call of every page. Streamlit still has its old multipage mode: while no session
    of a fresh server has run ``st.navigation`` (and in every AppTest run), it runs a file of
    ``pages/`` by itself, without dashboard.py. Then the page draws the frame itself."""
    if PagesManager.uses_pages_directory:
        app_frame()


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


def demo_banner(t: Translator) -> None:
    """Shown on every page while any demo row is current, with how many."""
    demo, total = demo_rows()
    if not demo:
        return
    if demo == total:
        text = t("Demo data: illustrative, not official statistics.")
    else:
        text = t.plural(
            "Demo data: {n} of {total} rows is illustrative, not official statistics.",
            "Demo data: {n} of {total} rows are illustrative, not official statistics.",
            demo,
            total=t.number(total),
        )
    st.warning(text, icon=":material/info:")
