"""The whole path on the generated sample corpus: inbox -> real Dagster ingest -> warehouse.

Checks the issue's promises against the corpus manifest (ground truth), not against constants:
every file ends in the warehouse or in quarantine with a reason; every current agreement is
exactly right; planted defects are quarantined or flagged and clean district-years are not;
a second run is idempotent.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.corpus.verify import scan_problems
from pipelines.orchestration import run_ingest

pytestmark = pytest.mark.slow


@pytest.fixture
def warehouse(ingested):
    """A read-only connection per test: DuckDB refuses a writer (the re-run test) while any
    connection with another configuration is open in the same process."""
    settings, _summary, _manifest = ingested
    connection = duckdb.connect(str(settings.warehouse_path), read_only=True)
    yield connection
    connection.close()


def test_every_file_lands_in_the_warehouse_or_in_quarantine(ingested, warehouse) -> None:
    _settings, _summary, manifest = ingested
    registered = {
        row[0] for row in warehouse.execute("SELECT sha256 FROM raw_documents").fetchall()
    }
    results = dict(warehouse.execute("SELECT sha256, status FROM parse_results").fetchall())
    quarantined = {
        row[0]: row[1]
        for row in warehouse.execute(
            "SELECT sha256, reason FROM quarantine WHERE reason_code <> 'rejected_rows'"
        ).fetchall()
    }
    for item in manifest.files:
        assert item.sha256 in registered, f"{item.path} never reached the raw registry"
        assert item.sha256 in results, f"{item.path} was registered but never parsed"
        if item.is_scan:  # exact or quarantined as unsure: test_no_scan_lands_with_a_wrong_figure
            continue
        if item.expected_quarantine:
            assert results[item.sha256] == "quarantined", (
                f"{item.path} ({item.defect}) was accepted"
            )
            assert len(quarantined[item.sha256]) > 20, f"{item.path}: reason too thin"
        else:
            assert results[item.sha256] == "ok", f"{item.path}: {quarantined.get(item.sha256)}"


def test_no_scan_lands_with_a_wrong_figure(ingested, warehouse) -> None:
    """Every scanned original landed with exactly its ground truth or was quarantined as unsure
    (or, without OCR, as a scanned PDF); none landed with a figure of its own."""
    _settings, _summary, manifest = ingested
    assert manifest.scans(), "the sample corpus plants scanned originals"
    assert scan_problems(warehouse, manifest) == []


def test_current_agreements_match_the_manifest_exactly(ingested, warehouse) -> None:
    _settings, _summary, manifest = ingested
    rows = warehouse.execute(
        "SELECT district_ags, year, sha256, budget_total_eur FROM stg_agreements WHERE is_current"
    ).fetchall()
    current = {(ags, year): (sha, budget) for ags, year, sha, budget in rows}
    expected = manifest.current_agreements()
    assert set(current) == set(expected)
    for key, item in expected.items():
        sha, budget = current[key]
        assert sha == item.sha256, f"{key}: wrong version is current"
        assert budget == Decimal(item.expected["budget_total_eur"]), key


def test_projects_per_measure_type_match_the_manifest(ingested, warehouse) -> None:
    _settings, _summary, manifest = ingested
    rows = warehouse.execute(
        "SELECT sha256, measure_type, project_name FROM agreement_projects ORDER BY sha256, measure_type, position"
    ).fetchall()
    projects: dict[tuple[str, int], list[str]] = {}
    for sha, measure_type, name in rows:
        projects.setdefault((sha, measure_type), []).append(name)
    for item in manifest.current_agreements().values():
        for measure in item.expected["measures"]:
            got = projects.get((item.sha256, measure["measure_type"]), [])
            assert got == measure["projects"], (item.path, measure["measure_type"])


def test_superseded_versions_are_kept_as_earlier_versions(ingested, warehouse) -> None:
    _settings, _summary, manifest = ingested
    replaced = [item for item in manifest.clean_agreements() if item.superseded_by]
    assert replaced, "the corpus plants corrected agreements"
    versions = dict(warehouse.execute("SELECT sha256, is_current FROM stg_agreements").fetchall())
    for item in replaced:
        assert versions[item.sha256] is False, f"{item.path} should be an earlier version"


def test_decision_defects_are_flagged_and_clean_district_years_are_not(ingested, warehouse) -> None:
    _settings, _summary, manifest = ingested
    flagged = warehouse.execute(
        """SELECT district_ags, year, bool_or(flag_total_approved_above_agreed), bool_or(flag_decision_without_agreement)
           FROM mart_reconciliation GROUP BY ALL"""
    ).fetchall()
    above = {(ags, year) for ags, year, is_above, _ in flagged if is_above}
    without = {(ags, year) for ags, year, _, is_without in flagged if is_without}
    planted_above = {
        (d["district_ags"], int(d["year"]))
        for d in manifest.decisions().values()
        if d.get("defect") == "decision_exceeds_agreement"
    }
    planted_without = {(ags, year) for ags, year in manifest.missing_agreements}
    assert planted_above and planted_without
    assert above == planted_above
    assert without == planted_without


def test_published_snapshot_serves_the_current_agreements(ingested) -> None:
    settings, summary, manifest = ingested
    assert summary.published and summary.snapshot_path
    snapshot = duckdb.connect(str(summary.snapshot_path), read_only=True)
    try:
        total = snapshot.execute(
            "SELECT year, budget_total_eur FROM mart_state_year ORDER BY year"
        ).fetchall()
        is_sample = snapshot.execute("SELECT is_sample FROM snapshot_info").fetchone()[0]
    finally:
        snapshot.close()
    expected_totals = {
        int(year): Decimal(amount) for year, amount in manifest.statewide_totals.items()
    }
    assert {year: amount for year, amount in total} == expected_totals
    assert is_sample is True


def test_second_run_is_idempotent(ingested) -> None:
    settings, first, _manifest = ingested
    again: Settings = settings
    summary = run_ingest(again)
    assert summary.docs_new == 0 and summary.docs_updated == 0 and summary.docs_quarantined == 0
    connection = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        n_docs = connection.execute("SELECT count(*) FROM raw_documents").fetchone()[0]
        agreements = {
            row[0] for row in connection.execute("SELECT sha256 FROM agreements").fetchall()
        }
    finally:
        connection.close()
    assert n_docs == len({item.sha256 for item in _manifest.files})
    clean = {item.sha256 for item in _manifest.clean_agreements()}
    scans = {item.sha256 for item in _manifest.scans() if item.document_type == "agreement"}
    assert clean <= agreements <= clean | scans  # a scan adds a row only when read exactly
