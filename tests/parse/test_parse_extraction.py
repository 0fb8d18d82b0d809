"""Text extraction: encodings, line endings, page furniture, hyphenation and wrapped lines."""

from __future__ import annotations

import pytest

from pipelines.extract import CSV, PDF, TEXT, UNKNOWN, XLSX, extract_document, sniff_media_type
from pipelines.parse.agreement import parse_agreement
from tests.support.agreement_texts import build_agreement_lines, render_pdf


def texts(data: bytes, media_type: str = TEXT) -> list[str]:
    return [line.text for line in extract_document(data, media_type).lines]


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("a.bin", b"%PDF-1.7 ...", PDF),
        ("a.txt", b"%PDF-1.4 renamed", PDF),
        ("a.csv", b"PK\x03\x04rest", XLSX),
        ("a.xlsx", b"PK\x03\x04rest", XLSX),
        ("a.CSV", b"Aktenzeichen;Bescheidart;Bescheiddatum;Bezug\n", CSV),
        ("export", b"Aktenzeichen;Bescheidart;Bescheiddatum;Bezug\n", CSV),
        ("a.txt", b"Zielvereinbarung", TEXT),
        ("zv", "Zielvereinbarung".encode("cp1252"), TEXT),
        ("blob", b"\x00\x01\x02", UNKNOWN),
    ],
)
def test_sniff_media_type(name: str, data: bytes, expected: str) -> None:
    assert sniff_media_type(name, data) == expected


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Maßnahme für Städte\r\nzweite Zeile\r\n".encode(), "utf-8"),
        ("\ufeffMaßnahme für Städte\nzweite Zeile\n".encode(), "utf-8"),
        ("Maßnahme für Städte\rzweite Zeile\r".encode("cp1252"), "cp1252"),
        ("Maßnahme für Städte\r\nzweite Zeile".encode("cp1252"), "cp1252"),
    ],
)
def test_text_encodings_and_line_endings(data: bytes, encoding: str) -> None:
    doc = extract_document(data, TEXT)
    assert doc.encoding == encoding
    assert [line.text for line in doc.lines] == ["Maßnahme für Städte", "zweite Zeile"]
    assert [(line.page, line.line) for line in doc.lines] == [(1, 1), (1, 2)]


def test_hyphenation_and_wraps_in_hard_wrapped_text() -> None:
    # a text file hard-wrapped at 72 columns, with hyphenated breaks
    text = (
        "Der Landkreis finanziert mit dem Budget Projekte der Ausbildungs-\n"
        "vorbereitung und weitere Angebote im Rahmen des Ausbildungs-\n"
        "und Qualifizierungsbudgets sowie Beratungsangebote zur Teilzeit-\n"
        "Ausbildung in allen Städten und Gemeinden des Kreises, jeweils mit\n"
        "Beteiligung der Träger.\n"
        "\n"
        "1. Ausbildungsvorbereitung\n"
        " - Vorbereitung TZ Ausbildung\n"
        "Wiesbaden, den 2.8.2025\n"
        "Heike Hofmann\n"
        "Staatsministerin\n"
    )
    lines = texts(text.encode())
    assert lines[0] == (
        "Der Landkreis finanziert mit dem Budget Projekte der Ausbildungsvorbereitung und weitere "
        "Angebote im Rahmen des Ausbildungs- und Qualifizierungsbudgets sowie Beratungsangebote zur "
        "Teilzeit-Ausbildung in allen Städten und Gemeinden des Kreises, jeweils mit Beteiligung der "
        "Träger."
    )
    assert lines[1:] == [
        "1. Ausbildungsvorbereitung",
        " - Vorbereitung TZ Ausbildung",
        "Wiesbaden, den 2.8.2025",
        "Heike Hofmann",
        "Staatsministerin",
    ]


def test_page_furniture_in_text_without_form_feeds() -> None:
    body = [f"Absatz {n} mit Inhalt." for n in range(1, 7)]
    text = "\n".join(
        [
            "Zielvereinbarung 2025 – Kreis Offenbach",
            body[0],
            body[1],
            "Seite 1 von 3",
            "Zielvereinbarung 2025 – Kreis Offenbach",
            body[2],
            body[3],
            "Seite 2 von 3",
            "Zielvereinbarung 2025 – Kreis Offenbach",
            body[4],
            body[5],
            "Seite 3 von 3",
        ]
    )
    assert texts(text.encode()) == body


def test_page_furniture_with_form_feeds() -> None:
    pages = [
        "Kreis Offenbach\nErster Absatz.\n- 1 -",
        "Kreis Offenbach\nZweiter Absatz.\n- 2 -",
        "Kreis Offenbach\n2025\nDritter Absatz.\n3",
    ]
    doc = extract_document("\f".join(pages).encode(), TEXT)
    assert [(line.page, line.line, line.text) for line in doc.lines] == [
        (1, 2, "Erster Absatz."),
        (2, 2, "Zweiter Absatz."),
        (3, 2, "2025"),
        (3, 3, "Dritter Absatz."),
    ]


