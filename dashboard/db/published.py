"""Which published rows are in effect: the core of the as-published guarantee.

Rows are never updated in place: a release that replaces a value marks the old row superseded,
and a rollback marks the release rolled back. Both the read side (what readers see, now or as of
release N) and the write side (what a new upload is compared with and supersedes) ask this one
question, so they can never disagree.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m


def in_effect(release: int | None = None) -> sa.ColumnElement[bool]:
    """Rows in effect now (``release=None``) or at the moment release N was published.

    A condition on ``Observation`` joined to its ``Release``.

    A release K is in effect at time T when it was published by T and not rolled back by T.
    A row counts when its release is in effect and no release in effect has superseded it, so
    rolled-back releases disappear and "as published in release N" stays reproducible after
    later publications and rollbacks.
    """
    superseding = sa.orm.aliased(m.Release)
    if release is None:
        return sa.and_(
            m.Release.status == "published",
            sa.or_(
                m.Observation.superseded_by_release_id.is_(None),
                ~sa.exists().where(
                    superseding.id == m.Observation.superseded_by_release_id,
                    superseding.status == "published",
                ),
            ),
        )
    moment = sa.select(m.Release.published_at).where(m.Release.number == release).scalar_subquery()

    def live(rel: Any) -> sa.ColumnElement[bool]:
        return sa.and_(
            rel.published_at <= moment,
            sa.or_(rel.rolled_back_at.is_(None), rel.rolled_back_at > moment),
        )

    return sa.and_(
        live(m.Release),
        sa.or_(
            m.Observation.superseded_by_release_id.is_(None),
            ~sa.exists().where(
                superseding.id == m.Observation.superseded_by_release_id, live(superseding)
            ),
        ),
    )
