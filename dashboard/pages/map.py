"""Municipality map (``/map``): planning regions shaded by one measure for one year, pilots
starred, municipalities of the 2021 or the 2009 division, and a side panel with the
municipality's own figures, its region's, whom to contact and the support on offer.

A person who only knows their home town finds it with the search box (diacritics optional,
current or former names) or in the table of the drawn division; both work by keyboard and select
the same way a click on the map does. The state lives in the URL (``period=2024``,
``division=2021``, ``m=2021:LV-016`` etc.).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
)

from dashboard import queries
from dashboard.components.filter_panel import COLLAPSE_ON_PHONES
from dashboard.components.map_controls import map_controls, period_options
from dashboard.components.map_panel import (
    contacts_for,
    empty_panel,
    map_panel,
    panel_region,
    region_figures,
    unit_figures,
)
from dashboard.components.map_search import (
    chosen_municipality,
    main_trigger,
    municipality_details,
    municipality_rows,
    search_box,
    search_municipalities,
    search_results,
    unit_notes,
    with_successors,
)
from dashboard.components.map_view import (
    map_card,
    map_outputs,
    map_state,
    map_view,
    period_label,
    pilot_codes,
)
from dashboard.geo import boundaries, split_key
from dashboard.i18n import localized, page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.map_state import MapState
from dashboard.queries import map_values

dash.register_page(
    __name__,
    path="/map",
    name="Map",
    title=lambda **_: page_title("Municipality map"),
    description=lambda **_: page_description(
        "Planning regions, pilot municipalities and contacts on a map."
    ),
)


def _rows(lang: str, division: str) -> list[dict[str, Any]]:
    """The table's rows: the municipalities of the drawn division."""
    return municipality_rows(
        boundaries().layer(division), queries.regions(), pilot_codes(), lang, division
    )


def _search_rows(lang: str) -> list[dict[str, Any]]:
    """The units of both divisions, linked to their predecessors and successors."""
    return with_successors(
        _rows(lang, "2009"),
        _rows(lang, "2021"),
        map_values.successors(),
        boundaries().layer("2021"),
    )


def _region_names(lang: str) -> dict[str, str]:
    return {r["code"]: localized(r, "long_name", lang) for r in queries.regions()}


def _valid_to(division: str, code: str) -> Any:
    """The last day of a unit that no longer exists (Varakļānu novads), else ``None``."""
    unit = next(
        (u for u in queries.municipalities() if (u["division"], u["code"]) == (division, code)),
        None,
    )
    return unit.get("valid_to") if unit else None


def _state(metric: Any, period: Any, division: Any, selected: Any = None) -> MapState:
    """The view state the map's controls describe (as if read from the URL)."""
    return map_state({"metric": metric, "period": period, "division": division, "m": selected})


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    state = map_state(query)
    return html.Div(
        [
            html.H1(t("Municipality map", lang), className="h2"),
            html.P(
                t(
                    "Planning regions are shaded by the selected measure for one year; the "
                    "ten pilot municipalities are marked with a star. Find your municipality "
                    "to see its figures, its region's and whom to contact.",
                    lang,
                ),
                className="lead",
            ),
            search_box(lang),
            map_controls(
                lang,
                state,
                map_values.map_metrics(),
                map_values.map_periods(),
                map_values.coverage(state.metric),
                len(queries.regions()),
            ),
            html.Div(
                [
                    html.Div(
                        map_card(
                            lang,
                            map_card_parts(state.metric, state.period, state.division, lang),
                            html.Div(
                                municipality_details(_rows(lang, state.division), lang),
                                id="map-municipality-list",
                            ),
                        ),
                        className="col-lg-8 map-col",
                    ),
                    html.Div(
                        panel_region(
                            lang, panel(state.selected, state.metric, state.period, None, lang)
                        ),
                        className="col-lg-4",
                    ),
                ],
                className="row",
            ),
            # "" rather than None: a Store without data reports null when it mounts, which ran
            # the map and panel callbacks on every load for nothing.
            dcc.Store(id="map-selected", data=state.selected or ""),
            dcc.Store(id="map-via"),
            dcc.Store(id="map-lang", data=lang),
            dcc.Store(id="map-order", data=boundaries().keys(state.division)),
            dcc.Store(id="map-url-sync"),
            dcc.Store(id="map-focus-sync"),
            dcc.Store(id="map-focus-done"),
            dcc.Store(id="map-chart-changed"),
        ]
    )


