"""The overview's three charts for a filter state, shared by the page and its embeds, and
everything else the overview's callback returns (:func:`overview_outputs`).

Kept out of ``dashboard/pages``: Dash loads page modules without registering them in
``sys.modules``, and the ``/embed/...`` views must draw exactly the charts the page draws.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc

from dashboard import queries
from dashboard.components.chart_card import chart_details
from dashboard.components.chart_tools import chart_tools, image_caption, observation_links
from dashboard.components.headline_cards import National, headline_cards
from dashboard.figures import overview as fig
from dashboard.figures import overview_text as text
from dashboard.figures.series_view import SeriesView, series_view
from dashboard.i18n import localized, t, tn
from dashboard.queries.series import period_slot
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
    sources: list[dict[str, Any]]


@dataclass(frozen=True)
class OverviewCharts:
    unit: str
    period: str
    sources: list[dict[str, Any]]
    release: dict[str, Any] | None
    charts: list[OverviewChart]
    view: SeriesView
    cards: list[Any]
    per_month_help: str
    metric_options: list[dict[str, str]]


def overview_charts(state: OverviewState, lang: str) -> OverviewCharts:
    """The three overview charts for a filter state.

    Cached with the data version like the queries: building three Plotly figures (validation
    included) is most of the cost of a first view, and most readers open the same few views.
    Figures are plain dicts (see ``figures.style.assemble``): unpickling a ``go.Figure``
    would validate it all over again (about 40 ms per figure), a dict costs nothing to load.
    """
    return queries.cached("overview_charts", [state, lang], lambda: _build(state, lang))


def state_view(state: OverviewState, lang: str) -> SeriesView:
    """The grid the overview's charts draw for ``state`` (also the "this view" download's)."""
    flt = dataclasses.replace(state.observation_filter(), metrics=(state.metric,))
    frame = queries.observations(flt) if state.regions else queries.observations(flt).iloc[0:0]
    regions = [(r["code"], localized(r, "name", lang)) for r in queries.regions()]
    return series_view(
        frame,
        state.metric,
        [r for r in regions if r[0] in state.regions],
        state.granularity,
        state.date_from,
        state.date_to,
        state.shows_per_month,
        lang,
    )


def national_figures(state: OverviewState) -> dict[str, National]:
    """The published national figures of the selected measure, by slot of the state's view."""
    rows = queries.observation_rows(
        queries.RowFilter(geo_levels=("national",), metrics=(state.metric,), release=state.release)
    )
    out: dict[str, National] = {}
    for row in rows:
        key = period_slot(row["period_start"], row["period_end"], state.granularity)
        if key is not None and key not in out:
            out[key] = National(
                int(row["value"]), int(row["months"]), row["source_publisher"] or ""
            )
    return out


def conflicts(state: OverviewState, view: SeriesView) -> fig.Conflicts:
    """Other sources' differing values of each cell shown: (slot, region) → [(value, publisher,
    year published)]."""
    rows = queries.observation_rows(
        queries.RowFilter(
            regions=state.regions,
            metrics=(state.metric,),
            geo_levels=("planning_region",),
            all_sources=True,
            release=state.release,
        )
    )
    out: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    for row in rows:
        key = period_slot(row["period_start"], row["period_end"], state.granularity)
        cell = view.cells.get((key or "", row["region"] or ""))
        if row["preferred"] or cell is None or cell.period != row["period"]:
            continue
        if row["value"] != cell.value:
            published = row["source_published_on"]
            out[(key or "", row["region"])].append(
                (
                    int(row["value"]),
                    row["source_publisher"] or "",
                    str(published.year) if published else "",
                )
            )
    return dict(out)


def per_month_help(view: SeriesView, lang: str) -> str:
    """What the per-month switch does in this view, with the lengths of its periods."""
    if view.granularity == "stock":
        return t("Stocks stand at the end of a month and are never divided.", lang)
    lengths: dict[int, list[str]] = defaultdict(list)
    for slot in view.with_data():
        for code, _ in view.regions:
            cell = view.cell(slot, code)
            if cell is not None and slot.label(lang) not in lengths[cell.months]:
                lengths[cell.months].append(slot.label(lang))
    if not lengths:
        return t("Divides each value by its period's length in months.", lang)
    parts = [
        tn("{n} month", "{n} months", months, lang) + ": " + ", ".join(slots)
        for months, slots in sorted(lengths.items())
    ]
    return t(
        "Divides each value by its period's length in months. In this view: {lengths}.",
        lang,
        lengths="; ".join(parts),
    )


