"""The contact directory and the funding table, with their references resolved."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.reference import _row, _source_dict, sources
from dashboard.queries.versioning import cached
from dashboard.regional_directory import is_former, kind_of, role_confirmation


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


def directory_entries() -> list[dict[str, Any]]:
    """What ``/contacts`` and the map's panel read: the active entries and the former
    coordinators (``dashboard.regional_directory.is_former``; no other inactive entry), each
    with ``role_confirmed_on`` and ``role_source`` (the dated publication that confirmed the
    person in the role, when the note names one) and ``kind``."""

    def compute() -> list[dict[str, Any]]:
        by_url = {s["url"]: s for s in sources() if s.get("url")}
        out = []
        for row in contacts(active_only=False):
            if not row["active"] and not is_former(row):
                continue
            confirmed = role_confirmation(row.get("note"))
            row = dict(row)
            row["role_confirmed_on"] = confirmed[0] if confirmed else None
            row["role_source"] = by_url.get(confirmed[1]) if confirmed else None
            row["kind"] = kind_of(row)
            out.append(row)
        return out

    return cached("directory_entries", [], compute)


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