@callback(
    Output("map-filter-period", "options"),
    Output("map-filter-period", "value"),
    Input("map-filter-metric", "value"),
    State("map-filter-period", "value"),
    State("map-lang", "data"),
    prevent_initial_call=True,
)
def period_choices(metric, period, lang):
    """The periods with each one's coverage for the new measure; the chosen year stays if the
    measure has figures for it, else the latest year that has."""
    lang = current_lang(lang)
    state = _state(metric, None, None)
    covered = map_values.coverage(state.metric)
    options = period_options(map_values.map_periods(), covered, len(queries.regions()), lang)
    return options, (period if period in covered else state.period)


@callback(
    Output("map-division", "value"),
    Input("map-filter-period", "value"),
    prevent_initial_call=True,
)
def division_for_period(period):
    """The division in force in the chosen period (the reader may switch it afterwards)."""
    periods = {p.code: p for p in map_values.map_periods()}
    return map_values.default_division(periods.get(period or ""))


@callback(
    Output("map-title", "children"),
    Output("map-graph", "figure"),
    Output("map-legend", "children"),
    Output("map-details", "children"),
    Output("map-order", "data"),
    Input("map-filter-metric", "value"),
    Input("map-filter-period", "value"),
    Input("map-division", "value"),
    Input("map-selected", "data"),
    State("map-lang", "data"),
    prevent_initial_call=True,  # the layout holds the first view
)
def render_map(metric, period, division, selected, lang):
    """The shaded map of the chosen layer, its legend, summary and table of region values."""
    lang = current_lang(lang)
    state = _state(metric, period, division, selected)
    outputs = map_card_parts(state.metric, state.period, state.division, lang, selected)
    return (*outputs, boundaries().keys(state.division))


def map_card_parts(
    metric: Any, period: Any, division: Any, lang: str, selected: Any = None
) -> tuple[Any, Any, Any, Any]:
    """The map card's title, figure, legend and details for a view (``layout`` renders the
    first view with them, ``render_map`` every later one)."""
    state = _state(metric, period, division, selected)
    view = map_view(state, lang)
    view_query = MapState(state.metric, state.period, state.division).query_string(lang)
    return map_outputs(view, lang, view_query)


@callback(
    Output("map-municipality-list", "children"),
    Input("map-division", "value"),
    State("map-lang", "data"),
    prevent_initial_call=True,
)
def render_municipality_table(division, lang):
    """The table of the drawn division's municipalities (the map's keyboard alternative)."""
    lang = current_lang(lang)
    return municipality_details(_rows(lang, _state(None, None, division).division), lang)


@callback(
    Output("map-search-results", "children"),
    Input("map-search", "value"),
    State("map-division", "value"),
    State("map-lang", "data"),
    prevent_initial_call=True,  # the layout holds the first view
)
def render_search_results(query, division, lang):
    """Buttons for the municipalities matching the search box, current or former names."""
    lang = current_lang(lang)
    return search_results(query, _search_rows(lang), lang, division or "2021", _region_names(lang))


@callback(
    Output("map-selected", "data"),
    Output("map-via", "data"),
    Input("map-graph", "clickData"),
    Input("map-search", "n_submit"),
    Input({"type": "map-result", "code": ALL}, "n_clicks"),
    State("map-search", "value"),
    State("map-order", "data"),
    State("map-division", "value"),
    State("map-lang", "data"),
    prevent_initial_call=True,
)
def select_municipality(click, _submit, _results, query, order, division, lang):
    """The municipality chosen by a map click, Enter in the search box, or a result button, and
    the former unit whose name the search matched (``map-via``), so the panel can name both.
    (The "Select" buttons of the municipality table set ``map-selected`` in the browser:
    ``assets/map-page.js``.)"""
    rows = _search_rows(current_lang(lang))
    trigger, values = main_trigger(ctx.triggered)
    code = chosen_municipality(trigger, values, click, query, rows, order, division or "2021")
    if code is None:
        return dash.no_update, dash.no_update
    via = None
    if trigger == "map-search" or (isinstance(trigger, dict) and trigger["type"] == "map-result"):
        found = search_municipalities(query or "", rows, division or "2021")
        via = next((r["via"]["key"] for r in found if r["key"] == code and r.get("via")), None)
    return code, via


