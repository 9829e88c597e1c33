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
from dashboard.components.chart_card import GRAPH_CONFIG
from dashboard.components.chart_tools import (
    chart_tools,
    image_caption,
    observation_links,
    period_text,
)
from dashboard.components.filter_panel import COLLAPSE_ON_PHONES, filter_panel
from dashboard.components.map_view import map_view, pilot_codes
from dashboard.contact_details import format_phone
from dashboard.figures import map as mapfig
from dashboard.geo import boundaries
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_date, format_number
from dashboard.search import fold, matches
from dashboard.view_state import OverviewState, parse_overview_state

dash.register_page(
    __name__,
    path="/map",
    name="Map",
    title=lambda **_: page_title("map"),
    description=lambda **_: page_description("map"),
)

MAX_RESULTS = 8
SEARCH_MAX = 100  # characters; dashboard/callback_inputs.py refuses longer searches
PAPS_URL = "https://www.paps.lv/"


def _state(query: dict[str, Any]) -> OverviewState:
    return parse_overview_state(query, queries.regions(), queries.metrics(), queries.periods())


def _municipality_rows(lang: str) -> list[dict[str, Any]]:
    suffix = "en" if lang == "en" else "lv"
    regions = {r["code"]: r[f"name_{suffix}"] for r in queries.regions()}
    pilots = _pilot_codes()
    return [
        {
            "code": f["id"],
            "name": f["properties"][f"name_{suffix}"],
            "name_lv": f["properties"]["name_lv"],
            "name_en": f["properties"]["name_en"],
            "region": f["properties"]["region"],
            "region_name": regions.get(f["properties"]["region"], f["properties"]["region"]),
            "pilot": f["id"] in pilots,
        }
        for f in sorted(
            boundaries().municipalities["features"], key=lambda f: fold(f["properties"]["name_lv"])
        )
    ]


def _pilot_codes() -> set[str]:
    return pilot_codes()


