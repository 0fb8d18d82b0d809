"""``python -m bench.memprobe CORPUS WORKDIR``: where the ingest's memory goes, without Dagster.

Registers and parses a corpus with the loader's own functions while tracemalloc watches the
Python heap, and prints the process's peak RSS after each stage plus DuckDB's own accounting:
a Python heap far below the RSS growth points at native allocations (DuckDB, Arrow).
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(corpus: Path, workdir: Path) -> None:
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
    started = time.perf_counter()
    summary = parse_pending(
        connection, workdir / "archive", DistrictIndex.with_extra(extra_path), PARSER_VERSION
    )
    _current, python_peak = tracemalloc.get_traced_memory()
    print(
        f"parsed {summary.parsed} in {time.perf_counter() - started:.1f} s: peak RSS MB "
        f"{peak_rss_mb()}, Python heap peak MB {python_peak // 2**20}"
    )
    duckdb_mb = connection.execute(
        "SELECT tag, memory_usage_bytes // 1048576 FROM duckdb_memory() WHERE memory_usage_bytes > 0"
    ).fetchall()
    print("DuckDB memory MB by tag:", duckdb_mb)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m bench.memprobe CORPUS WORKDIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
