"""``build_reference`` reads what the validator needs from the database the app runs on.

On the seeded test database (SQLite, or PostgreSQL with ``TEST_DATABASE_URL``): the regions, the
measures with their kinds and units, the published seed table with its source. Inside a
transaction that is rolled back afterwards (so the shared database is untouched): municipalities
of both divisions with a successor, and published values at the national and municipal levels,
with and without a source. The names below are made up for the test and never committed.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from test_ingest import SEED_DIR

from dashboard.db import models as m
from dashboard.ingest import validate_upload
from dashboard.ingest.types import source_key
from dashboard.services.releases import build_reference as from_releases
from dashboard.services.upload_reference import build_reference


class _RollBack(Exception):
    """Raised to leave a session without committing."""


def test_seeded_database(db: Any) -> None:
    with db.session() as session:
        reference = build_reference(session)
        seed_sources = {
            source_key(s.url, s.title, s.publisher)
            for s in session.scalars(
                sa.select(m.Source).join(m.Observation, m.Observation.source_id == m.Source.id)
            )
        }
        units = session.scalar(sa.select(sa.func.count()).select_from(m.Municipality))
        # Kinds and units as stored (the seed loader's job is to store metrics.csv's).
        stored = {x.code: (x.kind, x.unit_code) for x in session.scalars(sa.select(m.Metric))}
    assert from_releases is build_reference  # releases.py only re-exports it
    assert [r.code for r in reference.regions] == [
        "kurzeme",
        "latgale",
        "riga",
        "vidzeme",
        "zemgale",
    ]
    with (SEED_DIR / "metrics.csv").open(encoding="utf-8", newline="") as fh:
        assert {x.code for x in reference.metrics} == {r["code"] for r in csv.DictReader(fh)}
    assert {x.code: (x.kind, x.unit) for x in reference.metrics} == stored
    assert len(reference.published) == 45
    assert {p.geo_level for p in reference.published} == {"planning_region"}
    assert {p.source for p in reference.published} == seed_sources != {""}
    assert len(reference.municipalities) == units
    assert all(u.region for u in reference.municipalities)


def test_municipalities_successors_and_every_level_of_published_value(db: Any) -> None:
    with pytest.raises(_RollBack), db.session() as session:
        regions = {r.code: r for r in session.scalars(sa.select(m.Region))}
        old = m.Municipality(
            division="2009",
            code="LV-T09",
            name_lv="Testa novads",
            name_en="Test Municipality",
            kind="novads",
            region=regions["riga"],
            valid_from=dt.date(2009, 7, 1),
            valid_to=dt.date(2021, 6, 30),
        )
        new = m.Municipality(
            division="2021",
            code="LV-T21",
            name_lv="Jaunais testa novads",
            name_en="New Test Municipality",
            kind="novads",
            region=regions["kurzeme"],
            valid_from=dt.date(2021, 7, 1),
            valid_to=None,
        )
        session.add_all([old, new])
        session.flush()
        session.add(m.MunicipalitySuccessor(predecessor_id=old.id, successor_id=new.id))
        release = m.Release(number=99, status="published", description="test")
        source = m.Source(code="test-src", title="Pārskats", publisher="VARAM", url=None)
        period = session.scalar(sa.select(m.Period).order_by(m.Period.start_date).limit(1))
        metric = session.scalar(sa.select(m.Metric).where(m.Metric.code == "people_returned"))
        session.add_all([release, source])
        session.flush()
        session.add_all(
            [
                m.Observation(
                    period=period,
                    geo_level="national",
                    metric=metric,
                    value=399,
                    source=source,
                    release=release,
                ),
                m.Observation(
                    period=period,
                    geo_level="municipality",
                    municipality=new,
                    region=regions["kurzeme"],
                    metric=metric,
                    value=5,
                    source=None,
                    release=release,
                ),
            ]
        )
        session.flush()
        reference = build_reference(session)
        units = {(u.division, u.code): u for u in reference.municipalities}
        assert units[("2009", "LV-T09")].region == "riga"
        assert units[("2009", "LV-T09")].valid_to == dt.date(2021, 6, 30)
        assert units[("2021", "LV-T21")].region == "kurzeme"
        assert reference.successors[("2009", "LV-T09")] == ["LV-T21"]
        mine = [p for p in reference.published if p.release == 99]
        by_level = {p.geo_level: p for p in mine}
        national, municipal = by_level["national"], by_level["municipality"]
        assert (national.region, national.municipality, national.division) == (None, None, None)
        assert national.source == "title:pārskats|varam"
        assert (municipal.region, municipal.municipality, municipal.division) == (
            "kurzeme",
            "LV-T21",
            "2021",
        )
        assert municipal.source == ""
        # The validator reads it: the made-up 2021 unit did not exist in the seed's first
        # period (2018), and says which 2009 unit it was formed from.
        assert period.code == "2018-03..2018-12"
        data = (
            f"period,geo,measure,value,source_url\r\n"
            f"{period.code},Jaunais testa novads,people_returned,5,https://example.lv/x\r\n"
        ).encode()
        report = validate_upload(data, "u.csv", reference, today=dt.date(2026, 12, 1))
        assert [e.code for e in report.errors] == ["municipality_formed_from"]
        assert "Testa novads" in report.errors[0].message_en
        # A national figure from another source than the published one: a conflict, allowed.
        data = (
            f"period,geo,measure,value,source_url\r\n"
            f"{period.code},Latvija,people_returned,400,https://example.lv/x\r\n"
        ).encode()
        report = validate_upload(data, "u.csv", reference, today=dt.date(2026, 12, 1))
        assert report.ok, report.errors
        assert (report.changes[0].kind, report.changes[0].old_release) == ("conflict", 99)
        raise _RollBack
