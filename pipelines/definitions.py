"""Dagster definitions of AQB Monitor (``dagster dev -w workspace.yaml`` shows the graph).

Assembled from ``pipelines/defs/<domain>/`` with explicit lists, so what is deployed is visible
here; resources come from the environment with embedded defaults (``pipelines.config``).
"""

from __future__ import annotations

import dagster as dg

from pipelines.defs import operations
from pipelines.defs.decisions.assets import project_matches
from pipelines.defs.documents.assets import inbox_documents, parsed_documents, raw_document_registry
from pipelines.defs.documents.sensors import inbox_sensor
from pipelines.defs.jobs import ingest_job, year_rebuild_job
from pipelines.defs.publishing.assets import published_snapshot
from pipelines.defs.publishing.schedules import nightly_ingest
from pipelines.defs.quality.checks import quality_checks
from pipelines.defs.review.assets import review_decisions
from pipelines.defs.review.sensors import review_sensor
from pipelines.defs.transform.assets import marts, reference_data, staging_tables
from pipelines.resources import build_resources

ASSETS = [
    inbox_documents,
    raw_document_registry,
    parsed_documents,
    review_decisions,
    project_matches,
    reference_data,
    staging_tables,
    marts,
    published_snapshot,
]
ASSET_CHECKS = quality_checks


def build_definitions(resources: dict | None = None) -> dg.Definitions:
    """The code location; ``resources`` replaces the environment's (tests, ``run_ingest``).

    Every job runs its steps in one process, also when the daemon or the UI launches it: DuckDB
    admits one writer process per file, so steps in parallel processes (Dagster's default
    multiprocess executor) would lock each other out, and each would pay the imports again.
    """
    core = dg.Definitions(
        assets=ASSETS,
        executor=dg.in_process_executor,
        asset_checks=ASSET_CHECKS,
        jobs=[ingest_job, year_rebuild_job],
        schedules=[nightly_ingest],
        sensors=[inbox_sensor, review_sensor],
        resources=resources if resources is not None else build_resources(),
    )
    return operations.with_freshness(dg.Definitions.merge(core, operations.defs))


defs = build_definitions()
