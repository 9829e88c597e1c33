"""The municipality map, drawn as plain filled polygons on cartesian axes.

Plotly's geo subplots download their base map from a CDN and draw nothing offline, so the map
uses ordinary ``scatter`` traces (``fill="toself"``) and an equal-area-ish aspect ratio instead:
no base layer, no network, and the same small Plotly bundle as the other charts.

Planning regions are shaded by the selected measure for one period; the value is also written on
the map next to the region's name, a region without a figure for the period is hatched and
labelled "no data", and pilot municipalities get a star marker, so colour is never the only
carrier of meaning.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.style import assemble, base_layout, layout_json, scatter
from dashboard.geo import Boundaries, rings, unit_key
from dashboard.i18n import normalise_lang, t
from dashboard.i18n.formatting import format_number

# Sequential, colour-blind-safe blues (light → dark); text on the map stays dark on light bins
# and white on dark ones.
SCALE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
# "No data published" is not a colour of the scale: light grey, hatched (pattern, legend entry).
NO_DATA = "#f2f2f2"
NO_DATA_LINES = "#6c6c6c"
NO_DATA_PATTERN = {
    "shape": "/",
    "bgcolor": NO_DATA,
    "fgcolor": NO_DATA_LINES,
    "fgopacity": 1,
    "size": 7,
    "solidity": 0.15,
}
LATITUDE = 56.9  # Latvia's mid-latitude, for the x/y aspect ratio


@dataclass(frozen=True)
class RegionValue:
    code: str
    name: str
    value: float | None


def colour_for(value: float | None, vmax: float) -> str:
    if value is None:
        return NO_DATA
    if vmax <= 0:
        return SCALE[0]
    index = min(int(value / vmax * len(SCALE)), len(SCALE) - 1)
    return SCALE[index]


def bin_of(value: float | None, vmax: float) -> int | None:
    """The scale step of ``value`` (0 = lightest), or ``None``: no data published."""
    return None if value is None else SCALE.index(colour_for(value, vmax))


def text_colour(fill: str) -> str:
    return "#ffffff" if fill in SCALE[3:] else "#000000"


def _xy(ring_list: list[list[list[float]]]) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in ring_list:
        xs.extend(p[0] for p in ring)
        ys.extend(p[1] for p in ring)
        xs.append(None)
        ys.append(None)
    return xs, ys


def municipality_order(boundaries: Boundaries, division: str = "2009") -> list[str]:
    """Unit keys in trace order: trace *i* of the map is municipality ``order[i]``."""
    return boundaries.keys(division)


def _fill(value: float | None, vmax: float) -> dict[str, Any]:
    if value is None:
        return {"fillcolor": NO_DATA, "fillpattern": NO_DATA_PATTERN}
    return {"fillcolor": colour_for(value, vmax)}


def map_figure(
    boundaries: Boundaries,
    values: Mapping[str, RegionValue],
    lang: str,
    *,
    division: str = "2009",
    decimals: int = 0,
    pilots: set[str] | None = None,
    selected: str | None = None,
    region_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The municipalities of ``division`` filled by their planning region's value (hatched where
    the region published none), with pilots starred (a dict).

    ``pilots`` are 2009 codes (the pilot municipalities were chosen in 2018) and are starred on
    either layer; ``selected`` is a unit key of either division, outlined on either layer.
    """
    suffix = normalise_lang(lang)
    pilots = pilots or set()
    known = [v.value for v in values.values() if v.value is not None]
    vmax = max(known) if known else 0.0
    no_data = t("no data published", lang)
    features = boundaries.layer(division)

    def value_line(region_code: str) -> str:
        region = values.get(region_code)
        if region is None or region.value is None:
            return no_data
        return format_number(region.value, lang, decimals)

    traces: list[dict[str, Any]] = []
    for feature in features:
        props = feature["properties"]
        region = values.get(props["region"])
        xs, ys = _xy(rings(feature["geometry"]))
        region_name = (region_names or {}).get(props["region"], props["region"])
        lines = [f"<b>{props[f'name_{suffix}']}</b>", region_name, value_line(props["region"])]
        if division == "2009" and feature["id"] in pilots:
            lines.append(t("Pilot municipality", lang))
        traces.append(
            scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                **_fill(region.value if region else None, vmax),
                line={"color": "#ffffff", "width": 0.6},
                hoveron="fills",
                hoverinfo="text",
                text="<br>".join(lines),
                name=props[f"name_{suffix}"],
                showlegend=False,
            )
        )
    # Planning-region borders on top, thicker and dark.
    xs, ys = _xy(boundaries.region_lines(division))
    traces.append(
        scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": "#333333", "width": 1.6},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    feature = boundaries.unit(selected) if selected else None
    if feature is not None:
        xs, ys = _xy(rings(feature["geometry"]))
        traces.append(
            scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": "#d55e00", "width": 3.5},
                hoverinfo="skip",
                name=t("Selected municipality", lang),
                showlegend=True,
            )
        )
    # Region labels with their values: the numbers are readable without the colours.
    label_x, label_y, label_text, label_colour = [], [], [], []
    for code, region in values.items():
        cx, cy = _region_label_point(features, code)
        if cx is None:
            continue
        label_x.append(cx)
        label_y.append(cy)
        number = (
            format_number(region.value, lang, decimals)
            if region.value is not None
            else t("no data", lang)
        )
        label_text.append(f"<b>{region.name}</b><br>{number}")
        label_colour.append(text_colour(colour_for(region.value, vmax)))
    traces.append(
        scatter(
            x=label_x,
            y=label_y,
            mode="text",
            text=label_text,
            hoverinfo="skip",
            textfont={"size": 13, "color": label_colour},
            showlegend=False,
        )
    )
    # An invisible marker on every municipality: fills cannot be clicked in Plotly, markers can.
    hover = []
    for f in features:
        region_code = f["properties"]["region"]
        region_name = (region_names or {}).get(region_code, region_code)
        pilot = (
            "<br>" + t("Pilot municipality", lang)
            if division == "2009" and f["id"] in pilots
            else ""
        )
        hover.append(
            f"<b>{f['properties'][f'name_{suffix}']}</b><br>{region_name}: "
            f"{value_line(region_code)}{pilot}"
        )
    traces.append(
        scatter(
            x=[f["properties"]["centroid"][0] for f in features],
            y=[f["properties"]["centroid"][1] for f in features],
            mode="markers",
            marker={"size": 22, "color": "rgba(0,0,0,0)"},
            customdata=boundaries.keys(division),
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            name="click-targets",
        )
    )
    # Pilot municipalities (2009 units): star markers (shape, not colour, marks them).
    pilot_features = [f for f in boundaries.layer("2009") if f["id"] in pilots]
    traces.append(
        scatter(
            x=[f["properties"]["centroid"][0] for f in pilot_features],
            y=[f["properties"]["centroid"][1] for f in pilot_features],
            mode="markers",
            marker={
                "symbol": "star",
                "size": 15,
                "color": "#000000",
                "line": {"color": "#ffffff", "width": 1.5},
            },
            text=[f["properties"][f"name_{suffix}"] for f in pilot_features],
            hovertemplate="<b>%{text}</b><br>" + t("Pilot municipality", lang) + "<extra></extra>",
            customdata=[unit_key("2009", f["id"]) for f in pilot_features],
            name=t("pilot municipality", lang),
            showlegend=True,
        )
    )
    return assemble(traces, _layout(lang))


