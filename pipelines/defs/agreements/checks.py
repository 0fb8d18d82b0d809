"""GX suites guarding staging and marts: one check step per guarded asset.

Agreement suites are all error severity, so each one blocks publishing. The marts step also runs
the warning suites of decisions and of statewide quality: every extra step costs a fixed Dagster
overhead that dominated one-file ingests, while each suite keeps its own check and result.
"""

from __future__ import annotations

import dagster as dg

from pipelines.defs.decisions.checks import DECISION_MART_SUITES
from pipelines.defs.quality.checks import STATEWIDE_MART_SUITES
from pipelines.defs.quality.gx_checks import gx_asset_checks

AGREEMENT_MART_SUITES = ("mart_schemas", "current_agreements", "measure_mix", "signature_dates")

agreement_checks = [
    gx_asset_checks(["parsed_agreements"], dg.AssetKey(["staging", "stg_agreements"])),
    gx_asset_checks(
        [*AGREEMENT_MART_SUITES, *DECISION_MART_SUITES, *STATEWIDE_MART_SUITES],
        dg.AssetKey(["marts", "mart_district_year"]),
    ),
]
