"""OCR of PDF pages without a text layer: render with pypdfium2, read with Tesseract (``deu``)
in process (pipelines.extract.tesseract).

A scanned page becomes the same ``PhysicalLine``/``PageGeometry`` structures the text layer
gives (in pixels instead of points), so furniture stripping, wrap joining and the parsers treat
both alike. Each line also carries Tesseract's confidence (0-100): the lowest word confidence of
its words holding a digit (the figures are what must never be misread), else of all its words.

Tesseract runs with ``OMP_THREAD_LIMIT=1``: one thread per parse worker (its default threading
took ten times longer on a busy 2-core machine, issue 16). OCR text is cached by content hash
(the PDF's sha256, the page number, the settings, the Tesseract version and, for the second
model, its file's hash) in ``AQB_OCR_CACHE_DIR``, outside the warehouse, so the same bytes are
never read twice.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import os
import re
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pipelines.config import OcrSettings, load_ocr_settings
from pipelines.extract.lines import PageGeometry, PhysicalLine
from pipelines.extract.tesseract import LANGUAGE, Segmentation, read_tsv, tesseract_version
from pipelines.parse.lexicon import restore_place_names
from pipelines.parse.ocr_noise import LONE_BAR, UMLAUT, letters_digits

# a page is read as one uniform block of text (psm 6): side-by-side signature blocks stay on
# one line (a wide gap becomes a tab, as in the text layer); automatic segmentation reorders
# such columns. Named in the cache key as the command line's option was.
_PAGE_SEGMENTATION = f"--psm {Segmentation.BLOCK.value}"
CACHE_FORMAT = 14  # bump when the cached structure or the image preparation changes
_TSV_KEYS = ("block_num", "par_num", "line_num", "text", "left", "top", "width", "height", "conf")
_GAP_FACTOR = 1.45  # as in pipelines.extract.pdf: a paragraph break in line spacing
_COLUMN_GAP_HEIGHTS = 3.0  # a blank this wide (in word heights) separates columns
_CELL_CONFIDENCE = 80.0  # a column cell with no word read this surely is a mark, not text
# the line's main cell (most letters and digits) stays with a word of four or more read this
# surely: "1. Ausbildungsvorbereitung" (63) beside a speck read as "a" is the line, not a mark
_MAIN_CELL_CONFIDENCE = 50.0
_SPACE_HEIGHTS = 0.4  # width of a space relative to the median word height

# Called with the number of pages about to be OCR'd, before any is read: the parse worker
# tells its watchdog to allow the extra time (pipelines.ingest.pool).
_page_hook: Callable[[int], None] | None = None


def set_page_hook(hook: Callable[[int], None] | None) -> None:
    """Install the callback told how many pages a document will OCR (None removes it)."""
    global _page_hook
    _page_hook = hook


# The OCR settings of the run, handed to each parse worker by the ingest that started it: a
# worker forks from a fork server started earlier, whose environment may predate the run's.
_settings: OcrSettings | None = None


def configure(settings: OcrSettings | None) -> None:
    """Use ``settings`` in this process from now on (None: read the environment each time)."""
    global _settings
    _settings = settings


def current_settings() -> OcrSettings:
    """The configured settings, else the environment's (a direct parse, ``aqb parse``)."""
    return _settings if _settings is not None else load_ocr_settings()


def announce_pages(count: int) -> None:
    """Tell the installed hook that ``count`` pages are about to be OCR'd."""
    if _page_hook is not None and count:
        _page_hook(count)


@dataclass
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float


# a later reading of one line: its words, each with the confidence that reading gave it
Reading = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class OcrPage:
    """One OCR'd page: its lines (with confidence) and geometry, as cached."""

    lines: tuple[PhysicalLine, ...]
    confidences: tuple[float, ...]  # per line, same order
    geometry: PageGeometry
    # per line, same order: the lowest confidence of any word (names, not only figures)
    text_confidences: tuple[float, ...] = ()
    # per line, same order: for a line whose second reading gave the same text its confidence
    # raised to ``AGREED_CONFIDENCE``, else 0 (not confirmed by a second reading)
    agreed_confidences: tuple[float, ...] = ()
    # per line, same order: the lowest confidence of its words with an umlaut (100 without)
    umlaut_confidences: tuple[float, ...] = ()
    # per line, same order: the letters and digits of its runs of words a later reading read
    # alike (``confirmed_segments_of``)
    confirmed_segments: tuple[tuple[str, ...], ...] = ()
    # per line, same order: its words as first read, each with its confidence
    word_confidences: tuple[tuple[tuple[str, float], ...], ...] = ()
    # per line, same order: the later reading that spelled the line alike, its own confidence
    # in the line's figures (``reading_confidence``), else 0
    reread_confidences: tuple[float, ...] = ()


@functools.lru_cache(maxsize=4)
def model_identity(model_dir: Path) -> str:
    """The second model's part of the cache key: the sha256 of its file (another file is
    another reader; the installed Tesseract's own model is named by its version)."""
    return hashlib.sha256((model_dir / f"{LANGUAGE}.traineddata").read_bytes()).hexdigest()


def reader_name(model_dir: Path | None) -> str:
    """Which reader read a scan, kept with its parse result so a reviewer can read it again
    alike: "tesseract 5.3.0 deu" (the installed model) or "tesseract 5.3.0 deu@a1b72cc25753"
    (the second model, named by the start of its file's sha256)."""
    name = f"tesseract {tesseract_version()} {LANGUAGE}"
    return name if model_dir is None else f"{name}@{model_identity(model_dir)[:12]}"


