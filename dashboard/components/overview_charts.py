"""The overview's three charts for a filter state, shared by the page and its embeds, and
everything else the overview's callback returns (:func:`overview_outputs`).

Kept out of ``dashboard/pages``: Dash loads page modules without registering them in
``sys.modules``, and the ``/embed/...`` views must draw exactly the charts the page draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc

from dashboard import queries
from dashboard.components.chart_card import chart_details
from dashboard.components.chart_tools import (
    chart_tools,
    image_caption,
    observation_links,
    period_text,
)
from dashboard.components.headline_cards import headline_cards
from dashboard.figures import overview as fig
from dashboard.i18n import localized, t
from dashboard.view_state import OverviewState


@dataclass(frozen=True)
class OverviewChart:
    """One overview chart, ready to render on the page or in its embed (``/embed/...``)."""

    chart_id: str
    embed: str
    title: str
    figure: Any
    summary: str
    table: fig.ChartTable
    note: str


@dataclass(frozen=True)
class OverviewCharts:
    frame: Any
    unit: str
    period: str
    sources: list[dict[str, Any]]
    release: dict[str, Any] | None
    charts: list[OverviewChart]


def overview_charts(state: OverviewState, lang: str) -> OverviewCharts:
    """The three overview charts for a filter state.

    Cached with the data version like the queries: building three Plotly figures (validation
    included) is most of the cost of a first view, and most readers open the same few views.
    Figures are plain dicts (see ``figures.style.assemble``): unpickling a ``go.Figure``
    would validate it all over again (about 40 ms per figure), a dict costs nothing to load.
    """
    return queries.cached("overview_charts", [state, lang], lambda: _build(state, lang))


def _build(state: OverviewState, lang: str) -> OverviewCharts:
    flt = state.observation_filter()
    frame = queries.observations(flt) if state.regions else queries.observations(flt).iloc[0:0]
    selected = next(m for m in queries.metrics() if m["code"] == state.metric)
    info = fig.MetricInfo(
        code=selected["code"],
        name=localized(selected, "name", lang),
        unit=localized(selected, "unit", lang),
    )
    df = fig.prepare(frame, state.metric, state.per_month, lang)
    unit = info.unit if not state.per_month else t("{unit} per month", lang, unit=info.unit)
    partial_note = t("Periods differ in length; part-year periods are marked.", lang)
    table = fig.values_table(df, info, state.per_month, lang)  # the bar and trend charts' table
    share_data = fig.shares(df)
    charts = [
        OverviewChart(
            "regions-chart",
            "overview",
            t("{metric} by region and period", lang, metric=info.name),
            fig.regions_by_period_figure(df, info, state.per_month, lang),
            fig.regions_summary(df, info, state.per_month, lang),
            table,
            partial_note,
        ),
        OverviewChart(
            "trend-chart",
            "trend",
            t("{metric}: change over time", lang, metric=info.name),
            fig.trend_figure(df, info, state.per_month, lang),
            fig.trend_summary(df, info, state.per_month, lang),
            table,
            partial_note,
        ),
        OverviewChart(
            "share-chart",
            "share",
            t("{metric}: each region's share", lang, metric=info.name),
            fig.share_figure(df, info, lang, share_data),
            fig.share_summary(df, lang),
            fig.share_table(df, lang, share_data),
            t("Share of the selected regions' total in each period.", lang),
        ),
    ]
    return OverviewCharts(
        frame=frame,
        unit=unit,
        period=period_text(state.period_from, state.period_to, lang),
        sources=queries.sources_for(flt),
        release=queries.latest_release(),
        charts=charts,
    )


def chart_children(
    built: OverviewCharts, chart: OverviewChart, lang: str, tools: Any = None
) -> list[Any]:
    """Summary, table alternative and provenance of one chart (``{chart_id}-details``)."""
    unit = t("Unit: {unit}", lang, unit=built.unit)
    caption = t("{title}. {unit}.", lang, title=chart.title, unit=unit)
    return chart_details(
        lang,
        chart.summary,
        chart.table,
        caption,
        built.unit,
        built.sources,
        built.release,
        chart.note,
        tools,
    )


def filter_message(state: OverviewState, lang: str) -> list[Any]:
    """What the filter panel says about the choice: no region ticked, or a reversed period
    range (which the view has swapped back); nothing otherwise."""
    if not state.regions:
        return [
            dbc.Alert(t("Select at least one region.", lang), color="warning", className="mb-0")
        ]
    if state.swapped:
        return [
            dbc.Alert(
                t("The start period is after the end period; the range has been swapped.", lang),
                color="info",
                className="mb-0",
            )
        ]
    return []


def overview_outputs(
    state: OverviewState, built: OverviewCharts, metrics: list[dict[str, Any]], lang: str
) -> tuple[Any, ...]:
    """The values of the overview callback's outputs, in its output order: headline cards;
    title, figure and details of each chart in ``built``; the filter message.

    Also used by the page's ``layout`` to render the first view on the server, which saves the
    reader a callback round trip before the first chart is drawn.
    """
    page_query = state.query_string(lang)
    data_links = observation_links(lang, page_query)
    outputs: list[Any] = [headline_cards(built.frame, metrics, state.per_month, lang)]
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
    return (*outputs, filter_message(state, lang))
