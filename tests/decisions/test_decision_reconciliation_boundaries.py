"""mart_reconciliation at its boundaries, on a real DuckDB file built by the real models.

The most common real case is approved exactly equal to agreed: it must raise no flag, while one
cent more must. The application deadline (31 March) and a decision dated on the reference date
itself are boundaries of the date comparisons.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import warehouse
from tests.support import decision_records as dec

PROJECTS = {1: ["Jobdatings"], 2: ["Coaching"], 3: ["Sprachkurs"], 4: ["BASS"]}
YEAR = 2025


def _build(districts, tmp_path, as_of: date):
    """Four district-years at the money boundaries, one at the date boundary."""
    connection = warehouse.connect(tmp_path / f"warehouse_{as_of:%Y%m%d}.duckdb")
    warehouse.load_reference_data(connection)

    def decide(ags: str, lines, day: date = date(YEAR, 4, 1)) -> None:
        record = dec.decision(
            f"RPKS-57-AQB-{YEAR}-{ags}-01",
            "first",
            day,
            lines,
            district=(ags, districts.by_ags[ags].official_name),
            year=YEAR,
        )
        dec.insert_decision(connection, record, sha256=f"d{ags}".ljust(64, "0"))

    # 06431: approved total exactly the budget, measure 1 exactly its agreed amount
    dec.insert_agreement(
        connection,
        "1" * 64,
        "06431",
        YEAR,
        "500000.00",
        PROJECTS,
        measure_amounts={1: "300000.00"},
    )
    decide("06431", [(1, "Jobdatings", None, "300000.00"), (2, "Coaching", None, "200000.00")])
    # 06432: approved total one cent above the budget
    dec.insert_agreement(connection, "2" * 64, "06432", YEAR, "500000.00", PROJECTS)
    decide("06432", [(1, "Jobdatings", None, "500000.01")])
    # 06433: measure 1 one cent above its agreed amount, total within the budget
    dec.insert_agreement(
        connection,
        "3" * 64,
        "06433",
        YEAR,
        "900000.00",
        PROJECTS,
        measure_amounts={1: "300000.00"},
    )
    decide("06433", [(1, "Jobdatings", None, "300000.01")])
    # 06434: an agreement and no decision (the deadline flag's boundary)
    dec.insert_agreement(connection, "4" * 64, "06434", YEAR, "700000.00", PROJECTS)
    # 06435: the only decision is dated on the reference date itself
    dec.insert_agreement(connection, "5" * 64, "06435", YEAR, "700000.00", PROJECTS)
    decide("06435", [(3, "Sprachkurs", None, "70000.00")], day=as_of)
    # 06436: two budget years of one district, each with its own agreement and decision, so
    # every join must hold the year as well as the district
    for year, budget, measure_1, approved_1 in (
        (YEAR - 1, "600000.00", "250000.00", "250000.00"),
        (YEAR, "650000.00", "350000.00", "100000.00"),
    ):
        dec.insert_agreement(
            connection,
            f"6{year}".ljust(64, "6"),
            "06436",
            year,
            budget,
            PROJECTS,
            measure_amounts={1: measure_1},
        )
        record = dec.decision(
            f"RPKS-57-AQB-{year}-06436-01",
            "first",
            date(year, 3, 1),
            [(1, "Jobdatings", None, approved_1)],
            district=("06436", districts.by_ags["06436"].official_name),
            year=year,
        )
        dec.insert_decision(connection, record, sha256=f"d06436{year}".ljust(64, "0"))
    dec.build_decision_models(connection, as_of)
    return connection


def _flags(connection, ags: str, measure_type: int) -> dict[str, object]:
    cursor = connection.execute(
        "SELECT * FROM mart_reconciliation WHERE district_ags = ? AND year = ? AND measure_type = ?",
        [ags, YEAR, measure_type],
    )
    names = [column[0] for column in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


@pytest.fixture
def on_deadline(districts, tmp_path):
    connection = _build(districts, tmp_path, date(YEAR, 3, 31))
    yield connection
    connection.close()


@pytest.fixture
def after_deadline(districts, tmp_path):
    connection = _build(districts, tmp_path, date(YEAR, 4, 1))
    yield connection
    connection.close()


def test_approved_equal_to_agreed_raises_no_flag(after_deadline) -> None:
    for measure_type in range(1, 5):
        row = _flags(after_deadline, "06431", measure_type)
        assert row["approved_total_eur"] == row["agreed_total_eur"] == Decimal("500000.00")
        assert not row["flag_total_approved_above_agreed"]
        assert not row["flag_measure_approved_above_agreed"]
        assert not row["flag_approved_above_agreed"]
        assert not row["has_flag"]
    assert _flags(after_deadline, "06431", 1)["approved_eur"] == Decimal("300000.00")
    assert _flags(after_deadline, "06431", 1)["agreed_eur"] == Decimal("300000.00")


def test_one_cent_above_the_budget_flags_the_total(after_deadline) -> None:
    for measure_type in range(1, 5):
        row = _flags(after_deadline, "06432", measure_type)
        assert row["flag_total_approved_above_agreed"]
        assert row["flag_approved_above_agreed"]
        assert not row["flag_measure_approved_above_agreed"]  # no per-measure amount agreed


def test_one_cent_above_the_measure_amount_flags_only_that_measure(after_deadline) -> None:
    first = _flags(after_deadline, "06433", 1)
    assert first["flag_measure_approved_above_agreed"]
    assert first["flag_approved_above_agreed"]
    assert not first["flag_total_approved_above_agreed"]
    for measure_type in (2, 3, 4):
        row = _flags(after_deadline, "06433", measure_type)
        assert not row["flag_measure_approved_above_agreed"]
        assert not row["has_flag"]


def test_missing_decision_is_flagged_only_after_31_march(on_deadline, after_deadline) -> None:
    assert not _flags(on_deadline, "06434", 1)["flag_agreement_without_decision"]
    assert _flags(after_deadline, "06434", 1)["flag_agreement_without_decision"]


@pytest.mark.parametrize("fixture", ["on_deadline", "after_deadline"])
def test_a_decision_dated_on_the_reference_date_counts(request, fixture) -> None:
    connection = request.getfixturevalue(fixture)
    row = _flags(connection, "06435", 3)
    assert row["has_decisions"]
    assert row["approved_eur"] == Decimal("70000.00")
    assert row["current_decision_id"] == f"RPKS-57-AQB-{YEAR}-06435-01"
    assert not row["flag_agreement_without_decision"]


def test_each_budget_year_is_reconciled_with_its_own_agreement_and_decisions(after_deadline):
    rows = after_deadline.execute(
        "SELECT year, measure_type, agreed_eur, agreed_total_eur, approved_eur,"
        " approved_total_eur, current_decision_id FROM mart_reconciliation"
        " WHERE district_ags = '06436' ORDER BY year, measure_type"
    ).fetchall()
    assert [(year, measure_type) for year, measure_type, *_ in rows] == [
        (year, measure_type) for year in (YEAR - 1, YEAR) for measure_type in range(1, 5)
    ]
    by_year = {year: [row[2:] for row in rows if row[0] == year] for year in (YEAR - 1, YEAR)}
    assert by_year[YEAR - 1][0] == (
        Decimal("250000.00"),
        Decimal("600000.00"),
        Decimal("250000.00"),
        Decimal("250000.00"),
        f"RPKS-57-AQB-{YEAR - 1}-06436-01",
    )
    assert by_year[YEAR][0] == (
        Decimal("350000.00"),
        Decimal("650000.00"),
        Decimal("100000.00"),
        Decimal("100000.00"),
        f"RPKS-57-AQB-{YEAR}-06436-01",
    )
    for year in (YEAR - 1, YEAR):
        for agreed, _, approved, *_ in by_year[year][1:]:
            assert agreed is None and approved == Decimal("0.00")
    flagged = after_deadline.execute(
        "SELECT count(*) FROM mart_reconciliation WHERE district_ags = '06436' AND has_flag"
    ).fetchone()[0]
    assert flagged == 0
