"""Statewide plausibility against published figures (warning; few years have one)."""

from __future__ import annotations

from pipelines.defs.agreements.assets import marts
from pipelines.defs.quality.gx_checks import gx_asset_check

quality_checks = [gx_asset_check("statewide_totals", marts)]
