"""The OpenAPI 3 description of the open-data API (``/api/v1/openapi.json``).

Kept next to the code it describes and checked against the running API by the tests
(schemathesis), so the document and the behaviour cannot drift apart. The region and measure
codes a parameter admits are read from the database when the document is asked for: the
measure registry grows, and the document must admit exactly the codes the server accepts.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from dashboard import queries
from dashboard.api.v1 import bp, catalog, datapackage, feed, params, schemas
from dashboard.api.v1.observations import OBSERVATION_FORMATS
from dashboard.exports import XLSX_MIMETYPE
from dashboard.opendata.jsonstat_schema import JSONSTAT_SCHEMA
from dashboard.opendata.licence import LICENCE_ID, LICENCE_TITLE
from dashboard.queries.rows import GEO_LEVELS

# A year 0001-9999 (there is no year 0), then an optional month 01-12.
_YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_YEAR_OR_MONTH = f"^{_YEAR}(-(0[1-9]|1[0-2]))?$"


def _any_case(code: str) -> str:
    """A pattern admitting ``code`` in any mix of ASCII capitals (``[kK][uU]…``); ECMA-262
    patterns have no case-insensitive flag."""
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in code)


def _code_list(codes: list[str], *, any_case: bool = False) -> dict[str, Any]:
    """A comma-separated list of known codes, or empty (the same as leaving it out); anything
    else is answered with 400."""
    if not codes:
        return {"type": "string", "maxLength": 0}
    one = "(" + "|".join(_any_case(c) if any_case else c for c in codes) + ")"
    return {"type": "string", "pattern": f"^({one}(,{one})*)?$"}


# A year, a month or an ISO date, or empty (the same as leaving the parameter out).
_DATE_BOUND = {
    "type": "string",
    "anyOf": [{"format": "date"}, {"pattern": _YEAR_OR_MONTH}, {"maxLength": 0}],
}


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def _format_param() -> dict[str, Any]:
    return _param(
        "format",
        "Response format.",
        {"type": "string", "enum": list(params.FORMATS), "default": "json"},
    )


def _bom_param() -> dict[str, Any]:
    return _param(
        "bom",
        (
            "1: the CSV for Excel (UTF-8 with a byte-order mark, `;` between cells, decimal "
            "commas), which Excel set to Latvian opens with a double click; 0 or empty: plain "
            "RFC 4180 CSV. Other formats are not affected."
        ),
        {"type": "string", "enum": [*params.BOM, ""], "default": "0"},
    )


def _list_response(item: dict[str, Any], description: str) -> dict[str, Any]:
    return schemas.answers(
        {
            "application/json": {"schema": {"type": "array", "items": item}},
            "text/csv": {"schema": {"type": "string"}},
            XLSX_MIMETYPE: {"schema": {"type": "string", "format": "binary"}},
        },
        description,
    )


def _observation_params(regions: list[str], measures: list[str]) -> list[dict[str, Any]]:
    return [
        _param(
            "format",
            (
                "Response format: a table (json, csv, xlsx) or a JSON-stat 2.0 dataset "
                "(jsonstat: dimensions measure, geography and period; the preferred value of "
                "each cell, and with sources=all the other sources' figures in "
                "extension.cell.other_sources)."
            ),
            {"type": "string", "enum": list(OBSERVATION_FORMATS), "default": "json"},
        ),
        _bom_param(),
        _param(
            "geo_level",
            "One or more geography levels, comma-separated (empty: every level).",
            _code_list(list(GEO_LEVELS)),
        ),
        _param(
            "region",
            (
                "One or more planning region codes, comma-separated, in any case (Kurzeme = "
                "kurzeme). A municipality's row belongs to its planning region in its "
                "division; national rows belong to no region."
            ),
            _code_list(regions, any_case=True),
        ),
        _param(
            "measure",
            (
                "One or more measure codes, comma-separated (see /api/v1/measures). The same "
                "filter as `metric`: codes given in either are all selected."
            ),
            _code_list(measures),
        ),
        _param(
            "metric",
            "The first name of `measure`, with the same meaning; kept for older clients.",
            _code_list(measures),
        ),
        _param(
            "from",
            (
                "Periods starting on or after this: a year (2019 = 2019-01-01), a month "
                "(2019-06 = 2019-06-01) or an ISO date. A range that ends before it starts "
                "holds nothing."
            ),
            _DATE_BOUND,
        ),
        _param(
            "to",
            (
                "Periods ending on or before this: a year (2019 = 2019-12-31), a month "
                "(2019-06 = 2019-06-30) or an ISO date."
            ),
            _DATE_BOUND,
        ),
        _param(
            "release",
            "The data as published in this release (empty: the current data).",
            # As text: a query string has no numbers, and "5.0" is not one.
            {"type": "string", "pattern": "^([1-9][0-9]{0,8})?$"},
        ),
        _param(
            "sources",
            (
                "`preferred` (default, or empty): one row per cell, the value readers see; "
                "`all`: one row per source, with `preferred` true on the value readers see."
            ),
            {"type": "string", "enum": [*params.SOURCES, ""], "default": "preferred"},
        ),
        _param(
            "lang",
            "Language of `period_label` and `region_name`.",
            {"type": "string", "enum": ["lv", "en"], "default": "lv"},
        ),
    ]


def _observation_responses(regions: list[str]) -> dict[str, Any]:
    """The table answers, and with ``format=jsonstat`` a JSON-stat dataset (an object where the
    table is an array)."""
    responses = _list_response(schemas.observation(regions), "Observations.")
    content = responses["200"]["content"]
    content["application/json"] = {
        "schema": {"anyOf": [content["application/json"]["schema"], JSONSTAT_SCHEMA]}
    }
    return responses


def _list_operation(
    operation_id: str, summary: str, item: dict[str, Any], description: str
) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [_format_param(), _bom_param()],
            "responses": _list_response(item, description),
        }
    }


def openapi_document() -> dict[str, Any]:
    regions = [r["code"] for r in queries.regions()]
    measures = [m["code"] for m in queries.metrics()]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Remigration dashboard open data",
            "version": "1",
            "description": (
                "Figures of Latvia's regional remigration-support programme as published: "
                "families and people who returned with a regional coordinator's help, offers, "
                "grants, targets and more, for Latvia as a whole, its planning regions and its "
                "municipalities (2009 and 2021 divisions), with every source. Units differ per "
                "measure; never add values of different measures, of different geography "
                "levels or of overlapping periods. Periods differ in length. A row whose "
                "source columns are empty is a figure whose source was not stated. The "
                "compilation is licensed CC BY 4.0 (credit this dashboard and the original "
                "publisher named on each figure); each figure stays under its original "
                "publisher's terms. Every answer names the licence in its `Link` header."
            ),
            "license": {"name": LICENCE_TITLE, "identifier": LICENCE_ID},
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/observations": {
                "get": {
                    "operationId": "listObservations",
                    "summary": (
                        "The tidy dataset: one row per geography × period × measure, or one "
                        "row per source with sources=all."
                    ),
                    "parameters": _observation_params(regions, measures),
                    "responses": {
                        **_observation_responses(regions),
                        "404": {
                            "description": "No release with that number.",
                            "content": {"application/json": {"schema": schemas.ERROR}},
                        },
                    },
                }
            },
            "/api/v1/releases": _list_operation(
                "listReleases", "Every release, newest first.", schemas.RELEASE, "Releases."
            ),
            "/api/v1/regions": _list_operation(
                "listRegions", "Planning regions.", schemas.region(regions), "Regions."
            ),
            "/api/v1/metrics": _list_operation(
                "listMetrics",
                "Measures, their units and definitions (the first columns of /measures).",
                schemas.METRIC,
                "Metrics.",
            ),
            "/api/v1/measures": _list_operation(
                "listMeasures",
                "The measure registry: code, names, unit, kind (flow, stock, target), definitions.",
                schemas.MEASURE,
                "Measures.",
            ),
            "/api/v1/geographies": _list_operation(
                "listGeographies",
                "Latvia, the planning regions and the municipalities of both divisions.",
                schemas.geography(regions),
                "Geographies.",
            ),
            "/api/v1/contacts": {
                "get": {
                    "operationId": "listContacts",
                    "summary": "The public contact directory (active contacts only).",
                    "parameters": [
                        _format_param(),
                        _bom_param(),
                        _param(
                            "region",
                            "A region code (empty: every region).",
                            {"type": "string", "enum": [*regions, ""]},
                        ),
                    ],
                    "responses": _list_response(schemas.contact(regions), "Contacts."),
                }
            },
            "/api/v1/funding": _list_operation(
                "listFunding", "Funding totals and their parts.", schemas.FUNDING, "Funding rows."
            ),
            **datapackage.openapi_paths(),
            **catalog.openapi_paths(),
            **feed.openapi_paths(),
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This document.",
                    "responses": {
                        "200": {
                            "description": "OpenAPI document.",
                            "content": {"application/json": {}},
                        }
                    },
                }
            },
        },
    }


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 description of this API."""
    params.only()
    return jsonify(openapi_document())
