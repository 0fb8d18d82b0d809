"""Dashboard query latency against a published snapshot, with the dashboard's own functions.

The dashboard wraps its reads in Streamlit caches; the bench calls what is underneath
(``pipelines.exports.build_table`` for every downloadable table, ``query_frame`` over each
``dashboards/sql/*.sql``) on one read-only connection with a cursor per query, as the app does,
so every sample is a real DuckDB query. Each export table is timed twice: unfiltered (the
download of everything) and with the filter a page typically applies (one year or one district).
Which page uses which query is read from the page sources, so the report can say it.
"""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path
from typing import Any

from bench.stats import percentile
from pipelines.config import PROJECT_ROOT

DASHBOARD_DIR = PROJECT_ROOT / "dashboards"
PARAMETER_PATTERN = re.compile(r"(\?(?:::[A-Z]+(?:\[\])?)?)")


def pages_using(names: set[str]) -> dict[str, list[str]]:
    """query/table name -> dashboard pages whose source mentions it as a string literal."""
    usage: dict[str, list[str]] = {name: [] for name in names}
    sources = sorted((DASHBOARD_DIR / "app_pages").glob("*.py")) + [
        DASHBOARD_DIR / "streamlit_app.py"
    ]
    for source in sources:
        if not source.is_file():
            continue
        try:
            tree = ast.parse(source.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        literals = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        # called names too (queries.years -> years.sql)
        literals |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        literals |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        for name in names & literals:
            usage[name].append(source.stem)
    return usage


def _context_values(connection) -> dict[str, Any]:
    """Realistic arguments taken from the snapshot itself: newest year, a district, documents."""
    years = [
        row[0]
        for row in connection.table("mart_district_year")
        .select("year")
        .distinct()
        .order("year")
        .fetchall()
    ]
    districts = [
        row[0]
        for row in connection.table("mart_district_year")
        .select("district_ags")
        .distinct()
        .order("district_ags")
        .fetchall()
    ]
    try:
        sha256s = [
            row[0]
            for row in connection.table("mart_documents").select("sha256").limit(20).fetchall()
        ]
    except Exception:
        sha256s = []
    return {
        "years": years,
        "year": years[-1] if years else None,
        "districts": districts,
        "district": "06431" if "06431" in districts else (districts[0] if districts else None),
        "sha256s": sha256s,
    }


def _column_beside(sql: str, start: int, end: int) -> str:
    """The column a placeholder is compared with: ``year = ?`` or ``list_contains(?, sha256)``."""
    before = sql[max(0, start - 80) : start].lower()
    after = sql[end : end + 60].lower()
    compared = re.search(r"([a-z_][a-z0-9_]*)\s*(?:=|<=|>=|<>|<|>|\bin\b)\s*\(?\s*$", before)
    if compared:
        return compared.group(1)
    argument = re.match(r"\s*,\s*([a-z_][a-z0-9_]*)", after)
    return argument.group(1) if argument else ""


def named_query_parameters(sql: str, context: dict[str, Any]) -> list[Any]:
    """Arguments for a page query's ``?`` placeholders, judged from the column each one meets."""
    parameters: list[Any] = []
    for match in PARAMETER_PATTERN.finditer(sql):
        column = _column_beside(sql, match.start(), match.end())
        is_list = match.group(1).endswith("[]")
        if "sha256" in column:
            parameters.append(
                context["sha256s"] if is_list else (context["sha256s"][:1] or [""])[0]
            )
        elif "district" in column or "ags" in column:
            parameters.append(context["districts"][:3] if is_list else context["district"])
        elif "measure" in column:
            parameters.append([1, 2, 3, 4] if is_list else 1)
        else:  # years are the dashboard's main filter
            parameters.append(context["years"] if is_list else context["year"])
    return parameters


def _time_calls(function, samples: int) -> dict[str, Any]:
    """First call separately (cold caches in DuckDB), then ``samples`` timed calls."""
    started = time.perf_counter()
    value = function()
    cold_ms = (time.perf_counter() - started) * 1000
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    rows = getattr(value, "height", None)
    return {
        "rows": rows if rows is not None else (len(value) if hasattr(value, "__len__") else None),
        "cold_ms": cold_ms,
        "p50_ms": percentile(timings, 0.50),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings) if timings else None,
        "n": len(timings),
    }


def _export_table_variants(context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Filter sets per export table: everything (a full download, which no page shows by
    default), and the filters the pages apply (one year, one district, or both)."""
    year, district = context["year"], context["district"]
    return {
        "alle": {},
        "jahr": {"years": (year,)} if year is not None else {},
        "kreis": {"districts": (district,)} if district else {},
        "jahr+kreis": {"years": (year,), "districts": (district,)} if year and district else {},
    }


def run_queries_job(config: dict[str, Any]) -> dict[str, Any]:
    """Time every export table and page query of the dashboard against one snapshot."""
    import duckdb

    from dashboards.queries import SQL_DIR, load_sql
    from pipelines.exports import ExportFilters, MissingMartError, build_table
    from pipelines.exports.snapshot import read_snapshot_info
    from pipelines.exports.tables import TABLES, query_frame

    samples = int(config.get("samples", 30))
    opened = time.perf_counter()
    connection = duckdb.connect(config["snapshot_path"], read_only=True)
    connect_ms = (time.perf_counter() - opened) * 1000
    context = _context_values(connection)
    named = sorted(path.stem for path in Path(SQL_DIR).glob("*.sql"))
    usage = pages_using(set(TABLES) | set(named))
    results: dict[str, dict[str, Any]] = {}
    errors: list[str] = []

    def measure(label: str, page_key: str, function) -> None:
        try:
            results[label] = {
                "page": ", ".join(usage.get(page_key, [])),
                **_time_calls(function, samples),
            }
        except MissingMartError as missing:
            results[label] = {"page": ", ".join(usage.get(page_key, [])), "skipped": str(missing)}
        except Exception as error:  # one broken query is reported, the rest still measured
            errors.append(f"{label}: {type(error).__name__}: {error}")

    measure("snapshot_info", "snapshot_info", lambda: read_snapshot_info(connection))
    for name in named:
        sql = load_sql(name)
        parameters = named_query_parameters(sql, context)
        measure(
            f"sql:{name}",
            name,
            lambda sql=sql, parameters=parameters: query_frame(connection, sql, parameters),
        )
    for table_name in TABLES:
        filters_variants = (
            {"alle": {}} if not TABLES[table_name].filters else _export_table_variants(context)
        )
        for variant, filter_values in filters_variants.items():
            if filter_values and not set(filter_values) & set(TABLES[table_name].filters):
                continue
            filters = ExportFilters(**filter_values)
            label = f"{table_name}[{variant}]"
            measure(
                label,
                table_name,
                lambda table_name=table_name, filters=filters: build_table(
                    connection, table_name, filters
                ),
            )
            if label in results:  # an unfiltered table with filters is a download, not a page view
                unfiltered = not filter_values and bool(TABLES[table_name].filters)
                results[label]["kind"] = "download" if unfiltered else "page"
    connection.close()
    return {
        "snapshot_path": config["snapshot_path"],
        "connect_ms": connect_ms,
        "samples": samples,
        "context": {
            key: (value if not isinstance(value, list) else len(value))
            for key, value in context.items()
        },
        "queries": results,
        "errors": errors,
    }
