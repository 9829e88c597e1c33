"""The contact directory and the funding table, with their references resolved."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.reference import _row, _source_dict
from dashboard.queries.versioning import cached


def contacts(active_only: bool = True) -> list[dict[str, Any]]:
    """Directory entries with their region, municipality and source resolved."""

    def compute() -> list[dict[str, Any]]:
        stmt = sa.select(m.Contact).order_by(m.Contact.name)
        if active_only:
            stmt = stmt.where(m.Contact.active.is_(True))
        with get_db().session() as session:
            out = []
            for c in session.scalars(stmt):
                row = _row(c)
                row["region"] = _row(c.region) if c.region else None
                row["municipality"] = _row(c.municipality) if c.municipality else None
                row["source"] = _source_dict(c.source)
                out.append(row)
            return out

    return cached("contacts", [active_only], compute)


def funding() -> list[dict[str, Any]]:
    """All funding rows with ``parent_code`` and ``source`` resolved, in file order."""

    def compute() -> list[dict[str, Any]]:
        with get_db().session() as session:
            out = []
            for f in session.scalars(sa.select(m.Funding).order_by(m.Funding.id)):
                row = _row(f)
                row["parent_code"] = f.parent.code if f.parent else None
                row["source"] = _source_dict(f.source)
                out.append(row)
            return out

    return cached("funding", [], compute)
