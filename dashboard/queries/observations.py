"""Observations: the sums in effect, cut by the filters the pages and the API share.

Aggregation happens in SQL (``GROUP BY``), once per data version (:func:`_sums`); every filter a
reader picks, the period list and the sources are then cut from that frame in memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from flask import g, has_request_context

from dashboard.db import models as m
from dashboard.db.published import in_effect
from dashboard.db.session import get_db
from dashboard.queries.preference import ranked_rows
from dashboard.queries.versioning import cached, data_version

OBSERVATION_COLUMNS = [
    "period",
    "period_label_lv",
    "period_label_en",
    "period_start",
    "period_end",
    "months",
    "is_partial",
    "region",
    "region_name_lv",
    "region_name_en",
    "metric",
    "value",
]


@dataclass(frozen=True)
class ObservationFilter:
    """Validated filters shared by the pages and the API."""

    regions: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    release: int | None = None

    def key(self) -> str:
        return repr(self)


def _observation_sums(release: int | None) -> sa.Select[Any]:
    """The preferred row of every planning-region cell in effect (ids and value only).

    Region views show what each planning region published (or the preferred of its sources,
    ``preference.py``); national and municipal figures are separate series, never summed into
    them. The labels are attached afterwards from the small reference tables
    (:func:`observations`): joining every row to its labels in SQL made this four times slower
    at 100 000 municipality-level rows (``bench/data_scale.py``).
    """
    ranked = ranked_rows(release)
    return sa.select(
        ranked.c.period_id,
        ranked.c.region_id,
        ranked.c.metric_id,
        ranked.c.source_id,
        ranked.c.value,
    ).where(ranked.c.rank == 1, ranked.c.geo_level == "planning_region")


def _frame(result: Any, columns: list[str]) -> pd.DataFrame:
    """A DataFrame of a result's rows, passed as plain tuples: pandas takes several times longer
    over SQLAlchemy ``Row`` objects (40 ms for 4 000 rows, ``bench/data_scale.py``)."""
    return pd.DataFrame.from_records([tuple(row) for row in result], columns=columns)


def _sums(release: int | None) -> pd.DataFrame:
    """Every sum in effect (now, or as of ``release``), cached: the one pass over the
    observation table per data version.

    However many rows are stored, the sums are at most periods × regions × metrics × sources
    (about 4 000 for 100 000 municipality-level rows), so every filter a reader picks, the
    period list and the sources are then cut from this frame in memory instead of each
    running its own aggregate over the whole table.
    """

    def compute() -> pd.DataFrame:
        with get_db().engine.connect() as conn:
            return _frame(
                conn.execute(_observation_sums(release)),
                ["period_id", "region_id", "metric_id", "source_id", "value"],
            )

    return cached("observation_sums", [release], compute)


def _label_frames() -> dict[str, pd.DataFrame]:
    """Periods, regions and metrics by id, with the columns ``observations`` shows (cached)."""

    def table(session: Any, key: Any, columns: dict[str, Any]) -> pd.DataFrame:
        statement = sa.select(key.label("_id"), *(c.label(n) for n, c in columns.items()))
        return _frame(session.execute(statement), ["_id", *columns])

    def compute() -> dict[str, pd.DataFrame]:
        with get_db().session() as session:
            return {
                "period": table(
                    session,
                    m.Period.id,
                    {
                        "period": m.Period.code,
                        "period_label_lv": m.Period.label_lv,
                        "period_label_en": m.Period.label_en,
                        "period_start": m.Period.start_date,
                        "period_end": m.Period.end_date,
                        "months": m.Period.months,
                        "is_partial": m.Period.is_partial,
                    },
                ),
                "region": table(
                    session,
                    m.Region.id,
                    {
                        "region": m.Region.code,
                        "region_name_lv": m.Region.name_lv,
                        "region_name_en": m.Region.name_en,
                        "_region_order": m.Region.sort_order,
                    },
                ),
                "metric": table(
                    session,
                    m.Metric.id,
                    {"metric": m.Metric.code, "_metric_order": m.Metric.sort_order},
                ),
            }

    return cached("observation_labels", [], compute)


def _filtered_sums(flt: ObservationFilter) -> pd.DataFrame:
    """The sums of :func:`_sums` that ``flt`` selects (by region, metric and period dates).

    Kept for the rest of the request (``observations`` and ``sources_for`` both need it).
    """
    memo = g.setdefault("remigration_filtered_sums", {}) if has_request_context() else {}
    key = (data_version(), flt.key())
    if key not in memo:
        memo[key] = _filter_sums(flt)
    return memo[key]


def _filter_sums(flt: ObservationFilter) -> pd.DataFrame:
    sums = _sums(flt.release)
    labels = _label_frames()
    if flt.regions:
        region = labels["region"]
        sums = sums[sums["region_id"].isin(region.loc[region["region"].isin(flt.regions), "_id"])]
    if flt.metrics:
        metric = labels["metric"]
        sums = sums[sums["metric_id"].isin(metric.loc[metric["metric"].isin(flt.metrics), "_id"])]
    if flt.date_from or flt.date_to:
        period = labels["period"]
        keep = pd.Series(True, index=period.index)
        if flt.date_from:
            keep &= period["period_start"] >= flt.date_from
        if flt.date_to:
            keep &= period["period_end"] <= flt.date_to
        sums = sums[sums["period_id"].isin(period.loc[keep, "_id"])]
    return sums


def observations(flt: ObservationFilter) -> pd.DataFrame:
    """Observation values per period × region × metric for ``flt`` (cached).

    Columns are ``OBSERVATION_COLUMNS``; rows are ordered by period start, region, metric.
    """

    def compute() -> pd.DataFrame:
        labels = _label_frames()
        sums = (
            _filtered_sums(flt)
            .groupby(["period_id", "region_id", "metric_id"], as_index=False, sort=False)["value"]
            .sum()
        )
        # Labels by id lookup (Series.map), cheaper than three merges for a few thousand rows.
        columns: dict[str, Any] = {}
        for kind in ("period", "region", "metric"):
            table = labels[kind].set_index("_id")
            ids = sums[f"{kind}_id"]
            for column in table.columns:
                columns[column] = ids.map(table[column])
        frame = pd.DataFrame({**columns, "value": sums["value"]}).sort_values(
            ["period_start", "_region_order", "_metric_order"], kind="stable"
        )
        frame = frame[OBSERVATION_COLUMNS].reset_index(drop=True)
        frame["value"] = frame["value"].astype("int64")
        frame["months"] = frame["months"].astype("int64")
        frame["is_partial"] = frame["is_partial"].astype(bool)
        return frame

    return cached("observations", [flt.key()], compute)


def observation_rows(flt: ObservationFilter) -> list[dict[str, Any]]:
    """Tidy, un-aggregated observation rows for the open-data API and exports."""

    def compute() -> list[dict[str, Any]]:
        stmt = (
            sa.select(
                m.Period.code,
                m.Period.label_lv,
                m.Period.label_en,
                m.Period.start_date,
                m.Period.end_date,
                m.Region.code,
                m.Region.name_lv,
                m.Region.name_en,
                m.Metric.code,
                m.Metric.unit_code,
                m.Observation.value,
                m.Source.url,
                m.Source.title,
                m.Release.number,
            )
            .join(m.Period, m.Observation.period_id == m.Period.id)
            .join(m.Region, m.Observation.region_id == m.Region.id)
            .join(m.Metric, m.Observation.metric_id == m.Metric.id)
            .outerjoin(m.Source, m.Observation.source_id == m.Source.id)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .where(in_effect(flt.release))
            .order_by(m.Period.start_date, m.Metric.sort_order, m.Region.sort_order)
        )
        if flt.regions:
            stmt = stmt.where(m.Region.code.in_(flt.regions))
        if flt.metrics:
            stmt = stmt.where(m.Metric.code.in_(flt.metrics))
        if flt.date_from:
            stmt = stmt.where(m.Period.start_date >= flt.date_from)
        if flt.date_to:
            stmt = stmt.where(m.Period.end_date <= flt.date_to)
        keys = [
            "period",
            "period_label_lv",
            "period_label_en",
            "period_start",
            "period_end",
            "region",
            "region_name_lv",
            "region_name_en",
            "metric",
            "unit",
            "value",
            "source_url",
            "source_title",
            "release",
        ]
        with get_db().session() as session:
            return [dict(zip(keys, row, strict=True)) for row in session.execute(stmt)]

    return cached("observation_rows", [flt.key()], compute)


PERIOD_FIELDS = {  # periods() key: its column in _label_frames()["period"]
    "id": "_id",
    "code": "period",
    "start_date": "period_start",
    "end_date": "period_end",
    "label_lv": "period_label_lv",
    "label_en": "period_label_en",
    "months": "months",
    "is_partial": "is_partial",
}


def periods() -> list[dict[str, Any]]:
    """Periods that have published observations, oldest first (from the cached sums and
    labels: no query of its own)."""

    def compute() -> list[dict[str, Any]]:
        table = _label_frames()["period"]
        used = table[table["_id"].isin(_sums(None)["period_id"])].sort_values(
            ["period_start", "_id"], kind="stable"
        )
        columns = [used[column].tolist() for column in PERIOD_FIELDS.values()]
        return [
            {
                key: (int(v) if key in {"id", "months"} else bool(v) if key == "is_partial" else v)
                for key, v in zip(PERIOD_FIELDS, values, strict=True)
            }
            for values in zip(*columns, strict=True)
        ]

    return cached("periods", [], compute)


def sources_for(flt: ObservationFilter) -> list[dict[str, Any]]:
    """Sources of the observations in ``flt``, newest publication first."""

    def compute() -> list[dict[str, Any]]:
        ids = sorted({int(i) for i in _filtered_sums(flt)["source_id"].dropna()})
        stmt = (
            sa.select(m.Source)
            .where(m.Source.id.in_(ids))
            .order_by(m.Source.published_on.desc(), m.Source.id)
        )
        with get_db().session() as session:
            return [
                {
                    "code": s.code,
                    "title": s.title,
                    "publisher": s.publisher,
                    "url": s.url,
                    "published_on": s.published_on,
                }
                for s in session.scalars(stmt)
            ]

    return cached("sources_for", [flt.key()], compute)
