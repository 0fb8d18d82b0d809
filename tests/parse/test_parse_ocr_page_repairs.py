"""Repairs of OCR'd text that need the page around a line, and the word-list judgements of
names read from a scan (issue 16, session 10).

Pure functions: lines in, lines out; the word list and the reference districts are the shipped
ones. Each repair is shown with the misreadings it undoes and with look-alikes it must leave.
"""

from __future__ import annotations

import pytest

from pipelines.extract.layout import restore_lost_bullets
from pipelines.extract.lines import PageGeometry, PhysicalLine
from pipelines.parse.lexicon import (
    abbreviated_compounds,
    glued_word,
    restore_place_names,
    speck_after_word,
    surely_a_place,
    surely_spelled,
)
from pipelines.parse.ocr_noise import (
    renumber_wrapped_headings,
    repair_line,
    repair_table_rows,
    restore_parties_word,
    restore_section_signs,
)

_HEADER = "Nr.; Maßnahmenart; Projekt; Träger; Betrag"
_TOTAL = "Gesamtbetrag der Zuwendung: 1.197.350,00 EUR"


def _table(*rows: str) -> list[str]:
    return [_HEADER, *rows, _TOTAL]


@pytest.mark.parametrize(
    ("place", "read", "repaired"),
    [
        # number and measure type glued: the row's place says where the number ends
        (8, "84 Fortbildung Fallmanagement; IB Südwest gGmbH; 45.400,00 EUR", "8; 4; Fortbildung"),
        (1, "131; Fit für die Ausbildung; Träger; 42.550,00 EUR", "1; 1; Fit für die Ausbildung"),
        (5, "513; Anerkennungsberatung; Träger; 42.550,00 EUR", "5; 3; Anerkennungsberatung"),
        (3, "33; Digitale Grundbildung; Träger; 89.150,00 EUR", "3; 3; Digitale Grundbildung"),
        (10, "10.3 Anerkennungsberatung; Träger; 25.800,00 EUR", "10; 3; Anerkennungsberatung"),
        (7, "T. 3, Profiling; Träger; 1.000,00 EUR", "7; 3; Profiling"),
    ],
)
def test_a_glued_row_start_is_read_by_the_rows_place(place: int, read: str, repaired: str) -> None:
    rows = [f"{n}; 1; Projekt {n}; Träger; 1.000,00 EUR" for n in range(1, place)]
    texts = repair_table_rows(_table(*rows, read))
    assert texts[place].startswith(repaired)
    assert texts[:place] == _table(*rows)[:place]  # rows read right stay as they are


@pytest.mark.parametrize(
    ("place", "read"),
    [
        (1, "42 Ausbildungsabbrüche vermeiden; Kolping; 197.100,00 EUR"),  # not row 1's number
        (3, "3; Beschäftigungsbrücke Wetzlar; Kolping; 249.950,00 EUR"),  # the type lost
        (3, "3% Übergangsmanagement; Diakonisches Werk; 85.700,00 EUR"),  # a mark, no type digit
        (2, "25 Ausbildungsverbund; Träger; 1.000,00 EUR"),  # a type of 5
        (4, "4123 Projekt; Träger; 1.000,00 EUR"),  # more than one misread separator
        (3, "%S Integrationslotsen; Frauenbildungswerk; 137.000,00 EUR"),
    ],
)
def test_a_row_start_its_place_does_not_explain_stays_as_read(place: int, read: str) -> None:
    rows = [f"{n}; 1; Projekt {n}; Träger; 1.000,00 EUR" for n in range(1, place)]
    assert repair_table_rows(_table(*rows, read))[place] == read


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        (
            "1% Übergangsmanagement - Fortführung: Jugendwerkstatt e.V.; 130.600,00 EUR",
            "1% Übergangsmanagement - Fortführung; Jugendwerkstatt e.V.; 130.600,00 EUR",
        ),
        (
            "3% Absolventenmanagement-l: Zentrum für Weiterbildung gGmbH; 162.500,00 EUR",
            "3% Absolventenmanagement-l; Zentrum für Weiterbildung gGmbH; 162.500,00 EUR",
        ),
        # two colons, a colon before a small word, or both separators there: as read
        ("1% Projekt: Neustart: Träger e.V.; 1.000,00 EUR",) * 2,
        ("1% Projekt: für Träger e.V.; 1.000,00 EUR",) * 2,
        ("1% Projekt: Neustart; Träger e.V.; 1.000,00 EUR",) * 2,
    ],
)
def test_a_lost_rows_colon_between_project_and_provider_is_the_separator(
    read: str, repaired: str
) -> None:
    assert repair_table_rows(_table(read))[1] == repaired
    assert repair_table_rows([read]) == [read]  # outside a table, as read