def _region_label_point(
    features: list[dict[str, Any]], code: str
) -> tuple[float | None, float | None]:
    points = [f["properties"]["centroid"] for f in features if f["properties"]["region"] == code]
    if not points:
        return None, None
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def legend_bins(vmax: float) -> list[tuple[str, float, float]]:
    """(colour, from, to) for each step of the scale, for the HTML legend."""
    step = vmax / len(SCALE) if vmax > 0 else 0
    return [(colour, i * step, (i + 1) * step) for i, colour in enumerate(SCALE)]


def region_values(
    figures: Mapping[str, float | None], lang: str, regions: list[dict[str, Any]]
) -> dict[str, RegionValue]:
    """Every region (in ``regions``' order) with its figure from ``figures`` (a region code →
    value mapping for one period); a region missing from it has no value: no data published."""
    suffix = normalise_lang(lang)
    return {
        r["code"]: RegionValue(r["code"], r[f"name_{suffix}"], figures.get(r["code"]))
        for r in regions
    }


@functools.lru_cache(maxsize=8)
def _layout(lang: str) -> dict[str, Any]:
    """The map's layout; depends only on the language, so it is built once per process."""
    fig = go.Figure()
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(
        visible=False,
        fixedrange=True,
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(LATITUDE)),
    )
    base_layout(fig, lang, height=520)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 8, "b": 0},
        dragmode=False,
        hovermode="closest",
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": 0.99,
            "xanchor": "left",
            "x": 0.01,
            "bgcolor": "rgba(255,255,255,0.85)",
        },
    )
    layout = layout_json(fig)
    # The height comes from the page's CSS (.map-graph: shorter on phones, where the map is
    # narrow), so the map fills the width without empty bands above and below it.
    layout.pop("height", None)
    layout["autosize"] = True
    return layout
