"""``/login`` and ``/logout``: the ``auth`` blueprint (endpoints ``auth.login``, ``auth.logout``).

The sign-in page is a plain HTML form, not a Dash page, so it works without JavaScript and its
POST can be rate-limited and CSRF-checked like any Flask form. The blueprint is built per app by
:func:`blueprint`, because the sign-in limits belong to that app's limiter (``limits``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template_string, request
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms.validators import ValidationError

from dashboard.audit import audit
from dashboard.auth.accounts import (
    PASSWORD_MAX_LENGTH,
    USERNAME_MAX_LENGTH,
    authenticate,
    end_sessions,
)
from dashboard.auth.guard import CSRF_COOKIE, check_csrf
from dashboard.auth.sessions import current_account, end_session, start_session
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.i18n import other_lang, t
from dashboard.i18n.context import current_lang

# A plain same-site path (RFC 3986 path and query characters): no scheme, no host, no "//" or
# backslash that a browser would read as a host, no control characters, spaces or fragments.
_SAFE_NEXT = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*")
_DEFAULT_NEXT = "/admin"

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


def _safe_next(target: str | None) -> str:
    """Only plain same-site paths: never an open redirect, never a header that cannot be sent."""
    if not target or not _SAFE_NEXT.fullmatch(target):
        return _DEFAULT_NEXT
    parsed = urlsplit(target)
    if parsed.scheme or parsed.netloc:
        return _DEFAULT_NEXT
    return target


def render_login(error: str | None = None, status: int = 200) -> tuple[str, int]:
    """The sign-in form in the reader's language, with ``error`` above it if there is one."""
    lang = current_lang()
    return (
        render_template_string(
            LOGIN_TEMPLATE,
            lang=lang,
            other=other_lang(lang),
            title=t("Admin sign-in", lang),
            skip=t("Skip to content", lang),
            username_label=t("Username", lang),
            password_label=t("Password", lang),
            submit=t("Sign in", lang),
            back=t("Back to the overview", lang),
            switch=t("Latviski", lang),
            csrf=generate_csrf(),
            error=error,
            note=t("Your session has ended; please sign in again.", lang)
            if request.args.get("ended")
            else None,
            next=request.args.get("next", ""),
            username=request.form.get("username", ""),
        ),
        status,
    )


def login() -> Any:
    """GET: the form. POST: sign in and go to ``next`` (only failures count towards limits)."""
    if request.method == "GET":
        return render_login()
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return render_login(t("The form expired; please try again.", current_lang()), 400)
    username = request.form.get("username", "").strip()[:USERNAME_MAX_LENGTH]
    password = request.form.get("password", "")[:PASSWORD_MAX_LENGTH]
    user = authenticate(username, password)
    if user is None:
        audit(username or "?", "login", None, "refused")
        return render_login(t("Wrong username or password.", current_lang()), 401)
    start_session(user)
    audit(user.username, "login", None, "ok")
    return redirect(_safe_next(request.args.get("next")))


def logout() -> Any:
    """End every session of the account (not only this browser's) and go to the front page."""
    check_csrf()
    user = current_account()
    if user is not None and not user.via_token:
        with get_db().session() as db_session:
            account = db_session.get(m.User, user.id)
            if account is not None:
                end_sessions(db_session, account)
            audit(user.username, "logout", None, "ok", session=db_session)
    end_session()
    response = redirect("/")
    response.delete_cookie(
        CSRF_COOKIE, samesite="Strict", secure=current_app.config["REMIGRATION"].production
    )
    return response


def blueprint(limit_sign_in: Callable[[Callable[..., Any]], Callable[..., Any]]) -> Blueprint:
    """The ``auth`` blueprint, its sign-in POST wrapped in ``limit_sign_in``."""
    bp = Blueprint("auth", __name__)
    bp.add_url_rule("/login", "login", limit_sign_in(login), methods=["GET", "POST"])
    bp.add_url_rule("/logout", "logout", logout, methods=["POST"])
    return bp
