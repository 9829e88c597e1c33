"""``SafeCache``: a cache outage means "not cached", logged once, with a short back-off."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from dashboard.web.shared_cache import SafeCache


class FlakyBackend:
    """Stands in for Flask-Caching's ``Cache``; ``down`` makes every call raise like redis-py."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.down = False
        self.calls = 0

    def _check(self) -> None:
        self.calls += 1
        if self.down:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def get(self, key: str) -> Any:
        self._check()
        return self.data.get(key)

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        self._check()
        self.data[key] = value
        return True


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("dashboard.web.shared_cache.time.monotonic", lambda: now[0])
    return now


def test_values_round_trip_while_the_backend_answers():
    cache = SafeCache(FlakyBackend())  # type: ignore[arg-type]
    assert cache.set("k", 1) is True
    assert cache.get("k") == 1
    assert cache.available and cache.ping()


def test_an_outage_is_logged_once_and_its_end_once(clock, caplog):
    backend = FlakyBackend()
    cache = SafeCache(backend, retry_after=5)  # type: ignore[arg-type]
    backend.down = True
    with caplog.at_level(logging.WARNING, logger="dashboard.web.shared_cache"):
        for _ in range(3):
            assert cache.get("k") is None
            assert cache.set("k", 1) is False
            clock[0] += 10  # past the back-off: every call really tries the backend
        backend.down = False
        assert cache.set("k", 2) is True
        assert cache.get("k") == 2
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages
    assert messages[0].startswith("cache unreachable (ConnectionError")
    assert messages[1].startswith("cache reachable again after 30 s")
    assert cache.available


def test_a_dead_backend_is_not_asked_again_until_the_back_off_ends(clock):
    backend = FlakyBackend()
    cache = SafeCache(backend, retry_after=5)  # type: ignore[arg-type]
    backend.down = True
    assert cache.get("k") is None
    calls = backend.calls
    for _ in range(100):  # within the back-off: no request waits for the dead backend
        assert cache.get("k") is None
        assert cache.set("k", 1) is False
    assert backend.calls == calls
    assert not cache.available
    clock[0] += 6
    backend.down = False
    assert cache.get("k") is None  # tried again, answered (empty)
    assert backend.calls == calls + 1
    assert cache.available


def test_ping_ignores_the_back_off(clock):
    backend = FlakyBackend()
    cache = SafeCache(backend, retry_after=60)  # type: ignore[arg-type]
    backend.down = True
    assert cache.ping() is False
    backend.down = False
    assert cache.ping() is True
    assert cache.available
