"""Accounts, sessions, API tokens and the one guard every admin route and callback goes through.

* Passwords: werkzeug scrypt hashes. Sessions: Flask-Login with HttpOnly, SameSite=Lax cookies
  (Secure in production). Login attempts: rate-limited with Flask-Limiter (Redis-backed when
  ``REDIS_URL`` is set, so the limit holds across workers and hosts).
* API tokens: random, shown once, stored as SHA-256, revocable; sent as ``Authorization: Bearer``.
* CSRF: any state-changing request authenticated by the session cookie must carry the CSRF token
  (form field, or the ``X-CSRFToken`` header, which Dash's renderer sends from the ``_csrf_token``
  cookie). Bearer-token requests carry no cookie and need none.
* A Dash callback is a public HTTP endpoint, so hiding a button protects nothing: callbacks whose
  outputs are admin components (ids starting with ``admin-``) are checked in ``before_request``,
  and every service function that changes data checks the role again (:func:`require_role`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from typing import Any
from urllib.parse import urlparse

import sqlalchemy as sa
from flask import Flask, Response, g, redirect, render_template_string, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf, validate_csrf
from werkzeug.exceptions import Forbidden, Unauthorized
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms.validators import ValidationError

from dashboard.audit import audit
from dashboard.config import Config
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.i18n import t
from dashboard.i18n.context import current_lang

ROLES = ("staff", "admin")  # ascending privilege
ADMIN_COMPONENT_PREFIX = "admin-"
CSRF_COOKIE = "_csrf_token"
LOGIN_LIMIT = "10 per minute;50 per hour"
PASSWORD_MIN_LENGTH = 12


class SessionUser(UserMixin):
    """What Flask-Login keeps for a request: a detached snapshot of the account."""

    def __init__(self, user_id: int, username: str, role: str, via_token: bool = False) -> None:
        self.id = user_id
        self.username = username
        self.role = role
        self.via_token = via_token

    def has_role(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _snapshot(user: m.User, via_token: bool = False) -> SessionUser:
    return SessionUser(user.id, user.username, user.role, via_token)


def authenticate(username: str, password: str) -> SessionUser | None:
    with get_db().session() as session:
        user = session.scalar(sa.select(m.User).where(m.User.username == username))
        # Check a hash even for unknown users so timing does not reveal which names exist.
        stored = user.password_hash if user else hash_password(secrets.token_hex(8))
        if check_password_hash(stored, password) and user is not None and user.active:
            return _snapshot(user)
    return None


def user_from_token(token: str) -> SessionUser | None:
    with get_db().session() as session:
        row = session.scalar(
            sa.select(m.ApiToken).where(
                m.ApiToken.token_hash == hash_token(token), m.ApiToken.revoked_at.is_(None)
            )
        )
        if row is None or not row.user.active:
            return None
        row.last_used_at = m.utcnow()
        return _snapshot(row.user, via_token=True)


def current_account() -> SessionUser | None:
    user = current_user
    return user if getattr(user, "is_authenticated", False) else None  # type: ignore[return-value]


def require_role(role: str) -> SessionUser:
    """The signed-in user if they have ``role``; else 401 (anonymous) or 403 (too weak)."""
    user = current_account()
    if user is None:
        raise Unauthorized("Sign in required / Nepieciešams pieteikties")
    if not user.has_role(role):
        raise Forbidden("Not allowed for your role / Jūsu lomai nav atļauts")
    return user


def check_csrf() -> None:
    """Cookie-authenticated state changes must prove they come from our own pages."""
    user = current_account()
    if user is not None and user.via_token:
        return
    token = (
        request.headers.get("X-CSRFToken")
        or request.headers.get("X-CSRF-Token")
        or request.form.get("csrf_token")
    )
    try:
        validate_csrf(token)
    except ValidationError as exc:
        raise CSRFError(str(exc)) from None


def create_user(session: Any, username: str, password: str, role: str) -> m.User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if (
        not username
        or len(username) > 64
        or not username.replace("-", "").replace("_", "").replace(".", "").isalnum()
    ):
        raise ValueError("username: 1–64 letters, digits, '.', '-' or '_'")
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValueError(f"password must be at least {PASSWORD_MIN_LENGTH} characters")
    if session.scalar(sa.select(m.User).where(m.User.username == username)) is not None:
        raise ValueError(f"user {username!r} already exists")
    user = m.User(username=username, password_hash=hash_password(password), role=role)
    session.add(user)
    session.flush()
    return user


def create_token(session: Any, username: str, name: str) -> str:
    """Create an API token for ``username`` and return it (the only time it is visible)."""
    user = session.scalar(sa.select(m.User).where(m.User.username == username))
    if user is None:
        raise ValueError(f"no user {username!r}")
    token = "rmg_" + secrets.token_urlsafe(32)
    session.add(m.ApiToken(user_id=user.id, name=name, token_hash=hash_token(token)))
    session.flush()
    return token


def revoke_token(session: Any, token_id: int) -> bool:
    row = session.get(m.ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = m.utcnow()
    return True


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths: never an open redirect."""
    if not target:
        return "/admin"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/admin"
    return target


LOGIN_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="stylesheet" href="/assets/vendor/bootstrap.min.css">
<link rel="stylesheet" href="/assets/app.css"></head>
<body>
<a class="skip-link" href="#main-content">{{ skip }}</a>
<main id="main-content" tabindex="-1" class="container py-5" style="max-width: 28rem">
<h1 class="h3 mb-3">{{ title }}</h1>
{% if error %}<div class="alert alert-danger" role="alert">{{ error }}</div>{% endif %}
<form method="post" action="/login{% if next %}?next={{ next|urlencode }}{% endif %}">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<div class="mb-3"><label class="form-label" for="username">{{ username_label }}</label>
<input class="form-control" id="username" name="username" autocomplete="username" required
 value="{{ username }}"></div>
