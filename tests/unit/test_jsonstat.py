"""JSON-stat 2.0 of the tidy dataset (issue 15, item 4), built from hand-made rows and read back
with a JSON-stat reader (pyjstat), so what statistics users open is what the CSV holds.

The rows (values made up for these tests) are a small sparse cube: Latvia, a planning region,
and the same municipality code ``LV-045`` in the 2009 and the 2021 division, over four periods
that differ in length and overlap; one cell is of low reliability, one published value is 0,
and most cells were never published.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import jsonschema
import pytest
from pyjstat import pyjstat

from dashboard.exports import tidy_records, to_json
from dashboard.opendata.jsonstat import jsonstat_dataset
from dashboard.opendata.jsonstat_schema import JSONSTAT_SCHEMA
from dashboard.opendata.licence import LICENCE_ID, LICENCE_URL, licence_statement

# pyjstat's own DataFrame writer calls its deprecated reader.
pytestmark = pytest.mark.filterwarnings("ignore:Shouldn't use this function:DeprecationWarning")

HREF = "https://example.test/api/v1/observations?format=jsonstat"
UPDATED = dt.datetime(2025, 3, 4, 5, 6, 7, 890)  # naive, as the database stores UTC

# The registry in display order; ``offers_prepared`` has no rows, so it is not in the cube.
MEASURES = [
    {
        "code": "families_returned",
        "name_lv": "Ģimenes atgriezušās",
        "name_en": "Families returned",
        "unit_code": "families",
        "unit_lv": "ģimenes",
        "unit_en": "families",
        "kind": "flow",
        "definition_lv": "Ģimeņu skaits.",
        "definition_en": "Number of families.",
    },
    {
        "code": "offers_prepared",
        "name_lv": "Sagatavotie piedāvājumi",
        "name_en": "Offers prepared",
        "unit_code": "offers",
        "unit_lv": "piedāvājumi",
        "unit_en": "offers",
        "kind": "flow",
        "definition_lv": "",
        "definition_en": "",
    },
    {
        "code": "people_returned",
        "name_lv": "Cilvēki atgriezušies",
        "name_en": "People returned",
        "unit_code": "people",
        "unit_lv": "cilvēki",
        "unit_en": "people",
        "kind": "flow",
        "definition_lv": "Cilvēku skaits.",
        "definition_en": "Number of people.",
    },
]

PERIODS = {
    "2018": ("2018. gads", "2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31), 12),
    "2019": ("2019. gads", "2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31), 12),
    "2019-01..2019-06": (
        "2019. g. 1. pusgads",
        "2019 H1",
        dt.date(2019, 1, 1),
        dt.date(2019, 6, 30),
        6,
    ),
    "2021": ("2021. gads", "2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31), 12),
}

# (level, code, division) -> (name LV, name EN, planning region)
PLACES = {
    ("national", "LV", None): ("Latvija", "Latvia", None),
    ("planning_region", "kurzeme", None): ("Kurzeme", "Kurzeme", "kurzeme"),
    ("planning_region", "vidzeme", None): ("Vidzeme", "Vidzeme", "vidzeme"),
    ("municipality", "LV-045", "2009"): ("Kocēnu novads", "Kocēni Municipality", "vidzeme"),
    ("municipality", "LV-045", "2021"): ("Valmieras novads", "Valmiera Municipality", "vidzeme"),
}

OFFICIAL = ("VARAM release", "VARAM", "https://www.varam.gov.lv/a", dt.date(2020, 8, 1))
PRESS = ("LETA news", "LETA", "https://leta.lv/b", None)


def query_row(
    place: tuple[str, str, str | None],
    period: str,
    measure: str,
    value: int,
    *,
    source: tuple[Any, ...] | None = OFFICIAL,
    reliability: str = "normal",
    note: str | None = None,
    release: int = 3,
) -> dict[str, Any]:
    """A row as ``queries.observation_rows`` returns it (tidied by ``tidy_records`` below)."""
    level, code, division = place
    name_lv, name_en, region = PLACES[place]
    label_lv, label_en, start, end, months = PERIODS[period]
    title, publisher, url, published_on = source or (None, None, None, None)
    return {
        "period": period,
        "period_label_lv": label_lv,
        "period_label_en": label_en,
        "period_start": start,
        "period_end": end,
        "months": months,
        "geo_level": level,
        "geo_code": code,
        "geo_name_lv": name_lv,
        "geo_name_en": name_en,
        "division": division,
        "region": region,
        "region_name_lv": region.capitalize() if region else None,
        "region_name_en": region.capitalize() if region else None,
        "metric": measure,
        "unit": next(m["unit_code"] for m in MEASURES if m["code"] == measure),
        "kind": "flow",
        "value": value,
        "preferred": True,
        "reliability": reliability,
        "note": note,
        "source_title": title,
        "source_publisher": publisher,
        "source_url": url,
        "source_published_on": published_on,
        "source_published_precision": "day" if published_on else None,
        "release": release,
    }


LV = ("national", "LV", None)
KURZEME = ("planning_region", "kurzeme", None)
VIDZEME = ("planning_region", "vidzeme", None)
KOCENI_2009 = ("municipality", "LV-045", "2009")
VALMIERA_2021 = ("municipality", "LV-045", "2021")

# Deliberately not in cube order, so the order of the dimensions is the builder's doing.
ROWS = [
    query_row(VALMIERA_2021, "2021", "people_returned", 7, source=PRESS, release=4),
    query_row(
        KOCENI_2009,
        "2019-01..2019-06",
        "people_returned",
        3,
        reliability="low",
        note="<b>approximate</b> wording",
    ),
    query_row(VIDZEME, "2019", "people_returned", 20, source=None),
    query_row(KURZEME, "2018", "families_returned", 4, source=PRESS),
    query_row(LV, "2019", "families_returned", 0),
    query_row(LV, "2018", "families_returned", 10),
]

# What the cube must hold: (measure, geography id, period) -> value; the geography id is
# written out by hand here (``code@division`` for municipalities), not computed by the module.
EXPECTED = {
    ("people_returned", "LV-045@2021", "2021"): 7,
    ("people_returned", "LV-045@2009", "2019-01..2019-06"): 3,
    ("people_returned", "vidzeme", "2019"): 20,
    ("families_returned", "kurzeme", "2018"): 4,
    ("families_returned", "LV", "2019"): 0,
    ("families_returned", "LV", "2018"): 10,
}

# After the official JSON-stat 2.0 schema (https://json-stat.org/format/schema/2.0/, v1.03):
# the keys a dataset, a dimension and a category may have (no others), and their types.
_STRINGS = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
_VALUES = {"anyOf": [{"type": "number"}, {"type": "null"}, {"type": "string"}]}
JSONSTAT_2_DATASET = {
    "type": "object",
    "required": ["version", "class", "value", "id", "size", "dimension"],
    "additionalProperties": False,
    "properties": {
        "class": {"enum": ["dataset"]},
        "version": {"enum": ["2.0"]},
        "href": {"type": "string", "format": "uri"},
        "label": {"type": "string"},
        "note": _STRINGS,
        "link": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"license": {"type": "array", "items": {"type": "object"}}},
        },
        "updated": {"type": "string", "format": "date-time"},
        "source": {"type": "string"},
        "extension": {"type": "object"},
        "id": _STRINGS,
        "size": {"type": "array", "items": {"type": "integer"}},
        "role": {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: _STRINGS for k in ("time", "geo", "metric")},
        },
        "dimension": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["category"],
                "additionalProperties": False,
                "properties": {
                    "href": {"type": "string"},
                    "label": {"type": "string"},
                    "note": _STRINGS,
                    "extension": {"type": "object"},
                    "category": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "index": _STRINGS,
                            "label": {"type": "object", "additionalProperties": {"type": "string"}},
                            "note": {"type": "object", "additionalProperties": _STRINGS},
                            "unit": {
                                "type": "object",
                                "additionalProperties": {
                                    "type": "object",
                                    "properties": {
                                        "label": {"type": "string"},
                                        "decimals": {"type": "integer"},
                                    },
                                },
                            },
                            "child": {"type": "object", "additionalProperties": _STRINGS},
                        },
                    },
                },
            },
        },
        "value": {
            "oneOf": [
                {"type": "array", "items": _VALUES},
                {"type": "object", "additionalProperties": _VALUES},
            ]
        },
        "status": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def build(rows: list[dict[str, Any]] = ROWS, lang: str = "lv", **kwargs: Any) -> dict[str, Any]:
    kwargs = {"updated": UPDATED, "href": HREF, **kwargs}
    return jsonstat_dataset(tidy_records(rows, lang), MEASURES, lang, **kwargs)


def read_back(dataset: dict[str, Any]) -> Any:
    """The dataset as the API sends it (``to_json``), read by pyjstat: one row per cell."""
    return pyjstat.Dataset.read(to_json(dataset)).write("dataframe", naming="id")


def published(frame: Any) -> dict[tuple[str, str, str], Any]:
    return {
        (r.measure, r.geography, r.period): r.value
        for r in frame.itertuples()
        if not math.isnan(r.value)
    }


def test_read_back_gives_exactly_the_rows() -> None:
    frame = read_back(build())
    assert published(frame) == EXPECTED
    assert all(float(v).is_integer() for v in published(frame).values())


def test_unpublished_cells_are_missing_and_a_published_zero_stays_zero() -> None:
    frame = read_back(build())
    cells = {(r.measure, r.geography, r.period): r.value for r in frame.itertuples()}
    assert math.isnan(cells[("families_returned", "kurzeme", "2019")])  # not published
    assert math.isnan(cells[("people_returned", "LV", "2018")])
    assert cells[("families_returned", "LV", "2019")] == 0  # published as 0
    assert frame.value.isna().sum() == len(frame) - len(EXPECTED)
    assert {k for k, v in cells.items() if not math.isnan(v)} == set(EXPECTED)


def test_size_is_the_categories_that_occur_and_its_product_the_cells() -> None:
    dataset = build()
    dims = dataset["dimension"]
    assert dataset["id"] == ["measure", "geography", "period"]
    assert dataset["size"] == [len(dims[d]["category"]["index"]) for d in dataset["id"]]
    assert dataset["size"] == [2, 5, 4]
    assert math.prod(dataset["size"]) == len(read_back(dataset)) == 40
    assert len(dataset["value"]) == len(EXPECTED)


def test_categories_are_in_registry_geography_and_date_order() -> None:
    dims = build()["dimension"]
    assert dims["measure"]["category"]["index"] == ["families_returned", "people_returned"]
    assert dims["geography"]["category"]["index"] == [
        "LV",
        "kurzeme",
        "vidzeme",
        "LV-045@2009",
        "LV-045@2021",
    ]
    # By start, then end: the half-year comes before the year it is part of.
    assert dims["period"]["category"]["index"] == ["2018", "2019-01..2019-06", "2019", "2021"]


def test_flat_index_by_hand() -> None:
    dataset = build()
    # people_returned is measure 1, LV-045@2009 geography 3, the half-year period 1 of sizes
    # [2, 5, 4]: (1 * 5 + 3) * 4 + 1 = 33.
    assert dataset["value"]["33"] == 3
    assert dataset["status"] == {"33": "low"}
    # families_returned (0), Latvia (0), 2018 (0) is the first cell.
    assert dataset["value"]["0"] == 10
    assert list(dataset["value"]) == sorted(dataset["value"], key=int)


def test_same_municipality_code_in_two_divisions_is_two_categories() -> None:
    dataset = build(lang="en")
    geography = dataset["dimension"]["geography"]
    labels = geography["category"]["label"]
    assert labels["LV-045@2009"] != labels["LV-045@2021"]
    assert (
        labels["LV-045@2009"].startswith("Kocēni Municipality") and "2009" in labels["LV-045@2009"]
    )
    assert (
        labels["LV-045@2021"].startswith("Valmiera Municipality")
        and "2021" in labels["LV-045@2021"]
    )
    assert len(set(labels.values())) == len(labels)
    ext = dataset["extension"]["geography"]
    assert ext["LV-045@2009"] == {
        "geo_level": "municipality",
        "code": "LV-045",
        "division": "2009",
        "region": "vidzeme",
    }
    assert ext["LV"] == {"geo_level": "national", "code": "LV", "division": None, "region": None}


def test_labels_and_units_follow_the_language() -> None:
    lv = build(lang="lv")["dimension"]
    en = build(lang="en")["dimension"]
    assert lv["geography"]["category"]["label"]["LV"] == "Latvija"
    assert en["geography"]["category"]["label"]["LV"] == "Latvia"
    assert lv["period"]["category"]["label"]["2019-01..2019-06"] == "2019. g. 1. pusgads"
    assert en["period"]["category"]["label"]["2019-01..2019-06"] == "2019 H1"
    assert lv["measure"]["category"]["label"]["people_returned"] == "Cilvēki atgriezušies"
    assert en["measure"]["category"]["unit"]["people_returned"] == {
        "label": "people",
        "decimals": 0,
    }
    assert lv["measure"]["category"]["unit"]["families_returned"] == {
        "label": "ģimenes",
        "decimals": 0,
    }
    assert en["measure"]["category"]["note"]["people_returned"] == ["Number of people."]
    assert (lv["measure"]["label"], en["measure"]["label"]) == ("Rādītājs", "Measure")
    assert (lv["period"]["label"], en["period"]["label"]) == ("Periods", "Period")


def test_hierarchy_names_only_categories_in_the_cube() -> None:
    child = build()["dimension"]["geography"]["category"]["child"]
    assert child == {"LV": ["kurzeme", "vidzeme"], "vidzeme": ["LV-045@2009", "LV-045@2021"]}
    # Municipalities alone: their region is not a category, so there is no hierarchy.
    alone = build([r for r in ROWS if r["geo_level"] == "municipality"])
    assert "child" not in alone["dimension"]["geography"]["category"]
    # Without Latvia, regions have no parent but municipalities still have theirs.
    regional = build([r for r in ROWS if r["geo_level"] != "national"])
    assert regional["dimension"]["geography"]["category"]["child"] == {
        "vidzeme": ["LV-045@2009", "LV-045@2021"]
    }


def test_metadata_licence_and_notes() -> None:
    dataset = build(lang="en")
    assert (dataset["version"], dataset["class"], dataset["href"]) == ("2.0", "dataset", HREF)
    assert dataset["role"] == {"metric": ["measure"], "geo": ["geography"], "time": ["period"]}
    assert dataset["updated"] == "2025-03-04T05:06:07Z"
    assert dataset["note"][0] == licence_statement("en")
    assert any("never add" in note for note in dataset["note"])  # overlapping periods
    assert any("unit" in note for note in dataset["note"])
    assert dataset["link"]["license"][0]["href"] == LICENCE_URL
    assert dataset["extension"]["licence"]["id"] == LICENCE_ID
    assert dataset["extension"]["status"] == {"low": "low reliability"}
    assert "Regional remigration support" in dataset["label"]
    assert build(lang="lv")["note"][0] == licence_statement("lv")


def test_updated_is_utc_and_absent_when_unknown() -> None:
    riga = dt.timezone(dt.timedelta(hours=2))
    aware = build(updated=dt.datetime(2025, 3, 4, 7, 6, 7, tzinfo=riga))
    assert aware["updated"] == "2025-03-04T05:06:07Z"
    assert "updated" not in build(updated=None)


def test_extension_keeps_each_cells_provenance() -> None:
    dataset = build()
    ext = dataset["extension"]
    sources = ext["sources"]
    assert len(sources) == 2  # official and press, each listed once
    cells = ext["cell"]
    official = sources[cells["source"]["0"]]  # families_returned, LV, 2018
    assert official == {
        "title": "VARAM release",
        "publisher": "VARAM",
        "url": "https://www.varam.gov.lv/a",
        "published_on": "2020-08-01",
    }
    press = sources[cells["source"]["4"]]  # families_returned, kurzeme, 2018
    assert (press["publisher"], press["published_on"]) == ("LETA", "")
    # people_returned (1), vidzeme (2), 2019 (2): (1 * 5 + 2) * 4 + 2 = 30, source not stated.
    assert dataset["value"]["30"] == 20 and "30" not in cells["source"]
    assert set(cells["source"]) == set(dataset["value"]) - {"30"}
    assert set(cells["release"]) == set(dataset["value"])
    # people_returned, LV-045@2021, 2021: (1 * 5 + 4) * 4 + 3 = 39.
    assert cells["release"]["39"] == 4
    # A note from the database stays text, as it was written.
    assert cells["note"] == {"33": "<b>approximate</b> wording"}
    assert ext["period"]["2019-01..2019-06"] == {
        "start": "2019-01-01",
        "end": "2019-06-30",
        "months": 6,
    }


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_dataset_is_valid_json_stat_and_matches_the_api_schema(lang: str) -> None:
    dataset = json.loads(to_json(build(lang=lang)))
    jsonschema.Draft202012Validator(JSONSTAT_SCHEMA).validate(dataset)
    jsonschema.Draft202012Validator(JSONSTAT_2_DATASET).validate(dataset)


def test_no_rows_is_an_empty_but_valid_cube() -> None:
    dataset = json.loads(to_json(build([])))
    assert dataset["size"] == [0, 0, 0]
    assert dataset["value"] == {}
    assert "status" not in dataset
    for dimension in dataset["dimension"].values():
        assert dimension["category"]["index"] == []
        assert dimension["category"]["label"] == {}
    jsonschema.Draft202012Validator(JSONSTAT_SCHEMA).validate(dataset)
    jsonschema.Draft202012Validator(JSONSTAT_2_DATASET).validate(dataset)
    # pyjstat 2.4 cannot read a cube without cells (it fails building an empty frame), so
    # the empty case is checked against the format's schema above instead.


def test_two_values_for_one_cell_are_refused() -> None:
    twice = [*ROWS, query_row(LV, "2018", "families_returned", 11, source=PRESS)]
    with pytest.raises(ValueError, match="one value per cell"):
        build(twice)


def test_a_measure_missing_from_the_registry_is_refused() -> None:
    rows = tidy_records([query_row(LV, "2018", "families_returned", 1)], "en")
    with pytest.raises(ValueError, match="families_returned"):
        jsonstat_dataset(rows, MEASURES[1:], "en", updated=None, href=HREF)
