"""Dagster resources: the DuckDB warehouse and the AQB paths, configured from ``pipelines.config``.

Every value defaults to ``load_settings()`` (environment variables with embedded defaults), so
``dagster dev`` and ``aqb ingest`` read the same places; ``run_ingest`` passes explicit values
built from a ``Settings`` so tests and benches can point everything at a temp folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

import warehouse
from pipelines.config import Settings, is_sample_corpus, load_settings


class WarehouseResource(dg.ConfigurableResource):
    """The working DuckDB file. DuckDB allows one writer, so only ingest steps open it, one at a
    time, and close it again at once; the dashboard never reads it (it reads published snapshots)."""

    path: str

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A migrated read-write connection that is closed when the step's work is done."""
        connection = warehouse.connect(Path(self.path))
        try:
            yield connection
        finally:
            connection.close()


class AqbPathsResource(dg.ConfigurableResource):
    """Folders an ingest reads and writes, plus the sample flag and optional extra districts."""

    inbox_dir: str
    archive_dir: str
    publish_dir: str
    data_docs_dir: str
    is_sample: bool
    extra_districts_path: str | None = None
    review_log_path: str = ""  # the review decisions log (pipelines.review); '' = none yet

    @property
    def inbox(self) -> Path:
        return Path(self.inbox_dir)

    @property
    def archive(self) -> Path:
        return Path(self.archive_dir)

    @property
    def publish(self) -> Path:
        return Path(self.publish_dir)

    @property
    def data_docs(self) -> Path:
        return Path(self.data_docs_dir)

    @property
    def review_log(self) -> Path:
        return Path(self.review_log_path)  # '' is the working folder: not a file, no log

    @property
    def extra_districts(self) -> Path | None:
        return Path(self.extra_districts_path) if self.extra_districts_path else None


def build_resources(settings: Settings | None = None) -> dict[str, dg.ConfigurableResource]:
    """The resource dict for Definitions and in-process runs; ``None`` reads the environment now.

    The inbox is the configured one, else the generated sample corpus. A generated corpus (its
    manifest says ``sample_data``) is flagged as sample data (Beispieldaten) all the way to the
    published snapshot, wherever it lies.
    """
    settings = settings or load_settings()
    return {
        "warehouse": WarehouseResource(path=str(settings.warehouse_path)),
        "aqb_paths": AqbPathsResource(
            inbox_dir=str(settings.effective_inbox),
            archive_dir=str(settings.archive_dir),
            publish_dir=str(settings.publish_dir),
            data_docs_dir=str(settings.data_docs_dir),
            is_sample=settings.inbox_dir is None or is_sample_corpus(settings.effective_inbox),
            extra_districts_path=str(settings.extra_districts_path)
            if settings.extra_districts_path
            else None,
            review_log_path=str(settings.review_log),
        ),
    }
