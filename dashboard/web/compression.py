"""Response compression (Flask-Compress) that compresses each static file once per process.

Dash's own scripts (``/_dash-component-suites/``) and our ``/assets/`` are the bulk of a first
visit and never change while a process runs (their URLs carry a version or modification
fingerprint), so their compressed bytes are kept in a small per-app LRU cache keyed by URL and
algorithm. Everything else (pages, callbacks, API answers, which depend on cookies and data) is
compressed per response and never cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from flask import Flask, Request, Response, request
from flask_compress import Compress

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
# Every text format the app serves. Flask-Compress's default list leaves out the open-data ones:
# CSV (the tidy export grows with every release) and the catalogue record (JSON-LD, Turtle).
MIMETYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "image/x-icon",
    "application/atom+xml",
    "text/csv",
    "text/vcard",
    "application/ld+json",
    "text/turtle",
]
NO_CACHE = "no-cache:"


def _cache_key(request: Request) -> str:
    if request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    return NO_CACHE


class StaticCompressionCache:
    """The ``COMPRESS_CACHE_BACKEND`` object: stores only static files, at most ``size``."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()  # gthread workers serve requests from several threads

    def get(self, key: str) -> bytes | None:
        if key.endswith(NO_CACHE):
            return None
        with self._lock:
            value = self.entries.get(key)
            if value is None:
                self.misses += 1
                return None
            self.hits += 1
            self.entries.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(NO_CACHE):
            return
        with self._lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


def init_app(server: Flask) -> Any:
    cache = StaticCompressionCache()
    server.config.update(
        COMPRESS_MIMETYPES=MIMETYPES,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_STREAMS=False,
        COMPRESS_CACHE_KEY=_cache_key,
        COMPRESS_CACHE_BACKEND=lambda: cache,
    )
    Compress(server)

    # Registered after Compress, so it runs before it (Flask runs after_request hooks in
    # reverse order): static files are sent as streamed file wrappers, which Flask-Compress
    # would leave uncompressed, so they are read into memory first (then compressed once).
    @server.after_request
    def buffer_static_files(response: Response) -> Response:
        if response.status_code == 200 and request.path.startswith(STATIC_PREFIXES):
            response.direct_passthrough = False
            response.set_data(response.get_data())
        return response

    server.extensions["remigration_compression_cache"] = cache
    return cache
