"""Accounts: who may sign in, with which password and role, and how their sessions are ended.

* Passwords are werkzeug scrypt hashes. Every sign-in attempt costs exactly one scrypt
  verification (unknown names and inactive accounts are checked against
  :data:`DUMMY_PASSWORD_HASH`), so timing does not tell which names exist.
* Each account carries a ``session_generation``; a session names it (see
  :meth:`SessionUser.get_id`), so bumping it (:func:`end_sessions`) ends every session of the
  account on every worker and host at once, although the session itself is a signed cookie.

The functions that change accounts take the caller's database session and only flush, so the
CLI commands that call them decide when their change (and its audit entry) is committed.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.db import models as m
from dashboard.db.session import get_db

ROLES = ("staff", "admin")  # ascending privilege
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 1024  # the sign-in form reads no more than this
USERNAME_MAX_LENGTH = 64
# "Last seen" (session cookie) and a token's last_used_at (database row) are rewritten at most
# this often, so an active reader does not get a new cookie, nor the database a write, per request.
TOUCH_SECONDS = 60
# What unknown names and inactive accounts are checked against, so that every sign-in attempt
# costs one scrypt verification. Made once with hash_password (werkzeug's scrypt defaults, which
# a unit test compares with hash_password's) from a random password nobody kept.
DUMMY_PASSWORD_HASH = (
    "scrypt:32768:8:1$4uqVpRiPnciUroxZ$b796222b89d8ca6871375d6375eea91f82da8a0c52283bafb3acbb053ab"
    "f9215dcc0f0fbcfeee40328ddf4fc590ac71d5c2c6e7888377b5c4f1ba94240302038"
)


class SessionUser(UserMixin):
    """What Flask-Login keeps for a request: a detached snapshot of the account, so no request
    holds a database session open just to know who is asking."""

    def __init__(
        self,
        user_id: int,
        username: str,
        role: str,
        via_token: bool = False,
        generation: int = 0,
    ) -> None:
        self.id = user_id
        self.username = username
        self.role = role
        self.via_token = via_token
        self.generation = generation

    def get_id(self) -> str:
        """Flask-Login's alternative id: the session names the account *and* its generation."""
        return f"{self.id}:{self.generation}"

    def has_role(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def snapshot(user: m.User, via_token: bool = False) -> SessionUser:
    """The request's view of ``user``, taken while its database session is still open."""
    return SessionUser(user.id, user.username, user.role, via_token, user.session_generation)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def authenticate(username: str, password: str) -> SessionUser | None:
    """The account if the password is right and the account active; one scrypt check always."""
    with get_db().session() as session:
        user = session.scalar(sa.select(m.User).where(m.User.username == username))
        stored = user.password_hash if user is not None else DUMMY_PASSWORD_HASH
        if check_password_hash(stored, password) and user is not None and user.active:
            return snapshot(user)
    return None


def check_password_length(password: str) -> None:
    """Refuse a password too short to resist guessing or longer than the form would read."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValueError(f"password must be at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValueError(f"password must be at most {PASSWORD_MAX_LENGTH} characters")


def find_user(session: Any, username: str) -> m.User:
    """The account named ``username``; a ValueError (the CLI's message) when there is none."""
    user = session.scalar(sa.select(m.User).where(m.User.username == username))
    if user is None:
        raise ValueError(f"no user {username!r}")
    return user


def create_user(session: Any, username: str, password: str, role: str) -> m.User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if (
        not username
        or len(username) > USERNAME_MAX_LENGTH
        or not username.replace("-", "").replace("_", "").replace(".", "").isalnum()
    ):
        raise ValueError("username: 1–64 letters, digits, '.', '-' or '_'")
    check_password_length(password)
    if session.scalar(sa.select(m.User).where(m.User.username == username)) is not None:
        raise ValueError(f"user {username!r} already exists")
    user = m.User(username=username, password_hash=hash_password(password), role=role)
    session.add(user)
    session.flush()
    return user


def end_sessions(session: Any, user: m.User) -> None:
    """End every session of ``user``, wherever it was issued (see the module docstring)."""
    user.session_generation = m.User.session_generation + 1  # atomic in SQL
    session.flush()


def set_password(session: Any, username: str, password: str) -> m.User:
    """Change a password; every session of the account ends."""
    check_password_length(password)
    user = find_user(session, username)
    user.password_hash = hash_password(password)
    user.password_changed_at = m.utcnow()
    end_sessions(session, user)
    return user


def set_active(session: Any, username: str, active: bool) -> bool:
    """(De)activate an account; deactivation ends its sessions. False if nothing changed."""
    user = find_user(session, username)
    if user.active == active:
        return False
    user.active = active
    if not active:
        end_sessions(session, user)
    session.flush()
    return True
