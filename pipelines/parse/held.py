"""A scan's reading held for review, and its release by a named reviewer (README, "Held scans").

A scan read unsure (``Reason.SCAN_UNSURE``) never reaches the marts on its own. Where its parser
still produced a record, that record is *held*: the quarantine entry keeps it as field rows
(what, value, page, line, the line as read) and a ``reading_hash`` over the whole record. A
reviewer compares the rows with the scan and may *release* that reading (``aqb review release``
or the Prüfaufgaben page); the next ingest parses the file again and, where the reading is still
the one released (same hash), stores it like any reading of a scan, marked "aus Scan gelesen".
A different reading (a new parser version, another OCR model) is never covered by an earlier
release: the hash pins what the reviewer saw. Pure functions: records in, rows and outcomes out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from pipelines.parse.decision_letter import UNTOLD_MEASURE_TYPE, measure_types_allowed
from pipelines.parse.records import (
    AgreementRecord,
    DecisionLine,
    DecisionRecord,
    ParseOutcome,
    Provenance,
)
from pipelines.reasons import Reason

HeldRecord = AgreementRecord | DecisionRecord


# held fields a reviewer may correct while releasing: names, never a figure (a figure read
# unsure goes back to the district for a better copy; a name misread by a letter is common)
CORRECTABLE_FIELDS = ("project", "line_project", "line_provider")
MAX_NAME_CHARS = 300


@dataclass(frozen=True)
class Release:
    """A release in force: the review decision (``review_id``), the reading it covers and the
    names the reviewer corrected (``field_key`` -> the name as the scan shows it)."""

    review_id: str
    reading_hash: str
    corrections: Mapping[str, str] = field(default_factory=dict)


def field_key(name: str, index: str) -> str:
    """A held field's key, as a correction names it: ``project:2.3``, ``line_provider:4``."""
    return f"{name}:{index}"


@dataclass(frozen=True)
class HeldField:
    """One figure or name of a held reading, as a reviewer checks it against the scan: ``field``
    is a code ("budget_total_eur", "measure_amount", "project", ...), ``index`` tells repeated
    fields apart (measure type, project within it, decision line, an earmark's label, the
    signing party), ``value`` is plain text (amounts as plain decimals, dates ISO)."""

    field: str
    index: str
    value: str
    page: int | None
    line: int | None
    text: str

    @property
    def key(self) -> str:
        """What a correction names: ``project:2.3`` (type 2's third project), ``line_provider:4``."""
        return field_key(self.field, self.index)


