"""The measure list of § 5 at the edges of its layout rules, line by line as extraction yields
them: wrapped project names (indentation of exactly two, length limits), unbulleted lists and
the prose that must not become a project, and a heading that wraps onto the next line.

These pin the thresholds in ``pipelines/parse/measures.py`` that a mutation run found untested.
"""

from __future__ import annotations

from decimal import Decimal

from pipelines.parse.measures import (
    find_headings,
    heading_at,
    parse_measures,
    split_amount,
    wording_score,
)
from pipelines.parse.records import Provenance, SourceLine

HEADING_1 = "1. Ausbildungsvorbereitung"
HEADING_2 = "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen"


def projects_of(*texts: str) -> dict[int, list[str]]:
    """Project names per measure type of a measure list given as extracted lines."""
    lines = tuple(SourceLine(page=1, line=number, text=text) for number, text in enumerate(texts))
    measures, _ = parse_measures(lines, find_headings(lines, 0))
    return {measure.measure_type: [p.name for p in measure.projects] for measure in measures}


def names_of(*texts: str) -> dict[int, str]:
    lines = tuple(SourceLine(page=1, line=number, text=text) for number, text in enumerate(texts))
    measures, _ = parse_measures(lines, find_headings(lines, 0))
    return {measure.measure_type: measure.name for measure in measures}


# ------------------------------------------------------------------ wrapped bulleted project names


def test_a_line_indented_by_two_continues_the_bullet_above() -> None:
    found = projects_of(
        HEADING_1,
        "- Vorbereitung TZ Ausbildung für junge Mütter und Väter mit",
        "  Kindern in Teilzeit",
        HEADING_2,
    )
    assert found[1] == [
        "Vorbereitung TZ Ausbildung für junge Mütter und Väter mit Kindern in Teilzeit"
    ]


def test_a_continuation_must_be_shorter_than_120_characters() -> None:
    short, long = "k" * 119, "k" * 120
    found = projects_of(HEADING_1, "- Werkstatt Berufsstart", short, HEADING_2)
    assert found[1] == [f"Werkstatt Berufsstart {short}"]
    # a line of 120 characters is prose, not the rest of a project name
    found = projects_of(HEADING_1, "- Werkstatt Berufsstart", long, HEADING_2)
    assert found[1] == ["Werkstatt Berufsstart"]


def test_prose_after_a_bulleted_list_is_no_project() -> None:
    found = projects_of(
        HEADING_1, "- Werkstatt Berufsstart", "Weitere Angebote nach Bedarf", HEADING_2
    )
    assert found[1] == ["Werkstatt Berufsstart"]


# ------------------------------------------------------------------------- unbulleted project lists


def test_items_of_an_unbulleted_list_stay_separate_even_when_indented() -> None:
    found = projects_of(HEADING_1, "Werkstatt Berufsstart", "  Praxisklasse Plus", HEADING_2)
    assert found[1] == ["Werkstatt Berufsstart", "Praxisklasse Plus"]


def test_an_unbulleted_item_may_have_one_to_100_characters() -> None:
    item_100, item_101 = "W" + "x" * 99, "W" + "x" * 100
    found = projects_of(HEADING_1, "A", item_100, item_101, HEADING_2)
    # nothing of a list is dropped silently: a one-letter item is kept for a reviewer to see;
    # a line of more than 100 characters is prose
    assert found[1] == ["A", item_100]


def test_a_line_ending_in_a_full_stop_colon_or_semicolon_is_prose() -> None:
    found = projects_of(
        HEADING_1,
        "Werkstatt Berufsstart",
        "Die Projekte laufen weiter.",
        "Hinweis der Kreisverwaltung:",
        "Praxisklasse Plus;",
        "Jobdatings",
        HEADING_2,
    )
    assert found[1] == ["Werkstatt Berufsstart", "Jobdatings"]


# ------------------------------------------------------------------------------ a wrapped heading


