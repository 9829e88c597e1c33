"""The map of planning regions for a filter state: figure, legend, summary and table.

Shared by ``/map`` and its embed (``/embed/map``); kept out of ``dashboard/pages`` because Dash
loads page modules without registering them for import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import queries
from dashboard.components.chart_card import GRAPH_CONFIG, data_table, provenance
from dashboard.components.chart_tools import (
    chart_tools,
    image_caption,
    observation_links,
    period_text,
)
from dashboard.figures import map as mapfig
from dashboard.figures.overview import ChartTable
from dashboard.geo import boundaries
from dashboard.i18n import localized, t
from dashboard.i18n.formatting import format_number
from dashboard.view_state import OverviewState


@dataclass(frozen=True)
class MapView:
    title: str
    figure: Any
    legend: list[Any]
    details: list[Any]
    unit: str
    sources: list[dict[str, Any]]
    release: dict[str, Any] | None
    period: str


def pilot_codes() -> set[str]:
    return {m["code"] for m in queries.municipalities() if m["is_pilot"]}


def map_card(lang: str, below: Any = None) -> dbc.Card:
    """``/map``'s card, empty: title, legend, graph and details are filled by the page's
    callback (:func:`map_outputs`); ``below`` goes under them."""
    return dbc.Card(
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
                below,
            ]
        ),
        className="chart-card shadow-sm mb-4",
    )


def map_view(state: OverviewState, lang: str, selected: str | None = None) -> MapView:
    """Everything the map card shows for ``state``; ``selected`` is outlined on the map.

    Cached with the data version (see ``queries.cached``); the figure is a plain dict so that
    loading it from the cache does not validate the region outlines all over again.
    """
    return queries.cached(
        "map_view", [state, lang, selected], lambda: _build(state, lang, selected)
    )


def _build(state: OverviewState, lang: str, selected: str | None) -> MapView:
    flt = state.observation_filter()
    frame = queries.observations(flt)
    regions = queries.regions()
    values = mapfig.region_values(frame, state.metric, state.per_month, lang, regions)
    metric_row = next(m for m in queries.metrics() if m["code"] == state.metric)
    unit = localized(metric_row, "unit", lang)
    if state.per_month:
        unit = t("{unit} per month", lang, unit=unit)
    decimals = 1 if state.per_month else 0
    period = period_text(state.period_from, state.period_to, lang)
    figure = mapfig.map_figure(
        boundaries(),
        values,
        lang,
        decimals=decimals,
        pilots=pilot_codes(),
        selected=selected,
        region_names={r["code"]: localized(r, "name", lang) for r in regions},
    )
    known = [v for v in values.values() if v.value is not None]
    vmax = max((v.value for v in known), default=0.0)
    legend = [
        html.P(
            t(
                "{metric}, {unit}; {period}",
                lang,
                metric=localized(metric_row, "name", lang),
                unit=unit,
                period=period,
            ),
            className="small fw-semibold mb-1",
            id="map-legend-title",
        ),
        html.Ul(
            [
                html.Li(
                    [
                        html.Span(className="legend-swatch", style={"backgroundColor": colour}),
                        f"{format_number(lo, lang, decimals)} – "
                        f"{format_number(hi, lang, decimals)}",
                    ],
                    className="legend-item",
                )
                for colour, lo, hi in mapfig.legend_bins(vmax)
            ]
            + [html.Li("★ " + t("Pilot municipality", lang), className="legend-item")],
            className="list-inline small mb-0",
        ),
    ]
    table = ChartTable(
        columns=[t("Planning region", lang), unit],
        rows=[[v.name, format_number(v.value, lang, decimals)] for v in values.values()],
    )
    if known:
        hi = max(known, key=lambda v: v.value)
        lo = min(known, key=lambda v: v.value)
        summary = t(
            "In {period}, {region} had the most ({unit}): {value}; {low_region} the fewest: {low}.",
            lang,
            period=period,
            unit=unit,
            region=hi.name,
            value=format_number(hi.value, lang, decimals),
            low_region=lo.name,
            low=format_number(lo.value, lang, decimals),
        )
    else:
        summary = t("There are no data for this selection.", lang)
    sources = queries.sources_for(flt)
    release = queries.latest_release()
    details = [
        html.P(summary, className="chart-summary mb-2"),
        html.Details(
            [
                html.Summary(t("Show the data as a table", lang)),
                html.Div(
                    data_table(table, t("Figures by region", lang) + f". {period}."),
                    className="table-responsive mt-2",
                ),
            ],
            className="chart-table",
        ),
        provenance(
            lang,
            unit,
            sources,
            release,
            t("Boundaries: the 2009–2021 administrative division (Natural Earth).", lang),
        ),
    ]
    title = f"{localized(metric_row, 'name', lang)} – {period}"
    return MapView(title, figure, legend, details, unit, sources, release, period)


def map_outputs(view: MapView, lang: str, page_query: str) -> tuple[str, Any, list[Any], list[Any]]:
    """``/map``'s card for ``view``: title, figure, legend, and the details under the map (summary,
    table, provenance, then the chart tools whose links reopen ``/map?<page_query>``)."""
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
