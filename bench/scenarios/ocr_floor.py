"""What OCR on would cost the sample corpus's ingest at best: the floor under the 15 s target.

Three measurements on the default sample corpus (``generate_corpus`` as ``aqb demo`` writes it,
its scanned agreements and letters included):

1. **the ingest without OCR**: ``aqb ingest`` (OCR off) in a fresh process with its own
   warehouse; its CPU is read from ``/proc/stat`` (busy time of the whole machine over the run:
   the parse workers run under the forkserver, which ``wait4`` does not count), so run it on a
   quiet machine;
2. **the scans' OCR by stage**: each scan parsed one after another in this process with OCR on
   and an empty cache, CPU time per stage (page readings per model, lines read again per model,
   page cleaning, the rest);
3. **one reading per page**, the least any reading plan does: each scanned page rendered,
   cleaned and read once by the first model, nothing else, at 300, 200 and 150 dpi.

The floor is ``(ingest CPU + one reading per page) / CPUs``: what the ingest with OCR on would
take if every core were busy all the time and no page were read twice.

    .venv/bin/python -m bench.scenarios.ocr_floor [--json OUT]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.scenarios import print_figures
from bench.scenarios.ocr import ingest
from pipelines.corpus import Manifest, generate_corpus

DPIS = (300, 200, 150)


def _busy_seconds() -> float:
    """CPU seconds the machine has spent busy since boot (all cores, from ``/proc/stat``)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def ingest_without_ocr(root: Path, inbox: Path) -> dict[str, Any]:
    """One ``aqb ingest`` with OCR off: wall seconds and the machine's busy CPU seconds."""
    before = _busy_seconds()
    run = ingest(root, inbox, ocr=False)
    return {**run, "cpu_seconds_machine": round(_busy_seconds() - before, 2)}


@contextmanager
def _stage_timer(totals: Counter, counts: Counter):
    """The OCR module's stages timed (CPU of this process) while the block runs."""
    from pipelines.extract import ocr

    originals = {name: getattr(ocr, name) for name in ("read_tsv", "clean_image")}

    def timed_read(image, segmentation, model_dir):  # noqa: ANN001, ANN202 - as read_tsv
        started = time.process_time()
        try:
            return originals["read_tsv"](image, segmentation, model_dir)
        finally:
            model = "second" if model_dir is not None else "first"
            stage = f"tesseract_{segmentation.name.lower()}_{model}_model"
            totals[stage] += time.process_time() - started
            counts[stage] += 1

    def timed_clean(image):  # noqa: ANN001, ANN202 - as clean_image
        started = time.process_time()
        try:
            return originals["clean_image"](image)
        finally:
            totals["page_cleaning"] += time.process_time() - started
            counts["page_cleaning"] += 1

    ocr.read_tsv, ocr.clean_image = timed_read, timed_clean
    try:
        yield
    finally:
        ocr.read_tsv, ocr.clean_image = originals["read_tsv"], originals["clean_image"]


def ocr_by_stage(inbox: Path, manifest: Manifest, cache_dir: Path) -> dict[str, Any]:
    """Each scan parsed with OCR on and an empty cache; CPU seconds per stage and per scan."""
    from pipelines.config import load_ocr_settings
    from pipelines.extract import ocr
    from pipelines.parse.dispatch import parse_document

    totals: Counter = Counter()
    counts: Counter = Counter()
    per_scan = {}
    ocr.configure(replace(load_ocr_settings(), enabled=True, cache_dir=cache_dir))
    started = time.process_time()
    try:
        with _stage_timer(totals, counts):
            for item in manifest.scans():
                before = time.process_time()
                outcome = parse_document(item.path, (inbox / item.path).read_bytes())
                per_scan[item.path] = {
                    "cpu_seconds": round(time.process_time() - before, 1),
                    "status": outcome.status,
                }
    finally:
        ocr.configure(None)
    total = time.process_time() - started
    stages = {
        name: {"cpu_seconds": round(totals[name], 1), "calls": counts[name]}
        for name in sorted(totals)
    }
    return {
        "cpu_seconds": round(total, 1),
        "stages": stages,
        "other_cpu_seconds": round(total - sum(totals.values()), 1),
        "per_scan": per_scan,
    }


def one_reading_per_page(
    inbox: Path, manifest: Manifest, dpis: tuple[int, ...] = DPIS
) -> dict[int, dict[str, Any]]:
    """Each scanned page rendered, cleaned and read once by the first model, per dpi."""
    import pypdfium2

    from pipelines.extract.ocr import clean_image
    from pipelines.extract.tesseract import Segmentation, read_tsv

    floors = {}
    for dpi in dpis:
        spent: Counter = Counter()
        pages = 0
        for item in manifest.scans():
            document = pypdfium2.PdfDocument((inbox / item.path).read_bytes())
            for page in document:
                started = time.process_time()
                image = page.render(scale=dpi / 72).to_pil()
                rendered = time.process_time()
                cleaned = clean_image(image)
                clean_done = time.process_time()
                read_tsv(cleaned, Segmentation.BLOCK, None)
                spent["render"] += rendered - started
                spent["clean"] += clean_done - rendered
                spent["tesseract"] += time.process_time() - clean_done
                pages += 1
            document.close()
        floors[dpi] = {
            "pages": pages,
            **{f"{name}_cpu_seconds": round(value, 1) for name, value in spent.items()},
            "cpu_seconds": round(sum(spent.values()), 1),
        }
    return floors


def measure(root: Path) -> dict[str, Any]:
    """The three measurements and the floor they give on this machine's CPUs."""
    inbox = root / "inbox"
    manifest = generate_corpus(inbox)
    load_before = os.getloadavg()[0]
    without = ingest_without_ocr(root / "ingest", inbox)
    stages = ocr_by_stage(inbox, manifest, root / "ocr_cache")
    passes = one_reading_per_page(inbox, manifest)
    cpus = os.cpu_count() or 1
    base = without["cpu_seconds_machine"]
    return {
        "scenario": "ocr_floor",
        "cpus": cpus,
        "scans": len(manifest.scans()),
        "scan_pages": sum(int(item.scan["pages"]) for item in manifest.scans()),
        "load_avg_1m_before": round(load_before, 2),
        "ingest_without_ocr": without,
        "ocr_by_stage": stages,
        "one_reading_per_page": passes,
        "floor_seconds": {
            dpi: round((base + figures["cpu_seconds"]) / cpus, 1) for dpi, figures in passes.items()
        },
        "floor_seconds_as_read_now": round((base + stages["cpu_seconds"]) / cpus, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread, as in the parse workers
    root = Path(tempfile.mkdtemp(prefix="aqb-bench-ocr-floor-"))
    try:
        figures = measure(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print_figures(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
