"""Dagster definitions by area; each package holds its assets, checks, sensors and schedules and
exports them as ``defs``; ``pipelines.definitions`` merges them.

documents (inbox -> raw registry -> parsed records, inbox sensor), review (the review log,
review sensor), matching (decision lines to projects; decides the run's budget years),
transform (reference data and one asset per SQL model), quality (GX suites as checks on the
table each validates), publishing (validated snapshot, nightly schedule), operations (run
history, alerts, freshness). ``jobs``, ``shared`` and ``incremental`` serve all of them.
"""

import warnings

import dagster as dg

# We use BackfillPolicy.single_run() on purpose (a whole range of budget years in one run, see
# defs/matching); its beta notice would otherwise greet every CLI call and test.
warnings.filterwarnings("ignore", category=dg.BetaWarning)
