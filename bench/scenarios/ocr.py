"""Scanned originals (issue 16): OCR cost per page, OCR's share of a full ingest, and exactness.

Generates a corpus in which ``--count`` agreements and decision letters are delivered only as
scans (``generate_corpus(scan_count=...)``, no planted defects), ingests it through the real
``aqb ingest`` in a fresh process with its own warehouse and an empty OCR cache, and judges every
scan against its ground truth in the manifest by what landed in the warehouse
(``pipelines.corpus.verify.scan_verdicts``): exact, quarantined as unsure (``scan_unsure``),
unread (``scanned_pdf``: OCR found no document; every scan while the pipeline has no OCR),
wrong (landed with another figure: must be 0) or other (quarantined for another reason).

OCR's share of the ingest is measured as a difference: the same corpus without scans (the same
seed, the scanned files delivered clean) is ingested too, and the share is
``(with scans - without) / with scans`` of the wall time (only meaningful at a low load: the
parse workers and Tesseract run under the forkserver, which the ingest never waits for, so their
CPU time cannot be read from outside with ``wait4``). OCR seconds per page are timed in this
process on a sample of the scanned pages with the pipeline's own ``ocr_page`` (one Tesseract
thread, an empty cache), or with pytesseract directly while the pipeline has no OCR.

Run on its own (heavy: about 2 s of OCR per scanned page, under ``nice``):

    .venv/bin/python -m bench.scenarios.ocr [--count 40] [--sample-pages 12] [--seed N] \
        [--json bench/results/ocr.json]

``--parse-only`` measures exactness alone, in a fraction of the time: each scan is parsed in
this process (OCR on, an empty cache) and judged from its outcome, nothing is ingested.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from bench.scenarios import print_figures
from pipelines.config import PROJECT_ROOT
from pipelines.corpus import Manifest, generate_corpus
from pipelines.corpus.verify import (
    HELD_VERDICTS,
    SCAN_VERDICTS,
    ScanVerdict,
    held_verdict,
    outcome_verdict,
    scan_verdicts,
)

if TYPE_CHECKING:
    from pipelines.corpus.manifest import ManifestFile
    from pipelines.parse.confirm import KnownNames
    from pipelines.parse.records import ParseOutcome

LAST_YEAR = 2025
CANDIDATES_PER_YEAR = 50  # clean agreements and letters of one year are about 60
SEED = 20250802


def corpus_years(count: int) -> tuple[int, int]:
    """Enough budget years for ``count`` scans among the clean agreements and letters."""
    years = max(1, math.ceil(count / CANDIDATES_PER_YEAR))
    return LAST_YEAR - years + 1, LAST_YEAR


def _environment(root: Path, inbox: Path, ocr: bool = True) -> dict[str, str]:
    """A private warehouse, archive, publish folder, Dagster home and OCR cache per run; OCR on
    unless ``ocr`` is false (the scenario measures OCR, which is off by default)."""
    return {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "OMP_THREAD_LIMIT": "1",
        "AQB_INBOX_DIR": str(inbox),
        "AQB_WAREHOUSE_PATH": str(root / "warehouse.duckdb"),
        "AQB_ARCHIVE_DIR": str(root / "archive"),
        "AQB_PUBLISH_DIR": str(root / "published"),
        "AQB_DATA_DOCS_DIR": str(root / "data_docs"),
        "AQB_OCR_CACHE_DIR": str(root / "ocr_cache"),
        "AQB_OCR": "1" if ocr else "0",
        "DAGSTER_HOME": str(root / "dagster_home"),
    }


def ingest(root: Path, inbox: Path, ocr: bool = True) -> dict[str, Any]:
    """One ``aqb ingest`` in a fresh process: wall seconds and exit code (log in ``root``)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "dagster_home").mkdir(exist_ok=True)
    command = [sys.executable, "-m", "pipelines.cli", "ingest", "--no-progress"]
    log_path = root / "ingest.log"
    with open(log_path, "wb") as log:
        started = time.monotonic()
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=_environment(root, inbox, ocr), stdout=log, stderr=log
        )
        _pid, status, _usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_seconds": round(wall, 2),
        "exit_code": process.returncode,
        "log": str(log_path),
    }


