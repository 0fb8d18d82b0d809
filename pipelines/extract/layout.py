"""From physical lines to logical lines: strip page furniture, rejoin hyphenation and wraps.

Page furniture is what a layout repeats on every page: a running header ("Zielvereinbarung 2025 -
Landkreis Bergstraße"), a footer ("Seite 2 von 4", "- 2 -", a bare page number). It is found in
the top and bottom lines of each page (or, in a text file without form feeds, of each stretch
that a "Seite N von M" line closes).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from pipelines.extract.lines import PageGeometry, PhysicalLine
from pipelines.parse.measures import is_measure_wording
from pipelines.parse.records import SourceLine

_ZONE = 3  # lines at the top and bottom of a page where furniture may stand
_PAGE_MARKER = re.compile(
    r"^\s*(?:(?:Seite|Page|S\.)\s*\d+\s*(?:(?:von|of|/)\s*\d+)?|-\s*\d+\s*-|–\s*\d+\s*–|\d+\s*/\s*\d+)\s*$",
    re.IGNORECASE,
)
_PAGE_OF = re.compile(r"^\s*Seite\s+\d+\s+von\s+\d+\s*$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
# a new logical line always starts here: bullets, numbered headings, paragraphs (§), signatures
_BLOCK_START = re.compile(
    r"^\s*(?:[-–—•*·▪o]\s|[a-z]\)\s|\d{1,2}[.)]\s|§\s*\d|[A-ZÄÖÜ][\w .()-]{1,40},\s*(?:den\s+)?\d{1,2}\.)"
)
_HYPHEN_END = re.compile(r"[A-Za-zÄÖÜäöüß]-$")
_KEEP_HYPHEN_WORDS = {"und", "oder", "bis", "sowie", "bzw.", "als"}
_SOFT_HYPHEN = re.compile("\ufffe(\\S*)")
# a thousands group cut by a line break: "1.230." + "450 Euro" (never "im Jahr 2025." + "450")
_NUMBER_CUT = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})*\.$")
_NUMBER_REST = re.compile(r"^\d{3}(?!\d)")
# characters that look like a space or are invisible: they must not split or glue words
_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space (amounts: "1 230 450 €")
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u200b": "",  # zero-width space
        "\u2060": "",  # word joiner
        "\ufeff": "",  # stray byte-order mark
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
    }
)
_SOFT_HYPHEN_CHAR = "\u00ad"
# any character normalise_characters rewrites or drops: most lines hold none, and
# str.translate walks every character through a dict lookup when a line is not pure ASCII
_MAPPED_CHAR = re.compile("[" + "".join(chr(code) for code in _CHAR_MAP) + _SOFT_HYPHEN_CHAR + "]")


def strip_furniture(pages: list[list[PhysicalLine]]) -> list[list[PhysicalLine]]:
    """Pages without running headers, footers and page numbers."""
    segments = _segments(pages)
    zone_keys_by_segment = [_zone_keys(segment, page_number) for page_number, segment in segments]
    repeated = _repeated_zone_lines(zone_keys_by_segment)
    kept_by_page: dict[int, list[PhysicalLine]] = {index + 1: [] for index in range(len(pages))}
    for (page_number, segment), zone_keys in zip(segments, zone_keys_by_segment, strict=True):
        for line in segment:
            if not _is_furniture(line, page_number, zone_keys.get(id(line)), repeated):
                kept_by_page[line.page].append(line)
    return [kept_by_page[index + 1] for index in range(len(pages))]


def _segments(pages: list[list[PhysicalLine]]) -> list[tuple[int, list[PhysicalLine]]]:
    """Pages, with a single text page split after every "Seite N von M" line (virtual pages)."""
    if len(pages) != 1:
        return [(index + 1, page) for index, page in enumerate(pages)]
    segments: list[tuple[int, list[PhysicalLine]]] = []
    current: list[PhysicalLine] = []
    for line in pages[0]:
        current.append(line)
        if _PAGE_OF.match(line.text):
            segments.append((len(segments) + 1, current))
            current = []
    segments.append((len(segments) + 1, current))
    return segments


def _normalise(text: str, page_number: int) -> str:
    """A line with its page number masked, so "Bergstraße - 2" and "Bergstraße - 3" compare equal."""
    flat = " ".join(text.split()).casefold()
    if str(page_number) not in flat:  # most zone lines hold no number: spare the regex
        return flat
    return re.sub(rf"(?<!\d){page_number}(?!\d)", "#", flat)


def _zone_keys(segment: list[PhysicalLine], page_number: int) -> dict[int, str]:
    """Key per zone line: its slot (0, 1, ... from the top; -1, -2, ... from the bottom) and text.

    Running headers and footers stand in the same slot on every page; body text that happens to
    repeat (a "- keine" bullet) does not.
    """
    keys: dict[int, str] = {}
    for slot in range(min(_ZONE, len(segment))):
        keys[id(segment[slot])] = f"{slot}|{_normalise(segment[slot].text, page_number)}"
    for slot in range(1, min(_ZONE, len(segment)) + 1):
        line = segment[-slot]
        keys.setdefault(id(line), f"-{slot}|{_normalise(line.text, page_number)}")
    return keys


def _repeated_zone_lines(zone_keys_by_segment: list[dict[int, str]]) -> set[str]:
    """Zone keys standing on at least half the pages (min. 2): the running header and footer."""
    if len(zone_keys_by_segment) < 2:
        return set()
    counts: Counter[str] = Counter()
    for zone_keys in zone_keys_by_segment:
        counts.update(set(zone_keys.values()))
    needed = max(2, math.ceil(len(zone_keys_by_segment) / 2))
    return {key for key, count in counts.items() if count >= needed}


def _is_furniture(
    line: PhysicalLine, page_number: int, zone_key: str | None, repeated: set[str]
) -> bool:
    """True for page markers anywhere, and for repeated or numbering lines in a page's zone."""
    if _PAGE_OF.match(line.text):
        return True
    if zone_key is None:
        return False
    if _PAGE_MARKER.match(line.text) or zone_key in repeated:
        return True
    bare = _BARE_NUMBER.match(line.text)
    return bool(bare and int(bare.group(1)) == page_number)


