"""Operations: run history, failure and freshness alerts, freshness check and policy."""

import dagster as dg

from pipelines.defs.operations.checks import (
    INGEST_ASSET,
    agreements_due,
    with_ingest_freshness,
)
from pipelines.defs.operations.sensors import (
    freshness_alert,
    ingest_failure_alert,
    run_history_sensor,
)

defs = dg.Definitions(
    asset_checks=[agreements_due],
    sensors=[run_history_sensor, ingest_failure_alert, freshness_alert],
)


def with_freshness(definitions: dg.Definitions) -> dg.Definitions:
    """``definitions`` with the ingest freshness policy on ``INGEST_ASSET``."""
    return definitions.map_resolved_asset_specs(
        func=with_ingest_freshness, selection=[INGEST_ASSET]
    )
