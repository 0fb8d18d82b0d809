"""The words of each document type, built as a ``layout.Document`` from a plan.

Agreements follow the published layout of the reference agreement line by line (title, year,
"zwischen", the parties in the dative, purpose line, Präambel, § 1-§ 7, signatures); decision
letters follow docs/formats.md §2 exactly. Prose paragraphs contain no amounts, dates or district
names other than the document's own, so every figure a parser reads stands where the format
says it stands.
"""

from __future__ import annotations

from datetime import date

from pipelines.corpus.districts import CorpusDistrict, NameForm
from pipelines.corpus.formatting import format_amount, format_date
from pipelines.corpus.layout import Document, Line, Paragraph, para
from pipelines.corpus.plan import TITLE_BY_TYPE, AgreementPlan, DecisionPlan
from pipelines.reference import Ministry

SAMPLE_NOTE_AGREEMENT = (
    "BEISPIELDATEN – synthetisches Dokument, keine echte Zielvereinbarung (AQB Monitor)"
)
SAMPLE_NOTE_DECISION = "BEISPIELDATEN – synthetisches Dokument, keine echten Bescheide"


def ministry_phrase(ministry: Ministry, case: str) -> str:
    """'nom' das Hessische …, 'dat' dem Hessischen …, 'gen' des Hessischen …ministeriums …"""
    words = ministry.name.split(
        " "
    )  # "Hessisches Ministerium für …" / "Hessisches Sozialministerium"
    adjective = {"nom": "Hessische", "dat": "Hessischen", "gen": "Hessischen"}[case]
    noun = words[1] + ("s" if case == "gen" else "")
    article = {"nom": "das", "dat": "dem", "gen": "des"}[case]
    return " ".join([article, adjective, noun, *words[2:]])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence_forms(form: NameForm) -> dict[str, str]:
    return {case: form.with_article(case) for case in ("nom", "dat", "gen", "acc")}


# ------------------------------------------------------------------------------ agreement


def agreement_document(plan: AgreementPlan, pdf: bool) -> Document:
    """The agreement in the published layout; ``pdf`` only limits characters to latin-1."""
    style = plan.style
    form = plan.district.name_forms[style.name_form_index]
    names = _sentence_forms(form)
    body_year = plan.body_year or plan.year
    short = plan.ministry_short
    purpose = "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets"
    if plan.labour_market_budget_eur is not None:
        purpose += " und des Arbeitsmarktbudgets"
    paragraphs: list[Paragraph] = [
        para("Zielvereinbarung", style="title"),
        para(str(plan.year), style="title"),
        para("zwischen", style="center"),
        para(ministry_phrase(plan.ministry, "dat"), style="center"),
        para(f"und {names['dat']}", style="center"),
        para(purpose, style="center"),
        para("Präambel", style="heading"),
        para(SAMPLE_NOTE_AGREEMENT),
        para(_preamble(plan, names, body_year)),
        *_paragraph_1(plan, body_year),
        *_paragraph_2_3(plan, names, body_year),
        *_paragraph_4(plan, names, body_year, pdf),
        *_paragraph_5(plan, names, body_year, pdf),
        para("§ 6", style="heading"),
        para("Zielsteuerung", style="heading"),
        para(
            f"{_capital(names['nom'])} und das {short} bleiben über die Entwicklung des Budgets {body_year} im engen Austausch. Dazu wird unter anderem eine Umsetzungsbesprechung im Herbst angesetzt."
        ),
        para(
            "Unterjährige Abweichungen von den in § 4 genannten Haushaltsmitteln und Eckdaten werden bei der Beurteilung der Zielerreichung berücksichtigt."
        ),
        para("§ 7", style="heading"),
        para("Kontinuierlicher Verbesserungsprozess", style="heading"),
        para(
            f"{_capital(names['nom'])} beteiligt sich an Umfragen und Tagungen des {short} mit dem Ziel, Erfahrungen auszutauschen, gute Praxis zu identifizieren und neue Impulse für die regionale Arbeitsmarkt- und Ausbildungspolitik zu setzen."
        ),
        para(
            f"Die Zielvereinbarungen werden auf dem Internetportal des {short} „Arbeitswelt Hessen“ veröffentlicht."
        ),
    ]
    for signature in plan.signatures:
        paragraphs.append(
            para(
                f"{signature.place}, den {format_date(signature.day, style.date_style)}",
                style="plain",
            )
        )
        paragraphs.append(
            para(
                signature.name,
                signature.role,
                *signature.organisation_lines,
                style="plain",
                blank_lines_before=3,
            )
        )
    return Document(
        paragraphs=tuple(paragraphs),
        header=f"Zielvereinbarung AQB {plan.year} – {plan.district.official_name}",
        title=f"Zielvereinbarung {plan.year} - {plan.district.official_name} (BEISPIELDATEN)",
        leading_blank_lines=2 if style.leading_blank_lines else 0,
    )


