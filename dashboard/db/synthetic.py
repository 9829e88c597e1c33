"""Synthetic observations for benchmarks and load tests (``remigration bench-data``).

Real figures come only from the seed and from admin uploads. To measure how the dashboard
behaves with far more data than the programme has published, this module fills an *empty*
database with made-up, municipality-level quarterly figures for all 119 municipalities of the
2009–2021 division. Everything it writes is labelled: the release's description and the source's
title both start with ``SYNTHETIC``, and that source is shown under every chart. It refuses any
database that already holds a release, so synthetic rows can never be mixed into real ones; the
seed's reference tables (regions, metrics, contacts …) are loaded, its published figures are not.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.db import models as m
from dashboard.db.seed import load_seed
from dashboard.geo import MUNICIPALITIES_FILE
from dashboard.ingest.periods import make_spec

SYNTHETIC_LABEL = "SYNTHETIC"
SYNTHETIC_METRICS = ("families_returned", "people_returned", "offers_prepared")
RELEASE_DESCRIPTION = (
    f"{SYNTHETIC_LABEL} benchmark data made by `remigration bench-data`: not real figures"
)
SOURCE_CODE = "synthetic-bench-data"
SOURCE_TITLE = (
    f"{SYNTHETIC_LABEL} / SINTĒTISKI DATI – made up for benchmarks by remigration bench-data; "
    "not real figures / izdomāti veiktspējas mērījumiem, nav īsti skaitļi"
)
MAX_ROWS = 1_000_000
INSERT_BATCH = 5_000


class SyntheticDataRefused(RuntimeError):
    """The target database is not empty (it may hold real data); nothing was written."""


@dataclass(frozen=True)
class SyntheticReport:
    rows: int
    quarters: int
    municipalities: int
    first_period: str
    last_period: str


def _quarter_span(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, quarter * 3 - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, quarter * 3 + 1, 1)
    return start, following - dt.timedelta(days=1)


def _quarters_ending(last: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """``count`` consecutive calendar quarters, the newest one ended on or before ``last``."""
    year, quarter = last.year, (last.month - 1) // 3 + 1
    if _quarter_span(year, quarter)[1] > last:  # the current quarter has not ended yet
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    spans = []
    for _ in range(count):
        spans.append(_quarter_span(year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return spans[::-1]


def generate(session: Session, rows: int, seed_dir: Path, geo_dir: Path, *, seed: int = 1):
    """Load the seed's reference data and ``rows`` synthetic observations into an empty database.

    Rows go quarter by quarter (newest last), each quarter holding every municipality × metric,
    so 100 000 rows are 280 quarters of 119 municipalities × 3 metrics (the last one partial).
    Values are deterministic for a given ``seed``; people ≥ families in every municipality.
    Each quarter also gets the five planning regions' figures (the sums of their
    municipalities), as a region would publish them; those come on top of ``rows``.
    """
    if not 1 <= rows <= MAX_ROWS:
        raise ValueError(f"rows must be between 1 and {MAX_ROWS:,}")
    if session.scalar(sa.select(sa.func.count()).select_from(m.Release)):
        raise SyntheticDataRefused(
            "this database already holds releases (maybe real data); bench-data writes only to "
            "an empty database: create a new one and point DATABASE_URL at it"
        )
    release = m.Release(number=1, description=RELEASE_DESCRIPTION, status="published")
    session.add(release)
    session.flush()
    load_seed(session, seed_dir)  # reference tables only: a release exists, so no seed figures

    regions = {r.code: r for r in session.scalars(sa.select(m.Region))}
    known = {
        x.code: x
        for x in session.scalars(sa.select(m.Municipality).where(m.Municipality.division == "2009"))
    }
    features = json.loads((geo_dir / MUNICIPALITIES_FILE).read_text(encoding="utf-8"))["features"]
    for feature in features:
        p = feature["properties"]
        if p["code"] not in known:
            known[p["code"]] = m.Municipality(
                code=p["code"],
                name_lv=p["name_lv"],
                name_en=p["name_en"],
                kind=p["kind"],
                region=regions[p["region"]],
                is_pilot=False,
            )
            session.add(known[p["code"]])
    session.flush()
    municipalities = sorted(known.values(), key=lambda x: x.code)
    # The three measures of the ministry's table: the registry holds more, but synthetic data
    # imitates the one shape the benchmarks measure.
    metrics = {
        x.code: x
        for x in session.scalars(sa.select(m.Metric).where(m.Metric.code.in_(SYNTHETIC_METRICS)))
    }
    source = m.Source(
        code=SOURCE_CODE,
        title=SOURCE_TITLE,
        publisher="remigration bench-data",
        note=RELEASE_DESCRIPTION,
    )
    session.add(source)
    session.flush()

    per_quarter = len(municipalities) * len(metrics)
    spans = _quarters_ending(dt.date.today(), -(-rows // per_quarter))
    rng = random.Random(seed)
    batch: list[dict[str, object]] = []
    written = 0
    for start, end in spans:
        period = m.Period.from_spec(make_spec(start, end))
        session.add(period)
        session.flush()
        region_sums: dict[tuple[int, str], int] = {}
        for municipality in municipalities:
            families = rng.randint(0, 4)
            values = {
                "families_returned": families,
                "people_returned": families * rng.randint(1, 4),
                "offers_prepared": families + rng.randint(0, 12),
            }
            for code, value in values.items():
                if written == rows:
                    break
                key = (municipality.region_id, code)
                region_sums[key] = region_sums.get(key, 0) + value
                batch.append(
                    {
                        "period_id": period.id,
                        "geo_level": "municipality",
                        "region_id": municipality.region_id,
                        "municipality_id": municipality.id,
                        "metric_id": metrics[code].id,
                        "value": value,
                        "source_id": source.id,
                        "release_id": release.id,
                    }
                )
                written += 1
            if len(batch) >= INSERT_BATCH:
                session.execute(sa.insert(m.Observation), batch)
                batch = []
        # Each region's figure as a planning region would publish it: the sum of its
        # municipalities (the levels are separate figures; readers' region views use these).
        for (region_id, code), value in sorted(region_sums.items()):
            batch.append(
                {
                    "period_id": period.id,
                    "geo_level": "planning_region",
                    "region_id": region_id,
                    "metric_id": metrics[code].id,
                    "value": value,
                    "source_id": source.id,
                    "release_id": release.id,
                }
            )
    if batch:
        session.execute(sa.insert(m.Observation), batch)
    session.commit()
    # Fresh planner statistics, as after any bulk load: without them PostgreSQL plans for a few
    # hundred rows and sorts 100 000 on disk.
    session.execute(sa.text("ANALYZE"))
    return SyntheticReport(
        rows=written,
        quarters=len(spans),
        municipalities=len(municipalities),
        first_period=make_spec(*spans[0]).code,
        last_period=make_spec(*spans[-1]).code,
    )
