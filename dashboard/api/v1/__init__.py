"""Open-data HTTP API (``/api/v1``): one Flask blueprint, one module per resource.

Parameters are validated strictly (``params.py``): anything unknown or malformed gets HTTP 400
with a message naming the parameter, never a 500, and the OpenAPI document (``openapi.py``) says
exactly what is accepted.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, jsonify, request

from dashboard import queries
from dashboard.api.v1.params import BadRequest, NotFound
from dashboard.opendata.licence import LICENCE_LINK_HEADER

bp = Blueprint("api", __name__, url_prefix="/api/v1")

CACHE_CONTROL = "public, max-age=60, must-revalidate"


@bp.after_request
def _http_caching(response: Response) -> Response:
    """Open for any origin (GET only); ETag and Last-Modified so clients can revalidate; the
    licence of what it serves (RFC 8288 ``Link``)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.add("Link", LICENCE_LINK_HEADER)
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Vary"] = "Accept-Encoding"
    if request.method in {"GET", "HEAD"} and response.status_code == 200:
        modified = queries.last_modified()
        if modified is not None:
            response.last_modified = modified.replace(tzinfo=dt.UTC, microsecond=0)
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.add_etag()
        response.make_conditional(request)
    return response


@bp.errorhandler(BadRequest)
def _bad_request(error: BadRequest) -> tuple[Response, int]:
    return jsonify(error="bad_request", message=str(error)), 400


@bp.errorhandler(NotFound)
def _not_found(error: NotFound) -> tuple[Response, int]:
    return jsonify(error="not_found", message=str(error.args[0])), 404


# The resources register their routes on ``bp`` when imported.
from dashboard.api.v1 import (  # noqa: E402
    catalog,
    datapackage,
    directory,
    feed,
    observations,
    openapi,
    reference,
)

__all__ = [
    "bp",
    "catalog",
    "datapackage",
    "directory",
    "feed",
    "observations",
    "openapi",
    "reference",
]
