"""``/api/v1/releases.atom``: an Atom feed of data releases, for readers who follow new figures.

The route only checks its one parameter and hands the rows the queries return to the pure
builder in ``dashboard/opendata/feed.py``; the finished document is cached under the data
version (a publish or rollback makes a new one), the language and the site's address, so a feed
reader polling every few minutes costs a cache look-up. The blueprint's ``after_request`` adds
the ETag and Last-Modified that let such readers revalidate with a 304, and the licence's
``Link`` header.
"""

from __future__ import annotations

from typing import Any

from flask import Response

from dashboard import queries
from dashboard.api.v1 import bp, params, schemas
from dashboard.opendata.feed import ATOM_TYPE, release_feed
from dashboard.queries.availability import release_contents
from dashboard.queries.release_changes import release_changes
from dashboard.web.site import site_url

FEED_MIMETYPE = f"{ATOM_TYPE}; charset=utf-8"


def _feed_document(lang: str) -> bytes:
    """The feed in ``lang`` on this site's address, built once per data version."""
    site = site_url()
    return queries.cached(
        "release_feed",
        [lang, site],
        lambda: release_feed(
            queries.releases(),
            release_contents(),
            release_changes(),
            queries.metrics(),
            queries.regions(),
            lang=lang,
            site=site,
            fallback_updated=queries.last_modified(),
        ),
    )


@bp.get("/releases.atom")
def releases_atom() -> Response:
    """Every release, newest first, with what it added and changed (Atom 1.0)."""
    params.only("lang")
    lang = params.lang()
    # The blueprint adds the licence's Link header; the feed also names it in <rights>.
    return Response(_feed_document(lang), content_type=FEED_MIMETYPE)


def openapi_paths() -> dict[str, Any]:
    """This module's entries in the OpenAPI document's ``paths``."""
    return {
        "/api/v1/releases.atom": {
            "get": {
                "operationId": "getReleaseFeed",
                "summary": (
                    "An Atom feed of every release, newest first: what each one added and "
                    "changed, with links to its data as published."
                ),
                "parameters": [
                    {
                        "name": "lang",
                        "in": "query",
                        "required": False,
                        "description": "Language of the feed's titles and texts.",
                        "schema": {"type": "string", "enum": ["lv", "en"], "default": "lv"},
                    }
                ],
                "responses": schemas.answers(
                    {ATOM_TYPE: {"schema": {"type": "string"}}}, "The feed (Atom 1.0, RFC 4287)."
                ),
            }
        }
    }
