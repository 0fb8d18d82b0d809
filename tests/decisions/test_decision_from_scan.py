"""Grant decisions read from a scan are marked "aus Scan gelesen" (issue 16) in the decision
marts and in the "Bescheide" download, like the agreements: per copy in mart_decision_sources,
for the copy used in mart_decisions, as "Ja"/"Nein" under "Aus Scan gelesen" in the CSV."""

from __future__ import annotations

from datetime import date

import warehouse
from pipelines.exports import ExportFilters
from pipelines.exports.tables import build_table
from pipelines.exports.writers import to_csv_bytes
from tests.support import decision_records as dec

AS_OF = date(2026, 6, 30)
SCANNED, EXPORT, CLEAN = "1" * 64, "2" * 64, "3" * 64


def test_a_decision_read_from_a_scan_is_marked_in_the_marts_and_the_download(
    districts, warehouse_connection
) -> None:
    district = ("06431", districts.by_ags["06431"].official_name)
    scanned = dec.decision(
        "RPKS-57-AQB-2025-06431-01",
        "first",
        date(2025, 3, 14),
        [(1, "Jobdatings", None, "300000.00")],
        district=district,
        year=2025,
    )
    clean = dec.decision(
        "RPKS-57-AQB-2024-06431-01",
        "first",
        date(2024, 3, 14),
        [(1, "Jobdatings", None, "280000.00")],
        district=district,
        year=2024,
    )
    # the scanned letter and the same decision in the funding system's export (not a scan)
    dec.insert_decision(warehouse_connection, scanned, sha256=SCANNED, source_format="letter")
    dec.insert_decision(warehouse_connection, scanned, sha256=EXPORT, source_format="csv")
    dec.insert_decision(warehouse_connection, clean, sha256=CLEAN, source_format="letter")
    warehouse_connection.execute(
        "UPDATE decisions SET from_scan = true WHERE sha256 = ?", [SCANNED]
    )
    dec.build_decision_models(warehouse_connection, AS_OF)
    warehouse.build_models(
        warehouse_connection,
        "marts",
        as_of_date=AS_OF,
        only=["mart_decisions", "mart_decision_sources"],
    )

    assert warehouse_connection.execute(
        "SELECT year, source_sha256, from_scan FROM mart_decisions ORDER BY year"
    ).fetchall() == [(2024, CLEAN, False), (2025, SCANNED, True)]
    assert warehouse_connection.execute(
        "SELECT source_sha256, is_chosen, from_scan FROM mart_decision_sources ORDER BY source_sha256"
    ).fetchall() == [(SCANNED, True, True), (EXPORT, False, False), (CLEAN, True, False)]

    table = build_table(warehouse_connection, "bescheide", ExportFilters(districts=("06431",)))
    assert table.select("year", "from_scan").rows() == [(2024, False), (2025, True)]
    csv_lines = to_csv_bytes(table).decode("utf-8-sig").splitlines()
    header = csv_lines[0].split(";")
    column = header.index("Aus Scan gelesen")
    assert [line.split(";")[column] for line in csv_lines[1:]] == ["Nein", "Ja"]
