"""Data availability: which measure was published where and for which periods, by which
sources, and where those sources disagree; and what each release published.

``/data`` shows it as one matrix per measure (geography × calendar year, the UK coronavirus
dashboard's "metrics availability" page is the model) so a reader sees at a glance that, say,
Kurzeme published people returned for 2018, 2020 and 2022 only, before reading a chart that
seems to say more. Everything is derived from the open data's rows with every source
(``rows.observation_rows(RowFilter(all_sources=True))``), so the matrix can never disagree with
the API it links to, and cached under the data version like every other query.

Periods are grouped the way the charts must keep them apart (issue 13): flows counted within one
calendar year; running totals and other periods over several years (never added to the years
they overlap); stocks standing at a month; targets. A cell of the matrix is one geography and
one calendar year: a flow's period falls in its year, a running total or a stock in the year it
ends ("as of"), a target in every year it sets a figure for.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.reference import metrics, municipalities, regions
from dashboard.queries.rows import (
    NATIONAL_CODE,
    NATIONAL_NAME_EN,
    NATIONAL_NAME_LV,
    RowFilter,
    observation_rows,
)
from dashboard.queries.versioning import cached

# The groups of the matrix, in the order /data lists them.
GROUPS = ("flow", "running_total", "stock", "target")
PUBLISHED = "published"
CONFLICTING = "conflicting"
NOT_PUBLISHED = "not_published"


def period_group(kind: str, start: dt.date, end: dt.date) -> str:
    """The group of a figure of a measure of ``kind`` over ``start``–``end``: a flow within one
    calendar year is a ``flow``; a flow across years is a ``running_total`` (since March 2018,
    or another multi-year period); stocks and targets are their own groups."""
    if kind in ("stock", "target"):
        return kind
    return "flow" if start.year == end.year else "running_total"


def cell_years(group: str, start: dt.date, end: dt.date) -> tuple[int, ...]:
    """The calendar years (columns) a period is shown in: a target in every year it covers,
    a running total or a stock in the year it ends, a flow in its own year."""
    if group == "target":
        return tuple(range(start.year, end.year + 1))
    return (end.year,)


def _geo_key(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row["geo_level"], row["geo_code"], row["division"] or "")


def _source(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "value": row["value"],
        "preferred": row["preferred"],
        "release": row["release"],
        "title": row["source_title"],
        "publisher": row["source_publisher"],
        "url": row["source_url"],
        "published_on": row["source_published_on"],
        "published_precision": row["source_published_precision"],
    }


def _periods_by_cell(rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], dict[str, Any]]:
    """``{(group, metric, geo key, period): period entry}`` with every source of that cell."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        group = period_group(row["kind"], row["period_start"], row["period_end"])
        key = (group, row["metric"], _geo_key(row), row["period"])
        entry = out.setdefault(
            key,
            {
                "period": row["period"],
                "label_lv": row["period_label_lv"],
                "label_en": row["period_label_en"],
                "start": row["period_start"],
                "end": row["period_end"],
                "sources": [],
            },
        )
        entry["sources"].append(_source(row))
    for entry in out.values():
        # Preferred first (the value readers see), then as the rows came (by preference rank).
        entry["sources"].sort(key=lambda s: not s["preferred"])
        entry["conflicting"] = len({s["value"] for s in entry["sources"]}) > 1
    return out


def _fixed_geographies() -> list[dict[str, Any]]:
    """Latvia and the five planning regions: rows of every matrix, published or not."""
    national = {
        "level": "national",
        "code": NATIONAL_CODE,
        "division": "",
        "region": None,
        "name_lv": NATIONAL_NAME_LV,
        "name_en": NATIONAL_NAME_EN,
    }
    return [national] + [
        {
            "level": "planning_region",
            "code": r["code"],
            "division": "",
            "region": r["code"],
            "name_lv": r["name_lv"],
            "name_en": r["name_en"],
        }
        for r in regions()
    ]


