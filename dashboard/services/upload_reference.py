"""What the upload validator needs to know about the database, read in one place.

The validator (``dashboard.ingest``) is pure: it is handed a :class:`Reference` and never opens
a session. This builds that reference: the planning regions, the measures with their kind and
unit, the known periods, the municipalities of both divisions with their successors, and every
published value in effect with its geography and source, so a new row can be told apart as the
same figure again, a change, a corroboration or a conflict.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from dashboard.db import models as m
from dashboard.db.published import in_effect
from dashboard.ingest import (
    PublishedValue,
    Reference,
    RefMetric,
    RefMunicipality,
    RefPeriod,
    RefRegion,
    source_key,
)


def _municipalities(session: Session) -> list[RefMunicipality]:
    stmt = (
        sa.select(m.Municipality, m.Region.code)
        .join(m.Region, m.Municipality.region_id == m.Region.id)
        .order_by(m.Municipality.division, m.Municipality.code)
    )
    return [
        RefMunicipality(
            division=unit.division,
            code=unit.code,
            name_lv=unit.name_lv,
            name_en=unit.name_en,
            region=region,
            valid_from=unit.valid_from,
            valid_to=unit.valid_to,
        )
        for unit, region in session.execute(stmt)
    ]


def _successors(session: Session) -> dict[tuple[str, str], list[str]]:
    """(division, code) of a unit → codes of the units that took it over, in code order."""
    before, after = aliased(m.Municipality), aliased(m.Municipality)
    stmt = (
        sa.select(before.division, before.code, after.code)
        .select_from(m.MunicipalitySuccessor)
        .join(before, m.MunicipalitySuccessor.predecessor_id == before.id)
        .join(after, m.MunicipalitySuccessor.successor_id == after.id)
        .order_by(before.division, before.code, after.code)
    )
    out: dict[tuple[str, str], list[str]] = {}
    for division, code, successor in session.execute(stmt):
        out.setdefault((division, code), []).append(successor)
    return out


def _published(session: Session) -> list[PublishedValue]:
    """Every value in effect, with its geography and the identity of its source."""
    stmt = (
        sa.select(
            m.Period.start_date,
            m.Period.end_date,
            m.Period.code,
            m.Region.code,
            m.Metric.code,
            m.Observation.value,
            m.Release.number,
            m.Observation.geo_level,
            m.Municipality.code,
            m.Municipality.division,
            m.Source.url,
            m.Source.title,
            m.Source.publisher,
        )
        .join(m.Period, m.Observation.period_id == m.Period.id)
        .outerjoin(m.Region, m.Observation.region_id == m.Region.id)
        .outerjoin(m.Municipality, m.Observation.municipality_id == m.Municipality.id)
        .outerjoin(m.Source, m.Observation.source_id == m.Source.id)
        .join(m.Metric, m.Observation.metric_id == m.Metric.id)
        .join(m.Release, m.Observation.release_id == m.Release.id)
        .where(in_effect())
        .order_by(m.Observation.id)
    )
    return [
        PublishedValue(
            start,
            end,
            period,
            region,
            metric,
            value,
            release,
            geo_level=level,
            municipality=municipality if level == "municipality" else None,
            division=division if level == "municipality" else None,
            source=source_key(url, title, publisher),
        )
        for (
            start,
            end,
            period,
            region,
            metric,
            value,
            release,
            level,
            municipality,
            division,
            url,
            title,
            publisher,
        ) in session.execute(stmt)
    ]


def build_reference(session: Session) -> Reference:
    """What the validator needs to know about the database: names, periods, published data."""
    regions = [
        RefRegion(r.code, r.name_lv, r.name_en, r.long_name_lv, r.long_name_en)
        for r in session.scalars(sa.select(m.Region).order_by(m.Region.sort_order))
    ]
    metrics = [
        RefMetric(x.code, x.name_lv, x.name_en, kind=x.kind, unit=x.unit_code)
        for x in session.scalars(sa.select(m.Metric).order_by(m.Metric.sort_order, m.Metric.code))
    ]
    periods = [
        RefPeriod(p.code, p.start_date, p.end_date, p.label_lv, p.label_en, p.months)
        for p in session.scalars(sa.select(m.Period).order_by(m.Period.start_date))
    ]
    return Reference(
        regions=regions,
        metrics=metrics,
        periods=periods,
        published=_published(session),
        municipalities=_municipalities(session),
        successors=_successors(session),
    )