def cache_key(
    pdf_sha256: str, page_number: int, settings: OcrSettings, model_dir: Path | None = None
) -> str:
    """Content hash of one page's OCR: the file, the page, how it is read and by which engine
    and model."""
    material = "|".join(
        (
            pdf_sha256,
            str(page_number),
            str(settings.dpi),
            LANGUAGE,
            _PAGE_SEGMENTATION,
            tesseract_version(),
            str(CACHE_FORMAT),
        )
    )
    if model_dir is not None:  # the second model's readings apart; the first's keys as they were
        material += f"|{model_identity(model_dir)}"
    return hashlib.sha256(material.encode()).hexdigest()


def ocr_page(
    render: Callable[[int], object],
    pdf_sha256: str,
    page_number: int,
    settings: OcrSettings,
    model_dir: Path | None = None,
) -> OcrPage:
    """The page's OCR from the cache, else rendered (``render(dpi)`` -> PIL image) and read
    by the installed German model, or by the one in ``model_dir`` (the second reading)."""
    key = cache_key(pdf_sha256, page_number, settings, model_dir)
    cached = _read_cache(settings.cache_dir, key)
    image = None
    if cached is None:
        image = clean_image(render(settings.dpi))
        data = read_tsv(image, Segmentation.BLOCK, model_dir)
        words = {name: list(data[name]) for name in _TSV_KEYS}
        add_missed_lines(image, words, model_dir)
        rereads = reread_lines(image, words, model_dir)
        cached = (words, image.width, rereads)  # type: ignore[attr-defined]
        _write_cache(settings.cache_dir, key, cached)
    words, width, rereads = cached
    if image is None:  # read from the cache: the page is drawn again (no reading) for its ink
        image = clean_image(render(settings.dpi))
    return page_from_tsv(mark_unread_ink(image, words), page_number, width, rereads)


# a line of ink no reading could read, neither the page's nor its own (``add_missed_lines``):
# "- Ausbildungsvorbereitung" between two lines of a measure list, read as nothing by both
# models (grey print in a tight band), left the project out of a record that landed. Within a
# list or table such a line is kept as this mark at confidence 0, so the parser finds a line
# it cannot place where one was printed (a measure list's line that is no heading or project,
# a decision table whose rows no longer sum to the total) and holds the scan. Elsewhere (a
# running header, a heading, a signature's strokes) a lost line publishes nothing.
UNREAD_MARK = "\ufffd"


def mark_unread_ink(image: object, data: dict[str, list]) -> dict[str, list]:
    """``data`` with a word ``UNREAD_MARK`` (confidence 0) over every band ``missed_bands``
    still finds within the page's lists (``list_spans``): ink a text line high that no word of
    the reading covers, here from ``_UNREAD_SHORTEST`` of a word's height (a mark only holds
    the scan for review). A copy: the cache keeps what Tesseract read."""
    spans = list_spans(line_words(data))
    bands = [
        band
        for band in (missed_bands(image, data, _UNREAD_SHORTEST) if spans else [])
        if any(top < (band[1] + band[3]) / 2 < bottom for top, bottom in spans)
    ]
    if not bands:
        return data
    marked = {name: list(values) for name, values in data.items()}
    for number, (left, top, right, bottom) in enumerate(bands, start=_UNREAD_BLOCK):
        for name, value in zip(
            _TSV_KEYS,
            (number, 1, 1, UNREAD_MARK, left, top, right - left, bottom - top, 0.0),
            strict=True,
        ):
            marked[name].append(value)
    return marked


# Tesseract's page reading (psm 6) now and then leaves out a whole line of print ("Bewilligte
# Projekte:" between two paragraphs): ink in a band of a text line's height that no word of
# the reading covers is read again on its own, so no line of a document is silently lost
_INK_BELOW = 128  # grey level below which a pixel of the cleaned page is ink
_MISSED_ROW_INK = 20  # ink pixels a pixel row of a text line holds at least (a speck: a few)
_MISSED_HEIGHTS = (0.6, 1.8)  # a band's height in median word heights to be a line of print
# the shortest band marked as unread ink within a list: a line's rows holding enough ink are
# its x-height and its capitals' (30 rows of "- Arbeitsmarktnahe Qualifizierung Gastronomie")
# where Tesseract's word boxes, descenders and all, were 51 high: at 0.6 the lost project
# went unmarked and the agreement landed without it (read with session 26's trial cleaning)
_UNREAD_SHORTEST = 0.45
_MISSED_REACH = 0.3  # a band is cut out this much (in word heights) higher and lower
_WORD_MARGIN = 3  # pixels around a word's box counted as the word's
# a word of this many letters or digits on a line the line builder drops (read at a low
# confidence among specks) is no cover for its ink: it is read again as a missed line
_DROPPED_WORD_LETTERS = 4
_MISSED_BLOCK = 1000  # recovered lines are numbered as blocks from here (Tesseract's are few)
_UNREAD_BLOCK = 2000  # and lines of ink still unread (``mark_unread_ink``) from here


