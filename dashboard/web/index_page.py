"""The HTML page Dash serves for every address, and what its response carries.

Dash answers every page path with the same index HTML and draws the page in the browser. This
module makes that HTML say the reader's language (``<html lang>``, WCAG 3.1.1), the page's own
title, and share-card meta tags whose addresses come from the site URL (``web/site.py``) rather
than from the request as Dash's own would; answers unknown addresses with a real 404 status;
and remembers an explicit ``?lang=`` in a cookie.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, has_request_context, request
from markupsafe import escape

from dashboard.components import shell
from dashboard.components.chart_tools import EMBEDS
from dashboard.components.open_data import FEED_PATH
from dashboard.dash_internals import PLOTLY_BUNDLE, LeanDash, page_for_path
from dashboard.i18n import t
from dashboard.i18n.context import COOKIE_NAME, current_lang, requested_lang
from dashboard.web.first_view import first_view
from dashboard.web.site import absolute

LANG_COOKIE_MAX_AGE = 365 * 24 * 3600
SHARE_IMAGE = "/assets/app.png"
DASH_PAGE_ENDPOINTS = {"/", "/<path:path>"}  # Dash's index routes: every page's HTML
NO_FIRST_VIEW = ("/admin",)  # signed-in pages: their first view depends on the session
EMPTY_PAGE = '<div id="fv-_pages_content"></div>'  # the shell without its page


class RemigrationDash(LeanDash):
    """The app's Dash: the index HTML in the reader's language, with its title and share card."""

    def interpolate_index(self, **kwargs: Any) -> str:
        if has_request_context():
            page, variables = page_for_path(request.path)
            title = page.get("title")
            if callable(title):
                kwargs["title"] = title(**variables)
            kwargs["metas"] = (
                share_meta_tags(page, variables, kwargs.get("title", ""))
                + feed_link(current_lang())
                + self.plotly_bundle_meta()
                + (kwargs.get("metas") or "")
            )
            first = page_first_view(page) if page else None
            if first:
                kwargs["app_entry"] = first + kwargs.get("app_entry", "")
        html = super().interpolate_index(**kwargs)
        return html.replace("<html>", f'<html lang="{current_lang()}">', 1)

    def plotly_bundle_meta(self) -> str:
        """Where ``assets/plotly-on-demand.js`` finds the Plotly bundle when a chart needs it:
        the address with its modification fingerprint, as Dash writes the page's own assets,
        so it is cached for a year (``web/asset_cache.py``)."""
        path = Path(self.config.assets_folder) / PLOTLY_BUNDLE
        url = f"{self.get_asset_url(PLOTLY_BUNDLE)}?m={path.stat().st_mtime}"
        return f'<meta name="plotly-bundle" content="{escape(url)}">\n      '


def page_first_view(page: dict[str, Any]) -> str | None:
    """The page's first view as static HTML (``web/first_view.py``): the same layout Dash will
    render, or None (unknown addresses, the admin pages, or a layout that fails: Dash then
    reports it)."""
    if page.get("path", "").startswith(NO_FIRST_VIEW) or page.get("path") == "/404":
        return None
    try:
        html = first_view(shell.layout())
        # Without the page in it (its layout failed: the shell fell back to Dash's empty
        # container), a first view would stand in front of Dash's page for good.
        return None if html is None or EMPTY_PAGE in html else html
    except Exception:  # the page still loads as Dash draws it; the log says why
        current_app.logger.exception("first view of %s not rendered", request.path)
        return None


def feed_link(lang: str) -> str:
    """The release feed, in the page's language, for feed readers that look in every page's
    head (autodiscovery)."""
    href = FEED_PATH if lang == "lv" else f"{FEED_PATH}?lang=en"
    title = t("New releases of figures (Atom)", lang)
    return (
        f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" '
        f'href="{escape(href)}">\n      '
    )


def share_meta_tags(page: dict[str, Any], variables: dict[str, Any], title: str) -> str:
    """Description, Open Graph and Twitter card tags for a page, with absolute site URLs."""
    description = page.get("description", "")
    if callable(description):
        description = description(**variables)
    url = absolute(request.full_path.rstrip("?"))
    tags = [
        ("name", "description", description),
        ("property", "og:type", "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:image", absolute(SHARE_IMAGE)),
        ("property", "twitter:card", "summary_large_image"),
        ("property", "twitter:title", title),
        ("property", "twitter:description", description),
        ("property", "twitter:url", url),
        ("property", "twitter:image", absolute(SHARE_IMAGE)),
    ]
    return "".join(
        f'<meta {attr}="{escape(name)}" content="{escape(content)}">\n      '
        for attr, name, content in tags
    )


def is_unknown_page(path: str) -> bool:
    """No registered page serves ``path`` (or it is the 404 page, or an embed name we lack)."""
    page, variables = page_for_path(path)
    unknown_embed = (
        page.get("path_template") == "/embed/<chart>" and variables.get("chart") not in EMBEDS
    )
    return not page or page.get("path") == "/404" or unknown_embed


def init_app(server: Flask) -> None:
    @server.after_request
    def not_found_status(response: Response) -> Response:
        """Unknown addresses get the 404 page *and* a 404 status (Dash would answer 200)."""
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.mimetype == "text/html"
            and request.endpoint in DASH_PAGE_ENDPOINTS
            and is_unknown_page(request.path)
        ):
            response.status_code = 404
        return response

    @server.after_request
    def remember_language(response: Response) -> Response:
        lang = requested_lang()
        if request.path.startswith(("/api/", "/download/")):
            return response  # an API client's lang parameter is not a site preference
        if lang and request.cookies.get(COOKIE_NAME) != lang:
            response.set_cookie(
                COOKIE_NAME,
                lang,
                max_age=LANG_COOKIE_MAX_AGE,
                samesite="Lax",
                secure=server.config.get("SESSION_COOKIE_SECURE", False),
                httponly=True,
            )
        return response
