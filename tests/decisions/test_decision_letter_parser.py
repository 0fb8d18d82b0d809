"""Decision letters (docs/formats.md §2) as text and as generated PDFs, through the real extractor."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from pipelines.parse.decision_letter import looks_like_decision_letter, parse_decision_letter
from pipelines.parse.records import QuarantineError, Reason
from tests.support import decision_records as dec
from tests.support.decision_records import extract

FIRST_ID = "RPKS-57-AQB-2025-06431-01"
PROJECT_NAMES = (
    "Sprachkursbegleitende Unterstützung Bensheim",
    "Jobdatings",
    "BASS Studium",
    "Ausbildungscoaching für Geflüchtete in Heppenheim und Lampertheim",
    "Teilzeitausbildung junger Eltern",
    "Berufsorientierung an Schulen",
    "Werkstatt Holz und Metall",
    "Digitales Lernen im Quartier",
)


def _lines(decision_type: str, count: int) -> list[tuple]:
    rows = []
    for index in range(count):
        name = PROJECT_NAMES[index % len(PROJECT_NAMES)] + (
            "" if index < len(PROJECT_NAMES) else f" {index}"
        )
        amount = Decimal(10_000 + 1_234 * index) + Decimal("0.50")
        row = (1 + index % 4, name, f"Bildungswerk Bergstraße gGmbH {index}", str(amount))
        if decision_type == "final":
            used = amount - Decimal(100 * index)
            row += (str(used), str(amount - used))
        rows.append(row)
    return rows


def _record(decision_type: str, count: int = 5):
    sequence = {"first": "01", "amendment": "02", "final": "03", "revocation": "04"}[decision_type]
    return dec.decision(
        f"RPKS-57-AQB-2025-06431-{sequence}",
        decision_type,
        date(2025, 3, 14) if decision_type == "first" else date(2026, 2, 27),
        [] if decision_type == "revocation" else _lines(decision_type, count),
        refers_to=None if decision_type == "first" else FIRST_ID,
    )


@pytest.mark.parametrize("kind", ["text", "pdf"])
@pytest.mark.parametrize("decision_type", ["first", "amendment", "final", "revocation"])
def test_each_decision_type_parses_exactly(districts, kind, decision_type):
    expected = _record(decision_type)
    doc = extract(dec.render_letter(expected, "den Landkreis Bergstraße"), kind)

    parsed = parse_decision_letter(doc, districts)

    assert dec.without_provenance(parsed) == dec.without_provenance(expected)
    assert looks_like_decision_letter(doc)


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_long_final_decision_over_two_pages_keeps_every_row_with_its_place(districts, kind):
    expected = _record("final", count=40)
    doc = extract(dec.render_letter(expected, "den Landkreis Bergstraße"), kind)

    parsed = parse_decision_letter(doc, districts)

    assert dec.without_provenance(parsed) == dec.without_provenance(expected)
    assert parsed.used_total_eur == sum(line.used_eur for line in expected.lines)
    for line in parsed.lines:
        assert line.provenance.page >= 1 and line.provenance.line >= 1
        assert line.project in line.provenance.text
    if kind == "pdf":
        assert {line.provenance.page for line in parsed.lines} == {1, 2}
    for key in ("decision_id", "decision_type", "decision_date", "district", "year", "total_eur"):
        assert parsed.provenance[key].line >= 1, key
    assert "Aktenzeichen" in parsed.provenance["decision_id"].text
    assert "Gesamtbetrag" in parsed.provenance["total_eur"].text


@pytest.mark.parametrize(
    ("addressee", "district_ags"),
    [
        ("den Kreis Offenbach", "06438"),
        ("die Stadt Offenbach am Main", "06413"),
        ("den Landkreis Kassel", "06633"),
        ("die Stadt Kassel", "06611"),
        ("die Wissenschaftsstadt Darmstadt", "06411"),
        ("den Landkreis Darmstadt-Dieburg", "06432"),
        ("den Kreisausschuss des Wetteraukreises", "06440"),
        ("die Landeshauptstadt Wiesbaden", "06414"),
    ],
)
def test_addressee_resolves_the_right_district_of_confusable_pairs(
    districts, addressee, district_ags
):
    name = districts.by_ags[district_ags].official_name
    record = dec.decision(
        f"RPKS-57-AQB-2024-{district_ags}-01",
        "first",
        date(2024, 4, 2),
        [(2, "Ausbildungscoaching", "Träger e.V.", "50000.00")],
        district=(district_ags, name),
        year=2024,
    )

    parsed = parse_decision_letter(extract(dec.render_letter(record, addressee), "text"), districts)

    assert (parsed.district_ags, parsed.district_name) == (district_ags, name)


def _bad_letters():
    good = _record("first")
    text = dec.render_letter(good, "den Landkreis Bergstraße")
    final_text = dec.render_letter(_record("final"), "den Landkreis Bergstraße")
    return {
        "press release": (
            "Pressemitteilung\nLandkreis Bergstraße erhält 1,2 Mio. Euro für Ausbildung\n"
            "Regierungspräsidium Kassel bewilligt Mittel.\n",
            "Not a grant decision letter: no title Zuwendungsbescheid, Änderungsbescheid,"
            " Schlussbescheid or Widerrufsbescheid was found.",
            Reason.NOT_A_GRANT_DECISION,
        ),
        "total differs from rows": (
            text.replace("Gesamtbetrag der Zuwendung: ", "Gesamtbetrag der Zuwendung: 1"),
            "The total 162342.50 EUR differs from the sum of the project rows, 62342.50 EUR.",
            Reason.INCONSISTENT_TOTALS,
        ),
        "unknown district": (
            text.replace("An den Landkreis Bergstraße", "An den Landkreis Atlantis"),
            "The addressee 'Landkreis Atlantis' is not a known district.",
            Reason.UNKNOWN_DISTRICT,
        ),
        "no file number": (
            text.replace("Aktenzeichen: ", "Zeichen: "),
            "The decision letter has no file number (Aktenzeichen: RPKS-57-AQB-...).",
            Reason.INCOMPLETE_DECISION,
        ),
        "year contradicts file number": (
            text.replace("Qualifizierungsbudget 2025", "Qualifizierungsbudget 2024"),
            "The file number RPKS-57-AQB-2025-06431-01 names budget year 2025 but the letter"
            " is about 2024.",
            Reason.YEAR_CONTRADICTION,
        ),
        "district contradicts file number": (
            text.replace("Landkreis Bergstraße", "Odenwaldkreis"),
            "The file number RPKS-57-AQB-2025-06431-01 names district 06431 but the letter is"
            " addressed to 06437.",
            Reason.UNKNOWN_DISTRICT,
        ),
        "measure type 7": (
            text.replace("1; 1; ", "1; 7; "),
            "The project row at page 1, line 14 has measure type '7', not 1 to 4.",
            Reason.BAD_PROJECT_ROW,
        ),
        "bad amount": (
            text.replace("10.000,50 €", "zehntausend €"),
            "The project row at page 1, line 14 has a bad amount: no euro amount in 'zehntausend €'.",
            Reason.BAD_PROJECT_ROW,
        ),
        "no rows": (
            "\n".join(line for line in text.splitlines() if not line[:1].isdigit()),
            "The decision letter lists no approved projects.",
            Reason.INCOMPLETE_DECISION,
        ),
        "final without used total": (
            "\n".join(
                line for line in final_text.splitlines() if not line.startswith("Verwendete")
            ),
            "The final decision has no used total (Verwendete Mittel insgesamt).",
            Reason.INCOMPLETE_DECISION,
        ),
        "bad date": (
            text.replace("Kassel, 14.03.2025", "Kassel, 31.02.2025"),
            "The decision date cannot be read: no date in '31.02.2025'.",
            Reason.DECISION_DATE_UNREADABLE,
        ),
        "too few fields": (
            text.replace("1; 1; ", "1; ", 1),
            "The project row at page 1, line 14 has 4 fields instead of 5.",
            Reason.BAD_PROJECT_ROW,
        ),
        "no project name": (
            text.replace("1; 1; Sprachkursbegleitende Unterstützung Bensheim;", "1; 1; ;"),
            "The project row at page 1, line 14 has no project name.",
            Reason.BAD_PROJECT_ROW,
        ),
        "final without reclaim line": (
            "\n".join(
                line for line in final_text.splitlines() if not line.startswith("Rückforderung")
            ),
            "The final decision has no reclaim line (Rückforderung).",
            Reason.INCOMPLETE_DECISION,
        ),
        "used total unreadable": (
            re.sub(
                r"Verwendete Mittel insgesamt: .*",
                "Verwendete Mittel insgesamt: viel €",
                final_text,
            ),
            "The used total (Verwendete Mittel insgesamt) cannot be read: no euro amount in 'viel €'.",
            Reason.INCOMPLETE_DECISION,
        ),
        "reclaim unreadable": (
            re.sub(r"Rückforderung: .*", "Rückforderung: nichts €", final_text),
            "The reclaim (Rückforderung) cannot be read: no euro amount in 'nichts €'.",
            Reason.INCOMPLETE_DECISION,
        ),
        "used total differs from rows": (
            final_text.replace("Verwendete Mittel insgesamt: ", "Verwendete Mittel insgesamt: 1"),
            "The used total 161342.50 EUR differs from the rows' sum, 61342.50 EUR.",
            Reason.INCONSISTENT_TOTALS,
        ),
        "reclaim differs from rows": (
            final_text.replace("Rückforderung: ", "Rückforderung: 1"),
            "The reclaim 11000.00 EUR differs from the rows' sum, 1000.00 EUR.",
            Reason.INCONSISTENT_TOTALS,
        ),
        "total unreadable": (
            re.sub(r"Gesamtbetrag der Zuwendung: .*", "Gesamtbetrag der Zuwendung: viel €", text),
            "The total (Gesamtbetrag der Zuwendung) cannot be read: no euro amount in 'viel €'.",
            Reason.INCOMPLETE_DECISION,
        ),
        "no total": (
            "\n".join(line for line in text.splitlines() if not line.startswith("Gesamtbetrag")),
            "The decision letter has no total (Gesamtbetrag der Zuwendung).",
            Reason.INCOMPLETE_DECISION,
        ),
        "final without final columns": (
            "\n".join(
                ";".join(line.split(";")[:5]) if line[:1].isdigit() else line
                for line in final_text.replace("; Verwendet; Rückforderung", "").splitlines()
            ),
            "The final decision's project table has no Verwendet/Rückforderung columns.",
            Reason.INCOMPLETE_DECISION,
        ),
        "no budget year": (
            "\n".join(line for line in text.splitlines() if not line.startswith("über eine")),
            'The decision letter has no budget year ("über eine Zuwendung aus dem … <YEAR>").',
            Reason.INCOMPLETE_DECISION,
        ),
        "no date line": (
            "\n".join(line for line in text.splitlines() if not line.startswith("Kassel,")),
            'The decision letter has no date line ("Kassel, DD.MM.YYYY").',
            Reason.INCOMPLETE_DECISION,
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "press release",
        "total differs from rows",
        "unknown district",
        "no file number",
        "year contradicts file number",
        "district contradicts file number",
        "measure type 7",
        "bad amount",
        "no rows",
        "final without used total",
        "bad date",
        "too few fields",
        "no project name",
        "final without reclaim line",
        "used total unreadable",
        "reclaim unreadable",
        "used total differs from rows",
        "reclaim differs from rows",
        "total unreadable",
        "no total",
        "final without final columns",
        "no budget year",
        "no date line",
    ],
)
def test_bad_letters_are_quarantined_with_a_reason(districts, case):
    text, reason, code = _bad_letters()[case]

    with pytest.raises(QuarantineError) as raised:
        parse_decision_letter(extract(text, "text"), districts)

    assert (raised.value.reason, raised.value.code) == (reason, code)


def test_rows_and_labels_merged_into_one_logical_line_are_split_again(districts):
    """Text extraction may rejoin a row with the next line when it looks wrapped; every row
    and total must still be read, each keeping the page and line of its logical line."""
    from pipelines.parse.records import ExtractedDocument, SourceLine

    expected = _record("final", count=3)
    physical = dec.render_letter(expected, "den Landkreis Bergstraße").splitlines()
    rows_at = [index for index, text in enumerate(physical) if text[:2] in ("1;", "2;", "3;")]
    merged = (
        physical[: rows_at[0]]
        + [" ".join(physical[rows_at[0] : rows_at[-1] + 3])]
        + physical[rows_at[-1] + 3 :]
    )
    doc = ExtractedDocument(
        lines=tuple(
            SourceLine(page=1, line=number, text=text) for number, text in enumerate(merged, 1)
        ),
        page_count=1,
        media_type="text/plain",
    )

    parsed = parse_decision_letter(doc, districts)

    assert dec.without_provenance(parsed) == dec.without_provenance(expected)
    assert {line.provenance.line for line in parsed.lines} == {rows_at[0] + 1}
