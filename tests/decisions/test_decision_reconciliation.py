"""mart_reconciliation on a real DuckDB file: each flag fires on its planted case and nowhere else."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

import warehouse
from tests.support import decision_records as dec

AS_OF = date(2026, 6, 30)
PROJECTS = {
    1: ["Jobdatings"],
    2: ["Ausbildungscoaching"],
    3: ["Sprachkurs Bensheim"],
    4: ["BASS Studium"],
}


def _district(districts, ags: str) -> tuple[str, str]:
    return ags, districts.by_ags[ags].official_name


@pytest.fixture(scope="module")
def planted(districts, tmp_path_factory):
    """Ten district-years, one planted case each (A..I), built through the real models."""
    connection = warehouse.connect(tmp_path_factory.mktemp("reconciliation") / "warehouse.duckdb")
    warehouse.load_reference_data(connection)
    add_agreement, add_decision, decision = dec.insert_agreement, dec.insert_decision, dec.decision

    def decide(ags, sequence, decision_type, day, lines, year=2025, refers_to=None):
        record = decision(
            f"RPKS-57-AQB-{year}-{ags}-{sequence:02d}",
            decision_type,
            day,
            lines,
            district=_district(districts, ags),
            year=year,
            refers_to=refers_to,
        )
        add_decision(connection, record, sha256=f"{ags}{year}{sequence:02d}".ljust(64, "0"))

    # A clean: per-measure amount respected, final decision with use and reclaim
    add_agreement(
        connection,
        "a" * 64,
        "06431",
        2025,
        "1000000.00",
        {1: ["Jobdatings"], 3: ["Sprachkurs"], 4: ["BASS"]},
        measure_amounts={3: "500000.00"},
    )
    decide(
        "06431",
        1,
        "first",
        date(2025, 3, 14),
        [(1, "Jobdatings", None, "300000.00"), (3, "Sprachkurs", None, "450000.00")],
    )
    decide(
        "06431",
        2,
        "final",
        date(2026, 3, 1),
        [
            (1, "Jobdatings", None, "300000.00", "280000.00", "20000.00"),
            (3, "Sprachkurs", None, "450000.00", "450000.00", "0.00"),
        ],
    )
    # B approved total above the agreement's budget
    add_agreement(connection, "b" * 64, "06432", 2025, "500000.00", PROJECTS)
    decide("06432", 1, "first", date(2025, 4, 1), [(1, "Jobdatings", None, "600000.00")])
    # C one measure type above its agreed amount, total within budget
    add_agreement(
        connection,
        "c" * 64,
        "06433",
        2025,
        "1000000.00",
        PROJECTS,
        measure_amounts={1: "100000.00"},
    )
    decide(
        "06433",
        1,
        "first",
        date(2025, 4, 1),
        [(1, "Jobdatings", None, "150000.00"), (2, "Coaching", None, "10000.00")],
    )
    # D decision without agreement
    decide("06434", 1, "first", date(2025, 4, 1), [(2, "Coaching", None, "70000.00")])
    # E agreement, no decision, deadline (31 March 2025) passed
    add_agreement(connection, "e" * 64, "06435", 2025, "800000.00", PROJECTS)
    # F agreement for 2027, no decision yet, deadline not reached
    add_agreement(connection, "f" * 64, "06436", 2027, "800000.00", PROJECTS)
    # G measure type 4 in the decision, agreement lists neither project nor amount for it
    add_agreement(
        connection,
        "9" * 64,
        "06437",
        2025,
        "900000.00",
        {1: ["Jobdatings"], 2: ["Coaching"], 3: ["Sprachkurs"]},
    )
    decide(
        "06437",
        1,
        "first",
        date(2025, 4, 1),
        [(1, "Jobdatings", None, "100000.00"), (4, "Fortbildung Fallmanagement", None, "5000.00")],
    )
    # H corrected agreement raises the budget; first decision above it, amendment below
    add_agreement(
        connection,
        "8" * 64,
        "06438",
        2025,
        "500000.00",
        PROJECTS,
        signed_on=date(2025, 5, 1),
        seen_at=datetime(2025, 5, 2),
    )
    add_agreement(
        connection,
        "7" * 64,
        "06438",
        2025,
        "1000000.00",
        PROJECTS,
        signed_on=date(2025, 8, 2),
        seen_at=datetime(2025, 8, 3),
    )
    decide("06438", 2, "amendment", date(2025, 9, 1), [(1, "Jobdatings", None, "800000.00")])
    decide("06438", 1, "first", date(2025, 3, 20), [(1, "Jobdatings", None, "1200000.00")])
    # I revoked grant
    add_agreement(connection, "6" * 64, "06439", 2025, "1000000.00", PROJECTS)
    decide("06439", 1, "first", date(2025, 4, 1), [(1, "Jobdatings", None, "200000.00")])
    decide("06439", 2, "revocation", date(2025, 11, 1), [])
    # decision dated after the reference date does not count yet (so this one has none)
    add_agreement(connection, "5" * 64, "06440", 2026, "700000.00", PROJECTS)
    decide("06440", 1, "first", date(2026, 12, 1), [(1, "Jobdatings", None, "10000.00")], year=2026)

    dec.build_decision_models(connection, AS_OF)
    yield connection
    connection.close()


def _rows(connection):
    cursor = connection.execute(
        "SELECT * FROM mart_reconciliation ORDER BY district_ags, year, measure_type"
    )
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


FLAGS = {
    "flag_total_approved_above_agreed": {("06432", 2025, t) for t in range(1, 5)},
    "flag_measure_approved_above_agreed": {("06433", 2025, 1)},
    "flag_approved_above_agreed": {("06432", 2025, t) for t in range(1, 5)} | {("06433", 2025, 1)},
    "flag_decision_without_agreement": {("06434", 2025, t) for t in range(1, 5)},
    "flag_agreement_without_decision": {("06435", 2025, t) for t in range(1, 5)}
    | {("06440", 2026, t) for t in range(1, 5)},
    "flag_measure_not_in_agreement": {("06437", 2025, 4)},
}


@pytest.mark.parametrize("flag", sorted(FLAGS))
def test_each_flag_fires_on_its_planted_case_and_nowhere_else(planted, flag):
    fired = {
        (row["district_ags"], row["year"], row["measure_type"])
        for row in _rows(planted)
        if row[flag]
    }
    assert fired == FLAGS[flag]


def test_clean_district_years_carry_no_flag_and_every_row_has_four_measure_types(planted):
    rows = _rows(planted)
    flagged_years = {(ags, year) for cells in FLAGS.values() for ags, year, _ in cells}
    clean = {(row["district_ags"], row["year"]) for row in rows} - flagged_years
    assert clean == {("06431", 2025), ("06436", 2027), ("06438", 2025), ("06439", 2025)}
    for row in rows:
        if (row["district_ags"], row["year"]) in clean:
            assert not row["has_flag"], row
    per_year: dict[tuple[str, int], list[int]] = {}
    for row in rows:
        per_year.setdefault((row["district_ags"], row["year"]), []).append(row["measure_type"])
    assert all(types == [1, 2, 3, 4] for types in per_year.values())


def test_amounts_come_from_agreement_current_state_and_final_decision(planted):
    rows = {(r["district_ags"], r["year"], r["measure_type"]): r for r in _rows(planted)}
    clean_1, clean_3 = rows[("06431", 2025, 1)], rows[("06431", 2025, 3)]
    assert (clean_1["agreed_eur"], clean_3["agreed_eur"]) == (None, Decimal("500000.00"))
    assert clean_1["agreed_total_eur"] == Decimal("1000000.00")
    assert (clean_1["approved_eur"], clean_1["used_eur"], clean_1["reclaimed_eur"]) == (
        Decimal("300000.00"),
        Decimal("280000.00"),
        Decimal("20000.00"),
    )
    assert (
        rows[("06431", 2025, 2)]["approved_eur"] == 0 and rows[("06431", 2025, 2)]["used_eur"] == 0
    )
    corrected = rows[("06438", 2025, 1)]
    assert corrected["agreed_total_eur"] == Decimal("1000000.00")  # the later version counts
    assert corrected["approved_eur"] == Decimal(
        "800000.00"
    )  # the amendment, not the first decision
    assert corrected["used_eur"] is None  # no final decision yet
    revoked = rows[("06439", 2025, 1)]
    assert revoked["approved_eur"] == 0 and revoked["has_decisions"]
    assert rows[("06435", 2025, 1)]["approved_eur"] is None
    assert rows[("06434", 2025, 2)]["district_name"] == "Hochtaunuskreis"


def test_decisions_mart_lists_every_event_with_its_source(planted):
    rows = planted.execute(
        "SELECT decision_id, decision_type, is_current, event_order, source_format, source_sha256"
        " FROM mart_decisions WHERE district_ags = ? ORDER BY event_order",
        ["06438"],
    ).fetchall()
    assert [(row[0][-2:], row[1], row[2], row[3], row[4]) for row in rows] == [
        ("01", "first", False, 1, "letter"),
        ("02", "amendment", True, 2, "letter"),
    ]
    assert all(len(row[5]) == 64 for row in rows)
    assert planted.execute("SELECT count(*) FROM mart_decisions").fetchone()[0] == 11
