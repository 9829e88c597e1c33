"""The application factory.

``create_app(config)`` wires the Flask server (database, cache, API, health check, language
cookie) and the Dash app (pages, vendored assets) together. It performs no I/O: the database is
created and seeded by ``remigration init-db`` (which ``remigration serve`` runs first).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

import dash
import sqlalchemy as sa
from dash import Dash, Input, Output, State
from dash._pages import _path_to_page
from flask import Flask, Response, abort, g, has_request_context, jsonify, request
from markupsafe import escape
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import (
    admin_api,
    api,
    auth,
    cache,
    callback_inputs,
    compression,
    downloads,
    outage,
    request_log,
    response_cache,
    security,
)
from dashboard.cache import get_cache
from dashboard.components import shell
from dashboard.components.chart_tools import EMBEDS
from dashboard.config import PROJECT_ROOT, Config
from dashboard.db.session import get_db
from dashboard.db.session import init_app as init_db_app
from dashboard.i18n import t
from dashboard.i18n.context import COOKIE_NAME, current_lang, requested_lang
from dashboard.site import absolute

PACKAGE_DIR = Path(__file__).resolve().parent
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600


class RemigrationDash(Dash):
    """Dash with ``<html lang>`` set to the reader's language (WCAG 3.1.1), the page's own title,
    and share-card meta tags whose addresses come from ``SITE_URL`` (see ``dashboard/site.py``)
    rather than from the request, as Dash's own page meta tags would."""

    def interpolate_index(self, **kwargs: Any) -> str:
        if has_request_context():
            page, path_variables = _path_to_page(request.path.strip("/"))
            variables = path_variables or {}
            title = page.get("title") if page else None
            if callable(title):
                kwargs["title"] = title(**variables)
            kwargs["metas"] = _share_meta_tags(page, variables, kwargs.get("title", "")) + (
                kwargs.get("metas") or ""
            )
        html = super().interpolate_index(**kwargs)
        return html.replace("<html>", f'<html lang="{current_lang()}">', 1)

    def _collect_and_register_resources(
        self, resources: Any, include_async: bool = True, url_attr: str = "src"
    ) -> Any:
        """Leave out dash_table's scripts: no page uses a DataTable (a test checks), and Dash
        would otherwise load its bundle on every page (one request, 33 kB to parse)."""
        kept = [
            r
            for r in resources
            if not str(r.get("relative_package_path", "")).startswith("dash_table/")
        ]
        return super()._collect_and_register_resources(kept, include_async, url_attr)

    def _setup_plotlyjs(self) -> None:
        """Serve our Plotly.js build instead of Dash's full bundle.

        ``assets/vendor/plotly-custom.min.js`` (core + bar + Latvian locale, built reproducibly by
        ``scripts/build_plotly_bundle.sh``) is 0.39 MB gzipped against the full bundle's 1.47 MB,
        and dcc.Graph uses ``window.Plotly`` when it is already defined. Dash's own version of
        this method would also append to ``dcc``'s module-level script list on every app built.
        """
        self._plotlyjs_url = "/assets/vendor/plotly-custom.min.js"


SHARE_IMAGE = "/assets/app.png"


def _share_meta_tags(page: dict[str, Any], variables: dict[str, Any], title: str) -> str:
    """Description, Open Graph and Twitter card tags for a page, with absolute site URLs."""
    description = page.get("description", "") if page else ""
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


def _database_tag(config: Config) -> str:
    return hashlib.sha256(config.database_url.encode()).hexdigest()[:12]


def _cache_config(config: Config) -> dict[str, Any]:
    if config.testing and not config.redis_url:
        return {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": config.cache_timeout}
    if config.redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": config.redis_url,
            # Cached results are keyed by the data version, a counter that two databases can
            # share; the prefix keeps two databases on one Redis (two sites, or the test
            # suite's throwaway databases) from answering each other's queries.
            "CACHE_KEY_PREFIX": f"remigration:{_database_tag(config)}:",
            "CACHE_DEFAULT_TIMEOUT": config.cache_timeout,
            "CACHE_OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    # No Redis: one cache per host, shared by that host's gunicorn workers.
    return {
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": str(config.instance_path / "cache"),
        "CACHE_DEFAULT_TIMEOUT": config.cache_timeout,
        "CACHE_THRESHOLD": 2000,
    }


def _refuse_untrusted_hosts(server: Flask, config: Config) -> None:
    """Answer 400 to a ``Host`` outside ``TRUSTED_HOSTS`` before any other hook runs.

    Flask checks the host while routing, but ``before_request`` hooks (the response cache's
    lookup among them) run before a routing error is raised; this raises it first.
    """
    server.config["TRUSTED_HOSTS"] = config.trusted_hosts or None

    @server.before_request
    def refuse_untrusted_host() -> None:
        if isinstance(request.routing_exception, SecurityError):
            raise request.routing_exception

    @server.errorhandler(SecurityError)
    def untrusted_host(_error: SecurityError) -> Response:
        text = f"{t('error.untrusted_host', 'lv')}\n{t('error.untrusted_host', 'en')}\n"
        return Response(text, status=400, mimetype="text/plain")


def _register_server_routes(server: Flask) -> None:
    @server.get("/healthz")
    def healthz() -> tuple[Response, int]:
        """For load balancers and monitoring: 503 when the database cannot be reached.

        The cache is reported but does not fail the check: without Redis the site is slower,
        not wrong (see ``dashboard/cache.py``).
        """
        status = {"status": "ok", "database": "ok"}
        if server.config["REMIGRATION"].redis_url:
            status["cache"] = "ok" if get_cache().ping() else "unreachable"
        try:
            with get_db().engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
        except Exception as error:  # noqa: BLE001 - any failure means "database down"
            server.logger.warning("healthz: database unreachable (%s)", type(error).__name__)
            return jsonify({**status, "status": "error", "database": "unreachable"}), 503
        return jsonify(status), 200

    @server.after_request
    def not_found_status(response: Response) -> Response:
        """Unknown addresses get the 404 page *and* a 404 status (Dash would answer 200)."""
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.mimetype == "text/html"
            and request.endpoint in {"/", "/<path:path>"}  # Dash's index routes
        ):
            page, variables = _path_to_page(request.path.strip("/"))
            unknown_embed = (
                page is not None
                and page.get("path_template") == "/embed/<chart>"
                and (variables or {}).get("chart") not in EMBEDS
            )
            if not page or page.get("path") == "/404" or unknown_embed:
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


