"""WCAG 2.2 A/AA automated checks of every public page in a real headless Chromium.

Each page, in both languages, at a desktop (1366 CSS px) and a phone (360 CSS px) width, is
loaded and left to finish rendering (Dash's callbacks done, Plotly's charts drawn); then the
checks run:

* axe-core (``tests/e2e/vendor/axe.min.js``, injected by the test: the app never loads it) with
  the ``wcag2a``, ``wcag2aa``, ``wcag21a``, ``wcag21aa`` and ``wcag22aa`` rules must report no
  violation (axe 4.14 tags no rule ``wcag22a``; ``wcag22aa`` brings in target-size, 2.5.8, which
  axe leaves off unless a tag asks for it). The phone width is where the collapsed navigation
  and filters are seen;
* ``<html lang>`` is the requested language (WCAG 3.1.1);
* the first TAB from the top of the page lands on the skip link to ``#main-content``, and
  following it moves focus into the main landmark (WCAG 2.4.1);
* at a 320 CSS px wide viewport the page reflows without horizontal scrolling (WCAG 1.4.10).

A keyboard walk through the overview checks that every filter control is reachable by TAB, in
reading order and before the charts' table toggles, and that focus is visible (WCAG 2.1.1,
2.4.3, 2.4.7).

Automated checks find roughly a third of WCAG failures; they do not replace trying the pages
with a screen reader and a keyboard.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from browser import draw_charts, screenshot, set_viewport, wait_for
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The two reference screens: desktop and phone (CSS px).
WIDTHS = [pytest.param(1366, 900, id="1366px"), pytest.param(360, 740, id="360px")]

# Elements that mean a page's own content has rendered: every chart drawn, every callback-filled
# region filled. The generic "no Dash callback pending" check runs as well (see _wait_ready).
_CHART = " .js-plotly-plot .main-svg"
READY = {
    "/": [
        "#headline-cards .headline-card",
        "#regions-chart-graph" + _CHART,
        "#trend-chart-graph" + _CHART,
        "#share-chart-graph" + _CHART,
        "#regions-chart-details .chart-summary",
        "#trend-chart-details .chart-summary",
        "#share-chart-details .chart-summary",
    ],
    "/map": [
        "#map-graph" + _CHART,
        "#map-legend li",
        "#map-details .chart-summary",
        "#map-panel p",
    ],
    "/contacts": ["#contacts-list .contact-card", "#official-links a"],
    "/funding": ["#budget-chart-graph" + _CHART, "#pilot-chart-graph" + _CHART, "#impulss-card"],
    "/about": ["#timeline li", "#source-list li"],
    "/login": ["#username", "#password"],
    "/data": ["#data-releases", "#data-report-form", "#data-cite"],
    "/accessibility": ["#a11y-limitations li", "#a11y-feedback a"],
    "/embed/overview": ["#embed-graph" + _CHART, "#embed-back"],
    "/embed/map": ["#embed-graph" + _CHART, "#embed-back"],
    "/embed/budget": ["#embed-graph" + _CHART, "#embed-back"],
}
# Daugavpils: a pilot municipality with support measures listed, so the opened panel shows every
# block it can have (region figures, contacts, measures with links).
# The page Dash drew, marked: following the skip link must keep that same element.
MARK_PAGE_JS = """
const page = document.querySelector('#_pages_content > *');
if (page) { page.dataset.axeMark = '1'; }
return !!page;
"""
MARKED_JS = """
const page = document.querySelector('#_pages_content > *');
return !!page && !!page.dataset.axeMark;
"""
MAP_PANEL_READY = ["#map-panel-title", "#map-panel-measures a"]

PAGES = [
    pytest.param(path, query, lang, id=f"{path}{query}-{lang}")
    for path, query in [
        ("/", ""),
        ("/map", ""),
        ("/contacts", ""),
        ("/funding", ""),
        ("/about", ""),
        ("/map", "?m=LV-DGV"),
        ("/login", ""),
        ("/data", ""),
        ("/accessibility", ""),
        ("/embed/overview", ""),
        ("/embed/map", ""),
        ("/embed/budget", ""),
    ]
    for lang in ("lv", "en")
]

# Rules switched off for particular third-party markup the app cannot change. Each entry is
# (axe rule id, CSS selector of the elements it is disabled for, why). Keep this empty unless a
# real fix is impossible; the test reports entries that no longer match anything.
EXCLUSIONS: list[tuple[str, str, str]] = []

# True once nothing Dash is waiting for remains: the initial "Loading..." placeholder is gone,
# no component is marked as loading, and the title is not Dash's "Updating..." stand-in.
DASH_IDLE_JS = """
// /login is a plain Flask form: no Dash renderer, so "loaded" is all there is to wait for.
if (!document.querySelector('#react-entry-point')) { return document.readyState === 'complete'; }
return document.readyState === 'complete'
  && !!document.querySelector('#_dash-app-content, #react-entry-point')
  && !document.querySelector('._dash-loading')
  && !document.querySelector('[data-dash-is-loading="true"]')
  && document.title !== 'Updating...';
