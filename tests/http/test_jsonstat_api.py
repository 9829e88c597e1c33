"""``/api/v1/observations?format=jsonstat`` on the real record (issue 15, item 4): read back with
a JSON-stat reader (pyjstat), the cube holds exactly the numbers of ``format=csv`` for the same
query, cell for cell, and nothing else.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import jsonschema
import pytest
from pyjstat import pyjstat

from dashboard.opendata.jsonstat_schema import JSONSTAT_SCHEMA

URL = "/api/v1/observations"

# pyjstat's own DataFrame writer calls its deprecated reader.
pytestmark = pytest.mark.filterwarnings("ignore:Shouldn't use this function:DeprecationWarning")

Cells = dict[tuple[str, str, str], int]


def csv_cells(client: Any, query: str) -> Cells:
    """``(measure, geography id, period) -> value`` of the CSV; the geography id written as the
    JSON-stat dataset documents it: ``LV``, a region's code, a municipality's ``code@division``."""
    response = client.get(f"{URL}?format=csv&{query}")
    assert response.status_code == 200, response.data
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    cells: Cells = {}
    for row in rows:
        geography = f"{row['geo_code']}@{row['division']}" if row["division"] else row["geo_code"]
        key = (row["measure"], geography, row["period"])
        assert key not in cells, key  # one row per cell
        cells[key] = int(row["value"])
    return cells


def jsonstat(client: Any, query: str) -> tuple[dict[str, Any], str]:
    response = client.get(f"{URL}?format=jsonstat&{query}")
    assert response.status_code == 200, response.data
    assert response.mimetype == "application/json"
    return response.get_json(), response.data.decode()


def jsonstat_cells(text: str) -> Cells:
    """The cube as pyjstat reads it, unpublished (missing) cells left out."""
    frame = pyjstat.Dataset.read(text).write("dataframe", naming="id")
    cells: Cells = {}
    for row in frame.itertuples():
        if not math.isnan(row.value):
            assert float(row.value).is_integer()
            cells[(row.measure, row.geography, row.period)] = int(row.value)
    return cells


@pytest.mark.parametrize(
    "query",
    [
        "",
        "region=latgale&from=2019",
        "geo_level=municipality",
        "measure=people_returned,families_returned&to=2020&lang=en",
    ],
)
def test_jsonstat_holds_the_same_numbers_as_the_csv(record_client: Any, query: str) -> None:
    expected = csv_cells(record_client, query)
    assert expected  # the record has figures for each of these queries
    dataset, text = jsonstat(record_client, query)
    assert jsonstat_cells(text) == expected
    # Only categories that occur, and every cell counted once.
    dims = dataset["dimension"]
    for position, name in enumerate(dataset["id"]):
        index = dims[name]["category"]["index"]
        assert set(index) == {key[position] for key in expected}
        assert dataset["size"][position] == len(index)
    assert len(dataset["value"]) == len(expected)
    assert math.prod(dataset["size"]) >= len(expected)


def test_whole_record_cube(record_client: Any) -> None:
    dataset, _ = jsonstat(record_client, "")
    geography = dataset["dimension"]["geography"]["category"]
    assert geography["index"][0] == "LV"
    levels = [dataset["extension"]["geography"][g]["geo_level"] for g in geography["index"]]
    assert levels == sorted(levels, key=["national", "planning_region", "municipality"].index)
    # Municipalities carry their division, in the id and in the label.
    for gid in geography["index"]:
        ext = dataset["extension"]["geography"][gid]
        if ext["geo_level"] == "municipality":
            assert gid == f"{ext['code']}@{ext['division']}"
            assert ext["division"] in geography["label"][gid]
    # The measures in the registry's order.
    registry = [m["code"] for m in record_client.get("/api/v1/measures").get_json()]
    measures = dataset["dimension"]["measure"]["category"]["index"]
    assert measures == [code for code in registry if code in measures]
    # Periods by start, then end date.
    periods = dataset["extension"]["period"]
    starts = [
        (periods[p]["start"], periods[p]["end"])
        for p in dataset["dimension"]["period"]["category"]["index"]
    ]
    assert starts == sorted(starts)
    # Cells of low reliability are flagged, with the meaning given.
    low = record_client.get(f"{URL}?format=json").get_json()
    assert len(dataset.get("status", {})) == sum(r["reliability"] == "low" for r in low)
    assert set(dataset.get("status", {}).values()) <= {"low"}
    assert "low" in dataset["extension"]["status"]


def test_labels_follow_lang(record_client: Any) -> None:
    lv, _ = jsonstat(record_client, "")
    en, _ = jsonstat(record_client, "lang=en")
    assert lv["dimension"]["geography"]["category"]["label"]["LV"] == "Latvija"
    assert en["dimension"]["geography"]["category"]["label"]["LV"] == "Latvia"
    assert (lv["dimension"]["measure"]["label"], en["dimension"]["measure"]["label"]) == (
        "Rādītājs",
        "Measure",
    )
    rows = record_client.get(f"{URL}?format=json&lang=en").get_json()
    periods = en["dimension"]["period"]["category"]["label"]
    assert periods == {r["period"]: r["period_label_en"] for r in rows}
    places = en["dimension"]["geography"]["category"]["label"]
    for r in rows:
        gid = f"{r['geo_code']}@{r['division']}" if r["division"] else r["geo_code"]
        assert places[gid].startswith(r["geo_name_en"])
    measures = {m["code"]: m for m in record_client.get("/api/v1/measures").get_json()}
    for code, label in en["dimension"]["measure"]["category"]["label"].items():
        assert label == measures[code]["name_en"]
        assert (
            en["dimension"]["measure"]["category"]["unit"][code]["label"]
            == measures[code]["unit_en"]
        )


def test_no_matching_rows_is_an_empty_valid_cube(record_client: Any) -> None:
    dataset, _ = jsonstat(record_client, "to=2000")
    assert dataset["size"] == [0, 0, 0]
    assert dataset["value"] == {}
    assert dataset["version"] == "2.0" and dataset["class"] == "dataset"


@pytest.mark.parametrize("query", ["", "lang=en&region=vidzeme", "to=2000"])
def test_answers_match_the_schema_the_openapi_document_gives(
    record_client: Any, query: str
) -> None:
    document = record_client.get("/api/v1/openapi.json").get_json()
    answer = document["paths"]["/api/v1/observations"]["get"]["responses"]["200"]
    assert JSONSTAT_SCHEMA in answer["content"]["application/json"]["schema"]["anyOf"]
    dataset, _ = jsonstat(record_client, query)
    jsonschema.Draft202012Validator(JSONSTAT_SCHEMA).validate(dataset)


def test_jsonstat_with_every_source_lists_the_other_sources_beside_the_cube(
    record_client: Any,
) -> None:
    """``sources=all``: the cube is still each cell's preferred value, and every other
    source's figure is listed under its cell's index — exactly the CSV's non-preferred rows."""
    dataset, text = jsonstat(record_client, "sources=all")
    assert jsonstat_cells(text) == csv_cells(record_client, "")
    response = record_client.get(f"{URL}?format=csv&sources=all")
    others = [r for r in csv.DictReader(io.StringIO(response.get_data(as_text=True)))]
    others = [r for r in others if r["preferred"] == "False"]
    assert others  # the record has cells with more than one source
    ids = [dataset["dimension"][d]["category"]["index"] for d in dataset["id"]]
    size = dataset["size"]
    sources = dataset["extension"]["sources"]
    expected = sorted(
        (
            str(
                (ids[0].index(r["measure"]) * size[1] + ids[1].index(_geo(r))) * size[2]
                + ids[2].index(r["period"])
            ),
            int(r["value"]),
            r["source_title"],
            int(r["release"]),
        )
        for r in others
    )
    listed = sorted(
        (
            index,
            o["value"],
            sources[o["source"]]["title"] if o["source"] is not None else "",
            o["release"],
        )
        for index, entries in dataset["extension"]["cell"]["other_sources"].items()
        for o in entries
    )
    assert listed == expected
    # The plain cube has no other sources.
    plain, _ = jsonstat(record_client, "")
    assert plain["extension"]["cell"]["other_sources"] == {}


def _geo(row: dict[str, str]) -> str:
    return f"{row['geo_code']}@{row['division']}" if row["division"] else row["geo_code"]
