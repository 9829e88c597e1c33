"""session generation, password change time, token expiry, report resolution time

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.add_column(
            sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    # Tokens issued before expiry existed get the default lifetime: a year from their creation.
    api_token = sa.table(
        "api_token", sa.column("created_at", sa.DateTime()), sa.column("expires_at", sa.DateTime())
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(api_token.c.created_at).distinct()).scalars().all()
    for created in rows:
        bind.execute(
            sa.update(api_token)
            .where(api_token.c.created_at == created)
            .values(expires_at=created.replace(year=created.year + 1, day=min(created.day, 28)))
        )
    with op.batch_alter_table("data_report") as batch_op:
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_report") as batch_op:
        batch_op.drop_column("resolved_at")
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("password_changed_at")
        batch_op.drop_column("session_generation")
