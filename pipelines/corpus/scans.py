"""Scanned originals for the corpus: a text PDF printed, signed, stamped and scanned again.

``scan_pdf_bytes`` takes the bytes of a PDF as the generator writes them and returns a PDF that
looks like what a district sends back: every page rasterised at one resolution per document
(150-300 dpi), a wet-ink signature mark beside the signature line, an "Eingegangen" stamp in a
corner that holds no text, the page slightly rotated (sometimes a more skewed second page, as when
a sheet is fed askew), paper tone, grey noise and speckle, and JPEG compression. The result has
no text layer at all: only one JPEG image per page, so a reader must use OCR.

Everything random comes from the ``random.Random`` passed in (numpy's generator is seeded from
it), pypdfium2's rendering and Pillow's filters are deterministic, and the PDF carries no date:
same input bytes and seed, same output bytes. ``ScanParams`` says what was done, for the manifest.
"""

from __future__ import annotations

import io
import math
import random
import time
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

MM_PER_PT = 25.4 / 72
MONTHS = ("Jan", "Feb", "März", "Apr", "Mai", "Juni", "Juli", "Aug", "Sep", "Okt", "Nov", "Dez")
SIGNATURE_ANCHORS = (
    ", den ",
    "Im Auftrag",
)  # agreements: "Ort, den <Datum>"; letters: "Im Auftrag"
TEXT_CLEARANCE_MM = 1.5
SCAN_DATE = time.gmtime(
    946684800
)  # 2000-01-01, fixed so the bytes are reproducible  # a mark keeps this distance from every printed character


@dataclass(frozen=True)
class ScanParams:
    """What the scanner did to one document (recorded in the manifest as ground truth)."""

    dpi: int
    pages: int
    rotation_deg: tuple[float, ...]  # per page; positive = counter-clockwise
    skewed_page: int | None  # 1-based page fed more askew, if any
    jpeg_quality: int
    noise_sigma: float
    colour: bool
    stamp: dict[str, Any] | None  # page, shape, text, box_mm (x0, y0, x1, y1 on the printed page)
    signatures: tuple[dict[str, Any], ...]  # page, box_mm

    def to_manifest(self) -> dict[str, Any]:
        """Plain JSON types (lists, not tuples) for ``manifest.json``."""
        data = asdict(self)
        data["rotation_deg"] = list(self.rotation_deg)
        data["signatures"] = [dict(item) for item in self.signatures]
        return data


@dataclass(frozen=True)
class _TextBox:
    x0: float
    y0: float
    x1: float
    y1: float  # mm from the page's top-left corner


def _text_boxes(page: pdfium.PdfPage) -> list[_TextBox]:
    """Every text rectangle of a page in mm from the top-left (where marks must not go)."""
    height_pt = page.get_height()
    textpage = page.get_textpage()
    boxes = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        boxes.append(
            _TextBox(
                left * MM_PER_PT,
                (height_pt - top) * MM_PER_PT,
                right * MM_PER_PT,
                (height_pt - bottom) * MM_PER_PT,
            )
        )
    return boxes


def _anchors(page: pdfium.PdfPage) -> list[_TextBox]:
    """Boxes of the signature lines' anchor text on a page (date line, "Im Auftrag")."""
    height_pt = page.get_height()
    textpage = page.get_textpage()
    found = []
    for needle in SIGNATURE_ANCHORS:
        searcher = textpage.search(needle, match_case=True)
        while (hit := searcher.get_next()) is not None:
            first, count = hit
            boxes = [textpage.get_charbox(i) for i in range(first, first + count)]
            line_left = _line_start(textpage, first)
            found.append(
                _TextBox(
                    line_left * MM_PER_PT,
                    (height_pt - max(b[3] for b in boxes)) * MM_PER_PT,
                    max(b[2] for b in boxes) * MM_PER_PT,
                    (height_pt - min(b[1] for b in boxes)) * MM_PER_PT,
                )
            )
    return found


def _line_start(textpage: pdfium.PdfTextPage, index: int) -> float:
    """Left edge (pt) of the first character on the line holding character ``index``."""
    text = textpage.get_text_range()
    start = text.rfind("\n", 0, index) + 1
    start = min(max(start, 0), index)
    return textpage.get_charbox(start)[0]


