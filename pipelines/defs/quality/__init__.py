"""Quality: the Great Expectations suites as asset checks, each on the table it validates."""

import dagster as dg

from pipelines.defs.quality.checks import quality_checks

defs = dg.Definitions(asset_checks=quality_checks)