def _preamble(plan: AgreementPlan, names: dict[str, str], year: int) -> str:
    short = plan.ministry_short
    ministry = ministry_phrase(plan.ministry, "nom")
    return (
        "Erfolgreiche Arbeitsmarktpolitik bindet die regionalen Akteure des Arbeitsmarktes in eine "
        "gemeinsame, auf die Zukunftsanforderungen fokussierte Strategie ein. Dafür will "
        f"{ministry} ({short}) regionale Handlungs- und Entscheidungsspielräume eröffnen und "
        "vereinbart dazu Ziele mit den Kreisen und kreisfreien Städten. Bei allen Maßnahmen und "
        "Angeboten, die über das Ausbildungs- und Qualifizierungsbudget umgesetzt werden, "
        f"orientiert sich das {short} an den landespolitischen Zielsetzungen der "
        "Arbeitsmarktpolitik, dem Fachkonzept „Arbeitswelt Hessen“ sowie an der regionalen "
        f"Arbeitsmarkt- und Ausbildungsstrategie {names['gen']}. Die Maßnahmen sind grundsätzlich "
        "genderadäquat, ohne Altersbegrenzungen und inklusiv angelegt."
    )


def _paragraph_1(plan: AgreementPlan, year: int) -> list[Paragraph]:
    short = plan.ministry_short
    paragraphs = [
        para("§ 1", style="heading"),
        para("Ausbildungs- und Qualifizierungsbudget", style="heading"),
        para("Ziele des Landes", style="heading"),
        para(
            f"Das {short} verfolgt mit dem Ausbildungs- und Qualifizierungsbudget {year} das Ziel, die "
            "Ausbildungsfähigkeit von benachteiligten Menschen zu steigern, ihre "
            "Beschäftigungsfähigkeit zu sichern, ihnen Ausbildungsabschlüsse zu ermöglichen und sie "
            "durch längerfristige, flexible und arbeitsmarktnahe Qualifizierung zu einer "
            "eigenständigen Existenzsicherung zu befähigen. Der flexible und ganzheitliche "
            "Handlungsansatz des Budgets bietet den Kreisen und kreisfreien Städten die Möglichkeit, "
            "bedarfsorientierte berufliche und qualifikatorische Angebote für unterschiedliche "
            "Zielgruppen auf Basis der regional entwickelten Arbeitsmarkt- und Ausbildungsstrategie "
            "umzusetzen."
        ),
        para(
            f"Bei der Erreichung dieses Ziels setzt das {short} auf einen rechtskreisübergreifenden "
            "Förderansatz. Nur wenn die einzelnen Rechtskreise SGB II, III, VIII, XII und AsylbLG "
            "sinnvoll zusammenwirken und weitere regionale Akteure aus Arbeitsmarkt und Wirtschaft "
            "einbezogen sind, können Unterstützungsstrukturen geschaffen werden, die ein "
            "selbstbestimmtes Leben auch in herausfordernden Lebenslagen ermöglichen."
        ),
    ]
    if year <= 2019:
        paragraphs.append(
            para(
                "Das Budget wird aus Landes- und ESF-Mitteln finanziert; für die ESF-Mittel gelten "
                "ergänzend die Bestimmungen des Operationellen Programms des Landes Hessen."
            )
        )
    if year in (2020, 2021):
        paragraphs.append(
            para(
                "Zur Abmilderung der Folgen der Corona-Pandemie werden innerhalb des Budgets die "
                "Programme „Schutzschirm für Ausbildungssuchende“ und „Brückenqualifizierung für Frauen“ "
                "umgesetzt; sie werden vom Regierungspräsidium Kassel, Dezernat 57, verwaltet."
            )
        )
    if year >= 2023:
        paragraphs.append(
            para(
                "Dem Land Hessen ist es wichtig, Menschen mit familiensorgenden Tätigkeiten einen "
                "vollqualifizierenden Berufsabschluss zu ermöglichen. Daher werden spezifisch Mittel für "
                "Maßnahmen zur Ermöglichung von Teilzeitausbildungen bereitgestellt."
            )
        )
    paragraphs.append(
        para(
            "Schwerpunkte im Ausbildungs- und Qualifizierungsbudget sind Maßnahmen zur Ausbildungs- und "
            "Qualifizierungsvorbereitung, zu Ausbildung und Ausbildungscoaching in anerkannten "
            "Ausbildungsberufen, Qualifizierungsprojekte zur Arbeitsmarktintegration und "
            "Fachkräftesicherung sowie Weiterbildungen für Fachpersonal der Gebietskörperschaften."
        )
    )
    return paragraphs


