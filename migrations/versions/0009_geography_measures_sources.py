"""geography levels, municipal divisions, measure kinds, source details, several sources per cell

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GEOGRAPHY = (
    "(geo_level = 'national' AND region_id IS NULL AND municipality_id IS NULL)"
    " OR (geo_level = 'planning_region' AND region_id IS NOT NULL"
    " AND municipality_id IS NULL)"
    " OR (geo_level = 'municipality' AND municipality_id IS NOT NULL)"
)


def upgrade() -> None:
    # Every municipality so far belongs to the 2009–2021 division; its identity becomes
    # (division, code), since the 2021 division reuses names for other territories.
    with op.batch_alter_table("municipality") as batch_op:
        batch_op.add_column(
            sa.Column("division", sa.String(length=4), server_default="2009", nullable=False)
        )
        batch_op.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("valid_to", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("atvk", sa.String(length=8), nullable=True))
        batch_op.drop_constraint(op.f("uq_municipality_code"), type_="unique")
        batch_op.create_unique_constraint(
            op.f("uq_municipality_division_code"), ["division", "code"]
        )
    op.create_table(
        "municipality_successor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["predecessor_id"],
            ["municipality.id"],
            name=op.f("fk_municipality_successor_predecessor_id_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"],
            ["municipality.id"],
            name=op.f("fk_municipality_successor_successor_id_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality_successor")),
    )
    with op.batch_alter_table("metric") as batch_op:
        batch_op.alter_column(
            "code", existing_type=sa.String(length=32), type_=sa.String(length=64)
        )
        batch_op.add_column(
            sa.Column("kind", sa.String(length=8), server_default="flow", nullable=False)
        )
    with op.batch_alter_table("source") as batch_op:
        batch_op.add_column(sa.Column("published_precision", sa.String(length=8), nullable=True))
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="other", nullable=False)
        )
        batch_op.add_column(sa.Column("quote", sa.Text(), nullable=True))
    # Dates already stored were stated to the day.
    op.execute("UPDATE source SET published_precision = 'day' WHERE published_on IS NOT NULL")
    with op.batch_alter_table("observation") as batch_op:
        batch_op.add_column(
            sa.Column(
                "geo_level",
                sa.String(length=16),
                server_default="planning_region",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("preferred_by_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("reliability", sa.String(length=8), server_default="normal", nullable=False)
        )
        batch_op.alter_column("region_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("source_id", existing_type=sa.Integer(), nullable=True)
    # Rows stored per municipality (so far only synthetic benchmark data) say so.
    op.execute("UPDATE observation SET geo_level = 'municipality' WHERE municipality_id IS NOT NULL")
    with op.batch_alter_table("observation") as batch_op:
        batch_op.create_check_constraint("geography", sa.text(GEOGRAPHY))
        batch_op.create_check_constraint("reliability", sa.text("reliability IN ('normal', 'low')"))
    with op.batch_alter_table("data_report") as batch_op:
        batch_op.alter_column(
            "metric_code", existing_type=sa.String(length=32), type_=sa.String(length=64)
        )


def downgrade() -> None:
    with op.batch_alter_table("data_report") as batch_op:
        batch_op.alter_column(
            "metric_code", existing_type=sa.String(length=64), type_=sa.String(length=32)
        )
    # Rows that the old schema cannot hold (national figures, no source) go with the downgrade.
    op.execute("DELETE FROM observation WHERE region_id IS NULL OR source_id IS NULL")
    with op.batch_alter_table("observation") as batch_op:
        batch_op.drop_constraint("ck_observation_geography", type_="check")
        batch_op.drop_constraint("ck_observation_reliability", type_="check")
        batch_op.alter_column("source_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("region_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("reliability")
        batch_op.drop_column("preferred_by_admin")
        batch_op.drop_column("geo_level")
    with op.batch_alter_table("source") as batch_op:
        batch_op.drop_column("quote")
        batch_op.drop_column("kind")
        batch_op.drop_column("published_precision")
    with op.batch_alter_table("metric") as batch_op:
        batch_op.drop_column("kind")
        batch_op.alter_column(
            "code", existing_type=sa.String(length=64), type_=sa.String(length=32)
        )
    op.drop_table("municipality_successor")
    op.execute("DELETE FROM municipality WHERE division <> '2009'")
    with op.batch_alter_table("municipality") as batch_op:
        batch_op.drop_constraint(op.f("uq_municipality_division_code"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_municipality_code"), ["code"])
        batch_op.drop_column("atvk")
        batch_op.drop_column("valid_to")
        batch_op.drop_column("valid_from")
        batch_op.drop_column("division")
