"""The second OCR model (issue 16): a scan the first reading (Debian's "fast" German network)
leaves unsure is read again by Tesseract's "best" German network, which scripts/setup.sh
installs; the document lands only where that reading passes every check of a scan, and the two
models' readings are cached apart."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipelines.config import load_ocr_settings
from pipelines.corpus import generate_corpus
from pipelines.corpus.verify import outcome_verdict
from pipelines.extract.ocr import (
    cache_key,
    model_identity,
    reader_name,
    tesseract_version,
)
from pipelines.parse.dispatch import parse_document
from pipelines.reasons import Reason

# a grant decision of the bench's corpus seed 5150, scanned at 150 dpi: the first model read its
# provider "Caritasverband Wakeck-Frankenberg e.V." (4), the second reads it as printed
_SEED = 5150
_DECISION = "decisions/2025/RPKS-57-AQB-2025-06635-01_zuwendungsbescheid_scan.pdf"


@pytest.fixture(autouse=True)
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR is off by default (README); these tests turn it on as an operator would."""
    monkeypatch.setenv("AQB_OCR", "1")


def test_the_second_model_is_installed_and_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed = load_ocr_settings().second_model_dir
    assert installed is not None, "scripts/setup.sh installs the second model"
    assert (installed / "deu.traineddata").stat().st_size > 1_000_000
    monkeypatch.setenv("AQB_OCR_SECOND_MODEL_DIR", "off")
    assert load_ocr_settings().second_model_dir is None
    monkeypatch.setenv("AQB_OCR_SECOND_MODEL_DIR", str(tmp_path))  # a folder without the model
    assert load_ocr_settings().second_model_dir is None
    (tmp_path / "deu.traineddata").write_bytes(b"another model")
    assert load_ocr_settings().second_model_dir == tmp_path


def test_the_two_models_readings_are_cached_apart(tmp_path: Path) -> None:
    settings = load_ocr_settings()
    second = settings.second_model_dir
    assert second is not None
    first_key = cache_key("ab" * 32, 1, settings)
    assert cache_key("ab" * 32, 1, settings, None) == first_key
    assert cache_key("ab" * 32, 1, settings, second) != first_key
    other = tmp_path / "folder with blanks"
    other.mkdir()
    (other / "deu.traineddata").write_bytes(b"another model")
    assert model_identity(other) != model_identity(second)
    assert cache_key("ab" * 32, 1, settings, other) != cache_key("ab" * 32, 1, settings, second)


@pytest.fixture(scope="module")
def corpus_5150(tmp_path_factory: pytest.TempPathFactory):
    from bench.scenarios.ocr import corpus_years

    root = tmp_path_factory.mktemp("corpus_5150")
    manifest = generate_corpus(
        root, years=corpus_years(24), seed=_SEED, defect_rate=0, scan_count=24
    )
    return root, {item.path: item for item in manifest.scans()}


