"""Every German text of the dashboard and the German number and date formats.

Formats follow German conventions: 1.230.450 €, 12,3 %, 02.08.2025. Pages import texts from here
so wording stays consistent and can be reviewed in one place.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from pipelines.contracts.vocabulary import BOOL_DE
from pipelines.exports import OUTDATED_SNAPSHOT_DE
from pipelines.exports.berlin import format_berlin
from pipelines.exports.columns import COLUMNS, METRICS
from pipelines.german import german_date, german_number

MISSING = "–"


def format_number(value: Any, decimals: int = 0) -> str:
    """1230450 -> '1.230.450'; None -> '–'; a value that rounds to zero never shows as '-0'."""
    if value is None:
        return MISSING
    return german_number(float(value), decimals, plain_zero=True)


def format_eur(value: Any, decimals: int = 0) -> str:
    """1230450 -> '1.230.450 €' (non-breaking space keeps the sign with the number)."""
    return MISSING if value is None else f"{format_number(value, decimals)}\u00a0€"


def format_signed_eur(value: Any) -> str:
    """Changes carry their sign: '+12.300 €', '-4.500 €'."""
    if value is None:
        return MISSING
    number = float(value) if round(float(value)) != 0 else 0.0
    sign = "+" if number > 0 else ("-" if number < 0 else "±")
    return f"{sign}{format_eur(abs(float(value)))}"


def format_pct(value: Any, decimals: int = 1, signed: bool = False) -> str:
    """A value already in percent: 12.34 -> '12,3 %'."""
    if value is None:
        return MISSING
    number = float(value)
    if round(number, decimals) == 0:
        number = 0.0  # -0.0004 is "±0,0 %", never "-0,0 %"
    text = format_number(abs(number) if signed else number, decimals)
    if signed:
        text = ("+" if number > 0 else "-" if number < 0 else "±") + text
    return f"{text}\u00a0%"


def format_share(value: Any, decimals: int = 1) -> str:
    """A fraction: 0.1234 -> '12,3 %'."""
    return MISSING if value is None else format_pct(float(value) * 100, decimals)


def format_date(value: Any) -> str:
    """date/datetime -> '02.08.2025'."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return german_date(value)


def format_datetime(value: Any) -> str:
    """datetime -> '02.08.2025, 14:30 Uhr'."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        return format_date(value)
    return f"{german_date(value)}, {value:%H:%M} Uhr"


def format_utc_datetime(value: Any) -> str:
    """A pipeline timestamp (naive UTC, as the publisher writes it) in German local time with
    its zone: '02.08.2025, 16:30 Uhr MESZ' (the same text as in downloads and the briefing)."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_berlin(value)


def format_thousands(value: Any) -> str:
    """Euros in whole thousands without unit (the header says "in Tausend Euro"): 3864050 ->
    '3.864'."""
    return MISSING if value is None else format_number(float(value) / 1000, 0)


def format_bool(value: Any) -> str:
    """True/False as Ja/Nein (the same words as in downloads)."""
    return MISSING if value is None else BOOL_DE[bool(value)]


def is_missing(value: Any) -> bool:
    """None, NaN and pandas' NA all mean "no value"."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NA are not equal to themselves
    except TypeError:
        return True


def _eur_cell(value: Any) -> str:
    """Whole euros stay whole (1.230.450 €); amounts with cents show them (4,82 €)."""
    has_cents = round(abs(float(value)) * 100) % 100 != 0
    return format_eur(value, 2 if has_cents else 0)


def _int_cell(value: Any) -> str:
    """Counts and populations get thousands separators; years and page numbers do not."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)  # a position such as "3a" stays as written
    return str(int(number)) if abs(number) < 10000 else format_number(number)


def format_by_kind(value: Any, kind: str) -> str:
    """Format one cell by the data dictionary's kind of its column."""
    if is_missing(value):
        return MISSING
    formatters = {
        "eur": _eur_cell,
        "pct": format_pct,
        "share": format_share,
        "date": format_date,
        "datetime": format_utc_datetime,
        "bool": format_bool,
        "int": _int_cell,
        "float": lambda v: format_number(v, 2),
    }
    formatter = formatters.get(kind)
    return formatter(value) if formatter else str(value)


def header(column: str) -> str:
    """German header of a column (year columns of the comparison table stay as they are)."""
    return COLUMNS[column].header_de if column in COLUMNS else column


APP_TITLE = "AQB Monitor Hessen"
APP_SUBTITLE = "Ausbildungs- und Qualifizierungsbudget: Zielvereinbarungen und Bescheide"

PAGE_TITLES: dict[str, str] = {
    "ueberblick": "Überblick",
    "kreisvergleich": "Kreisvergleich",
    "massnahmenarten": "Maßnahmenarten",
    "zeitreihen": "Zeitreihen",
    "soll_ist": "Soll/Ist",
    "kreisprofil": "Kreisprofil",
    "vergleich": "Vergleichstabelle",
    "datenqualitaet": "Datenqualität",
    "pruefaufgaben": "Prüfaufgaben",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
}
PAGE_ICONS: dict[str, str] = {
    "ueberblick": ":material/dashboard:",
    "kreisvergleich": ":material/leaderboard:",
    "massnahmenarten": ":material/category:",
    "zeitreihen": ":material/show_chart:",
    "soll_ist": ":material/balance:",
    "kreisprofil": ":material/location_city:",
    "vergleich": ":material/table_chart:",
    "datenqualitaet": ":material/fact_check:",
    "pruefaufgaben": ":material/rule:",
    "barrierefreiheit": ":material/accessibility_new:",
}

NO_SNAPSHOT = (
    "Noch kein veröffentlichter Datenstand vorhanden (gesucht in `{publish_dir}`). "
    "Bitte zuerst die Daten einlesen und veröffentlichen:"
)
NO_SNAPSHOT_COMMAND = (
    "aqb ingest   # oder: make demo (Beispieldaten erzeugen, einlesen, veröffentlichen)"
)
NO_YEARS = (
    "Der veröffentlichte Datenstand enthält noch kein Haushaltsjahr: Bisher wurde kein Dokument "
    "übernommen. Was zurückgehalten wurde und warum, zeigen die Seiten „Datenqualität“ und "
    "„Prüfaufgaben“."
)
SAMPLE_BANNER = (
    "**Beispieldaten:** Dieser Datenstand beruht auf synthetischen Beispieldokumenten. "
    "Die Zahlen sind keine amtlichen Angaben."
)
DATA_AS_OF = "Datenstand: {published} · Stand-ID {snapshot_id}"
DOWNLOAD_CSV = "CSV herunterladen"
DOWNLOAD_XLSX = "Excel (XLSX) herunterladen"
DOWNLOAD_HELP = (
    "CSV: Semikolon, Dezimalkomma, UTF-8 (für Excel). XLSX mit Info-Blatt und Datenwörterbuch."
)
EMPTY_TABLE = "Für diese Auswahl liegen keine Daten vor."
MART_MISSING = "Diese Auswertung ist im veröffentlichten Datenstand nicht enthalten."
OUTDATED_SNAPSHOT = OUTDATED_SNAPSHOT_DE
OUTDATED_SNAPSHOT_DETAIL = "Technische Angabe für die Betreuung: {detail}"
PLACEHOLDER_ONE = "Bitte auswählen"
PLACEHOLDER_MANY = "Alle (zum Eingrenzen auswählen)"
NOT_PER_MEASURE = "nicht je Maßnahmenart angegeben"
NOT_COMPARABLE = "nicht vergleichbar"
COMPARABLE = "vergleichbar"
POPULATION_NOTE = "€ je Einwohner: berechnet mit der Einwohnerzahl zum Stichtag {dates} (Destatis) für alle Jahre."

