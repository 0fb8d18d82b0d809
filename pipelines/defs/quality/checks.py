"""Statewide plausibility against published figures (warning; few years have one).

The suite guards ``marts`` and runs in the one marts check step (see ``defs/agreements/checks``),
so this module names the suite and adds no step of its own.
"""

from __future__ import annotations

import dagster as dg

STATEWIDE_MART_SUITES = ("statewide_totals",)

quality_checks: list[dg.AssetChecksDefinition] = []