def missed_bands(
    image: object, data: dict[str, list], shortest: float = _MISSED_HEIGHTS[0]
) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of bands of ink a text line high (``shortest`` to
    ``_MISSED_HEIGHTS[1]`` median word heights) that no word of the reading covers, the words
    of a line the line builder drops whole (``line_words``) counting as none: "zwischen" read
    right but at confidence 0 among specks read as bars is read again on its own. Pure
    function of the image and the words."""
    import numpy as np

    ink = np.asarray(image) < _INK_BELOW
    heights = [
        int(height)
        for text, height, confidence in zip(data["text"], data["height"], data["conf"], strict=True)
        if (text or "").strip() and float(confidence) >= 0
    ]
    if not heights:
        return []
    height = statistics.median(heights)
    margin = _WORD_MARGIN
    kept = line_words(data)
    for index, text in enumerate(data["text"]):
        if (text or "").strip() and float(data["conf"][index]) >= 0:
            if _alnum(text) >= _DROPPED_WORD_LETTERS and _line_key(data, index) not in kept:
                continue  # a word of a line the line builder drops: its ink is read again
            left, top = int(data["left"][index]), int(data["top"][index])
            right, bottom = left + int(data["width"][index]), top + int(data["height"][index])
            ink[max(0, top - margin) : bottom + margin, max(0, left - margin) : right + margin] = (
                False
            )
    rows = np.flatnonzero(ink.sum(axis=1) >= _MISSED_ROW_INK)
    bands: list[tuple[int, int, int, int]] = []
    low, high = shortest * height, _MISSED_HEIGHTS[1] * height
    for run in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1) if rows.size else []:
        top, bottom = int(run[0]), int(run[-1]) + 1
        if not low <= bottom - top <= high:
            continue
        columns = np.flatnonzero(ink[top:bottom].any(axis=0))
        reach = margin + round(_MISSED_REACH * height)  # ascenders and descenders hold less ink
        bands.append(
            (
                max(0, int(columns[0]) - margin),
                max(0, top - reach),
                int(columns[-1]) + 1 + margin,
                bottom + reach,
            )
        )
    return bands


def add_missed_lines(image: object, data: dict[str, list], model_dir: Path | None = None) -> None:
    """Read every band ``missed_bands`` finds as one line (``--psm 7``) and add its words to
    ``data`` as a line of its own; the line builder then treats them as any other words
    (noise and marks dropped, confidence kept)."""
    for number, box in enumerate(missed_bands(image, data), start=_MISSED_BLOCK):
        crop = image.crop(box)  # type: ignore[attr-defined]
        found = read_tsv(crop, Segmentation.LINE, model_dir)
        for index, text in enumerate(found["text"]):
            if not (text or "").strip() or float(found["conf"][index]) < 0:
                continue
            data["block_num"].append(number)
            data["par_num"].append(1)
            data["line_num"].append(1)
            data["text"].append(text)
            data["left"].append(int(found["left"][index]) + box[0])
            data["top"].append(int(found["top"][index]) + box[1])
            data["width"].append(int(found["width"][index]))
            data["height"].append(int(found["height"][index]))
            data["conf"].append(float(found["conf"][index]))


# a line whose figures were read below this confidence is read a second time, alone and enlarged,
# and so is a line with figures whose words (a project's, a provider's name) were read below
# the second one
_REREAD_BELOW = 80.0
_REREAD_WORDS_BELOW = 80.0
# the second reading enlarges the line by half, a third (when the second disagrees) doubles it
_REREAD_SCALES = (1.5, 2.0)
_ROW_NUMBER = re.compile(r"^\d{1,3}[;:,.]?$")  # a table row's first word ("3;")
# a list line's first word: a measure type's number ("2.") or a table row's ("3;"), not a
# section sign read as digits ("§ 3" as "537;" or "86", "§ 4" as "54")
_LIST_MARK = re.compile(r"^(?:[1-4]\.|\d{1,2}[;:,])$")
_LIST_RUN_GAP = 3  # lines between two marks of one list: wrapped names, "keine", a heading misread
_BULLETS = frozenset({"-", "–", "*", "•", "·", "o"})  # marks a project line of a list starts with
# the confidence a line is given when the second reading gave exactly the same text: two
# readings agree, but the figures on it are still published only where a cross-check (sums,
# file name) confirms them (pipelines.parse.scan_checks)
AGREED_CONFIDENCE = 90.0


def _line_key(data: dict[str, list], index: int) -> str:
    return f"{data['block_num'][index]}-{data['par_num'][index]}-{data['line_num'][index]}"


def reread_lines(
    image: object, data: dict[str, list], model_dir: Path | None = None
) -> dict[str, list[Reading]]:
    """The further readings of every line of a table or list (``_list_region``) and of every
    other line whose digits were read with low confidence: the box of the line's words as kept
    (``line_words``: a speck, a stamp or a signature beside it neither widens the box nor joins
    the reading; ``line_box``) cut out, enlarged and read as one line (``--psm 7``). A second
    reading that does not agree with the first is followed by a third at another size: two of
    three readings agreeing confirm the first. Keyed by Tesseract's block-paragraph-line; the
    caller compares them with the first reading (``page_from_tsv``)."""
    result: dict[str, list[Reading]] = {}
    lines = line_words(data)
    names = _list_region(lines)
    for key, words in sorted(lines.items()):
        if key not in names and not _needs_second_reading(words):
            continue
        crop = image.crop(line_box(words))  # type: ignore[attr-defined]
        first = " ".join(word.text for word in words)
        readings = [_read_line(crop, _REREAD_SCALES[0], model_dir)]
        if not agrees(first, reading_text(readings[0])):
            readings.append(_read_line(crop, _REREAD_SCALES[1], model_dir))
        result[key] = readings
    return result


def line_box(words: list[OcrWord]) -> tuple[int, int, int, int]:
    """The box a line is read again from: its words' left and right ends, and the middle of
    their tops and bottoms, with a third of a word's height around. A word whose box reaches
    into the next line (Tesseract gave "Kassel;" 55 pixels where its neighbours have 32)
    neither widens it: the next line's upper half in the crop turned a whole table row, read
    at 93 the first time, into "TROEHSEOHUIHDER KRRORN" the second."""
    height = statistics.median(word.height for word in words)
    margin = max(3, round(height / 3))
    top = statistics.median_low(word.top for word in words)
    bottom = statistics.median_high(word.top + word.height for word in words)
    return (
        max(0, min(word.left for word in words) - margin),
        max(0, top - margin),
        max(word.left + word.width for word in words) + margin,
        bottom + margin,
    )


def _read_line(crop: object, scale: float, model_dir: Path | None) -> Reading:
    """One line's crop enlarged by ``scale`` and read as a single line: its words, each with
    the confidence this reading gave it."""
    from PIL import Image

    size = (round(crop.width * scale), round(crop.height * scale))  # type: ignore[attr-defined]
    enlarged = crop.resize(size, Image.Resampling.LANCZOS)  # type: ignore[attr-defined]
    data = read_tsv(enlarged, Segmentation.LINE, model_dir)
    return tuple(
        (str(text).strip(), float(conf))
        for text, conf in zip(data["text"], data["conf"], strict=True)
        if str(text).strip()
    )


def reading_text(reading: Reading) -> str:
    """A later reading's words joined by blanks (compared with the first: ``agrees``)."""
    return " ".join(text for text, _confidence in reading)


