"""Issue 13's held-out check, rehearsed: sparse real figures published in the browser, every
chart read back in LV and EN, at 1366 px and 360 px.

A server of its own (``seed_only_server``) starts with the seed table alone (2018–2020, all five
regions). An admin uploads, through /admin, the dossier's full-year figures of three measures for
Kurzeme 2022, Latgale 2023 and Vidzeme 2025 (rows of ``figures.csv`` as they are, nothing typed
here) and publishes them. Then, as a reader, the module opens the overview for every view and
measure the page offers, the "Latvia as a whole" section, the map for every year it offers and
the embeds, reads each Plotly graph's ``data`` and ``layout`` and the visible text, and the tests
assert on what was read:

* no line joins two values across a slot without data, and every axis holds every slot of its
  range (slots derived from the axis categories, not listed here);
* no share chart draws a period in which a selected region has no figure (a lone region at 100 %);
* no text speaks of a number of selected regions other than the number of boxes ticked;
* a region-year with no published figure is empty (null, "no data"), never 0, on charts and map.

The reading is done once (module fixture ``readings``) so the run stays well under three
minutes; each property is its own test, so a failure names the property.
"""

from __future__ import annotations

import csv
import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from browser import draw_charts, screenshot, set_viewport, wait_for
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from support import dossier_upload_csv
from test_admin_e2e import DASH_IDLE_JS, choose_file, sign_in, until

FIGURES = Path(__file__).resolve().parents[3] / "shared/data/published-figures/figures.csv"
DOSSIER = Path(__file__).resolve().parents[2] / "data/seed/dossier/figures.csv"
SOURCE = FIGURES if FIGURES.exists() else DOSSIER

# The sparse example: one region, one calendar year each.
SPARSE = {("Kurzeme", "2022"), ("Latgale", "2023"), ("Vidzeme", "2025")}
MEASURES = ("families_returned", "people_returned", "offers_prepared")
# Slots in one calendar year, by view (a definition of the views, not a result).
SLOTS_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "programme": 12, "stock": 12}
DESKTOP, PHONE = (1366, 900), (360, 800)

_YEAR = re.compile(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9])")

READ_JS = """
const graphs = Array.from(document.querySelectorAll('.js-plotly-plot'), (el) => {
  const holder = el.closest('[id]');
  const fl = el._fullLayout || {};
  return {
    id: holder ? holder.id : null,
    ready: !!el._fullLayout,
    xcats: (fl.xaxis && fl.xaxis.type === 'category') ? fl.xaxis._categories : null,
    ycats: (fl.yaxis && fl.yaxis.type === 'category') ? fl.yaxis._categories : null,
    traces: (el.data || []).map((t) => ({
      type: t.type || 'scatter', mode: t.mode || '', name: t.name == null ? null : String(t.name),
      orientation: t.orientation || 'v', fill: t.fill || null,
      connectgaps: t.connectgaps === true,
      x: Array.isArray(t.x) ? t.x : Array.from(t.x || []),
      y: Array.isArray(t.y) ? t.y : Array.from(t.y || []),
      text: typeof t.text === 'string' ? [t.text] : Array.from(t.text || []),
    })),
  };
});
const main = document.querySelector('main') || document.body;
const value = (sel) => { const e = document.querySelector(sel); return e ? e.value : null; };
return {
  graphs: graphs,
  text: main.innerText,
  checked: Array.from(document.querySelectorAll('#filter-regions input:checked'), (e) => e.value),
  boxes: document.querySelectorAll('#filter-regions input[type=checkbox]').length,
  metrics: Array.from(document.querySelectorAll('#filter-metric input'), (e) => e.value),
  metric: value('#filter-metric input:checked'),
  granularities: Array.from(document.querySelectorAll('#filter-granularity option'),
                            (e) => e.value).filter((v) => v),
  granularity: value('#filter-granularity'),
  from: value('#filter-period-from'),
  to: value('#filter-period-to'),
};
"""

