"""One new file and one corrected agreement through ``aqb watch``: drop to published snapshot.

The worker process is started, warmed up (``pipelines.watch.warm_up``) and runs the real watch
loop (``pipelines.watch.watch``: polling, settling, ``run_ingest``). A thread drops one file at
a time into the inbox once the previous ingest finished; the latency of a file is the time from
its copy to the end of the ingest that published it, so polling and settling are included.
Runs inside ``bench.worker watch``.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

from bench.stats import summarize

# a drop waits this long after the previous ingest, so each file is its own ingest
PAUSE_BEFORE_DROP_SECONDS = 0.3


def run_watch_job(config: dict[str, Any]) -> dict[str, Any]:
    """Warm up, then drop ``config["drops"]`` ([source, target name], ...) one by one."""
    from bench.worker import build_settings
    from pipelines.watch import InboxWatcher, warm_up, watch

    settings = build_settings(config)
    interval = float(config["interval_seconds"])
    started = time.perf_counter()
    warm_up(settings)
    warm_up_seconds = time.perf_counter() - started

    ingests: list[dict[str, Any]] = []
    ingest_done = threading.Event()

    def timed_ingest(run_settings):
        from pipelines.orchestration import run_ingest

        began = time.perf_counter()
        summary = run_ingest(run_settings)
        ingests.append(
            {
                "started": began,
                "finished": time.perf_counter(),
                "docs_parsed": summary.docs_new + summary.docs_updated,
                "published": summary.published,
                "up_to_date": summary.up_to_date,
            }
        )
        ingest_done.set()
        return summary

    drops: list[dict[str, Any]] = []

    def drop_files() -> None:
        for source, name in config["drops"]:
            ingest_done.wait()
            ingest_done.clear()
            time.sleep(PAUSE_BEFORE_DROP_SECONDS)
            shutil.copyfile(source, settings.effective_inbox / name)
            drops.append({"name": name, "dropped": time.perf_counter()})

    dropper = threading.Thread(target=drop_files, name="bench-dropper", daemon=True)
    dropper.start()
    watcher = InboxWatcher(settings, ingest=timed_ingest)
    watch(settings, interval, max_ingests=1 + len(config["drops"]), watcher=watcher)
    return {
        "interval_seconds": interval,
        "warm_up_seconds": warm_up_seconds,
        "startup_ingest": ingests[0] if ingests else None,
        "drops": [
            {
                **drop,
                "latency_seconds": ingest["finished"] - drop["dropped"],
                "run_ingest_seconds": ingest["finished"] - ingest["started"],
                "docs_parsed": ingest["docs_parsed"],
                "published": ingest["published"],
            }
            for drop, ingest in zip(drops, ingests[1:], strict=False)
        ],
        "errors": watcher.errors,
    }


def aggregate_watch(
    result: dict[str, Any], scenario_names: list[str], documents_parsed_warehouse: int | None
) -> dict[str, dict[str, Any]]:
    """Per scenario (the i-th drop belongs to ``scenario_names[i % len]``), in the shape of the
    cold incremental scenarios: ``wall_seconds`` is the drop-to-published latency."""
    by_scenario: dict[str, list[dict[str, Any]]] = {name: [] for name in scenario_names}
    for index, drop in enumerate(result.get("drops") or []):
        by_scenario[scenario_names[index % len(scenario_names)]].append(drop)
    expected_total = sum(len(drops) for drops in by_scenario.values())
    warehouse_agrees = documents_parsed_warehouse == expected_total
    aggregated: dict[str, dict[str, Any]] = {}
    for name, drops in by_scenario.items():
        good = [drop for drop in drops if drop["published"]]
        aggregated[name] = {
            "repeats": len(drops),
            "successful": len(good),
            "expected_documents_parsed": 1,
            "documents_parsed": [drop["docs_parsed"] for drop in drops],
            "parsed_as_expected": bool(drops)
            and warehouse_agrees
            and all(drop["docs_parsed"] == 1 for drop in drops),
            "wall_seconds": summarize([drop["latency_seconds"] for drop in good]),
            "run_ingest_seconds": summarize([drop["run_ingest_seconds"] for drop in good]),
            "peak_tree_rss_mb": summarize([result.get("peak_tree_rss_mb") or 0.0]),
            "interval_seconds": result.get("interval_seconds"),
            "warm_up_seconds": result.get("warm_up_seconds"),
            "documents_parsed_warehouse_all_drops": documents_parsed_warehouse,
            "errors": [result["error"]]
            if result.get("error")
            else list(result.get("errors") or []),
        }
    return aggregated


def run_watch_scenario(
    bench_root: Any,
    new_files: list[Path],
    corrected_files: list[Path],
    job_dir: Path,
    timeout_seconds: float,
    interval_seconds: float,
) -> dict[str, dict[str, Any]]:
    """``aqb watch`` in one worker process on the loaded warehouse of ``bench_root``."""
    from bench.scenarios.ingest import parse_results_state, parsed_since
    from bench.subproc import run_worker

    config = {
        **bench_root.worker_config(),
        "drops": watch_drops(new_files, corrected_files),
        "interval_seconds": interval_seconds,
    }
    before = parse_results_state(bench_root.warehouse_path) or {}
    result = run_worker("watch", config, job_dir, timeout_seconds)
    parsed = parsed_since(bench_root.warehouse_path, before)
    return aggregate_watch(result, ["new_file_watch", "corrected_agreement_watch"], parsed)


def watch_drops(new_files: list[Path], corrected_files: list[Path]) -> list[list[str]]:
    """Alternating drops: a new agreement, then its corrected version (same district and year)."""
    drops: list[list[str]] = []
    for repeat, (new, corrected) in enumerate(zip(new_files, corrected_files, strict=False)):
        drops.append([str(new), f"watch_neu_{repeat}_{new.name}"])
        drops.append([str(corrected), f"watch_korrektur_{repeat}_{corrected.name}"])
    return drops
