"""Chart downloads, citation, copy buttons and embeds in a real browser.

The PNG/SVG buttons draw the image in the browser (``assets/chart-tools.js``), so only a browser
can show that the saved file is a real picture with the chart's title and source in it. The
embed test frames ``/embed/overview`` from another origin, as a news site would.

Expected releases, periods and rows are read from the server's open-data API (``/api/v1``), so
they follow the record the server loads (seed and dossier) instead of hand-copied figures.
"""

from __future__ import annotations

import contextlib
import csv
import http.server
import io
import json
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from browser import console_errors, reach_for_chart, screenshot, wait_for
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.e2e

# The "CSV – this view" link of a chart (the other CSV link is the full dataset's).
VIEW_CSV = "a[href*='observations.csv']:not([href*='scope=full'])"


def _api(live_server: str, path: str, **params: str) -> Any:
    """JSON from the server's open-data API."""
    url = f"{live_server}/api/v1/{path}?" + urlencode({"format": "json", **params})
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _view_query(link: Any) -> dict[str, str]:
    """The query string of a view link, one value per parameter."""
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    return {key: values[0] for key, values in query.items()}


def _is_year(row: dict[str, Any], first: str, last: str) -> bool:
    """A row the year view shows for the years ``first``–``last``: its period is one calendar
    year, from 1 January (or from the programme's start, 1 March 2018) to 31 December."""
    year = row["period_start"][:4]
    starts = (f"{year}-01-01", "2018-03-01") if year == "2018" else (f"{year}-01-01",)
    return (
        row["period_start"] in starts
        and row["period_end"] == f"{year}-12-31"
        and first <= year <= last
    )


def _allow_downloads(driver, folder: Path) -> None:
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )


def _wait_for_file(path: Path, timeout: float = 20) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and path.stat().st_size > 0:
            time.sleep(0.2)  # let Chromium finish writing and rename it
            return path.read_bytes()
        time.sleep(0.1)
    folder = sorted(p.name for p in path.parent.iterdir())
    raise AssertionError(f"{path.name} was not downloaded within {timeout}s; folder has {folder}")