def reading_confidence(reading: Reading) -> float:
    """A later reading's own confidence in the line's figures: the lowest of its words holding
    a digit, else of all its words (as ``line_confidence`` judges the first reading)."""
    numeric = [conf for text, conf in reading if any(char.isdigit() for char in text)]
    return min(numeric or [conf for _text, conf in reading], default=0.0)


def _needs_second_reading(words: list[OcrWord]) -> bool:
    """A line with a digit word read below ``_REREAD_BELOW``, or with digits or a bullet (a
    project of an agreement's measure list: its name is published) and any word of two letters
    or digits read below ``_REREAD_WORDS_BELOW``."""
    digits = [word for word in words if any(char.isdigit() for char in word.text)]
    if any(word.confidence < _REREAD_BELOW for word in digits):
        return True
    if not digits and words[0].text not in _BULLETS:
        return False
    return any(word.confidence < _REREAD_WORDS_BELOW and _alnum(word.text) >= 2 for word in words)


def _list_region(lines: dict[str, list[OcrWord]]) -> set[str]:
    """Keys of the lines from a page's first table row or bullet line to the line after its
    last one: every published name stands there (a long one wraps onto the next line), and a
    name is taken only as two readings spelled it (pipelines.parse.scan_checks)."""
    ordered = sorted(lines, key=lambda key: min(word.top for word in lines[key]))
    marks = [
        index
        for index, key in enumerate(ordered)
        if lines[key][0].text in _BULLETS or _ROW_NUMBER.match(lines[key][0].text)
    ]
    return set(ordered[marks[0] : marks[-1] + 2]) if marks else set()


def list_spans(lines: dict[str, list[OcrWord]]) -> list[tuple[float, float]]:
    """Where a lost line would be a lost project or row: each run of a page's list lines (a
    bullet, a measure type's number, a table row's number: ``_LIST_MARK``) no more than
    ``_LIST_RUN_GAP`` other lines apart (a wrapped name), from the top of its first line to
    the top of the first line after its last one (the page's bottom without one). A lone
    mark further on ("§ 7" read as a bullet) is a run of its own."""
    ordered = sorted(lines.values(), key=lambda words: min(word.top for word in words))
    tops = [float(min(word.top for word in words)) for words in ordered] + [float("inf")]
    marks = [
        index
        for index, words in enumerate(ordered)
        if words[0].text in _BULLETS or _LIST_MARK.match(words[0].text)
    ]
    runs: list[list[int]] = []
    for index in marks:
        if runs and index - runs[-1][-1] <= _LIST_RUN_GAP + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [(tops[run[0]], tops[run[-1] + 1]) for run in runs]


def line_words(data: dict[str, list]) -> dict[str, list[OcrWord]]:
    """Tesseract's words grouped by "block-paragraph-line", without the words that are noise
    (``is_noise``; a weak bullet only where it stands as one, ``_weak_bullets``) and the cells
    beside a line that hold no text (``_readable_cells``): the line as ``page_from_tsv`` keeps
    it."""
    grouped: dict[str, list[OcrWord]] = {}
    weak: set[int] = set()
    for index, text in enumerate(data["text"]):
        text = (text or "").strip()
        confidence = float(data["conf"][index])
        if not text or confidence < 0:
            continue
        word = _tsv_word(data, index, text, confidence)
        if is_noise(text, confidence):
            if _bullet_mark(text) is None:
                continue
            weak.add(id(word))
        grouped.setdefault(_line_key(data, index), []).append(word)
    kept = {
        key: _readable_cells(text) if (text := [w for w in words if id(w) not in weak]) else []
        for key, words in grouped.items()
    }
    kept = _weak_bullets(
        kept, {key: [w for w in words if id(w) in weak] for key, words in grouped.items()}
    )
    return {key: words for key, words in kept.items() if words}


def _tsv_word(data: dict[str, list], index: int, text: str, confidence: float) -> OcrWord:
    """Tesseract's word ``index`` with its box, as ``text`` (stripped) read at ``confidence``."""
    return OcrWord(
        text,
        int(data["left"][index]),
        int(data["top"][index]),
        int(data["width"][index]),
        int(data["height"][index]),
        confidence,
    )


