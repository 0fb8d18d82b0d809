"""Unit tests of the bench harness' pure parts: statistics, stage mapping, verdicts, report, floor
readers and the process-tree memory sampler. No timings are asserted anywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.memory import TreeMemorySampler
from bench.report import render_markdown
from bench.scenarios.dashboard import named_query_parameters
from bench.scenarios.floor import floor_extract
from bench.stages import stage_of, stage_totals
from bench.stats import fit_power_law, percentile, ratio, summarize
from bench.targets import judge_targets


def test_summarize_gives_median_min_max_and_ignores_missing() -> None:
    summary = summarize([3.0, 1.0, None, 2.0, 10.0])
    assert (summary["median"], summary["min"], summary["max"], summary["n"]) == (2.5, 1.0, 10.0, 4)
    assert summarize([])["median"] is None


def test_percentile_interpolates_between_order_statistics() -> None:
    values = list(range(1, 101))
    assert percentile(values, 0.5) == pytest.approx(50.5)
    assert percentile(values, 0.95) == pytest.approx(95.05)
    assert percentile([], 0.5) is None


@pytest.mark.parametrize("exponent", [0.8, 1.0, 1.37])
def test_power_law_fit_recovers_the_exponent(exponent: float) -> None:
    sizes = [260, 1040, 4160, 16640]
    fit = fit_power_law(sizes, [0.01 * size**exponent for size in sizes])
    assert fit is not None
    assert fit["exponent"] == pytest.approx(exponent)
    assert fit["r_squared"] == pytest.approx(1.0)


def test_power_law_fit_needs_two_distinct_sizes() -> None:
    assert fit_power_law([100, 100], [1.0, 2.0]) is None
    assert ratio(4.0, 2.0) == 2.0 and ratio(None, 2.0) is None and ratio(1.0, 0.0) is None


@pytest.mark.parametrize(
    ("step_key", "stage"),
    [
        ("raw_documents", "register"),
        ("parsed_documents", "extract+parse"),
        ("staging__stg_agreements", "load"),
        ("mart_district_year", "marts"),
        ("published_snapshot", "publish"),
        ("check_agreements_expectations", "check"),
        ("something_else", "other"),
    ],
)
def test_stage_of_maps_step_keys_to_the_issue_stages(step_key: str, stage: str) -> None:
    assert stage_of(step_key) == stage


def test_stage_totals_sum_steps_per_stage() -> None:
    totals = stage_totals({"parsed_documents": 2.0, "parsed_decisions": 1.0, "mart_x": 0.5})
    assert totals["extract+parse"] == 3.0 and totals["marts"] == 0.5 and totals["load"] == 0.0


def _fake_result(wall: float, p95: float, memory_mb: float) -> dict:
    """A minimal bench result with the shapes bench.run writes."""
    stages = {
        stage: summarize([1.0])
        for stage in ("register", "extract+parse", "load", "marts", "check", "publish", "other")
    }
    full = {
        "documents": 300,
        "successful": 1,
        "repeats": 1,
        "wall_seconds": summarize([wall]),
        "run_ingest_seconds": summarize([wall - 2]),
        "startup_seconds": summarize([2.0]),
        "docs_per_second": summarize([300 / wall]),
        "peak_rss_mb": summarize([memory_mb]),
        "peak_tree_rss_mb": summarize([memory_mb]),
        "stages": stages,
        "floor_stages_seconds": summarize([3.0]),
        "steps": {},
        "errors": [],
    }
    incremental = {
        name: {
            "successful": 1,
            "repeats": 1,
            "wall_seconds": summarize([1.0]),
            "run_ingest_seconds": summarize([0.5]),
            "documents_parsed": [expected],
            "expected_documents_parsed": expected,
            "parsed_as_expected": True,
        }
        for name, expected in (("no_change", 0), ("new_file", 1), ("corrected_agreement", 1))
    }
    return {
        "command": "python -m bench.run --quick",
        "config": {"scales": [1], "repeats_by_scale": {"1": 1}},
        "machine": {"nproc": 2, "packages": {"duckdb": "2.0"}},
        "full_ingest": {"1": full},
        "incremental": {"1": incremental},
        "floor": {
            "1": {
                "floor_total_seconds": summarize([1.0]),
                "cores": 2,
                "documents": 300,
                "ratios": {},
            }
        },
        "dashboard": {
            "queries": {
                "1": {"queries": {"kreisvergleich[alle]": {"p50_ms": 1.0, "p95_ms": p95, "n": 5}}}
            },
            "cold_start": {
                "1": {
                    "successful": 1,
                    "repeats": 1,
                    "server_ready_seconds": summarize([1.0]),
                    "first_heading_seconds": summarize([1.5]),
                    "rendered_seconds": summarize([2.0]),
                }
            },
        },
        "growth": {"time": None},
    }


def test_targets_are_met_or_missed_by_the_figures() -> None:
    good = {
        v["name"]: v["met"]
        for v in judge_targets(_fake_result(wall=10.0, p95=5.0, memory_mb=500.0))
    }
    bad = {
        v["name"]: v["met"]
        for v in judge_targets(_fake_result(wall=20.0, p95=80.0, memory_mb=2000.0))
    }
    assert (
        good["full ingest, default corpus"] is True and bad["full ingest, default corpus"] is False
    )
    assert (
        good["slowest dashboard query p95"] is True and bad["slowest dashboard query p95"] is False
    )
    assert good["peak memory of full ingest"] is True and bad["peak memory of full ingest"] is False
    assert good["growth exponent (time)"] is None  # one scale: not measured, not "met"
    # pipeline 3 s against a 1 s floor spread over 2 cores = 6x
    ratio_verdict = next(
        v for v in judge_targets(_fake_result(10.0, 5.0, 500.0)) if v["name"].startswith("extract")
    )
    assert ratio_verdict["value"] == pytest.approx(6.0) and ratio_verdict["met"] is False


def test_markdown_report_has_every_section() -> None:
    result = _fake_result(wall=10.0, p95=5.0, memory_mb=500.0)
    result["targets"] = judge_targets(result)
    text = render_markdown(result)
    for heading in (
        "## Targets",
        "## 1. Full ingest",
        "## 2. Incremental",
        "## 3. Floor",
        "## 4. Dashboard",
        "## 5. Growth",
        "## Findings",
    ):
        assert heading in text
    assert "kreisvergleich[alle]" in text and "**missed**" in text


def test_named_query_parameters_follow_the_sql() -> None:
    context = {
        "years": [2024, 2025],
        "year": 2025,
        "districts": ["06411", "06431"],
        "district": "06431",
        "sha256s": ["ab", "cd"],
    }
    assert named_query_parameters("SELECT 1 FROM t WHERE year = ?", context) == [2025]
    assert named_query_parameters(
        "SELECT 1 FROM t WHERE list_contains(?::VARCHAR[], sha256)", context
    ) == [["ab", "cd"]]
    assert named_query_parameters(
        "SELECT 1 FROM t WHERE district_ags = ? AND year = ?", context
    ) == ["06431", 2025]


def test_floor_extract_reads_pdf_text_and_windows_1252() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for page_text in ("Zielvereinbarung 2025", "Seite zwei"):
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(text=page_text)
    characters = floor_extract(bytes(pdf.output()), "application/pdf")
    assert characters >= len("Zielvereinbarung 2025Seite zwei")
    assert floor_extract("Maßnahme für Straße".encode("cp1252"), "text/plain") == len(
        "Maßnahme für Straße"
    )


def test_tree_sampler_counts_memory_of_a_grandchild() -> None:
    # the child starts a grandchild that holds 150 MB; only a tree-wide sampler sees it
    grandchild = "b = bytearray(150 * 2**20); import time; time.sleep(1.5)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    process = subprocess.Popen([sys.executable, "-c", child])
    with TreeMemorySampler(process.pid, interval_seconds=0.05) as sampler:
        process.wait()
    assert sampler.peak_bytes > 140 * 2**20


def test_rerender_rewrites_markdown_from_json(tmp_path) -> None:
    import json

    from bench.report import rerender

    result = _fake_result(wall=10.0, p95=5.0, memory_mb=500.0)
    result["targets"] = judge_targets(result)
    (tmp_path / "latest.json").write_text(json.dumps(result), encoding="utf-8")
    markdown = rerender(tmp_path).read_text(encoding="utf-8")
    assert markdown.startswith("# AQB Monitor benchmark") and "## Findings" in markdown


def test_full_table_downloads_are_judged_apart_from_page_queries() -> None:
    result = _fake_result(wall=10.0, p95=5.0, memory_mb=500.0)
    result["dashboard"]["queries"]["1"]["queries"]["projekte[alle]"] = {
        "p50_ms": 90.0,
        "p95_ms": 120.0,
        "n": 5,
        "kind": "download",
    }
    verdicts = {verdict["name"]: verdict for verdict in judge_targets(result)}
    assert verdicts["slowest dashboard query p95"]["value"] == 5.0
    assert verdicts["slowest full-table download p95"]["value"] == 120.0
    assert verdicts["slowest full-table download p95"]["met"] is False


def test_growth_verdict_takes_the_worse_of_run_time_and_parse_step() -> None:
    from bench.targets import _growth_verdict

    sizes = [900, 3600, 14400]
    flat = fit_power_law(sizes, [10 + 0.001 * size for size in sizes])  # start-up cost hides growth
    steep = fit_power_law(sizes, [0.0001 * size**1.3 for size in sizes])
    verdict = _growth_verdict({"time": flat, "parse_step": steep})
    assert verdict["value"] == pytest.approx(1.3) and verdict["met"] is False
    assert "parse step" in verdict["where"]
    assert _growth_verdict({})["met"] is None


def test_a_scenarios_figures_are_printed_and_kept_when_asked(tmp_path, capsys) -> None:
    import json

    from bench.scenarios import print_figures

    figures = {"exact": 3, "reason": "Maßnahmenliste unsicher gelesen"}
    print_figures(figures, None)
    assert json.loads(capsys.readouterr().out) == figures
    kept = tmp_path / "figures.json"
    print_figures(figures, kept)
    assert kept.read_text(encoding="utf-8").endswith('gelesen"\n}\n')
    assert json.loads(kept.read_text(encoding="utf-8")) == figures
