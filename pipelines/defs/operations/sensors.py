"""Operations sensors: the run history, the failure alert and the freshness alert.

``run_history_sensor`` gives every finished run of the instance its ``ingest_runs`` row, whatever
launched it; a run ``aqb`` recorded itself keeps its row. The cursor advances only after the rows
are written: while an ingest holds the warehouse (DuckDB has one writer) the tick skips and the
next one catches up, so no run is lost.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import dagster as dg
import duckdb

from pipelines.config import agreement_due
from pipelines.operations.alerts import (
    failure_message,
    freshness_message,
    post_webhook,
    webhook_url,
)
from pipelines.operations.freshness import published_freshness
from pipelines.operations.history import export_history, record_run, run_row
from pipelines.resources import AqbPathsResource, WarehouseResource
from pipelines.timestamps import utc_now

FINISHED = [
    dg.DagsterRunStatus.SUCCESS,
    dg.DagsterRunStatus.FAILURE,
    dg.DagsterRunStatus.CANCELED,
]
RUNS_PER_TICK = 50
_ONE_MICROSECOND = timedelta(microseconds=1)


def _load_cursor(raw: str | None) -> tuple[datetime | None, set[str]]:
    """(update time of the last recorded runs, their ids): runs updated at that very moment are
    fetched again (the filter is strict) and skipped by id."""
    if not raw:
        return None, set()
    try:
        data = json.loads(raw)
        return datetime.fromisoformat(data["after"]), set(data["ids"])
    except (ValueError, KeyError, TypeError):
        return None, set()


@dg.sensor(
    name="run_history_sensor",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Writes an ingest_runs row for every finished run (schedule, sensor, UI, backfill, CLI).",
)
def run_history_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> dg.SkipReason | None:
    after, seen = _load_cursor(context.cursor)
    records = context.instance.get_run_records(
        filters=dg.RunsFilter(
            statuses=FINISHED,
            updated_after=after - _ONE_MICROSECOND if after else None,
        ),
        limit=RUNS_PER_TICK,
        order_by="update_timestamp",
        ascending=True,
    )
    fresh = [record for record in records if record.dagster_run.run_id not in seen]
    if not fresh:
        return dg.SkipReason("no finished run to record")
    try:
        with warehouse.connect() as connection:
            for record in fresh:
                row = run_row(context.instance, record.dagster_run.run_id)
                if row is not None:
                    record_run(connection, row, replace=False)
            export_history(connection, aqb_paths.publish)
    except duckdb.IOException as busy:  # another process writes the warehouse: try next tick
        return dg.SkipReason(f"warehouse busy, {len(fresh)} runs wait: {busy}")
    last = max(record.update_timestamp for record in records)
    ids = [r.dagster_run.run_id for r in records if r.update_timestamp == last]
    context.update_cursor(json.dumps({"after": last.isoformat(), "ids": ids}))
    context.log.info(f"recorded {len(fresh)} runs in ingest_runs")
    return None


def _overdue_items(aqb_paths: AqbPathsResource) -> list[str]:
    now = utc_now()
    return published_freshness(aqb_paths.publish, now, agreement_due()).sentences()


@dg.run_failure_sensor(
    name="ingest_failure_alert",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Logs every failed run and posts it, with what is overdue, to AQB_ALERT_WEBHOOK_URL.",
)
def ingest_failure_alert(context: dg.RunFailureSensorContext, aqb_paths: AqbPathsResource) -> None:
    error = context.failure_event.message if context.failure_event else None
    try:
        overdue = _overdue_items(aqb_paths)
    except (OSError, ValueError, duckdb.Error) as problem:  # the alert must still go out
        overdue = [f"Aktualität nicht ermittelbar: {problem}"]
    message = failure_message(
        context.dagster_run.job_name, context.dagster_run.run_id, error, overdue
    )
    context.log.error(message)
    url = webhook_url()
    if url:
        try:
            post_webhook(url, message)
        except OSError as problem:  # the alert must never mask the failure it reports
            context.log.error(f"could not post the failure alert: {problem}")


@dg.sensor(
    name="freshness_alert",
    minimum_interval_seconds=15 * 60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Posts overdue agreements and an ingest older than 26 h, once per change of the set.",
)
def freshness_alert(
    context: dg.SensorEvaluationContext, aqb_paths: AqbPathsResource
) -> dg.SkipReason:
    now = utc_now()
    freshness = published_freshness(aqb_paths.publish, now, agreement_due())
    signature = freshness.signature()
    if not freshness.any_overdue:
        context.update_cursor("")
        return dg.SkipReason("nothing overdue")
    if signature == (context.cursor or ""):
        return dg.SkipReason("overdue items unchanged since the last alert")
    message = freshness_message(freshness.sentences())
    context.log.warning(message)
    url = webhook_url()
    if url:
        try:
            post_webhook(url, message)
        except OSError as problem:
            return dg.SkipReason(f"could not post the freshness alert: {problem}")
    context.update_cursor(signature)
    return dg.SkipReason("alert sent")
