"""The admin preview charts: what a pending upload will publish, one small chart per measure.

Families, persons and offers are different units and never share an axis, so each measure gets
its own chart, titled with its name and unit. Periods are drawn on a calendar axis as what they
are, spans of time: each figure is a horizontal segment from its first to its last day (a year
is long, a quarter short, a stock one month), with a marker in its middle, one colour and
symbol per region. Segments are never joined, so nothing is drawn across a period the file
does not give. Where a different figure is in effect now, a hollow marker shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures.style import FALLBACK_COLOUR, REGION_COLOURS, REGION_SYMBOLS, base_layout
from dashboard.i18n import t
from dashboard.i18n.formatting import format_number

NEW_COLOUR_OTHER = (FALLBACK_COLOUR, "hexagon")  # Latvia, municipalities


@dataclass(frozen=True)
class PreviewPoint:
    """One figure of the file: where, when (first and last day), the value now and after."""

    place: str  # as the preview table names it
    region: str | None  # a planning region's code (its colour and symbol); None for the others
    start: dt.date
    end: dt.date
    period: str  # the period's label
    new: int
    old: int | None


def _style(point: PreviewPoint) -> tuple[str, str]:
    if point.region in REGION_COLOURS:
        return REGION_COLOURS[point.region], REGION_SYMBOLS[point.region]
    return NEW_COLOUR_OTHER


def _middle(point: PreviewPoint) -> str:
    return (point.start + (point.end - point.start) / 2).isoformat()


def preview_figure(
    points: Sequence[PreviewPoint], lang: str, *, measure: str, unit: str
) -> go.Figure:
    """One measure's figures after publishing, by place, on a calendar axis."""
    fig = go.Figure()
    places = list(dict.fromkeys(p.place for p in points))
    now_label = t("Now", lang)
    for place in places:
        mine = sorted((p for p in points if p.place == place), key=lambda p: (p.start, p.end))
        colour, symbol = _style(mine[0])
        xs: list[str | None] = []  # ISO dates: JSON as they are, read by the date axis
        ys: list[int | None] = []
        for p in mine:
            xs += [p.start.isoformat(), p.end.isoformat(), None]
            ys += [p.new, p.new, None]
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": colour, "width": 3},
            connectgaps=False,
            legendgroup=place,
            showlegend=False,
            hoverinfo="skip",
        )
        fig.add_scatter(
            x=[_middle(p) for p in mine],
            y=[p.new for p in mine],
            mode="markers",
            name=place,
            legendgroup=place,
            marker={"color": colour, "symbol": symbol, "size": 10},
            customdata=[
                [
                    p.period,
                    format_number(p.new, lang),
                    format_number(p.old, lang) if p.old is not None else "–",
                ]
                for p in mine
            ],
            hovertemplate=(
                f"{place}, %{{customdata[0]}}: %{{customdata[1]}} {unit}"
                f"<br>{now_label}: %{{customdata[2]}}<extra></extra>"
            ),
        )
    changed = [p for p in points if p.old is not None and p.old != p.new]
    if changed:
        fig.add_scatter(
            x=[_middle(p) for p in changed],
            y=[p.old for p in changed],
            mode="markers",
            name=now_label,
            marker={
                "symbol": "circle-open",
                "size": 13,
                "color": [_style(p)[0] for p in changed],
                "line": {"width": 2},
            },
            hoverinfo="skip",
        )
    # Room either side, so a lone period does not fill the width and read as a trend line.
    first, last = min(p.start for p in points), max(p.end for p in points)
    pad = max(dt.timedelta(days=45), (last - first) * 0.08)
    fig.update_xaxes(
        type="date", range=[(first - pad).isoformat(), (last + pad).isoformat()], nticks=4
    )
    fig.update_yaxes(rangemode="tozero")
    fig = base_layout(fig, lang, y_title=unit, height=320)
    # The heading above the chart names the measure; the y axis its unit; the legend (the
    # places) goes below the axis. The title is kept in the figure's metadata for its name.
    fig.update_layout(
        meta={"measure": measure, "unit": unit},
        margin={"t": 16, "b": 40},
        legend={"orientation": "h", "y": -0.18, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return fig