def _municipality(code: str, division: str) -> dict[str, Any]:
    region_code = {r["id"]: r["code"] for r in regions()}
    unit = next(u for u in municipalities() if u["code"] == code and u["division"] == division)
    return {
        "level": "municipality",
        "code": code,
        "division": division,
        "region": region_code.get(unit["region_id"]),
        "name_lv": unit["name_lv"],
        "name_en": unit["name_en"],
    }


def _measure_entry(
    group: str, metric: dict[str, Any], periods: dict[tuple[Any, ...], dict[str, Any]]
) -> dict[str, Any]:
    """One matrix: a measure's cells of one group, keyed by geography and year."""
    cells: dict[tuple[tuple[str, str, str], int], list[dict[str, Any]]] = defaultdict(list)
    for (_, _, geo, _), entry in periods.items():
        for year in cell_years(group, entry["start"], entry["end"]):
            cells[(geo, year)].append(entry)
    units = sorted(
        {geo for geo, _ in cells if geo[0] == "municipality"}, key=lambda g: (g[2], g[1])
    )
    geographies = _fixed_geographies() + [_municipality(code, div) for _, code, div in units]
    return {
        "group": group,
        "metric": metric["code"],
        "name_lv": metric["name_lv"],
        "name_en": metric["name_en"],
        "unit_lv": metric["unit_lv"],
        "unit_en": metric["unit_en"],
        "figures": len(periods),
        "conflicts": sum(1 for e in periods.values() if e["conflicting"]),
        "years": sorted({year for _, year in cells}),
        "national": any(geo[0] == "national" for geo, _ in cells),
        "regions": sorted({geo[1] for geo, _ in cells if geo[0] == "planning_region"}),
        "municipalities": len(units),
        "geographies": geographies,
        "cells": [
            {
                "geo_level": geo[0],
                "geo_code": geo[1],
                "division": geo[2],
                "year": year,
                "status": CONFLICTING if any(e["conflicting"] for e in found) else PUBLISHED,
                "periods": sorted(found, key=lambda e: (e["start"], e["end"])),
            }
            for (geo, year), found in sorted(cells.items(), key=lambda kv: kv[0][1])
        ],
    }


def availability() -> dict[str, Any]:
    """What is published, as ``{"years": [...], "measures": [...]}`` (cached).

    ``years`` runs from the first to the last calendar year any figure falls in. ``measures``
    holds one entry per measure and group with figures, in group order (:data:`GROUPS`) and
    registry order within a group, then one entry (``figures`` 0, no cells) per measure with no
    figure at all under its own kind. Each entry: ``group``, ``metric``, ``name_*``, ``unit_*``,
    ``figures`` (cells: geography × period), ``conflicts`` (cells whose sources give different
    values), ``years``, ``national``, ``regions`` (codes), ``municipalities`` (how many),
    ``geographies`` (the matrix's rows: Latvia, the planning regions, the municipalities that
    published) and ``cells``: one per geography and year with a figure, ``status``
    (``published`` or ``conflicting``; a cell not listed is not published) and its ``periods``,
    each with its dates, labels, ``conflicting`` and ``sources`` (value, preferred, release,
    title, publisher, url, published_on, published_precision; the preferred one first).
    """

    def compute() -> dict[str, Any]:
        periods = _periods_by_cell(observation_rows(RowFilter(all_sources=True)))
        by_measure: dict[tuple[str, str], dict[tuple[Any, ...], dict[str, Any]]] = defaultdict(dict)
        for key, entry in periods.items():
            by_measure[(key[0], key[1])][key] = entry
        entries = [
            _measure_entry(group, metric, by_measure[(group, metric["code"])])
            for group in GROUPS
            for metric in metrics()
            if (group, metric["code"]) in by_measure
        ]
        published = {e["metric"] for e in entries}
        empty = [
            {
                "group": metric["kind"],
                "metric": metric["code"],
                "name_lv": metric["name_lv"],
                "name_en": metric["name_en"],
                "unit_lv": metric["unit_lv"],
                "unit_en": metric["unit_en"],
                "figures": 0,
                "conflicts": 0,
                "years": [],
                "national": False,
                "regions": [],
                "municipalities": 0,
                "geographies": [],
                "cells": [],
            }
            for metric in metrics()
            if metric["code"] not in published
        ]
        years = [year for e in entries for year in e["years"]]
        span = list(range(min(years), max(years) + 1)) if years else []
        return {"years": span, "measures": entries + empty}

    return cached("availability", [], compute)


