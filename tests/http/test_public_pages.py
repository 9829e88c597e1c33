"""The map, contact directory, funding and about pages over HTTP.

Pages render through Dash callbacks, so besides plain GETs (status, ``<html lang>``, ``<title>``)
the tests find each callback in ``/_dash-dependencies`` and POST to ``/_dash-update-component``
the way dash-renderer does. Tests that need different data (an inactive contact, a freshly
verified one, upload templates) build their own throwaway SQLite database and data directory.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from support import STAFF_PASSWORD, dash_outputs, expand_static_sections, fresh_client, signed_in

from dashboard.config import Config
from dashboard.db import models as m
from dashboard.db.migrate import init_db
from dashboard.db.session import Database
from dashboard.figures import map as mapfig
from dashboard.geo import load_boundaries

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
NBSP = "\u00a0"
# The seed table's one calendar year: the map shades by one year (2018 is Mar–Dec, 2020 Jan–Jun).
YEAR = "2019"
SITE = {"lv": "Remigrācijas atbalsts reģionos", "en": "Regional remigration support"}
PAGES = {
    # path: {lang: (<title> page part, <h1>)}
    "/map": {
        "lv": ("Pašvaldību karte", "Pašvaldību karte"),
        "en": ("Municipality map", "Municipality map"),
    },
    "/contacts": {"lv": ("Kontakti", "Kontakti"), "en": ("Contacts", "Contacts")},
    "/funding": {"lv": ("Finansējums", "Finansējums"), "en": ("Funding", "Funding")},
    "/about": {
        "lv": ("Par programmu", "Par programmu un datiem"),
        "en": ("About", "About the programme and the data"),
    },
    "/accessibility": {
        "lv": ("Piekļūstamības paziņojums", "Piekļūstamības paziņojums"),
        "en": ("Accessibility statement", "Accessibility statement"),
    },
}
TEMPLATES = {
    "remigration-template-long.csv": "text/csv",
    "remigration-template-wide.csv": "text/csv",
    "remigration-template.xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}
LATGALE_CONTACTS = {
    "astrida-lescinska",
    "daugavpils-education-support",
    "daugavpils-housing-department",
    "jolanta-uzulina",
    "olga-tolmacova",
}


# --- helpers -----------------------------------------------------------------------------------


def _walk(node: Any) -> Iterator[dict]:
    """Every Dash component (``{"type", "namespace", "props"}``) in a serialised tree."""
    if isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _texts(node: Any) -> list[str]:
    """The visible text of a serialised tree: the strings among the components' children."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        if "props" in node and "type" in node:
            return _texts(node["props"].get("children"))
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def _text(node: Any) -> str:
    return " ".join(_texts(node))


def _by_id(tree: Any, component_id: Any) -> dict:
    found = [c for c in _walk(tree) if c["props"].get("id") == component_id]
    assert len(found) == 1, f"{component_id!r} found {len(found)} times"
    return found[0]


def _ids(tree: Any) -> list[Any]:
    return [c["props"]["id"] for c in _walk(tree) if "id" in c["props"]]


def _links(tree: Any) -> list[str]:
    return [c["props"]["href"] for c in _walk(tree) if c["type"] == "A" and "href" in c["props"]]


def _callback(client, output_contains: str) -> dict:
    deps = client.get("/_dash-dependencies").get_json()
    found = [d for d in deps if output_contains in d["output"].split("...")[0].strip(".")]
    found = found or [d for d in deps if output_contains in d["output"]]
    assert len(found) == 1, [d["output"] for d in deps]
    return found[0]


def post(client, dep: dict, inputs: list, state: list, changed: list[str] | None = None):
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": changed
        if changed is not None
        else [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def _call(client, output: str, values: dict[str, Any], changed=None) -> dict:
    """POST the callback producing ``output`` with ``values`` keyed by ``id.property``."""
    dep = _callback(client, output)
    inputs = [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]]
    state = [{**s, "value": values[f"{s['id']}.{s['property']}"]} for s in dep["state"]]
    response = post(client, dep, inputs, state, changed)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"])


def render_page(client, pathname: str, search: str = "") -> Any:
    """The page content as the Dash pages router renders it for ``pathname?search``."""
    dep = _callback(client, "_pages_content.children")
    assert [f"{i['id']}.{i['property']}" for i in dep["inputs"]] == [
        "_pages_location.pathname",
        "_pages_location.search",
    ]
    inputs = [
        {**dep["inputs"][0], "value": pathname},
        {**dep["inputs"][1], "value": search},
    ]
    response = post(client, dep, inputs, [])
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"]["_pages_content"]["children"])


def render_map(
    client, *, metric="families_returned", period=YEAR, division="2009", selected=None, lang="lv"
):
    return _call(
        client,
        "map-graph.figure",
        {
            "map-filter-metric.value": metric,
            "map-filter-period.value": period,
            "map-division.value": division,
            "map-selected.data": selected,
            "map-lang.data": lang,
        },
    )


def render_panel(client, selected, *, lang="lv", period=YEAR, via=None):
    response = _call(
        client,
        "map-panel.children",
        {
            "map-selected.data": selected,
            "map-via.data": via,
            "map-filter-metric.value": "families_returned",
            "map-filter-period.value": period,
            "map-lang.data": lang,
        },
        changed=["map-selected.data"],
    )
    return response["map-panel"]["children"]


def search_results(client, query, lang="lv", division="2009"):
    response = _call(
        client,
        "map-search-results.children",
        {"map-search.value": query, "map-division.value": division, "map-lang.data": lang},
    )
    return response["map-search-results"]["children"]


ORDER = mapfig.municipality_order(load_boundaries(DATA_DIR / "geo"), "2009")
ORDER_2021 = mapfig.municipality_order(load_boundaries(DATA_DIR / "geo"), "2021")


def select(client, *, changed, click=None, n_submit=None, query=None, results=(), division="2009"):
    """POST the selection callback; ``results`` are (code, n_clicks) button states."""
    dep = _callback(client, "map-selected.data")
    ids = [i["id"] for i in dep["inputs"]]
    assert ids[:2] == ["map-graph", "map-search"]

    def buttons(kind, items):
        return [
            {"id": {"type": kind, "code": code}, "property": "n_clicks", "value": clicks}
            for code, clicks in items
        ]

    inputs = [
        {**dep["inputs"][0], "value": click},
        {**dep["inputs"][1], "value": n_submit},
        buttons("map-result", results),
    ]
    order = ORDER if division == "2009" else ORDER_2021
    values = {"map-search": query, "map-order": order, "map-division": division, "map-lang": "lv"}
    state = [{**s, "value": values[s["id"]]} for s in dep["state"]]
    return post(client, dep, inputs, state, [changed])


