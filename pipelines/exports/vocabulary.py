"""German names for the codes the marts store in English, shared by the dashboard and downloads.

The warehouse keeps engineer-facing codes (``first``, ``letter``, ``warning``) and English
quarantine reasons; users of the dashboard and of CSV/XLSX files read German, so every code is
translated at the export column layer, once, and the same words appear on screen and in files.
"""

from __future__ import annotations

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
DOCUMENT_TYPES_DE: dict[str, str] = {
    "agreement": "Zielvereinbarung",
    "decision": "Zuwendungsbescheid",
}
BOOL_DE: dict[bool, str] = {True: "Ja", False: "Nein"}

# Quarantine reasons start with a short English category ("Scanned PDF, no text layer: ...");
# the prefix decides the German category a user sees beside the full technical reason.
# Longer prefixes are listed before shorter ones they contain ("Not an AQB agreement" before
# "Not an agreement" would not matter, but "Empty PDF" must win over "Empty").
QUARANTINE_CATEGORIES_DE: tuple[tuple[str, str], ...] = (
    ("Not an agreement", "Keine Zielvereinbarung (z. B. Pressemitteilung)"),
    ("Not an AQB agreement", "Keine AQB-Zielvereinbarung"),
    ("Not a grant decision", "Kein Zuwendungsbescheid"),
    ("Not a text document", "Keine Textdatei (Binärdaten)"),
    ("Scanned PDF", "Gescannte PDF ohne Textebene"),
    ("Truncated or corrupt PDF", "Beschädigte oder unvollständige PDF"),
    ("Corrupt PDF", "Beschädigte PDF"),
    ("Empty PDF", "Leere PDF"),
    ("Empty file", "Leere Datei"),
    ("Empty document", "Leeres Dokument"),
    ("Truncated document", "Unvollständiges Dokument"),
    ("Unknown district", "Unbekannte Gebietskörperschaft"),
    ("The addressee", "Unbekannte Gebietskörperschaft"),
    ("Year contradiction", "Widersprüchliches Haushaltsjahr"),
    ("No budget year", "Kein Haushaltsjahr angegeben"),
    ("No amount", "Kein Budgetbetrag angegeben"),
    ("Ambiguous amount", "Mehrdeutiger Betrag"),
    ("Ambiguous measure list", "Mehrdeutige Maßnahmenliste"),
    ("Missing measure section", "Maßnahmenteil fehlt"),
    ("Several agreements in one file", "Mehrere Vereinbarungen in einer Datei"),
    ("Draft", "Entwurf (nicht unterzeichnet)"),
    ("Unrecognised document", "Nicht erkanntes Dokument"),
    ("Unsupported file type", "Nicht unterstütztes Dateiformat"),
    ("No usable rows", "Keine verwertbaren Zeilen"),
    ("The project row", "Fehlerhafte Projektzeile"),
    ("Row ", "Abgelehnte Zeile"),
    ("The decision export", "Fehlerhafter Bescheid-Export"),
    ("The CSV export", "Fehlerhafter CSV-Export"),
    ("The XLSX export", "Fehlerhafter XLSX-Export"),
    ("The media type", "Nicht unterstütztes Dateiformat"),
    ("The decision letter", "Unvollständiger Bescheid"),
    ("The decision date", "Bescheiddatum nicht lesbar"),
    ("The final decision", "Unvollständiger Schlussbescheid"),
    ("The used total", "Widersprüchliche Verwendungssumme"),
    ("The document has no text", "Dokument ohne Text"),
)
QUARANTINE_FALLBACK_DE = "Sonstiger Grund"


def quarantine_category(reason: str | None) -> str:
    """The German category of an English quarantine reason, by its prefix."""
    text = (reason or "").strip()
    lowered = text.lower()
    for prefix, category in sorted(QUARANTINE_CATEGORIES_DE, key=lambda item: -len(item[0])):
        if lowered.startswith(prefix.lower()):
            return category
    return QUARANTINE_FALLBACK_DE
