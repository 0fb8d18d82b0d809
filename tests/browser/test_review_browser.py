"""Reviewers sign in and decide on the Prüfaufgaben page in headless Chromium; readers cannot.

Two real sign-in paths, no mock: a real OpenID Connect provider (npm ``oidc-provider``,
``tests/oidc/provider.mjs``) on loopback behind Streamlit's ``st.login``, and the local accounts
file (salted scrypt hashes). Each test serves the real dashboard over the ingested sample corpus
with its own decisions log and accounts file, so nothing leaks into other tests; what a sign-in
may do is read back from the decisions log itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboards import labels
from pipelines.config import PROJECT_ROOT
from pipelines.review.accounts import add_local_account, add_oidc_identity
from pipelines.review.log import read_log
from tests.support.browser_pages import open_page, wait_until_drawn
from tests.support.dashboard_server import serve_dashboard
from tests.support.headless import free_port

pytestmark = pytest.mark.browser

OIDC_DIR = PROJECT_ROOT / "tests" / "oidc"
PROVIDER_READY_TIMEOUT_S = 60
HEALTH_TIMEOUT_S = 120
REVIEWER_EMAIL = "pruefer@example.org"
READER_EMAIL = "leser@example.org"
REVIEWER_PASSWORD = "korrekt-pferd-batterie"
READER_PASSWORD = "nur-lesen-bitte"
CLIENT_ID = "aqb-monitor"
CLIENT_SECRET = "nur-fuer-den-test-0123456789abcdef"
NAV_TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class ReviewServer:
    base_url: str
    review_log: Path
    accounts_file: Path


@contextmanager
def _serve_dashboard(
    settings, review_dir: Path, port: int, extra_flags: tuple[str, ...] = ()
) -> Iterator[ReviewServer]:
    """The dashboard on ``port`` with this test's decisions log and accounts."""
    review_log = review_dir / "decisions.jsonl"
    accounts_file = review_dir / "accounts.json"
    extra_env = {"AQB_REVIEW_LOG": str(review_log), "AQB_ACCOUNTS_FILE": str(accounts_file)}
    with serve_dashboard(
        settings, port, review_dir / "streamlit.log", extra_env, extra_flags, HEALTH_TIMEOUT_S
    ) as base_url:
        yield ReviewServer(base_url, review_log, accounts_file)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def _oidc_provider(redirect_uri: str) -> Iterator[str]:
    """The real provider on a free loopback port; yields its issuer once it printed "ready"."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the OIDC provider (npm oidc-provider) needs Node.js")
    if not (OIDC_DIR / "node_modules" / "oidc-provider" / "package.json").is_file():
        pytest.fail("tests/oidc/node_modules is missing: run `npm ci --prefix tests/oidc`")
    port = free_port()
    process = subprocess.Popen(
        [node, str(OIDC_DIR / "provider.mjs"), str(port), CLIENT_ID, CLIENT_SECRET, redirect_uri],
        cwd=OIDC_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for_ready(process)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


def _wait_for_ready(process: subprocess.Popen) -> None:
    """Read the provider's output until "ready" (readline blocks; the process ends on failure)."""
    seen: list[str] = []
    for line in process.stdout:
        seen.append(line)
        if line.strip() == "ready":
            return
    raise RuntimeError(f"OIDC provider exited with {process.wait()}: {''.join(seen)[-2000:]}")


def _secrets_file(path: Path, issuer: str, redirect_uri: str) -> Path:
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{redirect_uri}"\n'
        f'cookie_secret = "{CLIENT_SECRET}-cookie"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        # Streamlit asks for prompt=select_account by default, which oidc-provider refuses
        # ("unsupported prompt value"); "login" always shows the provider's sign-in form
        'client_kwargs = { prompt = "login" }\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def oidc_server(ingested, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewServer]:
    """The dashboard whose ``[auth]`` secrets point at the running provider."""
    settings, _summary, _manifest = ingested
    review_dir = tmp_path_factory.mktemp("review_oidc")
    port = free_port()
    redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
    with _oidc_provider(redirect_uri) as issuer:
        secrets = _secrets_file(review_dir / "secrets.toml", issuer, redirect_uri)
        flags = (f"--secrets.files={secrets}",)
        with _serve_dashboard(settings, review_dir, port, flags) as server:
            yield server


@pytest.fixture(scope="module")
def local_server(ingested, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewServer]:
    """The dashboard without an identity provider: the local accounts file only."""
    settings, _summary, _manifest = ingested
    review_dir = tmp_path_factory.mktemp("review_local")
    with _serve_dashboard(settings, review_dir, free_port()) as server:
        yield server


@pytest.fixture
def new_tab(browser):
    """A fresh browser context per sign-in (its own cookies), closed after the test."""
    contexts = []

    def open_tab():
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(NAV_TIMEOUT_MS)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def _open_review_page(page, server: ReviewServer) -> None:
    open_page(page, server.base_url, "pruefaufgaben")
    page.get_by_role("tab", name=labels.REVIEW_TABS["match"]).wait_for()


def _submit_button(page):
    """The decision form's button on the open tab (hidden tabs are not in the role tree)."""
    return page.get_by_role("button", name=labels.REVIEW_SUBMIT)


def _signed_in_as(page, name: str, role: str) -> None:
    text = labels.LOGIN_AS.format(name=name, role=labels.ROLES_DE[role])
    page.get_by_text(text, exact=True).wait_for()
    wait_until_drawn(page)


