"""Whole-response cache for the public, read-only chart callbacks.

On the day a figure makes the news most readers ask for the same few views, and Dash would
rebuild, serialise and compress the same JSON for each of them. For the callbacks listed in
``PUBLIC_READ_OUTPUTS`` the finished response (compressed bytes included) is kept and a repeat
request is answered before Dash is involved.

What makes an entry (and bounds how many there can be):

* only requests that passed ``dashboard/callback_inputs.py`` (every value a known code or a
  well-formed value) are looked up or stored, and they are keyed by their canonical form, not
  their bytes: re-ordered keys, extra whitespace or fields Dash does not use never make a new entry;
* the rest of the key is what the answer depends on and nothing a client can vary freely: the data
  version, the content encoding the answer was compressed with, the reader's language and the
  site address its links use (``SITE_URL``, or a host ``TRUSTED_HOSTS`` admitted);
* the store is per worker process and bounded in bytes (``RESPONSE_CACHE_MAX_BYTES``), least
  recently used first. Publishing or rolling back changes the data version, so a cached answer
  never outlives the data it was drawn from; stale versions simply age out.

An exact repeat is answered earlier still. Checking a request (``callback_inputs``) reads the
codes it may name through the shared cache: about a third of the time a cached answer took. So
once a request has passed that check and been answered, the digest of its exact bytes (with the
rest of the key) is remembered as an alias of its entry, and a request with those bytes is
answered before the check runs (``init_lookup``): the same bytes under the same data version
were valid then and are now. Bytes never checked are never looked up that way.

Only callbacks whose answer is a pure function of their inputs and the published data belong in
the list: never anything that depends on who is signed in.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from flask import Flask, Response, current_app, g, request

from dashboard.i18n.context import current_lang
from dashboard.queries import data_version, remember_data_version
from dashboard.web.site import site_url

CALLBACK_PATH_SUFFIX = "/_dash-update-component"
EXTENSION_KEY = "remigration_response_cache"

# An output of each cacheable callback ("component-id.property").
PUBLIC_READ_OUTPUTS = frozenset(
    {
        "regions-chart-graph.figure",  # overview: every chart and headline card
        "map-graph.figure",  # map: the shaded map, legend and region table
        "map-panel.children",  # map: the selected municipality's panel
    }
)
# Response headers that belong to the body and are stored with it.
STORED_HEADERS = ("Content-Type", "Content-Encoding", "Vary")
MAX_BODY_BYTES = 512 * 1024
MAX_ALIASES = 10_000  # exact-bytes digests remembered (about 200 bytes each)
MAX_REQUEST_BYTES = 64 * 1024  # larger bodies are not worth an exact-bytes digest
ENCODINGS = ("br", "gzip")  # what compression.py can produce


def output_parts(output: str) -> set[str]:
    """The ``id.property`` parts of Dash's output string (``..a.b...c.d..`` for several)."""
    return {part for part in output.strip(".").split("...") if part}


def is_public_read(output: Any) -> bool:
    return isinstance(output, str) and bool(output_parts(output) & PUBLIC_READ_OUTPUTS)


