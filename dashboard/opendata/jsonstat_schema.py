"""The JSON Schema of a JSON-stat answer (``format=jsonstat``): what the OpenAPI document
promises, so Schemathesis checks every answer against it. Kept apart from the builder
(``jsonstat.py``) because it describes the format, not our data."""

from __future__ import annotations

from typing import Any

# The cube's dimensions, slowest-varying first (the order of ``id``, ``size`` and the flat
# index of ``value``); their roles are metric, geo and time.
DIMENSIONS = ("measure", "geography", "period")

# The one status a cell can have; cells of normal reliability have none.
LOW_RELIABILITY = "low"


def _dimension_schema() -> dict[str, Any]:
    category = {
        "type": "object",
        "required": ["index", "label"],
        "properties": {
            "index": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            "label": {"type": "object", "additionalProperties": {"type": "string"}},
            "unit": {"type": "object"},
            "note": {"type": "object"},
            "child": {"type": "object"},
        },
    }
    return {
        "type": "object",
        "required": ["label", "category"],
        "properties": {"label": {"type": "string"}, "category": category},
    }


def _schema() -> dict[str, Any]:
    """The answer's JSON Schema: every key is always there but ``updated`` (no time when
    nothing was published) and ``status`` (no cell of low reliability)."""
    by_index = {"type": "object", "propertyNames": {"pattern": "^(0|[1-9][0-9]*)$"}}
    properties: dict[str, Any] = {
        "version": {"type": "string", "enum": ["2.0"]},
        "class": {"type": "string", "enum": ["dataset"]},
        "href": {"type": "string"},
        "label": {"type": "string"},
        "note": {"type": "array", "items": {"type": "string"}},
        "source": {"type": "string"},
        "updated": {"type": "string", "format": "date-time"},
        "id": {"const": list(DIMENSIONS)},
        "size": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": len(DIMENSIONS),
            "maxItems": len(DIMENSIONS),
        },
        "role": {"type": "object"},
        "dimension": {
            "type": "object",
            "required": list(DIMENSIONS),
            "properties": {name: _dimension_schema() for name in DIMENSIONS},
        },
        "value": {**by_index, "additionalProperties": {"type": "integer", "minimum": 0}},
        "status": {**by_index, "additionalProperties": {"enum": [LOW_RELIABILITY]}},
        "link": {"type": "object"},
        "extension": {"type": "object"},
    }
    return {
        "title": "JSON-stat 2.0 dataset",
        "description": (
            "A JSON-stat 2.0 dataset (https://json-stat.org/format/) of dimensions measure, "
            "geography and period. `value` and `status` are objects keyed by the flat index "
            "(row-major over `id`); a cell that was not published has no key."
        ),
        "type": "object",
        "required": [key for key in properties if key not in {"updated", "status"}],
        "properties": properties,
    }


# What the API promises a JSON-stat answer is (the OpenAPI document's schema for it).
JSONSTAT_SCHEMA: dict[str, Any] = _schema()
