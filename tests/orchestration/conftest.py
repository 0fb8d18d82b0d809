"""Fixtures for orchestration tests: a small inbox made from the real Bergstraße agreement
(tests/support/agreements.py), a PostgreSQL server and a webhook receiver."""

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

from tests.support.agreements import make_agreement


@pytest.fixture()
def small_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for year in (2024, 2025):
        (inbox / f"zielvereinbarung_{year}_bergstrasse.txt").write_text(
            make_agreement(year), encoding="utf-8"
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
