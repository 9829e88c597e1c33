"""PostgreSQL goes away while the app serves, then comes back.

The app reaches PostgreSQL through a TCP proxy owned by the test. Stopping the proxy drops every
open connection and refuses new ones, which is what the app sees when the database server stops
(without stopping the machine's PostgreSQL, which the rest of the suite uses). Expected:
cached views keep being served; anything else answers a bilingual 503 "data temporarily
unavailable" (HTML for pages, JSON for the API and callbacks) without a stack trace;
``/healthz`` reports the fault; and once the database is back the same app serves everything
again, without a restart.

Runs in ``make test``'s PostgreSQL pass (TEST_DATABASE_URL); skipped on SQLite, which has no
server to lose.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from support import fresh_client, page_content

DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgresql"),
    reason="needs PostgreSQL (TEST_DATABASE_URL): the outage is a database server going away",
)


class TcpProxy:
    """Forwards 127.0.0.1:<port> to the database; ``stop()`` is the server going away."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            client.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    url = sa.engine.make_url(DATABASE_URL)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def proxied_app(make_app, config, proxy) -> Any:
    url = sa.engine.make_url(config.database_url).set(host="127.0.0.1", port=proxy.port)
    # The in-process cache of a testing app: what is cached is exactly what this test cached
    # (the shared test Redis may hold views from other tests).
    return make_app(
        dataclasses.replace(
            config,
            database_url=url.render_as_string(hide_password=False),
            redis_url=None,
            db_connect_timeout=2,
        )
    )


def _assert_unavailable_json(response: Any) -> None:
    assert response.status_code == 503, response.get_data(as_text=True)[:500]
    assert response.headers["Retry-After"] == "30"
    body = response.get_json()
    assert body["error"] == "database_unavailable"
    assert body["message"].startswith("The database is unavailable right now")
    assert body["message_lv"].startswith("Datubāze pašlaik nav pieejama")
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "psycopg" not in text and "SELECT" not in text


def _assert_unavailable_page(response: Any) -> None:
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    assert response.headers["Retry-After"] == "30"
    text = response.get_data(as_text=True)
    assert '<html lang="lv">' in text
    assert "Remigrācijas atbalsts reģionos" in text  # the site it belongs to
    assert "<h1>Dati īslaicīgi nav pieejami</h1>" in text
    assert "<h2>Data temporarily unavailable</h2>" in text
    assert "Traceback" not in text and "psycopg" not in text and "OperationalError" not in text


def test_cached_views_survive_an_outage_and_the_app_recovers_without_a_restart(
    proxied_app, proxy, seed_values
):
    client = fresh_client(proxied_app)
    assert client.get("/healthz").status_code == 200
    # A reader's visit while all is well fills the cache: the overview and the full dataset.
    assert client.get("/").status_code == 200
    overview = page_content(client, "/")
    assert overview.status_code == 200
    api = client.get("/api/v1/observations")
    assert api.status_code == 200
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = spec["paths"]["/api/v1/observations"]["get"]["responses"]["503"]

    proxy.stop()  # PostgreSQL goes away

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["database"] == "unreachable"
    # Cached: served as before, the same numbers.
    assert client.get("/").status_code == 200
    again = page_content(client, "/")
    assert again.status_code == 200
    assert again.get_json() == overview.get_json()
    cached_api = client.get("/api/v1/observations")
    assert cached_api.status_code == 200
    served = {(r["period"], r["region"], r["metric"]): r["value"] for r in cached_api.json}
    assert served == seed_values
    # Not cached: a clear 503, as a page for people and as JSON for programs.
    _assert_unavailable_page(client.get("/contacts"))
    unavailable = client.get("/api/v1/observations?region=latgale")
    _assert_unavailable_json(unavailable)
    assert "Retry-After" in documented["headers"]  # and the answer is the documented one
    required = documented["content"]["application/json"]["schema"]["required"]
    assert set(required) <= set(unavailable.get_json())
    _assert_unavailable_json(client.get("/download/funding.csv"))
    content = page_content(client, "/funding")  # a page already open in a browser
    assert content.status_code == 200
    assert "Dati īslaicīgi nav pieejami" in json.dumps(content.get_json(), ensure_ascii=False)

    proxy.start()  # PostgreSQL is back; the same app, no restart

    assert client.get("/healthz").status_code == 200
    assert client.get("/contacts").status_code == 200
    latgale = client.get("/api/v1/observations?region=latgale")
    assert latgale.status_code == 200
    assert {r["region"] for r in latgale.json} == {"latgale"}
    assert client.get("/download/funding.csv").status_code == 200
    content = page_content(client, "/funding")
    shown = json.dumps(content.get_json(), ensure_ascii=False)
    assert "Dati īslaicīgi nav pieejami" not in shown
    assert "Finansējums" in shown


def test_with_nothing_cached_every_page_says_data_unavailable(proxied_app, proxy):
    proxy.stop()
    client = fresh_client(proxied_app)
    for path in ("/", "/map", "/contacts", "/funding", "/data", "/embed/overview"):
        _assert_unavailable_page(client.get(path))
    english = client.get("/?lang=en")
    assert english.status_code == 503
    assert "<h1>Data temporarily unavailable</h1>" in english.get_data(as_text=True)
    _assert_unavailable_json(client.get("/api/v1/observations"))
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json() == {"status": "error", "database": "unreachable"}
    proxy.start()
    assert client.get("/").status_code == 200
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
