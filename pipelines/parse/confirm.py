"""Names of a held scan reading confirmed by the district's own documents (README, "Held scans").

A scan read unsure on its names alone (``ParseOutcome.unsure_names``: every figure, date and
count passed its checks) lands when each of those names is a name of the same kind that a
document of the same district already holds from a text layer or a table: an amendment repeats
the projects and providers of the first decision, which came digitally, and a district's
agreement continues most projects of its agreement of the year before. A name held letter for
letter lands as read; a name read in a typical misreading of exactly one name those documents
hold (a speck read as a dot between two words, "rn" for "m", "i" for "l", "c" for "o", a
speck's umlaut dots: ``misread_as``) lands as they spell it, and ``names_corrected`` says so;
so does an agreement's project read with what OCR made of its bullet before it ("3a
Sprungbrett Ausbildung", "iR …"; a word in capitals or capitalised is the name's) where those
documents hold the name without it.
A document of the same budget year confirms first, else one of the district's nearest other
year. A project's name no document of its own kind holds or means (an agreement's project, a
decision line's project) is looked for among the other kind's: the agreement and the letters
that fund its projects name the same projects. A name read otherwise, one no such document
holds, or one the district's documents hold beside another name of the same kind a letter or
two apart ("… I" and "… II": the scan may have misread the other; umlauts written out make no
other name) keeps the reading held for a reviewer, and so does a name that passed its checks a
letter or two from one those documents hold (``names_near_known``: both readings may have
misread it alike; ``doubted`` holds a reading that landed on its own checks so). Pure
functions: records and names in, outcomes out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from pipelines.parse.held import (
    CORRECTABLE_FIELDS,
    HeldRecord,
    corrected,
    field_key,
    held_fields,
    landed,
    measure_type_untold,
    measure_types_held,
)
from pipelines.parse.records import AgreementRecord, DecisionRecord, ParseOutcome, Provenance
from pipelines.parse.scan_checks import NAME_FIELDS, unsure
from pipelines.reasons import Reason

# (held field, district key, budget year) -> {name: sha256 of a document holding it}
KnownNames = Mapping[tuple[str, str, int], Mapping[str, str]]


def names_of(record: HeldRecord) -> Iterator[tuple[str, str]]:
    """A record's names as ``(held field, name)``: an agreement's projects, a decision line's
    project and provider, and each project as filed under its measure type (``filed_under``).
    What a document of a district lends to a held reading."""
    if isinstance(record, AgreementRecord):
        for measure in record.measures:
            for project in measure.projects:
                yield "project", project.name
                yield MEASURE_TYPE_FIELD, filed_under(measure.measure_type, project.name)
        return
    for line in record.lines:
        yield "line_project", line.project
        yield MEASURE_TYPE_FIELD, filed_under(line.measure_type, line.project)
        if line.provider:
            yield "line_provider", line.provider


# the held field of a decision line's measure type: a scan's letter whose row lost its number
# and measure type took it from the rows' order (pipelines.parse.scan_checks,
# ``measure_types_by_order``); the district's documents confirm it as a project filed under it
MEASURE_TYPE_FIELD = "line_measure_type"


def filed_under(measure_type: int | str, project: str) -> str:
    """A project as filed under a measure type, as ``KnownNames`` holds it: "3 Jobdatings"."""
    return f"{measure_type} {project}"


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
    district_ags: str,
    year: int,
    names: Mapping[str, str],
    known: KnownNames,
    sure_names: Mapping[str, str] | None = None,
    no_bullet: Collection[str] = (),
) -> tuple[str, ...] | None:
    """The documents (sorted sha256s) that hold each of ``names`` (held field key -> name as
    read) for the district, or None when one of them is held by none or is ambiguous
    (``confirmation``), or when one of ``sure_names`` (the reading's names that passed their
    checks) is near a name they hold (``names_near_known``). ``no_bullet``: the keys of
    ``names_without_bullet``."""
    if names_near_known(district_ags, sure_names or {}, known):
        return None
    found = confirmations(district_ags, year, names, known, no_bullet)
    if found is None:
        return None
    return tuple(sorted({source for source, _name in found.values()}))


def confirmations(
    district_ags: str,
    year: int,
    names: Mapping[str, str],
    known: KnownNames,
    no_bullet: Collection[str] = (),
) -> dict[str, tuple[str, str]] | None:
    """Each of ``names`` (held field key -> name as read) with the document confirming it and
    the name as that document spells it, or None when one of them is confirmed by none; the
    names of ``no_bullet`` (``names_without_bullet``) also without a bullet's residue."""
    found = {}
    for key, name in names.items():
        field = key.split(":", 1)[0]
        if field == MEASURE_TYPE_FIELD:
            continue
        confirmed_by = confirmation(
            field, district_ags, year, name, known, bullet_lost=key in no_bullet
        )
        if confirmed_by is None:
            return None
        found[key] = confirmed_by
    for key, measure_type in names.items():
        if key.split(":", 1)[0] != MEASURE_TYPE_FIELD:
            continue
        project = found.get(field_key("line_project", key.split(":", 1)[1]))
        source = None if project is None else _filing(district_ags, year, project[1], known)
        if source is None or source[1] not in measure_types_held(measure_type):
            return None
        found[key] = source
    return found


