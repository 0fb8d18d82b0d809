"""Run a ``bench.worker`` job in a fresh interpreter and measure it from outside.

Wall time is taken around the whole process (interpreter and imports included, as a user of
``aqb ingest`` experiences it). Peak RSS comes from ``os.wait4``: on Linux its rusage covers the
child and every descendant it waited for, so a multiprocess executor would be counted too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.memory import TreeMemorySampler
from pipelines.config import PROJECT_ROOT


def run_worker(
    kind: str, config: dict[str, Any], job_dir: Path, timeout_seconds: float = 3600.0
) -> dict[str, Any]:
    """Start ``python -m bench.worker kind``, wait for it, and return its result plus outside
    measurements (``wall_seconds``, ``peak_rss_mb`` of the largest process, ``peak_tree_rss_mb`` of
    the whole process tree, ``returncode``, ``log_path``)."""
    job_dir.mkdir(parents=True, exist_ok=True)
    config_path = job_dir / f"{kind}_config.json"
    out_path = job_dir / f"{kind}_result.json"
    log_path = job_dir / f"{kind}.log"
    out_path.unlink(missing_ok=True)
    config_path.write_text(json.dumps(config, default=str), encoding="utf-8")
    env = dict(os.environ)
    env.update(config.get("env", {}))
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")])
    )
    command = [sys.executable, "-m", "bench.worker", kind, str(config_path), str(out_path)]
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env
        )
        with TreeMemorySampler(process.pid) as sampler:
            status, rusage = _wait(process, timeout_seconds)
        wall_seconds = time.perf_counter() - started
    result: dict[str, Any] = {"ok": False}
    if out_path.is_file():
        result = json.loads(out_path.read_text(encoding="utf-8"))
    else:
        result["error"] = f"worker wrote no result (exit status {status}); see {log_path}"
    result["wall_seconds"] = wall_seconds
    result["returncode"] = status
    result["log_path"] = str(log_path)
    peak_kb = max(
        rusage.ru_maxrss if rusage else 0,
        result.get("maxrss_self_kb", 0),
        result.get("maxrss_children_kb", 0),
    )
    result["peak_rss_mb"] = peak_kb / 1024  # largest single process
    result["peak_tree_rss_mb"] = max(
        sampler.peak_bytes / 2**20, peak_kb / 1024
    )  # job + descendants
    result["memory_samples"] = sampler.samples
    result["memory_timeline"] = sampler.timeline
    return result


def _wait(process: subprocess.Popen, timeout_seconds: float):
    """Block in ``wait4`` (for the child's rusage, and no polling delay in the wall time); a
    timer kills the child if it overruns."""
    killer = threading.Timer(timeout_seconds, process.kill)
    killer.start()
    try:
        _, status, rusage = os.wait4(process.pid, 0)
    finally:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, rusage
