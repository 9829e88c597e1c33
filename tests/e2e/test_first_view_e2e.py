"""The first view sent with each page is the page Dash draws, and Plotly loads only for charts.

A phone paints the static first view (``dashboard/web/first_view.py``) seconds before Dash has
drawn its own copy; when the copy replaces it nothing may move, or the reader loses their place
(and the layout-shift metric would only be hiding the jump). So for each public page, at a
phone's and a laptop's width, this loads the page once with Dash's scripts blocked (the first
view alone, as a slow phone shows it) and once normally (after the hand-over), and compares
where every heading, paragraph, card, table, form control and chart box sits.

Plotly (0.36 MB compressed) is requested only when a chart nears the viewport
(``assets/plotly-on-demand.js``): pages without charts never ask for it.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from browser import console_errors, reach_for_chart, screenshot, set_viewport, wait_for
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

PAGES = ["/", "/map", "/contacts", "/funding", "/data", "/about"]
CASES = [(p, "lv", w) for p in PAGES for w in (360, 1366)] + [
    ("/", "en", 360),
    ("/contacts", "en", 1366),
]
TOLERANCE_PX = 2

# Boxes of what a reader sees, outside charts (Plotly draws later, inside reserved boxes) and
# closed <details> (their content is not laid out).
BOXES_JS = """
const root = document.querySelector(arguments[0]);
if (!root) { return null; }
const out = [];
const seen = 'h1,h2,h3,p,.card,table,select,input,label,summary,li,dt,dd,.chart-box,nav,footer';
for (const el of root.querySelectorAll(seen)) {
  if (el.parentElement.closest('.chart-box')) { continue; }
  const closed = el.parentElement.closest('details:not([open])');
  if (closed && el.tagName !== 'SUMMARY') { continue; }
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) { continue; }
  // A card's text would include its chart's once drawn: name it by its heading.
  const named = el.matches('.card') ? el.querySelector('h1,h2,h3,h4,h5') : el;
  const text = named ? (named.textContent || '').trim().slice(0, 40) : '';
  const label = el.matches('.chart-box') ? 'chart' : text;
  out.push({what: el.tagName + ' ' + label,
            x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height});
}
return out;
"""
PLOTLY_REQUESTED_JS = """
return performance.getEntriesByType('resource').some((e) => e.name.includes('plotly-custom'));
"""


def _first_view_alone(driver: WebDriver, url: str) -> list[dict[str, Any]]:
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*_dash-component-suites*"]})
    try:
        driver.get(url, wait_for_dash=False)
        deadline = time.monotonic() + 10
        boxes = None
        while time.monotonic() < deadline and not boxes:
            boxes = driver.execute_script(BOXES_JS, "#first-view")
            time.sleep(0.1)
        return boxes or []
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        driver.get_log("browser")  # the blocked scripts' errors are this load's, not the page's


def _dash_page(driver: WebDriver, url: str) -> list[dict[str, Any]]:
    driver.get(url)
    wait_for(driver, "#_pages_content > *", timeout=30)  # also waits for the hand-over
    time.sleep(0.5)
    return driver.execute_script(BOXES_JS, "#react-entry-point")


@pytest.mark.parametrize(("path", "lang", "width"), CASES)
def test_the_first_view_is_where_dash_draws_the_page(
    module_browser, live_server, path, lang, width
):
    driver = module_browser
    driver.execute_cdp_cmd("Network.enable", {})
    set_viewport(driver, width, 740 if width < 500 else 900, mobile=width < 500)
    url = f"{live_server}{path}?lang={lang}"
    first = _first_view_alone(driver, url)
    name = f"first-view-{path.strip('/') or 'overview'}-{lang}-{width}"
    screenshot(driver, f"{name}-static")
    assert len(first) > 5, f"{url}: no first view in the page ({first!r})"

    drawn = _dash_page(driver, url)
    screenshot(driver, f"{name}-dash")
    assert driver.execute_script("return !document.getElementById('first-view')")
    assert not console_errors(driver)
    assert [b["what"] for b in first] == [b["what"] for b in drawn], (
        f"{url} at {width}px: the first view and Dash's page hold different elements"
    )
    moved = [
        (a["what"], {k: round(a[k]) for k in "xywh"}, {k: round(b[k]) for k in "xywh"})
        for a, b in zip(first, drawn, strict=True)
        if any(abs(a[k] - b[k]) > TOLERANCE_PX for k in "xywh")
    ]
    assert not moved, f"{url} at {width}px: moved at the hand-over: {moved[:5]}"


@pytest.mark.parametrize("path", ["/contacts", "/data", "/about"])
def test_pages_without_charts_never_load_plotly(module_browser, live_server, path):
    driver = module_browser
    set_viewport(driver, 360, 740, mobile=True)
    driver.get(f"{live_server}{path}?lang=lv")
    wait_for(driver, "#_pages_content > *", timeout=30)
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    time.sleep(1.0)
    assert driver.execute_script(PLOTLY_REQUESTED_JS) is False


PICTURES_JS = """
return [...document.querySelectorAll('#react-entry-point .chart-box')].map((box) => {
  const picture = box.querySelector('.chart-facade');
  return {
    graph: box.querySelector('.dash-graph').id,
    shown: !!picture && picture.getClientRects().length > 0,
    marks: picture ? picture.querySelectorAll('.facade-bar, .facade-marker').length : 0,
    drawn: !!box.querySelector('.main-svg'),
  };
});
"""


@pytest.mark.parametrize("path", ["/", "/funding"])
def test_charts_show_the_server_s_pictures_and_plotly_waits_for_the_reader(
    module_browser, live_server, path
):
    """Every chart is readable without Plotly: its box shows the server's picture of the figure
    (``figures/facade.py``). Scrolling the whole page loads no Plotly; touching a chart does,
    and Plotly draws that chart over its picture, which then hides."""
    driver = module_browser
    set_viewport(driver, 360, 740, mobile=True)
    driver.get(f"{live_server}{path}?lang=lv")
    wait_for(driver, "#_pages_content > *", timeout=30)
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    time.sleep(1.0)
    pictures = driver.execute_script(PICTURES_JS)
    assert pictures, path
    assert all(p["shown"] and p["marks"] > 0 and not p["drawn"] for p in pictures), pictures
    assert driver.execute_script(PLOTLY_REQUESTED_JS) is False
    screenshot(driver, f"chart-pictures-{path.strip('/') or 'overview'}-360")

    touched = pictures[-1]["graph"]
    reach_for_chart(driver, f"#{touched}")
    assert driver.execute_script(PLOTLY_REQUESTED_JS) is True
    after = {p["graph"]: p for p in driver.execute_script(PICTURES_JS)}
    assert after[touched]["drawn"] and not after[touched]["shown"], after[touched]
    untouched = [p for g, p in after.items() if g != touched]
    assert all(p["shown"] and not p["drawn"] for p in untouched), untouched
    assert console_errors(driver) == []


def test_a_filter_change_hands_every_chart_to_plotly(module_browser, live_server):
    """The pictures show the first view's figures; once a filter changes them, Plotly draws the
    overview's charts with the new figures (no picture is left showing old numbers)."""
    driver = module_browser
    set_viewport(driver, 1366, 900, mobile=False)
    driver.get(f"{live_server}/?lang=en")
    wait_for(driver, "#_pages_content > *", timeout=30)
    label = "//*[@id='filter-regions']//label[normalize-space()='Zemgale']"
    WebDriverWait(driver, 10).until(ec.element_to_be_clickable((By.XPATH, label))).click()
    for graph in ("regions-chart-graph", "trend-chart-graph", "share-chart-graph"):
        driver.execute_script(f"document.getElementById('{graph}').scrollIntoView()")
        wait_for(driver, f"#{graph} .main-svg", timeout=30)
    after = {p["graph"]: p for p in driver.execute_script(PICTURES_JS)}
    assert not after["regions-chart-graph"]["shown"], after
    legend = driver.find_element(By.CSS_SELECTOR, "#regions-chart-graph .legend").text
    assert "Zemgale" not in legend and "Kurzeme" in legend, legend
    assert console_errors(driver) == []


