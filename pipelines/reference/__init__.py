"""Reference data shipped with the project: districts, measure types, ministries, figures.

The CSV files under ``data/`` are the single source; the warehouse loads them as ``ref_*`` tables
(see ``warehouse/migrations``) and the parsers read them through the functions below.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("pipelines.reference") / "data"))

REFERENCE_TABLES: dict[str, str] = {
    # warehouse table name -> CSV file under DATA_DIR
    "ref_districts": "districts.csv",
    "ref_district_population": "district_population.csv",
    "ref_district_name_forms": "district_name_forms.csv",
    "ref_measure_types": "measure_types.csv",
    "ref_measure_type_names": "measure_type_names.csv",
    "ref_ministries": "ministries.csv",
    "ref_published_figures": "published_figures.csv",
}


@dataclass(frozen=True)
class District:
    district_ags: str
    official_name: str
    destatis_name: str
    district_type: str
    regierungsbezirk: str
    seat: str
    population: int
    population_reference_date: date


@dataclass(frozen=True)
class Ministry:
    valid_from: date
    valid_to: date | None
    name: str
    short_name: str
    minister: str
    minister_role: str


def coded_reference_rows() -> dict[str, list[tuple[str, str, str]]]:
    """Reference tables filled from enums rather than CSVs: table -> (code, German text, English
    text) per member. The enums are the one declaration; the warehouse stores their texts."""
    from pipelines.contracts.vocabulary import DocumentType
    from pipelines.reasons import Reason

    return {
        "ref_document_types": [(member.value, member.de, member.en) for member in DocumentType],
        "ref_quarantine_reasons": [(member.value, member.de, member.en) for member in Reason],
    }


def read_csv_rows(file_name: str) -> list[dict[str, str]]:
    """Rows of one reference CSV as dicts of strings (keys keep their leading zeros)."""
    with open(DATA_DIR / file_name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def districts() -> dict[str, District]:
    """The 26 districts keyed by their 5-digit AGS."""
    population = {row["district_ags"]: row for row in read_csv_rows("district_population.csv")}
    return {
        row["district_ags"]: _district_from_row({**row, **population[row["district_ags"]]})
        for row in read_csv_rows("districts.csv")
    }


def _district_from_row(row: dict[str, str]) -> District:
    """A District from a CSV row holding the district columns plus population and reference_date."""
    return District(
        district_ags=row["district_ags"],
        official_name=row["official_name"],
        destatis_name=row["destatis_name"],
        district_type=row["district_type"],
        regierungsbezirk=row["regierungsbezirk"],
        seat=row["seat"],
        population=int(row["population"]),
        population_reference_date=date.fromisoformat(row["reference_date"]),
    )


@cache
def district_name_forms() -> tuple[tuple[str, str], ...]:
    """(name_form, district_ags) pairs, longest form first so specific names win."""
    pairs = [
        (row["name_form"], row["district_ags"]) for row in read_csv_rows("district_name_forms.csv")
    ]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def district_tiles() -> dict[str, tuple[int, int, str, str]]:
    """district_ags -> (column, row, label, short code) of the dashboard's tile-grid map
    (``district_tiles.csv``; column 0 = west, row 0 = north, ``|`` in a label is a line break)."""
    return {
        row["district_ags"]: (
            int(row["tile_col"]),
            int(row["tile_row"]),
            row["tile_label"].replace("|", "\n"),
            row["tile_short"].replace("|", "\n"),
        )
        for row in read_csv_rows("district_tiles.csv")
    }


@cache
def measure_types() -> dict[int, str]:
    """Measure type number (1..4) -> current official name."""
    return {int(row["measure_type"]): row["name"] for row in read_csv_rows("measure_types.csv")}


@cache
def measure_type_name_forms() -> tuple[tuple[str, int], ...]:
    """(name_form, measure_type) pairs including historical wording, longest first."""
    pairs = [
        (row["name_form"], int(row["measure_type"]))
        for row in read_csv_rows("measure_type_names.csv")
    ]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def ministries() -> tuple[Ministry, ...]:
    """The labour ministry's names and ministers by period, oldest first."""
    return tuple(
        Ministry(
            valid_from=date.fromisoformat(row["valid_from"]),
            valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            name=row["name"],
            short_name=row["short_name"],
            minister=row["minister"],
            minister_role=row["minister_role"],
        )
        for row in read_csv_rows("ministries.csv")
    )


def ministry_on(day: date) -> Ministry:
    """The ministry in office on ``day`` (the earliest period for days before 2010)."""
    for ministry in reversed(ministries()):
        if ministry.valid_from <= day:
            return ministry
    return ministries()[0]


EXTRA_DISTRICT_COLUMNS = (
    "district_ags",
    "official_name",
    "destatis_name",
    "district_type",
    "regierungsbezirk",
    "nuts3",
    "seat",
    "seat_confirmed",
    "valid_from",
    "valid_to",
    "population",
    "reference_date",
    "name_forms",  # every name form a document may use, separated by "|"
)


@dataclass(frozen=True)
class DistrictIndex:
    """The districts a parser may resolve: the shipped 26, plus optional extra ones.

    Extra districts serve the benchmark's scaled corpora ("as if K states"): a CSV with
    ``EXTRA_DISTRICT_COLUMNS`` named by ``Settings.extra_districts_path``. Parsers take an index
    as an argument so they stay pure (no file reads inside a parser).
    """

    by_ags: dict[str, District]
    name_forms: tuple[tuple[str, str], ...]  # (name_form, district_ags), longest first

    @classmethod
    def shipped(cls) -> DistrictIndex:
        return _shipped_index()

    @classmethod
    def with_extra(cls, extra_path: Path | None) -> DistrictIndex:
        """Shipped districts plus those in ``extra_path`` (None: shipped only)."""
        if extra_path is None:
            return cls.shipped()
        by_ags = dict(districts())
        forms = list(district_name_forms())
        with open(extra_path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                by_ags[row["district_ags"]] = _district_from_row(row)
                forms.extend(
                    (form, row["district_ags"]) for form in row["name_forms"].split("|") if form
                )
        return cls(
            by_ags=by_ags, name_forms=tuple(sorted(forms, key=lambda p: len(p[0]), reverse=True))
        )


@cache
def _shipped_index() -> DistrictIndex:
    return DistrictIndex(by_ags=districts(), name_forms=district_name_forms())


@cache
def german_words() -> frozenset[str]:
    """Tesseract's own German word list (lower-cased): the words its ``deu`` model knows,
    place names included. Extracted from Debian's ``tesseract-ocr-deu`` (Apache-2.0) with
    ``combine_tessdata -u deu.traineddata deu.`` and ``dawg2wordlist deu.lstm-unicharset
    deu.lstm-word-dawg words.txt``; a name read from a scan is held against it
    (pipelines.parse.lexicon)."""
    with gzip.open(DATA_DIR / "tesseract_deu_words.txt.gz", "rt", encoding="utf-8") as stream:
        return frozenset(line.strip().casefold() for line in stream if line.strip())