def release_contents() -> dict[int, dict[str, Any]]:
    """What each release published, ``{release number: contents}`` (cached).

    Contents: ``figures`` (rows stored by the release, superseded ones included: they are what
    it published), ``metrics`` (codes, registry order), ``national`` (whether it has a figure
    for Latvia), ``regions`` (codes), ``municipalities`` (how many units), ``periods`` (each
    with ``code``, ``label_lv``/``_en``, in date order) and ``sources`` (title, publisher, url,
    published_on, published_precision; ``None`` fields for "source not stated").
    A release that stored nothing (an empty upload) is missing from the dict.
    """

    def compute() -> dict[int, dict[str, Any]]:
        obs, rel = m.Observation, m.Release
        number = rel.number.label("number")
        base = sa.select(number).join(obs, obs.release_id == rel.id)
        with get_db().engine.connect() as conn:
            counts = conn.execute(base.add_columns(sa.func.count(obs.id)).group_by(rel.number))
            out: dict[int, dict[str, Any]] = {
                n: {
                    "figures": int(c),
                    "metrics": [],
                    "national": False,
                    "regions": [],
                    "municipalities": 0,
                    "periods": [],
                    "sources": [],
                }
                for n, c in counts
            }
            metric_rows = conn.execute(
                base.add_columns(m.Metric.code)
                .join(m.Metric, m.Metric.id == obs.metric_id)
                .group_by(rel.number, m.Metric.code, m.Metric.sort_order)
                .order_by(m.Metric.sort_order)
            )
            for n, code in metric_rows:
                out[n]["metrics"].append(code)
            geo_rows = conn.execute(
                base.add_columns(
                    obs.geo_level, m.Region.code, sa.func.count(sa.distinct(obs.municipality_id))
                )
                .outerjoin(m.Region, m.Region.id == obs.region_id)
                .group_by(rel.number, obs.geo_level, m.Region.code, m.Region.sort_order)
                .order_by(m.Region.sort_order)
            )
            units: dict[int, int] = defaultdict(int)
            for n, level, region, count in geo_rows:
                if level == "national":
                    out[n]["national"] = True
                elif level == "planning_region" and region:
                    out[n]["regions"].append(region)
                elif level == "municipality":
                    units[n] += int(count)
            for n, count in units.items():
                out[n]["municipalities"] = count
            period_rows = conn.execute(
                base.add_columns(m.Period.code, m.Period.label_lv, m.Period.label_en)
                .join(m.Period, m.Period.id == obs.period_id)
                .group_by(
                    rel.number,
                    m.Period.code,
                    m.Period.label_lv,
                    m.Period.label_en,
                    m.Period.start_date,
                    m.Period.end_date,
                )
                .order_by(m.Period.start_date, m.Period.end_date)
            )
            for n, code, label_lv, label_en in period_rows:
                out[n]["periods"].append({"code": code, "label_lv": label_lv, "label_en": label_en})
            source_rows = conn.execute(
                base.add_columns(
                    m.Source.title,
                    m.Source.publisher,
                    m.Source.url,
                    m.Source.published_on,
                    m.Source.published_precision,
                )
                .outerjoin(m.Source, m.Source.id == obs.source_id)
                .group_by(
                    rel.number,
                    m.Source.id,
                    m.Source.title,
                    m.Source.publisher,
                    m.Source.url,
                    m.Source.published_on,
                    m.Source.published_precision,
                )
            )
            for n, title, publisher, url, published_on, precision in source_rows:
                out[n]["sources"].append(
                    {
                        "title": title,
                        "publisher": publisher,
                        "url": url,
                        "published_on": published_on,
                        "published_precision": precision,
                    }
                )
        for contents in out.values():
            # Oldest publication first, undated ones last (SQL databases differ on NULLs).
            contents["sources"].sort(
                key=lambda s: (s["published_on"] is None, s["published_on"] or dt.date.min)
            )
        return out

    return cached("release_contents", [], compute)
