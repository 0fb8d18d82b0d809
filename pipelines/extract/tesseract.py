"""Tesseract read in process through ``tesserocr``: one engine per model, kept for the life of
the parse worker.

Through the command line (``pytesseract``) every reading started a process that loaded the
model anew: 0.1 s for each of the ~50 lines a scanned agreement reads again, and a PNG of the
whole page written and decoded for each page (issue 16, bench/findings.md). Here the model is
loaded once, the image is handed over as its grey pixels, and the words come back as the same
TSV the command line writes, parsed as ``pytesseract.image_to_data`` parsed it, so the cache
(pipelines.extract.ocr) keeps its content: the same library reads the same pixels alike.

``tesserocr`` is built against the installed ``libtesseract`` (scripts/setup.sh), so the
engine that reads is Debian's Tesseract, the one whose version names the cache entries.
"""

from __future__ import annotations

import functools
import os
import threading
from enum import Enum
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before the library loads: one thread

LANGUAGE = "deu"
# the columns of Tesseract's TSV, as its command line writes them above the rows
_TSV_HEADER = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)


class Segmentation(Enum):
    """How Tesseract splits what it reads (its page segmentation modes)."""

    # psm 6: one uniform block of text (a page: side-by-side signature blocks stay one line)
    BLOCK = 6
    # psm 7: one line of text (a line cut out and read again)
    LINE = 7


# one engine per model and process; a parse worker reads one document at a time, the lock
# keeps a stray second thread from interleaving two readings on one engine
_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def tesseract_version() -> str:
    """The version of the Tesseract library that reads ("5.3.0"), as the command line reports
    it: part of every cache key, so a new engine reads every page anew."""
    import tesserocr

    return tesserocr.tesseract_version().split()[1]


def read_tsv(image: object, segmentation: Segmentation, model_dir: Path | None) -> dict[str, list]:
    """The words Tesseract reads in ``image`` (a PIL image, grey), as
    ``pytesseract.image_to_data(…, output_type=DICT)`` gives them: one list per TSV column,
    numbers as ints (the confidence cut to its whole part), the text as read. ``model_dir``:
    the tessdata folder of another model, else the installed one."""
    grey = image.convert("L")  # type: ignore[attr-defined]
    with _lock:
        engine = _engine(model_dir)
        engine.SetPageSegMode(segmentation.value)
        engine.SetImageBytes(grey.tobytes(), grey.width, grey.height, 1, grey.width)
        tsv = engine.GetTSVText(0)
        engine.Clear()
    return tsv_columns(tsv)


@functools.lru_cache(maxsize=2)
def _engine(model_dir: Path | None) -> object:
    """An engine with the model loaded, one per model for the life of the process."""
    import tesserocr

    folder = str(model_dir) if model_dir is not None else tesserocr.get_languages()[0]
    return tesserocr.PyTessBaseAPI(path=_with_slash(folder), lang=LANGUAGE)


def _with_slash(folder: str) -> str:
    """Tesseract joins the folder and the file name as strings: the folder ends with "/"."""
    return folder if folder.endswith("/") else f"{folder}/"


def tsv_columns(tsv: str) -> dict[str, list]:
    """Tesseract's TSV rows (without the header the command line adds) as columns: numbers
    as ints (``int(float(…))``), the text column as read, a last row missing its empty text
    cell given one, as ``pytesseract.file_to_dict`` reads the command line's file."""
    rows = [row.split("\t") for row in tsv.strip().split("\n")] if tsv.strip() else []
    if rows and len(rows[-1]) < len(_TSV_HEADER):
        rows[-1].append("")
    columns: dict[str, list] = {name: [] for name in _TSV_HEADER}
    text_column = len(_TSV_HEADER) - 1
    for row in rows:
        for index, name in enumerate(_TSV_HEADER[: len(row)]):
            columns[name].append(row[index] if index == text_column else _number(row[index]))
    return columns


def _number(cell: str) -> int | str:
    try:
        return int(float(cell))
    except ValueError:
        return cell
