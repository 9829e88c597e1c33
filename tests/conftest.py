"""Shared fixtures for the unit and HTTP tests (Flask-tutorial style).

* One database per test session, migrated and seeded exactly as ``remigration init-db`` does
  (without the dossier of published figures unless ``SHARED_DB_HAS_DOSSIER``):
  ``TEST_DATABASE_URL`` when set (CI: PostgreSQL, wiped of this app's tables first), otherwise a
  SQLite file in pytest's temporary directory. Tests must leave it as they found it; a test that
  needs to break the data builds its own throwaway SQLite database instead.
* ``TEST_REDIS_URL`` (CI: ``redis://127.0.0.1:6379/15``) switches the app's cache from the
  in-process SimpleCache to Redis; that Redis database is flushed once at session start so no
  entry from an earlier run can answer a query.
* ``app`` / ``client`` / ``db`` / ``app_context`` are per test, so cookies (the language choice)
  and the in-process cache never leak from one test into another.
* ``record_app`` is one read-only app per session on a SQLite database holding the real record
  (the seed and the published figures of data/seed/dossier, as ``init-db`` loads them), for
  tests that read what a reader would meet; ``record_client`` / ``record_context`` are per test.
  Nothing may write to it (the connection is ``query_only``): a test that publishes or edits
  builds its own database (``support.built_sqlite_config``).
* ``seed_values`` is the seed table as the app should store it, keyed by
  ``(period, region, metric)``, for tests that compare served numbers with the seed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from support import ADMIN_PASSWORD, STAFF_PASSWORD, built_sqlite_config
from werkzeug.serving import make_server

from dashboard import create_app
from dashboard.config import Config, normalise_database_url
from dashboard.db.migrate import init_db
from dashboard.db.models import Base
from dashboard.db.seed import OBSERVATIONS_FILE, read_csv, read_published_table
from dashboard.db.session import Database, get_db

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = REPO_ROOT / "data" / "seed"
# Whether the shared test database also holds the dossier of published figures, as `init-db`
# loads it (tests/unit/test_dossier_loader.py checks the dossier on databases of its own). Off
# until the suite is ready for it: with it on, tests written against the seed table alone fail
# (their counts, periods and contacts), and so do uploads the old overlap rule refuses.
SHARED_DB_HAS_DOSSIER = False


def _drop_app_tables(url: str) -> None:
    """Start PostgreSQL from a clean slate: drop this app's tables and Alembic's bookkeeping."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            quote = conn.dialect.identifier_preparer.quote
            names = [t.name for t in reversed(Base.metadata.sorted_tables)] + ["alembic_version"]
            for name in names:
                conn.execute(sa.text(f"DROP TABLE IF EXISTS {quote(name)} CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _flush_test_redis() -> None:
    """Empty the test Redis database (only the one named by TEST_REDIS_URL) once per session."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.flushdb()
    finally:
        client.close()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of the session's database, already migrated and seeded."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = normalise_database_url(url)
        if not url.startswith("sqlite"):
            _drop_app_tables(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    config = Config(
        database_url=url,
        secret_key="test",
        testing=True,
        instance_path=tmp_path_factory.mktemp("init-instance"),
    )
    database = Database(config)
    try:
        init_db(database, dossier=SHARED_DB_HAS_DOSSIER)
    finally:
        database.dispose()
    return url


@pytest.fixture
def config(database_url: str, tmp_path: Path) -> Config:
    return Config(
        database_url=database_url,
        secret_key="test",
        testing=True,
        instance_path=tmp_path / "instance",
        redis_url=os.environ.get("TEST_REDIS_URL") or None,
    )


@pytest.fixture
def make_app() -> Iterator[Any]:
    """Factory for apps with their own config; their database pools are closed afterwards."""
    built: list[Any] = []

    def make(config: Config) -> Any:
        dash_app = create_app(config)
        built.append(dash_app)
        return dash_app

    yield make
    for dash_app in built:
        get_db(dash_app.server).dispose()


@pytest.fixture
def app(make_app: Any, config: Config) -> Any:
    """The Dash app; ``app.server`` is its Flask server."""
    return make_app(config)


@pytest.fixture
def client(app: Any) -> Any:
    return app.server.test_client()


@pytest.fixture
def db(app: Any) -> Database:
    return get_db(app.server)


@pytest.fixture
def app_context(app: Any) -> Iterator[Any]:
    """Run the test inside the Flask app context (what the query layer needs)."""
    with app.server.app_context() as ctx:
        yield ctx


@pytest.fixture(scope="session")
def record_config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """Config of the session's SQLite database holding the real record (seed + dossier)."""
    return built_sqlite_config(tmp_path_factory.mktemp("record"), dossier=True)


@pytest.fixture(scope="session")
def seed_only_config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """Config of a SQLite database holding the seed table alone (no dossier), whatever
    ``SHARED_DB_HAS_DOSSIER`` says: for tests of what the pages say without published national
    figures. Read it only."""
    return built_sqlite_config(tmp_path_factory.mktemp("seed-only"), dossier=False)


def _read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


@pytest.fixture(scope="session")
def record_app(record_config: Config) -> Iterator[Any]:
    """One app per session on the real record, built once because loading the dossier is slow.

    Shared by every test that asks for it, so its connections refuse writes (SQLite's
    ``query_only``): a test that changed the record would change what the others read.
    """
    dash_app = create_app(record_config)
    # Claim the page callbacks now: Dash registers them on an app's first request, and the next
    # app built in this session clears what is unclaimed (``forget_unclaimed_page_callbacks``).
    assert dash_app.server.test_client().get("/_dash-dependencies").status_code == 200
    engine = get_db(dash_app.server).engine
    sa.event.listen(engine, "connect", _read_only)
    engine.dispose()  # connections opened before the listener was added
    yield dash_app
    get_db(dash_app.server).dispose()


@pytest.fixture
def record_client(record_app: Any) -> Any:
    """A test client of ``record_app`` (its own cookies, so no language choice leaks)."""
    return record_app.server.test_client()


@pytest.fixture
def record_context(record_app: Any) -> Iterator[Any]:
    """Run the test inside ``record_app``'s app context (what the query layer needs)."""
    with record_app.server.app_context():
        yield record_app


@pytest.fixture(scope="session")
def record_server(record_app: Any) -> Iterator[str]:
    """``record_app`` served over real HTTP on a free loopback port (its address): for tools
    that fetch by URL (frictionless, pandas, R), as a reader's would."""
    server = make_server("127.0.0.1", 0, record_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def region_codes_by_name() -> dict[str, str]:
    """Latvian region name (as in the seed table's header) -> region code."""
    return {row["name_lv"]: row["code"] for row in read_csv(SEED_DIR / "regions.csv")}


@pytest.fixture(scope="session")
def seed_values(region_codes_by_name: dict[str, str]) -> dict[tuple[str, str, str], int]:
    """``{(period, region, metric): value}`` from our transcription of the seed table.

    ``tests/unit/test_seed.py`` checks that transcription against the published document.
    """
    rows = read_published_table(SEED_DIR / OBSERVATIONS_FILE)
    return {
        (r["period"], region_codes_by_name[r["region_name"]], r["metric"]): r["value"] for r in rows
    }


def reset_to_seed(database: Database) -> None:
    """Put the shared test database back to the state ``init-db`` leaves it in (the seed, and
    the dossier of published figures if ``SHARED_DB_HAS_DOSSIER``).

    Tests that publish, roll back, edit the directory, add measures or create accounts use the
    shared database (so they also run on PostgreSQL) through the ``mutable_db`` fixture, which
    calls this after each test. The revision counter is bumped so no cached view from the test
    survives.
    """
    from dashboard.db import models as m
    from dashboard.db.dossier import load_dossier
    from dashboard.db.seed import load_seed

    with database.session() as session:
        first = session.scalar(sa.select(m.Release.id).where(m.Release.number == 1))
        session.execute(
            sa.update(m.Observation).values(superseded_by_release_id=None, preferred_by_admin=False)
        )
        session.execute(sa.delete(m.Observation).where(m.Observation.release_id != first))
        session.execute(sa.delete(m.Upload))
        session.execute(sa.delete(m.Release).where(m.Release.id != first))
        session.execute(
            sa.update(m.Release)
            .where(m.Release.id == first)
            .values(status="published", rolled_back_at=None, rolled_back_by=None)
        )
        used = sa.select(m.Observation.period_id)
        session.execute(sa.delete(m.Period).where(m.Period.id.not_in(used)))
        used_sources = sa.select(m.Observation.source_id)
        session.execute(
            sa.delete(m.Source).where(
                m.Source.code.like("upload-%"), m.Source.id.not_in(used_sources)
            )
        )
        seed_metrics = [row["code"] for row in read_csv(SEED_DIR / "metrics.csv")]
        session.execute(sa.delete(m.Metric).where(m.Metric.code.not_in(seed_metrics)))
        session.execute(sa.delete(m.SupportMeasure))
        session.execute(sa.delete(m.Contact))
        session.execute(sa.update(m.Funding).values(parent_id=None))
        session.execute(sa.delete(m.Funding))
        session.execute(sa.delete(m.ApiToken))
        session.execute(sa.delete(m.User))
        session.execute(sa.delete(m.AuditLog))
        session.execute(sa.delete(m.DataReport))
        session.flush()
        load_seed(session, SEED_DIR)
        if SHARED_DB_HAS_DOSSIER:
            load_dossier(session, SEED_DIR)
        revision = session.get(m.Revision, 1)
        revision.value += 1


@pytest.fixture
def mutable_db(db: Database) -> Iterator[Database]:
    """The shared database, for a test that changes it; restored to the seed state afterwards."""
    yield db
    reset_to_seed(db)


@pytest.fixture
def users(mutable_db: Database, app_context: Any) -> dict[str, str]:
    """An admin and a staff account; returns ``{username: password}``."""
    from dashboard.auth import create_user

    accounts = {"ada": ("admin", "correct horse battery"), "sam": ("staff", "staff password 123")}
    with mutable_db.session() as session:
        for name, (role, password) in accounts.items():
            create_user(session, name, password, role)
    return {name: password for name, (_, password) in accounts.items()}


@pytest.fixture
def accounts(mutable_db: Database, app: Any) -> dict[str, str]:
    """Admin ``ada`` and staff ``sam`` with an API token each, created in a short-lived app context.

    Unlike ``users`` this does not keep an app context pushed for the whole test, so every
    test-client request gets its own ``flask.g`` (Flask-Login keeps the request's user there).
    Returns ``{"ada": password, "sam": password, "ada_token": ..., "sam_token": ...}``.
    """
    from dashboard.auth import create_token, create_user

    with app.server.app_context(), mutable_db.session() as session:
        create_user(session, "ada", ADMIN_PASSWORD, "admin")
        create_user(session, "sam", STAFF_PASSWORD, "staff")
        ada_token = create_token(session, "ada", "tests")
        sam_token = create_token(session, "sam", "tests")
    return {
        "ada": ADMIN_PASSWORD,
        "sam": STAFF_PASSWORD,
        "ada_token": ada_token,
        "sam_token": sam_token,
    }
