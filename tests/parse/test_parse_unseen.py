"""Agreements the parser has never seen, written the way real ministry files could look.

Each variant must come out exactly right (district, year, amount, projects, signatures) or be
quarantined with a reason; a wrong value is the one outcome that must never happen. Several of
these exposed bugs (see the names): labels of combined budgets, a "davon" share read as the
total, a previous-year figure, an amount cut by a line break, side-by-side signatures, drafts,
merged files, other states' ministries, look-alike spaces, soft hyphens and ligatures.
"""

from __future__ import annotations

import io
import random
import textwrap
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from fpdf import FPDF

from pipelines.parse.dispatch import parse_document
from pipelines.parse.records import AgreementRecord, ParseOutcome
from tests.support.agreement_texts import build_agreement, build_agreement_lines, render_pdf

DEFAULT_PROJECTS = {
    1: ["Werkstatt Berufsstart", "Praxisklasse Plus"],
    2: [],
    3: ["Sprachkursbegleitende Unterstützung", "Jobdatings", "Pflegehelfer Qualifizierung"],
    4: ["BASS Studium"],
}
AMOUNT_PARAGRAPH_MARK = "Haushaltsmittel in Höhe von insgesamt"


def outcome_of(data: bytes | str, name: str = "agreement.txt") -> ParseOutcome:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return parse_document(name, payload)


def ok(data: bytes | str, name: str = "agreement.txt") -> AgreementRecord:
    outcome = outcome_of(data, name)
    assert outcome.status == "ok", outcome.reason
    assert outcome.agreement is not None
    return outcome.agreement


def quarantined(data: bytes | str, name: str = "agreement.txt") -> str:
    outcome = outcome_of(data, name)
    assert outcome.status == "quarantined", outcome.agreement
    assert outcome.reason and outcome.reason.endswith(".") and "Traceback" not in outcome.reason
    return outcome.reason


def projects_of(record: AgreementRecord) -> dict[int, list[str]]:
    return {m.measure_type: [p.name for p in m.projects] for m in record.measures}


def signatures_of(record: AgreementRecord) -> list[tuple]:
    return [(s.party, s.place, s.date, s.name, s.role) for s in record.signatures]


def with_section4(text: str, paragraph: str) -> str:
    """The agreement with its § 4 amount paragraph replaced by ``paragraph``."""
    start = text.index("Das HMSI stellt")
    end = text.index("§ 5")
    return text[:start] + paragraph + "\n\n" + text[end:]


def with_signatures(text: str, block: str) -> str:
    start = text.index("Wiesbaden, den")
    return text[:start] + block


