"""The Streamlit glue: the language kept in the URL, the cached data, and small render helpers.

This is the one module of the core that imports Streamlit; everything it renders is computed
elsewhere.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st
from starlette.exceptions import HTTPException
from streamlit import runtime
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from readiness import LoadResult, auth, escape
from readiness.cache import Recent, Shared
from readiness.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, language_or_default
from readiness.model.places import Registry, registry
from readiness.model.problems import Problem, Severity
from readiness.present.slide import Slide
from readiness.store import Store, Version
from readiness.store.tables import database_url
from readiness.views import chrome
from readiness.views import mapping as mapping_view
from readiness.views import upload as upload_view
from readiness.views.overview import Metric
from readiness.views.present import deck_for
from readiness.views.upload import SavePreview

LANG_KEY = "app_lang"
ANALYST_KEY = "analyst"  # the signed-in analyst's name
SEEN_KEY = "analyst_seen"  # when the analyst last did something (UTC)
ENDED_KEY = "analyst_session_ended"
FAILED_KEY = "page_failed"  # what made the last run fail, if anything
T = TypeVar("T")


def language() -> str:
    """The interface language: from ``?lang=`` on first load, then from the switch; the URL
    always carries it, so a presenter can bookmark the dashboard in their language."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language_or_default(st.query_params.get("lang"))
    lang = language_or_default(st.session_state[LANG_KEY])
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


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
    st.html(chrome.frame_css(t))
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
    guard_uploads()
    language_switch(t)
    analyst_box(t)
    demo_banner(t)
    return navigation


class UploadGuard:
    """Wraps Streamlit's store of uploaded files so that only a signed-in analyst's session can
    put a file there, and each session keeps only its newest file. Streamlit's upload endpoint
    takes a file from any open session, so without this a viewer could post file after file
    (each up to ``server.maxUploadSize``) and hold the server's memory until they leave."""

    def __init__(self, manager, is_analyst: Callable[[str], bool]):
        self.manager, self.is_analyst = manager, is_analyst
        self._add = manager.add_file

    def add_file(self, session_id: str, file) -> None:
        if not self.is_analyst(session_id):
            raise HTTPException(status_code=403, detail="Uploads are for signed-in analysts.")
        self.manager.remove_session_files(session_id)
        self._add(session_id, file)


def _is_analyst_session(session_id: str) -> bool:
    try:
        info = runtime.get_instance()._session_mgr.get_active_session_info(session_id)
        return info is not None and info.session.session_state[ANALYST_KEY] is not None
    except (KeyError, AttributeError, RuntimeError):
        return False


def guard_uploads() -> None:
    """Puts the ``UploadGuard`` in place once per process (a no-op under AppTest)."""
    if not runtime.exists():
        return
    manager = runtime.get_instance().uploaded_file_mgr
    if not isinstance(getattr(manager.add_file, "__self__", None), UploadGuard):
        manager.add_file = UploadGuard(manager, _is_analyst_session).add_file


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


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()
_CURRENT_ID: Recent[int | None] = Recent(seconds=1.0)
_DATA: Shared[LoadResult] = Shared(size=8)
_VERSIONS: Shared[Version] = Shared(size=64)
_CHANGES: Shared = Shared(size=16)
_VIEWS: Shared = Shared(size=256)
_DEMO: Shared[tuple[int, int]] = Shared(size=16)


def _store(url: str) -> Store:
    """One store per database for the whole process, set up once (tables, and the demo as
    version 1 on the very first start)."""
    with _STORES_LOCK:
        if url not in _STORES:
            opened = Store(url)
            opened.setup()
            _STORES[url] = opened
        return _STORES[url]


def store() -> Store:
    """The store of this server: READINESS_DATABASE_URL, or SQLite under READINESS_DATA_DIR."""
    return _store(database_url())


def current_id() -> int | None:
    """The id of the version everybody sees: read from the database at most once a second for
    the whole process, so that a commit elsewhere shows up for every viewer within a second."""
    opened = store()
    return _CURRENT_ID.get(opened.url, opened.current_id)


def committed() -> None:
    """After this process made a new version: every page shows it at once."""
    _CURRENT_ID.forget(store().url)


