"""Matching: decision lines linked to the agreement projects they fund; decides the run's years."""

import dagster as dg

from pipelines.defs.matching.assets import project_matches

defs = dg.Definitions(assets=[project_matches])
