"""The persistent Dagster instance every local command shares.

Without ``DAGSTER_HOME`` the project uses ``data/dagster_home`` (``DEFAULT_DAGSTER_HOME``), so a
run of ``aqb ingest``, ``aqb demo`` or ``aqb watch`` shows in ``make dagster`` with its
materializations, check results and logs. A home without ``dagster.yaml`` gets ``LOCAL_INSTANCE``:
the SQLite storage with kept connections (``pipelines.operations.storage``), one run at a time
(DuckDB has one writer), freshness policies on, no telemetry. A server keeps its own
``dagster.yaml`` (PostgreSQL, ``docs/deploy/dagster.yaml``); it is never overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.config import PROJECT_ROOT

DEFAULT_DAGSTER_HOME = PROJECT_ROOT / "data" / "dagster_home"
INSTANCE_FILE = "dagster.yaml"

LOCAL_INSTANCE = """\
# Local Dagster instance of AQB Monitor, written by aqb when missing (edit freely; a server uses
# docs/deploy/dagster.yaml with PostgreSQL instead). Storage: the stock SQLite layout under
# ./storage, with connections kept open (see pipelines/operations/storage.py).
storage:
  custom:
    module: pipelines.operations.storage
    class: WarmSqliteStorage
    config: {}

run_coordinator:
  module: dagster._core.run_coordinator
  class: QueuedRunCoordinator
  config:
    # DuckDB has one writer: never run two ingests at once.
    max_concurrent_runs: 1

freshness:
  enabled: true

telemetry:
  enabled: false
"""


def dagster_home() -> Path:
    """``DAGSTER_HOME`` if set, else the project's ``data/dagster_home``."""
    configured = os.environ.get("DAGSTER_HOME", "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DAGSTER_HOME


def ensure_dagster_home() -> Path:
    """Create the home (and its ``dagster.yaml`` when missing) and export ``DAGSTER_HOME`` so
    ``DagsterInstance.get()``, ``dagster dev`` and every child process use the same one."""
    home = dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    instance_file = home / INSTANCE_FILE
    if not instance_file.exists():
        temporary = home / f".{INSTANCE_FILE}.{os.getpid()}.tmp"
        temporary.write_text(LOCAL_INSTANCE, encoding="utf-8")
        os.replace(temporary, instance_file)
    os.environ["DAGSTER_HOME"] = str(home)
    return home
