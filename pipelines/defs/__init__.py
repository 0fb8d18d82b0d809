"""Dagster definitions by domain; ``pipelines.definitions`` assembles them.

documents (inbox -> raw registry -> parsed records), decisions (project matching),
agreements (reference data, staging and marts by budget year, with their GX checks),
quality (statewide checks, run failure sensor), publishing (validated snapshot, nightly schedule).
"""