# a bullet read weakly ("*" at 7, ".*" at 36) is kept only where it stands as one: first on
# its line, right before the line's first word and in the column of the page's surely read
# bullets; a project line whose bullet is dropped is no project, and its name gets lost
_BULLET_GAP_HEIGHTS = 1.0  # at most this blank (in word heights) between a bullet and its text
_BULLET_COLUMN_HEIGHTS = 0.5  # its left edge this close to a surely read bullet's


def _bullet_mark(text: str) -> str | None:
    """The bullet ``text`` is ("*", or ".*" with a speck before it), else None."""
    mark = text.lstrip(".,·")
    return mark if mark in _BULLETS else None


def _weak_bullets(
    lines: dict[str, list[OcrWord]], weak: dict[str, list[OcrWord]]
) -> dict[str, list[OcrWord]]:
    """``lines`` (their words without the weakly read marks) with a line's weak mark put back
    where it stands as a bullet before the line's first word."""
    sure = [
        words[0].left
        for words in lines.values()
        if words and _bullet_mark(words[0].text) is not None
    ]
    result = {}
    for key, words in lines.items():
        marks = [mark for mark in weak.get(key, []) if words and mark.left < words[0].left]
        mark = max(marks, key=lambda mark: mark.left, default=None)
        result[key] = [mark, *words] if mark and _stands_as_bullet([mark, *words], sure) else words
    return result


def _stands_as_bullet(words: list[OcrWord], sure: list[int]) -> bool:
    if len(words) < 2 or _alnum(words[1].text) < 2:
        return False
    mark, text = words[0], words[1]
    gap = text.left - (mark.left + mark.width)
    return gap <= _BULLET_GAP_HEIGHTS * text.height and any(
        abs(mark.left - left) <= _BULLET_COLUMN_HEIGHTS * text.height for left in sure
    )


def agrees(first: str, second: str | None) -> bool:
    """Two readings of a line agree: the same letters and digits in the same order. Spaces and
    punctuation may differ (a separator read as "," or ";" is repaired by the parsers, and an
    amount's value is fixed by its digits: its two decimals always stand after the comma), and
    the second reading may hold a mark without digits at either end (a speck, a stamp's edge the
    first reading dropped as noise); a digit more or less is a disagreement."""
    if second is None:
        return False
    wanted = letters_digits(first)
    if not wanted:
        return False
    tokens = second.split()
    for start in range(len(tokens)):
        if start and any(char.isdigit() for char in tokens[start - 1]):
            break
        for end in range(len(tokens), start, -1):
            if end < len(tokens) and any(char.isdigit() for char in tokens[end]):
                break
            if letters_digits(" ".join(tokens[start:end])) == wanted:
                return True
    return False


def clean_image(image: object) -> object:
    """Grey page with scanner specks removed (a 3x3 median keeps strokes, drops dots), turned
    upright (``deskew``): Tesseract reads a line tilted by a degree as several fragments and
    misreads the small digits of table rows ("5; 3;" as "8 3;")."""
    from PIL import Image

    grey = median_3x3(_print_only(image))
    angle = skew_angle(grey)
    if angle == 0.0:
        return grey
    return grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


# a pixel whose channels spread this much is coloured ink (print is grey in every channel; a
# JPEG's colour fringes around print stay below it)
_COLOUR_SPREAD = 20


def _print_only(image: object) -> object:
    """The page in grey with coloured ink dropped: a coloured pixel (a red receipt stamp, a blue
    signature) becomes paper, every other pixel keeps its brightest channel. Print is black in
    every channel, so it stays; the stamp is not read as letters over the title, nor the
    signature beside a line. In Pillow's channel operations: a page at 300 dpi in 0.03 s, where
    the same arithmetic in numpy took 0.45 s."""
    from PIL import ImageChops

    if image.mode != "RGB":  # type: ignore[attr-defined]
        return image.convert("L")  # type: ignore[attr-defined]
    red, green, blue = image.split()  # type: ignore[attr-defined]
    brightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    spread = ImageChops.subtract(brightest, darkest)
    coloured = spread.point(lambda value: 255 if value > _COLOUR_SPREAD else 0)
    return ImageChops.lighter(brightest, coloured)


# the exchanges of a sorting network that leaves the median of nine values in the fifth (Paeth)
_MEDIAN_OF_NINE = (
    (1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3),
    (5, 8), (4, 7), (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2),
)  # fmt: skip


def median_3x3(grey: object) -> object:
    """Each pixel the median of its 3x3 neighbourhood, the edge repeated beyond the border:
    what Pillow's ``MedianFilter(3)`` gives, pixel for pixel, in a seventh of its time (whole
    rows compared at once, 19 exchanges). Specks of a pixel or two vanish; strokes stay."""
    import numpy as np
    from PIL import Image

    padded = np.pad(np.asarray(grey), 1, mode="edge")
    height, width = padded.shape[0] - 2, padded.shape[1] - 2
    values = [padded[dy : dy + height, dx : dx + width] for dy in range(3) for dx in range(3)]
    for low, high in _MEDIAN_OF_NINE:
        values[low], values[high] = (
            np.minimum(values[low], values[high]),
            np.maximum(values[low], values[high]),
        )
    return Image.fromarray(np.ascontiguousarray(values[4]), "L")


# the skew searched (degrees either way) and its steps: a scanner's tilt is below 3 degrees
_SKEW_SPAN = 3.0
_SKEW_STEPS = (0.5, 0.1)
_SKEW_SIDE = 1000  # the page is judged at this size (pixels, longer side)


