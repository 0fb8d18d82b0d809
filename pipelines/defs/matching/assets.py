"""Decision lines linked to the agreement projects they fund, per budget year."""

from collections.abc import Iterator

import dagster as dg

import warehouse as warehouse_db
from pipelines.defs.documents.assets import parsed_documents
from pipelines.defs.incremental import decide_run_years
from pipelines.defs.review.assets import review_decisions
from pipelines.defs.shared import BUDGET_YEARS, SKIP_IF_UNCHANGED_TAG, markdown_preview
from pipelines.ingest.loader import default_parser_version
from pipelines.matching.projects import match_decision_lines_by_year
from pipelines.publish.snapshot import current_snapshot_id
from pipelines.publish.state import read_published_state, warehouse_fingerprint
from pipelines.resources import AqbPathsResource, WarehouseResource

PREVIEW_ROWS = 10  # decision lines to review shown next to the asset in the Dagster UI


def nothing_changed(
    context: dg.AssetExecutionContext, fingerprint: str, aqb_paths: AqbPathsResource
) -> bool:
    """True when an ingest run found nothing new: the current snapshot was built from exactly
    this warehouse state, so rebuilding marts and re-running checks would change nothing."""
    if context.run.tags.get(SKIP_IF_UNCHANGED_TAG) != "true":
        return False
    state = read_published_state(aqb_paths.publish)
    return (
        state is not None
        and state.get("fingerprint") == fingerprint
        and state.get("snapshot_id") == current_snapshot_id(aqb_paths.publish)
    )


@dg.asset(
    group_name="decisions",
    kinds={"duckdb", "python"},
    deps=[parsed_documents, review_decisions],
    partitions_def=BUDGET_YEARS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    output_required=False,
)
def project_matches(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> Iterator[dg.MaterializeResult]:
    """Decision lines matched to the agreement's projects (fuzzy, with a confidence), so approved
    money can be compared per project. In an ingest run that found nothing new this step ends
    the run early: staging, marts, checks and publishing are skipped (the snapshot is current)."""
    years = sorted(int(key) for key in context.partition_keys)
    with warehouse.connect() as connection:
        fingerprint = warehouse_fingerprint(
            connection, default_parser_version(), aqb_paths.extra_districts, aqb_paths.review_log
        )
        if nothing_changed(context, fingerprint, aqb_paths):
            context.log.info("nothing changed since the current snapshot; skipping the rebuild")
            return
        scope = decide_run_years(
            connection,
            context.run_id,
            context.run.tags,
            aqb_paths.publish,
            default_parser_version(),
            aqb_paths.extra_districts,
            aqb_paths.review_log,
        )
        if scope is not None:
            years = [year for year in years if year in scope]
        context.log.info(f"rebuilding budget years {years}")
        summary = match_decision_lines_by_year(connection, years)
        to_review = connection.sql(
            warehouse_db.load_sql("statements/matching/decision_matches_to_review"),
            params=[years, PREVIEW_ROWS],
        ).pl()
    yield dg.MaterializeResult(
        metadata={
            "decision_lines": summary.lines,
            "matched": summary.matched,
            "review": summary.review,
            "unmatched": summary.unmatched,
            "to_review": markdown_preview(to_review),
        }
    )
