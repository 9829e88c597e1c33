"""The map of planning regions for a filter state: figure, legend, summary and table.

Shared by ``/map`` and its embed (``/embed/map``); kept out of ``dashboard/pages`` because Dash
loads page modules without registering them for import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import queries
from dashboard.components.chart_card import FACADE_BOX, GRAPH_CONFIG, data_table, provenance
from dashboard.components.chart_tools import chart_tools, image_caption, observation_links
from dashboard.components.static_section import static_markup, static_section
from dashboard.figures import map as mapfig
from dashboard.figures.facade import chart_facade
from dashboard.figures.overview import ChartTable
from dashboard.geo import boundaries, split_key, unit_key
from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_number
from dashboard.map_state import MapState, parse_map_state
from dashboard.queries import map_values


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
    """The pilot municipalities' codes (units of the 2009 division, chosen in 2018)."""
    return {
        m["code"] for m in queries.municipalities() if m["is_pilot"] and m["division"] == "2009"
    }


def map_card(lang: str, first: tuple[Any, Any, Any, Any], below: Any = None) -> dbc.Card:
    """``/map``'s card: title, legend, graph and details, first as ``first`` (the
    :func:`map_outputs` of the view the address asks for, so the page arrives drawn) and then
    from the page's callback; ``below`` goes under them."""
    title, figure, legend, details = first
    # The server's picture of the map until the reader reaches for it (``figures/facade_map``).
    drawn = chart_facade(figure)
    picture = [] if drawn is None else [static_markup(drawn, className=FACADE_BOX)]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, id="map-title", className="h5 card-title"),
                html.Div(legend, id="map-legend", className="map-legend mb-2"),
                html.Div(
                    [
                        dcc.Graph(
                            id="map-graph",
                            figure=figure,
                            config={**GRAPH_CONFIG, "locale": lang},
                            className="map-graph",
                        ),
                        *picture,
                    ],
                    className="map-graph-box chart-box",  # height from app.css
                    **{"aria-hidden": "true"},
                ),
                html.Div(details, id="map-details", **{"aria-live": "polite"}),
                below,
            ]
        ),
        className="chart-card shadow-sm mb-4",
    )


def period_label(period: map_values.MapPeriod, lang: str) -> str:
    """ "2024", or "2018 (Mar–Dec), part year" for the programme's first year."""
    label = localized({"label_lv": period.label_lv, "label_en": period.label_en}, "label", lang)
    return t("{period}, part year", lang, period=label) if period.part_year else label


def map_state(query: dict[str, Any]) -> MapState:
    """The map's state for a URL query (``metric``, ``period``, ``division``, ``m``)."""
    periods = {p.code: p for p in map_values.map_periods()}
    bounds = boundaries()

    def known_unit(value: str) -> str | None:
        feature = bounds.unit(value)
        parts = split_key(value)
        return unit_key(parts[0], feature["id"]) if feature is not None and parts else None

    return parse_map_state(
        query,
        [m["code"] for m in map_values.map_metrics()],
        list(periods),
        map_values.default_period,
        lambda code: map_values.default_division(periods.get(code or "")),
        known_unit,
    )


def map_view(state: MapState, lang: str) -> MapView:
    """Everything the map card shows for ``state``; its selection is outlined on the map.

    Cached with the data version (see ``queries.cached``); the figure is a plain dict so that
    loading it from the cache does not validate the region outlines all over again.
    """
    return queries.cached("map_view", [state, lang], lambda: _build(state, lang))


def _legend(lang: str, title: str, vmax: float, reported: int, total: int) -> list[Any]:
    bins = [
        html.Li(
            [
                html.Span(className="legend-swatch", style={"backgroundColor": colour}),
                f"{format_number(lo, lang)} – {format_number(hi, lang)}",
            ],
            className="legend-item",
        )
        for colour, lo, hi in (mapfig.legend_bins(vmax) if reported else [])
    ]
    no_data = (
        [
            html.Li(
                [
                    html.Span(className="legend-swatch legend-no-data"),
                    t("no data published", lang),
                ],
                className="legend-item",
                id="map-legend-no-data",
            )
        ]
        if reported < total
        else []
    )
    return [
        html.P(title, className="small fw-semibold mb-1", id="map-legend-title"),
        html.Ul(
            bins
            + no_data
            + [html.Li("★ " + t("Pilot municipality", lang), className="legend-item")],
            className="list-inline small mb-0",
        ),
    ]


def coverage_text(reported: int, total: int, period: str, lang: str) -> str:
    """ "3 of 5 regions published figures for 2020." """
    return tn(
        "{reported} of {n} region published figures for {period}.",
        "{reported} of {n} regions published figures for {period}.",
        total,
        lang,
        reported=reported,
        period=period,
    )


