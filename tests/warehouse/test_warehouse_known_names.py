"""The names the loader lends a scan held on its names (``statements/loader/known_names.sql``)
are the ones ``pipelines.parse.confirm.known_names`` takes from the same records: the bench's
parse-only judgement and a real ingest confirm alike. Real DuckDB file in tmp_path."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pipelines.ingest.loader import (
    confirmation_changed_documents,
    store_outcome,
    stored_known_names,
)
from pipelines.parse import confirm
from pipelines.parse.records import AgreementRecord, ParseOutcome
from pipelines.reasons import Reason
from tests.support import warehouse_records as builders


def test_the_loader_and_the_pure_rule_lend_the_same_names(connection, tmp_path: Path) -> None:
    agreement = builders.agreement(
        "06431", 2025, "1230450.00", {1: ["Ausbildungsvorbereitung"], 3: ["Jobcoaching"]}
    )
    letter = builders.decision(
        "RPKS-57-AQB-2025-06431-01",
        "06431",
        2025,
        [("Projekt Jobcoaching", 3, "84300.00"), ("Ausbildungsvorbereitung", 1, "12000.00")],
        date(2025, 3, 14),
    )
    amended = builders.decision(
        "RPKS-57-AQB-2025-06431-02",
        "06431",
        2025,
        [("Projekt Jobcoaching", 3, "90000.00")],
        date(2025, 9, 1),
        decision_type="amendment",
        refers_to="RPKS-57-AQB-2025-06431-01",
    )
    other_year = builders.decision(
        "RPKS-57-AQB-2024-06431-01",
        "06431",
        2024,
        [("Projekt Jobcoaching", 3, "70000.00")],
        date(2024, 3, 1),
    )
    scanned = builders.decision(
        "RPKS-57-AQB-2025-06432-01",
        "06432",
        2025,
        [("Nur im Scan", 2, "5000.00")],
        date(2025, 4, 1),
        from_scan=True,
    )
    documents = {
        "zv_2025_06431.txt": agreement,
        "bescheid_01.pdf": letter,
        "bescheid_02.pdf": amended,
        "bescheid_2024.pdf": other_year,
        "bescheid_scan.pdf": scanned,
    }
    records = {}
    for name, record in documents.items():
        sha = builders.register(connection, tmp_path, name, name.encode())
        if record is agreement:
            outcome = builders.agreement_outcome(sha, record, name)
        else:
            outcome = builders.decision_outcome(sha, (record,), name)
        records[sha] = (record,)
        store_outcome(connection, outcome, name, parser_version="v1")

    lent = stored_known_names(connection)
    assert lent == confirm.known_names(records)
    # what they lend: text-layer names by field and district-year, never a scan's
    letter_sha = min(sha for sha, (record,) in records.items() if record in (letter, amended))
    assert lent[("line_project", "06431", 2025)]["Projekt Jobcoaching"] == letter_sha
    assert set(lent[("project", "06431", 2025)]) == {"Ausbildungsvorbereitung", "Jobcoaching"}
    assert set(lent[("line_provider", "06431", 2024)]) == {"Träger gGmbH"}
    # each project as the agreement and the letters file it under its measure type
    assert set(lent[("line_measure_type", "06431", 2025)]) == {
        "1 Ausbildungsvorbereitung",
        "3 Jobcoaching",
        "3 Projekt Jobcoaching",
    }
    assert not any(key[1] == "06432" for key in lent)


def _read_with_no_bullet(record: AgreementRecord) -> AgreementRecord:
    """``record`` as a scan read it: each project's line opens with its name (no bullet)."""
    measures = tuple(
        replace(
            measure,
            projects=tuple(
                replace(project, provenance=replace(project.provenance, text=project.name))
                for project in measure.projects
            ),
        )
        for measure in record.measures
    )
    return replace(record, measures=measures, from_scan=True)


def test_a_held_scans_project_read_with_a_bullets_residue_is_parsed_again_once_named(
    connection, tmp_path: Path
) -> None:
    """The loader keeps which held names were read with no bullet (``no_bullet``), so a letter
    naming the project without the residue ("iR") sends the scan to be parsed again."""
    projects = {1: ["iR Ausbildungsvorbereitung"], 3: ["Jobcoaching"]}
    scanned = _read_with_no_bullet(builders.agreement("06431", 2025, "1230450.00", projects))
    sha = builders.register(connection, tmp_path, "zv_scan.pdf", b"scan")
    held = ParseOutcome(
        "zv_scan.pdf",
        sha,
        "quarantined",
        "Scan read with uncertainty: project name (page 2, line 11).",
        "agreement",
        reason_code=Reason.SCAN_UNSURE.value,
        reason_de="Projektname unsicher gelesen (Seite 2, Zeile 11)",
        held=scanned,
        unsure_names=("project:1.1",),
    )
    store_outcome(connection, held, "zv_scan.pdf", parser_version="v1")
    letter = {("line_project", "06431", 2025): {"Ausbildungsvorbereitung": "ab" * 32}}
    changed = confirmation_changed_documents(connection, "v1", letter)
    assert [document.sha256 for document in changed] == [sha]
    assert confirmation_changed_documents(connection, "v1", {}) == []
