"""Erklärung zur Barrierefreiheit: status, known limitations, date of the last check and where
to report a barrier (``AQB_ACCESSIBILITY_CONTACT``). Needs no snapshot."""

from __future__ import annotations

import streamlit as st

from dashboards import labels
from dashboards.common import contact_href
from pipelines.config import load_settings

st.title(labels.PAGE_TITLES["barrierefreiheit"])
st.markdown(labels.A11Y_INTRO)
st.header(labels.A11Y_STATUS_HEADING)
st.markdown(labels.A11Y_STATUS)
st.header(labels.A11Y_LIMITS_HEADING)
st.markdown(labels.A11Y_LIMITS)
st.header(labels.A11Y_CHECK_HEADING)
st.markdown(labels.A11Y_CHECK.format(date=labels.format_date(labels.A11Y_CHECKED_ON)))
st.header(labels.A11Y_CONTACT_HEADING)
contact = load_settings().accessibility_contact
if contact:
    st.markdown(labels.A11Y_CONTACT)
    href = contact_href(contact)
    if href:
        st.link_button(contact, href, icon=":material/mail:")
    else:
        st.text(contact)  # anything else is shown as text, never as markup
else:
    st.warning(labels.A11Y_CONTACT_MISSING)
st.header(labels.A11Y_ENFORCEMENT_HEADING)
st.markdown(labels.A11Y_ENFORCEMENT)
