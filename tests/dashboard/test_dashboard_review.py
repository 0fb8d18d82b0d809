"""The Prüfaufgaben page: reading needs no login and offers no decision; a reviewer signs in
with a local account and decides an open item, which lands in the decisions log (never in the
warehouse or the snapshot)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.review.accounts import add_local_account
from pipelines.review.log import read_log
from tests.support.apptest import run_app_page

PASSWORD = "korrekt-pferd-batterie"


@pytest.fixture
def review_env(published_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    accounts = tmp_path / "accounts.json"
    add_local_account(accounts, "anna", "reviewer", PASSWORD)
    add_local_account(accounts, "lea", "reader", "nur-lesen-bitte")
    monkeypatch.setenv("AQB_ACCOUNTS_FILE", str(accounts))
    monkeypatch.setenv("AQB_REVIEW_LOG", str(tmp_path / "decisions.jsonl"))
    return published_env, tmp_path / "decisions.jsonl"


def _submit_buttons(app: AppTest) -> list:
    return [button for button in app.button if button.label == "Entscheidung speichern"]


def _login(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="aqb_login_user").input(name)
    app.text_input(key="aqb_login_password").input(password)
    next(b for b in app.button if b.label == "Anmelden").click().run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def test_readers_see_items_but_cannot_decide(review_env) -> None:
    _published, log = review_env
    app = run_app_page("pruefaufgaben")
    assert [tab.label for tab in app.tabs][:3] == ["Zuordnungen", "Warnungen", "Quarantäne"]
    assert any("Lesezugriff" in info.value for info in app.info)
    assert all(button.disabled for button in _submit_buttons(app))
    _login(app, "lea", "nur-lesen-bitte")
    assert any("Rolle: Lesen" in text.value for text in app.text)
    assert all(button.disabled for button in _submit_buttons(app))
    assert not log.exists()


def test_wrong_password_is_refused(review_env) -> None:
    app = _login(run_app_page("pruefaufgaben"), "anna", "falsch-falsch")
    assert any(error.value == "Anmeldung fehlgeschlagen." for error in app.error)
    assert all(button.disabled for button in _submit_buttons(app))


def test_a_reviewer_decides_a_match_from_the_page(review_env) -> None:
    published, log = review_env
    if published.source != "pipeline":
        pytest.skip("the factory snapshot has no review marts (the sample corpus has)")
    app = _login(run_app_page("pruefaufgaben"), "anna", PASSWORD)
    assert any("Rolle: Prüfen" in text.value for text in app.text)
    app.radio(key="review_match_choice").set_value("reject")
    submit = next(b for b in _submit_buttons(app) if not b.disabled)
    submit.click().run()
    assert any("Begründung" in error.value for error in app.error)  # the reason is required
    assert not log.exists()
    app.text_area(key="review_match_reason").input("Zeile gehört zu keinem Projekt")
    next(b for b in _submit_buttons(app) if not b.disabled).click().run()
    assert not app.exception
    assert any("Entscheidung gespeichert" in success.value for success in app.success)
    records = read_log(log).records
    assert [(r.kind, r.reviewer, r.reason) for r in records] == [
        ("reject", "anna", "Zeile gehört zu keinem Projekt")
    ]
    assert records[0].previous["suggested_project_name"] is not None or records[0].previous
    # the Protokoll tab lists it at once (before the next ingest), as plain text
    line = re.compile(
        r"^Zuordnung abgelehnt · wartet auf Einlesung · anna · \d{2}\.\d{2}\.\d{4}, "
        r"\d{2}:\d{2} Uhr ME(S)?Z · Begründung: Zeile gehört zu keinem Projekt · match:"
    )
    assert [text.value for text in app.text if line.match(text.value)], [
        text.value for text in app.text
    ]


def test_a_reviewer_corrects_a_field_from_the_page(review_env) -> None:
    """The correction form picks a document by district, year and file, validates the value in
    German notation, and writes the same ``correct`` decision as ``aqb review correct``."""
    published, log = review_env
    if published.source != "pipeline":
        pytest.skip("the factory snapshot has no decision sources (the sample corpus has)")
    app = _login(run_app_page("pruefaufgaben"), "anna", PASSWORD)
    district = app.selectbox(key="review_correct_district")
    assert len(district.options) >= 20  # every district with a document, by name and key
    year = app.selectbox(key="review_correct_year")
    year.set_value(year.options[0]).run()
    document = app.selectbox(key="review_correct_document")
    agreement = next(i for i, label in enumerate(document.options) if "Zielvereinbarung" in label)
    document.set_value(agreement).run()
    app.selectbox(key="review_correct_field").set_value("budget_total_eur").run()
    parsed = next(t.value for t in app.text if t.value.startswith("Gelesener Wert"))
    assert "€" in parsed

    app.text_input(key="review_correct_value").input("1,2,3 Euro")
    app.text_area(key="review_correct_reason").input("Tippfehler im Budget laut Kreis")
    assert not app.button(key="review_correct_submit").disabled
    _press_correct(app)
    assert any("kein Betrag" in error.value and "1.230.450" in error.value for error in app.error)
    assert not log.exists()  # an invalid value writes nothing

    app.text_input(key="review_correct_value").input("1.230.450 €")
    app.text_area(key="review_correct_reason").input("Tippfehler im Budget laut Kreis")
    _press_correct(app)
    assert not app.exception
    assert any("Entscheidung gespeichert" in success.value for success in app.success)
    (record,) = read_log(log).records
    assert (record.kind, record.reviewer, record.reason) == (
        "correct",
        "anna",
        "Tippfehler im Budget laut Kreis",
    )
    assert record.target["field"] == "budget_total_eur" and record.target["decision_id"] is None
    assert record.payload == {"value": "1230450.00"}
    assert record.previous["value"] is not None  # the parsed value, kept

    # a grant decision's date, German notation
    document = app.selectbox(key="review_correct_document")
    bescheid = [i for i, label in enumerate(document.options) if label.startswith("Bescheid")]
    if not bescheid:
        pytest.skip("this district-year has no grant decision in the sample corpus")
    document.set_value(bescheid[0]).run()
    app.selectbox(key="review_correct_field").set_value("decision_date").run()
    app.text_input(key="review_correct_value").input("02.08.2025")
    app.text_area(key="review_correct_reason").input("Datum aus dem Original")
    _press_correct(app)
    records = read_log(log).records
    assert len(records) == 2 and records[1].payload == {"value": "2025-08-02"}
    assert records[1].target["decision_id"] and records[1].target["field"] == "decision_date"


def _press_correct(app: AppTest) -> None:
    """The correction form's own submit button (each form on the page has one)."""
    app.button(key="review_correct_submit").click().run()
