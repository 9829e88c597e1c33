"""Security headers on every response.

The Content-Security-Policy allows scripts only from this origin plus the exact hashes of Dash's
inline scripts (``app.csp_hashes()``), never ``unsafe-eval``; styles may be inline because Dash
and Plotly set element styles. Framing is refused everywhere except under ``/embed/``, which is
meant to be embedded in other sites' articles. Dash's development-only routes answer 404 unless
the server runs in debug mode.
"""

from __future__ import annotations

import base64
import hashlib

from dash import Dash
from flask import Response, abort, request

from dashboard.dash_internals import SCRIPT_LOADER
from dashboard.web import first_view

EMBED_PREFIX = "/embed/"


def _inline_hash(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _policy(app: Dash) -> str:
    ours = [first_view.PHONE_SCRIPT, SCRIPT_LOADER]
    script_hashes = " ".join([*app.csp_hashes(), *(_inline_hash(s) for s in ours)])
    return (
        "default-src 'self'; "
        f"script-src 'self' {script_hashes}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; "
        "font-src 'self' data:; "
        "connect-src 'self'; "
        "object-src 'none'; "
        "base-uri 'self'; "
        "form-action 'self'"
    )


def init_app(app: Dash) -> None:
    server = app.server

    @server.before_request
    def no_reload_hash() -> None:
        """Dash's hot-reload endpoint exists for ``debug=True`` only; anywhere else it is 404."""
        if request.path.endswith("/_reload-hash") and not server.debug:
            abort(404)

    @server.after_request
    def security_headers(response: Response) -> Response:
        # Dash registers its last inline script while handling the first request, so the
        # hashes are computed then (once per process) rather than when the app is built.
        base_policy = server.extensions.get("remigration_csp")
        if base_policy is None:
            base_policy = server.extensions["remigration_csp"] = _policy(app)
        embed = request.path.startswith(EMBED_PREFIX)
        frame = "frame-ancestors *" if embed else "frame-ancestors 'none'"
        response.headers.setdefault("Content-Security-Policy", f"{base_policy}; {frame}")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if not embed:
            response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if server.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response
