"""``aqb generate-corpus``: write the deterministic synthetic sample corpus and its manifest."""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$")


def parse_years(text: str) -> tuple[int, int]:
    """'2016-2025' -> (2016, 2025); a single year '2024' -> (2024, 2024)."""
    match = _YEARS.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected a year range like 2016-2025, got {text!r}")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first > last:
        raise argparse.ArgumentTypeError(f"the range {text!r} runs backwards")
    return first, last


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, type=Path, help="folder to write the corpus into")
    parser.add_argument(
        "--years", type=parse_years, default=(2016, 2025), help="budget years, e.g. 2016-2025"
    )
    parser.add_argument(
        "--seed", type=int, default=20250802, help="random seed (same seed, same bytes)"
    )
    parser.add_argument(
        "--scale", type=int, default=1, help="K: documents as if K states (K x the default)"
    )
    parser.add_argument(
        "--defects",
        type=float,
        default=0.05,
        help="share of documents with a planted defect (0 = clean)",
    )
    parser.add_argument(
        "--scans",
        type=float,
        default=None,
        metavar="RATE",
        help=(
            "share (0-1) of agreements and decision letters delivered only as scans; "
            "default: scanned copies of a few (the planted scanned_pdf class)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    """Generate, then print a short summary (counts by type and defect, time taken)."""
    from pipelines.corpus import generate_corpus

    started = time.perf_counter()
    try:
        manifest = generate_corpus(
            args.out,
            years=args.years,
            seed=args.seed,
            scale=args.scale,
            defect_rate=args.defects,
            scan_rate=args.scans,
        )
    except ValueError as error:
        print(f"aqb generate-corpus: {error}", file=sys.stderr)
        return EXIT_USAGE
    elapsed = time.perf_counter() - started
    by_type = Counter(item.document_type for item in manifest.files)
    defects = Counter(item.defect for item in manifest.files if item.defect)
    print(
        f"Beispieldaten geschrieben nach {args.out} ({len(manifest.files)} Dateien in {elapsed:.1f} s)"
    )
    for document_type, count in sorted(by_type.items()):
        print(f"  {document_type}: {count}")
    scans = len(manifest.scans())
    if scans:
        print(f"  Scans: {scans}")
    if defects:
        print(
            "  Defekte: " + ", ".join(f"{name} {count}" for name, count in sorted(defects.items()))
        )
    print(f"  Manifest: {Path(args.out) / 'manifest.json'}")
    return EXIT_OK
