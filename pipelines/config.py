"""Paths and settings from environment variables, each with an embedded default.

Relative paths resolve against the project root (the folder holding ``pyproject.toml``) so the
CLI, Dagster and Streamlit agree wherever they are started from.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path_from_env(variable: str, default: str) -> Path:
    raw = os.environ.get(variable, "").strip() or default
    path = Path(raw).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _optional_path_from_env(variable: str) -> Path | None:
    raw = os.environ.get(variable, "").strip()
    return _path_from_env(variable, raw) if raw else None


@dataclass(frozen=True)
class Settings:
    inbox_dir: Path | None  # None: use the generated sample corpus (Beispieldaten)
    sample_dir: Path
    warehouse_path: Path
    archive_dir: Path
    publish_dir: Path
    data_docs_dir: Path
    district_geojson: Path | None
    # Extra districts beyond the shipped 26 (bench corpora "as if K states"); see
    # pipelines.reference.DistrictIndex. None in normal operation.
    extra_districts_path: Path | None = None
    # Review decisions (append-only JSON Lines, outside the warehouse; pipelines.review) and the
    # local reviewer accounts (salted scrypt hashes) for installations without an identity provider.
    review_log: Path = PROJECT_ROOT / "data/review/decisions.jsonl"
    accounts_file: Path = PROJECT_ROOT / "data/review/accounts.json"
    # Where users report a barrier (Erklärung zur Barrierefreiheit): an e-mail address or URL of
    # the operating unit; empty means not configured, which the statement says openly.
    accessibility_contact: str = ""

    @classmethod
    def rooted_at(cls, root: Path, inbox: Path | None) -> Settings:
        """Every path under one folder (a test's tmp_path, a bench run's workspace)."""
        return cls(
            inbox_dir=inbox,
            sample_dir=root / "sample_corpus",
            warehouse_path=root / "warehouse.duckdb",
            archive_dir=root / "archive",
            publish_dir=root / "published",
            data_docs_dir=root / "data_docs",
            district_geojson=None,
            review_log=root / "review" / "decisions.jsonl",
            accounts_file=root / "review" / "accounts.json",
        )

    @property
    def effective_inbox(self) -> Path:
        """The folder an ingest reads: the configured inbox, else the sample corpus."""
        return self.inbox_dir if self.inbox_dir is not None else self.sample_dir


# The manifest of a generated corpus carries its ground truth: 5 MB at the default scale, 356 MB at
# 64 times. Only its head is read: ``sample_data`` is one of the first fields (see
# ``pipelines.corpus.manifest.Manifest``), and parsing all of it cost 6 s and 1.3 GB per call.
MANIFEST_HEAD_BYTES = 64 * 1024


def leading_json_fields(text: str) -> Iterator[tuple[str, Any]]:
    """The top-level key/value pairs of the JSON object ``text`` starts with, in order, as far as
    they are complete (a cut-off value ends the iteration). Raises ``ValueError`` when ``text``
    is not the start of a JSON object."""
    decoder = json.JSONDecoder()
    index = _skip_blanks(text, 0)
    if not text.startswith("{", index):
        raise ValueError("not a JSON object")
    index += 1
    while True:
        index = _skip_blanks(text, index)
        if text.startswith("}", index):
            return
        key, index = decoder.raw_decode(text, index)
        index = _skip_blanks(text, index)
        if not text.startswith(":", index) or not isinstance(key, str):
            raise ValueError("malformed JSON object")
        try:
            value, index = decoder.raw_decode(text, _skip_blanks(text, index + 1))
        except ValueError:
            return  # the head ends inside this value
        yield key, value
        index = _skip_blanks(text, index)
        if text.startswith(",", index):
            index += 1


def _skip_blanks(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def is_sample_corpus(inbox: Path) -> bool:
    """True when ``inbox`` is a generated corpus: its ``manifest.json`` declares sample data.

    Read here (not in the corpus package) because settings decide the Beispieldaten banner
    before anything is parsed; a malformed manifest counts as real data, never as sample.
    """
    manifest = inbox / "manifest.json"
    try:
        with manifest.open("rb") as handle:
            head = handle.read(MANIFEST_HEAD_BYTES).decode("utf-8", errors="replace")
        for key, value in leading_json_fields(head):
            if key == "sample_data":
                return value is True
    except (OSError, ValueError):
        return False
    return False


def _number_from_env(variable: str, default: float) -> float:
    """A finite number >= 0 from the environment; unset, empty or invalid gives ``default``
    (``inf`` and ``nan`` are invalid: a limit of infinite megabytes cannot become bytes)."""
    raw = os.environ.get(variable, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if math.isfinite(value) and value >= 0 else default


_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-document limits of the ingest, each from an environment variable (README,
    "Limits"). A document over a limit is quarantined with its reason; the others go on."""

    max_file_bytes: int  # AQB_MAX_FILE_MB: a larger inbox file is not parsed
    max_table_rows: int  # AQB_MAX_TABLE_ROWS: rows of one CSV/XLSX export
    max_xlsx_unpacked_bytes: int  # AQB_MAX_XLSX_UNPACKED_MB: sum of the zip members' sizes
    max_xlsx_shared_strings_bytes: int  # AQB_MAX_XLSX_SHARED_STRINGS_MB: sharedStrings.xml
    max_line_chars: int  # AQB_MAX_LINE_CHARS: longest line of a text or CSV file
    parse_seconds: float  # AQB_PARSE_TIMEOUT_SECONDS: wall time to parse one document
    parse_memory_bytes: int  # AQB_PARSE_MEMORY_MB: address space of a parse worker
    lock_wait_seconds: float  # AQB_INGEST_LOCK_WAIT: wait for another ingest, then exit 3

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