"""

AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
const options = arguments[0];
const exclusions = arguments[1];
// One rule switched off only for the listed elements: run everything else on the whole page,
// then each excluded rule on the page minus its selector.
const everything = {runOnly: {type: 'tag', values: options.tags}, resultTypes: ['violations']};
const disabled = {};
for (const [rule] of exclusions) { disabled[rule] = {enabled: false}; }
const runs = [axe.run(document, Object.assign({}, everything, {rules: disabled}))];
for (const [rule, selector] of exclusions) {
  runs.push(axe.run({include: [document], exclude: [selector]},
                    {runOnly: {type: 'rule', values: [rule]}, resultTypes: ['violations']}));
}
Promise.all(runs)
  .then((results) => done({
    version: axe.version,
    violations: results.flatMap((r) => r.violations).map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
    })),
    unmatched: exclusions.filter(([, selector]) => !document.querySelector(selector))
      .map(([rule, selector]) => rule + ' ' + selector),
  }))
  .catch((err) => done({error: String(err && err.stack || err)}));
"""

FIRST_FOCUS_JS = """
const el = document.activeElement;
return el ? {tag: el.tagName.toLowerCase(), href: el.getAttribute('href'),
             cls: el.className, text: (el.textContent || '').trim()} : null;
"""

# A short, stable description of the focused element, for the keyboard walk.
FOCUSED_JS = """
const el = document.activeElement;
if (!el || el === document.body) { return null; }
const owner = el.closest('[id]');
const style = getComputedStyle(el);
const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : null;
return {
  tag: el.tagName.toLowerCase(), id: el.id || null, type: el.getAttribute('type'),
  href: el.getAttribute('href'),
  cls: typeof el.className === 'string' ? el.className : '',
  name: el.getAttribute('name'), value: el.value === undefined ? null : String(el.value),
  checked: el.checked === undefined ? null : el.checked,
  owner: owner ? owner.id : null, label: label,
  text: (el.textContent || '').trim().slice(0, 60),
  inChartTable: !!el.closest('.chart-table'),
  outline: style.outlineStyle + ' ' + style.outlineWidth, boxShadow: style.boxShadow,
  outlineColor: style.outlineColor,
  focusVisible: el.matches(':focus-visible'),
};
"""

OVERFLOW_JS = """
const doc = document.documentElement;
const wide = [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1
               && getComputedStyle(el).visibility !== 'hidden'
               && !el.closest('.table-responsive, .skip-link'))
  .slice(0, 8)
  .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
       + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
       + ' right=' + Math.round(el.getBoundingClientRect().right));
return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, wide: wide};
"""


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def _url(base: str, path: str, query: str, lang: str) -> str:
    sep = "&" if query else "?"
    return f"{base}{path}{query}{sep}lang={lang}"


def _wait_ready(driver: WebDriver, path: str, query: str, timeout: float = 30) -> None:
    """Wait for the page's own content, then for Dash to have no callback left in flight."""
    selectors = READY[path] + (MAP_PANEL_READY if "m=" in query else [])
    if any(_CHART in css for css in selectors):
        draw_charts(driver, timeout)  # every chart touched: axe checks Plotly's charts too
    for css in selectors:
        wait_for(driver, css, timeout=timeout)
    try:
        WebDriverWait(driver, timeout).until(lambda d: d.execute_script(DASH_IDLE_JS))
    except TimeoutException as exc:
        shot = screenshot(driver, f"not-idle-{path}{query}")
        raise AssertionError(f"Dash still busy after {timeout}s; screenshot: {shot}") from exc
    # Fonts and Plotly's last relayout settle within a frame or two; wait for two frames.
    driver.execute_async_script(
        "const done = arguments[0];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"
    )


