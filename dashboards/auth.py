"""Who is using the dashboard: nobody (reading needs no login), a local account, or an OIDC login.

Installations with an identity provider configure Streamlit's ``[auth]`` section in
``.streamlit/secrets.toml`` (``redirect_uri``, ``cookie_secret``, ``client_id``,
``client_secret``, ``server_metadata_url``); the login button then calls ``st.login()`` and the
identity is ``st.user.email``, whose role comes from the accounts file (``aqb review
add-oidc-identity``). Without one, reviewers sign in with a local account (salted scrypt hash).
The role decides whether the Prüfaufgaben page offers decisions; ``decide`` checks it again.
"""

from __future__ import annotations

import streamlit as st

from dashboards import labels
from pipelines.config import load_settings
from pipelines.review.accounts import AccountError, Identity, authenticate, oidc_identity

SESSION_KEY = "aqb_identity"


def oidc_configured() -> bool:
    """True when secrets carry an ``[auth]`` section with a provider (``st.login`` works)."""
    try:
        return "auth" in st.secrets and "client_id" in st.secrets["auth"]
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return False


def current_identity() -> Identity | None:
    """The signed-in person, from the OIDC cookie or this session's local login."""
    if oidc_configured() and st.user.is_logged_in:
        return oidc_identity(load_settings().accounts_file, st.user.get("email"))
    stored = st.session_state.get(SESSION_KEY)
    return Identity(**stored) if stored else None


def _local_login() -> None:
    with st.form("aqb_login", enter_to_submit=True):
        name = st.text_input(labels.LOGIN_USER, key="aqb_login_user")
        password = st.text_input(labels.LOGIN_PASSWORD, type="password", key="aqb_login_password")
        if st.form_submit_button(labels.LOGIN_SUBMIT):
            try:
                identity = authenticate(load_settings().accounts_file, name, password)
            except AccountError:
                st.error(labels.LOGIN_FAILED)
                return
            st.session_state[SESSION_KEY] = {
                "name": identity.name,
                "role": identity.role,
                "via": identity.via,
            }
            st.rerun()


def login_panel() -> Identity | None:
    """Show who is signed in (with a sign-out button) or the ways to sign in; returns the
    identity. Names are shown as text, never as markup."""
    identity = current_identity()
    if identity is not None:
        st.text(labels.LOGIN_AS.format(name=identity.name, role=labels.ROLES_DE[identity.role]))
        if st.button(labels.LOGOUT, key="aqb_logout"):
            st.session_state.pop(SESSION_KEY, None)
            if identity.via == "oidc":
                st.logout()
            st.rerun()
        return identity
    with st.expander(labels.LOGIN_TITLE, expanded=True):
        if oidc_configured():
            st.button(labels.LOGIN_OIDC, key="aqb_oidc_login", on_click=st.login)
        _local_login()
    return None