SCRIPT_ORDER_JS = """
const paint = performance.getEntriesByName('first-contentful-paint')[0];
const scripts = performance.getEntriesByType('resource')
  .filter((e) => e.initiatorType === 'script' && e.name.includes('_dash-component-suites'));
return {paint: paint ? paint.startTime : null,
        first_script: scripts.length ? Math.min(...scripts.map((e) => e.startTime)) : null};
"""


@pytest.mark.parametrize("path", ["/funding", "/about"])
def test_dash_s_scripts_are_requested_after_the_first_view_has_painted(
    module_browser, live_server, path
):
    """The page's largest paint is the first view's text; Dash's scripts (0.3 MB) must not be
    fetched before it is painted, or a slow phone shares its bandwidth and main thread with them
    first (``dash_internals.SCRIPT_LOADER`` waits for the first-contentful-paint entry)."""
    driver = module_browser
    set_viewport(driver, 360, 740, mobile=True)
    driver.get(f"{live_server}{path}?lang=lv")
    wait_for(driver, "#_pages_content > *", timeout=30)
    order = driver.execute_script(SCRIPT_ORDER_JS)
    assert order["paint"] is not None and order["first_script"] is not None, order
    assert order["first_script"] >= order["paint"], order
    assert console_errors(driver) == []