def load_limits() -> Limits:
    """Limits read now (not at import), so tests and the bench can set them per run."""
    return Limits(
        max_file_bytes=int(_number_from_env("AQB_MAX_FILE_MB", 50) * _MB),
        max_table_rows=int(_number_from_env("AQB_MAX_TABLE_ROWS", 200_000)),
        max_xlsx_unpacked_bytes=int(_number_from_env("AQB_MAX_XLSX_UNPACKED_MB", 200) * _MB),
        max_xlsx_shared_strings_bytes=int(
            _number_from_env("AQB_MAX_XLSX_SHARED_STRINGS_MB", 50) * _MB
        ),
        max_line_chars=int(_number_from_env("AQB_MAX_LINE_CHARS", 100_000)),
        parse_seconds=_number_from_env("AQB_PARSE_TIMEOUT_SECONDS", 60),
        parse_memory_bytes=int(_number_from_env("AQB_PARSE_MEMORY_MB", 1024) * _MB),
        lock_wait_seconds=_number_from_env("AQB_INGEST_LOCK_WAIT", 30),
    )


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are read (README, "OCR of scanned PDFs"); read from the environment
    when a document needs OCR, so tests and the bench can set them per run."""

    enabled: bool  # AQB_OCR=1: read scans by OCR; off by default (README: why)
    cache_dir: Path  # AQB_OCR_CACHE_DIR: OCR text by content hash, outside the warehouse
    dpi: int  # AQB_OCR_DPI: resolution a scanned page is rendered at for Tesseract
    max_pages: int  # AQB_OCR_MAX_PAGES: a scan with more pages is not OCR'd (quarantined)
    seconds_per_page: float  # AQB_OCR_SECONDS_PER_PAGE: time limit added per OCR'd page
    # AQB_OCR_SECOND_MODEL_DIR: tessdata folder of the model that reads a scan again where the
    # first reading left it unsure; None: no second reading (not installed, or "off")
    second_model_dir: Path | None


def load_ocr_settings() -> OcrSettings:
    """OCR settings read now (not at import)."""
    return OcrSettings(
        enabled=os.environ.get("AQB_OCR", "0").strip() == "1",
        cache_dir=_path_from_env("AQB_OCR_CACHE_DIR", "data/ocr_cache"),
        dpi=int(_number_from_env("AQB_OCR_DPI", 300)),
        max_pages=int(_number_from_env("AQB_OCR_MAX_PAGES", 12)),
        seconds_per_page=_number_from_env("AQB_OCR_SECONDS_PER_PAGE", 60),
        second_model_dir=_second_model_dir(),
    )


# where scripts/setup.sh installs Tesseract's "best" German model (npm @tesseract.js-data/deu)
_SECOND_MODEL_DEFAULT = ".venv/share/aqb/tessdata_best"


def _second_model_dir() -> Path | None:
    """The second OCR model's tessdata folder when it holds a German model, else None."""
    if os.environ.get("AQB_OCR_SECOND_MODEL_DIR", "").strip() == "off":
        return None
    folder = _path_from_env("AQB_OCR_SECOND_MODEL_DIR", _SECOND_MODEL_DEFAULT)
    return folder if (folder / "deu.traineddata").is_file() else None


