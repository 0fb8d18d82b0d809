"""Shared fixtures. Subfolders keep their own conftest.py for what only they need.

Contracts used here (each owned by its module):
- ``pipelines.corpus.generate_corpus(out_dir, years, seed, scale, defect_rate) -> Manifest``
- ``pipelines.orchestration.run_ingest(settings) -> IngestSummary`` (the real Dagster job)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.config import PROJECT_ROOT, Settings

SHARED_DIR = PROJECT_ROOT.parent / "shared"
REFERENCE_AGREEMENT = SHARED_DIR / "reference" / "zielvereinbarung_2025_landkreis_bergstrasse.txt"
GEOJSON = SHARED_DIR / "geo" / "hessen_kreise_bkg2013.geojson"
SAMPLE_YEARS = (2016, 2025)
SAMPLE_SEED = 20250802


@pytest.fixture(autouse=True)
def main_module_restored() -> Iterator[None]:
    """Streamlit's AppTest runs a page as ``__main__`` and leaves that module in ``sys.modules``
    (``from_function``: a temporary script calling the function). A process this worker starts
    later (the parse pool's fork server, the GX process) re-runs ``__main__``'s file first, so
    it ran that script (a NameError for ``from_function``'s) and every parse failed."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session", autouse=True)
def dagster_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One Dagster home per test process (never the project's ``data/dagster_home``), so xdist
    workers do not share SQLite files and every ``run_ingest`` is recorded like a real one."""
    home = tmp_path_factory.mktemp("dagster_home")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


@pytest.fixture(scope="session", autouse=True)
def ocr_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One OCR cache for the whole test run, shared by xdist workers (their base temps are
    siblings), so every scan the tests ingest again and again is OCR'd once per run. A test that
    counts OCR work points ``AQB_OCR_CACHE_DIR`` at its own folder."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    cache = root / "ocr_cache"
    cache.mkdir(exist_ok=True)
    os.environ["AQB_OCR_CACHE_DIR"] = str(cache)
    return cache


@pytest.fixture(scope="session")
def reference_agreement_text() -> str:
    if not REFERENCE_AGREEMENT.is_file():
        pytest.skip(
            f"../shared is absent here, so the real Bergstraße agreement ({REFERENCE_AGREEMENT}) cannot be read"
        )
    return REFERENCE_AGREEMENT.read_text(encoding="utf-8")


def make_settings(root: Path, inbox: Path | None) -> Settings:
    """Settings with every path under ``root`` (a tmp dir), as a test or bench would use them."""
    return Settings.rooted_at(root, inbox)


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory):
    """The default synthetic corpus (26 districts x 2016-2025) with its manifest, built once."""
    from pipelines.corpus import generate_corpus

    out_dir = tmp_path_factory.mktemp("corpus")
    manifest = generate_corpus(
        out_dir, years=SAMPLE_YEARS, seed=SAMPLE_SEED, scale=1, defect_rate=0.05
    )
    return out_dir, manifest


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory, sample_corpus):
    """The sample corpus ingested through the real Dagster job into a temp warehouse, published."""
    from pipelines.orchestration import run_ingest

    corpus_dir, manifest = sample_corpus
    root = tmp_path_factory.mktemp("aqb")
    settings = make_settings(root, inbox=corpus_dir)
    summary = run_ingest(settings)
    return settings, summary, manifest
