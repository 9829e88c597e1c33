"""Create/upgrade the schema with Alembic and load the seed: what ``remigration init-db`` does.

Safe to run again on an existing database: Alembic applies only missing migrations and the seed
and dossier loaders add only missing rows.
"""

from __future__ import annotations

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
