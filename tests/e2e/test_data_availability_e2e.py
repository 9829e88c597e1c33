"""``/data`` in a real headless Chromium with the real record (the live server loads the seed and
the dossier on start): the "Data availability" matrix on a phone and on a desktop.

On a 360 px phone the page body must not scroll sideways; the matrix is wider than the screen
and scrolls inside its own region (keyboard-focusable, named by its heading), with the place
column kept in view. Choosing a measure shows its matrix; a cell whose sources disagree (found
through the server's own API with every source) says so and links to each source.
"""

from __future__ import annotations

import json
import urllib.request
from collections import defaultdict
from typing import Any

from browser import console_errors, screenshot, set_viewport, wait_for
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

OVERFLOW_JS = "return [document.documentElement.scrollWidth, window.innerWidth];"
REGION_JS = """
const box = document.querySelector('#data-availability-table');
return {scroll: box.scrollWidth, client: box.clientWidth, left: box.scrollLeft,
        page: window.scrollX, tabindex: box.getAttribute('tabindex'),
        role: box.getAttribute('role'), label: box.getAttribute('aria-labelledby')};
"""


def _api(base: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base}{path}", timeout=20) as response:
        return json.load(response)


def _a_conflict(base: str) -> dict[str, Any]:
    """A planning-region cell within one calendar year whose sources give different values."""
    rows = _api(base, "/api/v1/observations?geo_level=planning_region&sources=all")
    cells: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["period_start"][:4] == row["period_end"][:4] and row["kind"] == "flow":
            cells[(row["metric"], row["geo_code"], row["period"])].append(row)
    for (metric, region, _), found in cells.items():
        if len({r["value"] for r in found}) > 1:
            return {
                "metric": metric,
                "region": region,
                "year": found[0]["period_start"][:4],
                "urls": {r["source_url"] for r in found},
            }
    raise AssertionError("the record holds no conflicting cell")


def test_the_matrix_scrolls_in_its_own_region_on_a_phone(live_server, browser):
    set_viewport(browser, 360, 800)
    browser.get(f"{live_server}/data?lang=lv")
    wait_for(browser, "#data-availability-table table", visible=True)
    region = browser.execute_script(REGION_JS)
    assert region["role"] == "region" and region["tabindex"] == "0"
    heading = browser.find_element(By.ID, region["label"])
    assert heading.text.startswith("Ģimenes atgriezušās")
    assert region["scroll"] > region["client"], "the matrix is wider than a phone"
    width, viewport = browser.execute_script(OVERFLOW_JS)
    assert width <= viewport, f"page is {width} px wide in a {viewport} px viewport"

    box = browser.find_element(By.ID, "data-availability-table")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", box)
    browser.execute_script("arguments[0].scrollLeft = 400", box)
    moved = browser.execute_script(REGION_JS)
    assert moved["left"] > 0 and moved["page"] == 0
    # The place column stays in view while the years scroll under it.
    first = box.find_element(By.CSS_SELECTOR, "tbody th[scope='row']")
    assert first.text == "Latvija"
    assert 0 <= first.rect["x"] < 40
    screenshot(browser, "data-availability-360")
    width, viewport = browser.execute_script(OVERFLOW_JS)
    assert width <= viewport
    assert console_errors(browser) == []


def test_choosing_a_measure_shows_its_conflicts_with_both_sources(live_server, browser):
    conflict = _a_conflict(live_server)
    regions = {r["code"]: r["name_en"] for r in _api(live_server, "/api/v1/regions")}
    browser.set_window_size(1366, 900)
    browser.get(f"{live_server}/data?lang=en")
    select = Select(wait_for(browser, "#data-availability-measure", visible=True))
    select.select_by_value(f"flow.{conflict['metric']}")

    def cell(driver: Any) -> Any:
        table = driver.find_element(By.CSS_SELECTOR, "#data-availability-table table")
        if conflict["metric"] not in driver.find_element(
            By.ID, "data-availability-table"
        ).get_attribute("aria-labelledby"):
            return False
        years = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
            cells = tr.find_elements(By.CSS_SELECTOR, "th, td")
            if cells[0].text == regions[conflict["region"]]:
                return cells[years.index(conflict["year"])]
        return False

    # The matrix is replaced while the answer arrives: a table found a moment ago may be gone.
    found = WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,)).until(
        cell
    )
    assert "≠" in found.text
    assert "conflicting sources" in found.get_attribute("textContent")
    hrefs = {a.get_attribute("href") for a in found.find_elements(By.TAG_NAME, "a")}
    assert conflict["urls"] <= hrefs
    box = browser.find_element(By.ID, "data-availability-table")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", box)
    screenshot(browser, "data-availability-1366")
    width, viewport = browser.execute_script(OVERFLOW_JS)
    assert width <= viewport
    assert console_errors(browser) == []
