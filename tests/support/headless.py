"""Debian's Chromium, headless, and the app server it looks at: for the browser tests and the
cold-start benchmark.

One place for the binary and its flags so a test and the bench see the dashboard in the same
browser. Never ``playwright install``: browser downloads are not possible here; the flags keep
Chromium from reaching the network (updates, sync, QUIC) and from needing a GPU or a sandbox.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(
    base_url: str,
    process: subprocess.Popen,
    timeout_seconds: float,
    poll_seconds: float = 0.1,
    log_path: Path | None = None,
) -> None:
    """Poll Streamlit's ``/_stcore/health`` until it answers 200 (the app needs a few seconds
    to import). Raises ``RuntimeError`` with the end of the server log if the process exits or
    the time runs out, so a failing browser test says why the server never came up."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with {process.returncode} before serving{_log_tail(log_path)}"
            )
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(poll_seconds)
    raise RuntimeError(
        f"streamlit did not become healthy in {timeout_seconds:g} s{_log_tail(log_path)}"
    )


def _log_tail(log_path: Path | None) -> str:
    if log_path is None or not log_path.is_file():
        return ""
    return ":\n" + log_path.read_text(errors="replace")[-3000:]
