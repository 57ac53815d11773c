"""Years: any measure for chosen villages, over the years or for two chosen years."""

import streamlit as st

from readiness import ui
from readiness.analysis.trends import trend_measures
from readiness.model.measures import measure_label
from readiness.model.places import registry
from readiness.views.years import BARS, VIEWS, years_choices, years_view

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()

choices = years_choices(data)
st.title(t("Years"))
left, right = st.columns([1, 2])
measure = left.selectbox(
    t("Measure"), trend_measures(), format_func=lambda m: measure_label(t, m), key="years_measure"
)
keys = right.multiselect(
    t("Villages"),
    choices.villages,
    default=choices.default,
    format_func=lambda k: places.village_name(k, t.lang),
    max_selections=12,
    placeholder=t("Choose villages"),
    select_all=False,
    key="years_villages",
)
view_kind = st.radio(
    t("Show"), list(VIEWS), format_func=lambda v: t(VIEWS[v]), horizontal=True, key="years_view"
)
with_totals = st.checkbox(t("Add each municipality's total"), key="years_totals")
two_years = None
if view_kind == BARS:
    years = choices.years
    first, second = st.columns(2)
    two_years = (
        first.selectbox(t("First year"), years, format_func=t.school_year, key="years_first"),
        second.selectbox(
            t("Second year"),
            years,
            index=len(years) - 1,
            format_func=t.school_year,
            key="years_second",
        ),
    )

if keys:
    view = ui.computed(
        "years",
        tuple(keys),
        measure,
        view_kind,
        with_totals,
        two_years,
        compute=lambda: years_view(
            data.observations,
            data.villages,
            keys,
            measure,
            t,
            places,
            view=view_kind,
            with_totals=with_totals,
            two_years=two_years,
        ),
    )
    ui.chart(view.figure, key="years_chart")
    st.caption(view.definition)
else:
    st.info(t("Choose at least one village."))
