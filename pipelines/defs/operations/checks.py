"""Freshness in the Dagster UI: the agreement per district and year by its due date (a check),
and the ingest not older than 26 hours (the freshness policy on ``raw_document_registry``, the
asset every ingest run materializes, in ``pipelines.defs.documents.assets``; the instance needs
``freshness: enabled: true``, as ``LOCAL_INSTANCE`` and ``docs/deploy/dagster.yaml`` set)."""

from __future__ import annotations

import dagster as dg

from pipelines.config import agreement_due
from pipelines.defs.shared import markdown_preview
from pipelines.operations.freshness import overdue_agreements
from pipelines.resources import WarehouseResource
from pipelines.timestamps import utc_now

# the asset holding mart_completeness
COMPLETENESS_ASSET = dg.AssetKey(["marts", "mart_completeness"])


@dg.asset_check(
    asset=COMPLETENESS_ASSET,
    name="agreements_due",
    description="Aktualität: je Gebietskörperschaft und Haushaltsjahr eine Zielvereinbarung bis "
    "zum Stichtag (AQB_AGREEMENT_DUE, MM-TT, Standard 03-31 des Haushaltsjahres).",
    blocking=False,
)
def agreements_due(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Warns (never blocks publishing) and names every overdue district-year in its metadata."""
    due = agreement_due()
    today = utc_now().date()
    with warehouse.connect() as connection:
        overdue = overdue_agreements(connection, today, due)
    return dg.AssetCheckResult(
        passed=overdue.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "overdue": overdue.height,
            "due": f"{due[1]:02d}.{due[0]:02d}.",
            "overdue_items": markdown_preview(overdue, limit=200),
        },
    )
