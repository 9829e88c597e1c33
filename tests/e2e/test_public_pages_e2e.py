"""The map, contact directory, funding and about pages in a real headless Chromium.

(Named ``test_public_pages_e2e.py`` rather than ``test_public_pages.py``: under pytest's default
import mode two test modules with the same basename in different directories without
``__init__.py`` cannot both be collected, and ``tests/http/test_public_pages.py`` exists.)

Expected values come from the seed and the dossier of published figures the server loads:
Rundāles novads (LV-083) is a Zemgale pilot; Daugavpils (LV-DGV) is a Latgale pilot with contacts
of its own and six support measures; the 2020 budget of 643 529 € splits 30/30/30/10 %, so a 30 %
part is 193 058,70 €. Which contacts the directory and the map panel show is read from the
server's own open-data API (``/api/v1/contacts``, the active directory), so the expectations follow
the record instead of a hand-kept list; who is a former coordinator (stored inactive, never shown)
is read from the dossier file ``data/seed/dossier/contacts.csv``, independently of the server.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import (
    console_errors,
    draw_charts,
    reach_for_chart,
    requested_urls,
    screenshot,
    set_viewport,
    wait_for,
)
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

T = TypeVar("T")

NBSP = "\u00a0"
SITE = {"lv": "Remigrācijas atbalsts reģionos", "en": "Regional remigration support"}
TITLES = {
    "/map": {"lv": "Pašvaldību karte", "en": "Municipality map"},
    "/contacts": {"lv": "Kontakti", "en": "Contacts"},
    "/funding": {"lv": "Finansējums", "en": "Funding"},
    "/about": {"lv": "Par programmu", "en": "About"},
    "/accessibility": {"lv": "Piekļūstamības paziņojums", "en": "Accessibility statement"},
}
DOSSIER_CONTACTS = Path(__file__).resolve().parents[2] / "data/seed/dossier/contacts.csv"

MAP_STATE_JS = """
const traces = [...document.querySelectorAll('#map-graph .scatterlayer .trace')];
const panel = document.querySelector('#map-panel');
const title = document.querySelector('#map-panel-title');
return {
  traces: traces.length,
  fills: traces.filter((t) => t.querySelector('path.js-fill')).length,
  targets: Math.max(0, ...traces.map((t) => t.querySelectorAll('.points path.point').length)),
  panel: panel ? panel.innerText : null,
  panelTitle: title ? title.textContent : null,
};
"""

# The click-target trace is the one with a point for every municipality (119); the pilot star
# trace has 10. Return the centre of point ``index`` of it, in viewport coordinates.
POINT_CENTRE_JS = """
const traces = [...document.querySelectorAll('#map-graph .scatterlayer .trace')];
const target = traces.find((t) => t.querySelectorAll('.points path.point').length === 119);
// (opened with division=2009: 119 click targets; the pilot star trace has 10)
if (!target) { return null; }
const point = target.querySelectorAll('.points path.point')[arguments[0]];
point.scrollIntoView({block: 'center'});
const box = point.getBoundingClientRect();
return [box.left + box.width / 2, box.top + box.height / 2];
"""

# The region labels' lines ("Latgale", "165") joined with a space.
LABELS_JS = """
return [...document.querySelectorAll('#map-graph .scatterlayer .textpoint text')].map((t) => {
  const lines = [...t.querySelectorAll('tspan.line')];
  return (lines.length ? lines.map((l) => l.textContent) : [t.textContent]).join(' ');
});
"""

OVERFLOW_JS = "return [document.documentElement.scrollWidth, window.innerWidth];"

RESOURCES_JS = "return performance.getEntriesByType('resource').map((e) => e.name);"


# --- helpers -----------------------------------------------------------------------------------


def norm(text: str | None) -> str:
    """Collapse every run of whitespace (including U+00A0) to one plain space."""
    return " ".join((text or "").split())


def wait_until(
    driver: WebDriver, probe: Callable[[WebDriver], T], ok: Callable[[T], bool], what: str
) -> T:
    """Poll ``probe`` until ``ok(value)``; on timeout fail with the last value and a screenshot."""
    last: list[Any] = [None]

    def check(d: WebDriver) -> T | bool:
        last[0] = probe(d)
        return last[0] if ok(last[0]) else False

    try:
        return WebDriverWait(driver, 20, poll_frequency=0.2).until(check)
    except TimeoutException:
        shot = screenshot(driver, f"timeout-{what}")
        pytest.fail(
            f"timed out waiting for {what}; last seen: {last[0]!r}; url: {driver.current_url}; "
            f"screenshot: {shot}"
        )


def query(driver: WebDriver) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(driver.current_url).query).items()}


def assert_no_console_errors(driver: WebDriver) -> None:
    errors = console_errors(driver)
    assert errors == [], f"SEVERE browser console entries: {errors}"


def assert_only_own_host(driver: WebDriver, live_server: str) -> list[str]:
    urls = requested_urls(driver) + driver.execute_script(RESOURCES_JS)
    network = [u for u in urls if urlsplit(u).scheme in {"http", "https", "ws", "wss", "ftp"}]
    foreign = sorted({u for u in network if not u.startswith(f"{live_server}/")})
    assert foreign == [], f"requests to other hosts: {foreign}"
    return network


def map_state(driver: WebDriver) -> dict[str, Any]:
    return driver.execute_script(MAP_STATE_JS)


def open_map(driver: WebDriver, url: str, units: int = 43) -> dict[str, Any]:
    """Load ``/map`` and wait for the drawn layer: 43 municipalities of the 2021 division (the
    default for the record's latest year), 119 of 2009 (``division=2009``)."""
    driver.get(url)
    wait_for(driver, "#map-search")
    reach_for_chart(driver, "#map-graph")  # the reader touches the map: Plotly draws it
    return wait_until(
        driver,
        map_state,
        lambda s: s["fills"] == units and s["targets"] == units and bool(s["panel"]),
        "the map's polygons, click targets and panel",
    )


def stable_point_centre(driver: WebDriver, index: int) -> list[float]:
    """The centre of click target ``index`` once the graph has stopped moving.

    Plotly resizes a responsive graph shortly after its first draw, so a position read straight
    after the polygons appear can be stale by the time the mouse gets there.
    """
    last: list[Any] = [None]

    def settled(d: WebDriver) -> list[float] | bool:
        now = d.execute_script(POINT_CENTRE_JS, index)
        before, last[0] = last[0], now
        return now if now is not None and now == before else False

    return WebDriverWait(driver, 20, poll_frequency=0.4).until(settled)


def wait_for_panel(driver: WebDriver, title: str) -> str:
    state = wait_until(
        driver, map_state, lambda s: s["panelTitle"] == title, f"panel titled {title!r}"
    )
    return norm(state["panel"])


def directory(live_server: str, region: str | None = None) -> list[dict[str, Any]]:
    """The active directory as ``/api/v1/contacts`` serves it (optionally one region's)."""
    url = f"{live_server}/api/v1/contacts" + (f"?region={region}" if region else "")
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def card_ids(entries: list[dict[str, Any]]) -> set[str]:
    """The ids the contacts page gives the cards of ``entries``."""
    return {f"contact-{c['code']}" for c in entries}


def found(entries: list[dict[str, Any]]) -> str:
    """The page's count line for ``entries``."""
    return f"Atrasti kontakti: {len(entries)}"


def panel_contact_names(live_server: str, region: str, municipality: str) -> set[str]:
    """Whom the map panel should list: the municipality's own active contacts and its region's
    (those of the region that belong to no municipality)."""
    return {
        c["name"]
        for c in directory(live_server)
        if c["municipality"] == municipality or (c["region"] == region and not c["municipality"])
    }


def map_year_figures(driver: WebDriver, period: str) -> dict[str, int]:
    """Each planning region's figure for the map's one year, from the map's own "CSV – this
    view" file: the row published for exactly that year (never a sum of shorter periods)."""
    link = driver.find_element(
        By.CSS_SELECTOR, "#map-tools a[href*='observations.csv']:not([href*='scope=full'])"
    )
    with urllib.request.urlopen(link.get_attribute("href"), timeout=10) as response:
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    start, end = (f"{period}-01-01", f"{period}-12-31")
    return {
        row["geo_name_lv"]: int(row["value"])
        for row in rows
        if row["kind"] == "flow" and (row["period_start"], row["period_end"]) == (start, end)
    }


def former_coordinators() -> set[str]:
    """Names the dossier marks as former coordinators (its role column says "FORMER ...")."""
    with DOSSIER_CONTACTS.open(encoding="utf-8", newline="") as handle:
        return {r["name"] for r in csv.DictReader(handle) if r["role"].startswith("FORMER")}


def retype(box: Any, text: str) -> None:
    """Replace a search box's text as a person would (select all, delete, type): WebDriver's
    ``clear()`` does not fire the input event Dash listens to."""
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    if text:
        box.send_keys(text)


def search_and_enter(driver: WebDriver, text: str) -> None:
    box = driver.find_element(By.ID, "map-search")
    box.clear()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


# One JS round trip, so a re-render between reads cannot leave a stale element behind.
# Former coordinators' cards (collapsed under their own heading) are not counted as contacts.
CONTACTS_JS = """
const count = document.querySelector('#contacts-count');
return [
  [...document.querySelectorAll('#contacts-list .contact-card')]
    .filter((c) => !c.closest('#contacts-former')).map((c) => c.id),
  count ? count.textContent : null,
];
"""


def wait_for_contacts(driver: WebDriver, expected: set[str], count_text: str) -> None:
    wait_until(
        driver,
        lambda d: (lambda v: (set(v[0]), norm(v[1])))(d.execute_script(CONTACTS_JS)),
        lambda v: v == (expected, count_text),
        f"contacts {sorted(expected)}",
    )


def open_page(driver: WebDriver, live_server: str, path: str, lang: str) -> None:
    """Load a page and wait until its callbacks have filled it in."""
    driver.get(f"{live_server}{path}?lang={lang}")
    wait_for(driver, f"html[lang='{lang}']")
    if path == "/map":
        reach_for_chart(driver, "#map-graph")
        wait_until(
            driver,
            map_state,
            lambda s: s["fills"] >= 43 and bool(s["panel"]),
            "map polygons",
        )
        wait_for(driver, "#map-legend .legend-item")
    elif path == "/contacts":
        wait_for(driver, "#contacts-list .contact-card")
    elif path == "/funding":
        draw_charts(driver)  # the reader touches each chart: Plotly draws it over its picture
        wait_for(driver, "#budget-chart-graph g.trace.bars")
        wait_for(driver, "#pilot-chart-graph g.trace.bars")
    elif path == "/accessibility":
        wait_for(driver, "#a11y-limitations li")
    else:
        wait_for(driver, "#timeline li")
    expected = f"{TITLES[path][lang]} – {SITE[lang]}"
    wait_until(driver, lambda d: d.title, lambda t: t == expected, f"title {expected!r}")


# --- map ---------------------------------------------------------------------------------------


def test_map_draws_every_municipality_from_its_own_host(browser, live_server):
    requested_urls(browser)  # drop the browser's own start-up requests
    state = open_map(browser, f"{live_server}/map")
    assert "Izvēlieties pašvaldību kartē" in norm(state["panel"])
    # The latest year with figures, and the division in force then.
    wait_until(browser, query, lambda q: "period" in q, "period in the URL")
    period = query(browser)["period"]
    assert int(period) >= 2022 and query(browser)["division"] == "2021"
    # The region labels carry each region's figure for that one year, or "nav datu".
    figures = map_year_figures(browser, period)
    labels = [norm(label) for label in browser.execute_script(LABELS_JS)]
    assert len(labels) == 5, labels
    for name in ("Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale"):
        shown = f"{name} {figures[name]:,}".replace(",", " ") if name in figures else name
        if name not in figures:
            shown = f"{name} nav datu"
        assert shown in labels, (name, figures, labels)
    summary = norm(browser.find_element(By.ID, "map-summary").text)
    assert f"dati publicēti {len(figures)} no 5 reģioniem" in summary
    legend = norm(browser.find_element(By.ID, "map-legend").text)
    assert "Ģimenes atgriezušās, ģimenes" in legend
    assert "Pilotpašvaldība" in legend
    assert ("dati nav publicēti" in legend) == (len(figures) < 5)
    stars = browser.find_elements(By.CSS_SELECTOR, "#map-graph .scatterlayer .trace path.point")
    assert len(stars) == 43 + 10

    network = assert_only_own_host(browser, live_server)
    assert any("plotly" in u for u in network), network  # the log really saw the page load
    assert not [u for u in network if "topojson" in u or "world_110m" in u or "mapbox" in u]
    # Only the drawn layer is shipped: no boundary file is fetched.
    assert not [u for u in network if u.endswith(".geojson")], network
    assert_no_console_errors(browser)


def test_a_year_with_missing_regions_hatches_them_and_switching_the_division(browser, live_server):
    open_map(browser, f"{live_server}/map?metric=people_returned&period=2020", units=119)
    figures = map_year_figures(browser, "2020")
    assert 0 < len(figures) < 5, figures
    summary = norm(browser.find_element(By.ID, "map-summary").text)
    assert f"2020. gads: dati publicēti {len(figures)} no 5 reģioniem" in summary
    assert browser.find_element(By.ID, "map-legend-no-data").text == "dati nav publicēti"
    # Hatched fills are drawn with a pattern (an SVG <pattern>), the others with a colour.
    patterned = browser.execute_script(
        "return [...document.querySelectorAll('#map-graph path.js-fill')]"
        ".filter((p) => (p.getAttribute('style') || '').includes('url(')).length;"
    )
    assert 0 < patterned < 119
    # The division switch redraws the other layer.
    switch = browser.find_element(
        By.XPATH, "//*[@id='map-division']//label[contains(., 'no 2021. gada jūlija')]"
    )
    switch.click()
    wait_until(browser, map_state, lambda s: s["fills"] == 43, "the 2021 layer")
    wait_until(browser, query, lambda q: q.get("division") == "2021", "division=2021 in the URL")
    assert_no_console_errors(browser)


def test_search_rundale_and_enter_focuses_bauskas_novads(browser, live_server):
    open_map(browser, f"{live_server}/map")
    search_and_enter(browser, "Rundāle")
    panel = wait_for_panel(browser, "Bauskas novads")
    # The keyboard focus moved to the result's heading.
    focused = wait_until(
        browser,
        lambda d: d.execute_script("return document.activeElement.id"),
        lambda i: i == "map-panel-title",
        "focus on the panel heading",
    )
    assert focused == "map-panel-title"
    assert "Bauskas novads" in browser.switch_to.active_element.text
    assert "Rundāles novads (līdz 2021. gadam) tagad ir daļa no: Bauskas novads" in panel
    assert "Plānošanas reģions: Zemgale" in panel
    results = norm(browser.find_element(By.ID, "map-search-results").text)
    assert "Bauskas novads" in results
    assert "Zemgales plānošanas reģions" in results
    wait_until(browser, query, lambda q: q.get("m") == "2021:LV-016", "m=2021:LV-016 in the URL")
    # The selection is outlined on the map (one more trace).
    wait_until(browser, map_state, lambda s: s["traces"] >= 43 + 5, "selection outline")
    assert_no_console_errors(browser)


# A point inside a municipality's outline on the map's picture, found by asking the browser
# what is under each point of a grid over the outline's box (its centre may be outside it).
PICTURE_POINT_JS = """
const path = document.querySelector(
  '#react-entry-point .map-facade path[data-map-select="' + arguments[0] + '"]');
if (!path) { return null; }
path.scrollIntoView({block: 'center'});
const r = path.getBoundingClientRect();
for (let i = 1; i < 10; i += 1) {
  for (let j = 1; j < 10; j += 1) {
    const x = r.left + r.width * i / 10, y = r.top + r.height * j / 10;
    if (document.elementFromPoint(x, y) === path) { return [Math.round(x), Math.round(y)]; }
  }
}
return null;
"""


def test_a_tap_on_the_map_s_picture_selects_the_municipality(browser, live_server):
    """Before Plotly has drawn the map, the server's picture answers a tap: the municipality
    under the finger is selected, its panel shown, and Plotly draws the map with it outlined."""
    set_viewport(browser, 360, 740)
    browser.get(f"{live_server}/map")
    wait_for(browser, "#react-entry-point .map-facade", visible=True)
    assert not browser.find_elements(By.CSS_SELECTOR, "#map-graph .main-svg")
    point = wait_until(
        browser,
        lambda d: d.execute_script(PICTURE_POINT_JS, "2021:LV-016"),
        lambda p: p is not None,
        "Bauskas novads on the picture",
    )
    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(browser, mouse=finger)
    actions.pointer_action.move_to_location(*point).pointer_down().pointer_up()
    actions.perform()
    panel = wait_for_panel(browser, "Bauskas novads")
    assert "Plānošanas reģions: Zemgale" in panel
    wait_until(browser, query, lambda q: q.get("m") == "2021:LV-016", "m=2021:LV-016 in the URL")
    # The panel was scrolled into view below the map; back at the map, Plotly has drawn it.
    browser.execute_script("document.getElementById('map-graph').scrollIntoView()")
    wait_until(browser, map_state, lambda s: s["traces"] >= 43 + 5, "Plotly's map, outlined")
    assert_no_console_errors(browser)


def test_on_a_phone_the_map_fills_the_width_and_the_result_comes_into_view(browser, live_server):
    set_viewport(browser, 360, 740)
    open_map(browser, f"{live_server}/map")
    sizes = wait_until(
        browser,
        lambda d: d.execute_script(
            "return [document.querySelector('#map-graph').getBoundingClientRect().width,"
            " window.innerWidth, document.documentElement.scrollWidth];"
        ),
        lambda v: v[0] >= 0.95 * v[1],
        "the map at full width",
    )
    assert sizes[1] == 360 and sizes[2] <= 360, sizes
    search_and_enter(browser, "rundale")
    wait_for_panel(browser, "Bauskas novads")
    top = wait_until(
        browser,
        lambda d: d.execute_script(
            "const r = document.getElementById('map-panel-region').getBoundingClientRect();"
            " return [r.top, window.innerHeight];"
        ),
        lambda v: -2 <= v[0] < v[1] / 2,
        "the panel scrolled into view",
    )
    assert -2 <= top[0] < top[1] / 2, top  # (sub-pixel: scrolled to its top edge)
    screenshot(browser, "map-mobile-after-search")
    assert_no_console_errors(browser)


def test_search_daugavpils_shows_its_contacts(browser, live_server):
    open_map(browser, f"{live_server}/map")
    search_and_enter(browser, "Daugavpils")
    panel = wait_for_panel(browser, "Daugavpils")
    assert "Plānošanas reģions: Latgale" in panel
    contacts = norm(browser.find_element(By.ID, "map-panel-contacts").text)
    expected = panel_contact_names(live_server, "latgale", "LV-DGV")
    # Its own contacts (seed) and Latgale's current coordinator (dossier) among them.
    assert {"Jolanta Ūzuliņa", "Olga Tolmačova", "Ruta Priede"} <= expected, expected
    for name in expected:
        assert name in contacts, (name, contacts)
    # Astrīda Leščinska coordinated Latgale until c. 2023: no longer offered as a contact.
    assert "Astrīda Leščinska" in former_coordinators()
    assert not [n for n in former_coordinators() if n in contacts], contacts
    assert "+371 6547 6064" in contacts
    # The city kept its territory in 2021: still the pilot municipality, with its measures.
    measures = norm(browser.find_element(By.ID, "map-panel-measures").text)
    assert "Atbalsts uzņēmējdarbības uzsākšanai" in measures
    assert "Latviešu valodas apguves nodrošināšana" in measures
    wait_until(browser, query, lambda q: q.get("m") == "2021:LV-DGV", "m=2021:LV-DGV in the URL")
    assert_no_console_errors(browser)


def test_search_in_english(browser, live_server):
    open_map(browser, f"{live_server}/map?lang=en&division=2009", units=119)
    search_and_enter(browser, "rundale")
    panel = wait_for_panel(browser, "Rundāle Municipality")
    assert "Planning region: Zemgale" in panel
    assert "(until 2021) is now part of Bauska Municipality, Zemgale Planning Region" in panel
    # Zemgale has a current coordinator in the record (Agnese Bokta), so the panel names her
    # instead of saying none is listed; its former coordinator is not offered.
    expected = panel_contact_names(live_server, "zemgale", "LV-083")
    assert "Agnese Bokta" in expected, expected
    for name in expected:
        assert name in panel, (name, panel)
    assert "No coordinator is listed for this region yet" not in panel
    assert not [n for n in former_coordinators() if n in panel], panel
    assert_no_console_errors(browser)


def test_a_municipality_with_published_figures_shows_them(browser, live_server):
    open_map(browser, f"{live_server}/map?m=2009:LV-VMR&metric=people_returned&period=2020", 119)
    panel = wait_for_panel(browser, "Valmiera")
    figures = norm(browser.find_element(By.ID, "map-panel-unit-figures").text)
    with urllib.request.urlopen(
        f"{live_server}/api/v1/observations?geo_level=municipality&format=csv", timeout=10
    ) as response:
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8").lstrip("\ufeff"))))
    [valmiera] = [r for r in rows if r["geo_name_lv"] == "Valmiera"]
    assert f"Cilvēki atgriezušies, 2020. gads: {valmiera['value']}" in figures
    assert "Avots:" in figures
    assert "Vidzeme" in panel
    assert_no_console_errors(browser)


def test_clicking_a_municipality_opens_its_panel(browser, live_server):
    open_map(browser, f"{live_server}/map?division=2009", units=119)
    order = browser.execute_script(
        "return [...document.querySelectorAll('#map-municipality-table button')]"
        ".map((b) => b.getAttribute('data-map-select'));"
    )
    assert len(order) == 119
    # The click targets are in boundary-file order (sorted by code); Preiļu novads is LV-073.
    codes = sorted(order)
    index = codes.index("2009:LV-073")
    centre = stable_point_centre(browser, index)
    # A real mouse click at the marker's centre (the markers are transparent).
    browser.execute_cdp_cmd(
        "Input.dispatchMouseEvent",
        {"type": "mouseMoved", "x": centre[0], "y": centre[1]},
    )
    for kind in ("mousePressed", "mouseReleased"):
        browser.execute_cdp_cmd(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": centre[0], "y": centre[1], "button": "left", "clickCount": 1},
        )
    panel = wait_for_panel(browser, "Preiļu novads")
    assert "Plānošanas reģions: Latgale" in panel
    # Preiļu novads has no contact of its own: the panel lists Latgale's regional contacts.
    expected = panel_contact_names(live_server, "latgale", "LV-073")
    assert "Ruta Priede" in expected, expected
    for name in expected:
        assert name in panel, (name, panel)
    assert "Astrīda Leščinska" not in panel  # the former coordinator
    wait_until(browser, query, lambda q: q.get("m") == "2009:LV-073", "m=2009:LV-073 in the URL")
    assert_no_console_errors(browser)


def test_municipality_table_works_by_keyboard(browser, live_server):
    open_map(browser, f"{live_server}/map?division=2009", units=119)
    summary = browser.find_element(By.CSS_SELECTOR, "#map-municipality-details > summary")
    details = browser.find_element(By.ID, "map-municipality-details")
    assert details.get_attribute("open") is None
    summary.send_keys(Keys.ENTER)  # a native <details>: Enter on its summary opens it
    WebDriverWait(browser, 10).until(lambda d: details.get_attribute("open") is not None)

    table = browser.find_element(By.ID, "map-municipality-table")
    buttons = table.find_elements(By.CSS_SELECTOR, "tbody button")
    assert len(buttons) == 119
    assert {b.text for b in buttons} == {"Izvēlēties"}
    button = table.find_element(By.CSS_SELECTOR, "button[aria-label='Izvēlēties: Rundāles novads']")
    button.send_keys(Keys.ENTER)
    panel = wait_for_panel(browser, "Rundāles novads")
    assert "Plānošanas reģions: Zemgale" in panel
    # A table button moves the focus to the result too.
    wait_until(
        browser,
        lambda d: d.execute_script("return document.activeElement.id"),
        lambda i: i == "map-panel-title",
        "focus on the panel heading",
    )

    # Space on another row's button: keyboard users select the same way.
    details = browser.find_element(By.ID, "map-municipality-details")
    table = browser.find_element(By.ID, "map-municipality-table")
    other = table.find_element(By.CSS_SELECTOR, "button[aria-label='Izvēlēties: Daugavpils']")
    other.send_keys(Keys.SPACE)
    panel = wait_for_panel(browser, "Daugavpils")
    assert "Jolanta Ūzuliņa" in panel
    assert_no_console_errors(browser)


def test_map_selection_survives_a_reload(browser, live_server):
    open_map(browser, f"{live_server}/map?m=LV-DGV&lang=en")
    panel = wait_for_panel(browser, "Daugavpils (city)")
    assert "Olga Tolmačova" in panel
    assert_no_console_errors(browser)


# --- contacts ----------------------------------------------------------------------------------


def card_texts(driver: WebDriver, region: str) -> list[str]:
    """The text of each card of ``region``'s section, in page order."""
    return [
        norm(text)
        for text in driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].map((c) => c.innerText);",
            f"#contacts-region-{region} .contact-card",
        )
    ]