# The map's selects are dbc.Select: ids end in -metric / -period (read, not assumed).
MAP_OPTIONS_JS = """
const pick = (re) => Array.from(document.querySelectorAll('select')).find((s) => re.test(s.id));
const opts = (s) => s ? Array.from(s.options, (o) => o.value).filter((v) => v) : [];
const period = pick(/period/);
return {metrics: opts(pick(/metric/)), periods: opts(period), period: period ? period.value : null};
"""

GRAPHS_READY_JS = DASH_IDLE_JS.replace(
    "return ",
    "const g = document.querySelectorAll('.js-plotly-plot');\n"
    "return g.length >= arguments[0] && Array.from(g).every((e) => !!e._fullLayout) && ",
    1,
)


# --- The upload: dossier rows as they are -------------------------------------------------------


def sparse_rows() -> list[dict[str, str]]:
    """The dossier's full-calendar-year figures of the three charted measures for the issue's
    region-years (Kurzeme 2022, Latgale 2023, Vidzeme 2025)."""
    with SOURCE.open(encoding="utf-8") as f:
        return [
            r
            for r in csv.DictReader(f)
            if (r["geo"], r["period_start"][:4]) in SPARSE
            and r["period_start"] == f"{r['period_start'][:4]}-01"
            and r["period_end"] == f"{r['period_start'][:4]}-12"
            and r["measure"] in MEASURES
            and r["exact_period"] == "yes"
        ]


def upload_csv(rows: list[dict[str, str]]) -> bytes:
    """The rows in the upload format's long layout, with their sources (the note: the dossier
    row's id)."""
    return dossier_upload_csv(rows, notes=False)


def publish_in_browser(driver: WebDriver, server: dict[str, str], path: Path) -> None:
    sign_in(driver, server["base_url"], server["username"], server["password"])
    choose_file(driver, path)
    status = wait_for(driver, "#admin-upload-status", visible=True)
    assert "alert-success" in status.get_attribute("class"), status.text
    until(driver, ec.element_to_be_clickable((By.ID, "admin-publish")), "publish enabled").click()
    published = wait_for(driver, "#admin-published-alert", visible=True)
    assert "Nr. 2" in published.text, published.text
    driver.delete_all_cookies()  # from here on, a reader


# --- Reading pages --------------------------------------------------------------------------------


def read(driver: WebDriver, url: str, graphs: int = 1) -> dict[str, Any]:
    driver.get(url)
    draw_charts(driver)  # each is drawn when scrolled near, as a reader would see it
    until(driver, lambda d: d.execute_script(GRAPHS_READY_JS, graphs), f"graphs at {url}", 30)
    page = driver.execute_script(READ_JS)
    page["url"] = url
    return page


