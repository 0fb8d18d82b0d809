"""The Prüfaufgaben page's parts: open items by kind, side by side, and the decision forms.

Reads the snapshot reviewers see (``pipelines.review.candidate.review_snapshot``: the blocked
run's candidate while there is one, else the published snapshot); writes nothing but one line
appended to the decisions log through ``pipelines.review.decide`` (never the warehouse). Every
value from a document is shown as text, never as markup.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboards import labels
from dashboards.queries import verified_archive_file
from pipelines.config import load_settings
from pipelines.contracts.vocabulary import DECISION_TYPES_DE
from pipelines.exports.snapshot import SnapshotRef, connect_snapshot
from pipelines.german import german_date, german_eur
from pipelines.parse.held import (
    CORRECTABLE_FIELDS,
    field_key,
    measure_types_held,
    open_measure_types,
)
from pipelines.reasons import Reason
from pipelines.review.accounts import Identity
from pipelines.review.decide import NotAllowedError, decide
from pipelines.review.items import ITEM_KINDS, audit_trail, open_items
from pipelines.review.log import (
    AGREEMENT_FIELDS,
    DECISION_FIELDS,
    ReviewError,
    ReviewRecord,
    parse_amount,
    parse_date,
    read_log,
)


def load_items(ref: SnapshotRef) -> dict[str, pl.DataFrame]:
    """Every kind's open items and the audit trail, read once per page run."""
    with connect_snapshot(ref) as connection:
        items = {kind: open_items(connection, kind) for kind in ITEM_KINDS}
        items["audit"] = audit_trail(connection)
        items["documents"] = _table(connection, "mart_agreement_versions")
        items["decision_sources"] = _table(connection, "mart_decision_sources")
    return items


def _table(connection: duckdb.DuckDBPyConnection, name: str) -> pl.DataFrame:
    try:
        return connection.table(name).pl()
    except duckdb.CatalogException:
        return pl.DataFrame()  # a snapshot published before this mart existed


def _source(name: Any, page: Any, line: Any) -> str:
    return labels.REVIEW_SOURCE.format(
        name=name or labels.MISSING, page=page or labels.MISSING, line=line or labels.MISSING
    )


def _submit(identity: Identity | None, kind: str, target: dict, reason: str, payload=None) -> None:
    """Append the decision; German feedback either way (nothing raised into the page)."""
    if not reason.strip():
        st.error(labels.REVIEW_REASON_MISSING)
        return
    settings = load_settings()
    try:
        record = decide(
            settings.review_log, settings.publish_dir, identity, kind, target, reason, payload
        )
    except (ReviewError, NotAllowedError) as error:
        st.error(labels.REVIEW_REFUSED.format(error=error))
        return
    st.success(labels.REVIEW_RECORDED.format(review_id=record.review_id))


def _pick(frame: pl.DataFrame, key: str, describe) -> dict[str, Any] | None:
    if frame.is_empty():
        st.info(labels.REVIEW_NONE_OPEN)
        return None
    st.caption(labels.REVIEW_OPEN_COUNT.format(n=frame.height))
    rows = frame.to_dicts()
    index = st.selectbox(
        labels.REVIEW_PICK, range(len(rows)), format_func=lambda i: describe(rows[i]), key=key
    )
    return rows[index]


def _reason_and_submit(key: str, may_decide: bool) -> tuple[str, bool]:
    reason = st.text_area(labels.REVIEW_REASON, key=f"{key}_reason", max_chars=2000)
    pressed = st.form_submit_button(
        labels.REVIEW_SUBMIT, disabled=not may_decide, key=f"{key}_submit"
    )
    return reason, pressed


