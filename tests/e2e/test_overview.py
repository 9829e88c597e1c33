"""The overview page (``/``) in a real browser: charts, headline card, filters, URL, languages.

Expected numbers are never typed in: they are read from the open data the same server serves
(``/api/v1/observations``, the preferred source of every cell) and cut the way the year view
cuts them (``dashboard/queries/series.py``): flows whose period *is* a calendar year (from 1
January, or from the programme's start on 1 March 2018, to 31 December), one per region,
measure and year; every year of the range is on the axis, a year without a figure is empty.
The headline card adds a year's regional figures where every selected region published one,
takes the published national figure for a year some did not (all regions selected), and
leaves out a year only some of them reported (listed beside the total, never added). Reading
the API rather than calling the queries in-process keeps this an outside check: the rule is
restated here, so a change to it in the app fails here.

Numbers are compared after collapsing whitespace, because Latvian groups thousands with a
non-breaking space (one test checks that the space really is U+00A0).
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import (
    console_errors,
    draw_charts,
    requested_urls,
    screenshot,
    set_viewport,
    wait_for,
)
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

T = TypeVar("T")

REGIONS = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
REGION_NAMES_LV = ["Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale"]
WITHOUT_ZEMGALE = "kurzeme,latgale,riga,vidzeme"
NBSP = "\u00a0"
PER_MONTH_LV = "Rādīt vidēji mēnesī (periodi ir dažāda garuma)"

# One JS round trip for the state of all three charts, so nothing can go stale between reads.
CHART_STATE_JS = r"""
const count = (sel) => document.querySelectorAll(sel).length;
const text = (sel) => {
  const el = document.querySelector(sel);
  return el ? el.textContent : null;
};
return {
  regions: count('#regions-chart-graph .js-plotly-plot .plot-container g.trace.bars'),
  // Plotly draws a flat path (no height) for a slot without a value: count bars with height.
  regionBars: Array.from(document.querySelectorAll('#regions-chart-graph g.trace.bars .point path'))
    .filter((p) => {
      const m = (p.getAttribute('d') || '').match(/^M[-\d.]+,([-\d.]+)V([-\d.]+)H/);
      return m && m[1] !== m[2];
    }).length,
  trend: count('#trend-chart-graph .js-plotly-plot .plot-container g.trace.scatter'),
  share: count('#share-chart-graph .js-plotly-plot .plot-container g.trace.bars'),
  regionsTitle: text('#regions-chart-title'),
  yTitle: text('#regions-chart-graph .ytitle'),
  paced: !!(window.Plotly && window.Plotly.__paced),
};
"""

HEADLINE_JS = """
const el = document.querySelector('#' + arguments[0] + ' .headline-value');
return el ? el.textContent : null;
"""


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


def chart_state(driver: WebDriver) -> dict[str, Any]:
    return driver.execute_script(CHART_STATE_JS)


def wait_for_charts(driver: WebDriver, regions: int, title_part: str = "") -> dict[str, Any]:
    """Wait until all three charts show ``regions`` traces and the title contains ``title_part``
    (each chart first scrolled near, where it draws)."""
    draw_charts(driver)
    return wait_until(
        driver,
        chart_state,
        lambda s: (
            s["regions"] == s["trend"] == s["share"] == regions
            and title_part in (s["regionsTitle"] or "")
        ),
        f"{regions} traces in every chart and {title_part!r} in the title",
    )


def headline(driver: WebDriver, card_id: str) -> str | None:
    """Raw textContent of a headline card's value (None while the cards are not rendered)."""
    return driver.execute_script(HEADLINE_JS, card_id)


def wait_for_headline(driver: WebDriver, card_id: str, expected: str) -> None:
    wait_until(driver, lambda d: norm(headline(d, card_id)), lambda v: v == expected, f"{card_id}")


def query_of(url: str) -> dict[str, str]:
    """A URL's query string as a flat dict (each parameter's first value)."""
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def query(driver: WebDriver) -> dict[str, str]:
    return query_of(driver.current_url)


