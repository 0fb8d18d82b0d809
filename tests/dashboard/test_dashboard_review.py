"""The Prüfaufgaben page: reading needs no login and offers no decision; a reviewer signs in
with a local account and decides an open item, which lands in the decisions log (never in the
warehouse or the snapshot)."""

from __future__ import annotations

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
