"""Admin HTTP API for the measures registry (``/admin/api/measures``).

Authentication as in :mod:`dashboard.api.admin` (a session with ``X-CSRFToken``, or
``Authorization: Bearer <token>``): anonymous → 401, staff may list but not change (403). A bad
field is 400 with every field's message in Latvian and English (``errors``); a code that is taken,
or a field that stored figures lock, is 409; an unknown measure 404. The same service functions
as the admin page and the CLI, so the checks and the audit trail are the same.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from dashboard import queries
from dashboard.api.admin import guard
from dashboard.auth import require_role
from dashboard.services import (
    Actor,
    ServiceError,
    add_measure,
    delete_measure,
    update_measure,
)
from dashboard.services.measures import MEASURE_FIELDS

bp = Blueprint("admin_measures_api", __name__, url_prefix="/admin/api")

# What a measure looks like in answers: its fields, the unit words, and its published figures.
MEASURE_JSON_FIELDS = (*MEASURE_FIELDS, "unit_lv", "unit_en", "sort_order")


def _actor(role: str) -> Actor:
    user = require_role(role)
    return Actor(username=user.username, role=user.role)


guard(bp)


def _measure_json(code: str) -> dict[str, Any] | None:
    measure = next((x for x in queries.metrics() if x["code"] == code), None)
    if measure is None:
        return None
    return {
        **{field: measure[field] for field in MEASURE_JSON_FIELDS},
        "published_figures": queries.metric_figures().get(code, 0),
    }


def _body() -> dict[str, Any] | tuple[Response, int]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        error = ServiceError.translated(
            "bad_request", "The request body must be a JSON object of the measure's fields."
        )
        return jsonify(error.to_dict()), 400
    return body


@bp.get("/measures")
def list_measures() -> Response:
    """Every measure (staff may read it)."""
    figures = queries.metric_figures()
    return jsonify(
        [
            {
                **{field: x[field] for field in MEASURE_JSON_FIELDS},
                "published_figures": figures.get(x["code"], 0),
            }
            for x in queries.metrics()
        ]
    )


@bp.post("/measures")
def create_measure() -> tuple[Response, int]:
    actor = _actor("admin")
    body = _body()
    if isinstance(body, tuple):
        return body
    code = add_measure(actor, body)
    return jsonify(measure=_measure_json(code)), 201


@bp.patch("/measures/<code>")
def change_measure(code: str) -> tuple[Response, int]:
    actor = _actor("admin")
    body = _body()
    if isinstance(body, tuple):
        return body
    saved = update_measure(actor, code, body)
    return jsonify(measure=_measure_json(saved)), 200


@bp.delete("/measures/<code>")
def remove_measure(code: str) -> tuple[Response, int]:
    actor = _actor("admin")
    delete_measure(actor, code)
    return jsonify(deleted=code), 200
