"""The real agreement scanned (``bench.scenarios.ocr_reference``) and the floor under the OCR
target (``bench.scenarios.ocr_floor``): their parts on small inputs, OCR run for real."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from bench.scenarios.ocr_reference import (
    FILE_NAME,
    REFERENCE,
    judge_seed,
    office_pdf,
    seed_list,
)
from pipelines.corpus.verify import agreement_view
from pipelines.parse.dispatch import parse_document


def test_seed_lists_are_ranges_or_commas() -> None:
    assert seed_list("1-4") == [1, 2, 3, 4]
    assert seed_list("7,9") == [7, 9]
    assert seed_list("12") == [12]


def test_the_office_print_of_the_real_agreement_reads_as_published() -> None:
    """The text layer of the print is the comparison's truth: it must be the real agreement."""
    outcome = parse_document(FILE_NAME, office_pdf(REFERENCE.read_text(encoding="utf-8")))
    record = outcome.agreement
    assert (record.district_ags, record.year) == ("06431", 2025)
    assert record.budget_total_eur == Decimal("1230450")
    assert [len(m.projects) for m in record.measures] == [2, 0, 6, 1]
    assert agreement_view(record)["signature_dates"] == ["2025-08-02", "2025-08-08"]


@pytest.fixture
def ocr_on(tmp_path):
    from pipelines.config import load_ocr_settings
    from pipelines.extract import ocr

    ocr.configure(replace(load_ocr_settings(), enabled=True, cache_dir=tmp_path / "ocr"))
    yield
    ocr.configure(None)


def test_a_scan_is_exact_only_when_every_figure_and_name_matches(ocr_on) -> None:
    """Seed 4's scan (200 dpi, a stamp) reads exactly; judged against a truth that differs in
    one project name it is wrong, naming what differs."""
    pdf = office_pdf(REFERENCE.read_text(encoding="utf-8"))
    wanted = agreement_view(parse_document(FILE_NAME, pdf).agreement)
    assert judge_seed(pdf, 4, wanted)["verdict"] == "exact"
    other = {**wanted, "measures": [dict(m) for m in wanted["measures"]]}
    other["measures"][3]["projects"] = ["BASS-Studium"]
    judged = judge_seed(pdf, 4, other)
    assert judged["verdict"] == "wrong"
    assert list(judged["differing"]) == ["measures"]


def test_the_floor_counts_each_page_once_and_each_stage(tmp_path) -> None:
    """One scan: one reading per page at 150 dpi counts its pages; the staged parse times the
    first model's page readings once per page."""
    from bench.scenarios.ocr_floor import _busy_seconds, ocr_by_stage, one_reading_per_page
    from pipelines.corpus import generate_corpus

    inbox = tmp_path / "inbox"
    manifest = generate_corpus(inbox, years=(2025, 2025), seed=7, defect_rate=0, scan_count=1)
    pages = int(manifest.scans()[0].scan["pages"])
    once = one_reading_per_page(inbox, manifest, dpis=(150,))
    assert once[150]["pages"] == pages and once[150]["cpu_seconds"] > 0
    staged = ocr_by_stage(inbox, manifest, tmp_path / "ocr")
    assert staged["stages"]["tesseract_block_first_model"]["calls"] == pages
    assert staged["cpu_seconds"] >= staged["stages"]["tesseract_block_first_model"]["cpu_seconds"]
    assert _busy_seconds() > 0
