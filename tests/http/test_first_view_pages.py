"""Each public page arrives with its first view in the HTML and its layout in Dash's first answer.

``web/first_view.py`` writes the page as static HTML so a phone paints it before any script;
``components/shell.page_container`` puts the page into the app layout so Dash needs no routing
round trip; the scripts are inert tags started by one fixed loader after the first paint. These
read what a browser receives, on the real record.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import pytest

from dashboard.dash_internals import SCRIPT_LOADER

PAGES = {
    "/": {"lv": "Pārskats", "en": "Overview"},
    "/map": {"lv": "Pašvaldību karte", "en": "Municipality map"},
    "/contacts": {"lv": "Kontakti", "en": "Contacts"},
    "/funding": {"lv": "Finansējums", "en": "Funding"},
    "/data": {"lv": "Atvērtie dati", "en": "Open data"},
    "/about": {"lv": "Par programmu un datiem", "en": "About the programme and the data"},
}


def _first_view(html: str) -> str:
    start = html.index('<div id="first-view">')
    return html[start : html.index('<div id="react-entry-point">', start)]


def _inline_scripts(html: str) -> list[str]:
    """The bodies of the scripts a browser runs from the page itself (not JSON, not inert)."""
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)  # Dash's note for Internet Explorer
    scripts = re.findall(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S)
    return [
        body
        for attrs, body in scripts
        if "src=" not in attrs and "application/json" not in attrs and body.strip()
    ]


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_a_public_page_arrives_with_its_first_view_and_only_allowed_scripts(
    record_client: Any, path: str, lang: str
):
    response = record_client.get(f"{path}?lang={lang}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    first = _first_view(html)
    assert f'<h1 class="h2">{PAGES[path][lang]}</h1>' in first
    assert 'id="fv-_pages_content"' in first and 'id="_pages_content"' not in first
    # No live script tag: each is inert until the loader adds it after the first paint.
    assert not re.search(r"<script (?:defer )?src=", html)
    inert = re.findall(r'<script type="text/plain" data-after-paint src="([^"]+)"', html)
    assert any("dash_renderer" in src for src in inert)
    policy = response.headers["Content-Security-Policy"]
    inline = _inline_scripts(html)
    assert SCRIPT_LOADER in inline
    assert [s for s in inline if _sha256(s) not in policy] == []


def test_the_overview_s_first_view_holds_its_headline_figure(record_client: Any):
    html = record_client.get("/?lang=en").get_data(as_text=True)
    first = _first_view(html)
    card = re.search(r'<div class="[^"]*headline-card[^"]*" id="fv-headline-([a-z-]+)"', first)
    assert card, "no headline card in the first view"
    assert re.search(r'class="[^"]*headline-value[^"]*"[^>]*>[\d,  ]+<', first)


def test_the_layout_request_holds_the_page_so_no_routing_callback_is_needed(record_client: Any):
    referer = "http://localhost/contacts?lang=en&region=vidzeme"
    layout = record_client.get("/_dash-layout", headers={"Referer": referer}).get_json()
    text = json.dumps(layout)
    location = _find(layout, "_pages_location")
    assert location["props"]["pathname"] == "/contacts"
    assert location["props"]["search"] == "?lang=en&region=vidzeme"
    content = _find(layout, "_pages_content")
    assert content["props"]["children"], "the page container arrived empty"
    assert "contacts-list" in text and "Contacts" in text
    store = _find(layout, "_pages_store")
    assert store["props"]["data"]["title"].startswith("Contacts")


def test_without_a_referrer_the_layout_falls_back_to_dash_s_routing(record_client: Any):
    layout = record_client.get("/_dash-layout").get_json()
    location = _find(layout, "_pages_location")
    assert "pathname" not in location["props"]
    assert not _find(layout, "_pages_content")["props"].get("children")


def test_admin_and_unknown_pages_have_no_first_view(record_client: Any):
    assert 'id="first-view"' not in record_client.get("/admin").get_data(as_text=True)
    missing = record_client.get("/no/such/page")
    assert missing.status_code == 404
    assert 'id="first-view"' not in missing.get_data(as_text=True)


def _find(node: Any, component_id: str) -> dict[str, Any]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("props", {}).get("id") == component_id:
                return item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    raise AssertionError(f"{component_id} not in the layout")


def test_a_page_layout_that_fails_still_serves_the_shell(record_client: Any, monkeypatch):
    """The page in the first layout must not turn one page's error into a blank app: the shell
    comes with Dash's empty container (its routing callback then reports), and the index page
    without a first view."""
    from dashboard.dash_internals import page_for_path

    page, _ = page_for_path("/about")

    def broken(**_query: Any) -> Any:
        raise RuntimeError("layout failed")

    monkeypatch.setitem(page, "layout", broken)
    index = record_client.get("/about?lang=en")
    assert index.status_code == 200
    assert 'id="first-view"' not in index.get_data(as_text=True)
    layout = record_client.get("/_dash-layout", headers={"Referer": "http://localhost/about"})
    assert layout.status_code == 200
    assert "pathname" not in _find(layout.get_json(), "_pages_location")["props"]
