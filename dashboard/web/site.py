"""The site's own address, for every absolute link the app writes.

Permalinks, embed snippets, citations, API examples and ``og:`` tags are copied into articles and
chats, and some of them are cached and served to other readers, so they must never repeat a
``Host`` header a client made up. They come from ``SITE_URL``; without it (development) from the
request's host, which Flask has already checked against ``TRUSTED_HOSTS``: :func:`init_app`
makes any other host an HTTP 400 before anything else runs.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, has_app_context, has_request_context, request
from werkzeug.exceptions import SecurityError

from dashboard.config import Config
from dashboard.i18n import t


def site_url() -> str:
    """``https://host`` without a trailing slash ('' outside a request without SITE_URL)."""
    if has_app_context():
        configured = current_app.config["REMIGRATION"].site_url
        if configured:
            return configured
    return request.host_url.rstrip("/") if has_request_context() else ""


def absolute(path: str) -> str:
    """``path`` (starting with "/") on this site."""
    return site_url() + path


def init_app(server: Flask, config: Config) -> None:
    """Answer 400 to a ``Host`` outside ``TRUSTED_HOSTS`` before any other hook runs.

    Flask checks the host while routing, but ``before_request`` hooks (the response cache's
    lookup among them) run before a routing error is raised; this raises it first, so it must
    be registered before every other ``before_request`` hook but the request log's timer.
    """
    server.config["TRUSTED_HOSTS"] = config.trusted_hosts or None

    @server.before_request
    def refuse_untrusted_host() -> None:
        if isinstance(request.routing_exception, SecurityError):
            raise request.routing_exception

    @server.errorhandler(SecurityError)
    def untrusted_host(_error: SecurityError) -> Response:
        text = (
            t(
                "This site is not served under that address (the Host header is not allowed).",
                "lv",
            )
            + "\n"
            + t(
                "This site is not served under that address (the Host header is not allowed).",
                "en",
            )
            + "\n"
        )
        return Response(text, status=400, mimetype="text/plain")