def match_tab(frame: pl.DataFrame, identity: Identity | None) -> None:
    """A decision line beside the agreement project the matcher suggests; confirm, re-map, reject."""
    row = _pick(
        frame,
        "review_match_pick",
        lambda r: (
            f"{r['district_name']} {r['year']} · {r['decision_id']} Z. {r['line_number']}"
            f" · {r['project_name']}"
        ),
    )
    if row is None:
        return
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{labels.REVIEW_DECISION_LINE}**")
        st.text(f"{row['project_name']}\n{labels.format_eur(row['amount_eur'])}")
        st.caption(_source(row["source_name"], row["source_page"], row["source_line"]))
        if row.get("from_scan"):
            st.caption(labels.REVIEW_MATCH_FROM_SCAN)
        st.text(f"{row['status_reason']} ({labels.format_number(row['score'])})")
    with right:
        st.markdown(f"**{labels.REVIEW_AGREEMENT_PROJECT}**")
        if row["suggested_project_name"]:
            st.text(row["suggested_project_name"])
            st.caption(
                _source(
                    row["suggested_source_name"],
                    row["suggested_source_page"],
                    row["suggested_source_line"],
                )
            )
        else:
            st.text(labels.REVIEW_NO_SUGGESTION)
    with st.form("review_match_form"):
        choice = st.radio(
            labels.REVIEW_DECISION,
            list(labels.REVIEW_CHOICES_MATCH),
            format_func=labels.REVIEW_CHOICES_MATCH.get,
            key="review_match_choice",
        )
        other = st.text_input(labels.REVIEW_OTHER_PROJECT, key="review_match_other")
        reason, pressed = _reason_and_submit("review_match", bool(identity and identity.may_decide))
    if pressed:
        target = {"decision_id": row["decision_id"], "line_number": row["line_number"]}
        if choice == "reject":
            _submit(identity, "reject", target, reason)
        else:
            payload = {"project_name": other.strip()} if choice == "remap" else {}
            _submit(identity, "accept", target, reason, payload)


def warning_tab(frame: pl.DataFrame, identity: Identity | None) -> None:
    """A failed warning check: accept it until an end date for a year (or one district)."""
    row = _pick(
        frame,
        "review_warning_pick",
        lambda r: f"{r['year']} · {r['rule']} ({r['unexpected_count'] or 0})",
    )
    if row is None:
        return
    st.text(row["detail"] or "")
    with st.form("review_warning_form"):
        district = st.text_input(labels.REVIEW_DISTRICT, key="review_warning_district")
        until = st.date_input(
            labels.REVIEW_UNTIL,
            value=date.today() + timedelta(days=90),
            min_value=date.today(),
            format="DD.MM.YYYY",
            key="review_warning_until",
        )
        reason, pressed = _reason_and_submit(
            "review_warning", bool(identity and identity.may_decide)
        )
    if pressed:
        target = {"suite": row["suite"], "year": row["year"], "district_ags": district.strip()}
        _submit(identity, "waive", target, reason, {"until": until.isoformat()})


_HELD_AMOUNTS = frozenset(
    {
        "budget_total_eur",
        "measure_amount",
        "project_amount",
        "earmark",
        "other_budget",
        "total_eur",
        "used_total_eur",
        "reclaimed_total_eur",
        "line_amount",
        "line_used",
        "line_reclaimed",
    }
)
_HELD_DATES = frozenset({"signed_on", "decision_date"})


def _held_value(field: str, value: str) -> str:
    """A held reading's value as a German reader checks it against the scan."""
    if not value:
        return labels.MISSING
    if field in _HELD_AMOUNTS:
        return german_eur(Decimal(value))
    if field in _HELD_DATES:
        return german_date(date.fromisoformat(value))
    if field == "decision_type":
        return DECISION_TYPES_DE.get(value, value)
    if field == "line_measure_type" and len(allowed := measure_types_held(value)) > 1:
        return labels.REVIEW_HELD_MEASURE_RANGE.format(first=allowed[0], last=allowed[-1])
    return value


