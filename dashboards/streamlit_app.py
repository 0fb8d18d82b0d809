"""Entry point: ``streamlit run dashboards/streamlit_app.py``. Navigation only; each page is a
thin script in ``app_pages/``.

Every page has its own path (``/ueberblick``, ``/kreisprofil`` ...) so a link with its query
parameters reproduces a view. Streamlit serves the default page at the root and does not answer
its ``url_path``; the root is therefore a hidden page that forwards to ``/ueberblick`` with the
query parameters it was given.

An address that names no page (an old link, a typo, ``/vergleichstabelle``) would get Streamlit's
own English "Page not found" dialog: ``st.navigation`` sends it whenever the requested page is not
among the pages it is given, and Streamlit offers no setting for it. So the app reads the
requested path first (``st.context.url``) and, when it names no page, adds a hidden page under
exactly that path: an alias (a page title as a slug, umlauts spelled out or not) forwards to its
page, anything else shows a German "Seite nicht gefunden" with a link to Überblick.
"""

from __future__ import annotations

import re
import sys
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlparse

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


def forward_to(target: str) -> None:
    """Show page ``target`` under its own path, keeping any query parameters: the root URL
    forwards to Überblick, an alias of a page's path to that page."""
    st.switch_page(
        pages[target],
        query_params={key: st.query_params.get_all(key) for key in st.query_params},
    )


def forward_to_home() -> None:
    forward_to(HOME_PAGE)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9äöüß]+", "-", text.lower()).strip("-")


def _spelled_out(text: str) -> str:
    return text.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))


def page_aliases() -> dict[str, str]:
    """Other spellings of each page's path -> its key: the title as a slug, with and without
    umlauts ("vergleichstabelle", "soll-ist", "datenqualität", "massnahmenarten"), the key
    with hyphens ("soll-ist")."""
    aliases: dict[str, str] = {}
    for key in PAGE_KEYS:
        title = _slug(labels.PAGE_TITLES[key])
        for alias in (title, _spelled_out(title), key.replace("_", "-"), key.replace("_", "")):
            if alias not in PAGE_KEYS:
                aliases.setdefault(alias, key)
    return aliases


ALIASES = page_aliases()


def requested_path() -> str:
    """The page path the browser asked for ('' at the root), without the server's base path
    (``server.baseUrlPath``) and with %-escapes decoded; Streamlit already strips a known
    page's path from ``st.context.url``, so a non-empty result names no page of the app."""
    url = st.context.url
    if not url:
        return ""
    path = unquote(urlparse(url).path).strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def show_not_found(path: str) -> None:
    """A German answer to an address naming no page, with the way back to Überblick."""
    st.title(labels.NOT_FOUND_TITLE)
    # the path comes from the address bar: shown as inert text, never as a link or markup
    st.warning(
        labels.NOT_FOUND_TEXT.format(slug=labels.markdown_text(path)), icon=":material/link_off:"
    )
    st.page_link(pages[HOME_PAGE], label=labels.NOT_FOUND_HOME, icon=":material/dashboard:")


def unknown_path_pages(path: str) -> list:
    """The hidden page answering ``path`` when it names no page, so ``st.navigation`` finds a
    page and never sends Streamlit's English dialog; [] for a known page or the root."""
    known = {page.url_path for page in pages.values()} | {"start"}
    if not path or path in known or "/" in path:
        return []
    target = ALIASES.get(path.lower())
    if target is not None:
        return [
            st.Page(
                partial(forward_to, target),
                title=labels.PAGE_TITLES[target],
                url_path=path,
                visibility="hidden",
            )
        ]
    return [
        st.Page(
            partial(show_not_found, path),
            title=labels.NOT_FOUND_TITLE,
            url_path=path,
            visibility="hidden",
        )
    ]


root = st.Page(
    forward_to_home,
    title=labels.PAGE_TITLES[HOME_PAGE],
    url_path="start",
    default=True,
    visibility="hidden",
)
st.sidebar.markdown(f"**{labels.APP_TITLE}**  \n{labels.APP_SUBTITLE}")
current = st.navigation([root, *pages.values(), *unknown_path_pages(requested_path())])
try:
    current.run()
except (duckdb.Error, OutdatedSnapshotError) as error:
    show_outdated_snapshot(error)
finally:  # also under a page that stopped early (st.stop): every page links the statement
    st.divider()
    st.page_link(
        pages["barrierefreiheit"], label=labels.A11Y_LINK, icon=":material/accessibility_new:"
    )
