"""Upload (analysts): check a new spreadsheet, correct it, and store it as a new version."""

import streamlit as st

from readiness import ui
from readiness.model.places import registry
from readiness.model.problems import problems_table
from readiness.views import upload as view
from readiness.views.chrome import UPLOAD_MB as MB

STATE, DONE, ROUND = "upload_state", "upload_done", "upload_round"  # a new round: a new uploader

author = ui.analyst_page_start()
t = ui.translator()

st.title(t("Upload"))
if DONE in st.session_state:
    st.success(view.saved_note(st.session_state.pop(DONE), t))
st.caption(t("Nothing is stored until you press “Save as a new version”."))
blank = view.template(t)
st.download_button(blank.label, blank.data, blank.name, key="template_download", on_click="ignore")
upload_round = st.session_state.setdefault(ROUND, 0)
kinds = t("Spreadsheet: .xlsx, .xlsm, .xls, .ods, .csv or .txt")  # at most MB, the loader's limit
file = st.file_uploader(kinds, view.UPLOAD_TYPES, key=f"file_{upload_round}", max_upload_size=MB)
if file is None:
    st.session_state.pop(STATE, None)
    st.stop()

content, review = file.getvalue(), st.session_state.get(STATE)
if review is None or review.content != content:
    with st.spinner(t("Reading the file…")):
        review = st.session_state[STATE] = view.Review.of(content, file.name, ui.store())

st.subheader(t("1. How the columns were read"))
if (remapped := ui.mapping_editor(review, t)) is not None:
    st.session_state[STATE] = remapped
    st.rerun()
if (loaded := review.loaded).observations.empty:
    st.error(t(view.UNREAD))
    st.dataframe(problems_table(loaded.problems, t.lang), hide_index=True, key="upload_problems")
    st.stop()

st.subheader(t("2. Check and correct the numbers"))
st.caption(t("Correct a number by clicking its cell. Empty means missing, not zero."))
editor = view.editor(loaded.observations, t, registry())
edited = st.data_editor(
    editor.frame,
    column_config={c: st.column_config.NumberColumn(**view.COUNT_COLUMN) for c in editor.counts},
    key=f"editor_{review.sha256[:16]}",
    **editor.options,
)
checked = review.correct(view.counts_from_editor(edited, t))
level, status = view.review_status(checked, t)
getattr(st, level)(status)
if checked.problems:
    st.dataframe(problems_table(checked.problems, t.lang), hide_index=True, key="upload_problems")

st.subheader(t("3. Save as a new version"))
ways, how = view.modes(t), t("How to combine it with the stored data")
mode = st.radio(how, list(ways), format_func=ways.get, key="upload_mode")
if review.moved(stored_id := ui.current_id()):
    st.warning(t(view.MOVED))
preview = review.changes(ui.current_data(), stored_id, mode)
for problem in preview.problems:
    ui.problem(problem, t)
consent = ui.save_preview(preview, t, registry(), key=f"upload_delete_{mode}_{stored_id}")
why = t("Note: what this file is and where it came from")
note = st.text_input(why, max_chars=2000, key="upload_note")
agree = t("I have read the warnings and accept them.")
accepted = not checked.warnings or st.checkbox(agree, key="upload_accept")
blocked, kind = view.save_button(checked, preview, accepted and consent)
if st.button(t("Save as a new version"), type=kind, disabled=blocked, key="upload_commit"):
    committed = review.save(ui.store(), mode, author, note, stored_id)
    if committed.ok:
        ui.committed()
        st.session_state.update({DONE: committed.version.id, ROUND: upload_round + 1})
        st.session_state.pop(STATE, None)
        st.rerun()
    for problem in committed.problems:
        ui.problem(problem, t)
