"""What ``/map`` shades and lists: one period's planning-region figures, and municipal figures.

The map shades each planning region by its figure for ONE period, so that every colour means the
same thing: a calendar year, or the programme's first year (March–December 2018, marked as a part
year). Only figures published for exactly that period count; a region that published none (or
only a half-year, a quarter or a running total) is "no data published", never the lowest bin and
never a sum of shorter periods. Each figure is the preferred source's (``preference.py``), read
through ``rows.observation_rows`` like the open data, so the map cannot disagree with the API.

Municipal figures are listed as published (``geo_level`` municipality), each for its unit in its
own division; the 2009 and 2021 divisions are linked by ``MunicipalitySuccessor``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.reference import metrics
from dashboard.queries.rows import RowFilter, observation_rows
from dashboard.queries.versioning import cached

# The programme began in March 2018: its first "year" is March–December 2018.
FIRST_PERIOD = (dt.date(2018, 3, 1), dt.date(2018, 12, 31))
# The 2021 administrative reform took effect on 1 July 2021.
DIVISION_2021_FROM = dt.date(2021, 7, 1)


@dataclass(frozen=True)
class MapPeriod:
    """A period the map can be shaded by: a calendar year or the programme's first year."""

    code: str
    year: int
    start: dt.date
    end: dt.date
    part_year: bool
    label_lv: str
    label_en: str


@dataclass(frozen=True)
class Figure:
    """One published figure: the preferred source's value of a cell, with its source."""

    value: int
    period: str
    period_label_lv: str
    period_label_en: str
    metric: str
    source: dict[str, Any] | None  # code-less source dict (title, publisher, url, published_on)


def is_map_period(start: dt.date, end: dt.date) -> bool:
    """A whole calendar year, or March–December 2018."""
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    return (whole_year and start.year == end.year) or (start, end) == FIRST_PERIOD


def default_division(period: MapPeriod | None) -> str:
    """The division in force for ``period``: 2021 for periods from July 2021, else 2009."""
    if period is not None and period.start >= DIVISION_2021_FROM:
        return "2021"
    return "2009" if period is not None else "2021"


def _source(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row.get("source_title") and not row.get("source_publisher"):
        return None
    return {
        "title": row["source_title"],
        "publisher": row["source_publisher"],
        "url": row["source_url"],
        "published_on": row["source_published_on"],
    }


def _figure(row: dict[str, Any]) -> Figure:
    return Figure(
        value=int(row["value"]),
        period=row["period"],
        period_label_lv=row["period_label_lv"],
        period_label_en=row["period_label_en"],
        metric=row["metric"],
        source=_source(row),
    )


def _region_rows() -> list[dict[str, Any]]:
    """The preferred planning-region rows of map periods, flows only (cached by rows.py)."""
    rows = observation_rows(RowFilter(geo_levels=("planning_region",)))
    return [
        r
        for r in rows
        if r["preferred"]
        and r["kind"] == "flow"
        and is_map_period(r["period_start"], r["period_end"])
    ]


def map_periods() -> list[MapPeriod]:
    """Every map period with at least one planning-region figure, oldest first."""

    def compute() -> list[MapPeriod]:
        found: dict[str, MapPeriod] = {}
        for r in _region_rows():
            found.setdefault(
                r["period"],
                MapPeriod(
                    code=r["period"],
                    year=r["period_start"].year,
                    start=r["period_start"],
                    end=r["period_end"],
                    part_year=(r["period_start"], r["period_end"]) == FIRST_PERIOD,
                    label_lv=r["period_label_lv"],
                    label_en=r["period_label_en"],
                ),
            )
        return sorted(found.values(), key=lambda p: p.start)

    return cached("map_periods", [], compute)


def map_metrics() -> list[dict[str, Any]]:
    """The measures the map can shade: flows with at least one figure for a map period, in the
    registry's order (rows of ``reference.metrics``)."""

    def compute() -> list[str]:
        return sorted({r["metric"] for r in _region_rows()})

    codes = set(cached("map_metric_codes", [], compute))
    return [row for row in metrics() if row["code"] in codes]


def region_figures(metric: str, period: str) -> dict[str, Figure]:
    """``{region code: figure}`` of ``metric`` for exactly the map period ``period``; a region
    that published none is absent."""

    def compute() -> dict[str, Figure]:
        return {
            r["geo_code"]: _figure(r)
            for r in _region_rows()
            if r["metric"] == metric and r["period"] == period
        }

    return cached("map_region_figures", [metric, period], compute)


def coverage(metric: str) -> dict[str, int]:
    """``{map period code: how many regions published ``metric`` for it}`` (periods without
    any figure are absent)."""

    def compute() -> dict[str, int]:
        out: dict[str, int] = {}
        for r in _region_rows():
            if r["metric"] == metric:
                out[r["period"]] = out.get(r["period"], 0) + 1
        return out

    return cached("map_coverage", [metric], compute)


def default_period(metric: str) -> str | None:
    """The latest map period with a figure of ``metric`` (else the latest map period)."""
    covered = coverage(metric)
    periods = map_periods()
    with_data = [p.code for p in periods if p.code in covered]
    if with_data:
        return with_data[-1]
    return periods[-1].code if periods else None


def unit_figures(division: str, code: str) -> list[Figure]:
    """Every figure published for the municipality ``code`` of ``division`` (any measure, any
    period, the preferred source's), oldest period first."""

    def compute() -> list[Figure]:
        # Filtered in SQL to the one unit: reading every municipal row for each unit opened
        # cost 1.8 s a panel at 100 000 rows (``bench/data_scale.py``).
        rows = observation_rows(RowFilter(geo_levels=("municipality",), units=((division, code),)))
        return [_figure(r) for r in rows if r["preferred"]]

    return cached("map_unit_figures", [division, code], compute)


def successors() -> list[tuple[str, str, bool]]:
    """``(2009 code, 2021 code, approximate)`` for each unit of 2009 and each 2021 unit that took
    over (part of) its territory."""

    def compute() -> list[tuple[str, str, bool]]:
        pred = aliased(m.Municipality)
        succ = aliased(m.Municipality)
        stmt = (
            sa.select(pred.code, succ.code, m.MunicipalitySuccessor.approximate)
            .join(pred, m.MunicipalitySuccessor.predecessor_id == pred.id)
            .join(succ, m.MunicipalitySuccessor.successor_id == succ.id)
            .order_by(pred.code, succ.code)
        )
        with get_db().session() as session:
            return [(a, b, bool(c)) for a, b, c in session.execute(stmt)]

    return cached("map_successors", [], compute)
