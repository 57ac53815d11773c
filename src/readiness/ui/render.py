"""Render helpers: what a view computed, drawn with Streamlit's widgets."""

from __future__ import annotations

import streamlit as st

from readiness import LoadResult, escape
from readiness.i18n import Translator
from readiness.model.places import Registry
from readiness.model.problems import Problem, Severity
from readiness.ui import styles
from readiness.ui.language import translator
from readiness.ui.styles import PRESENT_CSS
from readiness.views import chrome
from readiness.views import mapping as mapping_view
from readiness.views import upload as upload_view
from readiness.views.overview import Metric
from readiness.views.upload import SavePreview


def problem(found: Problem, t: Translator) -> None:
    """A problem as an error or warning box: where (village and school year, sheet and cell)
    and why, with every value from the file shown as text."""
    text = found.reason(t.lang, escape.markdown)
    if found.sheet is not None or found.place is not None:
        text = f"{escape.markdown(found.where(t.lang))}: {text}"
    (st.error if found.severity is Severity.ERROR else st.warning)(text)


def mapping_editor(review, t: Translator):
    """ "How the columns were read", editable: a drop-down per header, a tick to remember it,
    and each table's header rows. Returns the review read again with the analyst's choices when
    they changed something, else None."""
    if review.matched:
        st.info(escape.markdown(mapping_view.matched_note(review.recipe, t)))
        if st.button(t("Read it as the dashboard guesses instead"), key="mapping_forget"):
            return _read_again(review, None, t)
    shown = mapping_view.editor_frame(review.loaded.mapping, t, review.words)
    round_ = st.session_state.get(REMAPS, 0)
    edited = st.data_editor(
        shown,
        column_config={
            t("Read as"): st.column_config.SelectboxColumn(
                options=mapping_view.role_options(t), required=True, width="medium"
            ),
            t("Remember this header"): st.column_config.CheckboxColumn(),
        },
        disabled=[t("Sheet"), t("Cell"), t("Header in the file")],
        hide_index=True,
        num_rows="fixed",
        key=f"mapping_{review.sha256[:12]}_{round_}",
    )
    review.words = mapping_view.remembered(edited, t)
    tables = _table_choices(review.loaded, t, f"{review.sha256[:12]}_{round_}")
    columns = mapping_view.column_choices(edited, shown, t)
    if not columns and not tables:
        return None
    recipe = mapping_view.recipe_from(review.recipe, columns, tables, review.filename)
    return _read_again(review, recipe, t)


REMAPS = "upload_remaps"  # how many times the file was read again: the editors start afresh


def _read_again(review, recipe, t: Translator):
    """The file read again with ``recipe`` (None: as the loader guesses), under a spinner; the
    mapping's editors get new keys, so that they show the new reading."""
    with st.spinner(t("Reading the file again with your choices…")):
        remapped = review.remap(recipe)
    st.session_state[REMAPS] = st.session_state.get(REMAPS, 0) + 1
    return remapped


def _table_choices(loaded: LoadResult, t: Translator, suffix: str) -> list:
    """Each sheet's header rows and last data row as the analyst sets them (counted from 1, as
    in the spreadsheet); the sheets they changed, as choices."""
    found = []
    with st.expander(t("Header rows and where each table ends")):
        counted = t(
            "Rows are counted as the spreadsheet shows them, from 1. 0 as the last row "
            "means the end of the sheet."
        )
        st.caption(counted)
        pinned = {c.sheet: c for c in (loaded.recipe.tables if loaded.recipe else ())}
        for index, sheet in enumerate(loaded.sheets):
            now = next((c for c in loaded.layout if c.sheet == sheet), None)
            asked = _table_inputs(sheet, now, t, f"mapping_table_{index}_{suffix}")
            if chosen := mapping_view.table_choice(sheet, asked, now, pinned.get(sheet)):
                found.append(chosen)
    return found


def _table_inputs(sheet: str, now, t: Translator, key: str) -> tuple[int, int, int, bool]:
    st.markdown(f"**{escape.markdown(sheet)}**")
    columns = st.columns(4)
    asked = (
        (t("First header row"), "first_header_row", "first"),
        (t("Last header row"), "last_header_row", "last"),
        (t("Last data row"), "last_row", "end"),
    )
    values = [
        column.number_input(label, 0, 1_000_000, _shown(now, name), key=f"{key}_{part}")
        for column, (label, name, part) in zip(columns, asked, strict=False)
    ]
    transposed = columns[3].checkbox(
        t("Villages run across the columns"), value=bool(now and now.transposed), key=f"{key}_turn"
    )
    return (*(int(v) for v in values), transposed)


def _shown(choice, name: str) -> int:
    value = getattr(choice, name, None) if choice is not None else None
    return 0 if value is None else int(value) + 1


def save_preview(preview: SavePreview, t: Translator, places: Registry, key: str) -> bool:
    """What saving would do (``views.upload.SavePreview``): the summary, the rows and village
    details it changes, the counts it keeps, and every row it would delete, in a red box that
    needs its own tick. True when saving may go ahead as far as deletions are concerned."""
    if preview.changes is None:
        return True
    if preview.changes.empty and preview.refused:
        return True  # "nothing would change" is said once, in the box above
    st.write(upload_view.change_summary(preview.changes, t))
    if not preview.changes.empty:
        with st.expander(t("What would change, by village and school year")):
            table = upload_view.changes_table(preview.changes, t, places)
            st.dataframe(table, hide_index=True, key="upload_changes")
    if len(preview.village_changes):
        st.caption(t("Village details that would change"))
        table = upload_view.village_changes_table(preview.village_changes, t, places)
        st.dataframe(table, hide_index=True, key="upload_village_changes")
    if note := upload_view.kept_note(preview.kept, t):
        st.info(note)
    if not len(preview.removed):
        return True
    with st.container(border=True):
        st.error(upload_view.removal_warning(preview.removed, t))
        table = upload_view.removed_table(preview.removed, t, places)
        st.dataframe(table, hide_index=True, key="upload_removed")
        return st.checkbox(upload_view.removal_consent(preview.removed, t), key=key)


def metric(column, item: Metric) -> None:
    """One headline figure in a box: its name, the number, its count out of its base, its change."""
    with column.container(border=True):
        st.markdown(f"**{item.label}**", help=item.help)
        st.metric(
            item.label,
            item.value,
            delta=item.delta,
            delta_color=item.colour,
            delta_arrow=item.arrow,
            label_visibility="collapsed",
        )
        if item.share:
            st.markdown(f"**{item.share}**")
        if item.note:
            st.caption(item.note)
        if item.delta_note:
            st.caption(item.delta_note)


def printable() -> None:
    """A clean page when the browser prints it: landscape, no sidebar, menus or widgets, charts
    unbroken and no wider than the paper."""
    st.html(styles.PRINT_CSS)


def presentation() -> None:
    """A page of slides: full screen, large, plain and high-contrast (``styles.PRESENT_CSS``)."""
    st.html(PRESENT_CSS)


def table(frame) -> None:
    """A table with every column in sight: its text wraps instead of running past the right
    edge, on screen and on paper. Streamlit reads each cell as Markdown, so every text cell
    passes ``escape.markdown`` (a village's name is only ever text)."""
    cells = frame.map(lambda value: escape.markdown(value) if isinstance(value, str) else value)
    st.table(cells, hide_index=True)


def chart(figure, key: str) -> None:
    """A Plotly figure as the chart function drew it (not restyled by Streamlit's theme), its
    toolbar in the page's language."""
    config = chrome.plotly_config(translator())
    st.plotly_chart(figure, width="stretch", theme=None, config=config, key=key)
