"""A scan's line one OCR model misread, taken as the other model read it (pure).

Both models of a scan (``pipelines.parse.dispatch._read_again``) often misread different lines:
the first read a decision row's "7; 3;" beside a stamp as "%S", the second read the row whole
but lost the letter's title. Neither reading passes alone. A mended reading is the one model's
reading with the line its parser or checks stopped at replaced by the other model's reading of
the same line, with that line's confidences: every check of a scan then judges the mended
reading as it judges one model's (its sums, its confidences, its names), and a name the other
reading spelled a letter otherwise holds it (``scan_checks.check_against_first_reading``).
A line both models read letter for letter is marked as read twice (``read_alike``).
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from pipelines.extract.ocr import AGREED_CONFIDENCE
from pipelines.parse.ocr_noise import letters_digits
from pipelines.parse.records import ExtractedDocument, SourceLine

# how far the other reading's line numbers may lie from the one's: a stamp's words read as a line
# of their own, or a line one model split in two, shift the numbering by a line or two
_LINE_SHIFT = 3
# the similarity (rapidfuzz ratio, 0-100) above which two lines are one line read twice
_SAME_LINE = 60
# the per-line readings a mended line takes from the reading it comes from
_PER_LINE = (
    "confidence",
    "text_confidence",
    "agreed_confidence",
    "reread_confidence",
    "umlaut_confidence",
    "alike_confidence",
    "confirmed_segments",
    "word_confidences",
)

Place = tuple[int, int]


def aligned_line(
    doc: ExtractedDocument, other: ExtractedDocument, place: Place
) -> SourceLine | None:
    """The other reading's line at ``place`` of ``doc``: the most similar line on the same page
    within a few lines of it, when it is similar enough to be that line and was read otherwise."""
    mine = next((line for line in doc.lines if (line.page, line.line) == place), None)
    if mine is None:
        return None
    near = [
        line
        for line in other.lines
        if line.page == place[0] and abs(line.line - place[1]) <= _LINE_SHIFT
    ]
    best = max(near, key=lambda line: fuzz.ratio(line.text, mine.text), default=None)
    if best is None or best.text == mine.text or fuzz.ratio(best.text, mine.text) < _SAME_LINE:
        return None
    if _broken_off(mine, best, near) or _cut_short(mine, best):
        return None
    return best


# letters a line read by the other model may lack at its end before it is no reading of it
_CUT_LETTERS = 3


def _cut_short(mine: SourceLine, theirs: SourceLine) -> bool:
    """``theirs`` holds ``mine``'s letters and digits up to a point and lacks the rest: the
    other model lost the line's last word ("- Digitalisierung" where the one read "-
    Digitalisierung Migrat"), and the mended name would be a shorter one, checked as such."""
    ours, their = letters_digits(mine.text), letters_digits(theirs.text)
    return ours.startswith(their) and len(ours) - len(their) >= _CUT_LETTERS


# a word this many letters or digits long is a word of print, not a speck read as one
_WORD_LETTERS = 5


def _broken_off(mine: SourceLine, theirs: SourceLine, near: list[SourceLine]) -> bool:
    """A word of ``mine`` that ``theirs`` lacks stands on another of the other reading's lines
    near it: the other model read in two lines what ``doc``'s model joined in one, and taking
    ``theirs`` would drop the rest (a project the second model joined to the measure heading
    above it, "… (Mittelansatz: 40.600,00 EUR) Interkulturelle Kompetenz für Fachkräfte",
    vanished when the heading was mended as the first model read it)."""
    theirs_words = _long_words(theirs.text)
    elsewhere = set().union(*(_long_words(line.text) for line in near if line is not theirs))
    return bool((_long_words(mine.text) - theirs_words) & elsewhere)


def _long_words(text: str) -> set[str]:
    """The letters and digits of ``text``'s words of ``_WORD_LETTERS`` or more."""
    keys = (letters_digits(word) for word in text.split())
    return {key for key in keys if len(key) >= _WORD_LETTERS}


def with_line_from(
    doc: ExtractedDocument, other: ExtractedDocument, place: Place, theirs: SourceLine
) -> ExtractedDocument:
    """``doc`` with its line at ``place`` read as ``other`` read it (``theirs``), with the
    confidences ``other`` gave that line; the line keeps its place in ``doc``."""
    lines = tuple(
        SourceLine(line.page, line.line, theirs.text) if (line.page, line.line) == place else line
        for line in doc.lines
    )
    source = (theirs.page, theirs.line)
    per_line = {}
    for name in _PER_LINE:
        values = dict(getattr(doc, name))
        values.pop(place, None)
        if source in getattr(other, name):
            values[place] = getattr(other, name)[source]
        per_line[name] = values
    return replace(doc, lines=lines, **per_line)


def read_alike(doc: ExtractedDocument, other: ExtractedDocument) -> ExtractedDocument:
    """``doc`` with each OCR'd line the other model read with exactly the same text, a few
    lines off at most, at the agreed confidence (``ExtractedDocument.alike_confidence``): two
    networks read its figures alike, which counts where a cross-check confirms them (the first
    model read a row's "9; 3;" glued as '"93;' at 27, the second the row letter for letter,
    and the rows sum to the total). The line is judged whole, as a second reading of the same
    model is (``scan_checks._confidence``)."""
    alike = {}
    for line in doc.lines:
        place = (line.page, line.line)
        if place not in doc.confidence:
            continue
        if any(
            theirs.text == line.text
            for theirs in other.lines
            if theirs.page == line.page and abs(theirs.line - line.line) <= _LINE_SHIFT
        ):
            alike[place] = max(doc.confidence[place], AGREED_CONFIDENCE)
    return replace(doc, alike_confidence=alike)