def api_observations(base: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{base}/api/v1/observations", timeout=20) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def readings(
    seed_only_server: dict[str, str], module_browser: WebDriver, tmp_path_factory
) -> Iterator[dict[str, Any]]:
    """Publish the sparse rows through /admin, then read every view as a reader."""
    driver, base = module_browser, seed_only_server["base_url"]
    rows = sparse_rows()
    assert {(r["geo"], r["period_start"][:4]) for r in rows} == SPARSE, rows
    path = tmp_path_factory.mktemp("sparse") / "sparse.csv"
    path.write_bytes(upload_csv(rows))
    publish_in_browser(driver, seed_only_server, path)

    pages: list[dict[str, Any]] = []
    maps: list[dict[str, Any]] = []
    shots: list[Path] = []
    for lang, (width, height), full in (
        ("lv", DESKTOP, True),
        ("en", PHONE, True),
        ("lv", PHONE, False),
        ("en", DESKTOP, False),
    ):
        # Every view and measure in each language (LV at desktop width, EN on a phone); the
        # default views in the other two pairs. Chart data do not depend on the width, the
        # layout does: the screenshots are of all four.
        set_viewport(driver, width, height, mobile=width < 600)
        first = read(driver, f"{base}/?lang={lang}", graphs=3)
        shots.append(screenshot(driver, f"sparse-overview-{lang}-{width}", full_page=True))
        for granularity in first["granularities"] if full else [first["granularity"]]:
            query = {"granularity": granularity, "lang": lang}
            entry = first
            if granularity != first["granularity"]:
                entry = read(driver, f"{base}/?{urlencode(query)}", graphs=3)
            entry["view"] = (lang, width, granularity, entry["metric"])
            pages.append(entry)
            for metric in entry["metrics"] if full else []:
                if metric != entry["metric"]:
                    page = read(driver, f"{base}/?{urlencode({**query, 'metric': metric})}", 3)
                    page["view"] = (lang, width, granularity, metric)
                    pages.append(page)
            for chart in ("overview", "trend", "share"):
                query["metric"] = entry["metric"]
                embed = read(driver, f"{base}/embed/{chart}?{urlencode(query)}")
                embed.update(view=entry["view"], embed=chart)
                pages.append(embed)
        for n, metric in enumerate(first["metrics"] if full else [first["metric"]]):
            query = {"metric": metric, "lang": lang}
            page = read(driver, f"{base}/map?{urlencode(query)}")
            options = driver.execute_script(MAP_OPTIONS_JS)
            for period in options["periods"] if full else [options["period"]]:
                if period != options["period"]:
                    page = read(driver, f"{base}/map?{urlencode({**query, 'period': period})}")
                page.update(view=(lang, width, "map", metric), period=period)
                maps.append(page)
            if n == 0:
                query["period"] = options["period"]
                page = read(driver, f"{base}/embed/map?{urlencode(query)}")
                page.update(view=(lang, width, "map", metric), period=options["period"])
                maps.append(page)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    yield {
        "pages": pages,
        "maps": maps,
        "rows": rows,
        "observations": api_observations(base),
        "shots": shots,
    }


# --- What the pages drew ------------------------------------------------------------------------


def where(page: dict[str, Any]) -> str:
    lang, width, granularity, metric = page["view"]
    kind = page.get("embed") or ("map" if "/map" in page["url"] else "overview")
    return f"{kind} {lang} {width}px view={granularity} metric={metric} ({page['url']})"


def is_map(graph: dict[str, Any]) -> bool:
    return any(t["fill"] == "toself" for t in graph["traces"])


def time_graphs(pages: list[dict[str, Any]]) -> Iterator[tuple[dict, dict, str | None]]:
    """(page, graph, view) for every graph with periods along a category x axis."""
    for page in pages:
        for graph in page["graphs"]:
            if graph["xcats"] and not is_map(graph):
                national = (graph["id"] or "").startswith("national-")
                view = "year" if national else (page["view"][2] or page["granularity"])
                yield page, graph, view


def first_year(label: str) -> int:
    found = _YEAR.search(label)
    assert found, f"no year in the axis label {label!r}"
    return int(found.group(0))


def axis_problems(cats: list[str], view: str | None, years: range | None) -> list[str]:
    """Every slot of the range is on the axis: each year from the first to the last (and every
    year of ``years``), each full year with the view's number of slots, in calendar order."""
    found = [first_year(c) for c in cats]
    problems = []
    if found != sorted(found):
        problems.append(f"slots out of order: {cats}")
    wanted = set(range(min(found), max(found) + 1)) | set(years or [])
    if missing := sorted(wanted - set(found)):
        problems.append(f"years missing from the axis: {missing} in {cats}")
    if view in SLOTS_PER_YEAR:
        per_year = SLOTS_PER_YEAR[view]
        counts = {y: found.count(y) for y in sorted(set(found))}
        # The first year may start late (the programme began in March 2018).
        short = {y: n for y, n in list(counts.items())[1:] if n != per_year}
        if short or list(counts.values())[0] > per_year:
            problems.append(f"not {per_year} slot(s) a year: {counts} in {cats}")
    if len(set(cats)) != len(cats):
        problems.append(f"a slot twice: {cats}")
    return problems


