"""Whole-response cache for the public, read-only chart callbacks.

On the day a figure makes the news most readers ask for the same few views, and Dash would
rebuild, serialise and compress the same JSON for each of them. For the callbacks listed in
``PUBLIC_READ_OUTPUTS`` the finished response (compressed bytes included) is kept in the shared
cache (Redis in production) under a key made of the request body, the data version, the
negotiated content encoding and the language cookie; a repeat request is answered from there
before Dash is involved. Publishing or rolling back changes the data version, so a cached answer
never outlives the data it was drawn from.

Only callbacks whose answer is a pure function of their inputs and the published data belong in
the list: never anything that depends on who is signed in.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Flask, Response, g, request

from dashboard.cache import get_cache
from dashboard.i18n.context import COOKIE_NAME
from dashboard.queries import data_version, remember_data_version

CALLBACK_PATH_SUFFIX = "/_dash-update-component"

# An output of each cacheable callback ("component-id.property").
PUBLIC_READ_OUTPUTS = frozenset(
    {
        "regions-chart-graph.figure",  # overview: every chart and headline card
        "map-graph.figure",  # map: the shaded map, legend and region table
        "map-panel.children",  # map: the selected municipality's panel
    }
)
# Response headers that belong to the body and are stored with it.
STORED_HEADERS = ("Content-Type", "Content-Encoding", "Vary")
MAX_BODY_BYTES = 512 * 1024


def output_parts(output: str) -> set[str]:
    """The ``id.property`` parts of Dash's output string (``..a.b...c.d..`` for several)."""
    return {part for part in output.strip(".").split("...") if part}


def is_public_read(output: Any) -> bool:
    return isinstance(output, str) and bool(output_parts(output) & PUBLIC_READ_OUTPUTS)


def _key() -> str | None:
    """The cache key of this request, or ``None`` when it is not a cacheable callback."""
    if request.method != "POST" or not request.path.endswith(CALLBACK_PATH_SUFFIX):
        return None
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not is_public_read(body.get("output")):
        return None
    digest = hashlib.sha256()
    for part in (
        data_version(),
        request.headers.get("Accept-Encoding", ""),
        request.cookies.get(COOKIE_NAME, ""),
    ):
        digest.update(part.encode() + b"\0")
    digest.update(request.get_data())
    return "cb:" + digest.hexdigest()


def init_app(server: Flask) -> None:
    """Register the lookup (before Dash runs) and the store (after compression).

    Flask runs ``after_request`` hooks in reverse order of registration, so this must be called
    before ``compression.init_app`` for the stored bytes to be the compressed ones.
    """

    @server.before_request
    def answer_from_cache() -> Response | None:
        key = _key()
        if key is None:
            return None
        g.response_cache_key = key
        hit = get_cache().get(key)
        if hit is None:
            return None
        body, headers = hit
        g.response_cache_hit = True
        return Response(body, status=200, headers={**headers, "X-Cache": "hit"})

    @server.after_request
    def store_response(response: Response) -> Response:
        key = g.get("response_cache_key")
        if key is None or g.get("response_cache_hit") or response.status_code != 200:
            return response
        if response.direct_passthrough or response.is_streamed:
            return response
        body = response.get_data()
        if len(body) > MAX_BODY_BYTES:
            return response
        headers = {h: response.headers[h] for h in STORED_HEADERS if h in response.headers}
        if get_cache().set(key, (body, headers)):
            remember_data_version(data_version())
        response.headers["X-Cache"] = "miss"
        return response
