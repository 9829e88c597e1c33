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
    ranked = ranked_rows(flt.release)
    # A municipal row's planning region is its unit's region in its division (the row's own
    # region_id says the same when the ingest stored it; the unit is the definition).
    region_id = sa.func.coalesce(m.Municipality.region_id, ranked.c.region_id)
    level_order = sa.case(
        *((ranked.c.geo_level == level, i) for i, level in enumerate(GEO_LEVELS)), else_=9
    )
    stmt = (
        sa.select(
            m.Period.code,
            m.Period.label_lv,
            m.Period.label_en,
            m.Period.start_date,
            m.Period.end_date,
            m.Period.months,
            ranked.c.geo_level,
            m.Municipality.code,
            m.Municipality.name_lv,
            m.Municipality.name_en,
            m.Municipality.division,
            m.Region.code,
            m.Region.name_lv,
            m.Region.name_en,
            m.Metric.code,
            m.Metric.unit_code,
            m.Metric.kind,
            ranked.c.value,
            ranked.c.rank,
            ranked.c.reliability,
            ranked.c.note,
            m.Source.title,
            m.Source.publisher,
            m.Source.url,
            m.Source.published_on,
            m.Source.published_precision,
            ranked.c.release_number,
        )
        .select_from(ranked)
        .join(m.Period, m.Period.id == ranked.c.period_id)
        .join(m.Metric, m.Metric.id == ranked.c.metric_id)
        .outerjoin(m.Municipality, m.Municipality.id == ranked.c.municipality_id)
        .outerjoin(m.Region, m.Region.id == region_id)
        .outerjoin(m.Source, m.Source.id == ranked.c.source_id)
        .order_by(
            m.Period.start_date,
            m.Period.end_date,
            m.Metric.sort_order,
            m.Metric.code,
            level_order,
            m.Region.sort_order,
            m.Municipality.division,
            m.Municipality.code,
            ranked.c.rank,
        )
    )
    if not flt.all_sources:
        stmt = stmt.where(ranked.c.rank == 1)
    if flt.geo_levels:
        stmt = stmt.where(ranked.c.geo_level.in_(flt.geo_levels))
    if flt.regions:
        stmt = stmt.where(m.Region.code.in_(flt.regions))
    if flt.metrics:
        stmt = stmt.where(m.Metric.code.in_(flt.metrics))
    if flt.date_from:
        stmt = stmt.where(m.Period.start_date >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(m.Period.end_date <= flt.date_to)
    return stmt


def _row(values: tuple[Any, ...]) -> dict[str, Any]:
    (
        period,
        label_lv,
        label_en,
        start,
        end,
        months,
        level,
        muni_code,
        muni_lv,
        muni_en,
        division,
        region,
        region_lv,
        region_en,
        metric,
        unit,
        kind,
        value,
        rank,
        reliability,
        note,
        title,
        publisher,
        url,
        published_on,
        precision,
        release,
    ) = values
    if level == "national":
        geo = (NATIONAL_CODE, NATIONAL_NAME_LV, NATIONAL_NAME_EN)
    elif level == "municipality":
        geo = (muni_code, muni_lv, muni_en)
    else:
        geo = (region, region_lv, region_en)
    return dict(
        zip(
            ROW_KEYS,
            (
                period,
                label_lv,
                label_en,
                start,
                end,
                int(months),
                level,
                *geo,
                division if level == "municipality" else None,
                region,
                region_lv,
                region_en,
                metric,
                unit,
                kind,
                int(value),
                rank == 1,
                reliability,
                note,
                title,
                publisher,
                url,
                published_on,
                precision,
                int(release),
            ),
            strict=True,
        )
    )


def observation_rows(flt: ObservationFilter) -> list[dict[str, Any]]:
    """The rows ``flt`` selects (cached), keys :data:`ROW_KEYS`, ordered by period, measure,
    geography level, region, unit and preference.

    A plain :class:`ObservationFilter` means every level, preferred rows only. Absent values
    (a national row's region, a row without a stated source) are ``None``.
    """
    row_filter = _as_row_filter(flt)

    def compute() -> list[dict[str, Any]]:
        with get_db().engine.connect() as conn:
            return [_row(tuple(values)) for values in conn.execute(_statement(row_filter))]

    return cached("observation_rows", [row_filter.key()], compute)
