"""Ingest one corpus with two checkouts of the code and compare every table and export.

A refactoring of the pipeline (assets, checks, definitions) must not change a figure. This script
runs ``aqb ingest`` of the same corpus once per checkout (each in its own data folder and Dagster
home, one after the other), then compares every warehouse table, every table of the published
snapshot and every CSV export, row by row (rows sorted; run ids, snapshot ids, timestamps and
durations left out, since they differ between any two runs). It also reports each ingest's wall
time and the number of Dagster events of its run.

    python scripts/compare_ingests.py --before /work/main --after . --scale 1

Exit 0 when every compared table is equal, 1 when one differs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

# Columns that differ between any two runs of the same data: ids and clocks of the run itself.
VOLATILE_WORDS = ("run_id", "snapshot", "duration", "data_docs")
VOLATILE_TYPES = ("TIMESTAMP", "DATE WITH", "TIME")
# Tables that describe runs, not data (durations, Dagster run ids, applied migrations).
# A moment of a run as an export writes it (dd.mm.yyyy hh:mm), unlike a date of a document.
RUN_CLOCK = re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d(?::\d\d)?")
RUN_TABLES = frozenset({"ingest_runs", "run_scopes", "schema_migrations", "step_timings"})

EVENT_COUNT_CODE = """
import collections, json, dagster as dg
instance = dg.DagsterInstance.get()
out = {}
for record in instance.get_run_records():
    run_id = record.dagster_run.run_id
    logs = instance.all_logs(run_id)
    kinds = collections.Counter(
        str(entry.dagster_event_type).split(".")[-1] for entry in logs if entry.is_dagster_event
    )
    out[run_id] = {"events": len(logs), "by_type": dict(kinds)}
print(json.dumps(out))
"""


def _env(code_root: Path, data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(code_root),
        "DAGSTER_HOME": str(data / "dagster_home"),
        "AQB_WAREHOUSE_PATH": str(data / "warehouse.duckdb"),
        "AQB_ARCHIVE_DIR": str(data / "archive"),
        "AQB_PUBLISH_DIR": str(data / "published"),
        "AQB_DATA_DOCS_DIR": str(data / "data_docs"),
        "AQB_REVIEW_LOG": str(data / "review" / "decisions.jsonl"),
    }


def ingest(code_root: Path, corpus: Path, data: Path) -> dict[str, object]:
    """One ``aqb ingest`` of ``corpus`` with ``code_root``'s code; wall time and run events."""
    data.mkdir(parents=True, exist_ok=True)
    env = _env(code_root, data)
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "ingest", "--inbox", str(corpus)]
        + ["--no-progress"],
        cwd=code_root,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    events = subprocess.run(
        [sys.executable, "-c", EVENT_COUNT_CODE],
        cwd=code_root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        "exit": completed.returncode,
        "seconds": round(seconds, 2),
        "runs": json.loads(events.stdout.strip().splitlines()[-1]),
        "tail": completed.stdout[-600:] + completed.stderr[-600:],
    }


def table_rows(database: Path) -> dict[str, list[tuple]]:
    """Every base table and view: its stable columns' rows as sorted text tuples."""
    import duckdb

    connection = duckdb.connect(str(database), read_only=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY table_name"
            ).fetchall()
        ]
        out: dict[str, list[tuple]] = {}
        for table in tables:
            if table in RUN_TABLES:
                continue
            described = connection.execute(f'DESCRIBE "{table}"').fetchall()
            columns = [
                name
                for name, column_type, *_ in described
                if not any(word in name for word in VOLATILE_WORDS)
                and not any(kind in column_type for kind in VOLATILE_TYPES)
            ]
            if not columns:
                continue
            select = ", ".join(f'"{name}"' for name in columns)
            rows = connection.execute(f'SELECT {select} FROM "{table}"').fetchall()
            out[table] = sorted(tuple(str(value) for value in row) for row in rows)
        return out
    finally:
        connection.close()


def exports(code_root: Path, data: Path) -> dict[str, list[str]]:
    """Every CSV export of the current snapshot (``aqb export``), by table."""
    sys.path.insert(0, str(code_root))
    from pipelines.exports import TABLES

    files: dict[str, bytes] = {}
    for table in sorted(TABLES):
        target = data / "exports" / f"{table}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "export", table, "--out", str(target)],
            cwd=code_root,
            env=_env(code_root, data),
            capture_output=True,
            check=False,
        )
        text = target.read_text(encoding="utf-8-sig") if target.is_file() else ""
        files[table] = sorted(RUN_CLOCK.sub("<time>", text).splitlines())
    return files


def compare(name: str, before: dict, after: dict) -> list[str]:
    """Sentences naming every table missing on one side or with different rows."""
    problems = []
    for table in sorted(set(before) | set(after)):
        if table not in before or table not in after:
            problems.append(f"{name}: {table} only {'after' if table in after else 'before'}")
        elif before[table] != after[table]:
            problems.append(f"{name}: {table} differs")
    return problems


def current_snapshot(code_root: Path, data: Path) -> Path:
    """The published snapshot file the dashboard would serve."""
    sys.path.insert(0, str(code_root))
    from pipelines.publish.snapshot import current_snapshot as located

    path = located(data / "published")
    if path is None:
        raise SystemExit(f"nothing published under {data}")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout with the old code")
    parser.add_argument("--after", type=Path, required=True, help="checkout with the new code")
    parser.add_argument("--work", type=Path, default=Path("/tmp/aqb_compare_ingests"))
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument(
        "--keep-before", action="store_true", help="reuse the 'before' data of an earlier call"
    )
    args = parser.parse_args()
    before_root, after_root = args.before.resolve(), args.after.resolve()
    corpus = args.work / f"corpus_x{args.scale}"
    if not corpus.is_dir():
        subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "generate-corpus", "--out", str(corpus)]
            + ["--scale", str(args.scale)],
            cwd=before_root,
            env={**os.environ, "PYTHONPATH": str(before_root)},
            check=True,
        )
    results = {}
    for label, root in (("before", before_root), ("after", after_root)):
        data = args.work / label
        if label == "before" and args.keep_before and (data / "warehouse.duckdb").is_file():
            continue
        subprocess.run(["rm", "-rf", str(data)], check=True)
        results[label] = ingest(root, corpus, data)
        print(label, json.dumps(results[label], indent=1, ensure_ascii=False))
    problems = compare(
        "warehouse",
        table_rows(args.work / "before" / "warehouse.duckdb"),
        table_rows(args.work / "after" / "warehouse.duckdb"),
    )
    before_snapshot = current_snapshot(after_root, args.work / "before")
    after_snapshot = current_snapshot(after_root, args.work / "after")
    snapshot_tables = table_rows(before_snapshot)
    problems += compare("snapshot", snapshot_tables, table_rows(after_snapshot))
    before_exports = exports(before_root, args.work / "before")
    after_exports = exports(after_root, args.work / "after")
    problems += compare("export", before_exports, after_exports)
    empty = [table for table, lines in after_exports.items() if len(lines) < 2]
    print(
        f"compared {len(snapshot_tables)} snapshot tables, {len(after_exports)} exports"
        + (f" (empty: {empty})" if empty else "")
    )
    for problem in problems:
        print(problem)
    print("EQUAL" if not problems else f"{len(problems)} DIFFERENCES")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
