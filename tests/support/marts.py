"""Every mart of a warehouse as comparable rows, for tests that compare two warehouses fed the
same documents in different runs (kill-and-recover, shuffled rebuilds); and the rows of a
snapshot that draw every table of a page.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# Marts describing one run's inbox walk or check run, not the documents: two warehouses fed the
# same documents in different runs see different entries in their last run.
RUN_MARTS = frozenset({"mart_inbox_entries", "mart_check_results"})
RUN_COLUMNS = frozenset({"run_id", "snapshot_id", "registration_seq"})


def comparable_marts(warehouse: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, without run ids and timestamps (``RUN_MARTS`` left out)."""
    marts: dict[str, list[tuple]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_name LIKE 'mart\\_%' ESCAPE '\\' ORDER BY table_name"
            ).fetchall()
            if name not in RUN_MARTS
        ]
        for table in tables:
            columns = [
                name
                for name, data_type in connection.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if name not in RUN_COLUMNS and not data_type.startswith("TIMESTAMP")
            ]
            selected = ", ".join(f'"{name}"' for name in columns)
            rows = connection.execute(f"SELECT {selected} FROM {table}").fetchall()
            marts[table] = sorted(rows, key=repr)
    return marts


def profile_with_every_table(connection) -> tuple[str, int]:
    """(district key, year) of a Kreisprofil that draws every table: a district with a
    corrected agreement (more than one version) and grant decisions, its latest such year."""
    return connection.execute(
        "SELECT v.district_ags, max(v.year) FROM mart_agreement_versions AS v"
        " JOIN mart_decisions AS d USING (district_ags) WHERE v.versions > 1"
        " GROUP BY v.district_ags ORDER BY v.district_ags LIMIT 1"
    ).fetchone()
