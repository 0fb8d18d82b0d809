"""Scanned agreements through the real ingest (issue 16): a scan read exactly lands marked
"aus Scan gelesen", a scan read unsure (by both OCR models) is quarantined with its German
detail, and a second run reads no page again (the OCR cache)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import warehouse
from pipelines.config import Settings
from pipelines.extract.ocr import tesseract_version
from pipelines.orchestration import run_ingest
from tests.support import scans
from tests.support.agreements import make_agreement


@pytest.fixture(autouse=True)
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR is off by default (README: its first ingest is too slow for the target); these tests
    exercise it, so they turn it on as an operator would (AQB_OCR=1)."""
    monkeypatch.setenv("AQB_OCR", "1")


def test_scanned_agreement_lands_marked_and_a_second_run_reads_no_page(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "zielvereinbarung_2024_bergstrasse.txt").write_text(
        make_agreement(2024), encoding="utf-8"
    )
    good = scans.scan_text(scans.wrap_text(make_agreement(2025)), seed=11)
    (inbox / "zielvereinbarung_2025_bergstrasse.pdf").write_bytes(good)
    # the scan of 2023 filed under 2022: the year read contradicts the file name
    unsure = scans.scan_text(scans.wrap_text(make_agreement(2023)), seed=12)
    (inbox / "zielvereinbarung_2022_bergstrasse.pdf").write_bytes(unsure)
    # the good scan is read by the first model only; the unsure one by the second model too
    cached = scans.ocr_cache_files(good)
    cached += scans.ocr_cache_files(unsure, second_model=True)
    assert not any(path.exists() for path in cached)
    assert not any(path.exists() for path in scans.ocr_cache_files(good, second_model=True)[:1])

    first = Settings.rooted_at(tmp_path / "first", inbox)
    run_ingest(first)
    assert all(path.exists() for path in cached)
    assert not any(path.exists() for path in scans.ocr_cache_files(good, second_model=True)[:1])
    read_at = [path.stat().st_mtime_ns for path in cached]
    with duckdb.connect(str(first.warehouse_path), read_only=True) as connection:
        rows = connection.execute(
            "SELECT year, budget_total_eur, from_scan FROM agreements ORDER BY year"
        ).fetchall()
        quarantine = connection.execute(
            "SELECT original_name, reason_code, reason_de FROM quarantine"
        ).fetchall()
        readers = connection.execute(
            "SELECT r.original_name, p.read_by FROM parse_results AS p"
            " JOIN raw_documents AS r USING (sha256) ORDER BY r.original_name"
        ).fetchall()
    assert [(year, int(amount), scan) for year, amount, scan in rows] == [
        (2024, 1230450, False),
        (2025, 1230450, True),
    ]
    with warehouse.connect(first.warehouse_path) as connection:
        warehouse.build_models(connection, "staging")
        warehouse.build_models(connection, "marts")
        marked = connection.execute(
            "SELECT year, from_scan FROM mart_district_year WHERE district_ags = '06431'"
            " ORDER BY year"
        ).fetchall()
    assert marked == [(2024, False), (2025, True)]
    # each scan names its reader: the unsure one keeps the first reading's reason and reader
    reader = f"tesseract {tesseract_version()} deu"
    assert readers == [
        ("zielvereinbarung_2022_bergstrasse.pdf", reader),
        ("zielvereinbarung_2024_bergstrasse.txt", None),
        ("zielvereinbarung_2025_bergstrasse.pdf", reader),
    ]
    assert len(quarantine) == 1
    name, code, german = quarantine[0]
    assert (name, code) == ("zielvereinbarung_2022_bergstrasse.pdf", "scan_unsure")
    assert german.startswith("Haushaltsjahr unsicher gelesen: passt nicht zum Dateinamen (Seite 1")

    # a fresh warehouse parses every document again: the scans come from the cache
    second = Settings.rooted_at(tmp_path / "second", inbox)
    run_ingest(second)
    assert [path.stat().st_mtime_ns for path in cached] == read_at
    with duckdb.connect(str(second.warehouse_path), read_only=True) as connection:
        assert connection.execute(
            "SELECT year, from_scan FROM agreements WHERE from_scan"
        ).fetchall() == [(2025, True)]