def test_a_heading_wrapped_onto_the_next_line_is_joined() -> None:
    lines = (
        "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte",
        "in der fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
        "- BASS Studium",
    )
    names = names_of(*lines)
    assert projects_of(*lines)[4] == ["BASS Studium"]
    assert names[4] == (
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der"
        " fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    )


# ------------------------------------------------------------------- an amount inside a name line


def test_an_amount_in_parentheses_is_cut_with_its_label() -> None:
    assert split_amount("Werkstatt Berufsstart (Fördersumme 2025: 120.000 Euro)") == (
        "Werkstatt Berufsstart",
        Decimal("120000.00"),
    )


def test_parentheses_closed_before_the_amount_belong_to_the_name() -> None:
    assert split_amount("Werkstatt Berufsstart (Phase 2) 120.000 Euro") == (
        "Werkstatt Berufsstart (Phase 2)",
        Decimal("120000.00"),
    )


def test_only_the_parentheses_around_the_amount_are_cut() -> None:
    assert split_amount("Werkstatt Berufsstart (Phase 2) (Fördersumme: 120.000 Euro)") == (
        "Werkstatt Berufsstart (Phase 2)",
        Decimal("120000.00"),
    )


# ------------------------------------------------------------------------- where the list ends


def test_no_headings_give_four_unnamed_measures_and_end_at_the_start() -> None:
    lines = (SourceLine(page=1, line=1, text="Prosa ohne Maßnahmenliste"),)
    measures, end = parse_measures(lines, [])
    assert end == 0
    assert [(m.measure_type, m.projects, m.provenance) for m in measures] == [
        (number, (), None) for number in (1, 2, 3, 4)
    ]


def test_a_single_heading_ends_the_list_at_its_first_prose_line() -> None:
    lines = tuple(
        SourceLine(page=1, line=number, text=text)
        for number, text in enumerate(
            [HEADING_1, "- Werkstatt Berufsstart", "Die Projekte werden fortgesetzt."]
        )
    )
    measures, end = parse_measures(lines, find_headings(lines, 0))
    assert end == 2
    assert [p.name for p in measures[0].projects] == ["Werkstatt Berufsstart"]


def test_a_section_sign_ends_the_list() -> None:
    lines = tuple(
        SourceLine(page=1, line=number, text=text)
        for number, text in enumerate([HEADING_1, "- Werkstatt Berufsstart", "§ 6 Berichtswesen"])
    )
    measures, end = parse_measures(lines, find_headings(lines, 0))
    assert end == 2
    assert [p.name for p in measures[0].projects] == ["Werkstatt Berufsstart"]


HEADING_4 = "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte"
FULL_HEADING_4 = (
    f"{HEADING_4} in der fachlichen Verantwortung für Benachteiligte im Kontext der"
    " Arbeitsmarktförderung"
)


def test_a_none_marker_keeps_the_last_list_open_for_its_amount() -> None:
    lines = tuple(
        SourceLine(page=1, line=number, text=text)
        for number, text in enumerate([HEADING_4, "keine", "Mittelansatz: 10.000 Euro"])
    )
    measures, end = parse_measures(lines, find_headings(lines, 0))
    assert end == 3
    assert (measures[3].projects, measures[3].amount_eur) == ((), Decimal("10000.00"))


def test_after_a_none_marker_the_heading_no_longer_wraps() -> None:
    names = names_of(
        HEADING_4,
        "keine",
        "in der fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
    )
    assert names[4] == HEADING_4.removeprefix("4. ")


def test_the_last_list_takes_every_bullet_and_an_earmark_sentence_in_between() -> None:
    found = projects_of(
        HEADING_4,
        "- BASS Studium",
        "Davon sind 10.000 Euro für digitales Lernen vorgesehen.",
        "- Fortbildung Fallmanagement",
        "- Coaching Jobcenter",
        "  Nord",
        "- Lotsenprojekt",
    )
    assert found[4] == [
        "BASS Studium",
        "Fortbildung Fallmanagement",
        "Coaching Jobcenter Nord",
        "Lotsenprojekt",
    ]


def _measure_1(*texts: str):
    lines = tuple(SourceLine(page=1, line=number, text=text) for number, text in enumerate(texts))
    measures, _ = parse_measures(lines, find_headings(lines, 0))
    return measures[0]


def test_a_wrapped_project_keeps_the_amount_and_place_of_its_bullet() -> None:
    measure = _measure_1(
        HEADING_1, "- Werkstatt Berufsstart 120.000 Euro", "  für Jugendliche", HEADING_2
    )
    (project,) = measure.projects
    assert (project.name, project.amount_eur) == (
        "Werkstatt Berufsstart für Jugendliche",
        Decimal("120000.00"),
    )
    assert project.provenance == Provenance(
        page=1, line=1, text="- Werkstatt Berufsstart 120.000 Euro"
    )


def test_a_wrapped_project_takes_the_amount_of_its_continuation() -> None:
    measure = _measure_1(
        HEADING_1,
        "- Vorbereitung TZ Ausbildung für junge Mütter",
        "  und Väter (45.000 Euro)",
        HEADING_2,
    )
    (project,) = measure.projects
    assert (project.name, project.amount_eur, project.provenance.line) == (
        "Vorbereitung TZ Ausbildung für junge Mütter und Väter",
        Decimal("45000.00"),
        1,
    )


def test_an_amount_line_is_the_measure_amount_only_below_80_characters() -> None:
    amount = " 10.000 Euro"
    short = "Mittelansatz laut Finanzierungsplan".ljust(79 - len(amount)) + amount
    long = "Mittelansatz laut Finanzierungsplan".ljust(80 - len(amount)) + amount
    assert (len(short), len(long)) == (79, 80)
    assert _measure_1(HEADING_1, "- Werkstatt Berufsstart", short, HEADING_2).amount_eur == Decimal(
        "10000.00"
    )
    assert _measure_1(HEADING_1, "- Werkstatt Berufsstart", long, HEADING_2).amount_eur is None


def test_the_old_wording_wrapped_before_its_parenthesis_is_one_heading() -> None:
    # both "Ausbildungs- und Qualifizierungsvorbereitung" and the whole old wording with
    # "(einschließlich gesundheitsfördernder Maßnahmen)" are wordings of type 1: the wrapped
    # remainder completes the heading and is no project (it was one before this test)
    measure = _measure_1(
        "1. Ausbildungs- und Qualifizierungsvorbereitung",
        "(einschließlich gesundheitsfördernder Maßnahmen)",
        "Werkstatt Berufsstart",
        HEADING_2,
    )
    assert measure.name == (
        "Ausbildungs- und Qualifizierungsvorbereitung (einschließlich gesundheitsfördernder Maßnahmen)"
    )
    assert [p.name for p in measure.projects] == ["Werkstatt Berufsstart"]


def test_the_last_unbulleted_list_takes_every_item() -> None:
    # under a complete heading (a cut-off one would take the first line as its remainder)
    assert projects_of(FULL_HEADING_4, "BASS Studium", "Fortbildung Fallmanagement")[4] == [
        "BASS Studium",
        "Fortbildung Fallmanagement",
    ]


def test_a_long_line_with_an_amount_is_no_unbulleted_item() -> None:
    amount = " 10.000 Euro"
    long = "Mittelansatz laut Finanzierungsplan".ljust(90 - len(amount)) + amount
    measure = _measure_1(HEADING_1, "Werkstatt Berufsstart", long, HEADING_2)
    assert [p.name for p in measure.projects] == ["Werkstatt Berufsstart"]
    assert measure.amount_eur is None


def test_a_repeated_measure_number_ends_the_list_of_headings() -> None:
    texts = [HEADING_1, "- Werkstatt Berufsstart", HEADING_2, "- Azubi-Coaching", HEADING_2]
    lines = tuple(SourceLine(page=1, line=number, text=text) for number, text in enumerate(texts))
    assert find_headings(lines, 0) == [0, 2]


# ------------------------------------------------------------------ thresholds found by mutation


def test_a_wording_scoring_exactly_the_minimum_is_a_heading() -> None:
    """The 75-point minimum is inclusive: 75.0 is a heading, anything below is not."""
    at_minimum, below = "Ausbildungsvorbxx", "Ausbildungsvorbxxx"
    assert wording_score(at_minimum, 1) == 75.0
    assert wording_score(below, 1) < 75.0
    line = SourceLine(page=1, line=1, text=f"1. {at_minimum}")
    assert heading_at(line) == (1, at_minimum, None, 75.0)
    assert heading_at(SourceLine(page=1, line=1, text=f"1. {below}")) is None


def test_after_an_unbulleted_item_the_heading_no_longer_wraps() -> None:
    """Under a shortened heading, "Sprachkurs" appended to it would look more like the full
    wording; but it comes after an item, so it is the second project, not part of the heading."""
    heading_3 = "3. Qualifizierungsprojekte zur Arbeitsmarktintegration"
    heading_4 = "4. Weiterbildungsmaßnahmen für Personal"
    texts = (HEADING_1, "- Werkstatt", heading_3, "Qualifizierung Pflegehelfer", "Sprachkurs")
    assert projects_of(*texts, heading_4)[3] == ["Qualifizierung Pflegehelfer", "Sprachkurs"]
    assert names_of(*texts, heading_4)[3] == "Qualifizierungsprojekte zur Arbeitsmarktintegration"


def test_the_first_unbulleted_item_under_a_shortened_heading_is_a_project() -> None:
    """ "Sprachkurs" appended to the shortened heading raises its similarity to the full wording,
    but a wrapped heading continues with words of the wording; a project name is no remainder."""
    heading_3 = "3. Qualifizierungsprojekte zur Arbeitsmarktintegration"
    heading_4 = "4. Weiterbildungsmaßnahmen für Personal"
    texts = (HEADING_1, "- Werkstatt", heading_3, "Sprachkurs", "Qualifizierung Pflegehelfer")
    assert projects_of(*texts, heading_4)[3] == ["Sprachkurs", "Qualifizierung Pflegehelfer"]
    assert names_of(*texts, heading_4)[3] == "Qualifizierungsprojekte zur Arbeitsmarktintegration"


def test_a_shortened_heading_still_wraps_onto_the_rest_of_its_wording() -> None:
    heading_3 = "3. Qualifizierungsprojekte zur Arbeitsmarktintegration"
    texts = (HEADING_1, "- Werkstatt", heading_3, "und Fachkräftesicherung", "Sprachkurs")
    assert projects_of(*texts)[3] == ["Sprachkurs"]
    assert names_of(*texts)[3] == (
        "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung"
    )


def test_a_heading_of_the_same_type_again_ends_the_run_of_headings() -> None:
    # "1." twice: the numbering does not ascend, so the second is a later, unrelated list
    lines = tuple(
        SourceLine(page=1, line=number, text=text)
        for number, text in enumerate(
            [HEADING_1, "- Werkstatt Berufsstart", HEADING_1, "- Sprachkurs", HEADING_2]
        )
    )
    assert find_headings(lines, 0) == [0]
    measures, _ = parse_measures(lines, find_headings(lines, 0))
    assert [p.name for p in measures[0].projects] == ["Werkstatt Berufsstart"]


# ------------------------------------------------------------ a heading wrapped with its amount

HEADING_4_HEAD = "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen"
HEADING_4_REST = "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"


def _measures(*texts: str):
    lines = tuple(SourceLine(page=1, line=number, text=text) for number, text in enumerate(texts))
    measures, end = parse_measures(lines, find_headings(lines, 0))
    return {measure.measure_type: measure for measure in measures}, end


def test_the_last_heading_wrapped_with_its_amount_keeps_amount_and_projects() -> None:
    # the rest is longer than an amount line (80): read as prose, it ended the list before
    rest = f"{HEADING_4_REST} (Mittelansatz: 74.450,00 EUR)"
    assert len(rest) >= 80
    texts = (HEADING_1, "- Werkstatt", HEADING_4_HEAD, rest, "- Fortbildung", "- Supervision")
    measures, end = _measures(*texts, "Die Förderung der aufgeführten Maßnahmen erfolgt …")
    assert measures[4].amount_eur == Decimal("74450.00")
    assert [p.name for p in measures[4].projects] == ["Fortbildung", "Supervision"]
    assert measures[4].name.endswith("im Kontext der Arbeitsmarktförderung")
    assert end == len(texts)


def test_a_long_line_with_an_amount_is_the_heading_s_rest_only_in_its_wording() -> None:
    # prose with an amount under a whole heading stays prose: the heading takes neither
    prose = (
        "Sprachkursbegleitende Unterstützung für Zugewanderte im Kreis (Mittelansatz: 9.000 EUR)"
    )
    assert len(prose) >= 80
    measures, end = _measures(HEADING_4_HEAD, HEADING_4_REST, prose, "- Fortbildung")
    assert measures[4].amount_eur is None
    assert measures[4].name.endswith("im Kontext der Arbeitsmarktförderung")
    assert (measures[4].projects, end) == ((), 2)


def test_a_second_amount_after_the_heading_s_own_is_not_taken_as_its_rest() -> None:
    texts = (
        f"{HEADING_4_HEAD} (Mittelansatz: 5.000,00 EUR)",
        f"{HEADING_4_REST} (Mittelansatz: 74.450,00 EUR)",
        "- Fortbildung",
    )
    measures, _ = _measures(*texts)
    assert measures[4].amount_eur == Decimal("5000.00")
    assert measures[4].projects == ()


def test_an_amount_s_currency_wrapped_alone_is_the_heading_s_not_a_project() -> None:
    heading = (
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung "
        "(Mittelansatz: 366.150,00"
    )
    measures, _ = _measures(HEADING_1, "keine", heading, "EUR)", "Lagerlogistik", "Profiling")
    assert measures[3].amount_eur == Decimal("366150.00")
    assert [p.name for p in measures[3].projects] == ["Lagerlogistik", "Profiling"]
    # only right under its heading, and only the currency with its bracket
    measures, _ = _measures(HEADING_1, "keine", heading, "Lagerlogistik", "EUR)")
    assert measures[3].amount_eur is None
    measures, _ = _measures(HEADING_1, "keine", heading, "EUR", "Lagerlogistik")
    assert measures[3].amount_eur is None
    assert [p.name for p in measures[3].projects] == ["EUR", "Lagerlogistik"]
