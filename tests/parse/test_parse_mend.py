"""Mending one OCR model's reading with a line as the other model read it (issue 16):
``pipelines.parse.mend`` finds the same line in the other reading and takes it with its own
confidences; ``dispatch._mended`` takes the lines a parser or check stopped at, one at a time."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipelines.parse.mend import aligned_line, read_alike, with_line_from
from pipelines.parse.records import ExtractedDocument, QuarantineError, SourceLine

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


def test_a_line_the_other_reading_broke_in_two_is_not_taken_for_its_first_half() -> None:
    """Seed 8080 at 200 dpi: the second model joined a project to the measure heading above
    it, the first read the project on a line of its own. The heading mended as the first model
    read it would drop the project from the list unnoticed: it is no reading of the same line."""
    heading = "4. Weiterbildungsmaßnahmen für Personal (Mittelansatz: 40.600,00 EUR)"
    project = "* Interkulturelle Kompetenz für Fachkräfte"
    joined = _reading("Bewilligte Projekte:", f"{heading} {project[2:]}")
    apart = _reading("Bewilligte Projekte:", heading.replace("für", "füt"), "", project)
    assert aligned_line(joined, apart, (1, 2)) is None
    # the same heading misread, the project nowhere else: the first half is what was printed
    alone = _reading("Bewilligte Projekte:", heading.replace("für", "füt"))
    assert aligned_line(joined, alone, (1, 2)) == SourceLine(1, 2, alone.lines[1].text)
    # a heading read otherwise but whole is taken as before
    assert (
        aligned_line(_reading("Bewilligte Projekte:", heading), apart, (1, 2)) == (apart.lines[1])
    )


def test_a_line_the_other_reading_cut_short_is_not_taken() -> None:
    """Seed 9091 at 150 dpi: the first model read "- Digitalisierung Migrat", the second
    "- Digitalisierung"; the first's line mended as the second read it landed the project a word
    short. A line whose letters the other reading holds only up to three or more before its
    end is no reading of it; two letters fewer (a speck's) still are."""
    mine = _reading("Bewilligte Projekte:", "- Digitalisierung Migrat")
    assert aligned_line(mine, _reading("Bewilligte Projekte:", "- Digitalisierung"), (1, 2)) is None
    specks = _reading("Bewilligte Projekte:", "- Digitalisierung Mi")
    shorter = _reading("Bewilligte Projekte:", "- Digitalisierung M")
    assert aligned_line(specks, shorter, (1, 2)) == shorter.lines[1]
    assert aligned_line(mine, _reading("x", "- Digitalisierung Migration"), (1, 2)) is not None


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


def test_a_line_both_models_read_alike_counts_at_the_agreed_confidence() -> None:
    from pipelines.extract.ocr import AGREED_CONFIDENCE

    first = _reading("Bewilligte Projekte:", _ROW, confidence=62.0)
    second = _reading("EINGEGANGEN", "Bewilligte Projekte:", _ROW.replace("7; 3", "7, 3"))
    marked = read_alike(first, second)
    # line 1 read alike two lines off; the row read otherwise (a separator) is not
    assert marked.alike_confidence == {(1, 1): AGREED_CONFIDENCE}
    assert read_alike(first, _reading("Bewilligte Projekte:", _ROW)).alike_confidence == {
        (1, 1): AGREED_CONFIDENCE,
        (1, 2): AGREED_CONFIDENCE,
    }
    # a text line (no OCR confidence) is no reading of a model
    assert read_alike(replace(first, confidence={}), second).alike_confidence == {}


def test_a_figure_read_low_counts_where_the_other_model_read_it_alike_and_the_sums_agree() -> None:
    """The row's amount read at 62 passes where the other model read the row letter for letter
    and the rows sum to the total; no name is taken by it."""
    from datetime import date

    from pipelines.parse.records import Provenance
    from pipelines.parse.scan_checks import check_decision
    from tests.support.decision_records import decision

    record = decision(
        "RPKS-57-AQB-2025-06431-01",
        "grant",
        date(2025, 4, 1),
        [(3, "Integrationslotsen-Marburg", "Frauenbildungswerk Marburg e.V.", "137000.00")],
    )
    row = replace(record.lines[0], provenance=Provenance(page=1, line=2, text=_ROW))
    record = replace(record, lines=(row,))
    name = "RPKS-57-AQB-2025-06431-01_zuwendungsbescheid_scan.pdf"
    low = _reading("Bewilligte Projekte:", _ROW, confidence=62.0)
    # the words read at 95 but the amount's at 62, the row read once (a name needs two readings)
    words = tuple((word, 62.0 if word == "137.000,00" else 95.0) for word in _ROW.split())
    low = replace(low, word_confidences={**low.word_confidences, (1, 2): words})
    read_low = replace(low, agreed_confidence={(1, 1): 90.0})
    with pytest.raises(QuarantineError) as raised:
        check_decision(record, read_low, name)
    assert raised.value.detail_de == "Betrag unsicher gelesen (Seite 1, Zeile 2)"
    both = read_alike(read_low, _reading("Bewilligte Projekte:", _ROW))
    with pytest.raises(QuarantineError) as raised:  # the amount passes; the name is not taken
        check_decision(record, both, name)
    assert raised.value.detail_de.startswith("Projektname unsicher gelesen (Seite 1, Zeile 2)")
    # the name taken where the first model read its line twice alike: the scan passes
    check_decision(record, replace(both, agreed_confidence={(1, 1): 90.0, (1, 2): 90.0}), name)