def held_reading_table(held_reading: str) -> pl.DataFrame:
    """A held scan reading (``pipelines.parse.held.held_reading_json``) as German rows: field,
    number, value as read, whether it was read unsure, page, line and the line as read, for
    comparing with the scan."""
    rows = [
        {
            "field": labels.REVIEW_HELD_FIELDS_DE.get(item["field"], item["field"]),
            "index": labels.REVIEW_HELD_PARTIES_DE.get(item["index"], item["index"]),
            "value": _held_value(item["field"], item["value"]),
            # readings held before names were marked have no ``unsure``
            "unsure": labels.REVIEW_HELD_UNSURE if item.get("unsure") else "",
            "page": item["page"],
            "line": item["line"],
            "text": item["text"],
        }
        for item in json.loads(held_reading)
    ]
    schema = {
        "field": pl.String,
        "index": pl.String,
        "value": pl.String,
        "unsure": pl.String,
        "page": pl.Int64,
        "line": pl.Int64,
        "text": pl.String,
    }
    return pl.DataFrame(rows, schema=schema).rename(labels.REVIEW_HELD_COLUMNS)


def _held_reading(row: dict[str, Any], identity: Identity | None) -> None:
    """A scan's held reading as text beside a download of the scan, and the release form."""
    if row["reason_code"] != Reason.SCAN_UNSURE.value:
        return
    if not row.get("reading_hash") or not row.get("held_reading"):
        st.info(labels.REVIEW_HELD_NONE)
        return
    st.markdown(labels.REVIEW_HELD_INTRO)
    st.dataframe(held_reading_table(row["held_reading"]), hide_index=True)
    st.caption(labels.REVIEW_HELD_HASH.format(reading=row["reading_hash"]))
    scan = verified_archive_file(load_settings().archive_dir, row["sha256"])
    if scan is not None:
        st.download_button(
            labels.REVIEW_HELD_DOWNLOAD,
            data=scan.read_bytes,
            file_name=row["original_name"],
            mime="application/pdf",
            key=f"review_scan_{row['sha256']}",
            on_click="ignore",
            icon=":material/description:",
        )
    if open_measure_types(json.loads(row["held_reading"])):
        st.info(labels.REVIEW_HELD_OPEN_MEASURE_TYPE)
        return
    with st.form("review_release_form"):
        st.markdown(labels.REVIEW_RELEASE)
        names = _name_inputs(row["sha256"], json.loads(row["held_reading"]))
        reason, pressed = _reason_and_submit(
            "review_release", bool(identity and identity.may_decide)
        )
    if pressed:
        target = {"sha256": row["sha256"], "reading_hash": row["reading_hash"]}
        corrections = {key: name for key, (read, name) in names.items() if name.strip() != read}
        _submit(identity, "release", target, reason, {"corrections": corrections})