def test_pdf_with_headers_footers_and_wrapped_heading() -> None:
    filler = [
        f"Absatz {n}: "
        + " ".join(
            f"Die Partner stimmen sich zum Thema {n}.{k} regelmäßig über die Umsetzung ab."
            for k in range(6)
        )
        for n in range(14)
    ]
    lines = build_agreement_lines(
        district_party="und dem Kreis Offenbach",
        district_short="Kreises Offenbach",
        body_note="Die Stadt Offenbach am Main ist nicht Partei dieser Vereinbarung.",
        earmark_sentences=filler,
        signatures=[
            (
                "Wiesbaden",
                "2.8.2025",
                "Heike Hofmann",
                "Staatsministerin",
                "Hessisches Ministerium",
            ),
            ("Dietzenbach", "8.8.2025", "Oliver Quilling", "Landrat", "des Kreises Offenbach"),
        ],
    )
    data = render_pdf(lines, header_text="Zielvereinbarung 2025 – Kreis Offenbach")
    doc = extract_document(data, PDF)
    assert doc.page_count >= 3
    joined = doc.text
    assert "Seite" not in joined and "Zielvereinbarung 2025 - Kreis Offenbach" not in joined
    record = parse_agreement(doc)
    assert record.district_ags == "06438"
    assert record.measures[3].name.startswith("Weiterbildungsmaßnahmen") and record.measures[
        3
    ].name.endswith("Arbeitsmarktförderung")
    assert [p.name for p in record.measures[2].projects] == [
        "Sprachkursbegleitende Unterstützung",
        "Jobdatings",
        "Pflegehelfer Qualifizierung",
    ]
    assert [s.place for s in record.signatures] == ["Wiesbaden", "Dietzenbach"]
    # provenance: the measure list sits on a later page; the page number comes along
    assert (
        record.measures[0].provenance.page == doc.page_count
        or record.measures[0].provenance.page > 1
    )
    assert all(
        p.provenance.page >= record.measures[0].provenance.page
        for m in record.measures
        for p in m.projects
    )
    # every filler paragraph was rejoined into one logical line despite wrapping in the PDF
    assert sum(1 for line in doc.lines if line.text.startswith("Absatz ")) == 14


def test_pdf_hyphenated_line_break() -> None:
    data = render_pdf(
        ["Projekte der Ausbildungs-\nvorbereitung und des Ausbildungs-\nund Qualifizierungsbudgets"]
    )
    # a one-page PDF: its header cannot be told from text by repetition, so it stays
    assert (
        texts(data, PDF)[-1]
        == "Projekte der Ausbildungsvorbereitung und des Ausbildungs- und Qualifizierungsbudgets"
    )


def test_pdf_narrow_column_wraps_projects() -> None:
    projects = {
        1: ["Werkstatt Berufsstart für junge Menschen ohne Schulabschluss im ländlichen Raum"],
        2: [],
        3: [],
        4: [],
    }
    data = render_pdf(build_agreement_lines(projects=projects), width=110)
    record = parse_agreement(extract_document(data, PDF))
    assert [p.name for p in record.measures[0].projects] == projects[1]
    assert record.measures[3].name.endswith("im Kontext der Arbeitsmarktförderung")


def test_classification_by_content(reference_agreement_text: str) -> None:
    from pipelines.parse.classify import classify_document

    letter = "Regierungspräsidium Kassel\nDezernat 57\nKassel, 14.03.2025\nÄnderungsbescheid\nüber eine Zuwendung"
    assert classify_document(extract_document(letter.encode(), TEXT)) == "decision_letter"
    # the agreement names RP Kassel too (it issues the grant) but is titled Zielvereinbarung
    assert (
        classify_document(extract_document(reference_agreement_text.encode(), TEXT)) == "agreement"
    )
    assert classify_document(extract_document(b"Protokoll der Sitzung", TEXT)) == "unknown"
    # on a scan RP Kassel read with a speck between its words, or named by its file number
    for named in ("Regierungspräsidium. Kassel", "Aktenzeichen: RPKS-57-AQB-2025-06434-02"):
        scanned = f"{named}\nKassel, 29.07.2025\nÄnderungsbescheid\nüber eine Zuwendung"
        assert classify_document(extract_document(scanned.encode(), TEXT)) == "decision_letter"
    unnamed = "Regierungspräsidium Darmstadt\nÄnderungsbescheid\nüber eine Zuwendung"
    assert classify_document(extract_document(unnamed.encode(), TEXT)) == "unknown"
