"""Opening a Streamlit select box in Chromium the way a user does, for the browser tests.

Streamlit's select box closes its option list whenever a container around it scrolls. A bare
Playwright ``click()`` on a box outside the viewport scrolls it into view and clicks at once;
the page's scroll event is dispatched in the next rendering step, which can come after the
click has opened the list, so the list closes again and no option ever appears. A user
scrolls first and clicks afterwards; ``open_select_box`` does the same.
"""

from __future__ import annotations

from typing import Any

# Scroll events are dispatched in a rendering step before its animation-frame callbacks: once
# two frames have passed after scrolling, the scroll has reached the page.
_TWO_FRAMES_JS = (
    "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def open_select_box(page: Any, widget_label: str) -> Any:
    """Scroll the select box labelled ``widget_label`` into view, let the page take in that
    scroll, click it and wait until its option list is open; returns its combobox input."""
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name=widget_label, exact=True).first
    box.scroll_into_view_if_needed()
    page.evaluate(_TWO_FRAMES_JS)
    box.click()
    expect(box).to_have_attribute("aria-expanded", "true")
    return box