# --- districts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "party, genitive, expected_ags",
    [
        ("und der Wissenschaftsstadt Darmstadt", "der Wissenschaftsstadt Darmstadt", "06411"),
        ("und dem Kreis Groß-Gerau", "des Kreises Groß-Gerau", "06433"),
        ("und dem Landkreis Groß-Gerau", "des Landkreises Groß-Gerau", "06433"),
        ("und dem Main-Kinzig-Kreis", "des Main-Kinzig-Kreises", "06435"),
        ("und der Landeshauptstadt Wiesbaden", "der Landeshauptstadt Wiesbaden", "06414"),
        ("und der Stadt Frankfurt am Main", "der Stadt Frankfurt am Main", "06412"),
        ("und der documenta-Stadt Kassel", "der documenta-Stadt Kassel", "06611"),
        ("und dem Landkreis Kassel", "des Landkreises Kassel", "06633"),
        ("und dem Kreis Offenbach", "des Kreises Offenbach", "06438"),
        ("und der Stadt Offenbach am Main", "der Stadt Offenbach am Main", "06413"),
        ("und dem Hochtaunuskreis", "des Hochtaunuskreises", "06434"),
        ("und dem Main-Taunus-Kreis", "des Main-Taunus-Kreises", "06436"),
        ("und dem Odenwaldkreis", "des Odenwaldkreises", "06437"),
        ("und dem Rheingau-Taunus-Kreis", "des Rheingau-Taunus-Kreises", "06439"),
        ("und dem Landkreis Darmstadt-Dieburg", "des Landkreises Darmstadt-Dieburg", "06432"),
        ("und dem Lahn-Dill-Kreis", "des Lahn-Dill-Kreises", "06532"),
        ("und dem Landkreis Limburg-Weilburg", "des Landkreises Limburg-Weilburg", "06533"),
        ("und dem Landkreis Marburg-Biedenkopf", "des Landkreises Marburg-Biedenkopf", "06534"),
        ("und dem Vogelsbergkreis", "des Vogelsbergkreises", "06535"),
        ("und dem Landkreis Fulda", "des Landkreises Fulda", "06631"),
        ("und dem Landkreis Hersfeld-Rotenburg", "des Landkreises Hersfeld-Rotenburg", "06632"),
        ("und dem Schwalm-Eder-Kreis", "des Schwalm-Eder-Kreises", "06634"),
        ("und dem Landkreis Waldeck-Frankenberg", "des Landkreises Waldeck-Frankenberg", "06635"),
        ("und dem Werra-Meißner-Kreis", "des Werra-Meißner-Kreises", "06636"),
        ("und dem Landkreis Gießen", "des Landkreises Gießen", "06531"),
        ("und dem Wetteraukreis", "des Wetteraukreises", "06440"),
        ("und dem Landkreis\nBergstraße", "des Landkreises Bergstraße", "06431"),  # split party
        ("und der Stadt\nOffenbach am Main", "der Stadt Offenbach am Main", "06413"),
        ("und dem\nKreis Offenbach", "des Kreises Offenbach", "06438"),
    ],
)
def test_every_district_in_its_name_forms(party, genitive, expected_ags) -> None:
    text = build_agreement(district_party=party, district_short=genitive.split(" ", 1)[1])
    # the genitive form of the *other* member of a confusable pair stands in the body text
    text = text.replace(
        "Die Integration in das Erwerbsleben",
        f"Die Strategie {genitive} und die der Stadt Kassel sowie des Kreises Offenbach. "
        "Die Integration in das Erwerbsleben",
    )
    record = ok(text)
    assert record.district_ags == expected_ags
    assert (record.year, record.budget_total_eur) == (2025, Decimal("1230450.00"))
    assert projects_of(record) == DEFAULT_PROJECTS


@pytest.mark.parametrize(
    "party",
    ["und der Universitätsstadt Gießen", "und der Stadt Gießen", "und dem Landkreis Mainz-Bingen"],
)
def test_districts_without_agreement_are_quarantined(party) -> None:
    assert quarantined(build_agreement(district_party=party)).startswith("Unknown district")


# --- years and ministries ----------------------------------------------------------------


@pytest.mark.parametrize(
    "year, ministry_party, expected_name, expected_short",
    [
        (2014, "dem Hessischen Sozialministerium", "Hessisches Sozialministerium", "HSM"),
        (
            2017,
            "dem Hessischen Ministerium für Soziales und Integration (HMSI)",
            "Hessisches Ministerium für Soziales und Integration",
            "HMSI",
        ),
        (
            2020,
            "dem Hessischen Ministerium für Soziales und Integration, vertreten durch den "
            "Staatsminister Kai Klose,",
            "Hessisches Ministerium für Soziales und Integration",
            "HMSI",
        ),
        (
            2024,
            "dem HMSI",
            "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
            "HMAIJS",
        ),
        (
            2025,
            "dem Land Hessen, vertreten durch das Hessische Ministerium für Arbeit, Integration, "
            "Jugend und Soziales,",
            "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
            "HMAIJS",
        ),
    ],
)
def test_years_with_the_ministry_of_the_period(
    year, ministry_party, expected_name, expected_short
) -> None:
    record = ok(build_agreement(year=year, ministry_party=ministry_party))
    assert (record.year, record.ministry, record.ministry_short) == (
        year,
        expected_name,
        expected_short,
    )
    assert [s.date for s in record.signatures] == [date(year, 8, 2), date(year, 8, 8)]


