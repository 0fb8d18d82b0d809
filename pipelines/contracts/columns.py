"""The data dictionary: every column name of the warehouse's contracts and of the downloads, with
its German header, how its values are written and what it means.

One dictionary serves the table contracts (``pipelines.contracts.tables``, ``docs/data_model.md``),
the dashboard tables, the CSV/XLSX writers and the "Datenwörterbuch" sheet
(``pipelines.exports.columns``), so a column is explained once and reads the same everywhere.
A column name means the same in every table that has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pipelines.contracts.vocabulary import (
    AMOUNT_SOURCES_DE,
    DECISION_TYPES_DE,
    DOCUMENT_STATUS_DE,
    DOCUMENT_TYPES_DE,
    ENTRY_KINDS_DE,
    ENTRY_OUTCOMES_DE,
    SEVERITIES_DE,
    SOURCE_FORMATS_DE,
    SUITES_DE,
)

# How a value is written: 'key' stays text (leading zero), 'eur' money, 'pct' a value already in
# percent (12.3 = 12,3 %), 'share' a fraction (0.123 = 12,3 %), 'int'/'float' plain numbers.
ColumnKind = Literal[
    "key", "text", "int", "float", "eur", "pct", "share", "date", "datetime", "bool"
]


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    header_de: str
    kind: ColumnKind
    description_de: str
    # German names of the codes the mart stores (decision types, formats, severities); applied
    # when a table is built, so screen and files show the same German words
    values_de: Mapping[str, str] | None = None


def _spec(
    name: str,
    header_de: str,
    kind: ColumnKind,
    description_de: str,
    values_de: Mapping[str, str] | None = None,
) -> ColumnSpec:
    return ColumnSpec(name, header_de, kind, description_de, values_de)


_SPECS: tuple[ColumnSpec, ...] = (
    _spec(
        "district_ags",
        "Kreisschlüssel",
        "key",
        "Fünfstelliger amtlicher Kreisschlüssel (AGS), als Text mit führender Null.",
    ),
    _spec(
        "district_name",
        "Gebietskörperschaft",
        "text",
        "Name des Landkreises bzw. der kreisfreien Stadt.",
    ),
    _spec("district_type", "Typ", "text", "Landkreis oder kreisfreie Stadt (Vergleichsgruppe)."),
    _spec(
        "regierungsbezirk",
        "Regierungsbezirk",
        "text",
        "Regierungsbezirk (Darmstadt, Gießen, Kassel).",
    ),
    _spec("year", "Jahr", "int", "Haushaltsjahr der Zielvereinbarung bzw. des Bescheids."),
    _spec(
        "has_agreement",
        "Zielvereinbarung liegt vor",
        "bool",
        "Ja, wenn für Kreis und Jahr eine gültige Zielvereinbarung vorliegt.",
    ),
    _spec(
        "budget_total_eur",
        "Budget (€)",
        "eur",
        "AQB-Budget laut aktueller Zielvereinbarung in Euro.",
    ),
    _spec("population", "Einwohner", "int", "Einwohnerzahl zum angegebenen Stichtag."),
    _spec(
        "population_reference_date",
        "Stichtag Einwohner",
        "date",
        "Stichtag der verwendeten Einwohnerzahl.",
    ),
    _spec(
        "eur_per_inhabitant",
        "€ je Einwohner",
        "eur",
        "Budget geteilt durch die Einwohnerzahl zum Stichtag.",
    ),
    _spec(
        "prev_year_budget_eur",
        "Budget Vorjahr (€)",
        "eur",
        "Budget des Vorjahres in Euro (leer ohne Vorjahresvereinbarung).",
    ),
    _spec(
        "change_eur",
        "Veränderung zum Vorjahr (€)",
        "eur",
        "Budget minus Budget des Vorjahres in Euro (landesweit: Rohsummen über alle vorliegenden Kreise).",
    ),
    _spec(
        "change_pct",
        "Veränderung zum Vorjahr (%)",
        "pct",
        "Veränderung zum Vorjahr in Prozent des Vorjahresbudgets.",
    ),
    _spec(
        "rank_in_state",
        "Rang in Hessen",
        "int",
        "Rang nach Budget unter allen Kreisen mit Zielvereinbarung (1 = größtes Budget).",
    ),
    _spec(
        "rank_in_peer_group",
        "Rang in Vergleichsgruppe",
        "int",
        "Rang nach Budget innerhalb der Vergleichsgruppe (Landkreise bzw. kreisfreie Städte).",
    ),
    _spec(
        "share_of_state",
        "Anteil an Hessen (%)",
        "share",
        "Anteil des Budgets an der Summe aller Kreise im Jahr.",
    ),
    _spec("n_projects", "Anzahl Projekte", "int", "Zahl der Projekte in der Zielvereinbarung."),
    _spec(
        "has_decisions",
        "Bescheide liegen vor",
        "bool",
        "Ja, wenn Zuwendungsbescheide des RP Kassel vorliegen.",
    ),
    _spec(
        "approved_eur",
        "Bewilligt (€)",
        "eur",
        "Laut Zuwendungsbescheid(en) bewilligter Betrag in Euro.",
    ),
    _spec("used_eur", "Verwendet (€)", "eur", "Laut Schlussbescheid verwendeter Betrag in Euro."),
    _spec(
        "agreement_version", "Fassung", "int", "Fassung der Zielvereinbarung (1 = erste Fassung)."
    ),
    _spec(
        "agreement_versions",
        "Anzahl Fassungen",
        "int",
        "Zahl der vorliegenden Fassungen der Zielvereinbarung.",
    ),
    _spec(
        "signed_on", "Unterzeichnet am", "date", "Datum der Unterzeichnung der Zielvereinbarung."
    ),
    _spec(
        "source_sha256",
        "Quelldokument (SHA-256)",
        "text",
        "Prüfsumme des Quelldokuments; damit lässt sich das Original abrufen.",
    ),
    _spec("source_name", "Quelldokument", "text", "Dateiname des Quelldokuments."),
    _spec(
        "from_scan",
        "Aus Scan gelesen",
        "bool",
        "Ja, wenn die Zahlen per Texterkennung (OCR) aus einem gescannten Original gelesen "
        "wurden; gegengeprüft, aber ohne Textebene im Original.",
    ),
    _spec("source_page", "Seite", "int", "Seite im Quelldokument, auf der die Angabe steht."),
    _spec(
        "source_line",
        "Zeile",
        "int",
        "Zeile auf der Seite bzw. in der Datei, in der die Angabe steht.",
    ),
    _spec(
        "source_format",
        "Format",
        "text",
        "Form des Quelldokuments: Bescheid (Brief), CSV- oder XLSX-Export des Fördersystems.",
        SOURCE_FORMATS_DE,
    ),
    _spec(
        "has_source_conflict",
        "Quellen widersprüchlich",
        "bool",
        "Ja, wenn Bescheid und Export des Fördersystems zum selben Aktenzeichen verschiedene "
        "Angaben machen; maßgeblich ist der Bescheid.",
    ),
    _spec(
        "measure_type",
        "Maßnahmenart (Nr.)",
        "int",
        "Nummer der Maßnahmenart (1 bis 4) wie in den Zielvereinbarungen.",
    ),
    _spec("measure_name", "Maßnahmenart", "text", "Kurzbezeichnung der Maßnahmenart."),
    _spec(
        "agreed_amount_eur",
        "Vereinbart (€)",
        "eur",
        "In der Zielvereinbarung für die Maßnahmenart genannter Betrag (leer, wenn nicht angegeben).",
    ),
    _spec(
        "share_of_projects",
        "Anteil an Projekten (%)",
        "share",
        "Anteil der Projekte dieser Maßnahmenart an allen Projekten des Kreises im Jahr.",
    ),
    _spec("position", "Position", "int", "Nummer des Projekts innerhalb der Maßnahmenart."),
    _spec("project_name", "Projekt", "text", "Bezeichnung des Projekts laut Zielvereinbarung."),
    _spec(
        "amount_eur",
        "Betrag (€)",
        "eur",
        "Für das Projekt genannter Betrag in Euro (leer, wenn nicht angegeben).",
    ),
    _spec(
        "continuity",
        "Neu/fortgeführt",
        "text",
        "Ob das Projekt neu ist oder aus dem Vorjahr fortgeführt wird.",
    ),
    _spec(
        "change",
        "Veränderung",
        "text",
        "Projekt neu, fortgeführt oder beendet gegenüber dem Vorjahr.",
    ),
    _spec(
        "agreed_eur",
        "Vereinbart (€)",
        "eur",
        "Laut Zielvereinbarung vereinbarter Betrag in Euro (je Maßnahmenart leer, wenn die Vereinbarung dafür keinen Betrag nennt).",
    ),
    _spec(
        "agreed_total_eur",
        "Vereinbart gesamt (€)",
        "eur",
        "Gesamtbudget der Zielvereinbarung für Kreis und Jahr in Euro.",
    ),
    _spec(
        "agreed_prev_year_eur",
        "Vereinbart Vorjahr (€)",
        "eur",
        "Im Vorjahr für die Maßnahmenart vereinbarter Betrag (leer, wenn nicht angegeben).",
    ),
    _spec(
        "agreed_change_eur",
        "Verschiebung (€)",
        "eur",
        "Vereinbarter Betrag minus Vorjahresbetrag; nur wenn beide Jahre einen Betrag nennen.",
    ),
    _spec(
        "comparison_note",
        "Vergleichbarkeit",
        "text",
        "Ob sich die Beträge beider Jahre vergleichen lassen.",
    ),
    _spec(
        "reclaimed_eur",
        "Zurückgefordert (€)",
        "eur",
        "Laut Schlussbescheid zurückgeforderter Betrag in Euro.",
    ),
    _spec(
        "flag_approved_above_agreed",
        "Bewilligt über Vereinbarung",
        "bool",
        "Ja, wenn mehr bewilligt als vereinbart wurde.",
    ),
    _spec(
        "flag_decision_without_agreement",
        "Bescheid ohne Vereinbarung",
        "bool",
        "Ja, wenn ein Bescheid ohne passende Zielvereinbarung vorliegt.",
    ),
    _spec(
        "flag_agreement_without_decision",
        "Vereinbarung ohne Bescheid",
        "bool",
        "Ja, wenn zur Zielvereinbarung kein Bescheid vorliegt.",
    ),
    _spec(
        "flag_measure_not_in_agreement",
        "Maßnahmenart nicht vereinbart",
        "bool",
        "Ja, wenn bewilligt wurde, was die Vereinbarung nicht vorsieht.",
    ),
    _spec("decision_id", "Bescheid", "text", "Kennung des Bescheids (Aktenzeichen)."),
    _spec(
        "decision_type",
        "Bescheidart",
        "text",
        "Art des Bescheids: Zuwendungs-, Änderungs-, Schluss- oder Widerrufsbescheid.",
        DECISION_TYPES_DE,
    ),
    _spec("decision_date", "Bescheiddatum", "date", "Datum des Bescheids."),
    _spec(
        "total_eur", "Betrag Bescheid (€)", "eur", "Im Bescheid bewilligter Gesamtbetrag in Euro."
    ),
    _spec(
        "used_total_eur",
        "Verwendet gesamt (€)",
        "eur",
        "Laut Bescheid insgesamt verwendeter Betrag in Euro.",
    ),
    _spec(
        "reclaimed_total_eur",
        "Zurückgefordert gesamt (€)",
        "eur",
        "Laut Bescheid insgesamt zurückgeforderter Betrag in Euro.",
    ),
    _spec(
        "refers_to",
        "Bezieht sich auf",
        "text",
        "Bescheid, den dieser Bescheid ändert oder abschließt.",
    ),
    _spec(
        "agreement_received",
        "Zielvereinbarung eingegangen",
        "bool",
        "Ja, wenn eine Zielvereinbarung für Kreis und Jahr vorliegt.",
    ),
    _spec(
        "decisions_received",
        "Bescheide eingegangen",
        "bool",
        "Ja, wenn Bescheide für Kreis und Jahr vorliegen.",
    ),
    _spec(
        "n_quarantined",
        "Zurückgestellte Dateien",
        "int",
        "Zahl der Dateien dieses Kreises und Jahres in Quarantäne.",
    ),
    _spec("sha256", "SHA-256", "text", "Prüfsumme der Datei."),
    _spec("original_name", "Dateiname", "text", "Dateiname bei Eingang."),
    _spec("row_number", "Zeile", "int", "Abgelehnte Zeile der Tabellendatei (1 = erste Zeile)."),
    _spec("reason_de", "Grund", "text", "Warum die Datei zurückgestellt wurde."),
    _spec("reason_en", "Grund (englisch)", "text", "Der Grund in englischer Sprache."),
    _spec("reason_code", "Grund-Code", "text", "Kennung des Grundes (pipelines/reasons.py)."),
    _spec(
        "rejected_rows",
        "Abgelehnte Zeilen",
        "int",
        "Zahl der abgelehnten Zeilen einer Tabellendatei (Einzelheiten: Abgelehnte Zeilen).",
    ),
    _spec(
        "reason",
        "Technischer Grund",
        "text",
        "Warum die Datei bzw. Zeile zurückgestellt wurde (Wortlaut der Prüfung, englisch).",
    ),
    _spec(
        "sha256_short",
        "Prüfsumme (Anfang)",
        "text",
        "Die ersten 12 Zeichen der SHA-256-Prüfsumme der Datei.",
    ),
    _spec(
        "quarantined_at",
        "Zurückgestellt am (Ortszeit Berlin)",
        "datetime",
        "Zeitpunkt der Zurückstellung, Ortszeit Europe/Berlin (MEZ/MESZ).",
    ),
    _spec(
        "suite",
        "Prüfsuite",
        "text",
        "Gruppe von Prüfregeln (Great Expectations Suite).",
        SUITES_DE,
    ),
    _spec("rule", "Regel", "text", "Geprüfte Regel."),
    _spec("expectation", "Technische Regel", "text", "Name der Regel in Great Expectations."),
    _spec(
        "severity",
        "Schwere",
        "text",
        "Fehler = Veröffentlichung gesperrt, Warnung = Hinweis.",
        SEVERITIES_DE,
    ),
    _spec("success", "Bestanden", "bool", "Ja, wenn die Regel erfüllt ist."),
    _spec("unexpected_count", "Abweichungen", "int", "Zahl der Zeilen, die die Regel verletzen."),
    _spec("detail", "Details", "text", "Erläuterung des Prüfergebnisses."),
    _spec(
        "checked_at",
        "Geprüft am (Ortszeit Berlin)",
        "datetime",
        "Zeitpunkt der Prüfung, Ortszeit Europe/Berlin (MEZ/MESZ).",
    ),
    _spec(
        "n_districts_with_agreement",
        "Kreise mit Zielvereinbarung",
        "int",
        "Zahl der Kreise mit Zielvereinbarung im Jahr.",
    ),
    _spec(
        "n_districts_with_decisions",
        "Kreise mit Bescheiden",
        "int",
        "Zahl der Kreise mit Zuwendungsbescheiden im Jahr.",
    ),
    _spec(
        "measure_amount_eur",
        "Betrag Maßnahmenart (€)",
        "eur",
        "Euro für die Maßnahmenart: aus der Zielvereinbarung, wo sie Beträge je Maßnahmenart "
        "nennt, sonst die bewilligten Beträge der aktuellen Zuwendungsbescheide.",
    ),
    _spec(
        "amount_source",
        "Quelle des Betrags",
        "text",
        "Woher der Betrag je Maßnahmenart stammt: Zielvereinbarung oder Zuwendungsbescheid "
        "(bewilligt).",
        AMOUNT_SOURCES_DE,
    ),
    _spec(
        "share_of_district_year",
        "Anteil am Betrag (€)",
        "share",
        "Anteil der Maßnahmenart an den Euro des Kreises im Jahr (nach Euro, nicht nach "
        "Projektzahl).",
    ),
    _spec(
        "version",
        "Fassung",
        "int",
        "Laufende Nummer der Fassung der Zielvereinbarung (1 = erste eingegangene).",
    ),
    _spec(
        "versions",
        "Anzahl Fassungen",
        "int",
        "Zahl der eingegangenen Fassungen der Zielvereinbarung für Kreis und Jahr.",
    ),
    _spec("is_current", "Gültige Fassung", "bool", "Ja für die gültige (neueste) Fassung."),
    _spec(
        "prev_version_budget_eur",
        "Budget vorige Fassung (€)",
        "eur",
        "Budget laut der vorigen Fassung (leer bei der ersten Fassung).",
    ),
    _spec(
        "version_change_eur",
        "Änderung ggü. voriger Fassung (€)",
        "eur",
        "Budget dieser Fassung minus Budget der vorigen Fassung.",
    ),
    _spec(
        "n_projects_added",
        "Projekte hinzugekommen",
        "int",
        "Zahl der Projekte, die die vorige Fassung nicht nennt.",
    ),
    _spec(
        "projects_added",
        "Hinzugekommene Projekte",
        "text",
        "Namen der hinzugekommenen Projekte, getrennt durch Semikolon.",
    ),
    _spec(
        "n_projects_removed",
        "Projekte entfallen",
        "int",
        "Zahl der Projekte der vorigen Fassung, die diese Fassung nicht mehr nennt.",
    ),
    _spec(
        "projects_removed",
        "Entfallene Projekte",
        "text",
        "Namen der entfallenen Projekte, getrennt durch Semikolon.",
    ),
    _spec(
        "flags_de",
        "Prüfhinweise",
        "text",
        "Die gesetzten Prüfhinweise der Zeile in Worten (einzeln in den Ja/Nein-Spalten).",
    ),
    _spec(
        "n_districts",
        "Kreise insgesamt",
        "int",
        "Zahl der Gebietskörperschaften in den Referenzdaten.",
    ),
    _spec(
        "n_districts_comparable",
        "Kreise in beiden Jahren",
        "int",
        "Zahl der Kreise mit Zielvereinbarung im Jahr und im Vorjahr (Grundlage des "
        "vergleichbaren Vorjahresvergleichs).",
    ),
    _spec(
        "lfl_budget_eur",
        "Budget vergleichbare Kreise (€)",
        "eur",
        "Summe der Budgets im Jahr, nur Kreise mit Zielvereinbarung auch im Vorjahr.",
    ),
    _spec(
        "lfl_prev_year_budget_eur",
        "Vorjahr vergleichbare Kreise (€)",
        "eur",
        "Summe der Vorjahresbudgets derselben Kreise (mit Zielvereinbarung in beiden Jahren).",
    ),
    _spec(
        "lfl_change_eur",
        "Veränderung vergleichbar (€)",
        "eur",
        "Veränderung zum Vorjahr nur über Kreise mit Zielvereinbarung in beiden Jahren; "
        "ein fehlender Kreis zählt weder als Kürzung noch als Zuwachs.",
    ),
    _spec(
        "lfl_change_pct",
        "Veränderung vergleichbar (%)",
        "pct",
        "Vergleichbare Veränderung in Prozent der Vorjahressumme derselben Kreise.",
    ),
    _spec(
        "districts_missing",
        "Kreise ohne Zielvereinbarung",
        "text",
        "Kreise, für die im Jahr keine Zielvereinbarung vorliegt (fehlen in der Summe).",
    ),
    _spec(
        "districts_not_comparable",
        "Nicht im Vorjahresvergleich",
        "text",
        "Kreise mit Zielvereinbarung nur in einem der beiden Jahre (im vergleichbaren "
        "Vorjahresvergleich nicht enthalten).",
    ),
    _spec(
        "published_figure_eur",
        "Veröffentlichter Wert (€)",
        "eur",
        "Vom Land veröffentlichte Gesamtsumme (Pressemitteilung), wo bekannt.",
    ),
    _spec(
        "published_figure_source",
        "Quelle veröffentlichter Wert",
        "text",
        "Fundstelle der veröffentlichten Gesamtsumme.",
    ),
    _spec(
        "deviation_from_published_pct",
        "Abweichung vom veröffentlichten Wert (%)",
        "pct",
        "Abweichung der Summe der Vereinbarungen vom veröffentlichten Wert in Prozent.",
    ),
    _spec(
        "state_avg_budget_eur",
        "Landesdurchschnitt Budget (€)",
        "eur",
        "Durchschnittliches Budget der Kreise mit Zielvereinbarung im Jahr.",
    ),
    _spec(
        "state_eur_per_inhabitant",
        "Landesdurchschnitt € je Einwohner",
        "eur",
        "Summe der Budgets geteilt durch die Summe der Einwohner dieser Kreise.",
    ),
    _spec("size_bytes", "Größe (Byte)", "int", "Dateigröße in Byte."),
    _spec("media_type", "Medientyp", "text", "MIME-Typ der Datei."),
    _spec(
        "first_seen_at",
        "Erstmals gesehen (Ortszeit Berlin)",
        "datetime",
        "Zeitpunkt, zu dem die Datei erstmals eingegangen ist, Ortszeit Europe/Berlin.",
    ),
    _spec(
        "document_type",
        "Dokumentart",
        "text",
        "Zielvereinbarung oder Zuwendungsbescheid.",
        DOCUMENT_TYPES_DE,
    ),
    _spec(
        "status",
        "Status",
        "text",
        "Übernommen oder zurückgestellt (Quarantäne).",
        DOCUMENT_STATUS_DE,
    ),
    _spec("metric", "Kennzahl", "text", "Die im Vergleich gezeigte Kennzahl."),
    _spec("relative_path", "Pfad im Eingang", "text", "Pfad des Eintrags im Eingangsordner."),
    _spec("kind", "Art", "text", "Datei, Ordner, Verknüpfung oder Sonderdatei.", ENTRY_KINDS_DE),
    _spec(
        "outcome",
        "Ergebnis",
        "text",
        "Übernommen, Duplikat, zurückgestellt (Quarantäne) oder übersprungen.",
        ENTRY_OUTCOMES_DE,
    ),
    _spec("changed_at", "Geändert am", "datetime", "Wann sich der Eintrag zuletzt änderte."),
    # review decisions (pipelines/review): who decided what, when and why
    _spec(
        "review_note",
        "Manuelle Prüfung",
        "text",
        "Entscheidung einer Prüferin oder eines Prüfers, die diesen Wert bestimmt (z. B. "
        "„manuell korrigiert“, „manuell bestätigt“), mit Name, Datum und Begründung.",
    ),
    _spec(
        "review_status",
        "Prüfstatus",
        "text",
        "Ergebnis der manuellen Prüfung (manuell bestätigt, manuell zugeordnet, manuell "
        "abgelehnt, zurückgezogen, nicht relevant, Scan-Lesung freigegeben); leer: keine "
        "Entscheidung.",
    ),
    _spec(
        "waiver_status",
        "Ausnahme",
        "text",
        "Eine Prüferin oder ein Prüfer hat die Warnung bis zum Enddatum akzeptiert "
        "(ausgenommen) oder die Ausnahme ist abgelaufen.",
        {"waived": "ausgenommen", "expired": "Ausnahme abgelaufen"},
    ),
    _spec("waiver_until", "Ausnahme bis", "date", "Letzter Tag, an dem die Ausnahme gilt."),
    _spec("waiver_reason", "Begründung der Ausnahme", "text", "Warum die Warnung akzeptiert ist."),
    _spec("waived_by", "Ausnahme erteilt von", "text", "Wer die Ausnahme erteilt hat."),
    _spec(
        "is_dismissed",
        "Nicht relevant",
        "bool",
        "Ja, wenn eine Prüferin oder ein Prüfer die Datei als nicht relevant markiert hat.",
    ),
    _spec(
        "conflict_settled",
        "Quelle manuell gewählt",
        "bool",
        "Ja, wenn eine Prüferin oder ein Prüfer die verwendete Quelle gewählt hat.",
    ),
    _spec("log_line", "Lfd. Nr.", "int", "Position der Entscheidung im Entscheidungsprotokoll."),
    _spec("review_id", "Entscheidungs-ID", "text", "Kennung der Entscheidung (für Widerrufe)."),
    _spec("kind_name", "Entscheidung", "text", "Art der Entscheidung."),
    _spec(
        "state",
        "Stand",
        "text",
        "in Kraft, ersetzt (spätere Entscheidung zum selben Gegenstand), widerrufen, "
        "abgelaufen (Ausnahme nach Enddatum) oder Widerruf.",
    ),
    _spec("reviewer", "Prüfer/in", "text", "Wer entschieden hat (angemeldete Kennung)."),
    _spec("decided_at", "Entschieden am", "datetime", "Zeitpunkt der Entscheidung."),
    _spec("review_reason", "Begründung", "text", "Die Begründung der Entscheidung (Pflicht)."),
    _spec("target_key", "Gegenstand", "text", "Worauf sich die Entscheidung bezieht."),
    _spec("replaces", "Ersetzt", "text", "Kennung der Entscheidung, die vorher galt."),
    _spec("revoked_by", "Widerrufen durch", "text", "Kennung des Widerrufs."),
    _spec("previous_json", "Vorheriger Stand", "text", "Was vor der Entscheidung galt (JSON)."),
    _spec("payload_json", "Festlegung", "text", "Was die Entscheidung festlegt (JSON)."),
    _spec(
        "match_status",
        "Zuordnung",
        "text",
        "matched: einem Projekt zugeordnet; review: zu prüfen; unmatched: kein Projekt.",
        {"matched": "zugeordnet", "review": "zu prüfen", "unmatched": "ohne Projekt"},
    ),
    _spec("matched_project_name", "Zugeordnetes Projekt", "text", "Projekt der Zielvereinbarung."),
    _spec(
        "suggested_project_name",
        "Vorschlag des Abgleichs",
        "text",
        "Projekt, das der automatische Abgleich vorgeschlagen hat.",
    ),
    _spec("score", "Ähnlichkeit", "float", "Ähnlichkeit der Namen (0–100)."),
    _spec("status_reason", "Begründung der Zuordnung", "text", "Warum so zugeordnet."),
    _spec("valid_until", "Gültig bis", "date", "Enddatum einer Ausnahme (Warnung akzeptiert bis)."),
    _spec("line_number", "Zeile im Bescheid", "int", "Laufende Nummer der Bescheidzeile."),
    # columns of the parsed tables and marts that no download shows (yet): described for the
    # table contracts and docs/data_model.md
    _spec(
        "agreement_sha256",
        "SHA-256 Zielvereinbarung",
        "text",
        "Prüfsumme der Datei der aktuellen Zielvereinbarung.",
    ),
    _spec(
        "agreement_source_name",
        "Datei Zielvereinbarung",
        "text",
        "Dateiname der aktuellen Zielvereinbarung.",
    ),
    _spec(
        "approved_total_eur",
        "Bewilligt gesamt (€)",
        "eur",
        "Bewilligte Summe aller Bescheide des Kreises im Jahr in Euro.",
    ),
    _spec(
        "archive_path", "Archivpfad", "text", "Pfad der Datei im Archiv (nach Prüfsumme benannt)."
    ),
    _spec("budget_page", "Seite Budget", "int", "Seite, auf der das Budget steht."),
    _spec("budget_line", "Zeile Budget", "int", "Zeile, in der das Budget steht."),
    _spec(
        "chosen_sha256",
        "Gewählte Quelle (SHA-256)",
        "text",
        "Prüfsumme der Quelle, die eine Prüferin gewählt hat.",
    ),
    _spec(
        "current_decision_id",
        "Aktueller Bescheid",
        "text",
        "Aktenzeichen des zuletzt gültigen Bescheids.",
    ),
    _spec(
        "current_decision_type",
        "Art des aktuellen Bescheids",
        "text",
        "Art des zuletzt gültigen Bescheids (Code).",
    ),
    _spec(
        "decision_source_sha256",
        "SHA-256 Bescheid",
        "text",
        "Prüfsumme der Datei des aktuellen Bescheids.",
    ),
    _spec(
        "decision_type_name", "Bescheidart (Text)", "text", "Deutsche Bezeichnung der Bescheidart."
    ),
    _spec("district_page", "Seite Kreis", "int", "Seite, auf der der Kreis genannt ist."),
    _spec("district_line", "Zeile Kreis", "int", "Zeile, in der der Kreis genannt ist."),
    _spec(
        "event_order",
        "Reihenfolge",
        "int",
        "Position des Bescheids in der zeitlichen Folge des Kreises und Jahres.",
    ),
    _spec("field", "Feld", "text", "Korrigiertes Feld (z. B. budget_total_eur)."),
    _spec(
        "flag_measure_approved_above_agreed",
        "Maßnahmenart über Vereinbarung",
        "bool",
        "Ja, wenn je Maßnahmenart mehr bewilligt als vereinbart ist.",
    ),
    _spec(
        "flag_total_approved_above_agreed",
        "Gesamt über Vereinbarung",
        "bool",
        "Ja, wenn insgesamt mehr bewilligt als vereinbart ist.",
    ),
    _spec("has_flag", "Auffällig", "bool", "Ja, wenn mindestens ein Hinweis gesetzt ist."),
    _spec("is_chosen", "Gewählte Quelle", "bool", "Ja für die Quelle, deren Werte gelten."),
    _spec(
        "is_current_decision",
        "Aktueller Bescheid",
        "bool",
        "Ja, wenn die Zeile zum zuletzt gültigen Bescheid gehört.",
    ),
    _spec(
        "is_sample",
        "Beispieldaten",
        "bool",
        "Ja, wenn die Datei aus dem synthetischen Beispielkorpus stammt.",
    ),
    _spec(
        "is_settled",
        "Entschieden",
        "bool",
        "Ja, wenn eine Prüferin die gültige Fassung gewählt hat.",
    ),
    _spec("label", "Bezeichnung", "text", "Bezeichnung im Dokument."),
    _spec("page", "Seite", "int", "Seite im Dokument (1 = erste Seite)."),
    _spec("line", "Zeile", "int", "Zeile auf der Seite bzw. Zeilennummer der Tabelle."),
    _spec("listed", "Im Dokument genannt", "bool", "Ja, wenn das Dokument die Maßnahmenart nennt."),
    _spec(
        "matched_measure_type",
        "Maßnahmenart des Projekts",
        "int",
        "Maßnahmenart des zugeordneten Projekts der Zielvereinbarung.",
    ),
    _spec("ministry", "Ministerium", "text", "Unterzeichnendes Ministerium."),
    _spec("ministry_short", "Ministerium (Kurzform)", "text", "Kurzbezeichnung des Ministeriums."),
    _spec(
        "n_agreed_projects", "Vereinbarte Projekte", "int", "Anzahl Projekte laut Zielvereinbarung."
    ),
    _spec("n_approved_lines", "Bewilligte Positionen", "int", "Anzahl Bescheidzeilen."),
    _spec(
        "n_sources", "Anzahl Quellen", "int", "Anzahl Dateien, die denselben Bescheid enthalten."
    ),
    _spec("name", "Name", "text", "Name der Maßnahmenart, wie ihn das Dokument schreibt."),
    _spec("needs_review", "Prüfen", "bool", "Ja, wenn die Zuordnung eine Prüfung braucht."),
    _spec("new_value", "Neuer Wert", "text", "Wert, den eine Korrektur setzt."),
    _spec(
        "parsed_at", "Gelesen am", "datetime", "Zeitpunkt, zu dem die Datei gelesen wurde (UTC)."
    ),
    _spec(
        "parser_version",
        "Parser-Version",
        "text",
        "Version des Parsers, der die Datei gelesen hat.",
    ),
    _spec("party", "Vertragspartei", "text", "Wer unterschreibt: ministry oder district."),
    _spec("place", "Ort", "text", "Ort der Unterschrift."),
    _spec("provider", "Träger", "text", "Träger des Projekts laut Bescheid."),
    _spec(
        "read_by",
        "Gelesen von",
        "text",
        "Texterkennung (Programm, Version und Modell), die einen Scan gelesen hat; zwei mit "
        "„; “ verbunden, wo Zeilen der ersten Lesung so übernommen wurden, wie das zweite "
        "Modell sie las; leer bei Dateien mit Textebene und Tabellen.",
    ),
    _spec(
        "reading_hash",
        "Prüfsumme der Lesung",
        "text",
        "SHA-256 einer unsicher gelesenen Scan-Lesung, die zur Prüfung zurückgehalten ist; "
        "eine Freigabe gilt nur für genau diese Lesung.",
    ),
    _spec(
        "released_by",
        "Freigegeben durch",
        "text",
        "Entscheidungs-ID der Freigabe, mit der eine zurückgehaltene Scan-Lesung übernommen "
        "wurde; leer ohne Freigabe.",
    ),
    _spec(
        "unsure_names",
        "Unsicher gelesene Namen",
        "text",
        "Bei einem Scan, der allein wegen seiner Namen zurückgehalten wurde oder aus eigener "
        "Prüfung übernommen wurde: Gebietskörperschaft, Haushaltsjahr, die unsicher gelesenen "
        "Namen wie gelesen (keine bei einem übernommenen; auch die Maßnahmenart einer Zeile, "
        "die aus der Reihenfolge der Zeilen geschlossen wurde, oder der Bereich, den ihre Stelle "
        "zulässt, etwa „1-3“), die übrigen Namen und die "
        "zurückgehaltenen Projekte einer Zielvereinbarung, deren Zeile ohne Aufzählungszeichen "
        "gelesen wurde (JSON).",
    ),
    _spec(
        "names_confirmed_by",
        "Namen bestätigt durch",
        "text",
        "SHA-256 der Dokumente derselben Gebietskörperschaft (mit Textebene oder Tabelle; "
        "desselben Haushaltsjahres, sonst des nächstgelegenen), die jeden unsicher gelesenen "
        "Namen eines Scans Buchstabe für Buchstabe enthalten; leer sonst.",
    ),
    _spec(
        "names_corrected",
        "Namen berichtigt",
        "text",
        "Unsicher gelesene Namen eines Scans, die eine typische Fehllesung (Fleck als Punkt, "
        "„rn“ für „m“, „I“ für „l“ …) genau eines Namens dieser Dokumente sind und so übernommen "
        "wurden, wie diese ihn schreiben: Paare [wie gelesen, wie übernommen] als JSON; leer "
        "sonst.",
    ),
    _spec(
        "held_reading",
        "Zurückgehaltene Lesung",
        "text",
        "Die aus dem Scan gelesenen Werte (Feld, Wert, Seite, Zeile; unsicher gelesene Namen "
        "markiert) als JSON, zum Abgleich mit dem Scan vor einer Freigabe.",
    ),
    _spec("reference_date", "Stichtag", "date", "Stichtag, zu dem der Stand der Bescheide gilt."),
    _spec("revokes", "Widerruft", "text", "Kennung der Prüfentscheidung, die widerrufen wird."),
    _spec("role", "Funktion", "text", "Funktion der unterschreibenden Person."),
    _spec("run_id", "Lauf", "text", "Kennung des Einlesevorgangs."),
    _spec(
        "has_version_conflict",
        "Fassungskonflikt",
        "bool",
        "Ja, wenn zwei Fassungen am selben Tag unterschrieben und beide noch im Eingang sind: "
        "welche gilt, entscheidet eine Prüferin oder ein Prüfer.",
    ),
    _spec(
        "same_signature_date",
        "Gleiches Unterschriftsdatum",
        "bool",
        "Ja, wenn eine andere Fassung dasselbe Unterschriftsdatum trägt.",
    ),
    _spec("signer", "Unterzeichnet von", "text", "Name der unterschreibenden Person."),
    _spec("suggested_status", "Vorschlag Status", "text", "Ergebnis des automatischen Abgleichs."),
    _spec("target_json", "Ziel (JSON)", "text", "Ziel der Prüfentscheidung als JSON."),
    _spec(
        "waiver_id",
        "Ausnahme",
        "text",
        "Kennung der Ausnahme (Prüfentscheidung), die eine Warnung abdeckt.",
    ),
)

# Reference tables (ref_*) and snapshot_info.
_REFERENCE_SPECS: tuple[ColumnSpec, ...] = (
    _spec("official_name", "Amtlicher Name", "text", "Amtlicher Name der Gebietskörperschaft."),
    _spec(
        "destatis_name",
        "Name bei Destatis",
        "text",
        "Name, wie das Statistische Bundesamt (Gemeindeverzeichnis) ihn schreibt.",
    ),
    _spec("nuts3", "NUTS-3", "key", "NUTS-3-Code der Region (z. B. DE711)."),
    _spec("seat", "Verwaltungssitz", "text", "Sitz der Kreisverwaltung bzw. die Stadt selbst."),
    _spec(
        "seat_confirmed",
        "Sitz bestätigt",
        "bool",
        "Ja, wenn der Verwaltungssitz aus einer amtlichen Quelle bestätigt ist.",
    ),
    _spec("valid_from", "Gültig ab", "date", "Erster Tag, an dem die Angabe gilt."),
    _spec(
        "valid_to", "Gültig bis", "date", "Letzter Tag, an dem die Angabe gilt (leer: gilt noch)."
    ),
    _spec("source", "Quelle", "text", "Woher die Angabe stammt."),
    _spec(
        "name_form",
        "Namensform",
        "text",
        "Eine Schreibweise, in der ein Dokument den Namen verwendet.",
    ),
    _spec(
        "grammatical_case",
        "Fall",
        "text",
        "Grammatischer Fall der Namensform (nominative/dative, genitive).",
    ),
    _spec(
        "short_name_de",
        "Kurzname",
        "text",
        "Kurzer deutscher Name der Maßnahmenart für Tabellen und Diagramme.",
    ),
    _spec(
        "period",
        "Zeitraum",
        "text",
        "Ob die Bezeichnung gilt (current), früher galt (older) oder eine Variante ist (variant).",
    ),
    _spec("short_name", "Kurzbezeichnung", "text", "Kurzbezeichnung des Ministeriums."),
    _spec("minister", "Ministerin oder Minister", "text", "Wer das Ministerium leitete."),
    _spec("minister_role", "Amtsbezeichnung", "text", "Amtsbezeichnung der Leitung."),
    _spec("note", "Anmerkung", "text", "Anmerkung zur Angabe."),
    _spec(
        "scope",
        "Bezug",
        "text",
        "Wofür der veröffentlichte Wert gilt: state (Land), district (Kreis) oder earmark_* "
        "(Zweckbindung).",
    ),
    _spec("description", "Beschreibung", "text", "Was der veröffentlichte Wert beschreibt."),
    _spec(
        "confirmed",
        "Bestätigt",
        "bool",
        "Ja, wenn der Wert aus der genannten Quelle bestätigt ist; sonst ein Platzhalter.",
    ),
    _spec("name_de", "Bezeichnung", "text", "Deutsche Bezeichnung der Kennung."),
    _spec("name_en", "Bezeichnung (englisch)", "text", "Englische Bezeichnung der Kennung."),
    _spec("snapshot_id", "Datenstand", "text", "Kennung des veröffentlichten Datenstands."),
    _spec(
        "published_at",
        "Veröffentlicht am",
        "datetime",
        "Zeitpunkt der Veröffentlichung des Datenstands (UTC).",
    ),
    _spec(
        "last_ingest_at",
        "Zuletzt eingelesen am",
        "datetime",
        "Letzter Durchgang durch den Eingang vor der Veröffentlichung (UTC).",
    ),
    _spec(
        "last_successful_validation_at",
        "Zuletzt erfolgreich geprüft am",
        "datetime",
        "Letzte Prüfung, in der keine Fehler-Regel verletzt war (UTC; leer vor der ersten).",
    ),
    _spec(
        "data_docs_path",
        "Prüfbericht",
        "text",
        "Pfad zu den Data Docs (Prüfbericht) der Prüfung dieses Datenstands.",
    ),
)

COLUMNS: dict[str, ColumnSpec] = {spec.name: spec for spec in (*_SPECS, *_REFERENCE_SPECS)}