def wait_for_query(driver: WebDriver, **expected: str) -> dict[str, str]:
    return wait_until(
        driver,
        query,
        lambda q: all(q.get(k) == v for k, v in expected.items()),
        f"URL query with {expected}",
    )


def checked(driver: WebDriver, group_id: str) -> list[str]:
    return [
        el.get_attribute("value")
        for el in driver.find_elements(By.CSS_SELECTOR, f"#{group_id} input.form-check-input")
        if el.is_selected()
    ]


def click_label(driver: WebDriver, group_id: str, text: str) -> None:
    """Click a filter option by its visible label, as a person would."""
    xpath = f"//*[@id='{group_id}']//label[normalize-space()='{text}']"
    WebDriverWait(driver, 10).until(ec.element_to_be_clickable((By.XPATH, xpath))).click()


def toggle_per_month(driver: WebDriver) -> None:
    """Click the per-month switch's label (dbc.Switch: the label is the input's sibling)."""
    label = WebDriverWait(driver, 10).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "label[for='filter-per-month']"))
    )
    assert label.text == PER_MONTH_LV, label.text
    label.click()


def open_overview(driver: WebDriver, url: str, regions: int = 5) -> dict[str, Any]:
    driver.get(url)
    wait_for(driver, "#headline-cards .headline-value")
    return wait_for_charts(driver, regions)


def drop_zemgale_choose_people(driver: WebDriver) -> None:
    """The filter change tests 2-4 share: untick Zemgale, pick "people returned"."""
    click_label(driver, "filter-regions", "Zemgale")
    click_label(driver, "filter-metric", "Cilvēki atgriezušies")
    wait_for_charts(driver, 4, "Cilvēki")
    wait_for_query(driver, regions=WITHOUT_ZEMGALE, metric="people_returned")


def assert_no_console_errors(driver: WebDriver) -> None:
    errors = console_errors(driver)
    assert errors == [], f"SEVERE browser console entries: {errors}"


# --- What the charts should show, from the served open data -------------------------------------


PROGRAMME_START = dt.date(2018, 3, 1)


def year_of(start: dt.date, end: dt.date) -> int | None:
    """The year a period *is* (the year view's rule), or None."""
    first = dt.date(start.year, 1, 1)
    if end != dt.date(start.year, 12, 31):
        return None
    return start.year if start in (first, PROGRAMME_START) else None


@dataclass(frozen=True)
class Charted:
    """One value the year view shows: a region's (or Latvia's) measure for one year."""

    region: str
    metric: str
    year: int
    months: int
    value: int


def charted_rows(rows: Iterable[dict[str, Any]], level: str) -> list[Charted]:
    """The API's preferred flow rows of ``level`` that are a year, one per place, measure and
    year (the longer period where 2018 was published both from January and from March)."""
    best: dict[tuple[str, str, int], Charted] = {}
    for row in rows:
        start = dt.date.fromisoformat(row["period_start"])
        end = dt.date.fromisoformat(row["period_end"])
        year = year_of(start, end)
        if row["kind"] != "flow" or year is None or not row["preferred"]:
            continue
        if row["geo_level"] != level:
            continue
        cell = Charted(row["region"] or "LV", row["metric"], year, row["months"], row["value"])
        key = (cell.region, cell.metric, year)
        if key not in best or cell.months > best[key].months:
            best[key] = cell
    return sorted(
        best.values(),
        key=lambda c: (c.year, REGIONS.index(c.region) if c.region in REGIONS else -1),
    )