def load_settings() -> Settings:
    """Read settings now (not at import) so tests can point them at ``tmp_path``."""
    return Settings(
        inbox_dir=_optional_path_from_env("AQB_INBOX_DIR"),
        sample_dir=_path_from_env("AQB_SAMPLE_DIR", "data/sample_corpus"),
        warehouse_path=_path_from_env("AQB_WAREHOUSE_PATH", "data/warehouse.duckdb"),
        archive_dir=_path_from_env("AQB_ARCHIVE_DIR", "data/archive"),
        publish_dir=_path_from_env("AQB_PUBLISH_DIR", "data/published"),
        data_docs_dir=_path_from_env("AQB_DATA_DOCS_DIR", "data/data_docs"),
        district_geojson=_optional_path_from_env("AQB_DISTRICT_GEOJSON"),
        extra_districts_path=_optional_path_from_env("AQB_EXTRA_DISTRICTS"),
        review_log=_path_from_env("AQB_REVIEW_LOG", "data/review/decisions.jsonl"),
        accounts_file=_path_from_env("AQB_ACCOUNTS_FILE", "data/review/accounts.json"),
        accessibility_contact=os.environ.get("AQB_ACCESSIBILITY_CONTACT", "").strip(),
    )


AGREEMENT_DUE_ENV = "AQB_AGREEMENT_DUE"
DEFAULT_AGREEMENT_DUE = "03-31"


def agreement_due() -> tuple[int, int]:
    """(month, day) of a budget year by which each district's agreement for that year is due
    (``AQB_AGREEMENT_DUE`` as MM-DD, default 03-31). Raises ``ValueError`` on a malformed value:
    a freshness rule silently replaced by a default would hide what the operator asked for."""
    raw = os.environ.get(AGREEMENT_DUE_ENV, "").strip() or DEFAULT_AGREEMENT_DUE
    try:
        month_text, day_text = raw.split("-")
        month, day = int(month_text), int(day_text)
        from datetime import date

        date(2024, month, day)  # a leap year: 02-29 is a valid due date
    except ValueError as error:
        raise ValueError(f"{AGREEMENT_DUE_ENV}={raw!r} is not a date as MM-DD") from error
    return month, day


DAGSTER_UI_URL_ENV = "AQB_DAGSTER_UI_URL"


def dagster_run_url(run_id: str) -> str | None:
    """Link to a run in the Dagster UI when ``AQB_DAGSTER_UI_URL`` names it (e.g.
    ``http://127.0.0.1:3000``); None otherwise (and for runs that never went through Dagster)."""
    base = os.environ.get(DAGSTER_UI_URL_ENV, "").strip().rstrip("/")
    if not base or run_id.startswith("unchanged-"):
        return None
    return f"{base}/runs/{run_id}"
