"""The extraction and parsing fast paths give what the plain computation gives.

Several hot helpers skip work when a cheap test shows it cannot change the result (no mapped
character in a line, no currency word, a line that cannot end in a hyphen). Each property here
compares such a helper with the plain computation it replaced, on text built from exactly the
characters the shortcut looks for, so a shortcut that drops a case fails here.
"""

from __future__ import annotations

from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract import PDF, extract_document
from pipelines.extract.layout import (
    _CHAR_MAP,
    _HYPHEN_END,
    _NUMBER_CUT,
    _SOFT_HYPHEN_CHAR,
    _ends_like,
    _has_cells,
    normalise_characters,
)
from pipelines.extract.textfile import read_text_lines
from pipelines.parse.amounts import (
    _AMOUNT_AFTER,
    _AMOUNT_BEFORE,
    _may_hold_currency,
    find_amounts,
)

# characters the shortcuts test for, mixed with ordinary German text and digits
_TRICKY = "ab Zß-.,;\t \n€EURuroMio\u00a0\u202f\u2009\u200b\ufeff\ufb01\u00ad0123456789"
tricky_text = st.text(alphabet=_TRICKY, max_size=40)


def _plain_normalise(text: str) -> str:
    """normalise_characters as it was written before its fast path."""
    text = text.translate(_CHAR_MAP)
    stripped = text.rstrip()
    if stripped.endswith(_SOFT_HYPHEN_CHAR):
        return stripped[:-1].replace(_SOFT_HYPHEN_CHAR, "") + _SOFT_HYPHEN_CHAR
    return text.replace(_SOFT_HYPHEN_CHAR, "")


@settings(max_examples=300, deadline=None)
@given(tricky_text)
def test_normalise_characters_matches_plain_translation(text: str) -> None:
    assert normalise_characters(text) == _plain_normalise(text)


@settings(max_examples=300, deadline=None)
@given(tricky_text)
def test_line_end_tests_match_a_full_search(text: str) -> None:
    assert _ends_like(text, "-", _HYPHEN_END) == bool(_HYPHEN_END.search(text))
    assert _ends_like(text, ".", _NUMBER_CUT) == bool(_NUMBER_CUT.search(text))


@settings(max_examples=300, deadline=None)
@given(tricky_text, tricky_text)
def test_cell_test_matches_stripped_search(first: str, second: str) -> None:
    assert _has_cells(first, second) == any("\t" in text.strip() for text in (first, second))


@settings(max_examples=500, deadline=None)
@given(tricky_text)
def test_amounts_need_a_currency_word(text: str) -> None:
    """find_amounts returns early without a currency word: then neither pattern may match."""
    if not _may_hold_currency(text):
        assert not _AMOUNT_AFTER.search(text) and not _AMOUNT_BEFORE.search(text)
        assert find_amounts(text) == []


def test_text_lines_keep_first_word_width_and_blank_gaps() -> None:
    pages, _ = read_text_lines("Erste Zeile hier\n   \n  Zweite\tZeile  \n")
    assert [(line.text, line.first_word_width, line.gap_before) for line in pages[0]] == [
        ("Erste Zeile hier", 5.0, False),
        ("  Zweite\tZeile", 6.0, True),
    ]


def _two_column_pdf() -> bytes:
    """Place and date of both parties on one baseline, as signature blocks stand, plus prose."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 40, "Wiesbaden, den 2.8.2025")
    pdf.text(120, 40, "Heppenheim, den 8.8.2025")
    pdf.text(20, 60, "Das Land und der Kreis vereinbaren Folgendes.")
    return bytes(pdf.output())


def test_pdf_column_gap_becomes_a_tab_and_word_spaces_stay() -> None:
    texts = [line.text for line in extract_document(_two_column_pdf(), PDF).lines]
    assert "Wiesbaden, den 2.8.2025\tHeppenheim, den 8.8.2025" in texts
    assert "Das Land und der Kreis vereinbaren Folgendes." in texts
