"""Full and incremental ingest through the real Dagster job (``pipelines.orchestration.run_ingest``).

Every run is a fresh ``python -m bench.worker ingest`` process, timed from outside.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpora import Corpus, document_files
from bench.memory import peak_between
from bench.stages import STAGES, floor_stage_seconds, stage_totals
from bench.stats import summarize
from bench.subproc import run_worker
from bench.workspace import BenchRoot

Log = Callable[[str], None]


def _summary_count(summary: dict[str, Any], *names: str) -> int | None:
    values = [summary.get(name) for name in names]
    if any(value is None for value in values):
        return None
    return int(sum(values))


def step_timings(intervals: list) -> dict[str, Any]:
    """Step durations and the run's span from the summary's ``step_intervals`` ((step, start,
    end) in unix seconds, read by ``run_ingest`` from the run's own event log)."""
    step_seconds: dict[str, float] = {}
    for step_key, started, finished in intervals:
        step_seconds[step_key] = step_seconds.get(step_key, 0.0) + finished - started
    run_seconds = (
        max(end for _, _, end in intervals) - min(start for _, start, _ in intervals)
        if intervals
        else 0.0
    )
    return {"steps": step_seconds, "intervals": intervals, "dagster_run_seconds": run_seconds}


def _step_memory(timeline: list, intervals: list[tuple[str, float, float]]) -> dict[str, float]:
    """Peak process-tree RSS (MB) while each step ran: which step holds the memory."""
    peaks: dict[str, float] = {}
    for step_key, start, end in intervals:
        peak = peak_between(timeline, start, end)
        if peak is not None:
            peaks[step_key] = max(peaks.get(step_key, 0.0), peak / 2**20)
    return peaks


def ingest_once(bench_root: BenchRoot, job_dir: Path, timeout_seconds: float) -> dict[str, Any]:
    """One ingest in a fresh process, reduced to the figures the report needs."""
    result = run_worker("ingest", bench_root.worker_config(), job_dir, timeout_seconds)
    step_seconds: dict[str, float] = {}
    try:
        timings = step_timings((result.get("summary") or {}).get("step_intervals") or [])
        step_seconds = timings["steps"]
        result["dagster_run_seconds"] = timings["dagster_run_seconds"]
        result["step_peak_rss_mb"] = _step_memory(
            result.get("memory_timeline", []), timings["intervals"]
        )
    except Exception as error:  # step timings are a bonus; the wall time still counts
        result["steps_error"] = f"{type(error).__name__}: {error}"
    totals = stage_totals(step_seconds) if step_seconds else {}
    summary = result.get("summary") or {}
    return {
        # a run that raised nothing but whose Dagster run failed did not do the whole job
        "ok": bool(result.get("ok"))
        and (result.get("summary") or {}).get("run_success") is not False,
        "error": result.get("error")
        or "; ".join((result.get("summary") or {}).get("failures") or [])
        or None,
        "log_path": result.get("log_path"),
        "wall_seconds": result["wall_seconds"],
        "run_ingest_seconds": result.get("run_ingest_seconds"),
        "import_seconds": result.get("import_seconds"),
        "dagster_run_seconds": result.get("dagster_run_seconds"),
        "peak_rss_mb": result["peak_rss_mb"],
        "peak_tree_rss_mb": result["peak_tree_rss_mb"],
        "steps": step_seconds,
        "step_peak_rss_mb": result.get("step_peak_rss_mb", {}),
        "stages": totals,
        "steps_error": result.get("steps_error"),
        "summary": summary,
        "documents_parsed": _summary_count(summary, "docs_new", "docs_updated"),
    }


def _aggregate_runs(runs: list[dict[str, Any]], document_count: int) -> dict[str, Any]:
    """Median/min/max of every measured figure over the successful repeats."""
    good = [run for run in runs if run["ok"]]
    stages = {
        stage: summarize([run["stages"].get(stage, 0.0) for run in good if run["stages"]])
        for stage in STAGES
    }
    step_keys = sorted({key for run in good for key in run["steps"]})
    return {
        "repeats": len(runs),
        "successful": len(good),
        "documents": document_count,
        "wall_seconds": summarize([run["wall_seconds"] for run in good]),
        "run_ingest_seconds": summarize(
            [run["run_ingest_seconds"] for run in good if run["run_ingest_seconds"] is not None]
        ),
        "startup_seconds": summarize(
            [
                run["wall_seconds"] - run["run_ingest_seconds"]
                for run in good
                if run["run_ingest_seconds"] is not None
            ]
        ),
        "docs_per_second": summarize(
            [document_count / run["wall_seconds"] for run in good if run["wall_seconds"] > 0]
        ),
        "peak_rss_mb": summarize([run["peak_rss_mb"] for run in good]),
        "peak_tree_rss_mb": summarize([run["peak_tree_rss_mb"] for run in good]),
        "stages": stages,
        "floor_stages_seconds": summarize(
            [floor_stage_seconds(run["stages"]) for run in good if run["stages"]]
        ),
        "step_peak_rss_mb": {
            key: summarize(
                [
                    run["step_peak_rss_mb"][key]
                    for run in good
                    if key in run.get("step_peak_rss_mb", {})
                ]
            )
            for key in step_keys
        },
        "steps": {
            key: summarize([run["steps"].get(key, 0.0) for run in good]) for key in step_keys
        },
        "errors": [
            f"{run['error']} (after {run['wall_seconds']:.0f} s; tree RSS {run['peak_tree_rss_mb']:.0f} MB)"
            for run in runs
            if not run["ok"]
        ],
        # memory really used, failed runs included: a run that fails late still held it
        "peak_tree_rss_mb_all_runs": summarize([run["peak_tree_rss_mb"] for run in runs]),
        "last_summary": good[-1]["summary"] if good else None,
        "registered_documents": _summary_count(
            good[-1]["summary"], "docs_new", "docs_updated", "docs_unchanged", "docs_quarantined"
        )
        if good
        else None,
        "published": [bool(run["summary"].get("published")) for run in good],
        "runs": runs,
    }


def run_full_ingest(
    corpus: Corpus, scale_dir: Path, inbox: Path, repeats: int, log: Log, timeout_seconds: float
) -> tuple[dict[str, Any], BenchRoot | None]:
    """``repeats`` full ingests, each into an empty warehouse; the last loaded root is kept for
    the dashboard and incremental scenarios."""
    runs: list[dict[str, Any]] = []
    kept: BenchRoot | None = None
    for repeat in range(repeats):
        bench_root = BenchRoot(
            scale_dir / f"full_{repeat}", inbox, corpus.extra_districts_path
        ).fresh()
        run = ingest_once(bench_root, scale_dir / "jobs" / f"full_{repeat}", timeout_seconds)
        runs.append(run)
        log(
            f"  full ingest x{corpus.scale} #{repeat + 1}: {'ok' if run['ok'] else 'FAILED ' + str(run['error'])}"
            f" wall {run['wall_seconds']:.2f}s (run_ingest {run['run_ingest_seconds'] or 0:.2f}s),"
            f" tree RSS {run['peak_tree_rss_mb']:.0f} MB, published {run['summary'].get('published')}"
        )
        if kept is not None:
            shutil.rmtree(kept.root, ignore_errors=True)
        kept = bench_root if run["ok"] else None
        if not run["ok"]:
            shutil.rmtree(bench_root.root, ignore_errors=True)
    return _aggregate_runs(runs, corpus.document_count), kept


# --- incremental ---------------------------------------------------------------------------------


def parsed_since(warehouse_path: Path, before: dict[str, str]) -> int | None:
    """Documents whose parse result is new or newer than in ``before`` (sha256 -> parsed_at).

    Read from the warehouse itself, so "parsed nothing" does not rest on the summary's wording.
    """
    after = parse_results_state(warehouse_path)
    if after is None:
        return None
    return sum(1 for sha256, parsed_at in after.items() if before.get(sha256) != parsed_at)


def parse_results_state(warehouse_path: Path) -> dict[str, str] | None:
    """sha256 -> parsed_at of every parse result (None if the table cannot be read)."""
    import duckdb

    try:
        connection = duckdb.connect(str(warehouse_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = connection.table("parse_results").select("sha256, parsed_at").fetchall()
    except duckdb.Error:
        return None
    finally:
        connection.close()
    return {sha256: str(parsed_at) for sha256, parsed_at in rows}


def _incremental_run(
    bench_root: BenchRoot, job_dir: Path, timeout_seconds: float
) -> dict[str, Any]:
    before = parse_results_state(bench_root.warehouse_path) or {}
    run = ingest_once(bench_root, job_dir, timeout_seconds)
    run["documents_parsed_warehouse"] = parsed_since(bench_root.warehouse_path, before)
    return run


def _aggregate_incremental(runs: list[dict[str, Any]], expected_parsed: int) -> dict[str, Any]:
    good = [run for run in runs if run["ok"]]
    parsed = [run["documents_parsed_warehouse"] for run in good]
    return {
        "repeats": len(runs),
        "successful": len(good),
        "expected_documents_parsed": expected_parsed,
        "documents_parsed": parsed,
        "documents_parsed_summary": [run["documents_parsed"] for run in good],
        "parsed_as_expected": bool(good) and all(count == expected_parsed for count in parsed),
        "wall_seconds": summarize([run["wall_seconds"] for run in good]),
        "run_ingest_seconds": summarize(
            [run["run_ingest_seconds"] for run in good if run["run_ingest_seconds"] is not None]
        ),
        "peak_tree_rss_mb": summarize([run["peak_tree_rss_mb"] for run in good]),
        "stages": {
            stage: summarize([run["stages"].get(stage, 0.0) for run in good if run["stages"]])
            for stage in STAGES
        },
        "errors": [run["error"] for run in runs if not run["ok"]],
        "runs": runs,
    }


def run_incremental(
    bench_root: BenchRoot,
    new_agreements: list[Path],
    corrected_agreements: list[Path],
    scale_dir: Path,
    repeats: int,
    log: Log,
    timeout_seconds: float,
) -> dict[str, Any]:
    """On a loaded warehouse: no change at all, then one new file, then one corrected agreement
    (the i-th corrected file is the same district and year as the i-th new file)."""
    results: dict[str, Any] = {}
    runs: list[dict[str, Any]] = []
    for repeat in range(repeats):
        runs.append(
            _incremental_run(bench_root, scale_dir / "jobs" / f"nochange_{repeat}", timeout_seconds)
        )
        log(
            f"  no change #{repeat + 1}: {runs[-1]['wall_seconds']:.2f}s parsed {runs[-1]['documents_parsed_warehouse']}"
        )
    results["no_change"] = _aggregate_incremental(runs, expected_parsed=0)
    for scenario, files, prefix in (
        ("new_file", new_agreements, "bench_neu"),
        ("corrected_agreement", corrected_agreements, "bench_korrektur"),
    ):
        runs = []
        for repeat, source in enumerate(files[:repeats]):
            target = bench_root.inbox / f"{prefix}_{repeat}_{source.name}"
            shutil.copyfile(source, target)
            runs.append(
                _incremental_run(
                    bench_root, scale_dir / "jobs" / f"{scenario}_{repeat}", timeout_seconds
                )
            )
            log(
                f"  {scenario} #{repeat + 1}: {runs[-1]['wall_seconds']:.2f}s parsed {runs[-1]['documents_parsed_warehouse']}"
            )
        results[scenario] = _aggregate_incremental(runs, expected_parsed=1)
        if len(files) < repeats:
            results[scenario]["note"] = (
                f"only {len(files)} distinct documents were available for {repeats} repeats"
            )
    return results


def pick_incremental_documents(
    corpus_a: Corpus, corpus_b: Corpus, count: int
) -> tuple[list[Path], list[Path]]:
    """Agreements of the same districts and year from two seeds of a year the bench corpora lack:
    seed A's file is "one new file", seed B's is its corrected version. Chosen by parsing them
    with the project's parser, so only files it accepts as agreements are used."""
    a_by_district = _agreements_by_district(corpus_a)
    b_by_district = _agreements_by_district(corpus_b)
    shared = [ags for ags in sorted(a_by_district) if ags in b_by_district]
    # prefer PDFs: "a district sends a corrected PDF" is the case the issue describes
    shared.sort(
        key=lambda ags: (
            a_by_district[ags].suffix != ".pdf",
            b_by_district[ags].suffix != ".pdf",
            ags,
        )
    )
    chosen = shared[:count]
    return [a_by_district[ags] for ags in chosen], [b_by_district[ags] for ags in chosen]


def _agreements_by_district(corpus: Corpus) -> dict[str, Path]:
    from pipelines.parse.dispatch import parse_document
    from pipelines.reference import DistrictIndex

    districts = DistrictIndex.with_extra(corpus.extra_districts_path)
    found: dict[str, Path] = {}
    for path in document_files(corpus.path):
        if path.suffix.lower() not in (".pdf", ".txt"):
            continue
        outcome = parse_document(path.name, path.read_bytes(), districts)
        if outcome.status == "ok" and outcome.agreement is not None:
            found.setdefault(outcome.agreement.district_ags, path)
    return found
