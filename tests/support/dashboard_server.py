"""A real ``streamlit run`` of the dashboard on a given port, for browser tests.

Used by the session's ``dashboard_server`` fixture (tests/browser/conftest.py) and by tests that
need a server of their own (their own log files, sign-in settings).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboards import APP_PATH, STREAMLIT_FLAGS
from pipelines.config import PROJECT_ROOT
from tests.support.headless import wait_until_healthy

HEALTH_TIMEOUT_S = 90


@contextmanager
def serve_dashboard(
    settings,
    port: int,
    log_path: Path,
    extra_env: dict[str, str] | None = None,
    extra_flags: tuple[str, ...] = (),
    health_timeout: float = HEALTH_TIMEOUT_S,
) -> Iterator[str]:
    """``streamlit run`` of the real dashboard on ``port`` over ``settings``' published
    snapshots (plus ``extra_env``/``extra_flags``); yields its base URL, stops it afterwards."""
    env = {
        **os.environ,
        "AQB_PUBLISH_DIR": str(settings.publish_dir),
        "AQB_ARCHIVE_DIR": str(settings.archive_dir),
        **(extra_env or {}),
    }
    env.pop("AQB_DISTRICT_GEOJSON", None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        *STREAMLIT_FLAGS,
        *extra_flags,
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process, health_timeout, poll_seconds=0.3, log_path=log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
