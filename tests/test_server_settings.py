"""What the server promises any visitor: the upload limit, no developer menu, no agent API, and
files stored only for signed-in analysts."""

from __future__ import annotations

import tomllib

import pytest
from starlette.exceptions import HTTPException
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from readiness import Limits
from readiness.paths import REPO_ROOT
from readiness.ui import UploadGuard

CONFIG = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_upload_limit_is_the_loaders():
    assert CONFIG["server"]["maxUploadSize"] * 1024 * 1024 == Limits().max_bytes


def test_viewers_get_no_developer_menu_no_error_details_and_no_agent_api():
    assert CONFIG["client"] == {"toolbarMode": "viewer", "showErrorDetails": "none"}
    assert CONFIG["server"]["enableAgentApi"] is False


def _file(file_id: str, size: int) -> UploadedFileRec:
    return UploadedFileRec(file_id, f"{file_id}.xlsx", "application/octet-stream", b"x" * size)


def test_a_viewers_session_cannot_store_a_file():
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    guard = UploadGuard(manager, is_analyst=lambda session: False)
    with pytest.raises(HTTPException) as refused:
        guard.add_file("viewer", _file("a", 10))
    assert refused.value.status_code == 403
    assert manager.get_files("viewer", ["a"]) == []


def test_an_analysts_session_keeps_only_its_newest_file():
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    guard = UploadGuard(manager, is_analyst=lambda session: session == "aida")
    for index in range(5):
        guard.add_file("aida", _file(f"f{index}", 1000))
    assert [f.file_id for f in manager.get_files("aida", [f"f{i}" for i in range(5)])] == ["f4"]
    assert manager._total_bytes == 1000
