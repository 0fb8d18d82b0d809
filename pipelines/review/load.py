"""Copy the review decisions log into the warehouse's ``review_log`` table (an ingest input).

The table is replaced as a whole each run: the file is the record, the table only its copy for
the SQL models, so a table never drifts from the log it came from.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import duckdb
import polars as pl

import warehouse
from pipelines.review.log import ReviewRecord

REVIEW_LOG_SCHEMA = {
    "review_id": pl.String,
    "log_line": pl.Int32,
    "kind": pl.String,
    "target_key": pl.String,
    "reviewer": pl.String,
    "decided_at": pl.Datetime("us"),
    "reason": pl.String,
    "replaces": pl.String,
    "target_json": pl.String,
    "payload_json": pl.String,
    "previous_json": pl.String,
    "sha256": pl.String,
    "decision_id": pl.String,
    "line_number": pl.Int32,
    "district_ags": pl.String,
    "year": pl.Int32,
    "suite": pl.String,
    "field": pl.String,
    "revokes": pl.String,
    "project_name": pl.String,
    "measure_type": pl.Int32,
    "chosen_sha256": pl.String,
    "new_value": pl.String,
    "valid_until": pl.Date,
    "reading_hash": pl.String,
}


def _row(position: int, record: ReviewRecord) -> dict[str, object]:
    target, payload = record.target, record.payload
    decided_at = datetime.fromisoformat(record.decided_at).astimezone(UTC).replace(tzinfo=None)
    return {
        "review_id": record.review_id,
        "log_line": position,
        "kind": record.kind,
        "target_key": record.target_key,
        "reviewer": record.reviewer,
        "decided_at": decided_at,
        "reason": record.reason,
        "replaces": record.replaces,
        "target_json": json.dumps(target, ensure_ascii=False, sort_keys=True),
        "payload_json": json.dumps(payload, ensure_ascii=False, sort_keys=True),
        "previous_json": json.dumps(record.previous, ensure_ascii=False, sort_keys=True),
        "sha256": target.get("sha256"),
        "decision_id": target.get("decision_id"),
        "line_number": target.get("line_number"),
        "district_ags": target.get("district_ags"),
        "year": target.get("year"),
        "suite": target.get("suite"),
        "field": target.get("field"),
        "revokes": target.get("review_id"),
        "project_name": payload.get("project_name"),
        "measure_type": payload.get("measure_type"),
        "chosen_sha256": payload.get("sha256"),
        "new_value": payload.get("value"),
        "valid_until": datetime.fromisoformat(payload["until"]).date()
        if payload.get("until")
        else None,
        "reading_hash": target.get("reading_hash"),
    }


def review_frame(records: Sequence[ReviewRecord]) -> pl.DataFrame:
    """The records as ``review_log`` rows, in log order."""
    return pl.DataFrame(
        [_row(position, record) for position, record in enumerate(records, start=1)],
        schema=REVIEW_LOG_SCHEMA,
    )


def load_review_log(connection: duckdb.DuckDBPyConnection, records: Sequence[ReviewRecord]) -> int:
    """Replace ``review_log`` with ``records`` in one transaction; returns the row count."""
    frame = review_frame(records)
    with warehouse.transaction(connection):
        connection.execute(warehouse.load_sql("statements/review/review_log_delete"))
        if frame.height:
            connection.register("_aqb_review_rows", frame.to_arrow())
            try:
                connection.execute(warehouse.load_sql("statements/review/review_log_insert"))
            finally:
                connection.unregister("_aqb_review_rows")
    return frame.height
