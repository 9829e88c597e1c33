"""The Frictionless data package (``/api/v1/datapackage.json``): every CSV the API serves, with
its fields, types, keys and licence, so pandas, R, frictionless and the open-data portal can
read the files without guessing.

The field lists and types are not written here a second time: they are translated from the
JSON Schemas of the OpenAPI document (``dashboard/api/v1/schemas.py``), which are themselves
built from the export column lists. A column added to an export therefore appears in the
package, and a test validates the package against the files the running app serves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from dashboard.opendata.licence import LICENCE_ID, LICENCE_TITLE, LICENCE_URL

PACKAGE_NAME = "latvia-regional-remigration-support"


def table_schema_field(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A Table Schema field for a column described by a JSON Schema in the OpenAPI document.

    JSON's ``null`` and the CSV's empty cell are both "missing" to Table Schema, so a nullable
    type is its non-null type; an enum's empty or null member is dropped for the same reason.
    """
    kinds = schema.get("type", "string")
    kind = next(k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null")
    fmt = schema.get("format")
    if kind == "string" and fmt in {"date", "date-time"}:
        kind = "date" if fmt == "date" else "datetime"
    field: dict[str, Any] = {"name": name, "type": kind}
    if kind == "string" and fmt == "email":
        field["format"] = "email"
    if schema.get("description"):
        field["description"] = schema["description"]
    constraints = {}
    enum = [v for v in schema.get("enum", []) if v not in ("", None)]
    if enum:
        constraints["enum"] = enum
    for bound in ("minimum", "maximum"):
        if bound in schema:
            constraints[bound] = schema[bound]
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(
    json_schema: dict[str, Any],
    primary_key: list[str],
    foreign_keys: Iterable[tuple[list[str], str, list[str]]] = (),
) -> dict[str, Any]:
    """The Table Schema of a CSV whose rows the OpenAPI document describes as ``json_schema``
    (an object whose ``required`` list is the CSV header in order)."""
    properties = json_schema["properties"]
    return {
        "fields": [table_schema_field(c, properties[c]) for c in json_schema["required"]],
        "missingValues": [""],
        "primaryKey": primary_key,
        "foreignKeys": [
            {"fields": fields, "reference": {"resource": resource, "fields": target}}
            for fields, resource, target in foreign_keys
        ],
    }


def _resource(
    name: str, title: str, path: str, description: str, schema: dict[str, Any]
) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "description": description,
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
        "licenses": [_licence()],
    }


def _licence() -> dict[str, str]:
    return {"name": LICENCE_ID, "path": LICENCE_URL, "title": LICENCE_TITLE}


def data_package(
    schemas: dict[str, dict[str, Any]],
    absolute: Callable[[str], str],
    sources: Iterable[tuple[str, str]],
    modified: dt.datetime | None,
    licence_text: str,
) -> dict[str, Any]:
    """The package descriptor.

    ``schemas``: the OpenAPI row schemas by resource (observations, measures, geographies,
    releases, regions, contacts, funding); ``absolute``: a path on this site; ``sources``:
    (title, url) of every original publisher in the data; ``modified``: the last release.
    """
    observations = table_schema(
        schemas["observations"],
        ["geo_level", "geo_code", "division", "period", "measure"],
        [
            (["measure"], "measures", ["code"]),
            (
                ["geo_level", "geo_code", "division"],
                "geographies",
                ["geo_level", "code", "division"],
            ),
            (["region"], "regions", ["code"]),
            (["release"], "releases", ["number"]),
        ],
    )
    for field in observations["fields"]:
        if field["name"] == "value":
            field["description"] = (
                "The figure, a whole number in the row's `unit` (each measure has one unit: see "
                "the measures resource). Never add values of different measures, geography "
                "levels or overlapping periods."
            )
    csv = "?format=csv"
    package: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": "Latvia's regional remigration support: published figures",
        "description": (
            "Figures of Latvia's regional remigration-support programme as their publishers "
            "stated them (families and people who returned with a coordinator's help, offers, "
            "grants, targets and more) for Latvia, its planning regions and municipalities, "
            "each with its source and the release that published it. " + licence_text
        ),
        "homepage": absolute("/data"),
        "keywords": ["remigration", "Latvia", "planning regions", "return migration"],
        "licenses": [_licence()],
        "sources": [
            {"title": title, "path": url} if url else {"title": title} for title, url in sources
        ],
        "resources": [
            _resource(
                "observations",
                "Observations",
                absolute(f"/api/v1/observations{csv}"),
                "The tidy dataset: one row per geography, period and measure (the preferred "
                "source's value); labels in Latvian.",
                observations,
            ),
            _resource(
                "measures",
                "Measures",
                absolute(f"/api/v1/measures{csv}"),
                "What is counted, in which unit, and how it is defined.",
                table_schema(schemas["measures"], ["code"]),
            ),
            _resource(
                "geographies",
                "Geographies",
                absolute(f"/api/v1/geographies{csv}"),
                "Latvia, the planning regions and the municipalities of the 2009 and 2021 "
                "divisions (a municipality is its code and division together).",
                table_schema(
                    schemas["geographies"],
                    ["geo_level", "code", "division"],
                    [(["region"], "regions", ["code"])],
                ),
            ),
            _resource(
                "regions",
                "Planning regions",
                absolute(f"/api/v1/regions{csv}"),
                "The five planning regions.",
                table_schema(schemas["regions"], ["code"]),
            ),
            _resource(
                "releases",
                "Releases",
                absolute(f"/api/v1/releases{csv}"),
                "Every release of figures, newest first, with its status.",
                table_schema(schemas["releases"], ["number"]),
            ),
            _resource(
                "contacts",
                "Contacts",
                absolute(f"/api/v1/contacts{csv}"),
                "The public contact directory of regional remigration coordinators.",
                table_schema(schemas["contacts"], ["code"], [(["region"], "regions", ["code"])]),
            ),
            _resource(
                "funding",
                "Funding",
                absolute(f"/api/v1/funding{csv}"),
                "Funding totals and their parts, in euro.",
                table_schema(schemas["funding"], ["code"], [(["parent"], "funding", ["code"])]),
            ),
        ],
    }
    if modified is not None:
        package["version"] = modified.replace(microsecond=0).isoformat() + "Z"
    return package
