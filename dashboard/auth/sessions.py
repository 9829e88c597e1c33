"""Signed-in sessions: Flask-Login's setup, when a session starts, and when it ends.

The session is a signed cookie (HttpOnly, SameSite=Lax, Secure in production), so ending it
needs server state: the user id stored in it carries the account's ``session_generation``
(Flask-Login's alternative id), and sign-out, a password change and deactivation bump that
number (``accounts.end_sessions``). Sessions also end after ``session_idle_minutes`` without a
request and ``session_max_hours`` after sign-in, checked on every request by
:func:`enforce_session_lifetime`. Signing in starts a new session (and so a new CSRF token).

Bearer-token requests are recognised here too (:func:`load_user_from_request`), but never
become a session.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from flask import Flask, current_app, g, session
from flask_login import LoginManager, current_user, login_user, logout_user
from werkzeug.exceptions import Unauthorized

from dashboard.auth.accounts import TOUCH_SECONDS, SessionUser, snapshot
from dashboard.auth.tokens import user_from_token
from dashboard.config import Config
from dashboard.db import models as m
from dashboard.db.session import get_db

# Session keys (seconds since the epoch): when the session signed in, and when it was last seen.
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
_ALTERNATIVE_ID_MAX_LENGTH = 40  # two integers and a colon; anything longer was forged


def clock() -> float:
    """Seconds since the epoch; the seam through which tests move session time
    (``monkeypatch.setattr(dashboard.auth.sessions, "clock", ...)``)."""
    return time.time()


def current_account() -> SessionUser | None:
    """The signed-in account (session or bearer token), or None for an anonymous reader."""
    user = current_user
    return user if getattr(user, "is_authenticated", False) else None  # type: ignore[return-value]


def load_session_user(alternative_id: str) -> SessionUser | None:
    """The account a session names, if it is active and its generation is still the same."""
    user_id, _, generation = alternative_id.partition(":")
    if len(alternative_id) > _ALTERNATIVE_ID_MAX_LENGTH or not (
        user_id.isdigit() and generation.isdigit()
    ):
        return None  # also every session issued before generations existed
    with get_db().session() as db_session:
        user = db_session.get(m.User, int(user_id))
        if user is None or not user.active or user.session_generation != int(generation):
            return None
        return snapshot(user)


def load_user_from_request(req: Any) -> SessionUser | None:
    """Flask-Login's request loader: a bearer token, when the request carries one."""
    header = req.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return user_from_token(header[7:].strip())
    return None


def _unauthorized() -> Any:
    """Flask-Login's answer to an anonymous request for a protected view: a plain 401 (pages
    are redirected to ``/login`` by the admin guard, not by Flask-Login)."""
    raise Unauthorized()


def start_session(user: SessionUser) -> None:
    """Sign ``user`` in on a new session, so a session id or CSRF token planted before sign-in
    is worth nothing (Flask-WTF keeps its token in the session and caches it in ``g`` for the
    request)."""
    session.clear()
    g.pop("csrf_token", None)
    login_user(user)
    session[SIGNED_IN_AT] = session[SEEN_AT] = int(clock())


def end_session() -> None:
    """Forget the signed-in account in this request and the cookie it answers with."""
    logout_user()
    session.clear()


def enforce_session_lifetime() -> None:
    """End a session that is idle too long, too old, or no longer valid on the server.

    Runs before the admin guard, so an ended session meets it as a signed-out reader
    (``g.session_ended`` lets it say why). "Last seen" moves at most once a minute.
    """
    if "_user_id" not in session:
        return
    config: Config = current_app.config["REMIGRATION"]
    now = clock()
    signed_in, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    valid = (
        isinstance(signed_in, int)
        and isinstance(seen, int)
        and now - signed_in <= config.session_max_hours * 3600
        and now - seen <= config.session_idle_minutes * 60
    )
    if valid:
        user = current_account()  # None when the generation moved on or it was deactivated
        valid = user is not None and not user.via_token
    if not valid:
        end_session()
        g.session_ended = True
    elif now - seen >= TOUCH_SECONDS:
        session[SEEN_AT] = int(now)


def init_app(server: Flask, config: Config) -> None:
    """Flask-Login on ``server``, and the lifetime check as a ``before_request`` hook (so it
    must be registered before the admin guard's)."""
    server.config.update(
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=config.production,
        # Flask refuses a session cookie signed longer ago than this; the session's own times
        # (enforce_session_lifetime) are what end it after inactivity or at its maximum age.
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=config.session_max_hours),
    )
    login_manager = LoginManager(server)
    login_manager.login_view = None  # we answer 401 ourselves and redirect pages to /login
    login_manager.user_loader(load_session_user)
    login_manager.request_loader(load_user_from_request)
    login_manager.unauthorized_handler(_unauthorized)
    server.before_request(enforce_session_lifetime)
