"""One entry point for every file: bytes in, a ParseOutcome out, never an exception.

Routes by content: agreements to ``parse_agreement``, decision letters of Regierungspräsidium
Kassel to ``decision_letter.parse_decision_letter``, CSV/XLSX exports to
``decision_table.parse_decision_table``. Anything else is quarantined with a reason.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import replace

from pipelines.contracts.vocabulary import DocumentType
from pipelines.extract import CSV, PDF, TEXT, XLSX, extract_document, ocr, sniff_media_type
from pipelines.extract.media import DOCX, HTML, ZIP
from pipelines.parse import mend, scan_checks
from pipelines.parse.agreement import parse_agreement
from pipelines.parse.classify import DocumentKind, classify_document
from pipelines.parse.confirm import sure_name_values
from pipelines.parse.held import held_figures_agree
from pipelines.parse.records import (
    AgreementRecord,
    DecisionRecord,
    ExtractedDocument,
    ParseOutcome,
    QuarantineError,
)
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex

# reasons that say a document is no AQB agreement at all (its type stays unknown)
_NOT_AGREEMENT_CODES = frozenset({Reason.NOT_AN_AGREEMENT, Reason.NOT_AN_AQB_AGREEMENT})

# bump when a parser change can alter records, so the warehouse re-parses stored documents
PARSER_VERSION = "2025.3.36"


def parse_document(
    source_name: str, data: bytes, districts: DistrictIndex | None = None
) -> ParseOutcome:
    """Parse one file; any failure becomes a quarantined outcome with a one-sentence reason."""
    sha256 = hashlib.sha256(data).hexdigest()
    districts = districts or DistrictIndex.shipped()
    try:
        return _route(source_name, sha256, data, districts)
    except QuarantineError as error:
        return _quarantined(source_name, sha256, error, None)
    except Exception as error:  # a parser bug must not stop an ingest: quarantine and move on
        return _quarantined(
            source_name, sha256, QuarantineError(_parser_error(error), Reason.PARSER_ERROR), None
        )


def _route(source_name: str, sha256: str, data: bytes, districts: DistrictIndex) -> ParseOutcome:
    if not data.strip():
        raise QuarantineError(
            "Empty file: 0 bytes of content, nothing to parse.", code=Reason.EMPTY_FILE
        )
    media_type = sniff_media_type(source_name, data)
    if media_type in (CSV, XLSX):
        return _parse_table(source_name, sha256, data, media_type, districts)
    if media_type not in (PDF, TEXT):
        raise QuarantineError(
            _unsupported_reason(media_type, data), code=Reason.UNSUPPORTED_FILE_TYPE
        )
    doc = extract_document(data, media_type)
    outcome = _route_extracted(source_name, sha256, doc, districts)
    if not doc.from_scan:
        return outcome
    outcome = replace(outcome, read_by=ocr.reader_name(None))
    if outcome.reason_code == Reason.SCAN_UNSURE.value:
        return _read_again(source_name, sha256, data, media_type, districts, (doc, outcome))
    return outcome


def _read_again(
    source_name: str,
    sha256: str,
    data: bytes,
    media_type: str,
    districts: DistrictIndex,
    first: tuple[ExtractedDocument, ParseOutcome],
) -> ParseOutcome:
    """A scan the first OCR model left unsure, read again by the second model (README, "OCR of
    scanned PDFs"): the bigger network misreads other words, so where its reading passes every
    check of a scan the document lands. A line both models read letter for letter counts as
    read twice for its figures (``mend.read_alike``), in either reading. Where neither passes
    alone, a name one model read at a place where the other read the same name surely counts
    as checked (two models, one of them sure), and a reading that then passes every other
    check lands; failing that, one model's reading with the lines it stopped at read as the
    other model read them (``_mended``). Otherwise the first reading's reason stands, or the
    second's where both are held on their names alone and it on fewer (``_fewer_names_unsure``)."""
    first_doc, unsure = first
    model_dir = ocr.current_settings().second_model_dir
    if model_dir is None:
        return unsure
    try:
        second_doc = extract_document(data, media_type, ocr_model_dir=model_dir)
        first_doc, second_doc = (
            mend.read_alike(first_doc, second_doc),
            mend.read_alike(second_doc, first_doc),
        )
        again = _route_extracted(source_name, sha256, second_doc, districts, first=first_doc)
    except QuarantineError:
        return unsure
    if again.status == "ok":
        return replace(again, read_by=ocr.reader_name(model_dir))
    # a figure the first reading read low may count now that the second read its line alike
    alike = _route_extracted(source_name, sha256, first_doc, districts, first=second_doc)
    if alike.status == "ok":
        return replace(alike, read_by=ocr.reader_name(None))
    if unsure.held is None and again.held is not None:
        # the first reading gave no record to hold: a reviewer checks the second one
        unsure = replace(again, read_by=ocr.reader_name(model_dir))
    elif _fewer_names_unsure(_figures_disputed(again, unsure), unsure):
        # both held on names alone, the same figures: the reading with fewer names to confirm
        unsure = replace(again, read_by=ocr.reader_name(model_dir))
    readings = ((first_doc, second_doc, None), (second_doc, first_doc, model_dir))
    for doc, other, reader in readings:
        checked = _surely_read_names(source_name, other, districts)
        if not checked:
            continue
        first_reading = first_doc if reader is not None else None
        outcome = _route_extracted(source_name, sha256, doc, districts, checked, first_reading)
        if outcome.status == "ok":
            return replace(outcome, read_by=ocr.reader_name(reader))
    for doc, other, reader in readings:
        outcome = _mended(source_name, sha256, (doc, other), districts)
        other_reader = ocr.reader_name(model_dir if reader is None else None)
        outcome = replace(outcome, read_by=f"{ocr.reader_name(reader)}; {other_reader}")
        if outcome.status == "ok":
            return outcome
        if outcome.unsure_names and outcome.held is not None and not unsure.unsure_names:
            # held on its names alone, where neither model's own reading was: a reviewer, or
            # the district's documents, confirm the names (pipelines.parse.confirm)
            unsure = _figures_disputed(outcome, first[1])
    return _figures_disputed(unsure, again)


# the lines of one reading a mended reading takes from the other at most
_MENDED_LINES = 3
# a row's line the parser names and the lines after it (a row's words run on to the next line
# where one model broke it: "7; 3; Integrationslotsen" + "Marburg; …; 137.000,00 EUR")
_MENDED_SPAN = 3


def _mended(
    source_name: str,
    sha256: str,
    readings: tuple[ExtractedDocument, ExtractedDocument],
    districts: DistrictIndex,
) -> ParseOutcome:
    """One model's reading with the lines its parser or checks stopped at read as the other
    model read them (``pipelines.parse.mend``), one line at a time, until it passes every
    check of a scan or no line is left to take; the other reading's names then count as
    checked where it read them surely, and no name the other spelled otherwise is published."""
    doc, other = readings
    checked = _surely_read_names(source_name, other, districts)
    outcome = _route_extracted(source_name, sha256, doc, districts, checked, other)
    taken: set[mend.Place] = set()
    while outcome.status != "ok" and len(taken) < _MENDED_LINES:
        place = scan_checks.reason_place(outcome.reason or "")
        if place is None:
            break
        page, line = place
        span = [(page, line + step) for step in range(_MENDED_SPAN)]
        found = [
            (near, theirs)
            for near in span
            if near not in taken and (theirs := mend.aligned_line(doc, other, near)) is not None
        ]
        if not found:
            break
        near, theirs = found[0]
        taken.add(near)
        doc = mend.with_line_from(doc, other, near, theirs)
        outcome = _route_extracted(source_name, sha256, doc, districts, checked, other)
    return outcome


def _fewer_names_unsure(again: ParseOutcome, unsure: ParseOutcome) -> bool:
    """Both readings are held on their names alone, ``again`` on fewer of them, and every name
    both passed is the same in both: the district's documents then have fewer names to confirm
    ("Jobdatings" alone, where the first model read "»Einstiegsqualifizierung Plus" and
    ".Jobdatings"). A name the two readings each passed but spelled otherwise is no sure one
    (seed 2580: the second model read "Oo Kompetenzfeststellung und Profiling" twice alike)."""
    if not (again.unsure_names and unsure.unsure_names) or again.held is None:
        return False
    if unsure.held is None or len(again.unsure_names) >= len(unsure.unsure_names):
        return False
    theirs = sure_name_values(unsure.held, unsure.unsure_names)
    ours = sure_name_values(again.held, again.unsure_names)
    return all(theirs.get(key, name) == name for key, name in ours.items())


def _figures_disputed(unsure: ParseOutcome, again: ParseOutcome) -> ParseOutcome:
    """``unsure`` held on its names alone no more where the other model's reading gave a record
    whose figures differ: a figure one model read otherwise is not sure, however surely the
    held reading read it ("1; 4;" at 81 by the first model, "1; 1;" at 94 by the second: a
    measure type no sum checks), so no document confirming the names may land it."""
    if not unsure.unsure_names or unsure.held is None or again.held is None:
        return unsure
    if held_figures_agree(unsure.held, again.held):
        return unsure
    return replace(unsure, unsure_names=())


def _surely_read_names(
    source_name: str, doc: ExtractedDocument, districts: DistrictIndex
) -> dict[scan_checks.NamePlace, str]:
    """The names one reading of a scan read surely, by place; none where it yields no record."""
    kind, doc, districts = _prepared(source_name, doc, districts)
    try:
        if kind == "agreement":
            return scan_checks.surely_read_names(parse_agreement(doc, districts), doc)
        if kind == "decision_letter":
            return scan_checks.surely_read_names(_parse_letter(doc, districts), doc)
    except QuarantineError:
        pass
    return {}


def _prepared(
    source_name: str, doc: ExtractedDocument, districts: DistrictIndex
) -> tuple[DocumentKind, ExtractedDocument, DistrictIndex]:
    """The document's kind, and for a scan the districts its file name allows and an agreement
    without a title year misread against that file name: what every parser of a reading gets."""
    if doc.from_scan:
        districts = scan_checks.districts_for_scan(doc, source_name, districts)
    kind = classify_document(doc)
    if kind == "agreement" and doc.from_scan:
        doc = scan_checks.without_misread_title_year(doc, source_name)
    return kind, doc, districts


def _route_extracted(
    source_name: str,
    sha256: str,
    doc: ExtractedDocument,
    districts: DistrictIndex,
    checked_names: dict[scan_checks.NamePlace, str] | None = None,
    first: ExtractedDocument | None = None,
) -> ParseOutcome:
    """An extracted PDF or text document to its parser; quarantined outcomes of a recognised
    agreement or letter are returned, anything unrecognised raises. ``checked_names``: names of
    a scan the other OCR model read alike and surely; ``first``: the first model's reading of
    a scan this is the second model's reading of (``_read_again``)."""
    kind, doc, districts = _prepared(source_name, doc, districts)
    if kind == "agreement":
        record: AgreementRecord | None = None
        try:
            record = parse_agreement(doc, districts)
            if doc.from_scan:
                record = replace(record, from_scan=True)
                scan_checks.check_agreement(record, doc, source_name, checked_names)
                if first is not None:
                    scan_checks.check_against_first_reading(record, doc, first)
        except QuarantineError as error:
            error = _scan_error(error) if doc.from_scan else error
            # keep the type when it is an agreement with a defect, not when it is none at all
            is_agreement = error.code not in _NOT_AGREEMENT_CODES
            return _quarantined(
                source_name,
                sha256,
                error,
                DocumentType.AGREEMENT if is_agreement else None,
                _held(error, record, (doc, source_name, checked_names, first)),
            )
        return ParseOutcome(
            source_name, sha256, "ok", None, DocumentType.AGREEMENT, agreement=record
        )
    if kind == "decision_letter":
        decision: DecisionRecord | None = None
        try:
            decision = _parse_letter(doc, districts)
            if doc.from_scan:
                decision = replace(decision, from_scan=True)
                scan_checks.check_decision(decision, doc, source_name, checked_names)
                if first is not None:
                    scan_checks.check_against_first_reading(decision, doc, first)
        except QuarantineError as error:
            error = _scan_error(error) if doc.from_scan else error
            held = _held(error, decision, (doc, source_name, checked_names, first))
            return _quarantined(source_name, sha256, error, DocumentType.GRANT_DECISION, held)
        return ParseOutcome(
            source_name, sha256, "ok", None, DocumentType.GRANT_DECISION, decisions=(decision,)
        )
    if doc.from_scan:
        raise QuarantineError(
            f"Scanned PDF, no text layer: OCR of its {len(doc.ocr_pages)} page(s) gave no "
            "recognisable agreement or grant decision.",
            code=Reason.SCANNED_PDF,
        )
    raise QuarantineError(
        "Unrecognised document: neither an AQB Zielvereinbarung nor a grant decision of "
        "Regierungspräsidium Kassel.",
        code=Reason.UNRECOGNISED_DOCUMENT,
    )


def _scan_error(error: QuarantineError) -> QuarantineError:
    """A parser's quarantine of a scan: a misreading it may stem from becomes ``SCAN_UNSURE``
    (held for review), a real defect (a draft, a Jobcenter agreement) keeps its reason."""
    if error.code in scan_checks.MISREAD_CODES:
        return scan_checks.misread(error)
    return error


_KNOWN_KINDS = {
    DOCX: "a Word document (DOCX)",
    HTML: "an HTML page",
    ZIP: "a ZIP archive",
}
_IMAGE_MAGIC = {
    b"\x89PNG": "an image (PNG)",
    b"\xff\xd8\xff": "an image (JPEG)",
    b"GIF8": "an image (GIF)",
    b"II*\x00": "an image (TIFF)",
    b"MM\x00*": "an image (TIFF)",
}


def _unsupported_reason(media_type: str, data: bytes) -> str:
    """One sentence naming what the file is, so a data engineer knows where it went wrong."""
    kind = _KNOWN_KINDS.get(media_type)
    if kind is None:
        kind = next(
            (name for magic, name in _IMAGE_MAGIC.items() if data.startswith(magic)),
            f"binary data of unknown type ({media_type})",
        )
    return f"Unsupported file type: this is {kind}; only PDF, text, CSV and XLSX are read."


def _parse_letter(doc: ExtractedDocument, districts: DistrictIndex) -> DecisionRecord:
    """The decision-letter parser, imported on use (it lives in its own module)."""
    module = importlib.import_module("pipelines.parse.decision_letter")
    parse_letter: Callable[[ExtractedDocument, DistrictIndex], DecisionRecord] = (
        module.parse_decision_letter
    )
    return parse_letter(doc, districts)


def _parse_table(
    source_name: str, sha256: str, data: bytes, media_type: str, districts: DistrictIndex
) -> ParseOutcome:
    """A funding-system export: good rows land, rejected rows are listed with their reasons."""
    module = importlib.import_module("pipelines.parse.decision_table")
    decisions, rejected = module.parse_decision_table(data, media_type, districts)
    decisions, rejected = tuple(decisions), tuple(rejected)
    if not decisions:
        reason = (
            f"No usable rows: all {len(rejected)} row(s) were rejected, first: row {rejected[0][0]}: {rejected[0][1]}"
            if rejected
            else "No decisions: the table holds no data rows."
        )
        return ParseOutcome(
            source_name,
            sha256,
            "quarantined",
            reason,
            DocumentType.GRANT_DECISION,
            rejected_rows=rejected,
            reason_code=Reason.NO_USABLE_ROWS.value,
        )
    return ParseOutcome(
        source_name,
        sha256,
        "ok",
        None,
        DocumentType.GRANT_DECISION,
        decisions=decisions,
        rejected_rows=rejected,
    )


# what a reading's checks ran on: the reading, the file's name, the names the other model read
# surely and the first model's reading (``_route_extracted``)
_Checked = tuple[
    ExtractedDocument, str, dict[scan_checks.NamePlace, str] | None, ExtractedDocument | None
]
_Held = tuple[AgreementRecord | DecisionRecord, tuple[str, ...], tuple[str, ...]]


def _held(
    error: QuarantineError, record: AgreementRecord | DecisionRecord | None, checked: _Checked
) -> _Held | None:
    """The record a scan's checks held back (``pipelines.parse.held``): only a reading
    quarantined as unsure, never a real defect (a draft, a Jobcenter agreement); with the
    names that alone left it unsure (``scan_checks.unsure_names_alone``) and every name read
    unsure (``scan_checks.names_read_unsure``)."""
    if error.code != Reason.SCAN_UNSURE or record is None:
        return None
    doc, _source_name, checked_names, _first = checked
    return (
        record,
        scan_checks.unsure_names_alone(record, *checked),
        scan_checks.names_read_unsure(record, doc, checked_names),
    )


def _quarantined(
    source_name: str,
    sha256: str,
    error: QuarantineError,
    document_type: DocumentType | None,
    held: _Held | None = None,
) -> ParseOutcome:
    return ParseOutcome(
        source_name,
        sha256,
        "quarantined",
        error.reason,
        document_type,
        reason_code=error.code.value,
        reason_de=error.detail_de,
        held=None if held is None else held[0],
        unsure_names=() if held is None else held[1],
        names_read_unsure=() if held is None else held[2],
    )


def _parser_error(error: Exception) -> str:
    """ "Parser error: <one sentence>" without a traceback."""
    message = " ".join(str(error).split()) or type(error).__name__
    if len(message) > 200:
        message = message[:197] + "..."
    return f"Parser error: {type(error).__name__}: {message}".rstrip(".") + "."
