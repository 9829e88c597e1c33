"""What ``/embed/<chart>`` shows: just a chart, its title, summary, table alternative and source,
and a link back to the interactive view (no navigation).

Each function takes what the page already built for the same view (the overview's charts, the
map view, a funding breakdown), so an embed cannot drift from the page it was copied from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dash import dcc, html

from dashboard.components.chart_card import GRAPH_CONFIG, graph_box
from dashboard.components.funding_cards import funding_details
from dashboard.components.map_view import MapView
from dashboard.components.overview_charts import OverviewChart, OverviewCharts, chart_children
from dashboard.figures import funding as ff
from dashboard.i18n import N_, t

# Embed name -> (funding row code, title): the same titles as on /funding.
FUNDING_EMBEDS = {
    "budget": ("budget-2020", N_("2020 state budget by category")),
    "pilot": ("daugavpils-pilot", N_("Daugavpils pilot project: who paid")),
}


def embed_graph(figure: Any, lang: str) -> html.Div:
    """The chart itself, hidden from screen readers (the table alternative follows it)."""
    return graph_box(
        dcc.Graph(figure=figure, config={**GRAPH_CONFIG, "locale": lang}, id="embed-graph"), figure
    )


def back_link(lang: str, path: str, query: str) -> html.P:
    """ "Open the interactive view" in a new tab, at ``path?query``."""
    return html.P(
        html.A(
            t("View in the interactive dashboard", lang),
            href=f"{path}?{query}",
            target="_blank",
            rel="noopener",
            id="embed-back",
        ),
        className="small mt-2 mb-0",
    )


def overview_embed(
    built: OverviewCharts, chart: OverviewChart, lang: str, back_query: str
) -> list[Any]:
    """One of the overview's charts (``chart`` of ``built``), linking back to ``/?back_query``."""
    return [
        html.H1(chart.title, className="h5", id="embed-title"),
        embed_graph(chart.figure, lang),
        *chart_children(built, chart, lang),
        back_link(lang, "/", back_query),
    ]


def map_embed(view: MapView, lang: str, back_query: str) -> list[Any]:
    """The map with its legend and details, linking back to ``/map?back_query``."""
    return [
        html.H1(view.title, className="h5", id="embed-title"),
        html.Div(view.legend, className="map-legend mb-2"),
        embed_graph(view.figure, lang),
        *view.details,
        back_link(lang, "/map", back_query),
    ]


def funding_embed(data: ff.Breakdown, title: str, lang: str) -> list[Any]:
    """A funding breakdown as on ``/funding``, linking back to it."""
    return [
        html.H1(title, className="h5", id="embed-title"),
        embed_graph(ff.breakdown_figure(data, lang), lang),
        *funding_details(data, title, lang),
        back_link(lang, "/funding", f"lang={lang}"),
    ]


def unknown_embed(names: Iterable[str], lang: str) -> list[Any]:
    """For a chart name that is not embeddable: the names that are."""
    return [
        html.H1(t("Regional remigration support", lang), className="h5"),
        html.P(
            t(
                "There is no such embeddable chart. Available: {names}.",
                lang,
                names=", ".join(names),
            ),
            id="embed-unknown",
        ),
    ]
