"""Publishing the real record: each row at its geography, with its source, several sources per
cell (corroboration, conflict, the preferred one), an admin's choice, replace and rollback.

The rows are hand-built TEST FIXTURES (``tests/source_rows.py``: made-up values and page paths)
published through the real services with the validator stepped over, except the last tests,
which go through ``stage_upload`` and the validator as an admin's file does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from source_rows import (
    ADMIN,
    OFFICIAL,
    PRESS,
    PRESS_EARLY,
    PRESS_LATE,
    cell_rows,
    ensure_units,
    metric_id,
    parsed,
    publish_rows,
    region_id,
    remove_units,
)
from support import data_fingerprint
from werkzeug.exceptions import Forbidden

from dashboard import queries
from dashboard.db import models as m
from dashboard.ingest.types import source_key
from dashboard.queries.conflicts import conflicts
from dashboard.services import Actor, ServiceError, publish_upload, rollback_release, stage_upload
from dashboard.services.preference import choose_preferred, clear_preferred
from dashboard.services.sources import publication_date, source_kind, stored_source_key

STAFF = Actor("sam", "staff")
TUKUMS = "LV-099"  # Tukuma novads: Rīga planning region in 2009–2021, Kurzeme from July 2021


@pytest.fixture
def ctx(app: Any, mutable_db: Any) -> Any:
    with app.server.app_context():
        yield mutable_db


@pytest.fixture
def units(ctx: Any) -> Any:
    """Tukuma novads in both divisions (added from municipality_units.csv if not loaded)."""
    added = ensure_units(ctx, ("2009", TUKUMS), ("2021", TUKUMS))
    yield
    remove_units(ctx, added)


def _observations(db: Any) -> list[m.Observation]:
    with db.session() as session:
        rows = session.scalars(
            sa.select(m.Observation)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .where(m.Release.number > 1)
            .order_by(m.Observation.id)
        ).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def _source(db: Any, source_id: int | None) -> m.Source | None:
    with db.session() as session:
        source = session.get(m.Source, source_id) if source_id is not None else None
        if source is not None:
            session.expunge(source)
        return source


def _latgale(db: Any, period: str = "2025-Q3") -> list[dict[str, Any]]:
    return cell_rows(
        db,
        geo_level="planning_region",
        region_id=region_id(db, "latgale"),
        metric_id=metric_id(db, "people_returned"),
        period=period,
    )


def _chart_value(region: str = "latgale") -> int:
    """What the charts show for the fixture cell (planning-region views, preferred per cell)."""
    frame = queries.observations(
        queries.ObservationFilter(
            regions=(region,), metrics=("people_returned",), granularity="quarter"
        )
    )
    frame = frame[frame["period_start"] == dt.date(2025, 7, 1)]
    assert len(frame) == 1, frame
    return int(frame["value"].iloc[0])


def _audit(db: Any, action: str) -> list[m.AuditLog]:
    with db.session() as session:
        rows = session.scalars(
            sa.select(m.AuditLog).where(m.AuditLog.action == action).order_by(m.AuditLog.id)
        ).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


# --- Sources: kind, dates, identity ----------------------------------------------------------


@pytest.mark.parametrize(
    ("publisher", "url", "kind"),
    [
        ("VARAM", "https://www.varam.gov.lv/lv/x", "official"),
        ("Latgales plānošanas reģions", "https://lpr.gov.lv/lv/x", "official"),
        ("Vidzemes plānošanas reģions (vidzeme.lv)", "http://karte.vidzeme.lv/lv/x", "official"),
        ("Kurzemes plānošanas reģions", "https://www.kurzemesregions.lv/x", "official"),
        ("Smiltenes novada pašvaldība", "https://smiltenesnovads.lv/x", "official"),
        ("Zemgales planosanas regions", None, "official"),
        ("Daugavpils pilsētas dome", None, "official"),
        ("Viedās administrācijas un reģionālās attīstības ministrija", None, "official"),
        ("LETA via Vidzemes Saule archive (citing VARAM)", "https://arhivs.vs.lv/x", "press"),
        ("TVNET (VARAM release)", "https://www.tvnet.lv/x", "press"),
        ("TVNET (VARAM release)", None, "press"),
        ("Diena (report of Saeima committee session, VARAM Z. Erts)", None, "press"),
        ("LSM English (Latvian Radio)", "https://eng.lsm.lv/x", "press"),
        ("The Baltic Times / LETA", "https://www.baltictimes.com/x", "press"),
        ("Latvijas Avīze (la.lv)", "https://www.la.lv/x", "press"),
        ("aluksniesiem.lv (VPR release)", "https://aluksniesiem.lv/x", "press"),
        (
            "world-today-news.com (machine-translated aggregator)",
            "https://world-today-news.com/x",
            "other",
        ),
        ("baltic-ireland.ie (ZPR release)", "https://baltic-ireland.ie/x", "other"),
        ("Atlantic Monthly", None, "other"),  # "lnt" only as a whole word
        (None, None, "other"),
    ],
)
def test_source_kind(publisher, url, kind):
    assert source_kind(publisher, url) == kind


def test_publication_dates_keep_their_precision():
    assert publication_date("2024-02-07") == (dt.date(2024, 2, 7), "day")
    assert publication_date("2024-02") == (dt.date(2024, 2, 1), "month")
    assert publication_date("") == (None, None) and publication_date(None) == (None, None)
    assert publication_date("2024-13") is None and publication_date("7.2.2024") is None


def test_a_stored_source_keeps_the_identity_its_row_gave_it():
    by_publisher = m.Source(title="VARAM", publisher="VARAM", url=None)
    assert stored_source_key(by_publisher) == source_key(None, None, "VARAM")
    assert stored_source_key(by_publisher) == source_key(None, " varam ", "VARAM")
    titled = m.Source(title="Pārskats", publisher="VARAM", url=None)
    assert stored_source_key(titled) == source_key(None, "Pārskats", "VARAM")
    assert stored_source_key(titled) != stored_source_key(by_publisher)
    assert stored_source_key(None) == "" == source_key(None, None, None)


# --- Geography ---------------------------------------------------------------------------------


def test_a_national_row_has_no_region_and_no_municipality(ctx):
    publish_rows([parsed("2024", geo_level="national", value=11, source=OFFICIAL)])
    [row] = _observations(ctx)
    assert (row.geo_level, row.region_id, row.municipality_id, row.value) == (
        "national",
        None,
        None,
        11,
    )
    with ctx.session() as session:
        period = session.get(m.Period, row.period_id)
        assert (period.start_date, period.end_date, period.months) == (
            dt.date(2024, 1, 1),
            dt.date(2024, 12, 31),
            12,
        )


def test_municipality_rows_take_their_region_in_their_own_division(ctx, units):
    """Tukuma novads: Rīga planning region in the 2009 division, Kurzeme in the 2021 one."""
    publish_rows(
        [
            parsed("2020", geo_level="municipality", municipality=TUKUMS, division="2009",
                   region="riga", value=3, row=2),
            parsed("2022", geo_level="municipality", municipality=TUKUMS, division="2021",
                   region="kurzeme", value=4, reliability="low", row=3),
        ]
    )  # fmt: skip
    old, new = _observations(ctx)
    with ctx.session() as session:
        unit_2009 = session.get(m.Municipality, old.municipality_id)
        unit_2021 = session.get(m.Municipality, new.municipality_id)
        assert (unit_2009.division, unit_2009.code) == ("2009", TUKUMS)
        assert (unit_2021.division, unit_2021.code) == ("2021", TUKUMS)
    assert old.geo_level == new.geo_level == "municipality"
    assert old.region_id == region_id(ctx, "riga")
    assert new.region_id == region_id(ctx, "kurzeme")
    assert (old.reliability, new.reliability) == ("normal", "low")


def test_a_row_naming_an_unknown_unit_is_refused_and_nothing_changes(ctx):
    before = data_fingerprint(ctx)
    with pytest.raises(ServiceError) as excinfo:
        publish_rows([parsed("2022", geo_level="municipality", municipality="LV-999",
                             division="2021", region="kurzeme")])  # fmt: skip
    assert excinfo.value.code == "invalid"
    after = data_fingerprint(ctx)
    assert after["observations"] == before["observations"]
    assert after["counts"]["release"] == before["counts"]["release"]


# --- Sources of rows -------------------------------------------------------------------------


def test_a_row_without_a_source_is_source_not_stated(ctx):
    """Never a source named after the uploader or the file."""
    sources_before = data_fingerprint(ctx)["counts"]["source"]
    publish_rows([parsed(value=5)], name="ada-figures.csv")
    [row] = _observations(ctx)
    assert row.source_id is None
    assert data_fingerprint(ctx)["counts"]["source"] == sources_before
    with ctx.session() as session:
        texts = [f"{s.title} {s.publisher} {s.note}" for s in session.scalars(sa.select(m.Source))]
    assert not [t for t in texts if "ada" in t.split() or "ada-figures" in t or "Uploaded" in t]


def test_sources_are_found_by_identity_or_created_with_their_kind_and_date(ctx):
    varam_seed = "https://www.varam.gov.lv/lv/regionalais-remigracijas-atbalsts"  # seed-004
    publish_rows(
        [
            parsed(region="latgale", value=1, source=PRESS_EARLY, row=2),
            parsed(region="kurzeme", value=2, source=PRESS_EARLY, row=3),
            parsed(region="riga", value=3, source={"publisher": "Zemgales plānošanas reģions"},
                   row=4),
            parsed(region="vidzeme", value=4, source={"url": varam_seed}, row=5),
        ]
    )  # fmt: skip
    press_1, press_2, by_name, seed = _observations(ctx)
    assert press_1.source_id == press_2.source_id, "one page named on two rows: one source"
    press = _source(ctx, press_1.source_id)
    assert (press.title, press.publisher, press.url, press.kind) == (
        "Delfi",  # no title: the publisher's name
        "Delfi",
        PRESS["url"],
        "press",
    )
    assert (press.published_on, press.published_precision) == (dt.date(2025, 10, 1), "month")
    named = _source(ctx, by_name.source_id)
    assert (named.title, named.publisher, named.url, named.kind) == (
        "Zemgales plānošanas reģions",
        "Zemgales plānošanas reģions",
        None,
        "official",
    )
    assert (named.published_on, named.published_precision) == (None, None)
    assert _source(ctx, seed.source_id).code == "seed-004", "the seed's page is reused"

    # A later file naming the same page and the same publisher-only source reuses both.
    publish_rows(
        [
            parsed("2025-Q2", value=5, source={**PRESS, "published_on": "2030-01-01"}, row=2),
            parsed("2025-Q2", region="riga", value=6,
                   source={"publisher": " zemgales  plānošanas reģions "}, row=3),
        ]
    )  # fmt: skip
    again, again_named = _observations(ctx)[4:]
    assert (again.source_id, again_named.source_id) == (press_1.source_id, by_name.source_id)
    assert _source(ctx, again.source_id).published_on == dt.date(2025, 10, 1), "kept as first named"


# --- Several sources per cell ----------------------------------------------------------------


def test_the_same_value_from_another_source_is_a_corroboration(ctx):
    publish_rows([parsed(value=7, source=PRESS_EARLY)])
    assert _chart_value() == 7
    number = publish_rows([parsed(value=7, source=OFFICIAL)])
    assert number == 3, "a corroboration publishes"
    rows = _latgale(ctx)
    assert [r["value"] for r in rows] == [7, 7] and len({r["source_id"] for r in rows}) == 2
    assert _chart_value() == 7
    assert conflicts() == [], "agreeing sources are no conflict"
    detail = _audit(ctx, "publish")[-1].detail
    assert (detail["added"], detail["corroborations"], detail["conflicts"]) == (1, 1, 0)


@pytest.mark.parametrize("official_first", [True, False])
def test_the_official_source_beats_the_press_whatever_the_order(ctx, official_first):
    official, press = parsed(value=7, source=OFFICIAL), parsed(value=9, source=PRESS_LATE)
    for row in (official, press) if official_first else (press, official):
        publish_rows([row])
    rows = _latgale(ctx)
    assert [r["value"] for r in rows] == [7, 9], "both kept, the official one first"
    assert _chart_value() == 7
    [cell] = conflicts()
    assert cell["reason"] == "official" and cell["admin_choice"] is False
    assert [(r["value"], r["preferred"], r["source_kind"]) for r in cell["rows"]] == [
        (7, True, "official"),
        (9, False, "press"),
    ]
    assert (cell["metric"], cell["region"], cell["period"]) == (
        "people_returned",
        "latgale",
        "2025-Q3",
    )
    assert _audit(ctx, "publish")[-1].detail["conflicts"] == 1


@pytest.mark.parametrize("later_first", [True, False])
def test_the_later_publication_wins_among_sources_of_one_kind(ctx, later_first):
    early, late = parsed(value=4, source=PRESS_EARLY), parsed(value=5, source=PRESS_LATE)
    for row in (late, early) if later_first else (early, late):
        publish_rows([row])
    assert [r["value"] for r in _latgale(ctx)] == [5, 4]
    assert _chart_value() == 5
    assert conflicts()[0]["reason"] == "later_publication"


def test_a_stated_source_beats_source_not_stated(ctx):
    publish_rows([parsed(value=4, source={"url": "https://example.org/test-fixture"})])
    publish_rows([parsed(value=6)])
    assert _chart_value() == 4
    assert conflicts()[0]["reason"] == "stated"


def test_an_admin_choice_overrides_the_rule_is_audited_and_can_be_undone(ctx):
    publish_rows([parsed(value=7, source=OFFICIAL)])
    publish_rows([parsed(value=9, source=PRESS_LATE)])
    official_row, press_row = _latgale(ctx)
    version = queries.data_version()

    with pytest.raises(Forbidden):
        choose_preferred(STAFF, press_row["id"])
    assert _chart_value() == 7

    detail = choose_preferred(ADMIN, press_row["id"])
    assert queries.data_version() != version, "cached views expire"
    assert _chart_value() == 9
    assert [r["id"] for r in _latgale(ctx)] == [press_row["id"], official_row["id"]]
    [cell] = conflicts()
    assert cell["reason"] == "admin" and cell["admin_choice"] is True
    assert [r["preferred_by_admin"] for r in cell["rows"]] == [True, False]
    [entry] = _audit(ctx, "choose_preferred_source")
    assert (entry.actor, entry.target, entry.outcome) == (
        "ada",
        f"observation {press_row['id']}",
        "ok",
    )
    assert entry.detail == detail
    assert (detail["old"]["value"], detail["old"]["publisher"]) == (7, "VARAM")
    assert (detail["new"]["value"], detail["new"]["publisher"]) == (9, "TVNET")

    # Choosing the other row moves the choice: one chosen row per cell.
    choose_preferred(ADMIN, official_row["id"])
    with ctx.session() as session:
        chosen = session.scalars(
            sa.select(m.Observation.id).where(m.Observation.preferred_by_admin)
        ).all()
    assert chosen == [official_row["id"]]

    clear = clear_preferred(ADMIN, press_row["id"])
    assert (clear["old"]["value"], clear["new"]["value"]) == (7, 7)
    assert conflicts()[0]["reason"] == "official"
    assert [a.outcome for a in _audit(ctx, "clear_preferred_source")] == ["ok"]
    with pytest.raises(ServiceError) as nothing:
        clear_preferred(ADMIN, press_row["id"])
    assert nothing.value.code == "no_choice"
    with pytest.raises(ServiceError) as missing:
        choose_preferred(ADMIN, 987654)
    assert missing.value.code == "not_found"


def test_a_rolled_back_conflict_leaves_the_single_value(ctx):
    publish_rows([parsed(value=9, source=PRESS_LATE)])
    publish_rows([parsed(value=7, source=OFFICIAL)])
    assert _chart_value() == 7
    choose_preferred(ADMIN, _latgale(ctx)[0]["id"])
    rollback_release(ADMIN, 3)
    assert [r["value"] for r in _latgale(ctx)] == [9]
    assert _chart_value() == 9
    assert conflicts() == []
    rollback_release(ADMIN, 2)
    assert _latgale(ctx) == []


def test_replace_supersedes_only_the_same_source(ctx):
    publish_rows([parsed(value=4, source=PRESS_EARLY)])
    publish_rows([parsed(value=7, source=OFFICIAL)])
    before = data_fingerprint(ctx)
    with pytest.raises(ServiceError) as refused:
        publish_rows([parsed(value=5, source=PRESS_EARLY)])
    assert refused.value.code == "changed"
    assert refused.value.message_lv and refused.value.message_en
    after = data_fingerprint(ctx)
    assert (after["observations"], after["counts"]["release"]) == (
        before["observations"],
        before["counts"]["release"],
    )

    number = publish_rows([parsed(value=5, source=PRESS_EARLY)], replace=True)
    assert sorted(r["value"] for r in _latgale(ctx)) == [5, 7], "the official row is untouched"
    with ctx.session() as session:
        superseded = session.scalars(
            sa.select(m.Observation.value).where(
                m.Observation.superseded_by_release_id.is_not(None)
            )
        ).all()
    assert superseded == [4]
    assert _audit(ctx, "publish")[-1].detail["superseded"] == 1
    rollback_release(ADMIN, number)
    assert sorted(r["value"] for r in _latgale(ctx)) == [4, 7]


def test_an_admin_choice_follows_its_source_through_a_replacement(ctx):
    publish_rows([parsed(value=4, source=PRESS_EARLY)])
    publish_rows([parsed(value=7, source=OFFICIAL)])
    choose_preferred(ADMIN, next(r["id"] for r in _latgale(ctx) if r["value"] == 4))
    number = publish_rows([parsed(value=5, source=PRESS_EARLY)], replace=True)
    assert _chart_value() == 5, "the corrected press figure is still the chosen one"
    rollback_release(ADMIN, number)
    assert _chart_value() == 4


def test_the_same_value_from_the_same_source_is_nothing_new(ctx):
    publish_rows([parsed(value=4, source=PRESS_EARLY)])
    with pytest.raises(ServiceError) as excinfo:
        publish_rows([parsed(value=4, source={**PRESS_EARLY, "title": "ignored"})])
    assert excinfo.value.code == "nothing_new"


# --- Through the validator -------------------------------------------------------------------


def test_a_planning_region_file_with_a_source_column_publishes_with_its_source(ctx):
    """End to end through stage_upload: the long layout with ``source_url``/``source_title``."""
    url = "https://www.varam.gov.lv/lv/test-fixture-quarter"
    lines = ["period,region,metric,value,source_url,source_title"]
    lines += [f"2025-Q3,{r},families_returned,{n},{url},Test fixture"
              for n, r in enumerate(["Kurzeme", "Latgale", "Rīga"], start=1)]  # fmt: skip
    upload, report = stage_upload(ADMIN, ("\n".join(lines) + "\n").encode(), "with-source.csv")
    assert report.ok, report.errors
    assert publish_upload(ADMIN, upload.id).number == 2
    rows = _observations(ctx)
    assert [(r.geo_level, r.value) for r in rows] == [("planning_region", n) for n in (1, 2, 3)]
    assert len({r.source_id for r in rows}) == 1
    source = _source(ctx, rows[0].source_id)
    assert (source.title, source.url, source.kind, source.publisher) == (
        "Test fixture",
        url,
        "official",
        "",
    )


def test_a_file_without_a_source_column_publishes_as_source_not_stated(ctx):
    from support import quarter_csv

    upload, report = stage_upload(ADMIN, quarter_csv(), "ada.csv")
    assert report.ok
    sources_before = data_fingerprint(ctx)["counts"]["source"]
    publish_upload(ADMIN, upload.id)
    assert {r.source_id for r in _observations(ctx)} == {None}
    assert data_fingerprint(ctx)["counts"]["source"] == sources_before


def test_conflicts_at_every_geography_are_listed_and_labelled(ctx, units):
    from dashboard.admin.conflicts import geography, published

    national = {"geo_level": "national", "value": 20, "region": None}
    tukums = {"geo_level": "municipality", "municipality": TUKUMS, "division": "2021",
              "region": "kurzeme"}  # fmt: skip
    publish_rows([parsed("2024", **national, source=OFFICIAL),
                  parsed("2024", **{**tukums, "value": 2}, source=OFFICIAL, row=3)])  # fmt: skip
    publish_rows([parsed("2024", **{**national, "value": 21}, source=PRESS_EARLY),
                  parsed("2024", **{**tukums, "value": 3}, source=PRESS_EARLY, row=3)])  # fmt: skip
    cells = conflicts()
    assert [(c["geo_level"], c["region"], c["municipality"], c["division"]) for c in cells] == [
        ("national", None, None, None),
        ("municipality", "kurzeme", TUKUMS, "2021"),
    ]
    assert [[r["value"] for r in c["rows"]] for c in cells] == [[20, 21], [2, 3]]
    assert [geography(c, "en") for c in cells] == [
        "Latvia (national)",
        "Tukums Municipality (2021 division)",
    ]
    assert geography(cells[1], "lv") == "Tukuma novads (2021. gada iedalījums)"
    press_row = cells[0]["rows"][1]
    assert (published(press_row, "en"), published(cells[0]["rows"][0], "lv")) == (
        "2025-10",
        "2025-10-01",
    )
    assert published({"published_on": None, "published_precision": None}, "lv") == "nav norādīts"
