"""Bench scenarios: each returns plain JSON-ready dicts that ``bench.report`` renders."""
