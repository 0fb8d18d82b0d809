"""Benchmark suite for AQB Monitor (issue 7): ``python -m bench.run``.

Measures the real pipeline (Dagster job, DuckDB, Streamlit) on corpora of 1x..64x the sample and
writes ``bench/results/latest.md`` and ``latest.json``. Everything heavy runs in subprocesses so
each measurement has its own peak memory and a cold interpreter, as a scheduled ingest would.
"""
