"""Inbox -> raw document registry -> parsed records. Documents are the only unpartitioned layer
that does real work: a file is registered and parsed once per content hash, whatever its year."""

import dagster as dg
import polars as pl

from pipelines.defs.review.assets import review_decisions
from pipelines.defs.shared import markdown_preview
from pipelines.ingest.inbox import printable_path
from pipelines.ingest.loader import (
    default_parser_version,
    parse_pending,
    quarantined_since,
)
from pipelines.ingest.registry import (
    InboxScan,
    known_inbox_hashes,
    register_documents,
    remove_stale_temp_files,
    scan_entries,
)
from pipelines.operations.freshness import NIGHTLY_MAX_AGE
from pipelines.reference import DistrictIndex
from pipelines.resources import AqbPathsResource, WarehouseResource
from pipelines.timestamps import utc_now

GROUP = "documents"
# quarantined files named one by one in the run log (the rest: the quarantine table)
QUARANTINE_LOG_LINES = 50


@dg.asset(group_name=GROUP, kinds={"python", "file"})
def inbox_documents(
    context: dg.AssetExecutionContext, aqb_paths: AqbPathsResource, warehouse: WarehouseResource
) -> dg.Output[InboxScan]:
    """Every entry of the inbox: each regular file with its sha256, the unit the registry
    deduplicates on (files unchanged since their last registration, by size and mtime, are not
    read again), and each skipped entry (links, FIFOs, hidden names, unreadable...) with its
    reason. Temp files a killed run left in the archive are removed first."""
    removed = remove_stale_temp_files(aqb_paths.archive)
    with warehouse.connect() as connection:
        known = known_inbox_hashes(connection)
    scan = scan_entries(aqb_paths.inbox, known)
    assert scan is not None  # hash_unknown=True never gives None
    files = scan.files
    context.log.info(f"{scan.entry_count} entries in {aqb_paths.inbox}, {len(files)} files")
    preview = pl.DataFrame(
        {
            "file": [printable_path(f.path.name) for f in files[:10]],
            "sha256": [f.sha256[:12] for f in files[:10]],
        },
        schema={"file": pl.String, "sha256": pl.String},
    )
    return dg.Output(
        scan,
        metadata={
            "inbox": dg.MetadataValue.path(str(aqb_paths.inbox)),
            "entries": scan.entry_count,
            "files": len(files),
            "skipped": len(scan.skipped),
            "bytes": sum(f.size_bytes for f in files),
            "is_sample": aqb_paths.is_sample,
            "stale_temp_files_removed": removed,
            "preview": markdown_preview(preview),
        },
    )


# every ingest run materializes the registry: older than 26 hours means the nightly run failed
NIGHTLY_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=NIGHTLY_MAX_AGE)


@dg.asset(group_name=GROUP, kinds={"duckdb", "python"}, freshness_policy=NIGHTLY_FRESHNESS)
def raw_document_registry(
    context: dg.AssetExecutionContext,
    inbox_documents: InboxScan,
    warehouse: WarehouseResource,
    aqb_paths: AqbPathsResource,
) -> dg.MaterializeResult:
    """Each distinct file once, by content hash, with an immutable copy of its bytes in the archive,
    so a corrected PDF is a new document and the same file twice adds nothing; every inbox entry
    is recorded (Eingangsprotokoll), rewriting only the entries that changed."""
    with warehouse.connect() as connection:
        summary = register_documents(
            connection,
            inbox_documents.files,
            aqb_paths.archive,
            context.run_id,
            aqb_paths.is_sample,
            skipped=inbox_documents.skipped,
            inbox=aqb_paths.inbox,
        )
        registry_rows = connection.table("raw_documents").count("*").fetchall()[0][0]
    return dg.MaterializeResult(
        metadata={
            "new_documents": summary.new_count,
            "known_documents": summary.known_count,
            "sightings": summary.sightings,
            "skipped": len(summary.skipped),
            "duplicates": summary.duplicates,
            "registry_rows": registry_rows,
        }
    )


@dg.asset(
    group_name=GROUP,
    kinds={"duckdb", "python"},
    deps=[raw_document_registry, review_decisions],
)
def parsed_documents(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> dg.MaterializeResult:
    """Agreements and grant decisions parsed into records, once per (sha256, parser version);
    a document that cannot be read exactly is quarantined with a one-sentence reason. A held
    scan reading a reviewer released, or whose release was revoked, is parsed again (the
    review log is read first)."""
    started_at = utc_now()  # the loader stamps UTC
    districts = DistrictIndex.with_extra(aqb_paths.extra_districts)
    with warehouse.connect() as connection:
        summary = parse_pending(connection, aqb_paths.archive, districts, default_parser_version())
        fresh = quarantined_since(connection, started_at)
    for row in fresh.head(QUARANTINE_LOG_LINES).iter_rows(named=True):
        context.log.warning(f"quarantined {row['original_name']!r}: {row['reason']}")
    if fresh.height > QUARANTINE_LOG_LINES:
        context.log.warning(f"... and {fresh.height - QUARANTINE_LOG_LINES} more quarantined")
    return dg.MaterializeResult(
        metadata={
            "parsed": summary.parsed,
            "new": summary.new,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "quarantined": summary.quarantined,
            "rejected_rows": summary.rejected_rows,
            "parser_version": default_parser_version(),
            "quarantined_this_run": markdown_preview(fresh, limit=20),
        }
    )
