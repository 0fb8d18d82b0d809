"""Inbox -> raw document registry -> parsed records. Documents are the only unpartitioned layer
that does real work: a file is registered and parsed once per content hash, whatever its year."""

from datetime import UTC, datetime

import dagster as dg
import polars as pl

from pipelines.defs.shared import markdown_preview
from pipelines.ingest.loader import (
    default_parser_version,
    parse_pending,
    quarantined_since,
)
from pipelines.ingest.registry import (
    InboxFile,
    count_duplicates,
    known_inbox_hashes,
    register_documents,
    scan_inbox,
)
from pipelines.reference import DistrictIndex
from pipelines.resources import AqbPathsResource, WarehouseResource

GROUP = "documents"


@dg.asset(group_name=GROUP, kinds={"python", "file"})
def inbox_documents(
    context: dg.AssetExecutionContext, aqb_paths: AqbPathsResource, warehouse: WarehouseResource
) -> dg.Output[list[InboxFile]]:
    """Every document file in the inbox with its sha256, the unit the registry deduplicates on
    (files unchanged since their last registration, by size and mtime, are not read again)."""
    with warehouse.connect() as connection:
        known = known_inbox_hashes(connection)
    files = scan_inbox(aqb_paths.inbox, known)
    context.log.info(f"{len(files)} files in {aqb_paths.inbox}")
    preview = pl.DataFrame(
        {"file": [f.path.name for f in files[:10]], "sha256": [f.sha256[:12] for f in files[:10]]},
        schema={"file": pl.String, "sha256": pl.String},
    )
    return dg.Output(
        files,
        metadata={
            "inbox": dg.MetadataValue.path(str(aqb_paths.inbox)),
            "files": len(files),
            "bytes": sum(f.size_bytes for f in files),
            "is_sample": aqb_paths.is_sample,
            "preview": markdown_preview(preview),
        },
    )


@dg.asset(group_name=GROUP, kinds={"duckdb", "python"})
def raw_document_registry(
    context: dg.AssetExecutionContext,
    inbox_documents: list[InboxFile],
    warehouse: WarehouseResource,
    aqb_paths: AqbPathsResource,
) -> dg.MaterializeResult:
    """Each distinct file once, by content hash, with an immutable copy of its bytes in the archive,
    so a corrected PDF is a new document and the same file twice adds nothing."""
    with warehouse.connect() as connection:
        summary = register_documents(
            connection, inbox_documents, aqb_paths.archive, context.run_id, aqb_paths.is_sample
        )
        registry_rows = connection.table("raw_documents").count("*").fetchall()[0][0]
    return dg.MaterializeResult(
        metadata={
            "new_documents": summary.new_count,
            "known_documents": summary.known_count,
            "sightings": summary.sightings,
            "duplicates": count_duplicates(inbox_documents),
            "registry_rows": registry_rows,
        }
    )


@dg.asset(group_name=GROUP, kinds={"duckdb", "python"}, deps=[raw_document_registry])
def parsed_documents(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> dg.MaterializeResult:
    """Agreements and grant decisions parsed into records, once per (sha256, parser version);
    a document that cannot be read exactly is quarantined with a one-sentence reason."""
    started_at = datetime.now(UTC).replace(tzinfo=None)  # the loader stamps UTC
    districts = DistrictIndex.with_extra(aqb_paths.extra_districts)
    with warehouse.connect() as connection:
        summary = parse_pending(connection, aqb_paths.archive, districts, default_parser_version())
        fresh = quarantined_since(connection, started_at)
    for row in fresh.iter_rows(named=True):
        context.log.warning(f"quarantined {row['original_name']}: {row['reason']}")
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
