"""Run the real dashboard headless in Streamlit's ``AppTest``, navigation included.

One runner for every AppTest of the pages, so they all open a page the way a user does: the app
starts on its landing page (Überblick) with the URL's query parameters, then switches pages.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from dashboards import APP_PATH

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

LANDING_PAGE = "ueberblick"


@contextmanager
def main_module_kept() -> Iterator[None]:
    """AppTest leaves the page as ``__main__``, which the next ingest's parse workers would run
    first (``tests/conftest.py``): a test that ingests again after a page puts it back."""
    main_module = sys.modules["__main__"]
    try:
        yield
    finally:
        sys.modules["__main__"] = main_module


def run_app_page(
    page: str,
    query_params: Mapping[str, str | list[str]] | None = None,
    session_state: Mapping[str, object] | None = None,
    fail_on_exception: bool = True,
    timeout_seconds: float = 90,
) -> AppTest:
    """The app after opening ``page`` (``app_pages/<page>.py``) with ``query_params``;
    ``session_state`` is set after switching, before the page's run (a widget the user set).
    With ``fail_on_exception`` an exception on the page fails the caller at once."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP_PATH), default_timeout=timeout_seconds)
    for key, value in (query_params or {}).items():
        app.query_params[key] = value
    app.run()
    if fail_on_exception:  # the landing page a person sees first, whatever page follows
        assert not app.exception, [error.value for error in app.exception]
    if page != LANDING_PAGE or session_state:
        app.switch_page(f"app_pages/{page}.py")
        for key, value in (session_state or {}).items():
            app.session_state[key] = value
        app.run()
    if fail_on_exception:
        assert not app.exception, [error.value for error in app.exception]
    return app


def walk_elements(node):
    """The element and every element inside it (columns, expanders), in page order."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk_elements(child)


def frames_under_subheadings(app: AppTest) -> dict[str, Any]:
    """Subheading -> the table (a pandas frame, German headers, raw values) drawn right after
    it, in page order (a split table's parts each sit under their own subheading)."""
    found: dict[str, Any] = {}
    heading = None
    for node in walk_elements(app.main):
        if node.type == "subheader":
            heading = node.value
        elif node.type == "dataframe" and heading is not None:
            found[heading] = node.value
            heading = None
    return found


def tables_under_subheadings(app: AppTest) -> dict[str, list[str]]:
    """Subheading -> German headers of the table drawn right after it, in page order."""
    return {title: list(frame.columns) for title, frame in frames_under_subheadings(app).items()}


def joined_parts(parts: Sequence[Any], key: str) -> Any:
    """The parts of a split table side by side as one frame: every part must list the same
    rows in the same order (its ``key`` column, e.g. the district's name), so sorting is the
    same in all of them; a column shown in several parts is taken once."""
    import pandas as pd

    assert parts, "no part"
    order = list(parts[0][key])
    columns = []
    for part in parts:
        assert list(part[key]) == order, (key, list(part[key]), order)
        columns += [
            part[name].reset_index(drop=True)
            for name in part.columns
            if name not in {column.name for column in columns}
        ]
    return pd.concat(columns, axis=1)