def skew_angle(grey: object) -> float:
    """The rotation (degrees, counter-clockwise) that makes the page's text lines level.

    Projection profile: ink pixels summed per row give sharp peaks and gaps when the lines are
    level; the angle maximising the squared row-to-row differences wins. Coarse then fine, on a
    thumbnail. Pure function of the image."""
    import numpy as np
    from PIL import Image

    small = grey.copy()  # type: ignore[attr-defined]
    small.thumbnail((_SKEW_SIDE, _SKEW_SIDE))
    pixels = np.asarray(small, dtype=np.float32)
    ink = Image.fromarray(((pixels < pixels.mean() - 2 * pixels.std()) * 255).astype(np.uint8))

    def score(angle: float) -> float:
        rotated = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
        profile = np.asarray(rotated, dtype=np.float32).sum(axis=1)
        return float(((profile[1:] - profile[:-1]) ** 2).sum())

    best, span = 0.0, _SKEW_SPAN
    for step in _SKEW_STEPS:
        count = round(span / step)
        candidates = [round(best + step * k, 2) for k in range(-count, count + 1)]
        best = max(candidates, key=lambda angle: (score(angle), -abs(angle)))
        span = step
    return best


def is_noise(text: str, confidence: float) -> bool:
    """A word that is a speck or a stamp's edge, not text: no letter or digit at all, or one
    character read with little confidence."""
    if text == UNREAD_MARK:
        return False
    if not any(char.isalnum() for char in text) and text not in {"-", "–", "§", "•", "*"}:
        return confidence < 60
    return len(text) == 1 and confidence < 40


# a single letter or bar read faintly (``is_noise``) right after a word and a letter high within
# its line: the "I" of "Absolventenmanagement I" read at 25 is no speck, and dropped it would
# leave a shorter name both readings agree on. Kept, it holds the name unsure (no later reading
# confirms it), never lands it without its letter. A speck is lower than half a word, a mark
# above or below the line leaves its band, and one before a line's first word is a bullet
# misread ("u" at 39 for "-").
_FAINT_LETTER_GAP_HEIGHTS = 1.0  # at most this blank (in the word's heights) after the word
_FAINT_LETTER_HEIGHT = 0.5  # at least this high (in the word's heights)
_FAINT_LETTER_REACH = 0.25  # reaching at most this far (in the word's heights) above or below it


def with_faint_letters(
    data: dict[str, list], lines: dict[str, list[OcrWord]]
) -> dict[str, list[OcrWord]]:
    """``lines`` (``line_words``) with each faint letter put back into its line where it
    follows one of the line's words. Only the page's lines take them: the crops read again
    (``reread_lines``) and the cache stay as they are, so no later reading confirms one."""
    result = {key: list(words) for key, words in lines.items()}
    for index, text in enumerate(data["text"]):
        text = (text or "").strip()
        confidence = float(data["conf"][index])
        key = _line_key(data, index)
        if key not in result or not _faint_letter(text, confidence):
            continue
        letter = _tsv_word(data, index, text, confidence)
        if any(_follows(letter, word) for word in result[key]):
            result[key] = sorted([*result[key], letter], key=lambda word: word.left)
    return result


def _faint_letter(text: str, confidence: float) -> bool:
    """One letter, digit or bar that ``is_noise`` drops (a weak bullet aside)."""
    return (
        len(text) == 1
        and (text.isalnum() or text == _BAR)
        and confidence >= 0
        and is_noise(text, confidence)
        and _bullet_mark(text) is None
    )


def _follows(letter: OcrWord, word: OcrWord) -> bool:
    """``letter`` stands a letter high in ``word``'s band (a word of two letters or digits),
    no more than a word gap after it."""
    height, reach = word.height, _FAINT_LETTER_REACH * word.height
    gap = letter.left - (word.left + word.width)
    return (
        _alnum(word.text) >= 2
        and 0 <= gap <= _FAINT_LETTER_GAP_HEIGHTS * height
        and letter.height >= _FAINT_LETTER_HEIGHT * height
        and letter.top >= word.top - reach
        and letter.top + letter.height <= word.top + height + reach
    )


# a dash narrower than this (in the line's word heights) is a speck both models read as one
# (3 by 3 pixels after "… Altenpflegehilfe" at 90): a printed dash or bullet is about 0.25
_SPECK_DASH_HEIGHTS = 0.15
_DASHES = frozenset({"-", "–", "—"})


def without_speck_dashes(lines: dict[str, list[OcrWord]]) -> dict[str, list[OcrWord]]:
    """``lines`` without the dashes that are specks by their size: read surely as "-", a dot
    beside a name ends it with a dash (held: no name ends with one) or puts one between two
    words. Only the page's lines lose them, like ``with_faint_letters``: the crops read again
    stay as they are, and a later reading may still hold the dot (``agrees``)."""
    result = {}
    for key, words in lines.items():
        worded = [word.height for word in words if _alnum(word.text) >= 2]
        limit = _SPECK_DASH_HEIGHTS * statistics.median(worded) if worded else 0.0
        result[key] = [word for word in words if word.text not in _DASHES or word.width >= limit]
    return result


