"""Review decisions as a pipeline input: the log asset and the sensor that starts an ingest when
a reviewer decides."""

import dagster as dg

from pipelines.defs.review.assets import review_decisions
from pipelines.defs.review.sensors import review_sensor

defs = dg.Definitions(assets=[review_decisions], sensors=[review_sensor])