def _filing(
    district_ags: str, year: int, project: str, known: KnownNames
) -> tuple[str, str] | None:
    """The sha256 of the document of the district that files ``project`` (as it spells it)
    under a measure type, and that measure type: of the same budget year if any, else of the
    nearest other year (the earlier of two as near). None when none files it, or when that
    year's documents file it under two measure types."""
    by_year: dict[int, dict[str, str]] = {}
    for known_year, held in _district_names(MEASURE_TYPE_FIELD, district_ags, known).items():
        for filed, source in held.items():
            measure_type, _blank, name = filed.partition(" ")
            if name == project:
                by_year.setdefault(known_year, {})[measure_type] = source
    if not by_year:
        return None
    nearest = min(by_year, key=lambda known_year: (abs(known_year - year), known_year))
    if len(by_year[nearest]) != 1:
        return None
    ((measure_type, source),) = by_year[nearest].items()
    return source, measure_type


def confirmation(
    field: str,
    district_ags: str,
    year: int,
    name: str,
    known: KnownNames,
    bullet_lost: bool = False,
) -> tuple[str, str] | None:
    """The sha256 of the document that confirms ``name`` and the name as it spells it: one of
    the same district and field holding it letter for letter, else the one name it holds
    that ``name`` is a typical misreading of (``misread_as``), of the same budget year if any,
    else of the nearest other year (the earlier of two as near). An agreement's project read
    with no bullet before it (``bullet_lost``, ``names_without_bullet``) is also looked for
    without a first word that may be what OCR made of the bullet (``_readings``). None
    when none holds it, when two names could be meant, or when the district's documents hold
    a rival of the name in the field (``_rivals``). A project's name none of its own kind
    means is looked for among the other kind's (``_ALSO_NAMING``), a rival of its own kind
    ruling it out."""
    readings = _readings(name, bullet_lost and field == "project")
    by_year = _district_names(field, district_ags, known)
    every = {other for held in by_year.values() for other in held}
    if _meant(readings, every) or field not in _ALSO_NAMING:
        return _confirmed_by(by_year, year, readings)
    other_kind = _district_names(_ALSO_NAMING[field], district_ags, known)
    return _confirmed_by(other_kind, year, readings, rivals=every)


# a project is named by the agreement that plans it and by the decision lines that fund it: a
# project name of one kind none of that kind means is confirmed by the other kind (an
# agreement's scan by the year's letters, which came digitally)
_ALSO_NAMING = {"project": "line_project", "line_project": "project"}