def _paragraph_2_3(plan: AgreementPlan, names: dict[str, str], year: int) -> list[Paragraph]:
    ministry_nom = _capital(ministry_phrase(plan.ministry, "nom"))
    ministry_gen = ministry_phrase(plan.ministry, "gen")
    return [
        para("§ 2", style="heading"),
        para("Verpflichtungen der Vereinbarungspartner", style="heading"),
        para(
            f"{ministry_nom} und {names['nom']} setzen die ihnen zur Verfügung stehenden Kompetenzen "
            "dafür ein, dass die in § 5 vereinbarten Ziele erreicht werden. Die Entscheidung über den "
            "Mitteleinsatz erfolgt im Kontext der regionalen Ausbildungs- und "
            "Arbeitsmarktstrategie, die mit den regionalen Akteuren der Rechtskreise, der Wirtschaft "
            "und den regionalen OloV-Steuerungsgruppen abgestimmt ist."
        ),
        para(
            f"Im Jahr {year} werden im Rahmen des AQB erneut Landesmittel für spezifische Angebote "
            "zur Integration von Menschen mit Migrationshintergrund zur Verfügung gestellt."
        ),
        para("§ 3", style="heading"),
        para("Umsetzung der UN-Behindertenrechtskonvention", style="heading"),
        para(
            f"Die Integration in das Erwerbsleben stellt aus der Sicht {ministry_gen} eine der "
            "vordringlichsten Maßnahmen zur Förderung der Teilhabe von Menschen mit Behinderungen "
            "dar. Auch angesichts der demografischen Entwicklung kommt der nachhaltigen Förderung "
            "von Maßnahmen zur Integration von Menschen mit Behinderungen in den Arbeitsprozess eine "
            "große Bedeutung zu."
        ),
    ]


def _paragraph_4(
    plan: AgreementPlan, names: dict[str, str], year: int, pdf: bool
) -> list[Paragraph]:
    style = plan.style
    short = plan.ministry_short
    amount = format_amount(plan.budget_total_eur, style.amount_style, pdf)
    paragraphs = [
        para("§ 4", style="heading"),
        para("Haushaltsmittel und Eckdaten", style="heading"),
    ]
    lead = f"Das {short} stellt {names['dat']} im Jahr {year} Haushaltsmittel in Höhe von insgesamt"
    tail = f"aus dem Ausbildungs- und Qualifizierungsbudget {year} zur Verfügung."
    if style.amount_on_own_line:
        paragraphs += [para(lead), para(amount, style="plain"), para(tail)]
    else:
        paragraphs.append(para(f"{lead} {amount} {tail}"))
    if plan.labour_market_budget_eur is not None:
        other = format_amount(plan.labour_market_budget_eur, style.amount_style, pdf)
        paragraphs.append(
            para(
                f"Aus dem Arbeitsmarktbudget {year} stellt das {short} {names['dat']} zusätzlich "
                f"Haushaltsmittel in Höhe von {other} zur Verfügung."
            )
        )
    for label, earmark in plan.earmarks:
        paragraphs.append(
            para(
                f"Davon sind {format_amount(earmark, style.amount_style, pdf)} für {label} vorgesehen."
            )
        )
    return paragraphs