def test_a_rows_place_counts_rows_ending_with_an_amount_and_only_inside_the_table() -> None:
    """A row wrapped onto a second line is one row; outside the table nothing is touched."""
    texts = [
        "84 Plätze sind vorgesehen",  # before the table: prose
        _HEADER,
        "1; 1; Ein langer Projektname, der umbricht",
        "und weitergeht; Träger; 1.000,00 EUR",
        "23 Jobdatings; Träger; 2.000,00 EUR",
        _TOTAL,
        "13 Tage nach Bekanntgabe",
    ]
    repaired = repair_table_rows(texts)
    assert repaired[4] == "2; 3; Jobdatings; Träger; 2.000,00 EUR"
    assert repaired[0] == texts[0] and repaired[6] == texts[6]
    assert repaired[:4] == texts[:4]


def test_a_wrapped_heading_with_a_garbled_number_is_numbered_from_its_two_lines() -> None:
    first = "a: Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen"
    second = "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    assert repair_line(first) == first  # alone it is no whole name
    renumbered = renumber_wrapped_headings([first, second, "- Fortbildung Fallmanagement"])
    assert renumbered == [f"4. {first[3:]}", second, "- Fortbildung Fallmanagement"]
    # a project after a whole heading, prose, and a line the next does not complete stay
    for texts in (
        ["a: Ausbildungsvorbereitung", "- Sprungbrett Ausbildung"],
        ["Die Förderung der aufgeführten Maßnahmen erfolgt", "auf Basis des Antrags"],
        [first, "- BASS Studium"],
    ):
        assert renumber_wrapped_headings(texts) == texts


def test_a_wrapped_heading_behind_a_speck_is_freed_of_it_where_its_number_names_it() -> None:
    """ "_ 4. Weiterbildungsmaßnahmen …" (seed 4242, the underscore read as a bullet "-"): the
    heading's two lines together are type 4's name, so the speck goes; behind another number,
    or before a project's name, it stays."""
    head = "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen"
    second = "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    first = repair_line(f"_ 4. {head}")
    assert first == f"- 4. {head}"  # alone it is no whole name: a bullet's line as read
    assert renumber_wrapped_headings([first, second]) == [f"4. {head}", second]
    for texts in ([f"- 2. {head}", second], ["- 2. Chance", "Ausbildung"], [first, "- BASS"]):
        assert renumber_wrapped_headings(texts) == texts


def test_a_lost_section_sign_above_a_known_section_title_is_restored() -> None:
    title = "Ziele für die Umsetzung des Main-Taunus-Kreises"
    # read as what is left of it, or lost whole
    assert restore_section_signs(["zur Verfügung.", "5", title]) == ["zur Verfügung.", "§ 5", title]
    assert restore_section_signs(["zur Verfügung.", title]) == ["zur Verfügung.", f"§ 5 {title}"]
    assert restore_section_signs(["Haushaltsmittel und Eckdaten"]) == [
        "§ 4 Haushaltsmittel und Eckdaten"
    ]
    # a sign read right, and a line with another digit above the title, stay
    assert restore_section_signs(["§ 5", "", title]) == ["§ 5", "", title]
    assert restore_section_signs(["3", title]) == ["3", f"§ 5 {title}"]
    assert restore_section_signs(["Die Ziele für die Umsetzung"]) == ["Die Ziele für die Umsetzung"]


