"""The floor: the least work that turns the same documents into rows in DuckDB.

* extract floor: pypdfium2 page text for PDFs (no layout analysis), a plain decode for text and
  CSV, openpyxl's read-only mode for XLSX;
* load floor: one bulk insert of the parsed rows (the pipeline's own row shapes) via Arrow into a
  fresh, migrated DuckDB file, in one transaction.
Beside it, the project's own extract and parse functions run bare (no Dagster, one process), so
the report can tell library cost from orchestration overhead.
Runs inside ``bench.worker floor`` so its memory and imports are its own.
"""

from __future__ import annotations

import hashlib
import io
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.corpora import document_files, media_type_of


def floor_extract(data: bytes, media_type: str) -> int:
    """Bare text of one document with the fastest reader at hand; returns characters read."""
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
        try:
            characters = 0
            for page in document:
                text_page = page.get_textpage()
                characters += len(text_page.get_text_range())
                text_page.close()
                page.close()
            return characters
        finally:
            document.close()
    if media_type.endswith("spreadsheetml.sheet"):
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
    try:
        return len(data.decode("utf-8"))
    except UnicodeDecodeError:
        return len(data.decode("cp1252"))


def _timed(function, *args) -> tuple[float, Any, str | None]:
    started = time.perf_counter()
    try:
        value, error = function(*args), None
    except Exception as caught:  # a quarantined or unreadable file still costs its time
        value, error = None, type(caught).__name__
    return time.perf_counter() - started, value, error


def _read_unique_documents(corpus_dir: Path) -> list[tuple[str, str, bytes, str]]:
    """(name, sha256, bytes, media type) of each distinct document (the pipeline parses a
    duplicate upload once, so the floor does too)."""
    seen: set[str] = set()
    documents = []
    for path in document_files(corpus_dir):
        data = path.read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 in seen:
            continue
        seen.add(sha256)
        documents.append((path.name, sha256, data, media_type_of(path)))
    return documents


def bulk_insert_rows(outcomes: list[tuple[str, Any]], db_path: Path) -> dict[str, Any]:
    """Rows of the parse outcomes -> Arrow tables -> one bulk insert per table into a fresh DuckDB."""
    import pyarrow as pa

    import warehouse
    from pipelines.ingest.rows import TABLE_SCHEMAS, outcome_rows

    parsed_at = datetime.now(UTC).replace(tzinfo=None)
    started = time.perf_counter()
    rows_by_table: dict[str, list[dict]] = {table: [] for table in TABLE_SCHEMAS}
    for original_name, outcome in outcomes:
        for table, rows in outcome_rows(outcome, original_name, "bench-floor", parsed_at).items():
            rows_by_table[table].extend(rows)
    rows_seconds = time.perf_counter() - started
    started = time.perf_counter()
    arrow_tables = {
        table: pa.Table.from_pylist(rows, schema=TABLE_SCHEMAS[table])
        for table, rows in rows_by_table.items()
        if rows
    }
    arrow_seconds = time.perf_counter() - started
    db_path.unlink(missing_ok=True)
    connection = warehouse.connect(db_path)  # migrations are set-up, not load: outside the clock
    try:
        started = time.perf_counter()
        connection.begin()
        for table, arrow_table in arrow_tables.items():
            target_columns = connection.table(table).columns
            ordered = arrow_table.select(
                [column for column in target_columns if column in arrow_table.column_names]
            )
            for missing in (
                column for column in target_columns if column not in arrow_table.column_names
            ):
                ordered = ordered.append_column(missing, pa.nulls(ordered.num_rows))
            connection.from_arrow(ordered.select(target_columns)).insert_into(table)
        connection.commit()
        insert_seconds = time.perf_counter() - started
    finally:
        connection.close()
    return {
        "rows_build_seconds": rows_seconds,
        "arrow_build_seconds": arrow_seconds,
        "insert_seconds": insert_seconds,
        "rows": {table: table_rows.num_rows for table, table_rows in arrow_tables.items()},
    }


def run_floor_job(config: dict[str, Any]) -> dict[str, Any]:
    """Time floor extraction, the project's extraction and parsing, and the bare bulk insert."""
    from pipelines.extract import extract_document, sniff_media_type
    from pipelines.parse.dispatch import parse_document
    from pipelines.reference import DistrictIndex

    corpus_dir = Path(config["corpus_dir"])
    extra = Path(config["extra_districts_path"]) if config.get("extra_districts_path") else None
    districts = DistrictIndex.with_extra(extra)
    started = time.perf_counter()
    documents = _read_unique_documents(corpus_dir)
    read_seconds = time.perf_counter() - started

    timings = {"floor_extract": 0.0, "project_extract": 0.0, "project_parse": 0.0}
    errors = {"floor_extract": 0, "project_extract": 0, "project_parse": 0}
    outcomes: list[tuple[str, Any]] = []
    for name, _sha256, data, media_type in documents:
        seconds, _, error = _timed(floor_extract, data, media_type)
        timings["floor_extract"] += seconds
        errors["floor_extract"] += error is not None
        if not media_type.endswith("spreadsheetml.sheet"):
            seconds, _, error = _timed(extract_document, data, sniff_media_type(name, data))
            timings["project_extract"] += seconds
            errors["project_extract"] += error is not None
        seconds, outcome, error = _timed(parse_document, name, data, districts)
        timings["project_parse"] += seconds
        errors["project_parse"] += error is not None
        if outcome is not None:
            outcomes.append((name, outcome))
    load = bulk_insert_rows(outcomes, Path(config["db_path"]))
    return {
        "documents": len(documents),
        "read_seconds": read_seconds,
        "floor_extract_seconds": timings["floor_extract"],
        "project_extract_seconds": timings["project_extract"],
        "project_parse_seconds": timings["project_parse"],  # includes the project's extraction
        "errors": errors,
        "outcomes_ok": sum(1 for _, outcome in outcomes if outcome.status == "ok"),
        "outcomes_quarantined": sum(1 for _, outcome in outcomes if outcome.status != "ok"),
        **{f"load_{key}": value for key, value in load.items()},
    }
