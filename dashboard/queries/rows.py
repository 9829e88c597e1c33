"""The tidy observation rows of the open data: every geography level, every source if asked.

The charts read sums (``observations.py``); the API, the downloads and ``remigration export``
read these rows instead: one row per published cell (geography × period × measure), the
preferred source's row by default, or one row per source with ``preferred`` marking the one
readers see. Which row is preferred is decided in SQL by ``preference.ranked_rows`` alone, so
the API can never disagree with the charts or the admin's conflict list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.observations import ObservationFilter
from dashboard.queries.preference import ranked_rows
from dashboard.queries.reference import metrics, municipalities, regions, sources
from dashboard.queries.versioning import cached

# Where a figure applies, broadest first (also the order rows of one cell group come in).
GEO_LEVELS = ("national", "planning_region", "municipality")

# The whole country's geography code and names: Latvia has no row in the geography tables.
NATIONAL_CODE = "LV"
NATIONAL_NAME_LV = "Latvija"
NATIONAL_NAME_EN = "Latvia"

ROW_KEYS = [
    "period",
    "period_label_lv",
    "period_label_en",
    "period_start",
    "period_end",
    "months",
    "geo_level",
    "geo_code",
    "geo_name_lv",
    "geo_name_en",
    "division",
    "region",
    "region_name_lv",
    "region_name_en",
    "metric",
    "unit",
    "kind",
    "value",
    "preferred",
    "reliability",
    "note",
    "source_title",
    "source_publisher",
    "source_url",
    "source_published_on",
    "source_published_precision",
    "release",
]


@dataclass(frozen=True)
class RowFilter(ObservationFilter):
    """The API's filters: an :class:`ObservationFilter` plus the geography levels (empty: every
    level) and whether every source's row is wanted (``all_sources``) or the preferred one."""

    geo_levels: tuple[str, ...] = ()
    all_sources: bool = False
    units: tuple[tuple[str, str], ...] = ()  # (division, code) of municipalities; empty: all


def _as_row_filter(flt: ObservationFilter) -> RowFilter:
    if isinstance(flt, RowFilter):
        return flt
    return RowFilter(
        regions=flt.regions,
        metrics=flt.metrics,
        date_from=flt.date_from,
        date_to=flt.date_to,
        release=flt.release,
    )


def _statement(flt: RowFilter) -> sa.Select[Any]:
    """The ids and values of the rows ``flt`` selects, unordered and unlabelled.

    Labels are attached and rows ordered afterwards in Python from the small reference tables
    (:func:`_rows`): sorting 100 000 rows already joined to their labels and source titles
    spilled to disk in PostgreSQL and took longer than the query itself.
    """
    ranked = ranked_rows(flt.release)
    stmt = sa.select(
        ranked.c.period_id,
        ranked.c.geo_level,
        ranked.c.region_id,
        ranked.c.municipality_id,
        ranked.c.metric_id,
        ranked.c.source_id,
        ranked.c.value,
        ranked.c.rank,
        ranked.c.reliability,
        ranked.c.note,
        ranked.c.release_number,
    )
    if not flt.all_sources:
        stmt = stmt.where(ranked.c.rank == 1)
    return stmt.where(*_cell_conditions(ranked, flt))


def _cell_conditions(ranked: sa.Subquery, flt: RowFilter) -> list[sa.ColumnElement[bool]]:
    """The filters as conditions on the cell columns of ``ranked`` with literal ids.

    Filters select whole cells, so they may apply before the ranking as well as after; written
    on the window's partition columns, PostgreSQL applies them inside the ranking subquery and
    ranks only the selected cells (one region and measure of 100 000 rows: about 3x faster than
    ranking every row and filtering the joined labels afterwards).
    """
    conditions: list[sa.ColumnElement[bool]] = []
    if flt.geo_levels:
        conditions.append(ranked.c.geo_level.in_(flt.geo_levels))
    if flt.metrics:
        ids = [x["id"] for x in metrics() if x["code"] in flt.metrics]
        conditions.append(ranked.c.metric_id.in_(ids))
    if flt.regions:
        region_ids = [r["id"] for r in regions() if r["code"] in flt.regions]
        # A municipality's region is its unit's region in its division.
        unit_ids = [u["id"] for u in municipalities() if u["region_id"] in region_ids]
        conditions.append(
            sa.or_(
                sa.and_(
                    ranked.c.geo_level == "planning_region", ranked.c.region_id.in_(region_ids)
                ),
                ranked.c.municipality_id.in_(unit_ids),
            )
        )
    if flt.units:
        wanted = set(flt.units)
        unit_ids = [u["id"] for u in municipalities() if (u["division"], u["code"]) in wanted]
        conditions.append(ranked.c.municipality_id.in_(unit_ids))
    if flt.date_from or flt.date_to:
        periods = sa.select(m.Period.id)
        if flt.date_from:
            periods = periods.where(m.Period.start_date >= flt.date_from)
        if flt.date_to:
            periods = periods.where(m.Period.end_date <= flt.date_to)
        with get_db().engine.connect() as conn:
            conditions.append(ranked.c.period_id.in_(conn.scalars(periods).all()))
    return conditions


