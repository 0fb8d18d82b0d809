"""Render a bench result (the JSON written to ``latest.json``) as ``latest.md``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.stages import STAGES

FINDINGS_FILE = Path(__file__).resolve().parent / "findings.md"


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _mmm(summary: dict[str, Any] | None, digits: int = 2) -> str:
    """ "median (min–max)" of a summary, or a dash."""
    if not summary or summary.get("median") is None:
        return "–"
    if summary["n"] == 1:
        return _fmt(summary["median"], digits)
    return f"{_fmt(summary['median'], digits)} ({_fmt(summary['min'], digits)}–{_fmt(summary['max'], digits)})"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines + [""]


def _machine(result: dict[str, Any]) -> list[str]:
    machine = result.get("machine", {})
    packages = ", ".join(
        f"{name} {version}" for name, version in machine.get("packages", {}).items() if version
    )
    return [
        "## Machine",
        "",
        f"- Date (UTC): {machine.get('date_utc')}; commit {machine.get('git_commit')}",
        f"- CPU: {machine.get('cpu_model')}; nproc {machine.get('nproc')}; RAM {machine.get('ram_gib')} GiB; {machine.get('os')}",
        f"- Python {machine.get('python')}; {packages}",
        f"- Browser: {machine.get('chromium')}",
        f"- Load average (1/5/15 min) at start {machine.get('load_average_at_start')}, at end {machine.get('load_average_at_end')}",
        "",
    ]


def _targets(result: dict[str, Any]) -> list[str]:
    rows = []
    for verdict in result.get("targets", []):
        met = {True: "met", False: "**missed**", None: "not measured"}[verdict["met"]]
        rows.append(
            [
                verdict["name"],
                verdict["target"],
                f"{_fmt(verdict['value'])} {verdict['unit']}".strip(),
                verdict["where"],
                met,
            ]
        )
    return ["## Targets", ""] + _table(["what", "target", "reached", "where", "verdict"], rows)


def _full_ingest(result: dict[str, Any]) -> list[str]:
    rows, stage_rows = [], []
    for scale, data in result.get("full_ingest", {}).items():
        rows.append(
            [
                f"x{scale}",
                str(data["documents"]),
                f"{data['successful']}/{data['repeats']}",
                _mmm(data["wall_seconds"]),
                _mmm(data["run_ingest_seconds"]),
                _mmm(data["startup_seconds"]),
                _mmm(data["docs_per_second"], 1),
                _mmm(data["peak_rss_mb"], 0),
                _mmm(data["peak_tree_rss_mb"], 0),
            ]
        )
        stage_rows.append([f"x{scale}"] + [_mmm(data["stages"].get(stage), 2) for stage in STAGES])
    lines = ["## 1. Full ingest (real Dagster job, fresh process and empty warehouse per run)", ""]
    lines += _table(
        [
            "scale",
            "docs",
            "runs ok",
            "wall s",
            "run_ingest s",
            "start-up s",
            "docs/s",
            "peak RSS MB (largest process)",
            "peak RSS MB (process tree)",
        ],
        rows,
    )
    lines += ["Seconds per stage (sum of Dagster step durations, median (min–max)):", ""]
    lines += _table(["scale", *STAGES], stage_rows)
    for scale, data in result.get("full_ingest", {}).items():
        if data.get("steps"):
            lines += [f"<details><summary>Steps at x{scale}</summary>", ""]
            memory = data.get("step_peak_rss_mb", {})
            lines += _table(
                ["step", "seconds", "peak RSS MB of the process tree while it ran"],
                [
                    [key, _mmm(value, 3), _mmm(memory.get(key), 0)]
                    for key, value in data["steps"].items()
                ],
            )
            lines += ["</details>", ""]
        for error in data.get("errors", []):
            lines.append(f"- x{scale} error: {error}")
    return lines + [""]


def _incremental(result: dict[str, Any]) -> list[str]:
    rows = []
    for scale, scenarios in result.get("incremental", {}).items():
        for name, data in scenarios.items():
            if not isinstance(data, dict) or "wall_seconds" not in data:
                continue
            rows.append(
                [
                    f"x{scale}",
                    name,
                    f"{data['successful']}/{data['repeats']}",
                    _mmm(data["wall_seconds"]),
                    _mmm(data["run_ingest_seconds"]),
                    str(data["documents_parsed"]),
                    str(data["expected_documents_parsed"]),
                    "yes" if data["parsed_as_expected"] else "**no**",
                ]
            )
    lines = ["## 2. Incremental (on the loaded warehouse of the last full ingest)", ""]
    lines += _table(
        [
            "scale",
            "scenario",
            "runs ok",
            "wall s",
            "run_ingest s",
            "documents parsed (warehouse)",
            "expected",
            "as expected",
        ],
        rows,
    )
    watched = [
        data
        for scenarios in result.get("incremental", {}).values()
        for name, data in scenarios.items()
        if name.endswith("_watch") and isinstance(data, dict)
    ]
    if watched:
        lines += [
            "",
            "no_change, new_file and corrected_agreement: a fresh `aqb ingest` process each (wall "
            "includes interpreter start and imports). `*_watch`: one `aqb watch` worker, started "
            f"and warmed up once ({_fmt(watched[0].get('warm_up_seconds') or 0.0, 1)} s), polling every "
            f"{watched[0].get('interval_seconds')} s; wall is the time from copying the file into "
            "the inbox to the end of the ingest that published it (polling and settling included), "
            "run_ingest the ingest alone.",
        ]
    for scenarios in result.get("incremental", {}).values():
        for name, data in scenarios.items():
            for error in (data.get("errors") or []) if isinstance(data, dict) else []:
                lines.append(f"- {name} error: {error}")
    return lines + [""]


def _floor(result: dict[str, Any]) -> list[str]:
    rows = []
    for scale, data in result.get("floor", {}).items():
        ratios = data.get("ratios", {})
        rows.append(
            [
                f"x{scale}",
                str(data.get("documents")),
                _mmm(data.get("floor_extract_seconds")),
                _mmm(data.get("project_extract_seconds")),
                _mmm(data.get("project_parse_seconds")),
                _mmm(data.get("load_insert_seconds"), 3),
                _mmm(data.get("floor_total_seconds")),
                _fmt(ratios.get("pipeline_floor_stages_seconds")),
                _fmt(ratios.get("ratio_to_serial_floor")),
                _fmt(ratios.get("ratio_to_parallel_floor")),
                _fmt(ratios.get("extract_parse_vs_floor_extract")),
                _fmt(ratios.get("load_vs_floor_insert")),
            ]
        )
    lines = [
        "## 3. Floor (bare extraction + bare bulk insert, one process)",
        "",
        "Floor extract: pypdfium2 page text / plain decode / openpyxl read-only. Floor load: one Arrow bulk insert of",
        "the parsed rows into a fresh DuckDB file. Project extract/parse: the project's functions called bare (parse",
        "includes its own extraction). Pipeline: register + extract+parse + load steps of the full ingest (median).",
        "Ratio to parallel floor divides the floor by the cores, since the pipeline parses on all cores.",
        "",
    ]
    lines += _table(
        [
            "scale",
            "docs",
            "floor extract s",
            "project extract s",
            "project parse s",
            "floor insert s",
            "floor total s",
            "pipeline s",
            "pipeline/floor",
            "pipeline/(floor/cores)",
            "extract+parse step / floor extract",
            "load steps / floor insert",
        ],
        rows,
    )
    return lines


def _dashboard(result: dict[str, Any]) -> list[str]:
    dashboard = result.get("dashboard", {})
    lines = [
        "## 4. Dashboard",
        "",
        "Query latency (each page's query functions, uncached, against the published snapshot;",
        "[alle] of a filterable table is the full-table download, [jahr]/[kreis]/[jahr+kreis] what pages run):",
        "",
    ]
    for scale, data in dashboard.get("queries", {}).items():
        rows = [
            [
                name,
                query.get("kind", "page"),
                query.get("page", ""),
                str(query.get("rows")),
                _fmt(query.get("cold_ms"), 1),
                _fmt(query.get("p50_ms"), 1),
                _fmt(query.get("p95_ms"), 1),
                str(query.get("n")),
            ]
            for name, query in data.get("queries", {}).items()
        ]
        lines += [f"**x{scale}** (snapshot {data.get('snapshot_path')})", ""]
        lines += _table(
            [
                "query",
                "kind",
                "used on page",
                "rows",
                "first call ms",
                "p50 ms",
                "p95 ms",
                "samples",
            ],
            rows,
        )
        for error in data.get("errors", []):
            lines.append(f"- error: {error}")
    rows = [
        [
            f"x{scale}",
            f"{data['successful']}/{data['repeats']}",
            _mmm(data["server_ready_seconds"]),
            _mmm(data["first_heading_seconds"]),
            _mmm(data["rendered_seconds"]),
            str(data.get("exceptions_on_page")),
            str(data.get("page_title")),
        ]
        for scale, data in dashboard.get("cold_start", {}).items()
    ]
    lines += [
        "Cold start (`streamlit run dashboards/streamlit_app.py` spawned -> first page rendered in headless Chromium):",
        "",
    ]
    lines += _table(
        [
            "scale",
            "runs ok",
            "server healthy s",
            "heading visible s",
            "page rendered s",
            "exceptions on page",
            "title",
        ],
        rows,
    )
    for scale, data in dashboard.get("cold_start", {}).items():
        for error in data.get("errors", []):
            lines.append(f"- x{scale} cold start error: {error}")
    return lines + [""]


def _growth(result: dict[str, Any]) -> list[str]:
    growth = result.get("growth", {})
    rows = []
    for label, key in (
        ("run time (excl. process start-up)", "time"),
        ("wall time (incl. start-up)", "wall"),
        ("peak memory (process tree)", "memory"),
        ("parse step alone (every run that finished it)", "parse_step"),
    ):
        fit = growth.get(key)
        rows.append(
            [
                label,
                _fmt(fit["exponent"], 3) if fit else "–",
                _fmt(fit["r_squared"], 3) if fit else "–",
                str(fit["points"]) if fit else "–",
            ]
        )
    lines = ["## 5. Growth (least squares on log-log, median per scale; 1.0 = linear)", ""]
    lines += _table(["cost", "exponent", "R²", "points"], rows)
    points = growth.get("points", [])
    if points:
        lines += _table(
            ["scale", "docs", "run s", "wall s", "peak tree MB"],
            [
                [
                    f"x{p['scale']}",
                    str(p["documents"]),
                    _fmt(p["run_seconds"]),
                    _fmt(p["wall_seconds"]),
                    _fmt(p["peak_tree_rss_mb"], 0),
                ]
                for p in points
            ],
        )
    return lines


def render_markdown(result: dict[str, Any]) -> str:
    """The whole report: targets first (what a reader wants), then each scenario, then findings."""
    config = result.get("config", {})
    lines = [
        "# AQB Monitor benchmark",
        "",
        f"Command: `{result.get('command')}`  ",
        f"Scales: {config.get('scales')}; repeats per scale: {config.get('repeats_by_scale')}; total bench time {_fmt(result.get('bench_seconds'), 0)} s",
        "",
    ]
    for note in result.get("notes", []):
        lines.append(f"- {note}")
    lines.append("")
    lines += _machine(result)
    lines += _targets(result)
    corpora = result.get("corpora", {})
    if corpora:
        lines += ["## Corpora", ""]
        lines += _table(
            ["scale", "documents", "MB", "generation s", "reused"],
            [
                [
                    f"x{scale}",
                    str(c["document_count"]),
                    _fmt(c["total_bytes"] / 2**20, 1),
                    _fmt(c["generation_seconds"]),
                    str(c["reused"]),
                ]
                for scale, c in corpora.items()
            ],
        )
    lines += (
        _full_ingest(result)
        + _incremental(result)
        + _floor(result)
        + _dashboard(result)
        + _growth(result)
    )
    lines += ["## Findings", ""]
    if FINDINGS_FILE.is_file():
        lines += [FINDINGS_FILE.read_text(encoding="utf-8").strip(), ""]
    else:
        lines += ["(none written yet)", ""]
    errors = result.get("errors", [])
    if errors:
        lines += ["## Errors during the bench", ""] + [f"- {error}" for error in errors] + [""]
    return "\n".join(lines)


def rerender(results_dir: Path) -> Path:
    """Re-judge the targets and re-write ``latest.md`` from ``latest.json`` (e.g. after editing
    ``bench/findings.md``) without running the bench again."""
    import json

    from bench.targets import judge_targets

    json_path = results_dir / "latest.json"
    result = json.loads(json_path.read_text(encoding="utf-8"))
    result["targets"] = judge_targets(result)  # verdicts follow the current rules
    json_path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    md_path = results_dir / "latest.md"
    md_path.write_text(render_markdown(result), encoding="utf-8")
    return md_path


if __name__ == "__main__":
    import sys

    print(
        rerender(
            Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "results"
        )
    )
