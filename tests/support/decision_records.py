"""Grant-decision test helpers: records, letters rendered as text and PDF, the real extractor,
and rows inserted into a real DuckDB warehouse through ``?`` parameters.

Test modules import this module as ``dec`` (``dec.decision(...)``, ``dec.render_letter(...)``)
or its functions by name; the warehouse itself is the ``warehouse_connection`` fixture
(tests/decisions/conftest.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import duckdb
from fpdf import FPDF

import warehouse
from pipelines.decisions.vocabulary import (
    TITLE_BY_DECISION_TYPE,
    format_german_amount,
    format_german_date,
)
from pipelines.extract import PDF, TEXT, extract_document
from pipelines.parse.records import DecisionLine, DecisionRecord, ExtractedDocument, Provenance

NO_PLACE = Provenance(page=0, line=0)


def decision(
    decision_id: str,
    decision_type: str,
    decision_date: date,
    lines: Sequence[tuple[int, str, str | None, str] | tuple[int, str, str | None, str, str, str]],
    district: tuple[str, str] = ("06431", "Landkreis Bergstraße"),
    year: int = 2025,
    refers_to: str | None = None,
) -> DecisionRecord:
    """A DecisionRecord from compact line tuples (measure, project, provider, amount[, used,
    reclaimed]) with totals computed, as a parser must report them."""
    built = tuple(
        DecisionLine(
            project=line[1],
            measure_type=line[0],
            provider=line[2],
            amount_eur=Decimal(line[3]),
            provenance=NO_PLACE,
            used_eur=Decimal(line[4]) if len(line) > 4 else None,
            reclaimed_eur=Decimal(line[5]) if len(line) > 5 else None,
        )
        for line in lines
    )
    is_final = decision_type == "final"
    return DecisionRecord(
        decision_id=decision_id,
        decision_type=decision_type,  # type: ignore[arg-type]
        decision_date=decision_date,
        district_ags=district[0],
        district_name=district[1],
        year=year,
        lines=built,
        total_eur=sum((line.amount_eur for line in built), Decimal("0.00")),
        refers_to=refers_to,
        used_total_eur=sum((line.used_eur or Decimal(0) for line in built), Decimal("0.00"))
        if is_final
        else None,
        reclaimed_total_eur=sum(
            (line.reclaimed_eur or Decimal(0) for line in built), Decimal("0.00")
        )
        if is_final
        else None,
    )


def without_provenance(record: DecisionRecord) -> DecisionRecord:
    """The record with every provenance blanked, to compare what was read, not where."""
    return replace(
        record,
        provenance={},
        lines=tuple(replace(line, provenance=NO_PLACE) for line in record.lines),
    )


def render_letter(record: DecisionRecord, addressee: str, body_lines: int = 2) -> str:
    """A decision letter in the layout of docs/formats.md §2 (the corpus generator's format)."""
    is_final = record.decision_type == "final"
    out = [
        "Regierungspräsidium Kassel",
        "Dezernat 57 – Arbeitsmarktförderung",
        "BEISPIELDATEN – synthetisches Dokument, keine echten Bescheide",
        f"An {addressee}",
        f"Kassel, {format_german_date(record.decision_date)}",
        f"Aktenzeichen: {record.decision_id}",
        TITLE_BY_DECISION_TYPE[record.decision_type],
        f"über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget {record.year}",
    ]
    if record.refers_to:
        out.append(f"Bezug: Bescheid vom 14.03.{record.year}, Aktenzeichen {record.refers_to}")
    out.append("Sehr geehrte Damen und Herren,")
    out += [
        f"auf Ihren Antrag vom 20.02.{record.year} ergeht folgende Entscheidung über 1.000,00 € und mehr."
    ] * body_lines
    if record.lines or record.decision_type != "revocation":
        out.append("Bewilligte Projekte:")
        header = "Nr.; Maßnahmenart; Projekt; Träger; Betrag"
        out.append(header + ("; Verwendet; Rückforderung" if is_final else ""))
        for number, line in enumerate(record.lines, 1):
            row = f"{number}; {line.measure_type}; {line.project}; {line.provider or ''}; {format_german_amount(line.amount_eur)} €"
            if is_final:
                row += f"; {format_german_amount(line.used_eur)} €; {format_german_amount(line.reclaimed_eur)} €"
            out.append(row)
    out.append(f"Gesamtbetrag der Zuwendung: {format_german_amount(record.total_eur)} €")
    if is_final:
        out.append(f"Verwendete Mittel insgesamt: {format_german_amount(record.used_total_eur)} €")
        out.append(f"Rückforderung: {format_german_amount(record.reclaimed_total_eur)} €")
    out += ["Mit freundlichen Grüßen", "Im Auftrag", "Dr. Maria Beispiel"]
    return "\n".join(out) + "\n"


class _LetterPdf(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, "Regierungspraesidium Kassel - Dezernat 57", new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"Seite {self.page_no()} von {{nb}}", align="C")


def letter_pdf(text: str) -> bytes:
    """The letter as a PDF with a text layer (Helvetica: latin-1, so EUR and '-')."""
    pdf = _LetterPdf(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.replace("€", "EUR").replace("–", "-").splitlines():
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def extract(text: str, kind: str) -> ExtractedDocument:
    """Letter text -> ExtractedDocument through the project's real extractor, as text or PDF."""
    if kind == "pdf":
        return extract_document(letter_pdf(text), PDF)
    return extract_document(text.encode("utf-8"), TEXT)


# --- warehouse -------------------------------------------------------------------------------------

STAGING_MODELS = (
    "stg_review_decisions",
    "stg_districts",
    "stg_agreements",
    "stg_agreement_measures",
    "stg_agreement_projects",
    "stg_decision_events",
    "stg_decision_lines",
    "stg_decision_state",
)
MART_MODELS = ("mart_reconciliation", "mart_decisions", "mart_project_matches")


def insert_document(
    connection: duckdb.DuckDBPyConnection, sha256: str, name: str, seen_at: datetime
) -> None:
    connection.execute(
        "INSERT INTO raw_documents (sha256, original_name, size_bytes, media_type, first_seen_at, archive_path)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [sha256, name, 100, "text/plain", seen_at, f"{sha256[:2]}/{sha256}"],
    )


def insert_agreement(
    connection: duckdb.DuckDBPyConnection,
    sha256: str,
    district_ags: str,
    year: int,
    budget_total_eur: str,
    projects: dict[int, list[str]],
    measure_amounts: dict[int, str] | None = None,
    signed_on: date | None = None,
    seen_at: datetime = datetime(2025, 9, 1, 12, 0),
) -> None:
    """An agreement with all four measure types, projects per type and optional amounts."""
    insert_document(connection, sha256, f"zv_{district_ags}_{year}.txt", seen_at)
    connection.execute(
        "INSERT INTO agreements (sha256, district_ags, year, budget_total_eur, ministry, signed_on)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            sha256,
            district_ags,
            year,
            Decimal(budget_total_eur),
            "HMSI",
            signed_on or date(year, 8, 2),
        ],
    )
    amounts = measure_amounts or {}
    for measure_type in range(1, 5):
        names = projects.get(measure_type, [])
        amount = Decimal(amounts[measure_type]) if measure_type in amounts else None
        connection.execute(
            "INSERT INTO agreement_measures (sha256, measure_type, name, amount_eur, listed, page, line)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                sha256,
                measure_type,
                f"Maßnahmenart {measure_type}",
                amount,
                True,
                1,
                10 + measure_type,
            ],
        )
        for position, name in enumerate(names, 1):
            connection.execute(
                "INSERT INTO agreement_projects (sha256, measure_type, position, project_name, page, line)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [sha256, measure_type, position, name, 1, 20 + position],
            )


