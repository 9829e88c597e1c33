"""Reference tables: regions, metrics, municipalities, sources, releases, links, events and
support measures, as plain dicts (cached per data version)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.published import in_effect
from dashboard.db.session import get_db
from dashboard.queries.versioning import cached


def _reference(model: type[Any], order: Any) -> list[dict[str, Any]]:
    with get_db().session() as session:
        objs = session.scalars(sa.select(model).order_by(order)).all()
        return [
            {c.key: getattr(obj, c.key) for c in sa.inspect(model).column_attrs} for obj in objs
        ]


def _row(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in sa.inspect(type(obj)).column_attrs}


def _source_dict(source: m.Source | None) -> dict[str, Any] | None:
    return None if source is None else _row(source)


def regions() -> list[dict[str, Any]]:
    return cached("regions", [], lambda: _reference(m.Region, m.Region.sort_order))


def metrics() -> list[dict[str, Any]]:
    """Every measure with every column: code, names, unit (code and LV/EN words), kind and the
    LV/EN definitions, in the order the pages list them."""
    return cached("metrics", [], lambda: _reference(m.Metric, m.Metric.sort_order))


def metric_figures() -> dict[str, int]:
    """``{measure code: figures published and in effect}``, every source of a cell counted;
    measures without figures are left out. The admin's measures list shows it."""

    def compute() -> dict[str, int]:
        stmt = (
            sa.select(m.Metric.code, sa.func.count(m.Observation.id))
            .join(m.Observation, m.Observation.metric_id == m.Metric.id)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .where(in_effect())
            .group_by(m.Metric.code)
        )
        with get_db().session() as session:
            return {code: count for code, count in session.execute(stmt)}

    return cached("metric_figures", [], compute)


def municipalities() -> list[dict[str, Any]]:
    return cached("municipalities", [], lambda: _reference(m.Municipality, m.Municipality.name_lv))


def sources() -> list[dict[str, Any]]:
    return cached("sources", [], lambda: _reference(m.Source, m.Source.code))


def releases() -> list[dict[str, Any]]:
    """All releases, newest first (published and rolled back)."""
    return cached("releases", [], lambda: _reference(m.Release, m.Release.number.desc()))


def latest_release() -> dict[str, Any] | None:
    def compute() -> dict[str, Any] | None:
        with get_db().session() as session:
            rel = session.scalars(
                sa.select(m.Release)
                .where(m.Release.status == "published")
                .order_by(m.Release.number.desc())
                .limit(1)
            ).first()
            if rel is None:
                return None
            return {
                "number": rel.number,
                "published_at": rel.published_at,
                "description": rel.description,
            }

    return cached("latest_release", [], compute)


def links() -> list[dict[str, Any]]:
    return cached("links", [], lambda: _reference(m.Link, m.Link.code))


def events() -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        with get_db().session() as session:
            out = []
            for e in session.scalars(sa.select(m.Event).order_by(m.Event.date)):
                row = _row(e)
                row["source"] = _source_dict(e.source)
                out.append(row)
            return out

    return cached("events", [], compute)


def support_measures(municipality_code: str | None = None) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        stmt = sa.select(m.SupportMeasure).order_by(m.SupportMeasure.sort_order)
        if municipality_code:
            stmt = stmt.join(m.Municipality).where(m.Municipality.code == municipality_code)
        with get_db().session() as session:
            out = []
            for s in session.scalars(stmt):
                row = _row(s)
                row["municipality_code"] = s.municipality.code if s.municipality else None
                row["contact"] = _row(s.contact) if s.contact else None
                out.append(row)
            return out

    return cached("support_measures", [municipality_code], compute)
