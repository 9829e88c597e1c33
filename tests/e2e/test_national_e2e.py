"""The overview's "Latvia as a whole" charts in a real browser, over the real record.

The live server loads the seed and the dossier of published figures. For each measure's chart
this reads what Plotly drew: the calendar axis must hold every year from 2018 to this year (and to
the target's last year), the published national figures must sit at their years as the open data
(``/api/v1/observations?geo_level=national``) gives them, every line must be drawn as one SVG
segment per run of consecutive years with a figure (so no line crosses a year without data), each
year without anything drawn must carry a "no data" label, and the people and offers targets must
be one flat line over exactly their target years. Screenshots at 1366 px and 360 px are saved in
``tests/e2e/screenshots/``.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
from typing import Any

import pytest
from browser import console_errors, draw_charts, screenshot, set_viewport, wait_for
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

CHARTS = {
    "people_returned": "national-people-returned",
    "offers_prepared": "national-offers-prepared",
    "families_returned": "national-families-returned",
}
TARGETS = {
    "people_returned": "target_people_returned_per_year",
    "offers_prepared": "target_offers_per_year",
}
EMPTY_LABELS = {
    "en": ("no data published", "no national figure published"),
    "lv": ("dati nav publicēti", "valsts kopskaits nav publicēts"),
}

# What Plotly holds and drew for one graph: axis categories, traces, annotations, and for each
# scatter trace the points of each drawn line segment (``path.js-line``, one per segment).
GRAPH_JS = """
const gd = document.querySelector('#' + arguments[0] + '-graph .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullData) { return null; }
const groups = [...gd.querySelectorAll('g.trace.scatter')];
if (groups.length !== gd._fullData.length) { return null; }
return {
  categories: gd._fullLayout.xaxis._categories.slice(),
  traces: gd._fullData.map((tr) => ({
    name: tr.name, x: Array.from(tr.x), y: Array.from(tr.y), mode: tr.mode,
    connectgaps: tr.connectgaps,
  })),
  segments: groups.map((g) => [...g.querySelectorAll('path.js-line')].map(
    (p) => (p.getAttribute('d').match(/[ML]/g) || []).length)),
  annotations: gd._fullLayout.annotations.map((a) => ({x: a.x, text: a.text})),
};
"""


def _api(base: str, **params: str) -> list[dict[str, Any]]:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    with urllib.request.urlopen(f"{base}/api/v1/observations?{query}", timeout=10) as resp:
        return json.load(resp)


def _calendar_year(row: dict[str, Any]) -> int | None:
    """The year of a whole calendar year or of the programme's 1 March–31 December 2018."""
    start, end = (
        dt.date.fromisoformat(row["period_start"]),
        dt.date.fromisoformat(row["period_end"]),
    )
    if end != dt.date(start.year, 12, 31):
        return None
    return (
        start.year if (start.month, start.day) in ((1, 1), (3, 1)) and start.year >= 2018 else None
    )


def _runs(values: list[Any]) -> list[int]:
    """Lengths of the runs of consecutive non-null values."""
    runs, current = [], 0
    for value in values:
        if value is None:
            if current:
                runs.append(current)
            current = 0
        else:
            current += 1
    return runs + ([current] if current else [])


def _graph(driver: WebDriver, chart: str) -> dict[str, Any]:
    try:
        return WebDriverWait(driver, 30, poll_frequency=0.2).until(
            lambda d: d.execute_script(GRAPH_JS, chart)
        )
    except TimeoutException:
        shot = screenshot(driver, f"timeout-{chart}")
        pytest.fail(f"{chart} was not drawn; screenshot: {shot}")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_national_charts_break_at_empty_years_and_draw_the_targets(
    browser: WebDriver, live_server: str, lang: str
) -> None:
    browser.get(f"{live_server}/?lang={lang}")
    wait_for(browser, "#national-section", 30)
    draw_charts(browser)
    for measure, chart in CHARTS.items():
        graph = _graph(browser, chart)
        rows = _api(live_server, geo_level="national", metric=measure)
        published = {
            _calendar_year(r): r["value"]
            for r in rows
            if r["kind"] == "flow" and _calendar_year(r) is not None
        }
        targets = (
            _api(live_server, geo_level="national", metric=TARGETS[measure])
            if measure in TARGETS
            else []
        )
        last = max([dt.date.today().year, *(int(t["period_end"][:4]) for t in targets)])
        years = [str(y) for y in range(2018, last + 1)]

        # A calendar axis: every year has its slot, in order, none left out.
        assert [c.split("<br>")[0] for c in graph["categories"]] == years, chart
        index = {c.split("<br>")[0]: i for i, c in enumerate(graph["categories"])}

        national = graph["traces"][0]
        assert [index[x.split("<br>")[0]] for x in national["x"]] == list(range(len(years)))
        assert national["y"] == [published.get(int(y)) for y in years], chart

        # Targets: one flat line over exactly the target's years.
        lines = [t for t in graph["traces"][1:] if len(set(t["y"])) == 1 and None not in t["y"]]
        goals = [t for t in lines if t["y"][0] in {g["value"] for g in targets}]
        assert len(goals) == len(targets), chart
        for goal, row in zip(goals, targets, strict=True):
            first, end = int(row["period_start"][:4]), int(row["period_end"][:4])
            assert goal["x"] == [str(y) for y in range(first, end + 1)], chart
            assert goal["y"] == [row["value"]] * (end - first + 1)

        # No line across a year without data: each line is drawn as one segment per run of
        # consecutive years with a figure, through exactly those points.
        drawn_years: set[int] = set()
        for trace, segments in zip(graph["traces"], graph["segments"], strict=True):
            assert "lines" in trace["mode"] and trace["connectgaps"] is False, trace["name"]
            slots = [index[x.split("<br>")[0]] for x in trace["x"]]
            assert slots == list(range(slots[0], slots[0] + len(slots))), trace["name"]
            assert segments == _runs(trace["y"]), (chart, trace["name"], segments)
            if trace not in goals:  # a target is not a figure for its years
                drawn_years |= {s for s, y in zip(slots, trace["y"], strict=True) if y is not None}

        # Every empty year says so, and no year with a figure does.
        empty = [i for i in range(len(years)) if i not in drawn_years]
        labelled = [a["x"] for a in graph["annotations"] if a["text"] in EMPTY_LABELS[lang]]
        assert labelled == empty, chart
        assert empty, "the record leaves some years without a national figure"
    assert console_errors(browser) == []


@pytest.mark.parametrize("width", [1366, 360])
def test_national_section_screenshots(browser: WebDriver, live_server: str, width: int) -> None:
    """The section at desktop and phone width: nothing wider than the screen, boxes reserved."""
    set_viewport(browser, width, 900, mobile=width < 500)
    browser.get(f"{live_server}/?lang=lv")
    draw_charts(browser)
    for chart in CHARTS.values():
        _graph(browser, chart)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
    )
    assert overflow <= 0
    heights = browser.execute_script(
        "return [...document.querySelectorAll('#national-section .chart-graph')].map("
        "(g) => [g.getBoundingClientRect().height, g.querySelector('.main-svg')"
        ".getBoundingClientRect().height]);"
    )
    for box, drawn in heights:
        assert abs(box - drawn) < 2, heights  # the box was as tall as the chart it holds
    browser.execute_script(
        "document.getElementById('national-people-returned-card').scrollIntoView();"
    )
    screenshot(browser, f"national-section-lv-{width}")
