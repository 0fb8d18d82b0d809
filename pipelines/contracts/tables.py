"""The columns and types of every table the loader writes, every mart users read, the reference
tables and ``snapshot_info``.

A new column: add it to its table here (name, DuckDB type, and a ``note`` only if the data
dictionary ``pipelines.contracts.columns`` has no entry for the name yet, or add the entry
there), then the migration (``warehouse/migrations/``) or the model (``warehouse/models/``) that
makes it, and regenerate ``docs/data_model.md`` (``python -m pipelines.contracts.docs``). The
loader's Arrow schema, the GX schema suite and the data dictionary follow from here.
"""

from __future__ import annotations

from dataclasses import dataclass

VARCHAR, INTEGER, BIGINT, BOOLEAN, DATE, TIMESTAMP, DOUBLE = (
    "VARCHAR",
    "INTEGER",
    "BIGINT",
    "BOOLEAN",
    "DATE",
    "TIMESTAMP",
    "DOUBLE",
)
EUR = "DECIMAL(14,2)"  # every euro amount


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, DuckDB type and, where the table gives the name a
    meaning of its own, a note that the documentation shows beside the dictionary's text."""

    name: str
    type: str
    note: str = ""


@dataclass(frozen=True)
class Table:
    """A table: ``layer`` is ``parsed`` (written by the loader, created by a migration),
    ``mart`` (built by ``warehouse/models/marts/<name>.sql``), ``reference`` (a ``ref_*`` table,
    created by a migration, filled on every load) or ``snapshot`` (``snapshot_info``, written
    into each published snapshot); ``grain`` says what one row is;
    ``notes`` is what a reader must know beyond the columns."""

    name: str
    layer: str
    grain: str
    columns: tuple[Column, ...]
    notes: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _c(name: str, type_: str, note: str = "") -> Column:
    return Column(name, type_, note)


_PAGE_LINE = (_c("page", INTEGER), _c("line", INTEGER))

