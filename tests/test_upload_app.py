"""Analysts in AppTest: signing in; the upload, fix, commit and rollback flow; viewers kept out."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from conftest import failures, shown
from streamlit.testing.v1 import AppTest

from readiness import auth
from readiness.files.writer import data_workbook
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.labels import SEX_LABELS, field_label
from readiness.paths import REPO_ROOT
from readiness.store import Store

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


def editor(at: AppTest, prefix: str):
    """The data editor whose key starts with ``prefix`` ("mapping_", "editor_")."""
    return next(d for d in at.data_editor if d.key.startswith(prefix))


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
    assert {"Children aged 3-6", "Ready for school"} <= set(editor(at, "mapping_").value["Read as"])
    problems = table(at, "Problem")
    assert problems.shape[0] == 1 and "ready for school" in problems.iloc[0, -1]
    assert at.error[0].value == "1 error must be corrected before saving."
    assert at.button(key="upload_commit").disabled

    # correct the mistake in the preview: the girls' ready count back to the demo's value
    t = Translator("en")
    counts = editor(at, "editor_")
    # a missing count shows as an empty cell, as the caption says, never Streamlit's "None"
    assert counts.proto.HasField("placeholder") and counts.proto.placeholder == ""
    shown = counts.value
    row = shown.index[
        (shown[field_label(t, s.VILLAGE)] == "Katran")
        & (shown[field_label(t, s.YEAR)] == "2025–2026")
        & (shown[field_label(t, s.SEX)] == t(SEX_LABELS[s.GIRLS]))
    ][0]
    demo_rows = demo.observations.set_index(list(s.KEYS))
    right = int(demo_rows.at[("Katran", 2025, s.GIRLS), s.READY])
    position = shown.index.get_loc(row)
    at.session_state[counts.key] = {
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
    # two rows now differ from the demo (Katran's boys and total, 2025); the banner counts the rest
    assert (
        at.warning[0].value
        == "Demo data: 358 of 360 rows are illustrative, not official statistics."
    )

    at.switch_page("pages/history.py").run()
    versions = table(at, "Who")
    assert list(versions["Version"]) == [2, 1]
    changes = table(at, "Rows changed")
    assert changes.iloc[0]["Village"] == "Katran" and changes.iloc[0]["Rows changed"] == 2
    at.selectbox(key="history_target_2").set_value(1)
    at.text_input(key="history_note_2").input("back to the demo")
    assert at.button(key="history_rollback").disabled
    at.checkbox(key="history_sure_1_2").check().run()
    at.button(key="history_rollback").click().run()
    assert at.success[0].value == "Version 3 is now current."
    assert store.current().restored_from == 1
    # the comparison shows the pair the rollback made, and a new target needs a new tick
    assert (at.selectbox(key="history_old").value, at.selectbox(key="history_new").value) == (2, 3)
    assert table(at, "Rows changed").iloc[0]["Rows changed"] == 2
    assert at.button(key="history_rollback").disabled
    assert not at.checkbox(key=f"history_sure_{at.selectbox(key='history_target_3').value}_3").value
    assert at.text_input(key="history_note_3").value in ("", None)  # the form starts afresh
    assert at.selectbox(key="history_target_3").value == 2  # the newest other version, not 1
    at.selectbox(key="history_file").set_value(3).run()
    assert not any(b.key == "history_download" for b in at.get("download_button"))
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
    assert shown(at.error[0].value).startswith("School years 2011–2012, 2012–2013")
    assert at.button(key="upload_commit").disabled


def test_an_unreadable_file_says_why_and_offers_nothing_to_save(analyst):
    at = analyst
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("notes.csv", b"just some words\nno numbers here\n").run()
    assert not failures(at)
    assert at.error[0].value.startswith("No numbers could be read")
    assert not at.get("button") or "upload_commit" not in [b.key for b in at.button]


def _filled_template(rows: list[list[object]], lang: str = "en") -> bytes:
    """The blank template, downloaded in ``lang``, with ``rows`` typed on its data sheet."""
    import io

    from openpyxl import load_workbook as open_book

    from readiness.files.template import template_workbook

    book = open_book(io.BytesIO(template_workbook(lang)))
    for row in rows:
        book.worksheets[0].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_totals_only_file_lists_the_rows_it_would_delete_and_needs_its_own_tick(analyst):
    at = analyst
    at.switch_page("pages/upload.py").run()
    row = ["Katran", "Katran", "2025-2026", "Total", 700, 330, 160, 110]
    at.file_uploader[0].upload("katran.xlsx", _filled_template([row])).run()
    assert not failures(at)
    removed = table(at, "Rows added")  # the per-village summary
    assert removed.iloc[0]["Rows removed"] == 2
    deleted = next(d.value for d in at.dataframe if "Sex" in d.value.columns and len(d.value) == 2)
    assert sorted(deleted["Sex"]) == ["Boys", "Girls"]
    assert any(e.value.startswith("Saving would delete 2 stored rows") for e in at.error)
    assert at.button(key="upload_commit").disabled
    at.checkbox(key="upload_delete_replace_pairs_1").check().run()
    assert not at.button(key="upload_commit").disabled
    at.button(key="upload_commit").click().run()
    assert at.success[0].value == "Saved as version 2. Every page now shows the new numbers."
    stored = Store().data(2)
    katran = stored.observations[(stored.observations["village"] == "Katran")]
    assert len(katran[katran["year"] == 2025]) == 1 and len(stored.observations) == 358
    assert bool(stored.villages.set_index("village").at["Katran", "in_project"])  # kept


def test_a_plain_yearly_file_keeps_the_project_villages_for_before_and_after(analyst, demo):
    at = analyst
    at.switch_page("pages/upload.py").run()
    rows = [
        [None, "Katran", "2025-2026", sex, 350 + i, 170, 80, 60]
        for i, sex in enumerate(("Girls", "Boys"))
    ]
    at.file_uploader[0].upload("2025.xlsx", _filled_template(rows)).run()
    assert not any(e.value.startswith("Saving would delete") for e in at.error)
    at.button(key="upload_commit").click().run()
    assert at.success[0].value.startswith("Saved as version 2")
    at.switch_page("pages/before_after.py").run()
    assert not failures(at)
    assert shown(at.markdown[0].value).startswith("### Project villages: readiness rose")


def _report(year: int, extra: int = 0) -> bytes:
    """A district report whose grade 1 entrants stand under a header the catalogue does not
    know ("1-класска келди")."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Отчет"
    sheet.append([f"Мектепке даярдык, {year}-{year + 1}"])
    counts = ["3-6 жаштагы балдар", "Бала бакчага барган", "1-класска келди", "Даярдыгы бар"]
    sheet.append(["Айыл", "Окуу жылы", *counts])
    for index, village in enumerate(("Катран", "Жаңы-Турмуш", "Өзгөрүш")):
        sheet.append([village, f"{year}-{year + 1}", 400 + index + extra, 150, 90 + extra, 60])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _choose(at: AppTest, header: str, role: str, remember: bool = False) -> None:
    mapping = editor(at, "mapping_")
    position = list(mapping.value["Header in the file"]).index(header)
    change = {"Read as": role, **({"Remember this header": True} if remember else {})}
    at.session_state[mapping.key] = {
        "edited_rows": {position: change},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()


def test_an_unknown_column_mapped_by_hand_is_read_and_the_next_file_needs_no_help(analyst):
    at = analyst
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("report_2024.xlsx", _report(2024)).run()
    problems = list(table(at, "Problem")["Problem"])
    assert any("“1-класска келди” (E3:E5) holds 3 numbers" in p for p in problems)
    assert at.button(key="upload_commit").disabled
    _choose(at, "1-класска келди", "Grade 1 entrants")
    assert not failures(at)
    assert at.success[0].value == "No problems found."
    read_as = editor(at, "mapping_").value.set_index("Header in the file")["Read as"]
    assert read_as["1-класска келди"] == "Grade 1 entrants"
    at.checkbox(key="upload_delete_replace_pairs_1").check().run()  # the demo's girls and boys
    at.button(key="upload_commit").click().run()
    assert at.success[0].value.startswith("Saved as version 2")

    at.file_uploader[0].upload("report_2025.xlsx", _report(2025, extra=3)).run()
    assert not failures(at)
    notes = [shown(i.value) for i in at.info]
    assert any(n.startswith("Read the way report_2024.xlsx was read on") for n in notes)
    assert at.success[0].value == "No problems found."
    at.checkbox(key="upload_delete_replace_pairs_2").check().run()
    at.button(key="upload_commit").click().run()
    stored = Store().data(3).observations.set_index(list(s.KEYS))
    assert stored.at[("Katran", 2025, s.TOTAL), s.ENTRANTS] == 93


def test_a_remembered_header_reads_a_file_of_another_layout(analyst):
    at = analyst
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("report_2024.xlsx", _report(2024)).run()
    _choose(at, "1-класска келди", "Grade 1 entrants", remember=True)
    at.checkbox(key="upload_delete_replace_pairs_1").check().run()
    at.button(key="upload_commit").click().run()
    assert Store().vocabulary() == {"1 класска келди": s.ENTRANTS}
    import io

    from openpyxl import Workbook

    book = Workbook()  # another layout: the entrants first, no title
    book.active.append(["1-класска келди", "Айыл", "Окуу жылы", "Даярдыгы бар"])
    book.active.append([95, "Катран", "2023-2024", 61])
    buffer = io.BytesIO()
    book.save(buffer)
    at.file_uploader[0].upload("other.xlsx", buffer.getvalue()).run()
    assert not failures(at) and at.success[0].value == "No problems found."
    assert not any(shown(i.value).startswith("Read the way") for i in at.info)
    at.switch_page("pages/history.py").run()
    words = table(at, "Header in the file")
    assert list(words["Read as"]) == ["Grade 1 entrants"] and list(words["Who"]) == ["aida"]


def test_a_save_by_someone_else_meanwhile_is_said_and_what_saving_changes_is_worked_out_again(
    analyst, demo
):
    at = analyst
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].upload("Катран 2025.xlsx", _upload_file(demo)).run()
    said = "Someone else saved new data while you were checking this file."
    assert not [w for w in at.warning if w.value.startswith(said)]
    store = Store()
    store.rollback(1, author="bakyt", note="another analyst, in another tab")  # version 2
    time.sleep(1.1)  # the page reads the current version at most once a second
    at.run()
    assert [w for w in at.warning if w.value.startswith(said)]
    at.run()  # said once, for the run that first shows the new version
    assert not [w for w in at.warning if w.value.startswith(said)]
    store.dispose()
