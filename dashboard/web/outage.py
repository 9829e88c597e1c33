"""What readers get while the database cannot be reached.

The database is the source of truth, but most of what readers ask for is already in the shared
cache: ``queries.data_version`` falls back to the version the cache was filled with, so pages,
charts and API answers that are cached keep being served. Anything that needs the database
answers HTTP 503 with a short, bilingual "data temporarily unavailable" message (HTML for pages,
JSON for the API and callbacks) and a ``Retry-After``; never a stack trace. Nothing here holds
state: once the database answers again the next request simply succeeds (the engine's
``pool_pre_ping`` replaces the dropped connections), without a restart.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from html import escape
from typing import Any

import dash
from dash import html
from flask import Flask, Response, g, jsonify, request

from dashboard.dash_internals import page_for_path
from dashboard.i18n import other_lang, t
from dashboard.i18n.context import current_lang
from dashboard.queries import DATABASE_OUTAGE_ERRORS, data_version

logger = logging.getLogger("dashboard.web.outage")

RETRY_AFTER_SECONDS = 30
DASH_PAGE_ENDPOINTS = {"/", "/<path:path>"}  # Dash's index routes: every page's HTML
JSON_PREFIXES = ("/api/", "/admin/api/", "/download/", "/_dash-")


def unavailable_html(lang: str) -> str:
    """A self-contained page in both languages, the reader's first; it reloads itself."""
    other = other_lang(lang)

    def section(code: str, level: int) -> str:
        title, body = (
            escape(t("Data temporarily unavailable", code)),
            escape(
                t(
                    "We cannot read the database right now, so this page cannot be "
                    "shown. No data has been lost. Please try again in a moment; the "
                    "page reloads itself in 30 seconds.",
                    code,
                )
            ),
        )
        return f'<section lang="{code}"><h{level}>{title}</h{level}><p>{body}</p></section>'

    sections = section(lang, 1) + section(other, 2)
    title, site = (
        escape(t("Data temporarily unavailable", lang)),
        escape(t("Regional remigration support", lang)),
    )
    retry, here = escape(t("Try again", lang)), escape(request.full_path.rstrip("?"))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="{RETRY_AFTER_SECONDS}">'
        f"<title>{title}</title>"
        '<link rel="stylesheet" href="/assets/vendor/bootstrap.min.css">'
        '<link rel="stylesheet" href="/assets/app.css"></head>'
        f'<body><main class="container py-5" role="main">'
        f'<p class="text-body-secondary">{site}</p>{sections}'
        f'<p><a href="{here}">{retry}</a></p></main></body></html>'
    )


def unavailable_response() -> Response:
    lang = current_lang()
    if request.path.startswith(JSON_PREFIXES):
        response = jsonify(
            error="database_unavailable",
            message=t(
                "The database is unavailable right now; no data has been lost. Retry "
                "after the Retry-After seconds.",
                "en",
            ),
            message_lv=t(
                "The database is unavailable right now; no data has been lost. Retry "
                "after the Retry-After seconds.",
                "lv",
            ),
        )
    else:
        response = Response(unavailable_html(lang), mimetype="text/html")
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def unavailable_notice(lang: str) -> html.Div:
    """Shown in place of a page's content when it could not be drawn from the cache."""
    return html.Div(
        [
            html.H1(t("Data temporarily unavailable", lang), className="h3"),
            html.P(
                t(
                    "We cannot read the database right now, so this page cannot be "
                    "shown. No data has been lost. Please try again in a moment; the "
                    "page reloads itself in 30 seconds.",
                    lang,
                ),
                className="mb-0",
            ),
        ],
        className="alert alert-warning mt-3",
        role="alert",
        id="data-unavailable",
    )


def _guard(layout: Callable[..., Any]) -> Callable[..., Any]:
    """A page layout that shows :func:`unavailable_notice` instead of failing in an outage."""

    @functools.wraps(layout)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return layout(*args, **kwargs)
        except DATABASE_OUTAGE_ERRORS as error:
            logger.warning("page drawn without data: database unavailable (%s)", _brief(error))
            g.page_unavailable = True
            return unavailable_notice(current_lang())

    guarded.outage_guarded = True  # type: ignore[attr-defined]
    return guarded


def _brief(error: BaseException) -> str:
    """The driver's one-line reason (no SQL, no parameters, no traceback)."""
    orig = getattr(error, "orig", None) or error
    return f"{type(orig).__name__}: {str(orig).splitlines()[0] if str(orig) else ''}"


def guard_page_layouts() -> None:
    """Wrap every registered page's layout function (once; Dash's registry outlives apps)."""
    for page in dash.page_registry.values():
        layout = page.get("layout")
        if callable(layout) and not getattr(layout, "outage_guarded", False):
            page["layout"] = _guard(layout)


def init_app(server: Flask) -> None:
    guard_page_layouts()

    for error_class in DATABASE_OUTAGE_ERRORS:

        @server.errorhandler(error_class)
        def database_unavailable(error: Exception) -> Response:
            logger.warning(
                "%s %s: database unavailable (%s)", request.method, request.path, _brief(error)
            )
            return unavailable_response()

    @server.before_request
    def page_needs_data() -> Response | None:
        """A page's HTML answers 503 when its content cannot be drawn, from the cache or at all.

        Normally this costs one small query (the data version, which the request needs anyway).
        During an outage the page is drawn here first, from the cache; if that fails, the reader
        gets the 503 page instead of an empty shell whose content request would fail.
        """
        if request.method != "GET" or request.endpoint not in DASH_PAGE_ENDPOINTS:
            return None
        data_version()  # an outage with nothing cached raises: the error handler answers 503
        if not g.get("database_unavailable"):
            return None
        page, variables = page_for_path(request.path)
        if page and callable(page.get("layout")):
            page["layout"](**{**dict(request.args), **variables})
            if g.pop("page_unavailable", False):
                return unavailable_response()
        return None
