"""Publishing hand-built rows, for the tests of the publish path with several sources per cell
(tests/unit/test_publish_sources.py, tests/http/test_conflicts_admin.py).

The rows are built as the validator would hand them over (``ParsedRow`` in a ``ValidationReport``)
and published through the real ``stage_upload`` and ``publish_upload``, with only the validator
replaced: what is tested is how rows are written, not how files are read. Every value here is a
made-up TEST FIXTURE, not a published figure; the URLs' paths are invented too (their hosts decide
the kind of source).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.ingest.periods import parse_period
from dashboard.ingest.types import ParsedRow, ValidationReport
from dashboard.queries.preference import ranked_rows
from dashboard.services import Actor, publish_upload, stage_upload
from dashboard.services import releases as svc_releases

ADMIN = Actor("ada", "admin")
UNITS = Path(__file__).resolve().parents[1] / "data" / "seed" / "municipality_units.csv"

# Sources of the fixtures: hosts that classify as they say; paths made up.
OFFICIAL = {
    "url": "https://www.varam.gov.lv/lv/test-fixture-official",
    "publisher": "VARAM",
    "published_on": "2025-10-01",
}
PRESS = {"url": "https://www.delfi.lv/test-fixture-press", "publisher": "Delfi"}
PRESS_EARLY = {**PRESS, "published_on": "2025-10"}
PRESS_LATE = {
    "url": "https://www.tvnet.lv/test-fixture-press-late",
    "publisher": "TVNET",
    "published_on": "2025-11-05",
}


def parsed(
    period: str = "2025-Q3",
    *,
    geo_level: str = "planning_region",
    region: str | None = "latgale",
    municipality: str | None = None,
    division: str | None = None,
    metric: str = "people_returned",
    value: int = 1,
    source: dict[str, str] | None = None,
    reliability: str = "normal",
    row: int = 2,
) -> ParsedRow:
    """One row as the validator hands it over; ``source`` has url/title/publisher/published_on."""
    spec = parse_period(period)
    assert spec is not None, period
    source = source or {}
    return ParsedRow(
        row=row,
        period=spec,
        region=None if geo_level == "national" else region,
        metric=metric,
        value=value,
        source_url=source.get("url"),
        source_title=source.get("title"),
        note=None,
        geo_level=geo_level,
        municipality=municipality,
        division=division,
        source_publisher=source.get("publisher"),
        source_published_on=source.get("published_on"),
        reliability=reliability,
    )


def report_of(rows: list[ParsedRow]) -> ValidationReport:
    return ValidationReport(
        ok=True,
        file_type="csv",
        encoding="utf-8",
        delimiter=",",
        layout="long",
        rows=rows,
        errors=[],
        warnings=[],
        changes=[],
        sha256="",
        size=0,
    )


def publish_rows(
    rows: list[ParsedRow],
    *,
    replace: bool = False,
    name: str = "fixture.csv",
    actor: Actor = ADMIN,
) -> int:
    """Stage and publish ``rows`` (inside an app context); the new release's number."""
    report = report_of(rows)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(svc_releases, "validate_upload", lambda *_a, **_k: report)
        upload, _ = stage_upload(actor, repr(rows).encode(), name)
        assert upload is not None
        return publish_upload(actor, upload.id, replace=replace).number


def ensure_units(database: Any, *keys: tuple[str, str]) -> list[int]:
    """The ids of these (division, code) municipalities, added from ``municipality_units.csv``
    when the database does not hold them yet; returns the ids of those it added."""
    with UNITS.open(encoding="utf-8") as f:
        units = {(r["division"], r["code"]): r for r in csv.DictReader(f)}
    added = []
    with database.session() as session:
        regions = {r.code: r.id for r in session.scalars(sa.select(m.Region))}
        for division, code in keys:
            found = session.scalar(
                sa.select(m.Municipality).where(
                    m.Municipality.division == division, m.Municipality.code == code
                )
            )
            if found is not None:
                continue
            r = units[(division, code)]
            unit = m.Municipality(
                division=division,
                code=code,
                name_lv=r["name_lv"],
                name_en=r["name_en"],
                kind=r["kind"],
                region_id=regions[r["region_code"]],
                valid_from=dt.date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
                valid_to=dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            )
            session.add(unit)
            session.flush()
            added.append(unit.id)
    return added


def remove_units(database: Any, ids: list[int]) -> None:
    """Take out municipalities ``ensure_units`` added, with any row published for them."""
    if not ids:
        return
    with database.session() as session:
        session.execute(sa.delete(m.Observation).where(m.Observation.municipality_id.in_(ids)))
        session.execute(sa.delete(m.Municipality).where(m.Municipality.id.in_(ids)))


def cell_rows(database: Any, **where: Any) -> list[dict[str, Any]]:
    """The rows in effect of the cells matching ``where`` (ranked_rows columns), preferred
    first: what readers, the API and the conflict list are built from."""
    ranked = ranked_rows()
    period = where.pop("period", None)
    conditions = [ranked.c[k] == v for k, v in where.items()]
    if period is not None:
        spec = parse_period(period)
        conditions.append(
            ranked.c.period_id
            == sa.select(m.Period.id)
            .where(m.Period.start_date == spec.start, m.Period.end_date == spec.end)
            .scalar_subquery()
        )
    with database.engine.connect() as conn:
        rows = conn.execute(sa.select(ranked).where(*conditions).order_by(ranked.c.rank))
        return [dict(r._mapping) for r in rows]


def region_id(database: Any, code: str) -> int:
    with database.session() as session:
        return session.scalar(sa.select(m.Region.id).where(m.Region.code == code))


def metric_id(database: Any, code: str) -> int:
    with database.session() as session:
        return session.scalar(sa.select(m.Metric.id).where(m.Metric.code == code))