def _oidc_sign_in(page, server: ReviewServer, email: str) -> None:
    """Click the provider button, sign in on the provider's own form, consent, come back."""
    _open_review_page(page, server)
    page.get_by_role("button", name=labels.LOGIN_OIDC).click()
    page.wait_for_url(re.compile(r".*/interaction/.*"))
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill("beliebig")
    page.get_by_role("button", name="Sign-in").click()
    consent = page.get_by_role("button", name="Continue")
    back_in_app = page.locator('[data-testid="stApp"]')
    consent.or_(back_in_app).first.wait_for()
    if consent.count():
        consent.click()
    back_in_app.wait_for()
    _open_review_page(page, server)


def _local_sign_in(page, server: ReviewServer, name: str, password: str) -> None:
    _open_review_page(page, server)
    page.get_by_role("textbox", name=labels.LOGIN_USER).fill(name)
    page.get_by_role("textbox", name=labels.LOGIN_PASSWORD).fill(password)
    page.get_by_role("button", name=labels.LOGIN_SUBMIT).click()


def _reject_first_match(page, reason: str) -> None:
    """Decide the open tab's first match item: "Keinem Projekt zuordnen" with a reason."""
    page.get_by_text(labels.REVIEW_CHOICES_MATCH["reject"], exact=True).click()
    page.get_by_role("textbox", name=labels.REVIEW_REASON).fill(reason)
    _submit_button(page).click()
    page.get_by_text("Entscheidung gespeichert").wait_for()


def _assert_cannot_decide(page, server: ReviewServer) -> None:
    page.get_by_text(labels.REVIEW_READ_ONLY).wait_for()
    page.get_by_text(re.compile(r"^\d+ offen$")).first.wait_for()  # the items are shown
    assert _submit_button(page).count() >= 1
    assert _submit_button(page).first.is_disabled()
    assert not server.review_log.exists()


def test_oidc_reviewer_decides_and_oidc_reader_cannot(oidc_server, new_tab) -> None:
    add_oidc_identity(oidc_server.accounts_file, REVIEWER_EMAIL, "reviewer")
    add_oidc_identity(oidc_server.accounts_file, READER_EMAIL, "reader")

    reader = new_tab()
    _oidc_sign_in(reader, oidc_server, READER_EMAIL)
    _signed_in_as(reader, READER_EMAIL, "reader")
    _assert_cannot_decide(reader, oidc_server)

    reviewer = new_tab()
    _oidc_sign_in(reviewer, oidc_server, REVIEWER_EMAIL)
    _signed_in_as(reviewer, REVIEWER_EMAIL, "reviewer")
    assert _submit_button(reviewer).first.is_enabled()
    _reject_first_match(reviewer, "Zeile gehört zu keinem Projekt (OIDC)")

    records = read_log(oidc_server.review_log).records
    assert [(r.kind, r.reviewer, r.reason) for r in records] == [
        ("reject", REVIEWER_EMAIL, "Zeile gehört zu keinem Projekt (OIDC)")
    ]
    assert records[0].target["decision_id"]


def test_local_reader_cannot_decide_and_local_reviewer_can(local_server, new_tab) -> None:
    add_local_account(local_server.accounts_file, "lea", "reader", READER_PASSWORD)
    add_local_account(local_server.accounts_file, "anna", "reviewer", REVIEWER_PASSWORD)

    anonymous = new_tab()
    _open_review_page(anonymous, local_server)
    assert anonymous.get_by_role("button", name=labels.LOGIN_OIDC).count() == 0
    _assert_cannot_decide(anonymous, local_server)

    reader = new_tab()
    _local_sign_in(reader, local_server, "lea", READER_PASSWORD)
    _signed_in_as(reader, "lea", "reader")
    _assert_cannot_decide(reader, local_server)

    reviewer = new_tab()
    _local_sign_in(reviewer, local_server, "anna", REVIEWER_PASSWORD)
    _signed_in_as(reviewer, "anna", "reviewer")
    assert _submit_button(reviewer).first.is_enabled()
    _reject_first_match(reviewer, LOCAL_REASON)

    records = read_log(local_server.review_log).records
    assert [(r.kind, r.reviewer, r.reason) for r in records] == [("reject", "anna", LOCAL_REASON)]
    _assert_in_audit(reviewer, "anna", LOCAL_REASON)


# markup characters in a reason must reach the screen as typed, never as emphasis or HTML
LOCAL_REASON = "Zeile gehört zu keinem Projekt (lokal), *nicht kursiv* <b>nicht fett</b>"


def _assert_in_audit(page, reviewer: str, reason: str) -> None:
    """The Protokoll tab lists the decision just made: who, when (German date and time with
    its zone) and the reason, as plain text."""
    page.get_by_role("tab", name=labels.REVIEW_TABS["audit"]).click()
    line = page.get_by_text(
        re.compile(
            rf"· {re.escape(reviewer)} · \d{{2}}\.\d{{2}}\.\d{{4}}, \d{{2}}:\d{{2}} Uhr MES?Z"
            rf" · Begründung: {re.escape(reason)} · "
        )
    )
    line.first.wait_for()
    shown = line.first.inner_text()
    assert shown.startswith(labels.REVIEW_KINDS_DE["reject"]), shown
    assert reason in shown  # asterisks and tags kept: text, not Markdown or HTML
    assert line.first.locator("b, em, strong").count() == 0
