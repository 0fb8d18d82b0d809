"""``python -m bench.run [--scales 1,4,16,64] [--repeats N] [--quick]``: the whole benchmark.

Per scale: generate (or reuse) the corpus, run the full ingest N times, then, on the warehouse
the last run loaded, the dashboard queries and cold start, the floor, and the incremental runs;
finally growth fits and target verdicts. Writes ``bench/results/latest.json`` and ``latest.md``.
A scenario that fails is recorded in the report and the bench carries on.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.corpora import DEFAULT_DEFECT_RATE, DEFAULT_SEED, Corpus, ensure_corpus, link_copy
from bench.machine import load_average, machine_info
from bench.report import render_markdown
from bench.stats import fit_power_law, ratio, summarize
from bench.subproc import run_worker
from bench.targets import judge_targets
from bench.workspace import BenchRoot
from pipelines.config import PROJECT_ROOT
from pipelines.watch import DEFAULT_INTERVAL_SECONDS as WATCH_INTERVAL_SECONDS

BENCH_DIR = Path(__file__).resolve().parent
SCENARIOS = ("full", "dashboard", "coldstart", "floor", "incremental")
# A year none of the bench corpora contain: its agreements are genuinely new documents.
INCREMENTAL_YEAR = 2015
INCREMENTAL_SEEDS = (20150101, 20150202)  # seed B re-issues seed A's agreements: corrections


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--scales", default="1,4,16,64", help="corpus scales, comma-separated (default 1,4,16,64)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="repeats per scenario (default 3)")
    parser.add_argument(
        "--repeats-by-scale",
        default="16:2,64:1",
        help="cap repeats from a scale up, SCALE:N,... (default 16:2,64:1, to fit the time budget)",
    )
    parser.add_argument(
        "--floor-scales", default="1,4,16", help="scales for the floor scenario (default 1,4,16)"
    )
    parser.add_argument(
        "--incremental-scales",
        default="1,16",
        help="scales for the incremental scenario (default 1,16)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="scale 1 only, one repeat, few query samples"
    )
    parser.add_argument(
        "--years", default="2016-2025", help="corpus years FROM-TO (default 2016-2025)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--defects", type=float, default=DEFAULT_DEFECT_RATE)
    parser.add_argument(
        "--scenarios", default=",".join(SCENARIOS), help=f"subset of {','.join(SCENARIOS)}"
    )
    parser.add_argument(
        "--query-samples", type=int, default=30, help="timed calls per dashboard query (default 30)"
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=BENCH_DIR / "work",
        help="corpora and scratch warehouses (git-ignored)",
    )
    parser.add_argument(
        "--results-dir",
        type=Path,
        default=BENCH_DIR / "results",
        help="where latest.json/latest.md go",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600.0, help="seconds before one ingest is killed"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep scratch warehouses under --work-dir/runs"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.repeats, args.query_samples = "1", 1, min(args.query_samples, 5)
        args.floor_scales = args.incremental_scales = "1"
    return args


def repeats_for(scale: int, args: argparse.Namespace) -> int:
    """Repeats at ``scale``: ``--repeats``, capped by the largest ``--repeats-by-scale`` entry
    at or below it (big corpora take minutes per run)."""
    caps = {}
    for item in filter(None, args.repeats_by_scale.split(",")):
        from_scale, count = item.split(":")
        caps[int(from_scale)] = int(count)
    applicable = [count for from_scale, count in sorted(caps.items()) if from_scale <= scale]
    return min(args.repeats, applicable[-1]) if applicable else args.repeats


def _scale_list(text: str) -> list[int]:
    return [int(value) for value in text.split(",") if value.strip()]


class Bench:
    """Holds the result being built and records scenario failures instead of stopping."""

    def __init__(self, args: argparse.Namespace, argv: Sequence[str] | None) -> None:
        self.args = args
        self.scales = [int(value) for value in args.scales.split(",") if value.strip()]
        self.scenarios = {value.strip() for value in args.scenarios.split(",") if value.strip()}
        first, last = (int(value) for value in args.years.split("-"))
        self.years = (first, last)
        self.runs_dir = args.work_dir / "runs"
        command = " ".join(
            shlex.quote(part) for part in (argv if argv is not None else sys.argv[1:])
        )
        self.result: dict[str, Any] = {
            "command": f"python -m bench.run {command}".strip(),
            "config": {
                "scales": self.scales,
                "repeats_by_scale": {str(scale): repeats_for(scale, args) for scale in self.scales},
                "years": list(self.years),
                "seed": args.seed,
                "defect_rate": args.defects,
                "query_samples": args.query_samples,
                "scenarios": sorted(self.scenarios),
            },
            "notes": [],
            "corpora": {},
            "full_ingest": {},
            "incremental": {},
            "floor": {},
            "dashboard": {"queries": {}, "cold_start": {}},
            "errors": [],
        }
        capped = {scale: repeats_for(scale, args) for scale in self.scales}
        if any(count < args.repeats for count in capped.values()):
            self.result["notes"].append(
                f"Repeats were capped at larger scales to fit the time budget ({capped}); with one "
                "repeat, min and max are that single value."
            )
        self.floor_scales = set(_scale_list(args.floor_scales))
        self.incremental_scales = set(_scale_list(args.incremental_scales))
        self.result["config"]["floor_scales"] = sorted(self.floor_scales & set(self.scales))
        self.result["config"]["incremental_scales"] = sorted(
            self.incremental_scales & set(self.scales)
        )

    def log(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

    def guarded(self, label: str, action: Callable[[], Any]) -> Any:
        """Run one scenario; a failure becomes a line in the report, not the end of the bench."""
        try:
            return action()
        except Exception as error:
            self.result["errors"].append(f"{label}: {type(error).__name__}: {error}")
            self.log(f"{label} FAILED: {error}\n{traceback.format_exc()}")
            return None

    # --- per scale ---------------------------------------------------------------------------

    def run_scale(self, scale: int) -> None:
        args = self.args
        repeats = repeats_for(scale, args)
        self.log(f"scale x{scale}: corpus")
        corpus: Corpus | None = self.guarded(
            f"corpus x{scale}",
            lambda: ensure_corpus(args.work_dir, scale, self.years, args.seed, args.defects),
        )
        if corpus is None:
            return
        self.result["corpora"][str(scale)] = corpus.to_json()
        self.log(
            f"  {corpus.document_count} documents ({'reused' if corpus.reused else f'generated in {corpus.generation_seconds:.1f}s'})"
        )
        scale_dir = self.runs_dir / f"x{scale}"
        shutil.rmtree(scale_dir, ignore_errors=True)
        inbox = link_copy(corpus.path, scale_dir / "inbox")
        loaded: BenchRoot | None = None
        if (
            "full" in self.scenarios
            or "incremental" in self.scenarios
            or "dashboard" in self.scenarios
            or "coldstart" in self.scenarios
        ):
            from bench.scenarios.ingest import run_full_ingest

            outcome = self.guarded(
                f"full ingest x{scale}",
                lambda: run_full_ingest(corpus, scale_dir, inbox, repeats, self.log, args.timeout),
            )
            if outcome is not None:
                self.result["full_ingest"][str(scale)], loaded = outcome
        if loaded is not None and "dashboard" in self.scenarios:
            self.guarded(
                f"dashboard queries x{scale}",
                lambda: self.dashboard_queries(scale, loaded, scale_dir),
            )
        if (
            loaded is not None
            and "coldstart" in self.scenarios
            and not self.has_snapshot(scale, loaded)
        ):
            self.result["errors"].append(
                f"cold start x{scale}: skipped, the ingest published no snapshot (the app would show its empty state)"
            )
        elif loaded is not None and "coldstart" in self.scenarios:
            self.guarded(
                f"cold start x{scale}", lambda: self.cold_start(scale, loaded, scale_dir, repeats)
            )
        if "floor" in self.scenarios and scale in self.floor_scales:
            self.guarded(f"floor x{scale}", lambda: self.floor(scale, corpus, scale_dir))
        if (
            loaded is not None
            and "incremental" in self.scenarios
            and scale in self.incremental_scales
        ):
            self.guarded(
                f"incremental x{scale}", lambda: self.incremental(scale, loaded, scale_dir, repeats)
            )
        if not args.keep:
            shutil.rmtree(scale_dir, ignore_errors=True)

    def has_snapshot(self, scale: int, bench_root: BenchRoot) -> bool:
        try:
            self.snapshot_path(scale, bench_root)
        except RuntimeError:
            return False
        return True

    def snapshot_path(self, scale: int, bench_root: BenchRoot) -> Path:
        summary = self.result["full_ingest"][str(scale)].get("last_summary") or {}
        if summary.get("snapshot_path") and Path(summary["snapshot_path"]).is_file():
            return Path(summary["snapshot_path"])
        from pipelines.exports.snapshot import locate_snapshot

        ref = locate_snapshot(bench_root.publish_dir)
        if ref is None:
            raise RuntimeError(
                f"no published snapshot under {bench_root.publish_dir}: the ingest did not publish"
            )
        return ref.path

    def dashboard_queries(self, scale: int, bench_root: BenchRoot, scale_dir: Path) -> None:
        config = {
            "snapshot_path": str(self.snapshot_path(scale, bench_root)),
            "samples": self.args.query_samples,
            "env": bench_root.environment(),
        }
        result = run_worker("queries", config, scale_dir / "jobs" / "queries", self.args.timeout)
        result.pop("memory_timeline", None)
        if not result.get("ok"):
            raise RuntimeError(result.get("error") or "queries worker failed")
        worst = max((q.get("p95_ms") or 0 for q in result["queries"].values()), default=0)
        self.log(
            f"  dashboard x{scale}: {len(result['queries'])} queries, slowest p95 {worst:.1f} ms"
        )
        self.result["dashboard"]["queries"][str(scale)] = result

    def cold_start(self, scale: int, bench_root: BenchRoot, scale_dir: Path, repeats: int) -> None:
        from bench.scenarios.coldstart import run_cold_start

        result = run_cold_start(bench_root, scale_dir / "jobs" / "coldstart", repeats)
        self.log(
            f"  cold start x{scale}: rendered median {result['rendered_seconds']['median']} s {result['errors'] or ''}"
        )
        self.result["dashboard"]["cold_start"][str(scale)] = result

    def floor(self, scale: int, corpus: Corpus, scale_dir: Path) -> None:
        config = {
            "corpus_dir": str(corpus.path),
            "extra_districts_path": str(corpus.extra_districts_path)
            if corpus.extra_districts_path
            else None,
            "db_path": str(scale_dir / "floor.duckdb"),
        }
        runs = []
        for repeat in range(repeats_for(scale, self.args)):
            run = run_worker(
                "floor", config, scale_dir / "jobs" / f"floor_{repeat}", self.args.timeout
            )
            if not run.get("ok"):
                raise RuntimeError(run.get("error") or "floor worker failed")
            runs.append(run)
        self.result["floor"][str(scale)] = aggregate_floor(
            runs, self.result["full_ingest"].get(str(scale))
        )
        self.log(
            f"  floor x{scale}: extract {runs[-1]['floor_extract_seconds']:.2f}s, insert {runs[-1]['load_insert_seconds']:.3f}s"
        )

    def incremental(self, scale: int, bench_root: BenchRoot, scale_dir: Path, repeats: int) -> None:
        from bench.scenarios.ingest import pick_incremental_documents, run_incremental
        from bench.scenarios.watch import run_watch_scenario

        corpus_a = ensure_corpus(
            self.args.work_dir, 1, (INCREMENTAL_YEAR, INCREMENTAL_YEAR), INCREMENTAL_SEEDS[0], 0.0
        )
        corpus_b = ensure_corpus(
            self.args.work_dir, 1, (INCREMENTAL_YEAR, INCREMENTAL_YEAR), INCREMENTAL_SEEDS[1], 0.0
        )
        # the first ``repeats`` districts go to cold ingests, the next ones to ``aqb watch``
        new_files, corrected_files = pick_incremental_documents(corpus_a, corpus_b, 2 * repeats)
        if not new_files:
            raise RuntimeError(
                f"no agreement of {INCREMENTAL_YEAR} parsed in both seeds: nothing to add incrementally"
            )
        results = run_incremental(
            bench_root,
            new_files[:repeats],
            corrected_files[:repeats],
            scale_dir,
            repeats,
            self.log,
            self.args.timeout,
        )
        watch_results = run_watch_scenario(
            bench_root,
            new_files[repeats:],
            corrected_files[repeats:],
            scale_dir / "jobs" / "watch",
            self.args.timeout,
            WATCH_INTERVAL_SECONDS,
        )
        for name, data in watch_results.items():
            self.log(
                f"  {name}: latency {data['wall_seconds'].get('median') or 0:.2f}s "
                f"parsed {data['documents_parsed']} {'; '.join(data['errors'])}"
            )
        self.result["incremental"][str(scale)] = {**results, **watch_results}

    # --- across scales -------------------------------------------------------------------------

    def growth(self) -> None:
        self.result["growth"] = growth_fits(self.result["full_ingest"])

    def write(self, started: float) -> tuple[Path, Path]:
        self.result["bench_seconds"] = time.perf_counter() - started
        self.result["targets"] = judge_targets(self.result)
        self.args.results_dir.mkdir(parents=True, exist_ok=True)
        json_path = self.args.results_dir / "latest.json"
        md_path = self.args.results_dir / "latest.md"
        json_path.write_text(json.dumps(self.result, indent=1, default=str), encoding="utf-8")
        md_path.write_text(render_markdown(self.result), encoding="utf-8")
        return json_path, md_path


def growth_fits(full_ingest: dict[str, Any]) -> dict[str, Any]:
    """Exponents of time and memory against documents over the scales with a successful run, and
    of the parse step alone over every run that finished it (a later step failing does not make
    its parse time wrong, and parsing is where superlinear cost would hide)."""
    points, parse_points = [], []
    for scale, data in sorted(full_ingest.items(), key=lambda item: int(item[0])):
        if data["successful"]:
            points.append(
                {
                    "scale": int(scale),
                    "documents": data["documents"],
                    "run_seconds": data["run_ingest_seconds"]["median"],
                    "wall_seconds": data["wall_seconds"]["median"],
                    "peak_tree_rss_mb": data["peak_tree_rss_mb"]["median"],
                }
            )
        parse_seconds = [
            run["steps"]["parsed_documents"]
            for run in data["runs"]
            if "parsed_documents" in run.get("steps", {})
        ]
        if parse_seconds:
            parse_points.append((data["documents"], summarize(parse_seconds)["median"]))
    sizes = [point["documents"] for point in points]
    return {
        "points": points,
        "time": fit_power_law(sizes, [point["run_seconds"] for point in points]),
        "wall": fit_power_law(sizes, [point["wall_seconds"] for point in points]),
        "memory": fit_power_law(sizes, [point["peak_tree_rss_mb"] for point in points]),
        "parse_step": fit_power_law(
            [size for size, _ in parse_points], [seconds for _, seconds in parse_points]
        ),
        "parse_points": [
            {"documents": size, "parse_seconds": seconds} for size, seconds in parse_points
        ],
    }


def aggregate_floor(runs: list[dict[str, Any]], full: dict[str, Any] | None) -> dict[str, Any]:
    """Floor figures over repeats, and the pipeline's stage times as ratios to them."""
    keys = (
        "read_seconds",
        "floor_extract_seconds",
        "project_extract_seconds",
        "project_parse_seconds",
        "load_rows_build_seconds",
        "load_arrow_build_seconds",
        "load_insert_seconds",
    )
    result: dict[str, Any] = {key: summarize([run[key] for run in runs]) for key in keys}
    result["floor_total_seconds"] = summarize(
        [run["floor_extract_seconds"] + run["load_insert_seconds"] for run in runs]
    )
    result["documents"] = runs[-1]["documents"]
    result["rows"] = runs[-1]["load_rows"]
    result["parse_errors"] = runs[-1]["errors"]
    result["peak_tree_rss_mb"] = summarize([run["peak_tree_rss_mb"] for run in runs])
    result["cores"] = len(os.sched_getaffinity(0))
    result["ratios"] = {}
    if full and full.get("successful"):
        stages = full["stages"]
        pipeline = full["floor_stages_seconds"]["median"]
        floor_total = result["floor_total_seconds"]["median"]
        result["ratios"] = {
            "pipeline_floor_stages_seconds": pipeline,
            "ratio_to_serial_floor": ratio(pipeline, floor_total),
            "ratio_to_parallel_floor": ratio(pipeline, floor_total / result["cores"]),
            "extract_parse_vs_floor_extract": ratio(
                stages["extract+parse"]["median"], result["floor_extract_seconds"]["median"]
            ),
            "extract_parse_vs_project_parse": ratio(
                stages["extract+parse"]["median"], result["project_parse_seconds"]["median"]
            ),
            "load_vs_floor_insert": ratio(
                stages["load"]["median"], result["load_insert_seconds"]["median"]
            ),
            "register_seconds": stages["register"]["median"],
        }
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args, argv)
    started = time.perf_counter()
    bench.result["machine"] = machine_info(PROJECT_ROOT)
    for scale in bench.scales:
        bench.run_scale(scale)
        bench.growth()
        bench.write(started)  # a partial report survives an interrupted long bench
    bench.result["machine"]["load_average_at_end"] = load_average()
    if bench.result["machine"]["load_average_at_start"][0] > 0.5:
        bench.result["notes"].append(
            f"The machine was not idle at the start (1-min load {bench.result['machine']['load_average_at_start'][0]}); "
            "other work on the 2 cores inflates the times."
        )
    json_path, md_path = bench.write(started)
    bench.log(f"report: {md_path} and {json_path}")
    for verdict in bench.result["targets"]:
        bench.log(f"  {verdict['name']}: {verdict['value']} {verdict['unit']} -> {verdict['met']}")
    return 0 if not bench.result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
