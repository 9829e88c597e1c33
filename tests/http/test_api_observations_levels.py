"""The open data at every geography level, with every source (issue 12, item 7), over HTTP.

The fixture publishes a second release into the shared test database beside the seed: national,
planning-region and municipal cells with two sources each. Its values (1111, 1112, 61 …) are
made up for these tests only and checked nowhere else; the real figures are the seed's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from dashboard.db import models as m
from dashboard.exports import TIDY_COLUMNS
from dashboard.ingest.periods import make_spec

URL = "/api/v1/observations"
SEED_SOURCE_URL = "https://www.varam.gov.lv/lv/regionalais-remigracijas-atbalsts"
SOURCE_COLUMNS = ("source_url", "source_title", "source_publisher", "source_published_on")

# The made-up cells: (geo_level, geo_code, division, period, measure) -> [(value, source key,
# chosen by an admin)], the row readers should see first. ``None`` is "source not stated".
CELLS: dict[tuple[str, str, str, str, str], list[tuple[int, str | None, bool]]] = {
    # The official publisher over the press.
    ("national", "LV", "", "2019", "people_returned"): [
        (1111, "official", False),
        (1112, "press", False),
    ],
    # An admin's choice over the rule (official would win otherwise).
    ("national", "LV", "", "2019-06..2019-06", "people_returned"): [
        (62, "press", True),
        (61, "official", False),
    ],
    # A stated source over "source not stated".
    ("municipality", "LV-099", "2009", "2019", "people_returned"): [
        (41, "press", False),
        (42, None, False),
    ],
    # Only "source not stated": Tukuma novads of the 2021 division, in Kurzeme.
    ("municipality", "LV-099", "2021", "2021-H2", "people_returned"): [
        (7, None, False),
    ],
}
# A second row for a seed cell, from a source not stated: the seed's table stays the preferred
# one (any stated source wins over none, whatever kind of publisher it is).
KURZEME_2019 = ("planning_region", "kurzeme", "", "2019", "people_returned")
SOURCES = {
    "official": dict(
        code="upload-levels-official",
        title="Test ministry table",
        publisher="Test ministry",
        url="https://example.test/official",
        published_on=dt.date(2021, 3, 1),
        published_precision="month",
        kind="official",
    ),
    "press": dict(
        code="upload-levels-press",
        title="Test newspaper article",
        publisher="Test newspaper",
        url="https://example.test/press",
        published_on=dt.date(2021, 5, 10),
        published_precision="day",
        kind="press",
    ),
}


def _period(session: Any, start: dt.date, end: dt.date) -> m.Period:
    spec = make_spec(start, end)
    found = session.scalar(
        sa.select(m.Period).where(m.Period.start_date == start, m.Period.end_date == end)
    )
    if found is None:
        found = m.Period.from_spec(spec)
        session.add(found)
        session.flush()
    return found


@pytest.fixture
def levels(mutable_db: Any, app: Any) -> Iterator[None]:
    """Release 2 with the cells above; ``mutable_db`` puts the seed state back afterwards
    (observations, the release, unused periods and ``upload-`` sources). A 2021 unit the seed
    did not load is removed here."""
    created_unit = None
    with app.server.app_context(), mutable_db.session() as session:
        regions = {r.code: r for r in session.scalars(sa.select(m.Region))}
        units = {(u.division, u.code): u for u in session.scalars(sa.select(m.Municipality))}
        if ("2021", "LV-099") not in units:
            # Tukuma novads of the 2021 division, as data/seed/municipality_units.csv has it.
            created_unit = m.Municipality(
                division="2021",
                code="LV-099",
                name_lv="Tukuma novads",
                name_en="Tukums Municipality",
                kind="novads",
                region_id=regions["kurzeme"].id,
                valid_from=dt.date(2021, 7, 1),
                atvk="0052000",
            )
            session.add(created_unit)
            session.flush()
            units[("2021", "LV-099")] = created_unit
        periods = {
            "2019": _period(session, dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
            "2019-06..2019-06": _period(session, dt.date(2019, 6, 1), dt.date(2019, 6, 30)),
            "2021-H2": _period(session, dt.date(2021, 7, 1), dt.date(2021, 12, 31)),
        }
        assert {code: p.code for code, p in periods.items()} == {c: c for c in periods}
        metric = session.scalar(sa.select(m.Metric).where(m.Metric.code == "people_returned"))
        sources = {key: m.Source(**fields) for key, fields in SOURCES.items()}
        session.add_all(sources.values())
        release = m.Release(number=2, description="test fixture: geography levels")
        session.add(release)
        session.flush()
        for (level, code, division, period, _), rows in CELLS.items():
            unit = units[(division, code)] if level == "municipality" else None
            for value, source, chosen in rows:
                session.add(
                    m.Observation(
                        geo_level=level,
                        region_id=unit.region_id if unit else None,
                        municipality_id=unit.id if unit else None,
                        period_id=periods[period].id,
                        metric_id=metric.id,
                        value=value,
                        source_id=sources[source].id if source else None,
                        release_id=release.id,
                        preferred_by_admin=chosen,
                        note="test fixture",
                    )
                )
        session.add(
            m.Observation(
                geo_level="planning_region",
                region_id=regions["kurzeme"].id,
                period_id=periods["2019"].id,
                metric_id=metric.id,
                value=2221,
                source_id=None,
                release_id=release.id,
                reliability="low",
            )
        )
    yield
    if created_unit is not None:
        with mutable_db.session() as session:
            session.execute(
                sa.delete(m.Observation).where(m.Observation.municipality_id == created_unit.id)
            )
            session.execute(sa.delete(m.Municipality).where(m.Municipality.id == created_unit.id))


def _json(client: Any, query: str = "") -> list[dict[str, Any]]:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def _cell(row: dict[str, Any]) -> tuple[str, str, str, str, str]:
    return (row["geo_level"], row["geo_code"], row["division"], row["period"], row["measure"])


def _fixture_cells(rows: list[dict[str, Any]]) -> dict[tuple, list[tuple[int, bool]]]:
    out: dict[tuple, list[tuple[int, bool]]] = {}
    for row in rows:
        if _cell(row) in CELLS or _cell(row) == KURZEME_2019:
            out.setdefault(_cell(row), []).append((row["value"], row["preferred"]))
    return out


def test_default_is_one_row_per_cell_with_the_preferred_value(client, levels, seed_values):
    rows = _json(client)
    assert Counter(_cell(r) for r in rows).most_common(1)[0][1] == 1
    assert all(r["preferred"] for r in rows)
    assert _fixture_cells(rows) == {
        ("national", "LV", "", "2019", "people_returned"): [(1111, True)],
        ("national", "LV", "", "2019-06..2019-06", "people_returned"): [(62, True)],
        ("municipality", "LV-099", "2009", "2019", "people_returned"): [(41, True)],
        ("municipality", "LV-099", "2021", "2021-H2", "people_returned"): [(7, True)],
        KURZEME_2019: [(seed_values[("2019", "kurzeme", "people_returned")], True)],
    }
    assert len(rows) == len(seed_values) + len(CELLS)
    assert Counter(r["geo_level"] for r in rows) == {
        "planning_region": len(seed_values),
        "national": 2,
        "municipality": 2,
    }
    # Within a period and measure: Latvia, then the regions, then the municipalities.
    first_2019 = [_cell(r)[:3] for r in rows if r["period"] == "2019" and r["value"] in {1111, 41}]
    assert first_2019 == [("national", "LV", ""), ("municipality", "LV-099", "2009")]


def test_sources_all_gives_every_source_with_the_preferred_flag(client, levels, seed_values):
    rows = _json(client, "sources=all")
    assert _fixture_cells(rows) == {
        ("national", "LV", "", "2019", "people_returned"): [(1111, True), (1112, False)],
        ("national", "LV", "", "2019-06..2019-06", "people_returned"): [(62, True), (61, False)],
        ("municipality", "LV-099", "2009", "2019", "people_returned"): [(41, True), (42, False)],
        ("municipality", "LV-099", "2021", "2021-H2", "people_returned"): [(7, True)],
        KURZEME_2019: [(seed_values[("2019", "kurzeme", "people_returned")], True), (2221, False)],
    }
    per_cell = Counter(_cell(r) for r in rows if r["preferred"])
    assert set(per_cell.values()) == {1}
    assert len(per_cell) == len(seed_values) + len(CELLS)
    second = next(r for r in rows if _cell(r) == KURZEME_2019 and not r["preferred"])
    assert (second["source_publisher"], second["reliability"]) == ("", "low")
    press = next(r for r in rows if r["value"] == 1112)
    assert (press["source_publisher"], press["source_published_on"]) == (
        "Test newspaper",
        "2021-05-10",
    )
    official = next(r for r in rows if r["value"] == 1111)
    assert official["source_published_on"] == "2021-03"  # the source states only a month
    assert _json(client, "sources=preferred") == _json(client) == _json(client, "sources=")


@pytest.mark.parametrize(
    ("query", "levels_seen"),
    [
        ("geo_level=national", {"national"}),
        ("geo_level=municipality", {"municipality"}),
        ("geo_level=planning_region", {"planning_region"}),
        ("geo_level=national,municipality", {"national", "municipality"}),
        ("geo_level=national&geo_level=municipality", {"national", "municipality"}),
        ("geo_level=", {"national", "planning_region", "municipality"}),
    ],
)
def test_geo_level_filter(client, levels, query, levels_seen):
    rows = _json(client, query)
    assert {r["geo_level"] for r in rows} == levels_seen
    everything = _json(client)
    assert rows == [r for r in everything if r["geo_level"] in levels_seen]


def test_planning_region_rows_are_the_seed(client, levels, seed_values):
    rows = _json(client, "geo_level=planning_region")
    assert {(r["period"], r["region"], r["metric"]): r["value"] for r in rows} == seed_values
    assert {r["geo_code"] for r in rows} == {r["region"] for r in rows}


def test_national_rows_have_no_region(client, levels):
    rows = _json(client, "geo_level=national&lang=en")
    assert {(r["geo_code"], r["geo_name_lv"], r["geo_name_en"]) for r in rows} == {
        ("LV", "Latvija", "Latvia")
    }
    assert {(r["region"], r["region_name"], r["division"]) for r in rows} == {("", "", "")}


@pytest.mark.parametrize("spelling", ["kurzeme", "Kurzeme", "KURZEME", "kUrZeMe"])
def test_region_in_any_case_and_a_municipality_in_its_divisions_region(client, levels, spelling):
    rows = _json(client, f"region={spelling}")
    assert rows == _json(client, "region=kurzeme")
    assert {r["region"] for r in rows} == {"kurzeme"}
    # Tukuma novads was in Rīga in the 2009 division and is in Kurzeme in the 2021 one.
    municipal = [(r["geo_code"], r["division"], r["value"]) for r in rows if r["division"]]
    assert municipal == [("LV-099", "2021", 7)]
    riga = [(r["geo_code"], r["division"]) for r in _json(client, "region=RIGA") if r["division"]]
    assert riga == [("LV-099", "2009")]
    assert "national" not in {r["geo_level"] for r in rows}


def test_measure_is_metric(client, levels):
    for codes in ("people_returned", "offers_prepared,families_returned"):
        assert _json(client, f"measure={codes}") == _json(client, f"metric={codes}")
    rows = _json(client, "measure=people_returned")
    assert {r["measure"] for r in rows} == {r["metric"] for r in rows} == {"people_returned"}
    both = _json(client, "measure=people_returned&metric=offers_prepared")
    assert {r["measure"] for r in both} == {"people_returned", "offers_prepared"}
    assert len(both) == len(rows) + len(_json(client, "metric=offers_prepared"))
    assert _json(client, "measure=people_returned&metric=people_returned") == rows


@pytest.mark.parametrize(
    ("query", "periods"),
    [
        ("from=2019&to=2019", {"2019", "2019-06..2019-06"}),
        ("from=2019-01-01&to=2019-12-31", {"2019", "2019-06..2019-06"}),
        ("from=2019-06&to=2019-06", {"2019-06..2019-06"}),
        ("from=2019-06-01&to=2019-06-30", {"2019-06..2019-06"}),
        ("from=2019-06-02&to=2019-06-30", set()),
        ("from=2019-06&to=2019-06-29", set()),
        ("from=2019-07", {"2020-01..2020-06", "2021-H2"}),
        ("to=2019-05", {"2018-03..2018-12"}),
        ("to=2018", {"2018-03..2018-12"}),
        ("from=2021-07&to=2021", {"2021-H2"}),
        ("from=2020&to=2019", set()),
    ],
)
def test_from_and_to_as_year_month_or_date(client, levels, query, periods):
    assert {r["period"] for r in _json(client, query)} == periods


def test_csv_and_xlsx_hold_the_new_columns(client, levels):
    response = client.get(f"{URL}?format=csv&geo_level=national,municipality&sources=all")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == TIDY_COLUMNS
    by_value = {r["value"]: r for r in rows}
    assert {
        k: by_value["1111"][k]
        for k in ("geo_level", "geo_code", "geo_name_en", "region", "division", "preferred")
    } == {
        "geo_level": "national",
        "geo_code": "LV",
        "geo_name_en": "Latvia",
        "region": "",
        "division": "",
        "preferred": "True",
    }
    assert (by_value["41"]["division"], by_value["41"]["region"]) == ("2009", "riga")
    assert (by_value["41"]["months"], by_value["41"]["kind"]) == ("12", "flow")
    assert by_value["42"]["preferred"] == "False"

    xlsx = client.get(f"{URL}?format=xlsx&geo_level=national,municipality&sources=all")
    assert xlsx.status_code == 200
    assert xlsx.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = list(load_workbook(io.BytesIO(xlsx.data))["data"].iter_rows(values_only=True))
    assert list(sheet[0]) == TIDY_COLUMNS
    records = [dict(zip(TIDY_COLUMNS, row, strict=True)) for row in sheet[1:]]
    assert len(records) == len(rows)
    national = next(r for r in records if r["value"] == 1112)
    assert (national["geo_code"], national["preferred"], national["source_publisher"]) == (
        "LV",
        False,
        "Test newspaper",
    )


def test_a_row_without_a_stated_source_has_empty_source_columns(client, levels):
    rows = _json(client, "geo_level=municipality&sources=all")
    unstated = [r for r in rows if r["value"] in {7, 42}]
    assert len(unstated) == 2
    for row in unstated:
        assert {c: row[c] for c in SOURCE_COLUMNS} == dict.fromkeys(SOURCE_COLUMNS, "")
    stated = next(r for r in rows if r["value"] == 41)
    assert stated["source_title"] == "Test newspaper article"


def test_an_old_query_returns_what_it_did(client, levels, seed_values):
    rows = _json(client, "region=kurzeme&metric=people_returned&from=2019-01-01&to=2019-12-31")
    assert [{k: r[k] for k in TIDY_COLUMNS[:11]} for r in rows] == [
        {
            "period": "2019",
            "period_label": "2019. gads",
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
            "region": "kurzeme",
            "region_name": "Kurzeme",
            "metric": "people_returned",
            "unit": "persons",
            "value": seed_values[("2019", "kurzeme", "people_returned")],
            "source_url": SEED_SOURCE_URL,
            "release": 1,
        }
    ]


def test_release_1_is_the_seed_alone(client, levels, seed_values):
    rows = _json(client, "release=1&sources=all")
    assert len(rows) == len(seed_values)
    assert {r["geo_level"] for r in rows} == {"planning_region"}
    assert {r["release"] for r in _json(client, "release=2&geo_level=national")} == {2}


@pytest.mark.parametrize(
    ("query", "mentions"),
    [
        ("geo_level=regional", "geo_level"),
        ("geo_level=National", "geo_level"),
        ("geo_level=national,", "geo_level"),
        ("sources=every", "sources"),
        ("sources=ALL", "sources"),
        ("measure=returnees", "measure"),
        ("measure=People_returned", "measure"),
        ("region=Lätgale", "region"),
        ("region=kurzeme,,riga", "region"),
        ("from=2019-13", "from"),
        ("from=19", "from"),
        ("from=0000", "from"),
        ("from=2019-6", "from"),
        ("to=2019-02-30", "to"),
        ("to=2019-06-", "to"),
        ("format=pdf", "format"),
        ("geo=LV", "geo"),
    ],
)
def test_bad_values_give_400(client, levels, query, mentions):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"] == "bad_request"
    assert mentions in body["message"]


def test_full_downloads_take_the_api_filters(client, levels):
    query = "geo_level=national&sources=all&from=2019&to=2019"
    download = client.get(f"/download/observations.csv?scope=full&{query}")
    assert download.status_code == 200
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    api = list(csv.DictReader(io.StringIO(client.get(f"{URL}?format=csv&{query}").text)))
    assert rows == api
    assert sorted(int(r["value"]) for r in rows) == [61, 62, 1111, 1112]
    full = client.get("/download/observations.xlsx?scope=full")
    sheet = list(load_workbook(io.BytesIO(full.data))["data"].iter_rows(values_only=True))
    level = TIDY_COLUMNS.index("geo_level")
    assert {row[level] for row in sheet[1:]} == {"national", "planning_region", "municipality"}
    bad = client.get("/download/observations.csv?scope=full&geo_level=everywhere")
    assert bad.status_code == 400
    assert "geo_level" in bad.get_json()["message"]
    assert client.get("/download/observations.csv?scope=full&release=9").status_code == 404


def test_a_view_download_holds_the_planning_region_rows_the_charts_show(client, levels):
    download = client.get("/download/observations.csv?regions=kurzeme,riga&metric=people_returned")
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert {r["geo_level"] for r in rows} == {"planning_region"}
    assert {r["preferred"] for r in rows} == {"True"}
    assert {r["region"] for r in rows} == {"kurzeme", "riga"}


def test_geographies_and_measures(client, levels):
    places = client.get("/api/v1/geographies").get_json()
    assert places[0] == {
        "geo_level": "national",
        "code": "LV",
        "division": None,
        "name_lv": "Latvija",
        "name_en": "Latvia",
        "region": None,
        "valid_from": None,
        "valid_to": None,
    }
    assert [p["code"] for p in places if p["geo_level"] == "planning_region"] == [
        "kurzeme",
        "latgale",
        "riga",
        "vidzeme",
        "zemgale",
    ]
    tukums = {
        p["division"]: (p["region"], p["valid_from"], p["valid_to"])
        for p in places
        if p["code"] == "LV-099"
    }
    assert tukums["2021"] == ("kurzeme", "2021-07-01", None)
    assert tukums["2009"][0] == "riga"
    measures = client.get("/api/v1/measures").get_json()
    people = next(x for x in measures if x["code"] == "people_returned")
    assert (people["unit"], people["kind"]) == ("persons", "flow")
    metrics = client.get("/api/v1/metrics").get_json()
    assert [{k: v for k, v in x.items() if k != "kind"} for x in measures] == metrics
    csv_header = client.get("/api/v1/geographies?format=csv").text.splitlines()[0]
    assert csv_header == "geo_level,code,division,name_lv,name_en,region,valid_from,valid_to"
