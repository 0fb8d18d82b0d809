"""Records as the parsers would produce them, for the warehouse tests (loader, staging, marts).

Built here so those layers can be tested without the parser; the end-to-end test with the real
parser lives in tests/warehouse/test_warehouse_real_parser.py. Test modules import this module
as ``builders`` (``builders.agreement(...)``, ``builders.register(...)``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.parse.records import (
    AgreementRecord,
    DecisionLine,
    DecisionRecord,
    Measure,
    ParseOutcome,
    Project,
    Provenance,
    Signature,
)
from pipelines.reference import districts, measure_types


def agreement(
    district_ags: str,
    year: int,
    budget_total_eur: str,
    projects: dict[int, list[str]] | None = None,
    signed_on: date | None = None,
    measure_amounts: dict[int, str] | None = None,
) -> AgreementRecord:
    """An agreement record as the parser would return it (all four measure types present)."""
    projects = projects or {}
    measure_amounts = measure_amounts or {}
    signed_on = signed_on or date(year, 3, 1)
    measures = tuple(
        Measure(
            measure_type=measure_type,
            name=name,
            projects=tuple(
                Project(
                    name=project, provenance=Provenance(page=2, line=10 * measure_type + position)
                )
                for position, project in enumerate(projects.get(measure_type, []), start=1)
            ),
            amount_eur=Decimal(measure_amounts[measure_type])
            if measure_type in measure_amounts
            else None,
            provenance=Provenance(page=2, line=10 * measure_type),
        )
        for measure_type, name in sorted(measure_types().items())
    )
    return AgreementRecord(
        district_ags=district_ags,
        district_name=districts()[district_ags].official_name,
        year=year,
        budget_total_eur=Decimal(budget_total_eur),
        ministry="Hessisches Ministerium für Soziales und Integration",
        ministry_short="HMSI",
        measures=measures,
        signatures=(
            Signature(
                "ministry", "Wiesbaden", signed_on, "Kai Klose", "Staatsminister", Provenance(3, 40)
            ),
            Signature("district", "Heppenheim", signed_on, "Landrat", "Landrat", Provenance(3, 44)),
        ),
        provenance={
            "budget_total_eur": Provenance(page=1, line=31, text=budget_total_eur),
            "district": Provenance(page=1, line=9),
        },
    )


def agreement_outcome(
    sha256: str, agreement: AgreementRecord, source: str = "agreement.txt"
) -> ParseOutcome:
    return ParseOutcome(
        source=source,
        sha256=sha256,
        status="ok",
        reason=None,
        document_type="agreement",
        agreement=agreement,
    )


def decision(
    decision_id: str,
    district_ags: str,
    year: int,
    lines: list[tuple],
    decision_date: date,
    decision_type: str = "first",
    refers_to: str | None = None,
    from_scan: bool = False,
) -> DecisionRecord:
    """A decision with ``lines`` of (project, measure_type, amount[, used, reclaimed]), read
    from a scan where ``from_scan``."""
    decision_lines = tuple(
        DecisionLine(
            project=line[0],
            measure_type=line[1],
            provider="Träger gGmbH",
            amount_eur=Decimal(line[2]),
            provenance=Provenance(1, 20 + index),
            used_eur=Decimal(line[3]) if len(line) > 3 else None,
            reclaimed_eur=Decimal(line[4]) if len(line) > 4 else None,
        )
        for index, line in enumerate(lines)
    )
    is_final = decision_type == "final"
    return DecisionRecord(
        decision_id=decision_id,
        decision_type=decision_type,  # type: ignore[arg-type]
        decision_date=decision_date,
        district_ags=district_ags,
        district_name=districts()[district_ags].official_name,
        year=year,
        lines=decision_lines,
        total_eur=sum((line.amount_eur for line in decision_lines), Decimal("0")),
        refers_to=refers_to,
        used_total_eur=sum((line.used_eur or Decimal(0) for line in decision_lines), Decimal("0"))
        if is_final
        else None,
        reclaimed_total_eur=sum(
            (line.reclaimed_eur or Decimal(0) for line in decision_lines), Decimal("0")
        )
        if is_final
        else None,
        provenance={"decision_id": Provenance(1, 6)},
        from_scan=from_scan,
    )


def decision_outcome(
    sha256: str, decisions: tuple[DecisionRecord, ...], source: str
) -> ParseOutcome:
    return ParseOutcome(
        source=source,
        sha256=sha256,
        status="ok",
        reason=None,
        document_type="grant_decision",
        decisions=decisions,
    )


def register(connection: duckdb.DuckDBPyConnection, tmp_path: Path, name: str, data: bytes) -> str:
    """Put ``data`` in an inbox file and register it; returns its sha256."""
    from pipelines.ingest.registry import register_documents, scan_inbox

    inbox = tmp_path / f"inbox_{name}"
    inbox.mkdir()
    (inbox / name).write_bytes(data)
    files = scan_inbox(inbox)
    register_documents(connection, files, tmp_path / "archive", run_id="test", is_sample=True)
    return files[0].sha256
