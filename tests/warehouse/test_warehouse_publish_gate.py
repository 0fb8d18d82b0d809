"""Every guard of the publish gate, on a real warehouse file and the real publish asset.

Guard 1: error-severity checks are blocking and guard assets upstream of the publish step, so
Dagster never starts it after one failed. Guard 2: the publish step itself refuses when this run
recorded a failed error-severity check result (checks run separately, e.g. from the UI), and
only then: a warning, a passed error check or another run's failure does not stop it.
Guard 3: CURRENT only ever names a complete snapshot file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import dagster as dg
import pytest

import warehouse
from pipelines.definitions import ASSET_CHECKS, defs
from pipelines.exports import locate_snapshot
from pipelines.exports.snapshot import _current_snapshot_from_layout
from pipelines.publish.snapshot import (
    CURRENT_FILE,
    SNAPSHOTS_DIR,
    current_snapshot,
    current_snapshot_id,
    prune_snapshots,
)
from pipelines.quality.suites import SUITES_BY_NAME
from pipelines.resources import AqbPathsResource, WarehouseResource

PUBLISH = dg.AssetKey("published_snapshot")


@pytest.fixture
def paths(tmp_path: Path) -> AqbPathsResource:
    return AqbPathsResource(
        inbox_dir=str(tmp_path / "inbox"),
        archive_dir=str(tmp_path / "archive"),
        publish_dir=str(tmp_path / "published"),
        data_docs_dir=str(tmp_path / "data_docs"),
        is_sample=False,
    )


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    """A migrated warehouse with reference data and (empty) staging and marts."""
    path = tmp_path / "warehouse.duckdb"
    connection = warehouse.connect(path)
    warehouse.load_reference_data(connection)
    warehouse.build_models(connection, "staging")
    warehouse.build_models(connection, "marts")
    connection.close()
    return path


def _record_check(path: Path, run_id: str, severity: str, success: bool) -> None:
    connection = warehouse.connect(path)
    connection.execute(
        "INSERT INTO check_results (run_id, checked_at, suite, rule, severity, year, success,"
        " unexpected_count, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            datetime(2025, 9, 1, 12, 0),
            "current_agreements",
            "Budget im plausiblen Bereich",
            severity,
            2025,
            success,
            0 if success else 1,
            "" if success else "06431: 8.000.000,01 €",
        ],
    )
    connection.close()


def _publish(context, warehouse_path: Path, paths: AqbPathsResource):
    """Invoke the real publish asset of the code location directly with ``context``."""
    return defs.resolve_assets_def(PUBLISH)(
        context, warehouse=WarehouseResource(path=str(warehouse_path)), aqb_paths=paths
    )


def test_every_error_check_blocks_and_guards_an_asset_upstream_of_publishing() -> None:
    graph = defs.resolve_asset_graph()
    upstream: set[dg.AssetKey] = set()
    frontier = [PUBLISH]
    while frontier:
        key = frontier.pop()
        for parent in graph.get(key).parent_keys:
            if parent not in upstream:
                upstream.add(parent)
                frontier.append(parent)
    error_checks = 0
    for checks_def in ASSET_CHECKS:
        for spec in checks_def.check_specs:
            if SUITES_BY_NAME[spec.name.removeprefix("gx_")].severity != "error":
                assert not spec.blocking, spec.name
                continue
            error_checks += 1
            assert spec.blocking, spec.name
            assert spec.asset_key in upstream, spec.name
    assert error_checks >= 3


def test_a_failed_error_check_of_this_run_stops_publishing(warehouse_path, paths) -> None:
    context = dg.build_asset_context()
    _record_check(warehouse_path, context.run_id, "error", success=False)
    with pytest.raises(dg.Failure, match="not published: 1 error-severity"):
        _publish(context, warehouse_path, paths)
    assert current_snapshot(paths.publish) is None
    assert not (paths.publish / CURRENT_FILE).exists()
    assert not list(paths.publish.rglob("*.duckdb"))


@pytest.mark.parametrize(
    ("run_id", "severity", "success"),
    [
        ("another-run", "error", False),  # a failure of an earlier run is history, not a verdict
        (None, "warning", False),  # warnings never block
        (None, "error", True),  # a passed error check
    ],
)
def test_only_a_failed_error_check_of_this_run_stops_publishing(
    warehouse_path, paths, run_id, severity, success
) -> None:
    context = dg.build_asset_context()
    _record_check(warehouse_path, run_id or context.run_id, severity, success)
    result = _publish(context, warehouse_path, paths)
    snapshot_id = result.metadata["snapshot_id"]
    assert current_snapshot_id(paths.publish) == snapshot_id
    assert (
        current_snapshot(paths.publish) == paths.publish / SNAPSHOTS_DIR / f"{snapshot_id}.duckdb"
    )


def test_current_names_only_a_complete_snapshot(tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    (publish_dir / SNAPSHOTS_DIR).mkdir(parents=True)
    assert current_snapshot_id(publish_dir) is None  # nothing published yet
    valid = "20250901T120000000000Z-run"
    (publish_dir / CURRENT_FILE).write_text(valid + "\n", encoding="utf-8")
    assert current_snapshot_id(publish_dir) == valid
    assert current_snapshot(publish_dir) is None  # the file it names does not exist
    (publish_dir / SNAPSHOTS_DIR / f"{valid}.duckdb").write_bytes(b"")
    assert current_snapshot(publish_dir) == publish_dir / SNAPSHOTS_DIR / f"{valid}.duckdb"
    for broken in ("../../etc/passwd", "20250901T120000Z-run", f"{valid}/x", "", f"x{valid}"):
        (publish_dir / CURRENT_FILE).write_text(broken, encoding="utf-8")
        assert current_snapshot_id(publish_dir) is None, broken
        assert current_snapshot(publish_dir) is None, broken


def test_a_current_file_that_is_not_utf8_counts_as_unreadable(tmp_path: Path) -> None:
    """Like a missing or malformed pointer: nothing is served, pruning still works, no crash."""
    publish_dir = tmp_path / "published"
    (publish_dir / SNAPSHOTS_DIR).mkdir(parents=True)
    valid = "20250901T120000000000Z-run"
    (publish_dir / SNAPSHOTS_DIR / f"{valid}.duckdb").write_bytes(b"")
    (publish_dir / CURRENT_FILE).write_bytes(b"\xff\xfe" + valid.encode() + b"\x80\n")
    assert current_snapshot_id(publish_dir) is None
    assert current_snapshot(publish_dir) is None
    assert locate_snapshot(publish_dir) is None
    assert _current_snapshot_from_layout(publish_dir) is None  # the exports' own fallback
    assert prune_snapshots(publish_dir, keep=1) == []


def test_pruning_keeps_the_newest_and_never_the_current(tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    snapshots = publish_dir / SNAPSHOTS_DIR
    snapshots.mkdir(parents=True)
    ids = [f"2025090{day}T120000000000Z-r{day}" for day in range(1, 8)]
    for snapshot_id in ids:
        (snapshots / f"{snapshot_id}.duckdb").write_bytes(b"")
    (snapshots / "not-a-snapshot.duckdb").write_bytes(b"")
    (publish_dir / CURRENT_FILE).write_text(ids[0], encoding="utf-8")  # the oldest is current
    removed = prune_snapshots(publish_dir, keep=3)
    assert sorted(path.stem for path in removed) == ids[1:4]
    remaining = sorted(path.stem for path in snapshots.glob("*.duckdb"))
    assert remaining == sorted([ids[0], *ids[4:], "not-a-snapshot"])
    assert prune_snapshots(publish_dir, keep=3) == []  # idempotent


def test_pruning_removes_nothing_while_there_are_no_more_than_keep(tmp_path: Path) -> None:
    publish_dir = tmp_path / "published"
    snapshots = publish_dir / SNAPSHOTS_DIR
    snapshots.mkdir(parents=True)
    ids = [f"2025090{day}T120000000000Z-r{day}" for day in range(1, 4)]
    for snapshot_id in ids:
        (snapshots / f"{snapshot_id}.duckdb").write_bytes(b"")
    (publish_dir / CURRENT_FILE).write_text(ids[-1], encoding="utf-8")  # the newest is current
    assert prune_snapshots(publish_dir, keep=3) == []
    assert sorted(path.stem for path in snapshots.glob("*.duckdb")) == ids
