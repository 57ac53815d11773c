"""A fresh server: a deep link runs a file of pages/ by itself, in Streamlit's old pages/ mode
(AppTest starts every run that way). The page must still draw the frame around itself."""

from __future__ import annotations

from conftest import failures
from streamlit.testing.v1 import AppTest

from readiness.paths import REPO_ROOT


def test_a_page_run_by_streamlit_on_its_own_still_draws_the_frame():
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = "ru"
    at.run().switch_page("pages/data.py").run()
    assert not failures(at)
    assert at.title[0].value == "Данные"
    assert at.warning[0].value.startswith("Демонстрационные данные")
    assert at.radio(key="app_lang").value == "ru"
