"""The real Bergstraße agreement 2025 must parse exactly (as text and as a generated PDF)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipelines.extract import PDF, TEXT, extract_document
from pipelines.parse.agreement import parse_agreement
from pipelines.parse.dispatch import parse_document
from tests.support.agreement_texts import render_pdf

MEASURE_3 = [
    "Absolventenmanagement I",
    "Sprachkursbegleitende Unterstützung Bensheim",
    "Sprachkursbegleitende Unterstützung Viernheim",
    "Digitalisierung Migration",
    'Gesundheitsmaßnahme "Fit in den Beruf"',
    "Jobdatings",
]


def assert_reference_record(record) -> None:
    assert record.district_ags == "06431"
    assert record.district_name == "Landkreis Bergstraße"
    assert record.year == 2025
    assert record.budget_total_eur == Decimal("1230450.00")
    assert record.ministry == "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
    assert record.ministry_short == "HMAIJS"
    assert [m.measure_type for m in record.measures] == [1, 2, 3, 4]
    projects = {m.measure_type: [p.name for p in m.projects] for m in record.measures}
    assert projects[1] == ["Vorbereitung TZ Ausbildung", "Ausbildungsvorbereitung"]
    assert projects[2] == []
    assert projects[3] == MEASURE_3
    assert projects[4] == ["BASS Studium"]
    assert all(m.provenance is not None for m in record.measures)
    assert record.other_budgets == ()
    signatures = [(s.party, s.place, s.date, s.name, s.role) for s in record.signatures]
    assert signatures == [
        ("ministry", "Wiesbaden", date(2025, 8, 2), "Heike Hofmann", "Staatsministerin"),
        (
            "district",
            "Heppenheim",
            date(2025, 8, 8),
            "Angelika Beckenbach",
            "Erste Kreisbeigeordnete",
        ),
    ]


def test_reference_agreement_text_parses_exactly(reference_agreement_text: str) -> None:
    doc = extract_document(reference_agreement_text.encode("utf-8"), TEXT)
    record = parse_agreement(doc)
    assert_reference_record(record)
    # provenance points at the lines of the file as published (1-based, blank lines counted)
    source_lines = reference_agreement_text.splitlines()
    for key in ("district", "year", "budget_total_eur", "ministry"):
        where = record.provenance[key]
        assert where.page == 1
        assert source_lines[where.line - 1].strip() == where.text.strip()
    assert record.provenance["budget_total_eur"].text == "1.230.450 Euro"
    bass = record.measures[3].projects[0]
    assert source_lines[bass.provenance.line - 1].strip() == "- BASS Studium"


@pytest.mark.parametrize(
    "encoding, newline", [("utf-8-sig", "\r\n"), ("cp1252", "\r\n"), ("cp1252", "\r")]
)
def test_reference_agreement_in_other_encodings(
    reference_agreement_text: str, encoding: str, newline: str
) -> None:
    text = (
        reference_agreement_text.replace("„", '"').replace("“", '"')
        if encoding == "cp1252"
        else reference_agreement_text
    )
    data = text.replace("\n", newline).encode(encoding)
    outcome = parse_document("zv.txt", data)
    assert outcome.status == "ok", outcome.reason
    assert_reference_record(outcome.agreement)


def test_reference_agreement_as_pdf(reference_agreement_text: str) -> None:
    lines = reference_agreement_text.replace("**", "").splitlines()
    data = render_pdf(lines, header_text="Zielvereinbarung 2025 - Landkreis Bergstraße")
    doc = extract_document(data, PDF)
    assert doc.page_count >= 2
    assert not any("Seite" in line.text and "von" in line.text for line in doc.lines)
    assert not any(line.text.startswith("Zielvereinbarung 2025 - ") for line in doc.lines)
    record = parse_agreement(doc)
    assert_reference_record(record)
    # the long heading of measure type 4 wraps in the PDF and is rejoined
    assert record.measures[3].name.endswith("im Kontext der Arbeitsmarktförderung")
    assert record.measures[3].name.startswith("Weiterbildungsmaßnahmen für Personal")
