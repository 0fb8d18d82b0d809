"""Fixtures for orchestration tests: small inboxes made from the real Bergstraße agreement."""

from __future__ import annotations

import http.server
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REFERENCE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "reference"
    / "zielvereinbarung_2025_landkreis_bergstrasse.txt"
)


# Stand-in in the published layout for machines without ../shared, so the quality-gate tests
# still run there (the real document is preferred where it exists).
FALLBACK_TEMPLATE = """Zielvereinbarung

2025

zwischen

dem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales

und dem Landkreis Bergstraße

zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets

§ 4

Haushaltsmittel und Eckdaten

Das HMSI stellt dem Landkreis Bergstraße im Jahr 2025 Haushaltsmittel in Höhe von insgesamt

1.230.450 Euro

aus dem Ausbildungs- und Qualifizierungsbudget 2025 zur Verfügung.

§ 5

Ziele für die Umsetzung des Landkreises Bergstraße

Der Landkreis Bergstraße finanziert mit den Mitteln des Ausbildungs- und Qualifizierungsbudgets 2025 in den jeweiligen Maßnahmenarten folgende Projekte:

1. Ausbildungsvorbereitung
 - Vorbereitung TZ Ausbildung
2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen
3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung
 - Jobdatings
4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung
 - BASS Studium

§ 6

Zielsteuerung

Wiesbaden, den 2.8.2025

Heike Hofmann
Staatsministerin

Heppenheim, den 8.8.2025

Angelika Beckenbach
Erste Kreisbeigeordnete
"""


@pytest.fixture(scope="session")
def agreement_text() -> str:
    """The real Bergstraße agreement where ../shared exists, else the stand-in above."""
    if REFERENCE.is_file():
        return REFERENCE.read_text(encoding="utf-8")
    return FALLBACK_TEMPLATE


def agreement_for_year(text: str, year: int, budget: str = "1.230.450") -> str:
    """The real agreement moved to ``year`` (dates too) with ``budget`` as its total."""
    return text.replace("2025", str(year)).replace("1.230.450 Euro", f"{budget} Euro")


@pytest.fixture(scope="session")
def make_agreement(agreement_text: str):
    """``make_agreement(year, budget)`` -> the text of a variant agreement (a fixture, like the other helpers)."""
    return lambda year, budget="1.230.450": agreement_for_year(agreement_text, year, budget)


@pytest.fixture()
def small_inbox(tmp_path: Path, agreement_text: str) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for year in (2024, 2025):
        (inbox / f"zielvereinbarung_{year}_bergstrasse.txt").write_text(
            agreement_for_year(agreement_text, year), encoding="utf-8"
        )
    return inbox


# --- a real PostgreSQL server for the production-instance tests -------------------------------


def _postgres_bindir() -> Path | None:
    """Debian's server binaries (package ``postgresql``; scripts/setup.sh installs it)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _as_postgres_user() -> tuple[list[str], tuple[int, int] | None]:
    """PostgreSQL refuses to run as root: as root, run it as the ``postgres`` system user."""
    if os.geteuid() != 0:
        return [], None
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and no 'postgres' user exists to run the PostgreSQL server")
    return ["runuser", "-u", "postgres", "--"], (account.pw_uid, account.pw_gid)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[dict[str, str]]:
    """A PostgreSQL server of its own in a temp folder on a free loopback port, with an empty
    database; yields the ``DAGSTER_PG_*`` variables ``docs/deploy/dagster.yaml`` reads, and
    stops the server and removes its folder afterwards."""
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server here: run 'bash scripts/setup.sh --with-browser' as root")
    prefix, owner = _as_postgres_user()
    folder = Path(tempfile.mkdtemp(prefix="aqb-pg-"))  # under /tmp: reachable by that user
    if owner is not None:
        os.chown(folder, *owner)
    data = folder / "data"
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "aqb", "--auth=trust",
         "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    port = str(free_port())
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log")]
    subprocess.run([*pg_ctl, "-w", "-t", "120", "-o", options, "start"], check=True, timeout=180)
    try:
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "aqb", "dagster_aqb"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        yield {
            "DAGSTER_PG_HOST": "127.0.0.1",
            "DAGSTER_PG_PORT": port,
            "DAGSTER_PG_DB": "dagster_aqb",
            "DAGSTER_PG_USER": "aqb",
            "DAGSTER_PG_PASSWORD": "",
        }
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Receiver(http.server.BaseHTTPRequestHandler):
    """Collects the JSON bodies POSTed to it (the alert webhook's chat endpoint)."""

    bodies: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", "0"))
        type(self).bodies.append(json.loads(self.rfile.read(length) or b"{}"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture()
def webhook_receiver() -> Iterator[tuple[str, list[dict]]]:
    """A local HTTP endpoint standing in for the chat webhook: (its URL, the bodies received)."""
    handler = type("Receiver", (_Receiver,), {"bodies": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", handler.bodies
    finally:
        server.shutdown()
        server.server_close()
