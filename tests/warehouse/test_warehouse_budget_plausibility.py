"""The budget plausibility rule at its limits: 50.000 € and 8.000.000 € are plausible, one cent
below the lower or above the upper limit is not. Agreements go through the real staging and mart
models into a DuckDB file, and the committed Great Expectations suite ``current_agreements``
judges them, as in a run."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

import warehouse
from pipelines.quality.runner import run_suite
from pipelines.quality.suites import BUDGET_MAX_EUR, BUDGET_MIN_EUR

RULE = "Budget im plausiblen Bereich (50.000–8.000.000 €)"
# one district per budget, so each verdict is attributable to exactly one amount
BUDGETS = {
    "06431": "49999.99",  # one cent below the lower limit
    "06432": "50000.00",  # the lower limit itself
    "06433": "50000.01",
    "06434": "7999999.99",
    "06435": "8000000.00",  # the upper limit itself
    "06436": "8000000.01",  # one cent above the upper limit
}
YEAR = 2025


def _insert_agreement(connection: duckdb.DuckDBPyConnection, ags: str, budget: str) -> None:
    """A parsed agreement (and its raw document) as the loader stores it, without measures."""
    sha256 = f"{ags}{'0' * 59}"
    connection.execute(
        "INSERT INTO raw_documents (sha256, original_name, size_bytes, media_type, first_seen_at,"
        " archive_path) VALUES (?, ?, ?, ?, ?, ?)",
        [sha256, f"zv_{ags}_{YEAR}.txt", 100, "text/plain", datetime(2025, 9, 1), sha256],
    )
    connection.execute(
        "INSERT INTO agreements (sha256, district_ags, year, budget_total_eur, ministry, signed_on)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [sha256, ags, YEAR, Decimal(budget), "HMSI", date(YEAR, 3, 1)],
    )


@pytest.fixture
def outcome(tmp_path: Path):
    """The validated current agreements of a warehouse holding the six boundary budgets."""
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    try:
        warehouse.load_reference_data(connection)
        for ags, budget in BUDGETS.items():
            _insert_agreement(connection, ags, budget)
        warehouse.build_models(connection, "staging")
        warehouse.build_models(connection, "marts")
        keys = [
            row[0]
            for row in connection.execute("SELECT district_ags FROM ref_districts").fetchall()
        ]
        yield run_suite(connection, "current_agreements", tmp_path / "docs", keys, years=[YEAR])
    finally:
        connection.close()


def test_limits_are_the_documented_ones() -> None:
    assert (BUDGET_MIN_EUR, BUDGET_MAX_EUR) == (50_000, 8_000_000)


def test_the_limits_are_plausible_and_one_cent_beyond_is_not(outcome) -> None:
    assert outcome.rows_validated == len(BUDGETS)
    rule = next(rule for rule in outcome.rules if rule.rule == RULE)
    assert not rule.success
    assert rule.unexpected_count == 2
    assert rule.failing_districts == {YEAR: ("06431", "06436")}
    assert rule.failing_rows[YEAR] == ("06431: Budget 49.999,99 €", "06436: Budget 8.000.000,01 €")


def test_an_implausible_budget_fails_the_error_suite_and_nothing_else_does(outcome) -> None:
    assert outcome.severity == "error" and not outcome.success
    assert [rule.rule for rule in outcome.failed_rules] == [RULE]
