"""GX suites guarding staging and marts; all error severity, so each one blocks publishing."""

from __future__ import annotations

from pipelines.defs.agreements.assets import marts, staging_tables
from pipelines.defs.quality.gx_checks import gx_asset_check

agreement_checks = [
    gx_asset_check("parsed_agreements", staging_tables),
    gx_asset_check("mart_schemas", marts),
    gx_asset_check("current_agreements", marts),
    gx_asset_check("measure_mix", marts),
    gx_asset_check("signature_dates", marts),
]
