"""Builders for agreement variants (text and PDF) used by the parse tests.

The builder writes the published layout (docs/formats.md §1) with every knob the tests vary:
year, parties, amount wording, measure wordings, bullets, amounts, earmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fpdf import FPDF

CURRENT_MEASURES = {
    1: "Ausbildungsvorbereitung",
    2: "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
    3: "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
    4: (
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der "
        "fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    ),
}
OLD_MEASURES = {
    1: "Ausbildungs- und Qualifizierungsvorbereitung (einschließlich gesundheitsfördernder Maßnahmen)",
    2: "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
    3: "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung",
    4: (
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der "
        "fachlichen Verantwortung für die Zielgruppen im Kontext der Arbeitsmarktförderung"
    ),
}
DEFAULT_PROJECTS = {
    1: ["Werkstatt Berufsstart", "Praxisklasse Plus"],
    2: [],
    3: ["Sprachkursbegleitende Unterstützung", "Jobdatings", "Pflegehelfer Qualifizierung"],
    4: ["BASS Studium"],
}


@dataclass
class AgreementSpec:
    """Everything a test may vary in a synthetic agreement."""

    year: int = 2025
    title: str | None = None  # default "Zielvereinbarung" + year on its own line
    ministry_party: str = "dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales"
    district_party: str = "und dem Landkreis Bergstraße"
    district_short: str = "Landkreis Bergstraße"
    purpose: str = "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets"
    short_ministry: str = "HMSI"
    amount_paragraph: list[str] | None = None
    amount_text: str = "1.230.450 Euro"
    budget_year_in_text: int | None = None  # default: year
    measure_names: dict[int, str] = field(default_factory=lambda: dict(CURRENT_MEASURES))
    projects: dict[int, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_PROJECTS.items()}
    )
    omit_measures: tuple[int, ...] = ()
    measure_amount_lines: dict[int, str] = field(default_factory=dict)  # line after heading
    heading_suffix: dict[int, str] = field(default_factory=dict)  # appended to the heading
    bullet: str = " - "
    none_marker: str | None = None  # e.g. " - keine" for empty measures
    earmark_sentences: list[str] = field(default_factory=list)
    section5_extra: list[str] = field(default_factory=list)  # lines after the measure list
    body_note: str = ""  # a sentence in § 2 (to plant misleading place names)
    signatures: list[tuple[str, str, str, str, str]] | None = None
    # (place, date, name, role, body) per signature


def agreement_lines(spec: AgreementSpec) -> list[str]:
    """The agreement as lines (paragraphs on one line each, blank lines between blocks)."""
    budget_year = spec.budget_year_in_text or spec.year
    title = [spec.title] if spec.title else ["Zielvereinbarung", "", str(spec.year)]
    lines = [
        *title,
        "",
        "zwischen",
        "",
        spec.ministry_party,
        "",
        spec.district_party,
        "",
        spec.purpose,
        "",
    ]
    lines += [
        "Präambel",
        "",
        f"Erfolgreiche Arbeitsmarktpolitik bindet die regionalen Akteure ein. Das {spec.short_ministry} vereinbart dazu Ziele mit den Kreisen und kreisfreien Städten.",
        "",
    ]
    lines += [
        "§ 1",
        "",
        "Ausbildungs- und Qualifizierungsbudget",
        "",
        f"Das {spec.short_ministry} verfolgt mit dem Ausbildungs- und Qualifizierungsbudget {budget_year} das Ziel, die Ausbildungsfähigkeit von benachteiligten Menschen zu steigern.",
        "",
    ]
    lines += [
        "§ 2",
        "",
        "Verpflichtungen der Vereinbarungspartner",
        "",
        f"Die Vereinbarungspartner setzen ihre Kompetenzen ein, damit die in § 5 vereinbarten Ziele erreicht werden. {spec.body_note}".strip(),
        "",
    ]
    lines += [
        "§ 3",
        "",
        "Umsetzung der UN-Behindertenrechtskonvention",
        "",
        "Die Integration in das Erwerbsleben ist eine der vordringlichsten Maßnahmen.",
        "",
    ]
    lines += ["§ 4", "", "Haushaltsmittel und Eckdaten", ""]
    if spec.amount_paragraph is not None:
        lines += [*spec.amount_paragraph, ""]
    else:
        lines += [
            f"Das {spec.short_ministry} stellt dem {spec.district_short} im Jahr {budget_year} Haushaltsmittel in Höhe von insgesamt",
            "",
            spec.amount_text,
            "",
            f"aus dem Ausbildungs- und Qualifizierungsbudget {budget_year} zur Verfügung.",
            "",
        ]
    for sentence in spec.earmark_sentences:
        lines += [sentence, ""]
    lines += ["§ 5", "", f"Ziele für die Umsetzung des {spec.district_short}", ""]
    lines += [
        f"Der {spec.district_short} finanziert mit den Mitteln des Ausbildungs- und Qualifizierungsbudgets {budget_year} in den jeweiligen Maßnahmenarten folgende Projekte:",
        "",
    ]
    for number in (1, 2, 3, 4):
        if number in spec.omit_measures:
            continue
        lines.append(f"{number}. {spec.measure_names[number]}{spec.heading_suffix.get(number, '')}")
        if number in spec.measure_amount_lines:
            lines.append(spec.measure_amount_lines[number])
        items = spec.projects.get(number, [])
        if not items and spec.none_marker:
            lines.append(spec.none_marker)
        for position, item in enumerate(items):
            bullet = f" {chr(ord('a') + position)}) " if spec.bullet == "a)" else spec.bullet
            lines.append(f"{bullet}{item}")
    lines.append("")
    for extra in spec.section5_extra:
        lines += [extra, ""]
    lines += [
        "Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis des vom Regierungspräsidium Kassel erlassenen Bescheides.",
        "",
    ]
    lines += [
        "§ 6",
        "",
        "Zielsteuerung",
        "",
        f"Die Partner bleiben über die Entwicklung des Budgets {budget_year} im engen Austausch.",
        "",
    ]
    lines += [
        "§ 7",
        "",
        "Kontinuierlicher Verbesserungsprozess",
        "",
        "Die Zielvereinbarungen werden veröffentlicht.",
        "",
    ]
    signatures = spec.signatures or [
        (
            "Wiesbaden",
            f"2.8.{spec.year}",
            "Heike Hofmann",
            "Staatsministerin",
            "Hessisches Ministerium|für Arbeit, Integration,|Jugend und Soziales",
        ),
        (
            "Heppenheim",
            f"8.8.{spec.year}",
            "Angelika Beckenbach",
            "Erste Kreisbeigeordnete",
            f"des {spec.district_short}",
        ),
    ]
    for place, day, name, role, body in signatures:
        lines += [f"{place}, den {day}", "", "", name, role, *body.split("|"), ""]
    return lines


def agreement_text(spec: AgreementSpec, newline: str = "\n") -> str:
    return newline.join(agreement_lines(spec)) + newline


LATIN1_SAFE = str.maketrans(
    {"€": "EUR", "–": "-", "—": "-", "„": '"', "“": '"', "”": '"', "•": "*", "’": "'"}
)


class _AgreementPdf(FPDF):
    """A4 pages with a running header and a "Seite N von M" footer, as the ministry's PDFs."""

    def __init__(self, header_text: str) -> None:
        super().__init__(format="A4")
        self.header_text = header_text
        self.alias_nb_pages()
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, self.header_text, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"Seite {self.page_no()} von {{nb}}", align="C")