def test_png_and_svg_carry_title_and_source(browser, live_server, tmp_path):
    _allow_downloads(browser, tmp_path)
    browser.get(f"{live_server}/?lang=en&metric=people_returned")
    # Straight from the server's picture: the button has Plotly draw the chart first.
    wait_for(browser, "#react-entry-point #regions-chart-card .chart-facade", visible=True)
    wait_for(browser, "#regions-chart-tools button[data-format='svg']")
    title = browser.find_element(By.ID, "regions-chart-title").text
    assert title == "People returned by region and period"
    # The caption names the latest release and the view's period range (from its view link).
    latest = max(r["number"] for r in _api(live_server, "releases") if r["status"] == "published")
    view = _view_query(browser.find_element(By.CSS_SELECTOR, f"#regions-chart-tools {VIEW_CSV}"))
    # The range is in years; the programme's first year is March–December 2018.
    assert view["from"] < view["to"], view
    first = "2018 (Mar–Dec)" if view["from"] == "2018" else view["from"]
    period_range = f"{first} – {view['to']}"

    browser.find_element(By.CSS_SELECTOR, "#regions-chart-tools button[data-format='svg']").click()
    svg = _wait_for_file(tmp_path / "remigration-overview.svg").decode("utf-8")
    assert svg.startswith("<svg")
    assert title in svg
    assert re.search(r"\bSources?: ", svg)
    assert re.search(rf"\brelease {latest}\b", svg), latest
    assert period_range in svg, period_range

    browser.find_element(By.CSS_SELECTOR, "#regions-chart-tools button[data-format='png']").click()
    png = _wait_for_file(tmp_path / "remigration-overview.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width == 1200 and height >= 480
    assert console_errors(browser) == []


def test_map_image_download(browser, live_server, tmp_path):
    _allow_downloads(browser, tmp_path)
    browser.get(f"{live_server}/map?lang=lv")
    wait_for(browser, "#react-entry-point .map-graph-box .chart-facade", visible=True)
    wait_for(browser, "#map-tools button[data-format='svg']").click()
    svg = _wait_for_file(tmp_path / "remigration-map.svg").decode("utf-8")
    assert "Ģimenes atgriezušās" in svg and re.search(r"\bAvot[si]: ", svg)


@pytest.mark.parametrize(
    ("lang", "names", "copied"),
    [
        ("en", ["Copy the citation", "Copy the link", "Copy the embed code"], "link copied"),
        ("lv", ["Kopēt atsauci", "Kopēt saiti", "Kopēt iegulšanas kodu"], "saite nokopēta"),
    ],
)
def test_copy_buttons_are_named_reached_by_keyboard_and_say_what_happened(
    browser, live_server, lang, names, copied
):
    """Each copy button is a real button named for what it copies, sits under the text it
    copies, is reached with Tab and pressed with Enter, keeps the focus, and its status line (a
    live region) then says whether the text was copied. (What lands on the clipboard is not
    read back: headless Chromium refuses clipboard reads; tests/unit/test_chart_sources.py checks
    that the buttons aim at the elements holding the citation, link and snippet.)"""
    browser.get(f"{live_server}/?lang={lang}")
    wait_for(browser, "#trend-chart-tools")
    share = browser.find_element(By.CSS_SELECTOR, "#trend-chart-tools details.chart-share")
    share.find_element(By.TAG_NAME, "summary").click()
    controls = share.find_elements(By.CSS_SELECTOR, ".copy-control")
    assert len(controls) == 3
    targets = ["trend-chart-citation", "trend-chart-permalink", "trend-chart-embed"]
    for control, target, name in zip(controls, targets, names, strict=True):
        button = control.find_element(By.TAG_NAME, "button")
        assert button.get_attribute("id") == f"{target}-copy"
        assert button.aria_role == "button" and button.accessible_name == name
        assert button.text.split("\n")[0] == name.split()[0]  # the visible word
        # The copied text is the element right before the control.
        before = browser.execute_script("return arguments[0].previousElementSibling.id", control)
        assert before == target
        status = control.find_element(By.CSS_SELECTOR, "[role='status']")
        assert status.get_attribute("aria-live") == "polite" and status.text == ""
    # Tab from the citation's button reaches the link, then the link's copy button.
    first = browser.find_element(By.ID, "trend-chart-citation-copy")
    browser.execute_script("arguments[0].focus()", first)
    first.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "trend-chart-permalink"
    browser.switch_to.active_element.send_keys(Keys.TAB)
    link_button = browser.switch_to.active_element
    assert link_button.get_attribute("id") == "trend-chart-permalink-copy"
    link_button.send_keys(Keys.ENTER)
    status = controls[1].find_element(By.CSS_SELECTOR, "[role='status']")
    wait = WebDriverWait(browser, 5)
    wait.until(lambda _: status.text.strip())
    assert copied in status.text.lower(), status.text
    assert browser.switch_to.active_element.get_attribute("id") == "trend-chart-permalink-copy"
    assert console_errors(browser) == []


def test_view_csv_link_downloads_the_view(browser, live_server, tmp_path):
    _allow_downloads(browser, tmp_path)
    browser.get(f"{live_server}/?lang=en&regions=riga")
    link = wait_for(browser, "#regions-chart-tools a[href*='observations.csv?regions=riga']")
    view = _view_query(link)
    link.click()
    body = _wait_for_file(tmp_path / "remigration-view.csv").decode("utf-8")
    assert body.startswith("period,")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {(r["region"], r["metric"], r["geo_level"]) for r in rows} == {
        ("riga", view["metric"], "planning_region")
    }
    # Exactly Riga's year figures of that measure in the view's years, as the API serves them.
    expected = [
        r
        for r in _api(
            live_server,
            "observations",
            geo_level="planning_region",
            region="riga",
            measure=view["metric"],
        )
        if _is_year(r, view["from"], view["to"])
    ]
    assert len(expected) >= 2, expected
    assert {r["shown_as"] for r in rows} == {"total"}
    assert [(r["period"], r["value"]) for r in rows] == [
        (r["period"], str(r["value"])) for r in expected
    ]


@contextlib.contextmanager
def _news_site(snippet: str) -> Iterator[str]:
    """A page on another origin (its own port) whose article pastes the embed snippet."""
    page = f"<!doctype html><html lang=en><title>News</title><h1>An article</h1>{snippet}"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = page.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article"
    finally:
        server.shutdown()
        server.server_close()


def test_embed_snippet_works_in_another_sites_page(browser, live_server):
    browser.get(f"{live_server}/?lang=en")
    wait_for(browser, "#regions-chart-tools")
    snippet = browser.find_element(By.ID, "regions-chart-embed").get_attribute("value")
    assert snippet.startswith(f'<iframe src="{live_server}/embed/overview?')
    with _news_site(snippet) as article:
        browser.get(article)
        frame = wait_for(browser, "iframe")
        browser.switch_to.frame(frame)
        try:
            reach_for_chart(browser, "#embed-graph")
            assert browser.find_element(By.ID, "embed-title").text == (
                "Families returned by region and period"
            )
            assert browser.find_elements(By.CSS_SELECTOR, ".navbar") == []
            back = browser.find_element(By.ID, "embed-back")
            assert back.get_attribute("target") == "_blank"
            text = browser.find_element(By.TAG_NAME, "main").text
            assert re.search(r"\bSources?:", text)
        finally:
            browser.switch_to.default_content()
        screenshot(browser, "embed-in-article")


def test_only_embeds_may_be_framed(browser, live_server):
    """The same news page framing an ordinary page gets nothing: frame-ancestors 'none'."""
    snippet = f'<iframe src="{live_server}/?lang=en" title="x" width="600" height="400"></iframe>'
    with _news_site(snippet) as article:
        browser.get(article)
        frame = wait_for(browser, "iframe")
        browser.switch_to.frame(frame)
        try:
            time.sleep(2)
            # (Chromium's own "refused to connect" page has a #main-content too; ours is Dash.)
            assert browser.find_elements(By.ID, "react-entry-point") == []
            assert browser.find_elements(By.CSS_SELECTOR, ".skip-link") == []
        finally:
            browser.switch_to.default_content()
