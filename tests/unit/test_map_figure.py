"""The municipality map (dashboard.figures.map), built from the committed boundary files.

It must work offline: plain ``scatter`` traces on cartesian axes, never a geo, choropleth or
map(box) subplot (those fetch base maps from a CDN). One filled trace per municipality (trace
*i* is ``municipality_order()[i]``), then the overlays: region borders, the selected outline,
region labels, invisible click targets and the pilot stars.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import map as mapfig
from dashboard.geo import load_boundaries
from dashboard.queries import OBSERVATION_COLUMNS

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
PERIODS = {
    # code: (label lv, label en, start, end, months, partial)
    "2018-03..2018-12": ("2018. gads (mar.–dec.)", "2018 (Mar–Dec)", (2018, 3, 1), (2018, 12, 31)),
    "2019": ("2019. gads", "2019", (2019, 1, 1), (2019, 12, 31)),
    "2020-01..2020-06": ("2020. gads (jan.–jūn.)", "2020 (Jan–Jun)", (2020, 1, 1), (2020, 6, 30)),
}
MONTHS = {"2018-03..2018-12": 10, "2019": 12, "2020-01..2020-06": 6}
# The seed's families_returned values (VARAM, 18.08.2020).
FAMILIES = {
    "kurzeme": (33, 47, 30),
    "latgale": (38, 64, 63),
    "riga": (51, 33, 54),
    "vidzeme": (22, 58, 28),
    "zemgale": (19, 23, 14),
}
PEOPLE = {
    "kurzeme": (88, 142, 86),
    "latgale": (87, 183, 168),
    "riga": (119, 83, 127),
    "vidzeme": (55, 178, 77),
    "zemgale": (50, 70, 30),
}
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
def frame() -> pd.DataFrame:
    rows = []
    for metric, table in (("families_returned", FAMILIES), ("people_returned", PEOPLE)):
        for region, values in table.items():
            for (code, (lv, en, start, end)), value in zip(PERIODS.items(), values, strict=True):
                rows.append(
                    (
                        code,
                        lv,
                        en,
                        dt.date(*start),
                        dt.date(*end),
                        MONTHS[code],
                        code != "2019",
                        region,
                        REGION_NAMES_LV[region],
                        region,
                        metric,
                        value,
                    )
                )
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)


@pytest.fixture(scope="module")
def values(frame):
    return mapfig.region_values(frame, "families_returned", False, "lv", REGIONS)


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


# --- region_values -----------------------------------------------------------------------------


def test_region_values_totals(frame):
    values = mapfig.region_values(frame, "families_returned", False, "lv", REGIONS)
    assert list(values) == ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
    assert {code: v.value for code, v in values.items()} == {
        "kurzeme": 110,
        "latgale": 165,
        "riga": 138,
        "vidzeme": 108,
        "zemgale": 56,
    }
    assert values["riga"].name == "Rīga"
    assert values["riga"].code == "riga"


def test_region_values_names_follow_the_language(frame):
    values = mapfig.region_values(frame, "families_returned", False, "en", REGIONS)
    assert values["riga"].name == "Riga"


def test_region_values_per_month_divide_by_the_months_of_the_selected_periods(frame):
    values = mapfig.region_values(frame, "people_returned", True, "lv", REGIONS)
    # 10 + 12 + 6 = 28 months
    assert values["latgale"].value == pytest.approx((87 + 183 + 168) / 28)
    assert values["zemgale"].value == pytest.approx((50 + 70 + 30) / 28)

    one_year = frame[frame["period"] == "2019"]
    values = mapfig.region_values(one_year, "people_returned", True, "lv", REGIONS)
    assert values["latgale"].value == pytest.approx(183 / 12)

    partial = frame[frame["period"] != "2019"]
    values = mapfig.region_values(partial, "families_returned", True, "lv", REGIONS)
    assert values["kurzeme"].value == pytest.approx((33 + 30) / 16)


def test_region_values_without_rows_are_none(frame):
    values = mapfig.region_values(frame, "offers_prepared", False, "lv", REGIONS)
    assert all(v.value is None for v in values.values())
    only_riga = frame[frame["region"] == "riga"]
    values = mapfig.region_values(only_riga, "families_returned", True, "lv", REGIONS)
    assert values["riga"].value == pytest.approx(138 / 28)
    assert values["kurzeme"].value is None


# --- the figure --------------------------------------------------------------------------------


def test_boundaries_have_119_municipalities(boundaries):
    order = mapfig.municipality_order(boundaries)
    assert len(order) == 119
    assert len(set(order)) == 119
    assert {"LV-083", "LV-DGV"} <= set(order)


def test_only_plain_scatter_traces(boundaries, values):
    fig = build(boundaries, values, selected="LV-083")
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
    rundale = fig.data[mapfig.municipality_order(boundaries).index("LV-083")]
    # Zemgale has the fewest families (56 of max 165): the lightest bin.
    assert rundale.fillcolor == mapfig.SCALE[1]
    assert "<b>Rundāles novads</b>" in rundale.text
    assert "Zemgale" in rundale.text
    assert "Pilotpašvaldība" in rundale.text


def test_municipality_rings_are_separated_by_gaps(boundaries, values):
    fig = build(boundaries, values)
    order = mapfig.municipality_order(boundaries)
    # Liepāja is a MultiPolygon: its rings are separated by None.
    liepaja = fig.data[order.index("LV-LPX")]
    assert list(liepaja.x).count(None) >= 2
    assert liepaja.x[-1] is None and liepaja.y[-1] is None


def test_no_data_regions_are_grey(boundaries, frame):
    values = mapfig.region_values(frame, "offers_prepared", False, "lv", REGIONS)
    fig = build(boundaries, values)
    assert {tr.fillcolor for tr in fig.data[:119]} == {mapfig.NO_DATA}
    labels = next(tr for tr in fig.data if tr.mode == "text")
    assert all(text.endswith("<br>–") for text in labels.text)


def test_region_labels_carry_name_and_value(boundaries, values):
    fig = build(boundaries, values)
    labels = next(tr for tr in fig.data if tr.mode == "text")
    assert list(labels.text) == [
        "<b>Kurzeme</b><br>110",
        "<b>Latgale</b><br>165",
        "<b>Rīga</b><br>138",
        "<b>Vidzeme</b><br>108",
        "<b>Zemgale</b><br>56",
    ]
    assert labels.hoverinfo == "skip"
    # Latgale is the maximum: darkest bin, white text.
    assert list(labels.textfont.color)[1] == "#ffffff"


def test_region_labels_per_month_use_decimals_and_the_language(boundaries, frame):
    values = mapfig.region_values(frame, "people_returned", True, "lv", REGIONS)
    labels = next(tr for tr in build(boundaries, values, decimals=1).data if tr.mode == "text")
    assert labels.text[1] == "<b>Latgale</b><br>15,6"  # 438 / 28
    values = mapfig.region_values(frame, "people_returned", True, "en", REGIONS)
    fig = build(boundaries, values, "en", decimals=1)
    labels = next(tr for tr in fig.data if tr.mode == "text")
    assert labels.text[1] == "<b>Latgale</b><br>15.6"


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
    i = order.index("LV-083")
    assert targets.text[i] == "<b>Rundāles novads</b><br>Zemgale<br>Pilotpašvaldība"
    j = order.index("LV-011")
    assert "Pilotpašvaldība" not in targets.text[j]


def test_pilots_get_star_markers_with_their_codes(boundaries, values):
    fig = build(boundaries, values)
    stars = by_name(fig, "pilotpašvaldība")
    assert stars.marker.symbol == "star"
    assert len(stars.x) == len(stars.y) == 10
    assert set(stars.customdata) == PILOTS
    assert len(stars.customdata) == 10
    assert stars.showlegend is True
    features = {f["id"]: f for f in boundaries.municipalities["features"]}
    for code, x, y, name in zip(stars.customdata, stars.x, stars.y, stars.text, strict=True):
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
    fig = build(boundaries, values, selected="LV-083")
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
    fig = build(boundaries, values, "en", selected="LV-DGV")
    assert by_name(fig, "Selected municipality").mode == "lines"


def test_unknown_selection_adds_no_outline(boundaries, values):
    fig = build(boundaries, values, selected="LV-999")
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
    fig = build(boundaries, values, selected="LV-DGV")
    text = fig.to_json()
    assert '"click-targets"' in text
    assert "LV-DGV" in text
