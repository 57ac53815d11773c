"""Village profile: one village on one page, printable."""

import streamlit as st

from readiness import escape, ui
from readiness.model.places import registry
from readiness.views.profile import profile_view, village_choices

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()

keys = village_choices(data.villages)
village = st.selectbox(
    t("Village"),
    keys.options,
    index=keys.index,
    format_func=lambda k: places.village_name(k, t.lang),
    key="profile_village",
)
ui.printable()
view = ui.computed(
    "village",
    village,
    compute=lambda: profile_view(data.observations, data.villages, village, t, places),
)
st.title(escape.markdown(view.title))
st.subheader(escape.markdown(view.subtitle))
hint = t("To print this profile, press Ctrl+P.")
st.html(f'<p class="print-hint">{escape.html(hint)}</p>')
ui.table(view.table)  # every school year and column, on screen and on paper
with st.container(key="profile_charts"):
    for index, figure in enumerate(view.figures):
        ui.chart(figure, key=f"profile_chart_{index}")
ui.table(view.parity_table)
for note in view.notes:
    st.caption(note)
