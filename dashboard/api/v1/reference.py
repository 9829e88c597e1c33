"""``/api/v1/releases``, ``/regions``, ``/metrics``, ``/measures``, ``/geographies``: what the
observations refer to."""

from __future__ import annotations

from flask import Response

from dashboard import queries
from dashboard.api.v1 import bp, params
from dashboard.queries.rows import NATIONAL_CODE, NATIONAL_NAME_EN, NATIONAL_NAME_LV

RELEASE_COLUMNS = [
    "number",
    "status",
    "published_at",
    "rolled_back_at",
    "description",
    "file_sha256",
    "observations_url",
]
REGION_COLUMNS = ["code", "name_lv", "name_en", "long_name_lv", "long_name_en"]
METRIC_COLUMNS = [
    "code",
    "name_lv",
    "name_en",
    "unit",
    "unit_lv",
    "unit_en",
    "definition_lv",
    "definition_en",
]
# /measures is /metrics with each measure's kind; /metrics keeps its first columns for the
# clients written against it.
MEASURE_COLUMNS = [*METRIC_COLUMNS[:6], "kind", *METRIC_COLUMNS[6:]]
GEOGRAPHY_COLUMNS = [
    "geo_level",
    "code",
    "division",
    "name_lv",
    "name_en",
    "region",
    "valid_from",
    "valid_to",
]


@bp.get("/releases")
def releases() -> Response:
    """Every release: number, status, when and by whom, and where to get it as published."""
    params.only("format")
    records = [
        {
            "number": r["number"],
            "status": r["status"],
            "published_at": r["published_at"].isoformat() + "Z",
            "rolled_back_at": r["rolled_back_at"].isoformat() + "Z"
            if r["rolled_back_at"]
            else None,
            "description": r["description"],
            "file_sha256": r["file_sha256"],
            "observations_url": f"/api/v1/observations?release={r['number']}",
        }
        for r in queries.releases()
    ]
    return params.table_response(records, RELEASE_COLUMNS, "releases")


@bp.get("/regions")
def regions() -> Response:
    """The five planning regions with their Latvian and English names."""
    params.only("format")
    records = [{c: r[c] for c in REGION_COLUMNS} for r in queries.regions()]
    return params.table_response(records, REGION_COLUMNS, "regions")


@bp.get("/metrics")
def metrics() -> Response:
    """What is counted, in which unit, and how it is defined."""
    params.only("format")
    records = [
        {**{c: r[c] for c in METRIC_COLUMNS if c != "unit"}, "unit": r["unit_code"]}
        for r in queries.metrics()
    ]
    return params.table_response(records, METRIC_COLUMNS, "metrics")


@bp.get("/measures")
def measures() -> Response:
    """The measure registry: /metrics plus each measure's kind (flow, stock or target)."""
    params.only("format")
    records = [
        {**{c: r[c] for c in MEASURE_COLUMNS if c != "unit"}, "unit": r["unit_code"]}
        for r in queries.metrics()
    ]
    return params.table_response(records, MEASURE_COLUMNS, "measures")


@bp.get("/geographies")
def geographies() -> Response:
    """Every place an observation can belong to: Latvia, the planning regions and the
    municipalities of both divisions (a municipality is its division and code together)."""
    params.only("format")
    regions = queries.regions()
    region_code = {r["id"]: r["code"] for r in regions}
    national = {
        "geo_level": "national",
        "code": NATIONAL_CODE,
        "division": None,
        "name_lv": NATIONAL_NAME_LV,
        "name_en": NATIONAL_NAME_EN,
        "region": None,
        "valid_from": None,
        "valid_to": None,
    }
    records = [national]
    records += [
        {
            **national,
            "geo_level": "planning_region",
            "code": r["code"],
            "name_lv": r["name_lv"],
            "name_en": r["name_en"],
            "region": r["code"],
        }
        for r in regions
    ]
    records += [
        {
            "geo_level": "municipality",
            "code": u["code"],
            "division": u["division"],
            "name_lv": u["name_lv"],
            "name_en": u["name_en"],
            "region": region_code[u["region_id"]],
            "valid_from": u["valid_from"].isoformat() if u["valid_from"] else None,
            "valid_to": u["valid_to"].isoformat() if u["valid_to"] else None,
        }
        for u in sorted(queries.municipalities(), key=lambda u: (u["division"], u["code"]))
    ]
    return params.table_response(records, GEOGRAPHY_COLUMNS, "geographies")