def _canonical(value: Any) -> Any:
    """A record as JSON-ready data without loss: amounts as exact decimal strings, dates ISO."""
    if hasattr(value, "__dataclass_fields__"):
        return _canonical(asdict(value))
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def reading_hash(record: HeldRecord) -> str:
    """What a release pins: the SHA-256 of the whole record (every figure, name and place),
    so a release never covers a reading that differs in anything that would land."""
    text = json.dumps(_canonical(replace(record, from_scan=True)), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _field(name: str, index: str, value: object, provenance: Provenance | None) -> HeldField:
    if provenance is None:
        return HeldField(name, index, _plain(value), None, None, "")
    return HeldField(name, index, _plain(value), provenance.page, provenance.line, provenance.text)


def _agreement_fields(record: AgreementRecord) -> Iterator[HeldField]:
    places = record.provenance
    yield _field("district", "", record.district_name, places.get("district"))
    yield _field("year", "", record.year, places.get("year"))
    yield _field("budget_total_eur", "", record.budget_total_eur, places.get("budget_total_eur"))
    yield _field("ministry", "", record.ministry, places.get("ministry"))
    for measure in record.measures:
        number = str(measure.measure_type)
        if measure.amount_eur is not None or measure.provenance is not None:
            yield _field("measure_amount", number, measure.amount_eur, measure.provenance)
        for position, project in enumerate(measure.projects, start=1):
            index = f"{number}.{position}"
            yield _field("project", index, project.name, project.provenance)
            if project.amount_eur is not None:
                yield _field("project_amount", index, project.amount_eur, project.provenance)
    for earmark in record.earmarks:
        yield _field("earmark", earmark.label, earmark.amount_eur, earmark.provenance)
    for other in record.other_budgets:
        yield _field("other_budget", other.label, other.amount_eur, other.provenance)
    for signature in record.signatures:
        yield _field("signed_on", signature.party, signature.date, signature.provenance)


def _decision_fields(record: DecisionRecord) -> Iterator[HeldField]:
    places = record.provenance
    yield _field("decision_id", "", record.decision_id, places.get("decision_id"))
    yield _field("decision_type", "", record.decision_type, places.get("decision_type"))
    yield _field("decision_date", "", record.decision_date, places.get("decision_date"))
    yield _field("district", "", record.district_name, places.get("district"))
    yield _field("year", "", record.year, places.get("year"))
    if record.refers_to:
        yield _field("refers_to", "", record.refers_to, places.get("refers_to"))
    yield _field("total_eur", "", record.total_eur, places.get("total_eur"))
    if record.used_total_eur is not None:
        yield _field("used_total_eur", "", record.used_total_eur, places.get("used_total_eur"))
    if record.reclaimed_total_eur is not None:
        yield _field(
            "reclaimed_total_eur",
            "",
            record.reclaimed_total_eur,
            places.get("reclaimed_total_eur"),
        )
    for position, line in enumerate(record.lines, start=1):
        index = str(position)
        yield _field("line_project", index, line.project, line.provenance)
        measure_type = held_measure_type(record.lines, position - 1)
        yield _field("line_measure_type", index, measure_type, line.provenance)
        if line.provider:
            yield _field("line_provider", index, line.provider, line.provenance)
        yield _field("line_amount", index, line.amount_eur, line.provenance)
        if line.used_eur is not None:
            yield _field("line_used", index, line.used_eur, line.provenance)
        if line.reclaimed_eur is not None:
            yield _field("line_reclaimed", index, line.reclaimed_eur, line.provenance)


def held_measure_type(lines: Sequence[DecisionLine], index: int) -> str:
    """A decision line's measure type as held: its digit, or for a row whose place allows
    several (``UNTOLD_MEASURE_TYPE``) the range it allows ("1-3"), for the district's
    documents to tell (pipelines.parse.confirm) and for a reviewer to see it was not read."""
    measure_type = lines[index].measure_type
    if measure_type != UNTOLD_MEASURE_TYPE:
        return str(measure_type)
    allowed = measure_types_allowed(lines, index)
    return f"{allowed[0]}-{allowed[-1]}"


def measure_type_untold(record: HeldRecord) -> bool:
    """A decision line of the reading has a measure type neither read nor told by its place."""
    if isinstance(record, AgreementRecord):
        return False
    return any(line.measure_type == UNTOLD_MEASURE_TYPE for line in record.lines)


def open_measure_types(items: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """The keys of the measure types a held reading, as ``held_reading_json`` stores it, leaves
    open ("1-3"): while it has any, no reviewer can release it as read."""
    return tuple(
        field_key(item["field"], item["index"])
        for item in items
        if item["field"] == "line_measure_type" and len(measure_types_held(item["value"])) > 1
    )


def measure_types_held(value: str) -> tuple[str, ...]:
    """The measure types a held value allows: "3" -> ("3",), "1-3" -> ("1", "2", "3")."""
    first, _dash, last = value.partition("-")
    return tuple(str(measure) for measure in range(int(first), int(last or first) + 1))


def held_fields(record: HeldRecord) -> tuple[HeldField, ...]:
    """Every figure and name of a held reading, in document order of its parts."""
    if isinstance(record, AgreementRecord):
        return tuple(_agreement_fields(record))
    return tuple(_decision_fields(record))


# a held field of text, not a figure: the ministry as the agreement words it
_TEXT_FIELDS = frozenset({"ministry"})


def held_figures(record: HeldRecord) -> dict[str, str]:
    """A held reading's figures, dates and codes by key (its names and wording left out): two
    readings of a scan that agree on these read the same numbers."""
    return {
        item.key: item.value
        for item in held_fields(record)
        if item.field not in CORRECTABLE_FIELDS and item.field not in _TEXT_FIELDS
    }


def held_figures_agree(first: HeldRecord, second: HeldRecord) -> bool:
    """Two held readings of a scan read the same figures (``held_figures``), a measure type
    one left open ("3-4") agreeing with a digit of it the other read ("3"): a model that read
    nothing of a row's marks contradicts none."""
    ours, theirs = held_figures(first), held_figures(second)
    return ours.keys() == theirs.keys() and all(
        value == theirs[key]
        or (key.startswith("line_measure_type:") and _measure_types_agree(value, theirs[key]))
        for key, value in ours.items()
    )


def _measure_types_agree(one: str, other: str) -> bool:
    """One held measure type is a digit within the range the other left open."""
    ours, theirs = measure_types_held(one), measure_types_held(other)
    return (len(ours) == 1 and ours[0] in theirs) or (len(theirs) == 1 and theirs[0] in ours)


def held_reading_json(record: HeldRecord, unsure_keys: Collection[str] = ()) -> str:
    """The held reading as the quarantine entry stores it: a JSON array of ``HeldField``, each
    with ``unsure`` true where its key is one of ``unsure_keys`` (the names read unsure,
    ``ParseOutcome.names_read_unsure``), for the reviewer to compare first."""
    return json.dumps(
        [{**asdict(item), "unsure": item.key in unsure_keys} for item in held_fields(record)],
        ensure_ascii=False,
    )


def correctable_keys(record: HeldRecord) -> tuple[str, ...]:
    """The keys of the names a reviewer may correct in this reading, in document order."""
    return tuple(item.key for item in held_fields(record) if item.field in CORRECTABLE_FIELDS)


def _corrected_agreement(record: AgreementRecord, names: Mapping[str, str]) -> AgreementRecord:
    measures = []
    for measure in record.measures:
        projects = tuple(
            replace(
                project, name=names.get(f"project:{measure.measure_type}.{position}", project.name)
            )
            for position, project in enumerate(measure.projects, start=1)
        )
        measures.append(replace(measure, projects=projects))
    return replace(record, measures=tuple(measures))


def _corrected_decision(record: DecisionRecord, names: Mapping[str, str]) -> DecisionRecord:
    lines = tuple(
        replace(
            line,
            project=names.get(f"line_project:{position}", line.project),
            provider=names.get(f"line_provider:{position}", line.provider),
        )
        for position, line in enumerate(record.lines, start=1)
    )
    return replace(record, lines=lines)


def corrected(record: HeldRecord, names: Mapping[str, str]) -> HeldRecord | None:
    """The reading with the reviewer's corrected names, or None when a correction names a
    field this reading does not have (then nothing is released)."""
    if not set(names) <= set(correctable_keys(record)):
        return None
    if isinstance(record, AgreementRecord):
        return _corrected_agreement(record, names)
    return _corrected_decision(record, names)


def released(outcome: ParseOutcome, releases: Mapping[str, Release]) -> ParseOutcome:
    """``outcome`` with its held reading stored as read (with the names the reviewer corrected),
    where a release in force covers exactly this reading; any other outcome unchanged (a
    release of another reading included: the document stays quarantined until a reviewer
    releases the reading it now has). A reading with a measure type its row's place leaves
    open (``measure_type_untold``) has nothing a reviewer could release as read."""
    release = releases.get(outcome.sha256)
    held = outcome.held
    if release is None or held is None or outcome.reason_code != Reason.SCAN_UNSURE.value:
        return outcome
    if measure_type_untold(held):
        return outcome
    if reading_hash(held) != release.reading_hash:
        return outcome
    record = corrected(replace(held, from_scan=True), release.corrections)
    if record is None:
        return outcome
    return landed(outcome, record, released_by=release.review_id)


def landed(outcome: ParseOutcome, record: HeldRecord, **marks: str) -> ParseOutcome:
    """``outcome`` stored with ``record`` (its held reading, released or confirmed), ``marks``
    naming what let it land (``released_by``, ``names_confirmed_by``)."""
    return replace(
        outcome,
        status="ok",
        reason=None,
        reason_code=None,
        reason_de=None,
        agreement=record if isinstance(record, AgreementRecord) else None,
        decisions=(record,) if isinstance(record, DecisionRecord) else (),
        **marks,
    )