# what OCR makes of the bullet before an agreement's project ("3a", "[6)", "(0)", "iR", "ey",
# "2...»", with a dash after it: "0 -Beschäftigungsbrücke …"): a first word of six signs at
# most holding two letters or digits at most, and not a word in capitals or capitalised, which
# a name may begin with ("Fit …", "TZ …", "IT …", "Am …" keep their first word)
_FIRST_WORD = re.compile(r"(?P<word>\S{1,6})\s+(?:[-–—]\s*)?(?=\S)")
_BULLET_RESIDUE_ALNUM = 2


def _without_bullet_residue(name: str) -> str:
    """``name`` without a first word that may be what OCR made of a bullet; ``name`` when it
    has none. Only ever a candidate: the district's documents must hold what is left."""
    match = _FIRST_WORD.match(name)
    if match is None:
        return name
    word = match.group("word")
    if sum(sign.isalnum() for sign in word) > _BULLET_RESIDUE_ALNUM:
        return name
    if word.isalpha() and (word.isupper() or word.istitle()):
        return name
    return name[match.end() :]


def _readings(name: str, bullet_lost: bool) -> tuple[str, ...]:
    """The ways ``name`` as read may stand for a name: as read and, where its line as read has
    no bullet before it, without a first word that may be the bullet's residue."""
    if not bullet_lost:
        return (name,)
    rest = _without_bullet_residue(name)
    return (name,) if rest == name else (name, rest)


def _meant(readings: tuple[str, ...], every: Collection[str]) -> set[str]:
    """The names of ``every`` that a name read as ``readings`` (as read first) may stand for:
    the name as read, else the readings ``every`` holds, else the names a reading is a
    typical misreading of."""
    if readings[0] in every:
        return {readings[0]}
    held = {reading for reading in readings if reading in every}
    if held:
        return held
    return {other for other in every for reading in readings if misread_as(reading, other)}


def _confirmed_by(
    by_year: Mapping[int, Mapping[str, str]],
    year: int,
    readings: tuple[str, ...],
    rivals: Collection[str] = (),
) -> tuple[str, str] | None:
    """``confirmation`` among the names ``by_year`` holds of a name read as ``readings``;
    ``rivals``: names of another kind whose rivals of the name make it ambiguous too."""
    every = {other for held in by_year.values() for other in held}
    meant = _meant(readings, every)
    if len(meant) != 1:
        return None
    (spelled,) = meant
    if spelled != readings[0] and any(
        other != spelled and _rivals(reading, other) for reading in readings for other in every
    ):
        return None
    if any(_rivals(spelled, other) for other in every):
        return None
    if any(_rivals(name, other) for name in (*readings, spelled) for other in rivals):
        return None
    holding = [known_year for known_year, held in by_year.items() if spelled in held]
    nearest = min(holding, key=lambda known_year: (abs(known_year - year), known_year))
    return by_year[nearest][spelled], spelled


def _district_names(
    field: str, district_ags: str, known: KnownNames
) -> dict[int, Mapping[str, str]]:
    """The names of ``field`` the district's documents hold, by budget year."""
    return {
        known_year: held
        for (known_field, known_ags, known_year), held in known.items()
        if known_field == field and known_ags == district_ags
    }


def names_without_bullet(record: HeldRecord, keys: Collection[str]) -> tuple[str, ...]:
    """The keys of ``keys`` that are an agreement's projects whose line as read opens with the
    name: OCR read no bullet before it, so the name's first word may be what it made of one.
    A project read after its bullet ("- A1 Deutschkurs") keeps every word."""
    return tuple(
        item.key
        for item in held_fields(record)
        if item.key in keys
        and item.field == "project"
        and item.text.split()[:1] == item.value.split()[:1]
    )


