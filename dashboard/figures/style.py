"""Shared chart style: a colour-blind-safe palette with ≥ 3:1 contrast on white, and patterns.

Colours are Okabe–Ito (blue, vermillion, bluish green, reddish purple) plus a dark grey; each
region also gets its own bar pattern and line marker so colour never carries meaning alone.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from dashboard.i18n.formatting import plotly_separators

REGION_COLOURS = {
    "kurzeme": "#0072B2",
    "latgale": "#D55E00",
    "riga": "#333333",
    "vidzeme": "#009E73",
    "zemgale": "#CC79A7",
}
REGION_PATTERNS = {"kurzeme": "", "latgale": "/", "riga": ".", "vidzeme": "x", "zemgale": "\\"}
REGION_SYMBOLS = {
    "kurzeme": "circle",
    "latgale": "square",
    "riga": "diamond",
    "vidzeme": "triangle-up",
    "zemgale": "star",
}
FALLBACK_COLOUR = "#555555"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


DEFAULT_HEIGHT = 380  # px; a chart box reserves this much before its figure is known


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG contrast).

    White on vermillion, bluish green or reddish purple is only 3.1-3.9:1, under the 4.5:1 that
    12 px labels need; black on them is 5.4-6.9:1. Blue and dark grey keep white.
    """
    light = _luminance(colour)
    return "#000000" if (light + 0.05) / 0.05 > 1.05 / (light + 0.05) else "#ffffff"


def base_layout(
    fig: go.Figure, lang: str, *, y_title: str = "", height: int = DEFAULT_HEIGHT
) -> go.Figure:
    """Apply the house style: readable fonts, language separators, legend on top."""
    fig.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 14, "color": "#212529"},
        margin={"l": 56, "r": 16, "t": 48, "b": 64},
        height=height,
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    fig.update_yaxes(title_text=y_title, gridcolor="#d9d9d9", zerolinecolor="#6c757d")
    fig.update_xaxes(linecolor="#6c757d", automargin=True, tickfont={"size": 12}, tickangle=0)
    return fig


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace as a plain dict (see :func:`assemble`); arrays should be lists."""
    return {"type": kind, **props}


def scatter(**props: Any) -> dict[str, Any]:
    return trace("scatter", **props)


def bar(**props: Any) -> dict[str, Any]:
    return trace("bar", **props)


def assemble(traces: list[dict[str, Any]], layout: dict[str, Any]) -> dict[str, Any]:
    """A figure as a plain dict: ``traces`` and ``layout`` as given, nothing validated.

    Plotly validates, converts and deep-copies every value when a ``go.Figure`` is built or
    updated, and again when it is turned back into JSON: for the map's 119 municipality outlines
    that was most of an uncached map callback, and with 280 periods most of the overview's
    (``bench/data_scale.py``). dcc.Graph takes a dict as it is, and the cache keeps dicts
    cheaply. The layouts come from :func:`layout_json` (built with Plotly's API, validated, once
    per process and argument set). The tests build ``go.Figure(figure)`` from every figure kind,
    which validates it in full, so a wrong trace property still fails a test.
    """
    return {"data": traces, "layout": dict(layout)}


def layout_json(fig: go.Figure) -> dict[str, Any]:
    """A figure's layout as JSON-ready dicts, for the ``lru_cache``d layout builders."""
    return fig.layout.to_plotly_json()
