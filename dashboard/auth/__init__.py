"""Accounts, sessions, API tokens, sign-in limits and the one guard every admin route and
callback goes through.

``accounts`` (users, password hashing, the constant dummy hash, ending an account's sessions),
``tokens`` (API tokens: create, list, revoke, expiry, last use), ``sessions`` (Flask-Login,
session start, idle and absolute expiry), ``limits`` (Flask-Limiter: per address and per account,
the 429 answer), ``views`` (the ``auth`` blueprint: ``/login`` and ``/logout``) and ``guard``
(roles, CSRF, the admin-route and admin-callback guard). Each module's docstring says what it
guarantees. The names other code uses are re-exported here, so callers import from
``dashboard.auth``; tests move session time through ``dashboard.auth.sessions.clock``.
"""

from flask import Flask

from dashboard.auth import guard, limits, sessions, views
from dashboard.auth.accounts import (
    DUMMY_PASSWORD_HASH,
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    ROLES,
    SessionUser,
    authenticate,
    create_user,
    end_sessions,
    hash_password,
    set_active,
    set_password,
)
from dashboard.auth.guard import (
    ADMIN_COMPONENT_PREFIX,
    CSRF_COOKIE,
    check_csrf,
    require_role,
)
from dashboard.auth.sessions import current_account
from dashboard.auth.tokens import (
    TOKEN_MAX_DAYS,
    create_token,
    hash_token,
    list_tokens,
    revoke_token,
    user_from_token,
)
from dashboard.config import Config

__all__ = [
    "ADMIN_COMPONENT_PREFIX",
    "CSRF_COOKIE",
    "DUMMY_PASSWORD_HASH",
    "PASSWORD_MAX_LENGTH",
    "PASSWORD_MIN_LENGTH",
    "ROLES",
    "TOKEN_MAX_DAYS",
    "SessionUser",
    "authenticate",
    "check_csrf",
    "create_token",
    "create_user",
    "current_account",
    "end_sessions",
    "hash_password",
    "hash_token",
    "init_app",
    "list_tokens",
    "require_role",
    "revoke_token",
    "set_active",
    "set_password",
    "user_from_token",
]


def init_app(server: Flask, config: Config) -> None:
    """Wire the pieces onto ``server``, in the order their ``before_request`` hooks must run:
    the limiter's check, then the session lifetime (which may sign the request out), then the
    admin guard (which then sees the request as signed out, and says why)."""
    guard.init_csrf(server)
    limiter = limits.init_app(server, config)
    sessions.init_app(server, config)
    guard.init_app(server)
    server.register_blueprint(views.blueprint(limits.sign_in_limits(limiter, config)))
