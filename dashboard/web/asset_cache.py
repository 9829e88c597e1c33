"""Cache headers for fingerprinted static files: a year, never revalidated.

Dash writes every script and stylesheet into the page with a fingerprint in its address: its own
bundles (``/_dash-component-suites/…/name.v4_4_1m<mtime>.js``, which Dash already serves with a
year's ``max-age``) and our ``/assets/`` files (``?m=<mtime>``, which it served with
``no-cache``, so a returning reader's phone asked again for each of a dozen files on every
visit). A changed file gets a new address, so its old bytes may be kept for good; an address
without the fingerprint keeps Flask's default of revalidating.
"""

from __future__ import annotations

from flask import Flask, Response, request

ONE_YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"


def is_fingerprinted_asset() -> bool:
    """This request names an ``/assets/`` file with its modification fingerprint."""
    return request.path.startswith("/assets/") and bool(request.args.get("m"))


def init_app(server: Flask) -> None:
    @server.after_request
    def cache_fingerprinted_assets(response: Response) -> Response:
        if is_fingerprinted_asset() and response.status_code in (200, 304):
            response.headers["Cache-Control"] = IMMUTABLE
        return response