@dataclass(frozen=True)
class Expected:
    """What the year view should show, from ``charted_rows`` of the regions and of Latvia."""

    rows: list[Charted]
    national: list[Charted]

    @property
    def years(self) -> list[int]:
        return list(range(2018, max(c.year for c in self.rows) + 1))

    def select(self, metric: str, regions: Iterable[str] = REGIONS) -> list[Charted]:
        wanted = set(regions)
        return [c for c in self.rows if c.metric == metric and c.region in wanted]

    def value(self, metric: str, region: str, year: int) -> int | None:
        found = [c.value for c in self.select(metric, [region]) if c.year == year]
        return found[0] if found else None

    def _slots(self, metric: str, regions: list[str]) -> list[tuple[int, int]]:
        """(value, months) of each year the card counts."""
        counted = []
        for year in self.years:
            values = [v for r in regions if (v := self.value(metric, r, year)) is not None]
            national = [c.value for c in self.national if c.metric == metric and c.year == year]
            months = 10 if year == 2018 else 12
            if values and len(values) == len(regions):
                counted.append((sum(values), months))
            elif national and len(regions) == len(REGIONS):
                counted.append((national[0], months))
            # A year only some selected regions reported is listed beside the total, not in it.
        return counted

    def total(self, metric: str, regions: Iterable[str] = REGIONS) -> int:
        return sum(v for v, _ in self._slots(metric, list(regions)))

    def per_month(self, metric: str, regions: Iterable[str] = REGIONS) -> str:
        """The card's per-month average as Latvian shows it (one decimal, comma)."""
        slots = self._slots(metric, list(regions))
        average = Decimal(sum(v for v, _ in slots)) / Decimal(sum(m for _, m in slots))
        return lv(average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def lv(number: int | Decimal) -> str:
    """A number as Latvian writes it, after ``norm``: space-grouped thousands, decimal comma."""
    return f"{number:,}".replace(",", " ").replace(".", ",")


def en(number: int) -> str:
    return f"{number:,}"


@pytest.fixture(scope="module")
def expected(live_server: str) -> Expected:
    url = f"{live_server}/api/v1/observations?format=json"
    with urllib.request.urlopen(url, timeout=30) as resp:
        served = json.load(resp)
    data = Expected(charted_rows(served, "planning_region"), charted_rows(served, "national"))
    # Guards: an empty or one-sided record would let the checks below pass vacuously.
    for metric in ("families_returned", "people_returned", "offers_prepared"):
        assert data.select(metric), f"the served data chart no {metric}"
    assert data.total("people_returned", ["zemgale"]) > 0
    assert data.total("families_returned", ["zemgale"]) > 0
    return data


def test_overview_renders_charts_and_headline_cards_in_latvian(browser, live_server, expected):
    state = open_overview(browser, f"{live_server}/")

    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "lv"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Pārskats"
    # One grouped bar per region and period that has a figure.
    families = expected.select("families_returned")
    assert state["regionBars"] == len(families), state
    # Drawn one chart per task (assets/plotly-on-demand.js), and still all three of them.
    assert state["paced"] is True
    assert state["regions"] == state["trend"] == state["share"] == 5, state
    assert state["regionsTitle"] == "Ģimenes atgriezušās pa reģioniem un periodiem"
    assert state["yTitle"] == "ģimenes"

    # One card, the selected measure's, so on a phone the first chart follows closely.
    cards = browser.find_elements(By.CSS_SELECTOR, "#headline-cards .headline-card")
    assert [c.get_attribute("id") for c in cards] == ["headline-families-returned"]
    total = expected.total("families_returned")
    assert norm(headline(browser, "headline-families-returned")) == lv(total)
    families_card = norm(browser.find_element(By.ID, "headline-families-returned").text)
    assert f"{lv(total)} ģimenes" in families_card
    # It says what it covers.
    assert "Datus publicēja visi atlasītie reģioni (5)" in families_card

    # Every chart card has its title, summary sentence, table alternative and provenance.
    for chart in ("regions-chart", "trend-chart", "share-chart"):
        assert browser.find_element(By.ID, f"{chart}-title").text.strip(), chart
        details = browser.find_element(By.ID, f"{chart}-details")
        assert details.find_element(By.CSS_SELECTOR, "p.chart-summary").text.strip(), chart
        assert details.find_elements(By.CSS_SELECTOR, "details.chart-table table"), chart
        provenance = details.find_element(By.CSS_SELECTOR, ".provenance").text
        assert "Avots:" in provenance or "Avoti:" in provenance, (chart, provenance)
        assert "Dati uz" in provenance, (chart, provenance)

    assert_no_console_errors(browser)
    screenshot(browser, "overview-lv", full_page=True)


def test_filters_change_charts_cards_and_url(browser, live_server, expected):
    open_overview(browser, f"{live_server}/")
    q = query(browser)
    assert q.get("regions") == ",".join(REGIONS), browser.current_url
    assert q.get("metric") == "families_returned", browser.current_url

    drop_zemgale_choose_people(browser)
    url = browser.current_url
    assert (
        f"regions={WITHOUT_ZEMGALE.replace(',', '%2C')}" in url
        or f"regions={WITHOUT_ZEMGALE}" in url
    ), url
    assert "metric=people_returned" in url, url
    assert "Zemgale" not in browser.find_element(By.ID, "regions-chart-details").text
    four = REGIONS[:4]
    people = expected.total("people_returned", four)
    wait_for_headline(browser, "headline-people-returned", lv(people))
    # Latvian groups thousands with a non-breaking space, so "1 543" never wraps mid-number.
    assert people >= 1000, "the NBSP check needs a four-digit total"
    assert headline(browser, "headline-people-returned") == f"{people:,}".replace(",", NBSP)

    # Per month: the card and the charts' unit become averages over the months counted.
    toggle_per_month(browser)
    wait_for_headline(
        browser, "headline-people-returned", expected.per_month("people_returned", four)
    )
    wait_for_query(browser, per_month="1")
    wait_until(browser, chart_state, lambda s: s["yTitle"] == "cilvēki mēnesī", "per-month y axis")
    assert "vidēji mēnesī" in browser.find_element(By.ID, "headline-people-returned").text

    # Zemgale back: the per-month average is over all five regions (and Latvia's figures).
    click_label(browser, "filter-regions", "Zemgale")
    wait_for_charts(browser, 5, "Cilvēki")
    wait_for_headline(browser, "headline-people-returned", expected.per_month("people_returned"))
    wait_for_query(browser, regions=",".join(REGIONS), per_month="1")

    assert_no_console_errors(browser)


def test_reopening_the_url_restores_the_view(browser, live_server, expected):
    open_overview(browser, f"{live_server}/")
    drop_zemgale_choose_people(browser)
    shared = browser.current_url

    browser.get("about:blank")  # make the next load a fresh document, not a same-page update
    browser.get(shared)
    wait_for_charts(browser, 4, "Cilvēki")

    assert checked(browser, "filter-regions") == REGIONS[:4]
    assert checked(browser, "filter-metric") == ["people_returned"]
    people = expected.total("people_returned", REGIONS[:4])
    wait_for_headline(browser, "headline-people-returned", lv(people))
    assert query(browser) == query_of(shared)
    assert_no_console_errors(browser)


def test_language_switch_translates_and_keeps_the_filters(browser, live_server, expected):
    open_overview(browser, f"{live_server}/")
    drop_zemgale_choose_people(browser)

    old_html = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, "lang-switch").click()
    WebDriverWait(browser, 20).until(ec.staleness_of(old_html))  # a real page load
    wait_for(browser, "html[lang='en']")
    wait_for_charts(browser, 4, "People returned")

    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview"
    assert "People returned" in browser.find_element(By.ID, "headline-cards").text
    assert browser.find_element(By.ID, "regions-chart-title").text == (
        "People returned by region and period"
    )
    # The view survives the switch: same filters in the URL and on the page.
    wait_for_query(browser, regions=WITHOUT_ZEMGALE, metric="people_returned", lang="en")
    assert checked(browser, "filter-regions") == REGIONS[:4]
    assert checked(browser, "filter-metric") == ["people_returned"]
    people = expected.total("people_returned", REGIONS[:4])
    wait_for_headline(browser, "headline-people-returned", en(people))
    assert browser.find_element(By.ID, "lang-switch").text == "Latviski"
    assert (browser.get_cookie("lang") or {}).get("value") == "en"
    screenshot(browser, "overview-en", full_page=True)

    # Without ?lang the cookie keeps English.
    browser.get(f"{live_server}/")
    wait_for(browser, "html[lang='en']")
    wait_for_charts(browser, 5, "Families returned")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview"
    wait_for_headline(
        browser, "headline-families-returned", en(expected.total("families_returned"))
    )
    assert_no_console_errors(browser)


