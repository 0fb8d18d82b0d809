"""German names for the codes the warehouse stores in English, shared by the dashboard and downloads.

The warehouse keeps engineer-facing codes (``first``, ``letter``, ``warning``); quarantine
reasons carry their German text from ``pipelines.reasons`` already. Users of the dashboard and of CSV/XLSX files read German, so every code is
translated at the export column layer, once, and the same words appear on screen and in files.
"""

from __future__ import annotations

from pipelines.codes import BilingualCode


class DocumentType(BilingualCode):
    """What a parsed document is: the code (stored in ``parse_results.document_type``) with a
    German text for users and an English one for engineers, like ``pipelines.reasons.Reason``."""

    AGREEMENT = ("agreement", "Zielvereinbarung", "Target agreement")
    GRANT_DECISION = ("grant_decision", "Zuwendungsbescheid", "Grant decision")


DECISION_TYPES_DE: dict[str, str] = {
    "first": "Zuwendungsbescheid",
    "amendment": "Änderungsbescheid",
    "final": "Schlussbescheid",
    "revocation": "Widerrufsbescheid",
}
SOURCE_FORMATS_DE: dict[str, str] = {
    "letter": "Bescheid (Brief)",
    "csv": "CSV-Export",
    "xlsx": "XLSX-Export",
    "pdf": "PDF",
    "txt": "Textdatei",
}
SEVERITIES_DE: dict[str, str] = {"warning": "Warnung", "error": "Fehler", "info": "Hinweis"}
DOCUMENT_STATUS_DE: dict[str, str] = {"ok": "übernommen", "quarantined": "zurückgestellt"}
DOCUMENT_TYPES_DE: dict[str, str] = {member.value: member.de for member in DocumentType}
BOOL_DE: dict[bool, str] = {True: "Ja", False: "Nein"}
ENTRY_KINDS_DE: dict[str, str] = {
    "file": "Datei",
    "folder": "Ordner",
    "symlink": "Verknüpfung",
    "special": "Sonderdatei",
}
ENTRY_OUTCOMES_DE: dict[str, str] = {
    "landed": "übernommen",
    "duplicate": "Duplikat",
    "quarantined": "zurückgestellt",
    "skipped": "übersprungen",
    "registered": "registriert, noch nicht gelesen",
}

# Where a per-measure amount comes from (mart_measure_money.amount_source).
AMOUNT_SOURCES_DE: dict[str, str] = {
    "agreement": "Zielvereinbarung",
    "decision": "Zuwendungsbescheid (bewilligt)",
}

# German names of the quality check suites (pipelines/quality/suites.py; technical name kept in
# the downloads' "Technische Regel" column and in Data Docs).
SUITES_DE: dict[str, str] = {
    "parsed_agreements": "Eingelesene Zielvereinbarungen",
    "mart_schemas": "Aufbau der Auswertungstabellen",
    "current_agreements": "Eine gültige Vereinbarung je Kreis und Jahr",
    "measure_mix": "Beträge je Maßnahmenart",
    "signature_dates": "Unterschriftsdaten",
    "decisions_within_agreement": "Bescheide im Rahmen der Vereinbarung",
    "statewide_totals": "Landessumme gegen veröffentlichte Werte",
}
