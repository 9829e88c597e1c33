"""The overview with the real record loaded (the dossier of published figures, as ``init-db``
loads it): sparse regional years 2018–2025, several sources per figure, half-years, running
totals and stocks. Driven through the overview's callback exactly as the browser posts it, with
all five regions selected, in Latvian and English.

Expectations are derived from ``/api/v1/observations`` (what the record holds), never typed in:
every year of the range is on the axis, a region's missing year is ``None`` and lines are not
bridged over it, the share chart has no period in which one region is 100 % while others are
missing, and no summary speaks of "1 selected region" while five are selected.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from support import expand_static_sections

from dashboard.queries.series import period_slot

ALL = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]


def _api(client: Any, query: str) -> list[dict[str, str]]:
    response = client.get(f"/api/v1/observations?format=csv&{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _years(client: Any) -> list[str]:
    """The years of the record's regional year figures (from the API): the default range."""
    rows = _api(client, "geo_level=planning_region")
    ends = [int(r["period_end"][:4]) for r in rows if _slot(r, "year") is not None]
    return [str(y) for y in range(2018, max(ends) + 1)]


def _slot(row: dict[str, str], granularity: str) -> str | None:
    from datetime import date

    return period_slot(
        date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"]), granularity
    )


def _callback(client: Any, output: str) -> dict:
    deps = client.get("/_dash-dependencies").get_json()
    return next(d for d in deps if output in d["output"])


def overview(client: Any, lang: str, metric: str = "people_returned", **extra: Any) -> dict:
    dep = _callback(client, "regions-chart-graph.figure")
    values = {
        "filter-regions": extra.get("regions", ALL),
        "filter-metric": metric,
        "filter-period-from": extra.get("period_from"),
        "filter-period-to": extra.get("period_to"),
        "filter-per-month": extra.get("per_month", False),
        "filter-granularity": extra.get("granularity", "year"),
    }
    inputs = [{**i, "value": values[i["id"]]} for i in dep["inputs"]]
    state = [
        {"id": "overview-lang", "property": "data", "value": lang},
        {"id": "overview-release", "property": "data", "value": extra.get("release")},
    ]
    parts = dep["output"][2:-2].split("...")
    body = {
        "output": dep["output"],
        "outputs": [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts],
        "inputs": inputs,
        "state": state,
        "changedPropIds": ["filter-regions.value"],
    }
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"])


