"""JSON Schemas of what the open-data API answers: one per resource, used by ``openapi.py``.

Codes that come from the database (regions, measures) are passed in, so the document describes
the registry as it is now; the column lists come from ``dashboard/exports.py`` and
``reference.py``, so a column cannot be served without being described.
"""

from __future__ import annotations

from typing import Any

from dashboard.api.v1.reference import GEOGRAPHY_COLUMNS, MEASURE_COLUMNS, METRIC_COLUMNS
from dashboard.exports import CONTACT_COLUMNS, FUNDING_COLUMNS, TIDY_COLUMNS
from dashboard.opendata.licence import LICENCE_LINK_HEADER
from dashboard.queries.rows import GEO_LEVELS

STR = {"type": "string"}
NULLABLE_STR = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
CODE = {"type": "string", "pattern": "^[a-z0-9_]+$"}
KINDS = ["flow", "stock", "target"]

ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": STR, "message": STR},
}


def answers(content: dict[str, Any], description: str) -> dict[str, Any]:
    """The answers every resource gives: 200 with ``content`` (media type -> ``{"schema"}``)
    and its revalidation, CORS and licence headers, 304, 400 and the 503 of an outage."""
    return {
        "200": {
            "description": description,
            "headers": {
                "ETag": {"schema": STR},
                "Access-Control-Allow-Origin": {"schema": STR},
                "Link": {"description": f"The licence: `{LICENCE_LINK_HEADER}`.", "schema": STR},
            },
            "content": content,
        },
        "304": {"description": "Not modified (If-None-Match / If-Modified-Since matched)."},
        "400": {
            "description": "A parameter is invalid; the message names it.",
            "content": {"application/json": {"schema": ERROR}},
        },
        "503": {
            "description": (
                "The database is unavailable and this answer is not cached; retry after the "
                "Retry-After header's seconds. `message_lv` carries the Latvian message."
            ),
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": ERROR}},
        },
    }