# --- parsed tables: what the loader stores per document (insert order: parse_results first) ---
PARSED_TABLES: tuple[Table, ...] = (
    Table(
        "parse_results",
        "parsed",
        "one row per document and parser version (re-parsed only when the version changes)",
        (
            _c("sha256", VARCHAR),
            _c("parser_version", VARCHAR),
            _c("status", VARCHAR),
            _c("reason", VARCHAR),
            _c("document_type", VARCHAR),
            _c("parsed_at", TIMESTAMP),
            _c(
                "read_by",
                VARCHAR,
                "the OCR reader of a scan (engine and model; two joined by '; ' where lines of "
                "the first's reading were taken as the second read them); NULL otherwise",
            ),
            _c(
                "reading_hash",
                VARCHAR,
                "SHA-256 of a scan's reading held as unsure (pipelines.parse.held); NULL otherwise",
            ),
            _c("released_by", VARCHAR, "review_id of the release that let a held reading land"),
            _c(
                "unsure_names",
                VARCHAR,
                "a scan held on its names alone or landed on its own checks: district, year, "
                "the names held as read (none when landed; with a row's measure type the rows' "
                "order told, or the range its place allows, '1-3'), the names that passed and "
                "the held agreement projects read "
                "with no bullet (JSON)",
            ),
            _c(
                "names_confirmed_by",
                VARCHAR,
                "sha256s of the documents whose names confirmed them (pipelines.parse.confirm)",
            ),
            _c(
                "names_corrected",
                VARCHAR,
                "names read in a typical misreading, taken as those documents spell them: JSON "
                "pairs [as read, as spelled]",
            ),
        ),
    ),
    Table(
        "agreements",
        "parsed",
        "one row per agreement document (every version; staging picks the current one)",
        (
            _c("sha256", VARCHAR),
            _c("district_ags", VARCHAR),
            _c("year", INTEGER),
            _c("budget_total_eur", EUR),
            _c("ministry", VARCHAR),
            _c("ministry_short", VARCHAR),
            _c("signed_on", DATE),
            _c("budget_page", INTEGER),
            _c("budget_line", INTEGER),
            _c("district_page", INTEGER),
            _c("district_line", INTEGER),
            _c("from_scan", BOOLEAN),
        ),
    ),
    Table(
        "agreement_measures",
        "parsed",
        "agreement × measure type (all four, ``listed`` false where the document names none)",
        (
            _c("sha256", VARCHAR),
            _c("measure_type", INTEGER),
            _c("name", VARCHAR),
            _c("amount_eur", EUR),
            _c("listed", BOOLEAN),
            *_PAGE_LINE,
        ),
    ),
    Table(
        "agreement_projects",
        "parsed",
        "one row per project an agreement lists",
        (
            _c("sha256", VARCHAR),
            _c("measure_type", INTEGER),
            _c("position", INTEGER),
            _c("project_name", VARCHAR),
            _c("amount_eur", EUR),
            *_PAGE_LINE,
        ),
    ),
    Table(
        "agreement_earmarks",
        "parsed",
        "one row per earmark (Zweckbindung) of an agreement",
        (_c("sha256", VARCHAR), _c("label", VARCHAR), _c("amount_eur", EUR), *_PAGE_LINE),
    ),
    Table(
        "agreement_other_budgets",
        "parsed",
        "one row per budget beside the AQB an agreement names",
        (_c("sha256", VARCHAR), _c("label", VARCHAR), _c("amount_eur", EUR), *_PAGE_LINE),
    ),
    Table(
        "agreement_signatures",
        "parsed",
        "one row per signature of an agreement",
        (
            _c("sha256", VARCHAR),
            _c("party", VARCHAR),
            _c("place", VARCHAR),
            _c("signed_on", DATE),
            _c("signer", VARCHAR),
            _c("role", VARCHAR),
            *_PAGE_LINE,
        ),
    ),
    Table(
        "decisions",
        "parsed",
        "one row per grant decision and source file (a letter and an export may both carry it)",
        (
            _c("decision_id", VARCHAR),
            _c("sha256", VARCHAR),
            _c("decision_type", VARCHAR),
            _c("decision_date", DATE),
            _c("district_ags", VARCHAR),
            _c("year", INTEGER),
            _c("total_eur", EUR),
            _c("refers_to", VARCHAR),
            _c("used_total_eur", EUR),
            _c("reclaimed_total_eur", EUR),
            _c("source_format", VARCHAR),
            *_PAGE_LINE,
            _c("from_scan", BOOLEAN),
        ),
    ),
    Table(
        "decision_lines",
        "parsed",
        "one row per line (project) of a grant decision",
        (
            _c("decision_id", VARCHAR),
            _c("sha256", VARCHAR),
            _c("line_number", INTEGER),
            _c("project_name", VARCHAR),
            _c("measure_type", INTEGER),
            _c("provider", VARCHAR),
            _c("amount_eur", EUR),
            _c("used_eur", EUR),
            _c("reclaimed_eur", EUR),
            *_PAGE_LINE,
        ),
    ),
    Table(
        "quarantine",
        "parsed",
        "one entry per quarantined file (a tabular file with rejected rows: one entry counting them)",
        (
            _c("sha256", VARCHAR),
            _c("original_name", VARCHAR),
            _c("reason", VARCHAR),
            _c("reason_code", VARCHAR),
            _c("reason_de", VARCHAR),
            _c("reason_en", VARCHAR),
            _c("rejected_rows", INTEGER),
            _c("quarantined_at", TIMESTAMP),
            _c("district_ags", VARCHAR),
            _c("year", INTEGER),
            _c("reading_hash", VARCHAR, "a held scan reading's SHA-256 (what a release pins)"),
            _c("held_reading", VARCHAR, "a held scan reading's fields as JSON, for review"),
        ),
    ),
    Table(
        "rejected_rows",
        "parsed",
        "one row per rejected row of a tabular file",
        (_c("sha256", VARCHAR), _c("row_number", INTEGER), _c("reason", VARCHAR)),
    ),
)