def insert_decision(
    connection: duckdb.DuckDBPyConnection,
    record: DecisionRecord,
    sha256: str,
    source_format: str = "letter",
    seen_at: datetime = datetime(2025, 10, 1, 12, 0),
) -> None:
    """A decision and its lines as the loader stores them (line_number 1-based)."""
    if not connection.execute(
        "SELECT count(*) FROM raw_documents WHERE sha256 = ?", [sha256]
    ).fetchone()[0]:
        insert_document(connection, sha256, f"{record.decision_id}.{source_format}", seen_at)
    connection.execute(
        "INSERT INTO decisions (decision_id, sha256, decision_type, decision_date, district_ags, year,"
        " total_eur, refers_to, used_total_eur, reclaimed_total_eur, source_format, page, line)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            record.decision_id,
            sha256,
            record.decision_type,
            record.decision_date,
            record.district_ags,
            record.year,
            record.total_eur,
            record.refers_to,
            record.used_total_eur,
            record.reclaimed_total_eur,
            source_format,
            1,
            6,
        ],
    )
    for number, line in enumerate(record.lines, 1):
        connection.execute(
            "INSERT INTO decision_lines (decision_id, sha256, line_number, project_name, measure_type,"
            " provider, amount_eur, used_eur, reclaimed_eur, page, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                record.decision_id,
                sha256,
                number,
                line.project,
                line.measure_type,
                line.provider,
                line.amount_eur,
                line.used_eur,
                line.reclaimed_eur,
                1,
                12 + number,
            ],
        )


def build_decision_models(connection: duckdb.DuckDBPyConnection, as_of_date: date) -> None:
    """The staging and mart models these tests read, built by the warehouse's own builder."""
    warehouse.build_models(connection, "staging", as_of_date=as_of_date, only=STAGING_MODELS)
    warehouse.build_models(connection, "marts", as_of_date=as_of_date, only=MART_MODELS)
