"""``aqb serve``: the dashboard on the last published snapshot (read-only; ingests may run)."""

from __future__ import annotations

import argparse
import subprocess
import sys

from dashboards import APP_PATH, STREAMLIT_FLAGS
from pipelines.config import PROJECT_ROOT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8501, help="HTTP port (default 8501)")


def streamlit_command(port: int) -> list[str]:
    """The same start-up the browser tests use: headless, no usage statistics, the dashboard's
    own flags (``dashboards.STREAMLIT_FLAGS``), so a ministry server needs no config file."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        f"--server.port={port}",
        *STREAMLIT_FLAGS,
    ]


def serve(port: int) -> int:
    print(f"Dashboard: http://localhost:{port}  (Strg+C beendet / Ctrl+C stops)", file=sys.stderr)
    try:
        return subprocess.call(streamlit_command(port), cwd=PROJECT_ROOT)
    except KeyboardInterrupt:
        return 0


def run(args: argparse.Namespace) -> int:
    return serve(args.port)
