"""The budget figures of § 4 read from lines directly: a grand total split into the AQB and the
Arbeitsmarktbudget, a total followed by its parts, and two unlabelled amounts that conflict.

These are the rules in ``pipelines/parse/budget.py`` that a mutation run found untested (the
agreement tests never wrote a grand total or unlabelled parts).
"""

from __future__ import annotations

from decimal import Decimal

from pipelines.parse.budget import BudgetFigures, read_budget, read_earmarks
from pipelines.parse.records import Provenance, SourceLine

GRANT = "Das Land stellt dem Main-Taunus-Kreis insgesamt 557.900 Euro zur Verfügung"


def budget(*texts: str) -> BudgetFigures:
    return read_budget(
        [SourceLine(page=1, line=number, text=t) for number, t in enumerate(texts, 1)]
    )


def others(figures: BudgetFigures) -> list[tuple[str, Decimal]]:
    return [(other.label, other.amount_eur) for other in figures.other_budgets]


# ------------------------------------------------------- a grand total of AQB and labour-market budget


def test_the_aqb_is_the_grand_total_less_a_labour_market_share() -> None:
    # Main-Taunus-Kreis 2014: 336.700 € AQB + 221.200 € Arbeitsmarktbudget
    figures = budget(f"{GRANT}, davon 221.200 Euro aus dem Arbeitsmarktbudget.")
    assert figures.total_eur == Decimal("336700.00")
    assert figures.total_provenance.line == 1
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]
    assert figures.conflicting_eur == ()


def test_the_aqb_share_named_beside_the_labour_market_share_is_taken_as_written() -> None:
    figures = budget(
        f"{GRANT}.",
        "Davon entfallen 336.700 Euro auf Maßnahmen nach Nummer 1 bis 4 und 221.200 Euro auf das"
        " Arbeitsmarktbudget.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("336700.00"), 2)
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]


def test_a_labour_market_budget_outside_a_share_sentence_leaves_the_total_as_written() -> None:
    # not "davon": the second amount is a budget of its own, not a part of the first
    figures = budget(f"{GRANT}.", "Aus dem Arbeitsmarktbudget stammen 221.200 Euro.")
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 1)
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]


def test_a_labour_market_share_larger_than_the_total_leaves_the_total() -> None:
    figures = budget(f"{GRANT}, davon 600.000 Euro aus dem Arbeitsmarktbudget.")
    assert figures.total_eur == Decimal("557900.00")


def test_a_labour_market_share_equal_to_the_total_leaves_the_total() -> None:
    figures = budget(f"{GRANT}, davon 557.900 Euro aus dem Arbeitsmarktbudget.")
    assert figures.total_eur == Decimal("557900.00")


# ---------------------------------------------------------------------- unlabelled total and parts


PLAIN = "Das Land stellt Haushaltsmittel in Höhe von {} Euro zur Verfügung."


def test_a_total_followed_by_the_parts_it_sums_up_is_the_total() -> None:
    figures = budget(
        PLAIN.format("300.000"),
        "Die Mittel teilen sich auf in 200.000 Euro für Träger A und 100.000 Euro für Träger B.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("300000.00"), 1)
    assert figures.conflicting_eur == ()


def test_two_equal_parts_sum_up_to_the_total() -> None:
    figures = budget(
        PLAIN.format("200.000"),
        "Die Mittel teilen sich auf in 100.000 Euro für Träger A und 100.000 Euro für Träger B.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("200000.00"), 1)


def test_parts_listed_before_their_total_still_sum_up_to_it() -> None:
    figures = budget(
        "Für Träger A sind 200.000 Euro und für Träger B 100.000 Euro vorgesehen.",
        "Das Land stellt damit Haushaltsmittel von zusammen 300.000 Euro zur Verfügung.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("300000.00"), 2)


def test_unlabelled_amounts_that_do_not_add_up_conflict() -> None:
    figures = budget(PLAIN.format("200.000"), "Ein weiterer Betrag von 150.000 Euro wird genannt.")
    assert (figures.total_eur, figures.total_provenance) == (None, None)
    assert figures.conflicting_eur == (Decimal("200000.00"), Decimal("150000.00"))


def test_the_same_amount_twice_is_one_total_from_its_first_line() -> None:
    figures = budget(PLAIN.format("200.000"), "Es bleibt bei 200.000 Euro.")
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("200000.00"), 1)
    assert figures.conflicting_eur == ()


# ---------------------------------------------------------------------------------------- earmarks


def earmarks(*texts: str) -> list[tuple[str, Decimal]]:
    lines = tuple(SourceLine(page=1, line=number, text=t) for number, t in enumerate(texts, 1))
    return [(earmark.label, earmark.amount_eur) for earmark in read_earmarks(lines)]


def test_a_share_sentence_naming_a_budget_is_a_split_not_an_earmark() -> None:
    for budget_name in ("dem Arbeitsmarktbudget", "dem Ausbildungsbudget"):
        sentence = f"Davon sind 40.000 Euro aus {budget_name} für Langzeitarbeitslose vorgesehen."
        assert earmarks(sentence) == [], budget_name


def test_an_earmark_label_keeps_its_letters() -> None:
    assert earmarks("Davon sind 10.000 Euro für XR-Lernwerkstatt vorgesehen.") == [
        ("XR-Lernwerkstatt", Decimal("10000.00"))
    ]


def test_an_earmark_label_drops_a_trailing_auxiliary_verb() -> None:
    assert earmarks("Davon 40.000 Euro für Teilzeitausbildung sind vorgesehen.") == [
        ("Teilzeitausbildung", Decimal("40000.00"))
    ]


# ------------------------------------------------- a budget named later in the amount's sentence

AQB_LATER = (
    "Der Kreis erhält 1.230.450 Euro, die aus dem Ausbildungs- und Qualifizierungsbudget stammen."
)


def test_a_budget_named_after_the_amount_labels_it_over_an_unlabelled_one() -> None:
    figures = budget(
        AQB_LATER, "Im Jahr 2025 werden 900.000 Euro, die nicht gebunden sind, ausgezahlt."
    )
    assert (figures.total_eur, figures.conflicting_eur) == (Decimal("1230450.00"), ())


def test_the_labour_market_budget_named_after_its_amount_is_the_other_budget() -> None:
    figures = budget(
        AQB_LATER, "Außerdem erhält er 450.000 Euro, die aus dem Arbeitsmarktbudget stammen."
    )
    assert figures.total_eur == Decimal("1230450.00")
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("450000.00"))]


