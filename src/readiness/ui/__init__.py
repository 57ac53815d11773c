"""The Streamlit glue, the one package of the core that imports Streamlit: everything it renders
is computed elsewhere. Pages use it as ``from readiness import ui`` and ``ui.<name>``.

language   the interface language, kept in the URL
cache      the store of this server and what is read from it, cached for the whole process
analyst    signing in
uploads    uploads only from a signed-in analyst's session
frame      the page table, the navigation and what surrounds every page
render     render helpers
styles     style sheets for Streamlit's page
"""

from readiness.ui.cache import (
    changes,
    committed,
    computed,
    current_data,
    current_id,
    current_version,
    deck,
    store,
)
from readiness.ui.frame import (
    FAILED_KEY,
    PAGES,
    PageEntry,
    analyst_page_start,
    app_frame,
    freeze_startup_objects,
    page_start,
)
from readiness.ui.language import LANG_KEY, translator
from readiness.ui.render import (
    chart,
    mapping_editor,
    metric,
    presentation,
    printable,
    problem,
    save_preview,
    table,
)
from readiness.ui.uploads import UploadGuard

__all__ = [
    "FAILED_KEY",
    "LANG_KEY",
    "PAGES",
    "PageEntry",
    "UploadGuard",
    "analyst_page_start",
    "app_frame",
    "changes",
    "chart",
    "committed",
    "computed",
    "current_data",
    "current_id",
    "current_version",
    "deck",
    "freeze_startup_objects",
    "mapping_editor",
    "metric",
    "page_start",
    "presentation",
    "printable",
    "problem",
    "save_preview",
    "store",
    "table",
    "translator",
]