<div class="mb-3"><label class="form-label" for="password">{{ password_label }}</label>
<input class="form-control" id="password" name="password" type="password"
 autocomplete="current-password" required></div>
<button class="btn btn-primary" type="submit">{{ submit }}</button>
</form>
<p class="mt-4"><a href="/">{{ back }}</a> ·
<a href="/login?lang={{ other }}{% if next %}&next={{ next|urlencode }}{% endif %}"
 lang="{{ other }}">{{ switch }}</a></p>
</main></body></html>"""


def _render_login(error: str | None = None, status: int = 200) -> tuple[str, int]:
    lang = current_lang()
    return (
        render_template_string(
            LOGIN_TEMPLATE,
            lang=lang,
            other="en" if lang == "lv" else "lv",
            title=t("login.title", lang),
            skip=t("site.skip", lang),
            username_label=t("login.username", lang),
            password_label=t("login.password", lang),
            submit=t("login.submit", lang),
            back=t("error.back_home", lang),
            switch=t("nav.language", lang),
            csrf=generate_csrf(),
            error=error,
            next=request.args.get("next", ""),
            username=request.form.get("username", ""),
        ),
        status,
    )


def _admin_outputs() -> list[str]:
    """Component ids in the outputs of the Dash callback being requested."""
    try:
        body = request.get_json(silent=True) or {}
    except Exception:  # noqa: BLE001 - malformed body: Dash will reject it itself
        return []
    if not isinstance(body, dict):
        return []  # not a callback request at all: answered 400 by app._reject_unknown_callbacks
    outputs = body.get("outputs")
    items = outputs if isinstance(outputs, list) else [outputs]
    ids: list[str] = []
    for item in items:
        if isinstance(item, dict):
            ident = item.get("id")
            ids.append(json.dumps(ident, sort_keys=True) if isinstance(ident, dict) else str(ident))
    if not ids and isinstance(body.get("output"), str):
        ids.append(body["output"])
    return ids


def init_app(server: Flask, config: Config) -> None:
    server.config.update(
        WTF_CSRF_CHECK_DEFAULT=False,  # checked explicitly where a cookie authenticates a change
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=config.production,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=8),
    )
    server.extensions["remigration_csrf"] = CSRFProtect(server)
    login_manager = LoginManager(server)
    login_manager.login_view = None  # we answer 401 ourselves and redirect pages to /login

    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=config.redis_url or "memory://",
        strategy="fixed-window",
        default_limits=[],
        swallow_errors=True,  # a Redis outage must not lock admins out of logging in
        headers_enabled=True,
    )
    server.extensions["remigration_limiter"] = limiter

    @login_manager.user_loader
    def load_user(user_id: str) -> SessionUser | None:
        with get_db().session() as session:
            user = session.get(m.User, int(user_id)) if user_id.isdigit() else None
            return _snapshot(user) if user is not None and user.active else None

    @login_manager.request_loader
    def load_user_from_request(req: Any) -> SessionUser | None:
        header = req.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return user_from_token(header[7:].strip())
        return None

    @login_manager.unauthorized_handler
    def unauthorized() -> Response:
        raise Unauthorized()

    @server.route("/login", methods=["GET", "POST"])
    @limiter.limit(LOGIN_LIMIT, methods=["POST"])
    def login() -> Any:
        if request.method == "GET":
            return _render_login()
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            return _render_login(t("login.expired", current_lang()), 400)
        username = request.form.get("username", "").strip()[:64]
        password = request.form.get("password", "")[:1024]
        user = authenticate(username, password)
        if user is None:
            audit(username or "?", "login", None, "refused")
            return _render_login(t("login.failed", current_lang()), 401)
        login_user(user)
        audit(user.username, "login", None, "ok")
        return redirect(_safe_next(request.args.get("next")))

    @server.post("/logout")
    def logout() -> Any:
        check_csrf()
        user = current_account()
        if user is not None:
            audit(user.username, "logout", None, "ok")
        logout_user()
        return redirect("/")

    @server.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[Response, int]:
        return Response(
            json.dumps({"error": "csrf", "message": "Missing or invalid CSRF token"}),
            mimetype="application/json",
        ), 400

    @server.before_request
    def guard_admin() -> Any:
        """Admin pages need a sign-in; admin callbacks need a role and a CSRF token."""
        path = request.path
        if path == "/admin" or (path.startswith("/admin/") and not path.startswith("/admin/api/")):
            if current_account() is None:
                return redirect(url_for("login", next=request.full_path.rstrip("?")))
            require_role("staff")
        if path.endswith("/_dash-update-component") and request.method == "POST":
            targets = _admin_outputs()
            if any(ADMIN_COMPONENT_PREFIX in ident for ident in targets):
                require_role("staff")
                check_csrf()
                g.admin_callback = True
        return None

    @server.after_request
    def csrf_cookie(response: Response) -> Response:
        """Give signed-in browsers the CSRF token Dash's renderer echoes as X-CSRFToken."""
        user = current_account()
        if user is not None and not user.via_token and request.method == "GET":
            response.set_cookie(
                CSRF_COOKIE,
                generate_csrf(),
                samesite="Strict",
                secure=config.production,
                httponly=False,  # the renderer must read it; it is useless without the session
            )
        return response
