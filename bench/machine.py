"""What the bench ran on: the figures only mean something next to the machine that made them."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "duckdb",
    "dagster",
    "polars",
    "pyarrow",
    "pypdfium2",
    "streamlit",
    "great-expectations",
    "playwright",
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_total_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _chromium_version() -> str | None:
    try:
        completed = subprocess.run(
            ["/usr/bin/chromium", "--version"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.strip() or None


def _git_commit(project_root: Path) -> str | None:
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=project_root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.strip() or None


def machine_info(project_root: Path) -> dict[str, object]:
    """nproc, RAM, CPU model, OS, Python and the versions of the libraries that do the work."""
    return {
        "date_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "hostname": platform.node(),
        "nproc": os.cpu_count(),
        "ram_gib": _ram_total_gib(),
        "cpu_model": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "packages": {name: _package_version(name) for name in PACKAGES},
        "chromium": _chromium_version(),
        "git_commit": _git_commit(project_root),
        "load_average_at_start": load_average(),
    }


def load_average() -> list[float]:
    """1/5/15-minute load: on 2 cores, anything else running skews every figure, so say it."""
    return [round(value, 2) for value in os.getloadavg()]
