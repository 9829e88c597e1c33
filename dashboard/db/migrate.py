"""Create/upgrade the schema with Alembic and load the seed: what ``remigration init-db`` does.

Safe to run again on an existing database: Alembic applies only missing migrations and the seed
and dossier loaders add only missing rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig

from dashboard.config import PROJECT_ROOT, Config
from dashboard.db.dossier import load_dossier
from dashboard.db.seed import SeedReport, load_seed
from dashboard.db.session import Database

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def alembic_config(config: Config) -> AlembicConfig:
    cfg = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["database_url"] = config.database_url
    cfg.attributes["configure_logger"] = False
    return cfg


def migrate(db: Database) -> None:
    """Upgrade the schema to the latest revision."""
    if db.config.is_sqlite:
        database = sa.engine.make_url(db.config.database_url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    cfg = alembic_config(db.config)
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def init_db(db: Database, *, dossier: bool = True) -> SeedReport:
    """Migrate, then load whatever is missing of the seed and then of the dossier of published
    figures (``data/seed/dossier``), in one transaction.

    ``dossier=False`` stops after the seed: for tests written against the seed table alone.
    """
    with _one_at_a_time(db):
        migrate(db)
        seed_dir = db.config.data_dir / "seed"
        with db.session() as session:
            seed = load_seed(session, seed_dir)
            if not dossier:
                return seed
            loaded = load_dossier(session, seed_dir)
    return SeedReport(
        added={**seed.added, **loaded.added}, not_loaded=tuple(s.id for s in loaded.skipped)
    )


# An arbitrary constant naming this app's "init-db" lock among PostgreSQL's advisory locks.
INIT_LOCK_KEY = 0x52454D49  # "REMI"


@contextmanager
def _one_at_a_time(db: Database) -> Iterator[None]:
    """Hold PostgreSQL's advisory lock for init-db while it runs.

    Every host runs ``init-db`` when it starts (``remigration serve``, the Procfile's release
    line); started together, two would both find the dossier missing and both insert it, and
    one would fail on a unique key. With the lock the second waits, then finds it all loaded.
    SQLite serves one host, and its own write lock is enough there.
    """
    if db.config.is_sqlite:
        yield
        return
    with db.engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": INIT_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": INIT_LOCK_KEY})
            conn.commit()
