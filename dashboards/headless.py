"""Debian's Chromium, headless, for the browser tests and the cold-start benchmark.

One place for the binary and its flags so a test and the bench see the dashboard in the same
browser. Never ``playwright install``: browser downloads are not possible here; the flags keep
Chromium from reaching the network (updates, sync, QUIC) and from needing a GPU or a sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
)


def launch_chromium(playwright: Any) -> Any:
    """A headless Chromium browser from a running ``sync_playwright()``."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM_PATH), headless=True, args=list(CHROMIUM_ARGS)
    )