def unchanged(response) -> bool:
    """True when a callback answered ``no_update`` (Dash 4: 200 with no outputs; older: 204)."""
    if response.status_code == 204:
        return True
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_json()["response"] == {}


def contacts(client, search="", region="all", sort="name", lang="lv") -> dict:
    return _call(
        client,
        "contacts-list.children",
        {
            "contacts-search.value": search,
            "contacts-region.value": region,
            "contacts-sort.value": sort,
            "contacts-lang.data": lang,
        },
    )


def card_codes(response: dict) -> list[str]:
    return [
        c["props"]["id"].removeprefix("contact-")
        for c in _walk(response["contacts-list"]["children"])
        if str(c["props"].get("id", "")).startswith("contact-")
    ]


def card(response: dict, code: str) -> dict:
    return _by_id(response["contacts-list"]["children"], f"contact-{code}")


def has_stale_badge(node: Any) -> bool:
    return any("stale-badge" in (c["props"].get("className") or "") for c in _walk(node))


# --- a throwaway app with its own data ---------------------------------------------------------


@pytest.fixture
def private_app(make_app, tmp_path) -> Any:
    """An app on its own SQLite database and data directory (seed and geo from the repository,
    plus upload templates): Jolanta Ūzuliņa is inactive, Olga Tolmačova was verified today."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "seed").symlink_to(DATA_DIR / "seed")
    (data / "geo").symlink_to(DATA_DIR / "geo")
    templates = data / "templates"
    templates.mkdir()
    for name in TEMPLATES:
        (templates / name).write_bytes(f"template {name}\n".encode())
    config = Config(
        database_url=f"sqlite:///{tmp_path / 'private.db'}",
        secret_key="test",
        testing=True,
        instance_path=tmp_path / "instance",
        data_dir=data,
        redis_url=None,
    )
    database = Database(config)
    try:
        init_db(database, dossier=False)  # the seed's directory, as the tests below expect
        with database.session() as session:
            session.execute(
                sa.update(m.Contact).where(m.Contact.code == "jolanta-uzulina").values(active=False)
            )
            session.execute(
                sa.update(m.Contact)
                .where(m.Contact.code == "olga-tolmacova")
                .values(verified_on=dt.date.today())
            )
            session.get(m.Revision, 1).value += 100
    finally:
        database.dispose()
    return make_app(config)


@pytest.fixture
def private_client(private_app) -> Any:
    return private_app.server.test_client()


# --- the pages themselves ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_answers_in_the_language(client, path, lang):
    response = client.get(f"{path}?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert re.search(r"<html[^>]*>", text).group(0) == f'<html lang="{lang}">'
    title, _ = PAGES[path][lang]
    assert f"<title>{title} – {SITE[lang]}</title>" in text


@pytest.mark.parametrize("path", list(PAGES))
def test_page_language_comes_from_the_cookie(client, path):
    client.get("/?lang=en")
    text = client.get(path).get_data(as_text=True)
    assert '<html lang="en">' in text
    assert f"<title>{PAGES[path]['en'][0]} – {SITE['en']}</title>" in text


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_content_heading(client, path, lang):
    content = render_page(client, path, f"?lang={lang}")
    headings = [c for c in _walk(content) if c["type"] == "H1"]
    assert len(headings) == 1
    assert headings[0]["props"]["children"] == PAGES[path][lang][1]


# --- map: the page layout ----------------------------------------------------------------------


def test_map_layout_has_search_controls_graph_panel_and_table(client):
    content = render_page(client, "/map", "")
    ids = _ids(content)
    for component in (
        "map-search",
        "map-search-results",
        "map-filter-metric",
        "map-filter-period",
        "map-division",
        "map-graph",
        "map-panel",
        "map-selected",
        "map-lang",
        "map-order",
        "map-municipality-table",
    ):
        assert component in ids, component
    assert "map-filter-regions" not in ids  # the map shows every region
    assert "map-filter-per-month" not in ids  # one period: nothing to divide
    # The seed's latest calendar year is 2019: the 2009 division was in force then.
    assert _by_id(content, "map-filter-period")["props"]["value"] == YEAR
    assert _by_id(content, "map-division")["props"]["value"] == "2009"
    assert _by_id(content, "map-order")["props"]["data"] == ORDER
    assert _by_id(content, "map-selected")["props"]["data"] == ""  # none, and no callback on load
    assert _by_id(content, "map-lang")["props"]["data"] == "lv"


def test_map_year_options_are_full_years_with_the_regions_that_reported(client):
    content = render_page(client, "/map", "?lang=en")
    options = _by_id(content, "map-filter-period")["props"]["options"]
    # Newest first; the programme's first year is marked as a part year; 2020's half-year is
    # no map period (the seed has no full 2020).
    assert options == [
        {"label": "2019 (5 of 5 regions)", "value": "2019"},
        {"label": "2018 (Mar–Dec), part year (5 of 5 regions)", "value": "2018-03..2018-12"},
    ]


def test_map_layout_table_has_a_select_button_per_municipality(client):
    content = render_page(client, "/map", "?lang=en")
    table = _by_id(content, "map-municipality-table")
    buttons = [c for c in _walk(table) if c["type"] == "Button"]
    assert len(buttons) == 119
    assert {b["props"]["data-map-select"] for b in buttons} == set(ORDER)
    rundale = next(b for b in buttons if b["props"]["data-map-select"] == "2009:LV-083")
    assert rundale["props"]["children"] == "Select"
    assert rundale["props"]["aria-label"] == "Select Rundāle Municipality"
    rows = [c for c in _walk(table) if c["type"] == "Tr"]
    assert len(rows) == 1 + 119
    pilot_rows = [r for r in rows if "★ yes" in _texts(r)]
    assert len(pilot_rows) == 10


def test_map_layout_on_the_2021_division_lists_its_43_units(client):
    content = render_page(client, "/map", "?division=2021&lang=en")
    assert _by_id(content, "map-division")["props"]["value"] == "2021"
    assert _by_id(content, "map-order")["props"]["data"] == ORDER_2021
    buttons = [c for c in _walk(_by_id(content, "map-municipality-table")) if c["type"] == "Button"]
    assert {b["props"]["data-map-select"] for b in buttons} == set(ORDER_2021)
    table = _call(
        client,
        "map-municipality-list.children",
        {"map-division.value": "2021", "map-lang.data": "en"},
        changed=["map-division.value"],
    )
    rows = [c for c in _walk(table) if c["type"] == "Tr"]
    assert len(rows) == 1 + 43


def test_map_layout_reads_selection_and_state_from_the_url(client):
    content = render_page(
        client, "/map", "?m=2021:LV-016&metric=people_returned&period=2018-03..2018-12&lang=en"
    )
    assert _by_id(content, "map-selected")["props"]["data"] == "2021:LV-016"
    assert _by_id(content, "map-filter-metric")["props"]["value"] == "people_returned"
    assert _by_id(content, "map-filter-period")["props"]["value"] == "2018-03..2018-12"
    assert _by_id(content, "map-division")["props"]["value"] == "2009"
    assert _by_id(content, "map-lang")["props"]["data"] == "en"
    # An older link names a 2009 code alone.
    old = render_page(client, "/map", "?m=LV-083&from=2019&per_month=1")
    assert _by_id(old, "map-selected")["props"]["data"] == "2009:LV-083"


@pytest.mark.parametrize("bad", ["LV-999", "../etc", "<script>", "", "2021:LV-083", "1999:LV-083"])
def test_map_layout_ignores_an_unknown_selection(client, bad):
    content = render_page(client, "/map", f"?m={bad}")
    assert not _by_id(content, "map-selected")["props"]["data"]


def test_the_period_decides_the_division_until_the_reader_switches(client):
    dep = _callback(client, "map-division.value")
    assert [i["id"] for i in dep["inputs"]] == ["map-filter-period"]
    for period, division in (("2019", "2009"), ("2018-03..2018-12", "2009")):
        response = _call(client, "map-division.value", {"map-filter-period.value": period})
        assert response["map-division"]["value"] == division


# --- map: the main callback --------------------------------------------------------------------


def test_map_callback_returns_the_figure(client):
    response = render_map(client)
    figure = response["map-graph"]["figure"]
    types = {trace.get("type", "scatter") for trace in figure["data"]}
    assert types == {"scatter"}
    fills = [trace for trace in figure["data"] if trace.get("fill") == "toself"]
    assert len(fills) == 119
    targets = next(tr for tr in figure["data"] if tr.get("name") == "click-targets")
    assert targets["customdata"] == ORDER
    stars = next(tr for tr in figure["data"] if tr.get("name") == "pilotpašvaldība")
    assert len(stars["customdata"]) == 10
    assert "2009:LV-083" in stars["customdata"] and "2009:LV-DGV" in stars["customdata"]
    assert "geo" not in figure["layout"] and "mapbox" not in figure["layout"]
    assert figure["layout"]["separators"] == f",{NBSP}"
    assert response["map-title"]["children"] == "Ģimenes atgriezušās – 2019. gads"
    assert response["map-order"]["data"] == ORDER


def test_map_callback_draws_the_2021_layer_only_when_chosen(client):
    response = render_map(client, division="2021")
    fills = [tr for tr in response["map-graph"]["figure"]["data"] if tr.get("fill") == "toself"]
    assert len(fills) == 43
    assert response["map-order"]["data"] == ORDER_2021


def test_map_callback_labels_and_summary_for_one_year(client, seed_values):
    response = render_map(client, lang="en")
    figure = response["map-graph"]["figure"]
    labels = next(tr for tr in figure["data"] if tr.get("mode") == "text")
    expected = {r: seed_values[("2019", r, "families_returned")] for r in ("latgale", "zemgale")}
    assert f"<b>Latgale</b><br>{expected['latgale']}" in labels["text"]
    assert f"<b>Zemgale</b><br>{expected['zemgale']}" in labels["text"]
    details = _text(response["map-details"])
    assert "5 of 5 regions published figures for 2019." in details
    assert f"Latgale had the most (families): {expected['latgale']}" in details
    legend = _text(response["map-legend"])
    assert "Families returned, families; 2019" in legend
    assert "★ Pilot municipality" in legend
    assert "no data published" not in legend  # every region reported


def test_map_callback_first_year_is_marked_part_year(client):
    response = render_map(client, period="2018-03..2018-12", lang="en")
    assert response["map-title"]["children"] == "Families returned – 2018 (Mar–Dec), part year"


def test_map_callback_outlines_the_selection(client):
    plain = render_map(client)["map-graph"]["figure"]["data"]
    selected = render_map(client, selected="2009:LV-083")["map-graph"]["figure"]["data"]
    assert len(selected) == len(plain) + 1
    assert any(tr.get("name") == "Izvēlētā pašvaldība" for tr in selected)
    english = render_map(client, selected="2021:LV-016", lang="en")["map-graph"]["figure"]["data"]
    assert any(tr.get("name") == "Selected municipality" for tr in english)


def _refused(client, output: str, values: dict[str, Any]) -> str:
    """POST a callback that must be refused: 400 with a message naming the bad input."""
    dep = _callback(client, output)
    inputs = [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]]
    state = [{**s, "value": values[f"{s['id']}.{s['property']}"]} for s in dep["state"]]
    response = post(client, dep, inputs, state)
    assert response.status_code == 400, response.get_data(as_text=True)[:500]
    return response.get_json()["message"]


MAP_VALUES = {
    "map-filter-metric.value": "families_returned",
    "map-filter-period.value": YEAR,
    "map-division.value": "2009",
    "map-selected.data": None,
    "map-via.data": None,
    "map-lang.data": "lv",
}


def test_map_callback_refuses_unknown_inputs(client):
    bogus_metric = {**MAP_VALUES, "map-filter-metric.value": "bogus"}
    assert "map-filter-metric.value" in _refused(client, "map-graph.figure", bogus_metric)
    bogus_selection = {**MAP_VALUES, "map-selected.data": "LV-999"}
    assert "map-selected.data" in _refused(client, "map-graph.figure", bogus_selection)
    assert "map-selected.data" in _refused(client, "map-panel.children", bogus_selection)
    # A half-year is not a map period, nor is a year without figures.
    for period in ("2020-01..2020-06", "2031", 2019):
        bogus_period = {**MAP_VALUES, "map-filter-period.value": period}
        assert "map-filter-period.value" in _refused(client, "map-graph.figure", bogus_period)
    bogus_division = {**MAP_VALUES, "map-division.value": "1990"}
    assert "map-division.value" in _refused(client, "map-graph.figure", bogus_division)
    # Unset values fall back to the defaults, as on a first visit.
    response = render_map(client, metric=None, period=None, division=None)
    assert len(response["map-graph"]["figure"]["data"]) == 119 + 4
    assert response["map-title"]["children"] == "Ģimenes atgriezušās – 2019. gads"


# --- map: the side panel -----------------------------------------------------------------------


def test_panel_is_a_prompt_without_a_selection(client):
    assert "Izvēlieties pašvaldību" in _text(render_panel(client, None))
    assert "Select a municipality" in _text(render_panel(client, None, lang="en"))


def test_panel_for_rundale_has_no_coordinator_and_links_to_paps(client, seed_values):
    panel = render_panel(client, "2009:LV-083")
    text = _text(panel)
    assert _by_id(panel, "map-panel-title")["props"]["children"] == "Rundāles novads"
    assert _by_id(panel, "map-panel-title")["props"]["tabIndex"] == "-1"
    assert "Plānošanas reģions: Zemgale" in text
    assert "Pilotpašvaldība" in text
    assert "Rundāles novads (līdz 2021. gadam) tagad ir daļa no: Bauskas novads" in text
    # The seed has no municipal figures: the panel says so and points to the region.
    assert "Pašvaldībai “Rundāles novads” skaitļi nav publicēti" in _text(
        _by_id(panel, "map-panel-no-unit-figures")
    )
    no_contacts = _by_id(panel, "map-panel-no-contacts")
    assert "koordinatora kontakti nav publicēti; sazinieties ar plānošanas reģiona biroju" in (
        _text(no_contacts)
    )
    links = _links(panel)
    assert "https://www.paps.lv/" in links
    assert "/contacts?region=zemgale" in links
    # Zemgale's families in 2019 only, never a sum over the years.
    assert str(seed_values[("2019", "zemgale", "families_returned")]) in _texts(panel)
    # A pilot without described measures says so.
    assert "atbalsta pasākumi mūsu avotos vēl nav aprakstīti" in text


def test_panel_for_rundale_in_english(client):
    panel = render_panel(client, "2009:LV-083", lang="en")
    text = _text(panel)
    assert _by_id(panel, "map-panel-title")["props"]["children"] == "Rundāle Municipality"
    assert "Planning region: Zemgale" in text
    assert "No coordinator contact is published for this planning region" in text
    assert "paps.lv – the programme's website" in text


def test_panel_for_a_2021_unit_names_what_it_was_formed_from(client):
    panel = render_panel(client, "2021:LV-016", lang="en")
    text = _text(panel)
    assert _by_id(panel, "map-panel-title")["props"]["children"] == "Bauska Municipality"
    assert "Formed in July 2021 from: " in text
    assert "Rundāle Municipality ★" in text
    assert "Planning region: Zemgale" in text


def test_panel_reached_by_a_former_name_names_both_units(client):
    panel = render_panel(client, "2021:LV-016", lang="en", via="2009:LV-083")
    assert (
        "Rundāle Municipality (until 2021) is now part of Bauska Municipality, "
        "Zemgale Planning Region" in _texts(panel)
    )
    # A former unit that is not this one's predecessor is ignored.
    other = render_panel(client, "2021:LV-016", lang="en", via="2009:LV-DGV")
    assert not [t for t in _texts(other) if "is now part of" in t]


def test_panel_for_daugavpils_lists_its_contacts_and_measures(client, seed_values):
    panel = render_panel(client, "2009:LV-DGV")
    text = _text(panel)
    assert _by_id(panel, "map-panel-title")["props"]["children"] == "Daugavpils"
    assert "Plānošanas reģions: Latgale" in text
    contacts_list = _text(_by_id(panel, "map-panel-contacts"))
    assert "Jolanta Ūzuliņa" in contacts_list
    assert "Olga Tolmačova" in contacts_list
    assert "Astrīda Leščinska" in contacts_list  # the region's own coordinator
    assert "mailto:jolanta.uzulina@daugavpils.lv" in _links(panel)
    assert "tel:+37165476064" in _links(panel)
    assert "+371 6547 6064" in contacts_list
    assert "Publicēts 07.01.2020: Daugavpils pilsētas dome" in " ".join(contacts_list.split())
    assert not [c for c in _walk(panel) if c["props"].get("id") == "map-panel-no-contacts"]
    measures = _text(_by_id(panel, "map-panel-measures"))
    for title in (
        "Atbalsts uzņēmējdarbības uzsākšanai",
        "Latviešu valodas apguves nodrošināšana",
        "Pašvaldībā pieejamo aktuālo vakanču apkopojums",
        "Iespēja nodrošināt ar pašvaldības mājokli",
        "Veselības aprūpes pakalpojumu pieejamība",
        "Vietas pirmsskolas izglītības iestādēs",
    ):
        assert title in measures
    assert "https://www.daugavpils.lv/lv/176/463/" in _links(panel)
    # Latgale's 2019 figures of each measure it published for 2019.
    for metric in ("families_returned", "people_returned", "offers_prepared"):
        value = seed_values[("2019", "latgale", metric)]
        assert f"{value:,}".replace(",", NBSP) in _texts(panel), metric


def test_panel_for_daugavpils_in_english(client, seed_values):
    panel = render_panel(client, "2009:LV-DGV", lang="en")
    text = _text(panel)
    assert _by_id(panel, "map-panel-title")["props"]["children"] == "Daugavpils (city)"
    assert "As published on 7 Jan 2020 in Daugavpils pilsētas dome" in " ".join(text.split())
    assert "Support for starting a business" in text
    assert "Remigration coordinator of the Latgale Planning Region" in text
    assert "The region's figures (2019)" in text
    assert f"{seed_values[('2019', 'latgale', 'offers_prepared')]}" in _texts(panel)


def test_panel_for_a_non_pilot_in_latgale_shows_the_regional_coordinator_only(client):
    # Preiļu novads: Latgale, not a pilot. Only the region-wide contact applies.
    panel = render_panel(client, "2009:LV-073")
    text = _text(panel)
    assert "Plānošanas reģions: Latgale" in text
    assert "Astrīda Leščinska" in text
    assert "Jolanta Ūzuliņa" not in text
    assert "Pilotpašvaldība" not in text
    assert "Atbalsta pasākumi" not in text


# --- map: search and selection -----------------------------------------------------------------


def test_search_for_rundale_offers_a_button_for_the_unit_in_force(client):
    results = search_results(client, "Rundale")
    buttons = [c for c in _walk(results) if c["type"] == "Button"]
    assert [b["props"]["id"] for b in buttons] == [{"type": "map-result", "code": "2009:LV-083"}]
    assert buttons[0]["props"]["children"] == "Rundāles novads ★"
    # On the 2021 layer the former name answers with Bauskas novads, and says so.
    results = search_results(client, "rundale", lang="en", division="2021")
    buttons = [c for c in _walk(results) if c["type"] == "Button"]
    assert [b["props"]["id"]["code"] for b in buttons] == ["2021:LV-016"]
    assert (
        "Rundāle Municipality (until 2021) is now part of Bauska Municipality, "
        "Zemgale Planning Region" in _texts(results)
    )


def test_search_results_in_english_and_by_code(client):
    results = search_results(client, "rundale", lang="en")
    assert "Rundāle Municipality ★" in _texts(results)
    assert "Matching municipalities: " in _texts(results)
    by_code = [c for c in _walk(search_results(client, "LV-DGV")) if c["type"] == "Button"]
    assert by_code[0]["props"]["id"]["code"] == "2009:LV-DGV"


def test_search_names_starting_with_the_query_come_first(client):
    buttons = [c for c in _walk(search_results(client, "daugavpils")) if c["type"] == "Button"]
    codes = [b["props"]["id"]["code"] for b in buttons]
    assert codes[0] == "2009:LV-DGV"  # Daugavpils (city) before Daugavpils novads
    assert "2009:LV-025" in codes
    assert "2021:LV-DGV" in codes  # the city of the 2021 division, after the layer's own


def test_search_results_are_capped(client):
    buttons = [c for c in _walk(search_results(client, "novads")) if c["type"] == "Button"]
    assert len(buttons) == 8


def test_search_without_match_and_empty(client):
    assert "Neviena pašvaldība neatbilst “Atlantīda”." in _texts(
        search_results(client, "Atlantīda")
    )
    assert search_results(client, "") == []
    assert search_results(client, "   ") == []
    assert search_results(client, None) == []


def test_enter_in_the_search_box_selects_the_first_match(client):
    response = select(client, changed="map-search.n_submit", n_submit=1, query="Rundale")
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert response.get_json()["response"]["map-selected"]["data"] == "2009:LV-083"
    assert response.get_json()["response"]["map-via"]["data"] is None

    response = select(client, changed="map-search.n_submit", n_submit=2, query="daugavpils")
    assert response.get_json()["response"]["map-selected"]["data"] == "2009:LV-DGV"

    for query, key in (
        ("Rundāle", "2021:LV-016"),
        ("Dienvidkurzeme", "2021:LV-112"),
        ("augsdaugava", "2021:LV-111"),
    ):
        response = select(
            client, changed="map-search.n_submit", n_submit=3, query=query, division="2021"
        )
        assert response.get_json()["response"]["map-selected"]["data"] == key, query
    # "Rundāle" found Bauskas novads by its former unit's name: the panel is told which.
    response = select(
        client, changed="map-search.n_submit", n_submit=4, query="Rundāle", division="2021"
    )
    assert response.get_json()["response"]["map-via"]["data"] == "2009:LV-083"


def test_enter_without_a_match_changes_nothing(client):
    response = select(client, changed="map-search.n_submit", n_submit=1, query="Atlantīda")
    assert unchanged(response)


def test_result_buttons_select_their_municipality(client):
    # (The table's buttons set the selection in the browser: tests/e2e/test_public_pages_e2e.py.)
    response = select(
        client,
        changed='{"code":"2009:LV-083","type":"map-result"}.n_clicks',
        results=[("2009:LV-083", 1)],
    )
    assert response.get_json()["response"]["map-selected"]["data"] == "2009:LV-083"


def test_a_button_that_was_just_rendered_does_not_select(client):
    # New result buttons fire with n_clicks None: that is no click.
    response = select(
        client,
        changed='{"code":"2009:LV-083","type":"map-result"}.n_clicks',
        results=[("2009:LV-083", None)],
    )
    assert unchanged(response)


def test_map_click_selects_by_customdata_or_curve_number(client):
    click = {"points": [{"curveNumber": 121, "pointNumber": 5, "customdata": "2009:LV-083"}]}
    response = select(client, changed="map-graph.clickData", click=click)
    assert response.get_json()["response"]["map-selected"]["data"] == "2009:LV-083"

    index = ORDER.index("2009:LV-DGV")
    response = select(
        client, changed="map-graph.clickData", click={"points": [{"curveNumber": index}]}
    )
    assert response.get_json()["response"]["map-selected"]["data"] == "2009:LV-DGV"

    index = ORDER_2021.index("2021:LV-016")
    response = select(
        client,
        changed="map-graph.clickData",
        click={"points": [{"curveNumber": index}]},
        division="2021",
    )
    assert response.get_json()["response"]["map-selected"]["data"] == "2021:LV-016"


@pytest.mark.parametrize(
    "click",
    [
        {"points": []},
        {"points": [{"curveNumber": 119}]},  # region borders
        {"points": [{"curveNumber": 500}]},
        {"points": [{"customdata": "LV-999", "curveNumber": 9999}]},
        {"points": [{"customdata": "<script>"}]},
    ],
)
def test_map_clicks_elsewhere_change_nothing(client, click):
    response = select(client, changed="map-graph.clickData", click=click)
    assert unchanged(response), response.get_data(as_text=True)[:500]


# --- contacts ----------------------------------------------------------------------------------


def test_contacts_layout(client):
    content = render_page(client, "/contacts", "?lang=en&region=latgale&sort=verified")
    assert _by_id(content, "contacts-region")["props"]["value"] == "latgale"
    assert _by_id(content, "contacts-sort")["props"]["value"] == "verified"
    options = _by_id(content, "contacts-region")["props"]["options"]
    assert [o["label"] for o in options] == [
        "All regions",
        "Kurzeme",
        "Latgale",
        "Riga",
        "Vidzeme",
        "Zemgale",
    ]
    links = _links(_by_id(content, "official-links"))
    assert "https://www.paps.lv/" in links
    assert len(links) == 8


def test_contacts_layout_ignores_bad_query_values(client):
    content = render_page(client, "/contacts", "?region=atlantis&sort=bogus")
    assert _by_id(content, "contacts-region")["props"]["value"] != "atlantis"
    assert _by_id(content, "contacts-sort")["props"]["value"] == "name"


@pytest.mark.parametrize("search", ["", "?region=atlantis", "?lang=en"])
def test_contacts_region_defaults_to_all_regions(client, search):
    content = render_page(client, "/contacts", search)
    select = _by_id(content, "contacts-region")
    assert select["props"]["value"] in {o["value"] for o in select["props"]["options"]}
    assert select["props"]["value"] == "all"


# The seed names contacts in Latgale only: every other region answers with its office.
OFFICE_ROUTES = {"route-kurzeme", "route-riga", "route-vidzeme", "route-zemgale"}


def test_all_contacts(client):
    response = contacts(client)
    assert set(card_codes(response)) == LATGALE_CONTACTS | OFFICE_ROUTES
    assert response["contacts-count"]["children"] == "Atrasti kontakti: 5"


def test_contacts_filtered_by_region(client):
    latgale = contacts(client, region="latgale", lang="en")
    assert set(card_codes(latgale)) == LATGALE_CONTACTS
    assert latgale["contacts-count"]["children"] == "Contacts found: 5"
    zemgale = contacts(client, region="zemgale")
    assert card_codes(zemgale) == ["route-zemgale"]
    assert zemgale["contacts-count"]["children"] == "Atrasti kontakti: 0"
    # A region with no contact never blames the search: it names the office.
    listing = _text(zemgale["contacts-list"])
    assert "Neviens kontakts neatbilst meklētajam" not in listing
    assert (
        "Zemgale: koordinatora kontakti nav publicēti; sazinieties ar plānošanas reģiona "
        "biroju (Zemgales plānošanas reģions):"
    ) in listing


@pytest.mark.parametrize("query", ["uzulina", "UZULINA", "Ūzuliņa", "jolanta uzul"])
def test_contacts_search_is_diacritic_insensitive(client, query):
    response = contacts(client, search=query)
    assert card_codes(response) == ["jolanta-uzulina"]
    assert response["contacts-count"]["children"] == "Atrasti kontakti: 1"


def test_contacts_search_and_region_combine(client):
    assert card_codes(contacts(client, search="uzulina", region="latgale")) == ["jolanta-uzulina"]
    riga = contacts(client, search="uzulina", region="riga")
    assert card_codes(riga) == ["route-riga"]
    assert "Reģionā Rīga neviens kontakts neatbilst meklētajam “uzulina”." in _text(
        riga["contacts-list"]
    )


def test_contacts_sorted_by_name(client):
    codes = card_codes(contacts(client, sort="name"))
    assert codes.index("astrida-lescinska") < codes.index("jolanta-uzulina")
    assert codes.index("jolanta-uzulina") < codes.index("olga-tolmacova")


def test_contacts_sorted_by_verification_date_unknown_last(client):
    codes = card_codes(contacts(client, region="latgale", sort="verified"))
    # The region's coordinator first, then the newest entry (the only dated one).
    assert codes[:2] == ["astrida-lescinska", "olga-tolmacova"]


def test_contact_card_content(client):
    response = contacts(client, search="tolmacova", lang="en")
    olga = card(response, "olga-tolmacova")
    text = _text(olga)
    assert "Olga Tolmačova" in text
    assert "Daugavpils municipality's remigration coordinator" in text
    assert "Region: Latgale" in text
    assert "Municipality: Daugavpils (city)" in text
    assert "As published on 7 Jan 2020 in Daugavpils pilsētas dome" in " ".join(text.split())
    assert "Verified" not in text
    links = _links(olga)
    assert "mailto:olga.tolmacova@daugavpils.lv" in links
    assert "tel:+37165476064" in links
    assert "/download/contact/olga-tolmacova.vcf" in links


def test_contact_without_channels_says_so(client):
    text = _text(card(contacts(client, search="lescinska"), "astrida-lescinska"))
    assert "E-pasts vai tālrunis nav publicēts." in text
    assert "Sazinieties ar plānošanas reģiona biroju" in text
    assert "(datums nav norādīts)" in text
    assert "var būt novecojis (datums nav publicēts)" in " ".join(text.split())


def test_stale_badge_on_old_and_unverified_entries(client):
    response = contacts(client)
    for code in LATGALE_CONTACTS:  # verified 2020 or never: all older than 12 months
        assert has_stale_badge(card(response, code)), code
    badge = next(
        c
        for c in _walk(card(response, "olga-tolmacova"))
        if "stale-badge" in (c["props"].get("className") or "")
    )
    # The text a reader sees (the cards reach the browser as HTML: one text node).
    assert "⚠ var būt novecojis (07.01.2020)" in " ".join(_text(badge).split())
    assert badge["props"]["title"] == (
        "Jaunākais datums, kas apliecina šīs ziņas, ir vecāks par 12 mēnešiem, vai datums nav "
        "publicēts."
    )


def test_contacts_search_input_is_capped(client):
    response = contacts(client, search="uzulina" + "x" * 190)
    assert card_codes(response) == []
    too_long = {
        "contacts-search.value": "x" * 201,
        "contacts-region.value": "all",
        "contacts-sort.value": "name",
        "contacts-lang.data": "lv",
    }
    assert "contacts-search.value" in _refused(client, "contacts-list.children", too_long)
    # A long ?q= in a link opens the page with the search cut to what the box can hold.
    box = _by_id(render_page(client, "/contacts", "?q=" + "x" * 300), "contacts-search")
    assert box["props"]["value"] == "x" * 200 and box["props"]["maxLength"] == 200


def test_inactive_contacts_never_appear(private_client):
    response = contacts(private_client)
    assert "jolanta-uzulina" not in card_codes(response)
    assert set(card_codes(response)) == (LATGALE_CONTACTS - {"jolanta-uzulina"}) | OFFICE_ROUTES
    assert card_codes(contacts(private_client, search="uzulina")) == []
    assert card_codes(contacts(private_client, search="jolanta")) == [
        "daugavpils-housing-department"  # matched by its address jolanta.cinne@…
    ]
    panel = render_panel(private_client, "LV-DGV")
    assert "Jolanta Ūzuliņa" not in _text(panel)
    assert "Olga Tolmačova" in _text(panel)
    assert "Ūzuliņa" not in private_client.get("/contacts").get_data(as_text=True)


def test_freshly_verified_contact_has_no_stale_badge(private_client):
    response = contacts(private_client)
    assert not has_stale_badge(card(response, "olga-tolmacova"))
    assert has_stale_badge(card(response, "astrida-lescinska"))
    ordered = card_codes(contacts(private_client, region="latgale", sort="verified"))
    assert ordered[:2] == ["astrida-lescinska", "olga-tolmacova"]


# --- downloads ---------------------------------------------------------------------------------


def test_vcard_download(client):
    response = client.get("/download/contact/olga-tolmacova.vcf")
    assert response.status_code == 200
    assert response.mimetype == "text/vcard"
    assert response.headers["Content-Disposition"] == 'attachment; filename="olga-tolmacova.vcf"'
    text = response.get_data(as_text=True)
    assert text.startswith("BEGIN:VCARD\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert "FN:Olga Tolmačova\r\n" in text
    assert "TEL;TYPE=WORK,VOICE:+37165476064\r\n" in text
    assert "TITLE:Daugavpils Pašvaldības reemigrācijas koordinators\r\n" in text


def test_vcard_download_in_english(client):
    text = client.get("/download/contact/olga-tolmacova.vcf?lang=en").get_data(as_text=True)
    assert "TITLE:Daugavpils municipality's remigration coordinator\r\n" in text


def test_vcard_of_every_active_seed_contact(client):
    for code in LATGALE_CONTACTS:
        response = client.get(f"/download/contact/{code}.vcf")
        assert response.status_code == 200, code
        assert response.mimetype == "text/vcard"


def test_vcard_escapes_the_semicolons_of_a_real_role(client):
    text = client.get("/download/contact/jolanta-uzulina.vcf").get_data(as_text=True)
    unfolded = text.replace("\r\n ", "")  # long lines are folded (RFC 2426)
    title = next(line for line in unfolded.split("\r\n") if line.startswith("TITLE:"))
    assert "(pagaidām pilda šos pienākumus)\\; atbalsta" in title


@pytest.mark.parametrize(
    "path",
    [
        "/download/contact/nobody.vcf",
        "/download/contact/OLGA-TOLMACOVA.vcf",
        "/download/contact/olga_tolmacova.vcf",
        "/download/contact/" + "a" * 65 + ".vcf",
        "/download/contact/%2e%2e.vcf",
    ],
)
def test_unknown_vcard_is_404(client, path):
    assert client.get(path).status_code == 404


def test_inactive_contact_vcard_is_404(private_client):
    assert private_client.get("/download/contact/jolanta-uzulina.vcf").status_code == 404
    assert private_client.get("/download/contact/olga-tolmacova.vcf").status_code == 200


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_template_download_from_the_data_directory(private_client, name):
    response = private_client.get(f"/download/template/{name}")
    assert response.status_code == 200
    assert response.mimetype == TEMPLATES[name]
    assert "attachment" in response.headers["Content-Disposition"]
    assert name in response.headers["Content-Disposition"]
    assert response.data == f"template {name}\n".encode()
    response.close()


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_template_download_in_the_repository(client, name):
    response = client.get(f"/download/template/{name}")
    if (DATA_DIR / "templates" / name).is_file():
        assert response.status_code == 200
        assert response.mimetype == TEMPLATES[name]
    else:
        # The repository has no data/templates yet: a missing file is a plain 404, not a 500.
        assert response.status_code == 404
    response.close()


@pytest.mark.parametrize(
    "name",
    ["passwd", "contacts.csv", "remigration-template-long.CSV", "..", "%2e%2e", "template.xlsx"],
)
def test_unknown_template_is_404(private_client, name):
    response = private_client.get(f"/download/template/{name}")
    assert response.status_code == 404
    response.close()


TRAVERSALS = [
    "/download/template/../../etc/passwd",
    "/download/template/..%2F..%2Fetc%2Fpasswd",
    "/download/template/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/download/template/..%2Fseed%2Fcontacts.csv",
    "/download/contact/..%2F..%2Fetc%2Fpasswd.vcf",
    "/download/contact/olga-tolmacova",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_never_serves_a_file(private_client, path):
    # These never reach a download route; the pages' catch-all answers with the 404 page.
    response = private_client.get(path)
    body = response.get_data(as_text=True)
    response.close()
    assert response.status_code == 404
    assert "Content-Disposition" not in response.headers
    assert "root:" not in body
    assert "olga.tolmacova@daugavpils.lv" not in body  # not the seed's contacts.csv
    assert "BEGIN:VCARD" not in body


# --- funding -----------------------------------------------------------------------------------


def test_funding_page_lv(client):
    content = render_page(client, "/funding", "?lang=lv")
    text = _text(content)
    assert f"193{NBSP}058,70{NBSP}€" in text
    assert f"64{NBSP}352,90{NBSP}€" in text
    assert f"643{NBSP}529,00{NBSP}€" in text
    assert f"10{NBSP}714,29{NBSP}€" in text
    assert f"7{NBSP}500,00{NBSP}€" in text
    assert f"3{NBSP}214,29{NBSP}€" in text
    assert f"7{NBSP}000{NBSP}€" in _texts(_by_id(content, "impulss-amount"))
    assert "193,058.70" not in text
    assert "Ilgums: no vienošanās parakstīšanas līdz 31.12.2018." in text


def test_funding_page_en(client):
    content = render_page(client, "/funding", "?lang=en")
    text = _text(content)
    assert "€193,058.70" in text
    assert "€64,352.90" in text
    assert "€643,529.00" in text
    assert "€10,714.29" in text
    assert "€7,000" in _texts(_by_id(content, "impulss-amount"))
    assert f"193{NBSP}058,70" not in text
    assert "Duration: from the signing of the agreement until 31 Dec 2018." in text


def test_funding_charts_and_tables(client):
    content = render_page(client, "/funding", "?lang=en")
    budget = _by_id(content, "budget-chart-graph")["props"]["figure"]
    assert [bar["type"] for bar in budget["data"]] == ["bar"]
    assert [c[0] for c in budget["data"][0]["customdata"]] == [
        "Support for business activity",
        "Running the regional coordinators' work",
        "Remigration support services in municipalities",
        "Administration costs",
    ]
    # Each bar's label (drawn above it) ends with its amount and share.
    labels = [a["text"] for a in budget["layout"]["annotations"]]
    assert labels[0].endswith("<br>€193,058.70 (30%)")
    pilot = _by_id(content, "pilot-chart-graph")["props"]["figure"]
    assert [a["text"].split("<br>")[-1] for a in pilot["layout"]["annotations"]] == [
        "€7,500.00 (70%)",
        "€3,214.29 (30%)",
    ]

    details = _by_id(content, "budget-chart-details")
    rows = [_texts(tr) for tr in _walk(details) if tr["type"] == "Tr"]
    assert rows[0] == ["Item", "Amount", "Share"]
    assert rows[-1] == ["Total", "€643,529.00", "100%"]
    assert len(rows) == 1 + 4 + 1
    assert rows[1] == ["Support for business activity", "€193,058.70", "30%"]
    text = _text(details)
    assert "amounts are computed from the total" in text
    assert "Source: " in text


# --- about -------------------------------------------------------------------------------------


def test_about_page_lists_pilots_timeline_and_sources(client):
    content = render_page(client, "/about", "?lang=en")
    text = _text(content)
    for name in ("Daugavpils (city)", "Rundāle Municipality", "Smiltene Municipality"):
        assert name in text
    timeline = _by_id(content, "timeline")
    items = [c for c in _walk(timeline) if c["type"] == "Li"]
    assert len(items) == 7
    times = [c["props"]["dateTime"] for c in _walk(timeline) if c["type"] == "Time"]
    assert times == sorted(times)
    assert times[0] == "2018-04-13"
    sources = _by_id(content, "source-list")
    assert "https://www.varam.gov.lv/lv/regionalais-remigracijas-atbalsts" in _links(sources)


def test_about_page_lv_dates(client):
    content = render_page(client, "/about", "?lang=lv")
    timeline = _text(_by_id(content, "timeline"))
    assert "13.04.2018" in timeline
    assert "Rundāles novads" in _text(content)
    # The limitations are stated from the figures in effect (here the seed table of 2020).
    assert _text(_by_id(content, "data-as-of")).startswith("Dati uz 18.08.2020")
    limits = _text(_by_id(content, "data-limitations"))
    assert "no 2018. līdz 2020. gadam" in limits and "Skaitļi ņemti no 1 publikācijas" in limits


# --- accessibility statement -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "date", "feedback"),
    [("lv", "23.11.2026", "ziņojuma veidlapu"), ("en", "23 Nov 2026", "report form")],
)
def test_accessibility_statement(client, lang, date, feedback):
    content = render_page(client, "/accessibility", f"?lang={lang}")
    method = " ".join(_texts(_by_id(content, "a11y-method")))
    assert "axe-core" in method and "WCAG" in method
    assert date in method, method
    limitations = [c for c in _walk(_by_id(content, "a11y-limitations")) if c["type"] == "Li"]
    assert len(limitations) == 5
    form = _by_id(content, "a11y-feedback")
    assert feedback in " ".join(_texts(form))
    assert f"/data?lang={lang}#data-report-form" in _links(form)


def test_footer_links_the_accessibility_statement(client):
    layout = client.get("/_dash-layout?lang=en").get_json()
    assert "/accessibility?lang=en" in _links(layout)


# --- sharing: Open Graph and Twitter cards -----------------------------------------------------


def _meta(html_text: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2)
        for m in re.finditer(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html_text)
    }


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("path", ["/", "/map", "/contacts", "/funding", "/about", "/data"])
def test_pages_have_share_cards_with_a_preview_image(client, path, lang):
    import html as html_lib

    response = client.get(f"{path}?lang={lang}")
    meta = {k: html_lib.unescape(v) for k, v in _meta(response.get_data(as_text=True)).items()}
    assert meta["og:title"].endswith(SITE[lang])
    assert meta["twitter:title"] == meta["og:title"]
    assert meta["og:description"] and meta["og:description"] == meta["description"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"] == meta["twitter:image"] == "http://localhost/assets/app.png"
    image = client.get("/assets/app.png")
    assert image.status_code == 200 and image.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(image.data[16:20], "big") == 1200
    assert int.from_bytes(image.data[20:24], "big") == 630


# --- report a data problem ---------------------------------------------------------------------


def _report(client, *, region="any", period="any", metric="any", message="", email="", lang="en"):
    return _call(
        client,
        "data-report-result.children",
        {
            "data-report-submit.n_clicks": 1,
            "data-report-region.value": region,
            "data-report-period.value": period,
            "data-report-metric.value": metric,
            "data-report-message.value": message,
            "data-report-email.value": email,
            "data-lang.data": lang,
        },
    )["data-report-result"]["children"]


def _stored_reports(database) -> list[tuple]:
    with database.session() as session:
        return [
            (r.region_code, r.period_code, r.metric_code, r.message, r.email, r.status)
            for r in session.scalars(sa.select(m.DataReport).order_by(m.DataReport.id))
        ]


def test_report_form_defaults_to_any(client):
    content = render_page(client, "/data", "?lang=en")
    for field in ("region", "period", "metric"):
        select = _by_id(content, f"data-report-{field}")["props"]
        assert select["value"] == "any"
        assert (
            select["options"][0] == {"label": "Any", "value": "any"}
            or select["options"][0]["value"] == "any"
        )


def test_report_is_stored_for_admins(app, mutable_db, accounts):
    alert = _report(
        fresh_client(app),
        region="latgale",
        period="2019",
        metric="people_returned",
        message="The 2019 figure for Latgale differs from the ministry's PDF.",
        email="reader@example.lv",
    )
    assert alert["props"]["id"] == "data-report-thanks"
    assert _stored_reports(mutable_db) == [
        (
            "latgale",
            "2019",
            "people_returned",
            "The 2019 figure for Latgale differs from the ministry's PDF.",
            "reader@example.lv",
            "new",
        )
    ]
    # Staff see it in /admin (the reports table), as text, but not the reader's address;
    # admins see the address too.
    for user, password, sees_address in (("sam", STAFF_PASSWORD, False), ("ada", None, True)):
        client, csrf = signed_in(app, user, password or accounts[user])
        dep = _callback(client, "admin-reports.children")
        values = {
            "admin-refresh.data": 0,
            "admin-active-tab.data": "reports",
            "admin-reports-filter.value": "open",
            "admin-lang.data": "en",
        }
        body = {
            "output": dep["output"],
            "outputs": dash_outputs(dep["output"]),
            "inputs": [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]],
            "state": [{**x, "value": values[f"{x['id']}.{x['property']}"]} for x in dep["state"]],
            "changedPropIds": ["admin-refresh.data"],
        }
        response = client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": csrf})
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        shown = " ".join(_texts(response.get_json()["response"]["admin-reports"]["children"]))
        assert "differs from the ministry's PDF" in shown
        assert ("reader@example.lv" in response.get_data(as_text=True)) is sees_address, user
        assert ("given (visible to administrators only)" in shown) is not sees_address, user


def test_reports_are_rate_limited_per_address(app, mutable_db):
    reader = fresh_client(app)
    for n in range(5):
        assert _report(reader, message=f"report {n}")["props"]["id"] == "data-report-thanks"
    refused = _report(reader, message="one too many")
    assert "Too many reports" in " ".join(_texts(refused))
    assert len(_stored_reports(mutable_db)) == 5


def test_report_about_any_region_period_or_metric(app, mutable_db):
    alert = _report(fresh_client(app), message="Something is off on the map.")
    assert alert["props"]["id"] == "data-report-thanks"
    assert _stored_reports(mutable_db) == [
        (None, None, None, "Something is off on the map.", None, "new")
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"message": ""}, "is required"),
        ({"message": "ok", "email": "not-an-email"}, "not a valid e-mail address"),
        ({"message": "see\x00this"}, "control character that is not allowed (U+0000)"),
        ({"message": "\ud800"}, "control character that is not allowed (U+D800)"),
    ],
)
def test_bad_report_gets_a_message_and_stores_nothing(app, mutable_db, fields, expected):
    alert = _report(fresh_client(app), **fields)
    assert alert["props"]["id"] == "data-report-error"
    assert expected in " ".join(_texts(alert))
    assert _stored_reports(mutable_db) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("data-report-region.value", "atlantis"),
        ("data-report-region.value", ["latgale"]),
        ("data-report-period.value", "2019\x00"),
        ("data-report-message.value", ["x"]),
        ("data-report-message.value", "x" * 2001),
        ("data-report-email.value", {"a": 1}),
        ("data-report-email.value", "a" * 250 + "@example.lv"),
    ],
)
def test_a_report_the_form_cannot_send_is_refused_and_stores_nothing(app, mutable_db, field, value):
    """Values no control of the form can hold are refused before the service sees them."""
    values = {
        "data-report-submit.n_clicks": 1,
        "data-report-region.value": "any",
        "data-report-period.value": "any",
        "data-report-metric.value": "any",
        "data-report-message.value": "ok",
        "data-report-email.value": "",
        "data-lang.data": "en",
        field: value,
    }
    message = _refused(fresh_client(app), "data-report-result.children", values)
    assert field in message
    assert _stored_reports(mutable_db) == []
