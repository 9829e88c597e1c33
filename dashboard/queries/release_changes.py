"""What each release changed: which figures of earlier releases it replaced.

``availability.release_contents()`` says what a release *added* (the rows it stored). A release
published with "replace" also corrects figures: the rows of earlier releases it supersedes keep
their place in the table (every release stays reproducible, see ``db/published.py``) and point
at it through ``Observation.superseded_by_release_id``. Readers who follow the release feed want
both halves ("added 11 figures, replaced 1 of release 36"), so this module counts the second.

A rollback does not touch ``superseded_by_release_id`` (the replaced rows simply count again
because their replacer is no longer in effect), so a rolled-back release still reports what it
had replaced: the feed says that those figures are in effect again. Cached under the data
version like every other query.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.versioning import cached


def release_changes() -> dict[int, dict[str, Any]]:
    """``{release number: changes}`` for every release that replaced something (cached).

    Changes: ``replaced`` (how many rows of earlier releases it superseded) and
    ``replaced_from`` (``[(earlier release number, rows), ...]``, oldest release first). A
    release that replaced nothing is missing from the dict.
    """

    def compute() -> dict[int, dict[str, Any]]:
        obs = m.Observation
        earlier = aliased(m.Release)
        replacer = aliased(m.Release)
        statement = (
            sa.select(replacer.number, earlier.number, sa.func.count(obs.id))
            .select_from(obs)
            .join(earlier, earlier.id == obs.release_id)
            .join(replacer, replacer.id == obs.superseded_by_release_id)
            .group_by(replacer.number, earlier.number)
            .order_by(replacer.number, earlier.number)
        )
        out: dict[int, dict[str, Any]] = {}
        with get_db().engine.connect() as conn:
            for number, earlier_number, count in conn.execute(statement):
                entry = out.setdefault(int(number), {"replaced": 0, "replaced_from": []})
                entry["replaced"] += int(count)
                entry["replaced_from"].append((int(earlier_number), int(count)))
        return out

    return cached("release_changes", [], compute)