# filter widgets (their keys are the URL parameter names)
FILTER_YEAR = "Jahr"
FILTER_DISTRICTS = "Kreise"
FILTER_DISTRICT = "Kreis"
FILTER_METRIC = "Kennzahl"
FILTER_MEASURE = "Maßnahmenart"
FILTER_PEER_GROUP = "Vergleichsgruppe"
FILTER_YEARS = "Jahre"
PEER_GROUPS: dict[str, str] = {
    "alle": "Alle Kreise",
    "kreisfreie Stadt": "Kreisfreie Städte",
    "Landkreis": "Landkreise",
}
METRIC_LABELS: dict[str, str] = {name: label for name, (label, _kind) in METRICS.items()}
MAP_METRIC_LABELS: dict[str, str] = {
    "budget_total_eur": "Budget (€)",
    "eur_per_inhabitant": "€ je Einwohner",
    "change_pct": "Veränderung zum Vorjahr (%)",
    "share_of_state": "Anteil an Hessen (%)",
}
MEASURE_VALUE_LABELS: dict[str, str] = {
    "n_projects": "Anzahl Projekte",
    "agreed_amount_eur": "Vereinbart (€)",
    "approved_eur": "Bewilligt (€)",
}
SERIES_LABELS: dict[str, str] = {
    "budget_total_eur": "Budget (€)",
    "eur_per_inhabitant": "€ je Einwohner",
}
STATE_AVERAGE = "Landesdurchschnitt"

# What a chart shows, in words, and its data as a table (for screen readers; dashboards/chart_text)
CHART_TABLE = "Daten als Tabelle"
SUMMARY_NO_VALUES = "Keine Werte."
SUMMARY_ONE_VALUE = "Ein Wert: {name} ({value})."
SUMMARY_EXTREMES = (
    "Am höchsten: {max_name} ({max_value}); am niedrigsten: {min_name} ({min_value})."
)
SUMMARY_CHANGE = "{last} gegenüber {prev}: {change} ({pct})."
SUMMARY_RISE_FALL = "Veränderung zum Vorjahr von {fall} ({fall_pct}) bis {rise} ({rise_pct})."
SUMMARY_SERIES = "{name}: von {first} ({first_year}) auf {last} ({last_year}), {pct}."
SUMMARY_SERIES_SUM = "{series} zusammen {total}"
SUMMARY_TOP_APPROVED = "Höchste Bewilligung: {name} ({value})."
SUMMARY_COMPLETENESS = "{n} Kreis-Jahre: {parts}."
SUMMARY_INCOMPLETE_YEARS = (
    "Unvollständige Jahre (nicht alle Kreise mit Zielvereinbarung, Landesdurchschnitt über "
    "weniger Kreise): {years}."
)
ALL = "alle"

# Überblick
OV_STATE_TOTAL = "Landessumme {year}"
OV_DISTRICTS_AGREEMENT = "Kreise mit Zielvereinbarung"
OV_DISTRICTS_DECISIONS = "Kreise mit Bescheiden"
OV_PROJECTS = "Projekte"
OV_OF_N = "{n} von {total}"
OV_VS_PREVIOUS_LFL = "{change} ({pct}) vergleichbar"
OV_LFL_HELP = (
    "Vorjahresvergleich nur über Kreise mit Zielvereinbarung in beiden Jahren; "
    "ein fehlender Kreis zählt weder als Kürzung noch als Zuwachs."
)
OV_COVERAGE = (
    "**Abdeckung {year}:** Summe über {n} von {total} Kreisen mit Zielvereinbarung. "
    "**Vorjahresvergleich** über {n_comparable} Kreise mit Zielvereinbarung in {prev} und {year}: "
    "{lfl_prev} → {lfl_now} ({lfl_change}, {lfl_pct}). "
    "**Rohsummen** (alle vorliegenden Vereinbarungen): {raw_prev} → {raw_now} ({raw_change})."
)
OV_COVERAGE_NO_PREVIOUS = (
    "**Abdeckung {year}:** Summe über {n} von {total} Kreisen mit Zielvereinbarung; "
    "für {prev} liegen keine Vereinbarungen zum Vergleich vor."
)
OV_MISSING = "**Ohne Zielvereinbarung {year}** (in keiner Summe enthalten): {names}"
OV_NOT_COMPARABLE = (
    "**Nicht im Vorjahresvergleich** (Vereinbarung nur in einem der beiden Jahre): {names}"
)
OV_COMPLETE = "alle Kreise"
OV_INCOMPLETE = "Kreise fehlen"
OV_COVERAGE_SHORT = "{} von {}"
OV_COVERAGE_TITLE = "Kreise mit Zielvereinbarung"
OV_PUBLISHED_FIGURE = (
    "Veröffentlichter Landeswert {year}: {figure} ({source}); Abweichung {deviation}."
)
OV_TOTAL_CHART = "Landessumme je Jahr"
OV_DATA_STATUS = "Datenstatus"
OV_LAST_INGEST = "Letzter Einlesevorgang"
OV_LAST_VALIDATION = "Letzte erfolgreiche Prüfung"
OV_PUBLISHED = "Veröffentlicht"
OV_STATUS_LINE = "**{label}:** {value}"
OV_STATE_TABLE = "Hessen gesamt je Jahr"
OV_MEASURE_TABLE = "Maßnahmenarten landesweit"
OV_STATE_BUDGET = "Budget und Veränderung zum Vorjahr (alle vorliegenden Zielvereinbarungen)"
OV_STATE_LFL_SUMS = "Summen der Kreise, die in beiden Jahren eine Zielvereinbarung haben"
OV_STATE_LFL = "Veränderung über diese Kreise und nicht vergleichbare Kreise"
OV_STATE_COVERAGE = "Abdeckung: Kreise und Projekte je Jahr"
OV_STATE_MISSING = "Kreise ohne Zielvereinbarung je Jahr"
OV_STATE_PUBLISHED = "Abgleich mit dem veröffentlichten Landeswert"
OV_MEASURE_AMOUNT_NOTE = (
    "**Vereinbart** zählt nur Beträge, die Zielvereinbarungen je Maßnahmenart nennen: "
    "{n_with} von {n_agreements} Vereinbarungen tun das. Zusammen {agreed} von {total} Landessumme; "
    "{unallocated} ({share}) des Budgets sind nicht je Maßnahmenart angegeben."
)

