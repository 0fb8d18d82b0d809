"""Fixtures for the grant-decision tests: the shipped district index and a real DuckDB warehouse.

Records, letters and insert helpers live in ``tests/support/decision_records.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import warehouse
from pipelines.reference import DistrictIndex


@pytest.fixture(scope="session")
def districts() -> DistrictIndex:
    return DistrictIndex.shipped()


@pytest.fixture
def warehouse_connection(tmp_path: Path):
    """A migrated warehouse file with reference data loaded."""
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    warehouse.load_reference_data(connection)
    yield connection
    connection.close()