def _version_data(url: str, version_id: int) -> LoadResult:
    return _DATA.get((url, version_id), lambda: _store(url).data(version_id))


def _version(url: str, version_id: int) -> Version:
    return _VERSIONS.get((url, version_id), lambda: _store(url).version(version_id))


def changes(old_id: int, new_id: int):
    """What changed between two versions; versions never change, so this is worked out once."""
    url = store().url
    return _CHANGES.get((url, old_id, new_id), lambda: _store(url).changes(old_id, new_id))


def computed(name: str, *choices: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` (a page's view) once per version, language and choices, shared by every
    session: a crowd asking for the same page costs one computation. ``choices`` must be
    hashable and say everything the view depends on besides the version and the language."""
    key = (name, store().url, current_id(), language(), *choices)
    return _VIEWS.get(key, compute)


def deck(municipality: str, year: int, lang: str) -> list[Slide]:
    """The assembly slides for the current version, built once per choice, not on every click
    through the slides."""

    def build() -> list[Slide]:
        data, version = current_data(), current_version()
        demo = demo_rows()
        return deck_for(data, municipality, year, Translator(lang), registry(), version, demo)

    return computed("deck", municipality, year, lang, compute=build)


def current_version() -> Version:
    """The version everybody sees now."""
    return _version(store().url, current_id())


def current_data() -> LoadResult:
    """The data every page shows: the current version, read once per version and shared."""
    return _version_data(store().url, current_id())


def demo_rows() -> tuple[int, int]:
    """(demo rows, all rows) of the current version."""
    url, version_id = store().url, current_id()
    return _DEMO.get((url, version_id), lambda: _store(url).demo_rows(version_id))


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
            st.write(t("Signed in as {name}.", name=escape.markdown(name)))
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


def problem(found: Problem, t: Translator) -> None:
    """A problem as an error or warning box: where (village and school year, sheet and cell)
    and why, with every value from the file shown as text."""
    text = found.reason(t.lang, escape.markdown)
    if found.sheet is not None or found.place is not None:
        text = f"{escape.markdown(found.where(t.lang))}: {text}"
    (st.error if found.severity is Severity.ERROR else st.warning)(text)


def mapping_editor(review, t: Translator):
    """ "How the columns were read", editable: a drop-down per header, a tick to remember it,
    and each table's header rows. Returns the review read again with the analyst's choices when
    they changed something, else None."""
    if review.matched:
        st.info(escape.markdown(mapping_view.matched_note(review.recipe, t)))
        if st.button(t("Read it as the dashboard guesses instead"), key="mapping_forget"):
            return _read_again(review, None, t)
    shown = mapping_view.editor_frame(review.loaded.mapping, t, review.words)
    round_ = st.session_state.get(REMAPS, 0)
    edited = st.data_editor(
        shown,
        column_config={
            t("Read as"): st.column_config.SelectboxColumn(
                options=mapping_view.role_options(t), required=True, width="medium"
            ),
            t("Remember this header"): st.column_config.CheckboxColumn(),
        },
        disabled=[t("Sheet"), t("Cell"), t("Header in the file")],
        hide_index=True,
        num_rows="fixed",
        key=f"mapping_{review.sha256[:12]}_{round_}",
    )
    review.words = mapping_view.remembered(edited, t)
    tables = _table_choices(review.loaded, t, f"{review.sha256[:12]}_{round_}")
    columns = mapping_view.column_choices(edited, shown, t)
    if not columns and not tables:
        return None
    recipe = mapping_view.recipe_from(review.recipe, columns, tables, review.filename)
    return _read_again(review, recipe, t)


REMAPS = "upload_remaps"  # how many times the file was read again: the editors start afresh


def _read_again(review, recipe, t: Translator):
    """The file read again with ``recipe`` (None: as the loader guesses), under a spinner; the
    mapping's editors get new keys, so that they show the new reading."""
    with st.spinner(t("Reading the file again with your choices…")):
        remapped = review.remap(recipe)
    st.session_state[REMAPS] = st.session_state.get(REMAPS, 0) + 1
    return remapped


def _table_choices(loaded: LoadResult, t: Translator, suffix: str) -> list:
    """Each sheet's header rows and last data row as the analyst sets them (counted from 1, as
    in the spreadsheet); the sheets they changed, as choices."""
    found = []
    with st.expander(t("Header rows and where each table ends")):
        st.caption(t("Rows are counted as the spreadsheet shows them, from 1. 0 as the last row "
                     "means the end of the sheet."))  # fmt: skip
        pinned = {c.sheet: c for c in (loaded.recipe.tables if loaded.recipe else ())}
        for index, sheet in enumerate(loaded.sheets):
            now = next((c for c in loaded.layout if c.sheet == sheet), None)
            asked = _table_inputs(sheet, now, t, f"mapping_table_{index}_{suffix}")
            if chosen := mapping_view.table_choice(sheet, asked, now, pinned.get(sheet)):
                found.append(chosen)
    return found


def _table_inputs(sheet: str, now, t: Translator, key: str) -> tuple[int, int, int, bool]:
    st.markdown(f"**{escape.markdown(sheet)}**")
    columns = st.columns(4)
    asked = (
        (t("First header row"), "first_header_row", "first"),
        (t("Last header row"), "last_header_row", "last"),
        (t("Last data row"), "last_row", "end"),
    )
    values = [
        column.number_input(label, 0, 1_000_000, _shown(now, name), key=f"{key}_{part}")
        for column, (label, name, part) in zip(columns, asked, strict=False)
    ]
    transposed = columns[3].checkbox(
        t("Villages run across the columns"), value=bool(now and now.transposed), key=f"{key}_turn"
    )
    return (*(int(v) for v in values), transposed)


def _shown(choice, name: str) -> int:
    value = getattr(choice, name, None) if choice is not None else None
    return 0 if value is None else int(value) + 1


def save_preview(preview: SavePreview, t: Translator, places: Registry, key: str) -> bool:
    """What saving would do (``views.upload.SavePreview``): the summary, the rows and village
    details it changes, the counts it keeps, and every row it would delete, in a red box that
    needs its own tick. True when saving may go ahead as far as deletions are concerned."""
    if preview.changes is None:
        return True
    if preview.changes.empty and preview.refused:
        return True  # "nothing would change" is said once, in the box above
    st.write(upload_view.change_summary(preview.changes, t))
    if not preview.changes.empty:
        with st.expander(t("What would change, by village and school year")):
            table = upload_view.changes_table(preview.changes, t, places)
            st.dataframe(table, hide_index=True, key="upload_changes")
    if len(preview.village_changes):
        st.caption(t("Village details that would change"))
        table = upload_view.village_changes_table(preview.village_changes, t, places)
        st.dataframe(table, hide_index=True, key="upload_village_changes")
    if note := upload_view.kept_note(preview.kept, t):
        st.info(note)
    if not len(preview.removed):
        return True
    with st.container(border=True):
        st.error(upload_view.removal_warning(preview.removed, t))
        table = upload_view.removed_table(preview.removed, t, places)
        st.dataframe(table, hide_index=True, key="upload_removed")
        return st.checkbox(upload_view.removal_consent(preview.removed, t), key=key)


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
        if item.delta_note:
            st.caption(item.delta_note)


def printable() -> None:
    """A clean page when the browser prints it: landscape, no sidebar, menus or widgets, charts
    unbroken and no wider than the paper."""
    st.html(chrome.PRINT_CSS)


def table(frame) -> None:
    """A table with every column in sight: its text wraps instead of running past the right
    edge, on screen and on paper. Streamlit reads each cell as Markdown, so every text cell
    passes ``escape.markdown`` (a village's name is only ever text)."""
    cells = frame.map(lambda value: escape.markdown(value) if isinstance(value, str) else value)
    st.table(cells, hide_index=True)


def chart(figure, key: str) -> None:
    """A Plotly figure as the chart function drew it (not restyled by Streamlit's theme), its
    toolbar in the page's language."""
    config = chrome.plotly_config(translator())
    st.plotly_chart(figure, width="stretch", theme=None, config=config, key=key)
