"""Which of a cell's sources readers see: the one rule, in SQL.

A cell is one geography × period × metric. Several sources may publish it: the same value is a
corroboration, a different value a conflict. Every row is kept; readers, charts and the API's
default answer take one row per cell, the *preferred* one:

1. the row an admin chose (``Observation.preferred_by_admin``, audited);
2. otherwise the official publisher (ministry, planning region, municipality) over the press,
   the press over other sites, and any stated source over "source not stated";
3. then the later publication, then the later release.

The rule lives here alone, so the charts, the API's ``preferred`` column and the admin's
conflict list can never disagree about which value is in use.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.published import in_effect

SOURCE_KIND_RANK = {"official": 0, "press": 1, "other": 2}
NO_SOURCE_RANK = 3

# The columns that identify a cell: its geography, its period (dates are unique per period:
# ingest refuses a second code for the same dates), its metric.
CELL_COLUMNS = (
    m.Observation.geo_level,
    m.Observation.region_id,
    m.Observation.municipality_id,
    m.Observation.period_id,
    m.Observation.metric_id,
)


def preference_order() -> list[sa.ColumnElement[Any]]:
    """ORDER BY terms putting a cell's preferred row first (the rule in the module docstring)."""
    kind_rank = sa.case(
        *((m.Source.kind == kind, rank) for kind, rank in SOURCE_KIND_RANK.items()),
        else_=SOURCE_KIND_RANK["other"],
    )
    source_rank = sa.case((m.Observation.source_id.is_(None), NO_SOURCE_RANK), else_=kind_rank)
    return [
        sa.case((m.Observation.preferred_by_admin, 0), else_=1),
        source_rank,
        # Later publication first; an undated source after dated ones.
        sa.case((m.Source.published_on.is_(None), 1), else_=0),
        m.Source.published_on.desc(),
        m.Release.number.desc(),
        m.Observation.id.desc(),
    ]


def ranked_rows(release: int | None = None) -> sa.Subquery:
    """Every row in effect (now, or as of ``release``) with ``rank``: 1 for its cell's
    preferred row, 2, 3 … for the others.

    Columns: the observation's ids (``id``, ``geo_level``, ``region_id``, ``municipality_id``,
    ``period_id``, ``metric_id``, ``source_id``, ``release_id``), ``value``, ``reliability``,
    ``note``, ``release_number`` and ``rank``.
    """
    rank = sa.func.row_number().over(partition_by=CELL_COLUMNS, order_by=preference_order())
    return (
        sa.select(
            m.Observation.id,
            m.Observation.geo_level,
            m.Observation.region_id,
            m.Observation.municipality_id,
            m.Observation.period_id,
            m.Observation.metric_id,
            m.Observation.source_id,
            m.Observation.release_id,
            m.Observation.value,
            m.Observation.reliability,
            m.Observation.note,
            m.Release.number.label("release_number"),
            rank.label("rank"),
        )
        .join(m.Release, m.Observation.release_id == m.Release.id)
        .outerjoin(m.Source, m.Observation.source_id == m.Source.id)
        .where(in_effect(release))
        .subquery("ranked")
    )
