"""The OpenAPI 3 description of the open-data API (``/api/v1/openapi.json``).

Kept next to the code it describes and checked against the running API by the tests
(schemathesis), so the document and the behaviour cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from dashboard import queries
from dashboard.api.v1 import bp, params
from dashboard.exports import CONTACT_COLUMNS, FUNDING_COLUMNS, TIDY_COLUMNS

REGION_CODES = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
# The measures are an open registry (admins add them), so their codes are listed from the
# database each time the document is built: the document says exactly which codes the server
# accepts today. This placeholder is replaced in openapi_document().
METRIC_CODES: list[str] = []

_STR = {"type": "string"}
_NULLABLE_STR = {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date"}


def _code_list(codes: list[str]) -> dict[str, Any]:
    """A comma-separated list of known codes, or empty (the same as leaving it out); anything
    else is answered with 400."""
    one = "(" + "|".join(codes) + ")"
    return {"type": "string", "pattern": f"^({one}(,{one})*)?$"}


# An ISO date, or empty (the same as leaving the parameter out).
_DATE_OR_EMPTY = {"type": "string", "anyOf": [{"format": "date"}, {"maxLength": 0}]}


_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}

_ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": _STR, "message": _STR},
}


def _format_param(csv: bool = True) -> dict[str, Any]:
    return {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "Response format.",
        "schema": {
            "type": "string",
            "enum": ["json", "csv"] if csv else ["json"],
            "default": "json",
        },
    }


def _list_response(item: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "200": {
            "description": description,
            "headers": {
                "ETag": {"schema": _STR},
                "Access-Control-Allow-Origin": {"schema": _STR},
            },
            "content": {
                "application/json": {"schema": {"type": "array", "items": item}},
                "text/csv": {"schema": {"type": "string"}},
            },
        },
        "304": {"description": "Not modified (If-None-Match / If-Modified-Since matched)."},
        "400": {
            "description": "A parameter is invalid; the message names it.",
            "content": {"application/json": {"schema": _ERROR}},
        },
        "503": {
            "description": (
                "The database is unavailable and this answer is not cached; retry after the "
                "Retry-After header's seconds. `message_lv` carries the Latvian message."
            ),
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": _ERROR}},
        },
    }


OBSERVATION = {
    "type": "object",
    "required": list(TIDY_COLUMNS),
    "properties": {
        "period": {**_STR, "description": "Period code, e.g. 2019 or 2018-03..2018-12."},
        "period_label": _STR,
        "period_start": _DATE,
        "period_end": _DATE,
        "region": {"type": "string", "enum": REGION_CODES},
        "region_name": _STR,
        "metric": {"type": "string", "enum": METRIC_CODES},
        "unit": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "value": {"type": "integer", "minimum": 0},
        "source_url": _STR,
        "release": {"type": "integer", "minimum": 1},
    },
    "additionalProperties": False,
}

RELEASE = {
    "type": "object",
    "required": [
        "number",
        "status",
        "published_at",
        "rolled_back_at",
        "description",
        "file_sha256",
        "observations_url",
    ],
    "properties": {
        "number": {"type": "integer", "minimum": 1},
        "status": {"type": "string", "enum": ["published", "rolled_back"]},
        "published_at": {"type": "string", "format": "date-time"},
        "rolled_back_at": {"type": ["string", "null"], "format": "date-time"},
        "description": _STR,
        "file_sha256": _NULLABLE_STR,
        "observations_url": _STR,
    },
    "additionalProperties": False,
}

REGION = {
    "type": "object",
    "required": ["code", "name_lv", "name_en", "long_name_lv", "long_name_en"],
    "properties": {
        "code": {"type": "string", "enum": REGION_CODES},
        "name_lv": _STR,
        "name_en": _STR,
        "long_name_lv": _STR,
        "long_name_en": _STR,
    },
    "additionalProperties": False,
}

METRIC = {
    "type": "object",
    "required": [
        "code",
        "name_lv",
        "name_en",
        "unit",
        "unit_lv",
        "unit_en",
        "definition_lv",
        "definition_en",
    ],
    "properties": {
        "code": {"type": "string", "enum": METRIC_CODES},
        "name_lv": _STR,
        "name_en": _STR,
        "unit": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "unit_lv": _STR,
        "unit_en": _STR,
        "definition_lv": _STR,
        "definition_en": _STR,
    },
    "additionalProperties": False,
}

CONTACT = {
    "type": "object",
    "required": list(CONTACT_COLUMNS),
    "properties": {
        "code": _STR,
        "name": _STR,
        "role_lv": _STR,
        "role_en": _STR,
        "organisation": _STR,
        "region": {"type": ["string", "null"], "enum": [*REGION_CODES, None]},
        "municipality": _NULLABLE_STR,
        "municipality_name": _NULLABLE_STR,
        "email": {"type": ["string", "null"], "format": "email"},
        "phone": {**_NULLABLE_STR, "description": "E.164, e.g. +37165476064"},
        "verified_on": _NULLABLE_DATE,
    },
    "additionalProperties": False,
}

FUNDING = {
    "type": "object",
    # The CSV columns and the JSON keys are one list (dashboard/exports.py).
    "required": list(FUNDING_COLUMNS),
    "properties": {
        "code": _STR,
        "parent": _NULLABLE_STR,
        "title_lv": _STR,
        "title_en": _STR,
        "amount_eur": {"type": ["number", "null"], "minimum": 0},
        "amount_computed": {
            "type": "boolean",
            "description": "True when the amount was computed from the share.",
        },
        "share_pct": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
        "kind": _STR,
        "year": {"type": ["integer", "null"]},
        "period_start": _NULLABLE_DATE,
        "period_end": _NULLABLE_DATE,
        "source_title": _NULLABLE_STR,
        "source_url": _NULLABLE_STR,
    },
    "additionalProperties": False,
}


def _with_metric_codes(node: Any, codes: list[str]) -> Any:
    """``node`` with every ``METRIC_CODES`` placeholder list replaced by ``codes``."""
    if isinstance(node, dict):
        return {k: _with_metric_codes(v, codes) for k, v in node.items()}
    if isinstance(node, list):
        return codes if node is METRIC_CODES else [_with_metric_codes(v, codes) for v in node]
    return node


def openapi_document() -> dict[str, Any]:
    codes = [metric["code"] for metric in queries.metrics()]
    document = _document()
    document = _with_metric_codes(document, codes)
    metric_param = next(
        p
        for p in document["paths"]["/api/v1/observations"]["get"]["parameters"]
        if p["name"] == "metric"
    )
    metric_param["schema"] = _code_list(codes)
    return document


def _document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Remigration dashboard open data",
            "version": "1",
            "description": (
                "Figures of Latvia's regional remigration-support programme: families and people "
                "who returned with a regional coordinator's help, and personalised offers "
                "prepared, by planning region and period. Units differ per metric; never add "
                "values of different metrics. Periods differ in length."
            ),
            "license": {"name": "Cite the original source (see source_url)"},
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/observations": {
                "get": {
                    "operationId": "listObservations",
                    "summary": "The tidy dataset: one row per period × region × metric.",
                    "parameters": [
                        _format_param(),
                        {
                            "name": "region",
                            "in": "query",
                            "required": False,
                            "description": "One or more region codes, comma-separated.",
                            "schema": _code_list(REGION_CODES),
                        },
                        {
                            "name": "metric",
                            "in": "query",
                            "required": False,
                            "description": "One or more metric codes, comma-separated.",
                            "schema": _code_list(METRIC_CODES),
                        },
                        {
                            "name": "from",
                            "in": "query",
                            "required": False,
                            "description": (
                                "Periods starting on or after this date (a range that ends "
                                "before it starts holds nothing)."
                            ),
                            "schema": _DATE_OR_EMPTY,
                        },
                        {
                            "name": "to",
                            "in": "query",
                            "required": False,
                            "description": "Periods ending on or before this date.",
                            "schema": _DATE_OR_EMPTY,
                        },
                        {
                            "name": "release",
                            "in": "query",
                            "required": False,
                            "description": (
                                "The data as published in this release (empty: the current data)."
                            ),
                            # As text: a query string has no numbers, and "5.0" is not one.
                            "schema": {"type": "string", "pattern": "^([1-9][0-9]{0,8})?$"},
                        },
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "description": "Language of labels.",
                            "schema": {"type": "string", "enum": ["lv", "en"], "default": "lv"},
                        },
                    ],
                    "responses": {
                        **_list_response(OBSERVATION, "Observations."),
                        "404": {
                            "description": "No release with that number.",
                            "content": {"application/json": {"schema": _ERROR}},
                        },
                    },
                }
            },
            "/api/v1/releases": {
                "get": {
                    "operationId": "listReleases",
                    "summary": "Every release, newest first.",
                    "parameters": [_format_param()],
                    "responses": _list_response(RELEASE, "Releases."),
                }
            },
            "/api/v1/regions": {
                "get": {
                    "operationId": "listRegions",
                    "summary": "Planning regions.",
                    "parameters": [_format_param()],
                    "responses": _list_response(REGION, "Regions."),
                }
            },
            "/api/v1/metrics": {
                "get": {
                    "operationId": "listMetrics",
                    "summary": "Metrics, their units and definitions.",
                    "parameters": [_format_param()],
                    "responses": _list_response(METRIC, "Metrics."),
                }
            },
            "/api/v1/contacts": {
                "get": {
                    "operationId": "listContacts",
                    "summary": "The public contact directory (active contacts only).",
                    "parameters": [
                        _format_param(),
                        {
                            "name": "region",
                            "in": "query",
                            "required": False,
                            "description": "A region code (empty: every region).",
                            "schema": {"type": "string", "enum": [*REGION_CODES, ""]},
                        },
                    ],
                    "responses": _list_response(CONTACT, "Contacts."),
                }
            },
            "/api/v1/funding": {
                "get": {
                    "operationId": "listFunding",
                    "summary": "Funding totals and their parts.",
                    "parameters": [_format_param()],
                    "responses": _list_response(FUNDING, "Funding rows."),
                }
            },
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
