"""Data: the numbers behind every chart, as the loader read them, with the villages."""

import streamlit as st

from readiness import ui
from readiness.display import mapping_table, observations_table, problems_note, villages_table
from readiness.places import registry
from readiness.problems import problems_table

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()

st.title(t("Data"))
st.caption(problems_note(data, t))
st.subheader(t("Children by village, school year and sex"))
st.dataframe(observations_table(data.observations, t, places), hide_index=True, key="data_rows")
st.subheader(t("Villages"))
st.dataframe(villages_table(data.villages, t, places), hide_index=True, key="data_villages")
if data.problems:
    st.subheader(t("Problems found in the file"))
    st.dataframe(problems_table(data.problems, t.lang), hide_index=True, key="data_problems")
with st.expander(t("How the columns of the file were read")):
    st.dataframe(mapping_table(data.mapping, t), hide_index=True, key="data_mapping")
