"""Engine and session handling.

The engine is created lazily, per process, on first use: gunicorn forks workers after the app is
built, and a connection pool must never be shared across a fork.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session, sessionmaker

from dashboard.config import Config

_EXTENSION_KEY = "remigration_db"

# How long a SQLite connection waits for another connection's write lock before giving up with
# "database is locked". Publishing validates the whole file while it holds the lock, so this is
# well above the few seconds a 5 MB upload takes; a waiting admin then gets a clean answer.
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0

# Execution option that marks a write transaction (see Database.session(write=True)).
WRITE_TRANSACTION = "remigration_write"


def make_engine(config: Config) -> sa.Engine:
    """Create an engine with pool settings suited to the backend."""
    kwargs: dict[str, Any] = {"future": True}
    if config.is_sqlite:
        kwargs["connect_args"] = {
            "check_same_thread": False,
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        }
    else:
        # Each gunicorn worker holds at most pool_size + max_overflow connections (README,
        # "Connection pools"). pre_ping replaces connections a database restart has dropped, so
        # the app recovers from an outage by itself; the connect timeout keeps a host that has
        # vanished from the network from holding a reader for the TCP timeout (minutes).
        kwargs.update(
            pool_size=config.db_pool_size,
            max_overflow=config.db_max_overflow,
            pool_pre_ping=True,
            pool_recycle=1800,
            # JIT compilation pays off for long analytical queries; ours are short, and
            # PostgreSQL's cost estimate for an aggregate over 100 000 rows already turns it on,
            # adding 15-170 ms to a 40 ms query (bench/data_scale.py).
            connect_args={"connect_timeout": config.db_connect_timeout, "options": "-c jit=off"},
        )
    engine = sa.create_engine(config.database_url, **kwargs)
    if config.is_sqlite:

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _sqlite_begin_immediate(conn: sa.Connection) -> None:
            """Take the write lock when a write transaction begins, not at its first write.

            The sqlite3 driver begins a transaction only at the first INSERT/UPDATE/DELETE, so
            two publishers both read "not published yet" and the same next release number
            before either writes, and the second one's writes fail. ``BEGIN IMMEDIATE`` at the
            start of a write transaction makes the second wait (up to the busy timeout) and then
            read what the first committed.

            This is the ``begin`` hook of SQLAlchemy's documented recipe ("Enabling Non-Legacy
            SQLite Transactional Modes" in ``dialects/sqlite``), for write transactions only.
            The recipe's other half (``isolation_level = None`` and a BEGIN for every
            transaction) is left out on purpose: a deferred BEGIN gives a read session a
            snapshot, and a session that reads, then writes after another one committed, fails
            with "database is locked" at once instead of waiting. Read sessions keep the
            driver's behaviour. The driver sees the open transaction and emits no BEGIN of its
            own; COMMIT and ROLLBACK are the driver's as usual.
            """
            if conn.get_execution_options().get(WRITE_TRANSACTION):
                conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Database:
    """Per-application holder of the engine and session factory, recreated after a fork."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._pid: int | None = None
        self._engine: sa.Engine | None = None
        self._sessionmaker: sessionmaker[Session] | None = None
        self._write_sessionmaker: sessionmaker[Session] | None = None

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None or self._pid != os.getpid():
            self._engine = make_engine(self.config)
            self._sessionmaker = sessionmaker(self._engine, expire_on_commit=False)
            self._write_sessionmaker = sessionmaker(
                self._engine.execution_options(**{WRITE_TRANSACTION: True}),
                expire_on_commit=False,
            )
            self._pid = os.getpid()
        return self._engine

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error.

        ``write=True`` is for a transaction that reads and then writes depending on what it read
        (publish, rollback, edits): on SQLite it holds the database's write lock from its start
        (``BEGIN IMMEDIATE``), so concurrent writers run one after the other and each sees what
        the previous one committed. PostgreSQL needs no such mode: its writers lock rows
        (``SELECT … FOR UPDATE``) and wait for each other there.
        """
        _ = self.engine
        factory = self._write_sessionmaker if write else self._sessionmaker
        assert factory is not None
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None


def init_app(server: Flask, config: Config) -> Database:
    db = Database(config)
    server.extensions[_EXTENSION_KEY] = db
    return db


def get_db(app: Flask | None = None) -> Database:
    """The :class:`Database` of the current (or given) Flask app."""
    return (app or current_app).extensions[_EXTENSION_KEY]
