"""An admin's choice of which source of a cell readers see, and the way back to the rule.

When a cell (geography × period × metric) has several sources, readers get one row: the
admin's choice if there is one, else the rule in ``queries/preference.py`` (official publisher
over the press, then the later publication). An admin may know better than the rule (a press
figure the ministry later confirmed, an official page with a typing error), so the choice can be
made per cell, and undone. Both are audited with the value and source readers saw before and
see after, and both change the data version, so every cached view shows the new value at once.

The choice is stored on the rows (``Observation.preferred_by_admin``): set on the chosen row
and cleared on every other row of the cell, whatever their release, so a rollback can never
bring back a second chosen row. Staff may read the conflicts (``queries/conflicts.py``) but not
choose.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.audit import audit
from dashboard.db import models as m
from dashboard.db.published import in_effect
from dashboard.db.session import get_db
from dashboard.queries.preference import ranked_rows
from dashboard.services.base import (
    Actor,
    ServiceError,
    audit_refusal,
    bump_revision,
    contention_as_conflict,
    db_int,
    lock_content,
)

CELL_FIELDS = ("geo_level", "region_id", "municipality_id", "period_id", "metric_id")


def _cell(observation: m.Observation) -> dict[str, Any]:
    return {name: getattr(observation, name) for name in CELL_FIELDS}


def _in_cell(columns: Any, cell: dict[str, Any]) -> list[sa.ColumnElement[bool]]:
    """Conditions selecting the rows of ``cell`` from ``columns`` (a table's ``c`` or the model's
    attributes); region and municipality may be NULL, so they are compared NULL-safe."""
    return [getattr(columns, name).is_not_distinct_from(cell[name]) for name in CELL_FIELDS]


def _observation_in_effect(session: Session, observation_id: Any) -> m.Observation:
    """The row in effect with this id, else a "not found" refusal (also for a superseded or
    rolled-back row: readers can never see it, so it cannot be chosen)."""
    row_id = db_int(observation_id)
    found = (
        None
        if row_id is None
        else session.scalar(
            sa.select(m.Observation)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .where(m.Observation.id == row_id, in_effect())
        )
    )
    if found is None:
        raise ServiceError.translated(
            "not_found", "Figure {id} is not among the figures in effect.", {"id": observation_id}
        )
    return found


def _preferred(session: Session, cell: dict[str, Any]) -> dict[str, Any] | None:
    """What readers see for ``cell`` now: the preferred row, described for the audit log."""
    ranked = ranked_rows()
    row = session.execute(
        sa.select(ranked.c.id, ranked.c.value, ranked.c.release_number, ranked.c.source_id).where(
            *_in_cell(ranked.c, cell), ranked.c.rank == 1
        )
    ).first()
    if row is None:
        return None
    source = session.get(m.Source, row.source_id) if row.source_id is not None else None
    return {
        "observation": row.id,
        "value": row.value,
        "release": row.release_number,
        "source": source.title if source else None,
        "publisher": source.publisher if source else None,
        "url": source.url if source else None,
    }


def _set_choice(actor: Actor, observation_id: Any, *, choose: bool) -> dict[str, Any]:
    """Choose the row (``choose``) or clear the cell's choice; returns the audit detail."""
    action = "choose_preferred_source" if choose else "clear_preferred_source"
    actor.require("admin")
    try:
        with contention_as_conflict(), get_db().session(write=True) as session:
            lock_content(session)
            observation = _observation_in_effect(session, observation_id)
            cell = _cell(observation)
            in_cell = _in_cell(m.Observation, cell)
            if not choose and not session.scalar(
                sa.select(sa.func.count())
                .select_from(m.Observation)
                .where(*in_cell, m.Observation.preferred_by_admin)
            ):
                raise ServiceError.translated(
                    "no_choice",
                    "No administrator has chosen a source for this figure; the rule "
                    "already applies.",
                )
            old = _preferred(session, cell)
            session.execute(
                sa.update(m.Observation)
                .where(*in_cell)
                .values(preferred_by_admin=choose and (m.Observation.id == observation.id))
                .execution_options(synchronize_session=False)
            )
            session.flush()
            session.expire_all()
            new = _preferred(session, cell)
            detail = {"cell": cell, "old": old, "new": new}
            bump_revision(session)
            audit(actor.username, action, f"observation {observation.id}", "ok", detail, session)
            return detail
    except ServiceError as exc:
        audit_refusal(actor.username, action, f"observation {observation_id}"[:200], exc.code)
        raise


def choose_preferred(actor: Actor, observation_id: int) -> dict[str, Any]:
    """Make this row (in effect) the one readers see for its cell, whatever the rule says.

    Returns ``{"cell", "old", "new"}``: the cell and what readers saw before and see now
    (observation id, value, release, source title, publisher, URL), as audited.
    """
    return _set_choice(actor, observation_id, choose=True)


def clear_preferred(actor: Actor, observation_id: int) -> dict[str, Any]:
    """Return the cell of this row (in effect) to the rule: no row of it is the admin's choice.

    Refused (``no_choice``) when no row of the cell is chosen; returns what :func:`choose_preferred`
    returns.
    """
    return _set_choice(actor, observation_id, choose=False)
