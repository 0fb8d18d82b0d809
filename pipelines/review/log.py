"""The review decisions log: append-only JSON Lines outside the warehouse.

Why a file and not a table: the warehouse has one writer (the ingest), and the dashboard must
never write it. A reviewer's decision is appended here (by ``aqb review`` or the Prüfaufgaben
page) under an exclusive lock and fsync'd, and the next ingest reads the whole log as an input
(``pipelines/defs/review``) and applies it in staging and marts. Nothing is ever rewritten or
deleted: revoking a decision is a new record naming it, and the state before the decision
returns because the fold (``effective_decisions``) skips revoked records.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pipelines.parse.held import CORRECTABLE_FIELDS, MAX_NAME_CHARS
from pipelines.timestamps import utc_now_aware

# kind -> the target fields it needs (beyond those, a target may carry nothing else)
TARGET_FIELDS: dict[str, tuple[str, ...]] = {
    "accept": ("decision_id", "line_number"),
    "reject": ("decision_id", "line_number"),
    "waive": ("suite", "year", "district_ags"),
    "withdraw": ("sha256",),
    "dismiss": ("sha256",),
    "settle": ("decision_id", "district_ags", "year"),  # a grant decision, or an agreement's year
    "correct": ("sha256", "decision_id", "field"),
    # a held scan reading (pipelines.parse.held): the document and the reading a reviewer checked
    "release": ("sha256", "reading_hash"),
    "revoke": ("review_id",),
}
WAIVABLE_SUITES = ("decisions_within_agreement", "statewide_totals")  # the warning suites
# field -> value type; agreement fields take a target without decision_id, decision fields with
AGREEMENT_FIELDS = {"budget_total_eur": "amount", "signed_on": "date"}
DECISION_FIELDS = {
    "total_eur": "amount",
    "used_total_eur": "amount",
    "reclaimed_total_eur": "amount",
    "decision_date": "date",
}
MAX_REASON_CHARS = 2000
MAX_LINE_BYTES = 64 * 1024  # a longer line is not a decision this code wrote


class ReviewError(ValueError):
    """A decision that cannot be recorded (missing reason, unknown target, malformed value)."""


@dataclass(frozen=True)
class ReviewRecord:
    """One line of the log. ``replaces`` is the decision on the same target in force when this
    one was recorded (None: the pipeline's own result was in force); ``previous`` is what the
    reviewer saw there (e.g. the matcher's project, the parsed value), kept for the audit."""

    review_id: str
    kind: str
    target: dict[str, Any]
    payload: dict[str, Any]
    reason: str
    reviewer: str
    decided_at: str  # ISO 8601, UTC
    replaces: str | None = None
    previous: dict[str, Any] = field(default_factory=dict)

    @property
    def target_key(self) -> str:
        return target_key(self.kind, self.target)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def target_key(kind: str, target: Mapping[str, Any]) -> str:
    """What a decision is about, as one string: decisions with the same key replace each other
    (an accept and a later reject of the same decision line), different keys never interact."""
    if kind in ("accept", "reject"):
        return f"match:{target['decision_id']}:{target['line_number']}"
    if kind == "waive":
        return f"waiver:{target['suite']}:{target['year']}:{target.get('district_ags') or '*'}"
    if kind == "withdraw":
        return f"withdraw:{target['sha256']}"
    if kind == "dismiss":
        return f"dismiss:{target['sha256']}"
    if kind == "settle":
        if target.get("decision_id"):
            return f"settle-decision:{target['decision_id']}"
        return f"settle-agreement:{target['district_ags']}:{target['year']}"
    if kind == "correct":
        return f"correct:{target['sha256']}:{target.get('decision_id') or ''}:{target['field']}"
    if kind == "release":  # one release per document: releasing another reading replaces it
        return f"release:{target['sha256']}"
    return f"revoke:{target['review_id']}"


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReviewError(f"{name} fehlt / {name} is required")
    return value.strip()


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ReviewError(f"Jahr ungültig / invalid year: {value!r}") from None
    if not 2000 <= year <= 2100:
        raise ReviewError(f"Jahr außerhalb 2000–2100 / year out of range: {year}")
    return year


# German thousands grouping without cents ("1.230.450"): dots there are separators, never a
# decimal point (a plain "1230450.00" has one dot followed by two digits)
_GERMAN_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")


def parse_amount(value: Any) -> str:
    """An amount as a plain decimal string (German ``1.230.450 €``, ``1.230.450,00`` or plain
    ``1230450.00``)."""
    text = str(value).strip().replace(" ", "").replace("\u00a0", "").replace("€", "")
    if "," in text or _GERMAN_GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ReviewError(f"Betrag ungültig / invalid amount: {value!r}") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise ReviewError(f"Betrag außerhalb des Bereichs / amount out of range: {value!r}")
    return str(amount.quantize(Decimal("0.01")))


def parse_date(value: Any) -> str:
    """A date as ISO text (accepts ``2026-12-31`` and ``31.12.2026``)."""
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise ReviewError(f"Datum ungültig / invalid date: {value!r}")


def _clean_target(kind: str, target: Mapping[str, Any]) -> dict[str, Any]:
    """The target reduced to its kind's fields, each validated; raises ``ReviewError``."""
    unknown = set(target) - set(TARGET_FIELDS[kind])
    if unknown:
        raise ReviewError(f"unbekannte Zielangaben / unknown target fields: {sorted(unknown)}")
    if kind in ("accept", "reject"):
        line = target.get("line_number")
        if not isinstance(line, int) or isinstance(line, bool) or line < 0:
            raise ReviewError("Zeilennummer ungültig / line_number must be an integer")
        return {"decision_id": _text(target.get("decision_id"), "decision_id"), "line_number": line}
    if kind == "waive":
        suite = _text(target.get("suite"), "suite")
        if suite not in WAIVABLE_SUITES:
            raise ReviewError(
                f"nur Warnungen können ausgenommen werden / only warning suites: {WAIVABLE_SUITES}"
            )
        district = target.get("district_ags") or None
        return {
            "suite": suite,
            "year": _year(target.get("year")),
            "district_ags": _text(district, "district_ags") if district else None,
        }
    if kind in ("withdraw", "dismiss"):
        return {"sha256": _sha256(target.get("sha256"))}
    if kind == "release":
        return {
            "sha256": _sha256(target.get("sha256")),
            "reading_hash": _sha256(target.get("reading_hash"), "reading_hash"),
        }
    if kind == "settle":
        if target.get("decision_id"):
            return {"decision_id": _text(target["decision_id"], "decision_id")}
        return {
            "district_ags": _text(target.get("district_ags"), "district_ags"),
            "year": _year(target.get("year")),
        }
    if kind == "correct":
        decision_id = target.get("decision_id") or None
        fields = DECISION_FIELDS if decision_id else AGREEMENT_FIELDS
        field_name = _text(target.get("field"), "field")
        if field_name not in fields:
            raise ReviewError(
                f"Feld nicht korrigierbar / field not correctable: {field_name} "
                f"(erlaubt / allowed: {', '.join(fields)})"
            )
        return {
            "sha256": _sha256(target.get("sha256")),
            "decision_id": decision_id,
            "field": field_name,
        }
    return {"review_id": _text(target.get("review_id"), "review_id")}


def _sha256(value: Any, name: str = "sha256") -> str:
    text = _text(value, name).lower()
    if len(text) != 64 or any(char not in "0123456789abcdef" for char in text):
        raise ReviewError(f"kein SHA-256 / not a sha256: {value!r}")
    return text


_CORRECTION_KEY = re.compile(rf"^(?:{'|'.join(CORRECTABLE_FIELDS)}):\d{{1,3}}(?:\.\d{{1,3}})?$")


def _name_corrections(corrections: Any) -> dict[str, str]:
    """A release's corrected names (``pipelines.parse.held``: ``project:2.3`` -> the name as the
    scan shows it); raises ``ReviewError`` for another field or an empty or overlong name."""
    if not isinstance(corrections, Mapping):
        raise ReviewError("Berichtigungen ungültig / corrections must map fields to names")
    clean: dict[str, str] = {}
    for key, name in corrections.items():
        if not isinstance(key, str) or not _CORRECTION_KEY.match(key):
            raise ReviewError(f"nur Namen berichtigen / only names can be corrected: {key!r}")
        text = " ".join(_text(name, key).split())
        if len(text) > MAX_NAME_CHARS:
            raise ReviewError(f"Name länger als {MAX_NAME_CHARS} Zeichen / name too long: {key}")
        clean[key] = text
    return dict(sorted(clean.items()))


def _clean_payload(kind: str, target: Mapping[str, Any], payload: Mapping[str, Any]) -> dict:
    """The payload a kind carries: the project of an accept, a waiver's end date, the chosen
    source of a settlement, the corrected value; raises ``ReviewError``."""
    if kind == "accept":
        measure = payload.get("measure_type")
        return {
            "project_name": _text(payload.get("project_name"), "project_name"),
            "measure_type": int(measure) if measure not in (None, "") else None,
        }
    if kind == "waive":
        until = parse_date(_text(payload.get("until"), "until"))
        return {"until": until}
    if kind == "settle":
        return {"sha256": _sha256(payload.get("sha256"))}
    if kind == "release":
        return {"corrections": _name_corrections(payload.get("corrections") or {})}
    if kind == "correct":
        fields = DECISION_FIELDS if target.get("decision_id") else AGREEMENT_FIELDS
        raw = payload.get("value")
        if raw is None or str(raw).strip() == "":
            raise ReviewError("neuer Wert fehlt / value is required")
        parsed = parse_amount(raw) if fields[target["field"]] == "amount" else parse_date(raw)
        return {"value": parsed}
    return {}


def new_record(
    kind: str,
    target: Mapping[str, Any],
    reason: str,
    reviewer: str,
    payload: Mapping[str, Any] | None = None,
    previous: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> ReviewRecord:
    """A validated record (not yet appended); raises ``ReviewError`` for anything malformed."""
    if kind not in TARGET_FIELDS:
        raise ReviewError(f"unbekannte Entscheidung / unknown kind: {kind!r}")
    reason = _text(reason, "Begründung / reason")
    if len(reason) > MAX_REASON_CHARS:
        raise ReviewError(f"Begründung länger als {MAX_REASON_CHARS} Zeichen / reason too long")
    clean_target = _clean_target(kind, target)
    return ReviewRecord(
        review_id=uuid.uuid4().hex,
        kind=kind,
        target=clean_target,
        payload=_clean_payload(kind, clean_target, payload or {}),
        reason=reason,
        reviewer=_text(reviewer, "reviewer"),
        decided_at=(now or utc_now_aware()).astimezone(UTC).isoformat(),
        previous=dict(previous or {}),
    )


def record_from_json(line: str) -> ReviewRecord:
    """One log line back into a record, validated like a new one; raises ``ReviewError``."""
    try:
        data = json.loads(line)
        record = ReviewRecord(**data)
        datetime.fromisoformat(record.decided_at)
    except (json.JSONDecodeError, TypeError, ValueError) as error:
        raise ReviewError(f"unlesbare Zeile / unreadable line: {error}") from None
    if record.kind not in TARGET_FIELDS:
        raise ReviewError(f"unbekannte Entscheidung / unknown kind: {record.kind!r}")
    if _clean_target(record.kind, record.target) != record.target:
        raise ReviewError("Ziel nicht in kanonischer Form / target not canonical")
    return record


@dataclass(frozen=True)
class LogContents:
    records: tuple[ReviewRecord, ...]
    invalid_lines: tuple[tuple[int, str], ...]  # (line number, why) of lines that were skipped


def read_log(path: Path) -> LogContents:
    """Every valid record in append order; an unreadable line (a crash mid-write, a hand edit)
    is reported with its line number, never silently dropped, and never stops the others."""
    if not path.is_file():
        return LogContents((), ())
    records: list[ReviewRecord] = []
    invalid: list[tuple[int, str]] = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            if len(raw) > MAX_LINE_BYTES:
                invalid.append((number, "Zeile zu lang / line too long"))
                continue
            try:
                records.append(record_from_json(raw.decode("utf-8")))
            except (ReviewError, UnicodeDecodeError) as error:
                invalid.append((number, str(error)))
    return LogContents(tuple(records), tuple(invalid))


def effective_decisions(records: Iterable[ReviewRecord]) -> dict[str, ReviewRecord]:
    """target key -> the decision in force: the latest record on that target that no revoke
    names. Revoking the latest decision thus brings back the one it replaced, or none at all."""
    records = list(records)
    revoked = {record.target["review_id"] for record in records if record.kind == "revoke"}
    in_force: dict[str, ReviewRecord] = {}
    for record in records:
        if record.kind != "revoke" and record.review_id not in revoked:
            in_force[record.target_key] = record
    return in_force


def append_record(path: Path, record: ReviewRecord) -> ReviewRecord:
    """Append ``record`` under an exclusive lock and fsync it; returns it with ``replaces`` set
    to the decision in force on its target at that moment (read under the same lock, so two
    reviewers deciding at once each name what they really replaced). A revoke must name a
    recorded, not yet revoked, non-revoke decision."""
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    with path.open("a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            handle.seek(0)
            records = read_log(path).records
            _check_revoke(record, records)
            current = effective_decisions(records).get(record.target_key)
            if current is not None and record.kind != "revoke":
                record = _replace(record, replaces=current.review_id)
            line = (record.to_json() + "\n").encode("utf-8")
            if len(line) > MAX_LINE_BYTES:
                raise ReviewError("Entscheidung zu groß / decision too large")
            handle.seek(0, os.SEEK_END)
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    if created:
        _fsync_directory(path.parent)
    return record


def _replace(record: ReviewRecord, **changes: Any) -> ReviewRecord:
    return ReviewRecord(**{**asdict(record), **changes})


def _check_revoke(record: ReviewRecord, records: tuple[ReviewRecord, ...]) -> None:
    if record.kind != "revoke":
        return
    wanted = record.target["review_id"]
    named = next((item for item in records if item.review_id == wanted), None)
    if named is None:
        raise ReviewError(f"keine Entscheidung {wanted} / no decision {wanted}")
    if named.kind == "revoke":
        raise ReviewError("ein Widerruf kann nicht widerrufen werden / cannot revoke a revoke")
    if any(item.kind == "revoke" and item.target["review_id"] == wanted for item in records):
        raise ReviewError(f"Entscheidung {wanted} ist schon widerrufen / already revoked")


def _fsync_directory(directory: Path) -> None:
    """Make the new file's directory entry durable too (a crash must not lose the whole log)."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def log_fingerprint(path: Path) -> str:
    """Content hash of the log ('' when absent): part of the warehouse fingerprint, so a new
    decision is never mistaken for a no-change ingest."""
    if not path.is_file():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()