# --- marts: what the dashboard and downloads read (warehouse/models/marts/<name>.sql) ---
MARTS: tuple[Table, ...] = (
    Table(
        "mart_agreement_versions",
        "mart",
        "every version of every agreement, with what changed",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("version", INTEGER),
            _c("versions", INTEGER),
            _c("is_current", BOOLEAN),
            _c("prev_version_budget_eur", EUR),
            _c("budget_total_eur", EUR),
            _c("version_change_eur", EUR),
            _c("n_projects_added", INTEGER),
            _c("projects_added", VARCHAR),
            _c("n_projects_removed", INTEGER),
            _c("projects_removed", VARCHAR),
            _c("signed_on", DATE),
            _c("first_seen_at", TIMESTAMP),
            _c("same_signature_date", BOOLEAN),
            _c("has_version_conflict", BOOLEAN),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
            _c("is_settled", BOOLEAN),
            _c("review_note", VARCHAR),
        ),
        'Withdrawn documents are left out; `has_version_conflict` (copied from `stg_agreements`) and `is_settled` give the review page its versions to settle. Version order: (corrected) signature date, then still in the inbox (a `raw_document_sightings` row without `last_seen_at`) over gone or rewritten in place, then `stg_agreements.content_fingerprint` (sha256 over the parsed fields; the larger is current on a tie, `stg_agreements.has_version_conflict` flags it until a reviewer settles); documents with equal content are one version (the smallest sha256 stands for them). Never arrival order. Shown on *Kreisprofil* ("Fassungen") and named by `aqb ingest` for agreements a run updated.',
    ),
    Table(
        "mart_check_results",
        "mart",
        "the latest result per (suite, rule, year)",
        (
            _c("suite", VARCHAR),
            _c("rule", VARCHAR),
            _c("severity", VARCHAR),
            _c("year", INTEGER),
            _c("success", BOOLEAN),
            _c("unexpected_count", INTEGER),
            _c("detail", VARCHAR),
            _c("checked_at", TIMESTAMP),
            _c("run_id", VARCHAR),
            _c("expectation", VARCHAR),
            _c("waiver_status", VARCHAR),
            _c("waiver_until", DATE),
            _c("waiver_reason", VARCHAR),
            _c("waived_by", VARCHAR),
            _c("waiver_id", VARCHAR),
        ),
        "`rule` is the German description of the rule, `expectation` the technical Great Expectations name; `waiver_status` 'waived' while a reviewer's waiver covers a failed warning, 'expired' after. The latest result per (suite, rule, year), so a one-year run does not hide the other years; only rules the suite's latest run still checked (a reworded rule shows once).",
    ),
    Table(
        "mart_completeness",
        "mart",
        "district × year: what has arrived",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("agreement_received", BOOLEAN),
            _c("decisions_received", BOOLEAN),
            _c("n_quarantined", INTEGER),
        ),
    ),
    Table(
        "mart_decision_sources",
        "mart",
        "every copy of every grant decision",
        (
            _c("decision_id", VARCHAR),
            _c("district_ags", VARCHAR),
            _c("year", INTEGER),
            _c("decision_type", VARCHAR),
            _c("decision_date", DATE),
            _c("total_eur", EUR),
            _c("used_total_eur", EUR),
            _c("reclaimed_total_eur", EUR),
            _c("source_format", VARCHAR),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
            _c("from_scan", BOOLEAN, "this copy was read by OCR from a scanned letter"),
            _c("is_chosen", BOOLEAN),
            _c("has_source_conflict", BOOLEAN),
            _c("conflict_settled", BOOLEAN),
        ),
    ),
    Table(
        "mart_decisions",
        "mart",
        "every decision event with its source",
        (
            _c("decision_id", VARCHAR),
            _c("decision_type", VARCHAR),
            _c("decision_type_name", VARCHAR),
            _c("decision_date", DATE),
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("total_eur", EUR),
            _c("used_total_eur", EUR),
            _c("reclaimed_total_eur", EUR),
            _c("refers_to", VARCHAR),
            _c("event_order", INTEGER),
            _c("is_current", BOOLEAN),
            _c("n_sources", INTEGER),
            _c("has_source_conflict", BOOLEAN),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_format", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
            _c("from_scan", BOOLEAN),
            _c("conflict_settled", BOOLEAN),
            _c("review_note", VARCHAR),
        ),
        "`conflict_settled`: a reviewer chose the source. `from_scan`: the copy used was read "
        'by OCR from a scanned letter (shown and downloaded as "Aus Scan gelesen").',
    ),
    Table(
        "mart_district_year",
        "mart",
        "one row per district × year in the data",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("district_type", VARCHAR),
            _c("regierungsbezirk", VARCHAR),
            _c("year", INTEGER),
            _c("has_agreement", BOOLEAN),
            _c("budget_total_eur", EUR),
            _c("population", BIGINT),
            _c("population_reference_date", DATE),
            _c("eur_per_inhabitant", EUR),
            _c("prev_year_budget_eur", EUR),
            _c("change_eur", EUR),
            _c("change_pct", DOUBLE),
            _c("rank_in_state", INTEGER),
            _c("rank_in_peer_group", INTEGER),
            _c("share_of_state", DOUBLE),
            _c("n_projects", INTEGER),
            _c("has_decisions", BOOLEAN),
            _c("approved_eur", EUR),
            _c("used_eur", EUR),
            _c("agreement_version", INTEGER),
            _c("agreement_versions", INTEGER),
            _c("signed_on", DATE),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
            _c("review_note", VARCHAR),
            _c("from_scan", BOOLEAN),
        ),
        '`rank_in_state`: 1 = largest budget, NULL without agreement; `rank_in_peer_group` within `district_type`. `source_*` lead to the source of the budget figure. `review_note`: a reviewer corrected a field of the current agreement or chose it among versions ("manuell korrigiert (Budget) von … am …: reason"), and the warnings a reviewer waived for the district-year while the waiver runs ("Warnung ausgenommen bis 31.12.2026 von …: reason"; revoked or expired waivers are not named).',
    ),
    Table(
        "mart_documents",
        "mart",
        "one row per registered document",
        (
            _c("sha256", VARCHAR),
            _c("original_name", VARCHAR),
            _c("size_bytes", BIGINT),
            _c("media_type", VARCHAR),
            _c("first_seen_at", TIMESTAMP),
            _c("archive_path", VARCHAR),
            _c("document_type", VARCHAR),
            _c("status", VARCHAR),
            _c("is_sample", BOOLEAN),
            _c("reason", VARCHAR),
            _c("parser_version", VARCHAR),
            _c("read_by", VARCHAR),
            _c("review_status", VARCHAR),
            _c("review_note", VARCHAR),
        ),
        '`read_by`: the OCR reader of a scan ("tesseract 5.3.0 deu", the second model with the start of its sha256: "…deu@a1b72cc25753"; two joined by "; " where one model\'s reading was mended with lines the other read), NULL for a text layer or a table. `review_status`: \'zurückgezogen\' (withdrawn, archived, out of every other mart) or \'nicht relevant\'.',
    ),
    Table(
        "mart_inbox_entries",
        "mart",
        "the Eingangsprotokoll of the last run, one row per inbox entry",
        (
            _c("relative_path", VARCHAR),
            _c("kind", VARCHAR),
            _c("size_bytes", BIGINT),
            _c("sha256", VARCHAR),
            _c("outcome", VARCHAR),
            _c("reason_code", VARCHAR),
            _c("reason_de", VARCHAR),
            _c("reason_en", VARCHAR),
            _c("reason", VARCHAR),
            _c("changed_at", TIMESTAMP),
        ),
        "`outcome`: `landed`, `duplicate`, `quarantined` or `skipped`.",
    ),
    Table(
        "mart_measure_mix",
        "mart",
        "district × year × measure type (always 4 rows per agreement)",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("measure_type", INTEGER),
            _c("measure_name", VARCHAR),
            _c("n_projects", INTEGER),
            _c("agreed_amount_eur", EUR),
            _c("approved_eur", EUR),
            _c("share_of_projects", DOUBLE),
            _c("listed", BOOLEAN),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
        ),
    ),
    Table(
        "mart_measure_money",
        "mart",
        "district × year × measure type: euros per measure type",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("measure_type", INTEGER),
            _c("measure_name", VARCHAR),
            _c("measure_amount_eur", EUR),
            _c("amount_source", VARCHAR),
            _c("share_of_district_year", DOUBLE),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
        ),
        "`amount_source` is 'agreement' where the current agreement names per-measure amounts, else 'decision' (the approved amounts of the current grant decisions). A district-year whose agreement names no per-measure amounts and that has no decision with measure lines has no rows; `measure_money_sources` names such districts per year.",
    ),
    Table(
        "mart_project_changes",
        "mart",
        "district × year: projects added, continued or ended against the previous year",
        (
            _c("district_ags", VARCHAR),
            _c("year", INTEGER),
            _c("project_name", VARCHAR),
            _c("measure_type", INTEGER),
            _c("change", VARCHAR),
        ),
    ),
    Table(
        "mart_project_matches",
        "mart",
        "every decision line with its agreement project",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("decision_id", VARCHAR),
            _c("decision_type", VARCHAR),
            _c("decision_date", DATE),
            _c("is_current_decision", BOOLEAN),
            _c("line_number", INTEGER),
            _c("measure_type", INTEGER),
            _c("project_name", VARCHAR),
            _c("provider", VARCHAR),
            _c("amount_eur", EUR),
            _c("matched_project_name", VARCHAR),
            _c("matched_measure_type", INTEGER),
            _c("score", DOUBLE),
            _c("status", VARCHAR),
            _c("status_reason", VARCHAR),
            _c("needs_review", BOOLEAN),
            _c("agreement_sha256", VARCHAR),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
            _c(
                "from_scan",
                BOOLEAN,
                "the line's decision letter or the agreement it was matched against was read "
                "by OCR from a scan",
            ),
            _c("review_status", VARCHAR),
            _c("review_note", VARCHAR),
            _c("suggested_project_name", VARCHAR),
            _c("suggested_status", VARCHAR),
        ),
        "`suggested_*` is the matcher's own result, kept beside the reviewer's (`review_status`: 'manuell bestätigt', 'manuell zugeordnet' or 'manuell abgelehnt').",
    ),
    Table(
        "mart_projects",
        "mart",
        "one row per project in a current agreement",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("measure_type", INTEGER),
            _c("position", INTEGER),
            _c("project_name", VARCHAR),
            _c("amount_eur", EUR),
            _c("continuity", VARCHAR),
            _c("source_sha256", VARCHAR),
            _c("source_name", VARCHAR),
            _c("source_page", INTEGER),
            _c("source_line", INTEGER),
        ),
    ),
    Table(
        "mart_quarantine",
        "mart",
        "one entry per quarantined file",
        (
            _c("sha256", VARCHAR),
            _c("original_name", VARCHAR),
            _c("reason_code", VARCHAR),
            _c("reason_de", VARCHAR),
            _c("reason_en", VARCHAR),
            _c("reason", VARCHAR),
            _c("rejected_rows", INTEGER),
            _c("quarantined_at", TIMESTAMP),
            _c("district_ags", VARCHAR),
            _c("year", INTEGER),
            _c("is_dismissed", BOOLEAN),
            _c("reviewer", VARCHAR),
            _c("decided_at", TIMESTAMP),
            _c("review_reason", VARCHAR),
            _c("review_note", VARCHAR),
            _c("reading_hash", VARCHAR),
            _c("held_reading", VARCHAR),
        ),
        '`reading_hash`/`held_reading`: a scan read unsure whose parser still produced a record holds that reading for review (`pipelines.parse.held`); a reviewer may release it. `reason_code` is a `pipelines.reasons.Reason`, `reason_de`/`reason_en` its texts, `reason` the English sentence with the details; a tabular file whose other rows landed has one entry with code `rejected_rows` and the count. `is_dismissed`: a reviewer marked the file "nicht relevant"; it stays listed.',
    ),
    Table(
        "mart_reconciliation",
        "mart",
        "district × year × measure type: agreed against approved and used",
        (
            _c("district_ags", VARCHAR),
            _c("district_name", VARCHAR),
            _c("year", INTEGER),
            _c("measure_type", INTEGER),
            _c("measure_name", VARCHAR),
            _c("agreed_eur", EUR),
            _c("approved_eur", EUR),
            _c("used_eur", EUR),
            _c("reclaimed_eur", EUR),
            _c("flag_approved_above_agreed", BOOLEAN),
            _c("flag_decision_without_agreement", BOOLEAN),
            _c("flag_agreement_without_decision", BOOLEAN),
            _c("flag_measure_not_in_agreement", BOOLEAN),
            _c("flag_total_approved_above_agreed", BOOLEAN),
            _c("flag_measure_approved_above_agreed", BOOLEAN),
            _c("has_flag", BOOLEAN),
            _c("agreed_total_eur", EUR),
            _c("approved_total_eur", EUR),
            _c("used_total_eur", EUR),
            _c("reclaimed_total_eur", EUR),
            _c("n_agreed_projects", INTEGER),
            _c("n_approved_lines", INTEGER),
            _c("has_agreement", BOOLEAN),
            _c("has_decisions", BOOLEAN),
            _c("current_decision_id", VARCHAR),
            _c("current_decision_type", VARCHAR),
            _c("reference_date", DATE),
            _c("agreement_sha256", VARCHAR),
            _c("agreement_source_name", VARCHAR),
            _c("decision_source_sha256", VARCHAR),
            _c(
                "from_scan",
                BOOLEAN,
                "the current agreement, the decision setting the approved state or the final "
                "decision (used, reclaimed) was read by OCR from a scan; on all rows of the "
                "district-year",
            ),
        ),
    ),
    Table(
        "mart_rejected_rows",
        "mart",
        "one row per rejected row of a tabular file",
        (
            _c("sha256", VARCHAR),
            _c("original_name", VARCHAR),
            _c("row_number", INTEGER),
            _c("reason", VARCHAR),
        ),
    ),
    Table(
        "mart_review_decisions",
        "mart",
        "the audit trail: every review decision ever recorded",
        (
            _c("log_line", INTEGER),
            _c("review_id", VARCHAR),
            _c("kind", VARCHAR),
            _c("kind_name", VARCHAR),
            _c("target_key", VARCHAR),
            _c("reviewer", VARCHAR),
            _c("decided_at", TIMESTAMP),
            _c("reason", VARCHAR),
            _c("replaces", VARCHAR),
            _c("revoked_by", VARCHAR),
            _c("state", VARCHAR),
            _c("sha256", VARCHAR),
            _c("decision_id", VARCHAR),
            _c("line_number", INTEGER),
            _c("district_ags", VARCHAR),
            _c("year", INTEGER),
            _c("suite", VARCHAR),
            _c("field", VARCHAR),
            _c("revokes", VARCHAR),
            _c("project_name", VARCHAR),
            _c("chosen_sha256", VARCHAR),
            _c("new_value", VARCHAR),
            _c("valid_until", DATE),
            _c("target_json", VARCHAR),
            _c("payload_json", VARCHAR),
            _c("previous_json", VARCHAR),
        ),
        "`state`: 'in Kraft', 'ersetzt', 'widerrufen', 'abgelaufen' or 'Widerruf'; the target's fields are flattened into their own columns.",
    ),
    Table(
        "mart_state_year",
        "mart",
        "one row per year",
        (
            _c("year", INTEGER),
            _c("budget_total_eur", EUR),
            _c("prev_year_budget_eur", EUR),
            _c("change_eur", EUR),
            _c("change_pct", DOUBLE),
            _c("n_districts_comparable", INTEGER),
            _c("lfl_budget_eur", EUR),
            _c("lfl_prev_year_budget_eur", EUR),
            _c("lfl_change_eur", EUR),
            _c("lfl_change_pct", DOUBLE),
            _c("n_districts", INTEGER),
            _c("n_districts_with_agreement", INTEGER),
            _c("n_districts_with_decisions", INTEGER),
            _c("districts_missing", VARCHAR),
            _c("districts_not_comparable", VARCHAR),
            _c("n_projects", INTEGER),
            _c("published_figure_eur", EUR),
            _c("published_figure_source", VARCHAR),
            _c("deviation_from_published_pct", DOUBLE),
        ),
        "Raw totals (`budget_total_eur`, `change_*`) cover whatever districts each year holds; `lfl_*` is like for like, over districts with an agreement in both years. The dashboard's headline change and the briefing use `lfl_change_*`; the raw totals stand beside it, and the missing districts are named, so a missing agreement never reads as a cut.",
    ),
)