@pytest.mark.parametrize(
    ("word", "sure"),
    [
        ("Unterstützung", True),  # known, no confusion makes another word of it
        ("(Langzeitarbeitslose);", True),  # marks around it ignored, a compound
        ("Schule-Beruf;", True),  # each part known
        ("Limburg-Weilburg", True),
        ("Garten", False),  # "Gärten" is a word too: a speck could make one of the other
        ("Gärten", False),
        ("Sprurigbrett", False),  # unknown
        ("Plus", False),  # too short to judge
        ("Job-Coaching", False),  # a part of three letters
        ("Kompetenzagentur:Wiesbaden", False),  # a blank read as a colon: no word
    ],
)
def test_a_word_is_surely_spelled_only_when_no_confusion_makes_another_word(
    word: str, sure: bool
) -> None:
    assert surely_spelled(word) is sure


@pytest.mark.parametrize(
    ("word", "sure"),
    [
        ("Limburg-Weilburg", True),  # a district's name, hyphen and all
        ("Weilburg;", True),  # a part of one, marks around it ignored
        ("Marburg-Biedenkopf", True),
        ("Limburg-Weilbrug", False),  # misread: no place
        ("Hamburg", False),  # no district's
        ("limburg-weilburg", False),  # a place is written as it is named
    ],
)
def test_a_word_is_surely_a_place_only_as_the_district_names_it(word: str, sure: bool) -> None:
    assert surely_a_place(word) is sure


def test_an_abbreviated_compound_is_told_from_a_blank_read_as_a_dot() -> None:
    assert abbreviated_compounds("Fachkr.sicherung Pflegehilfe") == ["Fachkr.sicherung"]
    assert abbreviated_compounds("Ausb.sverbund Gastronomie") == ["Ausb.sverbund"]
    assert abbreviated_compounds("Mobile.Jobberatung") == []
    assert abbreviated_compounds("Berufsorientierung für.junge Geflüchtete") == []
    assert abbreviated_compounds("Xyzq.sverbund") == []  # no word begins with the stem


def test_a_lost_blank_and_a_speck_after_a_word_are_found() -> None:
    assert glued_word('Gesundheitsmaßnahme "Fitin den Beruf"') == "Fitin"
    assert glued_word("Imkontext der Arbeit") == "Imkontext"
    for name in ("Fit in den Beruf", "Jugendwerkstatt Lauterbach (Hessen)", "Kolping-Bildungswerk"):
        assert glued_word(name) is None, name
    for name in (
        "Digitalisierung Migration.",
        "Pflegehilfe .",
        "Digitale. Grundbildung",
        "Werkstattjahr Plus .",  # a dot standing alone after a short word too
        "Berufsbezogene Sprachförderung Frankfurt am Main.",  # a place's short part (seed 8484)
        "Sprachkurs Lahn. Dill",
        "Perspektive Beruf 50plus.",  # a word with a digit is no stem (seed 1313)
        "Jobcoaching U25. Wetzlar",
        "Klasse 8.",  # digits alone, as before
    ):
        assert speck_after_word(name), name
    for name in (
        "Vorbereitung TZ Ausb.",
        "Arbeit und Bildung e.V.",
        "Limburg a. d. Lahn",
        "Sprachförderung Frankfurt am Main",
        "Ausbildungsverbund Lahn-Dill",
    ):
        assert not speck_after_word(name), name


