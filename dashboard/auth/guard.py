"""The one guard every admin route and callback goes through: roles and CSRF.

* CSRF: any state-changing request authenticated by the session cookie must carry the CSRF token
  (form field, or the ``X-CSRFToken`` header, which Dash's renderer sends from the
  ``_csrf_token`` cookie that :func:`csrf_cookie` sets). Bearer-token requests carry no cookie
  and need none.
* A Dash callback is a public HTTP endpoint, so hiding a button protects nothing: callbacks whose
  outputs are admin components (ids starting with ``admin-``) are checked in ``before_request``
  (:func:`guard_admin`), and every service function that changes data checks the role again
  (:func:`require_role`).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, Response, current_app, g, redirect, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf, validate_csrf
from werkzeug.exceptions import Forbidden, Unauthorized
from wtforms.validators import ValidationError

from dashboard.auth.accounts import SessionUser
from dashboard.auth.sessions import current_account
from dashboard.i18n import t

ADMIN_COMPONENT_PREFIX = "admin-"
CSRF_COOKIE = "_csrf_token"


def require_role(role: str) -> SessionUser:
    """The signed-in user if they have ``role``; else 401 (anonymous) or 403 (too weak)."""
    user = current_account()
    if user is None:
        if g.get("session_ended"):
            raise Unauthorized(_session_ended_message())
        raise Unauthorized(_both(t("Sign in required", "en"), t("Sign in required", "lv")))
    if not user.has_role(role):
        raise Forbidden(
            _both(t("Not allowed for your role", "en"), t("Not allowed for your role", "lv"))
        )
    return user


def _both(english: str, latvian: str) -> str:
    """One message for a client whose language we do not know (an API client): both."""
    return f"{english} / {latvian}"


def _session_ended_message() -> str:
    return _both(
        t("Your session has ended; please sign in again.", "en"),
        t("Your session has ended; please sign in again.", "lv"),
    )


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


def is_admin_page(path: str) -> bool:
    """The admin page and its sub-paths (not the admin API, which answers 401 itself)."""
    return path == "/admin" or (path.startswith("/admin/") and not path.startswith("/admin/api/"))


def admin_outputs() -> list[str]:
    """Component ids in the outputs of the Dash callback being requested."""
    try:
        body = request.get_json(silent=True) or {}
    except Exception:  # noqa: BLE001 - malformed body: Dash will reject it itself
        return []
    if not isinstance(body, dict):
        return []  # not a callback request at all: answered 400 by web.callback_inputs
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


def guard_admin() -> Any:
    """Admin pages need a sign-in; admin callbacks need a role and a CSRF token."""
    path = request.path
    if is_admin_page(path):
        if current_account() is None:
            ended = {"ended": 1} if g.get("session_ended") else {}
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?"), **ended))
        require_role("staff")
    if path.endswith("/_dash-update-component") and request.method == "POST":
        targets = admin_outputs()
        if any(ADMIN_COMPONENT_PREFIX in ident for ident in targets):
            require_role("staff")
            check_csrf()
            g.admin_callback = True
    return None


def csrf_error(_error: CSRFError) -> tuple[Response, int]:
    return Response(
        json.dumps({"error": "csrf", "message": "Missing or invalid CSRF token"}),
        mimetype="application/json",
    ), 400


def csrf_cookie(response: Response) -> Response:
    """Give signed-in browsers the CSRF token Dash's renderer echoes as X-CSRFToken."""
    user = current_account()
    if user is not None and not user.via_token and request.method == "GET":
        response.set_cookie(
            CSRF_COOKIE,
            generate_csrf(),
            samesite="Strict",
            secure=current_app.config["REMIGRATION"].production,
            httponly=False,  # the renderer must read it; it is useless without the session
        )
    return response


def init_csrf(server: Flask) -> None:
    """Flask-WTF's CSRF tokens, checked only where :func:`check_csrf` is called: a Dash
    callback or a bearer-token request must not be refused by a blanket check."""
    server.config.update(
        WTF_CSRF_CHECK_DEFAULT=False,  # checked explicitly where a cookie authenticates a change
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
    )
    server.extensions["remigration_csrf"] = CSRFProtect(server)
    server.register_error_handler(CSRFError, csrf_error)


def init_app(server: Flask) -> None:
    """The admin guard and the CSRF cookie; after ``sessions.init_app``, whose lifetime check
    must run before the guard so an ended session meets it signed out."""
    server.before_request(guard_admin)
    server.after_request(csrf_cookie)
