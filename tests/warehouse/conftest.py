"""Fixtures for the warehouse tests: a real DuckDB file in tmp_path.

Record builders (as the parsers would produce them) live in ``tests/support/warehouse_records.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import warehouse


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated warehouse file with reference data loaded."""
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    warehouse.load_reference_data(connection)
    yield connection
    connection.close()
