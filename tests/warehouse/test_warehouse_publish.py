"""Published snapshots: complete or invisible, readers undisturbed, old ones pruned."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

import warehouse
from pipelines.ingest.loader import store_outcome
from pipelines.publish.snapshot import SNAPSHOTS_KEPT, current_snapshot, publish_snapshot
from tests.support import warehouse_records as builders

READER = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
query = "SELECT sum(budget_total_eur)::VARCHAR FROM mart_state_year"
print(connection.execute(query).fetchall()[0][0], flush=True)
sys.stdin.readline()  # hold the snapshot open until the test has published a new one
print(connection.execute(query).fetchall()[0][0], flush=True)
"""


def _ingest_agreement(
    connection,
    tmp_path: Path,
    name: str,
    ags: str,
    year: int,
    budget: str,
) -> None:
    sha = builders.register(connection, tmp_path, name, name.encode())
    store_outcome(
        connection,
        builders.agreement_outcome(sha, builders.agreement(ags, year, budget, {3: ["Jobdatings"]})),
        name,
        "v1",
    )
    warehouse.build_models(connection, "staging")
    warehouse.build_models(connection, "marts")


def _state_total(path: Path) -> Decimal:
    with duckdb.connect(str(path), read_only=True) as reader:
        return reader.execute("SELECT sum(budget_total_eur) FROM mart_state_year").fetchall()[0][0]


