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
from dashboard.queries.series import (
    DEFAULT_GRANULARITY,
    GRANULARITIES,
    PROGRAMME_START,
    VIEW_KIND,
    normalise_granularity,
    period_slot,
)
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
    # Which periods the region views take (``series.py``): the year view unless a page asks
    # for another. The open-data rows (``rows.py``) ignore it: they serve every period.
    granularity: str = DEFAULT_GRANULARITY

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
    """Every preferred planning-region row in effect (now, or as of ``release``), cached: the
    one pass over the observation table per data version.

    However many rows are stored, these are at most periods × regions × metrics (about 4 000
    for 100 000 municipality-level rows), so every filter a reader picks, the period list and
    the sources are then cut from this frame in memory instead of each running its own
    aggregate over the whole table. Which of them a view may show is decided there
    (:func:`in_view`), never by adding overlapping periods together.
    """

    def compute() -> pd.DataFrame:
        with get_db().engine.connect() as conn:
            return _frame(
                conn.execute(_observation_sums(release)),
                ["period_id", "region_id", "metric_id", "source_id", "value"],
            )

    return cached("observation_sums", [release], compute)


def in_view(rows: pd.DataFrame, labels: dict[str, pd.DataFrame], granularity: str) -> pd.DataFrame:
    """The rows a region chart of ``granularity`` can show, each with its ``_slot``.

    Publishers report the same flow over overlapping periods (a half-year and its year, a year
    and the running total since March 2018) and stocks standing at a month; added up, such rows
    count the same people twice. A view therefore takes only the periods that are its own slots
    (``series.period_slot``) of measures of its kind (flows, or stocks for the stock view), and
    per region, measure and slot one period (the longer where a region published both the
    calendar year 2018 and the programme's March–December).
    """
    granularity = normalise_granularity(granularity)
    period = labels["period"].set_index("_id")
    metric = labels["metric"].set_index("_id")
    slots = {
        pid: period_slot(start, end, granularity)
        for pid, start, end in zip(
            period.index, period["period_start"], period["period_end"], strict=True
        )
    }
    frame = rows.assign(
        _slot=rows["period_id"].map(slots),
        _months=rows["period_id"].map(period["months"]),
    )
    kind = rows["metric_id"].map(metric["_metric_kind"])
    frame = frame[frame["_slot"].notna() & (kind == VIEW_KIND[granularity])]
    frame = frame.sort_values("_months", ascending=False, kind="stable")
    frame = frame.drop_duplicates(["region_id", "metric_id", "_slot"])
    return frame.drop(columns="_months").sort_index()


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
    labels = _label_frames()
    sums = in_view(_sums(flt.release), labels, flt.granularity)
    if flt.regions:
        region = labels["region"]
        sums = sums[sums["region_id"].isin(region.loc[region["region"].isin(flt.regions), "_id"])]
    if flt.metrics:
        metric = labels["metric"]
        sums = sums[sums["metric_id"].isin(metric.loc[metric["metric"].isin(flt.metrics), "_id"])]
    if flt.date_from or flt.date_to:
        period = labels["period"]
        keep = pd.Series(True, index=period.index)
        # A running total starts at the programme's start whatever the range: it is in the
        # range when it ends there.
        starts = "period_end" if flt.granularity == "programme" else "period_start"
        if flt.date_from:
            keep &= period[starts] >= flt.date_from
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
    """Periods of published planning-region observations, oldest first (from the cached sums
    and labels: no query of its own)."""

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


def charted_metric_codes(granularity: str = DEFAULT_GRANULARITY) -> list[str]:
    """Codes of the measures the region charts of ``granularity`` can show (those with figures
    of that view in effect, see :func:`in_view`), in registry order; every measure of the
    view's kind while none has figures."""
    granularity = normalise_granularity(granularity)

    def compute() -> list[str]:
        labels = _label_frames()
        table = labels["metric"]
        used = table[table["_id"].isin(in_view(_sums(None), labels, granularity)["metric_id"])]
        chosen = used if not used.empty else table[table["_metric_kind"] == VIEW_KIND[granularity]]
        return chosen.sort_values(["_metric_order", "_id"], kind="stable")["metric"].tolist()

    return cached("charted_metric_codes", [granularity], compute)


def charted_metrics(granularity: str = DEFAULT_GRANULARITY) -> list[dict[str, Any]]:
    """The rows of :func:`reference.metrics` for :func:`charted_metric_codes`: the measures a
    reader can pick on the overview (for its view), the map and in embeds."""
    codes = set(charted_metric_codes(granularity))
    return [row for row in metrics() if row["code"] in codes]


def default_granularity() -> str:
    """The view a page opens in when its link names none: the year view, unless no measure has
    a figure of that kind, then the first view that has figures (a database of quarterly
    figures only, such as ``remigration bench-data``'s, would otherwise open on empty axes).
    """

    def compute() -> str:
        labels = _label_frames()
        sums = _sums(None)
        return next(
            (g for g in GRANULARITIES if not in_view(sums, labels, g).empty), DEFAULT_GRANULARITY
        )

    return cached("default_granularity", [], compute)


def view_years() -> list[int]:
    """The calendar years a view's range can start and end in: from the programme's start to
    the last year a figure of any view covers (cached with the sums)."""

    def compute() -> list[int]:
        labels = _label_frames()
        table = labels["period"].set_index("_id")
        sums = _sums(None)
        ends = [
            table.loc[in_view(sums, labels, g)["period_id"], "period_end"].max()
            for g in GRANULARITIES
        ]
        last = max((d.year for d in ends if isinstance(d, dt.date)), default=PROGRAMME_START.year)
        return list(range(PROGRAMME_START.year, max(last, PROGRAMME_START.year) + 1))

    return cached("view_years", [], compute)


def sources_for(
    flt: ObservationFilter, periods: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """Sources of the numbers ``flt`` selects (only of the period codes ``periods`` when given:
    a chart showing some of them lists those), newest publication first."""

    def compute() -> list[dict[str, Any]]:
        sums = _filtered_sums(flt)
        if periods is not None:
            period = _label_frames()["period"]
            sums = sums[sums["period_id"].isin(period.loc[period["period"].isin(periods), "_id"])]
        ids = sorted({int(i) for i in sums["source_id"].dropna()})
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

    return cached("sources_for", [flt.key(), periods], compute)
