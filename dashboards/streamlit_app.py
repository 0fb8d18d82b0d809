"""Entry point: ``streamlit run dashboards/streamlit_app.py``. Navigation only; each page is a
thin script in ``app_pages/``."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # `streamlit run` puts only dashboards/ on the path
    sys.path.insert(0, str(PROJECT_ROOT))

from dashboards import labels  # noqa: E402

PAGE_KEYS = ("ueberblick", "kreisvergleich", "massnahmenarten", "zeitreihen", "soll_ist", "kreisprofil", "vergleich", "datenqualitaet")

st.set_page_config(page_title=labels.APP_TITLE, page_icon=":material/school:", layout="wide")
pages = [
    st.Page(f"app_pages/{key}.py", title=labels.PAGE_TITLES[key], icon=labels.PAGE_ICONS[key], url_path=key, default=key == "ueberblick")
    for key in PAGE_KEYS
]
st.sidebar.markdown(f"**{labels.APP_TITLE}**  \n{labels.APP_SUBTITLE}")
st.navigation(pages).run()
