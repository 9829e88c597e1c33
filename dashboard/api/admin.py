"""Admin HTTP API (``/admin/api``): the same service layer as the admin page.

Authentication: a signed-in session (plus the CSRF token in ``X-CSRFToken``) or
``Authorization: Bearer <token>``. Anonymous → 401, staff on a change → 403, nothing changes.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from dashboard.auth import check_csrf, require_role
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.conflicts import conflicts
from dashboard.services import (
    Actor,
    FieldError,
    ServiceError,
    db_int,
    publish_upload,
    rollback_release,
    stage_upload,
)
from dashboard.services.preference import choose_preferred, clear_preferred

bp = Blueprint("admin_api", __name__, url_prefix="/admin/api")


def _actor(role: str) -> Actor:
    user = require_role(role)
    return Actor(username=user.username, role=user.role)


def _flag(name: str) -> bool:
    value = request.args.get(name) or request.form.get(name) or ""
    if not value and request.is_json:
        value = str((request.get_json(silent=True) or {}).get(name, ""))
    return value.strip().lower() in {"1", "true", "yes", "on"}


def authenticate() -> None:
    """Every admin API request: a signed-in staff member or token; CSRF on session writes."""
    require_role("staff")
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        check_csrf()


def http_error(error: HTTPException) -> tuple[Response, int]:
    return jsonify(error=error.name.lower().replace(" ", "_"), message=error.description), (
        error.code or 500
    )


def service_error(error: ServiceError) -> tuple[Response, int]:
    """A refusal as JSON: 404 for something that does not exist, 400 for a bad field, 409 for
    everything else (a duplicate, a locked field, a lost race, a stale upload)."""
    if error.code == "not_found":
        status = 404
    elif isinstance(error, FieldError) and error.code == "invalid_field":
        status = 400
    else:
        status = 409
    return jsonify(error.to_dict()), status


def guard(blueprint: Blueprint) -> None:
    """The admin API's authentication and error answers on ``blueprint`` (this one, and the
    measures endpoints' own)."""
    blueprint.before_request(authenticate)
    blueprint.register_error_handler(HTTPException, http_error)
    blueprint.register_error_handler(ServiceError, service_error)


guard(bp)


def _release_json(release: m.Release) -> dict[str, Any]:
    return {
        "number": release.number,
        "status": release.status,
        "published_at": release.published_at.isoformat() + "Z",
        "published_by": release.published_by,
        "file_name": release.file_name,
        "file_sha256": release.file_sha256,
        "rolled_back_at": release.rolled_back_at.isoformat() + "Z"
        if release.rolled_back_at
        else None,
    }


@bp.post("/uploads")
def create_upload() -> tuple[Response, int]:
    """Validate an uploaded file (multipart field ``file``) and keep it for preview."""
    actor = _actor("admin")
    file = request.files.get("file")
    if file is None or not file.filename:
        return jsonify(error="bad_request", message="multipart field 'file' is required"), 400
    data = file.read()
    upload, report = stage_upload(actor, data, file.filename, replace=_flag("replace"))
    body = {"upload_id": upload.id if upload else None, "report": report.to_dict()}
    if upload is not None:
        body["duplicate_of"] = upload.report.get("duplicate_of")
    return jsonify(body), 201 if report.ok else 422


@bp.get("/uploads")
def list_uploads() -> Response:
    """Upload history (staff may read it)."""
    with get_db().session() as session:
        rows = session.scalars(sa.select(m.Upload).order_by(m.Upload.id.desc()).limit(200))
        return jsonify(
            [
                {
                    "id": u.id,
                    "file_name": u.file_name,
                    "uploaded_by": u.uploaded_by,
                    "uploaded_at": u.uploaded_at.isoformat() + "Z",
                    "status": u.status,
                    "sha256": u.sha256,
                    "size": u.size,
                    "errors": len(u.report.get("errors", [])),
                }
                for u in rows
            ]
        )


@bp.get("/uploads/<int:upload_id>/file")
def upload_file(upload_id: int) -> Response:
    """The original uploaded file, byte for byte (its SHA-256 is in the upload history)."""
    with get_db().session() as session:
        row_id = db_int(upload_id)  # beyond the id column's range: no such upload
        upload = session.get(m.Upload, row_id) if row_id is not None else None
        if upload is None:
            return jsonify(error="not_found", message=f"upload {upload_id} not found"), 404
        return Response(
            upload.content,
            mimetype="application/octet-stream",
            headers={
                "Content-Disposition": f'attachment; filename="upload-{upload.id}-original"',
                "X-Content-SHA256": upload.sha256,
            },
        )


@bp.post("/uploads/<int:upload_id>/publish")
def publish(upload_id: int) -> tuple[Response, int]:
    actor = _actor("admin")
    release = publish_upload(actor, upload_id, replace=_flag("replace"))
    return jsonify(release=_release_json(release)), 201


@bp.post("/releases/<int:number>/rollback")
def rollback(number: int) -> tuple[Response, int]:
    actor = _actor("admin")
    release = rollback_release(actor, number)
    return jsonify(release=_release_json(release)), 200


@bp.get("/audit")
def audit_log() -> Response:
    with get_db().session() as session:
        rows = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc()).limit(500))
        return jsonify(
            [
                {
                    "id": a.id,
                    "at": a.at.isoformat() + "Z",
                    "actor": a.actor,
                    "action": a.action,
                    "target": a.target,
                    "outcome": a.outcome,
                    "detail": a.detail,
                }
                for a in rows
            ]
        )


def _conflict_json(cell: dict[str, Any]) -> dict[str, Any]:
    """A conflicting cell as JSON: dates as ISO strings (``YYYY-MM-DD``)."""
    rows = [
        {**r, "published_on": r["published_on"].isoformat() if r["published_on"] else None}
        for r in cell["rows"]
    ]
    return {**cell, "rows": rows}


@bp.get("/conflicts")
def list_conflicts() -> Response:
    """Cells in effect whose sources disagree, every source's value, the preferred one and why
    (staff may read them)."""
    return jsonify([_conflict_json(c) for c in conflicts()])


@bp.post("/observations/<int:observation_id>/preferred")
def prefer(observation_id: int) -> tuple[Response, int]:
    """Make this figure the value readers see for its cell (audited); 404 if not in effect."""
    actor = _actor("admin")
    return jsonify(choose_preferred(actor, observation_id)), 200


@bp.delete("/observations/<int:observation_id>/preferred")
def return_to_rule(observation_id: int) -> tuple[Response, int]:
    """Return this figure's cell to the preference rule; 409 when no admin chose its value."""
    actor = _actor("admin")
    return jsonify(clear_preferred(actor, observation_id)), 200
