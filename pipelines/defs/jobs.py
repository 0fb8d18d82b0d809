"""Jobs: the full ingest (every budget year in one run) and a year rebuild for backfills."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.shared import (
    BUDGET_YEARS,
    INCREMENTAL_TAG,
    SKIP_IF_UNCHANGED_TAG,
    full_range_tags,
)

INGEST_JOB = "ingest_job"
YEAR_REBUILD_JOB = "year_rebuild_job"

ingest_job = dg.define_asset_job(
    INGEST_JOB,
    selection=dg.AssetSelection.all(),
    partitions_def=BUDGET_YEARS,
    description="Inbox -> registry -> parse -> match -> staging -> marts -> checks -> publish, all years in one run.",
)

year_rebuild_job = dg.define_asset_job(
    YEAR_REBUILD_JOB,
    selection=dg.AssetSelection.assets("project_matches", "published_snapshot")
    | dg.AssetSelection.key_prefixes("staging", "marts"),
    partitions_def=BUDGET_YEARS,
    description="Re-match, rebuild, re-validate and republish chosen budget years (backfill a range from the UI).",
)


def ingest_run_tags(skip_if_unchanged: bool = True, incremental: bool = True) -> dict[str, str]:
    """Tags for an ingest run: the full year range, whether a no-change run may stop early, and
    whether it may rebuild only the budget years its new documents touch."""
    return {
        **full_range_tags(),
        SKIP_IF_UNCHANGED_TAG: "true" if skip_if_unchanged else "false",
        INCREMENTAL_TAG: "true" if incremental else "false",
    }
