"""Pure conversion of parse outcomes into warehouse rows (one dict per row, per table).

Kept apart from the loader so the mapping from records to tables can be read and tested without
a database, and free of pyarrow so the parse workers can build rows without loading it (the
storing process turns them into Arrow, see ``pipelines.ingest.rows``). Tables and columns are
declared in ``pipelines.contracts.tables``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pipelines.contracts.tables import PARSED_TABLES
from pipelines.parse.confirm import unsure_names_json
from pipelines.parse.held import held_reading_json, reading_hash
from pipelines.parse.records import AgreementRecord, DecisionRecord, ParseOutcome, Provenance
from pipelines.reasons import Reason, reason_from_code

# table -> its columns, as declared in ``pipelines.contracts.tables`` (insert order:
# parse_results first)
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    table.name: table.column_names for table in PARSED_TABLES
}

# Rejected rows a file's quarantine entry names in its reason (the rest are in ``rejected_rows``).
REJECTED_ROWS_NAMED = 3

_SOURCE_FORMAT_BY_SUFFIX = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def as_sentence(reason: str | None, fallback: str) -> str:
    """A quarantine reason as one plain sentence: trimmed, capitalised, ending with a stop."""
    text = " ".join((reason or "").split()) or fallback
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _page_line(provenance: Provenance | None) -> dict[str, int | None]:
    if provenance is None:
        return {"page": None, "line": None}
    return {"page": provenance.page, "line": provenance.line}


def agreement_rows(sha256: str, agreement: AgreementRecord) -> dict[str, list[dict]]:
    """Rows for the agreement tables; ``signed_on`` is the latest signature date (the day the
    agreement took effect, which orders corrected versions)."""
    signature_dates = [
        signature.date for signature in agreement.signatures if signature.date is not None
    ]
    budget = agreement.provenance.get("budget_total_eur")
    district = agreement.provenance.get("district")
    rows: dict[str, list[dict]] = {
        "agreements": [
            {
                "sha256": sha256,
                "district_ags": agreement.district_ags,
                "year": agreement.year,
                "budget_total_eur": agreement.budget_total_eur,
                "ministry": agreement.ministry,
                "ministry_short": agreement.ministry_short,
                "signed_on": max(signature_dates) if signature_dates else None,
                "budget_page": budget.page if budget else None,
                "budget_line": budget.line if budget else None,
                "district_page": district.page if district else None,
                "district_line": district.line if district else None,
                "from_scan": agreement.from_scan,
            }
        ],
        "agreement_measures": [],
        "agreement_projects": [],
    }
    for measure in agreement.measures:
        rows["agreement_measures"].append(
            {
                "sha256": sha256,
                "measure_type": measure.measure_type,
                "name": measure.name,
                "amount_eur": measure.amount_eur,
                "listed": measure.provenance is not None,
                **_page_line(measure.provenance),
            }
        )
        for position, project in enumerate(measure.projects, start=1):
            rows["agreement_projects"].append(
                {
                    "sha256": sha256,
                    "measure_type": measure.measure_type,
                    "position": position,
                    "project_name": project.name,
                    "amount_eur": project.amount_eur,
                    **_page_line(project.provenance),
                }
            )
    rows["agreement_earmarks"] = [
        {
            "sha256": sha256,
            "label": earmark.label,
            "amount_eur": earmark.amount_eur,
            **_page_line(earmark.provenance),
        }
        for earmark in agreement.earmarks
    ]
    rows["agreement_other_budgets"] = [
        {
            "sha256": sha256,
            "label": budget.label,
            "amount_eur": budget.amount_eur,
            **_page_line(budget.provenance),
        }
        for budget in agreement.other_budgets
    ]
    rows["agreement_signatures"] = [
        {
            "sha256": sha256,
            "party": signature.party,
            "place": signature.place,
            "signed_on": signature.date,
            "signer": signature.name,
            "role": signature.role,
            **_page_line(signature.provenance),
        }
        for signature in agreement.signatures
    ]
    return rows


def source_format_of(original_name: str) -> str:
    """'csv' / 'xlsx' for the funding system's exports, else 'letter'."""
    suffix = original_name[original_name.rfind(".") :].lower() if "." in original_name else ""
    return _SOURCE_FORMAT_BY_SUFFIX.get(suffix, "letter")


def decision_rows(
    sha256: str, decisions: tuple[DecisionRecord, ...], source_format: str
) -> tuple[dict[str, list[dict]], list[tuple[int | None, str]]]:
    """Rows for decisions and their lines, plus rejects for decision ids repeated in one file
    (the key is decision id + file, so a repeat would be ambiguous: the first one is kept)."""
    rows: dict[str, list[dict]] = {"decisions": [], "decision_lines": []}
    rejects: list[tuple[int | None, str]] = []
    seen_ids: set[str] = set()
    for decision in decisions:
        provenance = decision.provenance.get("decision_id") or next(
            iter(decision.provenance.values()), None
        )
        if decision.decision_id in seen_ids:
            row_number = provenance.line if provenance else None
            rejects.append(
                (
                    row_number,
                    f"Decision {decision.decision_id} appears more than once in this file; only its first occurrence was loaded.",
                )
            )
            continue
        seen_ids.add(decision.decision_id)
        rows["decisions"].append(
            {
                "decision_id": decision.decision_id,
                "sha256": sha256,
                "decision_type": decision.decision_type,
                "decision_date": decision.decision_date,
                "district_ags": decision.district_ags,
                "year": decision.year,
                "total_eur": decision.total_eur,
                "refers_to": decision.refers_to,
                "used_total_eur": decision.used_total_eur,
                "reclaimed_total_eur": decision.reclaimed_total_eur,
                "source_format": source_format,
                **_page_line(provenance),
                "from_scan": decision.from_scan,
            }
        )
        for line_number, line in enumerate(decision.lines, start=1):
            rows["decision_lines"].append(
                {
                    "decision_id": decision.decision_id,
                    "sha256": sha256,
                    "line_number": line_number,
                    "project_name": line.project,
                    "measure_type": line.measure_type,
                    "provider": line.provider,
                    "amount_eur": line.amount_eur,
                    "used_eur": line.used_eur,
                    "reclaimed_eur": line.reclaimed_eur,
                    **_page_line(line.provenance),
                }
            )
    return rows, rejects


