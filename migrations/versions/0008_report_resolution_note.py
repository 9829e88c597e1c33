"""data report resolution note

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Reports resolved before notes existed keep an empty note (NULL): nobody wrote one.
    with op.batch_alter_table("data_report") as batch_op:
        batch_op.add_column(sa.Column("resolution_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_report") as batch_op:
        batch_op.drop_column("resolution_note")
