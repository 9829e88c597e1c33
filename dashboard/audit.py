"""The audit log: who did what, when, and how it ended."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from dashboard.db import models as m
from dashboard.db.session import get_db


def audit(
    actor: str,
    action: str,
    target: str | None,
    outcome: str,
    detail: dict[str, Any] | None = None,
    session: Session | None = None,
) -> None:
    """Append to the audit log, in ``session``'s transaction or in a new one."""
    entry = m.AuditLog(
        actor=actor[:64], action=action, target=target, outcome=outcome, detail=detail
    )
    if session is not None:
        session.add(entry)
        return
    with get_db().session() as own:
        own.add(entry)