def join_lines(pages: list[list[PhysicalLine]], geometry: list[PageGeometry]) -> list[SourceLine]:
    """Logical lines: hyphenated breaks and wrapped lines of one paragraph rejoined.

    Each logical line's text grows in a plain list while its paragraph is joined; its
    SourceLine is built once at the end (frozen records cost an allocation per update).
    """
    starts: list[PhysicalLine] = []  # first physical line of each logical line
    texts: list[str] = []
    previous: PhysicalLine | None = None
    previous_geometry: PageGeometry | None = None
    for page_lines, page_geometry in zip(pages, geometry, strict=True):
        for line in page_lines:
            text = normalise_characters(_resolve_soft_hyphens(line.text))
            if previous is not None and previous_geometry is not None and texts:
                joined = _join(texts[-1], previous, line, text, previous_geometry)
                if joined is not None:
                    texts[-1] = joined
                    previous, previous_geometry = line, page_geometry
                    continue
            starts.append(line)
            texts.append(text.rstrip())
            previous, previous_geometry = line, page_geometry
    return [
        SourceLine(start.page, start.line, _tidy(text))
        for start, text in zip(starts, texts, strict=True)
    ]


def _join(
    accumulated: str,
    previous: PhysicalLine,
    line: PhysicalLine,
    text: str,
    geometry: PageGeometry,
) -> str | None:
    """The joined text when ``line`` continues the previous one, else None."""
    if line.gap_before or _BLOCK_START.match(text) or _has_cells(text, accumulated):
        return None  # a tab separates columns or cells: such lines never wrap into each other
    continuation = text.strip()
    if accumulated.endswith(_SOFT_HYPHEN_CHAR):  # the author's hyphenation point: drop it
        return accumulated[:-1] + continuation
    if _NUMBER_REST.match(continuation) and _ends_like(accumulated, ".", _NUMBER_CUT):
        return accumulated + continuation  # an amount cut after its thousands dot
    hyphen_end = _ends_like(accumulated, "-", _HYPHEN_END)
    if hyphen_end:
        first_word = continuation.split()[0]
        if first_word in _KEEP_HYPHEN_WORDS:
            return f"{accumulated} {continuation}"
        if first_word[:1].islower():
            return accumulated[:-1] + continuation
    if not _was_wrapped(previous, line, geometry):
        return None
    if hyphen_end:
        return accumulated + continuation  # "Teilzeit-" + "Ausbildung": a compound keeps its hyphen
    return f"{accumulated} {continuation}"