def test_budget_year_in_body_contradicting_the_title_is_quarantined() -> None:
    text = build_agreement(year=2025).replace(
        "Qualifizierungsbudget 2025 zur Verfügung", "Qualifizierungsbudget 2016 zur Verfügung"
    )
    assert quarantined(text).startswith("Year contradiction")


@pytest.mark.parametrize(
    "ministry_party",
    [
        "dem Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen",
        "dem Bayerischen Staatsministerium für Familie, Arbeit und Soziales",
        "dem Ministerium für Arbeit, Soziales, Transformation und Digitalisierung",
    ],
)
def test_agreement_of_another_state_is_quarantined(ministry_party) -> None:
    """Bug: a foreign ministry with a Hessian-sounding district was accepted (ministry None)."""
    reason = quarantined(build_agreement(ministry_party=ministry_party))
    assert reason.startswith("Not an AQB agreement")


# --- combined budgets (up to about 2018) -------------------------------------------------

COMBINED = "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets und des Arbeitsmarktbudgets"


@pytest.mark.parametrize(
    "paragraph",
    [
        # two sentences
        "Das HMSI stellt dem Landkreis Bergstraße im Jahr 2018 Haushaltsmittel in Höhe von "
        "insgesamt 1.230.450 Euro aus dem Ausbildungs- und Qualifizierungsbudget 2018 zur "
        "Verfügung. Darüber hinaus stellt das HMSI im Jahr 2018 Mittel in Höhe von 450.000 Euro "
        "aus dem Arbeitsmarktbudget 2018 zur Verfügung.",
        # bug: label named before the amount ("für das Arbeitsmarktbudget ... 450.000 Euro und")
        "Das HMSI stellt dem Landkreis Bergstraße für das Arbeitsmarktbudget 2018 Haushaltsmittel "
        "in Höhe von 450.000 Euro und für das Ausbildungs- und Qualifizierungsbudget 2018 "
        "Haushaltsmittel in Höhe von 1.230.450 Euro zur Verfügung.",
        # bug: a small table with a sum row read the AQB line as labour market and took the sum
        "Das HMSI stellt dem Landkreis Bergstraße folgende Haushaltsmittel zur Verfügung:\n\n"
        "Budget\tBetrag\nAusbildungs- und Qualifizierungsbudget 2018\t1.230.450 Euro\n"
        "Arbeitsmarktbudget 2018\t450.000 Euro\nGesamt\t1.680.450 Euro",
        # bug: two label lines were both read as labour market
        "Das HMSI stellt dem Landkreis Bergstraße folgende Haushaltsmittel zur Verfügung:\n\n"
        "Ausbildungs- und Qualifizierungsbudget: 1.230.450 Euro\nArbeitsmarktbudget: 450.000 Euro",
        # grand total first, then the split
        "Das HMSI stellt dem Landkreis Bergstraße Haushaltsmittel in Höhe von insgesamt "
        "1.680.450 Euro zur Verfügung. Davon entfallen 1.230.450 Euro auf das Ausbildungs- und "
        "Qualifizierungsbudget und 450.000 Euro auf das Arbeitsmarktbudget.",
        # ESF wording and the second budget in its own sentence
        "Das HMSI stellt dem Landkreis Bergstraße Landes- und ESF-Mittel in Höhe von insgesamt\n\n"
        "1.230.450 Euro\n\naus dem Ausbildungs- und Qualifizierungsbudget 2018 zur Verfügung. "
        "Für das Arbeitsmarktbudget 2018 stehen 450.000 Euro zur Verfügung.",
    ],
)
def test_combined_agreement_2018_keeps_budgets_apart(paragraph) -> None:
    text = with_section4(build_agreement(year=2018, purpose=COMBINED), paragraph)
    record = ok(text)
    assert record.budget_total_eur == Decimal("1230450.00")
    assert [(b.label, b.amount_eur) for b in record.other_budgets] == [
        ("Arbeitsmarktbudget", Decimal("450000.00"))
    ]