def test_a_budget_named_after_the_next_amount_belongs_to_that_amount() -> None:
    figures = budget("Der Kreis erhält 1.230.450 Euro und 50.000 Euro aus dem Arbeitsmarktbudget.")
    assert figures.total_eur == Decimal("1230450.00")
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("50000.00"))]


UNBOUND = "Im Jahr 2025 werden 900.000 Euro, die nicht gebunden sind, ausgezahlt."


def test_a_budget_named_at_the_start_of_the_sentence_labels_its_amount() -> None:
    figures = budget("AQB-Mittel, wie vereinbart, erhält der Kreis 500.000 Euro.", UNBOUND)
    assert (figures.total_eur, figures.conflicting_eur) == (Decimal("500000.00"), ())


def test_a_budget_name_before_an_earlier_amount_is_not_borrowed() -> None:
    figures = budget("Aus dem Arbeitsmarktbudget kommen 221.200 Euro und weitere 336.700 Euro.")
    assert figures.total_eur == Decimal("336700.00")
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]


def test_the_total_names_the_page_and_line_it_stands_on() -> None:
    texts = [
        "§ 4 Finanzierung",
        "Das Land",
        "stellt",
        "dem Kreis",
        "für das Jahr",
        "2025",
        "Haushaltsmittel zur Verfügung: 300.000 €",
        "Die Mittel sind zweckgebunden.",
    ]
    lines = [SourceLine(page=2, line=number, text=t) for number, t in enumerate(texts, 10)]
    figures = read_budget(lines)
    assert figures.total_eur == Decimal("300000.00")
    assert figures.total_provenance == Provenance(page=2, line=16, text=texts[6])


def test_the_aqb_rest_of_a_grand_total_stands_on_the_total_line() -> None:
    figures = budget(
        "Das Land stellt insgesamt 442.400 Euro zur Verfügung.",
        "Davon stammen 221.200 Euro aus dem Arbeitsmarktbudget.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("221200.00"), 1)


def test_any_positive_rest_of_a_grand_total_is_the_aqb() -> None:
    # the parser reports what is written; an implausible AQB is the budget check's to flag
    figures = budget(f"{GRANT}, davon 557.899 Euro aus dem Arbeitsmarktbudget.")
    assert figures.total_eur == Decimal("1.00")


def test_a_budget_named_after_a_middle_amount_labels_it() -> None:
    figures = budget(
        UNBOUND,
        AQB_LATER,
        "Außerdem erhält er 450.000 Euro, die aus dem Arbeitsmarktbudget stammen.",
    )
    assert (figures.total_eur, figures.conflicting_eur) == (Decimal("1230450.00"), ())
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("450000.00"))]


def test_a_third_amount_does_not_borrow_the_label_of_the_first() -> None:
    """Three amounts in one sentence: the unlabelled third looks back only to the second, so the
    "Qualifizierungsbudget" after the first does not make the district's own share a second AQB
    total (which would be reported as a conflict)."""
    figures = budget(
        "Es stehen 336.700 Euro im Qualifizierungsbudget und aus dem Arbeitsmarktbudget"
        " 221.200 Euro zur Verfügung, der Eigenanteil des Kreises beträgt 40.000 Euro."
    )
    assert figures.total_eur == Decimal("336700.00")
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]
    assert figures.conflicting_eur == ()


# ------------------------------------------------------- one clause naming both budgets


def test_a_clause_naming_both_budgets_labels_its_amount_by_the_nearer_name() -> None:
    # no comma or "und" between the names: the amount's clause names both; the labour-market
    # budget stands 7 characters after it, the AQB 31 before it
    figures = budget(
        f"{GRANT}.",
        "Neben dem Qualifizierungsbudget stehen 221.200 Euro aus dem Arbeitsmarktbudget bereit.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 1)
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]