def test_a_scan_the_first_model_leaves_unsure_lands_exactly_by_the_second(
    corpus_5150, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, scans = corpus_5150
    item = scans[_DECISION]
    data = (root / item.path).read_bytes()
    monkeypatch.setenv("AQB_OCR_SECOND_MODEL_DIR", "off")
    first_only = parse_document(item.path, data)
    assert first_only.reason_code == Reason.SCAN_UNSURE.value
    assert first_only.reason_de.startswith("Träger unsicher gelesen (Seite 1")
    assert first_only.read_by == f"tesseract {tesseract_version()} deu"
    monkeypatch.delenv("AQB_OCR_SECOND_MODEL_DIR")
    both = parse_document(item.path, data)
    assert both.status == "ok", both.reason
    assert outcome_verdict(item, both).verdict == "exact"
    assert both.decisions[0].from_scan
    # the outcome names the reader its records come from: the second model, by its file's hash
    model_file = load_ocr_settings().second_model_dir / "deu.traineddata"
    model_sha256 = hashlib.sha256(model_file.read_bytes()).hexdigest()
    assert both.read_by == f"tesseract {tesseract_version()} deu@{model_sha256[:12]}"
    assert both.read_by == reader_name(load_ocr_settings().second_model_dir)
    providers = {line.provider for line in both.decisions[0].lines}
    assert "Caritasverband Waldeck-Frankenberg e.V." in providers
    settings = load_ocr_settings()
    sha256 = hashlib.sha256(data).hexdigest()
    second = cache_key(sha256, 1, settings, settings.second_model_dir)
    assert (settings.cache_dir / second[:2] / f"{second}.json").is_file()


# a grant decision of the same corpus, scanned at 300 dpi: the first model misread its first
# project ("Sprurigbrett Ausbildung"), the second read its second project below the name
# checks; each read the other's name surely at the same row
_BOTH_HALF_SURE = "decisions/2025/RPKS-57-AQB-2025-06636-01_zuwendungsbescheid_scan.pdf"


def test_a_name_each_model_read_surely_where_the_other_did_not_lands_the_scan(
    corpus_5150, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.extract import PDF, extract_document
    from pipelines.parse.dispatch import _route_extracted
    from pipelines.reference import DistrictIndex

    root, scans = corpus_5150
    data = (root / _BOTH_HALF_SURE).read_bytes()
    settings = load_ocr_settings()
    second = extract_document(data, PDF, ocr_model_dir=settings.second_model_dir)
    alone = _route_extracted(_BOTH_HALF_SURE, "-", second, DistrictIndex.shipped())
    assert alone.reason_code == Reason.SCAN_UNSURE.value
    assert alone.reason_de.startswith("Projektname unsicher gelesen (Seite 1")
    monkeypatch.setenv("AQB_OCR_SECOND_MODEL_DIR", "off")
    first_only = parse_document(_BOTH_HALF_SURE, data)
    assert first_only.reason_de.startswith("Projektname unsicher gelesen (Seite 1")
    monkeypatch.delenv("AQB_OCR_SECOND_MODEL_DIR")
    both = parse_document(_BOTH_HALF_SURE, data)
    assert both.status == "ok", both.reason
    assert outcome_verdict(scans[_BOTH_HALF_SURE], both).verdict == "exact"
    assert both.read_by == reader_name(settings.second_model_dir)
    projects = [line.project for line in both.decisions[0].lines]
    assert projects[:2] == ["Sprungbrett Ausbildung", "Schule-Beruf, Übergangsmanagement"]


# an agreement of the same corpus: the first model misread a project on page 3
# ("Langzeitarbeitsiose"), the second lost § 4's budget amount; neither reading lands alone
_MENDED = "agreements/2025/zielvereinbarung_2025_06632_landkreis_hersfeld_rotenburg_scan.pdf"


def test_a_line_one_model_misread_is_taken_as_the_other_read_it(corpus_5150) -> None:
    from pipelines.extract import PDF, extract_document
    from pipelines.parse.dispatch import _route_extracted
    from pipelines.reference import DistrictIndex

    root, scans = corpus_5150
    data = (root / _MENDED).read_bytes()
    settings = load_ocr_settings()
    for model_dir in (None, settings.second_model_dir):
        alone = extract_document(data, PDF, ocr_model_dir=model_dir)
        outcome = _route_extracted(_MENDED, "-", alone, DistrictIndex.shipped())
        assert outcome.reason_code == Reason.SCAN_UNSURE.value
    mended = parse_document(_MENDED, data)
    assert mended.status == "ok", mended.reason
    assert outcome_verdict(scans[_MENDED], mended).verdict == "exact"
    # the outcome names both readers: the first model's reading, a line of it the second's
    assert mended.read_by == f"{reader_name(None)}; {reader_name(settings.second_model_dir)}"
    projects = {project.name for m in mended.agreement.measures for project in m.projects}
    assert "Job-Coaching für Langzeitarbeitslose" in projects