def _by_id(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def _rows(flt: RowFilter) -> list[dict[str, Any]]:
    period_columns = [
        m.Period.id,
        m.Period.code,
        m.Period.label_lv,
        m.Period.label_en,
        m.Period.start_date,
        m.Period.end_date,
        m.Period.months,
    ]
    with get_db().engine.connect() as conn:
        periods = {row[0]: tuple(row[1:]) for row in conn.execute(sa.select(*period_columns))}
        found = [tuple(row) for row in conn.execute(_statement(flt))]
    region_by_id = _by_id(regions())
    metric_by_id = _by_id(metrics())
    unit_by_id = _by_id(municipalities())
    source_by_id = _by_id(sources())
    no_source: dict[str, Any] = dict.fromkeys(("title", "publisher", "url", "published_on"))
    level_order = {level: i for i, level in enumerate(GEO_LEVELS)}
    keyed = []
    for period_id, level, region_id, unit_id, metric_id, source_id, *rest in found:
        value, rank, reliability, note, release = rest
        code, label_lv, label_en, start, end, months = periods[period_id]
        unit = unit_by_id[unit_id] if level == "municipality" else None
        # A municipal row's planning region is its unit's region in its division.
        region = region_by_id.get(unit["region_id"] if unit else region_id)
        metric = metric_by_id[metric_id]
        source = source_by_id[source_id] if source_id is not None else no_source
        if level == "national":
            geo = (NATIONAL_CODE, NATIONAL_NAME_LV, NATIONAL_NAME_EN)
        elif unit is not None:
            geo = (unit["code"], unit["name_lv"], unit["name_en"])
        else:
            geo = (region["code"], region["name_lv"], region["name_en"]) if region else ("",) * 3
        row = dict(
            zip(
                ROW_KEYS,
                (
                    code,
                    label_lv,
                    label_en,
                    start,
                    end,
                    int(months),
                    level,
                    *geo,
                    unit["division"] if unit else None,
                    region["code"] if region else None,
                    region["name_lv"] if region else None,
                    region["name_en"] if region else None,
                    metric["code"],
                    metric["unit_code"],
                    metric["kind"],
                    int(value),
                    rank == 1,
                    reliability,
                    note,
                    source["title"],
                    source["publisher"],
                    source["url"],
                    source["published_on"],
                    source.get("published_precision"),
                    int(release),
                ),
                strict=True,
            )
        )
        key = (
            start,
            end,
            metric["sort_order"],
            metric["code"],
            level_order.get(level, len(GEO_LEVELS)),
            region["sort_order"] if region else -1,
            unit["division"] if unit else "",
            unit["code"] if unit else "",
            rank,
        )
        keyed.append((key, row))
    keyed.sort(key=lambda pair: pair[0])
    return [row for _, row in keyed]


def observation_rows(flt: ObservationFilter) -> list[dict[str, Any]]:
    """The rows ``flt`` selects (cached), keys :data:`ROW_KEYS`, ordered by period, measure,
    geography level, region, unit and preference.

    A plain :class:`ObservationFilter` means every level, preferred rows only. Absent values
    (a national row's region, a row without a stated source) are ``None``.
    """
    row_filter = _as_row_filter(flt)

    def compute() -> list[dict[str, Any]]:
        return _rows(row_filter)

    return cached("observation_rows", [row_filter.key()], compute)
