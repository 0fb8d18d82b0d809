"""Smoke test of the whole bench harness on a tiny corpus (one year, one repeat).

It runs the real pipeline through every scenario and asserts the report's structure: medians
present, ratios computed, every target judged, the no-change run parsing nothing. It never
asserts a timing (the CI machine's speed is not the harness' business).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def bench_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, int]:
    from bench.run import main

    root = tmp_path_factory.mktemp("bench")
    scenarios = "full,dashboard,floor,incremental" + (",coldstart" if CHROMIUM.exists() else "")
    exit_code = main(
        [
            "--scales",
            "1",
            "--repeats",
            "1",
            "--years",
            "2025-2025",
            "--query-samples",
            "2",
            "--scenarios",
            scenarios,
            "--work-dir",
            str(root / "work"),
            "--results-dir",
            str(root / "results"),
        ]
    )
    result = json.loads((root / "results" / "latest.json").read_text(encoding="utf-8"))
    markdown = (root / "results" / "latest.md").read_text(encoding="utf-8")
    return result, markdown, exit_code


def test_bench_runs_without_scenario_errors(bench_report) -> None:
    result, _, exit_code = bench_report
    assert result["errors"] == []
    assert exit_code == 0


def test_full_ingest_reports_medians_memory_and_stages(bench_report) -> None:
    full = bench_report[0]["full_ingest"]["1"]
    assert full["successful"] == 1 and full["documents"] > 26
    for key in (
        "wall_seconds",
        "run_ingest_seconds",
        "docs_per_second",
        "peak_rss_mb",
        "peak_tree_rss_mb",
    ):
        assert full[key]["median"] is not None and full[key]["median"] > 0, key
    assert full["peak_tree_rss_mb"]["median"] >= full["peak_rss_mb"]["median"]
    assert full["steps"], "no Dagster step timings were read from the event log"
    assert full["stages"]["extract+parse"]["median"] > 0


def test_incremental_no_change_parses_nothing_and_new_files_parse_one(bench_report) -> None:
    incremental = bench_report[0]["incremental"]["1"]
    assert incremental["no_change"]["documents_parsed"] == [0]
    assert incremental["new_file"]["documents_parsed"] == [1]
    assert incremental["corrected_agreement"]["documents_parsed"] == [1]


def test_watch_publishes_each_dropped_file_with_its_latency(bench_report) -> None:
    incremental = bench_report[0]["incremental"]["1"]
    for scenario in ("new_file_watch", "corrected_agreement_watch"):
        watched = incremental[scenario]
        assert watched["documents_parsed"] == [1] and watched["parsed_as_expected"], watched
        assert watched["errors"] == []
        latency, run_time = (
            watched["wall_seconds"]["median"],
            watched["run_ingest_seconds"]["median"],
        )
        assert latency >= run_time > 0  # the latency includes the ingest that published the file


def test_floor_ratios_are_computed(bench_report) -> None:
    floor = bench_report[0]["floor"]["1"]
    assert floor["floor_extract_seconds"]["median"] > 0
    assert floor["rows"]["agreements"] > 0
    assert floor["ratios"]["ratio_to_parallel_floor"] is not None


def test_dashboard_queries_have_percentiles(bench_report) -> None:
    dashboard = bench_report[0]["dashboard"]
    queries = dashboard["queries"]["1"]["queries"]
    measured = [query for query in queries.values() if "p95_ms" in query]
    assert len(measured) >= 5 and not dashboard["queries"]["1"]["errors"]
    assert all(query["p95_ms"] >= query["p50_ms"] for query in measured)
    if CHROMIUM.exists():
        cold = dashboard["cold_start"]["1"]
        assert cold["successful"] == 1 and cold["rendered_seconds"]["median"] > 0
        assert cold["exceptions_on_page"] == [0]


def test_every_target_is_judged_and_rendered(bench_report) -> None:
    result, markdown, _ = bench_report
    names = [verdict["name"] for verdict in result["targets"]]
    assert len(names) == 10
    judged = {verdict["name"]: verdict["met"] for verdict in result["targets"]}
    assert judged["full ingest, default corpus"] is not None
    assert judged["growth exponent (time)"] is None  # one scale cannot give an exponent
    assert "## Targets" in markdown and "## Findings" in markdown
    assert result["machine"]["nproc"] and result["machine"]["packages"]["duckdb"]