def _name_inputs(sha256: str, held: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """One text field per name of the reading, filled with the name as read: a reviewer
    corrects a misread letter before releasing (``pipelines.parse.held.CORRECTABLE_FIELDS``).
    Keyed by the document too, so a name typed for one scan never shows for another. Returns
    key -> (name as read, name entered)."""
    names = {}
    with st.expander(labels.REVIEW_RELEASE_NAMES):
        for item in held:
            if item["field"] not in CORRECTABLE_FIELDS:
                continue
            key = field_key(item["field"], item["index"])
            template = (
                labels.REVIEW_RELEASE_NAME_UNSURE
                if item.get("unsure")
                else labels.REVIEW_RELEASE_NAME
            )
            label = template.format(
                field=labels.REVIEW_HELD_FIELDS_DE.get(item["field"], item["field"]),
                index=item["index"],
            )
            entered = st.text_input(
                label, value=item["value"], key=f"review_release_name_{sha256}_{key}"
            )
            names[key] = (item["value"], entered)
    return names


def quarantine_tab(frame: pl.DataFrame, identity: Identity | None) -> None:
    row = _pick(frame, "review_quarantine_pick", lambda r: f"{r['original_name']}")
    if row is None:
        return
    # the German text of the reason code (pipelines.reasons); the engineer's English sentence
    # with page and line only on request, labelled as such
    st.text(labels.REVIEW_QUARANTINE_REASON.format(reason=row["reason_de"], sha=row["sha256"]))
    if row["reason"]:
        with st.expander(labels.REVIEW_TECHNICAL_REASON):
            st.text(row["reason"])
    _held_reading(row, identity)
    with st.form("review_quarantine_form"):
        st.markdown(labels.REVIEW_DISMISS)
        reason, pressed = _reason_and_submit(
            "review_quarantine", bool(identity and identity.may_decide)
        )
    if pressed:
        _submit(identity, "dismiss", {"sha256": row["sha256"]}, reason)


def _copies_side_by_side(copies: list[dict[str, Any]], fields: tuple[str, ...]) -> None:
    for column, copy in zip(st.columns(len(copies)), copies, strict=True):
        with column:
            for name in fields:
                st.text(f"{name}: {copy.get(name)}")
            st.caption(_source(copy["source_name"], copy["source_page"], copy["source_line"]))


def conflict_tab(frame: pl.DataFrame, identity: Identity | None) -> None:
    """Copies of one grant decision that disagree, side by side; choose the one to use."""
    if frame.is_empty():
        st.info(labels.REVIEW_NONE_OPEN)
        return
    decisions = frame.select("decision_id", "district_ags", "year").unique(maintain_order=True)
    row = _pick(decisions, "review_conflict_pick", lambda r: f"{r['year']} · {r['decision_id']}")
    copies = frame.filter(pl.col("decision_id") == row["decision_id"]).to_dicts()
    _copies_side_by_side(
        copies, ("decision_type", "decision_date", "total_eur", "used_total_eur", "source_format")
    )
    _choose_source_form("review_conflict", {"decision_id": row["decision_id"]}, copies, identity)


def version_tab(frame: pl.DataFrame, identity: Identity | None) -> None:
    """Agreement versions with the same signature date; choose the one in force."""
    if frame.is_empty():
        st.info(labels.REVIEW_NONE_OPEN)
        return
    years = frame.select("district_ags", "district_name", "year").unique(maintain_order=True)
    row = _pick(years, "review_version_pick", lambda r: f"{r['district_name']} {r['year']}")
    copies = frame.filter(
        (pl.col("district_ags") == row["district_ags"]) & (pl.col("year") == row["year"])
    ).to_dicts()
    _copies_side_by_side(copies, ("version", "is_current", "budget_total_eur", "signed_on"))
    target = {"district_ags": row["district_ags"], "year": row["year"]}
    _choose_source_form("review_version", target, copies, identity)


def _choose_source_form(
    key: str, target: dict[str, Any], copies: list[dict[str, Any]], identity: Identity | None
) -> None:
    with st.form(f"{key}_form"):
        chosen = st.radio(
            labels.REVIEW_CHOOSE_SOURCE,
            [copy["source_sha256"] for copy in copies],
            format_func=lambda sha: next(
                c["source_name"] for c in copies if c["source_sha256"] == sha
            ),
            key=f"{key}_choice",
        )
        reason, pressed = _reason_and_submit(key, bool(identity and identity.may_decide))
    if pressed:
        _submit(identity, "settle", target, reason, {"sha256": chosen})


def document_tab(
    versions: pl.DataFrame, decision_sources: pl.DataFrame, identity: Identity | None
) -> None:
    """Withdraw an agreement document, or correct one field of a parsed agreement or grant
    decision (the parsed value stays; the correction applies from the next ingest)."""
    st.header(labels.REVIEW_WITHDRAW_TITLE)
    withdraw_form(versions, identity)
    st.header(labels.REVIEW_CORRECT_TITLE)
    correction_form(versions, decision_sources, identity)


def withdraw_form(versions: pl.DataFrame, identity: Identity | None) -> None:
    row = _pick(
        versions,
        "review_document_pick",
        lambda r: f"{r['district_name']} {r['year']} · V{r['version']} · {r['source_name']}",
    )
    if row is None:
        return
    with st.form("review_document_form"):
        st.markdown(labels.REVIEW_WITHDRAW)
        reason, pressed = _reason_and_submit(
            "review_document", bool(identity and identity.may_decide)
        )
    if pressed:
        _submit(identity, "withdraw", {"sha256": row["source_sha256"]}, reason)


def _correctable_documents(versions: pl.DataFrame, decision_sources: pl.DataFrame) -> list[dict]:
    """One entry per document a field can be corrected in: agreement versions and every copy
    of a grant decision, each with its district, year, file and its parsed values by field."""
    documents = []
    for row in versions.to_dicts() if not versions.is_empty() else []:
        documents.append(
            {
                "kind": "agreement",
                "district_ags": row["district_ags"],
                "district_name": row["district_name"],
                "year": row["year"],
                "label": f"{labels.REVIEW_DOC_AGREEMENT} V{row['version']} · {row['source_name']}",
                "target": {"sha256": row["source_sha256"]},
                "values": {name: row.get(name) for name in AGREEMENT_FIELDS},
            }
        )
    names = (
        dict(zip(versions["district_ags"], versions["district_name"], strict=False))
        if (not versions.is_empty())
        else {}
    )
    for row in decision_sources.to_dicts() if not decision_sources.is_empty() else []:
        documents.append(
            {
                "kind": "decision",
                "district_ags": row["district_ags"],
                "district_name": names.get(row["district_ags"], row["district_ags"]),
                "year": row["year"],
                "label": (
                    f"{labels.REVIEW_DOC_DECISION} {row['decision_id']} · {row['source_name']}"
                ),
                "target": {"sha256": row["source_sha256"], "decision_id": row["decision_id"]},
                "values": {name: row.get(name) for name in DECISION_FIELDS},
            }
        )
    return documents


def _shown_value(field: str, value: Any) -> str:
    if value is None:
        return labels.MISSING
    if (DECISION_FIELDS | AGREEMENT_FIELDS)[field] == "amount":
        return labels.format_eur(value)
    return value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)


