"""Documents that must be quarantined, each with a reason a data engineer understands."""

from __future__ import annotations

import pytest

from pipelines.parse.dispatch import parse_document
from tests.support.agreement_texts import (
    build_agreement,
    build_agreement_lines,
    render_pdf,
    render_shapes_pdf,
)

PRESS_RELEASE = """Pressemitteilung

Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales

1,2 Millionen Euro für Ausbildung und Qualifizierung im Landkreis Bergstraße

Wiesbaden. Staatsministerin Heike Hofmann und der Landkreis Bergstraße haben die Zielvereinbarung
zum Ausbildungs- und Qualifizierungsbudget 2025 unterzeichnet. Der Kreis erhält 1.230.450 Euro.

Wiesbaden, den 12.8.2025
"""

JOBCENTER = """Zielvereinbarung 2025

zwischen

dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales

und dem Kreis Offenbach (Jobcenter Pro Arbeit – Kreis Offenbach – AöR)

zur Erreichung der Ziele nach § 48b SGB II

§ 1 Ziele
Die Partner vereinbaren Ziele zur Verringerung der Hilfebedürftigkeit. Für das Jahr 2025 stehen 1.000.000 Euro zur Verfügung.

Wiesbaden, den 3.2.2025
"""


def reason_of(name: str, data: bytes) -> str:
    outcome = parse_document(name, data)
    assert outcome.status == "quarantined"
    assert outcome.agreement is None
    assert outcome.reason and "\n" not in outcome.reason and "Traceback" not in outcome.reason
    return outcome.reason


def test_press_release() -> None:
    assert "press release" in reason_of("pm.txt", PRESS_RELEASE.encode())


def test_jobcenter_agreement_under_48b() -> None:
    reason = reason_of("zv_jobcenter.txt", JOBCENTER.encode())
    assert reason.startswith("Not an AQB agreement") and "48b" in reason


@pytest.mark.parametrize(
    "party",
    ["und der Universitätsstadt Gießen", "und der Stadt Gießen", "und dem Landkreis Nirgendwo"],
)
def test_unknown_district(party: str) -> None:
    reason = reason_of(
        "zv.txt", build_agreement(district_party=party, district_short="Stadt Gießen").encode()
    )
    assert reason.startswith("Unknown district") and party.split(" ", 2)[2] in reason


def test_no_amount() -> None:
    reason = reason_of(
        "zv.txt", build_agreement(amount_text="eine noch festzulegende Summe").encode()
    )
    assert reason.startswith("No amount")


def test_year_contradiction_budget_year() -> None:
    text = build_agreement(year=2025).replace(
        "Qualifizierungsbudget 2025 zur Verfügung", "Qualifizierungsbudget 2024 zur Verfügung"
    )
    reason = reason_of("zv.txt", text.encode())
    assert reason.startswith("Year contradiction") and "2024" in reason and "2025" in reason


def test_year_contradiction_signature_far_off() -> None:
    signatures = [
        ("Wiesbaden", "2.8.2021", "Heike Hofmann", "Staatsministerin", "Hessisches Ministerium"),
        (
            "Heppenheim",
            "8.8.2025",
            "Angelika Beckenbach",
            "Erste Kreisbeigeordnete",
            "des Landkreises Bergstraße",
        ),
    ]
    reason = reason_of("zv.txt", build_agreement(signatures=signatures).encode())
    assert reason.startswith("Year contradiction") and "2021-08-02" in reason


def test_signature_in_neighbouring_year_is_fine() -> None:
    signatures = [
        (
            "Wiesbaden",
            "15. Dezember 2024",
            "Heike Hofmann",
            "Staatsministerin",
            "Hessisches Ministerium",
        ),
        (
            "Heppenheim",
            "8.1.2025",
            "Angelika Beckenbach",
            "Erste Kreisbeigeordnete",
            "des Landkreises Bergstraße",
        ),
    ]
    assert parse_document("zv.txt", build_agreement(signatures=signatures).encode()).status == "ok"


def test_truncated_text_inside_measure_list() -> None:
    text = build_agreement()
    cut = text[: text.index("3. Qualifizierungsprojekte") + 30]
    reason = reason_of("zv.txt", cut.encode())
    assert reason.startswith("Truncated document")


def test_truncated_before_measures() -> None:
    text = build_agreement()
    reason = reason_of("zv.txt", text[: text.index("§ 5")].encode())
    assert reason.startswith("Missing measure section")


@pytest.mark.parametrize(
    "name, data, expected_start",
    [
        ("leer.pdf", b"", "Empty file"),
        ("leer.txt", b"  \r\n\r\n", "Empty file"),
        (
            "kaputt.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage\n%%EOF\n",
            "Corrupt PDF",
        ),
        ("binär.bin", bytes(range(256)) * 4, "Unsupported file type"),
        ("nur_text.txt", b"Einladung zum Sommerfest am 3.7.2025", "Unrecognised document"),
    ],
)
def test_bad_bytes(name: str, data: bytes, expected_start: str) -> None:
    assert reason_of(name, data).startswith(expected_start)


def test_truncated_pdf() -> None:
    data = render_pdf(build_agreement_lines())
    assert parse_document("zv.pdf", data).status == "ok"
    reason = reason_of("zv.pdf", data[: len(data) // 2])
    assert reason.startswith("Truncated or corrupt PDF")


def test_scanned_pdf_without_text_layer() -> None:
    reason = reason_of("scan.pdf", render_shapes_pdf())
    assert reason.startswith("Scanned PDF, no text layer")


def test_parser_error_is_one_sentence() -> None:
    """An unexpected exception inside a parser becomes "Parser error: ..." (no traceback): here a
    district index whose name form points to a key it does not hold."""
    from pipelines.reference import DistrictIndex

    broken_index = DistrictIndex(by_ags={}, name_forms=(("Landkreis Bergstraße", "06431"),))
    outcome = parse_document("zv.txt", build_agreement().encode(), broken_index)
    assert outcome.status == "quarantined"
    assert outcome.reason.startswith("Parser error: KeyError")
    assert "\n" not in outcome.reason
