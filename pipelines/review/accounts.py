"""Who may decide: local reviewer accounts with salted scrypt password hashes, and roles.

Reading needs no account. Writing a review decision needs an identity with the role
``reviewer``: either a local account (this file, for installations without an identity provider)
or an OIDC login (Streamlit ``st.login``) whose e-mail address the same file lists with the role
it has (``"oidc": true`` entries carry no password). The file holds no plain passwords; it is
written atomically with mode 0600.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

ROLES = ("reader", "reviewer")
# scrypt cost (RFC 7914): N = 2**14, r = 8, p = 1 needs 16 MiB and ~50 ms: fine for a login,
# expensive for someone guessing offline.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
MIN_PASSWORD_CHARS = 10


class AccountError(ValueError):
    """An account that cannot be created or a login that fails (never says which part)."""


@dataclass(frozen=True)
class Account:
    name: str  # a local user name, or the e-mail address of an OIDC identity
    role: str
    salt: str = ""  # hex; empty for OIDC identities
    password_hash: str = ""  # hex scrypt digest; empty for OIDC identities
    oidc: bool = False


@dataclass(frozen=True)
class Identity:
    """A person the application knows: what the audit trail records as ``reviewer``."""

    name: str
    role: str
    via: str  # 'local' or 'oidc'

    @property
    def may_decide(self) -> bool:
        return self.role == "reviewer"


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )


def load_accounts(path: Path) -> dict[str, Account]:
    """name -> account; an absent file means no accounts (nobody may decide)."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["name"]: Account(**entry) for entry in data.get("accounts", [])}


def save_accounts(path: Path, accounts: dict[str, Account]) -> None:
    """Write the file atomically, readable only by its owner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    payload = {"accounts": [asdict(account) for account in sorted(accounts.values(), key=_key)]}
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    temp.replace(path)


def _key(account: Account) -> str:
    return account.name


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"Rolle unbekannt / unknown role {role!r}; one of {ROLES}")


def add_local_account(path: Path, name: str, role: str, password: str) -> Account:
    """Create or replace a local account with a fresh salt."""
    _check_role(role)
    name = name.strip()
    if not name:
        raise AccountError("Name fehlt / name is required")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"Passwort kürzer als {MIN_PASSWORD_CHARS} Zeichen / password too short")
    salt = secrets.token_bytes(SALT_BYTES)
    account = Account(name, role, salt.hex(), _hash(password, salt).hex())
    accounts = load_accounts(path)
    accounts[name] = account
    save_accounts(path, accounts)
    return account


def add_oidc_identity(path: Path, email: str, role: str) -> Account:
    """Grant a role to an OIDC identity (by its e-mail address); no password is stored."""
    _check_role(role)
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError("keine E-Mail-Adresse / not an e-mail address")
    account = Account(email, role, oidc=True)
    accounts = load_accounts(path)
    accounts[email] = account
    save_accounts(path, accounts)
    return account


def authenticate(path: Path, name: str, password: str) -> Identity:
    """The identity of a local account whose password matches; ``AccountError`` otherwise.
    A wrong name costs the same scrypt work as a wrong password (no user enumeration)."""
    account = load_accounts(path).get(name.strip())
    if account is None or account.oidc:
        _hash(password, b"\0" * SALT_BYTES)
        raise AccountError("Anmeldung fehlgeschlagen / login failed")
    expected = bytes.fromhex(account.password_hash)
    if not hmac.compare_digest(_hash(password, bytes.fromhex(account.salt)), expected):
        raise AccountError("Anmeldung fehlgeschlagen / login failed")
    return Identity(account.name, account.role, "local")


def oidc_identity(path: Path, email: str | None) -> Identity | None:
    """The identity of an OIDC login: its role from the accounts file, else 'reader' (a person
    the provider knows may read, but decides only once a steward granted the role)."""
    if not email:
        return None
    account = load_accounts(path).get(email.strip().lower())
    role = account.role if account is not None and account.oidc else "reader"
    return Identity(email.strip().lower(), role, "oidc")
