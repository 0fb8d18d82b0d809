"""Why a document (or a row, or an inbox entry) did not land: one code per reason, each with a
German text for users and an English text for engineers.

The code is decided where the reason arises (``QuarantineError(..., code=Reason.X)``, the inbox
walk, the parse worker's limits) and stored in the warehouse beside both texts, so the dashboard
and every download show the German reason without re-reading the English sentence. The English
sentence with the details (page, line, amounts) stays in ``reason``.

Nothing beyond the standard library and ``pipelines.codes``: parsers, the ingest, exports and the
dashboard all use it.
"""

from __future__ import annotations

from pipelines.codes import BilingualCode


class Reason(BilingualCode):
    """A reason code (the enum's value, stored in ``reason_code``) with ``de`` and ``en`` texts."""

    # --- what a document is not -------------------------------------------------------------
    NOT_AN_AGREEMENT = (
        "not_an_agreement",
        "Keine Zielvereinbarung (z. B. Pressemitteilung)",
        "Not an agreement (e.g. a press release)",
    )
    NOT_AN_AQB_AGREEMENT = (
        "not_an_aqb_agreement",
        "Keine AQB-Zielvereinbarung",
        "Not an AQB agreement",
    )
    NOT_A_GRANT_DECISION = (
        "not_a_grant_decision",
        "Kein Zuwendungsbescheid",
        "Not a grant decision",
    )
    UNRECOGNISED_DOCUMENT = (
        "unrecognised_document",
        "Nicht erkanntes Dokument",
        "Unrecognised document",
    )
    UNSUPPORTED_FILE_TYPE = (
        "unsupported_file_type",
        "Nicht unterstütztes Dateiformat",
        "Unsupported file type",
    )
    NOT_A_TEXT_DOCUMENT = (
        "not_a_text_document",
        "Keine Textdatei (Binärdaten)",
        "Not a text document (binary data)",
    )
    DRAFT = ("draft", "Entwurf (nicht unterzeichnet)", "Draft (not signed)")
    # --- damaged or empty files -------------------------------------------------------------
    EMPTY_FILE = ("empty_file", "Leere Datei", "Empty file")
    EMPTY_DOCUMENT = ("empty_document", "Leeres Dokument", "Empty document")
    EMPTY_PDF = ("empty_pdf", "Leere PDF", "Empty PDF")
    SCANNED_PDF = (
        "scanned_pdf",
        "Gescannte PDF ohne Textebene",
        "Scanned PDF without a text layer",
    )
    SCAN_UNSURE = (
        "scan_unsure",
        "Scan unsicher gelesen (Prüfung nötig)",
        "Scan read with uncertainty (needs review)",
    )
    CORRUPT_PDF = (
        "corrupt_pdf",
        "Beschädigte oder unvollständige PDF",
        "Truncated or corrupt PDF",
    )
    TRUNCATED_DOCUMENT = ("truncated_document", "Unvollständiges Dokument", "Truncated document")
    BAD_ENCODING = (
        "bad_encoding",
        "Zeichenkodierung nicht lesbar",
        "Unreadable character encoding",
    )
    # --- contents that contradict or are missing --------------------------------------------
    UNKNOWN_DISTRICT = ("unknown_district", "Unbekannte Gebietskörperschaft", "Unknown district")
    YEAR_CONTRADICTION = (
        "year_contradiction",
        "Widersprüchliches Haushaltsjahr",
        "Contradictory budget year",
    )
    NO_BUDGET_YEAR = ("no_budget_year", "Kein Haushaltsjahr angegeben", "No budget year")
    NO_AMOUNT = ("no_amount", "Kein Budgetbetrag angegeben", "No budget amount")
    AMBIGUOUS_AMOUNT = ("ambiguous_amount", "Mehrdeutiger Betrag", "Ambiguous amount")
    AMBIGUOUS_MEASURE_LIST = (
        "ambiguous_measure_list",
        "Mehrdeutige Maßnahmenliste",
        "Ambiguous measure list",
    )
    MISSING_MEASURE_SECTION = (
        "missing_measure_section",
        "Maßnahmenteil fehlt",
        "Missing measure section",
    )
    SEVERAL_AGREEMENTS = (
        "several_agreements",
        "Mehrere Vereinbarungen in einer Datei",
        "Several agreements in one file",
    )
    INCOMPLETE_DECISION = (
        "incomplete_decision",
        "Unvollständiger Bescheid",
        "Incomplete grant decision",
    )
    DECISION_DATE_UNREADABLE = (
        "decision_date_unreadable",
        "Bescheiddatum nicht lesbar",
        "Decision date unreadable",
    )
    INCONSISTENT_TOTALS = (
        "inconsistent_totals",
        "Widersprüchliche Summen",
        "Totals contradict the rows",
    )
    BAD_PROJECT_ROW = ("bad_project_row", "Fehlerhafte Projektzeile", "Bad project row")
    BAD_DECISION_EXPORT = (
        "bad_decision_export",
        "Fehlerhafter Bescheid-Export",
        "Malformed decision export",
    )
    NO_USABLE_ROWS = ("no_usable_rows", "Keine verwertbaren Zeilen", "No usable rows")
    REJECTED_ROWS = (
        "rejected_rows",
        "Einzelne Zeilen abgelehnt",
        "Some rows rejected",
    )
    DUPLICATE_ROW = (
        "duplicate_row",
        "Doppelte Zeile (Bescheid mehrfach in der Datei)",
        "Duplicate row (decision repeated in the file)",
    )
    # --- limits (pipelines.config) ----------------------------------------------------------
    FILE_TOO_LARGE = ("file_too_large", "Datei zu groß", "File too large")
    TOO_MANY_ROWS = ("too_many_rows", "Zu viele Zeilen", "Too many rows")
    XLSX_TOO_LARGE = (
        "xlsx_too_large",
        "XLSX entpackt zu groß",
        "XLSX too large when unpacked",
    )
    LINE_TOO_LONG = ("line_too_long", "Zeile zu lang", "Line too long")
    TIME_LIMIT = ("time_limit", "Zeitlimit überschritten", "Time limit exceeded")
    MEMORY_LIMIT = ("memory_limit", "Speicherlimit überschritten", "Memory limit exceeded")
    WORKER_DIED = (
        "worker_died",
        "Verarbeitung abgebrochen (Prozess beendet)",
        "Parse worker died",
    )
    # --- failures of the machinery ----------------------------------------------------------
    PARSER_ERROR = ("parser_error", "Fehler im Einleseprogramm", "Parser error")
    ARCHIVE_UNREADABLE = (
        "archive_unreadable",
        "Archivkopie nicht lesbar",
        "Archived copy unreadable",
    )
    # --- inbox entries that are skipped, not read --------------------------------------------
    SYMLINK = ("symlink", "Verknüpfung", "Symbolic link (not followed)")
    SPECIAL_FILE = (
        "special_file",
        "Sonderdatei (FIFO, Gerät, Socket)",
        "Special file (FIFO, device, socket)",
    )
    HIDDEN_NAME = ("hidden_name", "Versteckter Name (beginnt mit Punkt)", "Hidden name (dot)")
    UNREADABLE = ("unreadable", "Nicht lesbar (keine Berechtigung)", "Unreadable (permission)")
    STILL_BEING_WRITTEN = (
        "still_being_written",
        "Wird noch geschrieben",
        "Still being written",
    )
    VANISHED = ("vanished", "Während des Einlesens verschwunden", "Vanished during the scan")
    CORPUS_DESCRIPTION = (
        "corpus_description",
        "Beschreibung des Beispielkorpus (kein Dokument)",
        "Corpus description file (no document)",
    )
    UNCLASSIFIED = ("unclassified", "Sonstiger Grund", "Other reason")


def reason_from_code(code: str | None) -> Reason:
    """The member for a stored code; unknown or missing codes (older rows) are ``UNCLASSIFIED``."""
    try:
        return Reason(code or Reason.UNCLASSIFIED.value)
    except ValueError:
        return Reason.UNCLASSIFIED
