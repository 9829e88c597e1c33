"""The municipality map (dashboard.figures.map), built from the committed boundary files.

It must work offline: plain ``scatter`` traces on cartesian axes, never a geo, choropleth or
map(box) subplot (those fetch base maps from a CDN). One filled trace per municipality (trace
*i* is ``municipality_order()[i]``), then the overlays: region borders, the selected outline,
region labels, invisible click targets and the pilot stars.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.figures import map as mapfig
from dashboard.geo import load_boundaries

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
NBSP = "\u00a0"

PILOTS = {
    "LV-DGV",
    "LV-099",
    "LV-JEL",
    "LV-069",
    "LV-083",
    "LV-065",
    "LV-088",
    "LV-093",
    "LV-033",
    "LV-094",
}
REGIONS = [
    {"code": "kurzeme", "name_lv": "Kurzeme", "name_en": "Kurzeme"},
    {"code": "latgale", "name_lv": "Latgale", "name_en": "Latgale"},
    {"code": "riga", "name_lv": "Rīga", "name_en": "Riga"},
    {"code": "vidzeme", "name_lv": "Vidzeme", "name_en": "Vidzeme"},
    {"code": "zemgale", "name_lv": "Zemgale", "name_en": "Zemgale"},
]
REGION_NAMES_LV = {r["code"]: r["name_lv"] for r in REGIONS}
# The seed's 2019 figures (VARAM, 18.08.2020): the map shows one period at a time.
FAMILIES_2019 = {"kurzeme": 47, "latgale": 64, "riga": 33, "vidzeme": 58, "zemgale": 23}
# The real record's 2020 full-year figures of people returned: three regions published.
PEOPLE_2020 = {"riga": 260, "vidzeme": 160, "zemgale": 158}
FORBIDDEN_TYPES = {
    "scattergeo",
    "choropleth",
    "choroplethmapbox",
    "choroplethmap",
    "scattermapbox",
    "scattermap",
    "densitymapbox",
    "densitymap",
}


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries(GEO_DIR)


@pytest.fixture(scope="module")
def values():
    return mapfig.region_values(FAMILIES_2019, "lv", REGIONS)


@pytest.fixture(scope="module")
def sparse():
    return mapfig.region_values(PEOPLE_2020, "lv", REGIONS)


def build(boundaries, values, lang="lv", **kwargs):
    kwargs.setdefault("pilots", PILOTS)
    kwargs.setdefault("region_names", REGION_NAMES_LV)
    # go.Figure(...) validates the plain dict the app sends in full (see figures.style.assemble)
    return go.Figure(mapfig.map_figure(boundaries, values, lang, **kwargs))


def by_name(fig, name):
    found = [tr for tr in fig.data if tr.name == name]
    assert len(found) == 1, [tr.name for tr in fig.data]
    return found[0]


# --- colour_for / legend_bins ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "index"),
    [(0, 0), (19.99, 0), (20, 1), (39.9, 1), (40, 2), (60, 3), (79.99, 3), (80, 4), (100, 4)],
)
def test_colour_for_bins(value, index):
    assert mapfig.colour_for(value, 100) == mapfig.SCALE[index]


def test_colour_for_values_above_the_maximum_stay_in_the_darkest_bin():
    assert mapfig.colour_for(250, 100) == mapfig.SCALE[-1]


def test_colour_for_no_data_and_zero_maximum():
    assert mapfig.colour_for(None, 100) == mapfig.NO_DATA
    assert mapfig.colour_for(None, 0) == mapfig.NO_DATA
    assert mapfig.colour_for(0, 0) == mapfig.SCALE[0]
    assert mapfig.colour_for(5, 0) == mapfig.SCALE[0]


def test_scale_is_five_light_to_dark_blues():
    assert len(mapfig.SCALE) == 5
    assert len(set(mapfig.SCALE)) == 5
    assert mapfig.NO_DATA not in mapfig.SCALE


def test_text_colour_is_white_only_on_the_dark_bins():
    assert [mapfig.text_colour(c) for c in mapfig.SCALE] == [
        "#000000",
        "#000000",
        "#000000",
        "#ffffff",
        "#ffffff",
    ]
    assert mapfig.text_colour(mapfig.NO_DATA) == "#000000"


def test_legend_bins():
    assert mapfig.legend_bins(100) == [
        (mapfig.SCALE[0], 0, 20),
        (mapfig.SCALE[1], 20, 40),
        (mapfig.SCALE[2], 40, 60),
        (mapfig.SCALE[3], 60, 80),
        (mapfig.SCALE[4], 80, 100),
    ]
    assert [(lo, hi) for _, lo, hi in mapfig.legend_bins(0)] == [(0, 0)] * 5


# --- region_values and the no-data class ----------------------------------------------------


def test_region_values_keep_every_region_in_order_with_its_figure(values):
    assert list(values) == ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
    assert {code: v.value for code, v in values.items()} == FAMILIES_2019
    assert values["riga"].name == "Rīga"
    assert values["riga"].code == "riga"
    assert mapfig.region_values(FAMILIES_2019, "en", REGIONS)["riga"].name == "Riga"


def test_a_region_missing_in_the_chosen_year_is_no_data_not_the_lowest_bin(sparse):
    assert sparse["kurzeme"].value is None
    assert sparse["latgale"].value is None
    vmax = max(v.value for v in sparse.values() if v.value is not None)
    assert mapfig.bin_of(sparse["kurzeme"].value, vmax) is None
    assert mapfig.colour_for(sparse["kurzeme"].value, vmax) == mapfig.NO_DATA
    assert mapfig.colour_for(sparse["kurzeme"].value, vmax) != mapfig.SCALE[0]
    # The reporting regions are binned against each other only.
    assert mapfig.bin_of(260, vmax) == 4
    assert mapfig.bin_of(158, vmax) == 3
    # A published zero is a figure (lowest bin), unlike a missing one.
    assert mapfig.bin_of(0, vmax) == 0


def test_no_data_is_hatched_on_the_map_and_labelled(boundaries, sparse):
    fig = build(boundaries, sparse)
    features = boundaries.layer("2009")
    for feature, trace in zip(features, fig.data[:119], strict=True):
        region = feature["properties"]["region"]
        if region in PEOPLE_2020:
            assert trace.fillcolor in mapfig.SCALE, feature["id"]
            assert trace.fillpattern.shape is None, feature["id"]
        else:
            assert trace.fillcolor == mapfig.NO_DATA, feature["id"]
            assert trace.fillpattern.shape == "/", feature["id"]
            assert "dati nav publicēti" in trace.text
    labels = next(tr for tr in fig.data if tr.mode == "text")
    assert list(labels.text) == [
        "<b>Kurzeme</b><br>nav datu",
        "<b>Latgale</b><br>nav datu",
        "<b>Rīga</b><br>260",
        "<b>Vidzeme</b><br>160",
        "<b>Zemgale</b><br>158",
    ]
    english = next(tr for tr in build(boundaries, sparse, "en").data if tr.mode == "text")
    assert english.text[0] == "<b>Kurzeme</b><br>no data"


# --- the figure --------------------------------------------------------------------------------


def test_boundaries_have_119_municipalities(boundaries):
    order = mapfig.municipality_order(boundaries)
    assert len(order) == 119
    assert len(set(order)) == 119
    assert {"2009:LV-083", "2009:LV-DGV"} <= set(order)


def test_only_plain_scatter_traces(boundaries, values):
    fig = build(boundaries, values, selected="2009:LV-083")
    types = {tr.type for tr in fig.data}
    assert types == {"scatter"}
    assert not types & FORBIDDEN_TYPES
    layout = fig.to_plotly_json()["layout"]
    for key in ("geo", "mapbox", "map"):
        assert key not in layout, key


def test_one_filled_trace_per_municipality_then_the_overlays(boundaries, values):
    fig = build(boundaries, values)
    order = mapfig.municipality_order(boundaries)
    fills = [tr for tr in fig.data if tr.fill == "toself"]
    assert len(fills) == 119
    # Trace i is municipality order[i] (the page maps clicks by curve number).
    assert list(fig.data[:119]) == fills
    names = [f["properties"]["name_lv"] for f in boundaries.municipalities["features"]]
    assert [tr.name for tr in fills] == names
    assert len(order) == 119
    # Borders, labels, click targets, pilot stars; no selection outline.
    assert len(fig.data) == 119 + 4


def test_municipalities_are_filled_with_their_regions_colour(boundaries, values):
    fig = build(boundaries, values)
    vmax = max(v.value for v in values.values())
    for feature, trace in zip(boundaries.municipalities["features"], fig.data[:119], strict=True):
        region = feature["properties"]["region"]
        assert trace.fillcolor == mapfig.colour_for(values[region].value, vmax), feature["id"]
    rundale = fig.data[mapfig.municipality_order(boundaries).index("2009:LV-083")]
    # Zemgale has the fewest families in 2019 (23 of max 64): the second bin.
    assert rundale.fillcolor == mapfig.SCALE[1]
    assert "<b>Rundāles novads</b>" in rundale.text
    assert "Zemgale" in rundale.text
    assert "Pilotpašvaldība" in rundale.text


def test_municipality_rings_are_separated_by_gaps(boundaries, values):
    fig = build(boundaries, values)
    order = mapfig.municipality_order(boundaries)
    # Liepāja is a MultiPolygon: its rings are separated by None.
    liepaja = fig.data[order.index("2009:LV-LPX")]
    assert list(liepaja.x).count(None) >= 2
    assert liepaja.x[-1] is None and liepaja.y[-1] is None


def test_region_labels_carry_name_and_value(boundaries, values):
    fig = build(boundaries, values)
    labels = next(tr for tr in fig.data if tr.mode == "text")
    assert list(labels.text) == [
        "<b>Kurzeme</b><br>47",
        "<b>Latgale</b><br>64",
        "<b>Rīga</b><br>33",
        "<b>Vidzeme</b><br>58",
        "<b>Zemgale</b><br>23",
    ]
    assert labels.hoverinfo == "skip"
    # Latgale is the maximum: darkest bin, white text.
    assert list(labels.textfont.color)[1] == "#ffffff"


def test_region_borders_trace(boundaries, values):
    fig = build(boundaries, values)
    borders = fig.data[119]
    assert borders.mode == "lines"
    assert borders.fill is None
    assert borders.hoverinfo == "skip"
    assert list(borders.x).count(None) == sum(
        len(f["geometry"]["coordinates"]) for f in boundaries.regions["features"]
    )


def test_click_targets_cover_every_municipality(boundaries, values):
    fig = build(boundaries, values)
    targets = by_name(fig, "click-targets")
    order = mapfig.municipality_order(boundaries)
    assert targets.mode == "markers"
    assert list(targets.customdata) == order
    assert len(targets.customdata) == 119
    assert targets.marker.color == "rgba(0,0,0,0)"  # invisible, but clickable
    centroids = [f["properties"]["centroid"] for f in boundaries.municipalities["features"]]
    assert list(targets.x) == [c[0] for c in centroids]
    assert list(targets.y) == [c[1] for c in centroids]
    i = order.index("2009:LV-083")
    assert targets.text[i] == "<b>Rundāles novads</b><br>Zemgale: 23<br>Pilotpašvaldība"
    j = order.index("2009:LV-011")
    assert "Pilotpašvaldība" not in targets.text[j]


def test_pilots_get_star_markers_with_their_codes(boundaries, values):
    fig = build(boundaries, values)
    stars = by_name(fig, "pilotpašvaldība")
    assert stars.marker.symbol == "star"
    assert len(stars.x) == len(stars.y) == 10
    assert set(stars.customdata) == {f"2009:{code}" for code in PILOTS}
    assert len(stars.customdata) == 10
    assert stars.showlegend is True
    features = {f["id"]: f for f in boundaries.municipalities["features"]}
    for key, x, y, name in zip(stars.customdata, stars.x, stars.y, stars.text, strict=True):
        code = key.split(":")[1]
        assert [x, y] == features[code]["properties"]["centroid"]
        assert name == features[code]["properties"]["name_lv"]
    assert "Pilotpašvaldība" in stars.hovertemplate


def test_pilot_legend_in_english(boundaries, values):
    fig = build(boundaries, values, "en")
    stars = by_name(fig, "pilot municipality")
    assert "Rundāle Municipality" in stars.text
    assert "Daugavpils (city)" in stars.text


def test_no_pilots_gives_an_empty_star_trace(boundaries, values):
    fig = build(boundaries, values, pilots=set())
    stars = by_name(fig, "pilotpašvaldība")
    assert len(stars.x) == 0
    assert not any("Pilotpašvaldība" in (tr.text or "") for tr in fig.data[:119])


def test_selected_municipality_gets_an_outline(boundaries, values):
    plain = build(boundaries, values)
    fig = build(boundaries, values, selected="2009:LV-083")
    assert len(fig.data) == len(plain.data) + 1
    outline = by_name(fig, "Izvēlētā pašvaldība")
    assert outline.mode == "lines"
    assert outline.showlegend is True
    assert outline.hoverinfo == "skip"
    rundale = boundaries.municipality("LV-083")
    ring = rundale["geometry"]["coordinates"][0]
    assert list(outline.x[: len(ring)]) == [p[0] for p in ring]
    assert list(outline.y[: len(ring)]) == [p[1] for p in ring]
    # Drawn above the fills and borders, below the labels and the clickable markers.
    index = list(fig.data).index(outline)
    assert index == 120
    assert fig.data[index + 1].mode == "text"


def test_selected_outline_in_english(boundaries, values):
    fig = build(boundaries, values, "en", selected="2021:LV-DGV")
    assert by_name(fig, "Selected municipality").mode == "lines"


def test_unknown_selection_adds_no_outline(boundaries, values):
    fig = build(boundaries, values, selected="2009:LV-999")
    assert len(fig.data) == 119 + 4
    assert not [tr for tr in fig.data if tr.name == "Izvēlētā pašvaldība"]


def test_axes_are_hidden_and_fixed_with_the_aspect_ratio_of_latvia(boundaries, values):
    fig = build(boundaries, values)
    assert fig.layout.xaxis.visible is False
    assert fig.layout.yaxis.visible is False
    assert fig.layout.xaxis.fixedrange is True
    assert fig.layout.yaxis.fixedrange is True
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.scaleratio == pytest.approx(1.83, abs=0.01)  # 1 / cos 56.9°
    assert fig.layout.dragmode is False
    assert fig.layout.separators == f",{NBSP}"
    assert build(boundaries, values, "en").layout.separators == ".,"


def test_figure_serialises_to_json(boundaries, values):
    # What Dash sends to the browser: must not fail on None gaps or numpy values.
    fig = build(boundaries, values, selected="2009:LV-DGV")
    text = fig.to_json()
    assert '"click-targets"' in text
    assert "LV-DGV" in text


# --- the 2021 division --------------------------------------------------------------------------


def test_the_2021_layer_draws_its_43_units_in_their_2021_regions(boundaries, sparse):
    fig = build(boundaries, sparse, division="2021")
    order = mapfig.municipality_order(boundaries, "2021")
    assert len(order) == 43 and order[0].startswith("2021:")
    fills = [tr for tr in fig.data if tr.fill == "toself"]
    assert len(fills) == 43
    assert list(fig.data[:43]) == fills
    vmax = 260
    # Tukuma novads: Rīga's until June 2021, Kurzeme's since (no data published for 2020).
    tukums = fig.data[order.index("2021:LV-099")]
    assert tukums.fillcolor == mapfig.NO_DATA and tukums.fillpattern.shape == "/"
    # Ogres novads moved to Vidzeme: Vidzeme's colour.
    ogre = fig.data[order.index("2021:LV-067")]
    assert ogre.fillcolor == mapfig.colour_for(160, vmax)
    targets = by_name(fig, "click-targets")
    assert list(targets.customdata) == order
    # The pilots are 2009 units: starred on this layer too, and selectable as 2009 units.
    stars = by_name(fig, "pilotpašvaldība")
    assert len(stars.customdata) == 10 and all(k.startswith("2009:") for k in stars.customdata)


def test_the_2021_region_borders_are_dissolved_from_the_units(boundaries, values):
    fig = build(boundaries, values, division="2021")
    borders = fig.data[43]
    assert borders.mode == "lines" and borders.hoverinfo == "skip"
    # One closed outline per planning region (the units share their border vertices exactly).
    assert list(borders.x).count(None) == 5
    lines = boundaries.region_lines("2021")
    assert all(line[0] == line[-1] for line in lines)
    # Tukuma novads' outer edge is now part of Kurzeme's outline.
    tukums = boundaries.municipality("LV-099", "2021")
    border_points = {tuple(p) for line in lines for p in line}
    assert any(tuple(p) in border_points for p in tukums["geometry"]["coordinates"][0])


def test_a_selected_unit_of_either_division_is_outlined_on_either_layer(boundaries, values):
    fig = build(boundaries, values, division="2021", selected="2009:LV-083")
    outline = by_name(fig, "Izvēlētā pašvaldība")
    ring = boundaries.municipality("LV-083", "2009")["geometry"]["coordinates"][0]
    assert list(outline.x[: len(ring)]) == [p[0] for p in ring]
    fig = build(boundaries, values, division="2009", selected="2021:LV-016")
    outline = by_name(fig, "Izvēlētā pašvaldība")
    bauska = boundaries.municipality("LV-016", "2021")
    assert list(outline.x).count(None) == len(bauska["geometry"]["coordinates"])
