"""Analysts in AppTest: signing in; the upload, fix, commit and rollback flow; viewers kept out."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import failures
from streamlit.testing.v1 import AppTest

from readiness import auth
from readiness import schema as s
from readiness.i18n import Translator
from readiness.labels import SEX_LABELS, field_label
from readiness.paths import REPO_ROOT
from readiness.store import Store
from readiness.writer import data_workbook

PASSWORD = "correct horse battery"
ANALYSTS = {"aida": auth.hash_password(PASSWORD)}


def app(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=30)
    at.query_params["lang"] = lang
    at.secrets["analysts"] = ANALYSTS
    return at.run()


def sign_in(at: AppTest, name: str = "aida", password: str = PASSWORD) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    return at.button[0].click().run()  # the form's submit button


def pages(at: AppTest) -> list[str]:
    """The URL paths of the pages in the navigation (AppTest keeps them after each run)."""
    return [info.get("url_pathname") for info in at._registered_pages.values()]


@pytest.fixture
def analyst(warm_server):
    at = sign_in(app())
    assert not failures(at) and not at.error
    return at


def test_a_viewer_sees_no_analyst_pages_and_is_refused_at_their_address(warm_server):
    at = app()
    assert at.text_input(key="sign_in_name").label == "Name"
    assert "upload" not in pages(at) and "history" not in pages(at) and "data" in pages(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")


def test_an_analyst_page_run_on_its_own_refuses_a_viewer():
    """Streamlit's old pages/ mode runs a page by itself on a fresh server's first deep link."""
    for page in ("pages/upload.py", "pages/history.py"):
        at = AppTest.from_file(str(REPO_ROOT / page), default_timeout=30)
        at.secrets["analysts"] = ANALYSTS
        at.run()
        assert not failures(at)
        assert at.error[0].value == Translator("ky")(
            "This page is for analysts. Sign in under “For analysts” in the sidebar."
        )
        assert not at.get("file_uploader") and not at.dataframe


def test_a_wrong_password_is_refused_and_five_failures_bring_a_delay(warm_server):
    at = app()
    for _ in range(4):
        sign_in(at, password="wrong")
        assert at.error[0].value == "Wrong name or password."
    sign_in(at, password="wrong")
    assert at.error[0].value == "Too many failed tries. Try again in 30 seconds."
    sign_in(at)  # even the right password waits now
    assert at.error[0].value.startswith("Too many failed tries.")
    assert "analyst" not in at.session_state


def test_an_unknown_name_is_refused_like_a_wrong_password(warm_server):
    at = sign_in(app(), name="nobody")
    assert at.error[0].value == "Wrong name or password."


def test_the_sign_in_fields_have_a_length_cap_and_a_hostile_name_is_only_wrong(warm_server):
    at = app()
    assert at.text_input(key="sign_in_name").max_chars == auth.MAX_NAME_CHARS
    assert at.text_input(key="sign_in_password").max_chars == auth.MAX_PASSWORD_CHARS
    for name in ("x" * 1_000_000, "ai\x00da", "aida\x1b[2J"):  # a client ignoring max_chars
        at.text_input(key="sign_in_name").set_value(name)
        at.text_input(key="sign_in_password").set_value(PASSWORD)
        at.button[0].click().run()
        assert not at.exception and at.error[0].value == "Wrong name or password."
    assert "analyst" not in at.session_state


def test_a_session_idle_for_30_minutes_ends(analyst):
    analyst.session_state["analyst_seen"] = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)
    analyst.run()
    assert "analyst" not in analyst.session_state
    assert analyst.info[0].value == "You were signed out after 30 minutes without activity."


def table(at: AppTest, column: str):
    """The first table on the page with this column (read-only tables carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _upload_file(demo) -> bytes:
    """School years 2024 and 2025, girls and boys only (the loader adds the totals), with one
    mistake (Katran's girls ready > entrants in 2025) and one real change (10 more boys aged 3-6
    in Katran in 2025)."""
    obs = demo.observations
    obs = obs[(obs[s.SEX] != s.TOTAL) & (obs[s.YEAR] >= 2024)].copy()
    katran = (obs[s.VILLAGE] == "Katran") & (obs[s.YEAR] == 2025)
    girls, boys = katran & (obs[s.SEX] == s.GIRLS), katran & (obs[s.SEX] == s.BOYS)
    obs.loc[girls, s.READY] = obs.loc[girls, s.ENTRANTS] + 40
    obs.loc[boys, s.CHILDREN] = obs.loc[boys, s.CHILDREN] + 10
    return data_workbook(obs, demo.villages, Translator("ky"))


def _children_shown(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Children aged 3-6"]


def test_upload_fix_commit_and_roll_back(analyst, demo):
    at = analyst
    before = _children_shown(at)
    assert "upload" in pages(at) and "history" in pages(at)
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("Катран 2025.xlsx", _upload_file(demo)).run()
    assert not failures(at)
    assert {"Children aged 3-6", "Ready for school"} <= set(
        table(at, "Header in the file")["Read as"]
    )
    problems = table(at, "Problem")
    assert problems.shape[0] == 1 and "ready for school" in problems.iloc[0, -1]
    assert at.error[0].value == "1 error must be corrected before saving."
    assert at.button(key="upload_commit").disabled

    # correct the mistake in the preview: the girls' ready count back to the demo's value
    t = Translator("en")
    editor = at.data_editor[0]
    shown = editor.value
    row = shown.index[
        (shown[field_label(t, s.VILLAGE)] == "Katran")
        & (shown[field_label(t, s.YEAR)] == "2025–2026")
        & (shown[field_label(t, s.SEX)] == t(SEX_LABELS[s.GIRLS]))
    ][0]
    demo_rows = demo.observations.set_index(list(s.KEYS))
    right = int(demo_rows.at[("Katran", 2025, s.GIRLS), s.READY])
    position = shown.index.get_loc(row)
    at.session_state[editor.key] = {
        "edited_rows": {position: {field_label(t, s.READY): right}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not failures(at)
    assert at.success[0].value == "No problems found."
    assert at.markdown  # the summary of changes is written
    summary = [m.value for m in at.markdown if m.value.startswith("Rows added")]
    assert summary == ["Rows added: 0; removed: 0; changed: 2; in 1 village."]
    at.text_input(key="upload_note").input("2025 from the rayon office")
    at.button(key="upload_commit").click().run()
    assert not failures(at)
    assert at.success[0].value == "Saved as version 2. Every page now shows the new numbers."

    store = Store()
    version = store.current()
    assert (version.id, version.author, version.note) == (2, "aida", "2025 from the rayon office")
    assert version.filename == "Катран 2025.xlsx" and not version.is_demo
    stored = store.data(2).observations.set_index(list(s.KEYS))
    assert stored.at[("Katran", 2025, s.GIRLS), s.READY] == right
    assert stored.at[("Katran", 2025, s.BOYS), s.CHILDREN] == (
        demo_rows.at[("Katran", 2025, s.BOYS), s.CHILDREN] + 10
    )
    assert len(stored) == len(demo.observations)

    at.switch_page("pages/overview.py").run()
    after = _children_shown(at)
    assert int(after.replace(",", "")) == int(before.replace(",", "")) + 10
    assert not at.warning  # the demo banner is gone with real data

    at.switch_page("pages/history.py").run()
    versions = table(at, "Who")
    assert list(versions["Version"]) == [2, 1]
    changes = table(at, "Rows changed")
    assert changes.iloc[0]["Village"] == "Katran" and changes.iloc[0]["Rows changed"] == 2
    at.selectbox(key="history_target").set_value(1)
    at.text_input(key="history_note").input("back to the demo")
    assert at.button(key="history_rollback").disabled
    at.checkbox(key="history_sure").check().run()
    at.button(key="history_rollback").click().run()
    assert at.success[0].value == "Version 3 is now current."
    assert store.current().restored_from == 1
    at.switch_page("pages/overview.py").run()
    assert _children_shown(at) == before
    assert at.warning[0].value == "Demo data: illustrative, not official statistics."
    store.dispose()


def test_adding_years_already_stored_is_refused_before_saving(analyst, demo):
    at = analyst
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload(
        "x.xlsx", data_workbook(demo.observations, demo.villages, Translator("en"))
    )
    at.run()
    assert at.success[0].value == "No problems found."
    at.radio(key="upload_mode").set_value("add_years").run()
    assert at.error[0].value.startswith("School years 2011–2012")
    assert at.button(key="upload_commit").disabled


def test_an_unreadable_file_says_why_and_offers_nothing_to_save(analyst):
    at = analyst
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("notes.csv", b"just some words\nno numbers here\n").run()
    assert not failures(at)
    assert at.error[0].value.startswith("No numbers could be read")
    assert not at.get("button") or "upload_commit" not in [b.key for b in at.button]