# --- amount forms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount_line, expected",
    [
        ("1.230.450 Euro", "1230450"),
        ("1.354.000,00 €", "1354000"),
        ("879.800 EUR", "879800"),
        ("EUR 879.800,00", "879800"),
        ("€ 1.230.450,--", "1230450"),
        ("1 230 450 €", "1230450"),
        ("1\u00a0230\u00a0450\u00a0€", "1230450"),
        ("1\u202f230\u202f450 €", "1230450"),
        ("1230450 Euro", "1230450"),
        ("1.230.450,50 Euro", "1230450.50"),
        ("1.230.450 € (Landes- und ESF-Mittel)", "1230450"),
        ("1.230.450 Euro (in Worten: eine Million zweihundertdreißigtausend Euro)", "1230450"),
        ("EUR\n1.230.450", "1230450"),  # currency and amount on separate lines
        ("1.230.\n450 Euro", "1230450"),  # bug: the line break inside the number gave 450 €
        ("1,2 Mio. Euro", "1200000"),  # decision: a rounded figure is accepted when it is alone
    ],
)
def test_amount_forms_unseen(amount_line, expected) -> None:
    record = ok(build_agreement(amount_text=amount_line))
    assert record.budget_total_eur == Decimal(expected).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    "paragraph, earmarks",
    [
        # bug: the share after "davon" borrowed the AQB label of the next line and became the total
        (
            "Das HMSI stellt dem Landkreis Bergstraße Haushaltsmittel in Höhe von insgesamt\n\n"
            "1.230.450 Euro, davon 40.000 Euro für Teilzeitausbildung,\n\n"
            "aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung.",
            [("Teilzeitausbildung", Decimal("40000.00"))],
        ),
        # bug: a previous-year figure after the amount was read as the total
        (
            "Das HMSI stellt dem Landkreis Bergstraße Haushaltsmittel in Höhe von insgesamt\n\n"
            "1.230.450 Euro\n\n(Vorjahr: 1.198.000 Euro) aus dem Ausbildungs- und "
            "Qualifizierungsbudget 2025 zur Verfügung.",
            [],
        ),
        (
            "Landesweit stehen 27.700.000 Euro für das Ausbildungs- und Qualifizierungsbudget "
            "bereit. Das HMSI stellt dem Landkreis Bergstraße Haushaltsmittel in Höhe von "
            "1.230.450 Euro zur Verfügung.",
            [],
        ),
        (
            "Das HMSI stellt dem Landkreis Bergstraße Haushaltsmittel in Höhe von 1.230.450 Euro "
            "(rund 1,2 Mio. Euro) aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur "
            "Verfügung. Hiervon sind 50.000 Euro für Teilzeitausbildung vorgesehen.",
            [("Teilzeitausbildung", Decimal("50000.00"))],
        ),
    ],
)
def test_amounts_that_are_not_the_total(paragraph, earmarks) -> None:
    record = ok(with_section4(build_agreement(), paragraph))
    assert record.budget_total_eur == Decimal("1230450.00")
    assert [(e.label, e.amount_eur) for e in record.earmarks] == earmarks


def test_two_different_aqb_amounts_are_quarantined_not_guessed() -> None:
    paragraph = (
        "Das HMSI stellt dem Landkreis Bergstraße 1.230.450 Euro aus dem Ausbildungs- und "
        "Qualifizierungsbudget 2025 zur Verfügung. Nach der Nachverhandlung stehen 1.250.000 Euro "
        "aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung."
    )
    assert quarantined(with_section4(build_agreement(), paragraph)).startswith("Ambiguous amount")


