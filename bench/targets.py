"""The issue's targets, judged against a finished bench result (pure: result dict in, verdicts out)."""

from __future__ import annotations

from typing import Any

from bench.stats import ratio


def _median(summary: dict[str, Any] | None) -> float | None:
    return summary.get("median") if summary else None


def _maximum(summary: dict[str, Any] | None) -> float | None:
    return summary.get("max") if summary else None


def _verdict(
    name: str,
    target: str,
    value: float | None,
    limit: float,
    unit: str,
    where: str,
    extra_ok: bool = True,
) -> dict[str, Any]:
    met = None if value is None else (value < limit and extra_ok)
    return {
        "name": name,
        "target": target,
        "value": value,
        "unit": unit,
        "where": where,
        "met": met,
    }


def _scale_or_nearest(scales: list[int], wanted: int, available: dict) -> int | None:
    """The wanted scale if measured, else the largest measured scale below it (said in the report)."""
    measured = sorted(int(scale) for scale in available)
    if wanted in measured:
        return wanted
    below = [scale for scale in measured if scale <= wanted]
    return below[-1] if below else (measured[-1] if measured else None)


def pipeline_floor_ratio(result: dict[str, Any], scale: int) -> dict[str, Any] | None:
    """Pipeline (register + extract+parse + load steps) over the floor (bare extraction + bulk
    insert), both medians; the floor is divided by the cores the pipeline may use, because the
    pipeline parses on all of them while the floor runs in one process."""
    full = result.get("full_ingest", {}).get(str(scale))
    floor = result.get("floor", {}).get(str(scale))
    if not full or not floor:
        return None
    pipeline_seconds = _median(full.get("floor_stages_seconds"))
    floor_serial = _median(floor.get("floor_total_seconds"))
    cores = floor.get("cores") or 1
    return {
        "pipeline_seconds": pipeline_seconds,
        "floor_serial_seconds": floor_serial,
        "floor_parallel_seconds": floor_serial / cores if floor_serial else None,
        "ratio_to_serial_floor": ratio(pipeline_seconds, floor_serial),
        "ratio_to_parallel_floor": ratio(
            pipeline_seconds, floor_serial / cores if floor_serial else None
        ),
    }


def _growth_verdict(growth: dict[str, Any]) -> dict[str, Any]:
    """The worse of two exponents: the whole run (scales with a successful run) and the parse step
    alone (every run that finished it). Fixed start-up cost flattens the first at small scales,
    so a superlinear stage shows in the second first."""
    fits = {
        "run time excl. process start-up": growth.get("time"),
        "parse step": growth.get("parse_step"),
    }
    measured = {name: fit for name, fit in fits.items() if fit}
    if not measured:
        return _verdict("growth exponent (time)", "<= 1.1", None, 1.1 + 1e-9, "", "not measured")
    name, fit = max(measured.items(), key=lambda item: item[1]["exponent"])
    where = f"{name} vs documents, {fit['points']} scales (worse of run time and parse step)"
    return _verdict("growth exponent (time)", "<= 1.1", fit["exponent"], 1.1 + 1e-9, "", where)


def judge_targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One verdict per target: value, unit, where measured, met (True/False/None = not measured)."""
    scales = [int(scale) for scale in result.get("config", {}).get("scales", [])]
    full = result.get("full_ingest", {})
    incremental = result.get("incremental", {})
    verdicts = []

    base = _scale_or_nearest(scales, 1, full) or 1
    verdicts.append(
        _verdict(
            "full ingest, default corpus",
            "< 15 s incl. Dagster start-up",
            _median(full.get(str(base), {}).get("wall_seconds")),
            15.0,
            "s",
            f"x{base}, median wall",
        )
    )
    no_change = incremental.get(str(base), {}).get("no_change")
    verdicts.append(
        _verdict(
            "no-change run",
            "< 3 s and parses 0 documents",
            _median(no_change.get("wall_seconds")) if no_change else None,
            3.0,
            "s",
            f"x{base}, median wall",
            extra_ok=bool(no_change and no_change.get("parsed_as_expected")),
        )
    )
    watched = incremental.get(str(base), {}).get("new_file_watch")
    verdicts.append(
        _verdict(
            "one new file, `aqb watch`",
            "< 5 s",
            _median(watched.get("wall_seconds")) if watched else None,
            5.0,
            "s",
            f"x{base}, median from the file's copy into the inbox to its published snapshot",
            extra_ok=bool(watched and watched.get("parsed_as_expected")),
        )
    )
    new_file = incremental.get(str(base), {}).get("new_file")
    verdicts.append(
        _verdict(
            "one new file, cold `aqb ingest`",
            "< 5 s",
            _median(new_file.get("wall_seconds")) if new_file else None,
            5.0,
            "s",
            f"x{base}, median wall of a fresh process (start-up and imports included)",
        )
    )

    floor_scale = _scale_or_nearest(scales, 16, result.get("floor", {}))
    floor_ratio = pipeline_floor_ratio(result, floor_scale) if floor_scale else None
    verdicts.append(
        _verdict(
            "extract+parse+load vs floor",
            "within 2x of the floor",
            floor_ratio["ratio_to_parallel_floor"] if floor_ratio else None,
            2.0,
            "x",
            f"x{floor_scale}, floor spread over the cores",
        )
    )
    verdicts.append(_growth_verdict(result.get("growth", {})))

    dashboard = result.get("dashboard", {}).get("queries", {})
    query_scale = _scale_or_nearest(scales, 64, dashboard)
    queries = dashboard.get(str(query_scale), {}).get("queries", {}) if query_scale else {}
    for kind, name in (
        ("page", "slowest dashboard query p95"),
        ("download", "slowest full-table download p95"),
    ):
        worst = max(
            (
                query["p95_ms"]
                for query in queries.values()
                if query.get("p95_ms") is not None and query.get("kind", "page") == kind
            ),
            default=None,
        )
        where = f"x{query_scale}" + (
            ", queries as the pages run them"
            if kind == "page"
            else ", unfiltered export tables (not a page default)"
        )
        verdicts.append(_verdict(name, "< 50 ms", worst, 50.0, "ms", where))
    cold = result.get("dashboard", {}).get("cold_start", {})
    cold_scale = _scale_or_nearest(scales, 64, cold)
    cold_value = (
        _median(cold.get(str(cold_scale), {}).get("rendered_seconds")) if cold_scale else None
    )
    verdicts.append(
        _verdict(
            "first page rendered (cold start)",
            "< 3 s",
            cold_value,
            3.0,
            "s",
            f"x{cold_scale}, median",
        )
    )

    memory_scale = _scale_or_nearest(scales, 64, full)  # failed runs count: the memory was used
    memory = (
        _maximum(
            full.get(str(memory_scale), {}).get("peak_tree_rss_mb_all_runs")
            or full.get(str(memory_scale), {}).get("peak_tree_rss_mb")
        )
        if memory_scale
        else None
    )
    verdicts.append(
        _verdict(
            "peak memory of full ingest",
            "< 1 GB (1024 MB)",
            memory,
            1024.0,
            "MB",
            f"x{memory_scale}, max over repeats, whole process tree",
        )
    )
    return verdicts
