"""The application factory.

``create_app(config)`` builds the Flask server and the Dash app on it and wires the pieces
together, in the order their request hooks must run. It performs no I/O: the database is created
and seeded by ``remigration init-db`` (which ``remigration serve`` runs first).

Where things are: ``web/`` (what every HTTP response goes through: hosts, security headers,
caches, compression, outages, logs, downloads, callback input checks), ``auth/`` (accounts,
sessions, sign-in), ``api/`` (open data and the admin API), ``pages/`` (Dash pages), and the read
(``queries/``) and write (``services/``) sides below them.
"""

from __future__ import annotations

import logging

from dash import Dash, Input, Output, State
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import api, auth
from dashboard.api import admin as admin_api
from dashboard.components import shell
from dashboard.config import PROJECT_ROOT, Config
from dashboard.dash_internals import ASSETS_NOT_ON_EVERY_PAGE, forget_unclaimed_page_callbacks
from dashboard.db.session import init_app as init_db_app
from dashboard.web import (
    asset_cache,
    callback_inputs,
    compression,
    downloads,
    health,
    index_page,
    outage,
    request_log,
    response_cache,
    security,
    shared_cache,
    site,
)


def _flask_server(config: Config) -> Flask:
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
    return server


def create_app(config: Config | None = None) -> Dash:
    config = config or Config.from_env()
    server = _flask_server(config)

    init_db_app(server, config)
    request_log.init_app(server)  # first, so its timer starts before any other hook runs
    site.init_app(server, config)  # then refuse untrusted hosts before anything else runs
    shared_cache.init_app(server, config)
    auth.init_app(server, config)
    server.register_blueprint(api.v1.bp)
    server.register_blueprint(admin_api.bp)
    server.register_blueprint(api.admin_measures.bp)
    server.register_blueprint(downloads.bp)
    health.init_app(server)
    asset_cache.init_app(server)
    index_page.init_app(server)

    forget_unclaimed_page_callbacks()
    app = index_page.RemigrationDash(
        "dashboard",
        server=server,
        use_pages=True,
        pages_folder="pages",
        assets_folder=str(PROJECT_ROOT / "assets"),
        # Served, but not loaded by every page: assets/plotly-on-demand.js loads it when a chart
        # nears the viewport.
        assets_ignore=ASSETS_NOT_ON_EVERY_PAGE,
        serve_locally=True,
        suppress_callback_exceptions=True,
        title="Remigrācijas atbalsts reģionos",
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        include_pages_meta=False,  # index_page writes them with the configured site URL
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
    response_cache.init_lookup(server)  # an exact repeat of an answered request: no re-check
    callback_inputs.init_app(app)  # before the response cache looks a request up
    response_cache.init_app(server)  # before compression: it stores the compressed bytes
    compression.init_app(server)
    return app