def _summary(values: list[mapfig.RegionValue], period: str, unit: str, lang: str) -> str:
    known = [v for v in values if v.value is not None]
    text = coverage_text(len(known), len(values), period, lang)
    if not known:
        return text + " " + t("The map shows no figures for this selection.", lang)
    missing = [v.name for v in values if v.value is None]
    if missing:
        text += " " + t("No data published: {regions}.", lang, regions=", ".join(missing))
    if len(known) >= 2:
        hi = max(known, key=lambda v: v.value or 0)
        lo = min(known, key=lambda v: v.value or 0)
        text += " " + t(
            "Of those, {region} had the most ({unit}): {value}; {low_region} the fewest: {low}.",
            lang,
            unit=unit,
            region=hi.name,
            value=format_number(hi.value, lang),
            low_region=lo.name,
            low=format_number(lo.value, lang),
        )
    return text


def _build(state: MapState, lang: str) -> MapView:
    regions = queries.regions()
    periods = {p.code: p for p in map_values.map_periods()}
    period = periods.get(state.period or "")
    figures = map_values.region_figures(state.metric, period.code) if period else {}
    values = mapfig.region_values({c: f.value for c, f in figures.items()}, lang, regions)
    # No measure at all when no region published a figure for a map period (e.g. a database of
    # quarterly figures only): the map then shows its "no figures" state, never an error.
    metric_row = next((m for m in queries.metrics() if m["code"] == state.metric), None)
    unit = localized(metric_row, "unit", lang) if metric_row else ""
    metric_name = localized(metric_row, "name", lang) if metric_row else t("Map", lang)
    period_name = period_label(period, lang) if period else ""
    figure = mapfig.map_figure(
        boundaries(),
        values,
        lang,
        division=state.division,
        pilots=pilot_codes(),
        selected=state.selected,
        region_names={r["code"]: localized(r, "name", lang) for r in regions},
    )
    known = [v for v in values.values() if v.value is not None]
    vmax = max((v.value or 0 for v in known), default=0.0)
    legend = _legend(
        lang,
        t(
            "{metric}, {unit}; {period}",
            lang,
            metric=metric_name,
            unit=unit,
            period=period_name,
        ),
        vmax,
        len(known),
        len(values),
    )
    no_data = t("no data published", lang)
    table = ChartTable(
        columns=[t("Planning region", lang), unit, t("Source", lang)],
        rows=[
            [
                v.name,
                format_number(v.value, lang) if v.value is not None else no_data,
                _source_label(figures[v.code].source, lang) if v.code in figures else "–",
            ]
            for v in values.values()
        ],
    )
    summary = _summary(list(values.values()), period_name, unit, lang)
    sources = _distinct_sources(figures.values())
    release = queries.latest_release()
    division_note = (
        t("Boundaries: the municipalities from July 2021 (drawn from the 2009 shapes).", lang)
        if state.division == "2021"
        else t("Boundaries: the 2009–2021 administrative division (Natural Earth).", lang)
    )
    details = [
        html.P(summary, className="chart-summary mb-2", id="map-summary"),
        html.Details(
            [
                html.Summary(t("Show the data as a table", lang)),
                html.Div(
                    data_table(table, t("Figures by region", lang) + f". {period_name}."),
                    className="table-responsive mt-2",
                ),
            ],
            className="chart-table",
        ),
        provenance(lang, unit, sources, release, division_note),
    ]
    title = f"{metric_name} – {period_name}" if period_name else metric_name
    return MapView(title, figure, legend, details, unit, sources, release, period_name)


def _source_label(source: dict[str, Any] | None, lang: str) -> str:
    if source is None:
        return t("source not stated", lang)
    return f"{source['publisher']}: {source['title']}"


def _distinct_sources(figures: Iterable[map_values.Figure]) -> list[dict[str, Any]]:
    """The sources of the figures shown, once each, newest publication first."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for f in figures:
        if f.source is not None:
            key = (f.source["url"], f.source["title"], f.source["publisher"])
            seen.setdefault(key, f.source)
    return sorted(
        seen.values(),
        key=lambda s: (s["published_on"] is not None, s["published_on"] or dt.date.min),
        reverse=True,
    )


def map_outputs(view: MapView, lang: str, page_query: str) -> tuple[str, Any, list[Any], list[Any]]:
    """``/map``'s card for ``view``: title, figure, legend, and the details under the map (summary,
    table, provenance, then the chart tools whose links reopen ``/map?<page_query>``)."""
    # Plain content (the region table alone is ~250 components): one static section for React.
    details = static_section(
        [
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
    )
    return view.title, view.figure, view.legend, [details]
