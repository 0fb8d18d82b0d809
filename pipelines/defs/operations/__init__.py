"""Operations: run history, failure and freshness alerts, freshness check and policy."""

import dagster as dg

from pipelines.defs.operations.checks import agreements_due
from pipelines.defs.operations.sensors import (
    freshness_alert,
    ingest_failure_alert,
    run_history_sensor,
)

defs = dg.Definitions(
    asset_checks=[agreements_due],
    sensors=[run_history_sensor, ingest_failure_alert, freshness_alert],
)
