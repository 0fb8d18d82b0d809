"""OCR of scanned PDFs (issue 16): TSV to lines, noise repairs, cross-checks, real Tesseract.

The real-Tesseract tests share the session's OCR cache (tests/conftest.py), so each scan is read
once per test run.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from pipelines.extract import PDF, TEXT, extract_document
from pipelines.extract.ocr import OcrWord, confirmed_segments_of, page_from_tsv
from pipelines.parse.agreement import parse_agreement
from pipelines.parse.dispatch import parse_document
from pipelines.parse.ocr_noise import repair_line
from pipelines.parse.records import QuarantineError
from pipelines.parse.scan_checks import check_agreement
from pipelines.reasons import Reason
from tests.support import scans
from tests.support.agreement_texts import (
    CURRENT_MEASURES,
    build_agreement,
    build_agreement_lines,
    render_pdf,
    render_shapes_pdf,
)


@pytest.fixture(autouse=True)
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR is off by default (README: its first ingest is too slow for the target); these tests
    exercise it, so they turn it on as an operator would (AQB_OCR=1)."""
    monkeypatch.setenv("AQB_OCR", "1")


def _tsv(words: list[tuple[int, int, str, int, int, int, int, float]]) -> dict[str, list]:
    """``image_to_data`` dict from (block, line, text, left, top, width, height, conf)."""
    keys = ("block_num", "line_num", "text", "left", "top", "width", "height", "conf")
    data: dict[str, list] = {key: [] for key in keys}
    data["par_num"] = []
    for word in words:
        for key, value in zip(keys, word, strict=True):
            data[key].append(value)
        data["par_num"].append(1)
    return data


def test_tsv_words_become_physical_lines_with_confidence_tabs_and_gaps() -> None:
    data = _tsv(
        [
            (1, 1, "Haushaltsmittel", 100, 100, 300, 30, 96.0),
            (1, 1, "insgesamt", 420, 100, 200, 30, 93.0),
            (1, 2, "1.230.450", 100, 140, 200, 30, 71.0),  # digits: their confidence counts
            (1, 2, "EUR", 320, 140, 80, 30, 99.0),
            (1, 3, "Wiesbaden,", 100, 260, 200, 30, 95.0),  # paragraph gap above
            (1, 3, "Heppenheim,", 900, 260, 220, 30, 94.0),  # column gap: a tab
            (1, 4, "°", 500, 300, 10, 10, 20.0),  # a speck: dropped
            (1, 5, "", 100, 340, 0, 0, -1.0),  # layout rows without text: dropped
        ]
    )
    page = page_from_tsv(data, page_number=2, page_width=1240)
    texts = [line.text for line in page.lines]
    assert texts == ["Haushaltsmittel insgesamt", "1.230.450 EUR", "Wiesbaden,\tHeppenheim,"]
    assert [line.line for line in page.lines] == [1, 2, 3]
    assert {line.page for line in page.lines} == {2}
    assert page.confidences == (93.0, 71.0, 94.0)
    assert [line.gap_before for line in page.lines] == [False, False, True]
    assert page.lines[0].right == 620 and page.lines[0].first_word_width == 300
    assert page.geometry.right_limit == 1140  # symmetric margins: 1240 - 100


def test_a_stamp_or_page_edge_beside_a_line_is_dropped_a_signature_column_kept() -> None:
    data = _tsv(
        [
            (1, 1, "Zielvereinbarung", 100, 100, 400, 30, 96.0),
            (1, 1, "REKEN", 1000, 95, 120, 30, 41.0),  # the stamp's text, read unsure
            (1, 1, "I", 1150, 95, 10, 40, 60.0),
            (1, 2, "Wiesbaden,", 100, 140, 200, 30, 95.0),
            (1, 2, "Heppenheim,", 900, 140, 220, 30, 94.0),
        ]
    )
    page = page_from_tsv(data, page_number=1, page_width=1240)
    assert [line.text for line in page.lines] == ["Zielvereinbarung", "Wiesbaden,\tHeppenheim,"]
    assert page.confidences == (96.0, 94.0)


