"""``aqb serve``: the dashboard on the last published snapshot (read-only; ingests may run)."""

from __future__ import annotations

import argparse
import subprocess
import sys

from dashboards import APP_PATH, STREAMLIT_FLAGS
from pipelines.config import PROJECT_ROOT

# Loopback only unless asked: the dashboard has no login of its own, so opening it to a network
# is a decision (``--host 0.0.0.0``, or better a reverse proxy with TLS and authentication in
# front of 127.0.0.1; see docs/deployment.md).
DEFAULT_HOST = "127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_serve_arguments(parser)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """``--port`` and ``--host`` (``aqb serve`` and ``aqb demo``)."""
    parser.add_argument("--port", type=int, default=8501, help="HTTP port (default 8501)")
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens it "
        "to the network, better put a reverse proxy in front)",
    )


def streamlit_command(port: int, host: str = DEFAULT_HOST) -> list[str]:
    """The same start-up the browser tests use: headless, no usage statistics, the dashboard's
    own flags (``dashboards.STREAMLIT_FLAGS``), so a ministry server needs no config file."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        f"--server.port={port}",
        f"--server.address={host}",
        *STREAMLIT_FLAGS,
    ]


def serve(port: int, host: str = DEFAULT_HOST) -> int:
    shown = "localhost" if host in {"127.0.0.1", "localhost"} else host
    print(f"Dashboard: http://{shown}:{port}  (Strg+C beendet / Ctrl+C stops)", file=sys.stderr)
    try:
        return subprocess.call(streamlit_command(port, host), cwd=PROJECT_ROOT)
    except KeyboardInterrupt:
        return 0


def run(args: argparse.Namespace) -> int:
    return serve(args.port, args.host)
