"""Village profile: one village on one page, printable."""

import streamlit as st

from readiness import ui
from readiness.places import registry
from readiness.views.overview import default_area
from readiness.views.profile import profile_view

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()

keys = sorted(data.villages["village"])
first = default_area(data.villages)
start = next((i for i, k in enumerate(keys) if places.villages.get(k) and
              places.villages[k].parent == first.key), 0)  # fmt: skip
village = st.selectbox(
    t("Village"), keys, index=start, format_func=lambda k: places.village_name(k, t.lang),
    key="profile_village",
)  # fmt: skip
ui.printable()
view = profile_view(data.observations, data.villages, village, t, places)
st.title(ui.plain(view.title))
st.subheader(ui.plain(view.subtitle))
st.dataframe(view.table, hide_index=True, key="profile_table")
for index, figure in enumerate(view.figures):
    ui.chart(figure, key=f"profile_chart_{index}")
st.dataframe(view.parity_table, hide_index=True, key="profile_parity")
for note in view.notes:
    st.caption(note)
