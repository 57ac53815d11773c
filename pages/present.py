"""Present: one large, plain message per slide for the community assembly, full screen."""

import functools

import streamlit as st

from readiness import escape, ui
from readiness.charts.style import percent_ticks
from readiness.i18n import LANGUAGE_NAMES, LANGUAGES
from readiness.model.places import registry
from readiness.present.deck import default_municipality, municipalities, slide_name
from readiness.present.figures import deck_figure, pictogram_figure
from readiness.present.pdf import handout_pdf
from readiness.present.png import browser_path, render_png
from readiness.present.pptx import deck_pptx
from readiness.views.before_after import year_range
from readiness.views.present import CHART_HEIGHT, position, side_notes, text_share

INDEX = "present_index"

ui.page_start()
t = ui.translator()
data = ui.current_data()
places = registry()
ui.presentation()


def step(by: int) -> None:
    st.session_state[INDEX] = st.session_state.get(INDEX, 0) + by


def switch_language() -> None:
    st.session_state[ui.LANG_KEY] = st.session_state["present_lang"]


options = municipalities(data.villages)
if not options:
    st.info(t("The data name no municipality, so there is nothing to present."))
    st.stop()
# One row above the slide: preparing (a pop-over, so that it takes no room of its own), the two
# steps and the slide number. The slide below it fits a 768-pixel-high screen.
prepare, back, number, forward = st.columns([1.2, 1, 1.3, 1], vertical_alignment="center")
with prepare.popover(t("Prepare the slides"), width="stretch"):
    municipality = st.selectbox(
        t("Municipality"),
        options,
        index=options.index(default_municipality(data.villages)),
        format_func=lambda key: places.municipality_name(key, t.lang),
        key="present_municipality",
    )
    years = year_range(data.observations)[::-1]
    year = st.selectbox(t("School year"), years, format_func=t.school_year, key="present_year")
    st.selectbox(
        t("Language"),
        LANGUAGES,
        index=LANGUAGES.index(t.lang),
        format_func=LANGUAGE_NAMES.__getitem__,
        key="present_lang",
        on_change=switch_language,
    )
    deck = ui.deck(municipality, year, t.lang)
    hidden = st.multiselect(
        t("Slides to hide"),
        [slide.key for slide in deck],
        format_func={slide.key: slide_name(slide, t) for slide in deck}.get,
        placeholder=t("Choose slides"),
        select_all=False,
        key="present_hidden",
    )
    st.caption(t("Use the arrow keys or the buttons to move between slides."))
    shown = [slide for slide in deck if slide.key not in hidden]
    name = f"{places.municipality_name(municipality, t.lang)} {t.school_year(year)}"
    st.download_button(
        t("Download the slides (PowerPoint)"),
        data=functools.partial(deck_pptx, shown),
        file_name=escape.filename(name) + ".pptx",
        key="present_pptx",
        on_click="ignore",
    )
    if browser_path() is None:
        st.warning(
            t(
                "The PDF handout needs Chromium or Google Chrome on this computer, and none was "
                "found. The PowerPoint file works without it."
            )
        )
    else:
        st.download_button(
            t("Download the handout (PDF)"),
            data=functools.partial(handout_pdf, deck, t, render_png),
            file_name=escape.filename(name) + ".pdf",
            key="present_pdf",
            on_click="ignore",
        )
    st.page_link("pages/overview.py", label=t("Leave the presentation"), icon="↩")

where = position(deck, set(hidden), st.session_state.get(INDEX, 0))
st.session_state[INDEX] = where.index
slide = where.slide

back.button(
    t("◀ Previous"),
    key="present_prev",
    disabled=where.first,
    shortcut="Left",
    on_click=step,
    args=(-1,),
    width="stretch",
)
counter = t("Slide {n} of {total}", n=where.index + 1, total=len(where.slides))
number.html(f'<div class="slide-number">{escape.html(counter)}</div>')
forward.button(
    t("Next ▶"),
    key="present_next",
    disabled=where.last,
    shortcut="Right",
    on_click=step,
    args=(1,),
    width="stretch",
)
# Presenter remotes send PageDown and PageUp: the same two steps again, hidden by PRESENT_CSS.
hidden_keys = [
    ("present_page_down", "PageDown", t("Next ▶"), 1, where.last),
    ("present_page_up", "PageUp", t("◀ Previous"), -1, where.first),
]
for key, shortcut, label, by, off in hidden_keys:
    st.button(label, key=key, shortcut=shortcut, on_click=step, args=(by,), disabled=off)

st.html(f'<div class="slide-heading">{escape.html(slide.heading)}</div>')
drawing = slide.chart is not None or slide.pictogram is not None
text, picture = st.columns(text_share(slide)) if drawing else (st.container(), None)
if slide.headline:
    text.html(f'<div class="slide-headline">{escape.html(slide.headline)}</div>')
text.html(f'<div class="slide-message">{escape.html(slide.message)}</div>')
for note in side_notes(slide):
    text.html(f'<div class="slide-note">{escape.html(note)}</div>')
ticks = percent_ticks(t.percent)
if slide.chart is not None:
    with picture:
        ui.chart(deck_figure(slide.chart, t.separators, CHART_HEIGHT, ticks), key="present_chart")
elif slide.pictogram is not None:
    with picture:
        ui.chart(pictogram_figure(slide.pictogram, slide.notes[0]), key="present_pictogram")
