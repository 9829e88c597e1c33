"""The seed's reference data: both municipal divisions, their successors, measure kinds, the
seed sources' kind and precision — on a fresh database, and on one created before the divisions
existed (where the ten pilot municipalities are already stored and must not be duplicated)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from dashboard.config import Config
from dashboard.db import models as m
from dashboard.db.migrate import alembic_config, init_db
from dashboard.db.seed_csv import read_csv
from dashboard.db.session import Database

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"


def _db(path: Path) -> Database:
    return Database(
        Config(
            database_url=f"sqlite:///{path / 'reference.db'}",
            secret_key="test",
            testing=True,
            instance_path=path / "instance",
        )
    )


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory):
    db = _db(tmp_path_factory.mktemp("reference"))
    init_db(db)
    yield db
    db.dispose()


def _units(db: Database) -> dict[tuple[str, str], m.Municipality]:
    with db.session() as session:
        units = list(session.scalars(sa.select(m.Municipality)))
        for unit in units:
            _ = unit.region.code  # loaded while the session is open
        session.expunge_all()
    return {(u.division, u.code): u for u in units}


def test_both_divisions_are_loaded_with_their_regions_and_validity(fresh):
    units = _units(fresh)
    rows = read_csv(SEED_DIR / "municipality_units.csv")
    assert len(units) == len(rows) == 162
    assert sum(d == "2009" for d, _ in units) == 119
    assert sum(d == "2021" for d, _ in units) == 43
    for row in rows:
        unit = units[(row["division"], row["code"])]
        assert (unit.name_lv, unit.region.code) == (row["name_lv"], row["region_code"])
        assert unit.valid_from == dt.date.fromisoformat(row["valid_from"])
        assert unit.valid_to == (
            dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        )
        assert unit.atvk == (row["atvk"] or None)
    # The same code, two territories, two regions.
    assert units[("2009", "LV-099")].region.code == "riga"
    assert units[("2021", "LV-099")].region.code == "kurzeme"
    assert units[("2021", "LV-102")].valid_to == dt.date(2025, 6, 30)  # Varakļānu novads


def test_pilots_are_the_ten_of_municipalities_csv_in_the_2009_division(fresh):
    pilots = {k for k, u in _units(fresh).items() if u.is_pilot}
    expected = {("2009", r["code"]) for r in read_csv(SEED_DIR / "municipalities.csv")}
    assert pilots == expected
    assert len(pilots) == 10


def test_successors_join_2009_units_to_2021_units(fresh):
    by_id = {u.id: key for key, u in _units(fresh).items()}
    with fresh.session() as session:
        pairs = {
            (*by_id[s.predecessor_id], *by_id[s.successor_id], s.approximate)
            for s in session.scalars(sa.select(m.MunicipalitySuccessor))
        }
    expected = {
        ("2009", r["code_2009"], "2021", r["code_2021"], r["approximate"] == "1")
        for r in read_csv(SEED_DIR / "municipality_successors.csv")
    }
    assert pairs == expected
    assert len(pairs) == 122


def test_measures_have_the_kind_of_metrics_csv(fresh):
    with fresh.session() as session:
        kinds = dict(session.execute(sa.select(m.Metric.code, m.Metric.kind)).all())
    expected = {r["code"]: r.get("kind") or "flow" for r in read_csv(SEED_DIR / "metrics.csv")}
    assert kinds == expected
    assert set(kinds.values()) <= {"flow", "stock", "target"}


def test_seed_sources_are_official_and_dated_to_the_day(fresh):
    with fresh.session() as session:
        got = {
            s.code: (s.kind, s.published_on, s.published_precision)
            for s in session.scalars(sa.select(m.Source).where(m.Source.code.like("seed-%")))
        }
    assert got["seed-004"] == ("official", dt.date(2020, 8, 18), "day")
    assert got["seed-002"] == ("official", dt.date(2020, 1, 7), "day")
    assert got["seed-000"] == ("official", None, None)
    assert len(got) == 5


# --- a database from before the divisions -------------------------------------------------------


def _old_database(db: Database) -> None:
    """Schema 0008 holding what the seed loader of that time stored: regions, the ten pilot
    municipalities (no division), three measures, the seed sources (no kind)."""
    cfg = alembic_config(db.config)
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0008")
        for r in read_csv(SEED_DIR / "regions.csv"):
            connection.execute(
                sa.text(
                    "INSERT INTO region (code, name_lv, name_en, long_name_lv, long_name_en,"
                    " sort_order) VALUES (:code, :name_lv, :name_en, :long_name_lv,"
                    " :long_name_en, :sort_order)"
                ),
                {k: r[k] for k in ("code", "name_lv", "name_en", "long_name_lv", "long_name_en")}
                | {"sort_order": int(r["sort_order"])},
            )
        for r in read_csv(SEED_DIR / "municipalities.csv"):
            connection.execute(
                sa.text(
                    "INSERT INTO municipality (code, name_lv, name_en, kind, region_id, is_pilot)"
                    " SELECT :code, :name_lv, :name_en, :kind, id, 1 FROM region"
                    " WHERE code = :region"
                ),
                {k: r[k] for k in ("code", "name_lv", "name_en", "kind")}
                | {"region": r["region_code"]},
            )
        for r in read_csv(SEED_DIR / "sources.csv"):
            connection.execute(
                sa.text(
                    "INSERT INTO source (code, title, publisher, url, published_on, note)"
                    " VALUES (:code, :title, :publisher, :url, :published_on, :note)"
                ),
                {
                    "code": r["code"],
                    "title": r["title"],
                    "publisher": r["publisher"],
                    "url": r["url"] or None,
                    "published_on": r["published_on"] or None,
                    "note": r["note"] or None,
                },
            )


def test_init_db_upgrades_a_database_from_before_the_divisions(tmp_path):
    db = _db(tmp_path)
    try:
        _old_database(db)
        with db.engine.connect() as connection:
            old_ids = dict(connection.execute(sa.text("SELECT code, id FROM municipality")).all())
        assert len(old_ids) == 10
        report = init_db(db)
        assert report.added["municipality"] == 152
        assert report.added["municipality_successor"] == 122
        units = _units(db)
        assert len(units) == 162
        for code, old_id in old_ids.items():
            unit = units[("2009", code)]
            assert unit.id == old_id, "the stored pilot is kept, not added again"
            assert unit.is_pilot
            assert (unit.valid_from, unit.valid_to) == (dt.date(2009, 7, 1), dt.date(2021, 6, 30))
        with db.session() as session:
            seed_004 = session.scalars(sa.select(m.Source).where(m.Source.code == "seed-004")).one()
            assert (seed_004.kind, seed_004.published_precision) == ("official", "day")
        assert init_db(db).total == 0
    finally:
        db.dispose()
