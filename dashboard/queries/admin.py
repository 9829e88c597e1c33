"""What the admin area reads besides published data: the upload history and the audit log.

Unlike the rest of the read side these are **not** cached under the data version, on purpose.
The data version changes when published content changes (a publish, a rollback, a directory or
funding edit), but these tables change without it: staging a file adds an upload row, and every
action, refused ones and a reader's report included, adds an audit row. Cached by the version,
the History tab would keep showing the log as it was at the last publication. They are small,
bounded (``limit``) and read by signed-in staff only, so they are read fresh on every call.

The releases table of the admin area needs no query of its own: :func:`queries.releases` is
cached by the data version, and every change to a release (published, rolled back) changes that
version. Readers' reports are listed by :func:`dashboard.services.data_reports`, because listing
them checks the role and erases the e-mail addresses whose time is up.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.session import get_db


def uploads(limit: int = 100) -> list[dict[str, Any]]:
    """The latest uploads, newest first, without their content (the file itself can be large;
    the admin API serves it on its own)."""
    with get_db().session() as session:
        rows = session.scalars(sa.select(m.Upload).order_by(m.Upload.id.desc()).limit(limit))
        return [
            {
                "id": u.id,
                "file_name": u.file_name,
                "uploaded_by": u.uploaded_by,
                "uploaded_at": u.uploaded_at,
                "status": u.status,
                "sha256": u.sha256,
                "size": u.size,
                "errors": len((u.report or {}).get("errors", [])),
            }
            for u in rows
        ]


def audit_log(limit: int = 100) -> list[dict[str, Any]]:
    """The latest audit-log entries, newest first."""
    with get_db().session() as session:
        rows = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc()).limit(limit))
        return [
            {
                "id": a.id,
                "at": a.at,
                "actor": a.actor,
                "action": a.action,
                "target": a.target,
                "outcome": a.outcome,
                "detail": a.detail,
            }
            for a in rows
        ]