def _pipeline_ocr(cache_dir: Path):  # noqa: ANN202 - a callable or None
    """The pipeline's page OCR (pipelines.extract.ocr.ocr_page) with an empty cache, if any."""
    try:
        from dataclasses import replace

        from pipelines.config import load_ocr_settings
        from pipelines.extract.ocr import ocr_page
    except ImportError:
        return None
    settings = replace(load_ocr_settings(), cache_dir=cache_dir)

    def read(page, sha256: str, number: int) -> None:  # noqa: ANN001 - a pypdfium2 page
        ocr_page(lambda dpi: page.render(scale=dpi / 72).to_pil(), sha256, number, settings)

    return read


def _direct_ocr(page, _sha256: str, _number: int) -> None:  # noqa: ANN001 - a pypdfium2 page
    """Tesseract as the issue measured it (300 dpi, German model, one thread)."""
    import pytesseract

    pytesseract.image_to_string(page.render(scale=300 / 72).to_pil().convert("L"), lang="deu")


def ocr_seconds_per_page(
    corpus: Path, manifest: Manifest, sample_pages: int, cache_dir: Path
) -> dict[str, Any]:
    """Seconds per page of OCR over a sample of the scans' pages (every n-th page)."""
    import pypdfium2 as pdfium

    os.environ["OMP_THREAD_LIMIT"] = "1"
    reader = _pipeline_ocr(cache_dir)
    engine = "pipelines.extract.ocr.ocr_page" if reader else "pytesseract.image_to_string"
    reader = reader or _direct_ocr
    pages = [
        (item, number)
        for item in manifest.scans()
        for number in range(1, int(item.scan["pages"]) + 1)
    ]
    step = max(1, len(pages) // max(1, sample_pages))
    seconds = []
    for item, number in pages[::step][:sample_pages]:
        document = pdfium.PdfDocument((corpus / item.path).read_bytes())
        page = document[number - 1]
        started = time.perf_counter()
        reader(page, item.sha256, number)
        seconds.append(time.perf_counter() - started)
        document.close()
    ordered = sorted(seconds)
    return {
        "ocr_engine": engine,
        "ocr_pages_timed": len(seconds),
        "ocr_seconds_per_page_median": round(statistics.median(seconds), 2) if seconds else None,
        "ocr_seconds_per_page_max": round(ordered[-1], 2) if seconds else None,
    }


def exactness(warehouse_path: Path, manifest: Manifest) -> dict[str, Any]:
    """Shares of the scans' verdicts, read from the warehouse against the manifest."""
    connection = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        return shares(scan_verdicts(connection, manifest))
    finally:
        connection.close()


# documents whose names confirm a scan held on its names alone (a letter's, a table's, an
# agreement's), as the warehouse holds them
_NAMED_DOCUMENTS = ("agreement", "grant_decision", "grant_decision_export")


def _known_names(inbox: Path, manifest: Manifest) -> dict:
    """The names the corpus's documents with a text layer or a table hold, by district-year
    (``pipelines.parse.confirm.known_names``): what the warehouse lends a held scan."""
    from pipelines.parse.confirm import known_names
    from pipelines.parse.dispatch import parse_document

    records = {}
    for item in manifest.files:
        if item.is_scan or item.document_type not in _NAMED_DOCUMENTS:
            continue
        outcome = parse_document(item.path, (inbox / item.path).read_bytes())
        found = (outcome.agreement,) if outcome.agreement is not None else outcome.decisions
        records[outcome.sha256] = tuple(found)
    return known_names(records)


def _judged(
    outcomes: list[tuple[ManifestFile, ParseOutcome]], known: KnownNames
) -> tuple[list[ScanVerdict], Counter]:
    """Each scan's verdict once ``known`` doubted and confirmed what it can (``doubted``,
    ``confirmed``, as the loader's second round), and what a reviewer finds in the unsure ones
    (``held_verdict``)."""
    from pipelines.parse.confirm import confirmed, doubted

    verdicts, held = [], Counter()
    for item, outcome in outcomes:
        outcome = confirmed(doubted(outcome, known), known)
        verdicts.append(outcome_verdict(item, outcome))
        if verdicts[-1].verdict == "unsure":
            held[held_verdict(item, outcome)] += 1
    return verdicts, held


def _next_year_names(folder: Path, count: int, seed: int) -> dict:
    """The names the district's documents of the budget year after the corpus's last hold: a
    warehouse holds a district's other years too, and most of its projects continue from one
    year to the next with their providers. Generated by the same seed for the corpus's years
    and one more (the corpus's years plan the same projects; only the new year's documents
    are taken), without scans."""
    first, last = corpus_years(count)
    manifest = generate_corpus(folder, years=(first, last + 1), seed=seed, defect_rate=0)
    known = _known_names(folder, manifest)
    return {key: names for key, names in known.items() if key[2] == last + 1}


def parse_only(
    count: int, seed: int, keep: Path | None = None, ocr_cache: Path | None = None
) -> dict[str, Any]:
    """Exactness alone, quickly: the scans parsed one by one in this process with OCR on and an
    empty cache (no ingest, no warehouse), each judged from its outcome
    (``pipelines.corpus.verify.outcome_verdict``: the verdicts the warehouse would give).
    With ``ocr_cache`` the pages of an earlier run of the same seed are taken from that cache
    (the corpus is generated byte for byte alike): a parser change is judged again in seconds,
    and ``parse_seconds`` then times no OCR."""
    from dataclasses import replace

    from pipelines.config import load_ocr_settings
    from pipelines.extract import ocr
    from pipelines.parse.dispatch import parse_document

    root = Path(tempfile.mkdtemp(prefix="aqb-bench-ocr-")) if keep is None else keep
    try:
        inbox = root / "inbox"
        manifest = generate_corpus(
            inbox, years=corpus_years(count), seed=seed, defect_rate=0, scan_count=count
        )
        # OCR on for this process only, with its own cache; the environment stays as it is
        cache_dir = root / "ocr" if ocr_cache is None else ocr_cache
        cached_before = len(ocr.cache_files(cache_dir))
        ocr.configure(replace(load_ocr_settings(), enabled=True, cache_dir=cache_dir))
        started = time.monotonic()
        known = _known_names(inbox, manifest)
        try:
            outcomes = [
                (item, parse_document(item.path, (inbox / item.path).read_bytes()))
                for item in manifest.scans()
            ]
        finally:
            ocr.configure(None)
        parse_seconds = time.monotonic() - started
        # as the loader's second round: names the corpus's other documents hold
        verdicts, held = _judged(outcomes, known)
        # and with the district's documents of the next budget year as well
        next_year = _next_year_names(root / "next_year", count, seed)
        merged = {**known, **next_year}
        next_verdicts, next_held = _judged(outcomes, merged)
        scan_items = manifest.scans()
        return {
            "mode": "parse_only",
            "seed": seed,
            "scans": len(scan_items),
            "scan_pages": sum(int(item.scan["pages"]) for item in scan_items),
            "parse_seconds": round(parse_seconds, 1),
            "pages_read_by_ocr": len(ocr.cache_files(cache_dir)) - cached_before,
            **shares(verdicts),
            "unsure": [f"{v.path}: {v.detail}" for v in verdicts if v.verdict == "unsure"],
            # what a reviewer finds in the unsure ones (pipelines.corpus.verify.held_verdict)
            "unsure_held": {name: held[name] for name in HELD_VERDICTS},
            # names confirmed by the next budget year's documents too (``_next_year_names``)
            "with_next_year": {
                **shares(next_verdicts),
                "unsure_held": {name: next_held[name] for name in HELD_VERDICTS},
            },
            "load_avg_1m_after": round(os.getloadavg()[0], 2),
        }
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def shares(verdicts: list[ScanVerdict]) -> dict[str, Any]:
    """Shares and counts of the verdicts, by document type, and every wrong or other one."""
    counts = Counter(verdict.verdict for verdict in verdicts)
    total = max(1, len(verdicts))
    figures: dict[str, Any] = {
        f"share_{name}": round(counts[name] / total, 3) for name in SCAN_VERDICTS
    }
    figures["counts"] = {name: counts[name] for name in SCAN_VERDICTS}
    figures["by_type"] = {
        document_type: dict(
            Counter(v.verdict for v in verdicts if v.document_type == document_type)
        )
        for document_type in sorted({v.document_type for v in verdicts})
    }
    figures["wrong"] = [f"{v.path}: {v.detail}" for v in verdicts if v.verdict == "wrong"]
    figures["other"] = [f"{v.path}: {v.detail}" for v in verdicts if v.verdict == "other"]
    return figures


def measure(
    count: int, sample_pages: int, keep: Path | None = None, seed: int = SEED
) -> dict[str, Any]:
    """Generate, ingest with and without scans, time OCR per page, judge every scan."""
    root = Path(tempfile.mkdtemp(prefix="aqb-bench-ocr-")) if keep is None else keep
    try:
        years = corpus_years(count)
        started = time.monotonic()
        manifest = generate_corpus(
            root / "scans" / "inbox", years=years, seed=seed, defect_rate=0, scan_count=count
        )
        generate_seconds = time.monotonic() - started
        generate_corpus(
            root / "clean" / "inbox", years=years, seed=seed, defect_rate=0, scan_count=0
        )
        load_before = os.getloadavg()[0]
        clean = ingest(root / "clean", root / "clean" / "inbox")
        scans = ingest(root / "scans", root / "scans" / "inbox")
        load_after = os.getloadavg()[0]
        per_page = ocr_seconds_per_page(
            root / "scans" / "inbox", manifest, sample_pages, root / "ocr_cache_timing"
        )
        scan_items = manifest.scans()
        extra = scans["wall_seconds"] - clean["wall_seconds"]
        return {
            "seed": seed,
            "scans": len(scan_items),
            "scan_pages": sum(int(item.scan["pages"]) for item in scan_items),
            "scans_by_type": dict(Counter(item.document_type for item in scan_items)),
            "corpus_files": len(manifest.files),
            "years": list(years),
            "generate_seconds": round(generate_seconds, 1),
            **per_page,
            "ingest_wall_seconds_with_scans": scans["wall_seconds"],
            "ingest_wall_seconds_without_scans": clean["wall_seconds"],
            # (with - without) / with: only meaningful at a low load
            "ocr_share_of_ingest": round(max(0.0, extra) / scans["wall_seconds"], 3),
            "ingest_exit_codes": [clean["exit_code"], scans["exit_code"]],
            **exactness(root / "scans" / "warehouse.duckdb", manifest),
            # other work on the machine: wall times under a load above the core count are not
            # comparable with a quiet machine's
            "load_avg_1m_before": round(load_before, 2),
            "load_avg_1m_after": round(load_after, 2),
            "cpus": os.cpu_count(),
        }
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="scanned documents in the corpus")
    parser.add_argument(
        "--sample-pages", type=int, default=12, help="scanned pages timed for OCR s/page"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--seed", type=int, default=SEED, help="corpus seed (another one: scans never tuned on)"
    )
    parser.add_argument(
        "--parse-only",
        action="store_true",
        help="exactness only: parse each scan in this process (no ingest, no timings)",
    )
    parser.add_argument(
        "--ocr-cache",
        type=Path,
        help="--parse-only: take the pages read before from this OCR cache (and add new ones)",
    )
    args = parser.parse_args(argv)
    if args.parse_only:
        figures = parse_only(args.count, args.seed, args.keep, args.ocr_cache)
    else:
        figures = measure(args.count, args.sample_pages, args.keep, args.seed)
    print_figures(figures, args.json)
    return 0 if not figures["wrong"] else 1


if __name__ == "__main__":
    sys.exit(main())
