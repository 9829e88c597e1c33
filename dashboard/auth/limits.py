"""Sign-in attempt limits, so passwords cannot be guessed at speed.

Attempts are limited per client address and per account name with Flask-Limiter (in Redis when
``REDIS_URL`` is set, so the limit holds across workers and hosts; its keys start ``LIMITS:``).
Only failed attempts count, and names that do not exist are limited exactly like names that do,
so the limit does not tell which names exist either. The limiter is also the app's for other
limits (``current_app.extensions["remigration_limiter"]``: the reports form uses it).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app, make_response, request
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address

from dashboard.auth.accounts import USERNAME_MAX_LENGTH
from dashboard.auth.views import render_login
from dashboard.config import Config
from dashboard.i18n import t
from dashboard.i18n.context import current_lang

View = TypeVar("View", bound=Callable[..., object])


def account_key() -> str:
    """The per-account limit's key: the normalised name, keyed-hashed (people type passwords
    into the name field; those must not sit in Redis keys). Unknown names count the same."""
    name = unicodedata.normalize("NFKC", request.form.get("username", "")).strip().casefold()
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, name[:USERNAME_MAX_LENGTH].encode(), hashlib.sha256).hexdigest()
    return f"account:{digest[:32]}"


def failed_sign_in(response: Response) -> bool:
    """Only failed attempts count towards the limits (a success redirects)."""
    return response.status_code != 302


def too_many(limit: RequestLimit) -> Response:
    """The 429 answer: the form again, saying when to retry (Flask-Limiter adds Retry-After)."""
    minutes = max(1, math.ceil((limit.reset_at - time.time()) / 60))
    return make_response(
        *render_login(
            t(
                "Too many failed sign-in attempts. Please try again in {minutes} min.",
                current_lang(),
                minutes=minutes,
            ),
            429,
        )
    )


def init_app(server: Flask, config: Config) -> Limiter:
    """The app's limiter, with no limit of its own: each limited view names its limits."""
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
    return limiter


def sign_in_limits(limiter: Limiter, config: Config) -> Callable[[View], View]:
    """A decorator putting the per-address and per-account limits on the sign-in view's POST."""

    def limit(view: View) -> View:
        per_account = limiter.limit(
            config.login_limit_account,
            key_func=account_key,
            methods=["POST"],
            deduct_when=failed_sign_in,
            on_breach=too_many,
        )
        per_address = limiter.limit(
            config.login_limit_address,
            methods=["POST"],
            deduct_when=failed_sign_in,
            on_breach=too_many,
        )
        return per_address(per_account(view))

    return limit
