"""Hosts started together each run ``init-db`` on the one PostgreSQL database: they must take
turns, not both insert the seed and the dossier (one failing on a unique key)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[2]
URL = os.environ.get("TEST_DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not URL.startswith("postgresql"),
    reason="needs PostgreSQL (TEST_DATABASE_URL): SQLite serves one host",
)


@pytest.fixture
def empty_database():
    name = f"init_together_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    yield URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def test_two_hosts_starting_together_both_succeed_and_load_everything_once(
    empty_database, tmp_path
):
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "dashboard.cli", "init-db"],
            cwd=REPO,
            env={
                **os.environ,
                "DATABASE_URL": empty_database,
                "SECRET_KEY": "x",
                "INSTANCE_PATH": str(tmp_path / name),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name in ("a", "b")
    ]
    outputs = [p.communicate(timeout=240)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    engine = sa.create_engine(empty_database)
    try:
        with engine.connect() as conn:
            releases = conn.execute(sa.text("SELECT count(*) FROM release")).scalar()
            notes = conn.execute(
                sa.text("SELECT count(*) FROM observation WHERE note LIKE 'dossier F%'")
            ).scalar()
            units = conn.execute(sa.text("SELECT count(*) FROM municipality")).scalar()
    finally:
        engine.dispose()
    assert (releases, notes, units) == (37, 114, 162)
