"""History (analysts): every version, what changed between two, the original files, rollback."""

import streamlit as st

from readiness import ui
from readiness.model.places import registry
from readiness.views.history import compared, history_view, words_view

PAIR, BOXES = "history_pair", ("history_old", "history_new")

author = ui.analyst_page_start()
t = ui.translator()
store = ui.store()
view = history_view(store, t)

st.title(t("History"))
if "rolled_back" in st.session_state:
    st.success(t("Version {id} is now current.", id=st.session_state.pop("rolled_back")))
st.caption(t("Every save and every rollback makes a new version; nothing is ever deleted."))
st.dataframe(view.table, hide_index=True, key="history_versions")

st.subheader(t("What changed between two versions"))
if len(view.ids) < 2:
    st.info(t("There is only one version so far."))
else:
    shown = {key: st.session_state.get(key) for key in BOXES}
    st.session_state.update(view.pair(st.session_state.pop(PAIR, None), shown))
    left, right = st.columns(2)
    old = left.selectbox(t("Older version"), view.ids, format_func=view.labels.get, key=BOXES[0])
    new = right.selectbox(t("Newer version"), view.ids, format_func=view.labels.get, key=BOXES[1])
    changed = compared(ui.changes(old, new), t, registry())
    st.write(changed.summary)
    if changed.table is not None:
        st.dataframe(changed.table, hide_index=True, key="history_changes")

st.subheader(t("The original file"))
chosen = st.selectbox(t("Version"), view.ids, format_func=view.labels.get, key="history_file")
if (file := view.downloads[chosen]) is None:
    st.caption(t("This version has no file of its own."))
else:
    st.download_button(file.label, file.data, file.name, key="history_download", on_click="ignore")

st.subheader(t("Header words the analysts taught"))
if (words := words_view(store.vocabulary_list(), t)) is None:
    st.caption(t("None yet. Tick “Remember this header” on the Upload page to add one."))
else:
    st.dataframe(words.table, hide_index=True, key="history_words")
    forget = st.multiselect(
        t("Forget these words"),
        list(words.written),
        format_func=words.written.get,
        placeholder=t("Choose words"),
        select_all=False,
        key="history_forget",
    )
    if st.button(t("Forget them"), disabled=not forget, key="history_forget_button"):
        store.forget_words(forget)
        st.rerun()

st.subheader(t("Roll back"))
if not view.older:
    st.info(t("There is no other version to go back to."))
else:
    target = st.selectbox(
        t("Make this version's data current again"),
        view.older,
        format_func=view.labels.get,
        key=f"history_target_{view.current}",  # after a rollback the form starts afresh
    )
    note = st.text_input(t("Why"), max_chars=2000, key=f"history_note_{view.current}")
    sure = st.checkbox(  # a new box for every target and after every rollback: never pre-ticked
        t("I understand: every page will show the data of version {id}.", id=target),
        key=f"history_sure_{target}_{view.current}",
    )
    if st.button(t("Roll back"), disabled=not sure, key="history_rollback"):
        version = store.rollback(target, author=author, note=note)
        ui.committed()
        st.session_state.update({"rolled_back": version.id, PAIR: (view.current, version.id)})
        st.rerun()
