"""``/api/v1/catalog.jsonld`` and ``/api/v1/catalog.ttl``: the DCAT-AP catalogue record.

What an open-data portal's harvester (data.gov.lv runs CKAN with ckanext-dcat) reads to list
the dataset: the record is built by ``dashboard/opendata/catalog.py`` from the query layer, with
every address on this site's own origin (``SITE_URL``, never the request's ``Host``). The
blueprint adds ``ETag``, ``Last-Modified`` and CORS, so a harvester can revalidate cheaply.
"""

from __future__ import annotations

from typing import Any

from flask import Response

from dashboard import queries
from dashboard.api.v1 import bp, params, schemas
from dashboard.opendata.catalog import catalog_document, catalog_jsonld, catalog_turtle
from dashboard.queries.coverage import temporal_coverage
from dashboard.web.site import site_url

JSONLD_MIMETYPE = "application/ld+json"
TURTLE_CONTENT_TYPE = "text/turtle; charset=utf-8"


def _document() -> dict[str, Any]:
    return catalog_document(
        site=site_url(),
        releases=queries.releases(),
        temporal=temporal_coverage(),
        modified=queries.last_modified(),
    )


@bp.get("/catalog.jsonld")
def catalog_jsonld_record() -> Response:
    """The DCAT-AP record as JSON-LD, its ``@context`` inline."""
    params.only()
    return Response(catalog_jsonld(_document()), mimetype=JSONLD_MIMETYPE)


@bp.get("/catalog.ttl")
def catalog_turtle_record() -> Response:
    """The same record as Turtle."""
    params.only()
    return Response(catalog_turtle(_document()), content_type=TURTLE_CONTENT_TYPE)


def _responses(media_type: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    """The answers of one serialisation (as every resource gives them)."""
    return schemas.answers({media_type: {"schema": schema}}, description)


def openapi_paths() -> dict[str, Any]:
    """This module's entries in the OpenAPI document's ``paths``."""
    return {
        "/api/v1/catalog.jsonld": {
            "get": {
                "operationId": "getCatalogJsonLd",
                "summary": (
                    "DCAT-AP catalogue record of the open data as JSON-LD (inline @context): "
                    "the dataset, its distributions, publisher, contact point, licence, "
                    "temporal and spatial coverage, for open-data portals to harvest."
                ),
                "parameters": [],
                "responses": _responses(
                    JSONLD_MIMETYPE, {"type": "object"}, "DCAT-AP record (JSON-LD)."
                ),
            }
        },
        "/api/v1/catalog.ttl": {
            "get": {
                "operationId": "getCatalogTurtle",
                "summary": "The same DCAT-AP catalogue record as Turtle.",
                "parameters": [],
                "responses": _responses(
                    "text/turtle", {"type": "string"}, "DCAT-AP record (Turtle)."
                ),
            }
        },
    }
