"""One file number, two sources that disagree: the letter is used and the conflict is visible."""

from __future__ import annotations

from datetime import date

import pytest

import warehouse
from tests.support import decision_records as dec

AS_OF = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("export_total", "conflict_expected"),
    [("300000.00", False), ("310000.00", True)],
)
def test_copies_of_one_decision_that_disagree_are_flagged(
    districts, warehouse_connection, export_total: str, conflict_expected: bool
) -> None:
    district = ("06431", districts.by_ags["06431"].official_name)
    letter = dec.decision(
        "RPKS-57-AQB-2025-06431-01",
        "first",
        date(2025, 3, 14),
        [(1, "Jobdatings", None, "300000.00")],
        district=district,
        year=2025,
    )
    export_copy = dec.decision(
        "RPKS-57-AQB-2025-06431-01",
        "first",
        date(2025, 3, 14),
        [(1, "Jobdatings", None, export_total)],
        district=district,
        year=2025,
    )
    dec.insert_decision(warehouse_connection, letter, sha256="1" * 64, source_format="letter")
    dec.insert_decision(warehouse_connection, export_copy, sha256="2" * 64, source_format="csv")
    dec.build_decision_models(warehouse_connection, AS_OF)
    warehouse.build_models(warehouse_connection, "marts", as_of_date=AS_OF, only=["mart_decisions"])

    row = warehouse_connection.execute(
        "SELECT source_format, n_sources, has_source_conflict, total_eur FROM mart_decisions"
    ).fetchall()
    assert len(row) == 1
    source_format, n_sources, has_conflict, total = row[0]
    assert (source_format, n_sources) == ("letter", 2)
    assert has_conflict is conflict_expected
    assert str(total) == "300000.00"
