"""Quarantine reasons on the pages are the German texts of their reason codes
(pipelines.reasons.Reason, stored as reason_de), never the engineers' English sentences."""

from __future__ import annotations

import duckdb
import pytest

from dashboards import labels
from pipelines.exports import locate_snapshot
from pipelines.exports.columns import column_spec
from pipelines.reasons import Reason
from tests.support.apptest import run_app_page


@pytest.fixture
def quarantined(published_env) -> list[tuple[str, str, str]]:
    """(original_name, reason_code, English reason) of every quarantined file."""
    ref = locate_snapshot(published_env.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        rows = connection.execute(
            "SELECT original_name, reason_code, reason FROM mart_quarantine ORDER BY original_name"
        ).fetchall()
    assert rows, "the snapshot quarantines no file: nothing to check"
    return rows


def _page_text(app) -> str:
    parts = [
        element.value for kind in ("markdown", "caption", "text") for element in getattr(app, kind)
    ]
    return "\n".join(str(part) for part in parts)


def test_datenqualitaet_shows_each_reason_code_as_its_german_text(quarantined) -> None:
    app = run_app_page("datenqualitaet")
    name_header, reason_header = (column_spec(c).header_de for c in ("original_name", "reason_de"))
    tables = [
        t.value for t in app.dataframe if {name_header, reason_header} <= set(t.value.columns)
    ]
    assert len(tables) == 1
    shown = dict(zip(tables[0][name_header], tables[0][reason_header], strict=True))
    for name, code, _english in quarantined:
        assert shown[name] == Reason(code).de, name
    # the English sentence is not on the screen (it stays in the downloads)
    on_screen = _page_text(app) + "\n".join(
        str(cell) for table in app.dataframe for cell in table.value.to_numpy().ravel()
    )
    for _name, _code, english in quarantined:
        assert english not in on_screen
    assert all(column_spec("reason").header_de not in t.value.columns for t in app.dataframe)


def test_pruefaufgaben_names_a_quarantined_file_by_its_german_reason(
    published_env, quarantined
) -> None:
    app = run_app_page("pruefaufgaben")
    picks = [box for box in app.selectbox if box.key == "review_quarantine_pick"]
    if not picks:  # the factory snapshot has no review marts: nothing is open for review
        assert published_env.source == "factory", "the sample corpus has open quarantine items"
        pytest.skip("the factory snapshot has no review marts, so no open quarantine item")
    pick = picks[0]
    chosen = pick.options[int(pick.value) if isinstance(pick.value, int) else 0]
    code = next(code for name, code, _ in quarantined if name == chosen)
    texts = [element.value for element in app.text]
    assert labels.REVIEW_QUARANTINE_REASON.split("{")[0] + Reason(code).de in "\n".join(texts)
    assert any(e.label == labels.REVIEW_TECHNICAL_REASON for e in app.expander)


def test_a_known_code_reads_german() -> None:
    assert Reason("scanned_pdf").de == "Gescannte PDF ohne Textebene"
