"""Dagster's SQLite storage with connections kept open: the local instance's history at a
fraction of the stock cost.

The stock SQLite storages create an engine, open the file, commit and close it for every write;
a one-file ingest emits some 180 events (about 435 commits and 517 closes: ~3.5 s of an ~12 s
run on this project's machines). These subclasses keep one engine per database file open
(WAL journal, ``synchronous=NORMAL``: a commit no longer waits for the disk, a crash of the
process loses nothing committed, a power cut may lose the last events), and write to the same
files in the same layout, so ``dagster dev``, the daemon and ``aqb`` share them and an instance
can go back to the stock ``storage: sqlite`` at any time. Production uses PostgreSQL
(``docs/deploy/dagster.yaml``).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as db
from dagster._config import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

# run shards whose engines stay open: the running run's and a few recent ones (a long-lived
# ``aqb watch`` would otherwise keep one open file per run it ever made)
OPEN_RUN_SHARDS = 4


def _warm_engine(conn_string: str) -> Engine:
    """One engine per file with its connection kept in the pool; WAL and NORMAL sync on connect."""
    engine = db.create_engine(
        conn_string,
        pool_size=1,
        max_overflow=4,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
    )

    @db.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


class WarmSqliteEventLogStorage(SqliteEventLogStorage):
    """Per-run event shards and the index shard as the stock storage, engines kept open."""

    def __init__(self, base_dir: str, inst_data=None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._engines_lock = threading.Lock()
        super().__init__(base_dir, inst_data)

    def _engine(self, shard: str) -> tuple[Engine, bool]:
        """The shard's engine and whether it was just made (LRU over run shards)."""
        with self._engines_lock:
            engine = self._engines.get(shard)
            if engine is not None:
                self._engines.move_to_end(shard)
                return engine, False
            engine = _warm_engine(self.conn_string_for_shard(shard))
            self._engines[shard] = engine
            run_shards = [name for name in self._engines if name != INDEX_SHARD_NAME]
            for stale in run_shards[:-OPEN_RUN_SHARDS]:
                self._engines.pop(stale).dispose()
            return engine, True

    def _template_path(self) -> str:
        """An empty, stamped run shard, made once per Dagster release next to the shards (with
        another suffix, so it is never taken for a run's shard)."""
        import dagster

        return os.path.join(
            os.path.dirname(os.path.normpath(self._base_dir)),
            f"event_shard_template-{dagster.__version__}.sqlite",
        )

    def _init_run_shard(self, shard: str, engine: Engine) -> None:
        """A new run's shard as a copy of the template: the stock ``_initdb`` loads every Alembic
        revision script for each run (~0.5 s quiet, over 1 s on a busy machine)."""
        path = self.path_for_shard(shard)
        if shard == INDEX_SHARD_NAME or os.path.exists(path):
            self._initdb(engine)
            return
        template = self._template_path()
        if not os.path.exists(template):
            made = db.create_engine(f"sqlite:///{template}.{os.getpid()}", poolclass=NullPool)
            self._initdb(made)
            with made.connect() as conn:
                conn.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
                conn.execute(db.text("PRAGMA journal_mode=DELETE"))
            made.dispose()
            os.replace(f"{template}.{os.getpid()}", template)
        temporary = f"{path}.{os.getpid()}.tmp"
        shutil.copyfile(template, temporary)
        os.replace(temporary, path)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine, _made = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._init_run_shard(shard, engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def dispose(self) -> None:
        with self._engines_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()
        super().dispose()


class _WarmConnectMixin:
    """``connect`` on one kept engine instead of a new engine per call (run and schedule DBs)."""

    _conn_string: str

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        engine = self.__dict__.get("_warm_engine")
        if engine is None:
            engine = self.__dict__["_warm_engine"] = _warm_engine(self._conn_string)
        with engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        engine = self.__dict__.pop("_warm_engine", None)
        if engine is not None:
            engine.dispose()
        super().dispose()  # type: ignore[misc]


class WarmSqliteRunStorage(_WarmConnectMixin, SqliteRunStorage):
    """Run records in ``history/runs.db``, as the stock SQLite run storage."""


class WarmSqliteScheduleStorage(_WarmConnectMixin, SqliteScheduleStorage):
    """Schedule and sensor state in ``schedules/schedules.db``, as the stock storage."""


class WarmSqliteStorage(DagsterSqliteStorage):
    """``storage: custom`` for ``dagster.yaml``: the stock layout under ``base_dir`` (default
    ``$DAGSTER_HOME/storage``, where ``storage: sqlite`` would put it)."""

    def __init__(self, base_dir: str, inst_data=None) -> None:  # noqa: D107 - replaces the stock storages
        self.base_dir = base_dir
        self._run_storage = WarmSqliteRunStorage.from_local(os.path.join(base_dir, "history"))
        self._event_log_storage = WarmSqliteEventLogStorage(
            os.path.join(base_dir, "history", "runs")
        )
        self._schedule_storage = WarmSqliteScheduleStorage.from_local(
            os.path.join(base_dir, "schedules")
        )
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def config_type(cls):
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> WarmSqliteStorage:
        base_dir = config_value.get("base_dir") or os.path.join(
            os.environ["DAGSTER_HOME"], "storage"
        )
        os.makedirs(base_dir, exist_ok=True)
        return cls(base_dir, inst_data=inst_data)
