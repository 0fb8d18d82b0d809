"""Publishing: the validated snapshot the dashboard reads, and the nightly ingest schedule."""

import dagster as dg

from pipelines.defs.publishing.assets import published_snapshot
from pipelines.defs.publishing.schedules import nightly_ingest

defs = dg.Definitions(assets=[published_snapshot], schedules=[nightly_ingest])
