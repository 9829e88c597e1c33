"""``GET /api/v1/datapackage.json``: the Frictionless data package describing every CSV the API
serves (built in ``dashboard/opendata/datapackage.py`` from the OpenAPI row schemas)."""

from __future__ import annotations

from typing import Any

from flask import Response

from dashboard import queries
from dashboard.api.v1 import bp, params, schemas
from dashboard.exports import to_json
from dashboard.opendata.datapackage import data_package
from dashboard.opendata.licence import licence_statement
from dashboard.web.site import absolute


def row_schemas() -> dict[str, dict[str, Any]]:
    """The OpenAPI document's row schema of each resource in the package."""
    regions = [r["code"] for r in queries.regions()]
    return {
        "observations": schemas.observation(regions),
        "measures": schemas.MEASURE,
        "geographies": schemas.geography(regions),
        "regions": schemas.region(regions),
        "releases": schemas.RELEASE,
        "contacts": schemas.contact(regions),
        "funding": schemas.FUNDING,
    }


@bp.get("/datapackage.json")
def datapackage() -> Response:
    """The data package: resources, fields, types, keys, licence and original sources."""
    params.only()
    rows = queries.observation_rows(queries.RowFilter())
    sources = sorted(
        {(r["source_title"], r["source_url"] or "") for r in rows if r["source_title"]}
    )
    package = data_package(
        row_schemas(),
        absolute,
        sources,
        queries.last_modified(),
        licence_statement("en"),
    )
    return Response(to_json(package), mimetype="application/json")


def openapi_paths() -> dict[str, Any]:
    """This module's entry in the OpenAPI document's ``paths``."""
    return {
        "/api/v1/datapackage.json": {
            "get": {
                "operationId": "getDataPackage",
                "summary": (
                    "The Frictionless data package: every CSV of this API with its fields, "
                    "types, primary and foreign keys, licence and sources."
                ),
                "responses": schemas.answers(
                    {"application/json": {"schema": {"type": "object"}}},
                    "Data package descriptor (Data Package v1).",
                ),
            }
        }
    }
