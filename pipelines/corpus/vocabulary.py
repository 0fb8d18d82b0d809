"""Word material for the synthetic corpus: project names, providers, signers, name variants.

Every name here is invented (apart from the reference agreement's projects); combinations are
drawn with the corpus's seeded random generator so the same seed gives the same names.
All strings are latin-1 so the PDFs (Helvetica core font) can print them unchanged.
"""

from __future__ import annotations

import random

# project names per measure type; "{ort}" becomes the district's seat
PROJECT_POOLS: dict[int, tuple[str, ...]] = {
    1: (
        "Ausbildungsvorbereitung",
        "Vorbereitung TZ Ausbildung",
        "Produktionsschule {ort}",
        "Jugendwerkstatt {ort}",
        "Werkstattjahr Plus",
        "Fit für die Ausbildung",
        "Berufsorientierung für junge Geflüchtete",
        "Praxisklasse {ort}",
        "Ausbildungsreife stärken",
        "Kompetenzagentur {ort}",
        "Einstiegsqualifizierung Plus",
        "Berufliche Orientierung für Alleinerziehende",
        "Sprungbrett Ausbildung",
        "Gesundheitsförderung für Jugendliche",
        "Jugend stärken im Quartier {ort}",
        "Startklar in den Beruf",
        "Übergangsmanagement Schule-Beruf",
    ),
    2: (
        "Ausbildungscoaching",
        "Assistierte Ausbildung Plus",
        "Teilzeitausbildung für Alleinerziehende",
        "Verbundausbildung Pflege",
        "Kooperative Ausbildung im Handwerk",
        "Ausbildungsplatzakquise {ort}",
        "Coaching für Auszubildende mit Fluchthintergrund",
        "Ausbildung in der Altenpflegehilfe",
        "Ausbildungsbegleitung {ort}",
        "Außerbetriebliche Ausbildung Metall",
        "Ausbildungsverbund Gastronomie",
        "Ausbildungsabbrüche vermeiden",
    ),
    3: (
        "Absolventenmanagement I",
        "Sprachkursbegleitende Unterstützung {ort}",
        "Digitalisierung Migration",
        'Gesundheitsmaßnahme "Fit in den Beruf"',
        "Jobdatings",
        "Qualifizierung Lagerlogistik",
        "Berufsbezogene Sprachförderung {ort}",
        "Frauen in Arbeit",
        "Qualifizierung zur Betreuungskraft",
        "Fachkräftesicherung Pflegehilfe",
        "Perspektive Beruf 50plus",
        "Teilqualifizierung Metall",
        "Integrationslotsen {ort}",
        "Arbeitsmarktnahe Qualifizierung Gastronomie",
        "Qualifizierung Hauswirtschaft",
        "Job-Coaching für Langzeitarbeitslose",
        "Kompetenzfeststellung und Profiling",
        "Beschäftigungsbrücke {ort}",
        "Mobile Jobberatung",
        "Digitale Grundbildung für Erwachsene",
        "Qualifizierung Garten- und Landschaftsbau",
        "Anerkennungsberatung ausländischer Abschlüsse",
    ),
    4: (
        "BASS Studium",
        "Fortbildung Fallmanagement",
        "Interkulturelle Kompetenz für Fachkräfte",
        "Weiterbildung Migrationsberatung",
        "Qualifizierung Jobcoaching für Fachpersonal",
        "Fachtag Übergang Schule-Beruf",
        "Supervision für Fachkräfte der Jugendberufshilfe",
    ),
}
# only in certain years (Covid add-ons 2020-21; scientific support under the older rules)
PERIOD_PROJECTS: dict[int, tuple[tuple[str, int, int], ...]] = {
    2: (("Schutzschirm für Ausbildungssuchende", 2020, 2021),),
    3: (("Brückenqualifizierung für Frauen", 2020, 2021),),
    4: (("Wissenschaftliche Begleitung der regionalen Strategie", 2000, 2018),),
}
# how many projects a measure type usually has (min, max)
PROJECT_COUNT_RANGE = {1: (0, 3), 2: (0, 2), 3: (2, 6), 4: (0, 2)}

# the real Bergstraße 2025 agreement's projects (../shared/reference)
BERGSTRASSE_2025_PROJECTS: dict[int, tuple[str, ...]] = {
    1: ("Vorbereitung TZ Ausbildung", "Ausbildungsvorbereitung"),
    2: (),
    3: (
        "Absolventenmanagement I",
        "Sprachkursbegleitende Unterstützung Bensheim",
        "Sprachkursbegleitende Unterstützung Viernheim",
        "Digitalisierung Migration",
        'Gesundheitsmaßnahme "Fit in den Beruf"',
        "Jobdatings",
    ),
    4: ("BASS Studium",),
}