# --- signatures ----------------------------------------------------------------------------

EXPECTED_SIGNATURES = [
    ("ministry", "Wiesbaden", date(2025, 8, 2), "Heike Hofmann", "Staatsministerin"),
    ("district", "Heppenheim", date(2025, 8, 8), "Angelika Beckenbach", "Erste Kreisbeigeordnete"),
]


@pytest.mark.parametrize(
    "block",
    [
        # bug: side-by-side blocks were not read (quarantined as truncated)
        "Wiesbaden, den 2.8.2025            Heppenheim, den 8.8.2025\n\n\n\n"
        "Heike Hofmann                      Angelika Beckenbach\n"
        "Staatsministerin                   Erste Kreisbeigeordnete\n"
        "Hessisches Ministerium             des Landkreises\n"
        "                                   Bergstraße\n",
        "Wiesbaden, den 2.8.2025\tHeppenheim, den 8.8.2025\n\n"
        "Heike Hofmann\tAngelika Beckenbach\nStaatsministerin\tErste Kreisbeigeordnete\n",
        "Für das Land Hessen:               Für den Landkreis Bergstraße:\n"
        "Wiesbaden, den 02.08.2025          Heppenheim, den 08.08.2025\n\n"
        "Heike Hofmann                      Angelika Beckenbach\n"
        "Staatsministerin                   Erste Kreisbeigeordnete\n",
        "Wiesbaden, den 2.8.25\n\nHeike Hofmann\nStaatsministerin\n\n"
        "Heppenheim, den 8.8.25\n\nAngelika Beckenbach\nErste Kreisbeigeordnete\n",
        "Ort, Datum: Wiesbaden, 2.8.2025\n\nHeike Hofmann\nStaatsministerin\n\n"
        "Ort, Datum: Heppenheim, 8.8.2025\n\nAngelika Beckenbach\nErste Kreisbeigeordnete\n",
        "Wiesbaden, den 2. August 2025\ngez. Heike Hofmann\nStaatsministerin\n\n"
        "Heppenheim, den 8. Aug. 2025\ngez. Angelika Beckenbach\nErste Kreisbeigeordnete\n",
    ],
)
def test_signature_layouts(block) -> None:
    record = ok(with_signatures(build_agreement(), block))
    assert signatures_of(record) == EXPECTED_SIGNATURES


def test_signature_dates_left_blank_give_no_date() -> None:
    block = (
        "Wiesbaden, den ____________\n\nHeike Hofmann\nStaatsministerin\n\n"
        "Heppenheim, den\n\nAngelika Beckenbach\nErste Kreisbeigeordnete\n"
    )
    record = ok(with_signatures(build_agreement(), block))
    assert [(s.place, s.date, s.name) for s in record.signatures] == [
        ("Wiesbaden", None, "Heike Hofmann"),
        ("Heppenheim", None, "Angelika Beckenbach"),
    ]


def test_only_one_signature_block_is_quarantined() -> None:
    block = "Wiesbaden, den 2.8.2025\n\nHeike Hofmann\nStaatsministerin\n"
    assert quarantined(with_signatures(build_agreement(), block)).startswith("Truncated")


# --- PDFs ----------------------------------------------------------------------------------


