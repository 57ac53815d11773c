"""The interface language: kept in the URL, switched in the sidebar."""

from __future__ import annotations

import streamlit as st

from readiness.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, language_or_default

LANG_KEY = "app_lang"


def language() -> str:
    """The interface language: from ``?lang=`` on first load, then from the switch; the URL
    always carries it, so a presenter can bookmark the dashboard in their language."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language_or_default(st.query_params.get("lang"))
    lang = language_or_default(st.session_state[LANG_KEY])
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


def translator() -> Translator:
    return Translator(language())


def language_switch(t: Translator) -> None:
    st.sidebar.radio(
        t("Language"),
        LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_KEY,
        horizontal=True,
    )
