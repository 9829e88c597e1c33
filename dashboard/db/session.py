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


def make_engine(config: Config) -> sa.Engine:
    """Create an engine with pool settings suited to the backend."""
    kwargs: dict[str, Any] = {"future": True}
    if config.is_sqlite:
        kwargs["connect_args"] = {"check_same_thread": False}
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

    return engine


class Database:
    """Per-application holder of the engine and session factory, recreated after a fork."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._pid: int | None = None
        self._engine: sa.Engine | None = None
        self._sessionmaker: sessionmaker[Session] | None = None

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None or self._pid != os.getpid():
            self._engine = make_engine(self.config)
            self._sessionmaker = sessionmaker(self._engine, expire_on_commit=False)
            self._pid = os.getpid()
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        _ = self.engine
        assert self._sessionmaker is not None
        session = self._sessionmaker()
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
