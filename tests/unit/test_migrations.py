"""The Alembic migrations build exactly the schema the models declare (on SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dashboard.db.models import Base


def test_migrated_schema_matches_the_models(database_url):
    engine = sa.create_engine(database_url)  # migrated to head by the session fixture
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []
