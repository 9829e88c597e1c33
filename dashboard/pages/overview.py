"""Overview page (``/``): headline figures and the regional charts, with shareable filters.

The filters' state lives in the URL query string (``regions``, ``metric``, ``from``, ``to``,
``per_month``, ``granularity``, and ``release`` for a release as published): the layout reads it
on load, and a client-side callback rewrites it with
``history.replaceState`` when a filter changes, so a copied link reopens the same view without
re-rendering the page.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    dcc,
    html,
)

from dashboard import queries
from dashboard.components.chart_card import chart_card
from dashboard.components.filter_panel import COLLAPSE_ON_PHONES, filter_panel, url_sync_script
from dashboard.components.national_section import national_section
from dashboard.components.overview_charts import overview_charts, overview_outputs
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.view_state import OverviewState, parse_overview_state

dash.register_page(
    __name__,
    path="/",
    name="Overview",
    title=lambda **_: page_title("Overview"),
    description=lambda **_: page_description(
        "How many families and people returned to Latvia with regional coordinators' help."
    ),
)


def _outputs(state: OverviewState, lang: str) -> tuple[Any, ...]:
    """``render_overview``'s outputs for a filter state; ``layout`` renders the first view with
    them too, which saves the reader a callback round trip before the first chart is drawn."""
    return overview_outputs(state, overview_charts(state, lang), lang)


def _state(query: dict[str, Any]) -> OverviewState:
    return parse_overview_state(
        query,
        queries.regions(),
        queries.charted_metrics,
        queries.periods(),
        [r["number"] for r in queries.releases()],
        queries.view_years(),
        queries.default_granularity(),
    )


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    state = _state(query)
    cards, *charts, message, help_text, _options, _metric = _outputs(state, lang)
    regions, trend, share = (charts[i : i + 3] for i in range(0, 9, 3))
    return html.Div(
        [
            html.H1(t("Overview", lang), className="h2"),
            html.P(
                t(
                    "Families and people who returned to Latvia with the support of the "
                    "regional remigration coordinators, and the personalised offers "
                    "prepared, by planning region.",
                    lang,
                ),
                className="lead",
            ),
            filter_panel("filter", lang, state, message=message, per_month_help=help_text),
            html.Section(
                [
                    html.H2(t("Totals for the selection", lang), className="h5"),
                    dbc.Row(cards, id="headline-cards", className="g-3 mb-4"),
                ],
                **{"aria-live": "polite"},
            ),
            chart_card("regions-chart", lang, *regions),
            dbc.Row(
                [
                    dbc.Col(chart_card("trend-chart", lang, *trend), lg=6),
                    dbc.Col(chart_card("share-chart", lang, *share), lg=6),
                ]
            ),
            national_section(lang),
            dcc.Store(id="overview-lang", data=lang),
            dcc.Store(id="overview-release", data=state.release),
            dcc.Store(id="overview-url-sync"),
            dcc.Store(id="overview-charts-changed"),
        ]
    )


@callback(
    Output("headline-cards", "children"),
    Output("regions-chart-title", "children"),
    Output("regions-chart-graph", "figure"),
    Output("regions-chart-details", "children"),
    Output("trend-chart-title", "children"),
    Output("trend-chart-graph", "figure"),
    Output("trend-chart-details", "children"),
    Output("share-chart-title", "children"),
    Output("share-chart-graph", "figure"),
    Output("share-chart-details", "children"),
    Output("filter-message", "children"),
    Output("filter-per-month-help", "children"),
    Output("filter-metric", "options"),
    Output("filter-metric", "value"),
    Input("filter-regions", "value"),
    Input("filter-metric", "value"),
    Input("filter-period-from", "value"),
    Input("filter-period-to", "value"),
    Input("filter-per-month", "value"),
    Input("filter-granularity", "value"),
    State("overview-lang", "data"),
    State("overview-release", "data"),
    prevent_initial_call=True,  # the layout already holds the first view (see _outputs)
)
def render_overview(regions, metric, period_from, period_to, per_month, granularity, lang, release):
    """Everything on the overview that depends on the filters, from one cached query; a view
    without figures of the chosen measure offers its own measures and picks one of them."""
    lang = current_lang(lang)
    state = _state(
        {
            "regions": ",".join(regions or []) or "none",
            "metric": metric,
            "from": period_from,
            "to": period_to,
            "per_month": "1" if per_month else "0",
            "granularity": granularity,
            "release": str(release) if release is not None else None,
        }
    )
    return _outputs(state, lang)


# Keep the URL in step with the filters without re-rendering the page (see module docstring).
clientside_callback(
    url_sync_script("filter", granularity=True),
    Output("overview-url-sync", "data"),
    Input("filter-regions", "value"),
    Input("filter-metric", "value"),
    Input("filter-period-from", "value"),
    Input("filter-period-to", "value"),
    Input("filter-per-month", "value"),
    Input("filter-granularity", "value"),
)


clientside_callback(
    COLLAPSE_ON_PHONES,
    Output("filter-details", "open"),
    Input("overview-lang", "data"),
)


# The charts first show the server's pictures of the first view's figures; once a filter has
# changed them, Plotly draws every chart (assets/plotly-on-demand.js).
clientside_callback(
    ClientsideFunction("charts", "figuresChanged"),
    Output("overview-charts-changed", "data"),
    Input("regions-chart-graph", "figure"),
    Input("trend-chart-graph", "figure"),
    Input("share-chart-graph", "figure"),
    prevent_initial_call=True,
)
