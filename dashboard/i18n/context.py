"""Which language the current request wants.

``?lang=en`` picks English and is remembered in a cookie (set in ``app.py``); otherwise the cookie
decides; Latvian is the default. Dash callbacks are ordinary POST requests that carry the cookie,
so page layouts rendered by callbacks see the same language.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from flask import has_request_context, request

from dashboard.i18n.formatting import DEFAULT_LANG, LANGS

COOKIE_NAME = "lang"


def page_location() -> tuple[str, dict[str, str]]:
    """Path and query of the page the reader is on.

    Dash renders the app shell in a separate ``/_dash-layout`` request, so there the page's own
    address is the request's referrer rather than the request path.
    """
    if not has_request_context():
        return "/", {}
    if request.path.endswith("/_dash-layout") and request.referrer:
        ref = urlparse(request.referrer)
        if ref.netloc == request.host:
            query = {k: v[0] for k, v in parse_qs(ref.query).items() if v}
            return ref.path or "/", query
    return request.path, dict(request.args)


def page_search() -> str | None:
    """The page's query string as the browser has it (``window.location.search``: "" or
    "?..."), or None when the page's address is unknown (a layout request without referrer)."""
    if not has_request_context():
        return None
    if request.path.endswith("/_dash-layout"):
        ref = urlparse(request.referrer or "")
        if not request.referrer or ref.netloc != request.host:
            return None
        return f"?{ref.query}" if ref.query else ""
    query = request.query_string.decode("utf-8", "replace")
    return f"?{query}" if query else ""


def requested_lang() -> str | None:
    """The language named explicitly in the page's query string, if any."""
    if not has_request_context():
        return None
    lang = page_location()[1].get("lang")
    return lang if lang in LANGS else None


def current_lang(explicit: str | None = None) -> str:
    """``explicit`` if valid, else ``?lang=``, else the cookie, else Latvian."""
    if explicit in LANGS:
        return explicit  # type: ignore[return-value]
    lang = requested_lang()
    if lang:
        return lang
    if has_request_context():
        cookie = request.cookies.get(COOKIE_NAME)
        if cookie in LANGS:
            return cookie  # type: ignore[return-value]
    return DEFAULT_LANG
