"""Read side: aggregated, cached queries that return small DataFrames.

Aggregation happens in SQL (``GROUP BY``), never by loading whole tables into pandas per request.
Results are cached with Flask-Caching under a key that includes the current *data version* (the
latest release and its status), so publishing or rolling back a release invalidates every cached
view at once without having to enumerate keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
import sqlalchemy as sa
from flask import g, has_request_context

from dashboard.cache import get_cache
from dashboard.db import models as m
from dashboard.db.session import get_db

T = TypeVar("T")

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


LAST_VERSION_KEY = "data_version:last"
# What a database outage looks like to SQLAlchemy: refused or dropped connections, timeouts.
DATABASE_OUTAGE_ERRORS: tuple[type[Exception], ...] = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
)


def data_version() -> str:
    """A short string that changes whenever published content changes.

    It combines the content revision counter (bumped by every publish, rollback and directory
    edit) with the release table's state, and is read once per request.

    When the database cannot be reached, the version last used to fill the cache is returned
    instead (and ``g.database_unavailable`` set), so that views already in the cache are still
    served; with no remembered version the outage error propagates (an HTTP 503, see
    ``dashboard/outage.py``).
    """
    if has_request_context() and "remigration_data_version" in g:
        return g.remigration_data_version
    statement = sa.select(
        sa.select(sa.func.max(m.Revision.value)).scalar_subquery(),
        sa.func.count(m.Release.id),
        sa.func.max(m.Release.id),
        sa.func.sum(sa.case((m.Release.status == "published", m.Release.id), else_=0)),
    )
    try:
        # One Core round trip, no ORM session: this runs on every request that reads data.
        with get_db().engine.connect() as conn:
            revision, *row = conn.execute(statement).one()
    except DATABASE_OUTAGE_ERRORS:
        version = get_cache().get(LAST_VERSION_KEY) if has_request_context() else None
        if not isinstance(version, str):
            raise
        g.database_unavailable = True
    else:
        version = hashlib.sha1(repr((revision, tuple(row))).encode()).hexdigest()[:16]
    if has_request_context():
        g.remigration_data_version = version
    return version


def remember_data_version(version: str) -> None:
    """Record ``version`` as the one the cache holds views for (read back during an outage)."""
    if not has_request_context():
        get_cache().set(LAST_VERSION_KEY, version)
    elif not g.get("database_unavailable") and g.get("remigration_remembered") != version:
        get_cache().set(LAST_VERSION_KEY, version)  # once per request, not once per cache fill
        g.remigration_remembered = version


def cached(name: str, params: Sequence[Any], compute: Callable[[], T]) -> T:
    """Return ``compute()`` cached under ``name``, ``params`` and the current data version.

    A broken cache backend (Redis down) must not take the site down: the value is then computed
    directly (see ``dashboard.cache``).
    """
    cache = get_cache()
    version = data_version()
    key = "q:" + hashlib.sha1(repr((name, version, tuple(params))).encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = compute()
    if cache.set(key, value):
        remember_data_version(version)
    return value


def _current_release_condition(release: int | None) -> sa.ColumnElement[bool]:
    """Rows in effect now (``release=None``) or at the moment release N was published.

    A release K is in effect at time T when it was published by T and not rolled back by T.
    A row counts when its release is in effect and no release in effect has superseded it, so
    rolled-back releases disappear and "as published in release N" stays reproducible after
    later publications and rollbacks.
    """
    superseding = sa.orm.aliased(m.Release)
    if release is None:
        return sa.and_(
            m.Release.status == "published",
            sa.or_(
                m.Observation.superseded_by_release_id.is_(None),
                ~sa.exists().where(
                    superseding.id == m.Observation.superseded_by_release_id,
                    superseding.status == "published",
                ),
            ),
        )
    moment = sa.select(m.Release.published_at).where(m.Release.number == release).scalar_subquery()

    def in_effect(rel: Any) -> sa.ColumnElement[bool]:
        return sa.and_(
            rel.published_at <= moment,
            sa.or_(rel.rolled_back_at.is_(None), rel.rolled_back_at > moment),
        )

    return sa.and_(
        in_effect(m.Release),
        sa.or_(
            m.Observation.superseded_by_release_id.is_(None),
            ~sa.exists().where(
                superseding.id == m.Observation.superseded_by_release_id, in_effect(superseding)
            ),
        ),
    )


def _observation_sums(release: int | None) -> sa.Select[Any]:
    """Sums per period × region × metric × source of the rows in effect (ids and value only).

    The sums are taken over the observation table alone (its lookup index covers the grouping);
    the labels are attached afterwards from the small reference tables (:func:`observations`).
    Joining every row to its labels in SQL made this four times slower at 100 000
    municipality-level rows (``bench/data_scale.py``).
    """
    return (
        sa.select(
            m.Observation.period_id,
            m.Observation.region_id,
            m.Observation.metric_id,
            m.Observation.source_id,
            sa.func.sum(m.Observation.value).label("value"),
        )
        .join(m.Release, m.Observation.release_id == m.Release.id)
        .where(_current_release_condition(release))
        .group_by(
            m.Observation.metric_id,
            m.Observation.period_id,
            m.Observation.region_id,
            m.Observation.source_id,
        )
    )


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
            .join(m.Source, m.Observation.source_id == m.Source.id)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .where(_current_release_condition(flt.release))
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


def _reference(model: type[Any], order: Any) -> list[dict[str, Any]]:
    with get_db().session() as session:
        objs = session.scalars(sa.select(model).order_by(order)).all()
        return [
            {c.key: getattr(obj, c.key) for c in sa.inspect(model).column_attrs} for obj in objs
        ]


def regions() -> list[dict[str, Any]]:
    return cached("regions", [], lambda: _reference(m.Region, m.Region.sort_order))


def metrics() -> list[dict[str, Any]]:
    return cached("metrics", [], lambda: _reference(m.Metric, m.Metric.sort_order))


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
        ids = sorted({int(i) for i in _filtered_sums(flt)["source_id"]})
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


def latest_release() -> dict[str, Any] | None:
    def compute() -> dict[str, Any] | None:
        with get_db().session() as session:
            rel = session.scalars(
                sa.select(m.Release)
                .where(m.Release.status == "published")
                .order_by(m.Release.number.desc())
                .limit(1)
            ).first()
            if rel is None:
                return None
            return {
                "number": rel.number,
                "published_at": rel.published_at,
                "description": rel.description,
            }

    return cached("latest_release", [], compute)


def sources() -> list[dict[str, Any]]:
    return cached("sources", [], lambda: _reference(m.Source, m.Source.code))


def _row(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in sa.inspect(type(obj)).column_attrs}


def _source_dict(source: m.Source | None) -> dict[str, Any] | None:
    return None if source is None else _row(source)


def contacts(active_only: bool = True) -> list[dict[str, Any]]:
    """Directory entries with their region, municipality and source resolved."""

    def compute() -> list[dict[str, Any]]:
        stmt = sa.select(m.Contact).order_by(m.Contact.name)
        if active_only:
            stmt = stmt.where(m.Contact.active.is_(True))
        with get_db().session() as session:
            out = []
            for c in session.scalars(stmt):
                row = _row(c)
                row["region"] = _row(c.region) if c.region else None
                row["municipality"] = _row(c.municipality) if c.municipality else None
                row["source"] = _source_dict(c.source)
                out.append(row)
            return out

    return cached("contacts", [active_only], compute)


def municipalities() -> list[dict[str, Any]]:
    return cached("municipalities", [], lambda: _reference(m.Municipality, m.Municipality.name_lv))


def links() -> list[dict[str, Any]]:
    return cached("links", [], lambda: _reference(m.Link, m.Link.code))


def events() -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        with get_db().session() as session:
            out = []
            for e in session.scalars(sa.select(m.Event).order_by(m.Event.date)):
                row = _row(e)
                row["source"] = _source_dict(e.source)
                out.append(row)
            return out

    return cached("events", [], compute)


def support_measures(municipality_code: str | None = None) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        stmt = sa.select(m.SupportMeasure).order_by(m.SupportMeasure.sort_order)
        if municipality_code:
            stmt = stmt.join(m.Municipality).where(m.Municipality.code == municipality_code)
        with get_db().session() as session:
            out = []
            for s in session.scalars(stmt):
                row = _row(s)
                row["municipality_code"] = s.municipality.code if s.municipality else None
                row["contact"] = _row(s.contact) if s.contact else None
                out.append(row)
            return out

    return cached("support_measures", [municipality_code], compute)


def funding() -> list[dict[str, Any]]:
    """All funding rows with ``parent_code`` and ``source`` resolved, in file order."""

    def compute() -> list[dict[str, Any]]:
        with get_db().session() as session:
            out = []
            for f in session.scalars(sa.select(m.Funding).order_by(m.Funding.id)):
                row = _row(f)
                row["parent_code"] = f.parent.code if f.parent else None
                row["source"] = _source_dict(f.source)
                out.append(row)
            return out

    return cached("funding", [], compute)


def releases() -> list[dict[str, Any]]:
    """All releases, newest first (published and rolled back)."""
    return cached("releases", [], lambda: _reference(m.Release, m.Release.number.desc()))


def last_modified() -> dt.datetime | None:
    """When published content last changed (releases, rollbacks, directory or funding edits).

    Cached with the data version, which changes whenever any of these does.
    """

    def compute() -> dt.datetime | None:
        with get_db().session() as session:
            revision = session.scalar(sa.select(sa.func.max(m.Revision.updated_at)))
            published = session.scalar(sa.select(sa.func.max(m.Release.published_at)))
            rolled_back = session.scalar(sa.select(sa.func.max(m.Release.rolled_back_at)))
        stamps = [s for s in (revision, published, rolled_back) if s is not None]
        return max(stamps) if stamps else None

    return cached("last_modified", [], compute)
