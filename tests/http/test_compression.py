"""Large responses are compressed; static files are compressed once per process."""

from __future__ import annotations

import gzip
import json

import brotli


def _asset_url(client) -> str:
    import re

    html = client.get("/").get_data(as_text=True)
    return re.search(r'content="(/assets/vendor/plotly-custom\.min\.js[^"]*)"', html).group(1)


def test_static_files_are_compressed_once(app):
    client = app.server.test_client()
    url = _asset_url(client)
    raw = client.get(url, headers={"Accept-Encoding": "identity"}).data
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.data) == raw
    assert len(first.data) < len(raw) / 2
    cache = app.server.extensions["remigration_compression_cache"]
    hits = cache.hits
    second = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert second.data == first.data
    assert cache.hits == hits + 1, "the second request must be served from the cache"
    br = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.data) == raw


def test_dynamic_responses_are_compressed_but_never_cached(app):
    client = app.server.test_client()
    cache = app.server.extensions["remigration_compression_cache"]
    before = dict(cache.entries)
    for lang in ("lv", "en"):
        response = client.get(
            f"/api/v1/observations?lang={lang}", headers={"Accept-Encoding": "gzip"}
        )
        assert response.headers["Content-Encoding"] == "gzip"
        rows = json.loads(gzip.decompress(response.data))
        assert len(rows) == 45
    assert cache.entries.keys() == before.keys()
    assert "Accept-Encoding" in response.headers["Vary"]


def test_fingerprinted_assets_are_cached_for_a_year_and_others_revalidate(client):
    """Dash writes our assets with ``?m=<mtime>``: a changed file gets a new address, so a
    returning reader's browser need not ask again (it used to revalidate a dozen files)."""
    import re

    html = client.get("/").get_data(as_text=True)
    assets = re.findall(r'(?:src|href|content)="(/assets/[^"]+\?m=[^"]+)"', html)
    assert len(assets) >= 5, assets
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
    bare = client.get("/assets/app.css")
    assert bare.status_code == 200
    assert "immutable" not in bare.headers.get("Cache-Control", "")


def test_open_data_text_formats_are_compressed(app):
    """CSV, the catalogue record and the feed are text that compresses well; Flask-Compress's
    default list would send CSV, JSON-LD and Turtle as they are."""
    client = app.server.test_client()
    for url in (
        "/api/v1/observations?format=csv",
        "/download/observations.csv?scope=full&bom=1",
        "/api/v1/catalog.jsonld",
        "/api/v1/catalog.ttl",
        "/api/v1/releases.atom",
    ):
        raw = client.get(url, headers={"Accept-Encoding": "identity"})
        packed = client.get(url, headers={"Accept-Encoding": "br"})
        assert packed.headers.get("Content-Encoding") == "br", url
        assert brotli.decompress(packed.data) == raw.data, url
        assert len(packed.data) < len(raw.data) / 2, url
