"""Mending one OCR model's reading with a line as the other model read it (issue 16):
``pipelines.parse.mend`` finds the same line in the other reading and takes it with its own
confidences; ``dispatch._mended`` takes the lines a parser or check stopped at, one at a time."""

from __future__ import annotations

from pipelines.parse.mend import aligned_line, with_line_from
from pipelines.parse.records import ExtractedDocument, SourceLine

_ROW = "7; 3; Integrationslotsen-Marburg; Frauenbildungswerk Marburg e.V.; 137.000,00 EUR"


def _reading(*texts: str, first_line: int = 1, confidence: float = 90.0) -> ExtractedDocument:
    """One model's reading of page 1, its lines numbered from ``first_line``, each read at
    ``confidence``."""
    lines = tuple(SourceLine(1, first_line + index, text) for index, text in enumerate(texts))
    places = [(line.page, line.line) for line in lines]
    return ExtractedDocument(
        lines=lines,
        page_count=1,
        media_type="application/pdf",
        ocr_pages=(1,),
        confidence=dict.fromkeys(places, confidence),
        word_confidences={
            (line.page, line.line): tuple((word, confidence) for word in line.text.split())
            for line in lines
        },
    )


def test_the_same_line_is_found_a_line_or_two_away_and_only_where_read_otherwise() -> None:
    first = _reading(
        "Bewilligte Projekte:", "%S Integrationslotsen-Marburg; Frauen…; 137.000,00 EUR"
    )
    # the second model read a stamp's words as a line of their own above: its numbers shift
    second = _reading("EINGEGANGEN", "Bewilligte Projekte:", _ROW, first_line=1)
    theirs = aligned_line(first, second, (1, 2))
    assert theirs == SourceLine(1, 3, _ROW)
    # read alike by both: nothing to take
    assert aligned_line(first, second, (1, 1)) is None
    # a line that is no reading of the same words is not taken, nor one too far away
    unlike = _reading("Bewilligte Projekte:", "Gesamtbetrag der Zuwendung: 137.000,00 EUR")
    assert aligned_line(first, unlike, (1, 2)) is None
    far = _reading("a", "b", "c", "d", "e", _ROW)
    assert aligned_line(first, far, (1, 2)) is None
    assert aligned_line(first, second, (2, 2)) is None  # no such place


def test_a_line_taken_from_the_other_reading_keeps_its_place_and_brings_its_confidences() -> None:
    first = _reading("Bewilligte Projekte:", "%S Integrationslotsen-Marburg; …; 137.000,00 EUR")
    second = _reading("EINGEGANGEN", "Bewilligte Projekte:", _ROW, confidence=71.0)
    mended = with_line_from(first, second, (1, 2), SourceLine(1, 3, _ROW))
    assert mended.lines == (SourceLine(1, 1, "Bewilligte Projekte:"), SourceLine(1, 2, _ROW))
    assert mended.confidence == {(1, 1): 90.0, (1, 2): 71.0}
    assert mended.word_confidences[1, 2] == tuple((word, 71.0) for word in _ROW.split())
    # what the other reading did not measure for that line the mended line has not either
    assert (1, 2) not in mended.agreed_confidence
    assert first.lines[1].text.startswith("%S")  # the reading itself is unchanged