def _object(columns: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly ``columns`` as keys (the CSV header and the JSON keys are one
    list); fails at start-up if a column has no description."""
    if set(properties) != set(columns):
        odd = sorted(set(columns) ^ set(properties))
        raise ValueError(f"undescribed or unknown columns: {odd}")
    return {
        "type": "object",
        "required": list(columns),
        "properties": properties,
        "additionalProperties": False,
    }


def observation(regions: list[str]) -> dict[str, Any]:
    """One row of the tidy dataset (``exports.TIDY_COLUMNS``)."""
    return _object(
        TIDY_COLUMNS,
        {
            "period": {**STR, "description": "Period code, e.g. 2019 or 2018-03..2018-12."},
            "period_label": {**STR, "description": "The period's label in `lang`."},
            "period_start": DATE,
            "period_end": DATE,
            "region": {
                "type": "string",
                "enum": [*regions, ""],
                "description": (
                    "Planning region code: the row's own region, a municipality's region in "
                    "its division; empty for Latvia as a whole."
                ),
            },
            "region_name": {**STR, "description": "The planning region's name in `lang`."},
            "metric": {**CODE, "description": "Measure code (the same as `measure`)."},
            "unit": {**STR, "description": "Unit code, e.g. families, persons, EUR."},
            "value": {"type": "integer", "minimum": 0},
            "source_url": {**STR, "description": "Empty when the source gives no URL."},
            "release": {"type": "integer", "minimum": 1},
            "geo_level": {"type": "string", "enum": list(GEO_LEVELS)},
            "geo_code": {
                **STR,
                "description": (
                    "LV for Latvia, the region code, or the municipality's code (unique only "
                    "together with `division`)."
                ),
            },
            "geo_name_lv": STR,
            "geo_name_en": STR,
            "division": {
                "type": "string",
                "pattern": "^([0-9]{4})?$",
                "description": "A municipality's division (2009 or 2021); empty otherwise.",
            },
            "period_label_lv": STR,
            "period_label_en": STR,
            "months": {"type": "integer", "minimum": 1},
            "measure": CODE,
            "kind": {"type": "string", "enum": KINDS},
            "preferred": {
                "type": "boolean",
                "description": (
                    "True for the value readers see for this cell; the others (sources=all) "
                    "are other sources of the same cell."
                ),
            },
            "reliability": {"type": "string", "enum": ["normal", "low"]},
            "note": STR,
            "source_title": {**STR, "description": "Empty: source not stated."},
            "source_publisher": STR,
            "source_published_on": {
                "type": "string",
                "pattern": "^([0-9]{4}-[0-9]{2}(-[0-9]{2})?)?$",
                "description": "YYYY-MM-DD, YYYY-MM when the source gives only a month, or empty.",
            },
            "part_year": {
                "type": "boolean",
                "description": (
                    "True for a period inside one calendar year and shorter than it (months, "
                    "quarters, 2018-03..2018-12); whole years and periods across years are not."
                ),
            },
        },
    )


RELEASE = _object(
    [
        "number",
        "status",
        "published_at",
        "rolled_back_at",
        "description",
        "file_sha256",
        "observations_url",
    ],
    {
        "number": {"type": "integer", "minimum": 1},
        "status": {"type": "string", "enum": ["published", "rolled_back"]},
        "published_at": {"type": "string", "format": "date-time"},
        "rolled_back_at": {"type": ["string", "null"], "format": "date-time"},
        "description": STR,
        "file_sha256": NULLABLE_STR,
        "observations_url": STR,
    },
)


def region(regions: list[str]) -> dict[str, Any]:
    return _object(
        ["code", "name_lv", "name_en", "long_name_lv", "long_name_en"],
        {
            "code": {"type": "string", "enum": regions},
            "name_lv": STR,
            "name_en": STR,
            "long_name_lv": STR,
            "long_name_en": STR,
        },
    )


_METRIC_PROPERTIES: dict[str, Any] = {
    "code": CODE,
    "name_lv": STR,
    "name_en": STR,
    "unit": STR,
    "unit_lv": STR,
    "unit_en": STR,
    "kind": {"type": "string", "enum": KINDS},
    "definition_lv": STR,
    "definition_en": STR,
}
METRIC = _object(METRIC_COLUMNS, {c: _METRIC_PROPERTIES[c] for c in METRIC_COLUMNS})
MEASURE = _object(MEASURE_COLUMNS, {c: _METRIC_PROPERTIES[c] for c in MEASURE_COLUMNS})


def geography(regions: list[str]) -> dict[str, Any]:
    return _object(
        GEOGRAPHY_COLUMNS,
        {
            "geo_level": {"type": "string", "enum": list(GEO_LEVELS)},
            "code": STR,
            "division": {**NULLABLE_STR, "description": "2009 or 2021 for a municipality."},
            "name_lv": STR,
            "name_en": STR,
            "region": {"type": ["string", "null"], "enum": [*regions, None]},
            "valid_from": NULLABLE_DATE,
            "valid_to": NULLABLE_DATE,
        },
    )


def contact(regions: list[str]) -> dict[str, Any]:
    return _object(
        CONTACT_COLUMNS,
        {
            "code": STR,
            "name": STR,
            "role_lv": STR,
            "role_en": STR,
            "organisation": STR,
            "region": {"type": ["string", "null"], "enum": [*regions, None]},
            "municipality": NULLABLE_STR,
            "municipality_name": NULLABLE_STR,
            "email": {"type": ["string", "null"], "format": "email"},
            "phone": {**NULLABLE_STR, "description": "E.164, e.g. +37165476064"},
            "verified_on": NULLABLE_DATE,
        },
    )


FUNDING = _object(
    FUNDING_COLUMNS,
    {
        "code": STR,
        "parent": NULLABLE_STR,
        "title_lv": STR,
        "title_en": STR,
        "amount_eur": {"type": ["number", "null"], "minimum": 0},
        "amount_computed": {
            "type": "boolean",
            "description": "True when the amount was computed from the share.",
        },
        "share_pct": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
        "kind": STR,
        "year": {"type": ["integer", "null"]},
        "period_start": NULLABLE_DATE,
        "period_end": NULLABLE_DATE,
        "source_title": NULLABLE_STR,
        "source_url": NULLABLE_STR,
    },
)
