"""Conflicting sources: the cells in effect whose sources disagree, every source's value, and
which one readers see and why.

Read through ``preference.ranked_rows``, the one rule of which row readers see, so the admin's
conflict list can never disagree with the charts and the API. Cached under the data version:
publishing, rolling back and an admin's choice of source all change it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.i18n import N_
from dashboard.queries.preference import NO_SOURCE_RANK, SOURCE_KIND_RANK, ranked_rows
from dashboard.queries.versioning import cached

CELL_KEYS = ("geo_level", "region_id", "municipality_id", "period_id", "metric_id")

# Why a cell's preferred row is preferred: the first step of the rule that tells it from the
# runner-up (queries/preference.py), in words the admin page shows.
REASONS = {
    "admin": N_("admin's choice"),
    "official": N_("rule: official source"),
    "press": N_("rule: the press over other sites"),
    "stated": N_("rule: a stated source over none"),
    "later_publication": N_("rule: later publication"),
    "later_release": N_("rule: later release"),
}

GEO_ORDER = {"national": 0, "planning_region": 1, "municipality": 2}


def _kind_rank(row: dict[str, Any]) -> int:
    if row["source_id"] is None:
        return NO_SOURCE_RANK
    return SOURCE_KIND_RANK.get(row["source_kind"], SOURCE_KIND_RANK["other"])


def reason(first: dict[str, Any], second: dict[str, Any]) -> str:
    """Why ``first`` (rank 1) is preferred over ``second`` (rank 2): a key of :data:`REASONS`."""
    if first["preferred_by_admin"]:
        return "admin"
    if _kind_rank(first) < _kind_rank(second):
        return {"official": "official", "press": "press"}.get(first["source_kind"], "stated")
    if first["published_on"] is not None and (
        second["published_on"] is None or first["published_on"] > second["published_on"]
    ):
        return "later_publication"
    return "later_release"


def _statement() -> sa.Select[Any]:
    ranked = ranked_rows()
    cell = [ranked.c[k] for k in CELL_KEYS]
    spread = sa.select(
        ranked,
        sa.func.min(ranked.c.value).over(partition_by=cell).label("lowest"),
        sa.func.max(ranked.c.value).over(partition_by=cell).label("highest"),
    ).subquery("spread")
    geo_order = sa.case(
        *((spread.c.geo_level == level, order) for level, order in GEO_ORDER.items()), else_=3
    )
    return (
        sa.select(
            *(spread.c[k] for k in CELL_KEYS),
            spread.c.id,
            spread.c.value,
            spread.c.rank,
            spread.c.release_number,
            spread.c.source_id,
            spread.c.reliability,
            m.Observation.preferred_by_admin,
            m.Metric.code.label("metric"),
            m.Metric.name_lv.label("metric_name_lv"),
            m.Metric.name_en.label("metric_name_en"),
            m.Period.code.label("period"),
            m.Period.label_lv.label("period_label_lv"),
            m.Period.label_en.label("period_label_en"),
            m.Region.code.label("region"),
            m.Region.name_lv.label("region_name_lv"),
            m.Region.name_en.label("region_name_en"),
            m.Municipality.code.label("municipality"),
            m.Municipality.division.label("division"),
            m.Municipality.name_lv.label("municipality_name_lv"),
            m.Municipality.name_en.label("municipality_name_en"),
            m.Source.title.label("source_title"),
            m.Source.publisher.label("source_publisher"),
            m.Source.url.label("source_url"),
            m.Source.published_on.label("published_on"),
            m.Source.published_precision.label("published_precision"),
            m.Source.kind.label("source_kind"),
        )
        .join(m.Observation, m.Observation.id == spread.c.id)
        .join(m.Metric, m.Metric.id == spread.c.metric_id)
        .join(m.Period, m.Period.id == spread.c.period_id)
        .outerjoin(m.Region, m.Region.id == spread.c.region_id)
        .outerjoin(m.Municipality, m.Municipality.id == spread.c.municipality_id)
        .outerjoin(m.Source, m.Source.id == spread.c.source_id)
        .where(spread.c.lowest != spread.c.highest)
        .order_by(
            m.Metric.sort_order,
            m.Metric.code,
            geo_order,
            m.Region.sort_order,
            m.Municipality.division,
            m.Municipality.name_lv,
            m.Period.start_date,
            m.Period.end_date,
            spread.c.rank,
        )
    )


def conflicts() -> list[dict[str, Any]]:
    """Every cell in effect with differing values from several sources, in measure, geography
    and period order.

    Each cell: ``cell`` (its ids), ``metric``/``metric_name_lv``/``_en``, ``geo_level``,
    ``region``/``region_name_*``, ``municipality``/``division``/``municipality_name_*``,
    ``period``/``period_label_*``, ``reason`` (a key of :data:`REASONS`), ``admin_choice``
    (whether an admin chose its row) and ``rows``: one per source, preferred first, each with
    ``id`` (the observation), ``value``, ``rank``, ``preferred``, ``preferred_by_admin``,
    ``release``, ``reliability`` and the source's ``source_title``, ``source_publisher``,
    ``source_url``, ``published_on``, ``published_precision`` and ``source_kind`` (all
    ``None`` for "source not stated").
    """

    def compute() -> list[dict[str, Any]]:
        with get_db().engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(_statement())]
        cells: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in rows:
            key = tuple(row[k] for k in CELL_KEYS)
            if key not in cells:
                cells[key] = {
                    "cell": dict(zip(CELL_KEYS, key, strict=True)),
                    **{
                        k: row[k]
                        for k in (
                            "metric",
                            "metric_name_lv",
                            "metric_name_en",
                            "geo_level",
                            "region",
                            "region_name_lv",
                            "region_name_en",
                            "municipality",
                            "division",
                            "municipality_name_lv",
                            "municipality_name_en",
                            "period",
                            "period_label_lv",
                            "period_label_en",
                        )
                    },
                    "rows": [],
                }
            cells[key]["rows"].append(row)
        out = []
        for cell in cells.values():
            ordered = sorted(cell["rows"], key=lambda r: r["rank"])
            cell["reason"] = reason(ordered[0], ordered[1])
            cell["admin_choice"] = any(r["preferred_by_admin"] for r in ordered)
            cell["rows"] = [
                {
                    "id": r["id"],
                    "value": r["value"],
                    "rank": r["rank"],
                    "preferred": r["rank"] == 1,
                    "preferred_by_admin": bool(r["preferred_by_admin"]),
                    "release": r["release_number"],
                    "reliability": r["reliability"],
                    **{
                        k: r[k]
                        for k in (
                            "source_title",
                            "source_publisher",
                            "source_url",
                            "published_on",
                            "published_precision",
                        )
                    },
                    "source_kind": r["source_kind"] if r["source_id"] is not None else None,
                }
                for r in ordered
            ]
            out.append(cell)
        return out

    return cached("conflicts", [], compute)
