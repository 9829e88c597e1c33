"""Browser helpers for the e2e tests (import with ``from browser import wait_for, screenshot``).

They live outside ``conftest.py`` because pytest loads every ``conftest.py`` under the same module
name, so ``from conftest import ...`` could pick up ``tests/conftest.py`` instead.
``tests/e2e`` is on ``pythonpath`` (pyproject.toml).

* ``wait_for(driver, css, timeout=20)`` waits for an element and returns it.
* ``screenshot(driver, name)`` saves ``tests/e2e/screenshots/<name>.png`` and returns its path.
* ``console_errors(driver)`` returns the SEVERE browser console entries since the last call.
* ``requested_urls(driver)`` returns the URLs the page requested since the last call (from
  Chrome's performance log, which the ``browser`` fixture switches on).
* ``reach_for_chart(driver, css)`` touches a chart and waits for Plotly to draw it.
* ``set_viewport(driver, width, height)`` emulates a device viewport of exactly that CSS size
  (a headless window cannot be made narrower than Chromium's minimum window width).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"
SCROLL_TO_JS = """
const el = arguments[0].startsWith('#') ? document.querySelector(arguments[0]) : null;
if (el && el.closest('.chart-box')) { el.scrollIntoView({block: 'center'}); }
"""


def wait_for(
    driver: webdriver.Chrome, css: str, timeout: float = 20, *, visible: bool = False
) -> WebElement:
    """Wait until an element matching ``css`` is present (or visible) and return it.

    Dash renders client-side after the first callbacks, so tests must wait rather than look
    straight after ``driver.get``; until it has, the page's first view (static HTML,
    ``dashboard/web/first_view.py``) stands in front of Dash's hidden copy, so this also waits
    for it to be gone. On timeout a screenshot is saved and named in the error.
    """
    located = ec.visibility_of_element_located if visible else ec.presence_of_element_located
    condition = located((By.CSS_SELECTOR, css))

    def handed_over(d: webdriver.Chrome) -> WebElement | bool:
        if d.find_elements(By.ID, "first-view"):
            return False
        try:
            found = condition(d)
        except (NoSuchElementException, StaleElementReferenceException):
            found = False
        if not found:
            # Charts draw when scrolled near (assets/plotly-on-demand.js): a reader waiting
            # for one scrolls to it, so do the same with the element the selector starts from.
            d.execute_script(SCROLL_TO_JS, css.split(" ")[0])
        return found

    try:
        return WebDriverWait(driver, timeout).until(handed_over)
    except TimeoutException as exc:
        shot = screenshot(driver, f"timeout-{css}")
        state = "visible" if visible else "present"
        raise TimeoutException(
            f"no element {css!r} {state} after {timeout}s at {driver.current_url}; "
            f"screenshot: {shot}"
        ) from exc


def screenshot(driver: webdriver.Chrome, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG as tests/e2e/screenshots/<name>.png and return its path.

    By default it shows the current viewport; ``full_page=True`` captures the whole document
    at the current viewport width (through DevTools, without resizing the window). The name is
    reduced to safe filename characters so callers can pass test ids or selectors.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe[:150]}.png"
    if full_page:
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
        path.write_bytes(base64.b64decode(shot["data"]))
    elif not driver.save_screenshot(str(path)):
        raise RuntimeError(f"Chromium could not save a screenshot to {path}")
    return path


def set_viewport(driver: webdriver.Chrome, width: int, height: int, *, mobile: bool = True) -> None:
    """Emulate a viewport of ``width`` x ``height`` CSS pixels (a phone when ``mobile``).

    Lasts until the driver quits; reload the page afterwards so it lays out at the new size.
    """
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def _is_favicon_404(entry: dict) -> bool:
    """Browsers request /favicon.ico on their own; a 404 for it says nothing about the app."""
    message = entry.get("message", "")
    return "favicon.ico" in message and "404" in message


def console_errors(driver: webdriver.Chrome) -> list[dict]:
    """Return SEVERE browser console entries logged since the previous call.

    ChromeDriver hands each entry out only once, so call this after the interaction under test.
    Only favicon 404s are dropped, by name; every other error is returned so tests can assert
    the list is empty and show it on failure.
    """
    return [
        entry
        for entry in driver.get_log("browser")
        if entry.get("level") == "SEVERE" and not _is_favicon_404(entry)
    ]


def requested_urls(driver: webdriver.Chrome) -> list[str]:
    """Return every URL the browser was asked to fetch since the previous call, in order.

    Read from Chrome's performance log (DevTools ``Network.requestWillBeSent`` events), so it
    includes requests that failed or were blocked, which the page's own Resource Timing list can
    miss. Like ``console_errors`` it drains the log: call it after the interaction under test.
    """
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


DRAW_NEXT_CHART_JS = """
const boxes = [...document.querySelectorAll('#react-entry-point .chart-box')];
const next = boxes.find((b) => !b.querySelector('.main-svg'));
if (!next) { window.scrollTo(0, 0); return true; }
next.scrollIntoView({block: 'center'});
next.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, pointerType: 'mouse'}));
return false;
"""
REACH_FOR_CHART_JS = """
const el = document.querySelector('#react-entry-point ' + arguments[0]);
const box = el && el.closest('.chart-box');
if (!box) { return false; }
box.scrollIntoView({block: 'center'});
box.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, pointerType: 'mouse'}));
return true;
"""


def reach_for_chart(driver: webdriver.Chrome, css: str, timeout: float = 30) -> WebElement:
    """Touch the chart holding ``css`` (in Dash's page) as a reader would, and wait until Plotly
    has drawn it over the server's picture (``assets/plotly-on-demand.js``)."""
    WebDriverWait(driver, timeout, poll_frequency=0.2).until(
        lambda d: d.execute_script(REACH_FOR_CHART_JS, css)
    )
    return wait_for(driver, f"{css} .main-svg", timeout)


def draw_charts(driver: webdriver.Chrome, timeout: float = 30) -> None:
    """Scroll to each chart of the page and touch it until Plotly has drawn it, then back to the
    top.

    A chart shows the server's picture until the reader reaches for it, and one without a
    picture is drawn when it nears the viewport (``assets/plotly-on-demand.js``); tests that
    read Plotly's charts do what a reader scrolling down and touching each would do.
    """
    wait_for(driver, "#_pages_content > *", timeout)
    try:
        WebDriverWait(driver, timeout, poll_frequency=0.2).until(
            lambda d: d.execute_script(DRAW_NEXT_CHART_JS)
        )
    except TimeoutException as exc:
        shot = screenshot(driver, "charts-not-drawn")
        raise TimeoutException(f"a chart was not drawn after {timeout}s; {shot}") from exc
