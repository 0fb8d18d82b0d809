"""Sample corpus + hostile inbox (bench/hostile_inbox.py): wall time and peak memory of one
``aqb ingest`` run as an unprivileged user (targets: < 2 min, < 1.5 GB of process-tree RSS).

Run on its own (it is not part of ``bench.run``'s default scenarios):

    .venv/bin/python -m bench.scenarios.hostile [--scale 1] [--json bench/results/hostile.json]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.hostile_inbox import HOSTILE_LIMITS, add_hostile_entries
from bench.memory import tree_rss_bytes
from bench.scenarios import print_figures
from pipelines.config import PROJECT_ROOT
from pipelines.corpus import generate_corpus

NOBODY = "65534"
SAMPLE_SECONDS = 0.1


def _open_to_everyone(root: Path) -> None:
    for folder, _subfolders, files in os.walk(root):
        os.chmod(folder, 0o777)
        for name in files:
            os.chmod(Path(folder) / name, 0o666)


def measure(scale: int) -> dict[str, float | int]:
    """Build the inbox in a temp folder, ingest it once, return time, peak RSS, exit code."""
    root = Path(tempfile.mkdtemp(prefix="aqb-bench-hostile-"))
    try:
        inbox = root / "inbox"
        generate_corpus(inbox, scale=scale)
        good = sorted(path for path in inbox.rglob("*") if path.is_file() and path.parent != inbox)
        _open_to_everyone(root)
        entries = len(add_hostile_entries(inbox, good))
        environment = {
            **os.environ,
            **HOSTILE_LIMITS,
            "AQB_INBOX_DIR": str(inbox),
            "AQB_WAREHOUSE_PATH": str(root / "warehouse.duckdb"),
            "AQB_ARCHIVE_DIR": str(root / "archive"),
            "AQB_PUBLISH_DIR": str(root / "published"),
            "AQB_DATA_DOCS_DIR": str(root / "data_docs"),
            "HOME": str(root),
            "DAGSTER_HOME": str(root / "dagster_home"),  # one ``nobody`` may write
        }
        command = [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-m",
            "pipelines.cli",
            "ingest",
            "--no-progress",
        ]
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_bytes(process.pid))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.monotonic() - started
        return {
            "scale": scale,
            "hostile_entries": entries,
            "good_files": len(good),
            "wall_seconds": round(seconds, 2),
            "peak_rss_mb": round(peak / 2**20, 1),
            "exit_code": process.returncode,
            # other work on the machine: a wall time under a load above the core count is
            # not comparable with the target
            "load_avg_1m_before": round(load_before, 2),
            "load_avg_1m_after": round(os.getloadavg()[0], 2),
            "cpus": os.cpu_count(),
        }
    finally:
        for folder, _subfolders, _files in os.walk(root):
            os.chmod(folder, 0o777)
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = measure(args.scale)
    print_figures(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