@pytest.mark.parametrize(
    ("ocr", "repaired"),
    [
        ("84", "§ 4"),
        ("8 5", "§ 5"),
        ("57", "§ 7"),
        ("$4 Haushaltsmittel", "§ 4 Haushaltsmittel"),
        ("« Fit für die Ausbildung", "- Fit für die Ausbildung"),
        (". „und dem Wetteraukreis", "und dem Wetteraukreis"),  # a speck, then a quote
        ("ıl Ausbildungsvorbereitung", "1. Ausbildungsvorbereitung"),  # the number misread
        ("Ausbildungsvorbereitung", "1. Ausbildungsvorbereitung"),  # the number lost
        ("- Ausbildungsvorbereitung", "- Ausbildungsvorbereitung"),  # a project: its bullet
        ("Jugendwerkstatt Fulda", "Jugendwerkstatt Fulda"),
        ("Seite 2 von.3", ""),  # a page's footer, a speck for its blank
        (  # a speck before the total read as a minus
            "Gesamtbetrag der Zuwendung: -682.450,00 EUR",
            "Gesamtbetrag der Zuwendung: 682.450,00 EUR",
        ),
        (  # a speck read as an apostrophe after a row's separator
            "3; 3;'Digitalisierung Migration; Werk e.V.; 149.250,00 EUR",
            "3; 3; Digitalisierung Migration; Werk e.V.; 149.250,00 EUR",
        ),
        ("Wiesbaden, den 28.3.2025 _", "Wiesbaden, den 28.3.2025"),  # a speck after a date
        ("am 28.3.2025, dem Tag", "am 28.3.2025, dem Tag"),
        ("° Frauen in Arbeit", "- Frauen in Arbeit"),
        ("1.23O.45O,OO EUR", "1.230.450,00 EUR"),
        ("insgesamt l.230.450 Euro", "insgesamt 1.230.450 Euro"),
        ("1.230. 450 EUR", "1.230.450 EUR"),
        ("1 .230 .450,00 €", "1.230.450,00 €"),
        ("- keine -", "keine"),
        ("(keine)", "keine"),
        ("— keine.", "keine"),
        ("Projektmanagement |", "Projektmanagement I"),
        ("Ausbildungs¬", "Ausbildungs-"),
        (
            "1: 1; Übergangsmanagement; Träger e.V.; 70.000,00 EUR",
            "1; 1; Übergangsmanagement; Träger e.V.; 70.000,00 EUR",
        ),
        ("4, 2: Akquise; Träger e.V.;76.950,00EUR", "4; 2; Akquise; Träger e.V.; 76.950,00 EUR"),
        (
            "3. 3: Perspektive Beruf; Träger; 57.450,00 EUR: 49.900,00 EUR; 7.550,00 EUR",
            "3; 3; Perspektive Beruf; Träger; 57.450,00 EUR; 49.900,00 EUR; 7.550,00 EUR",
        ),
        (
            "3 3; Perspektive Beruf; Träger e.V.: 57.450,00 EUR; 49.900,00 EUR: 7.550,00 EUR",
            "3; 3; Perspektive Beruf; Träger e.V.; 57.450,00 EUR; 49.900,00 EUR; 7.550,00 EUR",
        ),
        (
            "1; 1; Coaching; Träger; 84.300,00 EUR; 80.150,25 EUR: 4.149 75 EUR",
            "1; 1; Coaching; Träger; 84.300,00 EUR; 80.150,25 EUR; 4.149,75 EUR",
        ),
        ("| BEISPIELDATEN - synthetisches Dokument", "BEISPIELDATEN - synthetisches Dokument"),
        # specks read as dots: before the first word, between amount and currency, at the end
        (
            ". 7,4, Projekt; Bildungswerk gGmbH; 24.350,00 EUR.",
            "7; 4; Projekt; Bildungswerk gGmbH; 24.350,00 EUR",
        ),
        (
            "5; 3; Lagerlogistik; Träger; 120.750,00. EUR",
            "5; 3; Lagerlogistik; Träger; 120.750,00 EUR",
        ),
        (
            "5, 3;.Sprachförderung Marburg; Zentrum gGmbH; 130.850,00 EUR",
            "5; 3; Sprachförderung Marburg; Zentrum gGmbH; 130.850,00 EUR",
        ),
        (
            "3; 3; Homberg (Efze); Bund gGmbH; 171 550,00 EUR",
            "3; 3; Homberg (Efze); Bund gGmbH; 171.550,00 EUR",
        ),
        ("Bewilligte Projekte: .", "Bewilligte Projekte:"),
        (
            "7; 4; Interkulturelle Kompetenz; Träger gGmbH; 28.450,00-EUR",
            "7; 4; Interkulturelle Kompetenz; Träger gGmbH; 28.450,00 EUR",
        ),
        ("Wiesbaden, den 10.05.2025:", "Wiesbaden, den 10.05.2025"),
        (
            "7; 3; Absolventenmanagement |; Träger e.V.; 307.500,00 EUR",
            "7; 3; Absolventenmanagement I; Träger e.V.; 307.500,00 EUR",
        ),
        # marks before a row and after its amount (specks, a stamp's edge, a signature's stroke)
        (
            "£ 9; 4; Jobcoaching für Fachpersonal; Bund gGmbH; 117.300,00 EUR",
            "9; 4; Jobcoaching für Fachpersonal; Bund gGmbH; 117.300,00 EUR",
        ),
        (
            "Fe 3; 1; Übergangsmanagement; Kolping-Bildungswerk gGmbH; 97.000,00 EUR =",
            "3; 1; Übergangsmanagement; Kolping-Bildungswerk gGmbH; 97.000,00 EUR",
        ),
        (
            ": 4; 3; Jobdatings; Kolping-Bildungswerk gGmbH; 148.250,00 EUR Be i",
            "4; 3; Jobdatings; Kolping-Bildungswerk gGmbH; 148.250,00 EUR",
        ),
        (
            "4,2; Ausbildungsbegleitung; Diakonisches Werk; 83.700,00 EUR ;",
            "4; 2; Ausbildungsbegleitung; Diakonisches Werk; 83.700,00 EUR",
        ),
        (
            "1; 1; Coaching; Träger; 84.300,00 EUR; 80.150,25 EUR; 4.149,75 EUR i",
            "1; 1; Coaching; Träger; 84.300,00 EUR; 80.150,25 EUR; 4.149,75 EUR",
        ),
        # a blank inside an amount's first digit group, and inside a file number's district key
        (
            "7; 3; Gesundheitsmaßnahme; Volkshochschule; 1 17.000,00 EUR",
            "7; 3; Gesundheitsmaßnahme; Volkshochschule; 117.000,00 EUR",
        ),
        ("Aktenzeichen: RPKS-57-AQB-2025-0641 1-02", "Aktenzeichen: RPKS-57-AQB-2025-06411-02"),
        ("Aktenzeichen: .RPKS-57-AQB-2025-06531-01", "Aktenzeichen: RPKS-57-AQB-2025-06531-01"),
        ("Aktenzeichen:RPKS-57-AQB-2025-06531-01", "Aktenzeichen:RPKS-57-AQB-2025-06531-01"),
        (
            "Bezug: Bescheid vom 26.05.2025, Aktenzeichen RPKS-57-AQB-2025-06 411-01",
            "Bezug: Bescheid vom 26.05.2025, Aktenzeichen RPKS-57-AQB-2025-06411-01",
        ),
        # left as read: halves that are no one group, a key of six digits, a word before a row
        # start, a mark after a row that is another amount
        ("2; 1; Projekt; Träger; 12 345.000,00 EUR", "2; 1; Projekt; Träger; 12 345.000,00 EUR"),
        ("Aktenzeichen: RPKS-57-AQB-2025-0641 12-02", "Aktenzeichen: RPKS-57-AQB-2025-0641 12-02"),
        ("Nur 3; 4; Projekt; Träger; 9.000,00 EUR", "Nur 3; 4; Projekt; Träger; 9.000,00 EUR"),
        ("1; 1; A; B; 10,00 EUR; 9,00 EUR", "1; 1; A; B; 10,00 EUR; 9,00 EUR"),
        # a letter's labels and a measure heading with specks read as marks in or before them
        (
            "Gesamtbetrag.der Zuwendung: 557.200,00 EUR",
            "Gesamtbetrag der Zuwendung: 557.200,00 EUR",
        ),
        (
            "22 Gesamtbetrag der Zuwendung: 1.051.800,00 EUR",
            "Gesamtbetrag der Zuwendung: 1.051.800,00 EUR",
        ),
        (
            "Gesamtbetrag der Zuwendüng: 1.262.400,00 EUR",
            "Gesamtbetrag der Zuwendung: 1.262.400,00 EUR",
        ),
        # an amount's first thousands dot read as a colon (two groups follow); a blank after
        # the colon, or one group only, left as read
        ("1:334.550 Euro", "1.334.550 Euro"),
        ("Gesamtbudget 2;450.000,00 EUR", "Gesamtbudget 2.450.000,00 EUR"),
        ("§ 4: 334.550 Euro", "§ 4: 334.550 Euro"),
        ("Absatz 1:334 Euro", "Absatz 1:334 Euro"),
        (". Bewilligte Projekte", "Bewilligte Projekte:"),
        ("Bewilligte Projekte: _", "Bewilligte Projekte:"),
        (
            "8; 3; Perspektive Beruf 50plus; Beschäftigungsgesellschaft; 231.900,00 EUR-",
            "8; 3; Perspektive Beruf 50plus; Beschäftigungsgesellschaft; 231.900,00 EUR",
        ),
        (
            "-3. Qualifizierungsprojekte zur Arbeitsmarktintegration",
            "3. Qualifizierungsprojekte zur Arbeitsmarktintegration",
        ),
        ("- „2. Ausbildung und Ausbildungscoaching", "2. Ausbildung und Ausbildungscoaching"),
        # a heading's number misread: written from the wording when it is one type's whole name
        (
            "a: Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
            "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        ),
        (
            "n: Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
            "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
        ),
        ("a: Ausbildungsvorbereitung", "1. Ausbildungsvorbereitung"),
        ("x: Ausbildung", "x: Ausbildung"),  # part of a name names no type
        ("e. Ausbildung im Handwerk", "e. Ausbildung im Handwerk"),
        ("*BASS Studium", "* BASS Studium"),
        ("oBASS Studium", "o BASS Studium"),
        ("oder Ausbildung", "oder Ausbildung"),
        # a page number line read with specks: dropped (never a project)
        ("Seite 2 von 3", ""),
        (". Seite 2 von 3 ,", ""),
        ("Seite 2 von 3 Projekten wurden", "Seite 2 von 3 Projekten wurden"),
        # specks at a bullet, in a signature's date line; typographic double quotes made plain
        ("_o Ausbildung in der Altenpflegehilfe", "o Ausbildung in der Altenpflegehilfe"),
        ("Kassel,.den 25. September 2025", "Kassel, den 25. September 2025"),
        ("Wiesbaden, ‘den 27.06.2025", "Wiesbaden, den 27.06.2025"),  # seed 3636
        ("Lauterbach (Hessen), den 19. August’2025", "Lauterbach (Hessen), den 19. August 2025"),
        ('o Gesundheitsmaßnahme "Fit in den Beruf”', 'o Gesundheitsmaßnahme "Fit in den Beruf"'),
        ("o „Fit in den Beruf“", 'o "Fit in den Beruf"'),
        # left as read: a bullet before a project named with a number, prose naming the label
        ("- 2. Chance Ausbildung", "- 2. Chance Ausbildung"),
        ("Gesamtbetrag der Zuwendung für 2025", "Gesamtbetrag der Zuwendung für 2025"),
        # a title key word one letter off; a longer or further word stays as read
        ("des Qualifizierunigsbudgets", "des Qualifizierungsbudgets"),
        ("des Qualifizierungsbudgeta", "des Qualifizierungsbudgets"),
        ("Qualifizierungsbudgetsplanung", "Qualifizierungsbudgetsplanung"),
        ("Qualifizierunigsbudgetes", "Qualifizierunigsbudgetes"),
        # left alone: a word before a currency, prose numbers, a numbered heading
        ("Im Jahr 2025 stellt das HMSI", "Im Jahr 2025 stellt das HMSI"),
        ("Olaf EUR", "Olaf EUR"),
        ("85 Plätze für Teilnehmende", "85 Plätze für Teilnehmende"),
        ("2. Ausbildung und Ausbildungscoaching", "2. Ausbildung und Ausbildungscoaching"),
        ("2. 3. Quartal 2025: 40.000,00 EUR", "2. 3. Quartal 2025: 40.000,00 EUR"),
        ("3 4. Projekt mit Komma, 12.000,00 EUR", "3 4. Projekt mit Komma, 12.000,00 EUR"),
        # a speck read as a dash before a row's measure digit (a type is 1 to 4)
        (
            "9;-4; Weiterbildung Migrationsberatung; Frauenbildungswerk; 19.550,00 EUR",
            "9; 4; Weiterbildung Migrationsberatung; Frauenbildungswerk; 19.550,00 EUR",
        ),
        # a letter's addressee with its blank lost; specks after the subject line's year
        ("Anden Odenwaldkreis", "An den Odenwaldkreis"),
        ("An’ den Werra-Meißner-Kreis", "An den Werra-Meißner-Kreis"),
        ('- "An die documenta-Stadt Kassel', "An die documenta-Stadt Kassel"),
        ("- An die documenta-Stadt Kassel", "An die documenta-Stadt Kassel"),
        ("Andere Projekte", "Andere Projekte"),
        ("An dieser Stelle", "An dieser Stelle"),
        (
            "über. eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
        ),
        (
            "über.eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025.",
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
        ),
        ("unddem Wetteraukreis", "und dem Wetteraukreis"),
        ("under Stadt Darmstadt", "und der Stadt Darmstadt"),  # seed 2525
        ("undem Wetteraukreis", "und dem Wetteraukreis"),
        ("underline Text", "underline Text"),
        ("Kassel; 06.10.2025", "Kassel, 06.10.2025"),  # a letter's date line (seed 2525)
        ("Kassel: 06.10.2025", "Kassel, 06.10.2025"),
        ("Kassel; 06.10.2025 und mehr", "Kassel; 06.10.2025 und mehr"),
        # a speck read as a mark after the party's article; a mark ending a sentence stays
        ("und dem.Main-Kinzig-Kreis", "und dem Main-Kinzig-Kreis"),
        ("und der. Landeshauptstadt Wiesbaden", "und der Landeshauptstadt Wiesbaden"),
        ("und dem.", "und dem."),
        ("und demnach Kassel", "und demnach Kassel"),
        ("zwischen.", "zwischen"),
        ("Änderungsbescheid.", "Änderungsbescheid"),
        ("Zuwendungsbescheid:", "Zuwendungsbescheid"),
        ("Änderungsbescheid vom 2.8.2025.", "Änderungsbescheid vom 2.8.2025."),
        ("Gießen; den 30. Mai 2025", "Gießen, den 30. Mai 2025"),
        ("Wiesbaden, den 27: März 2025", "Wiesbaden, den 27. März 2025"),  # seed 1357
        ("Wiesbaden, den 27,März 2025", "Wiesbaden, den 27. März 2025"),
        ("Wiesbaden, den 27: Kalenderwoche", "Wiesbaden, den 27: Kalenderwoche"),
        (
            "Gesamtbetrag der Zuwendung: 895.250;00 EUR",
            "Gesamtbetrag der Zuwendung: 895.250,00 EUR",
        ),
        (".1.485.850,00 Euro", "1.485.850,00 Euro"),
        (
            "5; 3; Jobdatings; Caritasverband e.V.; .34.100,00 EUR",
            "5; 3; Jobdatings; Caritasverband e.V.; 34.100,00 EUR",
        ),
        ("5; 3; Jobdatings; Träger; 34.100,00 EUR", "5; 3; Jobdatings; Träger; 34.100,00 EUR"),
        # a speck read as a short word after a heading's budget in brackets
        (
            "Verantwortung für Benachteiligte (Mittelansatz: 40.150,00 EUR) ar",
            "Verantwortung für Benachteiligte (Mittelansatz: 40.150,00 EUR)",
        ),
        (
            "Arbeitsmarktförderung (Mittelansatz: 40.150,00 EUR) ER",
            "Arbeitsmarktförderung (Mittelansatz: 40.150,00 EUR)",
        ),
        ("(Mittelansatz: 40.150,00 EUR) 12", "(Mittelansatz: 40.150,00 EUR) 12"),
        ("(Mittelansatz: 40.150,00 EUR) und weitere", "(Mittelansatz: 40.150,00 EUR) und weitere"),
        # an amount's decimal comma read as a dot: the last group has two digits, the cents
        (
            "Gesamtbetrag der Zuwendung: 1.047.650.00 EUR",
            "Gesamtbetrag der Zuwendung: 1.047.650,00 EUR",
        ),
        (
            "4; 3; Anerkennungsberatung; Berufsbildungszentrum gGmbH: 298.550.00 EUR",
            "4; 3; Anerkennungsberatung; Berufsbildungszentrum gGmbH; 298.550,00 EUR",
        ),
        ("Euro 12.50", "Euro 12.50"),
        # a measure heading's number misread as another digit or two ("4." for "1."), by name
        ("4. Ausbildungsvorbereitung", "1. Ausbildungsvorbereitung"),
        ("14. Ausbildungsvorbereitung", "1. Ausbildungsvorbereitung"),
        ("4: Ausbildungsvorbereitung", "1. Ausbildungsvorbereitung"),
        ("2. Chance Ausbildung", "2. Chance Ausbildung"),  # no type's whole name: as read
        # a bullet glued to its project, a stroke read between two bullets, a page footer
        ("-Produktionsschule Fulda", "- Produktionsschule Fulda"),
        ("-BASS Studium", "- BASS Studium"),  # seed 4040, both models
        ("-5 Jahre", "-5 Jahre"),
        ("-und weitere", "-und weitere"),
        ("* IR * Supervision für Fachkräfte", "* Supervision für Fachkräfte"),
        ("Seite 2’von 3", ""),  # no thousands group: no amount of ours, left as read
        ("Seite 2-von 3", ""),
        ("Seite 2:von 3", ""),
        ("Seite 2 von 3 Zeilen", "Seite 2 von 3 Zeilen"),
        ("am 12.05.2025 EUR", "am 12.05.2025 EUR"),
        # a row's thousands dot read as a semicolon or colon with a blank, or as two marks
        (
            "3; 1; Vorbereitung TZ Ausbildung; Zentrum gGmbH; 100; 600,00 EUR",
            "3; 1; Vorbereitung TZ Ausbildung; Zentrum gGmbH; 100.600,00 EUR",
        ),
        (
            "1; 1; Sprungbrett; Träger e.V.; 63:100,00 EUR",
            "1; 1; Sprungbrett; Träger e.V.; 63.100,00 EUR",
        ),
        (
            "6; 3; Jobdatings; Werk e.V.; 131:.800,00 EUR",
            "6; 3; Jobdatings; Werk e.V.; 131.800,00 EUR",
        ),
        (
            "2; 1; Coaching; Träger; 85.000,00 EUR; 9,00 EUR; 1,00 EUR",
            "2; 1; Coaching; Träger; 85.000,00 EUR; 9,00 EUR; 1,00 EUR",
        ),
        ("1;2 Projekte; 25;00 EUR", "1;2 Projekte; 25;00 EUR"),
        ("- Wiesbaden, den 26.05.2025", "Wiesbaden, den 26.05.2025"),
        ("_ Heppenheim, den 8.8.2025", "Heppenheim, den 8.8.2025"),  # the real one, seed 70
        ("Marburg, deri 19. August 2025", "Marburg, den 19. August 2025"),  # seed 5959
        ("Marburg, deri Jugendlichen", "Marburg, deri Jugendlichen"),
        ("Wetzlar, den 21 .8.2025", "Wetzlar, den 21.8.2025"),
        (
            "- Mittel werden bereitgestellt, den Trägern",
            "- Mittel werden bereitgestellt, den Trägern",
        ),
        ("zwischen den Zeilen.", "zwischen den Zeilen."),
        (
            "Bad Homburg v. d. Höhe, den 28. Juli 2025 .",
            "Bad Homburg v. d. Höhe, den 28. Juli 2025",
        ),
        ("Andie Landeshauptstadt Wiesbaden", "An die Landeshauptstadt Wiesbaden"),
        ("Anderson Consulting GmbH", "Anderson Consulting GmbH"),
        (
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025 7",
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
        ),
        (
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025.",
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
        ),
        # a speck after an amount ending its line (the currency on the next), the amount kept
        (
            "Haushaltsmittel in Höhe von insgesamt 917.200,00.",
            "Haushaltsmittel in Höhe von insgesamt 917.200,00",
        ),
        # a speck before the currency opening its line, the amount on the line above (seed
        # 1212, both models); a speck between the cents and "Euro" (seed 1212)
        (
            "- Euro aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung.",
            "Euro aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung.",
        ),
        ("· EUR aus dem Budget", "EUR aus dem Budget"),
        ("- Europa verbindet", "- Europa verbindet"),  # a bullet before a word, not a currency
        ("- EURES-Beratung", "- EURES-Beratung"),
        (
            "in Höhe von insgesamt SL 486.150,00.Euro nl",
            "in Höhe von insgesamt SL 486.150,00 Euro nl",
        ),
        # a speck between "eine" and "Zuwendung" in a letter's subject (seed 1212, both models)
        (
            "über eine'Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
        ),
        (
            "über eine-Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
            "über eine Zuwendung aus dem Ausbildungs- und Qualifizierungsbudget 2025",
        ),
        ("über eine Zuwendungsempfängerin", "über eine Zuwendungsempfängerin"),
        # a speck read as a degree sign or quote after a signature date with its month (seed 3434)
        ("Wiesbaden, den 3. Juni 2025°", "Wiesbaden, den 3. Juni 2025"),
        ("Wiesbaden, den 3. Juni 2025’", "Wiesbaden, den 3. Juni 2025"),
        # a heading's number behind a speck's digit, or its dot read as a letter
        (
            "7.3, Qualifizierungsprojekte zur Arbeitsmarktintegration urid Fachkräftesicherung",
            "3. Qualifizierungsprojekte zur Arbeitsmarktintegration urid Fachkräftesicherung",
        ),
        ("1E Ausbildungsvorbereitung", "1. Ausbildungsvorbereitung"),
        ("1E Ausbildung", "1E Ausbildung"),  # part of a name names no type
        # a heading's dot lost or read as a mark, its digit right or not: numbered from its name
        (
            "2 Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
            "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        ),
        (
            "8 Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
            "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
        ),
        (
            "3; Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung "
            "(Mittelansatz: 586.000,00 EUR)",
            "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung "
            "(Mittelansatz: 586.000,00 EUR)",
        ),
        # a speck read as a digit before the heading's digit, its dot lost (seed 3434)
        (
            "72 Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
            "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        ),
        ("12 Jobdatings", "12 Jobdatings"),  # no type's name: as read
        # a speck read as a colon glued before a heading's number (seed 5656, both models)
        (
            ":2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
            "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        ),
        (":2. Chance Ausbildung", ":2. Chance Ausbildung"),
        ("8 Ausbildung", "8 Ausbildung"),  # part of a name names no type
        # a speck read as a letter before a heading whose name is its number's type
        (
            "E 2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
            "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        ),
        (
            "E 3. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
            "E 3. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        ),
        ("o 2. Chance Ausbildung", "o 2. Chance Ausbildung"),
        (
            ".4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in "
            "der fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
            "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in "
            "der fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
        ),
        (".2. Chance Ausbildung", ".2. Chance Ausbildung"),
        # an underscore after a line's last word is a speck; one inside a word is left
        (
            "- Anerkennungsberatung ausländischer Abschlüsse _",
            "- Anerkennungsberatung ausländischer Abschlüsse",
        ),
        ("- Projekt_Plus", "- Projekt_Plus"),
        ("2 Sprungbrett Ausbildung", "2 Sprungbrett Ausbildung"),
        # a stroke read before a bullet where the first bullet was not read; not before a dash
        # or after a digit
        ("IR * Supervision für Fachkräfte", "* Supervision für Fachkräfte"),
        ("EU - Projekt Berufsstart", "EU - Projekt Berufsstart"),
        ("3 * Maßnahmen", "3 * Maßnahmen"),
        # a dot after a signature's date, only behind "den" (a sentence may end with a date)
        ("Friedberg (Hessen), den 04.04.2025.", "Friedberg (Hessen), den 04.04.2025"),
        ("bis zum 31.12.2025.", "bis zum 31.12.2025."),
        # a receipt stamp's residue before a letter's title standing alone
        ("RER Änderungsbescheid", "Änderungsbescheid"),
        ("I Schlussbescheid.", "Schlussbescheid"),
        ("Der Änderungsbescheid", "Der Änderungsbescheid"),
        ("57 Zuwendungsbescheid", "57 Zuwendungsbescheid"),
        ("RER Änderungsbescheid vom 12.05.2025", "RER Änderungsbescheid vom 12.05.2025"),
        # the total's label with its "n" read as "ri"; no other word so
        (
            "Gesamtbetrag der Zuweridung: 662.550,00 EUR",
            "Gesamtbetrag der Zuwendung: 662.550,00 EUR",
        ),
        (
            "Gesamtbetrag der Zuwerdung: 662.550,00 EUR",
            "Gesamtbetrag der Zuwerdung: 662.550,00 EUR",
        ),
        # a speck or a stamp's edge before the table's header; not before another line "Nr."
        (
            "2 Nr.; Maßnahmenart; Projekt; Träger; Betrag",
            "Nr.; Maßnahmenart; Projekt; Träger; Betrag",
        ),
        (
            "3} Nr.; Maßnahmenart; Projekt; Träger; Betrag",
            "Nr.; Maßnahmenart; Projekt; Träger; Betrag",
        ),
        ("Anlage 2 Nr.; Maßnahmenart; Projekt", "Anlage 2 Nr.; Maßnahmenart; Projekt"),
        ("12 Nr. 3; Projekt", "12 Nr. 3; Projekt"),
        # a speck after a whole file number ending its line; a cut one keeps it
        (
            "Aktenzeichen: RPKS-57-AQB-2025-06414-02.",
            "Aktenzeichen: RPKS-57-AQB-2025-06414-02",
        ),
        (
            "Bezug: Bescheid vom 17.04.2025, Aktenzeichen RPKS-57-AQB-2025-06414-01,",
            "Bezug: Bescheid vom 17.04.2025, Aktenzeichen RPKS-57-AQB-2025-06414-01",
        ),
        ("Aktenzeichen: RPKS-57-AQB-2025-06414-0.", "Aktenzeichen: RPKS-57-AQB-2025-06414-0."),
        # a residue word of one or two letters after a heading's whole name or its amount; not
        # after a heading wrapped after a short word, not a longer word, not after another text
        (
            "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung Ye",
            "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
        ),
        (
            "1. Ausbildungsvorbereitung (Mittelansatz: 50.000,00 EUR) Di",
            "1. Ausbildungsvorbereitung (Mittelansatz: 50.000,00 EUR)",
        ),
        ("1. Ausbildungsvorbereitung di", "1. Ausbildungsvorbereitung"),
        ("2. Ausbildung und Ausbildungscoaching in",) * 2,
        ("3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung Yes",) * 2,
        ("3. Jobcoaching ab",) * 2,
        # a stamp's residue after an agreement's title standing alone; a year, "AQB", a
        # lower-case word or a longer one stays
        ("Zielvereinbarung NoRz", "Zielvereinbarung"),
        ("Zielvereinbarung Sr", "Zielvereinbarung"),
        ("Zielvereinbarung 2025",) * 2,
        ("Zielvereinbarung AQB",) * 2,
        ("Zielvereinbarung zur",) * 2,
        ("Zielvereinbarung Ziele",) * 2,
        # three specks glued before a row
        (
            "...6; 3; Frauen in Arbeit - Fortführung; Bildungswerk gGmbH; 84.050,00 EUR",
            "6; 3; Frauen in Arbeit - Fortführung; Bildungswerk gGmbH; 84.050,00 EUR",
        ),
        ("....6; 3; Frauen in Arbeit; Bildungswerk gGmbH; 84.050,00 EUR",) * 2,
    ],
)
def test_ocr_noise_repairs(ocr: str, repaired: str) -> None:
    assert repair_line(ocr) == repaired


def test_text_layer_pdf_is_not_ocrd_and_keeps_its_text():
    lines = build_agreement_lines()
    doc = extract_document(render_pdf(lines), PDF)
    assert not doc.from_scan and doc.confidence == {}


def test_low_confidence_amount_is_quarantined_with_the_german_field() -> None:
    """The cross-check reads the confidence of the line each key field stands on."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    budget = record.provenance["budget_total_eur"]
    confident = {(line.page, line.line): 96.0 for line in doc.lines}
    check_agreement(record, _scan_of(doc, confidence=confident), "scan.pdf")
    unsure = {**confident, (budget.page, budget.line): 52.0}
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, _scan_of(doc, confidence=unsure), "scan.pdf")
    assert raised.value.code == Reason.SCAN_UNSURE
    assert raised.value.detail_de == (
        f"Betrag unsicher gelesen (Seite {budget.page}, Zeile {budget.line})"
    )


@pytest.mark.parametrize(
    ("printed", "words", "sure"),
    [
        ("insgesamt\n917.200,00 EUR", (("917.200,00", 96.0), ("EUR", 96.0)), True),
        ("insgesamt\n91 7.200,00 EUR", (("91", 96.0), ("7.200,00", 96.0), ("EUR", 96.0)), False),
        ("insgesamt 91\n7.200,00 EUR", (("7.200,00", 96.0), ("EUR", 96.0)), False),
        ("insgesamt\n917. 200,00 EUR", (("917.", 96.0), ("200,00", 96.0), ("EUR", 96.0)), True),
        ("insgesamt\nvon 7.200,00 EUR", (("von", 96.0), ("7.200,00", 96.0), ("EUR", 96.0)), True),
    ],
)
def test_a_budget_after_a_lone_digit_group_is_part_of_a_longer_number(
    printed: str, words: tuple[tuple[str, float], ...], sure: bool
) -> None:
    """ "917.200,00" read at 200 dpi as "91 7.200,00" (seed 4242's Kassel, by both models, at
    92 and again when the line was read alone): the parser takes 7.200,00, and an agreement
    without per-measure amounts has no sum to catch it. An amount right after a word that is
    a digit group alone, on its line or ending the line before, is unsure however surely
    read."""
    text = build_agreement().replace("insgesamt\n\n1.230.450 Euro", printed)
    assert printed in text
    doc = extract_document(text.encode(), TEXT)
    record = parse_agreement(doc)
    budget = record.provenance["budget_total_eur"]
    before = (budget.page, budget.line - 1)
    line_before = next(line.text for line in doc.lines if (line.page, line.line) == before)
    scan = _scan_of(
        doc,
        confidence={(line.page, line.line): 96.0 for line in doc.lines},
        reread_confidence={(budget.page, budget.line): 96.0},
        word_confidences={
            before: tuple((word, 96.0) for word in line_before.split()),
            (budget.page, budget.line): words,
        },
    )
    if sure:
        check_agreement(record, scan, "scan.pdf")
        return
    assert record.budget_total_eur == Decimal("7200.00")  # what the parser makes of it
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, scan, "scan.pdf")
    assert raised.value.detail_de == (
        f"Betrag unsicher gelesen (Seite {budget.page}, Zeile {budget.line})"
    )


def test_district_or_year_contradicting_the_file_name_is_unsure() -> None:
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    scan = _scan_of(doc, confidence={})
    check_agreement(record, scan, "zielvereinbarung_2025_06431_bergstrasse.pdf")
    for name, field in (
        ("zielvereinbarung_2025_06432_darmstadt_dieburg.pdf", "Gebietskörperschaft"),
        ("zielvereinbarung_2026_06431_bergstrasse.pdf", "Haushaltsjahr"),
    ):
        with pytest.raises(QuarantineError) as raised:
            check_agreement(record, scan, name)
        assert raised.value.code == Reason.SCAN_UNSURE
        assert raised.value.detail_de.startswith(f"{field} unsicher gelesen")


def test_measure_amounts_not_summing_to_the_total_are_unsure() -> None:
    doc = extract_document(
        build_agreement(
            measure_amount_lines={
                1: "Mittelansatz: 600.000,00 Euro",
                3: "Mittelansatz: 630.000,00 Euro",  # 1.230.000 instead of 1.230.450
            }
        ).encode(),
        TEXT,
    )
    record = parse_agreement(doc)
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, _scan_of(doc), "scan.pdf")
    assert raised.value.code == Reason.SCAN_UNSURE
    assert "ergeben nicht den Gesamtbetrag" in raised.value.detail_de


def test_a_measure_amount_is_judged_on_the_wrapped_line_it_was_read_from() -> None:
    """Heading 4 wrapped with its amount on the second line (seed 1234's Fulda, both models):
    the amount is judged by the line that holds it, not by the heading above."""
    head, rest = CURRENT_MEASURES[4].split(" Verantwortung ")
    doc = extract_document(
        build_agreement(
            measure_names={**CURRENT_MEASURES, 4: head},
            measure_amount_lines={4: f"Verantwortung {rest} (Mittelansatz: 1.230.450,00 EUR)"},
        ).encode(),
        TEXT,
    )
    record = parse_agreement(doc)
    measure_4 = record.measures[3]
    assert measure_4.amount_eur == Decimal("1230450.00")
    assert [p.name for p in measure_4.projects] == ["BASS Studium"]
    wrapped = next(line for line in doc.lines if line.text.startswith("Verantwortung"))
    place = (wrapped.page, wrapped.line)
    confident = {(line.page, line.line): 96.0 for line in doc.lines}
    check_agreement(record, _scan_of(doc, confidence=confident), "scan.pdf")
    low = {**confident, place: 40.0}
    with pytest.raises(QuarantineError) as raised:
        check_agreement(
            record, _scan_of(doc, confidence=low, agreed_confidence=_twice(doc, place)), "scan.pdf"
        )
    assert raised.value.detail_de == (
        f"Betrag der Maßnahmenart 4 unsicher gelesen (Seite {place[0]}, Zeile {place[1]})"
    )


def test_a_lost_project_or_measure_type_makes_the_measure_list_unsure() -> None:
    """A line of the list the parser did not take (here: a project dropped from the record, as a
    misreading ends a list early) and a type not found are both unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    scan = _scan_of(doc)
    check_agreement(record, scan, "scan.pdf")
    measures = list(record.measures)
    lost = measures[2].projects[-1]
    measures[2] = replace(measures[2], projects=measures[2].projects[:-1])
    with pytest.raises(QuarantineError) as raised:
        check_agreement(replace(record, measures=tuple(measures)), scan, "scan.pdf")
    assert raised.value.detail_de == (
        f"Maßnahmenliste unsicher gelesen (Seite {lost.provenance.page}, "
        f"Zeile {lost.provenance.line})"
    )
    measures = list(record.measures)
    measures[3] = replace(measures[3], provenance=None, projects=())
    with pytest.raises(QuarantineError) as raised:
        check_agreement(replace(record, measures=tuple(measures)), scan, "scan.pdf")
    assert "Maßnahmenart 4 nicht gefunden" in raised.value.detail_de


def test_a_stamped_closing_sentence_ends_the_list() -> None:
    """The sentence after the list with its "Die" read among a stamp's marks ("NER Förderung
    …") ends the list; a sentence of other words, or a line with a word in the list, holds
    the scan."""

    def checked(*replaced: tuple[str, str]) -> None:
        text = build_agreement()
        for printed, read in replaced:
            text = text.replace(printed, read, 1)
        doc = extract_document(text.encode(), TEXT)
        check_agreement(parse_agreement(doc), _scan_of(doc), "scan.pdf")

    checked(("Die Förderung der aufgeführten", "NER Förderung der aufgeführten"))
    with pytest.raises(QuarantineError) as raised:
        checked((" - Jobdatings\n", " - Jobdatings\nIR\n"))
    assert raised.value.detail_de.startswith("Maßnahmenliste unsicher gelesen (Seite 1")
    with pytest.raises(QuarantineError):
        checked(("Die Förderung der aufgeführten", "NER Zuwendung der aufgeführten"))


# --- real Tesseract ------------------------------------------------------------------------------


def _same_figures(text_outcome, scan_outcome) -> None:
    """A scan parses to exactly the text layer's figures, or is held as unsure: never wrong."""
    if scan_outcome.status != "ok":
        assert scan_outcome.reason_code == Reason.SCAN_UNSURE.value, scan_outcome.reason
        return
    clean, scanned = text_outcome.agreement, scan_outcome.agreement
    assert scanned.from_scan and not clean.from_scan
    assert (scanned.district_ags, scanned.year) == (clean.district_ags, clean.year)
    assert scanned.budget_total_eur == clean.budget_total_eur
    assert [m.amount_eur for m in scanned.measures] == [m.amount_eur for m in clean.measures]
    assert [e.amount_eur for e in scanned.earmarks] == [e.amount_eur for e in clean.earmarks]
    assert [len(m.projects) for m in scanned.measures] == [len(m.projects) for m in clean.measures]


def test_scan_of_a_generated_agreement_reads_exactly() -> None:
    lines = build_agreement_lines(
        earmark_sentences=["Davon sind 40.000 Euro für Teilzeitausbildung vorgesehen."]
    )
    clean_pdf = render_pdf(lines)
    name = "zielvereinbarung_2025_06431_landkreis_bergstrasse.pdf"
    text_outcome = parse_document(name, clean_pdf)
    scan_outcome = parse_document(name, scans.scan_pdf(clean_pdf, dpi=200, angle=0.7))
    assert text_outcome.status == "ok"
    assert scan_outcome.status == "ok", (scan_outcome.reason_code, scan_outcome.reason)
    _same_figures(text_outcome, scan_outcome)
    assert scan_outcome.agreement.budget_total_eur == 1230450


def test_scan_of_the_real_reference_agreement_is_exact_or_unsure(
    reference_agreement_text: str,
) -> None:
    name = "zielvereinbarung_2025_landkreis_bergstrasse.pdf"
    text_outcome = parse_document("zielvereinbarung.txt", reference_agreement_text.encode())
    scan = scans.scan_text(scans.wrap_text(reference_agreement_text), dpi=200, angle=0.6)
    scan_outcome = parse_document(name, scan)
    assert text_outcome.status == "ok"
    assert scan_outcome.reason_code != Reason.SCANNED_PDF.value, scan_outcome.reason
    _same_figures(text_outcome, scan_outcome)


def test_the_real_agreement_scanned_with_a_stamp_beside_its_title_reads_exactly(
    reference_agreement_text: str,
) -> None:
    """The real agreement printed with its title high on the page and scanned by the corpus's
    scanner (200 dpi, tilted, JPEG, a grey receipt stamp at the top right on the title's line):
    the stamp's date, read before the title ("02 Ar Ir. 2025 Zielvereinbarung"), no longer
    hides it. Every figure and name lands as on the text layer."""
    import random

    from pipelines.corpus.scans import scan_pdf_bytes

    pdf = render_pdf(
        reference_agreement_text.splitlines(),
        header_text="Zielvereinbarung AQB 2025 Landkreis Bergstraße",
    )
    scan, params = scan_pdf_bytes(pdf, random.Random(16), received=date(2025, 4, 2))
    assert (params.dpi, params.colour, params.stamp["page"]) == (200, False, 1)
    name = "zielvereinbarung_2025_06431_landkreis_bergstrasse.pdf"
    text_outcome = parse_document(name, pdf)
    scan_outcome = parse_document(name, scan)
    assert scan_outcome.status == "ok", scan_outcome.reason
    _same_figures(text_outcome, scan_outcome)
    names = [[p.name for p in m.projects] for m in text_outcome.agreement.measures]
    assert [[p.name for p in m.projects] for m in scan_outcome.agreement.measures] == names


def _smudge_amount(clean_pdf: bytes, amount: str, dpi: int = 200) -> bytes:
    """The scan with the middle digits of ``amount`` blotted out, as a stain or a fold would."""
    document = pdfium.PdfDocument(clean_pdf)
    images = []
    for index in range(len(document)):
        page = document[index]
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        start = text.find(amount)
        if start >= 0:
            height = page.get_height()
            left, bottom, _right, top = textpage.get_charbox(start + 2)
            right = textpage.get_charbox(start + 5)[2]
            box = [left * dpi / 72, (height - top) * dpi / 72 - 2]
            box += [right * dpi / 72, (height - bottom) * dpi / 72 + 2]
            ImageDraw.Draw(image).rectangle(box, fill=120)
        textpage.close()
        page.close()
        images.append(image)
    document.close()
    buffer = io.BytesIO()
    images[0].save(buffer, format="PNG")
    return scans.scan_pdf(scans.images_to_pdf(images, dpi), dpi=dpi, angle=0.5)


def test_scan_with_a_smudged_amount_is_quarantined_as_unsure() -> None:
    clean_pdf = render_pdf(build_agreement_lines())
    outcome = parse_document("zielvereinbarung.pdf", _smudge_amount(clean_pdf, "1.230.450"))
    assert outcome.status == "quarantined"
    assert outcome.reason_code == Reason.SCAN_UNSURE.value
    assert "betrag" in outcome.reason_de.casefold()


def test_blank_scan_keeps_the_scanned_pdf_reason() -> None:
    """Vector shapes only (no image): nothing to OCR. A scanned image OCR reads nothing
    recognisable from (a blank, specked page; a photo of a table): still ``scanned_pdf``."""
    from PIL import Image

    assert parse_document("scan.pdf", render_shapes_pdf()).reason_code == Reason.SCANNED_PDF.value
    blank = scans.scan_pdf(scans.images_to_pdf([Image.new("L", (1654, 2339), 255)], 200))
    outcome = parse_document("leer.pdf", blank)
    assert outcome.reason_code == Reason.SCANNED_PDF.value
    lines = [f"Tabelle {row}: Wert {row * 7} und Bemerkung" for row in range(1, 30)]
    unrelated = parse_document("foto.pdf", scans.scan_text(lines, seed=3))
    assert unrelated.reason_code == Reason.SCANNED_PDF.value, unrelated.reason
    assert "OCR" in unrelated.reason


def test_without_aqb_ocr_a_scan_is_quarantined_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default: a scan is not OCR'd, so no figure read from it can reach the marts."""
    monkeypatch.delenv("AQB_OCR")
    scan = scans.scan_pdf(render_pdf(build_agreement_lines()), dpi=200, angle=0.7)
    with pytest.raises(QuarantineError) as raised:
        extract_document(scan, PDF)
    assert raised.value.code is Reason.SCANNED_PDF
    assert "AQB_OCR=1" in raised.value.reason


def test_a_misread_keeps_the_place_the_parser_named() -> None:
    """A parser's quarantine of a scan becomes ``scan_unsure`` with the line to look at."""
    from pipelines.parse.scan_checks import misread

    named = misread(
        QuarantineError(
            "The project row at page 1, line 19 has 6 fields instead of 7.",
            code=Reason.BAD_PROJECT_ROW,
        )
    )
    assert named.code == Reason.SCAN_UNSURE
    assert named.detail_de == (
        f"Scan nicht sicher lesbar: {Reason.BAD_PROJECT_ROW.de} (Seite 1, Zeile 19)"
    )
    unplaced = misread(QuarantineError("No total amount found.", code=Reason.NO_AMOUNT))
    assert unplaced.detail_de == f"Scan nicht sicher lesbar: {Reason.NO_AMOUNT.de}"


def _twice(doc, *unread: tuple[int, int]) -> dict[tuple[int, int], float]:
    """Every line of ``doc`` read twice alike (agreed) but the places in ``unread``."""
    from pipelines.extract.ocr import AGREED_CONFIDENCE

    places = {(line.page, line.line) for line in doc.lines} - set(unread)
    return dict.fromkeys(places, AGREED_CONFIDENCE)


def _scan_of(doc, **changes):
    """``doc`` as if its first page were a scan whose every line was read twice alike (names
    on a scan are taken only so), unless ``agreed_confidence`` says otherwise."""
    changes.setdefault("agreed_confidence", _twice(doc))
    return replace(doc, ocr_pages=(1,), **changes)


def test_a_worded_signature_date_is_judged_by_its_day_and_month() -> None:
    """ "Gießen, den 30. Mai 2025" with "2025" read at 68: the year is the agreement's, which
    the file name confirms, and a second reading spelled the line alike, so day and month
    (read at 96) decide. A year that is not the budget year, a line read once, a month name
    read low ("Juli" or "Juni"?) or a date in one word ("30.05.2025") leave it unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    signed = record.signatures[1]
    place = (signed.provenance.page, signed.provenance.line)

    def signed_on(day: date, *words: tuple[str, float], agreed: bool = True):
        signatures = (record.signatures[0], replace(signed, date=day))
        scan = _scan_of(
            doc,
            confidence={place: min(conf for _text, conf in words)},
            word_confidences={place: (("Gießen,", 62.0), ("den", 96.0), *words)},
            agreed_confidence=_twice(doc) if agreed else _twice(doc, place),
        )
        return replace(record, signatures=signatures), scan

    worded = (("30.", 96.0), ("Mai", 96.0), ("2025", 68.0))
    check_agreement(*signed_on(date(2025, 5, 30), *worded), "zv_2025_06431.pdf")
    unsure_dates = (
        signed_on(date(2024, 5, 30), ("30.", 96.0), ("Mai", 96.0), ("2024", 68.0)),
        signed_on(date(2025, 5, 30), *worded, agreed=False),
        signed_on(date(2025, 7, 30), ("30.", 96.0), ("Juli", 21.0), ("2025", 96.0)),
        signed_on(date(2025, 5, 30), ("30.05.2025", 68.0)),
    )
    for signed_record, scan in unsure_dates:
        with pytest.raises(QuarantineError) as raised:
            check_agreement(signed_record, scan, "zv_2025_06431.pdf")
        assert raised.value.detail_de.startswith("Unterschriftsdatum unsicher gelesen"), raised


def test_a_figure_read_low_is_taken_where_its_line_read_alone_gave_it_surely() -> None:
    """ "Wiesbaden, den 26.05.2025": the page's reading gave the date 39 (a signature's stroke
    beside it), the line's crop read again alone spelled it alike at 96: the date is read
    surely. A second reading as unsure as the first, or one that did not spell the line alike
    (no reread confidence kept), leaves it unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    place = (record.signatures[0].provenance.page, record.signatures[0].provenance.line)

    def read_again_at(confidence: float):
        return _scan_of(doc, confidence={place: 39.0}, reread_confidence={place: confidence})

    check_agreement(record, read_again_at(96.0), "scan.pdf")
    for unsure_scan in (read_again_at(70.0), read_again_at(0.0)):
        with pytest.raises(QuarantineError) as raised:
            check_agreement(record, unsure_scan, "scan.pdf")
        assert raised.value.detail_de.startswith("Unterschriftsdatum unsicher gelesen")


def test_headings_out_of_order_or_a_project_under_another_heading_are_unsure() -> None:
    """A heading read late (or early) moves projects to another measure type: unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    check_agreement(record, _scan_of(doc), "scan.pdf")
    measures = list(record.measures)
    measures[1], measures[2] = (
        replace(measures[1], provenance=measures[2].provenance),
        replace(measures[2], provenance=measures[1].provenance),
    )
    with pytest.raises(QuarantineError) as raised:
        check_agreement(replace(record, measures=tuple(measures)), _scan_of(doc), "scan.pdf")
    assert raised.value.detail_de.startswith(
        "Maßnahmenliste unsicher gelesen: Überschriften der Maßnahmenarten nicht in ihrer "
        "Reihenfolge"
    )
    # the first project of type 3 counted under type 2 (its heading line read as a project)
    measures = list(record.measures)
    moved = measures[2].projects[0]
    measures[1] = replace(measures[1], projects=(*measures[1].projects, moved))
    measures[2] = replace(measures[2], projects=measures[2].projects[1:])
    with pytest.raises(QuarantineError) as raised:
        check_agreement(replace(record, measures=tuple(measures)), _scan_of(doc), "scan.pdf")
    assert raised.value.detail_de == (
        "Maßnahmenliste unsicher gelesen: Projekt außerhalb der Maßnahmenart 2 "
        f"(Seite {moved.provenance.page}, Zeile {moved.provenance.line})"
    )


@pytest.mark.parametrize(
    "misread",
    [
        "a\tQualifizierung Jobcoaching für Fachpersonal",  # a bullet read as a letter, a gap
        "Absolventenmanagement |",
        "EUR)",  # the tail of an amount line taken as a project
        "Gesundheitsmaßnahme „Fit in den Beruf”",
        "Projekt Mobile.Jobberatung",  # a space read as a dot
        "Kooperative Ausbildung.im Handwerk",  # a speck between two words read as a dot
        "Ausbildungslotsen Rheingau-Taunüs-Kreis",  # a district's name a letter off
        "Seite 2 von 3",  # a page's footer
        "Digitale Grundbildung für Erwachsene:",  # a speck after the name read as a colon
        "Berufsbildungszentrum Homberg (Efze)' gGmbH",  # a speck read as an apostrophe
        "Qualif, Jobcoaching für Fachpersonal",  # an abbreviation's dot read as a comma
        "Supervision für Fachkräfte der. Jugendberufshilfe",  # a speck after a function word
        "Absolventenmanagement-!",  # the "I" after a hyphen read as a mark
        "(0) Weiterbildung Migrationsberatung",  # a bullet read as a bracketed digit
        "0 Anerkennungsberatung ausländischer Abschlüsse",  # a bullet read as a digit
        "Berufsbildungszentrum- Eschwege gGmbH",  # a speck joined to a word as a hyphen
        "o.Fachtag Übergang Schule-Beruf",  # a bullet "o" and a speck glued to the name
        "Oo Kompetenzfeststellung und Profiling",  # a speck's word before it (seed 2580)
        "ey Praxisklasse Kassel",
        # the list's closing sentence behind a speck read as a bullet
        "Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis des Bescheides.",
        "ZN Förderung der aufgeführten Maßnahmen erfolgt auf Basis",  # "Die" read among marks
        "Sie wird vom Regierungspräsidium Kassel im Jahr 2025 bewilligt.",  # a sentence
        "ER; Kompetenzfeststellung und Profiling",  # a bullet among specks (seed 7777, 200 dpi)
        'Gesundheitsmaßnahme "Fit in den Beruf',  # the closing quote lost (seed 31337, 200 dpi)
        'Gesundheitsmaßnahme Fit in den Beruf"',
        "Berufsbezogene Sprachförderung Friedberg (Hessen",  # a bracket left open
        "Berufsbezogene Sprachförderung Friedberg Hessen)",
        "Ausbildungscoaching \ufffd",  # ink no reading read, joined to the name
        "Frauen in Arbeit °",  # a speck read as a sign after the name (seed 7070)
    ],
)
def test_a_project_name_with_ocr_noise_is_unsure(misread: str) -> None:
    doc = extract_document(build_agreement().encode(), TEXT)
    record, project = _first_project_of_measure_4_named(parse_agreement(doc), misread)
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, _scan_of(doc), "scan.pdf")
    assert raised.value.detail_de == (
        f"Projektname unsicher gelesen (Seite {project.provenance.page}, "
        f"Zeile {project.provenance.line})"
    )


@pytest.mark.parametrize(
    "printed",
    [
        "Berufs- und Studienorientierung",  # a hyphen standing for a shared word's end
        "Aus- oder Weiterbildung",
        "Absolventenmanagement I",
        "Perspektive Beruf 50plus",
        "e-Learning für Fachkräfte",  # a lower-case word and a hyphen
        "TZ Ausbildung",  # a first word of two letters in capitals, or a German word
        "Im Job",
        "In Arbeit",
        "Berufsorientierung für junge Geflüchtete mit Kindern und ohne Ausb.",  # an abbreviation
        'Gesundheitsmaßnahme "Fit in den Beruf"',  # a quote and a bracket, each closed
        "Berufsbezogene Sprachförderung Friedberg (Hessen)",
    ],
)
def test_a_project_name_as_printed_is_no_ocr_noise(printed: str) -> None:
    """The noise a name is held for is none a printed name holds."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record, _project = _first_project_of_measure_4_named(parse_agreement(doc), printed)
    check_agreement(record, _scan_of(doc), "scan.pdf")


def _first_project_of_measure_4_named(record, name: str):
    """``record`` with measure type 4's first project named ``name``, and that project."""
    measures = list(record.measures)
    project = measures[3].projects[0]
    measures[3] = replace(
        measures[3], projects=(replace(project, name=name), *measures[3].projects[1:])
    )
    return replace(record, measures=tuple(measures)), project


def test_a_name_with_an_umlaut_needs_its_umlaut_word_read_surely_however_often_read() -> None:
    """A speck over a vowel reads as its dots every time ("Gärten" for "Garten" at 82, agreed
    by a second reading): a name with an umlaut is taken only where the line's umlaut words were
    read at 90 or better; a name without one is not held for it."""
    from pipelines.extract.ocr import page_from_tsv as from_tsv

    data = _tsv(
        [
            (1, 1, "Qualifizierung", 100, 100, 280, 40, 93.0),
            (1, 1, "Gärten-", 400, 100, 140, 40, 82.0),
            (1, 2, "Frauen", 100, 160, 120, 40, 95.0),
            (1, 2, "für", 240, 160, 60, 40, 96.0),
        ]
    )
    assert from_tsv(data, page_number=1, page_width=1240).umlaut_confidences == (82.0, 96.0)
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    measures = list(record.measures)
    project = measures[3].projects[0]
    place = (project.provenance.page, project.provenance.line)

    def with_name(name: str):
        renamed = replace(project, name=name)
        changed = replace(measures[3], projects=(renamed, *measures[3].projects[1:]))
        return replace(record, measures=(*measures[:3], changed))

    agreed = {"agreed_confidence": _twice(doc), "confidence": {place: 82.0}}
    with pytest.raises(QuarantineError) as raised:
        check_agreement(
            with_name("Qualifizierung Gärten- und Landschaftsbau"),
            _scan_of(doc, umlaut_confidence={place: 82.0}, **agreed),
            "scan.pdf",
        )
    assert raised.value.detail_de.startswith("Projektname unsicher gelesen")
    surely = _scan_of(doc, umlaut_confidence={place: 93.0}, **agreed)
    check_agreement(with_name("Qualifizierung Gärten- und Landschaftsbau"), surely, "scan.pdf")
    unsure_umlaut = _scan_of(doc, umlaut_confidence={place: 82.0}, **agreed)
    check_agreement(with_name("Qualifizierung Garten- und Landschaftsbau"), unsure_umlaut, "s.pdf")


def test_a_project_name_is_taken_only_as_two_readings_spelled_it() -> None:
    """A name is published as read: only from a line two readings spelled alike, however surely
    the first read it (Tesseract read "Sprurigbrett" for "Sprungbrett" at 91); and even then
    not when the first reading's weakest word was at 37, nor a hyphen between two words (a
    space misread?) read below 80."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[0]
    place = (project.provenance.page, project.provenance.line)
    once = _twice(doc, place)  # every line read twice alike but the project's
    check_agreement(record, _scan_of(doc, text_confidence={place: 45.0}), "scan.pdf")
    unsure_scans = (
        _scan_of(doc, text_confidence={place: 96.0}, agreed_confidence=once),
        _scan_of(doc, text_confidence={place: 37.0}),
    )
    for scan in unsure_scans:
        with pytest.raises(QuarantineError) as raised:
            check_agreement(record, scan, "scan.pdf")
        assert raised.value.detail_de.startswith("Projektname unsicher gelesen (Seite")
    measures = list(record.measures)
    joined = replace(project, name="Sprachkursbegleitende-Unterstützung Kassel")
    measures[0] = replace(measures[0], projects=(joined, *measures[0].projects[1:]))
    hyphenated = replace(record, measures=tuple(measures))
    check_agreement(hyphenated, _scan_of(doc, text_confidence={place: 85.0}), "scan.pdf")
    with pytest.raises(QuarantineError):
        check_agreement(hyphenated, _scan_of(doc, text_confidence={place: 70.0}), "scan.pdf")


def test_a_name_read_alike_within_a_line_whose_readings_differ_elsewhere_is_taken() -> None:
    """A project's line whose later reading misspelled another word (the amount, the next
    name) keeps the project read alike: its letters lie within one run of words both readings
    hold. A name reaching into a word no later reading held, or standing twice on the line with
    only one place confirmed, stays unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[0]
    place = (project.provenance.page, project.provenance.line)
    key = "".join(char for char in project.name if char.isalnum())
    once = {"agreed_confidence": _twice(doc, place)}
    runs = {place: ("", key, "")}  # the bullet and the amount after it not confirmed
    check_agreement(record, _scan_of(doc, confirmed_segments=runs, **once), "scan.pdf")
    for unsure_runs in (
        {place: ("", key[:-1], "")},  # its last letter read otherwise by the later reading
        {place: ("",)},  # not read again
        {},
    ):
        with pytest.raises(QuarantineError) as raised:
            check_agreement(record, _scan_of(doc, confirmed_segments=unsure_runs, **once), "s.pdf")
        assert raised.value.detail_de.startswith("Projektname unsicher gelesen (Seite")
    lines = [
        replace(line, text=f"- {project.name} {project.name}") if line_place == place else line
        for line, line_place in ((line, (line.page, line.line)) for line in doc.lines)
    ]
    twice_named = replace(doc, lines=tuple(lines))
    with pytest.raises(QuarantineError):  # the name stands twice, one place confirmed
        check_agreement(record, _scan_of(twice_named, confirmed_segments=runs, **once), "s.pdf")
    both = {place: ("", key + key, "")}
    check_agreement(record, _scan_of(twice_named, confirmed_segments=both, **once), "s.pdf")


def test_confirmed_runs_continue_over_a_wrapped_line() -> None:
    """A name wrapped or hyphenated over two physical lines is confirmed when the run ending
    the first line and the run starting the second were both read alike; a word read
    otherwise at either end breaks the run."""
    from pipelines.extract import logical_segments
    from pipelines.extract.lines import PhysicalLine
    from pipelines.parse.records import SourceLine

    pages = [[PhysicalLine(1, number, text) for number, text in ((1, "a"), (2, "b"), (3, "c"))]]
    logical = [SourceLine(1, 1, "a b"), SourceLine(1, 3, "c")]
    physical = {
        (1, 1): ("", "Ausbildungs"),
        (1, 2): ("vorbereitung", ""),
        (1, 3): ("Metall",),
    }
    assert logical_segments(pages, logical, physical) == {
        (1, 1): ("", "Ausbildungsvorbereitung", ""),
        (1, 3): ("Metall",),
    }
    broken = {**physical, (1, 1): ("Ausbildungs", "")}
    assert logical_segments(pages, logical, broken)[(1, 1)] == ("Ausbildungs", "vorbereitung", "")


def test_a_dash_one_reading_lost_between_two_words_breaks_the_run() -> None:
    """Both OCR models' page readings lost the dash of "Kompetenzfeststellung und Profiling -
    Fortführung" (a blank three times as wide in its place); the line read alone had it. Letters
    and digits agree, so the line's figures count as agreed, but the name does not: its run
    breaks at the dash, and a name across the break is unsure. Readings holding the same marks
    stay one run."""
    from pipelines.extract.ocr import page_from_tsv as from_tsv

    row = [("6;", 30), ("3;", 30), ("Profiling", 111), ("Fortführung;", 165), ("206.400,00", 154)]
    lefts = [100, 140, 180, 322, 500]
    data = _tsv(
        [
            (1, 1, text, left, 100, width, 30, 93.0)
            for (text, width), left in zip(row, lefts, strict=True)
        ]
    )

    def segments_after(later: str) -> tuple[tuple[str, ...], float]:
        reading = tuple((word, 93.0) for word in later.split())
        page = from_tsv(data, 1, 1700, {"1-1-1": [reading]})
        return page.confirmed_segments[0], page.agreed_confidences[0]

    lost, agreed = segments_after("6; 3; Profiling - Fortführung; 206.400,00")
    assert lost == ("63Profiling", "Fortführung20640000")
    assert agreed > 0  # the figures: the same digits
    assert segments_after("6; 3; Profiling Fortführung; 206.400,00")[0] == (
        "63ProfilingFortführung20640000",
    )
    split = from_tsv(
        _tsv(
            [
                (1, 1, "Gesundheitsmaß", 100, 100, 400, 30, 2.0),
                (1, 1, "nahme", 388, 100, 97, 30, 2.0),
                (1, 1, "Fit", 520, 100, 40, 30, 96.0),
            ]
        ),
        1,
        1700,
        {"1-1-1": [(("Gesundheitsmaßnahme", 91.0), ("Fit", 96.0))]},
    )
    assert split.agreed_confidences[0] > 0  # the same letters
    assert split.confirmed_segments[0] == ("", "Fit")  # split otherwise: not read alike
    first_has_it = confirmed_segments_of(
        [OcrWord("Profiling", 180, 100, 111, 30, 96), OcrWord("-", 300, 100, 14, 30, 90)]
        + [OcrWord("Fortführung", 322, 100, 165, 30, 96)],
        ["Profiling Fortführung"],
    )
    assert first_has_it == ("Profiling", "Fortführung")

    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[0]
    place = (project.provenance.page, project.provenance.line)
    key = "".join(char for char in project.name if char.isalnum())
    split = {place: ("", key[:6], key[6:], "")}  # the line agreed, a mark inside the name not
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, _scan_of(doc, confirmed_segments=split), "scan.pdf")
    assert raised.value.detail_de.startswith("Projektname unsicher gelesen (Seite")
    check_agreement(record, _scan_of(doc, confirmed_segments={place: ("", key, "")}), "scan.pdf")


def test_a_scanned_agreement_whose_title_was_garbled_is_unsure_not_rejected() -> None:
    """A stamp pressed over the title ("EINGEGANGEN ... Zielvereinbarung") makes the parser
    miss it: for a scan that is a misreading to review, not a document of another kind."""
    from pipelines.parse.scan_checks import misread

    held = misread(QuarantineError("Not an agreement: no title.", code=Reason.NOT_AN_AGREEMENT))
    assert held.code == Reason.SCAN_UNSURE
    assert held.detail_de == (
        "Titel „Zielvereinbarung“ mit den Vereinbarungspartnern unsicher gelesen"
    )
    # so is a letter whose title residue garbled ("RER Änderungsbescheid")
    letter = misread(QuarantineError("No title.", code=Reason.NOT_A_GRANT_DECISION))
    assert letter.code == Reason.SCAN_UNSURE
    assert letter.detail_de == "Titel des Bescheids unsicher gelesen"


def test_a_receipt_stamp_over_the_page_top_is_taken_off_header_and_title() -> None:
    """The stamp pressed at the top of page 1 garbles the running header (so the furniture step
    cannot match it with the other pages') and puts its text before the title."""
    from pipelines.parse.ocr_noise import free_stamped_title, repair_page_top

    top = [
        "ER Zielvereinbarung AQB.2025 - Kreis Groß-Gerau",
        "fi INGE GANGE \\05. Juni. 2025/ Zielvereinbarung",
        "2025",
        "zwischen",
        "Zielvereinbarung AQB 2025 - Kreis Groß-Gerau",  # below the top: left alone
    ]
    assert repair_page_top(top) == [
        None,
        "Zielvereinbarung",
        "2025",
        "zwischen",
        "Zielvereinbarung AQB 2025 - Kreis Groß-Gerau",
    ]
    assert free_stamped_title("[ EINGEGANGEN \\ 28, Mai. 2025 } Zielvereinbarung") == (
        "Zielvereinbarung"
    )
    assert free_stamped_title("Zielvereinbarung _") == "Zielvereinbarung"
    # a stamp's residue of one or two letters before the title, a speck after it
    assert free_stamped_title("er Zielvereinbarung") == "Zielvereinbarung"
    # up to two such pieces, a piece of three only in capitals; a stamp's "EING" is evidence
    assert free_stamped_title("nn EEE Zielvereinbarung") == "Zielvereinbarung"
    assert free_stamped_title("EING KEN lo Mat zZ 2 0 2 Zielvereinbarung") == "Zielvereinbarung"
    assert free_stamped_title("Zielvereinbarung:") == "Zielvereinbarung"
    # a stamp's garbled word in capitals before it, its residue beside it after a column gap
    assert free_stamped_title("BENENNEN Zielvereinbarung") == "Zielvereinbarung"
    assert free_stamped_title("Zielvereinbarung\tI") == "Zielvereinbarung"
    assert free_stamped_title(".. Zielvereinbarung") == "Zielvereinbarung"
    # the stamp's date with March cut short as "Mrz." (seed 3141, both models)
    assert free_stamped_title("5. Mrz. 21 25) Zielvereinbarung") == "Zielvereinbarung"
    assert free_stamped_title("5. Mrz. 2 257 Zielvereinbarung") == "Zielvereinbarung"
    # beside the stamp's date, the title's last letter lost (seed 8080, both models)
    assert free_stamped_title("INGEGANGEN \\ 13. Okt 2025 F: Zielvereinbarun") == (
        "Zielvereinbarung"
    )
    # the stamp's year right before a title printed high on the page (the real agreement's
    # layout scanned: the stamp's date read "02 Ar Ir. 2025" and "ay, Ap! 20295")
    assert free_stamped_title("02 Ar Ir. 2025 Zielvereinbarung") == "Zielvereinbarung"
    assert free_stamped_title("ay, Ap! 20295 Zielvereinbarung") == "Zielvereinbarung"
    # or the stamp's date beside the title, after a column gap
    assert free_stamped_title("Zielvereinbarung\tige Aug. 2025 )") == "Zielvereinbarung"
    # a sentence naming agreements, and the title itself, stay as they are
    for text in (
        "§ 7 Laufzeit der Zielvereinbarung",
        "Zielvereinbarung 2025",
        "Zielvereinbarung\tStand 2025",
        "die 2025 geschlossene Zielvereinbarung über 20 Plätze",
        "Die Zielvereinbarung",
        "in der Zielvereinbarung",
        "nn EE EEE Zielvereinbarung",
        "Zielvereinbarung",
        "Zielvereinbarung 2025 zwischen",
        "Zielvereinbarung\tAQB 2025 - Kreis Fulda",
        "Zielvereinbarun",
        "er Zielvereinbarun",
    ):
        assert free_stamped_title(text) == text


def test_two_of_three_readings_decide_a_low_line() -> None:
    """A line whose digits were read unsure is read again alone (``reread_lines``). Where a
    later reading holds the first one's letters and digits the line counts at the agreed
    confidence (for figures a cross-check confirms); where none does, only the runs of words a
    later reading holds alike confirm a name on it, never the two later readings agreeing with
    each other (they read the same crop alike, misreadings included). The reading that agreed
    keeps its own confidence in the line's figures."""
    from pipelines.extract.ocr import AGREED_CONFIDENCE

    def read_as(text: str, confidence: float = 90.0) -> tuple[tuple[str, float], ...]:
        return tuple((word, confidence) for word in text.split())

    data = _tsv(
        [
            (1, 1, "5;", 100, 100, 30, 30, 40.0),
            (1, 1, "3;", 140, 100, 30, 30, 67.0),
            (1, 1, "Lagerlogistik;", 180, 100, 300, 30, 91.0),
            (1, 1, "120.750,00", 500, 100, 200, 30, 88.0),
            (1, 1, "EUR", 720, 100, 80, 30, 93.0),
            (1, 2, "1571;", 100, 140, 60, 30, 41.0),  # "1; 1;" read as one number
            (1, 2, "Übergang;", 180, 140, 300, 30, 92.0),
            (1, 2, "115.250,00", 500, 140, 200, 30, 90.0),
            (1, 2, "EUR", 720, 140, 80, 30, 93.0),
            (1, 3, "6;", 100, 180, 30, 30, 52.0),
            (1, 3, "66.700,00", 140, 180, 200, 30, 94.0),
            (1, 4, "7;", 100, 220, 30, 30, 55.0),  # no second reading
            (1, 4, "11.300,00", 140, 220, 200, 30, 94.0),
            (1, 5, "8;", 100, 260, 30, 30, 95.0),
            (1, 5, "Jobooaching;", 140, 260, 240, 30, 74.0),
            (1, 5, "9.000,00", 400, 260, 200, 30, 94.0),
        ]
    )
    rereads = {
        # separators differ, letters and digits not: the first reading stands, agreed
        "1-1-1": [read_as("5: 3; Lagerlogistik; 120.750,00 EUR", 96.0)],
        # the two later readings agree with each other, not with the first: disputed
        "1-1-2": [
            read_as("1; 1; Übergang; 115.250,00 EUR"),
            read_as("1 1 Übergang 115.250,00 EUR"),
        ],
        # the second reading differs, the third agrees with the first: two of three
        "1-1-3": [read_as("8; 66.700,00", 95.0), read_as("6, 66.700,00", 61.0)],
        # no two of three agree: disputed
        "1-1-5": [read_as("8; Jobcoaching; 9.000,00"), read_as("8; Jobcaaching; 9.000,00")],
    }
    page = page_from_tsv(data, page_number=1, page_width=1240, rereads=rereads)
    assert [line.text for line in page.lines] == [
        "5; 3; Lagerlogistik; 120.750,00 EUR",
        "1571; Übergang; 115.250,00 EUR",
        "6; 66.700,00",
        "7; 11.300,00",
        "8; Jobooaching; 9.000,00",
    ]
    assert page.confidences == (40.0, 41.0, 52.0, 55.0, 94.0)  # the first reading's own
    agreed = AGREED_CONFIDENCE
    assert page.agreed_confidences == (agreed, 0.0, agreed, 0.0, 0.0)
    # the agreeing reading's own confidence (the third's for the third line), else none
    assert page.reread_confidences == (96.0, 0.0, 61.0, 0.0, 0.0)
    # each line keeps its words' lowest confidence (words of two characters)
    assert page.text_confidences == (88.0, 41.0, 94.0, 94.0, 74.0)
    # a name is taken from a run of words a later reading read alike: an agreed line is one
    # run; a word no later reading holds breaks its line ("" marks a broken start or end)
    assert page.confirmed_segments == (
        ("53Lagerlogistik12075000EUR",),
        ("", "Übergang11525000EUR"),
        ("66670000",),
        ("", ""),  # not read again: nothing confirmed
        ("8", "900000"),
    )
    # a bar standing alone in a later reading is the "I" the first reading's line holds
    words = [
        OcrWord("Absolventenmanagement", 0, 0, 300, 30, 75.0),
        OcrWord("I;", 310, 0, 10, 30, 73.0),
    ]
    assert confirmed_segments_of(words, ["Absolventenmanagement |;"]) == ("AbsolventenmanagementI",)
    assert confirmed_segments_of(words, ["Absolventenmanagement l;"]) == (
        "Absolventenmanagement",
        "",
    )


def test_a_bar_the_first_reading_ends_a_name_with_counts_only_where_read_again() -> None:
    """The parser makes a lone bar a capital I ("… management |"). The second model read a
    speck beside "… Fluchthintergrund" as "|" at 63, its line read alone had nothing there,
    and both agreed on the letters: the project landed as "… Fluchthintergrund I". A line
    holding a lone bar is taken run by run, and the bar counts only where a later reading
    read a bar or an I there too."""
    name = ("Coaching", "für", "Auszubildende", "mit", "Fluchthintergrund")
    words = [OcrWord(text, 100 * index, 0, 90, 30, 92.0) for index, text in enumerate(name)]
    speck = [*words, OcrWord("|", 520, 0, 3, 30, 63.0)]
    data = _tsv([(1, 1, w.text, w.left, 0, w.width, 30, w.confidence) for w in speck])
    page = page_from_tsv(data, 1, 1000, {"1-1-1": [tuple((text, 92.0) for text in name)]})
    assert page.agreed_confidences[0] > 0  # the letters agree
    assert page.confirmed_segments == (("CoachingfürAuszubildendemitFluchthintergrund", ""),)
    again = page_from_tsv(data, 1, 1000, {"1-1-1": [(*((t, 92.0) for t in name), ("|", 70.0))]})
    assert again.confirmed_segments == (("CoachingfürAuszubildendemitFluchthintergrundI",),)


def test_a_faint_letter_beside_a_word_stays_and_holds_the_name() -> None:
    """Both models read "Absolventenmanagement I" with its "I" at 25 (or a bar at 0), dropped as
    a speck, and the line read alone lost it too: the project landed without it. A single
    letter or bar a letter high right after a word stays on the page's line; no later reading
    confirms it, so the name is held. A speck (a quarter of a word high), a letter beyond a word
    gap, a mark reaching above the line and a bullet read as a letter stay dropped."""
    rereads = {
        "1-1-1": [(("-", 90.0), ("Absolventenmanagement", 91.0))],
        "1-1-2": [(("-", 90.0), ("Teilqualifizierung", 93.0), ("Metall", 94.0))],
    }
    for faint, confidence in (("I", 25.0), ("|", 0.0)):
        data = _tsv(
            [
                (1, 1, "-", 312, 526, 11, 5, 92.0),
                (1, 1, "Absolventenmanagement", 335, 509, 473, 41, 91.0),
                (1, 1, faint, 824, 510, 6, 30, confidence),  # the name's last letter
                (1, 1, ":", 1539, 533, 4, 3, 17.0),  # a speck
                (1, 2, "-", 312, 586, 11, 5, 92.0),
                (1, 2, "Teilqualifizierung", 335, 569, 300, 41, 93.0),
                (1, 2, "l", 650, 600, 5, 10, 20.0),  # a speck between two words
                (1, 2, "Metall", 680, 569, 120, 41, 94.0),
                (1, 2, "1", 850, 572, 6, 30, 20.0),  # a letter high, beyond a word gap
                (1, 3, "u", 312, 646, 20, 20, 39.0),  # the bullet, read as a letter
                (1, 3, "Vorbereitung", 335, 629, 237, 41, 92.0),
                (1, 3, "Ausbildung", 585, 629, 204, 40, 96.0),
                (1, 3, "a", 811, 607, 60, 33, 14.0),  # a mark reaching above the line
            ]
        )
        page = page_from_tsv(data, 3, 2480, rereads)
        texts = [line.text for line in page.lines]
        assert texts == [
            f"- Absolventenmanagement {faint}",
            "- Teilqualifizierung Metall",
            "Vorbereitung Ausbildung",
        ]
        assert page.word_confidences[0][-1] == (faint, confidence)
        # the reading alone lacks the letter (a bar holds none: its run is what is judged)
        assert page.agreed_confidences == (0.0 if faint == "I" else 90.0, 92.0, 0.0)
        assert page.confirmed_segments[0] == ("Absolventenmanagement", "")


def test_a_dash_a_speck_wide_is_dropped_a_printed_dash_kept() -> None:
    """Both models read a 3-by-3 speck after "… Altenpflegehilfe" as "-" at 90, and the name
    ending in a dash was held. A dash narrower than 0.15 of the line's word height is a speck;
    a bullet (11 by 5 pixels) and a dash between two words (16 wide) are print."""
    data = _tsv(
        [
            (1, 1, "-", 321, 2791, 11, 5, 91.0),
            (1, 1, "Ausbildung", 345, 2775, 204, 40, 96.0),
            (1, 1, "in", 564, 2775, 29, 30, 96.0),
            (1, 1, "der", 607, 2775, 60, 32, 93.0),
            (1, 1, "Altenpflegehilfe", 679, 2774, 283, 41, 90.0),
            (1, 1, "-", 1013, 2794, 3, 3, 90.0),  # a speck
            (1, 2, "-", 321, 2851, 11, 5, 91.0),
            (1, 2, "Profiling", 345, 2835, 160, 40, 96.0),
            (1, 2, "–", 520, 2851, 16, 4, 88.0),  # print between two words
            (1, 2, "Fortführung", 550, 2835, 220, 40, 95.0),
        ]
    )
    page = page_from_tsv(data, 2, 2480)
    assert [line.text for line in page.lines] == [
        "- Ausbildung in der Altenpflegehilfe",
        "- Profiling – Fortführung",
    ]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("2; 3, Pflegehilfe; 80.500,00 EUR", "2; 3; Pflegehilfe; 80.500,00 EUR", True),
        ("120.750,00. EUR", "120.750,00 EUR", True),
        ("5; 3; 120.750,00 EUR", "8; 3; 120.750,00 EUR", False),  # a digit
        ("131.700,00 EUR", "131.700,80 EUR", False),
        ("Lagerlogistik", "Lagerogisik", False),  # letters
        ("1; 1; 70.000,00 EUR", None, False),  # not read again
        (". ;", ": ,", False),  # nothing to compare
        ("1; 1; Start; 119.050,00 EUR", "AR 1; 1; Start; 119.050,00 EUR | EN E", True),  # marks
        ("50.000,00 EUR", "150.000,00 EUR", False),  # a digit lost in the first
        ("Seite 1 von", "Seite 1 von 2", False),  # a digit more at the end
    ],
)
def test_two_readings_agree_on_letters_and_digits_not_punctuation(
    first: str, second: str | None, same: bool
) -> None:
    from pipelines.extract.ocr import agrees

    assert agrees(first, second) is same


def test_the_main_cell_of_a_line_stays_beside_a_speck() -> None:
    """A heading read at 63 beside a speck read as "a" (a column gap apart) is the line: only
    cells other than the line's main one need a word read surely."""
    data = _tsv(
        [
            (1, 1, "1.", 100, 100, 30, 30, 92.0),
            (1, 1, "Ausbildungsvorbereitung", 140, 100, 500, 30, 63.0),
            (1, 1, "a", 1100, 95, 20, 30, 15.0),
            (1, 2, "REKEN", 1000, 140, 120, 30, 41.0),  # a stamp alone: its own line's main
        ]
    )
    page = page_from_tsv(data, page_number=2, page_width=1240)
    assert [line.text for line in page.lines] == ["1. Ausbildungsvorbereitung", "REKEN"]


def test_an_agreed_figure_counts_only_where_a_cross_check_confirms_it() -> None:
    """The budget total's line read unsure but agreed by a second reading: held while nothing
    checks the total, taken when the per-measure amounts sum to it; a measure amount that does
    not add up stays unsure however its line was read."""
    text = build_agreement(
        measure_amount_lines={
            1: "Mittelansatz: 600.000,00 Euro",
            3: "Mittelansatz: 630.450,00 Euro",
        }
    )
    doc = extract_document(text.encode(), TEXT)
    record = parse_agreement(doc)
    budget = record.provenance["budget_total_eur"]
    place = (budget.page, budget.line)
    low = {place: 55.0}
    check_agreement(record, _scan_of(doc, confidence=low), "scan.pdf")  # every line read twice
    with pytest.raises(QuarantineError) as raised:
        no_second = _twice(doc, place)  # the budget's line not read again
        check_agreement(record, _scan_of(doc, confidence=low, agreed_confidence=no_second), "s.pdf")
    assert raised.value.detail_de.startswith("Betrag unsicher gelesen (Seite")
    plain = extract_document(build_agreement().encode(), TEXT)  # no per-measure amounts
    plain_record = parse_agreement(plain)
    budget = plain_record.provenance["budget_total_eur"]
    place = (budget.page, budget.line)
    with pytest.raises(QuarantineError) as raised:
        check_agreement(
            plain_record,
            _scan_of(plain, confidence={place: 55.0}),
            "scan.pdf",
        )
    assert raised.value.detail_de.startswith("Betrag unsicher gelesen (Seite")


def test_an_agreed_decision_line_counts_only_when_the_lines_sum_to_the_total() -> None:
    from pipelines.parse.records import Provenance
    from pipelines.parse.scan_checks import check_decision
    from tests.support.decision_records import decision

    record = decision(
        "RPKS-57-AQB-2025-06431-01",
        "grant",
        date(2025, 4, 1),
        [(1, "Jobcoaching", "Träger e.V.", "70000.00"), (3, "Pflege", "Schule e.V.", "50000.00")],
    )
    row = Provenance(page=1, line=18)
    lines = (replace(record.lines[0], provenance=row), *record.lines[1:])
    record = replace(record, lines=lines)
    doc = extract_document(build_agreement().encode(), TEXT)
    name = "RPKS-57-AQB-2025-06431-01_zuwendungsbescheid_scan.pdf"
    low, agreed = {(1, 18): 61.0}, {(1, 18): 90.0}
    check_decision(record, _scan_of(doc, confidence=low, agreed_confidence=agreed), name)
    with pytest.raises(QuarantineError):
        check_decision(
            record, _scan_of(doc, confidence=low, agreed_confidence=_twice(doc, (1, 18))), name
        )
    misread = replace(lines[0], amount_eur=Decimal("70800.00"))
    with pytest.raises(QuarantineError) as raised:
        check_decision(
            replace(record, lines=(misread, *lines[1:])),
            _scan_of(doc, confidence=low, agreed_confidence=agreed),
            name,
        )
    assert "ergeben nicht den Gesamtbetrag" in raised.value.detail_de


def test_a_second_reading_reads_the_line_as_kept_not_the_marks_beside_it() -> None:
    """Real pixels: a budget line with a speck and a signature's stroke far to its right. The
    marks are left out of the line, so they neither make a line need a second reading (a "8"
    read at 20 beside "Seite") nor widen the box read again, which reads the figure alone."""
    from PIL import Image, ImageFont

    from pipelines.extract.ocr import agrees, line_words, reading_text, reread_lines

    image = Image.new("L", (2400, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    draw.text((100, 100), "1.230.450 Euro", fill=0, font=font)
    draw.text((100, 250), "Seite", fill=0, font=font)
    draw.ellipse((2000, 90, 2040, 130), fill=0)
    data = _tsv(
        [
            (1, 1, "1.230.450", 100, 100, 200, 40, 64.0),
            (1, 1, "Euro", 320, 100, 90, 40, 96.0),
            (1, 1, "®", 2000, 90, 40, 40, 0.0),
            (1, 1, "i", 2100, 100, 10, 40, 14.0),
            (2, 1, "Seite", 100, 250, 110, 40, 95.0),
            (2, 1, "8", 2000, 250, 20, 40, 20.0),
        ]
    )
    kept = line_words(data)
    assert [word.text for word in kept["1-1-1"]] == ["1.230.450", "Euro"]
    assert [word.text for word in kept["2-1-1"]] == ["Seite"]
    later = reread_lines(image, data)
    assert set(later) == {"1-1-1"}
    assert agrees("1.230.450 Euro", reading_text(later["1-1-1"][0])), later


def test_a_word_box_reaching_into_the_next_line_does_not_take_it_into_the_second_reading() -> None:
    """Real pixels: two table rows close together; Tesseract gave one word of the first row a
    box reaching into the second row. The box read again is the first row's alone (the middle
    of its words' tops and bottoms), so the second reading reads the row, not two halves."""
    from PIL import Image, ImageFont

    from pipelines.extract.ocr import agrees, line_box, line_words, reading_text, reread_lines

    image = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=32)
    draw.text((100, 100), "8; 3; Integrationslotsen Kassel; 99.050,00 EUR", fill=0, font=font)
    draw.text((100, 146), "9; 3; Beschäftigungsbrücke Kassel; 50.650,00 EUR", fill=0, font=font)
    data = _tsv(
        [
            (1, 1, "8;", 100, 104, 30, 32, 93.0),
            (1, 1, "3;", 140, 104, 30, 32, 93.0),
            (1, 1, "Integrationslotsen", 180, 104, 280, 32, 93.0),
            (1, 1, "Kassel;", 470, 100, 110, 62, 93.0),  # reaches into the next row
            (1, 1, "99.050,00", 590, 104, 150, 32, 93.0),
            (1, 1, "EUR", 750, 104, 60, 32, 93.0),
            (2, 1, "9;", 100, 150, 30, 32, 93.0),
        ]
    )
    words = line_words(data)["1-1-1"]
    assert line_box(words)[3] < 150  # the next row's top is left out
    later = reread_lines(image, data)
    assert agrees(
        "8; 3; Integrationslotsen Kassel; 99.050,00 EUR", reading_text(later["1-1-1"][0])
    ), later


def test_coloured_ink_is_dropped_before_reading_print_stays() -> None:
    """Real pixels: black print, a red stamp's stroke and a blue signature's on paper. The page
    read keeps the print dark and turns the coloured strokes into paper; a grey scan is read as
    it is."""
    from PIL import Image

    from pipelines.extract.ocr import clean_image

    page = Image.new("RGB", (600, 300), (246, 245, 240))
    draw = ImageDraw.Draw(page)
    draw.rectangle((50, 50, 250, 60), fill=(20, 20, 25))  # print
    draw.rectangle((50, 120, 250, 130), fill=(170, 30, 40))  # stamp
    draw.rectangle((50, 200, 250, 210), fill=(35, 55, 150))  # signature
    grey = clean_image(page)
    assert grey.mode == "L"
    assert grey.getpixel((150, 55)) < 60
    assert grey.getpixel((150, 125)) > 230 and grey.getpixel((150, 205)) > 230
    scanned_grey = Image.new("L", (600, 300), 245)
    ImageDraw.Draw(scanned_grey).rectangle((50, 120, 250, 130), fill=90)  # a grey stamp stays
    assert clean_image(scanned_grey).getpixel((150, 125)) < 120


def test_a_pixel_is_coloured_from_a_spread_of_21_between_its_channels() -> None:
    from PIL import Image

    from pipelines.extract.ocr import _print_only

    pixels = [(100, 80, 90), (100, 79, 90), (0, 0, 0), (255, 234, 255), (40, 40, 40)]
    page = Image.new("RGB", (len(pixels), 1))
    page.putdata(pixels)
    assert list(_print_only(page).getdata()) == [100, 255, 0, 255, 40]


@pytest.mark.parametrize("size", [(1, 1), (2, 5), (7, 3), (211, 300)])
def test_the_3x3_median_is_pillows_pixel_for_pixel(size: tuple[int, int]) -> None:
    """The page's pixels must stay what they were when the OCR cache was filled: the median
    computed on whole rows equals Pillow's filter, borders included, on random pixels."""
    import numpy as np
    from PIL import Image, ImageFilter

    from pipelines.extract.ocr import median_3x3

    noise = np.random.default_rng(sum(size)).integers(0, 256, size[::-1], dtype=np.uint8)
    grey = Image.fromarray(noise, "L")
    expected = np.asarray(grey.filter(ImageFilter.MedianFilter(3)))
    assert np.array_equal(np.asarray(median_3x3(grey)), expected)


def test_a_project_line_read_unsure_is_read_again_a_sentence_is_not() -> None:
    """A bullet's line (a project, its name published) with a word read at 63 is read again;
    prose read as unsurely is not (its words are published nowhere)."""
    from PIL import Image

    from pipelines.extract.ocr import reread_lines

    data = _tsv(
        [
            (1, 1, "Der", 100, 100, 70, 40, 50.0),
            (1, 1, "Landkreis", 180, 100, 200, 40, 91.0),
            (1, 2, "o", 100, 180, 20, 40, 90.0),
            (1, 2, "Job-Coaching", 140, 180, 260, 40, 63.0),
            (1, 2, "für", 420, 180, 60, 40, 96.0),
        ]
    )
    assert set(reread_lines(Image.new("L", (1200, 400), 255), data)) == {"1-1-2"}


def test_every_line_of_a_table_or_list_is_read_twice_its_names_being_published() -> None:
    """From a page's first row or bullet to the line after its last one (a long name wraps),
    every line is read again however surely it was read ("Sprurigbrett" for "Sprungbrett" was
    read at 91); prose above and below is not."""
    from PIL import Image

    from pipelines.extract.ocr import reread_lines

    data = _tsv(
        [
            (1, 1, "Bewilligte", 100, 100, 200, 40, 96.0),
            (1, 2, "1;", 100, 160, 30, 40, 96.0),
            (1, 2, "Sprurigbrett;", 140, 160, 260, 40, 91.0),
            (1, 3, "2;", 100, 220, 30, 40, 96.0),
            (1, 3, "Werkstattjahr", 140, 220, 260, 40, 96.0),
            (1, 4, "Fortführung;", 140, 280, 260, 40, 96.0),  # the row wrapped
            (1, 5, "Gesamtbetrag", 100, 340, 260, 40, 96.0),
            (1, 6, "Rechtsbehelfsbelehrung", 100, 400, 400, 40, 96.0),
        ]
    )
    later = reread_lines(Image.new("L", (1200, 500), 255), data)
    assert set(later) == {"1-1-2", "1-1-3", "1-1-4"}


def test_a_line_the_page_reading_left_out_is_read_on_its_own() -> None:
    """Real pixels: three lines of print, the page reading (TSV) has words for the first and
    the last only. The band of the middle line is found and read as a line of its own; a speck
    and a tall signature-like loop no word covers are not lines of print."""
    from PIL import Image, ImageFont, ImageOps

    from pipelines.extract.ocr import add_missed_lines, missed_bands, page_from_tsv

    image = Image.new("L", (1600, 600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    for top, text in ((100, "Wege der Projektförderung"), (180, "Bewilligte Projekte:")):
        draw.text((100, top), text, fill=0, font=font)
    draw.text((100, 260), "Nr.; Maßnahmenart; Projekt", fill=0, font=font)
    draw.rectangle((1300, 330, 1304, 334), fill=0)  # a speck
    draw.ellipse((1100, 380, 1400, 560), outline=0, width=4)  # a signature's loop
    data = _tsv(
        [
            (1, 1, "Wege", 100, 100, 100, 40, 96.0),
            (1, 1, "der", 210, 100, 60, 40, 96.0),
            (1, 1, "Projektförderung", 280, 100, 330, 40, 96.0),
            (1, 2, "Nr.;", 100, 260, 70, 40, 90.0),
            (1, 2, "Maßnahmenart;", 180, 260, 280, 40, 92.0),
            (1, 2, "Projekt", 470, 260, 140, 40, 96.0),
        ]
    )
    bands = missed_bands(image, data)
    assert len(bands) == 1
    left, top, right, bottom = bands[0]
    alone = Image.new("L", image.size, 255)
    ImageDraw.Draw(alone).text((100, 180), "Bewilligte Projekte:", fill=0, font=font)
    ink = ImageOps.invert(alone).getbbox()  # the middle line's own ink
    assert left <= ink[0] and top <= ink[1] and right >= ink[2] and bottom >= ink[3]
    assert right < 1000 and bottom < 260  # neither the speck nor the next line
    add_missed_lines(image, data)
    page = page_from_tsv(data, page_number=1, page_width=1600)
    assert [line.text for line in page.lines] == [
        "Wege der Projektförderung",
        "Bewilligte Projekte:",
        "Nr.; Maßnahmenart; Projekt",
    ]


def _printed_page(size: tuple[int, int], *printed: tuple[int, str]) -> Image.Image:
    """A white page in grey levels with each ``(top, text)`` printed in black, 40 pixels
    high, 100 pixels from the left edge."""
    from PIL import ImageFont

    image = Image.new("L", size, 255)
    font = ImageFont.load_default(size=40)
    for top, text in printed:
        ImageDraw.Draw(image).text((100, top), text, fill=0, font=font)
    return image


def test_a_list_line_no_reading_read_is_kept_as_unread_ink() -> None:
    """Real pixels: a measure list whose second project no reading covers (both models read
    "- Ausbildungsvorbereitung" as nothing and the project was lost from a record that
    landed). Its band becomes a line ``UNREAD_MARK`` at confidence 0 between the projects; a
    band of ink below the list (a signature's name, a heading) stays unmarked, and the cache's
    words are not changed."""
    from pipelines.extract.ocr import UNREAD_MARK, line_words, list_spans, mark_unread_ink

    image = _printed_page(
        (1600, 900),
        (100, "1. Ausbildungsvorbereitung"),
        (170, "- Vorbereitung TZ Ausbildung"),
        (240, "- Ausbildungsvorbereitung"),
        (330, "2. Ausbildung und Ausbildungscoaching"),
        (400, "Die Förderung der Maßnahmen"),
        (700, "des Landkreises"),
    )
    data = _tsv(
        [
            (1, 1, "1.", 100, 100, 30, 40, 96.0),
            (1, 1, "Ausbildungsvorbereitung", 140, 100, 470, 40, 93.0),
            (1, 2, "-", 100, 170, 15, 40, 90.0),
            (1, 2, "Vorbereitung", 130, 170, 250, 40, 93.0),
            (1, 2, "TZ", 390, 170, 50, 40, 93.0),
            (1, 2, "Ausbildung", 450, 170, 210, 40, 96.0),
            (1, 3, "2.", 100, 330, 30, 40, 92.0),
            (1, 3, "Ausbildung", 140, 330, 210, 40, 96.0),
            (1, 3, "und", 360, 330, 70, 40, 93.0),
            (1, 3, "Ausbildungscoaching", 440, 330, 390, 40, 92.0),
            (1, 4, "Die", 100, 400, 60, 40, 96.0),
            (1, 4, "Förderung", 170, 400, 190, 40, 96.0),
            (1, 4, "der", 370, 400, 60, 40, 96.0),
            (1, 4, "Maßnahmen", 440, 400, 220, 40, 96.0),
        ]
    )
    assert list_spans(line_words(data)) == [(100.0, 400.0)]
    cached = {name: list(values) for name, values in data.items()}
    marked = mark_unread_ink(image, data)
    assert data == cached
    page = page_from_tsv(marked, page_number=1, page_width=1600)
    assert [line.text for line in page.lines] == [
        "1. Ausbildungsvorbereitung",
        "- Vorbereitung TZ Ausbildung",
        UNREAD_MARK,
        "2. Ausbildung und Ausbildungscoaching",
        "Die Förderung der Maßnahmen",
    ]
    assert page.confidences[2] == 0.0


def test_a_list_line_lower_than_the_words_boxes_is_still_marked_as_unread_ink() -> None:
    """Real pixels: the lost project's rows that hold enough ink are its capitals' and
    x-height's, while Tesseract's boxes of the words read around it are taller (descenders
    and more: 51 pixels for 30 rows of ink, session 26). Too low a band to be read again as a
    missed line, it is still marked within the list, so the agreement is held rather than
    published without the project."""
    from pipelines.extract.ocr import UNREAD_MARK, mark_unread_ink, missed_bands, page_from_tsv

    image = _printed_page(
        (1600, 600),
        (100, "3. Qualifizierungsprojekte"),
        (180, "- Arbeitsmarktnahe Qualifizierung Gastronomie"),
        (260, "- Sprachkursbegleitende Unterstützung"),
        (340, "4. Weiterbildungsmaßnahmen"),
    )
    tall = 58  # the words' boxes as Tesseract gave them
    data = _tsv(
        [
            (1, 1, "3.", 100, 96, 30, tall, 93.0),
            (1, 1, "Qualifizierungsprojekte", 140, 96, 480, tall, 90.0),
            (1, 2, "-", 100, 256, 15, tall, 90.0),
            (1, 2, "Sprachkursbegleitende", 130, 256, 440, tall, 93.0),
            (1, 2, "Unterstützung", 580, 256, 270, tall, 96.0),
            (1, 3, "4.", 100, 336, 30, tall, 93.0),
            (1, 3, "Weiterbildungsmaßnahmen", 140, 336, 520, tall, 92.0),
        ]
    )
    assert missed_bands(image, data) == []  # no missed line to read again
    page = page_from_tsv(mark_unread_ink(image, data), page_number=1, page_width=1600)
    assert [line.text for line in page.lines] == [
        "3. Qualifizierungsprojekte",
        UNREAD_MARK,
        "- Sprachkursbegleitende Unterstützung",
        "4. Weiterbildungsmaßnahmen",
    ]


def test_a_list_line_of_unread_ink_holds_a_scanned_agreement() -> None:
    """A measure list holding a line of unread ink (``UNREAD_MARK``) is no list read whole:
    the scan is held, naming the line, never published without the project printed there."""
    from pipelines.extract.ocr import UNREAD_MARK

    lines = build_agreement_lines()
    first = next(index for index, line in enumerate(lines) if line.strip().startswith("- "))
    text = "\n".join([*lines[: first + 1], UNREAD_MARK, *lines[first + 1 :]])
    doc = _scan_of(extract_document(text.encode(), TEXT))
    with pytest.raises(QuarantineError) as raised:
        check_agreement(parse_agreement(doc), doc, "zielvereinbarung_2025_06431_scan.pdf")
    assert raised.value.detail_de.startswith("Maßnahmenliste unsicher gelesen")
    clean = _scan_of(extract_document("\n".join(lines).encode(), TEXT))
    check_agreement(parse_agreement(clean), clean, "zielvereinbarung_2025_06431_scan.pdf")


def test_unread_ink_joined_to_a_heading_holds_a_scanned_agreement() -> None:
    """The page reading's line builder may put a line of unread ink at the end of the heading
    above it (seed 20250802 at 200 dpi: "3. Qualifizierungsprojekte … Fachkräftesicherung"
    and the mark, the project printed under it lost): the list is unsure there too, naming
    the heading's line."""
    from pipelines.extract.ocr import UNREAD_MARK

    lines = build_agreement_lines()
    heading = next(index for index, line in enumerate(lines) if line.startswith("3. "))
    project = heading + 1
    assert lines[project].strip().startswith("- ")
    joined = [*lines[:heading], f"{lines[heading]} {UNREAD_MARK}", *lines[project + 1 :]]
    doc = _scan_of(extract_document("\n".join(joined).encode(), TEXT))
    record = parse_agreement(doc)
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, doc, "zielvereinbarung_2025_06431_scan.pdf")
    place = record.measures[2].provenance
    assert raised.value.detail_de == (
        "Maßnahmenliste unsicher gelesen: eine Zeile nicht lesbar "
        f"(Seite {place.page}, Zeile {place.line})"
    )
    # the same list without the lost project, no mark: nothing tells the project is missing
    lost = _scan_of(
        extract_document("\n".join([*lines[:project], *lines[project + 1 :]]).encode(), TEXT)
    )
    check_agreement(parse_agreement(lost), lost, "zielvereinbarung_2025_06431_scan.pdf")


def test_a_file_number_read_unsure_is_taken_only_from_a_file_named_after_it() -> None:
    """The file number's line read at 18: taken when the file name holds exactly that number
    (what is published equals it), unsure under any other name, even with a second reading."""
    from pipelines.parse.records import Provenance
    from pipelines.parse.scan_checks import check_decision
    from tests.support.decision_records import decision

    record = decision(
        "RPKS-57-AQB-2025-06431-01",
        "grant",
        date(2025, 4, 1),
        [(1, "Jobcoaching", "Träger e.V.", "70000.00")],
    )
    record = replace(record, provenance={"decision_id": Provenance(page=1, line=9)})
    doc = extract_document(build_agreement().encode(), TEXT)
    low = _scan_of(doc, confidence={(1, 9): 18.0}, agreed_confidence={(1, 9): 90.0})
    check_decision(record, low, "RPKS-57-AQB-2025-06431-01_zuwendungsbescheid_scan.pdf")
    for name in ("zuwendungsbescheid_06431_2025_scan.pdf", "RPKS-57-AQB-2025-06431-012_scan.pdf"):
        with pytest.raises(QuarantineError) as raised:
            check_decision(record, low, name)
        assert raised.value.detail_de == "Aktenzeichen unsicher gelesen (Seite 1, Zeile 9)"


def test_a_cut_short_file_number_or_a_reference_to_no_earlier_decision_is_unsure() -> None:
    """Read surely but cut short ("…-0661" for "…-06611-01", the key's last digit read apart),
    a file number is unsure. The reference to the earlier decision must be a whole file number
    of the same grant with a lower sequence number, read surely or twice alike."""
    from pipelines.parse.records import Provenance
    from pipelines.parse.scan_checks import check_decision
    from tests.support.decision_records import decision

    doc = extract_document(build_agreement().encode(), TEXT)
    places = {"decision_id": Provenance(page=1, line=9), "refers_to": Provenance(page=1, line=12)}

    def letter(decision_id: str, refers_to: str | None = None):
        record = decision(
            decision_id,
            "amendment",
            date(2025, 6, 1),
            [(1, "Jobcoaching", "Träger e.V.", "70000.00")],
            district=("06611", "Stadt Kassel"),
            refers_to=refers_to,
        )
        return replace(record, provenance=places)

    sure = _scan_of(doc)
    check_decision(letter("RPKS-57-AQB-2025-06611-02", "RPKS-57-AQB-2025-06611-01"), sure, "a.pdf")
    held = {
        ("RPKS-57-AQB-2025-0661", None): "Aktenzeichen unsicher gelesen: nicht vollständig",
        ("RPKS-57-AQB-2025-06611-02", "RPKS-57-AQB-2025-0661"): "Bezug unsicher gelesen: kein",
        ("RPKS-57-AQB-2025-06611-02", "RPKS-57-AQB-2025-06617-01"): "Bezug unsicher gelesen: kein",
        ("RPKS-57-AQB-2025-06611-02", "RPKS-57-AQB-2024-06611-01"): "Bezug unsicher gelesen: kein",
        ("RPKS-57-AQB-2025-06611-02", "RPKS-57-AQB-2025-06611-07"): "Bezug unsicher gelesen: kein",
    }
    for (decision_id, refers_to), detail in held.items():
        with pytest.raises(QuarantineError) as raised:
            check_decision(letter(decision_id, refers_to), sure, "a.pdf")
        assert raised.value.detail_de.startswith(detail), (decision_id, refers_to)
    low = _scan_of(doc, confidence={(1, 12): 45.0}, agreed_confidence=_twice(doc, (1, 12)))
    twice = _scan_of(doc, confidence={(1, 12): 45.0}, agreed_confidence={(1, 12): 90.0})
    referring = letter("RPKS-57-AQB-2025-06611-03", "RPKS-57-AQB-2025-06611-02")
    check_decision(referring, twice, "a.pdf")
    with pytest.raises(QuarantineError) as raised:
        check_decision(referring, low, "a.pdf")
    assert raised.value.detail_de == "Bezug unsicher gelesen (Seite 1, Zeile 12)"


def test_district_and_year_read_unsure_are_taken_when_the_file_name_names_them() -> None:
    """District and year lines read at 20: taken when the file name names exactly one district
    key and one year, equal to the reading; unsure when it names none, or two years."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    places = {
        (record.provenance[key].page, record.provenance[key].line): 20.0
        for key in ("district", "year")
    }
    scan = _scan_of(doc, confidence=places)
    check_agreement(record, scan, f"zielvereinbarung_{record.year}_{record.district_ags}_scan.pdf")
    held = {
        "zielvereinbarung_scan.pdf": "Gebietskörperschaft unsicher gelesen",
        f"zv_{record.district_ags}_2024_{record.year}_scan.pdf": "Haushaltsjahr unsicher gelesen",
    }
    for name, detail in held.items():
        with pytest.raises(QuarantineError) as raised:
            check_agreement(record, scan, name)
        assert raised.value.detail_de.startswith(detail), raised.value.detail_de


def test_skew_angle_levels_a_page_turned_on_the_scanner() -> None:
    """Real pixels: a page of text lines turned by 1.3 degrees either way is found turned by
    as much (to a tenth), a level page at 0."""
    from PIL import Image

    from pipelines.extract.ocr import skew_angle

    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    for row in range(30):
        draw.text((120, 120 + row * 48), "Haushaltsmittel in Höhe von 1.230.450,00 Euro " * 2, 0)
    assert skew_angle(page) == 0.0
    for turned in (1.3, -1.3):
        tilted = page.rotate(turned, resample=Image.Resampling.BILINEAR, fillcolor=255)
        assert abs(skew_angle(tilted) + turned) <= 0.1


def test_a_decision_row_is_judged_by_its_figures_words_not_its_number() -> None:
    """The row's number is not published: "2," read at 64 before a measure type and an amount
    read at 96 and 94 leaves the row sure. A figure glued to the number ("2,1;") or an amount
    read low keeps the whole line's confidence."""
    from pipelines.parse.records import Provenance
    from pipelines.parse.scan_checks import check_decision
    from tests.support.decision_records import decision

    record = decision(
        "RPKS-57-AQB-2025-06431-01",
        "grant",
        date(2025, 4, 1),
        [(1, "Vorbereitung TZ", "Träger e.V.", "117550.00")],
    )
    record = replace(record, lines=(replace(record.lines[0], provenance=Provenance(1, 19)),))
    doc = extract_document(build_agreement().encode(), TEXT)
    name = "RPKS-57-AQB-2025-06431-01_zuwendungsbescheid_scan.pdf"

    def read_as(*words: tuple[str, float]):
        """The row read once more with its number otherwise: its names alike, not the line."""
        return _scan_of(
            doc,
            confidence={(1, 19): 64.0},
            agreed_confidence=_twice(doc, (1, 19)),
            confirmed_segments={(1, 19): ("", "VorbereitungTZTrägereV", "")},
            word_confidences={(1, 19): words},
        )

    tail = (("Vorbereitung", 93.0), ("TZ;", 93.0), ("Träger", 91.0), ("e.V.;", 90.0))
    check_decision(record, read_as(("2,", 64.0), ("1;", 96.0), *tail, ("117.550,00", 94.0)), name)
    # an amount split by a blank is found as its two words
    split = read_as(("2,", 64.0), ("1;", 96.0), *tail, ("117.", 91.0), ("550,00", 88.0))
    check_decision(record, split, name)
    for unsure in (
        read_as(("2,1;", 96.0), *tail, ("117.550,00", 94.0)),  # glued: the line's 64
        read_as(("2,", 96.0), ("1;", 96.0), *tail, ("117.550,00", 71.0)),  # the amount low
        read_as(("2,", 96.0), ("1;", 64.0), *tail, ("117.550,00", 94.0)),  # the type low
    ):
        with pytest.raises(QuarantineError) as raised:
            check_decision(record, unsure, name)
        assert raised.value.detail_de.startswith("Betrag unsicher gelesen (Seite 1, Zeile 19)")


def test_a_name_is_judged_by_its_own_words_not_its_neighbours() -> None:
    """A provider read at 4 ("Wakeck-Frankenberg") or with an unsure umlaut beside a project
    leaves the project's name as sure as its own words; the project's own low word ("Plus",
    too short to be judged by the word list), umlaut or hyphen still makes it unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[1]
    assert project.name == "Praxisklasse Plus"
    place = (project.provenance.page, project.provenance.line)
    own = tuple((word, 93.0) for word in project.name.split())

    def read_as(*words: tuple[str, float]):
        return _scan_of(doc, text_confidence={place: 4.0}, word_confidences={place: words})

    beside_a_misread = read_as(("-", 93.0), *own, ("Wakeck-Frankenberg", 4.0), ("Bäh", 50.0))
    check_agreement(record, beside_a_misread, "scan.pdf")
    low = (*own[:-1], (own[-1][0], 30.0))
    with pytest.raises(QuarantineError):
        check_agreement(record, read_as(("-", 93.0), *low), "scan.pdf")
    with pytest.raises(QuarantineError):  # a word of the name not among the line's words
        check_agreement(record, read_as(("-", 93.0), *own[:-1]), "scan.pdf")


def test_a_name_the_other_model_read_surely_at_its_place_counts_as_checked() -> None:
    """A name read low by one OCR model passes where the other model's reading of the scan
    holds the same name at the same place and passes every name check there
    (``surely_read_names``); the same name at another place, or another spelling, does not."""
    from pipelines.parse.scan_checks import surely_read_names

    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[1]
    assert (record.measures[0].measure_type, project.name) == (1, "Praxisklasse Plus")
    place = (project.provenance.page, project.provenance.line)
    own = tuple((word, 93.0) for word in project.name.split())
    low = (*own[:-1], (own[-1][0], 30.0))

    def read_as(*words: tuple[str, float]):
        return _scan_of(doc, text_confidence={place: 4.0}, word_confidences={place: words})

    sure, unsure = read_as(("-", 93.0), *own), read_as(("-", 93.0), *low)
    checked = surely_read_names(record, sure)
    assert checked[("project", 1, 1)] == "Praxisklasse Plus"
    assert ("project", 1, 1) not in surely_read_names(record, unsure)
    check_agreement(record, unsure, "scan.pdf", checked)
    for elsewhere in (
        {("project", 1, 0): "Praxisklasse Plus"},  # the same name at another place
        {("project", 1, 1): "Praxisklasse Plu"},  # another spelling at its place
        {},
    ):
        with pytest.raises(QuarantineError) as raised:
            check_agreement(record, unsure, "scan.pdf", elsewhere)
        assert raised.value.detail_de.startswith("Projektname unsicher gelesen")


def test_a_name_the_first_model_spelled_otherwise_does_not_land_from_the_second() -> None:
    """The second model read "Integrationsiotsen" at 59, the first "Integrationslotsen" at 90,
    a word Tesseract's list does not hold: the second reading passed every check and the project
    landed misspelled. A name of the second reading the first reading of its page spelled with
    one or two letters otherwise is unsure, unless the list knows each of its words (then the
    second model read right what the first misread)."""
    from pipelines.parse.scan_checks import check_against_first_reading

    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[1]
    place = (project.provenance.page, project.provenance.line)

    def with_name(name: str):
        measures = list(record.measures)
        projects = (measures[0].projects[0], replace(project, name=name), *measures[0].projects[2:])
        measures[0] = replace(measures[0], projects=projects)
        return replace(record, measures=tuple(measures))

    def first_read(text: str):
        lines = tuple(
            replace(line, text=text) if (line.page, line.line) == place else line
            for line in doc.lines
        )
        return replace(doc, lines=lines)

    second = with_name("Projekt Integrationsiotsen Kassel")
    for not_against in (
        "- Projekt Integrationsiotsen Kassel",  # read alike
        "- Projekt Intakrationslotsen Kassel",  # three letters otherwise: another name
        "- Praxisklasse Plus",
    ):
        check_against_first_reading(second, doc, first_read(not_against))
    with pytest.raises(QuarantineError) as raised:
        check_against_first_reading(second, doc, first_read("- Projekt Integrationslotsen Kassel"))
    assert (
        raised.value.detail_de
        == f"Projektname unsicher gelesen (Seite {place[0]}, Zeile {place[1]})"
    )
    known = with_name("Gesundheitsförderung für Jugendliche")
    check_against_first_reading(known, doc, first_read("- Gesundheitstörderung für Jugendliche"))


def test_a_name_the_first_model_read_with_more_words_does_not_land_from_the_second() -> None:
    """Seed 9091 at 150 dpi: the second model read "- Digitalisierung" at 74, losing the last
    word the first model read as "Migrat"; the second reading passed every check (the list knows
    "Digitalisierung") and the project landed a word short. A name whose line the first reading
    read, a few lines off at most, with three letters or more after it beyond the second's is
    unsure."""
    from pipelines.parse.scan_checks import check_against_first_reading

    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[1]
    page, line_number = project.provenance.page, project.provenance.line
    measures = list(record.measures)
    short = replace(
        project,
        name="Digitalisierung",
        provenance=replace(project.provenance, text="- Digitalisierung"),
    )
    measures[0] = replace(
        measures[0], projects=(measures[0].projects[0], short, *measures[0].projects[2:])
    )
    second = replace(record, measures=tuple(measures))

    def first_read(text: str, shift: int = 0):
        lines = tuple(
            replace(line, text=text) if (line.page, line.line) == (page, line_number) else line
            for line in doc.lines
        )
        moved = tuple(replace(line, line=line.line + shift) for line in lines)
        return replace(doc, lines=moved)

    for lost in ("- Digitalisierung Migrat", "- Digitalisierung Migration"):
        for shift in (0, 3):  # a stamp's words read as lines of their own shift the numbers
            with pytest.raises(QuarantineError) as raised:
                check_against_first_reading(second, doc, first_read(lost, shift))
            assert raised.value.detail_de == (
                f"Projektname unsicher gelesen (Seite {page}, Zeile {line_number})"
            )
    # two letters more are a speck's, the same line read alike or a line too far off no word lost
    for same in ("- Digitalisierung", "- Digitalisierung ar", "* Digitalisierung."):
        check_against_first_reading(second, doc, first_read(same))
    check_against_first_reading(second, doc, first_read("- Digitalisierung Migration", 4))
    # a heading holding the name goes on after it but begins otherwise: another line
    heading = "3. Qualifizierung und Digitalisierung in der Arbeitsmarktintegration"
    check_against_first_reading(second, doc, first_read(heading, 1))


def test_a_known_word_read_almost_not_at_all_is_not_taken_for_what_it_spells() -> None:
    """A word the list knows counts as read when two readings spelled it alike, however low
    ("Unterstützung" at 15), but not below 10: Tesseract's "best" network read
    "Gesundheitsmaß nahme" at 2 twice alike, a blank inside one word."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[2].projects[0]
    assert project.name == "Sprachkursbegleitende Unterstützung"
    place = (project.provenance.page, project.provenance.line)

    def read_at(confidence: float):
        words = (("-", 93.0), ("Sprachkursbegleitende", 93.0), ("Unterstützung", confidence))
        return _scan_of(doc, word_confidences={place: words}, umlaut_confidence={place: 95.0})

    check_agreement(record, read_at(15.0), "scan.pdf")
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, read_at(9.0), "scan.pdf")
    assert raised.value.detail_de.startswith("Projektname unsicher gelesen (Seite")


def test_a_district_name_keeps_its_hyphen_however_low_it_was_read() -> None:
    """A provider named after its district ("… Limburg-Weilburg mbH", the district's word read
    at 27 on a line two readings spelled alike) is taken: the hyphen is the name's own. A
    hyphen joining two other words at that confidence may be a blank misread: unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    project = record.measures[0].projects[1]
    place = (project.provenance.page, project.provenance.line)

    def named(name: str, low_word: str):
        words = tuple((word, 27.0 if word == low_word else 93.0) for word in name.split())
        measures = list(record.measures)
        renamed = replace(project, name=name)
        projects = measures[0].projects
        measures[0] = replace(measures[0], projects=(projects[0], renamed, *projects[2:]))
        scan = _scan_of(doc, text_confidence={place: 27.0}, word_confidences={place: words})
        return replace(record, measures=tuple(measures)), scan

    check_agreement(*named("Jugendwerkstatt Limburg-Weilburg", "Limburg-Weilburg"), "scan.pdf")
    with pytest.raises(QuarantineError) as raised:
        check_agreement(*named("Werkstatt Sprachkurs-Begleitung", "Sprachkurs-Begleitung"), "s.pdf")
    assert raised.value.detail_de.startswith("Projektname unsicher gelesen")


def test_a_word_two_readings_misread_alike_is_caught_by_the_word_list() -> None:
    """The print's broken "n" reads as "ri" at every size: "Sprurigbrett" is no German word,
    "Sprungbrett" is. Known words, compounds of them and words unknown either way (a provider's
    own name) are taken as read."""
    from pipelines.parse.lexicon import known, misread_word

    for misread, word in (
        ("Sprurigbrett Ausbildung", "Sprurigbrett"),
        ("Beschäftigungsgeselischaft Kassel mbH", "Beschäftigungsgeselischaft"),
        ("Berutsbezogene Sprachförderung", "Berutsbezogene"),
        ("Absolventenmanagemernt", "Absolventenmanagemernt"),
    ):
        assert misread_word(misread) == word
    for name in (
        "Sprungbrett Ausbildung",
        "Fachkräftesicherung Pflegehilfe",  # a compound: Fachkräfte + Sicherung
        "Ausbildungsvorbereitung",  # with the joint "s"
        "Jugendwerkstatt Lauterbach (Hessen) e.V.",
        "Kolping-Bildungswerk gGmbH",
        "Jobcoaching",  # unknown, and no confusion makes it a word
    ):
        assert misread_word(name) is None, name
    assert known("sprungbrett") and not known("sprurigbrett")


def test_an_umlaut_is_in_doubt_only_where_a_speck_could_have_made_it() -> None:
    """A speck over a vowel reads as its dots: "Gärten" for "Garten" (both words), "Taunüs"
    (no word). "Beschäftigungsgesellschaft" is a word only with its umlaut: its dots are print."""
    from pipelines.parse.lexicon import umlaut_in_doubt

    for word in ("Gärten", "Taunüs", "Mäin-Taunus-Kreis", "Förderung"):
        assert umlaut_in_doubt(word), word
    for word in ("Beschäftigungsgesellschaft", "Fachkräfte", "Garten", "Kassel", "Geflüchtete"):
        assert not umlaut_in_doubt(word), word


def test_a_row_whose_separator_was_read_as_a_colon_gets_it_back() -> None:
    """One separator short, one colon between two words: the colon was the separator. A row
    with its separators, or with two colons, stays as read."""
    assert repair_line(
        "4; 2; Ausbildungsverbund Gastronomie: Berufsbildungszentrum Marburg gGmbH; 148.350,00 EUR"
    ) == (
        "4; 2; Ausbildungsverbund Gastronomie; Berufsbildungszentrum Marburg gGmbH; 148.350,00 EUR"
    )
    assert repair_line(
        "8; 3; Garten- und (Landschaftsbau): Beschäftigungsgesellschaft mbH; 1,00 EUR"
    ) == ("8; 3; Garten- und (Landschaftsbau); Beschäftigungsgesellschaft mbH; 1,00 EUR")
    for row in (
        "4; 2; Fit: Beruf; Träger X; 1.000,00 EUR",
        "4; 2; Fit: Beruf: Träger X; 1.000,00 EUR",
    ):
        assert repair_line(row) == row


def test_a_running_header_with_a_misread_acronym_is_dropped_at_the_page_top() -> None:
    from pipelines.parse.ocr_noise import repair_page_top

    for acronym in ("AQB", "AOB", "AGB", "AQOB"):
        header = f"Zielvereinbarung {acronym} 2025 - Schwalm-Eder-Kreis"
        assert repair_page_top([header, "§ 5"]) == [None, "§ 5"]
    # its first word garbled, or its dash lost
    for header in (
        "Zebrenkaring AQB 2025 - Kreis Offenbach",
        "Zielvereinbarung AQB 2025 Landkreis Fulda",
        "Zielvereinbarung AQB 2025 -\t27. März. 20 2 5",  # the stamp's date beside it
    ):
        assert repair_page_top([header, "§ 5"]) == [None, "§ 5"]
    # a letter's header, a press release's title and a line further down stay
    for kept in ("RP Kassel | Dezernat 57 | AQB 2025", "Pressemitteilung AQB 2025 (BEISPIELDATEN)"):
        assert repair_page_top([kept]) == [kept]
    lines = ["§ 5", "Ziele", "Der Kreis", "1. Ausbildungsvorbereitung", "Text AQB 2025 - Kreis"]
    assert repair_page_top(lines) == lines


def test_a_heading_wrapped_onto_the_next_line_is_part_of_the_measure_list() -> None:
    """A scanned heading whose join the layout step missed: its second line completes the
    measure type's name and is no stray line of the list; a line that does not is."""
    from pipelines.parse.records import SourceLine
    from pipelines.parse.scan_checks import _continues_heading

    heading = SourceLine(
        2, 30, "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte"
    )
    rest = "in der fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    headings = {(2, 30): 4}
    assert _continues_heading(heading, SourceLine(2, 31, rest), headings)
    assert not _continues_heading(heading, SourceLine(2, 31, "- BASS Studium"), headings)
    # a whole heading and the project after it (its bullet lost): the project is no part of it
    whole = SourceLine(2, 30, f"{heading.text} {rest}")
    assert not _continues_heading(whole, SourceLine(2, 31, "BASS Studium"), headings)
    assert not _continues_heading(heading, SourceLine(2, 31, f"{rest} BASS"), headings)
    assert not _continues_heading(heading, SourceLine(2, 31, rest), {(2, 30): 3})
    assert not _continues_heading(None, SourceLine(2, 31, rest), headings)


def test_a_line_read_right_but_dropped_among_specks_is_read_again() -> None:
    """Real pixels: "zwischen" read right at confidence 0 among specks read as bars; the line
    builder drops the whole line, so its ink counts as uncovered and is read again on its own."""
    from PIL import Image, ImageFont

    from pipelines.extract.ocr import line_words, missed_bands

    image = Image.new("L", (1600, 400), 255)
    font = ImageFont.load_default(size=40)
    ImageDraw.Draw(image).text((100, 100), "Zielvereinbarung", fill=0, font=font)
    ImageDraw.Draw(image).text((600, 200), "zwischen", fill=0, font=font)
    data = _tsv(
        [
            (1, 1, "Zielvereinbarung", 100, 100, 330, 40, 96.0),
            (1, 2, "|", 300, 200, 3, 3, 85.0),
            (1, 2, "zwischen", 600, 200, 170, 40, 0.0),
            (1, 2, "|", 1400, 200, 3, 4, 95.0),
        ]
    )
    assert list(line_words(data)) == ["1-1-1"]  # the line is dropped whole
    bands = missed_bands(image, data)
    assert len(bands) == 1 and bands[0][0] <= 600 < 700 < bands[0][2]
    data["conf"][2] = 91.0  # read surely, the line is kept: nothing to read again
    assert missed_bands(image, data) == []


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        (  # a speck glued before the row's number
            ".6; 3; Qualifizierung zur Betreuungskraft; Diakonisches Werk; 109.900,00 EUR",
            "6; 3; Qualifizierung zur Betreuungskraft; Diakonisches Werk; 109.900,00 EUR",
        ),
        (  # the decimal comma read as a semicolon, the currency glued, a speck after it
            "8; 3; Qualifizierung Lagerlogistik; Werk e.V.; 101.950;00EUR .",
            "8; 3; Qualifizierung Lagerlogistik; Werk e.V.; 101.950,00 EUR",
        ),
        (".5 Plätze sind frei", ".5 Plätze sind frei"),  # no row
    ],
)
def test_row_specks_and_a_semicolon_for_the_decimal_comma_are_repaired(
    read: str, repaired: str
) -> None:
    assert repair_line(read) == repaired


def test_an_amount_is_judged_by_its_own_words_not_the_year_beside_it() -> None:
    """The budget line's year read at 41 ("im Jahr 2O25") does not make its amount, read at
    93, unsure; the amount's own low word does, and so does an amount not found as words."""
    from pipelines.parse.records import Provenance
    from pipelines.parse.scan_checks import _amount_read

    doc = extract_document(build_agreement().encode(), TEXT)
    place = Provenance(1, 19)
    words = (("Jahr", 96.0), ("2025", 41.0), ("insgesamt", 96.0), ("1.230.450,00", 93.0))
    read = _scan_of(doc, word_confidences={(1, 19): words})
    assert _amount_read(read, place, Decimal("1230450.00")) == 93.0
    split = (("1.230.", 93.0), ("450,00", 71.0), ("EUR", 96.0))
    assert (
        _amount_read(_scan_of(doc, word_confidences={(1, 19): split}), place, Decimal("1230450"))
        == 71.0
    )
    whole = (("1.230.450", 88.0), ("€", 90.0))  # written without cents
    assert (
        _amount_read(_scan_of(doc, word_confidences={(1, 19): whole}), place, Decimal("1230450"))
        == 88.0
    )
    assert _amount_read(read, place, Decimal("1230750.00")) is None  # not among the words
    assert _amount_read(read, place, Decimal("2025.50")) is None  # the year is no amount
    # "1.334.550 Euro" read "1:334.550" by both models: 334.550 is part of a longer number as
    # read, never its amount; the whole number's digits are its own word
    glued = _scan_of(doc, word_confidences={(1, 19): (("1:334.550", 92.0), ("Euro", 96.0))})
    assert _amount_read(glued, place, Decimal("334550")) == 0.0
    assert _amount_read(glued, place, Decimal("1334550")) == 92.0


def test_a_budget_read_inside_a_longer_number_is_unsure_however_surely_read() -> None:
    """Seed 7070 at 300 dpi: "3.250.550,00 Euro" read "3.250:550,00" by both models (90, 86)
    and alike when the line was read alone; the budget landed as 550,00. An amount whose digits
    stand only inside a word holding more is unsure whatever its line's confidence, the
    whole number's digits as one word are not."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    place = record.provenance["budget_total_eur"]
    key = (place.page, place.line)

    def read_as(word: str, budget: str):
        scan = _scan_of(
            doc,
            confidence={key: 90.0},
            word_confidences={key: (("insgesamt", 96.0), (word, 90.0), ("Euro", 96.0))},
            reread_confidence={key: 95.0},
        )
        return replace(record, budget_total_eur=Decimal(budget)), scan

    with pytest.raises(QuarantineError) as raised:
        check_agreement(*read_as("1.230:450,00", "450.00"), "zielvereinbarung_2025_06431.pdf")
    assert raised.value.detail_de == f"Betrag unsicher gelesen (Seite {key[0]}, Zeile {key[1]})"
    check_agreement(*read_as("1.230.450,00", "1230450.00"), "zielvereinbarung_2025_06431.pdf")


def test_a_project_line_joined_to_the_heading_above_it_is_unsure() -> None:
    """A project whose bullet was lost is joined to the heading above as its wrapped end and
    vanishes from the list: a heading holding more than its name and amount is unsure."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    check_agreement(record, _scan_of(doc), "scan.pdf")
    heading = record.measures[3].provenance
    for joined in (
        f"{heading.text} (Mittelansatz: 89.200,00 EUR) BASS Studium",
        f"{heading.text} BASS Studium",
    ):
        measures = list(record.measures)
        measures[3] = replace(measures[3], provenance=replace(heading, text=joined))
        with pytest.raises(QuarantineError) as raised:
            check_agreement(replace(record, measures=tuple(measures)), _scan_of(doc), "scan.pdf")
        assert raised.value.detail_de.startswith(
            "Maßnahmenliste unsicher gelesen: Überschrift der Maßnahmenart 4 mit fremdem Text"
        )


def test_a_scanned_heading_wrapped_where_the_join_missed_it_is_read_whole() -> None:
    """Heading 4 on two lines (the scan's first line ended short of the margin): its second
    line is no stray line of the list, and together they are the heading's whole name."""
    from pipelines.parse.records import SourceLine

    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    heading = record.measures[3].provenance
    project = record.measures[3].projects[0]
    cut = heading.text.index(" in der fachlichen")
    lines = []
    for line in doc.lines:
        if (line.page, line.line) == (heading.page, heading.line):
            lines.append(replace(line, text=heading.text[:cut]))
            lines.append(SourceLine(line.page, line.line + 1, heading.text[cut + 1 :]))
        elif (line.page, line.line) == (project.provenance.page, project.provenance.line):
            lines.append(replace(line, line=line.line + 1))
        else:
            lines.append(line)
    wrapped = replace(doc, lines=tuple(lines))
    moved = replace(project, provenance=replace(project.provenance, line=heading.line + 2))
    measures = list(record.measures)
    measures[3] = replace(
        measures[3],
        provenance=replace(heading, text=heading.text[:cut]),
        projects=(moved,),
    )
    check_agreement(replace(record, measures=tuple(measures)), _scan_of(wrapped), "scan.pdf")


def test_a_weakly_read_bullet_is_kept_only_where_it_stands_as_one() -> None:
    """A bullet read at 7 ("*") or with a speck (".*" at 36) before a project is the project's
    bullet when it stands in the column of the page's surely read bullets, right before the
    line's text; elsewhere such a mark is a speck, dropped as before."""
    from pipelines.extract.ocr import line_words

    def lines(mark: tuple[str, int, float], sure_bullet: bool = True, at: int = 330) -> list[str]:
        text, left, confidence = mark
        words = [
            (1, 2, text, left, 290, 12, 12, confidence),
            (1, 2, "Qualifizierung", at, 280, 250, 40, 96.0),
            (1, 2, "Hauswirtschaft", at + 267, 280, 270, 40, 96.0),
        ]
        if sure_bullet:
            words += [
                (1, 1, "*", 302, 230, 12, 12, 92.0),
                (1, 1, "Frauen", 330, 220, 126, 40, 96.0),
            ]
        found = line_words(_tsv(words))
        return [" ".join(word.text for word in found[key]) for key in sorted(found)]

    assert lines(("*", 303, 7.0)) == ["* Frauen", "* Qualifizierung Hauswirtschaft"]
    assert lines((".*", 300, 36.0))[1] == ".* Qualifizierung Hauswirtschaft"
    assert lines(("*", 303, 7.0), sure_bullet=False) == ["Qualifizierung Hauswirtschaft"]
    assert lines(("*", 250, 7.0))[1] == "Qualifizierung Hauswirtschaft"  # not in the column
    assert lines(("*", 303, 7.0), at=400)[1] == "Qualifizierung Hauswirtschaft"  # far from it
    assert lines(("'", 303, 7.0))[1] == "Qualifizierung Hauswirtschaft"  # no bullet


def test_a_project_that_is_the_end_of_its_heading_is_unsure() -> None:
    """A speck read as a bullet before a heading's wrapped end makes that end a project."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    heading = record.measures[3].provenance
    cut = heading.text.index(" in der fachlichen")
    project = record.measures[3].projects[0]
    rest = replace(project, name=heading.text[cut + 1 :])
    measures = list(record.measures)
    measures[3] = replace(
        measures[3], provenance=replace(heading, text=heading.text[:cut]), projects=(rest,)
    )
    with pytest.raises(QuarantineError) as raised:
        check_agreement(replace(record, measures=tuple(measures)), _scan_of(doc), "scan.pdf")
    assert raised.value.detail_de.startswith(
        "Maßnahmenliste unsicher gelesen: Projekt als Teil der Überschrift der Maßnahmenart 4"
    )


def test_a_project_line_that_is_also_its_headings_wrapped_end_is_unsure() -> None:
    """Seed 7070: the second model read a speck before the heading's wrapped end as a bullet
    ("- Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung" under "4.
    Weiterbildungsmaßnahmen … in der fachlichen", "keine" below): the line completes the
    heading and is a project too. It is unsure, naming the project's line."""
    lines = build_agreement_lines()
    heading = next(index for index, line in enumerate(lines) if line.startswith("4. "))
    text = lines[heading]
    cut = text.index(" in der fachlichen") + len(" in der fachlichen")
    wrapped = [text[:cut], f"- {text[cut + 1 :]}"]
    doc = _scan_of(
        extract_document(
            "\n".join([*lines[:heading], *wrapped, *lines[heading + 1 :]]).encode(), TEXT
        )
    )
    record = parse_agreement(doc)
    first = record.measures[3].projects[0]
    assert first.name == text[cut + 1 :]
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, doc, "zielvereinbarung_2025_06431_scan.pdf")
    assert raised.value.detail_de == (
        "Maßnahmenliste unsicher gelesen: Projekt als Teil der Überschrift der Maßnahmenart 4 "
        f"(Seite {first.provenance.page}, Zeile {first.provenance.line})"
    )


@pytest.mark.parametrize("none_line", [" - keine -", "   keine", " – entfällt –"])
def test_a_measure_read_with_projects_and_with_keine_is_unsure(none_line: str) -> None:
    """Projects and a line saying there are none under one heading: one of them is a
    misreading (a speck read as a bullet before text that is no project). On clean text the
    parser keeps the projects; on a scan the measure list is unsure, naming the "keine" line.
    A measure with "keine" alone, and a bare dash (a speck can be one) beside projects, pass."""
    lines = build_agreement_lines()
    after = lines.index(" - Jobdatings")
    text = "\n".join([*lines[: after + 1], none_line, *lines[after + 1 :]])
    doc = extract_document(text.encode(), TEXT)
    record = parse_agreement(doc)
    assert [p.name for p in record.measures[2].projects] == [
        "Sprachkursbegleitende Unterstützung",
        "Jobdatings",
        "Pflegehelfer Qualifizierung",
    ]
    place = next(line for line in doc.lines if line.text.strip() == none_line.strip())
    with pytest.raises(QuarantineError) as raised:
        check_agreement(record, _scan_of(doc), "zielvereinbarung_2025_06431_scan.pdf")
    assert raised.value.detail_de == (
        "Maßnahmenliste unsicher gelesen: Projekte und „keine“ unter Maßnahmenart 3 "
        f"(Seite {place.page}, Zeile {place.line})"
    )
    heading_2 = lines.index(
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen"
    )
    for kept in (
        [*lines[: heading_2 + 1], none_line, *lines[heading_2 + 1 :]],
        [*lines[: after + 1], " -", *lines[after + 1 :]],
    ):
        scan = _scan_of(extract_document("\n".join(kept).encode(), TEXT))
        kept_record = parse_agreement(scan)
        assert [len(m.projects) for m in kept_record.measures] == [2, 0, 3, 1]
        check_agreement(kept_record, scan, "zielvereinbarung_2025_06431_scan.pdf")


def test_a_district_read_one_letter_off_is_taken_only_as_the_file_names() -> None:
    """ "Landkreis Bergstrase" on a scan named after 06431 is Landkreis Bergstraße (two sources
    agree); named after another district, or two letters off, it stays unknown."""
    from pipelines.parse.scan_checks import districts_for_scan
    from pipelines.reference import DistrictIndex

    text = build_agreement(district_party="und dem Landkreis Bergstrase")
    doc = _scan_of(extract_document(text.encode(), TEXT))
    shipped = DistrictIndex.shipped()
    own = districts_for_scan(doc, "zielvereinbarung_2025_06431_scan.pdf", shipped)
    assert parse_agreement(doc, own).district_ags == "06431"
    for name in ("zielvereinbarung_2025_06432_scan.pdf", "scan.pdf"):
        with pytest.raises(QuarantineError) as raised:
            parse_agreement(doc, districts_for_scan(doc, name, shipped))
        assert raised.value.code == Reason.UNKNOWN_DISTRICT
    further = build_agreement(district_party="und dem Landkreis Bergstrasse")
    far = _scan_of(extract_document(further.encode(), TEXT))
    with pytest.raises(QuarantineError):
        parse_agreement(
            far, districts_for_scan(far, "zielvereinbarung_2025_06431_scan.pdf", shipped)
        )


def test_a_district_with_an_n_read_as_ri_is_taken_only_as_the_file_names() -> None:
    """ "Kreis Offeribach" (seed 2580: "n" read as "ri", two edits, one misreading) on a scan
    named after 06438 is Kreis Offenbach; "ri" for another letter, or another file's key, not."""
    from pipelines.parse.scan_checks import districts_for_scan
    from pipelines.reference import DistrictIndex

    shipped = DistrictIndex.shipped()
    for party, name, ags in (
        ("und dem Kreis Offeribach", "zielvereinbarung_2025_06438_scan.pdf", "06438"),
        ("und dem Kreis Offeribach", "zielvereinbarung_2025_06413_scan.pdf", None),
        ("und dem Kreis Offenriach", "zielvereinbarung_2025_06438_scan.pdf", None),
    ):
        text = build_agreement(district_party=party, district_short="Kreis Offenbach")
        doc = _scan_of(extract_document(text.encode(), TEXT))
        districts = districts_for_scan(doc, name, shipped)
        if ags is None:
            with pytest.raises(QuarantineError) as raised:
                parse_agreement(doc, districts)
            assert raised.value.code == Reason.UNKNOWN_DISTRICT, party
        else:
            assert parse_agreement(doc, districts).district_ags == ags


def test_a_title_year_read_unsure_against_the_file_name_gives_way_to_section_4() -> None:
    """The title's "2025" read as "2023" at 68 on a scan named 2025: the year comes from § 4
    (its line as provenance). Read surely, or confirmed by the file name, the title's year
    stays and a contradiction is still one."""
    from pipelines.parse.scan_checks import without_misread_title_year

    doc = extract_document(build_agreement().encode(), TEXT)
    title = next(line for line in doc.lines if line.text == "2025")
    lines = tuple(replace(line, text="2023") if line == title else line for line in doc.lines)
    place = (title.page, title.line)
    name = "zielvereinbarung_2025_06431_scan.pdf"
    unsure = _scan_of(doc, lines=lines, confidence={place: 68.0})
    record = parse_agreement(without_misread_title_year(unsure, name))
    assert record.year == 2025
    assert record.provenance["year"].line != title.line
    for kept, file_name in (
        (_scan_of(doc, lines=lines, confidence={place: 96.0}), name),
        (unsure, "zielvereinbarung_2023_06431_scan.pdf"),
        (unsure, "zielvereinbarung_2023_2025_06431_scan.pdf"),
    ):
        with pytest.raises(QuarantineError) as raised:
            parse_agreement(without_misread_title_year(kept, file_name))
        assert raised.value.code == Reason.YEAR_CONTRADICTION


def test_names_with_a_specks_dot_a_lost_blank_or_a_misspaced_place_are_unsure() -> None:
    """Two readings agree on letters, not on marks and blanks: such names are held."""
    from pipelines.parse.scan_checks import _check_name

    doc = extract_document(build_agreement().encode(), TEXT)
    project = parse_agreement(doc).measures[0].projects[0]
    scan = _scan_of(doc)
    _check_name(scan, "Fachkr.sicherung Pflegehilfe", project.provenance, "Projektname", "name")
    for misread in (
        "Projekt Mobile.Jobberatung",
        "Projekt Kompetenzagentur:Wiesbaden",
        "Ausbildungsplatzakquise Limburg a.d. Lahn",
        "Berufsbildungszentrum Bad Homburg v.: d. Höhe gGmbH",
        'Gesundheitsmaßnahme "Fitin den Beruf"',
        "Digitalisierung Migration.",
    ):
        with pytest.raises(QuarantineError):
            _check_name(scan, misread, project.provenance, "Projektname", "name")