def _free(box: tuple[float, float, float, float], texts: list[_TextBox]) -> bool:
    x0, y0, x1, y1 = box
    pad = TEXT_CLEARANCE_MM
    return not any(
        t.x0 - pad < x1 and x0 < t.x1 + pad and t.y0 - pad < y1 and y0 < t.y1 + pad for t in texts
    )


def _signature_box(
    anchor: _TextBox, texts: list[_TextBox], rng: random.Random
) -> tuple[float, float, float, float] | None:
    """Where a signature fits near its anchor line without touching print.

    Tried in order: in the gap below the date line, then beside or above the anchor line
    (a letter's "Im Auftrag" has the typed name right below it), further right each time.
    """
    width, height = rng.uniform(38.0, 52.0), rng.uniform(9.0, 13.0)
    start = rng.uniform(2.0, 12.0)
    for scale in (1.0, 0.7):
        h = height * scale
        tops = (anchor.y1 + 1.5, (anchor.y0 + anchor.y1 - h) / 2, anchor.y0 - 0.6 * h)
        for top in tops:
            for step in range(12):
                x = anchor.x0 + start + 7.0 * step
                box = (x, top, x + width * scale, top + h)
                if box[2] < 200.0 and _free(box, texts):
                    return box
    return None


def _stamp_box(
    texts: list[_TextBox], shape: str, rng: random.Random
) -> tuple[float, float, float, float] | None:
    """A corner of the page holding no text, e.g. the top right above the title."""
    width, height = (34.0, 34.0) if shape == "round" else (rng.uniform(48.0, 56.0), 22.0)
    corners = [
        (203.0 - width - rng.uniform(0.0, 8.0), rng.uniform(1.0, 5.0)),  # top right
        (203.0 - width - rng.uniform(0.0, 8.0), 292.0 - height - rng.uniform(0.0, 3.0)),
        (rng.uniform(4.0, 12.0), 292.0 - height - rng.uniform(0.0, 3.0)),  # bottom left
    ]
    for x, y in corners:
        box = (x, y, x + width, y + height)
        if _free(box, texts):
            return box
    return None


def _received_text(received: date) -> str:
    return f"{received.day:02d}. {MONTHS[received.month - 1]}. {received.year}"