# Euro je Maßnahmenart über die Jahre (Maßnahmenarten, Überblick, Kreisprofil, Briefing)
MONEY_CHART = "Euro je Maßnahmenart über die Jahre: {scope}"
MONEY_SCOPE_STATE = "Hessen gesamt"
MONEY_SHARE = "Anteile der Maßnahmenarten {year} (nach Euro)"
MONEY_SOURCES = (
    "Quelle der Beträge {year}: {n_agreements} Kreise laut Zielvereinbarung, "
    "{n_decisions} laut bewilligten Zuwendungsbescheiden, {n_not_split} ohne Aufteilung nach "
    "Maßnahmenart."
)
MONEY_NOT_SPLIT = "Ohne Aufteilung: {names}."
MONEY_NO_SOURCE = "Für {year} liegen keine Beträge je Maßnahmenart vor."
MONEY_INTRO = (
    "Euro je Maßnahmenart, gestapelt je Jahr. Beträge stammen aus der Zielvereinbarung, "
    "wo sie Beträge je Maßnahmenart nennt, sonst aus den bewilligten Zuwendungsbescheiden; "
    "die Quelle steht im Tooltip, in der Tabelle und je Jahr darunter. Anteile nach Euro."
)
MONEY_SCOPE = "Gebiet"
MONEY_TABLE = "Euro je Maßnahmenart und Jahr: {scope}"
MONEY_AMOUNT = "Betrag"
MONEY_FROM_AGREEMENTS = "davon laut Zielvereinbarung"
MONEY_FROM_DECISIONS = "davon laut Bescheid"
MONEY_SOURCE_LINES = "Quellen je Jahr"
MONEY_TABLE_AMOUNTS = "Betrag und Anteil je Maßnahmenart"
MONEY_TABLE_ORIGIN = "Quelle des Betrags je Maßnahmenart"
MONEY_TABLE_SOURCES = "Quelldokument und Seite je Maßnahmenart"

# Kreisvergleich
KV_TABLE = "{n} Kreise {year}"  # n: the districts in the table (all, or a peer group)
# the table's parts on screen (each led by the district and the chosen metric)
KV_TABLE_BUDGET = "Budget und manuelle Prüfung {year}"
KV_TABLE_CHANGE = "Veränderung zum Vorjahr {year}"
KV_TABLE_MONEY = "Budget Vorjahr, Bewilligt und Einwohner {year}"
KV_TABLE_RANK = "Rang und Anteil an Hessen {year}"
KV_TABLE_AGREEMENT = "Projekte und Fassung der Zielvereinbarung {year}"
KV_TABLE_DISTRICT = "Kreisschlüssel, Typ und Regierungsbezirk {year}"
KV_TABLE_SOURCES = "Quelldokument der Zielvereinbarung {year}"
KV_MAP = "Karte: {metric} {year}"
KV_MAP_TILES_NOTE = (
    "Kachelkarte: jede Kachel ein Kreis, grob nach Lage in Hessen angeordnet (Norden oben). "
    "Sind die Kacheln zu schmal für den Namen, steht das Kfz-Kennzeichen (LK: Landkreis); der "
    "volle Name steht im Tooltip, in der Beschreibung der Kachel und in der Tabelle."
)
KV_MAP_ATTRIBUTION = "Geometrie: © GeoBasis-DE / BKG 2013 (Daten verändert)"
KV_RANKING = "Rangfolge nach {metric}"
KV_NO_AGREEMENT = "ohne Zielvereinbarung"
KV_WITHOUT = (
    "**Ohne Zielvereinbarung {year}:** {names}. In Karte und Tabelle ohne Wert, in der "
    "Rangfolge nicht enthalten; Ränge und Anteile beziehen sich auf die übrigen Kreise."
)
KV_DRILL_HINT = (
    "Einen Kreis in der Karte oder der Rangfolge anklicken, um sein Kreisprofil zu öffnen; "
    "ohne Maus über die Liste „Kreisprofil öffnen“ unter der Rangfolge."
)
KV_PROFILE_LINKS = "Kreisprofil öffnen (alle Kreise)"
KV_PROFILE_LIST_LINK = "{district}"
KV_DRILL_LINK = "Kreisprofil öffnen: {district}, {year}"

# Maßnahmenarten
MA_HEATMAP = "Kreis × Maßnahmenart {year}: {value}"
MA_CELL = "Projekte hinter einer Zelle"
MA_CELL_CAPTION = "{district}, {measure}: {n} Projekte"
MA_TABLE = "Maßnahmenmix je Kreis {year}"
MA_TABLE_PROJECTS = "Projekte je Kreis und Maßnahmenart {year}"
MA_TABLE_MONEY = "Vereinbart und bewilligt je Kreis und Maßnahmenart {year}"
MA_VALUE = "Wert"
MA_CLICK_HINT = (
    "Eine Zelle der Heatmap anklicken oder – auch per Tastatur – Kreis und Maßnahmenart hier "
    "auswählen."
)

# Zeitreihen
ZR_CHART = "{metric} über die Jahre"
ZR_TABLE = "Zeitreihe der ausgewählten Kreise"
ZR_TABLE_BUDGET = "Budget je Jahr und Landesdurchschnitt"
ZR_TABLE_PER_CAPITA = "€ je Einwohner je Jahr und Landesdurchschnitt"
ZR_INCOMPLETE_LEGEND = "Jahr unvollständig: Kreise ohne Zielvereinbarung"
ZR_INCOMPLETE = (
    "**Unvollständige Jahre** (grau hinterlegt, „x von {total}“; der Landesdurchschnitt zählt "
    "nur Kreise mit Zielvereinbarung): {years}"
)
ZR_INCOMPLETE_YEAR = "{year}: {coverage}, ohne {names}"
ZR_AVERAGE_NOTE = "Landesdurchschnitt: Kreise mit Zielvereinbarung; je Einwohner = Summe Budgets / Summe Einwohner."

