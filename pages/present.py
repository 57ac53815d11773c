"""Present: one large, plain message per slide for the community assembly, full screen."""

import streamlit as st

from readiness import ui
from readiness.i18n import LANGUAGE_NAMES, LANGUAGES
from readiness.model.places import registry
from readiness.views import present as view

INDEX = "present_index"

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()
ui.presentation()


def step(by: int) -> None:
    st.session_state[INDEX] = st.session_state.get(INDEX, 0) + by


if (choices := view.present_choices(data)) is None:
    st.info(t("The data name no municipality, so there is nothing to present."))
    st.stop()
# One row above the slide: preparing (a pop-over, so that it takes no room of its own), the two
# steps and the slide number. The slide below it fits a 768-pixel-high screen.
prepare, back, number, forward = st.columns([1.2, 1, 1.3, 1], vertical_alignment="center")
with prepare.popover(t("Prepare the slides"), width="stretch"):
    municipality = st.selectbox(
        t("Municipality"),
        choices.municipality.options,
        index=choices.municipality.index,
        format_func=lambda key: places.municipality_name(key, t.lang),
        key="present_municipality",
    )
    years = choices.years  # the newest first
    year = st.selectbox(t("School year"), years, format_func=t.school_year, key="present_year")
    st.selectbox(
        t("Language"),
        LANGUAGES,
        index=LANGUAGES.index(t.lang),
        format_func=LANGUAGE_NAMES.__getitem__,
        key="present_lang",
        on_change=lambda: st.session_state.update({ui.LANG_KEY: st.session_state["present_lang"]}),
    )
    deck = ui.deck(municipality, year, t.lang)
    names = view.slide_names(deck, t)
    hidden = st.multiselect(
        t("Slides to hide"),
        list(names),
        format_func=names.get,
        placeholder=t("Choose slides"),
        select_all=False,
        key="present_hidden",
    )
    st.caption(t("Use the arrow keys or the buttons to move between slides."))
    files = view.deck_files(deck, hidden, municipality, year, t, places)
    for file, key in ((files.pptx, "present_pptx"), (files.pdf, "present_pdf")):
        if file is not None:
            st.download_button(file.label, file.data, file.name, key=key, on_click="ignore")
    if files.pdf is None:
        st.warning(t(view.NO_BROWSER))
    st.page_link("pages/overview.py", label=t("Leave the presentation"), icon="↩")

where = view.position(deck, set(hidden), st.session_state.get(INDEX, 0))
st.session_state[INDEX] = where.index
number.html(view.counter_html(where, t))
for place, move in zip((back, forward, st, st), view.steps(where, t), strict=True):
    place.button(**move.button, on_click=step, args=(move.by,))

st.html(view.heading_html(where.slide))
drawn = view.slide_figure(where.slide, t)
text, picture = st.columns(view.text_share(where.slide)) if drawn else (st.container(), None)
for block in view.text_html(where.slide):
    text.html(block)
if drawn is not None:
    with picture:
        ui.chart(drawn[0], key=drawn[1])
