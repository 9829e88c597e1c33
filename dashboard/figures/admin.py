"""The admin preview chart: the figures a pending upload will publish, next to today's."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from dashboard.figures.style import base_layout
from dashboard.i18n import t


def preview_figure(
    changes: list[dict[str, Any]], lang: str, places: list[str] | None = None
) -> go.Figure:
    """Grouped bars per period × geography × metric: now (grey, hatched) vs after publishing.

    ``places`` names each change's geography (Latvia, a region, a municipality); the region
    code is the fallback."""
    where = places or [c.get("region") or c.get("geo_level", "") for c in changes]
    labels = [
        f"{c['period_code']}<br>{place}<br>{c['metric']}"
        for c, place in zip(changes, where, strict=True)
    ]
    fig = go.Figure()
    fig.add_bar(
        name=t("Now", lang),
        x=labels,
        y=[c["old"] for c in changes],
        marker={"color": "#6c757d", "pattern": {"shape": "/", "fgcolor": "#ffffff"}},
    )
    fig.add_bar(
        name=t("New", lang),
        x=labels,
        y=[c["new"] for c in changes],
        marker={"color": "#0072B2"},
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickangle=-35, automargin=True)
    return base_layout(fig, lang, height=420)
