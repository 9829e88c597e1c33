"""observation lookup index covers the source

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 14:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # queries._observation_sums groups by metric, period, region and source: with the source in
    # the index SQLite sums in index order (56 ms instead of 88 ms at 100 000 rows).
    op.drop_index("ix_observation_lookup", table_name="observation")
    op.create_index(
        "ix_observation_lookup", "observation", ["metric_id", "period_id", "region_id", "source_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_observation_lookup", table_name="observation")
    op.create_index("ix_observation_lookup", "observation", ["metric_id", "period_id", "region_id"])
