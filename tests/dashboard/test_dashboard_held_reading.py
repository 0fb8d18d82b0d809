"""The held scan reading as the Prüfaufgaben page shows it (``review_page.held_reading_table``):
German field names and values, and the names read unsure marked for the reviewer to compare
first; a reading stored before names were marked shows none marked."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from dashboards import labels
from dashboards.review_page import held_reading_table
from pipelines.parse.decision_letter import UNTOLD_MEASURE_TYPE
from pipelines.parse.held import held_fields, held_reading_json
from tests.support import decision_records as dec

UNSURE = labels.REVIEW_HELD_COLUMNS["unsure"]
FIELD, VALUE = labels.REVIEW_HELD_COLUMNS["field"], labels.REVIEW_HELD_COLUMNS["value"]
MEASURE = "line_measure_type"


def _decision():
    return dec.decision(
        "RPK-AQB-2025-0001",
        "first",
        date(2025, 3, 14),
        [(1, "Ausbildungslotsen", "Träger A", "12000.00"), (3, "Sprachkurs", None, "8500.50")],
        year=2025,
    )


def test_the_names_read_unsure_are_marked_and_no_other_field() -> None:
    record = _decision()
    table = held_reading_table(held_reading_json(record, ("line_provider:1", "line_project:2")))
    rows = table.to_dicts()
    assert len(rows) == len(held_fields(record))
    marked = [(row[FIELD], row[VALUE]) for row in rows if row[UNSURE] == labels.REVIEW_HELD_UNSURE]
    assert marked == [
        ("Bescheidzeile: Träger", "Träger A"),
        ("Bescheidzeile: Projekt", "Sprachkurs"),
    ]
    assert {row[UNSURE] for row in rows} == {labels.REVIEW_HELD_UNSURE, ""}
    amounts = [row[VALUE] for row in rows if row[FIELD] == "Bescheidzeile: Betrag"]
    assert amounts == ["12.000,00 €", "8.500,50 €"]


def test_a_reading_stored_before_names_were_marked_shows_none_marked() -> None:
    stored = json.loads(held_reading_json(_decision(), ("line_project:1",)))
    for item in stored:
        del item["unsure"]
    table = held_reading_table(json.dumps(stored))
    assert table[UNSURE].to_list() == [""] * len(stored)


def test_a_measure_type_left_open_shows_as_not_read_with_its_range() -> None:
    """A scanned row whose marks were lost between rows of types 1 and 3 holds "1-3"
    (``pipelines.parse.held.held_measure_type``): the page says it was not read, never "1-3"
    as if it were a figure read."""
    record = _decision()
    open_row = replace(record.lines[0], measure_type=UNTOLD_MEASURE_TYPE)
    record = replace(record, lines=(record.lines[0], open_row, record.lines[1]))
    rows = held_reading_table(held_reading_json(record)).to_dicts()
    types = [row[VALUE] for row in rows if row[FIELD] == labels.REVIEW_HELD_FIELDS_DE[MEASURE]]
    assert types == ["1", "nicht gelesen, 1 bis 3", "3"]
