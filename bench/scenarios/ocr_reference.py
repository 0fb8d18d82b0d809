"""The real agreement printed in another office's layout and scanned: exact, held or wrong.

The corpus's scans print generated wording in the generator's layout. This prints the real
published Bergstraße 2025 agreement (``../shared/reference``) as a plain word processor would
(Helvetica 11 pt, everything flush left, the title high on the page, a running header), scans it
with the corpus's scanner under each seed (150-300 dpi, tilt, JPEG, noise, colour, a receipt
stamp on page 1, signatures), parses the scan with OCR on and compares everything the record
holds (district, year, budget, per-measure amounts, project names, earmarks, second budgets,
signature dates: ``pipelines.corpus.verify.agreement_view``, as the corpus's verdicts) with
what the same PDF's text layer gives. Held scans are fine; a scan landing with anything else
is wrong.

    python -m bench.scenarios.ocr_reference --seeds 1-31 [--ocr-cache DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

from bench.scenarios import print_figures
from pipelines.corpus.formatting import pdf_safe
from pipelines.corpus.scans import scan_pdf_bytes
from pipelines.corpus.verify import agreement_view

REFERENCE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "reference"
    / "zielvereinbarung_2025_landkreis_bergstrasse.txt"
)
FILE_NAME = "zielvereinbarung_2025_06431_landkreis_bergstrasse.pdf"
HEADER = "Zielvereinbarung AQB 2025 Landkreis Bergstraße"
RECEIVED = date(2025, 8, 12)  # the receipt stamp's date, after both signatures


def office_pdf(text: str) -> bytes:
    """``text`` printed flush left in Helvetica 11 pt, one paragraph per line, a running
    header: the title sits where a receipt stamp in the top right corner meets its line."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2025, 8, 8, 9, 0, tzinfo=UTC))  # the same bytes every run
    pdf.set_auto_page_break(True, margin=20)
    for index, line in enumerate(text.splitlines()):
        if index == 0 or pdf.get_y() > 270:
            pdf.add_page()
            pdf.set_font("Helvetica", size=8)
            pdf.cell(0, 5, pdf_safe(HEADER), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=11)
        if line.strip():
            pdf.multi_cell(0, 6, pdf_safe(line), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    return bytes(pdf.output())


def judge_seed(pdf: bytes, seed: int, wanted: dict[str, Any]) -> dict[str, Any]:
    """One seed's scan of ``pdf``, parsed and judged against the text layer's ``wanted``."""
    from pipelines.parse.dispatch import parse_document

    scan, params = scan_pdf_bytes(pdf, random.Random(seed), received=RECEIVED)
    outcome = parse_document(FILE_NAME, scan)
    scan_facts = {"dpi": params.dpi, "colour": params.colour, "stamp": params.stamp}
    if outcome.status != "ok":
        return {"seed": seed, "verdict": "held", "reason": outcome.reason, **scan_facts}
    got = agreement_view(outcome.agreement)
    differing = {
        key: {"want": wanted[key], "got": got[key]} for key in wanted if wanted[key] != got[key]
    }
    verdict = "exact" if not differing else "wrong"
    return {"seed": seed, "verdict": verdict, "differing": differing, **scan_facts}


def run(seeds: list[int], ocr_cache: Path | None, reference: Path) -> dict[str, Any]:
    """Every seed judged in this process with OCR on (its own cache unless ``ocr_cache``)."""
    from pipelines.config import load_ocr_settings
    from pipelines.extract import ocr
    from pipelines.parse.dispatch import parse_document

    pdf = office_pdf(reference.read_text(encoding="utf-8"))
    clean = parse_document(FILE_NAME, pdf)
    if clean.agreement is None:
        raise SystemExit(f"the text layer does not parse: {clean.reason}")
    wanted = agreement_view(clean.agreement)
    cache_dir = ocr_cache or Path(tempfile.mkdtemp(prefix="aqb-bench-ocr-reference-"))
    ocr.configure(replace(load_ocr_settings(), enabled=True, cache_dir=cache_dir))
    try:
        verdicts = [judge_seed(pdf, seed, wanted) for seed in seeds]
    finally:
        ocr.configure(None)
    counts = Counter(v["verdict"] for v in verdicts)
    return {
        "scenario": "ocr_reference",
        "seeds": f"{seeds[0]}-{seeds[-1]}"
        if seeds == list(range(seeds[0], seeds[-1] + 1))
        else seeds,
        "counts": {name: counts[name] for name in ("exact", "held", "wrong")},
        "share_exact": round(counts["exact"] / len(verdicts), 3),
        "verdicts": verdicts,
    }


def seed_list(text: str) -> list[int]:
    """ "1-31" or "4,9,12" -> the seeds."""
    if "-" in text:
        first, last = (int(part) for part in text.split("-", 1))
        return list(range(first, last + 1))
    return [int(part) for part in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=seed_list, default=seed_list("1-31"))
    parser.add_argument("--ocr-cache", type=Path, help="take pages read before from this cache")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = run(args.seeds, args.ocr_cache, args.reference)
    print_figures(figures, args.json)
    return 0 if not figures["counts"]["wrong"] else 1


if __name__ == "__main__":
    sys.exit(main())
