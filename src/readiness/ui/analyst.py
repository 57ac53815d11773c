"""Signing in: the analysts from the server's secrets, the sign-in form, and the idle limit."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from readiness import auth, escape
from readiness.i18n import Translator
from readiness.ui.cache import store

ANALYST_KEY = "analyst"  # the signed-in analyst's name
SEEN_KEY = "analyst_seen"  # when the analyst last did something (UTC)
ENDED_KEY = "analyst_session_ended"


def analysts() -> dict[str, str]:
    try:
        table = st.secrets.get("analysts", {})
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        table = {}
    return auth.analysts_from(table)


def analyst() -> str | None:
    """The signed-in analyst, or None for a viewer; a session idle for 30 minutes ends."""
    name = st.session_state.get(ANALYST_KEY)
    if name is None:
        return None
    now = dt.datetime.now(dt.UTC)
    if auth.idle_too_long(st.session_state.get(SEEN_KEY, now), now):
        sign_out()
        st.session_state[ENDED_KEY] = True
        return None
    st.session_state[SEEN_KEY] = now
    return name


def sign_out() -> None:
    for key in (ANALYST_KEY, SEEN_KEY):
        st.session_state.pop(key, None)


def analyst_box(t: Translator) -> None:
    """In the sidebar: the analyst's sign-in form, or who is signed in and a way out."""
    with st.sidebar.expander(t("For analysts"), expanded=ANALYST_KEY in st.session_state):
        if st.session_state.pop(ENDED_KEY, False):
            st.info(t("You were signed out after 30 minutes without activity."))
        name = st.session_state.get(ANALYST_KEY)
        if name:
            st.write(t("Signed in as {name}.", name=escape.markdown(name)))
            if st.button(t("Sign out"), key="sign_out"):
                sign_out()
                st.rerun()
            return
        with st.form("sign_in", border=False):
            user = st.text_input(t("Name"), key="sign_in_name", max_chars=auth.MAX_NAME_CHARS)
            password = st.text_input(
                t("Password"),
                type="password",
                key="sign_in_password",
                max_chars=auth.MAX_PASSWORD_CHARS,
            )
            submitted = st.form_submit_button(t("Sign in"))
        if submitted:
            _sign_in(t, user, password)


def _sign_in(t: Translator, user: str, password: str) -> None:
    login = auth.log_in(store(), analysts(), user, password)
    if login.outcome is auth.Outcome.OK:
        st.session_state[ANALYST_KEY] = user.strip()
        st.session_state[SEEN_KEY] = dt.datetime.now(dt.UTC)
        st.rerun()
    messages = {
        auth.Outcome.WRONG: t("Wrong name or password."),
        auth.Outcome.NO_ANALYSTS: t("No analysts are set up on this server (see the README)."),
        auth.Outcome.UNAVAILABLE: t("Signing in is not possible right now. Try again in a minute."),
        auth.Outcome.WAIT: t.plural(
            "Too many failed tries. Try again in {n} second.",
            "Too many failed tries. Try again in {n} seconds.",
            login.wait_s,
        ),
    }
    st.error(messages[login.outcome])
