"""The open-data API (``/api/v1``) and the health check, over HTTP."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.config import Config

# The first API version's eleven columns, in their order, then the columns added with the
# geography levels and several sources per cell.
OLD_HEADER = (
    "period,period_label,period_start,period_end,region,region_name,metric,unit,value,"
    "source_url,release"
)
HEADER = (
    OLD_HEADER + ",geo_level,geo_code,geo_name_lv,geo_name_en,division,period_label_lv,"
    "period_label_en,months,measure,kind,preferred,reliability,note,source_title,"
    "source_publisher,source_published_on,part_year"
)
URL = "/api/v1/observations"


def _csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _values(records) -> dict[tuple[str, str, str], int]:
    return {(r["period"], r["region"], r["metric"]): int(r["value"]) for r in records}


def _json(client, query: str = "") -> list[dict]:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


# --- the dataset -------------------------------------------------------------------------------


def test_csv_has_the_documented_header_and_the_seed_values(client, seed_values):
    response = client.get(f"{URL}?format=csv")
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == HEADER
    # A client reading the first eleven columns by position still reads the old columns.
    assert text.splitlines()[0].startswith(OLD_HEADER + ",")
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith('.csv"')
    rows = _csv_rows(response)
    assert len(rows) == 45
    assert _values(rows) == seed_values
    assert {r["release"] for r in rows} == {"1"}
    assert {r["source_url"] for r in rows} == {
        "https://www.varam.gov.lv/lv/regionalais-remigracijas-atbalsts"
    }


def test_csv_rows_are_complete(client):
    rows = _csv_rows(client.get(f"{URL}?format=csv"))
    first = rows[0]
    assert first == {
        "period": "2018-03..2018-12",
        "period_label": "2018. gads (mar.–dec.)",
        "period_start": "2018-03-01",
        "period_end": "2018-12-31",
        "region": "kurzeme",
        "region_name": "Kurzeme",
        "metric": "families_returned",
        "unit": "families",
        "value": "33",
        "source_url": "https://www.varam.gov.lv/lv/regionalais-remigracijas-atbalsts",
        "release": "1",
        "geo_level": "planning_region",
        "geo_code": "kurzeme",
        "geo_name_lv": "Kurzeme",
        "geo_name_en": "Kurzeme",
        "division": "",
        "period_label_lv": "2018. gads (mar.–dec.)",
        "period_label_en": "2018 (Mar–Dec)",
        "months": "10",
        "measure": "families_returned",
        "kind": "flow",
        "preferred": "True",
        "reliability": "normal",
        "note": "",
        "source_title": "Reģionālais remigrācijas atbalsts",
        "source_publisher": "Vides aizsardzības un reģionālās attīstības ministrija (VARAM)",
        "source_published_on": "2020-08-18",
        "part_year": "True",
    }
    units = {(r["metric"], r["unit"]) for r in rows}
    assert units == {
        ("families_returned", "families"),
        ("people_returned", "persons"),
        ("offers_prepared", "offers"),
    }


def test_json_is_the_default_and_equals_the_seed(client, seed_values):
    records = _json(client)
    assert len(records) == 45
    assert list(records[0]) == HEADER.split(",")
    assert _values(records) == seed_values
    assert all(isinstance(r["value"], int) for r in records)
    assert _json(client, "format=json") == records


def test_csv_and_json_agree(client):
    rows = _csv_rows(client.get(f"{URL}?format=csv"))
    records = _json(client, "format=json")
    assert rows == [{k: str(v) for k, v in r.items()} for r in records]


@pytest.mark.parametrize(
    ("query", "regions", "metrics", "periods"),
    [
        ("region=latgale", {"latgale"}, None, None),
        ("region=latgale,riga", {"latgale", "riga"}, None, None),
        ("region=latgale&region=riga", {"latgale", "riga"}, None, None),
        ("region=latgale,latgale", {"latgale"}, None, None),
        ("metric=people_returned", None, {"people_returned"}, None),
        (
            "metric=people_returned,offers_prepared",
            None,
            {"people_returned", "offers_prepared"},
            None,
        ),
        ("from=2019-01-01", None, None, {"2019", "2020-01..2020-06"}),
        ("to=2019-12-31", None, None, {"2018-03..2018-12", "2019"}),
        ("from=2019-01-01&to=2019-12-31", None, None, {"2019"}),
        ("release=1", None, None, None),
        (
            "region=riga&metric=families_returned&from=2020-01-01",
            {"riga"},
            {"families_returned"},
            {"2020-01..2020-06"},
        ),
        ("region=&metric=&from=&to=&release=", None, None, None),
    ],
)
def test_filters(client, seed_values, query, regions, metrics, periods):
    expected = {
        key: value
        for key, value in seed_values.items()
        if (periods is None or key[0] in periods)
        and (regions is None or key[1] in regions)
        and (metrics is None or key[2] in metrics)
    }
    records = _json(client, query)
    assert _values(records) == expected
    assert len(records) == len(expected)
    assert _values(_csv_rows(client.get(f"{URL}?{query}&format=csv"))) == expected


def test_lang_en(client):
    records = _json(client, "lang=en&region=riga")
    assert {r["region_name"] for r in records} == {"Riga"}
    assert {r["period_label"] for r in records} == {"2018 (Mar–Dec)", "2019", "2020 (Jan–Jun)"}
    lv = _json(client, "lang=lv&region=riga")
    assert {r["region_name"] for r in lv} == {"Rīga"}
    assert [r["value"] for r in lv] == [r["value"] for r in records]


# --- bad parameters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "mentions"),
    [
        ("region=atlantis", "region"),
        ("region=latgale,atlantis", "atlantis"),
        ("region=Lätgale", "region"),
        ("region=latgale;riga", "region"),
        ("metric=returnees", "metric"),
        ("from=2019-13-01", "from"),
        ("from=yesterday", "from"),
        ("to=31.12.2019", "to"),
        ("format=xml", "format"),
        ("format=CSV", "format"),
        ("release=0", "release"),
        ("release=-1", "release"),
        ("release=abc", "release"),
        ("release=1.5", "release"),
        ("lang=de", "lang"),
        ("regions=latgale", "regions"),
        ("foo=bar", "foo"),
        ("region=%00", "region"),
    ],
)
def test_bad_parameters_give_400_json(client, query, mentions):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"] == "bad_request"
    assert mentions in body["message"]
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["%C2%B2", "99999999999999999999"])
def test_odd_release_numbers_give_400(client, value):
    response = client.get(f"{URL}?release={value}")
    assert response.status_code == 400
    assert "release" in response.get_json()["message"]


def test_unknown_parameter_message_lists_the_allowed_ones(client):
    message = client.get(f"{URL}?format=csv&page=2").get_json()["message"]
    assert "page" in message
    for name in ("format", "region", "metric", "from", "to", "release", "lang"):
        assert name in message


# --- health check ------------------------------------------------------------------------------


def test_healthz_ok(client, config):
    response = client.get("/healthz")
    assert response.status_code == 200
    expected = {"status": "ok", "database": "ok"}
    if config.redis_url:  # the PostgreSQL + Redis run: the shared cache is reported too
        expected["cache"] = "ok"
    assert response.get_json() == expected


@pytest.fixture
def unreachable_client(make_app, tmp_path: Path):
    config = Config(
        database_url="postgresql+psycopg://postgres@127.0.0.1:1/none",
        secret_key="test",
        testing=True,
        instance_path=tmp_path,
    )
    return make_app(config).server.test_client()


def test_healthz_503_when_the_database_is_unreachable(unreachable_client):
    response = unreachable_client.get("/healthz")
    assert response.status_code == 503
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "error", "database": "unreachable"}
    assert "Traceback" not in response.get_data(as_text=True)
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_unknown_release_is_404_with_a_message(client):
    response = client.get("/api/v1/observations?release=409")
    assert response.status_code == 404
    assert response.get_json() == {
        "error": "not_found",
        "message": "release 409 does not exist; see /api/v1/releases",
    }