def test_publish_copies_marts_ref_tables_and_snapshot_info(connection, tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    assert current_snapshot(publish_dir) is None
    _ingest_agreement(connection, tmp_path, "a.txt", "06431", 2025, "1230450")

    published = publish_snapshot(
        connection,
        publish_dir,
        run_id="run 1/a",
        is_sample=True,
        data_docs_path="data_docs/index.html",
    )

    assert current_snapshot(publish_dir) == published.path
    assert (publish_dir / "CURRENT").read_text().strip() == published.snapshot_id
    with duckdb.connect(str(published.path), read_only=True) as reader:
        tables = {
            row[0]
            for row in reader.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        warehouse_tables = {
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        expected = {name for name in warehouse_tables if name.startswith(("mart_", "ref_"))} | {
            "snapshot_info"
        }
        assert tables == expected
        info = reader.execute(
            "SELECT snapshot_id, run_id, is_sample, data_docs_path, last_ingest_at IS NOT NULL FROM snapshot_info"
        ).fetchall()
        assert info == [(published.snapshot_id, "run 1/a", True, "data_docs/index.html", True)]
        assert reader.execute(
            "SELECT district_ags, budget_total_eur FROM mart_district_year WHERE has_agreement"
        ).fetchall() == [("06431", Decimal("1230450.00"))]
        column_types = dict(
            reader.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'mart_district_year'"
            ).fetchall()
        )
        assert (
            column_types["budget_total_eur"] == "DECIMAL(14,2)"
            and column_types["district_ags"] == "VARCHAR"
        )
    assert published.tables["snapshot_info"] == 1
    assert not [path for path in publish_dir.rglob("*.tmp")]


def test_reader_keeps_its_snapshot_while_a_new_one_is_published(connection, tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    _ingest_agreement(connection, tmp_path, "a.txt", "06431", 2025, "1230450")
    first = publish_snapshot(
        connection, publish_dir, run_id="r1", is_sample=False, data_docs_path=None
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(current_snapshot(publish_dir))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "1230450.00"

        # a new ingest writes the warehouse and publishes while the reader holds the old snapshot
        _ingest_agreement(connection, tmp_path, "b.txt", "06440", 2025, "1140300")
        second = publish_snapshot(
            connection, publish_dir, run_id="r2", is_sample=False, data_docs_path=None
        )

        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1230450.00"
    finally:
        reader.stdin.close()
        reader.wait()
    assert reader.returncode == 0
    assert second.snapshot_id > first.snapshot_id
    assert current_snapshot(publish_dir) == second.path
    assert _state_total(current_snapshot(publish_dir)) == Decimal("2370750.00")


def test_old_snapshots_are_pruned_but_current_kept(connection, tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    _ingest_agreement(connection, tmp_path, "a.txt", "06431", 2025, "1230450")
    published = [
        publish_snapshot(
            connection, publish_dir, run_id=f"r{i}", is_sample=False, data_docs_path=None
        )
        for i in range(SNAPSHOTS_KEPT + 2)
    ]
    remaining = sorted(path.stem for path in (publish_dir / "snapshots").glob("*.duckdb"))
    assert remaining == [snapshot.snapshot_id for snapshot in published[-SNAPSHOTS_KEPT:]]
    assert current_snapshot(publish_dir) == published[-1].path


def test_a_failed_publish_leaves_current_untouched(connection, tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    _ingest_agreement(connection, tmp_path, "a.txt", "06431", 2025, "1230450")
    first = publish_snapshot(
        connection, publish_dir, run_id="r1", is_sample=False, data_docs_path=None
    )
    # snapshot_info cannot be written when the check results are unreadable: publishing fails
    connection.execute("ALTER TABLE check_results RENAME TO check_results_moved")
    with pytest.raises(duckdb.Error, match="check_results"):
        publish_snapshot(connection, publish_dir, run_id="r2", is_sample=False, data_docs_path=None)
    assert current_snapshot(publish_dir) == first.path
    assert {path.name for path in publish_dir.rglob("*") if path.is_file()} == {
        "CURRENT",
        first.path.name,
    }
    assert _state_total(current_snapshot(publish_dir)) == Decimal("1230450.00")
    # and the warehouse connection is still usable for the next publish
    connection.execute("ALTER TABLE check_results_moved RENAME TO check_results")
    assert publish_snapshot(
        connection, publish_dir, run_id="r3", is_sample=False, data_docs_path=None
    ).path.is_file()


@pytest.fixture
def local_time_five_hours_behind_utc() -> Iterator[None]:
    """The process's local zone set to UTC-5 (a POSIX TZ string, no tzdata needed), so a clock
    that reads local time instead of UTC is off by five hours; restored afterwards."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "EST+05"
    time.tzset()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time.tzset()


def test_the_publish_time_is_utc_whatever_the_local_zone(
    connection, tmp_path: Path, local_time_five_hours_behind_utc
) -> None:
    publish_dir = tmp_path / "published"
    _ingest_agreement(connection, tmp_path, "a.txt", "06431", 2025, "1230450")
    # the bounds come from the standard library's UTC clock, not from pipelines.timestamps
    before = datetime.now(UTC).replace(tzinfo=None)
    published = publish_snapshot(
        connection, publish_dir, run_id="r1", is_sample=False, data_docs_path=None
    )
    after = datetime.now(UTC).replace(tzinfo=None)
    assert before <= published.published_at <= after
    assert published.snapshot_id == f"{published.published_at:%Y%m%dT%H%M%S%f}Z-r1"
    with duckdb.connect(str(published.path), read_only=True) as reader:
        stored = reader.execute("SELECT published_at FROM snapshot_info").fetchall()
    assert stored == [(published.published_at,)]


def test_a_snapshot_that_exists_already_is_refused_with_its_id(connection, tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    _ingest_agreement(connection, tmp_path, "a.txt", "06431", 2025, "1230450")
    instant = datetime(2025, 9, 1, 12, 0, 0, 123456)
    first = publish_snapshot(
        connection, publish_dir, run_id="r1", is_sample=False, data_docs_path=None, now=instant
    )
    assert first.snapshot_id == "20250901T120000123456Z-r1"
    with pytest.raises(FileExistsError) as refused:
        publish_snapshot(
            connection, publish_dir, run_id="r1", is_sample=False, data_docs_path=None, now=instant
        )
    assert str(refused.value) == "snapshot 20250901T120000123456Z-r1 already exists"
    assert current_snapshot(publish_dir) == first.path