def test_regions_chart_table_alternative(browser, live_server, expected):
    open_overview(browser, f"{live_server}/")
    details = browser.find_element(By.CSS_SELECTOR, "#regions-chart-details details.chart-table")
    table = details.find_element(By.TAG_NAME, "table")
    assert details.get_attribute("open") is None
    assert not table.is_displayed()

    details.find_element(By.TAG_NAME, "summary").click()
    WebDriverWait(browser, 10).until(lambda d: table.is_displayed())
    assert details.get_attribute("open") is not None

    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers == ["Periods", *REGION_NAMES_LV, "Datus publicēja"]
    rows = {
        tr.find_element(By.TAG_NAME, "th").text: [
            td.text for td in tr.find_elements(By.TAG_NAME, "td")
        ]
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    }
    # One row per year of the range, each region's figure in its column ("–" where it has
    # none, never 0), another source's different figure beside it, and who reported.
    assert [label[:4] for label in rows] == [str(y) for y in expected.years], rows
    for (label, cells), year in zip(rows.items(), expected.years, strict=True):
        values = [expected.value("families_returned", r, year) for r in REGIONS]
        for cell, value in zip(cells, values, strict=False):
            if value is None:
                assert cell == "–", (label, cells)
            else:
                assert cell == lv(value) or cell.startswith(f"{lv(value)} (publicēts arī: ")
        reported = sum(v is not None for v in values)
        assert cells[-1] == f"{reported} no 5", (label, cells)
    assert "Mērvienība: ģimenes" in table.find_element(By.TAG_NAME, "caption").text
    assert_no_console_errors(browser)