def bridged(trace: dict[str, Any], cats: list[str]) -> list[str]:
    """Segments Plotly would draw between two values that are not in neighbouring slots."""
    index = {c: i for i, c in enumerate(cats)}
    problems, previous = [], None  # previous: (slot index, label) of the point a line leaves
    for x, y in zip(trace["x"], trace["y"], strict=False):
        if y is None:
            if not trace["connectgaps"]:
                previous = None
            continue
        here = index.get(x)
        if here is None:
            problems.append(f"{trace['name']}: x {x!r} is not a slot of the axis")
            previous = None
            continue
        if previous is not None and here != previous[0] + 1:
            problems.append(f"{trace['name']}: a line from {previous[1]!r} to {x!r} ({y})")
        previous = (here, x)
    return problems


def region_name_map(observations: list[dict[str, Any]]) -> dict[str, str]:
    names = {}
    for o in observations:
        if o["geo_level"] == "planning_region":
            names[o["geo_name_lv"]] = names[o["geo_name_en"]] = o["geo_code"]
    return names


def year_figures(observations: list[dict[str, Any]]) -> dict[tuple[str, str, int], int]:
    """(region code, measure, year) → the published figure of that calendar year (the first
    year's figure covers March–December: the programme began in March 2018)."""
    out = {}
    for o in observations:
        start, end = o["period_start"], o["period_end"]
        one_year = start[:4] == end[:4] and end.endswith("-12-31")
        if o["geo_level"] == "planning_region" and one_year and start[5:] in ("01-01", "03-01"):
            if start[5:] == "03-01" and start[:4] != "2018":
                continue
            out[(o["geo_code"], o["metric"], int(start[:4]))] = o["value"]
    return out


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


SELECTED_PATTERNS = (
    # EN: "of the 5 selected regions", "All 5 selected regions", "1 of 5 regions reported"
    re.compile(r"\b(\d+) selected regions?\b", re.IGNORECASE),
    re.compile(r"\b\d+ of (\d+) (?:selected )?regions?\b", re.IGNORECASE),
    # LV: "no 5 atlasītajiem reģioniem", "atlasītie reģioni (5)", "1 no 5 reģioniem"
    re.compile(r"\b(\d+)\s+atlasīt\w*\s+reģion", re.IGNORECASE),
    re.compile(r"atlasīt\w*\s+reģion\w*\s*\((\d+)\)", re.IGNORECASE),
    re.compile(r"\b\d+\s+no\s+(\d+)\s+(?:atlasīt\w*\s+)?reģion", re.IGNORECASE),
)


# --- The checks ---------------------------------------------------------------------------------


def test_the_upload_is_what_the_file_holds(readings):
    """The published record holds the file's rows for the sparse region-years, nothing else."""
    names = region_name_map(readings["observations"])
    figures = year_figures(readings["observations"])
    later = {k: v for k, v in figures.items() if k[2] > 2020}
    expected = {
        (names[r["geo"]], r["measure"], int(r["period_start"][:4])): int(r["value"])
        for r in readings["rows"]
    }
    assert later == expected
    assert not any(o["value"] == 0 for o in readings["observations"]), "a published 0"


def test_every_axis_holds_every_slot_of_its_range(readings):
    problems, seen = [], 0
    for page, graph, view in time_graphs(readings["pages"]):
        years = None
        if page["from"] and page["to"] and not (graph["id"] or "").startswith("national-"):
            years = range(int(page["from"]), int(page["to"]) + 1)
        seen += 1
        problems += [
            f"{where(page)} {graph['id']}: {p}" for p in axis_problems(graph["xcats"], view, years)
        ]
    assert seen > 100, seen
    assert problems == []


def test_no_line_bridges_a_slot_without_data(readings):
    problems, lines = [], 0
    for page, graph, _view in time_graphs(readings["pages"]):
        for trace in graph["traces"]:
            if "lines" in trace["mode"]:
                lines += 1
                problems += [
                    f"{where(page)} {graph['id']}: {p}" for p in bridged(trace, graph["xcats"])
                ]
    assert lines > 100, lines
    assert problems == []