def page_from_tsv(
    data: dict[str, list],
    page_number: int,
    page_width: float,
    rereads: dict[str, list[Reading]] | None = None,
) -> OcrPage:
    """Tesseract's TSV (as ``image_to_data`` dict) turned into physical lines with geometry.

    Words are grouped by (block, paragraph, line); a word gap wider than two line heights
    becomes a tab (a column gap), a line spacing clearly above the usual one a paragraph gap.
    ``rereads`` holds the further readings of low lines by "block-paragraph-line" (``ocr_page``);
    a line agrees when any of them has its letters and digits, and that reading's own
    confidence in the line's figures is kept beside the first reading's.
    """
    rereads = rereads or {}
    page_lines = without_speck_dashes(with_faint_letters(data, line_words(data)))
    keyed = sorted(page_lines.items(), key=lambda item: min(w.top for w in item[1]))
    lines: list[PhysicalLine] = []
    confidences: list[float] = []
    text_confidences: list[float] = []
    agreed_confidences: list[float] = []
    umlaut_confidences: list[float] = []
    reread_confidences: list[float] = []
    bottoms: list[float] = []
    heights: list[float] = []
    lefts: list[float] = []
    confirmed_segments: list[tuple[str, ...]] = []
    word_confidences: list[tuple[tuple[str, float], ...]] = []
    for number, (key, read) in enumerate(keyed, start=1):
        words = [replace(word, text=restore_place_names(word.text)) for word in read]
        height = statistics.median(word.height for word in words)
        text = _line_text(words, height)
        readings = rereads.get(key, [])
        later = [restore_place_names(reading_text(reading)) for reading in readings]
        agreeing = next(
            (index for index, reading in enumerate(later) if agrees(text, reading)), None
        )
        agreed = agreeing is not None
        lines.append(
            PhysicalLine(
                page=page_number,
                line=number,
                text=text,
                right=float(max(word.left + word.width for word in words)),
                first_word_width=float(words[0].width),
            )
        )
        confidences.append(line_confidence(words))
        agreed_confidences.append(max(confidences[-1], AGREED_CONFIDENCE) if agreed else 0.0)
        text_confidences.append(text_confidence(words))
        umlaut_confidences.append(umlaut_confidence(words))
        reread_confidences.append(
            reading_confidence(readings[agreeing]) if agreeing is not None else 0.0
        )
        # a lone bar becomes a letter ("… management |": "I", pipelines.parse.ocr_noise) that
        # the letters compared here lack: a line holding one is taken run by run, so the "I"
        # counts only where a later reading read a bar or an I there too
        whole = agreeing is not None and word_breaks(text) == word_breaks(later[agreeing])
        confirmed_segments.append(
            (letters_digits(text),)
            if whole and _BAR not in text.split()
            else confirmed_segments_of(words, later)
        )
        word_confidences.append(tuple((word.text, word.confidence) for word in words))
        bottoms.append(float(max(word.top + word.height for word in words)))
        heights.append(float(height))
        lefts.append(float(words[0].left))
    _mark_gaps(lines, bottoms)
    if not lines:
        return OcrPage((), (), PageGeometry(right_limit=None, space_width=1.0))
    right_limit = page_width - min(lefts)
    widest = max(line.right for line in lines)
    if widest < right_limit * 0.9:
        right_limit = widest
    geometry = PageGeometry(
        right_limit=right_limit, space_width=_SPACE_HEIGHTS * statistics.median(heights)
    )
    return OcrPage(
        tuple(lines),
        tuple(confidences),
        geometry,
        tuple(text_confidences),
        tuple(agreed_confidences),
        tuple(umlaut_confidences),
        tuple(confirmed_segments),
        tuple(word_confidences),
        tuple(reread_confidences),
    )


# a mark standing alone between two words ("Profiling - Fortführung"): a name is read alike
# only where the readings agree on it too (one model lost that dash, its second reading had it)
_LONE_MARK = re.compile(r"^[-–—/+&]$")
_BAR = "|"  # a word the parser reads as a capital I where it stands alone (``LONE_BAR``)


def word_breaks(text: str) -> tuple[tuple[int, str], ...]:
    """Where a line's words begin and which marks stand alone between them, each by the count
    of letters and digits before it (a dash and an en dash alike): two readings with the same
    letters may still split them otherwise ("Gesundheitsmaß nahme" beside
    "Gesundheitsmaßnahme") or hold a dash the other lost. Other marks (a separator read apart,
    a speck) and anything at either end (a bullet) are left to ``agrees``."""
    total = len(letters_digits(text))
    breaks, before = [], 0
    for token in text.split():
        if 0 < before < total:
            if _LONE_MARK.match(token):
                breaks.append((before, "-" if token in "-–—" else token))
            elif letters_digits(token):
                breaks.append((before, " "))
        before += len(letters_digits(token))
    return tuple(breaks)


def _alignment_key(text: str) -> str:
    """A word's letters and digits, or the mark it is when it stands alone; a lone bar is the
    capital I the parser makes of it (a later reading's bars are made I before alignment)."""
    if text == _BAR:
        return "I"
    return letters_digits(text) or (text if _LONE_MARK.match(text) else "")