def names_near_known(
    district_ags: str, names: Mapping[str, str], known: KnownNames
) -> tuple[str, ...]:
    """The keys of ``names`` (held field key -> name as read) within two letters of a name the
    district's documents hold without being it: a letter both readings misread alike
    ("Jobcpaching" for "Jobcoaching"; "Profiling Fortführung" with the dash of "… - Fortführung"
    lost, read twice so and passed), so the name is not sure however it was read."""
    near = []
    for key, name in names.items():
        by_year = _district_names(key.split(":", 1)[0], district_ags, known)
        every = {other for held in by_year.values() for other in held}
        if name not in every and any(_rivals(name, other) for other in every):
            near.append(key)
    return tuple(near)


def doubted(outcome: ParseOutcome, known: KnownNames) -> ParseOutcome:
    """A scan's reading that landed on its own checks held on its names alone where one of them
    is a letter or two from a name the district's documents hold without being it
    (``names_near_known``): then ``confirmed`` may still land it as they spell the name; any
    other outcome unchanged."""
    record = landed_scan_record(outcome)
    if record is None:
        return outcome
    names = {item.key: item for item in held_fields(record) if item.field in CORRECTABLE_FIELDS}
    near = names_near_known(
        record.district_ags, {key: item.value for key, item in names.items()}, known
    )
    if not near:
        return outcome
    first = names[near[0]]
    field_de, field_en = NAME_FIELDS["provider" if first.field == "line_provider" else "project"]
    place = None if first.page is None else Provenance(first.page, first.line or 0, first.text)
    error = unsure(
        f"{field_de} unsicher gelesen, nahe einem Namen aus den Dokumenten der Gebietskörperschaft",
        f"{field_en} within two letters of a name the district's documents hold",
        place,
    )
    return replace(
        outcome,
        status="quarantined",
        reason=error.reason,
        reason_code=error.code.value,
        reason_de=error.detail_de,
        agreement=None,
        decisions=(),
        held=record,
        unsure_names=near,
        names_read_unsure=near,
    )


def landed_scan_record(outcome: ParseOutcome) -> HeldRecord | None:
    """The record of a scan's reading that landed on its own checks (not released by a
    reviewer, not landed by confirmed names), else None."""
    if outcome.status != "ok" or outcome.read_by is None or outcome.held is not None:
        return None
    if outcome.released_by is not None or outcome.names_confirmed_by is not None:
        return None
    if outcome.agreement is not None:
        return outcome.agreement
    return outcome.decisions[0] if len(outcome.decisions) == 1 else None


# what OCR typically makes of print: a speck read as a mark between or after words, a dash
# between two words lost or a speck read as one, a blank lost or read inside a word, "rn" for
# "m", one of "I l | ! i" for another, "c" "e" "o" for one another, "h" for "n", "t" for
# "f", a speck over a vowel read as an umlaut's dots
_LONE_DASH = re.compile(r"(?<=\s)[-–—](?=\s)")
_SPECK_MARKS = re.compile(r"[\s.,:;'’‘`·]+")
_LOOK_ALIKE = str.maketrans(
    {
        "I": "l",
        "|": "l",
        "!": "l",
        "i": "l",
        "c": "o",
        "e": "o",
        "h": "n",
        "f": "t",
        "ä": "a",
        "ö": "o",
        "ü": "u",
        "Ä": "A",
        "Ö": "O",
        "Ü": "U",
    }
)


def _ocr_folded(name: str) -> str:
    """``name`` with what OCR typically confuses made alike (marks and blanks dropped)."""
    unmarked = _SPECK_MARKS.sub("", _LONE_DASH.sub("", name))
    return unmarked.replace("rn", "m").translate(_LOOK_ALIKE)


def misread_as(read: str, printed: str) -> bool:
    """``read`` is what OCR typically makes of ``printed`` and not ``printed`` itself."""
    return read != printed and _ocr_folded(read) == _ocr_folded(printed)


def _rivals(name: str, other: str) -> bool:
    """``other`` is another name within ``_AMBIGUOUS_EDITS`` letters of ``name`` (the same
    name with its umlauts written out is none)."""
    if other.translate(_SPELLED_OUT) == name.translate(_SPELLED_OUT):
        return False
    edits = Levenshtein.distance(name, other, score_cutoff=_AMBIGUOUS_EDITS)
    return edits <= _AMBIGUOUS_EDITS