# Soll/Ist
SI_EMPTY = (
    "Für den Soll/Ist-Vergleich liegen im veröffentlichten Datenstand noch keine Bescheide vor. "
    "Sobald Zuwendungs- und Schlussbescheide des RP Kassel eingelesen sind, erscheinen hier "
    "vereinbarte, bewilligte und verwendete Beträge mit Prüfhinweisen."
)
SI_CHART = "Vereinbart, bewilligt, verwendet {year}"
SI_FLAGS = "Prüfhinweise {year}"
SI_FLAGS_TEXT = "Prüfhinweise {year} in Worten"
SI_FLAGS_AMOUNTS = "Beträge der Zeilen mit Prüfhinweis {year}"
SI_AGREED_NOTE = (
    "Vereinbart je Kreis = Gesamtbudget der Zielvereinbarung. Je Maßnahmenart steht ein Betrag nur, "
    "wo die Vereinbarung ihn nennt; sonst „nicht je Maßnahmenart angegeben“."
)
SI_NO_FLAGS = "Keine Prüfhinweise für dieses Jahr."
SI_TABLE = "Soll/Ist je Kreis und Maßnahmenart {year}"
SI_TABLE_AGREED = "Vereinbart je Kreis und Maßnahmenart {year}"
SI_TABLE_DECIDED = "Bewilligt, verwendet und zurückgefordert {year}"
SI_TABLE_FLAGS_DEVIATION = "Prüfhinweise {year}: Bescheid weicht von der Vereinbarung ab"
SI_TABLE_FLAGS_MISSING = "Prüfhinweise {year}: Vereinbarung oder Bescheid fehlt"
SI_TABLE_KEYS = "Kreisschlüssel und Nummer der Maßnahmenart {year}"
SI_SERIES = {"agreed_eur": "Vereinbart", "approved_eur": "Bewilligt", "used_eur": "Verwendet"}
# Soll/Ist: figures read from a scan (issue 16), shown only when there are some
SI_FROM_SCAN = (
    "Aus Scan gelesen: Zahlen {year} von {districts} stammen aus gescannten Originalen "
    "(Zielvereinbarung oder Bescheid) und wurden per Texterkennung (OCR) gelesen und "
    "gegengeprüft (Spalte „Aus Scan gelesen“ in der Tabelle unten)."
)
SI_TABLE_KEYS_SCAN = "Kreisschlüssel, Nummer der Maßnahmenart und Herkunft der Zahlen {year}"
# Prüfaufgaben, Zuordnungen: the same mark for a decision line (mart_project_matches.from_scan)
REVIEW_MATCH_FROM_SCAN = (
    "Aus Scan gelesen: Bescheid oder Zielvereinbarung wurde per Texterkennung (OCR) aus einem "
    "gescannten Original gelesen und gegengeprüft."
)

# Kreisprofil
KP_YEARS = "Alle Jahre"
KP_YEARS_MONEY = "Budget, Bewilligung und Veränderung je Jahr"
KP_YEARS_RANK = "Einordnung in Hessen, Projekte und Fassungen je Jahr"
KP_YEARS_SOURCES = "Zielvereinbarung und Fundstelle je Jahr"
KP_FROM_SCAN = (
    "Aus Scan gelesen: Das Budget {year} stammt aus einem gescannten Original und wurde per "
    "Texterkennung (OCR) gelesen und gegengeprüft."
)
KP_DECISIONS_FROM_SCAN = (
    "Aus Scan gelesen: Mindestens ein Bescheid stammt aus einem gescannten Original und wurde "
    "per Texterkennung (OCR) gelesen und gegengeprüft (Spalte „Aus Scan gelesen“)."
)
KP_YEARS_SPLIT_NOTE = (
    "Auf dem Bildschirm in drei schmale Tabellen geteilt (je Jahr eine Zeile); "
    "die Downloads enthalten alle Spalten in einer Tabelle."
)
KP_BUDGET_CHART = "Budget je Jahr"
TABLE_SPLIT_NOTE = (
    "Auf dem Bildschirm in {n} schmale Tabellen geteilt, damit jede ohne seitliches Blättern "
    "ganz zu sehen ist; die Downloads enthalten alle Spalten in einer Tabelle."
)
KP_PROJECTS_MONEY = "Projekte und Beträge {year}"
KP_PROJECTS_SOURCES = "Fundstellen der Projekte {year}"
KP_VERSIONS_BUDGET = "Budget je Fassung"
KP_VERSIONS_PROJECTS = "Projekte je Fassung"
KP_VERSIONS_SOURCES = "Herkunft je Fassung"
KP_DECISIONS_MONEY = "Bescheide und Beträge"
KP_DECISIONS_USE = "Verwendung, Rückforderung und Bezug der Bescheide"
KP_DECISIONS_SOURCES = "Fundstelle der Bescheide"
KP_PROJECTS = "Projekte {year}"
KP_CHANGES = "Veränderungen gegenüber dem Vorjahr ({year})"
KP_SHIFT_NOTE = "Verglichen wird nur, wo beide Jahre für die Maßnahmenart einen Betrag nennen; sonst „nicht vergleichbar“."
KP_CHANGE_COUNTS = "{neu} neu · {fort} fortgeführt · {ended} beendet"
KP_SHIFT = "Verschiebung zwischen Maßnahmenarten (vereinbarte Beträge, {year} gegenüber {prev})"
KP_DECISIONS = "Bescheide"
KP_SOURCES = "Quelldokumente {year}"
KP_SOURCE_LINE = "**{name}** · SHA-256 `{sha}` · Seite {page}, Zeile {line}"
KP_SOURCE_LINE_NO_POSITION = "**{name}** · SHA-256 `{sha}`"
KP_SOURCE_READ_BY = " · aus Scan gelesen von {reader}"
KP_SOURCE_REVIEW = " · {note}"
KP_SOURCE_DOWNLOAD = "Original herunterladen"
KP_SOURCE_MISSING = "Original nicht im Archiv gefunden."
KP_NO_DECISIONS = "Für diesen Kreis liegen keine Bescheide vor."
KP_BUDGET = "Budget {year}"
KP_RANK = "Rang in Hessen"
KP_RANK_VALUE = "{rank} von {n}"
KP_RANK_COVERAGE = (
    "Rang unter den {n} von {total} Kreisen und kreisfreien Städten mit Zielvereinbarung {year}"
    "{missing}."
)
KP_RANK_MISSING = "; ohne Zielvereinbarung: {names}"
KP_PER_CAPITA = "€ je Einwohner"
KP_NO_AGREEMENT_MARK = "fehlt"

# Vergleich
VG_INTRO = "Tabelle für Vermerke: Kreise × Jahre für eine Kennzahl, mit Summenzeile der Auswahl."
VG_TABLE = "Vergleich: {metric}"
VG_THOUSANDS = " – in Tausend Euro (Downloads: volle Beträge)"
VG_GAPS = (
    "**Auswahl gesamt** summiert je Jahr die Kreise mit Wert. Ohne Wert (nicht in der Summe): "
    "{gaps}. Summen dieser Jahre sind nicht mit vollständigen Jahren vergleichbar."
)
VG_GAP_YEAR = "{year}: {names}"

