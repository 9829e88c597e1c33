"""``/map`` with the real record loaded (the dossier of figures published since 2020,
``data/seed/dossier/figures.csv``): one year at a time, regions without a figure for that year
drawn as "no data published", and municipal figures in the municipality's panel.

The expected values are read from the dossier file itself (the rows for exactly the year and
place), never retyped, so the checks hold while the dossier grows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from support import dash_outputs, expand_static_sections, page_content

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DOSSIER = DATA_DIR / "seed" / "dossier" / "figures.csv"
REGION_CODES = {
    "Kurzeme": "kurzeme",
    "Latgale": "latgale",
    "Rīga": "riga",
    "Riga": "riga",
    "Vidzeme": "vidzeme",
    "Zemgale": "zemgale",
}


def dossier(geo_level: str, measure: str, start: str, end: str) -> list[dict[str, str]]:
    with DOSSIER.open(encoding="utf-8") as f:
        return [
            r
            for r in csv.DictReader(f)
            if r["geo_level"] == geo_level
            and r["measure"] == measure
            and (r["period_start"], r["period_end"]) == (start, end)
            and r["value"].isdigit()
        ]


def region_of(geo: str) -> str:
    return next(code for name, code in REGION_CODES.items() if geo.startswith(name))


def call(client: Any, output: str, values: dict[str, Any]) -> dict[str, Any]:
    """POST the callback producing ``output`` as dash-renderer does; values by id.property."""
    deps = client.get("/_dash-dependencies").get_json()
    [dep] = [d for d in deps if output in d["output"] and not d.get("clientside_function")]

    def items(specs: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in specs]

    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": items(dep["inputs"]),
        "state": items(dep["state"]),
        "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
    }
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"])


def _props(node: dict[str, Any]) -> dict[str, Any]:
    """A component's props; a callback's output (``{"children": …}``) is its own props."""
    return node.get("props", node)


def texts(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for item in node for t in texts(item)]
    if isinstance(node, dict):
        return texts(_props(node).get("children"))
    return []


def text(node: Any) -> str:
    """The text of every element, one space between elements (``"release) , 1 Feb"``)."""
    return " ".join(" ".join(texts(node)).split())


def by_id(node: Any, ident: str) -> Any:
    if isinstance(node, list):
        return next((f for item in node if (f := by_id(item, ident)) is not None), None)
    if isinstance(node, dict):
        if _props(node).get("id") == ident:
            return node
        return by_id(_props(node).get("children"), ident)
    return None


def render_map(client: Any, metric: str, period: str, division: str, lang: str = "en") -> dict:
    return call(
        client,
        "map-graph.figure",
        {
            "map-filter-metric.value": metric,
            "map-filter-period.value": period,
            "map-division.value": division,
            "map-selected.data": "",  # what the page's Store holds when nothing is selected
            "map-lang.data": lang,
        },
    )


def render_panel(client: Any, selected: str, period: str, lang: str = "en") -> Any:
    return call(
        client,
        "map-panel.children",
        {
            "map-selected.data": selected,
            "map-via.data": None,
            "map-filter-metric.value": "people_returned",
            "map-filter-period.value": period,
            "map-lang.data": lang,
        },
    )["map-panel"]["children"]


def test_a_year_in_which_some_regions_published_nothing_shows_them_as_no_data(record_client):
    published = dossier("planning_region", "people_returned", "2020-01", "2020-12")
    values = {region_of(r["geo"]): int(r["value"]) for r in published}
    assert 0 < len(values) < 5  # the record's 2020: some regions published a full year
    response = render_map(record_client, "people_returned", "2020", "2009")
    details = text(response["map-details"])
    assert f"{len(values)} of 5 regions published figures for 2020." in details
    legend = text(response["map-legend"])
    assert "no data published" in legend
    figure = response["map-graph"]["figure"]
    labels = next(tr for tr in figure["data"] if tr.get("mode") == "text")
    names = {"kurzeme": "Kurzeme", "latgale": "Latgale", "riga": "Riga"}
    names |= {"vidzeme": "Vidzeme", "zemgale": "Zemgale"}
    for code, name in names.items():
        shown = (
            f"<b>{name}</b><br>{values[code]}" if code in values else f"<b>{name}</b><br>no data"
        )
        assert shown in labels["text"], code
    # Every municipality of a region without a 2020 figure is hatched, never the lowest bin.
    fills = [tr for tr in figure["data"] if tr.get("fill") == "toself"]
    hatched = [tr for tr in fills if tr.get("fillpattern")]
    missing = [code for code in names if code not in values]
    assert hatched and all(tr["fillcolor"] == "#f2f2f2" for tr in hatched)
    assert all(any(names[c] in tr["text"] for c in missing) for tr in hatched)
    assert len(hatched) < len(fills)


def test_the_latvian_legend_says_dati_nav_publiceti(record_client):
    response = render_map(record_client, "people_returned", "2020", "2009", lang="lv")
    assert "dati nav publicēti" in texts(by_id(response["map-legend"], "map-legend-no-data"))


def test_the_default_year_is_the_latest_with_data_and_its_division(record_client):
    with DOSSIER.open(encoding="utf-8") as f:
        years = [
            int(r["period_start"][:4])
            for r in csv.DictReader(f)
            if r["geo_level"] == "planning_region"
            and r["measure"] == "people_returned"
            and r["period_start"][5:] == "01"
            and r["period_end"][5:] == "12"
            and r["period_start"][:4] == r["period_end"][:4]
        ]
    response = page_content(record_client, "/map", "?metric=people_returned")
    content = response.get_json()["response"]["_pages_content"]["children"]
    assert by_id(content, "map-filter-period")["props"]["value"] == str(max(years))
    assert max(years) >= 2022
    assert by_id(content, "map-division")["props"]["value"] == "2021"


def test_a_municipality_with_published_figures_lists_them_with_their_source(record_client):
    [valmiera] = dossier("municipality", "people_returned", "2020-01", "2020-12")[:1]
    assert valmiera["geo"] == "Valmiera"
    panel = render_panel(record_client, "2009:LV-VMR", "2020")
    listed = by_id(panel, "map-panel-unit-figures")
    shown = text(listed)
    assert f"People returned, 2020: {valmiera['value']}" in shown
    assert valmiera["publisher"] in shown
    links = json.dumps(listed)
    assert valmiera["source_url"] in links
    assert by_id(panel, "map-panel-no-unit-figures") is None


@pytest.mark.parametrize(
    ("key", "name"), [("2009:LV-022", "Cēsu novads"), ("2009:LV-033", "Gulbenes novads")]
)
def test_each_published_municipality_shows_its_own_figure(record_client, key, name):
    [row] = [
        r
        for r in dossier("municipality", "people_returned", "2020-01", "2020-12")
        if r["geo"] == name
    ]
    panel = render_panel(record_client, key, "2020", lang="lv")
    shown = text(by_id(panel, "map-panel-unit-figures"))
    assert f"Cilvēki atgriezušies, 2020. gads: {row['value']}" in shown


def test_a_municipality_without_figures_points_to_its_planning_region(record_client):
    panel = render_panel(record_client, "2021:LV-016", "2024")
    assert text(by_id(panel, "map-panel-no-unit-figures")) == (
        "No figures are published for Bauska Municipality. See the figures of its planning "
        "region, Zemgale Planning Region, below."
    )
    assert "The region's figures (2024)" in text(panel)


def test_a_2021_unit_lists_its_predecessors_figures_under_their_own_names(record_client):
    [valmiera] = [
        r
        for r in dossier("municipality", "people_returned", "2020-01", "2020-12")
        if r["geo"] == "Valmiera"
    ]
    panel = render_panel(record_client, "2021:LV-113", "2024")
    shown = text(panel)
    assert "No figures are published for Valmiera Municipality." in shown
    assert "Published for Valmiera (city) (before July 2021):" in shown
    assert f"People returned, 2020: {valmiera['value']}" in shown
