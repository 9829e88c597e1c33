"""What the map and overview callbacks return, assembled from already-built views
(``map_view.map_outputs``, ``overview_charts.overview_outputs``): order, tools and links.

The views are built by hand here, so these tests need no database and no HTTP; the HTTP tests
in ``tests/http`` check that the callbacks are wired to these functions.
"""

from __future__ import annotations

from component_tree import by_id, ids, links, text

from dashboard.components.map_view import MapView, map_card, map_outputs
from dashboard.components.overview_charts import OverviewChart, OverviewCharts, overview_outputs
from dashboard.figures.overview import ChartTable
from dashboard.view_state import OverviewState

FAMILIES = {
    "code": "families_returned",
    "name_lv": "Ģimenes atgriezušās",
    "name_en": "Families returned",
    "unit_lv": "ģimenes",
    "unit_en": "families",
}
STATE = OverviewState(
    regions=("latgale",),
    metric="families_returned",
    period_from="2019",
    period_to="2019",
    per_month=False,
    date_from=None,
    date_to=None,
    swapped=True,
)
TABLE = ChartTable(columns=["Period", "Latgale"], rows=[["2019", "1 000"]])


def test_map_outputs_are_title_figure_legend_then_details_with_the_map_tools():
    view = MapView(
        "Families – 2019", {"data": []}, ["LEGEND"], ["SUMMARY"], "families", [], None, "2019"
    )
    title, figure, legend, details = map_outputs(view, "en", "metric=families_returned&lang=en")
    assert (title, figure, legend) == ("Families – 2019", {"data": []}, ["LEGEND"])
    # One static section (summary, table, provenance, tools): plain HTML for React.
    (section,) = details
    assert section.static_children[0] == "SUMMARY"
    assert section.__dict__["data-static-html"].startswith('SUMMARY<div class="chart-tools')
    assert "map-tools" in ids(details)
    hrefs = [href for _, href in links(details)]
    assert "/download/observations.csv?metric=families_returned&lang=en" in hrefs


def test_the_map_card_holds_the_ids_the_map_callback_fills_and_starts_filled():
    card = map_card("lv", ("TITLE", {"data": ["MAP"]}, ["LEGEND"], ["DETAILS"]), "BELOW")
    assert {"map-title", "map-legend", "map-graph", "map-details"} <= set(ids(card))
    assert text(card) == "TITLE LEGEND DETAILS BELOW"
    assert by_id(card, "map-graph").figure == {"data": ["MAP"]}


def test_overview_outputs_follow_the_callback_s_output_order():
    charts = [
        OverviewChart(
            cid, embed, f"Title {embed}", {"data": [embed]}, f"Summary {embed}", TABLE, "", []
        )
        for cid, embed in (
            ("regions-chart", "overview"),
            ("trend-chart", "trend"),
            ("share-chart", "share"),
        )
    ]
    built = OverviewCharts(
        unit="families",
        period="2019",
        sources=[],
        release=None,
        charts=charts,
        view=None,
        cards=["CARD"],
        per_month_help="HELP",
        metric_options=[{"label": "Families returned", "value": "families_returned"}],
    )
    cards, *per_chart, message, help_text, options, metric = overview_outputs(STATE, built, "en")
    assert cards == ["CARD"]
    assert help_text == "HELP"
    assert (options, metric) == (built.metric_options, "families_returned")
    assert len(per_chart) == 9
    for i, embed in enumerate(("overview", "trend", "share")):
        title, figure, details = per_chart[3 * i : 3 * i + 3]
        assert (title, figure) == (f"Title {embed}", {"data": [embed]})
        assert text(details).startswith(f"Summary {embed}")
        # Each chart's tools reopen this view and embed this chart.
        chart_id = charts[i].chart_id
        assert text(by_id(details, f"{chart_id}-permalink")) == (
            "/?regions=latgale&metric=families_returned&from=2019&to=2019&per_month=0&lang=en"
        )
        assert f'src="/embed/{embed}?regions=latgale&amp;' in text(
            by_id(details, f"{chart_id}-embed")
        )
    assert text(message) == (
        "The start period is after the end period; the range has been swapped."
    )
