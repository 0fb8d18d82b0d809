"""Table contracts, each written once (issue 12, point 4).

``tables`` declares every table the loader writes, every mart the dashboard and downloads read,
the ``ref_*`` reference tables and a snapshot's ``snapshot_info``: its columns in order with
their DuckDB types. ``columns`` is the data dictionary: per column
name its German header, how a value is written and what it means. From these two the loader's
Arrow schemas and column lists (``pipelines.ingest.rows``/``record_rows``), the GX schema suite
(``pipelines.quality.suites``), the export data dictionary (``pipelines.exports.columns``) and
the column lists of ``docs/data_model.md`` (``python -m pipelines.contracts.docs``) are derived;
``tests/warehouse/test_warehouse_contracts.py`` fails when a migration, a model, a reference CSV,
a published snapshot, the test snapshot factory or the document drifts from them.

This package stays light (no pyarrow, polars or duckdb): parse workers import ``tables``.
"""
