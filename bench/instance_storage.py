"""What the Dagster instance's storage costs per run: ephemeral (in memory), the stock SQLite
storage and the project's SQLite storage with kept connections (``WarmSqliteStorage``).

A job of 15 small assets (about 100 events per run, half of a one-file ingest's) runs three times
on each instance in a fresh process; printed: instance opening, wall and CPU seconds per run.

    .venv/bin/python -m bench.instance_storage
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

VARIANTS = ("ephemeral", "stock", "warm")
RUNS = 3
ASSETS = 15


def measure(variant: str) -> str:
    """One variant in this process (called in a fresh process per variant)."""
    import dagster as dg

    home = tempfile.mkdtemp(prefix=f"aqb-bench-instance-{variant}-")
    os.environ["DAGSTER_HOME"] = home
    if variant == "stock":
        with open(os.path.join(home, "dagster.yaml"), "w", encoding="utf-8") as handle:
            handle.write(f"storage:\n  sqlite:\n    base_dir: {home}/storage\n")
    elif variant == "warm":
        from pipelines.operations.instance import ensure_dagster_home

        ensure_dagster_home()

    def make(index: int) -> dg.AssetsDefinition:
        @dg.asset(name=f"asset_{index}")
        def _asset(context):  # no annotations: Dagster resolves them, dagster is a local import
            context.log.info("work")
            return dg.MaterializeResult(metadata={"n": index})

        return _asset

    definitions = dg.Definitions(
        assets=[make(i) for i in range(ASSETS)],
        jobs=[dg.define_asset_job("bench_job", selection="*")],
        executor=dg.in_process_executor,
    )
    job = definitions.resolve_job_def("bench_job")
    started = time.perf_counter()
    instance = (
        dg.DagsterInstance.ephemeral() if variant == "ephemeral" else dg.DagsterInstance.get()
    )
    opened = time.perf_counter() - started
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        result = job.execute_in_process(instance=instance)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    events = len(list(instance.all_logs(result.run_id)))
    return (
        f"{variant:9s} open {opened:5.2f} s | wall per run "
        + " ".join(f"{w:.2f}" for w in walls)
        + " s | CPU per run "
        + " ".join(f"{c:.2f}" for c in cpus)
        + f" s | {events} events per run"
    )


def main() -> None:
    if len(sys.argv) > 1:
        print(measure(sys.argv[1]))
        return
    for variant in VARIANTS:
        subprocess.run([sys.executable, "-m", "bench.instance_storage", variant], check=True)


if __name__ == "__main__":
    main()
