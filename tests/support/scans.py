"""Realistic test scans: a text PDF (or plain text) printed to an image, rotated slightly,
noised and saved as JPEG pages of a PDF without a text layer, as a district's scanner would.

Deterministic for a seed, so the OCR cache makes a second run free.
"""

from __future__ import annotations

import hashlib
import io
import random
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
A4_MM = (210, 297)


def _degrade(image: Image.Image, angle: float, seed: int) -> Image.Image:
    """Grey page, slight rotation, blur, salt-and-pepper specks."""
    rng = random.Random(seed)
    page = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = page.load()
    width, height = page.size
    for _ in range(width * height // 4000):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 90, 255))
    return page


def images_to_pdf(images: list[Image.Image], dpi: int, quality: int = 60) -> bytes:
    """JPEG pages in a PDF (Pillow's writer: no text layer)."""
    out = io.BytesIO()
    first, *rest = [image.convert("RGB") for image in images]
    first.save(
        out, format="PDF", save_all=True, append_images=rest, resolution=dpi, quality=quality
    )
    return out.getvalue()


def scan_pdf(pdf: bytes, dpi: int = 200, angle: float = 0.7, seed: int = 1) -> bytes:
    """A text PDF as a scan: each page rendered at ``dpi``, degraded, stored as JPEG."""
    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72).to_pil()
            page.close()
            images.append(_degrade(image, angle if index % 2 == 0 else -angle / 2, seed + index))
    finally:
        document.close()
    return images_to_pdf(images, dpi)


def scan_text(
    lines: list[str], dpi: int = 200, angle: float = 0.7, seed: int = 1, font_pt: float = 11
) -> bytes:
    """Plain text lines drawn onto A4 pages (DejaVu Sans, 25 mm margins), then scanned."""
    width, height = (round(mm / 25.4 * dpi) for mm in A4_MM)
    margin = round(25 / 25.4 * dpi)
    font = ImageFont.truetype(str(DEJAVU), round(font_pt / 72 * dpi))
    step = round(font_pt * 1.5 / 72 * dpi)
    pages: list[Image.Image] = []
    page = draw = None
    y = height
    for line in lines:
        if y + step > height - margin:
            page = Image.new("L", (width, height), 255)
            draw = ImageDraw.Draw(page)
            pages.append(page)
            y = margin
        if line.strip():
            draw.text((margin, y), line, font=font, fill=0)
        y += step
    degraded = [
        _degrade(page, angle if index % 2 == 0 else -angle / 2, seed + index)
        for index, page in enumerate(pages)
    ]
    return images_to_pdf(degraded, dpi)


def wrap_text(text: str, width_chars: int = 85) -> list[str]:
    """Text wrapped at word boundaries to fit the page (paragraphs keep a blank line)."""
    import textwrap

    lines: list[str] = []
    for paragraph in text.splitlines():
        if not paragraph.strip():
            lines.append("")
            continue
        lines.extend(textwrap.wrap(paragraph, width_chars) or [""])
    return lines


def page_count(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def ocr_cache_files(scan: bytes, second_model: bool = False) -> list[Path]:
    """The OCR cache files of every page of a scan, read by the first model or by the second."""
    from pipelines.config import load_ocr_settings
    from pipelines.extract.ocr import cache_key

    settings = load_ocr_settings()
    model_dir = settings.second_model_dir if second_model else None
    sha256 = hashlib.sha256(scan).hexdigest()
    pages = range(1, page_count(scan) + 1)
    keys = (cache_key(sha256, page, settings, model_dir) for page in pages)
    return [settings.cache_dir / key[:2] / f"{key}.json" for key in keys]
