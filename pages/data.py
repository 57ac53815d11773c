"""Data: the numbers behind every chart, as the loader read them, with the villages."""

import functools

import streamlit as st

from readiness import ui
from readiness.files.writer import data_csv, data_workbook
from readiness.model.places import registry
from readiness.model.problems import problems_table
from readiness.views.data import caption, mapping_table, observations_table, villages_table

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()

version = ui.current_version()
st.title(t("Data"))
st.caption(caption(version, data, t))
name = t("readiness-data-version-{id}", id=version.id)
left, right = st.columns(2)
left.download_button(
    t("Download the data (.xlsx)"),
    data=functools.partial(data_workbook, data.observations, data.villages, t),
    file_name=f"{name}.xlsx",
    key="data_xlsx",
    on_click="ignore",
)
right.download_button(
    t("Download the data (.csv)"),
    data=functools.partial(data_csv, data.observations, t.lang),
    file_name=f"{name}.csv",
    mime="text/csv",
    key="data_csv",
    on_click="ignore",
)
st.subheader(t("Children by village, school year and sex"))
rows = ui.computed("data_rows", compute=lambda: observations_table(data.observations, t, places))
st.dataframe(rows, hide_index=True, key="data_rows")
st.subheader(t("Villages"))
st.dataframe(villages_table(data.villages, t, places), hide_index=True, key="data_villages")
if data.problems:
    st.subheader(t("Problems found in the file"))
    st.dataframe(problems_table(data.problems, t.lang), hide_index=True, key="data_problems")
with st.expander(t("How the columns of the file were read")):
    st.dataframe(mapping_table(data.mapping, t), hide_index=True, key="data_mapping")
