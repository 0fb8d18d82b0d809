"""Decisions above their agreement are flagged (warning): they inform, they do not block.

The suite guards ``marts`` and runs in the one marts check step (see ``defs/agreements/checks``),
so this module names the suite and adds no step of its own.
"""

from __future__ import annotations

import dagster as dg

DECISION_MART_SUITES = ("decisions_within_agreement",)

decision_checks: list[dg.AssetChecksDefinition] = []