GRAPH_DATA_JS = """
const out = {};
for (const id of ['regions-chart-graph', 'trend-chart-graph', 'share-chart-graph']) {
  const div = document.querySelector('#' + id + ' .js-plotly-plot');
  out[id] = div && div.data ? div.data.map((t) => ({
    name: t.name, type: t.type, x: Array.from(t.x || []), y: Array.from(t.y || []),
    connectgaps: t.connectgaps === undefined ? null : t.connectgaps,
    orientation: t.orientation || 'v',
  })) : null;
}
out.summaries = Array.from(document.querySelectorAll('p.chart-summary')).map((p) => p.textContent);
return out;
"""


@pytest.mark.parametrize(
    ("lang", "wrong"),
    [("lv", ["1 atlasītā reģiona", "1 atlasītais"]), ("en", ["1 selected region", "of the 1 "])],
)
def test_the_browser_s_chart_data_has_every_year_no_bridge_and_no_lone_share(
    browser, live_server, expected, lang, wrong
):
    """What the reader's browser holds (each Plotly graph div's ``.data``), five regions
    selected, the real record: every year on the axis, a missing year empty and never bridged,
    no share where one region is 100 % while others are missing, summaries counting five."""
    open_overview(browser, f"{live_server}/?metric=people_returned&lang={lang}")
    data = wait_until(
        browser,
        lambda d: d.execute_script(GRAPH_DATA_JS),
        lambda v: all(v[k] for k in ("regions-chart-graph", "trend-chart-graph")),
        "the graphs' data",
    )
    years = [str(y) for y in expected.years]
    for graph in ("regions-chart-graph", "trend-chart-graph"):
        traces = data[graph]
        assert len(traces) == 5
        for trace, region in zip(traces, REGIONS, strict=True):
            assert [x.split("<br>")[0].split(" ")[0] for x in trace["x"]] == years
            published = [expected.value("people_returned", region, int(y)) for y in years]
            assert trace["y"] == published, (graph, region)
            if trace["type"] == "scatter":
                assert trace["connectgaps"] is False
            if trace["connectgaps"]:
                assert None not in trace["y"]
    assert any(None in trace["y"] for trace in data["trend-chart-graph"]), "the record has gaps"
    share = data["share-chart-graph"] or []
    for i in range(len(share[0]["y"]) if share else 0):
        values = [trace["x"][i] for trace in share]
        assert None not in values and max(values) < 100
        assert sum(values) == pytest.approx(100)
    for summary in data["summaries"]:
        for words in wrong:
            assert words not in summary, summary
    assert_no_console_errors(browser)
    screenshot(browser, f"overview-record-{lang}", full_page=True)


