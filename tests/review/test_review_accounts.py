"""Local reviewer accounts: salted scrypt hashes, roles, and that a reader cannot decide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.review.accounts import (
    AccountError,
    add_local_account,
    add_oidc_identity,
    authenticate,
    oidc_identity,
)
from pipelines.review.decide import NotAllowedError, decide


def test_passwords_are_stored_salted_never_plain(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    add_local_account(path, "anna", "reviewer", "korrekt-pferd-batterie")
    add_local_account(path, "ben", "reviewer", "korrekt-pferd-batterie")
    text = path.read_text(encoding="utf-8")
    assert "korrekt-pferd-batterie" not in text
    entries = {entry["name"]: entry for entry in json.loads(text)["accounts"]}
    assert entries["anna"]["salt"] != entries["ben"]["salt"]
    assert entries["anna"]["password_hash"] != entries["ben"]["password_hash"]
    assert path.stat().st_mode & 0o777 == 0o600


def test_login_checks_name_and_password(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    add_local_account(path, "anna", "reviewer", "korrekt-pferd-batterie")
    identity = authenticate(path, "anna", "korrekt-pferd-batterie")
    assert (identity.name, identity.role, identity.may_decide) == ("anna", "reviewer", True)
    with pytest.raises(AccountError):
        authenticate(path, "anna", "korrekt-pferd-batteriE")
    with pytest.raises(AccountError):
        authenticate(path, "niemand", "korrekt-pferd-batterie")
    with pytest.raises(AccountError, match="too short"):
        add_local_account(path, "kurz", "reviewer", "123")


def test_oidc_identities_read_unless_granted_the_reviewer_role(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    assert oidc_identity(path, "Leser@Example.org").role == "reader"
    add_oidc_identity(path, "pruefer@example.org", "reviewer")
    assert oidc_identity(path, "Pruefer@Example.org").may_decide
    with pytest.raises(AccountError):  # an OIDC entry has no password to log in with
        authenticate(path, "pruefer@example.org", "")


def test_a_reader_cannot_record_a_decision(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    add_local_account(path, "lea", "reader", "nur-lesen-bitte")
    reader = authenticate(path, "lea", "nur-lesen-bitte")
    log = tmp_path / "decisions.jsonl"
    with pytest.raises(NotAllowedError):
        decide(log, tmp_path, reader, "withdraw", {"sha256": "a" * 64}, "Entwurf")
    with pytest.raises(NotAllowedError):
        decide(log, tmp_path, None, "withdraw", {"sha256": "a" * 64}, "Entwurf")
    assert not log.exists()
