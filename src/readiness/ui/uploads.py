"""Uploads only from a signed-in analyst's session."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from streamlit import runtime

from readiness.ui.analyst import ANALYST_KEY


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
