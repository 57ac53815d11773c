"""Overview: the latest figures and their trend for a municipality or a village."""

import streamlit as st

from readiness import escape, ui
from readiness.model.places import registry
from readiness.views.overview import area_name, overview_choices, overview_view

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()

areas, years = overview_choices(data)
left, right = st.columns([2, 1])
area = left.selectbox(
    t("Municipality or village"),
    areas.options,
    index=areas.index,
    format_func=lambda a: area_name(a, t, places, with_parent=True),
    key="overview_area",
)
year = right.selectbox(
    t("School year"),
    years.options,
    index=years.index,
    format_func=t.school_year,
    key="overview_year",
)

view = ui.computed(
    "overview",
    area,
    year,
    compute=lambda: overview_view(data.observations, data.villages, area, year, t, places),
)
st.title(escape.markdown(view.area_name))
st.subheader(t("School year {year}", year=t.school_year(view.year)))
with st.container(key="overview_metrics"):  # cards that wrap into rows on a narrow screen
    for column, item in zip(st.columns(len(view.metrics)), view.metrics, strict=True):
        ui.metric(column, item)
ui.chart(view.figure, key="overview_trend")
with st.expander(t("How each figure is defined")):
    for definition in view.definitions:
        st.markdown(definition)
