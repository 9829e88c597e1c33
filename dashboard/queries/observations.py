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
from dashboard.db.session import get_db
from dashboard.queries.preference import ranked_rows
from dashboard.queries.reference import metrics
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
            rows = _frame(
                conn.execute(_observation_sums(release)),
                ["period_id", "region_id", "metric_id", "source_id", "value"],
            )
        return one_period_per_year(rows, _label_frames())

    return cached("observation_sums", [release], compute)


def one_period_per_year(rows: pd.DataFrame, labels: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The rows the region charts can show without adding overlapping periods together.

    Publishers report the same flow over overlapping periods (a half-year and its year, a year
    and the running total since March 2018) and stocks standing at a month; summed, such rows
    count the same people twice or more. The charts and their totals therefore take flows only,
    and for each region, measure and calendar year the one published period within that year
    that covers the most months (the later one on a tie): the year itself where it was
    published, otherwise the longest part of it (the seed's 2018 from March, its first half of
    2020). Periods across years (running totals) and stocks stay in the open data, where every
    row is served with its own dates.
    """
    if rows.empty:
        return rows
    period = labels["period"].set_index("_id")
    metric = labels["metric"].set_index("_id")
    start = pd.to_datetime(rows["period_id"].map(period["period_start"]))
    end = pd.to_datetime(rows["period_id"].map(period["period_end"]))
    frame = rows.assign(
        _year=start.dt.year,
        _months=rows["period_id"].map(period["months"]),
        _end=end,
        _start=start,
    )
    keep = (start.dt.year == end.dt.year) & (
        rows["metric_id"].map(metric["_metric_kind"]) == "flow"
    )
    frame = frame[keep].sort_values(
        ["_months", "_end", "_start"], ascending=[False, False, True], kind="stable"
    )
    frame = frame.drop_duplicates(["region_id", "metric_id", "_year"])
    return frame[list(rows.columns)].sort_index()


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
                    {
                        "metric": m.Metric.code,
                        "_metric_order": m.Metric.sort_order,
                        "_metric_kind": m.Metric.kind,
                    },
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


def charted_metric_codes() -> list[str]:
    """Codes of the measures the region charts can show (flows with figures in effect, see
    :func:`one_period_per_year`), in registry order; every measure while none has figures."""

    def compute() -> list[str]:
        table = _label_frames()["metric"]
        used = table[table["_id"].isin(_sums(None)["metric_id"])]
        chosen = used if not used.empty else table
        return chosen.sort_values(["_metric_order", "_id"], kind="stable")["metric"].tolist()

    return cached("charted_metric_codes", [], compute)


def charted_metrics() -> list[dict[str, Any]]:
    """The rows of :func:`reference.metrics` for :func:`charted_metric_codes`: the measures a
    reader can pick on the overview, the map and in embeds."""
    codes = set(charted_metric_codes())
    return [row for row in metrics() if row["code"] in codes]


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