def test_a_clause_naming_both_budgets_gives_the_aqb_when_it_is_nearer() -> None:
    figures = budget(
        "Neben dem Arbeitsmarktbudget des Landes stellt das Land 557.900 Euro als"
        " Qualifizierungsbudget bereit.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 1)
    assert others(figures) == []


def test_a_previous_year_figure_at_the_very_start_of_section_4_is_not_the_budget() -> None:
    # the first clause of § 4 starts at its first character: "Vorjahresbudget" must be read whole
    figures = budget("Vorjahresbudget 512.000 Euro", f"{GRANT}.")
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 2)
    assert figures.conflicting_eur == ()


def test_a_clause_naming_both_budgets_at_equal_distance_gives_the_labour_market_budget() -> None:
    # both names start 22 characters from the amount: a tie is not read as the AQB
    line = "Qualifizierungsbudget 221.200 Euro nach dem Arbeitsmarktbudget."
    assert line.index("221") - line.index("Qualif") == line.index("Arbeits") - line.index("221")
    figures = budget(f"{GRANT}.", line)
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 1)
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]


def test_an_amount_broken_before_its_currency_counts_once() -> None:
    # "615.225" alone on its line, "Euro" on the next: one amount, not two parts that would
    # add up to the 1.230.450 and make it the total; the two unlabelled amounts conflict
    figures = budget(
        "Das Land stellt dem Kreis 1.230.450 Euro zur Verfügung.",
        "Für Maßnahmen stehen",
        "615.225",
        "Euro bereit.",
    )
    assert figures.total_eur is None
    assert figures.conflicting_eur == (Decimal("1230450.00"), Decimal("615225.00"))


def test_a_share_opening_section_4_does_not_make_the_later_total_a_share() -> None:
    # "Davon" is the very first word of the region, and only the first amount follows it: the
    # total after the comma is measured from the share's end, not from the sentence start
    figures = budget(
        "Davon sind 40.000 Euro für Teilzeitausbildung vorgesehen, das Land stellt insgesamt"
        " 557.900 Euro bereit."
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 1)
    assert figures.conflicting_eur == ()


def test_a_bare_amount_is_exact_and_labelled_by_its_own_line_and_the_next() -> None:
    # "221.200,00" alone on its line: an exact amount (not a rounded one that an exact amount
    # elsewhere would drop); the AQB named on the line before is not its label
    figures = budget(
        "Das Land stellt 557.900 Euro bereit.",
        "Zusätzlich zum AQB",
        "221.200,00",
        "aus dem Arbeitsmarktbudget.",
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 1)
    assert [(o.amount_eur, o.provenance.line) for o in figures.other_budgets] == [
        (Decimal("221200.00"), 3)
    ]


def test_the_nearer_budget_name_is_measured_within_the_amounts_own_clause() -> None:
    # on the second line of § 4: the AQB stands 22 characters before the amount, the
    # labour-market budget 23 after it, so the amount is the AQB total
    line = "Aus dem Qualifizierungsbudget 557.900 Euro neben dem Arbeitsmarktbudget."
    assert line.index("557") - line.index("Qualif") == 22
    assert line.index("Arbeits") - line.index("557") == 23
    figures = budget("§ 4 Budget", line)
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("557900.00"), 2)
    assert others(figures) == []


# ------------------------------------------------------- grand totals and the other budgets


def test_a_grand_total_of_the_two_labelled_budgets_is_not_a_third_candidate() -> None:
    figures = budget(
        "Das Land stellt insgesamt 557.900 Euro zur Verfügung: 336.700 Euro aus dem"
        " Qualifizierungsbudget und 221.200 Euro aus dem Arbeitsmarktbudget."
    )
    assert (figures.total_eur, figures.total_provenance.line) == (Decimal("336700.00"), 1)
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]
    assert figures.conflicting_eur == ()


def test_a_labour_market_budget_alone_is_reported_without_a_total() -> None:
    figures = budget("Aus dem Arbeitsmarktbudget stammen 221.200 Euro.")
    assert (figures.total_eur, figures.total_provenance, figures.conflicting_eur) == (
        None,
        None,
        (),
    )
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]


def test_conflicting_aqb_amounts_keep_the_labour_market_budget() -> None:
    figures = budget(
        "Das Qualifizierungsbudget beträgt 336.700 Euro.",
        "Das Ausbildungsbudget beträgt 400.000 Euro.",
        "Aus dem Arbeitsmarktbudget stammen 221.200 Euro.",
    )
    assert (figures.total_eur, figures.total_provenance) == (None, None)
    assert figures.conflicting_eur == (Decimal("336700.00"), Decimal("400000.00"))
    assert others(figures) == [("Arbeitsmarktbudget", Decimal("221200.00"))]


def test_a_plain_total_alone_has_no_other_budgets() -> None:
    figures = budget(f"{GRANT}.")
    assert figures == BudgetFigures(
        Decimal("557900.00"), Provenance(page=1, line=1, text=f"{GRANT}."), ()
    )
