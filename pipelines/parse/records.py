"""Records the parsers produce: the contract between parsing, the warehouse and the CLI.

Amounts are ``Decimal`` in euro with two places; dates are ``datetime.date``. Every field that
was read from a document carries a ``Provenance`` (1-based page and line of the source text as
extracted, before furniture stripping renumbers anything) so any figure can be traced back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pipelines.contracts.vocabulary import DocumentType
from pipelines.reasons import Reason

DecisionType = Literal["first", "amendment", "final", "revocation"]
ParseStatus = Literal["ok", "quarantined"]


@dataclass(frozen=True)
class Provenance:
    """Where a value stands in its source: page (1-based; 1 for text files) and line or row."""

    page: int
    line: int
    text: str = ""  # the source line (or CSV row) as extracted, for display next to a figure


@dataclass(frozen=True)
class SourceLine:
    """One logical line of extracted text (wrapped lines rejoined) with its first physical place."""

    page: int
    line: int
    text: str


@dataclass(frozen=True)
class ExtractedDocument:
    """Cleaned text of one document: page furniture removed, hyphenation and wraps rejoined."""

    lines: tuple[SourceLine, ...]
    page_count: int
    media_type: str  # "application/pdf", "text/plain", "text/csv", "application/vnd...sheet"
    encoding: str | None = None  # for text: "utf-8" or "cp1252"
    ocr_pages: tuple[int, ...] = ()  # pages read by OCR (a scan); empty for a text layer
    # OCR confidence (0-100) of each logical line read by OCR, by its (page, line)
    confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the same for every word of the line (a project's name, not only its figures)
    text_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the line's confidence once a second reading of a low line gave the same text (0: no such
    # agreement); a figure is taken at it only where a cross-check confirms it too
    # (pipelines.parse.scan_checks)
    agreed_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # a second reading's own confidence in the line's figures (the line's crop read alone),
    # where it spelled the line alike; 0 without: a figure read low in the page's reading but
    # surely when read again, alike, is read surely (pipelines.parse.scan_checks)
    reread_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the lowest confidence of the line's words with an umlaut (100 without): a speck over a
    # vowel reads as its dots every time, so no second reading vouches for an umlaut
    umlaut_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the same for a line the other OCR model read with exactly the same text (a scan read by
    # both models: pipelines.parse.mend); its figures too count only where a cross-check
    # confirms them, and names are not judged by it (both models misread a speck alike)
    alike_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the letters and digits of each logical line's runs of words a second reading read alike:
    # a name from a scan is taken only within one (pipelines.parse.scan_checks)
    confirmed_segments: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    # each logical line's words as first read with their confidence: a field is judged by the
    # words it was read from, not by a misread neighbour (pipelines.parse.scan_checks)
    word_confidences: dict[tuple[int, int], tuple[tuple[str, float], ...]] = field(
        default_factory=dict
    )

    @property
    def from_scan(self) -> bool:
        """Read (at least partly) by OCR: its figures are marked "aus Scan gelesen"."""
        return bool(self.ocr_pages)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Project:
    name: str
    provenance: Provenance
    amount_eur: Decimal | None = None


@dataclass(frozen=True)
class Measure:
    measure_type: int  # 1..4, see pipelines/reference/data/measure_types.csv
    name: str  # the wording the document uses
    projects: tuple[Project, ...] = ()
    amount_eur: Decimal | None = None  # where the agreement gives a per-measure amount
    provenance: Provenance | None = None  # None when the document does not list the type at all


@dataclass(frozen=True)
class Earmark:
    """Money set aside within the budget, e.g. for Teilzeitausbildung."""

    label: str
    amount_eur: Decimal | None
    provenance: Provenance


@dataclass(frozen=True)
class OtherBudget:
    """A second budget in the same agreement (e.g. Arbeitsmarktbudget before about 2019)."""

    label: str
    amount_eur: Decimal
    provenance: Provenance


@dataclass(frozen=True)
class Signature:
    party: Literal["ministry", "district"]
    place: str | None
    date: date | None
    name: str | None
    role: str | None
    provenance: Provenance


@dataclass(frozen=True)
class AgreementRecord:
    district_ags: str
    district_name: str  # official name from reference data
    year: int
    budget_total_eur: Decimal  # the AQB amount only
    ministry: str  # the ministry's name as the document writes it
    ministry_short: str | None
    measures: tuple[Measure, ...]  # always all four types, ordered 1..4
    earmarks: tuple[Earmark, ...] = ()
    other_budgets: tuple[OtherBudget, ...] = ()
    signatures: tuple[Signature, ...] = ()
    # provenance of scalar fields: "district", "year", "budget_total_eur", "ministry"
    provenance: dict[str, Provenance] = field(default_factory=dict)
    from_scan: bool = False  # read by OCR from a scanned PDF ("aus Scan gelesen")


@dataclass(frozen=True)
class DecisionLine:
    project: str
    measure_type: int
    provider: str | None
    amount_eur: Decimal  # approved amount (for a final decision: the amount finally granted)
    provenance: Provenance
    used_eur: Decimal | None = None  # final decision: amount actually used
    reclaimed_eur: Decimal | None = None  # final decision: amount reclaimed


@dataclass(frozen=True)
class DecisionRecord:
    decision_id: str  # the file number (Aktenzeichen) of this decision
    decision_type: DecisionType
    decision_date: date
    district_ags: str
    district_name: str
    year: int
    lines: tuple[DecisionLine, ...]
    total_eur: Decimal
    refers_to: str | None = None  # amendment/final/revocation: the decision it changes
    used_total_eur: Decimal | None = None
    reclaimed_total_eur: Decimal | None = None
    provenance: dict[str, Provenance] = field(default_factory=dict)
    from_scan: bool = False  # read by OCR from a scanned PDF ("aus Scan gelesen")


class QuarantineError(Exception):
    """Raised by a parser when a document cannot be accepted: ``reason`` is one plain English
    sentence with the details, ``code`` the ``Reason`` a user reads in German."""

    def __init__(
        self, reason: str, code: Reason = Reason.UNCLASSIFIED, detail_de: str | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.detail_de = detail_de  # a German sentence naming the field, else the code's text


@dataclass(frozen=True)
class ParseOutcome:
    """What parsing one file yields: records, or a quarantine reason. Never an exception."""

    source: str
    sha256: str
    status: ParseStatus
    reason: str | None
    document_type: DocumentType | None
    agreement: AgreementRecord | None = None
    decisions: tuple[DecisionRecord, ...] = ()  # a tabular export may carry several decisions
    # rows of a tabular export that were rejected while the rest landed: (row, reason)
    rejected_rows: tuple[tuple[int, str], ...] = ()
    reason_code: str | None = None  # a ``pipelines.reasons.Reason`` value when quarantined
    # German reason with the details (e.g. "Betrag unsicher gelesen (Seite 2, Zeile 8)");
    # None: the code's German text
    reason_de: str | None = None
    # the OCR reader whose reading of a scan this outcome comes from (``ocr.reader_name``:
    # engine version and model); None for a text layer or a table
    read_by: str | None = None
    # a scan read unsure whose parser still produced a record: the reading a reviewer may
    # release (``pipelines.parse.held``); None otherwise
    held: AgreementRecord | DecisionRecord | None = None
    # the review decision (``review_id``) that released the held reading this outcome stores
    released_by: str | None = None
    # a held reading that failed on names alone: those names by ``held.field_key``
    # ("line_provider:2"), which the same names in the district's documents confirm
    # (``pipelines.parse.confirm``); empty otherwise
    unsure_names: tuple[str, ...] = ()
    # every name of a held reading read unsure, whatever else was (keys as above): marked for
    # the reviewer who compares the reading with the scan (``held.held_reading_json``)
    names_read_unsure: tuple[str, ...] = ()
    # the documents (sha256, comma-separated) whose names confirmed this outcome's unsure names
    names_confirmed_by: str | None = None
    # the names among them a typical misreading of the one those documents hold, taken as they
    # spell it: JSON pairs [as read, as spelled] (``pipelines.parse.confirm``); None without
    names_corrected: str | None = None


def to_jsonable(value: Any) -> Any:
    """Dataclasses/Decimals/dates -> JSON-ready Python (amounts as numbers, dates as ISO)."""
    if hasattr(value, "__dataclass_fields__"):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
