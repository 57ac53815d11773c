"""Upload (analysts): check a new spreadsheet, correct it, and store it as a new version."""

import functools

import streamlit as st

from readiness import ui
from readiness.files.template import template_workbook
from readiness.model.labels import field_label
from readiness.model.places import registry
from readiness.model.problems import problems_table
from readiness.model.schema import COUNT_MAX, COUNTS, SEX, VILLAGE, YEAR
from readiness.store import COMMIT_MODES
from readiness.views import upload as view
from readiness.views.chrome import UPLOAD_MB

STATE, DONE, ROUND = "upload_state", "upload_done", "upload_round"

author = ui.analyst_page_start()
t = ui.translator()
places = registry()

st.title(t("Upload"))
if DONE in st.session_state:
    st.success(
        t("Saved as version {id}. Every page now shows the new numbers.", id=st.session_state[DONE])
    )
    del st.session_state[DONE]
st.caption(t("Nothing is stored until you press “Save as a new version”."))
st.download_button(
    t("Download the blank template (.xlsx)"),
    data=functools.partial(template_workbook, t.lang),
    file_name=t("template") + ".xlsx",
    key="template_download",
    on_click="ignore",
)
upload_round = st.session_state.setdefault(ROUND, 0)
file = st.file_uploader(
    t("Spreadsheet: .xlsx, .xlsm, .xls, .ods, .csv or .txt"),
    type=view.UPLOAD_TYPES,
    max_upload_size=UPLOAD_MB,  # the loader's limit, as the README and server.maxUploadSize say
    key=f"file_{upload_round}",
)
if file is None:
    st.session_state.pop(STATE, None)
    st.stop()

content = file.getvalue()
review = st.session_state.get(STATE)
if review is None or review.content != content:
    with st.spinner(t("Reading the file…")):
        store = ui.store()
        review = view.Review.read(content, file.name, store.recipes(), store.vocabulary())
        st.session_state[STATE] = review

st.subheader(t("1. How the columns were read"))
remapped = ui.mapping_editor(review, t)
if remapped is not None:
    st.session_state[STATE] = remapped
    st.rerun()
loaded = review.loaded
if loaded.observations.empty:
    st.error(
        t(
            "No numbers could be read from this file. Say above where its table is, or correct "
            "the file and upload it again."
        )
    )
    st.dataframe(problems_table(loaded.problems, t.lang), hide_index=True, key="upload_problems")
    st.stop()

st.subheader(t("2. Check and correct the numbers"))
st.caption(t("Correct a number by clicking its cell. Empty means missing, not zero."))
counts = {
    field_label(t, c): st.column_config.NumberColumn(
        min_value=0, max_value=COUNT_MAX, step=1, format="%d"
    )
    for c in COUNTS
}
edited = st.data_editor(
    view.editor_frame(loaded.observations, t, places),
    disabled=[field_label(t, c) for c in (VILLAGE, YEAR, SEX)],
    column_config=counts,
    hide_index=True,
    num_rows="fixed",
    placeholder="",  # a missing count is an empty cell, as the caption says, never "None"
    key=f"editor_{review.sha256[:16]}",
)
checked = review.correct(view.counts_from_editor(edited, t))
level, status = view.review_status(checked, t)
getattr(st, level)(status)
if checked.problems:
    st.dataframe(problems_table(checked.problems, t.lang), hide_index=True, key="upload_problems")

st.subheader(t("3. Save as a new version"))
mode = st.radio(
    t("How to combine it with the stored data"),
    COMMIT_MODES,
    format_func=lambda m: t(view.MODE_LABELS[m]),
    key="upload_mode",
)
stored_id = ui.current_id()
if review.moved(stored_id):
    st.warning(
        t(
            "Someone else saved new data while you were checking this file. What saving would "
            "change is worked out again below: look at it before you save."
        )
    )
preview = review.changes(ui.current_data(), stored_id, mode)
for problem in preview.problems:
    ui.problem(problem, t)
consent = ui.save_preview(preview, t, places, key=f"upload_delete_{mode}_{stored_id}")
note = st.text_input(
    t("Note: what this file is and where it came from"), max_chars=2000, key="upload_note"
)
accepted = True
if checked.warnings:
    accepted = st.checkbox(t("I have read the warnings and accept them."), key="upload_accept")
blocked = bool(checked.errors) or preview.refused or not accepted or not consent
kind = "secondary" if len(preview.removed) else "primary"
if st.button(t("Save as a new version"), type=kind, disabled=blocked, key="upload_commit"):
    committed = ui.store().commit(
        review.upload(), mode=mode, author=author, note=note, expected=stored_id
    )
    if committed.ok:
        ui.committed()
        st.session_state[DONE] = committed.version.id
        st.session_state[ROUND] = upload_round + 1  # an empty uploader for the next file
        st.session_state.pop(STATE, None)
        st.rerun()
    for problem in committed.problems:
        ui.problem(problem, t)
