"""Agreement texts for the orchestration tests: the real Bergstraße agreement, moved to any year.

The real document is read from ../shared where it exists; elsewhere a stand-in in the published
layout is used, so the quality-gate tests still run there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

REFERENCE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "reference"
    / "zielvereinbarung_2025_landkreis_bergstrasse.txt"
)


# Stand-in in the published layout for machines without ../shared, so the quality-gate tests
# still run there (the real document is preferred where it exists).
FALLBACK_TEMPLATE = """Zielvereinbarung

2025

zwischen

dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales

und dem Landkreis Bergstraße

zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets

§ 4

Haushaltsmittel und Eckdaten

Das HMSI stellt dem Landkreis Bergstraße im Jahr 2025 Haushaltsmittel in Höhe von insgesamt

1.230.450 Euro

aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung.

§ 5

Ziele für die Umsetzung des Landkreises Bergstraße

Der Landkreis Bergstraße finanziert mit den Mitteln des Ausbildungs- und Qualifizierungsbudgets 2025 in den jeweiligen Maßnahmenarten folgende Projekte:

1. Ausbildungsvorbereitung
 - Vorbereitung TZ Ausbildung
2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen
3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung
 - Jobdatings
4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung
 - BASS Studium

§ 6

Zielsteuerung

Wiesbaden, den 2.8.2025

Heike Hofmann
Staatsministerin

Heppenheim, den 8.8.2025

Angelika Beckenbach
Erste Kreisbeigeordnete
"""


@cache
def agreement_text() -> str:
    """The real Bergstraße agreement where ../shared exists, else the stand-in above."""
    if REFERENCE.is_file():
        return REFERENCE.read_text(encoding="utf-8")
    return FALLBACK_TEMPLATE


def agreement_for_year(text: str, year: int, budget: str = "1.230.450") -> str:
    """The real agreement moved to ``year`` (dates too) with ``budget`` as its total."""
    return text.replace("2025", str(year)).replace("1.230.450 Euro", f"{budget} Euro")


def make_agreement(year: int, budget: str = "1.230.450") -> str:
    """The text of a variant agreement: ``agreement_text()`` moved to ``year`` with ``budget``."""
    return agreement_for_year(agreement_text(), year, budget)