# Datenqualität
DQ_COMPLETENESS = "Vollständigkeit: Eingang je Kreis und Jahr"
DQ_STATUS_LABELS = {
    "both": "Vereinbarung und Bescheide",
    "agreement": "nur Vereinbarung",
    "decisions": "nur Bescheide",
    "none": "fehlt",
}
DQ_STATUS_CODES = {"both": "VB", "agreement": "V", "decisions": "B", "none": "–"}
DQ_MISSING_PAIRS = "{n} Kreis-Jahr-Paare ohne Zielvereinbarung."
DQ_CHECKS = "Prüfergebnisse (letzter Lauf)"
DQ_COMPLETENESS_TABLE = "Tabelle: Eingang je Kreis und Jahr"
DQ_COMPLETENESS_RECEIVED = "Eingegangen je Kreis und Jahr"
DQ_COMPLETENESS_QUARANTINED = "Zurückgestellte Dateien je Kreis und Jahr"
DQ_CHECKS_SUMMARY = "{ok} bestanden, {failed} nicht bestanden"
DQ_CHECKS_WAIVED = (
    "Davon ausgenommen (von einer Prüferin oder einem Prüfer bis zum Enddatum akzeptiert): {n}"
)
DQ_WAIVED_ROW = "{year}: {rule} – ausgenommen bis {until} von {by}: {reason}"
DQ_EXPIRED_ROW = "{year}: {rule} – Ausnahme abgelaufen am {until} ({by}: {reason})"
DQ_QUARANTINE = "Zurückgestellte Dateien (Quarantäne)"
DQ_QUARANTINE_REASON = "Datei und Grund"
DQ_QUARANTINE_HASH = "Prüfsumme je Datei"
DQ_QUARANTINE_FILE = "Abgelehnte Zeilen und Zeitpunkt je Datei"
DQ_QUARANTINE_REVIEW = "Als nicht relevant markiert: von wem, wann, warum"
DQ_REASON_NOTE = (
    "Grund: der deutsche Text des Grund-Codes; die technische Angabe (englisch, mit Seite und "
    "Zeile) und der Code stehen in den Downloads."
)
# Datenqualität's wide tables split into keyed parts (issue 14: every column at 1280 px)
DQ_CHECKS_RESULT = "Ergebnis je Regel und Jahr"
DQ_CHECKS_DETAIL = "Details der Abweichungen je Regel und Jahr"
DQ_CHECKS_SUITE = "Prüfsuite und Prüfzeitpunkt je Regel und Jahr"
DQ_CHECKS_TECHNICAL = "Technische Regel je Regel und Jahr"
DQ_CHECKS_WAIVER = "Ausnahme je Regel und Jahr"
DQ_CHECKS_WAIVER_REASON = "Begründung der Ausnahme je Regel und Jahr"
DQ_INBOX_OUTCOME = "Ergebnis je Eintrag"
DQ_INBOX_REASON = "Grund je Eintrag"
DQ_RUNS_STATUS = "Verlauf je Lauf"
DQ_RUNS_COUNTS = "Dokumente und Prüfungen je Lauf"
DQ_RUNS_REASON = "Haushaltsjahre, Grund und Verweis je Lauf"
DQ_RUNS_SPLIT_NOTE = (
    "Auf dem Bildschirm in {n} schmale Tabellen geteilt (je Lauf eine Zeile, nach Beginn), "
    "damit jede ohne seitliches Blättern ganz zu sehen ist."
)
DQ_INBOX = "Eingangsprotokoll (letztes Einlesen)"
DQ_INBOX_SUMMARY = (
    "{total} Einträge im Eingangsordner: {landed} übernommen, {duplicate} Duplikate, "
    "{quarantined} zurückgestellt, {skipped} übersprungen."
)
DQ_DATA_DOCS = "Prüfbericht (Great Expectations Data Docs)"
DQ_DATA_DOCS_EXPLAIN = (
    "Der ausführliche Prüfbericht (Great Expectations Data Docs) ist eine kleine Website aus vielen Dateien. "
    "Laden Sie das ZIP-Archiv herunter, entpacken Sie es und öffnen Sie darin die Datei `index.html` im Browser. "
    "Die wichtigsten Ergebnisse stehen oben in der Tabelle „Prüfergebnisse“."
)
DQ_DATA_DOCS_DOWNLOAD = "Prüfbericht als ZIP herunterladen ({n} Dateien)"
DQ_DATA_DOCS_MISSING = "Kein Prüfbericht im Datenstand verzeichnet."


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'])")