def confirmed_segments_of(words: list[OcrWord], later: list[str]) -> tuple[str, ...]:
    """The letters and digits of the first reading's runs of words that a later reading read
    alike (aligned in order), split at each word none did and between two words where no
    reading read them side by side (a dash lost by one reading and read by the other):
    ``("", …)`` when the line starts with such a word, ``(…, "")`` when it ends with one,
    ``("",)`` for a line not read again. A name on a line whose readings differ elsewhere (the
    provider misread by the second reading, the project by the third) is still taken when it
    lies within one run (pipelines.parse.scan_checks). Later readings agreeing with each other
    against the first confirm nothing: they read the same crop the same way and share its
    misreadings ("Absolventenmanagement-l" twice for "…-I")."""
    keyed = [(index, _alignment_key(word.text)) for index, word in enumerate(words)]
    keyed = [(index, key) for index, key in keyed if key]
    confirmed: set[int] = set()
    side_by_side: set[int] = set()  # positions in ``keyed`` read next to the one after them
    for reading in later:
        # a bar standing alone is the capital I the first reading's line becomes ("…ment |")
        tokens = [key for key in map(_alignment_key, LONE_BAR.sub("I", reading).split()) if key]
        matcher = difflib.SequenceMatcher(None, [key for _, key in keyed], tokens, autojunk=False)
        for block in matcher.get_matching_blocks():
            confirmed.update(keyed[block.a + step][0] for step in range(block.size))
            side_by_side.update(block.a + step for step in range(block.size - 1))
    segments, broken = [""], False
    for position, (index, key) in enumerate(keyed):
        if index not in confirmed:
            broken = True
            continue
        if broken or (position and position - 1 not in side_by_side):
            segments.append("")
            broken = False
        segments[-1] += letters_digits(key)
    return (*segments, "") if broken else tuple(segments)


def _readable_cells(words: list[OcrWord]) -> list[OcrWord]:
    """The words of one line without the cells (runs between column gaps) that are no text: a
    stamp, a signature's strokes or the page edge beside a line read as "REKEN", "|" or "I".
    A cell stays when one of its words holds two letters or digits read with confidence."""
    words = sorted(words, key=lambda word: word.left)
    height = statistics.median(word.height for word in words)
    cells: list[list[OcrWord]] = [[words[0]]]
    for previous, word in zip(words, words[1:], strict=False):
        if word.left - (previous.left + previous.width) > _COLUMN_GAP_HEIGHTS * height:
            cells.append([])
        cells[-1].append(word)
    if len(cells) == 1:
        return words
    main = max(cells, key=lambda cell: sum(_alnum(word.text) for word in cell))
    return [
        word
        for cell in cells
        if any(
            word.confidence >= _CELL_CONFIDENCE
            and _alnum(word.text) >= 2
            or (
                cell is main and word.confidence >= _MAIN_CELL_CONFIDENCE and _alnum(word.text) >= 4
            )
            for word in cell
        )
        for word in cell
    ]


def _alnum(text: str) -> int:
    return sum(char.isalnum() for char in text)


def text_confidence(words: list[OcrWord]) -> float:
    """Lowest confidence of the line's words of two letters or digits, else of all (0-100): a
    bullet or a lone "I" read from a bar is judged by the repairs, not by its confidence."""
    worded = [w.confidence for w in words if sum(char.isalnum() for char in w.text) >= 2]
    return min(worded or [word.confidence for word in words])


def umlaut_confidence(words: list[OcrWord]) -> float:
    """Lowest confidence of the line's words with an umlaut, 100 without one: a speck over a
    vowel is read as its dots, by every reading alike (pipelines.parse.scan_checks)."""
    return min((w.confidence for w in words if UMLAUT.search(w.text)), default=100.0)


def line_confidence(words: list[OcrWord]) -> float:
    """Lowest confidence of the words holding a digit, else of all words (0-100)."""
    numeric = [word.confidence for word in words if any(char.isdigit() for char in word.text)]
    return min(numeric or [word.confidence for word in words])


def _line_text(words: list[OcrWord], height: float) -> str:
    """Words joined by spaces, with a tab where the gap is a column gap."""
    parts = [words[0].text]
    for previous, word in zip(words, words[1:], strict=False):
        gap = word.left - (previous.left + previous.width)
        parts.append("\t" if gap > _COLUMN_GAP_HEIGHTS * height else " ")
        parts.append(word.text)
    return "".join(parts)


def _mark_gaps(lines: list[PhysicalLine], bottoms: list[float]) -> None:
    """gap_before where the distance to the previous line is clearly above the usual one."""
    deltas = [b - a for a, b in zip(bottoms, bottoms[1:], strict=False) if b - a > 0]
    if not deltas:
        return
    usual = statistics.median(deltas)
    for index in range(1, len(lines)):
        if bottoms[index] - bottoms[index - 1] > usual * _GAP_FACTOR:
            lines[index].gap_before = True


def _cache_path(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / key[:2] / f"{key}.json"


def _read_cache(
    cache_dir: Path, key: str
) -> tuple[dict[str, list], int, dict[str, list[Reading]]] | None:
    """Tesseract's words and the image width of a cached page, or None when absent or
    unreadable (then it is OCR'd again). Words, not lines, are cached: a better line builder
    applies to every cached page without reading it again."""
    try:
        raw = json.loads(_cache_path(cache_dir, key).read_text(encoding="utf-8"))
        words = {name: list(raw["tsv"][name]) for name in _TSV_KEYS}
        rereads = {
            str(line): [
                tuple((str(text), float(confidence)) for text, confidence in reading)
                for reading in readings
            ]
            for line, readings in raw["rereads"].items()
        }
        return words, int(raw["width"]), rereads
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(
    cache_dir: Path, key: str, page: tuple[dict[str, list], int, dict[str, list[Reading]]]
) -> None:
    """Write atomically (temp file + rename): parallel workers may read the same key."""
    path = _cache_path(cache_dir, key)
    payload = {"tsv": page[0], "width": page[1], "rereads": page[2]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(payload, stream, ensure_ascii=False)
        os.replace(temp, path)
    except OSError:
        return  # a read-only cache only costs time, never a result


def cache_files(cache_dir: Path) -> list[Path]:
    """Every cached page (tests and the bench count OCR work by it)."""
    return sorted(Path(cache_dir).glob("*/*.json"))