def correction_value(field: str, text: str) -> str | None:
    """The new value as the log stores it, or None (with a German message on the page) when it
    is no amount in German notation (1.230.450 € or 1.230.450,00 €) or no date (02.08.2025)."""
    kind = (DECISION_FIELDS | AGREEMENT_FIELDS)[field]
    try:
        return parse_amount(text) if kind == "amount" else parse_date(text)
    except ReviewError:
        st.error(labels.REVIEW_VALUE_INVALID[kind].format(value=text))
        return None


def correction_form(
    versions: pl.DataFrame, decision_sources: pl.DataFrame, identity: Identity | None
) -> None:
    """Pick the document by district, year and file; then the field, the new value and the
    reason. The choices sit outside the form so each narrows the next at once."""
    documents = _correctable_documents(versions, decision_sources)
    if not documents:
        st.info(labels.REVIEW_NONE_OPEN)
        return
    districts = sorted({(d["district_name"] or "", d["district_ags"]) for d in documents})
    district = st.selectbox(
        labels.REVIEW_DISTRICT_PICK,
        [ags for _name, ags in districts],
        format_func=dict((ags, f"{name} ({ags})") for name, ags in districts).get,
        key="review_correct_district",
    )
    in_district = [d for d in documents if d["district_ags"] == district]
    year = st.selectbox(
        labels.REVIEW_YEAR_PICK,
        sorted({d["year"] for d in in_district}, reverse=True),
        key="review_correct_year",
    )
    in_year = [d for d in in_district if d["year"] == year]
    index = st.selectbox(
        labels.REVIEW_DOCUMENT,
        range(len(in_year)),
        format_func=lambda i: in_year[i]["label"],
        key="review_correct_document",
    )
    document = in_year[index]
    field = st.selectbox(
        labels.REVIEW_FIELD,
        list(document["values"]),
        format_func=labels.REVIEW_FIELDS_DE.get,
        key="review_correct_field",
    )
    st.text(labels.REVIEW_PARSED_VALUE.format(value=_shown_value(field, document["values"][field])))
    with st.form("review_correct_form"):
        value = st.text_input(
            labels.REVIEW_NEW_VALUE,
            key="review_correct_value",
            help=labels.REVIEW_VALUE_HELP,
        )
        reason, pressed = _reason_and_submit(
            "review_correct", bool(identity and identity.may_decide)
        )
    if not pressed:
        return
    if not reason.strip():
        st.error(labels.REVIEW_REASON_MISSING)
        return
    new_value = correction_value(field, value)
    if new_value is not None:
        target = {**document["target"], "field": field}
        _submit(identity, "correct", target, reason, {"value": new_value})


