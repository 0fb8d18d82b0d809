"""Agreement variants written here: districts and name pairs, years and ministries, bullets,
amount forms, per-measure amounts, earmarks, combined budgets, encodings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipelines.extract import TEXT, extract_document
from pipelines.parse.agreement import parse_agreement
from pipelines.parse.dispatch import parse_document
from tests.support.agreement_texts import MEASURE_WORDINGS, build_agreement


def parse_text(text: str):
    return parse_agreement(extract_document(text.encode("utf-8"), TEXT))


@pytest.mark.parametrize(
    "party, short, expected_ags, signing_place",
    [
        ("und dem Landkreis Kassel", "Landkreises Kassel", "06633", "Kassel"),
        ("und der Stadt Kassel", "Stadt Kassel", "06611", "Kassel"),
        ("und der documenta-Stadt Kassel", "Stadt Kassel", "06611", "Kassel"),
        ("und dem Kreis Offenbach", "Kreises Offenbach", "06438", "Dietzenbach"),
        (
            "und der Stadt Offenbach am Main",
            "Stadt Offenbach am Main",
            "06413",
            "Offenbach am Main",
        ),
        (
            "und dem Landkreis Darmstadt-Dieburg",
            "Landkreises Darmstadt-Dieburg",
            "06432",
            "Darmstadt",
        ),
        (
            "und der Wissenschaftsstadt Darmstadt",
            "Wissenschaftsstadt Darmstadt",
            "06411",
            "Darmstadt",
        ),
        ("und des Wetteraukreises", "Wetteraukreises", "06440", "Friedberg"),
        ("und dem Wetteraukreis", "Wetteraukreises", "06440", "Friedberg"),
        ("und der Landeshauptstadt Wiesbaden", "Landeshauptstadt Wiesbaden", "06414", "Wiesbaden"),
        ("und dem Landkreis Gießen", "Landkreises Gießen", "06531", "Gießen"),
        ("und dem Kreis Bergstraße", "Kreises Bergstraße", "06431", "Heppenheim"),
        ("und dem Main-Kinzig-Kreis", "Main-Kinzig-Kreises", "06435", "Gelnhausen"),
        ("und dem Werra-Meißner-Kreis", "Werra-Meißner-Kreises", "06636", "Eschwege"),
        (
            "und der Stadt Frankfurt am Main",
            "Stadt Frankfurt am Main",
            "06412",
            "Frankfurt am Main",
        ),
    ],
)
def test_district_from_party_line_only(party, short, expected_ags, signing_place) -> None:
    # misleading names elsewhere: the other member of each pair appears in the body and signatures
    note = "Abstimmungen finden mit der Stadt Kassel, dem Landkreis Kassel, dem Kreis Offenbach und der Stadt Darmstadt statt."
    signatures = [
        ("Wiesbaden", "2.8.2025", "Heike Hofmann", "Staatsministerin", "Hessisches Ministerium"),
        (signing_place, "8.8.2025", "Erika Muster", "Landrätin", f"des {short}"),
    ]
    record = parse_text(
        build_agreement(
            district_party=party, district_short=short, body_note=note, signatures=signatures
        )
    )
    assert record.district_ags == expected_ags
    assert record.signatures[1].place == signing_place


@pytest.mark.parametrize(
    "year, ministry_party, expected_name, expected_short, measure_wording",
    [
        (2014, "dem Hessischen Sozialministerium", "Hessisches Sozialministerium", "HSM", "old"),
        (
            2015,
            "dem Hessischen Ministerium für Soziales und Integration",
            "Hessisches Ministerium für Soziales und Integration",
            "HMSI",
            "old",
        ),
        (
            2016,
            "dem Hessischen Ministerium für Soziales und Integration",
            "Hessisches Ministerium für Soziales und Integration",
            "HMSI",
            "old",
        ),
        (2018, "dem HMSI", "Hessisches Ministerium für Soziales und Integration", "HMSI", "old"),
        (
            2019,
            "dem Hessischen Ministerium für Soziales und Integration",
            "Hessisches Ministerium für Soziales und Integration",
            "HMSI",
            "current",
        ),
        (
            2021,
            "dem Hessischen Ministerium für Soziales und Integration",
            "Hessisches Ministerium für Soziales und Integration",
            "HMSI",
            "current",
        ),
        (
            2023,
            "dem Hessischen Ministerium für Soziales und Integration",
            "Hessisches Ministerium für Soziales und Integration",
            "HMSI",
            "current",
        ),
        (
            2024,
            "dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales",
            "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
            "HMAIJS",
            "current",
        ),
        (
            2025,
            "dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales",
            "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
            "HMAIJS",
            "current",
        ),
    ],
)
def test_years_ministries_and_measure_wordings(
    year,
    ministry_party,
    expected_name,
    expected_short,
    measure_wording,
) -> None:
    wording = MEASURE_WORDINGS[measure_wording]
    signatures = [
        (
            "Wiesbaden",
            f"14. Juni {year}",
            "Stefan Grüttner",
            "Staatsminister",
            "Hessisches Ministerium",
        ),
        (
            "Kassel",
            f"0{1 + year % 9}.07.{year}",
            "Uwe Schmidt",
            "Landrat",
            "des Landkreises Kassel",
        ),
    ]
    text = build_agreement(
        year=year,
        ministry_party=ministry_party,
        district_party="und dem Landkreis Kassel",
        district_short="Landkreises Kassel",
        measure_names=dict(wording),
        amount_text="879.800 EUR",
        signatures=signatures,
    )
    record = parse_text(text)
    assert (record.year, record.district_ags, record.budget_total_eur) == (
        year,
        "06633",
        Decimal("879800.00"),
    )
    assert (record.ministry, record.ministry_short) == (expected_name, expected_short)
    assert [m.name for m in record.measures] == [wording[n] for n in (1, 2, 3, 4)]
    assert record.signatures[0].date == date(year, 6, 14)
    assert record.signatures[1].date == date(year, 7, 1 + year % 9)


def test_combined_aqb_and_labour_market_budget() -> None:
    paragraph = [
        "Das HMSI stellt dem Main-Taunus-Kreis im Jahr 2014 Haushaltsmittel in Höhe von insgesamt",
        "336.700 Euro aus dem Ausbildungs- und Qualifizierungsbudget 2014 und 221.200 Euro aus dem Arbeitsmarktbudget 2014 zur Verfügung.",
    ]
    text = build_agreement(
        year=2014,
        ministry_party="dem Hessischen Ministerium für Soziales und Integration",
        district_party="und dem Main-Taunus-Kreis",
        district_short="Main-Taunus-Kreises",
        purpose="zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets und des Arbeitsmarktbudgets",
        amount_paragraph=paragraph,
        signatures=[
            (
                "Wiesbaden",
                "3.3.2014",
                "Stefan Grüttner",
                "Staatsminister",
                "Hessisches Ministerium für Soziales und Integration",
            ),
            (
                "Hofheim am Taunus",
                "10.3.2014",
                "Michael Cyriax",
                "Landrat",
                "des Main-Taunus-Kreises",
            ),
        ],
    )
    record = parse_text(text)
    assert record.district_ags == "06436"
    assert record.budget_total_eur == Decimal("336700.00")
    assert [(b.label, b.amount_eur) for b in record.other_budgets] == [
        ("Arbeitsmarktbudget", Decimal("221200.00"))
    ]
    assert record.signatures[1].place == "Hofheim am Taunus"


def test_a_dateline_in_the_nominative_signs_as_well() -> None:
    """ "Marburg, der 19. August 2025" dates a signature as "…, den 19. August 2025" does
    (the second model read a scan's "den" so, and a district may write it)."""
    text = build_agreement()
    district_line = next(
        line for line in text.splitlines() if ", den " in line and "Wiesbaden" not in line
    )
    record = parse_text(text.replace(district_line, district_line.replace(", den ", ", der ")))
    as_printed = parse_text(text).signatures[1]
    assert len(record.signatures) == 2 and as_printed.date is not None
    assert (record.signatures[1].place, record.signatures[1].date) == (
        as_printed.place,
        as_printed.date,
    )


def test_combined_budget_labour_market_first() -> None:
    paragraph = [
        "Das HMSI stellt dem Main-Kinzig-Kreis für das Arbeitsmarktbudget 2016 Mittel in Höhe von 250.000,00 € zur Verfügung.",
        "Für das Ausbildungs- und Qualifizierungsbudget 2016 stehen Haushaltsmittel in Höhe von insgesamt 1.354.000,00 € zur Verfügung.",
    ]
    record = parse_text(
        build_agreement(
            year=2016,
            district_party="und dem Main-Kinzig-Kreis",
            district_short="Main-Kinzig-Kreises",
            purpose="zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets und des Arbeitsmarktbudgets",
            amount_paragraph=paragraph,
        )
    )
    assert record.budget_total_eur == Decimal("1354000.00")
    assert [b.amount_eur for b in record.other_budgets] == [Decimal("250000.00")]


@pytest.mark.parametrize(
    "amount_text, expected",
    [
        ("1.230.450 Euro", "1230450"),
        ("1.354.000,00 €", "1354000"),
        ("879.800 EUR", "879800"),
        ("1.230.450,- €", "1230450"),
        ("Euro 500.000", "500000"),
        ("€ 612.345,67", "612345.67"),
        ("1.230.450", "1230450"),  # a bare amount standing alone on its line
    ],
)
def test_amount_forms(amount_text: str, expected: str) -> None:
    record = parse_text(build_agreement(amount_text=amount_text))
    assert record.budget_total_eur == Decimal(expected).quantize(Decimal("0.01"))
    assert record.provenance["budget_total_eur"].text == amount_text


def test_amount_inline_in_sentence() -> None:
    paragraph = [
        "Das HMSI stellt dem Landkreis Bergstraße im Jahr 2025 Haushaltsmittel in Höhe von insgesamt 1.230.450 Euro aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung. Davon sind 40.000 Euro für Teilzeitausbildung vorgesehen."
    ]
    record = parse_text(build_agreement(amount_paragraph=paragraph))
    assert record.budget_total_eur == Decimal("1230450.00")
    assert [(e.label, e.amount_eur) for e in record.earmarks] == [
        ("Teilzeitausbildung", Decimal("40000.00"))
    ]


@pytest.mark.parametrize("bullet", [" - ", " – ", " • ", " * ", " o ", "a)", "- ", "\t- "])
def test_bullet_styles(bullet: str) -> None:
    record = parse_text(build_agreement(bullet=bullet))
    projects = {m.measure_type: [p.name for p in m.projects] for m in record.measures}
    assert projects == {
        1: ["Werkstatt Berufsstart", "Praxisklasse Plus"],
        2: [],
        3: ["Sprachkursbegleitende Unterstützung", "Jobdatings", "Pflegehelfer Qualifizierung"],
        4: ["BASS Studium"],
    }


@pytest.mark.parametrize("none_marker", [" - keine", "keine", "Keine Projekte", " – keine.", None])
def test_measure_without_projects(none_marker) -> None:
    projects = {1: ["Werkstatt Berufsstart"], 2: [], 3: [], 4: []}
    record = parse_text(build_agreement(projects=projects, none_marker=none_marker))
    assert [len(m.projects) for m in record.measures] == [1, 0, 0, 0]
    assert all(m.provenance is not None for m in record.measures)


def test_omitted_measure_type_has_no_provenance() -> None:
    record = parse_text(build_agreement(omit_measures=(2,)))
    assert [m.measure_type for m in record.measures] == [1, 2, 3, 4]
    assert record.measures[1].provenance is None
    assert record.measures[1].projects == ()
    assert (
        record.measures[1].name
        == "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen"
    )
    assert [p.name for p in record.measures[2].projects][:1] == [
        "Sprachkursbegleitende Unterstützung"
    ]


def test_per_measure_amounts_both_styles() -> None:
    record = parse_text(
        build_agreement(
            heading_suffix={1: " (Mittelansatz: 250.000 Euro)", 3: " (600.450,00 €)"},
            measure_amount_lines={2: "Mittelansatz: 300.000,00 €", 4: "Mittelansatz: 80.000 EUR"},
        )
    )
    assert [m.amount_eur for m in record.measures] == [
        Decimal("250000.00"),
        Decimal("300000.00"),
        Decimal("600450.00"),
        Decimal("80000.00"),
    ]
    assert record.measures[0].name == "Ausbildungsvorbereitung"
    assert (
        record.measures[2].name
        == "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung"
    )
    assert [p.name for p in record.measures[3].projects] == ["BASS Studium"]


def test_project_amounts() -> None:
    projects = {
        1: ["Werkstatt Berufsstart (120.000 Euro)"],
        2: [],
        3: ["Jobdatings: 25.000,00 €"],
        4: [],
    }
    record = parse_text(build_agreement(projects=projects))
    first = record.measures[0].projects[0]
    assert (first.name, first.amount_eur) == ("Werkstatt Berufsstart", Decimal("120000.00"))
    third = record.measures[2].projects[0]
    assert (third.name, third.amount_eur) == ("Jobdatings", Decimal("25000.00"))


@pytest.mark.parametrize(
    "sentence, label, amount",
    [
        (
            "Davon sind 40.000 Euro für Teilzeitausbildung vorgesehen.",
            "Teilzeitausbildung",
            "40000",
        ),
        ("Davon sind 25.000,00 € für digitales Lernen bestimmt.", "digitales Lernen", "25000"),
        (
            "Davon sind 60.000 EUR für die Integration von Menschen mit Migrationshintergrund vorgesehen.",
            "Integration von Menschen mit Migrationshintergrund",
            "60000",
        ),
        (
            "Davon sind für Teilzeitausbildung 35.500 Euro vorgesehen.",
            "Teilzeitausbildung",
            "35500",
        ),
    ],
)
def test_earmarks(sentence: str, label: str, amount: str) -> None:
    record = parse_text(build_agreement(earmark_sentences=[sentence]))
    assert record.budget_total_eur == Decimal("1230450.00")
    assert [(e.label, e.amount_eur) for e in record.earmarks] == [
        (label, Decimal(amount).quantize(Decimal("0.01")))
    ]
    assert record.earmarks[0].provenance.text == sentence


def test_earmark_inside_measure_list_is_not_a_project() -> None:
    record = parse_text(
        build_agreement(
            measure_amount_lines={2: "Davon sind 40.000 Euro für Teilzeitausbildung vorgesehen."},
            projects={1: [], 2: ["Teilzeitausbildung Kompakt"], 3: [], 4: ["BASS Studium"]},
        )
    )
    assert [p.name for p in record.measures[1].projects] == ["Teilzeitausbildung Kompakt"]
    assert record.measures[1].amount_eur is None
    assert [e.label for e in record.earmarks] == ["Teilzeitausbildung"]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_windows_1252_bytes_any_line_ending(newline: str) -> None:
    text = build_agreement(
        newline=newline,
        district_party="und dem Werra-Meißner-Kreis",
        district_short="Werra-Meißner-Kreises",
    )
    outcome = parse_document("zv_werra.txt", text.encode("cp1252"))
    assert outcome.status == "ok", outcome.reason
    record = outcome.agreement
    assert record.district_ags == "06636"
    assert [p.name for p in record.measures[2].projects][0] == "Sprachkursbegleitende Unterstützung"
    assert record.measures[3].name.endswith("Arbeitsmarktförderung")


def test_single_line_title_with_parties() -> None:
    text = build_agreement(
        year=2018,
        title="Zielvereinbarung 2018 zwischen dem HMSI und dem Main-Kinzig-Kreis zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets und des Arbeitsmarktbudgets",
        ministry_party="",
        district_party="",
        purpose="",
        district_short="Main-Kinzig-Kreises",
    ).replace("\nzwischen\n", "\n")
    record = parse_text(text)
    assert (record.district_ags, record.year, record.ministry_short) == ("06435", 2018, "HMSI")
