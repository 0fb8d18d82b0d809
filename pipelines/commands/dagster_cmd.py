"""``aqb dagster``: the Dagster UI (``dagster dev``) on the project's persistent instance.

What ``make dagster`` runs. ``dagster dev`` without ``DAGSTER_HOME`` makes a
``.tmp_dagster_home_*`` folder and forgets every run, and on SIGTERM it left its webserver and
daemon behind; here it gets the instance ``aqb ingest`` and ``aqb demo`` record into
(``pipelines.operations.instance``), runs in a process group of its own, and SIGTERM or SIGINT
(Ctrl+C) ends that whole group: a clean shutdown first, after ``STOP_GRACE_SECONDS`` a kill.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

from pipelines.config import PROJECT_ROOT

STOP_GRACE_SECONDS = 10.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )


def dagster_dev_command(port: int, host: str) -> list[str]:
    return [
        os.path.join(os.path.dirname(sys.executable), "dagster"),
        "dev",
        "-w",
        str(PROJECT_ROOT / "workspace.yaml"),
        "-h",
        host,
        "-p",
        str(port),
    ]


def stop_group(process: subprocess.Popen, grace_seconds: float = STOP_GRACE_SECONDS) -> int:
    """SIGINT to the child's process group (``dagster dev`` shuts its webserver, daemon and code
    server down on it), SIGKILL to the group if it is not gone after ``grace_seconds``."""
    for sent in (signal.SIGINT, signal.SIGKILL):
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            break
        try:
            return process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            continue
    return process.wait()


def run(args: argparse.Namespace) -> int:
    from pipelines.operations.instance import ensure_dagster_home

    home = ensure_dagster_home()
    print(
        f"Dagster UI: http://{args.host}:{args.port}  (instance {home}; "
        "Strg+C beendet / Ctrl+C stops)",
        file=sys.stderr,
    )
    os.environ.setdefault("AQB_DAGSTER_UI_URL", f"http://{args.host}:{args.port}")
    process = subprocess.Popen(
        dagster_dev_command(args.port, args.host), cwd=PROJECT_ROOT, start_new_session=True
    )

    def _stop(_signum, _frame) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop_group(process)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
