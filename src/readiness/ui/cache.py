"""The store of this server and what is read from it, cached for the whole process: the current
version, its data, what changed between versions, and the pages' views."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from readiness import LoadResult
from readiness.cache import Recent, Shared
from readiness.i18n import Translator
from readiness.model.places import registry
from readiness.present.slide import Slide
from readiness.store import Store, Version
from readiness.store.tables import database_url
from readiness.ui.language import language
from readiness.views.present import deck_for

T = TypeVar("T")

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
