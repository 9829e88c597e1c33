"""``/api/v1/releases``, ``/regions``, ``/metrics``: what the observations refer to."""

from __future__ import annotations

from flask import Response

from dashboard import queries
from dashboard.api.v1 import bp, params

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