def render_pdf(
    lines: list[str], header_text: str = "Zielvereinbarung - Beispiel", width: float = 0
) -> bytes:
    """A text-layer PDF of ``lines`` (Helvetica, latin-1 only), blank lines as vertical space."""
    pdf = _AgreementPdf(header_text.translate(LATIN1_SAFE))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        if not line.strip():
            pdf.ln(4)
            continue
        pdf.multi_cell(width, 6, line.translate(LATIN1_SAFE), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render_shapes_pdf(pages: int = 2) -> bytes:
    """A PDF with drawn shapes only: what a scan without OCR looks like to a text extractor."""
    pdf = FPDF(format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 170, 40, style="F")
        pdf.line(20, 80, 190, 80)
        pdf.ellipse(60, 100, 80, 50)
    return bytes(pdf.output())


# The two wordings of the measure types agreements use, "old" and "current".
MEASURE_WORDINGS: dict[str, dict[int, str]] = {"old": OLD_MEASURES, "current": CURRENT_MEASURES}


def build_agreement(newline: str = "\n", **fields) -> str:
    """build_agreement(**spec_fields, newline="\\n") -> agreement text."""
    return agreement_text(AgreementSpec(**fields), newline=newline)


def build_agreement_lines(**fields) -> list[str]:
    """build_agreement_lines(**spec_fields) -> the agreement's lines."""
    return agreement_lines(AgreementSpec(**fields))