def unsure_names_json(outcome: ParseOutcome) -> str | None:
    """What the loader keeps of a scan's reading held on its names alone, or landed on its own
    checks, so a later ingest can tell when the district's documents come to confirm those
    names or to hold a name near one of it (``names_near_known``): the record's district and
    year, the names held as read (none for a reading that landed), the names that passed and
    the keys of the held names read with no bullet (``names_without_bullet``); None for any
    other outcome."""
    names = unsure_name_values(outcome)
    record = outcome.held if names else landed_scan_record(outcome)
    if record is None:
        return None
    held = {
        "district_ags": record.district_ags,
        "year": record.year,
        "names": names,
        "sure_names": sure_name_values(record, outcome.unsure_names),
        "no_bullet": list(names_without_bullet(record, names)),
    }
    return json.dumps(held, ensure_ascii=False, sort_keys=True)


def unsure_name_values(outcome: ParseOutcome) -> dict[str, str]:
    """The names that alone left ``outcome``'s held reading unsure, as read (key -> name)."""
    if outcome.held is None:
        return {}
    values = {item.key: item.value for item in held_fields(outcome.held)}
    return {key: values[key] for key in outcome.unsure_names if key in values}


def sure_name_values(record: HeldRecord, unsure_keys: Collection[str] = ()) -> dict[str, str]:
    """The names of ``record`` but those of ``unsure_keys`` (key -> name): those that passed
    every name check."""
    return {
        item.key: item.value
        for item in held_fields(record)
        if item.field in CORRECTABLE_FIELDS and item.key not in unsure_keys
    }


def confirmed(outcome: ParseOutcome, known: KnownNames) -> ParseOutcome:
    """``outcome`` with its held reading stored where documents of its district confirm every
    name that alone left it unsure (``names_confirmed_by`` names them), a name misread in a
    typical way taken as the document spells it, a measure type the row's place left open
    (``measure_types_held``: "1-3") as they file the project; any other outcome unchanged."""
    held = outcome.held
    if held is None or not outcome.unsure_names or outcome.reason_code != Reason.SCAN_UNSURE.value:
        return outcome
    names = unsure_name_values(outcome)
    if len(names) != len(outcome.unsure_names):
        return outcome
    if names_near_known(held.district_ags, sure_name_values(held, outcome.unsure_names), known):
        return outcome
    no_bullet = names_without_bullet(held, names)
    found = confirmations(held.district_ags, held.year, names, known, no_bullet)
    if found is None:
        return outcome
    spelled = {key: name for key, (_source, name) in found.items() if name != names[key]}
    told = {key: spelled.pop(key) for key in list(spelled) if key.startswith(MEASURE_TYPE_FIELD)}
    record = corrected(held, spelled) if spelled else held
    if record is None:
        return outcome
    record = _with_measure_types(record, told)
    if measure_type_untold(record):
        return outcome
    sources = ",".join(sorted({source for source, _name in found.values()}))
    pairs = sorted({(names[key], name) for key, name in spelled.items()})
    return landed(
        outcome,
        replace(record, from_scan=True),
        names_confirmed_by=sources,
        names_corrected=json.dumps(pairs, ensure_ascii=False) if pairs else None,
    )


def _with_measure_types(record: HeldRecord, told: Mapping[str, str]) -> HeldRecord:
    """A decision reading with the measure types the district's documents told its lines
    (``line_measure_type:4`` -> "2")."""
    if not told or not isinstance(record, DecisionRecord):
        return record
    lines = list(record.lines)
    for key, measure_type in told.items():
        index = int(key.split(":", 1)[1]) - 1
        lines[index] = replace(lines[index], measure_type=int(measure_type))
    return replace(record, lines=tuple(lines))
