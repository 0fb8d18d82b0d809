"""Prüfaufgaben: open questions in the data, decided by named reviewers (reading needs no login)."""

from __future__ import annotations

import streamlit as st

from dashboards import auth, common, labels, review_page
from pipelines.config import load_settings
from pipelines.review.candidate import review_snapshot

common.page_start("pruefaufgaben")
st.markdown(labels.REVIEW_INTRO)
identity = auth.login_panel()
if identity is None or not identity.may_decide:
    st.info(labels.REVIEW_READ_ONLY)
ref, is_candidate = review_snapshot(load_settings().publish_dir)
if is_candidate:
    st.warning(labels.REVIEW_CANDIDATE, icon=":material/block:")
items = review_page.load_items(ref)
tabs = st.tabs(list(labels.REVIEW_TABS.values()))
for tab, kind in zip(tabs, labels.REVIEW_TABS, strict=True):
    with tab:
        if kind in review_page.TABS:
            review_page.TABS[kind](items[kind], identity)
        elif kind == "document":
            review_page.document_tab(items["documents"], items["decision_sources"], identity)
        else:
            review_page.audit_tab(items["audit"], identity)
