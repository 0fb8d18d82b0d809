"""Storing parse outcomes: records, versions, quarantine with reasons, re-parse without duplicates."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

import warehouse
from pipelines.ingest.loader import parse_pending, pending_documents, store_outcome, store_outcomes
from pipelines.parse.records import ParseOutcome
from pipelines.reference import DistrictIndex
from tests.support import warehouse_records as builders


def _rows(connection, sql: str, parameters: list | None = None) -> list[tuple]:
    return connection.execute(sql, parameters or []).fetchall()


def test_agreement_lands_in_every_table(connection, tmp_path: Path) -> None:
    sha = builders.register(connection, tmp_path, "zv_2025_06431.txt", b"agreement 1")
    agreement = builders.agreement(
        "06431",
        2025,
        "1230450.00",
        {1: ["Vorbereitung TZ Ausbildung", "Ausbildungsvorbereitung"], 4: ["BASS Studium"]},
    )

    label = store_outcome(
        connection,
        builders.agreement_outcome(sha, agreement),
        "zv_2025_06431.txt",
        parser_version="v1",
    )

    assert label == "new"
    assert _rows(
        connection,
        "SELECT district_ags, year, budget_total_eur::VARCHAR, signed_on, budget_page, budget_line FROM agreements",
    ) == [("06431", 2025, "1230450.00", date(2025, 3, 1), 1, 31)]
    assert _rows(connection, "SELECT measure_type, listed FROM agreement_measures ORDER BY 1") == [
        (t, True) for t in (1, 2, 3, 4)
    ]
    assert _rows(
        connection,
        "SELECT measure_type, position, project_name FROM agreement_projects ORDER BY 1, 2",
    ) == [
        (1, 1, "Vorbereitung TZ Ausbildung"),
        (1, 2, "Ausbildungsvorbereitung"),
        (4, 1, "BASS Studium"),
    ]
    assert len(_rows(connection, "SELECT * FROM agreement_signatures")) == 2
    assert _rows(connection, "SELECT status, parser_version, document_type FROM parse_results") == [
        ("ok", "v1", "agreement")
    ]
    assert _rows(connection, "SELECT * FROM quarantine") == []


def test_corrected_agreement_supersedes_and_old_stays_version_1(connection, tmp_path: Path) -> None:
    old_sha = builders.register(connection, tmp_path, "zv_2024_06440.txt", b"old version")
    new_sha = builders.register(
        connection, tmp_path, "zv_2024_06440_korrigiert.txt", b"corrected version"
    )
    old = builders.agreement(
        "06440", 2024, "1100000", {3: ["Jobcoaching"]}, signed_on=date(2024, 5, 2)
    )
    corrected = builders.agreement(
        "06440", 2024, "1140300", {3: ["Jobcoaching", "Sprachkurs"]}, signed_on=date(2024, 7, 9)
    )

    assert (
        store_outcome(
            connection, builders.agreement_outcome(old_sha, old), "zv_2024_06440.txt", "v1"
        )
        == "new"
    )
    assert (
        store_outcome(
            connection,
            builders.agreement_outcome(new_sha, corrected),
            "zv_2024_06440_korrigiert.txt",
            "v1",
        )
        == "updated"
    )
    warehouse.build_models(
        connection,
        "staging",
        only=[
            "stg_districts",
            "stg_review_decisions",
            "stg_agreements",
            "stg_agreement_projects",
        ],
    )

    versions = _rows(
        connection,
        "SELECT sha256, version, versions, is_current, budget_total_eur::VARCHAR FROM stg_agreements ORDER BY version",
    )
    assert versions == [(old_sha, 1, 2, False, "1100000.00"), (new_sha, 2, 2, True, "1140300.00")]
    assert _rows(
        connection, "SELECT count(*) FROM stg_agreement_projects WHERE sha256 = ?", [new_sha]
    ) == [(2,)]
    assert _rows(
        connection, "SELECT count(*) FROM stg_agreement_projects WHERE sha256 = ?", [old_sha]
    ) == [(0,)]


def test_same_signature_date_falls_back_to_registration_order(connection, tmp_path: Path) -> None:
    first_sha = builders.register(connection, tmp_path, "first.txt", b"first")
    second_sha = builders.register(connection, tmp_path, "second.txt", b"second")
    day = date(2023, 4, 4)
    # stored in the opposite order: the version follows the registry, not the store order
    store_outcome(
        connection,
        builders.agreement_outcome(
            second_sha, builders.agreement("06411", 2023, "500000", signed_on=day)
        ),
        "second.txt",
        "v1",
    )
    store_outcome(
        connection,
        builders.agreement_outcome(
            first_sha, builders.agreement("06411", 2023, "400000", signed_on=day)
        ),
        "first.txt",
        "v1",
    )
    warehouse.build_models(connection, "staging", only=["stg_review_decisions", "stg_agreements"])
    assert _rows(connection, "SELECT sha256 FROM stg_agreements WHERE is_current") == [
        (second_sha,)
    ]


def test_quarantined_file_gets_a_sentence_and_nothing_else(connection, tmp_path: Path) -> None:
    sha = builders.register(connection, tmp_path, "pressemitteilung.txt", b"press release")
    outcome = ParseOutcome(
        source="pressemitteilung.txt",
        sha256=sha,
        status="quarantined",
        reason="not an AQB agreement: a press release",
        document_type=None,
    )

    assert store_outcome(connection, outcome, "pressemitteilung.txt", "v1") == "quarantined"

    assert _rows(
        connection, "SELECT original_name, reason, reason_code, rejected_rows FROM quarantine"
    ) == [("pressemitteilung.txt", "Not an AQB agreement: a press release.", "unclassified", 0)]
    assert _rows(connection, "SELECT status, reason FROM parse_results") == [
        ("quarantined", "not an AQB agreement: a press release")
    ]
    assert _rows(connection, "SELECT count(*) FROM agreements") == [(0,)]


def test_rejected_rows_get_one_entry_while_good_decisions_land(connection, tmp_path: Path) -> None:
    sha = builders.register(connection, tmp_path, "export_2025.csv", b"csv export")
    good = builders.decision(
        "RPKS-57-AQB-2025-06431-01",
        "06431",
        2025,
        [("Jobdatings", 3, "85000.00"), ("BASS Studium", 4, "5000.00")],
        date(2025, 3, 14),
    )
    repeated = builders.decision(
        "RPKS-57-AQB-2025-06431-01", "06431", 2025, [("Jobdatings", 3, "1.00")], date(2025, 3, 14)
    )
    outcome = ParseOutcome(
        source="export_2025.csv",
        sha256=sha,
        status="ok",
        reason=None,
        document_type="grant_decision",
        decisions=(good, repeated),
        rejected_rows=((7, "measure type 9 is not one of 1 to 4"),),
    )

    assert store_outcome(connection, outcome, "export_2025.csv", "v1") == "new"

    assert _rows(
        connection, "SELECT decision_id, source_format, total_eur::VARCHAR FROM decisions"
    ) == [("RPKS-57-AQB-2025-06431-01", "csv", "90000.00")]
    assert _rows(
        connection, "SELECT line_number, project_name, measure_type FROM decision_lines ORDER BY 1"
    ) == [(1, "Jobdatings", 3), (2, "BASS Studium", 4)]
    entry = _rows(
        connection,
        "SELECT reason_code, reason_de, rejected_rows, district_ags, year, reason FROM quarantine",
    )
    assert len(entry) == 1  # one entry for the file, however many rows were rejected
    assert entry[0][:5] == ("rejected_rows", "Einzelne Zeilen abgelehnt", 2, "06431", 2025)
    assert "row 7: measure type 9 is not one of 1 to 4" in entry[0][5]
    reasons = _rows(connection, "SELECT row_number, reason FROM rejected_rows ORDER BY row_number")
    assert reasons[0][0] == 6 and "appears more than once" in reasons[0][1]
    assert reasons[1] == (7, "measure type 9 is not one of 1 to 4")


def test_same_decision_in_letter_and_export_is_kept_per_file(connection, tmp_path: Path) -> None:
    letter_sha = builders.register(connection, tmp_path, "bescheid.txt", b"letter")
    export_sha = builders.register(connection, tmp_path, "export.xlsx", b"PK\x03\x04 export")
    decision = builders.decision(
        "RPKS-57-AQB-2025-06431-01",
        "06431",
        2025,
        [("Jobdatings", 3, "85000.00")],
        date(2025, 3, 14),
    )
    for sha, name in ((letter_sha, "bescheid.txt"), (export_sha, "export.xlsx")):
        outcome = ParseOutcome(
            source=name,
            sha256=sha,
            status="ok",
            reason=None,
            document_type="grant_decision",
            decisions=(decision,),
        )
        store_outcome(connection, outcome, name, "v1")
    assert _rows(connection, "SELECT source_format FROM decisions ORDER BY 1") == [
        ("letter",),
        ("xlsx",),
    ]


def test_reparse_replaces_rows_and_pending_follows_parser_version(
    connection, tmp_path: Path
) -> None:
    sha = builders.register(connection, tmp_path, "zv.txt", b"agreement")
    assert [document.sha256 for document in pending_documents(connection, "v1")] == [sha]
    store_outcome(
        connection,
        builders.agreement_outcome(sha, builders.agreement("06431", 2025, "1000", {3: ["A", "B"]})),
        "zv.txt",
        "v1",
    )
    assert pending_documents(connection, "v1") == []
    assert [document.sha256 for document in pending_documents(connection, "v2")] == [sha]

    store_outcomes(
        connection,
        [
            (
                builders.agreement_outcome(
                    sha, builders.agreement("06431", 2025, "2000", {3: ["A"]})
                ),
                "zv.txt",
            )
        ],
        "v2",
    )

    assert _rows(connection, "SELECT count(*), max(budget_total_eur)::VARCHAR FROM agreements") == [
        (1, "2000.00")
    ]
    assert _rows(connection, "SELECT count(*) FROM agreement_projects") == [(1,)]
    assert _rows(connection, "SELECT count(*) FROM agreement_measures") == [(4,)]
    assert _rows(connection, "SELECT parser_version FROM parse_results") == [("v2",)]


_OUTCOMES_BY_CONTENT: dict[bytes, tuple[str, int, str] | str] = {
    b"zv-06431-2025": ("06431", 2025, "1230450"),
    b"zv-06440-2025": ("06440", 2025, "1140300"),
    b"kaputt": "the file is empty or truncated",
}


def content_table_parser():
    """Stands in for the parser where its output must be fixed: known bytes -> known record."""

    def parse(
        source_name: str, data: bytes, districts: DistrictIndex | None = None
    ) -> ParseOutcome:
        sha256 = hashlib.sha256(data).hexdigest()
        expected = _OUTCOMES_BY_CONTENT[data]
        if isinstance(expected, str):
            return ParseOutcome(
                source=source_name,
                sha256=sha256,
                status="quarantined",
                reason=expected,
                document_type=None,
            )
        return builders.agreement_outcome(sha256, builders.agreement(*expected), source_name)

    return parse


def test_parse_pending_counts_and_parses_nothing_twice(connection, tmp_path: Path) -> None:
    for index, data in enumerate(_OUTCOMES_BY_CONTENT):
        builders.register(connection, tmp_path, f"doc_{index}.txt", data)
    archive = tmp_path / "archive"

    first = parse_pending(
        connection,
        archive,
        DistrictIndex.shipped(),
        "v1",
        parse=content_table_parser(),
        workers=1,
    )
    second = parse_pending(
        connection,
        archive,
        DistrictIndex.shipped(),
        "v1",
        parse=content_table_parser(),
        workers=1,
    )

    assert (first.parsed, first.new, first.updated, first.quarantined, first.unchanged) == (
        3,
        2,
        0,
        1,
        0,
    )
    assert (second.parsed, second.new, second.quarantined, second.unchanged) == (0, 0, 0, 3)
    assert _rows(connection, "SELECT reason FROM quarantine") == [
        ("The file is empty or truncated.",)
    ]


def test_unreadable_archive_copy_is_quarantined_not_raised(connection, tmp_path: Path) -> None:
    sha = builders.register(connection, tmp_path, "gone.txt", b"zv-06431-2025")
    (tmp_path / "archive" / sha[:2] / sha).unlink()
    summary = parse_pending(
        connection,
        tmp_path / "archive",
        DistrictIndex.shipped(),
        "v1",
        parse=content_table_parser(),
        workers=1,
    )
    assert summary.quarantined == 1
    reason = _rows(connection, "SELECT reason FROM quarantine")[0][0]
    assert reason.startswith("The archived copy of this document could not be read")


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_missing_reason_becomes_a_sentence(connection, tmp_path: Path, reason: str | None) -> None:
    sha = builders.register(connection, tmp_path, "x.txt", b"x")
    outcome = ParseOutcome(
        source="x.txt", sha256=sha, status="quarantined", reason=reason, document_type=None
    )
    store_outcome(connection, outcome, "x.txt", "v1")
    assert _rows(connection, "SELECT reason FROM quarantine") == [
        ("The parser quarantined this file without giving a reason.",)
    ]
