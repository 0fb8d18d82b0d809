"""Tesseract read in process (pipelines.extract.tesseract): the words it gives are exactly the
ones the command line gave (``pytesseract``, which the OCR cache was filled with), for a page
and for a line read again, by either model, however often the engine is reused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
import pytest
from PIL import Image

from pipelines.config import load_ocr_settings
from pipelines.extract.ocr import clean_image, line_box, line_words
from pipelines.extract.tesseract import Segmentation, read_tsv, tesseract_version, tsv_columns
from tests.support import scans

_LINES = [
    "Zielvereinbarung 2025",
    "Landkreis Bergstraße",
    "",
    "Das Budget beträgt 1.230.450 Euro.",
    "1. Ausbildungsvorbereitung 310.000 Euro",
    "- Jugendwerkstatt Heppenheim – Holz und Metall",
    "- Übergangsmanagement Schule/Beruf",
    "2. Ausbildung 520.450 Euro",
]


@pytest.fixture(scope="module")
def scanned_page() -> Image.Image:
    """A scanned page as the OCR reads it: rendered at 300 dpi and cleaned."""
    document = pdfium.PdfDocument(scans.scan_text(_LINES, dpi=200, angle=0.6))
    try:
        return clean_image(document[0].render(scale=300 / 72).to_pil())
    finally:
        document.close()


def _command_line(image: Image.Image, psm: int, model_dir: Path | None = None) -> dict:
    config = f"--psm {psm}" + (f" --tessdata-dir '{model_dir}'" if model_dir else "")
    return pytesseract.image_to_data(
        image, lang="deu", config=config, output_type=pytesseract.Output.DICT
    )


def _first_line_enlarged(page: Image.Image, words: dict) -> Image.Image:
    """The page's first line of words cut out and enlarged, as ``reread_lines`` reads it."""
    first = next(iter(line_words(words).values()))
    crop = page.crop(line_box(first))
    return crop.resize((crop.width * 3 // 2, crop.height * 3 // 2), Image.Resampling.LANCZOS)


def test_tsv_rows_become_columns_as_the_command_lines_file_did() -> None:
    tsv = "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n5\t1\t1\t1\t1\t1\t300\t296\t80\t31\t96.518227\t2025\n5\t1\t1\t1\t1\t2\t390\t296\t20\t31\t0.000000\t"  # noqa: E501 - three TSV rows
    columns = tsv_columns(tsv)
    assert columns["conf"] == [-1, 96, 0]  # cut to the whole part, as pytesseract did
    assert columns["text"] == ["", "2025", ""]  # the text as read, a number too
    assert columns["left"] == [0, 300, 390]
    assert columns["word_num"] == [0, 1, 2]
    assert set(columns) >= {"block_num", "par_num", "line_num", "top", "width", "height"}
    assert tsv_columns("") == {name: [] for name in columns}


def test_the_installed_tesseract_reads_in_process() -> None:
    assert tesseract_version() == str(pytesseract.get_tesseract_version())


def test_a_page_and_a_line_read_in_process_as_the_command_line_read_them(
    scanned_page: Image.Image,
) -> None:
    page = read_tsv(scanned_page, Segmentation.BLOCK, None)
    assert page == _command_line(scanned_page, 6)
    assert "1.230.450" in page["text"]
    line = _first_line_enlarged(scanned_page, page)
    assert read_tsv(line, Segmentation.LINE, None) == _command_line(line, 7)


def test_the_second_model_reads_from_any_folder_as_the_command_line_did(
    scanned_page: Image.Image, tmp_path: Path
) -> None:
    installed = load_ocr_settings().second_model_dir
    assert installed is not None, "scripts/setup.sh installs the second model"
    folder = tmp_path / "Modell mit Leerzeichen"
    folder.mkdir()
    shutil.copy(installed / "deu.traineddata", folder)
    first = read_tsv(scanned_page, Segmentation.BLOCK, None)
    second = read_tsv(scanned_page, Segmentation.BLOCK, folder)
    assert second == _command_line(scanned_page, 6, folder)
    line = _first_line_enlarged(scanned_page, second)
    assert read_tsv(line, Segmentation.LINE, folder) == _command_line(line, 7, folder)
    # each model's engine is kept: reading with the other one in between changes nothing
    assert read_tsv(scanned_page, Segmentation.BLOCK, None) == first
