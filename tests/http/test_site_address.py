"""Absolute links come from SITE_URL or a trusted host, never from a forged ``Host`` header.

The chart tools' permalink, embed snippet and citation, the /data page's API examples and the
share-card meta tags are absolute URLs, and the chart callbacks' answers are cached and served to
other readers: one request with ``Host: evil.example`` must not put that host in front of anyone.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from support import dash_outputs, expand_static_sections, fresh_client, page_content

from dashboard.config import Config

EVIL = "evil.example"
MAP_VALUES = {
    "map-filter-metric.value": "families_returned",
    "map-filter-period.value": "2019",
    "map-division.value": "2009",
    "map-selected.data": "2009:LV-083",
    "map-via.data": None,
    "map-lang.data": "en",
}


def _map_callbacks(client: Any) -> list[dict[str, Any]]:
    """The bodies dash-renderer posts for the map page (map and side panel)."""
    deps = client.get("/_dash-dependencies").get_json()
    bodies = []
    for dep in deps:
        if dep.get("clientside_function") or not any(
            part in dep["output"] for part in ("map-graph.figure", "map-panel.children")
        ):
            continue
        bodies.append(
            {
                "output": dep["output"],
                "outputs": dash_outputs(dep["output"]),
                "inputs": [
                    {**i, "value": MAP_VALUES[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]
                ],
                "state": [
                    {**s, "value": MAP_VALUES[f"{s['id']}.{s['property']}"]} for s in dep["state"]
                ],
                "changedPropIds": ["map-selected.data"],
            }
        )
    assert len(bodies) == 2
    return bodies


def _text(response: Any) -> str:
    """The answer's JSON as text (Dash writes "/" as "\\u002f" in the raw bytes), its static
    sections as the browser has them."""
    return json.dumps(expand_static_sections(response.get_json()), ensure_ascii=False)


def _post(client: Any, body: dict[str, Any], host: str | None = None) -> Any:
    headers = {"Accept-Encoding": "identity"}
    if host:
        headers["Host"] = host
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def site_app(make_app: Any, config: Config) -> Any:
    """The app as deployed: a configured SITE_URL, and only its host trusted."""
    config.site_url = "https://dati.example.lv"
    config.trusted_hosts = ["dati.example.lv", "localhost"]
    return make_app(config)


def test_a_forged_host_is_refused_before_any_reader_visits(app):
    attacker = fresh_client(app)
    for body in _map_callbacks(attacker):
        refused = _post(attacker, body, host=EVIL)
        assert refused.status_code == 400
        assert "Host" in refused.get_data(as_text=True)
        assert "X-Cache" not in refused.headers
    for path in ("/map", "/", "/data", "/api/v1/releases", "/healthz"):
        assert attacker.get(path, headers={"Host": EVIL}).status_code == 400, path
    reader = fresh_client(app)
    texts = []
    for body in _map_callbacks(reader):
        answer = _post(reader, body)
        assert answer.status_code == 200
        texts.append(_text(answer))
    assert all(EVIL not in text for text in texts)
    assert "http://localhost/map?" in texts[0]  # the permalink under the map


def test_links_come_from_site_url_whatever_trusted_host_was_used(site_app):
    client = fresh_client(site_app)
    text = _text(_post(client, _map_callbacks(client)[0]))
    assert "https://dati.example.lv/map?" in text
    assert 'src=\\"https://dati.example.lv/embed/map?' in text
    assert "http://localhost" not in text
    page = client.get("/map?lang=en").get_data(as_text=True)
    assert '<meta property="og:url" content="https://dati.example.lv/map?lang=en">' in page
    assert '<meta property="og:image" content="https://dati.example.lv/assets/app.png">' in page
    assert "http://localhost" not in page
    data = json.dumps(page_content(client, "/data").get_json())
    assert "https://dati.example.lv/api/v1/observations?format=csv" in data
    assert "http://localhost" not in data


def test_a_host_outside_trusted_hosts_is_refused_even_with_site_url(site_app):
    client = fresh_client(site_app)
    assert client.get("/", headers={"Host": EVIL}).status_code == 400
    assert client.get("/", headers={"Host": "dati.example.lv"}).status_code == 200
    assert client.get("/", headers={"Host": "dati.example.lv:8443"}).status_code == 200


def test_each_trusted_host_gets_answers_with_its_own_links(make_app, config):
    """Without SITE_URL (development) links follow the trusted host, and cache entries too."""
    config.trusted_hosts = ["localhost", "127.0.0.1"]
    app = make_app(config)
    client = fresh_client(app)
    body = _map_callbacks(client)[0]
    first = _post(client, body, host="localhost")
    other = _post(client, body, host="127.0.0.1:8050")
    assert first.headers["X-Cache"] == other.headers["X-Cache"] == "miss"
    assert "http://localhost/map?" in _text(first)
    assert "http://127.0.0.1:8050/map?" in _text(other)
    assert _post(client, body, host="127.0.0.1:8050").headers["X-Cache"] == "hit"


def test_development_routes_are_off_outside_debug(app):
    assert fresh_client(app).get("/_reload-hash").status_code == 404