def _paragraph_5(
    plan: AgreementPlan, names: dict[str, str], year: int, pdf: bool
) -> list[Paragraph]:
    style = plan.style
    budget_name = f"Ausbildungs- und Qualifizierungsbudgets {year}"
    if style.bold_markers:
        budget_name = f"**{budget_name}**"
    paragraphs = [
        para("§ 5", style="heading"),
        para(f"Ziele für die Umsetzung {names['gen']}", style="heading"),
        para(
            f"{_capital(names['nom'])} finanziert mit den Mitteln des {budget_name} in den jeweiligen Maßnahmenarten folgende Projekte:"
        ),
    ]
    indent = " " if style.bullet in "-–" else "  "
    for index, measure in enumerate(plan.measures):
        heading = f"{measure.measure_type}. {measure.name}"
        amount_text = None
        if measure.amount_eur is not None:
            amount_text = f"Mittelansatz: {format_amount(measure.amount_eur, 'symbol_cents', pdf)}"
            if style.measure_amount_inline:
                heading, amount_text = f"{heading} ({amount_text})", None
        paragraphs.append(
            Paragraph((Line(heading, "item"),), blank_lines_before=1 if index == 0 else 0)
        )
        if amount_text:
            paragraphs.append(
                Paragraph((Line(f"   {amount_text}", "bullet"),), blank_lines_before=0)
            )
        if measure.projects:
            bullets = tuple(
                Line(f"{indent}{style.bullet} {name}", "bullet") for name in measure.projects
            )
            paragraphs.append(Paragraph(bullets, blank_lines_before=0))
        elif style.empty_measure_keine:
            paragraphs.append(Paragraph((Line("   keine", "bullet"),), blank_lines_before=0))
    paragraphs.append(
        para(
            "Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis und nach Maßgabe des – nach "
            f"Antragstellung durch {names['acc']} vom Regierungspräsidium Kassel erlassenen – Bescheides."
        )
    )
    return paragraphs


# ------------------------------------------------------------------------------ decisions


def decision_document(plan: DecisionPlan, referred_date: date | None, pdf: bool) -> Document:
    """A decision letter in the layout of docs/formats.md §2."""
    form = plan.district.name_forms[plan.name_form_index]
    title = TITLE_BY_TYPE[plan.decision_type]
    final = plan.decision_type == "final"

    def euro(amount) -> str:  # noqa: ANN001 - Decimal
        return format_amount(amount, "symbol_cents", pdf)

    paragraphs: list[Paragraph] = [
        para(
            "Regierungspräsidium Kassel",
            "Dezernat 57 – Arbeitsmarktförderung",
            SAMPLE_NOTE_DECISION,
            style="plain",
        ),
        para(f"An {form.with_article('acc')}", style="plain"),
        para(
            f"Kassel, {plan.decision_date.strftime('%d.%m.%Y')}",
            f"Aktenzeichen: {plan.decision_id}",
            style="plain",
        ),
        Paragraph(
            (
                Line(title, "heading"),
                Line(
                    f"über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget {plan.year}",
                    "plain",
                ),
            )
        ),
    ]
    if plan.refers_to and referred_date is not None:
        paragraphs.append(
            para(
                f"Bezug: Bescheid vom {referred_date.strftime('%d.%m.%Y')}, Aktenzeichen {plan.refers_to}",
                style="plain",
            )
        )
    paragraphs.append(para(_decision_prose(plan.decision_type)))
    header = "Nr.; Maßnahmenart; Projekt; Träger; Betrag" + (
        "; Verwendet; Rückforderung" if final else ""
    )
    rows = [Line("Bewilligte Projekte:", "plain"), Line(header, "row")]
    for number, line in enumerate(plan.lines, start=1):
        row = f"{number}; {line.measure_type}; {line.project}; {line.provider}; {euro(line.amount_eur)}"
        if final:
            row += f"; {euro(line.used_eur)}; {euro(line.reclaimed_eur)}"
        rows.append(Line(row, "row"))
    paragraphs.append(Paragraph(tuple(rows)))
    totals = [f"Gesamtbetrag der Zuwendung: {euro(plan.total_eur)}"]
    if final:
        totals += [
            f"Verwendete Mittel insgesamt: {euro(plan.used_total_eur)}",
            f"Rückforderung: {euro(plan.reclaimed_total_eur)}",
        ]
    paragraphs.append(para(*totals, style="plain"))
    paragraphs.append(
        para(
            "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe "
            "Klage beim Verwaltungsgericht Kassel erhoben werden. Die Allgemeinen Nebenbestimmungen für "
            "Zuwendungen zur Projektförderung sind Bestandteil dieses Bescheides; Änderungen des "
            "Finanzierungsplans sind unverzüglich mitzuteilen."
        )
    )
    paragraphs.append(para("Im Auftrag", "Sachbearbeitung Dezernat 57", style="plain"))
    return Document(
        paragraphs=tuple(paragraphs),
        header=f"RP Kassel | Dezernat 57 | AQB {plan.year}",
        title=f"{title} {plan.decision_id} (BEISPIELDATEN)",
    )