@callback(
    Output("map-panel", "children"),
    Input("map-selected", "data"),
    Input("map-filter-metric", "value"),
    Input("map-filter-period", "value"),
    State("map-via", "data"),
    State("map-lang", "data"),
    prevent_initial_call=True,  # the layout holds the first view
)
def render_panel(selected, metric, period, via, lang):
    """Side panel for the selected municipality: its own figures, its region's for the year,
    contacts and support measures."""
    return panel(selected, metric, period, via, current_lang(lang))


def panel(selected: Any, metric: Any, period: Any, via: Any, lang: str) -> Any:
    """The side panel's content (``layout`` renders the first one, ``render_panel`` later
    ones): the prompt, or the selected municipality's figures, contacts and support."""
    feature = boundaries().unit(selected) if selected else None
    parts = split_key(selected) if selected else None
    if feature is None or parts is None:
        return empty_panel(lang)
    division, code = parts
    rows = {r["key"]: r for r in _search_rows(lang)}
    row = rows[f"{division}:{code}"]
    via_row = rows.get(via) if isinstance(via, str) and via.startswith("2009:") else None
    if via_row is not None and row["key"] not in {r["key"] for r in via_row["successors"]}:
        via_row = None  # a search for another unit
    region = next(r for r in queries.regions() if r["code"] == feature["properties"]["region"])
    state = _state(metric, period, division)
    periods = {p.code: p for p in map_values.map_periods()}
    period_row = periods.get(state.period or "")
    metrics = map_values.map_metrics()
    values = []
    for m in metrics:
        found = (
            map_values.region_figures(m["code"], period_row.code).get(region["code"])
            if period_row
            else None
        )
        if found is not None or m["code"] == state.metric:
            values.append((m, found))
    pilot = row["pilot"]
    former = [
        (r["name"], map_values.unit_figures("2009", r["code"]))
        for r in row.get("predecessors") or []
    ]
    return map_panel(
        feature,
        region,
        pilot=pilot,
        period=period_label(period_row, lang) if period_row else "",
        figures=region_figures(values, lang),
        contacts=contacts_for(queries.contacts(active_only=True), region["code"], code),
        measures=queries.support_measures(code) if pilot else None,
        lang=lang,
        unit_block=unit_figures(
            map_values.unit_figures(division, code),
            queries.metrics(),
            lang,
            unit_name=row["name"],
            region_name=localized(region, "long_name", lang),
            former=former,
        ),
        notes=unit_notes(row, via_row, _valid_to(division, code), lang, _region_names(lang)),
    )


clientside_callback(
    ClientsideFunction("map", "syncUrl"),
    Output("map-url-sync", "data"),
    Input("map-filter-metric", "value"),
    Input("map-filter-period", "value"),
    Input("map-division", "value"),
    Input("map-selected", "data"),
)
clientside_callback(
    ClientsideFunction("map", "requestPanel"),
    Output("map-focus-sync", "data"),
    Input("map-search", "n_submit"),
    Input({"type": "map-result", "code": ALL}, "n_clicks"),
    Input("map-graph", "clickData"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction("map", "showPanel"),
    Output("map-focus-done", "data"),
    Input("map-panel", "children"),
    prevent_initial_call=True,
)

clientside_callback(
    COLLAPSE_ON_PHONES,
    Output("map-filter-details", "open"),
    Input("map-lang", "data"),
)


# The map first shows the server's picture of the first view's figure; once the view changes
# it, Plotly draws the map (assets/plotly-on-demand.js).
clientside_callback(
    ClientsideFunction("charts", "figuresChanged"),
    Output("map-chart-changed", "data"),
    Input("map-graph", "figure"),
    prevent_initial_call=True,
)