PROVIDER_PATTERNS = (
    "Bildungswerk {short} gGmbH",
    "Internationaler Bund Südwest gGmbH",
    "Jugendwerkstatt {ort} e.V.",
    "Volkshochschule {short}",
    "Caritasverband {short} e.V.",
    "Diakonisches Werk {short}",
    "Berufsbildungszentrum {ort} gGmbH",
    "Arbeit und Bildung {short} e.V.",
    "Kolping-Bildungswerk gGmbH",
    "Zentrum für Weiterbildung {ort} gGmbH",
    "Beschäftigungsgesellschaft {short} mbH",
    "Frauenbildungswerk {ort} e.V.",
)

FIRST_NAMES_F = (
    "Angelika",
    "Birgit",
    "Claudia",
    "Dagmar",
    "Elke",
    "Franziska",
    "Gabriele",
    "Heike",
    "Ines",
    "Jutta",
    "Katrin",
    "Lena",
    "Monika",
    "Nicole",
    "Petra",
    "Sabine",
    "Tanja",
    "Ursula",
    "Vera",
)
FIRST_NAMES_M = (
    "Andreas",
    "Bernd",
    "Christian",
    "Dirk",
    "Erich",
    "Frank",
    "Georg",
    "Holger",
    "Jens",
    "Klaus",
    "Lothar",
    "Markus",
    "Norbert",
    "Oliver",
    "Peter",
    "Rainer",
    "Stefan",
    "Thomas",
    "Uwe",
)
LAST_NAMES = (
    "Albrecht",
    "Brenner",
    "Dörr",
    "Eckhardt",
    "Fenske",
    "Gerlach",
    "Hahnemann",
    "Imhof",
    "Jäckel",
    "Kessler",
    "Lindner",
    "Mörsdorf",
    "Nolte",
    "Oberlies",
    "Pfeiffer",
    "Quandt",
    "Rehberg",
    "Schäfer",
    "Trautmann",
    "Ulbrich",
    "Volkmar",
    "Wendel",
    "Zeitler",
    "Bachmann",
    "Heuser",
    "Kraushaar",
    "Sommerlad",
    "Weißbecker",
)

# roles by (district is a city, signer is female, is the head)
DISTRICT_ROLES = {
    (False, False, True): "Landrat",
    (False, True, True): "Landrätin",
    (False, False, False): "Erster Kreisbeigeordneter",
    (False, True, False): "Erste Kreisbeigeordnete",
    (True, False, True): "Oberbürgermeister",
    (True, True, True): "Oberbürgermeisterin",
    (True, False, False): "Bürgermeister",
    (True, True, False): "Bürgermeisterin",
}

_ABBREVIATIONS = (
    ("Ausbildungsvorbereitung", "Ausbildungsvorb."),
    ("Unterstützung", "Unterst."),
    ("Qualifizierung", "Qualif."),
    ("Ausbildung", "Ausb."),
    ("Weiterbildung", "Weiterb."),
    ("Fachkräfte", "Fachkr."),
    ("Teilzeitausbildung", "TZ-Ausbildung"),
    ("TZ Ausbildung", "Teilzeitausbildung"),
)
_UMLAUTS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))


def variant_spelling(name: str, rng: random.Random) -> str:
    """How a decision may spell a project differently from the agreement (fuzzy matching needed).

    Abbreviations, umlauts transliterated, words reordered, a prefix or a hyphenation change;
    always a different string that a token-based fuzzy matcher still links to the original.
    """
    candidates: list[str] = []
    for long_form, short_form in _ABBREVIATIONS:
        if long_form in name:
            candidates.append(name.replace(long_form, short_form, 1))
    transliterated = name
    for umlaut, replacement in _UMLAUTS:
        transliterated = transliterated.replace(umlaut, replacement)
    if transliterated != name:
        candidates.append(transliterated)
    words = name.split()
    if len(words) >= 3:
        candidates.append(" ".join([words[-1], *words[:-1]]))
        candidates.append(f"{' '.join(words[:-1])} ({words[-1]})")
    if len(words) == 2:
        candidates.append(f"{words[1]}, {words[0]}")
        candidates.append("-".join(words))
    candidates.append(f"Projekt {name}")
    candidates.append(name.replace('"', "") if '"' in name else f"{name} - Fortführung")
    candidates = [
        candidate for candidate in candidates if candidate != name and ";" not in candidate
    ]
    return rng.choice(candidates)
