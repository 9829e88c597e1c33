"""The municipality map, drawn as plain filled polygons on cartesian axes.

Plotly's geo subplots download their base map from a CDN and draw nothing offline, so the map
uses ordinary ``scatter`` traces (``fill="toself"``) and an equal-area-ish aspect ratio instead:
no base layer, no network, and the same small Plotly bundle as the other charts.

Planning regions are shaded by the selected metric; the value is also written on the map next to
the region's name, and pilot municipalities get a star marker, so colour is never the only carrier
of meaning.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.style import assemble, base_layout, layout_json, scatter
from dashboard.geo import Boundaries, rings
from dashboard.i18n import normalise_lang, t
from dashboard.i18n.formatting import format_number

# Sequential, colour-blind-safe blues (light → dark); text on the map stays dark on light bins
# and white on dark ones.
SCALE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#f2f2f2"
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


def municipality_order(boundaries: Boundaries) -> list[str]:
    """Codes in trace order: trace *i* of the map is municipality ``order[i]``."""
    return [f["id"] for f in boundaries.municipalities["features"]]


def map_figure(
    boundaries: Boundaries,
    values: Mapping[str, RegionValue],
    lang: str,
    *,
    decimals: int = 0,
    pilots: set[str] | None = None,
    selected: str | None = None,
    region_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Municipalities filled by their planning region's value, with pilots starred (a dict)."""
    suffix = normalise_lang(lang)
    pilots = pilots or set()
    known = [v.value for v in values.values() if v.value is not None]
    vmax = max(known) if known else 0.0
    traces: list[dict[str, Any]] = []
    for feature in boundaries.municipalities["features"]:
        props = feature["properties"]
        region = values.get(props["region"])
        fill = colour_for(region.value if region else None, vmax)
        xs, ys = _xy(rings(feature["geometry"]))
        region_name = (region_names or {}).get(props["region"], props["region"])
        lines = [f"<b>{props[f'name_{suffix}']}</b>", region_name]
        if feature["id"] in pilots:
            lines.append(t("Pilot municipality", lang))
        traces.append(
            scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=fill,
                line={"color": "#ffffff", "width": 0.6},
                hoveron="fills",
                hoverinfo="text",
                text="<br>".join(lines),
                name=props[f"name_{suffix}"],
                showlegend=False,
            )
        )
    # Planning-region borders on top, thicker and dark.
    region_rings = [r for f in boundaries.regions["features"] for r in rings(f["geometry"])]
    xs, ys = _xy(region_rings)
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
    if selected:
        feature = boundaries.municipality(selected)
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
        cx, cy = _region_label_point(boundaries, code)
        if cx is None:
            continue
        label_x.append(cx)
        label_y.append(cy)
        number = format_number(region.value, lang, decimals) if region.value is not None else "–"
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
    features = boundaries.municipalities["features"]
    hover = []
    for f in features:
        region_name = (region_names or {}).get(f["properties"]["region"], f["properties"]["region"])
        pilot = "<br>" + t("Pilot municipality", lang) if f["id"] in pilots else ""
        hover.append(f"<b>{f['properties'][f'name_{suffix}']}</b><br>{region_name}{pilot}")
    traces.append(
        scatter(
            x=[f["properties"]["centroid"][0] for f in features],
            y=[f["properties"]["centroid"][1] for f in features],
            mode="markers",
            marker={"size": 22, "color": "rgba(0,0,0,0)"},
            customdata=[f["id"] for f in features],
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            name="click-targets",
        )
    )
    # Pilot municipalities: star markers (shape, not colour, marks them).
    pilot_features = [f for f in boundaries.municipalities["features"] if f["id"] in pilots]
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
            customdata=[f["id"] for f in pilot_features],
            name=t("pilot municipality", lang),
            showlegend=True,
        )
    )
    return assemble(traces, _layout(lang))


def _region_label_point(boundaries: Boundaries, code: str) -> tuple[float | None, float | None]:
    points = [
        f["properties"]["centroid"]
        for f in boundaries.municipalities["features"]
        if f["properties"]["region"] == code
    ]
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
    frame: Any, metric: str, per_month: bool, lang: str, regions: list[dict[str, Any]]
) -> dict[str, RegionValue]:
    """Each region's total (or per-month average) of ``metric`` over the selected periods."""
    suffix = normalise_lang(lang)
    df = frame[frame["metric"] == metric]
    months = int(df.drop_duplicates("period")["months"].sum()) if not df.empty else 0
    out = {}
    for region in regions:
        part = df[df["region"] == region["code"]]
        value: float | None = None
        if not part.empty:
            total = float(part["value"].sum())
            value = total / months if per_month and months else total
        out[region["code"]] = RegionValue(region["code"], region[f"name_{suffix}"], value)
    return out


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
    return layout_json(fig)