def _ends_like(text: str, last_char: str, pattern: re.Pattern[str]) -> bool:
    """``pattern.search(text)`` for a pattern anchored at the end (``$``) of a line that must end
    in ``last_char``.

    The accumulated paragraph grows with every joined line, so searching all of it for an
    ending made joining quadratic; ``$`` also matches before one final newline, hence two chars.
    """
    return last_char in text[-2:] and pattern.search(text) is not None


def _has_cells(*texts: str) -> bool:
    """True when a tab stands between words (columns or table cells), not as indentation."""
    return any(
        "\t" in text and "\t" in text.strip() for text in texts
    )  # strip() copies: test first


def _was_wrapped(previous: PhysicalLine, line: PhysicalLine, geometry: PageGeometry) -> bool:
    """A line wrapped when the next line's first word would not have fit after it."""
    if geometry.right_limit is None or previous.page != line.page:
        return previous.page != line.page and _cross_page_wrap(previous, geometry)
    tolerance = geometry.space_width
    needed = previous.right + geometry.space_width + line.first_word_width
    return needed > geometry.right_limit - tolerance


# a list item's bullet and the line it opens; a line a lost bullet may have opened: a name
# beginning with a capital, no digit in it, no sentence's end after it
_BULLET_ITEM = re.compile(r"^\s*([-–*•·o])\s+\S")
_BARE_ITEM = re.compile(r"^[A-ZÄÖÜ][^\d]{2,99}(?<![.:;,])$")
# the room (in spaces) a line leaves before the margin that the next line's first word would
# have fit into with this much to spare: only then is the next line surely no wrapped rest
_ITEM_SLACK_SPACES = 10


def restore_lost_bullets(lines: list[PhysicalLine], geometry: PageGeometry) -> list[PhysicalLine]:
    """An OCR'd page's lines with a list item's bullet OCR lost (or read as nothing) written
    again: a line after a bulleted item that begins like a name (``_BARE_ITEM``), is no measure
    heading's wording, and whose first word would have fit after the item with room to spare,
    so it is no wrapped rest of the item's name ("- Digitalisierung Migration" + "Mobile
    Jobberatung"). It gets the item's bullet; its name is then judged like every other
    (pipelines.parse.scan_checks). Any other line stays as it is."""
    if geometry.right_limit is None:
        return lines
    slack = _ITEM_SLACK_SPACES * geometry.space_width
    for previous, line in zip(lines, lines[1:], strict=False):
        item = _BULLET_ITEM.match(previous.text)
        text = line.text.strip()
        if (
            item is None
            or line.gap_before
            or not _BARE_ITEM.match(text)
            or previous.right + geometry.space_width + line.first_word_width
            > geometry.right_limit - slack
            or is_measure_wording(text)
        ):
            continue
        line.text = f"{item.group(1)} {text}"
    return lines


def _cross_page_wrap(previous: PhysicalLine, geometry: PageGeometry) -> bool:
    """Across a page break only a line that reaches the right margin continues."""
    if geometry.right_limit is None:
        return False
    return previous.right >= geometry.right_limit * 0.9


def _resolve_soft_hyphens(text: str) -> str:
    """pdfium joins "Ausbildungs-/vorbereitung" itself, leaving U+FFFE where the hyphen was."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(1)
        if word in _KEEP_HYPHEN_WORDS:
            return f"- {word}"
        if word[:1].isupper():
            return f"-{word}"
        return word

    if "\ufffe" not in text:  # pdfium's marker is rare: skip the regex pass for most lines
        return text
    return _SOFT_HYPHEN.sub(replace, text)


def normalise_characters(text: str) -> str:
    """Text with look-alike spaces made plain, ligatures spelled out, invisible marks removed.

    A soft hyphen (U+00AD) inside a line is dropped; one at the end of a line is kept so the
    join step knows the word continues on the next line.
    """
    if not _MAPPED_CHAR.search(text):
        return text
    text = text.translate(_CHAR_MAP)
    stripped = text.rstrip()
    if stripped.endswith(_SOFT_HYPHEN_CHAR):
        return stripped[:-1].replace(_SOFT_HYPHEN_CHAR, "") + _SOFT_HYPHEN_CHAR
    return text.replace(_SOFT_HYPHEN_CHAR, "")


def _tidy(text: str) -> str:
    """Drop trailing blanks and a soft hyphen that found no continuation line."""
    return text.rstrip().removesuffix(_SOFT_HYPHEN_CHAR).rstrip()
