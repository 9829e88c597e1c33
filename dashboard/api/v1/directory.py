"""``/api/v1/contacts`` and ``/api/v1/funding``: the directory and the funding table."""

from __future__ import annotations

from flask import Response, request

from dashboard import queries
from dashboard.api.v1 import bp, params
from dashboard.api.v1.params import BadRequest
from dashboard.exports import CONTACT_COLUMNS, FUNDING_COLUMNS, contact_records, funding_records


@bp.get("/contacts")
def contacts() -> Response:
    """The public directory: active contacts, public fields only (no notes, no status)."""
    params.only("format", "region")
    region = request.args.get("region")
    known = {r["code"] for r in queries.regions()}
    if region and region not in known:
        raise BadRequest(f"unknown region: {region}; expected one of {', '.join(sorted(known))}")
    entries = [
        c
        for c in queries.contacts(active_only=True)
        if not region or (c.get("region") or {}).get("code") == region
    ]
    return params.table_response(contact_records(entries), CONTACT_COLUMNS, "contacts")


@bp.get("/funding")
def funding() -> Response:
    """Funding totals and parts; a part published only as a share gets its computed amount."""
    params.only("format")
    return params.table_response(funding_records(queries.funding()), FUNDING_COLUMNS, "funding")
