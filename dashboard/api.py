"""Open-data HTTP API (``/api/v1``), a Flask blueprint over the same query layer as the pages.

Parameters are validated strictly: anything unknown or malformed gets HTTP 400 with a message
naming the parameter, never a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, Response, jsonify, request

from dashboard import queries
from dashboard.exports import FUNDING_COLUMNS, funding_records, tidy_records, to_csv, to_json
from dashboard.openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")

CACHE_CONTROL = "public, max-age=60, must-revalidate"

_CODE_LIST = re.compile(r"[a-z0-9_]+(,[a-z0-9_]+)*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

OBSERVATION_PARAMS = {"format", "region", "metric", "from", "to", "release", "lang"}


class BadRequest(ValueError):
    """A parameter failed validation; the message is shown to the client."""


class NotFound(LookupError):
    """A well-formed parameter names something that does not exist (e.g. a release number)."""


@bp.after_request
def _http_caching(response: Response) -> Response:
    """Open for any origin (GET only); ETag and Last-Modified so clients can revalidate."""
    response.headers["Access-Control-Allow-Origin"] = "*"
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


def _codes(name: str, allowed: set[str]) -> tuple[str, ...]:
    raw = request.args.getlist(name)
    # Exactly what the OpenAPI document's pattern admits: codes joined by commas, or nothing
    # (the same as leaving the parameter out).
    malformed = [value for value in raw if value and not _CODE_LIST.fullmatch(value)]
    if malformed:
        raise BadRequest(
            f"{name} must be one or more codes separated by commas, got {malformed[0]!r}"
        )
    codes = [c for value in raw for c in value.split(",") if c]
    unknown = sorted(set(codes) - allowed)
    if unknown:
        raise BadRequest(
            f"unknown {name}: {', '.join(unknown)}; expected one or more of "
            f"{', '.join(sorted(allowed))}"
        )
    return tuple(dict.fromkeys(codes))


def _date(name: str) -> dt.date | None:
    value = request.args.get(name)
    if not value:
        return None  # empty: the same as leaving the parameter out
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)  # fromisoformat would also take "20190101" or "2019-W01"
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def _only(*allowed: str) -> None:
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise BadRequest(
            f"unknown parameter(s): {', '.join(unknown)}; allowed: {', '.join(allowed)}"
        )


def _format(default: str = "json") -> str:
    fmt = request.args.get("format", default)
    if fmt not in {"json", "csv"}:
        raise BadRequest(f"format must be 'json' or 'csv', got {fmt!r}")
    return fmt


def _lang() -> str:
    lang = request.args.get("lang", "lv")
    if lang not in {"lv", "en"}:
        raise BadRequest(f"lang must be 'lv' or 'en', got {lang!r}")
    return lang


def parse_observation_filter() -> queries.ObservationFilter:
    unknown = sorted(set(request.args) - OBSERVATION_PARAMS)
    if unknown:
        raise BadRequest(
            f"unknown parameter(s): {', '.join(unknown)}; allowed: "
            f"{', '.join(sorted(OBSERVATION_PARAMS))}"
        )
    regions = _codes("region", {r["code"] for r in queries.regions()})
    metrics = _codes("metric", {m["code"] for m in queries.metrics()})
    # A range that ends before it starts is valid and holds nothing: OpenAPI cannot describe a
    # rule between two parameters, and the document must say exactly what is accepted.
    date_from, date_to = _date("from"), _date("to")
    release: int | None = None
    raw_release = request.args.get("release")
    if raw_release:
        if not re.fullmatch(r"[1-9][0-9]{0,8}", raw_release):
            raise BadRequest(f"release must be a positive integer, got {raw_release!r}")
        release = int(raw_release)
        if release not in {r["number"] for r in queries.releases()}:
            raise NotFound(f"release {release} does not exist; see /api/v1/releases")
    return queries.ObservationFilter(
        regions=regions, metrics=metrics, date_from=date_from, date_to=date_to, release=release
    )


def _respond(records: list[dict[str, Any]], fmt: str, filename: str) -> Response:
    if fmt == "csv":
        return Response(
            to_csv(records),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
        )
    return Response(to_json(records), mimetype="application/json")


@bp.get("/observations")
def observations() -> Response:
    """The tidy dataset: one row per period × region × metric."""
    fmt = _format()
    lang = _lang()
    flt = parse_observation_filter()
    records = tidy_records(queries.observation_rows(flt), lang)
    return _respond(records, fmt, "remigration-observations")


@bp.get("/releases")
def releases() -> Response:
    """Every release: number, status, when and by whom, and where to get it as published."""
    _only("format")
    fmt = _format()
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
    if fmt == "csv":
        columns = list(records[0]) if records else ["number"]
        return Response(
            to_csv(records, columns),
            mimetype="text/csv",
            headers={"Content-Disposition": 'attachment; filename="remigration-releases.csv"'},
        )
    return Response(to_json(records), mimetype="application/json")


def _table_response(records: list[dict[str, Any]], columns: list[str], name: str) -> Response:
    if _format() == "csv":
        return Response(
            to_csv(records, columns),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="remigration-{name}.csv"'},
        )
    return Response(to_json(records), mimetype="application/json")


@bp.get("/regions")
def regions() -> Response:
    """The five planning regions with their Latvian and English names."""
    _only("format")
    columns = ["code", "name_lv", "name_en", "long_name_lv", "long_name_en"]
    records = [{c: r[c] for c in columns} for r in queries.regions()]
    return _table_response(records, columns, "regions")


@bp.get("/metrics")
def metrics() -> Response:
    """What is counted, in which unit, and how it is defined."""
    _only("format")
    columns = [
        "code",
        "name_lv",
        "name_en",
        "unit",
        "unit_lv",
        "unit_en",
        "definition_lv",
        "definition_en",
    ]
    records = [
        {**{c: r[c] for c in columns if c != "unit"}, "unit": r["unit_code"]}
        for r in queries.metrics()
    ]
    return _table_response(records, columns, "metrics")


CONTACT_COLUMNS = [
    "code",
    "name",
    "role_lv",
    "role_en",
    "organisation",
    "region",
    "municipality",
    "municipality_name",
    "email",
    "phone",
    "verified_on",
]


@bp.get("/contacts")
def contacts() -> Response:
    """The public directory: active contacts, public fields only (no notes, no status)."""
    _only("format", "region")
    region = request.args.get("region")
    known = {r["code"] for r in queries.regions()}
    if region and region not in known:
        raise BadRequest(f"unknown region: {region}; expected one of {', '.join(sorted(known))}")
    records = []
    for c in queries.contacts(active_only=True):
        if region and (c.get("region") or {}).get("code") != region:
            continue
        records.append(
            {
                "code": c["code"],
                "name": c["name"],
                "role_lv": c["role_lv"],
                "role_en": c["role_en"],
                "organisation": c["organisation"],
                "region": (c.get("region") or {}).get("code"),
                "municipality": (c.get("municipality") or {}).get("code"),
                "municipality_name": (c.get("municipality") or {}).get("name_lv"),
                "email": c.get("email"),
                "phone": c.get("phone"),
                "verified_on": c["verified_on"].isoformat() if c.get("verified_on") else None,
            }
        )
    return _table_response(records, CONTACT_COLUMNS, "contacts")


@bp.get("/funding")
def funding() -> Response:
    """Funding totals and parts; a part published only as a share gets its computed amount."""
    _only("format")
    records = funding_records(queries.funding())
    return _table_response(records, FUNDING_COLUMNS, "funding")


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 description of this API."""
    _only()
    return jsonify(openapi_document())
