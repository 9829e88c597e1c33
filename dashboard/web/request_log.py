"""One structured (JSON) log line per request, with its timing, for operators and load tests.

Written to the ``dashboard.request`` logger, so production can route it (gunicorn's error log
by default) without changing the app's other logging. Query strings are left out: they can hold
a reader's search text.
"""

from __future__ import annotations

import json
import logging
import time

from flask import Flask, Response, g, request

logger = logging.getLogger("dashboard.request")


def init_app(server: Flask) -> None:
    @server.before_request
    def start_timer() -> None:
        g.request_started = time.perf_counter()

    @server.after_request
    def log_request(response: Response) -> Response:
        started = g.get("request_started")
        if started is None or not logger.isEnabledFor(logging.INFO):
            return response
        logger.info(
            json.dumps(
                {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "bytes": response.calculate_content_length(),
                },
                separators=(",", ":"),
            )
        )
        return response
