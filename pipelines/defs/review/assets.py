"""The review decisions log (outside the warehouse) read as an ingest input.

Upstream of matching and staging: withdrawn or settled agreements change which agreement the
matcher compares with, and every staging model applies the decisions in force.
"""

import dagster as dg
import polars as pl

from pipelines.defs.shared import markdown_preview
from pipelines.resources import AqbPathsResource, WarehouseResource
from pipelines.review.load import load_review_log
from pipelines.review.log import effective_decisions, read_log


@dg.asset(group_name="review", kinds={"duckdb", "json"})
def review_decisions(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> dg.MaterializeResult:
    """Every recorded review decision copied into ``review_log``; a line that cannot be read is
    skipped with a warning naming its line, so one damaged line never hides the others."""
    contents = read_log(aqb_paths.review_log)
    for number, why in contents.invalid_lines:
        context.log.warning(f"review log line {number} skipped: {why}")
    with warehouse.connect() as connection:
        loaded = load_review_log(connection, contents.records)
    in_force = effective_decisions(contents.records)
    kinds = pl.DataFrame(
        {"kind": [record.kind for record in in_force.values()]}, schema={"kind": pl.String}
    )
    return dg.MaterializeResult(
        metadata={
            "log": dg.MetadataValue.path(str(aqb_paths.review_log)),
            "records": loaded,
            "in_force": len(in_force),
            "invalid_lines": len(contents.invalid_lines),
            "in_force_by_kind": markdown_preview(kinds.group_by("kind").len().sort("kind")),
        }
    )
