"""The shared cache (Flask-Caching; Redis in production), made optional.

Redis is a cache and a rate-limit store, never the source of truth, so a Redis outage must make
the site slower, not broken. :class:`SafeCache` turns every backend error into "not cached",
logs the outage once (and its end once) instead of a traceback per request, and stops asking a
dead backend for a few seconds after each failure, so that readers do not each wait for the
connection timeout while Redis is away.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_caching import Cache

from dashboard.config import Config

logger = logging.getLogger("dashboard.web.shared_cache")

EXTENSION_KEY = "remigration_safe_cache"


class SafeCache:
    """Error-tolerant ``get``/``set``/``delete`` over a Flask-Caching :class:`Cache`."""

    def __init__(self, cache: Cache, retry_after: float = 5.0) -> None:
        self.cache = cache
        self.retry_after = retry_after
        self.down_since: float | None = None
        self._next_try = 0.0

    @property
    def available(self) -> bool:
        return self.down_since is None

    def _skipping(self) -> bool:
        return self.down_since is not None and time.monotonic() < self._next_try

    def _failed(self, error: Exception) -> None:
        now = time.monotonic()
        self._next_try = now + self.retry_after
        if self.down_since is None:
            self.down_since = now
            logger.warning(
                "cache unreachable (%s: %s); serving uncached until it answers again",
                type(error).__name__,
                error,
            )

    def _succeeded(self) -> None:
        if self.down_since is not None:
            logger.warning("cache reachable again after %.0f s", time.monotonic() - self.down_since)
            self.down_since = None

    def get(self, key: str) -> Any:
        """The cached value, or ``None`` when absent or the backend is unreachable."""
        if self._skipping():
            return None
        try:
            value = self.cache.get(key)
        except Exception as error:  # noqa: BLE001 - any backend failure means "no cache"
            self._failed(error)
            return None
        self._succeeded()
        return value

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        if self._skipping():
            return False
        try:
            stored = self.cache.set(key, value, timeout=timeout)
        except Exception as error:  # noqa: BLE001
            self._failed(error)
            return False
        self._succeeded()
        return bool(stored)

    def ping(self) -> bool:
        """Whether the backend answers now (for ``/healthz``; ignores the back-off)."""
        try:
            self.cache.get("healthz")
        except Exception as error:  # noqa: BLE001
            self._failed(error)
            return False
        self._succeeded()
        return True


def _database_tag(config: Config) -> str:
    return hashlib.sha256(config.database_url.encode()).hexdigest()[:12]


def cache_config(config: Config) -> dict[str, Any]:
    """Flask-Caching settings: Redis when configured, else a file cache per host (in tests
    without Redis, an in-process one)."""
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


CODE_TAG_KEY = "remigration_code_tag"


def code_tag() -> str:
    """A digest of the app's own source files.

    Cached query results are keyed by the data version, which a deploy does not change: without
    this tag a new release of the code would read frames that the old code computed (a file
    cache outlives a restart, Redis outlives every host), in an old shape or by an old rule.
    Read once, when the app is created.
    """
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def init_app(server: Flask, config: Config) -> SafeCache:
    cache = Cache(config=cache_config(config))
    cache.init_app(server)
    server.extensions[CODE_TAG_KEY] = code_tag()
    safe = SafeCache(cache)
    server.extensions[EXTENSION_KEY] = safe
    return safe


def get_cache() -> SafeCache:
    return current_app.extensions[EXTENSION_KEY]
