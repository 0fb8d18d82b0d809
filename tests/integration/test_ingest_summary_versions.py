"""The end of ``aqb ingest``: each agreement the run superseded by name, year and old -> new
budget, and the check state of the snapshot it serves (from the sample corpus's real ingest)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.commands.ingest_cmd import served_check_line, updated_agreement_lines


def _eur(value) -> str:
    return f"{float(value):,.0f} €".replace(",", ".")


def test_summary_names_each_updated_agreement(ingested) -> None:
    settings, summary, _manifest = ingested
    lines = updated_agreement_lines(settings.warehouse_path, datetime(2000, 1, 1))
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        rows = connection.execute(
            "SELECT a.district_ags, a.year, p.budget_total_eur, a.budget_total_eur "
            "FROM stg_agreements AS a JOIN stg_agreements AS p "
            "ON p.district_ags = a.district_ags AND p.year = a.year AND p.version = a.version - 1 "
            "ORDER BY a.district_ags, a.year, a.version"
        ).fetchall()
    assert rows and len(lines) == len(rows) == summary.docs_updated
    for line, (ags, year, old, new) in zip(lines, rows, strict=True):
        assert f"({ags}) {year}" in line
        assert f"{_eur(old)} -> {_eur(new)}" in line
    # a run that started after every file arrived superseded nothing
    assert updated_agreement_lines(settings.warehouse_path, datetime(2999, 1, 1)) == []


def test_summary_reports_the_served_snapshots_failing_checks(ingested) -> None:
    _settings, summary, _manifest = ingested
    line = served_check_line(summary.snapshot_id, summary.snapshot_path)
    with duckdb.connect(summary.snapshot_path, read_only=True) as connection:
        errors, warnings = connection.execute(
            "SELECT count(*) FILTER (WHERE severity = 'error'), "
            "count(*) FILTER (WHERE severity <> 'error') FROM mart_check_results WHERE NOT success"
        ).fetchone()
    assert summary.snapshot_id in line
    assert f"Fehler/errors {errors}, Warnungen/warnings {warnings}" in line
    assert served_check_line(None, None).endswith("keiner / none")
    assert "Warnungen/warnings 0" in served_check_line("x", str(Path("/nonexistent.duckdb")))
