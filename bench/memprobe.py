"""``python -m bench.memprobe CORPUS WORKDIR``: where the ingest's memory goes, without Dagster.

Registers and parses a corpus with the loader's own functions while tracemalloc watches the
Python heap, and prints the peak RSS of this process and of its parse workers (sampled from
/proc), the CPU seconds this process spent while the workers parsed, and DuckDB's own
accounting: a Python heap far below the RSS growth points at native allocations (DuckDB, Arrow).
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

from bench.memory import PAGE_BYTES, TreeMemorySampler


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def rss_mb(pid: int) -> int:
    """Current resident memory of one process (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES // 2**20
    except (OSError, IndexError, ValueError):
        return 0


def main(corpus: Path, workdir: Path) -> None:
    import os

    import warehouse
    from pipelines.ingest.loader import parse_pending
    from pipelines.ingest.registry import register_documents, scan_inbox
    from pipelines.parse.dispatch import PARSER_VERSION
    from pipelines.reference import DistrictIndex

    extra = corpus / "extra_districts.csv"
    extra_path = extra if extra.is_file() else None
    print("start: peak RSS MB", peak_rss_mb())
    connection = warehouse.connect(workdir / "wh.duckdb")
    warehouse.load_reference_data(connection, extra_path)
    files = scan_inbox(corpus)
    register_documents(connection, files, workdir / "archive", "memprobe", True)
    print(f"registered {len(files)} files: peak RSS MB", peak_rss_mb())
    tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    with TreeMemorySampler(os.getpid(), 0.1, include_root=False) as workers:
        summary = parse_pending(
            connection, workdir / "archive", DistrictIndex.with_extra(extra_path), PARSER_VERSION
        )
    _current, python_peak = tracemalloc.get_traced_memory()
    print(
        f"parsed {summary.parsed} in {time.perf_counter() - started:.1f} s: peak RSS MB "
        f"{peak_rss_mb()} (now {rss_mb(os.getpid())}), Python heap peak MB "
        f"{python_peak // 2**20}, workers' peak RSS MB {workers.peak_bytes // 2**20}, CPU s of "
        f"this process {time.process_time() - cpu_started:.1f}"
    )
    duckdb_mb = connection.execute(
        "SELECT tag, memory_usage_bytes // 1048576 FROM duckdb_memory() WHERE memory_usage_bytes > 0"
    ).fetchall()
    print("DuckDB memory MB by tag:", duckdb_mb)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m bench.memprobe CORPUS WORKDIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
