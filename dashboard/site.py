"""The site's own address, for every absolute link the app writes.

Permalinks, embed snippets, citations, API examples and ``og:`` tags are copied into articles and
chats, and some of them are cached and served to other readers, so they must never repeat a
``Host`` header a client made up. They come from ``SITE_URL``; without it (development) from the
request's host, which Flask has already checked against ``TRUSTED_HOSTS`` (any other host is
answered with HTTP 400 before the app runs; see ``app._refuse_untrusted_hosts``).
"""

from __future__ import annotations

from flask import current_app, has_app_context, has_request_context, request


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