def _utc(value: Any) -> datetime | None:
    """A decision time as naive UTC (the mart's timestamps; the log's ISO text with +00:00)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _pending_decisions(frame: pl.DataFrame) -> list[ReviewRecord]:
    """Decisions in the log the snapshot does not have yet (recorded since the last ingest),
    so a reviewer finds the decision just made in the audit at once."""
    known = set(frame["review_id"]) if "review_id" in frame.columns else set()
    records = read_log(load_settings().review_log).records
    return [record for record in records if record.review_id not in known]


def audit_lines(frame: pl.DataFrame, pending: list[ReviewRecord]) -> list[str]:
    """One German line per decision, newest first: what, its state, who, when (Berlin time
    with zone) and why. Shown as text: the reason is a person's words, never markup."""
    lines = [
        labels.REVIEW_AUDIT_LINE.format(
            kind=labels.REVIEW_KINDS_DE.get(record.kind, record.kind),
            state=labels.REVIEW_PENDING,
            reviewer=record.reviewer,
            when=labels.format_utc_datetime(_utc(record.decided_at)),
            reason=record.reason,
            target=record.target_key,
        )
        for record in reversed(pending)
    ]
    for row in frame.sort("log_line", descending=True).iter_rows(named=True):
        lines.append(
            labels.REVIEW_AUDIT_LINE.format(
                kind=row["kind_name"],
                state=row["state"],
                reviewer=row["reviewer"],
                when=labels.format_utc_datetime(_utc(row["decided_at"])),
                reason=row["reason"],
                target=row["target_key"],
            )
        )
    return lines


def audit_tab(frame: pl.DataFrame, identity: Identity | None) -> None:
    """Every decision with its state (also those recorded since the last ingest); a decision
    in force can be revoked here."""
    pending = _pending_decisions(frame)
    if frame.is_empty() and not pending:
        st.info(labels.REVIEW_NONE_OPEN)
        return
    st.caption(labels.REVIEW_AUDIT_INTRO)
    for line in audit_lines(frame, pending):
        st.text(line)
    if frame.is_empty():
        return
    live = frame.filter(pl.col("state").is_in(["in Kraft", "abgelaufen"]))
    if live.is_empty():
        return
    with st.form("review_revoke_form"):
        st.markdown(f"**{labels.REVIEW_REVOKE}**")
        rows = live.to_dicts()
        chosen = st.selectbox(
            labels.REVIEW_REVOKE_PICK,
            [row["review_id"] for row in rows],
            format_func=lambda rid: next(
                f"{r['log_line']}: {r['kind_name']} · {r['target_key']}"
                for r in rows
                if r["review_id"] == rid
            ),
            key="review_revoke_pick",
        )
        reason, pressed = _reason_and_submit(
            "review_revoke", bool(identity and identity.may_decide)
        )
    if pressed:
        _submit(identity, "revoke", {"review_id": chosen}, reason)


TABS = {
    "match": match_tab,
    "warning": warning_tab,
    "quarantine": quarantine_tab,
    "conflict": conflict_tab,
    "version": version_tab,
}