def test_a_place_read_one_letter_off_is_written_as_the_place() -> None:
    assert restore_place_names("Diakonisches Werk Rheingau-Taunüs-Kreis;") == (
        "Diakonisches Werk Rheingau-Taunus-Kreis;"
    )
    assert restore_place_names("Werk Mäin-Taunus-Kreis") == "Werk Main-Taunus-Kreis"
    assert restore_place_names("Bildungswerk Kasseel") == "Bildungswerk Kassel"
    # a known word, a word two letters off, a correct place and a seat stay as read
    for text in (
        "Personal der Landkreise",
        "Caritasverband Wakeck-Frankenberg",
        "Frankfurt am Main",
        "Limburg a. d. Lahn",
    ):
        assert restore_place_names(text) == text


def _lines(*rows: tuple[str, float, float]) -> list[PhysicalLine]:
    """Physical lines of one page: (text, right end, first word's width), in pixels."""
    return [
        PhysicalLine(page=2, line=number, text=text, right=right, first_word_width=first)
        for number, (text, right, first) in enumerate(rows, 1)
    ]


_PAGE = PageGeometry(right_limit=2248.0, space_width=13.4)


def test_a_list_item_whose_bullet_ocr_lost_gets_the_bullet_of_the_item_above() -> None:
    """ "Mobile Jobberatung" after "- Digitalisierung Migration" (its first word would have fit
    after that short item with room to spare) is an item of its own: it gets the bullet. A
    wrapped rest of a long item, a heading's wording, an amount line and a sentence stay as
    they are."""
    lines = _lines(
        ("3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung", 1600, 30),
        ("- Digitalisierung Migration", 760, 20),
        ("Mobile Jobberatung", 560, 120),
        ("- Sprachkursbegleitende Unterstützung Bad Homburg v. d.", 2150, 20),
        ("Höhe", 300, 110),  # the long item's wrapped rest
        ("- Qualifizierung Lagerlogistik", 800, 20),
        ("Qualifizierungsprojekte zur Arbeitsmarktintegration", 1300, 500),  # a heading's words
        ("- Frauen in Arbeit", 500, 20),
        ("Mittelansatz: 86.850,00 EUR", 900, 250),
        ("- Fachtag Übergang Schule-Beruf", 900, 20),
        ("Die Förderung erfolgt nach Maßgabe des Bescheides.", 1500, 60),
    )
    restored = [line.text for line in restore_lost_bullets(lines, _PAGE)]
    assert restored[2] == "- Mobile Jobberatung"
    assert restored[4] == "Höhe"
    assert restored[6] == "Qualifizierungsprojekte zur Arbeitsmarktintegration"
    assert restored[8] == "Mittelansatz: 86.850,00 EUR"
    assert restored[10] == "Die Förderung erfolgt nach Maßgabe des Bescheides."
    # a text file's page never wraps by geometry: nothing to judge, nothing restored
    unwrapped = _lines(("- Digitalisierung Migration", 0, 0), ("Mobile Jobberatung", 0, 0))
    assert restore_lost_bullets(unwrapped, PageGeometry(None, 1.0))[1].text == "Mobile Jobberatung"


def test_the_word_between_an_agreements_title_and_its_parties_is_restored_where_lost() -> None:
    """OCR left out the line "zwischen" above "dem Hessischen Ministerium …": the title block's
    shape (title or year, then the ministry) says where it stood. A garbled "zwischen" and the
    ministry named in prose stay as they are."""
    ministry = "dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales"
    lost = ["Zielvereinbarung", "2025", ministry, "und dem Main-Taunus-Kreis"]
    assert restore_parties_word(lost) == [
        "Zielvereinbarung",
        "2025",
        f"zwischen {ministry}",
        "und dem Main-Taunus-Kreis",
    ]
    assert restore_parties_word(["Zielvereinbarung", "", ministry])[2] == f"zwischen {ministry}"
    for kept in (
        ["2025", "zwischen", ministry],
        ["2025", "zwisehen", ministry],
        ["Die Ziele werden mit", ministry],
    ):
        assert restore_parties_word(kept) == kept
