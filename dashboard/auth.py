"""Accounts, sessions, API tokens and the one guard every admin route and callback goes through.

* Passwords: werkzeug scrypt hashes. Every sign-in attempt costs exactly one scrypt verification
  (unknown names and inactive accounts are checked against a dummy hash), so timing does not
  tell which names exist.
* Sessions: Flask-Login with HttpOnly, SameSite=Lax cookies (Secure in production). The session
  is a signed cookie, so ending it needs server state: the user id stored in it carries the
  account's ``session_generation`` (Flask-Login's alternative id), and sign-out, a password change
  and deactivation bump that number, which ends every session of the account on every worker and
  host at once. Sessions also end after ``session_idle_minutes`` without a request and
  ``session_max_hours`` after sign-in. Signing in starts a new session (and so a new CSRF token).
* Sign-in attempts: limited per client address and per account name with Flask-Limiter (in Redis
  when ``REDIS_URL`` is set, so the limit holds across workers and hosts); only failed attempts
  count, and names that do not exist are limited exactly like names that do.
* API tokens: random, shown once, stored as SHA-256, revocable, expiring; sent as
  ``Authorization: Bearer``.
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
import hmac
import json
import logging
import math
import re
import secrets
import time
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import (
    Flask,
    Response,
    current_app,
    g,
    make_response,
    redirect,
    render_template_string,
    request,
    session,
    url_for,
)
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf, validate_csrf
from sqlalchemy.orm import joinedload
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
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 1024  # the sign-in form reads no more than this
TOKEN_MAX_DAYS = 3650
# Session keys (seconds since the epoch): when the session signed in, and when it was last seen.
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
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
# A plain same-site path (RFC 3986 path and query characters): no scheme, no host, no "//" or
# backslash that a browser would read as a host, no control characters, spaces or fragments.
_SAFE_NEXT = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*")


def clock() -> float:
    """Seconds since the epoch; the seam through which tests move session time."""
    return time.time()


class SessionUser(UserMixin):
    """What Flask-Login keeps for a request: a detached snapshot of the account."""

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


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _snapshot(user: m.User, via_token: bool = False) -> SessionUser:
    return SessionUser(user.id, user.username, user.role, via_token, user.session_generation)


def authenticate(username: str, password: str) -> SessionUser | None:
    """The account if the password is right and the account active; one scrypt check always."""
    with get_db().session() as session:
        user = session.scalar(sa.select(m.User).where(m.User.username == username))
        stored = user.password_hash if user is not None else DUMMY_PASSWORD_HASH
        if check_password_hash(stored, password) and user is not None and user.active:
            return _snapshot(user)
    return None


def load_session_user(alternative_id: str) -> SessionUser | None:
    """The account a session names, if it is active and its generation is still the same."""
    user_id, _, generation = alternative_id.partition(":")
    if len(alternative_id) > 40 or not (user_id.isdigit() and generation.isdigit()):
        return None  # also every session issued before generations existed
    with get_db().session() as session:
        user = session.get(m.User, int(user_id))
        if user is None or not user.active or user.session_generation != int(generation):
            return None
        return _snapshot(user)


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
        user = _snapshot(row.user, via_token=True)
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


def current_account() -> SessionUser | None:
    user = current_user
    return user if getattr(user, "is_authenticated", False) else None  # type: ignore[return-value]


def require_role(role: str) -> SessionUser:
    """The signed-in user if they have ``role``; else 401 (anonymous) or 403 (too weak)."""
    user = current_account()
    if user is None:
        if g.get("session_ended"):
            raise Unauthorized(_session_ended_message())
        raise Unauthorized("Sign in required / Nepieciešams pieteikties")
    if not user.has_role(role):
        raise Forbidden("Not allowed for your role / Jūsu lomai nav atļauts")
    return user


def _session_ended_message() -> str:
    return f"{t('login.session_ended', 'en')} / {t('login.session_ended', 'lv')}"


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


def _check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValueError(f"password must be at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValueError(f"password must be at most {PASSWORD_MAX_LENGTH} characters")


def _user(session: Any, username: str) -> m.User:
    user = session.scalar(sa.select(m.User).where(m.User.username == username))
    if user is None:
        raise ValueError(f"no user {username!r}")
    return user


def create_user(session: Any, username: str, password: str, role: str) -> m.User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if (
        not username
        or len(username) > 64
        or not username.replace("-", "").replace("_", "").replace(".", "").isalnum()
    ):
        raise ValueError("username: 1–64 letters, digits, '.', '-' or '_'")
    _check_password(password)
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
    _check_password(password)
    user = _user(session, username)
    user.password_hash = hash_password(password)
    user.password_changed_at = m.utcnow()
    end_sessions(session, user)
    return user


def set_active(session: Any, username: str, active: bool) -> bool:
    """(De)activate an account; deactivation ends its sessions. False if nothing changed."""
    user = _user(session, username)
    if user.active == active:
        return False
    user.active = active
    if not active:
        end_sessions(session, user)
    session.flush()
    return True


def create_token(session: Any, username: str, name: str, days: int | None = None) -> str:
    """Create an API token for ``username`` and return it (the only time it is visible).

    It expires after ``days`` (default: the app's ``api_token_days``, a year).
    """
    if days is None:
        days = current_app.config["REMIGRATION"].api_token_days
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValueError(f"days must be between 1 and {TOKEN_MAX_DAYS}")
    user = _user(session, username)
    token = "rmg_" + secrets.token_urlsafe(32)
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
    row = session.get(m.ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = m.utcnow()
    return True


def _safe_next(target: str | None) -> str:
    """Only plain same-site paths: never an open redirect, never a header that cannot be sent."""
    if not target or not _SAFE_NEXT.fullmatch(target):
        return "/admin"
    parsed = urlsplit(target)
    if parsed.scheme or parsed.netloc:
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
{% if note %}<div class="alert alert-info" role="status">{{ note }}</div>{% endif %}
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
            note=t("login.session_ended", lang) if request.args.get("ended") else None,
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


def _account_key() -> str:
    """The per-account limit's key: the normalised name, keyed-hashed (people type passwords
    into the name field; those must not sit in Redis keys). Unknown names count the same."""
    name = unicodedata.normalize("NFKC", request.form.get("username", "")).strip().casefold()
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, name[:64].encode(), hashlib.sha256).hexdigest()[:32]
    return f"account:{digest}"


def _failed_sign_in(response: Response) -> bool:
    """Only failed attempts count towards the limits (a success redirects)."""
    return response.status_code != 302


def _too_many(limit: RequestLimit) -> Response:
    """The 429 answer: the form again, saying when to retry (Flask-Limiter adds Retry-After)."""
    minutes = max(1, math.ceil((limit.reset_at - time.time()) / 60))
    return make_response(*_render_login(t("login.too_many", current_lang(), minutes=minutes), 429))


def _is_admin_page(path: str) -> bool:
    return path == "/admin" or (path.startswith("/admin/") and not path.startswith("/admin/api/"))


def init_app(server: Flask, config: Config) -> None:
    server.config.update(
        WTF_CSRF_CHECK_DEFAULT=False,  # checked explicitly where a cookie authenticates a change
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=config.production,
        # Flask refuses a session cookie signed longer ago than this; the session's own times
        # (enforce_session_lifetime) are what end it after inactivity or at its maximum age.
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=config.session_max_hours),
    )
    idle_seconds = config.session_idle_minutes * 60
    max_seconds = config.session_max_hours * 3600
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

    login_manager.user_loader(load_session_user)

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
    @limiter.limit(
        config.login_limit_address,
        methods=["POST"],
        deduct_when=_failed_sign_in,
        on_breach=_too_many,
    )
    @limiter.limit(
        config.login_limit_account,
        key_func=_account_key,
        methods=["POST"],
        deduct_when=_failed_sign_in,
        on_breach=_too_many,
    )
    def login() -> Any:
        if request.method == "GET":
            return _render_login()
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            return _render_login(t("login.expired", current_lang()), 400)
        username = request.form.get("username", "").strip()[:64]
        password = request.form.get("password", "")[:PASSWORD_MAX_LENGTH]
        user = authenticate(username, password)
        if user is None:
            audit(username or "?", "login", None, "refused")
            return _render_login(t("login.failed", current_lang()), 401)
        # A new session, so a session id or CSRF token planted before sign-in is worth nothing
        # (Flask-WTF keeps its token in the session and caches it in g for the request).
        session.clear()
        g.pop("csrf_token", None)
        login_user(user)
        session[SIGNED_IN_AT] = session[SEEN_AT] = int(clock())
        audit(user.username, "login", None, "ok")
        return redirect(_safe_next(request.args.get("next")))

    @server.post("/logout")
    def logout() -> Any:
        check_csrf()
        user = current_account()
        if user is not None and not user.via_token:
            with get_db().session() as db_session:
                account = db_session.get(m.User, user.id)
                if account is not None:
                    end_sessions(db_session, account)
                audit(user.username, "logout", None, "ok", session=db_session)
        logout_user()
        session.clear()
        response = redirect("/")
        response.delete_cookie(CSRF_COOKIE, samesite="Strict", secure=config.production)
        return response

    @server.before_request
    def enforce_session_lifetime() -> None:
        """End a session that is idle too long, too old, or no longer valid on the server.

        Runs before the admin guard, so an ended session meets it as a signed-out reader
        (``g.session_ended`` lets it say why). "Last seen" moves at most once a minute.
        """
        if "_user_id" not in session:
            return
        now = clock()
        signed_in, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
        valid = (
            isinstance(signed_in, int)
            and isinstance(seen, int)
            and now - signed_in <= max_seconds
            and now - seen <= idle_seconds
        )
        if valid:
            user = current_account()  # None when the generation moved on or it was deactivated
            valid = user is not None and not user.via_token
        if not valid:
            logout_user()
            session.clear()
            g.session_ended = True
        elif now - seen >= TOUCH_SECONDS:
            session[SEEN_AT] = int(now)

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
        if _is_admin_page(path):
            if current_account() is None:
                ended = {"ended": 1} if g.get("session_ended") else {}
                return redirect(url_for("login", next=request.full_path.rstrip("?"), **ended))
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