def _texts(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def _axis_year(label: str) -> str:
    return label.split("<br>")[0].split(" ")[0]


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("metric", ["people_returned", "families_returned", "offers_prepared"])
def test_five_regions_every_year_on_the_axis_and_no_bridged_gap(record_client, lang, metric):
    response = overview(record_client, lang, metric)
    years = _years(record_client)
    preferred = _api(record_client, f"geo_level=planning_region&measure={metric}")
    published = {(r["region"], _slot(r, "year")): float(r["value"]) for r in preferred}
    for chart in ("regions-chart", "trend-chart"):
        figure = response[f"{chart}-graph"]["figure"]
        assert len(figure["data"]) == 5
        for trace, region in zip(figure["data"], ALL, strict=True):
            assert [_axis_year(x) for x in trace["x"]] == years
            ys = trace["y"]
            assert 0 not in [y for y in ys if y is not None] or any(
                v == 0 for (r, _), v in published.items() if r == region
            )
            for year, y in zip(years, ys, strict=True):
                assert y == published.get((region, year)), (region, year)
            if trace["type"] == "scatter":
                assert trace["connectgaps"] is False
            if trace.get("connectgaps"):
                assert None not in ys
    # A region without a figure for a year is missing in the record too: there are gaps.
    trend = response["trend-chart-graph"]["figure"]
    assert any(None in trace["y"] for trace in trend["data"])


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_no_share_of_a_lone_region(record_client, lang):
    response = overview(record_client, lang)
    share = response["share-chart-graph"]["figure"]
    for i in range(len(share["data"][0]["y"])):
        values = [trace["x"][i] for trace in share["data"]]
        assert None not in values
        assert sum(values) == pytest.approx(100)
        assert max(values) < 100
    details = " ".join(_texts(response["share-chart-details"]))
    left_out = "not every selected region published figures" if lang == "en" else "ne visi"
    assert left_out in details


@pytest.mark.parametrize(
    ("lang", "wrong"),
    [
        ("en", ["1 selected region", "of the 1 "]),
        ("lv", ["1 atlasītā reģiona", "1 atlasītais", "no 1 "]),
    ],
)
def test_summaries_count_the_five_selected_regions(record_client, lang, wrong):
    for metric in ("people_returned", "families_returned", "offers_prepared"):
        response = overview(record_client, lang, metric)
        for chart in ("regions-chart", "trend-chart", "share-chart"):
            summary = _texts(response[f"{chart}-details"])[0]
            for words in wrong:
                assert words not in summary, (metric, chart, summary)
        summary = _texts(response["regions-chart-details"])[0]
        assert "5" in summary


def test_totals_use_the_published_national_figure_where_regions_are_missing(record_client):
    response = overview(record_client, "en")
    cards = " ".join(_texts(response["headline-cards"]))
    national = _api(record_client, "geo_level=national&measure=people_returned")
    regional = _api(record_client, "geo_level=planning_region&measure=people_returned")
    reported: dict[str, set[str]] = {}
    for r in regional:
        if (year := _slot(r, "year")) is not None:
            reported.setdefault(year, set()).add(r["region"])
    for row in national:
        year = _slot(row, "year")
        if year and 0 < len(reported.get(year, set())) < 5:
            assert f"{year}: {len(reported[year])} of 5 regions reported; the published " in cards
    assert "sum of the regions that reported" in cards
    lv = " ".join(_texts(overview(record_client, "lv")["headline-cards"]))
    assert "izmantots publicētais valsts kopskaitlis" in lv


def test_the_table_shows_what_other_sources_published(record_client):
    every = _api(record_client, "geo_level=planning_region&measure=offers_prepared&sources=all")
    chosen = {(r["period"], r["region"]): r["value"] for r in every if r["preferred"] == "True"}
    others = [
        r
        for r in every
        if r["preferred"] == "False"
        and r["value"] != chosen[(r["period"], r["region"])]
        and _slot(r, "year") is not None
    ]
    assert others, "the record has conflicting sources for a regional year"
    for lang, words in (("en", "also published: "), ("lv", "publicēts arī: ")):
        table = " ".join(
            _texts(overview(record_client, lang, "offers_prepared")["regions-chart-details"])
        )
        for row in others:
            assert f"{words}{row['value']}" in table


def test_a_release_link_opens_that_release(record_client):
    now = overview(record_client, "en")["regions-chart-graph"]["figure"]
    first = overview(record_client, "en", release=1)["regions-chart-graph"]["figure"]
    seed = _api(record_client, "release=1&geo_level=planning_region&measure=people_returned")
    seed_years = {(r["region"], _slot(r, "year")) for r in seed if _slot(r, "year")}
    for trace, region in zip(first["data"], ALL, strict=True):
        shown = {(region, _axis_year(x)) for x, y in zip(trace["x"], trace["y"], strict=True) if y}
        assert shown == {k for k in seed_years if k[0] == region}
    assert first != now
    details = " ".join(_texts(overview(record_client, "en", release=1)["regions-chart-details"]))
    assert "release 1, published" in details


def test_the_per_month_view_download_holds_what_the_chart_shows(record_client):
    response = overview(record_client, "en", per_month=True, regions=["vidzeme"])
    tools = json.dumps(response["regions-chart-details"])
    href = next(
        part.split('"')[0]
        for part in tools.split('"href": "')[1:]
        if part.startswith("/download/observations.csv?regions=")
    )
    assert "per_month=1" in href
    rows = list(csv.DictReader(io.StringIO(record_client.get(href).get_data(as_text=True))))
    trace = response["regions-chart-graph"]["figure"]["data"][0]
    assert trace["name"] == "Vidzeme"
    shown = {_axis_year(x): y for x, y in zip(trace["x"], trace["y"], strict=True) if y}
    assert {r["slot"]: float(r["value_shown"]) for r in rows} == pytest.approx(shown, rel=1e-4)
    assert {r["shown_as"] for r in rows} == {"per_month"}
    for r in rows:
        assert float(r["value_shown"]) == pytest.approx(
            int(r["value"]) / int(r["months"]), rel=1e-4
        )


def test_other_views_use_only_their_own_periods(record_client):
    stock = overview(record_client, "en", "families_planning_return", granularity="stock")
    figure = stock["regions-chart-graph"]["figure"]
    rows = _api(record_client, "geo_level=planning_region&measure=families_planning_return")
    months = {_slot(r, "stock") for r in rows}
    drawn = {
        x for trace in figure["data"] for x, y in zip(trace["x"], trace["y"], strict=True) if y
    }
    assert len(drawn) == len(months - {None})
    assert "Stocks stand at the end of a month" in stock["filter-per-month-help"]["children"]
    options = [o["value"] for o in stock["filter-metric"]["options"]]
    assert options == ["families_planning_return", "people_planning_return"][: len(options)]
    running = overview(record_client, "en", granularity="programme")
    summary = _texts(running["regions-chart-details"])[0]
    assert "running total since March 2018" in summary


def test_the_record_folder_is_where_init_db_reads_it():
    assert (Path(__file__).resolve().parents[2] / "data/seed/dossier/figures.csv").is_file()