def _side_by_side_pdf(body: list[str]) -> bytes:
    """Body lines as paragraphs, then the two signature blocks as cells on shared baselines."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in body:
        if not line.strip():
            pdf.ln(4)
            continue
        text = line.replace("€", "EUR").replace("–", "-").replace("„", '"').replace("“", '"')
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    rows = [
        ("Wiesbaden, den 2.8.2025", "Heppenheim, den 8.8.2025"),
        ("", ""),
        ("Heike Hofmann", "Angelika Beckenbach"),
        ("Staatsministerin", "Erste Kreisbeigeordnete"),
    ]
    for left, right in rows:
        pdf.cell(90, 6, left)
        pdf.cell(90, 6, right, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_with_side_by_side_signatures() -> None:
    """Bug: pdfium joins two cells on one baseline with a single space; the gap is now a tab."""
    lines = build_agreement_lines()
    body = lines[: lines.index("Wiesbaden, den 2.8.2025")]
    record = ok(_side_by_side_pdf(body), "zv.pdf")
    assert signatures_of(record) == EXPECTED_SIGNATURES
    assert projects_of(record) == DEFAULT_PROJECTS


@pytest.mark.parametrize("padding", [0, 9, 17, 26, 34])
def test_pdf_page_breaks_inside_paragraph_4_and_5(padding) -> None:
    """Filler lines move the page break through § 4 and the § 5 list on 2 to 4 pages."""
    lines = build_agreement_lines()
    anchor = lines.index("§ 4")
    filler = [
        f"Ergänzende Erläuterung Nummer {n} zur regionalen Strategie." for n in range(padding)
    ]
    filler += ["Weitere Ausführungen zur Strategie des Landkreises. " * 12, ""] * (padding // 9)
    data = render_pdf(
        lines[:anchor] + filler + lines[anchor:], "Zielvereinbarung 2025 - Landkreis Bergstrasse"
    )
    record = ok(data, "zv.pdf")
    assert (record.district_ags, record.budget_total_eur) == ("06431", Decimal("1230450.00"))
    assert projects_of(record) == DEFAULT_PROJECTS
    assert signatures_of(record) == EXPECTED_SIGNATURES


def test_pdf_with_whitespace_only_text_layer_is_quarantined() -> None:
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 10, "    ")
    assert "no text layer" in quarantined(bytes(pdf.output()), "scan.pdf")


def test_truncated_pdf_is_quarantined() -> None:
    data = render_pdf(build_agreement_lines())
    assert "PDF" in quarantined(data[: len(data) // 2], "cut.pdf")
    assert "Corrupt PDF" in quarantined(data[: len(data) // 2] + b"\n%%EOF\n", "cut.pdf")


# --- encodings and characters --------------------------------------------------------------


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("cp1252"), id="cp1252-crlf"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode(), id="utf8-bom"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr-only"),
        pytest.param(
            lambda t: "".join(
                line + ("\r\n", "\n", "\r")[n % 3] for n, line in enumerate(t.split("\n"))
            ).encode(),
            id="mixed-endings",
        ),
        pytest.param(lambda t: t.encode("utf-16"), id="utf16"),
        # bug: no-break spaces stayed inside names ("Heike\xa0Hofmann")
        pytest.param(lambda t: t.replace(" ", "\u00a0").encode(), id="nbsp-everywhere"),
        # bug: soft hyphens and ligatures hid "Qualifizierungsbudget" (quarantined as not AQB)
        pytest.param(
            lambda t: (
                t.replace("Qualifizierungsbudget", "Qualifizierungs\u00adbudget")
                .replace("Pflegehelfer", "Pflege\u00adhelfer")
                .encode()
            ),
            id="soft-hyphens",
        ),
        pytest.param(
            lambda t: t.replace("fi", "\ufb01").replace("ff", "\ufb00").encode(), id="ligatures"
        ),
        pytest.param(
            lambda t: "\n".join(
                textwrap.fill(line, 78, subsequent_indent="   ") if len(line) > 78 else line
                for line in t.split("\n")
            ).encode(),
            id="hard-wrapped-78",
        ),
    ],
)
def test_encodings_and_odd_characters(transform) -> None:
    record = ok(transform(build_agreement()))
    assert (record.district_ags, record.year, record.budget_total_eur) == (
        "06431",
        2025,
        Decimal("1230450.00"),
    )
    assert projects_of(record) == DEFAULT_PROJECTS
    assert signatures_of(record) == EXPECTED_SIGNATURES


# --- measure lists -------------------------------------------------------------------------


def test_wrapped_project_line_in_a_text_file_is_rejoined() -> None:
    """Bug: the indented remainder of a wrapped bullet was dropped (a cut-off project name)."""
    text = build_agreement().replace(
        " - Praxisklasse Plus",
        " - Praxisklasse Plus für junge Mütter und Väter mit\n   Kindern unter drei Jahren",
    )
    record = ok(text)
    assert projects_of(record)[1] == [
        "Werkstatt Berufsstart",
        "Praxisklasse Plus für junge Mütter und Väter mit Kindern unter drei Jahren",
    ]


def test_projects_listed_without_bullets() -> None:
    """Bug: unbulleted project lines were silently dropped (every measure came out empty)."""
    record = ok(build_agreement(bullet=""))
    assert projects_of(record) == DEFAULT_PROJECTS


def test_second_measure_list_in_section_5_is_quarantined() -> None:
    extra = [
        "Zusätzlich werden folgende Projekte gefördert:",
        "1. Ausbildungsvorbereitung",
        " - Schutzschirm für Ausbildungssuchende",
    ]
    assert quarantined(build_agreement(section5_extra=extra)).startswith("Ambiguous measure list")


# --- bad files -----------------------------------------------------------------------------


def test_press_release_with_agreement_headline() -> None:
    text = build_agreement()
    body = text[text.index("zwischen") :]
    press = (
        "Zielvereinbarung unterzeichnet: 1,23 Millionen Euro für Ausbildung\n\nWiesbaden, 8.8.2025. "
        + body
    )
    assert quarantined(press).startswith("Not an agreement")


@pytest.mark.parametrize(
    "mutate, reason_start",
    [
        (lambda t: "ENTWURF\n\n" + t, "Draft"),
        (
            lambda t: t.replace(
                "Zielvereinbarung\n\n2025", "Zielvereinbarung\n\n2025\n\n- Entwurf -", 1
            ),
            "Draft",
        ),
        (lambda t: t.replace("Zielvereinbarung\n", "Entwurf einer Zielvereinbarung\n", 1), "Draft"),
        (lambda t: t + "\nEntwurf Stand: 12.05.2025\n", "Draft"),
        (lambda t: t + "\n" + t.replace("Bergstraße", "Fulda"), "Several agreements"),
        (lambda t: t[: t.index(" - Jobdatings")], "Truncated"),
        (lambda t: t[: t.index("1.230.450")], "Missing measure section"),
        (
            lambda t: t.replace(
                "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets",
                "über die Ziele der Grundsicherung für Arbeitsuchende nach § 48b SGB II",
            ),
            "Not an AQB agreement",
        ),
    ],
)
def test_defective_agreements(mutate, reason_start) -> None:
    """Decision: drafts are quarantined, since their figures may still change before signing."""
    assert quarantined(mutate(build_agreement())).startswith(reason_start)


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, make, expected",
    [
        (
            "zv.html",
            lambda t: f"<!DOCTYPE html><html><body><pre>{t}</pre></body></html>".encode(),
            "HTML",
        ),
        ("zv.txt", lambda t: f"<html><body><pre>{t}</pre></body></html>".encode(), "HTML"),
        ("zv.docx", lambda t: _docx_bytes(), "Word document"),
        ("zv.pdf", lambda t: _docx_bytes(), "Word document"),
        ("scan.png", lambda t: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image"),
        ("noise.bin", lambda t: random.Random(7).randbytes(4000), "Unsupported file type"),
        ("noise.txt", lambda t: random.Random(7).randbytes(4000), "binary data"),
        ("empty.txt", lambda t: b"", "Empty file"),
        ("blank.txt", lambda t: b" \r\n\t\n", "Empty file"),
    ],
)
def test_bad_files_are_quarantined_with_a_reason(name, make, expected) -> None:
    assert expected in quarantined(make(build_agreement()), name)