def _forget_unclaimed_page_callbacks() -> None:
    """Drop page callbacks that an earlier app in this process registered but never claimed.

    Dash re-imports the page modules for every app, and their ``@callback`` decorators add to a
    global registry that an app claims on its first request. An app that is built but never
    serves a request (the CLI builds one just for an app context; tests build many) would leave
    its copies there and the next app would list every callback twice. All our callbacks live in
    page modules or are registered on the app itself, so nothing else is lost.
    """
    from dash import _callback

    _callback.GLOBAL_CALLBACK_LIST.clear()
    _callback.GLOBAL_CALLBACK_MAP.clear()
    _callback.GLOBAL_INLINE_SCRIPTS.clear()


def create_app(config: Config | None = None) -> Dash:
    config = config or Config.from_env()
    server = Flask(__name__, instance_path=str(config.instance_path))
    server.config.update(
        SECRET_KEY=config.secret_key,
        TESTING=config.testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.production,
        JSON_SORT_KEYS=False,
        # Uploads arrive base64-encoded through Dash callbacks (4/3 larger) or as multipart.
        MAX_CONTENT_LENGTH=config.upload_max_bytes * 4 // 3 + 256 * 1024,
    )
    server.config["REMIGRATION"] = config
    server.logger.setLevel(config.log_level)
    logging.getLogger("dashboard").setLevel(config.log_level)

    if config.trusted_proxies:
        hops = config.trusted_proxies
        server.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )

    init_db_app(server, config)
    request_log.init_app(server)  # first, so its timer starts before any other hook runs
    _refuse_untrusted_hosts(server, config)
    cache.init_app(server, _cache_config(config))

    auth.init_app(server, config)
    server.register_blueprint(api.bp)
    server.register_blueprint(admin_api.bp)
    server.register_blueprint(downloads.bp)
    _register_server_routes(server)

    _forget_unclaimed_page_callbacks()
    app = RemigrationDash(
        "dashboard",
        server=server,
        use_pages=True,
        pages_folder="pages",
        assets_folder=str(PROJECT_ROOT / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,
        title="Remigrācijas atbalsts reģionos",
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        include_pages_meta=False,  # RemigrationDash writes them with the configured site URL
    )
    app.layout = shell.layout

    app.clientside_callback(
        "function (n, isOpen) { return n ? !isOpen : isOpen; }",
        Output("navbar-collapse", "is_open"),
        Input("navbar-toggler", "n_clicks"),
        State("navbar-collapse", "is_open"),
    )
    security.init_app(app)
    outage.init_app(server)
    _reject_unknown_callbacks(app)  # before the response cache looks a request up
    response_cache.init_app(server)  # before compression: it stores the compressed bytes
    compression.init_app(server)
    _hide_development_routes(server)
    return app


def _hide_development_routes(server: Flask) -> None:
    """Dash's hot-reload endpoint exists for ``debug=True`` only; anywhere else it is 404."""

    @server.before_request
    def no_reload_hash() -> None:
        if request.path.endswith("/_reload-hash") and not server.debug:
            abort(404)


def _reject_unknown_callbacks(app: Dash) -> None:
    """Answer 400, not 500, when a callback request is not one the app's pages could send.

    Every ``/_dash-update-component`` POST is public input. Dash looks the requested output up
    in ``callback_map`` without a default, so a hand-made body (or one naming a client-side
    callback, which ``/_dash-dependencies`` also lists) would raise ``KeyError`` inside Dash, and
    one with too few inputs an ``IndexError``; a value of the wrong type or an unknown code would
    reach the callback itself. ``dashboard/callback_inputs.py`` declares what each input accepts.
    The accepted request's canonical form is left in ``g`` for the response cache's key.
    """

    @app.server.before_request
    def check_callback_request() -> Any:
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        body = request.get_json(silent=True)
        output = body.get("output") if isinstance(body, dict) else None
        # Client-side callbacks are in the map too, but without a server function.
        if not isinstance(output, str) or "callback" not in app.callback_map.get(output, {}):
            return jsonify(error="bad_request", message="Unknown callback output"), 400
        entry = app.callback_map[output]
        for field, declared in (("inputs", entry["inputs"]), ("state", entry["state"])):
            sent = body.get(field, [])
            if not isinstance(sent, list) or len(sent) != len(declared):
                message = f"The callback takes {len(declared)} {field}"
                return jsonify(error="bad_request", message=message), 400
        problem = callback_inputs.problem(body)
        if problem is not None:
            return jsonify(error="bad_request", message=problem), 400
        g.callback_request = callback_inputs.canonical(body)
        return None


__all__ = ["create_app", "dash"]
