"""GX suites guarding staging and marts: one check step per guarded asset.

Agreement suites are error severity, so each one blocks publishing, except version_conflicts
(a warning: the tie rule decided a current version, a reviewer should look). The marts step also runs
the warning suites of decisions and of statewide quality: every extra step costs a fixed Dagster
overhead that dominated one-file ingests, while each suite keeps its own check and result.
"""

from __future__ import annotations

from pipelines.defs.agreements.assets import marts, staging_tables
from pipelines.defs.decisions.checks import DECISION_MART_SUITES
from pipelines.defs.quality.checks import STATEWIDE_MART_SUITES
from pipelines.defs.quality.gx_checks import gx_asset_checks

AGREEMENT_MART_SUITES = (
    "mart_schemas",
    "current_agreements",
    "measure_mix",
    "signature_dates",
    "version_conflicts",
)

agreement_checks = [
    gx_asset_checks(["parsed_agreements"], staging_tables),
    gx_asset_checks([*AGREEMENT_MART_SUITES, *DECISION_MART_SUITES, *STATEWIDE_MART_SUITES], marts),
]
