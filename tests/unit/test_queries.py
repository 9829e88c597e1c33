"""The cached query layer, against the session's seeded database (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard import queries
from dashboard.db import models as m
from dashboard.queries import OBSERVATION_COLUMNS, ObservationFilter

pytestmark = pytest.mark.usefixtures("app_context")

ALL_REGIONS = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
PERIODS = ["2018-03..2018-12", "2019", "2020-01..2020-06"]


def observations(**kwargs):
    """The year view and the half-year view together: the seed's table (the programme's first
    year, 2019 and the first half of 2020) is in those two, each period in one of them."""
    frames = [
        queries.observations(ObservationFilter(**kwargs, granularity=g)) for g in ("year", "half")
    ]
    return pd.concat(frames).sort_values("period_start", kind="stable").reset_index(drop=True)


def test_each_view_holds_its_own_periods_of_the_seed():
    year = queries.observations(ObservationFilter())
    half = queries.observations(ObservationFilter(granularity="half"))
    assert sorted(set(year["period"])) == ["2018-03..2018-12", "2019"]
    assert set(half["period"]) == {"2020-01..2020-06"}
    assert queries.observations(ObservationFilter(granularity="quarter")).empty


def _values(frame) -> dict[tuple[str, str, str], int]:
    return {(r.period, r.region, r.metric): int(r.value) for r in frame.itertuples(index=False)}


def test_observations_unfiltered_equal_the_seed(seed_values):
    frame = observations()
    assert list(frame.columns) == OBSERVATION_COLUMNS
    assert len(frame) == 45
    assert _values(frame) == seed_values
    assert frame["value"].dtype == "int64"
    assert frame["is_partial"].dtype == bool


def test_observations_carry_period_metadata():
    frame = observations()
    periods = frame.drop_duplicates("period").set_index("period")
    assert list(periods.index) == PERIODS  # oldest first
    assert periods.loc["2018-03..2018-12", "months"] == 10
    assert periods.loc["2019", "months"] == 12
    assert periods.loc["2020-01..2020-06", "months"] == 6
    assert periods["is_partial"].tolist() == [True, False, True]
    assert periods.loc["2019", "period_start"] == dt.date(2019, 1, 1)
    assert periods.loc["2020-01..2020-06", "period_end"] == dt.date(2020, 6, 30)
    names = frame.drop_duplicates("region").set_index("region")
    assert names.loc["riga", "region_name_lv"] == "Rīga"
    assert names.loc["riga", "region_name_en"] == "Riga"


def test_sql_totals_equal_kopa(seed_values):
    frame = observations(metrics=("offers_prepared",))
    totals = frame.groupby("period")["value"].sum().to_dict()
    assert totals == {"2018-03..2018-12": 1815, "2019": 2268, "2020-01..2020-06": 1412}


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        (("latgale",), {"latgale"}),
        (("latgale", "riga"), {"latgale", "riga"}),
        (tuple(ALL_REGIONS), set(ALL_REGIONS)),
    ],
)
def test_filter_by_region(regions, expected, seed_values):
    frame = observations(regions=regions)
    assert set(frame["region"]) == expected
    assert len(frame) == 9 * len(expected)
    assert _values(frame) == {k: v for k, v in seed_values.items() if k[1] in expected}


def test_filter_by_metric(seed_values):
    frame = observations(metrics=("people_returned",))
    assert len(frame) == 15
    assert _values(frame) == {k: v for k, v in seed_values.items() if k[2] == "people_returned"}


@pytest.mark.parametrize(
    ("date_from", "date_to", "periods"),
    [
        (dt.date(2019, 1, 1), None, ["2019", "2020-01..2020-06"]),
        (None, dt.date(2019, 12, 31), ["2018-03..2018-12", "2019"]),
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31), ["2019"]),
        # Only periods lying wholly inside the range count.
        (dt.date(2019, 6, 1), None, ["2020-01..2020-06"]),
        (None, dt.date(2019, 6, 30), ["2018-03..2018-12"]),
        (dt.date(2018, 3, 1), dt.date(2020, 6, 30), PERIODS),
        (dt.date(2021, 1, 1), None, []),
    ],
)
def test_filter_by_dates(date_from, date_to, periods, seed_values):
    frame = observations(date_from=date_from, date_to=date_to)
    assert sorted(set(frame["period"])) == sorted(periods)
    assert _values(frame) == {k: v for k, v in seed_values.items() if k[0] in periods}


def test_combined_filters():
    frame = queries.observations(
        ObservationFilter(
            regions=("latgale",),
            metrics=("families_returned",),
            date_from=dt.date(2019, 1, 1),
            date_to=dt.date(2019, 12, 31),
        )
    )
    assert frame[["period", "region", "metric", "value"]].values.tolist() == [
        ["2019", "latgale", "families_returned", 64]
    ]


def test_observation_rows_release_1(seed_values):
    rows = queries.observation_rows(ObservationFilter(release=1))
    assert len(rows) == 45
    assert {(r["period"], r["region"], r["metric"]): r["value"] for r in rows} == seed_values
    assert {r["release"] for r in rows} == {1}
    assert {r["unit"] for r in rows} == {"families", "persons", "offers"}
    assert queries.observation_rows(ObservationFilter()) == rows


def test_reference_lists():
    assert [r["code"] for r in queries.regions()] == ALL_REGIONS
    # The registry in its order: the ministry's three measures first, then the others.
    codes = [x["code"] for x in queries.metrics()]
    assert codes[:3] == ["families_returned", "people_returned", "offers_prepared"]
    assert len(codes) == len(set(codes)) == 25
    assert [p["code"] for p in queries.periods()] == PERIODS
    assert queries.latest_release()["number"] == 1
    assert [s["code"] for s in queries.sources_for(ObservationFilter())] == ["seed-004"]


# --- caching -----------------------------------------------------------------------------------


def _latgale_2019_families(db):
    with db.session() as session:
        return session.scalars(
            sa.select(m.Observation)
            .join(m.Period, m.Observation.period_id == m.Period.id)
            .join(m.Region, m.Observation.region_id == m.Region.id)
            .join(m.Metric, m.Observation.metric_id == m.Metric.id)
            .where(
                m.Period.code == "2019",
                m.Region.code == "latgale",
                m.Metric.code == "families_returned",
            )
        ).one()


def _latgale_2019(frame) -> int:
    row = frame[
        (frame["period"] == "2019")
        & (frame["region"] == "latgale")
        & (frame["metric"] == "families_returned")
    ]
    return int(row["value"].iloc[0])


def test_results_are_cached_while_the_data_version_is_unchanged(db):
    flt = ObservationFilter(regions=("latgale",))
    assert _latgale_2019(queries.observations(flt)) == 64
    obs = _latgale_2019_families(db)
    with db.session() as session:
        session.execute(sa.update(m.Observation).where(m.Observation.id == obs.id).values(value=1))
    try:
        # Same release data version: the cached frame is served, the edit is not seen.
        assert _latgale_2019(queries.observations(flt)) == 64
    finally:
        with db.session() as session:
            session.execute(
                sa.update(m.Observation).where(m.Observation.id == obs.id).values(value=64)
            )


def test_a_new_release_invalidates_cached_results(db):
    flt = ObservationFilter(regions=("latgale",))
    version = queries.data_version()
    assert _latgale_2019(queries.observations(flt)) == 64  # cached under this version
    old = _latgale_2019_families(db)
    with db.session() as session:
        release = m.Release(number=2, description="test release", status="published")
        session.add(release)
        session.flush()
        replacement = m.Observation(
            period_id=old.period_id,
            region_id=old.region_id,
            metric_id=old.metric_id,
            value=70,
            source_id=old.source_id,
            release_id=release.id,
        )
        session.add(replacement)
        session.execute(
            sa.update(m.Observation)
            .where(m.Observation.id == old.id)
            .values(superseded_by_release_id=release.id)
        )
        session.flush()
        release_id, replacement_id = release.id, replacement.id
    try:
        assert queries.data_version() != version
        assert _latgale_2019(queries.observations(flt)) == 70
        assert queries.latest_release()["number"] == 2
        current = queries.observation_rows(flt)
        assert len(current) == 9
        assert {r["release"] for r in current if r["period"] == "2019"} == {1, 2}
        # Release 1 stays reproducible.
        as_published = queries.observation_rows(ObservationFilter(regions=("latgale",), release=1))
        assert [
            r["value"]
            for r in as_published
            if r["period"] == "2019" and r["metric"] == "families_returned"
        ] == [64]
    finally:
        with db.session() as session:
            session.execute(sa.delete(m.Observation).where(m.Observation.id == replacement_id))
            session.execute(
                sa.update(m.Observation)
                .where(m.Observation.id == old.id)
                .values(superseded_by_release_id=None)
            )
            session.execute(sa.delete(m.Release).where(m.Release.id == release_id))
    assert queries.data_version() == version
    assert _latgale_2019(queries.observations(flt)) == 64


def test_withdrawing_a_release_changes_the_data_version(db):
    version = queries.data_version()
    with db.session() as session:
        session.execute(
            sa.update(m.Release).where(m.Release.number == 1).values(status="withdrawn")
        )
    try:
        assert queries.data_version() != version
        assert observations().empty
    finally:
        with db.session() as session:
            session.execute(
                sa.update(m.Release).where(m.Release.number == 1).values(status="published")
            )
    assert queries.data_version() == version
    assert len(observations()) == 45


def test_cache_errors_fall_back_to_computing(app, monkeypatch):
    cache = app.server.extensions["remigration_safe_cache"].cache  # the Flask-Caching object

    def broken(*_args, **_kwargs):
        raise ConnectionError("cache backend down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert len(observations()) == 45


def test_filter_key_distinguishes_filters():
    keys = {
        ObservationFilter().key(),
        ObservationFilter(regions=("latgale",)).key(),
        ObservationFilter(regions=("riga",)).key(),
        ObservationFilter(metrics=("people_returned",)).key(),
        ObservationFilter(date_from=dt.date(2019, 1, 1)).key(),
        ObservationFilter(date_to=dt.date(2019, 1, 1)).key(),
        ObservationFilter(release=1).key(),
    }
    assert len(keys) == 7
    assert ObservationFilter(regions=("latgale",)).key() == ObservationFilter(("latgale",)).key()