def test_no_share_chart_shows_a_period_with_a_region_missing(readings):
    """A share is drawn only for periods in which every selected region has a figure, so no
    lone region stands at 100 % while others are selected."""
    problems, shares = [], 0
    for page in readings["pages"]:
        selected = len(page["checked"]) if page["boxes"] else 5
        for graph in page["graphs"]:
            bars = [t for t in graph["traces"] if t["type"] == "bar" and t["orientation"] == "h"]
            if not bars:
                continue
            periods = graph["ycats"] or []
            for period in periods:
                shares += 1
                values = {
                    t["name"]: dict(zip(t["y"], t["x"], strict=False)).get(period) for t in bars
                }
                drawn = {k: v for k, v in values.items() if v is not None}
                if len(drawn) != selected:
                    problems.append(
                        f"{where(page)}: {period}: {len(drawn)} of {selected}: {values}"
                    )
                if selected > 1 and any(v >= 99.95 for v in drawn.values()):
                    problems.append(f"{where(page)}: {period}: a region at 100 %: {values}")
    assert shares > 10, shares
    assert problems == []


def test_texts_count_the_selected_regions(readings):
    problems, mentions = [], 0
    for page in readings["pages"] + readings["maps"]:
        if page["boxes"]:
            assert len(page["checked"]) == 5, f"{where(page)}: {page['checked']}"
        for pattern in SELECTED_PATTERNS:
            for match in pattern.finditer(page["text"]):
                mentions += 1
                if int(match.group(1)) != 5:
                    problems.append(f"{where(page)}: “{match.group(0)}” while 5 are selected")
    assert mentions > 50, mentions
    assert problems == []


def test_a_missing_value_is_never_drawn_as_zero(readings):
    """In the year view each region's bar and point is exactly its published figure for that
    year, and empty (null) where none was published; in no view is a missing value a 0."""
    names = region_name_map(readings["observations"])
    figures = year_figures(readings["observations"])
    problems, compared = [], 0
    for page, graph, view in time_graphs(readings["pages"]):
        national = (graph["id"] or "").startswith("national-")
        metric = page["view"][3] or page["metric"]
        for trace in graph["traces"]:
            if trace["type"] not in ("bar", "scatter") or trace["mode"] == "text":
                continue
            for x, y in zip(trace["x"], trace["y"], strict=False):
                if y == 0:
                    problems.append(f"{where(page)} {graph['id']}: {trace['name']} {x!r} is 0")
                if view == "year" and not national and trace["name"] in names:
                    compared += 1
                    key = (names[trace["name"]], metric, first_year(x))
                    if y != figures.get(key):
                        problems.append(
                            f"{where(page)} {graph['id']}: {trace['name']} {x!r} drawn {y}, "
                            f"published {figures.get(key)}"
                        )
    assert compared > 500, compared
    assert problems == []


def test_the_map_draws_no_data_not_zero(readings):
    """On the map each region's label and each municipality's tooltip shows the region's
    figure for that year, or that none was published: never a 0 and never another year's."""
    codes = region_name_map(readings["observations"])
    by_period = {
        (o["geo_code"], o["metric"], o["period"]): o["value"]
        for o in readings["observations"]
        if o["geo_level"] == "planning_region"
    }
    problems, labels = [], 0
    for page in readings["maps"]:
        metric = page["view"][3]
        for graph in page["graphs"]:
            if not is_map(graph):
                continue
            for trace in graph["traces"]:
                if trace["mode"] == "text":
                    pairs = [re.match(r"<b>(.*?)</b><br>(.*)", t) for t in trace["text"]]
                    pairs = [(m.group(1), m.group(2)) for m in pairs if m]
                elif trace["name"] == "click-targets":
                    pairs = [re.search(r"<br>([^<:]+): ([^<]*)", t) for t in trace["text"]]
                    missing = [t for t, m in zip(trace["text"], pairs, strict=True) if not m]
                    problems += [f"{where(page)}: no region in {t!r}" for t in missing]
                    pairs = [(m.group(1), m.group(2)) for m in pairs if m]
                else:
                    continue
                for region, shown in pairs:
                    labels += 1
                    value = by_period.get((codes.get(region), metric, page["period"]))
                    if digits(shown) != ("" if value is None else str(value)):
                        problems.append(
                            f"{where(page)} {page['period']}: {region}: {shown!r}, "
                            f"published {value}"
                        )
    assert labels > 100, labels
    assert problems == []
