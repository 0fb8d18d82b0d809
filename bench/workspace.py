"""Paths of one bench warehouse: settings and environment for the pipeline, all under one root.

The same values go into ``Settings`` (for ``run_ingest``) and the ``AQB_*`` environment (for the
Streamlit app and anything that calls ``load_settings()``), so every component sees one warehouse.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BenchRoot:
    """A warehouse, archive and publish folder reading one inbox."""

    root: Path
    inbox: Path
    extra_districts_path: Path | None

    @property
    def warehouse_path(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def publish_dir(self) -> Path:
        return self.root / "published"

    def settings_values(self) -> dict[str, str | None]:
        """Field values for ``pipelines.config.Settings`` (as strings, for a JSON worker config)."""
        return {
            "inbox_dir": str(self.inbox),
            "sample_dir": str(self.root / "sample_corpus"),
            "warehouse_path": str(self.warehouse_path),
            "archive_dir": str(self.root / "archive"),
            "publish_dir": str(self.publish_dir),
            "data_docs_dir": str(self.root / "data_docs"),
            "district_geojson": None,
            "extra_districts_path": str(self.extra_districts_path)
            if self.extra_districts_path
            else None,
        }

    def environment(self) -> dict[str, str]:
        """The same paths as ``AQB_*`` variables, and a persistent Dagster home of the bench root
        (``aqb ingest`` uses ``data/dagster_home`` by default): every run is recorded with its
        events, as for a user, in the local instance's SQLite storage with kept connections
        (``pipelines.operations.storage``); per-step timings come from the run's event log."""
        values = self.settings_values()
        env = {
            "AQB_INBOX_DIR": values["inbox_dir"],
            "AQB_SAMPLE_DIR": values["sample_dir"],
            "AQB_WAREHOUSE_PATH": values["warehouse_path"],
            "AQB_ARCHIVE_DIR": values["archive_dir"],
            "AQB_PUBLISH_DIR": values["publish_dir"],
            "AQB_DATA_DOCS_DIR": values["data_docs_dir"],
            "DAGSTER_HOME": str(self.root / "dagster_home"),
        }
        if values["extra_districts_path"]:
            env["AQB_EXTRA_DISTRICTS"] = values["extra_districts_path"]
        return env

    def worker_config(self) -> dict[str, object]:
        return {"settings": self.settings_values(), "env": self.environment()}

    def fresh(self) -> BenchRoot:
        """Empty the root (keeping the inbox, which lives elsewhere)."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        return self