class ResponseStore:
    """A thread-safe LRU map of key -> (body, headers), bounded by the bodies' total size."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple[bytes, dict[str, str]]] = OrderedDict()
        # Exact-bytes digest -> the key of the entry that request was answered from.
        self.aliases: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()  # gthread workers serve requests from several threads

    def get(self, key: str) -> tuple[bytes, dict[str, str]] | None:
        with self._lock:
            hit = self.entries.get(key)
            if hit is not None:
                self.entries.move_to_end(key)
            return hit

    def put(self, key: str, body: bytes, headers: dict[str, str]) -> bool:
        if len(body) > self.max_bytes:
            return False
        with self._lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old[0])
            self.entries[key] = (body, headers)
            self.size += len(body)
            while self.size > self.max_bytes:
                _key, (dropped, _headers) = self.entries.popitem(last=False)
                self.size -= len(dropped)
        return True

    def alias(self, digest: str, key: str) -> None:
        """Remember that the request with exact-bytes ``digest`` is answered by entry ``key``."""
        with self._lock:
            self.aliases[digest] = key
            self.aliases.move_to_end(digest)
            while len(self.aliases) > MAX_ALIASES:
                self.aliases.popitem(last=False)

    def get_alias(self, digest: str) -> tuple[bytes, dict[str, str]] | None:
        with self._lock:
            key = self.aliases.get(digest)
        return None if key is None else self.get(key)  # an evicted entry is simply a miss

    def __len__(self) -> int:
        return len(self.entries)

    def clear(self) -> None:
        """Forget every response (benchmarks measure answers computed from scratch)."""
        with self._lock:
            self.entries.clear()
            self.aliases.clear()
            self.size = 0


def _encodings() -> str:
    """The encodings this client accepts among those we produce (its Accept-Encoding, reduced)."""
    accepted = request.accept_encodings
    return ",".join(e for e in ENCODINGS if accepted[e] > 0)


def _digest(request_part: bytes) -> str:
    """The key for ``request_part`` (canonical form or exact bytes) and everything else an
    answer depends on."""
    digest = hashlib.sha256()
    for part in (data_version(), _encodings(), current_lang(), site_url()):
        digest.update(part.encode() + b"\0")
    digest.update(request_part)
    return digest.hexdigest()


def _key() -> str | None:
    """The cache key of this request, or ``None`` when it is not a cacheable callback."""
    canonical = g.get("callback_request")  # set only for a request that passed validation
    if canonical is None or request.method != "POST":
        return None
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not is_public_read(body.get("output")):
        return None
    return _digest(b"canonical\0" + canonical.encode())


def _exact_key() -> str | None:
    """The digest of this request's exact bytes, for a callback POST of modest size."""
    if request.method != "POST" or not request.path.endswith(CALLBACK_PATH_SUFFIX):
        return None
    if (request.content_length or 0) > MAX_REQUEST_BYTES:
        return None
    return _digest(b"exact\0" + request.get_data(cache=True))


def _hit(body: bytes, headers: dict[str, str]) -> Response:
    g.response_cache_hit = True
    return Response(body, status=200, headers={**headers, "X-Cache": "hit"})


def init_lookup(server: Flask) -> None:
    """Answer an exact repeat of an answered request before it is checked again.

    Registered after the hooks that refuse a request whatever it asks (the host check, rate
    limits, the outage page) and before ``callback_inputs``' check, whose work it saves.
    """

    @server.before_request
    def answer_exact_repeat() -> Response | None:
        exact = _exact_key()
        if exact is None:
            return None
        g.response_cache_exact_key = exact
        hit = get_store().get_alias(exact)
        return None if hit is None else _hit(*hit)


def get_store() -> ResponseStore:
    return current_app.extensions[EXTENSION_KEY]


def init_app(server: Flask) -> ResponseStore:
    """Register the lookup (before Dash runs) and the store (after compression).

    Flask runs ``after_request`` hooks in reverse order of registration, so this must be called
    before ``compression.init_app`` for the stored bytes to be the compressed ones, and after the
    callback validation hook (``app._reject_unknown_callbacks``), which leaves the request's
    canonical form in ``g``.
    """
    store = ResponseStore(server.config["REMIGRATION"].response_cache_max_bytes)
    server.extensions[EXTENSION_KEY] = store

    @server.before_request
    def answer_from_cache() -> Response | None:
        key = _key()
        if key is None:
            return None
        g.response_cache_key = key
        hit = store.get(key)
        if hit is None:
            return None
        exact = g.get("response_cache_exact_key")
        if exact is not None:
            store.alias(exact, key)  # the same meaning in other bytes: next time, no check
        return _hit(*hit)

    @server.after_request
    def store_response(response: Response) -> Response:
        key = g.get("response_cache_key")
        if key is None or g.get("response_cache_hit") or response.status_code != 200:
            return response
        if response.direct_passthrough or response.is_streamed:
            return response
        body = response.get_data()
        if len(body) > MAX_BODY_BYTES:
            return response
        headers = {h: response.headers[h] for h in STORED_HEADERS if h in response.headers}
        if store.put(key, body, headers):
            remember_data_version(data_version())
            exact = g.get("response_cache_exact_key")
            if exact is not None:
                store.alias(exact, key)
        response.headers["X-Cache"] = "miss"
        return response

    return store
