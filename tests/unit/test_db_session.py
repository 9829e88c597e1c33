"""Sessions (dashboard.db.session): write transactions on SQLite take the write lock up front.

Each test builds its own throwaway SQLite file and holds or probes its lock from a second, plain
``sqlite3`` connection that does not wait (``timeout=0``): if it can write, nobody holds the lock.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard.config import Config
from dashboard.db import session as session_module
from dashboard.db.session import Database


@pytest.fixture
def database(tmp_path: Path):
    path = tmp_path / "lock.db"
    db = Database(Config(database_url=f"sqlite:///{path}", secret_key="x", instance_path=tmp_path))
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    yield db, path
    db.dispose()


def _can_write(path: Path) -> bool:
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("INSERT INTO t VALUES (0)")
        other.rollback()
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        other.close()


def test_a_write_session_holds_the_write_lock_from_its_first_statement(database):
    db, path = database
    with db.session(write=True) as session:
        session.execute(sa.text("SELECT 1"))  # a read only, yet the lock is taken
        assert not _can_write(path)
        session.execute(sa.text("INSERT INTO t VALUES (1)"))
    assert _can_write(path), "released at commit"
    with db.session() as session:
        assert session.scalars(sa.text("SELECT x FROM t")).all() == [1]


def test_a_write_session_that_fails_releases_the_lock_and_writes_nothing(database):
    db, path = database
    with pytest.raises(RuntimeError), db.session(write=True) as session:
        session.execute(sa.text("INSERT INTO t VALUES (1)"))
        raise RuntimeError("boom")
    assert _can_write(path)
    with db.session() as session:
        assert session.scalars(sa.text("SELECT x FROM t")).all() == []


def test_a_read_session_takes_no_lock(database):
    """Reads keep the driver's default: a SELECT holds no lock and no snapshot, so a session
    that reads and then writes still waits for the lock like before."""
    db, path = database
    with db.session() as session:
        session.execute(sa.text("SELECT 1"))
        assert _can_write(path)


def test_a_writer_waits_for_the_lock_up_to_the_busy_timeout(database, monkeypatch):
    """A second write session waits for the first (here: gives up after the busy timeout)."""
    db, path = database
    monkeypatch.setattr(session_module, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.05)
    db.dispose()  # the next engine is made with the short timeout
    holder = sqlite3.connect(path, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            pytest.raises(sa.exc.OperationalError, match="database is locked"),
            db.session(write=True) as session,
        ):
            session.execute(sa.text("SELECT 1"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with db.session(write=True) as session:
        session.execute(sa.text("INSERT INTO t VALUES (2)"))


def test_the_busy_timeout_is_generous():
    """Publishing validates the whole file while it holds the lock; waiting admins must not give
    up before a large upload is through."""
    engine = session_module.make_engine(Config(database_url="sqlite://", secret_key="x"))
    try:
        raw = engine.raw_connection()
        try:
            timeout_ms = raw.driver_connection.execute("PRAGMA busy_timeout").fetchone()[0]
        finally:
            raw.close()
    finally:
        engine.dispose()
    assert timeout_ms == session_module.SQLITE_BUSY_TIMEOUT_SECONDS * 1000 >= 20_000