def single_district_year(outcome: ParseOutcome) -> tuple[str | None, int | None]:
    """The one district-year all records of a file belong to, else (None, None)."""
    keys = {(decision.district_ags, decision.year) for decision in outcome.decisions}
    if outcome.agreement is not None:
        keys.add((outcome.agreement.district_ags, outcome.agreement.year))
    return next(iter(keys)) if len(keys) == 1 else (None, None)


def outcome_rows(
    outcome: ParseOutcome, original_name: str, parser_version: str, parsed_at: datetime
) -> dict[str, list[dict]]:
    """Every row one parse outcome puts into the warehouse, by table (tables without rows are
    absent). A file yields at most one quarantine entry: the whole file, or, when some rows of
    a tabular file were rejected while the rest landed, one entry counting them; the rejected
    rows themselves go to ``rejected_rows`` (cheap: three plain columns, no entry each)."""
    sha256 = outcome.sha256
    rows: dict[str, list[dict]] = {}
    rejected: list[tuple[int | None, str]] = []
    if outcome.status == "ok":
        if outcome.agreement is not None:
            rows.update(agreement_rows(sha256, outcome.agreement))
        if outcome.decisions:
            decision_table_rows, duplicate_rejects = decision_rows(
                sha256, outcome.decisions, source_format_of(original_name)
            )
            rows.update(decision_table_rows)
            rejected.extend(duplicate_rejects)
    rejected.extend(outcome.rejected_rows)
    held_hash = None if outcome.held is None else reading_hash(outcome.held)
    rows["parse_results"] = [
        {
            "sha256": sha256,
            "parser_version": parser_version,
            "status": outcome.status,
            "reason": outcome.reason,
            # the code (the enum's value); its German and English texts: DocumentType
            "document_type": None if outcome.document_type is None else str(outcome.document_type),
            "parsed_at": parsed_at,
            "read_by": outcome.read_by,
            "reading_hash": held_hash,
            "released_by": outcome.released_by,
            "unsure_names": unsure_names_json(outcome),
            "names_confirmed_by": outcome.names_confirmed_by,
            "names_corrected": outcome.names_corrected,
        }
    ]
    entry = _quarantine_entry(outcome, rejected)
    if entry is not None:
        district_ags, year = single_district_year(outcome)
        reason, code = entry
        rows["quarantine"] = [
            {
                "sha256": sha256,
                "original_name": original_name,
                "reason": reason,
                "reason_code": code.value,
                "reason_de": german_reason(outcome, code),
                "reason_en": code.en,
                "rejected_rows": len(rejected),
                "quarantined_at": parsed_at,
                "district_ags": district_ags,
                "year": year,
                "reading_hash": held_hash,
                "held_reading": (
                    None
                    if outcome.held is None
                    else held_reading_json(outcome.held, outcome.names_read_unsure)
                ),
            }
        ]
    rows["rejected_rows"] = [
        {"sha256": sha256, "row_number": row_number, "reason": reason}
        for row_number, reason in rejected
    ]
    return {table: table_rows for table, table_rows in rows.items() if table_rows}


def german_reason(outcome: ParseOutcome, code: Reason) -> str:
    """The German reason: the code's text, or the parser's German detail when it gave one
    (a scan read unsure names the field: "Betrag unsicher gelesen (Seite 2, Zeile 8)")."""
    if outcome.status != "ok" and outcome.reason_de:
        return outcome.reason_de
    return code.de


def _quarantine_entry(
    outcome: ParseOutcome, rejected: list[tuple[int | None, str]]
) -> tuple[str, Reason] | None:
    """The one quarantine entry of a file (reason sentence and code), or None when it is clean."""
    if outcome.status != "ok":
        reason = as_sentence(
            outcome.reason, "The parser quarantined this file without giving a reason."
        )
        return reason, reason_from_code(outcome.reason_code)
    if not rejected:
        return None
    named = "; ".join(
        f"row {row_number}: {' '.join(reason.split()).rstrip('.')}"
        for row_number, reason in rejected[:REJECTED_ROWS_NAMED]
    )
    more = "" if len(rejected) <= REJECTED_ROWS_NAMED else "; ..."
    reason = f"{len(rejected)} row(s) rejected, the others landed ({named}{more})."
    return reason, Reason.REJECTED_ROWS


def _plain(value: object) -> object:
    """A Decimal as its plain digits ('1230450.00'), anything else unchanged."""
    return format(value, "f") if isinstance(value, Decimal) else value


def rows_as_columns(rows: dict[str, list[dict]]) -> dict[str, dict[str, list]]:
    """Rows by table as columns by table (tables without rows are left out), in the column order
    of ``TABLE_COLUMNS``; amounts become plain decimal strings.

    Columns of plain values are what a worker process sends back: they pickle into a fraction of
    the bytes of the outcome objects, and strings convert to Arrow decimals in one C++ cast in
    the storing process, where Decimal objects would be converted one by one.
    """
    return {
        table: {
            column: [_plain(row[column]) for row in table_rows] for column in TABLE_COLUMNS[table]
        }
        for table, table_rows in rows.items()
        if table_rows
    }
