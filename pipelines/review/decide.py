"""Record one review decision: who may, what it is about, what it replaced.

The one path for ``aqb review`` and the Prüfaufgaben page. It reads the published snapshot, or
the blocked run's review candidate (never the warehouse), to check that the target exists and to keep what the reviewer saw as
``previous``, then appends to the decisions log; the next ingest applies it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

import warehouse
from pipelines.exports.snapshot import connect_snapshot
from pipelines.parse.held import CORRECTABLE_FIELDS, field_key, open_measure_types
from pipelines.review.accounts import Identity
from pipelines.review.candidate import review_snapshot
from pipelines.review.items import target_facts
from pipelines.review.log import (
    ReviewError,
    ReviewRecord,
    append_record,
    new_record,
    read_log,
)


class NotAllowedError(PermissionError):
    """The identity may read but not decide (role reader, or no identity at all)."""


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _settle_choice_known(
    connection: duckdb.DuckDBPyConnection, target: dict[str, Any], sha256: str
) -> bool:
    statement = "settle_decision_choice" if target.get("decision_id") else "settle_version_choice"
    params = (
        [target["decision_id"], sha256]
        if target.get("decision_id")
        else [target["district_ags"], int(target["year"]), sha256]
    )
    sql = warehouse.load_sql(f"statements/review/{statement}")
    return bool(connection.execute(sql, params).fetchall())


def _release_facts(facts: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """What a release keeps as ``previous``: the held file and, for each name the reviewer
    corrected, the name as read; raises ``ReviewError`` for a name the reading does not have
    and for a reading with a measure type left open (``open_measure_types``)."""
    items = json.loads(facts.pop("held_reading") or "[]")
    if open_keys := open_measure_types(items):
        raise ReviewError(
            "Maßnahmenart nicht gelesen, Freigabe nicht möglich: lesbare Fassung anfordern / "
            f"measure type not read, nothing to release: {', '.join(open_keys)}"
        )
    read = {
        field_key(item["field"], item["index"]): item["value"]
        for item in items
        if item["field"] in CORRECTABLE_FIELDS
    }
    corrections = payload.get("corrections") or {}
    unknown = sorted(set(corrections) - set(read))
    if unknown:
        raise ReviewError(f"kein solcher Name in der Lesung / no such name: {', '.join(unknown)}")
    return {**facts, "names_as_read": {key: read[key] for key in sorted(corrections)}}


def _previous(
    publish_dir: Path, kind: str, target: dict[str, Any], payload: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what the snapshot shows for the target, the payload with defaults filled in)."""
    ref, _ = review_snapshot(publish_dir)
    if ref is None:
        raise ReviewError("noch nichts veröffentlicht / nothing published yet")
    with connect_snapshot(ref) as connection:
        facts = target_facts(connection, kind, target)
        if facts is None:
            raise ReviewError(
                "Ziel nicht in den veröffentlichten Daten / target not in the published data"
            )
        if kind == "accept" and not payload.get("project_name"):
            if not facts.get("suggested_project_name"):
                raise ReviewError("kein Projekt vorgeschlagen: --project angeben / give --project")
            payload = {
                "project_name": facts["suggested_project_name"],
                "measure_type": facts.get("matched_measure_type"),
            }
        if kind == "release":
            facts = _release_facts(facts, payload)
        if kind == "settle" and not _settle_choice_known(
            connection, target, str(payload.get("sha256", "")).lower()
        ):
            raise ReviewError("gewählte Quelle gehört nicht dazu / chosen source does not belong")
    return {key: _plain(value) for key, value in facts.items()}, payload


def decide(
    review_log: Path,
    publish_dir: Path,
    identity: Identity | None,
    kind: str,
    target: dict[str, Any],
    reason: str,
    payload: dict[str, Any] | None = None,
) -> ReviewRecord:
    """Append one decision by ``identity``; raises ``NotAllowedError`` or ``ReviewError``."""
    if identity is None or not identity.may_decide:
        raise NotAllowedError("nur Prüferinnen und Prüfer entscheiden / reviewers only")
    payload = dict(payload or {})
    if kind == "revoke":
        revoked = {r.review_id: r for r in read_log(review_log).records}.get(
            str(target.get("review_id", ""))
        )
        previous = (
            {"kind": revoked.kind, "target": revoked.target, "payload": revoked.payload}
            if revoked
            else {}
        )
    else:
        # validates first; a confirmation without a project takes the matcher's suggestion,
        # filled in by _previous, so the probe stands in for it
        confirm = kind == "accept" and not payload.get("project_name")
        probe_payload = {**payload, "project_name": "(Vorschlag)"} if confirm else payload
        probe = new_record(kind, target, reason, identity.name, probe_payload)
        previous, payload = _previous(publish_dir, kind, probe.target, payload)
    record = new_record(kind, target, reason, identity.name, payload, previous)
    return append_record(review_log, record)
