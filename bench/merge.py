"""``python -m bench.merge MAIN.json [PART.json]``: merge a partial re-run into a result, or
re-apply the current rules to a result.

A long bench can lose one scale to something outside the bench (a concurrent change to the code
under test, a killed process). Re-running only that scale and merging it keeps the other scales'
figures; the merged report says which command produced which scale. Aggregates, growth fits and
verdicts are recomputed from the raw runs, so both parts follow the same rules.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.report import render_markdown
from bench.run import growth_fits
from bench.scenarios.ingest import _aggregate_runs
from bench.targets import judge_targets


def _reaggregate(full_ingest: dict[str, Any]) -> dict[str, Any]:
    """Full-ingest aggregates rebuilt from their runs (a run whose Dagster run failed is not ok)."""
    rebuilt = {}
    for scale, data in full_ingest.items():
        for run in data["runs"]:
            run["ok"] = (
                bool(run["ok"]) and (run.get("summary") or {}).get("run_success") is not False
            )
            if not run["ok"] and not run.get("error"):
                run["error"] = (
                    "; ".join((run.get("summary") or {}).get("failures") or []) or "run failed"
                )
        rebuilt[scale] = _aggregate_runs(data["runs"], data["documents"])
    return rebuilt


def _classify_queries(queries_by_scale: dict[str, Any]) -> None:
    """Mark results of older runs: an unfiltered filterable table is a download, not a page view."""
    from pipelines.exports.tables import TABLES

    for data in queries_by_scale.values():
        for label, query in data.get("queries", {}).items():
            if "kind" not in query:
                table_name = label.split("[", 1)[0]
                unfiltered = label.endswith("[alle]") and bool(
                    getattr(TABLES.get(table_name), "filters", ())
                )
                query["kind"] = "download" if unfiltered else "page"


def revalidate(result: dict[str, Any]) -> dict[str, Any]:
    """Re-apply the current rules to a result: aggregates from raw runs, no cold start where
    nothing was published (the app would show its empty state), growth fits, verdicts."""
    result["full_ingest"] = _reaggregate(result["full_ingest"])
    _classify_queries(result["dashboard"]["queries"])
    for scale, data in result["full_ingest"].items():
        if not any(data.get("published", [])) and scale in result["dashboard"]["cold_start"]:
            del result["dashboard"]["cold_start"][scale]
            result["errors"].append(
                f"cold start x{scale}: not valid, the ingest published no snapshot"
            )
    result["growth"] = growth_fits(result["full_ingest"])
    result["targets"] = judge_targets(result)
    return result


def merge(main: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """``main`` with every scale present in ``part`` replaced by ``part``'s measurements."""
    replaced = [str(scale) for scale in part["config"]["scales"]]
    for section in ("corpora", "full_ingest", "incremental", "floor"):
        for scale in replaced:
            if scale in part.get(section, {}):
                main.setdefault(section, {})[scale] = part[section][scale]
    for section in ("queries", "cold_start"):
        for scale in replaced:
            if scale in part["dashboard"].get(section, {}):
                main["dashboard"][section][scale] = part["dashboard"][section][scale]
    main["errors"] = [
        error
        for error in main.get("errors", [])
        if not any(f"x{scale}" in error for scale in replaced)
    ] + part.get("errors", [])
    main["notes"].append(
        f"Scale(s) {', '.join('x' + s for s in replaced)} come from a separate run: `{part['command']}` "
        f"(started {part['machine']['date_utc']}, load {part['machine'].get('load_average_at_start')})."
    )
    return revalidate(main)


def main(argv: list[str]) -> int:
    """``MAIN.json PART.json`` merges; ``MAIN.json`` alone re-applies the current rules."""
    main_path = Path(argv[0])
    result = json.loads(main_path.read_text(encoding="utf-8"))
    if len(argv) > 1:
        result = merge(result, json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    else:
        result = revalidate(result)
    main_path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    main_path.with_suffix(".md").write_text(render_markdown(result), encoding="utf-8")
    print(main_path.with_suffix(".md"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
