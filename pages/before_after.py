"""Before and after: each village's rate before and after the project, and the project's effect."""

import streamlit as st

from readiness import ui
from readiness.analysis.before_after import Periods
from readiness.model.measures import measure_label
from readiness.model.places import registry
from readiness.views.before_after import (
    before_after_view,
    default_periods,
    measure_options,
    year_range,
)

ui.page_start()
t = ui.translator()
data = ui.current_data()
heading = st.empty()  # the title comes first, though it names the measure chosen below it

measure = st.radio(
    t("Measure"),
    measure_options(),
    format_func=lambda m: measure_label(t, m),
    horizontal=True,
    key="before_after_measure",
)
own = t("Each village's own project start")
chosen = st.radio(
    t("Years compared"), [own, t("Choose the years")], horizontal=True, key="before_after_mode"
)
periods = None
if chosen != own:
    years = year_range(data.observations)
    start = default_periods(years)
    left, right = st.columns(2)
    before = left.select_slider(
        t("Before"),
        years,
        value=start.before,
        format_func=t.school_year,
        key="before_after_before",
    )
    after = right.select_slider(
        t("After"),
        years,
        value=start.after,
        format_func=t.school_year,
        key="before_after_after",
    )
    periods = Periods(before, after)

view = ui.computed(
    "before_after",
    measure,
    periods,
    compute=lambda: before_after_view(
        data.observations, data.villages, measure, periods, t, registry()
    ),
)
heading.title(view.title)
if view.warning:
    st.warning(view.warning)
for sentence in view.sentences:
    st.markdown(f"### {sentence}")
st.caption(view.periods)
ui.chart(view.figure, key="before_after_chart")
ui.table(view.table)  # every column in sight, the verdict and the change first
st.caption(view.definition)
