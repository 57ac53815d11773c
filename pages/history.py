"""History (analysts): every version, what changed between two, the original files, rollback."""

import functools

import streamlit as st

from readiness import escape, ui
from readiness.model.places import registry
from readiness.views import mapping as mapping_view
from readiness.views import upload as view

PAIR = "history_pair"

author = ui.analyst_page_start()
t = ui.translator()
store = ui.store()
versions = store.versions()
current_id = store.current_id()
by_id = {v.id: v for v in versions}
ids = list(by_id)  # the newest first


def original_bytes(version_id: int) -> bytes:
    return store.original(version_id).content


def label(version_id: int) -> str:
    return view.version_label(by_id[version_id], t)


st.title(t("History"))
if "rolled_back" in st.session_state:
    st.success(t("Version {id} is now current.", id=st.session_state.pop("rolled_back")))
st.caption(t("Every save and every rollback makes a new version; nothing is ever deleted."))
st.dataframe(view.versions_table(versions, current_id, t), hide_index=True, key="history_versions")

st.subheader(t("What changed between two versions"))
if len(ids) < 2:
    st.info(t("There is only one version so far."))
else:
    # the pair a rollback just made (before it, and after it), or the two newest
    pair = st.session_state.pop(PAIR, None)
    for key, value in zip(("history_old", "history_new"), pair or (ids[1], ids[0]), strict=True):
        if pair or st.session_state.get(key) not in ids:
            st.session_state[key] = value
    left, right = st.columns(2)
    old = left.selectbox(t("Older version"), ids, format_func=label, key="history_old")
    new = right.selectbox(t("Newer version"), ids, format_func=label, key="history_new")
    found = ui.changes(old, new)
    st.write(view.change_summary(found, t))
    if not found.empty:
        st.dataframe(
            view.changes_table(found, t, registry()), hide_index=True, key="history_changes"
        )

st.subheader(t("The original file"))
chosen = st.selectbox(t("Version"), ids, format_func=label, key="history_file")
kept = by_id[chosen]
if kept.sha256 is None:
    st.caption(t("This version has no file of its own."))
else:
    st.download_button(
        t("Download “{name}”", name=escape.markdown(kept.filename)),
        data=functools.partial(original_bytes, chosen),  # read from the store only when clicked
        file_name=escape.filename(kept.filename),
        key="history_download",
        on_click="ignore",
    )

st.subheader(t("Header words the analysts taught"))
words = store.vocabulary_list()
if not words:
    st.caption(t("None yet. Tick “Remember this header” on the Upload page to add one."))
else:
    st.dataframe(mapping_view.vocabulary_table(words, t), hide_index=True, key="history_words")
    written = {w.header: w.written for w in words}
    forget = st.multiselect(
        t("Forget these words"),
        list(written),
        format_func=written.get,
        placeholder=t("Choose words"),
        select_all=False,
        key="history_forget",
    )
    if st.button(t("Forget them"), disabled=not forget, key="history_forget_button"):
        store.forget_words(forget)
        st.rerun()

st.subheader(t("Roll back"))
older = [i for i in ids if i != current_id]
if not older:
    st.info(t("There is no other version to go back to."))
else:
    target = st.selectbox(
        t("Make this version's data current again"),
        older,
        format_func=label,
        key=f"history_target_{current_id}",  # after a rollback the form starts afresh
    )
    note = st.text_input(t("Why"), max_chars=2000, key=f"history_note_{current_id}")
    sure = st.checkbox(  # a new box for every target and after every rollback: never pre-ticked
        t("I understand: every page will show the data of version {id}.", id=target),
        key=f"history_sure_{target}_{current_id}",
    )
    if st.button(t("Roll back"), disabled=not sure, key="history_rollback"):
        version = store.rollback(target, author=author, note=note)
        ui.committed()
        st.session_state["rolled_back"] = version.id
        st.session_state[PAIR] = (current_id, version.id)
        st.rerun()
