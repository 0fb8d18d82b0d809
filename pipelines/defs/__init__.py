"""Dagster definitions by domain; ``pipelines.definitions`` assembles them.

documents (inbox -> raw registry -> parsed records), decisions (project matching),
agreements (reference data, staging and marts by budget year, with their GX checks),
quality (statewide checks, run failure sensor), publishing (validated snapshot, nightly schedule).
"""

import warnings

import dagster as dg

# We use BackfillPolicy.single_run() on purpose (a whole range of budget years in one run, see
# defs/agreements); its beta notice would otherwise greet every CLI call and test.
warnings.filterwarnings("ignore", category=dg.BetaWarning)
