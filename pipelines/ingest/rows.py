"""Pure conversion of parse outcomes into warehouse rows (one dict per row, per table).

Kept apart from the loader so the mapping from records to tables can be read and tested without
a database. Column names and Arrow types mirror ``warehouse/migrations/002``-``004``.
"""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from pipelines.parse.records import AgreementRecord, DecisionRecord, ParseOutcome, Provenance

_EUR = pa.decimal128(14, 2)
_PAGE_LINE = [("page", pa.int32()), ("line", pa.int32())]

# table -> Arrow schema of the rows this module produces (insert order: parse_results first)
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "parse_results": pa.schema(
        [
            ("sha256", pa.string()),
            ("parser_version", pa.string()),
            ("status", pa.string()),
            ("reason", pa.string()),
            ("document_type", pa.string()),
            ("parsed_at", pa.timestamp("us")),
        ]
    ),
    "agreements": pa.schema(
        [
            ("sha256", pa.string()),
            ("district_ags", pa.string()),
            ("year", pa.int32()),
            ("budget_total_eur", _EUR),
            ("ministry", pa.string()),
            ("ministry_short", pa.string()),
            ("signed_on", pa.date32()),
            ("budget_page", pa.int32()),
            ("budget_line", pa.int32()),
            ("district_page", pa.int32()),
            ("district_line", pa.int32()),
        ]
    ),
    "agreement_measures": pa.schema(
        [
            ("sha256", pa.string()),
            ("measure_type", pa.int32()),
            ("name", pa.string()),
            ("amount_eur", _EUR),
            ("listed", pa.bool_()),
            *_PAGE_LINE,
        ]
    ),
    "agreement_projects": pa.schema(
        [
            ("sha256", pa.string()),
            ("measure_type", pa.int32()),
            ("position", pa.int32()),
            ("project_name", pa.string()),
            ("amount_eur", _EUR),
            *_PAGE_LINE,
        ]
    ),
    "agreement_earmarks": pa.schema(
        [("sha256", pa.string()), ("label", pa.string()), ("amount_eur", _EUR), *_PAGE_LINE]
    ),
    "agreement_other_budgets": pa.schema(
        [("sha256", pa.string()), ("label", pa.string()), ("amount_eur", _EUR), *_PAGE_LINE]
    ),
    "agreement_signatures": pa.schema(
        [
            ("sha256", pa.string()),
            ("party", pa.string()),
            ("place", pa.string()),
            ("signed_on", pa.date32()),
            ("signer", pa.string()),
            ("role", pa.string()),
            *_PAGE_LINE,
        ]
    ),
    "decisions": pa.schema(
        [
            ("decision_id", pa.string()),
            ("sha256", pa.string()),
            ("decision_type", pa.string()),
            ("decision_date", pa.date32()),
            ("district_ags", pa.string()),
            ("year", pa.int32()),
            ("total_eur", _EUR),
            ("refers_to", pa.string()),
            ("used_total_eur", _EUR),
            ("reclaimed_total_eur", _EUR),
            ("source_format", pa.string()),
            *_PAGE_LINE,
        ]
    ),
    "decision_lines": pa.schema(
        [
            ("decision_id", pa.string()),
            ("sha256", pa.string()),
            ("line_number", pa.int32()),
            ("project_name", pa.string()),
            ("measure_type", pa.int32()),
            ("provider", pa.string()),
            ("amount_eur", _EUR),
            ("used_eur", _EUR),
            ("reclaimed_eur", _EUR),
            *_PAGE_LINE,
        ]
    ),
    "quarantine": pa.schema(
        [
            ("sha256", pa.string()),
            ("original_name", pa.string()),
            ("row_number", pa.int32()),
            ("reason", pa.string()),
            ("quarantined_at", pa.timestamp("us")),
            ("district_ags", pa.string()),
            ("year", pa.int32()),
        ]
    ),
}

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
    absent). A quarantined file yields its parse result and one quarantine row, nothing else."""
    sha256 = outcome.sha256
    rows: dict[str, list[dict]] = {}
    quarantine_rows: list[tuple[int | None, str]] = []
    if outcome.status == "ok":
        if outcome.agreement is not None:
            rows.update(agreement_rows(sha256, outcome.agreement))
        if outcome.decisions:
            decision_table_rows, duplicate_rejects = decision_rows(
                sha256, outcome.decisions, source_format_of(original_name)
            )
            rows.update(decision_table_rows)
            quarantine_rows.extend(duplicate_rejects)
    else:
        quarantine_rows.append(
            (
                None,
                as_sentence(
                    outcome.reason, "The parser quarantined this file without giving a reason."
                ),
            )
        )
    quarantine_rows.extend(
        (row_number, as_sentence(reason, f"Row {row_number} was rejected without a reason."))
        for row_number, reason in outcome.rejected_rows
    )
    rows["parse_results"] = [
        {
            "sha256": sha256,
            "parser_version": parser_version,
            "status": outcome.status,
            "reason": outcome.reason,
            "document_type": outcome.document_type,
            "parsed_at": parsed_at,
        }
    ]
    district_ags, year = single_district_year(outcome)
    rows["quarantine"] = [
        {
            "sha256": sha256,
            "original_name": original_name,
            "row_number": row_number,
            "reason": reason,
            "quarantined_at": parsed_at,
            "district_ags": district_ags if row_number is not None else None,
            "year": year if row_number is not None else None,
        }
        for row_number, reason in quarantine_rows
    ]
    return {table: table_rows for table, table_rows in rows.items() if table_rows}
