"""Municipality map (``/map``): planning regions shaded by a metric, pilots starred, and a side
panel with the region's figures, whom to contact and the support on offer.

A person who only knows their home town finds it with the search box (diacritics optional) or
in the table of all municipalities; both work by keyboard and select the same way a click on the
map does. The selection and the filters live in the URL (``m=LV-083`` etc.).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html

from dashboard import queries
from dashboard.components.chart_tools import period_text
from dashboard.components.filter_panel import COLLAPSE_ON_PHONES, filter_panel
from dashboard.components.map_panel import (
    contacts_for,
    empty_panel,
    map_panel,
    panel_region,
    region_figures,
)
from dashboard.components.map_search import (
    chosen_municipality,
    municipality_details,
    municipality_rows,
    search_box,
    search_results,
)
from dashboard.components.map_view import map_card, map_outputs, map_view, pilot_codes
from dashboard.figures import map as mapfig
from dashboard.geo import boundaries
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.view_state import OverviewState, parse_overview_state

dash.register_page(
    __name__,
    path="/map",
    name="Map",
    title=lambda **_: page_title("Municipality map"),
    description=lambda **_: page_description(
        "Planning regions, pilot municipalities and contacts on a map."
    ),
)


def _state(query: dict[str, Any]) -> OverviewState:
    return parse_overview_state(
        query, queries.regions(), queries.charted_metrics(), queries.periods()
    )


def _filter_state(metric: Any, period_from: Any, period_to: Any, per_month: Any) -> OverviewState:
    """The view state the map's filter controls describe (as if read from the URL)."""
    return _state(
        {
            "metric": metric,
            "from": period_from,
            "to": period_to,
            "per_month": "1" if per_month else "0",
        }
    )


def _rows(lang: str) -> list[dict[str, Any]]:
    return municipality_rows(
        boundaries().municipalities["features"], queries.regions(), pilot_codes(), lang
    )


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    state = _state(query)
    selected = query.get("m") if isinstance(query.get("m"), str) else None
    if selected and boundaries().municipality(selected) is None:
        selected = None
    return html.Div(
        [
            html.H1(t("Municipality map", lang), className="h2"),
            html.P(
                t(
                    "Planning regions are shaded by the selected measure; the ten pilot "
                    "municipalities are marked with a star. Find your municipality to "
                    "see its region's figures and whom to contact.",
                    lang,
                ),
                className="lead",
            ),
            search_box(lang),
            filter_panel("map-filter", lang, state, regions=False),
            dbc.Row(
                [
                    dbc.Col(map_card(lang, municipality_details(_rows(lang), lang)), lg=8),
                    dbc.Col(panel_region(lang), lg=4),
                ]
            ),
            dcc.Store(id="map-selected", data=selected),
            dcc.Store(id="map-lang", data=lang),
            dcc.Store(id="map-order", data=mapfig.municipality_order(boundaries())),
            dcc.Store(id="map-url-sync"),
        ]
    )


@callback(
    Output("map-title", "children"),
    Output("map-graph", "figure"),
    Output("map-legend", "children"),
    Output("map-details", "children"),
    Input("map-filter-metric", "value"),
    Input("map-filter-period-from", "value"),
    Input("map-filter-period-to", "value"),
    Input("map-filter-per-month", "value"),
    Input("map-selected", "data"),
    State("map-lang", "data"),
)
def render_map(metric, period_from, period_to, per_month, selected, lang):
    """The shaded map, its legend, summary and table of region values."""
    lang = current_lang(lang)
    state = _filter_state(metric, period_from, period_to, per_month)
    view = map_view(state, lang, selected)
    return map_outputs(view, lang, state.query_string(lang, regions=False))


@callback(
    Output("map-search-results", "children"),
    Input("map-search", "value"),
    State("map-lang", "data"),
)
def render_search_results(query, lang):
    """Buttons for the municipalities matching the search box."""
    lang = current_lang(lang)
    return search_results(query, _rows(lang), lang)


@callback(
    Output("map-selected", "data"),
    Input("map-graph", "clickData"),
    Input("map-search", "n_submit"),
    Input({"type": "map-result", "code": ALL}, "n_clicks"),
    Input({"type": "map-select", "code": ALL}, "n_clicks"),
    State("map-search", "value"),
    State("map-order", "data"),
    State("map-lang", "data"),
    prevent_initial_call=True,
)
def select_municipality(click, _submit, _results, _rows_clicked, query, order, lang):
    """The municipality chosen by a map click, Enter in the search box, or a button."""
    code = chosen_municipality(
        ctx.triggered_id,
        [item["value"] for item in ctx.triggered],
        click,
        query,
        _rows(current_lang(lang)),
        order,
    )
    return dash.no_update if code is None else code


@callback(
    Output("map-panel", "children"),
    Input("map-selected", "data"),
    Input("map-filter-metric", "value"),
    Input("map-filter-period-from", "value"),
    Input("map-filter-period-to", "value"),
    Input("map-filter-per-month", "value"),
    State("map-lang", "data"),
)
def render_panel(selected, metric, period_from, period_to, per_month, lang):
    """Side panel for the selected municipality: region figures, contacts, support measures."""
    lang = current_lang(lang)
    feature = boundaries().municipality(selected) if selected else None
    if feature is None:
        return empty_panel(lang)
    region = next(r for r in queries.regions() if r["code"] == feature["properties"]["region"])
    state = _filter_state(metric, period_from, period_to, per_month)
    pilot = feature["id"] in pilot_codes()
    frame = queries.observations(state.observation_filter())
    return map_panel(
        feature,
        region,
        pilot=pilot,
        period=period_text(state.period_from, state.period_to, lang),
        figures=region_figures(
            frame, region["code"], queries.charted_metrics(), state.per_month, lang
        ),
        contacts=contacts_for(queries.contacts(active_only=True), region["code"], feature["id"]),
        measures=queries.support_measures(feature["id"]) if pilot else None,
        lang=lang,
    )


clientside_callback(
    """
    function (metric, from, to, perMonth, selected) {
        const params = new URLSearchParams(window.location.search);
        if (metric) { params.set("metric", metric); }
        if (from) { params.set("from", from); }
        if (to) { params.set("to", to); }
        params.set("per_month", perMonth ? "1" : "0");
        if (selected) { params.set("m", selected); } else { params.delete("m"); }
        const url = window.location.pathname + "?" + params.toString();
        window.history.replaceState(window.history.state, "", url);
        return url;
    }
    """,
    Output("map-url-sync", "data"),
    Input("map-filter-metric", "value"),
    Input("map-filter-period-from", "value"),
    Input("map-filter-period-to", "value"),
    Input("map-filter-per-month", "value"),
    Input("map-selected", "data"),
)


clientside_callback(
    COLLAPSE_ON_PHONES,
    Output("map-filter-details", "open"),
    Input("map-lang", "data"),
)
