"""Names of a held scan reading confirmed by the district's own documents (README, "Held scans").

A scan read unsure on its names alone (``ParseOutcome.unsure_names``: every figure, date and
count passed its checks) lands when each of those names, letter for letter, is a name of the
same kind that a document of the same district already holds from a text layer or a table: an
amendment repeats the projects and providers of the first decision, which came digitally, and
a district's agreement continues most projects of its agreement of the year before. A
document of the same budget year confirms first, else one of the district's nearest other
year. A name read otherwise, one no such document holds, or one the district's documents hold
beside another name of the same kind a letter or two apart ("… I" and "… II": the scan may
have misread the other; umlauts written out make no other name) keeps the reading held for a
reviewer. Nothing is corrected here: a
reading lands exactly as read. Pure functions: records and names in, outcomes out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from pipelines.parse.held import HeldRecord, held_fields, landed
from pipelines.parse.records import AgreementRecord, ParseOutcome
from pipelines.reasons import Reason

# (held field, district key, budget year) -> {name: sha256 of a document holding it}
KnownNames = Mapping[tuple[str, str, int], Mapping[str, str]]


def names_of(record: HeldRecord) -> Iterator[tuple[str, str]]:
    """A record's names as ``(held field, name)``: an agreement's projects, a decision line's
    project and provider. What a document of a district lends to a held reading."""
    if isinstance(record, AgreementRecord):
        for measure in record.measures:
            for project in measure.projects:
                yield "project", project.name
        return
    for line in record.lines:
        yield "line_project", line.project
        if line.provider:
            yield "line_provider", line.provider


def known_names(
    records: Mapping[str, tuple[HeldRecord, ...]],
) -> dict[tuple[str, str, int], dict[str, str]]:
    """``KnownNames`` of records read from a text layer or a table, by their document's sha256
    (the loader asks the warehouse instead: ``statements/loader/known_names.sql``). Where two
    documents hold a name, the smaller sha256 stands, as in the loader."""
    known: dict[tuple[str, str, int], dict[str, str]] = {}
    for sha256, document_records in sorted(records.items()):
        for record in document_records:
            if record.from_scan:
                continue
            for field, name in names_of(record):
                key = (field, record.district_ags, record.year)
                known.setdefault(key, {}).setdefault(name, sha256)
    return known


# a name the district's documents hold beside another of the same kind at most this many
# letters apart is ambiguous: OCR misreads a letter or two ("Bad Hersfekt"), so either could
# be what the scan says
_AMBIGUOUS_EDITS = 2
# umlauts written out: "Sprachfoerderung" (an export's or letter's spelling) is the same name
# as "Sprachförderung", not one OCR could have misread it as, so it is no rival
_SPELLED_OUT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def confirming_documents(
    district_ags: str, year: int, names: Mapping[str, str], known: KnownNames
) -> tuple[str, ...] | None:
    """The documents (sorted sha256s) that hold each of ``names`` (held field key -> name as
    read) for the district, or None when one of them is held by none or is ambiguous
    (``confirming_document``)."""
    sources = set()
    for key, name in names.items():
        source = confirming_document(key.split(":", 1)[0], district_ags, year, name, known)
        if source is None:
            return None
        sources.add(source)
    return tuple(sorted(sources))


def confirming_document(
    field: str, district_ags: str, year: int, name: str, known: KnownNames
) -> str | None:
    """The sha256 of the document that confirms ``name`` as read: one of the same district and
    field holding it letter for letter, of the same budget year if any, else of the nearest
    other year (the earlier of two as near). None when none holds it, or when the district's
    documents hold a rival of it in the field (``_rivals``)."""
    by_year = {
        known_year: held
        for (known_field, known_ags, known_year), held in known.items()
        if known_field == field and known_ags == district_ags
    }
    holding = [known_year for known_year, held in by_year.items() if name in held]
    if not holding:
        return None
    if any(_rivals(name, other) for held in by_year.values() for other in held):
        return None
    nearest = min(holding, key=lambda known_year: (abs(known_year - year), known_year))
    return by_year[nearest][name]


def _rivals(name: str, other: str) -> bool:
    """``other`` is another name within ``_AMBIGUOUS_EDITS`` letters of ``name`` (the same
    name with its umlauts written out is none)."""
    if other.translate(_SPELLED_OUT) == name.translate(_SPELLED_OUT):
        return False
    edits = Levenshtein.distance(name, other, score_cutoff=_AMBIGUOUS_EDITS)
    return edits <= _AMBIGUOUS_EDITS


def unsure_names_json(outcome: ParseOutcome) -> str | None:
    """What the loader keeps of a reading held on its names alone (``parse_results``), so a
    later ingest can tell when the district's documents come to confirm them: the held
    record's district and year and the names as read; None for any other outcome."""
    names = unsure_name_values(outcome)
    if outcome.held is None or not names:
        return None
    held = {"district_ags": outcome.held.district_ags, "year": outcome.held.year, "names": names}
    return json.dumps(held, ensure_ascii=False, sort_keys=True)


def unsure_name_values(outcome: ParseOutcome) -> dict[str, str]:
    """The names that alone left ``outcome``'s held reading unsure, as read (key -> name)."""
    if outcome.held is None:
        return {}
    values = {item.key: item.value for item in held_fields(outcome.held)}
    return {key: values[key] for key in outcome.unsure_names if key in values}


def confirmed(outcome: ParseOutcome, known: KnownNames) -> ParseOutcome:
    """``outcome`` with its held reading stored as read where documents of its district
    confirm every name that alone left it unsure (``names_confirmed_by`` names them); any other
    outcome unchanged."""
    held = outcome.held
    if held is None or not outcome.unsure_names or outcome.reason_code != Reason.SCAN_UNSURE.value:
        return outcome
    names = unsure_name_values(outcome)
    if len(names) != len(outcome.unsure_names):
        return outcome
    sources = confirming_documents(held.district_ags, held.year, names, known)
    if sources is None:
        return outcome
    return landed(outcome, replace(held, from_scan=True), names_confirmed_by=",".join(sources))