def _period_text(view: SeriesView) -> str:
    if not view.slots:
        return ""
    first, last = view.slots[0], view.slots[-1]
    if first is last:
        return first.label(view.lang)
    return f"{first.label(view.lang)} – {last.label(view.lang)}"


def _titles(state: OverviewState, view: SeriesView, name: str, lang: str) -> list[str]:
    titles = [
        t("{metric} by region and period", lang, metric=name),
        t("{metric}: change over time", lang, metric=name),
        t("{metric}: each region's share", lang, metric=name),
    ]
    if len(view.regions) == 1:  # a one-region chart names its region in the title too
        titles = [f"{title} – {view.regions[0][1]}" for title in titles]
    return titles


def _sources(flt: queries.ObservationFilter, view: SeriesView, slots: list[Any]) -> list[Any]:
    periods = tuple(
        sorted({c.period for (key, _), c in view.cells.items() if key in {s.key for s in slots}})
    )
    return queries.sources_for(flt, periods) if periods else []


def _build(state: OverviewState, lang: str) -> OverviewCharts:
    flt = dataclasses.replace(state.observation_filter(), metrics=(state.metric,))
    view = state_view(state, lang)
    selected = next(m for m in queries.metrics() if m["code"] == state.metric)
    info = fig.MetricInfo(
        code=selected["code"],
        name=localized(selected, "name", lang),
        unit=localized(selected, "unit", lang),
    )
    unit = fig.unit_label(info, view.per_month, lang)
    all_sources = _sources(flt, view, view.slots)
    share_sources = _sources(flt, view, fig.share_slots(view))
    gaps = t("Periods with no figures are empty, never 0; lines break there.", lang)
    table = fig.values_table(view, info, conflicts(state, view))
    title_regions, title_trend, title_share = _titles(state, view, info.name, lang)
    charts = [
        OverviewChart(
            "regions-chart",
            "overview",
            title_regions,
            fig.regions_by_period_figure(view, info),
            text.regions_summary(view, info),
            table,
            gaps,
            all_sources,
        ),
        OverviewChart(
            "trend-chart",
            "trend",
            title_trend,
            fig.trend_figure(view, info),
            text.trend_summary(view, info),
            table,
            gaps,
            all_sources,
        ),
        OverviewChart(
            "share-chart",
            "share",
            title_share,
            fig.share_figure(view, info),
            text.share_summary(view),
            fig.share_table(view),
            fig.share_note(view),
            share_sources,
        ),
    ]
    all_regions = len(state.regions) == len(queries.regions())
    release = (
        next((r for r in queries.releases() if r["number"] == state.release), None)
        if state.release is not None
        else queries.latest_release()
    )
    return OverviewCharts(
        unit=unit,
        period=_period_text(view),
        sources=all_sources,
        release=release,
        charts=charts,
        view=view,
        cards=headline_cards(view, selected, national_figures(state), all_regions),
        per_month_help=per_month_help(view, lang),
        metric_options=metric_options(state.granularity, lang),
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
        chart.sources,
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


def overview_outputs(state: OverviewState, built: OverviewCharts, lang: str) -> tuple[Any, ...]:
    """The values of the overview callback's outputs, in its output order: the headline card;
    title, figure and details of each chart in ``built``; the filter message; the per-month
    help; the measures on offer for the view and the one selected.

    Also used by the page's ``layout`` to render the first view on the server, which saves the
    reader a callback round trip before the first chart is drawn.
    """
    page_query = state.query_string(lang)
    data_links = observation_links(lang, page_query)
    outputs: list[Any] = [built.cards]
    for chart in built.charts:
        tools = chart_tools(
            chart.chart_id,
            lang,
            title=chart.title,
            caption=image_caption(lang, built.unit, chart.sources, built.release, built.period),
            sources=chart.sources,
            release=built.release,
            page_path="/",
            page_query=page_query,
            embed=chart.embed,
            data_links=data_links,
        )
        outputs += [chart.title, chart.figure, chart_children(built, chart, lang, tools)]
    return (
        *outputs,
        filter_message(state, lang),
        built.per_month_help,
        built.metric_options,
        state.metric,
    )


def metric_options(granularity: str, lang: str) -> list[dict[str, str]]:
    """The measure choices of a view: those with figures of that view."""
    return [
        {"label": localized(m, "name", lang), "value": m["code"]}
        for m in queries.charted_metrics(granularity)
    ]