def search_municipalities(query: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Matches for ``query``; names that start with it come first."""
    q = fold(query or "")
    if not q:
        return []
    found = [r for r in rows if matches(q, r["name_lv"], r["name_en"], r["code"])]
    return sorted(found, key=lambda r: (not fold(r["name_lv"]).startswith(q), fold(r["name_lv"])))


def _municipality_table(lang: str) -> html.Table:
    rows = _municipality_rows(lang)
    head = html.Thead(
        html.Tr(
            [
                html.Th(t("map.col_municipality", lang), scope="col"),
                html.Th(t("map.col_region", lang), scope="col"),
                html.Th(t("map.col_pilot", lang), scope="col"),
                html.Th(t("map.col_select", lang), scope="col"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(r["name"], scope="row"),
                    html.Td(r["region_name"]),
                    html.Td(("★ " + t("map.yes", lang)) if r["pilot"] else t("map.no", lang)),
                    html.Td(
                        html.Button(
                            t("map.select", lang),
                            id={"type": "map-select", "code": r["code"]},
                            className="btn btn-sm btn-outline-primary",
                            **{"aria-label": t("map.select_name", lang, name=r["name"])},
                        )
                    ),
                ]
            )
            for r in rows
        ]
    )
    return html.Table(
        [html.Caption(t("map.table_municipalities", lang)), head, body],
        className="table table-sm table-striped align-middle",
        id="map-municipality-table",
    )


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    state = _state(query)
    selected = query.get("m") if isinstance(query.get("m"), str) else None
    if selected and boundaries().municipality(selected) is None:
        selected = None
    return html.Div(
        [
            html.H1(t("map.title", lang), className="h2"),
            html.P(t("map.intro", lang), className="lead"),
            dbc.Card(
                dbc.CardBody(
                    [
                        dbc.Label(
                            t("map.search", lang), html_for="map-search", className="fw-semibold"
                        ),
                        dbc.Input(
                            id="map-search",
                            type="search",
                            maxLength=SEARCH_MAX,
                            autocomplete="off",
                            debounce=False,
                        ),
                        html.P(
                            t("map.search_help", lang),
                            id="map-search-help",
                            className="small text-body-secondary mb-1",
                        ),
                        html.Div(id="map-search-results", **{"aria-live": "polite"}),
                    ]
                ),
                className="mb-3",
            ),
            filter_panel("map-filter", lang, state, regions=False),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2(id="map-title", className="h5 card-title"),
                                    html.Div(id="map-legend", className="map-legend mb-2"),
                                    html.Div(
                                        dcc.Graph(
                                            id="map-graph",
                                            config={**GRAPH_CONFIG, "locale": lang},
                                            className="map-graph",
                                        ),
                                        **{"aria-hidden": "true"},
                                    ),
                                    html.Div(id="map-details", **{"aria-live": "polite"}),
                                    html.Details(
                                        [
                                            html.Summary(t("map.table_municipalities", lang)),
                                            html.Div(
                                                _municipality_table(lang),
                                                className="table-responsive mt-2",
                                            ),
                                        ],
                                        className="mt-2",
                                        id="map-municipality-details",
                                    ),
                                ]
                            ),
                            className="chart-card shadow-sm mb-4",
                        ),
                        lg=8,
                    ),
                    dbc.Col(
                        html.Aside(
                            dbc.Card(dbc.CardBody(id="map-panel"), className="shadow-sm"),
                            id="map-panel-region",
                            **{"aria-live": "polite", "aria-label": t("map.panel_contacts", lang)},
                        ),
                        lg=4,
                    ),
                ]
            ),
            dcc.Store(id="map-selected", data=selected),
            dcc.Store(id="map-lang", data=lang),
            dcc.Store(id="map-order", data=mapfig.municipality_order(boundaries())),
            dcc.Store(id="map-url-sync"),
        ]
    )


def _period_text(state: OverviewState, lang: str) -> str:
    return period_text(state.period_from, state.period_to, lang)


def _metric(code: str) -> dict[str, Any]:
    return next(m for m in queries.metrics() if m["code"] == code)


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
    state = _state(
        {
            "metric": metric,
            "from": period_from,
            "to": period_to,
            "per_month": "1" if per_month else "0",
        }
    )
    view = map_view(state, lang, selected)
    page_query = state.query_string(lang, regions=False)
    details = [
        *view.details,
        chart_tools(
            "map",
            lang,
            title=view.title,
            caption=image_caption(lang, view.unit, view.sources, view.release, view.period),
            sources=view.sources,
            release=view.release,
            page_path="/map",
            page_query=page_query,
            embed="map",
            data_links=observation_links(lang, page_query),
        ),
    ]
    return view.title, view.figure, view.legend, details


@callback(
    Output("map-search-results", "children"),
    Input("map-search", "value"),
    State("map-lang", "data"),
)
def render_search_results(query, lang):
    """Buttons for the municipalities matching the search box."""
    lang = current_lang(lang)
    query = query or ""
    if not fold(query):
        return []
    found = search_municipalities(query, _municipality_rows(lang))
    if not found:
        return html.P(t("map.search_none", lang, q=query), className="mb-0")
    return html.Div(
        [
            html.Span(t("map.search_results", lang) + ": ", className="small me-1"),
            *[
                html.Button(
                    r["name"] + (" ★" if r["pilot"] else ""),
                    id={"type": "map-result", "code": r["code"]},
                    className="btn btn-sm btn-outline-secondary me-1 mb-1",
                )
                for r in found[:MAX_RESULTS]
            ],
        ]
    )


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
def select_municipality(click, _submit, _results, _rows, query, order, lang):
    """The municipality chosen by a map click, Enter in the search box, or a button."""
    trigger = ctx.triggered_id
    if isinstance(trigger, dict) and trigger.get("type") in {"map-result", "map-select"}:
        if not any(item["value"] for item in ctx.triggered):
            return dash.no_update
        return trigger["code"]
    if trigger == "map-search":
        found = search_municipalities(query or "", _municipality_rows(current_lang(lang)))
        return found[0]["code"] if found else dash.no_update
    if trigger == "map-graph" and click and click.get("points"):
        point = click["points"][0]
        code = point.get("customdata")
        if isinstance(code, str) and code in order:
            return code
        curve = point.get("curveNumber")
        if isinstance(curve, int) and order and 0 <= curve < len(order):
            return order[curve]
    return dash.no_update


def _figures_block(region_code: str, state: OverviewState, lang: str) -> html.Div:
    suffix = "en" if lang == "en" else "lv"
    flt = state.observation_filter()
    frame = queries.observations(flt)
    frame = frame[frame["region"] == region_code]
    months = int(frame.drop_duplicates("period")["months"].sum()) if not frame.empty else 0
    items = []
    for metric in queries.metrics():
        part = frame[frame["metric"] == metric["code"]]
        total = float(part["value"].sum()) if not part.empty else None
        value = (
            (total / months if months and total is not None else None) if state.per_month else total
        )
        unit = metric[f"unit_{suffix}"]
        if state.per_month:
            unit = t("unit.per_month", lang, unit=unit)
        items += [
            html.Dt(metric[f"name_{suffix}"], className="fw-normal"),
            html.Dd(
                [html.Strong(format_number(value, lang, 1 if state.per_month else 0)), f" {unit}"],
                className="mb-1",
            ),
        ]
    return html.Dl(items, className="mb-2 panel-figures")


def _contacts_block(region_code: str, municipality_code: str, lang: str) -> list[Any]:
    suffix = "en" if lang == "en" else "lv"
    contacts = [
        c
        for c in queries.contacts(active_only=True)
        if (c.get("municipality") or {}).get("code") == municipality_code
        or ((c.get("region") or {}).get("code") == region_code and not c.get("municipality"))
    ]
    if not contacts:
        return [
            html.P(t("map.panel_no_contacts", lang), id="map-panel-no-contacts"),
            html.Ul(
                [
                    html.Li(html.A(t("map.panel_paps", lang), href=PAPS_URL, rel="noopener")),
                    html.Li(
                        html.A(
                            t("map.panel_all_contacts", lang),
                            href=f"/contacts?region={region_code}",
                        )
                    ),
                ]
            ),
        ]
    items = []
    for c in contacts:
        lines: list[Any] = [html.Strong(c["name"]), html.Br(), c[f"role_{suffix}"]]
        if c.get("email"):
            lines += [html.Br(), html.A(c["email"], href=f"mailto:{c['email']}")]
        if c.get("phone"):
            lines += [html.Br(), html.A(format_phone(c["phone"]), href=f"tel:{c['phone']}")]
        if c.get("verified_on"):
            lines += [
                html.Br(),
                html.Span(
                    t("contacts.verified", lang, date=format_date(c["verified_on"], lang)),
                    className="small text-body-secondary",
                ),
            ]
        items.append(html.Li(lines, className="mb-2"))
    return [html.Ul(items, className="list-unstyled mb-1", id="map-panel-contacts")]


def _measures_block(municipality_code: str, lang: str) -> list[Any]:
    suffix = "en" if lang == "en" else "lv"
    measures = queries.support_measures(municipality_code)
    if not measures:
        return [html.P(t("map.panel_no_measures", lang))]
    return [
        html.Ul(
            [
                html.Li(
                    [
                        html.A(m[f"title_{suffix}"], href=m["url"], rel="noopener")
                        if m.get("url")
                        else html.Span(m[f"title_{suffix}"]),
                    ]
                )
                for m in measures
            ],
            id="map-panel-measures",
        )
    ]


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
    suffix = "en" if lang == "en" else "lv"
    feature = boundaries().municipality(selected) if selected else None
    if feature is None:
        return html.P(t("map.panel_empty", lang), className="mb-0")
    props = feature["properties"]
    region = next(r for r in queries.regions() if r["code"] == props["region"])
    state = _state(
        {
            "metric": metric,
            "from": period_from,
            "to": period_to,
            "per_month": "1" if per_month else "0",
        }
    )
    pilot = feature["id"] in _pilot_codes()
    children: list[Any] = [
        html.H2(props[f"name_{suffix}"], className="h4", id="map-panel-title"),
        html.P(
            [
                t("map.panel_region", lang, region=region[f"name_{suffix}"]),
                html.Span(" ★ " + t("map.pilot", lang), className="badge text-bg-dark ms-2")
                if pilot
                else None,
            ],
            id="map-panel-region-name",
        ),
        html.H3(t("map.panel_figures", lang, period=_period_text(state, lang)), className="h6"),
        _figures_block(region["code"], state, lang),
        html.H3(t("map.panel_contacts", lang), className="h6 mt-3"),
        *_contacts_block(region["code"], feature["id"], lang),
    ]
    if pilot:
        children += [
            html.H3(t("map.panel_measures", lang), className="h6 mt-3"),
            *_measures_block(feature["id"], lang),
        ]
    return children


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
