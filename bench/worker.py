"""Subprocess entry point for every measured job: ``python -m bench.worker KIND CONFIG.json OUT.json``.

Each measurement runs in a fresh interpreter so start-up costs count (a scheduled ``aqb ingest``
pays them too) and peak memory belongs to that job alone. The parent reads ``OUT.json``.
"""

from __future__ import annotations

import time

WORKER_STARTED = time.perf_counter()

import json  # noqa: E402  (the clock starts before any import)
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from dataclasses import asdict, fields, is_dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def _jsonable(value: Any) -> Any:
    """Plain JSON for summaries of unknown shape (dataclass, named tuple, object)."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    elif hasattr(value, "_asdict"):
        value = value._asdict()
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        value = dict(vars(value))
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def build_settings(config: dict[str, Any]):
    """``Settings`` from the paths in the config (every path field; others keep defaults)."""
    from pipelines.config import Settings

    values: dict[str, Any] = {}
    for field in fields(Settings):
        if field.name in config["settings"]:
            raw = config["settings"][field.name]
            values[field.name] = Path(raw) if raw is not None else None
    return Settings(**values)


def _peak_rss_kb() -> dict[str, int]:
    return {
        "maxrss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "maxrss_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def run_ingest_job(config: dict[str, Any]) -> dict[str, Any]:
    """One ``run_ingest`` through the real Dagster job. Step timings are read afterwards by the
    parent from the instance's event log, so reading them costs this process nothing."""
    imports_started = time.perf_counter()
    from pipelines.orchestration import run_ingest

    import_seconds = time.perf_counter() - imports_started
    settings = build_settings(config)
    started = time.perf_counter()
    summary = run_ingest(settings)
    run_ingest_seconds = time.perf_counter() - started
    return {
        "summary": _jsonable(summary),
        "import_seconds": import_seconds,
        "run_ingest_seconds": run_ingest_seconds,
    }


def main(argv: list[str]) -> int:
    kind, config_path, out_path = argv
    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    for name, value in config.get("env", {}).items():
        os.environ[name] = value
    result: dict[str, Any] = {"kind": kind, "ok": False}
    try:
        if kind == "ingest":
            result.update(run_ingest_job(config))
        elif kind == "floor":
            from bench.scenarios.floor import run_floor_job

            result.update(run_floor_job(config))
        elif kind == "watch":
            from bench.scenarios.watch import run_watch_job

            result.update(run_watch_job(config))
        elif kind == "queries":
            from bench.scenarios.dashboard import run_queries_job

            result.update(run_queries_job(config))
        else:
            raise ValueError(f"unknown worker kind {kind!r}")
        result["ok"] = True
    except Exception as error:
        result["error"] = f"{type(error).__name__}: {error}"
        result["traceback"] = traceback.format_exc()
    result["worker_seconds"] = time.perf_counter() - WORKER_STARTED
    result.update(_peak_rss_kb())
    Path(out_path).write_text(json.dumps(result, default=str), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
