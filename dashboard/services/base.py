"""What every write shares: who acts, how a refusal is told, and how writers are serialised.

Each service function takes the acting account (an :class:`Actor`) and checks its role itself,
so the admin page, the admin HTTP API and the CLI share one permission check and one audit
trail. Each runs in one database transaction: a failed or interrupted step leaves the database
exactly as it was, and the audit row is written in the same transaction as the change it
records (a refused action is audited in its own transaction). Functions that read and then write
what they read use a write session (``Database.session(write=True)``) and :func:`lock_content`,
so concurrent admins are served one after the other; a race one of them loses anyway is a
:class:`ServiceError`, never a database error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import g, has_request_context
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden

from dashboard.audit import audit
from dashboard.db import models as m
from dashboard.i18n import t

ROLES = ("staff", "admin")


# Integer columns (ids, release numbers) are 32-bit on PostgreSQL; anything outside cannot name a
# row, and sending it to the database is an error there (and an OverflowError in sqlite3).
DB_INT_MIN, DB_INT_MAX = -(2**31), 2**31 - 1

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, an API token's owner, or the CLI operator."""

    username: str
    role: str

    def require(self, role: str) -> None:
        if ROLES.index(self.role) < ROLES.index(role):
            raise Forbidden(f"{self.username} ({self.role}) may not do this; {role} required")


class ServiceError(ValueError):
    """The request was understood but cannot be carried out; the message says why (LV / EN).

    Raise it with :meth:`translated` and an English message from the catalogues; the plain
    constructor takes both texts as they are.
    """

    def __init__(self, code: str, message_lv: str, message_en: str, **extra: Any) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_lv = message_lv
        self.message_en = message_en
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": self.code,
            "message_lv": self.message_lv,
            "message_en": self.message_en,
            **self.extra,
        }

    @classmethod
    def translated(
        cls, code: str, message: str, values: dict[str, Any] | None = None, **extra: Any
    ) -> ServiceError:
        """An error whose messages are ``message`` (English, in the catalogues) in Latvian and
        English, with ``values`` filled in; ``extra`` goes into the API's answer."""
        values = values or {}
        return cls(code, t(message, "lv", **values), t(message, "en", **values), **extra)


def db_int(value: Any) -> int | None:
    """``value`` as an integer the database can compare with its id columns, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if DB_INT_MIN <= value <= DB_INT_MAX else None


_SQLSTATE_CONTENTION = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
}


def lost_race(exc: sa.exc.DBAPIError) -> str | None:
    """``"conflict"`` when another transaction won a race (unique row written first, deadlock,
    serialisation failure), ``"busy"`` when SQLite's write lock was not free within the busy
    timeout; ``None`` for anything else (an outage or a bug must not pass for contention)."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    text = str(exc.orig).lower()
    if isinstance(exc, sa.exc.IntegrityError):
        return "conflict" if sqlstate == "23505" or "unique constraint failed" in text else None
    if isinstance(exc, sa.exc.OperationalError):
        if sqlstate in _SQLSTATE_CONTENTION:
            return "conflict"
        if sqlstate is None and ("database is locked" in text or "database is busy" in text):
            return "busy"
    return None


@contextmanager
def contention_as_conflict() -> Iterator[None]:
    """Turn a lost race between concurrent writers into a clean :class:`ServiceError` (HTTP 409
    through the admin API, an alert on the admin page); nothing was written by the loser."""
    try:
        yield
    except (sa.exc.IntegrityError, sa.exc.OperationalError) as exc:
        kind = lost_race(exc)
        if kind is None:
            raise
        if kind == "busy":
            raise ServiceError.translated(
                kind,
                "The database is busy with another publication, so nothing "
                "was changed. Try again in a moment.",
            ) from exc
        raise ServiceError.translated(
            kind,
            "Another administrator changed the published data at the "
            "same moment, so nothing was changed. Reload the page and "
            "try again.",
        ) from exc


def audit_refusal(actor: str, action: str, target: str, code: str) -> None:
    """Audit a refused action in its own transaction; a database too busy to take the audit row
    must not turn the clean refusal into an error (the refusal is logged instead)."""
    try:
        audit(actor, action, target, "refused", {"error": code})
    except sa.exc.OperationalError as exc:
        if lost_race(exc) is None:
            raise
        log.warning("audit of refused %s %s by %s not written: %s", action, target, actor, exc)


def bump_revision(session: Session) -> None:
    """Invalidate every cached view (see queries.data_version)."""
    revision = session.get(m.Revision, 1, with_for_update=True)
    if revision is None:
        session.add(m.Revision(id=1, value=1, updated_at=m.utcnow()))
    else:
        revision.value += 1
        revision.updated_at = m.utcnow()
    if has_request_context():
        g.pop("remigration_data_version", None)


def lock_content(session: Session) -> None:
    """Serialise writers of published content (publish, rollback, directory and funding edits):
    the revision row is locked until the transaction ends.

    On PostgreSQL this is a row lock (SELECT … FOR UPDATE); on SQLite the write session already
    holds the database's write lock (``BEGIN IMMEDIATE``). ``init-db`` creates the row with the
    seed; should it ever be missing, it is created here, and of two publishers creating it at
    once the second fails on its primary key and is answered with a clean conflict.
    """
    if session.get(m.Revision, 1, with_for_update=True) is None:
        session.add(m.Revision(id=1, value=1, updated_at=m.utcnow()))
        session.flush()
