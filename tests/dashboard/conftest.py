"""Fixtures of the dashboard tests: a published snapshot, from the real pipeline or the factory.

``published`` runs each test twice: on the snapshot the real Dagster ingest publishes from the
generated corpus (``ingested`` in tests/conftest.py) and on the fast factory snapshot
(tests/support/snapshot_factory.py), which also covers states the sample corpus never has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import snapshot_factory


@dataclass(frozen=True)
class Published:
    """Where a test's published data lives, whichever way it was made."""

    source: str  # 'pipeline' | 'factory'
    publish_dir: Path
    archive_dir: Path

    def env(self) -> dict[str, str]:
        return {"AQB_PUBLISH_DIR": str(self.publish_dir), "AQB_ARCHIVE_DIR": str(self.archive_dir)}


@pytest.fixture(scope="session")
def factory_snapshot(tmp_path_factory: pytest.TempPathFactory):
    return snapshot_factory.build_snapshot(tmp_path_factory.mktemp("factory_snapshot"))


@pytest.fixture(scope="session", params=["pipeline", "factory"])
def published(request: pytest.FixtureRequest) -> Published:
    if request.param == "pipeline":
        settings, _summary, _manifest = request.getfixturevalue("ingested")
        return Published("pipeline", settings.publish_dir, settings.archive_dir)
    built = request.getfixturevalue("factory_snapshot")
    return Published("factory", built.publish_dir, built.archive_dir)


@pytest.fixture
def published_env(published: Published, monkeypatch: pytest.MonkeyPatch) -> Published:
    """Point load_settings() (read on every page run) at the published data."""
    for name, value in published.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)
    return published