def ministry(everyone: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ministry's entries (no region): every region's view lists them after its own."""
    return [c for c in everyone if not c["region"]]


def test_contacts_filter_by_region(browser, live_server):
    everyone = directory(live_server)
    browser.get(f"{live_server}/contacts")
    wait_for_contacts(browser, card_ids(everyone), found(everyone))
    region = Select(browser.find_element(By.ID, "contacts-region"))

    # Latgale: Latgale's contacts and the ministry's, the current coordinator first.
    latgale = directory(live_server, "latgale")
    assert "contact-ruta-priede" in card_ids(latgale), latgale
    assert 0 < len(latgale) < len(everyone)
    region.select_by_visible_text("Latgale")
    shown = latgale + ministry(everyone)
    wait_for_contacts(browser, card_ids(shown), found(shown))
    cards = card_texts(browser, "latgale")
    assert cards and all("Reģions: Latgale" in card for card in cards), cards
    assert cards[0].startswith("Reģiona koordinators Ruta Priede"), cards[0]
    assert "var būt novecojis" in " ".join(cards)  # the seed's Daugavpils entries are years old

    # Kurzeme has a regional coordinator in the record: Agnese Berģe.
    kurzeme = directory(live_server, "kurzeme")
    assert "contact-agnese-berge" in card_ids(kurzeme), kurzeme
    region.select_by_visible_text("Kurzeme")
    shown = kurzeme + ministry(everyone)
    wait_for_contacts(browser, card_ids(shown), found(shown))
    cards = card_texts(browser, "kurzeme")
    assert all("Reģions: Kurzeme" in card for card in cards), cards
    assert cards[0].startswith("Reģiona koordinators Agnese Berģe"), cards

    # Nothing in the region matches the search: the page says so, and still answers whom to
    # contact in Kurzeme instead of an empty list.
    box = browser.find_element(By.ID, "contacts-search")
    box.send_keys("uzulina")  # a Latgale (Daugavpils) contact
    wait_for_contacts(browser, card_ids(kurzeme), found(kurzeme))
    listing = browser.find_element(By.ID, "contacts-list").text
    assert "Reģionā Kurzeme neviens kontakts neatbilst meklētajam “uzulina”." in listing
    assert card_texts(browser, "kurzeme")[0].startswith("Reģiona koordinators Agnese Berģe")
    retype(box, "")

    region.select_by_visible_text("Visi reģioni")
    wait_for_contacts(browser, card_ids(everyone), found(everyone))
    assert_no_console_errors(browser)


def test_contacts_show_current_coordinators_and_former_ones_only_collapsed(browser, live_server):
    """Every region's coordinator in the record is listed; those the dossier marks as former
    (stored inactive) are out of sight under the collapsed "Bijušie koordinatori" heading, and
    when opened they give no e-mail or phone to write to."""
    everyone = directory(live_server)
    browser.get(f"{live_server}/contacts")
    wait_for_contacts(browser, card_ids(everyone), found(everyone))
    text = browser.find_element(By.TAG_NAME, "main").text
    for name in ("Inga Madžule", "Ruta Priede", "Agnese Berģe", "Daina Šulca", "Agnese Bokta"):
        assert name in text, name
    former = former_coordinators()
    assert {"Astrīda Leščinska", "Edgars Jānis Paulovičs"} <= former, former
    assert not [n for n in former if n in text], former  # collapsed: not shown
    assert not [c["name"] for c in everyone if c["name"] in former]
    details = browser.find_element(By.ID, "contacts-former")
    summary = details.find_element(By.TAG_NAME, "summary")
    assert norm(summary.text) == f"Bijušie koordinatori ({len(former)})"
    summary.click()
    wait_until(browser, lambda d: details.get_attribute("open"), bool, "former opened")
    opened = norm(details.text)
    assert all(name in opened for name in former), opened
    assert not details.find_elements(By.CSS_SELECTOR, "a[href^='mailto:'], a[href^='tel:']")
    assert_no_console_errors(browser)


def test_contacts_region_select_shows_all_regions_by_default(browser, live_server):
    everyone = directory(live_server)
    browser.get(f"{live_server}/contacts")
    wait_for_contacts(browser, card_ids(everyone), found(everyone))
    region = Select(browser.find_element(By.ID, "contacts-region"))
    assert region.first_selected_option.text == "Visi reģioni"


def test_contacts_search_without_diacritics(browser, live_server):
    everyone = directory(live_server)
    browser.get(f"{live_server}/contacts")
    wait_for_contacts(browser, card_ids(everyone), found(everyone))
    box = browser.find_element(By.ID, "contacts-search")
    box.send_keys("uzulina")
    wait_for_contacts(browser, {"contact-jolanta-uzulina"}, "Atrasti kontakti: 1")
    card = browser.find_element(By.ID, "contact-jolanta-uzulina")
    assert "Jolanta Ūzuliņa" in card.text
    link = card.find_element(By.CSS_SELECTOR, "a[href='/download/contact/jolanta-uzulina.vcf']")
    assert link.get_attribute("aria-label") == "Lejupielādēt vizītkarti (vCard): Jolanta Ūzuliņa"
    assert card.find_element(By.CSS_SELECTOR, ".stale-badge").is_displayed()
    # A dossier name typed without its diacritics finds that person too.
    retype(box, "berge")
    wait_for_contacts(browser, {"contact-agnese-berge"}, "Atrasti kontakti: 1")
    assert "Agnese Berģe" in browser.find_element(By.ID, "contact-agnese-berge").text
    assert_no_console_errors(browser)


def test_contacts_fit_a_360px_phone(browser, live_server):
    everyone = directory(live_server)
    set_viewport(browser, 360, 740)
    browser.get(f"{live_server}/contacts")
    wait_for_contacts(browser, card_ids(everyone), found(everyone))
    assert browser.execute_script("return window.innerWidth") == 360
    width = wait_until(browser, lambda d: d.execute_script(OVERFLOW_JS), lambda w: True, "size")
    assert width[0] <= width[1], width
    screenshot(browser, "contacts-mobile", full_page=True)
    assert_no_console_errors(browser)


def test_each_region_answers_first_with_its_coordinator_or_office_on_a_phone(browser, live_server):
    """At 360 px, choosing each planning region in turn: the first card is the region's
    coordinator or the route through its office, never "no contact matches"."""
    everyone = directory(live_server)
    set_viewport(browser, 360, 740)
    browser.get(f"{live_server}/contacts")
    wait_for_contacts(browser, card_ids(everyone), found(everyone))
    region = Select(browser.find_element(By.ID, "contacts-region"))
    codes = [v for v in (o.get_attribute("value") for o in region.options) if v not in ("", "all")]
    assert len(codes) == 5, codes
    for code in codes:
        region.select_by_value(code)
        shown = directory(live_server, code) + ministry(everyone)
        wait_for_contacts(browser, card_ids(shown) or {f"contact-route-{code}"}, found(shown))
        first = browser.find_element(By.CSS_SELECTOR, f"#contacts-region-{code} .contact-card")
        classes = first.get_attribute("class")
        assert "contact-card-coordinator" in classes or "route-card" in classes, classes
        listing = browser.find_element(By.ID, "contacts-list").text
        assert "Neviens kontakts neatbilst meklētajam" not in listing
        width = browser.execute_script(OVERFLOW_JS)
        assert width[0] <= width[1], (code, width)
        screenshot(browser, f"contacts-{code}-mobile", full_page=True)
    assert_no_console_errors(browser)


def test_contacts_find_a_former_municipality_at_desktop_width(browser, live_server):
    set_viewport(browser, 1366, 900, mobile=False)
    browser.get(f"{live_server}/contacts?lang=en")
    wait_for(browser, "#contacts-list .contact-card")
    browser.find_element(By.ID, "contacts-search").send_keys("Rundale")
    answer = wait_for(browser, "#contacts-place", visible=True)
    wait_until(
        browser,
        lambda d: norm(answer.text),
        lambda t: "is now part of Bauska Municipality, in the Zemgale planning region" in t,
        "the place answer",
    )
    first = browser.find_element(By.CSS_SELECTOR, "#contacts-region-zemgale .contact-card")
    assert "Agnese Bokta" in first.text
    screenshot(browser, "contacts-rundale-desktop", full_page=True)
    assert_no_console_errors(browser)


@pytest.mark.parametrize("path", ["/map", "/funding", "/about"])
def test_other_pages_fit_a_360px_phone(browser, live_server, path):
    set_viewport(browser, 360, 740)
    open_page(browser, live_server, path, "lv")
    # Plotly resizes its responsive graphs after load; wait for that, then check.
    width = wait_until(
        browser,
        lambda d: d.execute_script(OVERFLOW_JS),
        lambda w: w[0] <= w[1],
        f"no horizontal scroll on {path}",
    )
    assert width[0] <= width[1], width
    screenshot(browser, f"{path.strip('/')}-mobile", full_page=True)
    assert_no_console_errors(browser)


# --- funding -----------------------------------------------------------------------------------


def test_funding_charts_render(browser, live_server):
    browser.get(f"{live_server}/funding")
    draw_charts(browser)
    wait_for(browser, "#budget-chart-graph g.trace.bars")
    wait_for(browser, "#pilot-chart-graph g.trace.bars")
    bars = browser.execute_script(
        "return ['budget-chart-graph', 'pilot-chart-graph'].map((id) =>"
        " document.querySelectorAll('#' + id + ' g.trace.bars .point path').length);"
    )
    assert bars == [4, 2]
    # Each bar's label: its name's lines, then amount and share, as separate lines (tspans).
    bar_labels = browser.execute_script(
        "return [...document.querySelectorAll('#budget-chart-graph .annotation-text')]"
        ".map((t) => [...t.querySelectorAll('tspan.line')].map((l) => l.textContent));"
    )
    assert [norm(lines[-1]) for lines in bar_labels] == ["193 058,70 € (30 %)"] * 3 + [
        "64 352,90 € (10 %)"
    ]
    assert norm(" ".join(bar_labels[0][:-1])) == "Atbalsts saimnieciskajai darbībai"
    body = norm(browser.find_element(By.TAG_NAME, "main").text)
    assert "193 058,70" in body
    assert "10 714,29 €" in body
    # textContent: WebDriver's .text turns no-break spaces into plain ones.
    impulss = browser.find_element(By.ID, "impulss-amount").get_attribute("textContent")
    assert impulss == f"7{NBSP}000{NBSP}€"
    # The table alternative, opened.
    details = browser.find_element(By.CSS_SELECTOR, "#budget-chart-details details.chart-table")
    details.find_element(By.TAG_NAME, "summary").click()
    table = details.find_element(By.TAG_NAME, "table")
    WebDriverWait(browser, 10).until(lambda d: table.is_displayed())
    last = [norm(c.text) for c in table.find_elements(By.CSS_SELECTOR, "tbody tr:last-child > *")]
    assert last == ["Kopā", "643 529,00 €", "100 %"]
    assert_no_console_errors(browser)


# Every bar label (name, amount and share) of the funding charts, with the chart's own box.
LABEL_BOXES_JS = """
const out = [];
for (const id of ['budget-chart-graph', 'pilot-chart-graph']) {
  const box = document.querySelector('#' + id + ' .main-svg').getBoundingClientRect();
  for (const t of document.querySelectorAll(
    '#' + id + ' .annotation-text'
  )) {
    const r = t.getBoundingClientRect();
    out.push({
      chart: id, text: t.textContent, left: r.left - box.left, right: box.right - r.right,
    });
  }
}
return out;
"""


@pytest.mark.parametrize(
    "width",
    [
        320,
        360,
        768,
        1366,
    ],
)
def test_funding_chart_labels_fit_inside_the_chart(browser, live_server, width):
    set_viewport(browser, width, 900, mobile=width < 768)
    open_page(browser, live_server, "/funding", "lv")

    def boxes(d: WebDriver) -> list[dict[str, Any]]:
        return d.execute_script(LABEL_BOXES_JS)

    # 4 + 2 bar labels; let Plotly finish its responsive resize.
    wait_until(browser, boxes, lambda b: len(b) == 6, "funding chart labels")
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.fonts.ready"))
    cut = [b for b in boxes(browser) if b["left"] < -1 or b["right"] < -1]
    assert cut == [], f"labels outside their chart at {width} px: {cut}"


PICTURE_LABELS_JS = """
const out = [];
for (const id of ['budget-chart-graph', 'pilot-chart-graph']) {
  const picture = document.querySelector('#react-entry-point #' + id)
    .closest('.chart-box').querySelector('.chart-facade');
  const box = picture.getBoundingClientRect();
  for (const t of picture.querySelectorAll('.facade-note')) {
    const r = t.getBoundingClientRect();
    out.push({chart: id, text: t.textContent, left: r.left - box.left, right: box.right - r.right});
  }
}
return out;
"""


@pytest.mark.parametrize("width", [320, 360, 1366])
def test_funding_picture_labels_fit_inside_the_chart(browser, live_server, width):
    """Before anyone touches them, the funding charts are the server's pictures; their bar
    labels (name, amount, share) stay inside the chart on the narrowest phone too."""
    set_viewport(browser, width, 900, mobile=width < 768)
    browser.get(f"{live_server}/funding?lang=lv")
    wait_for(browser, "#react-entry-point #budget-chart-card .chart-facade")
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.fonts.ready"))
    labels = browser.execute_script(PICTURE_LABELS_JS)
    assert len(labels) == 6, labels  # 4 + 2 bars
    cut = [b for b in labels if b["left"] < -1 or b["right"] < -1]
    assert cut == [], f"labels outside their picture at {width} px: {cut}"
    screenshot(browser, f"funding-pictures-{width}")


def test_funding_in_english(browser, live_server):
    browser.get(f"{live_server}/funding?lang=en")
    draw_charts(browser)
    wait_for(browser, "#budget-chart-graph g.trace.bars")
    body = norm(browser.find_element(By.TAG_NAME, "main").text)
    assert "€193,058.70" in body
    assert "€10,714.29" in body
    assert "€7,000" in body
    assert_no_console_errors(browser)


# --- every page, both languages ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("path", list(TITLES))
def test_page_renders_without_console_errors(browser, live_server, path, lang):
    requested_urls(browser)
    open_page(browser, live_server, path, lang)
    h1 = browser.find_element(By.TAG_NAME, "h1").text
    assert h1.strip(), path
    assert_only_own_host(browser, live_server)
    assert_no_console_errors(browser)
    screenshot(browser, f"{path.strip('/')}-{lang}", full_page=True)