def _decision_prose(decision_type: str) -> str:
    if decision_type == "first":
        return (
            "Sehr geehrte Damen und Herren, auf Ihren Antrag bewillige ich Ihnen eine Zuwendung als "
            "Zuschuss im Wege der Projektförderung für die nachstehend aufgeführten Projekte und "
            "Maßnahmenarten des Ausbildungs- und Qualifizierungsbudgets."
        )
    if decision_type == "amendment":
        return (
            "Sehr geehrte Damen und Herren, auf Ihren Änderungsantrag ändere ich den oben genannten "
            "Bescheid wie folgt; die nachstehende Aufstellung ersetzt die bisherige Aufstellung der "
            "bewilligten Projekte vollständig."
        )
    return (
        "Sehr geehrte Damen und Herren, nach Prüfung des Verwendungsnachweises setze ich die "
        "Zuwendung endgültig fest. Nicht verwendete Mittel sind innerhalb eines Monats nach "
        "Bekanntgabe dieses Bescheides zu erstatten."
    )


# ------------------------------------------------------------------------------ not agreements


def press_release_document(year: int, district: CorpusDistrict, amount_text: str) -> Document:
    """A ministry press release about the AQB: mentions agreements and money, is not one."""
    return Document(
        paragraphs=(
            para("Pressemitteilung", style="title"),
            para("Hessisches Ministerium für Soziales und Integration", style="center"),
            para(
                SAMPLE_NOTE_AGREEMENT.replace(
                    "keine echte Zielvereinbarung", "keine echte Pressemitteilung"
                )
            ),
            para(f"Millionen für Ausbildung und Qualifizierung im Jahr {year}", style="heading"),
            para(
                f"Das Land Hessen unterstützt die Kreise und kreisfreien Städte auch im Jahr {year} mit "
                "dem Ausbildungs- und Qualifizierungsbudget. Grundlage sind Zielvereinbarungen, die das "
                f"Ministerium mit allen 26 Gebietskörperschaften abschließt. {_capital(district.official_form.with_article('nom'))} "
                f"erhält in diesem Jahr {amount_text}."
            ),
            para("Pressestelle, Telefon 0611 0000-000", style="plain"),
        ),
        header="Pressemitteilung",
        title=f"Pressemitteilung AQB {year} (BEISPIELDATEN)",
    )


def jobcenter_document(
    year: int, district: CorpusDistrict, ministry: Ministry, day: date
) -> Document:
    """A § 48b SGB II target agreement with a Jobcenter: same look, different programme."""
    return Document(
        paragraphs=(
            para("Zielvereinbarung", style="title"),
            para(str(year), style="title"),
            para("zwischen", style="center"),
            para(ministry_phrase(ministry, "dat"), style="center"),
            para(f"und dem Jobcenter {district.official_name}", style="center"),
            para(
                "nach § 48b SGB II über die Ziele der Grundsicherung für Arbeitsuchende",
                style="center",
            ),
            para("Präambel", style="heading"),
            para(SAMPLE_NOTE_AGREEMENT),
            para(
                "Die Vereinbarungspartner verständigen sich auf die Ziele Verringerung der "
                "Hilfebedürftigkeit, Verbesserung der Integration in Erwerbstätigkeit und Vermeidung "
                "von langfristigem Leistungsbezug."
            ),
            para("§ 1", style="heading"),
            para("Eingliederungsbudget", style="heading"),
            para(
                f"Für Eingliederungsleistungen stehen dem Jobcenter im Jahr {year} insgesamt 5.400.000 Euro zur Verfügung."
            ),
            para(f"Wiesbaden, den {format_date(day, 'padded')}", style="plain"),
            para(ministry.minister, ministry.minister_role, style="plain", blank_lines_before=3),
        ),
        header=f"Zielvereinbarung SGB II {year}",
        title=f"Zielvereinbarung nach § 48b SGB II {year} (BEISPIELDATEN)",
    )