def markdown_text(text: str) -> str:
    """``text`` from a document (a file name, a project name) made inert for ``st.markdown``:
    every Markdown, HTML and Streamlit directive character backslash-escaped and line breaks
    flattened, so ``[x](https://...)`` or ``![p](...)`` shows as those characters, never as a
    link or an image request."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def source_line(
    name: str | None,
    sha256: str,
    page: Any,
    line: Any,
    read_by: str | None = None,
    review_note: str | None = None,
) -> str:
    """'**name** · SHA-256 `0123abcd4567` · Seite 2, Zeile 14' (page/line only where known),
    and for a scan the OCR reader that read it (' · aus Scan gelesen von tesseract 5.3.0 deu'):
    with the hash it says how to read the figure again; a reviewer's decision on the document
    follows (a released scan reading: who released it, when, why). Name, reader and note are
    escaped (``markdown_text``): they come from the inbox and from reviewers."""
    name = markdown_text(name) if name else None
    reader = "" if is_missing(read_by) else KP_SOURCE_READ_BY.format(reader=markdown_text(read_by))
    if not is_missing(review_note):
        reader += KP_SOURCE_REVIEW.format(note=markdown_text(review_note))
    if is_missing(page) and is_missing(line):
        return KP_SOURCE_LINE_NO_POSITION.format(name=name or MISSING, sha=sha256[:12]) + reader
    page_text = MISSING if is_missing(page) else str(int(page))
    line_text = MISSING if is_missing(line) else str(int(line))
    position = KP_SOURCE_LINE.format(
        name=name or MISSING, sha=sha256[:12], page=page_text, line=line_text
    )
    return position + reader


# Datenqualität: Aktualität und Einlesevorgänge (run history)
DQ_FRESHNESS = "Aktualität"
DQ_LAST_RUN = "Letzter erfolgreicher Einlesevorgang: {when} (Grenze: {hours} Stunden)."
DQ_NEVER_RUN = "Noch kein erfolgreicher Einlesevorgang verzeichnet."
DQ_INGEST_OVERDUE = "Der letzte erfolgreiche Einlesevorgang ist älter als {hours} Stunden."
DQ_AGREEMENTS_DUE = (
    "Zielvereinbarungen sind bis zum {due} des Haushaltsjahres fällig: {n} überfällig."
)
DQ_AGREEMENTS_ON_TIME = (
    "Zielvereinbarungen sind bis zum {due} des Haushaltsjahres fällig: keine überfällig."
)
DQ_OVERDUE_COLUMNS = {
    "district_ags": "AGS",
    "district_name": "Gebietskörperschaft",
    "year": "Haushaltsjahr",
    "due_date": "fällig seit",
}
DQ_RUNS = "Einlesevorgänge"
DQ_RUNS_INTRO = (
    "Die letzten Läufe, gleich wodurch gestartet (Kommandozeile, aqb watch, Zeitplan, Sensor, "
    "Dagster-Oberfläche): was jeder geändert hat und warum ein Lauf fehlschlug."
)
DQ_RUNS_EMPTY = "Noch keine Einlesevorgänge verzeichnet."
DQ_RUNS_FAILED = "{n} der letzten {total} Läufe fehlgeschlagen oder abgebrochen."
RUN_STATUS_LABELS = {
    "SUCCESS": "erfolgreich",
    "UNCHANGED": "unverändert",
    "FAILURE": "fehlgeschlagen",
    "CANCELED": "abgebrochen",
}
RUN_LAUNCH_LABELS = {
    "cli": "Kommandozeile (aqb ingest)",
    "watch": "aqb watch",
    "demo": "aqb demo",
    "schedule": "Zeitplan (nächtlich)",
    "sensor": "Sensor (Posteingang)",
    "backfill": "Backfill",
    "ui": "Dagster-Oberfläche",
}
RUN_COLUMNS = {
    "started_at": "Beginn",
    "finished_at": "Ende",
    "status": "Status",
    "launched_by": "Gestartet durch",
    "docs_new": "Neu",
    "docs_updated": "Aktualisiert",
    "docs_quarantined": "Quarantäne",
    "checks": "Prüfungen (bestanden/Warnung/Fehler)",
    "published": "Veröffentlicht",
    "years": "Haushaltsjahre",
    "failure_reason": "Grund",
    "link": "Dagster",
}
RUN_LINK_TEXT = "Lauf öffnen"
# --- Prüfaufgaben (review decisions) ------------------------------------------------------------
REVIEW_INTRO = (
    "Offene Fragen in den Daten, die eine benannte Person entscheidet. Jede Entscheidung wird "
    "mit Name, Zeitpunkt und Begründung im Entscheidungsprotokoll gespeichert (nicht in der "
    "Datenbank) und gilt ab der nächsten Einlesung; sie kann widerrufen werden."
)
REVIEW_CANDIDATE = (
    "Die letzte Einlesung wurde wegen einer fehlgeschlagenen Prüfung nicht veröffentlicht. Die "
    "Prüfaufgaben zeigen den blockierten Stand, damit er entschieden werden kann; alle anderen "
    "Seiten zeigen weiter den zuletzt veröffentlichten Stand."
)
REVIEW_TABS = {
    "match": "Zuordnungen",
    "warning": "Warnungen",
    "quarantine": "Quarantäne",
    "conflict": "Quellenkonflikte",
    "version": "Versionen",
    "document": "Dokument / Wert",
    "audit": "Protokoll",
}
REVIEW_OPEN_COUNT = "{n} offen"
REVIEW_NONE_OPEN = "Keine offenen Prüfaufgaben dieser Art."
REVIEW_PICK = "Prüfaufgabe"
REVIEW_DECISION = "Entscheidung"
REVIEW_REASON = "Begründung (Pflicht)"
REVIEW_SUBMIT = "Entscheidung speichern"
REVIEW_REASON_MISSING = "Bitte eine Begründung angeben."
REVIEW_RECORDED = (
    "Entscheidung gespeichert (ID {review_id}). Sie gilt ab der nächsten Einlesung; "
    "`aqb watch` startet sie sofort."
)
REVIEW_REFUSED = "Nicht gespeichert: {error}"
REVIEW_READ_ONLY = (
    "Lesezugriff: Entscheidungen treffen nur angemeldete Prüferinnen und Prüfer (Rolle „reviewer“)."
)
REVIEW_DECISION_LINE = "Bescheidzeile"
REVIEW_AGREEMENT_PROJECT = "Projekt der Zielvereinbarung (Vorschlag)"
REVIEW_SOURCE = "Quelle: {name}, Seite {page}, Zeile {line}"
REVIEW_NO_SUGGESTION = "Kein Projekt vorgeschlagen."
REVIEW_OTHER_PROJECT = "Anderes Projekt (Name laut Zielvereinbarung)"
REVIEW_CHOICES_MATCH = {
    "accept": "Zuordnung bestätigen",
    "remap": "Anderem Projekt zuordnen",
    "reject": "Keinem Projekt zuordnen",
}
REVIEW_UNTIL = "Ausnahme gilt bis"
REVIEW_DISTRICT = "Kreis (leer: ganzes Jahr)"
REVIEW_QUARANTINE_REASON = "Grund: {reason}\nSHA-256 {sha}"
REVIEW_TECHNICAL_REASON = "Technische Angabe (englisch)"
REVIEW_DISMISS = "Als „nicht relevant“ markieren"
# a scan read unsure that holds its reading (pipelines.parse.held): compare, then release
REVIEW_HELD_INTRO = (
    "Aus dem Scan gelesen, aber nicht sicher genug, um sie ungeprüft zu übernehmen. Bitte jeden "
    "Wert mit dem Scan vergleichen. Eine Freigabe übernimmt genau diese Lesung bei der nächsten "
    "Einlesung (gekennzeichnet „aus Scan gelesen“); ändert sich die Lesung, gilt die Freigabe "
    "nicht mehr. Namen mit falsch gelesenen Buchstaben lassen sich vor der Freigabe berichtigen, "
    "Beträge nicht: Ist ein Betrag falsch gelesen, bitte nicht freigeben, sondern eine "
    "lesbare Fassung anfordern. Namen, die die Texterkennung nicht sicher las, sind in der "
    "Spalte „Unsicher gelesen“ markiert; sie zuerst Buchstabe für Buchstabe vergleichen."
)
REVIEW_HELD_NONE = (
    "Keine Lesung zur Freigabe: Der Scan ergab keinen vollständigen Datensatz. Bitte eine "
    "besser lesbare Fassung oder die Datei mit Textebene anfordern."
)
REVIEW_HELD_HASH = "Prüfsumme der Lesung: {reading}"
REVIEW_HELD_DOWNLOAD = "Scan herunterladen"
REVIEW_RELEASE = "Lesung nach Vergleich mit dem Scan freigeben"
REVIEW_RELEASE_NAMES = "Namen berichtigen (falls ein Buchstabe falsch gelesen ist)"
REVIEW_RELEASE_NAME = "{field} {index}"
REVIEW_RELEASE_NAME_UNSURE = "{field} {index} (unsicher gelesen)"
# a decision line's measure type its row's place leaves open ("1-3": pipelines.parse.held)
REVIEW_HELD_MEASURE_RANGE = "nicht gelesen, {first} bis {last}"
REVIEW_HELD_OPEN_MEASURE_TYPE = (
    "Keine Freigabe möglich: Die Maßnahmenart mindestens einer Bescheidzeile wurde nicht "
    "gelesen, nur eingegrenzt. Die Lesung wird übernommen, sobald ein Dokument der "
    "Gebietskörperschaft das Projekt unter einer dieser Maßnahmenarten führt; sonst bitte "
    "eine besser lesbare Fassung oder die Datei mit Textebene anfordern."
)
REVIEW_HELD_UNSURE = "ja"  # a held field read unsure (pipelines.parse.held.held_reading_json)
REVIEW_HELD_COLUMNS = {
    "field": "Feld",
    "index": "Nr.",
    "value": "Gelesener Wert",
    "unsure": "Unsicher gelesen",
    "page": "Seite",
    "line": "Zeile",
    "text": "Gelesene Zeile",
}
REVIEW_HELD_FIELDS_DE = {  # pipelines.parse.held.HeldField.field
    "district": "Kreis/Stadt",
    "year": "Haushaltsjahr",
    "budget_total_eur": "Budget",
    "ministry": "Ministerium",
    "measure_amount": "Betrag der Maßnahmenart",
    "project": "Projekt",
    "project_amount": "Betrag des Projekts",
    "earmark": "Zweckbindung",
    "other_budget": "Weiteres Budget",
    "signed_on": "Unterschriftsdatum",
    "decision_id": "Aktenzeichen",
    "decision_type": "Bescheidart",
    "decision_date": "Bescheiddatum",
    "refers_to": "Bezieht sich auf",
    "total_eur": "Bewilligungssumme",
    "used_total_eur": "Verwendet",
    "reclaimed_total_eur": "Zurückgefordert",
    "line_project": "Bescheidzeile: Projekt",
    "line_measure_type": "Bescheidzeile: Maßnahmenart",
    "line_provider": "Bescheidzeile: Träger",
    "line_amount": "Bescheidzeile: Betrag",
    "line_used": "Bescheidzeile: verwendet",
    "line_reclaimed": "Bescheidzeile: zurückgefordert",
}
REVIEW_HELD_PARTIES_DE = {"ministry": "Land", "district": "Kreis/Stadt"}
REVIEW_CHOOSE_SOURCE = "Diese Quelle verwenden"
REVIEW_WITHDRAW = "Dokument zurückziehen (bleibt archiviert, nicht mehr in den Auswertungen)"
REVIEW_FIELD = "Feld"
REVIEW_WITHDRAW_TITLE = "Dokument zurückziehen"
REVIEW_CORRECT_TITLE = "Wert korrigieren"
REVIEW_DISTRICT_PICK = "Kreis"
REVIEW_YEAR_PICK = "Haushaltsjahr"
REVIEW_DOC_AGREEMENT = "Zielvereinbarung"
REVIEW_DOC_DECISION = "Bescheid"
REVIEW_PARSED_VALUE = "Gelesener Wert (bleibt erhalten): {value}"
REVIEW_VALUE_HELP = "Beträge wie 1.230.450 € oder 1.230.450,00 €, Daten wie 02.08.2025"
REVIEW_VALUE_INVALID = {
    "amount": "„{value}“ ist kein Betrag. Bitte so angeben: 1.230.450 € oder 1.230.450,00 €.",
    "date": "„{value}“ ist kein Datum. Bitte so angeben: 02.08.2025.",
}
REVIEW_NEW_VALUE = "Neuer Wert"
REVIEW_DOCUMENT = "Dokument"
REVIEW_REVOKE = "Entscheidung widerrufen"
# beside a figure a reviewer corrected or chose (Kreisprofil, Kreisvergleich)
REVIEW_NOTE_SHOWN = "Hinweis {district} {year}: {note}"
REVIEW_REVOKE_PICK = "Entscheidung (in Kraft)"
REVIEW_AUDIT_INTRO = (
    "Jede Entscheidung, die neueste zuerst: was, Stand, wer, wann und warum. "
    "„wartet auf Einlesung“: gespeichert, gilt ab der nächsten Einlesung."
)
REVIEW_AUDIT_LINE = "{kind} · {state} · {reviewer} · {when} · Begründung: {reason} · {target}"
REVIEW_PENDING = "wartet auf Einlesung"
REVIEW_KINDS_DE = {  # as mart_review_decisions.kind_name names them
    "accept": "Zuordnung bestätigt",
    "reject": "Zuordnung abgelehnt",
    "waive": "Warnung ausgenommen",
    "withdraw": "Dokument zurückgezogen",
    "dismiss": "Quarantäne: nicht relevant",
    "settle": "Quellenkonflikt entschieden",
    "correct": "Feld korrigiert",
    "release": "Scan-Lesung freigegeben",
    "revoke": "Entscheidung widerrufen",
}
REVIEW_FIELDS_DE = {
    "budget_total_eur": "Budget (€)",
    "signed_on": "Unterschriftsdatum",
    "total_eur": "Bewilligungssumme (€)",
    "used_total_eur": "Verwendet (€)",
    "reclaimed_total_eur": "Zurückgefordert (€)",
    "decision_date": "Bescheiddatum",
}

# --- sign-in (reviewers) --------------------------------------------------------------------------
LOGIN_TITLE = "Anmeldung für Prüferinnen und Prüfer"
LOGIN_USER = "Benutzername"
LOGIN_PASSWORD = "Passwort"
LOGIN_SUBMIT = "Anmelden"
LOGIN_FAILED = "Anmeldung fehlgeschlagen."
LOGIN_OIDC = "Mit dem Landeskonto anmelden"
LOGIN_AS = "Angemeldet als {name} (Rolle: {role})"
LOGOUT = "Abmelden"
ROLES_DE = {"reader": "Lesen", "reviewer": "Prüfen"}
# Erklärung zur Barrierefreiheit (BITV 2.0 / WCAG 2.1 AA); the date of the last check is changed
# by whoever re-runs the checks (tests/browser/test_accessibility.py and a manual review)
A11Y_LINK = "Erklärung zur Barrierefreiheit"
# An address that names no page (Streamlit's own dialog would say "Page not found" in English)
NOT_FOUND_TITLE = "Seite nicht gefunden"
NOT_FOUND_TEXT = (
    "Unter der Adresse „/{slug}“ gibt es keine Seite des AQB Monitors. Vielleicht ist der Link "
    "veraltet oder unvollständig; alle Seiten stehen links in der Navigation."
)
NOT_FOUND_HOME = "Zum Überblick"
A11Y_CHECKED_ON = date(2026, 12, 2)
A11Y_INTRO = (
    "Der AQB Monitor soll für alle Menschen nutzbar sein. Diese Erklärung gilt für das "
    "Dashboard in allen seinen Seiten. Maßstab sind die Anforderungen an barrierefreie "
    "Informationstechnik des Landes Hessen und die BITV 2.0, also die europäische Norm "
    "EN 301 549 mit den WCAG 2.1 in Stufe AA."
)
A11Y_STATUS_HEADING = "Stand der Vereinbarkeit"
A11Y_STATUS = (
    "Das Dashboard ist **teilweise** mit den Anforderungen vereinbar. Die automatische Prüfung "
    "findet keine schweren oder kritischen Verstöße; die unten genannten Einschränkungen sind "
    "bekannt."
)
A11Y_LIMITS_HEADING = "Bekannte Einschränkungen"
A11Y_LIMITS = (
    "- **Diagramme** (Karte, Rangfolge, Heatmap) lassen sich nur mit der Maus anklicken. "
    "Ohne Maus: unter jedem Diagramm steht eine Zusammenfassung in Worten, die Daten stehen "
    "unter „Daten als Tabelle“, und Kreis und Maßnahmenart lassen sich in Auswahllisten "
    "wählen; die Liste „Kreisprofil öffnen“ führt zu jedem Kreis.\n"
    "- **Große Tabellen** werden als Raster gezeichnet, das Screenreader nur eingeschränkt "
    "vorlesen. Jede Tabelle lässt sich als CSV oder Excel-Datei herunterladen.\n"
    "- **Quelldokumente** (Zielvereinbarungen und Bescheide als PDF) stammen von den Kreisen "
    "und vom Regierungspräsidium und sind oft nicht barrierefrei; ihre Zahlen zeigt das "
    "Dashboard als Text.\n"
    "- Die **Seitensprache** Deutsch wird beim Laden der Seite gesetzt; ganz zu Beginn kann "
    "ein Screenreader sie noch als Englisch ansagen. Einige eingebaute Bedienelemente der "
    "Oberfläche (etwa „Fullscreen“, „Download as CSV“ an Tabellen und Diagrammen) sind "
    "englisch beschriftet.\n"
    "- Die **Kachelkarte** ist bei sehr schmaler Anzeige (320 Pixel) nur teilweise lesbar; "
    "ihre Werte stehen daneben als Text und Tabelle."
)
A11Y_CHECK_HEADING = "Prüfung"
A11Y_CHECK = (
    "Letzte Prüfung: {date}. Geprüft wurden alle Seiten und die wichtigsten Bedienzustände "
    "automatisch mit axe-core 4 (WCAG 2.0/2.1, Stufen A und AA) in Chromium, dazu die "
    "Bedienung nur mit der Tastatur, die Darstellung bei 200 % Zoom und bei 320 Pixel Breite."
)
A11Y_CONTACT_HEADING = "Barriere melden"
A11Y_CONTACT = (
    "Haben Sie eine Barriere gefunden oder brauchen Sie Inhalte in anderer Form? Schreiben Sie uns:"
)
A11Y_CONTACT_MISSING = (
    "Die Kontaktadresse ist noch nicht eingerichtet. Betreiber: bitte die Umgebungsvariable "
    "AQB_ACCESSIBILITY_CONTACT setzen (E-Mail-Adresse oder Webadresse)."
)
A11Y_ENFORCEMENT_HEADING = "Durchsetzungsverfahren"
A11Y_ENFORCEMENT = (
    "Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an "
    "die Durchsetzungsstelle für barrierefreie Informationstechnik des Landes Hessen wenden."
)


# Briefing (PDF)
BRIEFING_TITLE_STATE = "AQB Monitor Hessen – Briefing"
BRIEFING_TITLE_STATE_YEAR = "Briefing AQB {year}: Hessen gesamt"
BRIEFING_TITLE_DISTRICT = "Briefing AQB {year}: {name} ({ags})"
BRIEFING_STAND = "Stand: {published} (Europe/Berlin) · Stand-ID {snapshot_id}"
BRIEFING_LFL_CHANGE = "Veränderung, vergleichbar"
BRIEFING_CHANGE = "Veränderung zum Vorjahr"
BRIEFING_NO_PREVIOUS = "keine Vorjahresvereinbarung"
BRIEFING_SIGNED = "unterzeichnet {date}"
BRIEFING_PALE_NOTE = (
    "Helle Balken: Jahre, in denen Zielvereinbarungen fehlen (über dem Balken: Kreise mit "
    "Vereinbarung von allen Kreisen). Die Summe dieser Jahre ist nicht mit vollständigen "
    "Jahren vergleichbar."
)
BRIEFING_MONEY_HEADER = (
    "Maßnahmenart",
    "Euro",
    "Anteil",
    "laut Vereinbarung",
    "laut Bescheid",
)
BRIEFING_RANKING = "Rangfolge der Kreise {year} (nach Budget)"
BRIEFING_RANKING_HEADER = ("Rang", "Gebietskörperschaft", "Budget", "€ je Einw.", "zum Vorjahr")
BRIEFING_FLAGS = "Soll/Ist: Prüfhinweise {year}"
BRIEFING_FLAG_COUNT = "{n} Prüfhinweise (vereinbart, bewilligt, verwendet im Abgleich)."
BRIEFING_FLAG_HEADER = ("Gebietskörperschaft", "Maßnahmenart", "Hinweis")
BRIEFING_FLAG_MORE = "… und {n} weitere (vollständige Liste auf der Seite Soll/Ist)."
BRIEFING_SOURCES = "Quellen {year}"
BRIEFING_SOURCE_ITEM = "{name} (S. {page}, Z. {line})"
BRIEFING_SOURCE_NOTE = (
    "Budgets laut aktueller Zielvereinbarung (Datei, Seite, Zeile der Budgetangabe); Beträge "
    "je Maßnahmenart laut Zielvereinbarung oder bewilligtem Zuwendungsbescheid. Jede Zahl ist "
    "im AQB Monitor bis zur Fundstelle nachvollziehbar."
)
BRIEFING_DISTRICT_CHART = "Budget je Jahr"
BRIEFING_NO_AGREEMENT_SHORT = "fehlt"
BRIEFING_DISTRICT_MISSING = "Ohne Zielvereinbarung in: {years}."
BRIEFING_NO_YEAR = "Für {year} liegen im veröffentlichten Datenstand keine Daten vor."
BRIEFING_NO_DISTRICT = "Der Kreisschlüssel {ags} ist im veröffentlichten Datenstand unbekannt."
BRIEFING_DOWNLOAD = "Briefing (PDF)"
BRIEFING_DOWNLOAD_HELP = "A4, zum Ausdrucken oder Versenden: Kennzahlen, Vergleich, Quellen."

# Fassungen (Kreisprofil)
KP_VERSIONS = "Fassungen der Zielvereinbarungen"
KP_VERSIONS_NONE = "Zu jeder Zielvereinbarung dieses Kreises liegt nur eine Fassung vor."
KP_VERSION_LINE = (
    "**{year}: Fassung {version} von {versions}** (unterzeichnet {signed}, eingegangen "
    "{arrived}, Datei {source}) ersetzt Fassung {prev_version}: Budget {old} → {new} "
    "({change}); {n_added} Projekte hinzugekommen{added}, {n_removed} entfallen{removed}."
)
KP_VERSION_NAMES = " ({names})"


def briefing_file_name(snapshot_id: str, year: int, district: str | None) -> str:
    """aqb_briefing_2025_06431_<snapshot>.pdf (``hessen`` for the state). Here rather than in
    ``dashboards.briefing`` so pages name the file without importing the PDF library (fpdf2
    costs a second of the dashboard's cold start; the PDF is built only on a click)."""
    return f"aqb_briefing_{year}_{district or 'hessen'}_{snapshot_id}.pdf"
