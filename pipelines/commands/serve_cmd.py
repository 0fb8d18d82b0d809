"""``aqb serve``: the dashboard on the last published snapshot (read-only; ingests may run)."""

from __future__ import annotations

import argparse
import subprocess
import sys

from pipelines.config import PROJECT_ROOT

DASHBOARD = PROJECT_ROOT / "dashboards" / "streamlit_app.py"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8501, help="HTTP port (default 8501)")


def streamlit_command(port: int) -> list[str]:
    """Headless, no usage statistics: the server runs on a ministry machine without a browser."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(DASHBOARD),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]


def serve(port: int) -> int:
    print(f"Dashboard: http://localhost:{port}  (Strg+C beendet / Ctrl+C stops)", file=sys.stderr)
    try:
        return subprocess.call(streamlit_command(port), cwd=PROJECT_ROOT)
    except KeyboardInterrupt:
        return 0


def run(args: argparse.Namespace) -> int:
    return serve(args.port)
