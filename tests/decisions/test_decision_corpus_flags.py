"""On the generated sample corpus: every decision parses exactly, every planted decision defect is
flagged in mart_reconciliation and no clean district-year is, and matching finds the agreement
project the generator derived each decision line from."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

import warehouse
from pipelines.extract import extract_document
from pipelines.ingest.loader import default_parser_version, parse_pending
from pipelines.ingest.registry import register_documents, scan_inbox
from pipelines.matching.projects import match_decision_lines
from pipelines.parse.decision_letter import parse_decision_letter
from pipelines.parse.decision_table import parse_decision_table
from pipelines.reference import DistrictIndex

pytestmark = pytest.mark.slow

FLAG_OF_DEFECT = {
    "decision_exceeds_agreement": "flag_approved_above_agreed",
    "decision_without_agreement": "flag_decision_without_agreement",
}
OTHER_FLAGS = ("flag_agreement_without_decision", "flag_measure_not_in_agreement")


def _manifest(corpus_dir) -> dict:
    return json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))


def _as_expected(record) -> dict:
    """A parsed record in the manifest's notation (amounts as strings, dates ISO)."""

    def text(value):
        return None if value is None else str(value)

    return {
        "decision_id": record.decision_id,
        "decision_type": record.decision_type,
        "decision_date": record.decision_date.isoformat(),
        "district_ags": record.district_ags,
        "district_name": record.district_name,
        "year": record.year,
        "refers_to": record.refers_to,
        "total_eur": text(record.total_eur),
        "used_total_eur": text(record.used_total_eur),
        "reclaimed_total_eur": text(record.reclaimed_total_eur),
        "lines": [
            {
                "project": line.project,
                "measure_type": line.measure_type,
                "provider": line.provider,
                "amount_eur": text(line.amount_eur),
                "used_eur": text(line.used_eur),
                "reclaimed_eur": text(line.reclaimed_eur),
            }
            for line in record.lines
        ],
    }


def _expected(entry: dict) -> dict:
    expected = {key: value for key, value in entry.items() if key != "defect"}
    expected["lines"] = [
        {k: v for k, v in line.items() if k != "agreement_project"} for line in entry["lines"]
    ]
    return expected


def test_every_decision_letter_and_export_row_parses_exactly(sample_corpus):
    corpus_dir, _ = sample_corpus
    districts = DistrictIndex.shipped()
    expected_by_id: dict[str, dict] = {}
    letters = exports = 0
    for entry in _manifest(corpus_dir)["files"]:
        if entry["document_type"] != "grant_decision" or entry.get("scan"):
            continue  # a scanned letter is read by OCR (tests/corpus/test_corpus_scans.py)
        data = (corpus_dir / entry["path"]).read_bytes()
        record = parse_decision_letter(extract_document(data, entry["media_type"]), districts)
        assert _as_expected(record) == _expected(entry["expected"]), entry["path"]
        expected_by_id[record.decision_id] = entry["expected"]
        letters += 1
    for entry in _manifest(corpus_dir)["files"]:
        if entry["document_type"] != "grant_decision_export":
            continue
        records, rejected = parse_decision_table(
            (corpus_dir / entry["path"]).read_bytes(), entry["media_type"], districts
        )
        assert rejected == [], entry["path"]
        for record in records:
            assert _as_expected(record) == _expected(expected_by_id[record.decision_id]), entry[
                "path"
            ]
            exports += 1
    assert letters > 500 and exports > 500


@pytest.fixture(scope="module")
def loaded(sample_corpus, tmp_path_factory):
    """The corpus registered and parsed by the real ingest code, matched, models built."""
    corpus_dir, _ = sample_corpus
    root = tmp_path_factory.mktemp("decisions_e2e")
    connection = warehouse.connect(root / "warehouse.duckdb")
    warehouse.load_reference_data(connection)
    register_documents(connection, scan_inbox(corpus_dir), root / "archive", "test-run", True)
    parse_pending(connection, root / "archive", DistrictIndex.shipped(), default_parser_version())
    match_decision_lines(connection)
    warehouse.build_models(connection, "staging", as_of_date=date(2026, 11, 1))
    warehouse.build_models(
        connection,
        "marts",
        as_of_date=date(2026, 11, 1),
        only=["mart_reconciliation", "mart_decisions", "mart_project_matches"],
    )
    yield connection, _manifest(corpus_dir)
    connection.close()


def test_planted_decision_defects_are_flagged_and_clean_district_years_are_not(loaded):
    connection, manifest = loaded
    planted: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for entry in manifest["files"]:
        if entry["defect"] in FLAG_OF_DEFECT:
            planted[FLAG_OF_DEFECT[entry["defect"]]].add(
                (entry["expected"]["district_ags"], entry["expected"]["year"])
            )
    assert all(planted[flag] for flag in FLAG_OF_DEFECT.values())
    cursor = connection.execute("SELECT * FROM mart_reconciliation")
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    for flag in (*FLAG_OF_DEFECT.values(), *OTHER_FLAGS):
        fired = {(row["district_ags"], row["year"]) for row in rows if row[flag]}
        assert fired == planted.get(flag, set()), flag
    flagged = set().union(*planted.values())
    assert not any(
        row["has_flag"] for row in rows if (row["district_ags"], row["year"]) not in flagged
    )
    assert len({(row["district_ags"], row["year"]) for row in rows}) == 260


def test_matching_finds_the_agreement_project_of_every_line_with_an_agreement(loaded):
    connection, manifest = loaded
    truth: dict[tuple[str, int], str | None] = {}
    for entry in manifest["files"]:
        if entry["document_type"] == "grant_decision" and entry["expected"]:
            for number, line in enumerate(entry["expected"]["lines"], 1):
                truth[(entry["expected"]["decision_id"], number)] = line["agreement_project"]
    rows = connection.execute(
        "SELECT decision_id, line_number, matched_project_name, status, agreement_sha256 IS NOT NULL"
        " FROM mart_project_matches"
    ).fetchall()

    wrong = [
        row for row in rows if row[4] and (row[3] != "matched" or row[2] != truth[(row[0], row[1])])
    ]
    assert wrong == []
    assert all(row[3] == "unmatched" for row in rows if not row[4])
    assert sum(1 for row in rows if row[3] == "matched") > 5000
