"""Dagster definitions of AQB Monitor (``dagster dev -w workspace.yaml`` shows the graph).

Merged from the areas under ``pipelines/defs/``, each exporting its own ``defs``, so what is
deployed is this list; resources come from the environment with embedded defaults
(``pipelines.config``).
"""

from __future__ import annotations

import dagster as dg

from pipelines.defs import (
    documents,
    matching,
    operations,
    publishing,
    quality,
    review,
    transform,
)
from pipelines.defs.jobs import ingest_job, year_rebuild_job
from pipelines.resources import build_resources

AREAS = (documents, review, matching, transform, quality, publishing, operations)
ASSET_CHECKS = quality.quality_checks


def build_definitions(resources: dict | None = None) -> dg.Definitions:
    """The code location; ``resources`` replaces the environment's (tests, ``run_ingest``).

    Every job runs its steps in one process, also when the daemon or the UI launches it: DuckDB
    admits one writer process per file, so steps in parallel processes (Dagster's default
    multiprocess executor) would lock each other out, and each would pay the imports again.
    """
    core = dg.Definitions(
        executor=dg.in_process_executor,
        jobs=[ingest_job, year_rebuild_job],
        resources=resources if resources is not None else build_resources(),
    )
    return dg.Definitions.merge(core, *(area.defs for area in AREAS))


defs = build_definitions()
