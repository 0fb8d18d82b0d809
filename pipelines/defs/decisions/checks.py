"""Decisions above their agreement are flagged (warning): they inform, they do not block."""

from __future__ import annotations

from pipelines.defs.agreements.assets import marts
from pipelines.defs.quality.gx_checks import gx_asset_check

decision_checks = [gx_asset_check("decisions_within_agreement", marts)]