# --- reference data: ``ref_*`` tables, replaced on every ingest and copied into every snapshot ---
# The first seven are loaded from the shipped CSVs (``pipelines/reference/data/``, same columns in
# the same order), the last two from the enums ``DocumentType`` and ``Reason``. Created by
# ``warehouse/migrations/001_reference.sql`` and ``013_coded_values.sql``.
REFERENCE_TABLES: tuple[Table, ...] = (
    Table(
        "ref_districts",
        "reference",
        "one row per district (Landkreis or kreisfreie Stadt)",
        (
            _c("district_ags", VARCHAR),
            _c("official_name", VARCHAR),
            _c("destatis_name", VARCHAR),
            _c("district_type", VARCHAR),
            _c("regierungsbezirk", VARCHAR),
            _c("nuts3", VARCHAR),
            _c("seat", VARCHAR),
            _c("seat_confirmed", BOOLEAN),
            _c("valid_from", DATE, "Hier: seit wann der Kreis so besteht."),
            _c("valid_to", DATE, "Hier: bis wann der Kreis so bestand (leer: besteht noch)."),
        ),
        "From `districts.csv`; a bench corpus's extra districts (`AQB_EXTRA_DISTRICTS`) are added"
        " on load. The dashboard's tile positions live beside it in `district_tiles.csv`, which is"
        " not loaded.",
    ),
    Table(
        "ref_district_population",
        "reference",
        "district × reference date: its population",
        (
            _c("district_ags", VARCHAR),
            _c("population", BIGINT),
            _c("reference_date", DATE, "Hier: Stichtag der Einwohnerzahl."),
            _c("source", VARCHAR),
        ),
    ),
    Table(
        "ref_district_name_forms",
        "reference",
        "one row per way a document may name a district",
        (
            _c("district_ags", VARCHAR),
            _c("name_form", VARCHAR),
            _c("grammatical_case", VARCHAR),
        ),
        "The parsers resolve a district from these forms, longest first.",
    ),
    Table(
        "ref_measure_types",
        "reference",
        "one row per measure type (1 to 4)",
        (
            _c("measure_type", INTEGER),
            _c("name", VARCHAR, "Hier: die geltende amtliche Bezeichnung der Maßnahmenart."),
            _c("short_name_de", VARCHAR),
        ),
    ),
    Table(
        "ref_measure_type_names",
        "reference",
        "one row per wording of a measure type, current or older",
        (
            _c("measure_type", INTEGER),
            _c("name_form", VARCHAR, "Hier: eine Bezeichnung der Maßnahmenart."),
            _c("period", VARCHAR),
        ),
    ),
    Table(
        "ref_ministries",
        "reference",
        "one row per period of the labour ministry's name and minister",
        (
            _c("valid_from", DATE, "Hier: Beginn des Zeitraums."),
            _c("valid_to", DATE, "Hier: Ende des Zeitraums (leer: bis heute)."),
            _c("name", VARCHAR, "Hier: Name des Ministeriums."),
            _c("short_name", VARCHAR),
            _c("minister", VARCHAR),
            _c("minister_role", VARCHAR),
            _c("note", VARCHAR),
        ),
    ),
    Table(
        "ref_published_figures",
        "reference",
        "one row per published figure (state total, district budget, earmark) and year",
        (
            _c("scope", VARCHAR),
            _c("district_ags", VARCHAR, "Hier: leer bei Landeswerten."),
            _c("year", INTEGER),
            _c("amount_eur", EUR, "Hier: der veröffentlichte Betrag."),
            _c("description", VARCHAR),
            _c("source", VARCHAR),
            _c("confirmed", BOOLEAN),
        ),
        "`mart_state_year.published_figure_*` and the statewide-totals check compare against the"
        " `state` rows.",
    ),
    Table(
        "ref_document_types",
        "reference",
        "one row per document type code (`DocumentType`)",
        (
            _c("document_type", VARCHAR, "Hier: die Kennung (`agreement`, `grant_decision`)."),
            _c("name_de", VARCHAR),
            _c("name_en", VARCHAR),
        ),
    ),
    Table(
        "ref_quarantine_reasons",
        "reference",
        "one row per quarantine reason code (`pipelines.reasons.Reason`)",
        (
            _c("reason_code", VARCHAR),
            _c("reason_de", VARCHAR),
            _c("reason_en", VARCHAR),
        ),
    ),
)

# --- the one-row table every published snapshot carries (statements/publish/snapshot_info.sql) ---
SNAPSHOT_INFO = Table(
    "snapshot_info",
    "snapshot",
    "one row: the snapshot itself",
    (
        _c("snapshot_id", VARCHAR),
        _c("published_at", TIMESTAMP),
        _c("run_id", VARCHAR, "Hier: der Lauf, der den Stand veröffentlicht hat."),
        _c("is_sample", BOOLEAN, "Hier: Ja, wenn der Stand aus dem Beispielkorpus stammt."),
        _c("last_ingest_at", TIMESTAMP),
        _c("last_successful_validation_at", TIMESTAMP),
        _c("data_docs_path", VARCHAR),
    ),
    "Written by `pipelines/publish/snapshot.py` into each snapshot; the dashboard and `aqb"
    " export` read it. Timestamps are UTC.",
)

TABLES: dict[str, Table] = {
    table.name: table for table in (*PARSED_TABLES, *MARTS, *REFERENCE_TABLES, SNAPSHOT_INFO)
}
