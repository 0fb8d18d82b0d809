"""Publish: copy marts and reference tables into a new read-only snapshot file, then switch
``CURRENT`` to it. The dashboard only ever opens the snapshot CURRENT names, read-only, so an
ingest never waits for the dashboard and the dashboard never sees half-written data."""

import dagster as dg

import warehouse as warehouse_db
from pipelines.defs.incremental import latest_parse_stamp
from pipelines.defs.shared import markdown_preview
from pipelines.defs.transform.assets import marts
from pipelines.ingest.loader import default_parser_version
from pipelines.publish.snapshot import publish_snapshot
from pipelines.publish.state import (
    error_failures_of_run,
    static_fingerprint,
    warehouse_fingerprint,
    write_published_state,
)
from pipelines.quality.runner import build_data_docs
from pipelines.resources import AqbPathsResource, WarehouseResource
from pipelines.review.candidate import clear_review_candidate


@dg.asset(group_name="publishing", kinds={"duckdb"}, deps=marts.keys)
def published_snapshot(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> dg.MaterializeResult:
    """The last validated state, as one DuckDB file per snapshot. Runs only after every blocking
    check passed; as a second guard it refuses to publish when this run recorded a failed
    error-severity check (e.g. when checks were run separately from the UI)."""
    with warehouse.connect() as connection:
        failures = error_failures_of_run(connection, context.run_id)
        if failures.height:
            raise dg.Failure(
                description=f"not published: {failures.height} error-severity check results failed in this run",
                metadata={
                    "failed_checks": markdown_preview(
                        failures.select("suite", "rule", "year", "detail")
                    )
                },
            )
        # this run's check results go into the snapshot's mart_check_results
        warehouse_db.build_models(connection, "staging", only=["stg_check_results"])
        warehouse_db.build_models(connection, "marts", only=["mart_check_results"])
        data_docs_index = build_data_docs(aqb_paths.data_docs, context.run_id)
        snapshot = publish_snapshot(
            connection,
            aqb_paths.publish,
            context.run_id,
            aqb_paths.is_sample,
            str(data_docs_index) if data_docs_index.is_file() else None,
        )
        fingerprint = warehouse_fingerprint(
            connection, default_parser_version(), aqb_paths.extra_districts, aqb_paths.review_log
        )
        watermark = latest_parse_stamp(connection)
    write_published_state(
        aqb_paths.publish,
        fingerprint,
        snapshot.snapshot_id,
        static=static_fingerprint(
            default_parser_version(), aqb_paths.extra_districts, aqb_paths.review_log
        ),
        watermark=watermark,
    )
    clear_review_candidate(aqb_paths.publish)  # the snapshot now shows the reviewed state
    context.log.info(f"published snapshot {snapshot.snapshot_id} at {snapshot.path}")
    return dg.MaterializeResult(
        metadata={
            "snapshot_id": snapshot.snapshot_id,
            "path": dg.MetadataValue.path(str(snapshot.path)),
            "is_sample": aqb_paths.is_sample,
            **{f"rows_{table}": count for table, count in snapshot.tables.items()},
        }
    )
