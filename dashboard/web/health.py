"""``GET /healthz`` for load balancers and monitoring."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, Response, jsonify

from dashboard.db.session import get_db
from dashboard.web.shared_cache import get_cache


def init_app(server: Flask) -> None:
    @server.get("/healthz")
    def healthz() -> tuple[Response, int]:
        """503 when the database cannot be reached; 200 otherwise.

        The cache is reported but does not fail the check: without Redis the site is slower,
        not wrong (see ``web/shared_cache.py``).
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
