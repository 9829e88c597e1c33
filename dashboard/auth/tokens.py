"""API tokens: how scripts reach the admin API without a browser session.

A token is random, shown once (:func:`create_token` returns it and nothing stores it), kept as
its SHA-256 so a copy of the database authenticates nobody, revocable, and always expiring; it is
sent as ``Authorization: Bearer``. A token request carries no cookie, so it needs no CSRF token
and never becomes a session (see ``sessions``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from dashboard.auth.accounts import TOUCH_SECONDS, SessionUser, find_user, snapshot
from dashboard.db import models as m
from dashboard.db.session import get_db

TOKEN_MAX_DAYS = 3650
TOKEN_PREFIX = "rmg_"  # lets secret scanners and people recognise a leaked token


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_from_token(token: str) -> SessionUser | None:
    """The account behind a bearer token that is neither revoked nor expired."""
    now = m.utcnow()
    with get_db().session() as session:
        row = session.scalar(
            sa.select(m.ApiToken).where(
                m.ApiToken.token_hash == hash_token(token),
                m.ApiToken.revoked_at.is_(None),
                m.ApiToken.expires_at > now,  # NULL (no expiry recorded) is refused too
            )
        )
        if row is None or not row.user.active:
            return None
        user = snapshot(row.user, via_token=True)
        touch = row.last_used_at is None or now - row.last_used_at >= dt.timedelta(
            seconds=TOUCH_SECONDS
        )
        token_id = row.id
    if touch:
        _touch_token(token_id, now)
    return user


def _touch_token(token_id: int, now: dt.datetime) -> None:
    """Record the token's last use, best effort: a busy database (SQLite while a release is
    being published) must not turn an authenticated request into an error."""
    try:
        with get_db().session() as session:
            session.execute(
                sa.update(m.ApiToken).where(m.ApiToken.id == token_id).values(last_used_at=now)
            )
    except sa.exc.OperationalError as error:
        logging.getLogger("dashboard.auth").info(
            "token %s: last use not recorded (%s)", token_id, type(error).__name__
        )


def create_token(session: Any, username: str, name: str, days: int | None = None) -> str:
    """Create an API token for ``username`` and return it (the only time it is visible).

    It expires after ``days`` (default: the app's ``api_token_days``, a year).
    """
    if days is None:
        days = current_app.config["REMIGRATION"].api_token_days
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValueError(f"days must be between 1 and {TOKEN_MAX_DAYS}")
    user = find_user(session, username)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = m.utcnow()
    session.add(
        m.ApiToken(
            user_id=user.id,
            name=name,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
    )
    session.flush()
    return token


def list_tokens(session: Any) -> list[m.ApiToken]:
    """Every API token (revoked and expired ones too), oldest first, with its user loaded."""
    return list(
        session.scalars(
            sa.select(m.ApiToken).options(joinedload(m.ApiToken.user)).order_by(m.ApiToken.id)
        )
    )


def revoke_token(session: Any, token_id: int) -> bool:
    """Revoke a token from now on; False if there is no such token or it was revoked already."""
    row = session.get(m.ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = m.utcnow()
    return True