def _run_axe(driver: WebDriver) -> dict[str, Any]:
    driver.set_script_timeout(120)
    if not driver.execute_script("return typeof window.axe === 'object';"):
        driver.execute_script(_axe_source())
    result = driver.execute_async_script(
        AXE_RUN_JS, {"tags": AXE_TAGS}, [[rule, sel] for rule, sel, _ in EXCLUSIONS]
    )
    assert "error" not in result, f"axe failed to run: {result.get('error')}"
    return result


def _format_violations(result: dict[str, Any], where: str) -> str:
    lines = [f"axe {result['version']}: {len(result['violations'])} violation(s) on {where}"]
    for v in result["violations"]:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            lines.append(f"    at {json.dumps(node['target'], ensure_ascii=False)}")
            lines.append(f"       {node['html'][:300]}")
            summary = (node.get("summary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:400]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more node(s)")
    return "\n".join(lines)


def _axe_problems(driver: WebDriver, where: str) -> list[str]:
    result = _run_axe(driver)
    problems = []
    if result["violations"]:
        problems.append(_format_violations(result, where))
    if result["unmatched"]:
        problems.append(f"axe exclusions that match nothing any more: {result['unmatched']}")
    return problems


def _press_tab(driver: WebDriver, shift: bool = False) -> None:
    chain = ActionChains(driver)
    if shift:
        chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
    else:
        chain.send_keys(Keys.TAB)
    chain.perform()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize(("path", "query", "lang"), PAGES)
def test_page_passes_axe_with_lang_and_skip_link(
    browser: WebDriver,
    live_server: str,
    path: str,
    query: str,
    lang: str,
    width: int,
    height: int,
) -> None:
    set_viewport(browser, width, height, mobile=width < 768)
    url = _url(live_server, path, query, lang)
    browser.get(url)
    _wait_ready(browser, path, query)
    problems: list[str] = []

    html_lang = browser.execute_script("return document.documentElement.getAttribute('lang');")
    if html_lang != lang:
        problems.append(f"<html lang> is {html_lang!r}, expected {lang!r}")

    if path.startswith("/embed/"):
        # An embed is the chart alone inside someone else's page: no navigation to skip.
        problems += _axe_problems(browser, f"{url} at {width} px")
        assert not problems, "\n\n".join(problems)
        return

    # Nothing has been focused yet, so the first TAB starts from the top of the document.
    dash_page = browser.execute_script(MARK_PAGE_JS)
    _press_tab(browser)
    first = browser.execute_script(FIRST_FOCUS_JS)
    if not first or first["href"] != "#main-content" or "skip-link" not in (first["cls"] or ""):
        problems.append(f"first TAB stop is {first!r}, expected the skip link to #main-content")
    else:
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        landed = browser.execute_script(
            "const el = document.activeElement;"
            "return el && (el.id === 'main-content' || !!el.closest('#main-content'));"
        )
        if not landed:
            problems.append("following the skip link did not move focus into #main-content")
        if dash_page and not browser.execute_script(MARKED_JS):
            problems.append("following the skip link drew the page again (assets/skip-link.js)")

    problems += _axe_problems(browser, f"{url} at {width} px")
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize(("path", "query", "lang"), PAGES)
def test_page_reflows_at_320px(
    browser: WebDriver, live_server: str, path: str, query: str, lang: str
) -> None:
    """WCAG 1.4.10: no horizontal scrolling at 320 CSS px (axe runs on the phone layout at
    360 px in the test above)."""
    set_viewport(browser, 320, 720)
    url = _url(live_server, path, query, lang)
    browser.get(url)
    _wait_ready(browser, path, query)
    state = browser.execute_script(OVERFLOW_JS)
    screenshot(browser, f"a11y-320-{path.strip('/') or 'overview'}{query}-{lang}", full_page=True)
    problems = []
    if state["scrollWidth"] > state["innerWidth"]:
        problems.append(
            f"page is {state['scrollWidth']} px wide in a {state['innerWidth']} px viewport; "
            f"wider elements: {state['wide']}"
        )
    assert not problems, "\n\n".join(problems)


REGION_CODES = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
# assets/app.css: --focus-ring and --focus-ring-on-brand, as getComputedStyle reports them.
DARK_RING = "rgb(26, 26, 26)"
NAVBAR_RING = "rgb(255, 216, 77)"


def test_overview_keyboard_order_and_visible_focus(browser: WebDriver, live_server: str) -> None:
    """TAB through ``/``: every filter reached, in order, before the charts; focus visible."""
    browser.get(_url(live_server, "/", "", "en"))
    _wait_ready(browser, "/", "")

    stops: list[dict[str, Any]] = []
    for _ in range(120):
        _press_tab(browser)
        focused = browser.execute_script(FOCUSED_JS)
        if focused is None or (stops and focused == stops[0]):
            break  # wrapped round to the browser chrome or the first stop again
        stops.append(focused)
        if focused["id"] == "share-chart-svg":
            break  # the last chart's last image button: every filter and chart control is before

    def index(pred: Any, what: str) -> int:
        for i, stop in enumerate(stops):
            if pred(stop):
                return i
        seen = [(s["tag"], s["id"], s["value"], s["text"][:20]) for s in stops]
        raise AssertionError(f"TAB never reached {what}; stops: {seen}")

    def in_group(group: str) -> Any:
        # dbc.RadioItems' inputs get ids like "_dbcprivate_radioitems_filter-metric_input_x".
        return lambda s: s["owner"] == group or group in (s["id"] or "")

    regions = [
        index(
            lambda s, code=code: s["type"] == "checkbox" and s["value"] == code,
            f"region {code}",
        )
        for code in REGION_CODES
    ]
    # Radio buttons of one group share a single TAB stop (the checked one); arrows move inside.
    metric = index(lambda s: s["type"] == "radio", "the metric radio group")
    period_from = index(lambda s: s["id"] == "filter-period-from", "the 'from' period select")
    period_to = index(lambda s: s["id"] == "filter-period-to", "the 'to' period select")
    per_month = index(lambda s: s["id"] == "filter-per-month", "the per-month switch")
    first_table = index(lambda s: s["inChartTable"], "a chart's table toggle")
    # Every chart's labelled download buttons and data links are reached, after its table.
    for chart in ("regions-chart", "trend-chart", "share-chart"):
        for fmt in ("png", "svg"):
            index(
                lambda s, i=f"{chart}-{fmt}": s["id"] == i, f"the {fmt.upper()} button of {chart}"
            )
    regions_png = index(lambda s: s["id"] == "regions-chart-png", "the first PNG button")
    csv_view = index(lambda s: "observations.csv?" in (s["href"] or ""), "the CSV link")
    assert first_table < regions_png < csv_view, (first_table, regions_png, csv_view)

    order = [*regions, metric, period_from, period_to, per_month, first_table]
    assert order == sorted(order), f"filters out of reading order: {order}"
    assert stops[metric]["owner"] and in_group("filter-metric")(stops[metric]), stops[metric]
    assert regions == sorted(regions) and regions[-1] - regions[0] == len(regions) - 1, regions

    # Focus must be visible: a checkbox, a navigation link and the language switch show a solid
    # ring of at least 2px in the colour whose contrast tests/unit/test_focus_ring.py computes:
    # dark on the white page, yellow on the red navigation bar (Bootstrap's own faint glow on
    # .form-check-input and .btn must not win).
    nav_link = index(lambda s: "nav-link" in s["cls"], "a navigation link")
    switch = index(lambda s: s["id"] == "lang-switch", "the language switch")
    for i, what, colour in [
        (regions[0], "region checkbox", DARK_RING),
        (nav_link, "navigation link", NAVBAR_RING),
        (switch, "language switch", NAVBAR_RING),
    ]:
        stop = stops[i]
        style, width = stop["outline"].split()
        assert stop["focusVisible"] and style == "solid", f"no visible focus on the {what}: {stop}"
        assert float(width.removesuffix("px")) >= 2, f"thin focus ring on the {what}: {stop}"
        assert stop["outlineColor"] == colour, f"focus ring colour on the {what}: {stop}"

    # Arrow keys move between the metric radios, as in any native radio group.
    for _ in range(len(stops) - metric):
        _press_tab(browser, shift=True)
        if (browser.execute_script(FOCUSED_JS) or {}).get("type") == "radio":
            break
    before = browser.execute_script(FOCUSED_JS)
    assert before["type"] == "radio", before
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    after = browser.execute_script(FOCUSED_JS)
    assert after["type"] == "radio" and after["value"] != before["value"], (before, after)
    assert after["checked"], after


def test_phone_menu_button_shows_the_navbar_focus_ring(
    browser: WebDriver, live_server: str
) -> None:
    """At 360 px the navigation collapses behind the menu button (.navbar-toggler), whose
    Bootstrap focus style is a faint glow: TAB must reach it with the yellow ring."""
    set_viewport(browser, 360, 740)
    browser.get(_url(live_server, "/contacts", "", "lv"))
    _wait_ready(browser, "/contacts", "")
    focused = None
    for _ in range(6):
        _press_tab(browser)
        focused = browser.execute_script(FOCUSED_JS)
        if focused and focused["id"] == "navbar-toggler":
            break
    assert focused and focused["id"] == "navbar-toggler", f"TAB never reached the menu: {focused}"
    style, width = focused["outline"].split()
    assert focused["focusVisible"] and style == "solid", focused
    assert float(width.removesuffix("px")) >= 2 and focused["outlineColor"] == NAVBAR_RING, focused


ADMIN_TAB_COUNT = 8  # upload, releases, conflicts, history, contacts, funding, reports, measures


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_admin_pages_pass_axe(
    browser: WebDriver, live_server: str, live_admin: dict[str, str], lang: str
) -> None:
    """Signed in as an admin: the login form, then every tab of /admin, checked by axe (with an
    open reader's report, so the Reports tab shows its note field and button)."""
    from selenium.webdriver.common.by import By

    browser.get(f"{live_server}/data?lang={lang}")
    wait_for(browser, "#data-report-message").send_keys(f"axe ({lang}): a report to resolve")
    browser.find_element(By.ID, "data-report-submit").click()
    wait_for(browser, "#data-report-thanks", visible=True)
    browser.get(f"{live_server}/login?lang={lang}")
    wait_for(browser, "#username").send_keys(live_admin["username"])
    browser.find_element(By.ID, "password").send_keys(live_admin["password"])
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(browser, "#admin-upload input[type=file]", timeout=30)
    problems: list[str] = []
    tabs = browser.find_elements(By.CSS_SELECTOR, "#admin-tabs .nav-link")
    assert len(tabs) == ADMIN_TAB_COUNT, [tab.text for tab in tabs]
    for index in range(ADMIN_TAB_COUNT):
        tab = browser.find_elements(By.CSS_SELECTOR, "#admin-tabs .nav-link")[index]
        tab_id = tab.text
        tab.click()
        WebDriverWait(browser, 10).until(lambda d, t=tab: "active" in t.get_attribute("class"))
        WebDriverWait(browser, 30).until(lambda d: d.execute_script(DASH_IDLE_JS))
        html_lang = browser.execute_script("return document.documentElement.lang;")
        if html_lang != lang:
            problems.append(f"{tab_id}: <html lang> is {html_lang!r}")
        problems += _axe_problems(browser, f"/admin ({tab_id}, {lang})")
    screenshot(browser, f"a11y-admin-{lang}", full_page=True)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1366, 900)])
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/", ""),
        ("/map", ""),
        ("/map", "?m=LV-DGV"),
        ("/contacts", ""),
        ("/funding", ""),
        ("/about", ""),
        ("/data", ""),
        ("/accessibility", ""),
    ],
)
def test_layout_on_phone_and_desktop(
    browser: WebDriver, live_server: str, path: str, query: str, width: int, height: int
) -> None:
    """The two reference screens: no horizontal scrolling; a screenshot of each for review."""
    set_viewport(browser, width, height, mobile=width < 768)
    browser.get(_url(live_server, path, query, "lv"))
    _wait_ready(browser, path, query)
    state = browser.execute_script(OVERFLOW_JS)
    name = f"layout-{width}x{height}-{path.strip('/') or 'overview'}{query}"
    screenshot(browser, name, full_page=True)
    assert state["scrollWidth"] <= state["innerWidth"], state
    if path in {"/", "/map"}:
        # Filters sit in a collapsed panel on phones, so the charts come first; open on desktop.
        is_open = browser.execute_script(
            "const d = document.querySelector('details[id$=filter-details]');"
            "return d ? d.open : null;"
        )
        assert is_open is (width >= 768)
