"""Overview page (``/``): headline figures and the regional charts, with shareable filters.

The filters' state lives in the URL query string (``regions``, ``metric``, ``from``, ``to``,
``per_month``): the layout reads it on load, and a client-side callback rewrites it with
``history.replaceState`` when a filter changes, so a copied link reopens the same view without
re-rendering the page.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import queries
from dashboard.components.chart_card import chart_card
from dashboard.components.chart_tools import (
    chart_tools,
    image_caption,
    observation_links,
)
from dashboard.components.filter_panel import COLLAPSE_ON_PHONES, filter_panel, url_sync_script
from dashboard.components.overview_charts import chart_children, overview_charts
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_date, format_number
from dashboard.view_state import OverviewState, parse_overview_state

dash.register_page(
    __name__,
    path="/",
    name="Overview",
    title=lambda **_: page_title("overview"),
    description=lambda **_: page_description("overview"),
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    state = parse_overview_state(query, queries.regions(), queries.metrics(), queries.periods())
    cards, *charts, message = overview_outputs(state, lang)
    regions, trend, share = (charts[i : i + 3] for i in range(0, 9, 3))
    return html.Div(
        [
            html.H1(t("overview.title", lang), className="h2"),
            html.P(t("overview.intro", lang), className="lead"),
            filter_panel("filter", lang, state, message=message),
            html.Section(
                [
                    html.H2(t("cards.title", lang), className="h5"),
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
            dcc.Store(id="overview-lang", data=lang),
            dcc.Store(id="overview-url-sync"),
        ]
    )


def _headline_cards(
    lang: str, state: OverviewState, frame: Any, metric_rows: list[dict]
) -> list[Any]:
    cards = []
    periods = frame.drop_duplicates("period").sort_values("period_start")
    months = int(periods["months"].sum()) if not periods.empty else 0
    has_partial = bool(periods["is_partial"].any()) if not periods.empty else False
    for metric in metric_rows:
        values = frame[frame["metric"] == metric["code"]]
        total = int(values["value"].sum()) if not values.empty else None
        shown = (total / months if months else None) if state.per_month else total
        unit = metric["unit_en"] if lang == "en" else metric["unit_lv"]
        coverage = (
            t(
                "cards.coverage",
                lang,
                start=format_date(periods["period_start"].iloc[0], lang),
                end=format_date(periods["period_end"].iloc[-1], lang),
                months=months,
            )
            if not periods.empty
            else t("chart.no_data", lang)
        )
        cards.append(
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H3(
                                metric["name_en" if lang == "en" else "name_lv"],
                                className="h6 mb-1",
                            ),
                            html.P(
                                [
                                    html.Span(
                                        format_number(shown, lang, 1 if state.per_month else 0),
                                        className="display-6 fw-semibold headline-value",
                                    ),
                                    " ",
                                    html.Span(
                                        f"{unit}"
                                        + (
                                            f" {t('cards.per_month', lang)}"
                                            if state.per_month
                                            else ""
                                        ),
                                        className="text-body-secondary",
                                    ),
                                ],
                                className="mb-1",
                            ),
                            html.P(
                                [coverage]
                                + ([html.Br(), t("cards.partial", lang)] if has_partial else []),
                                className="small text-body-secondary mb-0",
                            ),
                        ]
                    ),
                    className="h-100 headline-card",
                    id=f"headline-{metric['code'].replace('_', '-')}",
                ),
                md=4,
            )
        )
    return cards


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
    Input("filter-regions", "value"),
    Input("filter-metric", "value"),
    Input("filter-period-from", "value"),
    Input("filter-period-to", "value"),
    Input("filter-per-month", "value"),
    State("overview-lang", "data"),
    prevent_initial_call=True,  # the layout already holds the first view (see overview_outputs)
)
def render_overview(regions, metric, period_from, period_to, per_month, lang):
    """Everything on the overview that depends on the filters, from one cached query."""
    lang = current_lang(lang)
    state = parse_overview_state(
        {
            "regions": ",".join(regions or []) or "none",
            "metric": metric,
            "from": period_from,
            "to": period_to,
            "per_month": "1" if per_month else "0",
        },
        queries.regions(),
        queries.metrics(),
        queries.periods(),
    )
    return overview_outputs(state, lang)


def overview_outputs(state: OverviewState, lang: str) -> tuple[Any, ...]:
    """The values of ``render_overview``'s outputs for a filter state, in its output order.

    Also used by ``layout`` to render the first view on the server, which saves the reader a
    callback round trip before the first chart is drawn.
    """
    message = []
    if not state.regions:
        message.append(dbc.Alert(t("filters.no_regions", lang), color="warning", className="mb-0"))
    elif state.swapped:
        message.append(dbc.Alert(t("filters.bad_range", lang), color="info", className="mb-0"))
    built = overview_charts(state, lang)
    page_query = state.query_string(lang)
    data_links = observation_links(lang, page_query)
    outputs: list[Any] = [_headline_cards(lang, state, built.frame, queries.metrics())]
    for chart in built.charts:
        tools = chart_tools(
            chart.chart_id,
            lang,
            title=chart.title,
            caption=image_caption(lang, built.unit, built.sources, built.release, built.period),
            sources=built.sources,
            release=built.release,
            page_path="/",
            page_query=page_query,
            embed=chart.embed,
            data_links=data_links,
        )
        outputs += [chart.title, chart.figure, chart_children(built, chart, lang, tools)]
    return (*outputs, message)


# Keep the URL in step with the filters without re-rendering the page (see module docstring).
clientside_callback(
    url_sync_script("filter"),
    Output("overview-url-sync", "data"),
    Input("filter-regions", "value"),
    Input("filter-metric", "value"),
    Input("filter-period-from", "value"),
    Input("filter-period-to", "value"),
    Input("filter-per-month", "value"),
)


clientside_callback(
    COLLAPSE_ON_PHONES,
    Output("filter-details", "open"),
    Input("overview-lang", "data"),
)