def _font(size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in font at a size (Pillow >= 10.1), else its small bitmap font."""
    try:
        return ImageFont.load_default(size=max(size_px, 8))
    except TypeError:
        return ImageFont.load_default()


def _stamp_mask(size: tuple[int, int], shape: str, lines: list[str], px: float) -> Image.Image:
    """Ink of a rubber stamp: border and text in black on a white image of the stamp's size."""
    mask = Image.new("L", size, 255)
    draw = ImageDraw.Draw(mask)
    x1, y1 = size[0] - 1, size[1] - 1
    line_width = max(2, round(0.5 * px))
    if shape == "round":
        draw.ellipse((0, 0, x1, y1), outline=0, width=line_width)
        inset = round(2.2 * px)
        draw.ellipse((inset, inset, x1 - inset, y1 - inset), outline=0, width=line_width // 2 + 1)
    else:
        draw.rounded_rectangle((0, 0, x1, y1), radius=round(2 * px), outline=0, width=line_width)
    sizes = (3.6, 4.2, 2.8)
    total = sum(sizes[: len(lines)]) * px * 1.25
    y = y1 / 2 - total / 2
    for line, size_mm in zip(lines, sizes, strict=False):
        font = _font(round(size_mm * px))
        width = draw.textlength(line, font=font)
        draw.text((x1 / 2 - width / 2, y), line, fill=0, font=font)
        y += size_mm * px * 1.25
    return mask


def _signature_mask(size: tuple[int, int], px: float, rng: random.Random) -> Image.Image:
    """A handwritten-looking signature: cursive loops of uneven height, a tall first letter, a
    slant and an underline stroke (a prolate cycloid: the pen runs back on each loop)."""
    mask = Image.new("L", size, 255)
    draw = ImageDraw.Draw(mask)
    width, height = size[0] - 1, size[1] - 1
    loops = rng.randint(4, 8)
    heights = [rng.uniform(0.25, 0.75) for _ in range(loops)]
    heights[0] = rng.uniform(0.8, 1.0)  # the initial
    advance = 0.8 * width / loops
    backstep = advance * rng.uniform(0.17, 0.3)
    slant = rng.uniform(0.2, 0.5)
    pen = max(2, round(rng.uniform(0.35, 0.6) * px))
    centre = height * 0.55
    points = []
    steps = 40 * loops
    for step in range(steps + 1):
        t = step / steps
        theta = 2 * math.pi * loops * t
        letter = min(int(loops * t), loops - 1)
        amplitude = heights[letter] * height * 0.42
        y = centre - amplitude * math.cos(theta) + height * 0.05 * math.sin(2.3 * theta)
        x = width * 0.06 + advance * loops * t - backstep * math.sin(theta) + slant * (centre - y)
        points.append((min(max(x, pen), width - pen), min(max(y, pen), height - pen)))
    draw.line(points, fill=0, width=pen, joint="curve")
    tail_y = height * rng.uniform(0.8, 0.95)
    draw.line(
        [(width * 0.05, tail_y), (width * rng.uniform(0.7, 0.97), tail_y - height * 0.1)],
        fill=0,
        width=max(1, pen - 1),
    )
    return mask


def _press(
    page: Image.Image,
    mask: Image.Image,
    origin: tuple[int, int],
    colour: tuple[int, int, int] | int,
    np_rng: np.random.Generator,
) -> Image.Image:
    """Press ``mask``'s ink (black on white) onto the page at ``origin``, with uneven pressure.

    Only the mask's own area is touched, so a mark costs little at 300 dpi.
    """
    strokes = 255 - np.asarray(mask, dtype=np.float32)
    pressure = np_rng.uniform(0.55, 1.0, size=strokes.shape).astype(np.float32)
    alpha = Image.fromarray(np.clip(strokes * pressure * 0.85, 0, 255).astype(np.uint8), "L")
    alpha = alpha.filter(ImageFilter.GaussianBlur(0.6))
    box = (origin[0], origin[1], origin[0] + mask.size[0], origin[1] + mask.size[1])
    region = page.crop(box)
    ink = Image.new(page.mode, mask.size, colour)
    page.paste(Image.composite(ink, region, alpha), box[:2])
    return page


def _mm_box(box: tuple[float, float, float, float], px: float) -> tuple[int, int, int, int]:
    return (round(box[0] * px), round(box[1] * px), round(box[2] * px), round(box[3] * px))


def _degrade(
    page: Image.Image, angle: float, params: ScanParams, np_rng: np.random.Generator
) -> Image.Image:
    """Paper tone, optics blur, rotation and shift on the scanner bed, noise and speckle."""
    centre = float(np_rng.uniform(2.0, 6.0))  # optics blur: a cheap 3x3 kernel, softer when small
    page = page.filter(ImageFilter.Kernel((3, 3), (1, 2, 1, 2, centre, 2, 1, 2, 1)))
    fill = (250, 249, 244) if page.mode == "RGB" else 250
    page = page.rotate(
        angle,
        resample=Image.Resampling.BILINEAR,
        fillcolor=fill,
        translate=(int(np_rng.integers(-12, 13)), int(np_rng.integers(-12, 13))),
    )
    pixels = np.asarray(page, dtype=np.float32)
    paper = float(np_rng.uniform(232.0, 248.0))
    pixels = pixels * (paper / 255.0)
    noise = np_rng.normal(0.0, params.noise_sigma, size=pixels.shape[:2]).astype(np.float32)
    pixels = pixels + (noise[..., None] if pixels.ndim == 3 else noise)
    height, width = pixels.shape[:2]
    count = int(np_rng.integers(40, 300))
    ys, xs = np_rng.integers(0, height, count), np_rng.integers(0, width, count)
    radius = max(1, params.dpi // 150)
    for y, x in zip(ys.tolist(), xs.tolist(), strict=True):
        pixels[max(0, y - radius) : y + radius, max(0, x - radius) : x + radius] *= 0.35
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), page.mode)


def plan_scan(rng: random.Random, pages: int) -> ScanParams:
    """Draw one document's scanner settings: resolution, rotations, noise, colour."""
    dpi = rng.choice((150, 200, 200, 240, 300))
    rotations = [round(rng.choice((-1, 1)) * rng.uniform(0.3, 1.5), 2) for _ in range(pages)]
    skewed = None
    if pages >= 2 and rng.random() < 0.35:
        skewed = 2
        rotations[1] = round(rng.choice((-1, 1)) * rng.uniform(1.6, 2.6), 2)
    return ScanParams(
        dpi=dpi,
        pages=pages,
        rotation_deg=tuple(rotations),
        skewed_page=skewed,
        jpeg_quality=rng.randint(50, 80),
        noise_sigma=round(rng.uniform(2.5, 7.0), 1),
        colour=rng.random() < 0.3,
        stamp=None,
        signatures=(),
    )


def scan_pdf_bytes(
    pdf: bytes, rng: random.Random, received: date | None = None
) -> tuple[bytes, ScanParams]:
    """The scanned copy of ``pdf`` (JPEG page images, no text layer) and what was done to it.

    ``received`` is the date on the "Eingegangen" stamp (none without it).
    """
    document = pdfium.PdfDocument(pdf)
    params = plan_scan(rng, len(document))
    np_rng = np.random.default_rng(rng.getrandbits(64))
    px = params.dpi / 25.4
    stamp_shape = rng.choice(("round", "rect"))
    stamp: dict[str, Any] | None = None
    signatures: list[dict[str, Any]] = []
    images: list[Image.Image] = []
    for index in range(len(document)):
        page = document[index]
        texts = _text_boxes(page)
        image = page.render(scale=params.dpi / 72, grayscale=not params.colour).to_pil()
        image = image.convert("RGB" if params.colour else "L")
        ink_colour = (35, 55, 150) if params.colour else 40
        for anchor in _anchors(page):
            box = _signature_box(anchor, texts, rng)
            if box is not None:
                x0, y0, x1, y1 = _mm_box(box, px)
                mask = _signature_mask((x1 - x0, y1 - y0), px, rng)
                image = _press(image, mask, (x0, y0), ink_colour, np_rng)
                texts.append(_TextBox(*box))
                signatures.append({"page": index + 1, "box_mm": [round(v, 1) for v in box]})
        if received is not None and stamp is None and index in (0, len(document) - 1):
            box = _stamp_box(texts, stamp_shape, rng)
            if box is not None:
                lines = ["EINGEGANGEN", _received_text(received)]
                if stamp_shape == "rect":
                    lines.append(f"Eing.-Nr. {rng.randint(100, 999)}/{received.year % 100:02d}")
                x0, y0, x1, y1 = _mm_box(box, px)
                mask = _stamp_mask((x1 - x0, y1 - y0), stamp_shape, lines, px)
                mask = mask.rotate(rng.uniform(-8.0, 8.0), fillcolor=255)
                stamp_colour = (170, 30, 40) if params.colour else 90
                image = _press(image, mask, (x0, y0), stamp_colour, np_rng)
                stamp = {
                    "page": index + 1,
                    "shape": stamp_shape,
                    "text": " ".join(lines),
                    "box_mm": [round(v, 1) for v in box],
                }
        images.append(_degrade(image, params.rotation_deg[index], params, np_rng))
    document.close()
    params = replace(params, stamp=stamp, signatures=tuple(signatures))
    return _jpeg_pdf(images, params.dpi, params.jpeg_quality), params


def _jpeg_pdf(images: list[Image.Image], dpi: int, quality: int) -> bytes:
    """A PDF of JPEG page images at ``dpi`` (Pillow's writer: no text layer, no dates)."""
    out = io.BytesIO()
    images[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(dpi),
        quality=quality,
        title="Scan",
        producer="Scanner",
        creator="Scanner",
        creationDate=SCAN_DATE,
        modDate=SCAN_DATE,
    )
    return out.getvalue()