def test_page_requests_only_its_own_host(browser, live_server):
    requested_urls(browser)  # drop the browser's own start-up page from the log
    open_overview(browser, f"{live_server}/")
    # Interactions that load more code or data (details table, per month, another metric).
    browser.find_element(By.CSS_SELECTOR, "#regions-chart-details summary").click()
    toggle_per_month(browser)
    wait_for_query(browser, per_month="1")
    click_label(browser, "filter-metric", "Sagatavotie personalizētie piedāvājumi")
    wait_for_charts(browser, 5, "Sagatavotie")

    logged = requested_urls(browser)
    timed = browser.execute_script(
        "return performance.getEntriesByType('resource').map((e) => e.name);"
    )
    urls = logged + timed
    # Only network fetches count; data:/blob: URLs and chrome:// pages never leave the machine.
    network = [u for u in urls if urlsplit(u).scheme in {"http", "https", "ws", "wss", "ftp"}]
    assert any("plotly" in u for u in network), network  # the log really saw the page load
    foreign = sorted({u for u in network if not u.startswith(f"{live_server}/")})
    assert foreign == [], f"requests to other hosts: {foreign}"


def test_overview_fits_a_360px_phone(browser, live_server):
    set_viewport(browser, 360, 740)
    open_overview(browser, f"{live_server}/")
    assert browser.execute_script("return window.innerWidth") == 360

    def overflow(d: WebDriver) -> list[int]:
        return d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")

    # Plotly resizes its responsive graphs after load; wait for that, then check.
    width = wait_until(browser, overflow, lambda w: w[0] <= w[1], "no horizontal scroll")
    assert width[0] <= width[1]
    graphs = browser.execute_script(
        "return [...document.querySelectorAll('.js-plotly-plot .main-svg')]"
        ".map((s) => s.getBoundingClientRect().right);"
    )
    assert graphs and max(graphs) <= 360, graphs
    screenshot(browser, "overview-mobile")
    screenshot(browser, "overview-mobile-full", full_page=True)

    # The open table alternative scrolls inside its own box, not the page.
    browser.find_element(By.CSS_SELECTOR, "#regions-chart-details summary").click()
    wait_for(browser, "#regions-chart-details table", visible=True)
    width = overflow(browser)
    assert width[0] <= width[1], width

    # The collapsed navigation still reaches the language switch.
    browser.find_element(By.ID, "navbar-toggler").click()
    wait_for(browser, "#lang-switch", visible=True)
    assert_no_console_errors(browser)


# Regressions: the app shell is rendered in Dash's separate /_dash-layout request, so it must take
# the page's address from the referrer (dashboard/i18n/context.py page_location); before that fix
# the language link pointed at /_dash-layout, no nav link was current, and the title stayed Latvian.


def test_language_switch_link_points_at_the_page(browser, live_server):
    browser.get(f"{live_server}/?metric=people_returned")
    wait_for_charts(browser, 5, "Cilvēki")
    link = browser.find_element(By.ID, "lang-switch")
    href = link.get_attribute("href")
    # The server-rendered href (what "open in new tab" and no-JS readers get), not the click fix-up.
    assert urlsplit(href).path == "/", href
    assert query_of(href) == {"metric": "people_returned", "lang": "en"}, href


def test_navigation_marks_the_current_page(browser, live_server):
    open_overview(browser, f"{live_server}/")
    current = browser.find_elements(By.CSS_SELECTOR, ".navbar-nav .nav-link[aria-current='page']")
    assert [a.get_attribute("pathname") for a in current] == ["/"]
    assert "active" in current[0].get_attribute("class")


def test_document_title_follows_the_language(browser, live_server):
    open_overview(browser, f"{live_server}/")
    wait_until(browser, lambda d: d.title, lambda t: t.startswith("Pārskats"), "Latvian title")
    open_overview(browser, f"{live_server}/?lang=en")
    title = wait_until(browser, lambda d: d.title, lambda t: "Overview" in t, "English title")
    assert title == "Overview – Regional remigration support"
