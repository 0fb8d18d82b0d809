"""The held scan reading as the Prüfaufgaben page shows it (``review_page.held_reading_table``):
German field names and values, and the names read unsure marked for the reviewer to compare
first; a reading stored before names were marked shows none marked."""

from __future__ import annotations

import json
from datetime import date

from dashboards import labels
from dashboards.review_page import held_reading_table
from pipelines.parse.held import held_fields, held_reading_json
from tests.support import decision_records as dec

UNSURE = labels.REVIEW_HELD_COLUMNS["unsure"]
FIELD, VALUE = labels.REVIEW_HELD_COLUMNS["field"], labels.REVIEW_HELD_COLUMNS["value"]


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
