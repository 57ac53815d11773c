"""Priorities: which villages need help most, why, and a ranking to download."""

import streamlit as st

from readiness import escape, ui
from readiness.analysis.priorities import DEFAULT_WEIGHTS, INPUTS
from readiness.model.places import registry
from readiness.views.priorities import INPUT_LABELS, priorities_choices, priorities_view

ui.page_start()
t = ui.translator()
data = ui.current_data()

years, villages = priorities_choices(data)
year = st.selectbox(t("School year"), years, format_func=t.school_year, key="priorities_year")
with st.expander(t("Weights"), expanded=True):
    columns = st.columns(len(INPUTS))
    weights = {
        name: column.slider(
            t(INPUT_LABELS[name]), 0, 100, DEFAULT_WEIGHTS[name], step=5, key=f"priorities_w_{name}"
        )
        for name, column in zip(INPUTS, columns, strict=True)
    }

view = ui.computed(
    "priorities",
    int(year),
    tuple(weights.items()),
    compute=lambda: priorities_view(data.observations, villages, int(year), weights, t, registry()),
)
st.title(view.title)
st.caption(view.formula)
if view.notice:
    st.info(view.notice)
    st.stop()
for reason in view.leading:
    st.markdown(f"### {escape.markdown(reason)}")
ui.chart(view.figure, key="priorities_chart")
ui.table(view.table)  # every column in sight, the falling readiness too
st.subheader(t("Why each village ranks where it does"))
st.markdown("\n".join(f"- {escape.markdown(reason)}" for reason in view.reasons))
st.download_button(
    t("Download the ranking (.xlsx)"),
    view.workbook,  # made only when someone clicks
    file_name=f"priorities_{year}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="priorities_download",
)
