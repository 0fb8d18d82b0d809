"""Entry point: ``streamlit run dashboards/streamlit_app.py``. Navigation only; each page is a
thin script in ``app_pages/``.

Every page has its own path (``/ueberblick``, ``/kreisprofil`` ...) so a link with its query
parameters reproduces a view. Streamlit serves the default page at the root and does not answer
its ``url_path``; the root is therefore a hidden page that forwards to ``/ueberblick`` with the
query parameters it was given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import streamlit as st

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # `streamlit run` puts only dashboards/ on the path
    sys.path.insert(0, str(PROJECT_ROOT))

from dashboards import labels  # noqa: E402
from pipelines.exports import OutdatedSnapshotError  # noqa: E402

PAGE_KEYS = (
    "ueberblick",
    "kreisvergleich",
    "massnahmenarten",
    "zeitreihen",
    "soll_ist",
    "kreisprofil",
    "vergleich",
    "datenqualitaet",
    "pruefaufgaben",
    "barrierefreiheit",
)
HOME_PAGE = "ueberblick"
PAGE_LANGUAGE_SCRIPT = "<script>document.documentElement.lang = 'de';</script>"


def show_outdated_snapshot(error: Exception) -> None:
    """The page boundary: a snapshot older than the code (a mart lacks a column) gets a German
    explanation and the command that fixes it, never a DuckDB traceback."""
    st.error(labels.OUTDATED_SNAPSHOT, icon=":material/update:")
    st.code("aqb ingest", language="bash")
    detail = (
        error.detail
        if isinstance(error, OutdatedSnapshotError)
        else f"{type(error).__name__}: {error}"
    )
    st.caption(
        labels.OUTDATED_SNAPSHOT_DETAIL.format(detail=detail.splitlines()[0] if detail else "")
    )


# A local image, not ":material/...:": Streamlit turns a Material icon into a favicon URL on
# fonts.gstatic.com, and an intranet page must make no outside request.
FAVICON = PROJECT_ROOT / "dashboards" / "assets" / "favicon.png"
FOCUS_CSS = PROJECT_ROOT / "dashboards" / "assets" / "focus.css"
st.set_page_config(page_title=labels.APP_TITLE, page_icon=str(FAVICON), layout="wide")
# Streamlit serves <html lang="en"> and has no setting for it; screen readers would read every
# German word with English pronunciation (WCAG 3.1.1). A fixed script, no data in it.
st.html(PAGE_LANGUAGE_SCRIPT, unsafe_allow_javascript=True)
# A visible keyboard focus ring on every page (WCAG 2.4.7): a local style sheet, no data in it.
st.html(FOCUS_CSS)
pages = {
    key: st.Page(
        f"app_pages/{key}.py",
        title=labels.PAGE_TITLES[key],
        icon=labels.PAGE_ICONS[key],
        url_path=key,
    )
    for key in PAGE_KEYS
}


def forward_to_home() -> None:
    """The root URL shows Überblick under its own path, keeping any query parameters."""
    st.switch_page(
        pages[HOME_PAGE],
        query_params={key: st.query_params.get_all(key) for key in st.query_params},
    )


root = st.Page(
    forward_to_home,
    title=labels.PAGE_TITLES[HOME_PAGE],
    url_path="start",
    default=True,
    visibility="hidden",
)
st.sidebar.markdown(f"**{labels.APP_TITLE}**  \n{labels.APP_SUBTITLE}")
current = st.navigation([root, *pages.values()])
try:
    current.run()
except (duckdb.Error, OutdatedSnapshotError) as error:
    show_outdated_snapshot(error)
finally:  # also under a page that stopped early (st.stop): every page links the statement
    st.divider()
    st.page_link(
        pages["barrierefreiheit"], label=labels.A11Y_LINK, icon=":material/accessibility_new:"
    )
